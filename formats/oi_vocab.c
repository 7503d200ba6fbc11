/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * oi_vocab.c — OpenIntent's words for channels, widths, bands, security and
 * time, and notspot's for the same things (the mapping table in
 * formats/README.md lists them).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "floorplans/model.h"
#include "formats/oi_priv.h"

static const struct {
	const char *name;
	int mhz;
} widths[] = {
	{ "20_MHz", 20 }, { "40_MHz", 40 }, { "80_MHz", 80 }, { "160_MHz", 160 },
	{ "320_MHz", 320 }, { "80+80_MHz", 160 }, { "160+160_MHz", 320 },
};

const char *fmt_oi_width_name(int mhz)
{
	for (size_t i = 0; i < 5; i++) /* the contiguous widths only */
		if (widths[i].mhz == mhz)
			return widths[i].name;
	return NULL;
}

int fmt_oi_width_parse(const char *s)
{
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		if (strcmp(widths[i].name, s) == 0)
			return widths[i].mhz;
	return 0;
}

static const char *const band_names[FP_NBANDS] = { "FREQ_2.4GHZ", "FREQ_5GHZ", "FREQ_6GHZ" };

const char *fmt_oi_band_name(int band)
{
	return band >= 0 && band < FP_NBANDS ? band_names[band] : NULL;
}

int fmt_oi_band_parse(const char *s)
{
	for (int i = 0; i < FP_NBANDS; i++)
		if (strcmp(band_names[i], s) == 0)
			return i;
	return -1;
}

/* notspot's security texts (scanner/ies.c) and the modes each stands for, weakest first. */
static const struct {
	const char *text;
	const char *modes[2];
} security[] = {
	{ "open", { "OPEN" } },
	{ "wep", { "WEP" } },
	{ "owe", { "OWE" } },
	{ "wpa-psk", { "WPA1_PERSONAL" } },
	{ "wpa-eap", { "WPA1_ENTERPRISE" } },
	{ "wpa2-psk", { "WPA2_PERSONAL" } },
	{ "wpa2/wpa3-psk", { "WPA2_PERSONAL", "WPA3_PERSONAL" } },
	{ "wpa3-sae", { "WPA3_PERSONAL" } },
	{ "wpa2-eap", { "WPA2_ENTERPRISE" } },
	{ "wpa3-eap", { "WPA3_ENTERPRISE" } },
	{ "wpa3-eap-192", { "WPA3_ENTERPRISE_192" } },
};
#define NSECURITY (sizeof(security) / sizeof(security[0]))

size_t fmt_oi_security_modes(const char *text, const char *out[2])
{
	for (size_t i = 0; i < NSECURITY; i++)
		if (strcmp(security[i].text, text) == 0) {
			out[0] = security[i].modes[0];
			out[1] = security[i].modes[1];
			return out[1] ? 2 : 1;
		}
	return 0;
}

static bool has_mode(const char *const *modes, size_t n, const char *m)
{
	for (size_t i = 0; i < n; i++)
		if (modes[i] && strcmp(modes[i], m) == 0)
			return true;
	return false;
}

void fmt_oi_security_text(const char *const *modes, size_t n, char *out, size_t cap)
{
	long best = -1;

	/* An exact set first (WPA2+WPA3 personal is one text), else the strongest single mode. */
	for (size_t i = 0; i < NSECURITY; i++) {
		size_t k = security[i].modes[1] ? 2 : 1;

		if (k == n && has_mode(modes, n, security[i].modes[0]) &&
		    (k == 1 || has_mode(modes, n, security[i].modes[1]))) {
			snprintf(out, cap, "%s", security[i].text);
			return;
		}
		if (k == 1 && has_mode(modes, n, security[i].modes[0]))
			best = (long)i;
	}
	if (best >= 0)
		snprintf(out, cap, "%s", security[best].text);
	else if (has_mode(modes, n, "DPP"))
		snprintf(out, cap, "dpp");
	else
		snprintf(out, cap, "%s", n ? "other" : "");
}

char *fmt_rfc3339(int64_t t_us, char *buf, size_t cap)
{
	time_t sec = (time_t)(t_us >= 0 ? t_us / 1000000 : (t_us - 999999) / 1000000);
	long us = (long)(t_us - (int64_t)sec * 1000000);
	struct tm tm;

	gmtime_r(&sec, &tm);
	snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, us);
	return buf;
}

static bool digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool take(const char **p, const char *set)
{
	if (!**p || !strchr(set, **p))
		return false;
	(*p)++;
	return true;
}

int fmt_parse_rfc3339(const char *s, int64_t *t_us)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 0;
	long frac = 0;
	int nfrac = 0;
	const char *p = s;
	struct tm tm;

	if (!digits(&p, 4, &y) || !take(&p, "-") || !digits(&p, 2, &mo) || !take(&p, "-") ||
	    !digits(&p, 2, &d) || !take(&p, "Tt ") || !digits(&p, 2, &h) || !take(&p, ":") ||
	    !digits(&p, 2, &mi) || !take(&p, ":") || !digits(&p, 2, &se))
		return -EINVAL;
	if (take(&p, ".")) {
		for (; isdigit((unsigned char)*p); p++, nfrac++)
			if (nfrac < 6)
				frac = frac * 10 + (*p - '0');
		if (!nfrac)
			return -EINVAL;
		for (int i = nfrac; i < 6; i++)
			frac *= 10;
	}
	if (take(&p, "Zz"))
		sign = 0;
	else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (!digits(&p, 2, &oh) || !take(&p, ":") || !digits(&p, 2, &om) || oh > 23 || om > 59)
			return -EINVAL;
	} else
		return -EINVAL;
	if (*p || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || se > 60 ||
	    (mo == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
		return -EINVAL;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*t_us = ((int64_t)timegm(&tm) - (int64_t)sign * (oh * 3600 + om * 60)) * 1000000 + frac;
	return 0;
}

static int b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

int fmt_base64_decode(const char *s, uint8_t *out, size_t cap, size_t *len)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t n = 0;

	for (; *s && *s != '='; s++) {
		int v = b64_value((unsigned char)*s);

		if (v < 0)
			return -EINVAL;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n == cap)
				return -EINVAL;
			out[n++] = (uint8_t)(acc >> bits);
		}
	}
	while (*s == '=')
		s++;
	if (*s || bits >= 6)
		return -EINVAL;
	*len = n;
	return 0;
}

void fmt_frame_to_oi(const struct fmt_frame *f, double x, double y, double *ox, double *oy)
{
	*ox = fmax(0, x + f->ox_m);
	*oy = fmax(0, f->l_m - (y + f->oy_m));
}

void fmt_frame_from_oi(const struct fmt_frame *f, double x, double y, double *nx, double *ny)
{
	*nx = x - f->ox_m;
	*ny = (f->l_m - y) - f->oy_m;
}

const char *fmt_material_guess(const char *name)
{
	/* Most specific first: "fire door" before "door", "low-e glass" before "glass". */
	static const struct {
		const char *word, *key;
	} words[] = {
		{ "lead", "lead-lined" },      { "low-e", "glass-low-e" }, { "low e", "glass-low-e" },
		{ "metallised", "glass-low-e" }, { "fire", "fire-door" },  { "elevator", "lift-shaft" },
		{ "lift", "lift-shaft" },      { "metal", "lift-shaft" },  { "steel", "lift-shaft" },
		{ "concrete", "concrete" },    { "block", "concrete" },    { "brick", "brick" },
		{ "drywall", "plasterboard" }, { "plaster", "plasterboard" }, { "gypsum", "plasterboard" },
		{ "glass", "glass" },          { "window", "glass" },      { "door", "wooden-door" },
		{ "wood", "wooden-door" },
	};
	char low[64];
	size_t n = 0;

	if (fp_material_find(name))
		return fp_material_find(name)->key;
	for (; name[n] && n + 1 < sizeof(low); n++)
		low[n] = (char)tolower((unsigned char)name[n]);
	low[n] = '\0';
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(low, words[i].word))
			return words[i].key;
	return NULL;
}

void fmt_base64_encode(const uint8_t *b, size_t n, char *out)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)b[i] << 16 | (i + 1 < n ? (uint32_t)b[i + 1] << 8 : 0) |
			     (i + 2 < n ? b[i + 2] : 0);

		out[o++] = a[v >> 18 & 63];
		out[o++] = a[v >> 12 & 63];
		out[o++] = i + 1 < n ? a[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? a[v & 63] : '=';
	}
	out[o] = '\0';
}
