/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walls.h — the floor's walls prepared for many radio paths at once.
 *
 * Walls are split into straight pieces, each with the loss a path takes when
 * it crosses there: a wall's own loss, or an opening's (door, doorway) where
 * one lies on the wall — the rule of floorplans/geometry.h. Two operations:
 *  - hm_walls_path_loss(): the loss on one straight path (a bounding-box test
 *    first, so far walls cost little);
 *  - hm_walls_shadow(): the loss from one source to every cell centre of a
 *    grid window at once. Each piece casts a "shadow" (the points whose path
 *    to the source crosses it): a convex region bounded by the piece's line and
 *    the two rays through its ends. Per grid row that region is one interval,
 *    so a whole raster costs pieces × rows instead of cells × pieces.
 * Both agree with fp_path_wall_loss() except on measure-zero sets (a path
 * through a wall's end point or a joint of a polyline).
 */
#ifndef NOTSPOT_HEATMAP_WALLS_H
#define NOTSPOT_HEATMAP_WALLS_H

#include <stddef.h>

#include "floorplans/model.h"
#include "heatmap/grid.h"
#include "util/err.h"

struct hm_wall_piece {
	double ax, ay, bx, by;        /* metres */
	double minx, miny, maxx, maxy;
	float loss_db[FP_NBANDS];     /* one-pass loss, dB */
};

struct hm_walls {
	struct hm_wall_piece *p;      /* owned */
	size_t n;
};

/** hm_walls_init() - split @fp's walls at their openings. 0 or -ENOMEM. */
int hm_walls_init(struct hm_walls *w, const struct floorplan *fp, struct ns_err *err);
void hm_walls_release(struct hm_walls *w);

/** hm_walls_path_loss() - total loss in dB crossing walls on the segment a→b. */
double hm_walls_path_loss(const struct hm_walls *w, double ax, double ay, double bx, double by,
			  enum fp_band band);

/**
 * hm_walls_shadow() - add to @out the wall loss (dB, @band) from source (@sx,
 * @sy) to the centre of every cell of @g in columns @i0..@i1-1 and rows
 * @j0..@j1-1. @out is that window, row-major with stride (@i1 - @i0).
 */
void hm_walls_shadow(const struct hm_walls *w, const struct hm_grid *g, double sx, double sy,
		     int i0, int j0, int i1, int j1, enum fp_band band, float *out);

#endif
