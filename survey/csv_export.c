/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv_export.c — the long CSV format, written: one row per BSSID per sample,
 * a row for a sample with nothing heard, a link poll's BSS as its row; text
 * quoted by RFC 4180 and defused for spreadsheets. See csv.h and
 * survey/README.md; csv.c reads it back.
 */
#include "survey/csv.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "survey/store_private.h"
#include "util/mac.h"

char *survey_format_time_us(int64_t t_us, char *buf, size_t len)
{
	int64_t sec = t_us / 1000000, us = t_us % 1000000;
	time_t tt;
	struct tm tm;

	if (us < 0) {
		us += 1000000;
		sec -= 1;
	}
	tt = (time_t)sec;
	gmtime_r(&tt, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)us);
	return buf;
}

/* ---- export --------------------------------------------------------------- */

/*
 * Text a spreadsheet would run as a formula: an SSID is whatever a stranger's
 * access point broadcasts, and network teams open these files in Excel. Such
 * text is written with a leading apostrophe (OWASP's advice for CSV
 * injection), and so is text already starting with one, so the import can
 * take exactly one off and give back the bytes that were stored.
 */
bool survey_csv_formula_like(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	       s[0] == '\r' || s[0] == '\'';
}

/* RFC 4180: quote when a field holds a comma, quote, CR or LF (or edge spaces). */
static void put_text(FILE *out, const char *s)
{
	size_t n = strlen(s);
	bool quote = n && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ');

	if (quote)
		fputc('"', out);
	if (n && survey_csv_formula_like(s))
		fputc('\'', out);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	if (quote)
		fputc('"', out);
}

/* The shortest decimal that reads back as the same double; empty for NAN. */
static void put_real(FILE *out, double v)
{
	char buf[40];

	if (isnan(v))
		return;
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	fputs(buf, out);
}

static void put_int(FILE *out, int64_t v, int64_t unknown)
{
	if (v != unknown)
		fprintf(out, "%lld", (long long)v);
}

struct export_ctx {
	FILE *out;
	const struct survey_progress *progress;
	int64_t done, total;
	struct survey_walk *walks;
	size_t nwalks;
	struct survey_floor_info *floors;
	size_t nfloors;
	bool ssid_hex;  /* the rows end with SURVEY_CSV_SSID_HEX */
};

/* The end of a row: the SSID's bytes as hex when they are not its text (and the column is there). */
static void end_row(const struct export_ctx *x, const uint8_t *raw, size_t len, bool escaped)
{
	if (x->ssid_hex) {
		fputc(',', x->out);
		for (size_t i = 0; escaped && i < len; i++)
			fprintf(x->out, "%02x", raw[i]);
	}
	fputc('\n', x->out);
}

static const char *floor_of_walk(const struct export_ctx *x, int64_t walk_id)
{
	for (size_t i = 0; i < x->nwalks; i++) {
		if (x->walks[i].id != walk_id)
			continue;
		for (size_t j = 0; j < x->nfloors; j++)
			if (x->floors[j].id == x->walks[i].floor_id)
				return x->floors[j].name;
	}
	return "";
}

static void put_sample_part(const struct export_ctx *x, const struct meas_sample *sm)
{
	char t[40];

	fputs(survey_format_time_us(sm->t_us, t, sizeof(t)), x->out);
	fprintf(x->out, ",%lld,", (long long)sm->walk_id);
	put_text(x->out, floor_of_walk(x, sm->walk_id));
	fputc(',', x->out);
	if (sm->placed)
		put_real(x->out, sm->x_m);
	fputc(',', x->out);
	if (sm->placed)
		put_real(x->out, sm->y_m);
	fprintf(x->out, ",%s,%s,", meas_kind_name(sm->kind), meas_status_name(sm->status));
	put_text(x->out, sm->error);
	fputc(',', x->out);
}

static int export_sample(void *arg, const struct meas_sample *sm,
			 const struct meas_observation *obs, size_t nobs,
			 const struct meas_link *link, const struct meas_throughput *tput)
{
	struct export_ctx *x = arg;
	char b[18];

	(void)tput;
	if (nobs == 0 && link) {
		/* A link poll: the associated BSS as one row, associated = 1. */
		put_sample_part(x, sm);
		fputs(mac_format(link->bssid, b), x->out);
		fputc(',', x->out);
		put_text(x->out, link->ssid);
		fputs(",0,", x->out);
		put_int(x->out, link->freq_mhz, 0);
		fputs(",,,,", x->out);
		put_real(x->out, link->signal_dbm);
		fputc(',', x->out);
		put_real(x->out, link->noise_dbm);
		fputs(",,,,,,1", x->out);
		end_row(x, link->ssid_raw, link->ssid_len, link->ssid_escaped);
	} else if (nobs == 0) {
		/* A sample with nothing heard: one row, empty bssid, the sample's noise. */
		put_sample_part(x, sm);
		fputs(",,,,,,,,", x->out);
		put_real(x->out, sm->noise_dbm);
		fputs(",,,,,,", x->out);
		end_row(x, NULL, 0, false);
	}
	for (size_t i = 0; i < nobs; i++) {
		const struct meas_observation *o = &obs[i];

		put_sample_part(x, sm);
		fputs(mac_format(o->bssid, b), x->out);
		fputc(',', x->out);
		put_text(x->out, o->ssid);
		fprintf(x->out, ",%d,", o->hidden ? 1 : 0);
		put_int(x->out, o->freq_mhz, 0);
		fputc(',', x->out);
		put_int(x->out, o->channel, 0);
		fputc(',', x->out);
		put_int(x->out, o->width_mhz, 0);
		fputc(',', x->out);
		put_int(x->out, o->center_freq_mhz, 0);
		fputc(',', x->out);
		put_real(x->out, o->signal_dbm);
		fputc(',', x->out);
		put_real(x->out, o->noise_dbm);
		fputc(',', x->out);
		put_int(x->out, o->bss_stations, -1);
		fputc(',', x->out);
		put_real(x->out, o->bss_utilisation);
		fputc(',', x->out);
		put_text(x->out, o->security);
		fputc(',', x->out);
		put_text(x->out, o->ap_name);
		fputc(',', x->out);
		put_int(x->out, o->age_ms, -1);
		fprintf(x->out, ",%d", o->associated ? 1 : 0);
		end_row(x, o->ssid_raw, o->ssid_len, o->ssid_escaped);
	}
	if (x->progress && x->progress->fn && ++x->done % 500 == 0)
		x->progress->fn(x->progress->arg, x->done, x->total);
	return ferror(x->out) ? -EIO : 0;
}

/* Whether any SSID in @s is stored as bytes that are not its text. */
static int has_ssid_bytes(struct survey *s, bool *out, struct ns_err *err)
{
	int64_t v = 0;
	int rc = store_query_int(survey_sqlite(s),
				 "SELECT EXISTS (SELECT 1 FROM observations WHERE ssid_raw IS NOT "
				 "NULL) OR EXISTS (SELECT 1 FROM links WHERE ssid_raw IS NOT NULL)",
				 &v);

	*out = v != 0;
	return rc == SQLITE_OK ? 0 : survey_sql_error(s, rc, err, "cannot read the SSIDs");
}

int survey_csv_export(struct survey *s, int64_t floor_id, FILE *out,
		      const struct survey_progress *progress, struct ns_err *err)
{
	struct export_ctx x = { .out = out, .progress = progress };
	struct survey_counts counts;
	struct survey_query q;
	int rc;

	rc = survey_count(s, floor_id, &counts, err);
	x.total = counts.samples;
	if (!rc)
		rc = survey_list_walks(s, 0, &x.walks, &x.nwalks, err);
	if (!rc)
		rc = survey_list_floors(s, &x.floors, &x.nfloors, err);
	if (!rc)
		rc = has_ssid_bytes(s, &x.ssid_hex, err);
	if (rc)
		goto out;
	fputs(x.ssid_hex ? SURVEY_CSV_HEADER "," SURVEY_CSV_SSID_HEX "\n" : SURVEY_CSV_HEADER "\n",
	      out);
	memset(&q, 0, sizeof(q));
	q.floor_id = floor_id;
	rc = survey_foreach_sample(s, &q, export_sample, &x, err);
	if (rc == -EIO || (!rc && (fflush(out) || ferror(out))))
		rc = ns_err_set(err, -EIO, "cannot write the CSV: %s", strerror(errno));
	if (!rc && progress && progress->fn)
		progress->fn(progress->arg, x.total, x.total);
out:
	free(x.walks);
	free(x.floors);
	return rc;
}

