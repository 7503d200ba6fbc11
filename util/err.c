/* SPDX-License-Identifier: GPL-3.0-or-later */
/* err.c — see err.h. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int ns_err_set(struct ns_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void ns_err_clear(struct ns_err *e)
{
	if (!e)
		return;
	e->code = 0;
	e->msg[0] = '\0';
}

void ns_err_prefix(struct ns_err *e, const char *fmt, ...)
{
	char head[256], old[sizeof(e->msg)];
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof(old));
	/* Truncation keeps the head: the context matters more than the tail. */
	snprintf(e->msg, sizeof(e->msg), "%.200s: %.300s", head, old);
}
