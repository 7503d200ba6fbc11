/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_plan.h — the evidence report's "Proposed fix" section: what fails
 * today in the planned wards, what `notspot plan` proposes (the APs, their
 * places, channels, powers and costs), what it is predicted to achieve and
 * how sure that is (σ, k, the search's gap, the validation walk needed),
 * with the predicted after-map. Every page of it says PREDICTED.
 * The caller (cli/cmd_plan.c) owns everything pointed to.
 */
#ifndef NOTSPOT_HEATMAP_REPORT_PLAN_H
#define NOTSPOT_HEATMAP_REPORT_PLAN_H

#include <stddef.h>

#include "floorplans/model.h"
#include "heatmap/map.h"
#include "heatmap/plan.h"
#include "heatmap/render.h"

struct hm_report_plan {
	const struct hm_plan *plan;
	const struct floorplan *fp;     /* the floor planned (its wards name the plan's) */
	const struct hm_map *after;     /* the predicted after-map (hm_plan_apply()) */
	const struct hm_set *set;       /* its samples, for AP names on the map */
	const struct hm_ap_mark *marks; /* the proposed APs as markers */
	size_t nmarks;
	double target_pct;
	double ap_cost;                 /* unit cost; 0 not given */
};

#endif
