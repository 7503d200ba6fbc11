/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notspots.h — connected failing regions, and the numbers per ward.
 *
 * A not-spot is a 4-connected set of failing cells (verdict HM_V_FAIL) of at
 * least the minimum area (default 1 m²: a lone failing cell is more likely
 * interpolation noise than a place). Its outline is traced along cell edges,
 * so it is exact on the grid: area = cells × cell².
 */
#ifndef NOTSPOT_HEATMAP_NOTSPOTS_H
#define NOTSPOT_HEATMAP_NOTSPOTS_H

#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/grid.h"
#include "heatmap/profile.h"
#include "util/err.h"

struct hm_notspot {
	size_t ncells;
	double area_m2;
	struct fp_point centroid;   /* metres */
	double worst;               /* worst value of the profile's first rule's metric */
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
 * hm_notspots_find() - not-spots of @verdict. @worst_metric (may be NULL) gives
 * the "worst" value, lower worse when @higher_better. @ward_of from
 * hm_wards_raster() (may be NULL).
 */
int hm_notspots_find(const struct hm_grid *g, const uint8_t *verdict, const uint32_t *failed,
		     const float *worst_metric, bool higher_better, const struct floorplan *fp,
		     const int16_t *ward_of, double min_area_m2, struct hm_notspots *out,
		     struct ns_err *err);
void hm_notspots_release(struct hm_notspots *ns);

struct hm_area_stats {
	char name[64];              /* the ward, or "whole floor" */
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
 * (-2: every cell that is part of the map). @metrics for per-rule figures.
 */
void hm_area_stats_compute(const struct hm_profile *p, const struct hm_grid *g,
			   const uint8_t *verdict, float *const metrics[HM_NMETRICS],
			   const int16_t *ward_of, int ward, const struct hm_notspots *ns,
			   const char *name, struct hm_area_stats *st);

#endif
