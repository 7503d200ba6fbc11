/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diff.h — before and after: the change in a metric between two surveys of
 * one floor (after − before, per cell), and the change in each ward's
 * numbers against a requirement profile.
 *
 * A cell is compared only where both surveys cover it (surveyed, or
 * predicted when prediction was asked for in both); elsewhere the change is
 * unknown and drawn as such, never as "no change". Both maps are built on
 * the BEFORE survey's floorplan with the same options, so they share a grid.
 * Units: the metric's (dB for signal metrics), m², metres.
 */
#ifndef NOTSPOT_HEATMAP_DIFF_H
#define NOTSPOT_HEATMAP_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "floorplans/model.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "heatmap/samples.h"
#include "util/err.h"

/* Changes of signal smaller than this are "no material change" (the map's own scatter). */
#define HM_DIFF_MATERIAL_DB 3.0

/**
 * hm_diff_scale() - for @m, the change the colour scale spans (±@range) and
 * the smallest change counted as material (@material), in the change's unit
 * (hm_diff_unit()): signal and dB metrics 15 / 3 dB, AP count 3 / 1,
 * percentages 30 / 10, Mbit/s and ms 50 / 10.
 */
void hm_diff_scale(enum hm_metric m, double *range, double *material);

/** hm_diff_unit() - the unit of a change of @m: "dB" for dBm, else the metric's own. */
const char *hm_diff_unit(enum hm_metric m);

struct hm_diff_opts {
	const char *floor;          /* NULL: the only floor */
	const char *ward;           /* crop to this ward, NULL: the whole floor */
	enum hm_metric metric;      /* HM_M_PRIMARY */
	const char *profile;        /* built-in or in profile_file; NULL: nhs-data */
	const char *profile_file;
	const char *ssid;           /* only BSSIDs of this SSID may serve, or NULL */
	int band;                   /* enum fp_band or -1 */
	double cell_m, reach_m;     /* 0.25, 5 */
	bool predict;
};

void hm_diff_opts_default(struct hm_diff_opts *o);

/* One ward (or the whole map) before and after. */
struct hm_diff_area {
	struct hm_area_stats before, after;
	double both_m2;              /* covered by both surveys */
	double pass_both_before_m2;  /* of that, passing before */
	double pass_both_after_m2;   /* … and after */
	double mean_change;          /* mean after − before over both_m2 (metric unit), NAN if none */
};

struct hm_diff {
	struct floorplan *fp;        /* owned: the BEFORE survey's floor */
	struct hm_set before_set, after_set;
	struct hm_map before, after; /* owned */
	struct hm_profile profile;
	struct hm_diff_opts opts;    /* as given (pointers not owned) */
	float *delta;                /* per cell of before.grid: after − before, NAN where not both */
	double compared_m2;          /* area with a value in delta */
	double range, material;      /* hm_diff_scale() of the metric */
	double better_m2, worse_m2;  /* where it changed by ≥ material the good / bad way */
	double min_change, max_change; /* metric unit (NAN when nothing compared) */
	struct hm_diff_area *areas;  /* owned: per ward of the map, then the whole map last */
	size_t nareas;
	char before_name[128], after_name[128]; /* how the surveys are named */
	char before_dates[64], after_dates[64];
	char site[128];
	bool simulated;              /* either survey holds simulated walks: said on the page and in the PNG */
};

/** hm_diff_describe() - the provenance as "key: value" lines (the PNG's Description). */
void hm_diff_describe(const struct hm_diff *d, char *buf, size_t len);

/**
 * hm_diff_build() - load the floor from both surveys and compare. The floor
 * must exist in both; a ward in the floor; -ENOENT/-EINVAL with a sentence.
 * Whatever it returns, @d is released with hm_diff_release().
 */
int hm_diff_build(struct survey *before, struct survey *after, const struct hm_diff_opts *o,
		  struct hm_diff *d, struct ns_err *err);
void hm_diff_release(struct hm_diff *d);

/**
 * hm_diff_render() - the difference map with its legend and the table of
 * ward figures, one landscape A4 page, to @path as PNG (@width_px across) or
 * PDF (real text). The map is cropped to the building (or the ward); the
 * page says SIMULATED DATA when either survey holds simulated walks. Like
 * every map, the PNG carries its provenance in text chunks (Title, Software,
 * Description with one "key: value" per line, Source) and the PDF in its
 * metadata.
 */
int hm_diff_render(const struct hm_diff *d, const char *path, enum hm_format fmt, int width_px,
		   struct ns_err *err);

/**
 * hm_diff_files() - hm_diff_build() on the survey files @before_path and
 * @after_path, then hm_diff_render() to @out (.png or .pdf by its name) when
 * @out is not NULL. @d is filled for the caller's table (hm_diff_release()).
 */
int hm_diff_files(const char *before_path, const char *after_path, const struct hm_diff_opts *o,
		  const char *out, struct hm_diff *d, struct ns_err *err);

#endif
