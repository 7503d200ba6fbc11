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
 * The code point of the valid UTF-8 sequence at @p (at most @n bytes) into
 * *@cp; its length, or 0 when the bytes there are not valid UTF-8 (overlong
 * forms, surrogates and values past U+10FFFF included).
 */
static size_t utf8_decode(const uint8_t *p, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0) {
		len = 2;
		c = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		len = 3;
		c = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		len = 4;
		c = p[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Characters shown as they are: not controls, and none that reorder or break the text. */
static bool ssid_printable(uint32_t c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return false;
	if (c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029 ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return false;
	return true;
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
		size_t n = utf8_decode(raw + i, len - i, &cp);
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
