/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_migrate.c — taking an older survey file to the schema this build
 * writes: a byte-for-byte backup copy first, then the ordered steps N → N + 1
 * → … in one transaction, all or nothing; and the views that let a
 * read-only open read an older file without migrating it.
 *
 * The order, and why:
 *  1. a WAL left by a writer is checkpointed into the file (refused while
 *     another program holds an older snapshot), so the file alone is the survey;
 *  2. foreign keys off (PRAGMA foreign_keys is a no-op inside a transaction;
 *     a step may drop and rebuild a table others point at, SQLite's 12-step
 *     ALTER procedure);
 *  3. BEGIN IMMEDIATE: no other writer from here on;
 *  4. the backup: the file's bytes read through SQLite's own file handle (a
 *     second open() and close() of the file would drop SQLite's POSIX locks)
 *     into PATH.bak-vN, created exclusively and fsync'd;
 *  5. the steps, PRAGMA foreign_key_check, the new user_version, COMMIT — or
 *     ROLLBACK, which leaves the file byte-identical (the caller switches it
 *     to WAL only after a successful migration);
 *  6. foreign keys on again.
 */
#include "survey/store_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char *store_read_views(const struct survey_schema *schema, int version)
{
	for (size_t i = 0; i < schema->nsteps; i++)
		if (schema->steps[i].from == version)
			return schema->steps[i].read_views;
	return NULL;
}

/* ---- the backup ---------------------------------------------------------------- */

/* Write all @n bytes of @buf to @fd. 0 or -errno. */
static int write_all(int fd, const unsigned char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(fd, buf, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The bytes of the file under @s into @fd, read through SQLite's handle of it. */
static int copy_bytes(struct survey *s, int fd, struct ns_err *err)
{
	static unsigned char buf[1 << 16];
	sqlite3_file *src = NULL;
	sqlite3_int64 size = 0;
	int rc;

	if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_FILE_POINTER, &src) != SQLITE_OK ||
	    !src || !src->pMethods || src->pMethods->xFileSize(src, &size) != SQLITE_OK)
		return ns_err_set(err, -EIO, "cannot read %s to back it up", s->path);
	for (sqlite3_int64 off = 0; off < size;) {
		size_t n = size - off < (sqlite3_int64)sizeof(buf) ? (size_t)(size - off) : sizeof(buf);

		if (src->pMethods->xRead(src, buf, (int)n, off) != SQLITE_OK)
			return ns_err_set(err, -EIO, "cannot read %s to back it up", s->path);
		rc = write_all(fd, buf, n);
		if (rc)
			return ns_err_set(err, rc, "cannot write the backup of %s: %s", s->path,
					  strerror(-rc));
		off += (sqlite3_int64)n;
	}
	if (fsync(fd))
		return ns_err_set(err, -errno, "cannot write the backup of %s: %s", s->path,
				  strerror(errno));
	return 0;
}

/* Copy the file under @s, byte for byte, to @bak, which must not exist. */
static int backup_copy(struct survey *s, const char *bak, struct ns_err *err)
{
	int fd = open(bak, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	int rc;

	if (fd < 0 && errno == EEXIST)
		return ns_err_set(err, -EEXIST,
				  "cannot migrate %s: the backup %s already exists; move it away first",
				  s->path, bak);
	if (fd < 0)
		return ns_err_set(err, -errno, "cannot create the backup %s: %s", bak,
				  strerror(errno));
	rc = copy_bytes(s, fd, err);
	if (close(fd) && !rc)
		rc = ns_err_set(err, -errno, "cannot write the backup %s: %s", bak, strerror(errno));
	if (rc)
		unlink(bak);
	return rc;
}

/*
 * Frames a writer left in the WAL go into the file first, so that the file's
 * bytes are the whole survey. A file that is not in WAL mode has none.
 */
static int checkpoint(struct survey *s, struct ns_err *err)
{
	int64_t busy = 0;
	int rc = store_query_int(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", &busy);

	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot prepare the migration");
	if (busy)
		return ns_err_set(err, -EBUSY,
				  "cannot migrate %s while another program is reading it: close it "
				  "there first", s->path);
	return 0;
}

/* ---- the steps ------------------------------------------------------------------- */

/* Run @schema's step from version @v to @v + 1 and record the new version. */
static int migrate_step(struct survey *s, int v, const struct survey_schema *schema,
			struct ns_err *err)
{
	const struct survey_migration *step = NULL;
	char setv[64];

	for (size_t i = 0; i < schema->nsteps; i++)
		if (schema->steps[i].from == v)
			step = &schema->steps[i];
	if (!step)
		return ns_err_set(err, -ENOTSUP, "no migration from schema version %d to %d", v,
				  v + 1);
	if (sqlite3_exec(s->db, step->sql, NULL, NULL, NULL) != SQLITE_OK)
		return ns_err_set(err, -EIO, "migration from schema version %d to %d failed: %s", v,
				  v + 1, sqlite3_errmsg(s->db));
	snprintf(setv, sizeof(setv), "PRAGMA user_version = %d", v + 1);
	return store_exec(s, setv, err, "cannot set the schema version");
}

/*
 * Before the commit: no row may point at a row that does not exist (a step
 * that rebuilt a table with foreign keys off could have left one).
 */
static int check_foreign_keys(struct survey *s, int from, int to, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, "PRAGMA foreign_key_check", &st, "cannot check the migration",
			       err);

	if (rc)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = ns_err_set(err, -EIO,
				"migration from schema version %d to %d failed: row %lld of table "
				"%s points at a row of %s that does not exist", from, to,
				(long long)sqlite3_column_int64(st, 1),
				(const char *)sqlite3_column_text(st, 0),
				(const char *)sqlite3_column_text(st, 2));
	else if (rc != SQLITE_DONE)
		rc = survey_sql_error(s, rc, err, "cannot check the migration");
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

/* Back up, then the steps from @from to @schema's version, in one transaction. */
static int migrate_in_txn(struct survey *s, int from, const char *bak,
			  const struct survey_schema *schema, struct ns_err *err)
{
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	rc = backup_copy(s, bak, err);
	for (int v = from; !rc && v < schema->version; v++)
		rc = migrate_step(s, v, schema, err);
	if (!rc)
		rc = check_foreign_keys(s, from, schema->version, err);
	if (rc) {
		survey_rollback(s);
		return rc;
	}
	return survey_commit(s, err);
}

int store_migrate(struct survey *s, int from, const struct survey_schema *schema,
		  struct ns_err *err)
{
	char *bak = sqlite3_mprintf("%s.bak-v%d", s->path, from);
	int rc;

	if (!bak)
		return ns_err_set(err, -ENOMEM, "out of memory");
	if (store_file_exists(bak)) {
		rc = ns_err_set(err, -EEXIST,
				"cannot migrate %s: the backup %s already exists; move it away first",
				s->path, bak);
		goto out;
	}
	rc = checkpoint(s, err);
	if (!rc)
		rc = store_exec(s, "PRAGMA foreign_keys = OFF", err, "cannot prepare the migration");
	if (rc)
		goto out;
	rc = migrate_in_txn(s, from, bak, schema, err);
	if (store_exec(s, "PRAGMA foreign_keys = ON", rc ? NULL : err,
		       "cannot enable foreign keys") && !rc)
		rc = -EIO;
out:
	sqlite3_free(bak);
	return rc;
}
