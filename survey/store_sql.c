/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_sql.c — how the store talks to SQLite: SQLite's codes turned into
 * -errno and a sentence, the cache of statements prepared once, running a
 * statement, and the units of work (transactions, and savepoints inside a
 * batch).
 *
 * Hot statements are prepared once (SQLITE_PREPARE_PERSISTENT) and kept on the
 * handle, one slot each (enum store_slot); they are reset and cleared after
 * every use, so no cached statement holds a read open between calls.
 */
#include "survey/store_private.h"

#include <assert.h>
#include <errno.h>
#include <string.h>

int survey_sql_error(struct survey *s, int rc, struct ns_err *err, const char *what)
{
	int code;

	switch (rc & 0xff) {
	case SQLITE_NOMEM: code = -ENOMEM; break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: code = -EBUSY; break;
	case SQLITE_READONLY: code = -EROFS; break;
	case SQLITE_FULL: code = -ENOSPC; break;
	case SQLITE_CONSTRAINT: code = -EEXIST; break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: code = -EBADMSG; break;
	case SQLITE_CANTOPEN: code = -ENOENT; break;
	default: code = -EIO; break;
	}
	return ns_err_set(err, code, "%s: %s", what,
			  s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
}

int store_stmt(struct survey *s, enum store_slot slot, const char *sql, sqlite3_stmt **st,
	       struct ns_err *err)
{
	int rc;

	if (!s->stmt[slot]) {
		rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[slot],
					NULL);
		if (rc != SQLITE_OK) {
			*st = NULL;
			return survey_sql_error(s, rc, err, "cannot prepare a statement");
		}
	}
	/* A slot holds one statement: every use of it passes the same text. */
	assert(!sql || strcmp(sqlite3_sql(s->stmt[slot]), sql) == 0);
	*st = s->stmt[slot];
	return 0;
}

int store_done(struct survey *s, sqlite3_stmt *st, struct ns_err *err, const char *what)
{
	int rc = sqlite3_step(st);

	store_release(st);
	if (rc != SQLITE_DONE)
		return survey_sql_error(s, rc, err, what);
	return 0;
}

void store_release(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int store_prepare(struct survey *s, const char *sql, sqlite3_stmt **st, const char *what,
		  struct ns_err *err)
{
	int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);

	if (rc != SQLITE_OK) {
		*st = NULL;
		return survey_sql_error(s, rc, err, what);
	}
	return 0;
}

int store_exec(struct survey *s, const char *sql, struct ns_err *err, const char *what)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, what);
	return 0;
}

int store_query_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_NOTFOUND;
	}
	sqlite3_finalize(st);
	return rc;
}

int store_writable(struct survey *s, struct ns_err *err)
{
	return s->writable ? 0 : ns_err_set(err, -EROFS, "the survey was opened read-only");
}

bool store_fk_failed(struct survey *s)
{
	return sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY;
}

/* ---- units of work ------------------------------------------------------------ */

static const char release_sql[] = "RELEASE unit";

/*
 * A unit of work (one sample, one floor, one import) is its own IMMEDIATE
 * transaction, or a savepoint inside a caller's batch, so a failing unit
 * undoes only itself either way.
 */
int survey_begin(struct survey *s, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_writable(s, err);

	if (!rc)
		rc = s->batch ? store_stmt(s, SLOT_SAVEPOINT, "SAVEPOINT unit", &st, err)
			      : store_stmt(s, SLOT_BEGIN, "BEGIN IMMEDIATE", &st, err);
	if (rc)
		return rc;
	return store_done(s, st, err, "cannot start a transaction");
}

int survey_commit(struct survey *s, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = s->batch ? store_stmt(s, SLOT_RELEASE, release_sql, &st, err)
			  : store_stmt(s, SLOT_COMMIT, "COMMIT", &st, err);

	if (rc)
		return rc;
	rc = store_done(s, st, err, "cannot commit");
	if (rc)
		survey_rollback(s);
	return rc;
}

void survey_rollback(struct survey *s)
{
	sqlite3_stmt *st;

	if (sqlite3_get_autocommit(s->db))
		return;
	if (s->batch) {
		if (!store_stmt(s, SLOT_ROLLBACK_TO, "ROLLBACK TO unit", &st, NULL))
			store_done(s, st, NULL, "rollback");
		if (!store_stmt(s, SLOT_RELEASE, release_sql, &st, NULL))
			store_done(s, st, NULL, "rollback");
	} else if (!store_stmt(s, SLOT_ROLLBACK, "ROLLBACK", &st, NULL)) {
		store_done(s, st, NULL, "rollback");
	}
}

int survey_batch_begin(struct survey *s, struct ns_err *err)
{
	int rc;

	if (s->batch)
		return ns_err_set(err, -EBUSY, "a batch is already open on this survey");
	rc = survey_begin(s, err);
	if (!rc)
		s->batch = true;
	return rc;
}

int survey_batch_commit(struct survey *s, struct ns_err *err)
{
	if (!s->batch)
		return ns_err_set(err, -EINVAL, "no batch is open on this survey");
	s->batch = false;
	return survey_commit(s, err);
}

void survey_batch_rollback(struct survey *s)
{
	if (!s->batch)
		return;
	s->batch = false;
	survey_rollback(s);
}
