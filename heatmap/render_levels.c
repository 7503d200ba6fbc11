/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_levels.c — a building's overview (render.h, hm_render_building_*):
 * every level's map, highest first as the building stands, each under its
 * name and figures, at one scale so the levels compare, with one legend and
 * one key for all of them. Built from the single-map renderer's pieces
 * (render_priv.h): a context per level for its view and layers, the legend
 * and the key drawn once with what all the levels show.
 */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/outsurface.h"
#include "heatmap/render_priv.h"
#include "util/outfile.h"
#include "util/version.h"

#define LEVEL_HEAD 14.0 /* a level's heading line, points */

struct blayout {
	double W, H, margin, titleh, legw, legh, keyh, keyy, s;
	size_t ncols;   /* levels side by side */
	double *y;      /* each level's map top, device units */
	struct hmr_present all; /* what the levels show together */
};

/* What every level shows, for the one legend and key. */
static void merge_present(struct hmr_present *all, const struct hmr_present *p)
{
	for (int k = 0; k < HM_AP_NKINDS; k++)
		all->kinds[k] += p->kinds[k];
	all->path |= p->path;
	all->samples |= p->samples;
	all->wards |= p->wards;
	all->notspots |= p->notspots;
	for (size_t k = 0; k < sizeof(all->materials) / sizeof(all->materials[0]); k++)
		all->materials[k] |= p->materials[k];
	for (size_t k = 0; k < sizeof(all->doors) / sizeof(all->doors[0]); k++)
		all->doors[k] |= p->doors[k];
}

/* The heading of level @lv: its name and its figures against the profile. */
static void level_heading(const struct hm_level *lv, char *buf, size_t len)
{
	const struct hm_map *m = lv->m;
	struct hm_area_stats st;

	if (!m->verdict) {
		snprintf(buf, len, "%s", lv->name);
		return;
	}
	hm_area_stats_compute(&m->profile, &m->grid, m->verdict, m->m, m->ward_of, -2, &m->notspots,
			      "", &st);
	if (st.surveyed_m2 > 0)
		snprintf(buf, len, "%s: %.0f%% surveyed, %.0f%% passes", lv->name,
			 100 * st.surveyed_m2 / st.area_m2, 100 * st.pass_m2 / st.surveyed_m2);
	else
		snprintf(buf, len, "%s — not surveyed", lv->name);
}

/* The contexts of the @n levels: each one's options (its samples, drawing; the arrow on top). */
static void contexts(cairo_t *cr, const struct hm_level *lv, size_t n,
		     const struct hm_render_opts *o, double u, struct ctx *c, struct hm_render_opts *lo)
{
	for (size_t i = 0; i < n; i++) {
		lo[i] = *o;
		lo[i].set = lv[i].set;
		lo[i].drawing = lv[i].drawing;
		lo[i].floor = lv[i].name;
		lo[i].crop_ward = NULL;
		lo[i].info = NULL;
		lo[i].in_report = true; /* a level's map has no title block of its own */
		if (i > 0)
			lo[i].north_deg = NAN; /* one arrow, on the top level */
		c[i] = (struct ctx){ .cr = cr, .m = lv[i].m, .o = &lo[i], .u = u, .crop = -1 };
	}
}

/* Every level's view at one scale, stacked: the scale that fits @aw and, given, @max_h. */
/* The scale @ncols columns of levels allow in @aw × @ah (0: no height limit); the boxes @bw, @bh. */
static double grid_scale(const double *bw, const double *bh, size_t n, size_t ncols, double aw,
			 double ah, double gap, double head)
{
	double colw = (aw - (double)(ncols - 1) * gap) / (double)ncols, s = INFINITY, sumh = 0;
	size_t rows = (n + ncols - 1) / ncols;

	for (size_t i = 0; i < n; i++)
		s = fmin(s, colw / bw[i]);
	for (size_t r = 0; r < rows; r++) {
		double rowh = 0;

		for (size_t i = r * ncols; i < n && i < (r + 1) * ncols; i++)
			rowh = fmax(rowh, bh[i]);
		sumh += rowh;
	}
	if (ah > 0)
		s = fmin(s, (ah - (double)rows * (head + gap)) / sumh);
	return s;
}

/*
 * Every level's view at one scale: in as many columns (highest level first,
 * row by row) as give the largest scale within @W and, given, @max_h.
 */
static int lay_out_levels(struct ctx *c, size_t n, double W, double max_h, struct blayout *l)
{
	double u = c[0].u, big = 1e6, mw, mh, gap = HMR_GAP * u, head = LEVEL_HEAD * u, aw, ah = 0;
	double *bw = calloc(n + 1, sizeof(double)), *bh = calloc(n + 1, sizeof(double));
	int rc = -1;

	l->margin = HMR_MARGIN * u;
	l->legw = HMR_LEGEND_W * u;
	aw = W - l->legw - 3 * l->margin;
	if (max_h > 0)
		ah = max_h - 2 * l->margin - l->titleh - 40 * u;
	for (size_t i = 0; bw && bh && i < n; i++) { /* each level's box, at any scale */
		if (hmr_view_setup(&c[i], big, big, &mw, &mh))
			goto out;
		bw[i] = c[i].vmax.x - c[i].vmin.x;
		bh[i] = c[i].vmax.y - c[i].vmin.y;
		hmr_view_release(&c[i]);
	}
	l->s = 0;
	for (size_t cols = 1; bw && bh && cols <= n; cols++) {
		double s = grid_scale(bw, bh, n, cols, aw, ah, gap, head);

		if (s > l->s * 1.05) { /* more columns only for a clearly larger map */
			l->s = s;
			l->ncols = cols;
		}
	}
	if (!(l->s > 0))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (hmr_view_setup(&c[i], bw[i] * l->s, bh[i] * l->s, &mw, &mh))
			goto out;
	rc = 0;
out:
	free(bw);
	free(bh);
	return rc;
}

/* Measure everything, then place it: title, the levels in their grid, legend, key. */
static int lay_out(struct ctx *c, size_t n, double W, double max_h, struct blayout *l)
{
	double u = c[0].u, gap = HMR_GAP * u, head = LEVEL_HEAD * u, y, right = 0, rowh = 0;
	struct hmr_present all = { 0 };

	for (size_t i = 0; i < n; i++)
		c[i].dry = true;
	l->W = W;
	if (lay_out_levels(c, n, W, max_h, l))
		return -1;
	y = l->margin + l->titleh;
	for (size_t i = 0; i < n; i++) {
		size_t col = i % l->ncols;
		double colw = 0;

		if (col == 0 && i > 0) {
			y += rowh + head + gap;
			rowh = 0;
		}
		for (size_t k = 0; k < n; k++) /* the widest level sets the column's width */
			colw = fmax(colw, c[k].v.mw);
		l->y[i] = y + head;
		c[i].v.mx = l->margin + (double)col * (colw + gap);
		c[i].v.my = l->y[i];
		hmr_find_present(&c[i]);
		c[i].nunlabelled = 0;
		c[i].unlabelled[0] = 0;
		hmr_draw_map(&c[i]);
		merge_present(&all, &c[i].present);
		rowh = fmax(rowh, c[i].v.mh);
		right = fmax(right, c[i].v.mx + c[i].v.mw);
	}
	y += rowh + head + gap;
	l->all = all;
	c[0].present = all;
	l->legh = hmr_draw_legend(&c[0], 0, 0, l->legw);
	l->W = right + 2 * l->margin + l->legw;
	l->keyh = hmr_draw_key(&c[0], 0, 0, l->W - 2 * l->margin);
	l->keyy = fmax(y, l->margin + l->titleh + l->legh + gap);
	l->H = l->keyy + l->keyh + l->margin;
	for (size_t i = 0; i < n; i++)
		c[i].dry = false;
	return 0;
}

/* The title block: site and building, the metric, SIMULATED DATA when it is. */
static double building_title(struct ctx *c, const char *building, size_t n, double x, double y,
			     double w)
{
	const struct hm_render_opts *o = c->o;
	char l1[400], l2[400];
	double y0 = y;

	snprintf(l1, sizeof(l1), "%s — %s (%zu level%s)", o->site && *o->site ? o->site : "Unnamed site",
		 building && *building ? building : "building", n, n == 1 ? "" : "s");
	snprintf(l2, sizeof(l2), "%s · SSID %s · %s · profile %s · notspot %s",
		 hmr_metric_label(o->metric), c->m->opts.ssid ? c->m->opts.ssid : "all",
		 o->band && *o->band ? o->band : "all bands",
		 c->m->has_profile ? c->m->profile.name : "none", NOTSPOT_VERSION);
	y += hmr_text(c, x, y, l1, HMR_T_TITLE, true, FP_TEXT_LEFT, false, w, NULL) + 2 * c->u;
	y += hmr_text(c, x, y, l2, HMR_T_SUBTITLE, false, FP_TEXT_LEFT, false, w, NULL);
	if (o->simulated)
		y += 2 * c->u + hmr_text(c, x, y + 2 * c->u,
					 "SIMULATED DATA — made by notspot's propagation model, not "
					 "measurements",
					 HMR_T_SUBTITLE, true, FP_TEXT_LEFT, false, w, NULL);
	return y - y0 + HMR_GAP * c->u;
}

/* The whole overview at the laid-out places. */
static void draw(struct ctx *c, const struct hm_level *lv, size_t n, const char *building,
		 const struct blayout *l)
{
	char buf[512];

	cairo_rectangle(c[0].cr, 0, 0, l->W, l->H);
	cairo_set_source_rgb(c[0].cr, 1, 1, 1);
	cairo_fill(c[0].cr);
	if (l->titleh > 0)
		building_title(&c[0], building, n, l->margin, l->margin, l->W - 2 * l->margin);
	for (size_t i = 0; i < n; i++) {
		level_heading(&lv[i], buf, sizeof(buf));
		hmr_text(&c[i], c[i].v.mx, l->y[i] - LEVEL_HEAD * c[i].u, buf, HMR_T_HEAD, true,
			 FP_TEXT_LEFT, false, c[i].v.mw, NULL);
		memset(&c[i].info, 0, sizeof(c[i].info));
		c[i].nunlabelled = 0;
		c[i].unlabelled[0] = 0;
		hmr_draw_map(&c[i]);
		if (i > 0 && c[i].nunlabelled) {
			size_t len = strlen(c[0].unlabelled);

			snprintf(c[0].unlabelled + len, sizeof(c[0].unlabelled) - len, "%s%s",
				 len ? ", " : "", c[i].unlabelled);
			c[0].nunlabelled += c[i].nunlabelled;
		}
	}
	c[0].present = l->all;
	hmr_draw_legend(&c[0], l->W - l->margin - l->legw, l->margin + l->titleh, l->legw);
	hmr_draw_key(&c[0], l->margin, l->keyy, l->W - 2 * l->margin);
	if (c[0].o->info) {
		*c[0].o->info = c[0].info;
		c[0].o->info->legend_type_min = c[0].info.legend_type_min;
	}
}

/* Contexts and layout for @n levels on @cr; the caller releases with release_all(). */
static int prepare(cairo_t *cr, const struct hm_level *lv, size_t n, const struct hm_render_opts *o,
		   const char *building, double W, double max_h, double u, struct ctx *c,
		   struct hm_render_opts *lo, struct blayout *l)
{
	contexts(cr, lv, n, o, u, c, lo);
	l->titleh = 0;
	if (!o->in_report) {
		c[0].dry = true;
		l->titleh = building_title(&c[0], building, n, 0, 0, W - 2 * HMR_MARGIN * u);
	}
	return lay_out(c, n, W, max_h, l);
}

static void release_all(struct ctx *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hmr_view_release(&c[i]);
}

void hm_render_building_size(const struct hm_level *lv, size_t n, const struct hm_render_opts *o,
			     const char *building, double w, double max_h, double u, double *out_w,
			     double *out_h)
{
	cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, NULL);
	cairo_t *cr = cairo_create(s);
	struct ctx *c = calloc(n + 1, sizeof(*c));
	struct hm_render_opts *lo = calloc(n + 1, sizeof(*lo));
	struct blayout l = { .y = calloc(n + 1, sizeof(double)) };

	*out_w = *out_h = 0;
	if (n && c && lo && l.y &&
	    prepare(cr, lv, n, o, building, w, max_h, u > 0 ? u : 1, c, lo, &l) == 0) {
		*out_w = l.W;
		*out_h = l.H;
	}
	if (c)
		release_all(c, n);
	free(c);
	free(lo);
	free(l.y);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

void hm_render_building_draw(cairo_t *cr, const struct hm_level *lv, size_t n,
			     const struct hm_render_opts *o, const char *building, double w,
			     double max_h, double u)
{
	struct ctx *c = calloc(n + 1, sizeof(*c));
	struct hm_render_opts *lo = calloc(n + 1, sizeof(*lo));
	struct blayout l = { .y = calloc(n + 1, sizeof(double)) };

	cairo_save(cr);
	if (n && c && lo && l.y &&
	    prepare(cr, lv, n, o, building, w, max_h, u > 0 ? u : 1, c, lo, &l) == 0) {
		cairo_rectangle(cr, 0, 0, l.W, l.H);
		cairo_clip(cr);
		draw(c, lv, n, building, &l);
	}
	cairo_restore(cr);
	if (c)
		release_all(c, n);
	free(c);
	free(lo);
	free(l.y);
}

/* ---- the file --------------------------------------------------------------------- */

/* The overview's provenance: "key: value" lines (the PNG's Description, the PDF's Subject). */
static void describe(const struct hm_level *lv, size_t n, const struct hm_render_opts *o,
		     const char *building, char *buf, size_t len)
{
	const struct hm_map *m = lv[0].m;
	size_t used, samples = 0;

	for (size_t i = 0; i < n; i++)
		samples += lv[i].m->nsamples;
	used = (size_t)snprintf(buf, len,
				"site: %s\nbuilding: %s\nmetric: %s\nssid: %s\nband: %s\nprofile: %s\n"
				"samples: %zu\nsoftware: notspot %s\n%slevels:",
				o->site && *o->site ? o->site : "(unnamed site)",
				building && *building ? building : "(unnamed)",
				o->metric < 0 ? "pass" : hm_metric_info(o->metric)->key,
				m->opts.ssid ? m->opts.ssid : "(all)",
				o->band && *o->band ? o->band : "(all)",
				m->has_profile ? m->profile.name : "(none)", samples, NOTSPOT_VERSION,
				o->simulated ? "data: SIMULATED by notspot's propagation model, not "
					       "measurements\n"
					     : "");
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s %s", i ? "," : "", lv[i].name);
	if (used < len)
		snprintf(buf + used, len - used, "\n");
}

/* The drawing onto @surf of the laid-out overview; the cairo status. */
static cairo_status_t paint(cairo_surface_t *surf, const struct hm_level *lv, size_t n,
			    const struct hm_render_opts *o, const char *building, double W, double u)
{
	cairo_t *cr = cairo_create(surf);
	cairo_status_t st;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	hm_render_building_draw(cr, lv, n, o, building, W, 0, u);
	st = cairo_status(cr);
	cairo_destroy(cr);
	return st;
}

int hm_render_building_file(const struct hm_level *lv, size_t n, const struct hm_render_opts *o,
			    const char *building, const char *path, enum hm_format fmt,
			    struct ns_err *err)
{
	double W = fmt == HM_FMT_PNG ? (o->width_px > 200 ? o->width_px : 200) : HM_RENDER_SHEET_PT;
	double u = W / HM_RENDER_SHEET_PT, w, h;
	char desc[2048], title[400];
	struct ns_outfile of = { 0 };
	cairo_surface_t *surf;
	cairo_status_t st;
	int rc = 0;

	if (!n)
		return ns_err_set(err, -ENOENT, "the building has no level to show");
	hm_render_building_size(lv, n, o, building, W, 0, u, &w, &h);
	if (!(w > 0 && h > 0))
		return ns_err_set(err, -EINVAL, "the building's levels cannot be laid out");
	describe(lv, n, o, building, desc, sizeof(desc));
	snprintf(title, sizeof(title), "%s: %s, %s (all levels)%s", hmr_metric_label(o->metric),
		 o->site && *o->site ? o->site : "notspot map", building && *building ? building : "",
		 o->simulated ? " (SIMULATED DATA)" : "");
	/* PDF and SVG stream through the outfile, so a failed write is named with its errno. */
	if (fmt != HM_FMT_PNG && (rc = ns_outfile_open(&of, path, err)))
		return rc;
	surf = fmt == HM_FMT_PNG ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w),
							      (int)ceil(h))
	       : fmt == HM_FMT_PDF ? fp_outsurface_pdf(&of, w, h)
				   : fp_outsurface_svg(&of, w, h);
	if (fmt == HM_FMT_PDF) { /* names from a mailed survey may not be UTF-8 */
		fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
		fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, desc);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
					       "notspot " NOTSPOT_VERSION);
	}
	st = cairo_surface_status(surf);
	if (!st)
		st = paint(surf, lv, n, o, building, W, u);
	if (!st && fmt == HM_FMT_PNG) {
		const struct hm_png_text t[4] = { { "Title", title },
						  { "Software", "notspot " NOTSPOT_VERSION },
						  { "Description", desc },
						  { "Source", o->site && *o->site ? o->site : "notspot survey" } };

		rc = hm_png_write(surf, path, t, 4, err);
	}
	cairo_surface_finish(surf);
	if (!st && !rc)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (!rc && st)
		rc = of.write_errno ? fp_outsurface_error(&of, st, err)
				    : ns_err_set(err, -EIO, "cannot draw %s: %s", path,
						 cairo_status_to_string(st));
	if (fmt != HM_FMT_PNG)
		rc = rc ? (ns_outfile_abort(&of), rc) : ns_outfile_commit(&of, err);
	return rc;
}
