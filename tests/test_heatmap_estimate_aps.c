/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heatmap_estimate_aps.c — the estimator's physical APs, learned walls
 * and evidence bound: the radios of one AP share one place with an honest
 * uncertainty, walls are learned only where the walk saw both sides, and no
 * surveyed cell reads above what was measured near it.
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

#include "heatmap/estimate.h"
#include "heatmap/map.h"
#include "tests/support/heatmap_world.h"

/* The corridor there and back, and the bay. */
static const struct fp_point walk[] = { { 1, 10 }, { 29, 10 }, { 20.5, 10 }, { 20.5, 16 },
					{ 2, 16 },  { 2, 18 },  { 28, 18 } };

static struct hmw_ap ap(double x, double y, double p1, int freq, int ch, uint8_t m4, uint8_t m5,
			const char *name)
{
	struct hmw_ap a = { x, y, p1, 2.2, 1.5, { 0x02, 0x11, 0x22, 0x33, m4, m5 }, freq, ch, "NHS", "",
			    NAN };

	snprintf(a.name, sizeof(a.name), "%s", name);
	return a;
}

static struct hm_est *estimate(struct hm_set *set, const struct floorplan *fp, struct hm_grid *g,
			       const struct hm_est_opts *o)
{
	struct hm_est *e = NULL;

	assert_int_equal(hm_set_finish(set, NULL), 0);
	assert_int_equal(hm_grid_init(g, (struct fp_point){ 0, 0 }, (struct fp_point){ 30, 20 }, 0.25,
				      NULL),
			 0);
	assert_int_equal(hm_est_new(set, fp, g, o, &e, NULL), 0);
	return e;
}

/* The fitted AP holding radio @r. */
static const struct hm_ap_fit *ap_of(const struct hm_est *e, size_t r)
{
	const struct hm_model *m = hm_est_model(e, r);
	size_t n;
	const struct hm_ap_fit *aps = hm_est_aps(e, &n);

	assert_non_null(m);
	assert_true(m->ap >= 0 && (size_t)m->ap < n);
	return &aps[m->ap];
}

/*
 * Two unnamed dual-band APs whose radios are one MAC family each (radio r at
 * base + 0x10·r) and a third whose 5 GHz radio has an unrelated MAC: each
 * AP's radios are fitted at one place, with the evidence said; the two
 * families, 13 m apart, are never merged.
 */
static void test_aps_radios_of_one_ap_share_one_place(void **state)
{
	struct floorplan *fp = hmw_floor();
	struct hmw_ap aps[] = {
		ap(5, 10, -38, 2412, 1, 0x01, 0x00, ""),  ap(5, 10, -33, 5180, 36, 0x01, 0x10, ""),
		ap(18, 10, -38, 2437, 6, 0x02, 0x00, ""), ap(18, 10, -33, 5220, 44, 0x02, 0x10, ""),
		ap(12, 16, -38, 2462, 11, 0x07, 0x00, ""), ap(12, 16, -33, 5260, 52, 0x77, 0x40, ""),
	};
	struct hm_set set;
	struct hm_grid g;
	struct hm_est *e;
	uint64_t rng = 5;

	(void)state;
	hm_set_init(&set);
	assert_true(hmw_walk(&set, fp, aps, 6, walk, 7, 0.75, 2, 1, &rng) > 50);
	e = estimate(&set, fp, &g, NULL);
	assert_int_equal(set.nradios, 6);
	for (size_t r = 0; r < set.nradios; r++) {
		const struct hm_ap_fit *a = ap_of(e, r);
		const struct hmw_ap *truth = NULL;

		for (size_t k = 0; k < 6; k++)
			if (memcmp(aps[k].mac, set.radios[r].mac, 6) == 0)
				truth = &aps[k];
		assert_non_null(truth);
		print_message("radio %zu: AP %s (%s, %d radios) at (%.1f, %.1f) ±%.1f×%.1f m, true (%.0f, %.0f)\n",
			      r, a->name, hm_ap_evidence_name(a->evidence), a->nradios, a->x, a->y,
			      a->ell_major_m, a->ell_minor_m, truth->x, truth->y);
		assert_int_equal(a->nradios, 2);
		assert_true(a->evidence == (truth->mac[4] == 0x07 || truth->mac[4] == 0x77
						    ? HM_AP_COLOCATED
						    : HM_AP_BY_MAC));
		assert_true(hypot(a->x - truth->x, a->y - truth->y) <= 1.5);
		/* The model of each radio sits at its AP's place. */
		assert_float_equal(hm_est_model(e, r)->x, a->x, 1e-9);
		assert_float_equal(hm_est_model(e, r)->y, a->y, 1e-9);
		/* An honest uncertainty: finite, and the truth within 2.45 σ (95 %). */
		assert_true(a->ell_major_m >= a->ell_minor_m && a->ell_minor_m > 0 && a->ell_major_m < 25);
		double dx = truth->x - a->x, dy = truth->y - a->y, c = cos(a->ell_angle_rad),
		       s = sin(a->ell_angle_rad);
		double u = (dx * c + dy * s) / a->ell_major_m, v = (-dx * s + dy * c) / a->ell_minor_m;

		assert_true(u * u + v * v <= 2.45 * 2.45);
	}
	hm_est_free(e);
	hm_set_release(&set);
	floorplan_free(fp);
}

/* Radios with one AP name are one AP whatever their MACs; grouping can be switched off. */
static void test_aps_named_radios_are_one_ap_and_grouping_can_be_off(void **state)
{
	struct floorplan *fp = hmw_floor();
	struct hmw_ap aps[] = { ap(9, 10, -38, 2412, 1, 0x01, 0x00, "W-AP01"),
				ap(9, 10, -33, 5180, 36, 0x55, 0x30, "W-AP01") };
	struct hm_set set;
	struct hm_grid g;
	struct hm_est *e;
	struct hm_est_opts o;
	size_t n;
	uint64_t rng = 9;

	(void)state;
	hm_set_init(&set);
	assert_true(hmw_walk(&set, fp, aps, 2, walk, 7, 0.75, 2, 1, &rng) > 50);
	e = estimate(&set, fp, &g, NULL);
	hm_est_aps(e, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ap_of(e, 0)->evidence, HM_AP_BY_NAME);
	assert_string_equal(ap_of(e, 0)->name, "W-AP01");
	hm_est_free(e);
	hm_est_opts_default(&o);
	o.group_aps = false;
	assert_int_equal(hm_est_new(&set, fp, &g, &o, &e, NULL), 0);
	hm_est_aps(e, &n);
	assert_int_equal(n, 2);
	hm_est_free(e);
	hm_set_release(&set);
	floorplan_free(fp);
}

/* A world whose walls are not the drawing's: the floor of hmw_floor() with a
 * fire door across the corridor at x = 15, held open (it costs nothing). */
static struct floorplan *floor_with_fire_door(void)
{
	struct floorplan *fp = hmw_floor();
	const struct fp_material *brick = fp_material_find("brick"), *fd = fp_material_find("fire-door");
	struct fp_point w[2] = { { 15, 8 }, { 15, 12 } };

	floorplan_add_wall(fp, w, 2, brick->key, brick->loss_db);
	floorplan_add_opening(fp, w[0], w[1], fd->key, fd->loss_db);
	return fp;
}

/*
 * The drawing says a fire door (24 dB at 5 GHz) crosses the corridor; in the
 * building it is held open. With readings on both sides of it, the survey
 * says so: its learned loss falls far below the drawing's, the map beyond it
 * is not 24 dB too dark, and the lead of the X-ray room — never seen from
 * inside — stays as drawn.
 */
static void test_aps_walls_are_learned_where_seen_from_both_sides(void **state)
{
	struct floorplan *truth_fp = hmw_floor(), *drawn = floor_with_fire_door();
	struct hmw_ap aps[] = { ap(6, 10, -30, 5180, 36, 0x01, 0x10, "A"),
				ap(24, 10, -30, 5220, 44, 0x02, 0x10, "B") };
	struct hm_set set;
	struct hm_grid g;
	struct hm_est *e;
	size_t n;
	float *f;
	uint64_t rng = 13;
	bool fire = false, lead = false;
	int i, j;

	(void)state;
	hm_set_init(&set);
	/* Readings from the world without the door; the estimate is given the drawing with it. */
	assert_true(hmw_walk(&set, truth_fp, aps, 2, walk, 7, 0.5, 2, 1, &rng) > 50);
	e = estimate(&set, drawn, &g, NULL);
	const struct hm_wall_fit *wf = hm_est_wall_fits(e, &n);

	for (size_t k = 0; k < n; k++) {
		print_message("%s: drawn %.1f dB, learned %.1f dB at 5 GHz, %d paths%s\n", wf[k].material,
			      wf[k].drawn_db[FP_BAND_5G], wf[k].fitted_db[FP_BAND_5G], wf[k].npaths,
			      wf[k].learned ? "" : " (not learned)");
		if (strcmp(wf[k].material, "fire-door") == 0) {
			fire = true;
			assert_true(wf[k].learned);
			assert_true(wf[k].fitted_db[FP_BAND_5G] < 0.5 * wf[k].drawn_db[FP_BAND_5G]);
		}
		if (strcmp(wf[k].material, "lead-lined") == 0) {
			lead = true;
			assert_false(wf[k].learned);
			assert_float_equal(wf[k].fitted_db[FP_BAND_5G], wf[k].drawn_db[FP_BAND_5G], 1e-9);
		}
	}
	assert_true(fire && lead);
	/* AP A's field at (20, 10), beyond the door: within a few dB of the world's. */
	f = malloc(hm_grid_ncells(&g) * sizeof(float));
	assert_int_equal(hm_est_radio(e, 0, HM_METHOD_MODEL, NULL, f, NULL), 0);
	assert_true(hm_grid_cell_of(&g, (struct fp_point){ 20, 10.5 }, &i, &j));
	print_message("beyond the door: %.1f dBm, the world %.1f dBm\n", f[(size_t)j * g.nx + i],
		      hmw_signal(&aps[0], truth_fp, 20, 10.5, 0));
	assert_true(fabs(f[(size_t)j * g.nx + i] - hmw_signal(&aps[0], truth_fp, 20, 10.5, 0)) < 5);
	free(f);
	hm_est_free(e);
	hm_set_release(&set);
	floorplan_free(truth_fp);
	floorplan_free(drawn);
}

static void add_reading(struct hm_set *set, double x, double y, double v, int64_t t)
{
	struct meas_sample s = { 0 };
	struct meas_observation o = { 0 };

	s.kind = SAMPLE_SCAN;
	s.status = SAMPLE_OK;
	s.placed = true;
	s.x_m = x;
	s.y_m = y;
	s.t_us = t;
	s.noise_dbm = NAN;
	memcpy(o.bssid, (uint8_t[]){ 0x02, 0, 0, 0, 0x09, 0x10 }, 6);
	snprintf(o.ssid, sizeof(o.ssid), "NHS");
	o.freq_mhz = 5180;
	o.channel = 36;
	o.signal_dbm = v;
	o.noise_dbm = NAN;
	o.bss_stations = -1;
	o.bss_utilisation = NAN;
	o.age_ms = -1;
	assert_int_equal(hm_set_add_sample(set, &s, &o, 1, NULL, NULL), 0);
}

/*
 * The case: a 9-sample cluster peaking at −37 dBm, and further along
 * the corridor readings that put the AP (by the model) near (10.5, 10). The
 * model alone says about −29 dBm at (10, 10), 3.9 m from the cluster; the
 * map says no more than the cluster's peak plus the allowance for 3.9 m.
 * And on a noisy world: no surveyed cell of any radio reads above the
 * strongest reading of that radio within the reach in its room plus the
 * allowance.
 */
static void test_aps_estimate_is_never_above_the_evidence(void **state)
{
	struct floorplan *fp = hmw_floor();
	struct hm_set set;
	struct hm_grid g;
	struct hm_est *e;
	struct hm_est_opts o;
	struct hm_model m;
	int64_t t = 1795000000000000;
	int i, j;

	(void)state;
	hm_set_init(&set);
	for (int k = 0; k < 9; k++) /* the cluster round (6.1, 10): −40 … −37 */
		add_reading(&set, 6.1 + 0.2 * (k % 3), 9.8 + 0.2 * (k / 3), -40 + (k % 4), t += 2500000);
	for (double x = 15.5; x <= 29; x += 0.75)
		add_reading(&set, x, 10, -25 - 20 * log10(hypot(x - 10.5, 1.5)), t += 2500000);
	e = estimate(&set, fp, &g, NULL);
	float *f = malloc(hm_grid_ncells(&g) * sizeof(float));

	assert_int_equal(hm_est_radio(e, 0, HM_METHOD_MODEL, NULL, f, &m), 0);
	assert_true(hm_grid_cell_of(&g, (struct fp_point){ 10, 10 }, &i, &j));
	hm_est_opts_default(&o);
	double model = hm_model_predict(&m, 10.125, 10.125, 0), got = f[(size_t)j * g.nx + i];
	double bound = -37 + o.cap_db + o.cap_db_per_m * hypot(10.125 - 6.3, 0.125);

	print_message("at (10, 10): the model %.1f dBm, the map %.1f dBm, the bound %.1f dBm\n", model,
		      got, bound);
	assert_true(hm_est_support(e)[(size_t)j * g.nx + i]);
	assert_true(model > bound + 1); /* the case bites: the model alone is above the evidence */
	assert_true(got <= bound + 0.05);
	hm_est_free(e);
	hm_set_release(&set);
	free(f);
	floorplan_free(fp);
}

/* The bound as a property, on a noisy world, for every radio and surveyed cell. */
static void test_aps_no_surveyed_cell_above_its_readings(void **state)
{
	struct floorplan *fp = hmw_floor();
	struct hmw_ap aps[8];
	size_t naps = hmw_aps_default(aps, 8), nrooms;
	struct hm_set set;
	struct hm_grid g;
	struct hm_est *e;
	struct hm_est_opts o;
	uint64_t rng = 21;
	size_t checked = 0;

	(void)state;
	hm_set_init(&set);
	assert_true(hmw_walk(&set, fp, aps, naps, walk, 7, 1.0, 4, 2, &rng) > 50);
	e = estimate(&set, fp, &g, NULL);
	hm_est_opts_default(&o);
	const int *room = hm_est_rooms(e, &nrooms);
	const uint8_t *sup = hm_est_support(e);
	float *f = malloc(hm_grid_ncells(&g) * sizeof(float));

	for (size_t r = 0; r < set.nradios; r++) {
		assert_int_equal(hm_est_radio(e, r, HM_METHOD_MODEL, NULL, f, NULL), 0);
		for (int j = 0; j < g.ny; j++)
			for (int i = 0; i < g.nx; i++) {
				size_t c = (size_t)j * g.nx + i;
				struct fp_point p = hm_grid_center(&g, i, j);
				double bound = -INFINITY;

				if (!sup[c])
					continue;
				for (size_t b = 0; b < set.nbss; b++) {
					const struct hm_ptset *s = &set.bss[b].sig;

					for (size_t k = 0; set.bss[b].radio == r && k < s->n; k++) {
						int pi, pj;
						double d = hypot(s->p[k].x - p.x, s->p[k].y - p.y);

						/* Readings, not bin means: a bin's mean is never above its best. */
						if (d <= o.reach_m + 1.0 &&
						    hm_grid_cell_of(&g, (struct fp_point){ s->p[k].x, s->p[k].y }, &pi, &pj) &&
						    room[(size_t)pj * g.nx + pi] == room[c])
							bound = fmax(bound, s->p[k].v + o.cap_db +
										    o.cap_db_per_m * (d + 1.0));
					}
				}
				if (!isfinite(bound))
					continue;
				checked++;
				assert_true(f[c] <= bound + 0.05);
			}
	}
	assert_true(checked > 1000);
	free(f);
	hm_est_free(e);
	hm_set_release(&set);
	floorplan_free(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aps_radios_of_one_ap_share_one_place),
		cmocka_unit_test(test_aps_named_radios_are_one_ap_and_grouping_can_be_off),
		cmocka_unit_test(test_aps_walls_are_learned_where_seen_from_both_sides),
		cmocka_unit_test(test_aps_estimate_is_never_above_the_evidence),
		cmocka_unit_test(test_aps_no_surveyed_cell_above_its_readings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
