/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diff.c — before/after comparison (diff.h): the numbers, then a one-page
 * drawing on a diverging, colour-blind-safe scale (ColorBrewer PuOr: purple
 * better, orange worse, near-white no material change). Worse areas are also
 * hatched so the drawing still reads in greyscale, where both ends of a
 * diverging scale look dark. Like every map it is cropped to the building,
 * says SIMULATED DATA when it is, and carries its provenance (PNG text
 * chunks through render.h's hm_png_write(), PDF metadata).
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "floorplans/geometry.h"
#include "floorplans/loader.h"
#include "floorplans/outsurface.h"
#include "floorplans/text.h"
#include "heatmap/colormap.h"
#include "heatmap/diff.h"
#include "heatmap/draw.h"
#include "heatmap/load.h"
#include "util/outfile.h"
#include "util/version.h"

void hm_diff_opts_default(struct hm_diff_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->metric = HM_M_PRIMARY;
	o->band = -1;
	o->cell_m = HM_CELL_DEFAULT_M;
	o->reach_m = 5;
}

void hm_diff_scale(enum hm_metric m, double *range, double *material)
{
	const char *unit = hm_metric_info(m)->unit;

	if (strcmp(unit, "dBm") == 0 || strcmp(unit, "dB") == 0) {
		*range = 15;
		*material = HM_DIFF_MATERIAL_DB;
	} else if (m == HM_M_APS) {
		*range = 3;
		*material = 1;
	} else if (strcmp(unit, "%") == 0) {
		*range = 30;
		*material = 10;
	} else {
		*range = 50;
		*material = 10;
	}
}

const char *hm_diff_unit(enum hm_metric m)
{
	const char *unit = hm_metric_info(m)->unit;

	return strcmp(unit, "dBm") == 0 ? "dB" : unit;
}

static bool judged(uint8_t cover)
{
	return cover == HM_COVER_SURVEYED || cover == HM_COVER_PREDICTED;
}

static void dates_of(const struct hm_map *m, char *buf, size_t len)
{
	char a[24], b[24];
	time_t t0 = (time_t)(m->first_us / 1000000), t1 = (time_t)(m->last_us / 1000000);
	struct tm tm;

	if (m->first_us <= 0 || !gmtime_r(&t0, &tm)) {
		snprintf(buf, len, "unknown dates");
		return;
	}
	strftime(a, sizeof(a), "%Y-%m-%d", &tm);
	gmtime_r(&t1, &tm);
	strftime(b, sizeof(b), "%Y-%m-%d", &tm);
	if (strcmp(a, b) == 0)
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%.11s to %.11s", a, b);
}

/* The ward index of area @k of @d: the cropped ward, a ward, or -2 for the whole map (the last). */
static int area_ward(const struct hm_diff *d, size_t k)
{
	if (d->before.ward)
		return d->before.ward_index;
	return k + 1 == d->nareas ? -2 : (int)k;
}

/* Cell @c (before's grid, @ac in after's) into each area whose ward holds it. */
static void count_both(struct hm_diff *d, uint8_t *const *in, size_t c, size_t ac, double v,
		       double *sum, size_t *cnt)
{
	const struct hm_map *b = &d->before, *a = &d->after;
	double cell2 = b->grid.cell_m * b->grid.cell_m;

	for (size_t k = 0; k < d->nareas; k++) {
		struct hm_diff_area *ar = &d->areas[k];

		if (area_ward(d, k) >= 0 && !(in[k] && in[k][c]))
			continue;
		ar->both_m2 += cell2;
		if (b->has_profile) {
			ar->pass_both_before_m2 += b->verdict[c] == HM_V_PASS ? cell2 : 0;
			ar->pass_both_after_m2 += a->verdict[ac] == HM_V_PASS ? cell2 : 0;
		}
		if (!isnan(v)) {
			sum[k] += v;
			cnt[k]++;
		}
	}
}

/* The change per cell, and per area what both surveys cover. -ENOMEM. */
static int compare(struct hm_diff *d)
{
	const struct hm_map *b = &d->before, *a = &d->after;
	const struct hm_metric_info *mi = hm_metric_info(d->opts.metric);
	size_t nc = hm_grid_ncells(&b->grid);
	double cell2 = b->grid.cell_m * b->grid.cell_m;
	double *sum = calloc(d->nareas, sizeof(*sum));
	size_t *cnt = calloc(d->nareas, sizeof(*cnt));
	uint8_t **in = calloc(d->nareas, sizeof(*in));
	int rc = -ENOMEM;

	if (!sum || !cnt || !in)
		goto out;
	for (size_t k = 0; k < d->nareas; k++)
		if (area_ward(d, k) >= 0 && hm_ward_cells(d->fp, area_ward(d, k), &b->grid, &in[k]))
			goto out;
	d->min_change = NAN;
	d->max_change = NAN;
	for (size_t c = 0; c < nc; c++) {
		int i = (int)(c % (size_t)b->grid.nx), j = (int)(c / (size_t)b->grid.nx), ai, aj;
		struct fp_point p = hm_grid_center(&b->grid, i, j);
		size_t ac;
		double v = NAN;

		d->delta[c] = NAN;
		if (!judged(b->cover[c]) || !hm_grid_cell_of(&a->grid, p, &ai, &aj))
			continue;
		ac = (size_t)aj * (size_t)a->grid.nx + (size_t)ai;
		if (!judged(a->cover[ac]))
			continue;
		if (b->m[d->opts.metric] && a->m[d->opts.metric]) {
			v = (double)a->m[d->opts.metric][ac] - (double)b->m[d->opts.metric][c];
			if (!isnan(v)) {
				double good = mi->higher_better ? v : -v;

				d->delta[c] = (float)v;
				d->compared_m2 += cell2;
				if (good >= d->material - 1e-6)
					d->better_m2 += cell2;
				else if (good <= -d->material + 1e-6)
					d->worse_m2 += cell2;
				d->min_change = isnan(d->min_change) ? v : fmin(d->min_change, v);
				d->max_change = isnan(d->max_change) ? v : fmax(d->max_change, v);
			}
		}
		count_both(d, in, c, ac, v, sum, cnt);
	}
	for (size_t k = 0; k < d->nareas; k++)
		d->areas[k].mean_change = cnt[k] ? sum[k] / (double)cnt[k] : NAN;
	rc = 0;
out:
	for (size_t k = 0; in && k < d->nareas; k++)
		free(in[k]);
	free(in);
	free(sum);
	free(cnt);
	return rc;
}

/* Each area's figures before and after: a ward's by its polygon (also where wards overlap). */
static int area_stats(struct hm_diff *d)
{
	const struct hm_map *b = &d->before, *a = &d->after;
	const struct hm_profile *p = &d->profile;

	for (size_t k = 0; k < d->nareas; k++) {
		int w = area_ward(d, k);

		if (w < 0) {
			hm_area_stats_compute(p, &b->grid, b->verdict, b->m, b->ward_of, -2,
					      &b->notspots, "whole floor", &d->areas[k].before);
			hm_area_stats_compute(p, &a->grid, a->verdict, a->m, a->ward_of, -2,
					      &a->notspots, "whole floor", &d->areas[k].after);
		} else if (hm_ward_stats_compute(p, &b->grid, b->verdict, b->m, d->fp, w, &b->notspots,
						 &d->areas[k].before) ||
			   hm_ward_stats_compute(p, &a->grid, a->verdict, a->m, d->fp, w, &a->notspots,
						 &d->areas[k].after)) {
			return -ENOMEM;
		}
	}
	return 0;
}

/* Whether either survey holds simulated walks on the floor compared. */
static int simulated(struct survey *before, struct survey *after, struct hm_diff *d,
		     struct ns_err *err)
{
	bool sb = false, sa = false;
	int64_t fa;
	int rc;

	if ((rc = survey_has_simulated_walks(before, d->fp->id, &sb, err)))
		return rc;
	if ((fa = survey_find_floor(after, d->fp->name, err)) < 0)
		return (int)fa;
	if ((rc = survey_has_simulated_walks(after, fa, &sa, err)))
		return rc;
	d->simulated = sb || sa;
	return 0;
}

int hm_diff_build(struct survey *before, struct survey *after, const struct hm_diff_opts *o,
		  struct hm_diff *d, struct ns_err *err)
{
	struct floorplan *fa = NULL;
	struct hm_map_opts mo;
	struct survey_meta meta;
	bool have;
	int rc;

	memset(d, 0, sizeof(*d));
	d->opts = *o;
	hm_set_init(&d->before_set);
	hm_set_init(&d->after_set);
	if ((rc = hm_profile_choose(o->profile, o->profile_file, &d->profile, &have, err)))
		return rc;
	if (!have)
		return ns_err_set(err, -EINVAL, "a comparison needs a requirement profile");
	if ((rc = hm_load_floor(before, o->floor, &d->fp, &d->before_set, err)))
		return rc;
	if ((rc = hm_load_floor(after, d->fp->name, &fa, &d->after_set, err))) {
		char why[sizeof(err->msg)];

		memcpy(why, err ? err->msg : "", err ? sizeof(why) : 1);
		return ns_err_set(err, rc, "the AFTER survey: %s", why);
	}
	floorplan_free(fa); /* both are mapped on the BEFORE survey's plan */
	if (o->ward && !floorplan_find_ward(d->fp, o->ward))
		return ns_err_set(err, -ENOENT, "floor '%s' has no ward called '%s'", d->fp->name,
				  o->ward);
	hm_map_opts_default(&mo);
	mo.cell_m = o->cell_m > 0 ? o->cell_m : HM_CELL_DEFAULT_M;
	mo.est.reach_m = o->reach_m > 0 ? o->reach_m : 5;
	mo.ssid = o->ssid;
	mo.band = o->band;
	mo.ward = o->ward;
	mo.predict = o->predict;
	mo.profile = &d->profile;
	if ((rc = hm_map_build(&d->before_set, d->fp, &mo, &d->before, err))) {
		memset(&d->before, 0, sizeof(d->before));
		return rc;
	}
	if ((rc = hm_map_build(&d->after_set, d->fp, &mo, &d->after, err))) {
		memset(&d->after, 0, sizeof(d->after));
		return rc;
	}
	if (!d->before.m[o->metric] || !d->after.m[o->metric])
		return ns_err_set(err, -ENOENT, "%s was not measured in %s survey",
				  hm_metric_info(o->metric)->key,
				  !d->before.m[o->metric] ? "the BEFORE" : "the AFTER");
	d->nareas = o->ward ? 1 : d->fp->nwards + 1;
	d->areas = calloc(d->nareas, sizeof(*d->areas));
	d->delta = malloc(hm_grid_ncells(&d->before.grid) * sizeof(*d->delta));
	if (!d->areas || !d->delta)
		return ns_err_set(err, -ENOMEM, "out of memory");
	hm_diff_scale(o->metric, &d->range, &d->material);
	if (area_stats(d) || compare(d))
		return ns_err_set(err, -ENOMEM, "out of memory");
	dates_of(&d->before, d->before_dates, sizeof(d->before_dates));
	dates_of(&d->after, d->after_dates, sizeof(d->after_dates));
	if (survey_get_meta(before, &meta, NULL) == 0)
		snprintf(d->site, sizeof(d->site), "%s", meta.site);
	if ((rc = simulated(before, after, d, err)))
		return rc;
	return 0;
}

void hm_diff_release(struct hm_diff *d)
{
	if (d->before.cover)
		hm_map_release(&d->before);
	if (d->after.cover)
		hm_map_release(&d->after);
	hm_set_release(&d->before_set);
	hm_set_release(&d->after_set);
	floorplan_free(d->fp);
	free(d->delta);
	free(d->areas);
	memset(d, 0, sizeof(*d));
}

/* ---- drawing ----------------------------------------------------------------------- */

/* PuOr (ColorBrewer, Brewer 2003), 7 classes, orange (worse) … purple (better). */
static struct hm_rgb diverging(double t)
{
	static const double stops[7][3] = {
		{ 0xb3, 0x58, 0x06 }, { 0xf1, 0xa3, 0x40 }, { 0xfe, 0xe0, 0xb6 }, { 0xf7, 0xf7, 0xf7 },
		{ 0xd8, 0xda, 0xeb }, { 0x99, 0x8e, 0xc3 }, { 0x54, 0x27, 0x88 },
	};
	double x = fmin(fmax(t, -1), 1) * 3 + 3;
	int i = (int)floor(x);
	double f;

	if (i >= 6)
		i = 5;
	f = x - i;
	return (struct hm_rgb){ (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])) / 255,
				(stops[i][1] + f * (stops[i + 1][1] - stops[i][1])) / 255,
				(stops[i][2] + f * (stops[i + 1][2] - stops[i][2])) / 255 };
}

struct dctx {
	cairo_t *cr;
	const struct hm_diff *d;
	double u;          /* points per type point */
	struct hm_view v;  /* the map area and metres → device */
};

/* The page's type: DejaVu Sans at @size points (× c->u), black, wrapped at @w (0: none). */
static double dtext(struct dctx *c, double x, double y, double w, const char *s, double size,
		    bool bold)
{
	struct fp_text_style st = { .size = size * c->u, .bold = bold, .wrap_w = w };

	return fp_text_draw(c->cr, &st, x, y, s).h;
}

static void hatch(cairo_t *cr, double x0, double y0, double x1, double y1, double gap, int dir)
{
	for (double t = -(y1 - y0); t < x1 - x0; t += gap) {
		if (dir > 0) {
			cairo_move_to(cr, x0 + t, y1);
			cairo_line_to(cr, x0 + t + (y1 - y0), y0);
		} else {
			cairo_move_to(cr, x0 + t, y0);
			cairo_line_to(cr, x0 + t + (y1 - y0), y1);
		}
	}
}

/* The change in cell @k the good way (positive: better), NAN where not compared. */
static double good_change(const struct hm_diff *d, size_t k)
{
	float v = d->delta[k];

	return hm_metric_info(d->opts.metric)->higher_better ? v : -v;
}

/* Cells: the change where both cover; grey where either does not. */
static void draw_change(struct dctx *c)
{
	const struct hm_diff *d = c->d;
	const struct hm_map *b = &d->before;
	const struct hm_grid *g = &b->grid;
	cairo_t *cr = c->cr;
	double cs = g->cell_m * c->v.s, ox, oy;

	hm_view_to_dev(&c->v, g->x0, g->y0, &ox, &oy);
	for (int j = 0; j < g->ny; j++) {
		for (int i = 0; i < g->nx; i++) {
			size_t k = (size_t)j * (size_t)g->nx + (size_t)i;
			double x = ox + i * cs, y = oy + j * cs;

			if (b->cover[k] == HM_COVER_OUTSIDE)
				continue;
			if (isnan(d->delta[k])) {
				cairo_set_source_rgba(cr, 0.78, 0.78, 0.78, 0.85);
			} else {
				struct hm_rgb col = diverging(good_change(d, k) / d->range);

				cairo_set_source_rgba(cr, col.r, col.g, col.b, 0.9);
			}
			cairo_rectangle(cr, x, y, cs + 0.02, cs + 0.02);
			cairo_fill(cr);
		}
	}
}

/* Hatching: not compared "/" (@worse false), worse by a material amount "\" (@worse true). */
static void draw_change_hatch(struct dctx *c, bool worse)
{
	const struct hm_diff *d = c->d;
	const struct hm_map *b = &d->before;
	const struct hm_grid *g = &b->grid;
	cairo_t *cr = c->cr;
	double cs = g->cell_m * c->v.s, ox, oy;

	hm_view_to_dev(&c->v, g->x0, g->y0, &ox, &oy);
	cairo_save(cr);
	cairo_new_path(cr);
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			size_t k = (size_t)j * (size_t)g->nx + (size_t)i;
			bool pick;

			if (b->cover[k] == HM_COVER_OUTSIDE)
				continue;
			if (!worse)
				pick = isnan(d->delta[k]);
			else
				pick = !isnan(d->delta[k]) && good_change(d, k) <= -d->material + 1e-6;
			if (pick)
				cairo_rectangle(cr, ox + i * cs, oy + j * cs, cs + 0.02, cs + 0.02);
		}
	cairo_clip(cr);
	cairo_new_path(cr);
	hatch(cr, c->v.mx, c->v.my, c->v.mx + c->v.mw, c->v.my + c->v.mh, 6 * c->u, worse ? -1 : 1);
	cairo_set_source_rgba(cr, 0.15, 0.15, 0.15, worse ? 0.8 : 0.45);
	cairo_set_line_width(cr, (worse ? 0.9 : 0.6) * c->u);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Walls by loss, ward outlines dashed with their names. */
static void draw_walls_and_wards(struct dctx *c)
{
	const struct floorplan *fp = c->d->fp;
	cairo_t *cr = c->cr;

	for (size_t w = 0; w < fp->nwalls; w++) {
		const struct fp_wall *wall = &fp->walls[w];
		double loss = wall->loss_db[FP_BAND_5G];

		hm_draw_path(cr, &c->v, wall->pts, wall->npts, false);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, (loss < 6 ? 0.8 : loss < 15 ? 1.3 : loss < 30 ? 1.8 : 3) * c->u);
		cairo_stroke(cr);
	}
	for (size_t w = 0; w < fp->nwards; w++) {
		const struct fp_ward *wd = &fp->wards[w];
		struct fp_point mn, mx;
		double x, y;

		hm_draw_path(cr, &c->v, wd->pts, wd->npts, true);
		cairo_set_source_rgb(cr, 0.05, 0.1, 0.5);
		cairo_set_line_width(cr, 1.2 * c->u);
		cairo_set_dash(cr, (const double[]){ 4 * c->u, 3 * c->u }, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		fp_polygon_bounds(wd->pts, wd->npts, &mn, &mx);
		hm_view_to_dev(&c->v, mn.x, mn.y, &x, &y);
		dtext(c, x + 4 * c->u, y + 3 * c->u, 0, wd->name, 9, true);
	}
}

static void draw_cells(struct dctx *c, const struct fp_raster *drawing)
{
	cairo_t *cr = c->cr;

	cairo_save(cr);
	cairo_rectangle(cr, c->v.mx, c->v.my, c->v.mw, c->v.mh);
	cairo_clip(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	if (drawing && drawing->surface)
		hm_draw_floor_drawing(cr, &c->v, c->d->fp, drawing->surface, 0.5);
	draw_change(c);
	draw_change_hatch(c, false);
	draw_change_hatch(c, true);
	draw_walls_and_wards(c);
	cairo_restore(cr);
	cairo_rectangle(cr, c->v.mx, c->v.my, c->v.mw, c->v.mh);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.8 * c->u);
	cairo_stroke(cr);
}

static double draw_legend(struct dctx *c, double x, double y, double w)
{
	const struct hm_diff *d = c->d;
	const struct hm_metric_info *mi = hm_metric_info(d->opts.metric);
	cairo_t *cr = c->cr;
	double bh = 150 * c->u, bw = 16 * c->u, y0 = y;
	char buf[160];

	snprintf(buf, sizeof(buf), "Change in %s, after − before (%s)", mi->label,
		 hm_diff_unit(d->opts.metric));
	y += dtext(c, x, y, w, buf, 10, true) + 6 * c->u;
	for (int k = 0; k < 150; k++) {
		double t = 1 - 2.0 * k / 149; /* top: better */
		struct hm_rgb col = diverging(t);

		cairo_set_source_rgb(cr, col.r, col.g, col.b);
		cairo_rectangle(cr, x, y + k * bh / 150, bw, bh / 150 + 0.3);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.5 * c->u);
	cairo_rectangle(cr, x, y, bw, bh);
	cairo_stroke(cr);
	for (int step = -3; step <= 3; step++) {
		double t = step / 3.0, yy = y + (1 - t) / 2 * bh, v = t * d->range;
		double shown = mi->higher_better ? v : -v;

		cairo_move_to(cr, x + bw, yy);
		cairo_line_to(cr, x + bw + 4 * c->u, yy);
		cairo_stroke(cr);
		snprintf(buf, sizeof(buf), "%s%.0f%s", shown > 0 ? "+" : shown < 0 ? "\u2212" : "",
			 fabs(shown), step == 3 ? "  better" : step == -3 ? "  worse" : step == 0 ? "  no change" : "");
		dtext(c, x + bw + 7 * c->u, yy - 5 * c->u, 0, buf, 8, step == 3 || step == -3);
	}
	y += bh + 10 * c->u;
	/* Hatch swatches. */
	for (int k = 0; k < 2; k++) {
		double sw = 22 * c->u, sh = 12 * c->u;

		cairo_save(cr);
		if (k == 0) {
			struct hm_rgb col = diverging(-0.6);

			cairo_set_source_rgb(cr, col.r, col.g, col.b);
		} else {
			cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
		}
		cairo_rectangle(cr, x, y, sw, sh);
		cairo_fill_preserve(cr);
		cairo_clip(cr);
		hatch(cr, x, y, x + sw, y + sh, 6 * c->u, k == 0 ? -1 : 1);
		cairo_set_source_rgba(cr, 0.15, 0.15, 0.15, 0.8);
		cairo_set_line_width(cr, 0.8 * c->u);
		cairo_stroke(cr);
		cairo_restore(cr);
		cairo_rectangle(cr, x, y, sw, sh);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.5 * c->u);
		cairo_stroke(cr);
		if (k == 0)
			snprintf(buf, sizeof(buf), "worse by %.0f %s or more", d->material,
				 hm_diff_unit(d->opts.metric));
		else
			snprintf(buf, sizeof(buf), "not compared: not covered by both surveys");
		y += fmax(sh, dtext(c, x + sw + 6 * c->u, y, w - sw - 6 * c->u, buf, 8, false)) +
		     5 * c->u;
	}
	y += 4 * c->u;
	snprintf(buf, sizeof(buf), "Compared over %.0f m²: better by ≥ %.0f %s on %.0f m², worse on %.0f m².",
		 d->compared_m2, d->material, hm_diff_unit(d->opts.metric), d->better_m2, d->worse_m2);
	y += dtext(c, x, y, w, buf, 8, false) + 4 * c->u;
	snprintf(buf, sizeof(buf), "Changes under %.0f %s are treated as no material change.",
		 d->material, hm_diff_unit(d->opts.metric));
	y += dtext(c, x, y, w, buf, 8, false);
	return y - y0;
}

static void fmt_pct(char *buf, size_t len, double a, double b)
{
	if (b > 0)
		snprintf(buf, len, "%.0f%%", 100 * a / b);
	else
		snprintf(buf, len, "n/m");
}

static void draw_table(struct dctx *c, double x, double y, double w)
{
	static const double cw[] = { 0.15, 0.12, 0.22, 0.19, 0.21, 0.11 };
	static const char *const head[] = { "Ward", "Surveyed m²",
					    "Passing before → after (m², share)",
					    "Passing where both surveyed", "Not-spots before → after",
					    "Mean change" };
	const struct hm_diff *d = c->d;
	cairo_t *cr = c->cr;
	char cells[6][160], pa[16], pb[16];
	double rh = 13 * c->u;

	for (size_t r = 0; r <= d->nareas; r++) {
		double xx = x;

		if (r == 0) {
			cairo_rectangle(cr, x, y, w, rh * 1.1);
			cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
			cairo_fill(cr);
			for (int k = 0; k < 6; k++) {
				dtext(c, xx + 3 * c->u, y + 2 * c->u, cw[k] * w - 6 * c->u, head[k], 8, true);
				xx += cw[k] * w;
			}
			y += rh * 1.1;
			continue;
		} else {
			const struct hm_diff_area *a = &d->areas[r - 1];
			const char *unit = strcmp(hm_metric_info(d->opts.metric)->unit, "dBm") == 0
						   ? "dB"
						   : hm_metric_info(d->opts.metric)->unit;

			snprintf(cells[0], sizeof(cells[0]), "%s", a->before.name);
			snprintf(cells[1], sizeof(cells[1]), "%.0f → %.0f", a->before.surveyed_m2,
				 a->after.surveyed_m2);
			fmt_pct(pa, sizeof(pa), a->before.pass_m2, a->before.surveyed_m2);
			fmt_pct(pb, sizeof(pb), a->after.pass_m2, a->after.surveyed_m2);
			snprintf(cells[2], sizeof(cells[2]), "%.0f (%s) → %.0f (%s)", a->before.pass_m2, pa,
				 a->after.pass_m2, pb);
			fmt_pct(pa, sizeof(pa), a->pass_both_before_m2, a->both_m2);
			fmt_pct(pb, sizeof(pb), a->pass_both_after_m2, a->both_m2);
			snprintf(cells[3], sizeof(cells[3]), "%s → %s of %.0f m²", pa, pb, a->both_m2);
			snprintf(cells[4], sizeof(cells[4]), "%zu (%.0f m²) → %zu (%.0f m²)",
				 a->before.notspots, a->before.notspot_m2, a->after.notspots,
				 a->after.notspot_m2);
			if (isnan(a->mean_change))
				snprintf(cells[5], sizeof(cells[5]), "n/m");
			else
				snprintf(cells[5], sizeof(cells[5]), "%s%.1f %s",
					 a->mean_change > 0.05 ? "+" : a->mean_change < -0.05 ? "\u2212" : "",
					 fabs(a->mean_change), unit);
		}
		if (r % 2 == 0) {
			cairo_rectangle(cr, x, y, w, rh);
			cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
			cairo_fill(cr);
		}
		for (int k = 0; k < 6; k++) {
			dtext(c, xx + 3 * c->u, y + 2 * c->u, cw[k] * w - 6 * c->u, cells[k], 8,
			      r == d->nareas && !d->opts.ward);
			xx += cw[k] * w;
		}
		y += rh;
	}
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + w, y);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.6 * c->u);
	cairo_stroke(cr);
}

/*
 * The part of the floor shown: the building (walls and wards, 1.5 m round)
 * or the ward (2 m round), within the map's grid — not the drawing's sheet.
 */
static void view_box(const struct hm_diff *d, struct fp_point *mn, struct fp_point *mx)
{
	const struct hm_grid *g = &d->before.grid;
	const struct floorplan *fp = d->fp;
	double margin = d->before.ward ? 2 : 1.5;
	bool any = false;

	for (size_t w = 0; w < fp->nwards; w++) {
		struct fp_point a, b;

		if (d->before.ward && d->before.ward != &fp->wards[w])
			continue;
		fp_polygon_bounds(fp->wards[w].pts, fp->wards[w].npts, &a, &b);
		*mn = any ? (struct fp_point){ fmin(mn->x, a.x), fmin(mn->y, a.y) } : a;
		*mx = any ? (struct fp_point){ fmax(mx->x, b.x), fmax(mx->y, b.y) } : b;
		any = true;
	}
	for (size_t w = 0; !d->before.ward && w < fp->nwalls; w++) {
		struct fp_point a, b;

		fp_polygon_bounds(fp->walls[w].pts, fp->walls[w].npts, &a, &b);
		*mn = any ? (struct fp_point){ fmin(mn->x, a.x), fmin(mn->y, a.y) } : a;
		*mx = any ? (struct fp_point){ fmax(mx->x, b.x), fmax(mx->y, b.y) } : b;
		any = true;
	}
	if (!any) {
		*mn = (struct fp_point){ g->x0, g->y0 };
		*mx = (struct fp_point){ g->x0 + g->nx * g->cell_m, g->y0 + g->ny * g->cell_m };
		return;
	}
	mn->x = fmax(mn->x - margin, g->x0);
	mn->y = fmax(mn->y - margin, g->y0);
	mx->x = fmin(mx->x + margin, g->x0 + g->nx * g->cell_m);
	mx->y = fmin(mx->y + margin, g->y0 + g->ny * g->cell_m);
}

static void draw_page(struct dctx *c, double W, double H, const struct fp_raster *drawing)
{
	const struct hm_diff *d = c->d;
	double margin = 28 * c->u, legw = 170 * c->u, y = margin;
	char buf[512];

	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_paint(c->cr);
	snprintf(buf, sizeof(buf), "%s — %s%s%s — before and after", d->site[0] ? d->site : "Survey",
		 d->fp->name, d->opts.ward ? " — " : "", d->opts.ward ? d->opts.ward : "");
	y += dtext(c, margin, y, W - 2 * margin, buf, 14, true) + 3 * c->u;
	snprintf(buf, sizeof(buf), "Before: %s (%s, %zu samples). After: %s (%s, %zu samples).",
		 d->before_name, d->before_dates, d->before.nsamples, d->after_name, d->after_dates,
		 d->after.nsamples);
	y += dtext(c, margin, y, W - 2 * margin, buf, 8.5, false) + 2 * c->u;
	snprintf(buf, sizeof(buf), "Profile %s · SSID %s · %s · %.2f m cells · judged within %.0f m of "
				   "samples · notspot %s",
		 d->profile.name, d->opts.ssid ? d->opts.ssid : "all",
		 d->opts.band >= 0 ? hm_band_name(d->opts.band) : "all bands", d->before.grid.cell_m,
		 d->before.opts.est.reach_m, NOTSPOT_VERSION);
	y += dtext(c, margin, y, W - 2 * margin, buf, 8.5, false) + 2 * c->u;
	if (d->simulated)
		y += dtext(c, margin, y, W - 2 * margin,
			   "SIMULATED DATA — one or both surveys were made by notspot's propagation "
			   "model, not measured",
			   9, true) +
		     2 * c->u;
	y += 6 * c->u;
	{
		struct fp_point mn, mx;
		double gw, gh, tableh = (14.3 + 13 * (double)d->nareas) * c->u + 24 * c->u;
		double availw = W - 3 * margin - legw, availh = H - y - margin - tableh;

		view_box(d, &mn, &mx);
		gw = mx.x - mn.x;
		gh = mx.y - mn.y;
		c->v.s = fmin(availw / gw, availh / gh);
		c->v.x0 = mn.x;
		c->v.y0 = mn.y;
		c->v.mx = margin;
		c->v.my = y;
		c->v.mw = gw * c->v.s;
		c->v.mh = gh * c->v.s;
		draw_cells(c, drawing);
		draw_legend(c, c->v.mx + c->v.mw + margin, y, legw);
		y += c->v.mh + 6 * c->u;
		/* metre scale */
		{
			double len = gw > 40 ? 10 : gw > 10 ? 5 : 1;

			cairo_rectangle(c->cr, margin, y, len * c->v.s, 3 * c->u);
			cairo_set_source_rgb(c->cr, 0, 0, 0);
			cairo_fill(c->cr);
			snprintf(buf, sizeof(buf), "%.0f m", len);
			dtext(c, margin + len * c->v.s + 4 * c->u, y - 3 * c->u, 0, buf, 8, false);
		}
		y += 12 * c->u;
		draw_table(c, margin, y, W - 2 * margin);
	}
}

void hm_diff_describe(const struct hm_diff *d, char *buf, size_t len)
{
	snprintf(buf, len,
		 "site: %s\nfloor: %s\nward: %s\nmetric: change in %s, after - before (%s)\n"
		 "before: %s (%s, %zu samples)\nafter: %s (%s, %zu samples)\nssid: %s\nband: %s\n"
		 "profile: %s\ncell: %g m\nreach: %g m\nsoftware: notspot %s\n%s",
		 d->site[0] ? d->site : "(unnamed site)", d->fp->name,
		 d->opts.ward ? d->opts.ward : "(whole floor)", hm_metric_info(d->opts.metric)->key,
		 hm_diff_unit(d->opts.metric), d->before_name, d->before_dates, d->before.nsamples,
		 d->after_name, d->after_dates, d->after.nsamples, d->opts.ssid ? d->opts.ssid : "(all)",
		 d->opts.band >= 0 ? hm_band_name(d->opts.band) : "(all)", d->profile.name,
		 d->before.grid.cell_m, d->before.opts.est.reach_m, NOTSPOT_VERSION,
		 d->simulated ? "data: SIMULATED by notspot's propagation model, not measurements\n"
			      : "");
}

/* The page's title: what it compares, and SIMULATED DATA when it is. */
static void diff_title(const struct hm_diff *d, char *buf, size_t len)
{
	snprintf(buf, len, "Before and after: change in %s, %s%s%s%s%s",
		 hm_metric_info(d->opts.metric)->label, d->site[0] ? d->site : "", d->site[0] ? ", " : "",
		 d->fp->name, d->opts.ward ? ", " : "", d->opts.ward ? d->opts.ward : "");
	if (d->simulated && strlen(buf) + 20 < len)
		strcat(buf, " (SIMULATED DATA)");
}

static void diff_pdf_metadata(cairo_surface_t *surf, const struct hm_diff *d, const char *desc)
{
	char title[400];

	diff_title(d, title, sizeof(title));
	/* Names from a mailed survey may not be UTF-8: cairo would fail the whole PDF. */
	fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, desc);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_KEYWORDS,
				       d->simulated ? "Wi-Fi coverage, before and after, simulated"
						    : "Wi-Fi coverage, before and after");
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "notspot " NOTSPOT_VERSION);
}

/* The page drawn onto @surf (scaled by @k), the drawing under it when the floor has one. */
static cairo_status_t diff_draw(const struct hm_diff *d, cairo_surface_t *surf, double k, double W,
				double H)
{
	struct fp_raster drawing = { 0 };
	struct dctx c = { .d = d, .u = 1 };
	cairo_status_t st;

	if (d->fp->image && d->fp->image_len)
		fp_raster_for_floor(d->fp, &drawing, NULL);
	c.cr = cairo_create(surf);
	cairo_scale(c.cr, k, k);
	draw_page(&c, W, H, &drawing);
	st = cairo_status(c.cr);
	cairo_destroy(c.cr);
	fp_raster_release(&drawing);
	return st;
}

/* The PNG, through libpng with the provenance in text chunks, like every map. */
static int diff_png(const struct hm_diff *d, const char *path, int width_px, double W, double H,
		    const char *desc, struct ns_err *err)
{
	double k = (width_px > 400 ? width_px : 2000) / W;
	cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(W * k),
							   (int)ceil(H * k));
	char title[400];
	const struct hm_png_text t[4] = {
		{ "Title", title },
		{ "Software", "notspot " NOTSPOT_VERSION },
		{ "Description", desc },
		{ "Source", d->site[0] ? d->site : "notspot survey" },
	};
	cairo_status_t st = cairo_surface_status(surf);
	int rc;

	diff_title(d, title, sizeof(title));
	if (!st)
		st = diff_draw(d, surf, k, W, H);
	if (st) {
		cairo_surface_destroy(surf);
		return ns_err_set(err, -EIO, "cannot draw %s: %s", path, cairo_status_to_string(st));
	}
	rc = hm_png_write(surf, path, t, 4, err);
	cairo_surface_destroy(surf);
	return rc;
}

int hm_diff_render(const struct hm_diff *d, const char *path, enum hm_format fmt, int width_px,
		   struct ns_err *err)
{
	double W = 841.89, H = 595.28;
	cairo_surface_t *surf;
	cairo_status_t st;
	struct ns_outfile of;
	char desc[2048];
	int rc = 0;

	if (fmt != HM_FMT_PNG && fmt != HM_FMT_PDF)
		return ns_err_set(err, -EINVAL, "a difference map is written as .png or .pdf");
	hm_diff_describe(d, desc, sizeof(desc));
	if (fmt == HM_FMT_PNG)
		return diff_png(d, path, width_px, W, H, desc, err);
	if ((rc = ns_outfile_open(&of, path, err)))
		return rc;
	surf = fp_outsurface_pdf(&of, W, H);
	if (!(st = cairo_surface_status(surf))) {
		diff_pdf_metadata(surf, d, desc);
		st = diff_draw(d, surf, 1, W, H);
	}
	cairo_surface_finish(surf);
	if (!st)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (st) {
		rc = fp_outsurface_error(&of, st, err);
		ns_outfile_abort(&of);
		return rc;
	}
	return ns_outfile_commit(&of, err);
}

int hm_diff_files(const char *before_path, const char *after_path, const struct hm_diff_opts *o,
		  const char *out, struct hm_diff *d, struct ns_err *err)
{
	struct survey *sb = NULL, *sa = NULL;
	const char *nb = strrchr(before_path, '/'), *na = strrchr(after_path, '/');
	int rc, fmt = 0;

	memset(d, 0, sizeof(*d));
	if (out && (fmt = hm_format_of_path(out)) < 0)
		return ns_err_set(err, -EINVAL, "'%s' must end in .png or .pdf", out);
	if (out && fmt == HM_FMT_SVG)
		return ns_err_set(err, -EINVAL, "a difference map is written as .png or .pdf");
	if ((rc = survey_open(before_path, SURVEY_READ_ONLY, &sb, err)))
		return rc;
	if ((rc = survey_open(after_path, SURVEY_READ_ONLY, &sa, err))) {
		survey_close(sb);
		return rc;
	}
	rc = hm_diff_build(sb, sa, o, d, err);
	survey_close(sb);
	survey_close(sa);
	snprintf(d->before_name, sizeof(d->before_name), "%s", nb ? nb + 1 : before_path);
	snprintf(d->after_name, sizeof(d->after_name), "%s", na ? na + 1 : after_path);
	if (!rc && out)
		rc = hm_diff_render(d, out, (enum hm_format)fmt, 2400, err);
	return rc;
}
