/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_text.c — the report's text assembly (struct rtext, report_priv.h)
 * and its numbers, rules and dates as printed: percentages rounded, a real
 * minus sign (U+2212) for negative values, "n/m" for not measured.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "heatmap/report_priv.h"

/* Room kept at the end of the buffer for the note that pieces were left out. */
#define RTEXT_NOTE 48

void rtext_init(struct rtext *t)
{
	t->buf[0] = 0;
	t->len = 0;
	t->dropped = 0;
}

/* After the text, when pieces were left out: " … (N more not shown)" (in the room kept for it). */
static void seal(struct rtext *t)
{
	t->buf[t->len] = 0;
	if (t->dropped)
		snprintf(t->buf + t->len, RTEXT_MAX - t->len, " … (%zu more not shown)", t->dropped);
}

void rtext_vaddf(struct rtext *t, const char *fmt, va_list ap)
{
	size_t room = RTEXT_MAX - RTEXT_NOTE - t->len;
	int n = vsnprintf(t->buf + t->len, room, fmt, ap);

	if (n < 0 || (size_t)n >= room)
		t->dropped++; /* all of the piece or none of it */
	else
		t->len += (size_t)n;
	seal(t);
}

void rtext_addf(struct rtext *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rtext_vaddf(t, fmt, ap);
	va_end(ap);
}

void rtext_add_unique(struct rtext *t, const char *item)
{
	size_t n = strlen(item);
	const char *p = t->buf;

	t->buf[t->len] = 0; /* the list only, not the note after it */
	while ((p = strstr(p, item))) {
		if ((p == t->buf || (p - t->buf >= 2 && p[-2] == ',')) && (p[n] == 0 || p[n] == ',')) {
			seal(t);
			return;
		}
		p += n;
	}
	rtext_addf(t, "%s%s", t->len ? ", " : "", item);
}

const char *rtext_str(const struct rtext *t)
{
	return t->buf;
}

bool rtext_empty(const struct rtext *t)
{
	return t->len == 0 && t->dropped == 0;
}

void rtext_release(struct rtext *t)
{
	rtext_init(t);
}

double rep_pct(double a, double b)
{
	return b > 0 ? 100 * a / b : NAN;
}

void rep_fmt_pct(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "n/m");
	else
		snprintf(buf, len, "%.0f%%", v);
}

/* "−89 dBm", "no signal", "n/m" — with a real minus sign for print. */
void rep_fmt_value(char *buf, size_t len, double v, bool no_signal, enum hm_metric m)
{
	const struct hm_metric_info *mi = hm_metric_info(m);

	if (no_signal)
		snprintf(buf, len, "no signal");
	else if (isnan(v))
		snprintf(buf, len, "n/m");
	else if (v < 0)
		snprintf(buf, len, "\u2212%.0f %s", -v, mi->unit);
	else
		snprintf(buf, len, "%.0f %s", v, mi->unit);
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
