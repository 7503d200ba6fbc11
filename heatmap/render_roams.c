/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_roams.c — the roam layer (render_priv.h): where the walk's
 * association changed and where it clung to a weak AP (heatmap/roam.h), drawn
 * over the field when the render options carry a roaming analysis.
 *
 * Markers differ by shape, so the layer reads in greyscale: a roam with no
 * measurable gap is a small filled circle; a roam or reconnect that left the
 * device unassociated for HMR_GAP_MARK_S or more is a larger filled square
 * named with its gap; the start of a sticky stretch is a circle with a cross.
 */
#include <math.h>
#include <stdio.h>

#include "heatmap/roam.h"
#include "heatmap/render_priv.h"

#define HMR_GAP_MARK_S 1.0 /* s: a gap at least this long is named on the map */
#define SW 18.0            /* the legend's swatch, as render_legend.c's */
#define SH 11.0

static void roam_dot(cairo_t *cr, double x, double y, double u)
{
	cairo_new_path(cr);
	cairo_arc(cr, x, y, 2.6 * u, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 1.6 * u);
	cairo_stroke_preserve(cr);
	cairo_set_source_rgb(cr, 0.05, 0.2, 0.6);
	cairo_fill(cr);
}

static void gap_square(cairo_t *cr, double x, double y, double u)
{
	double h = 3.6 * u;

	cairo_new_path(cr);
	cairo_rectangle(cr, x - h, y - h, 2 * h, 2 * h);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 1.6 * u);
	cairo_stroke_preserve(cr);
	cairo_set_source_rgb(cr, 0.6, 0.0, 0.15);
	cairo_fill(cr);
}

static void sticky_mark(cairo_t *cr, double x, double y, double u)
{
	double r = 3.6 * u, d = r * M_SQRT1_2;

	cairo_new_path(cr);
	cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	cairo_move_to(cr, x - d, y - d);
	cairo_line_to(cr, x + d, y + d);
	cairo_move_to(cr, x - d, y + d);
	cairo_line_to(cr, x + d, y - d);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 2.4 * u);
	cairo_stroke_preserve(cr);
	cairo_set_source_rgb(cr, 0.75, 0.35, 0.0);
	cairo_set_line_width(cr, 1.1 * u);
	cairo_stroke(cr);
}

static bool event_shown(const struct ctx *c, const struct hm_roam_event *e)
{
	return e->placed && hmr_in_view(c, (struct fp_point){ e->x_m, e->y_m }, 0);
}

void hmr_find_roams(struct ctx *c)
{
	const struct hm_roam *r = c->o->roams;

	for (size_t i = 0; r && i < r->nevents; i++) {
		const struct hm_roam_event *e = &r->events[i];

		if (!event_shown(c, e))
			continue;
		if (e->gap_s >= HMR_GAP_MARK_S)
			c->present.roam_gaps = true;
		else
			c->present.roams = true;
	}
	for (size_t i = 0; r && i < r->nstickies; i++)
		c->present.stickies |= r->stickies[i].placed &&
				       hmr_in_view(c, (struct fp_point){ r->stickies[i].x_m,
									 r->stickies[i].y_m }, 0);
}

void hmr_draw_roams(struct ctx *c)
{
	const struct hm_roam *r = c->o->roams;
	double x, y;
	char buf[24];

	if (!r || c->dry)
		return;
	for (size_t i = 0; i < r->nstickies; i++) {
		if (!r->stickies[i].placed)
			continue;
		hm_view_to_dev(&c->v, r->stickies[i].x_m, r->stickies[i].y_m, &x, &y);
		sticky_mark(c->cr, x, y, c->u);
	}
	for (size_t i = 0; i < r->nevents; i++) {
		const struct hm_roam_event *e = &r->events[i];

		if (!e->placed || e->gap_s >= HMR_GAP_MARK_S)
			continue;
		hm_view_to_dev(&c->v, e->x_m, e->y_m, &x, &y);
		roam_dot(c->cr, x, y, c->u);
	}
	/* Gaps last, on top, each named with its length. */
	for (size_t i = 0; i < r->nevents; i++) {
		const struct hm_roam_event *e = &r->events[i];

		if (!event_shown(c, e) || e->gap_s < HMR_GAP_MARK_S)
			continue;
		hm_view_to_dev(&c->v, e->x_m, e->y_m, &x, &y);
		gap_square(c->cr, x, y, c->u);
		snprintf(buf, sizeof(buf), "%.1f s", e->gap_s);
		hmr_text(c, x + 5 * c->u, y - 5 * c->u, buf, HMR_T_SMALL, true, FP_TEXT_LEFT, true,
			 0, NULL);
	}
}

static double entry(struct ctx *c, double x, double y, double w, const char *text)
{
	return fmax(SH * c->u, hmr_text(c, x + (SW + 6) * c->u, y, text, HMR_T_BODY, false,
					FP_TEXT_LEFT, false, w - (SW + 6) * c->u, NULL)) +
	       4 * c->u;
}

double hmr_legend_roams(struct ctx *c, double x, double y, double w)
{
	const struct hm_roam *r = c->o->roams;
	double y0 = y, mx = x + SW * c->u / 2, my;
	char buf[160];

	if (!r)
		return 0;
	if (c->present.roams) {
		my = y + SH * c->u / 2;
		if (!c->dry)
			roam_dot(c->cr, mx, my, c->u);
		snprintf(buf, sizeof(buf), "roam: the device changed AP here, gap under %.0f s",
			 HMR_GAP_MARK_S);
		y += entry(c, x, y, w, buf);
	}
	if (c->present.roam_gaps) {
		my = y + SH * c->u / 2;
		if (!c->dry)
			gap_square(c->cr, mx, my, c->u);
		y += entry(c, x, y, w, "roam or reconnect after time with no association "
				       "(its length beside it)");
	}
	if (c->present.stickies) {
		my = y + SH * c->u / 2;
		if (!c->dry)
			sticky_mark(c->cr, mx, my, c->u);
		snprintf(buf, sizeof(buf), "sticky client: held an AP %.0f dB or more weaker than "
					   "another of its SSID for %.0f s or more (where it began)",
			 r->opts.better_db, r->opts.sticky_min_s);
		y += entry(c, x, y, w, buf);
	}
	return y - y0;
}
