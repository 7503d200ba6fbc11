/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notspot_proc.c — see notspot_proc.h.
 */
#define _GNU_SOURCE
#include "tests/support/notspot_proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *notspot_bin(void)
{
	static char bin[1100];
	char exe[1024];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (getenv("NOTSPOT_BIN")) { /* another build, e.g. to see a test fail on old code */
		snprintf(bin, sizeof(bin), "%s", getenv("NOTSPOT_BIN"));
		return bin;
	}
	snprintf(bin, sizeof(bin), "./notspot");
	if (n <= 0)
		return bin;
	exe[n] = '\0';
	for (int up = 0; up < 2; up++) {
		char *slash = strrchr(exe, '/');

		if (!slash)
			return bin;
		*slash = '\0';
	}
	snprintf(bin, sizeof(bin), "%s/notspot", exe);
	if (access(bin, X_OK) != 0)
		snprintf(bin, sizeof(bin), "./notspot");
	return bin;
}

int notspot_start(struct notspot_proc *p, const char *const *argv, const char *const *env)
{
	int in[2], out[2], err[2];
	const char *args[64];
	size_t n = 0;

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		return -errno;
	args[n++] = notspot_bin();
	while (argv && *argv && n < 63)
		args[n++] = *argv++;
	args[n] = NULL;
	p->keep_stdin = 0;
	p->pid = fork();
	if (p->pid < 0)
		return -errno;
	if (p->pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		dup2(err[1], STDERR_FILENO);
		for (; env && *env; env++)
			putenv((char *)*env);
		signal(SIGPIPE, SIG_DFL);
		execv(args[0], (char *const *)args);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(err[1]);
	p->in = in[1];
	p->out = out[0];
	p->err = err[0];
	return 0;
}

/* Append what @fd has to *@buf; 0 at its end. */
static ssize_t take(int fd, char **buf, size_t *len, size_t *cap)
{
	ssize_t got;

	if (*len + 4096 + 1 > *cap) {
		*cap = (*cap + 4096) * 2;
		*buf = realloc(*buf, *cap);
		if (!*buf)
			abort();
	}
	got = read(fd, *buf + *len, *cap - *len - 1);
	if (got > 0)
		*len += (size_t)got;
	(*buf)[*len] = '\0';
	return got;
}

int notspot_wait(struct notspot_proc *p, char **out, char **err)
{
	char *b[2] = { NULL, NULL };
	size_t len[2] = { 0, 0 }, cap[2] = { 0, 0 };
	struct pollfd fds[2] = { { p->out, POLLIN, 0 }, { p->err, POLLIN, 0 } };
	int open = 2, st;

	if (p->in >= 0 && !p->keep_stdin) {
		close(p->in);
		p->in = -1;
	}
	for (int i = 0; i < 2; i++)
		take(-1, &b[i], &len[i], &cap[i]);
	while (open > 0) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++)
			if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) &&
			    take(fds[i].fd, &b[i], &len[i], &cap[i]) <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open--;
			}
	}
	waitpid(p->pid, &st, 0);
	if (p->in >= 0)
		close(p->in);
	p->in = -1;
	if (out)
		*out = b[0];
	else
		free(b[0]);
	if (err)
		*err = b[1];
	else
		free(b[1]);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
}

int notspot_run(const char *const *argv, const char *const *env, char **out, char **err)
{
	struct notspot_proc p;

	if (notspot_start(&p, argv, env) < 0)
		return -1;
	return notspot_wait(&p, out, err);
}
