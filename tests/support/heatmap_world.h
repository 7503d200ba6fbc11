/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * heatmap_world.h — a small hand-made radio world for the heatmap's tests and
 * benchmarks: a floor built in code (corridor, side rooms, a lead-lined X-ray
 * room), APs with log-distance + multi-wall propagation (the same physics as
 * sim/, through fp_path_wall_loss), optional smooth "shadowing" and seeded
 * measurement noise, and walks fed to a struct hm_set as a survey would be.
 */
#ifndef NOTSPOT_TESTS_SUPPORT_HEATMAP_WORLD_H
#define NOTSPOT_TESTS_SUPPORT_HEATMAP_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/samples.h"

struct hmw_ap {
	double x, y;            /* metres */
	double p1_dbm;          /* signal at 1 m */
	double n;               /* path-loss exponent */
	double height_m;        /* above the receiver */
	uint8_t mac[6];
	int freq_mhz, channel;
	char ssid[33];
	char name[33];
	double utilisation;     /* 0..1, NAN if not advertised */
};

/*
 * The test floor, 30 × 20 m: concrete outer walls; a corridor y 8..12 with
 * plasterboard walls and open doorways into three rooms above (x 0..8, 8..16,
 * 16..24) and a lead-lined X-ray room (x 24..30, y 0..8, no opening), and one
 * open-plan bay below (y 12..20). Wards: "Ward A" (x < 15), "Ward B"
 * (x ≥ 15, not X-ray), "X-ray".
 */
struct floorplan *hmw_floor(void);

/** hmw_signal() - the world's mean signal of @ap at (@x, @y), dBm (+ shadowing if @shadow). */
double hmw_signal(const struct hmw_ap *ap, const struct floorplan *fp, double x, double y,
		  double shadow_db);

/** hmw_shadow() - a smooth deterministic field (σ ≈ @sigma dB, ~3 m scale) for AP @k. */
double hmw_shadow(int k, double x, double y, double sigma);

/** hmw_rand() - uniform 0..1 from *@state. hmw_gauss() - standard normal. */
double hmw_rand(uint64_t *state);
double hmw_gauss(uint64_t *state);

/**
 * hmw_scan() - feed one scan at (@x, @y) to @set: every AP heard above −92 dBm,
 * with @noise_db of Gaussian noise and shadowing of @shadow_db. @t_us its time.
 */
int hmw_scan(struct hm_set *set, const struct floorplan *fp, const struct hmw_ap *aps,
	     size_t naps, double x, double y, double shadow_db, double noise_db, uint64_t *rng,
	     int64_t t_us);

/**
 * hmw_walk() - scans every @step_m along the polyline @pts (n points).
 * Returns the number of scans or a negative errno.
 */
int hmw_walk(struct hm_set *set, const struct floorplan *fp, const struct hmw_ap *aps,
	     size_t naps, const struct fp_point *pts, size_t n, double step_m, double shadow_db,
	     double noise_db, uint64_t *rng);

/** hmw_aps_default() - three APs (corridor west, corridor east, bay), SSIDs "NHS" and "Guest". */
size_t hmw_aps_default(struct hmw_ap *aps, size_t cap);

#endif
