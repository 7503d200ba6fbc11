/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_editor_tools.c — the plan editor's tools (walker/edit_tool.h) driven
 * as the window drives them: clicks in drawing pixels with a tolerance, keys,
 * typed answers. What they do is checked in the survey file itself.
 *
 * The floor: a 1000 x 800 px drawing, not calibrated at first. Calibrated at
 * 20 px per metre, pixel (20 k, 20 m) is metre (k, m).
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
#include <cmocka.h>

#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"
#include "walker/edit_doc.h"
#include "walker/edit_tool.h"

#define TOL 6.0 /* px */

struct fixture {
	char *dir;
	struct survey *s;
	int64_t floor_id, below_id;
	struct edit_doc *d;
	struct edit_tools *t;
};

static int64_t add_level(struct survey *s, const char *name, int lvl, double ppm)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', 0, 1, 2, 3 };
	struct floorplan *fp = floorplan_new();
	struct ns_err err;
	int64_t id;

	snprintf(fp->name, sizeof(fp->name), "%s", name);
	snprintf(fp->building, sizeof(fp->building), "Block A");
	fp->level = lvl;
	fp->width_px = 1000;
	fp->height_px = 800;
	fp->px_per_m = ppm;
	floorplan_set_image(fp, "png", png, sizeof(png));
	id = survey_add_floor(s, fp, &err);
	assert_true(id > 0);
	floorplan_free(fp);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ns_err err;

	f->dir = survey_test_tmpdir();
	assert_int_equal(survey_create(survey_test_path(f->dir, "tools.notspot"), NULL, &f->s, &err), 0);
	f->below_id = add_level(f->s, "Level 0", 0, 20);
	f->floor_id = add_level(f->s, "Level 1", 1, 0);
	assert_int_equal(edit_doc_open(f->s, f->floor_id, &f->d, &err), 0);
	f->t = edit_tools_new(f->d);
	assert_non_null(f->t);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	edit_tools_free(f->t);
	edit_doc_free(f->d);
	survey_close(f->s);
	survey_test_rmdir(f->dir);
	free(f);
	return 0;
}

static struct floorplan *from_file(struct fixture *f)
{
	struct floorplan *fp;
	struct ns_err err;

	assert_int_equal(survey_load_floor_ex(f->s, f->floor_id, SURVEY_LOAD_ELEMENTS, &fp, &err), 0);
	return fp;
}

/* A click at metre (x, y) once the floor has its scale (20 px/m). */
static void click_m(struct fixture *f, double x, double y)
{
	edit_tools_hover(f->t, 20 * x, 20 * y, TOL);
	edit_tools_click(f->t, 20 * x, 20 * y, TOL, 1);
}

static const char *message(struct fixture *f, bool want_error)
{
	bool error;
	const char *m = edit_tools_message(f->t, &error);

	if (error != want_error)
		fail_msg("message '%s' is %san error", m, error ? "" : "not ");
	return m;
}

static void calibrate(struct fixture *f)
{
	edit_tools_set(f->t, TOOL_CALIBRATE);
	edit_tools_click(f->t, 100, 700, TOL, 1);
	edit_tools_click(f->t, 900, 700, TOL, 1);
	edit_tools_answer(f->t, "40 m");
	assert_int_equal(edit_tools_prompt(f->t, NULL, NULL), PROMPT_NONE);
}

/* ---- calibrating ------------------------------------------------------------------------ */

static void test_two_clicks_and_a_distance_calibrate_the_floor(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;
	const char *q;

	edit_tools_set(f->t, TOOL_CALIBRATE);
	edit_tools_click(f->t, 99.6, 700.2, TOL, 1);
	assert_int_equal(edit_tools_prompt(f->t, NULL, NULL), PROMPT_NONE);
	edit_tools_click(f->t, 899, 700, TOL, 1);
	/* An arrow key moves the last point by one pixel, to hit the corner exactly. */
	assert_true(edit_tools_key(f->t, EKEY_RIGHT, false));
	assert_int_equal(edit_tools_prompt(f->t, &q, NULL), PROMPT_DISTANCE);
	assert_non_null(strstr(q, "800 px apart"));
	edit_tools_answer(f->t, "forty");
	assert_string_equal(message(f, true), "'forty' is not a distance: type metres, e.g. 12.5");
	edit_tools_answer(f->t, "40");
	assert_non_null(strstr(message(f, false), "Saved the scale: 20.00 px per metre"));
	fp = from_file(f);
	assert_true(fp->px_per_m == 20);
	assert_true(fp->calib.ax_px == 100 && fp->calib.ay_px == 700);
	assert_true(fp->calib.bx_px == 900 && fp->calib.by_px == 700 && fp->calib.m == 40);
	floorplan_free(fp);
}

static void test_drawing_tools_wait_for_a_scale(void **state)
{
	struct fixture *f = *state;

	edit_tools_set(f->t, TOOL_WALL);
	assert_string_equal(edit_tools_hint(f->t), "This floor has no scale yet: calibrate it first (C)");
	edit_tools_click(f->t, 100, 100, TOL, 1);
	assert_non_null(strstr(message(f, true), "calibrate it first"));
	assert_int_equal(edit_doc_floor(f->d)->nwalls, 0);
}

/* ---- walls --------------------------------------------------------------------------------- */

static void test_clicking_the_first_corner_again_closes_a_room(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_WALL);
	assert_true(edit_tools_digit(f->t, 4)); /* concrete */
	click_m(f, 2, 2);
	click_m(f, 12, 2);
	click_m(f, 12, 10);
	click_m(f, 2, 10);
	click_m(f, 2.1, 2.1); /* within a few pixels of the first corner */
	assert_string_equal(message(f, false), "Saved a concrete wall: 4 stretches, 36.0 m");
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 1);
	assert_int_equal(fp->walls[0].npts, 5);
	assert_true(fp->walls[0].pts[4].x == 2 && fp->walls[0].pts[4].y == 2);
	assert_string_equal(fp->walls[0].material, "concrete");
	assert_true(fp->walls[0].loss_db[FP_BAND_2G4] == 12);
	floorplan_free(fp);
}

static void test_a_double_click_or_enter_ends_a_wall_and_escape_drops_it(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_WALL);
	click_m(f, 1, 1);
	click_m(f, 5, 1);
	edit_tools_click(f->t, 100, 20, TOL, 2); /* the second click of a double-click */
	click_m(f, 1, 3);
	click_m(f, 5, 3);
	assert_true(edit_tools_key(f->t, EKEY_ENTER, false));
	click_m(f, 1, 6);
	click_m(f, 5, 6);
	assert_true(edit_tools_key(f->t, EKEY_ESCAPE, false));
	assert_string_equal(message(f, false), "Wall dropped: nothing was saved");
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 2);
	assert_int_equal(fp->walls[0].npts, 2);
	assert_string_equal(fp->walls[0].material, "brick"); /* the default */
	assert_true(fp->walls[1].pts[0].y == 3);
	floorplan_free(fp);
}

static void test_a_corner_snaps_to_a_wall_end_a_few_pixels_away_not_further(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_WALL);
	click_m(f, 2, 2);
	click_m(f, 12, 2);
	edit_tools_key(f->t, EKEY_ENTER, false);
	/* 4 px from the end snaps onto it; 10 px does not. */
	edit_tools_hover(f->t, 244, 40, TOL);
	edit_tools_click(f->t, 244, 40, TOL, 1);
	edit_tools_hover(f->t, 250, 250, TOL);
	edit_tools_click(f->t, 250, 250, TOL, 1);
	edit_tools_key(f->t, EKEY_ENTER, false);
	edit_tools_click(f->t, 30, 40, TOL, 1);
	edit_tools_click(f->t, 30, 200, TOL, 1);
	edit_tools_key(f->t, EKEY_ENTER, false);
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 3);
	assert_true(fp->walls[1].pts[0].x == 12 && fp->walls[1].pts[0].y == 2);
	assert_true(fp->walls[2].pts[0].x == 1.5);
	floorplan_free(fp);
}

static void test_a_material_key_mid_wall_starts_the_next_stretch_in_it(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_WALL);
	edit_tools_digit(f->t, 3); /* brick */
	click_m(f, 1, 1);
	click_m(f, 9, 1);
	edit_tools_digit(f->t, 2); /* glass from here */
	click_m(f, 9, 5);
	edit_tools_key(f->t, EKEY_ENTER, false);
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 2);
	assert_string_equal(fp->walls[0].material, "brick");
	assert_string_equal(fp->walls[1].material, "glass");
	assert_true(fp->walls[1].pts[0].x == 9 && fp->walls[1].pts[0].y == 1);
	assert_true(fp->walls[1].pts[1].x == 9 && fp->walls[1].pts[1].y == 5);
	floorplan_free(fp);
	assert_string_equal(edit_tools_material(f->t), "glass");
}

/* ---- doors ----------------------------------------------------------------------------------- */

static void test_a_door_clicked_near_a_wall_lies_on_it(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_WALL);
	click_m(f, 2, 2);
	click_m(f, 12, 2);
	edit_tools_key(f->t, EKEY_ENTER, false);
	edit_tools_set(f->t, TOOL_DOOR);
	assert_true(edit_tools_digit(f->t, 3)); /* fire door */
	assert_true(edit_tools_key(f->t, EKEY_LESS, false));
	assert_true(edit_tools_key(f->t, EKEY_LESS, false)); /* 1.0 m */
	click_m(f, 6, 2.4);
	assert_string_equal(message(f, false), "Saved a door: fire-door, 1.00 m wide");
	click_m(f, 6, 7);
	assert_non_null(strstr(message(f, true), "a door goes in a wall"));
	fp = from_file(f);
	assert_int_equal(fp->nopenings, 1);
	assert_true(fabs(fp->openings[0].a.x - 5.5) < 1e-9 && fp->openings[0].a.y == 2);
	assert_true(fabs(fp->openings[0].b.x - 6.5) < 1e-9 && fp->openings[0].b.y == 2);
	assert_string_equal(fp->openings[0].kind, "fire-door");
	assert_true(fp->openings[0].loss_db[FP_BAND_5G] == 24);
	floorplan_free(fp);
}

/* ---- wards ------------------------------------------------------------------------------------- */

static void test_a_closed_outline_asks_for_a_name_and_is_saved_with_it(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;
	const char *q;

	calibrate(f);
	edit_tools_set(f->t, TOOL_WARD);
	click_m(f, 2, 2);
	click_m(f, 12, 2);
	click_m(f, 12, 10);
	click_m(f, 2, 10);
	click_m(f, 2, 2);
	assert_int_equal(edit_tools_prompt(f->t, &q, NULL), PROMPT_WARD_NAME);
	assert_string_equal(q, "Name of this ward (80.0 m²):");
	edit_tools_answer(f->t, "   ");
	assert_string_equal(message(f, true), "a ward needs a name: type one, or Esc to drop the ward");
	edit_tools_answer(f->t, " Bay A ");
	assert_string_equal(message(f, false), "Saved ward 'Bay A' (80.0 m²)");
	assert_int_equal(edit_tools_prompt(f->t, NULL, NULL), PROMPT_NONE);
	/* The same name again: the model refuses, the prompt stays for another. */
	click_m(f, 14, 2);
	click_m(f, 20, 2);
	click_m(f, 20, 8);
	edit_tools_key(f->t, EKEY_ENTER, false);
	edit_tools_answer(f->t, "Bay A");
	message(f, true);
	assert_int_equal(edit_tools_prompt(f->t, NULL, NULL), PROMPT_WARD_NAME);
	fp = from_file(f);
	assert_int_equal(fp->nwards, 1);
	assert_string_equal(fp->wards[0].name, "Bay A");
	assert_int_equal(fp->wards[0].npts, 4);
	floorplan_free(fp);
}

static void test_outlines_the_model_refuses_are_one_sentence_and_nothing_stored(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_WARD);
	/* Crossing itself. */
	click_m(f, 2, 2);
	click_m(f, 10, 10);
	click_m(f, 10, 2);
	click_m(f, 2, 10);
	edit_tools_key(f->t, EKEY_ENTER, false);
	assert_non_null(strstr(message(f, true), "the ward"));
	assert_null(strchr(message(f, true), '\n'));
	assert_int_equal(edit_tools_prompt(f->t, NULL, NULL), PROMPT_NONE);
	edit_tools_key(f->t, EKEY_ESCAPE, false);
	/* Fewer than three corners. */
	click_m(f, 2, 2);
	click_m(f, 10, 2);
	edit_tools_key(f->t, EKEY_ENTER, false);
	assert_non_null(strstr(message(f, true), "3"));
	edit_tools_key(f->t, EKEY_ESCAPE, false);
	/* Off the drawing (50 x 40 m). */
	click_m(f, 30, 2);
	click_m(f, 70, 2);
	click_m(f, 70, 20);
	edit_tools_key(f->t, EKEY_ENTER, false);
	assert_non_null(strstr(message(f, true), "drawing"));
	fp = from_file(f);
	assert_int_equal(fp->nwards, 0);
	floorplan_free(fp);
	assert_int_equal(edit_history_depth(f->d, NULL), 1); /* the calibration only */
}

/* ---- APs, selecting, moving, deleting, undo ---------------------------------------------------- */

static void test_an_ap_is_placed_named_moved_and_renamed(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;
	const char *initial;

	calibrate(f);
	edit_tools_set(f->t, TOOL_AP);
	click_m(f, 5, 5);
	assert_int_equal(edit_tools_prompt(f->t, NULL, &initial), PROMPT_AP_NAME);
	assert_string_equal(initial, "AP-01");
	edit_tools_answer(f->t, initial);
	assert_true(edit_tools_drag_begin(f->t, 100, 100, TOL));
	edit_tools_drag_update(f->t, 150, 120);
	edit_tools_drag_end(f->t, 200, 140);
	edit_tools_set(f->t, TOOL_SELECT);
	click_m(f, 10, 7);
	assert_true(edit_tools_key(f->t, EKEY_RENAME, false));
	assert_int_equal(edit_tools_prompt(f->t, NULL, &initial), PROMPT_AP_NAME);
	assert_string_equal(initial, "AP-01");
	edit_tools_answer(f->t, "AP-2-14");
	fp = from_file(f);
	assert_int_equal(fp->naps, 1);
	assert_string_equal(fp->aps[0].name, "AP-2-14");
	assert_string_equal(fp->aps[0].source, "planned");
	assert_true(fp->aps[0].pos.x == 10 && fp->aps[0].pos.y == 7);
	floorplan_free(fp);
	assert_int_equal(edit_history_depth(f->d, NULL), 4); /* calibrate, add, move, rename */
}

static void test_select_delete_then_undo_and_redo_through_the_keys(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_WALL);
	click_m(f, 2, 2);
	click_m(f, 12, 2);
	edit_tools_key(f->t, EKEY_ENTER, false);
	edit_tools_set(f->t, TOOL_SELECT);
	click_m(f, 7, 2.1);
	assert_true(edit_tools_key(f->t, EKEY_DELETE, false));
	assert_string_equal(message(f, false), "Removed the wall (Ctrl+Z brings it back)");
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 0);
	floorplan_free(fp);
	edit_tools_undo(f->t);
	assert_string_equal(message(f, false), "Undone: remove wall (saved; Ctrl+Shift+Z redoes it)");
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 1);
	floorplan_free(fp);
	edit_tools_redo(f->t);
	assert_string_equal(message(f, false), "Redone: remove wall (saved)");
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 0);
	floorplan_free(fp);
	/* A drag on empty space is not the tool's: the window pans. */
	assert_false(edit_tools_drag_begin(f->t, 700, 700, TOL));
}

static void test_dragging_a_corner_moves_that_corner_only(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_WALL);
	click_m(f, 2, 2);
	click_m(f, 12, 2);
	click_m(f, 12, 8);
	edit_tools_key(f->t, EKEY_ENTER, false);
	edit_tools_set(f->t, TOOL_SELECT);
	assert_true(edit_tools_drag_begin(f->t, 240, 160, TOL));
	edit_tools_drag_end(f->t, 260, 180);
	fp = from_file(f);
	assert_true(fp->walls[0].pts[2].x == 13 && fp->walls[0].pts[2].y == 9);
	assert_true(fp->walls[0].pts[1].x == 12 && fp->walls[0].pts[1].y == 2);
	floorplan_free(fp);
}

/* ---- aligning -------------------------------------------------------------------------------------- */

static void test_two_point_pairs_align_the_level_onto_the_one_below(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_ALIGN);
	/* The level below lies as this one (no alignment yet): its corner (4, 3)
	 * shows at (4, 3); this level's matching corner is at (2, 2). */
	click_m(f, 2, 2);
	click_m(f, 4, 3);
	click_m(f, 12, 2);
	click_m(f, 14, 3);
	assert_non_null(strstr(message(f, false), "Saved the alignment onto 'Level 0'"));
	fp = from_file(f);
	assert_true(fabs(fp->align.dx_m - 2) < 1e-9 && fabs(fp->align.dy_m - 1) < 1e-9);
	assert_true(fabs(fp->align.rot_deg) < 1e-9);
	floorplan_free(fp);
}

static void test_dragging_the_level_below_then_enter_saves_the_alignment(void **state)
{
	struct fixture *f = *state;
	struct edit_view v;
	struct floorplan *fp;

	calibrate(f);
	edit_tools_set(f->t, TOOL_ALIGN);
	edit_tools_view(f->t, &v);
	assert_true(v.aligning);
	/* The level below dragged 1 m right and 2 m down: this level sits 1 m left, 2 m up on it. */
	assert_true(edit_tools_drag_begin(f->t, 200, 200, TOL));
	edit_tools_drag_end(f->t, 220, 240);
	assert_true(edit_tools_key(f->t, EKEY_ENTER, false));
	fp = from_file(f);
	assert_true(fabs(fp->align.dx_m + 1) < 1e-9 && fabs(fp->align.dy_m + 2) < 1e-9);
	floorplan_free(fp);
}

static void test_a_floor_with_no_level_below_says_so(void **state)
{
	struct fixture *f = *state;
	struct edit_doc *d;
	struct edit_tools *t;
	struct ns_err err;
	bool error;

	(void)f;
	assert_int_equal(edit_doc_open(f->s, f->below_id, &d, &err), 0);
	t = edit_tools_new(d);
	edit_tools_set(t, TOOL_ALIGN);
	assert_string_equal(edit_tools_message(t, &error), "floor 'Level 0' has no level below it in "
			    "its building: nothing to align to");
	assert_true(error);
	edit_tools_free(t);
	edit_doc_free(d);
}

static void test_distances_are_read_as_people_type_them(void **state)
{
	double m;

	(void)state;
	assert_int_equal(edit_parse_metres("80", &m), 0);
	assert_true(m == 80);
	assert_int_equal(edit_parse_metres("12,5 m", &m), 0);
	assert_true(m == 12.5);
	assert_int_equal(edit_parse_metres("3.2m", &m), 0);
	assert_true(m == 3.2);
	assert_int_equal(edit_parse_metres("", &m), -EINVAL);
	assert_int_equal(edit_parse_metres("0", &m), -EINVAL);
	assert_int_equal(edit_parse_metres("5 ft", &m), -EINVAL);
	assert_int_equal(edit_parse_metres("-3", &m), -EINVAL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_two_clicks_and_a_distance_calibrate_the_floor),
		T(test_drawing_tools_wait_for_a_scale),
		T(test_clicking_the_first_corner_again_closes_a_room),
		T(test_a_double_click_or_enter_ends_a_wall_and_escape_drops_it),
		T(test_a_corner_snaps_to_a_wall_end_a_few_pixels_away_not_further),
		T(test_a_material_key_mid_wall_starts_the_next_stretch_in_it),
		T(test_a_door_clicked_near_a_wall_lies_on_it),
		T(test_a_closed_outline_asks_for_a_name_and_is_saved_with_it),
		T(test_outlines_the_model_refuses_are_one_sentence_and_nothing_stored),
		T(test_an_ap_is_placed_named_moved_and_renamed),
		T(test_select_delete_then_undo_and_redo_through_the_keys),
		T(test_dragging_a_corner_moves_that_corner_only),
		T(test_two_point_pairs_align_the_level_onto_the_one_below),
		T(test_dragging_the_level_below_then_enter_saves_the_alignment),
		T(test_a_floor_with_no_level_below_says_so),
		cmocka_unit_test(test_distances_are_read_as_people_type_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
