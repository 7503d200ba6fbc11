/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map_view.c — the walker's plan. See map_view.h. */
#include "walker/gui/map_view.h"
#include "walker/gui/probe.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "floorplans/plan_render.h"
#include "heatmap/colormap.h"

struct map_view {
	GtkWidget *area;
	const struct floorplan *fp;
	struct walk_session *session;
	struct walk_source *src;
	map_tap_fn on_tap;
	void *tap_arg;

	double scale;              /* screen px per metre */
	double ox, oy;             /* screen px of metre (0, 0) */
	bool auto_fit;             /* refit on resize until the user zooms or pans */
	int selected_ward;         /* -1: none */
	cairo_surface_t *drawing;  /* the floor's drawing in floor pixels, or NULL */
	cairo_surface_t *heat;     /* the live coverage picture, a pixel per cell, or NULL */
	struct live_heat_frame heat_frame;
	char heat_title[96];

	double drag_ox, drag_oy;   /* offset when a drag began */
	bool panning;
	double pointer_x, pointer_y;
	double pinch_scale;        /* the gesture's scale at the last update */
	int64_t now_us;
	char *probe_path;
	char probe_last[128];
};

/* ---- colours --------------------------------------------------------------- */

/*
 * The heatmap's own scale (heatmap/colormap.h: viridis, −65 dBm where green
 * starts), so the live view and the rendered maps read the same.
 */
void map_signal_rgb(double dbm, double rgb[3])
{
	struct hm_rgb c = hm_metric_color(HM_M_PRIMARY, dbm);

	if (isnan(dbm)) {
		rgb[0] = rgb[1] = rgb[2] = 0.45;
		return;
	}
	rgb[0] = c.r;
	rgb[1] = c.g;
	rgb[2] = c.b;
}

/* ---- transforms -------------------------------------------------------------- */

static void to_screen(const struct map_view *v, double xm, double ym, double *sx, double *sy)
{
	*sx = v->ox + xm * v->scale;
	*sy = v->oy + ym * v->scale;
}

static void to_floor(const struct map_view *v, double sx, double sy, double *xm, double *ym)
{
	*xm = (sx - v->ox) / v->scale;
	*ym = (sy - v->oy) / v->scale;
}

static void floor_bounds(const struct floorplan *fp, double *x0, double *y0, double *x1,
			 double *y1)
{
	double w = floorplan_width_m(fp), h = floorplan_height_m(fp);

	/* The drawing's extent: its pixel (0, 0) is metre -origin / scale. */
	*x0 = fp->px_per_m > 0 ? -fp->origin_x_px / fp->px_per_m : 0;
	*y0 = fp->px_per_m > 0 ? -fp->origin_y_px / fp->px_per_m : 0;
	*x1 = *x0 + (w > 0 ? w : 10);
	*y1 = *y0 + (h > 0 ? h : 10);
	for (size_t i = 0; i < fp->nwards; i++) {
		struct fp_point mn, mx;

		fp_polygon_bounds(fp->wards[i].pts, fp->wards[i].npts, &mn, &mx);
		*x0 = fmin(*x0, mn.x);
		*y0 = fmin(*y0, mn.y);
		*x1 = fmax(*x1, mx.x);
		*y1 = fmax(*y1, mx.y);
	}
}

static void fit_box(struct map_view *v, double x0, double y0, double x1, double y1)
{
	int w = gtk_widget_get_width(v->area), h = gtk_widget_get_height(v->area);
	double margin = 36;
	double sx, sy;

	if (w <= 2 * margin || h <= 2 * margin || x1 <= x0 || y1 <= y0)
		return;
	sx = (w - 2 * margin) / (x1 - x0);
	sy = (h - 2 * margin) / (y1 - y0);
	v->scale = fmin(sx, sy);
	v->ox = w / 2.0 - (x0 + x1) / 2.0 * v->scale;
	v->oy = h / 2.0 - (y0 + y1) / 2.0 * v->scale;
}

/* Fit what is selected: the ward, or the whole floor. */
static void fit_selection(struct map_view *v)
{
	double x0, y0, x1, y1;

	if (v->selected_ward >= 0) {
		const struct fp_ward *w = &v->fp->wards[v->selected_ward];
		struct fp_point mn, mx;

		fp_polygon_bounds(w->pts, w->npts, &mn, &mx);
		fit_box(v, mn.x - 2, mn.y - 2, mx.x + 2, mx.y + 2);
		return;
	}
	floor_bounds(v->fp, &x0, &y0, &x1, &y1);
	fit_box(v, x0, y0, x1, y1);
}

void map_view_fit(struct map_view *v)
{
	fit_selection(v);
	v->auto_fit = true;
	gtk_widget_queue_draw(v->area);
}

static void zoom_at(struct map_view *v, double factor, double sx, double sy)
{
	double xm, ym;
	double ns = v->scale * factor;

	if (ns < 0.5 || ns > 2000)
		return;
	to_floor(v, sx, sy, &xm, &ym);
	v->scale = ns;
	v->ox = sx - xm * ns;
	v->oy = sy - ym * ns;
	v->auto_fit = false;
	gtk_widget_queue_draw(v->area);
}

void map_view_zoom(struct map_view *v, double factor)
{
	zoom_at(v, factor, gtk_widget_get_width(v->area) / 2.0,
		gtk_widget_get_height(v->area) / 2.0);
}

void map_view_pan(struct map_view *v, double dx, double dy)
{
	v->ox += dx;
	v->oy += dy;
	v->auto_fit = false;
	gtk_widget_queue_draw(v->area);
}

void map_view_select_ward(struct map_view *v, int i)
{
	v->selected_ward = i >= 0 && (size_t)i < v->fp->nwards ? i : -1;
	map_view_fit(v); /* kept fitted (on resize too) until the user zooms or pans */
}

/* ---- drawing ----------------------------------------------------------------- */

static void text_at(cairo_t *cr, GtkWidget *w, const char *txt, double x, double y,
		    const char *font, double r, double g, double b, bool centre, bool halo)
{
	PangoLayout *l = gtk_widget_create_pango_layout(w, txt);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int tw, th;

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_get_pixel_size(l, &tw, &th);
	if (centre) {
		x -= tw / 2.0;
		y -= th / 2.0;
	}
	if (halo) {
		cairo_move_to(cr, x, y);
		pango_cairo_layout_path(cr, l);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
		cairo_set_line_width(cr, 4);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(cr);
	}
	cairo_move_to(cr, x, y);
	cairo_set_source_rgb(cr, r, g, b);
	pango_cairo_show_layout(cr, l);
	cairo_new_path(cr); /* leave no current point for the next arc to join */
	g_object_unref(l);
}

static double text_width(GtkWidget *w, const char *txt, const char *font)
{
	PangoLayout *l = gtk_widget_create_pango_layout(w, txt);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int tw, th;

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_get_pixel_size(l, &tw, &th);
	g_object_unref(l);
	return tw;
}

static void poly_path(cairo_t *cr, const struct map_view *v, const struct fp_point *p, size_t n,
		      bool close)
{
	for (size_t i = 0; i < n; i++) {
		double sx, sy;

		to_screen(v, p[i].x, p[i].y, &sx, &sy);
		if (i == 0)
			cairo_move_to(cr, sx, sy);
		else
			cairo_line_to(cr, sx, sy);
	}
	if (close)
		cairo_close_path(cr);
}

/* The sheet with a soft shadow, the faded drawing, the live coverage on it. */
static void draw_sheet(cairo_t *cr, struct map_view *v)
{
	const struct floorplan *fp = v->fp;
	double x0, y0, x1, y1, sx0, sy0, sx1, sy1;

	floor_bounds(fp, &x0, &y0, &x1, &y1);
	to_screen(v, x0, y0, &sx0, &sy0);
	to_screen(v, x1, y1, &sx1, &sy1);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.35);
	cairo_rectangle(cr, sx0 + 4, sy0 + 4, sx1 - sx0, sy1 - sy0);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, sx0, sy0, sx1 - sx0, sy1 - sy0);
	cairo_fill(cr);
	if (v->drawing && fp->px_per_m > 0) {
		cairo_save(cr);
		cairo_translate(cr, v->ox, v->oy);
		cairo_scale(cr, v->scale / fp->px_per_m, v->scale / fp->px_per_m);
		cairo_translate(cr, -fp->origin_x_px, -fp->origin_y_px);
		cairo_set_source_surface(cr, v->drawing, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_paint_with_alpha(cr, 0.55); /* faded: the survey data reads on top */
		cairo_restore(cr);
	}
	/* The live coverage: surveyed cells only, smoothed between cell centres. */
	if (v->heat) {
		const struct live_heat_frame *f = &v->heat_frame;
		double sx, sy;

		to_screen(v, f->x0, f->y0, &sx, &sy);
		cairo_save(cr);
		cairo_translate(cr, sx, sy);
		cairo_scale(cr, f->cell_m * v->scale, f->cell_m * v->scale);
		cairo_set_source_surface(cr, v->heat, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_NONE);
		cairo_paint(cr);
		cairo_restore(cr);
	}
}

/* Wards: a light tint and a firm outline. */
static void draw_wards(cairo_t *cr, struct map_view *v)
{
	const struct floorplan *fp = v->fp;

	for (size_t i = 0; i < fp->nwards; i++) {
		bool sel = (int)i == v->selected_ward;

		poly_path(cr, v, fp->wards[i].pts, fp->wards[i].npts, true);
		cairo_set_source_rgba(cr, 0.12, 0.35, 0.65, sel ? 0.14 : 0.05);
		cairo_fill_preserve(cr);
		cairo_set_source_rgba(cr, 0.12, 0.30, 0.55, sel ? 1.0 : 0.55);
		cairo_set_line_width(cr, sel ? 3.5 : 1.5);
		cairo_set_dash(cr, (double[]){ 8, 4 }, sel ? 0 : 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

/* Walls in their material's colour, thickness by how much they stop the signal; openings. */
static void draw_walls(cairo_t *cr, struct map_view *v)
{
	const struct floorplan *fp = v->fp;

	cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
	for (size_t i = 0; i < fp->nwalls; i++) {
		double loss = fp->walls[i].loss_db[FP_BAND_5G];
		double rgb[3];

		fp_material_colour(fp->walls[i].material, rgb);
		poly_path(cr, v, fp->walls[i].pts, fp->walls[i].npts, false);
		cairo_set_line_width(cr, loss >= 30 ? 6 : loss >= 15 ? 4 : 2.5);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_stroke(cr);
	}
	/* Openings: gaps, doors in a door colour. */
	for (size_t i = 0; i < fp->nopenings; i++) {
		const struct fp_opening *o = &fp->openings[i];
		double ax, ay, bx, by;

		to_screen(v, o->a.x, o->a.y, &ax, &ay);
		to_screen(v, o->b.x, o->b.y, &bx, &by);
		cairo_move_to(cr, ax, ay);
		cairo_line_to(cr, bx, by);
		cairo_set_line_width(cr, 7);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_stroke(cr);
		if (o->loss_db[FP_BAND_5G] > 0.5) {
			double rgb[3];

			fp_material_colour(o->kind, rgb);
			cairo_move_to(cr, ax, ay);
			cairo_line_to(cr, bx, by);
			cairo_set_line_width(cr, 2.5);
			cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
			cairo_stroke(cr);
		}
	}
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

/* Ward names over the walls, and the planned APs. */
static void draw_names_and_aps(cairo_t *cr, struct map_view *v)
{
	const struct floorplan *fp = v->fp;

	for (size_t i = 0; i < fp->nwards; i++) {
		struct fp_point mn, mx;
		double cx, cy;

		fp_polygon_bounds(fp->wards[i].pts, fp->wards[i].npts, &mn, &mx);
		to_screen(v, (mn.x + mx.x) / 2, mn.y + 0.9, &cx, &cy);
		if ((mx.x - mn.x) * v->scale > 60)
			text_at(cr, v->area, fp->wards[i].name, cx, cy, "Sans Bold 11", 0.12, 0.25,
				0.45, true, true);
	}
	for (size_t i = 0; i < fp->naps; i++) {
		double sx, sy;

		to_screen(v, fp->aps[i].pos.x, fp->aps[i].pos.y, &sx, &sy);
		cairo_move_to(cr, sx, sy - 9);
		cairo_line_to(cr, sx + 8, sy + 6);
		cairo_line_to(cr, sx - 8, sy + 6);
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.3);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 1.5);
		cairo_stroke(cr);
		text_at(cr, v->area, fp->aps[i].name, sx + 10, sy - 4, "Sans 9", 0.25, 0.25, 0.3,
			false, true);
	}
}

static void draw_floor(cairo_t *cr, struct map_view *v)
{
	draw_sheet(cr, v);
	draw_wards(cr, v);
	draw_walls(cr, v);
	draw_names_and_aps(cr, v);
}

static void draw_samples(cairo_t *cr, struct map_view *v)
{
	size_t n;
	const struct walk_dot *d = walk_session_dots(v->session, &n);
	double rgb[3];
	/* Coverage: a soft disc of 1.5 m around each scan, under the dots. */
	double rad = fmax(2.0 * v->scale, 6);

	for (size_t i = 0; i < n; i++) {
		double sx, sy;

		if (!d[i].placed || d[i].kind != SAMPLE_SCAN)
			continue;
		to_screen(v, d[i].x_m, d[i].y_m, &sx, &sy);
		map_signal_rgb(d[i].signal_dbm, rgb);
		cairo_pattern_t *p = cairo_pattern_create_radial(sx, sy, 0, sx, sy, rad);

		cairo_pattern_add_color_stop_rgba(p, 0, rgb[0], rgb[1], rgb[2], 0.55);
		cairo_pattern_add_color_stop_rgba(p, 1, rgb[0], rgb[1], rgb[2], 0.0);
		cairo_set_source(cr, p);
		cairo_arc(cr, sx, sy, rad, 0, 2 * M_PI);
		cairo_fill(cr);
		cairo_pattern_destroy(p);
	}
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			double sx, sy;
			bool scan = d[i].kind == SAMPLE_SCAN;

			/* Throughput, latency and noise samples have no signal to colour a dot. */
			if (!d[i].placed || scan != (pass == 1) ||
			    (!scan && d[i].kind != SAMPLE_LINK))
				continue;
			to_screen(v, d[i].x_m, d[i].y_m, &sx, &sy);
			if (d[i].status == SAMPLE_NOT_ASSOCIATED || isnan(d[i].signal_dbm)) {
				/* A failure is data: a black cross where the network was not there. */
				cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
				cairo_set_line_width(cr, 2.5);
				cairo_move_to(cr, sx - 5, sy - 5);
				cairo_line_to(cr, sx + 5, sy + 5);
				cairo_move_to(cr, sx + 5, sy - 5);
				cairo_line_to(cr, sx - 5, sy + 5);
				cairo_stroke(cr);
				continue;
			}
			map_signal_rgb(d[i].signal_dbm, rgb);
			cairo_arc(cr, sx, sy, scan ? 6.5 : 3.5, 0, 2 * M_PI);
			cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
			cairo_fill_preserve(cr);
			cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, scan ? 0.9 : 0.5);
			cairo_set_line_width(cr, scan ? 1.5 : 0.8);
			cairo_stroke(cr);
		}
	}
}

/* The walked path: white casing under a strong blue line (stop-and-go: dashed, in tap order). */
static void draw_walked_line(cairo_t *cr, struct map_view *v, const struct track *t)
{
	for (int pass = 0; pass < 2; pass++) {
		bool started = false;

		for (size_t i = 0; i < t->n; i++) {
			double sx, sy;

			to_screen(v, t->pts[i].x_m, t->pts[i].y_m, &sx, &sy);
			if (!started || (i > 0 && t->pts[i - 1].pause) ||
			    t->mode == TRACK_STOP_AND_GO) {
				if (t->mode == TRACK_STOP_AND_GO && started)
					cairo_line_to(cr, sx, sy); /* the order of points */
				else
					cairo_move_to(cr, sx, sy);
				started = true;
			} else {
				cairo_line_to(cr, sx, sy);
			}
		}
		if (t->mode == TRACK_STOP_AND_GO)
			cairo_set_dash(cr, (double[]){ 10, 6 }, 2, 0);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		if (pass == 0) {
			cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
			cairo_set_line_width(cr, 6);
		} else {
			cairo_set_source_rgb(cr, 0.08, 0.40, 0.75);
			cairo_set_line_width(cr, 2.5);
		}
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

/* A simulated engineer: the leg still being walked, and where they are now. */
static void draw_engineer(cairo_t *cr, struct map_view *v, const struct track *t)
{
	double ex, ey, sx, sy;

	if (!walk_source_position(v->src, v->now_us, &ex, &ey))
		return;
	if (walk_source_pending(v->src) && t->n) {
		to_screen(v, t->pts[t->n - 1].x_m, t->pts[t->n - 1].y_m, &sx, &sy);
		cairo_move_to(cr, sx, sy);
		to_screen(v, ex, ey, &sx, &sy);
		cairo_line_to(cr, sx, sy);
		cairo_set_source_rgb(cr, 0.08, 0.40, 0.75);
		cairo_set_line_width(cr, 4);
		cairo_stroke(cr);
	}
	if (!walk_source_pending(v->src) && !t->n)
		return;
	to_screen(v, ex, ey, &sx, &sy);
	cairo_arc(cr, sx, sy, 16, 0, 2 * M_PI);
	cairo_set_source_rgba(cr, 0.10, 0.55, 0.95, 0.25);
	cairo_fill(cr);
	cairo_arc(cr, sx, sy, 7.5, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 0.10, 0.55, 0.95);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 3);
	cairo_stroke(cr);
}

/* A measured stop-and-go point takes the colour of its last scan there; false if none. */
static bool point_colour(const struct map_view *v, const struct track_point *p, double rgb[3])
{
	size_t ndots;
	const struct walk_dot *dots = walk_session_dots(v->session, &ndots);

	for (size_t j = ndots; j-- > 0;) {
		if (dots[j].placed && dots[j].kind == SAMPLE_SCAN && dots[j].x_m == p->x_m &&
		    dots[j].y_m == p->y_m) {
			map_signal_rgb(dots[j].signal_dbm, rgb);
			return true;
		}
	}
	return false;
}

/* Numbered taps (pauses are marked, not numbered); the point being measured breathes. */
static void draw_taps(cairo_t *cr, struct map_view *v, const struct track *t)
{
	enum walk_state st = walk_session_state(v->session);
	int number = 0;

	for (size_t i = 0; i < t->n; i++) {
		double sx, sy, rgb[3] = { 0.08, 0.40, 0.75 };
		char num[24];
		bool last = i + 1 == t->n;
		double r = last ? 13 : 10;
		double ink = 1.0;

		to_screen(v, t->pts[i].x_m, t->pts[i].y_m, &sx, &sy);
		if (t->pts[i].pause) {
			rgb[0] = rgb[1] = 0.35;
			rgb[2] = 0.38;
			snprintf(num, sizeof(num), "II");
			/* A pause sits on the tap before it: a badge beside that tap's number. */
			r = 9;
			sx += 14;
			sy -= 14;
		} else {
			snprintf(num, sizeof(num), "%d", ++number);
		}
		if (last && st == WALK_MEASURING) {
			double ph = fmod((double)v->now_us / 1e6, 1.2) / 1.2;

			cairo_arc(cr, sx, sy, r + 4 + 14 * ph, 0, 2 * M_PI);
			cairo_set_source_rgba(cr, 0.95, 0.55, 0.05, 0.8 * (1 - ph));
			cairo_set_line_width(cr, 3);
			cairo_stroke(cr);
			rgb[0] = 0.90;
			rgb[1] = 0.45;
			rgb[2] = 0.0;
		} else if (t->mode == TRACK_STOP_AND_GO && !t->pts[i].pause &&
			   point_colour(v, &t->pts[i], rgb)) {
			ink = 0.05;
		}
		cairo_arc(cr, sx, sy, r, 0, 2 * M_PI);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, ink < 0.5 ? 0.08 : 1, ink < 0.5 ? 0.40 : 1, ink < 0.5 ? 0.75 : 1);
		cairo_set_line_width(cr, 2.5);
		cairo_stroke(cr);
		text_at(cr, v->area, num, sx, sy, last ? "Sans Bold 11" : "Sans Bold 9", ink, ink, ink,
			true, false);
	}
}

static void draw_path(cairo_t *cr, struct map_view *v)
{
	const struct track *t = walk_session_track(v->session);

	draw_walked_line(cr, v, t);
	draw_engineer(cr, v, t);
	draw_samples(cr, v);
	draw_taps(cr, v, t);
}

static void draw_scale_bar(cairo_t *cr, struct map_view *v, int h)
{
	static const double steps[] = { 1, 2, 5, 10, 20, 50, 100 };
	double m = steps[0];
	char txt[32];
	double x = 20, y = h - 24;

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		m = steps[i];
		if (m * v->scale >= 90)
			break;
	}
	double len = m * v->scale;

	cairo_rectangle(cr, x - 8, y - 28, len + 16 + 40, 40);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(cr, 3);
	cairo_move_to(cr, x, y - 6);
	cairo_line_to(cr, x, y);
	cairo_line_to(cr, x + len, y);
	cairo_line_to(cr, x + len, y - 6);
	cairo_stroke(cr);
	snprintf(txt, sizeof(txt), "%g m", m);
	text_at(cr, v->area, txt, x + len + 6, y - 20, "Sans Bold 11", 0.1, 0.1, 0.1, false, false);
}

/* The colour key, bottom right: the absolute scale every colour is read on. */
static void draw_legend(cairo_t *cr, struct map_view *v, int w, int h)
{
	const double lo = -95, hi = -45;
	const char *title = v->heat_title[0] ? v->heat_title : "SIGNAL  dBm";
	double bw = fmax(290, text_width(v->area, title, "Sans Bold 10") + 24);
	double bh = 112, x = w - bw - 16, y = h - bh - 16;
	double rx = x + 14, rw = bw - 28, ry = y + 34, rh = 16;
	cairo_pattern_t *p = cairo_pattern_create_linear(rx, 0, rx + rw, 0);

	cairo_rectangle(cr, x, y, bw, bh);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.93);
	cairo_fill_preserve(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.35);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
	text_at(cr, v->area, title, x + 12, y + 8,
		"Sans Bold 10", 0.1, 0.1, 0.1, false, false);
	for (int i = 0; i <= 20; i++) {
		double dbm = lo + (hi - lo) * i / 20.0, rgb[3];

		map_signal_rgb(dbm, rgb);
		cairo_pattern_add_color_stop_rgb(p, i / 20.0, rgb[0], rgb[1], rgb[2]);
	}
	cairo_rectangle(cr, rx, ry, rw, rh);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	for (int t = -90; t <= -50; t += 10) {
		double tx = rx + rw * (t - lo) / (hi - lo);
		char lab[8];

		snprintf(lab, sizeof(lab), "%d", t);
		cairo_move_to(cr, tx, ry + rh);
		cairo_line_to(cr, tx, ry + rh + 4);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
		text_at(cr, v->area, lab, tx, ry + rh + 12, "Sans 9", 0.1, 0.1, 0.1, true, false);
	}
	/* The nhs-data threshold, named. */
	{
		double tx = rx + rw * (-65 - lo) / (hi - lo);

		cairo_move_to(cr, tx, ry - 4);
		cairo_line_to(cr, tx, ry + rh + 2);
		cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
		cairo_set_line_width(cr, 2.5);
		cairo_stroke(cr);
	}
	cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
	cairo_set_line_width(cr, 2.2);
	cairo_move_to(cr, rx + 1, y + bh - 22);
	cairo_line_to(cr, rx + 9, y + bh - 14);
	cairo_move_to(cr, rx + 9, y + bh - 22);
	cairo_line_to(cr, rx + 1, y + bh - 14);
	cairo_stroke(cr);
	text_at(cr, v->area, "not associated   │ −65 target", rx + 16, y + bh - 27, "Sans 9",
		0.1, 0.1, 0.1, false, false);
}

static void write_probe(struct map_view *v)
{
	gui_probe_write(v->area, v->probe_path, v->probe_last, sizeof(v->probe_last), v->ox, v->oy,
			v->scale);
}

static void draw(GtkDrawingArea *area, cairo_t *cr, int w, int h, gpointer data)
{
	struct map_view *v = data;

	(void)area;
	if (v->auto_fit || v->scale <= 0)
		fit_selection(v);
	cairo_set_source_rgb(cr, 0.20, 0.22, 0.25);
	cairo_paint(cr);
	draw_floor(cr, v);
	draw_path(cr, v);
	draw_scale_bar(cr, v, h);
	draw_legend(cr, v, w, h);
	write_probe(v);
}

/* ---- input ------------------------------------------------------------------- */

static void drag_begin(GtkGestureDrag *g, double x, double y, gpointer data)
{
	struct map_view *v = data;

	(void)g;
	(void)x;
	(void)y;
	v->drag_ox = v->ox;
	v->drag_oy = v->oy;
	v->panning = false;
}

static void drag_update(GtkGestureDrag *g, double dx, double dy, gpointer data)
{
	struct map_view *v = data;
	guint button = gtk_gesture_single_get_current_button(GTK_GESTURE_SINGLE(g));

	if (!v->panning && fabs(dx) + fabs(dy) < 8 && button == GDK_BUTTON_PRIMARY)
		return;
	v->panning = true;
	v->ox = v->drag_ox + dx;
	v->oy = v->drag_oy + dy;
	v->auto_fit = false;
	gtk_widget_queue_draw(v->area);
}

static void drag_end(GtkGestureDrag *g, double dx, double dy, gpointer data)
{
	struct map_view *v = data;
	double sx, sy, xm, ym;
	guint button = gtk_gesture_single_get_current_button(GTK_GESTURE_SINGLE(g));

	(void)dx;
	(void)dy;
	if (v->panning || button != GDK_BUTTON_PRIMARY)
		return;
	if (!gtk_gesture_drag_get_start_point(g, &sx, &sy))
		return;
	to_floor(v, sx, sy, &xm, &ym);
	if (v->on_tap)
		v->on_tap(v->tap_arg, xm, ym);
}

static gboolean scroll(GtkEventControllerScroll *c, double dx, double dy, gpointer data)
{
	struct map_view *v = data;

	(void)c;
	(void)dx;
	zoom_at(v, dy < 0 ? 1.2 : 1 / 1.2, v->pointer_x, v->pointer_y);
	return TRUE;
}

static void motion(GtkEventControllerMotion *c, double x, double y, gpointer data)
{
	struct map_view *v = data;

	(void)c;
	v->pointer_x = x;
	v->pointer_y = y;
}

/* Two-finger pinch on a touch screen: zoom about the fingers. */
static void pinch_begin(GtkGesture *g, GdkEventSequence *seq, gpointer data)
{
	struct map_view *v = data;

	(void)g;
	(void)seq;
	v->pinch_scale = 1.0;
}

static void pinch_changed(GtkGestureZoom *g, double scale, gpointer data)
{
	struct map_view *v = data;
	double cx, cy;

	if (scale <= 0 || v->pinch_scale <= 0)
		return;
	if (!gtk_gesture_get_bounding_box_center(GTK_GESTURE(g), &cx, &cy))
		return;
	zoom_at(v, scale / v->pinch_scale, cx, cy);
	v->pinch_scale = scale;
}

static void resized(GtkDrawingArea *a, int w, int h, gpointer data)
{
	struct map_view *v = data;

	(void)a;
	(void)w;
	(void)h;
	if (v->auto_fit)
		map_view_fit(v);
}

static void view_free(gpointer data)
{
	struct map_view *v = data;

	if (v->drawing)
		cairo_surface_destroy(v->drawing);
	if (v->heat)
		cairo_surface_destroy(v->heat);
	g_free(v->probe_path);
	g_free(v);
}

struct map_view *map_view_new(const struct floorplan *fp, struct walk_session *session,
			      struct walk_source *src, map_tap_fn on_tap, void *arg)
{
	struct map_view *v = g_new0(struct map_view, 1);
	GtkGesture *drag;
	GtkEventController *ec;

	v->fp = fp;
	v->session = session;
	v->src = src;
	v->on_tap = on_tap;
	v->tap_arg = arg;
	v->auto_fit = true;
	v->selected_ward = -1;
	v->area = gtk_drawing_area_new();
	gtk_widget_set_hexpand(v->area, TRUE);
	gtk_widget_set_vexpand(v->area, TRUE);
	gtk_widget_set_focusable(v->area, TRUE);
	gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(v->area), draw, v, NULL);
	g_signal_connect(v->area, "resize", G_CALLBACK(resized), v);
	g_object_set_data_full(G_OBJECT(v->area), "notspot-map-view", v, view_free);

	drag = gtk_gesture_drag_new();
	gtk_gesture_single_set_button(GTK_GESTURE_SINGLE(drag), 0);
	g_signal_connect(drag, "drag-begin", G_CALLBACK(drag_begin), v);
	g_signal_connect(drag, "drag-update", G_CALLBACK(drag_update), v);
	g_signal_connect(drag, "drag-end", G_CALLBACK(drag_end), v);
	gtk_widget_add_controller(v->area, GTK_EVENT_CONTROLLER(drag));

	{
		GtkGesture *pinch = gtk_gesture_zoom_new();

		g_signal_connect(pinch, "begin", G_CALLBACK(pinch_begin), v);
		g_signal_connect(pinch, "scale-changed", G_CALLBACK(pinch_changed), v);
		gtk_widget_add_controller(v->area, GTK_EVENT_CONTROLLER(pinch));
	}
	ec = gtk_event_controller_scroll_new(GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
	g_signal_connect(ec, "scroll", G_CALLBACK(scroll), v);
	gtk_widget_add_controller(v->area, ec);
	ec = gtk_event_controller_motion_new();
	g_signal_connect(ec, "motion", G_CALLBACK(motion), v);
	gtk_widget_add_controller(v->area, ec);
	return v;
}

GtkWidget *map_view_widget(struct map_view *v)
{
	return v->area;
}

void map_view_set_drawing(struct map_view *v, cairo_surface_t *drawing)
{
	if (v->drawing)
		cairo_surface_destroy(v->drawing);
	v->drawing = drawing;
	gtk_widget_queue_draw(v->area);
}

void map_view_set_heat(struct map_view *v, cairo_surface_t *picture,
		       const struct live_heat_frame *frame, const char *title)
{
	if (v->heat)
		cairo_surface_destroy(v->heat);
	v->heat = picture;
	if (frame)
		v->heat_frame = *frame;
	snprintf(v->heat_title, sizeof(v->heat_title), "%s", title ? title : "");
	gtk_widget_queue_draw(v->area);
}

void map_view_refresh(struct map_view *v, int64_t now_us)
{
	v->now_us = now_us;
	gtk_widget_queue_draw(v->area);
}

void map_view_set_probe(struct map_view *v, const char *path)
{
	g_free(v->probe_path);
	v->probe_path = path ? g_strdup(path) : NULL;
	v->probe_last[0] = '\0';
}
