/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sampler_scan.c — the sampler's scans (see sampler.h): triggered without
 * blocking, their result event read when the caller's poll says so; a busy
 * radio backed off and stored, a scan that hangs aborted and stored, every
 * result stored as one sample.
 */
#include "scanner/sampler_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A scan's timeout sized to the channels this radio scans (wifi_scan_timeout_ms()). */
void sampler_scan_size_timeout(struct sampler *sp)
{
	struct wifi_phy *phy = malloc(sizeof(*phy));
	bool have = phy && sp->have_iface && sp->iface.wiphy >= 0 &&
		    wifi_get_phy(sp->nl, sp->iface.wiphy, phy, NULL) == 0;

	sp->scan_timeout_ms = wifi_scan_timeout_ms(have ? phy : NULL, sp->cfg.freqs, sp->cfg.nfreqs,
						   NULL);
	free(phy);
}

/* Dump the BSS table and commit it as one scan sample. */
static int scan_commit(struct sampler *sp, enum meas_status status, const char *why,
		       bool drop_older_than_trigger, struct ns_err *err)
{
	struct wifi_scan_result res = { 0 };
	struct meas_observation *obs = NULL;
	struct meas_sample s;
	struct ns_err derr = { 0 };
	size_t nobs = 0, dropped = 0;
	int ret;

	meas_init_sample(&s);
	s.kind = SAMPLE_SCAN;
	s.status = status;
	s.noise_dbm = sp->noise_dbm;
	snprintf(s.error, sizeof(s.error), "%s", why ? why : "");
	if (wifi_scan_dump(sp->nl, sp->cfg.scan_ifindex, &res, &derr) < 0) {
		sp->radio_suspect = true;
		s.status = SAMPLE_SCAN_FAILED;
		sampler_set_error(s.error, sizeof(s.error), derr.msg);
		return sampler_commit(sp, &s, NULL, 0, NULL, err);
	}
	wifi_scan_mark_stale(&res, drop_older_than_trigger ? sp->scan_started_us : sp->stale_before_us);
	obs = calloc(res.n ? res.n : 1, sizeof(*obs));
	if (!obs) {
		wifi_scan_result_release(&res);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < res.n; i++) {
		if (res.bss[i].stale) {
			dropped++;
			continue;
		}
		sampler_observation_from_bss(&res.bss[i], sp->noise_dbm, &obs[nobs++]);
	}
	if (dropped && status == SAMPLE_SCAN_CACHED)
		snprintf(s.error, sizeof(s.error), "%s; %zu cached result%s older than the last position left out",
			 why, dropped, dropped == 1 ? "" : "s");
	ret = sampler_commit(sp, &s, obs, nobs, NULL, err);
	free(obs);
	wifi_scan_result_release(&res);
	return ret;
}

static int scan_failed(struct sampler *sp, enum meas_status status, const char *why,
		       struct ns_err *err)
{
	struct meas_sample s;

	meas_init_sample(&s);
	s.kind = SAMPLE_SCAN;
	s.status = status;
	s.noise_dbm = sp->noise_dbm;
	sampler_set_error(s.error, sizeof(s.error), why);
	return sampler_commit(sp, &s, NULL, 0, NULL, err);
}

static void scan_schedule_next(struct sampler *sp, int64_t now)
{
	int64_t interval = (int64_t)sp->cfg.scan_interval_ms * 1000;

	sp->scan = SCAN_IDLE;
	sp->busy_ms = 0;
	sp->next_scan_us = interval > 0 ? sp->scan_started_us + interval : now;
	if (sp->next_scan_us < now)
		sp->next_scan_us = now;
}

/*
 * Another scan is running (wpa_supplicant's, or one of ours the kernel has
 * not finished aborting): stored as data, tried again after a back-off of
 * 100 ms doubling up to 2 s, for as long as it lasts.
 */
static int scan_busy(struct sampler *sp, int64_t now, struct ns_err *err)
{
	char msg[sizeof(((struct meas_sample *)0)->error)];

	sp->busy_ms = sp->busy_ms ? sp->busy_ms * 2 : BUSY_FIRST_MS;
	if (sp->busy_ms > BUSY_MAX_MS)
		sp->busy_ms = BUSY_MAX_MS;
	sp->next_scan_us = now + (int64_t)sp->busy_ms * 1000;
	snprintf(msg, sizeof(msg), "triggering a scan: the radio is busy with another scan (%s); "
		 "trying again in %d ms", strerror(EBUSY), sp->busy_ms);
	return scan_failed(sp, SAMPLE_SCAN_FAILED, msg, err);
}

int sampler_scan_start(struct sampler *sp, int64_t now, struct ns_err *err)
{
	struct wifi_scan_params p = { .freqs = sp->cfg.freqs, .nfreqs = sp->cfg.nfreqs,
				      .passive = sp->cfg.passive };
	struct ns_err why = { 0 };
	int ret;

	if (sp->busy_ms == 0)
		sp->scan_started_us = now;
	wifi_scan_read_events(sp->ev, sp->cfg.scan_ifindex); /* drop events of earlier scans */
	ret = wifi_scan_request(sp->nl, sp->cfg.scan_ifindex, &p, &why);
	if (ret == 0) {
		sp->scan = SCAN_WAITING;
		sp->scan_deadline_us = now + (int64_t)sp->scan_timeout_ms * 1000;
		return 0;
	}
	if (ret == -EBUSY)
		return scan_busy(sp, now, err);
	scan_schedule_next(sp, now);
	if (sp->cfg.scan_interval_ms == 0) /* back-to-back: do not spin on a failing trigger */
		sp->next_scan_us = now + 1000000;
	if (ret == -EPERM || ret == -EACCES)
		return scan_commit(sp, SAMPLE_SCAN_CACHED,
				   "not permitted to trigger a scan (needs CAP_NET_ADMIN): the kernel's cached results",
				   false, err);
	sp->radio_suspect = true;
	return scan_failed(sp, SAMPLE_SCAN_FAILED, why.msg, err);
}

/*
 * Our scan did not finish in time: abort it (a scan left running keeps the
 * radio busy for every later trigger), store the timeout, and scan again as
 * soon as the kernel says the abort is done (at most ABORT_WAIT_MS later).
 */
static int scan_timed_out(struct sampler *sp, int64_t now, struct ns_err *err)
{
	struct ns_err aerr = { 0 };
	char why[160];
	int rc = wifi_scan_abort(sp->nl, sp->cfg.scan_ifindex, &aerr);

	if (rc == 0 || rc == -ENOENT) {
		snprintf(why, sizeof(why), "the scan did not finish within %d ms: aborted, scanning again",
			 sp->scan_timeout_ms);
		sp->scan = rc == 0 ? SCAN_ABORTING : SCAN_IDLE;
	} else {
		snprintf(why, sizeof(why), "the scan did not finish within %d ms; aborting it failed: %.60s",
			 sp->scan_timeout_ms, aerr.msg);
		sp->scan = SCAN_IDLE;
	}
	sp->scan_deadline_us = now + ABORT_WAIT_MS * 1000LL;
	sp->next_scan_us = now;
	sp->busy_ms = 0;
	return scan_failed(sp, SAMPLE_TIMEOUT, why, err);
}

int sampler_scan_progress(struct sampler *sp, int64_t now, struct ns_err *err)
{
	int r = wifi_scan_read_events(sp->ev, sp->cfg.scan_ifindex);

	if (sp->scan == SCAN_ABORTING) { /* only the end of the aborted scan is awaited */
		if (r != 0 || now >= sp->scan_deadline_us) {
			sp->scan = SCAN_IDLE;
			sp->next_scan_us = now;
		}
		return 0;
	}
	if (r == 1) {
		scan_schedule_next(sp, now);
		return scan_commit(sp, SAMPLE_OK, NULL, true, err);
	}
	if (r == -ECANCELED) {
		scan_schedule_next(sp, now);
		return scan_failed(sp, SAMPLE_SCAN_FAILED, "the kernel aborted the scan", err);
	}
	if (now >= sp->scan_deadline_us)
		return scan_timed_out(sp, now, err);
	return 0;
}

