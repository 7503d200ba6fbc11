/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * measure.c — the stable names of sample kinds and statuses (used in CSV and
 * JSON, so never renamed) and the initialisers that mark every measured field
 * unknown. See measure.h.
 */
#include "measure/measure.h"

#include <errno.h>
#include <math.h>
#include <string.h>

static const char *const kind_names[] = {
	[SAMPLE_SCAN] = "scan",
	[SAMPLE_LINK] = "link",
	[SAMPLE_THROUGHPUT] = "throughput",
	[SAMPLE_LATENCY] = "latency",
	[SAMPLE_CAPTURE] = "capture",
	[SAMPLE_NOISE] = "noise",
};

static const char *const status_names[] = {
	[SAMPLE_OK] = "ok",
	[SAMPLE_NOT_ASSOCIATED] = "not-associated",
	[SAMPLE_SCAN_FAILED] = "scan-failed",
	[SAMPLE_SCAN_CACHED] = "scan-cached",
	[SAMPLE_FAILED] = "failed",
	[SAMPLE_TIMEOUT] = "timeout",
};

#define NKINDS (sizeof(kind_names) / sizeof(kind_names[0]))
#define NSTATUSES (sizeof(status_names) / sizeof(status_names[0]))

const char *meas_kind_name(enum meas_kind kind)
{
	if ((unsigned)kind < NKINDS && kind_names[kind])
		return kind_names[kind];
	return "unknown";
}

const char *meas_status_name(enum meas_status status)
{
	if ((unsigned)status < NSTATUSES && status_names[status])
		return status_names[status];
	return "unknown";
}

int meas_kind_parse(const char *name)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (kind_names[i] && name && strcmp(kind_names[i], name) == 0)
			return (int)i;
	return -EINVAL;
}

int meas_status_parse(const char *name)
{
	for (size_t i = 0; i < NSTATUSES; i++)
		if (status_names[i] && name && strcmp(status_names[i], name) == 0)
			return (int)i;
	return -EINVAL;
}

void meas_init_sample(struct meas_sample *s)
{
	memset(s, 0, sizeof(*s));
	s->kind = SAMPLE_SCAN;
	s->status = SAMPLE_OK;
	s->x_m = NAN;
	s->y_m = NAN;
	s->noise_dbm = NAN;
}

void meas_init_observation(struct meas_observation *o)
{
	memset(o, 0, sizeof(*o));
	o->signal_dbm = NAN;
	o->noise_dbm = NAN;
	o->bss_stations = -1;
	o->bss_utilisation = NAN;
	o->age_ms = -1;
}

void meas_init_link(struct meas_link *l)
{
	memset(l, 0, sizeof(*l));
	l->signal_dbm = NAN;
	l->signal_avg_dbm = NAN;
	l->beacon_signal_avg_dbm = NAN;
	l->tx_bitrate_mbps = NAN;
	l->rx_bitrate_mbps = NAN;
	l->expected_throughput_mbps = NAN;
	l->tx_retries = -1;
	l->tx_failed = -1;
	l->beacon_loss = -1;
	l->rx_bytes = -1;
	l->tx_bytes = -1;
	l->noise_dbm = NAN;
	l->connected_s = -1;
}

void meas_init_throughput(struct meas_throughput *t)
{
	memset(t, 0, sizeof(*t));
	t->duration_s = NAN;
	t->mbps = NAN;
	t->jitter_ms = NAN;
	t->loss_pct = NAN;
	t->rtt_ms = NAN;
}
