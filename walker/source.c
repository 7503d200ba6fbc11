/* SPDX-License-Identifier: GPL-3.0-or-later */
/* source.c — the thin, NULL-safe face of a walk source. See source.h. */
#include "walker/source.h"

#include <string.h>

int walk_source_bind(struct walk_source *src, const struct walk_source_binding *b,
		     struct ns_err *err)
{
	if (!src || !src->ops->bind)
		return 0;
	return src->ops->bind(src, b, err);
}

int walk_source_poll(struct walk_source *src, int64_t now_us, int64_t now_mono_us,
		     walk_event_fn fn, void *arg, struct ns_err *err)
{
	if (!src || !src->ops->poll)
		return 0;
	return src->ops->poll(src, now_us, now_mono_us, fn, arg, err);
}

void walk_source_tap(struct walk_source *src, int64_t t_us, double x_m, double y_m, bool measure)
{
	if (src && src->ops->tap)
		src->ops->tap(src, t_us, x_m, y_m, measure);
}

bool walk_source_cancel_destination(struct walk_source *src)
{
	return src && src->ops->cancel_destination && src->ops->cancel_destination(src);
}

size_t walk_source_pending(const struct walk_source *src)
{
	return src && src->ops->pending ? src->ops->pending(src) : 0;
}

bool walk_source_position(const struct walk_source *src, int64_t now_us, double *x_m, double *y_m)
{
	return src && src->ops->position && src->ops->position(src, now_us, x_m, y_m);
}

void walk_source_info(const struct walk_source *src, struct walk_source_info *info)
{
	memset(info, 0, sizeof(*info));
	if (src && src->ops->info)
		src->ops->info(src, info);
}

int walk_source_stop(struct walk_source *src, struct ns_err *err)
{
	return src && src->ops->stop ? src->ops->stop(src, err) : 0;
}

void walk_source_free(struct walk_source *src)
{
	if (src && src->ops->free)
		src->ops->free(src);
}
