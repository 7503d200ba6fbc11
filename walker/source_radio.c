/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source_radio.c — the radio as a walk source: the scanner's sampling loop
 * (scanner/sampler.h) on a real interface, as a normal user.
 *
 * The sampler's sink is the walk's recorder (the binding): every sample is
 * stored and placed there as it arrives; each stored sample is then handed to
 * the session as an event with its id, so the map, the live panel and the
 * stop-and-go completeness see it. Link polls need no privilege;
 * scans that the kernel refuses (no CAP_NET_ADMIN) are stored as cached-only
 * samples and the screen says so. A vanished interface stops the polling (and
 * the flood of failures) until it comes back.
 */
#include "walker/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scanner/iface.h"
#include "scanner/netlink.h"
#include "scanner/sampler.h"
#include "scanner/tput_link.h"
#include "util/clock.h"

struct radio_src {
	struct walk_source base;
	struct nl80211 nl;
	bool nl_open;
	struct wifi_iface iface;
	char driver[64];
	struct sampler_config cfg;
	struct sampler *sp;        /* created when the walk binds */
	struct walk_source_binding bind;
	bool cached_only, gone;
	bool in_sysfs;             /* the interface was in /sys/class/net when opened */
	/* Throughput and latency tests (copies; see walk_radio_opts). */
	struct tput_options tput;
	struct lat_options lat;
	struct tput_station ts;
	double measure_s;          /* how long a point's tests take, for progress */

	/* During a poll: where committed samples go. */
	walk_event_fn fn;
	void *fn_arg;
	int fn_rc;
};

static void read_driver(const char *ifname, char *out, size_t len)
{
	char path[128], target[256];
	ssize_t n;
	const char *base;
	size_t k;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/sys/class/net/%s/device/driver", ifname);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	k = strnlen(base, len - 1);
	memcpy(out, base, k);
	out[k] = '\0';
}

static bool iface_present(const char *ifname)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/class/net/%s", ifname);
	return stat(path, &st) == 0;
}

/* The sampler's sink: store in the walk's recorder, then tell the session. */
static int64_t radio_store(void *arg, struct meas_sample *s, const struct meas_observation *obs,
			   size_t nobs, const struct meas_link *link,
			   const struct meas_throughput *tp, struct ns_err *err)
{
	struct radio_src *m = arg;
	struct walk_event ev = { .kind = WALK_EV_SAMPLE };
	int64_t id = recorder_sample(m->bind.rec, s, obs, nobs, link, tp, err);

	if (id < 0)
		return id;
	if (s->kind == SAMPLE_SCAN)
		m->cached_only = s->status == SAMPLE_SCAN_CACHED;
	if (!m->fn || m->fn_rc)
		return id;
	ev.sample = *s;
	if (tp) {
		/* the link after a throughput test is stored with it; the panel has its own */
		ev.tp = tp;
	} else {
		ev.obs = obs;
		ev.nobs = nobs;
		ev.link = s->status == SAMPLE_OK ? link : NULL;
	}
	m->fn_rc = m->fn(m->fn_arg, &ev);
	return id;
}

static void radio_point_done(void *arg, int64_t t_us)
{
	struct radio_src *m = arg;
	struct walk_event ev = { .kind = WALK_EV_POINT_DONE, .t_us = t_us };

	if (!m->fn || m->fn_rc)
		return;
	m->fn_rc = m->fn(m->fn_arg, &ev);
}

static int radio_bind(struct walk_source *src, const struct walk_source_binding *b,
		      struct ns_err *err)
{
	struct radio_src *m = src->impl;
	struct sampler_sink sink = { .store = radio_store, .arg = m, .point_done = radio_point_done };

	m->bind = *b;
	sampler_free(m->sp);
	m->sp = NULL;
	return sampler_new(&m->nl, &m->cfg, &sink, &m->sp, err);
}

static int radio_poll(struct walk_source *src, int64_t now_us, int64_t now_mono_us,
		      walk_event_fn fn, void *arg, struct ns_err *err)
{
	struct radio_src *m = src->impl;
	int rc;

	(void)now_us;
	(void)now_mono_us;
	if (!m->sp)
		return 0;
	m->gone = m->in_sysfs && !iface_present(m->iface.name);
	if (m->gone)
		return ns_err_set(err, -ENODEV, "the interface %s is gone", m->iface.name);
	m->fn = fn;
	m->fn_arg = arg;
	m->fn_rc = 0;
	rc = sampler_run(m->sp, err);
	m->fn = NULL;
	if (rc < 0)
		return rc;
	return m->fn_rc < 0 ? m->fn_rc : 0;
}

static void radio_tap(struct walk_source *src, int64_t t_us, double x_m, double y_m, bool measure)
{
	struct radio_src *m = src->impl;

	(void)x_m;
	(void)y_m;
	if (!m->sp || !measure)
		return;
	/* Results last heard before the tap describe the previous place. */
	sampler_set_stale_before(m->sp, ns_mono_us() - (ns_wall_us() - t_us));
	/*
	 * Tests still running belong to the previous point: stop them (stored as
	 * cancelled, placed there: the session taps the recorder after
	 * this), then start this point's.
	 */
	if (sampler_measuring(m->sp)) {
		struct ns_err e = { 0 };

		(void)sampler_cancel_measurements(m->sp, &e); /* a failed write shows at the next poll */
	}
	sampler_point(m->sp);
}

static void radio_info(const struct walk_source *src, struct walk_source_info *info)
{
	const struct radio_src *m = src->impl;

	strcpy(info->name, "nl80211");
	snprintf(info->interface, sizeof(info->interface), "%s", m->iface.name);
	snprintf(info->driver, sizeof(info->driver), "%s", m->driver);
	info->scans_cached_only = m->cached_only;
	info->interface_gone = m->gone;
	info->scan_duration_s = 3.0; /* a full scan, all channels, passive on DFS: a few seconds */
	info->no_scans = m->cfg.scan_interval_ms < 0;
	info->measures_point = m->cfg.tput || m->cfg.lat;
	info->measure_duration_s = m->measure_s;
}

static int radio_stop(struct walk_source *src, struct ns_err *err)
{
	struct radio_src *m = src->impl;

	if (!m->sp)
		return 0;
	return sampler_cancel_measurements(m->sp, err);
}

static void radio_free(struct walk_source *src)
{
	struct radio_src *m = src->impl;

	sampler_free(m->sp);
	tput_station_close(&m->ts);
	if (m->nl_open)
		nl80211_close(&m->nl);
	free(m);
}

static const struct walk_source_ops radio_ops = {
	.bind = radio_bind,
	.poll = radio_poll,
	.tap = radio_tap,
	.info = radio_info,
	.stop = radio_stop,
	.free = radio_free,
};

/* What a point's tests take: each throughput test its duration plus a
 * second to set up; a latency run its probes. For the progress bar only. */
static double measure_seconds(const struct radio_src *m)
{
	double t = 0;

	if (m->cfg.tput)
		t += (m->cfg.tput_both ? 2 : 1) * (m->tput.duration_s + 1.0);
	if (m->cfg.lat)
		t += m->lat.count * (m->lat.interval_s > 0 ? m->lat.interval_s : 1.0) + 0.5;
	return t;
}

int walk_source_radio_new_nl(struct nl80211 *nl, const char *ifname,
			     const struct walk_radio_opts *o, struct walk_source **out,
			     struct ns_err *err)
{
	struct radio_src *m = calloc(1, sizeof(*m));
	static const struct walk_radio_opts none;
	int rc;

	if (!m) {
		nl80211_close(nl);
		return ns_err_set(err, -ENOMEM, "out of memory opening the radio");
	}
	if (!o)
		o = &none;
	m->nl = *nl;
	m->nl_open = true;
	rc = ifname ? wifi_find_interface(&m->nl, ifname, &m->iface, err)
		    : wifi_default_interface(&m->nl, &m->iface, err);
	if (rc < 0) {
		nl80211_close(&m->nl);
		free(m);
		return rc;
	}
	read_driver(m->iface.name, m->driver, sizeof(m->driver));
	m->in_sysfs = iface_present(m->iface.name);
	m->cfg.ifindex = m->iface.ifindex;
	m->cfg.link_hz = o->link_hz ? o->link_hz : 5;
	m->cfg.scan_interval_ms = o->scan_interval_ms; /* 0: back to back, as often as the radio allows */
	m->cfg.survey_interval_ms = o->survey_interval_ms ? o->survey_interval_ms : 3000;
	if (o->tput) {
		m->tput = *o->tput;
		if (o->bind_to_interface) {
			struct ns_err lerr = { 0 };

			m->tput.interface = m->iface.name;
			/* The driver's side of each test, and no test while not associated. */
			if (tput_station_open(&m->ts, &m->nl, m->iface.name, &lerr) == 0) {
				m->tput.link_read = tput_station_read;
				m->tput.link_arg = &m->ts;
			}
		}
		m->cfg.tput = &m->tput;
		m->cfg.tput_every_ms = o->tput_every_ms;
		m->cfg.tput_both = o->tput_both;
	}
	if (o->lat) {
		m->lat = *o->lat;
		if (o->bind_to_interface)
			m->lat.interface = m->iface.name;
		m->cfg.lat = &m->lat;
		m->cfg.lat_every_ms = o->lat_every_ms;
	}
	m->measure_s = measure_seconds(m);
	m->base.ops = &radio_ops;
	m->base.impl = m;
	*out = &m->base;
	return 0;
}

int walk_source_radio_new_opts(const char *ifname, const struct walk_radio_opts *o,
			       struct walk_source **out, struct ns_err *err)
{
	struct nl80211 nl;
	int rc = nl80211_open(&nl, err);

	if (rc < 0)
		return rc;
	return walk_source_radio_new_nl(&nl, ifname, o, out, err);
}

int walk_source_radio_new(const char *ifname, struct walk_source **out, struct ns_err *err)
{
	return walk_source_radio_new_opts(ifname, NULL, out, err);
}
