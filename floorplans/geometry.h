/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * geometry.h — plane geometry on the floor model, in metres.
 *
 * The one place that decides which walls a straight radio path crosses, so the
 * simulator (truth) and the heatmap (estimate) agree on what "behind a wall" means.
 */
#ifndef NOTSPOT_FLOORPLANS_GEOMETRY_H
#define NOTSPOT_FLOORPLANS_GEOMETRY_H

#include <stdbool.h>
#include <stddef.h>

#include "floorplans/model.h"

/* Two positions closer than this are the same place (m). */
#define FP_EPS_M 1e-6
/* A wall crossing within this distance of an opening passes through the opening (m). */
#define FP_OPENING_SNAP_M 0.05

/**
 * fp_segment_intersect() - where segment p0-p1 meets segment q0-q1.
 * @t: out, position along p0-p1 (0..1); @u: out, along q0-q1 (0..1).
 * Returns true for a single meeting point (touching ends included); false for
 * parallel or collinear segments (a path running along a wall does not cross it)
 * and for segments that do not meet.
 */
bool fp_segment_intersect(struct fp_point p0, struct fp_point p1, struct fp_point q0,
			  struct fp_point q1, double *t, double *u);

/** fp_point_segment_distance() - distance from @p to segment a-b, m. */
double fp_point_segment_distance(struct fp_point p, struct fp_point a, struct fp_point b);

/**
 * fp_path_wall_loss() - total wall loss in dB on the straight path a→b in @band.
 *
 * A wall counts when the path crosses it strictly between its ends (a sample
 * taken standing on a wall's line is on one side of it, not behind it). A path
 * through the joint of two segments of one wall polyline crosses that wall
 * once. A crossing inside an opening takes the opening's loss instead.
 * @ncrossed (may be NULL) receives the number of walls and openings crossed.
 */
double fp_path_wall_loss(const struct floorplan *fp, struct fp_point a, struct fp_point b,
			 enum fp_band band, int *ncrossed);

/** fp_point_in_polygon() - whether @p lies inside the simple polygon (even-odd rule). */
bool fp_point_in_polygon(const struct fp_point *pts, size_t n, struct fp_point p);

/**
 * fp_polygon_is_simple() - whether the outline @pts (@n points, not closed)
 * is a simple polygon: its edges meet only at shared corners, next to each
 * other. An outline that crosses or touches itself, or doubles back along an
 * edge (all its points on one line included), is not. Repeated points (closer
 * than FP_EPS_M, the closing one included) count once. An outline with fewer
 * than 3 distinct points is not simple either (nor, since it cannot be told,
 * any outline when memory runs out).
 */
bool fp_polygon_is_simple(const struct fp_point *pts, size_t n);

/** fp_distinct_points() - how many of @pts are apart by more than FP_EPS_M. */
size_t fp_distinct_points(const struct fp_point *pts, size_t n);

/** fp_polygon_area() - area of a simple polygon, m² (always positive). */
double fp_polygon_area(const struct fp_point *pts, size_t n);

/** fp_polygon_bounds() - the bounding box of a polygon. */
void fp_polygon_bounds(const struct fp_point *pts, size_t n, struct fp_point *min,
		       struct fp_point *max);

/** fp_ward_at() - the first ward containing @p, or NULL. */
const struct fp_ward *fp_ward_at(const struct floorplan *fp, struct fp_point p);

#endif
