/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * measure.c — the stable names of sample kinds and statuses (used in CSV and
 * JSON, so never renamed), the initialisers that mark every measured field
 * unknown, and the one rule for the text shown for an SSID's bytes. See
 * measure.h.
 */
#include "measure/measure.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "util/textcheck.h"

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

/* ---- SSIDs: bytes and the text shown for them --------------------------------- */

/*
 * Characters shown as they are: none that the name rule calls unsafe
 * (controls, line separators, bidi embeddings and isolates), and not the
 * left-to-right and right-to-left marks either, which are invisible in an SSID.
 */
static bool ssid_printable(uint32_t c)
{
	return !ns_text_unsafe_char(c) && c != 0x200e && c != 0x200f;
}

int meas_ssid_set(char *text, size_t cap, const uint8_t *raw, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i = 0;
	int escaped = 0;

	if (cap)
		text[0] = '\0';
	if (len > MEAS_SSID_MAX)
		return -EINVAL;
	while (i < len) {
		uint32_t cp = 0;
		size_t n = ns_utf8_char(raw + i, len - i, &cp);
		char unit[8];
		size_t u;

		if (n && cp == '\\') {
			memcpy(unit, "\\\\", 2);
			u = 2;
			escaped = 1;
		} else if (n && ssid_printable(cp)) {
			memcpy(unit, raw + i, n);
			u = n;
		} else {
			/* One byte at a time: a bad sequence's next byte may start a good one. */
			unit[0] = '\\';
			unit[1] = 'x';
			unit[2] = hex[raw[i] >> 4];
			unit[3] = hex[raw[i] & 15];
			u = 4;
			n = 1;
			escaped = 1;
		}
		if (o + u + 1 > cap)
			return -ENOSPC;
		memcpy(text + o, unit, u);
		o += u;
		text[o] = '\0';
		i += n;
	}
	return escaped;
}

/* The four SSID fields of an observation or a link, from the bytes. */
static int ssid_fill(char *text, size_t cap, uint8_t *raw_out, uint8_t *len_out, bool *escaped,
		     const uint8_t *raw, size_t len)
{
	int rc = meas_ssid_set(text, cap, raw, len);

	if (rc < 0) {
		*len_out = 0;
		*escaped = false;
		return rc;
	}
	memmove(raw_out, raw, len);
	*len_out = (uint8_t)len;
	*escaped = rc == 1;
	return 0;
}

int meas_observation_set_ssid(struct meas_observation *o, const uint8_t *raw, size_t len)
{
	return ssid_fill(o->ssid, sizeof(o->ssid), o->ssid_raw, &o->ssid_len, &o->ssid_escaped,
			 raw, len);
}

int meas_link_set_ssid(struct meas_link *l, const uint8_t *raw, size_t len)
{
	return ssid_fill(l->ssid, sizeof(l->ssid), l->ssid_raw, &l->ssid_len, &l->ssid_escaped, raw,
			 len);
}
