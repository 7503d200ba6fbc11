/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_internal.h — what the simulator's own files share: the world, and
 * how its JSON files (APs, routes) are opened. Not for other modules: they
 * use sim.h.
 */
#ifndef NOTSPOT_SIM_WORLD_INTERNAL_H
#define NOTSPOT_SIM_WORLD_INTERNAL_H

#include <jansson.h>

#include "sim/shadow.h"
#include "sim/sim.h"
#include "util/json_get.h"

/* The simulator's JSON files are refused above this size, bytes (read whole by util/file.h). */
#define SIM_JSON_MAX_BYTES (4u << 20)

/*
 * sim_json_load() - parse @len bytes of a simulator JSON file into *@root,
 * an object the caller json_decref()s. -EFBIG, or -EINVAL for text that is
 * not JSON or whose top level is not an object; each with a sentence.
 */
int sim_json_load(const char *buf, size_t len, json_t **root, struct ns_err *err);

/*
 * sim_json_check_format() - the "format" of the file at @at must be @format
 * and its "version" 1; errors name the key.
 */
int sim_json_check_format(const json_t *root, const struct ns_json_path *at, const char *format,
			  struct ns_err *err);

/* An AP on another level than the one walked (levels.c). */
struct sim_remote {
	const struct floorplan *fp;   /* its level (not owned): walls, frame */
	struct fp_point b;            /* its place in the building's frame, m */
	double z;                     /* its antenna above the building's datum, m */
	double floor_z, ceil_z;       /* its level's floor and the next level's, m */
};

struct sim_world {
	const struct floorplan *fp;   /* the walked level; not owned */
	struct sim_config cfg;
	struct sim_ap *aps;           /* owned copy: the walked level's first */
	size_t naps;
	struct sim_shadow *shadow;    /* one field per AP, owned */
	struct sim_bss *bss;          /* owned, AP by AP, radio by radio, SSID by SSID */
	size_t nbss;
	/* A building world (sim_world_new_building()); one level: nhere == naps. */
	size_t nhere;                 /* APs [0, nhere) stand on the walked level */
	struct sim_remote *remote;    /* owned, naps - nhere: the others */
	const struct floorplan **floors; /* owned array of the building's levels (not owned) */
	size_t nfloors;
	double here_z, here_h;        /* the walked level's elevation and floor-to-floor height, m */
};

/*
 * sim_remote_mean_dbm() - sim_radio_mean_dbm() for AP @ap on another level
 * (@ap >= w->nhere): 3-D distance in the building's frame, the walls the path
 * crosses on the AP's level and on the walked one, the slabs between
 * (fp_slab_loss_between(), COST 231 multi-floor) and the AP's shadowing.
 */
double sim_remote_mean_dbm(const struct sim_world *w, size_t ap, int radio, struct fp_point p);

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
