/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * capture.h — passive capture: beacons and probe responses heard by a
 * monitor interface (live) or read from a pcap/pcapng file, turned into
 * observations per BSSID (measure/measure.h).
 *
 * Layers: radiotap.h (what the radio measured) → dot11.h (the AP frame; the
 * privacy rule lives there: only AP frames are kept, client addresses are
 * never read out) → the shared information-element parser (scanner/ies.h:
 * SSID, width, BSS load, security, AP name) → struct meas_observation.
 *
 * Only DLT_IEEE802_11_RADIO is accepted: plain 802.11 (DLT_IEEE802_11)
 * carries no signal strength, so it cannot make a coverage map, and is
 * refused with a sentence that says so.
 *
 * Time: observations carry the capture's own time stamps (pcap record
 * times, µs since the Unix epoch), not the time they were read.
 *
 * Errors: 0 / negative errno with a sentence in struct ns_err; nothing here
 * prints.
 */
#ifndef NOTSPOT_SCANNER_CAPTURE_H
#define NOTSPOT_SCANNER_CAPTURE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scanner/dot11.h"
#include "scanner/radiotap.h"
#include "measure/measure.h"
#include "util/err.h"

/* One AP frame heard. Pointers in @ap point into the packet, valid until the next read. */
struct capture_frame {
	int64_t t_us;              /* capture time stamp, µs since the epoch (UTC) */
	struct radiotap_info rt;
	struct dot11_ap_frame ap;
};

/* What happened to the packets read so far. */
struct capture_stats {
	uint64_t packets;          /* packets read */
	uint64_t ap_frames;        /* beacons and probe responses taken */
	uint64_t not_ap;           /* other frames (clients' among them): dropped unread */
	uint64_t bad_fcs;          /* FCS wrong (checked, or flagged by the receiver): dropped */
	uint64_t no_signal;        /* AP frames without an antenna signal: dropped */
	uint64_t malformed;        /* radiotap or 802.11 bytes that do not hold together */
	char first_malformed[600]; /* why the first malformed packet was refused, "" if none */
	/* Time stamps that went back (an AP frame earlier than the one before it:
	 * a clock stepped back, captures merged out of order): how often, by how
	 * much at most. A window never spans such a step (see capture_agg_add()). */
	uint64_t steps_back;
	int64_t max_step_back_us;
	/* A file that breaks off: a record cut short, or a length no capture can
	 * have. capture_run() stores what came before and ends there. */
	bool cut_short;
	char cut_why[300];         /* "after packet N: what libpcap said", "" if whole */
};

/**
 * capture_parse_packet() - one DLT_IEEE802_11_RADIO packet of which @caplen
 * bytes were captured out of @wire_len: radiotap header, then the 802.11
 * frame. The FCS is checked when radiotap says it is there and the packet is
 * whole; a packet cut by the snapshot length keeps the elements it has.
 * Returns a dot11_verdict (>= 0; DOT11_AP_FRAME fills @f except @f->t_us),
 * or -EINVAL with a sentence for bytes that do not hold together.
 */
int capture_parse_packet(const uint8_t *pkt, size_t caplen, size_t wire_len,
			 struct capture_frame *f, struct ns_err *err);

/**
 * capture_observation() - the observation for @f: BSSID, frequency,
 * channel, signal and noise from radiotap, then the elements (SSID, width and
 * centre, BSS load, security, AP name) through capture_apply_elements().
 * Returns 0, or -ENODATA if radiotap gave no antenna signal (nothing to map).
 */
int capture_observation(const struct capture_frame *f, struct meas_observation *obs);

/**
 * capture_apply_elements() - hand the element bytes of AP frame @ap to the
 * scanner's shared element parser (scanner/ies.h) and copy what it found into
 * @obs (SSID, channel width and centre, BSS load, security, AP name).
 * Malformed elements leave the fields they would have filled as unknown.
 */
void capture_apply_elements(const struct dot11_ap_frame *ap, struct meas_observation *obs);

/* ---- sources: a file or a monitor interface -------------------------------- */

struct capture; /* opaque: an open pcap source */

/**
 * capture_open_file() - open a pcap or pcapng file (libpcap reads both).
 * Refuses, with a sentence, files that are not captures, plain 802.11
 * without radiotap (no signal to map) and every other link type.
 * Free with capture_free().
 */
int capture_open_file(const char *path, struct capture **out, struct ns_err *err);

/**
 * capture_open_memory() - a pcap or pcapng file held in memory (@buf, @len
 * bytes, copied), named @name in sentences; as capture_open_file().
 */
int capture_open_memory(const void *buf, size_t len, const char *name, struct capture **out,
			struct ns_err *err);

/* Live capture settings. */
struct capture_live_opts {
	int snaplen;               /* bytes kept per packet; 0: 4096 */
	int timeout_ms;            /* pcap read timeout, ms; 0: 100 */
	bool no_filter;            /* true: no BPF filter (tests); false: beacons and probe responses */
};

/**
 * capture_open_live() - pcap_create … pcap_activate on the monitor interface
 * @ifname with a BPF filter for beacons and probe responses. The capture is
 * non-blocking: capture_next() returns -EAGAIN when nothing has arrived, and
 * capture_fd() is the descriptor to poll. A warning from pcap_activate (the
 * capture works) goes into @warning (may be NULL, "" if none); an error
 * fails. Missing privilege (-EPERM) says CAP_NET_RAW is needed. Free with
 * capture_free().
 */
int capture_open_live(const char *ifname, const struct capture_live_opts *opts,
		      struct capture **out, char *warning, size_t warning_len,
		      struct ns_err *err);

/**
 * capture_filter_expression() - the BPF filter a live capture installs (pcap-filter(7)
 * syntax, compiled against DLT_IEEE802_11_RADIO): beacons and probe responses.
 */
const char *capture_filter_expression(void);

/**
 * capture_next() - the next AP frame with a signal. Other packets are counted
 * in the statistics and skipped.
 * Returns 1 with @f filled, 0 at the end of a file or after capture_break(),
 * -EAGAIN when a live capture has nothing now (poll capture_fd(), call
 * again), or another negative errno with a sentence (a file that breaks off:
 * -EINVAL, and stats.cut_short/cut_why say where).
 */
int capture_next(struct capture *c, struct capture_frame *f, struct ns_err *err);

/** capture_fd() - a live capture's descriptor to poll for POLLIN; -1 for a file. */
int capture_fd(const struct capture *c);

/** capture_get_stats() - counts so far. */
void capture_get_stats(const struct capture *c, struct capture_stats *st);

/** capture_break() - make a blocking capture_next() return (async-signal-safe). */
void capture_break(struct capture *c);

/** capture_free() - close; NULL is fine. */
void capture_free(struct capture *c);

/* ---- windows: one sample per short window ----------------------------------- */

/*
 * Observations of a window: one per BSSID, signal (and noise) the arithmetic
 * mean in dBm of the frames heard from it in the window, the other fields from
 * its latest frame.
 */
struct capture_window {
	int64_t start_us;          /* time of the window's first frame */
	int64_t last_us;           /* time of its last frame: the sample's time */
	struct meas_observation *obs; /* owned, @n of them */
	size_t n, cap;
	double *sum_signal, *sum_noise;  /* owned, per observation */
	int *nsignal, *nnoise;
};

/* Called for each closed window; return 0 to go on, a negative errno to stop. */
typedef int (*capture_window_cb)(void *arg, const struct capture_window *w);

struct capture_agg {
	int64_t window_us;         /* window length, µs (> 0) */
	struct capture_window w;
	bool open;
};

/** capture_agg_init() - windows of @window_us; capture_agg_release() frees. */
void capture_agg_init(struct capture_agg *a, int64_t window_us);
void capture_agg_release(struct capture_agg *a);

/**
 * capture_agg_add() - add @obs heard at @t_us. A frame at or after the
 * current window's start + length closes it first (@cb gets it); so does a
 * frame from before the window's start (the time stepped back): windows are
 * split there, never merged across the step.
 * Returns 0, -ENOMEM, or what @cb returned.
 */
int capture_agg_add(struct capture_agg *a, int64_t t_us, const struct meas_observation *obs,
		    capture_window_cb cb, void *arg);

/** capture_agg_flush() - close the open window, if any (@cb gets it). */
int capture_agg_flush(struct capture_agg *a, capture_window_cb cb, void *arg);

/* ---- a walk's samples ---------------------------------------------------------- */

/*
 * Where the windows go: @s (a SAMPLE_CAPTURE sample, t_us the window's last
 * frame, mono_us the monotonic clock then or 0 for a file) with one
 * observation per BSSID; the callee stores it (recorder_store() with the
 * walk's recorder) and returns its id (> 0) or a negative errno with a
 * sentence, which stops the capture. The parts are valid during the call only.
 */
typedef int64_t (*capture_store_fn)(void *arg, struct meas_sample *s,
				    const struct meas_observation *obs, size_t nobs,
				    const struct meas_link *link, const struct meas_throughput *tp,
				    struct ns_err *err);

struct capture_run_opts {
	int64_t window_us;         /* aggregation window, µs; 0: 1 s */
	uint64_t max_frames;       /* stop after this many AP frames; 0: no limit */
	int64_t duration_us;       /* live: stop after this long; 0: no limit */
	volatile sig_atomic_t *stop; /* set non-zero (e.g. by SIGINT) to stop; may be NULL */
	capture_store_fn store;    /* required */
	void *store_arg;
	void (*progress)(void *arg, const struct capture_stats *st, uint64_t samples);
	void *progress_arg;        /* called after each sample is stored; may be NULL */
	/* called after every read, frame or not, and whenever tick_due says
	 * (live: channel hopping); a negative errno stops the recording with that
	 * error; may be NULL */
	int (*tick)(void *arg, struct ns_err *err);
	/* live: the monotonic µs at which tick wants to run next, 0 for "no
	 * sooner than a read"; may be NULL */
	int64_t (*tick_due)(void *arg);
	void *tick_arg;
};

/**
 * capture_run() - read @c to its end (or until stopped) and hand one
 * SAMPLE_CAPTURE sample per window to @opts->store. *@samples: how many were
 * stored. Live, it never blocks for longer than 100 ms, the end of
 * @opts->duration_us or the next tick: a quiet channel still hops, stops at
 * its time and on @opts->stop (set it from a SIGINT/SIGTERM handler). The
 * open window is stored whatever ends the run. A file that breaks off ends
 * the run as its end would, after what came before it is stored
 * (stats.cut_short says so); a live read that fails returns its error.
 */
int capture_run(struct capture *c, const struct capture_run_opts *opts, uint64_t *samples,
		struct ns_err *err);

#endif
