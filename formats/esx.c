/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * esx.c — an Ekahau project (.esx) into a struct fmt_project, through libzip.
 *
 * Ekahau's positions are in units of the floor plan's drawing, origin at its
 * top-left corner, y down, with metersPerUnit as the scale: notspot's metres
 * are units × metersPerUnit, and the drawing keeps its own pixels. Every
 * member is checked before it is inflated (esx.h lists the refusals), and a
 * member's JSON is read through util/json_get, so an error names the member
 * and the path in it.
 */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "formats/esx.h"
#include "formats/oi_priv.h"
#include "measure/channel.h"
#include "util/json_get.h"
#include "util/mac.h"

struct wp_ref {
	const char *id;
	const json_t *v;
};

struct esx {
	zip_t *z;
	size_t total;              /* bytes inflated so far */
	struct fmt_project *p;
	json_t *docs[16];          /* members read, by enum member */
	const char **fp_ids;       /* Ekahau id of each level */
	struct wp_ref *wps;        /* wallPoints.json by id, sorted: segments look up two each */
	size_t nwps;
	struct ns_err *err;
};

enum member {
	M_FLOORS, M_IMAGES, M_WALLTYPES, M_WALLPOINTS, M_WALLSEGS, M_APS, M_RADIOS, M_MRADIOS,
	M_MEAS, M_NOTES, M_AREAS, M_BFLOORS, M_BUILDINGS, M_PROJECT, NMEMBERS
};

static const struct {
	const char *file, *key;
	bool required;
} members[NMEMBERS] = {
	[M_FLOORS] = { "floorPlans.json", "floorPlans", true },
	[M_IMAGES] = { "images.json", "images", false },
	[M_WALLTYPES] = { "wallTypes.json", "wallTypes", false },
	[M_WALLPOINTS] = { "wallPoints.json", "wallPoints", false },
	[M_WALLSEGS] = { "wallSegments.json", "wallSegments", false },
	[M_APS] = { "accessPoints.json", "accessPoints", false },
	[M_RADIOS] = { "simulatedRadios.json", "simulatedRadios", false },
	[M_MRADIOS] = { "measuredRadios.json", "measuredRadios", false },
	[M_MEAS] = { "accessPointMeasurements.json", "accessPointMeasurements", false },
	[M_NOTES] = { "notes.json", "notes", false },
	[M_AREAS] = { "areas.json", "areas", false },
	[M_BFLOORS] = { "buildingFloors.json", "buildingFloors", false },
	[M_BUILDINGS] = { "buildings.json", "buildings", false },
	[M_PROJECT] = { "project.json", "project", false },
};

bool fmt_esx_sniff(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

/* ---- the archive -------------------------------------------------------------------- */

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool bad_name(const char *n)
{
	return !*n || n[0] == '/' || strchr(n, '\\') || strstr(n, "..") || strchr(n, ':');
}

/* Every member's name and sizes, before anything is inflated. */
static int check_members(struct esx *e)
{
	zip_int64_t n = zip_get_num_entries(e->z, 0);
	const char **names;
	zip_stat_t st;
	int rc = 0;

	if (n < 0 || n > FMT_ESX_MAX_MEMBERS)
		return ns_err_set(e->err, -EINVAL, "the archive lists %lld members", (long long)n);
	if (!(names = calloc((size_t)n + 1, sizeof(*names))))
		return ns_err_set(e->err, -ENOMEM, "out of memory");
	for (zip_int64_t i = 0; i < n && !rc; i++) {
		if (zip_stat_index(e->z, (zip_uint64_t)i, 0, &st) ||
		    !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE))
			rc = ns_err_set(e->err, -EINVAL, "member %lld cannot be read: %s",
					(long long)i, zip_strerror(e->z));
		else if (bad_name(st.name))
			rc = ns_err_set(e->err, -EINVAL, "member '%.80s' has a name no project has "
							 "(absolute, '..', '\\' or ':')", st.name);
		else if (st.size > FMT_ESX_MAX_IMAGE)
			rc = ns_err_set(e->err, -EFBIG, "member '%.80s' would inflate to %llu bytes",
					st.name, (unsigned long long)st.size);
		else if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
			 st.size / (st.comp_size ? st.comp_size : 1) > FMT_ESX_MAX_RATIO)
			rc = ns_err_set(e->err, -EFBIG, "member '%.80s' inflates %llu times: refused "
							"as a zip bomb", st.name,
					(unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)));
		names[i] = st.name;
	}
	if (!rc) {
		qsort(names, (size_t)n, sizeof(*names), cmp_names);
		for (zip_int64_t i = 1; i < n && !rc; i++)
			if (!strcmp(names[i - 1], names[i]))
				rc = ns_err_set(e->err, -EINVAL, "member '%.80s' is in the archive twice",
						names[i]);
	}
	free(names);
	return rc;
}

/* The member @name inflated into a malloc'd buffer (NUL added), or -ENOENT. */
static int read_member(struct esx *e, const char *name, size_t max, char **out, size_t *len)
{
	zip_int64_t idx = zip_name_locate(e->z, name, 0);
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t got = 0, r;
	char *buf;

	if (idx < 0)
		return -ENOENT;
	if (zip_stat_index(e->z, (zip_uint64_t)idx, 0, &st))
		return ns_err_set(e->err, -EINVAL, "%s: %s", name, zip_strerror(e->z));
	if (st.size > max || e->total + st.size > FMT_ESX_MAX_TOTAL)
		return ns_err_set(e->err, -EFBIG, "%s: %llu bytes is more than a project holds", name,
				  (unsigned long long)st.size);
	if (!(buf = malloc(st.size + 1)))
		return ns_err_set(e->err, -ENOMEM, "out of memory");
	if (!(f = zip_fopen_index(e->z, (zip_uint64_t)idx, 0))) {
		free(buf);
		return ns_err_set(e->err, -EINVAL, "%s: %s", name, zip_strerror(e->z));
	}
	while ((zip_uint64_t)got < st.size && (r = zip_fread(f, buf + got, st.size - got)) > 0)
		got += r;
	/* One byte more than promised would be a lie about the size: read it to be sure. */
	if ((zip_uint64_t)got != st.size || zip_fread(f, buf + got, 0) < 0) {
		zip_fclose(f);
		free(buf);
		return ns_err_set(e->err, -EINVAL, "%s: damaged (%lld of %llu bytes inflate)", name,
				  (long long)got, (unsigned long long)st.size);
	}
	if (zip_fclose(f)) {
		free(buf);
		return ns_err_set(e->err, -EINVAL, "%s: damaged (checksum)", name);
	}
	buf[got] = '\0';
	e->total += (size_t)got;
	*out = buf;
	*len = (size_t)got;
	return 0;
}

/* Each JSON member: an object holding an array under its key. A missing optional one stays NULL. */
static int read_docs(struct esx *e)
{
	for (int m = 0; m < NMEMBERS; m++) {
		const struct ns_json_path root = NS_JSON_ROOT(members[m].file);
		json_t *arr;
		char *text;
		size_t len;
		int rc = read_member(e, members[m].file, FMT_ESX_MAX_JSON, &text, &len);

		if (rc == -ENOENT) {
			if (members[m].required)
				return ns_err_set(e->err, -EINVAL, "%s is missing: not an Ekahau "
								   "project", members[m].file);
			continue;
		}
		if (rc)
			return rc;
		rc = ns_json_parse(text, len, &e->docs[m], e->err);
		free(text);
		if (!rc)
			rc = ns_json_object(e->docs[m], &root, e->err);
		if (!rc && m != M_PROJECT &&
		    !(rc = ns_json_member(e->docs[m], members[m].key, true, &root, &arr, e->err)))
			rc = ns_json_array(arr, NS_JSON_KEY(&root, members[m].key), 1000000, NULL,
					   e->err);
		if (rc) {
			if (strncmp(e->err->msg, members[m].file, strlen(members[m].file)))
				ns_err_prefix(e->err, "%s", members[m].file);
			return rc;
		}
	}
	return 0;
}

/* ---- lookups ------------------------------------------------------------------------ */

static json_t *list(const struct esx *e, enum member m)
{
	return e->docs[m] ? json_object_get(e->docs[m], members[m].key) : NULL;
}

/* The element of list @m whose @key is the string @id, or NULL. */
static const json_t *find(const struct esx *e, enum member m, const char *key, const char *id)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list(e, m), i, v) {
		const char *s = json_string_value(json_object_get(v, key));

		if (s && id && !strcmp(s, id))
			return v;
	}
	return NULL;
}

static int cmp_wp(const void *a, const void *b)
{
	return strcmp(((const struct wp_ref *)a)->id, ((const struct wp_ref *)b)->id);
}

/* Index the wall points by id (a project holds thousands; each segment names two). */
static int index_wall_points(struct esx *e)
{
	const json_t *v;
	size_t i;

	e->wps = calloc(json_array_size(list(e, M_WALLPOINTS)) + 1, sizeof(*e->wps));
	if (!e->wps)
		return ns_err_set(e->err, -ENOMEM, "out of memory");
	json_array_foreach(list(e, M_WALLPOINTS), i, v) {
		const char *id = json_string_value(json_object_get(v, "id"));

		if (id)
			e->wps[e->nwps++] = (struct wp_ref){ id, v };
	}
	if (e->nwps)
		qsort(e->wps, e->nwps, sizeof(*e->wps), cmp_wp);
	return 0;
}

static const json_t *wall_point(const struct esx *e, const char *id)
{
	const struct wp_ref key = { id, NULL }, *hit;

	hit = e->nwps ? bsearch(&key, e->wps, e->nwps, sizeof(*e->wps), cmp_wp) : NULL;
	return hit ? hit->v : NULL;
}

static long level_of(const struct esx *e, const char *fp_id)
{
	for (size_t i = 0; fp_id && i < e->p->nlevels; i++)
		if (!strcmp(e->fp_ids[i], fp_id))
			return (long)i;
	return -1;
}

/* Ekahau's band words ("TWO", "FIVE_GHZ", …) as enum fp_band, -1 if none. */
static int band_of(const char *s)
{
	if (!s)
		return -1;
	if (!strncmp(s, "TWO", 3))
		return FP_BAND_2G4;
	if (!strncmp(s, "FIVE", 4))
		return FP_BAND_5G;
	if (!strncmp(s, "SIX", 3))
		return FP_BAND_6G;
	return -1;
}

/* A type's loss per band from its propagationProperties; *@n how many bands it gave. */
static int losses_of(const json_t *t, const struct ns_json_path *at, double loss[FP_NBANDS],
		     int *n, struct ns_err *err)
{
	const struct ns_json_path *pat = NS_JSON_KEY(at, "propagationProperties");
	json_t *arr = NULL, *v;
	size_t i;
	int rc;

	*n = 0;
	if ((rc = ns_json_member(t, "propagationProperties", false, at, &arr, err)) || !arr ||
	    (rc = ns_json_array(arr, pat, 16, NULL, err)))
		return rc;
	json_array_foreach(arr, i, v) {
		const struct ns_json_path *iat = NS_JSON_INDEX(pat, i);
		const char *band = NULL;
		double db = NAN;
		int b;

		if ((rc = ns_json_object(v, iat, err)) ||
		    (rc = ns_json_get_string(v, "band", false, iat, &band, err)) ||
		    (rc = ns_json_get_number(v, "attenuationFactor", false, iat, &db, err)))
			return rc;
		if ((b = band_of(band)) >= 0 && !isnan(db)) {
			if (db < 0 || db > 1000)
				return ns_json_fail(err, iat, "an attenuation of %g dB", db);
			loss[b] = db;
			++*n;
		}
	}
	return 0;
}

/* A location {floorPlanId, coord {x, y}} as a level and metres; *@lv -1 when it has none. */
static int location(const struct esx *e, const json_t *o, const struct ns_json_path *at,
		    long *lv, struct fp_point *pt, struct ns_err *err)
{
	const struct ns_json_path *lat = NS_JSON_KEY(at, "location");
	const struct ns_json_path *cat = NS_JSON_KEY(lat, "coord");
	json_t *loc = NULL, *coord;
	const char *fid;
	double x, y, mpu;
	int rc;

	*lv = -1;
	if ((rc = ns_json_member(o, "location", false, at, &loc, err)) || !loc)
		return rc;
	if ((rc = ns_json_object(loc, lat, err)) ||
	    (rc = ns_json_get_string(loc, "floorPlanId", true, lat, &fid, err)) ||
	    (rc = ns_json_member(loc, "coord", true, lat, &coord, err)) ||
	    (rc = ns_json_object(coord, cat, err)) ||
	    (rc = ns_json_get_number(coord, "x", true, cat, &x, err)) ||
	    (rc = ns_json_get_number(coord, "y", true, cat, &y, err)))
		return rc;
	if ((*lv = level_of(e, fid)) < 0)
		return ns_json_fail(err, NS_JSON_KEY(lat, "floorPlanId"), "'%.40s' is no floor plan "
					     "in floorPlans.json", fid);
	mpu = 1 / e->p->levels[*lv].fp->px_per_m;
	pt->x = x * mpu;
	pt->y = y * mpu;
	return 0;
}

/* ---- floors ------------------------------------------------------------------------- */

/* The drawing "image-ID", when it is a PNG or a JPEG (other formats are left out). */
static int floor_image(struct esx *e, struct floorplan *fp, const char *image_id)
{
	char name[160], *img;
	size_t len;
	int rc;

	if (!image_id)
		return 0;
	snprintf(name, sizeof(name), "image-%.140s", image_id);
	rc = read_member(e, name, FMT_ESX_MAX_IMAGE, &img, &len);
	if (rc == -ENOENT)
		return ns_err_set(e->err, -EINVAL, "%s is missing (floor plan '%s' names it)", name,
				  fp->name);
	if (rc)
		return rc;
	if (len > 8 && !memcmp(img, "\x89PNG", 4))
		rc = floorplan_set_image(fp, "png", img, len);
	else if (len > 3 && !memcmp(img, "\xff\xd8\xff", 3))
		rc = floorplan_set_image(fp, "jpeg", img, len);
	free(img);
	return rc ? ns_err_set(e->err, -ENOMEM, "out of memory") : 0;
}

/* The level from buildingFloors.json and the building's name, when the project has them. */
static void floor_place(const struct esx *e, const char *id, struct floorplan *fp, size_t i)
{
	const json_t *bf = find(e, M_BFLOORS, "floorPlanId", id), *b;
	const json_t *num = json_object_get(bf, "floorNumber");

	const json_t *height = json_object_get(bf, "height");

	fp->level = json_is_integer(num) && llabs(json_integer_value(num)) < 1000
			    ? (int)json_integer_value(num) : (int)i;
	if (json_is_number(height) && json_number_value(height) > 0 &&
	    json_number_value(height) < 100)
		fp->height_m = json_number_value(height);
	b = find(e, M_BUILDINGS, "id", json_string_value(json_object_get(bf, "buildingId")));
	snprintf(fp->building, sizeof(fp->building), "%s",
		 json_string_value(json_object_get(b, "name")) ?: "");
}

static int read_floor(const json_t *v, const struct ns_json_path *at, size_t i, void *arg,
		      struct ns_err *err)
{
	struct esx *e = arg;
	struct floorplan *fp = floorplan_new();
	const char *id, *image = NULL;
	double w, h, mpu;
	json_t *name;
	int rc;

	if (!fp)
		return ns_err_set(err, -ENOMEM, "out of memory");
	if ((rc = ns_json_get_string(v, "id", true, at, &id, err)) ||
	    (rc = ns_json_member(v, "name", true, at, &name, err)) ||
	    (rc = ns_json_string_copy(name, NS_JSON_KEY(at, "name"), fp->name, sizeof(fp->name),
				      true, err)) ||
	    (rc = ns_json_get_number(v, "width", true, at, &w, err)) ||
	    (rc = ns_json_get_number(v, "height", true, at, &h, err)) ||
	    (rc = ns_json_get_number(v, "metersPerUnit", true, at, &mpu, err)) ||
	    (rc = ns_json_get_string(v, "imageId", false, at, &image, err)))
		goto fail;
	if (!(w >= 1 && h >= 1 && w <= 100000 && h <= 100000) || !(mpu > 1e-5 && mpu < 100)) {
		rc = ns_json_fail(err, at, "a %g x %g plan at %g m a unit is not a floor", w, h, mpu);
		goto fail;
	}
	if (fmt_project_find_level(e->p, fp->name) >= 0) {
		rc = ns_json_fail(err, NS_JSON_KEY(at, "name"), "a second floor plan called '%s'",
				  fp->name);
		goto fail;
	}
	fp->width_px = (int)lround(w);
	fp->height_px = (int)lround(h);
	fp->px_per_m = 1 / mpu;
	floor_place(e, id, fp, i);
	if ((rc = floor_image(e, fp, image)))
		goto fail;
	e->fp_ids[e->p->nlevels] = id;
	return fmt_project_add_level(e->p, fp, err) < 0 ? -ENOMEM : 0;
fail:
	floorplan_free(fp);
	return rc;
}

/* ---- walls -------------------------------------------------------------------------- */

static int read_segment(const json_t *v, const struct ns_json_path *at, size_t i, void *arg,
			struct ns_err *err)
{
	const struct ns_json_path *pat = NS_JSON_KEY(at, "wallPoints");
	const struct ns_json_path wroot = NS_JSON_ROOT("wallTypes.json");
	struct esx *e = arg;
	struct fp_point ab[2];
	double loss[FP_NBANDS] = { 0, 0, 0 };
	const char *tid = NULL, *ids[2], *key = NULL;
	const json_t *type;
	json_t *pts;
	long lv[2];
	int nb = 0, rc;

	(void)i;
	if ((rc = ns_json_member(v, "wallPoints", true, at, &pts, err)) ||
	    (rc = ns_json_array(pts, pat, 2, NULL, err)) ||
	    (rc = ns_json_get_string(v, "wallTypeId", false, at, &tid, err)))
		return rc;
	if (json_array_size(pts) != 2)
		return ns_json_fail(err, pat, "a segment joins 2 wall points");
	for (int k = 0; k < 2; k++) {
		const json_t *wp;

		if ((rc = ns_json_string(json_array_get(pts, (size_t)k), NS_JSON_INDEX(pat, k), &ids[k],
					 err)))
			return rc;
		if (!(wp = wall_point(e, ids[k])))
			return ns_json_fail(err, NS_JSON_INDEX(pat, k), "'%.40s' is in no wallPoints.json",
					    ids[k]);
		if ((rc = location(e, wp, &wroot, &lv[k], &ab[k], err)))
			return rc;
	}
	if (lv[0] < 0 || lv[0] != lv[1] || (ab[0].x == ab[1].x && ab[0].y == ab[1].y)) {
		e->p->walls_left_out++;
		return 0;
	}
	type = find(e, M_WALLTYPES, "id", tid);
	if (type && (rc = losses_of(type, &wroot, loss, &nb, err)))
		return rc;
	if (type)
		key = fmt_material_guess(json_string_value(json_object_get(type, "key")) ?: "");
	if (type && !key)
		key = fmt_material_guess(json_string_value(json_object_get(type, "name")) ?: "");
	if (!nb && key)
		memcpy(loss, fp_material_find(key)->loss_db, sizeof(loss));
	else if (!nb)
		return ns_json_fail(err, NS_JSON_KEY(at, "wallTypeId"), "wall type '%.40s' has no "
					     "attenuation and no name notspot knows", tid ? tid : "");
	if (floorplan_add_wall(e->p->levels[lv[0]].fp, ab, 2, key ? key : "custom", loss))
		return ns_err_set(err, -ENOMEM, "out of memory");
	return 0;
}

/* ---- access points ------------------------------------------------------------------ */

static int radio_channel(const json_t *r, const struct ns_json_path *at, struct fp_radio *fr,
			 int *band, struct ns_err *err)
{
	const json_t *ch = json_object_get(r, "channel");
	const json_t *cf = json_object_get(r, "channelByCenterFrequencyDefinedNarrowChannels");
	long long c = 0, f = 0;
	int rc;

	if (json_is_array(ch))
		ch = json_array_get(ch, 0);
	if (json_is_array(cf))
		cf = json_array_get(cf, 0);
	if (ch && (rc = ns_json_int(ch, NS_JSON_KEY(at, "channel"), 0, 255, &c, err)))
		return rc;
	if (cf && (rc = ns_json_int(cf, NS_JSON_KEY(at, "channelByCenterFrequencyDefined"
						       "NarrowChannels"), 0, 100000, &f, err)))
		return rc;
	fr->channel = c ? (int)c : meas_channel_of_freq((int)f);
	if (*band < 0 && f)
		*band = fp_band_of_freq((int)f);
	if (*band < 0 && fr->channel)
		*band = fr->channel <= 14 ? FP_BAND_2G4 : FP_BAND_5G;
	return 0;
}

static void lower_copy(char *dst, size_t cap, const char *src)
{
	size_t k = 0;

	for (; src[k] && k + 1 < cap; k++)
		dst[k] = (char)tolower((unsigned char)src[k]);
	dst[k] = '\0';
}

/*
 * The AP's Wi-Fi radios from simulatedRadios.json: Bluetooth radios are not
 * Wi-Fi, a disabled radio transmits nothing, an AP keeps four.
 */
static int ap_radios(const struct esx *e, const char *ap_id, struct fp_ap *ap,
		     struct ns_err *err)
{
	const struct ns_json_path root = NS_JSON_ROOT("simulatedRadios.json");
	const json_t *r;
	size_t i;
	int rc;

	json_array_foreach(list(e, M_RADIOS), i, r) {
		const struct ns_json_path *at = NS_JSON_INDEX(NS_JSON_KEY(&root, "simulatedRadios"), i);
		const char *tech = json_string_value(json_object_get(r, "radioTechnology"));
		const char *owner = json_string_value(json_object_get(r, "accessPointId"));
		const char *mount = json_string_value(json_object_get(r, "antennaMounting"));
		struct fp_radio fr = { .tx_power_dbm = NAN };
		double h = NAN, width = 0;
		bool on = true;
		int band;

		if (!owner || strcmp(owner, ap_id) || (tech && strcmp(tech, "WIFI")))
			continue;
		band = band_of(json_string_value(json_object_get(r, "frequencyBand")) ?:
			       json_string_value(json_object_get(r, "band")));
		if ((rc = ns_json_get_number(r, "transmitPower", false, at, &fr.tx_power_dbm, err)) ||
		    (rc = ns_json_get_number(r, "antennaHeight", false, at, &h, err)) ||
		    (rc = ns_json_get_number(r, "channelWidth", false, at, &width, err)) ||
		    (rc = ns_json_get_bool(r, "enabled", false, at, &on, err)) ||
		    (rc = radio_channel(r, at, &fr, &band, err)))
			return rc;
		if (!on || band < 0 || ap->nradios == FP_MAX_RADIOS)
			continue;
		fr.band = (enum fp_band)band;
		fr.width_mhz = width > 0 && width <= 320 ? (int)width : 0;
		if (!isnan(h) && h > 0 && h < 100 && ap->nradios == 0)
			ap->height_m = h;
		if (mount && ap->nradios == 0)
			lower_copy(ap->mount, sizeof(ap->mount), mount); /* "CEILING" → "ceiling" */
		ap->radios[ap->nradios++] = fr;
	}
	return 0;
}

/* The BSSID the survey measured for the AP (measuredRadios → accessPointMeasurements). */
static void ap_bssid(const struct esx *e, const char *ap_id, struct fp_ap *ap)
{
	const json_t *mr = find(e, M_MRADIOS, "accessPointId", ap_id);
	const json_t *ids = json_object_get(mr, "accessPointMeasurementIds");
	const json_t *m = find(e, M_MEAS, "id", json_string_value(json_array_get(ids, 0)));
	const char *mac = json_string_value(json_object_get(m, "mac"));
	uint8_t b[6];
	char text[MAC_TEXT_LEN];

	if (mac && !mac_parse(mac, b))
		snprintf(ap->bssid_pattern, sizeof(ap->bssid_pattern), "%s", mac_format(b, text));
}

/* The texts of the AP's notes, joined. */
static void ap_notes(const struct esx *e, const json_t *v, struct fp_ap *x)
{
	const json_t *id;
	size_t i;

	json_array_foreach(json_object_get(v, "noteIds"), i, id) {
		const json_t *n = find(e, M_NOTES, "id", json_string_value(id));
		const char *t = json_string_value(json_object_get(n, "text"));
		size_t used = strlen(x->note);

		if (t && used + 3 < sizeof(x->note))
			snprintf(x->note + used, sizeof(x->note) - used, "%s%s", used ? "; " : "", t);
	}
}

static int read_ap(const json_t *v, const struct ns_json_path *at, size_t i, void *arg,
		   struct ns_err *err)
{
	struct esx *e = arg;
	struct fp_ap ap;
	const char *id, *status = NULL;
	char vendor[32] = "", model[32] = "";
	json_t *name;
	long lv;
	int rc;

	(void)i;
	fp_ap_init(&ap);
	snprintf(ap.source, sizeof(ap.source), "planned");
	if ((rc = ns_json_get_string(v, "id", true, at, &id, err)) ||
	    (rc = ns_json_get_string(v, "status", false, at, &status, err)))
		return rc;
	if (status && !strcmp(status, "DELETED"))
		return 0;
	if ((rc = ns_json_member(v, "name", true, at, &name, err)) ||
	    (rc = ns_json_string_copy(name, NS_JSON_KEY(at, "name"), ap.name, sizeof(ap.name), false,
				      err)) ||
	    (rc = location(e, v, at, &lv, &ap.pos, err)))
		return rc;
	if (lv < 0) {
		e->p->aps_without_position++;
		return 0;
	}
	snprintf(vendor, sizeof(vendor), "%s", json_string_value(json_object_get(v, "vendor")) ?: "");
	snprintf(model, sizeof(model), "%s", json_string_value(json_object_get(v, "model")) ?: "");
	snprintf(ap.model, sizeof(ap.model), "%s%s%s", vendor, vendor[0] && model[0] ? " " : "",
		 model);
	if ((rc = ap_radios(e, id, &ap, err)))
		return rc;
	ap_bssid(e, id, &ap);
	/* Measured by the survey and planned nowhere: found on site. */
	if (ap.bssid_pattern[0] && !find(e, M_RADIOS, "accessPointId", id))
		snprintf(ap.source, sizeof(ap.source), "surveyed");
	ap_notes(e, v, &ap);
	return floorplan_add_ap(e->p->levels[lv].fp, &ap) ? ns_err_set(err, -ENOMEM, "out of memory")
							  : 0;
}

/* ---- areas, notes, the project ----------------------------------------------------- */

/* An area of the plan (a requirement's zone) is a ward: a place the maps are judged over. */
static int read_area(const json_t *v, const struct ns_json_path *at, size_t i, void *arg,
		     struct ns_err *err)
{
	const struct ns_json_path *pat = NS_JSON_KEY(at, "area");
	struct esx *e = arg;
	const char *fid = NULL, *name = NULL;
	struct fp_point *pts;
	json_t *arr, *p;
	char label[64];
	size_t n, k;
	long lv;
	double mpu;
	int rc;

	if ((rc = ns_json_get_string(v, "floorPlanId", true, at, &fid, err)) ||
	    (rc = ns_json_get_string(v, "name", false, at, &name, err)) ||
	    (rc = ns_json_member(v, "area", true, at, &arr, err)) ||
	    (rc = ns_json_array(arr, pat, 100000, &n, err)))
		return rc;
	if ((lv = level_of(e, fid)) < 0 || n < 3)
		return 0; /* an area on no floor, or no area at all, is nothing to draw */
	snprintf(label, sizeof(label), "%s", name && *name ? name : "Area");
	if (!name || !*name)
		snprintf(label, sizeof(label), "Area %zu", i + 1);
	mpu = 1 / e->p->levels[lv].fp->px_per_m;
	if (!(pts = malloc(n * sizeof(*pts))))
		return ns_err_set(err, -ENOMEM, "out of memory");
	json_array_foreach(arr, k, p) {
		const struct ns_json_path *kat = NS_JSON_INDEX(pat, k);

		if ((rc = ns_json_object(p, kat, err)) ||
		    (rc = ns_json_get_number(p, "x", true, kat, &pts[k].x, err)) ||
		    (rc = ns_json_get_number(p, "y", true, kat, &pts[k].y, err)))
			break;
		pts[k].x *= mpu;
		pts[k].y *= mpu;
	}
	if (!rc && floorplan_add_ward(e->p->levels[lv].fp, label, pts, n))
		rc = ns_err_set(err, -ENOMEM, "out of memory");
	free(pts);
	return rc;
}

/* The project's name, and the notes no AP holds. */
static void project_text(struct esx *e)
{
	const json_t *prj = json_object_get(e->docs[M_PROJECT], "project"), *n, *ap;
	size_t i, k;

	snprintf(e->p->site, sizeof(e->p->site), "%s",
		 json_string_value(json_object_get(prj, "name")) ?: "");
	json_array_foreach(list(e, M_NOTES), i, n) {
		const char *id = json_string_value(json_object_get(n, "id"));
		const char *t = json_string_value(json_object_get(n, "text"));
		size_t used = strlen(e->p->notes);
		bool held = false;

		json_array_foreach(list(e, M_APS), k, ap) {
			const json_t *ids = json_object_get(ap, "noteIds"), *x;
			size_t j;

			json_array_foreach(ids, j, x)
				held |= id && json_is_string(x) && !strcmp(json_string_value(x), id);
		}
		if (t && !held && used + 3 < sizeof(e->p->notes))
			snprintf(e->p->notes + used, sizeof(e->p->notes) - used, "%s%s",
				 used ? "; " : "", t);
	}
}

static int each(struct esx *e, enum member m, ns_json_each_fn fn)
{
	const struct ns_json_path root = NS_JSON_ROOT(members[m].file);
	json_t *arr = list(e, m);
	int rc;

	if (!arr)
		return 0;
	rc = ns_json_each_object(arr, NS_JSON_KEY(&root, members[m].key), NULL, fn, e, e->err);
	if (rc && strncmp(e->err->msg, members[m].file, strlen(members[m].file)))
		ns_err_prefix(e->err, "%s", members[m].file);
	return rc;
}

int fmt_esx_read(const char *data, size_t len, struct fmt_project *p, struct ns_err *err)
{
	struct esx e = { .p = p, .err = err };
	zip_source_t *src;
	zip_error_t ze;
	int rc;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(data, len, 0, &ze))) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	if (!(e.z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
		zip_source_free(src);
		if (zip_error_code_zip(&ze) == ZIP_ER_EXISTS)
			rc = ns_err_set(err, -EINVAL, "a member name is in the archive twice");
		else
			rc = ns_err_set(err, -EINVAL, "not a readable zip archive: %s",
					zip_error_strerror(&ze));
		goto out;
	}
	if ((rc = check_members(&e)) || (rc = read_docs(&e)) || (rc = index_wall_points(&e)))
		goto out;
	if (!(e.fp_ids = calloc(json_array_size(list(&e, M_FLOORS)) + 1, sizeof(*e.fp_ids)))) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = each(&e, M_FLOORS, read_floor)) || (rc = each(&e, M_WALLSEGS, read_segment)) ||
	    (rc = each(&e, M_APS, read_ap)) || (rc = each(&e, M_AREAS, read_area)))
		goto out;
	if (!p->nlevels)
		rc = ns_err_set(err, -EINVAL, "floorPlans.json lists no floor plan");
	project_text(&e);
out:
	for (int m = 0; m < NMEMBERS; m++)
		json_decref(e.docs[m]);
	free(e.fp_ids);
	free(e.wps);
	if (e.z)
		zip_discard(e.z);
	zip_error_fini(&ze);
	return rc;
}
