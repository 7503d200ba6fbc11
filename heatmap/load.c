/* SPDX-License-Identifier: GPL-3.0-or-later */
/* load.c — see load.h. */
#include "heatmap/load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	q.floor_id = id;
	q.placed_only = true;
	if ((rc = survey_foreach_sample(s, &q, hm_set_sample_cb, set, err)) ||
	    (rc = hm_set_finish(set, err))) {
		if (rc > 0 || !err || !err->msg[0])
			rc = ns_err_set(err, rc > 0 ? -ENOMEM : rc, "cannot read the samples");
		floorplan_free(*fp);
		*fp = NULL;
		hm_set_release(set);
		return rc;
	}
	return 0;
}
