/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_survey_locks.c — opening a survey a second time in the same process
 * must not cost the first connection its locks.
 *
 * POSIX drops all of a process's fcntl locks on a file when any descriptor of
 * it is closed. If survey_open() peeked at the header with open()/close(), the
 * walker's writer would lose its shared lock the moment its live view opened
 * the survey again; another process closing the file would then believe it
 * was the last user, checkpoint and delete the WAL, and the writer's next
 * samples would go into an unlinked file: recorded, acknowledged, lost.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/survey_fixtures.h"
#include "survey/survey.h"

/*
 * Whether this process holds a POSIX lock on the inode of @path, from the
 * kernel's own table: /proc/locks lines read "N: POSIX ADVISORY READ PID
 * MAJ:MIN:INODE START END".
 */
static bool holds_lock_on(const char *path)
{
	struct stat st;
	char line[256];
	bool found = false;
	FILE *f;

	assert_int_equal(stat(path, &st), 0);
	f = fopen("/proc/locks", "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		unsigned long ino;
		int pid;

		if (sscanf(line, "%*d: POSIX %*s %*s %d %*x:%*x:%lu", &pid, &ino) == 2 &&
		    pid == getpid() && ino == (unsigned long)st.st_ino)
			found = true;
	}
	fclose(f);
	return found;
}

/* Another process opens the survey with plain SQLite, reads, and closes. */
static void other_process_opens_and_closes(const char *path)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db;
		int ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
			 sqlite3_exec(db, "SELECT count(*) FROM samples", NULL, NULL, NULL) ==
				 SQLITE_OK;

		sqlite3_close(db);
		_exit(ok ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static int64_t add_scan(struct survey *s, int64_t walk, int64_t t_us)
{
	struct meas_sample smp;
	struct meas_observation o;

	meas_init_sample(&smp);
	smp.walk_id = walk;
	smp.kind = SAMPLE_SCAN;
	smp.t_us = t_us;
	survey_test_observation(&o, 1);
	return survey_add_sample(s, &smp, &o, 1, NULL, NULL, NULL);
}

static int count_cb(void *arg, const struct meas_sample *sm, const struct meas_observation *obs,
		    size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	(void)sm, (void)obs, (void)nobs, (void)link, (void)tput;
	++*(int *)arg;
	return 0;
}

static void test_second_open_in_process_keeps_the_writers_samples(void **state)
{
	char *dir = survey_test_tmpdir();
	const char *path = survey_test_path(dir, "locks.notspot");
	char wal[4200];
	struct survey *writer, *viewer, *check;
	struct survey_floor_info *floors;
	struct survey_walk w = { 0 };
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey_query q = { 0 };
	struct stat st;
	size_t nfloors;
	int n = 0;

	(void)state;
	snprintf(wal, sizeof(wal), "%s-wal", path);
	assert_int_equal(survey_create(path, NULL, &writer, NULL), 0);
	assert_true(survey_add_floor(writer, fp, NULL) > 0);
	w.floor_id = fp->id;
	snprintf(w.mode, sizeof(w.mode), "continuous");
	w.id = survey_begin_walk(writer, &w, NULL);
	assert_true(w.id > 0);
	assert_true(add_scan(writer, w.id, 1000000) > 0);
	/* In WAL mode an open connection keeps a shared lock on the database file. */
	assert_true(holds_lock_on(path));

	/* The live view opens the same file, reads, and closes it again. */
	assert_int_equal(survey_open(path, SURVEY_READ_ONLY, &viewer, NULL), 0);
	assert_int_equal(survey_list_floors(viewer, &floors, &nfloors, NULL), 0);
	free(floors);
	assert_true(holds_lock_on(path));
	survey_close(viewer);
	assert_true(holds_lock_on(path)); /* the writer's lock, still there */

	/* Someone else looks at the file; the writer still holds it open. */
	other_process_opens_and_closes(path);
	assert_int_equal(stat(wal, &st), 0); /* the WAL was not taken from under the writer */

	assert_true(add_scan(writer, w.id, 2000000) > 0);
	survey_close(writer);

	assert_int_equal(survey_open(path, SURVEY_READ_ONLY, &check, NULL), 0);
	assert_int_equal(survey_foreach_sample(check, &q, count_cb, &n, NULL), 0);
	survey_close(check);
	assert_int_equal(n, 2);
	floorplan_free(fp);
	survey_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_second_open_in_process_keeps_the_writers_samples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
