/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_util_strbuf.c — the growable string: never truncates, always a
 * string, one way of running out of memory, detach hands over ownership.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

static void test_an_empty_strbuf_is_an_empty_string_and_allocates_nothing(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	assert_int_equal(strbuf_addstr(&sb, ""), 0);
	assert_int_equal(sb.alloc, 0);
	strbuf_reset(&sb);
	strbuf_release(&sb);
	assert_string_equal(sb.buf, "");
	assert_false(strbuf_failed(&sb));
}

static void test_addf_never_truncates_a_long_text(void **state)
{
	struct strbuf sb;
	char part[1000];

	(void)state;
	strbuf_init(&sb, 8);
	memset(part, 'x', sizeof(part) - 1);
	part[sizeof(part) - 1] = '\0';
	/* far past any fixed buffer the code used to have */
	for (int i = 0; i < 20; i++)
		assert_int_equal(strbuf_addf(&sb, "%d:%s;", i, part), 0);
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_int_equal(sb.len, 10 * (2 + 999 + 1) + 10 * (3 + 999 + 1));
	assert_true(sb.alloc > sb.len);
	assert_memory_equal(sb.buf, "0:xxx", 5);
	assert_string_equal(sb.buf + sb.len - 5, "xxxx;");
	assert_non_null(strstr(sb.buf, ";19:xxx"));
	strbuf_release(&sb);
}

static void test_add_addstr_addch_append_in_order(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_addstr(&sb, "walls[3]"), 0);
	assert_int_equal(strbuf_addch(&sb, '.'), 0);
	assert_int_equal(strbuf_add(&sb, "points and more", 6), 0);
	assert_int_equal(strbuf_addf(&sb, "[%zu]", (size_t)12), 0);
	assert_string_equal(sb.buf, "walls[3].points[12]");
	assert_int_equal(sb.len, 19);
	strbuf_release(&sb);
}

static void test_add_keeps_nul_bytes_and_still_terminates(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_add(&sb, "a\0b", 3), 0);
	assert_int_equal(sb.len, 3);
	assert_memory_equal(sb.buf, "a\0b", 4); /* and the terminating NUL */
	strbuf_release(&sb);
}

static void test_reset_empties_but_keeps_the_memory(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t alloc;

	(void)state;
	strbuf_addstr(&sb, "first text");
	alloc = sb.alloc;
	strbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, alloc);
	strbuf_addstr(&sb, "second");
	assert_string_equal(sb.buf, "second");
	strbuf_release(&sb);
}

static void test_detach_hands_over_the_text_and_leaves_an_empty_strbuf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 0;
	char *s;

	(void)state;
	strbuf_addf(&sb, "%s/%s", "plans", "level2.svg");
	s = strbuf_detach(&sb, &len);
	assert_string_equal(s, "plans/level2.svg");
	assert_int_equal(len, 16);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.alloc, 0);
	free(s);
	/* an empty strbuf detaches as a string of its own, to be freed too */
	s = strbuf_detach(&sb, NULL);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void test_out_of_memory_marks_failed_and_refuses_every_later_add(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;

	(void)state;
	strbuf_addstr(&sb, "kept");
	/* a size that cannot be allocated: the failure path, without asking malloc */
	assert_int_equal(strbuf_grow(&sb, SIZE_MAX - 2), -ENOMEM);
	assert_true(strbuf_failed(&sb));
	/* what came before is still a valid string; nothing is added after the hole */
	assert_string_equal(sb.buf, "kept");
	assert_int_equal(strbuf_addstr(&sb, " more"), -ENOMEM);
	assert_int_equal(strbuf_addf(&sb, "%d", 1), -ENOMEM);
	assert_int_equal(strbuf_addch(&sb, 'x'), -ENOMEM);
	assert_string_equal(sb.buf, "kept");
	/* a text that is not whole is not handed over */
	assert_null(strbuf_detach(&sb, &len));
	assert_int_equal(len, 0);
	assert_false(strbuf_failed(&sb));
	assert_string_equal(sb.buf, "");
	/* reset clears the mark */
	strbuf_addstr(&sb, "a");
	strbuf_grow(&sb, SIZE_MAX);
	assert_true(strbuf_failed(&sb));
	strbuf_reset(&sb);
	assert_false(strbuf_failed(&sb));
	assert_int_equal(strbuf_addstr(&sb, "b"), 0);
	assert_string_equal(sb.buf, "b");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_empty_strbuf_is_an_empty_string_and_allocates_nothing),
		cmocka_unit_test(test_addf_never_truncates_a_long_text),
		cmocka_unit_test(test_add_addstr_addch_append_in_order),
		cmocka_unit_test(test_add_keeps_nul_bytes_and_still_terminates),
		cmocka_unit_test(test_reset_empties_but_keeps_the_memory),
		cmocka_unit_test(test_detach_hands_over_the_text_and_leaves_an_empty_strbuf),
		cmocka_unit_test(test_out_of_memory_marks_failed_and_refuses_every_later_add),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
