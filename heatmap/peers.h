/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * peers.h — the interpolators other survey tools use, kept to measure notspot's
 * method against (tests/bench/bench_heatmap_accuracy.c) and offered by
 * `render --method` for comparison. None of them knows about walls.
 *
 * Each takes points (x, y metres; v the value) and writes one value per cell
 * of @g into @out (NAN where the method gives nothing). Return 0 or -ENOMEM
 * (-EINVAL for no points).
 */
#ifndef NOTSPOT_HEATMAP_PEERS_H
#define NOTSPOT_HEATMAP_PEERS_H

#include <stddef.h>

#include "heatmap/grid.h"
#include "heatmap/samples.h"

/** hm_peer_idw() - inverse distance weighting, weight d^-@power, points within @radius_m. */
int hm_peer_idw(const struct hm_pt *pts, size_t n, const struct hm_grid *g, double power,
		double radius_m, float *out);

/**
 * hm_peer_rbf() - linear radial basis functions (φ(r) = r) through the points,
 * with the grid's four corners pinned at the weakest value (as some tools do
 * to keep the surface from rising off the walked area). At most 800 points
 * are used (evenly strided) to bound the O(n³) solve.
 */
int hm_peer_rbf(const struct hm_pt *pts, size_t n, const struct hm_grid *g, float *out);

/** hm_peer_delaunay() - linear over a Delaunay triangulation, corners pinned at the minimum. */
int hm_peer_delaunay(const struct hm_pt *pts, size_t n, const struct hm_grid *g, float *out);

#endif
