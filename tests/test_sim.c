/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_sim.c — the simulator: the propagation model against hand-computed
 * values, the shadow field's statistics, what a scan reports, the AP and route
 * files, the truth grid, and simulated walks recorded through the survey store.
 *
 * Hand-computed cases (shadowing off, measurement noise off):
 *  - 10 m, n = 2, one concrete wall, 2.4 GHz, 20 dBm, antenna at receiver height:
 *    20 − 40 − 20·log10(10) − 12 = −52 dBm exactly; at 5 GHz 20 − 46.4 − 20 − 18 = −64.4.
 *  - the same with the antenna at 2.7 m and the laptop at 1.2 m:
 *    d = √(10² + 1.5²) = 10.11187 m → −52.09663 dBm (2.4), −64.49663 (5).
 *  - standing under the AP: d = 1.5 m → 20 − 40 − 20·log10(1.5) = −23.52183 dBm.
 *  - n = 3.5, 17 dBm, to (15, 3) through a fire door in a concrete wall (19 dB)
 *    and a plasterboard wall (3 dB): d = √(15² + 3² + 1.5²) = 15.37043 m →
 *    17 − 40 − 35·log10(15.37043) − 19 − 3 = −86.53401 dBm.
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

#include "floorplans/geometry.h"
#include "floorplans/model.h"
#include "sim/rng.h"
#include "sim/shadow.h"
#include "sim/sim.h"
#include "survey/survey.h"

/* An 80 × 40 m floor (10 px/m) with one concrete wall at x = 5 from y = 0 to 10. */
static struct floorplan *test_floor(void)
{
	struct floorplan *fp = floorplan_new();
	const struct fp_material *m = fp_material_find("concrete");
	struct fp_point w[] = { { 5, 0 }, { 5, 10 } };

	assert_non_null(fp);
	snprintf(fp->name, sizeof(fp->name), "Test floor");
	fp->width_px = 800;
	fp->height_px = 400;
	fp->px_per_m = 10;
	assert_int_equal(floorplan_add_wall(fp, w, 2, m->key, m->loss_db), 0);
	return fp;
}

static void quiet_config(struct sim_config *cfg)
{
	sim_config_default(cfg);
	cfg->shadow_sigma_db = 0;
	cfg->meas_sigma_db = 0;
	cfg->miss_prob = 0;
	cfg->exponent = 2.0;
}

/* One AP at @pos with a 2.4 GHz (channel 1) and a 5 GHz (channel 36) radio. */
static struct sim_ap one_ap(struct fp_point pos, double height, double tx)
{
	struct sim_ap ap;

	memset(&ap, 0, sizeof(ap));
	snprintf(ap.name, sizeof(ap.name), "L2-TEST-AP01");
	ap.pos = pos;
	ap.height_m = height;
	memcpy(ap.base_mac, (uint8_t[]){ 0x02, 0x4e, 0x53, 0x00, 0x01, 0x00 }, 6);
	ap.radios[0] = (struct sim_radio){ 2412, 20, 0, tx, 0.2, 4 };
	ap.radios[1] = (struct sim_radio){ 5180, 40, 0, tx, 0.1, 7 };
	ap.nradios = 2;
	ap.ssids[0] = (struct sim_ssid){ "NHS-Corporate", false, "wpa2-eap" };
	ap.ssids[1] = (struct sim_ssid){ "NHS-Medical", true, "wpa2-psk" };
	ap.nssids = 2;
	return ap;
}

static void test_signal_through_one_concrete_wall_matches_hand_computation(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg;
	struct sim_ap ap;
	struct sim_world *w;
	struct ns_err err = { 0 };

	(void)state;
	quiet_config(&cfg);
	cfg.rx_height_m = 2.7; /* antenna level with the receiver: d is exactly 10 m */
	ap = one_ap((struct fp_point){ 0, 5 }, 2.7, 20);
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, &err), 0);
	/* BSS 0: radio 0 (2.4 GHz), SSID 0; BSS 2: radio 1 (5 GHz), SSID 0. */
	assert_float_equal(sim_true_signal_dbm(w, 0, (struct fp_point){ 10, 5 }), -52.0, 1e-9);
	assert_float_equal(sim_true_signal_dbm(w, 2, (struct fp_point){ 10, 5 }), -64.4, 1e-9);
	/* The same radio's other SSID carries the same signal. */
	assert_float_equal(sim_true_signal_dbm(w, 1, (struct fp_point){ 10, 5 }), -52.0, 1e-9);
	/* Without the wall (path above it): 12 dB more. */
	assert_float_equal(sim_true_signal_dbm(w, 0, (struct fp_point){ 0, 15 }), -40.0, 1e-9);
	sim_world_free(w);
	floorplan_free(fp);
}

static void test_antenna_height_makes_the_distance_three_dimensional(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg;
	struct sim_ap ap;
	struct sim_world *w;

	(void)state;
	quiet_config(&cfg);
	assert_float_equal(cfg.rx_height_m, 1.2, 0);
	ap = one_ap((struct fp_point){ 0, 5 }, 2.7, 20);
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, NULL), 0);
	assert_float_equal(sim_true_signal_dbm(w, 0, (struct fp_point){ 10, 5 }), -52.09663, 1e-4);
	assert_float_equal(sim_true_signal_dbm(w, 2, (struct fp_point){ 10, 5 }), -64.49663, 1e-4);
	/* Right under the AP: 1.5 m straight up. */
	assert_float_equal(sim_true_signal_dbm(w, 0, (struct fp_point){ 0, 5 }), -23.52183, 1e-4);
	sim_world_free(w);
	floorplan_free(fp);
}

static void test_fire_door_and_partition_losses_add_with_steeper_exponent(void **state)
{
	struct floorplan *fp = floorplan_new();
	const struct fp_material *conc = fp_material_find("concrete"),
				 *door = fp_material_find("fire-door"),
				 *pb = fp_material_find("plasterboard");
	struct fp_point w1[] = { { 4, -5 }, { 4, 10 } }, w2[] = { { 10, -5 }, { 10, 10 } };
	struct sim_config cfg;
	struct sim_ap ap;
	struct sim_world *w;

	(void)state;
	fp->px_per_m = 10;
	fp->width_px = fp->height_px = 300;
	assert_int_equal(floorplan_add_wall(fp, w1, 2, conc->key, conc->loss_db), 0);
	assert_int_equal(floorplan_add_wall(fp, w2, 2, pb->key, pb->loss_db), 0);
	/* The path from (0,0) to (15,3) crosses x = 4 at y = 0.8: inside the door. */
	assert_int_equal(floorplan_add_opening(fp, (struct fp_point){ 4, 0.2 },
					       (struct fp_point){ 4, 1.4 }, door->key, door->loss_db),
			 0);
	quiet_config(&cfg);
	cfg.exponent = 3.5;
	ap = one_ap((struct fp_point){ 0, 0 }, 2.7, 17);
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, NULL), 0);
	assert_float_equal(sim_true_signal_dbm(w, 0, (struct fp_point){ 15, 3 }), -86.53401, 1e-4);
	sim_world_free(w);
	floorplan_free(fp);
}

static void test_bssids_of_one_ap_differ_only_in_low_bits(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg;
	struct sim_ap ap = one_ap((struct fp_point){ 0, 5 }, 2.7, 20);
	struct sim_world *w;

	(void)state;
	sim_config_default(&cfg);
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, NULL), 0);
	assert_int_equal(sim_world_nbss(w), 4);
	for (size_t i = 0; i < 4; i++) {
		const struct sim_bss *b = sim_world_bss(w, i);

		assert_memory_equal(b->bssid, ap.base_mac, 5);
		assert_int_equal(b->bssid[5], (b->radio << 4) + b->ssid);
		assert_string_equal(b->ap_name, "L2-TEST-AP01");
	}
	assert_int_equal(sim_world_bss(w, 3)->freq_mhz, 5180);
	/* 40 MHz on 36: the pair 36+40, centred on 38. */
	assert_int_equal(sim_world_bss(w, 3)->center_freq_mhz, 5190);
	assert_true(sim_world_bss(w, 1)->hidden);
	sim_world_free(w);
	floorplan_free(fp);
}

static void test_channel_arithmetic(void **state)
{
	(void)state;
	assert_int_equal(sim_channel_of_freq(2412), 1);
	assert_int_equal(sim_channel_of_freq(2462), 11);
	assert_int_equal(sim_channel_of_freq(5180), 36);
	assert_int_equal(sim_channel_of_freq(5745), 149);
	assert_int_equal(sim_channel_of_freq(5975), 5);
	assert_int_equal(sim_channel_of_freq(2400), 0);
	assert_int_equal(sim_freq_of_channel(FP_BAND_5G, 100), 5500);
	assert_int_equal(sim_freq_of_channel(FP_BAND_2G4, 15), 0);
	/* 80 MHz blocks: 36–48 centred on 42, 100–112 on 106, 149–161 on 155. */
	assert_int_equal(sim_center_freq(5200, 80), 5210);
	assert_int_equal(sim_center_freq(5560, 80), 5530);
	assert_int_equal(sim_center_freq(5805, 80), 5775);
	/* 40 MHz: 44+48 centred on 46; 160 MHz: 36–64 on 50. */
	assert_int_equal(sim_center_freq(5240, 40), 5230);
	assert_int_equal(sim_center_freq(5260, 160), 5250);
	assert_int_equal(sim_center_freq(2437, 20), 2437);
}

static void test_world_is_deterministic_by_seed(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg;
	struct sim_ap ap = one_ap((struct fp_point){ 20, 20 }, 2.7, 17);
	struct sim_world *a, *b, *c;
	int differ = 0;

	(void)state;
	sim_config_default(&cfg);
	cfg.seed = 42;
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &a, NULL), 0);
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &b, NULL), 0);
	cfg.seed = 43;
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &c, NULL), 0);
	for (int i = 0; i < 50; i++) {
		struct fp_point p = { 1.3 * i, 0.7 * i };

		assert_true(sim_true_signal_dbm(a, 0, p) == sim_true_signal_dbm(b, 0, p));
		if (fabs(sim_true_signal_dbm(a, 0, p) - sim_true_signal_dbm(c, 0, p)) > 0.5)
			differ++;
	}
	assert_true(differ > 25);
	/* Scans with the same RNG state report the same thing. */
	{
		struct meas_observation o1[8], o2[8];
		uint64_t r1 = 7, r2 = 7;
		size_t n1 = sim_scan(a, (struct fp_point){ 25, 18 }, &r1, o1, 8);
		size_t n2 = sim_scan(b, (struct fp_point){ 25, 18 }, &r2, o2, 8);

		assert_int_equal(n1, n2);
		assert_memory_equal(o1, o2, n1 * sizeof(o1[0]));
	}
	sim_world_free(a);
	sim_world_free(b);
	sim_world_free(c);
	floorplan_free(fp);
}

/*
 * The shadow field: σ as configured, strongly correlated at 0.5 m and nearly
 * independent at 20 m (ρ = exp(−Δ/3 m): 0.85 and 0.001). Pooled over 16
 * fields and 4000 pairs each.
 */
static void test_shadowing_has_configured_sigma_and_correlation(void **state)
{
	double s0 = 0, s00 = 0, s05 = 0, s20 = 0;
	long n = 0;

	(void)state;
	for (uint64_t f = 0; f < 16; f++) {
		struct sim_shadow sh;
		uint64_t rng = 1000 + f;

		sim_shadow_init(&sh, sim_rng_mix(99, f), 3.0);
		for (int i = 0; i < 4000; i++) {
			struct fp_point p = { 300 * sim_rng_uniform(&rng), 300 * sim_rng_uniform(&rng) };
			double a = 2 * M_PI * sim_rng_uniform(&rng);
			double v = sim_shadow_at(&sh, p);
			struct fp_point q05 = { p.x + 0.5 * cos(a), p.y + 0.5 * sin(a) };
			struct fp_point q20 = { p.x + 20 * cos(a), p.y + 20 * sin(a) };

			s0 += v;
			s00 += v * v;
			s05 += v * sim_shadow_at(&sh, q05);
			s20 += v * sim_shadow_at(&sh, q20);
			n++;
		}
	}
	/* Unit variance and zero mean: correlations are plain averages of products. */
	assert_float_equal(s0 / n, 0, 0.1);
	assert_float_equal(sqrt(s00 / n), 1.0, 0.1);
	assert_true(s05 / s00 > 0.75);
	assert_true(fabs(s20 / s00) < 0.15);
}

static void test_shadowed_world_has_configured_sigma_in_db(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg, flat;
	struct sim_ap ap = one_ap((struct fp_point){ 40, 20 }, 2.7, 17);
	struct sim_world *w, *w0;
	double s = 0, ss = 0;
	int n = 0;

	(void)state;
	sim_config_default(&cfg);
	cfg.shadow_sigma_db = 6.0;
	flat = cfg;
	flat.shadow_sigma_db = 0;
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, NULL), 0);
	assert_int_equal(sim_world_new(fp, &ap, 1, &flat, &w0, NULL), 0);
	for (double x = 0.25; x < 80; x += 0.5)
		for (double y = 0.25; y < 40; y += 0.5) {
			double d = sim_true_signal_dbm(w, 0, (struct fp_point){ x, y }) -
				   sim_true_signal_dbm(w0, 0, (struct fp_point){ x, y });

			s += d;
			ss += d * d;
			n++;
		}
	/* One field over an 80 × 40 m floor: σ within 25% of 6 dB. */
	assert_float_equal(sqrt(ss / n - (s / n) * (s / n)), 6.0, 1.5);
	sim_world_free(w);
	sim_world_free(w0);
	floorplan_free(fp);
}

static void test_scan_reports_what_a_real_scan_does(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg;
	struct sim_ap ap = one_ap((struct fp_point){ 0, 5 }, 2.7, 20);
	struct sim_world *w;
	struct meas_observation o[8];
	uint64_t rng = 5;
	size_t n;

	(void)state;
	quiet_config(&cfg);
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, NULL), 0);
	n = sim_scan(w, (struct fp_point){ 10, 5 }, &rng, o, 8);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		const struct sim_bss *b = sim_world_bss(w, i);

		assert_memory_equal(o[i].bssid, b->bssid, 6);
		assert_false(o[i].associated);
		assert_string_equal(o[i].ap_name, "L2-TEST-AP01");
		assert_true(o[i].age_ms >= 0 && o[i].age_ms <= 2600);
		assert_float_equal(o[i].noise_dbm, sim_noise_dbm(w, b->freq_mhz), 0);
		assert_true(o[i].noise_dbm >= -100 && o[i].noise_dbm <= -93);
		assert_int_equal(o[i].width_mhz, b->width_mhz);
	}
	/* Signals are whole dBm, as drivers report them. */
	assert_float_equal(o[0].signal_dbm, -52, 0);
	assert_float_equal(o[2].signal_dbm, -64, 0);
	assert_string_equal(o[0].ssid, "NHS-Corporate");
	assert_string_equal(o[0].security, "wpa2-eap");
	assert_int_equal(o[0].channel, 1);
	assert_int_equal(o[2].channel, 36);
	assert_int_equal(o[2].center_freq_mhz, 5190);
	/* The hidden SSID's name is not broadcast. */
	assert_string_equal(o[1].ssid, "");
	assert_true(o[1].hidden);
	/* 2.4 GHz is swept first: its results are older than 5 GHz ones. */
	assert_true(o[0].age_ms > o[2].age_ms);
	assert_true(o[0].bss_utilisation >= 0.1 && o[0].bss_utilisation <= 0.3);
	assert_true(o[0].bss_stations >= 0);
	sim_world_free(w);
	floorplan_free(fp);
}

static void test_scan_cuts_off_below_sensitivity(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct sim_config cfg;
	struct sim_ap ap = one_ap((struct fp_point){ 0, 0 }, 1.2, -10);
	struct sim_world *w;
	struct meas_observation o[8];
	uint64_t rng = 1;

	(void)state;
	fp->px_per_m = 1;
	fp->width_px = fp->height_px = 200;
	quiet_config(&cfg);
	assert_float_equal(cfg.sensitivity_dbm, -92, 0);
	ap.nradios = 1;
	ap.nssids = 1;
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, NULL), 0);
	/* −10 dBm − 40 − 20·log10(100) = −90 dBm: heard. */
	assert_int_equal(sim_scan(w, (struct fp_point){ 100, 0 }, &rng, o, 8), 1);
	assert_float_equal(o[0].signal_dbm, -90, 0);
	/* At 158.5 m: −94 dBm, below −92: not heard. */
	assert_int_equal(sim_scan(w, (struct fp_point){ 158.49, 0 }, &rng, o, 8), 0);
	/* At 125.9 m: −92 dBm exactly: heard. */
	assert_int_equal(sim_scan(w, (struct fp_point){ 125.89, 0 }, &rng, o, 8), 1);
	sim_world_free(w);
	floorplan_free(fp);
}

static void test_scan_noise_and_misses_follow_the_configuration(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg;
	struct sim_ap ap = one_ap((struct fp_point){ 0, 5 }, 2.7, 20);
	struct sim_world *w;
	struct meas_observation o[8];
	uint64_t rng = 11;
	double s = 0, ss = 0;
	long heard = 0, tries = 4000;

	(void)state;
	quiet_config(&cfg);
	cfg.meas_sigma_db = 2.0;
	cfg.miss_prob = 0.2;
	ap.nradios = 1;
	ap.nssids = 1;
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, NULL), 0);
	for (long i = 0; i < tries; i++)
		if (sim_scan(w, (struct fp_point){ 10, 5 }, &rng, o, 8) == 1) {
			s += o[0].signal_dbm + 52.09663;
			ss += (o[0].signal_dbm + 52.09663) * (o[0].signal_dbm + 52.09663);
			heard++;
		}
	assert_float_equal((double)heard / tries, 0.8, 0.03);
	assert_float_equal(s / heard, 0, 0.15);
	/* 2 dB of noise plus rounding to whole dB (√(4 + 1/12) = 2.02). */
	assert_float_equal(sqrt(ss / heard), 2.02, 0.15);
	sim_world_free(w);
	floorplan_free(fp);
}

static const char good_aps[] =
	"{ \"format\": \"notspot-sim-aps\", \"version\": 1,\n"
	"  \"ssids\": [ { \"name\": \"NHS-Corporate\", \"security\": \"wpa2-eap\" },\n"
	"             { \"name\": \"NHSWiFi\", \"security\": \"open\" },\n"
	"             { \"name\": \"NHS-Medical\", \"security\": \"wpa2-psk\", \"hidden\": true } ],\n"
	"  \"aps\": [\n"
	"    { \"name\": \"L2-WARD7-AP01\", \"x\": 12.5, \"y\": 8, \"mac\": \"00:3a:7d:12:34:00\",\n"
	"      \"radios\": [ { \"band\": \"2.4\", \"channel\": 6, \"tx_power_dbm\": 11 },\n"
	"                  { \"band\": \"5\", \"channel\": 52, \"width_mhz\": 80, \"tx_power_dbm\": 17,\n"
	"                    \"utilisation\": 0.3, \"stations\": 12 } ] },\n"
	"    { \"name\": \"L2-XRAY-AP01\", \"x\": 60, \"y\": 30, \"height_m\": 3.0,\n"
	"      \"mac\": \"00-3A-7D-12-35-00\",\n"
	"      \"radios\": [ { \"band\": \"5\", \"channel\": 100, \"width_mhz\": 40, \"tx_power_dbm\": 14 } ],\n"
	"      \"ssids\": [ { \"name\": \"NHS-Voice\", \"security\": \"wpa2-psk\" } ] } ] }\n";

static void test_ap_file_is_read_with_defaults(void **state)
{
	struct sim_ap *aps;
	size_t n;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(sim_parse_aps(good_aps, strlen(good_aps), &aps, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(aps[0].name, "L2-WARD7-AP01");
	assert_float_equal(aps[0].pos.x, 12.5, 0);
	assert_float_equal(aps[0].height_m, 2.7, 0);
	assert_int_equal(aps[0].nradios, 2);
	assert_int_equal(aps[0].radios[0].freq_mhz, 2437);
	assert_int_equal(aps[0].radios[0].width_mhz, 20);
	assert_int_equal(aps[0].radios[1].freq_mhz, 5260);
	assert_int_equal(aps[0].radios[1].center_freq_mhz, 5290);
	assert_int_equal(aps[0].radios[1].stations, 12);
	assert_int_equal(aps[0].nssids, 3);
	assert_true(aps[0].ssids[2].hidden);
	assert_int_equal(aps[1].base_mac[0], 0x00);
	assert_int_equal(aps[1].base_mac[4], 0x35);
	assert_int_equal(aps[1].nssids, 1);
	assert_string_equal(aps[1].ssids[0].name, "NHS-Voice");
	assert_float_equal(aps[1].height_m, 3.0, 0);
	free(aps);
}

static void expect_ap_error(const char *json, const char *msg)
{
	struct sim_ap *aps = (void *)1;
	size_t n = 99;
	struct ns_err err = { 0 };

	assert_int_equal(sim_parse_aps(json, strlen(json), &aps, &n, &err), -22);
	assert_null(aps);
	assert_int_equal(n, 0);
	if (!strstr(err.msg, msg))
		fail_msg("error \"%s\" does not contain \"%s\"", err.msg, msg);
}

static void test_ap_file_errors_name_the_element_and_key(void **state)
{
	(void)state;
	expect_ap_error("[1]", "top level must be a JSON object");
	expect_ap_error("{\"format\": \"notspot-sim-aps\", \"version\": 1, \"aps\": [], }", "line 1");
	expect_ap_error("{\"format\": \"other\", \"version\": 1, \"aps\": []}", "format");
	expect_ap_error("{\"format\": \"notspot-sim-aps\", \"version\": 2, \"aps\": []}", "version");
	expect_ap_error("{\"format\": \"notspot-sim-aps\", \"version\": 1, \"aps\": []}", "aps: must be");
	expect_ap_error("{\"format\": \"notspot-sim-aps\", \"version\": 1, \"ssids\": [{\"name\": \"A\"}],"
			" \"aps\": [{\"name\": \"X\", \"x\": 1, \"y\": 2, \"mac\": \"00:00:00:00:00:00\","
			" \"radios\": [{\"band\": \"2.4\", \"chanel\": 6, \"tx_power_dbm\": 11}]}]}",
			"aps[0].radios[0]: unknown key 'chanel' (expected: band, channel, width_mhz, "
			"tx_power_dbm, utilisation, stations)");
	expect_ap_error("{\"format\": \"notspot-sim-aps\", \"version\": 1, \"ssids\": [{\"name\": \"A\"}],"
			" \"aps\": [{\"name\": \"X\", \"x\": 1, \"y\": 2, \"mac\": \"00:00:00:00:00:00\","
			" \"radios\": [{\"band\": \"5\", \"channel\": 15, \"tx_power_dbm\": 11}]}]}",
			"aps[0].radios[0].channel: 15 is not a 5 GHz channel");
	expect_ap_error("{\"format\": \"notspot-sim-aps\", \"version\": 1, \"ssids\": [{\"name\": \"A\"}],"
			" \"aps\": [{\"name\": \"X\", \"x\": 1, \"y\": 2, \"mac\": \"00:00:00:00:00:00\","
			" \"radios\": [{\"band\": \"2.4\", \"channel\": 1, \"width_mhz\": 80, \"tx_power_dbm\": 11}]}]}",
			"2.4 GHz channels are 20 or 40 MHz");
	expect_ap_error("{\"format\": \"notspot-sim-aps\", \"version\": 1, \"ssids\": [{\"name\": \"A\"}],"
			" \"aps\": [{\"name\": \"X\", \"x\": \"1\", \"y\": 2, \"mac\": \"00:00:00:00:00:00\","
			" \"radios\": []}]}",
			"aps[0].x: must be a number");
	expect_ap_error("{\"format\": \"notspot-sim-aps\", \"version\": 1, \"ssids\": [{\"name\": \"A\"}],"
			" \"aps\": [{\"name\": \"X\", \"x\": 1, \"y\": 2, \"mac\": \"00:00:00:00:00:fe\","
			" \"radios\": [{\"band\": \"2.4\", \"channel\": 1, \"tx_power_dbm\": 11},"
			" {\"band\": \"5\", \"channel\": 36, \"tx_power_dbm\": 11}]}]}",
			"aps[0].mac: the last byte leaves no room");
	expect_ap_error("{\"format\": \"notspot-sim-aps\", \"version\": 1,"
			" \"aps\": [{\"name\": \"X\", \"x\": 1, \"y\": 2, \"mac\": \"00:00:00:00:00:00\","
			" \"radios\": [{\"band\": \"2.4\", \"channel\": 1, \"tx_power_dbm\": 11}]}]}",
			"aps[0]: no SSIDs");
}

static void test_route_file_is_read_and_checked(void **state)
{
	static const char good[] =
		"{\"format\": \"notspot-sim-route\", \"version\": 1, \"name\": \"ward 7\","
		" \"floor\": \"Level 2\", \"stops\": [ {\"x\": 1, \"y\": 2, \"label\": \"door\"},"
		" {\"x\": 10, \"y\": 2, \"dwell_s\": 8} ] }";
	static const char bad[] =
		"{\"format\": \"notspot-sim-route\", \"version\": 1, \"stops\": [ {\"x\": 1, \"y\": 2},"
		" {\"x\": 10, \"y\": 2, \"dwell_s\": -1} ] }";
	struct sim_route r;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(sim_parse_route(good, strlen(good), &r, &err), 0);
	assert_string_equal(r.name, "ward 7");
	assert_string_equal(r.floor, "Level 2");
	assert_int_equal(r.nstops, 2);
	assert_float_equal(r.stops[1].p.x, 10, 0);
	assert_float_equal(r.stops[1].dwell_s, 8, 0);
	assert_float_equal(r.stops[0].dwell_s, 0, 0);
	sim_route_release(&r);
	assert_int_equal(sim_parse_route(bad, strlen(bad), &r, &err), -22);
	assert_string_equal(err.msg, "stops[1].dwell_s: -1 is outside 0..3600 s");
	assert_null(r.stops);
	assert_int_equal(sim_load_route("/nonexistent/route.json", &r, &err), -2);
}

/* ceil(80 m / 1e-300 m) does not fit a size_t: the grid must be refused, not wrapped. */
static void test_truth_grid_refuses_a_cell_too_small_to_count(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg;
	struct sim_ap ap = one_ap((struct fp_point){ 0, 5 }, 2.7, 20);
	struct sim_world *w;
	struct ns_err err = { 0 };
	char dir[] = "/tmp/test_sim_XXXXXX", path[64];

	(void)state;
	sim_config_default(&cfg);
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, NULL), 0);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/truth.csv", dir);
	assert_int_equal(sim_write_truth(w, path, 1e-300, &err), -E2BIG);
	assert_non_null(strstr(err.msg, "grid is too large; use a larger cell"));
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(sim_write_truth(w, path, 0.01, &err), -E2BIG); /* 8000 x 4000 */
	sim_world_free(w);
	floorplan_free(fp);
	rmdir(dir);
}

static void test_truth_grid_holds_the_true_signal_at_cell_centres(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg;
	struct sim_ap ap = one_ap((struct fp_point){ 0, 5 }, 2.7, 20);
	struct sim_world *w;
	char dir[] = "/tmp/test_sim_XXXXXX", path[64], line[512];
	FILE *f;
	int rows = 0, checked = 0, bss_lines = 0;

	(void)state;
	sim_config_default(&cfg);
	assert_int_equal(sim_world_new(fp, &ap, 1, &cfg, &w, NULL), 0);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/truth.csv", dir);
	assert_int_equal(sim_write_truth(w, path, 2.0, NULL), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		double x, y, v[4];

		if (line[0] == '#') {
			if (strncmp(line, "# nx: ", 6) == 0)
				assert_int_equal(atoi(line + 6), 40);
			if (strncmp(line, "# ny: ", 6) == 0)
				assert_int_equal(atoi(line + 6), 20);
			if (strncmp(line, "# bss: 02:4e:53:00:01:01 ", 25) == 0) {
				assert_string_equal(line + 25, "freq_mhz=2412 width_mhz=20 hidden=1 "
							       "ssid=\"NHS-Medical\" ap=\"L2-TEST-AP01\"\n");
				bss_lines++;
			}
			continue;
		}
		if (strncmp(line, "x_m,y_m,02:4e:53:00:01:00,02:4e:53:00:01:01,", 44) == 0)
			continue;
		assert_int_equal(sscanf(line, "%lf,%lf,%lf,%lf,%lf,%lf", &x, &y, &v[0], &v[1], &v[2],
					&v[3]), 6);
		rows++;
		if (rows % 37 == 0) {
			for (int b = 0; b < 4; b++)
				assert_float_equal(v[b],
						   sim_true_signal_dbm(w, (size_t)b, (struct fp_point){ x, y }),
						   0.006);
			checked++;
		}
		assert_float_equal(fmod(x, 2.0), 1.0, 1e-9);
	}
	fclose(f);
	assert_int_equal(rows, 800);
	assert_int_equal(bss_lines, 1);
	assert_true(checked > 10);
	unlink(path);
	rmdir(dir);
	sim_world_free(w);
	floorplan_free(fp);
}

static void test_default_aps_for_a_floor_follow_its_plan(void **state)
{
	struct floorplan *fp = test_floor();
	struct fp_ap a = { 0 };
	struct sim_ap *aps;
	size_t n;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(sim_aps_from_floorplan(fp, &aps, &n, &err), -2);
	for (int i = 0; i < 4; i++) {
		snprintf(a.name, sizeof(a.name), "AP%d", i);
		a.pos = (struct fp_point){ 10.0 * i, 5 };
		assert_int_equal(floorplan_add_ap(fp, &a), 0);
	}
	assert_int_equal(sim_aps_from_floorplan(fp, &aps, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_float_equal(aps[3].pos.x, 30, 0);
	assert_float_equal(aps[3].height_m, 2.7, 0);
	assert_int_equal(aps[0].radios[0].freq_mhz, 2412);
	assert_int_equal(aps[1].radios[0].freq_mhz, 2437);
	assert_int_equal(aps[2].radios[0].freq_mhz, 2462);
	assert_int_equal(aps[3].radios[0].freq_mhz, 2412);
	assert_true(aps[0].radios[0].tx_power_dbm < aps[0].radios[1].tx_power_dbm);
	free(aps);
	floorplan_free(fp);
}


/* ---- simulated walks, recorded through the survey store ------------------ */

struct walk_fixture {
	char dir[64], path[96];
	struct survey *s;
	struct floorplan *fp;
	int64_t floor_id;
	struct sim_world *w;
};

/* Two APs at either end of a 60 m corridor, behind nothing but the one wall. */
static void walk_setup(struct walk_fixture *f, const char *name)
{
	struct sim_config cfg;
	struct sim_ap aps[2];
	struct ns_err err = { 0 };

	snprintf(f->dir, sizeof(f->dir), "/tmp/test_sim_walk_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/%s.notspot", f->dir, name);
	if (survey_create(f->path, NULL, &f->s, &err))
		fail_msg("survey_create: %s", err.msg);
	f->fp = test_floor();
	f->floor_id = survey_add_floor(f->s, f->fp, &err);
	assert_true(f->floor_id > 0);
	aps[0] = one_ap((struct fp_point){ 2, 5 }, 2.7, 17);
	aps[1] = one_ap((struct fp_point){ 60, 5 }, 2.7, 17);
	aps[1].base_mac[4] = 0x02;
	snprintf(aps[1].name, sizeof(aps[1].name), "L2-TEST-AP02");
	sim_config_default(&cfg);
	assert_int_equal(sim_world_new(f->fp, aps, 2, &cfg, &f->w, &err), 0);
}

static void walk_teardown(struct walk_fixture *f)
{
	char p[128];

	sim_world_free(f->w);
	floorplan_free(f->fp);
	survey_close(f->s);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
}

static const struct sim_stop corridor[] = {
	{ { 1, 5 }, 0 }, { { 30, 5 }, 0 }, { { 30, 9 }, 0 }, { { 70, 9 }, 0 },
};

struct collected {
	long scans, links, failed, not_assoc, placed_scans, unplaced, stale, obs, assoc_obs, links_5g;
	double max_gap_scan, prev_scan_t, prev_link_t, max_gap_link, min_gap_link;
	double max_off_route;      /* placed sample's distance from the route, m */
	const struct sim_stop *route;
	size_t nroute;
	uint64_t digest;
	int64_t t0;
};

static uint64_t fold(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

static int collect_cb(void *arg, const struct meas_sample *smp,
		      const struct meas_observation *obs, size_t nobs,
		      const struct meas_link *link, const struct meas_throughput *tput)
{
	struct collected *c = arg;
	double t = (smp->t_us - c->t0) / 1e6;

	(void)tput;
	c->digest = fold(c->digest, &smp->t_us, sizeof(smp->t_us));
	c->digest = fold(c->digest, &smp->mono_us, sizeof(smp->mono_us));
	c->digest = fold(c->digest, &smp->status, sizeof(smp->status));
	c->unplaced += !smp->placed;
	if (smp->placed) {
		double d = INFINITY;

		c->digest = fold(c->digest, &smp->x_m, sizeof(smp->x_m));
		c->digest = fold(c->digest, &smp->y_m, sizeof(smp->y_m));
		for (size_t i = 0; i + 1 < c->nroute; i++)
			d = fmin(d, fp_point_segment_distance((struct fp_point){ smp->x_m, smp->y_m },
							      c->route[i].p, c->route[i + 1].p));
		c->max_off_route = fmax(c->max_off_route, d);
	}
	if (smp->kind == SAMPLE_SCAN) {
		if (c->scans)
			c->max_gap_scan = fmax(c->max_gap_scan, t - c->prev_scan_t);
		c->prev_scan_t = t;
		c->scans++;
		c->failed += smp->status == SAMPLE_SCAN_FAILED;
		if (smp->status == SAMPLE_SCAN_FAILED)
			assert_int_equal(nobs, 0);
		if (smp->placed)
			c->placed_scans++;
		for (size_t i = 0; i < nobs; i++) {
			c->digest = fold(c->digest, &obs[i].signal_dbm, sizeof(obs[i].signal_dbm));
			c->digest = fold(c->digest, obs[i].bssid, 6);
			c->digest = fold(c->digest, &obs[i].age_ms, sizeof(obs[i].age_ms));
			assert_true(obs[i].age_ms >= 0);
			assert_true(obs[i].signal_dbm >= -92);
			c->stale += obs[i].age_ms > 3000;
			c->assoc_obs += obs[i].associated;
			c->obs++;
		}
	} else if (smp->kind == SAMPLE_LINK) {
		if (c->links) {
			c->max_gap_link = fmax(c->max_gap_link, t - c->prev_link_t);
			c->min_gap_link = fmin(c->min_gap_link, t - c->prev_link_t);
		}
		c->prev_link_t = t;
		c->links++;
		if (smp->status == SAMPLE_NOT_ASSOCIATED) {
			c->not_assoc++;
			assert_null(link);
		} else {
			assert_non_null(link);
			assert_string_equal(link->ssid, "NHS-Corporate");
			assert_true(link->signal_dbm >= -92);
			assert_true(link->tx_bitrate_mbps >= 6.0);
			c->links_5g += link->freq_mhz > 5000;
			c->digest = fold(c->digest, &link->signal_dbm, sizeof(link->signal_dbm));
		}
	}
	return 0;
}

static struct collected collect(struct walk_fixture *f, int64_t walk_id, const struct sim_stop *route,
				size_t nroute, int64_t t0)
{
	struct collected c = { .route = route, .nroute = nroute, .digest = 14695981039346656037ULL,
			       .min_gap_link = INFINITY, .t0 = t0 };
	struct survey_query q = { .walk_id = walk_id };
	struct ns_err err = { 0 };

	if (survey_foreach_sample(f->s, &q, collect_cb, &c, &err))
		fail_msg("survey_foreach_sample: %s", err.msg);
	return c;
}

static void test_continuous_walk_is_recorded_like_a_real_walk(void **state)
{
	struct walk_fixture f;
	struct sim_walk_opts o;
	struct sim_walk_stats st;
	struct survey_walk wk;
	struct survey_waypoint *wp;
	struct collected c;
	struct ns_err err = { 0 };
	size_t n;
	int64_t id, t0 = 1795167000000000LL; /* 2026-11-20T09:30:00Z */

	(void)state;
	walk_setup(&f, "continuous");
	sim_walk_opts_default(&o);
	o.start_us = t0;
	o.seed = 3;
	id = sim_walk_ex(f.w, f.s, f.floor_id, corridor, 4, &o, &st, &err);
	if (id <= 0)
		fail_msg("sim_walk: %s", err.msg);
	assert_int_equal(survey_get_walk(f.s, id, &wk, &err), 0);
	assert_string_equal(wk.mode, "simulated");
	assert_true(strncmp(wk.note, "track=continuous seed=3", 23) == 0);
	assert_true(wk.start_us == t0);
	assert_true(wk.end_us == st.end_us);
	/* One waypoint per tap, tapped 1 s after recording starts, then on arrival. */
	assert_int_equal(survey_list_waypoints(f.s, id, &wp, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_true(wp[0].t_us == t0 + 1000000);
	for (size_t i = 0; i < 4; i++) {
		assert_float_equal(wp[i].x_m, corridor[i].p.x, 0);
		assert_float_equal(wp[i].y_m, corridor[i].p.y, 0);
	}
	/* 29 m at 1 m/s ± 20%. */
	assert_true(wp[1].t_us - wp[0].t_us > 24000000 && wp[1].t_us - wp[0].t_us < 37000000);
	free(wp);

	c = collect(&f, id, corridor, 4, t0);
	assert_int_equal(c.scans, (long)st.scans);
	assert_int_equal(c.links, (long)st.links);
	/* Scans every 2.5 s (± jitter), links at 5 Hz (± 4 ms). */
	assert_true(c.max_gap_scan < 3.0);
	assert_true(c.min_gap_link > 0.195 && c.max_gap_link < 0.205);
	assert_float_equal((double)c.scans, (st.end_us - t0) / 2.5e6, 2);
	/* The link polls in the second before the first tap stay unplaced. */
	assert_true(c.unplaced >= 4);
	assert_true(c.placed_scans > c.scans - 4);
	/* Placed on the route: the track interpolates between taps. */
	assert_true(c.max_off_route < 1e-6);
	/* Some results come from the kernel's cache, and one BSS is the associated one. */
	assert_true(c.obs > 0);
	assert_int_equal(c.stale, (long)st.stale);
	assert_true(c.assoc_obs > 0);
	/* The laptop prefers 5 GHz where it is decent: along this corridor, mostly. */
	assert_true(c.links_5g > (c.links - c.not_assoc) / 2);
	walk_teardown(&f);
}

static void test_continuous_walk_taps_again_when_leaving_a_dwell(void **state)
{
	struct walk_fixture f;
	struct sim_walk_opts o;
	struct survey_waypoint *wp;
	struct ns_err err = { 0 };
	struct sim_stop route[] = { { { 1, 5 }, 0 }, { { 20, 5 }, 5 }, { { 20, 9 }, 0 } };
	size_t n;
	int64_t id;

	(void)state;
	walk_setup(&f, "dwell");
	sim_walk_opts_default(&o);
	o.start_us = 1795167000000000LL;
	id = sim_walk(f.w, f.s, f.floor_id, route, 3, &o, &err);
	assert_true(id > 0);
	assert_int_equal(survey_list_waypoints(f.s, id, &wp, &n, &err), 0);
	/* Arrive at (20, 5), stand 5 s, tap again on leaving: 4 taps for 3 stops. */
	assert_int_equal(n, 4);
	assert_float_equal(wp[1].x_m, 20, 0);
	assert_float_equal(wp[2].x_m, 20, 0);
	assert_float_equal(wp[2].y_m, 5, 0);
	assert_true(wp[2].t_us - wp[1].t_us == 5000000);
	free(wp);
	walk_teardown(&f);
}

static void test_walk_is_deterministic_by_seed_and_start(void **state)
{
	struct walk_fixture a, b;
	struct sim_walk_opts o;
	struct collected ca, cb, cc;
	int64_t ida, idb, idc, t0 = 1795167000000000LL;

	(void)state;
	walk_setup(&a, "a");
	walk_setup(&b, "b");
	sim_walk_opts_default(&o);
	o.start_us = t0;
	o.seed = 77;
	ida = sim_walk(a.w, a.s, a.floor_id, corridor, 4, &o, NULL);
	idb = sim_walk(b.w, b.s, b.floor_id, corridor, 4, &o, NULL);
	assert_true(ida > 0 && idb > 0);
	ca = collect(&a, ida, corridor, 4, t0);
	cb = collect(&b, idb, corridor, 4, t0);
	assert_true(ca.digest == cb.digest);
	assert_int_equal(ca.obs, cb.obs);
	o.seed = 78;
	idc = sim_walk(a.w, a.s, a.floor_id, corridor, 4, &o, NULL);
	cc = collect(&a, idc, corridor, 4, t0);
	assert_true(cc.digest != ca.digest);
	walk_teardown(&a);
	walk_teardown(&b);
}

struct stop_check {
	const struct survey_waypoint *wp;
	size_t n;
	long placed;
};

/* Every placed sample sits exactly on a tapped stop. */
static int on_a_stop(void *arg, const struct meas_sample *smp,
		     const struct meas_observation *obs, size_t nobs,
		     const struct meas_link *link, const struct meas_throughput *tput)
{
	struct stop_check *chk = arg;
	bool found = false;

	(void)obs;
	(void)nobs;
	(void)link;
	(void)tput;
	for (size_t i = 0; i < chk->n; i++)
		if (smp->x_m == chk->wp[i].x_m && smp->y_m == chk->wp[i].y_m)
			found = true;
	if (!found)
		fail_msg("sample at (%.3f, %.3f) is not on a stop", smp->x_m, smp->y_m);
	chk->placed++;
	return 0;
}

static void test_stop_and_go_places_samples_at_the_stops_only(void **state)
{
	struct walk_fixture f;
	struct sim_walk_opts o;
	struct sim_walk_stats st;
	struct survey_waypoint *wp;
	struct survey_query q = { .placed_only = true };
	struct stop_check chk;
	struct ns_err err = { 0 };
	size_t n;
	int64_t id, t0 = 1795167000000000LL;

	(void)state;
	walk_setup(&f, "stopgo");
	sim_walk_opts_default(&o);
	o.mode = SIM_WALK_STOP_AND_GO;
	o.start_us = t0;
	id = sim_walk_ex(f.w, f.s, f.floor_id, corridor, 4, &o, &st, &err);
	if (id <= 0)
		fail_msg("sim_walk: %s", err.msg);
	{
		struct survey_walk wk;

		assert_int_equal(survey_get_walk(f.s, id, &wk, &err), 0);
		assert_true(strncmp(wk.note, "track=stop-and-go", 17) == 0);
	}
	/* Stops every 3 m at most: 29 m → 10 legs, 4 m → 2, 40 m → 14; 27 taps. */
	assert_int_equal(survey_list_waypoints(f.s, id, &wp, &n, &err), 0);
	assert_int_equal(n, 27);
	assert_int_equal(st.waypoints, 27);
	assert_float_equal(wp[1].x_m, 1 + 29.0 / 10, 1e-9);
	assert_float_equal(wp[10].x_m, 30, 1e-9);
	assert_float_equal(wp[12].y_m, 9, 1e-9);
	/* Stand 6 s at each, then walk on (2.9 m at about 1 m/s). */
	assert_true(wp[1].t_us - wp[0].t_us > 8000000);
	chk = (struct stop_check){ wp, n, 0 };
	q.walk_id = id;
	assert_int_equal(survey_foreach_sample(f.s, &q, on_a_stop, &chk, &err), 0);
	assert_true(chk.placed > 0);
	/* Walking between stops takes time: samples taken then stay unplaced. */
	assert_true(chk.placed < (long)(st.scans + st.links));
	free(wp);
	walk_teardown(&f);
}

static void test_link_is_lost_where_the_signal_dies_and_stored_as_data(void **state)
{
	struct walk_fixture f;
	struct sim_walk_opts o;
	struct sim_walk_stats st;
	struct collected c;
	struct ns_err err = { 0 };
	/* From the AP at (2, 5) east behind the concrete wall, 75 m out, and
	 * through lead: the far end of the floor hears nothing. */
	struct sim_stop far[] = { { { 2, 6 }, 0 }, { { 79, 6 }, 0 } };
	struct sim_ap weak = one_ap((struct fp_point){ 2, 5 }, 2.7, 0);
	struct sim_config cfg;
	int64_t id;

	(void)state;
	walk_setup(&f, "lost");
	sim_world_free(f.w);
	sim_config_default(&cfg);
	assert_int_equal(sim_world_new(f.fp, &weak, 1, &cfg, &f.w, &err), 0);
	sim_walk_opts_default(&o);
	o.start_us = 1795167000000000LL;
	id = sim_walk_ex(f.w, f.s, f.floor_id, far, 2, &o, &st, &err);
	if (id <= 0)
		fail_msg("sim_walk: %s", err.msg);
	c = collect(&f, id, far, 2, o.start_us);
	assert_true(st.not_associated > 0);
	assert_int_equal(c.not_assoc, (long)st.not_associated);
	assert_true(c.links - c.not_assoc > 0);
	walk_teardown(&f);
}

static void test_walk_refuses_unknown_ssid_and_bad_options(void **state)
{
	struct walk_fixture f;
	struct sim_walk_opts o;
	struct ns_err err = { 0 };

	(void)state;
	walk_setup(&f, "bad");
	sim_walk_opts_default(&o);
	snprintf(o.link_ssid, sizeof(o.link_ssid), "eduroam");
	assert_int_equal(sim_walk(f.w, f.s, f.floor_id, corridor, 4, &o, &err), -2);
	assert_string_equal(err.msg, "no AP of the simulation broadcasts SSID 'eduroam'");
	sim_walk_opts_default(&o);
	o.speed_mps = 0;
	assert_int_equal(sim_walk(f.w, f.s, f.floor_id, corridor, 4, &o, &err), -22);
	assert_int_equal(sim_walk(f.w, f.s, f.floor_id, corridor, 0, &o, &err), -22);
	walk_teardown(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signal_through_one_concrete_wall_matches_hand_computation),
		cmocka_unit_test(test_antenna_height_makes_the_distance_three_dimensional),
		cmocka_unit_test(test_fire_door_and_partition_losses_add_with_steeper_exponent),
		cmocka_unit_test(test_bssids_of_one_ap_differ_only_in_low_bits),
		cmocka_unit_test(test_channel_arithmetic),
		cmocka_unit_test(test_world_is_deterministic_by_seed),
		cmocka_unit_test(test_shadowing_has_configured_sigma_and_correlation),
		cmocka_unit_test(test_shadowed_world_has_configured_sigma_in_db),
		cmocka_unit_test(test_scan_reports_what_a_real_scan_does),
		cmocka_unit_test(test_scan_cuts_off_below_sensitivity),
		cmocka_unit_test(test_scan_noise_and_misses_follow_the_configuration),
		cmocka_unit_test(test_ap_file_is_read_with_defaults),
		cmocka_unit_test(test_ap_file_errors_name_the_element_and_key),
		cmocka_unit_test(test_route_file_is_read_and_checked),
		cmocka_unit_test(test_truth_grid_refuses_a_cell_too_small_to_count),
		cmocka_unit_test(test_truth_grid_holds_the_true_signal_at_cell_centres),
		cmocka_unit_test(test_default_aps_for_a_floor_follow_its_plan),
		cmocka_unit_test(test_continuous_walk_is_recorded_like_a_real_walk),
		cmocka_unit_test(test_continuous_walk_taps_again_when_leaving_a_dwell),
		cmocka_unit_test(test_walk_is_deterministic_by_seed_and_start),
		cmocka_unit_test(test_stop_and_go_places_samples_at_the_stops_only),
		cmocka_unit_test(test_link_is_lost_where_the_signal_dies_and_stored_as_data),
		cmocka_unit_test(test_walk_refuses_unknown_ssid_and_bad_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
