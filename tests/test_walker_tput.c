/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_walker_tput.c — throughput and latency tests in a walk recorded with
 * the walker (`notspot walk --throughput --latency`): the radio source on the
 * fake kernel (tests/support/nl_fake) for the link polls, and a real
 * `iperf3 -s` this test starts on 127.0.0.1. A stop-and-go tap runs the tests
 * at the tapped point and the point becomes ready only after they ended —
 * also when they failed (the failure is stored). Only loopback traffic.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/support/iperf_server.h"

#include <linux/nl80211.h>

#include "scanner/latency.h"
#include "scanner/throughput.h"
#include "survey/survey.h"
#include "tests/support/nl_fake.h"
#include "tests/support/survey_fixtures.h"
#include "util/clock.h"
#include "walker/session.h"
#include "walker/source.h"

/* ---- an iperf3 server on loopback ----------------------------------------- */

static struct iperf_server srv;

static int free_port(void)
{
	int port = loopback_free_port();

	assert_true(port > 0);
	return port;
}

static void sleep_ms(int ms)
{
	test_sleep_ms(ms);
}

static int start_server(void **state)
{
	(void)state;
	return iperf_server_start(&srv, "test_walker_tput");
}

static int stop_server(void **state)
{
	(void)state;
	iperf_server_stop(&srv);
	return 0;
}

/* ---- the fake kernel (tests/support/nl_fake: wlan0 and its station) ------- */

/* The link side of a throughput test: the driver says 54 Mbit/s expected. */
static int read_link(void *arg, struct meas_link *out, struct ns_err *err)
{
	int *calls = arg;

	(void)err;
	(*calls)++;
	meas_init_link(out);
	out->expected_throughput_mbps = 54;
	return 0;
}

/* ---- a stop-and-go walk with the radio source ----------------------------- */

struct fx {
	char *dir;
	struct survey *sv;
	int64_t floor_id;
	struct walk_source *src;
	struct walk_session *ws;
	struct tput_options to;
	struct lat_options lo;
	int link_calls;
};

/*
 * A survey with one floor, the radio source on the fake kernel (link polls at
 * 20 Hz, no scans, no channel survey, so a point needs a link poll and its
 * tests) and a stop-and-go walk on it.
 */
static void fx_open_mode(struct fx *f, const char *server, bool latency, enum track_mode mode,
			 int tput_every_ms)
{
	struct floorplan *fp = floorplan_new();
	struct ns_err err = { 0 };
	struct nl80211 nl;
	struct walk_session_opts so = { .mode = mode };
	struct walk_radio_opts ro = { .link_hz = 20, .scan_interval_ms = -1, .survey_interval_ms = -1,
				      .tput_every_ms = tput_every_ms };

	memset(f, 0, sizeof(*f));
	f->dir = survey_test_tmpdir();
	assert_int_equal(survey_create(survey_test_path(f->dir, "w.notspot"), NULL, &f->sv, &err), 0);
	strcpy(fp->name, "ward");
	fp->width_px = 400;
	fp->height_px = 200;
	fp->px_per_m = 20;
	f->floor_id = survey_add_floor(f->sv, fp, &err);
	assert_true(f->floor_id > 0);
	floorplan_free(fp);

	tput_options_init(&f->to);
	f->to.server = server;
	f->to.duration_s = 1;
	f->to.timeout_s = 5;
	f->to.link_read = read_link;
	f->to.link_arg = &f->link_calls;
	ro.tput = &f->to;
	if (latency) {
		lat_options_init(&f->lo);
		f->lo.host = "127.0.0.1";
		f->lo.count = 3;
		f->lo.interval_s = 0.1;
		ro.lat = &f->lo;
	}
	nl_fake_open(&nl);
	nl_fake_queue_wlan0(); /* the source finds wlan0 */
	nl_fake_queue_wlan0(); /* the sampler learns its SSID and channel when the walk binds it */
	assert_int_equal(walk_source_radio_new_nl(&nl, "wlan0", &ro, &f->src, &err), 0);
	assert_int_equal(walk_session_begin(f->sv, f->floor_id, &so, f->src, ns_wall_us(), &f->ws,
					    &err), 0);
	/* The first link poll reads the interface again (a new BSSID); then stations. */
	nl_fake_queue_station(-58);
	nl_fake_queue_wlan0();
	for (int i = 0; i < 400; i++)
		nl_fake_queue_station(-58);
}

static void fx_open(struct fx *f, const char *server, bool latency)
{
	fx_open_mode(f, server, latency, TRACK_STOP_AND_GO, 0);
}

static void fx_close(struct fx *f)
{
	walk_session_free(f->ws);
	walk_source_free(f->src);
	survey_close(f->sv);
	survey_test_rmdir(f->dir);
}

/* What the app does: tick every 20 ms, until the point is ready. */
struct watch {
	bool measuring_with_link;   /* seen: a link poll in, the point still measuring */
	double max_progress_measuring;
	int ticks;
};

static void tick_until_ready(struct fx *f, struct watch *w, int max_ms)
{
	int64_t give_up = ns_mono_us() + (int64_t)max_ms * 1000;
	struct ns_err err = { 0 };
	struct walk_live l;

	memset(w, 0, sizeof(*w));
	while (walk_session_state(f->ws) == WALK_MEASURING) {
		assert_true(ns_mono_us() < give_up);
		sleep_ms(20);
		assert_int_equal(walk_session_tick(f->ws, ns_wall_us(), ns_mono_us(), &err), 0);
		walk_session_live(f->ws, ns_wall_us(), &l);
		if (l.state == WALK_MEASURING) {
			if (l.got_link)
				w->measuring_with_link = true;
			if (l.progress > w->max_progress_measuring)
				w->max_progress_measuring = l.progress;
			assert_true(l.progress >= 0 && l.progress < 1);
		}
		w->ticks++;
	}
}

#define MAX_SEEN 512

struct seen {
	int n;
	struct meas_sample s[MAX_SEEN];
	struct meas_throughput tp[MAX_SEEN];
	bool has_tp[MAX_SEEN];
};

static int collect(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
		   size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct seen *seen = arg;

	(void)obs;
	(void)nobs;
	(void)link;
	if (seen->n < MAX_SEEN) {
		seen->s[seen->n] = *s;
		seen->has_tp[seen->n] = tput != NULL;
		if (tput)
			seen->tp[seen->n] = *tput;
		seen->n++;
	}
	return 0;
}

static void read_back(struct fx *f, struct seen *seen)
{
	struct survey_query q = { 0 };
	struct ns_err err = { 0 };

	q.walk_id = walk_session_walk_id(f->ws);
	memset(seen, 0, sizeof(*seen));
	assert_int_equal(survey_foreach_sample(f->sv, &q, collect, seen, &err), 0);
}

static int count_kind(const struct seen *seen, enum meas_kind kind, int *last)
{
	int n = 0;

	for (int i = 0; i < seen->n; i++)
		if (seen->s[i].kind == kind) {
			n++;
			*last = i;
		}
	return n;
}

/* ---- tests ----------------------------------------------------------------- */

static void test_walker_tap_runs_throughput_at_the_point_and_is_ready_only_after_it(void **state)
{
	struct fx f;
	struct watch w;
	struct walk_source_info info;
	struct walk_live l;
	struct ns_err err = { 0 };
	struct seen seen;
	int t = -1, k = -1;
	int64_t tapped;

	(void)state;
	fx_open(&f, srv.addr, true);
	walk_source_info(f.src, &info);
	assert_true(info.measures_point);
	/* 1 s test + 1 s set-up, 3 probes 0.1 s apart + 0.5 s */
	assert_float_equal(info.measure_duration_s, 2.0 + 0.3 + 0.5, 1e-9);

	tapped = ns_wall_us();
	assert_int_equal(walk_session_tap(f.ws, 7, 3, tapped, ns_mono_us(), &err), 0);
	assert_int_equal(walk_session_state(f.ws), WALK_MEASURING);
	tick_until_ready(&f, &w, 30000);
	assert_int_equal(walk_session_state(f.ws), WALK_READY);
	/* Without tests a link poll (20 Hz) would have made it ready at once. */
	assert_true(w.measuring_with_link);
	assert_true(w.max_progress_measuring > 0.3); /* the bar moved over the 2.8 s expected */
	assert_int_equal(f.link_calls, 2);           /* the link side, before and after iperf3 */

	read_back(&f, &seen);
	assert_int_equal(count_kind(&seen, SAMPLE_THROUGHPUT, &t), 1);
	assert_int_equal(count_kind(&seen, SAMPLE_LATENCY, &k), 1);
	assert_true(k > t); /* one after the other: throughput first */
	assert_int_equal(seen.s[t].status, SAMPLE_OK);
	assert_true(seen.has_tp[t]);
	assert_string_equal(seen.tp[t].direction, "up");
	assert_string_equal(seen.tp[t].server, srv.addr);
	assert_true(seen.tp[t].mbps > 10); /* loopback moves far more than this */
	assert_int_equal(seen.s[k].status, SAMPLE_OK);
	assert_true(seen.tp[k].rtt_ms > 0 && seen.tp[k].rtt_ms < 1000);
	/* Both at the tapped point, taken after the tap. */
	for (int i = 0; i < seen.n; i++) {
		if (seen.s[i].kind != SAMPLE_THROUGHPUT && seen.s[i].kind != SAMPLE_LATENCY)
			continue;
		assert_true(seen.s[i].placed);
		assert_float_equal(seen.s[i].x_m, 7, 0);
		assert_float_equal(seen.s[i].y_m, 3, 0);
		assert_true(seen.s[i].t_us > tapped);
	}
	/* The point's measurement ended after the last test, not at the first link poll. */
	const struct track *tr = walk_session_track(f.ws);
	assert_int_equal(tr->n, 1);
	assert_true(tr->pts[0].done_us >= seen.s[k].t_us);

	/* The live panel: the last throughput (Mbit/s, direction) and RTT. */
	walk_session_live(f.ws, ns_wall_us(), &l);
	assert_true(l.measures_point);
	assert_float_equal(l.progress, 1.0, 0);
	assert_true(l.have_tput);
	assert_int_equal(l.tput_status, SAMPLE_OK);
	assert_float_equal(l.tput_mbps, seen.tp[t].mbps, 1e-9);
	assert_string_equal(l.tput_direction, "up");
	assert_string_equal(l.tput_error, "");
	assert_true(l.have_rtt);
	assert_float_equal(l.rtt_ms, seen.tp[k].rtt_ms, 1e-9);

	/* The dots count what is on disk, tests included. */
	assert_int_equal(l.nsamples, seen.n);
	fx_close(&f);
}

static void test_walker_server_down_is_stored_as_a_failure_and_the_point_becomes_ready(void **state)
{
	struct fx f;
	struct watch w;
	struct walk_live l;
	struct ns_err err = { 0 };
	struct seen seen;
	char down[32];
	int t = -1;

	(void)state;
	snprintf(down, sizeof(down), "127.0.0.1:%d", free_port()); /* nothing listens there */
	fx_open(&f, down, false);
	assert_int_equal(walk_session_tap(f.ws, 12, 5, ns_wall_us(), ns_mono_us(), &err), 0);
	tick_until_ready(&f, &w, 10000);
	assert_int_equal(walk_session_state(f.ws), WALK_READY);

	read_back(&f, &seen);
	assert_int_equal(count_kind(&seen, SAMPLE_THROUGHPUT, &t), 1);
	assert_int_equal(seen.s[t].status, SAMPLE_FAILED);
	assert_non_null(strstr(seen.s[t].error, "refused"));
	assert_true(isnan(seen.tp[t].mbps));
	assert_true(seen.s[t].placed);
	assert_float_equal(seen.s[t].x_m, 12, 0);
	assert_float_equal(seen.s[t].y_m, 5, 0);
	assert_true(walk_session_track(f.ws)->pts[0].done_us >= seen.s[t].t_us);

	walk_session_live(f.ws, ns_wall_us(), &l);
	assert_true(l.have_tput);
	assert_int_equal(l.tput_status, SAMPLE_FAILED);
	assert_true(isnan(l.tput_mbps));
	assert_non_null(strstr(l.tput_error, "refused"));
	assert_false(l.have_rtt);
	fx_close(&f);
}

static void test_walker_tap_during_a_test_stores_it_cancelled_at_the_previous_point(void **state)
{
	struct fx f;
	struct watch w;
	struct ns_err err = { 0 };
	struct seen seen;
	int n_up = 0, at_first = 0, at_second = 0;

	(void)state;
	fx_open(&f, srv.addr, false);
	assert_int_equal(walk_session_tap(f.ws, 2, 2, ns_wall_us(), ns_mono_us(), &err), 0);
	/* Let the test start (a few ticks), then move on before it ends. */
	for (int i = 0; i < 10; i++) {
		sleep_ms(20);
		assert_int_equal(walk_session_tick(f.ws, ns_wall_us(), ns_mono_us(), &err), 0);
	}
	assert_int_equal(walk_session_state(f.ws), WALK_MEASURING);
	assert_int_equal(walk_session_tap(f.ws, 9, 4, ns_wall_us(), ns_mono_us(), &err), 0);
	tick_until_ready(&f, &w, 30000);
	assert_int_equal(walk_session_state(f.ws), WALK_READY);

	read_back(&f, &seen);
	for (int i = 0; i < seen.n; i++) {
		if (seen.s[i].kind != SAMPLE_THROUGHPUT)
			continue;
		n_up++;
		assert_true(seen.s[i].placed);
		if (seen.s[i].x_m == 2 && seen.s[i].y_m == 2) {
			at_first++;
			assert_int_not_equal(seen.s[i].status, SAMPLE_OK);
			assert_non_null(strstr(seen.s[i].error, "cancel"));
		} else if (seen.s[i].x_m == 9 && seen.s[i].y_m == 4) {
			at_second++;
			assert_int_equal(seen.s[i].status, SAMPLE_OK);
		}
	}
	assert_int_equal(n_up, 2);
	assert_int_equal(at_first, 1);
	assert_int_equal(at_second, 1);
	fx_close(&f);
}

static void test_walker_finish_during_a_test_stores_it_cancelled_at_the_point(void **state)
{
	struct fx f;
	struct ns_err err = { 0 };
	struct seen seen;
	struct survey_walk walk;
	int t = -1;

	(void)state;
	fx_open(&f, srv.addr, false);
	assert_int_equal(walk_session_tap(f.ws, 4, 6, ns_wall_us(), ns_mono_us(), &err), 0);
	for (int i = 0; i < 10; i++) {
		sleep_ms(20);
		assert_int_equal(walk_session_tick(f.ws, ns_wall_us(), ns_mono_us(), &err), 0);
	}
	assert_int_equal(walk_session_state(f.ws), WALK_MEASURING);
	read_back(&f, &seen);
	assert_int_equal(count_kind(&seen, SAMPLE_THROUGHPUT, &t), 0); /* still running */

	assert_int_equal(walk_session_finish(f.ws, ns_wall_us(), ns_mono_us(), &err), 0);
	assert_int_equal(walk_session_state(f.ws), WALK_FINISHED);
	read_back(&f, &seen);
	assert_int_equal(count_kind(&seen, SAMPLE_THROUGHPUT, &t), 1);
	assert_int_not_equal(seen.s[t].status, SAMPLE_OK);
	assert_non_null(strstr(seen.s[t].error, "cancel"));
	assert_true(seen.s[t].placed);
	assert_float_equal(seen.s[t].x_m, 4, 0);
	assert_float_equal(seen.s[t].y_m, 6, 0);
	assert_int_equal(survey_get_walk(f.sv, walk_session_walk_id(f.ws), &walk, &err), 0);
	assert_true(walk.end_us > 0);
	fx_close(&f);
}

static void test_walker_continuous_runs_throughput_on_its_period_placed_along_the_leg(void **state)
{
	struct fx f;
	struct ns_err err = { 0 };
	struct seen seen;
	int64_t t0, t1;
	int n = 0;

	(void)state;
	fx_open_mode(&f, srv.addr, false, TRACK_CONTINUOUS, 60000); /* one test at once, then 60 s */
	t0 = ns_wall_us();
	assert_int_equal(walk_session_tap(f.ws, 0, 0, t0, ns_mono_us(), &err), 0);
	/* A 1 s test: tick until it is stored (unplaced: no tap after it yet). */
	for (int i = 0; i < 250; i++) {
		int k = -1;

		sleep_ms(20);
		assert_int_equal(walk_session_tick(f.ws, ns_wall_us(), ns_mono_us(), &err), 0);
		read_back(&f, &seen);
		if (count_kind(&seen, SAMPLE_THROUGHPUT, &k) == 1)
			break;
	}
	assert_int_equal(walk_session_state(f.ws), WALK_WALKING);
	t1 = ns_wall_us();
	assert_int_equal(walk_session_tap(f.ws, 10, 0, t1, ns_mono_us(), &err), 0);

	read_back(&f, &seen);
	for (int i = 0; i < seen.n; i++) {
		double x;

		if (seen.s[i].kind != SAMPLE_THROUGHPUT)
			continue;
		n++;
		assert_int_equal(seen.s[i].status, SAMPLE_OK);
		/* Placed by time along the leg (0,0) → (10,0). */
		assert_true(seen.s[i].placed);
		x = 10.0 * (double)(seen.s[i].t_us - t0) / (double)(t1 - t0);
		assert_float_equal(seen.s[i].x_m, x, 1e-6);
		assert_float_equal(seen.s[i].y_m, 0, 1e-9);
		assert_true(seen.s[i].x_m > 0 && seen.s[i].x_m < 10);
	}
	assert_int_equal(n, 1);
	fx_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walker_tap_runs_throughput_at_the_point_and_is_ready_only_after_it),
		cmocka_unit_test(test_walker_server_down_is_stored_as_a_failure_and_the_point_becomes_ready),
		cmocka_unit_test(test_walker_tap_during_a_test_stores_it_cancelled_at_the_previous_point),
		cmocka_unit_test(test_walker_finish_during_a_test_stores_it_cancelled_at_the_point),
		cmocka_unit_test(test_walker_continuous_runs_throughput_on_its_period_placed_along_the_leg),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, start_server, stop_server);
}
