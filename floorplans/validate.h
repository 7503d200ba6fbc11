/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * validate.h — what the floor model refuses, in one place: outlines that are
 * not a place (fewer than 3 distinct corners, crossing themselves, off the
 * drawing), elements with values that are not finite, a level's metadata that
 * makes no sense (calibration points that coincide, an unknown slab).
 *
 * The survey store checks every element it writes through these (survey.h),
 * so an editor, the CLI and an importer meet the same refusals. Each refusal
 * is -EINVAL with one sentence naming the value. Loading never checks: a file
 * written before a rule existed still opens, and its elements can be fixed.
 *
 * Every name (a floor's, a building's, a ward's, an area's, an AP's, a wall's
 * material, an opening's kind) passes the one rule for names
 * (util/textcheck.h): valid UTF-8, no control or bidirectional characters,
 * fits its field; names that must exist are not blank.
 */
#ifndef NOTSPOT_FLOORPLANS_VALIDATE_H
#define NOTSPOT_FLOORPLANS_VALIDATE_H

#include <stdbool.h>

#include "floorplans/model.h"
#include "util/err.h"

/*
 * How far an outline may reach past the drawing's edge, m: a ward drawn to the
 * outer face of a wall that the drawing crops, or a calibration a few pixels
 * off, is still on the drawing.
 */
#define FP_DRAWING_TOLERANCE_M 0.5

/** fp_ap_source_known() - "planned", "estimated", "surveyed" or "proposed". */
bool fp_ap_source_known(const char *source);

/**
 * fp_check_outline() - @pts (@n) as the outline of the element @what names
 * ("ward 'Bay A'"): at least 3 distinct points, every one finite, a simple
 * polygon (fp_polygon_is_simple()), and within the drawing's extent in metres
 * (FP_DRAWING_TOLERANCE_M) when @fp has a calibrated drawing (px_per_m,
 * width_px and height_px all > 0). @fp may be NULL: no extent to check.
 */
int fp_check_outline(const struct floorplan *fp, const char *what, const struct fp_point *pts,
		     size_t n, struct ns_err *err);

/**
 * fp_check_ward() / _wall() / _opening() / _ap() / _area() - one element as
 * it would be stored on @fp (whose drawing, if any, bounds outlines; may be
 * NULL). A ward or area: a name and fp_check_outline(); a wall: at least 2
 * finite points; losses finite and 0..200 dB (areas: dB per metre, 0..100);
 * an opening: finite ends; an AP: a finite position, a known source, at most
 * FP_MAX_RADIOS radios with a band, a channel and a width that exist.
 */
int fp_check_ward(const struct floorplan *fp, const struct fp_ward *w, struct ns_err *err);
int fp_check_wall(const struct floorplan *fp, const struct fp_wall *w, struct ns_err *err);
int fp_check_opening(const struct floorplan *fp, const struct fp_opening *o,
		     struct ns_err *err);
int fp_check_ap(const struct floorplan *fp, const struct fp_ap *ap, struct ns_err *err);
int fp_check_area(const struct floorplan *fp, const struct fp_area *a, struct ns_err *err);

/**
 * fp_check_calib() - none (all NAN), or two finite points at least 1 px apart
 * (points that coincide cannot set a scale) and a distance > 0 m.
 */
int fp_check_calib(const struct fp_calib *c, struct ns_err *err);

/**
 * fp_check_level() - a floor's own fields but its drawing and elements: a
 * name; elevation NAN or finite; height NAN or 0.5..100 m; a slab material of
 * fp_slabs[] (or "custom", which needs all three losses); slab losses NAN or
 * 0..200 dB; a finite alignment; fp_check_calib(); a plausible scale or 0.
 */
int fp_check_level(const struct floorplan *fp, struct ns_err *err);

/**
 * fp_check_building() - a name, a finite bearing (any: it is taken modulo
 * 360) and a default floor-to-floor height of 0.5..100 m.
 */
int fp_check_building(const struct fp_building *b, struct ns_err *err);

#endif
