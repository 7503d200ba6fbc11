/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * throughput.h — what the clinician's device actually gets: an iperf3 test
 * (libiperf, never the iperf3 program) against a configured server.
 *
 * TCP upload or download (reverse), or UDP at a set rate (10 Mbit/s unless
 * told otherwise — never iperf's silent 1 Mbit/s) with jitter and loss.
 *
 * libiperf can block for minutes on a server that accepts and then says
 * nothing, prints to stdout/stderr, and keeps global state. So each test runs
 * in a forked child (util/child_job.h) whose stdout/stderr go to /dev/null;
 * the child sends its result back through a pipe, and the parent kills it at
 * a hard deadline. A
 * walk therefore never hangs on a bad server, and nothing of libiperf's
 * reaches the terminal. The child only runs libiperf and _exit()s; callers
 * with threads (the GTK walker) are fine as long as no other thread holds a
 * lock libiperf needs (malloc is fork-safe in glibc).
 *
 * Failures — refused, no route, timeout, silent server, busy server, a name
 * that does not resolve, no such interface, not associated — are results,
 * not errors: the result carries SAMPLE_FAILED, SAMPLE_TIMEOUT or
 * SAMPLE_NOT_ASSOCIATED and one sentence, so the caller stores the failure
 * at its place on the map.
 *
 * Units: rates Mbit/s (10^6 bit/s), times s unless the name says _ms/_us.
 */
#ifndef NOTSPOT_SCANNER_THROUGHPUT_H
#define NOTSPOT_SCANNER_THROUGHPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "measure/measure.h"
#include "util/err.h"

#define TPUT_DEFAULT_PORT 5201          /* iperf3's own default */
#define TPUT_DEFAULT_UDP_RATE_MBPS 10.0 /* a handful of voice and telemetry streams */
#define TPUT_DEFAULT_DURATION_S 5
#define TPUT_TIMEOUT_MARGIN_S 10.0      /* default hard timeout = duration + this */
#define TPUT_MAX_DURATION_S 3600
#define TPUT_MAX_PARALLEL 128           /* libiperf's MAX_STREAMS */

enum tput_proto { TPUT_TCP = 0, TPUT_UDP = 1 };
enum tput_dir { TPUT_UP = 0, TPUT_DOWN = 1 }; /* up: laptop sends; down: server sends (-R) */

/*
 * The nl80211 side of the same measurement. The caller wires this to the
 * scanner's station reading (scanner/station: wifi_get_link() then
 * sampler_link_from_station()): it fills @out with a poll of the associated
 * link (expected throughput, rx/tx byte counters) and returns 0, or a negative
 * errno. It is called just before and just after the iperf test. -ENOTCONN
 * (or -ENOLINK) before the test means "not associated": no test is run and
 * the result is SAMPLE_NOT_ASSOCIATED. Other errors only leave the link side
 * unknown (link_error says why).
 */
typedef int (*tput_link_read_fn)(void *arg, struct meas_link *out, struct ns_err *err);

struct tput_options {
	const char *server;        /* "host", "host:port", "[v6]:port"; required */
	int port;                  /* 0: from @server, else TPUT_DEFAULT_PORT */
	const char *interface;     /* bind with SO_BINDTODEVICE ("wlp2s0"); NULL/"": any */
	enum tput_proto proto;
	enum tput_dir dir;
	double udp_rate_mbps;      /* UDP target rate per stream, > 0 */
	int duration_s;            /* 1..TPUT_MAX_DURATION_S */
	int parallel;              /* streams, 1..TPUT_MAX_PARALLEL */
	double timeout_s;          /* hard bound on the whole test; 0: duration + margin */
	double connect_timeout_s;  /* control connection set-up; 0: min(3/4 timeout, 5 s),
				      and never above 3/4 of the timeout */
	tput_link_read_fn link_read; /* NULL: no nl80211 side */
	void *link_arg;
};

/** tput_options_init() - defaults: TCP up, 5 s, 1 stream, 10 Mbit/s for UDP. */
void tput_options_init(struct tput_options *o);

struct tput_result {
	/* What is stored: protocol, direction, server, duration_s, mbps (receiver
	 * side), jitter_ms and loss_pct (UDP), error. rtt_ms stays NAN. */
	struct meas_throughput tp;
	enum meas_status status; /* SAMPLE_OK, _FAILED, _TIMEOUT, _NOT_ASSOCIATED */
	int code;                  /* 0, or the failure as a negative errno */
	double sender_mbps;        /* what the sending side put on the wire; NAN unknown */
	int64_t retransmits;       /* TCP sender retransmits, -1 unknown */
	int64_t lost_packets, packets; /* UDP, -1 unknown */
	double elapsed_s;          /* how long the whole run took, connect to result */
	/* nl80211 side, when options.link_read was set and both polls worked. */
	bool link_valid;
	struct meas_link link_before, link_after;
	double link_expected_mbps; /* expected throughput after the test; NAN unknown */
	double link_rx_mbps;       /* rx byte-counter rate over the test; NAN unknown */
	double link_tx_mbps;       /* tx byte-counter rate over the test; NAN unknown */
	char link_error[160];      /* why the link polls failed, "" if fine or not asked */
	int64_t t_us, mono_us;     /* when the result came (wall, monotonic) */
};

/**
 * tput_result_init() - a result with every measured value unknown.
 */
void tput_result_init(struct tput_result *r);

/*
 * A test as a job for the caller's poll loop (the walker's, `record`'s), so
 * link polls and scans go on while iperf3 runs:
 *
 *	tput_start(&o, &job, &err);
 *	while (!tput_job_run(job))
 *		poll(... tput_job_fd(job) for POLLIN ..., tput_job_timeout_ms(job));
 *	tput_job_finish(job, &result);
 *
 * Failures found before any traffic (no such interface, a name that does not
 * resolve, not associated) give a job that is already done.
 */
struct tput_job; /* opaque */

/**
 * tput_start() - check @o, poll the link (if hooked) and fork the test.
 * @o's strings are copied. Returns 0 with *@out set (free it with
 * tput_job_finish()), or -EINVAL with a sentence for nonsense options.
 */
int tput_start(const struct tput_options *o, struct tput_job **out, struct ns_err *err);

/** tput_job_fd() - the fd to poll for POLLIN, or -1 (done, or waiting to retry). */
int tput_job_fd(const struct tput_job *j);

/** tput_job_timeout_ms() - ms until the job needs tput_job_run() even without input. */
int tput_job_timeout_ms(const struct tput_job *j);

/**
 * tput_job_run() - read what the test has sent, enforce the hard deadline,
 * try a busy server again. Never blocks. Returns true once the job is done.
 */
bool tput_job_run(struct tput_job *j);

/**
 * tput_job_finish() - copy the result into @r (may be NULL) and free @j.
 * A job not yet done is cancelled: its child killed, the result a failure
 * ("was cancelled"). NULL is fine.
 */
void tput_job_finish(struct tput_job *j, struct tput_result *r);

/**
 * tput_run() - run one iperf3 test as @o says and fill @r (a job, waited for).
 * Returns 0 whenever @r is filled — also when the measurement failed (then
 * r->status != SAMPLE_OK and r->tp.error says why). Returns -EINVAL with a
 * sentence in @err only for options that make no sense (no server, duration
 * 0, rate <= 0, parallel out of range). A server that answers "busy" (it is
 * finishing another test) is tried again up to 4 times, 0.25 s, 0.5 s, ...
 * apart, while the deadline leaves room for a whole test.
 */
int tput_run(const struct tput_options *o, struct tput_result *r, struct ns_err *err);

/**
 * tput_parse_json() - read iperf3's JSON result (@json, @len bytes; need not
 * be NUL-terminated) into @r's tp.mbps, jitter_ms, loss_pct, sender_mbps,
 * retransmits, packets. @udp selects where jitter and loss are read.
 * An "error" member in the JSON is returned as -EIO with its text in @err.
 * Returns 0 or a negative errno with a sentence (not JSON, no end summary).
 */
int tput_parse_json(const char *json, size_t len, bool udp, struct tput_result *r,
		    struct ns_err *err);

/**
 * tput_link_rates() - fill r->link_* from r->link_before/after over
 * @elapsed_s: byte-counter rates (Mbit/s) and the expected throughput.
 */
void tput_link_rates(struct tput_result *r, double elapsed_s);

#endif
