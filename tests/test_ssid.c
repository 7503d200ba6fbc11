/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_ssid.c — an SSID is bytes: the one rule for the text shown for them
 * (meas_ssid_set(), measure/measure.h), as iw prints them but with UTF-8 kept.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "measure/measure.h"

/* The text of @len bytes @raw, and whether it was escaped. */
static int text_of(const char *raw, size_t len, char *text)
{
	return meas_ssid_set(text, MEAS_SSID_TEXT_SIZE, (const uint8_t *)raw, len);
}

static void test_printable_ascii_and_utf8_are_the_text_itself(void **state)
{
	char text[MEAS_SSID_TEXT_SIZE];

	(void)state;
	assert_int_equal(text_of("NHS-Staff", 9, text), 0);
	assert_string_equal(text, "NHS-Staff");
	/* Valid multi-byte UTF-8 (2, 3 and 4 bytes) stays as it is. */
	assert_int_equal(text_of("Caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x93\xb6", 14, text), 0);
	assert_string_equal(text, "Café ✓ 📶");
	/* Spaces stay, even at the ends. */
	assert_int_equal(text_of(" a b ", 5, text), 0);
	assert_string_equal(text, " a b ");
	assert_int_equal(text_of("", 0, text), 0);
	assert_string_equal(text, "");
}

static void test_a_byte_that_is_not_utf8_is_escaped(void **state)
{
	char text[MEAS_SSID_TEXT_SIZE];

	(void)state;
	assert_int_equal(text_of("\xff", 1, text), 1);
	assert_string_equal(text, "\\xff");
	/* Latin-1 é: one bad byte, the rest kept. */
	assert_int_equal(text_of("caf\xe9", 4, text), 1);
	assert_string_equal(text, "caf\\xe9");
	/* A truncated sequence, an overlong form and a surrogate are not UTF-8. */
	assert_int_equal(text_of("\xe2\x9c", 2, text), 1);
	assert_string_equal(text, "\\xe2\\x9c");
	assert_int_equal(text_of("\xc0\xaf", 2, text), 1);
	assert_string_equal(text, "\\xc0\\xaf");
	assert_int_equal(text_of("\xed\xa0\x80", 3, text), 1);
	assert_string_equal(text, "\\xed\\xa0\\x80");
	/* A bad lead byte does not swallow the good sequence after it. */
	assert_int_equal(text_of("\xe2\xc3\xa9", 3, text), 1);
	assert_string_equal(text, "\\xe2é");
}

static void test_control_bytes_and_terminal_escapes_are_escaped(void **state)
{
	char text[MEAS_SSID_TEXT_SIZE];

	(void)state;
	/* A terminal colour escape must not reach a terminal as one. */
	assert_int_equal(text_of("\x1b[31mRED", 8, text), 1);
	assert_string_equal(text, "\\x1b[31mRED");
	/* NUL inside: the text keeps what follows it. */
	assert_int_equal(text_of("A\0B", 3, text), 1);
	assert_string_equal(text, "A\\x00B");
	assert_int_equal(text_of("\t\r\n\x7f", 4, text), 1);
	assert_string_equal(text, "\\x09\\x0d\\x0a\\x7f");
	/* A backslash is doubled, so the text reads back unambiguously. */
	assert_int_equal(text_of("a\\x41", 5, text), 1);
	assert_string_equal(text, "a\\\\x41");
}

static void test_characters_that_reorder_or_break_text_are_escaped(void **state)
{
	char text[MEAS_SSID_TEXT_SIZE];

	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE, U+2028 LINE SEPARATOR, U+0085 NEXT LINE (C1). */
	assert_int_equal(text_of("a\xe2\x80\xae" "b", 5, text), 1);
	assert_string_equal(text, "a\\xe2\\x80\\xaeb");
	assert_int_equal(text_of("\xe2\x80\xa8", 3, text), 1);
	assert_string_equal(text, "\\xe2\\x80\\xa8");
	assert_int_equal(text_of("\xc2\x85", 2, text), 1);
	assert_string_equal(text, "\\xc2\\x85");
}

static void test_32_bytes_fit_even_all_escaped_and_33_are_refused(void **state)
{
	char raw[33], text[MEAS_SSID_TEXT_SIZE], small[8];
	char want[MEAS_SSID_TEXT_SIZE] = "";

	(void)state;
	memset(raw, 'x', 32);
	assert_int_equal(text_of(raw, 32, text), 0);
	assert_int_equal(strlen(text), 32);
	memset(raw, 0xff, 32);
	for (int i = 0; i < 32; i++)
		strcat(want, "\\xff");
	assert_int_equal(text_of(raw, 32, text), 1);
	assert_string_equal(text, want);
	assert_int_equal(strlen(text), MEAS_SSID_TEXT_SIZE - 1);
	memset(raw, '\\', 32);
	assert_int_equal(text_of(raw, 32, text), 1);
	assert_int_equal(strlen(text), 64);
	assert_int_equal(text_of(raw, 33, text), -EINVAL);
	assert_string_equal(text, "");
	/* Too small a buffer: whole escapes only, never half of one. */
	assert_int_equal(meas_ssid_set(small, sizeof(small), (const uint8_t *)"ab\xff\xff", 4),
			 -ENOSPC);
	assert_string_equal(small, "ab\\xff");
}

static void test_an_observation_keeps_the_bytes_beside_the_text(void **state)
{
	struct meas_observation o;
	struct meas_link l;

	(void)state;
	meas_init_observation(&o);
	assert_int_equal(meas_observation_set_ssid(&o, (const uint8_t *)"\xff\x1b[31mX", 7), 0);
	assert_string_equal(o.ssid, "\\xff\\x1b[31mX");
	assert_int_equal(o.ssid_len, 7);
	assert_memory_equal(o.ssid_raw, "\xff\x1b[31mX", 7);
	assert_true(o.ssid_escaped);
	assert_int_equal(meas_observation_set_ssid(&o, (const uint8_t *)"Ward", 4), 0);
	assert_string_equal(o.ssid, "Ward");
	assert_false(o.ssid_escaped);
	meas_init_link(&l);
	assert_int_equal(meas_link_set_ssid(&l, (const uint8_t *)"A\0B", 3), 0);
	assert_string_equal(l.ssid, "A\\x00B");
	assert_int_equal(l.ssid_len, 3);
	assert_true(l.ssid_escaped);
	assert_int_equal(meas_link_set_ssid(&l, (const uint8_t *)"0123456789abcdef0123456789abcdefX",
					    33), -EINVAL);
	assert_int_equal(l.ssid_len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printable_ascii_and_utf8_are_the_text_itself),
		cmocka_unit_test(test_a_byte_that_is_not_utf8_is_escaped),
		cmocka_unit_test(test_control_bytes_and_terminal_escapes_are_escaped),
		cmocka_unit_test(test_characters_that_reorder_or_break_text_are_escaped),
		cmocka_unit_test(test_32_bytes_fit_even_all_escaped_and_33_are_refused),
		cmocka_unit_test(test_an_observation_keeps_the_bytes_beside_the_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
