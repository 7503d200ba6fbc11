/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_clock.c — ISO 8601 UTC times in and out: what is accepted, what is
 * refused rather than quietly normalised.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>

#include "util/clock.h"

static void test_parse_utc_reads_seconds_and_fraction(void **state)
{
	int64_t t = 0;

	(void)state;
	/* One day after the epoch, plus 250 ms. */
	assert_int_equal(ns_parse_utc("1970-01-02T00:00:00.25Z", &t), 0);
	assert_int_equal(t, 86400LL * 1000000 + 250000);
	/* 2000 is a leap year: 31 + 29 days into it, 30 years of days before. */
	assert_int_equal(ns_parse_utc("2000-03-01T00:00:00", &t), 0);
	assert_int_equal(t, 951868800LL * 1000000);
	/* Digits past microseconds are dropped. */
	assert_int_equal(ns_parse_utc("1970-01-01T00:00:01.1234567Z", &t), 0);
	assert_int_equal(t, 1123456);
}

static void test_parse_utc_refuses_signs_blanks_and_short_fields(void **state)
{
	static const char *const bad[] = {
		"2026-11-22T-1:00:00Z", "2026-11-22T03:-5:00Z", "2026-11-22T03:00:-3Z",
		"2026- 1-22T03:00:00Z", "2026-11-22T 3:00:00Z", "2026-11-22T+3:00:00Z",
		"2026-1-22T03:00:00Z",  "2026-11-22 03:00:00Z", "2026-11-22T03:00:00.Z",
		"2026-11-22T03:00:00ZZ", "2026-11-22T03:00Z",   "",
	};
	int64_t t = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(ns_parse_utc(bad[i], &t), -EINVAL);
		assert_int_equal(t, 42);
	}
}

static void test_parse_utc_refuses_days_the_month_does_not_have(void **state)
{
	int64_t t = 0;

	(void)state;
	assert_int_equal(ns_parse_utc("2026-02-29T00:00:00Z", &t), -EINVAL);
	assert_int_equal(ns_parse_utc("2026-04-31T00:00:00Z", &t), -EINVAL);
	assert_int_equal(ns_parse_utc("1900-02-29T00:00:00Z", &t), -EINVAL);
	assert_int_equal(ns_parse_utc("2024-02-29T00:00:00Z", &t), 0);
	assert_int_equal(ns_parse_utc("2026-13-01T00:00:00Z", &t), -EINVAL);
	assert_int_equal(ns_parse_utc("2026-12-01T24:00:00Z", &t), -EINVAL);
}

static void test_format_then_parse_gives_the_same_millisecond(void **state)
{
	char buf[32];
	int64_t t = 0;

	(void)state;
	assert_string_equal(ns_format_utc(1795836304123000LL, buf, sizeof(buf)),
			    "2026-11-28T03:25:04.123Z");
	assert_int_equal(ns_parse_utc(buf, &t), 0);
	assert_int_equal(t, 1795836304123000LL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_utc_reads_seconds_and_fraction),
		cmocka_unit_test(test_parse_utc_refuses_signs_blanks_and_short_fields),
		cmocka_unit_test(test_parse_utc_refuses_days_the_month_does_not_have),
		cmocka_unit_test(test_format_then_parse_gives_the_same_millisecond),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
