/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan_apply.c — the proposal's channels and the predicted after-map (plan.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/plan_priv.h"

/* The proposals' fields over the whole grid: naps × ncells floats. */
static float *after_fields(const struct plan_ctx *c, const struct hm_walls *walls)
{
	const struct hm_plan *p = c->p;
	const struct hm_grid *g = &c->m->grid;
	size_t nc = hm_grid_ncells(g);
	float *f = calloc((size_t)p->naps * nc + 1, sizeof(float));

	for (int k = 0; f && k < p->naps; k++) {
		float *row = f + (size_t)k * nc;

		hm_walls_shadow(walls, g, p->aps[k].x, p->aps[k].y, 0, 0, g->nx, g->ny, p->band,
				row);
		for (size_t i = 0; i < nc; i++) {
			struct fp_point q = hm_grid_center(g, (int)(i % (size_t)g->nx),
							   (int)(i / (size_t)g->nx));
			double d = hypot(q.x - p->aps[k].x, q.y - p->aps[k].y);

			row[i] = (float)(p->p1_dbm -
					 10 * p->n * log10(sqrt(d * d + p->height_m * p->height_m)) -
					 row[i]);
		}
	}
	return f;
}

/* One cell's metrics and verdict with the proposals' signals @v (naps of them). */
static void after_cell(struct plan_ctx *c, size_t i, const float *v, int n, double lvl_margin,
		       double lvl)
{
	struct hm_plan *p = c->p;
	const struct hm_map *m = c->m;
	struct plan_cell pc;
	float a1 = -INFINITY, a2 = -INFINITY;
	int cnt = 0, heard = 0;

	plan_cell_init(m, c, i, &pc);
	for (int k = 0; k < n; k++) {
		if (v[k] > a1) {
			a2 = a1;
			a1 = v[k];
		} else if (v[k] > a2) {
			a2 = v[k];
		}
		cnt += v[k] >= lvl_margin;
		heard += v[k] >= lvl;
	}
	float top[4] = { pc.p, pc.s, a1, a2 }, p1 = -INFINITY, p2 = -INFINITY;

	for (int k = 0; k < 4; k++) {
		if (top[k] > p1) {
			p2 = p1;
			p1 = top[k];
		} else if (top[k] > p2) {
			p2 = top[k];
		}
	}
	float rise = isfinite(pc.p) ? p1 - pc.p : 0;

	if (p->after[HM_M_PRIMARY] && isfinite(p1))
		p->after[HM_M_PRIMARY][i] = p1;
	if (p->after[HM_M_SECONDARY] && isfinite(p2))
		p->after[HM_M_SECONDARY][i] = p2;
	if (p->after[HM_M_SNR] && isfinite(pc.snr))
		p->after[HM_M_SNR][i] = pc.snr + rise;
	if (p->after[HM_M_COCHANNEL] && isfinite(pc.coch))
		p->after[HM_M_COCHANNEL][i] = pc.coch - rise;
	if (p->after[HM_M_APS])
		p->after[HM_M_APS][i] = (isfinite(pc.aps) ? pc.aps : 0) + (float)heard;
	if (m->verdict[i] == HM_V_FAIL && plan_cell_pass(c, &pc, a1, a2, cnt)) {
		p->verdict[i] = HM_V_PASS;
		p->failed[i] = 0;
	}
}

int plan_after(struct plan_ctx *c, const struct hm_walls *walls)
{
	struct hm_plan *p = c->p;
	const struct hm_map *m = c->m;
	size_t nc = hm_grid_ncells(&m->grid);
	float *f = after_fields(c, walls), v[HM_PLAN_MAX_APS];
	double lvl_margin = plan_count_level(c), lvl = lvl_margin - p->margin_db;

	p->verdict = malloc(nc);
	p->failed = malloc(nc * sizeof(uint32_t));
	if (!f || !p->verdict || !p->failed)
		goto nomem;
	memcpy(p->verdict, m->verdict, nc);
	memcpy(p->failed, m->failed, nc * sizeof(uint32_t));
	for (int k = 0; k < HM_NMETRICS; k++) {
		if (!m->m[k])
			continue;
		if (!(p->after[k] = malloc(nc * sizeof(float))))
			goto nomem;
		memcpy(p->after[k], m->m[k], nc * sizeof(float));
	}
	for (size_t i = 0; i < nc; i++) {
		if (m->verdict[i] != HM_V_PASS && m->verdict[i] != HM_V_FAIL)
			continue;
		for (int k = 0; k < p->naps; k++)
			v[k] = f[(size_t)k * nc + i];
		after_cell(c, i, v, p->naps, lvl_margin, lvl);
	}
	free(f);
	return 0;
nomem:
	free(f);
	return -ENOMEM;
}

int hm_plan_apply(const struct hm_plan *p, const struct floorplan *fp, struct hm_map *m,
		  struct ns_err *err)
{
	size_t nc = hm_grid_ncells(&m->grid);
	const struct hm_rule *r0 = &m->profile.rules[0];
	int rc;

	if (!p->verdict || !m->verdict)
		return ns_err_set(err, -EINVAL, "no plan to apply");
	for (int k = 0; k < HM_NMETRICS; k++)
		if (m->m[k] && p->after[k])
			memcpy(m->m[k], p->after[k], nc * sizeof(float));
	memcpy(m->verdict, p->verdict, nc);
	memcpy(m->failed, p->failed, nc * sizeof(uint32_t));
	hm_notspots_release(&m->notspots);
	rc = hm_notspots_find(&m->grid, m->verdict, m->failed, m->m[r0->metric],
			      hm_metric_info(r0->metric)->higher_better, fp, m->ward_of,
			      m->opts.min_notspot_m2, &m->notspots, err);
	if (!rc)
		hm_notspots_attribute(&m->notspots, &m->grid, &m->profile, m->m, m->failed);
	return rc;
}

/* ---- channels -------------------------------------------------------------- */

static const int ch24[] = { 1, 6, 11 };
static const int ch5[] = { 36, 40, 44, 48, 149, 153, 157, 161, 165 };
static const int ch5dfs[] = { 52, 56, 60, 64, 100, 104, 108, 112, 116, 120, 124, 128, 132, 136, 140 };
static const int ch6psc[] = { 5, 21, 37, 53, 69, 85, 101, 117, 133, 149, 165, 181, 197, 213, 229 };

/*
 * Whether channels @a and @b share air: equal, or at 5 GHz in one 40 MHz
 * block (36/40, 44/48, … 149/153, 157/161): the samples do not keep a
 * neighbour's width, and hospital 5 GHz networks often bond two channels.
 */
static bool same_air(int band, int a, int b)
{
	if (a == b)
		return true;
	if (band != FP_BAND_5G || a < 36 || b < 36)
		return false;
	int ba = a >= 149 ? 100 + (a - 149) / 8 : (a - 36) / 8;
	int bb = b >= 149 ? 100 + (b - 149) / 8 : (b - 36) / 8;

	return ba == bb;
}

/* Radio @r's channel: @chan's (the changes so far) or the survey's. */
static int chan_of(const struct hm_set *set, const int *chan, size_t r)
{
	return chan ? chan[r] : set->radios[r].channel;
}

/*
 * The strongest AP on @ch heard at @at, dBm (-INFINITY: none): the survey's
 * fitted radios of the band on their channels (@chan, or the survey's when
 * NULL) except those of fitted AP @skip_ap, and the first @nprop proposals.
 */
static double heard_at(const struct hm_plan *p, struct fp_point at, int ch, const struct hm_map *m,
		       const struct hm_set *set, const int *chan, int skip_ap, int nprop)
{
	double best = -INFINITY;

	for (size_t r = 0; r < set->nradios && r < m->nradios; r++) {
		const struct hm_model *f = &m->fits[r];

		if ((int)set->radios[r].band != p->band ||
		    !same_air(p->band, chan_of(set, chan, r), ch) || f->ap < 0 || f->ap == skip_ap ||
		    !isfinite(f->p1_dbm))
			continue;
		double wl = fp_path_wall_loss(m->fp, (struct fp_point){ f->x, f->y }, at,
					      (enum fp_band)p->band, NULL);
		double v = hm_model_predict(f, at.x, at.y, wl);

		best = v > best ? v : best;
	}
	for (int q = 0; q < nprop; q++) {
		if (!same_air(p->band, p->aps[q].channel, ch))
			continue;
		struct hm_model nm = { .x = p->aps[q].x, .y = p->aps[q].y, .p1_dbm = p->p1_dbm,
				       .n = p->n, .height_m = p->height_m };
		double wl = fp_path_wall_loss(m->fp, (struct fp_point){ nm.x, nm.y }, at,
					      (enum fp_band)p->band, NULL);
		double v = hm_model_predict(&nm, at.x, at.y, wl);

		best = v > best ? v : best;
	}
	return best;
}

/* The strongest AP already on @ch at proposal @k's place (the proposals before it count). */
static double heard_on(const struct hm_plan *p, int k, int ch, const struct hm_map *m,
		       const struct hm_set *set)
{
	return heard_at(p, (struct fp_point){ p->aps[k].x, p->aps[k].y }, ch, m, set, NULL, -1, k);
}

/* The clearest channel of @list for proposal @k: its index, and its level in *@lvl. */
static int clearest(const struct hm_plan *p, int k, const int *list, size_t n,
		    const struct hm_map *m, const struct hm_set *set, double *lvl)
{
	int best = -1;

	*lvl = INFINITY;
	for (size_t i = 0; i < n; i++) {
		double v = heard_on(p, k, list[i], m, set);

		if (v < *lvl) {
			*lvl = v;
			best = (int)i;
		}
	}
	return best;
}

/* The band's non-DFS list (the changes stay off DFS: a radar hit would move them). */
static const int *band_list(int band, size_t *n)
{
	if (band == FP_BAND_2G4) {
		*n = sizeof(ch24) / sizeof(int);
		return ch24;
	}
	if (band == FP_BAND_6G) {
		*n = sizeof(ch6psc) / sizeof(int);
		return ch6psc;
	}
	*n = sizeof(ch5) / sizeof(int);
	return ch5;
}

/* Existing radio @r's worst case now and its best move: the channel in *@to, levels out. */
static void rechannel_one(const struct hm_plan *p, const struct hm_map *m,
			  const struct hm_set *set, const int *chan, size_t r, int *to,
			  double *now, double *then)
{
	const struct hm_model *f = &m->fits[r];
	struct fp_point at = { f->x, f->y };
	size_t n;
	const int *list = band_list(p->band, &n);

	*now = heard_at(p, at, chan[r], m, set, chan, f->ap, p->naps);
	*to = chan[r];
	*then = *now;
	for (size_t i = 0; i < n; i++) {
		double v = heard_at(p, at, list[i], m, set, chan, f->ap, p->naps);

		if (v < *then) {
			*then = v;
			*to = list[i];
		}
	}
}

/* Propose new channels for existing radios hearing co-channel APs (hm_plan_channels()). */
static void plan_rechannel(struct hm_plan *p, const struct hm_map *m, const struct hm_set *set)
{
	int *chan = malloc((set->nradios + 1) * sizeof(int));
	bool *done = calloc(set->nradios + 1, sizeof(bool));

	p->nchanges = 0;
	for (size_t r = 0; chan && r < set->nradios; r++)
		chan[r] = set->radios[r].channel;
	while (chan && done && p->nchanges < HM_PLAN_MAX_CHANGES) {
		double worst = HM_PLAN_COCH_DBM, now, then;
		long wr = -1;
		int to;

		for (size_t r = 0; r < set->nradios && r < m->nradios; r++) {
			const struct hm_model *f = &m->fits[r];

			if (done[r] || (int)set->radios[r].band != p->band ||
			    !plan_ap_here(m, f->ap) || !isfinite(f->p1_dbm))
				continue;
			now = heard_at(p, (struct fp_point){ f->x, f->y }, chan[r], m, set, chan,
				       f->ap, p->naps);
			if (now > worst) {
				worst = now;
				wr = (long)r;
			}
		}
		if (wr < 0)
			break;
		done[wr] = true;
		rechannel_one(p, m, set, chan, (size_t)wr, &to, &now, &then);
		if (!(then < now - 6))
			continue;
		struct hm_plan_rechannel *c = &p->changes[p->nchanges++];
		const struct hm_model *f = &m->fits[wr];

		*c = (struct hm_plan_rechannel){ .radio = (size_t)wr, .x = f->x, .y = f->y,
						 .from = chan[wr], .to = to, .before_dbm = now };
		snprintf(c->name, sizeof(c->name), "%s",
			 (size_t)f->ap < m->naps ? m->aps[f->ap].name : set->phys[set->radios[wr].phys].name);
		chan[wr] = to;
	}
	for (int k = 0; chan && k < p->nchanges; k++) { /* the levels with every change made */
		const struct hm_model *f = &m->fits[p->changes[k].radio];

		p->changes[k].after_dbm = heard_at(p, (struct fp_point){ f->x, f->y },
						   p->changes[k].to, m, set, chan, f->ap, p->naps);
	}
	free(chan);
	free(done);
}

void hm_plan_channels(struct hm_plan *p, const struct hm_map *before, const struct hm_set *set)
{
	for (int k = 0; k < p->naps; k++) {
		struct hm_plan_ap *a = &p->aps[k];
		double lvl, dlvl;
		int i, d;

		if (p->band == FP_BAND_2G4) {
			i = clearest(p, k, ch24, 3, before, set, &lvl);
			a->channel = ch24[i];
		} else if (p->band == FP_BAND_6G) {
			i = clearest(p, k, ch6psc, sizeof(ch6psc) / sizeof(int), before, set, &lvl);
			a->channel = ch6psc[i];
		} else {
			i = clearest(p, k, ch5, sizeof(ch5) / sizeof(int), before, set, &lvl);
			d = clearest(p, k, ch5dfs, sizeof(ch5dfs) / sizeof(int), before, set, &dlvl);
			a->channel = ch5[i];
			if (lvl > -85 && dlvl < lvl - 6) {
				a->channel = ch5dfs[d];
				a->dfs = true;
				lvl = dlvl;
			}
		}
		a->interference_dbm = lvl;
	}
	if (p->keep_channels)
		p->nchanges = 0;
	else
		plan_rechannel(p, before, set);
}
