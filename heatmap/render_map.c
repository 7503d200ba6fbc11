/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_map.c — the map's layers, bottom up (render.h): the floor, the
 * field, not-surveyed and outside hatching, not-spots, walls, wards, and the
 * path, samples and APs. Private to render.c through render_priv.h.
 */
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/colormap.h"
#include "heatmap/render_priv.h"

double hmr_text(struct ctx *c, double x, double y, const char *s, double size, bool bold,
		enum fp_text_align al, bool halo, double maxw)
{
	struct fp_text_style st = { .size = size * c->u, .bold = bold, .align = al, .wrap_w = maxw,
				    .halo_w = halo ? 3 * c->u : 0, .halo_alpha = 0.85,
				    .whole_units = true };

	return fp_text_draw(c->cr, &st, x, y, s).h;
}

static void to_dev(const struct ctx *c, double x, double y, double *dx, double *dy)
{
	hm_view_to_dev(&c->v, x, y, dx, dy);
}

/* Clip to the map area (inside a cairo_save() the caller restores). */
static void clip_to_map(const struct ctx *c)
{
	cairo_rectangle(c->cr, c->v.mx, c->v.my, c->v.mw, c->v.mh);
	cairo_clip(c->cr);
}

/* An A8 mask over the grid, 255 where @pick says so; caller destroys. */
static cairo_pattern_t *grid_mask(struct ctx *c, bool (*pick)(const struct hm_map *, size_t, int),
				  bool *any)
{
	const struct hm_grid *g = &c->m->grid;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, g->nx, g->ny);
	cairo_pattern_t *p;
	cairo_matrix_t mtx, cells;
	unsigned char *d;
	int stride;

	*any = false;
	cairo_surface_flush(s);
	d = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	if (!d) {
		cairo_surface_destroy(s);
		return NULL;
	}
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			bool on = pick(c->m, (size_t)j * g->nx + i, c->o->metric);

			d[(size_t)j * stride + i] = on ? 255 : 0;
			*any |= on;
		}
	cairo_surface_mark_dirty(s);
	p = cairo_pattern_create_for_surface(s);
	cairo_surface_destroy(s);
	cairo_pattern_set_filter(p, CAIRO_FILTER_NEAREST);
	/* device → metres → cells */
	cairo_matrix_init_scale(&mtx, 1 / c->v.s, 1 / c->v.s);
	cairo_matrix_translate(&mtx, -c->v.mx, -c->v.my);
	cairo_matrix_init_scale(&cells, 1 / g->cell_m, 1 / g->cell_m);
	cairo_matrix_multiply(&mtx, &mtx, &cells);
	cairo_pattern_set_matrix(p, &mtx);
	return p;
}

/* Whether the shown value exists in cell @k: not-measured cells are drawn as not surveyed. */
static bool shown(const struct hm_map *m, size_t k, int metric)
{
	if (m->cover[k] != HM_COVER_SURVEYED && m->cover[k] != HM_COVER_PREDICTED)
		return false;
	if (metric < 0)
		return m->verdict != NULL;
	if (!m->m[metric])
		return false;
	return !isnan(m->m[metric][k]) || hm_metric_info(metric)->absent_fails;
}

static bool pick_not_surveyed(const struct hm_map *m, size_t k, int metric)
{
	return m->cover[k] != HM_COVER_OUTSIDE && !shown(m, k, metric);
}

/* The not-spots being drawn (the profile's, or those of the shown metric's rules). */
static _Thread_local const struct hm_notspots *cur_ns;

static bool pick_notspot(const struct hm_map *m, size_t k, int metric)
{
	(void)m;
	(void)metric;
	return cur_ns && cur_ns->label && cur_ns->label[k] >= 0;
}

static bool pick_outside(const struct hm_map *m, size_t k, int metric)
{
	(void)metric;
	return m->cover[k] == HM_COVER_OUTSIDE;
}

/* The colour of cell @k as 0xffRRGGBB, 0 (transparent) where nothing is shown. */
static uint32_t cell_argb(const struct ctx *c, size_t k)
{
	const struct hm_map *m = c->m;
	struct hm_rgb col;

	if (!shown(m, k, c->o->metric))
		return 0;
	if (c->o->metric < 0)
		col = m->verdict[k] == HM_V_PASS ? hm_color_pass : hm_color_fail;
	else
		col = hm_metric_color(c->o->metric, m->m[c->o->metric][k]);
	return 0xff000000u | (uint32_t)lrint(col.r * 255) << 16 | (uint32_t)lrint(col.g * 255) << 8 |
	       (uint32_t)lrint(col.b * 255);
}

static void draw_field(struct ctx *c)
{
	const struct hm_grid *g = &c->m->grid;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, g->nx, g->ny);
	unsigned char *d;
	int stride;
	cairo_matrix_t mtx, sc;
	cairo_pattern_t *p;

	cairo_surface_flush(img);
	d = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	if (!d) {
		cairo_surface_destroy(img);
		return;
	}
	for (int j = 0; j < g->ny; j++) {
		uint32_t *row = (uint32_t *)(void *)(d + (size_t)j * stride);

		for (int i = 0; i < g->nx; i++)
			row[i] = cell_argb(c, (size_t)j * g->nx + i);
	}
	cairo_surface_mark_dirty(img);
	p = cairo_pattern_create_for_surface(img);
	cairo_surface_destroy(img);
	cairo_pattern_set_filter(p, CAIRO_FILTER_NEAREST);
	cairo_matrix_init_translate(&mtx, -c->v.mx, -c->v.my);
	cairo_matrix_init_scale(&sc, 1 / (c->v.s * g->cell_m), 1 / (c->v.s * g->cell_m));
	cairo_matrix_multiply(&mtx, &mtx, &sc);
	cairo_pattern_set_matrix(p, &mtx);
	cairo_save(c->cr);
	clip_to_map(c);
	cairo_set_source(c->cr, p);
	/* Over a drawing, let its lines show through a little. */
	cairo_paint_with_alpha(c->cr, c->o->drawing ? 0.85 : 1.0);
	cairo_restore(c->cr);
	cairo_pattern_destroy(p);
}

/*
 * A repeating tile of one hatch line, @gap device units square, drawn at 4×
 * for crisp print. (A tile, not a pushed group: cairo 1.16 leaks a snapshot
 * when a group is masked on PDF and SVG surfaces.)
 */
static cairo_pattern_t *hatch_tile(double gap, double lw, double fg, double fga, int dir)
{
	int px = (int)ceil(gap * 4);
	cairo_surface_t *t = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px < 4 ? 4 : px,
							px < 4 ? 4 : px);
	cairo_t *cr = cairo_create(t);
	cairo_pattern_t *p;
	cairo_matrix_t m;
	double n = px < 4 ? 4 : px;

	cairo_set_source_rgba(cr, fg, fg, fg, fga);
	cairo_set_line_width(cr, lw * 4);
	/* The line and its neighbours' ends, so the tiles join. */
	for (int k = -1; k <= 1; k++) {
		if (dir > 0) {
			cairo_move_to(cr, k * n, n);
			cairo_line_to(cr, k * n + n, 0);
		} else {
			cairo_move_to(cr, k * n, 0);
			cairo_line_to(cr, k * n + n, n);
		}
	}
	cairo_stroke(cr);
	cairo_destroy(cr);
	p = cairo_pattern_create_for_surface(t);
	cairo_surface_destroy(t);
	cairo_pattern_set_extend(p, CAIRO_EXTEND_REPEAT);
	cairo_matrix_init_scale(&m, 4, 4);
	cairo_pattern_set_matrix(p, &m);
	return p;
}

/* Fill the cells @pick chooses with @bg (alpha @bga), hatched by @dir lines of grey @fg. */
static void hatched(struct ctx *c, bool (*pick)(const struct hm_map *, size_t, int), double bgr,
		    double bgg, double bgb, double bga, double fg, double fga, int dir, double gap)
{
	bool any;
	cairo_pattern_t *mask = grid_mask(c, pick, &any);

	if (!mask)
		return;
	if (any) {
		cairo_save(c->cr);
		clip_to_map(c);
		if (bga > 0) {
			cairo_set_source_rgba(c->cr, bgr, bgg, bgb, bga);
			cairo_mask(c->cr, mask);
		}
		if (fga > 0) {
			cairo_pattern_t *tile = hatch_tile(gap * c->u, 1.3 * c->u, fg, fga, dir);

			cairo_set_source(c->cr, tile);
			cairo_mask(c->cr, mask);
			cairo_pattern_destroy(tile);
		}
		cairo_restore(c->cr);
	}
	cairo_pattern_destroy(mask);
}

/* A line from @a to @b (metres) of grey @grey and width @lw device units. */
static void segment(struct ctx *c, struct fp_point a, struct fp_point b, double grey, double lw)
{
	double ax, ay, bx, by;

	to_dev(c, a.x, a.y, &ax, &ay);
	to_dev(c, b.x, b.y, &bx, &by);
	cairo_move_to(c->cr, ax, ay);
	cairo_line_to(c->cr, bx, by);
	cairo_set_source_rgb(c->cr, grey, grey, grey);
	cairo_set_line_width(c->cr, lw);
	cairo_stroke(c->cr);
}

static void draw_walls(struct ctx *c)
{
	const struct floorplan *fp = c->m->fp;
	cairo_t *cr = c->cr;

	cairo_save(cr);
	clip_to_map(c);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	for (size_t w = 0; w < fp->nwalls; w++) {
		const struct fp_wall *wall = &fp->walls[w];
		double loss = wall->loss_db[FP_BAND_5G], lw;

		lw = loss < 6 ? 1.5 : loss < 15 ? 2.5 : loss < 30 ? 3.5 : 6;
		hm_draw_path(cr, &c->v, wall->pts, wall->npts, false);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, (lw + 2.5) * c->u);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, lw * c->u);
		cairo_stroke(cr);
	}
	/* Openings: a light gap in the wall, a thin line for a door leaf. */
	for (size_t k = 0; k < fp->nopenings; k++) {
		const struct fp_opening *o = &fp->openings[k];

		segment(c, o->a, o->b, 1, 7 * c->u);
		if (o->loss_db[FP_BAND_5G] > 0)
			segment(c, o->a, o->b, 0.35, 1.2 * c->u);
	}
	cairo_restore(cr);
}

static void draw_wards(struct ctx *c)
{
	const struct floorplan *fp = c->m->fp;
	cairo_t *cr = c->cr;
	double dash[2] = { 8 * c->u, 5 * c->u };

	cairo_save(cr);
	clip_to_map(c);
	for (size_t w = 0; w < fp->nwards; w++) {
		const struct fp_ward *wd = &fp->wards[w];
		struct fp_point mn, mx;
		double x, y;

		if (c->m->ward && c->m->ward != wd)
			continue;
		hm_draw_path(cr, &c->v, wd->pts, wd->npts, true);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 4 * c->u);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0.0, 0.15, 0.55);
		cairo_set_line_width(cr, 2 * c->u);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		fp_polygon_bounds(wd->pts, wd->npts, &mn, &mx);
		to_dev(c, mn.x, mn.y, &x, &y);
		hmr_text(c, x + 6 * c->u, y + 6 * c->u, wd->name, 13, true, FP_TEXT_LEFT, true, 0);
	}
	cairo_restore(cr);
}

/* A white disc with the not-spot's number at its centre. */
static void notspot_number(struct ctx *c, const struct hm_notspot *s, size_t k)
{
	cairo_t *cr = c->cr;
	char num[16];
	double x, y;

	to_dev(c, s->centroid.x, s->centroid.y, &x, &y);
	cairo_arc(cr, x, y, 11 * c->u, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1.5 * c->u);
	cairo_stroke(cr);
	snprintf(num, sizeof(num), "%zu", k + 1);
	hmr_text(c, x, y - 8 * c->u, num, 12, true, FP_TEXT_CENTER, false, 0);
}

static void draw_notspots(struct ctx *c, const struct hm_notspots *ns)
{
	cairo_t *cr = c->cr;

	cur_ns = ns;
	/* White hatching: not-spots are the darkest colours of the ramp. */
	hatched(c, pick_notspot, 0, 0, 0, 0.0, 1.0, 0.8, -1, 7);
	cur_ns = NULL;
	cairo_save(cr);
	clip_to_map(c);
	for (size_t k = 0; k < ns->n; k++) {
		const struct hm_notspot *s = &ns->v[k];

		hm_draw_path(cr, &c->v, s->ring, s->nring, true);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 5 * c->u);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 2.5 * c->u);
		cairo_stroke(cr);
		if (k < 99)
			notspot_number(c, s, k);
	}
	cairo_restore(cr);
}

/* The walked path, one line per walk: never a leap from one walk's end to the next's start. */
static void draw_path(struct ctx *c, const struct hm_set *set)
{
	cairo_t *cr = c->cr;
	double x, y;

	for (size_t k = 0; k < set->where.n; k++) {
		to_dev(c, set->where.p[k].x, set->where.p[k].y, &x, &y);
		if (k == 0 || (set->where_walk && set->where_walk[k] != set->where_walk[k - 1]))
			cairo_move_to(cr, x, y);
		else
			cairo_line_to(cr, x, y);
	}
	cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
	cairo_set_line_width(cr, 3.5 * c->u);
	cairo_stroke_preserve(cr);
	cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
	cairo_set_line_width(cr, 1.5 * c->u);
	cairo_stroke(cr);
}

static void draw_samples(struct ctx *c, const struct hm_set *set)
{
	cairo_t *cr = c->cr;
	double x, y;

	for (size_t k = 0; k < set->where.n; k++) {
		to_dev(c, set->where.p[k].x, set->where.p[k].y, &x, &y);
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, 2.2 * c->u, 0, 2 * M_PI);
	}
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1 * c->u);
	cairo_stroke(cr);
}

/* Fill the current path white and outline it black, @lw points wide. */
static void marker_paint(struct ctx *c, double lw)
{
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_fill_preserve(c->cr);
	cairo_set_source_rgb(c->cr, 0, 0, 0);
	cairo_set_line_width(c->cr, lw * c->u);
	cairo_stroke(c->cr);
}

/* Whether radio @r is the first fitted radio of its physical AP (one triangle each). */
static bool first_fit_of_ap(const struct ctx *c, const struct hm_set *set, size_t r)
{
	if (!c->m->used[r] || c->m->fits[r].nbins < 4)
		return false;
	for (size_t q = 0; q < r; q++)
		if (c->m->used[q] && set->radios[q].phys == set->radios[r].phys &&
		    c->m->fits[q].nbins >= 4)
			return false;
	return true;
}

static void draw_aps(struct ctx *c, const struct hm_set *set)
{
	cairo_t *cr = c->cr;
	char label[96];
	double x, y;

	/* Planned or surveyed APs from the floor: squares. */
	for (size_t k = 0; k < c->m->fp->naps; k++) {
		const struct fp_ap *ap = &c->m->fp->aps[k];

		to_dev(c, ap->pos.x, ap->pos.y, &x, &y);
		cairo_rectangle(cr, x - 6 * c->u, y - 6 * c->u, 12 * c->u, 12 * c->u);
		marker_paint(c, 2);
		hmr_text(c, x + 9 * c->u, y - 7 * c->u, ap->name, 11, false, FP_TEXT_LEFT, true, 0);
	}
	/* Fitted transmitter places: triangles, one per physical AP. */
	for (size_t r = 0; set && c->m->fits && r < c->m->nradios && r < set->nradios; r++) {
		const struct hm_model *f = &c->m->fits[r];

		if (!first_fit_of_ap(c, set, r))
			continue;
		to_dev(c, f->x, f->y, &x, &y);
		cairo_move_to(cr, x, y - 9 * c->u);
		cairo_line_to(cr, x + 8 * c->u, y + 6 * c->u);
		cairo_line_to(cr, x - 8 * c->u, y + 6 * c->u);
		cairo_close_path(cr);
		marker_paint(c, 2);
		snprintf(label, sizeof(label), "%s (est.)", set->phys[set->radios[r].phys].name);
		hmr_text(c, x + 10 * c->u, y - 4 * c->u, label, 11, false, FP_TEXT_LEFT, true, 0);
	}
}

static void draw_overlays(struct ctx *c)
{
	const struct hm_set *set = c->o->set;

	cairo_save(c->cr);
	clip_to_map(c);
	if (set && c->o->show_path && set->where.n > 1)
		draw_path(c, set);
	if (set && c->o->show_samples)
		draw_samples(c, set);
	if (c->o->show_aps)
		draw_aps(c, set);
	cairo_restore(c->cr);
}

/* Not-spots of the rules on @metric alone: what the metric map should outline. */
static int metric_notspots(const struct hm_map *m, int metric, struct hm_notspots *ns)
{
	size_t nc = hm_grid_ncells(&m->grid);
	uint8_t *v;
	bool any = false;
	int rc;

	memset(ns, 0, sizeof(*ns));
	for (int k = 0; k < m->profile.nrules; k++)
		any |= (int)m->profile.rules[k].metric == metric;
	if (!any || !m->m[metric])
		return -ENOENT;
	v = malloc(nc);
	if (!v)
		return -ENOMEM;
	for (size_t c = 0; c < nc; c++) {
		v[c] = m->cover[c] == HM_COVER_OUTSIDE	    ? HM_V_OUTSIDE
		       : m->cover[c] == HM_COVER_NOT_SURVEYED ? HM_V_NOT_SURVEYED
							      : HM_V_PASS;
		for (int k = 0; v[c] == HM_V_PASS && k < m->profile.nrules; k++)
			if ((int)m->profile.rules[k].metric == metric &&
			    hm_rule_check(&m->profile.rules[k], m->m[metric][c]) == 0)
				v[c] = HM_V_FAIL;
	}
	rc = hm_notspots_find(&m->grid, v, NULL, m->m[metric], hm_metric_info(metric)->higher_better,
			      m->fp, m->ward_of, m->opts.min_notspot_m2, ns, NULL);
	free(v);
	return rc;
}

/* The floor: its drawing when a loader provides one, else a plain tint of its extent. */
static void draw_floor(struct ctx *c)
{
	cairo_t *cr = c->cr;
	const struct hm_map *m = c->m;
	struct fp_point fmin, fmax;

	cairo_rectangle(cr, c->v.mx, c->v.my, c->v.mw, c->v.mh);
	cairo_set_source_rgb(cr, 0.97, 0.97, 0.96);
	cairo_fill(cr);
	if (hm_floor_bounds(m->fp, NULL, 0, &fmin, &fmax)) {
		double ax, ay, bx, by;

		to_dev(c, fmin.x, fmin.y, &ax, &ay);
		to_dev(c, fmax.x, fmax.y, &bx, &by);
		cairo_save(cr);
		clip_to_map(c);
		cairo_rectangle(cr, ax, ay, bx - ax, by - ay);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill(cr);
		cairo_restore(cr);
	}
	if (c->o->drawing && m->fp->px_per_m > 0) {
		cairo_save(cr);
		clip_to_map(c);
		hm_draw_floor_drawing(cr, &c->v, m->fp, c->o->drawing, 1);
		cairo_restore(cr);
	}
}

void hmr_draw_map(struct ctx *c)
{
	const struct hm_map *m = c->m;

	draw_floor(c);
	draw_field(c);
	hatched(c, pick_not_surveyed, 0.82, 0.82, 0.82, c->o->drawing ? 0.8 : 1, 0.0, 0.45, 1, 9);
	hatched(c, pick_outside, 1, 1, 1, 0.6, 0, 0, 1, 1000);
	if (m->has_profile && c->o->metric < 0) {
		draw_notspots(c, &m->notspots);
	} else if (m->has_profile) {
		struct hm_notspots ns;

		if (metric_notspots(m, c->o->metric, &ns) == 0) {
			draw_notspots(c, &ns);
			hm_notspots_release(&ns);
		}
	}
	draw_walls(c);
	draw_wards(c);
	draw_overlays(c);
	cairo_rectangle(c->cr, c->v.mx, c->v.my, c->v.mw, c->v.mh);
	cairo_set_source_rgb(c->cr, 0, 0, 0);
	cairo_set_line_width(c->cr, 1 * c->u);
	cairo_stroke(c->cr);
}
