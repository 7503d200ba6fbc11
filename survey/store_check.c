/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_check.c — what survey_open() refuses, found before anything is written.
 *
 * First the raw header, read through SQLite's VFS without a connection that
 * could write: the magic, the page size, the page count against the file size
 * (a truncated copy), the application id and user_version. Then an SQLite
 * connection that cannot write (immutable when no -wal file is beside the
 * file): the 'meta' table, the version, quick_check. A file that is not a
 * survey, is truncated or damaged, or is newer than this build is refused
 * with one sentence and never written: not even a -wal or -shm file is created
 * next to it. Writing also needs the folder: SQLite keeps its journal there.
 */
#include "survey/store_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool store_file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Whether a non-empty PATH-wal is beside @path (a writer runs, or crashed). */
static bool wal_beside(const char *path)
{
	char wal[4096];
	struct stat st;

	if (snprintf(wal, sizeof(wal), "%s-wal", path) >= (int)sizeof(wal))
		return false;
	return stat(wal, &st) == 0 && st.st_size > 0;
}

/*
 * Read the first @n bytes of @path through SQLite's VFS, never with a plain
 * open()/close(): POSIX drops every fcntl lock a process holds on a file when
 * any descriptor of that file is closed, so a plain close() here would silently
 * release the locks of another connection of this process to the same survey
 * (the walker's writer, say), after which an outside checkpoint could unlink
 * the WAL under it and lose what it writes next. SQLite's unix VFS shares
 * per-inode state across connections and defers such closes. Opening a
 * connection and reading raw bytes creates no -wal or -shm file.
 */
static ssize_t read_head(const char *path, unsigned char *h, size_t n, struct ns_err *err)
{
	sqlite3 *db = NULL;
	sqlite3_file *f = NULL;
	sqlite3_int64 size = 0;
	ssize_t got = -1;
	int rc;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		ns_err_set(err, -EIO, "cannot open %s: %s", path,
			   db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		goto out;
	}
	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f ||
	    !f->pMethods) {
		ns_err_set(err, -EIO, "cannot read %s", path);
		goto out;
	}
	if (f->pMethods->xFileSize(f, &size) != SQLITE_OK) {
		ns_err_set(err, -EIO, "cannot read the size of %s", path);
		goto out;
	}
	if ((sqlite3_int64)n > size)
		n = (size_t)size;
	rc = n ? f->pMethods->xRead(f, h, (int)n, 0) : SQLITE_OK;
	if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) {
		ns_err_set(err, -EIO, "cannot read %s: %s", path, sqlite3_errstr(rc));
		goto out;
	}
	got = (ssize_t)n;
out:
	sqlite3_close(db);
	return got;
}

/*
 * Look at the raw header without SQLite: catches what is not an SQLite file,
 * a truncated copy, another program's database and a newer schema.
 */
int store_check_header(const char *path, const struct survey_schema *schema,
		       struct ns_err *err)
{
	unsigned char h[100];
	struct stat st;
	uint32_t page_size, page_count, version;
	ssize_t got;
	bool has_wal;

	if (stat(path, &st) < 0)
		return ns_err_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return ns_err_set(err, -EINVAL, "%s is not a regular file", path);
	if (access(path, R_OK) < 0)
		return ns_err_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	got = read_head(path, h, sizeof(h), err);
	if (got < 0)
		return err ? err->code : -EIO;
	has_wal = wal_beside(path);
	if (got < 16 || memcmp(h, "SQLite format 3", 16) != 0)
		return ns_err_set(err, -EBADMSG,
				  "%s is not a notspot survey (not an SQLite database)", path);
	if (got < (ssize_t)sizeof(h))
		return ns_err_set(err, -EBADMSG, "%s is truncated (%zd bytes, shorter than its header)",
				  path, got);
	page_size = (uint32_t)h[16] << 8 | h[17];
	if (page_size == 1)
		page_size = 65536;
	if (page_size < 512 || (page_size & (page_size - 1)))
		return ns_err_set(err, -EBADMSG, "%s is damaged (invalid page size %u)", path,
				  page_size);
	page_count = be32(h + 28);
	/*
	 * The count is valid only when "version-valid-for" matches the change
	 * counter. With a WAL beside the file, a checkpoint cut short by a crash
	 * legitimately leaves the header ahead of the file's end: the WAL still
	 * holds those pages and SQLite's recovery finishes the job.
	 */
	if (!has_wal && be32(h + 92) == be32(h + 24) && page_count > 0 &&
	    (uint64_t)st.st_size < (uint64_t)page_count * page_size)
		return ns_err_set(err, -EBADMSG,
				  "%s is truncated: its header counts %u pages of %u bytes but the "
				  "file has only %lld bytes",
				  path, page_count, page_size, (long long)st.st_size);
	if (!has_wal && st.st_size % page_size)
		return ns_err_set(err, -EBADMSG,
				  "%s is truncated or damaged (%lld bytes is not a whole number of "
				  "%u-byte pages)",
				  path, (long long)st.st_size, page_size);
	/*
	 * With a WAL beside it, the newest header may still be in the WAL (a
	 * writer has the file open, or crashed before a checkpoint): the id and
	 * version are then checked through SQLite, which reads the WAL.
	 */
	if (has_wal)
		return 0;
	if (be32(h + 68) != SURVEY_APPLICATION_ID)
		return ns_err_set(err, -EBADMSG,
				  "%s is an SQLite database but not a notspot survey", path);
	version = be32(h + 60);
	if (version > (uint32_t)schema->version)
		return ns_err_set(err, -EPROTONOSUPPORT,
				  "%s is a survey of schema version %u; this notspot reads up to "
				  "%d: upgrade notspot",
				  path, version, schema->version);
	return 0;
}

/*
 * A read-only SQLite connection that writes nothing: immutable when no WAL is
 * beside the file (a plain read-only open would create -wal and -shm), and a
 * normal read-only one when a WAL exists (a writer is running, or crashed with
 * committed frames that must be read).
 */
int store_open_readonly(const char *path, sqlite3 **db, struct ns_err *err)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *wal = malloc(n + 5), *uri = malloc(n * 3 + 32), *p;
	bool has_wal;
	int rc;

	if (!wal || !uri) {
		free(wal);
		free(uri);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	memcpy(wal, path, n);
	memcpy(wal + n, "-wal", 5);
	has_wal = store_file_exists(wal);
	free(wal);
	/* A URI takes the path percent-encoded where URIs reserve characters. */
	p = uri + sprintf(uri, "file:");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];

		if (c == '%' || c == '?' || c == '#' || c <= ' ' || c >= 0x7f) {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		} else {
			*p++ = (char)c;
		}
	}
	strcpy(p, has_wal ? "?mode=ro" : "?mode=ro&immutable=1");
	*db = NULL;
	rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		ns_err_set(err, -EIO, "cannot open %s: %s", path,
			   *db ? sqlite3_errmsg(*db) : sqlite3_errstr(rc));
		sqlite3_close(*db);
		*db = NULL;
		return -EIO;
	}
	return 0;
}

/* Inside SQLite, read-only: a 'meta' table, the version, and quick_check. */
int store_check_contents(sqlite3 *db, const char *path, const struct survey_schema *schema,
			 int *version, struct ns_err *err)
{
	sqlite3_stmt *st;
	int64_t v = 0, has_meta = 0;
	int rc;

	rc = store_query_int(db, "PRAGMA application_id", &v);
	if (rc != SQLITE_OK)
		return ns_err_set(err, -EBADMSG, "%s is damaged or not a notspot survey: %s", path,
				  sqlite3_errmsg(db));
	if (v != SURVEY_APPLICATION_ID)
		return ns_err_set(err, -EBADMSG,
				  "%s is an SQLite database but not a notspot survey", path);
	rc = store_query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
		       &has_meta);
	if (rc != SQLITE_OK)
		return ns_err_set(err, -EBADMSG, "%s is damaged or not a notspot survey: %s", path,
				  sqlite3_errmsg(db));
	if (!has_meta)
		return ns_err_set(err, -EBADMSG, "%s is not a notspot survey (no 'meta' table)",
				  path);
	rc = store_query_int(db, "PRAGMA user_version", &v);
	if (rc != SQLITE_OK)
		return ns_err_set(err, -EBADMSG, "%s is damaged: %s", path, sqlite3_errmsg(db));
	if (v > schema->version)
		return ns_err_set(err, -EPROTONOSUPPORT,
				  "%s is a survey of schema version %lld; this notspot reads up to "
				  "%d: upgrade notspot",
				  path, (long long)v, schema->version);
	if (v < 1)
		return ns_err_set(err, -EBADMSG,
				  "%s is not a notspot survey (schema version %lld)", path,
				  (long long)v);
	rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		ns_err_set(err, -EBADMSG, "%s is damaged: %s", path, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -EBADMSG;
	}
	if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		ns_err_set(err, -EBADMSG, "%s is damaged: SQLite's check says: %.200s", path,
			   (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		return -EBADMSG;
	}
	sqlite3_finalize(st);
	*version = (int)v;
	return 0;
}

/*
 * Writing needs the file and its folder (SQLite keeps the -wal and -shm files
 * beside the survey). Said here in words: SQLite would only say "attempt to
 * write a readonly database" from deep inside the WAL switch.
 */
int store_check_writable(const char *path, struct ns_err *err)
{
	char *copy, *slash;
	int rc = 0;

	if (access(path, W_OK) != 0)
		return ns_err_set(err, -errno, "%s cannot be changed: %s", path, strerror(errno));
	copy = strdup(path);
	if (!copy)
		return ns_err_set(err, -ENOMEM, "out of memory");
	slash = strrchr(copy, '/');
	if (slash == copy)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	if (access(slash ? copy : ".", W_OK | X_OK) != 0)
		rc = ns_err_set(err, -errno, "%s cannot be changed: its folder is not writable (%s), "
					     "and notspot keeps its journal beside the survey", path,
				strerror(errno));
	free(copy);
	return rc;
}

