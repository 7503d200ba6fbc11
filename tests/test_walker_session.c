/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_walker_session.c — a walk recorded into a real (temporary) survey file:
 * taps become waypoints, samples are committed as they arrive and placed
 * along the route, stop-and-go points complete only with a fresh scan and a
 * link poll, undo, pause, finish and a walk resumed after the app was killed.
 *
 * The "script" source below is a fixed radio: a link poll every 0.5 s and a
 * scan every 2 s from t = 0, with the status the test chooses. The simulator
 * source is tested on a small floor with one AP.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/sim.h"
#include "survey/survey.h"
#include "walker/session.h"
#include "walker/source.h"
#include "util/mac.h"

#define S(sec) ((int64_t)llround((sec) * 1000000.0))
#define T0 S(1700000000.0) /* wall clock of the walk's start */
#define MONO(t) ((t) - T0 + S(1000))

/* ---- a scripted source ---------------------------------------------------------- */

struct script {
	struct walk_source base;
	int64_t next_link, next_scan;
	double link_every_s, scan_every_s;
	enum meas_status link_status, scan_status;
	int64_t last_tap;
	int ntaps;
	bool gone;
	bool commit_itself;             /* like the scanner's sampling loop */
	struct walk_source_binding bind;
};

static int script_bind(struct walk_source *src, const struct walk_source_binding *b,
		       struct ns_err *err)
{
	struct script *sc = src->impl;

	(void)err;
	sc->bind = *b;
	return 0;
}

static int script_poll(struct walk_source *src, int64_t now, int64_t now_mono, walk_event_fn fn,
		       void *arg, struct ns_err *err)
{
	struct script *sc = src->impl;
	struct meas_observation obs[2];
	struct meas_link link;

	(void)err;
	if (sc->gone)
		return ns_err_set(err, -ENODEV, "the interface wlan0 is gone");
	for (;;) {
		struct walk_event ev = { .kind = WALK_EV_SAMPLE };
		bool is_link = sc->next_link <= sc->next_scan;
		int64_t t = is_link ? sc->next_link : sc->next_scan;
		int rc;

		if (t > now)
			return 0;
		meas_init_sample(&ev.sample);
		ev.sample.t_us = t;
		ev.sample.mono_us = now_mono - (now - t);
		if (is_link) {
			sc->next_link += S(sc->link_every_s);
			ev.sample.kind = SAMPLE_LINK;
			ev.sample.status = sc->link_status;
			if (sc->link_status == SAMPLE_OK) {
				meas_init_link(&link);
				mac_parse("00:11:22:33:44:50", link.bssid);
				strcpy(link.ssid, "NHSWiFi");
				link.freq_mhz = 5180;
				link.signal_dbm = -61;
				link.noise_dbm = -95;
				link.tx_bitrate_mbps = 433.3;
				ev.link = &link;
			}
		} else {
			sc->next_scan += S(sc->scan_every_s);
			ev.sample.kind = SAMPLE_SCAN;
			ev.sample.status = sc->scan_status;
			for (int i = 0; i < 2; i++) {
				meas_init_observation(&obs[i]);
				mac_parse(i ? "00:11:22:33:55:50" : "00:11:22:33:44:50",
						   obs[i].bssid);
				strcpy(obs[i].ssid, "NHSWiFi");
				obs[i].freq_mhz = i ? 5200 : 5180;
				obs[i].channel = i ? 40 : 36;
				obs[i].signal_dbm = i ? -74 : -60;
				obs[i].associated = i == 0;
				strcpy(obs[i].ap_name, i ? "W3-AP02" : "W3-AP01");
			}
			ev.obs = obs;
			ev.nobs = 2;
		}
		if (sc->commit_itself) {
			int64_t id = recorder_sample(sc->bind.rec, &ev.sample, ev.obs, ev.nobs,
						     ev.link, NULL, err);

			if (id < 0)
				return (int)id;
		}
		rc = fn(arg, &ev);
		if (rc)
			return rc;
	}
}

static void script_tap(struct walk_source *src, int64_t t, double x, double y, bool measure)
{
	struct script *sc = src->impl;

	(void)x;
	(void)y;
	(void)measure;
	sc->last_tap = t;
	sc->ntaps++;
}

static void script_info(const struct walk_source *src, struct walk_source_info *info)
{
	const struct script *sc = src->impl;

	strcpy(info->name, "script");
	strcpy(info->interface, "wlan0");
	strcpy(info->driver, "testdrv");
	info->scan_duration_s = sc->scan_every_s;
	info->interface_gone = sc->gone;
}

static const struct walk_source_ops script_ops = {
	.bind = script_bind, .poll = script_poll, .tap = script_tap, .info = script_info,
};

static void script_init(struct script *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->base.ops = &script_ops;
	sc->base.impl = sc;
	sc->link_every_s = 0.5;
	sc->scan_every_s = 2.0;
	sc->next_link = T0 + S(0.5);
	sc->next_scan = T0 + S(2.0);
}

/* ---- fixture: a temporary survey with one 20 m x 10 m floor ------------------------ */

struct fx {
	char dir[64];
	char path[96];
	struct survey *sv;
	int64_t floor_id;
	struct floorplan *fp;
	struct script sc;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct ns_err err = { 0 };
	struct fp_point ward[] = { { 0, 0 }, { 20, 0 }, { 20, 10 }, { 0, 10 } };

	assert_non_null(f);
	strcpy(f->dir, "/tmp/notspot-walk-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/t.notspot", f->dir);
	assert_int_equal(survey_create(f->path, NULL, &f->sv, &err), 0);
	f->fp = floorplan_new();
	assert_non_null(f->fp);
	strcpy(f->fp->name, "Level 3");
	f->fp->width_px = 400;
	f->fp->height_px = 200;
	f->fp->px_per_m = 20;
	assert_int_equal(floorplan_add_ward(f->fp, "Ward 3A", ward, 4), 0);
	f->floor_id = survey_add_floor(f->sv, f->fp, &err);
	assert_true(f->floor_id > 0);
	script_init(&f->sc);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char wal[128], shm[128];

	survey_close(f->sv);
	floorplan_free(f->fp);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	snprintf(shm, sizeof(shm), "%s-shm", f->path);
	unlink(f->path);
	unlink(wal);
	unlink(shm);
	rmdir(f->dir);
	free(f);
	return 0;
}

static struct walk_session *begin(struct fx *f, enum track_mode mode, struct walk_source *src)
{
	struct walk_session_opts o = { .mode = mode };
	struct walk_session *s = NULL;
	struct ns_err err = { 0 };

	strcpy(o.operator_name, "A. Engineer");
	strcpy(o.note, "Ward 3A after the AP move");
	assert_int_equal(walk_session_begin(f->sv, f->floor_id, &o, src, T0, &s, &err), 0);
	return s;
}

static void tap(struct walk_session *s, double sec, double x, double y)
{
	struct ns_err err = { 0 };

	assert_int_equal(walk_session_tap(s, x, y, T0 + S(sec), MONO(T0 + S(sec)), &err), 0);
}

static void tick(struct walk_session *s, double sec)
{
	struct ns_err err = { 0 };

	assert_int_equal(walk_session_tick(s, T0 + S(sec), MONO(T0 + S(sec)), &err), 0);
}

/* Every sample of the walk as stored in the file. */
struct stored {
	size_t n;
	int64_t t[512];
	bool placed[512];
	double x[512], y[512];
	int kind[512];
};

static int collect(void *arg, const struct meas_sample *sm, const struct meas_observation *obs,
		   size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct stored *st = arg;

	(void)obs;
	(void)nobs;
	(void)link;
	(void)tput;
	if (st->n == 512)
		return 1;
	st->t[st->n] = sm->t_us;
	st->placed[st->n] = sm->placed;
	st->x[st->n] = sm->x_m;
	st->y[st->n] = sm->y_m;
	st->kind[st->n] = sm->kind;
	st->n++;
	return 0;
}

static void load(struct fx *f, int64_t walk_id, struct stored *st)
{
	struct survey_query q = { .walk_id = walk_id };
	struct ns_err err = { 0 };

	memset(st, 0, sizeof(*st));
	assert_int_equal(survey_foreach_sample(f->sv, &q, collect, st, &err), 0);
}

/* The stored sample taken at @sec, which must exist. */
static size_t at(const struct stored *st, double sec)
{
	for (size_t i = 0; i < st->n; i++)
		if (st->t[i] == T0 + S(sec))
			return i;
	fail_msg("no sample at %.1f s", sec);
	return 0;
}

static size_t count_waypoints(struct fx *f, int64_t walk_id, size_t *npause)
{
	struct survey_waypoint *wps = NULL;
	size_t n = 0;
	struct ns_err err = { 0 };

	assert_int_equal(survey_list_waypoints(f->sv, walk_id, &wps, &n, &err), 0);
	if (npause) {
		*npause = 0;
		for (size_t i = 0; i < n; i++)
			*npause += wps[i].pause;
	}
	free(wps);
	return n;
}

/* ---- continuous ------------------------------------------------------------------------ */

static void test_continuous_commits_samples_as_they_arrive_and_places_them_when_a_tap_closes_the_segment(void **state)
{
	struct fx *f = *state;
	struct walk_session *s = begin(f, TRACK_CONTINUOUS, &f->sc.base);
	int64_t id = walk_session_walk_id(s);
	struct stored st;
	size_t i;

	tap(s, 1, 0, 0);
	tick(s, 6);
	load(f, id, &st);
	/* 0.5 … 6.0: 12 link polls and 3 scans, all on disk, none placed yet. */
	assert_int_equal(st.n, 15);
	i = at(&st, 5.0);
	assert_false(st.placed[i]);
	tap(s, 11, 10, 0);
	tick(s, 11);
	load(f, id, &st);
	i = at(&st, 6.0); /* halfway from (0,0)@1 s to (10,0)@11 s */
	assert_true(st.placed[i]);
	assert_float_equal(st.x[i], 5.0, 1e-9);
	assert_float_equal(st.y[i], 0.0, 1e-9);
	i = at(&st, 0.5); /* before the first tap */
	assert_false(st.placed[i]);
	tap(s, 16, 10, 5);
	tick(s, 18);
	load(f, id, &st);
	i = at(&st, 14.0);
	assert_true(st.placed[i]);
	assert_float_equal(st.x[i], 10.0, 1e-9);
	assert_float_equal(st.y[i], 3.0, 1e-9);
	i = at(&st, 17.0); /* after the last tap: not known yet */
	assert_false(st.placed[i]);
	assert_int_equal(count_waypoints(f, id, NULL), 3);
	walk_session_free(s);
}

static void test_continuous_undo_unplaces_the_samples_of_the_removed_segment(void **state)
{
	struct fx *f = *state;
	struct walk_session *s = begin(f, TRACK_CONTINUOUS, &f->sc.base);
	int64_t id = walk_session_walk_id(s);
	struct ns_err err = { 0 };
	struct stored st;
	size_t ndots;
	const struct walk_dot *dots;

	tap(s, 0, 0, 0);
	tick(s, 10);
	tap(s, 10, 10, 0);
	tick(s, 20);
	tap(s, 20, 10, 10);
	load(f, id, &st);
	assert_true(st.placed[at(&st, 15.0)]);
	assert_int_equal(walk_session_undo(s, T0 + S(21), &err), 1);
	assert_int_equal(count_waypoints(f, id, NULL), 2);
	load(f, id, &st);
	assert_false(st.placed[at(&st, 15.0)]);
	assert_true(st.placed[at(&st, 5.0)]);
	assert_float_equal(st.x[at(&st, 5.0)], 5.0, 1e-9);
	/* The map's copy agrees with the file. */
	dots = walk_session_dots(s, &ndots);
	assert_int_equal(ndots, st.n);
	for (size_t i = 0; i < ndots; i++)
		assert_int_equal(dots[i].placed, st.placed[at(&st, (double)(dots[i].t_us - T0) / 1e6)]);
	/* Tapping again places the reopened segment along the new one. */
	tap(s, 30, 0, 10);
	load(f, id, &st);
	assert_true(st.placed[at(&st, 20.0)]);
	assert_float_equal(st.x[at(&st, 20.0)], 5.0, 1e-9);
	assert_float_equal(st.y[at(&st, 20.0)], 5.0, 1e-9);
	walk_session_free(s);
}

static void test_continuous_pause_records_a_pause_waypoint_and_no_samples_until_the_next_tap(void **state)
{
	struct fx *f = *state;
	struct walk_session *s = begin(f, TRACK_CONTINUOUS, &f->sc.base);
	int64_t id = walk_session_walk_id(s);
	struct ns_err err = { 0 };
	struct stored st;
	size_t npause, before;

	tap(s, 0, 0, 0);
	tick(s, 4);
	tap(s, 4, 4, 0);
	assert_int_equal(walk_session_pause(s, T0 + S(4), MONO(T0 + S(4)), &err), 0);
	assert_int_equal(walk_session_state(s), WALK_PAUSED);
	assert_int_equal(count_waypoints(f, id, &npause), 3);
	assert_int_equal(npause, 1);
	load(f, id, &st);
	before = st.n;
	tick(s, 60); /* a minute's break */
	load(f, id, &st);
	assert_int_equal(st.n, before);
	tap(s, 60, 4, 0);
	assert_int_equal(walk_session_state(s), WALK_WALKING);
	tick(s, 65);
	tap(s, 65, 9, 0);
	load(f, id, &st);
	assert_true(st.placed[at(&st, 62.5)]);
	assert_float_equal(st.x[at(&st, 62.5)], 6.5, 1e-9);
	walk_session_free(s);
}

/* ---- stop-and-go ------------------------------------------------------------------------ */

static void test_stop_and_go_point_is_ready_only_after_a_fresh_scan_and_link_poll(void **state)
{
	struct fx *f = *state;
	struct walk_session *s = begin(f, TRACK_STOP_AND_GO, &f->sc.base);
	int64_t id = walk_session_walk_id(s);
	struct walk_live live;
	struct stored st;

	tick(s, 2.9); /* a scan at 2.0 s, before the tap */
	tap(s, 3.0, 5, 5);
	assert_int_equal(walk_session_state(s), WALK_MEASURING);
	tick(s, 3.5); /* a link poll, but no scan since the tap */
	walk_session_live(s, T0 + S(3.5), &live);
	assert_int_equal(live.state, WALK_MEASURING);
	assert_true(live.got_link);
	assert_false(live.got_scan);
	assert_true(live.progress > 0.0 && live.progress < 1.0);
	/* The scan ending at 4.0 s began at 2.0 s, on the way: it does not count. */
	tick(s, 4.0);
	assert_int_equal(walk_session_state(s), WALK_MEASURING);
	tick(s, 6.0); /* the scan of 4.0 … 6.0 s was taken here */
	assert_int_equal(walk_session_state(s), WALK_READY);
	tick(s, 7.0);
	load(f, id, &st);
	assert_false(st.placed[at(&st, 2.0)]); /* before the tap */
	assert_true(st.placed[at(&st, 3.5)]);
	assert_float_equal(st.x[at(&st, 3.5)], 5.0, 1e-9);
	assert_true(st.placed[at(&st, 4.0)]);
	assert_true(st.placed[at(&st, 6.0)]);
	assert_false(st.placed[at(&st, 6.5)]); /* walking on, after the point was done */
	walk_session_free(s);
}

static void test_stop_and_go_undo_returns_the_point_samples_to_unplaced(void **state)
{
	struct fx *f = *state;
	struct walk_session *s = begin(f, TRACK_STOP_AND_GO, &f->sc.base);
	int64_t id = walk_session_walk_id(s);
	struct ns_err err = { 0 };
	struct stored st;

	tap(s, 0.1, 1, 1);
	tick(s, 2.1);
	tap(s, 2.2, 8, 1);
	tick(s, 4.1);
	assert_int_equal(walk_session_state(s), WALK_READY);
	load(f, id, &st);
	assert_true(st.placed[at(&st, 3.5)]);
	assert_float_equal(st.x[at(&st, 3.5)], 8.0, 1e-9);
	assert_int_equal(walk_session_undo(s, T0 + S(4.2), &err), 1);
	load(f, id, &st);
	assert_false(st.placed[at(&st, 3.5)]);
	assert_true(st.placed[at(&st, 1.0)]); /* the first point keeps its samples */
	assert_float_equal(st.x[at(&st, 1.0)], 1.0, 1e-9);
	assert_int_equal(count_waypoints(f, id, NULL), 1);
	walk_session_free(s);
}

/* ---- finish and resume ------------------------------------------------------------------ */

static void test_finish_closes_the_walk_and_refuses_further_taps(void **state)
{
	struct fx *f = *state;
	struct walk_session *s = begin(f, TRACK_CONTINUOUS, &f->sc.base);
	struct ns_err err = { 0 };
	struct survey_walk w;

	tap(s, 0, 0, 0);
	tick(s, 3);
	assert_int_equal(walk_session_finish(s, T0 + S(3), MONO(T0 + S(3)), &err), 0);
	assert_int_equal(survey_get_walk(f->sv, walk_session_walk_id(s), &w, &err), 0);
	assert_int_equal(w.end_us, T0 + S(3));
	assert_string_equal(w.mode, "continuous");
	assert_string_equal(w.operator_name, "A. Engineer");
	assert_string_equal(w.interface, "wlan0");
	assert_int_equal(walk_session_tap(s, 1, 1, T0 + S(4), MONO(T0 + S(4)), &err), -EINVAL);
	walk_session_free(s);
}

static void test_resume_after_a_kill_keeps_every_sample_and_continues_from_a_pause(void **state)
{
	struct fx *f = *state;
	struct walk_session *s = begin(f, TRACK_CONTINUOUS, &f->sc.base);
	int64_t id = walk_session_walk_id(s);
	struct ns_err err = { 0 };
	struct stored st;
	size_t ndots, npause;

	tap(s, 0, 0, 0);
	tick(s, 5);
	tap(s, 5, 5, 0);
	tick(s, 8); /* samples 5..8 unplaced; then the app is killed */
	walk_session_free(s);

	assert_int_equal(walk_session_resume(f->sv, id, &f->sc.base, T0 + S(100),
					     MONO(T0 + S(100)), &s, &err), 0);
	walk_session_dots(s, &ndots);
	load(f, id, &st);
	assert_int_equal(ndots, st.n);
	assert_int_equal(st.n, 20); /* 16 link polls and 4 scans in 8 s */
	assert_int_equal(walk_session_track(s)->n, 3);
	assert_int_equal(count_waypoints(f, id, &npause), 3);
	assert_int_equal(npause, 1);
	assert_int_equal(walk_session_state(s), WALK_PAUSED);
	tick(s, 100); /* samples while paused are not recorded */
	load(f, id, &st);
	assert_int_equal(st.n, 20);
	tap(s, 100, 5, 0);
	tick(s, 110);
	tap(s, 110, 5, 10);
	load(f, id, &st);
	assert_false(st.placed[at(&st, 7.0)]); /* taken after the last tap before the kill */
	assert_true(st.placed[at(&st, 105.0)]);
	assert_float_equal(st.y[at(&st, 105.0)], 5.0, 1e-9);
	walk_session_free(s);
}

static void test_resume_of_stop_and_go_keeps_finished_points_finished(void **state)
{
	struct fx *f = *state;
	struct walk_session *s = begin(f, TRACK_STOP_AND_GO, &f->sc.base);
	int64_t id = walk_session_walk_id(s);
	struct ns_err err = { 0 };
	struct stored st;

	tap(s, 0.1, 2, 2);
	tick(s, 5);
	assert_int_equal(walk_session_state(s), WALK_READY);
	walk_session_free(s);
	assert_int_equal(walk_session_resume(f->sv, id, &f->sc.base, T0 + S(6), MONO(T0 + S(6)),
					     &s, &err), 0);
	assert_int_equal(walk_session_state(s), WALK_READY);
	assert_int_equal(walk_session_track(s)->pts[0].done_us, T0 + S(2.0));
	tap(s, 7, 9, 2);
	assert_int_equal(walk_session_undo(s, T0 + S(8), &err), 1);
	load(f, id, &st);
	assert_true(st.placed[at(&st, 1.5)]);
	assert_false(st.placed[at(&st, 4.0)]); /* after the first point was done */
	walk_session_free(s);
}

/* ---- the live panel ------------------------------------------------------------------------ */

static void test_live_panel_shows_link_ap_name_snr_and_scan_age(void **state)
{
	struct fx *f = *state;
	struct walk_session *s = begin(f, TRACK_CONTINUOUS, &f->sc.base);
	struct walk_live l;
	char b[18];

	tap(s, 0, 0, 0);
	tick(s, 2.5);
	walk_session_live(s, T0 + S(3.0), &l);
	assert_true(l.associated);
	assert_string_equal(l.ssid, "NHSWiFi");
	assert_string_equal(mac_format(l.bssid, b), "00:11:22:33:44:50");
	assert_string_equal(l.ap_name, "W3-AP01");
	assert_int_equal(l.channel, 36);
	assert_float_equal(l.signal_dbm, -61, 1e-9);
	assert_float_equal(l.snr_db, 34, 1e-9);
	assert_int_equal(l.scan_age_us, S(1.0));
	assert_int_equal(l.nsamples, 6);
	assert_false(l.warn_not_associated || l.warn_cached_only || l.warn_stale);
	walk_session_free(s);
}

static void test_live_panel_warns_not_associated_cached_only_stale_and_gone(void **state)
{
	struct fx *f = *state;
	struct walk_session *s;
	struct walk_live l;
	struct ns_err err = { 0 };

	f->sc.link_status = SAMPLE_NOT_ASSOCIATED;
	f->sc.scan_status = SAMPLE_SCAN_CACHED;
	s = begin(f, TRACK_CONTINUOUS, &f->sc.base);
	tap(s, 0, 0, 0);
	tick(s, 2.0);
	walk_session_live(s, T0 + S(2.0), &l);
	assert_true(l.warn_not_associated);
	assert_true(isnan(l.snr_db));
	assert_true(l.warn_cached_only);
	assert_false(l.warn_stale);
	walk_session_live(s, T0 + S(30.0), &l);
	assert_true(l.warn_stale);
	f->sc.gone = true;
	assert_int_equal(walk_session_tick(s, T0 + S(3), MONO(T0 + S(3)), &err), -ENODEV);
	walk_session_live(s, T0 + S(3.0), &l);
	assert_true(l.warn_interface_gone);
	assert_string_equal(l.source_error, "the interface wlan0 is gone");
	walk_session_free(s);
}

static void test_samples_a_source_commits_itself_are_placed_once_and_shown(void **state)
{
	struct fx *f = *state;
	struct walk_session *s;
	struct stored st;
	size_t ndots;
	int64_t id;

	f->sc.commit_itself = true;
	s = begin(f, TRACK_CONTINUOUS, &f->sc.base);
	id = walk_session_walk_id(s);
	assert_int_equal(recorder_walk_id(f->sc.bind.rec), id);
	tap(s, 1, 0, 0);
	tick(s, 6);
	tap(s, 11, 10, 0);
	tick(s, 12);
	load(f, id, &st);
	walk_session_dots(s, &ndots);
	assert_int_equal(st.n, 30); /* 0.5 … 12 s: 24 link polls and 6 scans, each stored once */
	assert_int_equal(ndots, st.n);
	/* Placed at commit by the bound track (11.0 s is on the last tap)… */
	assert_true(st.placed[at(&st, 11.0)]);
	assert_float_equal(st.x[at(&st, 11.0)], 10.0, 1e-9);
	/* …and by the session when the tap at 11 s closed the segment. */
	assert_true(st.placed[at(&st, 6.0)]);
	assert_float_equal(st.x[at(&st, 6.0)], 5.0, 1e-9);
	assert_false(st.placed[at(&st, 11.5)]);
	walk_session_free(s);
}

/* ---- the simulator as the source --------------------------------------------------------------- */

static struct sim_world *small_world(struct fx *f)
{
	struct sim_ap ap = { 0 };
	struct sim_config cfg;
	struct sim_world *w = NULL;
	struct ns_err err = { 0 };

	strcpy(ap.name, "W3-AP01");
	ap.pos = (struct fp_point){ 10, 5 };
	ap.height_m = 2.7;
	mac_parse("00:11:22:33:44:50", ap.base_mac);
	ap.radios[0] = (struct sim_radio){ .freq_mhz = 5180, .width_mhz = 20, .tx_power_dbm = 17 };
	ap.nradios = 1;
	strcpy(ap.ssids[0].name, "NHSWiFi");
	strcpy(ap.ssids[0].security, "wpa2-eap");
	ap.nssids = 1;
	sim_config_default(&cfg);
	cfg.seed = 7;
	assert_int_equal(sim_world_new(f->fp, &ap, 1, &cfg, &w, &err), 0);
	return w;
}

static void test_sim_continuous_engineer_walks_to_each_tap_and_samples_lie_on_the_route(void **state)
{
	struct fx *f = *state;
	struct sim_world *w = small_world(f);
	struct walk_sim_opts o;
	struct walk_source *src = NULL;
	struct walk_session *s;
	struct ns_err err = { 0 };
	struct stored st;
	struct survey_waypoint *wps = NULL;
	size_t nwps = 0, nplaced = 0;
	struct walk_live live;

	walk_sim_opts_default(&o);
	o.moves_engineer = true;
	o.pace_mps = 2.0;
	assert_int_equal(walk_source_sim_new(w, &o, T0, &src, &err), 0);
	s = begin(f, TRACK_CONTINUOUS, src);
	tap(s, 1, 2, 2);    /* the start: reached at once */
	tap(s, 1.5, 18, 2); /* 16 m at 2 m/s: arrives at 9 s */
	tap(s, 2, 18, 8);   /* 6 m more: arrives at 12 s */
	tick(s, 5);
	walk_session_live(s, T0 + S(5), &live);
	assert_int_equal(live.pending, 2);
	assert_int_equal(live.nwaypoints, 1);
	tick(s, 14);
	assert_int_equal(survey_list_waypoints(f->sv, walk_session_walk_id(s), &wps, &nwps, &err), 0);
	assert_int_equal(nwps, 3);
	assert_int_equal(wps[0].t_us, T0 + S(1));
	assert_int_equal(wps[1].t_us, T0 + S(9));
	assert_int_equal(wps[2].t_us, T0 + S(12));
	assert_float_equal(wps[2].y_m, 8.0, 1e-9);
	free(wps);
	load(f, walk_session_walk_id(s), &st);
	for (size_t i = 0; i < st.n; i++) {
		double sec = (double)(st.t[i] - T0) / 1e6;

		if (sec < 1 || sec > 12) {
			assert_false(st.placed[i]);
			continue;
		}
		assert_true(st.placed[i]);
		nplaced++;
		if (sec <= 9) { /* on the first leg, where the simulated radio was */
			assert_float_equal(st.x[i], 2 + 2.0 * (sec - 1), 1e-6);
			assert_float_equal(st.y[i], 2, 1e-6);
		} else {
			assert_float_equal(st.x[i], 18, 1e-6);
			assert_float_equal(st.y[i], 2 + 2.0 * (sec - 9), 1e-6);
		}
	}
	assert_true(nplaced >= 22); /* 11 s of link polls at 2 Hz alone */
	walk_session_free(s);
	walk_source_free(src);
	sim_world_free(w);
}

static void test_sim_stop_and_go_measures_at_the_tap_with_a_scan_started_there(void **state)
{
	struct fx *f = *state;
	struct sim_world *w = small_world(f);
	struct walk_sim_opts o;
	struct walk_source *src = NULL;
	struct walk_session *s;
	struct ns_err err = { 0 };
	struct stored st;

	walk_sim_opts_default(&o);
	assert_int_equal(walk_source_sim_new(w, &o, T0, &src, &err), 0);
	s = begin(f, TRACK_STOP_AND_GO, src);
	tick(s, 2.0);
	tap(s, 2.0, 12, 5);
	tick(s, 4.4);
	assert_int_equal(walk_session_state(s), WALK_MEASURING);
	tick(s, 4.5); /* the scan started at the tap ends 2.5 s later */
	assert_int_equal(walk_session_state(s), WALK_READY);
	load(f, walk_session_walk_id(s), &st);
	assert_int_equal(st.n, 6); /* link polls at 2.5 … 4.5 s and the scan ending at 4.5 s */
	for (size_t i = 0; i < st.n; i++) {
		/* Nothing before the first tap (the engineer was nowhere); all at the tap. */
		assert_true(st.t[i] >= T0 + S(2.5));
		assert_true(st.placed[i]);
		assert_float_equal(st.x[i], 12, 1e-9);
		assert_float_equal(st.y[i], 5, 1e-9);
	}
	walk_session_free(s);
	walk_source_free(src);
	sim_world_free(w);
}

static void test_sim_pause_while_walking_pauses_on_arrival_and_finish_drops_the_rest(void **state)
{
	struct fx *f = *state;
	struct sim_world *w = small_world(f);
	struct walk_sim_opts o;
	struct walk_source *src = NULL;
	struct walk_session *s;
	struct ns_err err = { 0 };
	size_t npause;
	int64_t id;

	walk_sim_opts_default(&o);
	o.moves_engineer = true;
	o.pace_mps = 1.0;
	assert_int_equal(walk_source_sim_new(w, &o, T0, &src, &err), 0);
	s = begin(f, TRACK_CONTINUOUS, src);
	id = walk_session_walk_id(s);
	tap(s, 1, 2, 5);
	tap(s, 1.1, 6, 5); /* 4 m: arrives at 5 s */
	tick(s, 2);
	assert_int_equal(walk_session_pause(s, T0 + S(2), MONO(T0 + S(2)), &err), 0);
	assert_int_equal(walk_session_state(s), WALK_WALKING); /* still on the way */
	tick(s, 6);
	assert_int_equal(walk_session_state(s), WALK_PAUSED);
	assert_int_equal(count_waypoints(f, id, &npause), 2);
	assert_int_equal(npause, 1); /* the arrival at (6, 5) is the pause */
	tap(s, 7, 6, 9);              /* continue: walk 4 m more … */
	tick(s, 8);
	assert_int_equal(walk_session_finish(s, T0 + S(8), MONO(T0 + S(8)), &err), 0);
	tick(s, 20);                  /* … but the walk ended first */
	assert_int_equal(count_waypoints(f, id, NULL), 2);
	{
		struct walk_live l;

		walk_session_live(s, T0 + S(20), &l);
		assert_int_equal(l.pending, 0);
		assert_int_equal(l.state, WALK_FINISHED);
	}
	walk_session_free(s);
	walk_source_free(src);
	sim_world_free(w);
}

static void test_undo_while_walking_cancels_the_destination_first(void **state)
{
	struct fx *f = *state;
	struct sim_world *w = small_world(f);
	struct walk_sim_opts o;
	struct walk_source *src = NULL;
	struct walk_session *s;
	struct ns_err err = { 0 };
	double x, y;

	walk_sim_opts_default(&o);
	o.moves_engineer = true;
	assert_int_equal(walk_source_sim_new(w, &o, T0, &src, &err), 0);
	s = begin(f, TRACK_CONTINUOUS, src);
	tap(s, 1, 2, 5);
	tap(s, 1, 12, 5); /* 10 m at 1 m/s */
	tick(s, 4);
	assert_int_equal(walk_session_undo(s, T0 + S(4), &err), 1);
	assert_int_equal(count_waypoints(f, walk_session_walk_id(s), NULL), 1);
	/* The engineer stops where they were (3 m along) instead of walking on. */
	assert_true(walk_source_position(src, T0 + S(9), &x, &y));
	assert_float_equal(x, 5.0, 1e-6);
	tick(s, 15);
	assert_int_equal(count_waypoints(f, walk_session_walk_id(s), NULL), 1);
	walk_session_free(s);
	walk_source_free(src);
	sim_world_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_continuous_commits_samples_as_they_arrive_and_places_them_when_a_tap_closes_the_segment),
		T(test_continuous_undo_unplaces_the_samples_of_the_removed_segment),
		T(test_continuous_pause_records_a_pause_waypoint_and_no_samples_until_the_next_tap),
		T(test_stop_and_go_point_is_ready_only_after_a_fresh_scan_and_link_poll),
		T(test_stop_and_go_undo_returns_the_point_samples_to_unplaced),
		T(test_finish_closes_the_walk_and_refuses_further_taps),
		T(test_resume_after_a_kill_keeps_every_sample_and_continues_from_a_pause),
		T(test_resume_of_stop_and_go_keeps_finished_points_finished),
		T(test_live_panel_shows_link_ap_name_snr_and_scan_age),
		T(test_live_panel_warns_not_associated_cached_only_stale_and_gone),
		T(test_samples_a_source_commits_itself_are_placed_once_and_shown),
		T(test_sim_continuous_engineer_walks_to_each_tap_and_samples_lie_on_the_route),
		T(test_sim_stop_and_go_measures_at_the_tap_with_a_scan_started_there),
		T(test_sim_pause_while_walking_pauses_on_arrival_and_finish_drops_the_rest),
		T(test_undo_while_walking_cancels_the_destination_first),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
