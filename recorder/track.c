/* SPDX-License-Identifier: GPL-3.0-or-later */
/* track.c — the position track. See track.h for the rules. */
#include "recorder/track.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void track_init(struct track *t, enum track_mode mode)
{
	memset(t, 0, sizeof(*t));
	t->mode = mode;
}

void track_release(struct track *t)
{
	free(t->pts);
	t->pts = NULL;
	t->n = t->cap = 0;
}

int track_add(struct track *t, const struct track_point *p)
{
	size_t i;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct track_point *np = realloc(t->pts, cap * sizeof(*np));

		if (!np)
			return -ENOMEM;
		t->pts = np;
		t->cap = cap;
	}
	/* Keep sorted by time; equal times keep arrival order. */
	for (i = t->n; i > 0 && t->pts[i - 1].t_us > p->t_us; i--)
		t->pts[i] = t->pts[i - 1];
	t->pts[i] = *p;
	t->n++;
	return 0;
}

void track_finish_point(struct track *t, int64_t t_us)
{
	if (t->n)
		t->pts[t->n - 1].done_us = t_us;
}

bool track_undo(struct track *t, struct track_point *removed)
{
	if (!t->n)
		return false;
	t->n--;
	if (removed)
		*removed = t->pts[t->n];
	return true;
}

/* Index of the last tap at or before @t_us, or -1. */
static long last_at_or_before(const struct track *t, int64_t t_us)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->pts[mid].t_us <= t_us)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

bool track_position(const struct track *t, int64_t t_us, double *x, double *y)
{
	long i = last_at_or_before(t, t_us);
	const struct track_point *a, *b;

	if (i < 0)
		return false; /* before the first tap */
	a = &t->pts[i];
	if (t->mode == TRACK_STOP_AND_GO) {
		/* Measured at the tap until its measurement ended (or the next tap). */
		int64_t end = a->done_us;

		if (end == 0)
			end = (size_t)i + 1 < t->n ? t->pts[i + 1].t_us : INT64_MAX;
		if (t_us > end)
			return false;
		*x = a->x_m;
		*y = a->y_m;
		return true;
	}
	/* Continuous: between this tap and the next, unless paused here. */
	if ((size_t)i + 1 >= t->n) {
		/* Exactly on the last tap is a known place; after it is not. */
		if (t_us != a->t_us)
			return false;
		*x = a->x_m;
		*y = a->y_m;
		return true;
	}
	if (a->pause)
		return false;
	b = &t->pts[i + 1];
	if (b->t_us == a->t_us) {
		*x = b->x_m;
		*y = b->y_m;
		return true;
	}
	double k = (double)(t_us - a->t_us) / (double)(b->t_us - a->t_us);

	*x = a->x_m + k * (b->x_m - a->x_m);
	*y = a->y_m + k * (b->y_m - a->y_m);
	return true;
}
