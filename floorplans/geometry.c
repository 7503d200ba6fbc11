/* SPDX-License-Identifier: GPL-3.0-or-later */
/* geometry.c — see geometry.h. */
#include "floorplans/geometry.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

static double cross(struct fp_point a, struct fp_point b)
{
	return a.x * b.y - a.y * b.x;
}

static struct fp_point sub(struct fp_point a, struct fp_point b)
{
	return (struct fp_point){ a.x - b.x, a.y - b.y };
}

bool fp_segment_intersect(struct fp_point p0, struct fp_point p1, struct fp_point q0,
			  struct fp_point q1, double *t, double *u)
{
	struct fp_point r = sub(p1, p0), s = sub(q1, q0), qp = sub(q0, p0);
	double denom = cross(r, s);
	double rl = hypot(r.x, r.y), sl = hypot(s.x, s.y);
	double tt, uu;

	/* Parallel (or degenerate) within a relative tolerance: no single point. */
	if (rl < FP_EPS_M || sl < FP_EPS_M || fabs(denom) <= 1e-12 * rl * sl)
		return false;
	tt = cross(qp, s) / denom;
	uu = cross(qp, r) / denom;
	/* Allow the ends, with a tolerance scaled to each segment's length. */
	if (tt < -FP_EPS_M / rl || tt > 1 + FP_EPS_M / rl || uu < -FP_EPS_M / sl ||
	    uu > 1 + FP_EPS_M / sl)
		return false;
	if (t)
		*t = fmin(fmax(tt, 0), 1);
	if (u)
		*u = fmin(fmax(uu, 0), 1);
	return true;
}

double fp_point_segment_distance(struct fp_point p, struct fp_point a, struct fp_point b)
{
	struct fp_point ab = sub(b, a), ap = sub(p, a);
	double len2 = ab.x * ab.x + ab.y * ab.y, k;

	if (len2 <= 0)
		return hypot(ap.x, ap.y);
	k = (ap.x * ab.x + ap.y * ab.y) / len2;
	k = fmin(fmax(k, 0), 1);
	return hypot(p.x - (a.x + k * ab.x), p.y - (a.y + k * ab.y));
}

/* Squared distance from @p to segment a-b (no square root: this is hot). */
static double dist2_point_segment(struct fp_point p, struct fp_point a, struct fp_point b)
{
	double abx = b.x - a.x, aby = b.y - a.y, apx = p.x - a.x, apy = p.y - a.y;
	double len2 = abx * abx + aby * aby, k = 0, dx, dy;

	if (len2 > 0) {
		k = (apx * abx + apy * aby) / len2;
		k = k < 0 ? 0 : k > 1 ? 1 : k;
	}
	dx = apx - k * abx;
	dy = apy - k * aby;
	return dx * dx + dy * dy;
}

/* The opening whose extent holds @p, or NULL. */
static const struct fp_opening *opening_at(const struct floorplan *fp, struct fp_point p)
{
	const double snap2 = FP_OPENING_SNAP_M * FP_OPENING_SNAP_M;

	for (size_t i = 0; i < fp->nopenings; i++) {
		const struct fp_opening *o = &fp->openings[i];

		/* Cheap box test first: most openings are nowhere near. */
		if (p.x < fmin(o->a.x, o->b.x) - FP_OPENING_SNAP_M ||
		    p.x > fmax(o->a.x, o->b.x) + FP_OPENING_SNAP_M ||
		    p.y < fmin(o->a.y, o->b.y) - FP_OPENING_SNAP_M ||
		    p.y > fmax(o->a.y, o->b.y) + FP_OPENING_SNAP_M)
			continue;
		if (dist2_point_segment(p, o->a, o->b) <= snap2)
			return o;
	}
	return NULL;
}

/* Two places closer than this are one junction of walls (m). */
#define JOINT_EPS_M 1e-5
/* Junction hits kept per path; more are counted as plain crossings. */
#define MAX_JUNCTIONS 64

/* Angle of @d measured from @ref, in (0, 2*pi). */
static double angle_from(struct fp_point ref, struct fp_point d)
{
	double a = atan2(d.y, d.x) - atan2(ref.y, ref.x);

	while (a <= 0)
		a += 2 * M_PI;
	while (a > 2 * M_PI)
		a -= 2 * M_PI;
	return a;
}

/*
 * The path a->b passes through @j, where walls meet (a polyline's joint, a
 * T-junction, two walls' shared corner) or a wall ends. Every wall segment at
 * @j is an "arm" leaving it. The path crosses the junction when arms lie on
 * both sides of it; it then takes the weaker side's strongest arm (the
 * barrier it must pass is made of arms on both sides; at a T this is the wall
 * it runs through, at an X-ray room's corner the lead). A lone free end
 * touched by the path counts as crossing that wall (its end).
 * Returns the loss, or -1 when the path only touches the junction.
 */
static double junction_loss(const struct floorplan *fp, struct fp_point a, struct fp_point b,
			    struct fp_point j, enum fp_band band)
{
	struct fp_point in = { a.x - j.x, a.y - j.y }, out = { b.x - j.x, b.y - j.y };
	double a_out = angle_from(in, out), max1 = -1, max2 = -1, lone = -1;
	const double tol = 1e-9;
	int narms = 0;

	for (size_t w = 0; w < fp->nwalls; w++) {
		const struct fp_wall *wall = &fp->walls[w];

		for (size_t s = 0; s + 1 < wall->npts; s++) {
			struct fp_point p = wall->pts[s], q = wall->pts[s + 1], ends[2];
			int nends = 0;

			if (hypot(p.x - j.x, p.y - j.y) <= JOINT_EPS_M)
				ends[nends++] = q;
			else if (hypot(q.x - j.x, q.y - j.y) <= JOINT_EPS_M)
				ends[nends++] = p;
			else if (fp_point_segment_distance(j, p, q) <= JOINT_EPS_M) {
				ends[nends++] = p;
				ends[nends++] = q;
			}
			for (int e = 0; e < nends; e++) {
				struct fp_point d = { ends[e].x - j.x, ends[e].y - j.y };
				double ang = angle_from(in, d), l = wall->loss_db[band];

				narms++;
				lone = l;
				/* An arm along the path is on neither side. */
				if (ang < tol || ang > 2 * M_PI - tol || fabs(ang - a_out) < tol)
					continue;
				if (ang < a_out)
					max1 = fmax(max1, l);
				else
					max2 = fmax(max2, l);
			}
		}
	}
	if (narms == 1)
		return lone;
	if (max1 < 0 || max2 < 0)
		return -1;
	return fmin(max1, max2);
}

/* A place where the path meets a wall. */
struct hit {
	struct fp_point at;
	double loss;       /* the wall's, in the band asked for */
	bool at_vertex;    /* at an end of the wall segment met */
};

#define MAX_HITS 256

double fp_path_wall_loss(const struct floorplan *fp, struct fp_point a, struct fp_point b,
			 enum fp_band band, int *ncrossed)
{
	double len = hypot(b.x - a.x, b.y - a.y), loss = 0;
	double tol = len > 0 ? FP_EPS_M / len : 0;
	struct fp_point junctions[MAX_JUNCTIONS];
	struct hit hits[MAX_HITS];
	size_t nhits = 0, njunctions = 0;
	int count = 0;

	double bx0 = fmin(a.x, b.x) - FP_EPS_M, bx1 = fmax(a.x, b.x) + FP_EPS_M;
	double by0 = fmin(a.y, b.y) - FP_EPS_M, by1 = fmax(a.y, b.y) + FP_EPS_M;

	if (len < FP_EPS_M)
		goto out;
	for (size_t w = 0; w < fp->nwalls; w++) {
		const struct fp_wall *wall = &fp->walls[w];

		for (size_t s = 0; s + 1 < wall->npts; s++) {
			struct fp_point p = wall->pts[s], q = wall->pts[s + 1], at;
			double t, u, seg;
			const struct fp_opening *o;

			/* Cheap rejection: the boxes of the path and the segment do not meet. */
			if (fmax(p.x, q.x) < bx0 || fmin(p.x, q.x) > bx1 || fmax(p.y, q.y) < by0 ||
			    fmin(p.y, q.y) > by1)
				continue;
			if (!fp_segment_intersect(a, b, p, q, &t, &u))
				continue;
			/* Standing on the wall's line is being on one side of it. */
			if (t <= tol || t >= 1 - tol)
				continue;
			at = (struct fp_point){ a.x + t * (b.x - a.x), a.y + t * (b.y - a.y) };
			seg = hypot(q.x - p.x, q.y - p.y);
			if (nhits < MAX_HITS) {
				hits[nhits++] = (struct hit){ at, wall->loss_db[band],
							      u * seg <= JOINT_EPS_M ||
								      (1 - u) * seg <= JOINT_EPS_M };
				continue;
			}
			/* More hits than kept: count this one plainly. */
			o = opening_at(fp, at);
			loss += o ? o->loss_db[band] : wall->loss_db[band];
			count++;
		}
	}
	/* Where the path meets a wall's end, walls join or stop: one decision each. */
	for (size_t i = 0; i < nhits; i++) {
		bool seen = false;

		if (!hits[i].at_vertex)
			continue;
		for (size_t k = 0; k < njunctions && !seen; k++)
			seen = hypot(junctions[k].x - hits[i].at.x, junctions[k].y - hits[i].at.y) <=
			       2 * JOINT_EPS_M;
		if (!seen && njunctions < MAX_JUNCTIONS)
			junctions[njunctions++] = hits[i].at;
	}
	for (size_t i = 0; i < nhits; i++) {
		const struct fp_opening *o;
		bool at_junction = false;

		for (size_t k = 0; k < njunctions && !at_junction; k++)
			at_junction = hypot(junctions[k].x - hits[i].at.x,
					    junctions[k].y - hits[i].at.y) <= 2 * JOINT_EPS_M;
		if (at_junction)
			continue;
		o = opening_at(fp, hits[i].at);
		loss += o ? o->loss_db[band] : hits[i].loss;
		count++;
	}
	for (size_t k = 0; k < njunctions; k++) {
		double l = junction_loss(fp, a, b, junctions[k], band);
		const struct fp_opening *o;

		if (l < 0)
			continue;
		o = opening_at(fp, junctions[k]);
		loss += o ? o->loss_db[band] : l;
		count++;
	}
out:
	if (ncrossed)
		*ncrossed = count;
	return loss;
}

bool fp_point_in_polygon(const struct fp_point *pts, size_t n, struct fp_point p)
{
	bool inside = false;

	for (size_t i = 0, j = n - 1; i < n; j = i++) {
		if ((pts[i].y > p.y) != (pts[j].y > p.y) &&
		    p.x < (pts[j].x - pts[i].x) * (p.y - pts[i].y) / (pts[j].y - pts[i].y) + pts[i].x)
			inside = !inside;
	}
	return inside;
}

/* ---- simple polygons ----------------------------------------------------------- */

static bool same_point(struct fp_point a, struct fp_point b)
{
	return hypot(a.x - b.x, a.y - b.y) <= FP_EPS_M;
}

size_t fp_distinct_points(const struct fp_point *pts, size_t n)
{
	size_t distinct = 0;

	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = same_point(pts[i], pts[j]);
		distinct += !seen;
	}
	return distinct;
}

/* The side of line a→b that @c is on: 1, -1, or 0 within FP_EPS_M of the line. */
static int side(struct fp_point a, struct fp_point b, struct fp_point c)
{
	double cr = cross(sub(b, a), sub(c, a));

	if (fabs(cr) <= FP_EPS_M * hypot(b.x - a.x, b.y - a.y))
		return 0;
	return cr > 0 ? 1 : -1;
}

static bool on_segment(struct fp_point p, struct fp_point a, struct fp_point b)
{
	return fp_point_segment_distance(p, a, b) <= FP_EPS_M;
}

/* Whether segments p0-p1 and q0-q1 share any point: crossing, touching or overlapping. */
static bool segments_meet(struct fp_point p0, struct fp_point p1, struct fp_point q0,
			  struct fp_point q1)
{
	if (side(q0, q1, p0) * side(q0, q1, p1) < 0 && side(p0, p1, q0) * side(p0, p1, q1) < 0)
		return true;
	return on_segment(p0, q0, q1) || on_segment(p1, q0, q1) || on_segment(q0, p0, p1) ||
	       on_segment(q1, p0, p1);
}

/* The corners of @pts without consecutive repeats (the closing one too) into @v; how many. */
static size_t corners(const struct fp_point *pts, size_t n, struct fp_point *v)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (!m || !same_point(pts[i], v[m - 1]))
			v[m++] = pts[i];
	while (m > 1 && same_point(v[m - 1], v[0]))
		m--;
	return m;
}

/* Edges i (v[i]→v[i+1]) and j, i < j: do they meet anywhere but a shared corner? */
static bool edges_clash(const struct fp_point *v, size_t m, size_t i, size_t j)
{
	struct fp_point a = v[i], b = v[(i + 1) % m], c = v[j], d = v[(j + 1) % m];

	if (j == i + 1) /* b == c: do they double back along each other? */
		return on_segment(d, a, b) || on_segment(a, c, d);
	if (i == 0 && j == m - 1) /* d == a */
		return on_segment(c, a, b) || on_segment(b, c, d);
	return segments_meet(a, b, c, d);
}

bool fp_polygon_is_simple(const struct fp_point *pts, size_t n)
{
	struct fp_point *v;
	bool simple = true;
	size_t m;

	if (fp_distinct_points(pts, n) < 3)
		return false;
	v = malloc(n * sizeof(*v));
	if (!v)
		return false; /* cannot tell: not shown to be simple */
	m = corners(pts, n, v);
	for (size_t i = 0; i < m && simple; i++)
		for (size_t j = i + 1; j < m && simple; j++)
			simple = !edges_clash(v, m, i, j);
	free(v);
	return simple;
}

double fp_polygon_area(const struct fp_point *pts, size_t n)
{
	double a = 0;

	for (size_t i = 0, j = n - 1; i < n; j = i++)
		a += pts[j].x * pts[i].y - pts[i].x * pts[j].y;
	return fabs(a) / 2;
}

void fp_polygon_bounds(const struct fp_point *pts, size_t n, struct fp_point *min,
		       struct fp_point *max)
{
	*min = *max = n ? pts[0] : (struct fp_point){ 0, 0 };
	for (size_t i = 1; i < n; i++) {
		min->x = fmin(min->x, pts[i].x);
		min->y = fmin(min->y, pts[i].y);
		max->x = fmax(max->x, pts[i].x);
		max->y = fmax(max->y, pts[i].y);
	}
}

const struct fp_ward *fp_ward_at(const struct floorplan *fp, struct fp_point p)
{
	for (size_t i = 0; i < fp->nwards; i++)
		if (fp_point_in_polygon(fp->wards[i].pts, fp->wards[i].npts, p))
			return &fp->wards[i];
	return NULL;
}
