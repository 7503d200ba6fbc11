/* walls.c — see walls.h. */
#include "heatmap/walls.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"

/* An opening's extent along one wall segment, as parameters 0..1. */
struct span {
	double u0, u1;
	const struct fp_opening *o;
};

static int cmp_span(const void *a, const void *b)
{
	double d = ((const struct span *)a)->u0 - ((const struct span *)b)->u0;

	return (d > 0) - (d < 0);
}

static int push(struct hm_walls *w, size_t *cap, double ax, double ay, double bx, double by,
		const double loss[FP_NBANDS])
{
	struct hm_wall_piece *p;

	if (hypot(bx - ax, by - ay) < FP_EPS_M)
		return 0;
	if (loss[0] <= 0 && loss[1] <= 0 && loss[2] <= 0)
		return 0; /* an open doorway costs nothing: no piece */
	if (w->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		void *np = realloc(w->p, nc * sizeof(*w->p));

		if (!np)
			return -ENOMEM;
		w->p = np;
		*cap = nc;
	}
	p = &w->p[w->n++];
	p->ax = ax;
	p->ay = ay;
	p->bx = bx;
	p->by = by;
	p->minx = fmin(ax, bx);
	p->maxx = fmax(ax, bx);
	p->miny = fmin(ay, by);
	p->maxy = fmax(ay, by);
	for (int k = 0; k < FP_NBANDS; k++)
		p->loss_db[k] = (float)loss[k];
	return 0;
}

int hm_walls_init(struct hm_walls *w, const struct floorplan *fp, struct ns_err *err)
{
	size_t cap = 0;
	struct span *spans = NULL;

	memset(w, 0, sizeof(*w));
	if (fp->nopenings) {
		spans = calloc(fp->nopenings, sizeof(*spans));
		if (!spans)
			return ns_err_set(err, -ENOMEM, "out of memory preparing walls");
	}
	for (size_t i = 0; i < fp->nwalls; i++) {
		const struct fp_wall *wall = &fp->walls[i];

		for (size_t s = 0; s + 1 < wall->npts; s++) {
			struct fp_point a = wall->pts[s], b = wall->pts[s + 1];
			double len = hypot(b.x - a.x, b.y - a.y), prev = 0;
			size_t ns = 0;

			if (len < FP_EPS_M)
				continue;
			/* Openings lying on this segment, as parameter spans. */
			for (size_t k = 0; k < fp->nopenings; k++) {
				const struct fp_opening *o = &fp->openings[k];
				double da = fp_point_segment_distance(o->a, a, b);
				double db = fp_point_segment_distance(o->b, a, b);
				double ua, ub;

				if (da > FP_OPENING_SNAP_M || db > FP_OPENING_SNAP_M)
					continue;
				ua = ((o->a.x - a.x) * (b.x - a.x) + (o->a.y - a.y) * (b.y - a.y)) /
				     (len * len);
				ub = ((o->b.x - a.x) * (b.x - a.x) + (o->b.y - a.y) * (b.y - a.y)) /
				     (len * len);
				spans[ns].u0 = fmax(0, fmin(ua, ub) - FP_OPENING_SNAP_M / len);
				spans[ns].u1 = fmin(1, fmax(ua, ub) + FP_OPENING_SNAP_M / len);
				spans[ns].o = o;
				if (spans[ns].u1 > spans[ns].u0)
					ns++;
			}
			if (ns > 1) /* spans is NULL on a floor without openings */
				qsort(spans, ns, sizeof(*spans), cmp_span);
			for (size_t k = 0; k <= ns; k++) {
				double u0 = k < ns ? spans[k].u0 : 1;

				if (u0 > prev &&
				    push(w, &cap, a.x + prev * (b.x - a.x), a.y + prev * (b.y - a.y),
					 a.x + u0 * (b.x - a.x), a.y + u0 * (b.y - a.y),
					 wall->loss_db))
					goto oom;
				if (k == ns)
					break;
				double u1 = spans[k].u1, s0 = fmax(prev, spans[k].u0);

				if (u1 > s0 &&
				    push(w, &cap, a.x + s0 * (b.x - a.x), a.y + s0 * (b.y - a.y),
					 a.x + u1 * (b.x - a.x), a.y + u1 * (b.y - a.y),
					 spans[k].o->loss_db))
					goto oom;
				prev = fmax(prev, u1);
			}
		}
	}
	free(spans);
	return 0;
oom:
	free(spans);
	hm_walls_release(w);
	return ns_err_set(err, -ENOMEM, "out of memory preparing walls");
}

void hm_walls_release(struct hm_walls *w)
{
	free(w->p);
	w->p = NULL;
	w->n = 0;
}

static inline double cross3(double ax, double ay, double bx, double by, double px, double py)
{
	return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

double hm_walls_path_loss(const struct hm_walls *w, double ax, double ay, double bx, double by,
			  enum fp_band band)
{
	double minx = fmin(ax, bx), maxx = fmax(ax, bx), miny = fmin(ay, by), maxy = fmax(ay, by);
	double loss = 0;

	for (size_t k = 0; k < w->n; k++) {
		const struct hm_wall_piece *p = &w->p[k];

		if (p->maxx < minx || p->minx > maxx || p->maxy < miny || p->miny > maxy)
			continue;
		/* Strict crossing: the ends of each segment lie on opposite sides of the other. */
		double d1 = cross3(p->ax, p->ay, p->bx, p->by, ax, ay);
		double d2 = cross3(p->ax, p->ay, p->bx, p->by, bx, by);
		double d3 = cross3(ax, ay, bx, by, p->ax, p->ay);
		double d4 = cross3(ax, ay, bx, by, p->bx, p->by);

		if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
		    ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
			loss += p->loss_db[band];
	}
	return loss;
}

/*
 * Narrow [*lo, *hi] to the x where a·x + b > 0 on a row.
 * Returns false when nothing is left.
 */
static bool clip(double a, double b, double *lo, double *hi)
{
	if (fabs(a) < 1e-15) {
		if (!(b > 0))
			return false;
		return *lo <= *hi;
	}
	double x = -b / a;

	if (a > 0)
		*lo = fmax(*lo, x);
	else
		*hi = fmin(*hi, x);
	return *lo <= *hi;
}

void hm_walls_shadow(const struct hm_walls *w, const struct hm_grid *g, double sx, double sy,
		     int i0, int j0, int i1, int j1, enum fp_band band, float *out)
{
	int stride = i1 - i0;
	double c = g->cell_m;
	double wx0 = g->x0 + (i0 + 0.5) * c, wx1 = g->x0 + (i1 - 0.5) * c;
	double wy0 = g->y0 + (j0 + 0.5) * c, wy1 = g->y0 + (j1 - 0.5) * c;
	/* Source and cell centres lie in the window's box, so does every path between
	 * them (a box is convex): a piece outside the box shadows nothing there. */
	double bx0 = fmin(wx0, sx), bx1 = fmax(wx1, sx), by0 = fmin(wy0, sy), by1 = fmax(wy1, sy);

	for (size_t k = 0; k < w->n; k++) {
		const struct hm_wall_piece *p = &w->p[k];
		float loss = p->loss_db[band];
		double ax = p->ax, ay = p->ay, bx = p->bx, by = p->by;
		double side;

		if (p->maxx < bx0 || p->minx > bx1 || p->maxy < by0 || p->miny > by1)
			continue;
		side = cross3(ax, ay, bx, by, sx, sy);
		if (fabs(side) < 1e-12)
			continue; /* the source stands on the wall's line */
		if (side < 0) { /* orient so the source is on the left of a→b */
			double tx = ax, ty = ay;

			ax = bx;
			ay = by;
			bx = tx;
			by = ty;
			side = -side;
		}
		/*
		 * P is shadowed when (1) it is beyond the wall: cross(a,b,P) < 0;
		 * (2) cross(s,a,P) > 0 and (3) cross(s,b,P) < 0: inside the wedge
		 * from s between the rays through a and b (s being left of a→b).
		 * Each is linear in P: cross(u,v,P) = (vx-ux)(Py-uy) - (vy-uy)(Px-ux).
		 */
		for (int j = j0; j < j1; j++) {
			double y = g->y0 + (j + 0.5) * c, lo = wx0, hi = wx1;

			if (!clip(by - ay, -(bx - ax) * (y - ay) - (by - ay) * ax, &lo, &hi))
				continue;
			if (!clip(-(ay - sy), (ax - sx) * (y - sy) + (ay - sy) * sx, &lo, &hi))
				continue;
			if (!clip(by - sy, -(bx - sx) * (y - sy) - (by - sy) * sx, &lo, &hi))
				continue;
			int ia = (int)ceil((lo - g->x0) / c - 0.5), ib = (int)floor((hi - g->x0) / c - 0.5);

			if (ia < i0)
				ia = i0;
			if (ib > i1 - 1)
				ib = i1 - 1;
			float *row = out + (size_t)(j - j0) * stride - i0;

			for (int i = ia; i <= ib; i++)
				row[i] += loss;
		}
	}
}
