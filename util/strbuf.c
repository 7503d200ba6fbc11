/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strbuf.c — a growable string (see strbuf.h). */
#include "util/strbuf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->alloc = 0;
	sb->len = 0;
	sb->buf = strbuf_empty;
	sb->failed = false;
	if (hint)
		strbuf_grow(sb, hint);
}

int strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need, cap;
	char *nb;

	if (sb->failed)
		return -ENOMEM;
	if (extra > SIZE_MAX - 1 - sb->len)
		goto fail;
	need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return 0;
	/* half as much again, as git does: amortised O(1) appends */
	cap = sb->alloc < SIZE_MAX / 3 ? (sb->alloc + 16) * 3 / 2 : SIZE_MAX;
	if (cap < need)
		cap = need;
	nb = realloc(sb->alloc ? sb->buf : NULL, cap);
	if (!nb)
		goto fail;
	if (!sb->alloc)
		nb[0] = '\0';
	sb->buf = nb;
	sb->alloc = cap;
	return 0;
fail:
	sb->failed = true;
	return -ENOMEM;
}

int strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (len == 0) /* nothing to add: @buf may stay the shared "" */
		return sb->failed ? -ENOMEM : 0;
	if (strbuf_grow(sb, len))
		return -ENOMEM;
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_addstr(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;

	return strbuf_add(sb, &ch, 1);
}

int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	if (sb->failed)
		return -ENOMEM;
	/* First into the room there is; if that is too little, grow and print again. */
	va_copy(again, ap);
	n = vsnprintf(sb->alloc ? sb->buf + sb->len : NULL, sb->alloc ? sb->alloc - sb->len : 0,
		      fmt, ap);
	if (n < 0) {
		va_end(again);
		if (sb->alloc)
			sb->buf[sb->len] = '\0';
		return -EINVAL;
	}
	if ((size_t)n >= (sb->alloc ? sb->alloc - sb->len : 0)) {
		if (strbuf_grow(sb, (size_t)n)) {
			va_end(again);
			if (sb->alloc)
				sb->buf[sb->len] = '\0';
			return -ENOMEM;
		}
		vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, again);
	}
	va_end(again);
	sb->len += (size_t)n;
	return 0;
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return rc;
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (len >= sb->len)
		return;
	sb->len = len;
	sb->buf[len] = '\0'; /* len < sb->len, so @buf is ours, not the shared "" */
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
	sb->failed = false;
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *s = NULL;

	if (!sb->failed)
		s = sb->alloc ? sb->buf : strdup("");
	if (len)
		*len = s ? sb->len : 0;
	if (s) {
		sb->alloc = 0; /* now the caller's */
		strbuf_init(sb, 0);
	} else {
		strbuf_release(sb);
	}
	return s;
}
