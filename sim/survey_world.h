/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * survey_world.h — the simulated world for a floor of a survey: that floor
 * and every other level of its building (sim_world_new_building()), each
 * with the APs the caller gives it (an AP file per level) or else its planned
 * APs with the default set-up of sim_aps_from_floorplan().
 *
 * What `notspot simulate` and `notspot demo` walk. The levels are loaded with
 * their elements but not their drawings; the structure owns them and the
 * world, and must outlive neither.
 */
#ifndef NOTSPOT_SIM_SURVEY_WORLD_H
#define NOTSPOT_SIM_SURVEY_WORLD_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/sim.h"
#include "survey/survey.h"

struct sim_survey_world {
	struct fp_building building;  /* the walked floor's building */
	struct floorplan **levels;    /* owned: its levels, by level */
	struct sim_ap **aps;          /* owned: each level's APs, NULL for none */
	size_t *naps;
	bool *given;                  /* the level's APs came from the caller */
	size_t n;
	size_t here;                  /* the walked floor's index in levels */
	struct sim_world *w;          /* after sim_survey_world_build() */
};

/**
 * sim_survey_world_load() - floor @floor_id of @s and the other levels of
 * its building into @out (zeroed first). Returns 0 or -errno with a sentence.
 */
int sim_survey_world_load(struct survey *s, int64_t floor_id, struct sim_survey_world *out,
			  struct ns_err *err);

/**
 * sim_survey_world_give_aps() - the APs of level @floor (by name; NULL or
 * "": the walked floor) are @aps (@n, malloc'd; taken over, also on failure).
 * -ENOENT with a sentence for a floor the building does not have, -EEXIST
 * when that level's APs were given already.
 */
int sim_survey_world_give_aps(struct sim_survey_world *sw, const char *floor,
			      struct sim_ap *aps, size_t n, struct ns_err *err);

/**
 * sim_survey_world_build() - the world: every level not given APs gets its
 * planned APs with the default set-up (the walked floor must have some:
 * -ENOENT otherwise, as sim_aps_from_floorplan() says), their base MACs made
 * distinct per level; with @here_only the other levels are left out.
 */
int sim_survey_world_build(struct sim_survey_world *sw, const struct sim_config *cfg,
			   bool here_only, struct ns_err *err);

/** sim_survey_world_here() - the walked floor. */
static inline struct floorplan *sim_survey_world_here(const struct sim_survey_world *sw)
{
	return sw->levels[sw->here];
}

/** sim_survey_world_release() - free everything; a zeroed structure is fine. */
void sim_survey_world_release(struct sim_survey_world *sw);

#endif
