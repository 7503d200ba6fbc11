/*
 * route.c — route files: the places a simulated surveyor taps, in order
 * (format: sim/README.md, "Routes"). Outside bytes: checked like aps_json.c.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/json_util.h"
#include "sim/sim.h"
#include "util/file.h"
#include "util/json_keys.h"

#define MAX_STOPS 100000

void sim_route_release(struct sim_route *r)
{
	if (!r)
		return;
	free(r->stops);
	memset(r, 0, sizeof(*r));
}

static int parse_stop(json_t *o, const char *where, struct sim_stop *st, struct ns_err *err)
{
	static const char *const keys[] = { "x", "y", "dwell_s", "label", NULL };
	const char *label = "";
	int rc;

	st->dwell_s = 0;
	if ((rc = ns_json_check_keys(o, where, keys, err)) ||
	    (rc = sj_number(o, "x", true, &st->p.x, where, err)) ||
	    (rc = sj_number(o, "y", true, &st->p.y, where, err)) ||
	    (rc = sj_number(o, "dwell_s", false, &st->dwell_s, where, err)) ||
	    (rc = sj_string(o, "label", false, &label, where, err)))
		return rc;
	if (fabs(st->p.x) > 1e5 || fabs(st->p.y) > 1e5)
		return ns_err_set(err, -EINVAL, "%s: position is more than 100 km away", where);
	if (st->dwell_s < 0 || st->dwell_s > 3600)
		return ns_err_set(err, -EINVAL, "%s.dwell_s: %g is outside 0..3600 s", where,
				  st->dwell_s);
	return 0;
}

int sim_parse_route(const char *buf, size_t len, struct sim_route *r, struct ns_err *err)
{
	static const char *const keys[] = { "format", "version", "name", "floor", "stops", NULL };
	const char *fmt = NULL, *name = "", *floor_name = "";
	double version = 0;
	json_t *root, *arr, *v;
	char where[48];
	size_t i;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = sj_load(buf, len, &root, err)))
		return rc;
	if ((rc = ns_json_check_keys(root, "the route", keys, err)) ||
	    (rc = sj_string(root, "format", true, &fmt, "the route", err)) ||
	    (rc = sj_number(root, "version", true, &version, "the route", err)) ||
	    (rc = sj_string(root, "name", false, &name, "the route", err)) ||
	    (rc = sj_string(root, "floor", false, &floor_name, "the route", err)))
		goto out;
	if (strcmp(fmt, "notspot-sim-route") != 0) {
		rc = ns_err_set(err, -EINVAL, "format: \"%s\" is not \"notspot-sim-route\"", fmt);
		goto out;
	}
	if (version != 1) {
		rc = ns_err_set(err, -EINVAL, "version: %g is not supported (this build reads 1)",
				version);
		goto out;
	}
	if (strlen(name) >= sizeof(r->name) || strlen(floor_name) >= sizeof(r->floor)) {
		rc = ns_err_set(err, -EINVAL, "name and floor must be shorter than %zu bytes",
				sizeof(r->name));
		goto out;
	}
	memcpy(r->name, name, strlen(name) + 1);
	memcpy(r->floor, floor_name, strlen(floor_name) + 1);
	arr = json_object_get(root, "stops");
	if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > MAX_STOPS) {
		rc = ns_err_set(err, -EINVAL, "stops: must be an array of 1 to %d stops", MAX_STOPS);
		goto out;
	}
	r->stops = calloc(json_array_size(arr), sizeof(*r->stops));
	if (!r->stops) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(arr, i, v) {
		snprintf(where, sizeof(where), "stops[%zu]", i);
		if (!json_is_object(v)) {
			rc = ns_err_set(err, -EINVAL, "%s: must be an object", where);
			goto out;
		}
		if ((rc = parse_stop(v, where, &r->stops[i], err)))
			goto out;
	}
	r->nstops = json_array_size(arr);
out:
	if (rc)
		sim_route_release(r);
	json_decref(root);
	return rc;
}

int sim_load_route(const char *path, struct sim_route *r, struct ns_err *err)
{
	char *buf;
	size_t len;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = ns_read_file(path, SJ_MAX_FILE, &buf, &len, err)))
		return rc;
	rc = sim_parse_route(buf, len, r, err);
	free(buf);
	if (rc)
		ns_err_prefix(err, "%s", path);
	return rc;
}
