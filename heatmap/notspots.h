/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notspots.h — connected failing regions, and the numbers per ward.
 *
 * A not-spot is a 4-connected set of failing cells (verdict HM_V_FAIL) that
 * is a place a person could stand in with a device: at least the minimum
 * area (default 1 m²) AND holding a square of HM_NOTSPOT_SQUARE_M (1 m) on a
 * side, or one cell when cells are larger, made of failing cells. Smaller
 * specks, and slivers thinner than that — typically a strip along a wall
 * (most often the outer wall, where the map ends) where the estimate
 * changes sharply — are more likely estimation noise than a place; their
 * cells still fail and are drawn failing, but they are not listed, counted
 * or outlined. Cells outside the building (outside every ward) are not part
 * of a map and never fail. The outline is traced along cell edges, so it is
 * exact on the grid: area = cells × cell².
 */
#ifndef NOTSPOT_HEATMAP_NOTSPOTS_H
#define NOTSPOT_HEATMAP_NOTSPOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/grid.h"
#include "heatmap/profile.h"
#include "util/err.h"

/* The side of the square of failing cells a not-spot must hold, m. */
#define HM_NOTSPOT_SQUARE_M 1.0

struct hm_notspot {
	size_t ncells;
	double area_m2;
	struct fp_point centroid;   /* metres */
	/*
	 * The worst value found in it: hm_notspots_find() gives that of the metric
	 * it is passed (NAN: none); hm_notspots_attribute() that of the metric of
	 * @rule, the rule it fails over most of its area, which is what a reader
	 * should be told ("secondary −74 dBm", not the primary of a place that
	 * fails only the secondary rule).
	 */
	double worst;
	int rule;                   /* index in the profile of the rule it fails most; -1: not attributed */
	bool no_signal;             /* somewhere in it nothing served @rule's metric at all */
	uint32_t rules;             /* a bit per rule failing somewhere in it */
	char ward[64];              /* the ward holding most of it, "" for none */
	struct fp_point *ring;      /* owned: the outer outline, metres, not closed */
	size_t nring;
	size_t nholes;              /* inner outlines (passing islands) not listed */
};

struct hm_notspots {
	struct hm_notspot *v;       /* owned, largest first */
	size_t n;
	int32_t *label;             /* owned: per cell the not-spot index, -1 for none */
};

/**
 * hm_wards_raster() - per cell the index of the first ward of @fp whose polygon
 * holds the cell's centre, -1 for none. *@out malloc'd.
 */
int hm_wards_raster(const struct floorplan *fp, const struct hm_grid *g, int16_t **out);

/**
 * hm_ward_cells() - per cell of @g 1 when its centre lies in ward @ward of
 * @fp, else 0 — every cell of the ward, also where it overlaps another (which
 * hm_wards_raster() gives to one ward only). *@out malloc'd.
 */
int hm_ward_cells(const struct floorplan *fp, int ward, const struct hm_grid *g, uint8_t **out);

/**
 * hm_notspots_find() - not-spots of @verdict. @worst_metric (may be NULL) gives
 * the "worst" value, lower worse when @higher_better. @ward_of from
 * hm_wards_raster() (may be NULL).
 */
int hm_notspots_find(const struct hm_grid *g, const uint8_t *verdict, const uint32_t *failed,
		     const float *worst_metric, bool higher_better, const struct floorplan *fp,
		     const int16_t *ward_of, double min_area_m2, struct hm_notspots *out,
		     struct ns_err *err);
void hm_notspots_release(struct hm_notspots *ns);

/**
 * hm_notspots_attribute() - for every not-spot of @ns, the rule of @p it
 * fails over most of its cells (per-cell failed-rule bits @failed; ties go to
 * the earlier rule) into .rule, and the worst value of that rule's metric
 * over its cells into .worst (.no_signal when somewhere nothing served and
 * absence fails). @metrics as the map's. Not-spots failing no marked rule
 * keep rule -1.
 */
void hm_notspots_attribute(struct hm_notspots *ns, const struct hm_grid *g,
			   const struct hm_profile *p, float *const metrics[HM_NMETRICS],
			   const uint32_t *failed);

struct hm_area_stats {
	char name[64];              /* the ward, or "whole floor" */
	/*
	 * Every area below counts grid cells (× cell²) by their centres, so an
	 * area never exceeds the area it is part of: surveyed ≤ area, a ward's
	 * figures ≤ the whole floor's when both come from one grid.
	 */
	double area_m2;             /* cells of the ward on the grid × cell² */
	double surveyed_m2;         /* surveyed (or predicted) cells */
	double pass_m2, fail_m2;
	double rule_pass_m2[HM_MAX_RULES];     /* surveyed area where the rule passed */
	double rule_measured_m2[HM_MAX_RULES]; /* surveyed area where it could be judged */
	size_t notspots;            /* not-spots whose ward this is */
	double notspot_m2;
};

/**
 * hm_area_stats_compute() - statistics over the cells with ward index @ward
 * in the raster @ward_of (-2: every cell that is part of the map). The
 * raster gives a cell to one ward only; for a ward that overlaps another use
 * hm_ward_stats_compute(). @metrics for per-rule figures.
 */
void hm_area_stats_compute(const struct hm_profile *p, const struct hm_grid *g,
			   const uint8_t *verdict, float *const metrics[HM_NMETRICS],
			   const int16_t *ward_of, int ward, const struct hm_notspots *ns,
			   const char *name, struct hm_area_stats *st);

/**
 * hm_ward_stats_compute() - statistics over every cell of the map whose
 * centre lies in ward @ward of @fp, also where wards overlap (a bay drawn
 * inside its ward counts in both). Its not-spots are those of @ns of which
 * at least HM_NOTSPOT_SQUARE_M² lies in the ward, or which the ward holds
 * most of; notspot_m2 is the part of them inside the ward. 0 or -ENOMEM.
 */
int hm_ward_stats_compute(const struct hm_profile *p, const struct hm_grid *g,
			  const uint8_t *verdict, float *const metrics[HM_NMETRICS],
			  const struct floorplan *fp, int ward, const struct hm_notspots *ns,
			  struct hm_area_stats *st);

#endif
