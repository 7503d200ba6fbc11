/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * truthgen.h — an independent radio world for the accuracy benchmark.
 *
 * notspot's simulator (sim/) shares the estimator's wall rule and path-loss
 * prior, so scoring maps against it flatters the estimator. This world is
 * built with its own code and its own physics, closer to a real building,
 * and is only ever seen by notspot through the floorplan it would be given
 * (walls and doors with the *table* losses) and the readings of a walk:
 *
 *  - floors of hospital wings: one or two corridors with bays, side rooms,
 *    lead-lined imaging rooms and a concrete core with a cross corridor;
 *    fire doors across the corridors (held open on magnets in half of them);
 *  - every wall's true loss drawn around the table (a factor per material
 *    for the building, times a factor per wall; kept within ±50 % of the
 *    table); a path crossing several walls at one point (a junction) takes
 *    the largest of their losses, not the sum;
 *  - path loss from free space at 1 m, with an exponent per room type (the
 *    mean of the AP's room and the receiver's room: corridors guide, cores
 *    clutter), 3-D distance from the ceiling;
 *  - directional antennas: a cardioid-like azimuth pattern with a front-to-
 *    back ratio per AP (omni-ish 0–3 dB, patch 6–10 dB);
 *  - correlated shadowing (σ 4 dB, Gaussian covariance over ~3 m, random
 *    Fourier features; an AP's two radios 70 % correlated), 2 dB reading
 *    noise, readings rounded to whole dBm, a survey adapter that reads a
 *    fixed offset from the device the thresholds are written for, misses;
 *  - walk positions with tap error (σ 0.3 m): a reading is taken where the
 *    engineer is, stored where the track says.
 * Radios of one AP: named in beacons or not, and BSSIDs in one of several
 * vendor patterns (tg_mac_scheme), so the grouping into physical APs is
 * exercised.
 *
 * The truth a map is scored against is tg_true_dbm(): the mean the tabled
 * device would read (no reading noise, no adapter offset). The oracle's
 * model is tg_mean_dbm(): the same without shadowing.
 */
#ifndef NOTSPOT_TESTS_BENCH_TRUTHGEN_H
#define NOTSPOT_TESTS_BENCH_TRUTHGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/samples.h"

enum tg_room_kind { TG_CORRIDOR, TG_BAY, TG_SIDE, TG_CORE, TG_IMAGING, TG_NKINDS };

/* How an AP's radios show in their BSSIDs and beacons. */
enum tg_mac_scheme {
	TG_MAC_NAMED,       /* AP name in beacons; radio r = base + (r << 4) */
	TG_MAC_FAMILY,      /* no name; radio r = base + (r << 4), APs differ in byte 4 */
	TG_MAC_CONSECUTIVE, /* no name; APs consecutive in the last byte (0x20 apart) */
	TG_MAC_UNRELATED,   /* no name; the 5 GHz radio's MAC unrelated to the 2.4 GHz one */
};

struct tg_room {
	double x0, y0, x1, y1;     /* metres */
	enum tg_room_kind kind;
	char name[24];
	bool walked;               /* a reading was taken inside (after tg_walk) */
};

struct tg_wall {
	double ax, ay, bx, by;
	double loss[FP_NBANDS];    /* true one-pass loss, dB */
	double du0, du1;           /* door span along the wall, 0..1 (du1 <= du0: none) */
	double door_loss[FP_NBANDS];
	bool lead;
	const char *mat, *door_mat; /* material keys the floorplan is drawn with */
};

struct tg_radio {
	uint8_t mac[6];            /* BSSID of SSID 0; SSID s is mac + s */
	int freq_mhz, channel;
	enum fp_band band;
	double eirp_dbm;
	double shadow_phase[48], shadow_kx[48], shadow_ky[48]; /* its own shadowing features */
};

struct tg_ap {
	char name[33];             /* sent in beacons when the scheme names APs */
	double x, y, z;            /* metres; z above the floor */
	double az_rad, ftb_db;     /* antenna boresight and front-to-back ratio */
	int room;                  /* index of its room */
	struct tg_radio radio[2];
	int nradios;
	double shadow_phase[48], shadow_kx[48], shadow_ky[48]; /* shared shadowing */
};

struct tg_opts {
	const char *name;
	uint64_t seed;
	double width_m;            /* floor width (x) */
	int corridors;             /* 1 or 2 */
	bool core;                 /* a concrete core and cross corridor (2 corridors) */
	int imaging;               /* lead-lined imaging rooms to place */
	double visit_prob;         /* share of rooms the walk enters */
	double step_m;             /* distance between scans along the walk */
	enum tg_mac_scheme scheme;
	double adapter_db;         /* the survey adapter reads this much above the truth */
	double directional_share;  /* share of APs with a patch-like antenna */
	double walk_x_max;         /* the walk scans only where x is below this, m (0: everywhere) */
};

struct tg_building;

struct tg_world {
	struct tg_opts o;
	double w, h;
	struct tg_room *rooms;
	size_t nrooms;
	struct tg_wall *walls;
	size_t nwalls;
	struct tg_ap *aps;
	size_t naps;
	double n_kind[TG_NKINDS];  /* path-loss exponent per room type */
	double sigma_db, corr_m, noise_db, rx_h_m;
	double mat_factor[16];     /* the building's true loss / table, per fp_materials[] entry */
	struct floorplan *fp;      /* what notspot is given: table losses (owned) */
	uint64_t rng;
	const struct tg_building *bld; /* the building it is a level of, NULL: alone */
	int level;                 /* its index in bld */
};

/** tg_world_new() - a world from @o, or NULL when out of memory. */
struct tg_world *tg_world_new(const struct tg_opts *o);
void tg_world_free(struct tg_world *w);

/** tg_room_at() - the room holding (@x, @y), -1 outside every room. */
int tg_room_at(const struct tg_world *w, double x, double y);

/** tg_wall_loss() - the true wall loss on the path a→b at @band, dB (junction rule above). */
double tg_wall_loss(const struct tg_world *w, double ax, double ay, double bx, double by,
		    enum fp_band band);

/** tg_mean_dbm() - radio @r of AP @a at (@x, @y) without shadowing, dBm. */
double tg_mean_dbm(const struct tg_world *w, size_t a, int r, double x, double y);

/** tg_true_dbm() - tg_mean_dbm() plus the shadowing: the truth, dBm. */
double tg_true_dbm(const struct tg_world *w, size_t a, int r, double x, double y);

/**
 * tg_walk() - walk the corridors, entering a share of the rooms (never an
 * imaging room), scanning every step; every scan is fed to @set as a survey
 * would (time, stored place, observations of both bands). Marks the rooms
 * walked. Returns the number of scans or -ENOMEM.
 */
int tg_walk(struct tg_world *w, struct hm_set *set);

/** tg_radio_of() - the AP and radio whose BSSIDs mask to @mac (low nibble cleared) on @freq_mhz; false if none. */
bool tg_radio_of(const struct tg_world *w, const uint8_t mac[6], int freq_mhz, size_t *ap, int *r);

/*
 * A building: levels (worlds of one width, seeds apart, so their layouts
 * differ) stacked storey_m apart, with slabs between. The cross-level
 * physics is this file's own, not notspot's COST 231 rule: the true slab
 * losses are the table's concrete slab times a factor per slab (0.8…1.3);
 * a path through several slabs pays the first in full and each further one
 * at 60 % (energy finds the stair cores and façade); the walls on the
 * horizontal run count half on the AP's level and half on the receiver's;
 * a ceiling AP heard from above pays its back lobe (3 dB); shadowing as on
 * one level. Walking a level of a building hears every level's APs. AP
 * names and MACs are unique across the building.
 */
#define TG_MAX_LEVELS 4

struct tg_building {
	struct tg_world *lv[TG_MAX_LEVELS];
	int nlv;
	double storey_m;           /* floor to floor, m */
	double slab_db[TG_MAX_LEVELS][FP_NBANDS]; /* true one-pass loss of the slab level k stands on */
};

/** tg_building_new() - @nlv levels from @o (seeds o->seed + 7·k), or NULL when out of memory. */
struct tg_building *tg_building_new(const struct tg_opts *o, int nlv);
void tg_building_free(struct tg_building *b);

/** tg_level_true_dbm() - radio @r of AP @a of level @la heard on level @lrx at (@x, @y): the truth, dBm. */
double tg_level_true_dbm(const struct tg_building *b, int la, size_t a, int r, int lrx, double x,
			 double y);

/** tg_level_mean_dbm() - the same without the shadowing. */
double tg_level_mean_dbm(const struct tg_building *b, int la, size_t a, int r, int lrx, double x,
			 double y);

/** tg_building_radio_of() - the level, AP and radio of @mac on @freq_mhz; false if none. */
bool tg_building_radio_of(const struct tg_building *b, const uint8_t mac[6], int freq_mhz, int *lv,
			  size_t *ap, int *r);

#endif
