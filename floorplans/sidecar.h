/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sidecar.h — the floorplan sidecar: a JSON file that says what a drawing
 * means (scale, origin, wards, walls with materials, openings, planned APs).
 *
 * The format is documented in floorplans/README.md. Pixel values in a sidecar
 * (scale, origin, calibration points) are in the drawing's own units: pixels
 * for PNG/JPEG, CSS px (user units at the natural size) for SVG, points
 * (1/72 inch) for PDF. The loader (loader.h) converts them to the working
 * raster with fp_raster_rescale(). Geometry (wards, walls, openings, APs) is
 * in metres, x right and y down from the origin.
 *
 * Validation is strict: an unknown key, a wrong type, a number out of range,
 * an unknown material or an opening that lies on no wall is refused, and the
 * error names the element and key and says why:
 *   "walls[12].material: 'cardboard' is not a known material (known: doorway, …)".
 */
#ifndef NOTSPOT_FLOORPLANS_SIDECAR_H
#define NOTSPOT_FLOORPLANS_SIDECAR_H

#include <stddef.h>

#include "floorplans/model.h"
#include "util/err.h"

/* The format version this build reads and writes ("notspot_floorplan": 1). */
#define FP_SIDECAR_VERSION 1

/* Limits that keep a hostile sidecar from eating memory. */
#define FP_SIDECAR_MAX_BYTES (64u << 20)    /* 64 MiB of JSON */
#define FP_SIDECAR_MAX_ELEMENTS 100000      /* per array (walls, openings, …) */
#define FP_SIDECAR_MAX_POINTS 100000        /* per polyline or polygon */
#define FP_SIDECAR_MAX_COORD_M 100000.0     /* |x|, |y| in metres */

/* What a sidecar says beyond the floor model. */
struct fp_sidecar_info {
	char image[1024];    /* "image": the drawing's path relative to the sidecar, "" if absent */
	int has_scale;       /* 1 if "scale" was given (fp->px_per_m set, drawing units) */
	int has_origin;      /* 1 if "origin_px" was given */
	int has_page;        /* 1 if "page" was given (fp->page set, 0-based) */
};

/**
 * fp_sidecar_parse() - read a sidecar from @len bytes at @json into @fp.
 *
 * @fp is an empty floor from floorplan_new(); on success its name, building,
 * level, page, px_per_m and origin (drawing units) and its wards, walls,
 * openings and APs are set; width/height and the image are left to the loader.
 * @info (may be NULL) receives what is not part of the model. On failure @fp
 * may hold part of the sidecar: free it. Returns 0 or -EINVAL / -ENOMEM /
 * -EFBIG with a sentence in @err.
 */
int fp_sidecar_parse(const char *json, size_t len, struct floorplan *fp,
		     struct fp_sidecar_info *info, struct ns_err *err);

/** fp_sidecar_load() - fp_sidecar_parse() on the file at @path (errors name the file). */
int fp_sidecar_load(const char *path, struct floorplan *fp, struct fp_sidecar_info *info,
		    struct ns_err *err);

/**
 * fp_sidecar_write() - write @fp's scale, origin, wards, walls, openings and
 * APs as a sidecar to @path (pixel values in @fp's working raster units).
 * @image may be NULL. Returns 0 or -errno.
 */
int fp_sidecar_write(const struct floorplan *fp, const char *image, const char *path,
		     struct ns_err *err);

#endif
