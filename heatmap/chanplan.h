/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chanplan.h — the channel plan as the walks heard it: every AP radio with
 * its channel and width, the facts a plan is judged by (measure/channel.h:
 * 2.4 GHz channels other than 1/6/11, DFS, 6 GHz PSC), and which radios'
 * occupied channels overlap, with the distance between them (the reuse
 * distance).
 *
 * A radio is the BSSIDs with the same MAC but for the low nibble on the same
 * primary channel (heatmap/samples.h). Its place is the plan's AP whose radio
 * BSSID or BSSID pattern matches (planned or surveyed); else the place the
 * estimator fitted to the readings of its physical AP (heatmap/estimate.h,
 * struct hm_ap_fit; given as struct hm_chan_fits), which also names a radio
 * that beacons no AP name; else where the walks heard it loudest — a hint,
 * not a position. placed_by says which. Radios of one AP name share one
 * place: the plan's when any of them has it, else the fitted one, else where
 * the loudest of them was heard.
 * Its occupied channel is centre ± width/2 (20 MHz about the primary channel
 * when the beacons gave no width).
 *
 * Units: MHz, dBm, metres. Everything is owned by the hm_chanplan.
 */
#ifndef NOTSPOT_HEATMAP_CHANPLAN_H
#define NOTSPOT_HEATMAP_CHANPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/estimate.h"
#include "heatmap/samples.h"
#include "measure/channel.h"
#include "survey/survey.h"
#include "util/err.h"

enum hm_chan_placed_by {
	HM_CHAN_UNPLACED = 0,
	HM_CHAN_PLAN,              /* the floor plan's AP */
	HM_CHAN_FITTED,            /* its physical AP's fitted place (estimate.h) */
	HM_CHAN_LOUDEST,           /* where it was heard loudest */
};

/*
 * The estimator's physical APs (a map's, heatmap/map.h: aps, naps) and the
 * set they were fitted from (their radios index set->radios), borrowed. A
 * fit that stands on another level (hm_ap_fit.level) places nothing here.
 */
struct hm_chan_fits {
	const struct hm_set *set;
	const struct hm_ap_fit *aps;
	size_t naps;
};

struct hm_chan_radio {
	char ap[64];               /* AP name from beacons or the plan, else "aa:bb:cc:dd:ee:f?" */
	uint8_t mac[6];            /* first BSSID, low nibble cleared */
	int freq_mhz;              /* primary channel centre */
	int center_mhz;            /* centre of the occupied channel */
	int width_mhz;             /* 20 … 320; 0: not advertised (taken as 20) */
	enum meas_band band;
	int channel;
	bool off_plan, dfs, psc;   /* measure/channel.h */
	enum hm_chan_placed_by placed_by;
	double x_m, y_m;
	double best_dbm;           /* strongest fresh reading */
	size_t noverlap;           /* other radios whose occupied channel overlaps this one's */
	double reuse_m;            /* distance to the nearest of them (both placed), INFINITY: none */
	long reuse_with;           /* its index, -1: none */
};

struct hm_chanplan {
	struct hm_chan_radio *r;   /* owned, by band, channel, name */
	size_t n, cap;
	const struct floorplan *fp; /* borrowed: the plan's APs */
	struct hm_chan_fits fits;   /* borrowed, used by hm_chanplan_finish(); zero: none */
};

void hm_chanplan_init(struct hm_chanplan *cp, const struct floorplan *fp);
void hm_chanplan_release(struct hm_chanplan *cp);

/** hm_chanplan_add_sample() - take in a sample (survey_sample_cb shape); scans and captures count. */
int hm_chanplan_add_sample(struct hm_chanplan *cp, const struct meas_sample *sample,
			   const struct meas_observation *obs, size_t nobs,
			   const struct meas_link *link, const struct meas_throughput *tput);

/** hm_chanplan_finish() - places (plan, cp->fits, loudest), sorting, overlaps and reuse distances. */
void hm_chanplan_finish(struct hm_chanplan *cp);

/** hm_chanplan_overlap() - whether radios @a and @b occupy overlapping spectrum. */
bool hm_chanplan_overlap(const struct hm_chan_radio *a, const struct hm_chan_radio *b);

/**
 * hm_chanplan_load() - the plan of floor @floor_id of @s (placed samples of
 * every walk), placed by @fp's APs, then by @fits (NULL: none; both
 * borrowed, needed only during the call). @cp is initialised here; release
 * it on success and failure alike.
 */
int hm_chanplan_load(struct survey *s, int64_t floor_id, const struct floorplan *fp,
		     const struct hm_chan_fits *fits, struct hm_chanplan *cp, struct ns_err *err);

/**
 * hm_chan_radio_text() - "ch 36 (5 GHz) 80 MHz DFS" (flags: "DFS", "PSC",
 * "not 1/6/11"; "width ?" when not advertised) into @buf. Returns @buf.
 */
char *hm_chan_radio_text(const struct hm_chan_radio *r, char *buf, size_t len);

#endif
