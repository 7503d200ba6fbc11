/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_floorplan_render.c — `floor show` output: the example floor rendered
 * and compared with a reference image, plus hand-computed pixels (an AP
 * marker, a concrete wall, a lead-lined wall) that must land where the
 * metres say.
 *
 * Tolerance: the mean absolute difference over every channel of every pixel
 * must be at most 1.0 (of 255), and the images the same size. Text
 * antialiasing may differ between cairo/pango builds by a few values on a few
 * pixels; a moved wall or a missing legend moves the mean by much more.
 * To regenerate the reference after an intended change, run the test with
 * NOTSPOT_UPDATE_GOLDEN=1 and look at the PNG before committing it.
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

#include "floorplans/loader.h"
#include "floorplans/model.h"
#include "floorplans/plan_render.h"

#define EXAMPLE "floorplans/examples/hospital-level2.json"
#define REFERENCE "tests/golden/floorplans/example-show.png"
#define MAX_MEAN_DIFF 1.0

static const struct fp_render_opts ref_opts = { .max_side_px = 1000, .footer = "" };

static cairo_surface_t *render_example(void)
{
	struct floorplan *fp;
	struct fp_raster r;
	struct ns_err err = { 0 };
	cairo_surface_t *out;

	assert_int_equal(fp_import(NULL, EXAMPLE, NULL, &fp, &err), 0);
	assert_int_equal(fp_raster_for_floor(fp, &r, &err), 0);
	assert_int_equal(fp_render_plan(fp, &r, &ref_opts, &out, &err), 0);
	fp_raster_release(&r);
	floorplan_free(fp);
	return out;
}

static void rgb_at(cairo_surface_t *s, int x, int y, int rgb[3])
{
	uint32_t p;

	cairo_surface_flush(s);
	p = *(uint32_t *)(void *)(cairo_image_surface_get_data(s) +
				  (size_t)y * cairo_image_surface_get_stride(s) + (size_t)x * 4);
	rgb[0] = p >> 16 & 0xff;
	rgb[1] = p >> 8 & 0xff;
	rgb[2] = p & 0xff;
}

static void test_example_plan_matches_the_reference_image(void **state)
{
	cairo_surface_t *got = render_example(), *want;
	int w, h, sg, sw;
	double sum = 0;
	const unsigned char *a, *b;

	(void)state;
	if (getenv("NOTSPOT_UPDATE_GOLDEN"))
		assert_int_equal(cairo_surface_write_to_png(got, REFERENCE), CAIRO_STATUS_SUCCESS);
	want = cairo_image_surface_create_from_png(REFERENCE);
	assert_int_equal(cairo_surface_status(want), CAIRO_STATUS_SUCCESS);
	w = cairo_image_surface_get_width(got);
	h = cairo_image_surface_get_height(got);
	assert_int_equal(cairo_image_surface_get_width(want), w);
	assert_int_equal(cairo_image_surface_get_height(want), h);
	cairo_surface_flush(got);
	cairo_surface_flush(want);
	a = cairo_image_surface_get_data(got);
	b = cairo_image_surface_get_data(want);
	sg = cairo_image_surface_get_stride(got);
	sw = cairo_image_surface_get_stride(want);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			for (int c = 0; c < 3; c++)
				sum += abs(a[(size_t)y * sg + (size_t)x * 4 + c] -
					   b[(size_t)y * sw + (size_t)x * 4 + c]);
	sum /= (double)w * h * 3;
	if (sum > MAX_MEAN_DIFF)
		fail_msg("mean difference %.3f > %.3f from %s", sum, MAX_MEAN_DIFF, REFERENCE);
	cairo_surface_destroy(got);
	cairo_surface_destroy(want);
}

static void test_overlays_land_where_the_metres_say(void **state)
{
	cairo_surface_t *s = render_example();
	int c[3];

	(void)state;
	/*
	 * Output scale 1000/1720 px per raster px; plan at (24, 74).
	 * AP-W21-01 at (4, 9.25) m -> raster (140, 295) -> (105.4, 245.5): red dot.
	 */
	rgb_at(s, 105, 245, c);
	assert_true(c[0] > 170 && c[1] < 60 && c[2] < 60);
	/* External concrete wall at (31, 0) m -> raster (680, 110) -> (419.3, 138.0): dark. */
	rgb_at(s, 419, 138, c);
	assert_true(c[0] < 90 && c[1] < 90 && c[2] < 90);
	/* X-ray 1's lead-lined wall at (64, 5) m -> raster (1340, 210) -> (803.1, 196.1): magenta. */
	rgb_at(s, 803, 196, c);
	assert_true(c[0] > 170 && c[1] < 90 && c[2] > 100);
	/* The middle of Bay A (4, 6) m is no wall: light. */
	rgb_at(s, 105, 226, c);
	assert_true(c[0] > 150 && c[1] > 150 && c[2] > 150);
	cairo_surface_destroy(s);
}

static void test_uncalibrated_floor_renders_without_overlays(void **state)
{
	struct floorplan *fp = floorplan_new();
	const struct fp_material *m = fp_material_find("concrete");
	struct fp_point w[] = { { 0, 5 }, { 10, 5 } };
	struct fp_render_opts no_grid = { .max_side_px = 1000, .footer = "", .no_grid = true };
	struct ns_err err = { 0 };
	cairo_surface_t *s;
	int c[3];

	(void)state;
	fp->width_px = 400;
	fp->height_px = 200;
	assert_int_equal(floorplan_add_wall(fp, w, 2, m->key, m->loss_db), 0);
	assert_int_equal(fp_render_plan(fp, NULL, &no_grid, &s, &err), 0);
	/* Uncalibrated: the wall cannot be placed, so it is not drawn. */
	rgb_at(s, 24 + 100, 74 + 100, c);
	assert_true(c[0] == 255 && c[1] == 255 && c[2] == 255);
	cairo_surface_destroy(s);
	/* Calibrated at 20 px/m: the wall is at y = 100 px. */
	fp->px_per_m = 20;
	assert_int_equal(fp_render_plan(fp, NULL, &no_grid, &s, &err), 0);
	rgb_at(s, 24 + 100, 74 + 100, c);
	assert_true(c[0] < 90);
	cairo_surface_destroy(s);
	floorplan_free(fp);
}

/* x += step stops moving x this far out; the grid used to loop for ever. */
static void test_grid_with_a_far_away_origin_still_renders(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct fp_render_opts opts = { .max_side_px = 400, .footer = "" };
	struct ns_err err = { 0 };
	cairo_surface_t *s;

	(void)state;
	fp->width_px = 400;
	fp->height_px = 200;
	fp->px_per_m = 10;
	fp->origin_x_px = 1e20;
	assert_int_equal(fp_render_plan(fp, NULL, &opts, &s, &err), 0);
	cairo_surface_destroy(s);
	fp->px_per_m = 0; /* the uncalibrated pixel grid */
	assert_int_equal(fp_render_plan(fp, NULL, &opts, &s, &err), 0);
	cairo_surface_destroy(s);
	floorplan_free(fp);
}

static void test_floor_without_size_is_refused(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct ns_err err = { 0 };
	cairo_surface_t *s;

	(void)state;
	snprintf(fp->name, sizeof(fp->name), "Level 3");
	assert_int_equal(fp_render_plan(fp, NULL, NULL, &s, &err), -EINVAL);
	assert_null(s);
	assert_string_equal(err.msg, "floor 'Level 3' has no size (no drawing was loaded)");
	floorplan_free(fp);
}

static void test_png_written_through_a_temporary_file(void **state)
{
	char dir[] = "/tmp/notspot-render-XXXXXX", path[64];
	struct floorplan *fp;
	struct ns_err err = { 0 };
	cairo_surface_t *s;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/plan.png", dir);
	assert_int_equal(fp_import(NULL, EXAMPLE, NULL, &fp, &err), 0);
	assert_int_equal(fp_render_plan_png(fp, &ref_opts, path, &err), 0);
	s = cairo_image_surface_create_from_png(path);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(s), 1048);
	cairo_surface_destroy(s);
	/* An unwritable place fails with a sentence and leaves nothing behind. */
	snprintf(path, sizeof(path), "%s/no/such/dir/plan.png", dir);
	assert_int_equal(fp_render_plan_png(fp, &ref_opts, path, &err), -ENOENT);
	assert_true(strncmp(err.msg, "cannot write ", 13) == 0);
	assert_non_null(strstr(err.msg, "plan.png: No such file or directory"));
	floorplan_free(fp);
	snprintf(path, sizeof(path), "%s/plan.png", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_plan_matches_the_reference_image),
		cmocka_unit_test(test_overlays_land_where_the_metres_say),
		cmocka_unit_test(test_uncalibrated_floor_renders_without_overlays),
		cmocka_unit_test(test_grid_with_a_far_away_origin_still_renders),
		cmocka_unit_test(test_floor_without_size_is_refused),
		cmocka_unit_test(test_png_written_through_a_temporary_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
