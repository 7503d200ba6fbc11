/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * metrics.h — what a map shows, derived per cell from the per-radio fields.
 *
 * Never an interpolated maximum: primary is the strongest of the estimated
 * per-BSSID fields at the cell, secondary the strongest on the primary's SSID
 * from a different physical AP, and so on (DOMAIN.md, "Requirement profiles").
 * Measurements that are not per BSSID (link rate, throughput, RTT, loss,
 * jitter) are interpolated on their own (estimate.h, hm_est_scalar()).
 */
#ifndef NOTSPOT_HEATMAP_METRICS_H
#define NOTSPOT_HEATMAP_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heatmap/grid.h"
#include "heatmap/samples.h"

enum hm_metric {
	HM_M_PRIMARY,   /* strongest serving BSSID, dBm */
	HM_M_SECONDARY, /* strongest on the primary's SSID from another physical AP, dBm */
	HM_M_SNR,       /* primary − noise on its channel, dB; NAN where noise unknown */
	HM_M_APS,       /* physical APs heard at ≥ the AP-count level (count) */
	HM_M_COCHANNEL, /* strongest other physical AP on the primary's channel − primary, dB */
	HM_M_UTIL,      /* the primary BSS's advertised channel utilisation, % */
	HM_M_RATE,      /* link tx bitrate, Mbit/s */
	HM_M_TPUT_DOWN, /* measured throughput down, Mbit/s */
	HM_M_TPUT_UP,   /* measured throughput up, Mbit/s */
	HM_M_RTT,       /* round-trip time, ms */
	HM_M_LOSS,      /* packet loss, % */
	HM_M_JITTER,    /* jitter, ms */
	HM_NMETRICS
};

struct hm_metric_info {
	const char *key;      /* "primary" (the --map name) */
	const char *label;    /* "Primary signal" */
	const char *unit;     /* "dBm" */
	bool higher_better;
	double lo, hi;        /* the legend's absolute scale */
	bool absent_fails;    /* no value here means failure (no signal), not "not measured" */
	int scalar;           /* enum hm_scalar it comes from, -1 for per-BSSID metrics */
};

const struct hm_metric_info *hm_metric_info(enum hm_metric m);
/** hm_metric_parse() - metric by key ("throughput" = down), or -EINVAL. */
int hm_metric_parse(const char *key);

/* Which BSSIDs may serve a device, and the levels metrics count at. */
struct hm_filter {
	const char *ssid;     /* serve only this SSID, NULL for any */
	int band;             /* enum fp_band, or -1 for any */
	double aps_dbm;       /* AP count counts APs at or above this, dBm (−75) */
	double heard_dbm;     /* weaker than this is not heard, dBm (−92) */
};

void hm_filter_default(struct hm_filter *f);

/** hm_band_parse() - "2.4", "5", "6" to enum fp_band, or -1. hm_band_name() - "5 GHz". */
int hm_band_parse(const char *s);
const char *hm_band_name(int band);

/** hm_bss_serves() - whether BSSID @b passes @f. */
bool hm_bss_serves(const struct hm_bss *b, const struct hm_filter *f);

/**
 * hm_metrics_compute() - the per-BSSID metrics (primary … utilisation) at each
 * cell of @g from @fields (one array per radio of @set, NULL for a radio not
 * estimated). out[m] may be NULL to skip a metric; NAN where nothing serves.
 */
void hm_metrics_compute(const struct hm_set *set, const struct hm_grid *g,
			float *const *fields, const struct hm_filter *f,
			float *out[HM_NMETRICS]);

#endif
