/*
 * values.c — the survey's small value helpers: BSSID text, the stable names of
 * sample kinds and statuses (used in CSV and JSON, so never renamed), and the
 * initialisers that mark every measured field unknown. See survey.h.
 */
#include "survey/survey.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *survey_format_bssid(const uint8_t bssid[6], char *buf)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", bssid[0], bssid[1], bssid[2],
		 bssid[3], bssid[4], bssid[5]);
	return buf;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int survey_parse_bssid(const char *s, uint8_t bssid[6])
{
	uint8_t b[6];
	char sep = 0;

	if (!s || strlen(s) != 17)
		return -EINVAL;
	for (int i = 0; i < 6; i++) {
		int hi = hexval(s[i * 3]), lo = hexval(s[i * 3 + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		b[i] = (uint8_t)(hi << 4 | lo);
		if (i < 5) {
			char c = s[i * 3 + 2];

			if (c != ':' && c != '-')
				return -EINVAL;
			if (sep && c != sep)
				return -EINVAL;
			sep = c;
		}
	}
	memcpy(bssid, b, 6);
	return 0;
}

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

const char *survey_kind_name(enum survey_sample_kind kind)
{
	if ((unsigned)kind < NKINDS && kind_names[kind])
		return kind_names[kind];
	return "unknown";
}

const char *survey_status_name(enum survey_sample_status status)
{
	if ((unsigned)status < NSTATUSES && status_names[status])
		return status_names[status];
	return "unknown";
}

int survey_kind_parse(const char *name)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (kind_names[i] && name && strcmp(kind_names[i], name) == 0)
			return (int)i;
	return -EINVAL;
}

int survey_status_parse(const char *name)
{
	for (size_t i = 0; i < NSTATUSES; i++)
		if (status_names[i] && name && strcmp(status_names[i], name) == 0)
			return (int)i;
	return -EINVAL;
}

void survey_init_sample(struct survey_sample *s)
{
	memset(s, 0, sizeof(*s));
	s->kind = SAMPLE_SCAN;
	s->status = SAMPLE_OK;
	s->x_m = NAN;
	s->y_m = NAN;
	s->noise_dbm = NAN;
}

void survey_init_observation(struct survey_observation *o)
{
	memset(o, 0, sizeof(*o));
	o->signal_dbm = NAN;
	o->noise_dbm = NAN;
	o->bss_stations = -1;
	o->bss_utilisation = NAN;
	o->age_ms = -1;
}

void survey_init_link(struct survey_link *l)
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

void survey_init_throughput(struct survey_throughput *t)
{
	memset(t, 0, sizeof(*t));
	t->duration_s = NAN;
	t->mbps = NAN;
	t->jitter_ms = NAN;
	t->loss_pct = NAN;
	t->rtt_ms = NAN;
}

bool survey_walk_is_simulated(const struct survey_walk *w)
{
	return strcmp(w->mode, "simulated") == 0 || strcmp(w->driver, SURVEY_SIM_DRIVER) == 0;
}

int survey_has_simulated_walks(struct survey *s, int64_t floor_id, bool *out, struct ns_err *err)
{
	struct survey_walk *walks = NULL;
	size_t n = 0;
	int rc = survey_list_walks(s, floor_id, &walks, &n, err);

	*out = false;
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		*out = *out || survey_walk_is_simulated(&walks[i]);
	free(walks);
	return 0;
}
