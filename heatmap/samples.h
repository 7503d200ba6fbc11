/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * samples.h — a survey's placed measurements, as point sets per BSSID.
 *
 * The heatmap never reads SQLite: it is fed one sample at a time through
 * hm_set_add_sample(), whose shape is survey_sample_cb's, so a survey is
 * loaded with survey_foreach_sample(s, q, hm_set_sample_cb, set) and tests
 * build sets from in-memory samples the same way.
 *
 * Grouping (DOMAIN.md): one radio beacons a BSSID per SSID; those BSSIDs differ
 * in the low nibble of the MAC. A *radio* here is the BSSIDs with the same MAC
 * but for the low nibble on the same channel: they share a place and a
 * transmitter, so they share one propagation fit. A *physical AP* is the radios
 * with the same configured AP name (from beacons) or, without a name, the same
 * MAC but for the low nibble. "Secondary" and "AP count" count physical APs.
 *
 * Failures are data: a link poll that found no association is a 0 Mbit/s rate
 * point, a failed throughput test a 0 Mbit/s point, a failed latency test a
 * 100 % loss point, each at the place it happened.
 *
 * Units: metres, dBm, Mbit/s, ms, %. Everything is owned by the hm_set.
 */
#ifndef NOTSPOT_HEATMAP_SAMPLES_H
#define NOTSPOT_HEATMAP_SAMPLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "survey/survey.h"
#include "util/err.h"

/*
 * Observations older than this when dumped are the kernel's cached results
 * from earlier in the walk, heard elsewhere: they are left out (a full scan
 * takes up to ~2.5 s, so fresh results can be that old).
 */
#define HM_MAX_AGE_MS 3000

/*
 * A placed sample farther than this from the floor's origin, in metres, or
 * at a position that is not a number (±inf, NaN, 1e300 from a damaged or
 * hostile file) is not a place on any floor: it is skipped and counted in
 * hm_set.nbadpos, so no grid is sized and no cell index computed from it.
 */
#define HM_MAX_POSITION_M 1e6

struct hm_pt {
	float x, y; /* metres */
	float v;    /* the value, in the set's unit */
};

struct hm_ptset {
	struct hm_pt *p; /* owned */
	size_t n, cap;
};

struct hm_bss {
	uint8_t bssid[6];
	char ssid[33];
	bool hidden;
	char ap_name[33];        /* from beacons, "" if none */
	int freq_mhz, channel;
	enum fp_band band;
	size_t radio;            /* index into hm_set.radios (after hm_set_finish) */
	double util_sum;         /* BSS Load utilisation 0..1, summed over util_n readings */
	int util_n;
	struct hm_ptset sig;     /* dBm, one point per observation or link poll */
};

struct hm_radio {
	uint8_t mac[6];          /* first BSSID's MAC with the low nibble cleared */
	int freq_mhz, channel;
	enum fp_band band;
	size_t phys;             /* index into hm_set.phys */
	char name[33];           /* AP name from beacons, "" if none */
};

struct hm_phys {
	char name[64];           /* AP name, or the MAC "aa:bb:cc:dd:ee:f?" */
};

/* Measurements that are not per BSSID, interpolated as they are. */
enum hm_scalar {
	HM_S_RATE,      /* link tx bitrate, Mbit/s */
	HM_S_TPUT_DOWN, /* iperf download, Mbit/s */
	HM_S_TPUT_UP,   /* iperf upload, Mbit/s */
	HM_S_RTT,       /* round trip, ms */
	HM_S_LOSS,      /* packet loss, % */
	HM_S_JITTER,    /* jitter, ms */
	HM_NSCALARS
};

struct hm_noise {
	int freq_mhz;
	double sum_dbm;
	int n;
};

struct hm_set {
	struct hm_bss *bss;      /* owned */
	size_t nbss, capbss;
	struct hm_radio *radios; /* owned, filled by hm_set_finish() */
	size_t nradios;
	struct hm_phys *phys;    /* owned, filled by hm_set_finish() */
	size_t nphys;
	struct hm_ptset where;   /* every placed sample's position; v = 1 for a scan that
				    worked (it would have heard any BSS above sensitivity), else 0 */
	int64_t *where_walk;     /* owned: the walk id of each where point (where.n of them), so a
				    walked path is drawn per walk; NULL is read as "one walk" */
	struct hm_ptset scalar[HM_NSCALARS];
	struct hm_noise *noise;  /* owned: noise readings per channel */
	size_t nnoise;
	int64_t first_us, last_us; /* wall-clock span of placed samples, 0 if none */
	size_t nsamples;         /* placed samples used */
	size_t nunplaced;        /* samples skipped for having no position */
	size_t nbadpos;          /* placed samples skipped: position not a number (HM_MAX_POSITION_M) */
	size_t nstale;           /* observations skipped as stale (HM_MAX_AGE_MS) */
	size_t *hash;            /* owned: BSSID → index + 1 */
	size_t hashcap;
};

void hm_set_init(struct hm_set *set);
void hm_set_release(struct hm_set *set);

/**
 * hm_set_add_sample() - take in one sample (the survey_sample_cb shape). An
 * unplaced sample, or one whose position is not a number (HM_MAX_POSITION_M),
 * is counted and skipped. Returns 0 or -ENOMEM.
 */
int hm_set_add_sample(struct hm_set *set, const struct meas_sample *sample,
		      const struct meas_observation *obs, size_t nobs,
		      const struct meas_link *link, const struct meas_throughput *tput);

/** hm_set_sample_cb() - hm_set_add_sample() as a survey_sample_cb (@arg is the set). */
int hm_set_sample_cb(void *arg, const struct meas_sample *sample,
		     const struct meas_observation *obs, size_t nobs,
		     const struct meas_link *link, const struct meas_throughput *tput);

/** hm_set_finish() - group BSSIDs into radios and physical APs. 0 or -ENOMEM. */
int hm_set_finish(struct hm_set *set, struct ns_err *err);

/** hm_set_noise_dbm() - mean noise reported on @freq_mhz, NAN if never reported. */
double hm_set_noise_dbm(const struct hm_set *set, int freq_mhz);

/** hm_set_has_ssid() - whether any BSSID broadcasts @ssid. */
bool hm_set_has_ssid(const struct hm_set *set, const char *ssid);

/** hm_bss_utilisation() - mean advertised utilisation 0..1, NAN if never advertised. */
double hm_bss_utilisation(const struct hm_bss *b);

/** hm_ptset_push() - append a point. 0 or -ENOMEM. */
int hm_ptset_push(struct hm_ptset *s, double x, double y, double v);

#endif
