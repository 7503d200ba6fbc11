/* SPDX-License-Identifier: GPL-3.0-or-later */
/* levels.c — see levels.h. */
#include "heatmap/levels.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/building.h"
#include "heatmap/load.h"

/* The estimator's ranges and prior (estimate_fit.c). */
#define P1_MIN -48.0
#define P1_MAX -10.0
#define N_MIN 1.5
#define N_MAX 5.0
#define N_PRIOR 2.2
#define N_LAMBDA 100.0

#define LV_BIN_M 1.0          /* readings averaged in bins of this side, m */
#define LV_MAX_OBS 300        /* observed bins per radio and level (strided) */
#define LV_MAX_CENS 150       /* bins that never heard it, per level (strided) */
#define LV_CENS_RANGE_M 40.0  /* … within this of its strongest bin */
#define LV_MARGIN_M 10.0      /* the place search reaches this beyond its readings */
#define LV_COARSE_M 2.0
#define LV_UNHEARD_GAIN 0.8   /* an unheard level must fit this much better */

/* A level's readings binned on its own frame. */
struct lvbins {
	double x0, y0;
	int nx, ny;
	int *worked;              /* scans that worked per bin */
};

/* One row of a radio's fit: a bin on some level. */
struct lvrow {
	float x, y;               /* building frame, m */
	float v;                  /* mean dBm (the hearing level when censored) */
	uint8_t floor;
	uint8_t cens;
};

struct lvfit {
	const struct hm_levels *l;
	struct lvrow *rows;
	size_t nrows, nobs;
	float *L;                 /* scratch: 10·log10 distance per row */
	double slab[HM_LEVELS_MAX], dz[HM_LEVELS_MAX];
	double hearing;
	enum fp_band band;
};

int hm_levels_floor_of(const struct hm_levels *l, const struct floorplan *fp)
{
	for (size_t k = 0; k < l->nfloors; k++)
		if ((fp->id && l->fp[k]->id == fp->id) ||
		    (!fp->id && strcmp(l->fp[k]->name, fp->name) == 0))
			return (int)k;
	return -1;
}

long hm_levels_find(const struct hm_levels *l, const uint8_t mac[6], int freq_mhz)
{
	for (size_t r = 0; r < l->nradios; r++)
		if (l->radios[r].freq_mhz == freq_mhz && memcmp(l->radios[r].mac, mac, 6) == 0)
			return (long)r;
	return -1;
}

/* Height between the antenna on level @k and a receiver on level @j, m. */
static double lv_dz(const struct hm_levels *l, size_t k, size_t j)
{
	return fabs(l->elev_m[k] - l->elev_m[j] + l->height_m);
}

static double lv_slab(const struct hm_levels *l, size_t k, size_t j, enum fp_band band)
{
	return k == j ? 0 : fp_slab_loss_between(l->fp, l->nfloors, l->fp[k]->level,
						  l->fp[j]->level, band);
}

/* 10·log10 of the 3-D distance from building radio @r to (@x, @y) of level @floor. */
static double lv_L(const struct hm_levels *l, size_t r, size_t floor, double x, double y)
{
	const struct hm_level_radio *a = &l->radios[r];
	struct fp_point p = fp_floor_to_building(l->fp[floor], (struct fp_point){ x, y });
	double d2 = (p.x - a->x) * (p.x - a->x) + (p.y - a->y) * (p.y - a->y);
	double dz = lv_dz(l, a->floor, floor);

	return 5 * log10(d2 + dz * dz);
}

double hm_levels_predict(const struct hm_levels *l, size_t r, size_t floor, double x, double y)
{
	const struct hm_level_radio *a = &l->radios[r];

	return a->p1_dbm - a->n * lv_L(l, r, floor, x, y) - lv_slab(l, a->floor, floor, a->band);
}

double hm_levels_predict_on(const struct hm_levels *l, size_t r, size_t floor,
			    const struct hm_level_model *m, double x, double y)
{
	const struct hm_level_radio *a = &l->radios[r];

	return m->p1_dbm - m->n * lv_L(l, r, floor, x, y) - lv_slab(l, a->floor, floor, a->band);
}

void hm_levels_model_on(const struct hm_levels *l, size_t r, size_t floor,
			const struct hm_set *set, size_t radio, struct hm_level_model *m)
{
	double sl = 0, sy = 0, sll = 0, sly = 0, n = 0, slab;
	const struct hm_level_radio *a = &l->radios[r];

	m->p1_dbm = a->p1_dbm;
	m->n = a->n;
	slab = lv_slab(l, a->floor, floor, a->band);
	for (size_t b = 0; b < set->nbss; b++)
		for (size_t k = 0; set->bss[b].radio == radio && k < set->bss[b].sig.n; k++) {
			const struct hm_pt *p = &set->bss[b].sig.p[k];
			double L = lv_L(l, r, floor, p->x, p->y), y = p->v + slab;

			sl += L;
			sy += y;
			sll += L * L;
			sly += L * y;
			n++;
		}
	if (n < 3)
		return; /* too little here: the building's fit stands */
	/* n held near the building's fit (as the estimator's prior holds it near 2.2). */
	double var = sll - sl * sl / n, cov = sly - sl * sy / n, ne, pp;

	ne = fmin(fmax((-cov + N_LAMBDA * a->n) / (var + N_LAMBDA), N_MIN), N_MAX);
	pp = (sy + ne * sl) / n;
	if (pp < P1_MIN || pp > P1_MAX) {
		pp = fmin(fmax(pp, P1_MIN), P1_MAX);
		ne = fmin(fmax((pp * sl - sly + N_LAMBDA * a->n) / (sll + N_LAMBDA), N_MIN), N_MAX);
	}
	m->p1_dbm = pp;
	m->n = ne;
}

/* The bin grid over level @j's samples, and where scans worked. */
static int lv_bins(const struct hm_set *set, struct lvbins *b)
{
	double x1 = -INFINITY, y1 = -INFINITY;

	b->x0 = INFINITY;
	b->y0 = INFINITY;
	for (size_t k = 0; k < set->where.n; k++) {
		b->x0 = fmin(b->x0, set->where.p[k].x);
		b->y0 = fmin(b->y0, set->where.p[k].y);
		x1 = fmax(x1, set->where.p[k].x);
		y1 = fmax(y1, set->where.p[k].y);
	}
	if (!set->where.n)
		b->x0 = b->y0 = x1 = y1 = 0;
	b->nx = (int)((x1 - b->x0) / LV_BIN_M) + 1;
	b->ny = (int)((y1 - b->y0) / LV_BIN_M) + 1;
	b->worked = calloc((size_t)b->nx * b->ny, sizeof(int));
	if (!b->worked)
		return -ENOMEM;
	for (size_t k = 0; k < set->where.n; k++)
		if (set->where.p[k].v > 0)
			b->worked[(int)((set->where.p[k].y - b->y0) / LV_BIN_M) * b->nx +
				  (int)((set->where.p[k].x - b->x0) / LV_BIN_M)]++;
	return 0;
}

/* Append radio @r of level @j's set: its binned readings, then its silent bins. */
static int lv_rows_level(struct lvfit *f, const struct hm_set *set, const struct lvbins *b,
			 size_t j, long r, double sx, double sy, size_t *cap)
{
	size_t nc = (size_t)b->nx * b->ny, nob = 0, ncen = 0, stride;
	double *sum = calloc(nc * 3 + 1, sizeof(double));
	int *cnt = calloc(nc + 1, sizeof(int));
	const struct floorplan *fp = f->l->fp[j];

	if (!sum || !cnt) {
		free(sum);
		free(cnt);
		return -ENOMEM;
	}
	for (size_t q = 0; r >= 0 && q < set->nbss; q++) {
		if (set->bss[q].radio != (size_t)r)
			continue;
		for (size_t k = 0; k < set->bss[q].sig.n; k++) {
			const struct hm_pt *p = &set->bss[q].sig.p[k];
			int i = (int)((p->x - b->x0) / LV_BIN_M), jj = (int)((p->y - b->y0) / LV_BIN_M);
			size_t c;

			if (i < 0 || jj < 0 || i >= b->nx || jj >= b->ny)
				continue;
			c = (size_t)jj * b->nx + i;
			sum[3 * c] += p->v;
			sum[3 * c + 1] += p->x;
			sum[3 * c + 2] += p->y;
			cnt[c]++;
		}
	}
	for (size_t c = 0; c < nc; c++)
		nob += cnt[c] > 0;
	if (*cap < f->nrows + nc + 1) {
		struct lvrow *nr = realloc(f->rows, (f->nrows + nc + 1) * sizeof(*nr));

		if (!nr) {
			free(sum);
			free(cnt);
			return -ENOMEM;
		}
		f->rows = nr;
		*cap = f->nrows + nc + 1;
	}
	stride = nob > LV_MAX_OBS ? (nob + LV_MAX_OBS - 1) / LV_MAX_OBS : 1;
	for (size_t c = 0, seen = 0; c < nc; c++) {
		if (!cnt[c] || seen++ % stride)
			continue;
		struct fp_point p = fp_floor_to_building(
			fp, (struct fp_point){ sum[3 * c + 1] / cnt[c], sum[3 * c + 2] / cnt[c] });

		f->rows[f->nrows++] = (struct lvrow){ (float)p.x, (float)p.y,
						      (float)(sum[3 * c] / cnt[c]), (uint8_t)j, 0 };
	}
	f->nobs += (size_t)((nob + stride - 1) / stride);
	/* Censored: bins that worked, never heard it, within reach of its strongest place. */
	for (size_t c = 0; c < nc; c++)
		ncen += !cnt[c] && b->worked[c];
	stride = ncen > LV_MAX_CENS ? (ncen + LV_MAX_CENS - 1) / LV_MAX_CENS : 1;
	for (size_t c = 0, seen = 0; c < nc; c++) {
		if (cnt[c] || !b->worked[c] || seen++ % stride)
			continue;
		struct fp_point p = fp_floor_to_building(
			fp, (struct fp_point){ b->x0 + ((double)(c % b->nx) + 0.5) * LV_BIN_M,
					       b->y0 + ((double)(c / b->nx) + 0.5) * LV_BIN_M });

		if (hypot(p.x - sx, p.y - sy) <= LV_CENS_RANGE_M)
			f->rows[f->nrows++] = (struct lvrow){ (float)p.x, (float)p.y,
							      (float)f->hearing, (uint8_t)j, 1 };
	}
	free(sum);
	free(cnt);
	return 0;
}

/*
 * The fit of candidate level @k at (@x, @y): P1 and n by least squares with
 * the prior on n (held to their ranges), the silent bins one-sided. Returns
 * the mean square per observed bin (with the prior), *@sse_obs the plain sum.
 */
static double lv_score(struct lvfit *f, size_t k, double x, double y, double *p1, double *nexp,
		       double *sse_obs)
{
	double sl = 0, sy = 0, sll = 0, sly = 0, ne, pp, sse = 0, cen = 0;
	size_t n = 0;

	for (size_t i = 0; i < f->nrows; i++) {
		const struct lvrow *w = &f->rows[i];
		double dz = f->dz[w->floor];
		double d2 = (w->x - x) * (w->x - x) + (w->y - y) * (w->y - y) + dz * dz;

		f->L[i] = (float)(5 * log10(d2));
		if (w->cens)
			continue;
		double yy = w->v + f->slab[w->floor];

		sl += f->L[i];
		sy += yy;
		sll += (double)f->L[i] * f->L[i];
		sly += f->L[i] * yy;
		n++;
	}
	double var = sll - sl * sl / n, cov = sly - sl * sy / n;

	ne = fmin(fmax((-cov + N_LAMBDA * N_PRIOR) / (var + N_LAMBDA), N_MIN), N_MAX);
	pp = (sy + ne * sl) / n;
	if (pp < P1_MIN || pp > P1_MAX) {
		pp = fmin(fmax(pp, P1_MIN), P1_MAX);
		ne = fmin(fmax((pp * sl - sly + N_LAMBDA * N_PRIOR) / (sll + N_LAMBDA), N_MIN), N_MAX);
	}
	for (size_t i = 0; i < f->nrows; i++) {
		const struct lvrow *w = &f->rows[i];
		double pred = pp - ne * f->L[i] - f->slab[w->floor];

		if (w->cens)
			cen += pred > w->v ? (pred - w->v) * (pred - w->v) : 0;
		else
			sse += (w->v - pred) * (w->v - pred);
	}
	*p1 = pp;
	*nexp = ne;
	*sse_obs = sse;
	(void)k;
	return (sse + cen + N_LAMBDA * (ne - N_PRIOR) * (ne - N_PRIOR)) / (double)n;
}

/* The place on candidate level @k: a coarse grid over @lo..@hi, then refined. */
static double lv_search(struct lvfit *f, size_t k, struct fp_point lo, struct fp_point hi,
			struct hm_level_radio *a, bool keep)
{
	double best = INFINITY, bx = lo.x, by = lo.y, p1, ne, sse;

	for (size_t j = 0; j < f->l->nfloors; j++) {
		f->slab[j] = lv_slab(f->l, k, j, f->band);
		f->dz[j] = lv_dz(f->l, k, j);
	}
	for (double y = lo.y; y <= hi.y; y += LV_COARSE_M)
		for (double x = lo.x; x <= hi.x; x += LV_COARSE_M) {
			double s = lv_score(f, k, x, y, &p1, &ne, &sse);

			if (s < best) {
				best = s;
				bx = x;
				by = y;
			}
		}
	for (double step = LV_COARSE_M / 2; step >= 0.25; step /= 2) {
		bool moved = true;

		while (moved) {
			moved = false;
			for (int d = 0; d < 8; d++) {
				static const int dx[8] = { 1, -1, 0, 0, 1, 1, -1, -1 };
				static const int dy[8] = { 0, 0, 1, -1, 1, -1, 1, -1 };
				double x = bx + dx[d] * step, y = by + dy[d] * step;
				double s = lv_score(f, k, x, y, &p1, &ne, &sse);

				if (s < best - 1e-9) {
					best = s;
					bx = x;
					by = y;
					moved = true;
				}
			}
		}
	}
	if (keep) {
		lv_score(f, k, bx, by, &a->p1_dbm, &a->n, &sse);
		a->x = bx;
		a->y = by;
		a->floor = k;
		a->rms_db = f->nobs ? sqrt(sse / (double)f->nobs) : NAN;
	}
	return best;
}

/*
 * The level of the least mean square @mse among @n candidates; one where it
 * was never heard (@heard: a bit per level) must beat the best where it was
 * by LV_UNHEARD_GAIN.
 */
static size_t lv_choose(const double *mse, uint32_t heard, size_t n)
{
	double best_heard = INFINITY, best_any = INFINITY;
	size_t kbest = 0;

	for (size_t k = 0; k < n; k++) {
		if ((heard >> k) & 1)
			best_heard = fmin(best_heard, mse[k]);
		if (mse[k] < best_any) {
			best_any = mse[k];
			kbest = k;
		}
	}
	if (!((heard >> kbest) & 1) && !(best_any < LV_UNHEARD_GAIN * best_heard))
		for (size_t k = 0; k < n; k++)
			if (((heard >> k) & 1) && mse[k] == best_heard)
				kbest = k;
	return kbest;
}

/*
 * Fit building radio @a on every level and place it on the best (@force < 0),
 * or place it on level @force (its a->mse kept); @rix: its index in each
 * level's set, -1.
 */
static int lv_fit_radio(const struct hm_levels *l, const struct lvbins *bins, const long *rix,
			const struct hm_est_opts *o, long force, struct hm_level_radio *a)
{
	struct lvfit f = { .l = l, .hearing = o->hearing_dbm, .band = a->band };
	struct fp_point lo = { INFINITY, INFINITY }, hi = { -INFINITY, -INFINITY };
	size_t cap = 0, strong = 0, kbest;
	double sx = 0, sy = 0, vmax = -INFINITY;
	int rc = 0;

	/* Its observed rows first, to know its strongest place, then all rows again. */
	for (int pass = 0; pass < 2; pass++) {
		f.nrows = f.nobs = 0;
		for (size_t j = 0; j < l->nfloors; j++)
			if ((rc = lv_rows_level(&f, l->set[j], &bins[j], j, rix[j], sx, sy, &cap)))
				goto out;
		for (size_t i = 0; pass == 0 && i < f.nrows; i++)
			if (!f.rows[i].cens && f.rows[i].v > vmax) {
				vmax = f.rows[i].v;
				strong = i;
			}
		if (pass == 0 && f.nobs) {
			sx = f.rows[strong].x;
			sy = f.rows[strong].y;
		}
	}
	a->nbins = (int)f.nobs;
	if (!f.nobs)
		goto out;
	for (size_t i = 0; i < f.nrows; i++)
		if (!f.rows[i].cens) {
			lo.x = fmin(lo.x, f.rows[i].x - LV_MARGIN_M);
			lo.y = fmin(lo.y, f.rows[i].y - LV_MARGIN_M);
			hi.x = fmax(hi.x, f.rows[i].x + LV_MARGIN_M);
			hi.y = fmax(hi.y, f.rows[i].y + LV_MARGIN_M);
		}
	if (!(f.L = malloc((f.nrows + 1) * sizeof(float)))) {
		rc = -ENOMEM;
		goto out;
	}
	if (force < 0) {
		for (size_t k = 0; k < l->nfloors; k++)
			a->mse[k] = lv_search(&f, k, lo, hi, a, false);
		kbest = lv_choose(a->mse, a->heard, l->nfloors);
	} else {
		kbest = (size_t)force;
	}
	lv_search(&f, kbest, lo, hi, a, true);
out:
	free(f.rows);
	free(f.L);
	return rc;
}

/*
 * The building's radios: one per MAC and channel heard on any level; its
 * index per level; its physical AP, the radios of one name (samples.h: the
 * AP's name from the beacons, else its MAC family).
 */
static int lv_radios(struct hm_levels *l, long **rix)
{
	size_t cap = 0;

	for (size_t j = 0; j < l->nfloors; j++)
		for (size_t r = 0; r < l->set[j]->nradios; r++) {
			const struct hm_radio *rd = &l->set[j]->radios[r];
			long k = hm_levels_find(l, rd->mac, rd->freq_mhz);

			if (k < 0) {
				if (l->nradios == cap) {
					size_t nc = cap ? cap * 2 : 32;
					void *nr = realloc(l->radios, nc * sizeof(*l->radios));
					void *ni = realloc(*rix, nc * HM_LEVELS_MAX * sizeof(long));

					if (nr)
						l->radios = nr;
					if (ni)
						*rix = ni;
					if (!nr || !ni)
						return -ENOMEM;
					cap = nc;
				}
				k = (long)l->nradios++;
				memset(&l->radios[k], 0, sizeof(l->radios[k]));
				memcpy(l->radios[k].mac, rd->mac, 6);
				l->radios[k].freq_mhz = rd->freq_mhz;
				l->radios[k].band = rd->band;
				snprintf(l->radios[k].name, sizeof(l->radios[k].name), "%s",
					 l->set[j]->phys[rd->phys].name);
				for (size_t q = 0; q < HM_LEVELS_MAX; q++)
					(*rix)[k * HM_LEVELS_MAX + q] = -1;
				l->radios[k].ap = (size_t)k;
				for (size_t q = 0; q < (size_t)k; q++)
					if (strcmp(l->radios[q].name, l->radios[k].name) == 0) {
						l->radios[k].ap = l->radios[q].ap;
						break;
					}
			}
			l->radios[k].heard |= 1u << j;
			(*rix)[k * HM_LEVELS_MAX + j] = (long)r;
		}
	return 0;
}

/*
 * One level for the physical AP whose first radio is @ap: the candidate
 * whose fits, summed over its radios (each radio's mean square times its
 * bins), are least, with the rule of lv_choose() over the levels where any
 * of its radios was heard; its radios placed elsewhere are placed again.
 */
static int lv_one_level_per_ap(struct hm_levels *l, const struct lvbins *bins, const long *rix,
			       const struct hm_est_opts *o, size_t ap)
{
	double sum[HM_LEVELS_MAX] = { 0 };
	uint32_t heard = 0;
	size_t k;
	int rc;

	for (size_t r = ap; r < l->nradios; r++) {
		const struct hm_level_radio *a = &l->radios[r];

		if (a->ap != ap || !a->nbins)
			continue;
		heard |= a->heard;
		for (k = 0; k < l->nfloors; k++)
			sum[k] += a->mse[k] * a->nbins;
	}
	if (!heard)
		return 0;
	k = lv_choose(sum, heard, l->nfloors);
	for (size_t r = ap; r < l->nradios; r++)
		if (l->radios[r].ap == ap && l->radios[r].nbins && l->radios[r].floor != k &&
		    (rc = lv_fit_radio(l, bins, &rix[r * HM_LEVELS_MAX], o, (long)k, &l->radios[r])))
			return rc;
	return 0;
}

int hm_levels_fit(const struct floorplan *const *fps, const struct hm_set *const *sets, size_t n,
		  const struct fp_building *b, const struct hm_est_opts *o, struct hm_levels *out,
		  struct ns_err *err)
{
	struct lvbins bins[HM_LEVELS_MAX] = { 0 };
	long *rix = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (n > HM_LEVELS_MAX)
		return ns_err_set(err, -EINVAL, "a building of more than %d levels is not fitted",
				  HM_LEVELS_MAX);
	out->nfloors = n;
	out->height_m = o->height_m;
	for (size_t j = 0; j < n; j++) {
		out->fp[j] = fps[j];
		out->set[j] = sets[j];
		out->elev_m[j] = fp_floor_elevation(fps[j], b);
		if ((rc = lv_bins(sets[j], &bins[j])))
			goto out;
	}
	if ((rc = lv_radios(out, &rix)))
		goto out;
	for (size_t r = 0; r < out->nradios; r++)
		if ((rc = lv_fit_radio(out, bins, &rix[r * HM_LEVELS_MAX], o, -1, &out->radios[r])))
			goto out;
	for (size_t r = 0; r < out->nradios; r++)
		if (out->radios[r].ap == r && (rc = lv_one_level_per_ap(out, bins, rix, o, r)))
			goto out;
out:
	for (size_t j = 0; j < n; j++)
		free(bins[j].worked);
	free(rix);
	if (rc) {
		free(out->radios);
		out->radios = NULL;
		out->nradios = 0;
		return ns_err_set(err, rc, "out of memory fitting the building's levels");
	}
	return 0;
}

void hm_levels_release(struct hm_levels *l)
{
	for (size_t k = 0; k < l->nown; k++) {
		floorplan_free(l->own_fp[k]);
		hm_set_release(&l->own_set[k]);
	}
	free(l->radios);
	memset(l, 0, sizeof(*l));
}

/* Load level @id into @l's own floors and sets; *@walked counts those with samples. */
static int lv_load_one(struct survey *s, int64_t id, struct hm_levels *l, size_t *walked,
		       struct ns_err *err)
{
	size_t k = l->nown;
	int rc;

	if ((rc = hm_load_floor_id(s, id, &l->own_fp[k], &l->own_set[k], err)))
		return rc;
	l->nown++;
	*walked += l->own_set[k].nsamples > 0;
	return 0;
}

int hm_levels_load(struct survey *s, const struct floorplan *fp, const struct hm_est_opts *o,
		   struct hm_levels *out, struct ns_err *err)
{
	struct survey_floor_info *floors = NULL;
	struct hm_levels tmp = { 0 };
	struct fp_building b;
	const struct floorplan *fps[HM_LEVELS_MAX];
	const struct hm_set *sets[HM_LEVELS_MAX];
	size_t n = 0, walked = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!fp->building_id || (rc = survey_list_floors(s, &floors, &n, err)))
		return fp->building_id ? rc : 0;
	for (size_t k = 0; k < n && !rc; k++)
		if (floors[k].building_id == fp->building_id && tmp.nown < HM_LEVELS_MAX)
			rc = lv_load_one(s, floors[k].id, &tmp, &walked, err);
	free(floors);
	if (!rc && walked >= 2 && !(rc = survey_get_building(s, fp->building_id, &b, err))) {
		for (size_t k = 0; k < tmp.nown; k++) {
			fps[k] = tmp.own_fp[k];
			sets[k] = &tmp.own_set[k];
		}
		if (!(rc = hm_levels_fit(fps, sets, tmp.nown, &b, o, out, err))) {
			memcpy(out->own_fp, tmp.own_fp, sizeof(tmp.own_fp));
			memcpy(out->own_set, tmp.own_set, sizeof(tmp.own_set));
			out->nown = tmp.nown;
			for (size_t k = 0; k < tmp.nown; k++)
				out->set[k] = &out->own_set[k];
			return 0;
		}
	}
	hm_levels_release(&tmp);
	return rc;
}
