/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csvmap.c — a person's column mapping into a struct survey_csv_map.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "formats/csvmap.h"

/* Known layouts. WiGLE: "WigleWifi-1.4,appRelease=…" then the header; positions are GPS, not a floor. */
static const struct {
	const char *name, *spec;
	size_t skip;
} layouts[] = {
	{ "wigle", "MAC=bssid,SSID=ssid,FirstSeen=time_utc,Channel=channel,Frequency=freq_mhz,"
		   "RSSI=signal_dbm", 1 },
};

static size_t trimmed(const char **s, size_t n)
{
	while (n && isspace((unsigned char)**s)) {
		(*s)++;
		n--;
	}
	while (n && isspace((unsigned char)(*s)[n - 1]))
		n--;
	return n;
}

/* One "Theirs=ours" of @n bytes at @p. */
static int add_pair(struct survey_csv_map *m, const char *p, size_t n, struct ns_err *err)
{
	const char *eq = memchr(p, '=', n), *a = p, *b;
	size_t na, nb;

	if (!(n = trimmed(&p, n)))
		return 0;
	if (!eq)
		return ns_err_set(err, -EINVAL, "'%.*s' is not Theirs=ours", (int)(n > 60 ? 60 : n), p);
	a = p;
	na = trimmed(&a, (size_t)(eq - p));
	b = eq + 1;
	nb = trimmed(&b, n - (size_t)(eq - p) - 1);
	if (!na || !nb || memchr(b, '=', nb))
		return ns_err_set(err, -EINVAL, "'%.*s' is not Theirs=ours", (int)(n > 60 ? 60 : n), p);
	if (m->n == SURVEY_CSV_MAP_MAX)
		return ns_err_set(err, -EINVAL, "more than %d columns are mapped", SURVEY_CSV_MAP_MAX);
	if (na >= sizeof(m->theirs[0]) || nb >= sizeof(m->ours[0]))
		return ns_err_set(err, -EINVAL, "'%.*s' has a name too long", (int)(n > 60 ? 60 : n),
				  p);
	memcpy(m->theirs[m->n], a, na);
	m->theirs[m->n][na] = '\0';
	memcpy(m->ours[m->n], b, nb);
	m->ours[m->n][nb] = '\0';
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->theirs[i], m->theirs[m->n]))
			return ns_err_set(err, -EINVAL, "column '%s' is mapped twice", m->theirs[i]);
	m->n++;
	return 0;
}

int fmt_csv_map_parse(const char *spec, struct survey_csv_map *m, struct ns_err *err)
{
	const char *p = spec;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (!strcmp(spec, layouts[i].name)) {
			m->skip_lines = layouts[i].skip;
			p = layouts[i].spec;
		}
	while (*p && !rc) {
		size_t n = strcspn(p, ",\n#");

		rc = add_pair(m, p, n, err);
		p += n;
		if (*p == '#')
			p += strcspn(p, "\n");
		if (*p)
			p++;
	}
	if (!rc && !m->n)
		rc = ns_err_set(err, -EINVAL, "the mapping names no column");
	return rc;
}

bool fmt_csv_map_uses_pixels(const struct survey_csv_map *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->ours[i], "x_px") || !strcmp(m->ours[i], "y_px"))
			return true;
	return false;
}
