/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * latency.h — round-trip time, jitter and loss to the default gateway or a
 * named host, without needing root where the system allows it.
 *
 * Methods, tried in this order when LAT_AUTO:
 *  - ICMP echo through a ping socket (socket(AF_INET, SOCK_DGRAM,
 *    IPPROTO_ICMP)): unprivileged when net.ipv4.ping_group_range covers one
 *    of the user's groups;
 *  - ICMP echo through a raw socket: needs CAP_NET_RAW (root, or setcap);
 *  - UDP: a datagram to a closed port (33434, traceroute's) times the ICMP
 *    "port unreachable" the host sends back — no privilege needed, but hosts
 *    rate-limit those replies (Linux: about one a second after a burst of
 *    six), so UDP probes go once a second unless told otherwise.
 * LAT_TCP times a TCP handshake (SYN to SYN-ACK, or to the RST of a closed
 * port) — for hosts that drop ICMP; it is never chosen automatically.
 * The result says which it used (protocol "icmp", "udp", "tcp") and, in a
 * note, why the earlier ones were not.
 *
 * Probes go one at a time: each waits up to the per-probe timeout for its own
 * reply (late replies to earlier probes are ignored), so a run takes at most
 * count × max(interval, timeout).
 *
 * Units: ms for RTTs and jitter, s for intervals and timeouts, % for loss.
 */
#ifndef NOTSPOT_SCANNER_LATENCY_H
#define NOTSPOT_SCANNER_LATENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "measure/measure.h"
#include "util/err.h"

#define LAT_DEFAULT_COUNT 10
#define LAT_DEFAULT_ICMP_INTERVAL_S 0.2
#define LAT_DEFAULT_UDP_INTERVAL_S 1.0 /* ICMP error rate limits, see above */
#define LAT_DEFAULT_TIMEOUT_S 1.0
#define LAT_DEFAULT_UDP_PORT 33434
#define LAT_DEFAULT_TCP_PORT 80
#define LAT_MAX_COUNT 10000

enum lat_method { LAT_AUTO = 0, LAT_ICMP, LAT_UDP, LAT_TCP };

struct lat_options {
	const char *host;       /* name or address; NULL/"": the default gateway */
	const char *interface;  /* probes leave by this interface (SO_BINDTODEVICE) and the
				   gateway is looked up on it; NULL/"": any */
	enum lat_method method;
	int count;              /* probes, 1..LAT_MAX_COUNT */
	double interval_s;      /* between probe starts; 0: the method's default */
	double timeout_s;       /* wait for each reply, > 0 */
	int port;               /* UDP/TCP port; 0: the method's default */
};

/** lat_options_init() - defaults: gateway, auto, 10 probes, 1 s timeout. */
void lat_options_init(struct lat_options *o);

struct lat_result {
	/* What is stored: protocol, direction "rtt", server (the host as asked,
	 * or the gateway's address), duration_s, rtt_ms (average), jitter_ms
	 * (mean absolute deviation from the average), loss_pct, error.
	 * mbps stays NAN. */
	struct meas_throughput tp;
	enum meas_status status; /* SAMPLE_OK when any reply came */
	int code;                         /* 0, or the failure as a negative errno */
	enum lat_method method;           /* the one used */
	char target[64];                  /* the address probed */
	char note[160];                   /* how it measured, and why not ICMP if not */
	int sent, received;
	double rtt_min_ms, rtt_avg_ms, rtt_max_ms; /* NAN when nothing came back */
	double jitter_ms;
	double loss_pct;
	int64_t t_us, mono_us;            /* when it finished */
};

void lat_result_init(struct lat_result *r);

/**
 * lat_run() - send @o->count probes and fill @r.
 * Returns 0 whenever @r is filled, also when nothing answered or the name
 * does not resolve (then r->status is SAMPLE_FAILED and r->tp.error says
 * why). Returns -EINVAL with a sentence only for options that make no sense.
 */
int lat_run(const struct lat_options *o, struct lat_result *r, struct ns_err *err);

/*
 * The same as a job for the caller's poll loop (the GTK walker must not
 * freeze for the seconds a run takes): the probes run in a forked child
 * (util/child_job.h) that hands its result back through a pipe; a child that
 * overstays
 * count x max(interval, timeout) + 2 s is killed.
 *
 *	lat_start(&o, &job, &err);
 *	while (!lat_job_run(job))
 *		poll(... lat_job_fd(job) for POLLIN ..., lat_job_timeout_ms(job));
 *	lat_job_finish(job, &result);
 */
struct lat_job; /* opaque */

/** lat_start() - check @o and start the probes. -EINVAL for nonsense options. */
int lat_start(const struct lat_options *o, struct lat_job **out, struct ns_err *err);

/** lat_job_fd() - the fd to poll for POLLIN, or -1 once done. */
int lat_job_fd(const struct lat_job *j);

/** lat_job_timeout_ms() - ms until lat_job_run() must be called even without input. */
int lat_job_timeout_ms(const struct lat_job *j);

/** lat_job_run() - collect the result if it is there; never blocks. True once done. */
bool lat_job_run(struct lat_job *j);

/**
 * lat_job_finish() - copy the result into @r (may be NULL) and free @j; a job
 * not yet done is cancelled (a failure, "was cancelled"). NULL is fine.
 */
void lat_job_finish(struct lat_job *j, struct lat_result *r);

/**
 * lat_summarise() - min/avg/max, jitter and loss from @rtt_ms[0..@received)
 * out of @sent probes, into @r (rtt_*, jitter_ms, loss_pct and the tp copies).
 */
void lat_summarise(const double *rtt_ms, int received, int sent, struct lat_result *r);

/**
 * lat_match_echo_reply() - whether @buf (@len bytes, as read from a ping
 * socket, or with the IPv4 header first when @ip_header) is an ICMP echo reply
 * with identifier @id (ignored for ping sockets: the kernel filters by it).
 * Its sequence number goes to *@seq. Returns 0, or -EINVAL for anything else
 * (too short, another ICMP type, someone else's echo).
 */
int lat_match_echo_reply(const uint8_t *buf, size_t len, bool ip_header, uint16_t id,
			 uint16_t *seq);

/** lat_method_name() - "auto", "icmp", "udp", "tcp". */
const char *lat_method_name(enum lat_method m);

#endif
