/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_private.h — the survey store's internals, shared by its own files
 * (store*.c, csv.c, json.c) and its tests; not for other modules.
 *
 * The store is one public header (survey.h) over several files, one concern each:
 *
 *   store.c          opening and creating (the order of the checks), closing,
 *                    the site's details
 *   store_migrate.c  the migration mechanism: the backup copy, the steps, the checks
 *   store_check.c    what is refused before anything is written: header, contents,
 *                    a folder that cannot hold the journal
 *   store_sql.c      talking to SQLite: error sentences, the statement cache,
 *                    transactions and batches, the NULL rule for values
 *   store_schema.c   the schema (version 2), the migration from version 1 and its
 *                    read views, and, per table, how its columns map to the fields
 *                    of a C struct
 *   store_rows.c     rows through those descriptions: bind, read, INSERT and
 *                    SELECT text, point lists, collecting rows into arrays
 *   store_floors.c   floors: the floor row (level, drawing, scale, alignment), add,
 *                    update, load, list, remove
 *   store_elements.c what is drawn on a floor (wards, walls, openings, APs with their
 *                    radios, attenuation areas): whole floors and one element at a time
 *   store_buildings.c buildings, and the device offsets of signal calibration
 *   store_walks.c    walks, waypoints, simulated walks
 *   store_samples.c  adding samples with their parts; placing them
 *   store_query.c    iterating samples with their parts; counts
 *
 * Migrations: a schema is a target version and an ordered list of steps, each
 * taking a file from user_version N to N + 1. survey_open() uses the built-in
 * schema (SURVEY_SCHEMA_VERSION, with the step from version 1 to 2 in
 * store_schema.c). The steps run in one transaction with foreign keys off (a
 * step may rebuild a table, SQLite's 12-step ALTER procedure) and PRAGMA
 * foreign_key_check before the commit. survey_open_schema() lets a test
 * inject a list to exercise the mechanism honestly on a real file.
 */
#ifndef NOTSPOT_SURVEY_STORE_PRIVATE_H
#define NOTSPOT_SURVEY_STORE_PRIVATE_H

#include <math.h>
#include <sqlite3.h>
#include <stddef.h>
#include <string.h>

#include "survey/survey.h"

/* PRAGMA application_id: "NSPT", so file(1) and our checks know the file. */
#define SURVEY_APPLICATION_ID 0x4e535054

struct survey_migration {
	int from;        /* user_version this step starts from; it ends at from + 1 */
	const char *sql; /* statements run inside the migration's transaction */
	/*
	 * For a read-only open of a file at version @from: statements creating
	 * TEMP views (in the connection's own temp schema, never in the file)
	 * that show its tables as the schema this build reads, so a read-only
	 * open reads an older file without migrating or touching it. NULL: the
	 * file is read as it is.
	 */
	const char *read_views;
};

struct survey_schema {
	int version;                           /* the version this build writes */
	const struct survey_migration *steps;  /* ordered by from, consecutive */
	size_t nsteps;
};

/**
 * store_migrate() - take the open writer @s from version @from to
 * @schema->version (store_migrate.c): a byte copy of the file to
 * PATH.bak-v@from (never overwritten: -EEXIST), then the steps in one
 * transaction with foreign keys off and checked before the commit. On failure
 * everything is rolled back and the file is as it was; the backup stays.
 */
int store_migrate(struct survey *s, int from, const struct survey_schema *schema,
		  struct ns_err *err);

/**
 * store_read_views() - the views that show a file of @version as
 * @schema->version to a read-only open (those of the step from @version), or
 * NULL: read it as it is.
 */
const char *store_read_views(const struct survey_schema *schema, int version);

/** survey_builtin_schema() - the schema survey_open() migrates to. */
const struct survey_schema *survey_builtin_schema(void);

/** store_create_sql() - the statements that create the tables of SURVEY_SCHEMA_VERSION. */
const char *store_create_sql(void);

/**
 * survey_open_schema() - survey_open() against @schema instead of the built-in one.
 * A read-write open of a file older than @schema->version copies it to
 * PATH.bak-vN (N its version) and runs the steps in one transaction.
 */
int survey_open_schema(const char *path, enum survey_open_mode mode,
		       const struct survey_schema *schema, struct survey **out,
		       struct ns_err *err);

/* ---- the open survey (store.c) ----------------------------------------------- */

/*
 * Statements prepared once (SQLITE_PREPARE_PERSISTENT) and kept on the handle:
 * one slot each. The SQL is written where the statement is used (or built from
 * a table's description); the slot only names the cache entry, so each slot is
 * used with one statement text (store_stmt() asserts it).
 */
enum store_slot {
	SLOT_BEGIN,
	SLOT_COMMIT,
	SLOT_ROLLBACK,
	SLOT_SAVEPOINT,
	SLOT_RELEASE,
	SLOT_ROLLBACK_TO,
	SLOT_META_GET,
	SLOT_META_SET,
	SLOT_INS_SAMPLE,
	SLOT_INS_OBS,
	SLOT_INS_LINK,
	SLOT_INS_TPUT,
	SLOT_PLACE_SAMPLE,
	SLOT_INS_WALK,
	SLOT_END_WALK,
	SLOT_GET_WALK,
	SLOT_INS_WAYPOINT,
	SLOT_DEL_WAYPOINT,
	SLOT_FIND_FLOOR,
	SLOT_FIND_FLOOR_IN,
	SLOT_INS_FLOOR,
	SLOT_UPD_FLOOR,
	SLOT_INS_WARD,
	SLOT_INS_WALL,
	SLOT_INS_OPENING,
	SLOT_INS_AP,
	SLOT_INS_AREA,
	SLOT_INS_RADIO,
	SLOT_INS_BUILDING,
	SLOT_INS_OFFSET,
	SLOT_SEL_WARDS,
	SLOT_SEL_WALLS,
	SLOT_SEL_OPENINGS,
	SLOT_SEL_APS,
	SLOT_SEL_AREAS,
	SLOT_UPD_WARD,
	SLOT_UPD_WALL,
	SLOT_UPD_OPENING,
	SLOT_UPD_AP,
	SLOT_UPD_AREA,
	SLOT_UPD_BUILDING,
	SLOT_UPD_OFFSET,
	SLOT_UPD_FLOOR_META,
	SLOT_WAYPOINT_DONE,
	SLOT_LIST_WALKS,
	SLOT_LIST_WAYPOINTS,
	SLOT_COUNT
};

struct survey {
	sqlite3 *db;
	char *path;
	bool writable;
	bool batch;  /* inside survey_batch_begin(): units are savepoints */
	sqlite3_stmt *stmt[SLOT_COUNT];
};

/** survey_sqlite() - the underlying handle, for survey/'s own modules (csv, json) and its tests. */
struct sqlite3 *survey_sqlite(struct survey *s);

/* ---- refusals (store_check.c) ------------------------------------------------- */

/**
 * store_check_header() - look at @path's raw header without SQLite writing
 * anything: the magic, page size and count against the file size, application
 * id and user_version. 0, or a -errno with the sentence of the refusal.
 */
int store_check_header(const char *path, const struct survey_schema *schema,
		       struct ns_err *err);

/**
 * store_open_readonly() - an SQLite connection to @path that writes nothing
 * (immutable when no -wal file is beside it). 0 with *@db open, or -errno.
 */
int store_open_readonly(const char *path, sqlite3 **db, struct ns_err *err);

/**
 * store_check_contents() - through @db (read-only): application id, a 'meta'
 * table, the schema version (into *@version) and quick_check.
 */
int store_check_contents(sqlite3 *db, const char *path, const struct survey_schema *schema,
			 int *version, struct ns_err *err);

/** store_check_writable() - whether @path and its folder (for -wal and -shm) can be written. */
int store_check_writable(const char *path, struct ns_err *err);

/** store_file_exists() - whether anything is at @path. */
bool store_file_exists(const char *path);

/* ---- SQLite: errors, statements, transactions (store_sql.c) ------------------- */

/** survey_sql_error() - put SQLite's message for @rc into @err; returns a -errno. */
int survey_sql_error(struct survey *s, int rc, struct ns_err *err, const char *what);

/** store_stmt() - the statement in @slot, prepared from @sql the first time. 0 or -errno. */
int store_stmt(struct survey *s, enum store_slot slot, const char *sql, sqlite3_stmt **st,
	       struct ns_err *err);

/** store_done() - step @st, which returns no rows, and reset it; @what names a failure. */
int store_done(struct survey *s, sqlite3_stmt *st, struct ns_err *err, const char *what);

/** store_release() - reset a cached statement and clear its bindings. */
void store_release(sqlite3_stmt *st);

/**
 * store_prepare() - a statement of its own (not cached: iteration prepares its
 * own, so a callback may call the API again). Finalize it. 0 or -errno.
 */
int store_prepare(struct survey *s, const char *sql, sqlite3_stmt **st, const char *what,
		  struct ns_err *err);

/** store_exec() - run @sql (no rows, no parameters). 0 or -errno. */
int store_exec(struct survey *s, const char *sql, struct ns_err *err, const char *what);

/** store_query_int() - the first column of @sql's first row; an SQLite code. */
int store_query_int(sqlite3 *db, const char *sql, int64_t *out);

/** store_writable() - 0, or -EROFS with a sentence when @s was opened read-only. */
int store_writable(struct survey *s, struct ns_err *err);

/** store_fk_failed() - whether the last failure of @s was a foreign key (a missing parent). */
bool store_fk_failed(struct survey *s);

/**
 * survey_begin() / survey_commit() / survey_rollback() - one unit of work: an
 * IMMEDIATE write transaction, or a savepoint inside a caller's batch.
 */
int survey_begin(struct survey *s, struct ns_err *err);
int survey_commit(struct survey *s, struct ns_err *err);
void survey_rollback(struct survey *s);

/* The NULL rule: NAN doubles and the "unknown" value of counts are SQL NULL. */

static inline void store_bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

static inline void store_bind_int_or_null(sqlite3_stmt *st, int i, int64_t v, int64_t unknown)
{
	if (v == unknown)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

/* Fixed-size text fields: copy at most cap - 1 bytes, always terminated. */
static inline void store_copy_text(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strnlen(src, cap - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

/* A char[N] field, terminated or full. */
#define store_bind_fixed(st, i, field) \
	sqlite3_bind_text((st), (i), (field), (int)strnlen((field), sizeof(field)), SQLITE_TRANSIENT)

static inline double store_col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static inline int64_t store_col_int(sqlite3_stmt *st, int i, int64_t unknown)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? unknown : sqlite3_column_int64(st, i);
}

/* An int-sized column; a crafted file's out-of-range value reads as unknown. */
static inline int store_col_int32(sqlite3_stmt *st, int i, int unknown)
{
	int64_t v = store_col_int(st, i, unknown);

	return v < -2147483647 || v > 2147483647 ? unknown : (int)v;
}

static inline void store_col_text(sqlite3_stmt *st, int i, char *dst, size_t cap)
{
	store_copy_text(dst, cap, (const char *)sqlite3_column_text(st, i));
}

/* ---- tables described column by column (store_schema.c, store_rows.c) -------- */

/* How a column's value sits in its C struct, and how it is stored. */
enum store_type {
	STORE_ID,      /* int64_t row id; inserted as NULL (a new id) unless kept and > 0 */
	STORE_I64,     /* int64_t, never NULL */
	STORE_I64_OR,  /* int64_t; .unknown is NULL */
	STORE_INT_OR,  /* int; .unknown is NULL; a stored value out of int's range reads as .unknown */
	STORE_BOOL,    /* bool, stored 0/1 */
	STORE_REAL,    /* double, never NULL */
	STORE_REAL_OR, /* double; NAN is NULL */
	STORE_TEXT,    /* char[.size], terminated or full; read back cut to .size - 1 bytes */
	STORE_BSSID,   /* uint8_t[6] as a 6-byte blob; another length reads as all zero */
	STORE_POINTS,  /* struct fp_point * with its size_t count at .size: a point list blob */
	STORE_INT,     /* int, never NULL; a stored value out of int's range reads as .unknown */
	STORE_REAL_POS,/* double > 0; anything else (NAN, 0, negative) is NULL, read as NAN */
	STORE_BSSID_OR,/* uint8_t[6]; all zero is NULL (unknown) */
	STORE_ENUM,    /* an int-sized enum stored as the text .aux[value] (.size names);
		        * a text not among them reads as .unknown */
	STORE_BLOB,    /* unsigned char * (malloc'd on read) with its size_t length at .size;
			* length 0 is NULL */
	STORE_SSID_RAW,/* an SSID's exact bytes, NULL when its text is the bytes: the
			* ssid_raw column of a struct laid out as .aux says (struct
			* store_ssid_layout); read after the text column */
};

struct store_col {
	const char *name;      /* the SQL column */
	enum store_type type;
	size_t off;            /* offsetof() the field in the row's struct */
	size_t size;           /* STORE_TEXT: the array's size; STORE_POINTS, STORE_BLOB:
				* offsetof() the count; STORE_ENUM: how many names */
	int64_t unknown;       /* STORE_I64_OR, STORE_INT_OR, STORE_INT, STORE_ENUM: the
				* value stored as NULL / read for a bad value */
	const void *aux;       /* STORE_ENUM: const char *const names[]; STORE_SSID_RAW:
				* const struct store_ssid_layout * */
};

/* Where the SSID fields lie in a struct (struct meas_observation, struct meas_link). */
struct store_ssid_layout {
	size_t text, text_size;   /* char ssid[text_size] */
	size_t raw, len, escaped; /* uint8_t ssid_raw[32], uint8_t ssid_len, bool ssid_escaped */
};

/*
 * A table: the leading key columns its caller binds (a parent's id that is not
 * a field of the struct, like floor_id for a ward), then the described columns.
 * Its INSERT and SELECT are built from this, so the column list and the
 * binding cannot drift apart.
 */
struct store_table {
	const char *name;
	const char *keys;             /* "floor_id", "sample_id, seq", or NULL */
	int nkeys;
	const struct store_col *cols;
	size_t ncols;
	enum store_slot insert;       /* the slot of its cached INSERT */
	const char *noun;             /* "a ward": in "cannot store a ward" */
	const char *thing;            /* "ward": in "there is no ward 12" */
};

extern const struct store_table store_floors, store_buildings, store_device_offsets;
extern const struct store_table store_wards, store_walls, store_openings, store_aps;
extern const struct store_table store_areas, store_ap_radios;
extern const struct store_table store_walks, store_waypoints;
extern const struct store_table store_observations, store_links, store_throughputs;

/*
 * How many of store_floors' described columns (after its id) are the floor's
 * own fields; the rest are its drawing (type, page, raster size, the image).
 * survey_update_floor_meta() writes only the first ones.
 */
extern const size_t store_floor_meta_cols;

/* Every described table, for the test that holds them to the schema. */
extern const struct store_table *const store_tables[];
extern const size_t store_ntables;

/**
 * store_bind_row() - bind @row's described columns of @t from parameter @first.
 * @keep_ids: a STORE_ID > 0 is inserted as it is. 0 or -ENOMEM.
 */
int store_bind_row(sqlite3_stmt *st, int first, const struct store_table *t, const void *row,
		   bool keep_ids);

/**
 * store_read_row() - fill @row's described fields from result column @first on.
 * A point list is malloc'd into the row (the caller frees it). 0, -ENOMEM, or
 * -EBADMSG for a point list that is not whole points.
 */
int store_read_row(sqlite3_stmt *st, int first, const struct store_table *t, void *row);

/** store_row_id() / store_set_row_id() - @row's STORE_ID field (0 / nothing when @t has none). */
int64_t store_row_id(const struct store_table *t, const void *row);
void store_set_row_id(const struct store_table *t, void *row, int64_t id);

/**
 * store_insert() - insert @row into @t through its cached statement: @keys
 * (t->nkeys values, may be NULL when there are none) then the columns.
 * The new row id is sqlite3_last_insert_rowid(). 0 or -errno.
 */
int store_insert(struct survey *s, const struct store_table *t, const int64_t *keys,
		 const void *row, bool keep_ids, struct ns_err *err);

/**
 * store_select() - prepare "SELECT <@t's columns> FROM <@t> @tail" (not cached).
 * @what names a failure. 0 or -errno.
 */
int store_select(struct survey *s, const struct store_table *t, const char *tail,
		 sqlite3_stmt **st, const char *what, struct ns_err *err);

/**
 * store_select_ex() - as store_select(), with @no_blobs: STORE_BLOB columns
 * are selected as NULL (read back empty), so a drawing is not read when only
 * the floor's own fields are wanted.
 */
int store_select_ex(struct survey *s, const struct store_table *t, const char *tail,
		    bool no_blobs, sqlite3_stmt **st, const char *what, struct ns_err *err);

/**
 * store_select_keys() - as store_select(), with @t's key columns first:
 * "SELECT <keys>, <columns> FROM <@t> @tail" (read the row from column
 * t->nkeys on).
 */
int store_select_keys(struct survey *s, const struct store_table *t, const char *tail,
		      sqlite3_stmt **st, const char *what, struct ns_err *err);

/**
 * store_update() - "UPDATE t SET <the first @ncols described columns but the
 * id> = ? … WHERE id = ?" with @row's values and its id, cached in @slot (one
 * @ncols per slot). -ENOENT with "there is no <noun> N" when no row has that
 * id; 0 or -errno.
 */
int store_update(struct survey *s, const struct store_table *t, enum store_slot slot,
		 const void *row, size_t ncols, struct ns_err *err);

/**
 * store_select_cached() - as store_select(), kept in @slot (used with this
 * @tail only). For reads that call no callback while the statement runs.
 */
int store_select_cached(struct survey *s, enum store_slot slot, const struct store_table *t,
			const char *tail, sqlite3_stmt **st, const char *what,
			struct ns_err *err);

/* A growing array of rows. */
struct store_list {
	void *v;      /* malloc'd; free() it */
	size_t n;     /* entries in use */
	size_t cap;   /* entries allocated */
	size_t size;  /* bytes per entry */
};

/** store_list_add() - a zeroed new entry at the end of @l, or NULL (out of memory). */
void *store_list_add(struct store_list *l);

/**
 * store_collect() - step @st to its end, appending each row to @l: read as
 * @t's columns, or by @read when @t is NULL. Leaves @st reset (finalize it if
 * it is not a cached one). On failure @l is freed and emptied. @what names a
 * failure. 0 or -errno.
 */
int store_collect(struct survey *s, sqlite3_stmt *st, const struct store_table *t,
		  void (*read)(sqlite3_stmt *st, void *row), struct store_list *l,
		  const char *what, struct ns_err *err);

/**
 * store_select_all() - the rows of @t that the SELECT cached in @slot,
 * "SELECT <columns> FROM <@t> @tail", finds with ?1 = @id, appended to @l
 * (see store_collect()). 0 or -errno.
 */
int store_select_all(struct survey *s, enum store_slot slot, const struct store_table *t,
		     const char *tail, int64_t id, struct store_list *l, const char *what,
		     struct ns_err *err);

/* ---- buildings and floors inside a caller's unit of work ------------------------ */

/**
 * store_ensure_building() - survey_ensure_building() inside the caller's
 * transaction: the id of building @name, created if missing ("" or NULL: the
 * rule of survey.h).
 */
int64_t store_ensure_building(struct survey *s, const char *name, struct ns_err *err);

/** store_building_name() - the name of building @id into @out (@cap bytes). 0 or -errno. */
int store_building_name(struct survey *s, int64_t id, char *out, size_t cap,
			struct ns_err *err);

/**
 * store_load_floor_row() - floor @floor_id's own fields (with its drawing when
 * @drawing) into a new floorplan, its building's name included; no elements.
 */
int store_load_floor_row(struct survey *s, int64_t floor_id, bool drawing,
			 struct floorplan **out, struct ns_err *err);

/**
 * store_write_elements() - insert @fp's elements (and APs' radios) under floor
 * @fid, each checked against @fp (floorplans/validate.h); with @keep_ids,
 * elements that have an id keep it and are not checked again (they were when
 * stored). Ids are written back into @fp.
 */
int store_write_elements(struct survey *s, int64_t fid, struct floorplan *fp, bool keep_ids,
			 struct ns_err *err);

/** store_delete_elements() - delete every element of floor @fid (radios go with their APs). */
int store_delete_elements(struct survey *s, int64_t fid, struct ns_err *err);

/** store_load_elements() - read floor @fp->id's elements into @fp, each kind by id. */
int store_load_elements(struct survey *s, struct floorplan *fp, struct ns_err *err);

/* ---- units of work the import shares ------------------------------------------ */

/**
 * survey_add_sample_in_txn() - survey_add_sample() without its own transaction,
 * for callers that batch many samples all-or-nothing (CSV import).
 */
int64_t survey_add_sample_in_txn(struct survey *s, const struct meas_sample *sample,
				 const struct meas_observation *obs, size_t nobs,
				 const struct meas_link *link,
				 const struct meas_throughput *tput, struct ns_err *err);

/**
 * survey_begin_walk_in_txn() - survey_begin_walk() inside the caller's transaction.
 */
int64_t survey_begin_walk_in_txn(struct survey *s, const struct survey_walk *w,
				 struct ns_err *err);

#endif
