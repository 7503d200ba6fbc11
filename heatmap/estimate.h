/*
 * estimate.h — a signal field per radio over the grid, and which cells were
 * surveyed at all.
 *
 * notspot's method (HM_METHOD_MODEL) is model-based and wall-aware:
 *  1. samples are averaged in bins (default 1 m) so a 5 Hz link poll does not
 *     outweigh a scan;
 *  2. per radio, the transmitter's place, its signal at 1 m (P1) and the
 *     path-loss exponent n are fitted to the bins with the floor's walls:
 *        rss = P1 − 10·n·log10(√(d² + h²)) − Σ wall losses on the path
 *     (a coarse search without walls over the strong bins proposes places,
 *     the best few are scored with exact wall losses, the winner refined;
 *     bins where scans worked but never heard the radio enter as one-sided
 *     constraints, below the hearing level, which removes the censoring bias);
 *  3. the model is predicted at every cell (wall losses from the fitted place
 *     by shadow rasters, see walls.h);
 *  4. the residuals (bin − model) are interpolated by simple kriging with an
 *     exponential covariance (range 1.5 m, sill 4 dB, reading noise 2 dB), the
 *     cell-to-bin covariance attenuated by the walls between them; far from
 *     the samples the estimate falls back to the model.
 * The peers' methods are there to be measured against (and for --method):
 * IDW (power 3, radius), linear RBF with the floor's corners pinned at the
 * weakest reading, Delaunay linear (see peers.h). They ignore walls.
 *
 * Support ("surveyed"): a cell is surveyed when some sample bin lies within
 * the reach (default 5 m) and the walls between them cost at most the block
 * figure (default 10 dB at 2.4 GHz). Other cells are not surveyed; fields are
 * still computed there (for --predict), the map decides what to show.
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
};

void hm_est_opts_default(struct hm_est_opts *o);

/* A radio's fitted (or given) propagation model. */
struct hm_model {
	double x, y;           /* transmitter place, metres */
	double p1_dbm;         /* signal at 1 m, dBm (EIRP − path loss at 1 m) */
	double n;              /* path-loss exponent */
	double height_m;       /* antenna height above the receiver, m */
	double rms_db;         /* fit residual RMS over bins, dB */
	int nbins;             /* bins the fit used */
};

struct hm_est; /* opaque */

/**
 * hm_est_new() - bin the samples of @set and work out the surveyed cells of
 * @g using @fp's walls. @set must be finished (hm_set_finish()).
 */
int hm_est_new(const struct hm_set *set, const struct floorplan *fp, const struct hm_grid *g,
	       const struct hm_est_opts *o, struct hm_est **out, struct ns_err *err);
void hm_est_free(struct hm_est *e);

/** hm_est_support() - per cell 1 surveyed, 0 not (owned by @e). */
const uint8_t *hm_est_support(const struct hm_est *e);

/** hm_est_nbins() - how many sample bins there are. */
size_t hm_est_nbins(const struct hm_est *e);

/**
 * hm_est_radio() - the field of radio @radio by @method into @out (dBm per cell).
 * For HM_METHOD_MODEL, @fixed (may be NULL) replaces the fit — the oracle of the
 * accuracy benchmark — and @fit (may be NULL) receives the model used.
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
