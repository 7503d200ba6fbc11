/* geometry.c — see geometry.h. */
#include "floorplans/geometry.h"

#include <math.h>

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

#define MAX_HITS_PER_WALL 64

double fp_path_wall_loss(const struct floorplan *fp, struct fp_point a, struct fp_point b,
			 enum fp_band band, int *ncrossed)
{
	double len = hypot(b.x - a.x, b.y - a.y), loss = 0;
	double tol = len > 0 ? FP_EPS_M / len : 0;
	int count = 0;

	if (len < FP_EPS_M)
		goto out;
	for (size_t w = 0; w < fp->nwalls; w++) {
		const struct fp_wall *wall = &fp->walls[w];
		double hits[MAX_HITS_PER_WALL];
		size_t nhits = 0;

		for (size_t s = 0; s + 1 < wall->npts; s++) {
			double t, u;
			bool seen = false;

			if (!fp_segment_intersect(a, b, wall->pts[s], wall->pts[s + 1], &t, &u))
				continue;
			/* Standing on the wall's line is being on one side of it. */
			if (t <= tol || t >= 1 - tol)
				continue;
			/* Through a joint of the polyline: one crossing, not two. */
			for (size_t k = 0; k < nhits; k++)
				if (fabs(hits[k] - t) <= tol * 10)
					seen = true;
			if (seen)
				continue;
			if (nhits < MAX_HITS_PER_WALL)
				hits[nhits++] = t;

			struct fp_point at = { a.x + t * (b.x - a.x), a.y + t * (b.y - a.y) };
			const struct fp_opening *o = opening_at(fp, at);

			loss += o ? o->loss_db[band] : wall->loss_db[band];
			count++;
		}
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
