/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_schema.c — the survey file's schema (version 2), the migration from
 * version 1 with the views that let a read-only open read a version-1 file,
 * and, for each table the store reads and writes row by row, how its columns
 * map to the fields of a C struct (struct store_table, see store_private.h).
 *
 * The CREATE script is the schema: its text is what `sqlite3 FILE .schema`
 * shows in every file this version creates, so it changes only with a new
 * schema version and a migration step (survey/README.md). A migrated file has
 * the same tables and columns in the same order (tests/test_survey_v2.c
 * compares them). The descriptions below follow the schema;
 * tests/test_survey.c holds them to it column by column. Samples are bound
 * and read by hand in store_samples.c/store_query.c: a placed position is not
 * one field to one column.
 */
#include "survey/store_private.h"

#include <stddef.h>

/*
 * Table bodies used both by the create script and by the migration from
 * version 1, so a migrated file and a new one have the same tables (the test
 * compares them column by column).
 */
#define BUILDINGS_BODY                                                                        \
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, note TEXT NOT NULL DEFAULT '',\n" \
	"  north_deg REAL NOT NULL DEFAULT 0, default_height_m REAL NOT NULL DEFAULT 4.0)"

/* The drawing last: reading a floor's own fields never walks the image's pages. */
#define FLOORS_BODY                                                                           \
	"  id INTEGER PRIMARY KEY, building_id INTEGER NOT NULL REFERENCES buildings(id),\n"    \
	"  name TEXT NOT NULL, level INTEGER NOT NULL DEFAULT 0, elevation_m REAL,\n"          \
	"  height_m REAL, slab_material TEXT NOT NULL DEFAULT 'concrete-slab',\n"              \
	"  slab_loss_2g4_db REAL, slab_loss_5g_db REAL, slab_loss_6g_db REAL,\n"               \
	"  align_dx_m REAL NOT NULL DEFAULT 0, align_dy_m REAL NOT NULL DEFAULT 0,\n"          \
	"  align_rot_deg REAL NOT NULL DEFAULT 0, calib_ax_px REAL, calib_ay_px REAL,\n"       \
	"  calib_bx_px REAL, calib_by_px REAL, calib_m REAL,\n"                                \
	"  px_per_m REAL NOT NULL DEFAULT 0, origin_x_px REAL NOT NULL DEFAULT 0,\n"           \
	"  origin_y_px REAL NOT NULL DEFAULT 0, image_type TEXT NOT NULL DEFAULT '',\n"        \
	"  page INTEGER NOT NULL DEFAULT 0, width_px INTEGER NOT NULL DEFAULT 0,\n"            \
	"  height_px INTEGER NOT NULL DEFAULT 0, image BLOB,\n"                                \
	"  UNIQUE (building_id, name))"

#define AREAS_TABLE                                                                            \
	"CREATE TABLE areas (\n"                                                                \
	"  id INTEGER PRIMARY KEY, floor_id INTEGER NOT NULL REFERENCES floors(id) ON DELETE CASCADE,\n" \
	"  name TEXT NOT NULL, material TEXT NOT NULL DEFAULT '', points BLOB NOT NULL,\n"       \
	"  loss_2g4_db_per_m REAL NOT NULL, loss_5g_db_per_m REAL NOT NULL,\n"                  \
	"  loss_6g_db_per_m REAL NOT NULL);\n"                                                  \
	"CREATE INDEX areas_floor ON areas(floor_id);\n"

#define AP_RADIOS_TABLE                                                                        \
	"CREATE TABLE ap_radios (\n"                                                            \
	"  ap_id INTEGER NOT NULL REFERENCES aps(id) ON DELETE CASCADE, seq INTEGER NOT NULL,\n" \
	"  band TEXT NOT NULL CHECK (band IN ('2.4', '5', '6')), channel INTEGER,\n"            \
	"  width_mhz INTEGER, tx_power_dbm REAL, bssid BLOB,\n"                                 \
	"  PRIMARY KEY (ap_id, seq)) WITHOUT ROWID;\n"

#define DEVICE_OFFSETS_TABLE                                                                   \
	"CREATE TABLE device_offsets (\n"                                                       \
	"  id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('adapter', 'device')),\n" \
	"  name TEXT NOT NULL, offset_db REAL NOT NULL, source TEXT NOT NULL DEFAULT '',\n"     \
	"  created_us INTEGER NOT NULL, UNIQUE (kind, name));\n"

/* Columns version 2 adds to tables of version 1, in the order a migrated file has them. */
#define APS_V2_COLS                                                                           \
	"model TEXT NOT NULL DEFAULT '', mount TEXT NOT NULL DEFAULT 'ceiling',\n"             \
	"  note TEXT NOT NULL DEFAULT '', plan TEXT NOT NULL DEFAULT '', cost REAL"
#define WALKS_V2_COLS                                                                         \
	"device TEXT NOT NULL DEFAULT '', adapter TEXT NOT NULL DEFAULT '',\n"                 \
	"  rssi_offset_db REAL NOT NULL DEFAULT 0, scan_interface TEXT NOT NULL DEFAULT '',\n"  \
	"  origin TEXT NOT NULL DEFAULT ''"

static const char schema_v2[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;\n"
	"CREATE TABLE buildings (\n" BUILDINGS_BODY ";\n"
	"CREATE TABLE floors (\n" FLOORS_BODY ";\n"
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
	"  source TEXT NOT NULL, bssid_pattern TEXT NOT NULL DEFAULT '',\n  " APS_V2_COLS ");\n"
	"CREATE INDEX wards_floor ON wards(floor_id);\n"
	"CREATE INDEX walls_floor ON walls(floor_id);\n"
	"CREATE INDEX openings_floor ON openings(floor_id);\n"
	"CREATE INDEX aps_floor ON aps(floor_id);\n"
	AP_RADIOS_TABLE
	AREAS_TABLE
	"CREATE TABLE walks (\n"
	"  id INTEGER PRIMARY KEY, floor_id INTEGER NOT NULL REFERENCES floors(id),\n"
	"  start_us INTEGER NOT NULL, end_us INTEGER, operator TEXT NOT NULL DEFAULT '',\n"
	"  interface TEXT NOT NULL DEFAULT '', driver TEXT NOT NULL DEFAULT '',\n"
	"  chipset TEXT NOT NULL DEFAULT '', mode TEXT NOT NULL DEFAULT '',\n"
	"  note TEXT NOT NULL DEFAULT '',\n  " WALKS_V2_COLS ");\n"
	"CREATE INDEX walks_floor ON walks(floor_id, start_us);\n"
	"CREATE TABLE waypoints (\n"
	"  id INTEGER PRIMARY KEY, walk_id INTEGER NOT NULL REFERENCES walks(id),\n"
	"  t_us INTEGER NOT NULL, mono_us INTEGER NOT NULL, x_m REAL NOT NULL, y_m REAL NOT NULL,\n"
	"  pause INTEGER NOT NULL DEFAULT 0, done_us INTEGER);\n"
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
	"  age_ms INTEGER, associated INTEGER NOT NULL, ssid_raw BLOB,\n"
	"  PRIMARY KEY (sample_id, seq)) WITHOUT ROWID;\n"
	"CREATE INDEX observations_bssid ON observations(bssid);\n"
	"CREATE TABLE links (\n"
	"  sample_id INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,\n"
	"  bssid BLOB NOT NULL, ssid TEXT NOT NULL, freq_mhz INTEGER, signal_dbm REAL,\n"
	"  signal_avg_dbm REAL, beacon_signal_avg_dbm REAL, tx_bitrate_mbps REAL,\n"
	"  rx_bitrate_mbps REAL, expected_throughput_mbps REAL, tx_retries INTEGER,\n"
	"  tx_failed INTEGER, beacon_loss INTEGER, rx_bytes INTEGER, tx_bytes INTEGER,\n"
	"  noise_dbm REAL, connected_s INTEGER, ssid_raw BLOB);\n"
	"CREATE TABLE throughputs (\n"
	"  sample_id INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,\n"
	"  protocol TEXT NOT NULL, direction TEXT NOT NULL, server TEXT NOT NULL,\n"
	"  duration_s REAL, mbps REAL, jitter_ms REAL, loss_pct REAL, rtt_ms REAL,\n"
	"  error TEXT NOT NULL DEFAULT '');\n"
	DEVICE_OFFSETS_TABLE;

/*
 * A version-1 floor's building: its old text, else the site's name, else
 * "Building"; at most 63 bytes, as struct fp_building holds them (a site's name
 * may be longer), so the name read back finds its row again. @f is the floors
 * table's alias; @meta the schema holding meta.
 */
#define V1_BUILDING_NAME(f, meta)                                                               \
	"CAST(substr(CAST(COALESCE(NULLIF(" f ".building, ''), NULLIF((SELECT value FROM " meta  \
	"meta WHERE key = 'site'), ''), 'Building') AS BLOB), 1, 63) AS TEXT)"

/*
 * Version 1 → 2. One building per distinct old building text, ids in name
 * order; the floors table rebuilt (SQLite's 12-step procedure: new table,
 * copy, drop, rename — foreign keys are off around the migration) with the
 * building as a key, names unique per building and the drawing last; every
 * row keeps its id. Then new columns and tables.
 */
static const char migrate_v1_v2[] =
	"CREATE TABLE buildings (\n" BUILDINGS_BODY ";\n"
	"INSERT INTO buildings(name) SELECT DISTINCT " V1_BUILDING_NAME("f", "") " AS n "
	"FROM floors f ORDER BY n;\n"
	"CREATE TABLE floors_v2 (\n" FLOORS_BODY ";\n"
	"INSERT INTO floors_v2(id, building_id, name, level, px_per_m, origin_x_px, origin_y_px, "
	"image_type, page, width_px, height_px, image) "
	"SELECT f.id, b.id, f.name, f.level, f.px_per_m, f.origin_x_px, f.origin_y_px, "
	"f.image_type, f.page, f.width_px, f.height_px, f.image "
	"FROM floors f JOIN buildings b ON b.name = " V1_BUILDING_NAME("f", "") ";\n"
	"DROP TABLE floors;\n"
	"ALTER TABLE floors_v2 RENAME TO floors;\n"
	"ALTER TABLE aps ADD COLUMN model TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE aps ADD COLUMN mount TEXT NOT NULL DEFAULT 'ceiling';\n"
	"ALTER TABLE aps ADD COLUMN note TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE aps ADD COLUMN plan TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE aps ADD COLUMN cost REAL;\n"
	AP_RADIOS_TABLE
	AREAS_TABLE
	"ALTER TABLE walks ADD COLUMN device TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE walks ADD COLUMN adapter TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE walks ADD COLUMN rssi_offset_db REAL NOT NULL DEFAULT 0;\n"
	"ALTER TABLE walks ADD COLUMN scan_interface TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE walks ADD COLUMN origin TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE waypoints ADD COLUMN done_us INTEGER;\n"
	"ALTER TABLE observations ADD COLUMN ssid_raw BLOB;\n"
	"ALTER TABLE links ADD COLUMN ssid_raw BLOB;\n"
	DEVICE_OFFSETS_TABLE;

/*
 * A version-1 file opened read-only, shown as version 2 by TEMP views in the
 * connection's own temp schema (the file is never written): the buildings the
 * migration would make, with the same ids; the new columns with the values the
 * migration gives them; the new tables empty.
 */
static const char read_v1_as_v2[] =
	"CREATE TEMP VIEW buildings AS SELECT row_number() OVER (ORDER BY name) AS id, name, "
	"'' AS note, 0.0 AS north_deg, 4.0 AS default_height_m FROM (SELECT DISTINCT "
	V1_BUILDING_NAME("f", "main.") " AS name FROM main.floors f);\n"
	"CREATE TEMP VIEW floors AS SELECT f.id AS id, b.id AS building_id, f.name AS name, "
	"f.level AS level, NULL AS elevation_m, NULL AS height_m, "
	"'concrete-slab' AS slab_material, NULL AS slab_loss_2g4_db, NULL AS slab_loss_5g_db, "
	"NULL AS slab_loss_6g_db, 0.0 AS align_dx_m, 0.0 AS align_dy_m, 0.0 AS align_rot_deg, "
	"NULL AS calib_ax_px, NULL AS calib_ay_px, NULL AS calib_bx_px, NULL AS calib_by_px, "
	"NULL AS calib_m, f.px_per_m AS px_per_m, f.origin_x_px AS origin_x_px, "
	"f.origin_y_px AS origin_y_px, f.image_type AS image_type, f.page AS page, "
	"f.width_px AS width_px, f.height_px AS height_px, f.image AS image "
	"FROM main.floors f JOIN temp.buildings b ON b.name = " V1_BUILDING_NAME("f", "main.") ";\n"
	"CREATE TEMP VIEW aps AS SELECT *, '' AS model, 'ceiling' AS mount, '' AS note, "
	"'' AS plan, NULL AS cost FROM main.aps;\n"
	"CREATE TEMP VIEW ap_radios AS SELECT 0 AS ap_id, 0 AS seq, '2.4' AS band, "
	"NULL AS channel, NULL AS width_mhz, NULL AS tx_power_dbm, NULL AS bssid WHERE 0;\n"
	"CREATE TEMP VIEW areas AS SELECT 0 AS id, 0 AS floor_id, '' AS name, '' AS material, "
	"NULL AS points, 0.0 AS loss_2g4_db_per_m, 0.0 AS loss_5g_db_per_m, "
	"0.0 AS loss_6g_db_per_m WHERE 0;\n"
	"CREATE TEMP VIEW walks AS SELECT *, '' AS device, '' AS adapter, 0.0 AS rssi_offset_db, "
	"'' AS scan_interface, '' AS origin FROM main.walks;\n"
	"CREATE TEMP VIEW waypoints AS SELECT *, NULL AS done_us FROM main.waypoints;\n"
	"CREATE TEMP VIEW observations AS SELECT *, NULL AS ssid_raw FROM main.observations;\n"
	"CREATE TEMP VIEW links AS SELECT *, NULL AS ssid_raw FROM main.links;\n"
	"CREATE TEMP VIEW device_offsets AS SELECT 0 AS id, 'adapter' AS kind, '' AS name, "
	"0.0 AS offset_db, '' AS source, 0 AS created_us WHERE 0;\n";

static const struct survey_migration builtin_steps[] = {
	{ 1, migrate_v1_v2, read_v1_as_v2 },
};

static const struct survey_schema builtin_schema = {
	SURVEY_SCHEMA_VERSION, builtin_steps, sizeof(builtin_steps) / sizeof(builtin_steps[0])
};

const struct survey_schema *survey_builtin_schema(void)
{
	return &builtin_schema;
}

const char *store_create_sql(void)
{
	return schema_v2;
}

/* ---- columns and fields ------------------------------------------------------ */

/*
 * offsetof() field @f of struct @S, checked at compile time to be a @T: the
 * codec reads and writes the field as that type, so a description that names a
 * field of another type draws a warning (comparison of distinct pointer types).
 */
#define FIELD(S, f, T) (offsetof(S, f) + 0 * sizeof((T *)0 == &((S *)0)->f))
/* The same for an array field of @T elements. */
#define ARRAY(S, f, T) (offsetof(S, f) + 0 * sizeof((T *)0 == ((S *)0)->f))

#define COL_ID(S)              { "id", STORE_ID, FIELD(S, id, int64_t), 0, 0 }
#define COL_I64(n, S, f)       { n, STORE_I64, FIELD(S, f, int64_t), 0, 0 }
#define COL_I64_OR(n, S, f, u) { n, STORE_I64_OR, FIELD(S, f, int64_t), 0, u }
#define COL_INT_OR(n, S, f, u) { n, STORE_INT_OR, FIELD(S, f, int), 0, u }
#define COL_BOOL(n, S, f)      { n, STORE_BOOL, FIELD(S, f, bool), 0, 0 }
#define COL_REAL(n, S, f)      { n, STORE_REAL, FIELD(S, f, double), 0, 0 }
#define COL_REAL_OR(n, S, f)   { n, STORE_REAL_OR, FIELD(S, f, double), 0, 0 }
#define COL_TEXT(n, S, f)      { n, STORE_TEXT, ARRAY(S, f, char), sizeof(((S *)0)->f), 0 }
#define COL_BSSID(n, S, f) \
	{ n, STORE_BSSID, ARRAY(S, f, uint8_t) + 0 * sizeof(char[sizeof(((S *)0)->f) == 6 ? 1 : -1]), 0, 0 }
#define COL_POINTS(n, S, f, count) \
	{ n, STORE_POINTS, FIELD(S, f, struct fp_point *), FIELD(S, count, size_t), 0 }
#define COL_INT(n, S, f)       { n, STORE_INT, FIELD(S, f, int), 0, 0 }
#define COL_REAL_POS(n, S, f)  { n, STORE_REAL_POS, FIELD(S, f, double), 0, 0 }
#define COL_BSSID_OR(n, S, f) \
	{ n, STORE_BSSID_OR, ARRAY(S, f, uint8_t) + 0 * sizeof(char[sizeof(((S *)0)->f) == 6 ? 1 : -1]), 0, 0 }
/* An enum field (int-sized, checked) stored as one of @names' texts; another reads as @u. */
#define COL_ENUM(n, S, f, names, u)                                                           \
	{ n, STORE_ENUM, offsetof(S, f) + 0 * sizeof(char[sizeof(((S *)0)->f) == sizeof(int) ? 1 : -1]), \
	  sizeof(names) / sizeof(names[0]), u, names }
#define COL_BLOB(n, S, f, len) \
	{ n, STORE_BLOB, FIELD(S, f, unsigned char *), FIELD(S, len, size_t), 0 }
#define COL_SSID_RAW(n, S, layout) { n, STORE_SSID_RAW, 0, 0, 0, &layout }

#define TABLE(sql_name, key_cols, n_keys, columns, slot, what, one)                        \
	{ .name = sql_name, .keys = key_cols, .nkeys = n_keys, .cols = columns,             \
	  .ncols = sizeof(columns) / sizeof(columns[0]), .insert = slot, .noun = what,      \
	  .thing = one }

/* ---- buildings and floors ------------------------------------------------------- */

static const struct store_col building_cols[] = {
	COL_ID(struct fp_building),
	COL_TEXT("name", struct fp_building, name),
	COL_TEXT("note", struct fp_building, note),
	COL_REAL("north_deg", struct fp_building, north_deg),
	COL_REAL("default_height_m", struct fp_building, default_height_m),
};

/*
 * The floor's own fields first (store_floor_meta_cols of them after the id),
 * then its drawing: survey_update_floor_meta() writes only the first. The
 * building's name is not a column (floors know their building by id).
 */
static const struct store_col floor_cols[] = {
	COL_ID(struct floorplan),
	COL_TEXT("name", struct floorplan, name),
	COL_I64("building_id", struct floorplan, building_id),
	COL_INT("level", struct floorplan, level),
	COL_REAL_OR("elevation_m", struct floorplan, elevation_m),
	COL_REAL_OR("height_m", struct floorplan, height_m),
	COL_TEXT("slab_material", struct floorplan, slab_material),
	COL_REAL_OR("slab_loss_2g4_db", struct floorplan, slab_loss_db[FP_BAND_2G4]),
	COL_REAL_OR("slab_loss_5g_db", struct floorplan, slab_loss_db[FP_BAND_5G]),
	COL_REAL_OR("slab_loss_6g_db", struct floorplan, slab_loss_db[FP_BAND_6G]),
	COL_REAL("align_dx_m", struct floorplan, align.dx_m),
	COL_REAL("align_dy_m", struct floorplan, align.dy_m),
	COL_REAL("align_rot_deg", struct floorplan, align.rot_deg),
	COL_REAL_OR("calib_ax_px", struct floorplan, calib.ax_px),
	COL_REAL_OR("calib_ay_px", struct floorplan, calib.ay_px),
	COL_REAL_OR("calib_bx_px", struct floorplan, calib.bx_px),
	COL_REAL_OR("calib_by_px", struct floorplan, calib.by_px),
	COL_REAL_OR("calib_m", struct floorplan, calib.m),
	COL_REAL("px_per_m", struct floorplan, px_per_m),
	COL_REAL("origin_x_px", struct floorplan, origin_x_px),
	COL_REAL("origin_y_px", struct floorplan, origin_y_px),
	/* the drawing */
	COL_TEXT("image_type", struct floorplan, image_type),
	COL_INT("page", struct floorplan, page),
	COL_INT("width_px", struct floorplan, width_px),
	COL_INT("height_px", struct floorplan, height_px),
	COL_BLOB("image", struct floorplan, image, image_len),
};

const size_t store_floor_meta_cols = 20;

const struct store_table store_buildings =
	TABLE("buildings", NULL, 0, building_cols, SLOT_INS_BUILDING, "the building", "building");
const struct store_table store_floors =
	TABLE("floors", NULL, 0, floor_cols, SLOT_INS_FLOOR, "the floor", "floor");

/* ---- geometry: one floor's rows, keyed by floor_id ---------------------------- */

static const struct store_col ward_cols[] = {
	COL_ID(struct fp_ward),
	COL_TEXT("name", struct fp_ward, name),
	COL_POINTS("points", struct fp_ward, pts, npts),
};

static const struct store_col wall_cols[] = {
	COL_ID(struct fp_wall),
	COL_POINTS("points", struct fp_wall, pts, npts),
	COL_TEXT("material", struct fp_wall, material),
	COL_REAL("loss_2g4_db", struct fp_wall, loss_db[FP_BAND_2G4]),
	COL_REAL("loss_5g_db", struct fp_wall, loss_db[FP_BAND_5G]),
	COL_REAL("loss_6g_db", struct fp_wall, loss_db[FP_BAND_6G]),
};

static const struct store_col opening_cols[] = {
	COL_ID(struct fp_opening),
	COL_REAL("ax_m", struct fp_opening, a.x),
	COL_REAL("ay_m", struct fp_opening, a.y),
	COL_REAL("bx_m", struct fp_opening, b.x),
	COL_REAL("by_m", struct fp_opening, b.y),
	COL_TEXT("kind", struct fp_opening, kind),
	COL_REAL("loss_2g4_db", struct fp_opening, loss_db[FP_BAND_2G4]),
	COL_REAL("loss_5g_db", struct fp_opening, loss_db[FP_BAND_5G]),
	COL_REAL("loss_6g_db", struct fp_opening, loss_db[FP_BAND_6G]),
};

static const struct store_col ap_cols[] = {
	COL_ID(struct fp_ap),
	COL_TEXT("name", struct fp_ap, name),
	COL_REAL("x_m", struct fp_ap, pos.x),
	COL_REAL("y_m", struct fp_ap, pos.y),
	COL_REAL_OR("height_m", struct fp_ap, height_m),
	COL_TEXT("source", struct fp_ap, source),
	COL_TEXT("bssid_pattern", struct fp_ap, bssid_pattern),
	COL_TEXT("model", struct fp_ap, model),
	COL_TEXT("mount", struct fp_ap, mount),
	COL_TEXT("note", struct fp_ap, note),
	COL_TEXT("plan", struct fp_ap, plan),
	COL_REAL_POS("cost", struct fp_ap, cost),
};

/* An AP's radios, keyed (ap_id, seq): seq is the index in fp_ap.radios[]. */
static const char *const band_names[FP_NBANDS] = {
	[FP_BAND_2G4] = "2.4", [FP_BAND_5G] = "5", [FP_BAND_6G] = "6",
};

static const struct store_col radio_cols[] = {
	COL_ENUM("band", struct fp_radio, band, band_names, FP_BAND_2G4),
	COL_INT_OR("channel", struct fp_radio, channel, 0),
	COL_INT_OR("width_mhz", struct fp_radio, width_mhz, 0),
	COL_REAL_OR("tx_power_dbm", struct fp_radio, tx_power_dbm),
	COL_BSSID_OR("bssid", struct fp_radio, bssid),
};

static const struct store_col area_cols[] = {
	COL_ID(struct fp_area),
	COL_TEXT("name", struct fp_area, name),
	COL_TEXT("material", struct fp_area, material),
	COL_POINTS("points", struct fp_area, pts, npts),
	COL_REAL("loss_2g4_db_per_m", struct fp_area, loss_db_per_m[FP_BAND_2G4]),
	COL_REAL("loss_5g_db_per_m", struct fp_area, loss_db_per_m[FP_BAND_5G]),
	COL_REAL("loss_6g_db_per_m", struct fp_area, loss_db_per_m[FP_BAND_6G]),
};

const struct store_table store_wards =
	TABLE("wards", "floor_id", 1, ward_cols, SLOT_INS_WARD, "a ward", "ward");
const struct store_table store_walls =
	TABLE("walls", "floor_id", 1, wall_cols, SLOT_INS_WALL, "a wall", "wall");
const struct store_table store_openings =
	TABLE("openings", "floor_id", 1, opening_cols, SLOT_INS_OPENING, "an opening", "opening");
const struct store_table store_aps =
	TABLE("aps", "floor_id", 1, ap_cols, SLOT_INS_AP, "an access point", "AP");
const struct store_table store_ap_radios =
	TABLE("ap_radios", "ap_id, seq", 2, radio_cols, SLOT_INS_RADIO, "an AP's radio", "radio");
const struct store_table store_areas =
	TABLE("areas", "floor_id", 1, area_cols, SLOT_INS_AREA, "an attenuation area", "area");

/* ---- walks and waypoints -------------------------------------------------------- */

static const struct store_col walk_cols[] = {
	COL_ID(struct survey_walk),
	COL_I64("floor_id", struct survey_walk, floor_id),
	COL_I64("start_us", struct survey_walk, start_us),
	COL_I64_OR("end_us", struct survey_walk, end_us, 0), /* NULL while the walk is open */
	COL_TEXT("operator", struct survey_walk, operator_name),
	COL_TEXT("interface", struct survey_walk, interface),
	COL_TEXT("driver", struct survey_walk, driver),
	COL_TEXT("chipset", struct survey_walk, chipset),
	COL_TEXT("mode", struct survey_walk, mode),
	COL_TEXT("note", struct survey_walk, note),
	COL_TEXT("device", struct survey_walk, device),
	COL_TEXT("adapter", struct survey_walk, adapter),
	COL_REAL("rssi_offset_db", struct survey_walk, rssi_offset_db),
	COL_TEXT("scan_interface", struct survey_walk, scan_interface),
	COL_TEXT("origin", struct survey_walk, origin),
};

static const struct store_col waypoint_cols[] = {
	COL_ID(struct survey_waypoint),
	COL_I64("walk_id", struct survey_waypoint, walk_id),
	COL_I64("t_us", struct survey_waypoint, t_us),
	COL_I64("mono_us", struct survey_waypoint, mono_us),
	COL_REAL("x_m", struct survey_waypoint, x_m),
	COL_REAL("y_m", struct survey_waypoint, y_m),
	COL_BOOL("pause", struct survey_waypoint, pause),
	COL_I64_OR("done_us", struct survey_waypoint, done_us, 0), /* NULL: until the next tap */
};

const struct store_table store_walks =
	TABLE("walks", NULL, 0, walk_cols, SLOT_INS_WALK, "the walk", "walk");
const struct store_table store_waypoints =
	TABLE("waypoints", NULL, 0, waypoint_cols, SLOT_INS_WAYPOINT, "the waypoint", "waypoint");

/* ---- device offsets ----------------------------------------------------------------- */

static const struct store_col device_offset_cols[] = {
	COL_ID(struct survey_device_offset),
	COL_TEXT("kind", struct survey_device_offset, kind),
	COL_TEXT("name", struct survey_device_offset, name),
	COL_REAL("offset_db", struct survey_device_offset, offset_db),
	COL_TEXT("source", struct survey_device_offset, source),
	COL_I64("created_us", struct survey_device_offset, created_us),
};

const struct store_table store_device_offsets =
	TABLE("device_offsets", NULL, 0, device_offset_cols, SLOT_INS_OFFSET, "the device offset",
	      "device offset");

/* ---- a sample's parts, keyed by sample_id (observations also by seq) ------------- */

#define SSID_LAYOUT(S)                                                                    \
	{ ARRAY(S, ssid, char), sizeof(((S *)0)->ssid), ARRAY(S, ssid_raw, uint8_t),        \
	  FIELD(S, ssid_len, uint8_t), FIELD(S, ssid_escaped, bool) }

static const struct store_ssid_layout observation_ssid = SSID_LAYOUT(struct meas_observation);
static const struct store_ssid_layout link_ssid = SSID_LAYOUT(struct meas_link);

static const struct store_col observation_cols[] = {
	COL_BSSID("bssid", struct meas_observation, bssid),
	COL_TEXT("ssid", struct meas_observation, ssid),
	COL_BOOL("hidden", struct meas_observation, hidden),
	COL_INT_OR("freq_mhz", struct meas_observation, freq_mhz, 0),
	COL_INT_OR("channel", struct meas_observation, channel, 0),
	COL_INT_OR("width_mhz", struct meas_observation, width_mhz, 0),
	COL_INT_OR("center_freq_mhz", struct meas_observation, center_freq_mhz, 0),
	COL_REAL_OR("signal_dbm", struct meas_observation, signal_dbm),
	COL_REAL_OR("noise_dbm", struct meas_observation, noise_dbm),
	COL_INT_OR("bss_stations", struct meas_observation, bss_stations, -1),
	COL_REAL_OR("bss_utilisation", struct meas_observation, bss_utilisation),
	COL_TEXT("security", struct meas_observation, security),
	COL_TEXT("ap_name", struct meas_observation, ap_name),
	COL_INT_OR("age_ms", struct meas_observation, age_ms, -1),
	COL_BOOL("associated", struct meas_observation, associated),
	COL_SSID_RAW("ssid_raw", struct meas_observation, observation_ssid),
};

static const struct store_col link_cols[] = {
	COL_BSSID("bssid", struct meas_link, bssid),
	COL_TEXT("ssid", struct meas_link, ssid),
	COL_INT_OR("freq_mhz", struct meas_link, freq_mhz, 0),
	COL_REAL_OR("signal_dbm", struct meas_link, signal_dbm),
	COL_REAL_OR("signal_avg_dbm", struct meas_link, signal_avg_dbm),
	COL_REAL_OR("beacon_signal_avg_dbm", struct meas_link, beacon_signal_avg_dbm),
	COL_REAL_OR("tx_bitrate_mbps", struct meas_link, tx_bitrate_mbps),
	COL_REAL_OR("rx_bitrate_mbps", struct meas_link, rx_bitrate_mbps),
	COL_REAL_OR("expected_throughput_mbps", struct meas_link, expected_throughput_mbps),
	COL_I64_OR("tx_retries", struct meas_link, tx_retries, -1),
	COL_I64_OR("tx_failed", struct meas_link, tx_failed, -1),
	COL_I64_OR("beacon_loss", struct meas_link, beacon_loss, -1),
	COL_I64_OR("rx_bytes", struct meas_link, rx_bytes, -1),
	COL_I64_OR("tx_bytes", struct meas_link, tx_bytes, -1),
	COL_REAL_OR("noise_dbm", struct meas_link, noise_dbm),
	COL_INT_OR("connected_s", struct meas_link, connected_s, -1),
	COL_SSID_RAW("ssid_raw", struct meas_link, link_ssid),
};

static const struct store_col throughput_cols[] = {
	COL_TEXT("protocol", struct meas_throughput, protocol),
	COL_TEXT("direction", struct meas_throughput, direction),
	COL_TEXT("server", struct meas_throughput, server),
	COL_REAL_OR("duration_s", struct meas_throughput, duration_s),
	COL_REAL_OR("mbps", struct meas_throughput, mbps),
	COL_REAL_OR("jitter_ms", struct meas_throughput, jitter_ms),
	COL_REAL_OR("loss_pct", struct meas_throughput, loss_pct),
	COL_REAL_OR("rtt_ms", struct meas_throughput, rtt_ms),
	COL_TEXT("error", struct meas_throughput, error),
};

const struct store_table store_observations =
	TABLE("observations", "sample_id, seq", 2, observation_cols, SLOT_INS_OBS,
	      "an observation", "observation");
const struct store_table store_links =
	TABLE("links", "sample_id", 1, link_cols, SLOT_INS_LINK, "the link", "link");
const struct store_table store_throughputs =
	TABLE("throughputs", "sample_id", 1, throughput_cols, SLOT_INS_TPUT, "the throughput",
	      "throughput");

const struct store_table *const store_tables[] = {
	&store_buildings, &store_floors, &store_wards, &store_walls, &store_openings, &store_aps,
	&store_ap_radios, &store_areas, &store_walks, &store_waypoints, &store_observations,
	&store_links, &store_throughputs, &store_device_offsets,
};
const size_t store_ntables = sizeof(store_tables) / sizeof(store_tables[0]);
