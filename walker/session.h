/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * session.h — one walk being recorded: taps, samples and the survey file.
 *
 * The GUI (walker/gui/) and tests drive a session; the session decides what
 * the engineer's actions mean (the states below, destinations of a source
 * that moves the engineer, when a stop-and-go point is complete) and keeps
 * what the screen shows (the dots, the live panel), but every write and all
 * placement is the walk's recorder's (recorder/recorder.h): a tap becomes a
 * waypoint and a point of the position track; each measurement a source
 * delivers is committed as it arrives — placed at once when the track already
 * knows where it was taken, otherwise as soon as a later tap closes its
 * segment. Nothing is held back in memory: killing the process loses at most
 * the sample in flight.
 *
 * The two ways of walking (DOMAIN.md, "How surveys are walked"):
 *  - stop-and-go: a tap starts a point's measurement ("measuring") which is
 *    complete once a link poll and a scan taken there (ending at least 80% of
 *    the source's scan duration after the tap) are on disk — and, when the
 *    source runs throughput/latency tests per point (walk_source_info
 *    .measures_point), once they have ended (WALK_EV_POINT_DONE), whether they
 *    worked or not ("ready"); samples until then are placed at the tap;
 *  - continuous: tap where you start and at each turn; samples between two
 *    taps are placed along the segment by time.
 * With a source that moves the engineer (the simulator in continuous mode) a
 * tap is a destination: the waypoint is committed when the engineer arrives.
 *
 * Pause: the engineer stops at the last tapped point. Continuous mode records
 * a waypoint flagged "pause" at that point; samples taken while paused are not
 * recorded (they belong to no place on the walk) — except by a source that
 * commits its own samples (the scanner's sampling loop), whose samples stay
 * unplaced. The next tap continues.
 * Undo removes the last tap (or, first, a destination not yet reached) and
 * places the samples it had placed again from the remaining taps.
 *
 * Times are passed in by the caller (wall and monotonic µs), so tests and the
 * app share every line of this logic. Errors: 0 or -errno with a sentence.
 */
#ifndef NOTSPOT_WALKER_SESSION_H
#define NOTSPOT_WALKER_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "recorder/recorder.h"
#include "recorder/track.h"
#include "survey/survey.h"
#include "util/err.h"
#include "walker/source.h"

enum walk_state {
	WALK_IDLE,      /* no tap yet: tap where you start */
	WALK_MEASURING, /* stop-and-go: the tapped point is being measured */
	WALK_READY,     /* stop-and-go: point complete, tap the next one */
	WALK_WALKING,   /* continuous: walking between taps */
	WALK_PAUSED,    /* paused at the last tap; the next tap continues */
	WALK_FINISHED,  /* the walk is closed in the file */
};

struct walk_session_opts {
	enum track_mode mode;
	char operator_name[64];
	char note[256];
};

/* A recorded sample as the map shows it (a copy of what is in the file). */
struct walk_dot {
	int64_t id;                /* sample id in the survey */
	int64_t t_us;
	enum meas_kind kind;
	enum meas_status status;
	bool placed;
	double x_m, y_m;           /* valid when placed */
	double signal_dbm;         /* link: link signal; scan: strongest BSS of the
				      associated SSID (or any); NAN if none */
};

/* What the live panel shows; filled by walk_session_live(). */
struct walk_live {
	enum walk_state state;
	enum track_mode mode;
	int64_t walk_id;
	size_t nwaypoints;
	size_t pending;            /* destinations the engineer is still walking to */
	int64_t nsamples;          /* samples of this walk on disk */
	int64_t nplaced;

	/* The associated link (last link poll). */
	bool have_link;            /* a link poll has arrived */
	bool associated;
	char ssid[33];
	uint8_t bssid[6];
	char ap_name[33];          /* from the last scan, "" if not advertised */
	int freq_mhz, channel;     /* 0 if unknown */
	double signal_dbm;         /* NAN if unknown */
	double noise_dbm;          /* NAN if unknown */
	double snr_db;             /* NAN if noise unknown: never invented */
	double tx_bitrate_mbps, rx_bitrate_mbps; /* NAN if unknown */
	int64_t link_age_us;       /* -1 if no link poll yet */

	/* The last scan. */
	int64_t scan_age_us;       /* -1 if no scan yet */
	int scan_nbss;             /* BSSes heard in it */
	enum meas_status scan_status;

	/* Stop-and-go: the point being measured. */
	double progress;           /* 0..1; covers the throughput/latency tests when there are */
	bool got_scan, got_link;
	bool measures_point;       /* the point also waits for its throughput/latency tests */
	bool got_measure;          /* they have ended */

	/* The last throughput test and latency run (failures too). */
	bool have_tput;
	enum meas_status tput_status;
	double tput_mbps;          /* Mbit/s, NAN if failed */
	char tput_direction[8];    /* "up", "down" */
	char tput_error[160];      /* why it failed, "" when ok */
	int64_t tput_age_us;       /* -1 if none */
	bool have_rtt;
	enum meas_status rtt_status;
	double rtt_ms;             /* mean RTT, ms; NAN if failed */
	double loss_pct;           /* %, NAN if unknown */
	char rtt_error[160];
	int64_t rtt_age_us;        /* -1 if none */

	/* Continuous: pace. */
	double last_leg_m;         /* length of the last segment, m (NAN before two taps) */
	double last_leg_pace_mps;  /* its pace, m/s (NAN before two taps) */
	int64_t since_tap_us;      /* time since the last tap, -1 before the first */

	/* Warnings that the screen must not hide. */
	bool warn_not_associated;
	bool warn_cached_only;     /* scans not permitted: cached results only */
	bool warn_stale;           /* no fresh scan for a long time */
	bool warn_interface_gone;
	char source_error[160];    /* the source's last error sentence, "" if none */
};

struct walk_session;

/**
 * walk_session_begin() - start a new walk on @floor_id of @sv, measured by
 * @src (borrowed: it must outlive the session). The walk row is committed
 * before this returns.
 */
int walk_session_begin(struct survey *sv, int64_t floor_id, const struct walk_session_opts *o,
		       struct walk_source *src, int64_t now_us, struct walk_session **out,
		       struct ns_err *err);

/**
 * walk_session_resume() - continue the open walk @walk_id (end_us 0): its taps
 * are loaded into the track and its samples into the dots. A continuous walk
 * that was not paused is paused at its last tap, so that nothing measured after
 * the interruption is placed on the old segment.
 */
int walk_session_resume(struct survey *sv, int64_t walk_id, struct walk_source *src,
			int64_t now_us, int64_t now_mono_us, struct walk_session **out,
			struct ns_err *err);

/** walk_session_free() - free the session (the walk stays as it is in the file). */
void walk_session_free(struct walk_session *s);

/**
 * walk_session_tap() - the engineer tapped (@x_m, @y_m) at @now_us. Commits a
 * waypoint (unless the source moves the engineer, then on arrival) and places
 * the samples the new segment closes. Refused (-EINVAL) once finished.
 */
int walk_session_tap(struct walk_session *s, double x_m, double y_m, int64_t now_us,
		     int64_t now_mono_us, struct ns_err *err);

/**
 * walk_session_tick() - take what the source measured up to @now_us and commit
 * it. Call often (the app: every 100 ms). A source error is not fatal: it is
 * kept for the live panel and returned.
 */
int walk_session_tick(struct walk_session *s, int64_t now_us, int64_t now_mono_us,
		      struct ns_err *err);

/**
 * walk_session_undo() - remove the last destination not reached, else the last
 * waypoint (from the file too), and re-place the samples it had placed.
 * Returns 1 if something was undone, 0 if there was nothing, or -errno.
 */
int walk_session_undo(struct walk_session *s, int64_t now_us, struct ns_err *err);

/**
 * walk_session_pause() - pause at the last tap (see the top of this file).
 * walk_session_continue() - leave the pause without a tap (the next tap places
 * again). Both return 0, or -EINVAL when there is nothing to pause.
 */
int walk_session_pause(struct walk_session *s, int64_t now_us, int64_t now_mono_us,
		       struct ns_err *err);
int walk_session_continue(struct walk_session *s, struct ns_err *err);

/**
 * walk_session_finish() - close the walk: a point being measured ends now
 * (its throughput/latency tests still running are stored as cancelled there:
 * walk_source_stop()), destinations not yet reached are dropped, the walk gets
 * its end time.
 */
int walk_session_finish(struct walk_session *s, int64_t now_us, int64_t now_mono_us,
			struct ns_err *err);

/** walk_session_live() - the live panel's figures at @now_us. */
void walk_session_live(const struct walk_session *s, int64_t now_us, struct walk_live *live);

/** walk_session_track() / _dots() - what the map draws; valid until the next call that changes the session. */
const struct track *walk_session_track(const struct walk_session *s);
const struct walk_dot *walk_session_dots(const struct walk_session *s, size_t *n);

int64_t walk_session_walk_id(const struct walk_session *s);
enum walk_state walk_session_state(const struct walk_session *s);

/** walk_state_name() - "measuring", "ready", … for the status line and tests. */
const char *walk_state_name(enum walk_state st);

/** walk_mode_parse() - "continuous" / "stop-and-go" → mode; -EINVAL otherwise. */
int walk_mode_parse(const char *name, enum track_mode *mode);
const char *walk_mode_name(enum track_mode mode);

#endif
