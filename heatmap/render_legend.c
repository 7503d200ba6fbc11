/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_legend.c — around the map (render.h): the title block with the
 * provenance, the legend (the absolute scale with the profile's named
 * thresholds, or pass / fail; the hatches; the rules and their source), the
 * words under it, and the metre scale bar. Private to render.c through
 * render_priv.h.
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "heatmap/colormap.h"
#include "heatmap/render_priv.h"
#include "util/version.h"

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

void hmr_draw_scale_bar(struct ctx *c, double x, double y)
{
	double wm = c->v.mw / c->v.s, len = nice_step(wm / 4, 1), seg = len / 5;
	cairo_t *cr = c->cr;
	char buf[32];

	for (int k = 0; k < 5; k++) {
		cairo_rectangle(cr, x + k * seg * c->v.s, y, seg * c->v.s, 7 * c->u);
		if (k % 2 == 0) {
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_fill_preserve(cr);
		}
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 1 * c->u);
		cairo_stroke(cr);
	}
	hmr_text(c, x, y + 9 * c->u, "0", 11, false, FP_TEXT_CENTER, false, 0);
	snprintf(buf, sizeof(buf), "%g m", len);
	hmr_text(c, x + len * c->v.s, y + 9 * c->u, buf, 11, false, FP_TEXT_CENTER, false, 0);
}

static void swatch_hatched(struct ctx *c, double x, double y, double w, double h, double r,
			   double g, double b, int dir, bool outline)
{
	cairo_t *cr = c->cr;

	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip_preserve(cr);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_fill(cr);
	if (dir > 0)
		cairo_set_source_rgba(cr, 0, 0, 0, 0.45);
	else
		cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
	cairo_set_line_width(cr, 1.3 * c->u);
	hatch_lines(cr, x, y, x + w, y + h, 7 * c->u, dir);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, (outline ? 2.5 : 1) * c->u);
	cairo_stroke(cr);
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

void hm_render_summary(const struct hm_map *m, int metric, char *buf, size_t len)
{
	size_t nc = hm_grid_ncells(&m->grid), sv = 0, all = 0;
	double c2 = m->grid.cell_m * m->grid.cell_m;
	int n;

	if (hm_render_judged(m, metric)) {
		struct hm_area_stats st;

		hm_area_stats_compute(&m->profile, &m->grid, m->verdict, m->m, m->ward_of, -2,
				      &m->notspots, "", &st);
		snprintf(buf, len, "%s %.0f of %.0f m²\nPassing all of %s: %.0f%% of that\n"
				   "Not-spots on all rules: %zu, %.0f m²",
			 m->opts.predict ? "Judged (surveyed + predicted)" : "Surveyed", st.surveyed_m2,
			 st.area_m2, m->profile.name,
			 st.surveyed_m2 > 0 ? 100 * st.pass_m2 / st.surveyed_m2 : 0, m->notspots.n,
			 st.notspot_m2);
		return;
	}
	for (size_t k = 0; k < nc; k++) {
		all += m->cover[k] != HM_COVER_OUTSIDE;
		sv += m->cover[k] >= HM_COVER_SURVEYED;
	}
	n = snprintf(buf, len, "%s %.0f of %.0f m²",
		     m->opts.predict ? "Shown (surveyed + predicted)" : "Surveyed", sv * c2,
		     all * c2);
	if (m->has_profile && metric >= 0 && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n,
			 "\n%s sets no threshold for %s: this map shows values only and "
			 "judges nothing; the pass map judges %s's rules",
			 m->profile.name, hm_metric_info(metric)->label, m->profile.name);
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
			 fabs(m->profile.rules[k].threshold - v) < step / 3;
	clash |= m->has_profile && metric == HM_M_PRIMARY &&
		 fabs(m->profile.unusable_dbm - v) < step / 3;
	return clash;
}

/* The viridis bar, good at the top whichever way the metric runs, with its ticks. */
static void legend_bar(struct ctx *c, int metric, const struct bar *b)
{
	const struct hm_metric_info *mi = hm_metric_info(metric);
	cairo_t *cr = c->cr;
	double step = nice_step(mi->hi - mi->lo, 6);
	char a[32];

	for (int k = 0; k < 100; k++) {
		struct hm_rgb col = hm_viridis(k / 100.0 + 0.005);

		cairo_rectangle(cr, b->x, b->y + b->h * (1 - (k + 1) / 100.0), b->w, b->h / 100 + 0.5);
		cairo_set_source_rgb(cr, col.r, col.g, col.b);
		cairo_fill(cr);
	}
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1 * c->u);
	cairo_stroke(cr);
	for (double v = ceil(mi->lo / step) * step; v <= mi->hi + 1e-9; v += step) {
		double ty = b->y + b->h * (1 - hm_metric_t(metric, v));

		if (tick_clashes(c->m, metric, v, step))
			continue;
		cairo_move_to(cr, b->x + b->w, ty);
		cairo_line_to(cr, b->x + b->w + 5 * c->u, ty);
		cairo_stroke(cr);
		fmt_num(v, a, sizeof(a));
		hmr_text(c, b->x + b->w + 8 * c->u, ty - 7 * c->u, a, 11, false, FP_TEXT_LEFT, false, 0);
	}
}

/* The profile's thresholds on @metric across the bar, named; the unusable level dashed. */
static void legend_thresholds(struct ctx *c, int metric, const struct bar *b)
{
	const struct hm_map *m = c->m;
	const struct hm_metric_info *mi = hm_metric_info(metric);
	cairo_t *cr = c->cr;
	char buf[256], a[32];

	for (int k = 0; m->has_profile && k < m->profile.nrules; k++) {
		const struct hm_rule *r = &m->profile.rules[k];
		double ty;

		if ((int)r->metric != metric)
			continue;
		ty = b->y + b->h * (1 - hm_metric_t(metric, r->threshold));
		cairo_move_to(cr, b->x - 4 * c->u, ty);
		cairo_line_to(cr, b->x + b->w + 60 * c->u, ty);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 4 * c->u);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 2 * c->u);
		cairo_stroke(cr);
		fmt_num(r->threshold, a, sizeof(a));
		snprintf(buf, sizeof(buf), "%s %s: %s", a, mi->unit, m->profile.name);
		hmr_text(c, b->x + b->w + 64 * c->u, ty - 8 * c->u, buf, 11, true, FP_TEXT_LEFT, false, 0);
	}
	if (m->has_profile && metric == HM_M_PRIMARY && isfinite(m->profile.unusable_dbm)) {
		double ty = b->y + b->h * (1 - hm_metric_t(metric, m->profile.unusable_dbm));
		double dash[2] = { 4 * c->u, 3 * c->u };

		cairo_move_to(cr, b->x - 4 * c->u, ty);
		cairo_line_to(cr, b->x + b->w + 60 * c->u, ty);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 1.5 * c->u);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		fmt_num(m->profile.unusable_dbm, a, sizeof(a));
		snprintf(buf, sizeof(buf), "%s dBm: unusable", a);
		hmr_text(c, b->x + b->w + 64 * c->u, ty - 8 * c->u, buf, 11, false, FP_TEXT_LEFT, false, 0);
	}
}

/* A metric map's scale: its name, the bar and the thresholds. Returns the new y. */
static double legend_scale(struct ctx *c, int metric, double x, double y, double w)
{
	const struct hm_metric_info *mi = hm_metric_info(metric);
	struct bar b;
	char buf[256];

	snprintf(buf, sizeof(buf), "%s (%s)", mi->label, mi->unit);
	y += hmr_text(c, x, y, buf, 13, true, FP_TEXT_LEFT, false, w) + 8 * c->u;
	b = (struct bar){ x, y, 26 * c->u, 260 * c->u };
	legend_bar(c, metric, &b);
	legend_thresholds(c, metric, &b);
	return y + (b.h + 16 * c->u);
}

/* The pass map's two swatches. Returns the new y. */
static double legend_pass_fail(struct ctx *c, double x, double y, double w, double sw, double sh)
{
	const struct hm_map *m = c->m;
	struct hm_rgb pc = hm_color_pass, fc = hm_color_fail;
	char buf[256];

	y += hmr_text(c, x, y, "Pass / fail", 13, true, FP_TEXT_LEFT, false, w) + 8 * c->u;
	cairo_rectangle(c->cr, x, y, sw, sh);
	cairo_set_source_rgb(c->cr, pc.r, pc.g, pc.b);
	cairo_fill(c->cr);
	snprintf(buf, sizeof(buf), "meets %s", m->has_profile ? m->profile.name : "");
	hmr_text(c, x + sw + 8 * c->u, y, buf, 11, false, FP_TEXT_LEFT, false, w - sw);
	y += sh + 6 * c->u;
	cairo_rectangle(c->cr, x, y, sw, sh);
	cairo_set_source_rgb(c->cr, fc.r, fc.g, fc.b);
	cairo_fill(c->cr);
	hmr_text(c, x + sw + 8 * c->u, y, "fails a rule", 11, false, FP_TEXT_LEFT, false, w - sw);
	return y + (sh + 12 * c->u);
}

/* The not-surveyed and not-spot hatches, the rules and their source. Returns the new y. */
static double legend_hatches_and_rules(struct ctx *c, int metric, double x, double y, double w,
				       double sw, double sh)
{
	const struct hm_map *m = c->m;
	double tw = w - sw - 8 * c->u;
	char buf[256], a[32];

	swatch_hatched(c, x, y, sw, sh, 0.82, 0.82, 0.82, 1, false);
	snprintf(buf, sizeof(buf), "not surveyed (no sample within %g m, or behind > %g dB of wall)",
		 m->opts.est.reach_m, m->opts.est.block_db);
	y += fmax(sh, hmr_text(c, x + sw + 8 * c->u, y, buf, 11, false, FP_TEXT_LEFT, false, tw)) +
	     8 * c->u;
	if (m->has_profile && hm_render_judged(m, metric)) {
		struct hm_rgb fc = hm_color_fail;

		swatch_hatched(c, x, y, sw, sh, fc.r, fc.g, fc.b, -1, true);
		snprintf(buf, sizeof(buf), "not-spot: fails %s%s%s (≥ %g m²), numbered",
			 m->profile.name, metric < 0 ? "" : " on ",
			 metric < 0 ? "" : hm_metric_info(metric)->key, m->opts.min_notspot_m2);
		y += fmax(sh, hmr_text(c, x + sw + 8 * c->u, y, buf, 11, false, FP_TEXT_LEFT, false,
				       tw)) +
		     12 * c->u;
		y += hmr_text(c, x, y, "Requirements", 12, true, FP_TEXT_LEFT, false, w) + 4 * c->u;
		for (int k = 0; k < m->profile.nrules; k++) {
			hm_rule_describe(&m->profile.rules[k], a, sizeof(a));
			y += hmr_text(c, x, y, a, 11, false, FP_TEXT_LEFT, false, w) + 2 * c->u;
		}
		if (m->profile.source[0])
			y += hmr_text(c, x, y + 4 * c->u, m->profile.source, 9, false, FP_TEXT_LEFT,
				      false, w) +
			     8 * c->u;
	} else if (m->has_profile) {
		/* Nothing on this map is judged: no rules listed, no pass share (see the summary). */
		y += 4 * c->u;
		y += hmr_text(c, x, y, "No threshold", 12, true, FP_TEXT_LEFT, false, w) + 4 * c->u;
	}
	return y;
}

double hmr_draw_legend(struct ctx *c, double x, double y, double w)
{
	int metric = c->o->metric;
	double y0 = y, sw = 26 * c->u, sh = 18 * c->u;
	char buf[256];

	if (metric >= 0)
		y = legend_scale(c, metric, x, y, w);
	else
		y = legend_pass_fail(c, x, y, w, sw, sh);
	y = legend_hatches_and_rules(c, metric, x, y, w, sw, sh);
	/* The numbers under the picture. */
	hm_render_summary(c->m, metric, buf, sizeof(buf));
	y += hmr_text(c, x, y, buf, 11, false, FP_TEXT_LEFT, false, w) + 8 * c->u;
	return y - y0;
}

void hmr_draw_title(struct ctx *c, double x, double y, double w)
{
	const struct hm_map *m = c->m;
	const struct hm_render_opts *o = c->o;
	char l1[400], l2[400], l3[400], dates[48];

	hmr_survey_dates(m, dates, sizeof(dates));
	snprintf(l1, sizeof(l1), "%s — %s%s%s%s", o->site && *o->site ? o->site : "Unnamed site",
		 o->floor && *o->floor ? o->floor : m->fp->name, m->ward ? " — " : "",
		 m->ward ? m->ward->name : "", m->ward ? "" : " (whole floor)");
	snprintf(l2, sizeof(l2), "%s · SSID %s · %s · profile %s", hmr_metric_label(o->metric),
		 m->opts.ssid ? m->opts.ssid : "all", o->band && *o->band ? o->band : "all bands",
		 m->has_profile ? m->profile.name : "none");
	snprintf(l3, sizeof(l3), "%s %s · %zu samples · %s method · %g m cells · notspot %s",
		 o->simulated ? "SIMULATED DATA, not measurements ·" : "Surveyed", dates, m->nsamples,
		 hm_method_name(m->opts.method), m->grid.cell_m, NOTSPOT_VERSION);
	y += hmr_text(c, x, y, l1, 18, true, FP_TEXT_LEFT, false, w) + 4 * c->u;
	y += hmr_text(c, x, y, l2, 13, false, FP_TEXT_LEFT, false, w) + 2 * c->u;
	y += hmr_text(c, x, y, l3, 11, false, FP_TEXT_LEFT, false, w);
	if (m->opts.predict)
		hmr_text(c, x, y + 4 * c->u,
			 "PREDICTED: cells beyond the walked area show the model's estimate, not a "
			 "measurement",
			 12, true, FP_TEXT_LEFT, false, w);
}
