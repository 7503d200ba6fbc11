/* SPDX-License-Identifier: GPL-3.0-or-later */
/* recorder.c — the one writer of walks. See recorder.h for the rules. */
#include "recorder/recorder.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct recorder {
	struct survey *sv;         /* borrowed */
	int64_t walk_id;
	struct track track;
	bool paused, finished;
	bool batch;                /* place at the finish only */
	bool own_batch;            /* the survey batch is ours to commit */
};

const char *recorder_mode_name(enum track_mode mode)
{
	return mode == TRACK_CONTINUOUS ? "continuous" : "stop-and-go";
}

int recorder_mode_parse(const char *name, enum track_mode *mode)
{
	if (strcmp(name, "continuous") == 0)
		*mode = TRACK_CONTINUOUS;
	else if (strcmp(name, "stop-and-go") == 0)
		*mode = TRACK_STOP_AND_GO;
	else
		return -EINVAL;
	return 0;
}

static struct recorder *recorder_alloc(struct survey *sv, enum track_mode mode)
{
	struct recorder *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->sv = sv;
	track_init(&r->track, mode);
	return r;
}

void recorder_free(struct recorder *r)
{
	if (!r)
		return;
	if (r->own_batch)
		survey_batch_rollback(r->sv);
	track_release(&r->track);
	free(r);
}

/* ---- placement ------------------------------------------------------------------ */

static bool place_cb(void *arg, int64_t t_us, double *x, double *y)
{
	return track_position(arg, t_us, x, y);
}

/* Place the stored samples in [@from, @to] from the track (a batch waits for the finish). */
static int replace(struct recorder *r, int64_t from, int64_t to, struct ns_err *err)
{
	if (r->batch || from > to)
		return 0;
	return survey_place_samples(r->sv, r->walk_id, from, to, place_cb, &r->track, err);
}

static const struct track_point *last_point(const struct recorder *r)
{
	return r->track.n ? &r->track.pts[r->track.n - 1] : NULL;
}

/* ---- begin, finish ---------------------------------------------------------------- */

static int open_batch(struct recorder *r, struct ns_err *err)
{
	struct ns_err e = { 0 };
	int rc = survey_batch_begin(r->sv, &e);

	if (rc == -EBUSY)
		return 0; /* the caller's batch: theirs to commit */
	if (rc < 0) {
		if (err)
			*err = e;
		return rc;
	}
	r->own_batch = true;
	return 0;
}

int recorder_begin(struct survey *sv, const struct survey_walk *w, const struct recorder_opts *o,
		   struct recorder **out, struct ns_err *err)
{
	struct recorder *r = recorder_alloc(sv, o->mode);
	int64_t id;
	int rc;

	*out = NULL;
	if (!r)
		return ns_err_set(err, -ENOMEM, "out of memory starting a walk");
	r->batch = o->batch;
	if (r->batch && (rc = open_batch(r, err)) < 0) {
		recorder_free(r);
		return rc;
	}
	id = survey_begin_walk(sv, w, err);
	if (id < 0) {
		recorder_free(r);
		return (int)id;
	}
	r->walk_id = id;
	*out = r;
	return 0;
}

int recorder_finish(struct recorder *r, int64_t end_us, struct ns_err *err)
{
	const struct track_point *last = last_point(r);
	int rc;

	if (r->finished)
		return 0;
	if (r->track.mode == TRACK_STOP_AND_GO && last && last->done_us == 0)
		track_finish_point(&r->track, end_us);
	if (r->batch && r->track.n) {
		/* A batch placed nothing on the way: every sample from the final track. */
		rc = survey_place_samples(r->sv, r->walk_id, INT64_MIN, INT64_MAX, place_cb,
					  &r->track, err);
		if (rc < 0)
			return rc;
	}
	rc = survey_end_walk(r->sv, r->walk_id, end_us, err);
	if (rc < 0)
		return rc;
	if (r->own_batch) {
		r->own_batch = false;
		rc = survey_batch_commit(r->sv, err);
		if (rc < 0)
			return rc;
	}
	r->finished = true;
	r->paused = false;
	return 0;
}

/* ---- taps --------------------------------------------------------------------------- */

static int refuse_finished(const struct recorder *r, struct ns_err *err)
{
	return r->finished ? ns_err_set(err, -EINVAL, "the walk is finished") : 0;
}

/* Commit @wp and add it to the track; *@prev_t: the tap before it in time (or its own time). */
static int64_t add_waypoint(struct recorder *r, const struct survey_waypoint *wp,
			    int64_t *prev_t, int64_t *next_t, struct ns_err *err)
{
	struct survey_waypoint row = *wp;
	struct track_point tp = { .t_us = wp->t_us, .x_m = wp->x_m, .y_m = wp->y_m,
				  .pause = wp->pause };
	size_t i;
	int rc;

	row.walk_id = r->walk_id;
	tp.id = survey_add_waypoint(r->sv, &row, err);
	if (tp.id < 0)
		return tp.id;
	rc = track_add(&r->track, &tp);
	if (rc < 0)
		return ns_err_set(err, rc, "out of memory recording a waypoint");
	/* Where it went: the same rule as track_add() (after equal times). */
	for (i = r->track.n; i > 0 && r->track.pts[i - 1].id != tp.id; i--)
		;
	i--;
	*prev_t = i > 0 ? r->track.pts[i - 1].t_us : wp->t_us;
	*next_t = i + 1 < r->track.n ? r->track.pts[i + 1].t_us : wp->t_us;
	return tp.id;
}

int64_t recorder_tap(struct recorder *r, const struct survey_waypoint *wp, struct ns_err *err)
{
	const struct track_point *last = last_point(r);
	int64_t id, prev_t = 0, next_t = 0;
	int rc;

	if ((rc = refuse_finished(r, err)) < 0)
		return rc;
	if (!isfinite(wp->x_m) || !isfinite(wp->y_m))
		return ns_err_set(err, -EINVAL, "the tapped position is not a number");
	/* Stop-and-go: a tap before the point's measurement ended ends it here. */
	if (r->track.mode == TRACK_STOP_AND_GO && last && last->done_us == 0 &&
	    wp->t_us > last->t_us)
		track_finish_point(&r->track, wp->t_us - 1);
	id = add_waypoint(r, wp, &prev_t, &next_t, err);
	if (id < 0)
		return id;
	r->paused = wp->pause && r->track.mode == TRACK_CONTINUOUS;
	if (r->track.mode == TRACK_CONTINUOUS) {
		/* The segments into and out of the tap; the last tap closes only its own. */
		rc = replace(r, prev_t, next_t, err);
		if (rc < 0)
			return rc;
	}
	return id;
}

int recorder_point_done(struct recorder *r, int64_t t_us, struct ns_err *err)
{
	int rc;

	if ((rc = refuse_finished(r, err)) < 0)
		return rc;
	if (r->track.mode != TRACK_STOP_AND_GO || !r->track.n)
		return 0;
	track_finish_point(&r->track, t_us);
	/* Anything stored after the end had been placed at the point: not any more. */
	return t_us < INT64_MAX ? replace(r, t_us + 1, INT64_MAX, err) : 0;
}

int recorder_pause(struct recorder *r, int64_t t_us, int64_t mono_us, struct ns_err *err)
{
	const struct track_point *last = last_point(r);
	int rc;

	if ((rc = refuse_finished(r, err)) < 0)
		return rc;
	if (r->paused)
		return ns_err_set(err, -EINVAL, "the walk is paused");
	if (!last)
		return ns_err_set(err, -EINVAL, "there is no tap to pause at yet");
	if (r->track.mode == TRACK_CONTINUOUS) {
		struct survey_waypoint wp = {
			.t_us = t_us > last->t_us ? t_us : last->t_us + 1, .mono_us = mono_us,
			.x_m = last->x_m, .y_m = last->y_m, .pause = true,
		};
		int64_t id = recorder_tap(r, &wp, err);

		if (id < 0)
			return (int)id;
	} else if (last->done_us == 0) {
		/* The point's measurement ends here, complete or not. */
		rc = recorder_point_done(r, t_us, err);
		if (rc < 0)
			return rc;
	}
	r->paused = true;
	return 0;
}

int recorder_continue(struct recorder *r, struct ns_err *err)
{
	if (!r->paused)
		return ns_err_set(err, -EINVAL, "the walk is not paused");
	r->paused = false;
	return 0;
}

int recorder_undo(struct recorder *r, struct ns_err *err)
{
	struct track_point removed;
	const struct track_point *last;
	int64_t from;
	int rc;

	if ((rc = refuse_finished(r, err)) < 0)
		return rc;
	if (!r->track.n)
		return 0;
	removed = r->track.pts[r->track.n - 1];
	rc = survey_delete_waypoint(r->sv, removed.id, err);
	if (rc < 0)
		return rc;
	track_undo(&r->track, NULL);
	last = last_point(r);
	/*
	 * Continuous: the segment ending at the removed tap is open again.
	 * Stop-and-go: the samples measured at the removed tap go back to
	 * unplaced (the previous point's measurement had ended before it).
	 */
	from = r->track.mode == TRACK_CONTINUOUS && last ? last->t_us : removed.t_us;
	rc = replace(r, from, INT64_MAX, err);
	if (rc < 0)
		return rc;
	r->paused = r->track.mode == TRACK_CONTINUOUS && last && last->pause;
	return 1;
}

/* ---- samples ------------------------------------------------------------------------- */

int64_t recorder_sample(struct recorder *r, struct meas_sample *s,
			const struct meas_observation *obs, size_t nobs,
			const struct meas_link *link, const struct meas_throughput *tp,
			struct ns_err *err)
{
	int64_t id;
	int rc;

	if ((rc = refuse_finished(r, err)) < 0)
		return rc;
	s->walk_id = r->walk_id;
	s->placed = track_position(&r->track, s->t_us, &s->x_m, &s->y_m);
	if (!s->placed)
		s->x_m = s->y_m = NAN;
	id = survey_add_sample(r->sv, s, obs, nobs, link, tp, err);
	if (id > 0)
		s->id = id;
	return id;
}

int64_t recorder_store(void *recorder, struct meas_sample *s,
		       const struct meas_observation *obs, size_t nobs,
		       const struct meas_link *link, const struct meas_throughput *tp,
		       struct ns_err *err)
{
	return recorder_sample(recorder, s, obs, nobs, link, tp, err);
}

int64_t recorder_append(struct survey *sv, int64_t walk_id, struct meas_sample *s,
			const struct meas_observation *obs, size_t nobs,
			const struct meas_link *link, const struct meas_throughput *tp,
			struct ns_err *err)
{
	int64_t id;

	s->walk_id = walk_id;
	s->placed = false;
	s->x_m = s->y_m = NAN;
	id = survey_add_sample(sv, s, obs, nobs, link, tp, err);
	if (id > 0)
		s->id = id;
	return id;
}

/* ---- resume ---------------------------------------------------------------------------- */

struct resume_ctx {
	struct recorder *r;
	int64_t *last_placed;      /* per tap: the last placed sample in its span */
	survey_sample_cb seen;
	void *arg;
};

static int resume_sample(void *arg, const struct meas_sample *sm,
			 const struct meas_observation *obs, size_t nobs,
			 const struct meas_link *link, const struct meas_throughput *tput)
{
	struct resume_ctx *c = arg;
	const struct track *t = &c->r->track;

	if (sm->placed && t->n) {
		/* The tap whose span holds this sample. */
		size_t i = t->n;

		while (i > 0 && t->pts[i - 1].t_us > sm->t_us)
			i--;
		if (i > 0 && sm->t_us > c->last_placed[i - 1])
			c->last_placed[i - 1] = sm->t_us;
	}
	return c->seen ? c->seen(c->arg, sm, obs, nobs, link, tput) : 0;
}

static int load_taps(struct recorder *r, const struct survey_waypoint *wps, size_t n,
		     int64_t *last_placed, struct ns_err *err)
{
	for (size_t i = 0; i < n; i++) {
		struct track_point tp = {
			.t_us = wps[i].t_us, .x_m = wps[i].x_m, .y_m = wps[i].y_m,
			.pause = wps[i].pause, .id = wps[i].id,
		};

		last_placed[i] = wps[i].t_us;
		if (track_add(&r->track, &tp) < 0)
			return ns_err_set(err, -ENOMEM, "out of memory resuming a walk");
	}
	return 0;
}

/* Where the walk was interrupted: stop-and-go points ended; continuous paused. */
static int settle_resumed(struct recorder *r, const int64_t *last_placed, int64_t now_mono_us,
			  struct ns_err *err)
{
	const struct track_point *last = last_point(r);

	if (r->track.mode == TRACK_STOP_AND_GO) {
		/* A point's measurement ended with its last placed sample. */
		for (size_t i = 0; i < r->track.n; i++)
			r->track.pts[i].done_us = last_placed[i];
		return 0;
	}
	if (!last)
		return 0;
	if (!last->pause) {
		struct survey_waypoint wp = { .t_us = last->t_us + 1, .mono_us = now_mono_us,
					      .x_m = last->x_m, .y_m = last->y_m, .pause = true };
		int64_t id = recorder_tap(r, &wp, err);

		if (id < 0)
			return (int)id;
	}
	r->paused = true;
	return 0;
}

static int check_resumable(struct survey *sv, int64_t walk_id, enum track_mode *mode,
			   struct ns_err *err)
{
	struct survey_walk w;
	int rc = survey_get_walk(sv, walk_id, &w, err);

	if (rc < 0)
		return rc;
	if (w.end_us != 0)
		return ns_err_set(err, -EINVAL, "walk %lld is finished and cannot be resumed",
				  (long long)walk_id);
	if (recorder_mode_parse(w.mode, mode) < 0)
		return ns_err_set(err, -EINVAL, "walk %lld was recorded in mode '%s', not by the walker",
				  (long long)walk_id, w.mode);
	return 0;
}

int recorder_resume(struct survey *sv, int64_t walk_id, int64_t now_mono_us,
		    survey_sample_cb seen, void *arg, struct recorder **out, struct ns_err *err)
{
	struct survey_waypoint *wps = NULL;
	struct survey_query q = { .walk_id = walk_id };
	struct resume_ctx ctx = { .seen = seen, .arg = arg };
	enum track_mode mode = TRACK_CONTINUOUS;
	size_t nwps = 0;
	int rc;

	*out = NULL;
	if ((rc = check_resumable(sv, walk_id, &mode, err)) < 0)
		return rc;
	rc = survey_list_waypoints(sv, walk_id, &wps, &nwps, err);
	if (rc < 0)
		return rc;
	ctx.r = recorder_alloc(sv, mode);
	ctx.last_placed = calloc(nwps ? nwps : 1, sizeof(*ctx.last_placed));
	if (!ctx.r || !ctx.last_placed) {
		rc = ns_err_set(err, -ENOMEM, "out of memory resuming a walk");
		goto out;
	}
	ctx.r->walk_id = walk_id;
	if ((rc = load_taps(ctx.r, wps, nwps, ctx.last_placed, err)) < 0)
		goto out;
	rc = survey_foreach_sample(sv, &q, resume_sample, &ctx, err);
	if (rc != 0) {
		if (rc > 0) /* @seen stopped the walk through the samples */
			rc = ns_err_set(err, -ECANCELED, "resuming walk %lld was stopped",
					(long long)walk_id);
		goto out;
	}
	if ((rc = settle_resumed(ctx.r, ctx.last_placed, now_mono_us, err)) < 0)
		goto out;
	*out = ctx.r;
	ctx.r = NULL;
out:
	free(wps);
	free(ctx.last_placed);
	recorder_free(ctx.r);
	return rc;
}

/* ---- what the drivers show ---------------------------------------------------------------- */

const struct track *recorder_track(const struct recorder *r)
{
	return &r->track;
}

int64_t recorder_walk_id(const struct recorder *r)
{
	return r->walk_id;
}

enum track_mode recorder_mode(const struct recorder *r)
{
	return r->track.mode;
}

bool recorder_paused(const struct recorder *r)
{
	return r->paused;
}

bool recorder_finished(const struct recorder *r)
{
	return r->finished;
}
