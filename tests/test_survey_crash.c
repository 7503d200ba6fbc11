/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_survey_crash.c — nothing recorded is lost when the laptop dies.
 *
 * A child process records scan samples (40 observations each) as fast as it
 * can and writes each id survey_add_sample() returned into a pipe; the parent
 * kills it with SIGKILL after a random 2–100 ms (so kills land while opening,
 * mid-transaction, mid-commit and between samples), then opens the file as the
 * next recording would and checks that SQLite's integrity_check says "ok" and
 * that every reported sample is there with all 40 of its observations.
 * CRASH_SEED=N repeats a run.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "survey/csv.h"
#include "survey/store_private.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"
#include "util/clock.h"

#define KILLS 60
#define OBS_PER_SAMPLE 40

/* The child: record until killed. Never returns. */
static void record_forever(const char *path, int64_t walk_id, int fd, unsigned seed)
{
	struct meas_observation obs[OBS_PER_SAMPLE];
	struct meas_sample sm;
	struct survey *s;
	struct ns_err err;
	int64_t id;

	if (survey_open(path, SURVEY_READ_WRITE, &s, &err)) {
		id = -1;
		(void)!write(fd, &id, sizeof(id));
		_exit(1);
	}
	for (unsigned n = 0;; n++) {
		meas_init_sample(&sm);
		sm.walk_id = walk_id;
		sm.t_us = ns_wall_us();
		sm.mono_us = ns_mono_us();
		sm.placed = true;
		sm.x_m = (seed + n) % 40;
		sm.y_m = n % 11;
		for (int i = 0; i < OBS_PER_SAMPLE; i++)
			survey_test_observation(&obs[i], (int)((seed + n + (unsigned)i) % 300));
		id = survey_add_sample(s, &sm, obs, OBS_PER_SAMPLE, NULL, NULL, &err);
		if (id <= 0) {
			id = -2;
			(void)!write(fd, &id, sizeof(id));
			_exit(1);
		}
		/* 8 bytes < PIPE_BUF: the write is atomic, the parent never sees half an id. */
		if (write(fd, &id, sizeof(id)) != sizeof(id))
			_exit(1);
	}
}

static int64_t one_int(sqlite3 *db, const char *sql, int64_t arg)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, arg);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_sigkill_while_recording_loses_no_returned_sample(void **state)
{
	char *dir = survey_test_tmpdir();
	char path[4096];
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey_walk w;
	struct survey *s;
	struct ns_err err;
	int64_t walk_id, *ids = NULL;
	size_t nids = 0, cap = 0;
	unsigned seed = getenv("CRASH_SEED") ? (unsigned)atoi(getenv("CRASH_SEED"))
					     : (unsigned)time(NULL);
	int mid_kills = 0;
	int64_t t0 = ns_mono_us();

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/crash.notspot", dir);
	assert_int_equal(survey_create(path, NULL, &s, &err), 0);
	assert_true(survey_add_floor(s, fp, &err) > 0);
	floorplan_free(fp);
	memset(&w, 0, sizeof(w));
	w.floor_id = 1;
	snprintf(w.mode, sizeof(w.mode), "continuous");
	walk_id = survey_begin_walk(s, &w, &err);
	assert_true(walk_id > 0);
	survey_close(s);
	srand(seed);

	for (int k = 0; k < KILLS; k++) {
		int p[2], status;
		pid_t pid;
		int64_t id, before = (int64_t)nids;
		ssize_t got;

		assert_int_equal(pipe(p), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(p[0]);
			record_forever(path, walk_id, p[1], seed + (unsigned)k * 7919u);
		}
		close(p[1]);
		usleep(2000 + (useconds_t)(rand() % 98000));
		assert_int_equal(kill(pid, SIGKILL), 0);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		while ((got = read(p[0], &id, sizeof(id))) == sizeof(id)) {
			assert_true(id > 0); /* the child reports a failure as <= 0 */
			if (nids == cap) {
				int64_t *grown;

				cap = cap ? cap * 2 : 1024;
				grown = realloc(ids, cap * sizeof(*ids));
				assert_non_null(grown);
				ids = grown;
			}
			ids[nids++] = id;
		}
		assert_int_equal(got, 0);
		close(p[0]);
		if ((int64_t)nids > before)
			mid_kills++;

		/* What the next recording does: open read-write (recovering the WAL). */
		if (survey_open(path, SURVEY_READ_WRITE, &s, &err))
			fail_msg("after kill %d: %s", k + 1, err.msg);
		{
			sqlite3 *db = survey_sqlite(s);
			sqlite3_stmt *st;

			assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st,
							    NULL), SQLITE_OK);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
			sqlite3_finalize(st);
			for (size_t i = (size_t)before; i < nids; i++)
				assert_int_equal(one_int(db, "SELECT count(*) FROM observations "
							     "WHERE sample_id = ?", ids[i]),
						 OBS_PER_SAMPLE);
			/* At most the one sample in flight is in the file but unreported. */
			assert_true(one_int(db, "SELECT count(*) FROM samples WHERE ?1 = ?1", 0) -
					    (int64_t)nids <= 1 + k);
		}
		survey_close(s);
	}

	/* All of them, once more, at the end. */
	assert_int_equal(survey_open(path, SURVEY_READ_ONLY, &s, &err), 0);
	for (size_t i = 0; i < nids; i++)
		assert_int_equal(one_int(survey_sqlite(s), "SELECT count(*) FROM observations "
							    "WHERE sample_id = ?", ids[i]),
				 OBS_PER_SAMPLE);
	survey_close(s);
	print_message("crash: seed %u, %d SIGKILLs (%d while samples were flowing), %zu returned "
		      "samples verified with %d observations each, %.1f s\n",
		      seed, KILLS, mid_kills, nids, OBS_PER_SAMPLE,
		      (ns_mono_us() - t0) / 1e6);
	assert_true(nids > 0);
	free(ids);
	survey_test_rmdir(dir);
}


/* ---- an import killed half-way leaves all of it or none of it ------------------ */

#define IMPORT_KILLS 20
#define IMPORT_SAMPLES 200

static char *make_csv(size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	fprintf(f, "time_utc,x_m,y_m,bssid,signal_dbm,ssid\n");
	for (int i = 0; i < IMPORT_SAMPLES; i++)
		for (int k = 0; k < OBS_PER_SAMPLE; k++)
			fprintf(f, "2026-11-22T03:%02d:%02d.%06dZ,%d.5,3,02:00:00:00:%02x:%02x,-%d,ward-%d\n",
				i / 60, i % 60, i, i % 30, k, i % 256, 40 + k, k % 5);
	fclose(f);
	return buf;
}

static void import_forever(const char *path, const char *csv, size_t len, int fd)
{
	struct survey_csv_import_stats st;
	struct survey *s;
	struct ns_err err;
	int64_t id;

	if (survey_open(path, SURVEY_READ_WRITE, &s, &err))
		_exit(1);
	for (;;) {
		if (survey_csv_import(s, "Level 2", "crash.csv", csv, len, &st, NULL, &err))
			_exit(1);
		id = st.walk_id;
		if (write(fd, &id, sizeof(id)) != sizeof(id))
			_exit(1);
	}
}

static void test_sigkill_during_import_leaves_whole_walks_or_none(void **state)
{
	char *dir = survey_test_tmpdir();
	char path[4096];
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey *s;
	struct ns_err err;
	size_t len, reported = 0;
	char *csv = make_csv(&len);
	unsigned seed = getenv("CRASH_SEED") ? (unsigned)atoi(getenv("CRASH_SEED"))
					     : (unsigned)time(NULL);
	int64_t walks = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/import.notspot", dir);
	assert_int_equal(survey_create(path, NULL, &s, &err), 0);
	assert_true(survey_add_floor(s, fp, &err) > 0);
	floorplan_free(fp);
	survey_close(s);
	srand(seed);
	for (int k = 0; k < IMPORT_KILLS; k++) {
		int p[2], status;
		pid_t pid;
		int64_t id;

		assert_int_equal(pipe(p), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(p[0]);
			import_forever(path, csv, len, p[1]);
		}
		close(p[1]);
		usleep(5000 + (useconds_t)(rand() % 195000));
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		if (survey_open(path, SURVEY_READ_WRITE, &s, &err))
			fail_msg("after kill %d: %s", k + 1, err.msg);
		while (read(p[0], &id, sizeof(id)) == sizeof(id)) {
			assert_int_equal(one_int(survey_sqlite(s), "SELECT count(*) FROM samples "
								   "WHERE walk_id = ?", id),
					 IMPORT_SAMPLES);
			reported++;
		}
		close(p[0]);
		/* Every walk in the file is whole: no import left half done. */
		assert_int_equal(one_int(survey_sqlite(s),
					 "SELECT count(*) FROM walks w WHERE (SELECT count(*) FROM "
					 "samples WHERE walk_id = w.id) != ?", IMPORT_SAMPLES), 0);
		assert_int_equal(one_int(survey_sqlite(s),
					 "SELECT count(*) FROM samples s WHERE (SELECT count(*) FROM "
					 "observations WHERE sample_id = s.id) != ?", OBS_PER_SAMPLE), 0);
		walks = one_int(survey_sqlite(s), "SELECT count(*) FROM walks WHERE ?1 = ?1", 0);
		survey_close(s);
	}
	print_message("crash: seed %u, %d SIGKILLs during imports of %d samples x %d rows: "
		      "%lld whole walks in the file (%zu reported), none partial\n",
		      seed, IMPORT_KILLS, IMPORT_SAMPLES, OBS_PER_SAMPLE, (long long)walks, reported);
	assert_true(walks >= (int64_t)reported);
	free(csv);
	survey_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigkill_while_recording_loses_no_returned_sample),
		cmocka_unit_test(test_sigkill_during_import_leaves_whole_walks_or_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
