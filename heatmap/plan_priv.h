/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan_priv.h — what the planner's files share (private to heatmap/plan*.c):
 * plan.c the model and the pipeline, plan_search.c judging a cell with new
 * APs, greedy, improvement and the exhaustive optimum, plan_cand.c the
 * candidate places and the user's list, plan_apply.c channels and the
 * predicted after-map.
 */
#ifndef NOTSPOT_HEATMAP_PLAN_PRIV_H
#define NOTSPOT_HEATMAP_PLAN_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heatmap/plan.h"
#include "heatmap/walls.h"

/* A new AP's antenna gain over isotropic, dBi (transmit power → P1). */
#define PLAN_ANTENNA_DBI 4.0

/* A cell that fails today, with today's figures (NAN: none). */
struct plan_cell {
	size_t cell;            /* index into the map's grid */
	uint64_t wmask;         /* the chosen wards it lies in (bit per hm_plan.wards) */
	float p, s;             /* primary, secondary, dBm (-INFINITY: none) */
	float snr, coch, aps;   /* SNR dB, co-channel dB, AP count (NAN: not measured) */
	uint32_t failed;        /* the rules it fails today */
	bool fixable;           /* it fails only rules a new AP can change */
};

struct plan_ctx {
	struct hm_plan *p;
	const struct hm_map *m;
	uint64_t *wmask;        /* per grid cell, the chosen wards holding it */
	struct plan_cell *cells;
	size_t ncells;
	float *sig;             /* ncands × ncells: each candidate's signal at each cell, dBm */
	int nw;
	long total[HM_PLAN_MAX_WARDS], pass0[HM_PLAN_MAX_WARDS], goal[HM_PLAN_MAX_WARDS];
	long count[HM_PLAN_MAX_WARDS]; /* scratch: cells fixed per ward */
	double target, cell_m2;
	uint8_t *near;          /* per candidate: 1 when closer than the spacing to an existing AP */
};

/* What a set of APs achieves: progress towards the goals (capped), then all fixed. */
struct plan_score {
	long capped, total;
};

void plan_cell_init(const struct hm_map *m, const struct plan_ctx *c, size_t i,
		    struct plan_cell *out);
/* plan_cell_pass() - whether @pc passes with new APs' two strongest @a1 ≥ @a2 and
 * @cnt of them heard at the AP-count level + margin. */
bool plan_cell_pass(const struct plan_ctx *c, const struct plan_cell *pc, float a1, float a2,
		    int cnt);
/* plan_count_level() - a new AP counts for the AP-count rule at this level (+ margin), dBm. */
double plan_count_level(const struct plan_ctx *c);
void plan_counts(struct plan_ctx *c, const int *set, int n, long *count);
bool plan_meets(struct plan_ctx *c, const int *set, int n);
/* plan_spaced() - whether candidate @j keeps the spacing from the existing APs
 * and from @set's members other than index @skip (-1: none skipped). */
bool plan_spaced(const struct plan_ctx *c, const int *set, int n, int j, int skip);
int plan_greedy(struct plan_ctx *c, int *set, int max);
int plan_improve(struct plan_ctx *c, int *set, int n, int *swaps, int *removals);
void plan_optimum(struct plan_ctx *c, const struct hm_plan_opts *o, int bound);
int plan_candidates(const struct hm_map *m, const struct floorplan *fp,
		    const struct hm_plan_opts *o, struct hm_plan *p, struct ns_err *err);
/* plan_power() - the best single power raise of an existing AP into @c->p. */
int plan_power(struct plan_ctx *c, const struct hm_walls *walls, const struct hm_plan_opts *o);
/* plan_ap_here() - whether fitted AP @ap stands on @m's own level (not heard through a slab). */
bool plan_ap_here(const struct hm_map *m, int ap);
/* plan_field() - a model's signal at the failing cells into @out (ncells). */
void plan_field(const struct plan_ctx *c, const struct hm_walls *walls, double x, double y,
		double p1, double n, float *loss, float *out);
/* plan_after() - the after-map's metrics and verdicts over the whole grid into @c->p. */
int plan_after(struct plan_ctx *c, const struct hm_walls *walls);

#endif
