/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate_krige.c — simple kriging of a radio's residuals from its model
 * (estimate_priv.h): the sparse covariance system over its bins, solved by
 * conjugate gradients.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/estimate_priv.h"

/* The kriging system K + N over a radio's bins, sparse by rows (CSR). */
struct spmat {
	size_t n, nnz, cap;
	size_t *row;   /* n + 1 */
	int *col;      /* cap */
	float *val;    /* cap */
};

static void spmat_release(struct spmat *a)
{
	free(a->row);
	free(a->col);
	free(a->val);
}

static int spmat_push(struct spmat *a, int col, float val)
{
	if (a->nnz == a->cap) {
		size_t cap = a->cap * 2;
		int *nc = realloc(a->col, cap * sizeof(int));
		float *nv;

		if (!nc)
			return -ENOMEM;
		a->col = nc;
		nv = realloc(a->val, cap * sizeof(float));
		if (!nv)
			return -ENOMEM;
		a->val = nv;
		a->cap = cap;
	}
	a->col[a->nnz] = col;
	a->val[a->nnz++] = val;
	return 0;
}

/* Bin @b's cell in the dense bin map. */
static void bin_cell(const struct hm_est *e, int b, int *bi, int *bj)
{
	*bi = (int)floor((e->binx[b] - e->bx0) / e->o.bin_m);
	*bj = (int)floor((e->biny[b] - e->by0) / e->o.bin_m);
}

/*
 * Row @k of the system: the covariance with every bin of the radio within
 * @rw (looked up through @loc, the dense map from bin cell to row), and on
 * the diagonal the bin's noise.
 */
static int gp_row(const struct hm_est *e, const struct rbins *rb, const int *loc, double rw,
		  size_t k, struct spmat *a)
{
	double sill = e->o.resid_sill_db * e->o.resid_sill_db;
	double noise = e->o.noise_db * e->o.noise_db;
	int R = (int)ceil(rw / e->o.bin_m), b = rb->idx[k], bi, bj;

	bin_cell(e, b, &bi, &bj);
	for (int dj = -R; dj <= R; dj++)
		for (int di = -R; di <= R; di++) {
			int ni = bi + di, nj = bj + dj, q, c;
			double d;

			if (ni < 0 || nj < 0 || ni >= e->bnx || nj >= e->bny ||
			    (q = loc[(size_t)nj * e->bnx + ni]) < 0)
				continue;
			c = rb->idx[q];
			d = hypot(e->binx[b] - e->binx[c], e->biny[b] - e->biny[c]);
			if (d > rw)
				continue;
			if (spmat_push(a, q, (float)(exp(-d / e->o.resid_range_m) +
						     ((size_t)q == k ? noise / rb->cnt[k] / sill : 0))))
				return -ENOMEM;
		}
	return 0;
}

/* K + N over the radio's bins; between bins, covariance is cut at 2 ranges (13 %). */
static int gp_system(const struct hm_est *e, const struct rbins *rb, struct spmat *a)
{
	size_t n = rb->n, nd = (size_t)e->bnx * e->bny;
	double rw = 2 * e->o.resid_range_m;
	int *loc = malloc(nd * sizeof(int)), rc = -ENOMEM;

	memset(a, 0, sizeof(*a));
	a->n = n;
	a->cap = n * 16 + 16;
	a->row = malloc((n + 1) * sizeof(size_t));
	a->col = malloc(a->cap * sizeof(int));
	a->val = malloc(a->cap * sizeof(float));
	if (!loc || !a->row || !a->col || !a->val)
		goto out;
	for (size_t d = 0; d < nd; d++)
		loc[d] = -1;
	for (size_t k = 0; k < n; k++) {
		int bi, bj;

		bin_cell(e, rb->idx[k], &bi, &bj);
		loc[(size_t)bj * e->bnx + bi] = (int)k;
	}
	for (size_t k = 0; k < n; k++) {
		a->row[k] = a->nnz;
		if (gp_row(e, rb, loc, rw, k, a))
			goto out;
	}
	a->row[n] = a->nnz;
	rc = 0;
out:
	free(loc);
	return rc;
}

/*
 * Conjugate gradients for A·x = @b from x = 0, into @x (n doubles). A
 * residual norm of 0.3 % of the start is far below a tenth of a dB.
 */
static int gp_solve(const struct spmat *a, const float *b, double *x)
{
	size_t n = a->n;
	double *r = malloc(3 * n * sizeof(double)), *p = r + n, *ap = p + n;
	double rr = 0, bb;

	if (!r)
		return -ENOMEM;
	for (size_t k = 0; k < n; k++) {
		x[k] = 0;
		r[k] = p[k] = b[k];
		rr += r[k] * r[k];
	}
	bb = rr;
	for (int it = 0; it < 80 && rr > 1e-5 * bb && rr > 0; it++) {
		double pap = 0, rr2 = 0, alpha;

		for (size_t k = 0; k < n; k++) {
			double sacc = 0;

			for (size_t q = a->row[k]; q < a->row[k + 1]; q++)
				sacc += a->val[q] * p[a->col[q]];
			ap[k] = sacc;
			pap += p[k] * sacc;
		}
		if (!(pap > 0))
			break;
		alpha = rr / pap;
		for (size_t k = 0; k < n; k++) {
			x[k] += alpha * p[k];
			r[k] -= alpha * ap[k];
			rr2 += r[k] * r[k];
		}
		for (size_t k = 0; k < n; k++)
			p[k] = r[k] + rr2 / rr * p[k];
		rr = rr2;
	}
	free(r);
	return 0;
}

/*
 * Simple kriging of the residuals (a Gaussian process with mean 0, the model):
 * α = (K + N)⁻¹ r over the radio's bins, K the exponential covariance
 * exp(−d/range) (in units of the sill), N the bins' noise (reading noise² /
 * readings / sill); the estimate at a cell is Σ k(cell, bin)·α. K is sparse
 * (cut at the window radius), so conjugate gradients solve it in a few dozen
 * sparse products. Between cell and bin the covariance also falls with the
 * wall loss (exp(−loss/wall_atten)): a corridor's residual does not leak into
 * a side room. Between bins it is distance only, which keeps K positive definite.
 * @alpha may be @res.
 */
int hme_krige_weights(const struct hm_est *e, const struct rbins *rb, const float *res,
		      float *alpha)
{
	struct spmat a = { 0 };
	double *x = malloc((rb->n + 1) * sizeof(double));
	int rc = -ENOMEM;

	if (!x || gp_system(e, rb, &a) || gp_solve(&a, res, x))
		goto out;
	for (size_t k = 0; k < rb->n; k++)
		alpha[k] = (float)x[k];
	rc = 0;
out:
	spmat_release(&a);
	free(x);
	return rc;
}
