/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_survey_migrate.c — schema version 2 and the migration from version 1,
 * on a real version-1 file made by release 0.1 (tests/golden/survey/README.md):
 * opened read-write it is backed up byte for byte, migrated, and keeps every
 * row it had, unchanged; it has the tables of a new file; its map is the map
 * release 0.1 drew. Opened read-only it is read as it is and never touched. A
 * migration that fails halfway leaves it byte-identical.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "survey/store_private.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"

#define GOLDEN_SURVEY "tests/golden/survey/v1-ward21.notspot.xz"
#define GOLDEN_GRID "tests/golden/survey/v1-ward21-primary.csv.xz"
#define V1_BUILDING "St Elsewhere General Hospital, Tower Block"

struct fixture {
	char *dir;
	char path[4096];          /* the copy of the version-1 file */
	unsigned char *bytes;     /* its bytes before anything opened it */
	size_t len;
};

static void run(const char *cmd)
{
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char cmd[8400];

	assert_non_null(f);
	f->dir = survey_test_tmpdir();
	assert_non_null(f->dir);
	snprintf(f->path, sizeof(f->path), "%s/v1.notspot", f->dir);
	snprintf(cmd, sizeof(cmd), "xz -dc %s > '%s'", GOLDEN_SURVEY, f->path);
	run(cmd);
	f->bytes = survey_test_read_file(f->path, &f->len);
	assert_non_null(f->bytes);
	assert_int_equal(f->len, 1175552);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->bytes);
	survey_test_rmdir(f->dir);
	free(f);
	return 0;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* The file at @path holds exactly @bytes, and SQLite left no journal beside it. */
static void assert_file_is(const char *path, const unsigned char *bytes, size_t len)
{
	size_t n;
	unsigned char *now = survey_test_read_file(path, &n);
	char aux[4200];

	assert_non_null(now);
	assert_int_equal(n, len);
	assert_memory_equal(now, bytes, len);
	free(now);
	snprintf(aux, sizeof(aux), "%s-wal", path);
	assert_false(exists(aux));
	snprintf(aux, sizeof(aux), "%s-shm", path);
	assert_false(exists(aux));
}

/* @path opened by SQLite alone, as a file nobody writes to. */
static sqlite3 *open_immutable(const char *path)
{
	char uri[4200];
	sqlite3 *db;

	snprintf(uri, sizeof(uri), "file:%s?immutable=1", path);
	assert_int_equal(sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL),
			 SQLITE_OK);
	return db;
}

static int64_t db_int(sqlite3 *db, const char *sql)
{
	int64_t v = -1;

	if (store_query_int(db, sql, &v) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	return v;
}

/* ---- per-table checksums of every version-1 row -------------------------------- */

#define MAX_TABLES 16

/* What to read of one version-1 table, and its checksum. */
struct table_sum {
	char name[32];
	char select[1024];   /* its version-1 columns, in key order */
	uint64_t sum;
	int64_t rows;
};

/* FNV-1a over bytes. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

/* Every value of every row @sql returns, exactly: type, then the bytes of the value. */
static uint64_t checksum(sqlite3 *db, const char *sql, int64_t *rows)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	sqlite3_stmt *st;

	*rows = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			int type = sqlite3_column_type(st, c);
			int64_t i;
			double d;

			h = fnv(h, &type, sizeof(type));
			if (type == SQLITE_INTEGER) {
				i = sqlite3_column_int64(st, c);
				h = fnv(h, &i, sizeof(i));
			} else if (type == SQLITE_FLOAT) {
				d = sqlite3_column_double(st, c);
				h = fnv(h, &d, sizeof(d));
			} else if (type != SQLITE_NULL) {
				const void *b = sqlite3_column_blob(st, c);

				h = fnv(h, b, (size_t)sqlite3_column_bytes(st, c));
			}
		}
		++*rows;
	}
	sqlite3_finalize(st);
	return h;
}

/* The SELECT of @table's columns as @db has them, ordered by its primary key. */
static void v1_select(sqlite3 *db, const char *table, char *out, size_t cap)
{
	char sql[256], cols[768] = "", keys[256] = "";
	sqlite3_stmt *st;

	snprintf(sql, sizeof(sql), "SELECT name, pk FROM pragma_table_info('%s') ORDER BY cid",
		 table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);

		/* The building moved to its own table: compare it by name. */
		if (!strcmp(table, "floors") && !strcmp(c, "building"))
			c = "(SELECT b.name FROM buildings b WHERE b.id = floors.building_id)";
		snprintf(cols + strlen(cols), sizeof(cols) - strlen(cols), "%s%s", *cols ? ", " : "",
			 c);
		if (sqlite3_column_int(st, 1) > 0)
			snprintf(keys + strlen(keys), sizeof(keys) - strlen(keys), "%s%s",
				 *keys ? ", " : "", sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	snprintf(out, cap, "SELECT %s FROM %s ORDER BY %s", cols, table, keys);
}

/* Checksums of every table of the version-1 file at @path (its own column lists). */
static size_t sum_v1_tables(const char *path, struct table_sum *t)
{
	sqlite3 *db = open_immutable(path);
	sqlite3_stmt *st;
	size_t n = 0;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = "
					    "'table' ORDER BY name", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(n < MAX_TABLES);
		snprintf(t[n].name, sizeof(t[n].name), "%s", sqlite3_column_text(st, 0));
		v1_select(db, t[n].name, t[n].select, sizeof(t[n].select));
		n++;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++) {
		/* The building text is read as it is in version 1. */
		char *b = strstr(t[i].select, "(SELECT b.name");
		char sql[1024];

		if (b) {
			snprintf(sql, sizeof(sql), "%.*sbuilding%s", (int)(b - t[i].select),
				 t[i].select, strstr(b, ")") + 1);
			t[i].sum = checksum(db, sql, &t[i].rows);
		} else {
			t[i].sum = checksum(db, t[i].select, &t[i].rows);
		}
	}
	sqlite3_close(db);
	return n;
}

/* ---- migrating the release-0.1 file ------------------------------------------------ */

static void test_a_version_1_file_is_backed_up_migrated_and_keeps_every_row(void **state)
{
	struct fixture *f = *state;
	struct table_sum t[MAX_TABLES];
	size_t n = sum_v1_tables(f->path, t);
	char bak[4200];
	struct survey *s;
	sqlite3 *db;
	struct ns_err err;

	/* The version-1 file as release 0.1 made it: twelve tables. */
	assert_int_equal(n, 12);
	assert_string_equal(t[4].name, "observations");
	assert_int_equal(t[4].rows, 7715);
	assert_string_equal(t[6].name, "samples");
	assert_int_equal(t[6].rows, 1864);

	if (survey_open(f->path, SURVEY_READ_WRITE, &s, &err))
		fail_msg("%s", err.msg);
	survey_close(s);

	/* The backup is the version-1 file, byte for byte. */
	snprintf(bak, sizeof(bak), "%s.bak-v1", f->path);
	assert_file_is(bak, f->bytes, f->len);

	db = open_immutable(f->path);
	assert_int_equal(db_int(db, "PRAGMA user_version"), 2);
	assert_int_equal(db_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE "
				    "integrity_check != 'ok'"), 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* Every version-1 row is there, unchanged, in every table. */
	for (size_t i = 0; i < n; i++) {
		int64_t rows;
		uint64_t sum = checksum(db, t[i].select, &rows);

		if (rows != t[i].rows || sum != t[i].sum)
			fail_msg("table %s: %lld rows (were %lld), checksum %016llx (was %016llx)",
				 t[i].name, (long long)rows, (long long)t[i].rows,
				 (unsigned long long)sum, (unsigned long long)t[i].sum);
	}
	/* The old building text became the one building; the floor points at it. */
	assert_int_equal(db_int(db, "SELECT count(*) FROM buildings"), 1);
	assert_int_equal(db_int(db, "SELECT count(*) FROM buildings WHERE id = 1 AND name = '"
				    V1_BUILDING "' AND note = '' AND north_deg = 0 AND "
				    "default_height_m = 4.0"), 1);
	assert_int_equal(db_int(db, "SELECT building_id FROM floors"), 1);
	/* New columns hold their defaults; new tables are empty. */
	assert_int_equal(db_int(db, "SELECT count(*) FROM aps WHERE mount = 'ceiling' AND "
				    "model = '' AND cost IS NULL"), 11);
	assert_int_equal(db_int(db, "SELECT count(*) FROM observations WHERE ssid_raw IS NULL"),
			 7715);
	assert_int_equal(db_int(db, "SELECT count(*) FROM walks WHERE origin = '' AND "
				    "rssi_offset_db = 0"), 1);
	assert_int_equal(db_int(db, "SELECT count(*) FROM floors WHERE slab_material = "
				    "'concrete-slab' AND elevation_m IS NULL AND align_rot_deg = 0"), 1);
	assert_int_equal(db_int(db, "SELECT (SELECT count(*) FROM areas) + (SELECT count(*) FROM "
				    "ap_radios) + (SELECT count(*) FROM device_offsets)"), 0);
	sqlite3_close(db);
}

static void test_the_migrated_file_reads_through_the_api(void **state)
{
	struct fixture *f = *state;
	struct survey_floor_info *fl;
	struct fp_building *b;
	struct floorplan *fp;
	struct survey_counts c;
	struct survey *s;
	size_t n, nb;
	struct ns_err err;

	assert_int_equal(survey_open(f->path, SURVEY_READ_WRITE, &s, &err), 0);
	assert_int_equal(survey_list_buildings(s, &b, &nb, &err), 0);
	assert_int_equal(nb, 1);
	assert_string_equal(b[0].name, V1_BUILDING);
	assert_int_equal(survey_list_floors(s, &fl, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(fl[0].building, V1_BUILDING);
	assert_true(fl[0].building_id == b[0].id);
	assert_int_equal(fl[0].nwards, 5);
	assert_int_equal(survey_load_floor(s, fl[0].id, &fp, &err), 0);
	assert_string_equal(fp->name, "Level 2");
	assert_int_equal(fp->level, 2);
	assert_int_equal(fp->nwalls, 80);
	assert_int_equal(fp->naps, 11);
	assert_string_equal(fp->aps[0].mount, "ceiling");
	assert_true(fp->image_len > 0);
	assert_int_equal(survey_count(s, 0, &c, &err), 0);
	assert_true(c.samples == 1864 && c.observations == 7715);
	/* The migrated file takes the new fields. */
	fp->elevation_m = 8;
	assert_int_equal(survey_update_floor_meta(s, fp, &err), 0);
	floorplan_free(fp);
	free(fl);
	free(b);
	survey_close(s);
}

/* The tables, columns, indexes and foreign keys of @db, as one text. */
static char *describe_schema(sqlite3 *db)
{
	static const char sql[] =
		"SELECT m.name || ': ' || (SELECT group_concat(c.cid || ' ' || c.name || ' ' || "
		"c.type || ' ' || c.\"notnull\" || ' ' || ifnull(c.dflt_value, '-') || ' ' || c.pk, "
		"', ') FROM pragma_table_info(m.name) c) || ' | ' || ifnull((SELECT group_concat("
		"i.name || '(' || i.\"unique\" || ' ' || (SELECT group_concat(x.name, ',') FROM "
		"pragma_index_info(i.name) x) || ')', ', ') FROM pragma_index_list(m.name) i), '') "
		"|| ' | ' || ifnull((SELECT group_concat(k.\"table\" || '.' || ifnull(k.\"to\", 'pk') "
		"|| ' ' || k.on_delete, ', ') FROM pragma_foreign_key_list(m.name) k), '') || "
		"' | ' || (SELECT count(*) FROM sqlite_master s WHERE s.tbl_name = m.name AND "
		"s.sql LIKE '%WITHOUT ROWID%') FROM sqlite_master m WHERE m.type = 'table' "
		"ORDER BY m.name";
	sqlite3_str *out = sqlite3_str_new(db);
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		sqlite3_str_appendf(out, "%s\n", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return sqlite3_str_finish(out);
}

static void test_a_migrated_file_has_the_tables_of_a_new_one(void **state)
{
	struct fixture *f = *state;
	struct survey *s;
	sqlite3 *old, *fresh;
	char *a, *b;
	struct ns_err err;

	assert_int_equal(survey_open(f->path, SURVEY_READ_WRITE, &s, &err), 0);
	survey_close(s);
	assert_int_equal(survey_create(survey_test_path(f->dir, "new.notspot"), NULL, &s, &err), 0);
	survey_close(s);
	old = open_immutable(f->path);
	fresh = open_immutable(survey_test_path(f->dir, "new.notspot"));
	a = describe_schema(old);
	b = describe_schema(fresh);
	assert_string_equal(a, b);
	assert_non_null(strstr(b, "floors: 0 id INTEGER 0 - 1, 1 building_id INTEGER 1 - 0"));
	assert_non_null(strstr(b, "sqlite_autoindex_floors_1(1 building_id,name)"));
	sqlite3_free(a);
	sqlite3_free(b);
	sqlite3_close(old);
	sqlite3_close(fresh);
}

/* @path's lines but "# software: …" (the version that wrote it). */
static char *grid_lines(const char *path)
{
	size_t len, o = 0;
	unsigned char *raw = survey_test_read_file(path, &len);
	char *out = malloc(len + 1);

	assert_non_null(raw);
	assert_non_null(out);
	for (size_t i = 0; i < len;) {
		const unsigned char *nl = memchr(raw + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (raw + i)) + 1 : len - i;

		if (strncmp((const char *)raw + i, "# software:", 11) != 0) {
			memcpy(out + o, raw + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	free(raw);
	return out;
}

/* Render Ward 21's primary grid of the survey at @path with ./notspot into @grid. */
static void render_ward21(const char *dir, const char *path, const char *grid)
{
	char cmd[12800];

	snprintf(cmd, sizeof(cmd), "./notspot render '%s' --ward 'Ward 21' --map primary "
				   "--profile voice --grid '%s' -o '%s/map.png' >/dev/null 2>&1",
		 path, grid, dir);
	run(cmd);
}

/*
 * The map of the migrated file is the map release 0.1 drew: the grid equals
 * release 0.1's, line for line (but the software version). The golden grid is
 * the estimator's output: a deliberate change of the estimator updates it, in
 * the same commit (tests/golden/survey/README.md says how) — a migration never.
 */
static void test_the_migrated_file_renders_release_0_1s_grid(void **state)
{
	struct fixture *f = *state;
	char golden[4200], grid[4200], ro_grid[4200], cmd[8600];
	char *want, *got;
	struct survey *s;
	struct ns_err err;

	if (access("./notspot", X_OK) != 0)
		fail_msg("./notspot is not built: run the tests from the source top after `make tests`");
	snprintf(golden, sizeof(golden), "%s/golden.csv", f->dir);
	snprintf(cmd, sizeof(cmd), "xz -dc %s > '%s'", GOLDEN_GRID, golden);
	run(cmd);
	want = grid_lines(golden);

	/* Read-only, through the views: the same map, and the file untouched. */
	snprintf(ro_grid, sizeof(ro_grid), "%s/ro.csv", f->dir);
	render_ward21(f->dir, f->path, ro_grid);
	assert_file_is(f->path, f->bytes, f->len);
	got = grid_lines(ro_grid);
	assert_string_equal(got, want);
	free(got);

	assert_int_equal(survey_open(f->path, SURVEY_READ_WRITE, &s, &err), 0);
	survey_close(s);
	snprintf(grid, sizeof(grid), "%s/migrated.csv", f->dir);
	render_ward21(f->dir, f->path, grid);
	got = grid_lines(grid);
	assert_true(strlen(want) > 400000);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/*
 * A floor with no building text goes to a building named after the site; a
 * site's name may be longer than a building's 63 bytes: the building keeps the
 * first 63, and a floor written back finds it instead of making another.
 */
static void test_a_floor_without_building_text_goes_to_the_sites_building(void **state)
{
	struct fixture *f = *state;
	char site[128], want[64];
	struct floorplan *fp;
	struct survey *s;
	sqlite3 *db;
	struct ns_err err;

	memset(site, 'S', 100);
	site[100] = '\0';
	memcpy(want, site, 63);
	want[63] = '\0';
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE floors SET building = '';", NULL, NULL, NULL),
			 SQLITE_OK);
	{
		char *sql = sqlite3_mprintf("UPDATE meta SET value = %Q WHERE key = 'site'", site);

		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_free(sql);
	}
	sqlite3_close(db);

	assert_int_equal(survey_open(f->path, SURVEY_READ_WRITE, &s, &err), 0);
	assert_int_equal(survey_load_floor(s, 1, &fp, &err), 0);
	assert_string_equal(fp->building, want);
	assert_int_equal(survey_update_floor(s, fp, &err), 0);
	assert_int_equal(db_int(survey_sqlite(s), "SELECT count(*) FROM buildings"), 1);
	assert_int_equal(db_int(survey_sqlite(s), "SELECT length(name) FROM buildings"), 63);
	floorplan_free(fp);
	survey_close(s);
}

/* ---- reading without migrating ------------------------------------------------------ */

static int count_escaped(void *arg, const struct meas_sample *sm,
			 const struct meas_observation *obs, size_t nobs,
			 const struct meas_link *link, const struct meas_throughput *tput)
{
	int64_t *n = arg;

	(void)sm;
	(void)link;
	(void)tput;
	for (size_t i = 0; i < nobs; i++) {
		assert_int_equal(obs[i].ssid_len, strlen(obs[i].ssid));
		assert_memory_equal(obs[i].ssid_raw, obs[i].ssid, obs[i].ssid_len);
		*n += obs[i].ssid_escaped;
	}
	return 0;
}

static void test_a_read_only_open_reads_a_version_1_file_and_never_touches_it(void **state)
{
	struct fixture *f = *state;
	struct survey_floor_info *fl;
	struct fp_building *b;
	struct floorplan *fp;
	struct survey_meta m;
	struct survey *s;
	int64_t escaped = 0;
	size_t n, nb;
	char bak[4200];
	struct ns_err err;

	if (survey_open(f->path, SURVEY_READ_ONLY, &s, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(survey_get_meta(s, &m, &err), 0);
	assert_int_equal(m.schema_version, 1);
	/* Seen as version 2: the building the migration would make, with its id. */
	assert_int_equal(survey_list_buildings(s, &b, &nb, &err), 0);
	assert_int_equal(nb, 1);
	assert_true(b[0].id == 1);
	assert_string_equal(b[0].name, V1_BUILDING);
	assert_int_equal(survey_list_floors(s, &fl, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(fl[0].building, V1_BUILDING);
	assert_int_equal(survey_load_floor(s, fl[0].id, &fp, &err), 0);
	assert_int_equal(fp->nwards, 5);
	assert_int_equal(fp->nareas, 0);
	assert_true(isnan(fp->elevation_m));
	assert_int_equal(survey_foreach_sample(s, NULL, count_escaped, &escaped, &err), 0);
	assert_int_equal(escaped, 0);
	/* And it writes nothing. */
	assert_int_equal(survey_update_floor_meta(s, fp, &err), -EROFS);
	assert_int_equal(survey_ensure_building(s, "Annexe", &err), -EROFS);
	floorplan_free(fp);
	free(fl);
	free(b);
	survey_close(s);
	assert_file_is(f->path, f->bytes, f->len);
	snprintf(bak, sizeof(bak), "%s.bak-v1", f->path);
	assert_false(exists(bak));
}

/* ---- a migration that fails ------------------------------------------------------------ */

/* The built-in step from version 1, then @second from version 2 to a version 3. */
static void open_with_a_failing_second_step(struct fixture *f, const char *second,
					    const char *want)
{
	const struct survey_schema *builtin = survey_builtin_schema();
	struct survey_migration steps[2] = { builtin->steps[0], { 2, second, NULL } };
	const struct survey_schema v3 = { 3, steps, 2 };
	char bak[4200];
	struct survey *s;
	struct ns_err err;

	assert_int_equal(builtin->steps[0].from, 1);
	assert_int_equal(survey_open_schema(f->path, SURVEY_READ_WRITE, &v3, &s, &err), -EIO);
	assert_null(s);
	assert_string_equal(err.msg, want);
	/* The file is as it was, byte for byte; the backup too. */
	assert_file_is(f->path, f->bytes, f->len);
	snprintf(bak, sizeof(bak), "%s.bak-v1", f->path);
	assert_file_is(bak, f->bytes, f->len);
	unlink(bak);
}

static void test_a_migration_that_fails_halfway_leaves_the_file_byte_identical(void **state)
{
	struct fixture *f = *state;
	struct survey *s;
	struct ns_err err;

	/* The real step from 1 to 2 ran; the next fails on a statement. */
	open_with_a_failing_second_step(f, "CREATE TABLE extra (x); INSERT INTO no_such_table "
					   "VALUES (1);",
					"migration from schema version 2 to 3 failed: no such "
					"table: no_such_table");
	/* The next leaves a row pointing nowhere: the foreign key check refuses the commit. */
	open_with_a_failing_second_step(f, "INSERT INTO wards(floor_id, name, points) VALUES "
					   "(999, 'Lost', zeroblob(48));",
					"migration from schema version 1 to 3 failed: row 6 of "
					"table wards points at a row of floors that does not exist");
	/* Afterwards the file migrates as if nothing had happened. */
	assert_int_equal(survey_open(f->path, SURVEY_READ_WRITE, &s, &err), 0);
	assert_int_equal(db_int(survey_sqlite(s), "PRAGMA user_version"), 2);
	assert_int_equal(db_int(survey_sqlite(s), "PRAGMA foreign_keys"), 1);
	survey_close(s);
}

/* The same for a file in WAL mode, as every file this build writes is. */
static void test_a_failed_migration_of_a_wal_file_leaves_it_byte_identical(void **state)
{
	struct fixture *f = *state;
	const int v = SURVEY_SCHEMA_VERSION;
	const struct survey_migration steps[] = {
		{ v, "CREATE TABLE later (x); INSERT INTO later VALUES (1);", NULL },
		{ v + 1, "INSERT INTO no_such_table VALUES (1);", NULL },
	};
	const struct survey_schema later = { v + 2, steps, 2 };
	const char *path = survey_test_path(f->dir, "wal.notspot");
	unsigned char *bytes;
	size_t len;
	struct survey *s;
	struct ns_err err;

	assert_int_equal(survey_create(path, NULL, &s, &err), 0);
	assert_true(survey_ensure_building(s, "Tower", &err) > 0);
	survey_close(s);
	bytes = survey_test_read_file(path, &len);
	assert_int_equal(bytes[18], 2); /* the WAL journal */
	assert_int_equal(survey_open_schema(path, SURVEY_READ_WRITE, &later, &s, &err), -EIO);
	assert_file_is(path, bytes, len);
	free(bytes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_a_version_1_file_is_backed_up_migrated_and_keeps_every_row),
		T(test_the_migrated_file_reads_through_the_api),
		T(test_a_migrated_file_has_the_tables_of_a_new_one),
		T(test_a_floor_without_building_text_goes_to_the_sites_building),
		T(test_the_migrated_file_renders_release_0_1s_grid),
		T(test_a_read_only_open_reads_a_version_1_file_and_never_touches_it),
		T(test_a_migration_that_fails_halfway_leaves_the_file_byte_identical),
		T(test_a_failed_migration_of_a_wal_file_leaves_it_byte_identical),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
