/* SPDX-License-Identifier: GPL-3.0-or-later */
/* peers.c — see peers.h. */
#include "heatmap/peers.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int hm_peer_idw(const struct hm_pt *pts, size_t n, const struct hm_grid *g, double power,
		double radius_m, float *out)
{
	/* Buckets of radius_m so a cell looks at its 3 × 3 neighbourhood only. */
	double x1 = g->x0 + g->nx * g->cell_m, y1 = g->y0 + g->ny * g->cell_m;
	int bw = (int)ceil((x1 - g->x0) / radius_m) + 1, bh = (int)ceil((y1 - g->y0) / radius_m) + 1;
	size_t nb = (size_t)bw * bh;
	size_t *start = calloc(nb + 1, sizeof(size_t)), *order = malloc((n + 1) * sizeof(size_t));
	size_t *fill = calloc(nb + 1, sizeof(size_t));

	if (!n) {
		free(start);
		free(order);
		free(fill);
		return -EINVAL;
	}
	if (!start || !order || !fill) {
		free(start);
		free(order);
		free(fill);
		return -ENOMEM;
	}
#define BUCKET(px, py)                                                                    \
	((size_t)fmin(fmax(floor(((py) - g->y0) / radius_m), 0), bh - 1) * bw +            \
	 (size_t)fmin(fmax(floor(((px) - g->x0) / radius_m), 0), bw - 1))
	for (size_t k = 0; k < n; k++)
		start[BUCKET(pts[k].x, pts[k].y) + 1]++;
	for (size_t b = 0; b < nb; b++)
		start[b + 1] += start[b];
	for (size_t k = 0; k < n; k++) {
		size_t b = BUCKET(pts[k].x, pts[k].y);

		order[start[b] + fill[b]++] = k;
	}
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			struct fp_point c = hm_grid_center(g, i, j);
			int bi = (int)fmin(fmax(floor((c.x - g->x0) / radius_m), 0), bw - 1);
			int bj = (int)fmin(fmax(floor((c.y - g->y0) / radius_m), 0), bh - 1);
			double num = 0, den = 0, exact = NAN;

			for (int dj = -1; dj <= 1 && isnan(exact); dj++)
				for (int di = -1; di <= 1; di++) {
					int ni = bi + di, nj = bj + dj;

					if (ni < 0 || nj < 0 || ni >= bw || nj >= bh)
						continue;
					size_t b = (size_t)nj * bw + ni;

					for (size_t q = start[b]; q < start[b + 1]; q++) {
						const struct hm_pt *p = &pts[order[q]];
						double d = hypot(p->x - c.x, p->y - c.y);

						if (d > radius_m)
							continue;
						if (d < 1e-6) {
							exact = p->v;
							break;
						}
						double w = pow(d, -power);

						num += w * p->v;
						den += w;
					}
				}
			out[(size_t)j * g->nx + i] =
				(float)(!isnan(exact) ? exact : den > 0 ? num / den : NAN);
		}
#undef BUCKET
	free(start);
	free(order);
	free(fill);
	return 0;
}

/* Points plus the grid's corners at the minimum value. *out malloc'd. */
static int with_corners(const struct hm_pt *pts, size_t n, size_t cap, const struct hm_grid *g,
			struct hm_pt **out, size_t *nout)
{
	size_t stride = n > cap ? (n + cap - 1) / cap : 1, m = 0;
	float vmin = INFINITY;
	struct hm_pt *p = malloc((n / stride + 6) * sizeof(*p));
	double x1 = g->x0 + g->nx * g->cell_m, y1 = g->y0 + g->ny * g->cell_m;

	if (!p)
		return -ENOMEM;
	for (size_t k = 0; k < n; k++)
		vmin = fminf(vmin, pts[k].v);
	for (size_t k = 0; k < n; k += stride)
		p[m++] = pts[k];
	struct hm_pt corner[4] = { { (float)g->x0, (float)g->y0, vmin }, { (float)x1, (float)g->y0, vmin },
				   { (float)x1, (float)y1, vmin }, { (float)g->x0, (float)y1, vmin } };
	size_t npts = m;

	/* A corner already sampled keeps its sample (a repeated point makes the system singular). */
	for (int c = 0; c < 4; c++) {
		bool taken = false;

		for (size_t k = 0; k < npts && !taken; k++)
			taken = fabsf(p[k].x - corner[c].x) < 1e-3f && fabsf(p[k].y - corner[c].y) < 1e-3f;
		if (!taken)
			p[m++] = corner[c];
	}
	*out = p;
	*nout = m;
	return 0;
}

/* Solve A·x = b (n × n, row-major, destroyed) by Gaussian elimination with partial pivoting. */
static int solve(double *A, double *b, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		size_t piv = c;

		for (size_t r = c + 1; r < n; r++)
			if (fabs(A[r * n + c]) > fabs(A[piv * n + c]))
				piv = r;
		if (fabs(A[piv * n + c]) < 1e-12)
			return -EINVAL;
		if (piv != c) {
			for (size_t k = 0; k < n; k++) {
				double t = A[c * n + k];

				A[c * n + k] = A[piv * n + k];
				A[piv * n + k] = t;
			}
			double t = b[c];

			b[c] = b[piv];
			b[piv] = t;
		}
		for (size_t r = c + 1; r < n; r++) {
			double f = A[r * n + c] / A[c * n + c];

			if (f == 0)
				continue;
			for (size_t k = c; k < n; k++)
				A[r * n + k] -= f * A[c * n + k];
			b[r] -= f * b[c];
		}
	}
	for (size_t c = n; c-- > 0;) {
		double s = b[c];

		for (size_t k = c + 1; k < n; k++)
			s -= A[c * n + k] * b[k];
		b[c] = s / A[c * n + c];
	}
	return 0;
}

int hm_peer_rbf(const struct hm_pt *pts, size_t n, const struct hm_grid *g, float *out)
{
	struct hm_pt *p;
	size_t m;
	double *A, *w;
	int rc;

	if (!n)
		return -EINVAL;
	if ((rc = with_corners(pts, n, 800, g, &p, &m)))
		return rc;
	A = malloc(m * m * sizeof(double));
	w = malloc(m * sizeof(double));
	if (!A || !w) {
		rc = -ENOMEM;
		goto out;
	}
	for (size_t r = 0; r < m; r++) {
		for (size_t c = 0; c < m; c++)
			A[r * m + c] = hypot(p[r].x - p[c].x, p[r].y - p[c].y);
		w[r] = p[r].v;
	}
	if ((rc = solve(A, w, m)))
		goto out;
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			struct fp_point c = hm_grid_center(g, i, j);
			double s = 0;

			for (size_t k = 0; k < m; k++)
				s += w[k] * hypot(p[k].x - c.x, p[k].y - c.y);
			out[(size_t)j * g->nx + i] = (float)s;
		}
out:
	free(p);
	free(A);
	free(w);
	return rc;
}

/* ---- Delaunay (Bowyer–Watson) ------------------------------------------------ */

struct tri {
	int a, b, c;
	double cx, cy, r2;
	bool alive;
};

static bool circum(const double *x, const double *y, struct tri *t)
{
	double ax = x[t->a], ay = y[t->a], bx = x[t->b], by = y[t->b], cx = x[t->c], cy = y[t->c];
	double d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));

	if (fabs(d) < 1e-12)
		return false;
	double a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;

	t->cx = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d;
	t->cy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d;
	t->r2 = (ax - t->cx) * (ax - t->cx) + (ay - t->cy) * (ay - t->cy);
	return true;
}

/* A Bowyer–Watson triangulation in progress: m points and 3 super-triangle corners. */
struct bowyer {
	size_t m;              /* points; x[m..m+2] are the super-triangle's corners */
	double *x, *y;
	struct tri *t;         /* triangles, compacted after each insertion */
	size_t ntri, cap;
	int (*edges)[2];       /* the cavity's boundary while inserting, 3 · cap */
};

static void bowyer_release(struct bowyer *bw)
{
	free(bw->x);
	free(bw->y);
	free(bw->t);
	free(bw->edges);
}

/* The points of @p and a super-triangle around the grid @g with everything in it. */
static int bowyer_init(struct bowyer *bw, const struct hm_pt *p, size_t m, const struct hm_grid *g)
{
	double span = fmax(g->nx, g->ny) * g->cell_m * 10 + 10, mx = g->x0, my = g->y0;

	memset(bw, 0, sizeof(*bw));
	bw->m = m;
	bw->cap = 4 * m + 16;
	bw->x = malloc((m + 3) * sizeof(double));
	bw->y = malloc((m + 3) * sizeof(double));
	bw->t = malloc(bw->cap * sizeof(*bw->t));
	bw->edges = malloc(3 * bw->cap * sizeof(*bw->edges));
	if (!bw->x || !bw->y || !bw->t || !bw->edges)
		return -ENOMEM;
	for (size_t k = 0; k < m; k++) {
		bw->x[k] = p[k].x;
		bw->y[k] = p[k].y;
	}
	bw->x[m] = mx - span;
	bw->y[m] = my - span;
	bw->x[m + 1] = mx + 3 * span;
	bw->y[m + 1] = my - span;
	bw->x[m + 2] = mx - span;
	bw->y[m + 2] = my + 3 * span;
	bw->t[0] = (struct tri){ (int)m, (int)m + 1, (int)m + 2, 0, 0, 0, true };
	circum(bw->x, bw->y, &bw->t[0]);
	bw->ntri = 1;
	return 0;
}

/* Kill the triangles whose circumcircle holds point @k; their outer edges into bw->edges. */
static size_t bowyer_cavity(struct bowyer *bw, size_t k)
{
	int (*edges)[2] = bw->edges;
	size_t ne = 0;

	for (size_t q = 0; q < bw->ntri; q++) {
		struct tri *t = &bw->t[q];
		double dx = bw->x[k] - t->cx, dy = bw->y[k] - t->cy;

		if (!t->alive || dx * dx + dy * dy > t->r2)
			continue;
		int e3[3][2] = { { t->a, t->b }, { t->b, t->c }, { t->c, t->a } };

		t->alive = false;
		for (int s = 0; s < 3; s++) {
			size_t f;

			/* An edge seen twice is inside the hole: drop both. */
			for (f = 0; f < ne; f++)
				if (edges[f][0] == e3[s][1] && edges[f][1] == e3[s][0])
					break;
			if (f < ne) {
				edges[f][0] = edges[ne - 1][0];
				edges[f][1] = edges[ne - 1][1];
				ne--;
			} else {
				edges[ne][0] = e3[s][0];
				edges[ne][1] = e3[s][1];
				ne++;
			}
		}
	}
	return ne;
}

/* Insert point @k: carve its cavity, compact the dead away, fan new triangles from it. */
static int bowyer_insert(struct bowyer *bw, size_t k)
{
	size_t ne = bowyer_cavity(bw, k), live = 0;

	for (size_t q = 0; q < bw->ntri; q++)
		if (bw->t[q].alive)
			bw->t[live++] = bw->t[q];
	bw->ntri = live;
	if (bw->ntri + ne > bw->cap) {
		size_t nc = (bw->ntri + ne) * 2;
		void *nt = realloc(bw->t, nc * sizeof(*bw->t)), *nedge;

		if (!nt)
			return -ENOMEM;
		bw->t = nt;
		nedge = realloc(bw->edges, 3 * nc * sizeof(*bw->edges));
		if (!nedge)
			return -ENOMEM;
		bw->edges = nedge;
		bw->cap = nc;
	}
	for (size_t f = 0; f < ne; f++) {
		struct tri nt = { bw->edges[f][0], bw->edges[f][1], (int)k, 0, 0, 0, true };

		if (circum(bw->x, bw->y, &nt))
			bw->t[bw->ntri++] = nt;
	}
	return 0;
}

/* Linear over triangle @t into the cells of @g whose centres it holds. */
static void raster_triangle(const struct bowyer *bw, const struct tri *t, const struct hm_pt *p,
			    const struct hm_grid *g, float *out)
{
	const double *x = bw->x, *y = bw->y;
	int a = t->a, b = t->b, c = t->c;
	double minx = fmin(x[a], fmin(x[b], x[c])), maxx = fmax(x[a], fmax(x[b], x[c]));
	double miny = fmin(y[a], fmin(y[b], y[c])), maxy = fmax(y[a], fmax(y[b], y[c]));
	int i0 = (int)floor((minx - g->x0) / g->cell_m - 0.5);
	int i1 = (int)ceil((maxx - g->x0) / g->cell_m - 0.5);
	int j0 = (int)floor((miny - g->y0) / g->cell_m - 0.5);
	int j1 = (int)ceil((maxy - g->y0) / g->cell_m - 0.5);
	double det = (y[b] - y[c]) * (x[a] - x[c]) + (x[c] - x[b]) * (y[a] - y[c]);

	if (fabs(det) < 1e-12)
		return;
	for (int j = j0 < 0 ? 0 : j0; j <= j1 && j < g->ny; j++)
		for (int i = i0 < 0 ? 0 : i0; i <= i1 && i < g->nx; i++) {
			struct fp_point pc = hm_grid_center(g, i, j);
			double l1 = ((y[b] - y[c]) * (pc.x - x[c]) + (x[c] - x[b]) * (pc.y - y[c])) / det;
			double l2 = ((y[c] - y[a]) * (pc.x - x[c]) + (x[a] - x[c]) * (pc.y - y[c])) / det;
			double l3 = 1 - l1 - l2;

			if (l1 < -1e-9 || l2 < -1e-9 || l3 < -1e-9)
				continue;
			out[(size_t)j * g->nx + i] = (float)(l1 * p[a].v + l2 * p[b].v + l3 * p[c].v);
		}
}

int hm_peer_delaunay(const struct hm_pt *pts, size_t n, const struct hm_grid *g, float *out)
{
	struct hm_pt *p;
	struct bowyer bw;
	size_t m;
	int rc;

	if (!n)
		return -EINVAL;
	if ((rc = with_corners(pts, n, 1u << 20, g, &p, &m)))
		return rc;
	rc = -ENOMEM;
	if (bowyer_init(&bw, p, m, g))
		goto out;
	for (size_t k = 0; k < m; k++)
		if (bowyer_insert(&bw, k))
			goto out;
	for (size_t c = 0; c < hm_grid_ncells(g); c++)
		out[c] = NAN;
	for (size_t q = 0; q < bw.ntri; q++) {
		const struct tri *t = &bw.t[q];

		/* Triangles touching the super-triangle are outside the points' hull. */
		if (t->a >= (int)m || t->b >= (int)m || t->c >= (int)m)
			continue;
		raster_triangle(&bw, t, p, g, out);
	}
	rc = 0;
out:
	free(p);
	bowyer_release(&bw);
	return rc;
}
