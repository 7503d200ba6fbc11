/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_editor_doc.c — the plan editor's document (walker/edit_doc.h) and its
 * geometry (walker/edit_snap.h): every edit is in the file as soon as it is
 * made, undo and redo are saved edits that follow re-added elements, a
 * refusal or a survey held by another process changes nothing; hit tests,
 * snapping, doors laid on walls, alignments.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "floorplans/building.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"
#include "walker/edit_doc.h"
#include "walker/edit_snap.h"

struct fixture {
	char *dir;
	char path[512];
	struct survey *s;
	int64_t floor_id;    /* "Level 1" of "Block A": 1000 x 800 px at 20 px/m (50 x 40 m) */
	int64_t below_id;    /* "Level 0", aligned 3 m east of the building's frame */
	struct edit_doc *d;
};

static struct floorplan *level(const char *name, int lvl, double px_per_m)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', 0, 1, 2, 3 };
	struct floorplan *fp = floorplan_new();

	assert_non_null(fp);
	snprintf(fp->name, sizeof(fp->name), "%s", name);
	snprintf(fp->building, sizeof(fp->building), "Block A");
	fp->level = lvl;
	fp->width_px = 1000;
	fp->height_px = 800;
	fp->px_per_m = px_per_m;
	assert_int_equal(floorplan_set_image(fp, "png", png, sizeof(png)), 0);
	return fp;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct floorplan *fp;
	struct ns_err err;

	assert_non_null(f);
	f->dir = survey_test_tmpdir();
	snprintf(f->path, sizeof(f->path), "%s", survey_test_path(f->dir, "edit.notspot"));
	assert_int_equal(survey_create(f->path, NULL, &f->s, &err), 0);
	fp = level("Level 0", 0, 20);
	fp->align = (struct fp_align){ 3, 0, 0 };
	f->below_id = survey_add_floor(f->s, fp, &err);
	assert_true(f->below_id > 0);
	floorplan_free(fp);
	fp = level("Level 1", 1, 20);
	f->floor_id = survey_add_floor(f->s, fp, &err);
	assert_true(f->floor_id > 0);
	floorplan_free(fp);
	assert_int_equal(edit_doc_open(f->s, f->floor_id, &f->d, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	edit_doc_free(f->d);
	survey_close(f->s);
	survey_test_rmdir(f->dir);
	free(f);
	return 0;
}

/* The floor as a fresh read of the file has it (not the document's copy). */
static struct floorplan *from_file(struct fixture *f)
{
	struct floorplan *fp;
	struct ns_err err;

	assert_int_equal(survey_load_floor_ex(f->s, f->floor_id, SURVEY_LOAD_ELEMENTS, &fp, &err), 0);
	return fp;
}

static struct edit_elem wall_elem(struct fp_point *pts, size_t n, const char *material)
{
	struct edit_elem e = { .kind = EDIT_WALL };

	e.u.wall.pts = pts;
	e.u.wall.npts = n;
	snprintf(e.u.wall.material, sizeof(e.u.wall.material), "%s", material);
	memcpy(e.u.wall.loss_db, fp_material_find(material)->loss_db, sizeof(e.u.wall.loss_db));
	return e;
}

static struct edit_elem ward_elem(struct fp_point *pts, size_t n, const char *name)
{
	struct edit_elem e = { .kind = EDIT_WARD };

	e.u.ward.pts = pts;
	e.u.ward.npts = n;
	snprintf(e.u.ward.name, sizeof(e.u.ward.name), "%s", name);
	return e;
}

/* ---- the document ----------------------------------------------------------------------- */

static void test_the_document_holds_the_floor_and_the_level_below(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(edit_doc_floor(f->d)->name, "Level 1");
	assert_non_null(edit_doc_below(f->d));
	assert_string_equal(edit_doc_below(f->d)->name, "Level 0");
	assert_true(edit_doc_floor(f->d)->image_len > 0);
}

static void test_an_added_wall_is_in_the_file_at_once(void **state)
{
	struct fixture *f = *state;
	struct fp_point pts[] = { { 1, 1 }, { 11, 1 }, { 11, 6 } };
	struct edit_elem e = wall_elem(pts, 3, "brick");
	struct floorplan *fp;
	struct ns_err err;
	int64_t id = edit_add(f->d, &e, "add wall", &err);

	assert_true(id > 0);
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 1);
	assert_true(fp->walls[0].id == id);
	assert_int_equal(fp->walls[0].npts, 3);
	assert_true(fp->walls[0].pts[2].x == 11 && fp->walls[0].pts[2].y == 6);
	assert_string_equal(fp->walls[0].material, "brick");
	assert_true(fp->walls[0].loss_db[FP_BAND_5G] == 12);
	floorplan_free(fp);
	assert_int_equal(edit_doc_floor(f->d)->nwalls, 1);
	assert_true(edit_doc_floor(f->d)->walls[0].id == id);
	assert_string_equal(edit_undo_what(f->d), "add wall");
}

static void test_undo_and_redo_are_saved_and_follow_a_readded_element(void **state)
{
	struct fixture *f = *state;
	struct fp_point pts[] = { { 1, 1 }, { 11, 1 } };
	struct edit_elem e = wall_elem(pts, 2, "concrete"), moved;
	struct floorplan *fp;
	struct ns_err err;
	size_t redo;
	int64_t id = edit_add(f->d, &e, "add wall", &err);

	assert_true(id > 0);
	assert_int_equal(edit_elem_copy(edit_doc_floor(f->d), EDIT_WALL, 0, &moved), 0);
	moved.u.wall.pts[1].y = 4;
	assert_int_equal(edit_update(f->d, &moved, "move wall", &err), 0);
	edit_elem_release(&moved);

	/* Undo the move, then the add: the file has no wall. */
	assert_int_equal(edit_undo(f->d, &err), 0);
	fp = from_file(f);
	assert_true(fp->walls[0].pts[1].y == 1);
	floorplan_free(fp);
	assert_int_equal(edit_undo(f->d, &err), 0);
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 0);
	floorplan_free(fp);
	assert_int_equal(edit_history_depth(f->d, &redo), 0);
	assert_int_equal(redo, 2);
	assert_int_equal(edit_undo(f->d, &err), -ENOENT);
	assert_string_equal(err.msg, "nothing to undo");

	/* Redo both: the wall comes back under a new id, and the move finds it. */
	assert_int_equal(edit_redo(f->d, &err), 0);
	assert_int_equal(edit_redo(f->d, &err), 0);
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 1);
	assert_true(fp->walls[0].pts[1].y == 4);
	assert_true(fp->walls[0].id == edit_doc_floor(f->d)->walls[0].id);
	floorplan_free(fp);
	assert_int_equal(edit_redo(f->d, &err), -ENOENT);
	assert_string_equal(err.msg, "nothing to redo");
}

static void test_a_removed_element_comes_back_with_undo(void **state)
{
	struct fixture *f = *state;
	struct fp_point pts[] = { { 2, 2 }, { 12, 2 }, { 12, 9 }, { 2, 9 } };
	struct edit_elem e = ward_elem(pts, 4, "Bay A");
	struct floorplan *fp;
	struct ns_err err;
	int64_t id = edit_add(f->d, &e, "add ward", &err);

	assert_true(id > 0);
	assert_int_equal(edit_remove(f->d, EDIT_WARD, id, "remove ward", &err), 0);
	fp = from_file(f);
	assert_int_equal(fp->nwards, 0);
	floorplan_free(fp);
	assert_int_equal(edit_undo(f->d, &err), 0);
	fp = from_file(f);
	assert_int_equal(fp->nwards, 1);
	assert_string_equal(fp->wards[0].name, "Bay A");
	assert_int_equal(fp->wards[0].npts, 4);
	floorplan_free(fp);
	/* Undoing the add now removes the ward under its new id. */
	assert_int_equal(edit_undo(f->d, &err), 0);
	assert_int_equal(edit_doc_floor(f->d)->nwards, 0);
	fp = from_file(f);
	assert_int_equal(fp->nwards, 0);
	floorplan_free(fp);
}

static void test_a_new_edit_forgets_what_could_be_redone(void **state)
{
	struct fixture *f = *state;
	struct fp_point a[] = { { 1, 1 }, { 5, 1 } }, b[] = { { 1, 3 }, { 5, 3 } };
	struct edit_elem e = wall_elem(a, 2, "glass"), g = wall_elem(b, 2, "glass");
	struct ns_err err;
	size_t redo;

	assert_true(edit_add(f->d, &e, "add wall", &err) > 0);
	assert_int_equal(edit_undo(f->d, &err), 0);
	assert_true(edit_add(f->d, &g, "add wall", &err) > 0);
	assert_int_equal(edit_history_depth(f->d, &redo), 1);
	assert_int_equal(redo, 0);
	assert_null(edit_redo_what(f->d));
}

static void test_a_refused_ward_changes_neither_file_nor_history(void **state)
{
	struct fixture *f = *state;
	/* A bow tie: the outline crosses itself. */
	struct fp_point bow[] = { { 1, 1 }, { 9, 9 }, { 9, 1 }, { 1, 9 } };
	struct fp_point off[] = { { 1, 1 }, { 90, 1 }, { 90, 9 } };
	struct edit_elem e = ward_elem(bow, 4, "Bow");
	struct floorplan *fp;
	struct ns_err err;

	assert_int_equal(edit_add(f->d, &e, "add ward", &err), -EINVAL);
	assert_non_null(strstr(err.msg, "Bow"));
	e = ward_elem(off, 3, "Far");
	assert_int_equal(edit_add(f->d, &e, "add ward", &err), -EINVAL);
	assert_non_null(strstr(err.msg, "drawing"));
	assert_int_equal(edit_doc_floor(f->d)->nwards, 0);
	assert_int_equal(edit_history_depth(f->d, NULL), 0);
	fp = from_file(f);
	assert_int_equal(fp->nwards, 0);
	floorplan_free(fp);
}

static void test_calibration_and_alignment_are_saved_as_the_floors_own(void **state)
{
	struct fixture *f = *state;
	struct edit_elem e = { .kind = EDIT_LEVEL };
	struct floorplan *fp;
	struct ns_err err;

	edit_level_of(edit_doc_floor(f->d), &e.u.level);
	e.u.level.calib = (struct fp_calib){ 100, 100, 900, 100, 50 };
	e.u.level.px_per_m = 16;
	e.u.level.align = (struct fp_align){ 1.5, -2, 10 };
	assert_int_equal(edit_update(f->d, &e, "calibrate", &err), 0);
	fp = from_file(f);
	assert_true(fp->px_per_m == 16);
	assert_true(fp->calib.ax_px == 100 && fp->calib.bx_px == 900 && fp->calib.m == 50);
	assert_true(fp->align.dx_m == 1.5 && fp->align.dy_m == -2 && fp->align.rot_deg == 10);
	floorplan_free(fp);
	assert_int_equal(edit_undo(f->d, &err), 0);
	fp = from_file(f);
	assert_true(fp->px_per_m == 20);
	assert_true(isnan(fp->calib.ax_px));
	assert_true(fp->align.rot_deg == 0);
	floorplan_free(fp);
}

/* Another process holds the survey's write lock until told to let go. */
static pid_t hold_write_lock(const char *path, int *release_fd)
{
	int ready[2], release[2];
	char c;
	pid_t pid;

	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(release), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db;
		int ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
			 sqlite3_exec(db, "BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE 0",
				      NULL, NULL, NULL) == SQLITE_OK;

		if (write(ready[1], ok ? "1" : "0", 1) != 1 || read(release[0], &c, 1) != 1)
			_exit(1);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	close(ready[1]);
	close(release[0]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(c, '1');
	close(ready[0]);
	*release_fd = release[1];
	return pid;
}

static void test_an_edit_while_another_process_writes_says_so_and_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct fp_point pts[] = { { 1, 1 }, { 11, 1 } };
	struct edit_elem e = wall_elem(pts, 2, "brick");
	struct floorplan *fp;
	struct ns_err err;
	int release, status;
	pid_t pid;

	assert_true(edit_add(f->d, &e, "add wall", &err) > 0);
	pid = hold_write_lock(f->path, &release);
	pts[0].y = pts[1].y = 5;
	assert_int_equal(edit_add(f->d, &e, "add wall", &err), -EBUSY);
	assert_string_equal(err.msg, "another program is writing this survey (a walk being "
			    "recorded?): nothing was changed, try again in a moment");
	assert_int_equal(edit_undo(f->d, &err), -EBUSY);
	assert_int_equal(edit_doc_floor(f->d)->nwalls, 1);
	assert_int_equal(edit_history_depth(f->d, NULL), 1);
	assert_int_equal(write(release, "x", 1), 1);
	close(release);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	fp = from_file(f);
	assert_int_equal(fp->nwalls, 1);
	floorplan_free(fp);
	/* Once the other writer is done, the same edit goes through. */
	assert_true(edit_add(f->d, &e, "add wall", &err) > 0);
	assert_int_equal(edit_doc_floor(f->d)->nwalls, 2);
}

/* ---- geometry ----------------------------------------------------------------------------- */

static struct floorplan *room(void)
{
	struct floorplan *fp = floorplan_new();
	struct fp_point wall[] = { { 0, 0 }, { 10, 0 }, { 10, 8 }, { 0, 8 }, { 0, 0 } };
	struct fp_point ward[] = { { 0, 0 }, { 10, 0 }, { 10, 8 }, { 0, 8 } };
	struct fp_point bay[] = { { 1, 1 }, { 4, 1 }, { 4, 4 }, { 1, 4 } };
	struct fp_ap ap;

	floorplan_add_wall(fp, wall, 5, "brick", (double[]){ 8, 12, 16 });
	floorplan_add_ward(fp, "Ward", ward, 4);
	floorplan_add_ward(fp, "Bay", bay, 4);
	floorplan_add_opening(fp, (struct fp_point){ 4, 0 }, (struct fp_point){ 5, 0 }, "doorway",
			      (double[]){ 0, 0, 0 });
	fp_ap_init(&ap);
	snprintf(ap.name, sizeof(ap.name), "AP-01");
	ap.pos = (struct fp_point){ 7, 5 };
	floorplan_add_ap(fp, &ap);
	return fp;
}

static void test_the_hit_test_finds_what_lies_on_top(void **state)
{
	struct floorplan *fp = room();
	struct edit_hit h;

	(void)state;
	assert_true(edit_hit_test(fp, (struct fp_point){ 7.1, 5 }, 0.2, &h));
	assert_int_equal(h.kind, EDIT_AP);
	assert_true(edit_hit_test(fp, (struct fp_point){ 4.5, 0.1 }, 0.2, &h));
	assert_int_equal(h.kind, EDIT_OPENING);
	assert_true(edit_hit_test(fp, (struct fp_point){ 10.1, 7.9 }, 0.2, &h));
	assert_true(h.kind == EDIT_WALL && h.index == 0 && h.vertex == 2);
	assert_true(edit_hit_test(fp, (struct fp_point){ 10.1, 4 }, 0.2, &h));
	assert_true(h.kind == EDIT_WALL && h.vertex == -1);
	assert_true(edit_hit_test(fp, (struct fp_point){ 1.05, 1.05 }, 0.2, &h));
	assert_true(h.kind == EDIT_WARD && h.index == 1 && h.vertex == 0);
	/* Inside both wards: the smaller one, the bay. */
	assert_true(edit_hit_test(fp, (struct fp_point){ 2.5, 2.5 }, 0.2, &h));
	assert_true(h.kind == EDIT_WARD && h.index == 1 && h.vertex == -1);
	assert_true(edit_hit_test(fp, (struct fp_point){ 6, 6 }, 0.2, &h));
	assert_true(h.kind == EDIT_WARD && h.index == 0);
	assert_false(edit_hit_test(fp, (struct fp_point){ 20, 20 }, 0.2, &h));
	assert_int_equal(h.index, -1);
	floorplan_free(fp);
}

static void test_a_corner_snaps_within_the_tolerance_only(void **state)
{
	struct floorplan *fp = room();
	struct fp_point extra[] = { { 30, 30 } }, s;

	(void)state;
	assert_true(edit_snap_corner(fp, NULL, 0, (struct fp_point){ 10.15, -0.1 }, 0.25, &s));
	assert_true(s.x == 10 && s.y == 0);
	assert_false(edit_snap_corner(fp, NULL, 0, (struct fp_point){ 10.3, 0 }, 0.25, &s));
	assert_true(edit_snap_corner(fp, extra, 1, (struct fp_point){ 30.1, 29.9 }, 0.25, &s));
	assert_true(s.x == 30 && s.y == 30);
	floorplan_free(fp);
}

static void test_a_door_lies_along_its_wall_and_inside_the_segment(void **state)
{
	struct floorplan *fp = room();
	struct edit_on_wall w;
	struct fp_point a, b;

	(void)state;
	assert_true(edit_on_wall(fp, (struct fp_point){ 10.3, 4 }, 0.5, &w));
	assert_true(w.wall == 0 && w.seg == 1);
	assert_true(fabs(w.at.x - 10) < 1e-12 && fabs(w.at.y - 4) < 1e-12);
	edit_door_on_wall(fp, &w, 1.2, &a, &b);
	assert_true(fabs(a.x - 10) < 1e-12 && fabs(a.y - 3.4) < 1e-12);
	assert_true(fabs(b.x - 10) < 1e-12 && fabs(b.y - 4.6) < 1e-12);
	/* Near a corner the door slides back inside its segment. */
	assert_true(edit_on_wall(fp, (struct fp_point){ 10.1, 7.9 }, 0.5, &w));
	edit_door_on_wall(fp, &w, 1.2, &a, &b);
	assert_true(fabs(b.y - 8) < 1e-12 && fabs(a.y - 6.8) < 1e-12);
	assert_false(edit_on_wall(fp, (struct fp_point){ 5, 4 }, 0.5, &w));
	floorplan_free(fp);
}

static void test_an_alignment_and_its_inverse_cancel(void **state)
{
	struct fp_align al = { 3, -2, 30 }, inv = edit_align_inverse(al);
	struct fp_point p = { 4, 7 }, q = edit_align_apply(inv, edit_align_apply(al, p));
	struct floorplan *a = floorplan_new(), *b = floorplan_new();
	struct fp_align rel;

	(void)state;
	assert_true(fabs(q.x - p.x) < 1e-9 && fabs(q.y - p.y) < 1e-9);
	/* rel takes a point of floor a to the same place in floor b's metres. */
	a->align = (struct fp_align){ 5, 1, 90 };
	b->align = (struct fp_align){ -2, 4, 15 };
	rel = edit_align_relative(a, b);
	q = fp_building_to_floor(b, fp_floor_to_building(a, p));
	p = edit_align_apply(rel, p);
	assert_true(fabs(q.x - p.x) < 1e-9 && fabs(q.y - p.y) < 1e-9);
	floorplan_free(a);
	floorplan_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_the_document_holds_the_floor_and_the_level_below,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_added_wall_is_in_the_file_at_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_undo_and_redo_are_saved_and_follow_a_readded_element,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_removed_element_comes_back_with_undo, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_new_edit_forgets_what_could_be_redone, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_refused_ward_changes_neither_file_nor_history,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_calibration_and_alignment_are_saved_as_the_floors_own,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_an_edit_while_another_process_writes_says_so_and_changes_nothing, setup,
			teardown),
		cmocka_unit_test(test_the_hit_test_finds_what_lies_on_top),
		cmocka_unit_test(test_a_corner_snaps_within_the_tolerance_only),
		cmocka_unit_test(test_a_door_lies_along_its_wall_and_inside_the_segment),
		cmocka_unit_test(test_an_alignment_and_its_inverse_cancel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
