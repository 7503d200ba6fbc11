/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_util_textcheck.c — the one rule for names, and how outside text is shown.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/textcheck.h"

static void test_utf8_char_reads_well_formed_sequences_and_refuses_the_rest(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(ns_utf8_char((const unsigned char *)"A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(ns_utf8_char((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(ns_utf8_char((const unsigned char *)"\xe2\x80\x94", 3, &cp), 3);
	assert_int_equal(cp, 0x2014);
	assert_int_equal(ns_utf8_char((const unsigned char *)"\xf0\x9f\x93\xb6", 4, &cp), 4);
	assert_int_equal(cp, 0x1f4f6);
	/* A stray continuation byte, Latin-1, an overlong '/', a surrogate, past U+10FFFF. */
	assert_int_equal(ns_utf8_char((const unsigned char *)"\x80", 1, &cp), 0);
	assert_int_equal(ns_utf8_char((const unsigned char *)"\xe9t", 2, &cp), 0);
	assert_int_equal(ns_utf8_char((const unsigned char *)"\xc0\xaf", 2, &cp), 0);
	assert_int_equal(ns_utf8_char((const unsigned char *)"\xed\xa0\x80", 3, &cp), 0);
	assert_int_equal(ns_utf8_char((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp), 0);
	/* Cut short by the length given, whatever follows in memory. */
	assert_int_equal(ns_utf8_char((const unsigned char *)"\xc3\xa9", 1, &cp), 0);
	assert_int_equal(ns_utf8_char((const unsigned char *)"", 0, &cp), 0);
}

static void test_utf8_valid_names_the_first_bad_byte(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_true(ns_utf8_valid("Ward 7 — Cardiology", strlen("Ward 7 — Cardiology"), &bad));
	assert_int_equal(bad, 99);
	assert_false(ns_utf8_valid("St\xff" "Els", 6, &bad));
	assert_int_equal(bad, 2);
	assert_false(ns_utf8_valid("caf\xe9", 4, &bad));
	assert_int_equal(bad, 3);
}

static void expect_refused(const char *what, const char *s, size_t cap, unsigned flags,
			   const char *want)
{
	struct ns_err err = { 0 };

	assert_int_equal(ns_text_check(what, s, cap, flags, &err), -EINVAL);
	assert_string_equal(err.msg, want);
}

static void test_check_accepts_names_people_write(void **state)
{
	static const char *const ok[] = {
		"St Elsewhere General Hospital", "Ward 7 — Cardiology", "Salle d'opération 3",
		"Station 5 (Kinderklinik)", "病棟 3", "Bay A / side room 4", "O'Brien-Smith, J.",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_int_equal(ns_text_check("the ward name", ok[i], 64, NS_TEXT_REQUIRED, NULL), 0);
	/* An optional field may be empty. */
	assert_int_equal(ns_text_check("--notes", "", 512, NS_TEXT_OPTIONAL, NULL), 0);
}

static void test_check_refuses_with_one_sentence_that_quotes_the_value(void **state)
{
	(void)state;
	expect_refused("--site", "St\xff" "Els", 128, 0,
		       "--site 'St\\xFFEls' is not valid UTF-8 (byte 3 is 0xFF); save the text as "
		       "UTF-8");
	expect_refused("the ward name", "Ward\n22", 64, NS_TEXT_REQUIRED,
		       "the ward name 'Ward\\x0A22' holds a line break at byte 5; a name is one "
		       "line of printable text");
	expect_refused("the floor name", "L2\x1b[2J", 64, NS_TEXT_REQUIRED,
		       "the floor name 'L2\\x1B[2J' holds an escape character at byte 3; a name "
		       "is one line of printable text");
	expect_refused("the AP name", "AP\xe2\x80\xae" "1", 64, NS_TEXT_REQUIRED,
		       "the AP name 'AP\\xE2\\x80\\xAE1' holds a bidirectional control (U+202E) "
		       "at byte 3; it would show the text in another order than it is stored");
	expect_refused("the operator", "a\tb", 64, 0,
		       "the operator 'a\\x09b' holds a tab at byte 2; a name is one line of "
		       "printable text");
	expect_refused("the floor name", "", 64, NS_TEXT_REQUIRED, "the floor name is empty");
	expect_refused("the floor name", "   ", 64, NS_TEXT_REQUIRED,
		       "the floor name is blank (nothing but spaces)");
	expect_refused("the floor name", "Level 22", 8, NS_TEXT_REQUIRED,
		       "the floor name 'Level 22' is 8 bytes long; at most 7 fit");
}

static void test_check_quotes_a_long_value_shortened(void **state)
{
	char name[300];
	struct ns_err err = { 0 };

	(void)state;
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(ns_text_check("--site", name, 128, 0, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "xxx…' is 299 bytes long; at most 127 fit"));
	assert_true(strlen(err.msg) < 120);
}

static void test_copy_valid_replaces_bad_bytes_and_never_cuts_a_character(void **state)
{
	char buf[8];

	(void)state;
	assert_true(ns_utf8_copy_valid(buf, sizeof(buf), "caf\xe9"));
	assert_string_equal(buf, "caf" NS_UTF8_REPLACEMENT);
	/* Control characters stay: a document may lay out a line break. */
	assert_false(ns_utf8_copy_valid(buf, sizeof(buf), "a\nb"));
	assert_string_equal(buf, "a\nb");
	/* "ab——" is 8 bytes: the second dash does not fit whole and is left out. */
	assert_true(ns_utf8_copy_valid(buf, sizeof(buf), "ab\xe2\x80\x94\xe2\x80\x94"));
	assert_string_equal(buf, "ab\xe2\x80\x94");
	assert_false(ns_utf8_copy_valid(buf, 1, ""));
	assert_string_equal(buf, "");
}

static void test_dup_valid_is_valid_utf8(void **state)
{
	char *d;

	(void)state;
	d = ns_utf8_dup_valid("\xff\xfe" "Ward\xc3");
	assert_non_null(d);
	assert_string_equal(d, NS_UTF8_REPLACEMENT NS_UTF8_REPLACEMENT "Ward" NS_UTF8_REPLACEMENT);
	assert_true(ns_utf8_valid(d, strlen(d), NULL));
	free(d);
}

static void test_escape_keeps_a_terminal_line_whole(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(ns_text_escape(buf, sizeof(buf), "Ward 22 — side room"),
			 strlen("Ward 22 — side room"));
	assert_string_equal(buf, "Ward 22 — side room");
	ns_text_escape(buf, sizeof(buf), "a\nb\x1b[31m\xff\xe2\x80\xae" "c\\d");
	assert_string_equal(buf, "a\\x0Ab\\x1B[31m\\xFF\\xE2\\x80\\xAEc\\d");
	/* Cut at an escape's boundary, and says how much was shown. */
	assert_int_equal(ns_text_escape(buf, 7, "ab\xff\xff"), 3);
	assert_string_equal(buf, "ab\\xFF");
	assert_true(ns_text_needs_escape("x\x7f"));
	assert_true(ns_text_needs_escape("\xc2\x85")); /* NEL, a C1 control */
	assert_false(ns_text_needs_escape("Ward 7 — Cardiology"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_char_reads_well_formed_sequences_and_refuses_the_rest),
		cmocka_unit_test(test_utf8_valid_names_the_first_bad_byte),
		cmocka_unit_test(test_check_accepts_names_people_write),
		cmocka_unit_test(test_check_refuses_with_one_sentence_that_quotes_the_value),
		cmocka_unit_test(test_check_quotes_a_long_value_shortened),
		cmocka_unit_test(test_copy_valid_replaces_bad_bytes_and_never_cuts_a_character),
		cmocka_unit_test(test_dup_valid_is_valid_utf8),
		cmocka_unit_test(test_escape_keeps_a_terminal_line_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
