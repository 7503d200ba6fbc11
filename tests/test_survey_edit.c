/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_survey_edit.c — correcting a survey (survey.h): buildings; a floor's
 * own fields without its drawing; aligning floors; one element at a time
 * (wards, walls, openings, APs with radios, areas), each edit its own
 * transaction; the refusals, in one sentence each, that write nothing;
 * removing a floor that has walks; device offsets; walk provenance; SSIDs as
 * bytes through the store, the CSV and the JSON.
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
#include <jansson.h>
#include <sqlite3.h>

#include "floorplans/building.h"
#include "survey/csv.h"
#include "survey/json.h"
#include "survey/store_private.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"

struct fixture {
	char *dir;
	struct survey *s;
	int64_t floor_id;   /* "Level 2" of "Tower block": a 60 x 30 m drawing */
	int64_t building_id;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct survey_meta m;
	struct floorplan *fp;
	struct ns_err err;

	assert_non_null(f);
	f->dir = survey_test_tmpdir();
	memset(&m, 0, sizeof(m));
	snprintf(m.site, sizeof(m.site), "St Elsewhere General Hospital");
	assert_int_equal(survey_create(survey_test_path(f->dir, "edit.notspot"), &m, &f->s, &err),
			 0);
	fp = survey_test_floor("Level 2");
	f->floor_id = survey_add_floor(f->s, fp, &err);
	assert_true(f->floor_id > 0);
	f->building_id = fp->building_id;
	assert_true(f->building_id > 0);
	assert_string_equal(fp->building, "Tower block");
	floorplan_free(fp);
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

static int64_t sql_int(struct survey *s, const char *sql)
{
	int64_t v = -1;

	if (store_query_int(survey_sqlite(s), sql, &v) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(survey_sqlite(s)));
	return v;
}

/* ---- buildings ------------------------------------------------------------------- */

static void test_buildings_are_added_found_renamed_updated_and_listed(void **state)
{
	struct fixture *f = *state;
	struct fp_building b, got, *list;
	int64_t id;
	size_t n;
	struct ns_err err;

	fp_building_init(&b);
	snprintf(b.name, sizeof(b.name), "Outpatients");
	id = survey_add_building(f->s, &b, &err);
	assert_true(id > 0 && id != f->building_id);
	assert_int_equal(survey_add_building(f->s, &b, &err), -EEXIST);
	assert_string_equal(err.msg, "a building called 'Outpatients' already exists");
	assert_true(survey_find_building(f->s, "Outpatients", &err) == id);
	assert_int_equal(survey_find_building(f->s, "Annexe", &err), -ENOENT);
	assert_string_equal(err.msg, "there is no building called 'Annexe'");

	assert_int_equal(survey_rename_building(f->s, id, "OPD", &err), 0);
	assert_int_equal(survey_rename_building(f->s, id, "Tower block", &err), -EEXIST);
	assert_int_equal(survey_get_building(f->s, id, &got, &err), 0);
	assert_string_equal(got.name, "OPD");
	got.north_deg = 12.5;
	got.default_height_m = 3.6;
	snprintf(got.note, sizeof(got.note), "1970s block, heavy slabs");
	assert_int_equal(survey_update_building(f->s, &got, &err), 0);
	got.default_height_m = 0;
	assert_int_equal(survey_update_building(f->s, &got, &err), -EINVAL);
	assert_string_equal(err.msg, "building 'OPD': a floor-to-floor height of 0 m is not 0.5 "
				     "to 100 m");

	assert_int_equal(survey_list_buildings(f->s, &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "OPD");
	assert_true(list[0].north_deg == 12.5 && list[0].default_height_m == 3.6);
	assert_string_equal(list[0].note, "1970s block, heavy slabs");
	assert_string_equal(list[1].name, "Tower block");
	free(list);

	assert_int_equal(survey_remove_building(f->s, f->building_id, &err), -EBUSY);
	assert_string_equal(err.msg, "building 1 still has 1 floor: remove or move them first");
	assert_int_equal(survey_remove_building(f->s, id, &err), 0);
	assert_int_equal(survey_get_building(f->s, id, &got, &err), -ENOENT);
	assert_string_equal(err.msg, "there is no building 2");
}

static void test_a_floor_without_a_building_goes_to_the_only_one_or_the_sites(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp = survey_test_floor("Roof");
	struct fp_building b;
	struct ns_err err;

	/* One building in the file: that one. */
	fp->building[0] = '\0';
	assert_true(survey_add_floor(f->s, fp, &err) > 0);
	assert_true(fp->building_id == f->building_id);
	assert_string_equal(fp->building, "Tower block");
	/* With two, the building named after the site, made on the way. */
	fp_building_init(&b);
	snprintf(b.name, sizeof(b.name), "Annexe");
	assert_true(survey_add_building(f->s, &b, &err) > 0);
	snprintf(fp->name, sizeof(fp->name), "Plant room");
	fp->building[0] = '\0';
	fp->building_id = 0;
	assert_true(survey_add_floor(f->s, fp, &err) > 0);
	assert_string_equal(fp->building, "St Elsewhere General Hospital");
	/* By name, created when missing: what `floor add --building` does. */
	assert_true(survey_ensure_building(f->s, "Annexe", &err) ==
		    survey_find_building(f->s, "Annexe", NULL));
	assert_true(survey_ensure_building(f->s, "Mortuary", &err) > 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM buildings"), 4);
	floorplan_free(fp);
}

/* ---- floors ------------------------------------------------------------------------ */

static void test_a_floors_own_fields_change_without_its_drawing_or_elements(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp, *got, *want = survey_test_floor("Level 2");
	struct ns_err err;

	assert_int_equal(survey_load_floor_ex(f->s, f->floor_id, 0, &fp, &err), 0);
	assert_null(fp->image);        /* its own fields only */
	assert_int_equal(fp->nwards, 0);
	snprintf(fp->name, sizeof(fp->name), "Level 3");
	snprintf(fp->building, sizeof(fp->building), "New wing");
	fp->level = 3;
	fp->elevation_m = 11.5;
	fp->height_m = 4.2;
	snprintf(fp->slab_material, sizeof(fp->slab_material), "hospital-heavy-slab");
	fp->slab_loss_db[FP_BAND_5G] = 27;
	fp->align = (struct fp_align){ 12, -3, 90 };
	fp->calib = (struct fp_calib){ 100, 50, 1900, 50, 54 };
	assert_int_equal(survey_update_floor_meta(f->s, fp, &err), 0);
	floorplan_free(fp);

	assert_int_equal(survey_load_floor(f->s, f->floor_id, &got, &err), 0);
	assert_string_equal(got->name, "Level 3");
	assert_string_equal(got->building, "New wing");
	assert_true(got->building_id != f->building_id);
	assert_int_equal(got->level, 3);
	assert_true(got->elevation_m == 11.5 && got->height_m == 4.2);
	assert_string_equal(got->slab_material, "hospital-heavy-slab");
	assert_true(isnan(got->slab_loss_db[FP_BAND_2G4]) && got->slab_loss_db[FP_BAND_5G] == 27);
	assert_true(got->align.dx_m == 12 && got->align.dy_m == -3 && got->align.rot_deg == 90);
	assert_true(got->calib.ax_px == 100 && got->calib.bx_px == 1900 && got->calib.m == 54);
	/* The drawing and the elements are as they were. */
	assert_int_equal(got->image_len, want->image_len);
	assert_memory_equal(got->image, want->image, want->image_len);
	assert_int_equal(got->width_px, 2000);
	assert_int_equal(got->nwards, 1);
	assert_int_equal(got->nwalls, 2);

	/* Refused, and nothing written. */
	got->calib = (struct fp_calib){ 100, 50, 100.4, 50, 54 };
	got->level = 9;
	assert_int_equal(survey_update_floor_meta(f->s, got, &err), -EINVAL);
	assert_string_equal(err.msg, "floor 'Level 3': the calibration points (100, 50) and "
				     "(100.4, 50) px coincide: pick the ends of a long feature");
	assert_int_equal(sql_int(f->s, "SELECT level FROM floors"), 3);
	floorplan_free(got);
	floorplan_free(want);
}

static void test_a_floor_is_aligned_onto_another_of_its_building_not_itself(void **state)
{
	struct fixture *f = *state;
	struct floorplan *l2, *l3 = survey_test_floor("Level 3"), *other = survey_test_floor("OPD 1");
	struct fp_align rel = { 1, 2, 90 }, want;
	int64_t l3_id, other_id;
	struct ns_err err;

	l3->level = 3;
	l3_id = survey_add_floor(f->s, l3, &err);
	snprintf(other->building, sizeof(other->building), "Outpatients");
	other_id = survey_add_floor(f->s, other, &err);
	assert_true(l3_id > 0 && other_id > 0);
	assert_int_equal(survey_load_floor_ex(f->s, f->floor_id, 0, &l2, &err), 0);
	l2->align = (struct fp_align){ 5, 0, 30 };
	assert_int_equal(survey_update_floor_meta(f->s, l2, &err), 0);

	assert_int_equal(survey_align_floor_to(f->s, l3_id, f->floor_id, rel, &err), 0);
	floorplan_free(l3);
	assert_int_equal(survey_load_floor_ex(f->s, l3_id, 0, &l3, &err), 0);
	want = fp_align_compose(l2->align, rel);
	assert_true(fabs(l3->align.dx_m - want.dx_m) < 1e-12);
	assert_true(fabs(l3->align.dy_m - want.dy_m) < 1e-12);
	assert_true(fabs(l3->align.rot_deg - 120) < 1e-12);

	assert_int_equal(survey_align_floor_to(f->s, l3_id, l3_id, rel, &err), -EINVAL);
	assert_string_equal(err.msg, "floor 2 cannot be aligned to itself");
	assert_int_equal(survey_align_floor_to(f->s, other_id, f->floor_id, rel, &err), -EINVAL);
	assert_string_equal(err.msg, "floor 'OPD 1' is in building 'Outpatients' and floor "
				     "'Level 2' in 'Tower block': align floors of one building");
	floorplan_free(l2);
	floorplan_free(l3);
	floorplan_free(other);
}

static void test_floor_names_are_unique_per_building(void **state)
{
	struct fixture *f = *state;
	struct floorplan *fp = survey_test_floor("Level 2");
	int64_t b = survey_ensure_building(f->s, "Outpatients", NULL), id;
	struct ns_err err;

	assert_int_equal(survey_add_floor(f->s, fp, &err), -EEXIST);
	assert_string_equal(err.msg, "a floor called 'Level 2' already exists");
	snprintf(fp->building, sizeof(fp->building), "Outpatients");
	id = survey_add_floor(f->s, fp, &err);
	assert_true(id > 0);
	assert_int_equal(survey_find_floor(f->s, "Level 2", &err), -EEXIST);
	assert_string_equal(err.msg, "2 buildings have a floor called 'Level 2': say which "
				     "building");
	assert_true(survey_find_floor_in(f->s, b, "Level 2", &err) == id);
	assert_true(survey_find_floor_in(f->s, f->building_id, "Level 2", &err) == f->floor_id);
	floorplan_free(fp);
}

/* A walk of @n scans with 3 BSSes each and one waypoint on floor @floor_id. */
static int64_t record_walk(struct survey *s, int64_t floor_id, int n)
{
	struct survey_waypoint wp = { .x_m = 1, .y_m = 1, .t_us = 1000 };
	struct meas_observation obs[3];
	struct survey_walk w;
	struct meas_sample sm;
	struct ns_err err;

	memset(&w, 0, sizeof(w));
	w.floor_id = floor_id;
	w.start_us = 1000;
	wp.walk_id = survey_begin_walk(s, &w, &err);
	assert_true(wp.walk_id > 0);
	assert_true(survey_add_waypoint(s, &wp, &err) > 0);
	for (int i = 0; i < n; i++) {
		meas_init_sample(&sm);
		sm.walk_id = wp.walk_id;
		sm.t_us = 2000 + i;
		for (int k = 0; k < 3; k++)
			survey_test_observation(&obs[k], k);
		assert_true(survey_add_sample(s, &sm, obs, 3, NULL, NULL, &err) > 0);
	}
	return wp.walk_id;
}

static void test_a_floor_with_walks_is_removed_only_when_forced(void **state)
{
	struct fixture *f = *state;
	struct floorplan *empty = survey_test_floor("Roof");
	int64_t roof;
	struct ns_err err;

	roof = survey_add_floor(f->s, empty, &err);
	record_walk(f->s, f->floor_id, 4);
	record_walk(f->s, f->floor_id, 2);
	assert_int_equal(survey_remove_floor(f->s, f->floor_id, false, &err), -EBUSY);
	assert_string_equal(err.msg, "floor 'Level 2' has 2 walks with 6 samples recorded on it; "
				     "removing it would delete them too, so it is removed only when "
				     "forced");
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM observations"), 18);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM floors"), 2);
	/* A floor nobody walked goes without force. */
	assert_int_equal(survey_remove_floor(f->s, roof, false, &err), 0);
	assert_int_equal(survey_remove_floor(f->s, roof, false, &err), -ENOENT);
	assert_string_equal(err.msg, "there is no floor 2");

	assert_int_equal(survey_remove_floor(f->s, f->floor_id, true, &err), 0);
	assert_int_equal(sql_int(f->s, "SELECT (SELECT count(*) FROM floors) + (SELECT count(*) "
				       "FROM walks) + (SELECT count(*) FROM waypoints) + (SELECT "
				       "count(*) FROM samples) + (SELECT count(*) FROM observations) "
				       "+ (SELECT count(*) FROM wards) + (SELECT count(*) FROM walls) "
				       "+ (SELECT count(*) FROM aps)"), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	floorplan_free(empty);
}

/* ---- one element at a time -------------------------------------------------------------- */

static void test_wards_are_added_updated_listed_and_removed_one_at_a_time(void **state)
{
	struct fixture *f = *state;
	struct fp_point pts[] = { { 22, 2 }, { 30, 2 }, { 30, 9 }, { 22, 9 } };
	struct fp_ward w = { .name = "Bay B", .pts = pts, .npts = 4 }, got;
	struct floorplan *list;
	int64_t id, fid = 0;
	struct ns_err err;

	id = survey_add_ward(f->s, f->floor_id, &w, &err);
	assert_true(id > 0);
	assert_int_equal(survey_get_ward(f->s, id, &got, &fid, &err), 0);
	assert_true(got.id == id && fid == f->floor_id);
	assert_string_equal(got.name, "Bay B");
	assert_int_equal(got.npts, 4);
	assert_memory_equal(got.pts, pts, sizeof(pts));
	fp_ward_release(&got);

	/* Listing: the floor's elements, not its drawing. */
	assert_int_equal(survey_load_floor_ex(f->s, f->floor_id, SURVEY_LOAD_ELEMENTS, &list, &err),
			 0);
	assert_null(list->image);
	assert_int_equal(list->nwards, 2);
	assert_true(list->wards[1].id == id);
	floorplan_free(list);

	/* Moved and renamed. */
	pts[1].x = 34;
	w.id = id;
	snprintf(w.name, sizeof(w.name), "Bay B (extended)");
	assert_int_equal(survey_update_ward(f->s, &w, &err), 0);
	assert_int_equal(survey_get_ward(f->s, id, &got, NULL, &err), 0);
	assert_string_equal(got.name, "Bay B (extended)");
	assert_true(got.pts[1].x == 34);
	fp_ward_release(&got);

	assert_int_equal(survey_remove_ward(f->s, id, &err), 0);
	assert_int_equal(survey_get_ward(f->s, id, &got, NULL, &err), -ENOENT);
	assert_string_equal(err.msg, "there is no ward 2");
	assert_int_equal(survey_remove_ward(f->s, id, &err), -ENOENT);
	assert_int_equal(survey_update_ward(f->s, &w, &err), -ENOENT);
	assert_int_equal(survey_add_ward(f->s, 99, &w, &err), -ENOENT);
	assert_string_equal(err.msg, "there is no floor 99");
}

/* Adding @pts as ward "Bad" is refused with @msg, and no ward is written. */
static void assert_ward_refused(struct fixture *f, const char *name, struct fp_point *pts,
				size_t n, const char *msg)
{
	struct fp_ward w = { .pts = pts, .npts = n };
	struct ns_err err;

	snprintf(w.name, sizeof(w.name), "%s", name);
	assert_int_equal(survey_add_ward(f->s, f->floor_id, &w, &err), -EINVAL);
	assert_string_equal(err.msg, msg);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM wards"), 1);
}

static void test_bad_ward_outlines_are_refused_and_nothing_is_written(void **state)
{
	struct fixture *f = *state;
	/* survey/README.md's example: a bow tie whose shoelace area would be 12 m². */
	struct fp_point bowtie[] = { { 0, 0 }, { 10, 0 }, { 0, 6 }, { 6, 6 } };
	struct fp_point off[] = { { 50, 20 }, { 70, 20 }, { 70, 25 } };
	struct fp_point two[] = { { 1, 1 }, { 5, 1 }, { 1, 1 } };
	struct fp_point ok[] = { { 1, 1 }, { 5, 1 }, { 5, 5 } };
	struct fp_ward w = { .name = "Ward 7 — Cardiology", .pts = ok, .npts = 3 }, got;
	int64_t id;
	struct ns_err err;

	assert_ward_refused(f, "Bow", bowtie, 4, "the outline of ward 'Bow' crosses or touches "
						 "itself: give its corners in order around it");
	assert_ward_refused(f, "Far", off, 3, "ward 'Far': point (70, 20) is off the drawing, "
					      "which spans (-0.38, 0.10) to (59.62, 30.10) m");
	assert_ward_refused(f, "Two", two, 3, "ward 'Two' needs an outline of at least 3 distinct "
					      "points; it has 2");
	assert_ward_refused(f, "", ok, 3, "a ward needs a name");
	/* Names are unique on a floor. */
	assert_int_equal(survey_add_ward(f->s, f->floor_id, &w, &err), -EEXIST);
	assert_string_equal(err.msg, "floor 'Level 2' already has a ward called 'Ward 7 — "
				     "Cardiology'");
	/* An update to a bad outline changes nothing. */
	id = sql_int(f->s, "SELECT id FROM wards");
	w.id = id;
	w.pts = bowtie;
	w.npts = 4;
	assert_int_equal(survey_update_ward(f->s, &w, &err), -EINVAL);
	assert_int_equal(survey_get_ward(f->s, id, &got, NULL, &err), 0);
	assert_int_equal(got.npts, 4);
	assert_true(got.pts[1].x == 20 && got.pts[2].y == 10);
	fp_ward_release(&got);
}

static void test_walls_openings_and_areas_are_edited_one_at_a_time(void **state)
{
	struct fixture *f = *state;
	struct fp_point wp[] = { { 12, 0 }, { 12, 9 } };
	struct fp_wall wall = { .pts = wp, .npts = 2, .material = "plasterboard",
				.loss_db = { 3, 4, 5 } }, gw;
	struct fp_opening door = { .a = { 12, 3 }, .b = { 12, 4 }, .kind = "wooden-door",
				   .loss_db = { 3, 4, 5 } }, go;
	struct fp_point ap[] = { { 40, 10 }, { 48, 10 }, { 48, 16 }, { 40, 16 } };
	struct fp_area area = { .name = "Pharmacy shelving", .material = "shelving", .pts = ap,
				.npts = 4, .loss_db_per_m = { 0.5, 0.8, 1.0 } }, ga;
	int64_t wid, oid, aid;
	struct ns_err err;

	wid = survey_add_wall(f->s, f->floor_id, &wall, &err);
	oid = survey_add_opening(f->s, f->floor_id, &door, &err);
	aid = survey_add_area(f->s, f->floor_id, &area, &err);
	assert_true(wid > 0 && oid > 0 && aid > 0);

	wall.id = wid;
	snprintf(wall.material, sizeof(wall.material), "brick");
	wall.loss_db[FP_BAND_5G] = 12;
	assert_int_equal(survey_update_wall(f->s, &wall, &err), 0);
	assert_int_equal(survey_get_wall(f->s, wid, &gw, NULL, &err), 0);
	assert_string_equal(gw.material, "brick");
	assert_true(gw.loss_db[FP_BAND_5G] == 12 && gw.pts[1].y == 9);
	fp_wall_release(&gw);

	door.id = oid;
	door.b.y = 4.5;
	assert_int_equal(survey_update_opening(f->s, &door, &err), 0);
	assert_int_equal(survey_get_opening(f->s, oid, &go, NULL, &err), 0);
	assert_true(go.b.y == 4.5);
	assert_string_equal(go.kind, "wooden-door");

	assert_int_equal(survey_get_area(f->s, aid, &ga, NULL, &err), 0);
	assert_string_equal(ga.name, "Pharmacy shelving");
	assert_string_equal(ga.material, "shelving");
	assert_int_equal(ga.npts, 4);
	assert_true(ga.loss_db_per_m[FP_BAND_6G] == 1.0);
	fp_area_release(&ga);
	area.id = aid;
	area.loss_db_per_m[FP_BAND_2G4] = -1;
	assert_int_equal(survey_update_area(f->s, &area, &err), -EINVAL);
	assert_string_equal(err.msg, "area 'Pharmacy shelving': a loss of -1 at 2.4 GHz is not 0 "
				     "to 100");

	wall.npts = 1;
	assert_int_equal(survey_update_wall(f->s, &wall, &err), -EINVAL);
	assert_string_equal(err.msg, "a wall needs at least 2 points; it has 1");
	assert_int_equal(survey_remove_wall(f->s, wid, &err), 0);
	assert_int_equal(survey_remove_opening(f->s, oid, &err), 0);
	assert_int_equal(survey_remove_area(f->s, aid, &err), 0);
	assert_int_equal(survey_remove_area(f->s, aid, &err), -ENOENT);
	assert_string_equal(err.msg, "there is no area 1");
	assert_int_equal(sql_int(f->s, "SELECT (SELECT count(*) FROM walls) + (SELECT count(*) "
				       "FROM openings) + (SELECT count(*) FROM areas)"), 3);
}

static void test_aps_are_stored_with_their_radios(void **state)
{
	struct fixture *f = *state;
	struct fp_ap ap, got;
	struct floorplan *fp;
	int64_t id;
	struct ns_err err;

	fp_ap_init(&ap);
	snprintf(ap.name, sizeof(ap.name), "P-01");
	snprintf(ap.source, sizeof(ap.source), "proposed");
	snprintf(ap.model, sizeof(ap.model), "Vendor AP-635");
	snprintf(ap.plan, sizeof(ap.plan), "plan 2026-12-05 voice");
	ap.pos = (struct fp_point){ 25, 6 };
	ap.cost = 950;
	ap.nradios = 2;
	ap.radios[0] = (struct fp_radio){ FP_BAND_2G4, 6, 20, 14, { 0 } };
	ap.radios[1] = (struct fp_radio){ FP_BAND_6G, 37, 160, NAN,
					  { 0x02, 0x11, 0x22, 0x33, 0x44, 0x50 } };
	id = survey_add_ap(f->s, f->floor_id, &ap, &err);
	assert_true(id > 0);
	assert_int_equal(survey_get_ap(f->s, id, &got, NULL, &err), 0);
	assert_string_equal(got.source, "proposed");
	assert_string_equal(got.mount, "ceiling");
	assert_string_equal(got.model, "Vendor AP-635");
	assert_true(got.cost == 950 && isnan(got.height_m));
	assert_int_equal(got.nradios, 2);
	assert_int_equal(got.radios[1].band, FP_BAND_6G);
	assert_int_equal(got.radios[1].width_mhz, 160);
	assert_true(isnan(got.radios[1].tx_power_dbm) && got.radios[0].tx_power_dbm == 14);
	assert_memory_equal(got.radios[1].bssid, ap.radios[1].bssid, 6);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM ap_radios WHERE bssid IS NULL"), 1);

	/* Its radios are replaced with it; a whole-floor write keeps them. */
	got.nradios = 1;
	got.radios[0].channel = 11;
	assert_int_equal(survey_update_ap(f->s, &got, &err), 0);
	assert_int_equal(survey_load_floor(f->s, f->floor_id, &fp, &err), 0);
	assert_int_equal(fp->naps, 2);
	assert_int_equal(fp->aps[1].nradios, 1);
	assert_int_equal(fp->aps[1].radios[0].channel, 11);
	assert_int_equal(survey_update_floor(f->s, fp, &err), 0);
	floorplan_free(fp);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM ap_radios"), 1);

	got.radios[0].width_mhz = 30;
	assert_int_equal(survey_update_ap(f->s, &got, &err), -EINVAL);
	assert_int_equal(survey_remove_ap(f->s, id, &err), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM ap_radios"), 0);
}

static void test_a_read_only_survey_refuses_every_edit(void **state)
{
	struct fixture *f = *state;
	struct fp_point pts[] = { { 1, 1 }, { 5, 1 }, { 5, 5 } };
	struct fp_ward w = { .name = "X", .pts = pts, .npts = 3 };
	struct survey_device_offset o = { .kind = "adapter", .name = "A", .offset_db = 1 };
	struct survey *ro;
	struct ns_err err;

	assert_int_equal(survey_open(survey_test_path(f->dir, "edit.notspot"), SURVEY_READ_ONLY, &ro,
				     &err), 0);
	assert_int_equal(survey_add_ward(ro, f->floor_id, &w, &err), -EROFS);
	assert_int_equal(survey_remove_ward(ro, 1, &err), -EROFS);
	assert_int_equal(survey_remove_floor(ro, f->floor_id, true, &err), -EROFS);
	assert_int_equal(survey_ensure_building(ro, "B", &err), -EROFS);
	assert_int_equal(survey_set_device_offset(ro, &o, &err), -EROFS);
	survey_close(ro);
}

/* ---- device offsets and provenance ---------------------------------------------------------- */

static void test_device_offsets_are_set_replaced_listed_and_removed(void **state)
{
	struct fixture *f = *state;
	struct survey_device_offset o = { .kind = "device", .name = "Vocera B3000n",
					  .offset_db = -6, .source = "site-measured: walk 3" };
	struct survey_device_offset got, *list;
	int64_t id;
	size_t n;
	struct ns_err err;

	id = survey_set_device_offset(f->s, &o, &err);
	assert_true(id > 0);
	o.offset_db = -7.5;
	assert_true(survey_set_device_offset(f->s, &o, &err) == id);
	assert_int_equal(survey_get_device_offset(f->s, "device", "Vocera B3000n", &got, &err), 0);
	assert_true(got.offset_db == -7.5 && got.created_us > 0);
	assert_string_equal(got.source, "site-measured: walk 3");
	snprintf(o.kind, sizeof(o.kind), "adapter");
	assert_true(survey_set_device_offset(f->s, &o, &err) > id);
	assert_int_equal(survey_list_device_offsets(f->s, &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].kind, "adapter");
	free(list);
	snprintf(o.kind, sizeof(o.kind), "phone");
	assert_int_equal(survey_set_device_offset(f->s, &o, &err), -EINVAL);
	assert_string_equal(err.msg, "'phone' is not a kind of offset (adapter or device)");
	assert_int_equal(survey_remove_device_offset(f->s, id, &err), 0);
	assert_int_equal(survey_get_device_offset(f->s, "device", "Vocera B3000n", &got, &err),
			 -ENOENT);
	assert_string_equal(err.msg, "there is no offset for device 'Vocera B3000n'");
}

static void test_walk_provenance_and_waypoint_end_round_trip(void **state)
{
	struct fixture *f = *state;
	struct survey_waypoint wp = { .x_m = 3, .y_m = 4, .t_us = 10 }, *wps;
	struct survey_walk w, got;
	size_t n;
	struct ns_err err;

	memset(&w, 0, sizeof(w));
	w.floor_id = f->floor_id;
	snprintf(w.device, sizeof(w.device), "ThinkPad T14, Debian 12");
	snprintf(w.adapter, sizeof(w.adapter), "Intel AX210");
	w.rssi_offset_db = -3.5;
	snprintf(w.scan_interface, sizeof(w.scan_interface), "wlx00c0ca");
	snprintf(w.origin, sizeof(w.origin), "openintent:ward7.json");
	wp.walk_id = survey_begin_walk(f->s, &w, &err);
	assert_int_equal(survey_get_walk(f->s, wp.walk_id, &got, &err), 0);
	assert_string_equal(got.device, "ThinkPad T14, Debian 12");
	assert_string_equal(got.adapter, "Intel AX210");
	assert_true(got.rssi_offset_db == -3.5);
	assert_string_equal(got.scan_interface, "wlx00c0ca");
	assert_string_equal(got.origin, "openintent:ward7.json");

	wp.id = survey_add_waypoint(f->s, &wp, &err);
	assert_int_equal(survey_set_waypoint_done(f->s, wp.id, 4242, &err), 0);
	assert_int_equal(survey_list_waypoints(f->s, wp.walk_id, &wps, &n, &err), 0);
	assert_true(n == 1 && wps[0].done_us == 4242);
	free(wps);
	assert_int_equal(survey_set_waypoint_done(f->s, wp.id, 0, &err), 0);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM waypoints WHERE done_us IS NULL"), 1);
	assert_int_equal(survey_set_waypoint_done(f->s, 999, 1, &err), -ENOENT);
}

/* ---- SSIDs are bytes ------------------------------------------------------------------- */

struct seen {
	struct meas_observation obs[4];
	size_t nobs;
	struct meas_link link;
};

static int keep_first(void *arg, const struct meas_sample *sm, const struct meas_observation *obs,
		      size_t nobs, const struct meas_link *link,
		      const struct meas_throughput *tput)
{
	struct seen *s = arg;

	(void)sm;
	(void)tput;
	if (nobs && !s->nobs) {
		memcpy(s->obs, obs, (nobs < 4 ? nobs : 4) * sizeof(*obs));
		s->nobs = nobs;
	}
	if (link)
		s->link = *link;
	return 0;
}

/* One sample heard "\xff ESC[31m X", "A NUL B" and "Ward 7", and a link to "A NUL B". */
static void record_hostile_ssids(struct survey *s, int64_t floor_id)
{
	struct meas_observation obs[3];
	struct meas_sample sm;
	struct meas_link link;
	struct survey_walk w;
	struct ns_err err;

	memset(&w, 0, sizeof(w));
	w.floor_id = floor_id;
	meas_init_sample(&sm);
	sm.walk_id = survey_begin_walk(s, &w, &err);
	sm.t_us = 1763781904000000;
	for (int i = 0; i < 3; i++)
		survey_test_observation(&obs[i], i);
	meas_observation_set_ssid(&obs[0], (const uint8_t *)"\xff\x1b[31mX", 7);
	meas_observation_set_ssid(&obs[1], (const uint8_t *)"A\0B", 3);
	meas_observation_set_ssid(&obs[2], (const uint8_t *)"Ward 7", 6);
	assert_true(survey_add_sample(s, &sm, obs, 3, NULL, NULL, &err) > 0);
	sm.kind = SAMPLE_LINK;
	sm.t_us += 1000000;
	meas_init_link(&link);
	memcpy(link.bssid, "\x02\x00\x00\x00\x00\x01", 6);
	meas_link_set_ssid(&link, (const uint8_t *)"A\0B", 3);
	link.signal_dbm = -50;
	assert_true(survey_add_sample(s, &sm, NULL, 0, &link, NULL, &err) > 0);
}

/* @seen holds exactly the SSIDs record_hostile_ssids() stored. */
static void assert_hostile_ssids(const struct seen *seen)
{
	assert_int_equal(seen->nobs, 3);
	assert_int_equal(seen->obs[0].ssid_len, 7);
	assert_memory_equal(seen->obs[0].ssid_raw, "\xff\x1b[31mX", 7);
	assert_string_equal(seen->obs[0].ssid, "\\xff\\x1b[31mX");
	assert_true(seen->obs[0].ssid_escaped);
	assert_int_equal(seen->obs[1].ssid_len, 3);
	assert_memory_equal(seen->obs[1].ssid_raw, "A\0B", 3);
	assert_string_equal(seen->obs[1].ssid, "A\\x00B");
	assert_string_equal(seen->obs[2].ssid, "Ward 7");
	assert_false(seen->obs[2].ssid_escaped);
	assert_int_equal(seen->obs[2].ssid_len, 6);
	assert_memory_equal(seen->link.ssid_raw, "A\0B", 3);
	assert_int_equal(seen->link.ssid_len, 3);
	assert_string_equal(seen->link.ssid, "A\\x00B");
}

static void test_ssid_bytes_round_trip_exactly_through_the_store_and_the_csv(void **state)
{
	struct fixture *f = *state;
	struct seen seen = { .nobs = 0 }, again = { .nobs = 0 };
	struct survey *b;
	int64_t floor_b;
	char *csv = NULL;
	size_t len = 0;
	FILE *out;
	struct floorplan *fp = survey_test_floor("Level 2");
	struct ns_err err;

	record_hostile_ssids(f->s, f->floor_id);
	assert_int_equal(survey_foreach_sample(f->s, NULL, keep_first, &seen, &err), 0);
	assert_hostile_ssids(&seen);
	/* Stored: the bytes only where the text is not them. */
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM observations WHERE ssid_raw IS NULL"),
			 1);
	assert_int_equal(sql_int(f->s, "SELECT count(*) FROM observations WHERE ssid_raw = "
				       "x'ff1b5b33316d58'"), 1);

	out = open_memstream(&csv, &len);
	assert_int_equal(survey_csv_export(f->s, 0, out, NULL, &err), 0);
	fclose(out);
	assert_non_null(strstr(csv, ",associated," SURVEY_CSV_SSID_HEX "\n"));
	assert_non_null(strstr(csv, ",\\xff\\x1b[31mX,0,"));
	assert_non_null(strstr(csv, ",ff1b5b33316d58\n"));
	assert_non_null(strstr(csv, ",A\\x00B,0,"));
	assert_non_null(strstr(csv, ",410042\n"));
	assert_non_null(strstr(csv, ",Ward 7,0,"));

	assert_int_equal(survey_create(survey_test_path(f->dir, "b.notspot"), NULL, &b, &err), 0);
	floor_b = survey_add_floor(b, fp, &err);
	assert_true(floor_b > 0);
	assert_int_equal(survey_csv_import(b, "Level 2", "a.csv", csv, len, NULL, NULL, &err), 0);
	assert_int_equal(survey_foreach_sample(b, NULL, keep_first, &again, &err), 0);
	assert_hostile_ssids(&again);
	survey_close(b);
	free(csv);
	floorplan_free(fp);
}

static void test_ssid_bytes_are_hex_in_the_json(void **state)
{
	struct fixture *f = *state;
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	json_t *root, *obs, *link;
	json_error_t jerr;
	struct ns_err err;

	record_hostile_ssids(f->s, f->floor_id);
	out = open_memstream(&text, &len);
	assert_int_equal(survey_json_export(f->s, out, NULL, &err), 0);
	fclose(out);
	root = json_loads(text, 0, &jerr);
	assert_non_null(root);
	obs = json_object_get(json_array_get(json_object_get(root, "samples"), 0), "observations");
	assert_string_equal(json_string_value(json_object_get(json_array_get(obs, 0), "ssid_raw")),
			    "ff1b5b33316d58");
	assert_string_equal(json_string_value(json_object_get(json_array_get(obs, 0), "ssid")),
			    "\\xff\\x1b[31mX");
	assert_true(json_is_null(json_object_get(json_array_get(obs, 2), "ssid_raw")));
	link = json_object_get(json_array_get(json_object_get(root, "samples"), 1), "link");
	assert_string_equal(json_string_value(json_object_get(link, "ssid_raw")), "410042");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(root, "buildings"), 0), "name")), "Tower block");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(root, "floors"), 0), "slab_material")),
			    "concrete-slab");
	json_decref(root);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_buildings_are_added_found_renamed_updated_and_listed),
		T(test_a_floor_without_a_building_goes_to_the_only_one_or_the_sites),
		T(test_a_floors_own_fields_change_without_its_drawing_or_elements),
		T(test_a_floor_is_aligned_onto_another_of_its_building_not_itself),
		T(test_floor_names_are_unique_per_building),
		T(test_a_floor_with_walks_is_removed_only_when_forced),
		T(test_wards_are_added_updated_listed_and_removed_one_at_a_time),
		T(test_bad_ward_outlines_are_refused_and_nothing_is_written),
		T(test_walls_openings_and_areas_are_edited_one_at_a_time),
		T(test_aps_are_stored_with_their_radios),
		T(test_a_read_only_survey_refuses_every_edit),
		T(test_device_offsets_are_set_replaced_listed_and_removed),
		T(test_walk_provenance_and_waypoint_end_round_trip),
		T(test_ssid_bytes_round_trip_exactly_through_the_store_and_the_csv),
		T(test_ssid_bytes_are_hex_in_the_json),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
