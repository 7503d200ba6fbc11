/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate_fit.c — the place of one physical AP (estimate_priv.h): all its
 * radios share it, each with its own P1 and n:
 *   rss = P1 − 10·n·log10(√(d² + h²)) − Σ walls,
 * the place by a wall-less search over the strong bins, scored and refined
 * with exact wall losses; bins where scans never heard a radio as one-sided
 * constraints; the uncertainty of the place from the curvature of the fit.
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

#define FIT_MAX_BINS 250      /* observed bins per radio (strided, the strongest kept) */
#define FIT_MAX_CENSORED 120  /* bins that never heard it, per radio */
/* The first, coarse round (drawn walls) uses half as many of either. */
#define MAX_BINS(e) ((e)->fit_coarse ? FIT_MAX_BINS / 2 : FIT_MAX_BINS)
#define MAX_CENSORED(e) ((e)->fit_coarse ? FIT_MAX_CENSORED / 2 : FIT_MAX_CENSORED)
#define FIT_CENSOR_RANGE_M 40.0
#define FIT_TOP 10
#define FIT_OWN 6             /* with several radios, each one's best this many as well */
#define FIT_MAX_CROSS 64      /* walls crossed on one path, beyond which it is summed plainly */
#define ON_WALL_M 0.1         /* a place this close to a wall's line stands on it… */
#define OFF_WALL_M 0.15       /* … and is tried this far off it, either side */
/* Residuals of neighbouring bins are correlated (shadowing over metres): the
 * curvature of the sum of squares overstates what they know, by about this. */
#define ELL_INFLATE 8.0
#define ELL_MAX_M 25.0

/*
 * Least squares of y = p1 − n·L for a fixed place: y = v + wall, L = 10·log10(d3),
 * with the prior on n and both held to their ranges. Returns the sum of squares.
 */
static double lsq(const float *v, const float *L, const float *wall, size_t n, double *p1,
		  double *nexp)
{
	double sl = 0, sy = 0, sll = 0, sly = 0, ne, pp, sse = 0;

	if (!n) {
		*p1 = (P1_MIN + P1_MAX) / 2;
		*nexp = N_PRIOR;
		return 0;
	}
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

/* One radio's rows in the group's fit. */
struct seg {
	size_t radio;
	enum fp_band band;
	size_t o0, ns, nc;    /* rows o0 … o0+ns observed, then nc censored (v = the level) */
	size_t s0, nstrong;   /* its strong rows in the proposal arrays */
	double vmax;
	size_t vmax_row;      /* the (first) row reading vmax */
	double p1, n, sse;    /* at the last place evaluated */
};

/*
 * The fit's data and workspace, one allocation per group. Rows refer to
 * "union bins": the bins any of the group's radios uses, whose distance and
 * wall losses to a candidate place are worked out once for every radio.
 * Leaving the censored bins out biases the fit (only the lucky far readings
 * survive: too flat an n); they enter as one-sided constraints (Tobit-like):
 * a model above the level there is penalised as if the bin had read the level.
 */
struct gctx {
	struct hm_est *e;
	const struct hm_walls *w;
	double h2;            /* AP height above the walker, squared (m²) */
	struct seg s[HM_AP_MAX_RADIOS];
	int nseg;
	size_t nrows, nu, nstrong;
	int *row_u;           /* per row: its union bin */
	float *v;             /* per row: mean reading (or the level) */
	float *ux, *uy, *uL;  /* per union bin: place, 10·log10 of the distance */
	float *uw[FP_NBANDS]; /* per union bin: wall loss per band in use */
	bool band_used[FP_NBANDS];
	int *umap;            /* per bin of the estimate: its union index, -1 */
	float *cv, *cL, *cw;  /* scratch: one radio's active rows */
	float *sx, *sy, *sv;  /* strong rows (within 20 dB of their radio's strongest) */
	void *mem;            /* the float arrays above, one block */
};

static size_t rows_of(const struct rbins *rb)
{
	return (rb->n > FIT_MAX_BINS ? FIT_MAX_BINS + 1 : rb->n) + FIT_MAX_CENSORED + 1; /* either round */
}

static int ctx_alloc(struct gctx *c, struct hm_est *e, const struct hme_group *g)
{
	size_t rows = 0, maxr = 0, nb = e->nbins + 1;
	float *p;

	memset(c, 0, sizeof(*c));
	for (int k = 0; k < g->nr; k++) {
		size_t rr = rows_of(&e->rb[g->radios[k]]);

		rows += rr;
		maxr = rr > maxr ? rr : maxr;
	}
	c->mem = malloc((4 * rows + (3 + FP_NBANDS) * nb + 3 * maxr) * sizeof(float));
	c->row_u = malloc((rows + nb) * sizeof(int));
	if (!c->mem || !c->row_u) {
		free(c->mem);
		free(c->row_u);
		return -ENOMEM;
	}
	p = c->mem;
	c->v = p, p += rows;
	c->sx = p, p += rows;
	c->sy = p, p += rows;
	c->sv = p, p += rows;
	c->ux = p, p += nb;
	c->uy = p, p += nb;
	c->uL = p, p += nb;
	for (int b = 0; b < FP_NBANDS; b++)
		c->uw[b] = p, p += nb;
	c->cv = p, p += maxr;
	c->cL = p, p += maxr;
	c->cw = p;
	c->umap = c->row_u + rows;
	c->e = e;
	c->h2 = e->o.height_m * e->o.height_m;
	for (size_t b = 0; b < e->nbins; b++)
		c->umap[b] = -1;
	return 0;
}

static void ctx_release(struct gctx *c)
{
	free(c->mem);
	free(c->row_u);
}

/* A row for bin @b reading @v. */
static void add_row(struct gctx *c, int b, float v)
{
	int u = c->umap[b];

	if (u < 0) {
		u = c->umap[b] = (int)c->nu++;
		c->ux[u] = c->e->binx[b];
		c->uy[u] = c->e->biny[b];
	}
	c->row_u[c->nrows] = u;
	c->v[c->nrows++] = v;
}

size_t hme_radio_rows(const struct hm_est *e, size_t radio, int *idx, float *v, size_t *nobs,
		      uint8_t *heard)
{
	const struct rbins *rb = &e->rb[radio];
	size_t mb = MAX_BINS(e), mc = MAX_CENSORED(e);
	size_t n = rb->n, stride = n > mb ? (n + mb - 1) / mb : 1;
	size_t nr = 0, ncand = 0, k = 0, nc = 0;
	double vmax = -INFINITY, lx = 0, ly = 0;

	for (size_t i = 0; i < n; i++)
		if (rb->v[i] > vmax) {
			vmax = rb->v[i];
			lx = e->binx[rb->idx[i]];
			ly = e->biny[rb->idx[i]];
		}
	/* The observed bins: the strongest always, a stride through the rest. */
	for (size_t i = 0; i < n; i++)
		if (i % stride == 0 || rb->v[i] == vmax) {
			idx[nr] = rb->idx[i];
			v[nr++] = rb->v[i];
		}
	*nobs = nr;
	/* Bins where scans worked but never heard it, near its strongest bin (strided). */
	memset(heard, 0, e->nbins);
	for (size_t i = 0; i < n; i++)
		heard[rb->idx[i]] = 1;
#define CENSOR(b) (!heard[b] && e->bscans[b] > 0 && \
		   hypot(e->binx[b] - lx, e->biny[b] - ly) <= FIT_CENSOR_RANGE_M)
	for (size_t b = 0; b < e->nbins; b++)
		ncand += CENSOR(b);
	stride = ncand > mc ? (ncand + mc - 1) / mc : 1;
	for (size_t b = 0; b < e->nbins && nc < mc; b++)
		if (CENSOR(b) && k++ % stride == 0) {
			idx[nr] = (int)b;
			v[nr++] = (float)e->o.hearing_dbm;
			nc++;
		}
#undef CENSOR
	return nr;
}

size_t hme_radio_rows_max(const struct hm_est *e, size_t radio)
{
	return rows_of(&e->rb[radio]);
}

/* A radio's rows (hme_radio_rows()) into the group's. */
static int seg_rows(struct gctx *c, struct seg *s, uint8_t *heard)
{
	size_t cap = rows_of(&c->e->rb[s->radio]), n, nobs;
	int *idx = malloc(cap * sizeof(int));
	float *v = malloc(cap * sizeof(float));

	if (!idx || !v) {
		free(idx);
		free(v);
		return -ENOMEM;
	}
	n = hme_radio_rows(c->e, s->radio, idx, v, &nobs, heard);
	s->o0 = c->nrows;
	s->vmax = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		if (i < nobs && v[i] > s->vmax) {
			s->vmax = v[i];
			s->vmax_row = c->nrows;
		}
		add_row(c, idx[i], v[i]);
	}
	s->ns = nobs;
	s->nc = n - nobs;
	free(idx);
	free(v);
	return 0;
}

/* The strong rows of a radio (within 20 dB of its strongest), for the wall-less proposals. */
static void seg_strong(struct gctx *c, struct seg *s)
{
	s->s0 = c->nstrong;
	for (size_t i = s->o0; i < s->o0 + s->ns; i++)
		if (c->v[i] >= s->vmax - 20) {
			c->sx[c->nstrong] = c->ux[c->row_u[i]];
			c->sy[c->nstrong] = c->uy[c->row_u[i]];
			c->sv[c->nstrong++] = c->v[i];
		}
	s->nstrong = c->nstrong - s->s0;
}

static int ctx_init(struct gctx *c, struct hm_est *e, const struct hm_walls *w,
		    const struct hme_group *g)
{
	uint8_t *heard = malloc(e->nbins + 1);

	if (!heard || ctx_alloc(c, e, g)) {
		free(heard);
		return -ENOMEM;
	}
	c->w = w;
	for (int k = 0; k < g->nr; k++) {
		struct seg *s = &c->s[c->nseg];

		memset(s, 0, sizeof(*s));
		s->radio = g->radios[k];
		s->band = e->set->radios[s->radio].band;
		if (!e->rb[s->radio].n)
			continue;
		c->band_used[s->band] = true;
		if (seg_rows(c, s, heard)) {
			free(heard);
			ctx_release(c);
			return -ENOMEM;
		}
		c->nseg++;
	}
	for (int k = 0; k < c->nseg; k++)
		seg_strong(c, &c->s[k]);
	free(heard);
	return 0;
}

/* Distances and wall losses from (x, y) to every union bin. */
static void union_paths(struct gctx *c, double x, double y)
{
	size_t pcs[FIT_MAX_CROSS];

	for (size_t u = 0; u < c->nu; u++) {
		double d2 = (c->ux[u] - x) * (c->ux[u] - x) + (c->uy[u] - y) * (c->uy[u] - y) + c->h2;
		size_t np = hm_walls_path_pieces(c->w, x, y, c->ux[u], c->uy[u], pcs, FIT_MAX_CROSS);

		c->uL[u] = 5.0f * log10f((float)(d2 < 1 ? 1 : d2));
		for (int b = 0; b < FP_NBANDS; b++) {
			float l = 0;

			if (!c->band_used[b])
				continue;
			if (np > FIT_MAX_CROSS) {
				c->uw[b][u] = (float)hm_walls_path_loss(c->w, x, y, c->ux[u], c->uy[u], b);
				continue;
			}
			for (size_t k = 0; k < np; k++)
				l += c->w->p[pcs[k]].loss_db[b];
			c->uw[b][u] = l;
		}
	}
}

/* One radio's fit at the place union_paths() last saw, censored rows as an active set. */
static double seg_sse(struct gctx *c, struct seg *s)
{
	const float *uw = c->uw[s->band];
	size_t na;

	for (size_t i = 0; i < s->ns; i++) {
		int u = c->row_u[s->o0 + i];

		c->cv[i] = c->v[s->o0 + i];
		c->cL[i] = c->uL[u];
		c->cw[i] = uw[u];
	}
	s->sse = lsq(c->cv, c->cL, c->cw, s->ns, &s->p1, &s->n);
	for (int it = 0; it < 3 && s->nc; it++) {
		na = s->ns;
		for (size_t i = s->o0 + s->ns; i < s->o0 + s->ns + s->nc; i++) {
			int u = c->row_u[i];

			if (s->p1 - s->n * c->uL[u] - uw[u] > c->v[i]) {
				c->cv[na] = c->v[i];
				c->cL[na] = c->uL[u];
				c->cw[na++] = uw[u];
			}
		}
		s->sse = lsq(c->cv, c->cL, c->cw, na, &s->p1, &s->n);
		if (na == s->ns)
			break;
	}
	return s->sse;
}

/* The group's sum of squares at (x, y), exact walls. */
static double exact_sse(struct gctx *c, double x, double y)
{
	double sse = 0;

	union_paths(c, x, y);
	for (int k = 0; k < c->nseg; k++)
		sse += seg_sse(c, &c->s[k]);
	return sse;
}

struct cand {
	double x, y, sse;
};

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

/* The wall-less sum of squares of each radio's strong rows at (x, y), into @per; their sum. */
static double strong_sse(struct gctx *c, double x, double y, double *per)
{
	double sse = 0, p1, ne;

	for (int k = 0; k < c->nseg; k++) {
		const struct seg *s = &c->s[k];

		for (size_t i = 0; i < s->nstrong; i++) {
			size_t q = s->s0 + i;
			double d2 = (c->sx[q] - x) * (c->sx[q] - x) + (c->sy[q] - y) * (c->sy[q] - y) + c->h2;

			c->cL[i] = 5.0f * log10f((float)(d2 < 1 ? 1 : d2));
		}
		per[k] = lsq(c->sv + s->s0, c->cL, NULL, s->nstrong, &p1, &ne);
		sse += per[k];
	}
	return sse;
}

/*
 * 1. Proposals without walls, from the strong rows only (mostly in sight of
 *    the AP, where walls matter least), over a box 8 m round them (not off the
 *    floor; the bins themselves stay in), on a grid of about 40 steps: the
 *    FIT_TOP best for all the radios together, 2 steps apart, and with
 *    several radios the FIT_OWN best of each alone (one radio heard in sight
 *    may place the AP better than the sum). Into @top; returns the step, m.
 */
static double propose(struct gctx *c, struct cand *top, int *ntop)
{
	const struct hm_est *e = c->e;
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, step;

	for (size_t q = 0; q < c->nstrong; q++) {
		x0 = fmin(x0, c->sx[q]);
		x1 = fmax(x1, c->sx[q]);
		y0 = fmin(y0, c->sy[q]);
		y1 = fmax(y1, c->sy[q]);
	}
	x0 = fmax(x0 - 8, fmin(e->fit_min.x, x0));
	y0 = fmax(y0 - 8, fmin(e->fit_min.y, y0));
	x1 = fmin(x1 + 8, fmax(e->fit_max.x, x1));
	y1 = fmin(y1 + 8, fmax(e->fit_max.y, y1));
	step = fmax(1.0, fmax(x1 - x0, y1 - y0) / 40);
	*ntop = 0;
	struct cand own[HM_AP_MAX_RADIOS][FIT_TOP];
	int nown[HM_AP_MAX_RADIOS] = { 0 };

	/* One pass: the radios together, and (with several) each alone. */
	for (double y = y0; y <= y1 + 1e-9; y += step)
		for (double x = x0; x <= x1 + 1e-9; x += step) {
			double per[HM_AP_MAX_RADIOS], sse = strong_sse(c, x, y, per);

			keep(top, ntop, (struct cand){ x, y, sse }, 2 * step);
			for (int k = 0; c->nseg > 1 && k < c->nseg; k++)
				keep(own[k], &nown[k], (struct cand){ x, y, per[k] }, 2 * step);
		}
	for (int k = 0; c->nseg > 1 && k < c->nseg; k++)
		for (int i = 0; i < nown[k]; i++) {
			int rank = 0;

			for (int q = 0; q < nown[k]; q++)
				rank += own[k][q].sse < own[k][i].sse;
			if (rank < FIT_OWN && *ntop < FIT_TOP + FIT_OWN * HM_AP_MAX_RADIOS)
				top[(*ntop)++] = own[k][i];
		}
	return step;
}

/* The nearest wall piece to (x, y) closer than ON_WALL_M, its unit normal into *nx, *ny. */
static bool on_wall(const struct hm_walls *w, double x, double y, double *nx, double *ny)
{
	for (size_t k = 0; k < w->n; k++) {
		const struct hm_wall_piece *p = &w->p[k];
		double dx = p->bx - p->ax, dy = p->by - p->ay, l2 = dx * dx + dy * dy, t;

		if (x < p->minx - ON_WALL_M || x > p->maxx + ON_WALL_M || y < p->miny - ON_WALL_M ||
		    y > p->maxy + ON_WALL_M || l2 <= 0)
			continue;
		t = ((x - p->ax) * dx + (y - p->ay) * dy) / l2;
		t = t < 0 ? 0 : t > 1 ? 1 : t;
		double ex = x - (p->ax + t * dx), ey = y - (p->ay + t * dy);

		if (ex * ex + ey * ey < ON_WALL_M * ON_WALL_M) {
			*nx = -dy / sqrt(l2);
			*ny = dx / sqrt(l2);
			return true;
		}
	}
	return false;
}

/*
 * @best becomes (x, y) when the exact sum of squares there is lower. A place
 * on a wall's line sees both sides of it for nothing (a path from a point on
 * the line crosses nothing): it is tried a little off the line either side
 * instead. APs hang from ceilings, not inside walls.
 */
static void try_place(struct gctx *c, struct cand *best, double x, double y)
{
	double nx, ny;

	if (on_wall(c->w, x, y, &nx, &ny)) {
		for (int side = -1; side <= 1; side += 2) {
			double px = x + side * OFF_WALL_M * nx, py = y + side * OFF_WALL_M * ny, sse;

			if (on_wall(c->w, px, py, &nx, &ny))
				continue;
			sse = exact_sse(c, px, py);
			if (sse < best->sse)
				*best = (struct cand){ px, py, sse };
		}
		return;
	}
	double sse = exact_sse(c, x, y);

	if (sse < best->sse)
		*best = (struct cand){ x, y, sse };
}

/* 2. Score the proposals and each radio's strongest bin with the walls, all rows. */
static struct cand score(struct gctx *c, const struct cand *top, int ntop)
{
	struct cand best = { c->ux[0], c->uy[0], INFINITY };

	for (int k = 0; k < ntop; k++)
		try_place(c, &best, top[k].x, top[k].y);
	for (int k = 0; k < c->nseg; k++) {
		int u = c->row_u[c->s[k].vmax_row];

		try_place(c, &best, c->ux[u], c->uy[u]);
	}
	return best;
}

/* 3. Refine round the winner, walls exact, at half a step, then halving to a quarter metre. */
static struct cand refine(struct gctx *c, struct cand best, double step)
{
	for (double r = fmax(0.5, step / 2); r >= 0.25 - 1e-9; r /= 2) {
		struct cand c0 = best;

		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++)
				if (dx || dy)
					try_place(c, &best, c0.x + dx * r, c0.y + dy * r);
	}
	return best;
}

/* Each radio's model at the place exact_sse() last saw. */
static void store(struct gctx *c, double x, double y)
{
	for (int k = 0; k < c->nseg; k++) {
		const struct seg *s = &c->s[k];
		struct hm_model *m = &c->e->models[s->radio];

		m->x = x;
		m->y = y;
		m->p1_dbm = s->p1;
		m->n = s->n;
		m->height_m = c->e->o.height_m;
		m->nbins = (int)s->ns;
		m->rms_db = s->ns ? sqrt(s->sse / s->ns) : 0;
	}
}

/* Too little to fit a place: the strongest bin, n at its prior, P1 their mean. */
static void fallback(struct gctx *c, struct hme_group *g)
{
	const struct seg *s0 = &c->s[0];
	int u = c->row_u[s0->vmax_row];

	g->x = c->ux[u];
	g->y = c->uy[u];
	g->sse = exact_sse(c, g->x, g->y);
	for (int k = 0; k < c->nseg; k++) {
		struct seg *s = &c->s[k];
		double p1 = 0;

		for (size_t i = s->o0; i < s->o0 + s->ns; i++)
			p1 += (c->v[i] + c->uw[s->band][c->row_u[i]] + N_PRIOR * c->uL[c->row_u[i]]) / s->ns;
		s->p1 = fmin(fmax(p1, P1_MIN), P1_MAX);
		s->n = N_PRIOR;
		s->sse = 0;
	}
	store(c, g->x, g->y);
}

/*
 * The 1σ ellipse of the place: the sum of squares is evaluated on a 5 × 5
 * stencil round it (each radio's P1 and n refitted at every point), turned
 * into a likelihood exp(−Δ/2σ²) — σ² the residual variance, inflated for the
 * correlation of neighbouring bins' residuals — and the ellipse is the second
 * moment of that likelihood (plus the stencil's own resolution). Walls make
 * the sum of squares jump as the place crosses them, so a curvature at the
 * optimum would say nothing; a moment over a neighbourhood does. When much of
 * the likelihood lies on the stencil's edge, it is widened (0.75 m steps, then
 * 2.5 m).
 */
static void ellipse(struct gctx *c, const struct hme_group *g, double ell[3])
{
	double sig2, sxx = 0, syy = 0, sxy = 0, sw = 0, edge = 0, step = 0.75;
	size_t dof = 0;

	for (int k = 0; k < c->nseg; k++)
		dof += c->s[k].ns;
	dof = dof > (size_t)(2 * c->nseg + 3) ? dof - 2 * c->nseg - 2 : 1;
	sig2 = fmax(g->sse / dof, 1.0) * ELL_INFLATE;
	for (int pass = 0; pass < 2; pass++, step = 2.5) {
		sxx = syy = sxy = sw = edge = 0;
		for (int j = -2; j <= 2; j++)
			for (int i = -2; i <= 2; i++) {
				double f = exact_sse(c, g->x + i * step, g->y + j * step);
				double w = exp(-fmax(f - g->sse, 0) / (2 * sig2)), dx = i * step, dy = j * step;

				sw += w;
				sxx += w * dx * dx;
				syy += w * dy * dy;
				sxy += w * dx * dy;
				edge += (abs(i) == 2 || abs(j) == 2) ? w : 0;
			}
		if (edge < 0.1 * sw)
			break;
	}
	sxx = sxx / sw + step * step / 12;
	syy = syy / sw + step * step / 12;
	sxy /= sw;
	double tr = (sxx + syy) / 2, disc = sqrt(fmax(tr * tr - (sxx * syy - sxy * sxy), 0));

	ell[0] = fmin(sqrt(tr + disc), ELL_MAX_M);
	ell[1] = fmin(sqrt(fmax(tr - disc, 0)), ELL_MAX_M);
	ell[2] = 0.5 * atan2(2 * sxy, sxx - syy) + 0.0; /* never -0 */
}

int hme_fit_at(struct hm_est *e, const struct hm_walls *w, struct hme_group *g, double ell[3])
{
	struct gctx c;

	if (ctx_init(&c, e, w, g))
		return -ENOMEM;
	if (c.nseg) {
		g->sse = exact_sse(&c, g->x, g->y);
		if (ell)
			ellipse(&c, g, ell);
		g->sse = exact_sse(&c, g->x, g->y);
		store(&c, g->x, g->y);
	}
	ctx_release(&c);
	return 0;
}

int hme_fit_place(struct hm_est *e, const struct hm_walls *w, struct hme_group *g, double ell[3])
{
	struct cand top[FIT_TOP + FIT_OWN * HM_AP_MAX_RADIOS], best;
	bool had = g->nrows > 0;
	double px = g->x, py = g->y;
	struct gctx c;
	int ntop;
	size_t nobs = 0;

	if (ctx_init(&c, e, w, g))
		return -ENOMEM;
	for (int k = 0; k < c.nseg; k++)
		nobs += c.s[k].ns;
	g->nrows = (int)nobs;
	if (ell)
		ell[0] = ell[1] = ELL_MAX_M, ell[2] = 0;
	if (!c.nseg) {
		ctx_release(&c);
		return 0;
	}
	if (nobs < 4) {
		fallback(&c, g);
		ctx_release(&c);
		return 0;
	}
	double step = propose(&c, top, &ntop);

	best = score(&c, top, ntop);
	if (had) /* the place a previous fit found (other walls, or one radio less) */
		try_place(&c, &best, px, py);
	best = refine(&c, best, step);
	g->x = best.x;
	g->y = best.y;
	g->sse = best.sse;
	if (ell)
		ellipse(&c, g, ell);
	g->sse = exact_sse(&c, best.x, best.y);
	store(&c, best.x, best.y);
	ctx_release(&c);
	return 0;
}
