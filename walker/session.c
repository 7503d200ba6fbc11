/* SPDX-License-Identifier: GPL-3.0-or-later */
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
	struct recorder *rec;     /* owned: every write and all placement */
	enum walk_state state;

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
	return recorder_mode_parse(name, mode);
}

const char *walk_mode_name(enum track_mode mode)
{
	return recorder_mode_name(mode);
}

static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static struct walk_session *session_alloc(struct survey *sv, struct walk_source *src)
{
	struct walk_session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->sv = sv;
	s->src = src;
	return s;
}

void walk_session_free(struct walk_session *s)
{
	if (!s)
		return;
	recorder_free(s->rec);
	free(s->dots);
	free(s);
}

static const struct track *trk(const struct walk_session *s)
{
	return recorder_track(s->rec);
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

/*
 * The recorder has placed (or unplaced) the stored samples from @from on by
 * the track; the dots follow, so the map shows what the file holds.
 */
static void dots_follow(struct walk_session *s, int64_t from)
{
	for (size_t i = 0; i < s->ndots; i++) {
		struct walk_dot *d = &s->dots[i];
		bool was = d->placed;

		if (d->t_us < from)
			continue;
		d->placed = track_position(trk(s), d->t_us, &d->x_m, &d->y_m);
		s->nplaced += (int64_t)d->placed - (int64_t)was;
	}
}

/* The time from which a change at the end of the track can move samples. */
static int64_t last_segment_from(const struct walk_session *s)
{
	const struct track *t = trk(s);

	return t->n >= 2 ? t->pts[t->n - 2].t_us : INT64_MIN;
}

/* ---- waypoints ---------------------------------------------------------------- */

static int commit_waypoint(struct walk_session *s, double x, double y, bool pause, int64_t t_us,
			   int64_t mono_us, struct ns_err *err)
{
	struct survey_waypoint wp = {
		.t_us = t_us, .mono_us = mono_us, .x_m = x, .y_m = y, .pause = pause,
	};
	int64_t id = recorder_tap(s->rec, &wp, err);

	if (id < 0)
		return (int)id;
	dots_follow(s, last_segment_from(s));
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
	bool measure = recorder_mode(s->rec) == TRACK_STOP_AND_GO;

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
static int point_maybe_complete(struct walk_session *s, struct ns_err *err)
{
	int64_t done;
	int rc;

	if (!s->got_link || (!s->got_scan && !s->no_scans) || (s->want_measure && !s->got_measure))
		return 0;
	done = s->got_scan && s->got_scan_us > s->got_link_us ? s->got_scan_us : s->got_link_us;
	if (s->want_measure && s->got_measure_us > done)
		done = s->got_measure_us;
	rc = recorder_point_done(s->rec, done, err);
	if (rc < 0)
		return rc;
	s->state = WALK_READY;
	return 0;
}

static int on_sample(struct walk_session *s, const struct walk_event *ev, struct ns_err *err)
{
	struct meas_sample sm = ev->sample;
	struct walk_dot d;
	int64_t id;
	const char *assoc_ssid = "";

	if (sm.id > 0) {
		/* Stored by the source itself (through the binding): just show it. */
		id = sm.id;
	} else {
		if (s->state == WALK_PAUSED || s->state == WALK_FINISHED)
			return 0; /* belongs to no place on the walk: see session.h */
		id = recorder_sample(s->rec, &sm, ev->obs, ev->nobs, ev->link, ev->tp, err);
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
		return point_maybe_complete(s, err);
	}
	return 0;
}

/* The tapped point's throughput/latency tests have ended (results stored). */
static int on_point_done(struct walk_session *s, const struct walk_event *ev, struct ns_err *err)
{
	if (s->state != WALK_MEASURING || !s->want_measure || s->got_measure)
		return 0;
	s->got_measure = true;
	s->got_measure_us = ev->t_us > s->tap_us ? ev->t_us : s->tap_us;
	return point_maybe_complete(s, err);
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
		return on_point_done(s, ev, err);
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
	const struct track *t = trk(s);
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
	if (!t->n)
		return 0;
	/* What the recorder places again: from the new last tap (or the removed one). */
	from = t->n >= 2 && t->mode == TRACK_CONTINUOUS ? t->pts[t->n - 2].t_us
							 : t->pts[t->n - 1].t_us;
	rc = recorder_undo(s->rec, err);
	if (rc <= 0)
		return rc;
	dots_follow(s, from);
	if (!t->n)
		s->state = WALK_IDLE;
	else if (t->mode == TRACK_STOP_AND_GO)
		s->state = WALK_READY;
	else
		s->state = recorder_paused(s->rec) ? WALK_PAUSED : WALK_WALKING;
	return 1;
}

int walk_session_pause(struct walk_session *s, int64_t now_us, int64_t now_mono_us,
		       struct ns_err *err)
{
	int64_t from = trk(s)->n ? trk(s)->pts[trk(s)->n - 1].t_us : INT64_MIN;
	int rc;

	if (s->state == WALK_FINISHED || s->state == WALK_PAUSED)
		return ns_err_set(err, -EINVAL, "the walk is %s", walk_state_name(s->state));
	if (walk_source_pending(s->src)) {
		/* Walking to a tapped point: pause when there. */
		s->pause_on_arrival = true;
		return 0;
	}
	if (!trk(s)->n)
		return ns_err_set(err, -EINVAL, "there is no tap to pause at yet");
	rc = recorder_pause(s->rec, now_us, now_mono_us, err);
	if (rc < 0)
		return rc;
	dots_follow(s, from);
	s->state = WALK_PAUSED;
	return 0;
}

int walk_session_continue(struct walk_session *s, struct ns_err *err)
{
	if (s->state != WALK_PAUSED)
		return ns_err_set(err, -EINVAL, "the walk is not paused");
	if (recorder_paused(s->rec)) {
		int rc = recorder_continue(s->rec, err);

		if (rc < 0)
			return rc;
	}
	if (!trk(s)->n)
		s->state = WALK_IDLE;
	else
		s->state = trk(s)->mode == TRACK_STOP_AND_GO ? WALK_READY : WALK_WALKING;
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
	rc = recorder_finish(s->rec, now_us, err);
	if (rc < 0)
		return rc;
	dots_follow(s, INT64_MIN);
	s->state = WALK_FINISHED;
	return 0;
}

/* ---- begin and resume ------------------------------------------------------------- */

/* A source that stores its own samples stores them in our recorder. */
static int bind_source(struct walk_session *s, struct ns_err *err)
{
	struct walk_source_binding b = { .rec = s->rec };

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
	struct recorder_opts ro = { .mode = o->mode };
	struct walk_source_info info;
	struct survey_walk w;
	struct walk_session *s;
	int rc;

	walk_source_info(src, &info);
	fill_walk(&w, floor_id, o, &info, now_us);
	s = session_alloc(sv, src);
	if (!s)
		return ns_err_set(err, -ENOMEM, "out of memory starting a walk");
	rc = recorder_begin(sv, &w, &ro, &s->rec, err);
	if (rc == 0)
		rc = bind_source(s, err);
	if (rc < 0) {
		walk_session_free(s);
		return rc;
	}
	s->state = WALK_IDLE;
	*out = s;
	return 0;
}

struct resume_ctx {
	struct walk_session *s;
	int rc;
};

/* Each stored sample of the resumed walk: on the map and in the live panel again. */
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
	return 0;
}

static enum walk_state resumed_state(const struct walk_session *s)
{
	if (!trk(s)->n)
		return WALK_IDLE;
	if (trk(s)->mode == TRACK_STOP_AND_GO)
		return WALK_READY;
	return WALK_PAUSED;
}

int walk_session_resume(struct survey *sv, int64_t walk_id, struct walk_source *src,
			int64_t now_us, int64_t now_mono_us, struct walk_session **out,
			struct ns_err *err)
{
	struct resume_ctx ctx = { 0 };
	int rc;

	(void)now_us;
	ctx.s = session_alloc(sv, src);
	if (!ctx.s)
		return ns_err_set(err, -ENOMEM, "out of memory resuming a walk");
	rc = recorder_resume(sv, walk_id, now_mono_us, resume_sample, &ctx, &ctx.s->rec, err);
	if (ctx.rc < 0)
		rc = ns_err_set(err, ctx.rc, "out of memory resuming a walk");
	if (rc == 0) {
		dots_follow(ctx.s, INT64_MIN); /* a continuous walk was paused at its last tap */
		ctx.s->state = resumed_state(ctx.s);
		rc = bind_source(ctx.s, err);
	}
	if (rc < 0) {
		walk_session_free(ctx.s);
		return rc;
	}
	*out = ctx.s;
	return 0;
}

/* ---- what the screen shows -------------------------------------------------------- */

const struct track *walk_session_track(const struct walk_session *s)
{
	return trk(s);
}

const struct walk_dot *walk_session_dots(const struct walk_session *s, size_t *n)
{
	*n = s->ndots;
	return s->dots;
}

int64_t walk_session_walk_id(const struct walk_session *s)
{
	return recorder_walk_id(s->rec);
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

static void live_init(struct walk_live *l)
{
	memset(l, 0, sizeof(*l));
	l->signal_dbm = l->noise_dbm = l->snr_db = NAN;
	l->tx_bitrate_mbps = l->rx_bitrate_mbps = NAN;
	l->link_age_us = l->scan_age_us = l->since_tap_us = -1;
	l->tput_mbps = l->rtt_ms = l->loss_pct = NAN;
	l->tput_age_us = l->rtt_age_us = -1;
	l->last_leg_m = l->last_leg_pace_mps = NAN;
}

/* The associated link: the last link poll, named from the scans heard so far. */
static void live_link(const struct walk_session *s, int64_t now_us, struct walk_live *l)
{
	const struct meas_link *k = &s->last_link;

	if (!s->have_link)
		return;
	l->have_link = true;
	l->link_age_us = now_us - s->last_link_sample.t_us;
	l->associated = s->last_link_sample.status == SAMPLE_OK;
	l->warn_not_associated = !l->associated;
	if (!l->associated)
		return;
	copy_str(l->ssid, sizeof(l->ssid), k->ssid);
	memcpy(l->bssid, k->bssid, 6);
	l->freq_mhz = k->freq_mhz;
	l->channel = channel_of(k->freq_mhz);
	l->signal_dbm = k->signal_dbm;
	l->noise_dbm = !isnan(k->noise_dbm) ? k->noise_dbm : s->last_link_sample.noise_dbm;
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

/* The last scan, the last throughput test and latency run. */
static void live_results(const struct walk_session *s, int64_t now_us, struct walk_live *l)
{
	if (s->have_scan) {
		l->scan_age_us = now_us - s->last_scan.t_us;
		l->scan_nbss = s->last_scan_nbss;
		l->scan_status = s->last_scan.status;
		l->warn_cached_only = s->last_scan.status == SAMPLE_SCAN_CACHED;
		l->warn_stale = l->scan_age_us > STALE_SCAN_US && s->state != WALK_PAUSED;
	}
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
}

/* Stop-and-go: how far the point being measured is. */
static void live_progress(const struct walk_session *s, const struct walk_source_info *info,
			  int64_t now_us, struct walk_live *l)
{
	double dur = info->scan_duration_s > 0 ? info->scan_duration_s : 3.0;
	double k;

	l->measures_point = s->want_measure;
	if (s->state == WALK_READY)
		l->progress = 1.0;
	if (s->state != WALK_MEASURING)
		return;
	/* The tests run after one another while the radio is sampled: the longer wins. */
	if (s->want_measure && info->measure_duration_s > dur)
		dur = info->measure_duration_s;
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
}

/* Continuous: the time since the last tap and the pace of the last leg. */
static void live_pace(const struct track *t, int64_t now_us, struct walk_live *l)
{
	const struct track_point *a, *b;
	double dt;

	if (!t->n)
		return;
	b = &t->pts[t->n - 1];
	l->since_tap_us = now_us - b->t_us;
	if (t->n < 2)
		return;
	a = &t->pts[t->n - 2];
	dt = (double)(b->t_us - a->t_us) / 1e6;
	l->last_leg_m = hypot(b->x_m - a->x_m, b->y_m - a->y_m);
	if (dt > 0)
		l->last_leg_pace_mps = l->last_leg_m / dt;
}

void walk_session_live(const struct walk_session *s, int64_t now_us, struct walk_live *l)
{
	struct walk_source_info info;

	live_init(l);
	walk_source_info(s->src, &info);
	l->state = s->state;
	l->mode = trk(s)->mode;
	l->walk_id = recorder_walk_id(s->rec);
	l->nwaypoints = trk(s)->n;
	l->pending = walk_source_pending(s->src);
	l->nsamples = (int64_t)s->ndots;
	l->nplaced = s->nplaced;
	live_link(s, now_us, l);
	live_results(s, now_us, l);
	l->warn_cached_only = l->warn_cached_only || info.scans_cached_only;
	l->warn_interface_gone = info.interface_gone;
	copy_str(l->source_error, sizeof(l->source_error), s->source_error);
	live_progress(s, &info, now_us, l);
	live_pace(trk(s), now_us, l);
}
