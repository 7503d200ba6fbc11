/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load.h — a floor and its samples from a survey file, as the heatmap wants them.
 */
#ifndef NOTSPOT_HEATMAP_LOAD_H
#define NOTSPOT_HEATMAP_LOAD_H

#include "floorplans/model.h"
#include "heatmap/samples.h"
#include "survey/survey.h"
#include "util/err.h"

/*
 * How far beyond the floor's extent (its drawing, walls and wards) a sample
 * may lie, in metres: a walk may step outside the drawing (a link bridge, a
 * car park), but positions farther out were not taken on this floor: an
 * import in millimetres, a wrong origin. They would size the map's grid in
 * kilometres, so the floor is refused with a sentence instead.
 */
#define HM_LOAD_MARGIN_M 50.0

/**
 * hm_load_floor() - the floor named @floor_name of @s (NULL: the only floor;
 * refused with a list when there are several) into *@fp (floorplan_free()),
 * and its placed samples into @set (initialised here, finished).
 *
 * A floor whose geometry (a ward's corner, a wall's point, an opening, an
 * AP) lies more than FP_SIDECAR_MAX_COORD_M from its origin is damaged and
 * refused (-EBADMSG): it would size the map in thousands of kilometres.
 * Samples are checked before anything is binned: a position that is not a
 * number is skipped and counted (@set->nbadpos, for the map's provenance);
 * samples more than HM_LOAD_MARGIN_M beyond the floor are refused with
 * -ERANGE and one sentence saying how many, how far, and whether the
 * positions would fit the floor in millimetres or centimetres.
 */
int hm_load_floor(struct survey *s, const char *floor_name, struct floorplan **fp,
		  struct hm_set *set, struct ns_err *err);

/**
 * hm_load_floor_id() - hm_load_floor() of the floor with id @floor_id: the
 * way to a level of one building when another building has a floor of the
 * same name.
 */
int hm_load_floor_id(struct survey *s, int64_t floor_id, struct floorplan **fp,
		     struct hm_set *set, struct ns_err *err);

#endif
