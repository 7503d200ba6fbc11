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

#include "floorplans/model.h"
#include "sim/rng.h"
#include "sim/shadow.h"
#include "sim/sim.h"

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
		struct survey_observation o1[8], o2[8];
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
	struct survey_observation o[8];
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
	struct survey_observation o[8];
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
	struct survey_observation o[8];
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
			"aps[0].radios[0]: unknown key \"chanel\"");
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

static void test_truth_grid_holds_the_true_signal_at_cell_centres(void **state)
{
	struct floorplan *fp = test_floor();
	struct sim_config cfg;
	struct sim_ap ap = one_ap((struct fp_point){ 0, 5 }, 2.7, 20);
	struct sim_world *w;
	char dir[] = "/tmp/test_sim_XXXXXX", path[64], line[512];
	FILE *f;
	int rows = 0, checked = 0;

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
		cmocka_unit_test(test_truth_grid_holds_the_true_signal_at_cell_centres),
		cmocka_unit_test(test_default_aps_for_a_floor_follow_its_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
