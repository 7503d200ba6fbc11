/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sampler.h — the sampling loop of a walk: link polls at a fixed rate (default
 * 5 Hz), scans back-to-back or at an interval, a channel survey every few
 * seconds. Every result is time-stamped (wall and monotonic clock) and
 * handed to the caller's sink as it arrives, which stores it (the walk's
 * recorder: recorder/recorder.h) and says whether that worked; failures (not
 * associated, scan refused, timed out) are handed over as data too. The
 * sampler knows no survey file.
 *
 * A busy radio (EBUSY: another scan runs) is stored as a failed scan and
 * tried again with a back-off of 100 ms doubling up to 2 s.
 *
 * It never blocks for a scan: the trigger is sent, and its result event is
 * read from sampler_fd() when the caller's poll() says so, so link polls go on
 * during the seconds a scan takes. The caller owns the loop (poll on its own
 * fds, e.g. stdin, plus sampler_fd(), for sampler_timeout_ms()) and calls
 * sampler_run() after each wake-up.
 *
 * Measurements beyond the radio — an iperf3 throughput test
 * (scanner/throughput) and a latency run (scanner/latency) — are jobs of
 * their own (a forked child each): started by the sampler, polled through
 * sampler_pollfds(), and stored as SAMPLE_THROUGHPUT / SAMPLE_LATENCY
 * samples (failures with their reason) when they end, while link polls and
 * scans go on. One runs at a time (throughput first, then latency), so the
 * latency is not measured on a link the throughput test is filling. They run
 * once per point (sampler_point(): stop-and-go), every N ms (continuous), or
 * both.
 */
#ifndef NOTSPOT_SCANNER_SAMPLER_H
#define NOTSPOT_SCANNER_SAMPLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <poll.h>

#include "scanner/iface.h"
#include "scanner/latency.h"
#include "scanner/netlink.h"
#include "scanner/scan.h"
#include "scanner/station.h"
#include "scanner/throughput.h"
#include "measure/measure.h"

struct sampler_config {
	int ifindex;             /* the adapter polled for the link (and its channel's noise) */
	int scan_ifindex;        /* the adapter that scans, a second one kept unassociated as a
				    survey kit does; 0: ifindex does both */
	double link_hz;          /* link polls per second; 0 = 5; < 0 = none */
	int scan_interval_ms;    /* start-to-start; 0 = back-to-back; < 0 = no scans */
	int survey_interval_ms;  /* channel survey period; 0 = 3000; < 0 = none */
	const int *freqs;        /* scan only these (MHz); NULL = all channels; not copied */
	size_t nfreqs;
	bool passive;
	int scan_timeout_ms;     /* 0 = sized to the radio's channels (wifi_scan_timeout_ms());
				    a scan that takes longer is aborted, stored as a timeout
				    and started again */
	/* Throughput tests: NULL = none. Copied, but its strings (server,
	 * interface) and link_arg are borrowed and must outlive the sampler. */
	const struct tput_options *tput;
	int tput_every_ms;       /* start-to-start period; 0 = only per point */
	bool tput_both;          /* each run is an upload then a download test (@tput's dir ignored) */
	const struct lat_options *lat; /* latency runs: NULL = none; as @tput */
	int lat_every_ms;        /* as @tput_every_ms */
};

/*
 * Where samples go. @store is called with each finished measurement — @s
 * stamped with its times (t_us wall, mono_us monotonic), its parts valid
 * during the call only — and stores it: it may fill in @s (walk id,
 * placement) and returns the stored id (> 0), or a negative errno with a
 * sentence in @err, which stops sampler_run() with that error (the file is the
 * record). A caller that records a walk passes recorder_store() and its
 * recorder. Without @store every measurement fails with -EINVAL.
 */
typedef int64_t (*sampler_store_fn)(void *arg, struct meas_sample *s,
				    const struct meas_observation *obs, size_t nobs,
				    const struct meas_link *link, const struct meas_throughput *tp,
				    struct ns_err *err);

struct sampler_sink {
	sampler_store_fn store;
	void *arg;
	/* The measurements of the point given to sampler_point() have all ended
	 * (the last result is stored) at @t_us (wall µs). May be NULL. */
	void (*point_done)(void *arg, int64_t t_us);
};

struct sampler_stats {
	unsigned links, scans, noise; /* samples stored, by kind */
	unsigned failed;              /* of them, with a status other than ok */
	unsigned throughputs, latencies; /* measurement samples stored (in failed too) */
};

struct sampler; /* opaque */

/** sampler_new() - a sampler on @nl (borrowed, must outlive it). Free with sampler_free(). */
int sampler_new(struct nl80211 *nl, const struct sampler_config *cfg,
		const struct sampler_sink *sink, struct sampler **out, struct ns_err *err);
void sampler_free(struct sampler *sp);

/** sampler_fd() - the scan-event socket to poll for POLLIN, or -1. */
int sampler_fd(const struct sampler *sp);

/**
 * sampler_pollfds() - the fds to poll for POLLIN now (scan events, a running
 * throughput or latency job) into @fds[0..@max); returns how many were set.
 */
size_t sampler_pollfds(const struct sampler *sp, struct pollfd *fds, size_t max);

/** sampler_timeout_ms() - ms until the next measurement is due (0 = now). */
int sampler_timeout_ms(const struct sampler *sp);

/**
 * sampler_run() - take every measurement that is due and read scan events.
 * Returns 0, or the negative errno of a sample the sink could not store
 * (then stop: the file is the record), or — when measurements failed and the
 * radio turned out to be gone, rfkill-blocked or down (scanner/radio.h) —
 * that -ENODEV/-ERFKILL/-ENETDOWN with its sentence, on every run until the
 * radio is back (`record` stops there; the walker shows it).
 */
int sampler_run(struct sampler *sp, struct ns_err *err);

/**
 * sampler_set_stale_before() - results last seen before @mono_us (e.g. the
 * last waypoint's time) do not describe the current position: cached scan
 * results older than that are left out of later samples.
 */
void sampler_set_stale_before(struct sampler *sp, int64_t mono_us);

/**
 * sampler_point() - a point was tapped (stop-and-go): queue one run of each
 * configured measurement; sink.point_done is told when they have all ended.
 * Measurements still running for an earlier point go on (call
 * sampler_cancel_measurements() first to drop them). Without measurements
 * configured, nothing happens and point_done is not called.
 */
void sampler_point(struct sampler *sp);

/** sampler_measuring() - whether a point's measurements are queued or running. */
bool sampler_measuring(const struct sampler *sp);

/**
 * sampler_cancel_measurements() - stop what is running (its child killed)
 * and store it as a failure that says it was cancelled; drop what is
 * queued. For the end of a walk (Ctrl-C). Returns 0 or a negative errno when
 * the failure could not be stored.
 */
int sampler_cancel_measurements(struct sampler *sp, struct ns_err *err);

void sampler_get_stats(const struct sampler *sp, struct sampler_stats *st);

/** sampler_observation_from_bss() - an observation of @b; @noise_dbm may be NAN. */
void sampler_observation_from_bss(const struct wifi_bss *b, double noise_dbm,
				  struct meas_observation *o);

/** sampler_link_from_station() - the link of @st on interface @w. */
void sampler_link_from_station(const struct wifi_station *st, const struct wifi_iface *w,
			       double noise_dbm, struct meas_link *l);

#endif
