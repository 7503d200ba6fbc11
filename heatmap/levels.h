/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * levels.h — radios heard through floors: which level of a building each
 * radio stands on, and what it gives the other levels.
 *
 * A hospital is a tower: an AP on level 2 is heard on level 3 through the
 * slab. Fitted on level 3's samples alone it would be placed on level 3, in
 * the wrong room, weak. Here every radio heard anywhere in the building is
 * fitted on every level (the candidate) with the slabs in the path:
 *    rss = P1 − 10·n·log10(√(d² + dz²)) − slab(level, receiver's level)
 * with d in the building's frame (floors aligned, floorplans/building.h), dz
 * the height between the antenna on the candidate level and the receiver
 * (the estimator's antenna height on one level; the levels' elevations
 * apart plus it between levels), slab() the COST 231 multi-floor rule
 * (fp_slab_loss_between()). Per candidate a place is searched (a 2 m grid
 * over the building, refined to 0.25 m), P1 and n are least squares (with
 * the estimator's prior on n, held to its ranges), and bins where scans
 * worked but never heard the radio enter one-sided, below the hearing
 * level. The candidate with the least mean square wins; a level where the
 * radio was never heard must beat the best level where it was by a fifth.
 * A physical AP stands on one level: its radios (one name, every band and
 * SSID) are decided together, their squares summed over the candidates, and
 * all placed on the level chosen.
 * Walls are not in this fit (they are the same for every candidate); the
 * place on its own level is then the level's own estimator's (estimate.h).
 *
 * A level's map (map.h, hm_map_opts.levels) then takes a radio fitted on
 * another level as that model (the slab in the path) plus the residuals of
 * the level's own readings kriged, and radios never heard on the level but
 * on its channels elsewhere as co-channel interferers by the model alone.
 *
 * Ownership: struct hm_levels owns what hm_levels_load() loaded; floors and
 * sets given to hm_levels_fit() must outlive it. Units: metres, dB, dBm.
 */
#ifndef NOTSPOT_HEATMAP_LEVELS_H
#define NOTSPOT_HEATMAP_LEVELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/estimate.h"
#include "heatmap/grid.h"
#include "heatmap/samples.h"
#include "survey/survey.h"
#include "util/err.h"

#define HM_LEVELS_MAX 16

/* One radio of the building, on the level it was fitted to. */
struct hm_level_radio {
	uint8_t mac[6];          /* its MAC, low nibble cleared (samples.h) */
	int freq_mhz;
	enum fp_band band;
	char name[64];           /* its physical AP's name (beacons) or MAC "aa:…:f?" */
	size_t floor;            /* index of the level it stands on (hm_levels.fp) */
	double x, y;             /* its place, the building's frame, m */
	double p1_dbm, n;        /* signal at 1 m, path-loss exponent */
	double rms_db;           /* fit residual RMS over every level's bins, dB */
	int nbins;               /* observed bins over every level */
	uint32_t heard;          /* bit per level (index) where it was heard */
	size_t ap;               /* its physical AP: the index of the AP's first radio */
	double mse[HM_LEVELS_MAX]; /* per candidate level: the fit's mean square, dB² */
};

struct hm_levels {
	size_t nfloors;
	const struct floorplan *fp[HM_LEVELS_MAX];  /* the levels (not owned unless loaded) */
	const struct hm_set *set[HM_LEVELS_MAX];
	double elev_m[HM_LEVELS_MAX];               /* each level's elevation, m */
	struct hm_level_radio *radios;              /* owned */
	size_t nradios;
	double height_m;                            /* antenna above the receiver, m */
	/* owned when loaded by hm_levels_load() */
	struct floorplan *own_fp[HM_LEVELS_MAX];
	struct hm_set own_set[HM_LEVELS_MAX];
	size_t nown;
};

/**
 * hm_levels_fit() - fit every radio of the @n levels @fps (their samples
 * @sets, finished) of one building @b (may be NULL: default heights) onto
 * its level, as above, with the estimator's options @o (antenna height,
 * hearing level). @out is initialised here. 0, -EINVAL (more than
 * HM_LEVELS_MAX levels) or -ENOMEM with a sentence.
 */
int hm_levels_fit(const struct floorplan *const *fps, const struct hm_set *const *sets, size_t n,
		  const struct fp_building *b, const struct hm_est_opts *o, struct hm_levels *out,
		  struct ns_err *err);

/**
 * hm_levels_load() - every level of @fp's building in @s (@fp's own among
 * them, loaded again), fitted by hm_levels_fit(): the levels nobody walked
 * are candidates too, so an AP heard through a slab from a level not walked
 * can be put there. When fewer than two levels have placed samples nothing
 * is fitted (out->nfloors 0: the floor is mapped on its own). 0 or -errno
 * with a sentence.
 */
int hm_levels_load(struct survey *s, const struct floorplan *fp, const struct hm_est_opts *o,
		   struct hm_levels *out, struct ns_err *err);

void hm_levels_release(struct hm_levels *l);

/** hm_levels_floor_of() - the index of @fp among @l's levels (by id, else name), -1. */
int hm_levels_floor_of(const struct hm_levels *l, const struct floorplan *fp);

/** hm_levels_find() - the building radio with @mac and @freq_mhz, -1 when none. */
long hm_levels_find(const struct hm_levels *l, const uint8_t mac[6], int freq_mhz);

/**
 * hm_levels_predict() - building radio @r's model at (@x, @y) of level
 * @floor's own frame: the slabs between in the path, dBm.
 */
double hm_levels_predict(const struct hm_levels *l, size_t r, size_t floor, double x, double y);

/* A radio's P1 and n as one level's readings see it (its place the building's). */
struct hm_level_model {
	double p1_dbm, n;
};

/**
 * hm_levels_model_on() - building radio @r's P1 and n fitted to the readings
 * of radio @radio of @set, level @floor's samples, with its place and the
 * slabs held (n held near the building's fit, both held to the estimator's
 * ranges): how the level sees it through its own walls and slab. The
 * building's fit when the level read it fewer than 3 times. (The level's
 * drawn walls on the path were tried as well: over the bench's buildings
 * they made the maps worse, the table's walls summed over long oblique
 * paths costing far more than the truth.)
 */
void hm_levels_model_on(const struct hm_levels *l, size_t r, size_t floor,
			const struct hm_set *set, size_t radio, struct hm_level_model *m);

/** hm_levels_predict_on() - hm_levels_predict() with the P1 and n of @m. */
double hm_levels_predict_on(const struct hm_levels *l, size_t r, size_t floor,
			    const struct hm_level_model *m, double x, double y);

/* ---- a level's map (map_levels.c, called by hm_map_build()) ---- */

struct hm_map;

/**
 * hm_levels_map_fields() - level @floor's map @m takes in the other levels:
 * each AP of @m the levels fit puts on another level (decided by its radio
 * read in the most bins) is placed there, named in m->others only (never
 * drawn as estimated here), and its radios' fields are that model (the
 * slabs in the path) plus @est's kriged residuals; radios
 * never heard here but sharing a channel with a used one are appended to
 * @grouped (its radios and phys copied into *@gradios and *@gphys, which
 * the caller frees) with their model's field, *@fields grown to *@nfields.
 * @m's APs get their levels and m->others the APs of other levels taken in.
 * 0 or -ENOMEM.
 */
int hm_levels_map_fields(const struct hm_levels *l, size_t floor, const struct hm_set *set,
			 const struct hm_est *est, struct hm_map *m, struct hm_set *grouped,
			 struct hm_radio **gradios, struct hm_phys **gphys, float ***fields,
			 size_t *nfields);

#endif
