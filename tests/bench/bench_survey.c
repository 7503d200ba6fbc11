/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_survey.c — how fast the survey file records, and how big it grows.
 *
 * Records samples of 40 observations each, every one its own transaction with
 * synchronous=FULL (as a walk does), in the default temp dir ($TMPDIR or
 * /tmp), and prints samples per second, per-sample commit latency, and bytes
 * of file per 1000 samples (after the WAL is checkpointed on close).
 * It also times one read-only open of the result (the header and quick_check
 * every open runs). BENCH_SAMPLES=N changes the count. Asserts nothing about time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"
#include "util/clock.h"

#define OBS 40

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

int main(void)
{
	const char *tmpdir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	int n = getenv("BENCH_SAMPLES") ? atoi(getenv("BENCH_SAMPLES")) : 2000;
	struct meas_observation obs[OBS];
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey_walk w;
	struct meas_sample sm;
	struct survey *s;
	struct ns_err err;
	struct statfs sf;
	char dir[4096], path[4200];
	int64_t walk, t0, t1, *lat;
	long long empty, full;

	if (n < 100)
		n = 100;
	lat = calloc((size_t)n, sizeof(*lat));
	snprintf(dir, sizeof(dir), "%s/notspot-bench-XXXXXX", tmpdir);
	if (!lat || !fp || !mkdtemp(dir)) {
		fprintf(stderr, "bench_survey: cannot make a scratch directory in %s\n", tmpdir);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/bench.notspot", dir);
	if (survey_create(path, NULL, &s, &err) || survey_add_floor(s, fp, &err) < 0) {
		fprintf(stderr, "bench_survey: %s\n", err.msg);
		return 1;
	}
	memset(&w, 0, sizeof(w));
	w.floor_id = fp->id;
	walk = survey_begin_walk(s, &w, &err);
	survey_close(s);
	empty = file_size(path);
	if (survey_open(path, SURVEY_READ_WRITE, &s, &err)) {
		fprintf(stderr, "bench_survey: %s\n", err.msg);
		return 1;
	}

	t0 = ns_mono_us();
	for (int i = 0; i < n; i++) {
		int64_t a = ns_mono_us();

		meas_init_sample(&sm);
		sm.walk_id = walk;
		sm.t_us = ns_wall_us();
		sm.mono_us = a;
		sm.placed = true;
		sm.x_m = (i % 400) * 0.1;
		sm.y_m = (i / 400) * 0.5;
		sm.noise_dbm = -95;
		for (int k = 0; k < OBS; k++)
			survey_test_observation(&obs[k], (i + k) % 200);
		if (survey_add_sample(s, &sm, obs, OBS, NULL, NULL, &err) < 0) {
			fprintf(stderr, "bench_survey: %s\n", err.msg);
			return 1;
		}
		lat[i] = ns_mono_us() - a;
	}
	t1 = ns_mono_us();
	survey_close(s);
	full = file_size(path);
	qsort(lat, (size_t)n, sizeof(*lat), cmp_i64);

	printf("survey store, %d samples of %d observations, each its own transaction, "
	       "WAL + synchronous=FULL\n", n, OBS);
	printf("  temp dir:                 %s (filesystem magic 0x%lx)\n", tmpdir,
	       statfs(tmpdir, &sf) == 0 ? (unsigned long)sf.f_type : 0UL);
	printf("  samples per second:       %.0f\n", n / ((t1 - t0) / 1e6));
	printf("  observations per second:  %.0f\n", (double)n * OBS / ((t1 - t0) / 1e6));
	printf("  commit latency (ms):      median %.2f, p99 %.2f, max %.2f\n",
	       lat[n / 2] / 1e3, lat[n * 99 / 100] / 1e3, lat[n - 1] / 1e3);
	printf("  file bytes per 1000 samples: %.0f (%.1f per observation; empty survey %lld bytes, "
	       "after %d samples %lld bytes)\n",
	       (double)(full - empty) * 1000.0 / n, (double)(full - empty) / ((double)n * OBS), empty,
	       n, full);
	/* The same samples in one survey_batch_begin() transaction (simulations). */
	if (survey_open(path, SURVEY_READ_WRITE, &s, &err) == 0) {
		int nb = n < 2000 ? n : 2000;

		t0 = ns_mono_us();
		survey_batch_begin(s, &err);
		for (int i = 0; i < nb; i++) {
			meas_init_sample(&sm);
			sm.walk_id = walk;
			sm.t_us = ns_wall_us();
			sm.mono_us = ns_mono_us();
			for (int k = 0; k < OBS; k++)
				survey_test_observation(&obs[k], (i + k) % 200);
			survey_add_sample(s, &sm, obs, OBS, NULL, NULL, &err);
		}
		survey_batch_commit(s, &err);
		t1 = ns_mono_us();
		survey_close(s);
		printf("  in one batch (not a live walk): %.0f samples per second\n",
		       nb / ((t1 - t0) / 1e6));
	}

	/* What every open pays for its checks (header, quick_check) on this file. */
	t0 = ns_mono_us();
	if (survey_open(path, SURVEY_READ_ONLY, &s, &err) == 0)
		survey_close(s);
	t1 = ns_mono_us();
	printf("  open with checks:         %.1f ms for %.1f MB\n", (t1 - t0) / 1e3,
	       file_size(path) / 1e6);
	floorplan_free(fp);
	free(lat);
	unlink(path);
	rmdir(dir);
	return 0;
}
