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

/**
 * hm_load_floor() - the floor named @floor_name of @s (NULL: the only floor;
 * refused with a list when there are several) into *@fp (floorplan_free()),
 * and its placed samples into @set (initialised here, finished).
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
