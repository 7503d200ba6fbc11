/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv.c — the long CSV format: a bounded RFC 4180 reader and the
 * all-or-nothing import (csv_export.c writes). See csv.h and survey/README.md.
 *
 * The reader never reads past @len: every step checks the cursor against the
 * end, fields are copied (unquoted) into a buffer whose growth is capped, and
 * a record with too many or too long fields is refused, not truncated.
 */
#include "survey/csv.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "survey/store_private.h"
#include "util/clock.h"
#include "util/mac.h"

enum col {
	C_TIME, C_WALK, C_FLOOR, C_X, C_Y, C_KIND, C_STATUS, C_ERROR, C_BSSID, C_SSID, C_HIDDEN,
	C_FREQ, C_CHANNEL, C_WIDTH, C_CENTER, C_SIGNAL, C_NOISE, C_STATIONS, C_UTIL,
	C_SECURITY, C_AP_NAME, C_AGE, C_ASSOC, C_SSID_HEX,
	C_XPX, C_YPX, C_EPOCH, /* a mapped file's only (survey_csv_map) */
	NCOLS
};

static const char *const col_names[NCOLS] = {
	"time_utc", "walk", "floor", "x_m", "y_m", "kind", "status", "error", "bssid", "ssid",
	"hidden", "freq_mhz", "channel", "width_mhz", "center_freq_mhz", "signal_dbm",
	"noise_dbm", "bss_stations", "bss_utilisation", "security", "ap_name", "age_ms",
	"associated", SURVEY_CSV_SSID_HEX, "x_px", "y_px", "time_epoch",
};

/* Columns an imported file must have; the rest default to "unknown". */
static const enum col required_cols[] = { C_TIME, C_X, C_Y, C_BSSID, C_SIGNAL };

#define MAX_FIELDS 64

/* ---- the bounded reader ------------------------------------------------------- */

struct reader {
	const char *p, *end;  /* cursor; never read at or past end */
	size_t line;          /* line of *p, 1-based */
	size_t rec_line;      /* line the current record starts on */
	char *buf;            /* the record's fields, unquoted, each NUL-terminated */
	size_t used, cap;
	size_t off[MAX_FIELDS], flen[MAX_FIELDS];
	size_t nfields;
};

static int ensure(struct reader *r, size_t more, struct ns_err *err)
{
	size_t ncap = r->cap ? r->cap : 1024;
	char *nb;

	if (r->used + more <= r->cap)
		return 0;
	while (ncap < r->used + more)
		ncap *= 2;
	nb = realloc(r->buf, ncap);
	if (!nb)
		return ns_err_set(err, -ENOMEM, "out of memory");
	r->buf = nb;
	r->cap = ncap;
	return 0;
}

static int put_byte(struct reader *r, char c, struct ns_err *err)
{
	if (r->used - r->off[r->nfields] >= SURVEY_CSV_MAX_FIELD)
		return ns_err_set(err, -EINVAL, "line %zu, column %zu: a field is longer than %d bytes",
				  r->rec_line, r->nfields + 1, SURVEY_CSV_MAX_FIELD);
	if (ensure(r, 1, err))
		return -ENOMEM;
	r->buf[r->used++] = c;
	return 0;
}

/* A quoted field's bytes, from its opening quote to past its closing one. */
static int read_quoted(struct reader *r, struct ns_err *err)
{
	int rc;

	r->p++;
	for (;;) {
		if (r->p >= r->end)
			return ns_err_set(err, -EINVAL,
					  "line %zu, column %zu: a quoted field is not closed",
					  r->rec_line, r->nfields + 1);
		if (*r->p == '"') {
			if (r->p + 1 < r->end && r->p[1] == '"') {
				rc = put_byte(r, '"', err);
				r->p += 2;
				if (rc)
					return rc;
				continue;
			}
			r->p++;
			break;
		}
		if (*r->p == '\0')
			return ns_err_set(err, -EINVAL, "line %zu, column %zu: a NUL byte", r->line,
					  r->nfields + 1);
		if (*r->p == '\n')
			r->line++;
		rc = put_byte(r, *r->p, err);
		if (rc)
			return rc;
		r->p++;
	}
	if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
		return ns_err_set(err, -EINVAL, "line %zu, column %zu: text after a closing quote",
				  r->line, r->nfields + 1);
	return 0;
}

/* An unquoted field's bytes, up to the comma or line end after it. */
static int read_plain(struct reader *r, struct ns_err *err)
{
	int rc;

	while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
		if (*r->p == '"')
			return ns_err_set(err, -EINVAL,
					  "line %zu, column %zu: a quote inside an unquoted field "
					  "(quote the whole field)",
					  r->line, r->nfields + 1);
		if (*r->p == '\0')
			return ns_err_set(err, -EINVAL, "line %zu, column %zu: a NUL byte", r->line,
					  r->nfields + 1);
		rc = put_byte(r, *r->p, err);
		if (rc)
			return rc;
		r->p++;
	}
	return 0;
}

/* Read one record. 1: a record; 0: end of data; < 0: an error in @err. */
static int read_record(struct reader *r, struct ns_err *err)
{
	int rc;

	/* Blank lines between records are skipped. */
	while (r->p < r->end && (*r->p == '\n' || (*r->p == '\r' && r->p + 1 < r->end &&
						  r->p[1] == '\n'))) {
		r->p += *r->p == '\r' ? 2 : 1;
		r->line++;
	}
	if (r->p >= r->end)
		return 0;
	r->rec_line = r->line;
	r->nfields = 0;
	r->used = 0;
	for (;;) {
		if (r->nfields == MAX_FIELDS)
			return ns_err_set(err, -EINVAL, "line %zu has more than %d fields",
					  r->rec_line, MAX_FIELDS);
		r->off[r->nfields] = r->used;
		rc = r->p < r->end && *r->p == '"' ? read_quoted(r, err) : read_plain(r, err);
		if (rc)
			return rc;
		if (ensure(r, 1, err))
			return -ENOMEM;
		r->buf[r->used] = '\0';
		r->flen[r->nfields] = r->used - r->off[r->nfields];
		r->used++;
		r->nfields++;
		if (r->p >= r->end)
			return 1;
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p == '\r') {
			if (r->p + 1 >= r->end || r->p[1] != '\n')
				return ns_err_set(err, -EINVAL,
						  "line %zu: a carriage return without a line feed",
						  r->line);
			r->p++;
		}
		r->p++; /* the '\n' */
		r->line++;
		return 1;
	}
}

static const char *field(const struct reader *r, size_t i)
{
	return r->buf + r->off[i];
}

/* ---- values -------------------------------------------------------------------- */

struct row_ctx {
	const struct reader *r;
	const struct survey_csv_map *map; /* a foreign file's layout, NULL for our own */
	size_t col;           /* field index, for messages */
	const char *name;
	struct ns_err *err;
};

/*
 * shown() - @v safe to put in a message: at most 40 bytes, control bytes as
 * '?', and with @ascii_only also bytes >= 0x80 (a binary file's header would
 * otherwise reach the terminal). Returns "…" when @v was cut, else "".
 */
static const char *shown(const char *v, bool ascii_only, char out[48])
{
	size_t n = strlen(v);

	if (n > 40)
		n = 40;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)v[i];

		out[i] = b < 0x20 || b == 0x7f || (ascii_only && b >= 0x80) ? '?' : v[i];
	}
	out[n] = '\0';
	return strlen(v) > 40 ? "…" : "";
}

/* Show a bad value safely (an SSID's UTF-8 is kept). */
static int bad(struct row_ctx *c, const char *why)
{
	char buf[48];
	const char *more = shown(field(c->r, c->col), false, buf);

	return ns_err_set(c->err, -EINVAL, "line %zu, column %zu (%s): '%s'%s %s", c->r->rec_line,
			  c->col + 1, c->name, buf, more, why);
}

static bool looks_numeric(const char *s)
{
	return (*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.';
}

/* A finite decimal in [lo, hi]; empty gives @empty. */
static int get_real(struct row_ctx *c, double lo, double hi, double empty, double *out)
{
	const char *s = field(c->r, c->col);
	char *end;
	double v;

	if (!*s) {
		*out = empty;
		return 0;
	}
	errno = 0;
	v = looks_numeric(s) && !strpbrk(s, "xXpP") ? strtod(s, &end) : NAN;
	if (isnan(v) || *end || errno || !isfinite(v))
		return bad(c, "is not a number");
	if (v < lo || v > hi) {
		char why[96];

		snprintf(why, sizeof(why), "is out of range (%g to %g)", lo, hi);
		return bad(c, why);
	}
	*out = v;
	return 0;
}

static int get_int(struct row_ctx *c, long lo, long hi, long empty, long *out)
{
	const char *s = field(c->r, c->col);
	char *end;
	long v;

	if (!*s) {
		*out = empty;
		return 0;
	}
	if (!looks_numeric(s) || *s == '.')
		return bad(c, "is not a whole number");
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno)
		return bad(c, "is not a whole number");
	if (v < lo || v > hi) {
		char why[96];

		snprintf(why, sizeof(why), "is out of range (%ld to %ld)", lo, hi);
		return bad(c, why);
	}
	*out = v;
	return 0;
}

static int get_bool(struct row_ctx *c, bool *out)
{
	const char *s = field(c->r, c->col);

	if (!*s || !strcmp(s, "0") || !strcmp(s, "false"))
		*out = false;
	else if (!strcmp(s, "1") || !strcmp(s, "true"))
		*out = true;
	else
		return bad(c, "is not 0 or 1");
	return 0;
}

static int get_text(struct row_ctx *c, char *dst, size_t cap)
{
	const char *v = field(c->r, c->col);
	size_t n = c->r->flen[c->col];

	/* Undo export's formula guard: one apostrophe before formula-like text. */
	if (n >= 2 && v[0] == '\'' && survey_csv_formula_like(v + 1)) {
		v++;
		n--;
	}
	if (n >= cap) {
		char why[64];

		snprintf(why, sizeof(why), "is longer than %zu bytes", cap - 1);
		return bad(c, why);
	}
	memcpy(dst, v, n);
	dst[n] = '\0';
	return 0;
}

/* ---- rows into samples ------------------------------------------------------------- */

struct parser {
	struct reader r;
	const struct survey_csv_map *map;
	const char *names[MAX_FIELDS]; /* field index -> the column's name in messages */
	int colmap[MAX_FIELDS];   /* field index -> enum col, -1: not read (a mapped file) */
	int where[NCOLS];         /* enum col -> field index, -1 if absent */
	size_t nheader;
	struct survey_csv_sample cur;
	struct meas_link link;  /* cur.link points here when the sample has one */
	bool have_cur;
	size_t obs_cap;
};

/*
 * The observation columns: how each value is read, into which field of struct
 * meas_observation, its range and what an empty field means. The sample's
 * columns (time, place, kind, status, error) are read by parse_sample_field().
 */
enum value { V_NONE, V_TEXT, V_BOOL, V_INT, V_REAL };

struct obs_col {
	enum value v;
	size_t off;             /* offsetof() the field */
	size_t size;            /* V_TEXT: the field's size */
	double lo, hi, empty;   /* V_INT, V_REAL: the range, and an empty field's value */
};

#define OBS(f) offsetof(struct meas_observation, f)
#define OBS_TEXT(f) { V_TEXT, OBS(f), sizeof(((struct meas_observation *)0)->f), 0, 0, 0 }

static const struct obs_col obs_cols[NCOLS] = {
	/* C_SSID and C_SSID_HEX: parse_ssid() */
	[C_HIDDEN] = { V_BOOL, OBS(hidden), 0, 0, 0, 0 },
	[C_FREQ] = { V_INT, OBS(freq_mhz), 0, 0, 100000, 0 },
	[C_CHANNEL] = { V_INT, OBS(channel), 0, 0, 255, 0 },
	[C_WIDTH] = { V_INT, OBS(width_mhz), 0, 0, 320, 0 },
	[C_CENTER] = { V_INT, OBS(center_freq_mhz), 0, 0, 100000, 0 },
	[C_SIGNAL] = { V_REAL, OBS(signal_dbm), 0, -150, 30, NAN },
	[C_NOISE] = { V_REAL, OBS(noise_dbm), 0, -150, 30, NAN },
	[C_STATIONS] = { V_INT, OBS(bss_stations), 0, 0, 65535, -1 },
	[C_UTIL] = { V_REAL, OBS(bss_utilisation), 0, 0, 1, NAN },
	[C_SECURITY] = OBS_TEXT(security),
	[C_AP_NAME] = OBS_TEXT(ap_name),
	[C_AGE] = { V_INT, OBS(age_ms), 0, 0, 2147483647.0, -1 },
	[C_ASSOC] = { V_BOOL, OBS(associated), 0, 0, 0, 0 },
};

/* The field at @c into @o's field as @d says. */
static int parse_obs_field(struct row_ctx *c, const struct obs_col *d, struct meas_observation *o)
{
	char *f = (char *)o + d->off;
	double v = NAN;
	long l = 0;
	int rc = 0;

	switch (d->v) {
	case V_NONE:
		break;
	case V_TEXT:
		rc = get_text(c, f, d->size);
		break;
	case V_BOOL:
		rc = get_bool(c, (bool *)f);
		break;
	case V_INT:
		rc = get_int(c, (long)d->lo, (long)d->hi, (long)d->empty, &l);
		if (!rc)
			*(int *)f = (int)l;
		break;
	case V_REAL:
		rc = get_real(c, d->lo, d->hi, d->empty, &v);
		if (!rc)
			*(double *)f = v;
		break;
	}
	return rc;
}

/* A foreign file's time: ISO 8601 UTC with 'T' or a space, or seconds since the epoch. */
static int parse_time_any(const char *v, int64_t *t_us)
{
	char buf[40], *end;
	double d;

	if (strlen(v) > 10 && strlen(v) < sizeof(buf) && v[10] == ' ') {
		memcpy(buf, v, strlen(v) + 1);
		buf[10] = 'T';
		return ns_parse_utc(buf, t_us);
	}
	errno = 0;
	d = looks_numeric(v) ? strtod(v, &end) : NAN;
	if (isnan(d) || *end || errno || d < 0 || d > 4e9)
		return -EINVAL;
	*t_us = (int64_t)llround(d * 1e6);
	return 0;
}

/* A sample's column at @c into @sm, or (x_m, y_m) into @x, @y. */
static int parse_sample_field(struct row_ctx *c, enum col col, struct meas_sample *sm,
			      double *x, double *y)
{
	const char *v = field(c->r, c->col);
	int k;

	switch (col) {
	case C_TIME:
		if (ns_parse_utc(v, &sm->t_us) && (!c->map || parse_time_any(v, &sm->t_us)))
			return bad(c, c->map ? "is not a UTC time (2026-11-22T03:25:04Z, "
					       "2026-11-22 03:25:04 or seconds since 1970)"
					     : "is not a UTC time (2026-11-22T03:25:04.123456Z)");
		sm->mono_us = sm->t_us;
		return 0;
	case C_EPOCH:
		k = get_real(c, 0, 4e9, NAN, x);
		sm->t_us = sm->mono_us = (int64_t)llround(*x * 1e6);
		*x = NAN;
		return k;
	case C_XPX:
	case C_YPX:
		k = get_real(c, -1e7, 1e7, NAN, col == C_XPX ? x : y);
		if (col == C_XPX)
			*x = (*x - c->map->origin_x_px) / c->map->px_per_m;
		else
			*y = (*y - c->map->origin_y_px) / c->map->px_per_m;
		return k;
	case C_X:
		return get_real(c, -1e6, 1e6, NAN, x);
	case C_Y:
		return get_real(c, -1e6, 1e6, NAN, y);
	case C_KIND:
		if (!*v)
			return 0;
		k = meas_kind_parse(v);
		if (k < 0)
			return bad(c, "is not a sample kind (scan, link, throughput, latency, "
				      "capture, noise)");
		sm->kind = (enum meas_kind)k;
		return 0;
	case C_STATUS:
		if (!*v)
			return 0;
		k = meas_status_parse(v);
		if (k < 0)
			return bad(c, "is not a sample status (ok, not-associated, scan-failed, "
				      "scan-cached, failed, timeout)");
		sm->status = (enum meas_status)k;
		return 0;
	case C_ERROR:
		return get_text(c, sm->error, sizeof(sm->error));
	default:
		return 0; /* walk and floor come from the import; the rest are observation's */
	}
}

/* Point @c at column @col of the row. */
static void at_col(struct row_ctx *c, const struct parser *ps, enum col col)
{
	c->col = (size_t)ps->where[col];
	c->name = col_names[col];
}

/* The value of one hex digit, or -1. */
static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The field at @c as the hex of 0..32 bytes into @raw; their count into *@n. */
static int get_hex(struct row_ctx *c, uint8_t raw[MEAS_SSID_MAX], size_t *n)
{
	const char *v = field(c->r, c->col);
	size_t len = c->r->flen[c->col];

	if (len % 2 || len / 2 > MEAS_SSID_MAX)
		return bad(c, "is not the hex of an SSID (0 to 32 bytes, two digits each)");
	for (size_t i = 0; i < len / 2; i++) {
		int hi = hex_digit(v[2 * i]), lo = hex_digit(v[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return bad(c, "is not the hex of an SSID (0 to 32 bytes, two digits each)");
		raw[i] = (uint8_t)(hi << 4 | lo);
	}
	*n = len / 2;
	return 0;
}

/*
 * The SSID of a row into @o: the bytes of ssid_hex when that field is there
 * and not empty (the ssid text is then theirs, made again by the one rule,
 * meas_ssid_set()); else the ssid field, at most 32 bytes, stored as it is and
 * taken to be the bytes broadcast — what version 1 did, so an older file
 * imports as it always has, control bytes and all.
 */
static int parse_ssid(const struct parser *ps, struct row_ctx *c, struct meas_observation *o)
{
	uint8_t raw[MEAS_SSID_MAX];
	size_t n = 0;
	int rc = 0;

	if (ps->where[C_SSID_HEX] >= 0 && *field(c->r, (size_t)ps->where[C_SSID_HEX])) {
		at_col(c, ps, C_SSID_HEX);
		rc = get_hex(c, raw, &n);
		return rc ? rc : meas_observation_set_ssid(o, raw, n);
	}
	if (ps->where[C_SSID] < 0)
		return 0;
	at_col(c, ps, C_SSID);
	rc = get_text(c, o->ssid, MEAS_SSID_MAX + 1);
	if (rc)
		return rc;
	o->ssid_len = (uint8_t)strlen(o->ssid);
	memcpy(o->ssid_raw, o->ssid, o->ssid_len);
	o->ssid_escaped = false;
	return 0;
}

/* One data row: the sample part into @sm, the observation (if a bssid) into @o. */
static int parse_row(struct parser *ps, struct meas_sample *sm, struct meas_observation *o,
		     bool *has_obs, struct ns_err *err)
{
	struct row_ctx c = { .r = &ps->r, .map = ps->map, .err = err };
	double x = NAN, y = NAN;
	int rc = 0;

	meas_init_sample(sm);
	meas_init_observation(o);
	*has_obs = false;
	if (ps->r.nfields != ps->nheader)
		return ns_err_set(err, -EINVAL, "line %zu has %zu fields; the header has %zu",
				  ps->r.rec_line, ps->r.nfields, ps->nheader);
	/* bssid first: it decides whether the observation columns matter. */
	if (ps->where[C_BSSID] >= 0 && *field(&ps->r, (size_t)ps->where[C_BSSID])) {
		at_col(&c, ps, C_BSSID);
		if (mac_parse(field(&ps->r, c.col), o->bssid))
			return bad(&c, "is not a BSSID (aa:bb:cc:dd:ee:ff)");
		*has_obs = true;
	}
	for (size_t i = 0; i < ps->r.nfields && !rc; i++) {
		if (ps->colmap[i] < 0)
			continue;
		c.col = i;
		c.name = ps->names[i];
		rc = parse_sample_field(&c, (enum col)ps->colmap[i], sm, &x, &y);
		if (!rc)
			rc = parse_obs_field(&c, &obs_cols[ps->colmap[i]], o);
	}
	if (!rc)
		rc = parse_ssid(ps, &c, o);
	if (rc)
		return rc;
	if (isnan(x) != isnan(y)) {
		at_col(&c, ps, isnan(x) ? C_X : C_Y);
		return bad(&c, "is empty but the other coordinate is not");
	}
	sm->placed = !isnan(x);
	sm->x_m = x;
	sm->y_m = y;
	if (!*has_obs) {
		/* A row without a BSSID is the sample alone: its noise is the sample's. */
		sm->noise_dbm = o->noise_dbm;
		if (!isnan(o->signal_dbm) && ps->where[C_SIGNAL] >= 0) {
			at_col(&c, ps, C_SIGNAL);
			return bad(&c, "is a signal without a bssid");
		}
	}
	return 0;
}

static bool same_sample(const struct meas_sample *a, const struct meas_sample *b)
{
	return a->t_us == b->t_us && a->placed == b->placed &&
	       (!a->placed || (a->x_m == b->x_m && a->y_m == b->y_m)) && a->kind == b->kind &&
	       a->status == b->status && strcmp(a->error, b->error) == 0;
}

/* The column of ours that a mapped file's header @name feeds (*@k -1: none). */
static int mapped_col(struct parser *ps, const char *name, size_t i, int *k, struct ns_err *err)
{
	const struct survey_csv_map *m = ps->map;

	for (size_t j = 0; j < m->n; j++) {
		if (strcmp(m->theirs[j], name))
			continue;
		for (int c = 0; c < NCOLS; c++)
			if (!strcmp(m->ours[j], col_names[c]))
				*k = c;
		if (*k < 0)
			return ns_err_set(err, -EINVAL, "the mapping %s=%s names no column notspot "
						       "reads", m->theirs[j], m->ours[j]);
		ps->names[i] = m->theirs[j];
		break;
	}
	return 0;
}

static int parse_header(struct parser *ps, struct ns_err *err)
{
	int rc = read_record(&ps->r, err);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return ns_err_set(err, -EINVAL, "the file is empty (no header line)");
	for (int i = 0; i < NCOLS; i++)
		ps->where[i] = -1;
	for (size_t i = 0; i < ps->r.nfields; i++) {
		const char *name = field(&ps->r, i);
		int k = -1;

		/* Excel puts a UTF-8 byte order mark before the first name. */
		if (i == 0 && !strncmp(name, "\xef\xbb\xbf", 3))
			name += 3;
		if (ps->map && (rc = mapped_col(ps, name, i, &k, err)))
			return rc;
		ps->colmap[i] = -1;
		if (ps->map && k < 0)
			continue; /* a column of theirs that the mapping does not read */
		for (int j = 0; j < C_XPX && !ps->map; j++)
			if (!strcmp(name, col_names[j]))
				k = j;
		if (k < 0) {
			char buf[48];
			const char *more = shown(name, true, buf);

			return ns_err_set(err, -EINVAL, "line %zu, column %zu: unknown column '%s'%s",
					  ps->r.rec_line, i + 1, buf, more);
		}
		if (ps->where[k] >= 0)
			return ns_err_set(err, -EINVAL,
					  "line %zu, column %zu: column '%s' appears twice",
					  ps->r.rec_line, i + 1, name);
		ps->where[k] = (int)i;
		ps->colmap[i] = k;
		if (!ps->map)
			ps->names[i] = col_names[k];
	}
	ps->nheader = ps->r.nfields;
	if (ps->map && ps->where[C_EPOCH] >= 0)
		ps->where[C_TIME] = ps->where[C_EPOCH];
	for (size_t i = 0; i < sizeof(required_cols) / sizeof(required_cols[0]); i++)
		if (ps->where[required_cols[i]] < 0 &&
		    !(ps->map && (required_cols[i] == C_X || required_cols[i] == C_Y)))
			return ns_err_set(err, -EINVAL, "line %zu: the header has no '%s' column",
					  ps->r.rec_line, col_names[required_cols[i]]);
	return 0;
}

/* A row with a BSSID joins the current sample: as its link (a link sample) or an observation. */
static int add_bssid_row(struct parser *ps, const struct meas_observation *o, struct ns_err *err)
{
	struct survey_csv_sample *cur = &ps->cur;

	if (cur->sample.kind == SAMPLE_LINK) {
		/* A link sample's row is its link, not an observation. */
		if (cur->link)
			return ns_err_set(err, -EINVAL,
					  "line %zu: a link sample has one BSSID row, not two",
					  ps->r.rec_line);
		meas_init_link(&ps->link);
		memcpy(ps->link.bssid, o->bssid, 6);
		memcpy(ps->link.ssid, o->ssid, sizeof(o->ssid));
		memcpy(ps->link.ssid_raw, o->ssid_raw, sizeof(o->ssid_raw));
		ps->link.ssid_len = o->ssid_len;
		ps->link.ssid_escaped = o->ssid_escaped;
		ps->link.freq_mhz = o->freq_mhz;
		ps->link.signal_dbm = o->signal_dbm;
		ps->link.noise_dbm = o->noise_dbm;
		cur->link = &ps->link;
		return 0;
	}
	if (cur->nobs == SURVEY_CSV_MAX_OBS)
		return ns_err_set(err, -EINVAL, "line %zu: a sample has more than %d observations",
				  ps->r.rec_line, SURVEY_CSV_MAX_OBS);
	if (cur->nobs == ps->obs_cap) {
		size_t ncap = ps->obs_cap ? ps->obs_cap * 2 : 64;
		void *p = realloc(cur->obs, ncap * sizeof(*o));

		if (!p)
			return ns_err_set(err, -ENOMEM, "out of memory");
		cur->obs = p;
		ps->obs_cap = ncap;
	}
	cur->obs[cur->nobs++] = *o;
	return 0;
}

/*
 * Row @sm/@o either continues the current sample (same time, place, kind,
 * status and error) or ends it, handing it to @on_sample, and starts the next.
 */
static int take_row(struct parser *ps, const struct meas_sample *sm,
		    const struct meas_observation *o, bool has_obs,
		    int (*on_sample)(void *arg, const struct survey_csv_sample *cs), void *arg,
		    struct ns_err *err)
{
	int rc;

	if (ps->have_cur && !same_sample(&ps->cur.sample, sm)) {
		rc = on_sample(arg, &ps->cur);
		if (rc)
			return rc;
		ps->have_cur = false;
	}
	if (!ps->have_cur) {
		ps->cur.line = ps->r.rec_line;
		ps->cur.sample = *sm;
		ps->cur.nobs = 0;
		ps->cur.link = NULL;
		ps->have_cur = true;
	} else if (!has_obs && !isnan(sm->noise_dbm)) {
		ps->cur.sample.noise_dbm = sm->noise_dbm;
	}
	return has_obs ? add_bssid_row(ps, o, err) : 0;
}

int survey_csv_parse(const char *data, size_t len,
		     int (*on_sample)(void *arg, const struct survey_csv_sample *cs), void *arg,
		     struct ns_err *err)
{
	return survey_csv_parse_mapped(data, len, NULL, on_sample, arg, err);
}

int survey_csv_parse_mapped(const char *data, size_t len, const struct survey_csv_map *map,
			    int (*on_sample)(void *arg, const struct survey_csv_sample *cs),
			    void *arg, struct ns_err *err)
{
	struct parser *ps = calloc(1, sizeof(*ps));
	int rc = 0;

	if (!ps)
		return ns_err_set(err, -ENOMEM, "out of memory");
	ps->r.p = data;
	ps->r.end = data + len;
	ps->r.line = 1;
	ps->map = map;
	for (size_t i = 0; map && i < map->skip_lines && rc >= 0; i++)
		rc = read_record(&ps->r, err);
	rc = rc < 0 ? rc : parse_header(ps, err);
	while (!rc) {
		struct meas_sample sm;
		struct meas_observation o;
		bool has_obs;

		rc = read_record(&ps->r, err);
		if (rc < 0)
			break;
		if (rc == 0) {
			/* The end: the last sample is complete. */
			rc = ps->have_cur ? on_sample(arg, &ps->cur) : 0;
			break;
		}
		rc = parse_row(ps, &sm, &o, &has_obs, err);
		if (!rc)
			rc = take_row(ps, &sm, &o, has_obs, on_sample, arg, err);
	}
	free(ps->cur.obs);
	free(ps->r.buf);
	free(ps);
	return rc;
}

/* ---- import ------------------------------------------------------------------------ */

struct import_ctx {
	struct survey *s;
	const struct survey_progress *progress;
	int64_t lines;
	int64_t walk_id;
	struct survey_csv_import_stats st;
	struct ns_err *err;
};

static int import_sample(void *arg, const struct survey_csv_sample *cs)
{
	struct import_ctx *x = arg;
	struct meas_sample sm = cs->sample;
	int64_t id;

	sm.walk_id = x->walk_id;
	id = survey_add_sample_in_txn(x->s, &sm, cs->obs, cs->nobs, cs->link, NULL, x->err);
	if (id < 0) {
		ns_err_prefix(x->err, "line %zu", cs->line);
		return (int)id;
	}
	if (!x->st.samples || sm.t_us < x->st.first_us)
		x->st.first_us = sm.t_us;
	if (!x->st.samples || sm.t_us > x->st.last_us)
		x->st.last_us = sm.t_us;
	x->st.samples++;
	x->st.observations += cs->nobs;
	if (x->progress && x->progress->fn && x->st.samples % 500 == 0)
		x->progress->fn(x->progress->arg, (int64_t)cs->line, x->lines);
	return 0;
}

int survey_csv_import(struct survey *s, const char *floor, const char *source,
		      const char *data, size_t len, struct survey_csv_import_stats *stats,
		      const struct survey_progress *progress, struct ns_err *err)
{
	return survey_csv_import_mapped(s, floor, source, NULL, data, len, stats, progress, err);
}

int survey_csv_import_mapped(struct survey *s, const char *floor, const char *source,
			     const struct survey_csv_map *map, const char *data, size_t len,
			     struct survey_csv_import_stats *stats,
			     const struct survey_progress *progress, struct ns_err *err)
{
	struct import_ctx x = { .s = s, .err = err, .progress = progress };
	struct survey_walk w;
	int64_t floor_id;
	char *sql;
	int rc;

	floor_id = survey_find_floor(s, floor, err);
	if (floor_id < 0)
		return (int)floor_id;
	if (progress && progress->fn)
		for (const char *p = data; p && p < data + len; p++) {
			p = memchr(p, '\n', (size_t)(data + len - p));
			if (!p)
				break;
			x.lines++;
		}
	rc = survey_begin(s, err);
	if (rc)
		return rc;
	memset(&w, 0, sizeof(w));
	w.floor_id = floor_id;
	w.start_us = 1; /* set to the first sample's time below */
	snprintf(w.mode, sizeof(w.mode), "import");
	snprintf(w.note, sizeof(w.note), "imported from %s", source ? source : "CSV");
	snprintf(w.origin, sizeof(w.origin), "csv:%s", source ? source : "");
	x.walk_id = survey_begin_walk_in_txn(s, &w, err);
	if (x.walk_id < 0) {
		rc = (int)x.walk_id;
		goto fail;
	}
	x.st.walk_id = x.walk_id;
	rc = survey_csv_parse_mapped(data, len, map, import_sample, &x, err);
	if (rc)
		goto fail;
	if (!x.st.samples) {
		rc = ns_err_set(err, -EINVAL, "the file holds a header but no samples");
		goto fail;
	}
	sql = sqlite3_mprintf("UPDATE walks SET start_us = %lld, end_us = %lld WHERE id = %lld",
			      (long long)x.st.first_us, (long long)x.st.last_us,
			      (long long)x.walk_id);
	if (!sql) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto fail;
	}
	rc = sqlite3_exec(survey_sqlite(s), sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		rc = survey_sql_error(s, rc, err, "cannot date the imported walk");
		goto fail;
	}
	rc = survey_commit(s, err);
	if (rc)
		return rc;
	if (progress && progress->fn)
		progress->fn(progress->arg, x.lines, x.lines);
	if (stats)
		*stats = x.st;
	return 0;
fail:
	survey_rollback(s);
	return rc;
}
