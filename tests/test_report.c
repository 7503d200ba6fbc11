/*
 * test_report.c — the evidence report, read back as a reader would: the PDF's
 * text (pdftotext) holds the statistics computed here independently and the
 * profile's thresholds and sources; the page count follows the layout rule in
 * heatmap/report.h; simulated data are marked on every page; bad requests
 * get one sentence and leave no file behind.
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
#include <unistd.h>
#include <cmocka.h>

#include "heatmap/load.h"
#include "heatmap/map.h"
#include "heatmap/report.h"
#include "support/report_survey.h"

struct fx {
	char dir[64];
	char full[128];      /* both example routes */
	char w21[128];       /* Ward 21's route only: Diagnostic Imaging unsurveyed */
	char pdf[128];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct ns_err err = { 0 };

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_report.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->full, sizeof(f->full), "%s/full.notspot", f->dir);
	snprintf(f->w21, sizeof(f->w21), "%s/w21.notspot", f->dir);
	snprintf(f->pdf, sizeof(f->pdf), "%s/report.pdf", f->dir);
	if (rs_make_survey(f->full, NULL, 0, RS_BOTH, &err) ||
	    rs_make_survey(f->w21, NULL, 0, RS_WARD21, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	const char *files[] = { f->full, f->w21 };
	char p[160];

	for (size_t i = 0; i < 2; i++) {
		unlink(files[i]);
		snprintf(p, sizeof(p), "%s-wal", files[i]);
		unlink(p);
		snprintf(p, sizeof(p), "%s-shm", files[i]);
		unlink(p);
	}
	unlink(f->pdf);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* The PDF's text with line breaks as spaces (wrapping is the layout's business). */
static char *pdf_text(const char *pdf)
{
	char cmd[300];
	size_t cap = 1 << 20, n = 0, r;
	char *buf = malloc(cap);
	FILE *p;

	assert_non_null(buf);
	snprintf(cmd, sizeof(cmd), "pdftotext -q -enc UTF-8 %s -", pdf);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((r = fread(buf + n, 1, cap - 1 - n, p)) > 0)
		n += r;
	buf[n] = 0;
	assert_int_equal(pclose(p), 0);
	for (char *c = buf; *c; c++)
		if (*c == '\n')
			*c = ' ';
	return buf;
}

static int pdf_pages(const char *pdf)
{
	char cmd[300], line[256];
	int pages = -1;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "pdfinfo %s", pdf);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p))
		if (strncmp(line, "Pages:", 6) == 0)
			pages = atoi(line + 6);
	pclose(p);
	return pages;
}

static void write_report(const char *survey, const char *profile, const char *const *wards,
			 size_t nwards, const char *pdf, struct hm_report_info *info)
{
	struct hm_report_opts o;
	struct ns_err err = { 0 };

	hm_report_opts_default(&o);
	o.profile = profile;
	for (size_t i = 0; i < nwards; i++)
		o.wards[o.nwards++] = wards[i];
	o.date_us = 1795348800000000LL; /* 2026-11-22T12:00:00Z */
	if (hm_report_write_path(survey, &o, pdf, info, &err))
		fail_msg("report: %s", err.msg);
}

/* The ward's numbers as the report must print them, computed here on their own. */
struct ward_truth {
	struct hm_area_stats st;
	size_t nmaps;           /* the profile's maps measured in this survey */
	char notspot_rows[8][64];
	size_t nrows;
};

static void ward_truth(const char *survey, const char *profile, const char *ward,
		       struct ward_truth *t)
{
	struct survey *s = NULL;
	struct floorplan *fp = NULL;
	struct hm_set set;
	struct hm_map m;
	struct hm_map_opts mo;
	struct hm_profile p;
	struct ns_err err = { 0 };
	enum hm_metric maps[8];
	size_t nm;
	bool have;
	int wi;

	memset(t, 0, sizeof(*t));
	assert_int_equal(hm_profile_choose(profile, NULL, &p, &have, &err), 0);
	assert_int_equal(survey_open(survey, SURVEY_READ_ONLY, &s, &err), 0);
	assert_int_equal(hm_load_floor(s, NULL, &fp, &set, &err), 0);
	hm_map_opts_default(&mo);
	mo.ward = ward;
	mo.profile = &p;
	assert_int_equal(hm_map_build(&set, fp, &mo, &m, &err), 0);
	wi = (int)(floorplan_find_ward(fp, ward) - fp->wards);
	hm_area_stats_compute(&p, &m.grid, m.verdict, m.m, m.ward_of, wi, &m.notspots, ward, &t->st);
	nm = hm_report_maps(&p, maps, 8);
	for (size_t k = 0; k < nm; k++)
		t->nmaps += m.m[maps[k]] != NULL;
	for (size_t k = 0; k < m.notspots.n && t->nrows < 8; k++)
		if (strcmp(m.notspots.v[k].ward, ward) == 0)
			snprintf(t->notspot_rows[t->nrows++], 64, "(%.1f, %.1f) %.1f",
				 m.notspots.v[k].centroid.x, m.notspots.v[k].centroid.y,
				 m.notspots.v[k].area_m2);
	hm_map_release(&m);
	hm_set_release(&set);
	floorplan_free(fp);
	survey_close(s);
}

static const char *const all_wards[] = { "Ward 21", "Ward 22", "Hospital street", "Core",
					 "Diagnostic Imaging" };

static void test_report_text_holds_the_computed_statistics_and_the_thresholds(void **state)
{
	struct fx *f = *state;
	struct hm_report_info info;
	char *text, want[256];

	write_report(f->full, "voice", NULL, 0, f->pdf, &info);
	text = pdf_text(f->pdf);
	for (size_t i = 0; i < 5; i++) {
		struct ward_truth t;

		ward_truth(f->full, "voice", all_wards[i], &t);
		snprintf(want, sizeof(want), "Surveyed %.0f m² of %.0f m² (%.0f%%). %.0f%% of the surveyed "
					     "area meets every rule of the voice profile",
			 t.st.surveyed_m2, t.st.area_m2, 100 * t.st.surveyed_m2 / t.st.area_m2,
			 100 * t.st.pass_m2 / t.st.surveyed_m2);
		if (!strstr(text, want))
			fail_msg("the report lacks \"%s\"", want);
		snprintf(want, sizeof(want), "%.0f (%.0f%%)", t.st.surveyed_m2,
			 100 * t.st.surveyed_m2 / t.st.area_m2);
		assert_non_null(strstr(text, want)); /* the summary table */
		snprintf(want, sizeof(want), "%zu / %.1f", t.st.notspots, t.st.notspot_m2);
		assert_non_null(strstr(text, want));
		for (size_t k = 0; k < t.nrows; k++) {
			/* "(36.4, 35.1)" then the area in the next cell */
			char at[40];
			double area;

			sscanf(t.notspot_rows[k], "%39[^)]) %lf", at, &area);
			strcat(at, ")");
			if (!strstr(text, at))
				fail_msg("the not-spot at %s is not listed", at);
			snprintf(want, sizeof(want), "%.1f", area);
			assert_non_null(strstr(strstr(text, at), want));
		}
	}
	/* The thresholds, with the typographic minus, and their sources. */
	assert_non_null(strstr(text, "primary ≥ −67 dBm"));
	assert_non_null(strstr(text, "secondary ≥ −67 dBm"));
	assert_non_null(strstr(text, "snr ≥ 25 dB"));
	assert_non_null(strstr(text, "cochannel ≤ −19 dB"));
	assert_non_null(strstr(text, "utilisation ≤ 50 %"));
	assert_non_null(strstr(text, "Cisco 7925G/8821"));
	/* Rules without samples are said to be unmeasured, not passed. */
	assert_non_null(strstr(text, "loss ≤ 1 %; jitter < 100 ms"));
	/* The cover: dates, equipment, software. */
	assert_non_null(strstr(text, "20 November 2026"));
	assert_non_null(strstr(text, "interface sim0, driver notspot-sim, chipset simulated 2x2 802.11ac"));
	assert_non_null(strstr(text, "notspot 0.1.0"));
	assert_non_null(strstr(text, "report dated 22 November 2026"));
	/* The appendix names the APs by what they broadcast. */
	assert_non_null(strstr(text, "L2-W22-AP02"));
	assert_non_null(strstr(text, "00:3a:7d:5c:06:"));
	free(text);
}

/* report.h: cover, summary, one overview per floor, per ward a findings page
 * and, if any of it was surveyed, a page per measured map; method; appendix. */
static int expected_pages(const char *survey, const char *profile, const char *const *wards,
			  size_t n)
{
	int pages = 1 + 1 + 1 + 1 + 1;

	for (size_t i = 0; i < n; i++) {
		struct ward_truth t;

		ward_truth(survey, profile, wards[i], &t);
		pages += 1 + (t.st.surveyed_m2 > 0 ? (int)t.nmaps : 0);
	}
	return pages;
}

static void test_report_page_count_follows_the_wards(void **state)
{
	struct fx *f = *state;
	struct hm_report_info info;
	static const char *const w22[] = { "Ward 22" };
	static const char *const w21_img[] = { "Ward 21", "Diagnostic Imaging" };

	/* Every ward, voice: 4 maps each (primary, secondary, SNR, co-channel). */
	write_report(f->full, "voice", NULL, 0, f->pdf, &info);
	assert_int_equal(expected_pages(f->full, "voice", all_wards, 5), 30);
	assert_int_equal(pdf_pages(f->pdf), 30);
	assert_int_equal(info.pages, 30);
	assert_int_equal(info.wards, 5);
	/* One ward, nhs-data: one map. */
	write_report(f->full, "nhs-data", w22, 1, f->pdf, &info);
	assert_int_equal(pdf_pages(f->pdf), expected_pages(f->full, "nhs-data", w22, 1));
	assert_int_equal(pdf_pages(f->pdf), 7);
	/* A ward nobody walked gets its findings page ("not surveyed") and no maps. */
	write_report(f->w21, "voice", w21_img, 2, f->pdf, &info);
	assert_int_equal(pdf_pages(f->pdf), expected_pages(f->w21, "voice", w21_img, 2));
	assert_int_equal(pdf_pages(f->pdf), 11);
	{
		char *text = pdf_text(f->pdf);

		assert_non_null(strstr(text, "NOT SURVEYED. No sample was taken within 5 m"));
		assert_non_null(strstr(text, "Diagnostic Imaging: not surveyed."));
		free(text);
	}
}

static void test_report_marks_every_page_of_a_simulated_survey(void **state)
{
	struct fx *f = *state;
	struct hm_report_info info;
	static const char *const w22[] = { "Ward 22" };
	char cmd[300], *buf;
	size_t n = 0, r, pages = 0;
	FILE *p;

	write_report(f->full, "rtls", w22, 1, f->pdf, &info);
	assert_true(info.simulated);
	buf = malloc(1 << 20);
	assert_non_null(buf);
	snprintf(cmd, sizeof(cmd), "pdftotext -q -enc UTF-8 %s -", f->pdf);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((r = fread(buf + n, 1, (1 << 20) - 1 - n, p)) > 0)
		n += r;
	buf[n] = 0;
	pclose(p);
	/* pdftotext ends every page with a form feed. */
	for (char *pg = buf, *ff; (ff = strchr(pg, '\f')); pg = ff + 1) {
		char want[32];

		*ff = 0;
		pages++;
		assert_non_null(strstr(pg, "SIMULATED DATA"));
		assert_non_null(strstr(pg, "notspot 0.1.0"));
		snprintf(want, sizeof(want), "Page %zu of %d", pages, info.pages);
		assert_non_null(strstr(pg, want));
	}
	assert_int_equal(pages, (size_t)info.pages);
	free(buf);
}

static void test_report_refuses_an_unknown_ward_and_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct hm_report_opts o;
	struct ns_err err = { 0 };

	unlink(f->pdf);
	hm_report_opts_default(&o);
	o.wards[o.nwards++] = "Ward 99";
	assert_int_equal(hm_report_write_path(f->full, &o, f->pdf, NULL, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "Ward 99"));
	assert_int_not_equal(access(f->pdf, F_OK), 0);
	hm_report_opts_default(&o);
	o.profile = "no-such-profile";
	assert_true(hm_report_write_path(f->full, &o, f->pdf, NULL, &err) < 0);
	assert_non_null(strstr(err.msg, "no-such-profile"));
	assert_int_not_equal(access(f->pdf, F_OK), 0);
}

static void test_report_maps_follow_the_profile(void **state)
{
	struct hm_profile p;
	enum hm_metric m[8];
	bool have;

	(void)state;
	assert_int_equal(hm_profile_choose("voice", NULL, &p, &have, NULL), 0);
	assert_int_equal(hm_report_maps(&p, m, 8), 4);
	assert_int_equal(m[0], HM_M_PRIMARY);
	assert_int_equal(m[1], HM_M_SECONDARY);
	assert_int_equal(m[2], HM_M_SNR);
	assert_int_equal(m[3], HM_M_COCHANNEL);
	assert_int_equal(hm_profile_choose("rtls", NULL, &p, &have, NULL), 0);
	assert_int_equal(hm_report_maps(&p, m, 8), 1);
	assert_int_equal(m[0], HM_M_APS);
	assert_int_equal(hm_profile_choose("medical-device", NULL, &p, &have, NULL), 0);
	assert_int_equal(hm_report_maps(&p, m, 8), 3);
	assert_int_equal(m[2], HM_M_RTT);
	/* A user profile: its rules' metrics, once each, in order. */
	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "theatres");
	p.rules[0].metric = HM_M_UTIL;
	p.rules[1].metric = HM_M_PRIMARY;
	p.rules[2].metric = HM_M_UTIL;
	p.nrules = 3;
	assert_int_equal(hm_report_maps(&p, m, 8), 2);
	assert_int_equal(m[0], HM_M_UTIL);
	assert_int_equal(m[1], HM_M_PRIMARY);
}

static void test_report_judges_by_a_user_profile_and_prints_its_numbers(void **state)
{
	struct fx *f = *state;
	struct hm_report_opts o;
	struct hm_report_info info;
	struct ns_err err = { 0 };
	char *text;

	hm_report_opts_default(&o);
	o.profile = "theatres";
	o.profile_file = "tests/golden/report/theatres-profile.json";
	o.wards[o.nwards++] = "Ward 21";
	assert_int_equal(hm_report_write_path(f->full, &o, f->pdf, &info, &err), 0);
	/* The user profile's maps: its rules' metrics (primary, AP count). */
	assert_int_equal(info.pages, 1 + 1 + 1 + 1 + 2 + 1 + 1);
	text = pdf_text(f->pdf);
	assert_non_null(strstr(text, "primary ≥ −62 dBm"));
	assert_non_null(strstr(text, "Trust estates standard ES-17"));
	assert_non_null(strstr(text, "profile theatres"));
	free(text);
}

/* A profile file that names its report maps gets those pages, not its rules' metrics. */
static void test_report_draws_the_maps_a_profile_file_names(void **state)
{
	struct fx *f = *state;
	struct hm_report_opts o;
	struct hm_report_info info;
	struct ns_err err = { 0 };
	char path[160], *text;
	FILE *fh;

	snprintf(path, sizeof(path), "%s/maps.json", f->dir);
	fh = fopen(path, "w");
	assert_non_null(fh);
	fputs("{\"profiles\": [{\"name\": \"theatres\", \"source\": \"ES-17\","
	      " \"rules\": [{\"metric\": \"primary\", \"min\": -62},"
	      " {\"metric\": \"aps\", \"min\": 2, \"level_dbm\": -70}],"
	      " \"report_maps\": [\"aps\"]}]}", fh);
	assert_int_equal(fclose(fh), 0);
	hm_report_opts_default(&o);
	o.profile_file = path;
	o.wards[o.nwards++] = "Ward 21";
	assert_int_equal(hm_report_write_path(f->full, &o, f->pdf, &info, &err), 0);
	unlink(path);
	/* cover, summary, overview, Ward 21's findings, its one map, method, appendix */
	assert_int_equal(info.pages, 1 + 1 + 1 + 1 + 1 + 1 + 1);
	text = pdf_text(f->pdf);
	assert_non_null(strstr(text, "Ward 21 — Access points heard (APs)"));
	assert_null(strstr(text, "Ward 21 — Primary"));
	free(text);
}

/* The cover's text of @pdf (page 1), line breaks as spaces. */
static char *cover_text(const char *pdf)
{
	char cmd[300];
	size_t cap = 1 << 20, n = 0, r;
	char *buf = malloc(cap);
	FILE *p;

	assert_non_null(buf);
	snprintf(cmd, sizeof(cmd), "pdftotext -q -f 1 -l 1 -enc UTF-8 %s -", pdf);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((r = fread(buf + n, 1, cap - 1 - n, p)) > 0)
		n += r;
	buf[n] = 0;
	assert_int_equal(pclose(p), 0);
	for (char *c = buf; *c; c++)
		if (*c == '\n')
			*c = ' ';
	return buf;
}

/*
 * A site with many wards of long names: the cover lists every one of them
 * (its list was once cut at 1 KB without a word, dropping the last wards).
 */
static void test_report_cover_lists_every_ward_however_many(void **state)
{
	struct fx *f = *state;
	struct ns_err err = { 0 };
	struct hm_report_info info;
	struct hm_report_opts o;
	struct floorplan *fp;
	struct survey *s;
	char path[160], name[64], *text;
	int64_t id;

	snprintf(path, sizeof(path), "%s/wards.notspot", f->dir);
	if (rs_make_survey(path, NULL, 0, RS_WARD21, &err))
		fail_msg("survey: %s", err.msg);
	assert_int_equal(survey_open(path, SURVEY_READ_WRITE, &s, &err), 0);
	assert_true((id = survey_find_floor(s, "Level 2", &err)) > 0);
	assert_int_equal(survey_load_floor(s, id, &fp, &err), 0);
	for (int k = 0; k < 20; k++) {
		struct fp_point sq[4] = { { 2 + 2 * k, 1 }, { 3 + 2 * k, 1 }, { 3 + 2 * k, 2 },
					  { 2 + 2 * k, 2 } };

		snprintf(name, sizeof(name), "Store room %02d of the east wing plant corridor", k);
		assert_int_equal(floorplan_add_ward(fp, name, sq, 4), 0);
	}
	assert_int_equal(survey_update_floor(s, fp, &err), 0);
	floorplan_free(fp);
	survey_close(s);
	hm_report_opts_default(&o);
	o.profile = "nhs-data";
	o.date_us = 1795348800000000LL;
	assert_int_equal(hm_report_write_path(path, &o, f->pdf, &info, &err), 0);
	assert_int_equal(info.wards, 25);
	text = cover_text(f->pdf);
	for (int k = 0; k < 20; k++) {
		snprintf(name, sizeof(name), "Store room %02d of the east wing plant corridor (1 m²)", k);
		if (!strstr(text, name))
			fail_msg("the cover does not list \"%s\"", name);
	}
	assert_null(strstr(text, "not shown"));
	free(text);
	unlink(path);
	for (int k = 0; k < 2; k++) {
		char aux[180];

		snprintf(aux, sizeof(aux), "%s-%s", path, k ? "shm" : "wal");
		unlink(aux);
	}
}

/* The text of @pdf as `pdftotext -layout` gives it (columns kept, so word gaps matter). */
static char *pdf_layout_text(const char *pdf)
{
	char cmd[300];
	size_t cap = 1 << 21, n = 0, r;
	char *buf = malloc(cap);
	FILE *p;

	assert_non_null(buf);
	snprintf(cmd, sizeof(cmd), "pdftotext -q -layout -enc UTF-8 %s -", pdf);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((r = fread(buf + n, 1, cap - 1 - n, p)) > 0)
		n += r;
	buf[n] = 0;
	assert_int_equal(pclose(p), 0);
	return buf;
}

/*
 * Text extracts as words: no known word comes out split by a space ("sam
 * ples", "m odel"), which glyph positions rounded to whole units of a
 * scaled map once caused.
 */
static void test_report_text_extracts_as_whole_words(void **state)
{
	static const char *const words[] = { "samples", "model", "method", "cells", "Surveyed",
					     "measurements", "primary", "secondary", "utilisation",
					     "cochannel", "Requirements", "surveyed", "Passing",
					     "not-spot", "voice", "simulated" };
	struct fx *f = *state;
	struct hm_report_info info;
	char *text;

	write_report(f->full, "voice", NULL, 0, f->pdf, &info);
	text = pdf_layout_text(f->pdf);
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t n = strlen(words[w]);

		assert_non_null(strstr(text, words[w]));
		for (size_t cut = 1; cut < n; cut++) {
			char split[64];

			snprintf(split, sizeof(split), "%.*s %s", (int)cut, words[w], words[w] + cut);
			if (strstr(text, split))
				fail_msg("\"%s\" extracts split as \"%s\"", words[w], split);
		}
	}
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_maps_follow_the_profile),
		cmocka_unit_test(test_report_text_holds_the_computed_statistics_and_the_thresholds),
		cmocka_unit_test(test_report_page_count_follows_the_wards),
		cmocka_unit_test(test_report_marks_every_page_of_a_simulated_survey),
		cmocka_unit_test(test_report_refuses_an_unknown_ward_and_writes_nothing),
		cmocka_unit_test(test_report_judges_by_a_user_profile_and_prints_its_numbers),
		cmocka_unit_test(test_report_draws_the_maps_a_profile_file_names),
		cmocka_unit_test(test_report_cover_lists_every_ward_however_many),
		cmocka_unit_test(test_report_text_extracts_as_whole_words),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
