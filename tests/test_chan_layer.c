/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_chan_layer.c — the channel layer on a floor like the demo's (the
 * bundled example floor, its eleven APs and twenty radios, none of them on
 * the plan by BSSID): every radio stands at its physical AP's fitted place,
 * one label per AP, and no two boxes the map writes overlap, on the report's
 * page as in a PNG.
 */
#include <cairo.h>
#include <cairo-pdf.h>
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

#include "floorplans/loader.h"
#include "heatmap/chanplan.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "heatmap/render_labels.h"
#include "tests/support/heatmap_world.h"

#define EXAMPLE "floorplans/examples/hospital-level2.json"
#define NAPS 11

/* The demo's radios where the demo's estimate put them: AP, MAC byte, low nibble, MHz, width. */
static const struct {
	const char *ap;
	double x, y;
	uint8_t id, sub;
	int freq, width;
} demo[] = {
	{ "L2-W21-AP01", 5.75, 9.06, 0x01, 0x00, 2412, 20 },
	{ "L2-W21-AP01", 5.75, 9.06, 0x01, 0x10, 5180, 40 },
	{ "L2-W21-AP02", 16.11, 8.94, 0x02, 0x00, 5260, 40 },
	{ "L2-W21-AP03", 27.9, 9.25, 0x03, 0x00, 2437, 20 },
	{ "L2-W21-AP03", 27.9, 9.25, 0x03, 0x10, 5500, 40 },
	{ "L2-W21-AP04", 39.72, 10.15, 0x04, 0x00, 2462, 20 },
	{ "L2-W21-AP04", 39.72, 10.15, 0x04, 0x10, 5580, 40 },
	{ "L2-W22-AP01", 4.79, 28.4, 0x05, 0x00, 2437, 20 },
	{ "L2-W22-AP01", 4.79, 28.4, 0x05, 0x10, 5660, 40 },
	{ "L2-W22-AP02", 18.97, 29.61, 0x06, 0x00, 2462, 20 },
	{ "L2-W22-AP02", 18.97, 29.61, 0x06, 0x10, 5220, 40 },
	{ "L2-ST-AP01", 22.69, 19.46, 0x07, 0x00, 2412, 20 },
	{ "L2-ST-AP01", 22.69, 19.46, 0x07, 0x10, 5300, 20 },
	{ "L2-ST-AP02", 65.0, 19.25, 0x08, 0x00, 2437, 20 },
	{ "L2-ST-AP02", 65.0, 19.25, 0x08, 0x10, 5700, 20 },
	{ "L2-IMG-AP01", 61.5, 15.0, 0x09, 0x00, 2462, 20 },
	{ "L2-IMG-AP01", 61.5, 15.0, 0x09, 0x10, 5745, 80 },
	{ "L2-IMG-AP02", 74.31, 11.0, 0x0a, 0x00, 5540, 40 },
	{ "L2-IMG-AP03", 59.5, 26.0, 0x0b, 0x00, 2412, 20 },
	{ "L2-IMG-AP03", 59.5, 26.0, 0x0b, 0x10, 5620, 40 },
};
#define NRADIOS (sizeof(demo) / sizeof(demo[0]))

/* The demo's two routes, thinned: corridors, the street, a few rooms. */
static const struct fp_point route[] = {
	{ 1, 19 },     { 42, 19 },    { 42, 9.25 },  { 42.5, 4.5 }, { 42, 9.25 },  { 28, 9.25 },
	{ 28, 4 },     { 28, 9.25 },  { 20, 9.25 },  { 20, 4 },     { 20, 9.25 },  { 12, 9.25 },
	{ 12, 4 },     { 12, 9.25 },  { 4, 9.25 },   { 4, 4 },      { 4, 9.25 },   { 2.1, 9.25 },
	{ 2.1, 14 },   { 2.1, 9.25 }, { 19, 9.25 },  { 19, 14 },    { 19, 9.25 },  { 42, 9.25 },
	{ 42, 28.75 }, { 41, 36 },    { 41, 28.75 }, { 33, 28.75 }, { 33, 36 },    { 33, 28.75 },
	{ 17.5, 28.75 }, { 17.5, 35 }, { 17.5, 28.75 }, { 3.5, 28.75 }, { 3.5, 35 }, { 3.5, 28.75 },
	{ 42, 28.75 }, { 42, 19 },    { 56.5, 19 },  { 56.5, 11.25 }, { 70.2, 11.25 }, { 70.2, 6 },
	{ 70.2, 11.25 }, { 76.7, 11.25 }, { 76.7, 6 }, { 76.7, 11.25 }, { 56.5, 11.25 },
	{ 56.5, 19 },  { 60, 19 },    { 60, 25 },    { 64, 25 },    { 60, 25 },    { 60, 19 },
	{ 78, 19 },
};

struct fix {
	struct floorplan *fp;
	struct hm_set set;
	struct hm_map m;
	struct hm_chanplan cp;
	char dir[64];
};

/* One scan at (@x, @y) hearing demo radio @k at @dbm, fed to the channel plan. */
static void heard(struct hm_chanplan *cp, size_t k, double x, double y, double dbm)
{
	struct meas_sample s;
	struct meas_observation o;

	meas_init_sample(&s);
	meas_init_observation(&o);
	s.kind = SAMPLE_SCAN;
	s.placed = true;
	s.x_m = x;
	s.y_m = y;
	o.bssid[0] = 0x00;
	o.bssid[1] = 0x3a;
	o.bssid[4] = demo[k].id;
	o.bssid[5] = demo[k].sub;
	o.freq_mhz = demo[k].freq;
	o.width_mhz = demo[k].width;
	o.center_freq_mhz = demo[k].freq + (demo[k].width > 20 ? 10 : 0);
	o.signal_dbm = dbm;
	o.age_ms = 10;
	snprintf(o.ap_name, sizeof(o.ap_name), "%s", demo[k].ap);
	assert_int_equal(hm_chanplan_add_sample(cp, &s, &o, 1, NULL, NULL), 0);
}

/* The world: each demo radio at its place; the set walked along the route. */
static void walk_world(struct fix *f)
{
	struct hmw_ap aps[NRADIOS];
	uint64_t rng = 7;

	for (size_t k = 0; k < NRADIOS; k++) {
		aps[k] = (struct hmw_ap){ demo[k].x, demo[k].y, -36, 2.0, 1.5, { 0 },
					  demo[k].freq, 0, "NHS-Voice", "", NAN };
		aps[k].mac[1] = 0x3a;
		aps[k].mac[4] = demo[k].id;
		aps[k].mac[5] = demo[k].sub;
		snprintf(aps[k].name, sizeof(aps[k].name), "%s", demo[k].ap);
	}
	hm_set_init(&f->set);
	assert_true(hmw_walk(&f->set, f->fp, aps, NRADIOS, route,
			     sizeof(route) / sizeof(route[0]), 1.0, 2, 1, &rng) > 0);
	assert_int_equal(hm_set_finish(&f->set, NULL), 0);
}

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct hm_map_opts o;

	assert_non_null(f);
	assert_int_equal(fp_import(NULL, EXAMPLE, NULL, &f->fp, NULL), 0);
	walk_world(f);
	hm_map_opts_default(&o);
	o.cell_m = 0.5;
	o.est.threads = 1;
	assert_int_equal(hm_map_build(&f->set, f->fp, &o, &f->m, NULL), 0);
	/* The plan of the channels: every radio heard loudest somewhere far from its AP. */
	hm_chanplan_init(&f->cp, f->fp);
	f->cp.fits = (struct hm_chan_fits){ &f->set, f->m.aps, f->m.naps };
	for (size_t k = 0; k < NRADIOS; k++)
		heard(&f->cp, k, demo[k].x + 6, 19, -50);
	hm_chanplan_finish(&f->cp);
	snprintf(f->dir, sizeof(f->dir), "/tmp/nschanXXXXXX");
	assert_non_null(mkdtemp(f->dir));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	char cmd[128];

	hm_chanplan_release(&f->cp);
	hm_map_release(&f->m);
	hm_set_release(&f->set);
	floorplan_free(f->fp);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* The fitted AP named @name, NULL: none. */
static const struct hm_ap_fit *fit_named(const struct hm_map *m, const char *name)
{
	for (size_t a = 0; a < m->naps; a++)
		if (strcmp(m->aps[a].name, name) == 0)
			return &m->aps[a];
	return NULL;
}

static void test_chan_layer_radios_stand_at_their_fitted_ap(void **state)
{
	struct fix *f = *state;

	assert_int_equal(f->cp.n, NRADIOS);
	for (size_t i = 0; i < f->cp.n; i++) {
		const struct hm_chan_radio *r = &f->cp.r[i];
		const struct hm_ap_fit *a = fit_named(&f->m, r->ap);

		assert_non_null(a);
		assert_int_equal(r->placed_by, HM_CHAN_FITTED);
		assert_float_equal(r->x_m, a->x, 0);
		assert_float_equal(r->y_m, a->y, 0);
		/* The fit is near the truth; the loudest reading (6 m off, in the street) is not used. */
		for (size_t k = 0; k < NRADIOS; k++)
			if (strcmp(demo[k].ap, r->ap) == 0)
				assert_true(hypot(r->x_m - demo[k].x, r->y_m - demo[k].y) < 3);
	}
}

/* No two boxes of @info overlap, all inside the map; returns how many there are. */
static size_t assert_apart(const struct hm_render_info *info)
{
	for (size_t i = 0; i < info->nlabels; i++) {
		struct hm_box b = info->labels[i];

		assert_true(b.x0 >= info->map.x0 - 1e-6 && b.x1 <= info->map.x1 + 1e-6);
		assert_true(b.y0 >= info->map.y0 - 1e-6 && b.y1 <= info->map.y1 + 1e-6);
		for (size_t j = i + 1; j < info->nlabels; j++)
			if (hm_box_overlap(b, info->labels[j]))
				fail_msg("labels %zu and %zu overlap: (%.1f %.1f %.1f %.1f) (%.1f "
					 "%.1f %.1f %.1f)",
					 i, j, b.x0, b.y0, b.x1, b.y1, info->labels[j].x0,
					 info->labels[j].y0, info->labels[j].x1, info->labels[j].y1);
	}
	return info->nlabels;
}

static void opts(struct fix *f, struct hm_render_opts *ro, struct hm_render_info *info)
{
	hm_render_opts_default(ro);
	ro->metric = -1;
	ro->set = &f->set;
	ro->show_aps = false;
	ro->show_path = false;
	ro->chanplan = &f->cp;
	ro->info = info;
}

static void test_chan_layer_labels_never_overlap_in_a_png(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	char out[128];

	opts(f, &ro, &info);
	snprintf(out, sizeof(out), "%s/chan.png", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
	/* Eleven AP labels (or listed for lack of room), and reuse distances and ward names. */
	assert_true(assert_apart(&info) + info.unlabelled >= NAPS);
	assert_int_equal(info.unlabelled, 0);
}

static void test_chan_layer_labels_never_overlap_on_a_report_page(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	cairo_surface_t *s = cairo_pdf_surface_create(NULL, 842, 595);
	cairo_t *cr = cairo_create(s);

	/* As report_chan.c draws it: the body of a landscape A4 page, under the headline. */
	opts(f, &ro, &info);
	ro.in_report = true;
	hm_render_draw(cr, &f->m, &ro, 758, 380, 1);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	assert_true(assert_apart(&info) + info.unlabelled >= NAPS);
	/* Every AP either named on the map or listed under it; on the demo's floor, all named. */
	assert_int_equal(info.unlabelled, 0);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chan_layer_radios_stand_at_their_fitted_ap),
		cmocka_unit_test(test_chan_layer_labels_never_overlap_in_a_png),
		cmocka_unit_test(test_chan_layer_labels_never_overlap_on_a_report_page),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
