/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * throughput.c — iperf3 tests through libiperf in a child process with a
 * hard deadline. See throughput.h for why a child.
 */
#include "scanner/throughput.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <iperf_api.h> /* needs stdint.h and sys/socket.h first */

#include "scanner/tput_net.h"
#include "util/child_job.h"
#include "util/clock.h"

#define REPORT_MAGIC 0x74707574u      /* "tput" */
#define MAX_JSON_BYTES (16u << 20)    /* intervals are off; a result is a few kB */
#define JOB_IFACE_LEN 32

/* What the child writes into the pipe before the JSON text. */
struct child_report {
	uint32_t magic;
	int32_t ierr;     /* libiperf's i_errno, 0 if none */
	int32_t syserr;   /* errno right after the test */
	char msg[160];    /* iperf_strerror(ierr) */
	uint32_t json_len;
};

void tput_options_init(struct tput_options *o)
{
	memset(o, 0, sizeof(*o));
	o->proto = TPUT_TCP;
	o->dir = TPUT_UP;
	o->udp_rate_mbps = TPUT_DEFAULT_UDP_RATE_MBPS;
	o->duration_s = TPUT_DEFAULT_DURATION_S;
	o->parallel = 1;
}

void tput_result_init(struct tput_result *r)
{
	memset(r, 0, sizeof(*r));
	meas_init_throughput(&r->tp);
	r->status = SAMPLE_FAILED;
	r->sender_mbps = NAN;
	r->retransmits = r->lost_packets = r->packets = -1;
	r->elapsed_s = NAN;
	r->link_expected_mbps = r->link_rx_mbps = r->link_tx_mbps = NAN;
	meas_init_link(&r->link_before);
	meas_init_link(&r->link_after);
}

/* ---- the JSON result ------------------------------------------------------ */

static bool get_num(json_t *obj, const char *key, double *out)
{
	json_t *v = obj ? json_object_get(obj, key) : NULL;

	if (!v || !json_is_number(v) || !isfinite(json_number_value(v)))
		return false;
	*out = json_number_value(v);
	return true;
}

int tput_parse_json(const char *json, size_t len, bool udp, struct tput_result *r,
		    struct ns_err *err)
{
	json_error_t jerr;
	json_t *root, *end, *recv, *sent, *e;
	double bps, v;
	int rc = 0;

	/* Not JSON_REJECT_DUPLICATES: iperf 3.12 repeats "sock_bufsize" with -P > 1. */
	root = json_loadb(json, len, 0, &jerr);
	if (!root)
		return ns_err_set(err, -EINVAL, "iperf's result is not JSON (%s at line %d)", jerr.text,
				  jerr.line);
	if (!json_is_object(root)) {
		rc = ns_err_set(err, -EINVAL, "iperf's result is not a JSON object");
		goto out;
	}
	e = json_object_get(root, "error");
	if (e && json_is_string(e)) {
		rc = ns_err_set(err, -EIO, "%s", json_string_value(e));
		goto out;
	}
	end = json_object_get(root, "end");
	if (!json_is_object(end)) {
		rc = ns_err_set(err, -EINVAL, "iperf's result has no 'end' summary");
		goto out;
	}
	recv = json_object_get(end, "sum_received");
	sent = json_object_get(end, "sum_sent");
	if (udp && !json_is_object(recv))
		recv = json_object_get(end, "sum"); /* older iperf: one sum for UDP */
	if (!json_is_object(recv) || !get_num(recv, "bits_per_second", &bps) || bps < 0) {
		rc = ns_err_set(err, -EINVAL, "iperf's result has no received rate in its summary");
		goto out;
	}
	r->tp.mbps = bps / 1e6;
	if (get_num(recv, "seconds", &v) && v >= 0)
		r->tp.duration_s = v;
	if (json_is_object(sent) && get_num(sent, "bits_per_second", &v) && v >= 0)
		r->sender_mbps = v / 1e6;
	if (udp) {
		if (get_num(recv, "jitter_ms", &v) && v >= 0)
			r->tp.jitter_ms = v;
		if (get_num(recv, "lost_percent", &v) && v >= 0)
			r->tp.loss_pct = v;
		if (get_num(recv, "lost_packets", &v) && v >= 0 && v < 9e18)
			r->lost_packets = (int64_t)v;
		if (get_num(recv, "packets", &v) && v >= 0 && v < 9e18)
			r->packets = (int64_t)v;
	} else if (json_is_object(sent) && get_num(sent, "retransmits", &v) && v >= 0 && v < 9e18) {
		r->retransmits = (int64_t)v;
	}
out:
	json_decref(root);
	return rc;
}

/* ---- the nl80211 side ------------------------------------------------------ */

void tput_link_rates(struct tput_result *r, double elapsed_s)
{
	const struct meas_link *a = &r->link_before, *b = &r->link_after;

	r->link_expected_mbps = b->expected_throughput_mbps;
	if (!(elapsed_s > 0))
		return;
	/* Counters that went backwards were reset (re-association): no rate. */
	if (a->rx_bytes >= 0 && b->rx_bytes >= a->rx_bytes)
		r->link_rx_mbps = (double)(b->rx_bytes - a->rx_bytes) * 8.0 / elapsed_s / 1e6;
	if (a->tx_bytes >= 0 && b->tx_bytes >= a->tx_bytes)
		r->link_tx_mbps = (double)(b->tx_bytes - a->tx_bytes) * 8.0 / elapsed_s / 1e6;
}

/* ---- the child --------------------------------------------------------------- */

/* Runs in the child only: never returns. */
static void __attribute__((noreturn))
child_run(int wfd, const struct tput_options *o, const char *addr, int port)
{
	struct child_report rep = { .magic = REPORT_MAGIC };
	struct iperf_test *t;
	const char *json;
	int fd, ierr, syserr;

	/* libiperf prints warnings and, in some paths, its results: not on our terminal. */
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	signal(SIGPIPE, SIG_IGN); /* a server that hangs up is an error, not a death */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);

	t = iperf_new_test();
	if (!t || iperf_defaults(t) < 0)
		_exit(3);
	if (o->interface && *o->interface) {
		/* libiperf 3.12 has no setter for SO_BINDTODEVICE; its own option
		 * parser is the public way in (getopt state is ours to reset: this
		 * is a fresh child). */
		char *av[] = { "notspot", "-c", (char *)addr, "--bind-dev", (char *)o->interface,
			       NULL };

		optind = 0;
		if (iperf_parse_arguments(t, 5, av) < 0) {
			rep.ierr = i_errno ? i_errno : IEBINDDEV;
			rep.syserr = errno;
			snprintf(rep.msg, sizeof(rep.msg), "%s", iperf_strerror(rep.ierr));
			(void)child_job_write_all(wfd, &rep, sizeof(rep));
			_exit(0);
		}
	}
	iperf_set_test_role(t, 'c');
	iperf_set_test_server_hostname(t, addr);
	iperf_set_test_server_port(t, port);
	if (o->proto == TPUT_UDP) {
		set_protocol(t, Pudp);
		iperf_set_test_blksize(t, DEFAULT_UDP_BLKSIZE);
		iperf_set_test_rate(t, (uint64_t)(o->udp_rate_mbps * 1e6 + 0.5));
	} else {
		set_protocol(t, Ptcp);
		iperf_set_test_rate(t, 0); /* TCP: as fast as the path allows */
	}
	iperf_set_test_reverse(t, o->dir == TPUT_DOWN);
	iperf_set_test_duration(t, o->duration_s);
	iperf_set_test_num_streams(t, o->parallel);
	iperf_set_test_json_output(t, 1);
	iperf_set_test_reporter_interval(t, 0); /* no per-second intervals: the sum is enough */
	iperf_set_test_stats_interval(t, 0);
	iperf_set_test_connect_timeout(t, (int)(o->connect_timeout_s * 1000.0));

	i_errno = 0;
	errno = 0;
	iperf_run_client(t); /* 3.12 returns 0 even on failure: i_errno tells */
	ierr = i_errno;
	syserr = errno;
	rep.ierr = ierr;
	rep.syserr = syserr;
	if (ierr)
		snprintf(rep.msg, sizeof(rep.msg), "%s", iperf_strerror(ierr));
	json = iperf_get_test_json_output_string(t);
	rep.json_len = json ? (uint32_t)strnlen(json, MAX_JSON_BYTES) : 0;
	if (child_job_write_all(wfd, &rep, sizeof(rep)) == 0 && rep.json_len)
		(void)child_job_write_all(wfd, json, rep.json_len);
	_exit(0);
}

/* ---- the parent ---------------------------------------------------------------- */

static void fail(struct tput_result *r, enum meas_status st, int code, const char *fmt,
		 ...) __attribute__((format(printf, 4, 5)));

static void fail(struct tput_result *r, enum meas_status st, int code, const char *fmt,
		 ...)
{
	va_list ap;

	r->status = st;
	r->code = code;
	r->tp.mbps = r->tp.jitter_ms = r->tp.loss_pct = NAN;
	va_start(ap, fmt);
	vsnprintf(r->tp.error, sizeof(r->tp.error), fmt, ap);
	va_end(ap);
}

/* One sentence for what libiperf reported, by i_errno and the errno after it. */
static void explain(struct tput_result *r, const struct tput_options *o, const char *srv,
		    const struct child_report *rep)
{
	int e = rep->syserr;

	switch (rep->ierr) {
	case IEACCESSDENIED:
		fail(r, SAMPLE_FAILED, -EBUSY, "the iperf3 server at %s is busy with another test", srv);
		return;
	case IEBINDDEV:
	case IEBINDDEVNOSUPPORT:
		fail(r, SAMPLE_FAILED, e ? -e : -EPERM, "cannot bind the test to interface %s: %s",
		     o->interface, e ? strerror(e) : "not supported");
		return;
	case IECONNECT:
	case IESTREAMCONNECT:
		break;
	case IECTRLCLOSE:
	case IESERVERTERM:
	case IESTREAMCLOSE:
	case IERECVRESULTS:
	case IECTRLREAD:
		fail(r, SAMPLE_FAILED, -ECONNRESET,
		     "the iperf3 server at %s dropped the connection during the test", srv);
		return;
	default:
		fail(r, SAMPLE_FAILED, -EIO, "the iperf3 test against %s failed: %s", srv, rep->msg);
		return;
	}
	switch (e) {
	case ECONNREFUSED:
		fail(r, SAMPLE_FAILED, -ECONNREFUSED,
		     "the iperf3 server at %s refused the connection (nothing listening on that port)",
		     srv);
		break;
	case ETIMEDOUT:
	case EINPROGRESS:
		fail(r, SAMPLE_TIMEOUT, -ETIMEDOUT, "no answer from the iperf3 server at %s within %g s",
		     srv, o->connect_timeout_s);
		break;
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EHOSTDOWN:
	case ENETDOWN:
		fail(r, SAMPLE_FAILED, -e, "no route to the iperf3 server at %s (%s)", srv, strerror(e));
		break;
	case ENODEV:
		fail(r, SAMPLE_FAILED, -ENODEV, "cannot bind the test to interface %s: %s",
		     o->interface ? o->interface : "(none)", strerror(e));
		break;
	default:
		fail(r, SAMPLE_FAILED, e ? -e : -EIO, "cannot connect to the iperf3 server at %s: %s",
		     srv, e ? strerror(e) : rep->msg);
		break;
	}
}

static int check_options(const struct tput_options *o, struct ns_err *err)
{
	if (!o->server || !*o->server)
		return ns_err_set(err, -EINVAL, "no iperf3 server given");
	if (o->duration_s < 1 || o->duration_s > TPUT_MAX_DURATION_S)
		return ns_err_set(err, -EINVAL, "test duration must be 1 to %d s, not %d",
				  TPUT_MAX_DURATION_S, o->duration_s);
	if (o->parallel < 1 || o->parallel > TPUT_MAX_PARALLEL)
		return ns_err_set(err, -EINVAL, "parallel streams must be 1 to %d, not %d",
				  TPUT_MAX_PARALLEL, o->parallel);
	if (o->proto == TPUT_UDP && !(o->udp_rate_mbps > 0 && o->udp_rate_mbps <= 100000))
		return ns_err_set(err, -EINVAL, "UDP rate must be above 0 and at most 100000 Mbit/s");
	if (o->timeout_s < 0 || o->timeout_s > 2.0 * TPUT_MAX_DURATION_S || !isfinite(o->timeout_s))
		return ns_err_set(err, -EINVAL, "timeout must be 0 (automatic) to %d s",
				  2 * TPUT_MAX_DURATION_S);
	if (o->port < 0 || o->port > 65535)
		return ns_err_set(err, -EINVAL, "port must be 1 to 65535, not %d", o->port);
	if (o->interface && strlen(o->interface) >= JOB_IFACE_LEN)
		return ns_err_set(err, -EINVAL, "interface name '%s' is too long", o->interface);
	return 0;
}

/* ---- the job: one test in a child, driven by the caller's poll loop ---------- */

#define BUSY_RETRIES 4

struct tput_job {
	struct tput_options o;     /* normalised; its strings point into this job */
	char iface[JOB_IFACE_LEN];
	char addr[64];             /* numeric address of the server */
	char srv[64];              /* "host:port" as shown */
	struct tput_result r;
	int64_t start_us, deadline_us, link_t0, retry_at_us; /* monotonic µs */
	int attempt;
	struct child_job child;    /* the test; idle while waiting to retry a busy server */
	bool done;
};

static int64_t ms_until(int64_t t_us)
{
	int64_t left = t_us - ns_mono_us();

	return left > 0 ? (left + 999) / 1000 : 0;
}

static void job_child(int fd, void *arg)
{
	struct tput_job *j = arg;

	child_run(fd, &j->o, j->addr, j->o.port);
}

static int spawn(struct tput_job *j)
{
	int rc = child_job_start(&j->child, job_child, j, j->deadline_us,
				 MAX_JSON_BYTES + sizeof(struct child_report));

	if (rc == 0)
		j->attempt++;
	return rc;
}

/* The test is over (or never started): the link poll after, the clocks. */
static void finish(struct tput_job *j)
{
	struct tput_result *r = &j->r;
	struct ns_err e2 = { 0 };

	if (j->o.link_read && j->link_t0) {
		if (j->o.link_read(j->o.link_arg, &r->link_after, &e2) == 0) {
			r->link_valid = true;
			tput_link_rates(r, tput_elapsed_s(j->link_t0, ns_mono_us()));
		} else {
			snprintf(r->link_error, sizeof(r->link_error), "%.*s",
				 (int)sizeof(r->link_error) - 1,
				 e2.msg[0] ? e2.msg : "cannot read the link");
		}
	}
	r->elapsed_s = tput_elapsed_s(j->start_us, ns_mono_us());
	r->t_us = ns_wall_us();
	r->mono_us = ns_mono_us();
	if (r->status != SAMPLE_OK && isnan(r->tp.duration_s))
		r->tp.duration_s = r->elapsed_s;
	j->done = true;
}

/* The child has finished: read its report. Returns false to try again (busy). */
static bool conclude(struct tput_job *j)
{
	struct tput_result *r = &j->r;
	struct child_report rep;
	struct ns_err e2 = { 0 };
	int status = child_job_status(&j->child), rc;
	size_t have;
	const char *buf = child_job_output(&j->child, &have);

	if (have < sizeof(rep)) {
		fail(r, SAMPLE_FAILED, -EIO, "the iperf3 test against %s ended without a result (%s %d)",
		     j->srv, WIFSIGNALED(status) ? "signal" : "exit status",
		     WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		return true;
	}
	memcpy(&rep, buf, sizeof(rep));
	rep.msg[sizeof(rep.msg) - 1] = '\0';
	if (rep.magic != REPORT_MAGIC || rep.json_len != have - sizeof(rep)) {
		fail(r, SAMPLE_FAILED, -EIO, "the iperf3 test against %s returned a garbled result",
		     j->srv);
		return true;
	}
	/*
	 * An iperf3 server runs one test at a time and, for a moment after a
	 * test ends, still turns new clients away as busy. Try again a few
	 * times while the deadline leaves room for a whole test.
	 */
	if (rep.ierr == IEACCESSDENIED && j->attempt <= BUSY_RETRIES &&
	    (double)ms_until(j->deadline_us) >= (j->o.duration_s + 2.0) * 1000.0) {
		j->retry_at_us = ns_mono_us() + 250000LL * j->attempt;
		return false;
	}
	if (rep.ierr) {
		explain(r, &j->o, j->srv, &rep);
		return true;
	}
	rc = tput_parse_json(buf + sizeof(rep), rep.json_len, j->o.proto == TPUT_UDP, r, &e2);
	if (rc) {
		fail(r, SAMPLE_FAILED, rc, "the iperf3 test against %s failed: %s", j->srv, e2.msg);
		return true;
	}
	r->status = SAMPLE_OK;
	r->code = 0;
	r->tp.error[0] = '\0';
	return true;
}

int tput_start(const struct tput_options *opts, struct tput_job **out, struct ns_err *err)
{
	struct tput_options *o;
	struct tput_result *r;
	struct tput_job *j;
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct ns_err e2 = { 0 };
	char host[256];
	int port, rc;

	*out = NULL;
	rc = check_options(opts, err);
	if (rc)
		return rc;
	rc = tput_split_hostport(opts->server, host, sizeof(host), &port, err);
	if (rc)
		return rc;
	j = calloc(1, sizeof(*j));
	if (!j)
		return ns_err_set(err, -ENOMEM, "out of memory");
	child_job_init(&j->child);
	o = &j->o;
	r = &j->r;
	*o = *opts;
	o->server = NULL; /* the caller's string may not outlive this call */
	if (opts->interface && *opts->interface) {
		snprintf(j->iface, sizeof(j->iface), "%s", opts->interface);
		o->interface = j->iface;
	} else {
		o->interface = NULL;
	}
	if (!o->port)
		o->port = port ? port : TPUT_DEFAULT_PORT;
	if (o->timeout_s == 0)
		o->timeout_s = o->duration_s + TPUT_TIMEOUT_MARGIN_S;
	/* Connecting must give up before the hard deadline, so that a server
	 * that never answers the SYN is told apart from one that went silent. */
	if (o->connect_timeout_s <= 0 || o->connect_timeout_s > 0.75 * o->timeout_s)
		o->connect_timeout_s = 0.75 * o->timeout_s < 5.0 ? 0.75 * o->timeout_s : 5.0;
	if (o->connect_timeout_s < 0.001)
		o->connect_timeout_s = 0.001;

	tput_result_init(r);
	snprintf(r->tp.protocol, sizeof(r->tp.protocol), "%s", o->proto == TPUT_UDP ? "udp" : "tcp");
	snprintf(r->tp.direction, sizeof(r->tp.direction), "%s", o->dir == TPUT_DOWN ? "down" : "up");
	snprintf(j->srv, sizeof(j->srv), strchr(host, ':') ? "[%.40s]:%d" : "%.50s:%d", host,
		 o->port);
	snprintf(r->tp.server, sizeof(r->tp.server), "%s", j->srv);
	j->start_us = ns_mono_us();
	j->deadline_us = j->start_us + (int64_t)(o->timeout_s * 1e6);
	*out = j;

	if (tput_check_interface(o->interface, &e2) < 0) {
		fail(r, SAMPLE_FAILED, e2.code, "%s", e2.msg);
		finish(j);
		return 0;
	}
	if (tput_resolve(host, true, &ss, &sslen, &e2) < 0) {
		fail(r, SAMPLE_FAILED, e2.code, "%s", e2.msg);
		finish(j);
		return 0;
	}
	tput_addr_str((struct sockaddr *)&ss, j->addr, sizeof(j->addr));

	if (o->link_read) {
		rc = o->link_read(o->link_arg, &r->link_before, &e2);
		if (rc == 0) {
			j->link_t0 = ns_mono_us();
		} else if (rc == -ENOTCONN || rc == -ENOLINK) {
			/* No association, no test: the place is a not-spot as it stands. */
			fail(r, SAMPLE_NOT_ASSOCIATED, rc, "not associated%s%s, so no test was run",
			     o->interface ? " on " : "", o->interface ? o->interface : "");
			finish(j);
			return 0;
		} else {
			snprintf(r->link_error, sizeof(r->link_error), "%.*s",
				 (int)sizeof(r->link_error) - 1,
				 e2.msg[0] ? e2.msg : "cannot read the link");
		}
	}
	rc = spawn(j);
	if (rc < 0) {
		fail(r, SAMPLE_FAILED, rc, "cannot start the test: %s", strerror(-rc));
		finish(j);
	}
	return 0;
}

int tput_job_fd(const struct tput_job *j)
{
	return j && !j->done ? child_job_fd(&j->child) : -1;
}

int tput_job_timeout_ms(const struct tput_job *j)
{
	int64_t ms;

	if (!j || j->done)
		return 0;
	if (child_job_running(&j->child))
		return child_job_timeout_ms(&j->child);
	ms = ms_until(j->retry_at_us); /* waiting to try a busy server again */
	return ms > INT32_MAX ? INT32_MAX : (int)ms;
}

/* The child has ended with @rc (child_job_poll()): a result, or why there is none. */
static bool child_ended(struct tput_job *j, int rc)
{
	if (rc == -ETIMEDOUT) {
		fail(&j->r, SAMPLE_TIMEOUT, -ETIMEDOUT,
		     "the iperf3 test against %s did not finish within %g s (the server stopped answering)",
		     j->srv, j->o.timeout_s);
		return true;
	}
	if (rc < 0) { /* more than a result's worth of bytes, or they could not be kept */
		fail(&j->r, SAMPLE_FAILED, -EIO,
		     "the iperf3 test against %s returned a garbled result", j->srv);
		return true;
	}
	return conclude(j); /* false: busy, tried again at retry_at_us */
}

bool tput_job_run(struct tput_job *j)
{
	int rc;

	if (j->done)
		return true;
	if (!child_job_running(&j->child)) { /* waiting to try a busy server again */
		if (ns_mono_us() < j->retry_at_us)
			return false;
		rc = spawn(j);
		if (rc < 0) {
			fail(&j->r, SAMPLE_FAILED, rc, "cannot start the test: %s", strerror(-rc));
			finish(j);
			return true;
		}
	}
	rc = child_job_poll(&j->child);
	if (rc == 0 || !child_ended(j, rc))
		return false;
	finish(j);
	return true;
}

void tput_job_finish(struct tput_job *j, struct tput_result *r)
{
	if (!j)
		return;
	if (!j->done) {
		child_job_stop(&j->child);
		fail(&j->r, SAMPLE_FAILED, -ECANCELED, "the iperf3 test against %s was cancelled",
		     j->srv);
		finish(j);
	}
	if (r)
		*r = j->r;
	child_job_release(&j->child);
	free(j);
}

int tput_run(const struct tput_options *o, struct tput_result *r, struct ns_err *err)
{
	struct tput_job *j;
	int rc;

	rc = tput_start(o, &j, err);
	if (rc < 0) {
		tput_result_init(r);
		return rc;
	}
	while (!tput_job_run(j)) {
		struct pollfd p = { .fd = tput_job_fd(j), .events = POLLIN };

		if (poll(&p, 1, tput_job_timeout_ms(j)) < 0 && errno != EINTR)
			break;
	}
	tput_job_finish(j, r);
	return 0;
}
