/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recorder.h — the one writer of walks.
 *
 * Every way of walking a floor — the walker app (walker/session.h), `notspot
 * record` (positions on stdin), `notspot capture` (a waypoints file), the
 * simulator (sim/walk.c) — drives a recorder; nothing else begins a walk,
 * commits a waypoint, stores a walk's sample or places one. The drivers hand
 * over plain structs (measure/measure.h, survey_walk, survey_waypoint) and the
 * times they happened; the recorder turns them into survey rows:
 *
 *   begin   a walk row (the caller's struct survey_walk) and a position track
 *           (recorder/track.h) in stop-and-go or continuous mode;
 *   tap     a waypoint, committed at once; in continuous mode the samples of
 *           the segment the tap closes are placed;
 *   point done  stop-and-go: the tapped point's measurement ended at t_us; a
 *           tap while a point is still being measured ends it just before;
 *   pause   continuous: a waypoint flagged "pause" at the last tap (samples
 *           until the next tap stay unplaced); stop-and-go: the point's
 *           measurement ends now. Continue leaves the pause without a tap;
 *   undo    the last waypoint is deleted and the samples it had placed are
 *           placed again from the remaining taps (or become unplaced);
 *   sample  a scan, link poll, throughput or latency result, capture window
 *           or channel survey, committed at once (synchronous=FULL: its own
 *           transaction) — placed at once when the track already knows where
 *           it was taken, otherwise placed when a later tap closes its segment;
 *   finish  a point still being measured ends, the walk gets its end time
 *           (in batch mode every sample is placed from the final track first);
 *   resume  an open walk after a crash: its taps are loaded into the track; a
 *           continuous walk that was not paused is paused at its last tap (so
 *           nothing measured after the interruption lands on the old
 *           segment); a stop-and-go point's measurement is taken to have
 *           ended with the last sample placed there.
 * Invariant: between calls of a live walk, every stored sample is placed
 * where track_position() on the current track says (or unplaced where it says
 * nothing) — except a stop-and-go sample whose time lies after the end a
 * later tap or finish gives its point (a test cancelled by that tap or finish,
 * stored a moment after it): it keeps the point it was stored at. The rows are a
 * function of the calls and their arguments alone, whichever driver made
 * them (tests/test_recorder.c holds the walker and `record` to that).
 *
 * Batch mode (recorder_opts.batch) is for work that is not a live walk (a
 * simulation, an import): the rows go into one survey_batch_begin()
 * transaction — opened here unless the caller already holds one, committed by
 * recorder_finish() — and segments are placed once, at the finish, instead
 * of at every tap. The rows are the same as without batch; nothing is durable
 * before the finish (recorder_free() before it rolls back a batch it opened).
 *
 * Units: times are µs (t_us wall clock since the epoch, mono_us monotonic),
 * given by the caller — never read from a clock here, so tests and simulations
 * replay exactly; positions are metres on the floor.
 *
 * Ownership: the survey is borrowed and must stay open while the recorder
 * lives; structs passed in are read (a sample is also filled in: id, walk id,
 * placement), never kept. The track returned by recorder_track() belongs to
 * the recorder and is valid until its next call.
 *
 * Errors: 0 (or an id > 0) on success; a negative errno with a sentence in
 * @err: -EINVAL for a call that makes no sense now (a tap on a finished walk,
 * a pause while paused, a position that is not a number), else what the
 * survey said.
 */
#ifndef NOTSPOT_RECORDER_RECORDER_H
#define NOTSPOT_RECORDER_RECORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "measure/measure.h"
#include "recorder/track.h"
#include "survey/survey.h"
#include "util/err.h"

struct recorder; /* opaque */

struct recorder_opts {
	enum track_mode mode;
	bool batch;            /* one transaction, placement at the finish (see above) */
};

/**
 * recorder_begin() - commit the walk @w (its start_us is the caller's; 0: now)
 * on @sv and start recording it. *@out is freed with recorder_free().
 */
int recorder_begin(struct survey *sv, const struct survey_walk *w, const struct recorder_opts *o,
		   struct recorder **out, struct ns_err *err);

/**
 * recorder_resume() - go on with the open walk @walk_id (end_us 0), recorded
 * in mode "continuous" or "stop-and-go" (others are refused). @seen (may be
 * NULL) is called with every stored sample of the walk, by time, before the
 * walk is paused — e.g. to show them again. A continuous walk not paused gets
 * its pause waypoint at its last tap's time + 1 µs, monotonic @now_mono_us.
 */
int recorder_resume(struct survey *sv, int64_t walk_id, int64_t now_mono_us,
		    survey_sample_cb seen, void *arg, struct recorder **out, struct ns_err *err);

/** recorder_free() - forget the recorder; an unfinished walk stays open in the file. */
void recorder_free(struct recorder *r);

/**
 * recorder_tap() - the engineer is at (@wp->x_m, @wp->y_m) at @wp->t_us
 * (@wp->mono_us): commit the waypoint (@wp->walk_id is ignored) and place
 * what it closes. @wp->pause: a pause starts here (continuous), as
 * recorder_pause() at a new place. Taps may come out of time order (a
 * waypoints file); each is put in its place on the track. Leaves a pause.
 * Returns the waypoint id.
 */
int64_t recorder_tap(struct recorder *r, const struct survey_waypoint *wp, struct ns_err *err);

/**
 * recorder_point_done() - stop-and-go: the measurement of the last tapped
 * point ended at @t_us; later samples stay unplaced until the next tap.
 * Nothing happens in continuous mode.
 */
int recorder_point_done(struct recorder *r, int64_t t_us, struct ns_err *err);

/**
 * recorder_pause() - pause at the last tap at @t_us (see the top of this
 * file). -EINVAL when finished, already paused, or before the first tap.
 */
int recorder_pause(struct recorder *r, int64_t t_us, int64_t mono_us, struct ns_err *err);

/** recorder_continue() - leave the pause; the next tap places again. -EINVAL if not paused. */
int recorder_continue(struct recorder *r, struct ns_err *err);

/**
 * recorder_undo() - delete the last waypoint (by time) and place again the
 * samples it had placed. Returns 1 if one was removed, 0 if there was none.
 */
int recorder_undo(struct recorder *r, struct ns_err *err);

/**
 * recorder_sample() - commit one measurement: @s with its parts (@obs/@nobs
 * the BSSes heard, may be NULL/0; @link, @tp may be NULL). @s->t_us and
 * @s->mono_us are the caller's; walk_id, placement and id are filled in here.
 * Samples taken while paused are stored too (unplaced). Returns the sample id
 * once it is on disk.
 */
int64_t recorder_sample(struct recorder *r, struct meas_sample *s,
			const struct meas_observation *obs, size_t nobs,
			const struct meas_link *link, const struct meas_throughput *tp,
			struct ns_err *err);

/**
 * recorder_store() - recorder_sample() with the recorder as a void pointer:
 * the shape of the scanner's sampler sink (scanner/sampler.h) and of other
 * drivers' "store this" callbacks, so they bind to a recorder directly.
 */
int64_t recorder_store(void *recorder, struct meas_sample *s,
		       const struct meas_observation *obs, size_t nobs,
		       const struct meas_link *link, const struct meas_throughput *tp,
		       struct ns_err *err);

/**
 * recorder_finish() - close the walk at @end_us: a point still being measured
 * ends there (what was stored until then stays placed at it), a batch places
 * every sample from the final track, the walk gets its end time, a batch is
 * committed. Refuses nothing; a second call does nothing.
 */
int recorder_finish(struct recorder *r, int64_t end_us, struct ns_err *err);

/*
 * recorder_append() - store one sample into walk @walk_id when no recorder
 * drives that walk (`notspot throughput --survey F --walk N`): unplaced,
 * committed at once. Returns the sample id.
 */
int64_t recorder_append(struct survey *sv, int64_t walk_id, struct meas_sample *s,
			const struct meas_observation *obs, size_t nobs,
			const struct meas_link *link, const struct meas_throughput *tp,
			struct ns_err *err);

/* What the drivers show. */
const struct track *recorder_track(const struct recorder *r);
int64_t recorder_walk_id(const struct recorder *r);
enum track_mode recorder_mode(const struct recorder *r);
bool recorder_paused(const struct recorder *r);
bool recorder_finished(const struct recorder *r);

/** recorder_mode_name() / _parse() - "continuous", "stop-and-go" (the walk's mode). */
const char *recorder_mode_name(enum track_mode mode);
int recorder_mode_parse(const char *name, enum track_mode *mode); /* 0 or -EINVAL */

#endif
