/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_diff.c — before/after comparison on simulated surveys of the example
 * floor: a survey compared with itself changes nowhere; an access point added
 * in the deliberate not-spot (Ward 22, side rooms 5–8), walked along the same
 * route with the same seeds, shows as an improvement there and not elsewhere,
 * and the area passing grows; the drawing and its table are written.
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

#include "heatmap/diff.h"
#include "support/report_survey.h"

struct fx {
	char dir[64];
	char before[128], after[128];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct sim_ap extra;
	struct ns_err err = { 0 };

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_diff.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->before, sizeof(f->before), "%s/before.notspot", f->dir);
	snprintf(f->after, sizeof(f->after), "%s/after.notspot", f->dir);
	rs_side_room_ap(&extra);
	if (rs_make_survey(f->before, NULL, 0, RS_WARD22, &err) ||
	    rs_make_survey(f->after, &extra, 1, RS_WARD22, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static void rm_survey(const char *p)
{
	char q[160];

	unlink(p);
	snprintf(q, sizeof(q), "%s-wal", p);
	unlink(q);
	snprintf(q, sizeof(q), "%s-shm", p);
	unlink(q);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[160];

	rm_survey(f->before);
	rm_survey(f->after);
	snprintf(p, sizeof(p), "%s/delta.pdf", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/delta.png", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static const struct hm_diff_area *area(const struct hm_diff *d, const char *name)
{
	for (size_t k = 0; k < d->nareas; k++)
		if (strcmp(d->areas[k].before.name, name) == 0)
			return &d->areas[k];
	fail_msg("no area %s", name);
	return NULL;
}

/* Mean change over compared cells in the box; *n the cells. */
static double mean_in(const struct hm_diff *d, double x0, double y0, double x1, double y1,
		      size_t *n)
{
	const struct hm_grid *g = &d->before.grid;
	double sum = 0;

	*n = 0;
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			struct fp_point p = hm_grid_center(g, i, j);
			float v = d->delta[(size_t)j * (size_t)g->nx + (size_t)i];

			if (isnan(v) || p.x < x0 || p.x > x1 || p.y < y0 || p.y > y1)
				continue;
			sum += v;
			(*n)++;
		}
	return *n ? sum / (double)*n : NAN;
}

static void test_diff_of_a_survey_with_itself_is_zero_everywhere(void **state)
{
	struct fx *f = *state;
	struct hm_diff_opts o;
	struct hm_diff d;
	struct ns_err err = { 0 };
	size_t nc, compared = 0;

	hm_diff_opts_default(&o);
	o.profile = "voice";
	assert_int_equal(hm_diff_files(f->before, f->before, &o, NULL, &d, &err), 0);
	nc = hm_grid_ncells(&d.before.grid);
	for (size_t c = 0; c < nc; c++) {
		if (isnan(d.delta[c]))
			continue;
		assert_true(d.delta[c] == 0.0f);
		compared++;
	}
	assert_true(compared > 1000);
	assert_true(d.compared_m2 > 0);
	assert_true(d.better_m2 == 0 && d.worse_m2 == 0);
	assert_true(d.min_change == 0 && d.max_change == 0);
	for (size_t k = 0; k < d.nareas; k++) {
		const struct hm_diff_area *a = &d.areas[k];

		assert_true(a->before.pass_m2 == a->after.pass_m2);
		assert_true(a->before.surveyed_m2 == a->after.surveyed_m2);
		assert_true(a->pass_both_before_m2 == a->pass_both_after_m2);
		assert_int_equal(a->before.notspots, a->after.notspots);
		if (a->both_m2 > 0)
			assert_true(a->mean_change == 0);
	}
	hm_diff_release(&d);
}

static void test_diff_added_ap_in_side_rooms_improves_them_and_grows_the_passing_area(void **state)
{
	struct fx *f = *state;
	struct hm_diff_opts o;
	struct hm_diff d;
	struct ns_err err = { 0 };
	const struct hm_diff_area *w22, *img;
	double side, far;
	size_t nside, nfar;

	hm_diff_opts_default(&o);
	o.profile = "nhs-data";
	assert_int_equal(hm_diff_files(f->before, f->after, &o, NULL, &d, &err), 0);
	/* Side rooms 5–8 (x 28–44, y 30–40): the new AP stands in room 6. */
	side = mean_in(&d, 28, 30, 44, 40, &nside);
	/* Diagnostic Imaging (x ≥ 54): 20 m and more away, behind the core. */
	far = mean_in(&d, 56, 0, 80, 40, &nfar);
	print_message("side rooms: %+.1f dB over %zu cells; imaging: %+.1f dB over %zu cells\n", side,
		      nside, far, nfar);
	assert_true(nside > 200);
	assert_true(side >= 6.0);
	assert_true(nfar > 200);
	assert_true(fabs(far) < 1.5);
	assert_true(d.better_m2 > 60);
	assert_true(d.worse_m2 < 0.1 * d.better_m2);
	w22 = area(&d, "Ward 22");
	print_message("Ward 22 passing: %.0f m² (%.0f%%) -> %.0f m² (%.0f%%); not-spots %zu -> %zu\n",
		      w22->before.pass_m2, 100 * w22->before.pass_m2 / w22->before.surveyed_m2,
		      w22->after.pass_m2, 100 * w22->after.pass_m2 / w22->after.surveyed_m2,
		      w22->before.notspots, w22->after.notspots);
	assert_true(w22->after.pass_m2 > w22->before.pass_m2 + 50);
	assert_true(w22->pass_both_after_m2 > w22->pass_both_before_m2 + 50);
	assert_true(w22->after.notspot_m2 < w22->before.notspot_m2);
	assert_true(w22->mean_change > 1.0);
	img = area(&d, "Diagnostic Imaging");
	assert_true(fabs(img->after.pass_m2 - img->before.pass_m2) < 0.05 * img->before.surveyed_m2);
	hm_diff_release(&d);
}

static void test_diff_writes_pdf_with_the_ward_table_and_png(void **state)
{
	struct fx *f = *state;
	struct hm_diff_opts o;
	struct hm_diff d;
	struct ns_err err = { 0 };
	char pdf[160], png[160], cmd[400], text[8192] = "", want[160];
	const struct hm_diff_area *w22;
	FILE *p;
	size_t n;

	snprintf(pdf, sizeof(pdf), "%s/delta.pdf", f->dir);
	snprintf(png, sizeof(png), "%s/delta.png", f->dir);
	hm_diff_opts_default(&o);
	o.profile = "voice";
	assert_int_equal(hm_diff_files(f->before, f->after, &o, pdf, &d, &err), 0);
	assert_int_equal(hm_diff_render(&d, png, HM_FMT_PNG, 1200, &err), 0);
	assert_int_equal(access(png, R_OK), 0);
	snprintf(cmd, sizeof(cmd), "pdftotext -q %s -", pdf);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(text, 1, sizeof(text) - 1, p);
	text[n] = 0;
	pclose(p);
	assert_non_null(strstr(text, "before and after"));
	assert_non_null(strstr(text, "Ward 22"));
	assert_non_null(strstr(text, "Profile voice"));
	w22 = area(&d, "Ward 22");
	snprintf(want, sizeof(want), "%.0f (%.0f%%) → %.0f (%.0f%%)", w22->before.pass_m2,
		 100 * w22->before.pass_m2 / w22->before.surveyed_m2, w22->after.pass_m2,
		 100 * w22->after.pass_m2 / w22->after.surveyed_m2);
	assert_non_null(strstr(text, want));
	hm_diff_release(&d);
}

/* The iTXt chunk @key of the PNG at @path into @out ("" when it has none). */
static void png_text(const char *path, const char *key, char *out, size_t len)
{
	FILE *fh = fopen(path, "rb");
	unsigned char head[8], len4[4], type[4];
	static unsigned char data[1 << 16];

	out[0] = 0;
	assert_non_null(fh);
	assert_int_equal(fread(head, 1, 8, fh), 8);
	while (fread(len4, 1, 4, fh) == 4 && fread(type, 1, 4, fh) == 4) {
		size_t n = (size_t)len4[0] << 24 | (size_t)len4[1] << 16 | (size_t)len4[2] << 8 | len4[3];

		if (n > sizeof(data) || fread(data, 1, n, fh) != n || fseek(fh, 4, SEEK_CUR))
			break;
		/* iTXt: key NUL, compression flag, method, language NUL, translated key NUL, text */
		if (memcmp(type, "iTXt", 4) == 0 && strcmp((char *)data, key) == 0) {
			size_t k = strlen(key) + 3;

			k += strnlen((char *)data + k, n - k) + 1;
			k += strnlen((char *)data + k, n - k) + 1;
			snprintf(out, len, "%.*s", (int)(n - k), (char *)data + k);
		}
	}
	fclose(fh);
}

/*
 * Like every map, the difference map carries its provenance in the PNG's
 * text chunks and says SIMULATED DATA on the page when a survey was
 * simulated (it once had neither).
 */
static void test_diff_png_carries_provenance_and_says_simulated(void **state)
{
	struct fx *f = *state;
	struct hm_diff_opts o;
	struct hm_diff d;
	struct ns_err err = { 0 };
	char png[160], pdf[160], text[4096], cmd[400], page[8192] = "";
	FILE *p;
	size_t n;

	snprintf(png, sizeof(png), "%s/delta.png", f->dir);
	snprintf(pdf, sizeof(pdf), "%s/delta.pdf", f->dir);
	hm_diff_opts_default(&o);
	o.profile = "voice";
	assert_int_equal(hm_diff_files(f->before, f->after, &o, png, &d, &err), 0);
	assert_true(d.simulated);
	png_text(png, "Software", text, sizeof(text));
	assert_non_null(strstr(text, "notspot "));
	png_text(png, "Title", text, sizeof(text));
	assert_non_null(strstr(text, "SIMULATED DATA"));
	png_text(png, "Description", text, sizeof(text));
	assert_non_null(strstr(text, "before: before.notspot"));
	assert_non_null(strstr(text, "after: after.notspot"));
	assert_non_null(strstr(text, "profile: voice"));
	assert_non_null(strstr(text, "data: SIMULATED"));
	assert_int_equal(hm_diff_render(&d, pdf, HM_FMT_PDF, 0, &err), 0);
	snprintf(cmd, sizeof(cmd), "pdftotext -q %s -", pdf);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(page, 1, sizeof(page) - 1, p);
	page[n] = 0;
	pclose(p);
	assert_non_null(strstr(page, "SIMULATED DATA"));
	snprintf(cmd, sizeof(cmd), "pdfinfo %s | grep -q 'SIMULATED'", pdf);
	assert_int_equal(system(cmd), 0);
	hm_diff_release(&d);
}

static void test_diff_refuses_an_unknown_ward_with_a_sentence(void **state)
{
	struct fx *f = *state;
	struct hm_diff_opts o;
	struct hm_diff d;
	struct ns_err err = { 0 };

	hm_diff_opts_default(&o);
	o.ward = "Ward 99";
	assert_int_equal(hm_diff_files(f->before, f->after, &o, NULL, &d, &err), -ENOENT);
	assert_non_null(strstr(err.msg, "Ward 99"));
	hm_diff_release(&d);
	hm_diff_opts_default(&o);
	o.floor = "Level 9";
	assert_true(hm_diff_files(f->before, f->after, &o, NULL, &d, &err) < 0);
	assert_non_null(strstr(err.msg, "Level 9"));
	hm_diff_release(&d);
}

static void test_diff_of_one_ward_reports_that_ward_only(void **state)
{
	struct fx *f = *state;
	struct hm_diff_opts o;
	struct hm_diff d;
	struct ns_err err = { 0 };

	hm_diff_opts_default(&o);
	o.ward = "Ward 22";
	assert_int_equal(hm_diff_files(f->before, f->after, &o, NULL, &d, &err), 0);
	assert_int_equal(d.nareas, 1);
	assert_string_equal(d.areas[0].before.name, "Ward 22");
	assert_true(d.areas[0].after.pass_m2 > d.areas[0].before.pass_m2);
	hm_diff_release(&d);
}

static void test_diff_ap_count_rises_by_one_in_the_side_rooms(void **state)
{
	struct fx *f = *state;
	struct hm_diff_opts o;
	struct hm_diff d;
	struct ns_err err = { 0 };
	double side;
	size_t n;

	hm_diff_opts_default(&o);
	o.metric = HM_M_APS;
	o.profile = "rtls";
	assert_int_equal(hm_diff_files(f->before, f->after, &o, NULL, &d, &err), 0);
	assert_true(d.range == 3 && d.material == 1);
	assert_string_equal(hm_diff_unit(HM_M_APS), "APs");
	assert_string_equal(hm_diff_unit(HM_M_PRIMARY), "dB");
	/* Side rooms 6 and 7 (x 32–40, y 33–40): the new AP is heard well there. */
	side = mean_in(&d, 32, 33, 40, 40, &n);
	{
		const struct hm_grid *g = &d.before.grid;
		size_t up = 0;

		for (int j = 0; j < g->ny; j++)
			for (int i = 0; i < g->nx; i++) {
				struct fp_point p = hm_grid_center(g, i, j);
				float v = d.delta[(size_t)j * (size_t)g->nx + (size_t)i];

				up += !isnan(v) && p.x >= 32 && p.x <= 40 && p.y >= 33 && p.y <= 40 && v >= 1;
			}
		print_message("AP count in side rooms 6–7: %+.2f on average, +1 or more on %zu of %zu "
			      "cells\n", side, up, n);
		assert_true(n > 100);
		assert_true(up >= 9 * n / 10);
		/* One AP was added: more than that is other APs' noise around −75 dBm. */
		assert_true(side >= 0.9 && side < 1.6);
	}
	hm_diff_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_of_a_survey_with_itself_is_zero_everywhere),
		cmocka_unit_test(test_diff_added_ap_in_side_rooms_improves_them_and_grows_the_passing_area),
		cmocka_unit_test(test_diff_writes_pdf_with_the_ward_table_and_png),
		cmocka_unit_test(test_diff_png_carries_provenance_and_says_simulated),
		cmocka_unit_test(test_diff_refuses_an_unknown_ward_with_a_sentence),
		cmocka_unit_test(test_diff_of_one_ward_reports_that_ward_only),
		cmocka_unit_test(test_diff_ap_count_rises_by_one_in_the_side_rooms),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
