/* SPDX-License-Identifier: GPL-3.0-or-later */
/* edit_snap.c — hit tests, snapping, doors on walls, level alignment. See edit_snap.h. */
#include "walker/edit_snap.h"

#include <math.h>

#include "floorplans/building.h"
#include "floorplans/geometry.h"

static double dist(struct fp_point a, struct fp_point b)
{
	return hypot(a.x - b.x, a.y - b.y);
}

/* The corner of @pts nearest @p within *@best (which it lowers); -1 if none. */
static int near_corner(const struct fp_point *pts, size_t n, struct fp_point p, double *best)
{
	int found = -1;

	for (size_t i = 0; i < n; i++) {
		double d = dist(pts[i], p);

		if (d <= *best) {
			*best = d;
			found = (int)i;
		}
	}
	return found;
}

/* The distance from @p to the polyline @pts (closed when @closed). */
static double polyline_dist(const struct fp_point *pts, size_t n, bool closed, struct fp_point p)
{
	double best = INFINITY;

	for (size_t i = 0; i + 1 < n; i++)
		best = fmin(best, fp_point_segment_distance(p, pts[i], pts[i + 1]));
	if (closed && n > 2)
		best = fmin(best, fp_point_segment_distance(p, pts[n - 1], pts[0]));
	return best;
}

static bool hit(struct edit_hit *out, enum edit_kind k, size_t i, int vertex)
{
	out->kind = k;
	out->index = (int)i;
	out->vertex = vertex;
	return true;
}

/* Corners and lines of walls, then of wards: the first within @tol. */
static bool hit_outlines(const struct floorplan *fp, struct fp_point p, double tol,
			 struct edit_hit *out)
{
	double best = tol;
	int v;

	for (size_t i = 0; i < fp->nwalls; i++)
		if ((v = near_corner(fp->walls[i].pts, fp->walls[i].npts, p, &best)) >= 0)
			hit(out, EDIT_WALL, i, v);
	if (out->index >= 0)
		return true;
	for (size_t i = 0; i < fp->nwalls; i++)
		if (polyline_dist(fp->walls[i].pts, fp->walls[i].npts, false, p) <= tol)
			return hit(out, EDIT_WALL, i, -1);
	best = tol;
	for (size_t i = 0; i < fp->nwards; i++)
		if ((v = near_corner(fp->wards[i].pts, fp->wards[i].npts, p, &best)) >= 0)
			hit(out, EDIT_WARD, i, v);
	if (out->index >= 0)
		return true;
	for (size_t i = 0; i < fp->nwards; i++)
		if (polyline_dist(fp->wards[i].pts, fp->wards[i].npts, true, p) <= tol)
			return hit(out, EDIT_WARD, i, -1);
	return false;
}

bool edit_hit_test(const struct floorplan *fp, struct fp_point p, double tol_m,
		   struct edit_hit *out)
{
	double best = INFINITY;

	out->index = -1;
	out->vertex = -1;
	out->kind = EDIT_WARD;
	/* An AP is a small mark: a little more room around it. */
	for (size_t i = 0; i < fp->naps; i++) {
		double d = dist(fp->aps[i].pos, p);

		if (d <= 1.5 * tol_m && d < best) {
			best = d;
			hit(out, EDIT_AP, i, -1);
		}
	}
	if (out->index >= 0)
		return true;
	for (size_t i = 0; i < fp->nopenings; i++)
		if (fp_point_segment_distance(p, fp->openings[i].a, fp->openings[i].b) <= tol_m)
			return hit(out, EDIT_OPENING, i, -1);
	if (hit_outlines(fp, p, tol_m, out))
		return true;
	/* Inside a ward: the smallest, so a bay inside a ward can be picked. */
	best = INFINITY;
	for (size_t i = 0; i < fp->nwards; i++) {
		const struct fp_ward *w = &fp->wards[i];
		double a;

		if (!fp_point_in_polygon(w->pts, w->npts, p))
			continue;
		a = fp_polygon_area(w->pts, w->npts);
		if (a < best) {
			best = a;
			hit(out, EDIT_WARD, i, -1);
		}
	}
	return out->index >= 0;
}

bool edit_snap_corner(const struct floorplan *fp, const struct fp_point *extra, size_t n,
		      struct fp_point p, double tol_m, struct fp_point *out)
{
	double best = tol_m;
	bool found = false;
	int v;

	for (size_t i = 0; i < fp->nwalls; i++) {
		if ((v = near_corner(fp->walls[i].pts, fp->walls[i].npts, p, &best)) >= 0) {
			*out = fp->walls[i].pts[v];
			found = true;
		}
	}
	if (extra && (v = near_corner(extra, n, p, &best)) >= 0) {
		*out = extra[v];
		found = true;
	}
	return found;
}

/* The foot of the perpendicular from @p on segment a-b, and its distance. */
static struct fp_point foot(struct fp_point p, struct fp_point a, struct fp_point b, double *d)
{
	double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
	double t = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0;
	struct fp_point q;

	t = t < 0 ? 0 : t > 1 ? 1 : t;
	q = (struct fp_point){ a.x + t * dx, a.y + t * dy };
	*d = dist(p, q);
	return q;
}

bool edit_on_wall(const struct floorplan *fp, struct fp_point p, double tol_m,
		  struct edit_on_wall *out)
{
	bool found = false;

	out->dist_m = tol_m;
	for (size_t i = 0; i < fp->nwalls; i++) {
		const struct fp_wall *w = &fp->walls[i];

		for (size_t s = 0; s + 1 < w->npts; s++) {
			double d;
			struct fp_point q = foot(p, w->pts[s], w->pts[s + 1], &d);

			if (d <= out->dist_m) {
				*out = (struct edit_on_wall){ (int)i, s, q, d };
				found = true;
			}
		}
	}
	return found;
}

void edit_door_on_wall(const struct floorplan *fp, const struct edit_on_wall *w, double width_m,
		       struct fp_point *a, struct fp_point *b)
{
	struct fp_point s0 = fp->walls[w->wall].pts[w->seg], s1 = fp->walls[w->wall].pts[w->seg + 1];
	double len = dist(s0, s1), ux, uy, c;

	if (len <= width_m || len <= 0) {
		*a = s0;
		*b = s1;
		return;
	}
	ux = (s1.x - s0.x) / len;
	uy = (s1.y - s0.y) / len;
	/* The centre along the segment, kept half a width from either end. */
	c = (w->at.x - s0.x) * ux + (w->at.y - s0.y) * uy;
	c = fmin(fmax(c, width_m / 2), len - width_m / 2);
	*a = (struct fp_point){ s0.x + (c - width_m / 2) * ux, s0.y + (c - width_m / 2) * uy };
	*b = (struct fp_point){ s0.x + (c + width_m / 2) * ux, s0.y + (c + width_m / 2) * uy };
}

struct fp_point edit_align_apply(struct fp_align al, struct fp_point p)
{
	double r = al.rot_deg * M_PI / 180.0, c = cos(r), s = sin(r);

	return (struct fp_point){ c * p.x - s * p.y + al.dx_m, s * p.x + c * p.y + al.dy_m };
}

struct fp_align edit_align_inverse(struct fp_align al)
{
	/* p = R⁻¹(q − d): the rotation back, and the shift turned back with it. */
	struct fp_align back = { 0, 0, -al.rot_deg };
	struct fp_point d = edit_align_apply(back, (struct fp_point){ -al.dx_m, -al.dy_m });

	back.dx_m = d.x;
	back.dy_m = d.y;
	return back;
}

struct fp_align edit_align_relative(const struct floorplan *fp, const struct floorplan *ref)
{
	return fp_align_compose(edit_align_inverse(ref->align), fp->align);
}
