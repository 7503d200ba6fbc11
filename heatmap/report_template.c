/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_template.c — the trust's branding and governance for a report
 * (report.h, struct hm_report_template): a JSON file read through the
 * checked getters of util/json_get, so a wrong type, a typo in a key or text
 * too long for its place is one sentence naming the key, never a default.
 * The logo goes through the drawing loader (PNG or SVG, size-checked).
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/loader.h"
#include "heatmap/report.h"
#include "util/json_get.h"

#define LOGO_MAX_BYTES (8u << 20)
#define LOGO_MAX_SIDE_PX 1200

void hm_report_template_release(struct hm_report_template *t)
{
	if (t->logo)
		cairo_surface_destroy(t->logo);
	memset(t, 0, sizeof(*t));
	snprintf(t->language, sizeof(t->language), "en-GB");
}

/* A string member @key, if present, copied into @buf (never cut: too long is an error). */
static int text(const json_t *obj, const char *key, const struct ns_json_path *at, char *buf,
		size_t cap, struct ns_err *err)
{
	json_t *v = NULL;
	int rc;

	if ((rc = ns_json_member(obj, key, false, at, &v, err)) || !v)
		return rc;
	return ns_json_string_copy(v, NS_JSON_KEY(at, key), buf, cap, true, err);
}

/* The logo at @file (relative to @dir) as an image surface. */
static int load_logo(const char *file, const char *dir, const struct ns_json_path *at,
		     struct hm_report_template *t, struct ns_err *err)
{
	struct fp_load_opts lo = { .max_side_px = LOGO_MAX_SIDE_PX };
	struct fp_raster r = { 0 };
	struct ns_err why = { 0 };
	unsigned char *data = NULL;
	char path[4200];
	const char *type;
	size_t len = 0;
	int rc;

	if (file[0] == '/' || !dir)
		snprintf(path, sizeof(path), "%s", file);
	else
		snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((rc = fp_read_file(path, LOGO_MAX_BYTES, &data, &len, &why)))
		return ns_json_error(err, rc, at, "%s", why.msg);
	type = fp_drawing_type(data, len);
	if (!type || (strcmp(type, "png") != 0 && strcmp(type, "svg") != 0)) {
		free(data);
		return ns_json_fail(err, at, "'%s' is not a PNG or SVG image", file);
	}
	rc = fp_raster_load(type, data, len, &lo, &r, &why);
	free(data);
	if (rc)
		return ns_json_error(err, rc, at, "%s", why.msg);
	t->logo = r.surface;
	r.surface = NULL;
	fp_raster_release(&r);
	return 0;
}

/* The sign-off block: { "name": …, "role": …, "date": … }, the name required. */
static int reviewer(const json_t *root, const struct ns_json_path *at, struct hm_report_template *t,
		    struct ns_err *err)
{
	static const char *const keys[] = { "name", "role", "date", NULL };
	const struct ns_json_path *rv = NS_JSON_KEY(at, "reviewer");
	json_t *v = NULL, *name = NULL;
	int rc;

	if ((rc = ns_json_member(root, "reviewer", false, at, &v, err)) || !v)
		return rc;
	if ((rc = ns_json_object(v, rv, err)) || (rc = ns_json_check_keys(v, rv, keys, err)))
		return rc;
	if ((rc = ns_json_member(v, "name", true, rv, &name, err)) ||
	    (rc = text(v, "name", rv, t->reviewer_name, sizeof(t->reviewer_name), err)) ||
	    (rc = text(v, "role", rv, t->reviewer_role, sizeof(t->reviewer_role), err)) ||
	    (rc = text(v, "date", rv, t->reviewer_date, sizeof(t->reviewer_date), err)))
		return rc;
	t->reviewer = true;
	return 0;
}

/* The language: a BCP 47 tag of letters, digits and '-' ("en-GB", "cy"). */
static int language(const json_t *root, const struct ns_json_path *at,
		    struct hm_report_template *t, struct ns_err *err)
{
	int rc = text(root, "language", at, t->language, sizeof(t->language), err);

	if (rc)
		return rc;
	for (const char *c = t->language; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '-'))
			return ns_json_fail(err, NS_JSON_KEY(at, "language"),
					    "'%s' is not a language tag such as en-GB", t->language);
	return 0;
}

int hm_report_template_parse(const char *json, size_t len, const char *dir,
			     struct hm_report_template *t, struct ns_err *err)
{
	static const char *const keys[] = { "organisation", "logo",	    "author",
					    "reviewer",	    "document_reference", "classification",
					    "language",	    "title",		    NULL };
	const struct ns_json_path root = NS_JSON_ROOT("report template");
	json_t *doc = NULL, *v = NULL;
	const char *logo = NULL;
	int rc;

	memset(t, 0, sizeof(*t));
	hm_report_template_release(t);
	if ((rc = ns_json_parse(json, len, &doc, err)))
		return rc;
	if ((rc = ns_json_object(doc, &root, err)) || (rc = ns_json_check_keys(doc, &root, keys, err)) ||
	    (rc = text(doc, "organisation", &root, t->organisation, sizeof(t->organisation), err)) ||
	    (rc = text(doc, "author", &root, t->author, sizeof(t->author), err)) ||
	    (rc = text(doc, "document_reference", &root, t->reference, sizeof(t->reference), err)) ||
	    (rc = text(doc, "classification", &root, t->classification, sizeof(t->classification),
		       err)) ||
	    (rc = text(doc, "title", &root, t->title, sizeof(t->title), err)) ||
	    (rc = language(doc, &root, t, err)) || (rc = reviewer(doc, &root, t, err)) ||
	    (rc = ns_json_member(doc, "logo", false, &root, &v, err)))
		goto out;
	if (v && !(rc = ns_json_string(v, NS_JSON_KEY(&root, "logo"), &logo, err)))
		rc = load_logo(logo, dir, NS_JSON_KEY(&root, "logo"), t, err);
out:
	json_decref(doc);
	if (rc)
		hm_report_template_release(t);
	return rc;
}

int hm_report_template_load(const char *path, struct hm_report_template *t, struct ns_err *err)
{
	unsigned char *data = NULL;
	char *copy = strdup(path);
	size_t len = 0;
	int rc;

	memset(t, 0, sizeof(*t));
	hm_report_template_release(t);
	if (!copy)
		return ns_err_set(err, -ENOMEM, "out of memory");
	if (!(rc = fp_read_file(path, 1u << 20, &data, &len, err))) {
		rc = hm_report_template_parse((const char *)data, len, dirname(copy), t, err);
		if (rc && err) { /* name the file in the sentence */
			char why[sizeof(err->msg)];

			snprintf(why, sizeof(why), "%s", err->msg);
			ns_err_set(err, rc, "%s: %s", path, why);
		}
	}
	free(data);
	free(copy);
	return rc;
}
