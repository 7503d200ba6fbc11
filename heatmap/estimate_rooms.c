/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate_rooms.c — rooms, for an honest "surveyed" (estimate_priv.h).
 *
 * A room is a region of cells 4-connected without crossing a drawn wall, with
 * every door and doorway closed: the spaces the walls close, found the same
 * way on any drawing (wards are named areas, often many rooms; they are not
 * used). The step between two neighbouring cell centres is blocked when it
 * meets a wall segment lengthened by ROOM_CLOSE_M at both ends, so walls
 * drawn a few centimetres short of each other still close a room. Rooms are
 * found on a grid covering the map's grid and every sample, so a sample just
 * off a cropped map still belongs to its room. A floor with no walls is one
 * room.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/estimate_priv.h"

#define ROOM_CLOSE_M 0.15

static inline double orient(double ax, double ay, double bx, double by, double px, double py)
{
	return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

/* Whether segments p–q and a–b meet (touching counts). */
static bool meet(double px, double py, double qx, double qy, double ax, double ay, double bx,
		 double by)
{
	double d1 = orient(ax, ay, bx, by, px, py), d2 = orient(ax, ay, bx, by, qx, qy);
	double d3 = orient(px, py, qx, qy, ax, ay), d4 = orient(px, py, qx, qy, bx, by);

	return ((d1 <= 0 && d2 >= 0) || (d1 >= 0 && d2 <= 0)) &&
	       ((d3 <= 0 && d4 >= 0) || (d3 >= 0 && d4 <= 0));
}

/* The room grid: whole cells of @g's size, aligned with it, over it and the samples. */
static void room_grid(const struct hm_est *e, struct hm_grid *rg, int *oi, int *oj)
{
	const struct hm_grid *g = &e->g;
	double x0 = g->x0, y0 = g->y0, x1 = g->x0 + g->nx * g->cell_m, y1 = g->y0 + g->ny * g->cell_m;

	for (size_t b = 0; b < e->nbins; b++) {
		x0 = fmin(x0, e->binx[b] - 1);
		y0 = fmin(y0, e->biny[b] - 1);
		x1 = fmax(x1, e->binx[b] + 1);
		y1 = fmax(y1, e->biny[b] + 1);
	}
	*oi = (int)ceil((g->x0 - x0) / g->cell_m);
	*oj = (int)ceil((g->y0 - y0) / g->cell_m);
	rg->cell_m = g->cell_m;
	rg->x0 = g->x0 - *oi * g->cell_m;
	rg->y0 = g->y0 - *oj * g->cell_m;
	rg->nx = (int)ceil((x1 - rg->x0) / g->cell_m);
	rg->ny = (int)ceil((y1 - rg->y0) / g->cell_m);
}

/* Mark the steps a wall segment a–b blocks: right[c] (c to c+1), down[c] (c to c+nx). */
static void block_segment(const struct hm_grid *rg, struct fp_point a, struct fp_point b,
			  uint8_t *right, uint8_t *down)
{
	double len = hypot(b.x - a.x, b.y - a.y), ex, ey, c = rg->cell_m;

	if (len <= 0)
		return;
	ex = (b.x - a.x) / len * ROOM_CLOSE_M;
	ey = (b.y - a.y) / len * ROOM_CLOSE_M;
	a.x -= ex, a.y -= ey, b.x += ex, b.y += ey;
	int i0 = (int)floor((fmin(a.x, b.x) - rg->x0) / c) - 1, i1 = (int)floor((fmax(a.x, b.x) - rg->x0) / c) + 1;
	int j0 = (int)floor((fmin(a.y, b.y) - rg->y0) / c) - 1, j1 = (int)floor((fmax(a.y, b.y) - rg->y0) / c) + 1;

	i0 = i0 < 0 ? 0 : i0;
	j0 = j0 < 0 ? 0 : j0;
	i1 = i1 >= rg->nx ? rg->nx - 1 : i1;
	j1 = j1 >= rg->ny ? rg->ny - 1 : j1;
	for (int j = j0; j <= j1; j++)
		for (int i = i0; i <= i1; i++) {
			struct fp_point p = hm_grid_center(rg, i, j);
			size_t k = (size_t)j * rg->nx + i;

			if (i + 1 < rg->nx && meet(p.x, p.y, p.x + c, p.y, a.x, a.y, b.x, b.y))
				right[k] = 1;
			if (j + 1 < rg->ny && meet(p.x, p.y, p.x, p.y + c, a.x, a.y, b.x, b.y))
				down[k] = 1;
		}
}

/* Label the regions of @rg between blocked steps; returns how many, or -ENOMEM. */
static long flood(const struct hm_grid *rg, const uint8_t *right, const uint8_t *down, int *room)
{
	size_t nc = hm_grid_ncells(rg), *stack = malloc((nc + 1) * sizeof(size_t));
	long nrooms = 0;

	if (!stack)
		return -ENOMEM;
	for (size_t c = 0; c < nc; c++)
		room[c] = -1;
	for (size_t s = 0; s < nc; s++) {
		size_t sp = 0;

		if (room[s] >= 0)
			continue;
		room[s] = (int)nrooms;
		stack[sp++] = s;
		while (sp) {
			size_t c = stack[--sp];
			int i = (int)(c % rg->nx), j = (int)(c / rg->nx);

#define VISIT(cond, q)                              \
	do {                                        \
		if ((cond) && room[q] < 0) {        \
			room[q] = (int)nrooms;      \
			stack[sp++] = (q);          \
		}                                   \
	} while (0)
			VISIT(i + 1 < rg->nx && !right[c], c + 1);
			VISIT(i > 0 && !right[c - 1], c - 1);
			VISIT(j + 1 < rg->ny && !down[c], c + rg->nx);
			VISIT(j > 0 && !down[c - rg->nx], c - rg->nx);
#undef VISIT
		}
		nrooms++;
	}
	free(stack);
	return nrooms;
}

int hme_rooms(struct hm_est *e)
{
	const struct hm_grid *g = &e->g;
	struct hm_grid rg;
	int oi, oj, rc = -ENOMEM;
	long n;
	int *rroom;

	room_grid(e, &rg, &oi, &oj);
	/* Samples scattered over a site far larger than a cropped map: rooms over the map only. */
	if ((double)rg.nx * rg.ny > 4.0 * hm_grid_ncells(g) + 4e6) {
		rg = *g;
		oi = oj = 0;
	}
	size_t nc = hm_grid_ncells(&rg);
	uint8_t *right = calloc(nc + 1, 1), *down = calloc(nc + 1, 1);

	rroom = e->rroom = malloc((nc + 1) * sizeof(int));
	e->rg = rg;

	e->room = malloc((hm_grid_ncells(g) + 1) * sizeof(int));
	e->broom = malloc((e->nbins + 1) * sizeof(int));
	if (!right || !down || !rroom || !e->room || !e->broom)
		goto out;
	for (size_t w = 0; w < e->fp->nwalls; w++)
		for (size_t s = 0; s + 1 < e->fp->walls[w].npts; s++)
			block_segment(&rg, e->fp->walls[w].pts[s], e->fp->walls[w].pts[s + 1], right, down);
	if ((n = flood(&rg, right, down, rroom)) < 0)
		goto out;
	e->nrooms = (size_t)n;
	if (!(e->rwalked = calloc(e->nrooms + 1, 1)))
		goto out;
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++)
			e->room[(size_t)j * g->nx + i] = rroom[(size_t)(j + oj) * rg.nx + (i + oi)];
	for (size_t b = 0; b < e->nbins; b++) {
		int i, j;

		e->broom[b] = hm_grid_cell_of(&rg, (struct fp_point){ e->binx[b], e->biny[b] }, &i, &j)
				      ? rroom[(size_t)j * rg.nx + i]
				      : -1;
		if (e->broom[b] >= 0)
			e->rwalked[e->broom[b]] = 1;
	}
	rc = 0;
out:
	free(right);
	free(down);
	return rc;
}

int hme_room_at(const struct hm_est *e, double x, double y)
{
	int i, j;

	if (!e->rroom || !hm_grid_cell_of(&e->rg, (struct fp_point){ x, y }, &i, &j))
		return -1;
	return e->rroom[(size_t)j * e->rg.nx + i];
}
