/* estimate.c — see estimate.h. */
#include "heatmap/estimate.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/peers.h"
#include "heatmap/walls.h"

#define WIN_FAR 255 /* window cell off the grid or beyond the window's radius */

struct hm_est {
	const struct hm_set *set;
	const struct floorplan *fp;
	struct hm_grid g;
	struct hm_est_opts o;
	struct hm_walls walls;
	struct fp_point fit_min, fit_max; /* where a transmitter may be */

	/* bins: dense map over the samples' box, then a compact list */
	double bx0, by0;
	int bnx, bny;
	int *bmap;                /* dense index → bin, -1 for empty */
	size_t nbins;
	float *binx, *biny;       /* mean position of the samples in each bin */
	int *bscans;              /* scans that worked in each bin */

	/* per bin, a (2K+1)² window of wall loss (dB, rounded, WIN_FAR outside) */
	int K, W;
	int *ci, *cj;             /* window centre cell per bin */
	uint8_t *wloss;
	float *kern;              /* exp(-d/range) per window offset, 0 beyond cutoff */
	float *kdist;             /* distance per window offset, m */
	float att[256];           /* exp(-loss/wall_atten) */

	uint8_t *support;
};

static const char *const method_names[HM_NMETHODS] = { "model", "idw", "rbf", "delaunay" };

const char *hm_method_name(enum hm_method m)
{
	return (unsigned)m < HM_NMETHODS ? method_names[m] : "?";
}

int hm_method_parse(const char *s)
{
	for (int i = 0; i < HM_NMETHODS; i++)
		if (strcmp(s, method_names[i]) == 0)
			return i;
	return -EINVAL;
}

void hm_est_opts_default(struct hm_est_opts *o)
{
	o->reach_m = 5;
	o->block_db = 10;
	o->bin_m = 1;
	o->resid_range_m = 1.5;
	o->resid_prior = 0.3;
	o->resid_sill_db = 4;
	o->hearing_dbm = -90;
	o->noise_db = 2;
	o->wall_atten_db = 3;
	o->height_m = 1.5;
	o->idw_power = 3;
	o->idw_radius_m = 10;
	o->threads = 2;
}

const uint8_t *hm_est_support(const struct hm_est *e)
{
	return e->support;
}

size_t hm_est_nbins(const struct hm_est *e)
{
	return e->nbins;
}

void hm_est_free(struct hm_est *e)
{
	if (!e)
		return;
	hm_walls_release(&e->walls);
	free(e->bmap);
	free(e->binx);
	free(e->biny);
	free(e->bscans);
	free(e->ci);
	free(e->cj);
	free(e->wloss);
	free(e->kern);
	free(e->kdist);
	free(e->support);
	free(e);
}

static int bin_of(const struct hm_est *e, double x, double y)
{
	double fi = floor((x - e->bx0) / e->o.bin_m), fj = floor((y - e->by0) / e->o.bin_m);

	if (!(fi >= 0 && fj >= 0 && fi < e->bnx && fj < e->bny))
		return -1;
	return e->bmap[(size_t)fj * e->bnx + (size_t)fi];
}

static int make_bins(struct hm_est *e)
{
	const struct hm_ptset *w = &e->set->where;
	double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
	double *sx = NULL, *sy = NULL;
	int *cnt = NULL, *scans = NULL;
	size_t nd;

	for (size_t k = 0; k < w->n; k++) {
		minx = fmin(minx, w->p[k].x);
		maxx = fmax(maxx, w->p[k].x);
		miny = fmin(miny, w->p[k].y);
		maxy = fmax(maxy, w->p[k].y);
	}
	if (!w->n) {
		minx = miny = 0;
		maxx = maxy = 0;
	}
	e->bx0 = minx;
	e->by0 = miny;
	e->bnx = (int)floor((maxx - minx) / e->o.bin_m) + 1;
	e->bny = (int)floor((maxy - miny) / e->o.bin_m) + 1;
	nd = (size_t)e->bnx * e->bny;
	e->bmap = malloc(nd * sizeof(*e->bmap));
	sx = calloc(nd, sizeof(*sx));
	sy = calloc(nd, sizeof(*sy));
	cnt = calloc(nd, sizeof(*cnt));
	scans = calloc(nd, sizeof(*scans));
	if (!e->bmap || !sx || !sy || !cnt || !scans)
		goto oom;
	for (size_t k = 0; k < w->n; k++) {
		size_t i = (size_t)floor((w->p[k].x - minx) / e->o.bin_m);
		size_t j = (size_t)floor((w->p[k].y - miny) / e->o.bin_m);
		size_t d = j * e->bnx + i;

		sx[d] += w->p[k].x;
		sy[d] += w->p[k].y;
		cnt[d]++;
		scans[d] += w->p[k].v > 0;
	}
	e->nbins = 0;
	for (size_t d = 0; d < nd; d++)
		e->nbins += cnt[d] > 0;
	e->binx = malloc((e->nbins + 1) * sizeof(*e->binx));
	e->biny = malloc((e->nbins + 1) * sizeof(*e->biny));
	e->bscans = malloc((e->nbins + 1) * sizeof(*e->bscans));
	if (!e->binx || !e->biny || !e->bscans)
		goto oom;
	e->nbins = 0;
	for (size_t d = 0; d < nd; d++) {
		if (!cnt[d]) {
			e->bmap[d] = -1;
			continue;
		}
		e->binx[e->nbins] = (float)(sx[d] / cnt[d]);
		e->biny[e->nbins] = (float)(sy[d] / cnt[d]);
		e->bscans[e->nbins] = scans[d];
		e->bmap[d] = (int)e->nbins++;
	}
	free(sx);
	free(sy);
	free(cnt);
	free(scans);
	return 0;
oom:
	free(sx);
	free(sy);
	free(cnt);
	free(scans);
	return -ENOMEM;
}

static int make_windows(struct hm_est *e)
{
	const struct hm_grid *g = &e->g;
	double rw = fmax(e->o.reach_m, 2 * e->o.resid_range_m);
	int K = (int)ceil(rw / g->cell_m), W = 2 * K + 1;
	size_t ww = (size_t)W * W;
	float *tmp = malloc(ww * sizeof(*tmp));

	e->K = K;
	e->W = W;
	e->ci = malloc((e->nbins + 1) * sizeof(*e->ci));
	e->cj = malloc((e->nbins + 1) * sizeof(*e->cj));
	e->wloss = malloc((e->nbins + 1) * ww);
	e->kern = malloc(ww * sizeof(*e->kern));
	e->kdist = malloc(ww * sizeof(*e->kdist));
	e->support = calloc(hm_grid_ncells(g), 1);
	if (!tmp || !e->ci || !e->cj || !e->wloss || !e->kern || !e->kdist || !e->support) {
		free(tmp);
		return -ENOMEM;
	}
	for (int dj = -K; dj <= K; dj++)
		for (int di = -K; di <= K; di++) {
			size_t o = (size_t)(dj + K) * W + (size_t)(di + K);
			double d = hypot(di, dj) * g->cell_m;

			e->kdist[o] = (float)d;
			/* Cut at 3 ranges (5 % of the covariance): the rest of the window is for reach. */
			e->kern[o] = d <= 3 * e->o.resid_range_m ? (float)exp(-d / e->o.resid_range_m) : 0;
		}
	for (int l = 0; l < 256; l++)
		e->att[l] = l == WIN_FAR ? 0 : (float)exp(-l / e->o.wall_atten_db);

	for (size_t b = 0; b < e->nbins; b++) {
		double x = e->binx[b], y = e->biny[b];
		int ci = (int)floor((x - g->x0) / g->cell_m), cj = (int)floor((y - g->y0) / g->cell_m);
		int i0 = ci - K, j0 = cj - K, i1 = ci + K + 1, j1 = cj + K + 1;
		int ci0 = i0 < 0 ? 0 : i0, cj0 = j0 < 0 ? 0 : j0;
		int ci1 = i1 > g->nx ? g->nx : i1, cj1 = j1 > g->ny ? g->ny : j1;
		uint8_t *wl = e->wloss + b * ww;

		e->ci[b] = ci;
		e->cj[b] = cj;
		memset(wl, WIN_FAR, ww);
		if (ci0 >= ci1 || cj0 >= cj1)
			continue;
		int sw = ci1 - ci0;

		memset(tmp, 0, (size_t)sw * (cj1 - cj0) * sizeof(*tmp));
		/* Wall loss at 2.4 GHz: the band where walls cost least, so the most lenient. */
		hm_walls_shadow(&e->walls, g, x, y, ci0, cj0, ci1, cj1, FP_BAND_2G4, tmp);
		for (int j = cj0; j < cj1; j++)
			for (int i = ci0; i < ci1; i++) {
				size_t o = (size_t)(j - j0) * W + (size_t)(i - i0);
				float l = tmp[(size_t)(j - cj0) * sw + (i - ci0)];
				struct fp_point c = hm_grid_center(g, i, j);
				double d = hypot(c.x - x, c.y - y);

				if (d > rw)
					continue;
				wl[o] = (uint8_t)(l >= WIN_FAR - 1 ? WIN_FAR - 1 : lrintf(l));
				if (d <= e->o.reach_m && l <= e->o.block_db)
					e->support[(size_t)j * g->nx + i] = 1;
			}
	}
	free(tmp);
	return 0;
}

int hm_est_new(const struct hm_set *set, const struct floorplan *fp, const struct hm_grid *g,
	       const struct hm_est_opts *o, struct hm_est **out, struct ns_err *err)
{
	struct hm_est *e = calloc(1, sizeof(*e));
	int rc;

	*out = NULL;
	if (!e)
		return ns_err_set(err, -ENOMEM, "out of memory");
	e->set = set;
	e->fp = fp;
	e->g = *g;
	if (o)
		e->o = *o;
	else
		hm_est_opts_default(&e->o);
	if (e->o.bin_m <= 0 || e->o.reach_m <= 0 || e->o.resid_range_m <= 0 || e->o.threads < 1) {
		hm_est_free(e);
		return ns_err_set(err, -EINVAL, "estimation options out of range");
	}
	if ((rc = hm_walls_init(&e->walls, fp, err))) {
		hm_est_free(e);
		return rc;
	}
	/* A transmitter may stand anywhere on the floor or a little beyond the grid. */
	if (!hm_floor_bounds(fp, NULL, 0, &e->fit_min, &e->fit_max)) {
		e->fit_min = (struct fp_point){ g->x0, g->y0 };
		e->fit_max = (struct fp_point){ g->x0 + g->nx * g->cell_m, g->y0 + g->ny * g->cell_m };
	}
	e->fit_min.x = fmin(e->fit_min.x, g->x0);
	e->fit_min.y = fmin(e->fit_min.y, g->y0);
	e->fit_max.x = fmax(e->fit_max.x, g->x0 + g->nx * g->cell_m);
	e->fit_max.y = fmax(e->fit_max.y, g->y0 + g->ny * g->cell_m);
	if (make_bins(e) || make_windows(e)) {
		hm_est_free(e);
		return ns_err_set(err, -ENOMEM, "out of memory binning samples");
	}
	*out = e;
	return 0;
}

double hm_model_predict(const struct hm_model *m, double px, double py, double wall_db)
{
	double d2 = (px - m->x) * (px - m->x) + (py - m->y) * (py - m->y) + m->height_m * m->height_m;

	if (d2 < 1)
		d2 = 1; /* the model starts at 1 m */
	return m->p1_dbm - 5 * m->n * log10(d2) - wall_db;
}

/* ---- per-radio bins ------------------------------------------------------- */

struct rbins {
	int *idx;   /* bin index */
	float *v;   /* mean dBm in the bin */
	int *cnt;   /* readings averaged in the bin */
	size_t n;
};

static void rbins_free(struct rbins *r)
{
	free(r->idx);
	free(r->v);
	free(r->cnt);
}

/* Bin the points of every BSSID of @radio (or of @pts when radio is SIZE_MAX). */
static int gather(const struct hm_est *e, size_t radio, const struct hm_ptset *pts,
		  struct rbins *r)
{
	double *sum = calloc(e->nbins + 1, sizeof(*sum));
	int *cnt = calloc(e->nbins + 1, sizeof(*cnt));

	memset(r, 0, sizeof(*r));
	if (!sum || !cnt)
		goto oom;
	for (size_t k = 0; k < e->set->nbss || (pts && k == 0); k++) {
		const struct hm_ptset *s = pts;

		if (!pts) {
			if (e->set->bss[k].radio != radio)
				continue;
			s = &e->set->bss[k].sig;
		}
		for (size_t p = 0; p < s->n; p++) {
			int b = bin_of(e, s->p[p].x, s->p[p].y);

			if (b < 0)
				continue;
			sum[b] += s->p[p].v;
			cnt[b]++;
		}
		if (pts)
			break;
	}
	for (size_t b = 0; b < e->nbins; b++)
		r->n += cnt[b] > 0;
	r->idx = malloc((r->n + 1) * sizeof(*r->idx));
	r->v = malloc((r->n + 1) * sizeof(*r->v));
	r->cnt = malloc((r->n + 1) * sizeof(*r->cnt));
	if (!r->idx || !r->v || !r->cnt)
		goto oom;
	r->n = 0;
	for (size_t b = 0; b < e->nbins; b++)
		if (cnt[b]) {
			r->idx[r->n] = (int)b;
			r->cnt[r->n] = cnt[b];
			r->v[r->n++] = (float)(sum[b] / cnt[b]);
		}
	free(sum);
	free(cnt);
	return 0;
oom:
	free(sum);
	free(cnt);
	rbins_free(r);
	return -ENOMEM;
}

/* ---- the fit ---------------------------------------------------------------- */

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

static int fit_model(const struct hm_est *e, const struct rbins *rb, enum fp_band band,
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

/* ---- fields ---------------------------------------------------------------- */

/* Add the kernel-weighted bin values @val (per bin of @rb) into num/den. */
static void kernel_accumulate(const struct hm_est *e, const struct rbins *rb, const float *val,
			      float *num, float *den, bool reach_only)
{
	const struct hm_grid *g = &e->g;
	int K = e->K, W = e->W;

	for (size_t k = 0; k < rb->n; k++) {
		int b = rb->idx[k];
		const uint8_t *wl = e->wloss + (size_t)b * W * W;
		int i0 = e->ci[b] - K, j0 = e->cj[b] - K;
		float r = val[k];

		for (int dj = 0; dj < W; dj++) {
			int j = j0 + dj;

			if (j < 0 || j >= g->ny)
				continue;
			int da = i0 < 0 ? -i0 : 0, db = i0 + W > g->nx ? g->nx - i0 : W;
			const uint8_t *wrow = wl + (size_t)dj * W;
			const float *krow = e->kern + (size_t)dj * W, *drow = e->kdist + (size_t)dj * W;
			float *nr = num + (size_t)j * g->nx + i0, *dr = den + (size_t)j * g->nx + i0;

			for (int di = da; di < db; di++) {
				float w = krow[di] * e->att[wrow[di]];

				if (w == 0 || (reach_only && drow[di] > e->o.reach_m))
					continue;
				nr[di] += w * r;
				dr[di] += w;
			}
		}
	}
}

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
static int gp_weights(const struct hm_est *e, const struct rbins *rb, const float *res,
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

static int model_field(const struct hm_est *e, size_t radio, const struct rbins *rb,
		       const struct hm_model *fixed, float *out, struct hm_model *fit)
{
	const struct hm_grid *g = &e->g;
	size_t nc = hm_grid_ncells(g);
	enum fp_band band = e->set->radios[radio].band;
	struct hm_model m = { 0 };
	float *wall = calloc(nc, sizeof(float)), *den = calloc(nc, sizeof(float));
	float *res = malloc((rb->n + 1) * sizeof(float));
	int rc = -ENOMEM;

	if (!wall || !den || !res)
		goto out;
	if (fixed)
		m = *fixed;
	else if ((rc = fit_model(e, rb, band, &m)))
		goto out;
	if (fit)
		*fit = m;
	hm_walls_shadow(&e->walls, g, m.x, m.y, 0, 0, g->nx, g->ny, band, wall);
	for (size_t k = 0; k < rb->n; k++) {
		int b = rb->idx[k];
		double wdb = hm_walls_path_loss(&e->walls, m.x, m.y, e->binx[b], e->biny[b], band);

		res[k] = (float)(rb->v[k] - hm_model_predict(&m, e->binx[b], e->biny[b], wdb));
	}
	if ((rc = gp_weights(e, rb, res, res)))
		goto out;
	memset(out, 0, nc * sizeof(float));
	kernel_accumulate(e, rb, res, out, den, false);
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			size_t c = (size_t)j * g->nx + i;
			struct fp_point p = hm_grid_center(g, i, j);
			double model = hm_model_predict(&m, p.x, p.y, wall[c]);

			out[c] = (float)(model + out[c]);
		}
	rc = 0;
out:
	free(wall);
	free(den);
	free(res);
	return rc;
}

int hm_est_radio(const struct hm_est *e, size_t radio, enum hm_method method,
		 const struct hm_model *fixed, float *out, struct hm_model *fit)
{
	size_t nc = hm_grid_ncells(&e->g);
	struct rbins rb;
	int rc;

	if (radio >= e->set->nradios)
		return -EINVAL;
	if ((rc = gather(e, radio, NULL, &rb)))
		return rc;
	if (fit)
		memset(fit, 0, sizeof(*fit));
	if (!rb.n) {
		for (size_t c = 0; c < nc; c++)
			out[c] = NAN;
		rbins_free(&rb);
		return 0;
	}
	if (method == HM_METHOD_MODEL) {
		rc = model_field(e, radio, &rb, fixed, out, fit);
	} else {
		struct hm_pt *pts = malloc(rb.n * sizeof(*pts));

		if (!pts) {
			rbins_free(&rb);
			return -ENOMEM;
		}
		for (size_t k = 0; k < rb.n; k++)
			pts[k] = (struct hm_pt){ e->binx[rb.idx[k]], e->biny[rb.idx[k]], rb.v[k] };
		if (method == HM_METHOD_IDW)
			rc = hm_peer_idw(pts, rb.n, &e->g, e->o.idw_power, e->o.idw_radius_m, out);
		else if (method == HM_METHOD_RBF)
			rc = hm_peer_rbf(pts, rb.n, &e->g, out);
		else
			rc = hm_peer_delaunay(pts, rb.n, &e->g, out);
		free(pts);
	}
	rbins_free(&rb);
	return rc;
}

struct job {
	const struct hm_est *e;
	const bool *want;
	enum hm_method method;
	float **fields;
	struct hm_model *fits;
	atomic_size_t next;
	atomic_int rc;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	size_t r;

	while ((r = atomic_fetch_add(&j->next, 1)) < j->e->set->nradios) {
		int rc;

		if (j->want && !j->want[r])
			continue;
		rc = hm_est_radio(j->e, r, j->method, NULL, j->fields[r], j->fits ? &j->fits[r] : NULL);
		if (rc)
			atomic_store(&j->rc, rc);
	}
	return NULL;
}

int hm_est_radios(const struct hm_est *e, const bool *want, enum hm_method method,
		  float **fields, struct hm_model *fits, struct ns_err *err)
{
	struct job j = { .e = e, .want = want, .method = method, .fields = fields, .fits = fits };
	pthread_t th[16];
	int nt = e->o.threads > 16 ? 16 : e->o.threads, started = 0;

	atomic_init(&j.next, 0);
	atomic_init(&j.rc, 0);
	for (int t = 1; t < nt; t++)
		if (pthread_create(&th[started], NULL, worker, &j) == 0)
			started++;
	worker(&j);
	for (int t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	if (atomic_load(&j.rc))
		return ns_err_set(err, atomic_load(&j.rc), "out of memory estimating signal fields");
	return 0;
}

int hm_est_scalar(const struct hm_est *e, const struct hm_ptset *pts, float *out)
{
	size_t nc = hm_grid_ncells(&e->g);
	struct rbins rb;
	float *den;
	int rc;

	if (!pts->n)
		return -ENOENT;
	if ((rc = gather(e, SIZE_MAX, pts, &rb)))
		return rc;
	den = calloc(nc, sizeof(float));
	if (!den) {
		rbins_free(&rb);
		return -ENOMEM;
	}
	memset(out, 0, nc * sizeof(float));
	kernel_accumulate(e, &rb, rb.v, out, den, true);
	for (size_t c = 0; c < nc; c++)
		out[c] = den[c] > 1e-6f ? out[c] / den[c] : NAN;
	free(den);
	rbins_free(&rb);
	return 0;
}
