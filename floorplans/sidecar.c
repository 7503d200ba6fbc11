/*
 * sidecar.c — read and write the floorplan sidecar (JSON, jansson). See
 * sidecar.h and floorplans/README.md for the format.
 *
 * Every value from the file is checked for type, range and length before it is
 * used; every error names where it is ("walls[3].points[1]") and why.
 */
#include "floorplans/sidecar.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/calibrate.h"
#include "floorplans/geometry.h"
#include "util/file.h"
#include "util/json_keys.h"

#define DEFAULT_AP_HEIGHT_M 2.7 /* a ceiling-mounted AP on a hospital ward */
#define MAX_LOSS_DB 200.0

/* Room for "openings[99999].loss_db.2.4" and the like. */
typedef char path_t[128];

static int fail(struct ns_err *err, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct ns_err *err, const char *path, const char *fmt, ...)
{
	char why[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return ns_err_set(err, -EINVAL, "%s: %s", path, why);
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "something else";
}

static int get_object(const json_t *v, const char *path, struct ns_err *err)
{
	if (!json_is_object(v))
		return fail(err, path, "must be an object, not %s", type_name(v));
	return 0;
}

static int get_number(const json_t *v, const char *path, double lo, double hi, double *out,
		      struct ns_err *err)
{
	double d;

	if (!json_is_number(v))
		return fail(err, path, "must be a number, not %s", type_name(v));
	d = json_number_value(v);
	if (!isfinite(d) || d < lo || d > hi)
		return fail(err, path, "%g is out of range (%g to %g)", d, lo, hi);
	*out = d;
	return 0;
}

static int get_string(const json_t *v, const char *path, char *out, size_t cap, bool nonempty,
		      struct ns_err *err)
{
	size_t n;

	if (!json_is_string(v))
		return fail(err, path, "must be a string, not %s", type_name(v));
	n = json_string_length(v);
	if (n >= cap)
		return fail(err, path, "is %zu bytes long; at most %zu are allowed", n, cap - 1);
	if (memchr(json_string_value(v), '\0', n))
		return fail(err, path, "contains a NUL character");
	if (nonempty && n == 0)
		return fail(err, path, "must not be empty");
	memcpy(out, json_string_value(v), n);
	out[n] = '\0';
	return 0;
}

static int get_point(const json_t *v, const char *path, double lim, struct fp_point *p,
		     struct ns_err *err)
{
	path_t sub;

	if (!json_is_array(v) || json_array_size(v) != 2)
		return fail(err, path, "must be a pair [x, y], not %s%s", type_name(v),
			    json_is_array(v) ? " of another length" : "");
	snprintf(sub, sizeof(sub), "%.80s[0]", path);
	if (get_number(json_array_get(v, 0), sub, -lim, lim, &p->x, err))
		return -EINVAL;
	snprintf(sub, sizeof(sub), "%.80s[1]", path);
	return get_number(json_array_get(v, 1), sub, -lim, lim, &p->y, err);
}

/* An array of [x, y] pairs in metres, at least @min of them; *@pts malloc'd. */
static int get_points(const json_t *v, const char *path, size_t min, struct fp_point **pts,
		      size_t *n, struct ns_err *err)
{
	size_t len;
	struct fp_point *p;

	*pts = NULL;
	*n = 0;
	if (!json_is_array(v))
		return fail(err, path, "must be an array of [x, y] pairs, not %s", type_name(v));
	len = json_array_size(v);
	if (len < min)
		return fail(err, path, "has %zu points; at least %zu are needed", len, min);
	if (len > FP_SIDECAR_MAX_POINTS)
		return fail(err, path, "has %zu points; at most %d are allowed", len,
			    FP_SIDECAR_MAX_POINTS);
	p = calloc(len, sizeof(*p));
	if (!p)
		return ns_err_set(err, -ENOMEM, "out of memory reading %s", path);
	for (size_t i = 0; i < len; i++) {
		path_t sub;

		snprintf(sub, sizeof(sub), "%.80s[%zu]", path, i);
		if (get_point(json_array_get(v, i), sub, FP_SIDECAR_MAX_COORD_M, &p[i], err)) {
			free(p);
			return -EINVAL;
		}
	}
	*pts = p;
	*n = len;
	return 0;
}

/* "loss_db": {"2.4": 12, "5": 18, "6": 22}; 2.4 and 5 required, 6 defaults to 5's. */
static int get_losses(const json_t *v, const char *path, double loss[FP_NBANDS],
		      struct ns_err *err)
{
	static const char *const keys[] = { "2.4", "5", "6", NULL };
	path_t sub;

	if (get_object(v, path, err) || ns_json_check_keys(v, path, keys, err))
		return -EINVAL;
	for (int b = 0; b < FP_NBANDS; b++) {
		json_t *x = json_object_get(v, keys[b]);

		snprintf(sub, sizeof(sub), "%.80s.%s", path, keys[b]);
		if (!x) {
			if (b == FP_BAND_6G) {
				loss[b] = loss[FP_BAND_5G];
				continue;
			}
			return fail(err, path, "needs the loss at %s GHz (keys \"2.4\", \"5\", "
					       "optionally \"6\")", keys[b]);
		}
		if (get_number(x, sub, 0, MAX_LOSS_DB, &loss[b], err))
			return -EINVAL;
	}
	return 0;
}

/*
 * A material (walls' "material", openings' "kind") and its losses: a key of
 * fp_materials[], or "custom" with loss_db; loss_db also overrides a known
 * material's figures (measured on site).
 */
static int get_material(const json_t *obj, const char *elem, const char *key, char *mat,
			size_t cap, double loss[FP_NBANDS], struct ns_err *err)
{
	json_t *m = json_object_get(obj, key), *l = json_object_get(obj, "loss_db");
	const struct fp_material *known;
	path_t sub;

	snprintf(sub, sizeof(sub), "%.80s.%s", elem, key);
	if (!m)
		return fail(err, elem, "needs \"%s\" (a material such as \"concrete\", or "
				       "\"custom\" with \"loss_db\")", key);
	if (get_string(m, sub, mat, cap, true, err))
		return -EINVAL;
	known = fp_material_find(mat);
	if (!known && strcmp(mat, "custom") != 0) {
		char list[400] = "";
		size_t used = 0;

		for (size_t i = 0; i < fp_nmaterials && used < sizeof(list); i++) {
			int n = snprintf(list + used, sizeof(list) - used, "%s, ",
					 fp_materials[i].key);
			if (n < 0)
				break;
			used += (size_t)n;
		}
		return fail(err, sub, "'%s' is not a known material (known: %scustom with "
				      "loss_db)", mat, list);
	}
	if (known)
		memcpy(loss, known->loss_db, sizeof(known->loss_db));
	snprintf(sub, sizeof(sub), "%.80s.loss_db", elem);
	if (l)
		return get_losses(l, sub, loss, err);
	if (!known)
		return fail(err, elem, "material \"custom\" needs \"loss_db\", e.g. "
				       "{\"2.4\": 6, \"5\": 9}");
	return 0;
}

static int get_array(const json_t *root, const char *key, json_t **arr, struct ns_err *err)
{
	json_t *v = json_object_get(root, key);

	*arr = NULL;
	if (!v)
		return 0;
	if (!json_is_array(v))
		return fail(err, key, "must be an array, not %s", type_name(v));
	if (json_array_size(v) > FP_SIDECAR_MAX_ELEMENTS)
		return fail(err, key, "has %zu elements; at most %d are allowed",
			    json_array_size(v), FP_SIDECAR_MAX_ELEMENTS);
	*arr = v;
	return 0;
}

static int parse_scale(const json_t *v, struct floorplan *fp, struct ns_err *err)
{
	static const char *const keys[] = { "px_per_m", "points", "distance_m", NULL };
	json_t *ppm = json_object_get(v, "px_per_m"), *pts = json_object_get(v, "points");
	json_t *dist = json_object_get(v, "distance_m");

	if (get_object(v, "scale", err) || ns_json_check_keys(v, "scale", keys, err))
		return -EINVAL;
	if (ppm && (pts || dist))
		return fail(err, "scale", "give either px_per_m or points with distance_m, not both");
	if (ppm) {
		if (get_number(ppm, "scale.px_per_m", FP_MIN_PX_PER_M, FP_MAX_PX_PER_M,
			       &fp->px_per_m, err))
			return -EINVAL;
		return 0;
	}
	if (!pts || !dist)
		return fail(err, "scale", "needs px_per_m, or points [[x1, y1], [x2, y2]] (px) "
					  "with distance_m (the real distance between them)");
	if (!json_is_array(pts) || json_array_size(pts) != 2)
		return fail(err, "scale.points", "must be two points [[x1, y1], [x2, y2]] in px");

	struct fp_point a, b;
	double d;
	int rc;

	if (get_point(json_array_get(pts, 0), "scale.points[0]", 1e9, &a, err) ||
	    get_point(json_array_get(pts, 1), "scale.points[1]", 1e9, &b, err) ||
	    get_number(dist, "scale.distance_m", 1e-6, 1e6, &d, err))
		return -EINVAL;
	rc = fp_scale_from_points(a.x, a.y, b.x, b.y, d, &fp->px_per_m, err);
	if (rc)
		ns_err_prefix(err, "scale");
	return rc;
}

static int parse_wards(const json_t *arr, struct floorplan *fp, struct ns_err *err)
{
	static const char *const keys[] = { "name", "points", "comment", NULL };
	size_t i;
	json_t *w;

	json_array_foreach((json_t *)arr, i, w) {
		path_t elem, sub;
		char name[sizeof(fp->wards[0].name)];
		struct fp_point *pts;
		size_t n;
		int rc;

		snprintf(elem, sizeof(elem), "wards[%zu]", i);
		if (get_object(w, elem, err) || ns_json_check_keys(w, elem, keys, err))
			return -EINVAL;
		snprintf(sub, sizeof(sub), "%.80s.name", elem);
		if (!json_object_get(w, "name"))
			return fail(err, elem, "needs \"name\"");
		if (get_string(json_object_get(w, "name"), sub, name, sizeof(name), true, err))
			return -EINVAL;
		if (floorplan_find_ward(fp, name))
			return fail(err, sub, "'%s' is already the name of another ward", name);
		snprintf(sub, sizeof(sub), "%.80s.points", elem);
		if (!json_object_get(w, "points"))
			return fail(err, elem, "needs \"points\" (the outline, at least 3 [x, y] "
					       "pairs in metres)");
		if (get_points(json_object_get(w, "points"), sub, 3, &pts, &n, err))
			return -EINVAL;
		/* A closed outline (last == first) is the same polygon. */
		if (n > 3 && fabs(pts[0].x - pts[n - 1].x) < FP_EPS_M &&
		    fabs(pts[0].y - pts[n - 1].y) < FP_EPS_M)
			n--;
		if (fp_polygon_area(pts, n) < 1e-6) {
			free(pts);
			return fail(err, sub, "the outline encloses no area");
		}
		rc = floorplan_add_ward(fp, name, pts, n);
		free(pts);
		if (rc)
			return ns_err_set(err, rc, "%s: out of memory", elem);
	}
	return 0;
}

static int parse_walls(const json_t *arr, struct floorplan *fp, struct ns_err *err)
{
	static const char *const keys[] = { "material", "loss_db", "points", "comment", NULL };
	size_t i;
	json_t *w;

	json_array_foreach((json_t *)arr, i, w) {
		path_t elem, sub;
		char mat[sizeof(fp->walls[0].material)];
		double loss[FP_NBANDS];
		struct fp_point *pts;
		size_t n;
		int rc;

		snprintf(elem, sizeof(elem), "walls[%zu]", i);
		if (get_object(w, elem, err) || ns_json_check_keys(w, elem, keys, err))
			return -EINVAL;
		if (get_material(w, elem, "material", mat, sizeof(mat), loss, err))
			return -EINVAL;
		snprintf(sub, sizeof(sub), "%.80s.points", elem);
		if (!json_object_get(w, "points"))
			return fail(err, elem, "needs \"points\" (at least 2 [x, y] pairs in metres)");
		if (get_points(json_object_get(w, "points"), sub, 2, &pts, &n, err))
			return -EINVAL;
		for (size_t k = 0; k + 1 < n; k++)
			if (hypot(pts[k + 1].x - pts[k].x, pts[k + 1].y - pts[k].y) < FP_EPS_M) {
				free(pts);
				return fail(err, sub, "points %zu and %zu are the same place", k,
					    k + 1);
			}
		rc = floorplan_add_wall(fp, pts, n, mat, loss);
		free(pts);
		if (rc)
			return ns_err_set(err, rc, "%s: out of memory", elem);
	}
	return 0;
}

/* Distance from the opening a-b to the nearest wall segment holding both ends. */
static double opening_off_wall(const struct floorplan *fp, struct fp_point a, struct fp_point b)
{
	double best = INFINITY;

	for (size_t w = 0; w < fp->nwalls; w++)
		for (size_t s = 0; s + 1 < fp->walls[w].npts; s++) {
			struct fp_point p = fp->walls[w].pts[s], q = fp->walls[w].pts[s + 1];
			double d = fmax(fp_point_segment_distance(a, p, q),
					fp_point_segment_distance(b, p, q));

			best = fmin(best, d);
		}
	return best;
}

static int parse_openings(const json_t *arr, struct floorplan *fp, struct ns_err *err)
{
	static const char *const keys[] = { "kind", "loss_db", "a", "b", "comment", NULL };
	size_t i;
	json_t *o;

	json_array_foreach((json_t *)arr, i, o) {
		path_t elem, sub;
		char kind[sizeof(fp->openings[0].kind)];
		double loss[FP_NBANDS], off;
		struct fp_point a, b;
		int rc;

		snprintf(elem, sizeof(elem), "openings[%zu]", i);
		if (get_object(o, elem, err) || ns_json_check_keys(o, elem, keys, err))
			return -EINVAL;
		if (get_material(o, elem, "kind", kind, sizeof(kind), loss, err))
			return -EINVAL;
		if (!json_object_get(o, "a") || !json_object_get(o, "b"))
			return fail(err, elem, "needs \"a\" and \"b\", its ends [x, y] in metres");
		snprintf(sub, sizeof(sub), "%.80s.a", elem);
		if (get_point(json_object_get(o, "a"), sub, FP_SIDECAR_MAX_COORD_M, &a, err))
			return -EINVAL;
		snprintf(sub, sizeof(sub), "%.80s.b", elem);
		if (get_point(json_object_get(o, "b"), sub, FP_SIDECAR_MAX_COORD_M, &b, err))
			return -EINVAL;
		if (hypot(b.x - a.x, b.y - a.y) < FP_EPS_M)
			return fail(err, elem, "a and b are the same place; an opening has a width");
		off = opening_off_wall(fp, a, b);
		if (off > FP_OPENING_SNAP_M) {
			if (isinf(off))
				return fail(err, elem, "lies on no wall (there are no walls)");
			return fail(err, elem, "lies on no wall (the nearest wall is %.2f m away; "
					       "an opening must lie within %.2f m of one wall "
					       "segment)", off, FP_OPENING_SNAP_M);
		}
		rc = floorplan_add_opening(fp, a, b, kind, loss);
		if (rc)
			return ns_err_set(err, rc, "%s: out of memory", elem);
	}
	return 0;
}

static int parse_aps(const json_t *arr, struct floorplan *fp, struct ns_err *err)
{
	static const char *const keys[] = { "name", "x", "y", "height_m", "source",
					    "bssid_pattern", "comment", NULL };
	size_t i;
	json_t *o;

	json_array_foreach((json_t *)arr, i, o) {
		struct fp_ap ap;
		path_t elem, sub;
		json_t *v;
		int rc;

		memset(&ap, 0, sizeof(ap));
		snprintf(elem, sizeof(elem), "aps[%zu]", i);
		if (get_object(o, elem, err) || ns_json_check_keys(o, elem, keys, err))
			return -EINVAL;
		if (!json_object_get(o, "name") || !json_object_get(o, "x") ||
		    !json_object_get(o, "y"))
			return fail(err, elem, "needs \"name\", \"x\" and \"y\" (metres)");
		snprintf(sub, sizeof(sub), "%.80s.name", elem);
		if (get_string(json_object_get(o, "name"), sub, ap.name, sizeof(ap.name), true,
			       err))
			return -EINVAL;
		snprintf(sub, sizeof(sub), "%.80s.x", elem);
		if (get_number(json_object_get(o, "x"), sub, -FP_SIDECAR_MAX_COORD_M,
			       FP_SIDECAR_MAX_COORD_M, &ap.pos.x, err))
			return -EINVAL;
		snprintf(sub, sizeof(sub), "%.80s.y", elem);
		if (get_number(json_object_get(o, "y"), sub, -FP_SIDECAR_MAX_COORD_M,
			       FP_SIDECAR_MAX_COORD_M, &ap.pos.y, err))
			return -EINVAL;
		ap.height_m = DEFAULT_AP_HEIGHT_M;
		snprintf(sub, sizeof(sub), "%.80s.height_m", elem);
		v = json_object_get(o, "height_m");
		if (v && get_number(v, sub, 0, 100, &ap.height_m, err))
			return -EINVAL;
		strcpy(ap.source, "planned");
		snprintf(sub, sizeof(sub), "%.80s.source", elem);
		v = json_object_get(o, "source");
		if (v) {
			if (get_string(v, sub, ap.source, sizeof(ap.source), true, err))
				return -EINVAL;
			if (strcmp(ap.source, "planned") && strcmp(ap.source, "estimated") &&
			    strcmp(ap.source, "surveyed"))
				return fail(err, sub, "'%s' is not a source (planned, estimated or "
						      "surveyed)", ap.source);
		}
		snprintf(sub, sizeof(sub), "%.80s.bssid_pattern", elem);
		v = json_object_get(o, "bssid_pattern");
		if (v && get_string(v, sub, ap.bssid_pattern, sizeof(ap.bssid_pattern), false, err))
			return -EINVAL;
		rc = floorplan_add_ap(fp, &ap);
		if (rc)
			return ns_err_set(err, rc, "%s: out of memory", elem);
	}
	return 0;
}

static int parse_root(const json_t *root, struct floorplan *fp, struct fp_sidecar_info *info,
		      struct ns_err *err)
{
	static const char *const keys[] = { "notspot_floorplan", "name", "building", "level",
					    "image", "page", "scale", "origin_px", "wards",
					    "walls", "openings", "aps", "comment", NULL };
	json_t *v, *wards, *walls, *openings, *aps;
	int rc;

	if (!json_is_object(root))
		return ns_err_set(err, -EINVAL, "a sidecar is a JSON object, not %s",
				  type_name(root));
	if (ns_json_check_keys(root, "sidecar", keys, err))
		return -EINVAL;
	v = json_object_get(root, "notspot_floorplan");
	if (v) {
		if (!json_is_integer(v))
			return fail(err, "notspot_floorplan", "must be an integer format version");
		if (json_integer_value(v) != FP_SIDECAR_VERSION)
			return fail(err, "notspot_floorplan",
				    "this sidecar is format %lld; this notspot reads format %d",
				    (long long)json_integer_value(v), FP_SIDECAR_VERSION);
	}
	if ((v = json_object_get(root, "name")) &&
	    get_string(v, "name", fp->name, sizeof(fp->name), true, err))
		return -EINVAL;
	if ((v = json_object_get(root, "building")) &&
	    get_string(v, "building", fp->building, sizeof(fp->building), false, err))
		return -EINVAL;
	if ((v = json_object_get(root, "level"))) {
		if (!json_is_integer(v) || json_integer_value(v) < -100 ||
		    json_integer_value(v) > 1000)
			return fail(err, "level", "must be a whole number from -100 to 1000");
		fp->level = (int)json_integer_value(v);
	}
	if ((v = json_object_get(root, "image")) &&
	    get_string(v, "image", info->image, sizeof(info->image), true, err))
		return -EINVAL;
	if ((v = json_object_get(root, "page"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 100000)
			return fail(err, "page", "must be a page number counted from 1");
		fp->page = (int)json_integer_value(v) - 1;
		info->has_page = 1;
	}
	if ((v = json_object_get(root, "scale"))) {
		if (parse_scale(v, fp, err))
			return -EINVAL;
		info->has_scale = 1;
	}
	if ((v = json_object_get(root, "origin_px"))) {
		struct fp_point o;

		if (get_point(v, "origin_px", 1e9, &o, err))
			return -EINVAL;
		fp->origin_x_px = o.x;
		fp->origin_y_px = o.y;
		info->has_origin = 1;
	}
	if (get_array(root, "wards", &wards, err) || get_array(root, "walls", &walls, err) ||
	    get_array(root, "openings", &openings, err) || get_array(root, "aps", &aps, err))
		return -EINVAL;
	if (wards && (rc = parse_wards(wards, fp, err)))
		return rc;
	if (walls && (rc = parse_walls(walls, fp, err)))
		return rc;
	/* Openings after walls: each must lie on one. */
	if (openings && (rc = parse_openings(openings, fp, err)))
		return rc;
	if (aps && (rc = parse_aps(aps, fp, err)))
		return rc;
	return 0;
}

int fp_sidecar_parse(const char *json, size_t len, struct floorplan *fp,
		     struct fp_sidecar_info *info, struct ns_err *err)
{
	struct fp_sidecar_info scratch;
	json_error_t jerr;
	json_t *root;
	int rc;

	if (!info)
		info = &scratch;
	memset(info, 0, sizeof(*info));
	if (len > FP_SIDECAR_MAX_BYTES)
		return ns_err_set(err, -EFBIG, "the sidecar is %zu bytes; at most %u are read",
				  len, FP_SIDECAR_MAX_BYTES);
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return ns_err_set(err, -EINVAL, "not valid JSON at line %d, column %d: %s",
				  jerr.line, jerr.column, jerr.text);
	rc = parse_root(root, fp, info, err);
	json_decref(root);
	return rc;
}

int fp_sidecar_load(const char *path, struct floorplan *fp, struct fp_sidecar_info *info,
		    struct ns_err *err)
{
	char *buf;
	size_t len;
	int rc = ns_read_file(path, FP_SIDECAR_MAX_BYTES, &buf, &len, err);

	if (rc)
		return rc;
	rc = fp_sidecar_parse(buf, len, fp, info, err);
	free(buf);
	if (rc)
		ns_err_prefix(err, "%s", path);
	return rc;
}

static json_t *point_json(struct fp_point p)
{
	return json_pack("[f, f]", p.x, p.y);
}

static json_t *losses_json(const double loss[FP_NBANDS])
{
	return json_pack("{s:f, s:f, s:f}", "2.4", loss[0], "5", loss[1], "6", loss[2]);
}

/* Loss figures differ from the named material's table row. */
static bool custom_losses(const char *mat, const double loss[FP_NBANDS])
{
	const struct fp_material *m = fp_material_find(mat);

	if (!m)
		return true;
	for (int b = 0; b < FP_NBANDS; b++)
		if (fabs(m->loss_db[b] - loss[b]) > 1e-9)
			return true;
	return false;
}

/*
 * put() / push() - json_object_set_new() / json_array_append_new() that take
 * a NULL @v (a failed json_string() or json_pack()) and report it: true if
 * the value was not added.
 */
static bool put(json_t *obj, const char *key, json_t *v)
{
	return !v || json_object_set_new(obj, key, v) != 0;
}

static bool push(json_t *arr, json_t *v)
{
	return !v || json_array_append_new(arr, v) != 0;
}

int fp_sidecar_write(const struct floorplan *fp, const char *image, const char *path,
		     struct ns_err *err)
{
	json_t *root = json_object(), *a;
	bool bad = false;
	int rc;

	if (!root)
		return ns_err_set(err, -ENOMEM, "out of memory");
	bad |= put(root, "notspot_floorplan", json_integer(FP_SIDECAR_VERSION));
	if (fp->name[0])
		bad |= put(root, "name", json_string(fp->name));
	bad |= put(root, "building", json_string(fp->building));
	bad |= put(root, "level", json_integer(fp->level));
	if (image)
		bad |= put(root, "image", json_string(image));
	if (fp->page > 0)
		bad |= put(root, "page", json_integer(fp->page + 1));
	if (fp->px_per_m > 0)
		bad |= put(root, "scale", json_pack("{s:f}", "px_per_m", fp->px_per_m));
	bad |= put(root, "origin_px", json_pack("[f, f]", fp->origin_x_px, fp->origin_y_px));
	a = json_array();
	for (size_t i = 0; i < fp->nwards; i++) {
		json_t *pts = json_array();

		for (size_t k = 0; k < fp->wards[i].npts; k++)
			bad |= push(pts, point_json(fp->wards[i].pts[k]));
		bad |= push(a, json_pack("{s:s, s:o}", "name", fp->wards[i].name, "points", pts));
	}
	bad |= put(root, "wards", a);
	a = json_array();
	for (size_t i = 0; i < fp->nwalls; i++) {
		const struct fp_wall *w = &fp->walls[i];
		json_t *pts = json_array(), *e;

		for (size_t k = 0; k < w->npts; k++)
			bad |= push(pts, point_json(w->pts[k]));
		e = json_pack("{s:s, s:o}", "material", w->material[0] ? w->material : "custom",
			      "points", pts);
		if (custom_losses(w->material, w->loss_db))
			bad |= put(e, "loss_db", losses_json(w->loss_db));
		bad |= push(a, e);
	}
	bad |= put(root, "walls", a);
	a = json_array();
	for (size_t i = 0; i < fp->nopenings; i++) {
		const struct fp_opening *o = &fp->openings[i];
		json_t *e = json_pack("{s:s, s:o, s:o}", "kind", o->kind[0] ? o->kind : "custom",
				      "a", point_json(o->a), "b", point_json(o->b));

		if (custom_losses(o->kind, o->loss_db))
			bad |= put(e, "loss_db", losses_json(o->loss_db));
		bad |= push(a, e);
	}
	bad |= put(root, "openings", a);
	a = json_array();
	for (size_t i = 0; i < fp->naps; i++) {
		const struct fp_ap *ap = &fp->aps[i];
		json_t *e = json_pack("{s:s, s:f, s:f, s:f, s:s}", "name", ap->name, "x",
				      ap->pos.x, "y", ap->pos.y, "height_m", ap->height_m,
				      "source", ap->source[0] ? ap->source : "planned");

		if (ap->bssid_pattern[0])
			bad |= put(e, "bssid_pattern", json_string(ap->bssid_pattern));
		bad |= push(a, e);
	}
	bad |= put(root, "aps", a);
	if (bad) {
		/* A dropped ward or wall would make a sidecar that looks whole but is not. */
		rc = ns_err_set(err, -EINVAL, "cannot write %s: a name is not valid UTF-8, a value "
					      "is not finite, or memory ran out", path);
	} else if (json_dump_file(root, path, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
					      JSON_REAL_PRECISION(10)) == 0) {
		rc = 0;
	} else {
		rc = ns_err_set(err, -EIO, "cannot write %s", path);
	}
	json_decref(root);
	return rc;
}
