/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.c — opening and creating a survey file, closing it, and the site's
 * details (meta). Migrating an older file is store_migrate.c's.
 *
 * Durability: WAL journal with synchronous=FULL, so a COMMIT returns only once
 * the WAL frame is fsync'd; every sample is its own IMMEDIATE transaction
 * (store_sql.c). The rest of the store is spread by concern; store_private.h
 * lists the files.
 *
 * Refusal before touching: survey_open() first runs the checks of
 * store_check.c, which write nothing, and only then opens the file for
 * writing (and migrates an older schema, after a backup copy, store_migrate.c).
 */
#include "survey/store_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/textcheck.h"
#include "util/version.h"

struct sqlite3 *survey_sqlite(struct survey *s)
{
	return s ? s->db : NULL;
}

static struct survey *survey_alloc(const char *path)
{
	struct survey *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->path = strdup(path);
	if (!s->path) {
		free(s);
		return NULL;
	}
	return s;
}

void survey_close(struct survey *s)
{
	if (!s)
		return;
	for (int i = 0; i < SLOT_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	/* The last connection to close checkpoints the WAL and removes it. */
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/*
 * A read-write connection with the store's pragmas; @what names a failure to
 * open. With @wal the file is switched to the WAL journal; a file about to be
 * migrated keeps its journal until the migration has committed, so a failed
 * one leaves it as it was.
 */
static int open_writer(const char *path, const char *what, bool wal, struct survey **out,
		       struct ns_err *err)
{
	struct survey *s = survey_alloc(path);
	int rc;

	*out = NULL;
	if (!s)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		rc = survey_sql_error(s, rc, err, what);
		goto fail;
	}
	s->writable = true;
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 1);
	rc = wal ? store_exec(s, "PRAGMA journal_mode = WAL", err, "cannot switch to WAL") : 0;
	if (!rc)
		rc = store_exec(s, "PRAGMA synchronous = FULL", err, "cannot set synchronous=FULL");
	if (!rc)
		rc = store_exec(s, "PRAGMA foreign_keys = ON", err, "cannot enable foreign keys");
	if (rc)
		goto fail;
	*out = s;
	return 0;
fail:
	survey_close(s);
	return rc;
}

/* ---- opening ------------------------------------------------------------------------ */

/*
 * A read-only survey on the connection that was checked (@ro, taken). An
 * older file gets its step's views, in the connection's temp schema: nothing
 * is written to the file.
 */
static int keep_reader(const char *path, sqlite3 *ro, const char *views, struct survey **out,
		       struct ns_err *err)
{
	struct survey *s = survey_alloc(path);
	int rc;

	if (!s) {
		sqlite3_close(ro);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	s->db = ro;
	sqlite3_extended_result_codes(ro, 1);
	if (views && (rc = store_exec(s, views, err, "cannot read the older schema"))) {
		survey_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

int survey_open_schema(const char *path, enum survey_open_mode mode,
		       const struct survey_schema *schema, struct survey **out,
		       struct ns_err *err)
{
	struct survey *s;
	sqlite3 *ro = NULL;
	int rc, version = 0;

	*out = NULL;
	ns_err_clear(err);
	rc = store_check_header(path, schema, err);
	if (!rc)
		rc = store_open_readonly(path, &ro, err);
	if (!rc)
		rc = store_check_contents(ro, path, schema, &version, err);
	if (!rc && mode == SURVEY_READ_ONLY)
		return keep_reader(path, ro,
				   version < schema->version ? store_read_views(schema, version)
							     : NULL,
				   out, err);
	sqlite3_close(ro);
	if (rc)
		return rc;
	rc = store_check_writable(path, err);
	if (!rc)
		rc = open_writer(path, "cannot open for writing", version >= schema->version, &s,
				 err);
	if (rc)
		return rc;
	if (version < schema->version) {
		rc = store_migrate(s, version, schema, err);
		if (!rc)
			rc = store_exec(s, "PRAGMA journal_mode = WAL", err, "cannot switch to WAL");
		if (rc) {
			survey_close(s);
			return rc;
		}
	}
	*out = s;
	return 0;
}

int survey_open(const char *path, enum survey_open_mode mode, struct survey **out,
		struct ns_err *err)
{
	return survey_open_schema(path, mode, survey_builtin_schema(), out, err);
}

/* ---- the site's details ------------------------------------------------------------- */

static const char meta_set_sql[] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)";

static int meta_put_text(struct survey *s, const char *key, const char *value,
			 struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_stmt(s, SLOT_META_SET, meta_set_sql, &st, err);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value ? value : "", -1, SQLITE_TRANSIENT);
	return store_done(s, st, err, "cannot write the survey's details");
}

static int meta_put_int(struct survey *s, const char *key, int64_t value, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_stmt(s, SLOT_META_SET, meta_set_sql, &st, err);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, value);
	return store_done(s, st, err, "cannot write the survey's details");
}

static int meta_write(struct survey *s, const struct survey_meta *m, struct ns_err *err)
{
	char buf[512];
	int rc;

	/* The one rule for names (util/textcheck.h): checked before anything is written. */
	if ((rc = ns_text_check("the site", m->site, sizeof(m->site), 0, err)) ||
	    (rc = ns_text_check("the organisation", m->organisation, sizeof(m->organisation), 0,
				err)) ||
	    (rc = ns_text_check("the surveyor", m->surveyor, sizeof(m->surveyor), 0, err)) ||
	    (rc = ns_text_check("the notes", m->notes, sizeof(m->notes), 0, err)))
		return rc;
#define PUT(key, field)                                            \
	do {                                                       \
		store_copy_text(buf, sizeof(field), (field));      \
		rc = meta_put_text(s, key, buf, err);              \
		if (rc)                                            \
			return rc;                                 \
	} while (0)
	PUT("site", m->site);
	PUT("organisation", m->organisation);
	PUT("surveyor", m->surveyor);
	PUT("notes", m->notes);
#undef PUT
	return 0;
}

int survey_get_meta(struct survey *s, struct survey_meta *m, struct ns_err *err)
{
	sqlite3_stmt *st;
	int64_t v = 0;
	int rc = store_stmt(s, SLOT_META_GET, "SELECT key, value FROM meta", &st, err);

	if (rc)
		return rc;
	memset(m, 0, sizeof(*m));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);

		if (!k)
			continue;
		if (!strcmp(k, "site"))
			store_col_text(st, 1, m->site, sizeof(m->site));
		else if (!strcmp(k, "organisation"))
			store_col_text(st, 1, m->organisation, sizeof(m->organisation));
		else if (!strcmp(k, "surveyor"))
			store_col_text(st, 1, m->surveyor, sizeof(m->surveyor));
		else if (!strcmp(k, "notes"))
			store_col_text(st, 1, m->notes, sizeof(m->notes));
		else if (!strcmp(k, "created_us"))
			m->created_us = sqlite3_column_int64(st, 1);
		else if (!strcmp(k, "created_by"))
			store_col_text(st, 1, m->created_by, sizeof(m->created_by));
	}
	store_release(st);
	if (rc != SQLITE_DONE)
		return survey_sql_error(s, rc, err, "cannot read the survey's details");
	rc = store_query_int(s->db, "PRAGMA user_version", &v);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot read the schema version");
	m->schema_version = (int)v;
	return 0;
}

int survey_set_meta(struct survey *s, const struct survey_meta *m, struct ns_err *err)
{
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	rc = meta_write(s, m, err);
	if (rc) {
		survey_rollback(s);
		return rc;
	}
	return survey_commit(s, err);
}

/* ---- creating ----------------------------------------------------------------------- */

/* The tables, the version and application id, and the details, in one transaction. */
static int create_contents(struct survey *s, const struct survey_meta *meta, struct ns_err *err)
{
	char sql[128];
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	rc = store_exec(s, store_create_sql(), err, "cannot create the tables");
	if (!rc) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
			 SURVEY_SCHEMA_VERSION, SURVEY_APPLICATION_ID);
		rc = store_exec(s, sql, err, "cannot set the schema version");
	}
	if (!rc)
		rc = meta_write(s, meta, err);
	if (!rc)
		rc = meta_put_int(s, "created_us", meta->created_us ? meta->created_us : ns_wall_us(),
				  err);
	if (!rc)
		rc = meta_put_text(s, "created_by", "notspot " NOTSPOT_VERSION, err);
	if (rc) {
		survey_rollback(s);
		return rc;
	}
	return survey_commit(s, err);
}

/* Remove what a failed survey_create() left: the file and SQLite's journal beside it. */
static void remove_created(const char *path)
{
	char aux[4096];

	unlink(path);
	snprintf(aux, sizeof(aux), "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof(aux), "%s-shm", path);
	unlink(aux);
}

int survey_create(const char *path, const struct survey_meta *meta, struct survey **out,
		  struct ns_err *err)
{
	struct survey_meta empty;
	struct survey *s;
	int rc, fd;

	*out = NULL;
	ns_err_clear(err);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		if (errno == EEXIST)
			return ns_err_set(err, -EEXIST, "%s already exists", path);
		return ns_err_set(err, -errno, "cannot create %s: %s", path, strerror(errno));
	}
	close(fd);
	if (!meta) {
		memset(&empty, 0, sizeof(empty));
		meta = &empty;
	}
	rc = open_writer(path, "cannot create the survey", true, &s, err);
	if (!rc) {
		rc = create_contents(s, meta, err);
		if (rc)
			survey_close(s);
	}
	if (rc) {
		remove_created(path);
		return rc;
	}
	*out = s;
	return 0;
}
