/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_rows.c — rows through their tables' descriptions (store_schema.c):
 * binding a struct's fields as an INSERT's parameters, reading a SELECT's
 * columns back into a struct, the text of those statements, point lists as
 * blobs, and collecting rows into a growing array.
 *
 * Every field is bound and read by the rule of its type (enum store_type):
 * the unknown values of survey.h (NAN, -1, 0 where the header says) are SQL
 * NULL, and a crafted file's out-of-range or wrongly sized value reads as
 * unknown, never past a buffer.
 */
#include "survey/store_private.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- point lists: little-endian IEEE doubles x0 y0 x1 y1 …, metres -------- */

static unsigned char *points_encode(const struct fp_point *pts, size_t n, size_t *len)
{
	unsigned char *buf = malloc(n * 16 + 1);

	if (!buf)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		double xy[2] = { pts[i].x, pts[i].y };

		for (int k = 0; k < 2; k++) {
			uint64_t u;

			memcpy(&u, &xy[k], 8);
			for (int b = 0; b < 8; b++)
				buf[i * 16 + (size_t)k * 8 + (size_t)b] = (unsigned char)(u >> (8 * b));
		}
	}
	*len = n * 16;
	return buf;
}

/* Bounded: the blob's length must be a whole number of points. */
static int points_decode(const unsigned char *buf, size_t len, struct fp_point **out,
			 size_t *n)
{
	struct fp_point *pts;

	if (len % 16 || len == 0)
		return -EBADMSG;
	pts = malloc(len / 16 * sizeof(*pts));
	if (!pts)
		return -ENOMEM;
	for (size_t i = 0; i < len / 16; i++) {
		double xy[2];

		for (int k = 0; k < 2; k++) {
			uint64_t u = 0;

			for (int b = 0; b < 8; b++)
				u |= (uint64_t)buf[i * 16 + (size_t)k * 8 + (size_t)b] << (8 * b);
			memcpy(&xy[k], &u, 8);
		}
		pts[i].x = xy[0];
		pts[i].y = xy[1];
	}
	*out = pts;
	*n = len / 16;
	return 0;
}

static int bind_points(sqlite3_stmt *st, int i, const struct fp_point *pts, size_t n)
{
	size_t len;
	unsigned char *b = points_encode(pts, n, &len);

	if (!b)
		return -ENOMEM;
	sqlite3_bind_blob64(st, i, b, len, free);
	return 0;
}

static int col_points(sqlite3_stmt *st, int i, struct fp_point **pts, size_t *n)
{
	/* The blob first, then its size (SQLite's documented order). */
	const unsigned char *b = sqlite3_column_blob(st, i);

	return points_decode(b, (size_t)sqlite3_column_bytes(st, i), pts, n);
}

static void col_bssid(sqlite3_stmt *st, int i, uint8_t out[6])
{
	const void *b = sqlite3_column_blob(st, i);

	if (b && sqlite3_column_bytes(st, i) == 6)
		memcpy(out, b, 6);
	else
		memset(out, 0, 6);
}

static bool all_zero(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* ---- enums as text, blobs, SSID bytes --------------------------------------------- */

static void bind_enum(sqlite3_stmt *st, int at, const struct store_col *c, int v)
{
	const char *const *names = c->aux;

	if (v >= 0 && (size_t)v < c->size && names[v])
		sqlite3_bind_text(st, at, names[v], -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, at);
}

static int col_enum(sqlite3_stmt *st, int at, const struct store_col *c)
{
	const char *const *names = c->aux;
	const char *v = (const char *)sqlite3_column_text(st, at);

	for (size_t i = 0; v && i < c->size; i++)
		if (names[i] && strcmp(names[i], v) == 0)
			return (int)i;
	return (int)c->unknown;
}

/* A blob field: the bytes are copied into a malloc'd buffer the row owns. */
static int col_blob(sqlite3_stmt *st, int at, unsigned char **out, size_t *len)
{
	const void *b = sqlite3_column_blob(st, at);
	size_t n = (size_t)sqlite3_column_bytes(st, at);

	*out = NULL;
	*len = 0;
	if (!b || !n)
		return 0;
	*out = malloc(n);
	if (!*out)
		return -ENOMEM;
	memcpy(*out, b, n);
	*len = n;
	return 0;
}

/* The exact bytes only when the text is not them (ssid_escaped). */
static void bind_ssid_raw(sqlite3_stmt *st, int at, const char *base,
			  const struct store_ssid_layout *l)
{
	uint8_t len = *(const uint8_t *)(base + l->len);

	if (*(const bool *)(base + l->escaped) && len <= MEAS_SSID_MAX)
		sqlite3_bind_blob(st, at, base + l->raw, len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, at);
}

/*
 * NULL: the text is the bytes (cut to 32); a blob of 0..32 bytes: those bytes,
 * the text being their escaped rendering. A longer blob (a crafted file) is
 * not an SSID: the text's bytes are taken.
 */
static void col_ssid_raw(sqlite3_stmt *st, int at, char *base, const struct store_ssid_layout *l)
{
	const void *b = sqlite3_column_blob(st, at);
	size_t n = (size_t)sqlite3_column_bytes(st, at);
	uint8_t *raw = (uint8_t *)(base + l->raw);
	bool *escaped = (bool *)(base + l->escaped);

	if (sqlite3_column_type(st, at) == SQLITE_BLOB && n <= MEAS_SSID_MAX) {
		if (n)
			memcpy(raw, b, n);
		*(uint8_t *)(base + l->len) = (uint8_t)n;
		*escaped = true;
		return;
	}
	n = strnlen(base + l->text, l->text_size);
	if (n > MEAS_SSID_MAX)
		n = MEAS_SSID_MAX;
	memcpy(raw, base + l->text, n);
	*(uint8_t *)(base + l->len) = (uint8_t)n;
	*escaped = false;
}

/* ---- one row ------------------------------------------------------------------ */

int store_bind_row(sqlite3_stmt *st, int first, const struct store_table *t, const void *row,
		   bool keep_ids)
{
	const char *base = row;

	for (size_t i = 0; i < t->ncols; i++) {
		const struct store_col *c = &t->cols[i];
		const void *f = base + c->off;
		int at = first + (int)i;

		switch (c->type) {
		case STORE_ID:
			if (keep_ids && *(const int64_t *)f > 0)
				sqlite3_bind_int64(st, at, *(const int64_t *)f);
			else
				sqlite3_bind_null(st, at);
			break;
		case STORE_I64:
			sqlite3_bind_int64(st, at, *(const int64_t *)f);
			break;
		case STORE_I64_OR:
			store_bind_int_or_null(st, at, *(const int64_t *)f, c->unknown);
			break;
		case STORE_INT_OR:
			store_bind_int_or_null(st, at, *(const int *)f, c->unknown);
			break;
		case STORE_BOOL:
			sqlite3_bind_int(st, at, *(const bool *)f);
			break;
		case STORE_REAL:
			sqlite3_bind_double(st, at, *(const double *)f);
			break;
		case STORE_REAL_OR:
			store_bind_real(st, at, *(const double *)f);
			break;
		case STORE_TEXT:
			sqlite3_bind_text(st, at, f, (int)strnlen(f, c->size), SQLITE_TRANSIENT);
			break;
		case STORE_BSSID:
			sqlite3_bind_blob(st, at, f, 6, SQLITE_STATIC);
			break;
		case STORE_POINTS:
			if (bind_points(st, at, *(struct fp_point *const *)f,
					*(const size_t *)(base + c->size)))
				return -ENOMEM;
			break;
		case STORE_INT:
			sqlite3_bind_int(st, at, *(const int *)f);
			break;
		case STORE_REAL_POS:
			store_bind_real(st, at, *(const double *)f > 0 ? *(const double *)f : NAN);
			break;
		case STORE_BSSID_OR:
			if (all_zero(f, 6))
				sqlite3_bind_null(st, at);
			else
				sqlite3_bind_blob(st, at, f, 6, SQLITE_STATIC);
			break;
		case STORE_ENUM:
			bind_enum(st, at, c, *(const int *)f);
			break;
		case STORE_BLOB:
			if (*(const size_t *)(base + c->size))
				sqlite3_bind_blob64(st, at, *(unsigned char *const *)f,
						    *(const size_t *)(base + c->size), SQLITE_STATIC);
			else
				sqlite3_bind_null(st, at);
			break;
		case STORE_SSID_RAW:
			bind_ssid_raw(st, at, base, c->aux);
			break;
		}
	}
	return 0;
}

int store_read_row(sqlite3_stmt *st, int first, const struct store_table *t, void *row)
{
	char *base = row;
	int rc;

	for (size_t i = 0; i < t->ncols; i++) {
		const struct store_col *c = &t->cols[i];
		void *f = base + c->off;
		int at = first + (int)i;

		switch (c->type) {
		case STORE_ID:
		case STORE_I64:
			*(int64_t *)f = sqlite3_column_int64(st, at);
			break;
		case STORE_I64_OR:
			*(int64_t *)f = store_col_int(st, at, c->unknown);
			break;
		case STORE_INT_OR:
			*(int *)f = store_col_int32(st, at, (int)c->unknown);
			break;
		case STORE_BOOL:
			*(bool *)f = sqlite3_column_int(st, at) != 0;
			break;
		case STORE_REAL:
			*(double *)f = sqlite3_column_double(st, at);
			break;
		case STORE_REAL_OR:
			*(double *)f = store_col_real(st, at);
			break;
		case STORE_TEXT:
			store_col_text(st, at, f, c->size);
			break;
		case STORE_BSSID:
			col_bssid(st, at, f);
			break;
		case STORE_POINTS:
			rc = col_points(st, at, (struct fp_point **)f, (size_t *)(base + c->size));
			if (rc)
				return rc;
			break;
		case STORE_INT:
			*(int *)f = store_col_int32(st, at, (int)c->unknown);
			break;
		case STORE_REAL_POS:
			*(double *)f = store_col_real(st, at);
			break;
		case STORE_BSSID_OR:
			col_bssid(st, at, f);
			break;
		case STORE_ENUM:
			*(int *)f = col_enum(st, at, c);
			break;
		case STORE_BLOB:
			rc = col_blob(st, at, (unsigned char **)f, (size_t *)(base + c->size));
			if (rc)
				return rc;
			break;
		case STORE_SSID_RAW:
			col_ssid_raw(st, at, base, c->aux);
			break;
		}
	}
	return 0;
}

/* @t's STORE_ID column, or NULL when it has none. */
static const struct store_col *id_col(const struct store_table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (t->cols[i].type == STORE_ID)
			return &t->cols[i];
	return NULL;
}

int64_t store_row_id(const struct store_table *t, const void *row)
{
	const struct store_col *c = id_col(t);

	return c ? *(const int64_t *)((const char *)row + c->off) : 0;
}

void store_set_row_id(const struct store_table *t, void *row, int64_t id)
{
	const struct store_col *c = id_col(t);

	if (c)
		*(int64_t *)((char *)row + c->off) = id;
}

/* ---- statements built from a description ------------------------------------------ */

/* "INSERT INTO t(keys, cols) VALUES (?,…)"; sqlite3_free() it; NULL when out of memory. */
static char *insert_sql(const struct store_table *t)
{
	sqlite3_str *q = sqlite3_str_new(NULL);
	size_t nparams = (size_t)t->nkeys + t->ncols;

	sqlite3_str_appendf(q, "INSERT INTO %s(", t->name);
	if (t->keys)
		sqlite3_str_appendf(q, "%s, ", t->keys);
	for (size_t i = 0; i < t->ncols; i++)
		sqlite3_str_appendf(q, "%s%s", i ? ", " : "", t->cols[i].name);
	sqlite3_str_appendall(q, ") VALUES (");
	for (size_t i = 0; i < nparams; i++)
		sqlite3_str_appendall(q, i ? ",?" : "?");
	sqlite3_str_appendall(q, ")");
	return sqlite3_str_finish(q);
}

/*
 * "SELECT [keys, ]cols FROM t tail" (@no_blobs: NULL for blob fields);
 * sqlite3_free() it; NULL when out of memory.
 */
static char *select_sql_ex(const struct store_table *t, const char *tail, bool no_blobs,
			   bool keys)
{
	sqlite3_str *q = sqlite3_str_new(NULL);

	sqlite3_str_appendall(q, "SELECT ");
	if (keys && t->keys)
		sqlite3_str_appendf(q, "%s, ", t->keys);
	for (size_t i = 0; i < t->ncols; i++)
		sqlite3_str_appendf(q, "%s%s", i ? ", " : "",
				    no_blobs && t->cols[i].type == STORE_BLOB ? "NULL"
									      : t->cols[i].name);
	sqlite3_str_appendf(q, " FROM %s %s", t->name, tail);
	return sqlite3_str_finish(q);
}

static char *select_sql(const struct store_table *t, const char *tail, bool no_blobs)
{
	return select_sql_ex(t, tail, no_blobs, false);
}

/* "UPDATE t SET c = ?, … WHERE id = ?" over @t's first @ncols columns but the id. */
static char *update_sql(const struct store_table *t, size_t ncols)
{
	sqlite3_str *q = sqlite3_str_new(NULL);
	bool first = true;

	sqlite3_str_appendf(q, "UPDATE %s SET ", t->name);
	for (size_t i = 0; i < ncols && i < t->ncols; i++) {
		if (t->cols[i].type == STORE_ID)
			continue;
		sqlite3_str_appendf(q, "%s%s = ?", first ? "" : ", ", t->cols[i].name);
		first = false;
	}
	sqlite3_str_appendall(q, " WHERE id = ?");
	return sqlite3_str_finish(q);
}

/*
 * The statement in @slot; the first time, prepared from @t's INSERT (@tail
 * NULL) or from "SELECT … FROM t @tail". @what names a failure to prepare.
 */
static int cached_built(struct survey *s, enum store_slot slot, const struct store_table *t,
			const char *tail, sqlite3_stmt **st, const char *what,
			struct ns_err *err)
{
	char *sql;
	int rc;

	*st = s->stmt[slot];
	if (*st) {
		/* A slot serves one statement: the same tail every time. */
		assert(!tail || strstr(sqlite3_sql(*st), tail));
		return 0;
	}
	sql = tail ? select_sql(t, tail, false) : insert_sql(t);
	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[slot], NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, what);
	*st = s->stmt[slot];
	return 0;
}

int store_insert(struct survey *s, const struct store_table *t, const int64_t *keys,
		 const void *row, bool keep_ids, struct ns_err *err)
{
	sqlite3_stmt *st;
	char what[64];
	int rc;

	rc = cached_built(s, t->insert, t, NULL, &st, "cannot prepare a statement", err);
	if (rc)
		return rc;
	for (int k = 0; k < t->nkeys; k++)
		sqlite3_bind_int64(st, k + 1, keys[k]);
	if (store_bind_row(st, t->nkeys + 1, t, row, keep_ids)) {
		store_release(st);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	rc = sqlite3_step(st);
	store_release(st);
	if (rc == SQLITE_DONE)
		return 0;
	snprintf(what, sizeof(what), "cannot store %s", t->noun);
	return survey_sql_error(s, rc, err, what);
}

int store_select(struct survey *s, const struct store_table *t, const char *tail,
		 sqlite3_stmt **st, const char *what, struct ns_err *err)
{
	return store_select_ex(s, t, tail, false, st, what, err);
}

int store_select_keys(struct survey *s, const struct store_table *t, const char *tail,
		      sqlite3_stmt **st, const char *what, struct ns_err *err)
{
	char *sql = select_sql_ex(t, tail, false, true);
	int rc;

	*st = NULL;
	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_prepare(s, sql, st, what, err);
	sqlite3_free(sql);
	return rc;
}

int store_select_ex(struct survey *s, const struct store_table *t, const char *tail,
		    bool no_blobs, sqlite3_stmt **st, const char *what, struct ns_err *err)
{
	char *sql = select_sql(t, tail, no_blobs);
	int rc;

	*st = NULL;
	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_prepare(s, sql, st, what, err);
	sqlite3_free(sql);
	return rc;
}

/*
 * Bind @row's first @ncols columns but the id as @t's partial row from
 * parameter 1, then the id: the parameters of update_sql(t, ncols).
 */
static int bind_update(sqlite3_stmt *st, const struct store_table *t, const void *row,
		       size_t ncols)
{
	struct store_table part = *t;
	int at = 1;

	for (size_t i = 0; i < ncols && i < t->ncols; i++) {
		if (t->cols[i].type == STORE_ID)
			continue;
		part.cols = &t->cols[i];
		part.ncols = 1;
		if (store_bind_row(st, at++, &part, row, false))
			return -ENOMEM;
	}
	sqlite3_bind_int64(st, at, store_row_id(t, row));
	return 0;
}

int store_update(struct survey *s, const struct store_table *t, enum store_slot slot,
		 const void *row, size_t ncols, struct ns_err *err)
{
	sqlite3_stmt *st = s->stmt[slot];
	char what[64];
	char *sql;
	int rc;

	if (!st) {
		sql = update_sql(t, ncols);
		if (!sql)
			return ns_err_set(err, -ENOMEM, "out of memory");
		rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[slot],
					NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return survey_sql_error(s, rc, err, "cannot prepare a statement");
		st = s->stmt[slot];
	}
	if (bind_update(st, t, row, ncols)) {
		store_release(st);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	rc = sqlite3_step(st);
	store_release(st);
	if (rc == SQLITE_DONE && sqlite3_changes(s->db) == 0)
		return ns_err_set(err, -ENOENT, "there is no %s %lld", t->thing,
				  (long long)store_row_id(t, row));
	if (rc == SQLITE_DONE)
		return 0;
	snprintf(what, sizeof(what), "cannot update %s", t->noun);
	return survey_sql_error(s, rc, err, what);
}

int store_select_cached(struct survey *s, enum store_slot slot, const struct store_table *t,
			const char *tail, sqlite3_stmt **st, const char *what,
			struct ns_err *err)
{
	return cached_built(s, slot, t, tail, st, what, err);
}

/* ---- many rows ---------------------------------------------------------------------- */

void *store_list_add(struct store_list *l)
{
	void *e;

	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		void *p = ncap <= SIZE_MAX / l->size ? realloc(l->v, ncap * l->size) : NULL;

		if (!p)
			return NULL;
		l->v = p;
		l->cap = ncap;
	}
	e = (char *)l->v + l->n++ * l->size;
	memset(e, 0, l->size);
	return e;
}

int store_collect(struct survey *s, sqlite3_stmt *st, const struct store_table *t,
		  void (*read)(sqlite3_stmt *st, void *row), struct store_list *l,
		  const char *what, struct ns_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *row = store_list_add(l);

		if (!row) {
			rc = ns_err_set(err, -ENOMEM, "out of memory");
			goto fail;
		}
		if (!t) {
			read(st, row);
		} else if ((rc = store_read_row(st, 0, t, row))) {
			rc = ns_err_set(err, rc, "%s: a row is damaged", what);
			goto fail;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = survey_sql_error(s, rc, err, what);
		goto fail;
	}
	store_release(st);
	return 0;
fail:
	store_release(st);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	return rc;
}

int store_select_all(struct survey *s, enum store_slot slot, const struct store_table *t,
		     const char *tail, int64_t id, struct store_list *l, const char *what,
		     struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_select_cached(s, slot, t, tail, &st, what, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return store_collect(s, st, t, NULL, l, what, err);
}
