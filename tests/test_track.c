/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_track.c — where each sample goes: stop-and-go and continuous walking,
 * pauses, undo, taps arriving out of order (a resumed walk).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "recorder/track.h"

#define S(sec) ((int64_t)((sec) * 1000000.0))

static void tap(struct track *t, double sec, double x, double y)
{
	struct track_point p = { .t_us = S(sec), .x_m = x, .y_m = y };

	assert_int_equal(track_add(t, &p), 0);
}

static void test_continuous_places_samples_by_time_along_segment(void **state)
{
	struct track t;
	double x, y;

	(void)state;
	track_init(&t, TRACK_CONTINUOUS);
	tap(&t, 10, 0, 0);
	tap(&t, 20, 10, 0);
	tap(&t, 30, 10, 5);
	assert_true(track_position(&t, S(12.5), &x, &y));
	assert_float_equal(x, 2.5, 1e-9);
	assert_float_equal(y, 0, 1e-9);
	assert_true(track_position(&t, S(26), &x, &y));
	assert_float_equal(x, 10, 1e-9);
	assert_float_equal(y, 3, 1e-9);
	/* On a tap exactly. */
	assert_true(track_position(&t, S(20), &x, &y));
	assert_float_equal(x, 10, 1e-9);
	track_release(&t);
}

static void test_continuous_leaves_before_first_and_after_last_unplaced(void **state)
{
	struct track t;
	double x, y;

	(void)state;
	track_init(&t, TRACK_CONTINUOUS);
	assert_false(track_position(&t, S(1), &x, &y)); /* no taps at all */
	tap(&t, 10, 0, 0);
	tap(&t, 20, 10, 0);
	assert_false(track_position(&t, S(9.9), &x, &y));
	assert_false(track_position(&t, S(20.1), &x, &y));
	track_release(&t);
}

static void test_continuous_pause_leaves_samples_unplaced(void **state)
{
	struct track t;
	struct track_point p = { .t_us = S(20), .x_m = 10, .y_m = 0, .pause = true };
	double x, y;

	(void)state;
	track_init(&t, TRACK_CONTINUOUS);
	tap(&t, 10, 0, 0);
	assert_int_equal(track_add(&t, &p), 0);
	tap(&t, 60, 10, 2); /* resumed here */
	tap(&t, 70, 10, 12);
	assert_false(track_position(&t, S(40), &x, &y));
	assert_true(track_position(&t, S(65), &x, &y));
	assert_float_equal(y, 7, 1e-9);
	track_release(&t);
}

static void test_stop_and_go_places_only_while_measuring(void **state)
{
	struct track t;
	double x, y;

	(void)state;
	track_init(&t, TRACK_STOP_AND_GO);
	tap(&t, 10, 3, 4);
	track_finish_point(&t, S(15));
	tap(&t, 30, 8, 4);
	assert_true(track_position(&t, S(12), &x, &y));
	assert_float_equal(x, 3, 0);
	assert_float_equal(y, 4, 0);
	assert_true(track_position(&t, S(15), &x, &y));
	/* Walking to the next point: not placed anywhere. */
	assert_false(track_position(&t, S(20), &x, &y));
	/* The last point is open-ended until it is finished. */
	assert_true(track_position(&t, S(1000), &x, &y));
	assert_float_equal(x, 8, 0);
	track_finish_point(&t, S(40));
	assert_false(track_position(&t, S(1000), &x, &y));
	track_release(&t);
}

static void test_stop_and_go_unfinished_point_ends_at_next_tap(void **state)
{
	struct track t;
	double x, y;

	(void)state;
	track_init(&t, TRACK_STOP_AND_GO);
	tap(&t, 10, 1, 1);
	tap(&t, 20, 2, 2);
	assert_true(track_position(&t, S(19.9), &x, &y));
	assert_float_equal(x, 1, 0);
	track_release(&t);
}

static void test_undo_returns_samples_to_unplaced(void **state)
{
	struct track t;
	struct track_point removed;
	double x, y;

	(void)state;
	track_init(&t, TRACK_CONTINUOUS);
	tap(&t, 10, 0, 0);
	tap(&t, 20, 10, 0);
	assert_true(track_position(&t, S(15), &x, &y));
	assert_true(track_undo(&t, &removed));
	assert_float_equal(removed.x_m, 10, 0);
	assert_false(track_position(&t, S(15), &x, &y));
	assert_true(track_undo(&t, NULL));
	assert_false(track_undo(&t, NULL));
	track_release(&t);
}

static void test_taps_out_of_order_are_sorted(void **state)
{
	struct track t;
	double x, y;

	(void)state;
	track_init(&t, TRACK_CONTINUOUS);
	for (int i = 9; i >= 0; i--)
		tap(&t, 10.0 * i, i, 0);
	for (size_t i = 1; i < t.n; i++)
		assert_true(t.pts[i - 1].t_us <= t.pts[i].t_us);
	assert_true(track_position(&t, S(45), &x, &y));
	assert_float_equal(x, 4.5, 1e-9);
	track_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_continuous_places_samples_by_time_along_segment),
		cmocka_unit_test(test_continuous_leaves_before_first_and_after_last_unplaced),
		cmocka_unit_test(test_continuous_pause_leaves_samples_unplaced),
		cmocka_unit_test(test_stop_and_go_places_only_while_measuring),
		cmocka_unit_test(test_stop_and_go_unfinished_point_ends_at_next_tap),
		cmocka_unit_test(test_undo_returns_samples_to_unplaced),
		cmocka_unit_test(test_taps_out_of_order_are_sorted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
