/*
 * sampler.c — see sampler.h. One state machine per measurement kind, driven
 * by the monotonic clock; all writes through survey_add_sample().
 */
#include "scanner/sampler.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/chansurvey.h"
#include "util/clock.h"

enum scan_state { SCAN_IDLE, SCAN_WAITING };

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
	int busy_attempts;
	int64_t stale_before_us;
	uint8_t last_bssid[6];
};

/* Copy a sentence into a sample's error field, cut to fit. */
static void set_error(char *dst, size_t size, const char *src)
{
	size_t n = src ? strnlen(src, size - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

static void refresh_iface(struct sampler *sp)
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
	if (cfg->scan_interval_ms >= 0 && wifi_scan_listen(nl, &sp->ev, err) < 0) {
		free(sp);
		return err ? err->code : -EIO;
	}
	refresh_iface(sp);
	*out = sp;
	return 0;
}

void sampler_free(struct sampler *sp)
{
	if (!sp)
		return;
	if (sp->ev)
		nl_socket_free(sp->ev);
	free(sp);
}

int sampler_fd(const struct sampler *sp)
{
	return sp->ev && sp->scan == SCAN_WAITING ? nl_socket_get_fd(sp->ev) : -1;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
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
				  struct survey_observation *o)
{
	survey_init_observation(o);
	memcpy(o->bssid, b->bssid, 6);
	snprintf(o->ssid, sizeof(o->ssid), "%s", b->ssid);
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
	snprintf(o->ap_name, sizeof(o->ap_name), "%s", b->ap_name);
	o->age_ms = b->seen_ms_ago;
	o->associated = b->associated;
}

static double dbm(int v)
{
	return v == INT_MIN ? NAN : (double)v;
}

void sampler_link_from_station(const struct wifi_station *st, const struct wifi_iface *w,
			       double noise_dbm, struct survey_link *l)
{
	survey_init_link(l);
	memcpy(l->bssid, st->mac, 6);
	if (w) {
		snprintf(l->ssid, sizeof(l->ssid), "%s", w->ssid);
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

/* Stamp, place and commit one sample. */
static int commit(struct sampler *sp, struct survey_sample *s, const struct survey_observation *obs,
		  size_t nobs, const struct survey_link *link, struct ns_err *err)
{
	int64_t id;

	s->walk_id = sp->sink.walk_id;
	s->t_us = ns_wall_us();
	s->mono_us = ns_mono_us();
	s->placed = sp->sink.place && sp->sink.place(sp->sink.arg, s->t_us, &s->x_m, &s->y_m);
	if (!s->placed)
		s->x_m = s->y_m = NAN;
	id = survey_add_sample(sp->sink.survey, s, obs, nobs, link, NULL, err);
	if (id < 0)
		return (int)id;
	switch (s->kind) {
	case SAMPLE_LINK: sp->stats.links++; break;
	case SAMPLE_SCAN: sp->stats.scans++; break;
	default: sp->stats.noise++; break;
	}
	if (s->status != SAMPLE_OK)
		sp->stats.failed++;
	if (sp->sink.notify)
		sp->sink.notify(sp->sink.arg, id, s, obs, nobs, link);
	return 0;
}

static int poll_link(struct sampler *sp, struct ns_err *err)
{
	struct survey_sample s;
	struct survey_link l;
	struct wifi_station st;
	struct ns_err why = { 0 };
	int ret;

	survey_init_sample(&s);
	s.kind = SAMPLE_LINK;
	s.noise_dbm = sp->noise_dbm;
	ret = wifi_get_link(sp->nl, sp->cfg.ifindex, &st, &why);
	if (ret == 0) {
		if (!sp->have_iface || memcmp(st.mac, sp->last_bssid, 6) != 0) {
			refresh_iface(sp); /* roamed: the SSID and channel may have changed */
			memcpy(sp->last_bssid, st.mac, 6);
		}
		sampler_link_from_station(&st, sp->have_iface ? &sp->iface : NULL, sp->noise_dbm, &l);
		return commit(sp, &s, NULL, 0, &l, err);
	}
	s.status = ret == -ENOTCONN ? SAMPLE_NOT_ASSOCIATED : SAMPLE_FAILED;
	set_error(s.error, sizeof(s.error), why.msg);
	return commit(sp, &s, NULL, 0, NULL, err);
}

static int poll_survey(struct sampler *sp, struct ns_err *err)
{
	struct survey_sample s;
	struct wifi_survey *v = NULL;
	struct ns_err why = { 0 };
	size_t n = 0;
	int ret;

	refresh_iface(sp);
	survey_init_sample(&s);
	s.kind = SAMPLE_NOISE;
	ret = wifi_get_survey(sp->nl, sp->cfg.ifindex, &v, &n, &why);
	if (ret < 0) {
		s.status = SAMPLE_FAILED;
		set_error(s.error, sizeof(s.error), why.msg);
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
	return commit(sp, &s, NULL, 0, NULL, err);
}

/* Dump the BSS table and commit it as one scan sample. */
static int scan_commit(struct sampler *sp, enum survey_sample_status status, const char *why,
		       bool drop_older_than_trigger, struct ns_err *err)
{
	struct wifi_scan_result res = { 0 };
	struct survey_observation *obs = NULL;
	struct survey_sample s;
	struct ns_err derr = { 0 };
	size_t nobs = 0, dropped = 0;
	int ret;

	survey_init_sample(&s);
	s.kind = SAMPLE_SCAN;
	s.status = status;
	s.noise_dbm = sp->noise_dbm;
	snprintf(s.error, sizeof(s.error), "%s", why ? why : "");
	if (wifi_scan_dump(sp->nl, sp->cfg.ifindex, &res, &derr) < 0) {
		s.status = SAMPLE_SCAN_FAILED;
		set_error(s.error, sizeof(s.error), derr.msg);
		return commit(sp, &s, NULL, 0, NULL, err);
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
	ret = commit(sp, &s, obs, nobs, NULL, err);
	free(obs);
	wifi_scan_result_release(&res);
	return ret;
}

static int scan_failed(struct sampler *sp, enum survey_sample_status status, const char *why,
		       struct ns_err *err)
{
	struct survey_sample s;

	survey_init_sample(&s);
	s.kind = SAMPLE_SCAN;
	s.status = status;
	s.noise_dbm = sp->noise_dbm;
	set_error(s.error, sizeof(s.error), why);
	return commit(sp, &s, NULL, 0, NULL, err);
}

static void scan_schedule_next(struct sampler *sp, int64_t now)
{
	int64_t interval = (int64_t)sp->cfg.scan_interval_ms * 1000;

	sp->scan = SCAN_IDLE;
	sp->busy_attempts = 0;
	sp->next_scan_us = interval > 0 ? sp->scan_started_us + interval : now;
	if (sp->next_scan_us < now)
		sp->next_scan_us = now;
}

static int scan_start(struct sampler *sp, int64_t now, struct ns_err *err)
{
	struct wifi_scan_params p = { .freqs = sp->cfg.freqs, .nfreqs = sp->cfg.nfreqs,
				      .passive = sp->cfg.passive };
	struct ns_err why = { 0 };
	int ret;

	if (sp->busy_attempts == 0)
		sp->scan_started_us = now;
	wifi_scan_read_events(sp->ev, sp->cfg.ifindex); /* drop events of earlier scans */
	ret = wifi_scan_request(sp->nl, sp->cfg.ifindex, &p, &why);
	if (ret == 0) {
		int timeout = sp->cfg.scan_timeout_ms > 0 ? sp->cfg.scan_timeout_ms : 10000;
		sp->scan = SCAN_WAITING;
		sp->scan_deadline_us = now + (int64_t)timeout * 1000;
		return 0;
	}
	if (ret == -EBUSY && sp->busy_attempts < 5) {
		/* Another scan is running: back off 100, 200, 400, 800, 1600 ms. */
		sp->next_scan_us = now + (100000LL << sp->busy_attempts);
		sp->busy_attempts++;
		return 0;
	}
	scan_schedule_next(sp, now);
	if (sp->cfg.scan_interval_ms == 0) /* back-to-back: do not spin on a failing trigger */
		sp->next_scan_us = now + 1000000;
	if (ret == -EPERM || ret == -EACCES)
		return scan_commit(sp, SAMPLE_SCAN_CACHED,
				   "not permitted to trigger a scan (needs CAP_NET_ADMIN): the kernel's cached results",
				   false, err);
	return scan_failed(sp, SAMPLE_SCAN_FAILED, why.msg, err);
}

static int scan_progress(struct sampler *sp, int64_t now, struct ns_err *err)
{
	int r = wifi_scan_read_events(sp->ev, sp->cfg.ifindex);

	if (r == 1) {
		scan_schedule_next(sp, now);
		return scan_commit(sp, SAMPLE_OK, NULL, true, err);
	}
	if (r == -ECANCELED) {
		scan_schedule_next(sp, now);
		return scan_failed(sp, SAMPLE_SCAN_FAILED, "the kernel aborted the scan", err);
	}
	if (now >= sp->scan_deadline_us) {
		char why[96];
		int timeout = sp->cfg.scan_timeout_ms > 0 ? sp->cfg.scan_timeout_ms : 10000;
		snprintf(why, sizeof(why), "the scan did not finish within %d ms", timeout);
		scan_schedule_next(sp, now);
		return scan_failed(sp, SAMPLE_TIMEOUT, why, err);
	}
	return 0;
}

int sampler_run(struct sampler *sp, struct ns_err *err)
{
	int64_t now = ns_mono_us();
	int ret = 0;

	if (sp->survey_period_us && now >= sp->next_survey_us) {
		sp->next_survey_us += sp->survey_period_us;
		if (sp->next_survey_us <= now)
			sp->next_survey_us = now + sp->survey_period_us;
		ret = poll_survey(sp, err);
		if (ret < 0)
			return ret;
	}
	if (sp->ev) {
		if (sp->scan == SCAN_WAITING)
			ret = scan_progress(sp, ns_mono_us(), err);
		else if (ns_mono_us() >= sp->next_scan_us)
			ret = scan_start(sp, ns_mono_us(), err);
		if (ret < 0)
			return ret;
	}
	now = ns_mono_us();
	if (sp->link_period_us && now >= sp->next_link_us) {
		sp->next_link_us += sp->link_period_us;
		if (sp->next_link_us <= now) /* fell behind: keep the rate, not the backlog */
			sp->next_link_us = now + sp->link_period_us;
		ret = poll_link(sp, err);
	}
	return ret;
}
