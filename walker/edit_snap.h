/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * edit_snap.h — the plan editor's geometry: what the pointer is on (hit
 * tests), where a click snaps to (wall ends, a point on a wall), a door laid
 * along a wall, and the alignment of one level onto another.
 *
 * Metres on the floor throughout; a tolerance is the caller's (a few screen
 * pixels turned into metres at the current zoom), so targets stay the same
 * size on the screen whatever the zoom. Pure functions: no GTK, no survey.
 */
#ifndef NOTSPOT_WALKER_EDIT_SNAP_H
#define NOTSPOT_WALKER_EDIT_SNAP_H

#include <stdbool.h>
#include <stddef.h>

#include "floorplans/model.h"
#include "walker/edit_doc.h"

/* What the pointer is on. */
struct edit_hit {
	enum edit_kind kind;
	int index;       /* in the floor's array of that kind */
	int vertex;      /* a ward's or wall's corner that was grabbed; -1: the whole element */
};

/**
 * edit_hit_test() - the element at @p within @tol_m, the one on top first:
 * an AP, an opening, a wall's corner, a wall, a ward's corner, a ward's edge,
 * the inside of a ward (the smallest one). False (and @out->index -1) if none.
 */
bool edit_hit_test(const struct floorplan *fp, struct fp_point p, double tol_m,
		   struct edit_hit *out);

/**
 * edit_snap_corner() - the wall corner (ends included) nearest @p within
 * @tol_m, also those of the @n points @extra (a wall being drawn; may be
 * NULL). True and *@out when one is there.
 */
bool edit_snap_corner(const struct floorplan *fp, const struct fp_point *extra, size_t n,
		      struct fp_point p, double tol_m, struct fp_point *out);

/* A place on a wall. */
struct edit_on_wall {
	int wall;              /* index in fp->walls */
	size_t seg;            /* segment pts[seg] - pts[seg + 1] */
	struct fp_point at;    /* the foot of the perpendicular from the pointer */
	double dist_m;         /* from the pointer to @at */
};

/** edit_on_wall() - the nearest point of any wall to @p within @tol_m. */
bool edit_on_wall(const struct floorplan *fp, struct fp_point p, double tol_m,
		  struct edit_on_wall *out);

/**
 * edit_door_on_wall() - a door @width_m wide centred on @w->at, along its
 * segment, slid back inside the segment where it would run past an end (the
 * whole segment when the segment is shorter). Ends in *@a and *@b.
 */
void edit_door_on_wall(const struct floorplan *fp, const struct edit_on_wall *w, double width_m,
		       struct fp_point *a, struct fp_point *b);

/** edit_align_apply() - @p carried by @al: R(rot)·p + (dx, dy) (floorplans/model.h). */
struct fp_point edit_align_apply(struct fp_align al, struct fp_point p);

/** edit_align_inverse() - the alignment that undoes @al. */
struct fp_align edit_align_inverse(struct fp_align al);

/**
 * edit_align_relative() - how @fp's frame lies in @ref's: the @rel for which
 * @fp->align == fp_align_compose(@ref->align, rel). It takes a point of @fp to
 * the same place in @ref's metres.
 */
struct fp_align edit_align_relative(const struct floorplan *fp, const struct floorplan *ref);

#endif
