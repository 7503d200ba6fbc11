/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_device.c — device offsets (heatmap/device.h): the side-by-side
 * calibration of two walks recorded together, the stored offset found by
 * name, and the offset added to every signal of a sample set.
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

#include "heatmap/device.h"
#include "support/survey_fixtures.h"

#define S 1000000LL

/* A scan of walk @walk at @t_s hearing BSSIDs 1..4 at @base - 5·k (+ @jitter on BSSID 1). */
static void scan(struct survey *sv, int64_t walk, double t_s, double base, double jitter)
{
	struct meas_sample s;
	struct meas_observation o[4];
	struct ns_err err = { 0 };

	meas_init_sample(&s);
	s.walk_id = walk;
	s.kind = SAMPLE_SCAN;
	s.t_us = 1795000000 * S + (int64_t)(t_s * S);
	for (int k = 0; k < 4; k++) {
		meas_init_observation(&o[k]);
		o[k].bssid[0] = 0x02;
		o[k].bssid[5] = (uint8_t)(k + 1);
		o[k].freq_mhz = 5180;
		o[k].signal_dbm = base - 5 * k + (k == 0 ? jitter : 0);
		o[k].age_ms = 50;
	}
	assert_true(survey_add_sample(sv, &s, o, 4, NULL, NULL, &err) > 0);
}

static void test_device_calibration_is_the_median_difference_of_side_by_side_walks(void **state)
{
	char *dir = survey_test_tmpdir();
	struct floorplan *fp = survey_test_floor("L1");
	struct survey *sv = NULL;
	struct survey_walk w = { 0 };
	struct hm_calibration cal;
	struct ns_err err = { 0 };
	int64_t floor_id, a, b, c;

	(void)state;
	assert_int_equal(survey_create(survey_test_path(dir, "cal.notspot"), NULL, &sv, &err), 0);
	assert_true((floor_id = survey_add_floor(sv, fp, &err)) > 0);
	w.floor_id = floor_id;
	snprintf(w.mode, sizeof(w.mode), "continuous");
	w.start_us = 1795000000 * S;
	assert_true((a = survey_begin_walk(sv, &w, &err)) > 0);
	assert_true((b = survey_begin_walk(sv, &w, &err)) > 0);
	w.start_us += 3600 * S;
	assert_true((c = survey_begin_walk(sv, &w, &err)) > 0);
	/* B hears 6 dB less than A, 0.4 s later; one reading of B is 30 dB off (an outlier). */
	for (int i = 0; i < 10; i++) {
		scan(sv, a, 3.0 * i, -50 - i, 0);
		scan(sv, b, 3.0 * i + 0.4, -56 - i, i == 3 ? -30 : 0);
	}
	scan(sv, c, 3600, -50, 0);
	assert_int_equal(hm_calibrate_walks(sv, a, b, &cal, &err), 0);
	assert_int_equal(cal.pairs, 40);
	assert_float_equal(cal.offset_db, -6, 1e-6);
	assert_float_equal(cal.iqr_db, 0, 1e-6);
	/* Walks an hour apart share nothing: refused, with the reason. */
	assert_int_equal(hm_calibrate_walks(sv, a, c, &cal, &err), -ENODATA);
	assert_non_null(strstr(err.msg, "side by side"));
	survey_close(sv);
	floorplan_free(fp);
	survey_test_rmdir(dir);
}

static void test_device_offset_is_found_by_name_and_added_to_every_signal(void **state)
{
	char *dir = survey_test_tmpdir();
	struct survey *sv = NULL;
	struct survey_device_offset o = { 0 };
	struct hm_device d;
	struct hm_set set;
	struct hm_bss bss = { 0 };
	struct hm_pt pts[2] = { { 0, 0, -60 }, { 1, 0, -70 } };
	struct ns_err err = { 0 };
	char buf[160];

	(void)state;
	assert_int_equal(survey_create(survey_test_path(dir, "dev.notspot"), NULL, &sv, &err), 0);
	snprintf(o.kind, sizeof(o.kind), "device");
	snprintf(o.name, sizeof(o.name), "badge");
	o.offset_db = -7;
	snprintf(o.source, sizeof(o.source), "trust measurement 12");
	assert_true(survey_set_device_offset(sv, &o, &err) > 0);
	assert_int_equal(hm_device_get(sv, "badge", &d, &err), 0);
	assert_float_equal(d.offset_db, -7, 0);
	assert_string_equal(hm_device_describe(&d, buf, sizeof(buf)),
			    "badge: -7.0 dB (trust measurement 12)");
	assert_int_equal(hm_device_get(sv, "phone", &d, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "badge"));
	hm_set_init(&set);
	bss.sig.p = pts;
	bss.sig.n = 2;
	set.bss = &bss;
	set.nbss = 1;
	d.offset_db = -7;
	hm_device_apply(&d, &set);
	assert_float_equal(pts[0].v, -67, 0);
	assert_float_equal(pts[1].v, -77, 0);
	survey_close(sv);
	survey_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_device_calibration_is_the_median_difference_of_side_by_side_walks),
		cmocka_unit_test(test_device_offset_is_found_by_name_and_added_to_every_signal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
