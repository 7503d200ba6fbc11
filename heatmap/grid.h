/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * grid.h — the cells a map is computed on: a regular grid over a floor (or a
 * ward's bounding box) in metres.
 *
 * Cell (i, j) covers [x0 + i·cell, x0 + (i+1)·cell) × [y0 + j·cell, …) and is
 * judged at its centre. Cells are stored row by row: index = j·nx + i.
 * A grid is a plain value; it owns nothing.
 */
#ifndef NOTSPOT_HEATMAP_GRID_H
#define NOTSPOT_HEATMAP_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "floorplans/model.h"
#include "util/err.h"

#define HM_CELL_DEFAULT_M 0.25
/* Refuse grids larger than this many cells (a 1 km square at 0.25 m is 16 M). */
#define HM_GRID_MAX_CELLS (40u * 1000u * 1000u)

struct hm_grid {
	double x0, y0;  /* metres: the top-left corner of cell (0, 0) */
	double cell_m;  /* metres: a cell's side */
	int nx, ny;     /* cells across and down */
};

/**
 * hm_grid_init() - cells of @cell_m covering the box @min..@max (extended to
 * whole cells). -EINVAL with a sentence for an empty box, a cell size outside
 * 0.02..10 m or more than HM_GRID_MAX_CELLS cells.
 */
int hm_grid_init(struct hm_grid *g, struct fp_point min, struct fp_point max, double cell_m,
		 struct ns_err *err);

static inline size_t hm_grid_ncells(const struct hm_grid *g)
{
	return (size_t)g->nx * (size_t)g->ny;
}

/** hm_grid_center() - the centre of cell (@i, @j), metres. */
static inline struct fp_point hm_grid_center(const struct hm_grid *g, int i, int j)
{
	return (struct fp_point){ g->x0 + (i + 0.5) * g->cell_m, g->y0 + (j + 0.5) * g->cell_m };
}

/** hm_grid_cell_of() - the cell holding @p; false when @p is off the grid. */
bool hm_grid_cell_of(const struct hm_grid *g, struct fp_point p, int *i, int *j);

/**
 * hm_floor_bounds() - the extent of a floor in metres: the calibrated drawing
 * if there is one, else the box of its walls and wards; grown to hold @extra
 * points (e.g. sample positions; may be NULL/0). False when there is nothing.
 */
bool hm_floor_bounds(const struct floorplan *fp, const struct fp_point *extra, size_t nextra,
		     struct fp_point *min, struct fp_point *max);

#endif
