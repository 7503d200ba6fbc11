/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan_search.c — judging a failing cell with new APs, and choosing them:
 * greedy, an improvement pass (remove, swap), the exhaustive optimum (plan.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/plan_priv.h"

static float or_none(const float *a, size_t i)
{
	return a && isfinite(a[i]) ? a[i] : -INFINITY;
}

static float or_nan(const float *a, size_t i)
{
	return a ? a[i] : NAN;
}

/* Whether a new AP can change @metric in this model. */
static bool changeable(enum hm_metric metric)
{
	return metric == HM_M_PRIMARY || metric == HM_M_SECONDARY || metric == HM_M_SNR ||
	       metric == HM_M_APS || metric == HM_M_COCHANNEL;
}

void plan_cell_init(const struct hm_map *m, const struct plan_ctx *c, size_t i,
		    struct plan_cell *out)
{
	*out = (struct plan_cell){ .cell = i, .wmask = c->wmask[i], .failed = m->failed[i],
				   .fixable = true };
	out->p = or_none(m->m[HM_M_PRIMARY], i);
	out->s = or_none(m->m[HM_M_SECONDARY], i);
	out->snr = or_nan(m->m[HM_M_SNR], i);
	out->coch = or_nan(m->m[HM_M_COCHANNEL], i);
	out->aps = or_nan(m->m[HM_M_APS], i);
	for (int k = 0; k < m->profile.nrules; k++)
		if ((out->failed >> k & 1) && !changeable(m->profile.rules[k].metric))
			out->fixable = false;
}

/* A rule on a value with the margin: a min rule must clear by @margin, a max rule likewise. */
static bool clears(const struct hm_rule *r, double v, double margin)
{
	struct hm_rule q = *r;

	if (!isfinite(v))
		return false;
	q.threshold += r->is_max ? -margin : margin;
	return hm_rule_check(&q, (float)v) == 1;
}

bool plan_cell_pass(const struct plan_ctx *c, const struct plan_cell *pc, float a1, float a2,
		    int cnt)
{
	const struct hm_profile *pr = &c->m->profile;
	double mg = c->p->margin_db;
	float top[4] = { pc->p, pc->s, a1, a2 }, p1 = -INFINITY, p2 = -INFINITY;

	if (!pc->fixable)
		return false;
	for (int k = 0; k < 4; k++) {
		if (top[k] > p1) {
			p2 = p1;
			p1 = top[k];
		} else if (top[k] > p2) {
			p2 = top[k];
		}
	}
	double rise = isfinite(pc->p) ? p1 - pc->p : 0;

	for (int k = 0; k < pr->nrules; k++) {
		const struct hm_rule *r = &pr->rules[k];

		if (!(pc->failed >> k & 1))
			continue; /* passing (or not measured) today; new APs only add */
		switch (r->metric) {
		case HM_M_PRIMARY:
			if (!clears(r, p1, mg))
				return false;
			break;
		case HM_M_SECONDARY:
			if (!clears(r, p2, mg))
				return false;
			break;
		case HM_M_SNR:
			if (!isfinite(pc->p) || !clears(r, pc->snr + rise, mg))
				return false;
			break;
		case HM_M_COCHANNEL:
			if (!isfinite(pc->p) || !clears(r, pc->coch - rise, mg))
				return false;
			break;
		case HM_M_APS:
			if (!clears(r, (isfinite(pc->aps) ? pc->aps : 0) + cnt, 0))
				return false;
			break;
		default:
			return false;
		}
	}
	return true;
}

/* The AP-count level of the profile (its aps rule's, else −75), plus the margin. */
double plan_count_level(const struct plan_ctx *c)
{
	const struct hm_profile *pr = &c->m->profile;

	for (int k = 0; k < pr->nrules; k++)
		if (pr->rules[k].metric == HM_M_APS && isfinite(pr->rules[k].level_dbm))
			return pr->rules[k].level_dbm + c->p->margin_db;
	return -75 + c->p->margin_db;
}

/* New APs' two strongest and count at cell @f over @set. */
static void cell_state(const struct plan_ctx *c, size_t f, const int *set, int n, double lvl,
		       float *a1, float *a2, int *cnt)
{
	*a1 = *a2 = -INFINITY;
	*cnt = 0;
	for (int k = 0; k < n; k++) {
		float v = c->sig[(size_t)set[k] * c->ncells + f];

		if (v > *a1) {
			*a2 = *a1;
			*a1 = v;
		} else if (v > *a2) {
			*a2 = v;
		}
		*cnt += v >= lvl;
	}
}

void plan_counts(struct plan_ctx *c, const int *set, int n, long *count)
{
	double lvl = plan_count_level(c);

	memset(count, 0, sizeof(long) * HM_PLAN_MAX_WARDS);
	for (size_t f = 0; f < c->ncells; f++) {
		const struct plan_cell *pc = &c->cells[f];
		float a1, a2;
		int cnt;

		if (!pc->fixable)
			continue;
		cell_state(c, f, set, n, lvl, &a1, &a2, &cnt);
		if (!plan_cell_pass(c, pc, a1, a2, cnt))
			continue;
		for (int w = 0; w < c->nw; w++)
			count[w] += pc->wmask >> w & 1;
	}
}

static struct plan_score score_of(const struct plan_ctx *c, const long *count)
{
	struct plan_score s = { 0, 0 };

	for (int w = 0; w < c->nw; w++) {
		long have = c->pass0[w] + count[w];

		s.capped += have < c->goal[w] ? have : c->goal[w];
		s.total += count[w];
	}
	return s;
}

static struct plan_score score_set(struct plan_ctx *c, const int *set, int n)
{
	long count[HM_PLAN_MAX_WARDS];

	plan_counts(c, set, n, count);
	return score_of(c, count);
}

static bool better(struct plan_score a, struct plan_score b)
{
	return a.capped > b.capped || (a.capped == b.capped && a.total > b.total);
}

static bool goals_met(const struct plan_ctx *c, struct plan_score s)
{
	long want = 0;

	for (int w = 0; w < c->nw; w++)
		want += c->goal[w];
	return s.capped >= want;
}

bool plan_meets(struct plan_ctx *c, const int *set, int n)
{
	return goals_met(c, score_set(c, set, n));
}

static bool in_set(const int *set, int n, int j)
{
	for (int k = 0; k < n; k++)
		if (set[k] == j)
			return true;
	return false;
}

bool plan_spaced(const struct plan_ctx *c, const int *set, int n, int j, int skip)
{
	const struct hm_plan_cand *a = &c->p->cands[j];
	double d = c->p->min_spacing_m;

	if (c->near && c->near[j])
		return false;
	if (!(d > 0))
		return true;
	for (int k = 0; k < n; k++) {
		const struct hm_plan_cand *b = &c->p->cands[set[k]];

		if (k != skip && set[k] != j && hypot(a->x - b->x, a->y - b->y) < d)
			return false;
	}
	return true;
}

/* Whether every member of @set keeps the spacing from the others (and the existing APs). */
static bool set_spaced(const struct plan_ctx *c, const int *set, int n)
{
	for (int k = 0; k < n; k++)
		if (!plan_spaced(c, set, k, set[k], -1))
			return false;
	return true;
}

/* Per failing cell, the current set's two strongest and count (greedy's state). */
struct gstate {
	float *a1, *a2;
	int *cnt;
};

/* The score of the state with candidate @j added, in O(cells). */
static struct plan_score score_add(struct plan_ctx *c, const struct gstate *g, int j, double lvl)
{
	long count[HM_PLAN_MAX_WARDS] = { 0 };
	const float *sig = c->sig + (size_t)j * c->ncells;

	for (size_t f = 0; f < c->ncells; f++) {
		const struct plan_cell *pc = &c->cells[f];
		float v = sig[f], a1 = g->a1[f], a2 = g->a2[f];

		if (!pc->fixable)
			continue;
		if (v > a1) {
			a2 = a1;
			a1 = v;
		} else if (v > a2) {
			a2 = v;
		}
		if (!plan_cell_pass(c, pc, a1, a2, g->cnt[f] + (v >= lvl)))
			continue;
		for (int w = 0; w < c->nw; w++)
			count[w] += pc->wmask >> w & 1;
	}
	return score_of(c, count);
}

static void state_add(struct plan_ctx *c, struct gstate *g, int j, double lvl)
{
	const float *sig = c->sig + (size_t)j * c->ncells;

	for (size_t f = 0; f < c->ncells; f++) {
		float v = sig[f];

		if (v > g->a1[f]) {
			g->a2[f] = g->a1[f];
			g->a1[f] = v;
		} else if (v > g->a2[f]) {
			g->a2[f] = v;
		}
		g->cnt[f] += v >= lvl;
	}
}

int plan_greedy(struct plan_ctx *c, int *set, int max)
{
	struct plan_score cur = score_set(c, set, 0);
	struct gstate g = { malloc((c->ncells + 1) * sizeof(float)),
			    malloc((c->ncells + 1) * sizeof(float)),
			    calloc(c->ncells + 1, sizeof(int)) };
	double lvl = plan_count_level(c);
	int n = 0;

	if (max > HM_PLAN_MAX_APS)
		max = HM_PLAN_MAX_APS;
	for (size_t f = 0; g.a1 && g.a2 && f < c->ncells; f++)
		g.a1[f] = g.a2[f] = -INFINITY;
	while (g.a1 && g.a2 && g.cnt && n < max && !goals_met(c, cur)) {
		struct plan_score best = cur;
		int bj = -1;

		for (size_t j = 0; j < c->p->ncands; j++) {
			if (in_set(set, n, (int)j) || !plan_spaced(c, set, n, (int)j, -1))
				continue;
			struct plan_score s = score_add(c, &g, (int)j, lvl);

			if (s.capped > best.capped || (s.capped == best.capped && bj >= 0 &&
						       s.total > best.total)) {
				best = s;
				bj = (int)j;
			}
		}
		if (bj < 0 || best.capped <= cur.capped)
			break; /* nothing helps any more */
		set[n++] = bj;
		state_add(c, &g, bj, lvl);
		cur = best;
	}
	free(g.a1);
	free(g.a2);
	free(g.cnt);
	return n;
}

/* Drop every AP whose removal loses no progress. */
static int remove_unneeded(struct plan_ctx *c, int *set, int n, int *removals)
{
	struct plan_score cur = score_set(c, set, n);

	for (int k = n - 1; k >= 0 && n > 0; k--) {
		int t[HM_PLAN_MAX_APS], m = 0;

		for (int q = 0; q < n; q++)
			if (q != k)
				t[m++] = set[q];
		if (score_set(c, t, m).capped >= cur.capped) {
			memcpy(set, t, sizeof(int) * (size_t)m);
			n = m;
			(*removals)++;
		}
	}
	return n;
}

int plan_improve(struct plan_ctx *c, int *set, int n, int *swaps, int *removals)
{
	n = remove_unneeded(c, set, n, removals);
	for (int round = 0; round < 3; round++) {
		struct plan_score cur = score_set(c, set, n);
		bool moved = false;

		for (int k = 0; k < n; k++) {
			int keep = set[k];

			for (size_t j = 0; j < c->p->ncands; j++) {
				if (in_set(set, n, (int)j) || !plan_spaced(c, set, n, (int)j, k))
					continue;
				set[k] = (int)j;
				struct plan_score s = score_set(c, set, n);

				if (better(s, cur)) {
					cur = s;
					keep = (int)j;
					moved = true;
					(*swaps)++;
				}
			}
			set[k] = keep;
		}
		n = remove_unneeded(c, set, n, removals);
		if (!moved)
			break;
	}
	return n;
}

/* Every subset of size @s of the candidates, in order: does any meet the goals? */
static bool any_subset(struct plan_ctx *c, int s, long *looked)
{
	int idx[HM_PLAN_MAX_APS];
	int n = (int)c->p->ncands;

	for (int k = 0; k < s; k++)
		idx[k] = k;
	for (;;) {
		(*looked)++;
		if (set_spaced(c, idx, s) && plan_meets(c, idx, s))
			return true;
		int k = s - 1;

		while (k >= 0 && idx[k] == n - s + k)
			k--;
		if (k < 0)
			return false;
		idx[k]++;
		for (int q = k + 1; q < s; q++)
			idx[q] = idx[q - 1] + 1;
	}
}

static double choose(size_t n, int k)
{
	double r = 1;

	for (int i = 0; i < k; i++)
		r = r * (double)(n - (size_t)i) / (i + 1);
	return r;
}

void plan_optimum(struct plan_ctx *c, const struct hm_plan_opts *o, int bound)
{
	struct hm_plan *p = c->p;
	double cost = 0;

	p->optimum_run = false;
	p->optimum_naps = -1;
	if (bound > HM_PLAN_MAX_APS)
		bound = HM_PLAN_MAX_APS;
	for (int s = 1; s <= bound; s++)
		cost += choose(p->ncands, s) * s * (double)(c->ncells + 1);
	if (cost > (double)o->exhaustive_budget)
		return;
	p->optimum_run = true;
	if (plan_meets(c, NULL, 0)) {
		p->optimum_naps = 0;
		return;
	}
	for (int s = 1; s <= bound; s++) {
		if ((size_t)s > p->ncands)
			break;
		if (any_subset(c, s, &p->optimum_subsets)) {
			p->optimum_naps = s;
			return;
		}
	}
}
