/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_channel.c — channel numbers, bands, labels and plan facts from centre
 * frequencies (measure/channel.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "measure/channel.h"

static void test_channel_numbers_follow_each_band_start(void **state)
{
	(void)state;
	assert_int_equal(meas_channel_of_freq(2412), 1);
	assert_int_equal(meas_channel_of_freq(2472), 13);
	assert_int_equal(meas_channel_of_freq(2484), 14);
	assert_int_equal(meas_channel_of_freq(5180), 36);
	assert_int_equal(meas_channel_of_freq(5825), 165);
	assert_int_equal(meas_channel_of_freq(5935), 2);
	assert_int_equal(meas_channel_of_freq(5955), 1);
	assert_int_equal(meas_channel_of_freq(6135), 37);
	assert_int_equal(meas_channel_of_freq(7115), 233);
	assert_int_equal(meas_channel_of_freq(2413), 0);
	assert_int_equal(meas_channel_of_freq(900), 0);
}

static void test_channel_label_always_names_the_band(void **state)
{
	char buf[MEAS_CHANNEL_LABEL_LEN];

	(void)state;
	assert_string_equal(meas_channel_label(6135, buf, sizeof(buf)), "ch 37 (6 GHz)");
	assert_string_equal(meas_channel_label(2437, buf, sizeof(buf)), "ch 6 (2.4 GHz)");
	assert_string_equal(meas_channel_label(5825, buf, sizeof(buf)), "ch 165 (5 GHz)");
	assert_string_equal(meas_channel_label(2413, buf, sizeof(buf)), "ch ? (2413 MHz)");
	assert_string_equal(meas_channel_label(0, buf, sizeof(buf)), "ch ?");
}

static void test_channel_plan_facts(void **state)
{
	(void)state;
	assert_false(meas_channel_is_dfs(5240));  /* 48 */
	assert_true(meas_channel_is_dfs(5260));   /* 52 */
	assert_true(meas_channel_is_dfs(5320));   /* 64 */
	assert_true(meas_channel_is_dfs(5500));   /* 100 */
	assert_true(meas_channel_is_dfs(5720));   /* 144 */
	assert_false(meas_channel_is_dfs(5745));  /* 149 */
	assert_false(meas_channel_is_dfs(6215));  /* 6 GHz ch 53: not 5 GHz */
	assert_true(meas_channel_is_psc(5975));   /* 5 */
	assert_true(meas_channel_is_psc(6135));   /* 37 */
	assert_false(meas_channel_is_psc(6115));  /* 33 */
	assert_false(meas_channel_is_psc(5200));  /* 5 GHz ch 40 */
	assert_false(meas_channel_is_off_plan(2412));
	assert_false(meas_channel_is_off_plan(2437));
	assert_false(meas_channel_is_off_plan(2462));
	assert_true(meas_channel_is_off_plan(2422)); /* 3 */
	assert_true(meas_channel_is_off_plan(2484)); /* 14 */
	assert_false(meas_channel_is_off_plan(5180));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_channel_numbers_follow_each_band_start),
		cmocka_unit_test(test_channel_label_always_names_the_band),
		cmocka_unit_test(test_channel_plan_facts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
