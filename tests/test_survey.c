/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_survey.c — the survey file: every field survives a round trip, unknowns
 * are SQL NULL, failures are data, queries filter as documented, and files
 * that are not ours (or are damaged, or newer) are refused untouched.
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
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "survey/store_private.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"
#include "util/mac.h"

struct fixture {
	char *dir;
	char path[4096];
	struct survey *s;
	int64_t floor_id, walk_id;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct survey_meta m;
	struct floorplan *fp;
	struct survey_walk w;
	struct ns_err err;

	assert_non_null(f);
	f->dir = survey_test_tmpdir();
	assert_non_null(f->dir);
	snprintf(f->path, sizeof(f->path), "%s/site.notspot", f->dir);
	memset(&m, 0, sizeof(m));
	snprintf(m.site, sizeof(m.site), "St Elsewhere General Hospital");
	snprintf(m.organisation, sizeof(m.organisation), "St Elsewhere NHS Foundation Trust");
	snprintf(m.surveyor, sizeof(m.surveyor), "A. Engineer");
	snprintf(m.notes, sizeof(m.notes), "Ward 7 after the refit, \"quiet\" night, ünïcode");
	m.created_us = 1763781904123456;
	assert_int_equal(survey_create(f->path, &m, &f->s, &err), 0);
	fp = survey_test_floor("Level 2");
	f->floor_id = survey_add_floor(f->s, fp, &err);
	assert_true(f->floor_id > 0);
	floorplan_free(fp);
	memset(&w, 0, sizeof(w));
	w.floor_id = f->floor_id;
	w.start_us = 1763781900000000;
	snprintf(w.operator_name, sizeof(w.operator_name), "A. Engineer");
	snprintf(w.interface, sizeof(w.interface), "wlp2s0");
	snprintf(w.driver, sizeof(w.driver), "iwlwifi");
	snprintf(w.chipset, sizeof(w.chipset), "Intel AX210");
	snprintf(w.mode, sizeof(w.mode), "stop-and-go");
	snprintf(w.note, sizeof(w.note), "east wing first");
	f->walk_id = survey_begin_walk(f->s, &w, &err);
	assert_true(f->walk_id > 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	survey_close(f->s);
	survey_test_rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t sql_int(struct survey *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -999;

	assert_int_equal(sqlite3_prepare_v2(survey_sqlite(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- round trips ---------------------------------------------------------- */

static void test_meta_round_trips_and_records_the_creator(void **state)
{
	struct fixture *f = *state;
	struct survey_meta m;
	struct ns_err err;

	assert_int_equal(survey_get_meta(f->s, &m, &err), 0);
	assert_string_equal(m.site, "St Elsewhere General Hospital");
	assert_string_equal(m.organisation, "St Elsewhere NHS Foundation Trust");
	assert_string_equal(m.surveyor, "A. Engineer");
	assert_string_equal(m.notes, "Ward 7 after the refit, \"quiet\" night, ünïcode");
	assert_true(m.created_us == 1763781904123456);
	assert_string_equal(m.created_by, "notspot 0.1.0");
	assert_int_equal(m.schema_version, SURVEY_SCHEMA_VERSION);

	snprintf(m.site, sizeof(m.site), "Renamed site");
	assert_int_equal(survey_set_meta(f->s, &m, &err), 0);
	memset(&m, 0, sizeof(m));
	assert_int_equal(survey_get_meta(f->s, &m, &err), 0);
	assert_string_equal(m.site, "Renamed site");
	assert_true(m.created_us == 1763781904123456);
}

static void test_floor_round_trips_drawing_scale_and_geometry(void **state)
{
	struct fixture *f = *state;
	struct floorplan *want = survey_test_floor("Level 2"), *got;
	struct ns_err err;

	assert_int_equal(survey_load_floor(f->s, f->floor_id, &got, &err), 0);
	assert_true(got->id == f->floor_id);
	assert_string_equal(got->name, "Level 2");
	assert_string_equal(got->building, "Tower block");
	assert_int_equal(got->level, 2);
	assert_string_equal(got->image_type, "png");
	assert_int_equal(got->image_len, want->image_len);
	assert_memory_equal(got->image, want->image, want->image_len);
	assert_int_equal(got->width_px, 2000);
	assert_int_equal(got->height_px, 1000);
	assert_true(got->px_per_m == 100.0 / 3.0);  /* exact: stored as a double */
	assert_true(got->origin_x_px == 12.5);
	assert_true(got->origin_y_px == -3.25);

	assert_int_equal(got->nwards, 1);
	assert_string_equal(got->wards[0].name, "Ward 7 — Cardiology");
	assert_int_equal(got->wards[0].npts, 4);
	assert_memory_equal(got->wards[0].pts, want->wards[0].pts, 4 * sizeof(struct fp_point));
	assert_true(got->wards[0].id > 0);

	assert_int_equal(got->nwalls, 2);
	assert_string_equal(got->walls[1].material, "brick");
	assert_int_equal(got->walls[1].npts, 3);
	assert_true(got->walls[1].pts[2].y == 8.25);
	assert_true(got->walls[0].loss_db[FP_BAND_6G] == 22);

	assert_int_equal(got->nopenings, 1);
	assert_string_equal(got->openings[0].kind, "fire-door");
	assert_true(got->openings[0].b.y == 5.2);
	assert_true(got->openings[0].loss_db[FP_BAND_5G] == 24);

	assert_int_equal(got->naps, 1);
	assert_string_equal(got->aps[0].name, "AP-7-01");
	assert_true(got->aps[0].pos.x == 4.5 && got->aps[0].pos.y == 2.75);
	assert_true(got->aps[0].height_m == 2.7);
	assert_string_equal(got->aps[0].source, "planned");
	assert_string_equal(got->aps[0].bssid_pattern, "00:11:22:33:44:5?");

	floorplan_free(got);
	floorplan_free(want);
}


static void test_a_damaged_outline_is_refused_not_read_past(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;
	char msg[128];
	struct ns_err err;

	/* 17 bytes: one point and one stray byte. */
	assert_int_equal(sqlite3_exec(survey_sqlite(f->s),
				      "UPDATE wards SET points = zeroblob(17)", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(survey_load_floor(f->s, f->floor_id, &fp, &err), -EBADMSG);
	assert_null(fp);
	snprintf(msg, sizeof(msg), "ward %lld's outline is damaged",
		 (long long)sql_int(f->s, "SELECT id FROM wards"));
	assert_string_equal(err.msg, msg);
	/* Whole points but too few for a ward. */
	assert_int_equal(sqlite3_exec(survey_sqlite(f->s),
				      "UPDATE wards SET points = zeroblob(32)", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(survey_load_floor(f->s, f->floor_id, &fp, &err), -EBADMSG);
}

static void test_floor_update_replaces_geometry_and_keeps_ids(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp, *got;
	struct fp_point pts[] = { { 1, 1 }, { 2, 1 }, { 2, 2 } };
	int64_t ward_id;
	struct ns_err err;

	assert_int_equal(survey_load_floor(f->s, f->floor_id, &fp, &err), 0);
	ward_id = fp->wards[0].id;
	fp->px_per_m = 25;
	assert_int_equal(floorplan_add_ward(fp, "Sluice", pts, 3), 0);
	fp->nwalls = 1; /* drop the brick wall (its points are freed below) */
	assert_int_equal(survey_update_floor(f->s, fp, &err), 0);
	assert_true(fp->wards[1].id > 0 && fp->wards[1].id != ward_id);
	fp->nwalls = 2;
	floorplan_free(fp);

	assert_int_equal(survey_load_floor(f->s, f->floor_id, &got, &err), 0);
	assert_true(got->px_per_m == 25);
	assert_int_equal(got->nwards, 2);
	assert_true(got->wards[0].id == ward_id);
	assert_string_equal(got->wards[1].name, "Sluice");
	assert_int_equal(got->nwalls, 1);
	assert_string_equal(got->walls[0].material, "concrete");
	floorplan_free(got);
}

static void test_floor_names_are_unique_and_found_by_name(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey_floor_info *list;
	size_t n;
	struct ns_err err;

	assert_int_equal(survey_add_floor(f->s, fp, &err), -EEXIST);
	assert_string_equal(err.msg, "a floor called 'Level 2' already exists");
	snprintf(fp->name, sizeof(fp->name), "Basement");
	fp->level = -1;
	assert_true(survey_add_floor(f->s, fp, &err) > 0);
	floorplan_free(fp);

	assert_true(survey_find_floor(f->s, "Level 2", &err) == f->floor_id);
	assert_int_equal(survey_find_floor(f->s, "Roof", &err), -ENOENT);
	assert_string_equal(err.msg, "there is no floor called 'Roof'");

	assert_int_equal(survey_list_floors(f->s, &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "Basement"); /* by level */
	assert_string_equal(list[1].name, "Level 2");
	assert_int_equal(list[1].nwards, 1);
	assert_int_equal(list[1].nwalls, 2);
	assert_int_equal(list[1].nopenings, 1);
	assert_int_equal(list[1].naps, 1);
	assert_string_equal(list[1].image_type, "png");
	free(list);
}

static void test_walk_and_waypoints_round_trip(void **state)
{
	struct fixture *f = *state;
	struct survey_walk w, *walks;
	struct survey_waypoint wp, *wps;
	size_t n;
	int64_t id1, id2;
	struct ns_err err;

	assert_int_equal(survey_get_walk(f->s, f->walk_id, &w, &err), 0);
	assert_true(w.floor_id == f->floor_id);
	assert_true(w.start_us == 1763781900000000);
	assert_true(w.end_us == 0);
	assert_string_equal(w.operator_name, "A. Engineer");
	assert_string_equal(w.interface, "wlp2s0");
	assert_string_equal(w.driver, "iwlwifi");
	assert_string_equal(w.chipset, "Intel AX210");
	assert_string_equal(w.mode, "stop-and-go");
	assert_string_equal(w.note, "east wing first");
	assert_int_equal(survey_end_walk(f->s, f->walk_id, 1763781999000000, &err), 0);
	assert_int_equal(survey_list_walks(f->s, f->floor_id, &walks, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_true(walks[0].end_us == 1763781999000000);
	free(walks);
	assert_int_equal(survey_end_walk(f->s, 999, 1, &err), -ENOENT);

	memset(&wp, 0, sizeof(wp));
	wp.walk_id = f->walk_id;
	wp.t_us = 1763781901000000;
	wp.mono_us = 5000000;
	wp.x_m = 1.25;
	wp.y_m = 3.5;
	id1 = survey_add_waypoint(f->s, &wp, &err);
	assert_true(id1 > 0);
	wp.t_us += 1000000;
	wp.x_m = 7;
	wp.pause = true;
	id2 = survey_add_waypoint(f->s, &wp, &err);
	assert_true(id2 > id1);
	assert_int_equal(survey_list_waypoints(f->s, f->walk_id, &wps, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_true(wps[0].id == id1 && wps[0].x_m == 1.25 && wps[0].y_m == 3.5);
	assert_true(wps[0].mono_us == 5000000 && !wps[0].pause);
	assert_true(wps[1].pause && wps[1].x_m == 7);
	free(wps);
	assert_int_equal(survey_delete_waypoint(f->s, id1, &err), 0);
	assert_int_equal(survey_list_waypoints(f->s, f->walk_id, &wps, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_true(wps[0].id == id2);
	free(wps);
	wp.walk_id = 4242;
	assert_int_equal(survey_add_waypoint(f->s, &wp, &err), -ENOENT);
}

struct collected {
	int n;
	struct meas_sample sample[8];
	size_t nobs[8];
	struct meas_observation obs[8][4];
	bool has_link[8], has_tput[8];
	struct meas_link link[8];
	struct meas_throughput tput[8];
};

static int collect(void *arg, const struct meas_sample *sm,
		   const struct meas_observation *obs, size_t nobs,
		   const struct meas_link *link, const struct meas_throughput *tput)
{
	struct collected *c = arg;
	int i = c->n++;

	if (i >= 8)
		return -E2BIG;
	c->sample[i] = *sm;
	c->nobs[i] = nobs;
	if (nobs)
		memcpy(c->obs[i], obs, (nobs < 4 ? nobs : 4) * sizeof(*obs));
	c->has_link[i] = link != NULL;
	if (link)
		c->link[i] = *link;
	c->has_tput[i] = tput != NULL;
	if (tput)
		c->tput[i] = *tput;
	return 0;
}

static void test_sample_round_trips_every_field_and_unknowns_are_null(void **state)
{
	struct fixture *f = *state;
	struct meas_sample sm;
	struct meas_observation obs[2];
	struct meas_link link;
	struct meas_throughput tput;
	struct collected *c = calloc(1, sizeof(*c));
	int64_t id;
	struct ns_err err;

	meas_init_sample(&sm);
	sm.walk_id = f->walk_id;
	sm.t_us = 1763781905250000;
	sm.mono_us = 9250000;
	sm.kind = SAMPLE_SCAN;
	sm.placed = true;
	sm.x_m = 3.125;
	sm.y_m = 4.75;
	sm.noise_dbm = -92;
	survey_test_observation(&obs[0], 0);
	snprintf(obs[0].ssid, sizeof(obs[0].ssid), "NHS, \"Staff\" ✓");
	meas_init_observation(&obs[1]); /* everything unknown */
	memcpy(obs[1].bssid, "\xaa\xbb\xcc\xdd\xee\xff", 6);
	obs[1].hidden = true;
	id = survey_add_sample(f->s, &sm, obs, 2, NULL, NULL, &err);
	assert_true(id > 0);

	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM observations WHERE seq = 1 AND "
				       "signal_dbm IS NULL AND noise_dbm IS NULL AND bss_stations IS NULL "
				       "AND bss_utilisation IS NULL AND age_ms IS NULL AND width_mhz IS NULL "
				       "AND freq_mhz IS NULL AND center_freq_mhz IS NULL"), 1);

	meas_init_sample(&sm);
	sm.walk_id = f->walk_id;
	sm.t_us = 1763781906000000;
	sm.mono_us = 10000000;
	sm.kind = SAMPLE_LINK;
	meas_init_link(&link);
	memcpy(link.bssid, "\x00\x11\x22\x33\x44\x55", 6);
	snprintf(link.ssid, sizeof(link.ssid), "NHS-Clinical");
	link.freq_mhz = 5180;
	link.signal_dbm = -61;
	link.signal_avg_dbm = -60.5;
	link.beacon_signal_avg_dbm = -59;
	link.tx_bitrate_mbps = 866.7;
	link.rx_bitrate_mbps = 780;
	link.expected_throughput_mbps = 412.5;
	link.tx_retries = 17;
	link.tx_failed = 2;
	link.beacon_loss = 0;
	link.rx_bytes = 123456789012;
	link.tx_bytes = 98765;
	link.noise_dbm = -93;
	link.connected_s = 3600;
	assert_true(survey_add_sample(f->s, &sm, NULL, 0, &link, NULL, &err) > id);

	sm.t_us += 1000000;
	sm.kind = SAMPLE_THROUGHPUT;
	sm.status = SAMPLE_FAILED;
	snprintf(sm.error, sizeof(sm.error), "iperf3: connection refused");
	meas_init_throughput(&tput);
	snprintf(tput.protocol, sizeof(tput.protocol), "tcp");
	snprintf(tput.direction, sizeof(tput.direction), "down");
	snprintf(tput.server, sizeof(tput.server), "10.0.0.1:5201");
	tput.duration_s = 0.5;
	snprintf(tput.error, sizeof(tput.error), "connection refused");
	meas_init_link(&link); /* a link poll with nothing known */
	assert_true(survey_add_sample(f->s, &sm, NULL, 0, &link, &tput, &err) > id);

	assert_int_equal(survey_foreach_sample(f->s, NULL, collect, c, &err), 0);
	assert_int_equal(c->n, 3);

	/* the scan */
	assert_true(c->sample[0].id == id);
	assert_true(c->sample[0].walk_id == f->walk_id);
	assert_true(c->sample[0].t_us == 1763781905250000);
	assert_true(c->sample[0].mono_us == 9250000);
	assert_int_equal(c->sample[0].kind, SAMPLE_SCAN);
	assert_int_equal(c->sample[0].status, SAMPLE_OK);
	assert_string_equal(c->sample[0].error, "");
	assert_true(c->sample[0].placed);
	assert_true(c->sample[0].x_m == 3.125 && c->sample[0].y_m == 4.75);
	assert_true(c->sample[0].noise_dbm == -92);
	assert_int_equal(c->nobs[0], 2);
	assert_false(c->has_link[0]);
	assert_false(c->has_tput[0]);
	{
		const struct meas_observation *o = &c->obs[0][0];

		assert_memory_equal(o->bssid, obs[0].bssid, 6);
		assert_string_equal(o->ssid, "NHS, \"Staff\" ✓");
		assert_false(o->hidden);
		assert_int_equal(o->freq_mhz, 2412);
		assert_int_equal(o->channel, 1);
		assert_int_equal(o->width_mhz, 20);
		assert_int_equal(o->center_freq_mhz, 2412);
		assert_true(o->signal_dbm == -40);
		assert_true(o->noise_dbm == -95);
		assert_int_equal(o->bss_stations, 0);
		assert_true(o->bss_utilisation == 0);
		assert_string_equal(o->security, "wpa3-sae");
		assert_string_equal(o->ap_name, "AP-000");
		assert_int_equal(o->age_ms, 0);
		assert_true(o->associated);

		o = &c->obs[0][1];
		assert_memory_equal(o->bssid, "\xaa\xbb\xcc\xdd\xee\xff", 6);
		assert_string_equal(o->ssid, "");
		assert_true(o->hidden);
		assert_int_equal(o->freq_mhz, 0);
		assert_int_equal(o->width_mhz, 0);
		assert_true(isnan(o->signal_dbm));
		assert_true(isnan(o->noise_dbm));
		assert_int_equal(o->bss_stations, -1);
		assert_true(isnan(o->bss_utilisation));
		assert_int_equal(o->age_ms, -1);
		assert_false(o->associated);
	}

	/* the link poll: unplaced, every field */
	assert_int_equal(c->sample[1].kind, SAMPLE_LINK);
	assert_false(c->sample[1].placed);
	assert_true(isnan(c->sample[1].x_m) && isnan(c->sample[1].noise_dbm));
	assert_true(c->has_link[1]);
	assert_memory_equal(c->link[1].bssid, "\x00\x11\x22\x33\x44\x55", 6);
	assert_string_equal(c->link[1].ssid, "NHS-Clinical");
	assert_int_equal(c->link[1].freq_mhz, 5180);
	assert_true(c->link[1].signal_dbm == -61);
	assert_true(c->link[1].signal_avg_dbm == -60.5);
	assert_true(c->link[1].beacon_signal_avg_dbm == -59);
	assert_true(c->link[1].tx_bitrate_mbps == 866.7);
	assert_true(c->link[1].rx_bitrate_mbps == 780);
	assert_true(c->link[1].expected_throughput_mbps == 412.5);
	assert_true(c->link[1].tx_retries == 17 && c->link[1].tx_failed == 2);
	assert_true(c->link[1].beacon_loss == 0);
	assert_true(c->link[1].rx_bytes == 123456789012 && c->link[1].tx_bytes == 98765);
	assert_true(c->link[1].noise_dbm == -93);
	assert_int_equal(c->link[1].connected_s, 3600);

	/* the failed throughput keeps its reason, and its unknown link stays unknown */
	assert_int_equal(c->sample[2].status, SAMPLE_FAILED);
	assert_string_equal(c->sample[2].error, "iperf3: connection refused");
	assert_true(c->has_tput[2]);
	assert_string_equal(c->tput[2].protocol, "tcp");
	assert_string_equal(c->tput[2].direction, "down");
	assert_string_equal(c->tput[2].server, "10.0.0.1:5201");
	assert_true(c->tput[2].duration_s == 0.5);
	assert_true(isnan(c->tput[2].mbps) && isnan(c->tput[2].jitter_ms));
	assert_true(isnan(c->tput[2].loss_pct) && isnan(c->tput[2].rtt_ms));
	assert_string_equal(c->tput[2].error, "connection refused");
	assert_true(c->has_link[2]);
	assert_true(isnan(c->link[2].signal_dbm));
	assert_true(c->link[2].tx_retries == -1 && c->link[2].rx_bytes == -1);
	assert_int_equal(c->link[2].connected_s, -1);
	assert_int_equal(c->link[2].freq_mhz, 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM links WHERE signal_dbm IS NULL AND "
				       "tx_retries IS NULL AND connected_s IS NULL"), 1);
	free(c);
}

static int64_t add_scan(struct fixture *f, int64_t walk, int64_t t_us, int status, bool placed,
			int nobs, int first_obs)
{
	struct meas_sample sm;
	struct meas_observation obs[4];
	struct ns_err err;
	int64_t id;

	meas_init_sample(&sm);
	sm.walk_id = walk;
	sm.t_us = t_us;
	sm.mono_us = t_us / 10;
	sm.status = (enum meas_status)status;
	if (status == SAMPLE_SCAN_FAILED)
		snprintf(sm.error, sizeof(sm.error), "scan trigger: Device or resource busy");
	sm.placed = placed;
	sm.x_m = 1;
	sm.y_m = 2;
	for (int i = 0; i < nobs; i++)
		survey_test_observation(&obs[i], first_obs + i);
	id = survey_add_sample(f->s, &sm, obs, (size_t)nobs, NULL, NULL, &err);
	assert_true(id > 0);
	return id;
}

static void test_foreach_filters_by_walk_time_kind_bssid_and_placement(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp = survey_test_floor("Level 3");
	struct survey_walk w;
	struct survey_query q;
	struct collected *c = calloc(1, sizeof(*c));
	int64_t floor2, walk2;
	uint8_t bssid[6];
	struct ns_err err;

	floor2 = survey_add_floor(f->s, fp, &err);
	floorplan_free(fp);
	memset(&w, 0, sizeof(w));
	w.floor_id = floor2;
	w.start_us = 1;
	walk2 = survey_begin_walk(f->s, &w, &err);
	assert_true(walk2 > 0);

	add_scan(f, f->walk_id, 3000, SAMPLE_OK, true, 3, 0);
	add_scan(f, f->walk_id, 1000, SAMPLE_OK, false, 2, 1);
	add_scan(f, f->walk_id, 2000, SAMPLE_SCAN_FAILED, true, 0, 0);
	add_scan(f, walk2, 1500, SAMPLE_OK, true, 1, 2);

	memset(&q, 0, sizeof(q));
	q.floor_id = f->floor_id;
	assert_int_equal(survey_foreach_sample(f->s, &q, collect, c, &err), 0);
	assert_int_equal(c->n, 3);
	assert_true(c->sample[0].t_us == 1000 && c->sample[1].t_us == 2000 &&
		    c->sample[2].t_us == 3000); /* by time */
	assert_int_equal(c->sample[1].status, SAMPLE_SCAN_FAILED);
	assert_string_equal(c->sample[1].error, "scan trigger: Device or resource busy");
	assert_int_equal(c->nobs[1], 0);

	memset(c, 0, sizeof(*c));
	q.from_us = 1500;
	q.to_us = 2500;
	assert_int_equal(survey_foreach_sample(f->s, &q, collect, c, &err), 0);
	assert_int_equal(c->n, 1);
	assert_true(c->sample[0].t_us == 2000);

	memset(c, 0, sizeof(*c));
	memset(&q, 0, sizeof(q));
	q.placed_only = true;
	assert_int_equal(survey_foreach_sample(f->s, &q, collect, c, &err), 0);
	assert_int_equal(c->n, 3);
	assert_true(c->sample[0].t_us == 1500 && c->sample[0].walk_id == walk2);

	/* BSSID 02:00:00:00:00:01 was heard at t=3000 and t=1000 only. */
	memset(c, 0, sizeof(*c));
	memset(&q, 0, sizeof(q));
	q.walk_id = f->walk_id;
	assert_int_equal(mac_parse("02:00:00:00:00:01", bssid), 0);
	q.bssid = bssid;
	assert_int_equal(survey_foreach_sample(f->s, &q, collect, c, &err), 0);
	assert_int_equal(c->n, 3);
	assert_int_equal(c->nobs[0], 1);
	assert_int_equal(c->nobs[1], 0);
	assert_int_equal(c->nobs[2], 1);
	assert_memory_equal(c->obs[2][0].bssid, bssid, 6);

	memset(c, 0, sizeof(*c));
	memset(&q, 0, sizeof(q));
	q.kind = SAMPLE_LINK;
	assert_int_equal(survey_foreach_sample(f->s, &q, collect, c, &err), 0);
	assert_int_equal(c->n, 0);
	free(c);
}

static int stop_after_one(void *arg, const struct meas_sample *sm,
			  const struct meas_observation *obs, size_t nobs,
			  const struct meas_link *link, const struct meas_throughput *tput)
{
	(void)sm, (void)obs, (void)nobs, (void)link, (void)tput;
	++*(int *)arg;
	return 7;
}

static void test_foreach_stops_with_the_callbacks_value(void **state)
{
	struct fixture *f = *state;
	int calls = 0;
	struct ns_err err;

	add_scan(f, f->walk_id, 1000, SAMPLE_OK, true, 1, 0);
	add_scan(f, f->walk_id, 2000, SAMPLE_OK, true, 1, 0);
	assert_int_equal(survey_foreach_sample(f->s, NULL, stop_after_one, &calls, &err), 7);
	assert_int_equal(calls, 1);
}

static bool place_left_half(void *arg, int64_t t_us, double *x, double *y)
{
	(void)arg;
	if (t_us > 2000)
		return false;
	*x = t_us / 1000.0;
	*y = 0.5;
	return true;
}

static void test_place_samples_sets_and_clears_positions_in_range(void **state)
{
	struct fixture *f = *state;
	struct collected *c = calloc(1, sizeof(*c));
	struct ns_err err;

	add_scan(f, f->walk_id, 1000, SAMPLE_OK, false, 0, 0);
	add_scan(f, f->walk_id, 2000, SAMPLE_OK, false, 0, 0);
	add_scan(f, f->walk_id, 3000, SAMPLE_OK, true, 0, 0);
	add_scan(f, f->walk_id, 9000, SAMPLE_OK, true, 0, 0);
	assert_int_equal(survey_place_samples(f->s, f->walk_id, 0, 5000, place_left_half, NULL,
					      &err), 0);
	assert_int_equal(survey_foreach_sample(f->s, NULL, collect, c, &err), 0);
	assert_int_equal(c->n, 4);
	assert_true(c->sample[0].placed && c->sample[0].x_m == 1 && c->sample[0].y_m == 0.5);
	assert_true(c->sample[1].placed && c->sample[1].x_m == 2);
	assert_false(c->sample[2].placed); /* the track said no: unplaced */
	assert_true(c->sample[3].placed && c->sample[3].x_m == 1); /* out of range: untouched */
	free(c);
}

static void test_counts_cover_the_file_and_one_floor(void **state)
{
	struct fixture *f = *state;
	struct survey_counts c;
	struct survey_waypoint wp = { 0, f->walk_id, 1000, 1, 1, 1, false };
	struct ns_err err;

	add_scan(f, f->walk_id, 5000, SAMPLE_OK, true, 3, 0);
	add_scan(f, f->walk_id, 1000, SAMPLE_SCAN_FAILED, true, 0, 0);
	add_scan(f, f->walk_id, 3000, SAMPLE_SCAN_CACHED, true, 2, 0);
	assert_true(survey_add_waypoint(f->s, &wp, &err) > 0);
	assert_int_equal(survey_count(f->s, 0, &c, &err), 0);
	assert_true(c.floors == 1 && c.wards == 1 && c.walls == 2 && c.aps == 1);
	assert_true(c.walks == 1 && c.waypoints == 1 && c.samples == 3);
	assert_true(c.observations == 5 && c.links == 0 && c.throughputs == 0);
	assert_true(c.failed_samples == 1); /* cached results are not a failure */
	assert_true(c.first_us == 1000 && c.last_us == 5000);
	assert_true(c.by_kind[SAMPLE_SCAN] == 3 && c.by_kind[SAMPLE_LINK] == 0);
	assert_int_equal(survey_count(f->s, f->floor_id + 100, &c, &err), 0);
	assert_true(c.floors == 0 && c.samples == 0 && c.first_us == 0);
	assert_int_equal(survey_count_walk(f->s, f->walk_id, &c, &err), 0);
	assert_true(c.floors == 0 && c.wards == 0 && c.walks == 1 && c.waypoints == 1);
	assert_true(c.samples == 3 && c.observations == 5 && c.failed_samples == 1);
	assert_true(c.first_us == 1000 && c.last_us == 5000 && c.by_kind[SAMPLE_SCAN] == 3);
	assert_int_equal(survey_count_walk(f->s, f->walk_id + 1, &c, &err), 0);
	assert_true(c.walks == 0 && c.samples == 0);
}


static void test_a_batch_commits_once_and_a_failed_sample_undoes_only_itself(void **state)
{
	struct fixture *f = *state;
	struct meas_sample sm;
	struct meas_observation o;
	struct ns_err err;

	assert_int_equal(survey_batch_begin(f->s, &err), 0);
	assert_int_equal(survey_batch_begin(f->s, &err), -EBUSY);
	add_scan(f, f->walk_id, 1000, SAMPLE_OK, true, 3, 0);
	meas_init_sample(&sm);
	survey_test_observation(&o, 9);
	sm.walk_id = 4242; /* no such walk: refused, its observation with it */
	assert_int_equal(survey_add_sample(f->s, &sm, &o, 1, NULL, NULL, &err), -ENOENT);
	add_scan(f, f->walk_id, 2000, SAMPLE_OK, true, 2, 0);
	assert_int_equal(survey_batch_commit(f->s, &err), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM samples"), 2);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM observations"), 5);

	/* A batch rolled back leaves nothing; writing goes on afterwards. */
	assert_int_equal(survey_batch_begin(f->s, &err), 0);
	add_scan(f, f->walk_id, 3000, SAMPLE_OK, true, 2, 0);
	survey_batch_rollback(f->s);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM samples"), 2);
	add_scan(f, f->walk_id, 4000, SAMPLE_OK, true, 1, 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM samples"), 3);
	assert_int_equal(survey_batch_commit(f->s, &err), -EINVAL);
}

static void test_sample_on_a_missing_walk_or_with_a_bad_kind_is_refused(void **state)
{
	struct fixture *f = *state;
	struct meas_sample sm;
	struct ns_err err;

	meas_init_sample(&sm);
	sm.walk_id = 999;
	assert_int_equal(survey_add_sample(f->s, &sm, NULL, 0, NULL, NULL, &err), -ENOENT);
	assert_string_equal(err.msg, "there is no walk 999");
	sm.walk_id = f->walk_id;
	sm.kind = (enum meas_kind)42;
	assert_int_equal(survey_add_sample(f->s, &sm, NULL, 0, NULL, NULL, &err), -EINVAL);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM samples"), 0);
}

/* ---- opening, refusing, migrating ------------------------------------------- */

static void test_create_refuses_an_existing_file(void **state)
{
	struct fixture *f = *state;
	struct survey *s2;
	struct ns_err err;

	assert_int_equal(survey_create(f->path, NULL, &s2, &err), -EEXIST);
	assert_null(s2);
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Open @path both ways; both must be refused with @code and leave it untouched. */
static void assert_refused_untouched(const char *path, int code, const char *msg)
{
	size_t len0, len1;
	unsigned char *before = survey_test_read_file(path, &len0), *after;
	char aux[4200];
	struct survey *s;
	struct ns_err err;

	assert_non_null(before);
	assert_int_equal(survey_open(path, SURVEY_READ_ONLY, &s, &err), code);
	assert_null(s);
	assert_string_equal(err.msg, msg);
	assert_int_equal(survey_open(path, SURVEY_READ_WRITE, &s, &err), code);
	assert_null(s);
	assert_string_equal(err.msg, msg);
	after = survey_test_read_file(path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	snprintf(aux, sizeof(aux), "%s-wal", path);
	assert_false(exists(aux));
	snprintf(aux, sizeof(aux), "%s-shm", path);
	assert_false(exists(aux));
	free(before);
	free(after);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void test_a_text_file_is_refused_untouched(void **state)
{
	struct fixture *f = *state;
	char path[4200], msg[4400];

	snprintf(path, sizeof(path), "%s/notes.txt", f->dir);
	write_file(path, "time,x,y\n1,2,3\n", 15);
	snprintf(msg, sizeof(msg), "%s is not a notspot survey (not an SQLite database)", path);
	assert_refused_untouched(path, -EBADMSG, msg);
}

static void test_another_programs_database_is_refused_untouched(void **state)
{
	struct fixture *f = *state;
	char path[4200], msg[4400];
	sqlite3 *db;

	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", NULL,
				      NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	snprintf(msg, sizeof(msg), "%s is an SQLite database but not a notspot survey", path);
	assert_refused_untouched(path, -EBADMSG, msg);

	/* Our application id but no 'meta' table: still not a survey. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id = 1314082900; PRAGMA user_version = 1",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	snprintf(msg, sizeof(msg), "%s is not a notspot survey (no 'meta' table)", path);
	assert_refused_untouched(path, -EBADMSG, msg);
}

/* Close the fixture's survey and return the file's final bytes. */
static void close_fixture(struct fixture *f)
{
	survey_close(f->s);
	f->s = NULL;
}

static void test_a_newer_schema_is_refused_untouched_with_a_sentence(void **state)
{
	struct fixture *f = *state;
	char msg[4400];
	sqlite3 *db;

	close_fixture(f);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 3", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	snprintf(msg, sizeof(msg),
		 "%s is a survey of schema version 3; this notspot reads up to %d: upgrade notspot",
		 f->path, SURVEY_SCHEMA_VERSION);
	assert_refused_untouched(f->path, -EPROTONOSUPPORT, msg);
}

static void test_a_truncated_survey_is_refused_untouched(void **state)
{
	struct fixture *f = *state;
	size_t len;
	unsigned char *bytes;
	char path[4200], msg[4400];

	for (int i = 0; i < 50; i++)
		add_scan(f, f->walk_id, 1000 + i, SAMPLE_OK, true, 4, i);
	close_fixture(f);
	bytes = survey_test_read_file(f->path, &len);
	assert_true(len > 8 * 4096);
	snprintf(path, sizeof(path), "%s/cut.notspot", f->dir);
	write_file(path, bytes, len - 4096); /* lose the last page, as a failed copy would */
	snprintf(msg, sizeof(msg),
		 "%s is truncated: its header counts %zu pages of 4096 bytes but the file has "
		 "only %zu bytes", path, len / 4096, len - 4096);
	assert_refused_untouched(path, -EBADMSG, msg);
	write_file(path, bytes, len - 100);
	assert_int_equal(survey_open(path, SURVEY_READ_ONLY, &(struct survey *){ NULL }, NULL),
			 -EBADMSG);
	free(bytes);
}

static void test_a_corrupt_survey_is_refused_untouched(void **state)
{
	struct fixture *f = *state;
	size_t len;
	unsigned char *bytes;
	struct survey *s;
	struct ns_err err;
	const char *prefix;

	for (int i = 0; i < 50; i++)
		add_scan(f, f->walk_id, 1000 + i, SAMPLE_OK, true, 4, i);
	close_fixture(f);
	bytes = survey_test_read_file(f->path, &len);
	/* Scribble over the middle of every page but the first: b-tree pages break. */
	for (size_t p = 4096; p + 4096 <= len; p += 4096)
		memset(bytes + p + 8, 0xa5, 64);
	write_file(f->path, bytes, len);
	free(bytes);
	assert_int_equal(survey_open(f->path, SURVEY_READ_ONLY, &s, &err), -EBADMSG);
	prefix = strstr(err.msg, " is damaged");
	assert_non_null(prefix);
	{
		char msg[sizeof(err.msg)];

		memcpy(msg, err.msg, sizeof(msg));
		assert_refused_untouched(f->path, -EBADMSG, msg);
	}
}

static void test_read_only_never_writes(void **state)
{
	struct fixture *f = *state;
	struct survey *s;
	struct meas_sample sm;
	struct survey_meta m;
	size_t len0, len1;
	unsigned char *before, *after;
	char aux[4200];
	struct ns_err err;

	add_scan(f, f->walk_id, 1000, SAMPLE_OK, true, 2, 0);
	close_fixture(f);
	before = survey_test_read_file(f->path, &len0);
	assert_int_equal(survey_open(f->path, SURVEY_READ_ONLY, &s, &err), 0);
	assert_int_equal(survey_get_meta(s, &m, &err), 0);
	assert_string_equal(m.site, "St Elsewhere General Hospital");
	meas_init_sample(&sm);
	sm.walk_id = f->walk_id;
	assert_int_equal(survey_add_sample(s, &sm, NULL, 0, NULL, NULL, &err), -EROFS);
	assert_int_equal(survey_set_meta(s, &m, &err), -EROFS);
	assert_int_equal(survey_end_walk(s, f->walk_id, 5, &err), -EROFS);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM observations"), 2);
	survey_close(s);
	after = survey_test_read_file(f->path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	snprintf(aux, sizeof(aux), "%s-wal", f->path);
	assert_false(exists(aux));
	snprintf(aux, sizeof(aux), "%s-shm", f->path);
	assert_false(exists(aux));
	free(before);
	free(after);
}

static void test_a_file_reopened_read_write_keeps_everything(void **state)
{
	struct fixture *f = *state;
	struct ns_err err;

	add_scan(f, f->walk_id, 1000, SAMPLE_OK, true, 3, 0);
	close_fixture(f);
	assert_int_equal(survey_open(f->path, SURVEY_READ_WRITE, &f->s, &err), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM observations"), 3);
	assert_int_equal(sql_int(f->s, "PRAGMA foreign_keys"), 1);
	assert_int_equal(sql_int(f->s, "PRAGMA synchronous"), 2); /* FULL */
	add_scan(f, f->walk_id, 2000, SAMPLE_OK, true, 1, 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM samples"), 2);
}


static void test_a_survey_being_recorded_can_be_read_at_the_same_time(void **state)
{
	struct fixture *f = *state;
	struct survey *reader;
	struct survey_meta m;
	struct ns_err err;

	/* The writer is still open: its data is in the WAL, not yet in the main file. */
	add_scan(f, f->walk_id, 1000, SAMPLE_OK, true, 3, 0);
	if (survey_open(f->path, SURVEY_READ_ONLY, &reader, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(survey_get_meta(reader, &m, &err), 0);
	assert_string_equal(m.site, "St Elsewhere General Hospital");
	assert_int_equal(sql_int(reader, "SELECT count(*) FROM observations"), 3);
	add_scan(f, f->walk_id, 2000, SAMPLE_OK, true, 2, 0);
	assert_int_equal(sql_int(reader, "SELECT count(*) FROM observations"), 5);
	survey_close(reader);
}

/*
 * Migration steps a later notspot might ship, injected to test the mechanism:
 * from the version this build writes (V) to V + 2.
 */
#define V SURVEY_SCHEMA_VERSION

static const struct survey_migration steps_to_3[] = {
	{ V, "ALTER TABLE samples ADD COLUMN floor_level INTEGER;"
	     "UPDATE samples SET floor_level = 2;" },
	{ V + 1, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
		 "INSERT INTO notes(text) SELECT 'migrated ' || count(*) FROM samples;" },
};

static void test_an_older_file_is_backed_up_and_migrated_step_by_step(void **state)
{
	struct fixture *f = *state;
	const struct survey_schema v3 = { V + 2, steps_to_3, 2 };
	char bak[4200];
	size_t len0;
	unsigned char *before;
	struct survey *s, *b;
	struct ns_err err;

	add_scan(f, f->walk_id, 1000, SAMPLE_OK, true, 3, 0);
	close_fixture(f);
	before = survey_test_read_file(f->path, &len0);

	/* Read-only never migrates. */
	assert_int_equal(survey_open_schema(f->path, SURVEY_READ_ONLY, &v3, &s, &err), 0);
	assert_int_equal(sql_int(s, "PRAGMA user_version"), V);
	survey_close(s);
	snprintf(bak, sizeof(bak), "%s.bak-v%d", f->path, V);
	assert_false(exists(bak));

	assert_int_equal(survey_open_schema(f->path, SURVEY_READ_WRITE, &v3, &s, &err), 0);
	assert_int_equal(sql_int(s, "PRAGMA user_version"), V + 2);
	assert_int_equal(sql_int(s, "SELECT floor_level FROM samples"), 2);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM notes WHERE text = 'migrated 1'"), 1);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM observations"), 3);
	survey_close(s);

	/* The backup holds the older version's data. */
	assert_true(exists(bak));
	assert_int_equal(survey_open(bak, SURVEY_READ_ONLY, &b, &err), 0);
	assert_int_equal(sql_int(b, "PRAGMA user_version"), V);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM observations"), 3);
	survey_close(b);
	free(before);

	/* This build (version V) now refuses the migrated file. */
	assert_int_equal(survey_open(f->path, SURVEY_READ_WRITE, &s, &err), -EPROTONOSUPPORT);
}

static const struct survey_migration steps_broken[] = {
	{ V, "ALTER TABLE samples ADD COLUMN ok1 INTEGER;" },
	{ V + 1, "ALTER TABLE no_such_table ADD COLUMN x INTEGER;" },
};

static void test_a_failed_migration_leaves_the_file_at_its_version(void **state)
{
	struct fixture *f = *state;
	const struct survey_schema v3 = { V + 2, steps_broken, 2 };
	const struct survey_schema v2_missing = { V + 1, NULL, 0 };
	struct survey *s;
	char bak[4200], msg[128];
	struct ns_err err;

	add_scan(f, f->walk_id, 1000, SAMPLE_OK, true, 3, 0);
	close_fixture(f);
	assert_int_equal(survey_open_schema(f->path, SURVEY_READ_WRITE, &v3, &s, &err), -EIO);
	assert_null(s);
	snprintf(msg, sizeof(msg), "migration from schema version %d to %d failed: "
				   "no such table: no_such_table", V + 1, V + 2);
	assert_string_equal(err.msg, msg);
	assert_int_equal(survey_open(f->path, SURVEY_READ_WRITE, &s, &err), 0);
	assert_int_equal(sql_int(s, "PRAGMA user_version"), V);
	/* The first step was rolled back with the second. */
	assert_int_equal(sql_int(s, "SELECT count(*) FROM pragma_table_info('samples') "
				    "WHERE name = 'ok1'"), 0);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM observations"), 3);
	survey_close(s);

	/* A second attempt finds the backup from the first and says so. */
	snprintf(bak, sizeof(bak), "%s.bak-v%d", f->path, V);
	assert_true(exists(bak));
	assert_int_equal(survey_open_schema(f->path, SURVEY_READ_WRITE, &v3, &s, &err), -EEXIST);
	unlink(bak);
	assert_int_equal(survey_open_schema(f->path, SURVEY_READ_WRITE, &v2_missing, &s, &err),
			 -ENOTSUP);
	snprintf(msg, sizeof(msg), "no migration from schema version %d to %d", V, V + 1);
	assert_string_equal(err.msg, msg);
}

#undef V

/* ---- helpers --------------------------------------------------------------------- */

static void test_bssid_text_round_trips_and_rejects_malformed(void **state)
{
	uint8_t b[6];
	char buf[18];

	(void)state;
	assert_int_equal(mac_parse("00:1A:2b:3c:4D:ff", b), 0);
	assert_memory_equal(b, "\x00\x1a\x2b\x3c\x4d\xff", 6);
	assert_string_equal(mac_format(b, buf), "00:1a:2b:3c:4d:ff");
	assert_int_equal(mac_parse("00-1a-2b-3c-4d-ff", b), 0);
	assert_int_equal(mac_parse("00:1a-2b:3c:4d:ff", b), -EINVAL);
	assert_int_equal(mac_parse("00:1a:2b:3c:4d:f", b), -EINVAL);
	assert_int_equal(mac_parse("00:1a:2b:3c:4d:fg", b), -EINVAL);
	assert_int_equal(mac_parse("00:1a:2b:3c:4d:ff:", b), -EINVAL);
	assert_int_equal(mac_parse("", b), -EINVAL);
}

static void test_kind_and_status_names_are_stable(void **state)
{
	(void)state;
	assert_string_equal(meas_kind_name(SAMPLE_SCAN), "scan");
	assert_string_equal(meas_kind_name(SAMPLE_THROUGHPUT), "throughput");
	assert_string_equal(meas_kind_name((enum meas_kind)0), "unknown");
	assert_string_equal(meas_status_name(SAMPLE_NOT_ASSOCIATED), "not-associated");
	assert_string_equal(meas_status_name(SAMPLE_SCAN_CACHED), "scan-cached");
	for (int k = 1; k <= 6; k++)
		assert_int_equal(meas_kind_parse(meas_kind_name((enum meas_kind)k)), k);
	for (int k = 0; k <= 5; k++)
		assert_int_equal(
			meas_status_parse(meas_status_name((enum meas_status)k)), k);
	assert_int_equal(meas_kind_parse("Scan"), -EINVAL);
	assert_int_equal(meas_status_parse("unknown"), -EINVAL);
}

/* ---- the store's own descriptions -------------------------------------------- */

/* The columns @t's description names, keys first: ",floor_id,id,name,points,". */
static void described_columns(const struct store_table *t, char *out, size_t cap)
{
	size_t n = 0;

	n += (size_t)snprintf(out + n, cap - n, ",");
	for (const char *k = t->keys; k && *k; k++)
		if (*k != ' ')
			n += (size_t)snprintf(out + n, cap - n, "%c", *k);
	if (t->keys)
		n += (size_t)snprintf(out + n, cap - n, ",");
	for (size_t i = 0; i < t->ncols; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s,", t->cols[i].name);
	assert_true(n < cap);
}

/* Whether the store describes table @name column by column. */
static bool described(const char *name)
{
	for (size_t i = 0; i < store_ntables; i++)
		if (!strcmp(store_tables[i]->name, name))
			return true;
	return false;
}

static void test_every_described_table_names_each_column_of_the_schema_once(void **state)
{
	struct fixture *f = *state;
	sqlite3_stmt *tables;

	/* Every table is described, but those bound by hand: meta, floors, samples. */
	assert_int_equal(sqlite3_prepare_v2(survey_sqlite(f->s),
					    "SELECT name FROM sqlite_master WHERE type = 'table' "
					    "AND name NOT IN ('meta', 'floors', 'samples')",
					    -1, &tables, NULL),
			 SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW)
		if (!described((const char *)sqlite3_column_text(tables, 0)))
			fail_msg("table %s has no description", sqlite3_column_text(tables, 0));
	sqlite3_finalize(tables);
	for (size_t i = 0; i < store_ntables; i++) {
		const struct store_table *t = store_tables[i];
		char described[1024], key[80];
		sqlite3_stmt *st;
		int ncols = 0;

		described_columns(t, described, sizeof(described));
		assert_int_equal(sqlite3_prepare_v2(survey_sqlite(f->s),
						    "SELECT name FROM pragma_table_info(?)", -1, &st,
						    NULL),
				 SQLITE_OK);
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(key, sizeof(key), ",%s,", (const char *)sqlite3_column_text(st, 0));
			if (!strstr(described, key))
				fail_msg("table %s: column %s is not described (%s)", t->name, key,
					 described);
			ncols++;
		}
		sqlite3_finalize(st);
		assert_true(ncols > 0);
		/* No column described twice, none that the table lacks. */
		assert_int_equal(ncols, t->nkeys + (int)t->ncols);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_meta_round_trips_and_records_the_creator),
		T(test_floor_round_trips_drawing_scale_and_geometry),
		T(test_floor_update_replaces_geometry_and_keeps_ids),
		T(test_a_damaged_outline_is_refused_not_read_past),
		T(test_floor_names_are_unique_and_found_by_name),
		T(test_walk_and_waypoints_round_trip),
		T(test_sample_round_trips_every_field_and_unknowns_are_null),
		T(test_foreach_filters_by_walk_time_kind_bssid_and_placement),
		T(test_foreach_stops_with_the_callbacks_value),
		T(test_place_samples_sets_and_clears_positions_in_range),
		T(test_counts_cover_the_file_and_one_floor),
		T(test_sample_on_a_missing_walk_or_with_a_bad_kind_is_refused),
		T(test_a_batch_commits_once_and_a_failed_sample_undoes_only_itself),
		T(test_create_refuses_an_existing_file),
		T(test_a_text_file_is_refused_untouched),
		T(test_another_programs_database_is_refused_untouched),
		T(test_a_newer_schema_is_refused_untouched_with_a_sentence),
		T(test_a_truncated_survey_is_refused_untouched),
		T(test_a_corrupt_survey_is_refused_untouched),
		T(test_read_only_never_writes),
		T(test_a_file_reopened_read_write_keeps_everything),
		T(test_a_survey_being_recorded_can_be_read_at_the_same_time),
		T(test_an_older_file_is_backed_up_and_migrated_step_by_step),
		T(test_a_failed_migration_leaves_the_file_at_its_version),
		T(test_every_described_table_names_each_column_of_the_schema_once),
		cmocka_unit_test(test_bssid_text_round_trips_and_rejects_malformed),
		cmocka_unit_test(test_kind_and_status_names_are_stable),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
