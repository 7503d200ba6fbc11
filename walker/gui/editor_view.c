/* SPDX-License-Identifier: GPL-3.0-or-later */
/* editor_view.c — the plan editor's canvas. See editor_view.h. */
#include "walker/gui/editor_view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "floorplans/calibrate.h"
#include "floorplans/geometry.h"
#include "floorplans/plan_render.h"
#include "walker/edit_snap.h"

#define LOUPE_R 84.0        /* screen px */
#define LOUPE_ZOOM 8.0      /* at least this many screen px per drawing px in the loupe */
#define DRAG_START_PX 8.0   /* a press that moves less than this is a click */

struct editor_view {
	GtkWidget *area;
	struct edit_tools *t;
	cairo_surface_t *drawing, *below;
	void (*changed)(void *arg);
	void *arg;

	double k;                 /* screen px per drawing px */
	double ox, oy;            /* screen position of drawing px (0, 0) */
	bool auto_fit;

	bool pointer_in;
	double pointer_x, pointer_y;

	bool pressed, dragging, panning;
	double press_x, press_y, press_ox, press_oy;
	guint button;
	gint64 last_click_us;
	double last_click_x, last_click_y;

	char *probe_path;
	char probe_last[128];
};

static const struct floorplan *floor_of(const struct editor_view *v)
{
	return edit_doc_floor(edit_tools_doc(v->t));
}

/* ---- transforms ------------------------------------------------------------------ */

static void px_to_screen(const struct editor_view *v, double px, double py, double *sx, double *sy)
{
	*sx = v->ox + px * v->k;
	*sy = v->oy + py * v->k;
}

static void screen_to_px(const struct editor_view *v, double sx, double sy, double *px, double *py)
{
	*px = (sx - v->ox) / v->k;
	*py = (sy - v->oy) / v->k;
}

static void m_to_screen(const struct editor_view *v, struct fp_point m, double *sx, double *sy)
{
	double px, py;

	fp_m_to_px(floor_of(v), m, &px, &py);
	px_to_screen(v, px, py, sx, sy);
}

double editor_view_tolerance(const struct editor_view *v)
{
	return EDITOR_TOL_SCREEN_PX / v->k;
}

static void sheet_size(const struct editor_view *v, double *w, double *h)
{
	const struct floorplan *fp = floor_of(v);

	*w = fp->width_px > 0 ? fp->width_px : 1000;
	*h = fp->height_px > 0 ? fp->height_px : 800;
}

void editor_view_fit(struct editor_view *v)
{
	int w = gtk_widget_get_width(v->area), h = gtk_widget_get_height(v->area);
	double sw, sh, margin = 24;

	sheet_size(v, &sw, &sh);
	if (w > 2 * margin && h > 2 * margin) {
		v->k = fmin((w - 2 * margin) / sw, (h - 2 * margin) / sh);
		v->ox = (w - sw * v->k) / 2;
		v->oy = (h - sh * v->k) / 2;
	}
	v->auto_fit = true;
	gtk_widget_queue_draw(v->area);
}

static void zoom_at(struct editor_view *v, double factor, double sx, double sy)
{
	double px, py, nk = v->k * factor;

	if (nk < 0.02 || nk > 64)
		return;
	screen_to_px(v, sx, sy, &px, &py);
	v->k = nk;
	v->ox = sx - px * nk;
	v->oy = sy - py * nk;
	v->auto_fit = false;
	gtk_widget_queue_draw(v->area);
}

void editor_view_zoom(struct editor_view *v, double factor)
{
	zoom_at(v, factor, gtk_widget_get_width(v->area) / 2.0, gtk_widget_get_height(v->area) / 2.0);
}

void editor_view_pan(struct editor_view *v, double dx, double dy)
{
	v->ox += dx;
	v->oy += dy;
	v->auto_fit = false;
	gtk_widget_queue_draw(v->area);
}

/* ---- drawing: the sheet ------------------------------------------------------------- */

static void text(cairo_t *cr, GtkWidget *w, const char *s, double x, double y, const char *font,
		 double r, double g, double b)
{
	PangoLayout *l = gtk_widget_create_pango_layout(w, s);
	PangoFontDescription *fd = pango_font_description_from_string(font);

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	cairo_move_to(cr, x, y);
	pango_cairo_layout_path(cr, l);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
	cairo_set_line_width(cr, 4);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
	cairo_move_to(cr, x, y);
	cairo_set_source_rgb(cr, r, g, b);
	pango_cairo_show_layout(cr, l);
	cairo_new_path(cr);
	g_object_unref(l);
}

/* The level below, in this level's drawing pixels, by the tools' alignment. */
static void below_transform(cairo_t *cr, const struct editor_view *v, const struct edit_view *ev)
{
	const struct floorplan *fp = floor_of(v), *b = edit_doc_below(edit_tools_doc(v->t));
	struct fp_align inv = edit_align_inverse(ev->rel);

	cairo_translate(cr, v->ox, v->oy);
	cairo_scale(cr, v->k, v->k);
	cairo_translate(cr, fp->origin_x_px, fp->origin_y_px);
	cairo_scale(cr, fp->px_per_m, fp->px_per_m);
	cairo_translate(cr, inv.dx_m, inv.dy_m);
	cairo_rotate(cr, inv.rot_deg * M_PI / 180);
	cairo_scale(cr, 1 / b->px_per_m, 1 / b->px_per_m);
	cairo_translate(cr, -b->origin_x_px, -b->origin_y_px);
}

/* While aligning: the level below, its drawing faint, its walls in blue. */
static void draw_below(cairo_t *cr, struct editor_view *v, const struct edit_view *ev)
{
	const struct floorplan *b = edit_doc_below(edit_tools_doc(v->t));

	if (!ev->aligning || !b)
		return;
	cairo_save(cr);
	below_transform(cr, v, ev);
	if (v->below) {
		cairo_set_source_surface(cr, v->below, 0, 0);
		cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
		cairo_paint_with_alpha(cr, 0.45);
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
	}
	for (size_t i = 0; i < b->nwalls; i++) {
		for (size_t j = 0; j < b->walls[i].npts; j++) {
			double px, py;

			fp_m_to_px(b, b->walls[i].pts[j], &px, &py);
			if (j)
				cairo_line_to(cr, px, py);
			else
				cairo_move_to(cr, px, py);
		}
	}
	cairo_restore(cr);
	cairo_set_source_rgba(cr, 0.05, 0.35, 0.95, 0.7);
	cairo_set_line_width(cr, 3);
	cairo_stroke(cr);
}

static void draw_sheet(cairo_t *cr, struct editor_view *v, const struct edit_view *ev)
{
	double sw, sh;

	sheet_size(v, &sw, &sh);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.35);
	cairo_rectangle(cr, v->ox + 4, v->oy + 4, sw * v->k, sh * v->k);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, v->ox, v->oy, sw * v->k, sh * v->k);
	cairo_fill(cr);
	draw_below(cr, v, ev);
	if (v->drawing) {
		cairo_save(cr);
		cairo_translate(cr, v->ox, v->oy);
		cairo_scale(cr, v->k, v->k);
		cairo_set_source_surface(cr, v->drawing, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), v->k >= 2 ? CAIRO_FILTER_NEAREST
									  : CAIRO_FILTER_GOOD);
		/* Multiplied, so the level below shows through the white. */
		cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
		cairo_paint_with_alpha(cr, ev->aligning ? 0.7 : 0.85);
		cairo_restore(cr);
	}
}

/* ---- drawing: the floor's elements --------------------------------------------------- */

static void poly(cairo_t *cr, const struct editor_view *v, const struct fp_point *p, size_t n,
		 bool close)
{
	for (size_t i = 0; i < n; i++) {
		double sx, sy;

		m_to_screen(v, p[i], &sx, &sy);
		if (i)
			cairo_line_to(cr, sx, sy);
		else
			cairo_move_to(cr, sx, sy);
	}
	if (close)
		cairo_close_path(cr);
}

static const struct fp_ward *ward_shown(const struct editor_view *v, const struct edit_view *ev,
					size_t i)
{
	const struct fp_ward *w = &floor_of(v)->wards[i];

	if (ev->moving && ev->moving->kind == EDIT_WARD && ev->moving->u.ward.id == w->id)
		return &ev->moving->u.ward;
	return w;
}

static void draw_wards(cairo_t *cr, struct editor_view *v, const struct edit_view *ev)
{
	const struct floorplan *fp = floor_of(v);

	for (size_t i = 0; i < fp->nwards; i++) {
		const struct fp_ward *w = ward_shown(v, ev, i);
		bool sel = ev->selection.kind == EDIT_WARD && ev->selection.index == (int)i;
		struct fp_point mn, mx, c;
		double sx, sy;

		poly(cr, v, w->pts, w->npts, true);
		cairo_set_source_rgba(cr, 0.12, 0.45, 0.80, sel ? 0.22 : 0.10);
		cairo_fill_preserve(cr);
		cairo_set_source_rgba(cr, 0.10, 0.30, 0.60, 0.9);
		cairo_set_line_width(cr, sel ? 4 : 2);
		cairo_set_dash(cr, (double[]){ 10, 5 }, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		fp_polygon_bounds(w->pts, w->npts, &mn, &mx);
		c = (struct fp_point){ (mn.x + mx.x) / 2, (mn.y + mx.y) / 2 };
		m_to_screen(v, c, &sx, &sy);
		text(cr, v->area, w->name, sx - 4 * strlen(w->name), sy - 10, "Sans Bold 12", 0.08,
		     0.22, 0.45);
	}
}

static void draw_walls(cairo_t *cr, struct editor_view *v, const struct edit_view *ev)
{
	const struct floorplan *fp = floor_of(v);

	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	for (size_t i = 0; i < fp->nwalls; i++) {
		const struct fp_wall *w = &fp->walls[i];
		double rgb[3], loss = w->loss_db[FP_BAND_5G];
		bool sel = ev->selection.kind == EDIT_WALL && ev->selection.index == (int)i;

		if (ev->moving && ev->moving->kind == EDIT_WALL && ev->moving->u.wall.id == w->id)
			w = &ev->moving->u.wall;
		if (sel) {
			poly(cr, v, w->pts, w->npts, false);
			cairo_set_source_rgba(cr, 1.0, 0.55, 0.0, 0.6);
			cairo_set_line_width(cr, 16);
			cairo_stroke(cr);
		}
		fp_material_colour(w->material, rgb);
		poly(cr, v, w->pts, w->npts, false);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_set_line_width(cr, loss >= 30 ? 9 : loss >= 15 ? 7 : 5);
		cairo_stroke(cr);
	}
}

static void draw_openings(cairo_t *cr, struct editor_view *v, const struct edit_view *ev)
{
	const struct floorplan *fp = floor_of(v);

	for (size_t i = 0; i < fp->nopenings; i++) {
		const struct fp_opening *o = &fp->openings[i];
		bool sel = ev->selection.kind == EDIT_OPENING && ev->selection.index == (int)i;
		double ax, ay, bx, by, rgb[3];

		if (ev->moving && ev->moving->kind == EDIT_OPENING && ev->moving->u.opening.id == o->id)
			o = &ev->moving->u.opening;
		m_to_screen(v, o->a, &ax, &ay);
		m_to_screen(v, o->b, &bx, &by);
		cairo_move_to(cr, ax, ay);
		cairo_line_to(cr, bx, by);
		cairo_set_source_rgb(cr, sel ? 1.0 : 1, sel ? 0.55 : 1, sel ? 0 : 1);
		cairo_set_line_width(cr, 12);
		cairo_stroke(cr);
		fp_material_colour(o->kind, rgb);
		cairo_move_to(cr, ax, ay);
		cairo_line_to(cr, bx, by);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_set_line_width(cr, 4);
		cairo_set_dash(cr, (double[]){ 6, 3 }, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

static void draw_aps(cairo_t *cr, struct editor_view *v, const struct edit_view *ev)
{
	const struct floorplan *fp = floor_of(v);

	for (size_t i = 0; i < fp->naps; i++) {
		const struct fp_ap *ap = &fp->aps[i];
		bool sel = ev->selection.kind == EDIT_AP && ev->selection.index == (int)i;
		double sx, sy;

		if (ev->moving && ev->moving->kind == EDIT_AP && ev->moving->u.ap.id == ap->id)
			ap = &ev->moving->u.ap;
		m_to_screen(v, ap->pos, &sx, &sy);
		if (sel) {
			cairo_arc(cr, sx, sy, 22, 0, 2 * M_PI);
			cairo_set_source_rgba(cr, 1.0, 0.55, 0.0, 0.6);
			cairo_fill(cr);
		}
		cairo_move_to(cr, sx, sy - 14);
		cairo_line_to(cr, sx + 12, sy + 9);
		cairo_line_to(cr, sx - 12, sy + 9);
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 0.55, 0.10, 0.55);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 2);
		cairo_stroke(cr);
		text(cr, v->area, ap->name, sx + 15, sy - 10, "Sans Bold 11", 0.45, 0.05, 0.45);
	}
}

/* ---- drawing: the tool in hand ------------------------------------------------------------ */

static void marker(cairo_t *cr, double sx, double sy, double r, bool ring)
{
	cairo_arc(cr, sx, sy, r, 0, 2 * M_PI);
	if (ring) {
		cairo_set_source_rgb(cr, 0.0, 0.65, 0.25);
		cairo_set_line_width(cr, 3);
		cairo_stroke(cr);
		return;
	}
	cairo_set_source_rgb(cr, 0.95, 0.40, 0.0);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 2);
	cairo_stroke(cr);
}

static void draw_corners(cairo_t *cr, struct editor_view *v, const struct edit_view *ev)
{
	double sx, sy, cx, cy;
	bool ward = edit_tools_current(v->t) == TOOL_WARD;

	if (!ev->npts)
		return;
	poly(cr, v, ev->pts, ev->npts, false);
	if (ev->have_cursor) {
		m_to_screen(v, ev->cursor, &cx, &cy);
		cairo_line_to(cr, cx, cy);
	}
	cairo_set_source_rgb(cr, ward ? 0.10 : 0.95, ward ? 0.35 : 0.40, ward ? 0.75 : 0.0);
	cairo_set_line_width(cr, 4);
	cairo_set_dash(cr, (double[]){ 12, 6 }, 2, 0);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	for (size_t i = 0; i < ev->npts; i++) {
		m_to_screen(v, ev->pts[i], &sx, &sy);
		marker(cr, sx, sy, i == 0 ? 9 : 6, false);
	}
}

static void draw_calibration(cairo_t *cr, struct editor_view *v, const struct edit_view *ev)
{
	double sx[2], sy[2];

	for (size_t i = 0; i < ev->ncalib; i++) {
		px_to_screen(v, ev->calib[i].x, ev->calib[i].y, &sx[i], &sy[i]);
		cairo_set_source_rgb(cr, 0.85, 0.0, 0.35);
		cairo_set_line_width(cr, 2);
		cairo_move_to(cr, sx[i] - 16, sy[i]);
		cairo_line_to(cr, sx[i] + 16, sy[i]);
		cairo_move_to(cr, sx[i], sy[i] - 16);
		cairo_line_to(cr, sx[i], sy[i] + 16);
		cairo_stroke(cr);
		cairo_arc(cr, sx[i], sy[i], 8, 0, 2 * M_PI);
		cairo_stroke(cr);
	}
	if (ev->ncalib == 2) {
		cairo_move_to(cr, sx[0], sy[0]);
		cairo_line_to(cr, sx[1], sy[1]);
		cairo_set_dash(cr, (double[]){ 8, 5 }, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

static void draw_tool(cairo_t *cr, struct editor_view *v, const struct edit_view *ev)
{
	double sx, sy, bx, by;

	draw_calibration(cr, v, ev);
	if (floor_of(v)->px_per_m <= 0)
		return;
	draw_corners(cr, v, ev);
	if (ev->have_door) {
		m_to_screen(v, ev->door_a, &sx, &sy);
		m_to_screen(v, ev->door_b, &bx, &by);
		cairo_move_to(cr, sx, sy);
		cairo_line_to(cr, bx, by);
		cairo_set_source_rgba(cr, 0.95, 0.40, 0.0, 0.85);
		cairo_set_line_width(cr, 14);
		cairo_stroke(cr);
	}
	if (ev->have_cursor && ev->snapped) {
		m_to_screen(v, ev->cursor, &sx, &sy);
		marker(cr, sx, sy, 14, true);
	}
	for (size_t i = 0; i < ev->npairs; i++) {
		m_to_screen(v, ev->pairs[i], &sx, &sy);
		marker(cr, sx, sy, 8, false);
		text(cr, v->area, i % 2 ? "below" : "here", sx + 10, sy + 4, "Sans Bold 10", 0.1, 0.1, 0.1);
	}
}

/* Where the loupe goes: beside the pointer, wholly on the canvas, never under the pointer. */
static void loupe_place(const struct editor_view *v, int w, int h, double *cx, double *cy)
{
	static const double dir[][2] = { { 1, -1 }, { 1, 1 }, { -1, -1 }, { -1, 1 } };
	double off = LOUPE_R + 24;

	for (size_t i = 0; i < 4; i++) {
		*cx = v->pointer_x + dir[i][0] * off;
		*cy = v->pointer_y + dir[i][1] * off;
		if (*cx - LOUPE_R >= 0 && *cx + LOUPE_R <= w && *cy - LOUPE_R >= 0 && *cy + LOUPE_R <= h)
			return;
	}
}

/*
 * A magnifier beside the pointer: the drawing's pixels large, and a cross-hair
 * on the pixel corner a click takes (the nearest one, as the tools round).
 */
static void draw_loupe(cairo_t *cr, struct editor_view *v, int w, int h)
{
	enum edit_tool_id tool = edit_tools_current(v->t);
	double L = fmax(LOUPE_ZOOM, 4 * v->k), px, py, cx, cy;
	char where[64];

	if (!v->pointer_in || v->panning || tool == TOOL_SELECT || !v->drawing ||
	    edit_tools_prompt(v->t, NULL, NULL) != PROMPT_NONE)
		return;
	screen_to_px(v, v->pointer_x, v->pointer_y, &px, &py);
	px = round(px);
	py = round(py);
	loupe_place(v, w, h, &cx, &cy);
	cairo_save(cr);
	cairo_arc(cr, cx, cy, LOUPE_R, 0, 2 * M_PI);
	cairo_clip(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_translate(cr, cx - px * L, cy - py * L);
	cairo_scale(cr, L, L);
	cairo_set_source_surface(cr, v->drawing, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_set_source_rgb(cr, 0.85, 0.0, 0.35);
	cairo_set_line_width(cr, 2);
	cairo_arc(cr, cx, cy, 5, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_move_to(cr, cx - LOUPE_R, cy);
	cairo_line_to(cr, cx - 5, cy);
	cairo_move_to(cr, cx + 5, cy);
	cairo_line_to(cr, cx + LOUPE_R, cy);
	cairo_move_to(cr, cx, cy - LOUPE_R);
	cairo_line_to(cr, cx, cy - 5);
	cairo_move_to(cr, cx, cy + 5);
	cairo_line_to(cr, cx, cy + LOUPE_R);
	cairo_stroke(cr);
	cairo_arc(cr, cx, cy, LOUPE_R, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.18);
	cairo_set_line_width(cr, 4);
	cairo_stroke(cr);
	snprintf(where, sizeof(where), "px %.0f, %.0f", px, py);
	text(cr, v->area, where, cx - 40, cy + LOUPE_R - 30, "Sans Bold 10", 0.1, 0.1, 0.1);
}

static void draw_scale_bar(cairo_t *cr, struct editor_view *v, int h)
{
	static const double steps[] = { 1, 2, 5, 10, 20, 50, 100 };
	double ppm = floor_of(v)->px_per_m, m = steps[0], len, x = 20, y = h - 24;
	char s[32];

	if (ppm <= 0) {
		text(cr, v->area, "NO SCALE YET — press C to calibrate", x, y - 24, "Sans Bold 13",
		     0.75, 0.05, 0.05);
		return;
	}
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		m = steps[i];
		if (m * ppm * v->k >= 90)
			break;
	}
	len = m * ppm * v->k;
	cairo_rectangle(cr, x - 8, y - 28, len + 70, 40);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(cr, 3);
	cairo_move_to(cr, x, y - 6);
	cairo_line_to(cr, x, y);
	cairo_line_to(cr, x + len, y);
	cairo_line_to(cr, x + len, y - 6);
	cairo_stroke(cr);
	snprintf(s, sizeof(s), "%g m", m);
	text(cr, v->area, s, x + len + 6, y - 20, "Sans Bold 11", 0.1, 0.1, 0.1);
}

static void write_probe(struct editor_view *v)
{
	GtkNative *native = gtk_widget_get_native(v->area);
	double wx = 0, wy = 0, tx = 0, ty = 0;
	char line[128];
	FILE *f;

	if (!v->probe_path || !native)
		return;
	if (!gtk_widget_translate_coordinates(v->area, GTK_WIDGET(native), 0, 0, &wx, &wy))
		return;
	gtk_native_get_surface_transform(native, &tx, &ty);
	snprintf(line, sizeof(line), "%.3f %.3f %.6f\n", wx + tx + v->ox, wy + ty + v->oy, v->k);
	if (strcmp(line, v->probe_last) == 0)
		return;
	f = fopen(v->probe_path, "w");
	if (!f)
		return;
	fputs(line, f);
	fclose(f);
	snprintf(v->probe_last, sizeof(v->probe_last), "%s", line);
}

static void draw(GtkDrawingArea *area, cairo_t *cr, int w, int h, gpointer data)
{
	struct editor_view *v = data;
	struct edit_view ev;

	(void)area;
	if (v->auto_fit || v->k <= 0)
		editor_view_fit(v);
	edit_tools_view(v->t, &ev);
	cairo_set_source_rgb(cr, 0.20, 0.22, 0.25);
	cairo_paint(cr);
	draw_sheet(cr, v, &ev);
	if (floor_of(v)->px_per_m > 0) {
		draw_wards(cr, v, &ev);
		draw_walls(cr, v, &ev);
		draw_openings(cr, v, &ev);
		draw_aps(cr, v, &ev);
	}
	draw_tool(cr, v, &ev);
	draw_scale_bar(cr, v, h);
	draw_loupe(cr, v, w, h);
	write_probe(v);
}

/* ---- input ----------------------------------------------------------------------------------- */

static void changed(struct editor_view *v)
{
	gtk_widget_queue_draw(v->area);
	if (v->changed)
		v->changed(v->arg);
}

static void pressed(GtkGestureDrag *g, double x, double y, gpointer data)
{
	struct editor_view *v = data;

	v->button = gtk_gesture_single_get_current_button(GTK_GESTURE_SINGLE(g));
	v->pressed = true;
	v->dragging = v->panning = false;
	v->press_x = x;
	v->press_y = y;
	v->press_ox = v->ox;
	v->press_oy = v->oy;
	gtk_widget_grab_focus(v->area);
}

static void moved(GtkGestureDrag *g, double dx, double dy, gpointer data)
{
	struct editor_view *v = data;
	double px, py;

	(void)g;
	if (!v->dragging && !v->panning) {
		if (hypot(dx, dy) < DRAG_START_PX)
			return;
		screen_to_px(v, v->press_x, v->press_y, &px, &py);
		if (v->button == GDK_BUTTON_PRIMARY &&
		    edit_tools_drag_begin(v->t, px, py, editor_view_tolerance(v)))
			v->dragging = true;
		else
			v->panning = true;
	}
	if (v->panning) {
		v->ox = v->press_ox + dx;
		v->oy = v->press_oy + dy;
		v->auto_fit = false;
		gtk_widget_queue_draw(v->area);
		return;
	}
	screen_to_px(v, v->press_x + dx, v->press_y + dy, &px, &py);
	edit_tools_drag_update(v->t, px, py);
	changed(v);
}

/* A press that did not move: a click, or the second of a double-click. */
static void click(struct editor_view *v, double x, double y)
{
	gint64 now = g_get_monotonic_time();
	int dbl_ms = 400;
	double px, py;
	int n = 1;

	g_object_get(gtk_settings_get_default(), "gtk-double-click-time", &dbl_ms, NULL);
	if (now - v->last_click_us < (gint64)dbl_ms * 1000 &&
	    hypot(x - v->last_click_x, y - v->last_click_y) < DRAG_START_PX)
		n = 2;
	v->last_click_us = n == 2 ? 0 : now;
	v->last_click_x = x;
	v->last_click_y = y;
	screen_to_px(v, x, y, &px, &py);
	edit_tools_hover(v->t, px, py, editor_view_tolerance(v));
	edit_tools_click(v->t, px, py, editor_view_tolerance(v), n);
	changed(v);
}

static void released(GtkGestureDrag *g, double dx, double dy, gpointer data)
{
	struct editor_view *v = data;
	double px, py;

	(void)g;
	if (!v->pressed)
		return;
	v->pressed = false;
	if (v->dragging) {
		screen_to_px(v, v->press_x + dx, v->press_y + dy, &px, &py);
		edit_tools_drag_end(v->t, px, py);
		v->dragging = false;
		changed(v);
	} else if (!v->panning && v->button == GDK_BUTTON_PRIMARY) {
		click(v, v->press_x, v->press_y);
	}
	v->panning = false;
}

static void motion(GtkEventControllerMotion *c, double x, double y, gpointer data)
{
	struct editor_view *v = data;
	double px, py;

	(void)c;
	v->pointer_in = true;
	v->pointer_x = x;
	v->pointer_y = y;
	screen_to_px(v, x, y, &px, &py);
	edit_tools_hover(v->t, px, py, editor_view_tolerance(v));
	gtk_widget_queue_draw(v->area);
}

static void leave(GtkEventControllerMotion *c, gpointer data)
{
	struct editor_view *v = data;

	(void)c;
	v->pointer_in = false;
	gtk_widget_queue_draw(v->area);
}

static gboolean scroll(GtkEventControllerScroll *c, double dx, double dy, gpointer data)
{
	struct editor_view *v = data;

	(void)c;
	(void)dx;
	zoom_at(v, dy < 0 ? 1.2 : 1 / 1.2, v->pointer_x, v->pointer_y);
	return TRUE;
}

static void resized(GtkDrawingArea *a, int w, int h, gpointer data)
{
	struct editor_view *v = data;

	(void)a;
	(void)w;
	(void)h;
	if (v->auto_fit)
		editor_view_fit(v);
}

static void view_free(gpointer data)
{
	struct editor_view *v = data;

	if (v->drawing)
		cairo_surface_destroy(v->drawing);
	if (v->below)
		cairo_surface_destroy(v->below);
	g_free(v->probe_path);
	g_free(v);
}

struct editor_view *editor_view_new(struct edit_tools *t, cairo_surface_t *drawing,
				    cairo_surface_t *below, void (*on_change)(void *arg), void *arg)
{
	struct editor_view *v = g_new0(struct editor_view, 1);
	GtkGesture *drag = gtk_gesture_drag_new();
	GtkEventController *ec;

	v->t = t;
	v->drawing = drawing;
	v->below = below;
	v->changed = on_change;
	v->arg = arg;
	v->auto_fit = true;
	v->area = gtk_drawing_area_new();
	gtk_widget_set_hexpand(v->area, TRUE);
	gtk_widget_set_vexpand(v->area, TRUE);
	gtk_widget_set_focusable(v->area, TRUE);
	gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(v->area), draw, v, NULL);
	g_signal_connect(v->area, "resize", G_CALLBACK(resized), v);
	g_object_set_data_full(G_OBJECT(v->area), "notspot-editor-view", v, view_free);

	gtk_gesture_single_set_button(GTK_GESTURE_SINGLE(drag), 0);
	g_signal_connect(drag, "drag-begin", G_CALLBACK(pressed), v);
	g_signal_connect(drag, "drag-update", G_CALLBACK(moved), v);
	g_signal_connect(drag, "drag-end", G_CALLBACK(released), v);
	gtk_widget_add_controller(v->area, GTK_EVENT_CONTROLLER(drag));
	ec = gtk_event_controller_scroll_new(GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
	g_signal_connect(ec, "scroll", G_CALLBACK(scroll), v);
	gtk_widget_add_controller(v->area, ec);
	ec = gtk_event_controller_motion_new();
	g_signal_connect(ec, "motion", G_CALLBACK(motion), v);
	g_signal_connect(ec, "leave", G_CALLBACK(leave), v);
	gtk_widget_add_controller(v->area, ec);
	return v;
}

GtkWidget *editor_view_widget(struct editor_view *v)
{
	return v->area;
}

void editor_view_set_probe(struct editor_view *v, const char *path)
{
	g_free(v->probe_path);
	v->probe_path = path ? g_strdup(path) : NULL;
	v->probe_last[0] = '\0';
}
