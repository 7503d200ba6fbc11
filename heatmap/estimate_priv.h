/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate_priv.h — private to the estimator (estimate.h), split by concern:
 * estimate.c (bins, wall-loss windows, fields, threads), estimate_fit.c (the
 * per-radio model fit) and estimate_krige.c (kriging of the residuals).
 */
#ifndef NOTSPOT_HEATMAP_ESTIMATE_PRIV_H
#define NOTSPOT_HEATMAP_ESTIMATE_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "heatmap/estimate.h"
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

/* A radio's readings averaged per bin (estimate.c). */
struct rbins {
	int *idx;   /* bin index */
	float *v;   /* mean dBm in the bin */
	int *cnt;   /* readings averaged in the bin */
	size_t n;
};

/**
 * hme_fit_model() - the path-loss model of one radio from its bins @rb
 * (rb->n ≥ 1): place, P1, n and the rms of the fit. 0 or -ENOMEM.
 */
int hme_fit_model(const struct hm_est *e, const struct rbins *rb, enum fp_band band,
		  struct hm_model *m);

/**
 * hme_krige_weights() - the kriging weights α of the residuals @res (per bin
 * of @rb) into @alpha (may be @res). 0 or -ENOMEM.
 */
int hme_krige_weights(const struct hm_est *e, const struct rbins *rb, const float *res,
		      float *alpha);

#endif
