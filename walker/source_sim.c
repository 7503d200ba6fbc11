/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source_sim.c — the simulator as a walk source: training and demos with no
 * Wi-Fi card, and the truth the walker's tests check against.
 *
 * The simulated engineer follows the taps. Stop-and-go: they stand at each
 * tap, and a tap starts a fresh scan (as the radio source asks the scanner
 * for one). Continuous: a tap is where they walk next, at a steady pace along
 * the straight segment; arriving there is an event, and the session commits
 * the waypoint at that moment — so the track places each sample exactly where
 * the simulated radio measured it.
 *
 * The station associates with the strongest BSS of the world's first SSID and
 * roams when another is 6 dB stronger; below −85 dBm it loses the association
 * (a not-associated link poll, stored as data).
 */
#include "walker/source.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"

#define SIM_MAX_DEST 256
#define ASSOC_MIN_DBM (-85.0)
#define ROAM_DELTA_DB 6.0

struct sim_src {
	struct walk_source base;
	const struct sim_world *w;
	struct walk_sim_opts o;
	uint64_t rng;

	bool have_pos;
	double x, y;               /* where the engineer stands, or the current leg's start */
	int64_t leg_t;             /* when the current leg (or the standing) began */
	struct fp_point dest[SIM_MAX_DEST];
	size_t ndest;

	int64_t next_scan, next_link;
	int64_t last_poll;
	long assoc;                /* index of the associated BSS, -1 if none */
	char home_ssid[33];

	struct meas_observation *obs;
	size_t cap;
};

void walk_sim_opts_default(struct walk_sim_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->pace_mps = 1.0;
	o->scan_interval_s = 2.5;
	o->link_interval_s = 0.5;
	o->seed = 1;
}

/* xorshift64*: a small deterministic generator of our own for link noise. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static double rng_gauss(uint64_t *s)
{
	double u1 = ((double)(rng_next(s) >> 11) + 1.0) / 9007199254740993.0;
	double u2 = (double)(rng_next(s) >> 11) / 9007199254740992.0;

	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

static int64_t travel_us(const struct sim_src *m)
{
	double d = hypot(m->dest[0].x - m->x, m->dest[0].y - m->y);

	return (int64_t)llround(d / m->o.pace_mps * 1e6);
}

static struct fp_point position_at(const struct sim_src *m, int64_t t)
{
	struct fp_point p = { m->x, m->y };
	int64_t tr;
	double k;

	if (!m->ndest)
		return p;
	tr = travel_us(m);
	k = tr > 0 ? (double)(t - m->leg_t) / (double)tr : 1.0;
	if (k < 0)
		k = 0;
	if (k > 1)
		k = 1;
	p.x = m->x + k * (m->dest[0].x - m->x);
	p.y = m->y + k * (m->dest[0].y - m->y);
	return p;
}

/* Association with hysteresis, from the true (noise-free) signals. */
static void associate(struct sim_src *m, struct fp_point p)
{
	size_t n = sim_world_nbss(m->w);
	long best = -1;
	double best_sig = -INFINITY, cur_sig = -INFINITY;

	for (size_t i = 0; i < n; i++) {
		const struct sim_bss *b = sim_world_bss(m->w, i);
		double sig;

		if (b->hidden || strcmp(b->ssid_name, m->home_ssid) != 0)
			continue;
		sig = sim_true_signal_dbm(m->w, i, p);
		if (sig > best_sig) {
			best_sig = sig;
			best = (long)i;
		}
		if ((long)i == m->assoc)
			cur_sig = sig;
	}
	if (m->assoc >= 0 && cur_sig >= ASSOC_MIN_DBM && best_sig < cur_sig + ROAM_DELTA_DB)
		return; /* stay */
	m->assoc = best_sig >= ASSOC_MIN_DBM ? best : -1;
}

/* A plausible 2-stream PHY rate for an SNR and channel width (20 MHz table scaled). */
static double phy_rate_mbps(double snr, int width)
{
	static const struct { double snr, mbps; } t[] = {
		{ 35, 173.3 }, { 32, 156.0 }, { 29, 130.0 }, { 25, 117.0 }, { 22, 104.0 },
		{ 18, 78.0 }, { 15, 52.0 }, { 12, 39.0 }, { 8, 26.0 }, { 5, 13.0 },
	};
	double k = width >= 160 ? 9.0 : width >= 80 ? 4.5 : width >= 40 ? 2.08 : 1.0;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (snr >= t[i].snr)
			return t[i].mbps * k;
	return 6.5;
}

static int emit_link(struct sim_src *m, int64_t t, int64_t mono, walk_event_fn fn, void *arg)
{
	struct fp_point p = position_at(m, t);
	struct walk_event ev = { .kind = WALK_EV_SAMPLE };
	struct meas_link link;

	meas_init_sample(&ev.sample);
	ev.sample.t_us = t;
	ev.sample.mono_us = mono;
	ev.sample.kind = SAMPLE_LINK;
	associate(m, p);
	if (m->assoc < 0) {
		ev.sample.status = SAMPLE_NOT_ASSOCIATED;
		strcpy(ev.sample.error, "not associated: no BSS of the network is heard well enough");
		return fn(arg, &ev);
	}
	const struct sim_bss *b = sim_world_bss(m->w, (size_t)m->assoc);
	double noise = sim_noise_dbm(m->w, b->freq_mhz);
	double sig = sim_true_signal_dbm(m->w, (size_t)m->assoc, p) + 2.0 * rng_gauss(&m->rng);

	sig = round(sig);
	meas_init_link(&link);
	memcpy(link.bssid, b->bssid, 6);
	snprintf(link.ssid, sizeof(link.ssid), "%s", b->ssid_name);
	link.freq_mhz = b->freq_mhz;
	link.signal_dbm = sig;
	link.signal_avg_dbm = sig;
	link.beacon_signal_avg_dbm = sig;
	link.noise_dbm = noise;
	link.tx_bitrate_mbps = phy_rate_mbps(sig - noise, b->width_mhz);
	link.rx_bitrate_mbps = phy_rate_mbps(sig - noise - 2.0, b->width_mhz);
	link.expected_throughput_mbps = 0.6 * link.tx_bitrate_mbps;
	ev.sample.noise_dbm = noise;
	ev.link = &link;
	return fn(arg, &ev);
}

static int emit_scan(struct sim_src *m, int64_t t, int64_t mono, walk_event_fn fn, void *arg)
{
	struct fp_point p = position_at(m, t);
	struct walk_event ev = { .kind = WALK_EV_SAMPLE };
	size_t n;

	meas_init_sample(&ev.sample);
	ev.sample.t_us = t;
	ev.sample.mono_us = mono;
	ev.sample.kind = SAMPLE_SCAN;
	ev.sample.status = SAMPLE_OK;
	associate(m, p);
	n = sim_scan(m->w, p, &m->rng, m->obs, m->cap);
	if (m->assoc >= 0) {
		const struct sim_bss *b = sim_world_bss(m->w, (size_t)m->assoc);

		ev.sample.noise_dbm = sim_noise_dbm(m->w, b->freq_mhz);
		for (size_t i = 0; i < n; i++)
			m->obs[i].associated = memcmp(m->obs[i].bssid, b->bssid, 6) == 0;
	}
	ev.obs = n ? m->obs : NULL;
	ev.nobs = n;
	return fn(arg, &ev);
}

static int sim_poll(struct walk_source *src, int64_t now_us, int64_t now_mono_us,
		    walk_event_fn fn, void *arg, struct ns_err *err)
{
	struct sim_src *m = src->impl;
	int rc = 0;

	for (;;) {
		int64_t ta = m->have_pos && m->ndest ? m->leg_t + travel_us(m) : INT64_MAX;
		int64_t tm = m->next_link < m->next_scan ? m->next_link : m->next_scan;
		int64_t t = ta <= tm ? ta : tm;
		int64_t mono = now_mono_us - (now_us - t);

		if (t > now_us)
			break;
		if (ta <= tm) {
			struct walk_event ev = { .kind = WALK_EV_ARRIVED, .t_us = t, .mono_us = mono };

			m->x = ev.x_m = m->dest[0].x;
			m->y = ev.y_m = m->dest[0].y;
			memmove(m->dest, m->dest + 1, (m->ndest - 1) * sizeof(m->dest[0]));
			m->ndest--;
			m->leg_t = t;
			rc = fn(arg, &ev);
		} else if (m->next_link <= m->next_scan) {
			m->next_link += (int64_t)(m->o.link_interval_s * 1e6);
			if (m->have_pos)
				rc = emit_link(m, t, mono, fn, arg);
		} else {
			m->next_scan += (int64_t)(m->o.scan_interval_s * 1e6);
			if (m->have_pos)
				rc = emit_scan(m, t, mono, fn, arg);
		}
		if (rc) {
			if (rc < 0 && err && !err->msg[0])
				ns_err_set(err, rc, "the walk could not take a simulated sample");
			break;
		}
	}
	m->last_poll = now_us;
	return rc < 0 ? rc : 0;
}

static void sim_tap(struct walk_source *src, int64_t t_us, double x_m, double y_m, bool measure)
{
	struct sim_src *m = src->impl;

	if (m->o.moves_engineer) {
		if (!m->have_pos) {
			m->have_pos = true;
			m->x = x_m;
			m->y = y_m;
		}
		if (m->ndest == SIM_MAX_DEST)
			return; /* a queue of 256 unreached taps: ignore more */
		if (!m->ndest)
			m->leg_t = t_us;
		m->dest[m->ndest].x = x_m;
		m->dest[m->ndest].y = y_m;
		m->ndest++;
	} else {
		m->have_pos = true;
		m->x = x_m;
		m->y = y_m;
		m->leg_t = t_us;
	}
	if (measure) {
		/* A fresh scan starts at the tap: nothing measured before counts here. */
		m->next_scan = t_us + (int64_t)(m->o.scan_interval_s * 1e6);
		m->next_link = t_us + (int64_t)(m->o.link_interval_s * 1e6);
	}
}

static bool sim_cancel(struct walk_source *src)
{
	struct sim_src *m = src->impl;

	if (!m->ndest)
		return false;
	if (m->ndest == 1) {
		/* Stop where the engineer is now. */
		struct fp_point p = position_at(m, m->last_poll);

		m->x = p.x;
		m->y = p.y;
		m->leg_t = m->last_poll;
	}
	m->ndest--;
	return true;
}

static size_t sim_pending(const struct walk_source *src)
{
	const struct sim_src *m = src->impl;

	return m->ndest;
}

static bool sim_position(const struct walk_source *src, int64_t now_us, double *x, double *y)
{
	const struct sim_src *m = src->impl;
	struct fp_point p;

	if (!m->have_pos)
		return false;
	p = position_at(m, now_us);
	*x = p.x;
	*y = p.y;
	return true;
}

static void sim_info(const struct walk_source *src, struct walk_source_info *info)
{
	const struct sim_src *m = src->impl;

	strcpy(info->name, "simulator");
	strcpy(info->interface, "sim0");
	strcpy(info->driver, "notspot-sim");
	strcpy(info->chipset, "propagation model");
	info->moves_engineer = m->o.moves_engineer;
	info->scan_duration_s = m->o.scan_interval_s;
	info->pace_mps = m->o.pace_mps;
}

static void sim_free(struct walk_source *src)
{
	struct sim_src *m = src->impl;

	free(m->obs);
	free(m);
}

static const struct walk_source_ops sim_ops = {
	.poll = sim_poll,
	.tap = sim_tap,
	.cancel_destination = sim_cancel,
	.pending = sim_pending,
	.position = sim_position,
	.info = sim_info,
	.free = sim_free,
};

int walk_source_sim_new(const struct sim_world *world, const struct walk_sim_opts *o,
			int64_t now_us, struct walk_source **out, struct ns_err *err)
{
	struct sim_src *m;

	if (o->pace_mps <= 0 || o->scan_interval_s <= 0 || o->link_interval_s <= 0)
		return ns_err_set(err, -EINVAL, "the simulated pace and intervals must be positive");
	m = calloc(1, sizeof(*m));
	if (!m)
		return ns_err_set(err, -ENOMEM, "out of memory building the simulated radio");
	m->cap = sim_world_nbss(world) + 1;
	m->obs = calloc(m->cap, sizeof(*m->obs));
	if (!m->obs) {
		free(m);
		return ns_err_set(err, -ENOMEM, "out of memory building the simulated radio");
	}
	m->base.ops = &sim_ops;
	m->base.impl = m;
	m->w = world;
	m->o = *o;
	m->rng = o->seed ? o->seed : 1;
	m->assoc = -1;
	m->next_scan = now_us + (int64_t)(o->scan_interval_s * 1e6);
	m->next_link = now_us + (int64_t)(o->link_interval_s * 1e6);
	m->last_poll = now_us;
	if (sim_world_nbss(world))
		memcpy(m->home_ssid, sim_world_bss(world, 0)->ssid_name, sizeof(m->home_ssid));
	*out = &m->base;
	return 0;
}
