/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heatmap_estimate.c — the estimator: it reproduces what was measured,
 * finds the transmitter, and does not carry a reading through a wall.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "heatmap/estimate.h"
#include "heatmap/map.h"
#include "heatmap/peers.h"
#include "tests/support/heatmap_world.h"

/* The corridor, the bay and a visit into the first room. */
static const struct fp_point walk[] = { { 1, 10 }, { 29, 10 }, { 20.5, 10 }, { 20.5, 16 },
					{ 2, 16 },  { 2, 18 },  { 28, 18 } };

struct fixture {
	struct floorplan *fp;
	struct hmw_ap aps[8];
	size_t naps;
	struct hm_set set;
};

static void setup(struct fixture *f, double shadow, double noise)
{
	uint64_t rng = 7;

	f->fp = hmw_floor();
	f->naps = hmw_aps_default(f->aps, 8);
	hm_set_init(&f->set);
	assert_true(hmw_walk(&f->set, f->fp, f->aps, f->naps, walk, 7, 1.0, shadow, noise, &rng) > 50);
	assert_int_equal(hm_set_finish(&f->set, NULL), 0);
}

static void teardown(struct fixture *f)
{
	hm_set_release(&f->set);
	floorplan_free(f->fp);
}

static void test_estimate_groups_bssids_into_radios_and_aps(void **state)
{
	struct fixture f;

	(void)state;
	setup(&f, 0, 0);
	/* 5 BSSIDs: AP-WEST and AP-EAST beacon two SSIDs each from one radio. */
	assert_int_equal(f.set.nbss, 5);
	assert_int_equal(f.set.nradios, 3);
	assert_int_equal(f.set.nphys, 3);
	assert_int_equal(f.set.bss[0].radio, f.set.bss[1].radio);
	teardown(&f);
}

static void test_estimate_finds_the_transmitter_from_clean_samples(void **state)
{
	struct fixture f;
	struct hm_grid g;
	struct hm_est *e;

	(void)state;
	setup(&f, 0, 0);
	assert_int_equal(hm_grid_init(&g, (struct fp_point){ 0, 0 }, (struct fp_point){ 30, 20 }, 0.25,
				      NULL),
			 0);
	assert_int_equal(hm_est_new(&f.set, f.fp, &g, NULL, &e, NULL), 0);
	float *out = malloc(hm_grid_ncells(&g) * sizeof(float));

	for (size_t r = 0; r < f.set.nradios; r++) {
		struct hm_model m;
		const struct hmw_ap *ap = NULL;

		assert_int_equal(hm_est_radio(e, r, HM_METHOD_MODEL, NULL, out, &m), 0);
		for (size_t k = 0; k < f.naps; k++)
			if (f.aps[k].freq_mhz == f.set.radios[r].freq_mhz &&
			    memcmp(f.aps[k].mac, f.set.radios[r].mac, 5) == 0)
				ap = &f.aps[k];
		assert_non_null(ap);
		assert_true(hypot(m.x - ap->x, m.y - ap->y) <= 1.0);
		assert_true(fabs(m.p1_dbm - ap->p1_dbm) <= 2.0);
		assert_true(fabs(m.n - ap->n) <= 0.25);
	}
	free(out);
	hm_est_free(e);
	teardown(&f);
}

/*
 * A weak, steep AP heard only near it (noisy readings, shadowing): the fit
 * finds its place and exponent, and where scans never heard it the map does
 * not claim it (the misses are one-sided constraints on the fit).
 */
static void test_estimate_weak_steep_ap_is_fitted_and_not_claimed_where_missed(void **state)
{
	struct floorplan *fp = hmw_floor();
	struct hmw_ap ap = { 5, 10, -50, 3.2, 1.5, { 0x02, 0, 0, 0, 0x42, 0x10 }, 5180, 36, "NHS",
			     "WEAK", NAN };
	struct hm_set set;
	struct hm_grid g;
	struct hm_est *e;
	struct hm_est_opts o;
	struct hm_model with, without;
	float *out;
	uint64_t rng = 11;

	(void)state;
	hm_set_init(&set);
	/* Corridor and bay, clean readings: heard out to about 16 m, then not. */
	assert_true(hmw_walk(&set, fp, &ap, 1, walk, 7, 0.5, 3, 3, &rng) > 50);
	assert_int_equal(hm_set_finish(&set, NULL), 0);
	assert_int_equal(hm_grid_init(&g, (struct fp_point){ 0, 0 }, (struct fp_point){ 30, 20 }, 0.5,
				      NULL),
			 0);
	out = malloc(hm_grid_ncells(&g) * sizeof(float));
	hm_est_opts_default(&o);
	assert_int_equal(hm_est_new(&set, fp, &g, &o, &e, NULL), 0);
	assert_int_equal(hm_est_radio(e, 0, HM_METHOD_MODEL, NULL, out, &with), 0);
	hm_est_free(e);
	o.hearing_dbm = 100; /* no scan ever "missed" it */
	assert_int_equal(hm_est_new(&set, fp, &g, &o, &e, NULL), 0);
	assert_int_equal(hm_est_radio(e, 0, HM_METHOD_MODEL, NULL, out, &without), 0);
	hm_est_free(e);
	print_message("n with the misses %.2f, without %.2f (true 3.2)\n", with.n, without.n);
	assert_true(fabs(with.n - 3.2) <= 0.3);
	assert_true(hypot(with.x - 5, with.y - 10) <= 1.5);
	/* Where the walk went but the AP was truly below −95 dBm, the estimate is weak too. */
	assert_int_equal(hm_est_new(&set, fp, &g, NULL, &e, NULL), 0);
	assert_int_equal(hm_est_radio(e, 0, HM_METHOD_MODEL, NULL, out, NULL), 0);
	int far = 0;

	for (size_t k = 0; k < set.where.n; k++) {
		double x = set.where.p[k].x, y = set.where.p[k].y;
		int i, j;

		if (hmw_signal(&ap, fp, x, y, 0) > -95 || !hm_grid_cell_of(&g, (struct fp_point){ x, y }, &i, &j))
			continue;
		far++;
		assert_true(out[(size_t)j * g.nx + i] < -86);
	}
	assert_true(far > 5);
	hm_est_free(e);
	free(out);
	hm_set_release(&set);
	floorplan_free(fp);
}

static void test_estimate_reproduces_the_samples_where_taken(void **state)
{
	struct fixture f;
	struct hm_grid g;
	struct hm_est *e;
	double worst = 0;

	(void)state;
	/* Shadowing the model cannot know (σ 3 dB) plus 1 dB of reading noise. */
	setup(&f, 3, 1);
	assert_int_equal(hm_grid_init(&g, (struct fp_point){ 0, 0 }, (struct fp_point){ 30, 20 }, 0.25,
				      NULL),
			 0);
	assert_int_equal(hm_est_new(&f.set, f.fp, &g, NULL, &e, NULL), 0);
	float *out = malloc(hm_grid_ncells(&g) * sizeof(float));
	double se = 0;
	int n = 0;

	/* AP-BAY's radio: the estimate where each reading was taken, against the reading. */
	const struct hm_bss *bay = &f.set.bss[4];
	double set_ = 0;

	assert_string_equal(bay->ap_name, "AP-BAY");
	assert_int_equal(hm_est_radio(e, bay->radio, HM_METHOD_MODEL, NULL, out, NULL), 0);
	for (size_t k = 0; k < bay->sig.n; k++) {
		int i, j;
		double x = bay->sig.p[k].x, y = bay->sig.p[k].y;

		assert_true(hm_grid_cell_of(&g, (struct fp_point){ x, y }, &i, &j));
		double est = out[(size_t)j * g.nx + i];
		double d = est - bay->sig.p[k].v;
		double t = est - hmw_signal(&f.aps[4], f.fp, x, y, hmw_shadow(4, x, y, 3));

		se += d * d;
		set_ += t * t;
		n++;
		worst = fmax(worst, fabs(d));
	}
	print_message("reproduction: RMS %.2f dB from the readings (worst %.2f), %.2f dB from the "
		      "truth, %d points\n",
		      sqrt(se / n), worst, sqrt(set_ / n), n);
	/* The readings carry 1 dB of noise and 0.5 dB of rounding; the place a quarter metre. */
	assert_true(sqrt(se / n) < 2.0);
	assert_true(worst < 6);
	assert_true(sqrt(set_ / n) < 2.5);
	free(out);
	hm_est_free(e);
	teardown(&f);
}

static void test_estimate_cell_behind_lead_sampled_from_outside_is_not_surveyed(void **state)
{
	struct fixture f;
	struct hm_map_opts o;
	struct hm_map m;
	struct hm_profile p;
	int i, j;

	(void)state;
	setup(&f, 0, 0);
	hm_map_opts_default(&o);
	assert_int_equal(hm_profile_builtin("nhs-data", &p, NULL), 0);
	o.profile = &p;
	assert_int_equal(hm_map_build(&f.set, f.fp, &o, &m, NULL), 0);
	/* (27, 7): 3 m from the corridor walk, behind the X-ray room's lead. */
	assert_true(hm_grid_cell_of(&m.grid, (struct fp_point){ 27, 7 }, &i, &j));
	size_t c = (size_t)j * m.grid.nx + i;

	assert_int_equal(m.cover[c], HM_COVER_NOT_SURVEYED);
	assert_int_equal(m.verdict[c], HM_V_NOT_SURVEYED);
	/* The estimate itself knows the lead is there: far below the corridor's level. */
	assert_true(m.m[HM_M_PRIMARY][c] < -80);
	/* (5, 14): 2 m from the walk in the bay it crossed: surveyed. */
	assert_true(hm_grid_cell_of(&m.grid, (struct fp_point){ 5, 14 }, &i, &j));
	assert_int_equal(m.cover[(size_t)j * m.grid.nx + i], HM_COVER_SURVEYED);
	/* (12, 2): 8 m from any sample: not surveyed; with --predict, predicted. */
	assert_true(hm_grid_cell_of(&m.grid, (struct fp_point){ 12, 2 }, &i, &j));
	assert_int_equal(m.cover[(size_t)j * m.grid.nx + i], HM_COVER_NOT_SURVEYED);
	hm_map_release(&m);
	o.predict = true;
	assert_int_equal(hm_map_build(&f.set, f.fp, &o, &m, NULL), 0);
	assert_int_equal(m.cover[(size_t)j * m.grid.nx + i], HM_COVER_PREDICTED);
	hm_map_release(&m);
	teardown(&f);
}

/*
 * A room the walk never entered is not surveyed because the corridor saw into
 * it: (5, 7) is 3 m from the corridor walk, through plasterboard and in sight
 * of the room's doorway, but the walk never went in. Once a walk enters the
 * room, the same cell is surveyed.
 */
static void test_estimate_room_seen_only_through_its_door_is_not_surveyed(void **state)
{
	static const struct fp_point into_room[] = { { 1, 10 }, { 29, 10 }, { 3.5, 10 }, { 3.5, 5 } };
	struct floorplan *fp = hmw_floor();
	struct hmw_ap aps[8];
	size_t naps = hmw_aps_default(aps, 8), nrooms;
	struct hm_set set;
	struct hm_grid g;
	struct hm_est *e;
	uint64_t rng = 3;
	int i, j;

	(void)state;
	assert_int_equal(hm_grid_init(&g, (struct fp_point){ 0, 0 }, (struct fp_point){ 30, 20 }, 0.25,
				      NULL),
			 0);
	assert_true(hm_grid_cell_of(&g, (struct fp_point){ 5, 7 }, &i, &j));
	for (int pass = 0; pass < 2; pass++) {
		hm_set_init(&set);
		assert_true(hmw_walk(&set, fp, aps, naps, pass ? into_room : walk, pass ? 4 : 7, 1.0, 0, 0,
				     &rng) > 20);
		assert_int_equal(hm_set_finish(&set, NULL), 0);
		assert_int_equal(hm_est_new(&set, fp, &g, NULL, &e, NULL), 0);
		/* Rooms: the floor's regions between walls, doors closed; the room and the
		 * corridor are two of them. */
		const int *room = hm_est_rooms(e, &nrooms);

		assert_true(nrooms >= 5);
		assert_int_not_equal(room[(size_t)j * g.nx + i], room[(size_t)(10 * 4) * g.nx + 5 * 4]);
		assert_int_equal(hm_est_support(e)[(size_t)j * g.nx + i], pass ? 1 : 0);
		hm_est_free(e);
		hm_set_release(&set);
	}
	floorplan_free(fp);
}

static void test_estimate_not_surveyed_cells_never_pass(void **state)
{
	struct fixture f;
	struct hm_map_opts o;
	struct hm_map m;
	struct hm_profile p;
	size_t ns = 0;

	(void)state;
	setup(&f, 3, 2);
	hm_map_opts_default(&o);
	assert_int_equal(hm_profile_builtin("nhs-data", &p, NULL), 0);
	o.profile = &p;
	assert_int_equal(hm_map_build(&f.set, f.fp, &o, &m, NULL), 0);
	for (size_t c = 0; c < hm_grid_ncells(&m.grid); c++) {
		if (m.cover[c] == HM_COVER_NOT_SURVEYED) {
			ns++;
			assert_int_equal(m.verdict[c], HM_V_NOT_SURVEYED);
		}
		if (m.verdict[c] == HM_V_PASS)
			assert_true(m.cover[c] == HM_COVER_SURVEYED);
	}
	assert_true(ns > 1000); /* the rooms above the corridor's reach, the X-ray room */
	hm_map_release(&m);
	teardown(&f);
}

static void test_estimate_peers_reproduce_a_plane(void **state)
{
	struct hm_grid g;
	struct hm_pt pts[40];
	float out[20 * 10];
	size_t n = 0;

	(void)state;
	assert_int_equal(hm_grid_init(&g, (struct fp_point){ 0, 0 }, (struct fp_point){ 10, 5 }, 0.5,
				      NULL),
			 0);
	for (int y = 0; y <= 5; y++)
		for (int x = 0; x <= 10; x += 2)
			pts[n++] = (struct hm_pt){ x, y, (float)(-50 - x - 2 * y) };
	assert_int_equal(hm_peer_delaunay(pts, n, &g, out), 0);
	/* Inside the points' hull, linear interpolation of a plane is the plane. */
	assert_float_equal(out[4 * 20 + 6], -50 - 3.25 - 2 * 2.25, 1e-3);
	assert_int_equal(hm_peer_idw(pts, n, &g, 3, 10, out), 0);
	/* IDW at a sample's own place is the sample. */
	assert_int_equal(hm_peer_rbf(pts, n, &g, out), 0);
	assert_float_equal(out[4 * 20 + 6], -50 - 3.25 - 2 * 2.25, 0.6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_estimate_groups_bssids_into_radios_and_aps),
		cmocka_unit_test(test_estimate_finds_the_transmitter_from_clean_samples),
		cmocka_unit_test(test_estimate_weak_steep_ap_is_fitted_and_not_claimed_where_missed),
		cmocka_unit_test(test_estimate_reproduces_the_samples_where_taken),
		cmocka_unit_test(test_estimate_cell_behind_lead_sampled_from_outside_is_not_surveyed),
		cmocka_unit_test(test_estimate_room_seen_only_through_its_door_is_not_surveyed),
		cmocka_unit_test(test_estimate_not_surveyed_cells_never_pass),
		cmocka_unit_test(test_estimate_peers_reproduce_a_plane),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
