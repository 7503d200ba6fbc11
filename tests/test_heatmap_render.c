/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heatmap_render.c — maps as pictures: reference images per map type
 * (compared with a tolerance: fonts and cairo versions move a few pixels),
 * provenance in the PNG's text chunks, PDF and SVG output, and the grid
 * exports read back.
 *
 * Set HM_UPDATE_GOLDEN=1 to rewrite the reference images after a deliberate
 * change (then look at them before committing).
 */
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <png.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "heatmap/export.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "tests/support/heatmap_world.h"

static const struct fp_point walk[] = { { 1, 10 }, { 29, 10 }, { 20.5, 10 }, { 20.5, 16 },
					{ 2, 16 },  { 2, 18 },  { 28, 18 } };

struct fix {
	struct floorplan *fp;
	struct hm_set set;
	struct hm_map m;
	struct hm_profile p;
	char dir[64];
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct hmw_ap aps[8];
	size_t na = hmw_aps_default(aps, 8);
	struct hm_map_opts o;
	uint64_t rng = 3;

	f->fp = hmw_floor();
	hm_set_init(&f->set);
	hmw_walk(&f->set, f->fp, aps, na, walk, 7, 1.0, 3, 1, &rng);
	hm_set_finish(&f->set, NULL);
	hm_profile_builtin("voice", &f->p, NULL);
	hm_map_opts_default(&o);
	o.profile = &f->p;
	o.est.threads = 1;
	assert_int_equal(hm_map_build(&f->set, f->fp, &o, &f->m, NULL), 0);
	snprintf(f->dir, sizeof(f->dir), "/tmp/nsrenderXXXXXX");
	assert_non_null(mkdtemp(f->dir));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	char cmd[128];

	hm_map_release(&f->m);
	hm_set_release(&f->set);
	floorplan_free(f->fp);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* Share of pixels differing by more than 24 in some channel; 1 if sizes differ. */
static double diff(const char *a, const char *b)
{
	cairo_surface_t *x = cairo_image_surface_create_from_png(a);
	cairo_surface_t *y = cairo_image_surface_create_from_png(b);
	double bad = 0, n;
	int w, h;

	if (cairo_surface_status(x) || cairo_surface_status(y) ||
	    cairo_image_surface_get_width(x) != cairo_image_surface_get_width(y) ||
	    cairo_image_surface_get_height(x) != cairo_image_surface_get_height(y)) {
		cairo_surface_destroy(x);
		cairo_surface_destroy(y);
		return 1;
	}
	w = cairo_image_surface_get_width(x);
	h = cairo_image_surface_get_height(x);
	n = (double)w * h;
	for (int j = 0; j < h; j++) {
		const uint32_t *p = (const uint32_t *)(const void *)(cairo_image_surface_get_data(x) +
								    (size_t)j * cairo_image_surface_get_stride(x));
		const uint32_t *q = (const uint32_t *)(const void *)(cairo_image_surface_get_data(y) +
								    (size_t)j * cairo_image_surface_get_stride(y));

		for (int i = 0; i < w; i++)
			for (int s = 0; s < 24; s += 8)
				if (abs((int)((p[i] >> s) & 0xff) - (int)((q[i] >> s) & 0xff)) > 24) {
					bad++;
					break;
				}
	}
	cairo_surface_destroy(x);
	cairo_surface_destroy(y);
	return bad / n;
}

static void test_render_each_map_type_matches_its_reference_image(void **state)
{
	struct fix *f = *state;
	static const char *const maps[] = { "primary", "secondary", "snr",	  "aps",
					     "cochannel", "utilisation", "pass" };
	struct hm_render_opts ro;

	for (size_t k = 0; k < sizeof(maps) / sizeof(maps[0]); k++) {
		char out[128], ref[128];

		hm_render_opts_default(&ro);
		ro.metric = strcmp(maps[k], "pass") == 0 ? -1 : hm_metric_parse(maps[k]);
		ro.width_px = 900;
		ro.set = &f->set;
		ro.show_aps = true;
		ro.show_path = true;
		ro.site = "Test Hospital";
		snprintf(out, sizeof(out), "%s/%s.png", f->dir, maps[k]);
		snprintf(ref, sizeof(ref), "tests/golden/heatmap/%s.png", maps[k]);
		assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
		if (getenv("HM_UPDATE_GOLDEN")) {
			char cmd[300];

			snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", out, ref);
			assert_int_equal(system(cmd), 0);
		}
		double d = diff(out, ref);

		if (d > 0.005)
			print_message("%s differs from %s in %.2f%% of pixels\n", out, ref, 100 * d);
		assert_true(d <= 0.005);
	}
}

static void test_render_png_carries_provenance_in_text_chunks(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	char out[128];
	png_structp png;
	png_infop info;
	png_textp text;
	int ntext = 0;
	volatile bool software = false, described = false;
	FILE *fh;

	hm_render_opts_default(&ro);
	ro.width_px = 600;
	ro.site = "Test Hospital";
	snprintf(out, sizeof(out), "%s/p.png", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
	fh = fopen(out, "rb");
	assert_non_null(fh);
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png_create_info_struct(png);
	assert_int_equal(setjmp(png_jmpbuf(png)), 0);
	png_init_io(png, fh);
	png_read_info(png, info);
	png_get_text(png, info, &text, &ntext);
	for (int k = 0; k < ntext; k++) {
		if (strcmp(text[k].key, "Software") == 0 && strstr(text[k].text, "notspot"))
			software = true;
		if (strcmp(text[k].key, "Description") == 0 && strstr(text[k].text, "site: Test Hospital") &&
		    strstr(text[k].text, "profile: voice") && strstr(text[k].text, "floor: Level 2") &&
		    strstr(text[k].text, "samples: "))
			described = true;
	}
	png_destroy_read_struct(&png, &info, NULL);
	fclose(fh);
	assert_true(software);
	assert_true(described);
}

static void test_render_pdf_and_svg_are_written(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	char out[128], head[8] = { 0 };
	FILE *fh;

	hm_render_opts_default(&ro);
	snprintf(out, sizeof(out), "%s/m.pdf", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PDF, NULL), 0);
	fh = fopen(out, "rb");
	assert_non_null(fh);
	assert_int_equal(fread(head, 1, 5, fh), 5);
	fclose(fh);
	assert_memory_equal(head, "%PDF-", 5);
	snprintf(out, sizeof(out), "%s/m.svg", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_SVG, NULL), 0);
	assert_int_equal(access(out, R_OK), 0);
	assert_int_equal(hm_format_of_path("x.PNG"), HM_FMT_PNG);
	assert_int_equal(hm_format_of_path("x.jpg"), -EINVAL);
}

static void test_render_grid_exports_read_back(void **state)
{
	struct fix *f = *state;
	char out[128], line[256];
	unsigned char h[HM_F32_HEADER];
	uint32_t nx, ny;
	double x0, cell;
	FILE *fh;
	int i, j;

	/* f32: header, then the value of the cell at (12, 10). */
	snprintf(out, sizeof(out), "%s/g.f32", f->dir);
	assert_int_equal(hm_export_grid(&f->m, HM_M_PRIMARY, out, NULL, NULL), 0);
	fh = fopen(out, "rb");
	assert_non_null(fh);
	assert_int_equal(fread(h, 1, sizeof(h), fh), sizeof(h));
	assert_memory_equal(h, "NSGRID1", 8);
	memcpy(&nx, h + 8, 4);
	memcpy(&ny, h + 12, 4);
	memcpy(&x0, h + 16, 8);
	memcpy(&cell, h + 32, 8);
	assert_int_equal(nx, f->m.grid.nx);
	assert_int_equal(ny, f->m.grid.ny);
	assert_float_equal(x0, f->m.grid.x0, 0);
	assert_float_equal(cell, 0.25, 0);
	assert_string_equal((char *)h + 40, "dBm");
	assert_true(hm_grid_cell_of(&f->m.grid, (struct fp_point){ 12, 10 }, &i, &j));
	size_t c = (size_t)j * nx + i;
	float v;

	assert_int_equal(fseek(fh, (long)(HM_F32_HEADER + 4 * c), SEEK_SET), 0);
	assert_int_equal(fread(&v, 4, 1, fh), 1);
	fclose(fh);
	assert_float_equal(v, f->m.m[HM_M_PRIMARY][c], 0);
	/* CSV: the comments name the grid; a not-surveyed cell has an empty value. */
	snprintf(out, sizeof(out), "%s/g.csv", f->dir);
	assert_int_equal(hm_export_grid(&f->m, HM_M_PRIMARY, out, "site: X\nfloor: Y\n", NULL), 0);
	fh = fopen(out, "r");
	assert_non_null(fh);
	bool saw_cell = false, saw_header = false, saw_empty = false;

	while (fgets(line, sizeof(line), fh)) {
		if (strcmp(line, "# cell_m: 0.25\n") == 0)
			saw_cell = true;
		if (strcmp(line, "i,j,x_m,y_m,value,cover\n") == 0)
			saw_header = true;
		if (strstr(line, ",,not-surveyed\n"))
			saw_empty = true;
	}
	fclose(fh);
	assert_true(saw_cell && saw_header && saw_empty);
	assert_int_equal(hm_export_grid(&f->m, HM_M_PRIMARY, "/tmp/x.txt", NULL, NULL), -EINVAL);
}

static void test_render_bad_requests_get_one_sentence(void **state)
{
	struct fix *f = *state;
	struct hm_map_opts o;
	struct hm_map m;
	struct hm_set empty;
	struct ns_err err = { 0 };

	hm_map_opts_default(&o);
	o.ward = "Ward Z";
	assert_int_equal(hm_map_build(&f->set, f->fp, &o, &m, &err), -ENOENT);
	assert_string_equal(err.msg, "floor 'Level 2' has no ward called 'Ward Z'");
	o.ward = NULL;
	o.ssid = "Nope";
	assert_int_equal(hm_map_build(&f->set, f->fp, &o, &m, &err), -ENOENT);
	assert_string_equal(err.msg, "no access point in this survey broadcasts SSID 'Nope'");
	o.ssid = "Guest";
	o.band = FP_BAND_2G4;
	assert_int_equal(hm_map_build(&f->set, f->fp, &o, &m, &err), -ENOENT);
	assert_string_equal(err.msg, "no access point broadcasts 'Guest' on 2.4 GHz");
	hm_set_init(&empty);
	hm_map_opts_default(&o);
	assert_int_equal(hm_map_build(&empty, f->fp, &o, &m, &err), -ENOENT);
	assert_string_equal(err.msg, "the survey has no placed samples on this floor");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_each_map_type_matches_its_reference_image),
		cmocka_unit_test(test_render_png_carries_provenance_in_text_chunks),
		cmocka_unit_test(test_render_pdf_and_svg_are_written),
		cmocka_unit_test(test_render_grid_exports_read_back),
		cmocka_unit_test(test_render_bad_requests_get_one_sentence),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
