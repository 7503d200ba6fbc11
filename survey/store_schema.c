/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_schema.c — the survey file's schema (version 1) and, for each table
 * the store reads and writes row by row, how its columns map to the fields of
 * a C struct (struct store_table, see store_private.h).
 *
 * The CREATE script is the schema: its text is what `sqlite3 FILE .schema`
 * shows in every file this version writes, so it changes only with a new
 * schema version and a migration step (survey/README.md). The descriptions
 * below follow it; tests/test_survey.c holds them to it column by column.
 * Floors and samples are bound and read by hand in store_floors.c and
 * store_samples.c/store_query.c: a drawing and a placed position are not one
 * field to one column.
 */
#include "survey/store_private.h"

#include <stddef.h>

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

const char *store_create_sql(void)
{
	return schema_v1;
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

#define TABLE(sql_name, key_cols, n_keys, columns, slot, what)                             \
	{ .name = sql_name, .keys = key_cols, .nkeys = n_keys, .cols = columns,             \
	  .ncols = sizeof(columns) / sizeof(columns[0]), .insert = slot, .noun = what }

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
};

const struct store_table store_wards =
	TABLE("wards", "floor_id", 1, ward_cols, SLOT_INS_WARD, "a ward");
const struct store_table store_walls =
	TABLE("walls", "floor_id", 1, wall_cols, SLOT_INS_WALL, "a wall");
const struct store_table store_openings =
	TABLE("openings", "floor_id", 1, opening_cols, SLOT_INS_OPENING, "an opening");
const struct store_table store_aps =
	TABLE("aps", "floor_id", 1, ap_cols, SLOT_INS_AP, "an access point");

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
};

static const struct store_col waypoint_cols[] = {
	COL_ID(struct survey_waypoint),
	COL_I64("walk_id", struct survey_waypoint, walk_id),
	COL_I64("t_us", struct survey_waypoint, t_us),
	COL_I64("mono_us", struct survey_waypoint, mono_us),
	COL_REAL("x_m", struct survey_waypoint, x_m),
	COL_REAL("y_m", struct survey_waypoint, y_m),
	COL_BOOL("pause", struct survey_waypoint, pause),
};

const struct store_table store_walks =
	TABLE("walks", NULL, 0, walk_cols, SLOT_INS_WALK, "the walk");
const struct store_table store_waypoints =
	TABLE("waypoints", NULL, 0, waypoint_cols, SLOT_INS_WAYPOINT, "the waypoint");

/* ---- a sample's parts, keyed by sample_id (observations also by seq) ------------- */

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
	      "an observation");
const struct store_table store_links =
	TABLE("links", "sample_id", 1, link_cols, SLOT_INS_LINK, "the link");
const struct store_table store_throughputs =
	TABLE("throughputs", "sample_id", 1, throughput_cols, SLOT_INS_TPUT, "the throughput");

const struct store_table *const store_tables[] = {
	&store_wards, &store_walls, &store_openings, &store_aps, &store_walks, &store_waypoints,
	&store_observations, &store_links, &store_throughputs,
};
const size_t store_ntables = sizeof(store_tables) / sizeof(store_tables[0]);
