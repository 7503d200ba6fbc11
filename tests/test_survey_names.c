/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_survey_names.c — every name entering a survey passes the one rule for
 * names (util/textcheck.h), whichever way it comes in: the survey's details,
 * buildings (added, updated, renamed), floors, wards, areas, APs, walls'
 * materials, openings' kinds, a walk's operator and note, a sidecar's names.
 * A refused name is one sentence quoting it, and the file is unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "floorplans/sidecar.h"
#include "support/survey_fixtures.h"
#include "survey/survey.h"

struct fixture {
	char *dir;
	struct survey *s;
	int64_t floor_id;
	unsigned char *bytes; /* the file before the refused write */
	size_t len;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct floorplan *fp = survey_test_floor("Level 2");
	struct ns_err err = { 0 };

	if (!f || !fp || !(f->dir = survey_test_tmpdir()))
		return -1;
	if (survey_create(survey_test_path(f->dir, "s.notspot"), NULL, &f->s, &err) ||
	    (f->floor_id = survey_add_floor(f->s, fp, &err)) <= 0)
		return -1;
	floorplan_free(fp);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	survey_close(f->s);
	survey_test_rmdir(f->dir);
	free(f->bytes);
	free(f);
	return 0;
}

static void keep(struct fixture *f)
{
	free(f->bytes);
	f->bytes = survey_test_read_file(survey_test_path(f->dir, "s.notspot"), &f->len);
	assert_non_null(f->bytes);
}

/* The refusal: -EINVAL, a sentence starting @start and quoting the name, nothing written. */
static void refused(struct fixture *f, int64_t rc, const struct ns_err *err, const char *start)
{
	size_t n;
	unsigned char *now;

	assert_int_equal(rc, -EINVAL);
	if (strncmp(err->msg, start, strlen(start)) != 0)
		fail_msg("'%s' does not start with '%s'", err->msg, start);
	now = survey_test_read_file(survey_test_path(f->dir, "s.notspot"), &n);
	assert_non_null(now);
	assert_int_equal(n, f->len);
	assert_memory_equal(now, f->bytes, n);
	free(now);
}

static void test_the_survey_details_pass_the_rule(void **state)
{
	struct fixture *f = *state;
	struct survey_meta m;
	struct survey *s2 = NULL;
	struct ns_err err = { 0 };

	keep(f);
	assert_int_equal(survey_get_meta(f->s, &m, &err), 0);
	snprintf(m.site, sizeof(m.site), "St\xff" "Elsewhere");
	refused(f, survey_set_meta(f->s, &m, &err), &err,
		"the site 'St\\xFFElsewhere' is not valid UTF-8 (byte 3 is 0xFF)");
	snprintf(m.site, sizeof(m.site), "St Elsewhere");
	snprintf(m.notes, sizeof(m.notes), "two\nlines");
	refused(f, survey_set_meta(f->s, &m, &err), &err,
		"the notes 'two\\x0Alines' holds a line break at byte 4");
	/* A new survey with such a name is not created at all. */
	snprintf(m.notes, sizeof(m.notes), "ok");
	snprintf(m.surveyor, sizeof(m.surveyor), "\x1b[31mJ");
	assert_int_equal(survey_create(survey_test_path(f->dir, "t.notspot"), &m, &s2, &err),
			 -EINVAL);
	assert_null(s2);
	assert_non_null(strstr(err.msg, "the surveyor '\\x1B[31mJ' holds an escape character"));
	assert_int_equal(access(survey_test_path(f->dir, "t.notspot"), F_OK), -1);
}

static void test_buildings_and_floors_pass_the_rule(void **state)
{
	struct fixture *f = *state;
	struct fp_building b;
	struct floorplan *fp = survey_test_floor("Level\t3");
	struct ns_err err = { 0 };
	int64_t id;

	keep(f);
	refused(f, survey_add_floor(f->s, fp, &err), &err,
		"the floor name 'Level\\x093' holds a tab at byte 6");
	floorplan_free(fp);
	fp_building_init(&b);
	snprintf(b.name, sizeof(b.name), "Tower \xe2\x80\xae" "kcolB");
	refused(f, survey_add_building(f->s, &b, &err), &err,
		"the building name 'Tower \\xE2\\x80\\xAEkcolB' holds a bidirectional control "
		"(U+202E)");
	snprintf(b.name, sizeof(b.name), "East Wing");
	assert_true((id = survey_add_building(f->s, &b, &err)) > 0);
	keep(f);
	refused(f, survey_rename_building(f->s, id, "East\x7fWing", &err), &err,
		"the building name 'East\\x7FWing' holds a control character (U+007F)");
}

static void test_floor_elements_pass_the_rule(void **state)
{
	struct fixture *f = *state;
	struct fp_point sq[] = { { 1, 1 }, { 3, 1 }, { 3, 3 }, { 1, 3 } };
	struct fp_ward w = { .pts = sq, .npts = 4 };
	struct fp_wall wall = { .pts = sq, .npts = 2, .loss_db = { 3, 4, 5 } };
	struct fp_opening o = { .a = { 1, 1 }, .b = { 2, 1 } };
	struct fp_area a = { .pts = sq, .npts = 4 };
	struct fp_ap ap;
	struct ns_err err = { 0 };

	keep(f);
	snprintf(w.name, sizeof(w.name), "Bay\nA");
	refused(f, survey_add_ward(f->s, f->floor_id, &w, &err), &err,
		"the ward name 'Bay\\x0AA' holds a line break");
	snprintf(a.name, sizeof(a.name), "Store \xc3");
	refused(f, survey_add_area(f->s, f->floor_id, &a, &err), &err,
		"the area name 'Store \\xC3' is not valid UTF-8");
	snprintf(wall.material, sizeof(wall.material), "brick\x1b");
	refused(f, survey_add_wall(f->s, f->floor_id, &wall, &err), &err,
		"the wall's material 'brick\\x1B' holds an escape character");
	snprintf(o.kind, sizeof(o.kind), "door\r");
	refused(f, survey_add_opening(f->s, f->floor_id, &o, &err), &err,
		"the opening's kind 'door\\x0D' holds a line break");
	fp_ap_init(&ap);
	snprintf(ap.name, sizeof(ap.name), "AP\xc2\x85" "1");
	snprintf(ap.source, sizeof(ap.source), "planned");
	refused(f, survey_add_ap(f->s, f->floor_id, &ap, &err), &err,
		"the AP name 'AP\\xC2\\x851' holds a control character (U+0085)");
}

static void test_a_walk_s_operator_and_note_pass_the_rule(void **state)
{
	struct fixture *f = *state;
	struct survey_walk w;
	struct ns_err err = { 0 };

	keep(f);
	memset(&w, 0, sizeof(w));
	w.floor_id = f->floor_id;
	snprintf(w.operator_name, sizeof(w.operator_name), "J\xff");
	refused(f, survey_begin_walk(f->s, &w, &err), &err,
		"the walk's operator 'J\\xFF' is not valid UTF-8");
	snprintf(w.operator_name, sizeof(w.operator_name), "J. Bloggs");
	snprintf(w.note, sizeof(w.note), "after\nthe fix");
	refused(f, survey_begin_walk(f->s, &w, &err), &err,
		"the walk's note 'after\\x0Athe fix' holds a line break");
}

static void test_a_sidecar_s_names_pass_the_rule(void **state)
{
	static const char json[] = "{\"aps\": [{\"name\": \"AP\\u202e1\", \"x\": 1, \"y\": 1}]}";
	struct floorplan *fp = floorplan_new();
	struct ns_err err = { 0 };

	(void)state;
	assert_non_null(fp);
	assert_int_equal(fp_sidecar_parse(json, strlen(json), fp, NULL, &err), -EINVAL);
	assert_string_equal(err.msg, "aps[0].name: the name 'AP\\xE2\\x80\\xAE1' holds a "
				     "bidirectional control (U+202E) at byte 3; it would show the "
				     "text in another order than it is stored");
	floorplan_free(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_the_survey_details_pass_the_rule, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_buildings_and_floors_pass_the_rule, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_floor_elements_pass_the_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_walk_s_operator_and_note_pass_the_rule, setup,
						teardown),
		cmocka_unit_test(test_a_sidecar_s_names_pass_the_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
