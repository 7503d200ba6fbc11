/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * calibrate.h — putting a drawing in metres: the scale (px per metre) and the
 * changes of raster that must keep it exact.
 *
 * Surveyors calibrate on the longest feature whose real length they know: two
 * points on the drawing and the distance between them. Pixel values here are
 * in whatever raster the caller works in; fp_raster_rescale() moves a floor's
 * scale and origin from one raster to another (drawing units to the working
 * raster, or a capped working resolution).
 */
#ifndef NOTSPOT_FLOORPLANS_CALIBRATE_H
#define NOTSPOT_FLOORPLANS_CALIBRATE_H

#include "floorplans/model.h"
#include "util/err.h"

/* Plausible scales: 1 px per 100 m up to 100000 px per metre. */
#define FP_MIN_PX_PER_M 0.01
#define FP_MAX_PX_PER_M 100000.0

/**
 * fp_scale_from_points() - px per metre from two points (px) @distance_m apart.
 * Refuses (-EINVAL, with a sentence) points closer than 1 px, a distance that is
 * not positive and finite, and a result outside FP_MIN_PX_PER_M..FP_MAX_PX_PER_M.
 */
int fp_scale_from_points(double x1, double y1, double x2, double y2, double distance_m,
			 double *px_per_m, struct ns_err *err);

/** fp_check_scale() - 0 if @px_per_m is a plausible scale, else -EINVAL with a sentence. */
int fp_check_scale(double px_per_m, struct ns_err *err);

/**
 * fp_raster_rescale() - the drawing is now rasterised @factor times larger
 * (0.5: half the pixels each way): scale px_per_m, the origin and the
 * calibration points by @factor so that every metre position stays on the
 * same place of the drawing.
 * width_px/height_px are the caller's to set.
 */
void fp_raster_rescale(struct floorplan *fp, double factor);

/** fp_m_to_px() / fp_px_to_m() - a position in metres to raster px and back. */
void fp_m_to_px(const struct floorplan *fp, struct fp_point m, double *x_px, double *y_px);
struct fp_point fp_px_to_m(const struct floorplan *fp, double x_px, double y_px);

#endif
