/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_json.c — the JSON export parses back (jansson) to the values stored:
 * meta, floors with geometry but without the drawing, walks with waypoints,
 * samples with observations, link and throughput; unknowns are null, and
 * bytes that are not UTF-8 become U+FFFD so the document stays valid.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "survey/json.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"

static json_t *export_and_parse(struct survey *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	json_error_t jerr;
	json_t *root;
	struct ns_err err;

	assert_non_null(out);
	assert_int_equal(survey_json_export(s, out, NULL, &err), 0);
	fclose(out);
	root = json_loadb(buf, len, 0, &jerr);
	if (!root)
		fail_msg("export is not JSON: %s at line %d", jerr.text, jerr.line);
	free(buf);
	return root;
}

static double num(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);

	assert_non_null(v);
	assert_true(json_is_number(v));
	return json_number_value(v);
}

static const char *str(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

static void test_json_export_holds_every_part_of_the_survey(void **state)
{
	char *dir = survey_test_tmpdir();
	struct survey_meta m;
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey_walk w;
	struct survey_waypoint wp;
	struct meas_sample sm;
	struct meas_observation obs[2];
	struct meas_link link;
	struct meas_throughput tput;
	struct survey *s;
	json_t *root, *floor, *walk, *sample, *o;
	struct ns_err err;

	(void)state;
	memset(&m, 0, sizeof(m));
	snprintf(m.site, sizeof(m.site), "St Elsewhere \"General\"");
	m.created_us = 1763781904000000;
	assert_int_equal(survey_create(survey_test_path(dir, "j.notspot"), &m, &s, &err), 0);
	assert_true(survey_add_floor(s, fp, &err) > 0);
	memset(&w, 0, sizeof(w));
	w.floor_id = fp->id;
	w.start_us = 1763781900000000;
	snprintf(w.mode, sizeof(w.mode), "stop-and-go");
	w.id = survey_begin_walk(s, &w, &err);
	memset(&wp, 0, sizeof(wp));
	wp.walk_id = w.id;
	wp.t_us = 1763781901000000;
	wp.x_m = 1.5;
	wp.y_m = 2.5;
	wp.pause = true;
	assert_true(survey_add_waypoint(s, &wp, &err) > 0);

	meas_init_sample(&sm);
	sm.walk_id = w.id;
	sm.t_us = 1763781904123456;
	sm.placed = true;
	sm.x_m = 3.25;
	sm.y_m = 4;
	survey_test_observation(&obs[0], 3);
	meas_init_observation(&obs[1]);
	memcpy(obs[1].ssid, "caf\xe9", 5); /* Latin-1, not UTF-8 */
	assert_true(survey_add_sample(s, &sm, obs, 2, NULL, NULL, &err) > 0);
	meas_init_sample(&sm);
	sm.walk_id = w.id;
	sm.t_us = 1763781905000000;
	sm.kind = SAMPLE_THROUGHPUT;
	sm.status = SAMPLE_FAILED;
	snprintf(sm.error, sizeof(sm.error), "iperf3: connection refused");
	meas_init_link(&link);
	link.signal_dbm = -67;
	link.tx_retries = 5;
	meas_init_throughput(&tput);
	snprintf(tput.protocol, sizeof(tput.protocol), "tcp");
	snprintf(tput.error, sizeof(tput.error), "connection refused");
	assert_true(survey_add_sample(s, &sm, NULL, 0, &link, &tput, &err) > 0);

	root = export_and_parse(s);
	assert_string_equal(str(root, "format"), "notspot-survey");
	assert_true(num(root, "schema_version") == SURVEY_SCHEMA_VERSION);
	assert_string_equal(str(json_object_get(root, "meta"), "site"), "St Elsewhere \"General\"");
	assert_string_equal(str(json_object_get(root, "meta"), "created_utc"),
			    "2025-11-22T03:25:04.000000Z");

	floor = json_array_get(json_object_get(root, "floors"), 0);
	assert_string_equal(str(floor, "name"), "Level 2");
	assert_true(num(floor, "image_bytes") == 10);
	assert_null(json_object_get(floor, "image")); /* the drawing stays in the file */
	assert_true(fabs(num(floor, "px_per_m") - 100.0 / 3.0) < 1e-12);
	assert_true(num(json_array_get(json_object_get(floor, "aps"), 0), "height_m") == 2.7);
	assert_int_equal(json_array_size(json_object_get(floor, "walls")), 2);
	assert_true(json_number_value(json_array_get(json_array_get(json_object_get(
		json_array_get(json_object_get(floor, "walls"), 1), "points"), 2), 1)) == 8.25);
	assert_true(num(json_object_get(json_array_get(json_object_get(floor, "openings"), 0),
					"loss_db"), "5GHz") == 24);
	assert_string_equal(str(json_array_get(json_object_get(floor, "wards"), 0), "name"),
			    "Ward 7 — Cardiology");

	walk = json_array_get(json_object_get(root, "walks"), 0);
	assert_string_equal(str(walk, "mode"), "stop-and-go");
	assert_true(json_is_null(json_object_get(walk, "end_us")));
	assert_true(json_is_true(json_object_get(
		json_array_get(json_object_get(walk, "waypoints"), 0), "pause")));

	assert_int_equal(json_array_size(json_object_get(root, "samples")), 2);
	sample = json_array_get(json_object_get(root, "samples"), 0);
	assert_string_equal(str(sample, "time_utc"), "2025-11-22T03:25:04.123456Z");
	assert_true(num(sample, "x_m") == 3.25);
	assert_true(json_is_null(json_object_get(sample, "noise_dbm")));
	assert_true(json_is_null(json_object_get(sample, "link")));
	o = json_array_get(json_object_get(sample, "observations"), 0);
	assert_string_equal(str(o, "bssid"), "02:00:00:00:00:03");
	assert_true(num(o, "signal_dbm") == -43);
	assert_true(num(o, "channel") == 36);
	o = json_array_get(json_object_get(sample, "observations"), 1);
	assert_string_equal(str(o, "ssid"), "caf\xef\xbf\xbd");
	assert_true(json_is_null(json_object_get(o, "signal_dbm")));
	assert_true(json_is_null(json_object_get(o, "bss_stations")));
	assert_true(json_is_null(json_object_get(o, "width_mhz")));

	sample = json_array_get(json_object_get(root, "samples"), 1);
	assert_string_equal(str(sample, "status"), "failed");
	assert_string_equal(str(sample, "error"), "iperf3: connection refused");
	assert_true(json_is_null(json_object_get(sample, "x_m")));
	assert_true(num(json_object_get(sample, "link"), "signal_dbm") == -67);
	assert_true(num(json_object_get(sample, "link"), "tx_retries") == 5);
	assert_true(json_is_null(json_object_get(json_object_get(sample, "link"), "rx_bytes")));
	assert_string_equal(str(json_object_get(sample, "throughput"), "error"),
			    "connection refused");
	assert_true(json_is_null(json_object_get(json_object_get(sample, "throughput"), "mbps")));

	json_decref(root);
	survey_close(s);
	floorplan_free(fp);
	survey_test_rmdir(dir);
}

static void test_json_export_of_an_empty_survey_is_valid(void **state)
{
	char *dir = survey_test_tmpdir();
	struct survey *s;
	json_t *root;
	struct ns_err err;

	(void)state;
	assert_int_equal(survey_create(survey_test_path(dir, "e.notspot"), NULL, &s, &err), 0);
	root = export_and_parse(s);
	assert_int_equal(json_array_size(json_object_get(root, "floors")), 0);
	assert_int_equal(json_array_size(json_object_get(root, "samples")), 0);
	json_decref(root);
	survey_close(s);
	survey_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_export_holds_every_part_of_the_survey),
		cmocka_unit_test(test_json_export_of_an_empty_survey_is_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
