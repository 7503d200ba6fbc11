/* SPDX-License-Identifier: GPL-3.0-or-later */
/* calibrate.c — scale calibration. See calibrate.h. */
#include "floorplans/calibrate.h"

#include <errno.h>
#include <math.h>

int fp_check_scale(double px_per_m, struct ns_err *err)
{
	if (!isfinite(px_per_m) || px_per_m < FP_MIN_PX_PER_M || px_per_m > FP_MAX_PX_PER_M)
		return ns_err_set(err, -EINVAL,
				  "a scale of %g px per metre is not plausible (expected %g to %g)",
				  px_per_m, FP_MIN_PX_PER_M, FP_MAX_PX_PER_M);
	return 0;
}

int fp_scale_from_points(double x1, double y1, double x2, double y2, double distance_m,
			 double *px_per_m, struct ns_err *err)
{
	double d_px;

	if (!isfinite(x1) || !isfinite(y1) || !isfinite(x2) || !isfinite(y2))
		return ns_err_set(err, -EINVAL, "the calibration points must be finite numbers");
	if (!isfinite(distance_m) || distance_m <= 0)
		return ns_err_set(err, -EINVAL,
				  "the real distance between the points must be more than 0 m");
	d_px = hypot(x2 - x1, y2 - y1);
	if (d_px < 1)
		return ns_err_set(err, -EINVAL,
				  "the two calibration points are less than 1 px apart; pick the "
				  "ends of a long feature");
	if (fp_check_scale(d_px / distance_m, err))
		return -EINVAL;
	*px_per_m = d_px / distance_m;
	return 0;
}

void fp_raster_rescale(struct floorplan *fp, double factor)
{
	fp->px_per_m *= factor;
	fp->origin_x_px *= factor;
	fp->origin_y_px *= factor;
	/* The calibration points are pixels of the same raster (NAN stays NAN). */
	fp->calib.ax_px *= factor;
	fp->calib.ay_px *= factor;
	fp->calib.bx_px *= factor;
	fp->calib.by_px *= factor;
}

void fp_m_to_px(const struct floorplan *fp, struct fp_point m, double *x_px, double *y_px)
{
	*x_px = fp->origin_x_px + m.x * fp->px_per_m;
	*y_px = fp->origin_y_px + m.y * fp->px_per_m;
}

struct fp_point fp_px_to_m(const struct floorplan *fp, double x_px, double y_px)
{
	if (fp->px_per_m <= 0)
		return (struct fp_point){ 0, 0 };
	return (struct fp_point){ (x_px - fp->origin_x_px) / fp->px_per_m,
				  (y_px - fp->origin_y_px) / fp->px_per_m };
}
