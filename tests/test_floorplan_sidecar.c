/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_floorplan_sidecar.c — the sidecar format: the example floor reads back
 * as drawn, two-point calibration, round trip through fp_sidecar_write(), and
 * every kind of bad input refused with a sentence naming the element and key.
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

#include "floorplans/calibrate.h"
#include "floorplans/geometry.h"
#include "floorplans/model.h"
#include "floorplans/sidecar.h"

#define EXAMPLE "floorplans/examples/hospital-level2.json"

static struct floorplan *parse_ok(const char *json)
{
	struct floorplan *fp = floorplan_new();
	struct ns_err err = { 0 };
	int rc;

	assert_non_null(fp);
	rc = fp_sidecar_parse(json, strlen(json), fp, NULL, &err);
	if (rc)
		fail_msg("sidecar refused: %s", err.msg);
	return fp;
}

/* Parse @json expecting a refusal whose message is exactly @msg. */
static void expect_error(const char *json, const char *msg)
{
	struct floorplan *fp = floorplan_new();
	struct ns_err err = { 0 };
	int rc = fp_sidecar_parse(json, strlen(json), fp, NULL, &err);

	assert_int_equal(rc, -EINVAL);
	assert_int_equal(err.code, -EINVAL);
	assert_string_equal(err.msg, msg);
	floorplan_free(fp);
}

static void test_example_floor_reads_with_its_wards_walls_and_aps(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct fp_sidecar_info info;
	struct ns_err err = { 0 };
	size_t lead = 0, fire = 0;

	(void)state;
	assert_int_equal(fp_sidecar_load(EXAMPLE, fp, &info, &err), 0);
	assert_string_equal(fp->name, "Level 2");
	assert_int_equal(fp->level, 2);
	assert_string_equal(info.image, "hospital-level2.svg");
	assert_true(info.has_scale);
	assert_float_equal(fp->px_per_m, 20.0, 1e-12);
	assert_float_equal(fp->origin_x_px, 60.0, 1e-12);
	assert_float_equal(fp->origin_y_px, 110.0, 1e-12);
	assert_int_equal(fp->nwards, 5);
	assert_non_null(floorplan_find_ward(fp, "Ward 21"));
	assert_non_null(floorplan_find_ward(fp, "Diagnostic Imaging"));
	/* Ward 21 is 44 m x 17.5 m. */
	assert_float_equal(fp_polygon_area(floorplan_find_ward(fp, "Ward 21")->pts, 4), 770.0,
			   1e-9);
	for (size_t i = 0; i < fp->nwalls; i++)
		lead += strcmp(fp->walls[i].material, "lead-lined") == 0;
	for (size_t i = 0; i < fp->nopenings; i++)
		fire += strcmp(fp->openings[i].kind, "fire-door") == 0;
	assert_true(lead >= 4);
	assert_true(fire >= 4);
	assert_true(fp->naps >= 8);
	assert_string_equal(fp->aps[0].source, "planned");
	assert_float_equal(fp->aps[0].height_m, 2.7, 1e-12);
	/* The side rooms of Ward 22 lie in Ward 22. */
	assert_string_equal(fp_ward_at(fp, (struct fp_point){ 42, 36 })->name, "Ward 22");
	floorplan_free(fp);
}

static void test_example_fire_doors_cross_the_street(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct ns_err err = { 0 };
	int n;
	double loss;

	(void)state;
	assert_int_equal(fp_sidecar_load(EXAMPLE, fp, NULL, &err), 0);
	/*
	 * Along the street from x = 40 to x = 58 the path crosses the core's
	 * two concrete walls (x = 44, x = 54) inside their steel fire doors:
	 * 2 x 19 dB at 2.4 GHz, not 2 x 12 dB of concrete.
	 */
	loss = fp_path_wall_loss(fp, (struct fp_point){ 40, 19 }, (struct fp_point){ 58, 19 },
				 FP_BAND_2G4, &n);
	assert_int_equal(n, 2);
	assert_float_equal(loss, 38.0, 1e-9);
	/* Into X-ray 2 through its lead-lined wall: 40 dB at 2.4 GHz. */
	loss = fp_path_wall_loss(fp, (struct fp_point){ 66.0, 19 }, (struct fp_point){ 66.5, 25 },
				 FP_BAND_2G4, &n);
	assert_int_equal(n, 1);
	assert_float_equal(loss, 40.0, 1e-9);
	floorplan_free(fp);
}

static void test_scale_from_two_points_and_distance(void **state)
{
	/* 300 px by 400 px apart is 500 px; over 25 m that is 20 px/m. */
	struct floorplan *fp =
		parse_ok("{\"scale\": {\"points\": [[100, 100], [400, 500]], \"distance_m\": 25}}");

	(void)state;
	assert_float_equal(fp->px_per_m, 20.0, 1e-12);
	floorplan_free(fp);
}

static void test_custom_wall_losses_and_defaults(void **state)
{
	struct floorplan *fp = parse_ok(
		"{\"walls\": [{\"material\": \"custom\", \"loss_db\": {\"2.4\": 6.5, \"5\": 9},"
		" \"points\": [[0, 0], [5, 0], [5, 5]]},"
		" {\"material\": \"concrete\", \"loss_db\": {\"2.4\": 15, \"5\": 21, \"6\": 26},"
		" \"points\": [[0, 1], [0, 9]]}],"
		" \"openings\": [{\"kind\": \"fire-door\", \"a\": [1, 0], \"b\": [2.2, 0.01]}],"
		" \"aps\": [{\"name\": \"AP1\", \"x\": 1, \"y\": 2, \"source\": \"surveyed\","
		" \"height_m\": 3.1, \"bssid_pattern\": \"00:11:22:33:44:5?\"}],"
		" \"wards\": [{\"name\": \"Bay\", \"points\": [[0,0],[4,0],[4,3],[0,3],[0,0]]}]}");

	(void)state;
	assert_int_equal(fp->nwalls, 2);
	assert_string_equal(fp->walls[0].material, "custom");
	assert_float_equal(fp->walls[0].loss_db[FP_BAND_2G4], 6.5, 0);
	assert_float_equal(fp->walls[0].loss_db[FP_BAND_5G], 9, 0);
	/* 6 GHz defaults to the 5 GHz figure. */
	assert_float_equal(fp->walls[0].loss_db[FP_BAND_6G], 9, 0);
	assert_int_equal(fp->walls[0].npts, 3);
	/* A known material's figures can be overridden by measurement. */
	assert_float_equal(fp->walls[1].loss_db[FP_BAND_6G], 26, 0);
	assert_float_equal(fp->openings[0].loss_db[FP_BAND_5G], 24, 0);
	assert_string_equal(fp->aps[0].source, "surveyed");
	assert_float_equal(fp->aps[0].height_m, 3.1, 0);
	assert_string_equal(fp->aps[0].bssid_pattern, "00:11:22:33:44:5?");
	/* A closed outline loses its repeated last point. */
	assert_int_equal(fp->wards[0].npts, 4);
	floorplan_free(fp);
}

static void test_write_then_parse_gives_the_same_floor(void **state)
{
	struct floorplan *a = floorplan_new(), *b = floorplan_new();
	struct ns_err err = { 0 };
	char dir[] = "/tmp/notspot-sidecar-XXXXXX", path[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/floor.json", dir);
	assert_int_equal(fp_sidecar_load(EXAMPLE, a, NULL, &err), 0);
	a->walls[3].loss_db[FP_BAND_5G] = 17.25; /* measured: written as loss_db */
	assert_int_equal(fp_sidecar_write(a, "plan.svg", path, &err), 0);
	assert_int_equal(fp_sidecar_load(path, b, NULL, &err), 0);
	assert_string_equal(a->name, b->name);
	assert_float_equal(a->px_per_m, b->px_per_m, 1e-9);
	assert_int_equal(a->nwalls, b->nwalls);
	assert_int_equal(a->nopenings, b->nopenings);
	assert_int_equal(a->naps, b->naps);
	assert_int_equal(a->nwards, b->nwards);
	for (size_t i = 0; i < a->nwalls; i++) {
		assert_string_equal(a->walls[i].material, b->walls[i].material);
		assert_int_equal(a->walls[i].npts, b->walls[i].npts);
		for (int k = 0; k < FP_NBANDS; k++)
			assert_float_equal(a->walls[i].loss_db[k], b->walls[i].loss_db[k], 1e-9);
		for (size_t k = 0; k < a->walls[i].npts; k++) {
			assert_float_equal(a->walls[i].pts[k].x, b->walls[i].pts[k].x, 1e-9);
			assert_float_equal(a->walls[i].pts[k].y, b->walls[i].pts[k].y, 1e-9);
		}
	}
	for (size_t i = 0; i < a->naps; i++) {
		assert_string_equal(a->aps[i].name, b->aps[i].name);
		assert_float_equal(a->aps[i].pos.x, b->aps[i].pos.x, 1e-9);
	}
	floorplan_free(a);
	floorplan_free(b);
	unlink(path);
	rmdir(dir);
}

/* jansson refuses a non-UTF-8 string; the ward must not vanish from the file. */
static void test_write_refuses_a_ward_name_that_is_not_utf8_instead_of_dropping_it(void **state)
{
	struct floorplan *fp = floorplan_new();
	const struct fp_point sq[] = { { 0, 0 }, { 4, 0 }, { 4, 4 } };
	struct ns_err err = { 0 };
	char dir[] = "/tmp/notspot-sidecar-XXXXXX", path[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/floor.json", dir);
	assert_int_equal(floorplan_add_ward(fp, "Bay A", sq, 3), 0);
	assert_int_equal(floorplan_add_ward(fp, "Caf\xe9", sq, 3), 0); /* Latin-1 */
	assert_int_equal(fp_sidecar_write(fp, NULL, path, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "not valid UTF-8"));
	assert_int_equal(access(path, F_OK), -1);
	floorplan_free(fp);
	rmdir(dir);
}

static void test_unknown_material_is_named_with_the_known_ones(void **state)
{
	(void)state;
	expect_error("{\"walls\": [{\"material\": \"concrete\", \"points\": [[0,0],[1,0]]},"
		     "{\"material\": \"cardboard\", \"points\": [[0,0],[1,0]]}]}",
		     "walls[1].material: 'cardboard' is not a known material (known: doorway, "
		     "plasterboard, glass, glass-low-e, wooden-door, brick, concrete, fire-door, "
		     "lift-shaft, lead-lined, custom with loss_db)");
}

/* A level's place in its building, its calibration and its APs' radios survive a round trip. */
static void test_level_slab_align_calibration_and_radios_round_trip(void **state)
{
	struct floorplan *a = parse_ok(
		"{\"elevation_m\": 4.2, \"height_m\": 4.2,"
		" \"slab\": {\"material\": \"hospital-heavy-slab\"},"
		" \"align\": {\"dx_m\": 1.5, \"dy_m\": -2, \"rot_deg\": 90},"
		" \"scale\": {\"points\": [[100, 100], [400, 500]], \"distance_m\": 25},"
		" \"aps\": [{\"name\": \"AP-1\", \"x\": 3, \"y\": 4, \"model\": \"AP-635\","
		"   \"radios\": [{\"band\": \"5\", \"channel\": 36, \"width_mhz\": 40,"
		"                 \"tx_power_dbm\": 17, \"bssid\": \"02:00:00:00:00:01\"}]}]}");
	struct floorplan *b = floorplan_new();
	struct ns_err err = { 0 };
	char dir[] = "/tmp/notspot-sidecar-XXXXXX", path[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/floor.json", dir);
	assert_float_equal(a->calib.ax_px, 100, 1e-12);
	assert_float_equal(a->calib.m, 25, 1e-12);
	assert_int_equal(fp_sidecar_write(a, "plan.svg", path, &err), 0);
	assert_int_equal(fp_sidecar_load(path, b, NULL, &err), 0);
	assert_float_equal(b->elevation_m, 4.2, 1e-9);
	assert_float_equal(b->height_m, 4.2, 1e-9);
	assert_string_equal(b->slab_material, "hospital-heavy-slab");
	assert_float_equal(b->align.dx_m, 1.5, 1e-9);
	assert_float_equal(b->align.dy_m, -2, 1e-9);
	assert_float_equal(b->align.rot_deg, 90, 1e-9);
	assert_float_equal(b->calib.bx_px, 400, 1e-9);
	assert_float_equal(b->calib.by_px, 500, 1e-9);
	assert_float_equal(b->px_per_m, 20, 1e-9);
	assert_int_equal(b->naps, 1);
	assert_string_equal(b->aps[0].model, "AP-635");
	assert_int_equal(b->aps[0].nradios, 1);
	assert_int_equal(b->aps[0].radios[0].band, FP_BAND_5G);
	assert_int_equal(b->aps[0].radios[0].channel, 36);
	assert_int_equal(b->aps[0].radios[0].width_mhz, 40);
	assert_float_equal(b->aps[0].radios[0].tx_power_dbm, 17, 1e-9);
	assert_int_equal(b->aps[0].radios[0].bssid[5], 1);
	floorplan_free(a);
	floorplan_free(b);
	unlink(path);
	rmdir(dir);
}

/* An unknown slab, a custom one without losses and a bad radio are one sentence each. */
static void test_bad_level_and_radio_inputs_are_refused(void **state)
{
	(void)state;
	expect_error("{\"slab\": {\"material\": \"jelly\"}}",
		     "slab.material: 'jelly' is not a slab material (concrete-slab, "
		     "hospital-heavy-slab, or custom with loss_db)");
	expect_error("{\"slab\": {\"material\": \"custom\"}}",
		     "slab: a custom slab needs \"loss_db\"");
	expect_error("{\"aps\": [{\"name\": \"A\", \"x\": 1, \"y\": 1, \"radios\":"
		     " [{\"band\": \"3\", \"channel\": 1}]}]}",
		     "aps[0].radios[0].band: '3' is not \"2.4\", \"5\" or \"6\"");
}

static void test_bad_inputs_are_refused_with_element_and_key(void **state)
{
	(void)state;
	expect_error("{\"wals\": []}",
		     "sidecar: unknown key 'wals' (expected: notspot_floorplan, name, building, "
		     "level, elevation_m, height_m, slab, align, image, page, scale, origin_px, wards, walls, openings, aps, comment)");
	expect_error("[1, 2]", "a sidecar is a JSON object, not an array");
	expect_error("{\"notspot_floorplan\": 2}",
		     "notspot_floorplan: this sidecar is format 2; this notspot reads format 1");
	expect_error("{\"scale\": {\"px_per_m\": -3}}",
		     "scale.px_per_m: -3 is out of range (0.01 to 100000)");
	expect_error("{\"scale\": {\"px_per_m\": 20, \"distance_m\": 3}}",
		     "scale: give either px_per_m or points with distance_m, not both");
	expect_error("{\"scale\": {\"points\": [[5, 5], [5.5, 5]], \"distance_m\": 3}}",
		     "scale: the two calibration points are less than 1 px apart; pick the ends "
		     "of a long feature");
	expect_error("{\"walls\": [{\"material\": \"brick\", \"points\": [[0, 0]]}]}",
		     "walls[0].points: has 1 points; at least 2 are needed");
	expect_error("{\"walls\": [{\"material\": \"brick\", \"points\": [[0, 0], [1, \"a\"]]}]}",
		     "walls[0].points[1][1]: must be a number, not a string");
	expect_error("{\"walls\": [{\"material\": \"custom\", \"points\": [[0, 0], [1, 0]]}]}",
		     "walls[0]: material \"custom\" needs \"loss_db\", e.g. {\"2.4\": 6, \"5\": 9}");
	expect_error("{\"walls\": [{\"material\": \"custom\", \"loss_db\": {\"2.4\": 3},"
		     " \"points\": [[0, 0], [1, 0]]}]}",
		     "walls[0].loss_db: needs the loss at 5 GHz (keys \"2.4\", \"5\", optionally "
		     "\"6\")");
	expect_error("{\"walls\": [{\"material\": \"brick\", \"points\": [[0, 0], [0, 0]]}]}",
		     "walls[0].points: points 0 and 1 are the same place");
	expect_error("{\"walls\": [{\"material\": \"brick\", \"points\": [[0, 0], [10, 0]]}],"
		     " \"openings\": [{\"kind\": \"doorway\", \"a\": [2, 1], \"b\": [3, 1]}]}",
		     "openings[0]: lies on no wall (the nearest wall is 1.00 m away; an opening "
		     "must lie within 0.05 m of one wall segment)");
	expect_error("{\"wards\": [{\"name\": \"A\", \"points\": [[0,0],[1,0],[2,0]]}]}",
		     "wards[0].points: the outline encloses no area");
	expect_error("{\"wards\": [{\"name\": \"A\", \"points\": [[0,0],[1,0],[1,1]]},"
		     " {\"name\": \"A\", \"points\": [[0,0],[1,0],[1,1]]}]}",
		     "wards[1].name: 'A' is already the name of another ward");
	expect_error("{\"aps\": [{\"name\": \"AP\", \"x\": 1, \"y\": 1, \"source\": \"guess\"}]}",
		     "aps[0].source: 'guess' is not a source (planned, estimated, surveyed "
		     "or proposed)");
	expect_error("{\"aps\": [{\"name\": \"AP\", \"x\": 1}]}",
		     "aps[0]: needs \"name\", \"x\" and \"y\" (metres)");
	expect_error("{\"aps\": [{\"name\": \"AP\", \"x\": 1, \"y\": 1e300}]}",
		     "aps[0].y: 1e+300 is out of range (-100000 to 100000)");
	expect_error("{\"name\": \"\"}", "name: must not be empty");
	expect_error("{\"level\": 2.5}", "level: must be a whole number from -100 to 1000");
}

static void test_malformed_json_says_where(void **state)
{
	(void)state;
	expect_error("{\n  \"walls\": [\n  {\"material\": }\n]}",
		     "not valid JSON at line 3, column 16: unexpected token near '}'");
	expect_error("{\"name\": \"a\", \"name\": \"b\"}",
		     "not valid JSON at line 1, column 20: duplicate object key near '\"name\"'");
	expect_error("", "not valid JSON at line 1, column 0: '[' or '{' expected near end of file");
}

static void test_load_names_the_file(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(fp_sidecar_load("tests/golden/floorplans/no-such.json", fp, NULL, &err),
			 -ENOENT);
	assert_string_equal(err.msg, "cannot open tests/golden/floorplans/no-such.json: No such "
				     "file or directory");
	floorplan_free(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_floor_reads_with_its_wards_walls_and_aps),
		cmocka_unit_test(test_example_fire_doors_cross_the_street),
		cmocka_unit_test(test_scale_from_two_points_and_distance),
		cmocka_unit_test(test_custom_wall_losses_and_defaults),
		cmocka_unit_test(test_write_then_parse_gives_the_same_floor),
		cmocka_unit_test(test_write_refuses_a_ward_name_that_is_not_utf8_instead_of_dropping_it),
		cmocka_unit_test(test_unknown_material_is_named_with_the_known_ones),
		cmocka_unit_test(test_level_slab_align_calibration_and_radios_round_trip),
		cmocka_unit_test(test_bad_level_and_radio_inputs_are_refused),
		cmocka_unit_test(test_bad_inputs_are_refused_with_element_and_key),
		cmocka_unit_test(test_malformed_json_says_where),
		cmocka_unit_test(test_load_names_the_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
