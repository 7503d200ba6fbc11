/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim.h — an indoor radio world for demos and for ground truth in tests.
 *
 * Propagation (DOMAIN.md, "Propagation"): log-distance path loss from 1 m,
 * plus the loss of every wall the straight path crosses (fp_path_wall_loss,
 * COST-231 multi-wall), plus spatially correlated log-normal shadow fading,
 * with the antenna at ceiling height (3-D distance). Physical APs carry one
 * or more radios (2.4 / 5 GHz), each beaconing one BSSID per SSID; BSSIDs of
 * one AP differ only in the low bits of the MAC, as real enterprise APs do.
 *
 * A building world (sim_world_new_building()) holds the APs of several
 * levels and is heard from one of them: an AP on another level is heard
 * through the slabs between (COST 231 multi-floor, floorplans/building.h),
 * at the 3-D distance between the levels' elevations, past the walls of both
 * levels — so a walk on one level records the APs of the others.
 *
 * Everything is deterministic for a given seed. The world keeps pointers to
 * the floorplans it was built on: they must outlive it.
 */
#ifndef NOTSPOT_SIM_SIM_H
#define NOTSPOT_SIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "survey/survey.h"
#include "util/err.h"

#define SIM_MAX_RADIOS 3
#define SIM_MAX_SSIDS 4

struct sim_radio {
	int freq_mhz;              /* primary channel centre */
	int width_mhz;             /* 20, 40, 80, 160 */
	int center_freq_mhz;       /* centre of the occupied width (0: = freq_mhz) */
	double tx_power_dbm;       /* EIRP */
	double utilisation;        /* BSS Load channel utilisation 0..1 */
	int stations;              /* BSS Load station count */
};

struct sim_ssid {
	char name[33];
	bool hidden;
	char security[32];         /* "wpa2-eap", "wpa2-psk", "open", … */
};

struct sim_ap {
	char name[64];             /* configured AP name, sent in beacons */
	struct fp_point pos;       /* metres on the floor */
	double height_m;           /* antenna height, default 2.7 m (ceiling) */
	uint8_t base_mac[6];       /* BSSID of radio r, SSID s: base + (r << 4) + s */
	struct sim_radio radios[SIM_MAX_RADIOS];
	int nradios;
	struct sim_ssid ssids[SIM_MAX_SSIDS];
	int nssids;
};

/* Model parameters; sim_config_default() gives DOMAIN.md's figures. */
struct sim_config {
	double pl1m_db[FP_NBANDS];      /* path loss at 1 m: 40, 46.4, 47.5 dB */
	double exponent;                /* n in 10·n·log10(d): 2.0 … 3.5, default 2.2 */
	double shadow_sigma_db;         /* σ of shadow fading, default 4 dB */
	double shadow_corr_m;           /* correlation distance, default 3 m */
	double meas_sigma_db;           /* per-reading noise, default 2 dB */
	double noise_floor_dbm[FP_NBANDS]; /* default −95 (2.4), −98 (5), −98 (6) */
	double sensitivity_dbm;         /* weaker BSSes are not heard, default −92 */
	double miss_prob;               /* chance a heard BSS is missing from a scan, default 0.05 */
	uint64_t seed;
	/* Added after the first interface (append-only): */
	double rx_height_m;             /* receiver (laptop) height above the floor, default 1.2 m */
	double scan_time_s;             /* how long one full scan takes (ages), default 2.5 s */
};

/* One BSSID of the world, for listing and scoring. */
struct sim_bss {
	uint8_t bssid[6];
	size_t ap;                 /* index into the APs */
	int radio, ssid;
	int freq_mhz, width_mhz, center_freq_mhz;
	char ssid_name[33];
	bool hidden;
	char security[32];
	char ap_name[33];
};

struct sim_world; /* opaque */

void sim_config_default(struct sim_config *cfg);

/**
 * sim_world_new() - build a world of @naps APs on @fp (copied; @fp must outlive the world).
 * Returns 0 or -errno with a sentence in @err.
 */
int sim_world_new(const struct floorplan *fp, const struct sim_ap *aps, size_t naps,
		  const struct sim_config *cfg, struct sim_world **out, struct ns_err *err);
void sim_world_free(struct sim_world *w);

size_t sim_world_nbss(const struct sim_world *w);
const struct sim_bss *sim_world_bss(const struct sim_world *w, size_t i);
size_t sim_world_naps(const struct sim_world *w);
const struct sim_ap *sim_world_ap(const struct sim_world *w, size_t i);

/**
 * sim_true_signal_dbm() - the mean received signal of BSS @bss at @p, dBm:
 * path loss + walls + shadowing, without measurement noise. This is the truth
 * maps are scored against.
 */
double sim_true_signal_dbm(const struct sim_world *w, size_t bss, struct fp_point p);

/** sim_noise_dbm() - the noise floor at @freq_mhz, dBm. */
double sim_noise_dbm(const struct sim_world *w, int freq_mhz);

/**
 * sim_scan() - what one scan at @p would report: BSSes above sensitivity, with
 * measurement noise, occasional misses and ages; draws from *@rng (any seed).
 * Fills up to @cap observations in @out; returns how many.
 */
size_t sim_scan(const struct sim_world *w, struct fp_point p, uint64_t *rng,
		struct meas_observation *out, size_t cap);

/**
 * sim_load_aps() - read APs from the JSON file at @path (format: sim/README.md).
 * *@aps is malloc'd.
 */
int sim_load_aps(const char *path, struct sim_ap **aps, size_t *naps, struct ns_err *err);

/**
 * sim_load_aps_floor() - sim_load_aps() that also gives the file's "floor"
 * (the floor it was written for) in @floor (@len bytes; "" when not said).
 */
int sim_load_aps_floor(const char *path, struct sim_ap **aps, size_t *naps, char *floor,
		       size_t len, struct ns_err *err);

/* A route: the places an engineer taps, in order, with how long they stand. */
struct sim_stop {
	struct fp_point p;
	double dwell_s;            /* stop-and-go: seconds measured here */
};

enum sim_walk_mode { SIM_WALK_CONTINUOUS, SIM_WALK_STOP_AND_GO };

struct sim_walk_opts {
	enum sim_walk_mode mode;
	double speed_mps;          /* continuous walking pace, default 1.0 m/s */
	double scan_interval_s;    /* time a full scan takes, default 2.5 s */
	double link_interval_s;    /* link poll period, default 0.2 s (5 Hz) */
	int64_t start_us;          /* wall-clock start, 0 = now */
	char operator_name[64];
	char note[256];
	uint64_t seed;
	/* Added after the first interface (append-only); sim_walk_opts_default() fills them: */
	double dwell_s;            /* stop-and-go: time at a stop whose dwell_s is 0, default 6 s */
	double stop_spacing_m;     /* stop-and-go: extra stops so none are further apart, 0 = taps only; default 3 m */
	char link_ssid[33];        /* SSID the laptop is associated with; "" = the first wpa2-eap SSID */
	double scan_fail_prob;     /* chance a scan trigger fails (stored as a failed sample), default 0.01 */
};

/** sim_walk_opts_default() - the defaults named above, continuous, seed 1. */
void sim_walk_opts_default(struct sim_walk_opts *o);

/**
 * sim_walk() - record a simulated walk along @stops into survey floor @floor_id
 * exactly as a real walk is recorded: a walk row, a waypoint per tap, samples
 * at the scanner's cadence, placed by the position track. Returns the walk id.
 */
int64_t sim_walk(const struct sim_world *w, struct survey *s, int64_t floor_id,
		 const struct sim_stop *stops, size_t nstops, const struct sim_walk_opts *opts,
		 struct ns_err *err);

/* ---- additions after the first interface --------------------------------- */

/* One level of a building world: its floor and the APs on it, in its own metres. */
struct sim_level {
	const struct floorplan *fp;  /* level, elevation, height, slab, alignment, walls;
				      * must outlive the world */
	const struct sim_ap *aps;    /* copied */
	size_t naps;
};

/**
 * sim_world_new_building() - a world of the @n levels of building @b (may be
 * NULL: default storey height), heard on level @here (an index into
 * @levels): scans, walks and the truth are on that level's floor, in its
 * metres, and hear every level's APs. The walked level's APs come first and
 * behave exactly as in sim_world_new() on that floor; the others' BSSIDs
 * follow, level by level. What an AP of another level loses: sim/README.md,
 * "Several levels".
 */
int sim_world_new_building(const struct sim_level *levels, size_t n, size_t here,
			   const struct fp_building *b, const struct sim_config *cfg,
			   struct sim_world **out, struct ns_err *err);

/** sim_world_ap_floor() - the floor AP @i stands on (its position is in that floor's metres). */
const struct floorplan *sim_world_ap_floor(const struct sim_world *w, size_t i);

/** sim_channel_of_freq() - the channel number of a centre frequency (2.4/5/6 GHz), 0 if none. */
int sim_channel_of_freq(int freq_mhz);

/**
 * sim_freq_of_channel() - centre frequency in MHz of @channel in band @band
 * (2.4 GHz: 1–14, 5 GHz: 32–177, 6 GHz: 1–233), or 0 if there is no such channel.
 */
int sim_freq_of_channel(enum fp_band band, int channel);

/**
 * sim_center_freq() - the centre of the occupied width for a primary channel at
 * @freq_mhz and @width_mhz, following the 5 GHz channelisation (40 MHz pairs
 * from 36, 80 MHz blocks 36–48, 52–64, 100–112, 116–128, 132–144, 149–161,
 * 160 MHz 36–64, 100–128). Returns @freq_mhz for 20 MHz or an unknown layout.
 */
int sim_center_freq(int freq_mhz, int width_mhz);

/**
 * sim_parse_aps() - sim_load_aps() on @len bytes of JSON at @buf (need not be
 * NUL-terminated). Errors name the element and key ("aps[3].radios[0]: channel 15 is not a 5 GHz channel").
 */
int sim_parse_aps(const char *buf, size_t len, struct sim_ap **aps, size_t *naps,
		  struct ns_err *err);

/**
 * sim_aps_from_floorplan() - a default configuration for the planned APs of
 * @fp: the hospital SSIDs, 2.4 GHz on 1/6/11 at 11 dBm and 5 GHz on non-
 * overlapping 40 MHz channels at 17 dBm, in the order the APs are listed.
 * *@aps malloc'd; -ENOENT with a sentence when @fp has no APs.
 */
int sim_aps_from_floorplan(const struct floorplan *fp, struct sim_ap **aps, size_t *naps,
			   struct ns_err *err);

/* A route read from a file (sim/README.md, "Routes"). */
struct sim_route {
	char name[64];
	char floor[64];            /* the floor it was drawn for, "" if not said */
	struct sim_stop *stops;    /* owned, malloc'd */
	size_t nstops;
};

/** sim_load_route() / sim_parse_route() - read a route; free with sim_route_release(). */
int sim_load_route(const char *path, struct sim_route *r, struct ns_err *err);
int sim_parse_route(const char *buf, size_t len, struct sim_route *r, struct ns_err *err);
void sim_route_release(struct sim_route *r);

/**
 * sim_write_truth() - write the true mean signal of every BSS on a grid of
 * @cell_m cells over the floor to @path as CSV (format: sim/README.md,
 * "Ground truth"). Returns 0 or -errno with a sentence.
 */
int sim_write_truth(const struct sim_world *w, const char *path, double cell_m,
		    struct ns_err *err);

/* What sim_walk() recorded, for summaries (may be passed as NULL). */
struct sim_walk_stats {
	size_t waypoints, scans, failed_scans, links, not_associated, observations, stale;
	int64_t start_us, end_us;
};

/** sim_walk_ex() - sim_walk() that also reports what it recorded in *@stats. */
int64_t sim_walk_ex(const struct sim_world *w, struct survey *s, int64_t floor_id,
		    const struct sim_stop *stops, size_t nstops, const struct sim_walk_opts *opts,
		    struct sim_walk_stats *stats, struct ns_err *err);

#endif
