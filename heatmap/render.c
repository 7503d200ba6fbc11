/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render.c — see render.h: the provenance, the layout of title, map,
 * legend and key, and the outputs (PNG through render_png.c, PDF, SVG).
 * The map's part of the floor is chosen in render_view.c, its layers drawn
 * in render_map.c and render_marks.c, the words around it in
 * render_legend.c.
 *
 * Layout, in points × u: the title block across the top (not on a report
 * page); below it the map, the legend in a column to its right, and under
 * the map the scale bar and the key of walls and doors. Everything is first
 * measured by a dry run of the same drawing code, then drawn.
 */
#include "heatmap/render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "floorplans/outsurface.h"
#include "heatmap/render_priv.h"
#include "util/clock.h"
#include "util/outfile.h"
#include "util/textcheck.h"
#include "util/version.h"

int hm_format_of_path(const char *path)
{
	size_t n = strlen(path);

	if (n >= 4 && strcasecmp(path + n - 4, ".png") == 0)
		return HM_FMT_PNG;
	if (n >= 4 && strcasecmp(path + n - 4, ".pdf") == 0)
		return HM_FMT_PDF;
	if (n >= 4 && strcasecmp(path + n - 4, ".svg") == 0)
		return HM_FMT_SVG;
	return -EINVAL;
}

void hm_render_opts_default(struct hm_render_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->metric = HM_M_PRIMARY;
	o->width_px = 2000;
	o->north_deg = NAN;
}

/* ---- provenance ------------------------------------------------------------- */

static void day(int64_t us, char *buf, size_t len)
{
	char t[32];

	ns_format_utc(us, t, sizeof(t));
	snprintf(buf, len, "%.10s", t);
}

static const char *metric_key(int metric)
{
	return metric < 0 ? "pass" : hm_metric_info(metric)->key;
}

const char *hmr_metric_label(int metric)
{
	return metric < 0 ? "Pass / fail" : hm_metric_info(metric)->label;
}

void hmr_survey_dates(const struct hm_map *m, char *buf, size_t len)
{
	char a[16], b[16];

	if (!m->first_us) {
		snprintf(buf, len, "undated");
		return;
	}
	day(m->first_us, a, sizeof(a));
	day(m->last_us, b, sizeof(b));
	if (strcmp(a, b) == 0)
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%s to %s", a, b);
}

/* The ward a drawing shows: the crop, the map's own, or NULL for the whole floor. */
static const char *ward_shown(const struct hm_map *m, const struct hm_render_opts *o)
{
	return o->crop_ward ? o->crop_ward : m->ward ? m->ward->name : NULL;
}

void hm_render_describe(const struct hm_map *m, const struct hm_render_opts *o, char *buf,
			size_t len)
{
	const char *ward = ward_shown(m, o);
	char dates[48];

	hmr_survey_dates(m, dates, sizeof(dates));
	snprintf(buf, len,
		 "site: %s\nfloor: %s\nward: %s\nmetric: %s\nssid: %s\nband: %s\nprofile: %s\n"
		 "surveyed: %s\nsamples: %zu\nmethod: %s%s\ncell: %g m\nreach: %g m\n"
		 "software: notspot %s\n%s%s%s%s",
		 o->site && *o->site ? o->site : "(unnamed site)",
		 o->floor && *o->floor ? o->floor : m->fp->name, ward ? ward : "(whole floor)",
		 metric_key(o->metric), m->opts.ssid ? m->opts.ssid : "(all)",
		 o->band && *o->band ? o->band : "(all)", m->has_profile ? m->profile.name : "(none)",
		 dates, m->nsamples, hm_method_name(m->opts.method),
		 m->opts.predict ? " (predicted beyond the reach)" : "", m->grid.cell_m,
		 m->opts.est.reach_m, NOTSPOT_VERSION, o->device ? "device offset: " : "",
		 o->device ? o->device : "", o->device ? "\n" : "",
		 o->simulated ? "data: SIMULATED by notspot's propagation model, not measurements\n" : "");
	if (o->set && o->set->nbadpos) {
		size_t at = strlen(buf);

		snprintf(buf + at, len - at, "skipped: %zu samples whose position is not a number\n",
			 o->set->nbadpos);
	}
}

void hm_render_summary_of(const struct hm_map *m, int metric, const char *crop_ward, char *buf,
			  size_t len)
{
	const struct fp_ward *w = crop_ward ? floorplan_find_ward(m->fp, crop_ward) : NULL;
	struct hm_area_stats st;
	int n;

	if (w && m->verdict)
		hm_ward_stats_compute(m->has_profile ? &m->profile : NULL, &m->grid, m->verdict, m->m,
				      m->fp, (int)(w - m->fp->wards), &m->notspots, &st);
	else if (m->verdict)
		hm_area_stats_compute(m->has_profile ? &m->profile : NULL, &m->grid, m->verdict, m->m,
				      m->ward_of, -2, &m->notspots, "", &st);
	else
		memset(&st, 0, sizeof(st));
	if (!m->verdict) { /* no profile: count the cover */
		double c2 = m->grid.cell_m * m->grid.cell_m;
		size_t nc = hm_grid_ncells(&m->grid);
		uint8_t *in = NULL;

		if (w)
			hm_ward_cells(m->fp, (int)(w - m->fp->wards), &m->grid, &in);
		for (size_t k = 0; k < nc; k++) {
			if (m->cover[k] == HM_COVER_OUTSIDE || (w && (!in || !in[k])))
				continue;
			st.area_m2 += c2;
			st.surveyed_m2 += m->cover[k] >= HM_COVER_SURVEYED ? c2 : 0;
		}
		free(in);
	}
	if (hm_render_judged(m, metric)) {
		snprintf(buf, len, "%s %.0f of %.0f m²\nPassing all of %s: %.0f%% of that\n"
				   "Not-spots on all rules: %zu, %.0f m²",
			 m->opts.predict ? "Judged (surveyed + predicted)" : "Surveyed", st.surveyed_m2,
			 st.area_m2, m->profile.name,
			 st.surveyed_m2 > 0 ? 100 * st.pass_m2 / st.surveyed_m2 : 0, st.notspots,
			 st.notspot_m2);
		return;
	}
	n = snprintf(buf, len, "%s %.0f of %.0f m²",
		     m->opts.predict ? "Shown (surveyed + predicted)" : "Surveyed", st.surveyed_m2,
		     st.area_m2);
	if (m->has_profile && metric >= 0 && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n,
			 "\n%s sets no threshold for %s: this map shows values only and "
			 "judges nothing; the pass map judges %s's rules",
			 m->profile.name, hm_metric_info(metric)->label, m->profile.name);
}

void hm_render_summary(const struct hm_map *m, int metric, char *buf, size_t len)
{
	hm_render_summary_of(m, metric, NULL, buf, len);
}

/* ---- layout -------------------------------------------------------------------- */

struct layout {
	double W, H;           /* the whole drawing, device units */
	double margin, titleh, legw, legh, keyh;
	double keyw;           /* the key's width: the map's, or the whole width under a short legend */
	double keyy;           /* its top */
};

/* Everything measured: the view for the frame @W × @max_h, the legend, the key. -1: no such crop ward. */
static int lay_out(struct ctx *c, double W, double max_h, struct layout *l)
{
	double u = c->u, aw, ah = 0, mw, mh, keyh = 30 * u, gap = HMR_GAP * u;

	l->W = W;
	l->margin = HMR_MARGIN * u;
	l->legw = HMR_LEGEND_W * u;
	c->dry = true;
	l->titleh = c->o->in_report ? 0 : hmr_draw_title(c, 0, 0, W - 2 * l->margin) + gap;
	aw = W - l->legw - 3 * l->margin;
	for (int pass = 0; pass < 2; pass++) {
		if (max_h > 0)
			ah = fmax(max_h - 2 * l->margin - l->titleh - gap - keyh, 40 * u);
		hmr_view_release(c);
		if (hmr_view_setup(c, aw, ah, &mw, &mh))
			return -1;
		c->v.mx = l->margin;
		c->v.my = l->margin + l->titleh;
		hmr_find_present(c);
		c->nunlabelled = 0;
		c->unlabelled[0] = 0;
		hmr_draw_map(c);
		l->legh = hmr_draw_legend(c, 0, 0, l->legw);
		/* Under a legend shorter than the map, the key runs the whole width. */
		l->keyw = l->legh <= mh ? mw + l->margin + l->legw : mw;
		l->keyh = hmr_draw_key(c, 0, 0, l->keyw);
		if (keyh >= l->keyh)
			break;
		keyh = l->keyh; /* a taller key than guessed: fit the map again */
	}
	l->W = 3 * l->margin + mw + l->legw;
	l->keyy = c->v.my + fmax(mh, l->keyw > mw ? l->legh : 0) + gap;
	l->H = fmax(l->keyy + l->keyh, c->v.my + l->legh) + l->margin;
	c->dry = false;
	return 0;
}

/* The whole picture at the laid-out places. */
static void draw(struct ctx *c, const struct layout *l)
{
	cairo_rectangle(c->cr, 0, 0, l->W, l->H);
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_fill(c->cr);
	memset(&c->info, 0, sizeof(c->info));
	c->nunlabelled = 0;
	c->unlabelled[0] = 0;
	if (!c->o->in_report)
		hmr_draw_title(c, l->margin, l->margin, l->W - 2 * l->margin);
	hmr_draw_map(c);
	hmr_draw_key(c, c->v.mx, l->keyy, l->keyw);
	hmr_draw_legend(c, c->v.mx + c->v.mw + l->margin, c->v.my, l->legw);
	c->info.map = (struct hm_box){ c->v.mx, c->v.my, c->v.mx + c->v.mw, c->v.my + c->v.mh };
	c->info.view_min = c->vmin;
	c->info.view_max = c->vmax;
	c->info.unlabelled = c->nunlabelled;
	if (c->o->info)
		*c->o->info = c->info;
}

/* A context for measuring before the real surface exists: an image for PNG, else vector. */
static cairo_t *scratch(enum hm_format fmt)
{
	cairo_surface_t *s = fmt == HM_FMT_PNG
				     ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1)
				     : cairo_recording_surface_create(CAIRO_CONTENT_COLOR, NULL);
	cairo_t *cr = cairo_create(s);

	cairo_surface_destroy(s);
	return cr;
}

/* ---- output -------------------------------------------------------------------- */

static int cairo_err(struct ns_err *err, cairo_status_t st, const char *path)
{
	return ns_err_set(err, -EIO, "cannot draw %s: %s", path, cairo_status_to_string(st));
}

/* The map's PNG with its provenance in iTXt chunks: Title, Software, Description, Source. */
static int write_png(cairo_surface_t *s, const char *path, const char *desc,
		     const struct hm_map *m, const struct hm_render_opts *o, struct ns_err *err)
{
	const char *ward = ward_shown(m, o);
	char title[400];
	const struct hm_png_text t[4] = {
		{ "Title", title },
		{ "Software", "notspot " NOTSPOT_VERSION },
		{ "Description", desc },
		{ "Source", o->site && *o->site ? o->site : "notspot survey" },
	};

	snprintf(title, sizeof(title), "%s: %s, %s%s%s%s", hmr_metric_label(o->metric),
		 o->site && *o->site ? o->site : "notspot map", m->fp->name, ward ? ", " : "",
		 ward ? ward : "", o->simulated ? " (SIMULATED DATA)" : "");
	return hm_png_write(s, path, t, 4, err);
}

/* Title, subject, author, keywords and creator of a map's PDF. */
static void pdf_metadata(cairo_surface_t *surf, const struct hm_map *m,
			 const struct hm_render_opts *o, const char *desc)
{
	const char *ward = ward_shown(m, o);
	char title[256], kw[256];

	snprintf(title, sizeof(title), "%s — %s%s%s%s", hmr_metric_label(o->metric), m->fp->name,
		 ward ? " — " : "", ward ? ward : "", o->simulated ? " (SIMULATED DATA)" : "");
	snprintf(kw, sizeof(kw), "Wi-Fi coverage, %s, %s%s", metric_key(o->metric),
		 m->has_profile ? m->profile.name : "no profile", o->simulated ? ", simulated" : "");
	/* Names from a mailed survey may not be UTF-8: cairo would fail the whole PDF. */
	fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, desc);
	fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_KEYWORDS, kw);
	if (o->surveyor && *o->surveyor)
		fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_AUTHOR, o->surveyor);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "notspot " NOTSPOT_VERSION);
}

/* The surface to draw on: an image for PNG, else PDF or SVG streamed into @of (opened). */
static cairo_surface_t *surface_for(enum hm_format fmt, struct ns_outfile *of, double W, double H)
{
	if (fmt == HM_FMT_PNG)
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(W), (int)ceil(H));
	if (fmt == HM_FMT_PDF)
		return fp_outsurface_pdf(of, W, H);
	return fp_outsurface_svg(of, W, H);
}

int hm_render_file(const struct hm_map *m, const struct hm_render_opts *o, const char *path,
		   enum hm_format fmt, struct ns_err *err)
{
	double W = fmt == HM_FMT_PNG ? (o->width_px > 200 ? o->width_px : 200) : HM_RENDER_SHEET_PT;
	struct ctx c = { .m = m, .o = o, .u = W / HM_RENDER_SHEET_PT, .crop = -1 };
	struct ns_outfile of = { 0 };
	cairo_surface_t *surf;
	cairo_status_t st;
	struct layout l;
	char desc[2048];
	int rc = 0;

	c.cr = scratch(fmt);
	rc = lay_out(&c, W, 0, &l);
	cairo_destroy(c.cr);
	if (rc) {
		hmr_view_release(&c);
		return ns_err_set(err, -ENOENT, "floor '%s' has no ward called '%s'", m->fp->name,
				  o->crop_ward);
	}
	/* PNG goes through write_png(); PDF and SVG are streamed by cairo into the outfile. */
	if (fmt != HM_FMT_PNG && (rc = ns_outfile_open(&of, path, err)))
		goto out;
	surf = surface_for(fmt, &of, l.W, l.H);
	if ((st = cairo_surface_status(surf))) {
		cairo_surface_destroy(surf);
		rc = fmt == HM_FMT_PNG ? cairo_err(err, st, path) : fp_outsurface_error(&of, st, err);
		ns_outfile_abort(&of);
		goto out;
	}
	hm_render_describe(m, o, desc, sizeof(desc));
	if (fmt == HM_FMT_PDF)
		pdf_metadata(surf, m, o, desc);
	c.cr = cairo_create(surf);
	cairo_set_source_rgb(c.cr, 1, 1, 1); /* the image's last row too, past the layout's height */
	cairo_paint(c.cr);
	draw(&c, &l);
	st = cairo_status(c.cr);
	cairo_destroy(c.cr);
	if (!st && fmt == HM_FMT_PNG)
		rc = write_png(surf, path, desc, m, o, err);
	cairo_surface_finish(surf);
	if (!rc && !st)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (!rc && st)
		rc = of.write_errno ? fp_outsurface_error(&of, st, err) : cairo_err(err, st, path);
	if (fmt != HM_FMT_PNG) {
		if (rc)
			ns_outfile_abort(&of);
		else
			rc = ns_outfile_commit(&of, err);
	}
out:
	hmr_view_release(&c);
	return rc;
}

/* ---- into a caller's context (reports) --------------------------------------------- */

void hm_render_size(const struct hm_map *m, const struct hm_render_opts *o, double w,
		    double max_h, double u, double *out_w, double *out_h)
{
	struct ctx c = { .m = m, .o = o, .u = u > 0 ? u : 1, .crop = -1 };
	struct layout l = { 0 };

	c.cr = scratch(HM_FMT_PDF);
	if (lay_out(&c, w, max_h, &l))
		l.W = l.H = 0;
	cairo_destroy(c.cr);
	hmr_view_release(&c);
	*out_w = l.W;
	*out_h = l.H;
}

void hm_render_draw(cairo_t *cr, const struct hm_map *m, const struct hm_render_opts *o, double w,
		    double max_h, double u)
{
	struct ctx c = { .cr = cr, .m = m, .o = o, .u = u > 0 ? u : 1, .crop = -1 };
	struct layout l;

	/*
	 * A context in error (the report's disk filled up) draws nothing, but
	 * cairo 1.16 leaks the hatch tiles and patterns made for it: make none.
	 */
	if (cairo_status(cr))
		return;
	cairo_save(cr);
	if (lay_out(&c, w, max_h, &l) == 0) {
		cairo_rectangle(cr, 0, 0, l.W, l.H);
		cairo_clip(cr);
		draw(&c, &l);
	}
	cairo_restore(cr);
	hmr_view_release(&c);
}
