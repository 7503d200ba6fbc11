/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * iperf_server.h — a real `iperf3 -s` on 127.0.0.1 for the throughput tests.
 * Only loopback: the server binds 127.0.0.1 and the tests talk to nothing else.
 * No cmocka here (support files also link into the benchmarks): failures
 * return -1 with a line on stderr.
 */
#ifndef NOTSPOT_TESTS_IPERF_SERVER_H
#define NOTSPOT_TESTS_IPERF_SERVER_H

#include <stdbool.h>
#include <sys/types.h>

struct iperf_server {
	pid_t pid;      /* 0 when not running */
	int port;
	char addr[32];  /* "127.0.0.1:PORT" */
};

/** loopback_free_port() - a TCP port nothing listens on now, or -1. */
int loopback_free_port(void);

/** loopback_listening() - whether /proc/net/tcp shows a listener on 127.0.0.1:@port. */
bool loopback_listening(int port);

/** test_sleep_ms() - sleep @ms milliseconds. */
void test_sleep_ms(int ms);

/**
 * iperf_server_start() - start `iperf3 -s -B 127.0.0.1` on a free port and
 * wait (up to 5 s) until it listens. @who names the test in the error line.
 */
int iperf_server_start(struct iperf_server *s, const char *who);

/** iperf_server_stop() - stop it (SIGTERM, then reap); fine if not running. */
void iperf_server_stop(struct iperf_server *s);

#endif
