/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_sim_levels.c — a building of several levels as one simulated world:
 * an AP on one level heard on another through the slab, at the 3-D distance
 * between the levels, past the walls of both; the walked level's own APs
 * exactly as in a one-level world; walks that record the other levels' APs.
 *
 * Hand-computed cases (shadowing and measurement noise off, n = 2.2, a
 * concrete-slab of 14 / 16 dB at 2.4 / 5 GHz, 4 m storeys, AP 2.7 m above its
 * floor, laptop 1.2 m above its own):
 *  - AP at (10, 10) on level 2 (antenna 8 + 2.7 = 10.7 m), receiver at the
 *    same place on level 3 (12 + 1.2 = 13.2 m): d = 2.5 m, 5 GHz, 17 dBm:
 *    17 − 46.4 − 22·log10(2.5) − 16 = −54.15468 dBm.
 *  - receiver 10 m east: d = √(10² + 2.5²) = 10.30776 m:
 *    17 − 46.4 − 22·log10(10.30776) − 16 = −67.68962 dBm.
 *  - the same two levels apart (level 2 heard on level 4: 16 + 1.2 = 17.2 m,
 *    d = 6.5 m, two slabs): COST 231 gives 16 · 2^(4/3 − 0.46) = 29.31 dB at
 *    5 GHz: 17 − 46.4 − 22·log10(6.5) − 29.31025 = −76.59434 dBm.
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

#include "floorplans/building.h"
#include "sim/sim.h"
#include "sim/survey_world.h"
#include "support/survey_fixtures.h"
#include "survey/survey.h"

/* A 40 × 20 m level @level of the building (10 px/m), walls as given. */
static struct floorplan *level(const char *name, int lvl)
{
	struct floorplan *fp = floorplan_new();

	assert_non_null(fp);
	snprintf(fp->name, sizeof(fp->name), "%s", name);
	snprintf(fp->building, sizeof(fp->building), "Tower");
	fp->level = lvl;
	fp->width_px = 400;
	fp->height_px = 200;
	fp->px_per_m = 10;
	return fp;
}

static void add_wall(struct floorplan *fp, const char *mat, double x0, double y0, double x1,
		     double y1)
{
	const struct fp_material *m = fp_material_find(mat);
	struct fp_point p[2] = { { x0, y0 }, { x1, y1 } };

	assert_int_equal(floorplan_add_wall(fp, p, 2, m->key, m->loss_db), 0);
}

static void quiet(struct sim_config *cfg)
{
	sim_config_default(cfg);
	cfg->shadow_sigma_db = 0;
	cfg->meas_sigma_db = 0;
	cfg->miss_prob = 0;
}

/* An AP at @pos, 2.7 m high, 2.4 GHz channel 1 and 5 GHz channel 36 at 17 dBm. */
static struct sim_ap ap_at(const char *name, struct fp_point pos, uint8_t mac4)
{
	struct sim_ap ap;

	memset(&ap, 0, sizeof(ap));
	snprintf(ap.name, sizeof(ap.name), "%s", name);
	ap.pos = pos;
	ap.height_m = 2.7;
	memcpy(ap.base_mac, (uint8_t[]){ 0x02, 0x4e, 0x53, 0x00, mac4, 0x00 }, 6);
	ap.radios[0] = (struct sim_radio){ 2412, 20, 0, 17, 0.2, 4 };
	ap.radios[1] = (struct sim_radio){ 5180, 20, 0, 17, 0.1, 7 };
	ap.nradios = 2;
	ap.ssids[0] = (struct sim_ssid){ "NHS-Corporate", false, "wpa2-eap" };
	ap.nssids = 1;
	return ap;
}

/* BSS index of AP @name's radio @radio in @w. */
static size_t bss_of(const struct sim_world *w, const char *name, int radio)
{
	for (size_t i = 0; i < sim_world_nbss(w); i++) {
		const struct sim_bss *b = sim_world_bss(w, i);

		if (strcmp(b->ap_name, name) == 0 && b->radio == radio)
			return i;
	}
	fail_msg("no BSS of %s radio %d", name, radio);
	return 0;
}

static void test_an_ap_below_is_heard_through_the_slab_at_its_3d_distance(void **state)
{
	struct floorplan *l2 = level("Level 2", 2), *l3 = level("Level 3", 3);
	struct sim_ap a2 = ap_at("L2-AP", (struct fp_point){ 10, 10 }, 1);
	struct sim_level lv[2] = { { l2, &a2, 1 }, { l3, NULL, 0 } };
	struct sim_config cfg;
	struct sim_world *w;
	struct ns_err err = { 0 };
	size_t b5;

	(void)state;
	quiet(&cfg);
	assert_int_equal(sim_world_new_building(lv, 2, 1, NULL, &cfg, &w, &err), 0);
	assert_int_equal(sim_world_nbss(w), 2);
	assert_ptr_equal(sim_world_ap_floor(w, 0), l2);
	b5 = bss_of(w, "L2-AP", 1);
	assert_float_equal(sim_true_signal_dbm(w, b5, (struct fp_point){ 10, 10 }),
			   17 - 46.4 - 22 * log10(2.5) - 16, 1e-9);
	assert_float_equal(sim_true_signal_dbm(w, b5, (struct fp_point){ 10, 10 }), -54.15468, 1e-5);
	assert_float_equal(sim_true_signal_dbm(w, b5, (struct fp_point){ 20, 10 }), -67.68962, 1e-5);
	/* 2.4 GHz through the same slab: 14 dB. */
	assert_float_equal(sim_true_signal_dbm(w, bss_of(w, "L2-AP", 0), (struct fp_point){ 10, 10 }),
			   17 - 40 - 22 * log10(2.5) - 14, 1e-9);
	sim_world_free(w);
	floorplan_free(l2);
	floorplan_free(l3);
}

static void test_two_slabs_cost_what_cost231_says_and_a_heavy_slab_more(void **state)
{
	struct floorplan *l2 = level("Level 2", 2), *l3 = level("Level 3", 3);
	struct floorplan *l4 = level("Level 4", 4);
	struct sim_ap a2 = ap_at("L2-AP", (struct fp_point){ 10, 10 }, 1);
	struct sim_level lv[3] = { { l2, &a2, 1 }, { l3, NULL, 0 }, { l4, NULL, 0 } };
	struct sim_config cfg;
	struct sim_world *w;

	(void)state;
	quiet(&cfg);
	assert_int_equal(sim_world_new_building(lv, 3, 2, NULL, &cfg, &w, NULL), 0);
	assert_float_equal(sim_true_signal_dbm(w, 1, (struct fp_point){ 10, 10 }),
			   17 - 46.4 - 22 * log10(6.5) - 16 * pow(2, 4.0 / 3 - 0.46), 1e-9);
	assert_float_equal(sim_true_signal_dbm(w, 1, (struct fp_point){ 10, 10 }), -76.59434, 1e-5);
	sim_world_free(w);
	/* Level 3 on a hospital heavy slab: 6 dB more through it, heard on level 3. */
	snprintf(l3->slab_material, sizeof(l3->slab_material), "hospital-heavy-slab");
	assert_int_equal(sim_world_new_building(lv, 3, 1, NULL, &cfg, &w, NULL), 0);
	assert_float_equal(sim_true_signal_dbm(w, 1, (struct fp_point){ 10, 10 }),
			   17 - 46.4 - 22 * log10(2.5) - fp_slab_find("hospital-heavy-slab")->loss_db[1],
			   1e-9);
	sim_world_free(w);
	floorplan_free(l2);
	floorplan_free(l3);
	floorplan_free(l4);
}

static void test_elevations_and_alignment_place_the_other_level(void **state)
{
	struct floorplan *l2 = level("Level 2", 2), *l3 = level("Level 3", 3);
	struct sim_ap a2 = ap_at("L2-AP", (struct fp_point){ 10, 10 }, 1);
	struct sim_level lv[2] = { { l2, &a2, 1 }, { l3, NULL, 0 } };
	struct fp_building b;
	struct sim_config cfg;
	struct sim_world *w;

	(void)state;
	quiet(&cfg);
	fp_building_init(&b);
	b.default_height_m = 5; /* level 2 at 10 m, level 3 at 15 m: d = 15 + 1.2 − 12.7 = 3.5 */
	/* Level 3's drawing is 5 m to the east in the building: its (5, 10) is above (10, 10). */
	l3->align.dx_m = 5;
	assert_int_equal(sim_world_new_building(lv, 2, 1, &b, &cfg, &w, NULL), 0);
	assert_float_equal(sim_true_signal_dbm(w, 1, (struct fp_point){ 5, 10 }),
			   17 - 46.4 - 22 * log10(3.5) - 16, 1e-9);
	sim_world_free(w);
	/* A level's own elevation wins over level × height. */
	l3->elevation_m = 11.7; /* 11.7 + 1.2 − 12.7: the laptop at the antenna's height, 1 m off */
	assert_int_equal(sim_world_new_building(lv, 2, 1, &b, &cfg, &w, NULL), 0);
	assert_float_equal(sim_true_signal_dbm(w, 1, (struct fp_point){ 5, 10 }),
			   17 - 46.4 - 16, 1e-9);
	sim_world_free(w);
	floorplan_free(l2);
	floorplan_free(l3);
}

static void test_walls_of_both_levels_count_each_on_its_own_part_of_the_path(void **state)
{
	struct floorplan *l2 = level("Level 2", 2), *l3 = level("Level 3", 3);
	struct sim_ap a2 = ap_at("L2-AP", (struct fp_point){ 10, 10 }, 1);
	struct sim_level lv[2] = { { l2, &a2, 1 }, { l3, NULL, 0 } };
	struct sim_config cfg;
	struct sim_world *w;
	double open, d = sqrt(20 * 20 + 2.5 * 2.5);

	(void)state;
	quiet(&cfg);
	assert_int_equal(sim_world_new_building(lv, 2, 1, NULL, &cfg, &w, NULL), 0);
	open = sim_true_signal_dbm(w, 1, (struct fp_point){ 30, 10 });
	assert_float_equal(open, 17 - 46.4 - 22 * log10(d) - 16, 1e-9);
	sim_world_free(w);
	/*
	 * The path rises from 10.7 m to 13.2 m: it leaves level 2 (ceiling 12 m) at
	 * 52 % of the way, x = 20.4, and enters level 3 there too. A wall at x = 15
	 * on level 2 and one at x = 25 on level 3 are both crossed; one at x = 25 on
	 * level 2 (beyond where the path left it) and one at x = 15 on level 3
	 * (before it came up) are not.
	 */
	add_wall(l2, "concrete", 15, 0, 15, 20);
	add_wall(l3, "brick", 25, 0, 25, 20);
	add_wall(l2, "plasterboard", 25, 0, 25, 20);
	add_wall(l3, "glass", 15, 0, 15, 20);
	assert_int_equal(sim_world_new_building(lv, 2, 1, NULL, &cfg, &w, NULL), 0);
	assert_float_equal(sim_true_signal_dbm(w, 1, (struct fp_point){ 30, 10 }),
			   open - fp_material_find("concrete")->loss_db[1] -
				   fp_material_find("brick")->loss_db[1],
			   1e-9);
	sim_world_free(w);
	floorplan_free(l2);
	floorplan_free(l3);
}

static void test_the_walked_levels_own_aps_are_as_in_a_one_level_world(void **state)
{
	struct floorplan *l2 = level("Level 2", 2), *l3 = level("Level 3", 3);
	struct sim_ap a2 = ap_at("L2-AP", (struct fp_point){ 10, 10 }, 1);
	struct sim_ap a3 = ap_at("L3-AP", (struct fp_point){ 30, 5 }, 2);
	struct sim_level lv[2] = { { l2, &a2, 1 }, { l3, &a3, 1 } };
	struct sim_config cfg;
	struct sim_world *one, *bld;

	(void)state;
	sim_config_default(&cfg); /* shadowing on: the fields must be the same too */
	cfg.seed = 2026;
	add_wall(l3, "concrete", 20, 0, 20, 20);
	assert_int_equal(sim_world_new(l3, &a3, 1, &cfg, &one, NULL), 0);
	assert_int_equal(sim_world_new_building(lv, 2, 1, NULL, &cfg, &bld, NULL), 0);
	assert_int_equal(sim_world_nbss(bld), 4);
	/* The walked level's AP first, with the same BSSIDs. */
	assert_string_equal(sim_world_bss(bld, 0)->ap_name, "L3-AP");
	for (double x = 0.5; x < 40; x += 3.7)
		for (int b = 0; b < 2; b++)
			assert_float_equal(sim_true_signal_dbm(one, (size_t)b, (struct fp_point){ x, 7 }),
					   sim_true_signal_dbm(bld, (size_t)b, (struct fp_point){ x, 7 }),
					   0);
	sim_world_free(one);
	sim_world_free(bld);
	floorplan_free(l2);
	floorplan_free(l3);
}

/* Scans that heard the L3 AP ([0]) and the L2 AP ([1]). */
static int count(void *arg, const struct meas_sample *smp, const struct meas_observation *obs,
		 size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	size_t *heard = arg;
	bool seen[2] = { false, false };

	(void)smp;
	(void)link;
	(void)tput;
	for (size_t i = 0; i < nobs; i++)
		if (strncmp(obs[i].ap_name, "L3-AP", 5) == 0)
			seen[0] = true;
		else if (strncmp(obs[i].ap_name, "L2-AP", 5) == 0)
			seen[1] = true;
	heard[0] += seen[0];
	heard[1] += seen[1];
	return 0;
}

static void test_a_walk_on_one_level_records_the_aps_of_another(void **state)
{
	struct floorplan *l2 = level("Level 2", 2), *l3 = level("Level 3", 3);
	struct sim_ap a2 = ap_at("L2-AP", (struct fp_point){ 10, 10 }, 1);
	struct sim_ap a3 = ap_at("L3-AP", (struct fp_point){ 30, 10 }, 2);
	struct sim_level lv[2] = { { l2, &a2, 1 }, { l3, &a3, 1 } };
	struct sim_stop stops[2] = { { { 2, 10 }, 0 }, { { 38, 10 }, 0 } };
	struct sim_walk_opts wo;
	struct sim_config cfg;
	struct sim_world *w;
	struct survey *s;
	struct ns_err err = { 0 };
	struct survey_query q = { 0 };
	char path[64];
	int64_t fid, walk;
	size_t heard[2] = { 0, 0 };

	(void)state;
	sim_config_default(&cfg);
	assert_int_equal(sim_world_new_building(lv, 2, 1, NULL, &cfg, &w, &err), 0);
	snprintf(path, sizeof(path), "/tmp/notspot-simlv-XXXXXX");
	assert_true(mkdtemp(path) != NULL);
	strcat(path, "/s.notspot");
	assert_int_equal(survey_create(path, NULL, &s, &err), 0);
	fid = survey_add_floor(s, l3, &err);
	assert_true(fid > 0);
	sim_walk_opts_default(&wo);
	wo.start_us = 1795000000000000LL;
	walk = sim_walk(w, s, fid, stops, 2, &wo, &err);
	assert_true(walk > 0);
	q.walk_id = walk;
	q.kind = SAMPLE_SCAN;
	assert_int_equal(survey_foreach_sample(s, &q, count, heard, &err), 0);
	assert_true(heard[0] > 5); /* L3-AP, on the level walked */
	assert_true(heard[1] > 5); /* L2-AP, through the slab */
	survey_close(s);
	unlink(path);
	*strrchr(path, '/') = '\0';
	rmdir(path);
	sim_world_free(w);
	floorplan_free(l2);
	floorplan_free(l3);
}

static void test_a_building_world_refuses_a_level_it_does_not_have(void **state)
{
	struct floorplan *l2 = level("Level 2", 2);
	struct sim_level lv[1] = { { l2, NULL, 0 } };
	struct sim_config cfg;
	struct sim_world *w = NULL;
	struct ns_err err = { 0 };

	(void)state;
	sim_config_default(&cfg);
	assert_int_equal(sim_world_new_building(lv, 1, 1, NULL, &cfg, &w, &err), -EINVAL);
	assert_null(w);
	assert_string_equal(err.msg, "the walked level is not one of the building's");
	floorplan_free(l2);
}

/*
 * A survey's building as a world, walked on a level that is neither the
 * first nor the last: every level is loaded, in order, and the walked one is
 * where it stands (walking any level but the top one used to crash).
 */
static void test_a_surveys_building_loads_every_level_around_the_walked_one(void **state)
{
	static const char *const names[3] = { "Level 1", "Level 2", "Level 3" };
	char *dir = survey_test_tmpdir();
	struct survey_meta meta = { .site = "St Test" };
	struct sim_survey_world sw;
	struct ns_err err = { 0 };
	struct sim_config cfg;
	struct survey *s;
	int64_t id[3];

	(void)state;
	assert_int_equal(survey_create(survey_test_path(dir, "b.notspot"), &meta, &s, &err), 0);
	for (int i = 0; i < 3; i++) {
		struct floorplan *fp = survey_test_floor(names[i]);

		fp->level = i + 1;
		id[i] = survey_add_floor(s, fp, &err);
		assert_true(id[i] > 0);
		floorplan_free(fp);
	}
	assert_int_equal(sim_survey_world_load(s, id[1], &sw, &err), 0);
	assert_int_equal(sw.n, 3);
	assert_int_equal(sw.here, 1);
	for (int i = 0; i < 3; i++)
		assert_string_equal(sw.levels[i]->name, names[i]);
	assert_string_equal(sim_survey_world_here(&sw)->name, "Level 2");
	quiet(&cfg);
	assert_int_equal(sim_survey_world_build(&sw, &cfg, false, &err), 0);
	/* Each level's one planned AP, the other two levels' heard too. */
	for (size_t i = 0, here = 0; i < sim_world_nbss(sw.w); i++) {
		here += sim_world_ap_floor(sw.w, sim_world_bss(sw.w, i)->ap) == sw.levels[1];
		if (i + 1 == sim_world_nbss(sw.w))
			assert_true(here > 0 && here < sim_world_nbss(sw.w));
	}
	sim_survey_world_release(&sw);
	survey_close(s);
	survey_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_ap_below_is_heard_through_the_slab_at_its_3d_distance),
		cmocka_unit_test(test_two_slabs_cost_what_cost231_says_and_a_heavy_slab_more),
		cmocka_unit_test(test_elevations_and_alignment_place_the_other_level),
		cmocka_unit_test(test_walls_of_both_levels_count_each_on_its_own_part_of_the_path),
		cmocka_unit_test(test_the_walked_levels_own_aps_are_as_in_a_one_level_world),
		cmocka_unit_test(test_a_walk_on_one_level_records_the_aps_of_another),
		cmocka_unit_test(test_a_building_world_refuses_a_level_it_does_not_have),
		cmocka_unit_test(test_a_surveys_building_loads_every_level_around_the_walked_one),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
