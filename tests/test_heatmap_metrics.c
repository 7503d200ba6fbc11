/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heatmap_metrics.c — metrics derived per cell from per-radio fields,
 * checked against values worked out by hand; BSSID grouping.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "heatmap/metrics.h"
#include "heatmap/samples.h"

static void obs(struct meas_observation *o, uint8_t last, uint8_t fifth, const char *ssid,
		int freq, double sig, const char *name, double util)
{
	memset(o, 0, sizeof(*o));
	uint8_t mac[6] = { 0x02, 0, 0, 0, fifth, last };

	memcpy(o->bssid, mac, 6);
	snprintf(o->ssid, sizeof(o->ssid), "%s", ssid);
	snprintf(o->ap_name, sizeof(o->ap_name), "%s", name);
	o->freq_mhz = freq;
	o->signal_dbm = sig;
	o->noise_dbm = freq < 3000 ? -95 : NAN;
	o->bss_utilisation = util;
	o->age_ms = 100;
}

/*
 * Four radios: A (5180: NHS, Guest), B (5180: NHS), C (2412: NHS), D (5180:
 * Guest only, a different physical AP). One scan so the set knows them.
 */
static void make_set(struct hm_set *set)
{
	struct meas_sample s;
	struct meas_observation o[6];

	memset(&s, 0, sizeof(s));
	s.kind = SAMPLE_SCAN;
	s.placed = true;
	obs(&o[0], 0x10, 1, "NHS", 5180, -60, "", 0.4);
	obs(&o[1], 0x11, 1, "Guest", 5180, -60, "", 0.4);
	obs(&o[2], 0x10, 2, "NHS", 5180, -70, "", NAN);
	obs(&o[3], 0x00, 3, "NHS", 2412, -65, "", 0.5);
	obs(&o[4], 0x10, 4, "Guest", 5180, -72, "", NAN);
	/* A stale cache entry: left out. */
	obs(&o[5], 0x20, 5, "NHS", 5180, -30, "", NAN);
	o[5].age_ms = 9000;
	hm_set_init(set);
	assert_int_equal(hm_set_add_sample(set, &s, o, 6, NULL, NULL), 0);
	assert_int_equal(hm_set_finish(set, NULL), 0);
}

static void test_metrics_grouping_by_low_nibble(void **state)
{
	struct hm_set set;

	(void)state;
	make_set(&set);
	assert_int_equal(set.nbss, 5);
	assert_int_equal(set.nstale, 1);
	assert_int_equal(set.nradios, 4);
	assert_int_equal(set.nphys, 4);
	assert_int_equal(set.bss[0].radio, set.bss[1].radio);
	assert_string_equal(set.phys[set.radios[0].phys].name, "02:00:00:00:01:1?");
	hm_set_release(&set);
}

static void test_metrics_from_fields_equal_hand_computed(void **state)
{
	struct hm_set set;
	struct hm_grid g = { 0, 0, 1, 2, 1 }; /* two cells */
	/* radio 0 = A, 1 = B, 2 = C, 3 = D: cell 0, cell 1 */
	float fa[2] = { -60, -80 }, fb[2] = { -70, -62 }, fc[2] = { -65, -66 }, fd[2] = { -50, -90 };
	float *fields[4] = { fa, fb, fc, fd };
	float m[HM_NMETRICS][2];
	float *out[HM_NMETRICS];
	struct hm_filter f;

	(void)state;
	make_set(&set);
	for (int k = 0; k < HM_NMETRICS; k++)
		out[k] = k <= HM_M_UTIL ? m[k] : NULL;
	hm_filter_default(&f);
	f.ssid = "NHS";
	hm_metrics_compute(&set, &g, fields, &f, out);
	/* Cell 0: NHS from A −60, B −70, C −65 → primary A −60 (5180). */
	assert_float_equal(m[HM_M_PRIMARY][0], -60, 1e-6);
	/* Secondary: strongest NHS from another AP: C −65. */
	assert_float_equal(m[HM_M_SECONDARY][0], -65, 1e-6);
	/* APs ≥ −75 serving NHS: A, B, C = 3 (D is Guest only). */
	assert_float_equal(m[HM_M_APS][0], 3, 1e-6);
	/* Co-channel on 5180, any SSID, other APs: max(B −70, D −50) − (−60) = +10 dB. */
	assert_float_equal(m[HM_M_COCHANNEL][0], 10, 1e-6);
	/* A's utilisation 40 %; SNR unknown on 5 GHz (no noise reported). */
	assert_float_equal(m[HM_M_UTIL][0], 40, 1e-4);
	assert_true(isnan(m[HM_M_SNR][0]));
	/* Cell 1: primary B −62; secondary C −66; co-channel max(A −80, D −90) + 62 = −18. */
	assert_float_equal(m[HM_M_PRIMARY][1], -62, 1e-6);
	assert_float_equal(m[HM_M_SECONDARY][1], -66, 1e-6);
	assert_float_equal(m[HM_M_COCHANNEL][1], -18, 1e-6);
	assert_float_equal(m[HM_M_APS][1], 2, 1e-6);
	assert_true(isnan(m[HM_M_UTIL][1])); /* B never advertised BSS Load */
	/* 2.4 GHz only: C serves; SNR = −65 − (−95) = 30 dB; no secondary. */
	f.band = FP_BAND_2G4;
	hm_metrics_compute(&set, &g, fields, &f, out);
	assert_float_equal(m[HM_M_PRIMARY][0], -65, 1e-6);
	assert_float_equal(m[HM_M_SNR][0], 30, 1e-6);
	assert_true(isnan(m[HM_M_SECONDARY][0]));
	/* Nobody else on 2412: co-channel sits at the hearing threshold: −92 + 65 = −27. */
	assert_float_equal(m[HM_M_COCHANNEL][0], -27, 1e-6);
	hm_set_release(&set);
}

static void test_metrics_named_aps_group_radios_of_one_box(void **state)
{
	struct hm_set set;
	struct meas_sample s;
	struct meas_observation o[2];

	(void)state;
	memset(&s, 0, sizeof(s));
	s.kind = SAMPLE_SCAN;
	s.placed = true;
	obs(&o[0], 0x00, 7, "NHS", 2412, -60, "L2-AP01", NAN);
	obs(&o[1], 0x10, 7, "NHS", 5180, -62, "L2-AP01", NAN);
	hm_set_init(&set);
	assert_int_equal(hm_set_add_sample(&set, &s, o, 2, NULL, NULL), 0);
	assert_int_equal(hm_set_finish(&set, NULL), 0);
	assert_int_equal(set.nradios, 2);
	assert_int_equal(set.nphys, 1);
	hm_set_release(&set);
}

static void test_metrics_failures_are_data(void **state)
{
	struct hm_set set;
	struct meas_sample s;
	struct meas_throughput t;

	(void)state;
	hm_set_init(&set);
	memset(&s, 0, sizeof(s));
	s.kind = SAMPLE_LINK;
	s.status = SAMPLE_NOT_ASSOCIATED;
	s.placed = true;
	s.x_m = 3;
	assert_int_equal(hm_set_add_sample(&set, &s, NULL, 0, NULL, NULL), 0);
	s.kind = SAMPLE_THROUGHPUT;
	s.status = SAMPLE_FAILED;
	memset(&t, 0, sizeof(t));
	snprintf(t.direction, sizeof(t.direction), "down");
	snprintf(t.error, sizeof(t.error), "connection refused");
	t.mbps = t.rtt_ms = t.loss_pct = t.jitter_ms = NAN;
	assert_int_equal(hm_set_add_sample(&set, &s, NULL, 0, NULL, &t), 0);
	/* Unplaced: counted, not used. */
	s.placed = false;
	assert_int_equal(hm_set_add_sample(&set, &s, NULL, 0, NULL, &t), 0);
	assert_int_equal(set.scalar[HM_S_RATE].n, 1);
	assert_float_equal(set.scalar[HM_S_RATE].p[0].v, 0, 0);
	assert_int_equal(set.scalar[HM_S_TPUT_DOWN].n, 1);
	assert_float_equal(set.scalar[HM_S_TPUT_DOWN].p[0].v, 0, 0);
	assert_int_equal(set.nunplaced, 1);
	assert_int_equal(set.nsamples, 2);
	hm_set_release(&set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metrics_grouping_by_low_nibble),
		cmocka_unit_test(test_metrics_from_fields_equal_hand_computed),
		cmocka_unit_test(test_metrics_named_aps_group_radios_of_one_box),
		cmocka_unit_test(test_metrics_failures_are_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
