/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export.h — a computed grid in a form other tools read, so a map can be checked.
 *
 * CSV: '#' comment lines with the provenance and the grid (origin_x_m,
 * origin_y_m, cell_m, nx, ny, metric, unit), then the header
 * "i,j,x_m,y_m,value,cover" and one row per cell, row by row; x_m/y_m are the
 * cell's centre; value is empty where nothing is shown (not surveyed,
 * outside the map, not measured); cover is outside / not-surveyed / surveyed /
 * predicted.
 *
 * f32: a 64-byte little-endian header, then nx·ny float32 LE values row by
 * row (row 0 at the top, y growing down), NaN where nothing is shown:
 *   0  char[8]  "NSGRID1\0"
 *   8  uint32   nx        12 uint32 ny
 *   16 float64  origin_x_m (left edge of column 0)
 *   24 float64  origin_y_m (top edge of row 0)
 *   32 float64  cell_m
 *   40 char[16] unit, NUL-padded ("dBm", "dB", "%", "Mbit/s", "ms", "APs", "pass")
 *   56 char[8]  metric key, NUL-padded (truncated)
 */
#ifndef NOTSPOT_HEATMAP_EXPORT_H
#define NOTSPOT_HEATMAP_EXPORT_H

#include "heatmap/map.h"
#include "util/err.h"

#define HM_F32_HEADER 64

/**
 * hm_export_grid() - write metric @metric (-1: the verdict, 1 pass 0 fail) of
 * @m to @path as CSV or f32 by its ending (.csv, .f32). @provenance (may be
 * NULL) is copied into the CSV's comments line by line.
 */
int hm_export_grid(const struct hm_map *m, int metric, const char *path, const char *provenance,
		   struct ns_err *err);

/** hm_export_value() - the exported value of cell @k (NAN where nothing is shown). */
float hm_export_value(const struct hm_map *m, int metric, size_t k);

#endif
