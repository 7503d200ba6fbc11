/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_walk_root.c — the walker never runs as root: `notspot walk` and
 * `notspot-walker walk` as root refuse with one sentence saying why and what
 * to do instead (capabilities, `make install-caps`), before the survey is
 * opened, so the file is unchanged. NOTSPOT_ALLOW_ROOT=1 lets a test machine
 * whose only user is root through; another user is never refused. Without a
 * display the walk says so and begins nothing.
 *
 * The binaries are run as built (build/notspot, build/notspot-walker), with
 * no display, so no window can open. The refusal itself can only be seen as
 * root: run as another user, those tests are skipped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/survey_fixtures.h"
#include "survey/survey.h"

#define REFUSAL_OF(cmd)                                                                      \
	"notspot: " cmd ": refusing to run as root: the walker app would run its whole GUI with " \
	"every privilege and leave the survey owned by root; run it as your own user, and "    \
	"give notspot-walker the one privilege it needs to trigger scans with 'sudo make "     \
	"install-caps' (see notspot(1), PRIVILEGES)\n"
#define REFUSAL REFUSAL_OF("walk")

static char bindir[4096];

struct run {
	int status;    /* exit status, or 128 + signal */
	char err[8192]; /* stderr */
};

/*
 * Run build/@prog with @argv (NULL-terminated, without the program), no
 * display, NOTSPOT_ALLOW_ROOT as @allow (NULL: unset), as user @uid (-1:
 * as this process). stdin is /dev/null, stdout is discarded.
 */
static void run(struct run *r, const char *prog, const char *allow, int uid,
		const char *const *argv)
{
	const char *args[16];
	char path[4200];
	int fd[2];
	ssize_t n;
	size_t at = 0;
	pid_t pid;
	int st;

	snprintf(path, sizeof(path), "%s/%s", bindir, prog);
	args[0] = path;
	for (int i = 0; argv[i] && i < 14; i++) {
		args[i + 1] = argv[i];
		args[i + 2] = NULL;
	}
	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(fd[1], 2);
		close(fd[0]);
		unsetenv("DISPLAY");
		unsetenv("WAYLAND_DISPLAY");
		if (allow)
			setenv("NOTSPOT_ALLOW_ROOT", allow, 1);
		else
			unsetenv("NOTSPOT_ALLOW_ROOT");
		if (uid >= 0 && (setgroups(0, NULL) || setgid((gid_t)uid) || setuid((uid_t)uid)))
			_exit(126);
		execv(path, (char *const *)args);
		_exit(127);
	}
	close(fd[1]);
	while ((n = read(fd[0], r->err + at, sizeof(r->err) - 1 - at)) > 0)
		at += (size_t)n;
	r->err[at] = '\0';
	close(fd[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

struct fixture {
	char *dir;
	unsigned char *before;
	size_t len;
};

/* A survey with one floor, "Level 2", and its bytes. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey *s = NULL;
	struct ns_err err = { 0 };

	if (!f || !fp || !(f->dir = survey_test_tmpdir()))
		return -1;
	if (survey_create(survey_test_path(f->dir, "s.notspot"), NULL, &s, &err) ||
	    survey_add_floor(s, fp, &err) <= 0)
		return -1;
	survey_close(s);
	floorplan_free(fp);
	f->before = survey_test_read_file(survey_test_path(f->dir, "s.notspot"), &f->len);
	*state = f;
	return f->before ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	survey_test_rmdir(f->dir);
	free(f->before);
	free(f);
	return 0;
}

static void assert_unchanged(const struct fixture *f)
{
	size_t n;
	unsigned char *now = survey_test_read_file(survey_test_path(f->dir, "s.notspot"), &n);

	assert_non_null(now);
	assert_int_equal(n, f->len);
	assert_memory_equal(now, f->before, n);
	free(now);
}

static void test_walk_as_root_is_refused_with_one_sentence_and_nothing_changed(void **state)
{
	struct fixture *f = *state;
	const char *survey = survey_test_path(f->dir, "s.notspot");
	struct run r;

	if (geteuid() != 0)
		skip();
	/* The walker's own binary, and `notspot walk`, which execs it. */
	run(&r, "notspot-walker", NULL, -1,
	    (const char *const[]){ "walk", survey, "--floor", "Level 2", "--simulate", NULL });
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, REFUSAL);
	assert_unchanged(f);
	run(&r, "notspot", NULL, -1,
	    (const char *const[]){ "walk", survey, "--floor", "Level 2", "--simulate", NULL });
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, REFUSAL);
	assert_unchanged(f);
	/* Anything other than exactly "1" is not a permission. */
	run(&r, "notspot", "yes", -1, (const char *const[]){ "walk", survey, "--simulate", NULL });
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, REFUSAL);
	assert_unchanged(f);
}

/* The plan editor is the same GTK app: root is refused before the survey opens. */
static void test_edit_as_root_is_refused_the_same_way(void **state)
{
	struct fixture *f = *state;
	const char *survey = survey_test_path(f->dir, "s.notspot");
	struct run r;

	if (geteuid() != 0)
		skip();
	run(&r, "notspot-walker", NULL, -1, (const char *const[]){ "edit", survey, NULL });
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, REFUSAL_OF("edit"));
	assert_unchanged(f);
	run(&r, "notspot", NULL, -1, (const char *const[]){ "edit", survey, NULL });
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, REFUSAL_OF("edit"));
	assert_unchanged(f);
	run(&r, "notspot", NULL, -1, (const char *const[]){ "edit", "--help", NULL });
	assert_int_equal(r.status, 0);
}

static void test_walk_help_and_usage_errors_still_answer_as_root(void **state)
{
	struct run r;

	(void)state;
	run(&r, "notspot", NULL, -1, (const char *const[]){ "walk", "--help", NULL });
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	run(&r, "notspot", NULL, -1, (const char *const[]){ "walk", "x.notspot", "--frob", NULL });
	assert_int_equal(r.status, 2);
	assert_null(strstr(r.err, "root"));
}

static void test_notspot_allow_root_lets_a_test_machine_walk_as_root(void **state)
{
	struct fixture *f = *state;
	char empty[4200];
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	struct run r;

	if (geteuid() != 0)
		skip();
	/* A survey without floors: the walk goes past the check and stops at the next one. */
	snprintf(empty, sizeof(empty), "%s", survey_test_path(f->dir, "empty.notspot"));
	assert_int_equal(survey_create(empty, NULL, &s, &err), 0);
	survey_close(s);
	run(&r, "notspot", "1", -1, (const char *const[]){ "walk", empty, "--simulate", NULL });
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "notspot: walk: the survey has 0 floors: choose one with --floor\n");
}

/* Past the check, with no display: one sentence, no walk begun (it crashed in GTK before). */
static void test_without_a_display_the_walk_says_so_and_begins_nothing(void **state)
{
	struct fixture *f = *state;
	struct run r;

	run(&r, "notspot", "1", -1,
	    (const char *const[]){ "walk", survey_test_path(f->dir, "s.notspot"), "--simulate",
				   NULL });
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "notspot: walk: cannot open a display (is DISPLAY or "
				   "WAYLAND_DISPLAY set?)\n");
	assert_unchanged(f);
}

static void test_another_user_is_not_refused(void **state)
{
	struct fixture *f = *state;
	struct run r;

	if (geteuid() != 0)
		skip(); /* as another user already, the first test is this one */
	/* As nobody: past the check, to the survey, which root's private folder keeps from it. */
	run(&r, "notspot-walker", NULL, 65534,
	    (const char *const[]){ "walk", survey_test_path(f->dir, "s.notspot"), "--simulate",
				   NULL });
	if (r.status == 126)
		skip(); /* no user to become */
	assert_int_equal(r.status, 1);
	assert_null(strstr(r.err, "root"));
	assert_non_null(strstr(r.err, "s.notspot: Permission denied\n"));
	assert_unchanged(f);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_walk_as_root_is_refused_with_one_sentence_and_nothing_changed, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_edit_as_root_is_refused_the_same_way, setup,
						teardown),
		cmocka_unit_test(test_walk_help_and_usage_errors_still_answer_as_root),
		cmocka_unit_test_setup_teardown(test_notspot_allow_root_lets_a_test_machine_walk_as_root,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_without_a_display_the_walk_says_so_and_begins_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_another_user_is_not_refused, setup, teardown),
	};
	char self[4096], path[4200];

	/* build/tests/test_walk_root -> build/notspot, build/notspot-walker */
	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(bindir, sizeof(bindir), "%s/..", dirname(self));
	snprintf(path, sizeof(path), "%s/notspot-walker", bindir);
	if (access(path, X_OK) != 0) {
		fprintf(stderr, "test_walk_root: %s is not built (make tests builds it)\n", path);
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
