/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roam.h — the device's-eye view of a walk: when the station changed access
 * point, how long it had no association, and where it clung to a weak AP
 * while a much better one of the same SSID was heard.
 *
 * Fed one sample at a time (the survey_sample_cb shape, in time order, walk by
 * walk), as heatmap/samples.h is:
 *  - link polls (SAMPLE_LINK) give the association: the BSSID and its signal,
 *    or "not associated";
 *  - scans (SAMPLE_SCAN) give what else of the same SSID was heard then.
 *
 * A *roam* is the first link poll on a BSSID other than the one the walk was
 * last associated with; a *reconnect* is the first poll on the same BSSID after
 * polls that found no association. Its *gap* is the time from the first poll
 * that found no association to the first poll on the new BSSID (0 when no poll
 * in between found the station unassociated: the break, if any, was shorter
 * than the poll interval, which is therefore the resolution of every gap).
 *
 * *Better available*: a scan heard a BSSID of the associated SSID at least
 * @better_db (8 dB) stronger than the associated one, compared scan against
 * scan (the associated BSSID's own observation in that scan, else its latest
 * link signal). A *sticky stretch* is a run of such scans on one association
 * lasting at least @sticky_min_s; its duration runs from its first scan to the
 * first scan (or poll) that ended it.
 *
 * Access points are named as heatmap/samples.h groups them: the AP name from
 * beacons, else the MAC with its low nibble as "?" (one physical radio).
 *
 * Units: µs wall clock for times, s for durations, dBm, metres. Everything is
 * owned by the hm_roam and freed by hm_roam_release().
 */
#ifndef NOTSPOT_HEATMAP_ROAM_H
#define NOTSPOT_HEATMAP_ROAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/profile.h"
#include "survey/survey.h"
#include "util/err.h"

#define HM_ROAM_BETTER_DB 8.0     /* dB stronger that makes another AP "better" */
#define HM_ROAM_STICKY_MIN_S 10.0 /* s a sticky stretch must last to be one */
#define HM_ROAM_LINK_MAX_S 5.0    /* s a link poll speaks for, at most, in time sums */

struct hm_roam_opts {
	double better_db;         /* see above; HM_ROAM_BETTER_DB */
	double sticky_min_s;      /* HM_ROAM_STICKY_MIN_S */
};

enum hm_roam_kind {
	HM_ROAM_ROAM = 0,         /* onto another BSSID */
	HM_ROAM_RECONNECT = 1,    /* back onto the same BSSID after a time unassociated */
};

struct hm_roam_event {
	enum hm_roam_kind kind;
	int64_t walk_id;
	int64_t t_us;             /* the first link poll on the new association */
	int64_t left_us;          /* the last link poll on the old one */
	double gap_s;             /* time with no association (see above), ≥ 0 */
	bool placed;              /* x/y known: where the new association was first seen */
	double x_m, y_m;
	int ward;                 /* index into the floorplan's wards, -1: none or unplaced */
	char ssid[MEAS_SSID_TEXT_SIZE];
	uint8_t from[6], to[6];
	char from_ap[64], to_ap[64];
	int from_freq_mhz, to_freq_mhz;
	double before_dbm;        /* signal at the last poll on the old BSSID */
	double after_dbm;         /* signal at the first poll on the new one that has one (the
				     kernel says 0 dBm until it has heard a beacon), NAN: none */
	bool better_available;    /* a better AP was heard right before leaving */
	double better_for_s;      /* for how long before leaving, s; 0 if not */
};

struct hm_roam_sticky {
	int64_t walk_id;
	int64_t from_us, to_us;
	bool placed;              /* x/y: where the stretch began */
	double x_m, y_m;
	int ward;
	uint8_t bssid[6];         /* the AP held on to */
	char ap[64];
	uint8_t better_bssid[6];  /* the best one heard instead (at the worst moment) */
	char better_ap[64];
	double worst_db;          /* the largest margin by which the best beat it, dB */
};

/* Sums over a walk, a ward or the whole floor. */
struct hm_roam_sum {
	size_t roams, reconnects;
	size_t roams_better;      /* roams made while a better AP had been heard */
	double longest_gap_s;     /* over roams and reconnects; 0 if none */
	double associated_s;      /* time associated (each poll speaks for the time to the next) */
	double unassociated_s;    /* time the polls found no association */
	double sticky_s;          /* time in sticky stretches */
	size_t stickies;
};

/** hm_roam_sum_share() - sticky time over associated time, 0..1; NAN with none associated. */
double hm_roam_sum_share(const struct hm_roam_sum *s);

struct hm_roam_ap;            /* private: BSSID → AP name */
struct hm_roam_walk;          /* private: the state of the walk being read */

struct hm_roam {
	struct hm_roam_opts opts;
	const struct floorplan *fp; /* borrowed, may be NULL: wards are then not counted */
	struct hm_roam_event *events; /* owned, by time within a walk */
	size_t nevents, capevents;
	struct hm_roam_sticky *stickies; /* owned */
	size_t nstickies, capstickies;
	struct hm_roam_sum total;
	struct hm_roam_sum *wards; /* owned: fp->nwards of them (NULL without fp) */
	size_t nwalks;             /* walks that had link polls */
	struct hm_roam_ap *aps;    /* owned */
	size_t naps, capaps;
	struct hm_roam_walk *w;    /* owned */
};

/** hm_roam_opts_default() - the defaults above. */
void hm_roam_opts_default(struct hm_roam_opts *o);

/**
 * hm_roam_init() - an empty analysis with @opts (NULL: defaults) counting per
 * ward of @fp (borrowed for the analysis's lifetime; NULL: no wards).
 * 0 or -ENOMEM.
 */
int hm_roam_init(struct hm_roam *r, const struct hm_roam_opts *opts, const struct floorplan *fp);
void hm_roam_release(struct hm_roam *r);

/**
 * hm_roam_add_sample() - take in one sample (the survey_sample_cb shape).
 * Samples of one walk must come in time order; a new walk id ends the
 * previous walk. Other kinds are ignored. 0 or -ENOMEM.
 */
int hm_roam_add_sample(struct hm_roam *r, const struct meas_sample *sample,
		       const struct meas_observation *obs, size_t nobs,
		       const struct meas_link *link, const struct meas_throughput *tput);

/** hm_roam_sample_cb() - hm_roam_add_sample() as a survey_sample_cb (@arg is the hm_roam). */
int hm_roam_sample_cb(void *arg, const struct meas_sample *sample,
		      const struct meas_observation *obs, size_t nobs,
		      const struct meas_link *link, const struct meas_throughput *tput);

/** hm_roam_finish() - end the last walk (a sticky stretch open at its end counts). 0 or -ENOMEM. */
int hm_roam_finish(struct hm_roam *r);

/**
 * hm_roam_load() - the analysis of every walk on floor @floor_id of @s
 * (placed or not), counted per ward of @fp (may be NULL). @r is initialised
 * here; release it on success and failure alike.
 */
int hm_roam_load(struct survey *s, int64_t floor_id, const struct floorplan *fp,
		 const struct hm_roam_opts *opts, struct hm_roam *r, struct ns_err *err);

/* What hm_roam_judge() finds failing, as bits. */
enum { HM_ROAM_FAIL_GAP = 1, HM_ROAM_FAIL_STICKY = 2 };

/**
 * hm_roam_judge() - sums @s against a profile's roaming rules @ru: 0 when
 * every rule set passes, else the HM_ROAM_FAIL_* bits of those that fail;
 * -1 when no rule is set or nothing was measured (no association at all: a
 * share of nothing). A gap rule passes with no roam at all.
 */
int hm_roam_judge(const struct hm_roam_rules *ru, const struct hm_roam_sum *s);

/** hm_roam_kind_name() - "roam" or "reconnect". */
const char *hm_roam_kind_name(enum hm_roam_kind k);

#endif
