/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heatmap_levels.c — APs heard through floors (heatmap/levels.h): in a
 * three-level building an AP on level 2 heard on level 3 is placed on level
 * 2, level 3's map shows it through the slab, and an AP of level 2 that
 * level 3's walk never heard still counts there as co-channel interference;
 * one physical AP's radios stand on one level, and no level's map draws an
 * AP both as estimated there and as another level's.
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

#include "floorplans/building.h"
#include "heatmap/levels.h"
#include "heatmap/map.h"
#include "tests/support/heatmap_world.h"

#define NLV 3
#define H_ANT 1.5

/* An AP of the building: the test world's AP on a level (index). */
struct lvap {
	struct hmw_ap a;
	int lv;
};

static const struct lvap truth[] = {
	/* On level 2, heard on level 3's walk through the slab. */
	{ { 6, 10, -33, 2.2, H_ANT, { 0x02, 0x11, 0x22, 0x33, 0x01, 0x00 }, 5180, 36, "Staff", "L2-AP", NAN }, 1 },
	/* On level 3, in its bay. */
	{ { 22, 14, -33, 2.2, H_ANT, { 0x02, 0x11, 0x22, 0x33, 0x02, 0x00 }, 5200, 40, "NHS", "L3-AP", NAN }, 2 },
	/* On level 2, weak, on L3-AP's channel: level 3's walk never hears it. */
	{ { 5, 17, -46, 2.2, H_ANT, { 0x02, 0x11, 0x22, 0x33, 0x03, 0x00 }, 5200, 40, "NHS", "L2-QUIET", NAN }, 1 },
	/* On level 1. */
	{ { 15, 16, -38, 2.2, H_ANT, { 0x02, 0x11, 0x22, 0x33, 0x04, 0x00 }, 2437, 6, "NHS", "L1-AP", NAN }, 0 },
	/*
	 * One physical AP on level 3, west of level 3's walk, two radios: its
	 * 2.4 GHz radio reaches level 3's walk, its 5 GHz radio (weaker, more
	 * attenuated) is heard only under it, on level 2, barely.
	 */
	{ { 4, 3, -36, 2.2, H_ANT, { 0x02, 0x11, 0x22, 0x33, 0x05, 0x00 }, 2462, 11, "NHS", "L3-DUAL", NAN }, 2 },
	{ { 4, 3, -40, 3.0, H_ANT, { 0x02, 0x11, 0x22, 0x33, 0x05, 0x10 }, 5745, 149, "NHS", "L3-DUAL", NAN }, 2 },
};
#define NTRUTH (sizeof(truth) / sizeof(truth[0]))
#define NSINGLE 4 /* the APs of one radio, first */

static const struct fp_point walk_full[] = { { 1, 10 }, { 29, 10 }, { 20.5, 10 }, { 20.5, 16 },
					     { 2, 16 },  { 2, 18 },  { 28, 18 } };
static const struct fp_point walk_east[] = { { 20, 10 }, { 29, 10 }, { 20.5, 10 }, { 20.5, 16 },
					     { 28, 16 } };

struct bld {
	struct floorplan *fp[NLV];
	struct hm_set set[NLV];
};

/* The signal of truth[k] on level @lv at (@x, @y), as the world gives it (no noise). */
static double truth_at(const struct bld *b, size_t k, int lv, double x, double y)
{
	struct hmw_ap a = truth[k].a;
	const struct floorplan *fps[NLV] = { b->fp[0], b->fp[1], b->fp[2] };
	double ek = fp_floor_elevation(b->fp[truth[k].lv], NULL), ej = fp_floor_elevation(b->fp[lv], NULL);

	a.height_m = fabs(ek - ej + H_ANT);
	a.p1_dbm -= truth[k].lv == lv ? 0
				      : fp_slab_loss_between(fps, NLV, b->fp[truth[k].lv]->level,
							     b->fp[lv]->level, fp_band_of_freq(a.freq_mhz));
	return hmw_signal(&a, b->fp[lv], x, y, 0);
}

/* Three levels of the test floor, heavy slabs; levels 1 and 2 walked whole, level 3 its east. */
static void build(struct bld *b)
{
	uint64_t rng = 11;

	for (int lv = 0; lv < NLV; lv++) {
		b->fp[lv] = hmw_floor();
		assert_non_null(b->fp[lv]);
		snprintf(b->fp[lv]->name, sizeof(b->fp[lv]->name), "Level %d", lv + 1);
		b->fp[lv]->level = lv + 1;
		snprintf(b->fp[lv]->slab_material, sizeof(b->fp[lv]->slab_material),
			 "hospital-heavy-slab");
	}
	for (int lv = 0; lv < NLV; lv++) {
		struct hmw_ap seen[NTRUTH];
		const struct floorplan *fps[NLV] = { b->fp[0], b->fp[1], b->fp[2] };

		/* What level lv hears: each AP with the slabs and the height between. */
		for (size_t k = 0; k < NTRUTH; k++) {
			int kl = truth[k].lv;

			seen[k] = truth[k].a;
			seen[k].height_m = fabs(fp_floor_elevation(b->fp[kl], NULL) -
						fp_floor_elevation(b->fp[lv], NULL) + H_ANT);
			if (kl != lv)
				seen[k].p1_dbm -= fp_slab_loss_between(fps, NLV, kl + 1, lv + 1,
								       fp_band_of_freq(seen[k].freq_mhz));
		}
		hm_set_init(&b->set[lv]);
		if (lv < 2)
			assert_true(hmw_walk(&b->set[lv], b->fp[lv], seen, NTRUTH, walk_full, 7, 0.75,
					     0, 1, &rng) > 50);
		else
			assert_true(hmw_walk(&b->set[lv], b->fp[lv], seen, NTRUTH, walk_east, 5, 0.75,
					     0, 1, &rng) > 20);
		assert_int_equal(hm_set_finish(&b->set[lv], NULL), 0);
	}
}

static void release(struct bld *b)
{
	for (int lv = 0; lv < NLV; lv++) {
		hm_set_release(&b->set[lv]);
		floorplan_free(b->fp[lv]);
	}
}

static void fit(const struct bld *b, struct hm_levels *l)
{
	const struct floorplan *fps[NLV] = { b->fp[0], b->fp[1], b->fp[2] };
	const struct hm_set *sets[NLV] = { &b->set[0], &b->set[1], &b->set[2] };
	struct hm_est_opts o;

	hm_est_opts_default(&o);
	assert_int_equal(hm_levels_fit(fps, sets, NLV, NULL, &o, l, NULL), 0);
}

/* Whether level @lv's walk heard truth[k]. */
static bool heard_on(const struct bld *b, size_t k, int lv)
{
	for (size_t r = 0; r < b->set[lv].nradios; r++)
		if (memcmp(b->set[lv].radios[r].mac, truth[k].a.mac, 6) == 0)
			return true;
	return false;
}

/* Every AP is put on its own level, near its place; L2-AP although level 3 heard it. */
static void test_levels_ap_on_level_2_heard_on_level_3_is_placed_on_level_2(void **state)
{
	struct bld b;
	struct hm_levels l;

	(void)state;
	build(&b);
	assert_true(heard_on(&b, 0, 2));
	assert_false(heard_on(&b, 2, 2));
	fit(&b, &l);
	assert_int_equal(l.nradios, NTRUTH);
	for (size_t k = 0; k < NSINGLE; k++) {
		long r = hm_levels_find(&l, truth[k].a.mac, truth[k].a.freq_mhz);
		const struct hm_level_radio *a;

		assert_true(r >= 0);
		a = &l.radios[r];
		print_message("%-9s on %s (truth %s) at (%.1f, %.1f), truth (%.0f, %.0f); "
			      "mse per level %.1f %.1f %.1f\n",
			      truth[k].a.name, l.fp[a->floor]->name, l.fp[truth[k].lv]->name, a->x,
			      a->y, truth[k].a.x, truth[k].a.y, a->mse[0], a->mse[1], a->mse[2]);
		assert_int_equal(a->floor, truth[k].lv);
		assert_true(hypot(a->x - truth[k].a.x, a->y - truth[k].a.y) <= 2.0);
	}
	hm_levels_release(&l);
	release(&b);
}

/*
 * L3-DUAL's radios are one physical AP (one name): they stand on one level,
 * level 3, although its 5 GHz radio, heard only on level 2 and there in
 * one bin, would on its own readings be put on level 2.
 */
static void test_levels_one_physical_ap_gets_one_level_for_all_its_radios(void **state)
{
	struct bld b;
	struct hm_levels l;
	long r24, r5;

	(void)state;
	build(&b);
	assert_true(heard_on(&b, 4, 2) && heard_on(&b, 4, 1));
	assert_false(heard_on(&b, 5, 2));
	assert_true(heard_on(&b, 5, 1));
	fit(&b, &l);
	r24 = hm_levels_find(&l, truth[4].a.mac, truth[4].a.freq_mhz);
	r5 = hm_levels_find(&l, truth[5].a.mac, truth[5].a.freq_mhz);
	assert_true(r24 >= 0 && r5 >= 0);
	print_message("L3-DUAL 2.4 GHz on %s, mse per level %.1f %.1f %.1f (%d bins); "
		      "5 GHz on %s, mse per level %.1f %.1f %.1f (%d bins)\n",
		      l.fp[l.radios[r24].floor]->name, l.radios[r24].mse[0], l.radios[r24].mse[1],
		      l.radios[r24].mse[2], l.radios[r24].nbins, l.fp[l.radios[r5].floor]->name,
		      l.radios[r5].mse[0], l.radios[r5].mse[1], l.radios[r5].mse[2],
		      l.radios[r5].nbins);
	assert_int_equal(l.radios[r24].ap, l.radios[r5].ap);
	/* On its own the 5 GHz radio fits level 2 best: decided alone, it would split the AP. */
	assert_true(l.radios[r5].mse[1] < l.radios[r5].mse[2]);
	assert_int_equal(l.radios[r24].floor, 2);
	assert_int_equal(l.radios[r5].floor, 2);
	hm_levels_release(&l);
	release(&b);
}

/* The value of metric @k of @m at (@x, @y). */
static float at(const struct hm_map *m, int k, double x, double y)
{
	int i = (int)((x - m->grid.x0) / m->grid.cell_m), j = (int)((y - m->grid.y0) / m->grid.cell_m);

	assert_non_null(m->m[k]);
	return m->m[k][(size_t)j * m->grid.nx + i];
}

static void level3_map(const struct bld *b, const struct hm_levels *l, const char *ssid,
		       struct hm_map *m)
{
	struct hm_map_opts o;

	hm_map_opts_default(&o);
	o.predict = true;
	o.ssid = ssid;
	o.levels = l;
	assert_int_equal(hm_map_build(&b->set[2], b->fp[2], &o, m, NULL), 0);
}

/*
 * Level 3's map: L2-AP is listed on level 2 and marked there; over its place
 * (where level 3 was not walked) the map reads it through the slab; L2-QUIET,
 * never heard on level 3, interferes with L3-AP on its channel there.
 */
static void test_levels_level_3_map_shows_level_2_ap_through_the_slab(void **state)
{
	struct bld b;
	struct hm_levels l;
	struct hm_map with, without, staff, staff_alone;
	bool listed = false, marked = false;

	(void)state;
	build(&b);
	fit(&b, &l);
	level3_map(&b, &l, NULL, &with);
	level3_map(&b, NULL, NULL, &without);
	level3_map(&b, &l, "Staff", &staff);
	level3_map(&b, NULL, "Staff", &staff_alone);
	for (size_t k = 0; k < with.naps; k++)
		if (strcmp(with.aps[k].name, "L2-AP") == 0) {
			assert_string_equal(with.aps[k].level, "Level 2");
			listed = true;
		} else {
			assert_string_equal(with.aps[k].level, "Level 3");
		}
	for (size_t k = 0; k < without.naps; k++)
		assert_string_equal(without.aps[k].level, "");
	for (size_t k = 0; k < with.nothers; k++)
		if (strcmp(with.others[k].name, "L2-AP") == 0) {
			assert_string_equal(with.others[k].level, "Level 2");
			assert_true(hypot(with.others[k].pos.x - 6, with.others[k].pos.y - 10) <= 2);
			marked = true;
		}
	assert_true(listed && marked);
	assert_int_equal(without.nothers, 0);

	/*
	 * Over L2-AP, 14 m from level 3's walk, its SSID alone: level 3 reads it
	 * through the slab. Fitted on level 3's readings alone it stands on level
	 * 3 and reads too strong there.
	 */
	double want = truth_at(&b, 0, 2, 6, 10.5), got = at(&staff, HM_M_PRIMARY, 6, 10.5);
	double alone = at(&staff_alone, HM_M_PRIMARY, 6, 10.5);

	print_message("L2-AP over its place on level 3: %.1f dBm (truth %.1f, level 3 alone %.1f)\n",
		      got, want, alone);
	assert_true(fabs(got - want) <= 4);
	assert_true(fabs(alone - want) > fabs(got - want));

	/* L2-QUIET, never heard on level 3: its model there is the slab's, and it interferes. */
	double qx = 5, qy = 17.5;
	long rq = hm_levels_find(&l, truth[2].a.mac, truth[2].a.freq_mhz);
	double cw = at(&with, HM_M_COCHANNEL, qx, qy), co = at(&without, HM_M_COCHANNEL, qx, qy);

	assert_true(rq >= 0);
	print_message("L2-QUIET on level 3 at its place: %.1f dBm (truth %.1f); co-channel %.1f dB "
		      "(level 3 alone %.1f)\n",
		      hm_levels_predict(&l, (size_t)rq, 2, qx, qy), truth_at(&b, 2, 2, qx, qy), cw, co);
	assert_true(fabs(hm_levels_predict(&l, (size_t)rq, 2, qx, qy) - truth_at(&b, 2, 2, qx, qy)) <= 4);
	assert_true(cw > co + 5);
	hm_map_release(&staff);
	hm_map_release(&staff_alone);
	hm_map_release(&with);
	hm_map_release(&without);
	hm_levels_release(&l);
	release(&b);
}

/*
 * On every level's map an AP is drawn once: estimated on this level, or
 * (the levels fit putting it on another) only as an AP of that level.
 * L3-DUAL, whose 5 GHz radio alone would stand on level 2, is on level 2's
 * map only as level 3's.
 */
static void test_levels_no_ap_is_both_estimated_here_and_on_another_level(void **state)
{
	struct bld b;
	struct hm_levels l;
	bool dual = false;

	(void)state;
	build(&b);
	fit(&b, &l);
	for (int lv = 0; lv < NLV; lv++) {
		struct hm_map_opts o;
		struct hm_map m;

		hm_map_opts_default(&o);
		o.levels = &l;
		assert_int_equal(hm_map_build(&b.set[lv], b.fp[lv], &o, &m, NULL), 0);
		for (size_t k = 0; k < m.naps; k++) {
			bool here = strcmp(m.aps[k].level, b.fp[lv]->name) == 0, other = false;

			for (size_t q = 0; q < m.nothers; q++)
				other |= strcmp(m.others[q].name, m.aps[k].name) == 0;
			print_message("%s's map: %-8s on %s%s\n", b.fp[lv]->name, m.aps[k].name,
				      m.aps[k].level, other ? ", marked as another level's" : "");
			assert_true(here != other);
			if (lv == 1 && strcmp(m.aps[k].name, "L3-DUAL") == 0) {
				assert_string_equal(m.aps[k].level, "Level 3");
				dual = true;
			}
		}
		hm_map_release(&m);
	}
	assert_true(dual);
	hm_levels_release(&l);
	release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels_ap_on_level_2_heard_on_level_3_is_placed_on_level_2),
		cmocka_unit_test(test_levels_level_3_map_shows_level_2_ap_through_the_slab),
		cmocka_unit_test(test_levels_one_physical_ap_gets_one_level_for_all_its_radios),
		cmocka_unit_test(test_levels_no_ap_is_both_estimated_here_and_on_another_level),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
