/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan_render.h — `floor show`: the drawing with what notspot knows about it
 * drawn on top, so a person can check the calibration by eye.
 *
 * The drawing is faded; over it go a metre grid from the origin, ward
 * outlines and names, walls coloured and weighted by material, openings,
 * AP markers with names, a metre scale bar, a title with the scale, and a
 * legend of the materials present with their losses. Text is pangocairo
 * (DejaVu Sans); nothing here prints.
 */
#ifndef NOTSPOT_FLOORPLANS_PLAN_RENDER_H
#define NOTSPOT_FLOORPLANS_PLAN_RENDER_H

#include <cairo.h>
#include <stdbool.h>

#include "floorplans/loader.h"
#include "floorplans/model.h"
#include "util/err.h"

/* Default cap of the plan area's longest side in the output, px. */
#define FP_RENDER_MAX_SIDE_PX 3000

struct fp_render_opts {
	int max_side_px;     /* plan area cap; 0 = FP_RENDER_MAX_SIDE_PX */
	const char *title;   /* NULL: "BUILDING · FLOOR (level N)" */
	const char *footer;  /* NULL: "notspot VERSION"; "" for none (reference images) */
	bool no_grid;        /* leave out the metre grid */
};

/**
 * fp_render_plan() - draw @fp over @drawing (may be NULL: a blank plan of the
 * floor's size) into a new image surface *@out (the caller destroys it).
 * @opts may be NULL. Returns 0, or -ENOMEM / -EINVAL with a sentence.
 */
int fp_render_plan(const struct floorplan *fp, const struct fp_raster *drawing,
		   const struct fp_render_opts *opts, cairo_surface_t **out, struct ns_err *err);

/**
 * fp_render_plan_png() - fp_render_plan() with @fp's own drawing (if any),
 * written as a PNG to @path (through a temporary file, renamed into place;
 * a device or pipe such as /dev/stdout is written in place). Returns 0 or
 * -errno (-ENOENT for a missing folder, -ENOSPC, ...) with a sentence.
 */
int fp_render_plan_png(const struct floorplan *fp, const struct fp_render_opts *opts,
		       const char *path, struct ns_err *err);

/** fp_material_colour() - the colour a material or opening kind is drawn in (0..1 RGB). */
void fp_material_colour(const char *key, double rgb[3]);

#endif
