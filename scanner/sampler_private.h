/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sampler_private.h — what sampler.c (link polls, channel surveys,
 * throughput and latency jobs, the radio check, the loop) and sampler_scan.c
 * (the scans' state machine) share. Not for other modules: sampler.h is the
 * sampler's interface.
 */
#ifndef NOTSPOT_SCANNER_SAMPLER_PRIVATE_H
#define NOTSPOT_SCANNER_SAMPLER_PRIVATE_H

#include "scanner/sampler.h"

enum scan_state { SCAN_IDLE, SCAN_WAITING, SCAN_ABORTING };

/*
 * A busy radio (another scan runs): back off from 100 ms, doubling up to 2 s.
 * An aborted scan's end is awaited at most 2 s before scanning again. The
 * radio itself is asked at most once a second whether it is still there.
 */
enum { BUSY_FIRST_MS = 100, BUSY_MAX_MS = 2000, ABORT_WAIT_MS = 2000, RADIO_CHECK_MS = 1000 };

struct sampler {
	struct nl80211 *nl;
	struct sampler_config cfg;
	struct sampler_sink sink;
	struct sampler_stats stats;
	struct wifi_iface iface;      /* refreshed with each channel survey */
	bool have_iface;
	double noise_dbm;             /* last in-use channel noise, NAN if unknown */
	int64_t link_period_us, next_link_us;
	int64_t survey_period_us, next_survey_us;
	/* scans */
	struct nl_sock *ev;
	enum scan_state scan;
	int64_t next_scan_us, scan_started_us, scan_deadline_us;
	int scan_timeout_ms;          /* the configured one, or sized to the radio's channels */
	int busy_ms;                  /* the next back-off after -EBUSY; 0: not busy */
	int64_t stale_before_us;
	uint8_t last_bssid[6];
	/* the associated BSS's SSID, for link samples (see resolve_link_ssid()) */
	uint8_t link_ssid[WIFI_SSID_MAX];
	uint8_t link_ssid_len;
	bool link_ssid_known;
	int64_t link_ssid_retry_us;
	/* the radio itself: checked when measurements start failing */
	bool radio_suspect;
	int64_t radio_check_us;
	int radio_bad;                /* the check's -errno while the radio is gone, 0 if fine */
	char radio_why[256];
	/* throughput and latency jobs: one at a time */
	struct tput_options tput_opt;
	struct lat_options lat_opt;
	bool have_tput, have_lat;
	int64_t tput_period_us, next_tput_us; /* continuous; INT64_MAX: none */
	int64_t lat_period_us, next_lat_us;
	bool tput_due, lat_due;               /* queued (a point, or a period came) */
	bool tput_down_next;                  /* tput_both: the download half is next */
	bool point_active;                    /* a point's measurements not yet all ended */
	struct tput_job *tj;
	struct lat_job *lj;
};

/** sampler_set_error() - copy a sentence into a sample's error field, cut to fit. */
void sampler_set_error(char *dst, size_t size, const char *src);

/** sampler_refresh_iface() - read the interface again (SSID, channel, name). */
void sampler_refresh_iface(struct sampler *sp);

/** sampler_commit() - stamp @s with the clocks and hand it to the sink; counts it. */
int sampler_commit(struct sampler *sp, struct meas_sample *s, const struct meas_observation *obs,
		   size_t nobs, const struct meas_link *link, struct ns_err *err);

/* sampler_scan.c */

/** sampler_scan_size_timeout() - the scan timeout sized to the radio's channels. */
void sampler_scan_size_timeout(struct sampler *sp);

/** sampler_scan_start() - trigger a scan (a busy radio and a refusal are stored as data). */
int sampler_scan_start(struct sampler *sp, int64_t now, struct ns_err *err);

/** sampler_scan_progress() - read scan events; store the result, a timeout (the scan aborted) or an abort. */
int sampler_scan_progress(struct sampler *sp, int64_t now, struct ns_err *err);

#endif
