/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_cli_building.c — a building of three levels set up from the command
 * line as a new user would (the bundled example's plan files, calibrated from
 * two points and aligned onto Level 2, every option given as --opt=value), and
 * the bad input of a building refused: calibration points that coincide, a
 * level aligned onto itself, an edit while another program records a walk,
 * a merge of two different sites. Each is one sentence on stderr, exit status
 * 1, and nothing changed (the survey's JSON export is the same before and
 * after). Removing a floor with walks needs --force and says what goes; the
 * lists are JSON with --json.
 *
 * The binary is the one next to this test's build folder (build/notspot,
 * build-asan/notspot). The tests are one session on one survey file and run
 * in order: each builds on what the previous one stored.
 */
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "floorplans/model.h"
#include "survey/survey.h"

#define L1 "floorplans/examples/hospital-level1.json"
#define L2 "floorplans/examples/hospital-level2.json"
#define L3 "floorplans/examples/hospital-level3.json"

static char bin[4096];
static char dir[64];
static char survey_path[128], other_path[128], merged_path[128];
static char out_path[128], err_path[128];

/* Run "notspot ARGS" (a shell line); stdout/stderr go to files. Returns the exit status. */
static int run(const char *fmt, ...)
{
	char args[4096], cmd[12288];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	/* A sanitizer build of notspot: fontconfig's caches are not our leaks. */
	snprintf(cmd, sizeof(cmd), "LSAN_OPTIONS=\"${LSAN_OPTIONS:-suppressions=tests/lsan.supp}\" "
				   "%s %s >%s 2>%s", bin, args, out_path, err_path);
	st = system(cmd);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* The whole file at @path (malloc'd). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	assert_non_null(f);
	do {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The survey as `export --json` writes it: what "nothing changed" compares. */
static char *export_json(void)
{
	assert_int_equal(run("export %s --json", survey_path), 0);
	return slurp(out_path);
}

/* stderr holds exactly one line, naming the failure, and stdout nothing. */
static void expect_one_sentence(const char *needle)
{
	char *e = slurp(err_path), *o = slurp(out_path);
	char *nl = strchr(e, '\n');

	if (!strstr(e, needle))
		fail_msg("stderr '%s' does not say '%s'", e, needle);
	assert_non_null(nl);
	assert_string_equal(nl + 1, "");
	assert_string_equal(o, "");
	free(e);
	free(o);
}

static struct floorplan *load(const char *name)
{
	struct survey *s;
	struct floorplan *fp;
	struct ns_err err = { 0 };
	int64_t id;

	assert_int_equal(survey_open(survey_path, SURVEY_READ_ONLY, &s, &err), 0);
	id = survey_find_floor(s, name, &err);
	assert_true(id > 0);
	assert_int_equal(survey_load_floor(s, id, &fp, &err), 0);
	survey_close(s);
	return fp;
}

static int setup(void **state)
{
	struct survey_meta meta = { 0 };
	struct survey *s;
	struct ns_err err = { 0 };

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/notspot-bldcli-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(survey_path, sizeof(survey_path), "%s/site.notspot", dir);
	snprintf(other_path, sizeof(other_path), "%s/other.notspot", dir);
	snprintf(merged_path, sizeof(merged_path), "%s/merged.notspot", dir);
	snprintf(out_path, sizeof(out_path), "%s/out.txt", dir);
	snprintf(err_path, sizeof(err_path), "%s/err.txt", dir);
	snprintf(meta.site, sizeof(meta.site), "St Elsewhere General Hospital");
	assert_int_equal(survey_create(survey_path, &meta, &s, &err), 0);
	survey_close(s);
	snprintf(meta.site, sizeof(meta.site), "Another Hospital");
	assert_int_equal(survey_create(other_path, &meta, &s, &err), 0);
	survey_close(s);
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_three_plan_files_become_a_calibrated_aligned_building(void **state)
{
	struct floorplan *fp;

	(void)state;
	assert_int_equal(run("floor add %s --sidecar=%s", survey_path, L1), 0);
	assert_int_equal(run("floor add %s --sidecar=%s", survey_path, L2), 0);
	assert_int_equal(run("floor add %s --sidecar=%s --slab=hospital-heavy-slab", survey_path,
			     L3), 0);
	assert_int_equal(run("floor scale %s --floor=\"Level 1\" --points=60,110,1660,110 "
			     "--distance=80 --origin=60,110", survey_path), 0);
	assert_int_equal(run("floor scale %s --floor=\"Level 3\" --points=72,76,1352,76 "
			     "--distance=80 --origin=40,60", survey_path), 0);
	assert_int_equal(run("floor align %s --floor=\"Level 3\" --to=\"Level 2\" "
			     "--points=\"2,1=0,0 82,41=80,40\"", survey_path), 0);
	fp = load("Level 3");
	assert_float_equal(fp->px_per_m, 16.0, 1e-9);
	assert_float_equal(fp->align.dx_m, -2.0, 1e-6);
	assert_float_equal(fp->align.dy_m, -1.0, 1e-6);
	assert_float_equal(fp->align.rot_deg, 0.0, 1e-6);
	assert_string_equal(fp->slab_material, "hospital-heavy-slab");
	assert_int_equal(fp->level, 3);
	floorplan_free(fp);
	fp = load("Level 1");
	assert_float_equal(fp->px_per_m, 20.0, 1e-9);
	floorplan_free(fp);
}

static void test_coinciding_calibration_points_change_nothing(void **state)
{
	char *before = export_json(), *after;

	(void)state;
	assert_int_equal(run("floor scale %s --floor=\"Level 3\" --points=300,200,300,200 "
			     "--distance=10", survey_path), 1);
	expect_one_sentence("calibration points");
	after = export_json();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_a_level_aligned_onto_itself_changes_nothing(void **state)
{
	char *before = export_json(), *after;

	(void)state;
	assert_int_equal(run("floor align %s --floor=\"Level 3\" --to=\"Level 3\" --offset=1,1",
			     survey_path), 1);
	expect_one_sentence("onto itself");
	after = export_json();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_a_merge_of_two_different_sites_writes_nothing(void **state)
{
	char *before = export_json(), *after;

	(void)state;
	assert_int_equal(run("merge %s %s -o %s", survey_path, other_path, merged_path), 1);
	expect_one_sentence("Another Hospital");
	assert_int_equal(access(merged_path, F_OK), -1);
	after = export_json();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/*
 * Another program records a walk into the survey (a child holding it open
 * with a walk begun and not ended): an edit of the plan is refused with one
 * sentence, and the plan is as it was.
 */
static void test_an_edit_while_another_program_walks_changes_nothing(void **state)
{
	int ready[2];
	char c, *before = export_json(), *after;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct survey_walk w = { 0 };
		struct ns_err err = { 0 };
		struct survey *s;

		close(ready[0]);
		if (survey_open(survey_path, SURVEY_READ_WRITE, &s, &err))
			_exit(1);
		w.floor_id = survey_find_floor(s, "Level 1", &err);
		snprintf(w.operator_name, sizeof(w.operator_name), "J. Walker");
		snprintf(w.mode, sizeof(w.mode), "continuous");
		if (w.floor_id <= 0 || survey_begin_walk(s, &w, &err) <= 0)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		pause(); /* until killed, the walk open */
		_exit(0);
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	assert_int_equal(run("ward remove %s --floor=\"Level 1\" --name=Core", survey_path), 1);
	expect_one_sentence("J. Walker");
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	after = export_json();
	/* The only difference the child may leave is its own open walk. */
	assert_non_null(strstr(after, "J. Walker"));
	assert_null(strstr(before, "J. Walker"));
	free(before);
	free(after);
	/* With nobody else writing, the same edit goes through. */
	assert_int_equal(run("ward remove %s --floor=\"Level 1\" --name=Core", survey_path), 0);
}

static void test_removing_a_floor_with_walks_needs_force_and_says_what_goes(void **state)
{
	char *before, *after, *o;

	(void)state;
	/* Level 1 holds the walk the previous test's program left open. */
	before = export_json();
	assert_int_equal(run("floor remove %s --floor=\"Level 1\"", survey_path), 1);
	expect_one_sentence("--force");
	after = export_json();
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(run("floor remove %s --floor=\"Level 1\" --force", survey_path), 0);
	o = slurp(out_path);
	assert_non_null(strstr(o, "1 walk"));
	free(o);
	assert_int_equal(run("floor list %s --json", survey_path), 0);
	o = slurp(out_path);
	assert_null(strstr(o, "Level 1"));
	free(o);
}

/* Every list is a JSON array (or object) with --json. */
static void test_lists_are_json(void **state)
{
	static const char *const lists[] = {
		"building list %s --json",
		"floor list %s --json",
		"ward list %s --floor=\"Level 2\" --json",
		"wall list %s --floor=\"Level 3\" --json",
		"opening list %s --floor=\"Level 2\" --json",
		"ap list %s --floor=\"Level 3\" --json",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		json_error_t je;
		json_t *j;
		char *o;

		assert_int_equal(run(lists[i], survey_path), 0);
		o = slurp(out_path);
		j = json_loads(o, 0, &je);
		if (!j)
			fail_msg("'%s' is not JSON: %s", lists[i], je.text);
		assert_true(json_is_array(j) || json_is_object(j));
		json_decref(j);
		free(o);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_plan_files_become_a_calibrated_aligned_building),
		cmocka_unit_test(test_coinciding_calibration_points_change_nothing),
		cmocka_unit_test(test_a_level_aligned_onto_itself_changes_nothing),
		cmocka_unit_test(test_a_merge_of_two_different_sites_writes_nothing),
		cmocka_unit_test(test_an_edit_while_another_program_walks_changes_nothing),
		cmocka_unit_test(test_removing_a_floor_with_walks_needs_force_and_says_what_goes),
		cmocka_unit_test(test_lists_are_json),
	};
	char self[4096];

	/* build/tests/test_cli_building -> build/notspot */
	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(bin, sizeof(bin), "%s/../notspot", dirname(self));
	if (access(bin, X_OK) != 0) {
		fprintf(stderr, "test_cli_building: %s is not built (make tests builds it)\n", bin);
		return 1;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
