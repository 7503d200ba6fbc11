/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * map.h — one map, start to finish: samples + floor → grid, coverage, metrics,
 * verdicts, not-spots. What `notspot render` and `notspot stats` run; the
 * renderer and the exporters read the result.
 *
 * Cover per cell: HM_COVER_OUTSIDE (not part of this map: outside the ward
 * when the map is cropped to one, or outside every ward of a floor that has
 * wards), HM_COVER_NOT_SURVEYED, HM_COVER_SURVEYED,
 * HM_COVER_PREDICTED (not surveyed, shown because prediction was asked for).
 *
 * Physical APs: secondary, AP count and co-channel count the estimator's
 * physical APs (radios grouped by name, MAC family or one place; estimate.h),
 * not only those the beacons name.
 */
#ifndef NOTSPOT_HEATMAP_MAP_H
#define NOTSPOT_HEATMAP_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/estimate.h"
#include "heatmap/grid.h"
#include "heatmap/metrics.h"
#include "heatmap/notspots.h"
#include "heatmap/profile.h"
#include "heatmap/samples.h"
#include "util/err.h"

enum hm_cover {
	HM_COVER_OUTSIDE = 0,
	HM_COVER_NOT_SURVEYED = 1,
	HM_COVER_SURVEYED = 2,
	HM_COVER_PREDICTED = 3,
};

struct hm_map_opts {
	double cell_m;              /* 0.25 */
	struct hm_est_opts est;
	enum hm_method method;      /* HM_METHOD_MODEL */
	const char *ssid;           /* serve only this SSID, NULL for any */
	int band;                   /* enum fp_band or -1 */
	const char *ward;           /* crop to this ward, NULL for the whole floor */
	double margin_m;            /* around a cropped ward, m (1) */
	bool predict;               /* colour not-surveyed cells with the estimate */
	double min_notspot_m2;      /* 1 */
	bool all_cells;             /* whole-floor maps: judge cells outside every ward too
				       (default false: a floor with wards is mapped over its
				       wards only, so the car park outside is not a not-spot) */
	const struct hm_profile *profile; /* NULL: no verdicts */
	/*
	 * The building's levels fitted together (levels.h), this floor among
	 * them: radios on other levels enter through the slabs, APs get their
	 * level. NULL (or a building of one level): the floor on its own.
	 */
	const struct hm_levels *levels;
};

void hm_map_opts_default(struct hm_map_opts *o);

struct hm_levels;

/* An AP on another level of the building that this map takes in. */
struct hm_other_ap {
	char name[64];
	char level[64];             /* its level's (floor's) name */
	struct fp_point pos;        /* its place in this floor's frame, m */
};

struct hm_map {
	struct hm_grid grid;
	const struct floorplan *fp; /* not owned */
	const struct fp_ward *ward; /* the crop ward in fp, or NULL */
	int ward_index;             /* its index, -1 */
	struct hm_map_opts opts;    /* as given (pointers not owned) */
	struct hm_profile profile;  /* copy; nrules 0 when none */
	bool has_profile;
	uint8_t *cover;             /* enum hm_cover per cell */
	float *m[HM_NMETRICS];      /* per cell, NULL when not measured in this survey */
	int16_t *ward_of;           /* per cell the ward index, -1 */
	uint8_t *verdict;           /* enum hm_verdict per cell (when has_profile) */
	uint32_t *failed;           /* failed-rule bits per cell (when has_profile) */
	struct hm_notspots notspots;
	struct hm_model *fits;      /* per radio of the set (model method) */
	size_t nradios;
	struct hm_ap_fit *aps;      /* owned: the fitted physical APs, their places, 1σ ellipses,
				       radios and grouping evidence (estimate.h); for --show-aps */
	size_t naps;
	struct hm_wall_fit *wall_fits; /* owned: per wall material, drawn and learned losses */
	size_t nwall_fits;
	struct hm_other_ap *others; /* owned: APs of other levels heard here or sharing a
				       channel with one that serves (when opts.levels) */
	size_t nothers;
	bool *used;                 /* per radio: it was estimated (serves or shares a channel) */
	size_t nsamples, nbins;
	int64_t first_us, last_us;
};

/**
 * hm_map_build() - everything for one map. Unknown ward, unknown SSID, an
 * empty survey, or nothing left after the filters each get -ENOENT and one
 * sentence.
 */
int hm_map_build(const struct hm_set *set, const struct floorplan *fp,
		 const struct hm_map_opts *o, struct hm_map *out, struct ns_err *err);
void hm_map_release(struct hm_map *m);

#endif
