/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * draw.h — private to the heatmap renderers (render*.c, diff.c): the drawing
 * steps the map and the before/after page share. A view places the floor's
 * metres on the device: device = corner + (metres − the view's origin) × scale.
 * Nothing here sets type: text goes through floorplans/text.h.
 */
#ifndef NOTSPOT_HEATMAP_DRAW_H
#define NOTSPOT_HEATMAP_DRAW_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "floorplans/model.h"

struct hm_view {
	double mx, my;         /* device position of the view's corner (x0, y0) */
	double mw, mh;         /* the map area, device units */
	double s;              /* device units per metre */
	double x0, y0;         /* the view's corner, metres (a map's grid may start elsewhere) */
};

/** hm_view_to_dev() - metres (@x, @y) to device units. */
void hm_view_to_dev(const struct hm_view *v, double x, double y, double *dx, double *dy);

/**
 * hm_draw_path() - a new path through @n points (metres) in device units,
 * closed when @close. Nothing is stroked or filled.
 */
void hm_draw_path(cairo_t *cr, const struct hm_view *v, const struct fp_point *pts, size_t n,
		  bool close);

/**
 * hm_draw_floor_drawing() - paint the floor's @drawing (its working raster,
 * fp->width_px wide) in place under the map at opacity @alpha. Nothing when
 * the floor is not calibrated. The caller clips.
 */
void hm_draw_floor_drawing(cairo_t *cr, const struct hm_view *v, const struct floorplan *fp,
			   cairo_surface_t *drawing, double alpha);

#endif
