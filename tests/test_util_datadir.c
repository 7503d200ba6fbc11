/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_util_datadir.c — notspot finds its data files and its walker from
 * where its binary is: an installed tree, a source tree, or where the
 * environment says; never from a path baked in at build time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/datadir.h"

#define PROBE "sim/examples/aps.json"

struct tree {
	char top[64];
};

/* mkdir -p @top/@rel's directory, then create @rel (mode @mode). */
static void put(const char *top, const char *rel, mode_t mode)
{
	char p[PATH_MAX], cmd[PATH_MAX + 32];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", top, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", p);
	assert_int_equal(system(cmd), 0);
	assert_non_null(f = fopen(p, "w"));
	fputs("{}\n", f);
	fclose(f);
	assert_int_equal(chmod(p, mode), 0);
}

static void mkdirs(const char *top, const char *rel)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/%s'", top, rel);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	snprintf(t->top, sizeof(t->top), "/tmp/notspot-datadir.XXXXXX");
	if (!t || !mkdtemp(t->top))
		return -1;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->top);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

static void path(char *out, size_t cap, const struct tree *t, const char *rel)
{
	snprintf(out, cap, "%s/%s", t->top, rel);
}

static void test_an_installed_binary_finds_prefix_share_notspot(void **state)
{
	struct tree *t = *state;
	char bin[PATH_MAX], libexec[PATH_MAX], want[PATH_MAX], got[PATH_MAX];

	put(t->top, "usr/share/notspot/" PROBE, 0644);
	mkdirs(t->top, "usr/bin");
	mkdirs(t->top, "usr/libexec/notspot");
	path(bin, sizeof(bin), t, "usr/bin");
	path(libexec, sizeof(libexec), t, "usr/libexec/notspot");
	path(want, sizeof(want), t, "usr/share/notspot");
	assert_int_equal(ns_data_dir_find(NULL, bin, PROBE, got, sizeof(got), NULL), 0);
	assert_string_equal(got, want);
	/* The walker in libexec/notspot/ finds the same directory. */
	assert_int_equal(ns_data_dir_find("", libexec, PROBE, got, sizeof(got), NULL), 0);
	assert_string_equal(got, want);
}

static void test_a_binary_in_a_source_tree_finds_the_tree_from_its_build_dirs(void **state)
{
	struct tree *t = *state;
	const char *dirs[] = { "", "/build", "/build/tests" };
	char want[PATH_MAX], dir[PATH_MAX], got[PATH_MAX];

	put(t->top, "src/" PROBE, 0644);
	mkdirs(t->top, "src/build/tests");
	path(want, sizeof(want), t, "src");
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(dir, sizeof(dir), "%s%s", want, dirs[i]);
		assert_int_equal(ns_data_dir_find(NULL, dir, PROBE, got, sizeof(got), NULL), 0);
		assert_string_equal(got, want);
	}
}

static void test_an_installed_share_wins_over_a_tree_further_up(void **state)
{
	struct tree *t = *state;
	char bin[PATH_MAX], want[PATH_MAX], got[PATH_MAX];

	/* A prefix inside a source tree: the installed copy is the one that belongs to the binary. */
	put(t->top, PROBE, 0644);
	put(t->top, "stage/share/notspot/" PROBE, 0644);
	mkdirs(t->top, "stage/bin");
	path(bin, sizeof(bin), t, "stage/bin");
	path(want, sizeof(want), t, "stage/share/notspot");
	assert_int_equal(ns_data_dir_find(NULL, bin, PROBE, got, sizeof(got), NULL), 0);
	assert_string_equal(got, want);
}

static void test_the_environment_is_the_only_place_looked_at_when_set(void **state)
{
	struct tree *t = *state;
	char env[PATH_MAX], src[PATH_MAX], got[PATH_MAX] = "";
	struct ns_err err = { 0 };

	put(t->top, "env/" PROBE, 0644);
	put(t->top, "src/" PROBE, 0644);
	path(env, sizeof(env), t, "env");
	path(src, sizeof(src), t, "src");
	assert_int_equal(ns_data_dir_find(env, src, PROBE, got, sizeof(got), &err), 0);
	assert_string_equal(got, env);
	/* Set, but without the files: an error naming it, not a quiet fallback to the tree. */
	assert_int_equal(ns_data_dir_find(src, NULL, "no/such.json", got, sizeof(got), &err), -ENOENT);
	assert_non_null(strstr(err.msg, "NOTSPOT_DATA_DIR="));
	assert_non_null(strstr(err.msg, "no/such.json"));
}

static void test_no_data_anywhere_says_where_it_looked_and_what_to_set(void **state)
{
	struct tree *t = *state;
	char bin[PATH_MAX], got[PATH_MAX];
	struct ns_err err = { 0 };

	mkdirs(t->top, "usr/bin");
	path(bin, sizeof(bin), t, "usr/bin");
	assert_int_equal(ns_data_dir_find(NULL, bin, PROBE, got, sizeof(got), &err), -ENOENT);
	assert_non_null(strstr(err.msg, PROBE));
	assert_non_null(strstr(err.msg, bin));
	assert_non_null(strstr(err.msg, "NOTSPOT_DATA_DIR"));
	assert_int_equal(ns_data_dir_find(NULL, NULL, PROBE, got, sizeof(got), &err), -ENOENT);
}

static void test_a_result_that_does_not_fit_is_refused(void **state)
{
	struct tree *t = *state;
	char dir[PATH_MAX], got[8];
	struct ns_err err = { 0 };

	put(t->top, PROBE, 0644);
	path(dir, sizeof(dir), t, "");
	dir[strlen(dir) - 1] = '\0';
	assert_int_equal(ns_data_dir_find(NULL, dir, PROBE, got, sizeof(got), &err), -ENAMETOOLONG);
}

static void test_the_running_program_knows_its_directory(void **state)
{
	char dir[PATH_MAX], found[PATH_MAX], top[PATH_MAX];

	(void)state;
	/* The tests run from the tree's top, as BUILD/tests/test_util_datadir. */
	assert_int_equal(ns_exe_dir(dir, sizeof(dir), NULL), 0);
	assert_true(dir[0] == '/');
	assert_non_null(strstr(dir, "/tests"));
	/* And from there, the source tree's own example files. */
	unsetenv("NOTSPOT_DATA_DIR");
	assert_int_equal(ns_data_dir("sim/examples/hospital-level2-aps.json", found, sizeof(found),
				     NULL), 0);
	assert_non_null(realpath(".", top));
	assert_string_equal(found, top);
}

static void test_a_helper_is_found_beside_the_binary_or_in_libexec(void **state)
{
	struct tree *t = *state;
	char bin[PATH_MAX], want[PATH_MAX], got[PATH_MAX];
	struct ns_err err = { 0 };

	put(t->top, "usr/libexec/notspot/notspot-walker", 0755);
	mkdirs(t->top, "usr/bin");
	path(bin, sizeof(bin), t, "usr/bin");
	path(want, sizeof(want), t, "usr/libexec/notspot/notspot-walker");
	assert_int_equal(ns_helper_find(NULL, bin, "notspot-walker", got, sizeof(got), &err), 0);
	assert_string_equal(got, want);
	/* One beside the binary (a source tree, a bin/ install) comes first. */
	put(t->top, "usr/bin/notspot-walker", 0755);
	path(want, sizeof(want), t, "usr/bin/notspot-walker");
	assert_int_equal(ns_helper_find("", bin, "notspot-walker", got, sizeof(got), &err), 0);
	assert_string_equal(got, want);
}

static void test_a_helper_that_is_not_executable_or_absent_is_not_found(void **state)
{
	struct tree *t = *state;
	char bin[PATH_MAX], env[PATH_MAX], got[PATH_MAX];
	struct ns_err err = { 0 };

	put(t->top, "usr/bin/notspot-walker", 0644);
	put(t->top, "elsewhere/walker", 0755);
	path(bin, sizeof(bin), t, "usr/bin");
	assert_int_equal(ns_helper_find(NULL, bin, "notspot-walker", got, sizeof(got), &err), -ENOENT);
	assert_non_null(strstr(err.msg, "notspot-walker is not installed"));
	assert_non_null(strstr(err.msg, "libexec/notspot"));
	/* The environment names it exactly: nothing else is tried. */
	path(env, sizeof(env), t, "elsewhere/walker");
	assert_int_equal(ns_helper_find(env, bin, "notspot-walker", got, sizeof(got), &err), 0);
	assert_string_equal(got, env);
	path(env, sizeof(env), t, "elsewhere");
	assert_int_equal(ns_helper_find(env, bin, "notspot-walker", got, sizeof(got), &err), -ENOENT);
	assert_non_null(strstr(err.msg, "is not an executable file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_an_installed_binary_finds_prefix_share_notspot, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_a_binary_in_a_source_tree_finds_the_tree_from_its_build_dirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_installed_share_wins_over_a_tree_further_up,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_environment_is_the_only_place_looked_at_when_set,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_data_anywhere_says_where_it_looked_and_what_to_set,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_result_that_does_not_fit_is_refused, setup, teardown),
		cmocka_unit_test(test_the_running_program_knows_its_directory),
		cmocka_unit_test_setup_teardown(test_a_helper_is_found_beside_the_binary_or_in_libexec,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_helper_that_is_not_executable_or_absent_is_not_found,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
