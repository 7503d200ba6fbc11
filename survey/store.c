/*
 * store.c — the survey file on SQLite: schema, opening (with the refusals and
 * migrations), and the typed insert/query API of survey.h.
 *
 * Durability: WAL journal with synchronous=FULL, so a COMMIT returns only once
 * the WAL frame is fsync'd; every sample is its own IMMEDIATE transaction.
 * Hot statements are prepared once (SQLITE_PREPARE_PERSISTENT) and cached on
 * the handle; iteration prepares its own so callbacks may re-enter the API.
 *
 * Refusal before touching: survey_open() first inspects the file read-only —
 * raw header (magic, page size, page count against the file size, application
 * id, user_version), then an immutable SQLite connection ('meta' table,
 * quick_check) — and only then opens it for writing. A file that is not a
 * survey, is truncated or damaged, or is newer than this build is never
 * written: not even a -wal or -shm file is created next to it.
 */
#include "survey/store_private.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/version.h"

/* PRAGMA application_id: "NSPT", so file(1) and our checks know the file. */
#define SURVEY_APPLICATION_ID 0x4e535054

static const char schema_v1[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;\n"
	"CREATE TABLE floors (\n"
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, building TEXT NOT NULL DEFAULT '',\n"
	"  level INTEGER NOT NULL DEFAULT 0, image_type TEXT NOT NULL DEFAULT '', image BLOB,\n"
	"  page INTEGER NOT NULL DEFAULT 0, width_px INTEGER NOT NULL DEFAULT 0,\n"
	"  height_px INTEGER NOT NULL DEFAULT 0, px_per_m REAL NOT NULL DEFAULT 0,\n"
	"  origin_x_px REAL NOT NULL DEFAULT 0, origin_y_px REAL NOT NULL DEFAULT 0);\n"
	/* Point lists: little-endian IEEE doubles, x0 y0 x1 y1 …, metres. */
	"CREATE TABLE wards (\n"
	"  id INTEGER PRIMARY KEY, floor_id INTEGER NOT NULL REFERENCES floors(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL, points BLOB NOT NULL);\n"
	"CREATE TABLE walls (\n"
	"  id INTEGER PRIMARY KEY, floor_id INTEGER NOT NULL REFERENCES floors(id) ON DELETE CASCADE,\n"
	"  points BLOB NOT NULL, material TEXT NOT NULL,\n"
	"  loss_2g4_db REAL NOT NULL, loss_5g_db REAL NOT NULL, loss_6g_db REAL NOT NULL);\n"
	"CREATE TABLE openings (\n"
	"  id INTEGER PRIMARY KEY, floor_id INTEGER NOT NULL REFERENCES floors(id) ON DELETE CASCADE,\n"
	"  ax_m REAL NOT NULL, ay_m REAL NOT NULL, bx_m REAL NOT NULL, by_m REAL NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  loss_2g4_db REAL NOT NULL, loss_5g_db REAL NOT NULL, loss_6g_db REAL NOT NULL);\n"
	"CREATE TABLE aps (\n"
	"  id INTEGER PRIMARY KEY, floor_id INTEGER NOT NULL REFERENCES floors(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL, x_m REAL NOT NULL, y_m REAL NOT NULL, height_m REAL,\n"
	"  source TEXT NOT NULL, bssid_pattern TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX wards_floor ON wards(floor_id);\n"
	"CREATE INDEX walls_floor ON walls(floor_id);\n"
	"CREATE INDEX openings_floor ON openings(floor_id);\n"
	"CREATE INDEX aps_floor ON aps(floor_id);\n"
	"CREATE TABLE walks (\n"
	"  id INTEGER PRIMARY KEY, floor_id INTEGER NOT NULL REFERENCES floors(id),\n"
	"  start_us INTEGER NOT NULL, end_us INTEGER, operator TEXT NOT NULL DEFAULT '',\n"
	"  interface TEXT NOT NULL DEFAULT '', driver TEXT NOT NULL DEFAULT '',\n"
	"  chipset TEXT NOT NULL DEFAULT '', mode TEXT NOT NULL DEFAULT '',\n"
	"  note TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX walks_floor ON walks(floor_id, start_us);\n"
	"CREATE TABLE waypoints (\n"
	"  id INTEGER PRIMARY KEY, walk_id INTEGER NOT NULL REFERENCES walks(id),\n"
	"  t_us INTEGER NOT NULL, mono_us INTEGER NOT NULL, x_m REAL NOT NULL, y_m REAL NOT NULL,\n"
	"  pause INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE INDEX waypoints_walk ON waypoints(walk_id, t_us);\n"
	/* x_m/y_m NULL while the sample is not placed. */
	"CREATE TABLE samples (\n"
	"  id INTEGER PRIMARY KEY, walk_id INTEGER NOT NULL REFERENCES walks(id),\n"
	"  t_us INTEGER NOT NULL, mono_us INTEGER NOT NULL, kind INTEGER NOT NULL,\n"
	"  status INTEGER NOT NULL, error TEXT NOT NULL DEFAULT '',\n"
	"  x_m REAL, y_m REAL, noise_dbm REAL);\n"
	"CREATE INDEX samples_walk ON samples(walk_id, t_us);\n"
	"CREATE INDEX samples_time ON samples(t_us);\n"
	/* Clustered by sample: a sample's observations are one range of the b-tree. */
	"CREATE TABLE observations (\n"
	"  sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL, bssid BLOB NOT NULL, ssid TEXT NOT NULL,\n"
	"  hidden INTEGER NOT NULL, freq_mhz INTEGER, channel INTEGER, width_mhz INTEGER,\n"
	"  center_freq_mhz INTEGER, signal_dbm REAL, noise_dbm REAL, bss_stations INTEGER,\n"
	"  bss_utilisation REAL, security TEXT NOT NULL, ap_name TEXT NOT NULL,\n"
	"  age_ms INTEGER, associated INTEGER NOT NULL,\n"
	"  PRIMARY KEY (sample_id, seq)) WITHOUT ROWID;\n"
	"CREATE INDEX observations_bssid ON observations(bssid);\n"
	"CREATE TABLE links (\n"
	"  sample_id INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,\n"
	"  bssid BLOB NOT NULL, ssid TEXT NOT NULL, freq_mhz INTEGER, signal_dbm REAL,\n"
	"  signal_avg_dbm REAL, beacon_signal_avg_dbm REAL, tx_bitrate_mbps REAL,\n"
	"  rx_bitrate_mbps REAL, expected_throughput_mbps REAL, tx_retries INTEGER,\n"
	"  tx_failed INTEGER, beacon_loss INTEGER, rx_bytes INTEGER, tx_bytes INTEGER,\n"
	"  noise_dbm REAL, connected_s INTEGER);\n"
	"CREATE TABLE throughputs (\n"
	"  sample_id INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,\n"
	"  protocol TEXT NOT NULL, direction TEXT NOT NULL, server TEXT NOT NULL,\n"
	"  duration_s REAL, mbps REAL, jitter_ms REAL, loss_pct REAL, rtt_ms REAL,\n"
	"  error TEXT NOT NULL DEFAULT '');\n";

static const struct survey_schema builtin_schema = { SURVEY_SCHEMA_VERSION, NULL, 0 };

const struct survey_schema *survey_builtin_schema(void)
{
	return &builtin_schema;
}

/* ---- cached statements ---------------------------------------------------- */

enum stmt_id {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_SAVEPOINT,
	ST_RELEASE,
	ST_ROLLBACK_TO,
	ST_META_GET,
	ST_META_SET,
	ST_INS_SAMPLE,
	ST_INS_OBS,
	ST_INS_LINK,
	ST_INS_TPUT,
	ST_INS_WAYPOINT,
	ST_DEL_WAYPOINT,
	ST_INS_WALK,
	ST_END_WALK,
	ST_GET_WALK,
	ST_FIND_FLOOR,
	ST_INS_FLOOR,
	ST_UPD_FLOOR,
	ST_INS_WARD,
	ST_INS_WALL,
	ST_INS_OPENING,
	ST_INS_AP,
	ST_DEL_WARDS,
	ST_DEL_WALLS,
	ST_DEL_OPENINGS,
	ST_DEL_APS,
	ST_PLACE_SAMPLE,
	ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_SAVEPOINT] = "SAVEPOINT unit",
	[ST_RELEASE] = "RELEASE unit",
	[ST_ROLLBACK_TO] = "ROLLBACK TO unit",
	[ST_META_GET] = "SELECT key, value FROM meta",
	[ST_META_SET] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
	[ST_INS_SAMPLE] = "INSERT INTO samples(walk_id, t_us, mono_us, kind, status, error, "
			  "x_m, y_m, noise_dbm) VALUES (?,?,?,?,?,?,?,?,?)",
	[ST_INS_OBS] = "INSERT INTO observations(sample_id, seq, bssid, ssid, hidden, freq_mhz, "
		       "channel, width_mhz, center_freq_mhz, signal_dbm, noise_dbm, bss_stations, "
		       "bss_utilisation, security, ap_name, age_ms, associated) "
		       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_INS_LINK] = "INSERT INTO links(sample_id, bssid, ssid, freq_mhz, signal_dbm, "
			"signal_avg_dbm, beacon_signal_avg_dbm, tx_bitrate_mbps, rx_bitrate_mbps, "
			"expected_throughput_mbps, tx_retries, tx_failed, beacon_loss, rx_bytes, "
			"tx_bytes, noise_dbm, connected_s) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_INS_TPUT] = "INSERT INTO throughputs(sample_id, protocol, direction, server, "
			"duration_s, mbps, jitter_ms, loss_pct, rtt_ms, error) "
			"VALUES (?,?,?,?,?,?,?,?,?,?)",
	[ST_INS_WAYPOINT] = "INSERT INTO waypoints(walk_id, t_us, mono_us, x_m, y_m, pause) "
			    "VALUES (?,?,?,?,?,?)",
	[ST_DEL_WAYPOINT] = "DELETE FROM waypoints WHERE id = ?",
	[ST_INS_WALK] = "INSERT INTO walks(floor_id, start_us, end_us, operator, interface, "
			"driver, chipset, mode, note) VALUES (?,?,?,?,?,?,?,?,?)",
	[ST_END_WALK] = "UPDATE walks SET end_us = ? WHERE id = ?",
	[ST_GET_WALK] = "SELECT id, floor_id, start_us, end_us, operator, interface, driver, "
			"chipset, mode, note FROM walks WHERE id = ?",
	[ST_FIND_FLOOR] = "SELECT id FROM floors WHERE name = ?",
	[ST_INS_FLOOR] = "INSERT INTO floors(name, building, level, image_type, image, page, "
			 "width_px, height_px, px_per_m, origin_x_px, origin_y_px) "
			 "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	[ST_UPD_FLOOR] = "UPDATE floors SET name = ?, building = ?, level = ?, image_type = ?, "
			 "image = ?, page = ?, width_px = ?, height_px = ?, px_per_m = ?, "
			 "origin_x_px = ?, origin_y_px = ? WHERE id = ?",
	[ST_INS_WARD] = "INSERT INTO wards(id, floor_id, name, points) VALUES (?,?,?,?)",
	[ST_INS_WALL] = "INSERT INTO walls(id, floor_id, points, material, loss_2g4_db, "
			"loss_5g_db, loss_6g_db) VALUES (?,?,?,?,?,?,?)",
	[ST_INS_OPENING] = "INSERT INTO openings(id, floor_id, ax_m, ay_m, bx_m, by_m, kind, "
			   "loss_2g4_db, loss_5g_db, loss_6g_db) VALUES (?,?,?,?,?,?,?,?,?,?)",
	[ST_INS_AP] = "INSERT INTO aps(id, floor_id, name, x_m, y_m, height_m, source, "
		      "bssid_pattern) VALUES (?,?,?,?,?,?,?,?)",
	[ST_DEL_WARDS] = "DELETE FROM wards WHERE floor_id = ?",
	[ST_DEL_WALLS] = "DELETE FROM walls WHERE floor_id = ?",
	[ST_DEL_OPENINGS] = "DELETE FROM openings WHERE floor_id = ?",
	[ST_DEL_APS] = "DELETE FROM aps WHERE floor_id = ?",
	[ST_PLACE_SAMPLE] = "UPDATE samples SET x_m = ?, y_m = ? WHERE id = ?",
};

struct survey {
	sqlite3 *db;
	char *path;
	bool writable;
	bool batch;  /* inside survey_batch_begin(): units are savepoints */
	sqlite3_stmt *stmt[ST_COUNT];
};

struct sqlite3 *survey_sqlite(struct survey *s)
{
	return s ? s->db : NULL;
}

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

static sqlite3_stmt *stmt_get(struct survey *s, enum stmt_id id, struct ns_err *err)
{
	int rc;

	if (!s->stmt[id]) {
		rc = sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
					&s->stmt[id], NULL);
		if (rc != SQLITE_OK) {
			survey_sql_error(s, rc, err, "cannot prepare a statement");
			return NULL;
		}
	}
	return s->stmt[id];
}

/* Run a cached statement that returns no rows, and reset it. */
static int stmt_done(struct survey *s, sqlite3_stmt *st, struct ns_err *err, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return survey_sql_error(s, rc, err, what);
	return 0;
}

static void stmt_release(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/*
 * A unit of work (one sample, one floor, one import) is its own IMMEDIATE
 * transaction, or a savepoint inside a caller's batch, so a failing unit
 * undoes only itself either way.
 */
int survey_begin(struct survey *s, struct ns_err *err)
{
	sqlite3_stmt *st;

	if (!s->writable)
		return ns_err_set(err, -EROFS, "the survey was opened read-only");
	st = stmt_get(s, s->batch ? ST_SAVEPOINT : ST_BEGIN, err);
	if (!st)
		return err ? err->code : -EIO;
	return stmt_done(s, st, err, "cannot start a transaction");
}

int survey_commit(struct survey *s, struct ns_err *err)
{
	sqlite3_stmt *st = stmt_get(s, s->batch ? ST_RELEASE : ST_COMMIT, err);
	int rc;

	if (!st)
		return err ? err->code : -EIO;
	rc = stmt_done(s, st, err, "cannot commit");
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
		st = stmt_get(s, ST_ROLLBACK_TO, NULL);
		if (st)
			stmt_done(s, st, NULL, "rollback");
		st = stmt_get(s, ST_RELEASE, NULL);
	} else {
		st = stmt_get(s, ST_ROLLBACK, NULL);
	}
	if (st)
		stmt_done(s, st, NULL, "rollback");
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

/* ---- binding and reading with the NAN / -1 ↔ NULL rule -------------------- */

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

static void bind_int_or_null(sqlite3_stmt *st, int i, int64_t v, int64_t unknown)
{
	if (v == unknown)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

/* Fixed-size text fields: copy at most cap - 1 bytes, always terminated. */
static void bounded_copy(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strnlen(src, cap - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

#define bind_fixed(st, i, field) \
	sqlite3_bind_text((st), (i), (field), (int)strnlen((field), sizeof(field)), SQLITE_TRANSIENT)

static double col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static int64_t col_int(sqlite3_stmt *st, int i, int64_t unknown)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? unknown : sqlite3_column_int64(st, i);
}

/* An int-sized column; a crafted file's out-of-range value reads as unknown. */
static int col_int32(sqlite3_stmt *st, int i, int unknown)
{
	int64_t v = col_int(st, i, unknown);

	return v < -2147483647 || v > 2147483647 ? unknown : (int)v;
}

static void col_text(sqlite3_stmt *st, int i, char *dst, size_t cap)
{
	bounded_copy(dst, cap, (const char *)sqlite3_column_text(st, i));
}

static void col_bssid(sqlite3_stmt *st, int i, uint8_t out[6])
{
	const void *b = sqlite3_column_blob(st, i);

	if (b && sqlite3_column_bytes(st, i) == 6)
		memcpy(out, b, 6);
	else
		memset(out, 0, 6);
}

/* ---- point lists ------------------------------------------------------------ */

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

/* ---- opening ------------------------------------------------------------------ */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool file_exists(const char *path)
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
 * Look at the raw header without SQLite: catches what is not an SQLite file,
 * a truncated copy, another program's database and a newer schema.
 */
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

static int check_header(const char *path, const struct survey_schema *schema, struct ns_err *err)
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
static int open_readonly(const char *path, sqlite3 **db, struct ns_err *err)
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
	has_wal = file_exists(wal);
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

static int query_int(sqlite3 *db, const char *sql, int64_t *out)
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

/* Inside SQLite, read-only: a 'meta' table, the version, and quick_check. */
static int check_contents(sqlite3 *db, const char *path, const struct survey_schema *schema,
			  int *version, struct ns_err *err)
{
	sqlite3_stmt *st;
	int64_t v = 0, has_meta = 0;
	int rc;

	rc = query_int(db, "PRAGMA application_id", &v);
	if (rc != SQLITE_OK)
		return ns_err_set(err, -EBADMSG, "%s is damaged or not a notspot survey: %s", path,
				  sqlite3_errmsg(db));
	if (v != SURVEY_APPLICATION_ID)
		return ns_err_set(err, -EBADMSG,
				  "%s is an SQLite database but not a notspot survey", path);
	rc = query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
		       &has_meta);
	if (rc != SQLITE_OK)
		return ns_err_set(err, -EBADMSG, "%s is damaged or not a notspot survey: %s", path,
				  sqlite3_errmsg(db));
	if (!has_meta)
		return ns_err_set(err, -EBADMSG, "%s is not a notspot survey (no 'meta' table)",
				  path);
	rc = query_int(db, "PRAGMA user_version", &v);
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
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	/* The last connection to close checkpoints the WAL and removes it. */
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

static int exec(struct survey *s, const char *sql, struct ns_err *err, const char *what)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, what);
	return 0;
}

static int set_writer_pragmas(struct survey *s, struct ns_err *err)
{
	int rc;

	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 1);
	rc = exec(s, "PRAGMA journal_mode = WAL", err, "cannot switch to WAL");
	if (!rc)
		rc = exec(s, "PRAGMA synchronous = FULL", err, "cannot set synchronous=FULL");
	if (!rc)
		rc = exec(s, "PRAGMA foreign_keys = ON", err, "cannot enable foreign keys");
	return rc;
}

/* Copy @path to PATH.bak-vN through SQLite (WAL frames included). */
static int backup_copy(struct survey *s, int version, struct ns_err *err)
{
	char *bak = sqlite3_mprintf("%s.bak-v%d", s->path, version);
	char *sql;
	int rc;

	if (!bak)
		return ns_err_set(err, -ENOMEM, "out of memory");
	if (file_exists(bak)) {
		rc = ns_err_set(err, -EEXIST,
				"cannot migrate %s: the backup %s already exists; move it away first",
				s->path, bak);
		sqlite3_free(bak);
		return rc;
	}
	sql = sqlite3_mprintf("VACUUM INTO %Q", bak);
	if (!sql) {
		sqlite3_free(bak);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		ns_err_set(err, -EIO, "cannot write the backup %s: %s", bak, sqlite3_errmsg(s->db));
		unlink(bak);
		sqlite3_free(bak);
		return -EIO;
	}
	sqlite3_free(bak);
	return 0;
}

static int migrate(struct survey *s, int from, const struct survey_schema *schema,
		   struct ns_err *err)
{
	int rc, v = from;

	rc = backup_copy(s, from, err);
	if (rc)
		return rc;
	rc = survey_begin(s, err);
	if (rc)
		return rc;
	while (v < schema->version) {
		const struct survey_migration *step = NULL;
		char setv[64];

		for (size_t i = 0; i < schema->nsteps; i++)
			if (schema->steps[i].from == v)
				step = &schema->steps[i];
		if (!step) {
			rc = ns_err_set(err, -ENOTSUP,
					"no migration from schema version %d to %d", v, v + 1);
			goto fail;
		}
		rc = sqlite3_exec(s->db, step->sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			rc = ns_err_set(err, -EIO,
					"migration from schema version %d to %d failed: %s", v,
					v + 1, sqlite3_errmsg(s->db));
			goto fail;
		}
		v++;
		snprintf(setv, sizeof(setv), "PRAGMA user_version = %d", v);
		rc = exec(s, setv, err, "cannot set the schema version");
		if (rc)
			goto fail;
	}
	return survey_commit(s, err);
fail:
	survey_rollback(s);
	return rc;
}

/*
 * Writing needs the file and its folder (SQLite keeps the -wal and -shm files
 * beside the survey). Said here in words: SQLite would only say "attempt to
 * write a readonly database" from deep inside the WAL switch.
 */
static int check_writable(const char *path, struct ns_err *err)
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

int survey_open_schema(const char *path, enum survey_open_mode mode,
		       const struct survey_schema *schema, struct survey **out,
		       struct ns_err *err)
{
	struct survey *s = NULL;
	sqlite3 *ro = NULL;
	int rc, version = 0;

	*out = NULL;
	ns_err_clear(err);
	rc = check_header(path, schema, err);
	if (rc)
		return rc;
	rc = open_readonly(path, &ro, err);
	if (rc)
		return rc;
	rc = check_contents(ro, path, schema, &version, err);
	if (rc || mode == SURVEY_READ_ONLY) {
		if (rc) {
			sqlite3_close(ro);
			return rc;
		}
		s = survey_alloc(path);
		if (!s) {
			sqlite3_close(ro);
			return ns_err_set(err, -ENOMEM, "out of memory");
		}
		s->db = ro;
		sqlite3_extended_result_codes(ro, 1);
		*out = s;
		return 0;
	}
	sqlite3_close(ro);

	rc = check_writable(path, err);
	if (rc)
		return rc;
	s = survey_alloc(path);
	if (!s)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		rc = survey_sql_error(s, rc, err, "cannot open for writing");
		goto fail;
	}
	s->writable = true;
	rc = set_writer_pragmas(s, err);
	if (rc)
		goto fail;
	if (version < schema->version) {
		rc = migrate(s, version, schema, err);
		if (rc)
			goto fail;
	}
	*out = s;
	return 0;
fail:
	survey_close(s);
	return rc;
}

int survey_open(const char *path, enum survey_open_mode mode, struct survey **out,
		struct ns_err *err)
{
	return survey_open_schema(path, mode, &builtin_schema, out, err);
}

static int meta_put_text(struct survey *s, const char *key, const char *value,
			 struct ns_err *err)
{
	sqlite3_stmt *st = stmt_get(s, ST_META_SET, err);

	if (!st)
		return err ? err->code : -EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	bind_text(st, 2, value);
	return stmt_done(s, st, err, "cannot write the survey's details");
}

static int meta_put_int(struct survey *s, const char *key, int64_t value, struct ns_err *err)
{
	sqlite3_stmt *st = stmt_get(s, ST_META_SET, err);

	if (!st)
		return err ? err->code : -EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, value);
	return stmt_done(s, st, err, "cannot write the survey's details");
}

static int meta_write(struct survey *s, const struct survey_meta *m, struct ns_err *err)
{
	char buf[512];
	int rc;

#define PUT(key, field)                                            \
	do {                                                       \
		bounded_copy(buf, sizeof(field), (field));         \
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

int survey_create(const char *path, const struct survey_meta *meta, struct survey **out,
		  struct ns_err *err)
{
	struct survey_meta empty;
	struct survey *s;
	char sql[128];
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
	s = survey_alloc(path);
	if (!s) {
		unlink(path);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		rc = survey_sql_error(s, rc, err, "cannot create the survey");
		goto fail;
	}
	s->writable = true;
	rc = set_writer_pragmas(s, err);
	if (rc)
		goto fail;
	rc = survey_begin(s, err);
	if (rc)
		goto fail;
	rc = exec(s, schema_v1, err, "cannot create the tables");
	if (!rc) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
			 SURVEY_SCHEMA_VERSION, SURVEY_APPLICATION_ID);
		rc = exec(s, sql, err, "cannot set the schema version");
	}
	if (!meta) {
		memset(&empty, 0, sizeof(empty));
		meta = &empty;
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
		goto fail;
	}
	rc = survey_commit(s, err);
	if (rc)
		goto fail;
	*out = s;
	return 0;
fail:
	survey_close(s);
	unlink(path);
	{
		char aux[4096];

		snprintf(aux, sizeof(aux), "%s-wal", path);
		unlink(aux);
		snprintf(aux, sizeof(aux), "%s-shm", path);
		unlink(aux);
	}
	return rc;
}

int survey_get_meta(struct survey *s, struct survey_meta *m, struct ns_err *err)
{
	sqlite3_stmt *st = stmt_get(s, ST_META_GET, err);
	int64_t v = 0;
	int rc;

	if (!st)
		return err ? err->code : -EIO;
	memset(m, 0, sizeof(*m));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);

		if (!k)
			continue;
		if (!strcmp(k, "site"))
			col_text(st, 1, m->site, sizeof(m->site));
		else if (!strcmp(k, "organisation"))
			col_text(st, 1, m->organisation, sizeof(m->organisation));
		else if (!strcmp(k, "surveyor"))
			col_text(st, 1, m->surveyor, sizeof(m->surveyor));
		else if (!strcmp(k, "notes"))
			col_text(st, 1, m->notes, sizeof(m->notes));
		else if (!strcmp(k, "created_us"))
			m->created_us = sqlite3_column_int64(st, 1);
		else if (!strcmp(k, "created_by"))
			col_text(st, 1, m->created_by, sizeof(m->created_by));
	}
	stmt_release(st);
	if (rc != SQLITE_DONE)
		return survey_sql_error(s, rc, err, "cannot read the survey's details");
	rc = query_int(s->db, "PRAGMA user_version", &v);
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

/* ---- floors ---------------------------------------------------------------------- */

static void bind_floor(sqlite3_stmt *st, const struct floorplan *fp)
{
	bind_fixed(st, 1, fp->name);
	bind_fixed(st, 2, fp->building);
	sqlite3_bind_int(st, 3, fp->level);
	bind_fixed(st, 4, fp->image_type);
	if (fp->image && fp->image_len)
		sqlite3_bind_blob64(st, 5, fp->image, fp->image_len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int(st, 6, fp->page);
	sqlite3_bind_int(st, 7, fp->width_px);
	sqlite3_bind_int(st, 8, fp->height_px);
	sqlite3_bind_double(st, 9, fp->px_per_m);
	sqlite3_bind_double(st, 10, fp->origin_x_px);
	sqlite3_bind_double(st, 11, fp->origin_y_px);
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

static void bind_id(sqlite3_stmt *st, int i, int64_t id, bool keep)
{
	if (keep && id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* Insert @fp's geometry under floor @fid; with @keep_ids, rows keep the ids they had. */
static int write_geometry(struct survey *s, int64_t fid, struct floorplan *fp, bool keep_ids,
			  struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc;

	for (size_t i = 0; i < fp->nwards; i++) {
		struct fp_ward *w = &fp->wards[i];

		if (w->npts < 3)
			return ns_err_set(err, -EINVAL, "ward '%s' has fewer than 3 points", w->name);
		st = stmt_get(s, ST_INS_WARD, err);
		if (!st)
			return -EIO;
		bind_id(st, 1, w->id, keep_ids);
		sqlite3_bind_int64(st, 2, fid);
		bind_fixed(st, 3, w->name);
		if (bind_points(st, 4, w->pts, w->npts)) {
			stmt_release(st);
			return ns_err_set(err, -ENOMEM, "out of memory");
		}
		rc = stmt_done(s, st, err, "cannot store a ward");
		if (rc)
			return rc;
		w->id = sqlite3_last_insert_rowid(s->db);
	}
	for (size_t i = 0; i < fp->nwalls; i++) {
		struct fp_wall *w = &fp->walls[i];

		if (w->npts < 2)
			return ns_err_set(err, -EINVAL, "a wall has fewer than 2 points");
		st = stmt_get(s, ST_INS_WALL, err);
		if (!st)
			return -EIO;
		bind_id(st, 1, w->id, keep_ids);
		sqlite3_bind_int64(st, 2, fid);
		if (bind_points(st, 3, w->pts, w->npts)) {
			stmt_release(st);
			return ns_err_set(err, -ENOMEM, "out of memory");
		}
		bind_fixed(st, 4, w->material);
		for (int b = 0; b < FP_NBANDS; b++)
			sqlite3_bind_double(st, 5 + b, w->loss_db[b]);
		rc = stmt_done(s, st, err, "cannot store a wall");
		if (rc)
			return rc;
		w->id = sqlite3_last_insert_rowid(s->db);
	}
	for (size_t i = 0; i < fp->nopenings; i++) {
		struct fp_opening *o = &fp->openings[i];

		st = stmt_get(s, ST_INS_OPENING, err);
		if (!st)
			return -EIO;
		bind_id(st, 1, o->id, keep_ids);
		sqlite3_bind_int64(st, 2, fid);
		sqlite3_bind_double(st, 3, o->a.x);
		sqlite3_bind_double(st, 4, o->a.y);
		sqlite3_bind_double(st, 5, o->b.x);
		sqlite3_bind_double(st, 6, o->b.y);
		bind_fixed(st, 7, o->kind);
		for (int b = 0; b < FP_NBANDS; b++)
			sqlite3_bind_double(st, 8 + b, o->loss_db[b]);
		rc = stmt_done(s, st, err, "cannot store an opening");
		if (rc)
			return rc;
		o->id = sqlite3_last_insert_rowid(s->db);
	}
	for (size_t i = 0; i < fp->naps; i++) {
		struct fp_ap *a = &fp->aps[i];

		st = stmt_get(s, ST_INS_AP, err);
		if (!st)
			return -EIO;
		bind_id(st, 1, a->id, keep_ids);
		sqlite3_bind_int64(st, 2, fid);
		bind_fixed(st, 3, a->name);
		sqlite3_bind_double(st, 4, a->pos.x);
		sqlite3_bind_double(st, 5, a->pos.y);
		bind_real(st, 6, a->height_m);
		bind_fixed(st, 7, a->source);
		bind_fixed(st, 8, a->bssid_pattern);
		rc = stmt_done(s, st, err, "cannot store an access point");
		if (rc)
			return rc;
		a->id = sqlite3_last_insert_rowid(s->db);
	}
	return 0;
}

int64_t survey_add_floor(struct survey *s, struct floorplan *fp, struct ns_err *err)
{
	sqlite3_stmt *st;
	int64_t fid;
	int rc;

	if (!fp->name[0])
		return ns_err_set(err, -EINVAL, "a floor needs a name");
	rc = survey_begin(s, err);
	if (rc)
		return rc;
	st = stmt_get(s, ST_INS_FLOOR, err);
	if (!st) {
		rc = -EIO;
		goto fail;
	}
	bind_floor(st, fp);
	rc = sqlite3_step(st);
	stmt_release(st);
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_CONSTRAINT)
			rc = ns_err_set(err, -EEXIST, "a floor called '%s' already exists", fp->name);
		else
			rc = survey_sql_error(s, rc, err, "cannot store the floor");
		goto fail;
	}
	fid = sqlite3_last_insert_rowid(s->db);
	rc = write_geometry(s, fid, fp, false, err);
	if (rc)
		goto fail;
	rc = survey_commit(s, err);
	if (rc)
		return rc;
	fp->id = fid;
	return fid;
fail:
	survey_rollback(s);
	return rc;
}

int survey_update_floor(struct survey *s, struct floorplan *fp, struct ns_err *err)
{
	static const enum stmt_id dels[] = { ST_DEL_WARDS, ST_DEL_WALLS, ST_DEL_OPENINGS,
					     ST_DEL_APS };
	sqlite3_stmt *st;
	int rc;

	rc = survey_begin(s, err);
	if (rc)
		return rc;
	st = stmt_get(s, ST_UPD_FLOOR, err);
	if (!st) {
		rc = -EIO;
		goto fail;
	}
	bind_floor(st, fp);
	sqlite3_bind_int64(st, 12, fp->id);
	rc = stmt_done(s, st, err, "cannot update the floor");
	if (rc)
		goto fail;
	if (sqlite3_changes(s->db) != 1) {
		rc = ns_err_set(err, -ENOENT, "there is no floor %lld", (long long)fp->id);
		goto fail;
	}
	for (size_t i = 0; i < sizeof(dels) / sizeof(dels[0]); i++) {
		st = stmt_get(s, dels[i], err);
		if (!st) {
			rc = -EIO;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, fp->id);
		rc = stmt_done(s, st, err, "cannot replace the floor's geometry");
		if (rc)
			goto fail;
	}
	rc = write_geometry(s, fp->id, fp, true, err);
	if (rc)
		goto fail;
	return survey_commit(s, err);
fail:
	survey_rollback(s);
	return rc;
}

static int load_geometry(struct survey *s, struct floorplan *fp, struct ns_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(s->db, "SELECT id, name, points FROM wards WHERE floor_id = ? ORDER BY id",
				-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto sqlfail;
	sqlite3_bind_int64(st, 1, fp->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fp_point *pts;
		size_t n;
		int r = points_decode(sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st, 2),
				      &pts, &n);

		if (r == 0) {
			r = floorplan_add_ward(fp, (const char *)sqlite3_column_text(st, 1), pts, n);
			free(pts);
		}
		if (r) {
			int64_t id = sqlite3_column_int64(st, 0);

			sqlite3_finalize(st);
			return ns_err_set(err, r == -ENOMEM ? r : -EBADMSG,
					  "ward %lld's outline is damaged", (long long)id);
		}
		fp->wards[fp->nwards - 1].id = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);

	rc = sqlite3_prepare_v2(s->db, "SELECT id, points, material, loss_2g4_db, loss_5g_db, loss_6g_db "
				"FROM walls WHERE floor_id = ? ORDER BY id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto sqlfail;
	sqlite3_bind_int64(st, 1, fp->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fp_point *pts;
		double loss[FP_NBANDS] = { sqlite3_column_double(st, 3), sqlite3_column_double(st, 4),
					   sqlite3_column_double(st, 5) };
		size_t n;
		int r = points_decode(sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1),
				      &pts, &n);

		if (r == 0) {
			r = floorplan_add_wall(fp, pts, n, (const char *)sqlite3_column_text(st, 2), loss);
			free(pts);
		}
		if (r) {
			int64_t id = sqlite3_column_int64(st, 0);

			sqlite3_finalize(st);
			return ns_err_set(err, r == -ENOMEM ? r : -EBADMSG,
					  "wall %lld's points are damaged", (long long)id);
		}
		fp->walls[fp->nwalls - 1].id = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);

	rc = sqlite3_prepare_v2(s->db, "SELECT id, ax_m, ay_m, bx_m, by_m, kind, loss_2g4_db, loss_5g_db, "
				"loss_6g_db FROM openings WHERE floor_id = ? ORDER BY id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto sqlfail;
	sqlite3_bind_int64(st, 1, fp->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fp_point a = { sqlite3_column_double(st, 1), sqlite3_column_double(st, 2) };
		struct fp_point b = { sqlite3_column_double(st, 3), sqlite3_column_double(st, 4) };
		double loss[FP_NBANDS] = { sqlite3_column_double(st, 6), sqlite3_column_double(st, 7),
					   sqlite3_column_double(st, 8) };

		if (floorplan_add_opening(fp, a, b, (const char *)sqlite3_column_text(st, 5), loss)) {
			sqlite3_finalize(st);
			return ns_err_set(err, -ENOMEM, "out of memory");
		}
		fp->openings[fp->nopenings - 1].id = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);

	rc = sqlite3_prepare_v2(s->db, "SELECT id, name, x_m, y_m, height_m, source, bssid_pattern "
				"FROM aps WHERE floor_id = ? ORDER BY id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto sqlfail;
	sqlite3_bind_int64(st, 1, fp->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fp_ap a;

		memset(&a, 0, sizeof(a));
		a.id = sqlite3_column_int64(st, 0);
		col_text(st, 1, a.name, sizeof(a.name));
		a.pos.x = sqlite3_column_double(st, 2);
		a.pos.y = sqlite3_column_double(st, 3);
		a.height_m = col_real(st, 4);
		col_text(st, 5, a.source, sizeof(a.source));
		col_text(st, 6, a.bssid_pattern, sizeof(a.bssid_pattern));
		if (floorplan_add_ap(fp, &a)) {
			sqlite3_finalize(st);
			return ns_err_set(err, -ENOMEM, "out of memory");
		}
	}
	if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);
	return 0;
sqlfail:
	rc = survey_sql_error(s, rc, err, "cannot read the floor's geometry");
	sqlite3_finalize(st);
	return rc;
}

int survey_load_floor(struct survey *s, int64_t floor_id, struct floorplan **out,
		      struct ns_err *err)
{
	struct floorplan *fp;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	rc = sqlite3_prepare_v2(s->db, "SELECT name, building, level, image_type, image, page, "
				"width_px, height_px, px_per_m, origin_x_px, origin_y_px "
				"FROM floors WHERE id = ?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot read the floor");
	sqlite3_bind_int64(st, 1, floor_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return ns_err_set(err, -ENOENT, "there is no floor %lld", (long long)floor_id);
	}
	if (rc != SQLITE_ROW) {
		rc = survey_sql_error(s, rc, err, "cannot read the floor");
		sqlite3_finalize(st);
		return rc;
	}
	fp = floorplan_new();
	if (!fp) {
		sqlite3_finalize(st);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	fp->id = floor_id;
	col_text(st, 0, fp->name, sizeof(fp->name));
	col_text(st, 1, fp->building, sizeof(fp->building));
	fp->level = col_int32(st, 2, 0);
	fp->page = col_int32(st, 5, 0);
	fp->width_px = col_int32(st, 6, 0);
	fp->height_px = col_int32(st, 7, 0);
	fp->px_per_m = sqlite3_column_double(st, 8);
	fp->origin_x_px = sqlite3_column_double(st, 9);
	fp->origin_y_px = sqlite3_column_double(st, 10);
	{
		char type[sizeof(fp->image_type)];
		const void *img = sqlite3_column_blob(st, 4);
		size_t len = (size_t)sqlite3_column_bytes(st, 4);

		col_text(st, 3, type, sizeof(type));
		if (floorplan_set_image(fp, type, img, img ? len : 0)) {
			sqlite3_finalize(st);
			floorplan_free(fp);
			return ns_err_set(err, -ENOMEM, "out of memory for the floor's drawing");
		}
	}
	sqlite3_finalize(st);
	rc = load_geometry(s, fp, err);
	if (rc) {
		floorplan_free(fp);
		return rc;
	}
	*out = fp;
	return 0;
}

int64_t survey_find_floor(struct survey *s, const char *name, struct ns_err *err)
{
	sqlite3_stmt *st = stmt_get(s, ST_FIND_FLOOR, err);
	int64_t id;
	int rc;

	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	stmt_release(st);
	if (rc == SQLITE_DONE)
		return ns_err_set(err, -ENOENT, "there is no floor called '%s'", name);
	if (rc != SQLITE_ROW)
		return survey_sql_error(s, rc, err, "cannot look up the floor");
	return id;
}

int survey_list_floors(struct survey *s, struct survey_floor_info **out, size_t *n,
		       struct ns_err *err)
{
	struct survey_floor_info *v = NULL;
	size_t cap = 0, len = 0;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(s->db,
				"SELECT f.id, f.name, f.building, f.level, f.image_type, f.width_px, "
				"f.height_px, f.px_per_m, "
				"(SELECT count(*) FROM wards WHERE floor_id = f.id), "
				"(SELECT count(*) FROM walls WHERE floor_id = f.id), "
				"(SELECT count(*) FROM openings WHERE floor_id = f.id), "
				"(SELECT count(*) FROM aps WHERE floor_id = f.id) "
				"FROM floors f ORDER BY f.level, f.name", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot list the floors");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct survey_floor_info *f;

		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			void *p = realloc(v, ncap * sizeof(*v));

			if (!p) {
				free(v);
				sqlite3_finalize(st);
				return ns_err_set(err, -ENOMEM, "out of memory");
			}
			v = p;
			cap = ncap;
		}
		f = &v[len++];
		memset(f, 0, sizeof(*f));
		f->id = sqlite3_column_int64(st, 0);
		col_text(st, 1, f->name, sizeof(f->name));
		col_text(st, 2, f->building, sizeof(f->building));
		f->level = col_int32(st, 3, 0);
		col_text(st, 4, f->image_type, sizeof(f->image_type));
		f->width_px = col_int32(st, 5, 0);
		f->height_px = col_int32(st, 6, 0);
		f->px_per_m = sqlite3_column_double(st, 7);
		f->nwards = (size_t)sqlite3_column_int64(st, 8);
		f->nwalls = (size_t)sqlite3_column_int64(st, 9);
		f->nopenings = (size_t)sqlite3_column_int64(st, 10);
		f->naps = (size_t)sqlite3_column_int64(st, 11);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return survey_sql_error(s, rc, err, "cannot list the floors");
	}
	*out = v;
	*n = len;
	return 0;
}

/* ---- walks and waypoints ------------------------------------------------------------- */

int64_t survey_begin_walk_in_txn(struct survey *s, const struct survey_walk *w,
				 struct ns_err *err)
{
	sqlite3_stmt *st = stmt_get(s, ST_INS_WALK, err);
	int rc;

	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, w->floor_id);
	sqlite3_bind_int64(st, 2, w->start_us ? w->start_us : ns_wall_us());
	bind_int_or_null(st, 3, w->end_us, 0);
	bind_fixed(st, 4, w->operator_name);
	bind_fixed(st, 5, w->interface);
	bind_fixed(st, 6, w->driver);
	bind_fixed(st, 7, w->chipset);
	bind_fixed(st, 8, w->mode);
	bind_fixed(st, 9, w->note);
	rc = stmt_done(s, st, err, "cannot store the walk");
	if (rc) {
		if ((sqlite3_extended_errcode(s->db)) == SQLITE_CONSTRAINT_FOREIGNKEY)
			return ns_err_set(err, -ENOENT, "there is no floor %lld",
					  (long long)w->floor_id);
		return rc;
	}
	return sqlite3_last_insert_rowid(s->db);
}

int64_t survey_begin_walk(struct survey *s, const struct survey_walk *w, struct ns_err *err)
{
	int64_t id;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	id = survey_begin_walk_in_txn(s, w, err);
	if (id < 0) {
		survey_rollback(s);
		return id;
	}
	rc = survey_commit(s, err);
	return rc ? rc : id;
}

int survey_end_walk(struct survey *s, int64_t walk_id, int64_t end_us, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!s->writable)
		return ns_err_set(err, -EROFS, "the survey was opened read-only");
	st = stmt_get(s, ST_END_WALK, err);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, end_us);
	sqlite3_bind_int64(st, 2, walk_id);
	rc = stmt_done(s, st, err, "cannot end the walk");
	if (!rc && sqlite3_changes(s->db) != 1)
		rc = ns_err_set(err, -ENOENT, "there is no walk %lld", (long long)walk_id);
	return rc;
}

static void read_walk(sqlite3_stmt *st, struct survey_walk *w)
{
	memset(w, 0, sizeof(*w));
	w->id = sqlite3_column_int64(st, 0);
	w->floor_id = sqlite3_column_int64(st, 1);
	w->start_us = sqlite3_column_int64(st, 2);
	w->end_us = col_int(st, 3, 0);
	col_text(st, 4, w->operator_name, sizeof(w->operator_name));
	col_text(st, 5, w->interface, sizeof(w->interface));
	col_text(st, 6, w->driver, sizeof(w->driver));
	col_text(st, 7, w->chipset, sizeof(w->chipset));
	col_text(st, 8, w->mode, sizeof(w->mode));
	col_text(st, 9, w->note, sizeof(w->note));
}

int survey_get_walk(struct survey *s, int64_t walk_id, struct survey_walk *w,
		    struct ns_err *err)
{
	sqlite3_stmt *st = stmt_get(s, ST_GET_WALK, err);
	int rc;

	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, walk_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_walk(st, w);
	stmt_release(st);
	if (rc == SQLITE_DONE)
		return ns_err_set(err, -ENOENT, "there is no walk %lld", (long long)walk_id);
	if (rc != SQLITE_ROW)
		return survey_sql_error(s, rc, err, "cannot read the walk");
	return 0;
}

int survey_list_walks(struct survey *s, int64_t floor_id, struct survey_walk **out,
		      size_t *n, struct ns_err *err)
{
	struct survey_walk *v = NULL;
	size_t cap = 0, len = 0;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(s->db,
				"SELECT id, floor_id, start_us, end_us, operator, interface, driver, "
				"chipset, mode, note FROM walks WHERE ?1 = 0 OR floor_id = ?1 "
				"ORDER BY start_us, id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot list the walks");
	sqlite3_bind_int64(st, 1, floor_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			void *p = realloc(v, ncap * sizeof(*v));

			if (!p) {
				free(v);
				sqlite3_finalize(st);
				return ns_err_set(err, -ENOMEM, "out of memory");
			}
			v = p;
			cap = ncap;
		}
		read_walk(st, &v[len++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return survey_sql_error(s, rc, err, "cannot list the walks");
	}
	*out = v;
	*n = len;
	return 0;
}

int64_t survey_add_waypoint(struct survey *s, const struct survey_waypoint *wp,
			    struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!s->writable)
		return ns_err_set(err, -EROFS, "the survey was opened read-only");
	if (!isfinite(wp->x_m) || !isfinite(wp->y_m))
		return ns_err_set(err, -EINVAL, "a waypoint needs a position");
	st = stmt_get(s, ST_INS_WAYPOINT, err);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, wp->walk_id);
	sqlite3_bind_int64(st, 2, wp->t_us);
	sqlite3_bind_int64(st, 3, wp->mono_us);
	sqlite3_bind_double(st, 4, wp->x_m);
	sqlite3_bind_double(st, 5, wp->y_m);
	sqlite3_bind_int(st, 6, wp->pause);
	rc = stmt_done(s, st, err, "cannot store the waypoint");
	if (rc) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			return ns_err_set(err, -ENOENT, "there is no walk %lld",
					  (long long)wp->walk_id);
		return rc;
	}
	return sqlite3_last_insert_rowid(s->db);
}

int survey_delete_waypoint(struct survey *s, int64_t waypoint_id, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!s->writable)
		return ns_err_set(err, -EROFS, "the survey was opened read-only");
	st = stmt_get(s, ST_DEL_WAYPOINT, err);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, waypoint_id);
	rc = stmt_done(s, st, err, "cannot delete the waypoint");
	if (!rc && sqlite3_changes(s->db) != 1)
		rc = ns_err_set(err, -ENOENT, "there is no waypoint %lld", (long long)waypoint_id);
	return rc;
}

int survey_list_waypoints(struct survey *s, int64_t walk_id, struct survey_waypoint **out,
			  size_t *n, struct ns_err *err)
{
	struct survey_waypoint *v = NULL;
	size_t cap = 0, len = 0;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(s->db,
				"SELECT id, walk_id, t_us, mono_us, x_m, y_m, pause FROM waypoints "
				"WHERE walk_id = ? ORDER BY t_us, id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot list the waypoints");
	sqlite3_bind_int64(st, 1, walk_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct survey_waypoint *w;

		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			void *p = realloc(v, ncap * sizeof(*v));

			if (!p) {
				free(v);
				sqlite3_finalize(st);
				return ns_err_set(err, -ENOMEM, "out of memory");
			}
			v = p;
			cap = ncap;
		}
		w = &v[len++];
		w->id = sqlite3_column_int64(st, 0);
		w->walk_id = sqlite3_column_int64(st, 1);
		w->t_us = sqlite3_column_int64(st, 2);
		w->mono_us = sqlite3_column_int64(st, 3);
		w->x_m = sqlite3_column_double(st, 4);
		w->y_m = sqlite3_column_double(st, 5);
		w->pause = sqlite3_column_int(st, 6) != 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return survey_sql_error(s, rc, err, "cannot list the waypoints");
	}
	*out = v;
	*n = len;
	return 0;
}

/* ---- samples ------------------------------------------------------------------------- */

int64_t survey_add_sample_in_txn(struct survey *s, const struct meas_sample *sm,
				 const struct meas_observation *obs, size_t nobs,
				 const struct meas_link *link,
				 const struct meas_throughput *tput, struct ns_err *err)
{
	sqlite3_stmt *st;
	int64_t sid;
	int rc;

	if (!meas_kind_name(sm->kind) || !strcmp(meas_kind_name(sm->kind), "unknown"))
		return ns_err_set(err, -EINVAL, "sample kind %d is not one notspot knows",
				  (int)sm->kind);
	if (!strcmp(meas_status_name(sm->status), "unknown"))
		return ns_err_set(err, -EINVAL, "sample status %d is not one notspot knows",
				  (int)sm->status);
	st = stmt_get(s, ST_INS_SAMPLE, err);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, sm->walk_id);
	sqlite3_bind_int64(st, 2, sm->t_us);
	sqlite3_bind_int64(st, 3, sm->mono_us);
	sqlite3_bind_int(st, 4, sm->kind);
	sqlite3_bind_int(st, 5, sm->status);
	bind_fixed(st, 6, sm->error);
	if (sm->placed && isfinite(sm->x_m) && isfinite(sm->y_m)) {
		sqlite3_bind_double(st, 7, sm->x_m);
		sqlite3_bind_double(st, 8, sm->y_m);
	}
	bind_real(st, 9, sm->noise_dbm);
	rc = stmt_done(s, st, err, "cannot store the sample");
	if (rc) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			return ns_err_set(err, -ENOENT, "there is no walk %lld",
					  (long long)sm->walk_id);
		return rc;
	}
	sid = sqlite3_last_insert_rowid(s->db);

	for (size_t i = 0; i < nobs; i++) {
		const struct meas_observation *o = &obs[i];

		st = stmt_get(s, ST_INS_OBS, err);
		if (!st)
			return -EIO;
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		sqlite3_bind_blob(st, 3, o->bssid, 6, SQLITE_STATIC);
		bind_fixed(st, 4, o->ssid);
		sqlite3_bind_int(st, 5, o->hidden);
		bind_int_or_null(st, 6, o->freq_mhz, 0);
		bind_int_or_null(st, 7, o->channel, 0);
		bind_int_or_null(st, 8, o->width_mhz, 0);
		bind_int_or_null(st, 9, o->center_freq_mhz, 0);
		bind_real(st, 10, o->signal_dbm);
		bind_real(st, 11, o->noise_dbm);
		bind_int_or_null(st, 12, o->bss_stations, -1);
		bind_real(st, 13, o->bss_utilisation);
		bind_fixed(st, 14, o->security);
		bind_fixed(st, 15, o->ap_name);
		bind_int_or_null(st, 16, o->age_ms, -1);
		sqlite3_bind_int(st, 17, o->associated);
		rc = stmt_done(s, st, err, "cannot store an observation");
		if (rc)
			return rc;
	}
	if (link) {
		st = stmt_get(s, ST_INS_LINK, err);
		if (!st)
			return -EIO;
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_blob(st, 2, link->bssid, 6, SQLITE_STATIC);
		bind_fixed(st, 3, link->ssid);
		bind_int_or_null(st, 4, link->freq_mhz, 0);
		bind_real(st, 5, link->signal_dbm);
		bind_real(st, 6, link->signal_avg_dbm);
		bind_real(st, 7, link->beacon_signal_avg_dbm);
		bind_real(st, 8, link->tx_bitrate_mbps);
		bind_real(st, 9, link->rx_bitrate_mbps);
		bind_real(st, 10, link->expected_throughput_mbps);
		bind_int_or_null(st, 11, link->tx_retries, -1);
		bind_int_or_null(st, 12, link->tx_failed, -1);
		bind_int_or_null(st, 13, link->beacon_loss, -1);
		bind_int_or_null(st, 14, link->rx_bytes, -1);
		bind_int_or_null(st, 15, link->tx_bytes, -1);
		bind_real(st, 16, link->noise_dbm);
		bind_int_or_null(st, 17, link->connected_s, -1);
		rc = stmt_done(s, st, err, "cannot store the link");
		if (rc)
			return rc;
	}
	if (tput) {
		st = stmt_get(s, ST_INS_TPUT, err);
		if (!st)
			return -EIO;
		sqlite3_bind_int64(st, 1, sid);
		bind_fixed(st, 2, tput->protocol);
		bind_fixed(st, 3, tput->direction);
		bind_fixed(st, 4, tput->server);
		bind_real(st, 5, tput->duration_s);
		bind_real(st, 6, tput->mbps);
		bind_real(st, 7, tput->jitter_ms);
		bind_real(st, 8, tput->loss_pct);
		bind_real(st, 9, tput->rtt_ms);
		bind_fixed(st, 10, tput->error);
		rc = stmt_done(s, st, err, "cannot store the throughput");
		if (rc)
			return rc;
	}
	return sid;
}

int64_t survey_add_sample(struct survey *s, const struct meas_sample *sample,
			  const struct meas_observation *obs, size_t nobs,
			  const struct meas_link *link, const struct meas_throughput *tput,
			  struct ns_err *err)
{
	int64_t sid;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	sid = survey_add_sample_in_txn(s, sample, obs, nobs, link, tput, err);
	if (sid < 0) {
		survey_rollback(s);
		return sid;
	}
	rc = survey_commit(s, err);
	return rc ? rc : sid;
}

int survey_place_samples(struct survey *s, int64_t walk_id, int64_t from_us, int64_t to_us,
			 bool (*place)(void *arg, int64_t t_us, double *x, double *y), void *arg,
			 struct ns_err *err)
{
	sqlite3_stmt *sel = NULL, *upd;
	int rc;

	rc = survey_begin(s, err);
	if (rc)
		return rc;
	rc = sqlite3_prepare_v2(s->db, "SELECT id, t_us FROM samples WHERE walk_id = ? AND t_us "
				"BETWEEN ? AND ? ORDER BY t_us", -1, &sel, NULL);
	if (rc != SQLITE_OK) {
		rc = survey_sql_error(s, rc, err, "cannot place the samples");
		goto out;
	}
	sqlite3_bind_int64(sel, 1, walk_id);
	sqlite3_bind_int64(sel, 2, from_us);
	sqlite3_bind_int64(sel, 3, to_us);
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		double x, y;
		bool ok = place(arg, sqlite3_column_int64(sel, 1), &x, &y);

		upd = stmt_get(s, ST_PLACE_SAMPLE, err);
		if (!upd) {
			rc = -EIO;
			goto out;
		}
		if (ok && isfinite(x) && isfinite(y)) {
			sqlite3_bind_double(upd, 1, x);
			sqlite3_bind_double(upd, 2, y);
		}
		sqlite3_bind_int64(upd, 3, sqlite3_column_int64(sel, 0));
		rc = stmt_done(s, upd, err, "cannot place a sample");
		if (rc)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = survey_sql_error(s, rc, err, "cannot place the samples");
		goto out;
	}
	sqlite3_finalize(sel);
	return survey_commit(s, err);
out:
	sqlite3_finalize(sel);
	survey_rollback(s);
	return rc;
}

static void read_observation(sqlite3_stmt *st, struct meas_observation *o)
{
	/* columns: bssid, ssid, hidden, freq, channel, width, center, signal, noise,
	 * stations, utilisation, security, ap_name, age, associated */
	meas_init_observation(o);
	col_bssid(st, 0, o->bssid);
	col_text(st, 1, o->ssid, sizeof(o->ssid));
	o->hidden = sqlite3_column_int(st, 2) != 0;
	o->freq_mhz = col_int32(st, 3, 0);
	o->channel = col_int32(st, 4, 0);
	o->width_mhz = col_int32(st, 5, 0);
	o->center_freq_mhz = col_int32(st, 6, 0);
	o->signal_dbm = col_real(st, 7);
	o->noise_dbm = col_real(st, 8);
	o->bss_stations = col_int32(st, 9, -1);
	o->bss_utilisation = col_real(st, 10);
	col_text(st, 11, o->security, sizeof(o->security));
	col_text(st, 12, o->ap_name, sizeof(o->ap_name));
	o->age_ms = col_int32(st, 13, -1);
	o->associated = sqlite3_column_int(st, 14) != 0;
}

static void read_link(sqlite3_stmt *st, struct meas_link *l)
{
	meas_init_link(l);
	col_bssid(st, 0, l->bssid);
	col_text(st, 1, l->ssid, sizeof(l->ssid));
	l->freq_mhz = col_int32(st, 2, 0);
	l->signal_dbm = col_real(st, 3);
	l->signal_avg_dbm = col_real(st, 4);
	l->beacon_signal_avg_dbm = col_real(st, 5);
	l->tx_bitrate_mbps = col_real(st, 6);
	l->rx_bitrate_mbps = col_real(st, 7);
	l->expected_throughput_mbps = col_real(st, 8);
	l->tx_retries = col_int(st, 9, -1);
	l->tx_failed = col_int(st, 10, -1);
	l->beacon_loss = col_int(st, 11, -1);
	l->rx_bytes = col_int(st, 12, -1);
	l->tx_bytes = col_int(st, 13, -1);
	l->noise_dbm = col_real(st, 14);
	l->connected_s = col_int32(st, 15, -1);
}

static void read_throughput(sqlite3_stmt *st, struct meas_throughput *t)
{
	meas_init_throughput(t);
	col_text(st, 0, t->protocol, sizeof(t->protocol));
	col_text(st, 1, t->direction, sizeof(t->direction));
	col_text(st, 2, t->server, sizeof(t->server));
	t->duration_s = col_real(st, 3);
	t->mbps = col_real(st, 4);
	t->jitter_ms = col_real(st, 5);
	t->loss_pct = col_real(st, 6);
	t->rtt_ms = col_real(st, 7);
	col_text(st, 8, t->error, sizeof(t->error));
}

struct parts_stmts {
	sqlite3_stmt *obs, *link, *tput;
};

static void parts_finalize(struct parts_stmts *p)
{
	sqlite3_finalize(p->obs);
	sqlite3_finalize(p->link);
	sqlite3_finalize(p->tput);
}

static int parts_prepare(struct survey *s, const uint8_t *bssid, struct parts_stmts *p,
			 struct ns_err *err)
{
	int rc;

	memset(p, 0, sizeof(*p));
	rc = sqlite3_prepare_v2(s->db,
				bssid ? "SELECT bssid, ssid, hidden, freq_mhz, channel, width_mhz, "
					"center_freq_mhz, signal_dbm, noise_dbm, bss_stations, "
					"bss_utilisation, security, ap_name, age_ms, associated "
					"FROM observations WHERE sample_id = ? AND bssid = ? ORDER BY seq"
				      : "SELECT bssid, ssid, hidden, freq_mhz, channel, width_mhz, "
					"center_freq_mhz, signal_dbm, noise_dbm, bss_stations, "
					"bss_utilisation, security, ap_name, age_ms, associated "
					"FROM observations WHERE sample_id = ? ORDER BY seq",
				-1, &p->obs, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db,
					"SELECT bssid, ssid, freq_mhz, signal_dbm, signal_avg_dbm, "
					"beacon_signal_avg_dbm, tx_bitrate_mbps, rx_bitrate_mbps, "
					"expected_throughput_mbps, tx_retries, tx_failed, beacon_loss, "
					"rx_bytes, tx_bytes, noise_dbm, connected_s FROM links "
					"WHERE sample_id = ?", -1, &p->link, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db,
					"SELECT protocol, direction, server, duration_s, mbps, "
					"jitter_ms, loss_pct, rtt_ms, error FROM throughputs "
					"WHERE sample_id = ?", -1, &p->tput, NULL);
	if (rc != SQLITE_OK) {
		rc = survey_sql_error(s, rc, err, "cannot read the samples");
		parts_finalize(p);
		return rc;
	}
	if (bssid)
		sqlite3_bind_blob(p->obs, 2, bssid, 6, SQLITE_TRANSIENT);
	return 0;
}

int survey_foreach_sample(struct survey *s, const struct survey_query *q, survey_sample_cb cb,
			  void *arg, struct ns_err *err)
{
	struct survey_query any;
	struct parts_stmts parts;
	struct meas_observation *obs = NULL;
	size_t cap = 0;
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	if (!q) {
		memset(&any, 0, sizeof(any));
		q = &any;
	}
	rc = sqlite3_prepare_v2(s->db,
				"SELECT s.id, s.walk_id, s.t_us, s.mono_us, s.kind, s.status, s.error, "
				"s.x_m, s.y_m, s.noise_dbm FROM samples s JOIN walks w ON w.id = s.walk_id "
				"WHERE (?1 = 0 OR w.floor_id = ?1) AND (?2 = 0 OR s.walk_id = ?2) "
				"AND (?3 = 0 OR s.t_us >= ?3) AND (?4 = 0 OR s.t_us <= ?4) "
				"AND (?5 = 0 OR s.kind = ?5) AND (?6 = 0 OR s.x_m IS NOT NULL) "
				"ORDER BY s.t_us, s.id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot read the samples");
	sqlite3_bind_int64(st, 1, q->floor_id);
	sqlite3_bind_int64(st, 2, q->walk_id);
	sqlite3_bind_int64(st, 3, q->from_us);
	sqlite3_bind_int64(st, 4, q->to_us);
	sqlite3_bind_int(st, 5, q->kind);
	sqlite3_bind_int(st, 6, q->placed_only);
	rc = parts_prepare(s, q->bssid, &parts, err);
	if (rc) {
		sqlite3_finalize(st);
		return rc;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct meas_sample sm;
		struct meas_link link;
		struct meas_throughput tput;
		bool has_link = false, has_tput = false;
		size_t nobs = 0;

		meas_init_sample(&sm);
		sm.id = sqlite3_column_int64(st, 0);
		sm.walk_id = sqlite3_column_int64(st, 1);
		sm.t_us = sqlite3_column_int64(st, 2);
		sm.mono_us = sqlite3_column_int64(st, 3);
		sm.kind = (enum meas_kind)sqlite3_column_int(st, 4);
		sm.status = (enum meas_status)sqlite3_column_int(st, 5);
		col_text(st, 6, sm.error, sizeof(sm.error));
		sm.placed = sqlite3_column_type(st, 7) != SQLITE_NULL &&
			    sqlite3_column_type(st, 8) != SQLITE_NULL;
		if (sm.placed) {
			sm.x_m = sqlite3_column_double(st, 7);
			sm.y_m = sqlite3_column_double(st, 8);
		}
		sm.noise_dbm = col_real(st, 9);

		sqlite3_bind_int64(parts.obs, 1, sm.id);
		while ((rc = sqlite3_step(parts.obs)) == SQLITE_ROW) {
			if (nobs == cap) {
				size_t ncap = cap ? cap * 2 : 64;
				void *p = realloc(obs, ncap * sizeof(*obs));

				if (!p) {
					ret = ns_err_set(err, -ENOMEM, "out of memory");
					goto out;
				}
				obs = p;
				cap = ncap;
			}
			read_observation(parts.obs, &obs[nobs++]);
		}
		sqlite3_reset(parts.obs);
		if (rc != SQLITE_DONE)
			break;
		sqlite3_bind_int64(parts.link, 1, sm.id);
		rc = sqlite3_step(parts.link);
		if (rc == SQLITE_ROW) {
			read_link(parts.link, &link);
			has_link = true;
		}
		sqlite3_reset(parts.link);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			break;
		sqlite3_bind_int64(parts.tput, 1, sm.id);
		rc = sqlite3_step(parts.tput);
		if (rc == SQLITE_ROW) {
			read_throughput(parts.tput, &tput);
			has_tput = true;
		}
		sqlite3_reset(parts.tput);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			break;
		ret = cb(arg, &sm, obs, nobs, has_link ? &link : NULL, has_tput ? &tput : NULL);
		if (ret)
			goto out;
	}
	if (rc != SQLITE_DONE)
		ret = survey_sql_error(s, rc, err, "cannot read the samples");
out:
	free(obs);
	parts_finalize(&parts);
	sqlite3_finalize(st);
	return ret;
}

/* Counts over floor @floor_id and/or walk @walk_id (0: any). */
static int count_impl(struct survey *s, int64_t floor_id, int64_t walk_id,
		      struct survey_counts *c, struct ns_err *err)
{
#define WALK_FILTER " (?1 = 0 OR w.floor_id = ?1) AND (?2 = 0 OR w.id = ?2) "
	static const char sql[] =
		"SELECT "
		"(SELECT count(*) FROM floors WHERE (?1 = 0 OR id = ?1) AND ?2 = 0),"
		"(SELECT count(*) FROM wards WHERE (?1 = 0 OR floor_id = ?1) AND ?2 = 0),"
		"(SELECT count(*) FROM walls WHERE (?1 = 0 OR floor_id = ?1) AND ?2 = 0),"
		"(SELECT count(*) FROM aps WHERE (?1 = 0 OR floor_id = ?1) AND ?2 = 0),"
		"(SELECT count(*) FROM walks w WHERE" WALK_FILTER "),"
		"(SELECT count(*) FROM waypoints p JOIN walks w ON w.id = p.walk_id WHERE"
		WALK_FILTER "),"
		"(SELECT count(*) FROM samples s JOIN walks w ON w.id = s.walk_id WHERE"
		WALK_FILTER "),"
		"(SELECT count(*) FROM observations o JOIN samples s ON s.id = o.sample_id "
		"  JOIN walks w ON w.id = s.walk_id WHERE" WALK_FILTER "),"
		"(SELECT count(*) FROM links l JOIN samples s ON s.id = l.sample_id "
		"  JOIN walks w ON w.id = s.walk_id WHERE" WALK_FILTER "),"
		"(SELECT count(*) FROM throughputs t JOIN samples s ON s.id = t.sample_id "
		"  JOIN walks w ON w.id = s.walk_id WHERE" WALK_FILTER "),"
		"(SELECT count(*) FROM samples s JOIN walks w ON w.id = s.walk_id "
		"  WHERE" WALK_FILTER "AND s.status NOT IN (0, 3)),"
		"(SELECT min(s.t_us) FROM samples s JOIN walks w ON w.id = s.walk_id WHERE"
		WALK_FILTER "),"
		"(SELECT max(s.t_us) FROM samples s JOIN walks w ON w.id = s.walk_id WHERE"
		WALK_FILTER ")";
	sqlite3_stmt *st;
	int rc;

	memset(c, 0, sizeof(*c));
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot count");
	sqlite3_bind_int64(st, 1, floor_id);
	sqlite3_bind_int64(st, 2, walk_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->floors = sqlite3_column_int64(st, 0);
		c->wards = sqlite3_column_int64(st, 1);
		c->walls = sqlite3_column_int64(st, 2);
		c->aps = sqlite3_column_int64(st, 3);
		c->walks = sqlite3_column_int64(st, 4);
		c->waypoints = sqlite3_column_int64(st, 5);
		c->samples = sqlite3_column_int64(st, 6);
		c->observations = sqlite3_column_int64(st, 7);
		c->links = sqlite3_column_int64(st, 8);
		c->throughputs = sqlite3_column_int64(st, 9);
		c->failed_samples = sqlite3_column_int64(st, 10);
		c->first_us = col_int(st, 11, 0);
		c->last_us = col_int(st, 12, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot count");
	rc = sqlite3_prepare_v2(s->db, "SELECT s.kind, count(*) FROM samples s JOIN walks w "
				"ON w.id = s.walk_id WHERE" WALK_FILTER "GROUP BY s.kind",
				-1, &st, NULL);
#undef WALK_FILTER
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot count");
	sqlite3_bind_int64(st, 1, floor_id);
	sqlite3_bind_int64(st, 2, walk_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t k = sqlite3_column_int64(st, 0);

		if (k > 0 && k <= SAMPLE_NOISE)
			c->by_kind[k] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return survey_sql_error(s, rc, err, "cannot count");
	return 0;
}

int survey_count(struct survey *s, int64_t floor_id, struct survey_counts *c,
		 struct ns_err *err)
{
	return count_impl(s, floor_id, 0, c, err);
}

int survey_count_walk(struct survey *s, int64_t walk_id, struct survey_counts *c,
		      struct ns_err *err)
{
	return count_impl(s, 0, walk_id, c, err);
}
bool survey_walk_is_simulated(const struct survey_walk *w)
{
	return strcmp(w->mode, "simulated") == 0 || strcmp(w->driver, SURVEY_SIM_DRIVER) == 0;
}

int survey_has_simulated_walks(struct survey *s, int64_t floor_id, bool *out, struct ns_err *err)
{
	struct survey_walk *walks = NULL;
	size_t n = 0;
	int rc = survey_list_walks(s, floor_id, &walks, &n, err);

	*out = false;
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		*out = *out || survey_walk_is_simulated(&walks[i]);
	free(walks);
	return 0;
}
