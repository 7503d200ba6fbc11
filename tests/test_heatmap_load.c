/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heatmap_load.c — samples are checked where they are read for a map,
 * before anything is binned: a position that is not a number (1e300, ±inf
 * from a damaged or hostile file) is left out and counted; positions far
 * outside the floor (an import in millimetres, a wrong origin) refuse the
 * floor with one sentence that says how many, how far, and the likely unit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "heatmap/load.h"
#include "heatmap/map.h"
#include "support/survey_fixtures.h"

struct fixture {
	char *dir;
	struct survey *s;
	int64_t walk;
};

/* The fixture floor is 60 x 30 m (2000 x 1000 px at 33.3 px/m); its ward 20 x 10 m. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey_walk w;
	struct ns_err err = { 0 };
	int64_t floor_id;

	if (!f || !fp || !(f->dir = survey_test_tmpdir()))
		return -1;
	if (survey_create(survey_test_path(f->dir, "s.notspot"), NULL, &f->s, &err))
		return -1;
	if ((floor_id = survey_add_floor(f->s, fp, &err)) <= 0)
		return -1;
	floorplan_free(fp);
	memset(&w, 0, sizeof(w));
	w.floor_id = floor_id;
	w.start_us = 1763781904000000;
	if ((f->walk = survey_begin_walk(f->s, &w, &err)) <= 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	survey_close(f->s);
	survey_test_rmdir(f->dir);
	free(f);
	return 0;
}

/* A scan at (@x, @y) hearing one AP at -50 - @i dBm. */
static void add_scan(struct fixture *f, int i, double x, double y)
{
	struct meas_observation o;
	struct meas_sample sm;
	struct ns_err err = { 0 };

	meas_init_sample(&sm);
	sm.walk_id = f->walk;
	sm.t_us = 1763781904000000 + (int64_t)i * 1000000;
	sm.kind = SAMPLE_SCAN;
	sm.status = SAMPLE_OK;
	sm.placed = true;
	sm.x_m = x;
	sm.y_m = y;
	survey_test_observation(&o, 1);
	o.signal_dbm = -50 - i % 20;
	o.age_ms = 0;
	assert_true(survey_add_sample(f->s, &sm, &o, 1, NULL, NULL, &err) > 0);
}

/* Twenty scans walked along the ward, times @k (1: metres; 1000: the same in millimetres). */
static void walk_the_ward(struct fixture *f, double k)
{
	for (int i = 0; i < 20; i++)
		add_scan(f, i, (1 + i * 0.9) * k, (2 + (i % 4) * 2) * k);
}

static void test_a_position_that_is_not_a_number_is_left_out_and_counted(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;
	struct hm_set set;
	struct hm_map_opts mo;
	struct hm_map m;
	struct ns_err err = { 0 };
	sqlite3 *db;

	walk_the_ward(f, 1);
	add_scan(f, 20, 1e300, 5);
	add_scan(f, 21, 5, -1e300);
	/* The survey API stores no infinity; a file written by hand can hold one. */
	add_scan(f, 22, 5, 5);
	assert_int_equal(sqlite3_open(survey_test_path(f->dir, "s.notspot"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE samples SET x_m = 9e999 WHERE t_us = "
				      "(SELECT max(t_us) FROM samples)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(hm_load_floor(f->s, NULL, &fp, &set, &err), 0);
	assert_int_equal(set.nbadpos, 3);
	assert_int_equal(set.nsamples, 20);
	/* The map is built from the others: no cell index is ever computed from 1e300. */
	hm_map_opts_default(&mo);
	assert_int_equal(hm_map_build(&set, fp, &mo, &m, &err), 0);
	assert_true(m.grid.nx * m.grid.cell_m <= 61 && m.grid.ny * m.grid.cell_m <= 31);
	hm_map_release(&m);
	hm_set_release(&set);
	floorplan_free(fp);
}

static void test_a_walk_in_millimetres_refuses_the_floor_and_says_so(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp = (struct floorplan *)&fp;
	struct hm_set set;
	struct ns_err err = { 0 };

	walk_the_ward(f, 1000);
	assert_int_equal(hm_load_floor(f->s, NULL, &fp, &set, &err), -ERANGE);
	assert_null(fp);
	assert_string_equal(err.msg, "20 of 20 samples lie outside floor 'Level 2' (60 x 30 m), up "
				     "to 19.7 km beyond its edge: were the positions written in "
				     "millimetres? Divided by 1000 they lie on the floor");
}

static void test_a_walk_in_centimetres_is_told_apart_from_millimetres(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;
	struct hm_set set;
	struct ns_err err = { 0 };

	walk_the_ward(f, 1);
	walk_the_ward(f, 100);
	assert_int_equal(hm_load_floor(f->s, NULL, &fp, &set, &err), -ERANGE);
	assert_non_null(strstr(err.msg, "samples lie outside floor 'Level 2'"));
	assert_non_null(strstr(err.msg, "were the positions written in centimetres? Divided by "
					"100 they lie on the floor"));
}

static void test_a_few_samples_far_off_get_no_unit_guess(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;
	struct hm_set set;
	struct ns_err err = { 0 };

	walk_the_ward(f, 1);
	add_scan(f, 30, 540, 10);
	assert_int_equal(hm_load_floor(f->s, NULL, &fp, &set, &err), -ERANGE);
	assert_string_equal(err.msg, "1 of 21 samples lie outside floor 'Level 2' (60 x 30 m), up "
				     "to 480 m beyond its edge: check the positions' unit (metres) "
				     "and the floor's scale and origin");
}

static void test_a_walk_that_steps_outside_the_drawing_is_kept(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;
	struct hm_set set;
	struct ns_err err = { 0 };

	walk_the_ward(f, 1);
	add_scan(f, 30, 100, 10); /* 40 m beyond the drawing's right edge: within the margin */
	add_scan(f, 31, -30, -40);
	assert_int_equal(hm_load_floor(f->s, NULL, &fp, &set, &err), 0);
	assert_int_equal(set.nsamples, 22);
	assert_int_equal(set.nbadpos, 0);
	hm_set_release(&set);
	floorplan_free(fp);
}

static void test_a_ward_corner_a_thousand_km_away_is_a_damaged_floor(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp = (struct floorplan *)&fp;
	struct hm_set set;
	struct ns_err err = { 0 };
	sqlite3 *db;

	walk_the_ward(f, 1);
	/* As a mailed file may hold it: one corner's x bytes changed, -1310720 m. */
	assert_int_equal(sqlite3_open(survey_test_path(f->dir, "s.notspot"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE wards SET points = substr(points, 1, 16) || "
				      "x'00000000000034c1' || substr(points, 25)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(hm_load_floor(f->s, NULL, &fp, &set, &err), -EBADMSG);
	assert_null(fp);
	assert_string_equal(err.msg, "floor 'Level 2' is damaged: ward 'Ward 7 — Cardiology' has a "
				     "point at (-1.31072e+06, 0) m; no floor reaches more than "
				     "100000 m from its origin");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_a_position_that_is_not_a_number_is_left_out_and_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_a_walk_in_millimetres_refuses_the_floor_and_says_so, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_a_walk_in_centimetres_is_told_apart_from_millimetres, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_few_samples_far_off_get_no_unit_guess, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_walk_that_steps_outside_the_drawing_is_kept,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_a_ward_corner_a_thousand_km_away_is_a_damaged_floor, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
