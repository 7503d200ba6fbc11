/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* memmem */
/*
 * test_map_text.c — what `stats` and `diff` print, read as a user reads it:
 * never "nan" (a share of nothing is "n/a" in text, an empty cell in CSV,
 * null in JSON); a not-spot's "worst" is of the rule it fails, named; a
 * ward drawn inside another counts whole, and no ward exceeds the floor.
 *
 * A building is shown level by level: `render --overview` draws every level,
 * highest first; `stats` totals each building over its levels; `report`
 * has a section per level.
 *
 * Runs the notspot next to this test's build folder (build/notspot) on a
 * simulated survey of the example floor with one ward walked (Diagnostic
 * Imaging not surveyed), a bay drawn inside Ward 21 and a ward too small for
 * any cell of the map to lie in it; and on a building of two levels.
 */
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "survey/survey.h"
#include "tests/support/report_survey.h"

static char bin[4096];
static char dir[64], survey[128], tower[128];

/* The stdout of notspot with @args (a shell word list, quoted by the caller), malloc'd. */
static char *run(const char *args)
{
	char cmd[4096];
	size_t cap = 1 << 20, n = 0, r;
	char *buf = malloc(cap);
	FILE *p;

	assert_non_null(buf);
	snprintf(cmd, sizeof(cmd), "'%.3000s' %.900s 2>/dev/null", bin, args);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((r = fread(buf + n, 1, cap - 1 - n, p)) > 0)
		n += r;
	buf[n] = 0;
	if (pclose(p) != 0)
		fail_msg("notspot %s failed", args);
	return buf;
}

/* Whether @text holds "nan" as a word of its own ("nan%", "+nan", "-nan", "NaN"). */
static bool has_nan(const char *text)
{
	for (const char *p = text; *p; p++)
		if (strncasecmp(p, "nan", 3) == 0 && (p == text || !isalpha((unsigned char)p[-1])) &&
		    !isalpha((unsigned char)p[3]))
			return true;
	return false;
}

static void add_wards(void)
{
	struct fp_point bay[4] = { { 10.1, 2.1 }, { 20.1, 2.1 }, { 20.1, 8.1 }, { 10.1, 8.1 } };
	/* 10 cm square between cell centres (every 0.25 m from 0.125): no cell lies in it. */
	struct fp_point off[4] = { { 30.01, 30.01 }, { 30.11, 30.01 }, { 30.11, 30.11 },
				   { 30.01, 30.11 } };
	struct ns_err err = { 0 };
	struct floorplan *fp;
	struct survey *s;
	int64_t id;

	assert_int_equal(survey_open(survey, SURVEY_READ_WRITE, &s, &err), 0);
	assert_true((id = survey_find_floor(s, "Level 2", &err)) > 0);
	assert_int_equal(survey_load_floor(s, id, &fp, &err), 0);
	assert_int_equal(floorplan_add_ward(fp, "Bay inside Ward 21", bay, 4), 0);
	assert_int_equal(floorplan_add_ward(fp, "Too small for a cell", off, 4), 0);
	assert_int_equal(survey_update_floor(s, fp, &err), 0);
	floorplan_free(fp);
	survey_close(s);
}

/*
 * A building of two levels: the example floor walked (Level 2), and the same
 * drawing stored again as Level 3 of the same building and walked along
 * Ward 21's route with another seed.
 */
static int make_tower(void)
{
	char cmd[4096];
	struct ns_err err = { 0 };

	snprintf(tower, sizeof(tower), "%s/tower.notspot", dir);
	if (rs_make_survey(tower, NULL, 0, RS_WARD21, &err))
		return -1;
	snprintf(cmd, sizeof(cmd),
		 "'%.900s' floor add '%s' --name 'Level 3' --level 3"
		 " --sidecar floorplans/examples/hospital-level2.json >/dev/null &&"
		 " '%.900s' simulate '%s' --floor 'Level 3' --aps sim/examples/hospital-level2-aps.json"
		 " --route sim/examples/route-ward21-continuous.json --seed 4"
		 " --start 2026-11-21T08:00:00Z >/dev/null",
		 bin, tower, bin, tower);
	return system(cmd) == 0 ? 0 : -1;
}

static int setup(void **state)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	struct ns_err err = { 0 };

	(void)state;
	if (n <= 0)
		return -1;
	self[n] = 0;
	snprintf(bin, sizeof(bin), "%s/../notspot", dirname(self));
	if (access(bin, X_OK) != 0) {
		fprintf(stderr, "test_map_text: %s is not built (make tests builds it)\n", bin);
		return -1;
	}
	snprintf(dir, sizeof(dir), "/tmp/test_map_text.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(survey, sizeof(survey), "%s/w21.notspot", dir);
	if (rs_make_survey(survey, NULL, 0, RS_WARD21, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	add_wards();
	return make_tower();
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The row of @ward in stats' text table: "  NAME   area  surveyed ...". */
static void text_row(const char *text, const char *ward, double *area, double *sv)
{
	char want[96];
	const char *p;

	snprintf(want, sizeof(want), "\n  %s ", ward);
	p = strstr(text, want);
	if (!p)
		fail_msg("stats has no row for %s", ward);
	p += strlen(want);
	assert_int_equal(sscanf(p, "%lf %lf", area, sv), 2);
}

/* A share of nothing is "n/a", never "nan%"; a bay inside a ward counts whole. */
static void test_stats_text_says_na_never_nan(void **state)
{
	char args[256], *text;
	double area, sv, farea, fsv;

	(void)state;
	snprintf(args, sizeof(args), "stats '%s' --profile voice", survey);
	text = run(args);
	if (has_nan(text))
		fail_msg("stats printed nan:\n%s", text);
	assert_non_null(strstr(text, "n/a"));
	text_row(text, "(whole floor)", &farea, &fsv);
	text_row(text, "Bay inside Ward 21", &area, &sv);
	assert_float_equal(area, 60, 1);
	assert_true(sv <= area && sv <= fsv && area <= farea);
	text_row(text, "Too small for a cell", &area, &sv);
	assert_float_equal(area, 0, 0);
	free(text);
}

static void test_stats_csv_leaves_unknown_cells_empty(void **state)
{
	char args[256], *text;

	(void)state;
	snprintf(args, sizeof(args), "stats '%s' --profile voice --csv", survey);
	text = run(args);
	assert_false(has_nan(text));
	assert_non_null(strstr(text, "\"Too small for a cell\",0.0,0.0,,"));
	free(text);
}

/*
 * JSON: unknown figures are null; each not-spot says which rule it fails
 * most and gives that rule's worst value with its metric and unit (the
 * old "worst" was always the first rule's metric, primary).
 */
static void test_stats_json_names_the_rule_of_worst(void **state)
{
	char args[256], *text;
	json_t *root, *floors, *ns, *v;
	json_error_t jerr;
	size_t i, nsec = 0;

	(void)state;
	snprintf(args, sizeof(args), "stats '%s' --profile voice --json", survey);
	text = run(args);
	assert_false(has_nan(text));
	root = json_loads(text, 0, &jerr);
	assert_non_null(root);
	floors = json_object_get(root, "floors");
	ns = json_object_get(json_array_get(floors, 0), "notspots");
	assert_true(json_array_size(ns) > 0);
	json_array_foreach(ns, i, v) {
		const char *metric = json_string_value(json_object_get(v, "worst_metric"));
		const char *rule = json_string_value(json_object_get(v, "worst_rule"));

		assert_non_null(metric);
		assert_non_null(rule);
		assert_memory_equal(rule, metric, strlen(metric)); /* "secondary ≥ -67 dBm" */
		assert_non_null(json_object_get(v, "worst_unit"));
		nsec += strcmp(metric, "secondary") == 0;
	}
	assert_true(nsec > 0); /* voice on the example fails mostly by its second AP */
	json_decref(root);
	free(text);
}

/* diff: where nothing was compared the mean change is "n/a", never "+nan". */
static void test_diff_text_says_na_never_nan(void **state)
{
	char args[512], *text;

	(void)state;
	snprintf(args, sizeof(args), "diff '%s' '%s' --profile voice", survey, survey);
	text = run(args);
	if (has_nan(text))
		fail_msg("diff printed nan:\n%s", text);
	assert_non_null(strstr(text, "Diagnostic Imaging"));
	assert_non_null(strstr(text, "n/a"));
	free(text);
}

/* The PNG text chunk @key of the file at @path ("" when none), by brute search: keys are ASCII. */
static void png_chunk(const char *path, const char *key, char *out, size_t len)
{
	FILE *fh = fopen(path, "rb");
	static char data[1 << 22];
	size_t n;
	const char *p;

	out[0] = 0;
	assert_non_null(fh);
	n = fread(data, 1, sizeof(data) - 1, fh);
	fclose(fh);
	data[n] = 0;
	for (p = data; (p = memchr(p, 'i', n - (size_t)(p - data))); p++)
		if (strncmp(p, "iTXt", 4) == 0 && strcmp(p + 4, key) == 0) {
			const char *t = p + 4 + strlen(key) + 3;

			t += strlen(t) + 1;
			t += strlen(t) + 1;
			snprintf(out, len, "%s", t);
			return;
		}
}

/* Every level of a building on one sheet, highest first, one legend, its provenance. */
static void test_render_overview_draws_every_level_highest_first(void **state)
{
	char args[512], out[160], desc[4096], *text;
	const char *l3, *l2;

	(void)state;
	snprintf(out, sizeof(out), "%s/overview.png", dir);
	snprintf(args, sizeof(args), "render '%s' --overview --map pass --profile voice -o '%s'",
		 tower, out);
	text = run(args);
	free(text);
	png_chunk(out, "Description", desc, sizeof(desc));
	l3 = strstr(desc, "Level 3");
	l2 = strstr(desc, "Level 2");
	assert_non_null(l3);
	assert_non_null(l2);
	assert_true(l3 < l2);
	assert_non_null(strstr(desc, "building: "));
	assert_non_null(strstr(desc, "data: SIMULATED"));
	png_chunk(out, "Title", desc, sizeof(desc));
	assert_non_null(strstr(desc, "(all levels)"));
}

/* stats: per level and ward, then the building: its area and surveyed area are its levels'. */
static void test_stats_totals_each_building(void **state)
{
	char args[512], *csv, *p, name[128];
	double area, sv, sum_area = 0, sum_sv = 0, b_area = 0, b_sv = 0;

	(void)state;
	snprintf(args, sizeof(args), "stats '%s' --profile voice --csv", tower);
	csv = run(args);
	assert_true(strncmp(csv, "building,floor,ward,", 20) == 0);
	for (p = strchr(csv, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
		char floor[64], ward[64];

		if (sscanf(p + 1, "\"%127[^\"]\",\"%63[^\"]\",\"%63[^\"]\",%lf,%lf", name, floor,
			   ward, &area, &sv) != 5)
			continue;
		if (strcmp(ward, "(whole floor)") == 0) {
			sum_area += area;
			sum_sv += sv;
		} else if (strcmp(ward, "(whole building)") == 0) {
			assert_string_equal(floor, "(all levels)");
			b_area = area;
			b_sv = sv;
		}
	}
	assert_true(b_area > 0);
	assert_float_equal(b_area, sum_area, 0.15);
	assert_float_equal(b_sv, sum_sv, 0.15);
	free(csv);
	snprintf(args, sizeof(args), "stats '%s' --profile voice --building 'No such building'", tower);
	snprintf(args + strlen(args), sizeof(args) - strlen(args), " || echo refused");
	csv = run(args);
	assert_non_null(strstr(csv, "refused"));
	free(csv);
}

/* The report of a building: a section per level, its overview first, levels highest first. */
static void test_report_covers_the_building_level_by_level(void **state)
{
	char args[512], pdf[160], *text, *raw;
	const char *l3, *l2;
	size_t len = 0;
	FILE *fh;

	(void)state;
	snprintf(pdf, sizeof(pdf), "%s/tower.pdf", dir);
	snprintf(args, sizeof(args), "report '%s' --profile voice -o '%s'", tower, pdf);
	free(run(args));
	snprintf(args, sizeof(args), "-q -enc UTF-8 '%s' -", pdf);
	{
		char cmd[1024];
		FILE *p;
		size_t n = 0, r;

		text = malloc(1 << 21);
		assert_non_null(text);
		snprintf(cmd, sizeof(cmd), "pdftotext %s", args);
		p = popen(cmd, "r");
		assert_non_null(p);
		while ((r = fread(text + n, 1, (1 << 21) - 1 - n, p)) > 0)
			n += r;
		text[n] = 0;
		pclose(p);
	}
	/* The executive summary's headlines, highest level first, before the summary table. */
	l3 = strstr(text, "Level 3: ");
	l2 = strstr(text, "Level 2: ");
	assert_non_null(l3);
	assert_non_null(l2);
	assert_true(l3 < l2 && l2 < strstr(text, "Summary by ward"));
	/* The outline: a section of levels, each level a bookmark. */
	fh = fopen(pdf, "rb");
	assert_non_null(fh);
	raw = malloc(1 << 23);
	assert_non_null(raw);
	len = fread(raw, 1, (1 << 23) - 1, fh);
	fclose(fh);
	assert_non_null(memmem(raw, len, "/Title (Levels and wards)", 25));
	assert_non_null(memmem(raw, len, "/Title (Level 3)", 16));
	assert_non_null(memmem(raw, len, "/Title (Level 2)", 16));
	free(raw);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats_text_says_na_never_nan),
		cmocka_unit_test(test_stats_csv_leaves_unknown_cells_empty),
		cmocka_unit_test(test_stats_json_names_the_rule_of_worst),
		cmocka_unit_test(test_diff_text_says_na_never_nan),
		cmocka_unit_test(test_render_overview_draws_every_level_highest_first),
		cmocka_unit_test(test_stats_totals_each_building),
		cmocka_unit_test(test_report_covers_the_building_level_by_level),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
