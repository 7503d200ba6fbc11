/* SPDX-License-Identifier: GPL-3.0-or-later */
/* iperf_server.c — see iperf_server.h. */
#include "tests/support/iperf_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int loopback_free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

bool loopback_listening(int port)
{
	char line[512], want[32];
	FILE *f = fopen("/proc/net/tcp", "r");
	bool found = false;

	if (!f)
		return false;
	snprintf(want, sizeof(want), "0100007F:%04X", port);
	while (!found && fgets(line, sizeof(line), f)) {
		char local[64], remote[64], st[8];

		if (sscanf(line, " %*s %63s %63s %7s", local, remote, st) == 3 &&
		    strcmp(local, want) == 0 && strcmp(st, "0A") == 0)
			found = true;
	}
	fclose(f);
	return found;
}

void test_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int iperf_server_start(struct iperf_server *s, const char *who)
{
	memset(s, 0, sizeof(*s));
	s->port = loopback_free_port();
	if (s->port < 0) {
		fprintf(stderr, "%s: no free port on 127.0.0.1\n", who);
		return -1;
	}
	snprintf(s->addr, sizeof(s->addr), "127.0.0.1:%d", s->port);
	s->pid = fork();
	if (s->pid < 0) {
		s->pid = 0;
		return -1;
	}
	if (s->pid == 0) {
		char port[16];
		int fd = open("/dev/null", O_RDWR);

		dup2(fd, 1);
		dup2(fd, 2);
		snprintf(port, sizeof(port), "%d", s->port);
		execlp("iperf3", "iperf3", "-s", "-B", "127.0.0.1", "-p", port, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 500 && !loopback_listening(s->port); i++)
		test_sleep_ms(10);
	if (!loopback_listening(s->port)) {
		fprintf(stderr, "%s: iperf3 -s did not start listening on %d\n", who, s->port);
		iperf_server_stop(s);
		return -1;
	}
	return 0;
}

void iperf_server_stop(struct iperf_server *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	s->pid = 0;
}
