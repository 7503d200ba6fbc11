/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * oi_read_priv.h — the OpenIntent reader's parts shared by oi_read.c (the
 * document, floorplans, walls, areas, access points) and oi_read_path.c
 * (survey paths: points, scan events, observations, the survey device).
 */
#ifndef NOTSPOT_FORMATS_OI_READ_PRIV_H
#define NOTSPOT_FORMATS_OI_READ_PRIV_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "formats/oi_priv.h"
#include "formats/project.h"
#include "util/json_get.h"

#define MAX_ITEMS 1000000   /* elements in any one array */
#define MAX_OBS 4096        /* observations in one scan event (as the CSV) */

/* A floorplan being read: its frame and the units of its numbers. */
struct level_ctx {
	struct fmt_frame fr;
	double px_per_m;        /* for coordinates in pixels */
	double wall_scale;      /* metres per unit of wall points */
	double height_m;        /* the floor's height (floor to floor), NAN if not given */
	long index;
	char oi_name[136];      /* the floorplan's name in the document (APs name it) */
};

struct oi_ctx {
	struct fmt_project *p;
	const json_t *root;
	struct level_ctx *lv;   /* one per floorplan, same index as p->levels */
	long long last_wall;    /* the last segment's notspot_wall, -1 if none */
};

/** fmt_oi_opt_text() - an optional string member into @buf, cut to fit (labels). */
int fmt_oi_opt_text(const json_t *o, const char *key, const struct ns_json_path *at, char *buf,
		    size_t cap, struct ns_err *err);

/** fmt_oi_opt_array() - an optional array member; *@arr NULL when absent. */
int fmt_oi_opt_array(const json_t *o, const char *key, const struct ns_json_path *at,
		     json_t **arr, struct ns_err *err);

/**
 * fmt_oi_read_xyz() - a coordinate object's coordinate_xyz as notspot metres
 * on level @lv (and its height in metres into *@z when @z); *@has false when
 * it has none (latitude/longitude only).
 */
int fmt_oi_read_xyz(const json_t *c, const struct ns_json_path *at, const struct level_ctx *lv,
		    double *x, double *y, double *z, bool *has, struct ns_err *err);

/** fmt_oi_label() - "Manufacturer Model" of a device, adapter or AP object into @out. */
int fmt_oi_label(const json_t *o, const struct ns_json_path *at, char *out, size_t cap,
		 struct ns_err *err);

/** fmt_oi_read_survey_path() - one survey path of the last level read, as a new walk (ns_json_each_fn). */
int fmt_oi_read_survey_path(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
			    struct ns_err *err);

#endif
