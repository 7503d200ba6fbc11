/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_geometry.c — which walls a radio path crosses, polygons, materials.
 * Hand-computed cases; the edge cases are the ones a floorplan really has:
 * a path through a wall's corner, along a wall, ending on a wall, through a door.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "floorplans/geometry.h"
#include "floorplans/model.h"

static struct floorplan *plan_with_wall(const struct fp_point *pts, size_t n, const char *mat)
{
	struct floorplan *fp = floorplan_new();
	const struct fp_material *m = fp_material_find(mat);

	assert_non_null(fp);
	assert_non_null(m);
	assert_int_equal(floorplan_add_wall(fp, pts, n, m->key, m->loss_db), 0);
	return fp;
}

static void test_path_through_concrete_wall_takes_its_loss(void **state)
{
	struct fp_point w[] = { { 5, 0 }, { 5, 10 } };
	struct floorplan *fp = plan_with_wall(w, 2, "concrete");
	int n;

	(void)state;
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 5 },
					      (struct fp_point){ 10, 5 }, FP_BAND_2G4, &n),
			    12.0, 1e-9);
	assert_int_equal(n, 1);
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 5 },
					      (struct fp_point){ 10, 5 }, FP_BAND_5G, NULL),
			    18.0, 1e-9);
	floorplan_free(fp);
}

static void test_path_on_one_side_crosses_nothing(void **state)
{
	struct fp_point w[] = { { 5, 0 }, { 5, 10 } };
	struct floorplan *fp = plan_with_wall(w, 2, "concrete");
	int n;

	(void)state;
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 5 },
					      (struct fp_point){ 4.9, 9 }, FP_BAND_2G4, &n),
			    0.0, 0);
	assert_int_equal(n, 0);
	/* Past the wall's end: no crossing. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 11 },
					      (struct fp_point){ 10, 11 }, FP_BAND_2G4, &n),
			    0.0, 0);
	floorplan_free(fp);
}

static void test_path_through_polyline_corner_counts_once(void **state)
{
	/* An L-shaped wall; the path goes exactly through its corner (5,5). */
	struct fp_point w[] = { { 5, 0 }, { 5, 5 }, { 10, 5 } };
	struct floorplan *fp = plan_with_wall(w, 3, "brick");
	int n;

	(void)state;
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 10 },
					      (struct fp_point){ 10, 0 }, FP_BAND_2G4, &n),
			    8.0, 1e-9);
	assert_int_equal(n, 1);
	floorplan_free(fp);
}

static void test_path_along_a_wall_does_not_cross_it(void **state)
{
	struct fp_point w[] = { { 0, 5 }, { 10, 5 } };
	struct floorplan *fp = plan_with_wall(w, 2, "concrete");
	int n;

	(void)state;
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 2, 5 },
					      (struct fp_point){ 8, 5 }, FP_BAND_2G4, &n),
			    0.0, 0);
	assert_int_equal(n, 0);
	floorplan_free(fp);
}

static void test_path_ending_on_a_wall_does_not_cross_it(void **state)
{
	struct fp_point w[] = { { 5, 0 }, { 5, 10 } };
	struct floorplan *fp = plan_with_wall(w, 2, "concrete");
	int n;

	(void)state;
	fp_path_wall_loss(fp, (struct fp_point){ 0, 5 }, (struct fp_point){ 5, 5 }, FP_BAND_2G4, &n);
	assert_int_equal(n, 0);
	/* Touching the wall's end point from outside is a crossing of its end. */
	fp_path_wall_loss(fp, (struct fp_point){ 0, 10 }, (struct fp_point){ 10, 10 }, FP_BAND_2G4,
			  &n);
	assert_int_equal(n, 1);
	floorplan_free(fp);
}

static void test_path_through_opening_takes_the_openings_loss(void **state)
{
	struct fp_point w[] = { { 5, 0 }, { 5, 10 } };
	struct floorplan *fp = plan_with_wall(w, 2, "concrete");
	const struct fp_material *door = fp_material_find("fire-door");
	const struct fp_material *gap = fp_material_find("doorway");
	int n;

	(void)state;
	assert_int_equal(floorplan_add_opening(fp, (struct fp_point){ 5, 4 },
					       (struct fp_point){ 5, 5.2 }, door->key,
					       door->loss_db),
			 0);
	assert_int_equal(floorplan_add_opening(fp, (struct fp_point){ 5, 8 },
					       (struct fp_point){ 5, 9 }, gap->key, gap->loss_db),
			 0);
	/* Through the fire door. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 4.5 },
					      (struct fp_point){ 10, 4.5 }, FP_BAND_2G4, &n),
			    19.0, 1e-9);
	assert_int_equal(n, 1);
	/* Through the open doorway: no loss, still one opening crossed. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 8.5 },
					      (struct fp_point){ 10, 8.5 }, FP_BAND_5G, &n),
			    0.0, 1e-9);
	assert_int_equal(n, 1);
	/* Beside the doors: the concrete. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 2 },
					      (struct fp_point){ 10, 2 }, FP_BAND_2G4, NULL),
			    12.0, 1e-9);
	floorplan_free(fp);
}

static void test_losses_add_over_several_walls(void **state)
{
	struct floorplan *fp = floorplan_new();
	const struct fp_material *pb = fp_material_find("plasterboard");
	const struct fp_material *lead = fp_material_find("lead-lined");
	struct fp_point w1[] = { { 2, 0 }, { 2, 10 } }, w2[] = { { 4, 0 }, { 4, 10 } };

	(void)state;
	floorplan_add_wall(fp, w1, 2, pb->key, pb->loss_db);
	floorplan_add_wall(fp, w2, 2, lead->key, lead->loss_db);
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 1 },
					      (struct fp_point){ 6, 1 }, FP_BAND_2G4, NULL),
			    43.0, 1e-9);
	floorplan_free(fp);
}

static void test_polygon_area_inside_and_ward_lookup(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct fp_point sq[] = { { 0, 0 }, { 4, 0 }, { 4, 3 }, { 0, 3 } };
	struct fp_point l[] = { { 0, 0 }, { 2, 0 }, { 2, 1 }, { 1, 1 }, { 1, 2 }, { 0, 2 } };

	(void)state;
	assert_float_equal(fp_polygon_area(sq, 4), 12.0, 1e-12);
	assert_float_equal(fp_polygon_area(l, 6), 3.0, 1e-12);
	assert_true(fp_point_in_polygon(l, 6, (struct fp_point){ 0.5, 1.5 }));
	assert_false(fp_point_in_polygon(l, 6, (struct fp_point){ 1.5, 1.5 }));
	floorplan_add_ward(fp, "Ward 7", sq, 4);
	assert_string_equal(fp_ward_at(fp, (struct fp_point){ 1, 1 })->name, "Ward 7");
	assert_null(fp_ward_at(fp, (struct fp_point){ 5, 1 }));
	assert_non_null(floorplan_find_ward(fp, "Ward 7"));
	assert_null(floorplan_find_ward(fp, "Ward 8"));
	floorplan_free(fp);
}

static void test_materials_match_domain_table(void **state)
{
	(void)state;
	assert_float_equal(fp_material_find("plasterboard")->loss_db[FP_BAND_5G], 4, 0);
	assert_float_equal(fp_material_find("fire-door")->loss_db[FP_BAND_2G4], 19, 0);
	assert_float_equal(fp_material_find("lead-lined")->loss_db[FP_BAND_5G], 45, 0);
	assert_null(fp_material_find("cardboard"));
	assert_int_equal(fp_band_of_freq(2412), FP_BAND_2G4);
	assert_int_equal(fp_band_of_freq(5180), FP_BAND_5G);
	assert_int_equal(fp_band_of_freq(5955), FP_BAND_6G);
}


static struct floorplan *plan_with(void)
{
	struct floorplan *fp = floorplan_new();

	assert_non_null(fp);
	return fp;
}

static void add_wall(struct floorplan *fp, const char *mat, const struct fp_point *pts, size_t n)
{
	const struct fp_material *m = fp_material_find(mat);

	assert_non_null(m);
	assert_int_equal(floorplan_add_wall(fp, pts, n, m->key, m->loss_db), 0);
}

static void test_path_through_a_t_junction_crosses_the_through_wall_once(void **state)
{
	/* Corridor wall y = 8 (plasterboard) with a concrete partition ending on it at (8, 8). */
	struct fp_point corridor[] = { { 0, 8 }, { 16, 8 } }, part[] = { { 8, 0 }, { 8, 8 } };
	struct floorplan *fp = plan_with();
	int n;

	(void)state;
	add_wall(fp, "plasterboard", corridor, 2);
	add_wall(fp, "concrete", part, 2);
	/* From the corridor into the bay left of the partition, exactly through (8, 8). */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 12, 10 },
					      (struct fp_point){ 4, 6 }, FP_BAND_2G4, &n),
			    3.0, 1e-9);
	assert_int_equal(n, 1);
	/* Along the corridor wall's line past the partition's end: nothing crossed. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 2, 8 },
					      (struct fp_point){ 14, 8 }, FP_BAND_2G4, &n),
			    0.0, 0);
	assert_int_equal(n, 0);
	/* From one bay to the other through the junction: the partition, once. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 4, 6 },
					      (struct fp_point){ 12, 6 }, FP_BAND_2G4, &n),
			    12.0, 1e-9);
	assert_int_equal(n, 1);
	floorplan_free(fp);
}

static void test_path_through_a_corner_of_two_walls_takes_the_weaker_side(void **state)
{
	/*
	 * An X-ray room's corner at (4, 4): lead walls up to (4, 0) and left to
	 * (0, 4); a plasterboard wall continues right to (8, 4) (the control room
	 * is above it, the corridor below).
	 */
	struct fp_point up[] = { { 4, 0 }, { 4, 4 } }, left[] = { { 0, 4 }, { 4, 4 } };
	struct fp_point right[] = { { 4, 4 }, { 8, 4 } };
	struct floorplan *fp = plan_with();
	int n;

	(void)state;
	add_wall(fp, "lead-lined", up, 2);
	add_wall(fp, "lead-lined", left, 2);
	add_wall(fp, "plasterboard", right, 2);
	/* Out of the X-ray room through its corner into the corridor: lead, once. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 2, 2 },
					      (struct fp_point){ 6, 6 }, FP_BAND_2G4, &n),
			    40.0, 1e-9);
	assert_int_equal(n, 1);
	/* From the control room to the corridor through the corner: the plasterboard. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 5, 3 },
					      (struct fp_point){ 3, 5 }, FP_BAND_5G, &n),
			    4.0, 1e-9);
	assert_int_equal(n, 1);
	floorplan_free(fp);
}

static void test_path_grazing_the_outside_of_a_corner_crosses_nothing(void **state)
{
	struct fp_point room[] = { { 0, 0 }, { 4, 0 }, { 4, 4 }, { 0, 4 }, { 0, 0 } };
	struct floorplan *fp = plan_with();
	int n;

	(void)state;
	add_wall(fp, "concrete", room, 5);
	/* Touching the corner (4, 0) from outside, and the closing corner (0, 0). */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 2, -2 },
					      (struct fp_point){ 6, 2 }, FP_BAND_2G4, &n),
			    0.0, 0);
	assert_int_equal(n, 0);
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ -2, 2 },
					      (struct fp_point){ 2, -2 }, FP_BAND_2G4, &n),
			    0.0, 0);
	assert_int_equal(n, 0);
	/* Out of the room through the closing corner: one wall. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 2, 2 },
					      (struct fp_point){ -2, -2 }, FP_BAND_2G4, &n),
			    12.0, 1e-9);
	assert_int_equal(n, 1);
	/* Right through the room, corner to corner: in and out, two crossings. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ -1, -1 },
					      (struct fp_point){ 5, 5 }, FP_BAND_2G4, &n),
			    24.0, 1e-9);
	assert_int_equal(n, 2);
	floorplan_free(fp);
}

static void test_path_along_a_wall_past_its_turn_does_not_cross_it(void **state)
{
	struct fp_point w[] = { { 2, 5 }, { 6, 5 }, { 6, 9 } };
	struct floorplan *fp = plan_with();
	int n;

	(void)state;
	add_wall(fp, "brick", w, 3);
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 0, 5 },
					      (struct fp_point){ 10, 5 }, FP_BAND_2G4, &n),
			    0.0, 0);
	assert_int_equal(n, 0);
	/* Collinear with the wall but beyond its end: nothing. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 7, 5 },
					      (struct fp_point){ 10, 5 }, FP_BAND_2G4, &n),
			    0.0, 0);
	floorplan_free(fp);
}

static void test_fire_door_across_a_corridor_between_two_junctions(void **state)
{
	/*
	 * A compartment wall x = 10 across a 3 m corridor (y 0..3) with a steel
	 * fire door filling it from 0.1 to 2.9 m; the corridor walls meet it.
	 */
	struct fp_point comp[] = { { 10, -5 }, { 10, 8 } };
	struct fp_point top[] = { { 0, 0 }, { 10, 0 } }, bottom[] = { { 0, 3 }, { 10, 3 } };
	const struct fp_material *fd = fp_material_find("fire-door");
	struct floorplan *fp = plan_with();
	int n;

	(void)state;
	add_wall(fp, "concrete", comp, 2);
	add_wall(fp, "brick", top, 2);
	add_wall(fp, "brick", bottom, 2);
	assert_int_equal(floorplan_add_opening(fp, (struct fp_point){ 10, 0.1 },
					       (struct fp_point){ 10, 2.9 }, fd->key, fd->loss_db),
			 0);
	/* Down the corridor: the fire door only (19 dB), not the concrete. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 2, 1.5 },
					      (struct fp_point){ 18, 1.5 }, FP_BAND_2G4, &n),
			    19.0, 1e-9);
	assert_int_equal(n, 1);
	/* Through the junction of the corridor's top wall and the compartment wall. */
	assert_float_equal(fp_path_wall_loss(fp, (struct fp_point){ 8, 1 },
					      (struct fp_point){ 12, -1 }, FP_BAND_2G4, &n),
			    12.0, 1e-9);
	assert_int_equal(n, 1);
	floorplan_free(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_through_concrete_wall_takes_its_loss),
		cmocka_unit_test(test_path_on_one_side_crosses_nothing),
		cmocka_unit_test(test_path_through_polyline_corner_counts_once),
		cmocka_unit_test(test_path_along_a_wall_does_not_cross_it),
		cmocka_unit_test(test_path_ending_on_a_wall_does_not_cross_it),
		cmocka_unit_test(test_path_through_opening_takes_the_openings_loss),
		cmocka_unit_test(test_losses_add_over_several_walls),
		cmocka_unit_test(test_polygon_area_inside_and_ward_lookup),
		cmocka_unit_test(test_materials_match_domain_table),
		cmocka_unit_test(test_path_through_a_t_junction_crosses_the_through_wall_once),
		cmocka_unit_test(test_path_through_a_corner_of_two_walls_takes_the_weaker_side),
		cmocka_unit_test(test_path_grazing_the_outside_of_a_corner_crosses_nothing),
		cmocka_unit_test(test_path_along_a_wall_past_its_turn_does_not_cross_it),
		cmocka_unit_test(test_fire_door_across_a_corridor_between_two_junctions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
