/* SPDX-License-Identifier: GPL-3.0-or-later */
/* clock.c — see clock.h. */
#include "util/clock.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t ns_wall_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t ns_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

char *ns_format_utc(int64_t t_us, char *buf, size_t len)
{
	time_t sec = (time_t)(t_us / 1000000);
	int ms = (int)((t_us % 1000000) / 1000);
	struct tm tm;

	if (t_us < 0 && t_us % 1000000) {
		sec -= 1;
		ms = (int)((1000000 + t_us % 1000000) / 1000);
	}
	gmtime_r(&sec, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
	return buf;
}

/* Exactly @n ASCII digits at *@p (no sign, no blanks: sscanf's %2d takes " 1" and "-1"). */
static bool take_digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return false;
		v = v * 10 + (**p - '0');
	}
	*out = v;
	return true;
}

static bool take_char(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

int ns_parse_utc(const char *s, int64_t *t_us)
{
	struct tm tm;
	int frac_digits = 0;
	long frac = 0;
	const char *p = s;

	memset(&tm, 0, sizeof(tm));
	if (!take_digits(&p, 4, &tm.tm_year) || !take_char(&p, '-') ||
	    !take_digits(&p, 2, &tm.tm_mon) || !take_char(&p, '-') ||
	    !take_digits(&p, 2, &tm.tm_mday) || !take_char(&p, 'T') ||
	    !take_digits(&p, 2, &tm.tm_hour) || !take_char(&p, ':') ||
	    !take_digits(&p, 2, &tm.tm_min) || !take_char(&p, ':') ||
	    !take_digits(&p, 2, &tm.tm_sec))
		return -EINVAL;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (frac_digits < 6) {
				frac = frac * 10 + (*p - '0');
				frac_digits++;
			}
		}
		if (frac_digits == 0)
			return -EINVAL;
		while (frac_digits++ < 6)
			frac *= 10;
	}
	if (*p == 'Z')
		p++;
	if (*p != '\0')
		return -EINVAL;
	/* timegm() would quietly turn 2026-02-30 into 2026-03-02. */
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > days_in_month(tm.tm_year, tm.tm_mon) || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 60)
		return -EINVAL;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t_us = (int64_t)timegm(&tm) * 1000000 + frac;
	return 0;
}
