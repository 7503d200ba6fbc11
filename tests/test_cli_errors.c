/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_cli_errors.c — what a user sees when a command is given the wrong
 * thing: a missing file, a folder, a PNG or a truncated file as a survey, a
 * survey from a newer notspot, an unknown floor, numbers out of range.
 *
 * Each case runs the notspot next to this test's build folder (build/notspot,
 * build-asan/notspot) through fork/exec, without a shell, and checks the
 * exit status (1 failed, 2 usage), that stderr is exactly the expected
 * sentence ("notspot: WHAT: WHY", one line; usage errors add the "Try" line),
 * that nothing is printed on stdout, and that the survey's bytes are the same
 * afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "survey/survey.h"

#define EXAMPLE_SIDECAR "floorplans/examples/hospital-level2.json"
/* The schema version this build reads up to, as text (in the refusal of a newer file). */
#define STR_(x) #x
#define STR(x) STR_(x)
#define SCHEMA_TEXT STR(SURVEY_SCHEMA_VERSION)
#define PNG "tests/golden/floorplans/example-show.png"

static char bin[4096];
static char dir[64];
/* The fixtures, made once: a survey with the example floor and its damaged copies. */
static char good[128], trunc_[128], newer[128], folder[128], missing[128], out_png[160];

struct result {
	int status;      /* exit status */
	char err[4096];  /* stderr */
	size_t out_len;  /* bytes on stdout */
};

static void read_fd(int fd, char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	ssize_t got;

	lseek(fd, 0, SEEK_SET);
	while (n + 1 < cap && (got = read(fd, buf + n, cap - 1 - n)) > 0)
		n += (size_t)got;
	buf[n] = '\0';
	*len = n;
}

/* Run notspot with the NULL-terminated arguments; no shell, so nothing is re-split. */
static void run(struct result *r, ...)
{
	char *argv[32], outbuf[65536];
	char out_name[96], err_name[96];
	int out_fd, err_fd, st, argc = 0;
	size_t err_len;
	va_list ap;
	pid_t pid;

	argv[argc++] = bin;
	va_start(ap, r);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	snprintf(out_name, sizeof(out_name), "%s/stdout", dir);
	snprintf(err_name, sizeof(err_name), "%s/stderr", dir);
	out_fd = open(out_name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	err_fd = open(err_name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(out_fd >= 0 && err_fd >= 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(out_fd, STDOUT_FILENO);
		dup2(err_fd, STDERR_FILENO);
		execv(bin, argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	r->status = WEXITSTATUS(st);
	read_fd(err_fd, r->err, sizeof(r->err), &err_len);
	read_fd(out_fd, outbuf, sizeof(outbuf), &r->out_len);
	close(out_fd);
	close(err_fd);
}

static unsigned char *file_bytes(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void copy_file(const char *from, const char *to)
{
	size_t n;
	unsigned char *b = file_bytes(from, &n);
	FILE *f = fopen(to, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	free(b);
}

/*
 * Expect a failure: @status, stderr exactly @want (with "%s" replaced by the
 * fixture folder, and one "*" for a part that depends on the fixture), nothing
 * on stdout.
 */
static void expect(const struct result *r, int status, const char *want)
{
	char full[4096], *star;
	const char *at = strstr(want, "%s");

	if (at)
		snprintf(full, sizeof(full), "%.*s%s%s", (int)(at - want), want, dir, at + 2);
	else
		snprintf(full, sizeof(full), "%s", want);
	if (status == 2) {
		const char *nl = strchr(r->err, '\n');

		/* The sentence, then "Try 'notspot CMD --help'." */
		assert_non_null(nl);
		assert_true(strncmp(nl + 1, "Try 'notspot ", 13) == 0);
	}
	star = strchr(full, '*');
	if (star) {
		/* "*" stands for a run of characters on the same line. */
		size_t head = (size_t)(star - full), tail = strlen(star + 1), n = strlen(r->err);

		assert_true(n >= head + tail);
		assert_memory_equal(r->err, full, head);
		assert_string_equal(r->err + n - tail, star + 1);
		assert_null(memchr(r->err + head, '\n', n - tail - head));
	} else {
		assert_string_equal(r->err, full);
	}
	assert_int_equal(r->status, status);
	assert_int_equal(r->out_len, 0);
}

static int setup(void **state)
{
	struct result r;
	struct survey *s;
	struct ns_err err = { 0 };
	sqlite3 *db;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/notspot-clierr-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(good, sizeof(good), "%s/site.notspot", dir);
	snprintf(trunc_, sizeof(trunc_), "%s/truncated.notspot", dir);
	snprintf(newer, sizeof(newer), "%s/newer.notspot", dir);
	snprintf(folder, sizeof(folder), "%s/a-folder", dir);
	snprintf(missing, sizeof(missing), "%s/missing.notspot", dir);
	snprintf(out_png, sizeof(out_png), "%s/no/such/folder/plan.png", dir);
	if (survey_create(good, NULL, &s, &err))
		return -1;
	survey_close(s);
	run(&r, "floor", "add", good, "--sidecar", EXAMPLE_SIDECAR, (char *)NULL);
	if (r.status != 0) {
		fprintf(stderr, "test_cli_errors: fixture: %s", r.err);
		return -1;
	}
	copy_file(good, trunc_);
	if (truncate(trunc_, 3000))
		return -1;
	copy_file(good, newer);
	if (sqlite3_open(newer, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	sqlite3_close(db);
	if (mkdir(folder, 0700))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Run, check the sentence, and check that @survey's bytes did not change. */
#define CHECK_UNCHANGED(survey, status, want, ...)                                         \
	do {                                                                               \
		size_t n0_, n1_;                                                           \
		unsigned char *b0_ = file_bytes(survey, &n0_), *b1_;                       \
		struct result r_;                                                          \
                                                                                           \
		run(&r_, __VA_ARGS__, (char *)NULL);                                               \
		expect(&r_, status, want);                                                 \
		b1_ = file_bytes(survey, &n1_);                                            \
		assert_int_equal(n0_, n1_);                                                \
		assert_memory_equal(b0_, b1_, n0_);                                        \
		free(b0_);                                                                 \
		free(b1_);                                                                 \
	} while (0)

static void test_missing_survey_is_named_once(void **state)
{
	struct result r;

	(void)state;
	run(&r, "info", missing, (char *)NULL);
	expect(&r, 1, "notspot: cannot open the survey: cannot open %s/missing.notspot: No such "
		      "file or directory\n");
	run(&r, "floor", "list", missing, (char *)NULL);
	expect(&r, 1, "notspot: cannot open the survey: cannot open %s/missing.notspot: No such "
		      "file or directory\n");
	run(&r, "ward", "add", missing, "--name", "W", "--points", "0,0", "1,0", "1,1", (char *)NULL);
	expect(&r, 1, "notspot: cannot open the survey: cannot open %s/missing.notspot: No such "
		      "file or directory\n");
	run(&r, "simulate", missing, "--floor", "Level 2", (char *)NULL);
	expect(&r, 1, "notspot: cannot open the survey: cannot open %s/missing.notspot: No such "
		      "file or directory\n");
	/* Nothing was created on the way. */
	assert_int_equal(access(missing, F_OK), -1);
}

static void test_folder_as_survey_is_refused(void **state)
{
	struct result r;

	(void)state;
	run(&r, "export", folder, "--csv", (char *)NULL);
	expect(&r, 1, "notspot: cannot open the survey: %s/a-folder is not a regular file\n");
	run(&r, "wall", "add", folder, "--material", "brick", "--points", "0,0", "1,1", (char *)NULL);
	expect(&r, 1, "notspot: cannot open the survey: %s/a-folder is not a regular file\n");
}

static void test_png_as_survey_is_not_a_survey(void **state)
{
	struct result r;

	(void)state;
	CHECK_UNCHANGED(PNG, 1, "notspot: cannot open the survey: " PNG " is not a notspot survey "
				"(not an SQLite database)\n", "floor", "scale", PNG, "--px-per-m", "5");
	run(&r, "info", PNG, (char *)NULL);
	expect(&r, 1, "notspot: cannot open the survey: " PNG " is not a notspot survey (not an "
		      "SQLite database)\n");
}

static void test_truncated_survey_is_refused_and_left_alone(void **state)
{
	(void)state;
	CHECK_UNCHANGED(trunc_, 1, "notspot: cannot open the survey: %s/truncated.notspot is "
				   "truncated: its header counts * pages of 4096 bytes but the file "
				   "has only 3000 bytes\n",
			"ward", "add", trunc_, "--name", "W", "--points", "0,0", "1,0", "1,1");
	CHECK_UNCHANGED(trunc_, 1, "notspot: cannot open the survey: %s/truncated.notspot is "
				   "truncated: its header counts * pages of 4096 bytes but the file "
				   "has only 3000 bytes\n",
			"import", trunc_, "--floor", "Level 2", "/dev/null");
}

static void test_newer_survey_asks_for_a_newer_notspot_and_is_left_alone(void **state)
{
	(void)state;
	CHECK_UNCHANGED(newer, 1, "notspot: cannot open the survey: %s/newer.notspot is a survey "
				  "of schema version 99; this notspot reads up to " SCHEMA_TEXT
				  ": upgrade notspot\n",
			"floor", "scale", newer, "--px-per-m", "5");
	CHECK_UNCHANGED(newer, 1, "notspot: cannot open the survey: %s/newer.notspot is a survey "
				  "of schema version 99; this notspot reads up to " SCHEMA_TEXT
				  ": upgrade notspot\n",
			"simulate", newer, "--floor", "Level 2");
	CHECK_UNCHANGED(newer, 1, "notspot: cannot open the survey: %s/newer.notspot is a survey "
				  "of schema version 99; this notspot reads up to " SCHEMA_TEXT
				  ": upgrade notspot\n",
			"export", newer, "--csv");
}

static void test_unknown_floor_is_named(void **state)
{
	(void)state;
	CHECK_UNCHANGED(good, 1, "notspot: %s/site.notspot: there is no floor called 'Level 9'\n",
			"wall", "add", good, "--floor", "Level 9", "--material", "brick", "--points",
			"0,0", "1,1");
	CHECK_UNCHANGED(good, 1, "notspot: cannot export: there is no floor called 'Level 9'\n",
			"export", good, "--floor", "Level 9", "--csv");
	CHECK_UNCHANGED(good, 1, "notspot: cannot import /dev/null (nothing was imported): there "
				 "is no floor called 'Level 9'\n",
			"import", good, "--floor", "Level 9", "/dev/null");
}

static void test_wrong_files_given_to_a_good_survey_change_nothing(void **state)
{
	(void)state;
	/* A PNG as the CSV: its signature's bytes are not echoed. */
	CHECK_UNCHANGED(good, 1, "notspot: cannot import " PNG " (nothing was imported): line 1, "
				 "column 1: unknown column '?PNG'\n",
			"import", good, "--floor", "Level 2", PNG);
	CHECK_UNCHANGED(good, 1, "notspot: cannot import: %s/a-folder is a directory, not a file\n",
			"import", good, "--floor", "Level 2", folder);
	CHECK_UNCHANGED(good, 1, "notspot: cannot read the APs: " PNG ": line 1: unable to decode "
				 "byte 0x89\n",
			"simulate", good, "--floor", "Level 2", "--aps", PNG);
	CHECK_UNCHANGED(good, 1, "notspot: cannot read the route: %s/a-folder is a directory, not "
				 "a file\n",
			"simulate", good, "--floor", "Level 2", "--route", folder);
	CHECK_UNCHANGED(good, 1, "notspot: floor add: cannot open " PNG "x: No such file or "
				 "directory\n",
			"floor", "add", good, "--name", "Level 3", "--image", PNG "x");
	CHECK_UNCHANGED(good, 1, "notspot: cannot create the survey: %s/site.notspot already "
				 "exists\n",
			"new", good);
}

static void test_output_that_cannot_be_written_says_why(void **state)
{
	(void)state;
	CHECK_UNCHANGED(good, 1, "notspot: floor show: cannot write %s/no/such/folder/plan.png: "
				 "No such file or directory\n",
			"floor", "show", good, "-o", out_png);
	CHECK_UNCHANGED(good, 1, "notspot: cannot export: cannot write %s/a-folder: Is a "
				 "directory\n",
			"export", good, "--csv", "-o", folder);
	CHECK_UNCHANGED(good, 1, "notspot: floor show: cannot write %s/a-folder: Is a directory\n",
			"floor", "show", good, "-o", folder);
}

static void test_bad_numbers_are_usage_errors(void **state)
{
	(void)state;
	CHECK_UNCHANGED(good, 2, "notspot floor scale: --px-per-m needs a number\n"
				 "Try 'notspot floor scale --help'.\n",
			"floor", "scale", good, "--px-per-m", "abc");
	CHECK_UNCHANGED(good, 2, "notspot floor scale: --origin 1e20,0 is more than 1e+09 px from "
				 "the drawing\nTry 'notspot floor scale --help'.\n",
			"floor", "scale", good, "--px-per-m", "5", "--origin", "1e20,0");
	CHECK_UNCHANGED(good, 2, "notspot ward add: '1e300,0' is more than 100000 m from the "
				 "origin\nTry 'notspot ward add --help'.\n",
			"ward", "add", good, "--name", "W", "--points", "0,0", "1e300,0", "1,1");
	CHECK_UNCHANGED(good, 2, "notspot wall add: --loss-db needs L24,L5[,L6] in dB\n"
				 "Try 'notspot wall add --help'.\n",
			"wall", "add", good, "--loss-db", "5,5x", "--points", "0,0", "1,1");
	CHECK_UNCHANGED(good, 2, "notspot wall add: --loss-db needs L24,L5[,L6] in dB\n"
				 "Try 'notspot wall add --help'.\n",
			"wall", "add", good, "--loss-db", "5,5,5,5", "--points", "0,0", "1,1");
	CHECK_UNCHANGED(good, 2, "notspot floor scale: --points needs X1,Y1,X2,Y2 in pixels\n"
				 "Try 'notspot floor scale --help'.\n",
			"floor", "scale", good, "--points", "0,0,100,0px", "--distance", "5");
	CHECK_UNCHANGED(good, 2, "notspot wall add: a loss of -5 dB is out of range (0 to 200)\n"
				 "Try 'notspot wall add --help'.\n",
			"wall", "add", good, "--loss-db", "-5,5,5", "--points", "0,0", "1,1");
	CHECK_UNCHANGED(good, 2, "notspot simulate: --truth-cell is metres, 0.05 to 100\n"
				 "Try 'notspot simulate --help'.\n",
			"simulate", good, "--floor", "Level 2", "--truth-cell", "0");
	CHECK_UNCHANGED(good, 2, "notspot simulate: --start needs a UTC time like "
				 "2026-11-20T09:30:00Z\nTry 'notspot simulate --help'.\n",
			"simulate", good, "--floor", "Level 2", "--start", "2026-02-30T09:30:00Z");
	/* getopt's own message must not come before ours. */
	CHECK_UNCHANGED(good, 2, "notspot simulate: --aps needs a value\n"
				 "Try 'notspot simulate --help'.\n",
			"simulate", good, "--floor", "Level 2", "--aps");
	CHECK_UNCHANGED(good, 2, "notspot simulate: unknown option '--frob'\n"
				 "Try 'notspot simulate --help'.\n",
			"simulate", good, "--frob");
	/* Not a usage error: the number parses but no floor is that small. */
	CHECK_UNCHANGED(good, 1, "notspot: floor scale: a scale of 0 px per metre is not plausible "
				 "(expected 0.01 to 100000)\n",
			"floor", "scale", good, "--px-per-m", "0");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_survey_is_named_once),
		cmocka_unit_test(test_folder_as_survey_is_refused),
		cmocka_unit_test(test_png_as_survey_is_not_a_survey),
		cmocka_unit_test(test_truncated_survey_is_refused_and_left_alone),
		cmocka_unit_test(test_newer_survey_asks_for_a_newer_notspot_and_is_left_alone),
		cmocka_unit_test(test_unknown_floor_is_named),
		cmocka_unit_test(test_wrong_files_given_to_a_good_survey_change_nothing),
		cmocka_unit_test(test_output_that_cannot_be_written_says_why),
		cmocka_unit_test(test_bad_numbers_are_usage_errors),
	};
	char self[4096];

	/* build/tests/test_cli_errors -> build/notspot */
	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(bin, sizeof(bin), "%s/../notspot", dirname(self));
	if (access(bin, X_OK) != 0) {
		fprintf(stderr, "test_cli_errors: %s is not built (make tests builds it)\n", bin);
		return 1;
	}
	/*
	 * A sanitizer build of notspot: fontconfig's caches are not our leaks, and
	 * the list of suppressions used must not be added to the stderr checked.
	 */
	snprintf(self, sizeof(self), "%s:print_suppressions=0",
		 getenv("LSAN_OPTIONS") ? getenv("LSAN_OPTIONS") : "suppressions=tests/lsan.supp");
	setenv("LSAN_OPTIONS", self, 1);
	return cmocka_run_group_tests(tests, setup, teardown);
}
