/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate.c — see estimate.h: bins, wall-loss windows, the fields per
 * radio and the thread pool. The model fit is in estimate_fit.c, the
 * kriging of its residuals in estimate_krige.c (estimate_priv.h).
 */
#include "heatmap/estimate.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/estimate_priv.h"
#include "heatmap/peers.h"
#include "heatmap/walls.h"

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
	o->cap_db = 2;
	o->cap_db_per_m = 0.7;
	o->learn_walls = true;
	o->group_aps = true;
}

const uint8_t *hm_est_support(const struct hm_est *e)
{
	return e->support;
}

size_t hm_est_nbins(const struct hm_est *e)
{
	return e->nbins;
}

const int *hm_est_rooms(const struct hm_est *e, size_t *nrooms)
{
	if (nrooms)
		*nrooms = e->nrooms;
	return e->room;
}

const struct hm_ap_fit *hm_est_aps(const struct hm_est *e, size_t *n)
{
	*n = e->naps;
	return e->aps;
}

const struct hm_wall_fit *hm_est_wall_fits(const struct hm_est *e, size_t *n)
{
	*n = e->walls.nmats;
	return e->mfit;
}

const struct hm_model *hm_est_model(const struct hm_est *e, size_t radio)
{
	return e->models && radio < e->set->nradios ? &e->models[radio] : NULL;
}

void hm_est_free(struct hm_est *e)
{
	if (!e)
		return;
	if (e->rb)
		for (size_t r = 0; r < e->set->nradios; r++)
			hme_rbins_free(&e->rb[r]);
	free(e->rb);
	free(e->models);
	free(e->aps);
	free(e->mfit);
	free(e->unit_scale);
	free(e->room);
	free(e->broom);
	free(e->rroom);
	free(e->rwalked);
	hm_walls_release(&e->wfit);
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
	free(e->allow);
	free(e->disc);
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
	e->allow = malloc(ww * sizeof(*e->allow));
	e->disc = malloc(2 * (size_t)W * sizeof(*e->disc));
	e->support = calloc(hm_grid_ncells(g), 1);
	if (!tmp || !e->ci || !e->cj || !e->wloss || !e->kern || !e->kdist || !e->allow || !e->disc ||
	    !e->support) {
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
	/* The evidence bound's disc (the reach) per window row, and its allowance per offset. */
	for (int dj = 0; dj < W; dj++) {
		e->disc[2 * dj] = W;
		e->disc[2 * dj + 1] = -1;
		for (int di = 0; di < W; di++) {
			size_t o = (size_t)dj * W + di;

			e->allow[o] = (float)(e->o.cap_db + e->o.cap_db_per_m * e->kdist[o]);
			if (e->kdist[o] <= e->o.reach_m) {
				e->disc[2 * dj] = di < e->disc[2 * dj] ? di : e->disc[2 * dj];
				e->disc[2 * dj + 1] = di;
			}
		}
	}

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
				double d2 = (c.x - x) * (c.x - x) + (c.y - y) * (c.y - y);

				if (d2 > rw * rw)
					continue;
				wl[o] = (uint8_t)(l >= WIN_FAR - 1 ? WIN_FAR - 1 : lrintf(l));
				/* Surveyed: within the reach, in the bin's own room, not behind walls. */
				if (d2 <= e->o.reach_m * e->o.reach_m && l <= e->o.block_db &&
				    e->room[(size_t)j * g->nx + i] == e->broom[b])
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
	if (make_bins(e) || hme_rooms(e) || make_windows(e)) {
		hm_est_free(e);
		return ns_err_set(err, -ENOMEM, "out of memory binning samples");
	}
	if (hme_fit_all(e)) {
		hm_est_free(e);
		return ns_err_set(err, -ENOMEM, "out of memory fitting access points");
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

void hme_rbins_free(struct rbins *r)
{
	free(r->idx);
	free(r->v);
	free(r->cnt);
}

/* Bin the points of every BSSID of @radio (or of @pts when radio is SIZE_MAX). */
int hme_gather(const struct hm_est *e, size_t radio, const struct hm_ptset *pts, struct rbins *r)
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
	hme_rbins_free(r);
	return -ENOMEM;
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

/* Raise @cap round bin @b to @v plus the allowance, within the reach in its room. */
static void bound_bin(const struct hm_est *e, size_t b, float v, float *cap)
{
	const struct hm_grid *g = &e->g;
	int K = e->K, W = e->W, i0 = e->ci[b] - K, j0 = e->cj[b] - K, room = e->broom[b];
	const uint8_t *wl = e->wloss + b * (size_t)W * W;
	uint8_t block = (uint8_t)fmin(e->o.block_db, WIN_FAR - 1);

	for (int dj = 0; dj < W; dj++) {
		int j = j0 + dj, lo = e->disc[2 * dj], hi = e->disc[2 * dj + 1];

		if (j < 0 || j >= g->ny)
			continue;
		lo = i0 + lo < 0 ? -i0 : lo;
		hi = i0 + hi >= g->nx ? g->nx - 1 - i0 : hi;
		const uint8_t *wrow = wl + (size_t)dj * W;
		const float *arow = e->allow + (size_t)dj * W;
		const int *rrow = e->room + (size_t)j * g->nx + i0;
		float *crow = cap + (size_t)j * g->nx + i0;

		for (int di = lo; di <= hi; di++)
			if (wrow[di] <= block && rrow[di] == room && crow[di] < v + arow[di])
				crow[di] = v + arow[di];
	}
}

/*
 * Never above the evidence: at a surveyed cell, the field is held at or below
 * the strongest bin of this radio within the reach in the cell's room (walls
 * between costing at most the block figure), plus cap_db and cap_db_per_m per
 * metre to that bin. A model that put its AP in the wrong place cannot then
 * paint a room brighter than anything measured in it. Where the radio was
 * not heard within the reach nothing is bounded: a scan that left it out may
 * have dropped a stale result, not missed a strong signal. @cap is nc floats
 * of scratch.
 */
static void evidence_bound(const struct hm_est *e, const struct rbins *rb, float *out, float *cap)
{
	size_t nc = hm_grid_ncells(&e->g);

	for (size_t c = 0; c < nc; c++)
		cap[c] = -INFINITY;
	for (size_t k = 0; k < rb->n; k++)
		bound_bin(e, (size_t)rb->idx[k], rb->v[k], cap);
	for (size_t c = 0; c < nc; c++)
		if (e->support[c] && isfinite(cap[c]) && out[c] > cap[c])
			out[c] = cap[c];
}

static int model_field(const struct hm_est *e, size_t radio, const struct rbins *rb,
		       const struct hm_model *fixed, float *out, struct hm_model *fit)
{
	const struct hm_grid *g = &e->g;
	const struct hm_walls *walls = fixed ? &e->walls : &e->wfit;
	size_t nc = hm_grid_ncells(g);
	enum fp_band band = e->set->radios[radio].band;
	struct hm_model m = fixed ? *fixed : e->models[radio];
	float *wall = calloc(nc, sizeof(float)), *den = calloc(nc, sizeof(float));
	float *res = malloc((rb->n + 1) * sizeof(float));
	int rc = -ENOMEM;

	if (!wall || !den || !res)
		goto out;
	if (fit)
		*fit = m;
	hm_walls_shadow(walls, g, m.x, m.y, 0, 0, g->nx, g->ny, band, wall);
	for (size_t k = 0; k < rb->n; k++) {
		int b = rb->idx[k];
		double wdb = hm_walls_path_loss(walls, m.x, m.y, e->binx[b], e->biny[b], band);

		res[k] = (float)(rb->v[k] - hm_model_predict(&m, e->binx[b], e->biny[b], wdb));
	}
	if ((rc = hme_krige_weights(e, rb, res, res)))
		goto out;
	memset(out, 0, nc * sizeof(float));
	kernel_accumulate(e, rb, res, out, den, false);
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			size_t c = (size_t)j * g->nx + i;
			struct fp_point p = hm_grid_center(g, i, j);
			out[c] = (float)(hm_model_predict(&m, p.x, p.y, wall[c]) + out[c]);
		}
	if (!fixed)
		evidence_bound(e, rb, out, den);
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
	if ((rc = hme_gather(e, radio, NULL, &rb)))
		return rc;
	if (fit)
		memset(fit, 0, sizeof(*fit));
	if (!rb.n) {
		for (size_t c = 0; c < nc; c++)
			out[c] = NAN;
		hme_rbins_free(&rb);
		return 0;
	}
	if (method == HM_METHOD_MODEL) {
		rc = model_field(e, radio, &rb, fixed, out, fit);
	} else {
		struct hm_pt *pts = malloc(rb.n * sizeof(*pts));

		if (!pts) {
			hme_rbins_free(&rb);
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
	hme_rbins_free(&rb);
	return rc;
}

int hm_est_radio_mean(const struct hm_est *e, size_t radio,
		      double (*mean)(void *ctx, double x, double y), void *ctx, float *out)
{
	const struct hm_grid *g = &e->g;
	size_t nc = hm_grid_ncells(g);
	struct rbins rb;
	float *den = NULL, *res = NULL;
	int rc;

	if (radio >= e->set->nradios)
		return -EINVAL;
	if ((rc = hme_gather(e, radio, NULL, &rb)))
		return rc;
	rc = -ENOMEM;
	den = calloc(nc, sizeof(float));
	res = malloc((rb.n + 1) * sizeof(float));
	if (!den || !res)
		goto out;
	for (size_t k = 0; k < rb.n; k++)
		res[k] = (float)(rb.v[k] - mean(ctx, e->binx[rb.idx[k]], e->biny[rb.idx[k]]));
	if (rb.n && (rc = hme_krige_weights(e, &rb, res, res)))
		goto out;
	memset(out, 0, nc * sizeof(float));
	kernel_accumulate(e, &rb, res, out, den, false);
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			struct fp_point p = hm_grid_center(g, i, j);
			size_t c = (size_t)j * g->nx + i;

			out[c] = (float)(mean(ctx, p.x, p.y) + out[c]);
		}
	rc = 0;
out:
	free(den);
	free(res);
	hme_rbins_free(&rb);
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

void hme_run_workers(void *(*fn)(void *), void *job, int threads)
{
	pthread_t th[16];
	int nt = threads > 16 ? 16 : threads, started = 0;

	for (int t = 1; t < nt; t++)
		if (pthread_create(&th[started], NULL, fn, job) == 0)
			started++;
	fn(job);
	for (int t = 0; t < started; t++)
		pthread_join(th[t], NULL);
}

int hm_est_radios(const struct hm_est *e, const bool *want, enum hm_method method,
		  float **fields, struct hm_model *fits, struct ns_err *err)
{
	struct job j = { .e = e, .want = want, .method = method, .fields = fields, .fits = fits };

	atomic_init(&j.next, 0);
	atomic_init(&j.rc, 0);
	hme_run_workers(worker, &j, e->o.threads);
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
	if ((rc = hme_gather(e, SIZE_MAX, pts, &rb)))
		return rc;
	den = calloc(nc, sizeof(float));
	if (!den) {
		hme_rbins_free(&rb);
		return -ENOMEM;
	}
	memset(out, 0, nc * sizeof(float));
	kernel_accumulate(e, &rb, rb.v, out, den, true);
	for (size_t c = 0; c < nc; c++)
		out[c] = den[c] > 1e-6f ? out[c] / den[c] : NAN;
	free(den);
	hme_rbins_free(&rb);
	return 0;
}
