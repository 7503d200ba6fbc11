/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_util_json_get.c — the checked JSON getters: each refusal names the
 * path and says why, optional members keep their defaults, strings are never
 * cut, unknown keys are listed in full.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include "util/json_get.h"

static json_t *parse(const char *text)
{
	struct ns_err err = { 0 };
	json_t *root = NULL;

	if (ns_json_parse(text, strlen(text), &root, &err))
		fail_msg("%s", err.msg);
	return root;
}

static void test_errors_name_the_path_from_the_root(void **state)
{
	const struct ns_json_path root = NS_JSON_ROOT("the AP file");
	const struct ns_json_path *aps = NS_JSON_KEY(&root, "aps");
	const struct ns_json_path *radio = NS_JSON_INDEX(NS_JSON_KEY(NS_JSON_INDEX(aps, 3), "radios"), 0);
	json_t *o = parse("{\"channel\": \"6\"}");
	struct ns_err err = { 0 };
	double ch = 0;

	(void)state;
	assert_int_equal(ns_json_get_number(o, "channel", true, radio, &ch, &err), -EINVAL);
	assert_int_equal(err.code, -EINVAL);
	assert_string_equal(err.msg, "aps[3].radios[0].channel: must be a number, not a string");
	/* the root's label names the top level itself, and only it */
	assert_int_equal(ns_json_fail(&err, &root, "no %s", "APs"), -EINVAL);
	assert_string_equal(err.msg, "the AP file: no APs");
	assert_int_equal(ns_json_fail(&err, aps, "empty"), -EINVAL);
	assert_string_equal(err.msg, "aps: empty");
	assert_int_equal(ns_json_error(&err, -ENOMEM, NS_JSON_INDEX(aps, 0), "out of memory"),
			 -ENOMEM);
	assert_int_equal(err.code, -ENOMEM);
	assert_string_equal(err.msg, "aps[0]: out of memory");
	json_decref(o);
}

static void test_a_path_deeper_than_any_old_buffer_is_written_whole(void **state)
{
	struct ns_json_path levels[40];
	struct ns_err err = { 0 };
	char want[512] = "";

	(void)state;
	levels[0] = NS_JSON_ROOT("root");
	for (int i = 1; i < 40; i++)
		levels[i] = (struct ns_json_path){ &levels[i - 1], i % 2 ? NULL : "key", (size_t)i };
	/* 39 steps: "[1].key[3].key..." — far past the 128 bytes a path used to get */
	ns_json_fail(&err, &levels[39], "x");
	for (int i = 1; i < 40; i++) {
		char step[16];

		snprintf(step, sizeof(step), i % 2 ? "[%d]" : ".key", i);
		strcat(want, step);
	}
	strcat(want, ": x");
	assert_string_equal(err.msg, want);
}

static void test_numbers_must_be_numbers_within_their_range(void **state)
{
	const struct ns_json_path root = NS_JSON_ROOT("sidecar");
	json_t *o = parse("{\"x\": 1e300, \"y\": -3, \"n\": null}");
	struct ns_err err = { 0 };
	double d = 7;

	(void)state;
	assert_int_equal(ns_json_number(json_object_get(o, "x"), NS_JSON_KEY(&root, "x"), -1e5, 1e5,
					&d, &err), -EINVAL);
	assert_string_equal(err.msg, "x: 1e+300 is out of range (-100000 to 100000)");
	assert_float_equal(d, 7, 0);
	assert_int_equal(ns_json_number(json_object_get(o, "y"), NS_JSON_KEY(&root, "y"), -1e5, 1e5,
					&d, &err), 0);
	assert_float_equal(d, -3, 0);
	assert_int_equal(ns_json_number(json_object_get(o, "n"), NS_JSON_KEY(&root, "n"), -INFINITY,
					INFINITY, &d, &err), -EINVAL);
	assert_string_equal(err.msg, "n: must be a number, not null");
	/* a value that is not there at all */
	assert_int_equal(ns_json_number(NULL, NS_JSON_KEY(&root, "z"), 0, 1, &d, &err), -EINVAL);
	assert_string_equal(err.msg, "z: must be a number, not nothing");
	json_decref(o);
}

static void test_integers_refuse_fractions_and_values_out_of_range(void **state)
{
	const struct ns_json_path root = NS_JSON_ROOT("sidecar");
	json_t *o = parse("{\"a\": 2.5, \"b\": 1001, \"c\": -100}");
	struct ns_err err = { 0 };
	long long v = 5;

	(void)state;
	assert_int_equal(ns_json_get_int(o, "a", true, &root, -100, 1000, &v, &err), -EINVAL);
	assert_string_equal(err.msg, "a: must be a whole number from -100 to 1000");
	assert_int_equal(ns_json_get_int(o, "b", true, &root, -100, 1000, &v, &err), -EINVAL);
	assert_int_equal(v, 5);
	assert_int_equal(ns_json_get_int(o, "c", true, &root, -100, 1000, &v, &err), 0);
	assert_int_equal(v, -100);
	json_decref(o);
}

static void test_strings_without_nul_and_copies_that_are_never_cut(void **state)
{
	const struct ns_json_path root = NS_JSON_ROOT("sidecar");
	json_t *o = parse("{\"long\": \"0123456789\", \"empty\": \"\", \"num\": 3}");
	struct ns_err err = { 0 };
	const char *s = NULL;
	char buf[10] = "unchanged";

	(void)state;
	/* jansson's parser refuses \u0000, but a json_t made in code may hold one */
	json_object_set_new(o, "nul", json_stringn("a\0b", 3));
	assert_int_equal(ns_json_get_string(o, "nul", true, &root, &s, &err), -EINVAL);
	assert_string_equal(err.msg, "nul: contains a NUL character");
	assert_null(s);
	assert_int_equal(ns_json_get_string(o, "long", true, &root, &s, &err), 0);
	assert_ptr_equal(s, json_string_value(json_object_get(o, "long")));
	/* ten bytes do not fit in ten with the NUL: refused, not cut to nine */
	assert_int_equal(ns_json_string_copy(json_object_get(o, "long"), NS_JSON_KEY(&root, "long"),
					     buf, sizeof(buf), false, &err), -EINVAL);
	assert_string_equal(err.msg, "long: is 10 bytes long; at most 9 are allowed");
	assert_string_equal(buf, "unchanged");
	assert_int_equal(ns_json_string_copy(json_object_get(o, "empty"),
					     NS_JSON_KEY(&root, "empty"), buf, sizeof(buf), true,
					     &err), -EINVAL);
	assert_string_equal(err.msg, "empty: must not be empty");
	assert_int_equal(ns_json_string_copy(json_object_get(o, "empty"),
					     NS_JSON_KEY(&root, "empty"), buf, sizeof(buf), false,
					     &err), 0);
	assert_string_equal(buf, "");
	assert_int_equal(ns_json_get_string(o, "num", true, &root, &s, &err), -EINVAL);
	assert_string_equal(err.msg, "num: must be a string, not a number");
	json_decref(o);
}

static void test_missing_members_are_errors_only_when_required(void **state)
{
	const struct ns_json_path root = NS_JSON_ROOT("the route");
	const struct ns_json_path *stop = NS_JSON_INDEX(NS_JSON_KEY(&root, "stops"), 1);
	json_t *o = parse("{\"x\": 1}");
	struct ns_err err = { 0 };
	double dwell = 4;
	bool hidden = true;
	const char *label = "default";
	json_t *v = (json_t *)1;

	(void)state;
	assert_int_equal(ns_json_get_number(o, "dwell_s", false, stop, &dwell, &err), 0);
	assert_float_equal(dwell, 4, 0);
	assert_int_equal(ns_json_get_bool(o, "hidden", false, stop, &hidden, &err), 0);
	assert_true(hidden);
	assert_int_equal(ns_json_get_string(o, "label", false, stop, &label, &err), 0);
	assert_string_equal(label, "default");
	assert_int_equal(ns_json_member(o, "y", false, stop, &v, &err), 0);
	assert_null(v);
	assert_int_equal(ns_json_get_number(o, "y", true, stop, &dwell, &err), -EINVAL);
	assert_string_equal(err.msg, "stops[1]: \"y\" is missing");
	assert_int_equal(ns_json_get_string(o, "format", true, &root, &label, &err), -EINVAL);
	assert_string_equal(err.msg, "the route: \"format\" is missing");
	json_decref(o);
}

static void test_bools_arrays_and_objects_say_what_they_got(void **state)
{
	const struct ns_json_path root = NS_JSON_ROOT("f");
	json_t *o = parse("{\"b\": 1, \"t\": true, \"a\": [1, 2, 3], \"o\": {}}");
	struct ns_err err = { 0 };
	bool b = false;
	size_t n = 0;

	(void)state;
	assert_int_equal(ns_json_get_bool(o, "b", true, &root, &b, &err), -EINVAL);
	assert_string_equal(err.msg, "b: must be true or false, not a number");
	assert_int_equal(ns_json_get_bool(o, "t", true, &root, &b, &err), 0);
	assert_true(b);
	assert_int_equal(ns_json_array(json_object_get(o, "a"), NS_JSON_KEY(&root, "a"), 3, &n,
				       &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(ns_json_array(json_object_get(o, "a"), NS_JSON_KEY(&root, "a"), 2, &n,
				       &err), -EINVAL);
	assert_string_equal(err.msg, "a: has 3 elements; at most 2 are allowed");
	assert_int_equal(ns_json_array(json_object_get(o, "o"), NS_JSON_KEY(&root, "o"), 2, &n,
				       &err), -EINVAL);
	assert_string_equal(err.msg, "o: must be an array, not an object");
	assert_int_equal(ns_json_object(json_object_get(o, "o"), NS_JSON_KEY(&root, "o"), &err), 0);
	assert_int_equal(ns_json_object(json_object_get(o, "a"), NS_JSON_KEY(&root, "a"), &err),
			 -EINVAL);
	assert_string_equal(err.msg, "a: must be an object, not an array");
	json_decref(o);
}

static void test_unknown_key_lists_every_known_key_however_many(void **state)
{
	static const char *const keys[] = {
		"notspot_floorplan_format_version", "the_name_of_the_floor", "the_building",
		"the_level_number", "the_drawing_image_path", "the_pdf_page_number",
		"the_scale_in_pixels_per_metre", "the_origin_in_drawing_pixels",
		"the_wards_and_named_areas", "the_walls_with_their_materials",
		"the_openings_doors_and_windows", "the_access_points_planned",
		"a_comment_for_people_reading_it", NULL,
	};
	const struct ns_json_path root = NS_JSON_ROOT("sidecar");
	json_t *ok = parse("{\"the_building\": 1, \"the_level_number\": 2}");
	json_t *bad = parse("{\"the_building\": 1, \"wals\": []}");
	struct ns_err err = { 0 };
	const char *tail = "the_access_points_planned, a_comment_for_people_reading_it)";

	(void)state;
	assert_int_equal(ns_json_check_keys(ok, &root, keys, &err), 0);
	assert_int_equal(ns_json_check_keys(bad, &root, keys, &err), -EINVAL);
	assert_memory_equal(err.msg, "sidecar: unknown key 'wals' (expected: notspot_floorplan_",
			    57);
	/* more than 300 bytes of names: the list used to stop part-way, silently */
	assert_true(strlen(err.msg) > 300);
	assert_string_equal(err.msg + strlen(err.msg) - strlen(tail), tail);
	json_decref(ok);
	json_decref(bad);
}

static void test_parse_refuses_duplicate_keys_and_says_where(void **state)
{
	struct ns_err err = { 0 };
	json_t *root = (json_t *)1;
	const char *dup = "{\"name\": \"a\", \"name\": \"b\"}";

	(void)state;
	assert_int_equal(ns_json_parse(dup, strlen(dup), &root, &err), -EINVAL);
	assert_null(root);
	assert_string_equal(err.msg,
			    "not valid JSON at line 1, column 20: duplicate object key near '\"name\"'");
	/* not NUL-terminated: only @len bytes are read */
	assert_int_equal(ns_json_parse("[1]]]", 3, &root, &err), 0);
	assert_true(json_is_array(root));
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors_name_the_path_from_the_root),
		cmocka_unit_test(test_a_path_deeper_than_any_old_buffer_is_written_whole),
		cmocka_unit_test(test_numbers_must_be_numbers_within_their_range),
		cmocka_unit_test(test_integers_refuse_fractions_and_values_out_of_range),
		cmocka_unit_test(test_strings_without_nul_and_copies_that_are_never_cut),
		cmocka_unit_test(test_missing_members_are_errors_only_when_required),
		cmocka_unit_test(test_bools_arrays_and_objects_say_what_they_got),
		cmocka_unit_test(test_unknown_key_lists_every_known_key_however_many),
		cmocka_unit_test(test_parse_refuses_duplicate_keys_and_says_where),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
