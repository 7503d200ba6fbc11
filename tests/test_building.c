/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_building.c — the levels of a building (floorplans/building.h): frames
 * aligned onto the building's and back, elevations, the slabs between levels
 * by the COST 231 multi-floor rule; and what the model refuses
 * (floorplans/validate.h, fp_polygon_is_simple()).
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "floorplans/building.h"
#include "floorplans/geometry.h"
#include "floorplans/validate.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_a_new_floor_has_defaults_not_zeros(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct fp_building b;
	struct fp_ap ap;

	(void)state;
	assert_non_null(fp);
	assert_true(isnan(fp->elevation_m) && isnan(fp->height_m));
	assert_string_equal(fp->slab_material, "concrete-slab");
	assert_true(isnan(fp->slab_loss_db[FP_BAND_5G]) && isnan(fp->calib.m));
	fp_building_init(&b);
	NEAR(b.default_height_m, 4.0);
	fp_ap_init(&ap);
	assert_string_equal(ap.mount, "ceiling");
	assert_true(isnan(ap.cost) && isnan(ap.height_m));
	/* A zeroed AP gets the default mount when it joins a floor. */
	memset(&ap, 0, sizeof(ap));
	assert_int_equal(floorplan_add_ap(fp, &ap), 0);
	assert_string_equal(fp->aps[0].mount, "ceiling");
	floorplan_free(fp);
}

static void test_floor_and_building_frames_are_inverse(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct fp_point p = { 3, 4 }, q, back;

	(void)state;
	/* No alignment: the same place. */
	q = fp_floor_to_building(fp, p);
	NEAR(q.x, 3);
	NEAR(q.y, 4);
	/* A quarter turn (x towards y) and a shift: (3, 4) -> (-4, 3) + (10, 20). */
	fp->align = (struct fp_align){ 10, 20, 90 };
	q = fp_floor_to_building(fp, p);
	NEAR(q.x, 6);
	NEAR(q.y, 23);
	back = fp_building_to_floor(fp, q);
	NEAR(back.x, 3);
	NEAR(back.y, 4);
	fp->align = (struct fp_align){ -2.5, 7, -33.3 };
	back = fp_building_to_floor(fp, fp_floor_to_building(fp, p));
	NEAR(back.x, 3);
	NEAR(back.y, 4);
	floorplan_free(fp);
}

static void test_alignments_compose_and_come_from_two_point_pairs(void **state)
{
	struct floorplan *a = floorplan_new(), *ref = floorplan_new(), *c = floorplan_new();
	struct fp_point p = { 1.5, -2 }, via, direct;
	struct fp_align rel;
	struct ns_err err;

	(void)state;
	ref->align = (struct fp_align){ 5, -1, 30 };
	a->align = (struct fp_align){ 2, 3, 45 };
	/* Through the reference floor, or at once by the composed alignment. */
	via = fp_floor_to_building(ref, fp_floor_to_building(a, p));
	c->align = fp_align_compose(ref->align, a->align);
	direct = fp_floor_to_building(c, p);
	NEAR(via.x, direct.x);
	NEAR(via.y, direct.y);
	NEAR(c->align.rot_deg, 75);

	/* Two features seen on both drawings give back the alignment. */
	assert_int_equal(fp_align_from_pairs((struct fp_point){ 0, 0 }, (struct fp_point){ 10, 0 },
					     fp_floor_to_building(a, (struct fp_point){ 0, 0 }),
					     fp_floor_to_building(a, (struct fp_point){ 10, 0 }),
					     &rel, &err), 0);
	NEAR(rel.dx_m, 2);
	NEAR(rel.dy_m, 3);
	NEAR(rel.rot_deg, 45);
	assert_int_equal(fp_align_from_pairs((struct fp_point){ 1, 1 }, (struct fp_point){ 1, 1 },
					     (struct fp_point){ 0, 0 }, (struct fp_point){ 5, 0 },
					     &rel, &err), -EINVAL);
	assert_string_equal(err.msg, "the alignment points (1, 1) and (1, 1) coincide: pick two "
				     "features apart");
	floorplan_free(a);
	floorplan_free(ref);
	floorplan_free(c);
}

static void test_elevation_comes_from_the_level_unless_given(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct fp_building b;

	(void)state;
	fp_building_init(&b);
	fp->level = 3;
	NEAR(fp_floor_elevation(fp, &b), 12.0);     /* 3 x the building's 4 m */
	NEAR(fp_floor_elevation(fp, NULL), 12.0);   /* no building: the default 4 m */
	b.default_height_m = 3.5;
	NEAR(fp_floor_elevation(fp, &b), 10.5);
	fp->height_m = 5;
	NEAR(fp_floor_height(fp, &b), 5);
	NEAR(fp_floor_elevation(fp, &b), 15.0);
	fp->level = -1;
	NEAR(fp_floor_elevation(fp, &b), -5.0);
	fp->elevation_m = 7.25;
	NEAR(fp_floor_elevation(fp, &b), 7.25);
	floorplan_free(fp);
}

static void test_slab_losses_come_from_the_table_unless_given(void **state)
{
	struct floorplan *fp = floorplan_new();

	(void)state;
	/* ITU-R P.1238 (DOMAIN.md): 14 dB at 2.4 GHz, 16 at 5.2, 22 at 5.8 (used for 6). */
	NEAR(fp_floor_slab_loss(fp, FP_BAND_2G4), 14);
	NEAR(fp_floor_slab_loss(fp, FP_BAND_5G), 16);
	NEAR(fp_floor_slab_loss(fp, FP_BAND_6G), 22);
	assert_non_null(fp_slab_find("hospital-heavy-slab"));
	assert_true(fp_slab_find("hospital-heavy-slab")->loss_db[FP_BAND_5G] > 16);
	assert_non_null(strstr(fp_slab_find("concrete-slab")->source, "estimated"));
	snprintf(fp->slab_material, sizeof(fp->slab_material), "hospital-heavy-slab");
	NEAR(fp_floor_slab_loss(fp, FP_BAND_5G), fp_slab_find("hospital-heavy-slab")->loss_db[1]);
	fp->slab_loss_db[FP_BAND_5G] = 31;
	NEAR(fp_floor_slab_loss(fp, FP_BAND_5G), 31);
	floorplan_free(fp);
}

static void test_slabs_between_levels_follow_cost_231(void **state)
{
	struct floorplan *l1 = floorplan_new(), *l2 = floorplan_new(), *l3 = floorplan_new();
	const struct floorplan *floors[] = { l1, l2, l3 };
	double two;

	(void)state;
	l1->level = 1;
	l2->level = 2;
	l3->level = 3;
	NEAR(fp_slab_loss_between(floors, 3, 2, 2, FP_BAND_2G4), 0);
	/* One slab: exactly its loss (level 2 stands on it). */
	NEAR(fp_slab_loss_between(floors, 3, 1, 2, FP_BAND_2G4), 14);
	NEAR(fp_slab_loss_between(floors, 3, 2, 1, FP_BAND_2G4), 14);
	/* Two slabs: 14 x 2^((2 + 2) / (2 + 1) - 0.46), less than twice 14. */
	two = fp_slab_loss_between(floors, 3, 1, 3, FP_BAND_2G4);
	NEAR(two, 14 * pow(2, 4.0 / 3.0 - 0.46));
	assert_true(two > 14 && two < 28);
	/* Each extra floor adds less than the one before. */
	assert_true(fp_slab_loss_between(floors, 3, 0, 3, FP_BAND_2G4) - two < two - 14);
	/* A heavier slab on level 3 weighs in through the mean. */
	l3->slab_loss_db[FP_BAND_2G4] = 24;
	NEAR(fp_slab_loss_between(floors, 3, 3, 1, FP_BAND_2G4), 19 * pow(2, 4.0 / 3.0 - 0.46));
	/* A level with no floor in the list: the default slab. */
	NEAR(fp_slab_loss_between(floors, 3, 7, 8, FP_BAND_6G), 22);
	floorplan_free(l1);
	floorplan_free(l2);
	floorplan_free(l3);
}

static void test_simple_polygons_and_the_outlines_that_are_not(void **state)
{
	static const struct fp_point square[] = { { 0, 0 }, { 8, 0 }, { 8, 8 }, { 0, 8 } };
	static const struct fp_point closed[] = { { 0, 0 }, { 8, 0 }, { 8, 8 }, { 0, 0 } };
	static const struct fp_point concave[] = { { 0, 0 }, { 8, 0 }, { 8, 8 }, { 4, 2 }, { 0, 8 } };
	/* The bow tie whose shoelace area is 12 m² (wrong: it crosses itself). */
	static const struct fp_point bowtie[] = { { 0, 0 }, { 10, 0 }, { 0, 6 }, { 6, 6 } };
	static const struct fp_point touching[] = { { 0, 0 }, { 8, 0 }, { 4, 4 }, { 8, 8 },
						    { 0, 8 }, { 4, 4 } };
	static const struct fp_point line[] = { { 0, 0 }, { 1, 0 }, { 2, 0 } };
	static const struct fp_point spike[] = { { 0, 0 }, { 8, 0 }, { 8, 8 }, { 8, 4 } };
	static const struct fp_point two[] = { { 0, 0 }, { 1, 1 }, { 0, 0 }, { 1, 1 } };

	(void)state;
	assert_true(fp_polygon_is_simple(square, 4));
	assert_true(fp_polygon_is_simple(closed, 4)); /* a repeated closing point counts once */
	assert_true(fp_polygon_is_simple(concave, 5));
	NEAR(fp_polygon_area(bowtie, 4), 12);
	assert_false(fp_polygon_is_simple(bowtie, 4));
	assert_false(fp_polygon_is_simple(touching, 6));
	assert_false(fp_polygon_is_simple(line, 3));
	assert_false(fp_polygon_is_simple(spike, 4));
	assert_false(fp_polygon_is_simple(two, 4));
	assert_int_equal(fp_distinct_points(two, 4), 2);
}

/* A floor with a 40 x 20 m drawing from (0, 0). */
static struct floorplan *drawn_floor(void)
{
	struct floorplan *fp = floorplan_new();

	snprintf(fp->name, sizeof(fp->name), "Level 2");
	fp->width_px = 800;
	fp->height_px = 400;
	fp->px_per_m = 20;
	return fp;
}

static void test_a_ward_outline_must_be_a_place_on_the_drawing(void **state)
{
	struct floorplan *fp = drawn_floor();
	struct fp_point pts[4] = { { 0, 0 }, { 10, 0 }, { 10, 8 }, { 0, 8 } };
	struct fp_ward w = { .name = "Bay A", .pts = pts, .npts = 4 };
	struct ns_err err;

	(void)state;
	assert_int_equal(fp_check_ward(fp, &w, &err), 0);
	/* Within the tolerance of the edge, still on the drawing. */
	pts[0] = (struct fp_point){ -0.4, -0.4 };
	assert_int_equal(fp_check_ward(fp, &w, &err), 0);
	pts[1] = (struct fp_point){ 41, 0 };
	assert_int_equal(fp_check_ward(fp, &w, &err), -EINVAL);
	assert_string_equal(err.msg, "ward 'Bay A': point (41, 0) is off the drawing, which spans "
				     "(0.00, 0.00) to (40.00, 20.00) m");
	/* The bow tie. */
	pts[0] = (struct fp_point){ 0, 0 };
	pts[1] = (struct fp_point){ 10, 0 };
	pts[2] = (struct fp_point){ 0, 6 };
	pts[3] = (struct fp_point){ 6, 6 };
	assert_int_equal(fp_check_ward(fp, &w, &err), -EINVAL);
	assert_string_equal(err.msg, "the outline of ward 'Bay A' crosses or touches itself: give "
				     "its corners in order around it");
	pts[2] = pts[1];
	pts[3] = pts[0];
	assert_int_equal(fp_check_ward(fp, &w, &err), -EINVAL);
	assert_string_equal(err.msg, "ward 'Bay A' needs an outline of at least 3 distinct points; "
				     "it has 2");
	pts[3].x = NAN;
	assert_int_equal(fp_check_ward(fp, &w, &err), -EINVAL);
	assert_string_equal(err.msg, "ward 'Bay A': point 4 is not a finite position");
	/* No calibrated drawing: no extent to hold it to. */
	fp->px_per_m = 0;
	pts[0] = (struct fp_point){ 500, 500 };
	pts[1] = (struct fp_point){ 600, 500 };
	pts[2] = (struct fp_point){ 600, 600 };
	pts[3] = (struct fp_point){ 500, 600 };
	assert_int_equal(fp_check_ward(fp, &w, &err), 0);
	floorplan_free(fp);
}

static void test_calibration_points_must_not_coincide(void **state)
{
	struct fp_calib none = { NAN, NAN, NAN, NAN, NAN };
	struct fp_calib ok = { 100, 100, 900, 100, 40 };
	struct fp_calib same = { 120.25, 80, 120.5, 80, 40 };
	struct floorplan *fp = drawn_floor();
	struct ns_err err;

	(void)state;
	assert_int_equal(fp_check_calib(&none, &err), 0);
	assert_int_equal(fp_check_calib(&ok, &err), 0);
	assert_int_equal(fp_check_calib(&same, &err), -EINVAL);
	assert_string_equal(err.msg, "the calibration points (120.25, 80) and (120.5, 80) px "
				     "coincide: pick the ends of a long feature");
	fp->calib = same;
	assert_int_equal(fp_check_level(fp, &err), -EINVAL);
	assert_string_equal(err.msg, "floor 'Level 2': the calibration points (120.25, 80) and "
				     "(120.5, 80) px coincide: pick the ends of a long feature");
	fp->calib = ok;
	assert_int_equal(fp_check_level(fp, &err), 0);
	snprintf(fp->slab_material, sizeof(fp->slab_material), "custom");
	assert_int_equal(fp_check_level(fp, &err), -EINVAL);
	assert_string_equal(err.msg, "floor 'Level 2': a custom slab needs its loss in every band");
	floorplan_free(fp);
}

static void test_ap_sources_include_proposed_and_radios_are_checked(void **state)
{
	struct fp_ap ap;
	struct ns_err err;

	(void)state;
	fp_ap_init(&ap);
	snprintf(ap.name, sizeof(ap.name), "AP-1");
	snprintf(ap.source, sizeof(ap.source), "proposed");
	assert_int_equal(fp_check_ap(NULL, &ap, &err), 0);
	snprintf(ap.source, sizeof(ap.source), "guessed");
	assert_int_equal(fp_check_ap(NULL, &ap, &err), -EINVAL);
	assert_string_equal(err.msg, "AP 'AP-1': 'guessed' is not a source (planned, estimated, "
				     "surveyed or proposed)");
	snprintf(ap.source, sizeof(ap.source), "planned");
	ap.nradios = 1;
	ap.radios[0] = (struct fp_radio){ FP_BAND_5G, 36, 30, NAN, { 0 } };
	assert_int_equal(fp_check_ap(NULL, &ap, &err), -EINVAL);
	assert_string_equal(err.msg, "AP 'AP-1', radio 1: a width of 30 MHz is not 20, 40, 80, "
				     "160 or 320");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_new_floor_has_defaults_not_zeros),
		cmocka_unit_test(test_floor_and_building_frames_are_inverse),
		cmocka_unit_test(test_alignments_compose_and_come_from_two_point_pairs),
		cmocka_unit_test(test_elevation_comes_from_the_level_unless_given),
		cmocka_unit_test(test_slab_losses_come_from_the_table_unless_given),
		cmocka_unit_test(test_slabs_between_levels_follow_cost_231),
		cmocka_unit_test(test_simple_polygons_and_the_outlines_that_are_not),
		cmocka_unit_test(test_a_ward_outline_must_be_a_place_on_the_drawing),
		cmocka_unit_test(test_calibration_points_must_not_coincide),
		cmocka_unit_test(test_ap_sources_include_proposed_and_radios_are_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
