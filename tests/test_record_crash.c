/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_record_crash.c — `notspot record` itself, killed at any moment, loses
 * no sample it acknowledged.
 *
 * The command runs as it does on a walk — the sampler, the recorder, stdin
 * positions, --json — against the simulated radio (NOTSPOT_TEST_RADIO,
 * scanner/nl_sim.h: 40 BSSes, a scan every few ms, link polls at 100 Hz, a
 * channel survey every 50 ms). Each --json "sample" line is printed after its
 * sample is committed, so it is an acknowledgement. The test SIGKILLs the
 * process 50 times into one survey file — one kill in five 5–150 ms after
 * the start (while it starts and opens the file), the others 0–80 ms after
 * its first acknowledgement (mid-transaction, mid-commit, between samples) —
 * and
 * after each kill opens the file as the next recording would: SQLite's
 * integrity_check says "ok", and every acknowledged sample is there with its
 * kind, its status and all its observations, every acknowledged waypoint too.
 * CRASH_SEED=N repeats a run.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>

#include "measure/measure.h"
#include "survey/survey.h"
#include "tests/support/notspot_proc.h"
#include "tests/support/survey_fixtures.h"
#include "util/clock.h"

#define KILLS 50

struct ack {
	int64_t id;
	int kind, status;     /* a sample's; kind 0 for a waypoint */
	int nobs;             /* a scan's observations, -1 otherwise */
};

struct acks {
	struct ack *v;
	size_t n, cap;
};

static void add_ack(struct acks *a, struct ack k)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 1024;
		a->v = realloc(a->v, a->cap * sizeof(*a->v));
		assert_non_null(a->v);
	}
	a->v[a->n++] = k;
}

/* One whole --json line: a sample or a waypoint acknowledged. */
static void take_line(struct acks *a, const char *line)
{
	json_error_t jerr;
	json_t *o = json_loads(line, 0, &jerr);
	const char *type;
	struct ack k = { 0, 0, 0, -1 };

	if (!o)
		fail_msg("record printed a line that is not JSON: %.120s", line);
	type = json_string_value(json_object_get(o, "type"));
	k.id = json_integer_value(json_object_get(o, "id"));
	if (type && strcmp(type, "sample") == 0) {
		k.kind = meas_kind_parse(json_string_value(json_object_get(o, "kind")));
		k.status = meas_status_parse(json_string_value(json_object_get(o, "status")));
		assert_true(k.kind > 0 && k.status >= 0);
		if (k.kind == SAMPLE_SCAN)
			k.nobs = (int)json_array_size(json_object_get(o, "observations"));
		add_ack(a, k);
	} else if (type && strcmp(type, "waypoint") == 0) {
		add_ack(a, k);
	}
	json_decref(o);
}

/* Read @fd until @deadline (monotonic µs; 0: its end), handing over whole lines. */
static void read_acks(int fd, char *buf, size_t *len, size_t cap, int64_t deadline, struct acks *a)
{
	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		int64_t left = deadline ? (deadline - ns_mono_us()) / 1000 : -1;
		ssize_t got;
		char *nl;

		if (deadline && left <= 0)
			return;
		if (poll(&pfd, 1, deadline ? (int)left : -1) <= 0)
			continue;
		got = read(fd, buf + *len, cap - 1 - *len);
		if (got <= 0)
			return;
		*len += (size_t)got;
		buf[*len] = '\0';
		while ((nl = memchr(buf, '\n', *len))) {
			*nl = '\0';
			take_line(a, buf);
			*len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, *len);
		}
		assert_true(*len < cap - 1);
	}
}

static int64_t q_int(sqlite3 *db, const char *sql, int64_t arg, int col, int64_t *more)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, arg);
	if (sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, col);
		for (int i = 0; more && i < 3; i++)
			more[i] = sqlite3_column_int64(st, i + 1);
	}
	sqlite3_finalize(st);
	return v;
}

/* What the next recording finds: an intact file with every acknowledged row. */
static void check_file(const char *path, const struct acks *a, size_t from, int kill_no)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
		fail_msg("after kill %d: integrity_check says %s", kill_no, sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	for (size_t i = from; i < a->n; i++) {
		const struct ack *k = &a->v[i];
		int64_t more[3];

		if (k->kind == 0) {
			assert_int_equal(q_int(db, "SELECT count(*) FROM waypoints WHERE id = ?", k->id, 0,
					       NULL), 1);
			continue;
		}
		if (q_int(db, "SELECT kind, status, (SELECT count(*) FROM observations WHERE "
			      "sample_id = s.id), 0 FROM samples s WHERE id = ?", k->id, 0, more) != k->kind)
			fail_msg("after kill %d: acknowledged sample %lld is not in the file as kind %d",
				 kill_no, (long long)k->id, k->kind);
		assert_int_equal(more[0], k->status);
		if (k->nobs >= 0)
			assert_int_equal(more[1], k->nobs);
	}
	sqlite3_close(db);
}

static void test_sigkilled_record_keeps_every_acknowledged_sample(void **state)
{
	char *dir = survey_test_tmpdir(), path[512], buf[1 << 16];
	const char *argv[] = { "record", path, "--floor", "Level 2", "-i", "wlan0", "--link-hz", "100",
			       "--scan-interval", "0", "--survey-interval", "0.05", "--json", NULL };
	const char *env[] = { "NOTSPOT_TEST_RADIO=sim:bss=40,scan_ms=5", NULL };
	struct floorplan *fp = survey_test_floor("Level 2");
	unsigned seed = getenv("CRASH_SEED") ? (unsigned)atoi(getenv("CRASH_SEED")) : (unsigned)time(NULL);
	struct acks a = { 0 };
	struct survey *s;
	struct ns_err err;
	int64_t t0 = ns_mono_us();
	int mid = 0, scans = 0;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/crash.notspot", dir);
	assert_int_equal(survey_create(path, NULL, &s, &err), 0);
	assert_true(survey_add_floor(s, fp, &err) > 0);
	floorplan_free(fp);
	survey_close(s);
	srand(seed);
	for (int k = 0; k < KILLS; k++) {
		struct notspot_proc p;
		size_t before = a.n, len = 0;
		int64_t start = ns_mono_us();
		int st;

		assert_int_equal(notspot_start(&p, argv, env), 0);
		if (write(p.in, "1 1\n2 3\n", 8) != 8) /* two taps; more may wait in the pipe */
			fail_msg("cannot write positions");
		/* One kill in five lands while it starts and opens the file; the others
		 * while it records: 0-80 ms after its fourth acknowledgement (counted,
		 * not timed, so a slow machine, or a sanitizer build, kills as late). */
		if (k % 5 == 0) {
			read_acks(p.out, buf, &len, sizeof(buf), start + 5000 + rand() % 145000, &a);
		} else {
			while (a.n < before + 4 && ns_mono_us() < start + 10000000)
				read_acks(p.out, buf, &len, sizeof(buf), ns_mono_us() + 10000, &a);
			read_acks(p.out, buf, &len, sizeof(buf), ns_mono_us() + rand() % 80000, &a);
		}
		assert_int_equal(kill(p.pid, SIGKILL), 0);
		assert_int_equal(waitpid(p.pid, &st, 0), p.pid);
		assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
		read_acks(p.out, buf, &len, sizeof(buf), 0, &a); /* lines already in the pipe */
		close(p.in);
		close(p.out);
		close(p.err);
		if (a.n > before)
			mid++;
		for (size_t i = before; i < a.n; i++)
			scans += a.v[i].kind == SAMPLE_SCAN;
		check_file(path, &a, before, k + 1);
	}
	print_message("record crash: seed %u, %d SIGKILLs (%d after acknowledgements), %zu acknowledged "
		      "rows (%d scans of 40 BSSes) all in the file, integrity ok each time, %.1f s\n",
		      seed, KILLS, mid, a.n, scans, (ns_mono_us() - t0) / 1e6);
	assert_true(mid >= KILLS / 2);
	assert_true(a.n >= 3 * (size_t)KILLS);
	assert_true(scans > 0);
	free(a.v);
	survey_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigkilled_record_keeps_every_acknowledged_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
