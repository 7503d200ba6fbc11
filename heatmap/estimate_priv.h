/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate_priv.h — private to the estimator (estimate.h), split by concern:
 *   estimate.c        bins, wall-loss windows, fields, the evidence bound, threads;
 *   estimate_rooms.c  rooms flood-filled between walls, and the surveyed cells;
 *   estimate_group.c  physical APs: grouping radios, the fit pipeline, ellipses;
 *   estimate_fit.c    the place search of one physical AP (all its radios);
 *   estimate_walls.c  wall losses learned from the survey (one joint solve);
 *   estimate_krige.c  kriging of the residuals.
 */
#ifndef NOTSPOT_HEATMAP_ESTIMATE_PRIV_H
#define NOTSPOT_HEATMAP_ESTIMATE_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "heatmap/estimate.h"
#include "heatmap/walls.h"

#define WIN_FAR 255 /* window cell off the grid or beyond the window's radius */

/* A radio's readings averaged per bin (estimate.c). */
struct rbins {
	int *idx;   /* bin index */
	float *v;   /* mean dBm in the bin */
	int *cnt;   /* readings averaged in the bin */
	size_t n;
};

struct hm_est {
	const struct hm_set *set;
	const struct floorplan *fp;
	struct hm_grid g;
	struct hm_est_opts o;
	struct hm_walls walls;    /* the drawn losses */
	struct hm_walls wfit;     /* the losses learned from the survey (drawn until then) */
	struct fp_point fit_min, fit_max; /* where a transmitter may be */

	/* bins: dense map over the samples' box, then a compact list */
	double bx0, by0;
	int bnx, bny;
	int *bmap;                /* dense index → bin, -1 for empty */
	size_t nbins;
	float *binx, *biny;       /* mean position of the samples in each bin */
	int *bscans;              /* scans that worked in each bin */

	/* rooms (estimate_rooms.c) */
	int *room;                /* per grid cell, its room */
	int *broom;               /* per bin, its room (-1 off the room grid) */
	size_t nrooms;
	struct hm_grid rg;        /* the room grid: the map's grid grown over the samples */
	int *rroom;               /* per room-grid cell, its room */
	uint8_t *rwalked;         /* per room: a bin lies in it */

	/* per bin, a (2K+1)² window of wall loss (dB, rounded, WIN_FAR outside) */
	int K, W;
	int *ci, *cj;             /* window centre cell per bin */
	uint8_t *wloss;
	float *kern;              /* exp(-d/range) per window offset, 0 beyond cutoff */
	float *kdist;             /* distance per window offset, m */
	float *allow;             /* the evidence bound's allowance per window offset, dB */
	int *disc;                /* per window row: first and last offset within the reach */
	float att[256];           /* exp(-loss/wall_atten) */

	uint8_t *support;

	/* the fit (estimate_group.c), made by hm_est_new() */
	struct rbins *rb;         /* per radio */
	struct hm_model *models;  /* per radio */
	struct hm_ap_fit *aps;    /* physical APs */
	size_t naps;
	struct hm_wall_fit *mfit; /* per material of walls.mats */
	float *unit_scale;        /* per wall unit: learned loss / drawn loss */
	int fit_coarse;           /* fits use half the bins (the first round) */
};

/* ---- estimate.c ---- */

/** hme_gather() - bin the readings of radio @radio (or of @pts when radio is SIZE_MAX). */
int hme_gather(const struct hm_est *e, size_t radio, const struct hm_ptset *pts, struct rbins *r);
void hme_rbins_free(struct rbins *r);

/* ---- estimate_rooms.c ---- */

/**
 * hme_rooms() - label every cell with its room (regions 4-connected between
 * drawn walls, doors closed), every bin with its cell's room. 0 or -ENOMEM.
 */
int hme_rooms(struct hm_est *e);

/** hme_room_at() - the room at (@x, @y), -1 off the room grid. */
int hme_room_at(const struct hm_est *e, double x, double y);

/* ---- estimate_fit.c ---- */

/**
 * hme_radio_rows() - the bins radio @radio's fit uses, into @idx (bin) and @v
 * (dBm): its observed bins (strided to 400, the strongest kept), then bins
 * where scans worked but never heard it near its strongest bin (v = the
 * hearing level). *@nobs gets how many are observed; returns how many in all
 * (at most hme_radio_rows_max()). @heard: nbins bytes of scratch.
 */
size_t hme_radio_rows(const struct hm_est *e, size_t radio, int *idx, float *v, size_t *nobs,
		      uint8_t *heard);
size_t hme_radio_rows_max(const struct hm_est *e, size_t radio);

/* One physical AP being fitted: its radios and their bins. */
struct hme_group {
	size_t radios[HM_AP_MAX_RADIOS];
	int nr;
	double x, y;              /* the place found */
	double sse;               /* its sum of squares (with the n prior) */
	int nrows;                /* observed bins over its radios */
};

/**
 * hme_fit_place() - search the place of group @g (its radios' bins, censored
 * bins where scans never heard it) with the wall losses @w: a wall-less search
 * over the strong bins proposes places, the best are scored with exact wall
 * losses, the winner refined; places on a wall's line are moved off it. Sets
 * g->x, g->y, g->sse, g->nrows and each radio's model in e->models (P1, n,
 * rms). With @ell (may be NULL) the 1σ position ellipse (major, minor, angle).
 * 0 or -ENOMEM.
 */
int hme_fit_place(struct hm_est *e, const struct hm_walls *w, struct hme_group *g, double ell[3]);

/**
 * hme_fit_at() - group @g kept at its place: its sum of squares with @w, each
 * of its radios' P1 and n fitted there (into e->models), and with @ell (may
 * be NULL) the 1σ ellipse. 0 or -ENOMEM.
 */
int hme_fit_at(struct hm_est *e, const struct hm_walls *w, struct hme_group *g, double ell[3]);

/* ---- estimate_walls.c ---- */

/**
 * hme_learn_walls() - with the places of @groups fixed, fit every radio's P1
 * and n and each material's and each drawn wall's loss together (one linear
 * least squares with priors), then rebuild e->wfit, e->unit_scale and e->mfit.
 * 0 or -ENOMEM.
 */
int hme_learn_walls(struct hm_est *e, const struct hme_group *groups, size_t ngroups);

/* ---- estimate_group.c ---- */

/** hme_fit_all() - group the radios into physical APs and fit them (the pipeline). */
int hme_fit_all(struct hm_est *e);

/**
 * hme_run_workers() - run @fn(@job) on this thread and on up to
 * @threads - 1 more (at most 16 in all), and wait for them all. The worker
 * takes its items from @job itself (an atomic counter), so a thread that
 * could not be started only means fewer hands.
 */
void hme_run_workers(void *(*fn)(void *), void *job, int threads);

/* ---- estimate_krige.c ---- */

/**
 * hme_krige_weights() - the kriging weights α of the residuals @res (per bin
 * of @rb) into @alpha (may be @res). 0 or -ENOMEM.
 */
int hme_krige_weights(const struct hm_est *e, const struct rbins *rb, const float *res,
		      float *alpha);

#endif
