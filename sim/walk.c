/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk.c — a simulated walk, recorded exactly as a real one is: a walk row,
 * a waypoint per tap at the moment it is tapped, scan samples at the
 * scanner's cadence (with misses, stale cached results and the odd failed
 * trigger), link polls at 5 Hz of the BSS the laptop is associated with
 * (roaming, losing the link where the signal dies), all through the walk's
 * recorder (recorder/recorder.h) as the walker's are — in its batch mode, so
 * thousands of samples cost one transaction, placed by the position track
 * at the finish.
 *
 * The surveyor's true position moves along the route; measurements are taken
 * where they really were, placement uses only what a real walk would know
 * (the taps and the times). So the survey carries the same placement error
 * a real one does: a scan heard over 2.5 s of walking is placed at its end.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/rng.h"
#include "sim/world_internal.h"
#include "recorder/recorder.h"
#include "util/clock.h"

/* cfg80211 keeps a BSS in its scan cache for 30 s after it was last heard. */
#define CACHE_EXPIRE_S 30.0
/* Before the first tap the recorder is already running (s). */
#define LEAD_S 1.0
/* More stops than this (after stop-and-go spacing) is not a walk anyone makes. */
#define MAX_STOPS 1000000
/* Monotonic clock at the start of a walk with a given start time: 3 h after boot. */
#define MONO_BASE_US 10800000000LL

void sim_walk_opts_default(struct sim_walk_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->mode = SIM_WALK_CONTINUOUS;
	o->speed_mps = 1.0;
	o->scan_interval_s = 2.5;
	o->link_interval_s = 0.2;
	snprintf(o->operator_name, sizeof(o->operator_name), "simulator");
	o->seed = 1;
	o->dwell_s = 6.0;
	o->stop_spacing_m = 3.0;
	o->scan_fail_prob = 0.01;
}

/* The true motion: piecewise linear in time through keyframes. */
struct key {
	double t;
	struct fp_point p;
};

struct tap {
	double t, done; /* done < 0: none (continuous) */
	struct fp_point p;
};

struct plan {
	struct key *keys;
	size_t nkeys;
	struct tap *taps;
	size_t ntaps;
	double end_t;
};

static struct fp_point pos_at(const struct plan *pl, double t)
{
	size_t lo = 0, hi = pl->nkeys - 1;

	if (t <= pl->keys[0].t)
		return pl->keys[0].p;
	if (t >= pl->keys[hi].t)
		return pl->keys[hi].p;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (pl->keys[mid].t <= t)
			lo = mid;
		else
			hi = mid;
	}
	{
		const struct key *a = &pl->keys[lo], *b = &pl->keys[hi];
		double f = b->t > a->t ? (t - a->t) / (b->t - a->t) : 1;

		return (struct fp_point){ a->p.x + f * (b->p.x - a->p.x),
					  a->p.y + f * (b->p.y - a->p.y) };
	}
}

/* Stop-and-go surveyors stop every few metres along a corridor, not only at corners. */
static int expand_stops(const struct sim_stop *stops, size_t n, const struct sim_walk_opts *o,
			struct sim_stop **out, size_t *nout)
{
	size_t cap = n, k = 0;
	struct sim_stop *v;

	if (o->mode == SIM_WALK_STOP_AND_GO && o->stop_spacing_m > 0)
		for (size_t i = 0; i + 1 < n; i++) {
			double len = hypot(stops[i + 1].p.x - stops[i].p.x,
					   stops[i + 1].p.y - stops[i].p.y);
			double extra = ceil(len / o->stop_spacing_m) - 1;

			if (extra > MAX_STOPS)
				return -E2BIG;
			cap += extra > 0 ? (size_t)extra : 0;
			if (cap > MAX_STOPS)
				return -E2BIG;
		}
	v = calloc(cap, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		v[k++] = stops[i];
		if (i + 1 == n || o->mode != SIM_WALK_STOP_AND_GO || !(o->stop_spacing_m > 0))
			continue;
		double len = hypot(stops[i + 1].p.x - stops[i].p.x, stops[i + 1].p.y - stops[i].p.y);
		int extra = (int)ceil(len / o->stop_spacing_m) - 1;

		for (int e = 1; e <= extra; e++) {
			double f = (double)e / (extra + 1);

			v[k].p.x = stops[i].p.x + f * (stops[i + 1].p.x - stops[i].p.x);
			v[k].p.y = stops[i].p.y + f * (stops[i + 1].p.y - stops[i].p.y);
			v[k].dwell_s = 0;
			k++;
		}
	}
	*out = v;
	*nout = k;
	return 0;
}

static int make_plan(const struct sim_stop *stops, size_t n, const struct sim_walk_opts *o,
		     uint64_t *rng, struct plan *pl)
{
	double t = LEAD_S;

	pl->keys = calloc(2 * n + 2, sizeof(*pl->keys));
	pl->taps = calloc(2 * n, sizeof(*pl->taps));
	if (!pl->keys || !pl->taps)
		return -ENOMEM;
	pl->keys[pl->nkeys++] = (struct key){ 0, stops[0].p };
	for (size_t i = 0; i < n; i++) {
		double dwell = stops[i].dwell_s > 0 ? stops[i].dwell_s : 0;

		if (i > 0) {
			double len = hypot(stops[i].p.x - stops[i - 1].p.x,
					   stops[i].p.y - stops[i - 1].p.y);
			/* People do not walk at a constant pace: ±10% per leg. */
			double pace = o->speed_mps * fmin(fmax(1 + 0.1 * sim_rng_gauss(rng), 0.8), 1.2);

			t += len / pace;
		}
		pl->keys[pl->nkeys++] = (struct key){ t, stops[i].p };
		if (o->mode == SIM_WALK_STOP_AND_GO) {
			if (!(dwell > 0))
				dwell = o->dwell_s;
			pl->taps[pl->ntaps++] = (struct tap){ t, t + dwell, stops[i].p };
			t += dwell;
		} else {
			pl->taps[pl->ntaps++] = (struct tap){ t, -1, stops[i].p };
			/* Standing still: tap on arrival and again on leaving, so the
			 * track does not spread the wait along the next corridor. */
			if (dwell > 0) {
				t += dwell;
				if (i + 1 < n)
					pl->taps[pl->ntaps++] = (struct tap){ t, -1, stops[i].p };
			}
		}
		pl->keys[pl->nkeys++] = (struct key){ t, stops[i].p };
	}
	pl->end_t = t + LEAD_S;
	return 0;
}

/* ---- link estimate ------------------------------------------------------ */

/*
 * SNR a 20 MHz 802.11ac MCS needs (dB, typical receiver figures) and its
 * rate for one spatial stream, long guard interval (Mbit/s, IEEE 802.11-2020
 * Table 21-30). Wider channels spread the same power: −3 dB per doubling.
 */
static const double mcs_snr[] = { 2, 5, 9, 11, 15, 18, 20, 25, 29, 31 };
static const double mcs_rate20[] = { 6.5, 13, 19.5, 26, 39, 52, 58.5, 65, 78, 86.7 };

static double phy_rate_mbps(double snr_db, int freq_mhz, int width_mhz, int mcs_shift)
{
	/* 2.4 GHz is 802.11n (MCS 0–7); VHT MCS 9 is not defined at 20 MHz. */
	int top = fp_band_of_freq(freq_mhz) == FP_BAND_2G4 ? 7 : width_mhz == 20 ? 8 : 9;
	double scale = width_mhz >= 160 ? 9.0 : width_mhz >= 80 ? 4.5 : width_mhz >= 40 ? 2.077 : 1.0;
	double eff = snr_db - 10 * log10(width_mhz / 20.0);
	int mcs = -1;

	for (int i = 0; i <= top; i++)
		if (eff >= mcs_snr[i])
			mcs = i;
	if (mcs < 0)
		return 6.0; /* below MCS 0: the legacy 6 Mbit/s OFDM rate */
	mcs += mcs_shift;
	if (mcs < 0)
		mcs = 0;
	if (mcs > top)
		mcs = top;
	/* Two spatial streams: a laptop's 2×2 radio. */
	return round(mcs_rate20[mcs] * scale * 2 * 10) / 10;
}

struct link_state {
	long bss;                  /* world BSS index, -1: not associated */
	double avg_dbm;            /* the driver's running average */
	double connected_at;       /* s */
	int64_t retries, failed, beacon_loss, rx_bytes, tx_bytes;
};

static bool is_link_ssid(const struct sim_world *w, size_t b, const char *ssid)
{
	return strcmp(w->bss[b].ssid_name, ssid) == 0;
}

/*
 * How a client ranks a candidate: by signal, with 5 GHz preferred while it
 * is decent (≥ −75 dBm), as supplicants and band steering do.
 */
static double rank(int freq_mhz, double sig)
{
	return sig + (fp_band_of_freq(freq_mhz) != FP_BAND_2G4 && sig >= -75 ? 10 : 0);
}

/* The best-ranked fresh BSS of @ssid in a scan result, or -1. */
static long best_in_scan(const struct sim_world *w, const struct meas_observation *obs,
			 size_t n, const char *ssid, double *sig)
{
	long best = -1;

	for (size_t i = 0; i < n; i++) {
		long b = sim_world_find_bss(w, obs[i].bssid);

		if (b < 0 || !is_link_ssid(w, (size_t)b, ssid) || obs[i].age_ms > 5000)
			continue;
		if (best < 0 || rank(obs[i].freq_mhz, obs[i].signal_dbm) >
					rank(w->bss[best].freq_mhz, *sig)) {
			best = b;
			*sig = obs[i].signal_dbm;
		}
	}
	return best;
}

static void associate(struct link_state *ls, long b, double sig, double t)
{
	if (ls->bss == b)
		return;
	ls->bss = b;
	ls->avg_dbm = sig;
	ls->connected_at = t;
}

/*
 * Roaming, as a supplicant does it from scan results: join the best BSS when
 * not associated; leave the current one when it is weak (< −70 dBm) and
 * another is at least 6 dB stronger, or when it was not heard at all.
 */
static void roam(const struct sim_world *w, struct link_state *ls, const char *ssid,
		 const struct meas_observation *obs, size_t n, double t)
{
	double best_sig = -200, cur_sig = -200;
	long best = best_in_scan(w, obs, n, ssid, &best_sig);
	bool cur_heard = false;

	if (best < 0)
		return;
	for (size_t i = 0; i < n && ls->bss >= 0; i++)
		if (memcmp(obs[i].bssid, w->bss[ls->bss].bssid, 6) == 0 && obs[i].age_ms <= 5000) {
			cur_heard = true;
			cur_sig = obs[i].signal_dbm;
		}
	if (ls->bss < 0) {
		if (best_sig >= -85)
			associate(ls, best, best_sig, t);
	} else if (!cur_heard || (cur_sig < -70 && rank(w->bss[best].freq_mhz, best_sig) >=
							 rank(w->bss[ls->bss].freq_mhz, cur_sig) + 6)) {
		associate(ls, best, best_sig, t);
	}
}

/* ---- the walk -------------------------------------------------------------- */

struct walk_ctx {
	const struct sim_world *w;
	struct recorder *rec;
	const struct plan *pl;
	int64_t t0_us, mono0_us;
	uint64_t rng;
	char ssid[33];
	struct link_state link;
	/* the kernel's scan cache: the last result of each BSS and when it was dumped */
	struct meas_observation *cache;
	double *cache_t;           /* s, < 0 never heard */
	struct meas_observation *buf;
	struct sim_walk_stats st;
	double t_scan;             /* s, time the scan being measured completes */
	double scan_fail_prob;
};

static int64_t us_at(const struct walk_ctx *c, double t)
{
	return c->t0_us + (int64_t)llround(t * 1e6);
}

static struct fp_point scan_pos(void *arg, double ago_s)
{
	const struct walk_ctx *c = arg;

	return pos_at(c->pl, c->t_scan - ago_s);
}

static void fill_sample(const struct walk_ctx *c, struct meas_sample *smp, double t,
			enum meas_kind kind)
{
	meas_init_sample(smp);
	smp->t_us = us_at(c, t);
	smp->mono_us = c->mono0_us + (smp->t_us - c->t0_us);
	smp->kind = kind;
	smp->status = SAMPLE_OK;
}

static int do_scan(struct walk_ctx *c, double t, struct ns_err *err)
{
	const struct sim_world *w = c->w;
	struct meas_sample smp;
	bool fail = sim_rng_uniform(&c->rng) < c->scan_fail_prob;
	size_t n;
	int64_t id;

	fill_sample(c, &smp, t, SAMPLE_SCAN);
	/* Measured every time, so a failed trigger does not shift later draws. */
	c->t_scan = t;
	n = sim_scan_moving(w, scan_pos, c, &c->rng, c->buf, w->nbss);
	if (fail) {
		/* A trigger refused by a busy driver: the failure is the data. */
		smp.status = SAMPLE_SCAN_FAILED;
		snprintf(smp.error, sizeof(smp.error),
			 "scan trigger failed: Device or resource busy");
		id = recorder_sample(c->rec, &smp, NULL, 0, NULL, NULL, err);
		c->st.scans++;
		c->st.failed_scans++;
		return id < 0 ? (int)id : 0;
	}
	for (size_t i = 0; i < n; i++) {
		long b = sim_world_find_bss(w, c->buf[i].bssid);

		c->cache[b] = c->buf[i];
		c->cache_t[b] = t;
	}
	/* A BSS missed this time is still in the kernel's cache, with its old
	 * signal and its age, until it expires: real dumps carry stale entries. */
	for (size_t b = 0; b < w->nbss && n < w->nbss; b++) {
		double since = t - c->cache_t[b];

		if (c->cache_t[b] < 0 || since <= 0 || since > CACHE_EXPIRE_S)
			continue;
		c->buf[n] = c->cache[b];
		c->buf[n].age_ms = c->cache[b].age_ms + (int)lround(since * 1000);
		n++;
		c->st.stale++;
	}
	roam(w, &c->link, c->ssid, c->buf, n, t);
	for (size_t i = 0; i < n; i++)
		c->buf[i].associated =
			c->link.bss >= 0 && memcmp(c->buf[i].bssid, w->bss[c->link.bss].bssid, 6) == 0;
	/* The channel survey reports the noise of the channel in use. */
	if (c->link.bss >= 0)
		smp.noise_dbm = sim_noise_dbm(w, w->bss[c->link.bss].freq_mhz);
	id = recorder_sample(c->rec, &smp, c->buf, n, NULL, NULL, err);
	c->st.scans++;
	c->st.observations += n;
	return id < 0 ? (int)id : 0;
}

static int do_link(struct walk_ctx *c, double t, struct ns_err *err)
{
	const struct sim_world *w = c->w;
	struct meas_sample smp;
	struct meas_link lk;
	double g = sim_rng_gauss(&c->rng), u1 = sim_rng_uniform(&c->rng);
	double u2 = sim_rng_uniform(&c->rng);
	int64_t id;

	fill_sample(c, &smp, t, SAMPLE_LINK);
	if (c->link.bss >= 0) {
		const struct sim_bss *b = &w->bss[c->link.bss];
		double sig = round(sim_true_signal_dbm(w, (size_t)c->link.bss, pos_at(c->pl, t)) +
				   w->cfg.meas_sigma_db * 0.75 * g);

		/* Beacons lost: the driver gives up the association. */
		if (sig < w->cfg.sensitivity_dbm + 2) {
			c->link.bss = -1;
		} else {
			double noise = sim_noise_dbm(w, b->freq_mhz), snr = sig - noise;

			meas_init_link(&lk);
			memcpy(lk.bssid, b->bssid, 6);
			snprintf(lk.ssid, sizeof(lk.ssid), "%s", b->ssid_name);
			lk.freq_mhz = b->freq_mhz;
			lk.signal_dbm = sig;
			/* The kernel's average moves by 1/8 of each new reading. */
			c->link.avg_dbm += (sig - c->link.avg_dbm) / 8;
			lk.signal_avg_dbm = round(c->link.avg_dbm);
			lk.beacon_signal_avg_dbm = round(c->link.avg_dbm - 1);
			lk.tx_bitrate_mbps = phy_rate_mbps(snr, b->freq_mhz, b->width_mhz, u1 < 0.2 ? -1 : 0);
			lk.rx_bitrate_mbps = phy_rate_mbps(snr, b->freq_mhz, b->width_mhz, u2 < 0.3 ? -1 : 0);
			lk.expected_throughput_mbps = round(lk.tx_bitrate_mbps * 0.62 * 10) / 10;
			if (snr < 25)
				c->link.retries += (int64_t)((25 - snr) * u1);
			if (snr < 10 && u2 < 0.3)
				c->link.failed++;
			if (snr < 8 && u1 < 0.2)
				c->link.beacon_loss++;
			c->link.rx_bytes += 1500 + (int64_t)(u2 * 20000);
			c->link.tx_bytes += 400 + (int64_t)(u1 * 4000);
			lk.tx_retries = c->link.retries;
			lk.tx_failed = c->link.failed;
			lk.beacon_loss = c->link.beacon_loss;
			lk.rx_bytes = c->link.rx_bytes;
			lk.tx_bytes = c->link.tx_bytes;
			lk.noise_dbm = noise;
			lk.connected_s = (int)(t - c->link.connected_at);
			smp.noise_dbm = noise;
			id = recorder_sample(c->rec, &smp, NULL, 0, &lk, NULL, err);
			c->st.links++;
			return id < 0 ? (int)id : 0;
		}
	}
	smp.status = SAMPLE_NOT_ASSOCIATED;
	snprintf(smp.error, sizeof(smp.error), "not associated to %s", c->ssid);
	id = recorder_sample(c->rec, &smp, NULL, 0, NULL, NULL, err);
	c->st.links++;
	c->st.not_associated++;
	return id < 0 ? (int)id : 0;
}

/* The SSID the laptop uses: the one asked for, else the first 802.1X one. */
static int pick_ssid(const struct sim_world *w, const char *want, char out[33],
		     struct ns_err *err)
{
	for (size_t b = 0; b < w->nbss && *want; b++)
		if (strcmp(w->bss[b].ssid_name, want) == 0) {
			snprintf(out, 33, "%s", want);
			return 0;
		}
	if (*want)
		return ns_err_set(err, -ENOENT, "no AP of the simulation broadcasts SSID '%s'", want);
	for (size_t b = 0; b < w->nbss; b++)
		if (strcmp(w->bss[b].security, "wpa2-eap") == 0 && !w->bss[b].hidden) {
			snprintf(out, 33, "%s", w->bss[b].ssid_name);
			return 0;
		}
	for (size_t b = 0; b < w->nbss; b++)
		if (!w->bss[b].hidden) {
			snprintf(out, 33, "%s", w->bss[b].ssid_name);
			return 0;
		}
	out[0] = '\0';
	return 0;
}

static int check_opts(const struct sim_walk_opts *o, const struct sim_stop *stops, size_t nstops,
		      struct ns_err *err)
{
	if (nstops < 1)
		return ns_err_set(err, -EINVAL, "a walk needs at least one stop");
	if (nstops > MAX_STOPS)
		return ns_err_set(err, -E2BIG, "a walk of %zu stops is too long to simulate", nstops);
	for (size_t i = 0; i < nstops; i++)
		if (!(fabs(stops[i].p.x) <= 1e5 && fabs(stops[i].p.y) <= 1e5) ||
		    !(stops[i].dwell_s >= 0 && stops[i].dwell_s <= 3600))
			return ns_err_set(err, -EINVAL, "stop %zu has no valid position or dwell", i);
	if (!(o->speed_mps >= 0.1 && o->speed_mps <= 10))
		return ns_err_set(err, -EINVAL, "walking speed %.2f m/s is outside 0.1..10",
				  o->speed_mps);
	if (!(o->scan_interval_s >= 0.1 && o->scan_interval_s <= 600) ||
	    !(o->link_interval_s >= 0.01 && o->link_interval_s <= 600))
		return ns_err_set(err, -EINVAL, "scan or link interval out of range");
	if (!(o->dwell_s >= 0 && o->dwell_s <= 3600) || !(o->stop_spacing_m >= 0) ||
	    !(o->scan_fail_prob >= 0 && o->scan_fail_prob <= 1))
		return ns_err_set(err, -EINVAL, "dwell, stop spacing or failure rate out of range");
	if (o->mode == SIM_WALK_STOP_AND_GO && !(o->dwell_s > 0))
		return ns_err_set(err, -EINVAL, "stop-and-go needs a dwell time above 0 s");
	return 0;
}

/* The walk row (mode "simulated", driver SURVEY_SIM_DRIVER) and its recorder, batched. */
static int begin_walk(struct walk_ctx *c, struct survey *s, int64_t floor_id,
		      const struct sim_walk_opts *opts, struct ns_err *err)
{
	const char *mode_name = opts->mode == SIM_WALK_STOP_AND_GO ? "stop-and-go" : "continuous";
	struct recorder_opts ro = {
		.mode = opts->mode == SIM_WALK_STOP_AND_GO ? TRACK_STOP_AND_GO : TRACK_CONTINUOUS,
		.batch = true,
	};
	struct survey_walk wk;

	memset(&wk, 0, sizeof(wk));
	wk.floor_id = floor_id;
	wk.start_us = c->t0_us;
	snprintf(wk.operator_name, sizeof(wk.operator_name), "%s",
		 opts->operator_name[0] ? opts->operator_name : "simulator");
	snprintf(wk.interface, sizeof(wk.interface), "sim0");
	snprintf(wk.driver, sizeof(wk.driver), "notspot-sim");
	snprintf(wk.chipset, sizeof(wk.chipset), "simulated 2x2 802.11ac");
	snprintf(wk.mode, sizeof(wk.mode), "simulated");
	/* "track=" is what a later re-placement reads to know how the walk was walked. */
	snprintf(wk.note, sizeof(wk.note), "track=%s seed=%llu%s%.200s", mode_name,
		 (unsigned long long)opts->seed, opts->note[0] ? "; " : "", opts->note);
	return recorder_begin(s, &wk, &ro, &c->rec, err);
}

/* The laptop is already on the network when the walk starts. */
static void first_association(struct walk_ctx *c)
{
	const struct sim_world *w = c->w;
	long best = -1;
	double best_sig = -200;

	for (size_t b = 0; b < w->nbss; b++) {
		double sig = sim_true_signal_dbm(w, b, pos_at(c->pl, 0));

		if (strcmp(w->bss[b].ssid_name, c->ssid) == 0 &&
		    (best < 0 || rank(w->bss[b].freq_mhz, sig) > rank(w->bss[best].freq_mhz, best_sig))) {
			best = (long)b;
			best_sig = sig;
		}
	}
	c->link.bss = -1;
	if (best >= 0 && best_sig >= -85)
		associate(&c->link, best, best_sig, 0);
}

/* A tap: the waypoint, and (stop-and-go) when the point's measurement ends. */
static int do_tap(struct walk_ctx *c, const struct tap *tp, struct ns_err *err)
{
	struct survey_waypoint wp = { .t_us = us_at(c, tp->t), .x_m = tp->p.x, .y_m = tp->p.y };
	int64_t id;

	wp.mono_us = c->mono0_us + (wp.t_us - c->t0_us);
	id = recorder_tap(c->rec, &wp, err);
	if (id < 0)
		return (int)id;
	c->st.waypoints++;
	return tp->done >= 0 ? recorder_point_done(c->rec, us_at(c, tp->done), err) : 0;
}

/*
 * Scans complete every scan interval (give or take a driver's jitter), links
 * are polled at their own rate, taps happen when they happen: all three are
 * recorded in time order, as the recorder sees them.
 */
static int run_walk(struct walk_ctx *c, const struct sim_walk_opts *opts, struct ns_err *err)
{
	const struct plan *pl = c->pl;
	size_t next_tap = 0;
	double t_scan = opts->scan_interval_s * (1 + 0.04 * sim_rng_gauss(&c->rng));
	double t_link = opts->link_interval_s;
	double link_jitter = 0.004 * sim_rng_uniform(&c->rng);
	int rc;

	for (;;) {
		double t_tap = next_tap < pl->ntaps ? pl->taps[next_tap].t : INFINITY;
		/* A poll is answered a few ms after the timer fires. */
		double t_poll = t_link + link_jitter;
		double t = fmin(t_tap, fmin(t_scan, t_poll));

		if (t > pl->end_t)
			return 0;
		if (t == t_tap) {
			rc = do_tap(c, &pl->taps[next_tap++], err);
		} else if (t == t_scan) {
			rc = do_scan(c, t, err);
			t_scan += opts->scan_interval_s * (1 + 0.04 * sim_rng_gauss(&c->rng));
		} else {
			rc = do_link(c, t, err);
			t_link += opts->link_interval_s;
			link_jitter = 0.004 * sim_rng_uniform(&c->rng);
		}
		if (rc)
			return rc;
	}
}

/* The kernel's scan cache and a scan's buffer, and the clocks. */
static int ctx_init(struct walk_ctx *c, const struct sim_walk_opts *opts, struct ns_err *err)
{
	const struct sim_world *w = c->w;

	c->cache = calloc(w->nbss + 1, sizeof(*c->cache));
	c->cache_t = calloc(w->nbss + 1, sizeof(*c->cache_t));
	c->buf = calloc(w->nbss + 1, sizeof(*c->buf));
	if (!c->cache || !c->cache_t || !c->buf)
		return ns_err_set(err, -ENOMEM, "out of memory");
	for (size_t b = 0; b < w->nbss; b++)
		c->cache_t[b] = -1;
	if (opts->start_us) {
		c->t0_us = opts->start_us;
		c->mono0_us = MONO_BASE_US;
	} else {
		c->t0_us = ns_wall_us();
		c->mono0_us = ns_mono_us();
	}
	return 0;
}

int64_t sim_walk_ex(const struct sim_world *w, struct survey *s, int64_t floor_id,
		    const struct sim_stop *stops, size_t nstops, const struct sim_walk_opts *opts,
		    struct sim_walk_stats *stats, struct ns_err *err)
{
	struct walk_ctx c = { .w = w };
	struct sim_stop *all = NULL;
	struct plan pl = { 0 };
	size_t nall = 0;
	int64_t walk_id = 0;
	int rc;

	if ((rc = check_opts(opts, stops, nstops, err)) || (rc = pick_ssid(w, opts->link_ssid, c.ssid, err)))
		goto out;
	c.rng = sim_rng_mix(opts->seed, 0x77616c6bULL);
	c.scan_fail_prob = opts->scan_fail_prob;
	if ((rc = expand_stops(stops, nstops, opts, &all, &nall)) ||
	    (rc = make_plan(all, nall, opts, &c.rng, &pl))) {
		rc = ns_err_set(err, rc, rc == -ENOMEM ? "out of memory"
						       : "the route is too long to simulate");
		goto out;
	}
	c.pl = &pl;
	if ((rc = ctx_init(&c, opts, err)) || (rc = begin_walk(&c, s, floor_id, opts, err)))
		goto out;
	walk_id = recorder_walk_id(c.rec);
	first_association(&c);
	if ((rc = run_walk(&c, opts, err)))
		goto out;
	c.st.start_us = c.t0_us;
	c.st.end_us = us_at(&c, pl.end_t);
	rc = recorder_finish(c.rec, c.st.end_us, err);
out:
	recorder_free(c.rec);
	free(all);
	free(pl.keys);
	free(pl.taps);
	free(c.cache);
	free(c.cache_t);
	free(c.buf);
	if (rc)
		return rc;
	if (stats)
		*stats = c.st;
	return walk_id;
}

int64_t sim_walk(const struct sim_world *w, struct survey *s, int64_t floor_id,
		 const struct sim_stop *stops, size_t nstops, const struct sim_walk_opts *opts,
		 struct ns_err *err)
{
	return sim_walk_ex(w, s, floor_id, stops, nstops, opts, NULL, err);
}
