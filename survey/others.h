/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * others.h — who else is writing a survey file: another program in the
 * middle of a write transaction, or one recording a live walk into it.
 *
 * SQLite makes concurrent writers wait for each other, and a live walk
 * commits every sample in its own short transaction: between two samples
 * nothing stops an edit. But a floor edited under a walker's feet (a ward
 * moved, walls removed) changes what the engineer is looking at, so an edit
 * of the floor plan waits a moment for a writer to finish and is refused,
 * naming who, while another program records a walk.
 *
 * What is found comes from the kernel's table of POSIX locks (/proc/locks):
 * in WAL mode every connection holds a shared lock on the "-shm" file while
 * the survey is open, and the writer its write lock. Nothing here opens the
 * survey's files (closing a descriptor of a file drops every lock this
 * process holds on it, SQLite's included), so the calls are safe at any time.
 * Linux only; elsewhere nobody is ever found.
 */
#ifndef NOTSPOT_SURVEY_OTHERS_H
#define NOTSPOT_SURVEY_OTHERS_H

#include <stdbool.h>
#include <stdint.h>

#include "survey/survey.h"
#include "util/err.h"

/* Another process using a survey file. */
struct survey_other {
	int pid;                  /* 0: nobody */
	char program[96];         /* "notspot walk" (its first two words), "" if unknown */
};

/**
 * survey_other_writer() - another process holding the write lock of the
 * survey at @path now (in a write transaction), into @out (pid 0: none).
 */
void survey_other_writer(const char *path, struct survey_other *out);

/**
 * survey_other_user() - another process with the survey at @path open for
 * writing (a read-write connection in WAL mode), into @out (pid 0: none).
 */
void survey_other_user(const char *path, struct survey_other *out);

/* How long an edit waits for another program's write transaction, ms. */
#define SURVEY_EDIT_WAIT_MS 2000

/**
 * survey_edit_guard() - whether the plan of survey @s (opened from @path)
 * may be edited now: it waits up to @wait_ms for another program's write
 * transaction to end, then refuses with -EBUSY and one sentence naming the
 * program and its pid; and it refuses (-EBUSY) while another program has the
 * file open and a walk in it is not finished (a live walk), naming the walk,
 * its floor and operator and the program. Returns 0 when the edit may go on.
 */
int survey_edit_guard(struct survey *s, const char *path, int wait_ms, struct ns_err *err);

#endif
