/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan_power.c — the cheaper alternative to new APs: one existing AP's power
 * raised (plan.h). Which AP serves a cell today is not kept by the map, so
 * the AP's own model at the cell decides: within 3 dB of today's primary it
 * is taken to be the primary (which rises by the step), within 3 dB of the
 * secondary the secondary; otherwise its raised signal joins the two
 * strongest as another AP would.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/plan_priv.h"

/* Whether cell @pc passes with AP signal @fa raised by @d. */
static bool raised_pass(const struct plan_ctx *c, const struct plan_cell *pc, float fa, double d,
			double lvl_margin)
{
	struct plan_cell q = *pc;
	float up = fa + (float)d;
	int cnt = fa < lvl_margin - c->p->margin_db && up >= lvl_margin; /* newly heard, with margin */

	if (isfinite(q.p) && fabsf(fa - q.p) <= 3) {
		q.p += (float)d;
		if (isfinite(q.snr))
			q.snr += (float)d;
		if (isfinite(q.coch))
			q.coch -= (float)d;
		return plan_cell_pass(c, &q, -INFINITY, -INFINITY, cnt);
	}
	if (isfinite(q.s) && fabsf(fa - q.s) <= 3) {
		q.s += (float)d;
		return plan_cell_pass(c, &q, -INFINITY, -INFINITY, cnt);
	}
	return plan_cell_pass(c, &q, up, -INFINITY, cnt);
}

/* The strongest-fitted radio of AP @a on the plan's band, or -1. */
static int band_radio(const struct plan_ctx *c, const struct hm_plan_opts *o, size_t a)
{
	const struct hm_ap_fit *ap = &c->m->aps[a];
	int best = -1;

	for (int k = 0; k < ap->nradios; k++) {
		size_t r = ap->radios[k];

		if (r >= o->set->nradios || r >= c->m->nradios ||
		    (int)o->set->radios[r].band != c->p->band || c->m->fits[r].ap < 0 ||
		    !isfinite(c->m->fits[r].p1_dbm))
			continue;
		if (best < 0 || c->m->fits[r].nbins > c->m->fits[best].nbins)
			best = (int)r;
	}
	return best;
}

/* Progress towards the goals (capped) of @count. */
static long capped(const struct plan_ctx *c, const long *count)
{
	long s = 0;

	for (int w = 0; w < c->nw; w++) {
		long have = c->pass0[w] + count[w];

		s += have < c->goal[w] ? have : c->goal[w];
	}
	return s;
}

static void try_raise(struct plan_ctx *c, const float *fa, double d, const char *name,
		      long *best)
{
	double lvl = plan_count_level(c);
	long count[HM_PLAN_MAX_WARDS] = { 0 }, s;

	for (size_t f = 0; f < c->ncells; f++) {
		if (!c->cells[f].fixable || !raised_pass(c, &c->cells[f], fa[f], d, lvl))
			continue;
		for (int w = 0; w < c->nw; w++)
			count[w] += c->cells[f].wmask >> w & 1;
	}
	if ((s = capped(c, count)) <= *best)
		return;
	*best = s;
	snprintf(c->p->power_ap, sizeof(c->p->power_ap), "%s", name);
	c->p->power_db = d;
	c->p->power_met = true;
	for (int w = 0; w < c->nw; w++) {
		c->p->power_pass_m2[w] = (double)(c->pass0[w] + count[w]) * c->cell_m2;
		c->p->power_met &= c->pass0[w] + count[w] >= c->goal[w];
	}
}

int plan_power(struct plan_ctx *c, const struct hm_walls *walls, const struct hm_plan_opts *o)
{
	const struct hm_map *m = c->m;
	float *fa, *loss;
	long best = capped(c, (long[HM_PLAN_MAX_WARDS]){ 0 });

	c->p->power_ap[0] = 0;
	if (!o->set || !(o->power_step_db > 0))
		return 0;
	fa = malloc((c->ncells + 1) * sizeof(float));
	loss = malloc(hm_grid_ncells(&m->grid) * sizeof(float));
	if (!fa || !loss) {
		free(fa);
		free(loss);
		return -ENOMEM;
	}
	for (size_t a = 0; a < m->naps; a++) {
		int r = band_radio(c, o, a);

		if (r < 0)
			continue;
		plan_field(c, walls, m->aps[a].x, m->aps[a].y, m->fits[r].p1_dbm, m->fits[r].n, loss,
			   fa);
		for (int step = 1; step <= 2; step++)
			try_raise(c, fa, step * o->power_step_db, m->aps[a].name, &best);
	}
	free(fa);
	free(loss);
	return 0;
}
