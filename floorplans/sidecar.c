/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/calibrate.h"
#include "floorplans/geometry.h"
#include "floorplans/validate.h"
#include "util/file.h"
#include "util/json_get.h"
#include "util/mac.h"
#include "util/strbuf.h"

#define DEFAULT_AP_HEIGHT_M 2.7 /* a ceiling-mounted AP on a hospital ward */
#define MAX_LOSS_DB 200.0

static int get_point(const json_t *v, const struct ns_json_path *at, double lim, struct fp_point *p,
		     struct ns_err *err)
{
	if (!json_is_array(v) || json_array_size(v) != 2)
		return ns_json_fail(err, at, "must be a pair [x, y], not %s%s", ns_json_type_name(v),
				    json_is_array(v) ? " of another length" : "");
	if (ns_json_number(json_array_get(v, 0), NS_JSON_INDEX(at, 0), -lim, lim, &p->x, err) ||
	    ns_json_number(json_array_get(v, 1), NS_JSON_INDEX(at, 1), -lim, lim, &p->y, err))
		return -EINVAL;
	return 0;
}

/* An array of [x, y] pairs in metres, at least @min of them; *@pts malloc'd. */
static int get_points(const json_t *v, const struct ns_json_path *at, size_t min,
		      struct fp_point **pts, size_t *n, struct ns_err *err)
{
	size_t len;
	struct fp_point *p;

	*pts = NULL;
	*n = 0;
	if (!json_is_array(v))
		return ns_json_fail(err, at, "must be an array of [x, y] pairs, not %s",
				    ns_json_type_name(v));
	len = json_array_size(v);
	if (len < min)
		return ns_json_fail(err, at, "has %zu points; at least %zu are needed", len, min);
	if (len > FP_SIDECAR_MAX_POINTS)
		return ns_json_fail(err, at, "has %zu points; at most %d are allowed", len,
				    FP_SIDECAR_MAX_POINTS);
	p = calloc(len, sizeof(*p));
	if (!p)
		return ns_json_error(err, -ENOMEM, at, "out of memory");
	for (size_t i = 0; i < len; i++)
		if (get_point(json_array_get(v, i), NS_JSON_INDEX(at, i), FP_SIDECAR_MAX_COORD_M,
			      &p[i], err)) {
			free(p);
			return -EINVAL;
		}
	*pts = p;
	*n = len;
	return 0;
}

/* "loss_db": {"2.4": 12, "5": 18, "6": 22}; 2.4 and 5 required, 6 defaults to 5's. */
static int get_losses(const json_t *v, const struct ns_json_path *at, double loss[FP_NBANDS],
		      struct ns_err *err)
{
	static const char *const keys[] = { "2.4", "5", "6", NULL };

	if (ns_json_object(v, at, err) || ns_json_check_keys(v, at, keys, err))
		return -EINVAL;
	for (int b = 0; b < FP_NBANDS; b++) {
		json_t *x = json_object_get(v, keys[b]);

		if (!x) {
			if (b == FP_BAND_6G) {
				loss[b] = loss[FP_BAND_5G];
				continue;
			}
			return ns_json_fail(err, at, "needs the loss at %s GHz (keys \"2.4\", \"5\", "
						     "optionally \"6\")", keys[b]);
		}
		if (ns_json_number(x, NS_JSON_KEY(at, keys[b]), 0, MAX_LOSS_DB, &loss[b], err))
			return -EINVAL;
	}
	return 0;
}

/* "the known: doorway, plasterboard, ..., custom with loss_db" */
static int unknown_material(const struct ns_json_path *at, const char *mat, struct ns_err *err)
{
	struct strbuf list = STRBUF_INIT;

	for (size_t i = 0; i < fp_nmaterials; i++)
		strbuf_addf(&list, "%s, ", fp_materials[i].key);
	ns_json_fail(err, at, "'%s' is not a known material (known: %scustom with loss_db)", mat,
		     list.buf);
	strbuf_release(&list);
	return -EINVAL;
}

/*
 * A material (walls' "material", openings' "kind") and its losses: a key of
 * fp_materials[], or "custom" with loss_db; loss_db also overrides a known
 * material's figures (measured on site).
 */
static int get_material(const json_t *obj, const struct ns_json_path *elem, const char *key,
			char *mat, size_t cap, double loss[FP_NBANDS], struct ns_err *err)
{
	json_t *m = json_object_get(obj, key), *l = json_object_get(obj, "loss_db");
	const struct fp_material *known;

	if (!m)
		return ns_json_fail(err, elem, "needs \"%s\" (a material such as \"concrete\", or "
					       "\"custom\" with \"loss_db\")", key);
	if (ns_json_string_copy(m, NS_JSON_KEY(elem, key), mat, cap, true, err))
		return -EINVAL;
	known = fp_material_find(mat);
	if (!known && strcmp(mat, "custom") != 0)
		return unknown_material(NS_JSON_KEY(elem, key), mat, err);
	if (known)
		memcpy(loss, known->loss_db, sizeof(known->loss_db));
	if (l)
		return get_losses(l, NS_JSON_KEY(elem, "loss_db"), loss, err);
	if (!known)
		return ns_json_fail(err, elem, "material \"custom\" needs \"loss_db\", e.g. "
					       "{\"2.4\": 6, \"5\": 9}");
	return 0;
}

/* The array @key of @root, or NULL in *@arr when it is absent. */
static int get_array(const json_t *root, const struct ns_json_path *at, const char *key,
		     json_t **arr, struct ns_err *err)
{
	*arr = json_object_get(root, key);
	if (!*arr)
		return 0;
	return ns_json_array(*arr, NS_JSON_KEY(at, key), FP_SIDECAR_MAX_ELEMENTS, NULL, err);
}

/* "scale": {"points": [[x1, y1], [x2, y2]], "distance_m": d} (drawing units). */
static int scale_from_points(const json_t *v, const struct ns_json_path *at, struct floorplan *fp,
			     struct ns_err *err)
{
	json_t *pts = json_object_get(v, "points"), *dist = json_object_get(v, "distance_m");
	const struct ns_json_path *pp = NS_JSON_KEY(at, "points");
	struct fp_point a, b;
	double d;
	int rc;

	if (!json_is_array(pts) || json_array_size(pts) != 2)
		return ns_json_fail(err, pp, "must be two points [[x1, y1], [x2, y2]] in px");
	if (get_point(json_array_get(pts, 0), NS_JSON_INDEX(pp, 0), 1e9, &a, err) ||
	    get_point(json_array_get(pts, 1), NS_JSON_INDEX(pp, 1), 1e9, &b, err) ||
	    ns_json_number(dist, NS_JSON_KEY(at, "distance_m"), 1e-6, 1e6, &d, err))
		return -EINVAL;
	rc = fp_scale_from_points(a.x, a.y, b.x, b.y, d, &fp->px_per_m, err);
	if (rc)
		ns_err_prefix(err, "scale");
	else /* kept, for the editor and to recognise the drawing in a merge */
		fp->calib = (struct fp_calib){ a.x, a.y, b.x, b.y, d };
	return rc;
}

static int parse_scale(const json_t *v, const struct ns_json_path *at, struct floorplan *fp,
		       struct ns_err *err)
{
	static const char *const keys[] = { "px_per_m", "points", "distance_m", NULL };
	json_t *ppm = json_object_get(v, "px_per_m"), *pts = json_object_get(v, "points");
	json_t *dist = json_object_get(v, "distance_m");

	if (ns_json_object(v, at, err) || ns_json_check_keys(v, at, keys, err))
		return -EINVAL;
	if (ppm && (pts || dist))
		return ns_json_fail(err, at, "give either px_per_m or points with distance_m, "
					     "not both");
	if (ppm)
		return ns_json_number(ppm, NS_JSON_KEY(at, "px_per_m"), FP_MIN_PX_PER_M,
				      FP_MAX_PX_PER_M, &fp->px_per_m, err);
	if (!pts || !dist)
		return ns_json_fail(err, at, "needs px_per_m, or points [[x1, y1], [x2, y2]] (px) "
					     "with distance_m (the real distance between them)");
	return scale_from_points(v, at, fp, err);
}

/* The keys each element of the sidecar's arrays may have. */
static const char *const ward_keys[] = { "name", "points", "comment", NULL };
static const char *const wall_keys[] = { "material", "loss_db", "points", "comment", NULL };
static const char *const opening_keys[] = { "kind", "loss_db", "a", "b", "comment", NULL };
static const char *const ap_keys[] = { "name", "x", "y", "height_m", "source", "bssid_pattern",
				       "model", "mount", "note", "radios", "comment", NULL };
static const char *const radio_keys[] = { "band", "channel", "width_mhz", "tx_power_dbm", "bssid",
					  "comment", NULL };

static int parse_ward(const json_t *w, const struct ns_json_path *elem, size_t i, void *arg,
		      struct ns_err *err)
{
	struct floorplan *fp = arg;
	char name[sizeof(fp->wards[0].name)];
	const struct ns_json_path *at_pts = NS_JSON_KEY(elem, "points");
	struct fp_point *pts;
	size_t n;
	int rc;

	(void)i;
	if (!json_object_get(w, "name"))
		return ns_json_fail(err, elem, "needs \"name\"");
	if (ns_json_name_copy(json_object_get(w, "name"), NS_JSON_KEY(elem, "name"), name,
			      sizeof(name), true, err))
		return -EINVAL;
	if (floorplan_find_ward(fp, name))
		return ns_json_fail(err, NS_JSON_KEY(elem, "name"),
				    "'%s' is already the name of another ward", name);
	if (!json_object_get(w, "points"))
		return ns_json_fail(err, elem, "needs \"points\" (the outline, at least 3 [x, y] "
					       "pairs in metres)");
	if ((rc = get_points(json_object_get(w, "points"), at_pts, 3, &pts, &n, err)))
		return rc;
	/* A closed outline (last == first) is the same polygon. */
	if (n > 3 && fabs(pts[0].x - pts[n - 1].x) < FP_EPS_M &&
	    fabs(pts[0].y - pts[n - 1].y) < FP_EPS_M)
		n--;
	if (fp_polygon_area(pts, n) < 1e-6) {
		free(pts);
		return ns_json_fail(err, at_pts, "the outline encloses no area");
	}
	rc = floorplan_add_ward(fp, name, pts, n);
	free(pts);
	if (rc)
		return ns_json_error(err, rc, elem, "out of memory");
	return 0;
}

static int parse_wall(const json_t *w, const struct ns_json_path *elem, size_t i, void *arg,
		      struct ns_err *err)
{
	struct floorplan *fp = arg;
	char mat[sizeof(fp->walls[0].material)];
	const struct ns_json_path *at_pts = NS_JSON_KEY(elem, "points");
	double loss[FP_NBANDS];
	struct fp_point *pts;
	size_t n;
	int rc;

	(void)i;
	if (get_material(w, elem, "material", mat, sizeof(mat), loss, err))
		return -EINVAL;
	if (!json_object_get(w, "points"))
		return ns_json_fail(err, elem, "needs \"points\" (at least 2 [x, y] pairs in "
					       "metres)");
	if ((rc = get_points(json_object_get(w, "points"), at_pts, 2, &pts, &n, err)))
		return rc;
	for (size_t k = 0; k + 1 < n; k++)
		if (hypot(pts[k + 1].x - pts[k].x, pts[k + 1].y - pts[k].y) < FP_EPS_M) {
			free(pts);
			return ns_json_fail(err, at_pts, "points %zu and %zu are the same place", k,
					    k + 1);
		}
	rc = floorplan_add_wall(fp, pts, n, mat, loss);
	free(pts);
	if (rc)
		return ns_json_error(err, rc, elem, "out of memory");
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

static int parse_opening(const json_t *o, const struct ns_json_path *elem, size_t i, void *arg,
			 struct ns_err *err)
{
	struct floorplan *fp = arg;
	char kind[sizeof(fp->openings[0].kind)];
	double loss[FP_NBANDS], off;
	struct fp_point a, b;
	int rc;

	(void)i;
	if (get_material(o, elem, "kind", kind, sizeof(kind), loss, err))
		return -EINVAL;
	if (!json_object_get(o, "a") || !json_object_get(o, "b"))
		return ns_json_fail(err, elem, "needs \"a\" and \"b\", its ends [x, y] in metres");
	if (get_point(json_object_get(o, "a"), NS_JSON_KEY(elem, "a"), FP_SIDECAR_MAX_COORD_M,
		      &a, err) ||
	    get_point(json_object_get(o, "b"), NS_JSON_KEY(elem, "b"), FP_SIDECAR_MAX_COORD_M,
		      &b, err))
		return -EINVAL;
	if (hypot(b.x - a.x, b.y - a.y) < FP_EPS_M)
		return ns_json_fail(err, elem, "a and b are the same place; an opening has a width");
	off = opening_off_wall(fp, a, b);
	if (off > FP_OPENING_SNAP_M) {
		if (isinf(off))
			return ns_json_fail(err, elem, "lies on no wall (there are no walls)");
		return ns_json_fail(err, elem, "lies on no wall (the nearest wall is %.2f m away; "
					       "an opening must lie within %.2f m of one wall "
					       "segment)", off, FP_OPENING_SNAP_M);
	}
	rc = floorplan_add_opening(fp, a, b, kind, loss);
	if (rc)
		return ns_json_error(err, rc, elem, "out of memory");
	return 0;
}

/* "source": planned (the default), estimated, surveyed or proposed. */
static int get_ap_source(const json_t *o, const struct ns_json_path *elem, struct fp_ap *ap,
			 struct ns_err *err)
{
	const struct ns_json_path *at = NS_JSON_KEY(elem, "source");
	json_t *v = json_object_get(o, "source");

	strcpy(ap->source, "planned");
	if (!v)
		return 0;
	if (ns_json_string_copy(v, at, ap->source, sizeof(ap->source), true, err))
		return -EINVAL;
	if (!fp_ap_source_known(ap->source))
		return ns_json_fail(err, at, "'%s' is not a source (planned, estimated, surveyed "
					     "or proposed)", ap->source);
	return 0;
}

/* One of "radios": {"band": "5", "channel": 36, "width_mhz": 40, "tx_power_dbm": 17}. */
static int parse_radio(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
		       struct ns_err *err)
{
	struct fp_radio *r = (struct fp_radio *)arg + i;
	const char *band = NULL, *mac = NULL;
	long long ch = 0, width = 20;
	int rc;

	memset(r, 0, sizeof(*r));
	r->tx_power_dbm = NAN;
	if ((rc = ns_json_get_string(o, "band", true, at, &band, err)) ||
	    (rc = ns_json_get_int(o, "channel", true, at, 1, 233, &ch, err)) ||
	    (rc = ns_json_get_int(o, "width_mhz", false, at, 20, 320, &width, err)) ||
	    (rc = ns_json_get_number(o, "tx_power_dbm", false, at, &r->tx_power_dbm, err)) ||
	    (rc = ns_json_get_string(o, "bssid", false, at, &mac, err)))
		return rc;
	if (strcmp(band, "2.4") == 0)
		r->band = FP_BAND_2G4;
	else if (strcmp(band, "5") == 0)
		r->band = FP_BAND_5G;
	else if (strcmp(band, "6") == 0)
		r->band = FP_BAND_6G;
	else
		return ns_json_fail(err, NS_JSON_KEY(at, "band"), "'%s' is not \"2.4\", \"5\" or "
								 "\"6\"", band);
	if (width != 20 && width != 40 && width != 80 && width != 160 && width != 320)
		return ns_json_fail(err, NS_JSON_KEY(at, "width_mhz"),
				    "%lld is not 20, 40, 80, 160 or 320", width);
	if (!isnan(r->tx_power_dbm) && fabs(r->tx_power_dbm) > 60)
		return ns_json_fail(err, NS_JSON_KEY(at, "tx_power_dbm"), "%g is not -60 to 60 dBm",
				    r->tx_power_dbm);
	if (mac && mac_parse(mac, r->bssid))
		return ns_json_fail(err, NS_JSON_KEY(at, "bssid"), "'%s' is not a MAC address", mac);
	r->channel = (int)ch;
	r->width_mhz = (int)width;
	return 0;
}

/* An AP's "model", "mount", "note" and "radios". */
static int parse_ap_details(const json_t *o, const struct ns_json_path *elem, struct fp_ap *ap,
			    struct ns_err *err)
{
	static const struct {
		const char *key;
		size_t off, cap;
	} text[] = {
		{ "model", offsetof(struct fp_ap, model), sizeof(((struct fp_ap *)0)->model) },
		{ "mount", offsetof(struct fp_ap, mount), sizeof(((struct fp_ap *)0)->mount) },
		{ "note", offsetof(struct fp_ap, note), sizeof(((struct fp_ap *)0)->note) },
	};
	const struct ns_json_path *at = NS_JSON_KEY(elem, "radios");
	json_t *v;
	size_t n;

	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if ((v = json_object_get(o, text[i].key)) &&
		    ns_json_string_copy(v, NS_JSON_KEY(elem, text[i].key), (char *)ap + text[i].off,
					text[i].cap, false, err))
			return -EINVAL;
	if (!(v = json_object_get(o, "radios")))
		return 0;
	if (ns_json_array(v, at, FP_MAX_RADIOS, &n, err) ||
	    ns_json_each_object(v, at, radio_keys, parse_radio, ap->radios, err))
		return -EINVAL;
	ap->nradios = n;
	return 0;
}

static int parse_ap(const json_t *o, const struct ns_json_path *elem, size_t i, void *arg,
		    struct ns_err *err)
{
	struct floorplan *fp = arg;
	const double lim = FP_SIDECAR_MAX_COORD_M;
	struct fp_ap ap;
	json_t *v;
	int rc;

	(void)i;
	fp_ap_init(&ap);
	if (!json_object_get(o, "name") || !json_object_get(o, "x") || !json_object_get(o, "y"))
		return ns_json_fail(err, elem, "needs \"name\", \"x\" and \"y\" (metres)");
	if (ns_json_name_copy(json_object_get(o, "name"), NS_JSON_KEY(elem, "name"), ap.name,
			      sizeof(ap.name), true, err) ||
	    ns_json_number(json_object_get(o, "x"), NS_JSON_KEY(elem, "x"), -lim, lim, &ap.pos.x,
			   err) ||
	    ns_json_number(json_object_get(o, "y"), NS_JSON_KEY(elem, "y"), -lim, lim, &ap.pos.y,
			   err))
		return -EINVAL;
	ap.height_m = DEFAULT_AP_HEIGHT_M;
	v = json_object_get(o, "height_m");
	if (v && ns_json_number(v, NS_JSON_KEY(elem, "height_m"), 0, 100, &ap.height_m, err))
		return -EINVAL;
	if (get_ap_source(o, elem, &ap, err) || parse_ap_details(o, elem, &ap, err))
		return -EINVAL;
	v = json_object_get(o, "bssid_pattern");
	if (v && ns_json_string_copy(v, NS_JSON_KEY(elem, "bssid_pattern"), ap.bssid_pattern,
				     sizeof(ap.bssid_pattern), false, err))
		return -EINVAL;
	rc = floorplan_add_ap(fp, &ap);
	if (rc)
		return ns_json_error(err, rc, elem, "out of memory");
	return 0;
}

/* "notspot_floorplan": the format version, if given, must be this build's. */
static int check_version(const json_t *root, const struct ns_json_path *at, struct ns_err *err)
{
	json_t *v = json_object_get(root, "notspot_floorplan");

	if (!v)
		return 0;
	if (!json_is_integer(v))
		return ns_json_fail(err, NS_JSON_KEY(at, "notspot_floorplan"),
				    "must be an integer format version");
	if (json_integer_value(v) != FP_SIDECAR_VERSION)
		return ns_json_fail(err, NS_JSON_KEY(at, "notspot_floorplan"),
				    "this sidecar is format %lld; this notspot reads format %d",
				    (long long)json_integer_value(v), FP_SIDECAR_VERSION);
	return 0;
}

/* "slab": {"material": "concrete-slab", "loss_db": {"2.4": 14, "5": 16, "6": 22}}. */
static int parse_slab(const json_t *v, const struct ns_json_path *at, struct floorplan *fp,
		      struct ns_err *err)
{
	static const char *const keys[] = { "material", "loss_db", "comment", NULL };
	json_t *m = json_object_get(v, "material"), *l = json_object_get(v, "loss_db");

	if (ns_json_object(v, at, err) || ns_json_check_keys(v, at, keys, err))
		return -EINVAL;
	if (m && ns_json_string_copy(m, NS_JSON_KEY(at, "material"), fp->slab_material,
				     sizeof(fp->slab_material), true, err))
		return -EINVAL;
	if (m && strcmp(fp->slab_material, "custom") != 0 && !fp_slab_find(fp->slab_material))
		return ns_json_fail(err, NS_JSON_KEY(at, "material"), "'%s' is not a slab material "
				    "(concrete-slab, hospital-heavy-slab, or custom with loss_db)",
				    fp->slab_material);
	if (!m && l)
		snprintf(fp->slab_material, sizeof(fp->slab_material), "custom");
	if (l)
		return get_losses(l, NS_JSON_KEY(at, "loss_db"), fp->slab_loss_db, err);
	if (strcmp(fp->slab_material, "custom") == 0)
		return ns_json_fail(err, at, "a custom slab needs \"loss_db\"");
	return 0;
}

/* "align": {"dx_m": 0, "dy_m": 0, "rot_deg": 0}: the level's frame in the building's. */
static int parse_align(const json_t *v, const struct ns_json_path *at, struct floorplan *fp,
		       struct ns_err *err)
{
	static const char *const keys[] = { "dx_m", "dy_m", "rot_deg", "comment", NULL };
	const double lim = FP_SIDECAR_MAX_COORD_M;

	if (ns_json_object(v, at, err) || ns_json_check_keys(v, at, keys, err))
		return -EINVAL;
	if (ns_json_get_number(v, "dx_m", false, at, &fp->align.dx_m, err) ||
	    ns_json_get_number(v, "dy_m", false, at, &fp->align.dy_m, err) ||
	    ns_json_get_number(v, "rot_deg", false, at, &fp->align.rot_deg, err))
		return -EINVAL;
	if (fabs(fp->align.dx_m) > lim || fabs(fp->align.dy_m) > lim ||
	    fabs(fp->align.rot_deg) > 360)
		return ns_json_fail(err, at, "the shift must be within %g m and the turn within "
					     "360 degrees", lim);
	return 0;
}

/* A level's place in its building: elevation_m, height_m, slab, align. */
static int parse_level(const json_t *root, const struct ns_json_path *at, struct floorplan *fp,
		       struct ns_err *err)
{
	json_t *v;

	if ((v = json_object_get(root, "elevation_m")) &&
	    ns_json_number(v, NS_JSON_KEY(at, "elevation_m"), -10000, 10000, &fp->elevation_m, err))
		return -EINVAL;
	if ((v = json_object_get(root, "height_m")) &&
	    ns_json_number(v, NS_JSON_KEY(at, "height_m"), 0.5, 100, &fp->height_m, err))
		return -EINVAL;
	if ((v = json_object_get(root, "slab")) && parse_slab(v, NS_JSON_KEY(at, "slab"), fp, err))
		return -EINVAL;
	if ((v = json_object_get(root, "align")) &&
	    parse_align(v, NS_JSON_KEY(at, "align"), fp, err))
		return -EINVAL;
	return 0;
}

/* The floor's own fields: name, building, level, image, page, scale, origin. */
static int parse_header(const json_t *root, const struct ns_json_path *at, struct floorplan *fp,
			struct fp_sidecar_info *info, struct ns_err *err)
{
	long long level = fp->level;
	json_t *v;

	if (((v = json_object_get(root, "name")) &&
	     ns_json_name_copy(v, NS_JSON_KEY(at, "name"), fp->name, sizeof(fp->name), true,
			       err)) ||
	    ((v = json_object_get(root, "building")) &&
	     ns_json_name_copy(v, NS_JSON_KEY(at, "building"), fp->building,
			       sizeof(fp->building), false, err)) ||
	    ns_json_get_int(root, "level", false, at, -100, 1000, &level, err))
		return -EINVAL;
	fp->level = (int)level;
	if ((v = json_object_get(root, "image")) &&
	    ns_json_string_copy(v, NS_JSON_KEY(at, "image"), info->image, sizeof(info->image),
				true, err))
		return -EINVAL;
	if ((v = json_object_get(root, "page"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 100000)
			return ns_json_fail(err, NS_JSON_KEY(at, "page"),
					    "must be a page number counted from 1");
		fp->page = (int)json_integer_value(v) - 1;
		info->has_page = 1;
	}
	if ((v = json_object_get(root, "scale"))) {
		if (parse_scale(v, NS_JSON_KEY(at, "scale"), fp, err))
			return -EINVAL;
		info->has_scale = 1;
	}
	if ((v = json_object_get(root, "origin_px"))) {
		struct fp_point o;

		if (get_point(v, NS_JSON_KEY(at, "origin_px"), 1e9, &o, err))
			return -EINVAL;
		fp->origin_x_px = o.x;
		fp->origin_y_px = o.y;
		info->has_origin = 1;
	}
	return 0;
}

static int parse_root(const json_t *root, struct floorplan *fp, struct fp_sidecar_info *info,
		      struct ns_err *err)
{
	static const char *const keys[] = { "notspot_floorplan", "name", "building", "level",
					    "elevation_m", "height_m", "slab", "align", "image",
					    "page", "scale", "origin_px", "wards", "walls",
					    "openings", "aps", "comment", NULL };
	const struct ns_json_path at = NS_JSON_ROOT("sidecar");
	json_t *wards, *walls, *openings, *aps;
	int rc;

	if (!json_is_object(root))
		return ns_err_set(err, -EINVAL, "a sidecar is a JSON object, not %s",
				  ns_json_type_name(root));
	if (ns_json_check_keys(root, &at, keys, err) || check_version(root, &at, err) ||
	    parse_header(root, &at, fp, info, err) || parse_level(root, &at, fp, err))
		return -EINVAL;
	if (get_array(root, &at, "wards", &wards, err) ||
	    get_array(root, &at, "walls", &walls, err) ||
	    get_array(root, &at, "openings", &openings, err) ||
	    get_array(root, &at, "aps", &aps, err))
		return -EINVAL;
	/* Openings after walls: each must lie on one. */
	if ((rc = ns_json_each_object(wards, NS_JSON_KEY(&at, "wards"), ward_keys, parse_ward, fp,
				      err)) ||
	    (rc = ns_json_each_object(walls, NS_JSON_KEY(&at, "walls"), wall_keys, parse_wall, fp,
				      err)) ||
	    (rc = ns_json_each_object(openings, NS_JSON_KEY(&at, "openings"), opening_keys,
				      parse_opening, fp, err)) ||
	    (rc = ns_json_each_object(aps, NS_JSON_KEY(&at, "aps"), ap_keys, parse_ap, fp, err)))
		return rc;
	return 0;
}

int fp_sidecar_parse(const char *json, size_t len, struct floorplan *fp,
		     struct fp_sidecar_info *info, struct ns_err *err)
{
	struct fp_sidecar_info scratch;
	json_t *root;
	int rc;

	if (!info)
		info = &scratch;
	memset(info, 0, sizeof(*info));
	if (len > FP_SIDECAR_MAX_BYTES)
		return ns_err_set(err, -EFBIG, "the sidecar is %zu bytes; at most %u are read",
				  len, FP_SIDECAR_MAX_BYTES);
	rc = ns_json_parse(json, len, &root, err);
	if (rc)
		return rc;
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

/* A level's elevation, height, slab and alignment, where they are not the defaults. */
static bool put_level(json_t *root, const struct floorplan *fp)
{
	bool bad = false, own_loss = false;
	json_t *slab;

	if (isfinite(fp->elevation_m))
		bad |= put(root, "elevation_m", json_real(fp->elevation_m));
	if (isfinite(fp->height_m))
		bad |= put(root, "height_m", json_real(fp->height_m));
	for (int b = 0; b < FP_NBANDS; b++)
		own_loss |= isfinite(fp->slab_loss_db[b]);
	slab = json_pack("{s:s}", "material", fp->slab_material);
	if (own_loss && slab)
		bad |= put(slab, "loss_db", losses_json(fp->slab_loss_db));
	bad |= put(root, "slab", slab);
	if (fp->align.dx_m != 0 || fp->align.dy_m != 0 || fp->align.rot_deg != 0)
		bad |= put(root, "align", json_pack("{s:f, s:f, s:f}", "dx_m", fp->align.dx_m, "dy_m",
						    fp->align.dy_m, "rot_deg", fp->align.rot_deg));
	return bad;
}

/* An AP's model, mount, note and radios, where given. */
static bool put_ap_details(json_t *e, const struct fp_ap *ap)
{
	static const char *const band[FP_NBANDS] = { "2.4", "5", "6" };
	static const uint8_t zero[6];
	bool bad = false;
	json_t *rs;

	if (ap->model[0])
		bad |= put(e, "model", json_string(ap->model));
	if (ap->mount[0] && strcmp(ap->mount, "ceiling") != 0)
		bad |= put(e, "mount", json_string(ap->mount));
	if (ap->note[0])
		bad |= put(e, "note", json_string(ap->note));
	if (!ap->nradios)
		return bad;
	rs = json_array();
	for (size_t i = 0; i < ap->nradios && i < FP_MAX_RADIOS; i++) {
		const struct fp_radio *r = &ap->radios[i];
		json_t *j = json_pack("{s:s, s:i, s:i}", "band", band[r->band % FP_NBANDS],
				      "channel", r->channel, "width_mhz", r->width_mhz);
		char mac[18];

		if (j && isfinite(r->tx_power_dbm))
			bad |= put(j, "tx_power_dbm", json_real(r->tx_power_dbm));
		if (j && memcmp(r->bssid, zero, 6) != 0)
			bad |= put(j, "bssid", json_string(mac_format(r->bssid, mac)));
		bad |= push(rs, j);
	}
	return bad | put(e, "radios", rs);
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
	bad |= put_level(root, fp);
	if (image)
		bad |= put(root, "image", json_string(image));
	if (fp->page > 0)
		bad |= put(root, "page", json_integer(fp->page + 1));
	if (fp->px_per_m > 0 && isfinite(fp->calib.m))
		bad |= put(root, "scale", json_pack("{s:[[f, f], [f, f]], s:f}", "points",
						    fp->calib.ax_px, fp->calib.ay_px, fp->calib.bx_px,
						    fp->calib.by_px, "distance_m", fp->calib.m));
	else if (fp->px_per_m > 0)
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
		bad |= put_ap_details(e, ap);
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
