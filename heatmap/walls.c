/* SPDX-License-Identifier: GPL-3.0-or-later */
/* walls.c — see walls.h. */
#include "heatmap/walls.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
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

/* The index of material @key in w->mats, added when new; -ENOMEM. */
static int mat_of(struct hm_walls *w, const char *key)
{
	for (size_t k = 0; k < w->nmats; k++)
		if (strcmp(w->mats[k], key) == 0)
			return (int)k;
	void *nm = realloc(w->mats, (w->nmats + 1) * sizeof(*w->mats));

	if (!nm)
		return -ENOMEM;
	w->mats = nm;
	snprintf(w->mats[w->nmats], sizeof(w->mats[0]), "%s", key);
	return (int)w->nmats++;
}

static int push(struct hm_walls *w, size_t *cap, double ax, double ay, double bx, double by,
		const double loss[FP_NBANDS], int unit, const char *mat)
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
		p->loss_db[k] = p->drawn_db[k] = (float)loss[k];
	p->unit = unit;
	if ((p->mat = mat_of(w, mat)) < 0) {
		w->n--;
		return -ENOMEM;
	}
	return 0;
}

static int index_build(struct hm_walls *w);

int hm_walls_init(struct hm_walls *w, const struct floorplan *fp, struct ns_err *err)
{
	size_t cap = 0;
	struct span *spans = NULL;

	memset(w, 0, sizeof(*w));
	w->nunits = fp->nwalls + fp->nopenings;
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
					 wall->loss_db, (int)i, wall->material))
					goto oom;
				if (k == ns)
					break;
				double u1 = spans[k].u1, s0 = fmax(prev, spans[k].u0);

				if (u1 > s0 &&
				    push(w, &cap, a.x + s0 * (b.x - a.x), a.y + s0 * (b.y - a.y),
					 a.x + u1 * (b.x - a.x), a.y + u1 * (b.y - a.y),
					 spans[k].o->loss_db,
					 (int)(fp->nwalls + (size_t)(spans[k].o - fp->openings)),
					 spans[k].o->kind))
					goto oom;
				prev = fmax(prev, u1);
			}
		}
	}
	free(spans);
	if (index_build(w))
		goto oom_index;
	return 0;
oom:
	free(spans);
oom_index:
	hm_walls_release(w);
	return ns_err_set(err, -ENOMEM, "out of memory preparing walls");
}

void hm_walls_release(struct hm_walls *w)
{
	free(w->p);
	free(w->mats);
	free(w->istart);
	free(w->ilist);
	memset(w, 0, sizeof(*w));
}

#define INDEX_MIN_PIECES 48    /* fewer pieces: test them all */
#define INDEX_MAX_PIECES 65536 /* the dedup bitmap lives on the stack */
#define INDEX_EPS 1e-6
#define STACK_CAND 2048        /* candidates fit on the stack up to this many pieces */

/* The buckets a piece's box (grown by INDEX_EPS) covers. */
static void piece_buckets(const struct hm_walls *w, const struct hm_wall_piece *p, int *i0, int *j0,
			  int *i1, int *j1)
{
	*i0 = (int)floor((p->minx - INDEX_EPS - w->ix0) / w->icell);
	*j0 = (int)floor((p->miny - INDEX_EPS - w->iy0) / w->icell);
	*i1 = (int)floor((p->maxx + INDEX_EPS - w->ix0) / w->icell);
	*j1 = (int)floor((p->maxy + INDEX_EPS - w->iy0) / w->icell);
	*i0 = *i0 < 0 ? 0 : *i0;
	*j0 = *j0 < 0 ? 0 : *j0;
	*i1 = *i1 >= w->inx ? w->inx - 1 : *i1;
	*j1 = *j1 >= w->iny ? w->iny - 1 : *j1;
}

/* Build the bucket index (about one bucket per piece, 1…10 m); -ENOMEM. */
static int index_build(struct hm_walls *w)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
	size_t nb, total = 0;

	if (w->n < INDEX_MIN_PIECES || w->n > INDEX_MAX_PIECES)
		return 0;
	for (size_t k = 0; k < w->n; k++) {
		x0 = fmin(x0, w->p[k].minx);
		y0 = fmin(y0, w->p[k].miny);
		x1 = fmax(x1, w->p[k].maxx);
		y1 = fmax(y1, w->p[k].maxy);
	}
	w->icell = fmin(fmax(sqrt((x1 - x0 + 1) * (y1 - y0 + 1) / w->n), 1.0), 10.0);
	w->ix0 = x0 - 0.5;
	w->iy0 = y0 - 0.5;
	w->inx = (int)ceil((x1 - x0 + 1) / w->icell);
	w->iny = (int)ceil((y1 - y0 + 1) / w->icell);
	nb = (size_t)w->inx * w->iny;
	w->istart = calloc(nb + 1, sizeof(uint32_t));
	if (!w->istart)
		return -ENOMEM;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < w->n; k++) {
			int i0, j0, i1, j1;

			piece_buckets(w, &w->p[k], &i0, &j0, &i1, &j1);
			for (int j = j0; j <= j1; j++)
				for (int i = i0; i <= i1; i++) {
					size_t b = (size_t)j * w->inx + i;

					if (pass == 0)
						w->istart[b + 1]++;
					else
						w->ilist[w->istart[b]++] = (uint32_t)k;
				}
		}
		if (pass == 0) {
			for (size_t b = 0; b < nb; b++)
				w->istart[b + 1] += w->istart[b];
			total = w->istart[nb];
			if (!(w->ilist = malloc((total + 1) * sizeof(uint32_t))))
				return -ENOMEM;
		}
	}
	/* The second pass moved every start to the next bucket's: shift back. */
	memmove(w->istart + 1, w->istart, nb * sizeof(uint32_t));
	w->istart[0] = 0;
	return 0;
}

int hm_walls_copy_scaled(struct hm_walls *dst, const struct hm_walls *src, const float *scale)
{
	memset(dst, 0, sizeof(*dst));
	dst->p = malloc((src->n + 1) * sizeof(*dst->p));
	dst->mats = malloc((src->nmats + 1) * sizeof(*dst->mats));
	if (!dst->p || !dst->mats) {
		hm_walls_release(dst);
		return -ENOMEM;
	}
	memcpy(dst->p, src->p, src->n * sizeof(*dst->p));
	memcpy(dst->mats, src->mats, src->nmats * sizeof(*dst->mats));
	dst->n = src->n;
	dst->nmats = src->nmats;
	dst->nunits = src->nunits;
	for (size_t k = 0; k < dst->n; k++)
		for (int b = 0; b < FP_NBANDS; b++)
			dst->p[k].loss_db[b] = dst->p[k].drawn_db[b] * scale[dst->p[k].unit];
	if (index_build(dst)) {
		hm_walls_release(dst);
		return -ENOMEM;
	}
	return 0;
}

/* A source this close to a piece's line (m², a cross product) stands on it. */
#define SOURCE_ON_LINE 1e-12

static inline double cross3(double ax, double ay, double bx, double by, double px, double py)
{
	return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

/*
 * Whether the path from source (sx, sy) to (px, py) crosses piece @p: the two
 * points strictly either side of its line, its ends either side of the path's
 * line with an end on that line counted on the left (walls.h). The one rule
 * both the path losses and the shadow rasters use, term for term.
 */
static inline bool crossed(const struct hm_wall_piece *p, double sx, double sy, double px,
			   double py)
{
	double d1 = cross3(p->ax, p->ay, p->bx, p->by, sx, sy);
	double d2 = cross3(p->ax, p->ay, p->bx, p->by, px, py);

	if (fabs(d1) <= SOURCE_ON_LINE || !((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)))
		return false;
	return (cross3(sx, sy, px, py, p->ax, p->ay) >= 0) != (cross3(sx, sy, px, py, p->bx, p->by) >= 0);
}

/* The path's box, to reject pieces cheaply. */
struct box {
	double x0, y0, x1, y1;
};

static inline struct box box_of(double ax, double ay, double bx, double by)
{
	return (struct box){ ax < bx ? ax : bx, ay < by ? ay : by, ax < bx ? bx : ax, ay < by ? by : ay };
}

static inline bool outside_box(const struct hm_wall_piece *p, const struct box *b)
{
	return p->maxx < b->x0 || p->minx > b->x1 || p->maxy < b->y0 || p->miny > b->y1;
}

/* Visit the pieces of bucket (@i, @j) not seen yet: into @out, marked in @seen. */
static size_t bucket(const struct hm_walls *w, int i, int j, uint32_t *out, size_t n,
		     uint64_t *seen)
{
	size_t b = (size_t)j * w->inx + i;

	for (uint32_t q = w->istart[b]; q < w->istart[b + 1]; q++) {
		uint32_t k = w->ilist[q];

		if (seen[k >> 6] & (1ull << (k & 63)))
			continue;
		seen[k >> 6] |= 1ull << (k & 63);
		out[n++] = k;
	}
	return n;
}

/*
 * The pieces whose buckets the path a→b passes through (a superset of those
 * it crosses), each once, into @out (room for every piece). A grid walk
 * (Amanatides & Woo) over the path clipped to the index's box.
 */
static size_t candidates(const struct hm_walls *w, double ax, double ay, double bx, double by,
			 uint32_t *out)
{
	uint64_t seen[INDEX_MAX_PIECES / 64];
	double dx = bx - ax, dy = by - ay, t0 = 0, t1 = 1, c = w->icell;
	double xs[2] = { w->ix0, w->ix0 + w->inx * c }, ys[2] = { w->iy0, w->iy0 + w->iny * c };
	size_t n = 0;

	/* Clip to the box (Liang–Barsky). */
	for (int e = 0; e < 4; e++) {
		double p = e < 2 ? (e == 0 ? -dx : dx) : (e == 2 ? -dy : dy);
		double q = e == 0 ? ax - xs[0] : e == 1 ? xs[1] - ax : e == 2 ? ay - ys[0] : ys[1] - ay;

		if (p == 0) {
			if (q < 0)
				return 0;
		} else if (p < 0) {
			t0 = q / p > t0 ? q / p : t0;
		} else {
			t1 = q / p < t1 ? q / p : t1;
		}
	}
	if (t0 > t1)
		return 0;
	memset(seen, 0, ((w->n + 63) / 64) * sizeof(uint64_t));
	double sx = ax + t0 * dx, sy = ay + t0 * dy;
	int i = (int)floor((sx - w->ix0) / c), j = (int)floor((sy - w->iy0) / c);
	int si = dx > 0 ? 1 : -1, sj = dy > 0 ? 1 : -1;
	double tmx = dx != 0 ? (w->ix0 + (i + (dx > 0)) * c - ax) / dx : INFINITY;
	double tmy = dy != 0 ? (w->iy0 + (j + (dy > 0)) * c - ay) / dy : INFINITY;
	double tdx = dx != 0 ? c / fabs(dx) : INFINITY, tdy = dy != 0 ? c / fabs(dy) : INFINITY;

	i = i < 0 ? 0 : i >= w->inx ? w->inx - 1 : i;
	j = j < 0 ? 0 : j >= w->iny ? w->iny - 1 : j;
	for (int steps = 0; steps <= w->inx + w->iny + 2; steps++) {
		n = bucket(w, i, j, out, n, seen);
		if (tmx > t1 && tmy > t1)
			break;
		if (tmx < tmy) {
			i += si;
			tmx += tdx;
		} else {
			j += sj;
			tmy += tdy;
		}
		if (i < 0 || j < 0 || i >= w->inx || j >= w->iny)
			break;
	}
	return n;
}

double hm_walls_path_loss(const struct hm_walls *w, double ax, double ay, double bx, double by,
			  enum fp_band band)
{
	struct box bb = box_of(ax, ay, bx, by);
	double loss = 0;

	if (w->inx) {
		uint32_t buf[STACK_CAND], *cand = w->n <= STACK_CAND ? buf : malloc(w->n * sizeof(uint32_t));

		if (cand) {
			size_t nc = candidates(w, ax, ay, bx, by, cand);

			for (size_t q = 0; q < nc; q++) {
				const struct hm_wall_piece *p = &w->p[cand[q]];

				if (!outside_box(p, &bb) && crossed(p, ax, ay, bx, by))
					loss += p->loss_db[band];
			}
			if (cand != buf)
				free(cand);
			return loss;
		}
	}
	for (size_t k = 0; k < w->n; k++) {
		const struct hm_wall_piece *p = &w->p[k];

		if (!outside_box(p, &bb) && crossed(p, ax, ay, bx, by))
			loss += p->loss_db[band];
	}
	return loss;
}

size_t hm_walls_path_pieces(const struct hm_walls *w, double ax, double ay, double bx, double by,
			    size_t *out, size_t cap)
{
	struct box bb = box_of(ax, ay, bx, by);
	size_t n = 0;

	if (w->inx) {
		uint32_t buf[STACK_CAND], *cand = w->n <= STACK_CAND ? buf : malloc(w->n * sizeof(uint32_t));

		if (cand) {
			size_t nc = candidates(w, ax, ay, bx, by, cand);

			for (size_t q = 0; q < nc; q++) {
				const struct hm_wall_piece *p = &w->p[cand[q]];

				if (outside_box(p, &bb) || !crossed(p, ax, ay, bx, by))
					continue;
				if (n < cap)
					out[n] = cand[q];
				n++;
			}
			if (cand != buf)
				free(cand);
			return n;
		}
	}
	for (size_t k = 0; k < w->n; k++) {
		const struct hm_wall_piece *p = &w->p[k];

		if (outside_box(p, &bb) || !crossed(p, ax, ay, bx, by))
			continue;
		if (n < cap)
			out[n] = k;
		n++;
	}
	return n;
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

/*
 * The cells [*ia, *ib] of a row the clipped interval says are shadowed,
 * corrected at both ends by the exact rule: a cell centre on a ray through a
 * piece's end is decided by crossed(), as hm_walls_path_loss() decides it,
 * not by rounding.
 */
static void row_ends(const struct hm_wall_piece *p, const struct hm_grid *g, double sx, double sy,
		     double y, int i0, int i1, int *ia, int *ib)
{
	double c = g->cell_m;

#define X(i) (g->x0 + ((i) + 0.5) * c)
	if (*ia < i0)
		*ia = i0;
	if (*ib > i1 - 1)
		*ib = i1 - 1;
	while (*ia <= *ib && !crossed(p, sx, sy, X(*ia), y))
		(*ia)++;
	while (*ib >= *ia && !crossed(p, sx, sy, X(*ib), y))
		(*ib)--;
	if (*ia > *ib)
		return;
	while (*ia > i0 && crossed(p, sx, sy, X(*ia - 1), y))
		(*ia)--;
	while (*ib < i1 - 1 && crossed(p, sx, sy, X(*ib + 1), y))
		(*ib)++;
#undef X
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
		if (fabs(side) <= SOURCE_ON_LINE)
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

			row_ends(p, g, sx, sy, y, i0, i1, &ia, &ib);
			float *row = out + (size_t)(j - j0) * stride - i0;

			for (int i = ia; i <= ib; i++)
				row[i] += loss;
		}
	}
}
