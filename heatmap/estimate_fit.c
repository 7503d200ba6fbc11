/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate_fit.c — the per-radio model fit (estimate_priv.h):
 * rss = P1 − 10·n·log10(√(d² + h²)) − Σ walls, place by a wall-less search
 * over the strong bins, scored and refined with the exact wall losses; bins
 * where scans never heard the radio as one-sided constraints.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/estimate_priv.h"

/*
 * Plausible ranges: P1 (signal at 1 m = EIRP − path loss at 1 m) for an
 * indoor AP of 0…30 dBm EIRP with 40…47.5 dB at 1 m (DOMAIN.md); n from free
 * space to very cluttered. A weak prior holds n near 2.2 when the data cannot
 * say (few bins, or all at one distance): λ = σ²/σn² with σ = 5 dB, σn = 0.5.
 */
#define P1_MIN -48.0
#define P1_MAX -10.0
#define N_MIN 1.5
#define N_MAX 5.0
#define N_PRIOR 2.2
#define N_LAMBDA 100.0

/*
 * Least squares of y = p1 − n·L for a fixed place: y = v + wall, L = 10·log10(d3),
 * with the prior on n and both held to their ranges. Returns the sum of squares.
 */
static double lsq(const float *v, const float *L, const float *wall, size_t n, double *p1,
		  double *nexp)
{
	double sl = 0, sy = 0, sll = 0, sly = 0, ne, pp, sse = 0;

	for (size_t i = 0; i < n; i++) {
		double y = v[i] + (wall ? wall[i] : 0);

		sl += L[i];
		sy += y;
		sll += L[i] * L[i];
		sly += L[i] * y;
	}
	double var = sll - sl * sl / n, cov = sly - sl * sy / n;

	ne = (-cov + N_LAMBDA * N_PRIOR) / (var + N_LAMBDA);
	ne = fmin(fmax(ne, N_MIN), N_MAX);
	pp = (sy + ne * sl) / n;
	if (pp < P1_MIN || pp > P1_MAX) {
		/* Hold P1 at the bound; the best n for it. */
		pp = fmin(fmax(pp, P1_MIN), P1_MAX);
		ne = sll > 0 ? (pp * sl - sly + N_LAMBDA * N_PRIOR) / (sll + N_LAMBDA) : N_PRIOR;
		ne = fmin(fmax(ne, N_MIN), N_MAX);
	}
	for (size_t i = 0; i < n; i++) {
		double r = v[i] + (wall ? wall[i] : 0) - (pp - ne * L[i]);

		sse += r * r;
	}
	*p1 = pp;
	*nexp = ne;
	return sse + N_LAMBDA * (ne - N_PRIOR) * (ne - N_PRIOR);
}

#define FIT_MAX_BINS 400
#define FIT_CENSOR_RANGE_M 40.0
#define FIT_TOP 10

struct cand {
	double x, y, sse;
};

static void dists(const float *bx, const float *by, size_t n, double x, double y, double h2,
		  float *L)
{
	for (size_t i = 0; i < n; i++) {
		double d2 = (bx[i] - x) * (bx[i] - x) + (by[i] - y) * (by[i] - y) + h2;

		L[i] = 5.0f * log10f((float)(d2 < 1 ? 1 : d2));
	}
}

/*
 * The fit's data and workspace, one allocation per radio: the radio's bins
 * (bx, by, v; ns of them, strided to FIT_MAX_BINS with the strongest always
 * kept) followed by up to FIT_MAX_CENSORED bins where scans worked but never
 * heard it (nc): there the signal was below the hearing level. Leaving those
 * out biases the fit (only the lucky far readings survive: too flat an n);
 * they enter as one-sided constraints (Tobit-like): a model above the level
 * there is penalised as if the bin had read the level.
 */
struct fitctx {
	const struct hm_est *e;
	enum fp_band band;
	float *bx, *by, *v;   /* ns observed, then nc censored (v = the level) */
	size_t ns, nc;
	float *L, *wall;      /* per bin: 10·log10 of the distance, wall loss (dB) */
	double h2;            /* AP height above the walker, squared (m²) */
	float *cv, *cL, *cwall; /* scratch: the active set */
	float *sx, *sy, *sv;  /* the strong bins (within 20 dB of the strongest), nstrong */
	size_t nstrong;
	uint8_t *heard;       /* per bin of the estimate: the radio was heard there */
	double vmax;          /* the strongest bin's reading, dBm */
	double lastx, lasty;  /* the last observed bin reading vmax */
	void *mem;            /* everything above, one block */
};

#define FIT_MAX_CENSORED 200

/* The workspace for @n bins of a radio; -ENOMEM. fit_release() frees it. */
static int fit_init(struct fitctx *f, const struct hm_est *e, enum fp_band band, size_t n)
{
	size_t nall = n + FIT_MAX_CENSORED, nf = 8 * nall + 3 * n;
	float *p;

	memset(f, 0, sizeof(*f));
	f->mem = calloc(1, nf * sizeof(float) + e->nbins + 1);
	if (!f->mem)
		return -ENOMEM;
	p = f->mem;
	f->bx = p, p += nall;
	f->by = p, p += nall;
	f->v = p, p += nall;
	f->L = p, p += nall;
	f->wall = p, p += nall;
	f->cv = p, p += nall;
	f->cL = p, p += nall;
	f->cwall = p, p += nall;
	f->sx = p, p += n;
	f->sy = p, p += n;
	f->sv = p, p += n;
	f->heard = (uint8_t *)p;
	f->e = e;
	f->band = band;
	f->h2 = e->o.height_m * e->o.height_m;
	return 0;
}

static void fit_release(struct fitctx *f)
{
	free(f->mem);
	f->mem = NULL;
}

/* The observed bins: the strongest always, a stride through the rest. */
static void fit_observed(struct fitctx *f, const struct rbins *rb)
{
	const struct hm_est *e = f->e;
	size_t n = rb->n, stride = n > FIT_MAX_BINS ? (n + FIT_MAX_BINS - 1) / FIT_MAX_BINS : 1;
	double vmax = -INFINITY;

	for (size_t i = 0; i < n; i++)
		vmax = fmax(vmax, rb->v[i]);
	for (size_t i = 0; i < n; i++)
		if (i % stride == 0 || rb->v[i] == vmax) {
			f->bx[f->ns] = e->binx[rb->idx[i]];
			f->by[f->ns] = e->biny[rb->idx[i]];
			f->v[f->ns++] = rb->v[i];
		}
	f->vmax = vmax;
	f->lastx = f->bx[0];
	f->lasty = f->by[0];
	for (size_t i = 0; i < f->ns; i++)
		if (f->v[i] == vmax) {
			f->lastx = f->bx[i];
			f->lasty = f->by[i];
		}
}

/* Whether bin @b is a censored candidate: scans worked there, never heard, near the strongest. */
static bool censor_candidate(const struct fitctx *f, size_t b)
{
	const struct hm_est *e = f->e;

	return !f->heard[b] && e->bscans[b] > 0 &&
	       hypot(e->binx[b] - f->lastx, e->biny[b] - f->lasty) <= FIT_CENSOR_RANGE_M;
}

/* Bins where scans worked but never heard this radio, near enough to matter (strided). */
static void fit_censored(struct fitctx *f, const struct rbins *rb)
{
	const struct hm_est *e = f->e;
	size_t ncand = 0, cstride;

	for (size_t k = 0; k < rb->n; k++)
		f->heard[rb->idx[k]] = 1;
	for (size_t b = 0; b < e->nbins; b++)
		ncand += censor_candidate(f, b);
	cstride = ncand > FIT_MAX_CENSORED ? (ncand + FIT_MAX_CENSORED - 1) / FIT_MAX_CENSORED : 1;
	ncand = 0;
	for (size_t b = 0; b < e->nbins && f->nc < FIT_MAX_CENSORED; b++)
		if (censor_candidate(f, b) && ncand++ % cstride == 0) {
			f->bx[f->ns + f->nc] = e->binx[b];
			f->by[f->ns + f->nc] = e->biny[b];
			f->v[f->ns + f->nc++] = (float)e->o.hearing_dbm;
		}
}

/* The sum of squares at (x, y) with exact wall losses, censored bins included. */
static double exact_sse(struct fitctx *f, double x, double y, double *p1, double *ne)
{
	size_t n = f->ns + f->nc, na;
	double sse;

	for (size_t i = 0; i < n; i++)
		f->wall[i] = (float)hm_walls_path_loss(&f->e->walls, x, y, f->bx[i], f->by[i], f->band);
	dists(f->bx, f->by, n, x, y, f->h2, f->L);
	sse = lsq(f->v, f->L, f->wall, f->ns, p1, ne);
	if (!f->nc)
		return sse;
	for (int it = 0; it < 3; it++) {
		na = f->ns;
		memcpy(f->cv, f->v, f->ns * sizeof(float));
		memcpy(f->cL, f->L, f->ns * sizeof(float));
		memcpy(f->cwall, f->wall, f->ns * sizeof(float));
		for (size_t i = f->ns; i < n; i++)
			if (*p1 - *ne * f->L[i] - f->wall[i] > f->v[i]) {
				f->cv[na] = f->v[i];
				f->cL[na] = f->L[i];
				f->cwall[na++] = f->wall[i];
			}
		sse = lsq(f->cv, f->cL, f->cwall, na, p1, ne);
		if (na == f->ns)
			break;
	}
	return sse;
}

/* Keep @c among the best FIT_TOP, at least @sep apart. */
static void keep(struct cand *top, int *ntop, struct cand c, double sep)
{
	int k, worst = 0;

	for (k = 0; k < *ntop; k++)
		if (hypot(top[k].x - c.x, top[k].y - c.y) < sep) {
			if (c.sse < top[k].sse)
				top[k] = c;
			return;
		}
	if (*ntop < FIT_TOP) {
		top[(*ntop)++] = c;
		return;
	}
	for (k = 1; k < *ntop; k++)
		if (top[k].sse > top[worst].sse)
			worst = k;
	if (c.sse < top[worst].sse)
		top[worst] = c;
}

/* Too little to fit a place: put it at the strongest bin, n at its prior, P1 their mean. */
static void fit_fallback(struct fitctx *f, struct hm_model *m)
{
	m->x = f->lastx;
	m->y = f->lasty;
	exact_sse(f, m->x, m->y, &m->p1_dbm, &m->n);
	m->n = N_PRIOR;
	m->p1_dbm = 0;
	for (size_t i = 0; i < f->ns; i++)
		m->p1_dbm += (f->v[i] + f->wall[i] + N_PRIOR * f->L[i]) / f->ns;
	m->p1_dbm = fmin(fmax(m->p1_dbm, P1_MIN), P1_MAX);
	m->rms_db = 0;
}

/*
 * 1. Proposals without walls, from the strong bins only (within 20 dB of the
 *    strongest: mostly in sight of the AP, where walls matter least), over a
 *    box 8 m round them (not off the floor; the bins themselves stay in), on
 *    a grid of about 40 steps. The FIT_TOP best, 2 steps apart, go to @top;
 *    returns the step, m.
 */
static double fit_propose(struct fitctx *f, struct cand *top, int *ntop)
{
	const struct hm_est *e = f->e;
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, step;

	f->nstrong = 0;
	for (size_t i = 0; i < f->ns; i++)
		if (f->v[i] >= f->vmax - 20) {
			x0 = fmin(x0, f->bx[i]);
			x1 = fmax(x1, f->bx[i]);
			y0 = fmin(y0, f->by[i]);
			y1 = fmax(y1, f->by[i]);
			f->sx[f->nstrong] = f->bx[i];
			f->sy[f->nstrong] = f->by[i];
			f->sv[f->nstrong++] = f->v[i];
		}
	x0 = fmax(x0 - 8, fmin(e->fit_min.x, x0));
	y0 = fmax(y0 - 8, fmin(e->fit_min.y, y0));
	x1 = fmin(x1 + 8, fmax(e->fit_max.x, x1));
	y1 = fmin(y1 + 8, fmax(e->fit_max.y, y1));
	step = fmax(1.0, fmax(x1 - x0, y1 - y0) / 40);
	*ntop = 0;
	for (double y = y0; y <= y1 + 1e-9; y += step)
		for (double x = x0; x <= x1 + 1e-9; x += step) {
			double p1, ne;

			dists(f->sx, f->sy, f->nstrong, x, y, f->h2, f->L);
			keep(top, ntop,
			     (struct cand){ x, y, lsq(f->sv, f->L, NULL, f->nstrong, &p1, &ne) },
			     2 * step);
		}
	return step;
}

/* @best becomes (x, y) when the exact sum of squares there is lower. */
static void try_place(struct fitctx *f, struct cand *best, double x, double y)
{
	double p1, ne, sse = exact_sse(f, x, y, &p1, &ne);

	if (sse < best->sse)
		*best = (struct cand){ x, y, sse };
}

/*
 * 2. Score the proposals and the strongest observed bin (the first of them
 *    when several read the same) with the walls, all bins; the best of them.
 */
static struct cand fit_score(struct fitctx *f, const struct cand *top, int ntop)
{
	struct cand best = { f->bx[0], f->by[0], INFINITY };
	size_t bi = 0;

	for (int k = 0; k < ntop; k++)
		try_place(f, &best, top[k].x, top[k].y);
	for (size_t i = 0; i < f->ns; i++)
		if (f->v[i] > f->v[bi])
			bi = i;
	try_place(f, &best, f->bx[bi], f->by[bi]);
	return best;
}

/* 3. Refine round the winner, walls exact, at half a step, then halving to a quarter metre. */
static struct cand fit_refine(struct fitctx *f, struct cand best, double step)
{
	for (double r = fmax(0.5, step / 2); r >= 0.25 - 1e-9; r /= 2) {
		struct cand c0 = best;

		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++)
				if (dx || dy)
					try_place(f, &best, c0.x + dx * r, c0.y + dy * r);
	}
	return best;
}

int hme_fit_model(const struct hm_est *e, const struct rbins *rb, enum fp_band band,
		  struct hm_model *m)
{
	struct cand top[FIT_TOP], best;
	struct fitctx f;
	int ntop;
	double step;

	if (fit_init(&f, e, band, rb->n))
		return -ENOMEM;
	fit_observed(&f, rb);
	fit_censored(&f, rb);
	m->height_m = e->o.height_m;
	m->nbins = (int)f.ns;
	m->x = f.bx[0];
	m->y = f.by[0];
	if (f.ns < 4) {
		fit_fallback(&f, m);
		fit_release(&f);
		return 0;
	}
	step = fit_propose(&f, top, &ntop);
	best = fit_refine(&f, fit_score(&f, top, ntop), step);
	best.sse = exact_sse(&f, best.x, best.y, &m->p1_dbm, &m->n);
	m->x = best.x;
	m->y = best.y;
	m->rms_db = sqrt(best.sse / f.ns);
	fit_release(&f);
	return 0;
}
