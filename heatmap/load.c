/* SPDX-License-Identifier: GPL-3.0-or-later */
/* load.c — see load.h. */
#include "heatmap/load.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/sidecar.h"
#include "heatmap/grid.h"

/* How far @p lies outside the box @mn..@mx, metres (0 inside). */
static double outside(struct fp_point p, struct fp_point mn, struct fp_point mx)
{
	double dx = fmax(0, fmax(mn.x - p.x, p.x - mx.x));
	double dy = fmax(0, fmax(mn.y - p.y, p.y - mx.y));

	return hypot(dx, dy);
}

/*
 * Whether the samples of @set lying far outside the box, divided by @k, lie
 * on it and still spread over a tenth of it: a walk recorded in another unit.
 * (Samples offset by a wrong origin shrink to a point instead.)
 */
static bool fits_divided(const struct hm_set *set, double k, struct fp_point mn, struct fp_point mx)
{
	double lo_x = INFINITY, hi_x = -INFINITY, lo_y = INFINITY, hi_y = -INFINITY;

	for (size_t i = 0; i < set->where.n; i++) {
		struct fp_point p = { set->where.p[i].x, set->where.p[i].y };

		if (outside(p, mn, mx) <= HM_LOAD_MARGIN_M)
			continue;
		p.x /= k;
		p.y /= k;
		if (outside(p, mn, mx) > 1)
			return false;
		lo_x = fmin(lo_x, p.x);
		hi_x = fmax(hi_x, p.x);
		lo_y = fmin(lo_y, p.y);
		hi_y = fmax(hi_y, p.y);
	}
	return fmax(hi_x - lo_x, hi_y - lo_y) >= fmax(mx.x - mn.x, mx.y - mn.y) / 10;
}

/* Whether @p is a place any floor can have (sidecar.h's limit for every coordinate). */
static bool plausible(struct fp_point p)
{
	return fabs(p.x) <= FP_SIDECAR_MAX_COORD_M && fabs(p.y) <= FP_SIDECAR_MAX_COORD_M;
}

static int bad_point(const struct floorplan *fp, const char *what, const char *name,
		     struct fp_point p, struct ns_err *err)
{
	return ns_err_set(err, -EBADMSG,
			  "floor '%s' is damaged: %s%s%s%s has a point at (%g, %g) m; no floor "
			  "reaches more than %.0f m from its origin", fp->name, what,
			  name ? " '" : "", name ? name : "", name ? "'" : "", p.x, p.y,
			  FP_SIDECAR_MAX_COORD_M);
}

/*
 * The floor's geometry as a damaged or hostile file may hold it: a ward
 * corner at 1e21 m would size the map's grid in thousands of kilometres.
 */
static int check_geometry(const struct floorplan *fp, struct ns_err *err)
{
	for (size_t w = 0; w < fp->nwards; w++)
		for (size_t k = 0; k < fp->wards[w].npts; k++)
			if (!plausible(fp->wards[w].pts[k]))
				return bad_point(fp, "ward", fp->wards[w].name, fp->wards[w].pts[k],
						 err);
	for (size_t w = 0; w < fp->nwalls; w++)
		for (size_t k = 0; k < fp->walls[w].npts; k++)
			if (!plausible(fp->walls[w].pts[k]))
				return bad_point(fp, "a wall", NULL, fp->walls[w].pts[k], err);
	for (size_t o = 0; o < fp->nopenings; o++)
		if (!plausible(fp->openings[o].a) || !plausible(fp->openings[o].b))
			return bad_point(fp, "an opening", NULL,
					 plausible(fp->openings[o].a) ? fp->openings[o].b
								      : fp->openings[o].a, err);
	for (size_t a = 0; a < fp->naps; a++)
		if (!plausible(fp->aps[a].pos))
			return bad_point(fp, "AP", fp->aps[a].name, fp->aps[a].pos, err);
	return 0;
}

/* Samples far outside @fp: refused with one sentence (see load.h). */
static int check_positions(const struct floorplan *fp, const struct hm_set *set,
			   struct ns_err *err)
{
	struct fp_point mn, mx;
	size_t far = 0;
	double worst = 0;
	char dist[32], hint[160];

	if (!hm_floor_bounds(fp, NULL, 0, &mn, &mx))
		return 0; /* nothing to measure against: an uncalibrated, empty floor */
	for (size_t i = 0; i < set->where.n; i++) {
		double d = outside((struct fp_point){ set->where.p[i].x, set->where.p[i].y }, mn, mx);

		if (d > HM_LOAD_MARGIN_M) {
			far++;
			worst = fmax(worst, d);
		}
	}
	if (!far)
		return 0;
	if (worst >= 1000)
		snprintf(dist, sizeof(dist), "%.1f km", worst / 1000);
	else
		snprintf(dist, sizeof(dist), "%.0f m", worst);
	if (fits_divided(set, 1 / 0.3048, mn, mx))
		snprintf(hint, sizeof(hint), "were the positions written in feet? Times 0.3048 they "
					     "lie on the floor");
	else if (fits_divided(set, 100, mn, mx))
		snprintf(hint, sizeof(hint), "were the positions written in centimetres? Divided by "
					     "100 they lie on the floor");
	else if (fits_divided(set, 1000, mn, mx))
		snprintf(hint, sizeof(hint), "were the positions written in millimetres? Divided by "
					     "1000 they lie on the floor");
	else
		snprintf(hint, sizeof(hint), "check the positions' unit (metres) and the floor's "
					     "scale and origin");
	return ns_err_set(err, -ERANGE,
			  "%zu of %zu samples lie outside floor '%s' (%.0f x %.0f m), up to %s "
			  "beyond its edge: %s", far, set->where.n, fp->name, mx.x - mn.x,
			  mx.y - mn.y, dist, hint);
}

int hm_load_floor(struct survey *s, const char *floor_name, struct floorplan **fp,
		  struct hm_set *set, struct ns_err *err)
{
	struct survey_floor_info *floors = NULL;
	size_t n = 0;
	int64_t id = 0;
	int rc;

	*fp = NULL;
	hm_set_init(set);
	if ((rc = survey_list_floors(s, &floors, &n, err)))
		return rc;
	if (n == 0) {
		free(floors);
		return ns_err_set(err, -ENOENT, "the survey has no floors");
	}
	if (floor_name) {
		for (size_t k = 0; k < n; k++)
			if (strcmp(floors[k].name, floor_name) == 0)
				id = floors[k].id;
	} else if (n == 1) {
		id = floors[0].id;
	}
	if (!id) {
		char names[400] = "";
		size_t used = 0;

		for (size_t k = 0; k < n && used + 70 < sizeof(names); k++)
			used += (size_t)snprintf(names + used, sizeof(names) - used, "%s'%s'",
						 k ? ", " : "", floors[k].name);
		free(floors);
		if (floor_name)
			return ns_err_set(err, -ENOENT, "the survey has no floor '%s' (it has %s)",
					  floor_name, names);
		return ns_err_set(err, -EINVAL, "the survey has several floors (%s); choose one with --floor",
				  names);
	}
	free(floors);
	return hm_load_floor_id(s, id, fp, set, err);
}

int hm_load_floor_id(struct survey *s, int64_t id, struct floorplan **fp, struct hm_set *set,
		     struct ns_err *err)
{
	struct survey_query q = { 0 };
	int rc;

	*fp = NULL;
	hm_set_init(set);
	if ((rc = survey_load_floor(s, id, fp, err)))
		return rc;
	if ((rc = check_geometry(*fp, err))) {
		floorplan_free(*fp);
		*fp = NULL;
		return rc;
	}
	q.floor_id = id;
	q.placed_only = true;
	if ((rc = survey_foreach_sample(s, &q, hm_set_sample_cb, set, err)) ||
	    (rc = hm_set_finish(set, err)) || (rc = check_positions(*fp, set, err))) {
		if (rc > 0 || !err || !err->msg[0])
			rc = ns_err_set(err, rc > 0 ? -ENOMEM : rc, "cannot read the samples");
		floorplan_free(*fp);
		*fp = NULL;
		hm_set_release(set);
		return rc;
	}
	return 0;
}
