/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey_world.c — a survey's building as the simulator's world. See survey_world.h. */
#include "sim/survey_world.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void sim_survey_world_release(struct sim_survey_world *sw)
{
	sim_world_free(sw->w);
	for (size_t i = 0; i < sw->n; i++) {
		floorplan_free(sw->levels[i]);
		free(sw->aps[i]);
	}
	free(sw->levels);
	free(sw->aps);
	free(sw->naps);
	free(sw->given);
	memset(sw, 0, sizeof(*sw));
}

/* Room for @n levels. */
static int alloc_levels(struct sim_survey_world *sw, size_t n)
{
	sw->levels = calloc(n ? n : 1, sizeof(*sw->levels));
	sw->aps = calloc(n ? n : 1, sizeof(*sw->aps));
	sw->naps = calloc(n ? n : 1, sizeof(*sw->naps));
	sw->given = calloc(n ? n : 1, sizeof(*sw->given));
	return sw->levels && sw->aps && sw->naps && sw->given ? 0 : -ENOMEM;
}

int sim_survey_world_load(struct survey *s, int64_t floor_id, struct sim_survey_world *out,
			  struct ns_err *err)
{
	struct survey_floor_info *fl = NULL;
	struct floorplan *here = NULL;
	int64_t building_id = 0;
	size_t nf = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = survey_load_floor_ex(s, floor_id, SURVEY_LOAD_ELEMENTS, &here, err);
	if (!rc) {
		building_id = here->building_id; /* here goes into out->levels below */
		rc = survey_get_building(s, building_id, &out->building, err);
	}
	if (!rc)
		rc = survey_list_floors(s, &fl, &nf, err);
	if (!rc && alloc_levels(out, nf))
		rc = ns_err_set(err, -ENOMEM, "out of memory");
	/* survey_list_floors() orders by level: so are the levels here. */
	for (size_t i = 0; !rc && i < nf; i++) {
		if (fl[i].building_id != building_id)
			continue;
		if (fl[i].id == floor_id) {
			out->here = out->n;
			out->levels[out->n++] = here;
			here = NULL;
			continue;
		}
		rc = survey_load_floor_ex(s, fl[i].id, SURVEY_LOAD_ELEMENTS, &out->levels[out->n],
					  err);
		out->n += !rc;
	}
	free(fl);
	if (!rc && here) /* not listed: another program removed it meanwhile */
		rc = ns_err_set(err, -ENOENT, "there is no floor %lld", (long long)floor_id);
	floorplan_free(here);
	if (rc)
		sim_survey_world_release(out);
	return rc;
}

int sim_survey_world_give_aps(struct sim_survey_world *sw, const char *floor,
			      struct sim_ap *aps, size_t n, struct ns_err *err)
{
	size_t k = sw->here;

	if (floor && floor[0]) {
		for (k = 0; k < sw->n && strcmp(sw->levels[k]->name, floor) != 0; k++)
			;
		if (k == sw->n) {
			free(aps);
			return ns_err_set(err, -ENOENT, "it is for floor '%s', which building '%s' does "
					  "not have", floor, sw->building.name);
		}
	}
	if (sw->given[k]) {
		free(aps);
		return ns_err_set(err, -EEXIST, "floor '%s' was given its APs already",
				  sw->levels[k]->name);
	}
	free(sw->aps[k]);
	sw->aps[k] = aps;
	sw->naps[k] = n;
	sw->given[k] = true;
	return 0;
}

/* Level @k's planned APs with the default set-up, their MACs the level's own. */
static int default_aps(struct sim_survey_world *sw, size_t k, struct ns_err *err)
{
	int rc = sim_aps_from_floorplan(sw->levels[k], &sw->aps[k], &sw->naps[k], err);

	if (rc)
		return rc;
	/* sim_aps_from_floorplan() numbers APs from 02:4e:53:00:00:00 on every floor. */
	for (size_t i = 0; k != sw->here && i < sw->naps[k]; i++)
		sw->aps[k][i].base_mac[3] ^= (uint8_t)((k + 1) << 4);
	return 0;
}

int sim_survey_world_build(struct sim_survey_world *sw, const struct sim_config *cfg,
			   bool here_only, struct ns_err *err)
{
	struct sim_level *lv;
	size_t n = 0, here = 0;
	int rc = 0;

	if (!sw->given[sw->here] && (rc = default_aps(sw, sw->here, err)))
		return rc;
	for (size_t k = 0; !here_only && k < sw->n; k++)
		if (!sw->given[k] && k != sw->here && sw->levels[k]->naps &&
		    (rc = default_aps(sw, k, err)))
			return rc;
	lv = calloc(sw->n, sizeof(*lv));
	if (!lv)
		return ns_err_set(err, -ENOMEM, "out of memory");
	for (size_t k = 0; k < sw->n; k++) {
		if (here_only && k != sw->here)
			continue;
		if (k == sw->here)
			here = n; /* the walked level's index among those passed */
		lv[n++] = (struct sim_level){ sw->levels[k], sw->aps[k], sw->naps[k] };
	}
	sim_world_free(sw->w);
	sw->w = NULL;
	rc = sim_world_new_building(lv, n, here, &sw->building, cfg, &sw->w, err);
	free(lv);
	return rc;
}
