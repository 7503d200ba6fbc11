/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_view.c — the part of the floor a map shows (render_priv.h), and
 * what is in it.
 *
 * A whole floor is cropped to its building: the box of its walls and wards
 * with a 1.5 m margin, not the drawing's sheet (whose title block and white
 * paper are no evidence). A ward is cropped to its box with a 2 m margin
 * (within the building's), then widened (or heightened) with its
 * surroundings, up to 2.5 times its own size and never past the building,
 * until it fills the frame of a report's page, or, on a map of its own,
 * until its width is within 0.6 to 2.2 times its height: a 60 m corridor 2 m
 * wide is shown with the rooms along it, not as a sliver.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/render_priv.h"

#define BUILDING_MARGIN_M 1.5
#define WARD_MARGIN_M 2.0
#define CONTEXT_MAX 2.5
/* A ward's map of its own (no frame to fill) keeps a width / height within these. */
#define ASPECT_MIN 0.6
#define ASPECT_MAX 2.2

static void grow_box(struct fp_point p, struct fp_point *mn, struct fp_point *mx, bool *any)
{
	if (!*any) {
		*mn = *mx = p;
		*any = true;
		return;
	}
	mn->x = fmin(mn->x, p.x);
	mn->y = fmin(mn->y, p.y);
	mx->x = fmax(mx->x, p.x);
	mx->y = fmax(mx->y, p.y);
}

/* The building: the box of the floor's walls and wards (else the grid), with the margin. */
static void building_box(const struct hm_map *m, struct fp_point *mn, struct fp_point *mx)
{
	const struct floorplan *fp = m->fp;
	bool any = false;

	for (size_t w = 0; w < fp->nwalls; w++)
		for (size_t k = 0; k < fp->walls[w].npts; k++)
			grow_box(fp->walls[w].pts[k], mn, mx, &any);
	for (size_t w = 0; w < fp->nwards; w++)
		for (size_t k = 0; k < fp->wards[w].npts; k++)
			grow_box(fp->wards[w].pts[k], mn, mx, &any);
	if (!any || mx->x - mn->x < 1e-6 || mx->y - mn->y < 1e-6) {
		*mn = (struct fp_point){ m->grid.x0, m->grid.y0 };
		*mx = (struct fp_point){ m->grid.x0 + m->grid.nx * m->grid.cell_m,
					 m->grid.y0 + m->grid.ny * m->grid.cell_m };
		return;
	}
	mn->x -= BUILDING_MARGIN_M;
	mn->y -= BUILDING_MARGIN_M;
	mx->x += BUILDING_MARGIN_M;
	mx->y += BUILDING_MARGIN_M;
}

/* Grow [*lo, *hi] to @want long, centred, within [lim_lo, lim_hi] (never shrinking it). */
static void widen(double *lo, double *hi, double want, double lim_lo, double lim_hi)
{
	double len = *hi - *lo, extra;

	if (want <= len)
		return;
	if (want > lim_hi - lim_lo)
		want = fmax(len, lim_hi - lim_lo);
	extra = want - len;
	*lo -= extra / 2;
	*hi += extra / 2;
	if (*lo < lim_lo) {
		*hi += lim_lo - *lo;
		*lo = lim_lo;
	}
	if (*hi > lim_hi) {
		*lo -= *hi - lim_hi;
		*hi = lim_hi;
	}
}

/* The crop of ward @w: its box with the margin, within the building, widened toward @aspect. */
static void ward_box(const struct fp_ward *w, struct fp_point bmin, struct fp_point bmax,
		     double aspect, struct fp_point *mn, struct fp_point *mx)
{
	double bw, bh;

	fp_polygon_bounds(w->pts, w->npts, mn, mx);
	/* The margin, but never past the building's (the drawing's own key lies beyond). */
	mn->x = fmax(mn->x - WARD_MARGIN_M, fmin(bmin.x, mn->x));
	mn->y = fmax(mn->y - WARD_MARGIN_M, fmin(bmin.y, mn->y));
	mx->x = fmin(mx->x + WARD_MARGIN_M, fmax(bmax.x, mx->x));
	mx->y = fmin(mx->y + WARD_MARGIN_M, fmax(bmax.y, mx->y));
	bmin = (struct fp_point){ fmin(bmin.x, mn->x), fmin(bmin.y, mn->y) };
	bmax = (struct fp_point){ fmax(bmax.x, mx->x), fmax(bmax.y, mx->y) };
	bw = mx->x - mn->x;
	bh = mx->y - mn->y;
	if (!(aspect > 0))
		aspect = fmin(fmax(bw / bh, ASPECT_MIN), ASPECT_MAX); /* a map of its own */
	if (bw / bh < aspect)
		widen(&mn->x, &mx->x, fmin(bh * aspect, bw * CONTEXT_MAX), bmin.x, bmax.x);
	else
		widen(&mn->y, &mx->y, fmin(bw / aspect, bh * CONTEXT_MAX), bmin.y, bmax.y);
}

int hmr_view_setup(struct ctx *c, double aw, double ah, double *mw, double *mh)
{
	const struct hm_map *m = c->m;
	const struct floorplan *fp = m->fp;
	struct fp_point bmin, bmax, mn, mx;
	double s, aspect;

	c->crop = -1;
	c->crop_cells = NULL;
	if (c->o->crop_ward) {
		const struct fp_ward *w = floorplan_find_ward(fp, c->o->crop_ward);

		if (!w)
			return -1;
		c->crop = (int)(w - fp->wards);
	}
	building_box(m, &bmin, &bmax);
	/* A frame to fill (a report's page), or a map of its own: the ward's shape, widened. */
	aspect = ah > 0 ? aw / ah : 0;
	if (ah <= 0)
		ah = 1.25 * aw; /* a tall ward keeps a readable page */
	if (c->crop >= 0)
		ward_box(&fp->wards[c->crop], bmin, bmax, aspect, &mn, &mx);
	else if (m->ward)
		ward_box(m->ward, bmin, bmax, aspect, &mn, &mx);
	else {
		mn = bmin;
		mx = bmax;
	}
	s = fmin(aw / (mx.x - mn.x), ah / (mx.y - mn.y));
	c->vmin = mn;
	c->vmax = mx;
	c->v = (struct hm_view){ .mw = (mx.x - mn.x) * s, .mh = (mx.y - mn.y) * s, .s = s,
				 .x0 = mn.x, .y0 = mn.y };
	*mw = c->v.mw;
	*mh = c->v.mh;
	if (c->crop >= 0 && hm_ward_cells(fp, c->crop, &m->grid, &c->crop_cells))
		return -1;
	return 0;
}

void hmr_view_release(struct ctx *c)
{
	free(c->crop_cells);
	c->crop_cells = NULL;
}

bool hmr_in_view(const struct ctx *c, struct fp_point p, double pad_m)
{
	return p.x >= c->vmin.x - pad_m && p.x <= c->vmax.x + pad_m && p.y >= c->vmin.y - pad_m &&
	       p.y <= c->vmax.y + pad_m;
}

bool hmr_cell_shown(const struct ctx *c, size_t k)
{
	return !c->crop_cells || c->crop_cells[k];
}

/* Whether any point of the polyline @pts lies in the view, or it crosses it. */
static bool line_in_view(const struct ctx *c, const struct fp_point *pts, size_t n)
{
	struct fp_point mn, mx;

	if (n == 0)
		return false;
	fp_polygon_bounds(pts, n, &mn, &mx);
	return mx.x >= c->vmin.x && mn.x <= c->vmax.x && mx.y >= c->vmin.y && mn.y <= c->vmax.y;
}

/* The markers, path and samples inside the view. */
static void present_marks(struct ctx *c)
{
	const struct hm_map *m = c->m;
	const struct hm_set *set = c->o->set;
	struct hmr_present *p = &c->present;

	if (c->o->show_aps) {
		for (size_t k = 0; k < m->fp->naps; k++)
			p->kinds[hm_ap_kind_of(&m->fp->aps[k])] += hmr_in_view(c, m->fp->aps[k].pos, 0);
		for (size_t r = 0; set && m->fits && r < m->nradios && r < set->nradios; r++)
			p->kinds[HM_AP_ESTIMATED] +=
				m->used[r] && m->fits[r].nbins >= 4 && !hmr_fit_elsewhere(m, r) &&
				hmr_in_view(c, (struct fp_point){ m->fits[r].x, m->fits[r].y }, 0);
		for (size_t k = 0; k < m->nothers; k++)
			p->kinds[HM_AP_OTHER_FLOOR] += hmr_in_view(c, m->others[k].pos, 0);
	}
	for (size_t k = 0; k < c->o->nmarks; k++)
		p->kinds[c->o->marks[k].kind] += hmr_in_view(c, c->o->marks[k].pos, 0);
	for (size_t k = 0; set && k < set->where.n; k++) {
		bool in = hmr_in_view(c, (struct fp_point){ set->where.p[k].x, set->where.p[k].y }, 0);

		p->path |= in && c->o->show_path && set->where.n > 1;
		p->samples |= in && c->o->show_samples;
	}
}

void hmr_find_present(struct ctx *c)
{
	const struct floorplan *fp = c->m->fp;
	struct hmr_present *p = &c->present;

	memset(p, 0, sizeof(*p));
	present_marks(c);
	hmr_find_roams(c);
	hmr_find_chans(c);
	for (size_t w = 0; w < fp->nwards; w++)
		p->wards |= line_in_view(c, fp->wards[w].pts, fp->wards[w].npts);
	for (size_t w = 0; w < fp->nwalls; w++)
		if (line_in_view(c, fp->walls[w].pts, fp->walls[w].npts))
			p->materials[hmr_wall_style_of(fp->walls[w].material)] = true;
	for (size_t k = 0; k < fp->nopenings; k++) {
		int d = hmr_door_style_of(fp->openings[k].kind);
		struct fp_point ab[2] = { fp->openings[k].a, fp->openings[k].b };

		if (d >= 0 && line_in_view(c, ab, 2))
			p->doors[d] = true;
	}
}
