/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_file.c — the shared whole-file reader: limits, directories, pipes, and
 * the NUL that text parsers rely on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/file.h"

static char dir[64];
static char path[128];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/notspot-file-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/f", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(dir);
}

static void write_bytes(const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void test_read_file_returns_bytes_with_a_trailing_nul(void **state)
{
	struct ns_err err = { 0 };
	char *data;
	size_t len;

	(void)state;
	write_bytes("a\0bc", 4);
	assert_int_equal(ns_read_file(path, 4, &data, &len, &err), 0);
	assert_int_equal(len, 4);
	assert_memory_equal(data, "a\0bc", 4);
	assert_int_equal(data[4], '\0');
	free(data);
}

static void test_read_file_of_empty_file_is_an_empty_string(void **state)
{
	struct ns_err err = { 0 };
	char *data;
	size_t len = 99;

	(void)state;
	write_bytes("", 0);
	assert_int_equal(ns_read_file(path, 10, &data, &len, &err), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
}

static void test_read_file_refuses_one_byte_over_the_limit(void **state)
{
	struct ns_err err = { 0 };
	char *data = (char *)1;
	size_t len;

	(void)state;
	write_bytes("12345", 5);
	assert_int_equal(ns_read_file(path, 4, &data, &len, &err), -EFBIG);
	assert_null(data);
	assert_int_equal(len, 0);
	assert_non_null(strstr(err.msg, "is 5 bytes; notspot reads at most 4"));
}

static void test_read_file_refuses_a_directory(void **state)
{
	struct ns_err err = { 0 };
	char *data;
	size_t len;

	(void)state;
	assert_int_equal(ns_read_file(dir, 100, &data, &len, &err), -EISDIR);
	assert_null(data);
	assert_non_null(strstr(err.msg, "is a directory, not a file"));
}

static void test_read_file_names_a_missing_file(void **state)
{
	struct ns_err err = { 0 };
	char *data;
	size_t len;

	(void)state;
	assert_int_equal(ns_read_file(path, 100, &data, &len, &err), -ENOENT);
	assert_string_equal(err.msg + strlen(err.msg) - strlen("f: No such file or directory"),
			    "f: No such file or directory");
}

/* A pipe has no size up front: the limit is found by reading. */
static void test_read_stream_limits_a_pipe_by_reading(void **state)
{
	struct ns_err err = { 0 };
	char *data;
	size_t len;
	FILE *f;

	(void)state;
	f = popen("head -c 70000 /dev/zero", "r");
	assert_non_null(f);
	assert_int_equal(ns_read_stream(f, "the pipe", 69999, &data, &len, &err), -EFBIG);
	assert_string_equal(err.msg, "the pipe is larger than 69999 bytes, the most notspot reads");
	pclose(f);

	f = popen("head -c 70000 /dev/zero", "r");
	assert_non_null(f);
	assert_int_equal(ns_read_stream(f, "the pipe", 70000, &data, &len, &err), 0);
	assert_int_equal(len, 70000);
	assert_int_equal(data[69999], 0);
	assert_int_equal(data[70000], 0);
	free(data);
	pclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_file_returns_bytes_with_a_trailing_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_file_of_empty_file_is_an_empty_string, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_file_refuses_one_byte_over_the_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_file_refuses_a_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_file_names_a_missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_stream_limits_a_pipe_by_reading, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
