/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_latency.c — RTT, jitter and loss by each method, to 127.0.0.1 only.
 * The statistics, the echo-reply matcher and the route-table parser are
 * checked against hand-computed values.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <net/route.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "scanner/latency.h"
#include "scanner/tput_net.h"

static void opts(struct lat_options *o, const char *host, enum lat_method m)
{
	lat_options_init(o);
	o->host = host;
	o->method = m;
	o->count = 5;
	o->interval_s = 0.02;
}

static void assert_loopback_rtts(const struct lat_result *r, const char *proto)
{
	print_message("%s: %d/%d, min/avg/max %.3f/%.3f/%.3f ms, jitter %.3f ms, loss %.0f %% (%s)\n",
		      proto, r->received, r->sent, r->rtt_min_ms, r->rtt_avg_ms, r->rtt_max_ms,
		      r->jitter_ms, r->loss_pct, r->note);
	if (r->status != SAMPLE_OK)
		fail_msg("no RTT: %s", r->tp.error);
	assert_string_equal(r->tp.protocol, proto);
	assert_string_equal(r->tp.direction, "rtt");
	assert_string_equal(r->tp.error, "");
	assert_int_equal(r->sent, 5);
	assert_int_equal(r->received, 5);
	assert_true(r->loss_pct == 0.0 && r->tp.loss_pct == 0.0);
	assert_true(r->rtt_min_ms > 0.0 && r->rtt_min_ms <= r->rtt_avg_ms &&
		    r->rtt_avg_ms <= r->rtt_max_ms);
	/* Loopback answers in microseconds, so the fastest of five probes is
	 * well under a millisecond (a unit slip, µs or s for ms, is off by 1000).
	 * The average is not bounded: on a loaded machine one descheduled probe
	 * took 33 ms, and a test never asserts a timing. */
	assert_true(r->rtt_min_ms < 1.0);
	assert_true(r->jitter_ms >= 0.0 && r->jitter_ms <= r->rtt_max_ms - r->rtt_min_ms);
	assert_true(r->tp.rtt_ms == r->rtt_avg_ms && r->tp.jitter_ms == r->jitter_ms);
	assert_true(isnan(r->tp.mbps));
	assert_string_equal(r->target, "127.0.0.1");
}

static void test_lat_auto_uses_icmp_when_allowed_else_says_udp(void **state)
{
	struct lat_options o;
	struct lat_result r;

	(void)state;
	opts(&o, "127.0.0.1", LAT_AUTO);
	assert_int_equal(lat_run(&o, &r, NULL), 0);
	if (r.method == LAT_ICMP) {
		assert_loopback_rtts(&r, "icmp");
		assert_non_null(strstr(r.note, "ICMP echo through a"));
	} else {
		assert_int_equal(r.method, LAT_UDP);
		assert_loopback_rtts(&r, "udp");
		assert_non_null(strstr(r.note, "ICMP echo not allowed"));
	}
}

static void test_lat_icmp_echo_to_loopback_is_sub_millisecond(void **state)
{
	struct lat_options o;
	struct lat_result r;

	(void)state;
	opts(&o, "127.0.0.1", LAT_ICMP);
	assert_int_equal(lat_run(&o, &r, NULL), 0);
	if (r.status == SAMPLE_FAILED && r.code == -EPERM) {
		/* Neither ping sockets nor CAP_NET_RAW here: the refusal must say so. */
		assert_non_null(strstr(r.tp.error, "ping_group_range"));
		skip();
	}
	assert_loopback_rtts(&r, "icmp");
}

/*
 * Run lat_run(AUTO, 127.0.0.1) in a network namespace of the test's own (root
 * only) whose loopback is up. @allow_ping opens net.ipv4.ping_group_range (it
 * is per namespace) to every group; @as_nobody drops to uid/gid 65534, which
 * has no CAP_NET_RAW. @gateway adds a default route via 127.0.0.2 on lo and
 * probes the gateway instead. Returns false when no namespace can be made.
 */
static bool lat_in_namespace(bool allow_ping, bool as_nobody, bool gateway, struct lat_result *r)
{
	int pfd[2];
	pid_t pid;
	ssize_t n;

	if (geteuid() != 0)
		return false;
	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct ifreq ifr = { 0 };
		struct lat_options o;
		int fd, sfd;

		close(pfd[0]);
		if (unshare(CLONE_NEWNET) < 0)
			_exit(77);
		sfd = socket(AF_INET, SOCK_DGRAM, 0);
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
		ifr.ifr_flags = IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
		if (sfd < 0 || ioctl(sfd, SIOCSIFFLAGS, &ifr) < 0)
			_exit(78);
		if (gateway) {
			struct rtentry rt = { 0 };
			struct sockaddr_in *gw = (struct sockaddr_in *)&rt.rt_gateway;

			((struct sockaddr_in *)&rt.rt_dst)->sin_family = AF_INET;
			((struct sockaddr_in *)&rt.rt_genmask)->sin_family = AF_INET;
			gw->sin_family = AF_INET;
			gw->sin_addr.s_addr = htonl(0x7f000002);
			rt.rt_flags = RTF_UP | RTF_GATEWAY;
			rt.rt_dev = (char *)"lo";
			if (ioctl(sfd, SIOCADDRT, &rt) < 0)
				_exit(82);
		}
		close(sfd);
		if (allow_ping) {
			fd = open("/proc/sys/net/ipv4/ping_group_range", O_WRONLY);
			if (fd < 0 || write(fd, "0 2147483647", 12) != 12)
				_exit(79);
			close(fd);
		}
		if (as_nobody && (setgroups(0, NULL) < 0 || setgid(65534) < 0 || setuid(65534) < 0))
			_exit(80);
		opts(&o, gateway ? NULL : "127.0.0.1", LAT_AUTO);
		lat_run(&o, r, NULL);
		if (write(pfd[1], r, sizeof(*r)) != (ssize_t)sizeof(*r))
			_exit(81);
		_exit(0);
	}
	close(pfd[1]);
	n = read(pfd[0], r, sizeof(*r));
	close(pfd[0]);
	waitpid(pid, NULL, 0);
	return n == (ssize_t)sizeof(*r);
}

static void test_lat_ping_socket_is_used_when_ping_group_range_allows(void **state)
{
	struct lat_result r;

	(void)state;
	if (!lat_in_namespace(true, true, false, &r))
		skip(); /* not root, or no namespaces in this container */
	assert_loopback_rtts(&r, "icmp");
	assert_string_equal(r.note, "ICMP echo through a ping socket");
}

static void test_lat_without_icmp_rights_falls_back_to_udp_and_says_why(void **state)
{
	struct lat_result r;

	(void)state;
	if (!lat_in_namespace(false, true, false, &r))
		skip();
	assert_int_equal(r.method, LAT_UDP);
	assert_loopback_rtts(&r, "udp");
	assert_string_equal(r.note, "ICMP echo not allowed (net.ipv4.ping_group_range, no "
				    "CAP_NET_RAW); UDP to port 33434, timing the port-unreachable "
				    "replies");
}

static void test_lat_without_a_host_probes_the_default_gateway(void **state)
{
	struct lat_result r;

	(void)state;
	if (!lat_in_namespace(false, false, true, &r))
		skip();
	print_message("gateway: %s via %s, avg %.3f ms (%s)\n", r.tp.server, r.tp.protocol,
		      r.rtt_avg_ms, r.status == SAMPLE_OK ? "ok" : r.tp.error);
	assert_int_equal(r.status, SAMPLE_OK);
	assert_string_equal(r.tp.server, "127.0.0.2");
	assert_string_equal(r.target, "127.0.0.2");
	assert_int_equal(r.received, 5);
}

static void test_lat_udp_times_port_unreachable_on_loopback(void **state)
{
	struct lat_options o;
	struct lat_result r;

	(void)state;
	opts(&o, "127.0.0.1", LAT_UDP);
	assert_int_equal(lat_run(&o, &r, NULL), 0);
	assert_loopback_rtts(&r, "udp");
	assert_non_null(strstr(r.note, "UDP to port 33434"));
}

static void test_lat_tcp_times_handshakes_with_open_and_closed_ports(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	struct lat_options o;
	struct lat_result r;
	char host[32];
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)state;
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 16), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	snprintf(host, sizeof(host), "127.0.0.1:%d", ntohs(a.sin_port));
	opts(&o, host, LAT_TCP);
	assert_int_equal(lat_run(&o, &r, NULL), 0); /* SYN-ACKs from the listener */
	assert_loopback_rtts(&r, "tcp");
	close(fd);
	assert_int_equal(lat_run(&o, &r, NULL), 0); /* RSTs from the closed port */
	assert_loopback_rtts(&r, "tcp");
	assert_string_equal(r.tp.server, host);
}

static void test_lat_silent_udp_service_is_loss_with_a_timeout(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	struct lat_options o;
	struct lat_result r;
	int fd = socket(AF_INET, SOCK_DGRAM, 0); /* swallows probes, answers nothing */

	(void)state;
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	opts(&o, "127.0.0.1", LAT_UDP);
	o.port = ntohs(a.sin_port);
	o.count = 3;
	o.timeout_s = 0.2;
	assert_int_equal(lat_run(&o, &r, NULL), 0);
	close(fd);
	print_message("silent udp: %s (%.2f s)\n", r.tp.error, r.tp.duration_s);
	assert_int_equal(r.status, SAMPLE_TIMEOUT);
	assert_int_equal(r.code, -ETIMEDOUT);
	assert_true(r.tp.loss_pct == 100.0);
	assert_true(isnan(r.tp.rtt_ms));
	assert_string_equal(r.tp.error, "no reply from 127.0.0.1 to 3 udp probes within 0.2 s each");
	assert_true(r.tp.duration_s >= 0.55 && r.tp.duration_s < 1.5);
}

static void test_lat_job_runs_the_probes_while_the_caller_polls(void **state)
{
	struct lat_options o;
	struct lat_result r;
	struct lat_job *j = NULL;
	char host[] = "127.0.0.1";
	int wakeups = 0;

	(void)state;
	opts(&o, host, LAT_UDP);
	o.interval_s = 0.1;
	assert_int_equal(lat_start(&o, &j, NULL), 0);
	while (!lat_job_run(j)) {
		struct pollfd p = { .fd = lat_job_fd(j), .events = POLLIN };
		int t = lat_job_timeout_ms(j);

		assert_true(p.fd >= 0);
		poll(&p, 1, t < 50 ? t : 50);
		wakeups++;
	}
	lat_job_finish(j, &r);
	print_message("job: %d wake-ups while 5 probes ran\n", wakeups);
	assert_loopback_rtts(&r, "udp");
	assert_true(wakeups >= 5);
}

static void test_lat_job_finished_early_is_cancelled(void **state)
{
	struct lat_options o;
	struct lat_result r;
	struct lat_job *j = NULL;

	(void)state;
	opts(&o, "127.0.0.1", LAT_UDP);
	o.interval_s = 1.0;
	assert_int_equal(lat_start(&o, &j, NULL), 0);
	lat_job_finish(j, &r);
	assert_int_equal(r.status, SAMPLE_FAILED);
	assert_int_equal(r.code, -ECANCELED);
	assert_string_equal(r.tp.error, "the latency probes were cancelled");
	assert_string_equal(r.tp.server, "127.0.0.1");
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1); /* no child left behind */
}

static void test_lat_bad_name_is_one_sentence(void **state)
{
	struct lat_options o;
	struct lat_result r;

	(void)state;
	opts(&o, "no-such-host.invalid", LAT_AUTO);
	assert_int_equal(lat_run(&o, &r, NULL), 0);
	assert_int_equal(r.status, SAMPLE_FAILED);
	assert_int_equal(r.code, -EHOSTUNREACH);
	assert_non_null(strstr(r.tp.error, "cannot resolve 'no-such-host.invalid'"));
	assert_null(strchr(r.tp.error, '\n'));
	assert_string_equal(r.tp.server, "no-such-host.invalid");
}

static void test_lat_nonsense_options_are_refused(void **state)
{
	struct lat_options o;
	struct lat_result r;
	struct ns_err err = { 0 };

	(void)state;
	opts(&o, "127.0.0.1", LAT_AUTO);
	o.count = 0;
	assert_int_equal(lat_run(&o, &r, &err), -EINVAL);
	assert_string_equal(err.msg, "probe count must be 1 to 10000, not 0");
	opts(&o, "127.0.0.1", LAT_AUTO);
	o.timeout_s = 0;
	assert_int_equal(lat_run(&o, &r, &err), -EINVAL);
}

static void test_lat_summary_is_min_avg_max_and_mean_deviation(void **state)
{
	const double rtt[] = { 1.0, 2.0, 6.0 };
	struct lat_result r;

	(void)state;
	lat_result_init(&r);
	lat_summarise(rtt, 3, 4, &r);
	assert_float_equal(r.rtt_min_ms, 1.0, 1e-12);
	assert_float_equal(r.rtt_avg_ms, 3.0, 1e-12);
	assert_float_equal(r.rtt_max_ms, 6.0, 1e-12);
	assert_float_equal(r.jitter_ms, (2.0 + 1.0 + 3.0) / 3.0, 1e-12);
	assert_float_equal(r.loss_pct, 25.0, 1e-12);
	assert_float_equal(r.tp.rtt_ms, 3.0, 1e-12);
	lat_summarise(rtt, 0, 2, &r);
	assert_true(isnan(r.rtt_avg_ms) && isnan(r.jitter_ms));
	assert_float_equal(r.loss_pct, 100.0, 1e-12);
}

static void test_lat_echo_reply_matcher_checks_type_id_and_length(void **state)
{
	/* IPv4 header (20 bytes, proto 1) + echo reply id 0x1234 seq 7. */
	uint8_t pkt[28] = { 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 1, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,
			    0, 0, 0, 0, 0x12, 0x34, 0, 7 };
	uint16_t seq = 0;

	(void)state;
	assert_int_equal(lat_match_echo_reply(pkt, sizeof(pkt), true, 0x1234, &seq), 0);
	assert_int_equal(seq, 7);
	assert_int_equal(lat_match_echo_reply(pkt, sizeof(pkt), true, 0x4321, &seq), -EINVAL);
	assert_int_equal(lat_match_echo_reply(pkt, 27, true, 0x1234, &seq), -EINVAL);
	assert_int_equal(lat_match_echo_reply(pkt + 20, 8, false, 0, &seq), 0);
	pkt[20] = 8; /* our own echo request, seen on loopback by a raw socket */
	assert_int_equal(lat_match_echo_reply(pkt, sizeof(pkt), true, 0x1234, &seq), -EINVAL);
	pkt[20] = 0;
	pkt[0] = 0x4f; /* IHL 60 > packet */
	assert_int_equal(lat_match_echo_reply(pkt, sizeof(pkt), true, 0x1234, &seq), -EINVAL);
	assert_int_equal(lat_match_echo_reply(pkt, 0, false, 0, &seq), -EINVAL);
}

static const char route_table[] =
	"Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
	"eth0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n"
	"wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
	"eth0\t00000000\t FE01A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n";

static void test_lat_gateway_is_the_default_route_with_lowest_metric(void **state)
{
	struct in_addr gw;
	char ifn[16], txt[32];
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(tput_parse_route(route_table, strlen(route_table), NULL, &gw, ifn,
					  sizeof(ifn), &err),
			 0);
	inet_ntop(AF_INET, &gw, txt, sizeof(txt));
	assert_string_equal(txt, "192.168.1.254");
	assert_string_equal(ifn, "eth0");
	assert_int_equal(tput_parse_route(route_table, strlen(route_table), "wlan0", &gw, ifn,
					  sizeof(ifn), &err),
			 0);
	inet_ntop(AF_INET, &gw, txt, sizeof(txt));
	assert_string_equal(txt, "192.168.1.1");
	assert_int_equal(tput_parse_route(route_table, strlen(route_table), "wlan1", &gw, NULL, 0,
					  &err),
			 -ENOENT);
	assert_string_equal(err.msg, "no default route through wlan1");
	assert_int_equal(tput_parse_route("Iface\tDestination\n", 18, NULL, &gw, NULL, 0, &err),
			 -EINVAL);
	assert_int_equal(tput_parse_route("nonsense", 8, NULL, &gw, NULL, 0, &err), -EINVAL);
	assert_int_equal(tput_parse_route("", 0, NULL, &gw, NULL, 0, &err), -EINVAL);
}

static void test_lat_host_port_strings_split_like_a_user_expects(void **state)
{
	char h[64];
	int port;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(tput_split_hostport("iperf.example.org:5202", h, sizeof(h), &port, &err), 0);
	assert_string_equal(h, "iperf.example.org");
	assert_int_equal(port, 5202);
	assert_int_equal(tput_split_hostport("10.0.0.1", h, sizeof(h), &port, &err), 0);
	assert_int_equal(port, 0);
	assert_int_equal(tput_split_hostport("[fe80::1]:5201", h, sizeof(h), &port, &err), 0);
	assert_string_equal(h, "fe80::1");
	assert_int_equal(port, 5201);
	assert_int_equal(tput_split_hostport("2001:db8::2", h, sizeof(h), &port, &err), 0);
	assert_string_equal(h, "2001:db8::2");
	assert_int_equal(port, 0);
	assert_int_equal(tput_split_hostport("host:", h, sizeof(h), &port, &err), -EINVAL);
	assert_int_equal(tput_split_hostport(":80", h, sizeof(h), &port, &err), -EINVAL);
	assert_string_equal(err.msg, "':80' has no host name or address");
	assert_int_equal(tput_split_hostport("[::1", h, sizeof(h), &port, &err), -EINVAL);
	assert_int_equal(tput_split_hostport("a:0", h, sizeof(h), &port, &err), -EINVAL);
	assert_int_equal(tput_split_hostport("abcdef", h, 4, &port, &err), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lat_auto_uses_icmp_when_allowed_else_says_udp),
		cmocka_unit_test(test_lat_icmp_echo_to_loopback_is_sub_millisecond),
		cmocka_unit_test(test_lat_ping_socket_is_used_when_ping_group_range_allows),
		cmocka_unit_test(test_lat_without_icmp_rights_falls_back_to_udp_and_says_why),
		cmocka_unit_test(test_lat_without_a_host_probes_the_default_gateway),
		cmocka_unit_test(test_lat_udp_times_port_unreachable_on_loopback),
		cmocka_unit_test(test_lat_tcp_times_handshakes_with_open_and_closed_ports),
		cmocka_unit_test(test_lat_silent_udp_service_is_loss_with_a_timeout),
		cmocka_unit_test(test_lat_job_runs_the_probes_while_the_caller_polls),
		cmocka_unit_test(test_lat_job_finished_early_is_cancelled),
		cmocka_unit_test(test_lat_bad_name_is_one_sentence),
		cmocka_unit_test(test_lat_nonsense_options_are_refused),
		cmocka_unit_test(test_lat_summary_is_min_avg_max_and_mean_deviation),
		cmocka_unit_test(test_lat_echo_reply_matcher_checks_type_id_and_length),
		cmocka_unit_test(test_lat_gateway_is_the_default_route_with_lowest_metric),
		cmocka_unit_test(test_lat_host_port_strings_split_like_a_user_expects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
