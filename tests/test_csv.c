/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_csv.c — the long CSV format: exact bytes out (golden), a round trip
 * back in, RFC 4180 quoting, and an import that is all or nothing with the bad
 * row named by line, column and reason.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "survey/csv.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"

#define T0 "2025-11-22T03:25:04.123456Z"
#define T1 "2025-11-22T03:25:05.123456Z"
#define T2 "2025-11-22T03:25:06.000000Z"

static const char golden[] =
	SURVEY_CSV_HEADER "\n"
	T0 ",1,Level 2,3.125,4.75,scan,ok,,02:00:00:00:00:00,\"NHS, \"\"Staff\"\" ✓\",0,2412,1,20,"
	   "2412,-40,-95,0,0,wpa3-sae,AP-000,0,1\n"
	T0 ",1,Level 2,3.125,4.75,scan,ok,,aa:bb:cc:dd:ee:ff,,1,,,,,,,,,,,,0\n"
	T1 ",1,Level 2,,,scan,scan-failed,\"trigger failed: busy, retry\",,,,,,,,,-91.5,,,,,,\n"
	T1 ",1,Level 2,0.1,-2,link,not-associated,,,,,,,,,,,,,,,,\n"
	T2 ",1,Level 2,5,6,link,ok,,00:11:22:33:44:55,NHS-Clinical,0,5180,,,,-61,-93,,,,,,1\n";

struct fixture {
	char *dir;
	struct survey *s;   /* holds floor "Level 2" */
	int64_t floor_id;
};

static struct survey *new_survey(const char *dir, const char *name, int64_t *floor_id)
{
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey *s;
	struct ns_err err;

	assert_int_equal(survey_create(survey_test_path(dir, name), NULL, &s, &err), 0);
	*floor_id = survey_add_floor(s, fp, &err);
	assert_true(*floor_id > 0);
	floorplan_free(fp);
	return s;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->dir = survey_test_tmpdir();
	assert_non_null(f->dir);
	f->s = new_survey(f->dir, "a.notspot", &f->floor_id);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	survey_close(f->s);
	survey_test_rmdir(f->dir);
	free(f);
	return 0;
}

/* The samples the golden file shows. */
static void record_golden_samples(struct fixture *f)
{
	struct survey_walk w;
	struct meas_sample sm;
	struct meas_observation obs[2];
	struct meas_link link;
	int64_t walk;
	struct ns_err err;

	memset(&w, 0, sizeof(w));
	w.floor_id = f->floor_id;
	w.start_us = 1763781900000000;
	walk = survey_begin_walk(f->s, &w, &err);
	assert_int_equal(walk, 1);

	meas_init_sample(&sm);
	sm.walk_id = walk;
	sm.t_us = 1763781904123456;
	sm.placed = true;
	sm.x_m = 3.125;
	sm.y_m = 4.75;
	survey_test_observation(&obs[0], 0);
	snprintf(obs[0].ssid, sizeof(obs[0].ssid), "NHS, \"Staff\" ✓");
	meas_init_observation(&obs[1]);
	memcpy(obs[1].bssid, "\xaa\xbb\xcc\xdd\xee\xff", 6);
	obs[1].hidden = true;
	assert_true(survey_add_sample(f->s, &sm, obs, 2, NULL, NULL, &err) > 0);

	meas_init_sample(&sm);
	sm.walk_id = walk;
	sm.t_us = 1763781905123456;
	sm.status = SAMPLE_SCAN_FAILED;
	snprintf(sm.error, sizeof(sm.error), "trigger failed: busy, retry");
	sm.noise_dbm = -91.5;
	assert_true(survey_add_sample(f->s, &sm, NULL, 0, NULL, NULL, &err) > 0);

	meas_init_sample(&sm);
	sm.walk_id = walk;
	sm.t_us = 1763781905123456;
	sm.kind = SAMPLE_LINK;
	sm.status = SAMPLE_NOT_ASSOCIATED;
	sm.placed = true;
	sm.x_m = 0.1;
	sm.y_m = -2;
	assert_true(survey_add_sample(f->s, &sm, NULL, 0, NULL, NULL, &err) > 0);

	meas_init_sample(&sm);
	sm.walk_id = walk;
	sm.t_us = 1763781906000000;
	sm.kind = SAMPLE_LINK;
	sm.placed = true;
	sm.x_m = 5;
	sm.y_m = 6;
	meas_init_link(&link);
	memcpy(link.bssid, "\x00\x11\x22\x33\x44\x55", 6);
	snprintf(link.ssid, sizeof(link.ssid), "NHS-Clinical");
	link.freq_mhz = 5180;
	link.signal_dbm = -61;
	link.noise_dbm = -93;
	link.tx_bitrate_mbps = 866.7; /* JSON only */
	assert_true(survey_add_sample(f->s, &sm, NULL, 0, &link, NULL, &err) > 0);
}

static char *export_to_string(struct survey *s, int64_t floor_id)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct ns_err err;

	assert_non_null(out);
	assert_int_equal(survey_csv_export(s, floor_id, out, NULL, &err), 0);
	fclose(out);
	return buf;
}

static void test_export_writes_one_row_per_bssid_and_one_per_empty_sample(void **state)
{
	struct fixture *f = *state;
	char *csv;

	record_golden_samples(f);
	csv = export_to_string(f->s, 0);
	assert_string_equal(csv, golden);
	free(csv);
	csv = export_to_string(f->s, f->floor_id + 1); /* another floor: header only */
	assert_string_equal(csv, SURVEY_CSV_HEADER "\n");
	free(csv);
}


struct progress_log {
	int calls;
	int64_t done, total;
};

static void log_progress(void *arg, int64_t done, int64_t total)
{
	struct progress_log *l = arg;

	l->calls++;
	l->done = done;
	l->total = total;
}

static void test_export_and_import_end_their_progress_at_the_total(void **state)
{
	struct fixture *f = *state;
	struct progress_log l = { 0, 0, 0 };
	const struct survey_progress p = { log_progress, &l };
	char *buf = NULL;
	size_t len = 0;
	FILE *out;
	struct ns_err err;

	record_golden_samples(f);
	out = open_memstream(&buf, &len);
	assert_int_equal(survey_csv_export(f->s, 0, out, &p, &err), 0);
	fclose(out);
	assert_int_equal(l.calls, 1); /* fewer than 500 samples: only the end */
	assert_true(l.done == 4 && l.total == 4);
	memset(&l, 0, sizeof(l));
	assert_int_equal(survey_csv_import(f->s, "Level 2", NULL, buf, len, NULL, &p, &err), 0);
	assert_true(l.done == 6 && l.total == 6); /* lines: header and 5 rows */
	free(buf);
}

static void test_export_then_import_gives_the_same_rows(void **state)
{
	struct fixture *f = *state;
	struct survey_csv_import_stats st;
	struct survey *b;
	int64_t floor_b;
	char *csv, *again;
	struct ns_err err;

	record_golden_samples(f);
	csv = export_to_string(f->s, 0);
	b = new_survey(f->dir, "b.notspot", &floor_b);
	assert_int_equal(survey_csv_import(b, "Level 2", "a.csv", csv, strlen(csv), &st, NULL, &err), 0);
	assert_true(st.walk_id == 1);
	assert_int_equal(st.samples, 4);
	assert_int_equal(st.observations, 2);
	assert_true(st.first_us == 1763781904123456 && st.last_us == 1763781906000000);
	again = export_to_string(b, 0);
	assert_string_equal(again, csv);
	{
		struct survey_walk w;

		assert_int_equal(survey_get_walk(b, st.walk_id, &w, &err), 0);
		assert_string_equal(w.mode, "import");
		assert_string_equal(w.note, "imported from a.csv");
		assert_true(w.start_us == 1763781904123456 && w.end_us == 1763781906000000);
	}
	survey_close(b);
	free(csv);
	free(again);
}

static void assert_import_refused(struct fixture *f, const char *csv, const char *msg)
{
	struct survey_counts before, after;
	struct ns_err err;

	assert_int_equal(survey_count(f->s, 0, &before, &err), 0);
	assert_int_equal(survey_csv_import(f->s, "Level 2", NULL, csv, strlen(csv), NULL, NULL, &err),
			 -EINVAL);
	assert_string_equal(err.msg, msg);
	assert_int_equal(survey_count(f->s, 0, &after, &err), 0);
	assert_true(after.walks == before.walks);
	assert_true(after.samples == before.samples);
	assert_true(after.observations == before.observations);
}

#define MIN_HEADER "time_utc,x_m,y_m,bssid,signal_dbm,ssid\n"
#define MIN_HEADER_KIND "time_utc,x_m,y_m,kind,bssid,signal_dbm,ssid\n"
#define GOOD_ROWS                                         \
	T0 ",1,2,02:00:00:00:00:01,-50,a\n"                 \
	T0 ",1,2,02:00:00:00:00:02,-60,b\n"                 \
	T1 ",3,2,02:00:00:00:00:01,-70,a\n"


static void test_formula_like_text_is_guarded_for_spreadsheets_and_read_back_exactly(void **state)
{
	struct fixture *f = *state;
	static const char *const ssids[] = { "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)",
					     "'=quoted", "'plain", "\tTab", "ok=fine" };
	static const char *const written[] = { "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
					       "'+1", "'-2", "'@SUM(A1)", "''=quoted", "''plain",
					       "'\tTab", "ok=fine" };
	const size_t n = sizeof(ssids) / sizeof(ssids[0]);
	struct meas_observation obs[8];
	struct meas_sample sm;
	struct survey_walk w;
	struct survey *b;
	int64_t floor_b;
	char *csv, *again;
	struct ns_err err;

	memset(&w, 0, sizeof(w));
	w.floor_id = f->floor_id;
	w.start_us = 1;
	meas_init_sample(&sm);
	sm.walk_id = survey_begin_walk(f->s, &w, &err);
	sm.t_us = 1763781904123456;
	for (size_t i = 0; i < n; i++) {
		survey_test_observation(&obs[i], (int)i);
		snprintf(obs[i].ssid, sizeof(obs[i].ssid), "%s", ssids[i]);
	}
	assert_true(survey_add_sample(f->s, &sm, obs, n, NULL, NULL, &err) > 0);
	csv = export_to_string(f->s, 0);
	for (size_t i = 0; i < n; i++) {
		char needle[96];

		snprintf(needle, sizeof(needle), ",%s,0,", written[i]);
		if (!strstr(csv, needle))
			fail_msg("%s not written as %s in\n%s", ssids[i], written[i], csv);
	}
	b = new_survey(f->dir, "b.notspot", &floor_b);
	assert_int_equal(survey_csv_import(b, "Level 2", NULL, csv, strlen(csv), NULL, NULL, &err), 0);
	again = export_to_string(b, 0);
	assert_string_equal(again, csv);
	survey_close(b);
	free(csv);
	free(again);
}

static void test_a_bad_row_imports_nothing_and_names_line_column_and_reason(void **state)
{
	struct fixture *f = *state;

	assert_import_refused(f, MIN_HEADER GOOD_ROWS T1 ",3,2,02:00:00:00:00:02,abc,b\n",
			      "line 5, column 5 (signal_dbm): 'abc' is not a number");
	assert_import_refused(f, MIN_HEADER GOOD_ROWS T1 ",3,2,02:00:00:00:00:02,-500,b\n",
			      "line 5, column 5 (signal_dbm): '-500' is out of range (-150 to 30)");
	assert_import_refused(f, MIN_HEADER GOOD_ROWS T1 ",3,2,02:00:00:00:00:0z,-50,b\n",
			      "line 5, column 4 (bssid): '02:00:00:00:00:0z' is not a BSSID "
			      "(aa:bb:cc:dd:ee:ff)");
	assert_import_refused(f, MIN_HEADER GOOD_ROWS "yesterday,3,2,02:00:00:00:00:02,-50,b\n",
			      "line 5, column 1 (time_utc): 'yesterday' is not a UTC time "
			      "(2026-11-22T03:25:04.123456Z)");
	assert_import_refused(f, MIN_HEADER GOOD_ROWS T1 ",3,,02:00:00:00:00:02,-50,b\n",
			      "line 5, column 3 (y_m): '' is empty but the other coordinate is not");
	assert_import_refused(f, MIN_HEADER GOOD_ROWS T1 ",3,2,02:00:00:00:00:02,-50\n",
			      "line 5 has 5 fields; the header has 6");
	assert_import_refused(f, MIN_HEADER GOOD_ROWS T1
			      ",3,2,02:00:00:00:00:02,-50,\"0123456789012345678901234567890123\"\n",
			      "line 5, column 6 (ssid): '0123456789012345678901234567890123' is "
			      "longer than 32 bytes");
	assert_import_refused(f, MIN_HEADER GOOD_ROWS T1 ",inf,2,02:00:00:00:00:02,-50,b\n",
			      "line 5, column 2 (x_m): 'inf' is not a number");
	assert_import_refused(f, "time_utc,x_m,y_m,bssid,sigal_dbm\n",
			      "line 1, column 5: unknown column 'sigal_dbm'");
	/* A PNG passed as a CSV: its signature's bytes must not reach the terminal. */
	assert_import_refused(f, "\x89PNG\r\n\x1a\n",
			      "line 1, column 1: unknown column '?PNG'");
	assert_import_refused(f, "time_utc,x_m,y_m,bssid\n",
			      "line 1: the header has no 'signal_dbm' column");
	assert_import_refused(f, "time_utc,x_m,x_m,bssid,signal_dbm\n",
			      "line 1, column 3: column 'x_m' appears twice");
	assert_import_refused(f, MIN_HEADER, "the file holds a header but no samples");
	assert_import_refused(f, "", "the file is empty (no header line)");
}

static void test_quoting_follows_rfc_4180(void **state)
{
	struct fixture *f = *state;
	const char csv[] = "\xef\xbb\xbf" MIN_HEADER
			   T0 ",1,2,02:00:00:00:00:01,-50,\"a,\"\"b\"\"\r\nc\"\r\n"
			   "\r\n"
			   T0 ",1,2,02:00:00:00:00:02,-60,\"\"";
	struct survey_csv_import_stats st;
	struct survey_query q;
	char *out;
	struct ns_err err;

	assert_int_equal(survey_csv_import(f->s, "Level 2", NULL, csv, sizeof(csv) - 1, &st, NULL, &err),
			 0);
	assert_int_equal(st.samples, 1);
	assert_int_equal(st.observations, 2);
	memset(&q, 0, sizeof(q));
	out = export_to_string(f->s, 0);
	assert_non_null(strstr(out, ",\"a,\"\"b\"\"\r\nc\",")); /* quoted again on the way out */
	assert_non_null(strstr(out, "02:00:00:00:00:02,,0,"));
	free(out);

	assert_import_refused(f, MIN_HEADER T0 ",1,2,02:00:00:00:00:01,-50,\"open\n",
			      "line 2, column 6: a quoted field is not closed");
	assert_import_refused(f, MIN_HEADER T0 ",1,2,02:00:00:00:00:01,-50,\"a\"b\n",
			      "line 2, column 6: text after a closing quote");
	assert_import_refused(f, MIN_HEADER T0 ",1,2,02:00:00:00:00:01,-50,a\"b\n",
			      "line 2, column 6: a quote inside an unquoted field (quote the whole "
			      "field)");
	assert_import_refused(f, MIN_HEADER T0 ",1,2,02:00:00:00:00:01,-50,a\rb\n",
			      "line 2: a carriage return without a line feed");
	{
		const char nul[] = MIN_HEADER T0 ",1,2,02:00:00:00:00:01,-50,a\0b\n";
		struct ns_err e2;

		assert_int_equal(survey_csv_import(f->s, "Level 2", NULL, nul, sizeof(nul) - 1,
						   NULL, NULL, &e2), -EINVAL);
		assert_string_equal(e2.msg, "line 2, column 6: a NUL byte");
	}
	/* A line after a quoted newline is counted: the bad row is on line 4. */
	assert_import_refused(f, MIN_HEADER T0 ",1,2,02:00:00:00:00:01,-50,\"x\ny\"\n"
				  T0 ",1,2,02:00:00:00:00:01,-50,z,extra\n",
			      "line 4 has 7 fields; the header has 6");
}

struct grouped {
	size_t n;
	size_t nobs[8];
	size_t line[8];
	struct meas_sample sm[8];
};

static int group_cb(void *arg, const struct survey_csv_sample *cs)
{
	struct grouped *g = arg;

	if (g->n == 8)
		return -E2BIG;
	g->nobs[g->n] = cs->nobs;
	g->line[g->n] = cs->line;
	g->sm[g->n] = cs->sample;
	g->n++;
	return 0;
}

static void test_rows_with_the_same_time_and_place_form_one_sample(void **state)
{
	const char csv[] = MIN_HEADER
		T0 ",1,2,02:00:00:00:00:01,-50,a\n"
		T0 ",1,2,02:00:00:00:00:02,-60,b\n"
		T0 ",1.5,2,02:00:00:00:00:01,-55,a\n" /* moved: a new sample */
		T1 ",1.5,2,02:00:00:00:00:01,-56,a\n" /* later: a new sample */
		T1 ",,,,,\n";                         /* unplaced, nothing heard */
	struct grouped g;
	struct ns_err err;

	(void)state;
	memset(&g, 0, sizeof(g));
	assert_int_equal(survey_csv_parse(csv, sizeof(csv) - 1, group_cb, &g, &err), 0);
	assert_int_equal(g.n, 4);
	assert_int_equal(g.nobs[0], 2);
	assert_int_equal(g.line[0], 2);
	assert_int_equal(g.nobs[1], 1);
	assert_true(g.sm[1].x_m == 1.5 && g.sm[1].placed);
	assert_int_equal(g.nobs[2], 1);
	assert_int_equal(g.line[2], 5);
	assert_int_equal(g.nobs[3], 0);
	assert_false(g.sm[3].placed);
	assert_true(g.sm[3].t_us == 1763781905123456);
	assert_true(g.sm[3].kind == SAMPLE_SCAN && g.sm[3].status == SAMPLE_OK);
}

static void test_a_link_samples_row_is_its_link(void **state)
{
	struct fixture *f = *state;
	const char two[] = MIN_HEADER_KIND
		T0 ",1,2,link,02:00:00:00:00:01,-50,a\n"
		T0 ",1,2,link,02:00:00:00:00:02,-60,b\n";

	assert_import_refused(f, two, "line 3: a link sample has one BSSID row, not two");
}

static void test_import_into_a_missing_floor_is_refused(void **state)
{
	struct fixture *f = *state;
	const char csv[] = MIN_HEADER GOOD_ROWS;
	struct ns_err err;

	assert_int_equal(survey_csv_import(f->s, "Roof", NULL, csv, sizeof(csv) - 1, NULL, NULL, &err),
			 -ENOENT);
	assert_string_equal(err.msg, "there is no floor called 'Roof'");
}

static void test_too_long_a_field_is_refused_not_cut(void **state)
{
	struct fixture *f = *state;
	size_t n = SURVEY_CSV_MAX_FIELD + 10;
	char *csv = malloc(strlen(MIN_HEADER) + n + 64);
	char *p = csv;

	p += sprintf(p, MIN_HEADER T0 ",1,2,02:00:00:00:00:01,-50,");
	memset(p, 'x', n);
	strcpy(p + n, "\n");
	assert_import_refused(f, csv, "line 2, column 6: a field is longer than 1024 bytes");
	free(csv);
}


/* ---- the commands, run as a user would (./notspot, built by `make tests`) ---- */

/* Run @cmd through the shell; its stdout+stderr into @out. Returns the exit status. */
static int run(const char *cmd, char *out, size_t cap)
{
	FILE *p = popen(cmd, "r");
	size_t n;
	int st;

	assert_non_null(p);
	n = fread(out, 1, cap - 1, p);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_cli_import_and_export_round_trip_and_refuse_a_bad_row(void **state)
{
	struct fixture *f = *state;
	char cmd[8192], out[8192], csv_path[4200], bad_path[4200];
	const char *path;
	FILE *fp;

	if (access("./notspot", X_OK) != 0)
		skip();
	record_golden_samples(f);
	survey_close(f->s);
	f->s = NULL;
	path = survey_test_path(f->dir, "a.notspot");
	snprintf(cmd, sizeof(cmd), "./notspot export '%s' --csv 2>&1", path);
	assert_int_equal(run(cmd, out, sizeof(out)), 0);
	assert_string_equal(out, golden);

	/* The export into b.notspot's floor, then a bad file: refused, nothing added. */
	snprintf(csv_path, sizeof(csv_path), "%s", survey_test_path(f->dir, "golden.csv"));
	fp = fopen(csv_path, "w");
	assert_non_null(fp);
	fputs(golden, fp);
	fclose(fp);
	snprintf(bad_path, sizeof(bad_path), "%s", survey_test_path(f->dir, "bad.csv"));
	fp = fopen(bad_path, "w");
	assert_non_null(fp);
	fputs(MIN_HEADER GOOD_ROWS T1 ",3,2,02:00:00:00:00:02,-50,b,\n", fp);
	fclose(fp);
	{
		int64_t fid;
		struct survey *b = new_survey(f->dir, "b.notspot", &fid);

		survey_close(b);
	}
	path = survey_test_path(f->dir, "b.notspot");
	snprintf(cmd, sizeof(cmd), "./notspot import '%s' --floor 'Level 2' '%s' 2>&1", path,
		 bad_path);
	assert_int_equal(run(cmd, out, sizeof(out)), 1);
	snprintf(cmd, sizeof(cmd), "notspot: cannot import %s (nothing was imported): line 5 has 7 "
		 "fields; the header has 6\n", bad_path);
	assert_string_equal(out, cmd);
	path = survey_test_path(f->dir, "b.notspot");
	snprintf(cmd, sizeof(cmd), "./notspot import '%s' --floor 'Level 2' '%s' 2>&1", path,
		 csv_path);
	assert_int_equal(run(cmd, out, sizeof(out)), 0);
	snprintf(cmd, sizeof(cmd), "Imported 4 samples (2 observations) from %s into floor "
		 "'Level 2' as walk 1.\n", csv_path);
	assert_string_equal(out, cmd);
	path = survey_test_path(f->dir, "b.notspot");
	snprintf(cmd, sizeof(cmd), "./notspot export '%s' --csv 2>&1", path);
	assert_int_equal(run(cmd, out, sizeof(out)), 0);
	assert_string_equal(out, golden);

	/* Usage errors exit 2. */
	snprintf(cmd, sizeof(cmd), "./notspot import '%s' '%s' 2>&1", path, csv_path);
	assert_int_equal(run(cmd, out, sizeof(out)), 2);
	assert_non_null(strstr(out, "which floor? (--floor F)"));
	snprintf(cmd, sizeof(cmd), "./notspot export '%s' 2>&1", path);
	assert_int_equal(run(cmd, out, sizeof(out)), 2);
}

static void test_cli_new_and_info_describe_the_survey(void **state)
{
	struct fixture *f = *state;
	char cmd[8192], out[8192];
	const char *path;

	if (access("./notspot", X_OK) != 0)
		skip();
	path = survey_test_path(f->dir, "new.notspot");
	snprintf(cmd, sizeof(cmd), "./notspot new '%s' --site 'St Elsewhere' --surveyor 'A. N. Other' 2>&1",
		 path);
	assert_int_equal(run(cmd, out, sizeof(out)), 0);
	path = survey_test_path(f->dir, "new.notspot");
	snprintf(cmd, sizeof(cmd), "./notspot new '%s' 2>&1", path);
	assert_int_equal(run(cmd, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "already exists"));
	path = survey_test_path(f->dir, "new.notspot");
	snprintf(cmd, sizeof(cmd), "./notspot info '%s' --json 2>&1", path);
	assert_int_equal(run(cmd, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "\"site\": \"St Elsewhere\""));
	assert_non_null(strstr(out, "\"surveyor\": \"A. N. Other\""));
	{
		char version[32];

		snprintf(version, sizeof(version), "\"schema_version\": %d", SURVEY_SCHEMA_VERSION);
		assert_non_null(strstr(out, version));
	}
	assert_non_null(strstr(out, "\"samples\": 0"));

	record_golden_samples(f);
	path = survey_test_path(f->dir, "a.notspot");
	snprintf(cmd, sizeof(cmd), "./notspot info '%s' 2>&1", path);
	if (run(cmd, out, sizeof(out)) != 0)
		fail_msg("%s", out);
	assert_non_null(strstr(out, "  Level 2 (level 2, Tower block): 1 wards, 2 walls, 1 openings, 1 APs;"));
	assert_non_null(strstr(out, "1 walks, 4 samples (scan 2, link 2), 2 failed"));
	assert_non_null(strstr(out, "    walk 1: ?, 2025-11-22T03:25:00.000000Z to (open); "
				    "4 samples (scan 2, link 2), 2 failed\n"));
	assert_non_null(strstr(out, "Time span:     2025-11-22T03:25:04.123456Z to "
				    "2025-11-22T03:25:06.000000Z"));
	path = survey_test_path(f->dir, "golden.csv");
	snprintf(cmd, sizeof(cmd), "echo x > '%s'; ./notspot info '%s' 2>&1", path, path);
	assert_int_equal(run(cmd, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "is not a notspot survey (not an SQLite database)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_export_writes_one_row_per_bssid_and_one_per_empty_sample),
		T(test_export_then_import_gives_the_same_rows),
		T(test_export_and_import_end_their_progress_at_the_total),
		T(test_formula_like_text_is_guarded_for_spreadsheets_and_read_back_exactly),
		T(test_a_bad_row_imports_nothing_and_names_line_column_and_reason),
		T(test_quoting_follows_rfc_4180),
		cmocka_unit_test(test_rows_with_the_same_time_and_place_form_one_sample),
		T(test_a_link_samples_row_is_its_link),
		T(test_import_into_a_missing_floor_is_refused),
		T(test_too_long_a_field_is_refused_not_cut),
		T(test_cli_import_and_export_round_trip_and_refuse_a_bad_row),
		T(test_cli_new_and_info_describe_the_survey),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
