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
		  size_t k, const float *extra, struct spmat *a)
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
						     ((size_t)q == k ? (noise / rb->cnt[k] + extra[k]) / sill : 0))))
				return -ENOMEM;
		}
	return 0;
}

/*
 * A bin whose residual stands apart from its neighbours' (beyond 2.5 σ of
 * shadowing and noise from their median within 2.5 m) is more likely a
 * reading stored on the wrong side of a wall — a tap a few decimetres off
 * beside a door — than a real spike: its excess enters as extra noise, so it
 * does not light up the room it was stored in. Residuals shared by a whole
 * neighbourhood (a wall the model has wrong) are kept.
 */
static void outliers(const struct hm_est *e, const struct rbins *rb, const int *loc,
		     const float *res, float *extra)
{
	double t2 = 6.25 * (e->o.resid_sill_db * e->o.resid_sill_db + e->o.noise_db * e->o.noise_db);
	int R = (int)ceil(2.5 / e->o.bin_m);

	for (size_t k = 0; k < rb->n; k++) {
		float nb[64];
		int n = 0, bi, bj;

		extra[k] = 0;
		bin_cell(e, rb->idx[k], &bi, &bj);
		for (int dj = -R; dj <= R; dj++)
			for (int di = -R; di <= R && n < 64; di++) {
				int ni = bi + di, nj = bj + dj, q;

				if ((di || dj) && ni >= 0 && nj >= 0 && ni < e->bnx && nj < e->bny &&
				    (q = loc[(size_t)nj * e->bnx + ni]) >= 0 &&
				    hypot(e->binx[rb->idx[k]] - e->binx[rb->idx[q]],
					  e->biny[rb->idx[k]] - e->biny[rb->idx[q]]) <= 2.5)
					nb[n++] = res[q];
			}
		if (n < 2)
			continue;
		for (int i = 1; i < n; i++) /* insertion sort: a few dozen at most */
			for (int j = i; j > 0 && nb[j - 1] > nb[j]; j--) {
				float t = nb[j];

				nb[j] = nb[j - 1];
				nb[j - 1] = t;
			}
		double med = n % 2 ? nb[n / 2] : (nb[n / 2 - 1] + nb[n / 2]) / 2, dev = res[k] - med;

		if (dev * dev > t2)
			extra[k] = (float)(dev * dev - t2);
	}
}

/* K + N over the radio's bins; between bins, covariance is cut at 2 ranges (13 %). */
static int gp_system(const struct hm_est *e, const struct rbins *rb, const float *res,
		     struct spmat *a)
{
	size_t n = rb->n, nd = (size_t)e->bnx * e->bny;
	double rw = 2 * e->o.resid_range_m;
	int *loc = malloc(nd * sizeof(int)), rc = -ENOMEM;
	float *extra = malloc((n + 1) * sizeof(float));

	memset(a, 0, sizeof(*a));
	a->n = n;
	a->cap = n * 16 + 16;
	a->row = malloc((n + 1) * sizeof(size_t));
	a->col = malloc(a->cap * sizeof(int));
	a->val = malloc(a->cap * sizeof(float));
	if (!loc || !extra || !a->row || !a->col || !a->val)
		goto out;
	for (size_t d = 0; d < nd; d++)
		loc[d] = -1;
	for (size_t k = 0; k < n; k++) {
		int bi, bj;

		bin_cell(e, rb->idx[k], &bi, &bj);
		loc[(size_t)bj * e->bnx + bi] = (int)k;
	}
	outliers(e, rb, loc, res, extra);
	for (size_t k = 0; k < n; k++) {
		a->row[k] = a->nnz;
		if (gp_row(e, rb, loc, rw, k, extra, a))
			goto out;
	}
	a->row[n] = a->nnz;
	rc = 0;
out:
	free(loc);
	free(extra);
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

	if (!x || gp_system(e, rb, res, &a) || gp_solve(&a, res, x))
		goto out;
	for (size_t k = 0; k < rb->n; k++)
		alpha[k] = (float)x[k];
	rc = 0;
out:
	spmat_release(&a);
	free(x);
	return rc;
}
