/*
 * world_internal.h — what the simulator's own files share about a world.
 * Not for other modules: they use sim.h.
 */
#ifndef NOTSPOT_SIM_WORLD_INTERNAL_H
#define NOTSPOT_SIM_WORLD_INTERNAL_H

#include "sim/shadow.h"
#include "sim/sim.h"

struct sim_world {
	const struct floorplan *fp;   /* not owned */
	struct sim_config cfg;
	struct sim_ap *aps;           /* owned copy */
	size_t naps;
	struct sim_shadow *shadow;    /* one field per AP, owned */
	struct sim_bss *bss;          /* owned, AP by AP, radio by radio, SSID by SSID */
	size_t nbss;
};

/*
 * sim_radio_mean_dbm() - the mean signal of radio @radio of AP @ap at @p
 * (every BSSID of a radio shares it): tx power − path loss − walls + shadowing.
 */
double sim_radio_mean_dbm(const struct sim_world *w, size_t ap, int radio, struct fp_point p);

/*
 * Where the receiver was @ago_s seconds before a scan completed: scans take
 * time and visit channels one after another, so a walking surveyor hears each
 * channel somewhere else.
 */
typedef struct fp_point (*sim_pos_fn)(void *arg, double ago_s);

/*
 * sim_scan_moving() - sim_scan() for a receiver on the move: each channel is
 * measured where @pos says the receiver was when that channel was scanned,
 * and its age is the time since then.
 */
size_t sim_scan_moving(const struct sim_world *w, sim_pos_fn pos, void *arg, uint64_t *rng,
		       struct meas_observation *out, size_t cap);

/* The index of BSS @bssid in @w, or -1. */
long sim_world_find_bss(const struct sim_world *w, const uint8_t bssid[6]);

#endif
