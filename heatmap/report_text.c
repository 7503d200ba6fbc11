/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_text.c — the report's numbers, rules, channels and dates as
 * printed (report_priv.h): percentages rounded, a real minus sign (U+2212)
 * for negative values, "n/m" for a rule not measured, "n/a" for a share of
 * nothing, a channel always with its band. Text is assembled in
 * util/strbuf, which grows and never cuts.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "heatmap/report_priv.h"

void rep_add_unique(struct strbuf *sb, const char *item)
{
	size_t n = strlen(item);
	const char *p = sb->buf;

	while ((p = strstr(p, item))) {
		if ((p == sb->buf || (p - sb->buf >= 2 && p[-2] == ',')) && (p[n] == 0 || p[n] == ','))
			return;
		p += n;
	}
	strbuf_addf(sb, "%s%s", sb->len ? ", " : "", item);
}

double rep_pct(double a, double b)
{
	return b > 0 ? 100 * a / b : NAN;
}

void rep_fmt_pct(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		snprintf(buf, len, "n/m");
	else
		snprintf(buf, len, "%.0f%%", v);
}

void rep_fmt_share(char *buf, size_t len, double a, double b)
{
	if (!(b > 0) || !isfinite(a))
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "%.0f%%", 100 * a / b);
}

void rep_fmt_channel(char *buf, size_t len, int channel, int freq_mhz)
{
	/* Channel numbers repeat across bands (DOMAIN.md, Channels): never one without its band. */
	snprintf(buf, len, "ch %d (%s)", channel, hm_band_name(fp_band_of_freq(freq_mhz)));
}

/* "−89 dBm", "no signal", "n/m" — with a real minus sign for print. */
void rep_fmt_value(char *buf, size_t len, double v, bool no_signal, enum hm_metric m)
{
	const struct hm_metric_info *mi = hm_metric_info(m);

	if (no_signal)
		snprintf(buf, len, "no signal");
	else if (!isfinite(v))
		snprintf(buf, len, "n/m");
	else if (v <= -0.5) /* never "−0" */
		snprintf(buf, len, "\u2212%.0f %s", -v, mi->unit);
	else
		snprintf(buf, len, "%.0f %s", fabs(v) < 0.5 ? 0.0 : v, mi->unit);
}

const char *rep_rule_text(const struct hm_rule *ru, char *buf, size_t len)
{
	char tmp[96], *o = buf;
	size_t left = len;

	hm_rule_describe(ru, tmp, sizeof(tmp));
	/* Typographic minus for negative numbers in print. */
	for (const char *p = tmp; *p && left > 4; p++) {
		if (*p == '-' && p[1] >= '0' && p[1] <= '9') {
			memcpy(o, "\u2212", 3);
			o += 3;
			left -= 3;
		} else {
			*o++ = *p;
			left--;
		}
	}
	*o = 0;
	return buf;
}

/* The threshold part of a rule's description: what follows "KEY ", or all of it. */
const char *rep_rule_threshold(const char *desc, const char *key)
{
	size_t n = strlen(key);

	return strncmp(desc, key, n) == 0 && desc[n] == ' ' ? desc + n + 1 : desc;
}

void rep_day(int64_t us, char *buf, size_t len)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;

	if (us <= 0 || !gmtime_r(&t, &tm))
		snprintf(buf, len, "unknown");
	else
		strftime(buf, len, "%d %B %Y", &tm);
}

void rep_hhmm(int64_t us, char *buf, size_t len)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;

	if (us <= 0 || !gmtime_r(&t, &tm))
		snprintf(buf, len, "?");
	else
		strftime(buf, len, "%H:%M", &tm);
}
