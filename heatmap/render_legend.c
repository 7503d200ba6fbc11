/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_legend.c — around the map (render.h): the title block with the
 * provenance, the legend (the absolute scale with the profile's named
 * thresholds, or pass / fail; the hatches; every kind of marker and line on
 * the map; the rules and their source and the figures, unless the report's
 * page states them), and under the map the scale bar and the key of the
 * wall materials and doors present. Private to the renderer through
 * render_priv.h; every function measures when the context is dry.
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "heatmap/colormap.h"
#include "heatmap/render_priv.h"
#include "util/version.h"

#define SW 18.0   /* swatch width, points */
#define SH 11.0   /* swatch height */
#define BAR_H 150.0

static double nice_step(double span, int want)
{
	double raw = span / want, p = pow(10, floor(log10(raw))), f = raw / p;

	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

/* Parallel lines over a box in device units: dir +1 "/", -1 "\". */
static void hatch_lines(cairo_t *cr, double x0, double y0, double x1, double y1, double gap,
			int dir)
{
	double h = y1 - y0;

	for (double x = x0 - h; x < x1 + h; x += gap) {
		if (dir > 0) {
			cairo_move_to(cr, x, y1);
			cairo_line_to(cr, x + h, y0);
		} else {
			cairo_move_to(cr, x, y0);
			cairo_line_to(cr, x + h, y1);
		}
	}
}

static void fmt_num(double v, char *buf, size_t len)
{
	if (fabs(v - lrint(v)) < 1e-9)
		snprintf(buf, len, "%ld", lrint(v));
	else
		snprintf(buf, len, "%.1f", v);
	/* a true minus sign reads better in print */
	if (buf[0] == '-' && len > 4) {
		memmove(buf + 3, buf + 1, strlen(buf));
		memcpy(buf, "\xe2\x88\x92", 3);
	}
}

/* ---- the scale bar and the key under the map ---------------------------------------- */

/* A metre scale bar at (x, y): four segments of a 1-2-5 length near a fifth of the view. */
static double scale_bar(struct ctx *c, double x, double y, double *w)
{
	double len = nice_step((c->vmax.x - c->vmin.x) / 5, 1), seg = len / 4, h;
	cairo_t *cr = c->cr;
	char buf[32];

	for (int k = 0; k < 4 && !c->dry; k++) {
		cairo_rectangle(cr, x + k * seg * c->v.s, y, seg * c->v.s, 4 * c->u);
		cairo_set_source_rgb(cr, k % 2 ? 1 : 0, k % 2 ? 1 : 0, k % 2 ? 1 : 0);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.6 * c->u);
		cairo_stroke(cr);
	}
	hmr_text(c, x, y + 5 * c->u, "0", HMR_T_SMALL, false, FP_TEXT_CENTER, false, 0, NULL);
	snprintf(buf, sizeof(buf), "%g m", len);
	h = hmr_text(c, x + len * c->v.s, y + 5 * c->u, buf, HMR_T_SMALL, false, FP_TEXT_CENTER,
		     false, 0, NULL);
	*w = len * c->v.s + 20 * c->u;
	return 5 * c->u + h;
}

/* One entry of the key: a line sample in @st and @label; returns its width (height in *@h). */
static double key_entry(struct ctx *c, double x, double y, const struct hmr_line_style *st,
			bool door, const char *label, double *h)
{
	double lw = 22 * c->u, tw = 0, ly = y + 5 * c->u;

	if (!c->dry) {
		cairo_move_to(c->cr, x, ly);
		cairo_line_to(c->cr, x + lw, ly);
		if (door) {
			size_t nw;
			const struct hmr_line_style *walls = hmr_wall_styles(&nw);

			hmr_stroke_styled(c, &walls[hmr_wall_style_of("concrete")], 1);
			cairo_move_to(c->cr, x + 6 * c->u, ly);
			cairo_line_to(c->cr, x + lw - 6 * c->u, ly);
			cairo_set_source_rgb(c->cr, 1, 1, 1);
			cairo_set_line_width(c->cr, 3.6 * c->u);
			cairo_stroke_preserve(c->cr);
			cairo_set_source_rgb(c->cr, 0.1, 0.1, 0.1);
			cairo_set_line_width(c->cr, st->width * c->u);
			if (st->width > 0)
				cairo_stroke(c->cr);
			cairo_new_path(c->cr);
		} else {
			hmr_stroke_styled(c, st, 1);
		}
	}
	*h = hmr_text(c, x + lw + 4 * c->u, y, label, HMR_T_SMALL, false, FP_TEXT_LEFT, false, 0,
		      &tw);
	return lw + 4 * c->u + tw;
}

/* The label of key entry @k (walls first, then doors). */
static const char *key_label(size_t k, size_t nwalls, const struct hmr_line_style *walls)
{
	const struct fp_material *m;

	if (k < nwalls) {
		if (!walls[k].key)
			return "other wall material";
		m = fp_material_find(walls[k].key);
		return m ? m->label : walls[k].key;
	}
	switch (k - nwalls) {
	case 0: return "open doorway";
	case 1: return "door";
	default: return "fire door or other heavy door";
	}
}

/*
 * A 6 GHz map's walls: the table's 6 GHz losses are not measured figures but
 * the 5 GHz ones extended (floorplans/model.c), and the key says so, on the
 * row of the entries when it fits, else on a row of its own.
 */
static double six_ghz_note(struct ctx *c, double x0, double w, double *cx, double *y,
			   double *rowh)
{
	static const char note[] = "6 GHz wall losses: estimates from the 5 GHz table, not measured";
	double tw, h;
	bool dry = c->dry;

	c->dry = true;
	hmr_text(c, 0, 0, note, HMR_T_SMALL, false, FP_TEXT_LEFT, false, 0, &tw);
	c->dry = dry;
	if (*cx + tw > x0 + w && *cx > x0) {
		*y += *rowh + 3 * c->u;
		*cx = x0;
		*rowh = 0;
	}
	h = hmr_text(c, *cx, *y, note, HMR_T_SMALL, false, FP_TEXT_LEFT, false, 0, &tw);
	*cx += tw + 12 * c->u;
	return h;
}

double hmr_draw_key(struct ctx *c, double x, double y, double w)
{
	size_t nw, nd;
	const struct hmr_line_style *walls = hmr_wall_styles(&nw), *doors = hmr_door_styles(&nd);
	double x0 = x, y0 = y, sbw, rowh, cx;

	c->in_legend = true;
	rowh = scale_bar(c, x, y, &sbw);
	cx = x + sbw + 14 * c->u;
	for (size_t k = 0; k < nw + nd; k++) {
		bool door = k >= nw, on = door ? c->present.doors[k - nw] : c->present.materials[k];
		const struct hmr_line_style *st = door ? &doors[k - nw] : &walls[k];
		const char *label = key_label(k, nw, walls);
		double ew, eh;
		bool dry = c->dry;

		if (!on)
			continue;
		c->dry = true;
		ew = key_entry(c, 0, 0, st, door, label, &eh);
		c->dry = dry;
		if (cx + ew > x0 + w && cx > x0) { /* the next row */
			y += rowh + 3 * c->u;
			cx = x0;
			rowh = 0;
		}
		key_entry(c, cx, y, st, door, label, &eh);
		rowh = fmax(rowh, eh);
		cx += ew + 12 * c->u;
	}
	if (c->m->opts.band == FP_BAND_6G)
		rowh = fmax(rowh, six_ghz_note(c, x0, w, &cx, &y, &rowh));
	c->in_legend = false;
	return y + rowh - y0;
}

/* ---- the legend --------------------------------------------------------------------- */

bool hm_render_judged(const struct hm_map *m, int metric)
{
	if (!m->has_profile || !m->verdict)
		return false;
	if (metric < 0)
		return true;
	for (int k = 0; k < m->profile.nrules; k++)
		if ((int)m->profile.rules[k].metric == metric)
			return true;
	return false;
}

/* The colour bar's geometry: its box, device units. */
struct bar {
	double x, y, w, h;
};

/* A tick under a named threshold's label would be unreadable: such ticks are left out. */
static bool tick_clashes(const struct hm_map *m, int metric, double v, double step)
{
	bool clash = false;

	for (int k = 0; m->has_profile && k < m->profile.nrules; k++)
		clash |= (int)m->profile.rules[k].metric == metric &&
			 fabs(m->profile.rules[k].threshold - v) < step / 2.5;
	clash |= m->has_profile && metric == HM_M_PRIMARY &&
		 fabs(m->profile.unusable_dbm - v) < step / 2.5;
	return clash;
}

/* The viridis bar, good at the top whichever way the metric runs, with its ticks. */
static void legend_bar(struct ctx *c, int metric, const struct bar *b)
{
	const struct hm_metric_info *mi = hm_metric_info(metric);
	cairo_t *cr = c->cr;
	double step = nice_step(mi->hi - mi->lo, 6);
	char a[32];

	for (int k = 0; k < 100 && !c->dry; k++) {
		struct hm_rgb col = hm_viridis(k / 100.0 + 0.005);

		cairo_rectangle(cr, b->x, b->y + b->h * (1 - (k + 1) / 100.0), b->w, b->h / 100 + 0.5);
		cairo_set_source_rgb(cr, col.r, col.g, col.b);
		cairo_fill(cr);
	}
	if (!c->dry) {
		cairo_rectangle(cr, b->x, b->y, b->w, b->h);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.6 * c->u);
		cairo_stroke(cr);
	}
	for (double v = ceil(mi->lo / step) * step; v <= mi->hi + 1e-9; v += step) {
		double ty = b->y + b->h * (1 - hm_metric_t(metric, v));

		if (tick_clashes(c->m, metric, v, step))
			continue;
		if (!c->dry) {
			cairo_move_to(cr, b->x + b->w, ty);
			cairo_line_to(cr, b->x + b->w + 3 * c->u, ty);
			cairo_stroke(cr);
		}
		fmt_num(v, a, sizeof(a));
		hmr_text(c, b->x + b->w + 5 * c->u, ty - 5.5 * c->u, a, HMR_T_BODY, false, FP_TEXT_LEFT,
			 false, 0, NULL);
	}
}

/* A line across the bar at value @v, dashed when @dashed, with its name. */
static void threshold_line(struct ctx *c, int metric, const struct bar *b, double v, bool dashed,
			   const char *name)
{
	cairo_t *cr = c->cr;
	double ty = b->y + b->h * (1 - hm_metric_t(metric, v)), dash[2] = { 2.5 * c->u, 1.8 * c->u };

	if (!c->dry) {
		cairo_move_to(cr, b->x - 3 * c->u, ty);
		cairo_line_to(cr, b->x + b->w + 34 * c->u, ty);
		if (!dashed) {
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_set_line_width(cr, 2.4 * c->u);
			cairo_stroke_preserve(cr);
		}
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, (dashed ? 0.9 : 1.2) * c->u);
		cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	hmr_text(c, b->x + b->w + 37 * c->u, ty - 5.5 * c->u, name, HMR_T_BODY, !dashed, FP_TEXT_LEFT,
		 false, 0, NULL);
}

/* The profile's thresholds on @metric across the bar, named; the unusable level dashed. */
static void legend_thresholds(struct ctx *c, int metric, const struct bar *b)
{
	const struct hm_map *m = c->m;
	const struct hm_metric_info *mi = hm_metric_info(metric);
	char buf[256], a[32];

	for (int k = 0; m->has_profile && k < m->profile.nrules; k++) {
		const struct hm_rule *r = &m->profile.rules[k];

		if ((int)r->metric != metric)
			continue;
		fmt_num(r->threshold, a, sizeof(a));
		snprintf(buf, sizeof(buf), "%s %s: %s", a, mi->unit, m->profile.name);
		threshold_line(c, metric, b, r->threshold, false, buf);
	}
	if (m->has_profile && metric == HM_M_PRIMARY && isfinite(m->profile.unusable_dbm)) {
		fmt_num(m->profile.unusable_dbm, a, sizeof(a));
		snprintf(buf, sizeof(buf), "%s dBm: unusable", a);
		threshold_line(c, metric, b, m->profile.unusable_dbm, true, buf);
	}
}

/* A swatch: a filled box of grey/colour @rgb, hatched by @dir (0: none) in @hatch_grey. */
static void swatch(struct ctx *c, double x, double y, const double rgb[3], int dir,
		   double hatch_grey, bool bold_edge)
{
	cairo_t *cr = c->cr;
	double w = SW * c->u, h = SH * c->u;

	if (c->dry)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip_preserve(cr);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_fill(cr);
	if (dir) {
		cairo_set_source_rgba(cr, hatch_grey, hatch_grey, hatch_grey, 0.8);
		cairo_set_line_width(cr, 0.6 * c->u);
		hatch_lines(cr, x, y, x + w, y + h, (dir > 0 ? 4.5 : 3.5) * c->u, dir);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, (bold_edge ? 1.3 : 0.6) * c->u);
	cairo_stroke(cr);
}

/* A legend line: something drawn at (x, y) SW wide by the caller, then @text beside it. */
static double entry_text(struct ctx *c, double x, double y, double w, const char *text)
{
	double tw = w - (SW + 6) * c->u;

	return fmax(SH * c->u, hmr_text(c, x + (SW + 6) * c->u, y, text, HMR_T_BODY, false,
					FP_TEXT_LEFT, false, tw, NULL)) +
	       4 * c->u;
}

/* A metric map's scale: the bar and the thresholds. Returns the height. */
static double legend_scale(struct ctx *c, int metric, double x, double y)
{
	struct bar b = { x, y + 4 * c->u, 14 * c->u, BAR_H * c->u };

	(void)metric;
	legend_bar(c, metric, &b);
	legend_thresholds(c, metric, &b);
	return b.h + 14 * c->u;
}

/* The pass map's two swatches. Returns the height. */
static double legend_pass_fail(struct ctx *c, double x, double y, double w)
{
	const struct hm_map *m = c->m;
	const double pc[3] = { hm_color_pass.r, hm_color_pass.g, hm_color_pass.b };
	const double fc[3] = { hm_color_fail.r, hm_color_fail.g, hm_color_fail.b };
	double y0 = y;
	char buf[256];

	swatch(c, x, y, pc, 0, 0, false);
	snprintf(buf, sizeof(buf), "meets every rule of %s", m->has_profile ? m->profile.name : "");
	y += entry_text(c, x, y, w, buf);
	swatch(c, x, y, fc, 0, 0, false);
	snprintf(buf, sizeof(buf), "fails a rule of %s", m->has_profile ? m->profile.name : "");
	y += entry_text(c, x, y, w, buf);
	return y - y0 + 4 * c->u;
}

/* The not-surveyed and not-spot hatches (and the veil of a crop). Returns the height. */
static double legend_hatches(struct ctx *c, int metric, double x, double y, double w)
{
	const struct hm_map *m = c->m;
	const double ns[3] = { hm_color_not_surveyed.r, hm_color_not_surveyed.g,
			       hm_color_not_surveyed.b };
	const double fc[3] = { hm_color_fail.r, hm_color_fail.g, hm_color_fail.b };
	const double veil[3] = { 0.92, 0.92, 0.92 };
	double y0 = y;
	char buf[256];

	swatch(c, x, y, ns, 1, 0.3, false);
	snprintf(buf, sizeof(buf), "not surveyed: no sample within %g m, or behind > %g dB of wall",
		 m->opts.est.reach_m, m->opts.est.block_db);
	y += entry_text(c, x, y, w, buf);
	if (m->has_profile && hm_render_judged(m, metric) && c->present.notspots) {
		swatch(c, x, y, fc, -1, 1, true);
		snprintf(buf, sizeof(buf), "not-spot, numbered: fails %s%s%s over at least %g m² "
					   "holding a %g m square",
			 m->profile.name, metric < 0 ? "" : " on ",
			 metric < 0 ? "" : hm_metric_info(metric)->key,
			 fmax(m->opts.min_notspot_m2, HM_NOTSPOT_SQUARE_M * HM_NOTSPOT_SQUARE_M),
			 HM_NOTSPOT_SQUARE_M);
		y += entry_text(c, x, y, w, buf);
	}
	if (c->crop_cells) {
		swatch(c, x, y, veil, 0, 0, false);
		y += entry_text(c, x, y, w, "outside this ward, shown faded for context");
	}
	return y - y0 + 4 * c->u;
}

/* A line sample for the legend: the path (red), a ward boundary (dashed blue). */
static void line_sample(struct ctx *c, double x, double y, bool path)
{
	cairo_t *cr = c->cr;
	double dash[2] = { 4 * c->u, 2.5 * c->u }, ly = y + SH * c->u / 2;

	if (c->dry)
		return;
	cairo_save(cr);
	cairo_move_to(cr, x, ly);
	cairo_line_to(cr, x + SW * c->u * (path ? 0.6 : 1), ly);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 2 * c->u);
	cairo_stroke_preserve(cr);
	if (path) {
		cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
		cairo_set_line_width(cr, 0.8 * c->u);
	} else {
		cairo_set_source_rgb(cr, 0.0, 0.15, 0.55);
		cairo_set_line_width(cr, 1.1 * c->u);
		cairo_set_dash(cr, dash, 2, 0);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Every kind of marker and line on the map, one line each. Returns the height. */
static double legend_marks(struct ctx *c, double x, double y, double w)
{
	static const char *const kind_text[HM_AP_NKINDS] = {
		"AP planned (a place from the plan)",
		"AP placed by survey on site",
		"AP place estimated from the samples",
		"AP proposed (notspot plan)",
		"AP on another floor (its floor in brackets)",
	};
	const struct hmr_present *p = &c->present;
	double y0 = y;

	for (int k = 0; k < HM_AP_NKINDS; k++) {
		if (!p->kinds[k])
			continue;
		hmr_ap_marker(c, (enum hm_ap_kind)k, x + SW * c->u / 2, y + SH * c->u / 2);
		y += entry_text(c, x, y, w, kind_text[k]);
	}
	if (p->path) {
		line_sample(c, x, y, true);
		y += entry_text(c, x, y, w, "walked path");
	}
	if (p->samples && !c->dry) {
		cairo_new_path(c->cr);
		cairo_arc(c->cr, x + SW * c->u / 2, y + SH * c->u / 2, 1.3 * c->u, 0, 2 * M_PI);
		cairo_set_source_rgb(c->cr, 1, 1, 1);
		cairo_fill_preserve(c->cr);
		cairo_set_source_rgb(c->cr, 0, 0, 0);
		cairo_set_line_width(c->cr, 0.5 * c->u);
		cairo_stroke(c->cr);
	}
	if (p->samples)
		y += entry_text(c, x, y, w, "place of a sample");
	y += hmr_legend_roams(c, x, y, w);
	y += hmr_legend_chans(c, x, y, w);
	if (p->wards) {
		line_sample(c, x, y, false);
		y += entry_text(c, x, y, w, "ward boundary");
	}
	return y > y0 ? y - y0 + 4 * c->u : 0;
}

/* The rules and their source (a map on its own: the page of a report says them). */
static double legend_rules(struct ctx *c, double x, double y, double w)
{
	const struct hm_map *m = c->m;
	double y0 = y;
	char a[96];

	y += hmr_text(c, x, y, "Requirements", HMR_T_HEAD, true, FP_TEXT_LEFT, false, w, NULL) +
	     2 * c->u;
	for (int k = 0; k < m->profile.nrules; k++) {
		hm_rule_describe(&m->profile.rules[k], a, sizeof(a));
		y += hmr_text(c, x, y, a, HMR_T_BODY, false, FP_TEXT_LEFT, false, w, NULL) + 1 * c->u;
	}
	if (m->profile.source[0])
		y += hmr_text(c, x, y + 2 * c->u, m->profile.source, HMR_T_SMALL, false, FP_TEXT_LEFT,
			      false, w, NULL) +
		     6 * c->u;
	return y - y0;
}

double hmr_draw_legend(struct ctx *c, double x, double y, double w)
{
	const struct hm_map *m = c->m;
	int metric = c->o->metric;
	double y0 = y;
	char buf[512];

	c->in_legend = true;
	if (metric >= 0)
		snprintf(buf, sizeof(buf), "%s (%s)", hm_metric_info(metric)->label,
			 hm_metric_info(metric)->unit);
	else
		snprintf(buf, sizeof(buf), "Pass / fail");
	y += hmr_text(c, x, y, buf, HMR_T_HEAD, true, FP_TEXT_LEFT, false, w, NULL) + 4 * c->u;
	y += metric >= 0 ? legend_scale(c, metric, x, y) : legend_pass_fail(c, x, y, w);
	y += legend_hatches(c, metric, x, y, w);
	y += legend_marks(c, x, y, w);
	if (!c->o->in_report) {
		if (m->has_profile && hm_render_judged(m, metric))
			y += legend_rules(c, x, y, w);
		hm_render_summary_of(m, metric, c->o->crop_ward, buf, sizeof(buf));
		y += hmr_text(c, x, y, buf, HMR_T_BODY, false, FP_TEXT_LEFT, false, w, NULL) +
		     6 * c->u;
	}
	if (c->nunlabelled) {
		char list[600];

		snprintf(list, sizeof(list), "Not named on the map for lack of room: %s",
			 c->unlabelled);
		y += hmr_text(c, x, y, list, HMR_T_SMALL, false, FP_TEXT_LEFT, false, w, NULL) +
		     4 * c->u;
	}
	c->in_legend = false;
	return y - y0;
}

/* ---- the title block --------------------------------------------------------------- */

double hmr_draw_title(struct ctx *c, double x, double y, double w)
{
	const struct hm_map *m = c->m;
	const struct hm_render_opts *o = c->o;
	const char *ward = o->crop_ward ? o->crop_ward : m->ward ? m->ward->name : NULL;
	char l1[400], l2[400], l3[400], dates[48];
	double y0 = y;

	hmr_survey_dates(m, dates, sizeof(dates));
	snprintf(l1, sizeof(l1), "%s — %s%s%s%s", o->site && *o->site ? o->site : "Unnamed site",
		 o->floor && *o->floor ? o->floor : m->fp->name, ward ? " — " : "", ward ? ward : "",
		 ward ? "" : " (whole floor)");
	snprintf(l2, sizeof(l2), "%s · SSID %s · %s · profile %s%s%s", hmr_metric_label(o->metric),
		 m->opts.ssid ? m->opts.ssid : "all", o->band && *o->band ? o->band : "all bands",
		 m->has_profile ? m->profile.name : "none", o->device ? " · as heard by " : "",
		 o->device ? o->device : "");
	snprintf(l3, sizeof(l3), "Surveyed %s · %zu samples · %s method · %g m cells · notspot %s",
		 dates, m->nsamples, hm_method_name(m->opts.method), m->grid.cell_m, NOTSPOT_VERSION);
	y += hmr_text(c, x, y, l1, HMR_T_TITLE, true, FP_TEXT_LEFT, false, w, NULL) + 2 * c->u;
	y += hmr_text(c, x, y, l2, HMR_T_SUBTITLE, false, FP_TEXT_LEFT, false, w, NULL) + 1 * c->u;
	y += hmr_text(c, x, y, l3, HMR_T_BODY, false, FP_TEXT_LEFT, false, w, NULL);
	if (o->simulated)
		y += 2 * c->u + hmr_text(c, x, y + 2 * c->u,
					 "SIMULATED DATA — made by notspot's propagation model, not "
					 "measurements",
					 HMR_T_SUBTITLE, true, FP_TEXT_LEFT, false, w, NULL);
	if (m->opts.predict)
		y += 2 * c->u + hmr_text(c, x, y + 2 * c->u,
					 "PREDICTED: cells beyond the walked area show the model's "
					 "estimate, not a measurement",
					 HMR_T_SUBTITLE, true, FP_TEXT_LEFT, false, w, NULL);
	return y - y0;
}
