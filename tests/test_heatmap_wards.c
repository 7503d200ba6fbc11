/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heatmap_wards.c — wards that nest or overlap each get their own
 * statistics over their whole outline.
 *
 * A bay inside a ward is the README's own example. hm_wards_raster() gives
 * each cell to the first ward holding it, so statistics computed over it gave
 * the bay 0.0 m² and nothing else; a ward's own cells (hm_ward_cells(), what
 * hm_ward_stats_compute() counts over) give the bay its cells and the ward
 * all of its own, the bay's included.
 *
 * The floor: "Ward 7" 0..8 × 0..4 m, "Bay A" 4..8 × 0..4 inside it, and
 * "Store" 6..10 × 2..4 overlapping the bay's corner and reaching outside the
 * ward. 1 m cells, every cell surveyed; nhs-data (≥ −65 dBm) fails only in the
 * four cells of the bay's top-right (6..8 × 0..2), a 4 m² not-spot that lies
 * wholly in the bay.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "heatmap/notspots.h"
#include "heatmap/profile.h"

#define NX 10
#define NY 4

struct fix {
	struct hm_grid g;
	struct floorplan *fp;
	uint8_t cover[NX * NY], verdict[NX * NY];
	uint32_t failed[NX * NY];
	float prim[NX * NY];
	float *metrics[HM_NMETRICS];
	struct hm_profile p;
	struct hm_notspots ns;
	int16_t *first;
};

static int setup(void **state)
{
	static const struct fp_point ward[4] = { { 0, 0 }, { 8, 0 }, { 8, 4 }, { 0, 4 } };
	static const struct fp_point bay[4] = { { 4, 0 }, { 8, 0 }, { 8, 4 }, { 4, 4 } };
	static const struct fp_point store[4] = { { 6, 2 }, { 10, 2 }, { 10, 4 }, { 6, 4 } };
	struct fix *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->g = (struct hm_grid){ 0, 0, 1, NX, NY };
	f->fp = floorplan_new();
	assert_int_equal(floorplan_add_ward(f->fp, "Ward 7", ward, 4), 0);
	assert_int_equal(floorplan_add_ward(f->fp, "Bay A", bay, 4), 0);
	assert_int_equal(floorplan_add_ward(f->fp, "Store", store, 4), 0);
	for (int j = 0; j < NY; j++)
		for (int i = 0; i < NX; i++) {
			f->prim[j * NX + i] = i >= 6 && i < 8 && j < 2 ? -80 : -55;
			f->cover[j * NX + i] = 2; /* surveyed */
		}
	f->metrics[HM_M_PRIMARY] = f->prim;
	assert_int_equal(hm_profile_builtin("nhs-data", &f->p, NULL), 0);
	hm_profile_eval(&f->p, &f->g, f->cover, f->metrics, f->verdict, f->failed);
	assert_int_equal(hm_wards_raster(f->fp, &f->g, &f->first), 0);
	assert_int_equal(hm_notspots_find(&f->g, f->verdict, f->failed, f->prim, true, f->fp,
					  f->first, 1, &f->ns, NULL), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	hm_notspots_release(&f->ns);
	free(f->first);
	floorplan_free(f->fp);
	free(f);
	return 0;
}

/* Statistics of ward @k over its own cells. */
static void own_stats(struct fix *f, size_t k, struct hm_area_stats *st)
{
	assert_int_equal(hm_ward_stats_compute(&f->p, &f->g, f->verdict, f->metrics, f->fp, (int)k,
					       &f->ns, st), 0);
}

static void test_first_ward_raster_gives_a_nested_bay_nothing(void **state)
{
	struct fix *f = *state;
	struct hm_area_stats st;

	/* What the statistics used to be computed over: every bay cell is the ward's. */
	assert_int_equal(f->first[0 * NX + 5], 0);
	hm_area_stats_compute(&f->p, &f->g, f->verdict, f->metrics, f->first, 1, &f->ns, "Bay A",
			      &st);
	assert_float_equal(st.area_m2, 0, 0);
}

static void test_a_wards_own_cells_are_exactly_its_outline(void **state)
{
	struct fix *f = *state;
	uint8_t *own;
	int n = 0;

	assert_int_equal(hm_ward_cells(f->fp, 1, &f->g, &own), 0);
	for (int c = 0; c < NX * NY; c++) {
		int i = c % NX;

		assert_int_equal(own[c], i >= 4 && i < 8 ? 1 : 0);
		n += own[c] == 1;
	}
	assert_int_equal(n, 16);
	free(own);
}

static void test_nested_and_overlapping_wards_each_get_their_own_statistics(void **state)
{
	struct fix *f = *state;
	struct hm_area_stats ward, bay, store;

	own_stats(f, 0, &ward);
	own_stats(f, 1, &bay);
	own_stats(f, 2, &store);
	/* The ward keeps the bay's cells: 32 m², 4 of them failing. */
	assert_float_equal(ward.area_m2, 32, 1e-9);
	assert_float_equal(ward.surveyed_m2, 32, 1e-9);
	assert_float_equal(ward.pass_m2, 28, 1e-9);
	assert_float_equal(ward.fail_m2, 4, 1e-9);
	/* The bay: 16 m², its 4 failing cells, and the not-spot inside it. */
	assert_float_equal(bay.area_m2, 16, 1e-9);
	assert_float_equal(bay.pass_m2, 12, 1e-9);
	assert_float_equal(bay.fail_m2, 4, 1e-9);
	assert_float_equal(bay.rule_measured_m2[0], 16, 1e-9);
	assert_float_equal(bay.rule_pass_m2[0], 12, 1e-9);
	/* The store overlaps the bay (6..8 × 2..4) and reaches past the ward: 8 m², all passing. */
	assert_float_equal(store.area_m2, 8, 1e-9);
	assert_float_equal(store.pass_m2, 8, 1e-9);
	/* The not-spot is named after the first ward holding it, and counts for the bay too. */
	assert_int_equal(f->ns.n, 1);
	assert_string_equal(f->ns.v[0].ward, "Ward 7");
	assert_int_equal(ward.notspots, 1);
	assert_int_equal(bay.notspots, 1);
	assert_float_equal(bay.notspot_m2, 4, 1e-9);
	assert_int_equal(store.notspots, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_ward_raster_gives_a_nested_bay_nothing),
		cmocka_unit_test(test_a_wards_own_cells_are_exactly_its_outline),
		cmocka_unit_test(test_nested_and_overlapping_wards_each_get_their_own_statistics),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
