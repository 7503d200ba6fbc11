/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * err.h — how notspot's library code reports what went wrong.
 *
 * Inside the library a function returns 0 or a negative errno and, where a
 * sentence helps the user, fills a caller-provided struct ns_err with the
 * "why" part of an error ("the file is not a notspot survey (no 'meta' table)").
 * Only cli/ prints it, as "notspot: WHAT: WHY", and picks the exit status.
 */
#ifndef NOTSPOT_UTIL_ERR_H
#define NOTSPOT_UTIL_ERR_H

#include <stddef.h>

struct ns_err {
	int code;       /* negative errno of the last failure, 0 if none */
	char msg[512];  /* one sentence without a trailing full stop, "" if none */
};

/**
 * ns_err_set() - record a failure in @e (which may be NULL) and return @code.
 * @code is a negative errno; the message is formatted like printf.
 * Returns @code so callers can write `return ns_err_set(err, -EINVAL, ...)`.
 */
int ns_err_set(struct ns_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** ns_err_clear() - reset @e (may be NULL) to "no error". */
void ns_err_clear(struct ns_err *e);

/**
 * ns_err_prefix() - put "@fmt...: " in front of the message already in @e,
 * to add context as an error travels up ("line 12: signal_dbm is not a number").
 */
void ns_err_prefix(struct ns_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
