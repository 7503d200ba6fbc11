/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sampler.c — see sampler.h. One state machine per measurement kind, driven
 * by the monotonic clock; every result goes to the caller's sink. The scans'
 * state machine is sampler_scan.c's (behind sampler_private.h).
 */
#include "scanner/sampler.h"
#include "scanner/sampler_private.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/chansurvey.h"
#include "scanner/radio.h"
#include "util/clock.h"

/* Copy a sentence into a sample's error field, cut to fit. */
void sampler_set_error(char *dst, size_t size, const char *src)
{
	size_t n = src ? strnlen(src, size - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

void sampler_refresh_iface(struct sampler *sp)
{
	struct wifi_iface *v;
	size_t n;

	if (wifi_list_interfaces(sp->nl, &v, &n, NULL) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (v[i].ifindex == sp->cfg.ifindex) {
			sp->iface = v[i];
			sp->have_iface = true;
		}
	free(v);
}

int sampler_new(struct nl80211 *nl, const struct sampler_config *cfg,
		const struct sampler_sink *sink, struct sampler **out, struct ns_err *err)
{
	struct sampler *sp = calloc(1, sizeof(*sp));
	int64_t now = ns_mono_us();

	*out = NULL;
	if (!sp)
		return ns_err_set(err, -ENOMEM, "out of memory");
	sp->nl = nl;
	sp->cfg = *cfg;
	if (sp->cfg.scan_ifindex <= 0)
		sp->cfg.scan_ifindex = cfg->ifindex;
	sp->sink = *sink;
	sp->noise_dbm = NAN;
	if (cfg->link_hz >= 0) {
		double hz = cfg->link_hz > 0 ? cfg->link_hz : 5.0;
		sp->link_period_us = (int64_t)(1e6 / hz);
		sp->next_link_us = now;
	}
	if (cfg->survey_interval_ms >= 0) {
		sp->survey_period_us = (int64_t)(cfg->survey_interval_ms ? cfg->survey_interval_ms : 3000) * 1000;
		sp->next_survey_us = now;
	}
	sp->next_scan_us = cfg->scan_interval_ms >= 0 ? now : INT64_MAX;
	sp->next_tput_us = sp->next_lat_us = INT64_MAX;
	if (cfg->tput) {
		sp->tput_opt = *cfg->tput;
		sp->have_tput = true;
		if (cfg->tput_every_ms > 0) {
			sp->tput_period_us = (int64_t)cfg->tput_every_ms * 1000;
			sp->next_tput_us = now;
		}
	}
	if (cfg->lat) {
		sp->lat_opt = *cfg->lat;
		sp->have_lat = true;
		if (cfg->lat_every_ms > 0) {
			sp->lat_period_us = (int64_t)cfg->lat_every_ms * 1000;
			sp->next_lat_us = now;
		}
	}
	sp->cfg.tput = NULL; /* the copies above are what is used */
	sp->cfg.lat = NULL;
	if (cfg->scan_interval_ms >= 0 && wifi_scan_listen(nl, &sp->ev, err) < 0) {
		free(sp);
		return err ? err->code : -EIO;
	}
	sampler_refresh_iface(sp);
	sp->scan_timeout_ms = cfg->scan_timeout_ms;
	if (cfg->scan_interval_ms >= 0 && sp->scan_timeout_ms <= 0)
		sampler_scan_size_timeout(sp);
	*out = sp;
	return 0;
}

void sampler_free(struct sampler *sp)
{
	if (!sp)
		return;
	if (sp->ev)
		nl_socket_free(sp->ev);
	tput_job_finish(sp->tj, NULL);
	lat_job_finish(sp->lj, NULL);
	free(sp);
}

int sampler_fd(const struct sampler *sp)
{
	return sp->ev && sp->scan != SCAN_IDLE ? nl_socket_get_fd(sp->ev) : -1;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

size_t sampler_pollfds(const struct sampler *sp, struct pollfd *fds, size_t max)
{
	int cand[3] = { sampler_fd(sp), sp->tj ? tput_job_fd(sp->tj) : -1,
			sp->lj ? lat_job_fd(sp->lj) : -1 };
	size_t n = 0;

	for (size_t i = 0; i < 3 && n < max; i++)
		if (cand[i] >= 0)
			fds[n++] = (struct pollfd){ cand[i], POLLIN, 0 };
	return n;
}

int sampler_timeout_ms(const struct sampler *sp)
{
	int64_t now = ns_mono_us(), next = INT64_MAX;

	if (sp->link_period_us)
		next = min64(next, sp->next_link_us);
	if (sp->survey_period_us)
		next = min64(next, sp->next_survey_us);
	if (sp->scan == SCAN_IDLE)
		next = min64(next, sp->next_scan_us);
	else
		next = min64(next, sp->scan_deadline_us);
	if (sp->tj || sp->lj) {
		int ms = sp->tj ? tput_job_timeout_ms(sp->tj) : lat_job_timeout_ms(sp->lj);
		if (ms >= 0)
			next = min64(next, now + (int64_t)ms * 1000);
	} else if (sp->tput_due || sp->lat_due) {
		next = now;
	} else {
		next = min64(next, min64(sp->next_tput_us, sp->next_lat_us));
	}
	if (next == INT64_MAX)
		return 1000;
	if (next <= now)
		return 0;
	return (int)min64((next - now + 999) / 1000, 60000);
}

void sampler_set_stale_before(struct sampler *sp, int64_t mono_us)
{
	sp->stale_before_us = mono_us;
}

void sampler_get_stats(const struct sampler *sp, struct sampler_stats *st)
{
	*st = sp->stats;
}

void sampler_observation_from_bss(const struct wifi_bss *b, double noise_dbm,
				  struct meas_observation *o)
{
	meas_init_observation(o);
	memcpy(o->bssid, b->bssid, 6);
	/* the bytes and their text (measure's one rule); hidden: "" */
	if (b->hidden)
		o->ssid[0] = '\0';
	else if (b->ssid_len)
		meas_observation_set_ssid(o, b->ssid_raw, b->ssid_len);
	else /* a text alone is the bytes */
		wifi_text_copy(o->ssid, sizeof(o->ssid), b->ssid);
	o->hidden = b->hidden;
	o->freq_mhz = b->freq_mhz;
	o->channel = b->channel;
	o->width_mhz = b->width_mhz;
	o->center_freq_mhz = b->center_mhz;
	o->signal_dbm = b->signal_dbm;
	o->noise_dbm = noise_dbm;
	o->bss_stations = b->bss_stations;
	o->bss_utilisation = b->bss_utilisation;
	snprintf(o->security, sizeof(o->security), "%s", b->security ? b->security : "open");
	if (b->ap_name_len)
		meas_ssid_set(o->ap_name, sizeof(o->ap_name), b->ap_name_raw, b->ap_name_len);
	else
		wifi_text_copy(o->ap_name, sizeof(o->ap_name), b->ap_name);
	o->age_ms = b->seen_ms_ago;
	o->associated = b->associated;
}

static double dbm(int v)
{
	return v == INT_MIN ? NAN : (double)v;
}

void sampler_link_from_station(const struct wifi_station *st, const struct wifi_iface *w,
			       double noise_dbm, struct meas_link *l)
{
	meas_init_link(l);
	memcpy(l->bssid, st->mac, 6);
	if (w) {
		/* the bytes when the kernel gave them; a text alone (ssid_len 0) is the bytes */
		if (w->ssid_len)
			meas_link_set_ssid(l, w->ssid_raw, w->ssid_len);
		else
			wifi_text_copy(l->ssid, sizeof(l->ssid), w->ssid);
		l->freq_mhz = w->freq_mhz;
	}
	l->signal_dbm = dbm(st->signal_dbm);
	l->signal_avg_dbm = dbm(st->signal_avg_dbm);
	l->beacon_signal_avg_dbm = dbm(st->beacon_signal_avg_dbm);
	l->tx_bitrate_mbps = st->tx.mbps;
	l->rx_bitrate_mbps = st->rx.mbps;
	l->expected_throughput_mbps = st->expected_mbps;
	l->tx_retries = st->tx_retries;
	l->tx_failed = st->tx_failed;
	l->beacon_loss = st->beacon_loss;
	l->rx_bytes = st->rx_bytes;
	l->tx_bytes = st->tx_bytes;
	l->noise_dbm = noise_dbm;
	l->connected_s = st->connected_s < 0 ? -1 : (int)st->connected_s;
}

/* Stamp one sample and hand it to the sink (with its throughput or latency result, if any). */
static int commit_tp(struct sampler *sp, struct meas_sample *s,
		     const struct meas_observation *obs, size_t nobs,
		     const struct meas_link *link, const struct meas_throughput *tp,
		     struct ns_err *err)
{
	int64_t id;

	if (!sp->sink.store)
		return ns_err_set(err, -EINVAL, "the sampler has nowhere to store its samples");
	s->t_us = ns_wall_us();
	s->mono_us = ns_mono_us();
	id = sp->sink.store(sp->sink.arg, s, obs, nobs, link, tp, err);
	if (id < 0)
		return (int)id;
	switch (s->kind) {
	case SAMPLE_LINK: sp->stats.links++; break;
	case SAMPLE_SCAN: sp->stats.scans++; break;
	case SAMPLE_THROUGHPUT: sp->stats.throughputs++; break;
	case SAMPLE_LATENCY: sp->stats.latencies++; break;
	default: sp->stats.noise++; break;
	}
	if (s->status != SAMPLE_OK)
		sp->stats.failed++;
	return 0;
}

int sampler_commit(struct sampler *sp, struct meas_sample *s, const struct meas_observation *obs,
		  size_t nobs, const struct meas_link *link, struct ns_err *err)
{
	return commit_tp(sp, s, obs, nobs, link, NULL, err);
}

/*
 * The SSID of the BSS @bssid the station is associated with: the
 * interface's when the kernel reports it, else the BSS table's entry for
 * @bssid (a kernel may leave a station's SSID out of GET_INTERFACE).
 * Not found: tried again 3 s later.
 */
static void resolve_link_ssid(struct sampler *sp, const uint8_t bssid[6])
{
	struct wifi_scan_result res = { 0 };

	sp->link_ssid_retry_us = ns_mono_us() + 3000000;
	if (sp->have_iface && sp->iface.has_ssid) {
		memcpy(sp->link_ssid, sp->iface.ssid_raw, sp->iface.ssid_len);
		sp->link_ssid_len = sp->iface.ssid_len;
		sp->link_ssid_known = true;
		return;
	}
	if (wifi_scan_dump(sp->nl, sp->cfg.ifindex, &res, NULL) < 0)
		goto out;
	for (size_t i = 0; i < res.n; i++) {
		if (memcmp(res.bss[i].bssid, bssid, 6) != 0 || res.bss[i].hidden)
			continue;
		memcpy(sp->link_ssid, res.bss[i].ssid_raw, res.bss[i].ssid_len);
		sp->link_ssid_len = res.bss[i].ssid_len;
		sp->link_ssid_known = true;
		break;
	}
out:
	wifi_scan_result_release(&res);
}

static int poll_link(struct sampler *sp, struct ns_err *err)
{
	struct meas_sample s;
	struct meas_link l;
	struct wifi_station st;
	struct ns_err why = { 0 };
	int ret;

	meas_init_sample(&s);
	s.kind = SAMPLE_LINK;
	s.noise_dbm = sp->noise_dbm;
	ret = wifi_get_link(sp->nl, sp->cfg.ifindex, &st, &why);
	if (ret == 0) {
		if (!sp->have_iface || memcmp(st.mac, sp->last_bssid, 6) != 0) {
			sampler_refresh_iface(sp); /* roamed: the SSID and channel may have changed */
			memcpy(sp->last_bssid, st.mac, 6);
			sp->link_ssid_known = false;
			sp->link_ssid_retry_us = 0;
		}
		if (!sp->link_ssid_known && ns_mono_us() >= sp->link_ssid_retry_us)
			resolve_link_ssid(sp, st.mac);
		sampler_link_from_station(&st, sp->have_iface ? &sp->iface : NULL, sp->noise_dbm, &l);
		if (sp->link_ssid_known)
			meas_link_set_ssid(&l, sp->link_ssid, sp->link_ssid_len);
		return sampler_commit(sp, &s, NULL, 0, &l, err);
	}
	s.status = ret == -ENOTCONN ? SAMPLE_NOT_ASSOCIATED : SAMPLE_FAILED;
	sampler_set_error(s.error, sizeof(s.error), why.msg);
	sp->radio_suspect = true;
	return sampler_commit(sp, &s, NULL, 0, NULL, err);
}

static int poll_survey(struct sampler *sp, struct ns_err *err)
{
	struct meas_sample s;
	struct wifi_survey *v = NULL;
	struct ns_err why = { 0 };
	size_t n = 0;
	int ret;

	sampler_refresh_iface(sp);
	meas_init_sample(&s);
	s.kind = SAMPLE_NOISE;
	ret = wifi_get_survey(sp->nl, sp->cfg.ifindex, &v, &n, &why);
	if (ret < 0) {
		s.status = SAMPLE_FAILED;
		sampler_set_error(s.error, sizeof(s.error), why.msg);
		sp->radio_suspect = true;
	} else {
		const struct wifi_survey *in = wifi_survey_current(v, n, sp->have_iface ? sp->iface.freq_mhz : 0);
		sp->noise_dbm = in ? in->noise_dbm : NAN;
		s.noise_dbm = sp->noise_dbm;
		if (!in) {
			s.status = SAMPLE_FAILED;
			snprintf(s.error, sizeof(s.error), "the driver's survey has no entry for the channel in use");
		} else if (isnan(in->noise_dbm)) {
			snprintf(s.error, sizeof(s.error), "the driver reports no noise for %d MHz",
				 in->freq_mhz);
		}
	}
	free(v);
	return sampler_commit(sp, &s, NULL, 0, NULL, err);
}

/* ---- throughput and latency jobs ------------------------------------------ */

static int commit_tput(struct sampler *sp, const struct tput_result *r, struct ns_err *err)
{
	struct meas_sample s;

	meas_init_sample(&s);
	s.kind = SAMPLE_THROUGHPUT;
	s.status = r->status;
	s.noise_dbm = sp->noise_dbm;
	sampler_set_error(s.error, sizeof(s.error), r->tp.error);
	return commit_tp(sp, &s, NULL, 0, r->link_valid ? &r->link_after : NULL, &r->tp, err);
}

static int commit_lat(struct sampler *sp, const struct lat_result *r, struct ns_err *err)
{
	struct meas_sample s;

	meas_init_sample(&s);
	s.kind = SAMPLE_LATENCY;
	s.status = r->status;
	s.noise_dbm = sp->noise_dbm;
	sampler_set_error(s.error, sizeof(s.error), r->tp.error);
	return commit_tp(sp, &s, NULL, 0, NULL, &r->tp, err);
}

/* A test that could not even start (options refused): stored as a failure. */
static int commit_refused(struct sampler *sp, enum meas_kind kind, const char *why,
			  struct ns_err *err)
{
	struct meas_sample s;
	struct meas_throughput tp;

	meas_init_sample(&s);
	meas_init_throughput(&tp);
	s.kind = kind;
	s.status = SAMPLE_FAILED;
	s.noise_dbm = sp->noise_dbm;
	sampler_set_error(s.error, sizeof(s.error), why);
	sampler_set_error(tp.error, sizeof(tp.error), why);
	return commit_tp(sp, &s, NULL, 0, NULL, &tp, err);
}

/* Collect what has ended, start what is due; loops while a job ends at once. */
static int measure_run(struct sampler *sp, struct ns_err *err)
{
	for (int guard = 0; guard < 8; guard++) {
		int64_t now = ns_mono_us();
		struct ns_err why = { 0 };
		int ret;

		if (sp->tj) {
			struct tput_result r;
			if (!tput_job_run(sp->tj))
				return 0;
			tput_job_finish(sp->tj, &r);
			sp->tj = NULL;
			ret = commit_tput(sp, &r, err);
			if (ret < 0)
				return ret;
		}
		if (sp->lj) {
			struct lat_result r;
			if (!lat_job_run(sp->lj))
				return 0;
			lat_job_finish(sp->lj, &r);
			sp->lj = NULL;
			ret = commit_lat(sp, &r, err);
			if (ret < 0)
				return ret;
		}
		/* Periods: a test that comes due while another runs waits for it. */
		if (sp->have_tput && now >= sp->next_tput_us) {
			sp->tput_due = true;
			sp->next_tput_us += sp->tput_period_us;
			if (sp->next_tput_us <= now)
				sp->next_tput_us = now + sp->tput_period_us;
		}
		if (sp->have_lat && now >= sp->next_lat_us) {
			sp->lat_due = true;
			sp->next_lat_us += sp->lat_period_us;
			if (sp->next_lat_us <= now)
				sp->next_lat_us = now + sp->lat_period_us;
		}
		if (sp->tput_due) {
			struct tput_options o = sp->tput_opt;
			if (sp->cfg.tput_both) { /* up, then down at once after it */
				o.dir = sp->tput_down_next ? TPUT_DOWN : TPUT_UP;
				sp->tput_down_next = !sp->tput_down_next;
			}
			sp->tput_due = sp->tput_down_next;
			if (tput_start(&o, &sp->tj, &why) < 0) {
				sp->tj = NULL;
				ret = commit_refused(sp, SAMPLE_THROUGHPUT, why.msg, err);
				if (ret < 0)
					return ret;
			}
			continue;
		}
		if (sp->lat_due) {
			sp->lat_due = false;
			if (lat_start(&sp->lat_opt, &sp->lj, &why) < 0) {
				sp->lj = NULL;
				ret = commit_refused(sp, SAMPLE_LATENCY, why.msg, err);
				if (ret < 0)
					return ret;
			}
			continue;
		}
		if (sp->point_active) {
			sp->point_active = false;
			if (sp->sink.point_done)
				sp->sink.point_done(sp->sink.arg, ns_wall_us());
		}
		return 0;
	}
	return 0;
}

void sampler_point(struct sampler *sp)
{
	if (!sp->have_tput && !sp->have_lat)
		return;
	sp->tput_due |= sp->have_tput;
	sp->lat_due |= sp->have_lat;
	sp->point_active = true;
}

bool sampler_measuring(const struct sampler *sp)
{
	return sp->point_active;
}

int sampler_cancel_measurements(struct sampler *sp, struct ns_err *err)
{
	int ret = 0;

	sp->tput_due = sp->lat_due = false;
	sp->tput_down_next = false;
	sp->point_active = false;
	if (sp->tj) {
		struct tput_result r;
		tput_job_finish(sp->tj, &r);
		sp->tj = NULL;
		ret = commit_tput(sp, &r, err);
	}
	if (sp->lj && ret == 0) {
		struct lat_result r;
		lat_job_finish(sp->lj, &r);
		sp->lj = NULL;
		ret = commit_lat(sp, &r, err);
	}
	return ret;
}

/*
 * Measurements failed: is the radio still there (scanner/radio.h)? Asked at
 * most once a second, and only where the machine's sysfs can be read. While
 * the radio is gone, blocked or down, every run returns that sentence and
 * measures nothing (a walk stops there; the failures before it are already
 * stored as data); when it is back, measuring resumes.
 */
static int check_radio(struct sampler *sp, struct ns_err *err)
{
	int64_t now = ns_mono_us();
	struct ns_err why = { 0 };

	if ((!sp->radio_suspect && !sp->radio_bad) || now < sp->radio_check_us)
		return sp->radio_bad ? ns_err_set(err, sp->radio_bad, "%s", sp->radio_why) : 0;
	sp->radio_suspect = false;
	sp->radio_check_us = now + RADIO_CHECK_MS * 1000LL;
	if (!sp->nl->sysfs || !sp->have_iface)
		return 0;
	sp->radio_bad = wifi_radio_check(sp->nl->sysfs, sp->iface.name, &why);
	snprintf(sp->radio_why, sizeof(sp->radio_why), "%.250s", why.msg);
	return sp->radio_bad ? ns_err_set(err, sp->radio_bad, "%s", sp->radio_why) : 0;
}

int sampler_run(struct sampler *sp, struct ns_err *err)
{
	int64_t now = ns_mono_us();
	int ret = 0;

	if (sp->radio_bad && (ret = check_radio(sp, err)) < 0)
		return ret; /* measure nothing while the radio is gone */

	if (sp->survey_period_us && now >= sp->next_survey_us) {
		sp->next_survey_us += sp->survey_period_us;
		if (sp->next_survey_us <= now)
			sp->next_survey_us = now + sp->survey_period_us;
		ret = poll_survey(sp, err);
		if (ret < 0)
			return ret;
	}
	if (sp->ev) {
		if (sp->scan != SCAN_IDLE)
			ret = sampler_scan_progress(sp, ns_mono_us(), err);
		else if (ns_mono_us() >= sp->next_scan_us)
			ret = sampler_scan_start(sp, ns_mono_us(), err);
		if (ret < 0)
			return ret;
	}
	now = ns_mono_us();
	if (sp->link_period_us && now >= sp->next_link_us) {
		sp->next_link_us += sp->link_period_us;
		if (sp->next_link_us <= now) /* fell behind: keep the rate, not the backlog */
			sp->next_link_us = now + sp->link_period_us;
		ret = poll_link(sp, err);
		if (ret < 0)
			return ret;
	}
	ret = check_radio(sp, err);
	if (ret < 0)
		return ret;
	return measure_run(sp, err);
}
