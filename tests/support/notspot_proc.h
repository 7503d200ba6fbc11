/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notspot_proc.h — run the notspot built with the tests as a child process:
 * arguments without a shell, extra environment (NOTSPOT_TEST_RADIO for the
 * simulated radio), stdin, stdout and stderr as pipes the test holds.
 */
#ifndef NOTSPOT_TESTS_SUPPORT_NOTSPOT_PROC_H
#define NOTSPOT_TESTS_SUPPORT_NOTSPOT_PROC_H

#include <stddef.h>
#include <sys/types.h>

struct notspot_proc {
	pid_t pid;
	int in, out, err;     /* our ends: write to its stdin, read its stdout and stderr */
	int keep_stdin;       /* notspot_wait() leaves stdin open until the process ends */
};

/**
 * notspot_bin() - $NOTSPOT_BIN if set (to run the tests against another
 * build), else the notspot next to this test's build dir (BUILD/tests/x →
 * BUILD/notspot), else ./notspot.
 */
const char *notspot_bin(void);

/**
 * notspot_start() - start notspot with the NULL-terminated @argv (without
 * argv[0]) and @env ("NAME=VALUE" strings, NULL-terminated, may be NULL)
 * added to the environment. Returns 0 or -errno.
 */
int notspot_start(struct notspot_proc *p, const char *const *argv, const char *const *env);

/**
 * notspot_wait() - close stdin (unless keep_stdin), read stdout and stderr to their end into
 * malloc'd strings (*out, *err; may be NULL to discard) and return the exit
 * status (0..255), or 1000 + the signal that ended it.
 */
int notspot_wait(struct notspot_proc *p, char **out, char **err);

/** notspot_run() - start, then wait: the whole run of a command. */
int notspot_run(const char *const *argv, const char *const *env, char **out, char **err);

#endif
