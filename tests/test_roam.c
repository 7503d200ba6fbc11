/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_roam.c — roam events, reconnects, gaps and sticky stretches from
 * hand-made sequences of link polls and scans (heatmap/roam.h).
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

#include "heatmap/roam.h"

#define S 1000000LL /* µs per second */

static const uint8_t AP_A[6] = { 0x02, 0, 0, 0, 0x0a, 0x10 };
static const uint8_t AP_B[6] = { 0x02, 0, 0, 0, 0x0b, 0x10 };
static const uint8_t AP_C[6] = { 0x02, 0, 0, 0, 0x0c, 0x10 };

/* A link poll at @t_s seconds of walk @walk, at (@x, 0): on @bssid at @dbm, or none (NULL). */
static void poll(struct hm_roam *r, int64_t walk, double t_s, double x, const uint8_t *bssid,
		 double dbm)
{
	struct meas_sample s;
	struct meas_link l;

	meas_init_sample(&s);
	meas_init_link(&l);
	s.walk_id = walk;
	s.t_us = (int64_t)(t_s * S);
	s.kind = SAMPLE_LINK;
	s.placed = true;
	s.x_m = x;
	s.y_m = 0;
	if (bssid) {
		memcpy(l.bssid, bssid, 6);
		snprintf(l.ssid, sizeof(l.ssid), "ward");
		l.freq_mhz = 5180;
		l.signal_dbm = dbm;
	} else {
		s.status = SAMPLE_NOT_ASSOCIATED;
	}
	assert_int_equal(hm_roam_add_sample(r, &s, NULL, 0, bssid ? &l : NULL, NULL), 0);
}

/* A scan at @t_s hearing A at @a, B at @b (NAN: not heard), both on SSID "ward". */
static void scan(struct hm_roam *r, int64_t walk, double t_s, double x, double a, double b)
{
	struct meas_sample s;
	struct meas_observation o[3];
	size_t n = 0;

	meas_init_sample(&s);
	s.walk_id = walk;
	s.t_us = (int64_t)(t_s * S);
	s.kind = SAMPLE_SCAN;
	s.placed = true;
	s.x_m = x;
	for (int i = 0; i < 2; i++) {
		double v = i ? b : a;

		if (isnan(v))
			continue;
		meas_init_observation(&o[n]);
		memcpy(o[n].bssid, i ? AP_B : AP_A, 6);
		snprintf(o[n].ssid, sizeof(o[n].ssid), "ward");
		snprintf(o[n].ap_name, sizeof(o[n].ap_name), "%s", i ? "AP-B" : "");
		o[n].signal_dbm = v;
		o[n].freq_mhz = 5180;
		o[n].age_ms = 100;
		n++;
	}
	/* Another SSID's much stronger AP never makes the associated one sticky. */
	meas_init_observation(&o[n]);
	memcpy(o[n].bssid, AP_C, 6);
	snprintf(o[n].ssid, sizeof(o[n].ssid), "guest");
	o[n].signal_dbm = -30;
	o[n].age_ms = 100;
	n++;
	assert_int_equal(hm_roam_add_sample(r, &s, o, n, NULL, NULL), 0);
}

static void test_roam_seamless_change_of_bssid_is_a_roam_with_no_gap(void **state)
{
	struct hm_roam r;

	(void)state;
	assert_int_equal(hm_roam_init(&r, NULL, NULL), 0);
	poll(&r, 1, 0.0, 0, AP_A, -60);
	poll(&r, 1, 0.2, 1, AP_A, -72);
	poll(&r, 1, 0.4, 2, AP_B, -58);
	poll(&r, 1, 0.6, 3, AP_B, -57);
	assert_int_equal(hm_roam_finish(&r), 0);
	assert_int_equal(r.nevents, 1);
	assert_int_equal(r.events[0].kind, HM_ROAM_ROAM);
	assert_memory_equal(r.events[0].from, AP_A, 6);
	assert_memory_equal(r.events[0].to, AP_B, 6);
	assert_int_equal(r.events[0].t_us, 400000);
	assert_int_equal(r.events[0].left_us, 200000);
	assert_float_equal(r.events[0].gap_s, 0, 1e-9);
	assert_float_equal(r.events[0].before_dbm, -72, 0);
	assert_float_equal(r.events[0].after_dbm, -58, 0);
	assert_float_equal(r.events[0].x_m, 2, 0);
	assert_false(r.events[0].better_available);
	/* Names: from beacons when never heard, the MAC with its radio nibble open. */
	assert_string_equal(r.events[0].from_ap, "02:00:00:00:0a:1?");
	assert_int_equal(r.total.roams, 1);
	assert_float_equal(r.total.associated_s, 0.6, 1e-9);
	assert_int_equal(r.nwalks, 1);
	hm_roam_release(&r);
}

static void test_roam_gap_runs_from_first_unassociated_poll_to_new_association(void **state)
{
	struct hm_roam r;

	(void)state;
	assert_int_equal(hm_roam_init(&r, NULL, NULL), 0);
	poll(&r, 1, 10.0, 0, AP_A, -80);
	poll(&r, 1, 10.5, 0, NULL, NAN);
	poll(&r, 1, 11.0, 0, NULL, NAN);
	poll(&r, 1, 13.5, 0, AP_B, -61);
	/* Back to B after a drop: a reconnect, with its own gap. */
	poll(&r, 1, 14.0, 0, NULL, NAN);
	poll(&r, 1, 15.0, 0, AP_B, -62);
	assert_int_equal(hm_roam_finish(&r), 0);
	assert_int_equal(r.nevents, 2);
	assert_float_equal(r.events[0].gap_s, 3.0, 1e-9);
	assert_int_equal(r.events[0].left_us, 10 * S);
	assert_int_equal(r.events[1].kind, HM_ROAM_RECONNECT);
	assert_float_equal(r.events[1].gap_s, 1.0, 1e-9);
	assert_int_equal(r.total.roams, 1);
	assert_int_equal(r.total.reconnects, 1);
	assert_float_equal(r.total.longest_gap_s, 3.0, 1e-9);
	/* 10.5→11→13.5 and 14→15 unassociated; 13.5→14 and 10→10.5 associated. */
	assert_float_equal(r.total.unassociated_s, 4.0, 1e-9);
	assert_float_equal(r.total.associated_s, 1.0, 1e-9);
	hm_roam_release(&r);
}

static void test_roam_signal_after_skips_the_kernels_zero_before_a_beacon(void **state)
{
	struct hm_roam r;

	(void)state;
	assert_int_equal(hm_roam_init(&r, NULL, NULL), 0);
	poll(&r, 1, 0.0, 0, AP_A, -50);
	poll(&r, 1, 0.2, 0, AP_B, 0);   /* just associated: no beacon heard yet */
	poll(&r, 1, 0.4, 0, AP_B, -31);
	poll(&r, 1, 0.6, 0, AP_B, -33);
	poll(&r, 1, 0.8, 0, AP_A, 0);   /* and back, with no real signal before the walk ends */
	assert_int_equal(hm_roam_finish(&r), 0);
	assert_int_equal(r.nevents, 2);
	assert_float_equal(r.events[0].after_dbm, -31, 0);
	assert_float_equal(r.events[1].before_dbm, -33, 0);
	assert_true(isnan(r.events[1].after_dbm));
	hm_roam_release(&r);
}

static void test_roam_better_ap_heard_before_leaving_is_timed(void **state)
{
	struct hm_roam r;

	(void)state;
	assert_int_equal(hm_roam_init(&r, NULL, NULL), 0);
	poll(&r, 1, 0, 0, AP_A, -70);
	scan(&r, 1, 1, 0, -70, -65);   /* 5 dB: not better enough */
	poll(&r, 1, 2, 0, AP_A, -72);
	scan(&r, 1, 3, 0, -73, -64);   /* 9 dB: better from here */
	poll(&r, 1, 4, 0, AP_A, -74);
	scan(&r, 1, 5, 0, -75, -60);
	poll(&r, 1, 7, 0, AP_A, -75);
	poll(&r, 1, 8, 0, AP_B, -60);
	assert_int_equal(hm_roam_finish(&r), 0);
	assert_int_equal(r.nevents, 1);
	assert_true(r.events[0].better_available);
	assert_float_equal(r.events[0].better_for_s, 4.0, 1e-9); /* scan at 3 s to last poll on A */
	assert_string_equal(r.events[0].to_ap, "AP-B");
	assert_int_equal(r.total.roams_better, 1);
	/* 5 s of it: shorter than a sticky stretch. */
	assert_int_equal(r.nstickies, 0);
	hm_roam_release(&r);
}

static void test_roam_sticky_stretch_needs_its_margin_and_its_time(void **state)
{
	struct hm_roam_opts o;
	struct hm_roam r;

	(void)state;
	hm_roam_opts_default(&o);
	o.sticky_min_s = 6;
	assert_int_equal(hm_roam_init(&r, &o, NULL), 0);
	poll(&r, 1, 0, 0, AP_A, -60);
	/* 8 dB exactly counts; the stretch runs 2 s → 10 s (ended by a scan at 7.9 dB). */
	for (int t = 2; t < 10; t += 2) {
		scan(&r, 1, t, t, -76, t == 6 ? -62 : -68);
		poll(&r, 1, t + 1, t, AP_A, -76);
	}
	scan(&r, 1, 10, 10, -76, -68.1);
	poll(&r, 1, 11, 11, AP_A, -70);
	/* A second stretch of 4 s is too short. */
	scan(&r, 1, 12, 12, -76, -60);
	poll(&r, 1, 13, 12, AP_A, -76);
	scan(&r, 1, 16, 12, -70, -70);
	assert_int_equal(hm_roam_finish(&r), 0);
	assert_int_equal(r.nstickies, 1);
	assert_int_equal(r.stickies[0].from_us, 2 * S);
	assert_int_equal(r.stickies[0].to_us, 10 * S);
	assert_float_equal(r.stickies[0].worst_db, 14, 1e-9);
	assert_float_equal(r.stickies[0].x_m, 2, 0);
	assert_string_equal(r.stickies[0].better_ap, "AP-B");
	assert_float_equal(r.total.sticky_s, 8, 1e-9);
	/* Polls at 0,3,5,7,9,11,13: 13 s associated, 8 of them sticky. */
	assert_float_equal(r.total.associated_s, 13, 1e-9);
	assert_float_equal(hm_roam_sum_share(&r.total), 8.0 / 13.0, 1e-9);
	hm_roam_release(&r);
}

static void test_roam_sticky_open_at_walk_end_counts_and_walks_stay_apart(void **state)
{
	struct hm_roam_opts o;
	struct hm_roam r;

	(void)state;
	hm_roam_opts_default(&o);
	o.sticky_min_s = 3;
	assert_int_equal(hm_roam_init(&r, &o, NULL), 0);
	poll(&r, 1, 0, 0, AP_A, -80);
	scan(&r, 1, 1, 0, -80, -60);
	poll(&r, 1, 5, 0, AP_A, -80);
	/* Walk 2 starts on B: no roam from walk 1's A. */
	poll(&r, 2, 100, 0, AP_B, -60);
	poll(&r, 2, 101, 0, AP_B, -60);
	assert_int_equal(hm_roam_finish(&r), 0);
	assert_int_equal(r.nevents, 0);
	assert_int_equal(r.nstickies, 1);
	assert_int_equal(r.stickies[0].walk_id, 1);
	assert_int_equal(r.stickies[0].to_us, 5 * S);
	assert_int_equal(r.nwalks, 2);
	hm_roam_release(&r);
}

static void test_roam_counts_per_ward_by_place(void **state)
{
	struct fp_point left[4] = { { -1, -1 }, { 5, -1 }, { 5, 1 }, { -1, 1 } };
	struct fp_point right[4] = { { 5, -1 }, { 20, -1 }, { 20, 1 }, { 5, 1 } };
	struct fp_ward wards[2] = {
		{ .name = "Left", .pts = left, .npts = 4 },
		{ .name = "Right", .pts = right, .npts = 4 },
	};
	struct floorplan fp;
	struct hm_roam r;

	(void)state;
	memset(&fp, 0, sizeof(fp));
	fp.wards = wards;
	fp.nwards = 2;
	assert_int_equal(hm_roam_init(&r, NULL, &fp), 0);
	poll(&r, 1, 0, 1, AP_A, -60);
	poll(&r, 1, 1, 2, AP_A, -70);
	poll(&r, 1, 2, 8, NULL, NAN);
	poll(&r, 1, 4, 9, AP_B, -60);
	poll(&r, 1, 5, 10, AP_B, -60);
	assert_int_equal(hm_roam_finish(&r), 0);
	assert_int_equal(r.events[0].ward, 1);
	assert_int_equal(r.wards[0].roams, 0);
	assert_int_equal(r.wards[1].roams, 1);
	assert_float_equal(r.wards[1].longest_gap_s, 2, 1e-9);
	assert_float_equal(r.wards[0].associated_s, 2, 1e-9);
	assert_float_equal(r.wards[1].unassociated_s, 2, 1e-9);
	assert_float_equal(r.wards[1].associated_s, 1, 1e-9);
	assert_true(isnan(hm_roam_sum_share(&(struct hm_roam_sum){ 0 })));
	hm_roam_release(&r);
}

static void test_roam_rules_judge_longest_gap_and_sticky_share(void **state)
{
	struct hm_roam_rules ru = { 0 };
	struct hm_roam_sum s = { .roams = 2, .longest_gap_s = 1.5, .associated_s = 100,
				 .sticky_s = 12 };

	(void)state;
	assert_int_equal(hm_roam_judge(&ru, &s), -1); /* no rule */
	ru.has_gap = true;
	ru.gap_max_s = 1.5;
	assert_int_equal(hm_roam_judge(&ru, &s), 0); /* at most: equal passes */
	ru.gap_max_s = 1.0;
	assert_int_equal(hm_roam_judge(&ru, &s), HM_ROAM_FAIL_GAP);
	ru.has_sticky = true;
	ru.sticky_max_pct = 10;
	assert_int_equal(hm_roam_judge(&ru, &s), HM_ROAM_FAIL_GAP | HM_ROAM_FAIL_STICKY);
	ru.sticky_max_pct = 12;
	assert_int_equal(hm_roam_judge(&ru, &s), HM_ROAM_FAIL_GAP);
	/* Nothing polled: not measured, neither pass nor fail. */
	assert_int_equal(hm_roam_judge(&ru, &(struct hm_roam_sum){ 0 }), -1);
}

static void test_roam_rules_come_from_a_profile_file(void **state)
{
	static const char json[] =
		"{\"profiles\": [{\"name\": \"badge\", \"rules\": [{\"metric\": \"primary\", "
		"\"min\": -65}], \"roaming\": {\"max_gap_s\": 0.5, \"max_sticky_pct\": 5}},"
		" {\"name\": \"plain\", \"rules\": [{\"metric\": \"primary\", \"min\": -65}]}]}";
	static const char bad[] =
		"{\"profiles\": [{\"name\": \"b\", \"rules\": [{\"metric\": \"primary\", "
		"\"min\": -65}], \"roaming\": {\"max_sticky_pct\": 150}}]}";
	struct hm_profile *p = NULL;
	struct hm_profile builtin;
	struct ns_err err = { 0 };
	size_t n = 0;

	(void)state;
	assert_int_equal(hm_profile_parse(json, strlen(json), &p, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_true(p[0].roaming.has_gap);
	assert_float_equal(p[0].roaming.gap_max_s, 0.5, 0);
	assert_true(p[0].roaming.has_sticky);
	assert_float_equal(p[0].roaming.sticky_max_pct, 5, 0);
	assert_false(p[1].roaming.has_gap || p[1].roaming.has_sticky);
	free(p);
	assert_int_equal(hm_profile_parse(bad, strlen(bad), &p, &n, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "max_sticky_pct"));
	assert_int_equal(hm_profile_builtin("voice", &builtin, NULL), 0);
	assert_false(builtin.roaming.has_gap || builtin.roaming.has_sticky);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roam_seamless_change_of_bssid_is_a_roam_with_no_gap),
		cmocka_unit_test(test_roam_gap_runs_from_first_unassociated_poll_to_new_association),
		cmocka_unit_test(test_roam_signal_after_skips_the_kernels_zero_before_a_beacon),
		cmocka_unit_test(test_roam_better_ap_heard_before_leaving_is_timed),
		cmocka_unit_test(test_roam_sticky_stretch_needs_its_margin_and_its_time),
		cmocka_unit_test(test_roam_sticky_open_at_walk_end_counts_and_walks_stay_apart),
		cmocka_unit_test(test_roam_counts_per_ward_by_place),
		cmocka_unit_test(test_roam_rules_judge_longest_gap_and_sticky_share),
		cmocka_unit_test(test_roam_rules_come_from_a_profile_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
