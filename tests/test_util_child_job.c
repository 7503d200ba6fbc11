/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_util_child_job.c — a function in a forked child: its result comes back
 * whole, the deadline kills it, too much output is refused, every ending
 * reaps the child, signals do not disturb the parent, and the child dies with
 * its parent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/child_job.h"
#include "util/clock.h"

#define S(n) ((int64_t)(n) * 1000000)

/* Poll the job as a caller's loop would, until it ends. */
static int wait_job(struct child_job *cj)
{
	int rc;

	while ((rc = child_job_poll(cj)) == 0) {
		struct pollfd p = { .fd = child_job_fd(cj), .events = POLLIN };

		poll(&p, 1, child_job_timeout_ms(cj));
	}
	return rc;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Whether @pid is gone: reaped, not a zombie waiting for us. */
static int reaped(pid_t pid)
{
	return waitpid(pid, NULL, WNOHANG) < 0 && errno == ECHILD;
}

static void write_text(int fd, void *arg)
{
	const char *text = arg;

	/* in two pieces, with a pause: the parent must collect both */
	child_job_write_all(fd, text, 5);
	sleep_ms(50);
	child_job_write_all(fd, text + 5, strlen(text) - 5);
}

static void test_the_child_result_comes_back_whole_and_the_child_is_reaped(void **state)
{
	struct child_job cj;
	const char *out;
	size_t len;

	(void)state;
	child_job_init(&cj);
	assert_int_equal(child_job_poll(&cj), -EINVAL); /* never started */
	assert_int_equal(child_job_fd(&cj), -1);
	assert_int_equal(child_job_start(&cj, write_text, "result: 42 Mbit/s", ns_mono_us() + S(10),
					 64), 0);
	assert_true(child_job_running(&cj));
	assert_true(child_job_fd(&cj) >= 0);
	assert_true(child_job_timeout_ms(&cj) > 9000);
	assert_int_equal(wait_job(&cj), 1);
	out = child_job_output(&cj, &len);
	assert_int_equal(len, strlen("result: 42 Mbit/s"));
	assert_memory_equal(out, "result: 42 Mbit/s", len);
	assert_true(WIFEXITED(child_job_status(&cj)) && WEXITSTATUS(child_job_status(&cj)) == 0);
	assert_false(child_job_running(&cj));
	assert_int_equal(child_job_fd(&cj), -1);
	assert_int_equal(child_job_poll(&cj), 1); /* ended: the same answer again */
	assert_true(reaped(-1));
	child_job_release(&cj);
}

static void write_pid_then_hang(int fd, void *arg)
{
	pid_t me = getpid();

	(void)arg;
	child_job_write_all(fd, &me, sizeof(me));
	for (;;)
		pause();
}

static pid_t pid_of(const struct child_job *cj)
{
	size_t len = 0;
	const char *out;
	pid_t pid;

	while (len < sizeof(pid)) {
		child_job_poll((struct child_job *)cj);
		out = child_job_output(cj, &len);
		if (len < sizeof(pid))
			sleep_ms(5);
	}
	memcpy(&pid, out, sizeof(pid));
	return pid;
}

static void test_the_deadline_kills_and_reaps_a_child_that_hangs(void **state)
{
	struct child_job cj;
	int64_t t0 = ns_mono_us();
	pid_t pid;

	(void)state;
	child_job_init(&cj);
	assert_int_equal(child_job_start(&cj, write_pid_then_hang, NULL, t0 + 300000, 64), 0);
	pid = pid_of(&cj);
	assert_int_equal(wait_job(&cj), -ETIMEDOUT);
	assert_true(ns_mono_us() - t0 >= 300000);
	assert_true(ns_mono_us() - t0 < S(3));
	assert_true(WIFSIGNALED(child_job_status(&cj)));
	assert_int_equal(WTERMSIG(child_job_status(&cj)), SIGKILL);
	assert_true(reaped(pid));
	assert_int_equal(child_job_timeout_ms(&cj), 0);
	child_job_release(&cj);
}

static void write_too_much(int fd, void *arg)
{
	char buf[1000];

	(void)arg;
	memset(buf, 'x', sizeof(buf));
	child_job_write_all(fd, buf, sizeof(buf));
	for (;;)
		pause();
}

static void test_more_output_than_allowed_ends_the_job(void **state)
{
	struct child_job cj;

	(void)state;
	child_job_init(&cj);
	assert_int_equal(child_job_start(&cj, write_too_much, NULL, ns_mono_us() + S(10), 999), 0);
	assert_int_equal(wait_job(&cj), -EMSGSIZE);
	assert_true(reaped(-1));
	child_job_release(&cj);
	/* exactly the limit is fine (the child exits after writing) */
	assert_int_equal(child_job_start(&cj, write_text, "0123456789", ns_mono_us() + S(10), 10),
			 0);
	assert_int_equal(wait_job(&cj), 1);
	child_job_release(&cj);
}

static void test_stop_cancels_a_running_job_and_a_job_can_start_again(void **state)
{
	struct child_job cj;
	const char *out;
	size_t len;
	pid_t pid;

	(void)state;
	child_job_init(&cj);
	assert_int_equal(child_job_start(&cj, write_pid_then_hang, NULL, ns_mono_us() + S(10), 64),
			 0);
	pid = pid_of(&cj);
	assert_int_equal(child_job_start(&cj, write_text, "busy", ns_mono_us() + S(10), 64), -EBUSY);
	child_job_stop(&cj);
	assert_int_equal(child_job_poll(&cj), -ECANCELED);
	assert_true(reaped(pid));
	/* again, on the same job: the old output is gone */
	assert_int_equal(child_job_start(&cj, write_text, "second run", ns_mono_us() + S(10), 64),
			 0);
	assert_int_equal(wait_job(&cj), 1);
	out = child_job_output(&cj, &len);
	assert_int_equal(len, 10);
	assert_memory_equal(out, "second run", 10);
	child_job_release(&cj);
	child_job_release(&cj); /* twice is fine */
}

static void die_by_signal(int fd, void *arg)
{
	(void)fd;
	(void)arg;
	signal(SIGTERM, SIG_DFL);
	raise(SIGTERM);
}

static void test_a_child_that_crashes_ends_with_its_signal(void **state)
{
	struct child_job cj;
	size_t len;

	(void)state;
	child_job_init(&cj);
	assert_int_equal(child_job_start(&cj, die_by_signal, NULL, ns_mono_us() + S(10), 64), 0);
	assert_int_equal(wait_job(&cj), 1);
	child_job_output(&cj, &len);
	assert_int_equal(len, 0);
	assert_true(WIFSIGNALED(child_job_status(&cj)));
	assert_int_equal(WTERMSIG(child_job_status(&cj)), SIGTERM);
	child_job_release(&cj);
}

static volatile sig_atomic_t ticks;

static void on_alarm(int sig)
{
	(void)sig;
	ticks++;
}

static void test_signals_arriving_all_the_time_do_not_disturb_it(void **state)
{
	struct sigaction sa = { 0 }, old;
	struct itimerval every_ms = { { 0, 1000 }, { 0, 1000 } }, off = { 0 };
	struct child_job cj;
	const char *out;
	size_t len;

	(void)state;
	sa.sa_handler = on_alarm; /* no SA_RESTART: every blocking call sees EINTR */
	sigaction(SIGALRM, &sa, &old);
	ticks = 0;
	setitimer(ITIMER_REAL, &every_ms, NULL);
	child_job_init(&cj);
	assert_int_equal(child_job_start(&cj, write_text, "through the storm", ns_mono_us() + S(10),
					 64), 0);
	assert_int_equal(wait_job(&cj), 1);
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old, NULL);
	out = child_job_output(&cj, &len);
	assert_int_equal(len, strlen("through the storm"));
	assert_memory_equal(out, "through the storm", len);
	assert_true(ticks > 5);
	child_job_release(&cj);
}

/* The grandchild's pid goes up this pipe; the middle process then dies. */
static int up[2];

static void write_pid_up_then_hang(int fd, void *arg)
{
	pid_t me = getpid();

	(void)fd;
	(void)arg;
	child_job_write_all(up[1], &me, sizeof(me));
	for (;;)
		pause();
}

static void test_the_child_dies_with_its_parent(void **state)
{
	pid_t middle, grandchild = 0;
	int64_t t0;

	(void)state;
	assert_int_equal(pipe(up), 0);
	middle = fork();
	assert_true(middle >= 0);
	if (middle == 0) {
		struct child_job cj;

		child_job_init(&cj);
		if (child_job_start(&cj, write_pid_up_then_hang, NULL, ns_mono_us() + S(60), 64))
			_exit(1);
		sleep_ms(100);
		_exit(0); /* without stopping the job */
	}
	assert_int_equal(read(up[0], &grandchild, sizeof(grandchild)), sizeof(grandchild));
	assert_true(waitpid(middle, NULL, 0) == middle);
	/* the grandchild now belongs to init (or a subreaper), which reaps it once killed */
	t0 = ns_mono_us();
	while (kill(grandchild, 0) == 0 && ns_mono_us() - t0 < S(5))
		sleep_ms(10);
	assert_int_equal(kill(grandchild, 0), -1);
	assert_int_equal(errno, ESRCH);
	close(up[0]);
	close(up[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_child_result_comes_back_whole_and_the_child_is_reaped),
		cmocka_unit_test(test_the_deadline_kills_and_reaps_a_child_that_hangs),
		cmocka_unit_test(test_more_output_than_allowed_ends_the_job),
		cmocka_unit_test(test_stop_cancels_a_running_job_and_a_job_can_start_again),
		cmocka_unit_test(test_a_child_that_crashes_ends_with_its_signal),
		cmocka_unit_test(test_signals_arriving_all_the_time_do_not_disturb_it),
		cmocka_unit_test(test_the_child_dies_with_its_parent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
