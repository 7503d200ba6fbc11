/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cursor.c — the bounded cursor's search (see cursor.h; the reads and small
 * moves are inline there).
 */
#define _GNU_SOURCE /* memmem */
#include "util/cursor.h"

#include <errno.h>
#include <string.h>

int cur_find(struct cursor *c, const void *needle, size_t n, size_t window)
{
	size_t span = window < cur_left(c) ? window : cur_left(c);
	const uint8_t *hit;

	if (n == 0 || n > span)
		return -ENOENT;
	hit = memmem(cur_ptr(c), span, needle, n);
	if (!hit)
		return -ENOENT;
	c->pos += (size_t)(hit - cur_ptr(c));
	return 0;
}
