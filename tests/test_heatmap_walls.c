/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heatmap_walls.c — the heatmap's fast wall losses agree with the
 * floor model's rule (fp_path_wall_loss) at every cell centre.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "floorplans/geometry.h"
#include "heatmap/walls.h"
#include "tests/support/heatmap_world.h"

static void test_walls_shadow_raster_equals_path_loss_at_every_cell(void **state)
{
	struct floorplan *fp = hmw_floor();
	struct hm_walls w;
	struct hm_grid g;
	struct fp_point src[] = { { 5, 10 }, { 12.3, 17.1 }, { 27, 4 }, { 20.4, 9.9 }, { 3.5, 7.2 } };
	size_t bad = 0, total = 0;

	(void)state;
	assert_int_equal(hm_walls_init(&w, fp, NULL), 0);
	assert_int_equal(hm_grid_init(&g, (struct fp_point){ -1, -1 }, (struct fp_point){ 31, 21 },
				      0.25, NULL),
			 0);
	float *r = malloc(hm_grid_ncells(&g) * sizeof(float));

	for (size_t s = 0; s < sizeof(src) / sizeof(src[0]); s++)
		for (int band = 0; band < 2; band++) {
			for (size_t c = 0; c < hm_grid_ncells(&g); c++)
				r[c] = 0;
			hm_walls_shadow(&w, &g, src[s].x, src[s].y, 0, 0, g.nx, g.ny, band, r);
			for (int j = 0; j < g.ny; j++)
				for (int i = 0; i < g.nx; i++) {
					struct fp_point p = hm_grid_center(&g, i, j);
					double want = fp_path_wall_loss(fp, src[s], p, band, NULL);
					double fast = hm_walls_path_loss(&w, src[s].x, src[s].y, p.x, p.y, band);

					total++;
					/* A path grazing a wall's end may differ: allow a handful. */
					if (fabs(r[(size_t)j * g.nx + i] - want) > 1e-3 || fabs(fast - want) > 1e-3)
						bad++;
				}
		}
	assert_true(bad * 1000 < total); /* fewer than 0.1 % of cells (grazing paths) */
	free(r);
	hm_walls_release(&w);
	floorplan_free(fp);
}

static void test_walls_doorway_costs_nothing_and_lead_costs_forty(void **state)
{
	struct floorplan *fp = hmw_floor();
	struct hm_walls w;

	(void)state;
	assert_int_equal(hm_walls_init(&w, fp, NULL), 0);
	/* Through the doorway at x 3..4 on y = 8: nothing. */
	assert_float_equal(hm_walls_path_loss(&w, 3.5, 10, 3.5, 6, FP_BAND_2G4), 0, 1e-9);
	/* Through the plasterboard beside it: 3 dB at 2.4 GHz, 4 dB at 5 GHz. */
	assert_float_equal(hm_walls_path_loss(&w, 5.5, 10, 5.5, 6, FP_BAND_2G4), 3, 1e-6);
	assert_float_equal(hm_walls_path_loss(&w, 5.5, 10, 5.5, 6, FP_BAND_5G), 4, 1e-6);
	/* Into the X-ray room from the corridor: lead. */
	assert_float_equal(hm_walls_path_loss(&w, 27, 10, 27, 4, FP_BAND_2G4), 40, 1e-6);
	hm_walls_release(&w);
	floorplan_free(fp);
}

/* A floor drawn with `wall add` alone has walls and no openings (qsort of nothing, under UBSan). */
static void test_walls_of_a_floor_without_openings_cost_their_full_loss(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct fp_point line[] = { { 10, 0 }, { 10, 6 } };
	struct hm_walls w;

	(void)state;
	assert_non_null(fp);
	assert_int_equal(floorplan_add_wall(fp, line, 2, "concrete", (double[]){ 12, 18, 22 }), 0);
	assert_int_equal(fp->nopenings, 0);
	assert_int_equal(hm_walls_init(&w, fp, NULL), 0);
	assert_float_equal(hm_walls_path_loss(&w, 5, 3, 15, 3, FP_BAND_5G), 18, 1e-6);
	hm_walls_release(&w);
	floorplan_free(fp);
}

static void test_walls_window_only_touches_its_cells(void **state)
{
	struct floorplan *fp = hmw_floor();
	struct hm_walls w;
	struct hm_grid g;
	float win[10 * 6];

	(void)state;
	assert_int_equal(hm_walls_init(&w, fp, NULL), 0);
	assert_int_equal(hm_grid_init(&g, (struct fp_point){ 0, 0 }, (struct fp_point){ 30, 20 },
				      0.5, NULL),
			 0);
	for (int k = 0; k < 60; k++)
		win[k] = 0;
	/* Window columns 50..59, rows 10..15 (x 25..30, y 5..8): inside the X-ray room. */
	hm_walls_shadow(&w, &g, 27, 10, 50, 10, 60, 16, FP_BAND_2G4, win);
	for (int k = 0; k < 60; k++)
		assert_float_equal(win[k], 40, 1e-6);
	hm_walls_release(&w);
	floorplan_free(fp);
}

/*
 * A straight concrete wall drawn as two walls meeting at (5, 5), and a
 * plasterboard wall ending on that point (a T junction). From a source whose
 * diagonal ray runs exactly through the junction and through cell centres,
 * every cell on the ray beyond the junction takes the concrete once: not
 * twice (the dark one-cell streak of a raster that counted both pieces) and
 * not zero (a path loss that counted neither). The raster and the path loss
 * agree at every cell, and each cell on the ray reads as one of its two
 * neighbours across the ray.
 */
static void test_walls_ray_through_a_junction_counts_the_wall_once(void **state)
{
	struct floorplan *fp = floorplan_new();
	const struct fp_material *conc = fp_material_find("concrete");
	const struct fp_material *pb = fp_material_find("plasterboard");
	struct fp_point w1[2] = { { 0, 5 }, { 5, 5 } }, w2[2] = { { 5, 5 }, { 10, 5 } };
	struct fp_point w3[2] = { { 5, 5 }, { 5, 10 } };
	struct hm_walls w;
	struct hm_grid g;
	double sx = 2.125, sy = 2.125; /* the ray (1, 1) from here runs through (5, 5) */
	int on_ray = 0;

	(void)state;
	floorplan_add_wall(fp, w1, 2, conc->key, conc->loss_db);
	floorplan_add_wall(fp, w2, 2, conc->key, conc->loss_db);
	floorplan_add_wall(fp, w3, 2, pb->key, pb->loss_db);
	assert_int_equal(hm_walls_init(&w, fp, NULL), 0);
	assert_int_equal(hm_grid_init(&g, (struct fp_point){ 0, 0 }, (struct fp_point){ 10, 10 }, 0.25,
				      NULL),
			 0);
	float *r = calloc(hm_grid_ncells(&g), sizeof(float));

	hm_walls_shadow(&w, &g, sx, sy, 0, 0, g.nx, g.ny, FP_BAND_5G, r);
	for (int j = 0; j < g.ny; j++)
		for (int i = 0; i < g.nx; i++) {
			struct fp_point p = hm_grid_center(&g, i, j);

			assert_float_equal(r[(size_t)j * g.nx + i],
					   hm_walls_path_loss(&w, sx, sy, p.x, p.y, FP_BAND_5G), 1e-6);
		}
	for (int k = 21; k < 39; k++) { /* cells (k, k): centres (0.25 k + 0.125) beyond (5, 5) */
		float v = r[(size_t)k * g.nx + k];
		float left = r[(size_t)(k + 1) * g.nx + k], right = r[(size_t)k * g.nx + k + 1];

		assert_float_equal(v, conc->loss_db[FP_BAND_5G], 1e-6);
		assert_true(fabsf(v - left) < 1e-6 || fabsf(v - right) < 1e-6);
		on_ray++;
	}
	assert_int_equal(on_ray, 18);
	free(r);
	hm_walls_release(&w);
	floorplan_free(fp);
}

/*
 * A floor of 160 random walls (with doors on some) is indexed in buckets; the
 * path loss through the index equals the shadow raster (which tests every
 * piece) at every cell, for sources inside and outside the floor.
 */
static void test_walls_index_changes_no_path_loss(void **state)
{
	struct floorplan *fp = floorplan_new();
	const struct fp_material *mats[3] = { fp_material_find("brick"), fp_material_find("plasterboard"),
					      fp_material_find("lead-lined") };
	const struct fp_material *door = fp_material_find("wooden-door");
	struct fp_point src[] = { { 3.3, 4.1 }, { 20.05, 10.0 }, { 39.9, 0.1 }, { -5, 12 } };
	struct hm_walls w;
	struct hm_grid g;
	uint64_t rng = 42;
	size_t cells = 0;

	(void)state;
	for (int k = 0; k < 160; k++) {
		struct fp_point p[2];

		p[0] = (struct fp_point){ 40 * hmw_rand(&rng), 20 * hmw_rand(&rng) };
		p[1] = k % 3 ? (struct fp_point){ p[0].x + 8 * (hmw_rand(&rng) - 0.5), p[0].y }
			     : (struct fp_point){ p[0].x, p[0].y + 8 * (hmw_rand(&rng) - 0.5) };
		floorplan_add_wall(fp, p, 2, mats[k % 3]->key, mats[k % 3]->loss_db);
		if (k % 5 == 0)
			floorplan_add_opening(fp, p[0], (struct fp_point){ (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2 },
					      door->key, door->loss_db);
	}
	assert_int_equal(hm_walls_init(&w, fp, NULL), 0);
	assert_true(w.inx > 0); /* the index is in use */
	assert_int_equal(hm_grid_init(&g, (struct fp_point){ -1, -1 }, (struct fp_point){ 41, 21 }, 0.25,
				      NULL),
			 0);
	float *r = malloc(hm_grid_ncells(&g) * sizeof(float));

	for (size_t s = 0; s < sizeof(src) / sizeof(src[0]); s++) {
		for (size_t c = 0; c < hm_grid_ncells(&g); c++)
			r[c] = 0;
		hm_walls_shadow(&w, &g, src[s].x, src[s].y, 0, 0, g.nx, g.ny, FP_BAND_5G, r);
		for (int j = 0; j < g.ny; j++)
			for (int i = 0; i < g.nx; i++) {
				struct fp_point p = hm_grid_center(&g, i, j);

				assert_float_equal(r[(size_t)j * g.nx + i],
						   hm_walls_path_loss(&w, src[s].x, src[s].y, p.x, p.y, FP_BAND_5G),
						   1e-3);
				cells++;
			}
	}
	assert_true(cells > 50000);
	free(r);
	hm_walls_release(&w);
	floorplan_free(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walls_shadow_raster_equals_path_loss_at_every_cell),
		cmocka_unit_test(test_walls_doorway_costs_nothing_and_lead_costs_forty),
		cmocka_unit_test(test_walls_window_only_touches_its_cells),
		cmocka_unit_test(test_walls_of_a_floor_without_openings_cost_their_full_loss),
		cmocka_unit_test(test_walls_ray_through_a_junction_counts_the_wall_once),
		cmocka_unit_test(test_walls_index_changes_no_path_loss),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
