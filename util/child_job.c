/* SPDX-License-Identifier: GPL-3.0-or-later */
/* child_job.c — a function in a forked child with a pipe and a deadline (see child_job.h). */
#define _GNU_SOURCE /* pipe2 */
#include "util/child_job.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/clock.h"

#define RUNNING 0 /* child_job.result while a child runs */
#define IDLE (-EINVAL)

void child_job_init(struct child_job *j)
{
	j->pid = 0;
	j->fd = -1;
	j->deadline_us = 0;
	j->max = 0;
	j->buf = NULL;
	j->len = j->cap = 0;
	j->status = -1;
	j->result = IDLE;
}

int child_job_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* In the child: never returns. */
static void __attribute__((noreturn)) run_child(int wfd, pid_t parent, child_job_fn fn, void *arg)
{
	/* If the parent dies, so does the child; if it died already, stop here. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	fn(wfd, arg);
	_exit(0);
}

int child_job_start(struct child_job *j, child_job_fn fn, void *arg, int64_t deadline_us,
		    size_t max)
{
	pid_t parent = getpid(), pid;
	int pfd[2], e;

	if (j->result == RUNNING)
		return -EBUSY;
	j->len = 0;
	j->status = -1;
	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -errno;
	fflush(NULL); /* nothing buffered may be written twice */
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(pfd[0]);
		close(pfd[1]);
		return -e;
	}
	if (pid == 0) {
		close(pfd[0]);
		run_child(pfd[1], parent, fn, arg);
	}
	close(pfd[1]);
	fcntl(pfd[0], F_SETFL, fcntl(pfd[0], F_GETFL) | O_NONBLOCK);
	j->pid = pid;
	j->fd = pfd[0];
	j->deadline_us = deadline_us;
	j->max = max;
	j->result = RUNNING;
	return 0;
}

bool child_job_running(const struct child_job *j)
{
	return j->result == RUNNING;
}

int child_job_fd(const struct child_job *j)
{
	return j->result == RUNNING ? j->fd : -1;
}

int child_job_timeout_ms(const struct child_job *j)
{
	int64_t left;

	if (j->result != RUNNING)
		return 0;
	left = (j->deadline_us - ns_mono_us() + 999) / 1000;
	return left < 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
}

/* Reap the child (after killing it when @kill_it) and close the pipe; the job ends with @result. */
static int end(struct child_job *j, bool kill_it, int result)
{
	if (j->pid > 0) {
		if (kill_it)
			kill(j->pid, SIGKILL);
		while (waitpid(j->pid, &j->status, 0) < 0 && errno == EINTR)
			;
		j->pid = 0;
	}
	if (j->fd >= 0) {
		close(j->fd);
		j->fd = -1;
	}
	j->result = result;
	return result;
}

/* Room for what may come: up to @max bytes and one more, to see an overflow. */
static int make_room(struct child_job *j)
{
	size_t cap;
	char *nb;

	if (j->len < j->cap)
		return 0;
	cap = j->cap ? j->cap * 2 : 4096;
	if (cap > j->max + 1)
		cap = j->max + 1;
	if (cap <= j->len)
		return -EMSGSIZE;
	nb = realloc(j->buf, cap);
	if (!nb)
		return -ENOMEM;
	j->buf = nb;
	j->cap = cap;
	return 0;
}

int child_job_poll(struct child_job *j)
{
	int rc;

	if (j->result != RUNNING)
		return j->result;
	for (;;) {
		ssize_t n;

		if ((rc = make_room(j)))
			return end(j, true, rc);
		n = read(j->fd, j->buf + j->len, j->cap - j->len);
		if (n > 0) {
			j->len += (size_t)n;
			if (j->len > j->max)
				return end(j, true, -EMSGSIZE);
			continue;
		}
		if (n == 0) /* the child closed its pipe by exiting: reap it */
			return end(j, false, 1);
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN)
			break;
		return end(j, true, -EIO);
	}
	if (ns_mono_us() >= j->deadline_us)
		return end(j, true, -ETIMEDOUT);
	return 0;
}

const char *child_job_output(const struct child_job *j, size_t *len)
{
	*len = j->len;
	return j->buf ? j->buf : "";
}

int child_job_status(const struct child_job *j)
{
	return j->status;
}

void child_job_stop(struct child_job *j)
{
	if (j->result == RUNNING)
		end(j, true, -ECANCELED);
}

void child_job_release(struct child_job *j)
{
	child_job_stop(j);
	free(j->buf);
	child_job_init(j);
}
