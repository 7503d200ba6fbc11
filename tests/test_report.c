/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* memmem */
/*
 * test_report.c — the evidence report, read back as a reader would: the PDF's
 * text (pdftotext) holds the statistics computed here independently and the
 * profile's thresholds and sources; the page count follows the layout rule in
 * heatmap/report.h; simulated data are marked on every page; bad requests
 * get one sentence and leave no file behind.
 */
#include <cairo.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
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
	o.detail = true; /* every map of every ward: what the layout rule below counts */
	for (size_t i = 0; i < nwards; i++)
		o.wards[o.nwards++] = wards[i];
	o.date_us = 1795348800000000LL; /* 2026-11-22T12:00:00Z */
	if (hm_report_write_path(survey, &o, pdf, info, &err))
		fail_msg("report: %s", err.msg);
}

/*
 * The ward's numbers as the report must print them, computed here on their
 * own: the ward's cells on its floor's one map (so a ward never shows more
 * than the floor), and the floor's not-spots with at least 1 m² in it, by
 * their centre and the area of their part in the ward.
 */
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
	uint8_t *in;
	size_t nm;
	bool have;
	int wi;

	memset(t, 0, sizeof(*t));
	assert_int_equal(hm_profile_choose(profile, NULL, &p, &have, &err), 0);
	assert_int_equal(survey_open(survey, SURVEY_READ_ONLY, &s, &err), 0);
	assert_int_equal(hm_load_floor(s, NULL, &fp, &set, &err), 0);
	hm_map_opts_default(&mo);
	mo.profile = &p;
	assert_int_equal(hm_map_build(&set, fp, &mo, &m, &err), 0);
	wi = (int)(floorplan_find_ward(fp, ward) - fp->wards);
	assert_int_equal(hm_ward_stats_compute(&p, &m.grid, m.verdict, m.m, fp, wi, &m.notspots,
					       &t->st),
			 0);
	nm = hm_report_maps(&p, maps, 8);
	for (size_t k = 0; k < nm; k++)
		t->nmaps += m.m[maps[k]] != NULL;
	assert_int_equal(hm_ward_cells(fp, wi, &m.grid, &in), 0);
	for (size_t k = 0; k < m.notspots.n && t->nrows < 8; k++) {
		double part = 0;

		for (size_t c = 0; c < hm_grid_ncells(&m.grid); c++)
			part += in[c] && m.notspots.label[c] == (int32_t)k ? m.grid.cell_m * m.grid.cell_m : 0;
		if (part >= 1)
			snprintf(t->notspot_rows[t->nrows++], 64, "(%.1f, %.1f) %.1f",
				 m.notspots.v[k].centroid.x, m.notspots.v[k].centroid.y, part);
	}
	free(in);
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
	char *text, *layout, want[256];

	write_report(f->full, "voice", NULL, 0, f->pdf, &info);
	text = pdf_text(f->pdf);
	layout = pdf_layout_text(f->pdf);
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
			/* "(36.4, 35.1)" and the area on the row's first line, as laid out */
			char at[40], line[600];
			const char *p;
			double area;
			bool found = false;

			sscanf(t.notspot_rows[k], "%39[^)]) %lf", at, &area);
			strcat(at, ")");
			snprintf(want, sizeof(want), "%.1f", area);
			for (p = layout; (p = strstr(p, at)) && !found; p++) {
				const char *b = p, *e = strchr(p, '\n');

				while (b > layout && b[-1] != '\n')
					b--;
				snprintf(line, sizeof(line), "%.*s", (int)((e ? e : p + strlen(p)) - b), b);
				found = strstr(line, want) != NULL;
			}
			if (!found)
				fail_msg("%s: the not-spot at %s is not listed with %s m²", all_wards[i], at,
					 want);
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
	free(layout);
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
	o.detail = true;
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
	o.detail = true;
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


/* The whole file at @path, NUL-terminated; *@n its length. */
static char *slurp(const char *path, size_t *n)
{
	FILE *fh = fopen(path, "rb");
	char *buf;
	long len;

	assert_non_null(fh);
	assert_int_equal(fseek(fh, 0, SEEK_END), 0);
	len = ftell(fh);
	rewind(fh);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, fh), (size_t)len);
	buf[len] = 0;
	fclose(fh);
	*n = (size_t)len;
	return buf;
}

/*
 * The titles of the PDF's outline items (objects holding /Title and
 * /Parent), each as UTF-8 into @out (at most @cap): a literal string "(…)"
 * or a UTF-16BE hex string "<FEFF…>" as cairo writes non-ASCII titles.
 */
static size_t outline_titles(const char *pdf, size_t len, char out[][96], size_t cap)
{
	size_t n = 0;

	for (const char *p = pdf; n < cap && (p = memmem(p, len - (size_t)(p - pdf), "/Title ", 7));
	     p += 7) {
		const char *q = p + 7, *obj_end = memmem(q, len - (size_t)(q - pdf), "endobj", 6);
		char *o = out[n];

		if (!obj_end || !memmem(q, (size_t)(obj_end - q), "/Parent", 7))
			continue; /* the document information's title, not an outline item */
		if (*q == '(') {
			for (q++; *q && *q != ')' && o < out[n] + 95; q++)
				*o++ = *q == '\\' ? *++q : *q;
		} else if (q[0] == '<' && strncasecmp(q, "<FEFF", 5) == 0) {
			for (q += 5; isxdigit((unsigned char)q[0]) && o < out[n] + 90; q += 4) {
				unsigned u;

				if (sscanf(q, "%4x", &u) != 1)
					break;
				if (u < 0x80) {
					*o++ = (char)u;
				} else if (u < 0x800) {
					*o++ = (char)(0xc0 | u >> 6);
					*o++ = (char)(0x80 | (u & 0x3f));
				} else {
					*o++ = (char)(0xe0 | u >> 12);
					*o++ = (char)(0x80 | ((u >> 6) & 0x3f));
					*o++ = (char)(0x80 | (u & 0x3f));
				}
			}
		}
		*o = 0;
		n++;
	}
	return n;
}

static bool has_title(char titles[][96], size_t n, const char *want)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(titles[k], want) == 0)
			return true;
	return false;
}

/* What pdfinfo says about @pdf, as one string. */
static char *pdf_info(const char *pdf)
{
	char cmd[300];
	char *buf = calloc(1, 8192);
	size_t n = 0, r;
	FILE *p;

	assert_non_null(buf);
	snprintf(cmd, sizeof(cmd), "pdfinfo %s 2>&1", pdf);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((r = fread(buf + n, 1, 8191 - n, p)) > 0)
		n += r;
	assert_int_equal(pclose(p), 0);
	return buf;
}

/*
 * A bid writer's reader navigates by bookmarks: one per section and one per
 * ward, as the PDF's outline (the old report had none).
 */
static void test_report_outline_bookmarks_every_section_and_ward(void **state)
{
	static const char *const sections[] = { "Cover", "Executive summary", "Summary by ward",
						"What needs action", "Wards", "Method", "Appendix",
						"Access points heard", "Walks" };
	struct fx *f = *state;
	struct hm_report_info info;
	char titles[128][96], *pdf;
	size_t len, n;

	write_report(f->full, "voice", NULL, 0, f->pdf, &info);
	pdf = slurp(f->pdf, &len);
	n = outline_titles(pdf, len, titles, 128);
	assert_int_equal(n, info.bookmarks);
	for (size_t k = 0; k < sizeof(sections) / sizeof(sections[0]); k++)
		if (!has_title(titles, n, sections[k]))
			fail_msg("no bookmark \"%s\"", sections[k]);
	for (size_t k = 0; k < 5; k++)
		if (!has_title(titles, n, all_wards[k]))
			fail_msg("no bookmark for %s", all_wards[k]);
	assert_true(has_title(titles, n, "Level 2 — overview"));
	free(pdf);
}

/*
 * Filed by a document system and read aloud: title, author, subject and
 * keywords, the language (/Lang, by an incremental update cairo 1.16 cannot
 * write), and structure tags — and the file still reads (pdfinfo, pdftotext).
 */
static void test_report_has_metadata_language_and_tags(void **state)
{
	struct fx *f = *state;
	struct hm_report_info info;
	char *meta, *pdf, *lang;
	size_t len;

	write_report(f->full, "voice", NULL, 0, f->pdf, &info);
	meta = pdf_info(f->pdf);
	assert_non_null(strstr(meta, "Title:           Wi-Fi coverage evidence report"));
	assert_non_null(strstr(meta, "Author:"));
	assert_non_null(strstr(meta, "Subject:         Wi-Fi coverage against the voice profile"));
	assert_non_null(strstr(meta, "Keywords:        Wi-Fi, coverage, not-spots, voice"));
	assert_non_null(strstr(meta, "Tagged:          yes"));
	assert_null(strstr(meta, "Syntax Error"));
	free(meta);
	pdf = slurp(f->pdf, &len);
	lang = memmem(pdf, len, "/Lang (en-GB)", 13);
	assert_non_null(lang);
	/* In the newest catalog revision, which the last trailer's /Root names. */
	assert_non_null(memmem(lang, len - (size_t)(lang - pdf), "/Prev ", 6));
	assert_non_null(memmem(pdf, len, "/StructTreeRoot", 15));
	assert_non_null(memmem(pdf, len, "/MarkInfo << /Marked true >>", 28));
	free(pdf);
}

/* Printed on A4 nothing is smaller than 8 pt: the maps' legends neither (the old ones were ~4 pt). */
static void test_report_type_is_8_pt_or_more(void **state)
{
	struct fx *f = *state;
	struct hm_report_info info;

	write_report(f->full, "voice", NULL, 0, f->pdf, &info);
	print_message("smallest type: %.2f pt, in a legend %.2f pt\n", info.type_min,
		      info.legend_type_min);
	assert_true(info.legend_type_min >= 8 - 1e-6);
	assert_true(info.type_min >= 8 - 1e-6);
}

/*
 * A not-spot is reported by the rule it fails: the demo's ones fail
 * "secondary", and the report once called them "worst primary −58 dBm".
 */
static void test_report_names_the_rule_each_notspot_fails(void **state)
{
	struct fx *f = *state;
	struct hm_report_info info;
	char *text;

	write_report(f->full, "voice", NULL, 0, f->pdf, &info);
	text = pdf_text(f->pdf);
	assert_null(strstr(text, "worst primary"));
	assert_non_null(strstr(text, "fails secondary ≥ −67 dBm, worst −"));
	free(text);
}

/* The survey @path with wards added to its floor: @n names and boxes (x0, y0, x1, y1). */
static void add_wards(const char *path, const char *const *names, const double (*box)[4], size_t n)
{
	struct ns_err err = { 0 };
	struct floorplan *fp;
	struct survey *s;
	int64_t id;

	assert_int_equal(survey_open(path, SURVEY_READ_WRITE, &s, &err), 0);
	assert_true((id = survey_find_floor(s, "Level 2", &err)) > 0);
	assert_int_equal(survey_load_floor(s, id, &fp, &err), 0);
	for (size_t k = 0; k < n; k++) {
		struct fp_point sq[4] = { { box[k][0], box[k][1] }, { box[k][2], box[k][1] },
					  { box[k][2], box[k][3] }, { box[k][0], box[k][3] } };

		assert_int_equal(floorplan_add_ward(fp, names[k], sq, 4), 0);
	}
	assert_int_equal(survey_update_floor(s, fp, &err), 0);
	floorplan_free(fp);
	survey_close(s);
}

static void rm_survey(const char *path)
{
	char aux[200];

	unlink(path);
	for (int k = 0; k < 2; k++) {
		snprintf(aux, sizeof(aux), "%s-%s", path, k ? "shm" : "wal");
		unlink(aux);
	}
}

/*
 * A ward drawn inside another (a bay inside its ward) and one covering the
 * whole building: each counts every place inside its outline, and none
 * shows more area, or more surveyed area, than itself or the floor. (The
 * bay once read "0 (nan%)": the first ward took its cells.) No "nan"
 * anywhere, even for a ward nobody walked.
 */
static void test_report_wards_never_exceed_themselves_or_the_floor(void **state)
{
	static const char *const names[] = { "Bay inside Ward 21", "Whole building" };
	static const double boxes[][4] = { { 10.1, 2.1, 20.1, 8.1 }, { 0.1, 0.1, 79.9, 39.9 } };
	struct fx *f = *state;
	struct hm_report_info info;
	char path[160], want[160], *text, *p;
	double floor_sv = 0, floor_area = 0, sv, area;
	int nwards = 0;

	snprintf(path, sizeof(path), "%s/overlap.notspot", f->dir);
	if (rs_make_survey(path, NULL, 0, RS_WARD21, &(struct ns_err){ 0 }))
		fail_msg("survey");
	add_wards(path, names, boxes, 2);
	write_report(path, "voice", NULL, 0, f->pdf, &info);
	text = pdf_text(f->pdf);
	assert_null(strstr(text, "nan"));
	assert_int_equal(sscanf(strstr(text, "Level 2: "), "Level 2: %lf of %lf m² surveyed",
				&floor_sv, &floor_area),
			 2);
	for (p = text; (p = strstr(p, "Surveyed ")); p++) {
		if (sscanf(p, "Surveyed %lf m² of %lf m²", &sv, &area) != 2)
			continue;
		nwards++;
		assert_true(sv <= area + 1e-9);
		assert_true(area <= floor_area + 1e-9);
		assert_true(sv <= floor_sv + 1e-9);
	}
	/* Ward 21, the street, the core, the bay, the whole building: Ward 22 and
	 * imaging were never entered, so their pages say NOT SURVEYED instead. */
	assert_true(nwards >= 5);
	/* The bay counts all of its 10 × 6 m, though Ward 21 holds it too. */
	snprintf(want, sizeof(want), "Surveyed %.0f m² of 60 m²", 60.0);
	assert_non_null(strstr(text, want));
	free(text);
	rm_survey(path);
}

/* The trust's template: its logo, names, reference and classification on the pages. */
static void test_report_carries_the_trusts_template(void **state)
{
	struct fx *f = *state;
	struct hm_report_template tpl;
	struct hm_report_opts o;
	struct hm_report_info info;
	struct ns_err err = { 0 };
	char logo[160], json[1024], *meta, cmd[300];
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 120, 40);
	static const char w22[] = "Ward 22";

	snprintf(logo, sizeof(logo), "%s/logo.png", f->dir);
	assert_int_equal(cairo_surface_write_to_png(img, logo), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(img);
	snprintf(json, sizeof(json),
		 "{\"organisation\": \"Northfield NHS Trust\", \"logo\": \"logo.png\","
		 " \"author\": \"R. Author, Estates IT\", \"document_reference\": \"EST-WIFI-2026-014\","
		 " \"classification\": \"OFFICIAL\", \"language\": \"cy\","
		 " \"reviewer\": {\"name\": \"A. Reviewer\", \"role\": \"Head of Infrastructure\"}}");
	assert_int_equal(hm_report_template_parse(json, strlen(json), f->dir, &tpl, &err), 0);
	assert_non_null(tpl.logo);
	hm_report_opts_default(&o);
	o.profile = "voice";
	o.tpl = &tpl;
	o.wards[o.nwards++] = w22;
	o.date_us = 1795348800000000LL;
	assert_int_equal(hm_report_write_path(f->full, &o, f->pdf, &info, &err), 0);
	meta = pdf_info(f->pdf);
	assert_non_null(strstr(meta, "Author:          R. Author, Estates IT"));
	assert_non_null(strstr(meta, "EST-WIFI-2026-014"));
	free(meta);
	/* OFFICIAL at the top and bottom of every page; the reference and the sign-off block. */
	for (int pg = 1; pg <= info.pages; pg++) {
		snprintf(cmd, sizeof(cmd), "pdftotext -q -f %d -l %d %s - | grep -c OFFICIAL | grep -q '^[2-9]'",
			 pg, pg, f->pdf);
		if (system(cmd) != 0)
			fail_msg("page %d does not say OFFICIAL top and bottom", pg);
	}
	{
		char *cover = cover_text(f->pdf);

		assert_non_null(strstr(cover, "Northfield NHS Trust"));
		assert_non_null(strstr(cover, "EST-WIFI-2026-014"));
		assert_non_null(strstr(cover, "A. Reviewer"));
		assert_non_null(strstr(cover, "Head of Infrastructure"));
		assert_non_null(strstr(cover, "Signature"));
		free(cover);
	}
	{
		size_t len;
		char *pdf = slurp(f->pdf, &len);

		assert_non_null(memmem(pdf, len, "/Lang (cy)", 10));
		free(pdf);
	}
	hm_report_template_release(&tpl);
	unlink(logo);
}

/* A template's mistakes are one sentence naming the key. */
static void test_report_template_errors_name_the_key(void **state)
{
	static const struct {
		const char *json, *msg;
	} bad[] = {
		{ "{\"reviewer\": {\"name\": 7}}", "reviewer.name: must be a string, not a number" },
		{ "{\"colour\": \"blue\"}", "report template: unknown key 'colour'" },
		{ "{\"reviewer\": {\"role\": \"Head\"}}", "reviewer: \"name\" is missing" },
		{ "{\"logo\": \"no-such-logo.png\"}", "logo: " },
		{ "{\"language\": \"en GB\"}", "language: 'en GB' is not a language tag" },
		{ "[1]", "report template: must be an object" },
		{ "{\"classification\": \"\"}", "classification: " },
	};
	struct fx *f = *state;

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		struct hm_report_template t;
		struct ns_err err = { 0 };

		assert_int_not_equal(hm_report_template_parse(bad[k].json, strlen(bad[k].json), f->dir, &t,
							      &err),
				     0);
		if (!strstr(err.msg, bad[k].msg))
			fail_msg("\"%s\" said \"%s\", not \"%s\"", bad[k].json, err.msg, bad[k].msg);
		assert_null(strchr(err.msg, '\n'));
		assert_null(t.logo);
	}
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
		cmocka_unit_test(test_report_outline_bookmarks_every_section_and_ward),
		cmocka_unit_test(test_report_has_metadata_language_and_tags),
		cmocka_unit_test(test_report_type_is_8_pt_or_more),
		cmocka_unit_test(test_report_names_the_rule_each_notspot_fails),
		cmocka_unit_test(test_report_wards_never_exceed_themselves_or_the_floor),
		cmocka_unit_test(test_report_carries_the_trusts_template),
		cmocka_unit_test(test_report_template_errors_name_the_key),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
