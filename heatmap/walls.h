/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walls.h — the floor's walls prepared for many radio paths at once.
 *
 * Walls are split into straight pieces, each with the loss a path takes when
 * it crosses there: a wall's own loss, or an opening's (door, doorway) where
 * one lies on the wall — the rule of floorplans/geometry.h. Two operations:
 *  - hm_walls_path_loss(): the loss on one straight path (a bounding-box test
 *    first, so far walls cost little);
 *  - hm_walls_shadow(): the loss from one source to every cell centre of a
 *    grid window at once. Each piece casts a "shadow" (the points whose path
 *    to the source crosses it): a convex region bounded by the piece's line and
 *    the two rays through its ends. Per grid row that region is one interval,
 *    so a whole raster costs pieces × rows instead of cells × pieces.
 * Paths look only at the pieces in the buckets of a coarse grid they pass
 * through (a 40 m path in a 500-piece floor tests tens of pieces, not 500).
 * Both agree with each other exactly, at every cell: a path from the source
 * crosses a piece when the source and the target lie strictly on opposite
 * sides of the piece's line (standing on a wall's line is being on one side
 * of it) and the piece's ends lie on opposite sides of the path's line, an
 * end lying on the path's line counting as being on its left. So a path
 * through the joint of two pieces (a wall split at a junction, a door jamb,
 * the corner of two walls) crosses exactly one of them when it passes
 * through, and a ray of cells through a junction takes the value of one of
 * its neighbours — never both walls twice, never neither (the one-cell
 * streaks of counting a junction twice). The source is always the first
 * point: path_loss(a, b) is the shadow of a at b. They agree with
 * fp_path_wall_loss() except at such joints, where it merges hits its own way.
 *
 * Every piece remembers the drawn wall or opening it comes from (its *unit*)
 * and its material, so losses can be learned per material and per wall from
 * a survey (estimate.h) and a copy of the walls made with them.
 */
#ifndef NOTSPOT_HEATMAP_WALLS_H
#define NOTSPOT_HEATMAP_WALLS_H

#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/grid.h"
#include "util/err.h"

struct hm_wall_piece {
	double ax, ay, bx, by;        /* metres */
	double minx, miny, maxx, maxy;
	float loss_db[FP_NBANDS];     /* one-pass loss in use, dB */
	float drawn_db[FP_NBANDS];    /* the loss the floorplan gives, dB */
	int unit;                     /* the floor's wall k (k) or opening k (nwalls + k) */
	int mat;                      /* index into hm_walls.mats */
};

struct hm_walls {
	struct hm_wall_piece *p;      /* owned */
	size_t n;
	char (*mats)[32];             /* owned: the material keys of the pieces (walls' and openings') */
	size_t nmats;
	size_t nunits;                /* the floor's walls + openings */
	/* An index for paths: the pieces whose boxes touch each bucket of a coarse grid. */
	double ix0, iy0, icell;       /* the grid's corner and bucket side, m */
	int inx, iny;                 /* buckets; 0 when there is no index (few pieces) */
	uint32_t *istart;             /* owned: inx·iny + 1 offsets into ilist */
	uint32_t *ilist;              /* owned: piece indices, bucket by bucket */
};

/** hm_walls_init() - split @fp's walls at their openings. 0 or -ENOMEM. */
int hm_walls_init(struct hm_walls *w, const struct floorplan *fp, struct ns_err *err);
void hm_walls_release(struct hm_walls *w);

/**
 * hm_walls_copy_scaled() - @dst = @src with each piece's loss its drawn loss ×
 * @scale[its unit] (@scale: nunits factors). 0 or -ENOMEM.
 */
int hm_walls_copy_scaled(struct hm_walls *dst, const struct hm_walls *src, const float *scale);

/** hm_walls_path_loss() - total loss in dB crossing walls on the segment from source a to b. */
double hm_walls_path_loss(const struct hm_walls *w, double ax, double ay, double bx, double by,
			  enum fp_band band);

/**
 * hm_walls_path_pieces() - the pieces the path from source a to b crosses
 * (the rule above), their indices into @out (at most @cap). Returns how many
 * were crossed (may exceed @cap; only @cap are stored).
 */
size_t hm_walls_path_pieces(const struct hm_walls *w, double ax, double ay, double bx, double by,
			    size_t *out, size_t cap);

/**
 * hm_walls_shadow() - add to @out the wall loss (dB, @band) from source (@sx,
 * @sy) to the centre of every cell of @g in columns @i0..@i1-1 and rows
 * @j0..@j1-1. @out is that window, row-major with stride (@i1 - @i0).
 */
void hm_walls_shadow(const struct hm_walls *w, const struct hm_grid *g, double sx, double sy,
		     int i0, int j0, int i1, int j1, enum fp_band band, float *out);

#endif
