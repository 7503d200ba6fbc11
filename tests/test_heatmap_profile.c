/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heatmap_profile.c — requirement profiles (built in and from JSON),
 * per-cell verdicts, not-spots and ward statistics on hand-made grids.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "floorplans/geometry.h"
#include "heatmap/notspots.h"
#include "heatmap/profile.h"

static void test_profile_builtins_carry_domain_thresholds(void **state)
{
	struct hm_profile p;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(hm_profile_builtin("voice", &p, NULL), 0);
	assert_int_equal(p.nrules, 7);
	assert_int_equal(p.rules[0].metric, HM_M_PRIMARY);
	assert_float_equal(p.rules[0].threshold, -67, 0);
	assert_int_equal(p.rules[4].metric, HM_M_COCHANNEL);
	assert_float_equal(p.rules[4].threshold, -19, 0);
	assert_true(strstr(p.source, "Cisco") != NULL);
	assert_int_equal(hm_profile_builtin("rtls", &p, NULL), 0);
	assert_float_equal(p.rules[0].level_dbm, -75, 0);
	assert_int_equal(hm_profile_builtin("nhs-data", &p, NULL), 0);
	assert_float_equal(p.unusable_dbm, -80, 0);
	assert_int_equal(hm_profile_builtin("gold", &p, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "there is no profile 'gold'"));
}

/* The table is the one list of built-in names: for help texts and the refusal alike. */
static void test_profile_builtins_are_listed_in_order_and_named_in_refusals(void **state)
{
	static const char *const names[] = { "nhs-data", "voice", "clinical-badge",
					     "medical-device", "rtls" };
	struct hm_profile p;
	struct ns_err err = { 0 };
	size_t n = 0;

	(void)state;
	for (const struct hm_profile *b; (b = hm_profile_builtin_at(n)); n++) {
		assert_true(n < 5);
		assert_string_equal(b->name, names[n]);
		assert_int_equal(hm_profile_builtin(b->name, &p, NULL), 0);
		assert_int_equal(p.nrules, b->nrules);
	}
	assert_int_equal(n, 5);
	assert_int_equal(hm_profile_builtin("gold", &p, &err), -ENOENT);
	assert_string_equal(err.msg, "there is no profile 'gold' (built in: nhs-data, voice, "
				     "clinical-badge, medical-device, rtls; or use --profile-file)");
}

static void test_profile_json_round_trip_and_refusals(void **state)
{
	const char *good = "{\"profiles\": [{\"name\": \"theatres\", \"source\": \"trust policy\","
			   " \"rules\": [{\"metric\": \"primary\", \"min\": -62},"
			   " {\"metric\": \"aps\", \"min\": 2, \"level_dbm\": -70},"
			   " {\"metric\": \"rtt\", \"below\": 50}]}]}";
	const char *bad[] = {
		"{\"profiles\": []}",
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"colour\", \"min\": 1}]}]}",
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"primary\", \"min\": 1, \"max\": 2}]}]}",
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"primary\", \"min\": \"-65\"}]}]}",
		"{\"profiles\": [{\"rules\": [{\"metric\": \"primary\", \"min\": -65}]}]}",
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"snr\", \"min\": 1, \"level_dbm\": 2}]}]}",
		"{\"profiles\": [",
	};
	struct hm_profile *p;
	size_t n;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(hm_profile_parse(good, strlen(good), &p, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].name, "theatres");
	assert_int_equal(p[0].nrules, 3);
	assert_false(p[0].rules[0].is_max);
	assert_float_equal(p[0].rules[1].level_dbm, -70, 0);
	assert_true(p[0].rules[2].is_max && p[0].rules[2].strict);
	assert_int_equal(hm_rule_check(&p[0].rules[2], 49.9f), 1);
	assert_int_equal(hm_rule_check(&p[0].rules[2], 50), 0);
	/* RTT not measured here: neither pass nor fail. No signal: a failure. */
	assert_int_equal(hm_rule_check(&p[0].rules[2], NAN), -1);
	assert_int_equal(hm_rule_check(&p[0].rules[0], NAN), 0);
	free(p);
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		ns_err_clear(&err);
		assert_int_equal(hm_profile_parse(bad[k], strlen(bad[k]), &p, &n, &err), -EINVAL);
		assert_null(p);
		assert_true(err.msg[0] != '\0');
		assert_null(strchr(err.msg, '\n'));
	}
}

/* A profile file may name the maps its report draws; a bad list is refused with a sentence. */
static void test_profile_file_names_its_report_maps(void **state)
{
	const char *good = "{\"profiles\": [{\"name\": \"theatres\", \"rules\":"
			   " [{\"metric\": \"primary\", \"min\": -62}],"
			   " \"report_maps\": [\"snr\", \"primary\", \"aps\"]},"
			   " {\"name\": \"plain\", \"rules\": [{\"metric\": \"rtt\", \"below\": 50}]}]}";
	const char *bad[] = {
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"snr\", \"min\": 1}],"
		" \"report_maps\": []}]}",
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"snr\", \"min\": 1}],"
		" \"report_maps\": \"snr\"}]}",
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"snr\", \"min\": 1}],"
		" \"report_maps\": [\"colour\"]}]}",
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"snr\", \"min\": 1}],"
		" \"report_maps\": [\"snr\", 7]}]}",
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"snr\", \"min\": 1}],"
		" \"report_maps\": [\"snr\", \"aps\", \"snr\"]}]}",
		"{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"snr\", \"min\": 1}],"
		" \"report_maps\": [\"primary\", \"secondary\", \"snr\", \"aps\", \"cochannel\","
		" \"utilisation\", \"rate\", \"rtt\", \"loss\"]}]}",
	};
	struct hm_profile *p, b;
	size_t n;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(hm_profile_parse(good, strlen(good), &p, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].nreport_maps, 3);
	assert_int_equal(p[0].report_maps[0], HM_M_SNR);
	assert_int_equal(p[0].report_maps[1], HM_M_PRIMARY);
	assert_int_equal(p[0].report_maps[2], HM_M_APS);
	assert_int_equal(p[1].nreport_maps, 0); /* the report falls back on the rules' metrics */
	free(p);
	/* The built-ins carry theirs. */
	assert_int_equal(hm_profile_builtin("voice", &b, NULL), 0);
	assert_int_equal(b.nreport_maps, 4);
	assert_int_equal(b.report_maps[3], HM_M_COCHANNEL);
	assert_int_equal(hm_profile_builtin("medical-device", &b, NULL), 0);
	assert_int_equal(b.nreport_maps, 3);
	assert_int_equal(b.report_maps[2], HM_M_RTT);
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		ns_err_clear(&err);
		assert_int_equal(hm_profile_parse(bad[k], strlen(bad[k]), &p, &n, &err), -EINVAL);
		assert_null(p);
		assert_non_null(strstr(err.msg, "report"));
		assert_null(strchr(err.msg, '\n'));
	}
}

/*
 * A 6 × 4 grid of 1 m cells (x 0..6, y 0..4), primary in dBm; '.' = not surveyed.
 *   row 0:  -60 -60 -70 -71  .   .
 *   row 1:  -60 -60 -72 -60  .   .
 *   row 2:  -60 -60 -60 -60 -60 -80
 *   row 3:  -60 -60 -60 -60 -60 -81
 * nhs-data (≥ −65): failing cells (2,0) (3,0) (2,1): one not-spot of 3 m²;
 * (5,2) (5,3): another of 2 m². Wards: "West" x < 3, "East" x ≥ 3.
 */
static void test_profile_notspots_and_stats_equal_hand_computed(void **state)
{
	static const float v[24] = { -60, -60, -70, -71, NAN, NAN, -60, -60, -72, -60, NAN, NAN,
				     -60, -60, -60, -60, -60, -80, -60, -60, -60, -60, -60, -81 };
	struct hm_grid g = { 0, 0, 1, 6, 4 };
	uint8_t cover[24], verdict[24];
	uint32_t failed[24];
	float prim[24];
	float *metrics[HM_NMETRICS] = { 0 };
	struct hm_profile p;
	struct hm_notspots ns;
	struct floorplan *fp = floorplan_new();
	struct fp_point west[4] = { { 0, 0 }, { 3, 0 }, { 3, 4 }, { 0, 4 } };
	struct fp_point east[4] = { { 3, 0 }, { 6, 0 }, { 6, 4 }, { 3, 4 } };
	int16_t *ward_of;
	struct hm_area_stats st;

	(void)state;
	floorplan_add_ward(fp, "West", west, 4);
	floorplan_add_ward(fp, "East", east, 4);
	for (int c = 0; c < 24; c++) {
		prim[c] = v[c];
		cover[c] = isnan(v[c]) ? 1 : 2;
	}
	metrics[HM_M_PRIMARY] = prim;
	assert_int_equal(hm_profile_builtin("nhs-data", &p, NULL), 0);
	hm_profile_eval(&p, &g, cover, metrics, verdict, failed);
	assert_int_equal(verdict[4], HM_V_NOT_SURVEYED);
	assert_int_equal(verdict[2], HM_V_FAIL);
	assert_int_equal(failed[2], 1);
	assert_int_equal(verdict[0], HM_V_PASS);
	assert_int_equal(hm_wards_raster(fp, &g, &ward_of), 0);
	assert_int_equal(ward_of[2], 0);
	assert_int_equal(ward_of[3], 1);
	assert_int_equal(hm_notspots_find(&g, verdict, failed, prim, true, fp, ward_of, 1, &ns, NULL), 0);
	assert_int_equal(ns.n, 2);
	/* Largest first: cells (2,0) (3,0) (2,1). */
	assert_float_equal(ns.v[0].area_m2, 3, 1e-9);
	assert_float_equal(ns.v[0].centroid.x, (2.5 + 3.5 + 2.5) / 3, 1e-9);
	assert_float_equal(ns.v[0].centroid.y, (0.5 + 0.5 + 1.5) / 3, 1e-9);
	assert_float_equal(ns.v[0].worst, -72, 0);
	assert_string_equal(ns.v[0].ward, "West"); /* 2 of its 3 cells */
	/* Its outline: an L of 6 corners. */
	assert_int_equal(ns.v[0].nring, 6);
	assert_float_equal(fp_polygon_area(ns.v[0].ring, ns.v[0].nring), 3, 1e-9);
	assert_float_equal(ns.v[1].area_m2, 2, 1e-9);
	assert_float_equal(ns.v[1].worst, -81, 0);
	assert_string_equal(ns.v[1].ward, "East");
	assert_int_equal(ns.label[2], 0);
	assert_int_equal(ns.label[17], 1);
	assert_int_equal(ns.label[0], -1);
	/* West: 12 m², all surveyed, 10 pass (cells (2,0) and (2,1) fail). */
	hm_area_stats_compute(&p, &g, verdict, metrics, ward_of, 0, &ns, "West", &st);
	assert_float_equal(st.area_m2, 12, 1e-9);
	assert_float_equal(st.surveyed_m2, 12, 1e-9);
	assert_float_equal(st.pass_m2, 10, 1e-9);
	assert_float_equal(st.rule_pass_m2[0], 10, 1e-9);
	assert_int_equal(st.notspots, 1);
	assert_float_equal(st.notspot_m2, 3, 1e-9);
	/* East: 12 m², 8 surveyed, 5 pass; one not-spot of 2 m². */
	hm_area_stats_compute(&p, &g, verdict, metrics, ward_of, 1, &ns, "East", &st);
	assert_float_equal(st.area_m2, 12, 1e-9);
	assert_float_equal(st.surveyed_m2, 8, 1e-9);
	assert_float_equal(st.pass_m2, 5, 1e-9);
	assert_int_equal(st.notspots, 1);
	/* A minimum area of 2.5 m² keeps only the first. */
	hm_notspots_release(&ns);
	assert_int_equal(hm_notspots_find(&g, verdict, failed, prim, true, fp, ward_of, 2.5, &ns, NULL),
			 0);
	assert_int_equal(ns.n, 1);
	assert_int_equal(ns.label[17], -1);
	hm_notspots_release(&ns);
	free(ward_of);
	floorplan_free(fp);
}

/*
 * Values of the wrong type used to be skipped (a description that is a
 * number, an unusable_dbm in quotes) and text too long for its field cut
 * short; both are refused now, naming where.
 */
static void test_profile_json_refuses_wrong_types_and_overlong_text_by_path(void **state)
{
	static const struct {
		const char *json, *msg;
	} bad[] = {
		{ "{\"profiles\": [{\"name\": \"x\", \"unusable_dbm\": \"-80\","
		  " \"rules\": [{\"metric\": \"primary\", \"min\": -65}]}]}",
		  "profiles[0].unusable_dbm: must be a number, not a string" },
		{ "{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"primary\", \"min\": 1}]},"
		  " {\"name\": \"y\", \"description\": 7,"
		  " \"rules\": [{\"metric\": \"primary\", \"min\": -65}]}]}",
		  "profiles[1].description: must be a string, not a number" },
		{ "{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"primary\", \"min\": 1},"
		  " {\"metric\": \"rtt\", \"below\": \"50\"}]}]}",
		  "profiles[0].rules[1].below: must be a number, not a string" },
	};
	char json[600];
	struct hm_profile *p = (void *)1;
	size_t n = 9;
	struct ns_err err = { 0 };

	(void)state;
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		assert_int_equal(hm_profile_parse(bad[k].json, strlen(bad[k].json), &p, &n, &err),
				 -EINVAL);
		assert_null(p);
		assert_int_equal(n, 0);
		assert_string_equal(err.msg, bad[k].msg);
	}
	/* a description of 200 bytes does not fit in 159: refused, not cut */
	snprintf(json, sizeof(json), "{\"profiles\": [{\"name\": \"x\", \"description\": \"%0200d\","
		 " \"rules\": [{\"metric\": \"primary\", \"min\": -65}]}]}", 0);
	assert_int_equal(hm_profile_parse(json, strlen(json), &p, &n, &err), -EINVAL);
	assert_string_equal(err.msg,
			    "profiles[0].description: is 200 bytes long; at most 159 are allowed");
}

/* A threshold in another unit (mW for dBm, a fraction for a percentage) is refused by path. */
static void test_profile_json_refuses_a_threshold_in_the_wrong_unit(void **state)
{
	static const struct {
		const char *json, *msg;
	} bad[] = {
		{ "{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"primary\", \"min\": 500}]}]}",
		  "profiles[0].rules[0].min: 500 dBm is not a threshold of primary (-150 to 30 dBm): "
		  "is it in another unit?" },
		{ "{\"profiles\": [{\"name\": \"x\", \"rules\": [{\"metric\": \"loss\", \"below\": -1}]}]}",
		  "profiles[0].rules[0].below: -1 % is not a threshold of loss (0 to 100 %): is it in "
		  "another unit?" },
	};
	struct hm_profile *p = (void *)1;
	size_t n = 9;
	struct ns_err err = { 0 };

	(void)state;
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		assert_int_equal(hm_profile_parse(bad[k].json, strlen(bad[k].json), &p, &n, &err),
				 -EINVAL);
		assert_null(p);
		assert_string_equal(err.msg, bad[k].msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile_builtins_carry_domain_thresholds),
		cmocka_unit_test(test_profile_builtins_are_listed_in_order_and_named_in_refusals),
		cmocka_unit_test(test_profile_json_round_trip_and_refusals),
		cmocka_unit_test(test_profile_file_names_its_report_maps),
		cmocka_unit_test(test_profile_json_refuses_wrong_types_and_overlong_text_by_path),
		cmocka_unit_test(test_profile_json_refuses_a_threshold_in_the_wrong_unit),
		cmocka_unit_test(test_profile_notspots_and_stats_equal_hand_computed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
