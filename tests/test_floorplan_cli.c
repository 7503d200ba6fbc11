/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_floorplan_cli.c — `notspot floor|ward|wall` as a user runs them: the
 * binary next to this test's build folder (build/notspot, build-asan/notspot)
 * on a survey made here, with exit statuses, messages, and what the survey
 * holds afterwards checked through survey.h. The tests are one session on one
 * survey file and run in order: each builds on what the previous one stored.
 */
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <cairo.h>

#include "floorplans/model.h"
#include "survey/survey.h"

static char bin[4096];
static char dir[64];
static char survey_path[128];
static char out_path[128], err_path[128];

/* Run "notspot ARGS" (a shell line); stdout/stderr go to files. Returns the exit status. */
static int run(const char *args)
{
	char cmd[8192];
	int st;

	/* A sanitizer build of notspot: fontconfig's caches are not our leaks. */
	snprintf(cmd, sizeof(cmd), "LSAN_OPTIONS=\"${LSAN_OPTIONS:-suppressions=tests/lsan.supp}\" "
				   "%s %s >%s 2>%s", bin, args, out_path, err_path);
	st = system(cmd);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static char *slurp(const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static struct floorplan *load(const char *name)
{
	struct survey *s;
	struct floorplan *fp;
	struct ns_err err = { 0 };
	int64_t id;

	assert_int_equal(survey_open(survey_path, SURVEY_READ_ONLY, &s, &err), 0);
	id = survey_find_floor(s, name, &err);
	assert_true(id > 0);
	assert_int_equal(survey_load_floor(s, id, &fp, &err), 0);
	survey_close(s);
	return fp;
}

static int setup(void **state)
{
	struct survey *s;
	struct ns_err err = { 0 };

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/notspot-floorcli-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(survey_path, sizeof(survey_path), "%s/site.notspot", dir);
	snprintf(out_path, sizeof(out_path), "%s/out.txt", dir);
	snprintf(err_path, sizeof(err_path), "%s/err.txt", dir);
	assert_int_equal(survey_create(survey_path, NULL, &s, &err), 0);
	survey_close(s);
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_floor_add_with_sidecar_stores_the_example(void **state)
{
	char args[512];
	struct floorplan *fp;

	(void)state;
	snprintf(args, sizeof(args), "floor add %s --sidecar floorplans/examples/hospital-level2.json",
		 survey_path);
	assert_int_equal(run(args), 0);
	assert_string_equal(slurp(out_path),
			    "floor 'Level 2' added: svg drawing 1720 x 1060 px, 20.000 px/m "
			    "(86.0 x 53.0 m), 5 wards, 80 walls, 91 openings, 11 APs\n");
	fp = load("Level 2");
	assert_string_equal(fp->image_type, "svg");
	assert_float_equal(fp->px_per_m, 20.0, 1e-9);
	assert_int_equal(fp->nwalls, 80);
	assert_non_null(floorplan_find_ward(fp, "Ward 22"));
	floorplan_free(fp);
	/* The same name again is refused and the file keeps one floor. */
	assert_int_equal(run(args), 1);
	assert_true(strncmp(slurp(err_path), "notspot: ", 9) == 0);
}

static void test_broken_drawing_is_refused_and_nothing_is_stored(void **state)
{
	char args[512];
	struct survey *s;
	struct survey_floor_info *fl;
	struct ns_err err = { 0 };
	size_t n;

	(void)state;
	snprintf(args, sizeof(args), "floor add %s --name Scan --image "
				     "tests/golden/floorplans/truncated.png", survey_path);
	assert_int_equal(run(args), 1);
	assert_string_equal(slurp(err_path),
			    "notspot: floor add: tests/golden/floorplans/truncated.png: the PNG "
			    "image is truncated (its last chunk is cut short)\n");
	assert_int_equal(survey_open(survey_path, SURVEY_READ_ONLY, &s, &err), 0);
	assert_int_equal(survey_list_floors(s, &fl, &n, &err), 0);
	assert_int_equal(n, 1);
	free(fl);
	survey_close(s);
}

static void test_floor_scale_from_two_points_and_origin(void **state)
{
	char args[512];
	struct floorplan *fp;

	(void)state;
	/* 300-400-500 px over 25 m: 20 px/m; origin moved to (10, 20). */
	snprintf(args, sizeof(args), "floor scale %s --floor 'Level 2' --points 100,100,400,500 "
				     "--distance 20 --origin 10,20", survey_path);
	assert_int_equal(run(args), 0);
	fp = load("Level 2");
	assert_float_equal(fp->px_per_m, 25.0, 1e-12);
	assert_float_equal(fp->origin_x_px, 10.0, 0);
	assert_float_equal(fp->origin_y_px, 20.0, 0);
	/* Geometry keeps its metres. */
	assert_int_equal(fp->nwalls, 80);
	floorplan_free(fp);
	snprintf(args, sizeof(args), "floor scale %s --px-per-m 20 --origin 60,110", survey_path);
	assert_int_equal(run(args), 0); /* one floor: --floor may be left out */
	fp = load("Level 2");
	assert_float_equal(fp->px_per_m, 20.0, 0);
	floorplan_free(fp);
	snprintf(args, sizeof(args), "floor scale %s --px-per-m 20 --points 0,0,1,1 --distance 3",
		 survey_path);
	assert_int_equal(run(args), 2);
	snprintf(args, sizeof(args), "floor scale %s --points 5,5,5.5,5 --distance 3", survey_path);
	assert_int_equal(run(args), 1);
	assert_string_equal(slurp(err_path),
			    "notspot: floor scale: the two calibration points are less than 1 px "
			    "apart; pick the ends of a long feature\n");
}

static void test_ward_and_wall_add(void **state)
{
	char args[512];
	struct floorplan *fp;
	const struct fp_ward *w;

	(void)state;
	snprintf(args, sizeof(args), "ward add %s --floor 'Level 2' --name 'Bay A' --points 0,0 "
				     "8,0 8,8 0,8", survey_path);
	assert_int_equal(run(args), 0);
	assert_string_equal(slurp(out_path),
			    "ward 'Bay A' added to floor 'Level 2': 4 corners, 64.0 m²\n");
	/* Negative coordinates are points, not options. */
	snprintf(args, sizeof(args), "wall add %s --floor 'Level 2' --loss-db 7,11 --points "
				     "-1.5,2 -1.5,6", survey_path);
	assert_int_equal(run(args), 0);
	snprintf(args, sizeof(args), "wall add %s --material fire-door --points 1,1 2,1 2,3",
		 survey_path);
	assert_int_equal(run(args), 0);
	fp = load("Level 2");
	w = floorplan_find_ward(fp, "Bay A");
	assert_non_null(w);
	assert_int_equal(w->npts, 4);
	assert_int_equal(fp->nwalls, 82);
	assert_string_equal(fp->walls[80].material, "custom");
	assert_float_equal(fp->walls[80].pts[0].x, -1.5, 0);
	assert_float_equal(fp->walls[80].loss_db[FP_BAND_5G], 11, 0);
	assert_float_equal(fp->walls[80].loss_db[FP_BAND_6G], 11, 0);
	assert_string_equal(fp->walls[81].material, "fire-door");
	assert_int_equal(fp->walls[81].npts, 3);
	floorplan_free(fp);

	snprintf(args, sizeof(args), "wall add %s --material cardboard --points 0,0 1,0",
		 survey_path);
	assert_int_equal(run(args), 2);
	assert_true(strstr(slurp(err_path), "'cardboard' is not a known material") != NULL);
	snprintf(args, sizeof(args), "ward add %s --name 'Bay A' --points 0,0 1,0 1,1",
		 survey_path);
	assert_int_equal(run(args), 1);
	assert_string_equal(slurp(err_path),
			    "notspot: ward add: floor 'Level 2' already has a ward called 'Bay A'\n");
	snprintf(args, sizeof(args), "ward add %s --name Line --points 0,0 1,1", survey_path);
	assert_int_equal(run(args), 2);
	snprintf(args, sizeof(args), "ward add %s --floor Nowhere --name X --points 0,0 1,0 1,1",
		 survey_path);
	assert_int_equal(run(args), 1);
}

static void test_floor_show_writes_a_png(void **state)
{
	char args[512], png[160];
	cairo_surface_t *s;

	(void)state;
	snprintf(png, sizeof(png), "%s/plan.png", dir);
	snprintf(args, sizeof(args), "floor show %s --floor 'Level 2' -o %s --max-size 800",
		 survey_path, png);
	assert_int_equal(run(args), 0);
	s = cairo_image_surface_create_from_png(png);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	/* An 800 px plan area and a margin of 24 px each side. */
	assert_int_equal(cairo_image_surface_get_width(s), 848);
	cairo_surface_destroy(s);
	snprintf(args, sizeof(args), "floor show %s --floor 'Level 2'", survey_path);
	assert_int_equal(run(args), 2);
}

static void test_floor_list_json(void **state)
{
	char args[512];
	json_error_t jerr;
	json_t *a, *e;

	(void)state;
	snprintf(args, sizeof(args), "floor list %s --json", survey_path);
	assert_int_equal(run(args), 0);
	a = json_loads(slurp(out_path), 0, &jerr);
	assert_non_null(a);
	assert_int_equal(json_array_size(a), 1);
	e = json_array_get(a, 0);
	assert_string_equal(json_string_value(json_object_get(e, "name")), "Level 2");
	assert_int_equal(json_integer_value(json_object_get(e, "width_px")), 1720);
	assert_float_equal(json_real_value(json_object_get(e, "width_m")), 86.0, 1e-9);
	assert_int_equal(json_integer_value(json_object_get(e, "wards")), 6);
	json_decref(a);
	snprintf(args, sizeof(args), "floor list %s", survey_path);
	assert_int_equal(run(args), 0);
	assert_true(strstr(slurp(out_path), "Level 2") != NULL);
	assert_int_equal(run("floor frobnicate x"), 2);
	assert_int_equal(run("floor --help"), 0);
	assert_int_equal(run("ward --help"), 0);
	assert_int_equal(run("wall add --help"), 0);
	assert_true(strstr(slurp(out_path), "lead-lined") != NULL);
}

/* Every option of floor, ward and wall takes its value as "--opt=value" too. */
static void test_options_take_their_value_after_an_equals_sign(void **state)
{
	char args[512], png[160];
	struct floorplan *fp;
	const struct fp_ward *w;

	(void)state;
	snprintf(args, sizeof(args), "ward add %s --floor='Level 2' --name='Bay C' "
				     "--points=20,20 24,20 24,24", survey_path);
	assert_int_equal(run(args), 0);
	assert_string_equal(slurp(out_path),
			    "ward 'Bay C' added to floor 'Level 2': 3 corners, 8.0 m²\n");
	snprintf(args, sizeof(args), "wall add %s --floor='Level 2' --material=brick "
				     "--points=20,20 24,20", survey_path);
	assert_int_equal(run(args), 0);
	snprintf(args, sizeof(args), "wall add %s --loss-db=6,9 --points=-2,1 -2,3", survey_path);
	assert_int_equal(run(args), 0);
	fp = load("Level 2");
	w = floorplan_find_ward(fp, "Bay C");
	assert_non_null(w);
	assert_int_equal(w->npts, 3);
	assert_float_equal(w->pts[2].y, 24, 0);
	assert_int_equal(fp->nwalls, 84);
	assert_string_equal(fp->walls[82].material, "brick");
	assert_int_equal(fp->walls[82].npts, 2);
	assert_string_equal(fp->walls[83].material, "custom");
	assert_float_equal(fp->walls[83].pts[0].x, -2, 0);
	assert_float_equal(fp->walls[83].loss_db[FP_BAND_2G4], 6, 0);
	floorplan_free(fp);
	/* The checks still hold: two points are no outline. */
	snprintf(args, sizeof(args), "ward add %s --name=Bay --points=0,0 1,0", survey_path);
	assert_int_equal(run(args), 2);

	snprintf(args, sizeof(args), "floor scale %s --floor='Level 2' --px-per-m=20", survey_path);
	assert_int_equal(run(args), 0);
	snprintf(png, sizeof(png), "%s/plan-eq.png", dir);
	snprintf(args, sizeof(args), "floor show %s --floor='Level 2' --output=%s --max-size=300",
		 survey_path, png);
	assert_int_equal(run(args), 0);
	assert_int_equal(access(png, R_OK), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_floor_add_with_sidecar_stores_the_example),
		cmocka_unit_test(test_broken_drawing_is_refused_and_nothing_is_stored),
		cmocka_unit_test(test_floor_scale_from_two_points_and_origin),
		cmocka_unit_test(test_ward_and_wall_add),
		cmocka_unit_test(test_floor_show_writes_a_png),
		cmocka_unit_test(test_floor_list_json),
		cmocka_unit_test(test_options_take_their_value_after_an_equals_sign),
	};
	char self[4096];

	/* build/tests/test_floorplan_cli -> build/notspot */
	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(bin, sizeof(bin), "%s/../notspot", dirname(self));
	if (access(bin, X_OK) != 0) {
		fprintf(stderr, "test_floorplan_cli: %s is not built (make tests builds it)\n", bin);
		return 1;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
