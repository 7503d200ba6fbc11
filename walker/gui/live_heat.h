/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * live_heat.h — the live coverage overlay: the heatmap (heatmap/) of the
 * floor as surveyed so far, rebuilt in a worker thread from the survey file
 * while the walk goes on, and handed to the plan as a picture in metres.
 *
 * It shows this walk only, so the picture grows with the walk (earlier walks
 * are what `notspot render` is for). The samples are read on the main thread
 * through the walk's own connection; a worker builds the primary-signal map of the SSID the laptop is associated
 * with and paints the surveyed cells; cells not surveyed stay transparent
 * (never coloured: DESIGN.md). GTK 4 / GLib.
 */
#ifndef NOTSPOT_WALKER_GUI_LIVE_HEAT_H
#define NOTSPOT_WALKER_GUI_LIVE_HEAT_H

#include <cairo.h>
#include <stdint.h>

#include "survey/survey.h"

/* Where the picture lies: cell (0, 0)'s corner and a cell's side, metres. */
struct live_heat_frame {
	double x0, y0, cell_m;
	int nx, ny;
};

/* Called on the main thread with a new picture (taken by the callee) or NULL and a sentence. */
typedef void (*live_heat_ready_fn)(void *arg, cairo_surface_t *picture,
				   const struct live_heat_frame *frame, const char *why);

struct live_heat;

/** live_heat_new() - an overlay of walk @walk_id on floor @floor_id of @sv (borrowed, outlives it). */
struct live_heat *live_heat_new(struct survey *sv, int64_t floor_id, int64_t walk_id,
				live_heat_ready_fn fn, void *arg);

/**
 * live_heat_request() - rebuild for SSID @ssid (NULL or "": every SSID) once
 * the build in progress, if any, is done. Cheap to call often.
 */
void live_heat_request(struct live_heat *h, const char *ssid);

/** live_heat_free() - wait for a build in progress, then free; NULL is fine. */
void live_heat_free(struct live_heat *h);

#endif
