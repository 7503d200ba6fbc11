/*
 * sampler.h — the sampling loop of a walk: link polls at a fixed rate (default
 * 5 Hz), scans back-to-back or at an interval, a channel survey every few
 * seconds. Every result is time-stamped (wall and monotonic clock) and
 * committed to the survey file as it arrives (survey_add_sample); failures
 * (not associated, scan refused, timed out) are committed as data too.
 *
 * It never blocks for a scan: the trigger is sent, and its result event is
 * read from sampler_fd() when the caller's poll() says so, so link polls go on
 * during the seconds a scan takes. The caller owns the loop (poll on its own
 * fds, e.g. stdin, plus sampler_fd(), for sampler_timeout_ms()) and calls
 * sampler_run() after each wake-up.
 */
#ifndef NOTSPOT_SCANNER_SAMPLER_H
#define NOTSPOT_SCANNER_SAMPLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scanner/iface.h"
#include "scanner/netlink.h"
#include "scanner/scan.h"
#include "scanner/station.h"
#include "survey/survey.h"

struct sampler_config {
	int ifindex;
	double link_hz;          /* link polls per second; 0 = 5; < 0 = none */
	int scan_interval_ms;    /* start-to-start; 0 = back-to-back; < 0 = no scans */
	int survey_interval_ms;  /* channel survey period; 0 = 3000; < 0 = none */
	const int *freqs;        /* scan only these (MHz); NULL = all channels; not copied */
	size_t nfreqs;
	bool passive;
	int scan_timeout_ms;     /* 0 = 10000 */
};

/* Where samples go. The survey must stay open while the sampler lives. */
struct sampler_sink {
	struct survey *survey;
	int64_t walk_id;
	/* Position at @t_us (wall µs), or false to leave the sample unplaced. May be NULL. */
	bool (*place)(void *arg, int64_t t_us, double *x, double *y);
	/* Told about each committed sample (id > 0), e.g. to print it. May be NULL. */
	void (*notify)(void *arg, int64_t id, const struct survey_sample *s,
		       const struct survey_observation *obs, size_t nobs,
		       const struct survey_link *link);
	void *arg;
};

struct sampler_stats {
	unsigned links, scans, noise; /* samples committed, by kind */
	unsigned failed;              /* of them, with a status other than ok */
};

struct sampler; /* opaque */

/** sampler_new() - a sampler on @nl (borrowed, must outlive it). Free with sampler_free(). */
int sampler_new(struct nl80211 *nl, const struct sampler_config *cfg,
		const struct sampler_sink *sink, struct sampler **out, struct ns_err *err);
void sampler_free(struct sampler *sp);

/** sampler_fd() - the scan-event socket to poll for POLLIN, or -1. */
int sampler_fd(const struct sampler *sp);

/** sampler_timeout_ms() - ms until the next measurement is due (0 = now). */
int sampler_timeout_ms(const struct sampler *sp);

/**
 * sampler_run() - take every measurement that is due and read scan events.
 * Returns 0, or a negative errno when a sample could not be committed to the
 * survey file (then stop: the file is the record).
 */
int sampler_run(struct sampler *sp, struct ns_err *err);

/**
 * sampler_set_stale_before() - results last seen before @mono_us (e.g. the
 * last waypoint's time) do not describe the current position: cached scan
 * results older than that are left out of later samples.
 */
void sampler_set_stale_before(struct sampler *sp, int64_t mono_us);

void sampler_get_stats(const struct sampler *sp, struct sampler_stats *st);

/** sampler_observation_from_bss() - a survey observation of @b; @noise_dbm may be NAN. */
void sampler_observation_from_bss(const struct wifi_bss *b, double noise_dbm,
				  struct survey_observation *o);

/** sampler_link_from_station() - a survey link row from @st on interface @w. */
void sampler_link_from_station(const struct wifi_station *st, const struct wifi_iface *w,
			       double noise_dbm, struct survey_link *l);

#endif
