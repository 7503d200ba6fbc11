/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan.c — the fewest new APs that bring the chosen wards to the target: the
 * model of a new AP, the cells that fail today, greedy with an improvement
 * pass, and the exhaustive optimum on small cases (plan.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/plan.h"
#include "heatmap/plan_priv.h"
#include "heatmap/walls.h"

void hm_plan_opts_default(struct hm_plan_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->target_pct = 95;
	o->k = 1.0;
	o->max_aps = 8;
	o->band = FP_BAND_5G;
	o->tx_dbm = NAN;
	o->step_m = 2.5;
	o->cand_mode = HM_PLAN_CAND_CEILING;
	o->exhaustive_budget = 400000000L;
	o->power_step_db = 3;
	o->min_spacing_m = 8;
}

void hm_plan_release(struct hm_plan *p)
{
	free(p->cands);
	for (int k = 0; k < HM_NMETRICS; k++)
		free(p->after[k]);
	free(p->verdict);
	free(p->failed);
	memset(p, 0, sizeof(*p));
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* σ: the fitted APs' residual RMS pooled over their bins (4 dB when none). */
static double plan_sigma(const struct hm_map *m)
{
	double ss = 0, nb = 0;

	for (size_t a = 0; a < m->naps; a++) {
		if (m->aps[a].nbins <= 0 || !isfinite(m->aps[a].rms_db))
			continue;
		ss += m->aps[a].nbins * m->aps[a].rms_db * m->aps[a].rms_db;
		nb += m->aps[a].nbins;
	}
	return nb > 0 ? sqrt(ss / nb) : 4.0;
}

/* Free-space loss at 1 m on @band, dB (the transmit power → P1 step). */
static double fspl_1m(int band)
{
	static const double mhz[FP_NBANDS] = { 2437, 5500, 6100 };

	return 20 * log10(mhz[band >= 0 && band < FP_NBANDS ? band : 1]) - 27.55;
}

/* P1 and n of the new APs: the median of the fitted radios on @band of this level. */
static void plan_model(const struct hm_map *m, const struct hm_plan_opts *o, struct hm_plan *p)
{
	double *p1 = malloc((m->nradios + 1) * sizeof(double));
	double *n = malloc((m->nradios + 1) * sizeof(double));
	size_t k = 0;

	p->p1_dbm = -30;
	p->n = 2.2;
	p->height_m = m->opts.est.height_m > 0 ? m->opts.est.height_m : 1.5;
	for (size_t r = 0; p1 && n && r < m->nradios; r++) {
		const struct hm_model *f = &m->fits[r];

		if (!plan_ap_here(m, f->ap) || f->nbins <= 0 || !isfinite(f->p1_dbm) ||
		    !isfinite(f->n))
			continue; /* a radio of another level is seen through the slab */
		p1[k] = f->p1_dbm;
		n[k++] = f->n;
	}
	if (k) {
		qsort(p1, k, sizeof(double), cmp_double);
		qsort(n, k, sizeof(double), cmp_double);
		p->p1_dbm = p1[k / 2];
		p->n = n[k / 2];
	}
	free(p1);
	free(n);
	if (isfinite(o->tx_dbm))
		p->p1_dbm = o->tx_dbm + PLAN_ANTENNA_DBI - fspl_1m(o->band);
}

/* The floor's walls with the losses the survey learned per material. */
static int plan_walls(const struct hm_map *m, const struct floorplan *fp, int band,
		      struct hm_walls *out, struct ns_err *err)
{
	struct hm_walls drawn = { 0 };
	float *scale = NULL;
	int rc;

	if ((rc = hm_walls_init(&drawn, fp, err)))
		return rc;
	scale = malloc((drawn.nunits + 1) * sizeof(float));
	if (!scale) {
		hm_walls_release(&drawn);
		return ns_err_set(err, -ENOMEM, "out of memory planning");
	}
	for (size_t u = 0; u < drawn.nunits; u++)
		scale[u] = 1;
	for (size_t i = 0; i < drawn.n; i++) {
		const char *mat = drawn.mats[drawn.p[i].mat];

		for (size_t w = 0; w < m->nwall_fits; w++) {
			const struct hm_wall_fit *f = &m->wall_fits[w];

			if (strcmp(f->material, mat) == 0 && f->drawn_db[band] > 0)
				scale[drawn.p[i].unit] = (float)(f->fitted_db[band] / f->drawn_db[band]);
		}
	}
	rc = hm_walls_copy_scaled(out, &drawn, scale);
	free(scale);
	hm_walls_release(&drawn);
	return rc ? ns_err_set(err, rc, "out of memory planning") : 0;
}

/* The cells to judge: in a chosen ward and judged by the map. */
static int plan_cells(const struct hm_map *m, const struct floorplan *fp,
		      const struct hm_plan_opts *o, struct plan_ctx *c, struct ns_err *err)
{
	size_t nc = hm_grid_ncells(&m->grid);
	uint8_t *in = NULL;

	if (!(c->wmask = calloc(nc, sizeof(uint64_t))))
		return ns_err_set(err, -ENOMEM, "out of memory planning");
	for (size_t w = 0; w < fp->nwards && w < HM_PLAN_MAX_WARDS; w++) {
		if (!o->wards[w])
			continue;
		if (hm_ward_cells(fp, (int)w, &m->grid, &in))
			return ns_err_set(err, -ENOMEM, "out of memory planning");
		for (size_t i = 0; i < nc; i++)
			if (in[i] && (m->verdict[i] == HM_V_PASS || m->verdict[i] == HM_V_FAIL))
				c->wmask[i] |= 1ull << c->nw;
		free(in);
		in = NULL;
		c->p->wards[c->nw].ward = (int)w;
		c->nw++;
	}
	c->p->nwards = c->nw;
	if (!c->nw)
		return ns_err_set(err, -ENOENT, "no ward to plan for");
	return 0;
}

/* Today's figures of the failing cells, and the wards' counts. */
static int plan_failing(const struct hm_map *m, struct plan_ctx *c, struct ns_err *err)
{
	size_t nc = hm_grid_ncells(&m->grid), n = 0;
	double a = m->grid.cell_m * m->grid.cell_m;

	for (size_t i = 0; i < nc; i++)
		n += c->wmask[i] && m->verdict[i] == HM_V_FAIL;
	c->cells = calloc(n + 1, sizeof(*c->cells));
	if (!c->cells)
		return ns_err_set(err, -ENOMEM, "out of memory planning");
	for (size_t i = 0; i < nc; i++) {
		if (!c->wmask[i])
			continue;
		for (int w = 0; w < c->nw; w++) {
			if (!(c->wmask[i] >> w & 1))
				continue;
			c->total[w]++;
			c->p->wards[w].judged_m2 += a;
			if (m->verdict[i] == HM_V_PASS) {
				c->pass0[w]++;
				c->p->wards[w].before_pass_m2 += a;
			}
		}
		if (m->verdict[i] == HM_V_FAIL)
			plan_cell_init(m, c, i, &c->cells[c->ncells++]);
	}
	for (int w = 0; w < c->nw; w++)
		c->goal[w] = (long)ceil(c->target * c->total[w] - 1e-9);
	return 0;
}

void plan_field(const struct plan_ctx *c, const struct hm_walls *walls, double x, double y,
		double p1, double n, float *loss, float *out)
{
	const struct hm_grid *g = &c->m->grid;
	double h2 = c->p->height_m * c->p->height_m;

	memset(loss, 0, hm_grid_ncells(g) * sizeof(float));
	hm_walls_shadow(walls, g, x, y, 0, 0, g->nx, g->ny, c->p->band, loss);
	for (size_t f = 0; f < c->ncells; f++) {
		size_t i = c->cells[f].cell;
		struct fp_point q = hm_grid_center(g, (int)(i % (size_t)g->nx),
						   (int)(i / (size_t)g->nx));
		double d = hypot(q.x - x, q.y - y);

		out[f] = (float)(p1 - 10 * n * log10(sqrt(d * d + h2)) - loss[i]);
	}
}

/* Each candidate's signal at the failing cells. */
static int plan_fields(const struct hm_map *m, const struct hm_walls *walls, struct plan_ctx *c,
		       struct ns_err *err)
{
	float *loss = malloc(hm_grid_ncells(&m->grid) * sizeof(float));

	c->sig = malloc((c->p->ncands * c->ncells + 1) * sizeof(float));
	if (!loss || !c->sig) {
		free(loss);
		return ns_err_set(err, -ENOMEM, "out of memory planning");
	}
	for (size_t j = 0; j < c->p->ncands; j++)
		plan_field(c, walls, c->p->cands[j].x, c->p->cands[j].y, c->p->p1_dbm, c->p->n, loss,
			   c->sig + j * c->ncells);
	free(loss);
	return 0;
}

bool plan_ap_here(const struct hm_map *m, int ap)
{
	const char *lvl;

	if (ap < 0 || (size_t)ap >= m->naps)
		return false;
	lvl = m->aps[ap].level;
	return !lvl[0] || !m->fp || strcmp(lvl, m->fp->name) == 0;
}

/* Which candidates lie closer than the spacing to an existing AP (a fitted radio's place). */
static int plan_near(const struct hm_map *m, struct plan_ctx *c, struct ns_err *err)
{
	struct hm_plan *p = c->p;

	if (!(c->near = calloc(p->ncands + 1, 1)))
		return ns_err_set(err, -ENOMEM, "out of memory planning");
	if (!(p->min_spacing_m > 0))
		return 0;
	for (size_t j = 0; j < p->ncands; j++) {
		for (size_t r = 0; r < m->nradios && !c->near[j]; r++) {
			const struct hm_model *f = &m->fits[r];

			if (plan_ap_here(m, f->ap) && f->nbins > 0 && isfinite(f->x) &&
			    hypot(f->x - p->cands[j].x, f->y - p->cands[j].y) < p->min_spacing_m)
				c->near[j] = 1;
		}
		p->spaced_out += c->near[j];
	}
	return 0;
}

static void plan_ctx_release(struct plan_ctx *c)
{
	free(c->near);
	free(c->wmask);
	free(c->cells);
	free(c->sig);
}

/* Search, improve, compare with the optimum, and name the proposals. */
static void plan_search(struct plan_ctx *c, const struct hm_plan_opts *o)
{
	struct hm_plan *p = c->p;
	int set[HM_PLAN_MAX_APS];
	int n = plan_greedy(c, set, o->max_aps);

	p->greedy_naps = n;
	n = plan_improve(c, set, n, &p->swaps, &p->removals);
	p->met = plan_meets(c, set, n);
	plan_optimum(c, o, p->met ? n : o->max_aps);
	for (int k = 0; k < n; k++) {
		const struct hm_plan_cand *cd = &p->cands[set[k]];
		struct hm_plan_ap *a = &p->aps[k];

		*a = (struct hm_plan_ap){ .x = cd->x, .y = cd->y, .cand = set[k], .ward = cd->ward,
					  .interference_dbm = -INFINITY };
		a->tx_dbm = p->p1_dbm - PLAN_ANTENNA_DBI + fspl_1m(p->band);
		snprintf(a->name, sizeof(a->name), "PROP-%02d", k + 1);
	}
	p->naps = n;
	plan_counts(c, set, n, c->count);
	for (int w = 0; w < c->nw; w++) {
		double a = c->cell_m2;

		p->wards[w].after_pass_m2 = (double)(c->pass0[w] + c->count[w]) * a;
		p->wards[w].met = c->pass0[w] + c->count[w] >= c->goal[w];
	}
}

int hm_plan_run(const struct hm_map *before, const struct floorplan *fp,
		const struct hm_plan_opts *o, struct hm_plan *out, struct ns_err *err)
{
	struct plan_ctx c = { 0 };
	struct hm_walls walls = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	out->optimum_naps = -1;
	if (!before->verdict || !before->has_profile)
		return ns_err_set(err, -EINVAL, "planning needs a map judged by a profile");
	out->sigma_db = plan_sigma(before);
	out->k = o->k;
	out->margin_db = o->k * out->sigma_db;
	out->band = o->band;
	out->min_spacing_m = o->min_spacing_m > 0 ? o->min_spacing_m : 0;
	out->keep_channels = o->keep_channels;
	plan_model(before, o, out);
	c.p = out;
	c.m = before;
	c.target = o->target_pct / 100;
	c.cell_m2 = before->grid.cell_m * before->grid.cell_m;
	if ((rc = plan_cells(before, fp, o, &c, err)) || (rc = plan_failing(before, &c, err)) ||
	    (rc = plan_walls(before, fp, o->band, &walls, err)) ||
	    (rc = plan_candidates(before, fp, o, out, err)) || (rc = plan_near(before, &c, err)) ||
	    (rc = plan_fields(before, &walls, &c, err)))
		goto out;
	plan_search(&c, o);
	if ((rc = plan_power(&c, &walls, o)) || (rc = plan_after(&c, &walls)))
		ns_err_set(err, rc, "out of memory planning");
out:
	hm_walls_release(&walls);
	plan_ctx_release(&c);
	if (rc)
		hm_plan_release(out);
	return rc;
}
