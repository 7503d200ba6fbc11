/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_recorder.c — the one writer of walks.
 *
 * First the recorder on its own: placement in both modes (at once when the
 * track knows, else when a tap closes the segment), undo placing again, pause
 * and continue, resume of stop-and-go and continuous walks, batch mode giving
 * the rows a live walk gives, refusals. Then `record`'s line language.
 *
 * Then the promise the recorder exists for: one scripted walk — taps, samples
 * of every kind, undo, pause, continue, a kill and a resume, finish — driven
 * through the walker's session with a scripted source and through `record`'s
 * driver (recorder/lines.h) gives the same rows, in both ways of walking.
 * Rows are compared as a canonical dump of walks, waypoints, samples,
 * observations, links and throughputs, without row ids and the walk's
 * interface and driver (which name the source).
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

#include "recorder/lines.h"
#include "recorder/recorder.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"
#include "util/mac.h"
#include "walker/session.h"
#include "walker/source.h"

#define S(sec) ((int64_t)llround((sec) * 1000000.0))
#define T0 S(1700000000.0)
#define AT(sec) (T0 + S(sec))
#define MONO(t) ((t) - T0 + S(1000))

/* ---- fixture: a scratch survey with one floor ---------------------------------- */

struct fx {
	char *dir;
	char path[256];
	struct survey *sv;
	int64_t floor_id;
};

static void fx_open(struct fx *f)
{
	struct ns_err err = { 0 };
	struct floorplan *fp = floorplan_new();

	memset(f, 0, sizeof(*f));
	f->dir = survey_test_tmpdir();
	snprintf(f->path, sizeof(f->path), "%s", survey_test_path(f->dir, "r.notspot"));
	assert_int_equal(survey_create(f->path, NULL, &f->sv, &err), 0);
	assert_non_null(fp);
	strcpy(fp->name, "Level 3");
	f->floor_id = survey_add_floor(f->sv, fp, &err);
	assert_true(f->floor_id > 0);
	floorplan_free(fp);
}

static void fx_reopen(struct fx *f)
{
	struct ns_err err = { 0 };

	survey_close(f->sv);
	assert_int_equal(survey_open(f->path, SURVEY_READ_WRITE, &f->sv, &err), 0);
}

static void fx_close(struct fx *f)
{
	survey_close(f->sv);
	survey_test_rmdir(f->dir);
}

static void walk_desc(struct survey_walk *w, int64_t floor_id, enum track_mode mode)
{
	memset(w, 0, sizeof(*w));
	w->floor_id = floor_id;
	w->start_us = T0;
	strcpy(w->operator_name, "A. Engineer");
	strcpy(w->note, "Ward 3A");
	strcpy(w->mode, recorder_mode_name(mode));
}

static struct recorder *begin(struct fx *f, enum track_mode mode, bool batch)
{
	struct recorder_opts o = { .mode = mode, .batch = batch };
	struct survey_walk w;
	struct recorder *r = NULL;
	struct ns_err err = { 0 };

	walk_desc(&w, f->floor_id, mode);
	assert_int_equal(recorder_begin(f->sv, &w, &o, &r, &err), 0);
	return r;
}

static void tap_at(struct recorder *r, double sec, double x, double y)
{
	struct survey_waypoint wp = { .t_us = AT(sec), .mono_us = MONO(AT(sec)), .x_m = x, .y_m = y };
	struct ns_err err = { 0 };

	assert_true(recorder_tap(r, &wp, &err) > 0);
}

static int64_t link_at(struct recorder *r, double sec, struct meas_sample *out)
{
	struct meas_sample s;
	struct ns_err err = { 0 };
	int64_t id;

	meas_init_sample(&s);
	s.t_us = AT(sec);
	s.mono_us = MONO(s.t_us);
	s.kind = SAMPLE_LINK;
	s.status = SAMPLE_NOT_ASSOCIATED;
	id = recorder_sample(r, &s, NULL, 0, NULL, NULL, &err);
	assert_true(id > 0);
	assert_int_equal(s.id, id);
	assert_int_equal(s.walk_id, recorder_walk_id(r));
	if (out)
		*out = s;
	return id;
}

/* Where the file says the sample at @sec is: true and x/y, or false when unplaced. */
struct where {
	int64_t t_us;
	bool found, placed;
	double x, y;
};

static int where_cb(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
		    size_t nobs, const struct meas_link *link, const struct meas_throughput *tp)
{
	struct where *w = arg;

	(void)obs, (void)nobs, (void)link, (void)tp;
	if (s->t_us != w->t_us)
		return 0;
	w->found = true;
	w->placed = s->placed;
	w->x = s->x_m;
	w->y = s->y_m;
	return 1;
}

static bool stored_at(struct fx *f, int64_t walk_id, double sec, double *x, double *y)
{
	struct survey_query q = { .walk_id = walk_id };
	struct where w = { .t_us = AT(sec) };
	struct ns_err err = { 0 };

	assert_true(survey_foreach_sample(f->sv, &q, where_cb, &w, &err) >= 0);
	assert_true(w.found);
	if (x)
		*x = w.x;
	if (y)
		*y = w.y;
	return w.placed;
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

/* ---- the recorder on its own --------------------------------------------------------- */

static void test_continuous_places_a_sample_when_the_next_tap_closes_its_segment(void **state)
{
	struct fx f;
	struct recorder *r;
	struct meas_sample s;
	double x, y;

	(void)state;
	fx_open(&f);
	r = begin(&f, TRACK_CONTINUOUS, false);
	link_at(r, 0.5, &s);
	assert_false(s.placed); /* before the first tap */
	tap_at(r, 1, 0, 0);
	link_at(r, 1, &s);
	assert_true(s.placed); /* exactly on a tap: known at once */
	link_at(r, 6, &s);
	assert_false(s.placed); /* after the last tap: not yet */
	assert_false(stored_at(&f, recorder_walk_id(r), 6, NULL, NULL));
	tap_at(r, 11, 10, 0);
	assert_true(stored_at(&f, recorder_walk_id(r), 6, &x, &y));
	assert_float_equal(x, 5, 1e-9);
	assert_float_equal(y, 0, 1e-9);
	assert_false(stored_at(&f, recorder_walk_id(r), 0.5, NULL, NULL));
	recorder_free(r);
	fx_close(&f);
}

static void test_stop_and_go_places_at_the_point_until_its_measurement_ends(void **state)
{
	struct fx f;
	struct recorder *r;
	struct meas_sample s;
	struct ns_err err = { 0 };
	int64_t id;

	(void)state;
	fx_open(&f);
	r = begin(&f, TRACK_STOP_AND_GO, false);
	tap_at(r, 1, 3, 4);
	link_at(r, 2, &s);
	assert_true(s.placed);
	assert_float_equal(s.x_m, 3, 0);
	assert_float_equal(s.y_m, 4, 0);
	link_at(r, 6, &s); /* stored before the end of the point was known */
	assert_true(s.placed);
	assert_int_equal(recorder_point_done(r, AT(5), &err), 0);
	id = recorder_walk_id(r);
	assert_false(stored_at(&f, id, 6, NULL, NULL)); /* after the end: walking on */
	assert_true(stored_at(&f, id, 2, NULL, NULL));
	link_at(r, 7, &s);
	assert_false(s.placed);
	/* A tap while a point is still measured ends it just before. */
	tap_at(r, 10, 8, 4);
	link_at(r, 12, &s);
	tap_at(r, 14, 9, 4);
	assert_true(stored_at(&f, id, 12, NULL, NULL));
	assert_int_equal(recorder_track(r)->pts[1].done_us, AT(14) - 1);
	recorder_free(r);
	fx_close(&f);
}

static void test_undo_places_the_samples_of_the_removed_tap_again(void **state)
{
	struct fx f;
	struct recorder *r;
	struct ns_err err = { 0 };
	int64_t id;

	(void)state;
	fx_open(&f);
	r = begin(&f, TRACK_CONTINUOUS, false);
	id = recorder_walk_id(r);
	tap_at(r, 0, 0, 0);
	link_at(r, 5, NULL);
	tap_at(r, 10, 10, 0);
	assert_true(stored_at(&f, id, 5, NULL, NULL));
	assert_int_equal(recorder_undo(r, &err), 1);
	assert_false(stored_at(&f, id, 5, NULL, NULL)); /* the segment is open again */
	assert_int_equal(count_waypoints(&f, id, NULL), 1);
	assert_int_equal(recorder_undo(r, &err), 1);
	assert_int_equal(recorder_undo(r, &err), 0); /* nothing left */
	recorder_free(r);

	r = begin(&f, TRACK_STOP_AND_GO, false);
	id = recorder_walk_id(r);
	tap_at(r, 0, 1, 1);
	assert_int_equal(recorder_point_done(r, AT(3), &err), 0);
	tap_at(r, 10, 5, 5);
	link_at(r, 11, NULL);
	assert_true(stored_at(&f, id, 11, NULL, NULL));
	assert_int_equal(recorder_undo(r, &err), 1);
	assert_false(stored_at(&f, id, 11, NULL, NULL)); /* the first point had ended at 3 s */
	recorder_free(r);
	fx_close(&f);
}

static void test_pause_records_a_pause_waypoint_and_leaves_samples_unplaced(void **state)
{
	struct fx f;
	struct recorder *r;
	struct meas_sample s;
	struct ns_err err = { 0 };
	size_t npause;
	double x, y;

	(void)state;
	fx_open(&f);
	r = begin(&f, TRACK_CONTINUOUS, false);
	assert_int_equal(recorder_pause(r, AT(0), MONO(AT(0)), &err), -EINVAL); /* no tap yet */
	tap_at(r, 0, 0, 0);
	link_at(r, 2, NULL);
	assert_int_equal(recorder_pause(r, AT(4), MONO(AT(4)), &err), 0);
	assert_true(recorder_paused(r));
	assert_int_equal(recorder_pause(r, AT(5), MONO(AT(5)), &err), -EINVAL);
	assert_int_equal(count_waypoints(&f, recorder_walk_id(r), &npause), 2);
	assert_int_equal(npause, 1);
	/* The pause waypoint is at the last tap: 0..4 s stood still there. */
	assert_true(stored_at(&f, recorder_walk_id(r), 2, &x, &y));
	assert_float_equal(x, 0, 1e-9);
	link_at(r, 6, &s);
	assert_false(s.placed);
	assert_int_equal(recorder_continue(r, &err), 0);
	assert_int_equal(recorder_continue(r, &err), -EINVAL);
	link_at(r, 7, &s);
	tap_at(r, 10, 10, 0);
	assert_false(stored_at(&f, recorder_walk_id(r), 6, NULL, NULL));
	assert_false(stored_at(&f, recorder_walk_id(r), 7, NULL, NULL)); /* from a pause: no segment */
	recorder_free(r);
	fx_close(&f);
}

static void test_finished_walk_refuses_taps_and_samples(void **state)
{
	struct fx f;
	struct recorder *r;
	struct survey_walk w;
	struct survey_waypoint wp = { .t_us = AT(3) };
	struct meas_sample s;
	struct ns_err err = { 0 };

	(void)state;
	fx_open(&f);
	r = begin(&f, TRACK_CONTINUOUS, false);
	tap_at(r, 1, 0, 0);
	wp.x_m = NAN;
	assert_int_equal(recorder_tap(r, &wp, &err), -EINVAL);
	assert_int_equal(recorder_finish(r, AT(2), &err), 0);
	assert_int_equal(recorder_finish(r, AT(9), &err), 0); /* a second finish does nothing */
	assert_int_equal(survey_get_walk(f.sv, recorder_walk_id(r), &w, &err), 0);
	assert_int_equal(w.end_us, AT(2));
	wp.x_m = 1;
	assert_int_equal(recorder_tap(r, &wp, &err), -EINVAL);
	meas_init_sample(&s);
	s.kind = SAMPLE_LINK;
	s.t_us = AT(3);
	assert_int_equal(recorder_sample(r, &s, NULL, 0, NULL, NULL, &err), -EINVAL);
	assert_int_equal(recorder_undo(r, &err), -EINVAL);
	recorder_free(r);
	fx_close(&f);
}

static void test_resume_pauses_a_continuous_walk_at_its_last_tap(void **state)
{
	struct fx f;
	struct recorder *r;
	struct meas_sample s;
	struct ns_err err = { 0 };
	int64_t id;
	size_t npause;

	(void)state;
	fx_open(&f);
	r = begin(&f, TRACK_CONTINUOUS, false);
	id = recorder_walk_id(r);
	tap_at(r, 0, 0, 0);
	tap_at(r, 10, 10, 0);
	link_at(r, 12, NULL);
	recorder_free(r); /* killed */
	fx_reopen(&f);
	assert_int_equal(recorder_resume(f.sv, id, MONO(AT(60)), NULL, NULL, &r, &err), 0);
	assert_true(recorder_paused(r));
	assert_int_equal(count_waypoints(&f, id, &npause), 3);
	assert_int_equal(npause, 1);
	assert_int_equal(recorder_track(r)->pts[2].t_us, AT(10) + 1);
	link_at(r, 70, &s);
	assert_false(s.placed);
	tap_at(r, 80, 10, 5); /* carries on from the pause: nothing since the kill is placed */
	assert_false(stored_at(&f, id, 70, NULL, NULL));
	assert_false(stored_at(&f, id, 12, NULL, NULL));
	assert_int_equal(recorder_finish(r, AT(90), &err), 0);
	recorder_free(r);
	/* A finished walk cannot be resumed. */
	assert_int_equal(recorder_resume(f.sv, id, 0, NULL, NULL, &r, &err), -EINVAL);
	fx_close(&f);
}

static int count_cb(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
		    size_t nobs, const struct meas_link *link, const struct meas_throughput *tp)
{
	(void)s, (void)obs, (void)nobs, (void)link, (void)tp;
	(*(int *)arg)++;
	return 0;
}

static void test_resume_of_stop_and_go_ends_each_point_with_its_last_placed_sample(void **state)
{
	struct fx f;
	struct recorder *r;
	struct meas_sample s;
	struct ns_err err = { 0 };
	int64_t id;
	int seen = 0;

	(void)state;
	fx_open(&f);
	r = begin(&f, TRACK_STOP_AND_GO, false);
	id = recorder_walk_id(r);
	tap_at(r, 0, 2, 2);
	link_at(r, 1, NULL);
	link_at(r, 3, NULL);
	assert_int_equal(recorder_point_done(r, AT(3), &err), 0);
	link_at(r, 5, NULL);
	recorder_free(r);
	fx_reopen(&f);
	assert_int_equal(recorder_resume(f.sv, id, MONO(AT(60)), count_cb, &seen, &r, &err), 0);
	assert_int_equal(seen, 3);
	assert_false(recorder_paused(r));
	assert_int_equal(recorder_track(r)->pts[0].done_us, AT(3));
	assert_int_equal(count_waypoints(&f, id, NULL), 1); /* no pause waypoint */
	link_at(r, 61, &s);
	assert_false(s.placed);
	recorder_free(r);
	/* Only the walker's modes can be resumed. */
	{
		struct survey_walk w;
		int64_t other;

		walk_desc(&w, f.floor_id, TRACK_CONTINUOUS);
		strcpy(w.mode, "capture");
		other = survey_begin_walk(f.sv, &w, &err);
		assert_int_equal(recorder_resume(f.sv, other, 0, NULL, NULL, &r, &err), -EINVAL);
		assert_non_null(strstr(err.msg, "capture"));
	}
	fx_close(&f);
}

/* ---- canonical dump of a survey's walks ------------------------------------------------- */

static void dump_obs(FILE *b, const struct meas_observation *o)
{
	char mac[18];

	fprintf(b, "  obs %s '%s' %d %d %d %d %d %.17g %.17g %d %.17g %s '%s' %d %d\n",
		    mac_format(o->bssid, mac), o->ssid, o->hidden, o->freq_mhz, o->channel,
		    o->width_mhz, o->center_freq_mhz, o->signal_dbm, o->noise_dbm, o->bss_stations,
		    o->bss_utilisation, o->security, o->ap_name, o->age_ms, o->associated);
}

static void dump_link(FILE *b, const struct meas_link *l)
{
	char mac[18];

	fprintf(b, "  link %s '%s' %d %.17g %.17g %.17g %.17g %.17g %.17g %lld %lld %lld "
		    "%lld %lld %.17g %d\n", mac_format(l->bssid, mac), l->ssid, l->freq_mhz,
		    l->signal_dbm, l->signal_avg_dbm, l->beacon_signal_avg_dbm, l->tx_bitrate_mbps,
		    l->rx_bitrate_mbps, l->expected_throughput_mbps, (long long)l->tx_retries,
		    (long long)l->tx_failed, (long long)l->beacon_loss, (long long)l->rx_bytes,
		    (long long)l->tx_bytes, l->noise_dbm, l->connected_s);
}

static int dump_sample(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
		       size_t nobs, const struct meas_link *link, const struct meas_throughput *tp)
{
	FILE *b = arg;

	fprintf(b, "sample %lld %lld %s %s '%s' %d %.17g %.17g %.17g\n",
		    (long long)(s->t_us - T0), (long long)s->mono_us, meas_kind_name(s->kind),
		    meas_status_name(s->status), s->error, s->placed, s->x_m, s->y_m, s->noise_dbm);
	for (size_t i = 0; i < nobs; i++)
		dump_obs(b, &obs[i]);
	if (link)
		dump_link(b, link);
	if (tp)
		fprintf(b, "  tput %s %s %s %.17g %.17g %.17g %.17g %.17g '%s'\n", tp->protocol,
			    tp->direction, tp->server, tp->duration_s, tp->mbps, tp->jitter_ms,
			    tp->loss_pct, tp->rtt_ms, tp->error);
	return 0;
}

/* Every walk of the file, without row ids and the walk's interface and driver. */
static char *dump_survey(struct survey *sv)
{
	struct survey_walk *walks = NULL;
	struct ns_err err = { 0 };
	char *text = NULL;
	size_t n = 0, len = 0;
	FILE *b = open_memstream(&text, &len);

	assert_non_null(b);
	assert_int_equal(survey_list_walks(sv, 0, &walks, &n, &err), 0);
	for (size_t i = 0; i < n; i++) {
		const struct survey_walk *w = &walks[i];
		struct survey_query q = { .walk_id = w->id };
		struct survey_waypoint *wps = NULL;
		size_t nwps = 0;

		fprintf(b, "walk %lld %lld %lld '%s' '%s' '%s' '%s'\n", (long long)w->floor_id,
			    (long long)(w->start_us - T0), (long long)(w->end_us ? w->end_us - T0 : -1),
			    w->operator_name, w->chipset, w->mode, w->note);
		assert_int_equal(survey_list_waypoints(sv, w->id, &wps, &nwps, &err), 0);
		for (size_t k = 0; k < nwps; k++)
			fprintf(b, "waypoint %lld %lld %.17g %.17g %d\n",
				    (long long)(wps[k].t_us - T0), (long long)wps[k].mono_us,
				    wps[k].x_m, wps[k].y_m, wps[k].pause);
		free(wps);
		assert_int_equal(survey_foreach_sample(sv, &q, dump_sample, b, &err), 0);
	}
	free(walks);
	fclose(b);
	return text;
}

/* ---- batch mode ------------------------------------------------------------------------ */

static void a_short_walk(struct recorder *r, enum track_mode mode)
{
	struct ns_err err = { 0 };

	link_at(r, 0.5, NULL);
	tap_at(r, 1, 0, 0);
	for (int i = 2; i < 30; i++) {
		link_at(r, i, NULL);
		if (i % 7 == 0)
			tap_at(r, i + 0.5, i, i / 2.0);
		if (mode == TRACK_STOP_AND_GO && i % 7 == 3)
			assert_int_equal(recorder_point_done(r, AT(i), &err), 0);
	}
	assert_int_equal(recorder_finish(r, AT(31), &err), 0);
}

static void test_batch_gives_the_rows_of_a_live_walk(void **state)
{
	enum track_mode modes[2] = { TRACK_CONTINUOUS, TRACK_STOP_AND_GO };

	(void)state;
	for (int m = 0; m < 2; m++) {
		struct fx live, batch;
		struct recorder *r;
		char *a, *b;

		fx_open(&live);
		fx_open(&batch);
		r = begin(&live, modes[m], false);
		a_short_walk(r, modes[m]);
		recorder_free(r);
		r = begin(&batch, modes[m], true);
		a_short_walk(r, modes[m]);
		recorder_free(r);
		a = dump_survey(live.sv);
		b = dump_survey(batch.sv);
		assert_string_equal(a, b);
		assert_non_null(strstr(a, "sample 15000000"));
		free(a);
		free(b);
		fx_close(&live);
		fx_close(&batch);
	}
}

static void test_batch_is_not_durable_before_the_finish(void **state)
{
	struct fx f;
	struct recorder *r;
	struct ns_err err = { 0 };
	struct survey_counts c;

	(void)state;
	fx_open(&f);
	r = begin(&f, TRACK_CONTINUOUS, true);
	tap_at(r, 1, 0, 0);
	link_at(r, 2, NULL);
	recorder_free(r); /* before the finish: rolled back */
	assert_int_equal(survey_count(f.sv, 0, &c, &err), 0);
	assert_int_equal(c.walks, 0);
	assert_int_equal(c.samples, 0);
	/* Inside the caller's batch the recorder leaves the commit to the caller. */
	assert_int_equal(survey_batch_begin(f.sv, &err), 0);
	r = begin(&f, TRACK_CONTINUOUS, true);
	tap_at(r, 1, 0, 0);
	assert_int_equal(recorder_finish(r, AT(2), &err), 0);
	recorder_free(r);
	assert_int_equal(survey_batch_commit(f.sv, &err), 0);
	assert_int_equal(survey_count(f.sv, 0, &c, &err), 0);
	assert_int_equal(c.walks, 1);
	fx_close(&f);
}

/* ---- record's lines ------------------------------------------------------------------------ */

static void test_lines_parse_positions_and_commands_and_refuse_the_rest(void **state)
{
	struct walk_line l;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(walk_line_parse("  12.5\t-3 \r\n", &l, &err), 0);
	assert_int_equal(l.cmd, WALK_LINE_POSITION);
	assert_float_equal(l.x_m, 12.5, 0);
	assert_float_equal(l.y_m, -3, 0);
	assert_int_equal(walk_line_parse("mark", &l, &err), 0);
	assert_int_equal(l.cmd, WALK_LINE_MARK);
	assert_int_equal(walk_line_parse("pause\n", &l, &err), 0);
	assert_int_equal(l.cmd, WALK_LINE_PAUSE);
	assert_int_equal(walk_line_parse("continue", &l, &err), 0);
	assert_int_equal(l.cmd, WALK_LINE_CONTINUE);
	assert_int_equal(walk_line_parse("undo", &l, &err), 0);
	assert_int_equal(l.cmd, WALK_LINE_UNDO);
	assert_int_equal(walk_line_parse("   ", &l, &err), 0);
	assert_int_equal(l.cmd, WALK_LINE_NONE);
	assert_int_equal(walk_line_parse("# 1 2", &l, &err), 0);
	assert_int_equal(l.cmd, WALK_LINE_NONE);
	assert_int_equal(walk_line_parse("1 2 3", &l, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "'1 2 3' is not a position"));
	assert_int_equal(walk_line_parse("1 nan", &l, &err), -EINVAL);
	assert_int_equal(walk_line_parse("1e999 2", &l, &err), -EINVAL);
	assert_int_equal(walk_line_parse("mark 2", &l, &err), -EINVAL);
	assert_int_equal(walk_line_parse("12", &l, &err), -EINVAL);
}

static void test_lines_mark_and_pause_need_a_position_first(void **state)
{
	struct fx f;
	struct recorder *r;
	struct walk_lines wl;
	struct walk_line l = { .cmd = WALK_LINE_MARK };
	struct walk_line_done done;
	struct ns_err err = { 0 };

	(void)state;
	fx_open(&f);
	r = begin(&f, TRACK_CONTINUOUS, false);
	walk_lines_init(&wl, r);
	assert_int_equal(walk_lines_apply(&wl, &l, AT(1), MONO(AT(1)), &done, &err), -EINVAL);
	l.cmd = WALK_LINE_UNDO;
	assert_int_equal(walk_lines_apply(&wl, &l, AT(1), MONO(AT(1)), &done, &err), -EINVAL);
	l = (struct walk_line){ .cmd = WALK_LINE_POSITION, .x_m = 4, .y_m = 2 };
	assert_int_equal(walk_lines_apply(&wl, &l, AT(2), MONO(AT(2)), &done, &err), 0);
	assert_true(done.tapped && done.waypoint);
	l.cmd = WALK_LINE_MARK;
	assert_int_equal(walk_lines_apply(&wl, &l, AT(3), MONO(AT(3)), &done, &err), 0);
	assert_float_equal(done.wp.x_m, 4, 0);
	l.cmd = WALK_LINE_PAUSE;
	assert_int_equal(walk_lines_apply(&wl, &l, AT(4), MONO(AT(4)), &done, &err), 0);
	assert_true(done.waypoint && done.wp.pause && !done.tapped);
	assert_int_equal(wl.nwaypoints, 3);
	recorder_free(r);
	fx_close(&f);
}

/* ---- one walk, two drivers ------------------------------------------------------------------- */

enum ev_kind { EV_TAP, EV_SAMPLE, EV_POINT_DONE, EV_UNDO, EV_PAUSE, EV_CONTINUE, EV_KILL, EV_FINISH };

struct ev {
	enum ev_kind kind;
	double sec;
	double x, y;            /* EV_TAP */
	enum meas_kind sk;      /* EV_SAMPLE */
	enum meas_status st;
};

/* A sample of kind @e->sk at @e->sec with every part its kind has. */
struct made {
	struct meas_sample s;
	struct meas_observation obs[2];
	size_t nobs;
	struct meas_link link;
	struct meas_throughput tp;
	bool has_link, has_tp;
};

static void make_sample(const struct ev *e, struct made *m)
{
	memset(m, 0, sizeof(*m));
	meas_init_sample(&m->s);
	m->s.t_us = AT(e->sec);
	m->s.mono_us = MONO(m->s.t_us);
	m->s.kind = e->sk;
	m->s.status = e->st;
	if (e->st != SAMPLE_OK)
		snprintf(m->s.error, sizeof(m->s.error), "failed at %.1f s", e->sec);
	if (e->sk == SAMPLE_SCAN || e->sk == SAMPLE_CAPTURE) {
		for (int i = 0; i < 2; i++) {
			meas_init_observation(&m->obs[i]);
			mac_parse(i ? "00:11:22:33:55:50" : "00:11:22:33:44:50", m->obs[i].bssid);
			strcpy(m->obs[i].ssid, "NHSWiFi");
			m->obs[i].freq_mhz = i ? 5200 : 5180;
			m->obs[i].channel = i ? 40 : 36;
			m->obs[i].signal_dbm = -60 - 7 * i - e->sec;
			m->obs[i].associated = i == 0 && e->sk == SAMPLE_SCAN;
			strcpy(m->obs[i].ap_name, i ? "W3-AP02" : "W3-AP01");
		}
		m->nobs = 2;
	}
	if (e->sk == SAMPLE_LINK || e->sk == SAMPLE_THROUGHPUT) {
		meas_init_link(&m->link);
		mac_parse("00:11:22:33:44:50", m->link.bssid);
		strcpy(m->link.ssid, "NHSWiFi");
		m->link.freq_mhz = 5180;
		m->link.signal_dbm = -61 - e->sec / 10;
		m->link.expected_throughput_mbps = 150;
		m->has_link = e->st == SAMPLE_OK;
	}
	if (e->sk == SAMPLE_THROUGHPUT || e->sk == SAMPLE_LATENCY) {
		meas_init_throughput(&m->tp);
		strcpy(m->tp.protocol, e->sk == SAMPLE_LATENCY ? "udp" : "tcp");
		strcpy(m->tp.direction, e->sk == SAMPLE_LATENCY ? "rtt" : "up");
		strcpy(m->tp.server, "192.0.2.10:5201");
		m->tp.mbps = e->sk == SAMPLE_THROUGHPUT ? 87.5 : NAN;
		m->tp.rtt_ms = e->sk == SAMPLE_LATENCY ? 3.25 : NAN;
		m->has_tp = true;
	}
	if (e->sk == SAMPLE_NOISE)
		m->s.noise_dbm = -95;
}

/* (a) The walker: a scripted source that stores through the binding, as the radio does. */
struct script {
	struct walk_source base;
	const struct ev *pending;  /* the source event to hand over at the next poll */
	struct walk_source_binding bind;
	bool measures_point;
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
	const struct ev *e = sc->pending;
	struct walk_event ev = { .kind = WALK_EV_SAMPLE };
	struct made m;
	int64_t id;

	(void)now_mono;
	if (!e || AT(e->sec) > now)
		return 0;
	sc->pending = NULL;
	if (e->kind == EV_POINT_DONE) {
		ev = (struct walk_event){ .kind = WALK_EV_POINT_DONE, .t_us = AT(e->sec) };
		return fn(arg, &ev);
	}
	make_sample(e, &m);
	id = recorder_sample(sc->bind.rec, &m.s, m.obs, m.nobs, m.has_link ? &m.link : NULL,
			     m.has_tp ? &m.tp : NULL, err);
	if (id < 0)
		return (int)id;
	ev.sample = m.s;
	ev.obs = m.nobs ? m.obs : NULL;
	ev.nobs = m.nobs;
	ev.link = m.has_link ? &m.link : NULL;
	ev.tp = m.has_tp ? &m.tp : NULL;
	return fn(arg, &ev);
}

static void script_info(const struct walk_source *src, struct walk_source_info *info)
{
	const struct script *sc = src->impl;

	strcpy(info->name, "script");
	strcpy(info->interface, "wlan0");
	strcpy(info->driver, "testdrv");
	info->scan_duration_s = 1.0;
	info->measures_point = sc->measures_point;
}

static const struct walk_source_ops script_ops = {
	.bind = script_bind, .poll = script_poll, .info = script_info,
};

static void drive_session(struct fx *f, const struct ev *evs, size_t n, enum track_mode mode)
{
	struct script sc = { .base = { &script_ops, &sc }, .measures_point = true };
	struct walk_session_opts o = { .mode = mode };
	struct walk_session *s = NULL;
	struct ns_err err = { 0 };
	int64_t walk_id = 0;

	strcpy(o.operator_name, "A. Engineer");
	strcpy(o.note, "Ward 3A");
	assert_int_equal(walk_session_begin(f->sv, f->floor_id, &o, &sc.base, T0, &s, &err), 0);
	for (size_t i = 0; i < n; i++) {
		const struct ev *e = &evs[i];
		int64_t t = AT(e->sec);

		switch (e->kind) {
		case EV_SAMPLE:
		case EV_POINT_DONE:
			sc.pending = e;
			assert_int_equal(walk_session_tick(s, t, MONO(t), &err), 0);
			assert_null(sc.pending);
			break;
		case EV_TAP:
			assert_int_equal(walk_session_tap(s, e->x, e->y, t, MONO(t), &err), 0);
			break;
		case EV_UNDO: assert_int_equal(walk_session_undo(s, t, &err), 1); break;
		case EV_PAUSE: assert_int_equal(walk_session_pause(s, t, MONO(t), &err), 0); break;
		case EV_CONTINUE: assert_int_equal(walk_session_continue(s, &err), 0); break;
		case EV_KILL:
			walk_id = walk_session_walk_id(s);
			walk_session_free(s);
			fx_reopen(f);
			assert_int_equal(walk_session_resume(f->sv, walk_id, &sc.base, t, MONO(t), &s,
							     &err), 0);
			break;
		case EV_FINISH:
			assert_int_equal(walk_session_finish(s, t, MONO(t), &err), 0);
			break;
		}
	}
	walk_session_free(s);
}

/* (b) `record`: the lines and the sampler's sink through recorder/lines.h. */
static void drive_lines(struct fx *f, const struct ev *evs, size_t n, enum track_mode mode)
{
	struct recorder_opts ro = { .mode = mode };
	struct survey_walk w;
	struct recorder *r = NULL;
	struct walk_lines wl;
	struct ns_err err = { 0 };

	walk_desc(&w, f->floor_id, mode);
	assert_int_equal(recorder_begin(f->sv, &w, &ro, &r, &err), 0);
	walk_lines_init(&wl, r);
	for (size_t i = 0; i < n; i++) {
		const struct ev *e = &evs[i];
		int64_t t = AT(e->sec), id;
		char line[64];
		struct walk_line l;
		struct made m;

		switch (e->kind) {
		case EV_SAMPLE:
			make_sample(e, &m);
			id = walk_lines_store(&wl, &m.s, m.obs, m.nobs, m.has_link ? &m.link : NULL,
					      m.has_tp ? &m.tp : NULL, &err);
			assert_true(id > 0);
			continue;
		case EV_POINT_DONE:
			assert_int_equal(walk_lines_point_done(&wl, t, &err), 0);
			continue;
		case EV_KILL:
			id = recorder_walk_id(r);
			recorder_free(r);
			fx_reopen(f);
			assert_int_equal(recorder_resume(f->sv, id, MONO(t), NULL, NULL, &r, &err), 0);
			walk_lines_init(&wl, r);
			continue;
		case EV_FINISH:
			assert_int_equal(walk_lines_finish(&wl, t, &err), 0);
			continue;
		case EV_TAP: snprintf(line, sizeof(line), "%.17g %.17g\n", e->x, e->y); break;
		case EV_UNDO: strcpy(line, "undo\n"); break;
		case EV_PAUSE: strcpy(line, "pause\n"); break;
		case EV_CONTINUE: strcpy(line, "continue\n"); break;
		}
		assert_int_equal(walk_line_parse(line, &l, &err), 0);
		assert_int_equal(walk_lines_apply(&wl, &l, t, MONO(t), NULL, &err), 0);
	}
	recorder_free(r);
}

#define SMP(sec, k) { EV_SAMPLE, (sec), 0, 0, (k), SAMPLE_OK }
#define BAD(sec, k) { EV_SAMPLE, (sec), 0, 0, (k), SAMPLE_FAILED }

/* A continuous walk: every kind of sample, an undo, a pause, a kill. */
static const struct ev continuous_walk[] = {
	SMP(0.5, SAMPLE_LINK), { EV_TAP, 1, 0, 0 }, SMP(1.5, SAMPLE_SCAN), SMP(2, SAMPLE_LINK),
	SMP(2.5, SAMPLE_NOISE), { EV_TAP, 4, 6, 0 }, SMP(4.5, SAMPLE_THROUGHPUT),
	SMP(5, SAMPLE_LATENCY), SMP(5.5, SAMPLE_CAPTURE), BAD(6, SAMPLE_THROUGHPUT),
	{ EV_TAP, 7, 6, 3.5 }, SMP(7.5, SAMPLE_LINK), { EV_UNDO, 8 }, { EV_TAP, 9, 6, 4 },
	SMP(9.5, SAMPLE_SCAN), BAD(10, SAMPLE_LINK), { EV_PAUSE, 11 }, SMP(12, SAMPLE_LINK),
	{ EV_CONTINUE, 13 }, SMP(13.5, SAMPLE_SCAN), { EV_TAP, 14, 8, 4 }, SMP(15, SAMPLE_LINK),
	{ EV_TAP, 17, 10, 4 }, SMP(17.5, SAMPLE_LATENCY), { EV_KILL, 30 }, SMP(31, SAMPLE_LINK),
	{ EV_TAP, 32, 10, 6 }, SMP(33, SAMPLE_SCAN), { EV_TAP, 35, 12, 6 }, SMP(36, SAMPLE_NOISE),
	{ EV_FINISH, 40 },
};

/*
 * A stop-and-go walk: each point complete with a link poll, a scan and its
 * tests (the point's end is the tests' end), a point left early, a pause.
 */
static const struct ev stop_and_go_walk[] = {
	SMP(0.5, SAMPLE_LINK), { EV_TAP, 1, 2, 2 }, SMP(1.5, SAMPLE_LINK), SMP(2.5, SAMPLE_SCAN),
	SMP(3, SAMPLE_THROUGHPUT), SMP(3.5, SAMPLE_LATENCY), { EV_POINT_DONE, 3.6 },
	SMP(4, SAMPLE_LINK), { EV_TAP, 6, 5, 2 }, SMP(6.5, SAMPLE_LINK), SMP(7, SAMPLE_CAPTURE),
	{ EV_TAP, 8, 8, 2 }, SMP(8.5, SAMPLE_LINK), SMP(9.5, SAMPLE_SCAN), BAD(10, SAMPLE_THROUGHPUT),
	{ EV_POINT_DONE, 10.2 }, SMP(11, SAMPLE_NOISE), { EV_TAP, 12, 8, 5 }, SMP(12.5, SAMPLE_LINK),
	{ EV_UNDO, 13 }, { EV_TAP, 14, 9, 5 }, SMP(14.5, SAMPLE_LINK), { EV_PAUSE, 15 },
	SMP(16, SAMPLE_LINK), { EV_CONTINUE, 17 }, { EV_TAP, 18, 11, 5 }, SMP(18.5, SAMPLE_LINK),
	{ EV_KILL, 30 }, SMP(31, SAMPLE_LINK), { EV_TAP, 32, 12, 8 }, SMP(32.5, SAMPLE_LINK),
	SMP(33.5, SAMPLE_SCAN), SMP(34, SAMPLE_LATENCY), { EV_POINT_DONE, 34.5 },
	SMP(35, SAMPLE_LINK), { EV_FINISH, 40 },
};

static void same_rows_from_both_drivers(const struct ev *evs, size_t n, enum track_mode mode,
					const char *expect)
{
	struct fx a, b;
	char *da, *db;

	fx_open(&a);
	fx_open(&b);
	drive_session(&a, evs, n, mode);
	drive_lines(&b, evs, n, mode);
	da = dump_survey(a.sv);
	db = dump_survey(b.sv);
	if (strcmp(da, db) != 0 || getenv("RECORDER_DUMP"))
		print_message("walker:\n%s\nrecord:\n%s\n", da, db);
	assert_string_equal(da, db);
	/* Not a vacuous comparison: the walk is finished, placed and unplaced parts. */
	assert_non_null(strstr(da, expect));
	assert_non_null(strstr(da, " 1 ")); /* a placed sample */
	assert_non_null(strstr(da, "  tput tcp up"));
	assert_non_null(strstr(da, "  obs 00:11:22:33:55:50"));
	free(da);
	free(db);
	fx_close(&a);
	fx_close(&b);
}

static void test_walker_and_record_store_the_same_continuous_walk(void **state)
{
	(void)state;
	same_rows_from_both_drivers(continuous_walk, sizeof(continuous_walk) / sizeof(continuous_walk[0]),
				    TRACK_CONTINUOUS, "walk 1 0 40000000 'A. Engineer' '' 'continuous'");
}

static void test_walker_and_record_store_the_same_stop_and_go_walk(void **state)
{
	(void)state;
	same_rows_from_both_drivers(stop_and_go_walk, sizeof(stop_and_go_walk) / sizeof(stop_and_go_walk[0]),
				    TRACK_STOP_AND_GO, "walk 1 0 40000000 'A. Engineer' '' 'stop-and-go'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_continuous_places_a_sample_when_the_next_tap_closes_its_segment),
		cmocka_unit_test(test_stop_and_go_places_at_the_point_until_its_measurement_ends),
		cmocka_unit_test(test_undo_places_the_samples_of_the_removed_tap_again),
		cmocka_unit_test(test_pause_records_a_pause_waypoint_and_leaves_samples_unplaced),
		cmocka_unit_test(test_finished_walk_refuses_taps_and_samples),
		cmocka_unit_test(test_resume_pauses_a_continuous_walk_at_its_last_tap),
		cmocka_unit_test(test_resume_of_stop_and_go_ends_each_point_with_its_last_placed_sample),
		cmocka_unit_test(test_batch_gives_the_rows_of_a_live_walk),
		cmocka_unit_test(test_batch_is_not_durable_before_the_finish),
		cmocka_unit_test(test_lines_parse_positions_and_commands_and_refuse_the_rest),
		cmocka_unit_test(test_lines_mark_and_pause_need_a_position_first),
		cmocka_unit_test(test_walker_and_record_store_the_same_continuous_walk),
		cmocka_unit_test(test_walker_and_record_store_the_same_stop_and_go_walk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
