/* session.c — one walk being recorded. See session.h for the rules. */
#include "walker/session.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* No fresh scan for this long and the results are called stale. */
#define STALE_SCAN_US (15 * 1000000LL)

struct walk_session {
	struct survey *sv;
	struct walk_source *src;  /* borrowed */
	int64_t walk_id;
	int64_t floor_id;
	enum walk_state state;
	struct track track;

	/* stop-and-go: the point being measured */
	int64_t tap_us;
	bool got_scan, got_link;
	int64_t got_scan_us, got_link_us;
	bool no_scans;                  /* the source takes none: the point needs no scan */
	bool want_measure, got_measure; /* the source's throughput/latency tests of the point */
	int64_t got_measure_us;

	/* continuous, with a source that moves the engineer: pause once arrived */
	bool pause_on_arrival;

	struct walk_dot *dots;
	size_t ndots, capdots;
	int64_t nplaced;

	/* the live panel's memory */
	bool have_link;
	struct meas_sample last_link_sample;
	struct meas_link last_link;
	bool have_scan;
	struct meas_sample last_scan;
	int last_scan_nbss;
	bool have_tput, have_rtt;
	struct meas_sample last_tput_sample, last_rtt_sample;
	struct meas_throughput last_tput, last_rtt;
	/* AP names and channels heard so far, so a scan that missed the BSS still names it. */
	struct { uint8_t bssid[6]; char ap_name[33]; int channel; } names[256];
	size_t nnames;
	char source_error[160];
};

const char *walk_state_name(enum walk_state st)
{
	switch (st) {
	case WALK_IDLE: return "idle";
	case WALK_MEASURING: return "measuring";
	case WALK_READY: return "ready";
	case WALK_WALKING: return "walking";
	case WALK_PAUSED: return "paused";
	case WALK_FINISHED: return "finished";
	}
	return "unknown";
}

int walk_mode_parse(const char *name, enum track_mode *mode)
{
	if (strcmp(name, "continuous") == 0)
		*mode = TRACK_CONTINUOUS;
	else if (strcmp(name, "stop-and-go") == 0)
		*mode = TRACK_STOP_AND_GO;
	else
		return -EINVAL;
	return 0;
}

const char *walk_mode_name(enum track_mode mode)
{
	return mode == TRACK_CONTINUOUS ? "continuous" : "stop-and-go";
}

static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static struct walk_session *session_alloc(struct survey *sv, struct walk_source *src,
					  enum track_mode mode)
{
	struct walk_session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->sv = sv;
	s->src = src;
	track_init(&s->track, mode);
	return s;
}

void walk_session_free(struct walk_session *s)
{
	if (!s)
		return;
	track_release(&s->track);
	free(s->dots);
	free(s);
}

/* ---- dots ------------------------------------------------------------------- */

static int dot_push(struct walk_session *s, const struct walk_dot *d)
{
	if (s->ndots == s->capdots) {
		size_t cap = s->capdots ? s->capdots * 2 : 256;
		struct walk_dot *nd = realloc(s->dots, cap * sizeof(*nd));

		if (!nd)
			return -ENOMEM;
		s->dots = nd;
		s->capdots = cap;
	}
	s->dots[s->ndots++] = *d;
	if (d->placed)
		s->nplaced++;
	return 0;
}

/*
 * The signal a dot is coloured by: a link poll's signal; for a scan, the
 * strongest BSS of the associated SSID, or the strongest heard if not
 * associated. NAN if nothing was heard.
 */
static double dot_signal(const struct meas_sample *sm, const struct meas_observation *obs,
			 size_t nobs, const struct meas_link *link, const char *assoc_ssid)
{
	double best = NAN;

	if (sm->kind == SAMPLE_LINK)
		return link ? link->signal_dbm : NAN;
	for (int pass = 0; pass < 2 && isnan(best); pass++) {
		for (size_t i = 0; i < nobs; i++) {
			if (pass == 0 && (!assoc_ssid[0] || strcmp(obs[i].ssid, assoc_ssid) != 0))
				continue;
			if (isnan(best) || obs[i].signal_dbm > best)
				best = obs[i].signal_dbm;
		}
	}
	return best;
}

/* ---- placement ---------------------------------------------------------------- */

static bool place_cb(void *arg, int64_t t_us, double *x, double *y)
{
	return track_position(arg, t_us, x, y);
}

/* Place (or unplace) the samples in [@from, @to] from the track, in the file and the dots. */
static int replace_range(struct walk_session *s, int64_t from, int64_t to, struct ns_err *err)
{
	int rc = survey_place_samples(s->sv, s->walk_id, from, to, place_cb, &s->track, err);

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < s->ndots; i++) {
		struct walk_dot *d = &s->dots[i];
		bool was = d->placed;

		if (d->t_us < from || d->t_us > to)
			continue;
		d->placed = track_position(&s->track, d->t_us, &d->x_m, &d->y_m);
		s->nplaced += (int64_t)d->placed - (int64_t)was;
	}
	return 0;
}

/* ---- waypoints ---------------------------------------------------------------- */

static int commit_waypoint(struct walk_session *s, double x, double y, bool pause, int64_t t_us,
			   int64_t mono_us, struct ns_err *err)
{
	struct survey_waypoint wp = {
		.walk_id = s->walk_id, .t_us = t_us, .mono_us = mono_us,
		.x_m = x, .y_m = y, .pause = pause,
	};
	struct track_point tp = { .t_us = t_us, .x_m = x, .y_m = y, .pause = pause };
	int64_t prev_t = s->track.n ? s->track.pts[s->track.n - 1].t_us : t_us;
	int64_t id;
	int rc;

	if (s->track.mode == TRACK_STOP_AND_GO && s->state == WALK_MEASURING && s->track.n) {
		/* A tap before the point was complete ends its measurement here. */
		track_finish_point(&s->track, t_us - 1);
	}
	id = survey_add_waypoint(s->sv, &wp, err);
	if (id < 0)
		return (int)id;
	tp.id = id;
	rc = track_add(&s->track, &tp);
	if (rc < 0)
		return ns_err_set(err, rc, "out of memory recording a waypoint");
	if (s->track.mode == TRACK_CONTINUOUS)
		return replace_range(s, prev_t, t_us, err);
	return 0;
}

static void start_point(struct walk_session *s, int64_t t_us, bool want_measure)
{
	struct walk_source_info info;

	s->tap_us = t_us;
	s->got_scan = s->got_link = s->got_measure = false;
	s->want_measure = want_measure;
	s->state = WALK_MEASURING;
	walk_source_info(s->src, &info);
	s->no_scans = info.no_scans;
}

int walk_session_tap(struct walk_session *s, double x_m, double y_m, int64_t now_us,
		     int64_t now_mono_us, struct ns_err *err)
{
	struct walk_source_info info;
	bool measure = s->track.mode == TRACK_STOP_AND_GO;

	if (s->state == WALK_FINISHED)
		return ns_err_set(err, -EINVAL, "the walk is finished");
	if (!isfinite(x_m) || !isfinite(y_m))
		return ns_err_set(err, -EINVAL, "the tapped position is not a number");
	walk_source_info(s->src, &info);
	if (s->state == WALK_PAUSED)
		s->state = measure ? WALK_READY : WALK_WALKING;
	if (info.moves_engineer && !measure) {
		/* The waypoint is committed when the engineer gets there. */
		walk_source_tap(s->src, now_us, x_m, y_m, false);
		s->state = WALK_WALKING;
		return 0;
	}
	/*
	 * Stop-and-go: the source is told first, so that tests it stops for the
	 * previous point are stored there, before the new waypoint exists.
	 */
	if (measure)
		walk_source_tap(s->src, now_us, x_m, y_m, true);
	int rc = commit_waypoint(s, x_m, y_m, false, now_us, now_mono_us, err);

	if (rc < 0)
		return rc;
	if (!measure)
		walk_source_tap(s->src, now_us, x_m, y_m, false);
	if (measure)
		start_point(s, now_us, info.measures_point);
	else
		s->state = WALK_WALKING;
	return 0;
}

/* ---- samples ------------------------------------------------------------------ */

static void remember_name(struct walk_session *s, const struct meas_observation *o)
{
	size_t i;

	for (i = 0; i < s->nnames; i++)
		if (memcmp(s->names[i].bssid, o->bssid, 6) == 0)
			break;
	if (i == s->nnames) {
		if (s->nnames == sizeof(s->names) / sizeof(s->names[0]))
			return; /* a full table: later BSSes go unnamed between scans */
		s->nnames++;
		memcpy(s->names[i].bssid, o->bssid, 6);
	}
	copy_str(s->names[i].ap_name, sizeof(s->names[i].ap_name), o->ap_name);
	s->names[i].channel = o->channel;
}

static void remember(struct walk_session *s, const struct meas_sample *sm,
		     const struct meas_observation *obs, size_t nobs,
		     const struct meas_link *link, const struct meas_throughput *tp)
{
	if (sm->kind == SAMPLE_LINK) {
		s->have_link = true;
		s->last_link_sample = *sm;
		if (link)
			s->last_link = *link;
		else
			meas_init_link(&s->last_link);
	} else if (sm->kind == SAMPLE_THROUGHPUT && tp) {
		s->have_tput = true;
		s->last_tput_sample = *sm;
		s->last_tput = *tp;
	} else if (sm->kind == SAMPLE_LATENCY && tp) {
		s->have_rtt = true;
		s->last_rtt_sample = *sm;
		s->last_rtt = *tp;
	} else if (sm->kind == SAMPLE_SCAN) {
		s->have_scan = true;
		s->last_scan = *sm;
		s->last_scan_nbss = (int)nobs;
		for (size_t i = 0; i < nobs; i++)
			remember_name(s, &obs[i]);
	}
}

/*
 * A scan completes a stop-and-go point only if it was (mostly) taken there: it
 * must end at least 80% of a scan's duration after the tap. A scan already
 * running when the engineer arrived listened to most channels on the way.
 */
static int64_t min_scan_us(const struct walk_session *s)
{
	struct walk_source_info info;

	walk_source_info(s->src, &info);
	return (int64_t)(0.8 * info.scan_duration_s * 1e6);
}

/* Stop-and-go: a link poll, a scan taken there and the tests, if any: the point is ready. */
static void point_maybe_complete(struct walk_session *s)
{
	int64_t done;

	if (!s->got_link || (!s->got_scan && !s->no_scans) || (s->want_measure && !s->got_measure))
		return;
	done = s->got_scan && s->got_scan_us > s->got_link_us ? s->got_scan_us : s->got_link_us;
	if (s->want_measure && s->got_measure_us > done)
		done = s->got_measure_us;
	track_finish_point(&s->track, done);
	s->state = WALK_READY;
}

static int on_sample(struct walk_session *s, const struct walk_event *ev, struct ns_err *err)
{
	struct meas_sample sm = ev->sample;
	struct walk_dot d;
	int64_t id;
	const char *assoc_ssid = "";

	if (sm.id > 0) {
		/* Committed by the source itself (placed through the binding): just show it. */
		id = sm.id;
	} else {
		if (s->state == WALK_PAUSED || s->state == WALK_FINISHED)
			return 0; /* belongs to no place on the walk: see session.h */
		sm.walk_id = s->walk_id;
		sm.placed = track_position(&s->track, sm.t_us, &sm.x_m, &sm.y_m);
		if (!sm.placed)
			sm.x_m = sm.y_m = NAN;
		id = survey_add_sample(s->sv, &sm, ev->obs, ev->nobs, ev->link, NULL, err);
		if (id < 0)
			return (int)id;
	}
	if (s->have_link && s->last_link_sample.status == SAMPLE_OK)
		assoc_ssid = s->last_link.ssid;
	d = (struct walk_dot){
		.id = id, .t_us = sm.t_us, .kind = sm.kind, .status = sm.status,
		.placed = sm.placed, .x_m = sm.x_m, .y_m = sm.y_m,
		.signal_dbm = dot_signal(&sm, ev->obs, ev->nobs, ev->link, assoc_ssid),
	};
	if (dot_push(s, &d) < 0)
		return ns_err_set(err, -ENOMEM, "out of memory keeping the map's samples");
	remember(s, &sm, ev->obs, ev->nobs, ev->link, ev->tp);

	if (s->state == WALK_MEASURING && sm.t_us >= s->tap_us) {
		if (sm.kind == SAMPLE_SCAN && !s->got_scan && sm.t_us >= s->tap_us + min_scan_us(s)) {
			s->got_scan = true;
			s->got_scan_us = sm.t_us;
		}
		if (sm.kind == SAMPLE_LINK && !s->got_link) {
			s->got_link = true;
			s->got_link_us = sm.t_us;
		}
		point_maybe_complete(s);
	}
	return 0;
}

/* The tapped point's throughput/latency tests have ended (results stored). */
static void on_point_done(struct walk_session *s, const struct walk_event *ev)
{
	if (s->state != WALK_MEASURING || !s->want_measure || s->got_measure)
		return;
	s->got_measure = true;
	s->got_measure_us = ev->t_us > s->tap_us ? ev->t_us : s->tap_us;
	point_maybe_complete(s);
}

static int on_arrived(struct walk_session *s, const struct walk_event *ev, struct ns_err *err)
{
	bool pause = s->pause_on_arrival && walk_source_pending(s->src) == 0;
	int rc = commit_waypoint(s, ev->x_m, ev->y_m, pause, ev->t_us, ev->mono_us, err);

	if (rc < 0)
		return rc;
	if (pause) {
		s->pause_on_arrival = false;
		s->state = WALK_PAUSED;
	}
	return 0;
}

static int on_event(void *arg, const struct walk_event *ev)
{
	void **a = arg;
	struct walk_session *s = a[0];
	struct ns_err *err = a[1];

	if (ev->kind == WALK_EV_SAMPLE)
		return on_sample(s, ev, err);
	if (ev->kind == WALK_EV_ARRIVED)
		return on_arrived(s, ev, err);
	if (ev->kind == WALK_EV_POINT_DONE)
		on_point_done(s, ev);
	return 0;
}

int walk_session_tick(struct walk_session *s, int64_t now_us, int64_t now_mono_us,
		      struct ns_err *err)
{
	struct ns_err e = { 0 };
	void *arg[2] = { s, &e };
	int rc;

	if (s->state == WALK_FINISHED)
		return 0;
	rc = walk_source_poll(s->src, now_us, now_mono_us, on_event, arg, &e);
	if (rc < 0) {
		copy_str(s->source_error, sizeof(s->source_error), e.msg);
		if (err)
			*err = e;
		return rc;
	}
	s->source_error[0] = '\0';
	return 0;
}

/* ---- undo, pause, finish -------------------------------------------------------- */

int walk_session_undo(struct walk_session *s, int64_t now_us, struct ns_err *err)
{
	struct track_point removed;
	int64_t from;
	int rc;

	(void)now_us;
	if (s->state == WALK_FINISHED)
		return ns_err_set(err, -EINVAL, "the walk is finished");
	if (walk_source_cancel_destination(s->src)) {
		if (!walk_source_pending(s->src))
			s->pause_on_arrival = false;
		return 1;
	}
	if (!s->track.n)
		return 0;
	removed = s->track.pts[s->track.n - 1];
	rc = survey_delete_waypoint(s->sv, removed.id, err);
	if (rc < 0)
		return rc;
	track_undo(&s->track, NULL);
	/*
	 * Continuous: the segment ending at the removed tap is open again.
	 * Stop-and-go: the samples measured at the removed tap go back to
	 * unplaced (the previous point's measurement had ended before it).
	 */
	if (s->track.mode == TRACK_CONTINUOUS && s->track.n)
		from = s->track.pts[s->track.n - 1].t_us;
	else
		from = removed.t_us;
	rc = replace_range(s, from, INT64_MAX, err);
	if (rc < 0)
		return rc;
	if (!s->track.n)
		s->state = WALK_IDLE;
	else if (s->track.mode == TRACK_STOP_AND_GO)
		s->state = WALK_READY;
	else
		s->state = s->track.pts[s->track.n - 1].pause ? WALK_PAUSED : WALK_WALKING;
	return 1;
}

int walk_session_pause(struct walk_session *s, int64_t now_us, int64_t now_mono_us,
		       struct ns_err *err)
{
	const struct track_point *last;

	if (s->state == WALK_FINISHED || s->state == WALK_PAUSED)
		return ns_err_set(err, -EINVAL, "the walk is %s", walk_state_name(s->state));
	if (walk_source_pending(s->src)) {
		/* Walking to a tapped point: pause when there. */
		s->pause_on_arrival = true;
		return 0;
	}
	if (!s->track.n)
		return ns_err_set(err, -EINVAL, "there is no tap to pause at yet");
	last = &s->track.pts[s->track.n - 1];
	if (s->track.mode == TRACK_CONTINUOUS) {
		int64_t t = now_us > last->t_us ? now_us : last->t_us + 1;
		int rc = commit_waypoint(s, last->x_m, last->y_m, true, t, now_mono_us, err);

		if (rc < 0)
			return rc;
	} else if (s->state == WALK_MEASURING) {
		/* The point's measurement ends here, complete or not. */
		track_finish_point(&s->track, now_us);
	}
	s->state = WALK_PAUSED;
	return 0;
}

int walk_session_continue(struct walk_session *s, struct ns_err *err)
{
	if (s->state != WALK_PAUSED)
		return ns_err_set(err, -EINVAL, "the walk is not paused");
	if (!s->track.n)
		s->state = WALK_IDLE;
	else
		s->state = s->track.mode == TRACK_STOP_AND_GO ? WALK_READY : WALK_WALKING;
	return 0;
}

int walk_session_finish(struct walk_session *s, int64_t now_us, int64_t now_mono_us,
			struct ns_err *err)
{
	int rc;

	(void)now_mono_us;
	if (s->state == WALK_FINISHED)
		return 0;
	while (walk_source_cancel_destination(s->src))
		;
	/* Tests still running are stored as cancelled, at the point they were measuring. */
	rc = walk_source_stop(s->src, err);
	if (rc < 0)
		return rc;
	if (s->state == WALK_MEASURING)
		track_finish_point(&s->track, now_us);
	rc = survey_end_walk(s->sv, s->walk_id, now_us, err);
	if (rc < 0)
		return rc;
	s->state = WALK_FINISHED;
	return 0;
}

/* ---- begin and resume ------------------------------------------------------------- */

/* A source that commits its own samples places them with our track. */
static int bind_source(struct walk_session *s, struct ns_err *err)
{
	struct walk_source_binding b = {
		.survey = s->sv, .walk_id = s->walk_id, .place = place_cb, .arg = &s->track,
	};

	return walk_source_bind(s->src, &b, err);
}

static void fill_walk(struct survey_walk *w, int64_t floor_id, const struct walk_session_opts *o,
		      const struct walk_source_info *info, int64_t now_us)
{
	memset(w, 0, sizeof(*w));
	w->floor_id = floor_id;
	w->start_us = now_us;
	copy_str(w->operator_name, sizeof(w->operator_name), o->operator_name);
	copy_str(w->note, sizeof(w->note), o->note);
	copy_str(w->interface, sizeof(w->interface), info->interface);
	copy_str(w->driver, sizeof(w->driver), info->driver);
	copy_str(w->chipset, sizeof(w->chipset), info->chipset);
	copy_str(w->mode, sizeof(w->mode), walk_mode_name(o->mode));
}

int walk_session_begin(struct survey *sv, int64_t floor_id, const struct walk_session_opts *o,
		       struct walk_source *src, int64_t now_us, struct walk_session **out,
		       struct ns_err *err)
{
	struct walk_source_info info;
	struct survey_walk w;
	struct walk_session *s;
	int64_t id;
	int rc;

	walk_source_info(src, &info);
	fill_walk(&w, floor_id, o, &info, now_us);
	s = session_alloc(sv, src, o->mode);
	if (!s)
		return ns_err_set(err, -ENOMEM, "out of memory starting a walk");
	id = survey_begin_walk(sv, &w, err);
	if (id < 0) {
		walk_session_free(s);
		return (int)id;
	}
	s->walk_id = id;
	s->floor_id = floor_id;
	s->state = WALK_IDLE;
	rc = bind_source(s, err);
	if (rc < 0) {
		walk_session_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

struct resume_ctx {
	struct walk_session *s;
	int64_t *last_placed; /* per waypoint: the last placed sample in its span */
	int rc;
};

static int resume_sample(void *arg, const struct meas_sample *sm,
			 const struct meas_observation *obs, size_t nobs,
			 const struct meas_link *link, const struct meas_throughput *tput)
{
	struct resume_ctx *c = arg;
	struct walk_session *s = c->s;
	const char *assoc_ssid = "";
	struct walk_dot d;

	if (s->have_link && s->last_link_sample.status == SAMPLE_OK)
		assoc_ssid = s->last_link.ssid;
	d = (struct walk_dot){
		.id = sm->id, .t_us = sm->t_us, .kind = sm->kind, .status = sm->status,
		.placed = sm->placed, .x_m = sm->x_m, .y_m = sm->y_m,
		.signal_dbm = dot_signal(sm, obs, nobs, link, assoc_ssid),
	};
	if (dot_push(s, &d) < 0) {
		c->rc = -ENOMEM;
		return 1;
	}
	remember(s, sm, obs, nobs, link, tput);
	if (sm->placed && s->track.n) {
		/* The waypoint whose span holds this sample. */
		size_t i = s->track.n;

		while (i > 0 && s->track.pts[i - 1].t_us > sm->t_us)
			i--;
		if (i > 0 && sm->t_us > c->last_placed[i - 1])
			c->last_placed[i - 1] = sm->t_us;
	}
	return 0;
}

int walk_session_resume(struct survey *sv, int64_t walk_id, struct walk_source *src,
			int64_t now_us, int64_t now_mono_us, struct walk_session **out,
			struct ns_err *err)
{
	struct survey_walk w;
	struct survey_waypoint *wps = NULL;
	size_t nwps = 0;
	enum track_mode mode;
	struct walk_session *s = NULL;
	struct resume_ctx ctx = { 0 };
	struct survey_query q = { .walk_id = walk_id };
	int rc;

	(void)now_us;
	rc = survey_get_walk(sv, walk_id, &w, err);
	if (rc < 0)
		return rc;
	if (w.end_us != 0)
		return ns_err_set(err, -EINVAL, "walk %lld is finished and cannot be resumed",
				  (long long)walk_id);
	if (walk_mode_parse(w.mode, &mode) < 0)
		return ns_err_set(err, -EINVAL, "walk %lld was recorded in mode '%s', not by the walker",
				  (long long)walk_id, w.mode);
	rc = survey_list_waypoints(sv, walk_id, &wps, &nwps, err);
	if (rc < 0)
		return rc;
	s = session_alloc(sv, src, mode);
	ctx.last_placed = calloc(nwps ? nwps : 1, sizeof(*ctx.last_placed));
	if (!s || !ctx.last_placed) {
		rc = ns_err_set(err, -ENOMEM, "out of memory resuming a walk");
		goto out;
	}
	s->walk_id = walk_id;
	s->floor_id = w.floor_id;
	for (size_t i = 0; i < nwps; i++) {
		struct track_point tp = {
			.t_us = wps[i].t_us, .x_m = wps[i].x_m, .y_m = wps[i].y_m,
			.pause = wps[i].pause, .id = wps[i].id,
		};

		ctx.last_placed[i] = wps[i].t_us;
		rc = track_add(&s->track, &tp);
		if (rc < 0) {
			ns_err_set(err, rc, "out of memory resuming a walk");
			goto out;
		}
	}
	ctx.s = s;
	rc = survey_foreach_sample(sv, &q, resume_sample, &ctx, err);
	if (rc < 0)
		goto out;
	if (ctx.rc < 0) {
		rc = ns_err_set(err, ctx.rc, "out of memory resuming a walk");
		goto out;
	}
	if (mode == TRACK_STOP_AND_GO) {
		/* A point's measurement ended with its last placed sample. */
		for (size_t i = 0; i < s->track.n; i++)
			s->track.pts[i].done_us = ctx.last_placed[i];
		s->state = s->track.n ? WALK_READY : WALK_IDLE;
	} else if (!s->track.n) {
		s->state = WALK_IDLE;
	} else if (s->track.pts[s->track.n - 1].pause) {
		s->state = WALK_PAUSED;
	} else {
		const struct track_point *last = &s->track.pts[s->track.n - 1];

		s->state = WALK_WALKING;
		rc = commit_waypoint(s, last->x_m, last->y_m, true, last->t_us + 1, now_mono_us, err);
		if (rc < 0)
			goto out;
		s->state = WALK_PAUSED;
	}
	rc = bind_source(s, err);
	if (rc < 0)
		goto out;
	*out = s;
	s = NULL;
	rc = 0;
out:
	free(wps);
	free(ctx.last_placed);
	walk_session_free(s);
	return rc;
}

/* ---- what the screen shows -------------------------------------------------------- */

const struct track *walk_session_track(const struct walk_session *s)
{
	return &s->track;
}

const struct walk_dot *walk_session_dots(const struct walk_session *s, size_t *n)
{
	*n = s->ndots;
	return s->dots;
}

int64_t walk_session_walk_id(const struct walk_session *s)
{
	return s->walk_id;
}

enum walk_state walk_session_state(const struct walk_session *s)
{
	return s->state;
}

static int channel_of(int freq)
{
	if (freq == 2484)
		return 14;
	if (freq >= 2412 && freq < 2484)
		return (freq - 2407) / 5;
	if (freq >= 5955 && freq <= 7115)
		return (freq - 5950) / 5;
	if (freq >= 5000 && freq < 5950)
		return (freq - 5000) / 5;
	return 0;
}

void walk_session_live(const struct walk_session *s, int64_t now_us, struct walk_live *l)
{
	struct walk_source_info info;

	memset(l, 0, sizeof(*l));
	walk_source_info(s->src, &info);
	l->state = s->state;
	l->mode = s->track.mode;
	l->walk_id = s->walk_id;
	l->nwaypoints = s->track.n;
	l->pending = walk_source_pending(s->src);
	l->nsamples = (int64_t)s->ndots;
	l->nplaced = s->nplaced;
	l->signal_dbm = l->noise_dbm = l->snr_db = NAN;
	l->tx_bitrate_mbps = l->rx_bitrate_mbps = NAN;
	l->link_age_us = l->scan_age_us = l->since_tap_us = -1;
	l->tput_mbps = l->rtt_ms = l->loss_pct = NAN;
	l->tput_age_us = l->rtt_age_us = -1;
	l->last_leg_m = l->last_leg_pace_mps = NAN;

	if (s->have_link) {
		const struct meas_link *k = &s->last_link;

		l->have_link = true;
		l->link_age_us = now_us - s->last_link_sample.t_us;
		l->associated = s->last_link_sample.status == SAMPLE_OK;
		if (l->associated) {
			copy_str(l->ssid, sizeof(l->ssid), k->ssid);
			memcpy(l->bssid, k->bssid, 6);
			l->freq_mhz = k->freq_mhz;
			l->channel = channel_of(k->freq_mhz);
			l->signal_dbm = k->signal_dbm;
			l->noise_dbm = !isnan(k->noise_dbm) ? k->noise_dbm
							    : s->last_link_sample.noise_dbm;
			if (!isnan(l->noise_dbm) && !isnan(l->signal_dbm))
				l->snr_db = l->signal_dbm - l->noise_dbm;
			l->tx_bitrate_mbps = k->tx_bitrate_mbps;
			l->rx_bitrate_mbps = k->rx_bitrate_mbps;
			for (size_t i = 0; i < s->nnames; i++) {
				if (memcmp(s->names[i].bssid, k->bssid, 6) != 0)
					continue;
				copy_str(l->ap_name, sizeof(l->ap_name), s->names[i].ap_name);
				if (s->names[i].channel > 0)
					l->channel = s->names[i].channel;
				break;
			}
		}
		l->warn_not_associated = !l->associated;
	}
	if (s->have_scan) {
		l->scan_age_us = now_us - s->last_scan.t_us;
		l->scan_nbss = s->last_scan_nbss;
		l->scan_status = s->last_scan.status;
		l->warn_cached_only = s->last_scan.status == SAMPLE_SCAN_CACHED;
		l->warn_stale = l->scan_age_us > STALE_SCAN_US && s->state != WALK_PAUSED;
	}
	l->warn_cached_only = l->warn_cached_only || info.scans_cached_only;
	l->warn_interface_gone = info.interface_gone;
	copy_str(l->source_error, sizeof(l->source_error), s->source_error);

	l->measures_point = s->want_measure;
	if (s->have_tput) {
		l->have_tput = true;
		l->tput_status = s->last_tput_sample.status;
		l->tput_mbps = s->last_tput.mbps;
		copy_str(l->tput_direction, sizeof(l->tput_direction), s->last_tput.direction);
		copy_str(l->tput_error, sizeof(l->tput_error), s->last_tput_sample.error);
		l->tput_age_us = now_us - s->last_tput_sample.t_us;
	}
	if (s->have_rtt) {
		l->have_rtt = true;
		l->rtt_status = s->last_rtt_sample.status;
		l->rtt_ms = s->last_rtt.rtt_ms;
		l->loss_pct = s->last_rtt.loss_pct;
		copy_str(l->rtt_error, sizeof(l->rtt_error), s->last_rtt_sample.error);
		l->rtt_age_us = now_us - s->last_rtt_sample.t_us;
	}
	if (s->state == WALK_MEASURING) {
		double dur = info.scan_duration_s > 0 ? info.scan_duration_s : 3.0;
		double k;

		/* The tests run after one another while the radio is sampled: the longer wins. */
		if (s->want_measure && info.measure_duration_s > dur)
			dur = info.measure_duration_s;
		k = (double)(now_us - s->tap_us) / (dur * 1e6);
		l->got_scan = s->got_scan;
		l->got_link = s->got_link;
		l->got_measure = s->got_measure;
		if (k > 0.95)
			k = 0.95; /* until the set is complete */
		if (k < 0)
			k = 0;
		if (s->want_measure)
			l->progress = k; /* complete is READY */
		else
			l->progress = s->got_scan ? (s->got_link ? 1.0 : 0.97) : k;
	} else if (s->state == WALK_READY) {
		l->progress = 1.0;
	}
	if (s->track.n) {
		const struct track_point *b = &s->track.pts[s->track.n - 1];

		l->since_tap_us = now_us - b->t_us;
		if (s->track.n >= 2) {
			const struct track_point *a = &s->track.pts[s->track.n - 2];
			double dt = (double)(b->t_us - a->t_us) / 1e6;

			l->last_leg_m = hypot(b->x_m - a->x_m, b->y_m - a->y_m);
			if (dt > 0)
				l->last_leg_pace_mps = l->last_leg_m / dt;
		}
	}
}
