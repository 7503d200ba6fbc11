/* SPDX-License-Identifier: GPL-3.0-or-later */
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

#include "sim/sim.h"
#include "sim/world_internal.h"
#include "util/file.h"
#include "util/json_get.h"

#define MAX_STOPS 100000

void sim_route_release(struct sim_route *r)
{
	if (!r)
		return;
	free(r->stops);
	memset(r, 0, sizeof(*r));
}

static const char *const stop_keys[] = { "x", "y", "dwell_s", "label", NULL };

/* Stop @i into ((struct sim_stop *)@arg)[i]. */
static int parse_stop(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
		      struct ns_err *err)
{
	struct sim_stop *st = (struct sim_stop *)arg + i;
	const char *label = "";
	int rc;

	st->dwell_s = 0;
	if ((rc = ns_json_get_number(o, "x", true, at, &st->p.x, err)) ||
	    (rc = ns_json_get_number(o, "y", true, at, &st->p.y, err)) ||
	    (rc = ns_json_get_number(o, "dwell_s", false, at, &st->dwell_s, err)) ||
	    (rc = ns_json_get_string(o, "label", false, at, &label, err)))
		return rc;
	if (fabs(st->p.x) > 1e5 || fabs(st->p.y) > 1e5)
		return ns_json_fail(err, at, "position is more than 100 km away");
	if (st->dwell_s < 0 || st->dwell_s > 3600)
		return ns_json_fail(err, NS_JSON_KEY(at, "dwell_s"), "%g is outside 0..3600 s",
				    st->dwell_s);
	return 0;
}

static int parse_stops(json_t *root, const struct ns_json_path *at, struct sim_route *r,
		       struct ns_err *err)
{
	const struct ns_json_path *at_stops = NS_JSON_KEY(at, "stops");
	json_t *arr = json_object_get(root, "stops");
	int rc;

	if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > MAX_STOPS)
		return ns_json_fail(err, at_stops, "must be an array of 1 to %d stops", MAX_STOPS);
	r->stops = calloc(json_array_size(arr), sizeof(*r->stops));
	if (!r->stops)
		return ns_err_set(err, -ENOMEM, "out of memory");
	if ((rc = ns_json_each_object(arr, at_stops, stop_keys, parse_stop, r->stops, err)))
		return rc;
	r->nstops = json_array_size(arr);
	return 0;
}

int sim_parse_route(const char *buf, size_t len, struct sim_route *r, struct ns_err *err)
{
	static const char *const keys[] = { "format", "version", "name", "floor", "stops", NULL };
	const struct ns_json_path at = NS_JSON_ROOT("the route");
	const char *name = "", *floor_name = "";
	json_t *root;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = sim_json_load(buf, len, &root, err)))
		return rc;
	if ((rc = ns_json_check_keys(root, &at, keys, err)) ||
	    (rc = sim_json_check_format(root, &at, "notspot-sim-route", err)) ||
	    (rc = ns_json_get_string(root, "name", false, &at, &name, err)) ||
	    (rc = ns_json_get_string(root, "floor", false, &at, &floor_name, err)))
		goto out;
	if (strlen(name) >= sizeof(r->name) || strlen(floor_name) >= sizeof(r->floor)) {
		rc = ns_err_set(err, -EINVAL, "name and floor must be shorter than %zu bytes",
				sizeof(r->name));
		goto out;
	}
	memcpy(r->name, name, strlen(name) + 1);
	memcpy(r->floor, floor_name, strlen(floor_name) + 1);
	rc = parse_stops(root, &at, r, err);
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
	if ((rc = ns_read_file(path, SIM_JSON_MAX_BYTES, &buf, &len, err)))
		return rc;
	rc = sim_parse_route(buf, len, r, err);
	free(buf);
	if (rc)
		ns_err_prefix(err, "%s", path);
	return rc;
}
