/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * child_job.h — run a function in a forked child that hands its result back
 * through a pipe, under a hard deadline, for a caller's poll loop.
 *
 * Some measurements can block for far longer than a walk may wait (libiperf
 * on a server that accepts and then says nothing), print to the terminal, or
 * keep global state; the GTK walker must not freeze while one runs. Such work
 * runs as a child job: the function runs in a forked child and writes its
 * result (any bytes) to a pipe; the parent polls the pipe's read end between
 * its other work, collects the bytes without blocking, and at the deadline
 * kills the child. Every way out reaps the child (no zombies), every system
 * call is retried on EINTR, and the child dies with its parent
 * (PR_SET_PDEATHSIG), so a crashed walker leaves no test running.
 *
 *	struct child_job cj;
 *
 *	child_job_init(&cj);
 *	if (child_job_start(&cj, work, arg, ns_mono_us() + 10000000, 4096) == 0)
 *		while ((rc = child_job_poll(&cj)) == 0)
 *			poll(&(struct pollfd){ child_job_fd(&cj), POLLIN }, 1,
 *			     child_job_timeout_ms(&cj));
 *	... rc == 1: child_job_output(&cj, &len), child_job_status(&cj) ...
 *	child_job_release(&cj);
 *
 * The function runs in the child only: it must write its result to the fd it
 * is given (child_job_write_all() helps), must not close that fd, and ends
 * the child by returning (or by _exit()). It must not touch locks another
 * thread of the parent may have held at fork() (malloc is fork-safe in
 * glibc). stdio buffers are flushed before fork() so nothing is written twice.
 *
 * Ownership: the caller embeds a struct child_job (child_job_init() /
 * child_job_release()) and reads it only through the functions below. The
 * output buffer belongs to the job. Times are CLOCK_MONOTONIC µs (ns_mono_us()).
 */
#ifndef NOTSPOT_UTIL_CHILD_JOB_H
#define NOTSPOT_UTIL_CHILD_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* What runs in the child: write the result to @fd. */
typedef void (*child_job_fn)(int fd, void *arg);

struct child_job {
	/* private: read through the functions below */
	pid_t pid;           /* the running child, 0 when none */
	int fd;              /* read end of its pipe (non-blocking), -1 when none */
	int64_t deadline_us; /* monotonic µs at which the child is killed */
	size_t max;          /* bytes of output accepted */
	char *buf;           /* output so far, malloc'd */
	size_t len, cap;
	int status;          /* wait status once reaped, -1 before */
	int result;          /* what child_job_poll() returns once it has ended */
};

/** child_job_init() - an idle job: nothing running, no output. */
void child_job_init(struct child_job *j);

/**
 * child_job_start() - fork a child that runs @fn(@fd, @arg) and exits, and
 * collect at most @max bytes of what it writes until @deadline_us. @j must
 * be idle (just initialised, or ended: a job may be started again, e.g. to
 * retry; the earlier output is dropped). Returns 0, or -errno from pipe2()
 * or fork() with nothing started.
 */
int child_job_start(struct child_job *j, child_job_fn fn, void *arg, int64_t deadline_us,
		    size_t max);

/** child_job_running() - whether a child has been started and has not ended. */
bool child_job_running(const struct child_job *j);

/** child_job_fd() - the fd to poll for POLLIN while running, else -1. */
int child_job_fd(const struct child_job *j);

/** child_job_timeout_ms() - ms until the deadline (0 when passed or not running). */
int child_job_timeout_ms(const struct child_job *j);

/**
 * child_job_poll() - read what the child has written, without blocking, and
 * end the job if it is over. Returns:
 *   0           still running (poll child_job_fd() again);
 *   1           the child closed its pipe: it has been reaped, its output is
 *               whole (child_job_output()), its wait status in child_job_status();
 *   -ETIMEDOUT  the deadline passed: the child was killed and reaped;
 *   -EMSGSIZE   it wrote more than @max bytes: killed and reaped;
 *   -ENOMEM, -EIO  the output could not be kept or read: killed and reaped.
 * Once ended, the same value again; -EINVAL for a job never started.
 */
int child_job_poll(struct child_job *j);

/**
 * child_job_output() - the bytes the child has written so far (*@len of
 * them); whole once child_job_poll() returned 1. Valid until the next start
 * or release.
 */
const char *child_job_output(const struct child_job *j, size_t *len);

/** child_job_status() - the child's wait status (WIFEXITED...), -1 before it was reaped. */
int child_job_status(const struct child_job *j);

/**
 * child_job_stop() - end a running job now: kill the child (SIGKILL), reap
 * it, close the pipe; child_job_poll() then returns -ECANCELED. Nothing if
 * not running.
 */
void child_job_stop(struct child_job *j);

/** child_job_release() - child_job_stop() and free the output; @j is then idle. */
void child_job_release(struct child_job *j);

/**
 * child_job_write_all() - write all @len bytes at @buf to @fd, retrying
 * short writes and EINTR; for the child's function. 0, or -errno.
 */
int child_job_write_all(int fd, const void *buf, size_t len);

#endif
