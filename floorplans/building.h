/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * building.h — the levels of a building as one body: the frame they share
 * (each floor's metre frame aligned onto the building's), how high each level
 * stands, and what the slabs between levels cost a radio path.
 *
 * Units: metres, degrees, dB. The floors passed in are read, never kept. The
 * building's frame is a plane frame like a floor's (x to the right, y down as
 * the drawings read); elevation is above the building's datum (usually the
 * ground floor's level).
 */
#ifndef NOTSPOT_FLOORPLANS_BUILDING_H
#define NOTSPOT_FLOORPLANS_BUILDING_H

#include <stddef.h>

#include "floorplans/model.h"
#include "util/err.h"

/*
 * COST 231 multi-floor model (DOMAIN.md, "Floors"): n floors between the ends
 * of a path cost L · n^((n + 2) / (n + 1) − b) dB, so each extra floor adds
 * less than the one before. L is the one-floor loss (COST 231 fits 18.3 dB;
 * notspot uses the slabs' own figures, see fp_slab_loss_between()).
 */
#define FP_COST231_B 0.46

/** fp_floor_to_building() - @p (floor metres) in its building's frame, by @fp->align. */
struct fp_point fp_floor_to_building(const struct floorplan *fp, struct fp_point p);

/** fp_building_to_floor() - @p (building metres) in @fp's own frame: the inverse. */
struct fp_point fp_building_to_floor(const struct floorplan *fp, struct fp_point p);

/**
 * fp_align_compose() - the alignment that applies @inner first, then @outer:
 * a floor aligned by @inner onto a reference floor that is itself aligned by
 * @outer onto the building.
 */
struct fp_align fp_align_compose(struct fp_align outer, struct fp_align inner);

/**
 * fp_align_from_pairs() - the rigid alignment (rotation and shift, no scale)
 * that takes points @a and @b of one floor onto the points @ra and @rb where
 * the same two features lie in a reference frame. The rotation comes from the
 * direction a→b against ra→rb; the shift puts the midpoints together (so an
 * error of scale between the drawings splits evenly). -EINVAL with a sentence
 * when a pair's points coincide (closer than 1 cm) or a value is not finite.
 */
int fp_align_from_pairs(struct fp_point a, struct fp_point b, struct fp_point ra,
			struct fp_point rb, struct fp_align *out, struct ns_err *err);

/**
 * fp_floor_height() - @fp's floor-to-floor height, m: its own, else @b's
 * default (FP_DEFAULT_HEIGHT_M when @b is NULL or gives none).
 */
double fp_floor_height(const struct floorplan *fp, const struct fp_building *b);

/**
 * fp_floor_elevation() - the height of @fp's floor above the building's datum,
 * m: its own elevation_m when given, else level × fp_floor_height(@fp, @b)
 * (levels below ground come out negative).
 */
double fp_floor_elevation(const struct floorplan *fp, const struct fp_building *b);

/**
 * fp_floor_slab_loss() - the one-pass loss in @band of the slab @fp stands on,
 * dB: its own figure for the band when given, else its slab material's from
 * fp_slabs[], else (an unknown material) FP_DEFAULT_SLAB's.
 */
double fp_floor_slab_loss(const struct floorplan *fp, enum fp_band band);

/**
 * fp_slab_loss_between() - what the slabs between levels @level_a and
 * @level_b of one building cost a path in @band, dB, by the COST 231
 * multi-floor rule: with n = |level_a − level_b| slabs crossed and L the mean
 * of their one-pass losses, L · n^((n + 2) / (n + 1) − FP_COST231_B); 0 on
 * the same level, exactly the slab's loss through one. The slab between level
 * k − 1 and k is the one level k stands on: that of the floor in @floors
 * (@n of them, the building's) at level k, the heaviest when several floors
 * share the level, FP_DEFAULT_SLAB's when none is there.
 */
double fp_slab_loss_between(const struct floorplan *const *floors, size_t n, int level_a,
			    int level_b, enum fp_band band);

#endif
