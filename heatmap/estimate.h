/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate.h — a signal field per radio over the grid, and which cells were
 * surveyed at all.
 *
 * notspot's method (HM_METHOD_MODEL) is model-based and wall-aware:
 *  1. samples are averaged in bins (default 1 m) so a 5 Hz link poll does not
 *     outweigh a scan;
 *  2. radios are grouped into *physical APs*, which share one place: radios
 *     with one AP name in their beacons; else radios of one MAC family (the
 *     first five bytes equal) or at one place, when a joint fit at one place
 *     explains their readings about as well as two separate places (a
 *     likelihood-ratio test); the evidence is reported per AP;
 *  3. per physical AP, the place, and per radio the signal at 1 m (P1) and
 *     the path-loss exponent n, are fitted to the bins with the floor's walls:
 *        rss = P1 − 10·n·log10(√(d² + h²)) − Σ wall losses on the path
 *     (a coarse search without walls over the strong bins proposes places,
 *     the best few are scored with exact wall losses, the winner refined;
 *     bins where scans worked but never heard the radio enter as one-sided
 *     constraints, below the hearing level, which removes the censoring bias);
 *  4. wall losses are learned: with the places fixed, every radio's P1 and n,
 *     a loss factor per material and one per drawn wall or opening are one
 *     linear least squares over every path from an AP to a bin, with priors
 *     (one σ: a material within ±20 % of the drawing, a wall ±15 % of its
 *     material, a door ±60 %: open or shut; held to ±50 %, doors to 5 %); the places are searched again with the
 *     learned losses and the losses learned once more;
 *  5. the model is predicted at every cell (learned wall losses from the
 *     fitted place by shadow rasters, see walls.h);
 *  6. the residuals (bin − model) are interpolated by simple kriging with an
 *     exponential covariance (range 1.5 m, sill 4 dB, reading noise 2 dB), the
 *     cell-to-bin covariance attenuated by the walls between them; far from
 *     the samples the estimate falls back to the model;
 *  7. never above the evidence: a surveyed cell is held at or below the
 *     strongest mean reading of the radio within the reach in its room, plus
 *     what one bin's reading noise and the distance to it allow (cap_db +
 *     cap_db_per_m · d).
 * The peers' methods are there to be measured against (and for --method):
 * IDW (power 3, radius), linear RBF with the floor's corners pinned at the
 * weakest reading, Delaunay linear (see peers.h). They ignore walls.
 *
 * Support ("surveyed"): a cell is surveyed when a sample bin *in the same
 * room* lies within the reach (default 5 m) and the walls between them cost
 * at most the block figure (default 10 dB at 2.4 GHz). Rooms are the regions
 * of the grid 4-connected between the drawn walls with every door and doorway
 * closed (walls are lengthened by 0.15 m at their ends, so drawings whose
 * walls miss each other by a few centimetres still close): a room the walk
 * never entered is not surveyed because the corridor saw into it through a
 * door or a partition. Other cells are not surveyed; fields are still
 * computed there (for --predict), the map decides what to show.
 *
 * Ownership: struct hm_est keeps pointers to the set, floor and grid given to
 * hm_est_new(): they must outlive it. Fields are caller-owned float arrays of
 * hm_grid_ncells() values, dBm (NAN where a method has nothing to say).
 */
#ifndef NOTSPOT_HEATMAP_ESTIMATE_H
#define NOTSPOT_HEATMAP_ESTIMATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/grid.h"
#include "heatmap/samples.h"
#include "util/err.h"

enum hm_method {
	HM_METHOD_MODEL = 0, /* notspot: wall-aware model + residual kernel */
	HM_METHOD_IDW,       /* peers: inverse distance, power 3, radius */
	HM_METHOD_RBF,       /* peers: linear RBF, corners at the minimum */
	HM_METHOD_DELAUNAY,  /* peers: Delaunay triangulation, linear */
	HM_NMETHODS
};

/** hm_method_name() / hm_method_parse() - "model", "idw", "rbf", "delaunay". */
const char *hm_method_name(enum hm_method m);
int hm_method_parse(const char *s); /* method or -EINVAL */

struct hm_est_opts {
	double reach_m;        /* cells farther from every sample are not surveyed, m (5) */
	double block_db;       /* more wall loss than this to a sample: it does not reach, dB (10) */
	double bin_m;          /* samples averaged in bins of this side, m (1) */
	double resid_range_m;  /* residual correlation length, m (1.5; measured best of 1.5/2.5/4) */
	double resid_prior;    /* scalars (rate, RTT…): prior weight of "no value" in their kernel average (0.3) */
	double resid_sill_db;  /* residual standard deviation the kriging assumes, dB (4: shadowing) */
	double noise_db;       /* one reading's noise, dB (2) */
	double hearing_dbm;    /* a scan that did not hear a radio says it was below this, dBm (-90) */
	double wall_atten_db;  /* a residual's weight falls by e per this much wall, dB (3) */
	double height_m;       /* AP antenna height above the receiver, m (1.5) */
	double idw_power;      /* peers: IDW power (3) */
	double idw_radius_m;   /* peers: IDW search radius, m (10) */
	int threads;           /* worker threads for per-radio work (2) */
	/* Added with physical APs and learned walls: */
	double cap_db;         /* evidence bound: above the strongest reading nearby, dB (2) */
	double cap_db_per_m;   /* … and this much more per metre from it, dB/m (0.7) */
	bool learn_walls;      /* learn wall losses from the survey (true) */
	bool group_aps;        /* fit the radios of one physical AP at one place (true) */
};

void hm_est_opts_default(struct hm_est_opts *o);

/* A radio's fitted (or given) propagation model. */
struct hm_model {
	double x, y;           /* transmitter place, metres (its physical AP's) */
	double p1_dbm;         /* signal at 1 m, dBm (EIRP − path loss at 1 m) */
	double n;              /* path-loss exponent */
	double height_m;       /* antenna height above the receiver, m */
	double rms_db;         /* fit residual RMS over bins, dB */
	int nbins;             /* bins the fit used */
	int ap;                /* index into hm_est_aps(), -1 when not fitted */
};

#define HM_AP_MAX_RADIOS 6

/* Why radios were put together as one physical AP. */
enum hm_ap_evidence {
	HM_AP_BY_NAME,         /* they broadcast one AP name */
	HM_AP_BY_MAC,          /* one MAC family (first five bytes), and one place explains them */
	HM_AP_COLOCATED,       /* unrelated MACs, but one place explains their readings */
	HM_AP_ALONE,           /* a radio with no partner */
};

/** hm_ap_evidence_name() - "name", "mac", "co-located", "alone". */
const char *hm_ap_evidence_name(enum hm_ap_evidence ev);

/* A fitted physical AP: one place for all its radios. */
struct hm_ap_fit {
	char name[64];         /* the AP name, or the first radio's MAC "aa:bb:cc:dd:ee:f?" */
	double x, y;           /* fitted place, m */
	double ell_major_m;    /* 1σ position uncertainty ellipse: semi-major axis, m */
	double ell_minor_m;    /* … semi-minor axis, m */
	double ell_angle_rad;  /* … the major axis's angle from +x towards +y, rad */
	size_t radios[HM_AP_MAX_RADIOS]; /* indices into hm_set.radios */
	int nradios;
	enum hm_ap_evidence evidence;
	double rms_db;         /* fit residual RMS over its radios' bins, dB */
	int nbins;             /* bins over its radios */
	char level[64];        /* the level it stands on, when the map knows its building's
				  levels (levels.h; x, y then in this floor's frame); "" */
};

/* A wall material's loss as drawn and as learned from the survey. */
struct hm_wall_fit {
	char material[32];     /* material key (walls' and openings' kinds) */
	double drawn_db[FP_NBANDS];  /* mean drawn one-pass loss of its pieces, dB */
	double fitted_db[FP_NBANDS]; /* learned (= drawn when the survey says nothing), dB */
	int nwalls;            /* drawn walls and openings of it */
	int npaths;            /* AP-to-bin paths that cross it */
	bool learned;          /* the survey constrained it (its uncertainty halved) */
};

struct hm_est; /* opaque */

/**
 * hm_est_new() - bin the samples of @set, find the rooms and the surveyed
 * cells of @g using @fp's walls, and fit every radio (grouped into physical
 * APs) and the wall losses. @set must be finished (hm_set_finish()).
 */
int hm_est_new(const struct hm_set *set, const struct floorplan *fp, const struct hm_grid *g,
	       const struct hm_est_opts *o, struct hm_est **out, struct ns_err *err);
void hm_est_free(struct hm_est *e);

/** hm_est_support() - per cell 1 surveyed, 0 not (owned by @e). */
const uint8_t *hm_est_support(const struct hm_est *e);

/** hm_est_nbins() - how many sample bins there are. */
size_t hm_est_nbins(const struct hm_est *e);

/** hm_est_rooms() - per cell its room (see above; owned by @e), and how many rooms. */
const int *hm_est_rooms(const struct hm_est *e, size_t *nrooms);

/** hm_est_aps() - the fitted physical APs (owned by @e). */
const struct hm_ap_fit *hm_est_aps(const struct hm_est *e, size_t *n);

/** hm_est_wall_fits() - per wall material, drawn and learned losses (owned by @e). */
const struct hm_wall_fit *hm_est_wall_fits(const struct hm_est *e, size_t *n);

/** hm_est_model() - radio @radio's fitted model (owned by @e), NULL out of range. */
const struct hm_model *hm_est_model(const struct hm_est *e, size_t radio);

/**
 * hm_est_radio() - the field of radio @radio by @method into @out (dBm per cell).
 * For HM_METHOD_MODEL, @fixed (may be NULL) replaces the fit (its walls are
 * the drawn ones, no evidence bound), and @fit (may be NULL) receives the
 * model used.
 * Thread-safe for distinct @out. Returns 0 or -ENOMEM.
 */
int hm_est_radio(const struct hm_est *e, size_t radio, enum hm_method method,
		 const struct hm_model *fixed, float *out, struct hm_model *fit);

/**
 * hm_est_radio_mean() - the field of radio @radio as a caller's mean (dBm at a
 * place, from @mean with @ctx) plus the residuals of its bins from that mean,
 * kriged as the model's are: the oracle of the accuracy benchmark, which knows
 * the true propagation and only interpolates what it cannot know. 0 or -ENOMEM.
 */
int hm_est_radio_mean(const struct hm_est *e, size_t radio,
		      double (*mean)(void *ctx, double x, double y), void *ctx, float *out);

/**
 * hm_est_radios() - hm_est_radio() for each radio with want[r] true (NULL: all),
 * on opts.threads threads. fields[r] must hold a grid's worth of floats where
 * wanted. @fits (may be NULL) receives each radio's model.
 */
int hm_est_radios(const struct hm_est *e, const bool *want, enum hm_method method,
		  float **fields, struct hm_model *fits, struct ns_err *err);

/**
 * hm_est_scalar() - a non-radio measurement (rate, throughput, RTT, …) as a
 * wall-aware kernel average of its bins; NAN farther than the reach from any
 * of its points. Returns 0, -ENOENT when @pts is empty, or -ENOMEM.
 */
int hm_est_scalar(const struct hm_est *e, const struct hm_ptset *pts, float *out);

/**
 * hm_model_predict() - the model's signal at @p given the wall loss on the path
 * (dBm).
 */
double hm_model_predict(const struct hm_model *m, double px, double py, double wall_db);

#endif
