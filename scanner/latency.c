/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * latency.c — RTT probes by ICMP echo (ping or raw socket), UDP to a closed
 * port, or TCP handshakes. See latency.h for the order and why.
 */
#define _GNU_SOURCE
#include "scanner/latency.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "scanner/tput_net.h"
#include "util/child_job.h"
#include "util/cursor.h"
#include "util/clock.h"

#define PROBE_PAYLOAD 24 /* bytes after the ICMP header: ours, to be recognised */

void lat_options_init(struct lat_options *o)
{
	memset(o, 0, sizeof(*o));
	o->method = LAT_AUTO;
	o->count = LAT_DEFAULT_COUNT;
	o->timeout_s = LAT_DEFAULT_TIMEOUT_S;
}

void lat_result_init(struct lat_result *r)
{
	memset(r, 0, sizeof(*r));
	meas_init_throughput(&r->tp);
	snprintf(r->tp.direction, sizeof(r->tp.direction), "rtt");
	r->status = SAMPLE_FAILED;
	r->rtt_min_ms = r->rtt_avg_ms = r->rtt_max_ms = r->jitter_ms = r->loss_pct = NAN;
}

const char *lat_method_name(enum lat_method m)
{
	switch (m) {
	case LAT_ICMP:
		return "icmp";
	case LAT_UDP:
		return "udp";
	case LAT_TCP:
		return "tcp";
	default:
		return "auto";
	}
}

void lat_summarise(const double *rtt_ms, int received, int sent, struct lat_result *r)
{
	double sum = 0, dev = 0;

	r->sent = sent;
	r->received = received;
	r->loss_pct = sent > 0 ? 100.0 * (sent - received) / sent : NAN;
	r->rtt_min_ms = r->rtt_avg_ms = r->rtt_max_ms = r->jitter_ms = NAN;
	if (received > 0) {
		r->rtt_min_ms = r->rtt_max_ms = rtt_ms[0];
		for (int i = 0; i < received; i++) {
			sum += rtt_ms[i];
			if (rtt_ms[i] < r->rtt_min_ms)
				r->rtt_min_ms = rtt_ms[i];
			if (rtt_ms[i] > r->rtt_max_ms)
				r->rtt_max_ms = rtt_ms[i];
		}
		r->rtt_avg_ms = sum / received;
		for (int i = 0; i < received; i++)
			dev += fabs(rtt_ms[i] - r->rtt_avg_ms);
		r->jitter_ms = dev / received;
	}
	r->tp.rtt_ms = r->rtt_avg_ms;
	r->tp.jitter_ms = r->jitter_ms;
	r->tp.loss_pct = r->loss_pct;
}

/* ---- ICMP echo -------------------------------------------------------------- */

static uint16_t icmp_checksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

int lat_match_echo_reply(const uint8_t *buf, size_t len, bool ip_header, uint16_t id,
			 uint16_t *seq)
{
	struct cursor c;
	const uint8_t *ip;
	uint8_t type, code;
	uint16_t rid, rseq;

	cur_init(&c, buf, len);
	if (ip_header) {
		/* IPv4 (RFC 791): version and header length in the first byte, protocol at 9 */
		size_t ihl;

		if (cur_peek(&c, &ip, 20) || (ip[0] >> 4) != 4)
			return -EINVAL;
		ihl = (size_t)(ip[0] & 0x0f) * 4;
		if (ihl < 20 || ip[9] != IPPROTO_ICMP || cur_skip(&c, ihl))
			return -EINVAL;
	}
	/* ICMP echo (RFC 792): type, code, checksum, identifier, sequence number */
	if (cur_u8(&c, &type) || cur_u8(&c, &code) || cur_skip(&c, 2) || cur_u16be(&c, &rid) ||
	    cur_u16be(&c, &rseq))
		return -EINVAL;
	if (type != ICMP_ECHOREPLY || code != 0)
		return -EINVAL;
	if (ip_header && rid != id)
		return -EINVAL;
	*seq = rseq;
	return 0;
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void sleep_until_ns(int64_t t)
{
	int64_t d = t - now_ns();

	if (d > 0) {
		struct timespec ts = { (time_t)(d / 1000000000), (long)(d % 1000000000) };

		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
}

static int bind_dev(int fd, const char *ifname, struct ns_err *err)
{
	if (!ifname || !*ifname)
		return 0;
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname)) < 0)
		return ns_err_set(err, -errno, "cannot send probes through %s: %s", ifname,
				  strerror(errno));
	return 0;
}

/*
 * Open an ICMP echo socket: a ping socket if allowed, else raw. *@raw says
 * which. Returns the fd or a negative errno (-EPERM/-EACCES: neither allowed).
 */
static int open_icmp(bool *raw)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_ICMP);

	*raw = false;
	if (fd >= 0)
		return fd;
	fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (fd >= 0) {
		*raw = true;
		return fd;
	}
	return -errno;
}

/* One echo per probe; fills rtts[], returns how many came back. */
static int run_icmp(int fd, bool raw, const struct sockaddr_in *dst, const struct lat_options *o,
		    double interval_s, double *rtts, int *sent)
{
	uint16_t id = (uint16_t)(getpid() ^ (now_ns() >> 10));
	int got = 0;

	for (int i = 0; i < o->count; i++) {
		uint8_t pkt[8 + PROBE_PAYLOAD], in[1500];
		uint16_t seq = (uint16_t)(i + 1), rseq, ck;
		int64_t t0, deadline;

		memset(pkt, 0, sizeof(pkt));
		pkt[0] = ICMP_ECHO;
		pkt[4] = (uint8_t)(id >> 8);
		pkt[5] = (uint8_t)id;
		pkt[6] = (uint8_t)(seq >> 8);
		pkt[7] = (uint8_t)seq;
		memcpy(pkt + 8, "notspot latency probe...", PROBE_PAYLOAD);
		ck = icmp_checksum(pkt, sizeof(pkt));
		pkt[2] = (uint8_t)(ck >> 8);
		pkt[3] = (uint8_t)ck;

		t0 = now_ns();
		deadline = t0 + (int64_t)(o->timeout_s * 1e9);
		(*sent)++;
		if (sendto(fd, pkt, sizeof(pkt), 0, (const struct sockaddr *)dst, sizeof(*dst)) < 0)
			goto next; /* no route, no buffer: a lost probe */
		for (;;) {
			struct sockaddr_in from;
			socklen_t flen = sizeof(from);
			struct pollfd p = { .fd = fd, .events = POLLIN };
			int64_t left = (deadline - now_ns()) / 1000000;
			ssize_t n;

			if (left < 0)
				break;
			if (poll(&p, 1, (int)left + 1) <= 0)
				break;
			n = recvfrom(fd, in, sizeof(in), MSG_DONTWAIT, (struct sockaddr *)&from, &flen);
			if (n < 0)
				continue;
			if (raw && from.sin_addr.s_addr != dst->sin_addr.s_addr)
				continue;
			if (lat_match_echo_reply(in, (size_t)n, raw, id, &rseq) == 0 && rseq == seq) {
				rtts[got++] = (double)(now_ns() - t0) / 1e6;
				break;
			}
		}
next:
		if (i + 1 < o->count)
			sleep_until_ns(t0 + (int64_t)(interval_s * 1e9));
	}
	return got;
}

/* ---- UDP to a closed port, and TCP handshakes ------------------------------------ */

/* Returns 1 for a reply (RTT in *@ms), 0 for none, <0 for a local error. */
static int udp_probe(const struct sockaddr_storage *dst, socklen_t dlen, const char *ifname,
		     double timeout_s, double *ms, int *why)
{
	uint8_t buf[64] = "notspot latency probe";
	int64_t t0, deadline;
	int fd = socket(dst->ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0), rc = 0;

	if (fd < 0)
		return -errno;
	if (bind_dev(fd, ifname, NULL) < 0 || connect(fd, (const struct sockaddr *)dst, dlen) < 0) {
		rc = -errno;
		goto out;
	}
	t0 = now_ns();
	deadline = t0 + (int64_t)(timeout_s * 1e9);
	if (send(fd, buf, PROBE_PAYLOAD, 0) < 0) {
		*why = errno;
		goto out;
	}
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int64_t left = (deadline - now_ns()) / 1000000;
		ssize_t n;

		if (left < 0 || poll(&p, 1, (int)left + 1) <= 0)
			break;
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n >= 0 || errno == ECONNREFUSED) {
			/* An answer from a service, or the host's port-unreachable: both a round trip. */
			*ms = (double)(now_ns() - t0) / 1e6;
			rc = 1;
			break;
		}
		if (errno != EAGAIN && errno != EINTR) {
			*why = errno; /* a router said unreachable: counts as lost */
			break;
		}
	}
out:
	close(fd);
	return rc;
}

static int tcp_probe(const struct sockaddr_storage *dst, socklen_t dlen, const char *ifname,
		     double timeout_s, double *ms, int *why)
{
	struct linger lg = { 1, 0 }; /* close with RST: no TIME_WAIT per probe */
	int64_t t0;
	int fd = socket(dst->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), rc = 0;
	int soerr = 0;
	socklen_t sl = sizeof(soerr);

	if (fd < 0)
		return -errno;
	if (bind_dev(fd, ifname, NULL) < 0) {
		rc = -errno;
		goto out;
	}
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	t0 = now_ns();
	if (connect(fd, (const struct sockaddr *)dst, dlen) == 0) {
		soerr = 0;
	} else if (errno == EINPROGRESS) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };

		if (poll(&p, 1, (int)(timeout_s * 1000)) <= 0)
			goto out; /* no answer: lost */
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
	} else {
		soerr = errno;
	}
	if (soerr == 0 || soerr == ECONNREFUSED) {
		/* SYN-ACK or RST: either way the host answered. */
		*ms = (double)(now_ns() - t0) / 1e6;
		rc = 1;
	} else {
		*why = soerr;
	}
out:
	close(fd);
	return rc;
}

/* ---- the run ---------------------------------------------------------------------- */

static int check_options(const struct lat_options *o, struct ns_err *err)
{
	if (o->count < 1 || o->count > LAT_MAX_COUNT)
		return ns_err_set(err, -EINVAL, "probe count must be 1 to %d, not %d", LAT_MAX_COUNT,
				  o->count);
	if (!(o->interval_s >= 0 && o->interval_s <= 60))
		return ns_err_set(err, -EINVAL, "probe interval must be 0 (automatic) to 60 s");
	if (!(o->timeout_s > 0 && o->timeout_s <= 60))
		return ns_err_set(err, -EINVAL, "probe timeout must be above 0 and at most 60 s");
	if (o->port < 0 || o->port > 65535)
		return ns_err_set(err, -EINVAL, "port must be 1 to 65535, not %d", o->port);
	if (o->method < LAT_AUTO || o->method > LAT_TCP)
		return ns_err_set(err, -EINVAL, "unknown probe method %d", (int)o->method);
	return 0;
}

static void fail(struct lat_result *r, int code, const char *why)
{
	r->status = SAMPLE_FAILED;
	r->code = code;
	snprintf(r->tp.error, sizeof(r->tp.error), "%.*s", (int)sizeof(r->tp.error) - 1, why);
}

/* Where the probes go: the default gateway, or @o->host (with an optional port). */
static int resolve_target(const struct lat_options *o, struct lat_result *r,
			  struct sockaddr_storage *dst, socklen_t *dlen, int *port)
{
	struct ns_err e2 = { 0 };
	char host[256];
	int rc;

	memset(dst, 0, sizeof(*dst));
	if (!o->host || !*o->host) {
		struct sockaddr_in *sin = (struct sockaddr_in *)dst;

		snprintf(r->tp.server, sizeof(r->tp.server), "gateway");
		if (tput_default_gateway(o->interface, &sin->sin_addr, NULL, 0, &e2) < 0) {
			fail(r, e2.code, e2.msg);
			return e2.code;
		}
		sin->sin_family = AF_INET;
		*dlen = sizeof(*sin);
		tput_addr_str((struct sockaddr *)dst, r->target, sizeof(r->target));
		snprintf(r->tp.server, sizeof(r->tp.server), "%s", r->target);
		return 0;
	}
	rc = tput_split_hostport(o->host, host, sizeof(host), port, &e2);
	if (rc == 0)
		rc = tput_resolve(host, true, dst, dlen, &e2);
	snprintf(r->tp.server, sizeof(r->tp.server), "%.63s", o->host);
	if (rc < 0) {
		fail(r, e2.code, e2.msg);
		return rc;
	}
	tput_addr_str((struct sockaddr *)dst, r->target, sizeof(r->target));
	return 0;
}

/*
 * The method to use: ICMP if asked for or allowed (then *@icmp_fd is open,
 * *@raw says which kind), else UDP, or TCP if asked for. r->note says why.
 * Returns the method, or -1 with @r failed.
 */
static int choose_method(const struct lat_options *o, int family, struct lat_result *r,
			 int *icmp_fd, bool *raw)
{
	enum lat_method m = o->method;

	if (m != LAT_AUTO && m != LAT_ICMP)
		return m;
	if (family != AF_INET) {
		if (m == LAT_ICMP) {
			fail(r, -EAFNOSUPPORT, "ICMP echo to IPv6 addresses is not supported yet; use UDP or TCP");
			return -1;
		}
		snprintf(r->note, sizeof(r->note), "ICMPv6 echo is not supported yet; ");
		return LAT_UDP;
	}
	*icmp_fd = open_icmp(raw);
	if (*icmp_fd >= 0) {
		snprintf(r->note, sizeof(r->note), "%s",
			 *raw ? "ICMP echo through a raw socket (ping sockets are not "
				"allowed by net.ipv4.ping_group_range)"
			      : "ICMP echo through a ping socket");
		return LAT_ICMP;
	}
	if (m == LAT_ICMP) {
		fail(r, *icmp_fd, "ICMP echo needs net.ipv4.ping_group_range to cover one of your "
				  "groups, or CAP_NET_RAW");
		return -1;
	}
	snprintf(r->note, sizeof(r->note),
		 "ICMP echo not allowed (net.ipv4.ping_group_range, no CAP_NET_RAW); ");
	return LAT_UDP;
}

/* The port for UDP/TCP (the method's default unless given), into @dst and the note. */
static void set_port(enum lat_method m, int port, struct sockaddr_storage *dst,
		     struct lat_result *r)
{
	if (m == LAT_UDP) {
		size_t n = strlen(r->note);

		if (!port)
			port = LAT_DEFAULT_UDP_PORT;
		snprintf(r->note + n, sizeof(r->note) - n,
			 "UDP to port %d, timing the port-unreachable replies", port);
	} else if (m == LAT_TCP) {
		if (!port)
			port = LAT_DEFAULT_TCP_PORT;
		snprintf(r->note, sizeof(r->note), "TCP handshakes with port %d", port);
	}
	if (dst->ss_family == AF_INET)
		((struct sockaddr_in *)dst)->sin_port = htons((uint16_t)port);
	else
		((struct sockaddr_in6 *)dst)->sin6_port = htons((uint16_t)port);
}

/* UDP or TCP probes, one at a time. Returns replies (RTTs in @rtts), or -1 with @r failed. */
static int run_socket_probes(const struct lat_options *o, enum lat_method m,
			     const struct sockaddr_storage *dst, socklen_t dlen, double interval,
			     double *rtts, int *sent, int *why, struct lat_result *r)
{
	char msg[sizeof(r->tp.error)];
	int got = 0;

	for (int i = 0; i < o->count; i++) {
		int64_t t0 = now_ns();
		double ms = 0;
		int rc = m == LAT_UDP ? udp_probe(dst, dlen, o->interface, o->timeout_s, &ms, why)
				      : tcp_probe(dst, dlen, o->interface, o->timeout_s, &ms, why);

		if (rc < 0) {
			snprintf(msg, sizeof(msg), "cannot send %s probes%s%s: %s",
				 lat_method_name(m), o->interface ? " through " : "",
				 o->interface ? o->interface : "", strerror(-rc));
			fail(r, rc, msg);
			return -1;
		}
		(*sent)++;
		if (rc == 1)
			rtts[got++] = ms;
		if (i + 1 < o->count)
			sleep_until_ns(t0 + (int64_t)(interval * 1e9));
	}
	return got;
}

/* The statistics and the verdict of a run that sent @sent probes. */
static void conclude(const struct lat_options *o, enum lat_method m, const double *rtts,
		     int got, int sent, int why, struct lat_result *r)
{
	char msg[sizeof(r->tp.error)];

	lat_summarise(rtts, got, sent, r);
	if (got > 0) {
		r->status = SAMPLE_OK;
		r->code = 0;
	} else if (why == EHOSTUNREACH || why == ENETUNREACH) {
		snprintf(msg, sizeof(msg), "no route to %s (%s)", r->target, strerror(why));
		fail(r, -why, msg);
	} else {
		snprintf(msg, sizeof(msg), "no reply from %s to %d %s probes within %g s each",
			 r->target, sent, lat_method_name(m), o->timeout_s);
		fail(r, -ETIMEDOUT, msg);
		r->status = SAMPLE_TIMEOUT;
	}
}

int lat_run(const struct lat_options *o, struct lat_result *r, struct ns_err *err)
{
	struct sockaddr_storage dst;
	socklen_t dlen = 0;
	struct ns_err e2 = { 0 };
	double *rtts = NULL, interval;
	int64_t start = ns_mono_us();
	int rc, got, sent = 0, port = 0, icmp_fd = -1, why = 0, m;
	bool raw = false;

	lat_result_init(r);
	rc = check_options(o, err);
	if (rc)
		return rc;
	if (tput_check_interface(o->interface, &e2) < 0) {
		fail(r, e2.code, e2.msg);
		goto done;
	}
	if (resolve_target(o, r, &dst, &dlen, &port) < 0 ||
	    (m = choose_method(o, dst.ss_family, r, &icmp_fd, &raw)) < 0)
		goto done;
	r->method = (enum lat_method)m;
	snprintf(r->tp.protocol, sizeof(r->tp.protocol), "%s", lat_method_name(m));
	set_port(m, o->port ? o->port : port, &dst, r);
	interval = o->interval_s > 0 ? o->interval_s
	     : m == LAT_UDP ? LAT_DEFAULT_UDP_INTERVAL_S : LAT_DEFAULT_ICMP_INTERVAL_S;
	rtts = calloc((size_t)o->count, sizeof(*rtts));
	if (!rtts) {
		fail(r, -ENOMEM, "out of memory");
		goto done;
	}
	if (m == LAT_ICMP) {
		if (bind_dev(icmp_fd, o->interface, &e2) < 0) {
			fail(r, e2.code, e2.msg);
			goto done;
		}
		got = run_icmp(icmp_fd, raw, (struct sockaddr_in *)&dst, o, interval, rtts, &sent);
	} else {
		got = run_socket_probes(o, m, &dst, dlen, interval, rtts, &sent, &why, r);
		if (got < 0)
			goto done;
	}
	conclude(o, m, rtts, got, sent, why, r);
done:
	if (icmp_fd >= 0)
		close(icmp_fd);
	free(rtts);
	r->tp.duration_s = tput_elapsed_s(start, ns_mono_us());
	r->t_us = ns_wall_us();
	r->mono_us = ns_mono_us();
	return 0;
}

/* ---- the job: lat_run() in a child, for a caller's poll loop ------------------ */

struct lat_job {
	struct lat_result r;
	char shown[64];           /* the host as asked, for a failure's sentence */
	struct child_job child;
	bool done;
};

/* A result of nothing measured, for when the child's is missing or partial. */
static void job_reset(struct lat_job *j)
{
	lat_result_init(&j->r);
	snprintf(j->r.tp.server, sizeof(j->r.tp.server), "%s", j->shown);
}

static void job_fail(struct lat_job *j, int code, const char *why)
{
	fail(&j->r, code, why);
	j->r.t_us = ns_wall_us();
	j->r.mono_us = ns_mono_us();
	j->done = true;
}

/* In the child: the probes as @arg (struct lat_options) says, their result up the pipe. */
static void job_child(int fd, void *arg)
{
	struct lat_result r;

	lat_run(arg, &r, NULL);
	if (child_job_write_all(fd, &r, sizeof(r)))
		_exit(1);
}

int lat_start(const struct lat_options *o, struct lat_job **out, struct ns_err *err)
{
	struct lat_job *j;
	double per;
	int rc;

	*out = NULL;
	rc = check_options(o, err);
	if (rc)
		return rc;
	j = calloc(1, sizeof(*j));
	if (!j)
		return ns_err_set(err, -ENOMEM, "out of memory");
	child_job_init(&j->child);
	lat_result_init(&j->r);
	snprintf(j->shown, sizeof(j->shown), "%.63s", o->host && *o->host ? o->host : "gateway");
	snprintf(j->r.tp.server, sizeof(j->r.tp.server), "%s", j->shown);
	per = o->interval_s > 0 ? o->interval_s : LAT_DEFAULT_UDP_INTERVAL_S;
	if (o->timeout_s > per)
		per = o->timeout_s;
	*out = j;
	/* the child reads @o in its copy of our memory, so it need not outlive this call */
	rc = child_job_start(&j->child, job_child, (void *)o,
			     ns_mono_us() + (int64_t)((o->count * per + 2.0) * 1e6),
			     sizeof(struct lat_result));
	if (rc < 0)
		job_fail(j, rc, "cannot start the probes");
	return 0;
}

int lat_job_fd(const struct lat_job *j)
{
	return j && !j->done ? child_job_fd(&j->child) : -1;
}

int lat_job_timeout_ms(const struct lat_job *j)
{
	return j && !j->done ? child_job_timeout_ms(&j->child) : 0;
}

bool lat_job_run(struct lat_job *j)
{
	const char *out;
	size_t len;
	int rc;

	if (j->done)
		return true;
	rc = child_job_poll(&j->child);
	if (rc == 0)
		return false;
	out = child_job_output(&j->child, &len);
	if (rc == 1 && len == sizeof(j->r)) {
		memcpy(&j->r, out, sizeof(j->r));
		j->done = true;
	} else if (rc == -ETIMEDOUT) {
		job_reset(j);
		job_fail(j, -ETIMEDOUT, "the probes did not finish in time");
		j->r.status = SAMPLE_TIMEOUT;
	} else {
		job_reset(j);
		job_fail(j, -EIO, "the probes ended without a result");
	}
	child_job_release(&j->child);
	return true;
}

void lat_job_finish(struct lat_job *j, struct lat_result *r)
{
	if (!j)
		return;
	if (!j->done) {
		child_job_stop(&j->child);
		job_reset(j);
		job_fail(j, -ECANCELED, "the latency probes were cancelled");
	}
	if (r)
		*r = j->r;
	child_job_release(&j->child);
	free(j);
}
