/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_map.c — the map's layers, bottom up (render.h): the floor, the
 * field, not-surveyed and outside hatching, not-spots, the veil over what
 * lies outside a cropped ward, walls and doors, wards, the path and samples,
 * then the markers (render_marks.c). Private to the renderer through
 * render_priv.h.
 */
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/colormap.h"
#include "heatmap/render_labels.h"
#include "heatmap/render_priv.h"

double hmr_text(struct ctx *c, double x, double y, const char *s, double size, bool bold,
		enum fp_text_align al, bool halo, double maxw, double *w)
{
	struct fp_text_style st = { .size = size * c->u, .bold = bold, .align = al, .wrap_w = maxw,
				    .halo_w = halo ? 2.4 * c->u : 0, .halo_alpha = 0.85,
				    .whole_units = true };
	struct fp_text_size sz;
	double dev = fp_text_device_size(c->cr, &st);

	if (c->info.type_min == 0 || dev < c->info.type_min)
		c->info.type_min = dev;
	if (c->in_legend && (c->info.legend_type_min == 0 || dev < c->info.legend_type_min))
		c->info.legend_type_min = dev;
	sz = c->dry ? fp_text_measure(c->cr, &st, s) : fp_text_draw(c->cr, &st, x, y, s);
	if (w)
		*w = sz.w;
	return sz.h;
}

void hmr_obstacle(struct ctx *c, struct hm_box b)
{
	if (c->nobst < HM_RENDER_MAX_LABELS)
		c->obst[c->nobst++] = b;
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

/* A pattern's matrix from device units to the grid's cells. */
static void cells_matrix(const struct ctx *c, cairo_matrix_t *mtx)
{
	const struct hm_grid *g = &c->m->grid;
	cairo_matrix_t sc;

	cairo_matrix_init_translate(mtx, -(c->v.mx + (g->x0 - c->v.x0) * c->v.s),
				    -(c->v.my + (g->y0 - c->v.y0) * c->v.s));
	cairo_matrix_init_scale(&sc, 1 / (c->v.s * g->cell_m), 1 / (c->v.s * g->cell_m));
	cairo_matrix_multiply(mtx, mtx, &sc);
}

/* A pattern of the @g-sized image @img, one pixel per cell, in place on the device. */
static cairo_pattern_t *cells_pattern(const struct ctx *c, cairo_surface_t *img)
{
	cairo_pattern_t *p = cairo_pattern_create_for_surface(img);
	cairo_matrix_t mtx;

	cairo_pattern_set_filter(p, CAIRO_FILTER_NEAREST);
	cells_matrix(c, &mtx);
	cairo_pattern_set_matrix(p, &mtx);
	return p;
}

/* An A8 mask over the grid, 255 where @pick says so; caller destroys. */
static cairo_pattern_t *grid_mask(struct ctx *c, bool (*pick)(const struct ctx *, size_t),
				  bool *any)
{
	const struct hm_grid *g = &c->m->grid;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, g->nx, g->ny);
	cairo_pattern_t *p;
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
			bool on = pick(c, (size_t)j * g->nx + i);

			d[(size_t)j * stride + i] = on ? 255 : 0;
			*any |= on;
		}
	cairo_surface_mark_dirty(s);
	p = cells_pattern(c, s);
	cairo_surface_destroy(s);
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

static bool pick_not_surveyed(const struct ctx *c, size_t k)
{
	return c->m->cover[k] != HM_COVER_OUTSIDE && !shown(c->m, k, c->o->metric);
}

static bool pick_outside(const struct ctx *c, size_t k)
{
	return c->m->cover[k] == HM_COVER_OUTSIDE;
}

static bool pick_veiled(const struct ctx *c, size_t k)
{
	return c->m->cover[k] != HM_COVER_OUTSIDE && !hmr_cell_shown(c, k);
}

/* The not-spots being drawn (the profile's, or those of the shown metric's rules). */
static _Thread_local const struct hm_notspots *cur_ns;

static bool pick_notspot(const struct ctx *c, size_t k)
{
	(void)c;
	return cur_ns && cur_ns->label && cur_ns->label[k] >= 0;
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
	p = cells_pattern(c, img);
	cairo_surface_destroy(img);
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
	double n = px < 4 ? 4 : px;
	cairo_surface_t *t = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)n, (int)n);
	cairo_t *cr = cairo_create(t);
	cairo_pattern_t *p;
	cairo_matrix_t m;

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

/* How a set of cells is shaded: a ground and a hatch (points). */
struct shade {
	double bg, bga;        /* ground grey and its opacity (0: none) */
	double fg, fga;        /* hatch grey and opacity (0: none) */
	int dir;               /* +1 "/", -1 "\" */
	double gap;            /* between hatch lines, points */
};

/* Fill the cells @pick chooses with the shade @sh. */
static void hatched(struct ctx *c, bool (*pick)(const struct ctx *, size_t), const struct shade *sh)
{
	bool any;
	cairo_pattern_t *mask = grid_mask(c, pick, &any);

	if (!mask)
		return;
	if (any) {
		cairo_save(c->cr);
		clip_to_map(c);
		if (sh->bga > 0) {
			cairo_set_source_rgba(c->cr, sh->bg, sh->bg, sh->bg, sh->bga);
			cairo_mask(c->cr, mask);
		}
		if (sh->fga > 0) {
			cairo_pattern_t *tile = hatch_tile(sh->gap * c->u, 0.6 * c->u, sh->fg, sh->fga,
							   sh->dir);

			cairo_set_source(c->cr, tile);
			cairo_mask(c->cr, mask);
			cairo_pattern_destroy(tile);
		}
		cairo_restore(c->cr);
	}
	cairo_pattern_destroy(mask);
}

static void draw_walls(struct ctx *c)
{
	const struct floorplan *fp = c->m->fp;
	size_t nd;
	const struct hmr_line_style *doors = hmr_door_styles(&nd);

	cairo_save(c->cr);
	clip_to_map(c);
	for (size_t w = 0; w < fp->nwalls; w++) {
		const struct fp_wall *wall = &fp->walls[w];
		size_t nst;
		const struct hmr_line_style *st = hmr_wall_styles(&nst);

		hm_draw_path(c->cr, &c->v, wall->pts, wall->npts, false);
		hmr_stroke_styled(c, &st[hmr_wall_style_of(wall->material)], 1);
	}
	/* Openings: a white gap in the wall, then the door's leaf by its weight. */
	for (size_t k = 0; k < fp->nopenings; k++) {
		const struct fp_opening *o = &fp->openings[k];
		struct fp_point ab[2] = { o->a, o->b };
		int d = hmr_door_style_of(o->kind);

		hm_draw_path(c->cr, &c->v, ab, 2, false);
		cairo_set_source_rgb(c->cr, 1, 1, 1);
		cairo_set_line_width(c->cr, 3.6 * c->u);
		cairo_set_line_cap(c->cr, CAIRO_LINE_CAP_BUTT);
		if (d > 0) {
			cairo_stroke_preserve(c->cr);
			cairo_set_source_rgb(c->cr, 0.1, 0.1, 0.1);
			cairo_set_line_width(c->cr, doors[d].width * c->u);
		}
		cairo_stroke(c->cr);
	}
	cairo_restore(c->cr);
}

/* Not-spot @k's number will go at (@x, @y): names keep clear of its disc. */
static void notspot_number(struct ctx *c, double x, double y, size_t k)
{
	double r = 6.5 * c->u;

	hmr_obstacle(c, (struct hm_box){ x - r, y - r, x + r, y + r });
	if (c->nnums < HM_RENDER_MAX_LABELS)
		c->nums[c->nnums++] = (struct hmr_num){ x, y, k };
}

/* The numbers: white discs over the walls, so no wall hides one. */
static void draw_numbers(struct ctx *c)
{
	cairo_t *cr = c->cr;
	double r = 6.5 * c->u;
	char num[16];

	for (size_t n = 0; n < c->nnums; n++) {
		double x = c->nums[n].x, y = c->nums[n].y;

		if (!c->dry) {
			cairo_new_path(cr); /* text leaves a current point: no line to the disc */
			cairo_arc(cr, x, y, r, 0, 2 * M_PI);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, 0.9 * c->u);
			cairo_stroke(cr);
		}
		snprintf(num, sizeof(num), "%zu", c->nums[n].k + 1);
		hmr_text(c, x, y - 5.4 * c->u, num, HMR_T_BODY, true, FP_TEXT_CENTER, false, 0, NULL);
	}
}

/* The name of ward @wd at the top-left of its visible part, clear of the numbers when it can. */
static void ward_name(struct ctx *c, const struct fp_ward *wd, bool bold)
{
	struct fp_point mn, mx;
	double x, y, x1, y1, w, h;
	bool dry = c->dry;

	fp_polygon_bounds(wd->pts, wd->npts, &mn, &mx);
	to_dev(c, fmax(mn.x, c->vmin.x), fmax(mn.y, c->vmin.y), &x, &y);
	to_dev(c, fmin(mx.x, c->vmax.x), fmin(mx.y, c->vmax.y), &x1, &y1);
	c->dry = true;
	h = hmr_text(c, 0, 0, wd->name, HMR_T_WARD, bold, FP_TEXT_LEFT, true, 0, &w);
	c->dry = dry;
	x += 4 * c->u;
	y += 3 * c->u;
	if (x + w > x1 || y + h > y1 || x + w > c->v.mx + c->v.mw)
		return; /* no room inside it: the outline says where it is */
	for (size_t k = 0; k < c->nobst; k++)
		if (hm_box_overlap((struct hm_box){ x, y, x + w, y + h }, c->obst[k]))
			y = fmax(y, c->obst[k].y1 + 1 * c->u);
	if (y + h > y1)
		return;
	hmr_text(c, x, y, wd->name, HMR_T_WARD, bold, FP_TEXT_LEFT, true, 0, NULL);
	hmr_obstacle(c, (struct hm_box){ x, y, x + w, y + h });
	if (c->info.nlabels < HM_RENDER_MAX_LABELS)
		c->info.labels[c->info.nlabels++] = (struct hm_box){ x, y, x + w, y + h };
}

static void draw_wards(struct ctx *c)
{
	const struct floorplan *fp = c->m->fp;
	cairo_t *cr = c->cr;
	double dash[2] = { 4 * c->u, 2.5 * c->u };

	cairo_save(cr);
	clip_to_map(c);
	for (size_t w = 0; w < fp->nwards; w++) {
		const struct fp_ward *wd = &fp->wards[w];
		bool mine = c->crop < 0 || (int)w == c->crop;

		if (c->m->ward && c->m->ward != wd)
			continue;
		hm_draw_path(cr, &c->v, wd->pts, wd->npts, true);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, (mine ? 2.2 : 1.4) * c->u);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0.0, 0.15, 0.55);
		cairo_set_line_width(cr, (mine ? 1.1 : 0.6) * c->u);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	cairo_restore(cr);
	draw_numbers(c); /* over the outlines and walls; the names keep clear of them */
	for (size_t w = 0; w < fp->nwards; w++)
		if (!c->m->ward || c->m->ward == &fp->wards[w])
			ward_name(c, &fp->wards[w], c->crop < 0 || (int)w == c->crop);
}

/* Where each not-spot's number goes: the centre of its cells that are shown (NAN: none). */
static int number_places(const struct ctx *c, const struct hm_notspots *ns, struct fp_point *at)
{
	const struct hm_grid *g = &c->m->grid;
	size_t nc = hm_grid_ncells(g), *cnt = calloc(ns->n + 1, sizeof(*cnt));

	if (!cnt)
		return -ENOMEM;
	for (size_t k = 0; k < ns->n; k++)
		at[k] = (struct fp_point){ 0, 0 };
	for (size_t k = 0; k < nc; k++) {
		int32_t l = ns->label ? ns->label[k] : -1;

		if (l < 0 || !hmr_cell_shown(c, k))
			continue;
		at[l].x += g->x0 + ((double)(k % (size_t)g->nx) + 0.5) * g->cell_m;
		at[l].y += g->y0 + ((double)(k / (size_t)g->nx) + 0.5) * g->cell_m;
		cnt[l]++;
	}
	for (size_t k = 0; k < ns->n; k++)
		at[k] = cnt[k] ? (struct fp_point){ at[k].x / cnt[k], at[k].y / cnt[k] }
			       : (struct fp_point){ NAN, NAN };
	free(cnt);
	return 0;
}

static void draw_notspots(struct ctx *c, const struct hm_notspots *ns)
{
	cairo_t *cr = c->cr;
	struct fp_point *at = calloc(ns->n + 1, sizeof(*at));
	const struct shade sh = { 0, 0, 1.0, 0.8, -1, 3.5 };

	if (!at || number_places(c, ns, at)) {
		free(at);
		return;
	}
	c->present.notspots = ns->n > 0;
	cur_ns = ns;
	/* White hatching: not-spots are the darkest colours of the ramp. */
	if (!c->dry)
		hatched(c, pick_notspot, &sh);
	cur_ns = NULL;
	cairo_save(cr);
	clip_to_map(c);
	for (size_t k = 0; k < ns->n && !c->dry; k++) {
		hm_draw_path(cr, &c->v, ns->v[k].ring, ns->v[k].nring, true);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 2.6 * c->u);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 1.3 * c->u);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	for (size_t k = 0; k < ns->n && k < 999; k++) {
		double x, y;

		if (isnan(at[k].x) || !hmr_in_view(c, at[k], 0))
			continue;
		to_dev(c, at[k].x, at[k].y, &x, &y);
		notspot_number(c, x, y, k);
	}
	free(at);
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
	cairo_set_line_width(cr, 2 * c->u);
	cairo_stroke_preserve(cr);
	cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
	cairo_set_line_width(cr, 0.8 * c->u);
	cairo_stroke(cr);
}

static void draw_samples(struct ctx *c, const struct hm_set *set)
{
	cairo_t *cr = c->cr;
	double x, y;

	for (size_t k = 0; k < set->where.n; k++) {
		to_dev(c, set->where.p[k].x, set->where.p[k].y, &x, &y);
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, 1.3 * c->u, 0, 2 * M_PI);
	}
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.5 * c->u);
	cairo_stroke(cr);
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

/* The floor: white paper, then its drawing when a loader provides one. */
static void draw_floor(struct ctx *c)
{
	cairo_t *cr = c->cr;

	cairo_rectangle(cr, c->v.mx, c->v.my, c->v.mw, c->v.mh);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill(cr);
	if (c->o->drawing && c->m->fp->px_per_m > 0) {
		cairo_save(cr);
		clip_to_map(c);
		hm_draw_floor_drawing(cr, &c->v, c->m->fp, c->o->drawing, 1);
		cairo_restore(cr);
	}
}

/* Everything under the walls: floor, field, hatches, not-spots, veil. */
static void draw_ground(struct ctx *c)
{
	const struct hm_map *m = c->m;
	/* Not surveyed: near-white, hatched dark, so it is neither pass (mid) nor fail (dark) in grey. */
	const struct shade not_surveyed = { hm_color_not_surveyed.r, c->o->drawing ? 0.85 : 1, 0.3,
					    0.7, 1, 4.5 };
	const struct shade outside = { 1, 0.6, 0, 0, 1, 0 };
	const struct shade veil = { 1, 0.62, 0, 0, 1, 0 };

	if (!c->dry) {
		draw_floor(c);
		draw_field(c);
		hatched(c, pick_not_surveyed, &not_surveyed);
		hatched(c, pick_outside, &outside);
	}
	if (m->has_profile && c->o->metric < 0) {
		draw_notspots(c, &m->notspots);
	} else if (m->has_profile) {
		struct hm_notspots ns;

		if (metric_notspots(m, c->o->metric, &ns) == 0) {
			draw_notspots(c, &ns);
			hm_notspots_release(&ns);
		}
	}
	if (c->crop_cells && !c->dry)
		hatched(c, pick_veiled, &veil);
}

void hmr_draw_map(struct ctx *c)
{
	const struct hm_set *set = c->o->set;

	c->nobst = 0;
	c->nnums = 0;
	hmr_draw_north(c);
	draw_ground(c);
	if (!c->dry)
		draw_walls(c);
	draw_wards(c);
	cairo_save(c->cr);
	clip_to_map(c);
	if (!c->dry && set && c->o->show_path && set->where.n > 1)
		draw_path(c, set);
	if (!c->dry && set && c->o->show_samples)
		draw_samples(c, set);
	hmr_draw_roams(c);
	hmr_draw_chans(c);
	cairo_restore(c->cr);
	hmr_draw_aps(c);
	if (!c->dry) {
		cairo_rectangle(c->cr, c->v.mx, c->v.my, c->v.mw, c->v.mh);
		cairo_set_source_rgb(c->cr, 0, 0, 0);
		cairo_set_line_width(c->cr, 0.6 * c->u);
		cairo_stroke(c->cr);
	}
}
