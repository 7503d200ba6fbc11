/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plan_render.c — `floor show` rendering. See plan_render.h. */
#include "floorplans/plan_render.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/calibrate.h"
#include "floorplans/geometry.h"
#include "floorplans/outsurface.h"
#include "floorplans/text.h"
#include "util/outfile.h"
#include "util/version.h"

#define MARGIN 24.0
#define HEADER 74.0

/* Material colours: distinct hues, ordered light to heavy so weight reads too. */
static const struct {
	const char *key;
	double rgb[3];
	double width;  /* px */
	bool dashed;
} styles[] = {
	{ "doorway", { 0.55, 0.55, 0.55 }, 1.0, false },
	{ "plasterboard", { 0.12, 0.47, 0.71 }, 2.0, false },
	{ "glass", { 0.09, 0.75, 0.81 }, 2.0, true },
	{ "glass-low-e", { 0.00, 0.55, 0.55 }, 3.0, false },
	{ "wooden-door", { 0.55, 0.34, 0.29 }, 3.0, false },
	{ "brick", { 0.80, 0.33, 0.10 }, 3.0, false },
	{ "concrete", { 0.15, 0.15, 0.15 }, 4.5, false },
	{ "fire-door", { 0.95, 0.55, 0.00 }, 5.0, false },
	{ "lift-shaft", { 0.46, 0.24, 0.62 }, 4.5, false },
	{ "lead-lined", { 0.85, 0.10, 0.55 }, 5.0, false },
};

static int style_of(const char *key)
{
	for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		if (strcmp(styles[i].key, key) == 0)
			return (int)i;
	return -1;
}

void fp_material_colour(const char *key, double rgb[3])
{
	int s = style_of(key);

	if (s < 0) {
		rgb[0] = rgb[1] = rgb[2] = 0.5; /* custom */
		return;
	}
	memcpy(rgb, styles[s].rgb, sizeof(styles[s].rgb));
}

static void set_style(cairo_t *cr, const char *key, double scale_w)
{
	int s = style_of(key);
	static const double dash[] = { 6, 4 };

	if (s < 0) {
		cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
		cairo_set_line_width(cr, 3 * scale_w);
		cairo_set_dash(cr, dash, 2, 0);
		return;
	}
	cairo_set_source_rgb(cr, styles[s].rgb[0], styles[s].rgb[1], styles[s].rgb[2]);
	cairo_set_line_width(cr, styles[s].width * scale_w);
	cairo_set_dash(cr, dash, styles[s].dashed ? 2 : 0, 0);
}

/* Okabe-Ito palette: readable for colour-blind readers. */
static const double ward_rgb[][3] = {
	{ 0.90, 0.62, 0.00 }, { 0.34, 0.71, 0.91 }, { 0.00, 0.62, 0.45 },
	{ 0.80, 0.47, 0.65 }, { 0.00, 0.45, 0.70 }, { 0.84, 0.37, 0.00 },
};
#define NWARD_RGB (sizeof(ward_rgb) / sizeof(ward_rgb[0]))

struct view {
	const struct floorplan *fp;
	double s;       /* output px per working raster px */
	double ox, oy;  /* output position of the raster's (0, 0) */
};

static void to_out(const struct view *v, struct fp_point m, double *x, double *y)
{
	double px, py;

	fp_m_to_px(v->fp, m, &px, &py);
	*x = v->ox + px * v->s;
	*y = v->oy + py * v->s;
}

/* Text at (x, y) (top-left), with a white halo so it reads over the drawing. */
static void text(cairo_t *cr, double x, double y, const char *s, double size, bool bold,
		 const double rgb[3], bool halo, double *w_out)
{
	struct fp_text_style st = { .size = size, .bold = bold, .rgb = { rgb[0], rgb[1], rgb[2] },
				    .halo_w = halo ? 3.5 : 0, .halo_alpha = 0.9, .whole_units = true };
	struct fp_text_size sz = fp_text_draw(cr, &st, x, y, s);

	cairo_new_path(cr); /* leave no current point for the next arc */
	if (w_out)
		*w_out = sz.w;
}

static const double black[3] = { 0.1, 0.1, 0.1 };
static const double grey[3] = { 0.4, 0.4, 0.4 };
static const double red[3] = { 0.75, 0.0, 0.0 };

/* A 1-2-5 step near @target metres. */
static double nice_step(double target)
{
	double p = pow(10, floor(log10(target))), r = target / p;

	return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * p;
}

/*
 * grid_range() - the grid lines first * step .. last * step within [lo, hi].
 * Integer counters: with a far-away origin x += step no longer changes x and a
 * double loop never ends. False (no lines) when the range is absurd.
 */
static bool grid_range(double lo, double hi, double step, long *first, long *last)
{
	double a, b;

	if (!(step > 0) || !isfinite(step))
		return false;
	a = ceil(lo / step);
	b = floor(hi / step);
	if (!isfinite(a) || !isfinite(b) || fabs(a) > 1e12 || fabs(b) > 1e12 || b - a > 2000)
		return false;
	*first = (long)a;
	*last = (long)b;
	return true;
}

static void draw_grid(cairo_t *cr, const struct view *v, double plan_w, double plan_h)
{
	const struct floorplan *fp = v->fp;
	double step = nice_step(floorplan_width_m(fp) / 8);
	struct fp_point lo = fp_px_to_m(fp, 0, 0), hi = fp_px_to_m(fp, fp->width_px, fp->height_px);
	long x0, x1, y0, y1;
	bool xs = grid_range(lo.x, hi.x, step, &x0, &x1), ys = grid_range(lo.y, hi.y, step, &y0, &y1);

	cairo_save(cr);
	cairo_rectangle(cr, v->ox, v->oy, plan_w, plan_h);
	cairo_clip(cr);
	cairo_set_line_width(cr, 0.6);
	cairo_set_source_rgba(cr, 0.2, 0.4, 0.8, 0.28);
	for (long i = x0; xs && i <= x1; i++) {
		double x = (double)i * step, a, b, c, d;

		to_out(v, (struct fp_point){ x, lo.y }, &a, &b);
		to_out(v, (struct fp_point){ x, hi.y }, &c, &d);
		cairo_move_to(cr, a, b);
		cairo_line_to(cr, c, d);
	}
	for (long i = y0; ys && i <= y1; i++) {
		double y = (double)i * step, a, b, c, d;

		to_out(v, (struct fp_point){ lo.x, y }, &a, &b);
		to_out(v, (struct fp_point){ hi.x, y }, &c, &d);
		cairo_move_to(cr, a, b);
		cairo_line_to(cr, c, d);
	}
	cairo_stroke(cr);
	/* Grid labels along the top and left edges of the plan. */
	for (long i = x0; xs && i <= x1; i++) {
		double x = (double)i * step, a, b;
		char lab[32];
		const double c[3] = { 0.2, 0.35, 0.7 };

		to_out(v, (struct fp_point){ x, 0 }, &a, &b);
		snprintf(lab, sizeof(lab), "%g", fabs(x) < 1e-9 ? 0.0 : x);
		text(cr, a + 2, v->oy + 1, lab, 9, false, c, true, NULL);
	}
	for (long i = y0; ys && i <= y1; i++) {
		double y = (double)i * step, a, b;
		char lab[32];
		const double c[3] = { 0.2, 0.35, 0.7 };

		to_out(v, (struct fp_point){ 0, y }, &a, &b);
		snprintf(lab, sizeof(lab), "%g", fabs(y) < 1e-9 ? 0.0 : y);
		text(cr, v->ox + 1, b + 1, lab, 9, false, c, true, NULL);
	}
	cairo_restore(cr);
}

/* Width of the pixel rulers along the top and left of an uncalibrated plan, output px. */
#define RULER 30.0

/*
 * The ruler's steps in drawing px: ticks every 10 and labels every 100 when
 * the plan is shown near full size; coarser (1-2-5) when it is shrunk so far
 * that ticks would run together (under 3 output px) or labels overlap.
 */
static void ruler_steps(double s, double *tick, double *label)
{
	*tick = 10;
	while (*tick * s < 3)
		*tick = nice_step(*tick * 2.01);
	*label = fmax(100, *tick * 10);
	while (*label * s < 44)
		*label = nice_step(*label * 2.01);
}

/* One ruler: along x (@horiz) or y, from 0 to @len drawing px. */
static void draw_ruler(cairo_t *cr, const struct view *v, bool horiz, double len)
{
	const double c[3] = { 0.55, 0.05, 0.05 };
	double tick, lab_step, base = horiz ? v->oy : v->ox;
	long i0, i1;
	char lab[32];

	ruler_steps(v->s, &tick, &lab_step);
	if (!grid_range(0, len, tick, &i0, &i1))
		return;
	cairo_set_source_rgb(cr, 0.97, 0.95, 0.93);
	if (horiz)
		cairo_rectangle(cr, v->ox, v->oy - RULER, len * v->s, RULER);
	else
		cairo_rectangle(cr, v->ox - RULER, v->oy, RULER, len * v->s);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, c[0], c[1], c[2]);
	cairo_set_line_width(cr, 1);
	for (long i = i0; i <= i1; i++) {
		double px = (double)i * tick, at = (horiz ? v->ox : v->oy) + px * v->s;
		bool major = fmod(px, lab_step) == 0, mid = fmod(px, lab_step / 2) == 0;
		double h = major ? 12 : mid ? 8 : 4;

		if (horiz) {
			cairo_move_to(cr, round(at) + 0.5, base);
			cairo_line_to(cr, round(at) + 0.5, base - h);
		} else {
			cairo_move_to(cr, base, round(at) + 0.5);
			cairo_line_to(cr, base - h, round(at) + 0.5);
		}
	}
	cairo_stroke(cr);
	for (long i = i0; i <= i1; i++) {
		double px = (double)i * tick, at = (horiz ? v->ox : v->oy) + px * v->s;

		if (fmod(px, lab_step) != 0)
			continue;
		snprintf(lab, sizeof(lab), "%g", px);
		if (horiz)
			text(cr, at + 2, base - RULER + 2, lab, 9, false, c, false, NULL);
		else
			text(cr, base - RULER + 2, at + 1, lab, 9, false, c, false, NULL);
	}
}

/*
 * Uncalibrated: rulers in working-raster pixels along the top and left, and
 * faint lines across the plan at every label, so the user can read the two
 * points for `floor scale --points X1,Y1,X2,Y2` off this image.
 */
static void draw_px_grid(cairo_t *cr, const struct view *v, double plan_w, double plan_h)
{
	const struct floorplan *fp = v->fp;
	double tick, step;
	long x0, x1, y0, y1;
	bool xs, ys;

	ruler_steps(v->s, &tick, &step);
	xs = grid_range(0, fp->width_px, step, &x0, &x1);
	ys = grid_range(0, fp->height_px, step, &y0, &y1);
	draw_ruler(cr, v, true, fp->width_px);
	draw_ruler(cr, v, false, fp->height_px);
	cairo_save(cr);
	cairo_rectangle(cr, v->ox, v->oy, plan_w, plan_h);
	cairo_clip(cr);
	cairo_set_line_width(cr, 0.6);
	cairo_set_source_rgba(cr, 0.75, 0.1, 0.1, 0.3);
	for (long i = x0; xs && i <= x1; i++) {
		double x = round(v->ox + (double)i * step * v->s) + 0.5;

		cairo_move_to(cr, x, v->oy);
		cairo_line_to(cr, x, v->oy + plan_h);
	}
	for (long i = y0; ys && i <= y1; i++) {
		double y = round(v->oy + (double)i * step * v->s) + 0.5;

		cairo_move_to(cr, v->ox, y);
		cairo_line_to(cr, v->ox + plan_w, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void draw_wards(cairo_t *cr, const struct view *v)
{
	static const double dash[] = { 8, 5 };

	for (size_t i = 0; i < v->fp->nwards; i++) {
		const struct fp_ward *w = &v->fp->wards[i];
		const double *c = ward_rgb[i % NWARD_RGB];
		double x, y;

		for (size_t k = 0; k < w->npts; k++) {
			to_out(v, w->pts[k], &x, &y);
			if (k == 0)
				cairo_move_to(cr, x, y);
			else
				cairo_line_to(cr, x, y);
		}
		cairo_close_path(cr);
		cairo_set_source_rgba(cr, c[0], c[1], c[2], 0.10);
		cairo_fill_preserve(cr);
		cairo_set_source_rgba(cr, c[0], c[1], c[2], 0.9);
		cairo_set_line_width(cr, 2.5);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

/* Ward names last, so walls do not cover them: inside the top-left corner of the outline. */
static void draw_ward_names(cairo_t *cr, const struct view *v)
{
	for (size_t i = 0; i < v->fp->nwards; i++) {
		const struct fp_ward *w = &v->fp->wards[i];
		const double *c = ward_rgb[i % NWARD_RGB];
		struct fp_point lo, hi;
		double x, y, dark[3] = { c[0] * 0.6, c[1] * 0.6, c[2] * 0.6 };

		fp_polygon_bounds(w->pts, w->npts, &lo, &hi);
		to_out(v, lo, &x, &y);
		text(cr, x + 8, y + 8, w->name, 15, true, dark, true, NULL);
	}
}

static void draw_walls(cairo_t *cr, const struct view *v, double sw)
{
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (size_t i = 0; i < v->fp->nwalls; i++) {
		const struct fp_wall *w = &v->fp->walls[i];
		double x, y;

		for (size_t k = 0; k < w->npts; k++) {
			to_out(v, w->pts[k], &x, &y);
			if (k == 0)
				cairo_move_to(cr, x, y);
			else
				cairo_line_to(cr, x, y);
		}
		set_style(cr, w->material, sw);
		cairo_stroke(cr);
	}
	cairo_set_dash(cr, NULL, 0, 0);
}

static void draw_openings(cairo_t *cr, const struct view *v, double sw)
{
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	for (size_t i = 0; i < v->fp->nopenings; i++) {
		const struct fp_opening *o = &v->fp->openings[i];
		double ax, ay, bx, by, len, nx, ny;

		to_out(v, o->a, &ax, &ay);
		to_out(v, o->b, &bx, &by);
		len = hypot(bx - ax, by - ay);
		if (len < 0.5)
			continue;
		nx = -(by - ay) / len * 4 * sw;
		ny = (bx - ax) / len * 4 * sw;
		/* Cut the wall, then draw the opening in its own colour. */
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 6.5 * sw);
		cairo_move_to(cr, ax, ay);
		cairo_line_to(cr, bx, by);
		cairo_stroke(cr);
		if (strcmp(o->kind, "doorway") != 0) {
			set_style(cr, o->kind, sw);
			cairo_set_line_width(cr, 2.5 * sw);
			cairo_move_to(cr, ax, ay);
			cairo_line_to(cr, bx, by);
			cairo_stroke(cr);
		}
		/* Jambs: short ticks across the wall at both ends. */
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		cairo_set_line_width(cr, 1.2);
		cairo_move_to(cr, ax - nx, ay - ny);
		cairo_line_to(cr, ax + nx, ay + ny);
		cairo_move_to(cr, bx - nx, by - ny);
		cairo_line_to(cr, bx + nx, by + ny);
		cairo_stroke(cr);
	}
}

static void ap_marker(cairo_t *cr, double x, double y, const char *source)
{
	bool planned = strcmp(source, "planned") == 0;

	cairo_save(cr);
	cairo_new_path(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_arc(cr, x, y, 8, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.80, 0.0, 0.0);
	cairo_set_line_width(cr, 2.5);
	cairo_stroke(cr);
	if (planned) {
		/* A ring with a dot: planned. */
		cairo_arc(cr, x, y, 3, 0, 2 * M_PI);
		cairo_fill(cr);
	} else {
		cairo_arc(cr, x, y, 6, 0, 2 * M_PI);
		cairo_fill(cr);
	}
	cairo_restore(cr);
}

static void draw_aps(cairo_t *cr, const struct view *v)
{
	for (size_t i = 0; i < v->fp->naps; i++) {
		const struct fp_ap *ap = &v->fp->aps[i];
		double x, y;

		to_out(v, ap->pos, &x, &y);
		ap_marker(cr, x, y, ap->source);
		text(cr, x + 10, y - 17, ap->name, 11, true, red, true, NULL);
	}
}

/* Scale bar of a 1-2-5 length near a fifth of the plan, at (x, y) (top-left). */
static double draw_scale_bar(cairo_t *cr, const struct view *v, double x, double y,
			     double plan_w)
{
	double ppm_out = v->fp->px_per_m * v->s;
	double len_m = nice_step(plan_w / ppm_out / 5), seg = len_m / 5, lw;
	char lab[48];

	for (int i = 0; i < 5; i++) {
		cairo_rectangle(cr, x + i * seg * ppm_out, y, seg * ppm_out, 8);
		if (i % 2 == 0)
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		else
			cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
	}
	text(cr, x - 3, y + 11, "0", 11, false, black, false, NULL);
	snprintf(lab, sizeof(lab), "%g", len_m / 2);
	text(cr, x + len_m / 2 * ppm_out - 6, y + 11, lab, 11, false, black, false, NULL);
	snprintf(lab, sizeof(lab), "%g m", len_m);
	text(cr, x + len_m * ppm_out - 6, y + 11, lab, 11, false, black, false, &lw);
	return len_m * ppm_out + lw;
}

/* One legend entry: a line sample and a label; returns the entry's width. */
static double legend_line(cairo_t *cr, double x, double y, const char *key, const char *label,
			  const double loss[FP_NBANDS], bool opening)
{
	char lab[128];
	double w;

	if (opening) {
		cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
		cairo_set_line_width(cr, 4.5);
		cairo_move_to(cr, x, y + 8);
		cairo_line_to(cr, x + 34, y + 8);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 6.5);
		cairo_move_to(cr, x + 10, y + 8);
		cairo_line_to(cr, x + 24, y + 8);
		cairo_stroke(cr);
		if (strcmp(key, "doorway") != 0) {
			set_style(cr, key, 1);
			cairo_set_line_width(cr, 2.5);
			cairo_move_to(cr, x + 10, y + 8);
			cairo_line_to(cr, x + 24, y + 8);
			cairo_stroke(cr);
		}
	} else {
		set_style(cr, key, 1);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_move_to(cr, x + 2, y + 8);
		cairo_line_to(cr, x + 32, y + 8);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	if (loss)
		snprintf(lab, sizeof(lab), "%s%s  %g / %g dB", label, opening ? " (opening)" : "",
			 loss[FP_BAND_2G4], loss[FP_BAND_5G]);
	else
		snprintf(lab, sizeof(lab), "%s%s", label, opening ? " (opening)" : "");
	text(cr, x + 42, y + 1, lab, 11, false, black, false, &w);
	return 42 + w;
}

struct legend_item {
	const char *key, *label;
	const double *loss;
	bool opening;
};

/* What the legend lists: each material and opening kind present, in table order. */
static size_t legend_items(const struct floorplan *fp, struct legend_item *items, size_t cap)
{
	size_t n = 0;

	for (int pass = 0; pass < 2; pass++) {
		for (size_t m = 0; m < fp_nmaterials && n < cap; m++) {
			bool used = false;

			if (pass == 0)
				for (size_t i = 0; i < fp->nwalls && !used; i++)
					used = strcmp(fp->walls[i].material, fp_materials[m].key) == 0;
			else
				for (size_t i = 0; i < fp->nopenings && !used; i++)
					used = strcmp(fp->openings[i].kind, fp_materials[m].key) == 0;
			if (used)
				items[n++] = (struct legend_item){ fp_materials[m].key,
								   fp_materials[m].label,
								   fp_materials[m].loss_db,
								   pass == 1 };
		}
		/* Walls or openings with losses of their own ("custom"). */
		bool custom = false;

		if (pass == 0)
			for (size_t i = 0; i < fp->nwalls && !custom; i++)
				custom = !fp_material_find(fp->walls[i].material);
		else
			for (size_t i = 0; i < fp->nopenings && !custom; i++)
				custom = !fp_material_find(fp->openings[i].kind);
		if (custom && n < cap)
			items[n++] = (struct legend_item){ "custom", "custom (measured losses)", NULL,
							   pass == 1 };
	}
	return n;
}

#define LEGEND_COL_W 330.0
#define LEGEND_ROW_H 20.0

/* Where everything goes: the plan area, the legend below it, the canvas round both. */
struct plan_layout {
	struct view v;
	double plan_w, plan_h;      /* the plan area, output px */
	struct legend_item items[2 * 16 + 2];
	size_t nitems;
	int ncols;                  /* legend columns */
	double legend_y;
	int canvas_w, canvas_h;
};

static void plan_lay_out(const struct floorplan *fp, const struct fp_render_opts *opts,
			 struct plan_layout *l)
{
	int cap = opts->max_side_px > 0 ? opts->max_side_px : FP_RENDER_MAX_SIDE_PX, nrows;
	double s = fmin(1.0, (double)cap / fmax(fp->width_px, fp->height_px));

	l->plan_w = round(fp->width_px * s);
	l->plan_h = round(fp->height_px * s);
	l->nitems = legend_items(fp, l->items, sizeof(l->items) / sizeof(l->items[0]));
	l->ncols = (int)fmax(1, floor((l->plan_w - 40) / LEGEND_COL_W));
	nrows = (int)((l->nitems + 1 + (size_t)l->ncols - 1) / (size_t)l->ncols); /* + the AP entry */
	l->canvas_w = (int)(l->plan_w + 2 * MARGIN);
	if (l->canvas_w < 760)
		l->canvas_w = 760;
	l->legend_y = HEADER + l->plan_h + 18;
	l->canvas_h = (int)(l->legend_y + 34 + nrows * LEGEND_ROW_H + 36);
	l->v = (struct view){ fp, s, MARGIN, HEADER };
	if (!(fp->px_per_m > 0) && !opts->no_grid) {
		/* Room for the pixel rulers; there is no legend before calibration. */
		l->v.ox += RULER;
		l->v.oy += RULER;
		l->canvas_w = (int)fmax(760, l->plan_w + 2 * MARGIN + RULER);
		l->canvas_h = (int)(HEADER + RULER + l->plan_h + 48);
	}
}

/* The drawing, faded so what notspot knows stands out, and the plan area's frame. */
static void draw_drawing(cairo_t *cr, const struct plan_layout *l, const struct fp_raster *drawing)
{
	if (drawing && drawing->surface) {
		cairo_save(cr);
		cairo_rectangle(cr, l->v.ox, l->v.oy, l->plan_w, l->plan_h);
		cairo_clip(cr);
		cairo_translate(cr, l->v.ox, l->v.oy);
		cairo_scale(cr, l->plan_w / drawing->width_px, l->plan_h / drawing->height_px);
		cairo_set_source_surface(cr, drawing->surface, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_paint_with_alpha(cr, 0.45);
		cairo_restore(cr);
	}
	cairo_rectangle(cr, l->v.ox - 0.5, l->v.oy - 0.5, l->plan_w + 1, l->plan_h + 1);
	cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
}

/* The two points the scale was set from, and the distance given between them. */
static void draw_calibration(cairo_t *cr, const struct view *v)
{
	const struct fp_calib *c = &v->fp->calib;
	const double rgb[3] = { 0.85, 0.3, 0.0 };
	static const double dash[] = { 5, 3 };
	double ax = v->ox + c->ax_px * v->s, ay = v->oy + c->ay_px * v->s;
	double bx = v->ox + c->bx_px * v->s, by = v->oy + c->by_px * v->s;
	char lab[64];

	if (!isfinite(c->ax_px) || !isfinite(c->ay_px) || !isfinite(c->bx_px) ||
	    !isfinite(c->by_px) || !isfinite(c->m))
		return;
	cairo_save(cr);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_set_line_width(cr, 1.2);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_move_to(cr, ax, ay);
	cairo_line_to(cr, bx, by);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	for (int k = 0; k < 2; k++) {
		double x = k ? bx : ax, y = k ? by : ay;

		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, 5, 0, 2 * M_PI);
		cairo_move_to(cr, x - 8, y);
		cairo_line_to(cr, x + 8, y);
		cairo_move_to(cr, x, y - 8);
		cairo_line_to(cr, x, y + 8);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
	snprintf(lab, sizeof(lab), "calibration: %g m", c->m);
	text(cr, (ax + bx) / 2 + 4, (ay + by) / 2 + 4, lab, 10, true, rgb, true, NULL);
}

/* What notspot knows, over the drawing: in metres once calibrated, else a pixel grid. */
static void draw_features(cairo_t *cr, const struct plan_layout *l,
			  const struct fp_render_opts *opts)
{
	const struct floorplan *fp = l->v.fp;

	if (fp->px_per_m > 0) {
		double sw = fmin(1.0, fmax(0.5, fp->px_per_m * l->v.s / 20.0));

		if (!opts->no_grid)
			draw_grid(cr, &l->v, l->plan_w, l->plan_h);
		cairo_save(cr);
		cairo_rectangle(cr, l->v.ox, l->v.oy, l->plan_w, l->plan_h);
		cairo_clip(cr);
		draw_wards(cr, &l->v);
		draw_walls(cr, &l->v, sw);
		draw_openings(cr, &l->v, sw);
		draw_ward_names(cr, &l->v);
		draw_aps(cr, &l->v);
		draw_calibration(cr, &l->v);
		cairo_restore(cr);
	} else if (!opts->no_grid) {
		draw_px_grid(cr, &l->v, l->plan_w, l->plan_h);
	}
}

/* Title and the facts a reader checks the calibration against. */
static void draw_heading(cairo_t *cr, const struct floorplan *fp, const struct fp_render_opts *opts)
{
	bool calibrated = fp->px_per_m > 0;
	char line[512];

	if (opts->title)
		snprintf(line, sizeof(line), "%s", opts->title);
	else
		snprintf(line, sizeof(line), "%s%s%s", fp->building, fp->building[0] ? " · " : "",
			 fp->name);
	text(cr, MARGIN, 12, line, 20, true, black, false, NULL);
	if (calibrated)
		snprintf(line, sizeof(line),
			 "level %d · scale %.3f px/m · drawing %.1f × %.1f m · %zu wards · %zu walls · "
			 "%zu openings · %zu APs · grid from the origin, in metres",
			 fp->level, fp->px_per_m, floorplan_width_m(fp), floorplan_height_m(fp), fp->nwards,
			 fp->nwalls, fp->nopenings, fp->naps);
	else
		snprintf(line, sizeof(line), "NOT CALIBRATED: the rulers are drawing pixels (%dx%d); "
					     "read two points off them for 'notspot floor scale "
					     "--points X1,Y1,X2,Y2 --distance M'", fp->width_px,
			 fp->height_px);
	text(cr, MARGIN, 42, line, 12, false, calibrated ? grey : red, false, NULL);
}

/* The scale bar, then the materials and the AP marker in columns. */
static void draw_legend(cairo_t *cr, const struct plan_layout *l)
{
	double x = MARGIN, y = l->legend_y, col = 0, row = 0;

	draw_scale_bar(cr, &l->v, x, y, l->plan_w);
	y += 34;
	for (size_t i = 0; i <= l->nitems; i++) {
		double ex = x + col * LEGEND_COL_W, ey = y + row * LEGEND_ROW_H;

		if (i < l->nitems) {
			legend_line(cr, ex, ey, l->items[i].key, l->items[i].label, l->items[i].loss,
				    l->items[i].opening);
		} else {
			ap_marker(cr, ex + 17, ey + 8, "planned");
			text(cr, ex + 42, ey + 1, "planned AP (filled: surveyed/estimated)", 11, false,
			     black, false, NULL);
		}
		if (++col >= l->ncols) {
			col = 0;
			row++;
		}
	}
	text(cr, x + LEGEND_COL_W * (l->ncols > 1 ? l->ncols - 1 : 0), l->legend_y,
	     "losses: 2.4 / 5 GHz, one pass", 11, false, grey, false, NULL);
}

int fp_render_plan(const struct floorplan *fp, const struct fp_raster *drawing,
		   const struct fp_render_opts *opts, cairo_surface_t **out, struct ns_err *err)
{
	static const struct fp_render_opts defaults = { 0 };
	struct plan_layout l;
	cairo_surface_t *surf;
	char line[512];
	cairo_t *cr;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (fp->width_px <= 0 || fp->height_px <= 0)
		return ns_err_set(err, -EINVAL, "floor '%s' has no size (no drawing was loaded)",
				  fp->name);
	plan_lay_out(fp, opts, &l);
	surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, l.canvas_w, l.canvas_h);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return ns_err_set(err, -ENOMEM, "cannot make a %d x %d px image", l.canvas_w,
				  l.canvas_h);
	}
	cr = cairo_create(surf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	draw_drawing(cr, &l, drawing);
	draw_features(cr, &l, opts);
	draw_heading(cr, fp, opts);
	if (fp->px_per_m > 0)
		draw_legend(cr, &l);
	if (!opts->footer)
		snprintf(line, sizeof(line), "notspot %s · floor show", NOTSPOT_VERSION);
	else
		snprintf(line, sizeof(line), "%s", opts->footer);
	if (line[0])
		text(cr, MARGIN, l.canvas_h - 24, line, 10, false, grey, false, NULL);

	cairo_destroy(cr);
	cairo_surface_flush(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		int rc = ns_err_set(err, -ENOMEM, "drawing the plan failed: %s",
				    cairo_status_to_string(cairo_surface_status(surf)));

		cairo_surface_destroy(surf);
		return rc;
	}
	*out = surf;
	return 0;
}

int fp_render_plan_png(const struct floorplan *fp, const struct fp_render_opts *opts,
		       const char *path, struct ns_err *err)
{
	struct fp_raster r = { 0 };
	cairo_surface_t *surf = NULL;
	struct ns_outfile of;
	cairo_status_t st;
	int rc;

	if (fp->image && fp->image_len) {
		rc = fp_raster_for_floor(fp, &r, err);
		if (rc)
			return rc;
	}
	rc = fp_render_plan(fp, r.surface ? &r : NULL, opts, &surf, err);
	fp_raster_release(&r);
	if (rc)
		return rc;
	/* A file is replaced whole; a device or pipe (-o /dev/stdout) is written in place. */
	rc = ns_outfile_open(&of, path, err);
	if (rc) {
		cairo_surface_destroy(surf);
		return rc;
	}
	st = fp_outsurface_png(&of, surf);
	cairo_surface_destroy(surf);
	if (st != CAIRO_STATUS_SUCCESS) {
		rc = fp_outsurface_error(&of, st, err);
		ns_outfile_abort(&of);
		return rc;
	}
	if ((rc = ns_outfile_commit(&of, err)))
		return rc;
	return 0;
}
