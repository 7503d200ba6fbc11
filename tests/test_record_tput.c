/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_record_tput.c — throughput and latency inside the sampling loop of a
 * walk (what `notspot record --throughput --latency` runs): against a real
 * `iperf3 -s` this test starts on 127.0.0.1 and the fake kernel for the link
 * polls. A stop-and-go point runs its tests one after the other while the link
 * is still polled, stores every result (and every failure) at the point, and
 * says when the point is finished; continuous walks run them on a period.
 * Only loopback traffic.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
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

#include "scanner/sampler.h"
#include "survey/survey.h"
#include "tests/support/walk_sink.h"
#include "tests/support/nl_fake.h"
#include "tests/support/survey_fixtures.h"
#include "util/clock.h"

/* ---- an iperf3 server on loopback ----------------------------------------- */

static struct iperf_server srv;

static int free_port(void)
{
	int port = loopback_free_port();

	assert_true(port > 0);
	return port;
}

static int start_server(void **state)
{
	(void)state;
	return iperf_server_start(&srv, "test_record_tput");
}

static int stop_server(void **state)
{
	(void)state;
	iperf_server_stop(&srv);
	return 0;
}

/* ---- a walk to record into, and what came out of it ------------------------- */

struct walk_fixture {
	char *dir;
	struct survey *sv;
	int64_t walk_id;
	struct nl80211 nl;
};

static void walk_open(struct walk_fixture *w)
{
	struct floorplan *fp = floorplan_new();
	struct survey_walk walk = { 0 };
	struct ns_err err = { 0 };

	w->dir = survey_test_tmpdir();
	assert_int_equal(survey_create(survey_test_path(w->dir, "w.notspot"), NULL, &w->sv, &err), 0);
	strcpy(fp->name, "ward");
	walk.floor_id = survey_add_floor(w->sv, fp, &err);
	assert_true(walk.floor_id > 0);
	strcpy(walk.mode, "stop-and-go");
	w->walk_id = survey_begin_walk(w->sv, &walk, &err);
	assert_true(w->walk_id > 0);
	floorplan_free(fp);
	nl_fake_open(&w->nl);
	nl_fake_queue_wlan0(); /* sampler_new() learns the SSID and channel */
}

static void walk_close(struct walk_fixture *w)
{
	nl80211_close(&w->nl);
	survey_close(w->sv);
	survey_test_rmdir(w->dir);
}

#define MAX_SEEN 128

struct seen {
	int n;
	struct meas_sample s[MAX_SEEN];
	struct meas_throughput tp[MAX_SEEN];
	bool has_tp[MAX_SEEN], has_link[MAX_SEEN];
	double link_expected[MAX_SEEN];
};

static int collect(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
		   size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct seen *seen = arg;

	(void)obs;
	(void)nobs;
	if (seen->n < MAX_SEEN) {
		seen->s[seen->n] = *s;
		seen->has_tp[seen->n] = tput != NULL;
		if (tput)
			seen->tp[seen->n] = *tput;
		seen->has_link[seen->n] = link != NULL;
		seen->link_expected[seen->n] = link ? link->expected_throughput_mbps : NAN;
		seen->n++;
	}
	return 0;
}

static void read_back(struct walk_fixture *w, struct seen *seen)
{
	struct survey_query q = { 0 };
	struct ns_err err = { 0 };

	q.walk_id = w->walk_id;
	memset(seen, 0, sizeof(*seen));
	assert_int_equal(survey_foreach_sample(w->sv, &q, collect, seen, &err), 0);
}

static int find_kind(const struct seen *seen, enum meas_kind kind, int from)
{
	for (int i = from; i < seen->n; i++)
		if (seen->s[i].kind == kind)
			return i;
	return -1;
}

/* The sink: placed at the tapped point (7, 3); point_done calls counted. */
struct sink_state {
	int points_done;
	int64_t done_t_us;
	int measure_notices;
};

static bool place_at_point(void *arg, int64_t t_us, double *x, double *y)
{
	(void)arg;
	(void)t_us;
	*x = 7;
	*y = 3;
	return true;
}

static void on_point_done(void *arg, int64_t t_us)
{
	struct sink_state *st = arg;

	st->points_done++;
	st->done_t_us = t_us;
}

static void on_measure(void *arg, int64_t id, const struct meas_sample *s,
		       const struct meas_throughput *tp, const struct meas_link *link)
{
	struct sink_state *st = arg;

	(void)s;
	(void)link;
	assert_true(id > 0);
	assert_non_null(tp);
	st->measure_notices++;
}

/* The link side of a throughput test: the driver says 54 Mbit/s expected. */
struct link_hook {
	int calls;
	int ret; /* 0, or e.g. -ENOTCONN */
};

static int read_link(void *arg, struct meas_link *out, struct ns_err *err)
{
	struct link_hook *h = arg;

	h->calls++;
	if (h->ret < 0)
		return ns_err_set(err, h->ret, "not associated");
	meas_init_link(out);
	out->expected_throughput_mbps = 54;
	out->tx_bytes = 1000000LL * h->calls;
	out->rx_bytes = 1000LL * h->calls;
	return 0;
}

/* What `record` does between taps: poll the sampler's fds until @until says stop. */
static void run_loop(struct sampler *sp, bool (*until)(struct sampler *sp, void *arg), void *arg,
		     int max_ms)
{
	int64_t give_up = ns_mono_us() + (int64_t)max_ms * 1000;
	struct ns_err err = { 0 };

	while (!until(sp, arg)) {
		struct pollfd fds[4];
		size_t n = sampler_pollfds(sp, fds, 4);
		int timeout = sampler_timeout_ms(sp);

		assert_true(ns_mono_us() < give_up);
		poll(fds, n, timeout > 100 ? 100 : timeout);
		assert_int_equal(sampler_run(sp, &err), 0);
	}
}

static bool point_ended(struct sampler *sp, void *arg)
{
	(void)arg;
	return !sampler_measuring(sp);
}

/* ---- tests ----------------------------------------------------------------- */

static void test_record_point_runs_throughput_then_latency_while_the_link_is_polled(void **state)
{
	struct walk_fixture w;
	struct sampler *sp = NULL;
	struct sampler_stats st;
	struct sink_state ss = { 0 };
	struct link_hook hook = { 0 };
	struct tput_options to;
	struct lat_options lo;
	struct ns_err err = { 0 };
	struct seen seen;
	int64_t tapped;

	(void)state;
	walk_open(&w);
	tput_options_init(&to);
	to.server = srv.addr;
	to.duration_s = 1;
	to.link_read = read_link;
	to.link_arg = &hook;
	lat_options_init(&lo);
	lo.host = "127.0.0.1";
	lo.count = 3;
	lo.interval_s = 0.1;
	struct sampler_config cfg = { .ifindex = 3, .link_hz = 20, .scan_interval_ms = -1,
				      .survey_interval_ms = -1, .tput = &to, .lat = &lo };
	struct walk_sink ws = { w.sv, w.walk_id, place_at_point, NULL, &ss, on_point_done,
				     on_measure };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&w.nl, &cfg, &sink, &sp, &err), 0);
	/* The first link poll reads the interface again (a new BSSID); then stations. */
	nl_fake_queue_station(-58);
	nl_fake_queue_wlan0();
	for (int i = 0; i < 50; i++)
		nl_fake_queue_station(-58);

	assert_false(sampler_measuring(sp));
	tapped = ns_mono_us();
	sampler_point(sp);
	assert_true(sampler_measuring(sp));
	assert_int_equal(sampler_timeout_ms(sp), 0); /* due now */
	run_loop(sp, point_ended, NULL, 30000);

	assert_int_equal(ss.points_done, 1);
	assert_int_equal(ss.measure_notices, 2);
	assert_int_equal(hook.calls, 2); /* the link side: before and after the iperf3 test */
	sampler_get_stats(sp, &st);
	assert_int_equal(st.throughputs, 1);
	assert_int_equal(st.latencies, 1);

	read_back(&w, &seen);
	int t = find_kind(&seen, SAMPLE_THROUGHPUT, 0), l = find_kind(&seen, SAMPLE_LATENCY, 0);
	assert_true(t >= 0 && l > t); /* one after the other: throughput first */
	assert_int_equal(find_kind(&seen, SAMPLE_THROUGHPUT, t + 1), -1);
	assert_int_equal(find_kind(&seen, SAMPLE_LATENCY, l + 1), -1);

	assert_int_equal(seen.s[t].status, SAMPLE_OK);
	assert_string_equal(seen.s[t].error, "");
	assert_true(seen.has_tp[t]);
	assert_string_equal(seen.tp[t].protocol, "tcp");
	assert_string_equal(seen.tp[t].direction, "up");
	assert_string_equal(seen.tp[t].server, srv.addr);
	assert_true(seen.tp[t].mbps > 10); /* loopback moves far more than this */
	assert_true(seen.has_link[t]);
	assert_float_equal(seen.link_expected[t], 54, 0);

	assert_int_equal(seen.s[l].status, SAMPLE_OK);
	assert_true(seen.has_tp[l]);
	assert_string_equal(seen.tp[l].direction, "rtt");
	assert_true(seen.tp[l].rtt_ms > 0 && seen.tp[l].rtt_ms < 1000);
	assert_float_equal(seen.tp[l].loss_pct, 0, 0);

	/* Both at the tapped point, and the point finished after the last result. */
	for (int i = 0; i < seen.n; i++) {
		assert_true(seen.s[i].placed);
		assert_float_equal(seen.s[i].x_m, 7, 0);
		assert_float_equal(seen.s[i].y_m, 3, 0);
	}
	assert_true(ss.done_t_us >= seen.s[l].t_us);

	/* The link went on being polled while iperf3 ran (a 1 s test at 20 Hz). */
	int during = 0;
	for (int i = 0; i < seen.n; i++)
		if (seen.s[i].kind == SAMPLE_LINK && seen.s[i].mono_us > tapped &&
		    seen.s[i].mono_us < seen.s[t].mono_us)
			during++;
	assert_true(during >= 5);

	/* Nothing more is due: no period was configured. */
	assert_false(sampler_measuring(sp));
	sampler_free(sp);
	walk_close(&w);
}

static void test_record_point_stores_a_server_down_as_a_failure_and_finishes_the_point(void **state)
{
	struct walk_fixture w;
	struct sampler *sp = NULL;
	struct sink_state ss = { 0 };
	struct tput_options to;
	struct ns_err err = { 0 };
	struct seen seen;
	char down[32];

	(void)state;
	walk_open(&w);
	snprintf(down, sizeof(down), "127.0.0.1:%d", free_port()); /* nothing listens there */
	tput_options_init(&to);
	to.server = down;
	to.duration_s = 1;
	to.timeout_s = 5;
	struct sampler_config cfg = { .ifindex = 3, .link_hz = -1, .scan_interval_ms = -1,
				      .survey_interval_ms = -1, .tput = &to };
	struct walk_sink ws = { w.sv, w.walk_id, place_at_point, NULL, &ss, on_point_done, NULL };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&w.nl, &cfg, &sink, &sp, &err), 0);

	int64_t t0 = ns_mono_us();
	sampler_point(sp);
	run_loop(sp, point_ended, NULL, 10000);
	assert_true(ns_mono_us() - t0 < 6000000); /* within the hard timeout */
	assert_int_equal(ss.points_done, 1);

	read_back(&w, &seen);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.s[0].kind, SAMPLE_THROUGHPUT);
	assert_int_equal(seen.s[0].status, SAMPLE_FAILED);
	assert_non_null(strstr(seen.s[0].error, down));
	assert_non_null(strstr(seen.s[0].error, "refused"));
	assert_true(seen.has_tp[0]);
	assert_true(isnan(seen.tp[0].mbps));
	assert_true(seen.s[0].placed);
	assert_float_equal(seen.s[0].x_m, 7, 0);

	sampler_free(sp);
	walk_close(&w);
}

static void test_record_point_while_not_associated_stores_that_and_runs_no_test(void **state)
{
	struct walk_fixture w;
	struct sampler *sp = NULL;
	struct sink_state ss = { 0 };
	struct link_hook hook = { .ret = -ENOTCONN };
	struct tput_options to;
	struct ns_err err = { 0 };
	struct seen seen;

	(void)state;
	walk_open(&w);
	tput_options_init(&to);
	to.server = srv.addr;
	to.duration_s = 1;
	to.link_read = read_link;
	to.link_arg = &hook;
	struct sampler_config cfg = { .ifindex = 3, .link_hz = -1, .scan_interval_ms = -1,
				      .survey_interval_ms = -1, .tput = &to };
	struct walk_sink ws = { w.sv, w.walk_id, place_at_point, NULL, &ss, on_point_done, NULL };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&w.nl, &cfg, &sink, &sp, &err), 0);

	sampler_point(sp);
	/* A job that is done before any traffic: one run finishes the point. */
	assert_int_equal(sampler_run(sp, &err), 0);
	assert_false(sampler_measuring(sp));
	assert_int_equal(ss.points_done, 1);
	assert_int_equal(hook.calls, 1);

	read_back(&w, &seen);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.s[0].kind, SAMPLE_THROUGHPUT);
	assert_int_equal(seen.s[0].status, SAMPLE_NOT_ASSOCIATED);
	assert_true(seen.s[0].error[0] != '\0');

	sampler_free(sp);
	walk_close(&w);
}

static void test_record_point_with_both_directions_runs_upload_then_download(void **state)
{
	struct walk_fixture w;
	struct sampler *sp = NULL;
	struct sink_state ss = { 0 };
	struct tput_options to;
	struct ns_err err = { 0 };
	struct seen seen;

	(void)state;
	walk_open(&w);
	tput_options_init(&to);
	to.server = srv.addr;
	to.duration_s = 1;
	struct sampler_config cfg = { .ifindex = 3, .link_hz = -1, .scan_interval_ms = -1,
				      .survey_interval_ms = -1, .tput = &to, .tput_both = true };
	struct walk_sink ws = { w.sv, w.walk_id, place_at_point, NULL, &ss, on_point_done,
				     on_measure };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&w.nl, &cfg, &sink, &sp, &err), 0);
	sampler_point(sp);
	run_loop(sp, point_ended, NULL, 30000);
	assert_int_equal(ss.points_done, 1);
	assert_int_equal(ss.measure_notices, 2);

	read_back(&w, &seen);
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.s[0].kind, SAMPLE_THROUGHPUT);
	assert_int_equal(seen.s[1].kind, SAMPLE_THROUGHPUT);
	assert_string_equal(seen.tp[0].direction, "up");
	assert_string_equal(seen.tp[1].direction, "down");
	for (int i = 0; i < 2; i++) {
		assert_int_equal(seen.s[i].status, SAMPLE_OK);
		assert_true(seen.tp[i].mbps > 10);
		assert_true(seen.s[i].placed);
	}
	assert_true(ss.done_t_us >= seen.s[1].t_us);

	sampler_free(sp);
	walk_close(&w);
}

static bool two_latencies(struct sampler *sp, void *arg)
{
	struct sampler_stats st;

	(void)arg;
	sampler_get_stats(sp, &st);
	return st.latencies >= 2;
}

static void test_record_continuous_runs_tests_on_their_period_one_at_a_time(void **state)
{
	struct walk_fixture w;
	struct sampler *sp = NULL;
	struct sink_state ss = { 0 };
	struct tput_options to;
	struct lat_options lo;
	struct ns_err err = { 0 };
	struct seen seen;

	(void)state;
	walk_open(&w);
	tput_options_init(&to);
	to.server = srv.addr;
	to.duration_s = 1;
	lat_options_init(&lo);
	lo.host = "127.0.0.1";
	lo.count = 2;
	lo.interval_s = 0.05;
	/* Throughput once a minute, latency every 0.4 s: both due at the start. */
	struct sampler_config cfg = { .ifindex = 3, .link_hz = -1, .scan_interval_ms = -1,
				      .survey_interval_ms = -1, .tput = &to, .tput_every_ms = 60000,
				      .lat = &lo, .lat_every_ms = 400 };
	struct walk_sink ws = { w.sv, w.walk_id, NULL, NULL, &ss, on_point_done, NULL };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&w.nl, &cfg, &sink, &sp, &err), 0);
	assert_int_equal(sampler_timeout_ms(sp), 0);
	run_loop(sp, two_latencies, NULL, 30000);
	assert_false(sampler_measuring(sp)); /* no point was tapped */
	assert_int_equal(ss.points_done, 0);

	read_back(&w, &seen);
	assert_true(seen.n >= 3);
	/* The throughput test came first; the latency due meanwhile waited for it. */
	assert_int_equal(seen.s[0].kind, SAMPLE_THROUGHPUT);
	assert_int_equal(seen.s[0].status, SAMPLE_OK);
	assert_int_equal(seen.s[1].kind, SAMPLE_LATENCY);
	assert_int_equal(seen.s[2].kind, SAMPLE_LATENCY);
	assert_int_equal(find_kind(&seen, SAMPLE_THROUGHPUT, 1), -1);
	assert_true(seen.s[1].t_us >= seen.s[0].t_us);
	assert_false(seen.s[0].placed); /* no position given */
	/* The next throughput test is a minute away; the next latency run sooner. */
	int ms = sampler_timeout_ms(sp);
	assert_true(ms <= 400);

	sampler_free(sp);
	walk_close(&w);
}

static bool a_while(struct sampler *sp, void *arg)
{
	int64_t *until = arg;

	(void)sp;
	return ns_mono_us() >= *until;
}

static void test_record_cancelled_test_is_stored_as_cancelled(void **state)
{
	struct walk_fixture w;
	struct sampler *sp = NULL;
	struct sink_state ss = { 0 };
	struct tput_options to;
	struct ns_err err = { 0 };
	struct seen seen;
	int64_t until;

	(void)state;
	walk_open(&w);
	tput_options_init(&to);
	to.server = srv.addr;
	to.duration_s = 10;
	struct sampler_config cfg = { .ifindex = 3, .link_hz = -1, .scan_interval_ms = -1,
				      .survey_interval_ms = -1, .tput = &to };
	struct walk_sink ws = { w.sv, w.walk_id, place_at_point, NULL, &ss, on_point_done, NULL };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&w.nl, &cfg, &sink, &sp, &err), 0);
	sampler_point(sp);
	until = ns_mono_us() + 300000;
	run_loop(sp, a_while, &until, 5000);
	assert_true(sampler_measuring(sp));
	struct pollfd fds[4];
	assert_int_equal(sampler_pollfds(sp, fds, 4), 1); /* the job's pipe */

	/* Ctrl-C: the running test is killed and stored as cancelled. */
	assert_int_equal(sampler_cancel_measurements(sp, &err), 0);
	assert_false(sampler_measuring(sp));
	assert_int_equal(sampler_pollfds(sp, fds, 4), 0);
	read_back(&w, &seen);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.s[0].kind, SAMPLE_THROUGHPUT);
	assert_int_equal(seen.s[0].status, SAMPLE_FAILED);
	assert_non_null(strstr(seen.s[0].error, "was cancelled"));
	assert_true(seen.s[0].placed);

	sampler_free(sp);
	walk_close(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_point_runs_throughput_then_latency_while_the_link_is_polled),
		cmocka_unit_test(test_record_point_stores_a_server_down_as_a_failure_and_finishes_the_point),
		cmocka_unit_test(test_record_point_while_not_associated_stores_that_and_runs_no_test),
		cmocka_unit_test(test_record_point_with_both_directions_runs_upload_then_download),
		cmocka_unit_test(test_record_continuous_runs_tests_on_their_period_one_at_a_time),
		cmocka_unit_test(test_record_cancelled_test_is_stored_as_cancelled),
	};
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, start_server, stop_server);
}
