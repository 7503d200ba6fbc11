/* SPDX-License-Identifier: GPL-3.0-or-later */
/* validate.c — what the floor model refuses. See validate.h. */
#include "floorplans/validate.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "floorplans/calibrate.h"
#include "floorplans/geometry.h"
#include "util/textcheck.h"

#define MAX_LOSS_DB 200.0
#define MAX_AREA_LOSS_DB_PER_M 100.0

bool fp_ap_source_known(const char *source)
{
	static const char *const known[] = { "planned", "estimated", "surveyed", "proposed" };

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(source, known[i]) == 0)
			return true;
	return false;
}

/* The drawing's extent in metres, when @fp has a calibrated one. */
static bool drawing_extent(const struct floorplan *fp, struct fp_point *min,
			   struct fp_point *max)
{
	if (!fp || !(fp->px_per_m > 0) || fp->width_px <= 0 || fp->height_px <= 0 ||
	    !isfinite(fp->origin_x_px) || !isfinite(fp->origin_y_px))
		return false;
	min->x = -fp->origin_x_px / fp->px_per_m + 0.0; /* + 0.0: never "-0.00" in a sentence */
	min->y = -fp->origin_y_px / fp->px_per_m + 0.0;
	max->x = (fp->width_px - fp->origin_x_px) / fp->px_per_m;
	max->y = (fp->height_px - fp->origin_y_px) / fp->px_per_m;
	return true;
}

static bool finite_point(struct fp_point p)
{
	return isfinite(p.x) && isfinite(p.y);
}

int fp_check_outline(const struct floorplan *fp, const char *what, const struct fp_point *pts,
		     size_t n, struct ns_err *err)
{
	struct fp_point min, max;
	const double tol = FP_DRAWING_TOLERANCE_M;

	for (size_t i = 0; i < n; i++)
		if (!finite_point(pts[i]))
			return ns_err_set(err, -EINVAL, "%s: point %zu is not a finite position", what,
					  i + 1);
	if (fp_distinct_points(pts, n) < 3)
		return ns_err_set(err, -EINVAL,
				  "%s needs an outline of at least 3 distinct points; it has %zu",
				  what, fp_distinct_points(pts, n));
	if (!fp_polygon_is_simple(pts, n))
		return ns_err_set(err, -EINVAL,
				  "the outline of %s crosses or touches itself: give its corners in "
				  "order around it", what);
	if (!drawing_extent(fp, &min, &max))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (pts[i].x < min.x - tol || pts[i].x > max.x + tol || pts[i].y < min.y - tol ||
		    pts[i].y > max.y + tol)
			return ns_err_set(err, -EINVAL,
					  "%s: point (%g, %g) is off the drawing, which spans (%.2f, "
					  "%.2f) to (%.2f, %.2f) m", what, pts[i].x, pts[i].y, min.x,
					  min.y, max.x, max.y);
	return 0;
}

/* Losses per band: finite, 0..@max. */
static int check_losses(const char *what, const double loss[FP_NBANDS], double max,
			struct ns_err *err)
{
	static const char *const band[FP_NBANDS] = { "2.4 GHz", "5 GHz", "6 GHz" };

	for (int b = 0; b < FP_NBANDS; b++)
		if (!isfinite(loss[b]) || loss[b] < 0 || loss[b] > max)
			return ns_err_set(err, -EINVAL, "%s: a loss of %g at %s is not 0 to %g",
					  what, loss[b], band[b], max);
	return 0;
}

int fp_check_ward(const struct floorplan *fp, const struct fp_ward *w, struct ns_err *err)
{
	char what[96];
	int rc;

	if (!w->name[0])
		return ns_err_set(err, -EINVAL, "a ward needs a name");
	if ((rc = ns_text_check("the ward name", w->name, sizeof(w->name), NS_TEXT_REQUIRED, err)))
		return rc;
	snprintf(what, sizeof(what), "ward '%s'", w->name);
	return fp_check_outline(fp, what, w->pts, w->npts, err);
}

int fp_check_area(const struct floorplan *fp, const struct fp_area *a, struct ns_err *err)
{
	char what[96];
	int rc;

	if (!a->name[0])
		return ns_err_set(err, -EINVAL, "an attenuation area needs a name");
	if ((rc = ns_text_check("the area name", a->name, sizeof(a->name), NS_TEXT_REQUIRED,
				err)) ||
	    (rc = ns_text_check("the area's material", a->material, sizeof(a->material),
				NS_TEXT_OPTIONAL, err)))
		return rc;
	snprintf(what, sizeof(what), "area '%s'", a->name);
	rc = fp_check_outline(fp, what, a->pts, a->npts, err);
	return rc ? rc : check_losses(what, a->loss_db_per_m, MAX_AREA_LOSS_DB_PER_M, err);
}

int fp_check_wall(const struct floorplan *fp, const struct fp_wall *w, struct ns_err *err)
{
	int rc;

	(void)fp;
	if ((rc = ns_text_check("the wall's material", w->material, sizeof(w->material),
				NS_TEXT_OPTIONAL, err)))
		return rc;
	if (w->npts < 2)
		return ns_err_set(err, -EINVAL, "a wall needs at least 2 points; it has %zu", w->npts);
	for (size_t i = 0; i < w->npts; i++)
		if (!finite_point(w->pts[i]))
			return ns_err_set(err, -EINVAL, "a wall's point %zu is not a finite position",
					  i + 1);
	return check_losses("a wall", w->loss_db, MAX_LOSS_DB, err);
}

int fp_check_opening(const struct floorplan *fp, const struct fp_opening *o,
		     struct ns_err *err)
{
	int rc;

	(void)fp;
	if ((rc = ns_text_check("the opening's kind", o->kind, sizeof(o->kind), NS_TEXT_OPTIONAL,
				err)))
		return rc;
	if (!finite_point(o->a) || !finite_point(o->b))
		return ns_err_set(err, -EINVAL, "an opening's ends must be finite positions");
	return check_losses("an opening", o->loss_db, MAX_LOSS_DB, err);
}

static bool width_known(int w)
{
	return w == 0 || w == 20 || w == 40 || w == 80 || w == 160 || w == 320;
}

int fp_check_ap(const struct floorplan *fp, const struct fp_ap *ap, struct ns_err *err)
{
	int rc;

	(void)fp;
	if ((rc = ns_text_check("the AP name", ap->name, sizeof(ap->name), NS_TEXT_OPTIONAL,
				err)) ||
	    (rc = ns_text_check("the AP's BSSID pattern", ap->bssid_pattern,
				sizeof(ap->bssid_pattern), NS_TEXT_OPTIONAL, err)))
		return rc;
	if (!finite_point(ap->pos))
		return ns_err_set(err, -EINVAL, "AP '%s': its position is not finite", ap->name);
	if (!fp_ap_source_known(ap->source))
		return ns_err_set(err, -EINVAL,
				  "AP '%s': '%s' is not a source (planned, estimated, surveyed or "
				  "proposed)", ap->name, ap->source);
	if (!isnan(ap->height_m) && (!isfinite(ap->height_m) || ap->height_m < 0 ||
				     ap->height_m > 100))
		return ns_err_set(err, -EINVAL, "AP '%s': a height of %g m is not 0 to 100 m",
				  ap->name, ap->height_m);
	if (ap->nradios > FP_MAX_RADIOS)
		return ns_err_set(err, -EINVAL, "AP '%s' has %zu radios; at most %d are kept",
				  ap->name, ap->nradios, FP_MAX_RADIOS);
	for (size_t i = 0; i < ap->nradios; i++) {
		const struct fp_radio *r = &ap->radios[i];

		if (r->band < 0 || r->band >= FP_NBANDS)
			return ns_err_set(err, -EINVAL, "AP '%s', radio %zu: band %d is not 2.4, 5 "
					  "or 6 GHz", ap->name, i + 1, (int)r->band);
		if (r->channel < 0 || r->channel > 233)
			return ns_err_set(err, -EINVAL, "AP '%s', radio %zu: channel %d does not "
					  "exist", ap->name, i + 1, r->channel);
		if (!width_known(r->width_mhz))
			return ns_err_set(err, -EINVAL, "AP '%s', radio %zu: a width of %d MHz is not "
					  "20, 40, 80, 160 or 320", ap->name, i + 1, r->width_mhz);
		if (!isnan(r->tx_power_dbm) && (!isfinite(r->tx_power_dbm) ||
						fabs(r->tx_power_dbm) > 60))
			return ns_err_set(err, -EINVAL, "AP '%s', radio %zu: a power of %g dBm is "
					  "not -60 to 60", ap->name, i + 1, r->tx_power_dbm);
	}
	return 0;
}

int fp_check_calib(const struct fp_calib *c, struct ns_err *err)
{
	double scale;

	if (isnan(c->ax_px) && isnan(c->ay_px) && isnan(c->bx_px) && isnan(c->by_px) &&
	    isnan(c->m))
		return 0;
	if (!isfinite(c->ax_px) || !isfinite(c->ay_px) || !isfinite(c->bx_px) ||
	    !isfinite(c->by_px))
		return ns_err_set(err, -EINVAL, "the calibration points must be finite numbers");
	if (hypot(c->bx_px - c->ax_px, c->by_px - c->ay_px) < 1)
		return ns_err_set(err, -EINVAL,
				  "the calibration points (%g, %g) and (%g, %g) px coincide: pick the "
				  "ends of a long feature", c->ax_px, c->ay_px, c->bx_px, c->by_px);
	return fp_scale_from_points(c->ax_px, c->ay_px, c->bx_px, c->by_px, c->m, &scale, err);
}

/* The slab: a known material, or "custom" with every loss given; losses in range. */
static int check_slab(const struct floorplan *fp, struct ns_err *err)
{
	bool custom = strcmp(fp->slab_material, "custom") == 0;

	if (!custom && !fp_slab_find(fp->slab_material))
		return ns_err_set(err, -EINVAL,
				  "floor '%s': '%s' is not a slab material (concrete-slab, "
				  "hospital-heavy-slab or custom)", fp->name, fp->slab_material);
	for (int b = 0; b < FP_NBANDS; b++) {
		double l = fp->slab_loss_db[b];

		if (isnan(l) && custom)
			return ns_err_set(err, -EINVAL,
					  "floor '%s': a custom slab needs its loss in every band",
					  fp->name);
		if (!isnan(l) && (!isfinite(l) || l < 0 || l > MAX_LOSS_DB))
			return ns_err_set(err, -EINVAL, "floor '%s': a slab loss of %g dB is not 0 "
					  "to %g", fp->name, l, MAX_LOSS_DB);
	}
	return 0;
}

int fp_check_level(const struct floorplan *fp, struct ns_err *err)
{
	int rc;

	if (!fp->name[0])
		return ns_err_set(err, -EINVAL, "a floor needs a name");
	if ((rc = ns_text_check("the floor name", fp->name, sizeof(fp->name), NS_TEXT_REQUIRED,
				err)) ||
	    (rc = ns_text_check("the building name", fp->building, sizeof(fp->building),
				NS_TEXT_OPTIONAL, err)))
		return rc;
	if (!isnan(fp->elevation_m) && !isfinite(fp->elevation_m))
		return ns_err_set(err, -EINVAL, "floor '%s': its elevation is not finite", fp->name);
	if (!isnan(fp->height_m) && !(fp->height_m >= 0.5 && fp->height_m <= 100))
		return ns_err_set(err, -EINVAL, "floor '%s': a floor-to-floor height of %g m is "
				  "not 0.5 to 100 m", fp->name, fp->height_m);
	if (!isfinite(fp->align.dx_m) || !isfinite(fp->align.dy_m) ||
	    !isfinite(fp->align.rot_deg))
		return ns_err_set(err, -EINVAL, "floor '%s': its alignment is not finite", fp->name);
	if (fp->px_per_m != 0 && (rc = fp_check_scale(fp->px_per_m, err)))
		return rc;
	rc = check_slab(fp, err);
	if (!rc && (rc = fp_check_calib(&fp->calib, err)))
		ns_err_prefix(err, "floor '%s'", fp->name);
	return rc;
}

int fp_check_building(const struct fp_building *b, struct ns_err *err)
{
	int rc;

	if (!b->name[0])
		return ns_err_set(err, -EINVAL, "a building needs a name");
	if ((rc = ns_text_check("the building name", b->name, sizeof(b->name), NS_TEXT_REQUIRED,
				err)) ||
	    (rc = ns_text_check("the building's note", b->note, sizeof(b->note), NS_TEXT_OPTIONAL,
				err)))
		return rc;
	if (!isfinite(b->north_deg))
		return ns_err_set(err, -EINVAL, "building '%s': its north bearing is not finite",
				  b->name);
	if (!(b->default_height_m >= 0.5 && b->default_height_m <= 100))
		return ns_err_set(err, -EINVAL, "building '%s': a floor-to-floor height of %g m is "
				  "not 0.5 to 100 m", b->name, b->default_height_m);
	return 0;
}
