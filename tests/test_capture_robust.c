/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_capture_robust.c — captures that do not behave: files that break off
 * (a record cut short, a record header cut, a length no capture can have),
 * time stamps that go back, and a live monitor interface on a quiet channel.
 *
 * The rule for a file that breaks off: keep what was read and close the walk
 * saying so — every window before the break is stored, the last one with the
 * good packets it had, the walk gets its end, stderr says where the file broke
 * off, and the exit status is 0 (the walk is whole and consistent). Time that
 * goes back splits the windows there (never merges an hour into one window)
 * and is said too.
 *
 * Live capture needs a monitor interface, which this machine's kernel cannot
 * make; a TUN device whose link type is radiotap (TUNSETLINK
 * ARPHRD_IEEE80211_RADIOTAP) looks the same to libpcap. It is made in a
 * network namespace of the test's own (unshare), so nothing leaves the test;
 * without the privilege for that the live tests are skipped.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>

#include "scanner/capture.h"
#include "survey/survey.h"
#include "tests/support/notspot_proc.h"
#include "tests/support/pcap_build.h"
#include "tests/support/survey_fixtures.h"
#include "util/clock.h"

#define T0 1796000000000000LL /* µs since the epoch */

static const uint8_t AP1[6] = { 0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x01 };
static const uint8_t AP2[6] = { 0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x02 };

/* Beacons of two APs every 250 ms from @t0 for @n frames. */
static size_t beacons(struct test_pkt *p, size_t n, int64_t t0)
{
	for (size_t i = 0; i < n; i++)
		test_beacon(&p[i], t0 + (int64_t)(i / 2) * 250000, i % 2 ? AP2 : AP1, "ward", 4, 2412,
			    -50 - (int)(i % 7));
	return n;
}

struct run {
	char dir[64], survey[128], pcap[128];
	int status;
	char *out, *err;
	json_t *summary;
};

/* `notspot capture --pcap` of @buf (@len bytes) into a new survey; --json summary parsed. */
static void capture_file(struct run *r, const uint8_t *buf, size_t len)
{
	const char *argv[] = { "capture", r->survey, "--floor", "Level 2", "--pcap", r->pcap, "--json",
			       NULL };
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey *s;
	struct ns_err err;

	snprintf(r->dir, sizeof(r->dir), "/tmp/notspot-cap-XXXXXX");
	assert_non_null(mkdtemp(r->dir));
	snprintf(r->survey, sizeof(r->survey), "%s/s.notspot", r->dir);
	snprintf(r->pcap, sizeof(r->pcap), "%s/c.pcap", r->dir);
	assert_int_equal(survey_create(r->survey, NULL, &s, &err), 0);
	assert_true(survey_add_floor(s, fp, &err) > 0);
	survey_close(s);
	floorplan_free(fp);
	test_write_file(r->pcap, buf, len);
	r->status = notspot_run(argv, NULL, &r->out, &r->err);
	r->summary = json_loads(r->out, 0, NULL);
}

static void run_free(struct run *r)
{
	char path[200];

	json_decref(r->summary);
	free(r->out);
	free(r->err);
	remove(r->survey);
	remove(r->pcap);
	snprintf(path, sizeof(path), "%s/s.notspot-wal", r->dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/s.notspot-shm", r->dir);
	remove(path);
	rmdir(r->dir);
}

static int64_t sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* 12 beacons over 1.5 s (windows of 1 s: 8 + 4 frames), the file damaged by @damage. */
static void broken_file(void (*damage)(uint8_t *b, size_t *len, const size_t *off), const char *why)
{
	struct test_pkt p[12];
	size_t off[12], len;
	uint8_t *b;
	struct run r;

	len = test_pcap(p, beacons(p, 12, T0), &b, off);
	damage(b, &len, off);
	capture_file(&r, b, len);
	assert_int_equal(r.status, 0);
	/* both windows are stored: the last one with the 3 good frames it had */
	assert_non_null(r.summary);
	assert_int_equal(json_integer_value(json_object_get(r.summary, "samples")), 2);
	assert_int_equal(json_integer_value(json_object_get(r.summary, "ap_frames")), 11);
	assert_non_null(strstr(json_string_value(json_object_get(r.summary, "cut_short")), why));
	assert_int_equal(sql_int(r.survey, "SELECT count(*) FROM samples"), 2);
	assert_int_equal(sql_int(r.survey, "SELECT count(*) FROM walks WHERE end_us >= start_us AND "
					   "end_us > 0"), 1);
	assert_non_null(strstr(r.err, "notspot: capture: warning: the capture file breaks off after "
				      "packet 11: "));
	assert_non_null(strstr(r.err, "the walk holds what came before it\n"));
	free(b);
	run_free(&r);
}

static void cut_last_packet(uint8_t *b, size_t *len, const size_t *off)
{
	(void)b;
	*len = off[11] + 16 + 10; /* the last record's header and 10 of its bytes */
}

static void cut_record_header(uint8_t *b, size_t *len, const size_t *off)
{
	(void)b;
	*len = off[11] + 9; /* 9 of the last record header's 16 bytes */
}

static void impossible_length(uint8_t *b, size_t *len, const size_t *off)
{
	(void)len;
	memset(b + off[11] + 8, 0xff, 4); /* incl_len 4294967295 */
}

static void test_capture_file_cut_mid_record_keeps_every_window_and_closes_the_walk(void **state)
{
	(void)state;
	broken_file(cut_last_packet, "truncated");
}

static void test_capture_file_cut_in_a_record_header_keeps_every_window_and_closes_the_walk(void **state)
{
	(void)state;
	broken_file(cut_record_header, "truncated");
}

static void test_capture_file_with_an_impossible_length_keeps_every_window_and_closes_the_walk(void **state)
{
	(void)state;
	broken_file(impossible_length, "4294967295");
}

static void test_capture_time_that_goes_back_splits_the_windows_and_says_so(void **state)
{
	struct test_pkt p[6];
	uint8_t *b;
	size_t len;
	struct run r;
	static const int64_t t[] = { 100000000, 100400000, 40000000, 40400000, 41200000, 41300000 };

	(void)state;
	for (int i = 0; i < 6; i++)
		test_beacon(&p[i], T0 + t[i], AP1, "ward", 4, 2412, -50);
	len = test_pcap(p, 6, &b, NULL);
	capture_file(&r, b, len);
	assert_int_equal(r.status, 0);
	/* 100.0-100.4, then 40.0-40.4 (a new window: the clock went back 60 s), then 41.2-41.3 */
	assert_int_equal(json_integer_value(json_object_get(r.summary, "samples")), 3);
	assert_int_equal(json_integer_value(json_object_get(r.summary, "steps_back")), 1);
	assert_float_equal(json_real_value(json_object_get(r.summary, "max_step_back_s")), 60.4, 1e-9);
	assert_true(json_is_null(json_object_get(r.summary, "cut_short")));
	assert_non_null(strstr(r.err, "notspot: capture: warning: the capture's time went back 1 time "
				      "(by up to 60.400 s); its windows were split there, not merged\n"));
	free(b);
	run_free(&r);
}

/* ---- the run itself, on a file in memory -------------------------------------------- */

struct stored {
	int n;
	size_t nobs[8];
	int64_t t_us[8];
};

static int64_t store(void *arg, struct meas_sample *s, const struct meas_observation *obs,
		     size_t nobs, const struct meas_link *link, const struct meas_throughput *tp,
		     struct ns_err *err)
{
	struct stored *st = arg;

	(void)obs;
	(void)link;
	(void)tp;
	(void)err;
	if (st->n < 8) {
		st->nobs[st->n] = nobs;
		st->t_us[st->n] = s->t_us;
	}
	return ++st->n;
}

static void test_capture_run_of_a_cut_file_stores_the_open_window_and_notes_the_cut(void **state)
{
	struct test_pkt p[12];
	size_t off[12], len;
	uint8_t *b;
	struct capture *c;
	struct capture_stats cs;
	struct stored st = { 0 };
	struct capture_run_opts o = { .store = store, .store_arg = &st };
	struct ns_err err = { 0 };
	uint64_t samples = 0;

	(void)state;
	len = test_pcap(p, beacons(p, 12, T0), &b, off);
	assert_int_equal(capture_open_memory(b, off[11] + 20, "cut.pcap", &c, &err), 0);
	assert_int_equal(capture_run(c, &o, &samples, &err), 0);
	assert_int_equal(samples, 2);
	assert_int_equal(st.nobs[1], 2);                     /* both APs in the last window */
	assert_int_equal(st.t_us[1], T0 + 5 * 250000);      /* its last good frame */
	capture_get_stats(c, &cs);
	assert_true(cs.cut_short);
	assert_int_equal(cs.packets, 11);
	capture_free(c);
	free(b);
	(void)len;
}

/* ---- live: a quiet monitor interface ------------------------------------------------- */

#ifndef ARPHRD_IEEE80211_RADIOTAP
#define ARPHRD_IEEE80211_RADIOTAP 803
#endif

/* In a network namespace of our own: a TUN device "mon0" with radiotap as its link type, up. */
static int make_monitor(void)
{
	struct ifreq ifr;
	int fd, s, ok;

	if (unshare(CLONE_NEWNET) != 0)
		return -1;
	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "mon0");
	if (ioctl(fd, TUNSETIFF, &ifr) != 0 || ioctl(fd, TUNSETLINK, ARPHRD_IEEE80211_RADIOTAP) != 0)
		return -1;
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "mon0");
	ok = s >= 0 && ioctl(s, SIOCGIFFLAGS, &ifr) == 0;
	ifr.ifr_flags |= IFF_UP;
	ok = ok && ioctl(s, SIOCSIFFLAGS, &ifr) == 0;
	if (s >= 0)
		close(s);
	return ok ? fd : -1;
}

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

struct ticks {
	int n;
	int64_t due;
};

static int tick(void *arg, struct ns_err *err)
{
	struct ticks *t = arg;

	(void)err;
	if (ns_mono_us() >= t->due) { /* a hop every 100 ms */
		t->n++;
		t->due = ns_mono_us() + 100000;
	}
	return 0;
}

static int64_t tick_due(void *arg)
{
	return ((struct ticks *)arg)->due;
}

/*
 * The child: capture on a quiet mon0 for @duration_us (0: until a signal),
 * with @inject beacons written first. Exit status: samples stored * 16 + hops
 * (capped), or 100+ for a failure to set up, 99 when the test cannot run.
 */
static void live_child(int64_t duration_us, int inject)
{
	struct capture *c;
	struct ns_err err = { 0 };
	struct stored st = { 0 };
	struct ticks t = { 0, 0 };
	struct capture_live_opts lo = { .no_filter = false };
	struct capture_run_opts o = { .store = store, .store_arg = &st, .duration_us = duration_us,
				      .stop = &stop_flag, .tick = tick, .tick_due = tick_due,
				      .tick_arg = &t };
	struct sigaction sa = { 0 };
	uint64_t samples = 0;
	int fd = make_monitor();

	if (fd < 0)
		_exit(99);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (capture_open_live("mon0", &lo, &c, NULL, 0, &err) != 0)
		_exit(101);
	for (int i = 0; i < inject; i++) {
		struct test_pkt p;
		uint8_t pkt[4 + sizeof(p.b)] = { 0, 0, 0x08, 0x00 }; /* tun_pi: flags, protocol */

		test_beacon(&p, 0, i % 2 ? AP2 : AP1, "live", 4, 2412, -40);
		memcpy(pkt + 4, p.b, p.len);
		if (write(fd, pkt, 4 + p.len) != (ssize_t)(4 + p.len))
			_exit(102);
	}
	if (capture_run(c, &o, &samples, &err) != 0)
		_exit(103);
	capture_free(c);
	_exit((int)(samples * 16 + (t.n > 15 ? 15 : t.n)));
}

/* Run live_child() in a child; @sig sent after @sig_after_ms (0: none). Returns its status; *@ms how long it took. */
static int live(int64_t duration_us, int inject, int sig, int sig_after_ms, int64_t *ms)
{
	int64_t t0 = ns_mono_us();
	pid_t pid = fork();
	int status = 0;

	assert_true(pid >= 0);
	if (pid == 0)
		live_child(duration_us, inject);
	if (sig) {
		struct timespec ts = { sig_after_ms / 1000, (long)(sig_after_ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
		kill(pid, sig);
	}
	/* a hung capture must not hang the suite: give up after 6 s */
	for (int i = 0; i < 600 && waitpid(pid, &status, WNOHANG) == 0; i++) {
		struct timespec ts = { 0, 10000000L };

		nanosleep(&ts, NULL);
	}
	if (waitpid(pid, &status, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		fail_msg("the capture on a quiet channel was still running after 6 s");
	}
	*ms = (ns_mono_us() - t0) / 1000;
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 99)
		skip(); /* no network namespace or TUN device here */
	assert_true(WEXITSTATUS(status) < 99);
	return WEXITSTATUS(status);
}

static void test_live_capture_on_a_quiet_channel_ends_at_its_duration_and_keeps_hopping(void **state)
{
	int64_t ms;
	int st;

	(void)state;
	st = live(1000000, 0, 0, 0, &ms);
	assert_true(ms >= 1000 && ms < 1600);
	assert_int_equal(st / 16, 0);      /* nothing heard, nothing stored */
	assert_true(st % 16 >= 8);         /* ~10 hops at 100 ms in 1 s, though nothing came */
}

static void test_live_capture_stops_on_sigint_and_on_sigterm_within_a_second(void **state)
{
	int64_t ms;

	(void)state;
	live(0, 0, SIGINT, 300, &ms);
	assert_true(ms >= 300 && ms < 1300);
	live(0, 0, SIGTERM, 300, &ms);
	assert_true(ms >= 300 && ms < 1300);
}

static void test_live_capture_stores_the_beacons_that_arrive(void **state)
{
	int64_t ms;
	int st;

	(void)state;
	st = live(500000, 4, 0, 0, &ms);
	assert_int_equal(st / 16, 1); /* one window with both APs, stored when the run ended */
}

/* ---- what the capability hints ask for ---------------------------------------------- */

static void test_capture_privilege_hint_asks_for_what_the_readme_says(void **state)
{
	char *readme;
	size_t len = 0;
	FILE *f = fopen("README.md", "r");
	pid_t pid;
	int status;

	(void)state;
	assert_non_null(f);
	readme = malloc(1 << 20);
	len = fread(readme, 1, (1 << 20) - 1, f);
	readme[len] = '\0';
	fclose(f);
	assert_non_null(strstr(readme, "setcap cap_net_admin,cap_net_raw+ep "));
	free(readme);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct capture *c = NULL;
		struct ns_err err = { 0 };
		int rc;

		if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
			_exit(3);
		rc = capture_open_live("lo", NULL, &c, NULL, 0, &err);
		_exit(rc == -EPERM && strstr(err.msg, "setcap cap_net_admin,cap_net_raw+ep)") &&
			      !strstr(err.msg, "+eip") ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capture_file_cut_mid_record_keeps_every_window_and_closes_the_walk),
		cmocka_unit_test(test_capture_file_cut_in_a_record_header_keeps_every_window_and_closes_the_walk),
		cmocka_unit_test(test_capture_file_with_an_impossible_length_keeps_every_window_and_closes_the_walk),
		cmocka_unit_test(test_capture_time_that_goes_back_splits_the_windows_and_says_so),
		cmocka_unit_test(test_capture_run_of_a_cut_file_stores_the_open_window_and_notes_the_cut),
		cmocka_unit_test(test_live_capture_on_a_quiet_channel_ends_at_its_duration_and_keeps_hopping),
		cmocka_unit_test(test_live_capture_stops_on_sigint_and_on_sigterm_within_a_second),
		cmocka_unit_test(test_live_capture_stores_the_beacons_that_arrive),
		cmocka_unit_test(test_capture_privilege_hint_asks_for_what_the_readme_says),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
