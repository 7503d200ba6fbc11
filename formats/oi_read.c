/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * oi_read.c — an OpenIntent 2.x document into a struct fmt_project.
 *
 * Every value is checked for its type through util/json_get, so a wrong one
 * is a sentence naming its JSON path; properties this reader does not know
 * are ignored (the format allows vendors' own). Positions become notspot's
 * metres (y down) through each floorplan's frame (oi_priv.h). Survey paths
 * become walks: with LINEAR_BY_TIME the path points are taps of a continuous
 * walk (an END followed by more points is a pause, so nothing is placed
 * across the break); otherwise every scan event with a coordinate of its own
 * is a stop-and-go point there. Signals are kept as given: they are already
 * calibrated by the adapter's rssi_calibration_offset_db, which is recorded.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/oi_priv.h"
#include "formats/oi_read_priv.h"
#include "formats/openintent.h"
#include "util/json_get.h"
#include "util/mac.h"

/* An optional string member into @buf (cut to fit: these are labels). */
int fmt_oi_opt_text(const json_t *o, const char *key, const struct ns_json_path *at, char *buf,
		    size_t cap, struct ns_err *err)
{
	const char *s = NULL;
	int rc = ns_json_get_string(o, key, false, at, &s, err);

	if (!rc && s)
		snprintf(buf, cap, "%s", s);
	return rc;
}

/* An optional array member: *@arr NULL when absent. */
int fmt_oi_opt_array(const json_t *o, const char *key, const struct ns_json_path *at,
		     json_t **arr, struct ns_err *err)
{
	int rc = ns_json_member(o, key, false, at, arr, err);

	if (!rc && *arr)
		rc = ns_json_array(*arr, NS_JSON_KEY(at, key), MAX_ITEMS, NULL, err);
	return rc;
}

static double unit_scale(const char *unit, const struct level_ctx *lv)
{
	if (strcmp(unit, "meters") == 0)
		return 1;
	if (strcmp(unit, "feet") == 0)
		return FMT_M_PER_FT;
	if (strcmp(unit, "pixels") == 0 && lv && lv->px_per_m > 0)
		return 1 / lv->px_per_m;
	return NAN;
}

/*
 * A coordinate object's coordinate_xyz as notspot metres on level @lv;
 * *@has is false when it has none (a latitude/longitude only).
 */
int fmt_oi_read_xyz(const json_t *c, const struct ns_json_path *at, const struct level_ctx *lv,
		    double *x, double *y, double *z, bool *has, struct ns_err *err)
{
	const struct ns_json_path *xat = NS_JSON_KEY(at, "coordinate_xyz");
	json_t *xyz = NULL;
	const char *unit;
	double ox, oy, k;
	int rc;

	*has = false;
	if ((rc = ns_json_object(c, at, err)) || (rc = ns_json_member(c, "coordinate_xyz", false,
								      at, &xyz, err)) || !xyz)
		return rc;
	if ((rc = ns_json_object(xyz, xat, err)) ||
	    (rc = ns_json_get_number(xyz, "x", true, xat, &ox, err)) ||
	    (rc = ns_json_get_number(xyz, "y", true, xat, &oy, err)) ||
	    (rc = ns_json_get_string(xyz, "unit", true, xat, &unit, err)))
		return rc;
	k = unit_scale(unit, lv);
	if (isnan(k))
		return ns_json_fail(err, NS_JSON_KEY(xat, "unit"),
				    "'%s' is not meters, feet or pixels with a known scale", unit);
	if (z) {
		*z = NAN;
		if ((rc = ns_json_get_number(xyz, "z", false, xat, z, err)))
			return rc;
		*z *= k;
	}
	fmt_frame_from_oi(&lv->fr, ox * k, oy * k, x, y);
	*has = true;
	return 0;
}

/* ---- materials ------------------------------------------------------------------- */

/* Three numbers under @key (notspot's own per-band losses); *@has when present. */
static int vendor_losses(const json_t *o, const char *key, const struct ns_json_path *at,
			 double out[FP_NBANDS], bool *has, struct ns_err *err)
{
	const struct ns_json_path *lat = NS_JSON_KEY(at, key);
	json_t *arr = NULL;
	size_t n;
	int rc;

	*has = false;
	if ((rc = ns_json_member(o, key, false, at, &arr, err)) || !arr)
		return rc;
	if ((rc = ns_json_array(arr, lat, FP_NBANDS, &n, err)))
		return rc;
	if (n != FP_NBANDS)
		return ns_json_fail(err, lat, "must hold 3 losses (2.4, 5, 6 GHz), not %zu", n);
	for (size_t b = 0; b < FP_NBANDS; b++)
		if ((rc = ns_json_number(json_array_get(arr, b), NS_JSON_INDEX(lat, b), 0, 1000,
					 &out[b], err)))
			return rc;
	*has = true;
	return 0;
}

/*
 * A material object's loss: notspot's per-band values when present, else
 * attenuation_flat, else attenuation_per_m × thickness_m (@per_m: the per
 * metre figure itself), the same in every band. *@has false when none.
 */
static int material_losses(const json_t *m, const struct ns_json_path *at, bool per_m,
			   double out[FP_NBANDS], bool *has, struct ns_err *err)
{
	const struct ns_json_path *rat = NS_JSON_KEY(at, "rf_properties");
	double flat = NAN, pm = NAN, thick = NAN, v = NAN;
	json_t *rf = NULL;
	int rc;

	if ((rc = ns_json_object(m, at, err)) ||
	    (rc = vendor_losses(m, per_m ? "notspot_loss_db_per_m" : "notspot_loss_db", at, out,
				has, err)) || *has)
		return rc;
	if ((rc = ns_json_get_number(m, "thickness_m", false, at, &thick, err)) ||
	    (rc = ns_json_member(m, "rf_properties", false, at, &rf, err)))
		return rc;
	if (rf && ((rc = ns_json_object(rf, rat, err)) ||
		   (rc = ns_json_get_number(rf, "attenuation_flat", false, rat, &flat, err)) ||
		   (rc = ns_json_get_number(rf, "attenuation_per_m", false, rat, &pm, err))))
		return rc;
	if (per_m)
		v = !isnan(pm) ? pm : flat;
	else
		v = !isnan(flat) ? flat : (!isnan(pm) && !isnan(thick)) ? pm * thick : NAN;
	if (isnan(v))
		return 0;
	for (int b = 0; b < FP_NBANDS; b++)
		out[b] = v;
	*has = true;
	return 0;
}

/* The wall_materials entry called @name, or NULL. */
static const json_t *find_material(const json_t *root, const char *list, const char *name,
				   size_t *index)
{
	const json_t *arr = json_object_get(root, list), *m;
	size_t i;

	if (!json_is_array(arr))
		return NULL;
	json_array_foreach(arr, i, m) {
		const json_t *n = json_object_get(m, "name");

		if (json_is_string(n) && strcmp(json_string_value(n), name) == 0) {
			*index = i;
			return m;
		}
	}
	return NULL;
}

/* A wall type's material key and losses: the segment's own, the file's material, notspot's table. */
static int wall_losses(const struct oi_ctx *c, const json_t *seg, const struct ns_json_path *at,
		       const char *type, char key[32], double loss[FP_NBANDS], struct ns_err *err)
{
	const struct ns_json_path doc = NS_JSON_ROOT("the OpenIntent document");
	const char *guess = fmt_material_guess(type);
	const json_t *m;
	size_t mi = 0;
	bool has = false;
	int rc;

	snprintf(key, 32, "%s", guess ? guess : "custom");
	if ((rc = vendor_losses(seg, "notspot_loss_db", at, loss, &has, err)) || has)
		return rc;
	m = find_material(c->root, "wall_materials", type, &mi);
	if (m && ((rc = material_losses(m, NS_JSON_INDEX(NS_JSON_KEY(&doc, "wall_materials"), mi),
					false, loss, &has, err)) || has))
		return rc;
	if (guess) {
		memcpy(loss, fp_material_find(guess)->loss_db, sizeof(double) * FP_NBANDS);
		return 0;
	}
	return ns_json_fail(err, NS_JSON_KEY(at, "wall_type"),
			    "wall type '%s' has no attenuation here or in wall_materials, and is "
			    "no material notspot knows", type);
}

/* ---- floorplans --------------------------------------------------------------------- */

static int wall_point(const json_t *seg, const char *key, const struct ns_json_path *at,
		      const struct level_ctx *lv, struct fp_point *pt, struct ns_err *err)
{
	const struct ns_json_path *pat = NS_JSON_KEY(at, key);
	json_t *o;
	double x, y;
	int rc;

	if ((rc = ns_json_member(seg, key, true, at, &o, err)) || (rc = ns_json_object(o, pat, err)) ||
	    (rc = ns_json_get_number(o, "x", true, pat, &x, err)) ||
	    (rc = ns_json_get_number(o, "y", true, pat, &y, err)))
		return rc;
	fmt_frame_from_oi(&lv->fr, x * lv->wall_scale, y * lv->wall_scale, &pt->x, &pt->y);
	return 0;
}

/*
 * A segment continuing the last wall extends it: one of the same notspot_wall
 * (our own export), or else of the same material and losses from its end.
 */
static int add_segment(struct floorplan *fp, const struct fp_point ab[2], const char *key,
		       const double loss[FP_NBANDS], long long wall, long long last,
		       struct ns_err *err)
{
	struct fp_wall *w = fp->nwalls ? &fp->walls[fp->nwalls - 1] : NULL;

	if (w && (wall < 0 || wall == last) && strcmp(w->material, key) == 0 && !memcmp(w->loss_db, loss, sizeof(w->loss_db)) &&
	    w->pts[w->npts - 1].x == ab[0].x && w->pts[w->npts - 1].y == ab[0].y) {
		struct fp_point *q = realloc(w->pts, (w->npts + 1) * sizeof(*q));

		if (!q)
			return ns_err_set(err, -ENOMEM, "out of memory");
		w->pts = q;
		w->pts[w->npts++] = ab[1];
		return 0;
	}
	if (floorplan_add_wall(fp, ab, 2, key, loss))
		return ns_err_set(err, -ENOMEM, "out of memory");
	return 0;
}

static int read_wall(const json_t *seg, const struct ns_json_path *at, size_t i, void *arg,
		     struct ns_err *err)
{
	struct oi_ctx *c = arg;
	const struct level_ctx *lv = &c->lv[c->p->nlevels - 1];
	struct floorplan *fp = c->p->levels[c->p->nlevels - 1].fp;
	struct fp_point ab[2];
	double loss[FP_NBANDS];
	char key[32];
	const char *type;
	long long wall = -1, last = c->last_wall;
	int rc;

	if (i == 0)
		last = -1;
	if ((rc = ns_json_get_int(seg, "notspot_wall", false, at, 0, 1000000000, &wall, err)) ||
	    (rc = ns_json_get_string(seg, "wall_type", true, at, &type, err)) ||
	    (rc = wall_point(seg, "start_point", at, lv, &ab[0], err)) ||
	    (rc = wall_point(seg, "end_point", at, lv, &ab[1], err)) ||
	    (rc = wall_losses(c, seg, at, type, key, loss, err)))
		return rc;
	if (ab[0].x == ab[1].x && ab[0].y == ab[1].y) {
		c->p->walls_left_out++;
		return 0;
	}
	c->last_wall = wall;
	return add_segment(fp, ab, key, loss, wall, last, err);
}

/* notspot's doors and gaps, kept under a vendor key so other tools do not count them as walls. */
static int read_opening(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
			struct ns_err *err)
{
	struct oi_ctx *c = arg;
	const struct level_ctx *lv = &c->lv[c->p->nlevels - 1];
	struct fp_point ab[2];
	double loss[FP_NBANDS];
	char kind[32] = "doorway";
	bool has;
	int rc;

	(void)i;
	if ((rc = fmt_oi_opt_text(o, "kind", at, kind, sizeof(kind), err)) ||
	    (rc = wall_point(o, "start_point", at, lv, &ab[0], err)) ||
	    (rc = wall_point(o, "end_point", at, lv, &ab[1], err)) ||
	    (rc = vendor_losses(o, "notspot_loss_db", at, loss, &has, err)))
		return rc;
	if (!has) {
		const struct fp_material *m = fp_material_find(kind);

		if (!m)
			return ns_json_fail(err, at, "an opening needs notspot_loss_db or a known kind");
		memcpy(loss, m->loss_db, sizeof(loss));
	}
	if (floorplan_add_opening(c->p->levels[c->p->nlevels - 1].fp, ab[0], ab[1], kind, loss))
		return ns_err_set(err, -ENOMEM, "out of memory");
	return 0;
}

/* An area's polygon: its coordinates (at least 3) in notspot metres, malloc'd into *@pts. */
static int read_polygon(const json_t *area, const struct ns_json_path *at,
			const struct level_ctx *lv, struct fp_point **pts, size_t *n,
			struct ns_err *err)
{
	const struct ns_json_path *cat = NS_JSON_KEY(at, "coordinates");
	json_t *arr, *v;
	size_t i, k = 0;
	bool has;
	int rc;

	*pts = NULL;
	if ((rc = ns_json_object(area, at, err)) ||
	    (rc = ns_json_member(area, "coordinates", true, at, &arr, err)) ||
	    (rc = ns_json_array(arr, cat, MAX_ITEMS, n, err)))
		return rc;
	if (*n < 3)
		return ns_json_fail(err, cat, "an area needs at least 3 points, not %zu", *n);
	if (!(*pts = malloc(*n * sizeof(**pts))))
		return ns_err_set(err, -ENOMEM, "out of memory");
	json_array_foreach(arr, i, v) {
		if ((rc = fmt_oi_read_xyz(v, NS_JSON_INDEX(cat, i), lv, &(*pts)[k].x, &(*pts)[k].y, NULL,
				   &has, err)))
			break;
		k += has;
	}
	*n = k;
	if (!rc && k < 3)
		rc = ns_json_fail(err, cat, "an area needs at least 3 points with x/y coordinates");
	if (rc) {
		free(*pts);
		*pts = NULL;
	}
	return rc;
}

static int read_att_area(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
			 struct ns_err *err)
{
	struct oi_ctx *c = arg;
	struct floorplan *fp = c->p->levels[c->p->nlevels - 1].fp;
	const struct ns_json_path *mat = NS_JSON_KEY(at, "area_material");
	struct fp_area a = { 0 };
	json_t *area, *m;
	bool has = false;
	int rc;

	if ((rc = ns_json_member(o, "area", true, at, &area, err)) ||
	    (rc = ns_json_member(o, "area_material", true, at, &m, err)) ||
	    (rc = material_losses(m, mat, true, a.loss_db_per_m, &has, err)) ||
	    (rc = fmt_oi_opt_text(m, "name", mat, a.material, sizeof(a.material), err)))
		return rc;
	if (!has)
		return ns_json_fail(err, mat, "has no attenuation (rf_properties)");
	snprintf(a.name, sizeof(a.name), "%s", a.material[0] ? a.material : "area");
	if ((rc = fmt_oi_opt_text(o, "notspot_name", at, a.name, sizeof(a.name), err)) ||
	    (rc = read_polygon(area, NS_JSON_KEY(at, "area"), &c->lv[c->p->nlevels - 1], &a.pts,
			       &a.npts, err)))
		return rc;
	rc = floorplan_add_area(fp, &a) ? ns_err_set(err, -ENOMEM, "out of memory") : 0;
	free(a.pts);
	(void)i;
	return rc;
}

/* A coverage area that is not an exclusion is a ward: an area the maps are judged over. */
static int read_coverage(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
			 struct ns_err *err)
{
	struct oi_ctx *c = arg;
	struct floorplan *fp = c->p->levels[c->p->nlevels - 1].fp;
	struct fp_point *pts;
	char name[64];
	bool excl = false;
	json_t *area;
	size_t n;
	int rc;

	snprintf(name, sizeof(name), "Coverage area %zu", i + 1);
	if ((rc = ns_json_get_bool(o, "exclusion", false, at, &excl, err)) ||
	    (rc = fmt_oi_opt_text(o, "notspot_name", at, name, sizeof(name), err)) ||
	    (rc = ns_json_member(o, "area", true, at, &area, err)) || excl ||
	    (rc = read_polygon(area, NS_JSON_KEY(at, "area"), &c->lv[c->p->nlevels - 1], &pts, &n,
			       err)))
		return rc;
	rc = floorplan_add_ward(fp, name, pts, n) ? ns_err_set(err, -ENOMEM, "out of memory") : 0;
	free(pts);
	return rc;
}

/* The extent in metres (and in pixels when given): the frame and the scale of the level. */
static int read_dimensions(const json_t *f, const struct ns_json_path *at, struct level_ctx *lv,
			   struct ns_err *err)
{
	const struct ns_json_path *dat = NS_JSON_KEY(at, "dimensions");
	double mw = NAN, ml = NAN, pw = NAN, pl = NAN;
	const char *first = NULL;
	json_t *arr, *d;
	size_t i, n;
	int rc;

	if ((rc = ns_json_member(f, "dimensions", true, at, &arr, err)) ||
	    (rc = ns_json_array(arr, dat, 16, &n, err)))
		return rc;
	json_array_foreach(arr, i, d) {
		const struct ns_json_path *iat = NS_JSON_INDEX(dat, i);
		double w, l, h = NAN;
		const char *unit;

		if ((rc = ns_json_object(d, iat, err)) ||
		    (rc = ns_json_get_number(d, "width", true, iat, &w, err)) ||
		    (rc = ns_json_get_number(d, "length", true, iat, &l, err)) ||
		    (rc = ns_json_get_string(d, "unit", true, iat, &unit, err)) ||
		    (rc = ns_json_get_number(d, "height", false, iat, &h, err)))
			return rc;
		if (!first)
			first = unit;
		if (strcmp(unit, "pixels") == 0) {
			pw = w;
			pl = l;
		} else if (!isnan(unit_scale(unit, NULL)) && isnan(mw)) {
			mw = w * unit_scale(unit, NULL);
			ml = l * unit_scale(unit, NULL);
			lv->height_m = h > 0 && h < 100 ? h * unit_scale(unit, NULL) : NAN;
		}
	}
	if (isnan(mw) || !(mw > 0 && ml > 0 && mw < 1e5 && ml < 1e5))
		return ns_json_fail(err, dat, "no width and length above 0 in meters or feet, so the "
					      "floor's size in metres is unknown");
	lv->fr.w_m = mw;
	lv->fr.l_m = ml;
	lv->px_per_m = pw > 0 && pl > 0 ? pw / mw : FMT_DEFAULT_PX_PER_M;
	if (!(lv->px_per_m > 0.01 && lv->px_per_m < 1e4))
		return ns_json_fail(err, dat, "the pixel and metre sizes give a scale of %g px/m",
				    lv->px_per_m);
	lv->wall_scale = unit_scale(first ? first : "meters", lv);
	return 0;
}

/* Where notspot's origin was (an export of ours says), so positions come back unchanged. */
static int read_origin(const json_t *f, const struct ns_json_path *at, struct level_ctx *lv,
		       struct ns_err *err)
{
	const struct ns_json_path *oat = NS_JSON_KEY(at, "notspot_origin");
	json_t *o = NULL;
	int rc;

	if ((rc = ns_json_member(f, "notspot_origin", false, at, &o, err)) || !o)
		return rc;
	if ((rc = ns_json_object(o, oat, err)) ||
	    (rc = ns_json_get_number(o, "x", true, oat, &lv->fr.ox_m, err)) ||
	    (rc = ns_json_get_number(o, "y", true, oat, &lv->fr.oy_m, err)))
		return rc;
	if (fabs(lv->fr.ox_m) > 1e5 || fabs(lv->fr.oy_m) > 1e5)
		return ns_json_fail(err, oat, "is out of range");
	return 0;
}

/* The level number: the building's floor_level, else a whole-number floor_id, else the index. */
static int read_level_number(const struct oi_ctx *c, const json_t *f, const struct ns_json_path *at,
			     const char *name, size_t i, int *level, struct ns_err *err)
{
	const json_t *floors = json_object_get(json_object_get(c->root, "building"), "floors"), *bf;
	const char *id = NULL;
	size_t k;
	char *end;
	long v;
	int rc;

	*level = (int)i;
	if ((rc = ns_json_get_string(f, "floor_id", false, at, &id, err)))
		return rc;
	if (id && *id) {
		v = strtol(id, &end, 10);
		if (!*end && v > -1000 && v < 1000)
			*level = (int)v;
	}
	json_array_foreach(floors, k, bf) {
		const json_t *fn = json_object_get(bf, "floorplan_name");
		const json_t *fl = json_object_get(bf, "floor_level");

		if (json_is_string(fn) && strcmp(json_string_value(fn), name) == 0 &&
		    json_is_integer(fl) && llabs(json_integer_value(fl)) < 1000)
			*level = (int)json_integer_value(fl);
	}
	return 0;
}

/*
 * The floor's own name: notspot_floor_name when notspot wrote the file and
 * made the floorplan's name unique across buildings ("Block B: Level 2"),
 * else the floorplan's name. Either must fit the floor model's name.
 */
static int floor_own_name(const json_t *f, const struct ns_json_path *at, const json_t *name,
			  struct floorplan *fp, struct ns_err *err)
{
	const json_t *own = json_object_get(f, "notspot_floor_name");

	if (own)
		return ns_json_string_copy(own, NS_JSON_KEY(at, "notspot_floor_name"), fp->name,
					   sizeof(fp->name), true, err);
	return ns_json_string_copy(name, NS_JSON_KEY(at, "name"), fp->name, sizeof(fp->name), true,
				   err);
}

/* Floorplan @i's name was used before in the document, or its floor in its building. */
static bool floor_seen(const struct oi_ctx *c, size_t i, const struct floorplan *fp)
{
	for (size_t k = 0; k < i; k++)
		if (!strcmp(c->lv[k].oi_name, c->lv[i].oi_name))
			return true;
	for (size_t k = 0; k < c->p->nlevels; k++)
		if (!strcmp(c->p->levels[k].fp->name, fp->name) &&
		    !strcmp(c->p->levels[k].fp->building, fp->building))
			return true;
	return false;
}

static int new_floor(struct oi_ctx *c, const json_t *f, const struct ns_json_path *at, size_t i,
		     struct level_ctx *lv, struct ns_err *err)
{
	struct floorplan *fp = floorplan_new();
	json_t *name;
	int rc;

	if (!fp)
		return ns_err_set(err, -ENOMEM, "out of memory");
	if ((rc = ns_json_member(f, "name", true, at, &name, err)) ||
	    (rc = ns_json_string_copy(name, NS_JSON_KEY(at, "name"), lv->oi_name,
				      sizeof(lv->oi_name), true, err)) ||
	    (rc = floor_own_name(f, at, name, fp, err)) ||
	    (rc = read_level_number(c, f, at, lv->oi_name, i, &fp->level, err))) {
		floorplan_free(fp);
		return rc;
	}
	snprintf(fp->building, sizeof(fp->building), "%s",
		 json_string_value(json_object_get(json_object_get(c->root, "building"), "name"))
			 ?: "");
	if ((rc = fmt_oi_opt_text(f, "building_name", at, fp->building, sizeof(fp->building), err))) {
		floorplan_free(fp);
		return rc;
	}
	if (floor_seen(c, i, fp)) {
		floorplan_free(fp);
		return ns_json_fail(err, NS_JSON_KEY(at, "name"), "a second floorplan called '%s'",
				    json_string_value(name));
	}
	fp->px_per_m = lv->px_per_m;
	fp->height_m = lv->height_m;
	fp->width_px = (int)lround(fmax(1, lv->fr.w_m * lv->px_per_m));
	fp->height_px = (int)lround(fmax(1, lv->fr.l_m * lv->px_per_m));
	fp->origin_x_px = lv->fr.ox_m * lv->px_per_m;
	fp->origin_y_px = lv->fr.oy_m * lv->px_per_m;
	return fmt_project_add_level(c->p, fp, err) < 0 ? -ENOMEM : 0;
}

/* Each list of a floorplan, read by its own function. */
static int read_lists(struct oi_ctx *c, const json_t *f, const struct ns_json_path *at,
		      struct ns_err *err)
{
	static const struct {
		const char *key;
		ns_json_each_fn fn;
	} lists[] = {
		{ "wall_segments", read_wall },       { "notspot_openings", read_opening },
		{ "attenuation_areas", read_att_area }, { "coverage_areas", read_coverage },
		{ "survey_paths", fmt_oi_read_survey_path },
	};
	json_t *arr;
	int rc;

	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		if ((rc = fmt_oi_opt_array(f, lists[k].key, at, &arr, err)))
			return rc;
		if (arr && (rc = ns_json_each_object(arr, NS_JSON_KEY(at, lists[k].key), NULL,
						     lists[k].fn, c, err)))
			return rc;
	}
	return 0;
}

static int read_floorplan(const json_t *f, const struct ns_json_path *at, size_t i, void *arg,
			  struct ns_err *err)
{
	struct oi_ctx *c = arg;
	struct level_ctx *lv = &c->lv[i];
	int rc;

	memset(lv, 0, sizeof(*lv));
	lv->index = (long)i;
	lv->height_m = NAN;
	if ((rc = read_dimensions(f, at, lv, err)) || (rc = read_origin(f, at, lv, err)) ||
	    (rc = new_floor(c, f, at, i, lv, err)))
		return rc;
	return read_lists(c, f, at, err);
}

/* "Manufacturer Model" of a device or adapter object into @out. */
int fmt_oi_label(const json_t *o, const struct ns_json_path *at, char *out, size_t cap,
		      struct ns_err *err)
{
	char man[64] = "", model[64] = "";
	int rc;

	if ((rc = fmt_oi_opt_text(o, "manufacturer", at, man, sizeof(man), err)) ||
	    (rc = fmt_oi_opt_text(o, "model", at, model, sizeof(model), err)))
		return rc;
	snprintf(out, cap, "%s%s%s", man, man[0] && model[0] ? " " : "", model);
	return 0;
}

/* ---- access points ------------------------------------------------------------------ */

static int read_radio(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
		      struct ns_err *err)
{
	struct fp_ap *ap = arg;
	struct fp_radio r = { .tx_power_dbm = NAN };
	const char *band = NULL, *width = NULL, *fn = NULL, *bssid = NULL;
	long long ch = 0;
	int b, rc;

	(void)i;
	if ((rc = ns_json_get_string(o, "band", false, at, &band, err)) ||
	    (rc = ns_json_get_int(o, "channel", false, at, 0, 255, &ch, err)) ||
	    (rc = ns_json_get_string(o, "channel_width", false, at, &width, err)) ||
	    (rc = ns_json_get_string(o, "radio_function", false, at, &fn, err)) ||
	    (rc = ns_json_get_number(o, "transmit_power", false, at, &r.tx_power_dbm, err)) ||
	    (rc = ns_json_get_number(o, "notspot_tx_power_dbm", false, at, &r.tx_power_dbm, err)) ||
	    (rc = ns_json_get_string(o, "notspot_bssid", false, at, &bssid, err)))
		return rc;
	if (bssid && mac_parse(bssid, r.bssid))
		return ns_json_fail(err, NS_JSON_KEY(at, "notspot_bssid"), "is not a MAC address");
	b = band ? fmt_oi_band_parse(band) : ch > 14 ? FP_BAND_5G : ch > 0 ? FP_BAND_2G4 : -1;
	/* Four radios an AP; a disabled radio, or one of no known band, transmits nothing here. */
	if (ap->nradios == FP_MAX_RADIOS || b < 0 || (fn && !strcmp(fn, "DISABLED")))
		return 0;
	r.band = (enum fp_band)b;
	r.channel = (int)ch;
	r.width_mhz = width ? fmt_oi_width_parse(width) : 0;
	ap->radios[ap->nradios++] = r;
	return 0;
}

/* The AP's floor: floorplan_name, or the only floor there is. */
static int ap_level(const struct oi_ctx *c, const json_t *o, const struct ns_json_path *at,
		    long *lv, struct ns_err *err)
{
	const char *fname = NULL;
	int rc;

	if ((rc = ns_json_get_string(o, "floorplan_name", false, at, &fname, err)))
		return rc;
	if (!fname) {
		if (c->p->nlevels != 1)
			return ns_json_fail(err, at, "\"floorplan_name\" is missing (the file has %zu "
						     "floorplans)", c->p->nlevels);
		*lv = 0;
		return 0;
	}
	*lv = -1;
	for (size_t k = 0; k < c->p->nlevels && *lv < 0; k++)
		if (!strcmp(c->lv[k].oi_name, fname))
			*lv = (long)k;
	if (*lv < 0)
		return ns_json_fail(err, NS_JSON_KEY(at, "floorplan_name"),
				    "'%.60s' is no floorplan in this file", fname);
	return 0;
}

/* The first coordinate with x/y; *@has false when the AP has none. */
static int ap_position(const struct oi_ctx *c, const json_t *o, const struct ns_json_path *at,
		       long lv, struct fp_ap *ap, bool *has, struct ns_err *err)
{
	const struct ns_json_path *cat = NS_JSON_KEY(at, "coordinates");
	json_t *arr, *v;
	size_t i;
	double z = NAN;
	int rc;

	*has = false;
	if ((rc = fmt_oi_opt_array(o, "coordinates", at, &arr, err)) || !arr)
		return rc;
	json_array_foreach(arr, i, v) {
		if ((rc = fmt_oi_read_xyz(v, NS_JSON_INDEX(cat, i), &c->lv[lv], &ap->pos.x, &ap->pos.y, &z,
				   has, err)))
			return rc;
		if (*has)
			break;
	}
	if (*has && !isnan(z))
		ap->height_m = z;
	return 0;
}

static int read_ap(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
		   struct ns_err *err)
{
	static const char *const sources[] = { "planned", "estimated", "surveyed", "proposed" };
	struct oi_ctx *c = arg;
	struct fp_ap ap;
	const char *mac = NULL;
	json_t *name, *radios = NULL;
	bool has;
	long lv = 0;
	int rc;

	(void)i;
	fp_ap_init(&ap);
	snprintf(ap.source, sizeof(ap.source), "planned");
	if ((rc = ns_json_member(o, "name", true, at, &name, err)) ||
	    (rc = ns_json_string_copy(name, NS_JSON_KEY(at, "name"), ap.name, sizeof(ap.name), false,
				      err)) ||
	    (rc = ap_level(c, o, at, &lv, err)) || (rc = ap_position(c, o, at, lv, &ap, &has, err)) ||
	    (rc = fmt_oi_label(o, at, ap.model, sizeof(ap.model), err)) ||
	    (rc = fmt_oi_opt_text(o, "notspot_note", at, ap.note, sizeof(ap.note), err)) ||
	    (rc = fmt_oi_opt_text(o, "notspot_mount", at, ap.mount, sizeof(ap.mount), err)) ||
	    (rc = fmt_oi_opt_text(o, "notspot_plan", at, ap.plan, sizeof(ap.plan), err)) ||
	    (rc = ns_json_get_number(o, "notspot_cost", false, at, &ap.cost, err)) ||
	    (rc = ns_json_get_string(o, "mac_address", false, at, &mac, err)) ||
	    (rc = fmt_oi_opt_text(o, "notspot_source", at, ap.source, sizeof(ap.source), err)) ||
	    (rc = fmt_oi_opt_text(o, "notspot_bssid_pattern", at, ap.bssid_pattern,
			   sizeof(ap.bssid_pattern), err)) ||
	    (rc = fmt_oi_opt_array(o, "dot11_radios", at, &radios, err)) ||
	    (radios && (rc = ns_json_each_object(radios, NS_JSON_KEY(at, "dot11_radios"), NULL,
						 read_radio, &ap, err))))
		return rc;
	if (!has) {
		c->p->aps_without_position++;
		return 0;
	}
	if (!ap.bssid_pattern[0] && mac)
		snprintf(ap.bssid_pattern, sizeof(ap.bssid_pattern), "%.17s", mac);
	for (size_t k = 0; k < 4 && strcmp(ap.source, sources[k]); k++)
		if (k == 3)
			snprintf(ap.source, sizeof(ap.source), "planned");
	return floorplan_add_ap(c->p->levels[lv].fp, &ap) ? ns_err_set(err, -ENOMEM, "out of memory")
							 : 0;
}

/* ---- the document ------------------------------------------------------------------- */

bool fmt_openintent_sniff(const char *data, size_t len)
{
	size_t i = 0, n = len < 4096 ? len : 4096;

	while (i < n && strchr(" \t\r\n", data[i]))
		i++;
	if (i == n || data[i] != '{')
		return false;
	for (; i + 12 < n; i++)
		if (!memcmp(data + i, "\"openintent_", 12) || !memcmp(data + i, "\"floorplans\"", 12))
			return true;
	return false;
}

int fmt_openintent_read(const char *data, size_t len, struct fmt_project *p, struct ns_err *err)
{
	const struct ns_json_path root = NS_JSON_ROOT("the OpenIntent document");
	struct oi_ctx c = { .p = p };
	const char *version = NULL;
	json_t *doc = NULL, *fps, *aps;
	size_t n;
	int rc;

	if ((rc = ns_json_parse(data, len, &doc, err)))
		return rc;
	c.root = doc;
	if ((rc = ns_json_object(doc, &root, err)) ||
	    (rc = ns_json_get_string(doc, "openintent_version", false, &root, &version, err)))
		goto out;
	if (version && version[0] != '2' && version[0] != '1') {
		rc = ns_json_fail(err, NS_JSON_KEY(&root, "openintent_version"),
				  "version '%.20s' is not one this reader knows (1.x or 2.x)", version);
		goto out;
	}
	if ((rc = ns_json_member(doc, "floorplans", true, &root, &fps, err)) ||
	    (rc = ns_json_array(fps, NS_JSON_KEY(&root, "floorplans"), 1000, &n, err)))
		goto out;
	if (!(c.lv = calloc(n ? n : 1, sizeof(*c.lv)))) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = ns_json_each_object(fps, NS_JSON_KEY(&root, "floorplans"), NULL, read_floorplan,
				      &c, err)) ||
	    (rc = fmt_oi_opt_array(doc, "accesspoints", &root, &aps, err)))
		goto out;
	if (aps)
		rc = ns_json_each_object(aps, NS_JSON_KEY(&root, "accesspoints"), NULL, read_ap, &c,
					 err);
	if (!rc && (json_string_value(json_object_get(fps ? json_array_get(fps, 0) : NULL,
						       "project_name"))))
		snprintf(p->site, sizeof(p->site), "%s",
			 json_string_value(json_object_get(json_array_get(fps, 0), "project_name")));
out:
	free(c.lv);
	json_decref(doc);
	return rc;
}
