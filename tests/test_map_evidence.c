/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_map_evidence.c — a map that reads alone, as a bid writer attaches it:
 * names of markers never overlap and stay inside the map; a legend that
 * prints at 8 pt or more on A4; every kind of marker drawn is explained in
 * the legend; a whole floor is cropped to its building, a ward to itself
 * with its surroundings; pass and not surveyed differ in lightness, not only
 * by hatching; a north arrow only when the bearing is known; a ward's
 * figures never exceed its own area or the floor's, also where wards
 * overlap; not-spots name the rule they fail, not-slivers are not listed.
 */
#include <cairo.h>
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

#include "floorplans/geometry.h"
#include "heatmap/colormap.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "heatmap/render_labels.h"
#include "tests/support/heatmap_world.h"

/* A walk through the corridor and the bay; the rooms above are not walked. */
static const struct fp_point walk[] = { { 1, 10 }, { 29, 10 }, { 20.5, 10 }, { 20.5, 16 },
					{ 2, 16 },  { 2, 18 },  { 28, 18 } };

struct fix {
	struct floorplan *fp;
	struct hm_set set;
	struct hm_map m;
	struct hm_profile p;
	char dir[64];
};

/* The plan's APs where the world's are, named as the plan names them: a crowded map. */
static void plan_aps(struct floorplan *fp)
{
	static const struct {
		const char *name;
		double x, y;
		const char *source;
	} aps[] = { { "PLAN-WEST-01", 5.2, 10.1, "planned" },  { "PLAN-EAST-01", 20.1, 9.8, "planned" },
		    { "PLAN-BAY-01", 12.2, 16.8, "planned" },  { "SITE-BAY-02", 12.8, 17.2, "surveyed" },
		    { "PLAN-WEST-02", 5.9, 10.6, "planned" } };

	for (size_t k = 0; k < sizeof(aps) / sizeof(aps[0]); k++) {
		struct fp_ap ap = { .pos = { aps[k].x, aps[k].y }, .height_m = 2.7 };

		snprintf(ap.name, sizeof(ap.name), "%s", aps[k].name);
		snprintf(ap.source, sizeof(ap.source), "%s", aps[k].source);
		assert_int_equal(floorplan_add_ap(fp, &ap), 0);
	}
}

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct hmw_ap aps[8];
	size_t na = hmw_aps_default(aps, 8);
	struct hm_map_opts o;
	uint64_t rng = 11;

	f->fp = hmw_floor();
	plan_aps(f->fp);
	hm_set_init(&f->set);
	hmw_walk(&f->set, f->fp, aps, na, walk, 7, 1.0, 3, 1, &rng);
	hm_set_finish(&f->set, NULL);
	hm_profile_builtin("voice", &f->p, NULL);
	hm_map_opts_default(&o);
	o.profile = &f->p;
	o.est.threads = 1;
	assert_int_equal(hm_map_build(&f->set, f->fp, &o, &f->m, NULL), 0);
	snprintf(f->dir, sizeof(f->dir), "/tmp/nsevidXXXXXX");
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

/* A proposed AP and two heard through the slabs, all near the west corridor AP. */
static const struct hm_ap_mark marks[] = {
	{ { 6.5, 9.5 }, "PROPOSED-1", "", HM_AP_PROPOSED },
	{ { 4.5, 10.8 }, "L3-WEST", "Level 3", HM_AP_OTHER_FLOOR },
	{ { 5.5, 9.2 }, "L1-WEST", "Level 1", HM_AP_OTHER_FLOOR },
};

static void opts(struct fix *f, struct hm_render_opts *ro, struct hm_render_info *info)
{
	hm_render_opts_default(ro);
	ro->metric = -1;
	ro->set = &f->set;
	ro->show_aps = true;
	ro->show_path = true;
	ro->site = "Test Hospital";
	ro->marks = marks;
	ro->nmarks = sizeof(marks) / sizeof(marks[0]);
	ro->info = info;
}

static void test_labels_placer_keeps_names_apart_and_inside_the_frame(void **state)
{
	struct hm_label_req req[12];
	struct hm_label_place out[12];
	struct hm_box frame = { 0, 0, 200, 120 }, obst[1] = { { 90, 50, 110, 70 } };
	struct hm_label_gaps gaps = { 2, 12, 1 };
	size_t n = 0, placed = 0;

	(void)state;
	/* Twelve markers in a tight cluster round (100, 60), and one at the frame's edge. */
	for (int k = 0; k < 11; k++)
		req[n++] = (struct hm_label_req){ 100 + 9 * cos(k), 60 + 9 * sin(k), 3, 40, 9 };
	req[n++] = (struct hm_label_req){ 198, 118, 3, 40, 9 };
	hm_labels_place(req, n, obst, 1, frame, &gaps, out);
	for (size_t i = 0; i < n; i++) {
		if (!out[i].placed)
			continue;
		placed++;
		assert_true(out[i].box.x0 >= 0 && out[i].box.y0 >= 0 && out[i].box.x1 <= 200 &&
			    out[i].box.y1 <= 120);
		assert_false(hm_box_overlap(out[i].box, obst[0]));
		for (size_t j = 0; j < n; j++) {
			struct hm_box mk = { req[j].ax - 3, req[j].ay - 3, req[j].ax + 3, req[j].ay + 3 };

			assert_false(hm_box_overlap(out[i].box, mk));
			if (j != i && out[j].placed)
				assert_false(hm_box_overlap(out[i].box, out[j].box));
		}
	}
	/* A crowd still gets most names, some on leaders; the corner one fits inwards. */
	assert_true(placed >= 8);
	assert_true(out[11].placed);
}

/* Every name on a crowded real map: inside the map, clear of every other name. */
static void test_render_names_on_a_crowded_map_never_overlap(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	char out[128];
	size_t kinds = 0;

	opts(f, &ro, &info);
	snprintf(out, sizeof(out), "%s/crowd.png", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
	assert_true(info.nlabels >= 6);
	for (size_t i = 0; i < info.nlabels; i++) {
		struct hm_box b = info.labels[i];

		assert_true(b.x0 >= info.map.x0 - 1e-6 && b.x1 <= info.map.x1 + 1e-6);
		assert_true(b.y0 >= info.map.y0 - 1e-6 && b.y1 <= info.map.y1 + 1e-6);
		for (size_t j = i + 1; j < info.nlabels; j++)
			if (hm_box_overlap(b, info.labels[j]))
				fail_msg("names %zu and %zu overlap", i, j);
	}
	for (int k = 0; k < HM_AP_NKINDS; k++)
		kinds += info.kinds[k] > 0;
	assert_int_equal(kinds, HM_AP_NKINDS); /* every kind was drawn */
}

/* The PDF's text (pdftotext), line breaks as spaces. */
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

/* Squares, triangles, diamonds and circles are each explained; so are walls and doors. */
static void test_render_legend_explains_every_marker_and_material(void **state)
{
	static const char *const want[] = {
		"AP planned", "AP placed by survey on site", "AP place estimated from the samples",
		"AP proposed", "AP on another floor", "walked path", "ward boundary",
		"concrete / blockwork", "plasterboard partition", "brick", "lead-lined (X-ray, CT)",
		"open doorway", "not surveyed", "L3-WEST (Level 3)",
	};
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	char out[128], *text;

	opts(f, &ro, &info);
	snprintf(out, sizeof(out), "%s/legend.pdf", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PDF, NULL), 0);
	text = pdf_text(out);
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++)
		if (!strstr(text, want[k]) && !(k == 13 && info.unlabelled > 0))
			fail_msg("the map does not explain \"%s\"", want[k]);
	free(text);
}

/*
 * A map of 6 GHz says in its key that the walls' 6 GHz losses are the table's
 * estimates (extended from 5 GHz), not measured figures; other bands do not.
 * The map's band is what the renderer reads, so the test sets only that.
 */
static void test_render_key_marks_6ghz_wall_losses_as_estimates(void **state)
{
	static const char note[] = "6 GHz wall losses: estimates from the 5 GHz table";
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	char out[128], *text;
	int band = f->m.opts.band;

	opts(f, &ro, &info);
	snprintf(out, sizeof(out), "%s/six.pdf", f->dir);
	f->m.opts.band = FP_BAND_6G;
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PDF, NULL), 0);
	text = pdf_text(out);
	assert_non_null(strstr(text, note));
	free(text);
	f->m.opts.band = FP_BAND_5G;
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PDF, NULL), 0);
	text = pdf_text(out);
	assert_null(strstr(text, note));
	free(text);
	f->m.opts.band = band;
}

/* On the A4 sheet a map is laid out on, no legend type is smaller than 8 pt. */
static void test_render_legend_prints_at_8_pt_or_more(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	char out[128];

	opts(f, &ro, &info);
	snprintf(out, sizeof(out), "%s/type.pdf", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PDF, NULL), 0);
	assert_true(info.legend_type_min >= 8 - 1e-9);
	assert_true(info.type_min >= 8 - 1e-9);
	/* A PNG W px wide prints as that A4 sheet: W / 841.89 px per point. */
	ro.metric = HM_M_PRIMARY;
	ro.width_px = 2000;
	snprintf(out, sizeof(out), "%s/type.png", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
	assert_true(info.legend_type_min / (2000 / HM_RENDER_SHEET_PT) >= 8 - 1e-9);
}

/* A whole floor is the building with a margin; a ward its own box, with context. */
static void test_render_crops_to_the_building_and_the_ward(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	char out[128];

	opts(f, &ro, &info);
	snprintf(out, sizeof(out), "%s/crop.png", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
	/* The walls span 0..30 × 0..20 m: 1.5 m round it, however large the grid. */
	assert_float_equal(info.view_min.x, -1.5, 1e-9);
	assert_float_equal(info.view_min.y, -1.5, 1e-9);
	assert_float_equal(info.view_max.x, 31.5, 1e-9);
	assert_float_equal(info.view_max.y, 21.5, 1e-9);
	/* X-ray (24..30 × 0..8): its box, 2 m round within the building, widened to ≤ 2.2:1. */
	ro.crop_ward = "X-ray";
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
	assert_true(info.view_min.x <= 22 + 1e-9 && info.view_max.x >= 31.5 - 1e-9);
	assert_true(info.view_min.y >= -1.5 - 1e-9 && info.view_max.y <= 21.5 + 1e-9);
	assert_true(info.view_max.x - info.view_min.x <= 2.2 * (info.view_max.y - info.view_min.y));
	ro.crop_ward = "No such ward";
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), -ENOENT);
}

/* The mean grey (Rec. 709) of the pixels of @png inside the box, hatching included. */
static double mean_grey(const char *png, int x0, int y0, int x1, int y1)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(png);
	double sum = 0;
	int n = 0;

	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	for (int j = y0; j < y1; j++) {
		const uint32_t *p = (const uint32_t *)(const void *)(cairo_image_surface_get_data(s) +
								    (size_t)j * cairo_image_surface_get_stride(s));

		for (int i = x0; i < x1; i++, n++)
			sum += (0.2126 * ((p[i] >> 16) & 0xff) + 0.7152 * ((p[i] >> 8) & 0xff) +
				0.0722 * (p[i] & 0xff)) / 255;
	}
	cairo_surface_destroy(s);
	return sum / n;
}

/* The centre of a 1.5 m square whose cells all have verdict @v and lie 1.5 m from any wall. */
static bool find_block(const struct hm_map *m, uint8_t v, struct fp_point *at)
{
	const struct hm_grid *g = &m->grid;
	int k = (int)lrint(1.5 / g->cell_m);

	for (int j = 0; j + k < g->ny; j++)
		for (int i = 0; i + k < g->nx; i++) {
			bool all = true;
			struct fp_point c = hm_grid_center(g, i + k / 2, j + k / 2);

			for (int b = 0; b < k && all; b++)
				for (int a = 0; a < k && all; a++)
					all = m->verdict[(size_t)(j + b) * g->nx + i + a] == v;
			for (size_t w = 0; w < m->fp->nwalls && all; w++)
				for (size_t q = 0; q + 1 < m->fp->walls[w].npts && all; q++)
					all = fp_point_segment_distance(c, m->fp->walls[w].pts[q],
									m->fp->walls[w].pts[q + 1]) > 1.5;
			if (all) {
				*at = c;
				return true;
			}
		}
	return false;
}

/*
 * In greyscale print a passing area and a not-surveyed one are told apart by
 * their lightness, hatching or not: a not-surveyed room is far lighter than
 * a passing one (the old grey, 0.82, was within 0.2 of pass's 0.62).
 */
static void test_render_pass_and_not_surveyed_differ_in_grey(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	struct fp_point ps, ns;
	struct hm_profile nhs;
	struct hm_map_opts mo;
	struct hm_map m;
	char out[128];
	double pass, unsurveyed, s, ox, oy, h = 0.5;

	/* nhs-data: the corridor and the bay pass, the rooms above are not surveyed. */
	assert_int_equal(hm_profile_builtin("nhs-data", &nhs, NULL), 0);
	hm_map_opts_default(&mo);
	mo.profile = &nhs;
	mo.est.threads = 1;
	assert_int_equal(hm_map_build(&f->set, f->fp, &mo, &m, NULL), 0);
	opts(f, &ro, &info);
	ro.show_aps = ro.show_path = false;
	ro.nmarks = 0;
	snprintf(out, sizeof(out), "%s/grey.png", f->dir);
	assert_int_equal(hm_render_file(&m, &ro, out, HM_FMT_PNG, NULL), 0);
	s = (info.map.x1 - info.map.x0) / (info.view_max.x - info.view_min.x);
	ox = info.map.x0 - info.view_min.x * s;
	oy = info.map.y0 - info.view_min.y * s;
	assert_true(find_block(&m, HM_V_PASS, &ps));
	assert_true(find_block(&m, HM_V_NOT_SURVEYED, &ns));
	hm_map_release(&m);
	pass = mean_grey(out, (int)(ox + (ps.x - h) * s), (int)(oy + (ps.y - h) * s),
			 (int)(ox + (ps.x + h) * s), (int)(oy + (ps.y + h) * s));
	unsurveyed = mean_grey(out, (int)(ox + (ns.x - h) * s), (int)(oy + (ns.y - h) * s),
			       (int)(ox + (ns.x + h) * s), (int)(oy + (ns.y + h) * s));
	print_message("grey: pass %.2f at (%.1f, %.1f), not surveyed %.2f at (%.1f, %.1f)\n", pass,
		      ps.x, ps.y, unsurveyed, ns.x, ns.y);
	assert_true(unsurveyed - pass >= 0.2);
	/* And the colours themselves: fail, pass and not surveyed are three grey levels. */
	assert_true(hm_rgb_grey(hm_color_pass) - hm_rgb_grey(hm_color_fail) >= 0.3);
	assert_true(hm_rgb_grey(hm_color_not_surveyed) - hm_rgb_grey(hm_color_pass) >= 0.25);
}

/* A north arrow from the drawing's bearing, and none while the bearing is not known. */
static void test_render_north_arrow_only_with_a_bearing(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	char out[128];

	opts(f, &ro, &info);
	snprintf(out, sizeof(out), "%s/north.png", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
	assert_false(info.north_arrow);
	ro.north_deg = 30;
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
	assert_true(info.north_arrow);
}

/* The arrow's bearing: the building's north turned by the floor's alignment, 0…360. */
static void test_render_north_follows_the_buildings_bearing(void **state)
{
	struct fix *f = *state;
	struct hm_render_opts ro;
	struct hm_render_info info;
	struct fp_building b;
	struct floorplan *fp = floorplan_new();
	char out[128];

	fp_building_init(&b);
	b.north_deg = 30;
	fp->align.rot_deg = 15;
	assert_float_equal(hm_floor_bearing(&b, fp), 45, 1e-9);
	b.north_deg = 350;
	fp->align.rot_deg = 20;
	assert_float_equal(hm_floor_bearing(&b, fp), 10, 1e-9);
	b.north_deg = 10;
	fp->align.rot_deg = -20;
	assert_float_equal(hm_floor_bearing(&b, fp), 350, 1e-9);
	floorplan_free(fp);
	opts(f, &ro, &info);
	ro.north_deg = hm_floor_bearing(&b, f->fp);
	snprintf(out, sizeof(out), "%s/bearing.pdf", f->dir);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PDF, NULL), 0);
	assert_true(info.north_arrow);
}

/*
 * A ward's figures count the cells inside its own outline on the floor's
 * grid: never more than its area, never more than the floor's, and all of
 * it where it overlaps another ward (X-ray lies inside Ward B).
 */
static void test_ward_figures_never_exceed_the_ward_or_the_floor(void **state)
{
	struct fix *f = *state;
	const struct hm_map *m = &f->m;
	struct hm_area_stats floor, ward, raster;

	hm_area_stats_compute(&f->p, &m->grid, m->verdict, m->m, m->ward_of, -2, &m->notspots, "",
			      &floor);
	for (size_t w = 0; w < m->fp->nwards; w++) {
		double poly = fp_polygon_area(m->fp->wards[w].pts, m->fp->wards[w].npts);

		assert_int_equal(hm_ward_stats_compute(&f->p, &m->grid, m->verdict, m->m, m->fp, (int)w,
						       &m->notspots, &ward),
				 0);
		assert_true(ward.surveyed_m2 <= ward.area_m2 + 1e-9);
		assert_true(ward.area_m2 <= floor.area_m2 + 1e-9);
		assert_true(ward.surveyed_m2 <= floor.surveyed_m2 + 1e-9);
		assert_true(ward.pass_m2 <= floor.pass_m2 + 1e-9);
		/* Cells by their centres: the whole outline, to within a cell along its edges. */
		assert_float_equal(ward.area_m2, poly, 0.25 * 60);
	}
	/* Ward B holds X-ray: its 6 × 8 m count for both (the raster gave them to X-ray only). */
	hm_area_stats_compute(&f->p, &m->grid, m->verdict, m->m, m->ward_of, 2, &m->notspots, "",
			      &raster);
	assert_int_equal(hm_ward_stats_compute(&f->p, &m->grid, m->verdict, m->m, m->fp, 2,
					       &m->notspots, &ward),
			 0);
	assert_string_equal(m->fp->wards[2].name, "Ward B");
	assert_float_equal(ward.area_m2 - raster.area_m2, 48, 1e-6);
}

/*
 * A not-spot is named by the rule it fails over most of it, with that
 * rule's worst value: a place failing only "secondary" is not reported by
 * its primary signal.
 */
static void test_notspot_worst_is_of_the_rule_it_fails(void **state)
{
	static const float prim[16] = { -50, -50, -50, -50, -50, -50, -50, -50,
					-50, -50, -50, -50, -50, -50, -50, -50 };
	static const float sec[16] = { -60, -60, -60, -60, -60, -80, -75, -60,
				       -60, -77, -79, -60, -60, -60, -60, -60 };
	struct hm_grid g = { 0, 0, 1, 4, 4 };
	float p[16], s[16];
	float *metrics[HM_NMETRICS] = { 0 };
	uint8_t cover[16], verdict[16];
	uint32_t failed[16];
	struct hm_profile prof;
	struct hm_notspots ns;

	(void)state;
	memcpy(p, prim, sizeof(p));
	memcpy(s, sec, sizeof(s));
	metrics[HM_M_PRIMARY] = p;
	metrics[HM_M_SECONDARY] = s;
	memset(cover, HM_COVER_SURVEYED, sizeof(cover));
	/* Primary first, then secondary: the order that used to name every not-spot "primary". */
	memset(&prof, 0, sizeof(prof));
	prof.rules[0] = (struct hm_rule){ .metric = HM_M_PRIMARY, .threshold = -67, .level_dbm = NAN };
	prof.rules[1] = (struct hm_rule){ .metric = HM_M_SECONDARY, .threshold = -67, .level_dbm = NAN };
	prof.nrules = 2;
	hm_profile_eval(&prof, &g, cover, metrics, verdict, failed);
	assert_int_equal(hm_notspots_find(&g, verdict, failed, metrics[prof.rules[0].metric], true,
					  NULL, NULL, 1, &ns, NULL),
			 0);
	assert_int_equal(ns.n, 1);
	hm_notspots_attribute(&ns, &g, &prof, metrics, failed);
	assert_int_equal(prof.rules[ns.v[0].rule].metric, HM_M_SECONDARY);
	assert_float_equal(ns.v[0].worst, -80, 0);
	assert_false(ns.v[0].no_signal);
	hm_notspots_release(&ns);
}

/* A failing strip one cell (25 cm) wide along a wall is a sliver, not a place: not listed. */
static void test_notspot_slivers_along_a_wall_are_not_listed(void **state)
{
	enum { NX = 40, NY = 20 };
	struct hm_grid g = { 0, 0, 0.25, NX, NY };
	uint8_t verdict[NX * NY];
	struct hm_notspots ns;

	(void)state;
	memset(verdict, HM_V_PASS, sizeof(verdict));
	for (int i = 0; i < NX; i++) /* 10 m × 0.25 m along the top wall: 2.5 m² */
		verdict[i] = HM_V_FAIL;
	for (int j = 8; j < 13; j++) /* a 1.25 m square in the middle: 1.56 m² */
		for (int i = 18; i < 23; i++)
			verdict[j * NX + i] = HM_V_FAIL;
	assert_int_equal(hm_notspots_find(&g, verdict, NULL, NULL, true, NULL, NULL, 1, &ns, NULL), 0);
	assert_int_equal(ns.n, 1);
	assert_float_equal(ns.v[0].area_m2, 25 * 0.0625, 1e-9);
	assert_int_equal(ns.label[0], -1);
	hm_notspots_release(&ns);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels_placer_keeps_names_apart_and_inside_the_frame),
		cmocka_unit_test(test_render_names_on_a_crowded_map_never_overlap),
		cmocka_unit_test(test_render_legend_explains_every_marker_and_material),
		cmocka_unit_test(test_render_key_marks_6ghz_wall_losses_as_estimates),
		cmocka_unit_test(test_render_legend_prints_at_8_pt_or_more),
		cmocka_unit_test(test_render_crops_to_the_building_and_the_ward),
		cmocka_unit_test(test_render_pass_and_not_surveyed_differ_in_grey),
		cmocka_unit_test(test_render_north_arrow_only_with_a_bearing),
		cmocka_unit_test(test_render_north_follows_the_buildings_bearing),
		cmocka_unit_test(test_ward_figures_never_exceed_the_ward_or_the_floor),
		cmocka_unit_test(test_notspot_worst_is_of_the_rule_it_fails),
		cmocka_unit_test(test_notspot_slivers_along_a_wall_are_not_listed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
