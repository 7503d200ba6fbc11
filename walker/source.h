/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * source.h — where a walk's measurements come from: the radio (the scanner's
 * sampling loop) or the simulator. Pure C, no GTK.
 *
 * The walk session (session.h) pulls from a source on every tick: poll() hands
 * over, in time order, every event that happened up to "now" — a finished
 * measurement (a scan, a link poll) or, for a source that moves the engineer
 * itself (the simulator in continuous mode), the moment the engineer reached a
 * tapped point. The session hands each sample to the walk's recorder
 * (recorder/recorder.h) as it gets it — unless the source stored it there
 * itself (the radio: its sampler's sink is the recorder).
 *
 * Ownership: pointers inside a struct walk_event are valid during the callback
 * only. A source is freed with walk_source_free().
 *
 * Times: wall clock µs since the epoch (t_us) and monotonic µs (mono_us), the
 * same clocks the survey stores.
 */
#ifndef NOTSPOT_WALKER_SOURCE_H
#define NOTSPOT_WALKER_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "measure/measure.h"
#include "recorder/recorder.h"
#include "util/err.h"

struct sim_world;   /* sim/sim.h */
struct nl80211;     /* scanner/netlink.h */
struct tput_options; /* scanner/throughput.h */
struct lat_options; /* scanner/latency.h */

enum walk_event_kind {
	WALK_EV_SAMPLE = 1,  /* a finished measurement: sample (+ obs, link) */
	WALK_EV_ARRIVED = 2, /* the engineer reached a tapped point (sources that move) */
	WALK_EV_POINT_DONE = 3, /* the tapped point's throughput/latency tests have all
				   ended (results committed) at t_us */
};

struct walk_event {
	enum walk_event_kind kind;
	/*
	 * WALK_EV_SAMPLE: walk_id, id and placement are filled by the recorder
	 * when the session stores it — unless the source stored the sample itself
	 * through the binding (the radio does): then sample.id > 0 and
	 * sample.placed/x_m/y_m are as stored.
	 */
	struct meas_sample sample;
	const struct meas_observation *obs; /* the BSSes heard, NULL if none */
	size_t nobs;
	const struct meas_link *link;       /* SAMPLE_LINK with status ok, else NULL */
	const struct meas_throughput *tp;   /* SAMPLE_THROUGHPUT / _LATENCY: the result
						 (failures too, with their reason), else NULL */
	/* WALK_EV_ARRIVED: where and when the engineer arrived. */
	int64_t t_us, mono_us;
	double x_m, y_m;
};

/* Return 0 to go on; a negative errno stops the poll and is returned by it. */
typedef int (*walk_event_fn)(void *arg, const struct walk_event *ev);

/* What a source says about itself, for the walk record and the live panel. */
struct walk_source_info {
	char name[32];             /* "simulator", "nl80211" */
	char interface[32];        /* "wlp2s0", "sim0" */
	char driver[64];           /* "iwlwifi", "notspot-sim" */
	char chipset[64];
	bool moves_engineer;       /* taps are destinations; ARRIVED events follow */
	bool scans_cached_only;    /* scans cannot be triggered: results are the kernel's cache */
	bool no_scans;             /* configured to take no scans: a point does not wait for one */
	bool interface_gone;       /* the adapter disappeared */
	double scan_duration_s;    /* how long one scan takes, for progress */
	double pace_mps;           /* walking pace of a source that moves the engineer */
	bool measures_point;       /* a stop-and-go tap also runs throughput/latency tests:
				      the point is complete only after WALK_EV_POINT_DONE */
	double measure_duration_s; /* how long a point's tests take (s), for progress; 0 if none */
};

struct walk_source;

/*
 * Where a source that stores its own samples puts them: the walk's recorder,
 * which places them by the walk's track as they are committed
 * (recorder_sample()). Borrowed: valid until the session is freed.
 */
struct walk_source_binding {
	struct recorder *rec;
};

struct walk_source_ops {
	/* The walk has begun (or resumed): sources that commit themselves keep @b. May be NULL. */
	int (*bind)(struct walk_source *src, const struct walk_source_binding *b,
		    struct ns_err *err);
	/* Hand over every event up to @now_us (wall) / @now_mono_us, in time order. */
	int (*poll)(struct walk_source *src, int64_t now_us, int64_t now_mono_us,
		    walk_event_fn fn, void *arg, struct ns_err *err);
	/*
	 * The engineer tapped (@x_m, @y_m) at @t_us. @measure: stop-and-go, a
	 * point's measurement starts now (start a fresh scan). A source that
	 * moves the engineer walks there.
	 */
	void (*tap)(struct walk_source *src, int64_t t_us, double x_m, double y_m, bool measure);
	/* Forget the last destination not yet reached; false if there was none. */
	bool (*cancel_destination)(struct walk_source *src);
	/* Destinations not yet reached (0 for sources that do not move). */
	size_t (*pending)(const struct walk_source *src);
	/* Where the engineer is now, if the source knows; false otherwise. */
	bool (*position)(const struct walk_source *src, int64_t now_us, double *x_m, double *y_m);
	void (*info)(const struct walk_source *src, struct walk_source_info *info);
	/*
	 * The walk ends or the app closes: tests still running are stopped and
	 * stored as cancelled (through the binding, so call it while the session
	 * and its recorder live). 0 or a negative errno when that commit failed. May be NULL.
	 */
	int (*stop)(struct walk_source *src, struct ns_err *err);
	void (*free)(struct walk_source *src);
};

struct walk_source {
	const struct walk_source_ops *ops;
	void *impl;
};

/* Thin wrappers: NULL-safe where that makes sense. */
int walk_source_bind(struct walk_source *src, const struct walk_source_binding *b,
		     struct ns_err *err);
int walk_source_poll(struct walk_source *src, int64_t now_us, int64_t now_mono_us,
		     walk_event_fn fn, void *arg, struct ns_err *err);
void walk_source_tap(struct walk_source *src, int64_t t_us, double x_m, double y_m,
		     bool measure);
bool walk_source_cancel_destination(struct walk_source *src);
size_t walk_source_pending(const struct walk_source *src);
bool walk_source_position(const struct walk_source *src, int64_t now_us, double *x_m,
			  double *y_m);
void walk_source_info(const struct walk_source *src, struct walk_source_info *info);
int walk_source_stop(struct walk_source *src, struct ns_err *err);
void walk_source_free(struct walk_source *src);

/* ---- the simulator as a source (source_sim.c) ----------------------------- */

struct walk_sim_opts {
	double pace_mps;           /* continuous: walking pace, default 1.0 m/s */
	double scan_interval_s;    /* one scan every …, default 2.5 s */
	double link_interval_s;    /* one link poll every …, default 0.5 s */
	bool moves_engineer;       /* continuous: taps are destinations walked at pace */
	uint64_t seed;
};

void walk_sim_opts_default(struct walk_sim_opts *o);

/**
 * walk_source_sim_new() - a source that measures @world at the simulated
 * engineer's position. With @o->moves_engineer the engineer walks from tap to
 * tap at @o->pace_mps and an ARRIVED event marks each arrival; otherwise the
 * engineer stands at each tap. @world must outlive the source.
 * Returns 0 or -ENOMEM; *@out is freed with walk_source_free().
 */
int walk_source_sim_new(const struct sim_world *world, const struct walk_sim_opts *o,
			int64_t now_us, struct walk_source **out, struct ns_err *err);

/* ---- the radio as a source (source_radio.c) -------------------------------- */

/**
 * walk_source_radio_new() - the scanner's sampling loop on interface @ifname
 * (NULL: the first station interface, a connected one first): link polls at
 * 5 Hz, scans back to back, a channel survey every 3 s. It stores samples
 * itself, into the walk's recorder, once bound to a walk. Needs no privileges: without CAP_NET_ADMIN
 * scans are cached-only and the samples say so. -ENODEV with a sentence when
 * there is no such Wi-Fi interface.
 */
int walk_source_radio_new(const char *ifname, struct walk_source **out, struct ns_err *err);

/*
 * Throughput and latency tests of a radio walk (what `record --throughput
 * --latency` runs; scanner/sampler.h): once per stop-and-go point (the tap
 * starts them, WALK_EV_POINT_DONE ends the point) and/or every N ms.
 * Zeroed: no tests, the sampler's usual rates.
 */
struct walk_radio_opts {
	const struct tput_options *tput; /* NULL: none. Copied; its strings borrowed (must outlive) */
	int tput_every_ms;               /* continuous period; 0: only per point */
	bool tput_both;                  /* each run: upload then download */
	const struct lat_options *lat;   /* NULL: none; as @tput */
	int lat_every_ms;
	/* Bind the tests to the walked interface and record its link side around
	 * each throughput test (tput_link.h); the CLI sets this. */
	bool bind_to_interface;
	/* The sampler's rates; 0: 5 Hz link polls, back-to-back scans, a channel
	 * survey every 3 s; < 0: none (as in struct sampler_config). */
	double link_hz;
	int scan_interval_ms, survey_interval_ms;
};

/** walk_source_radio_new_opts() - as walk_source_radio_new(), with tests (@o may be NULL). */
int walk_source_radio_new_opts(const char *ifname, const struct walk_radio_opts *o,
			       struct walk_source **out, struct ns_err *err);

/**
 * walk_source_radio_new_nl() - as walk_source_radio_new_opts() on an nl80211
 * handle already open (@nl is taken over, also on failure: closed with the
 * source), e.g. a test's fake kernel.
 */
int walk_source_radio_new_nl(struct nl80211 *nl, const char *ifname,
			     const struct walk_radio_opts *o, struct walk_source **out,
			     struct ns_err *err);

#endif
