/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lines.c — a walk driven by lines of text. See lines.h. */
#include "recorder/lines.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_WORDS 3

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A whole-word finite number. */
static bool parse_number(const char *w, double *out)
{
	char *end;

	if (!*w)
		return false;
	errno = 0;
	*out = strtod(w, &end);
	return !errno && *end == '\0' && isfinite(*out);
}

/* Split @buf (modified) into up to LINE_MAX_WORDS words; returns how many, or -1 if more. */
static int split(char *buf, char *words[LINE_MAX_WORDS])
{
	int n = 0;
	char *p = buf;

	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			return n;
		if (n == LINE_MAX_WORDS)
			return -1;
		words[n++] = p;
		while (*p && !is_blank(*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
}

int walk_line_parse(const char *line, struct walk_line *out, struct ns_err *err)
{
	static const struct { const char *word; enum walk_line_cmd cmd; } words[] = {
		{ "mark", WALK_LINE_MARK }, { "pause", WALK_LINE_PAUSE },
		{ "continue", WALK_LINE_CONTINUE }, { "undo", WALK_LINE_UNDO },
	};
	char buf[512], *w[LINE_MAX_WORDS];
	size_t len = strnlen(line, sizeof(buf));
	int n;

	memset(out, 0, sizeof(*out));
	if (len == sizeof(buf))
		return ns_err_set(err, -EINVAL, "a line is longer than %zu bytes", sizeof(buf) - 1);
	memcpy(buf, line, len + 1);
	n = split(buf, w);
	if (n == 0 || (n > 0 && w[0][0] == '#'))
		return 0;
	for (size_t i = 0; n == 1 && i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w[0], words[i].word) == 0) {
			out->cmd = words[i].cmd;
			return 0;
		}
	if (n == 2 && parse_number(w[0], &out->x_m) && parse_number(w[1], &out->y_m)) {
		out->cmd = WALK_LINE_POSITION;
		return 0;
	}
	len = strcspn(line, "\r\n");
	return ns_err_set(err, -EINVAL, "'%.*s' is not a position: expected 'X Y' in metres, "
			  "'mark', 'pause', 'continue' or 'undo'", (int)(len > 80 ? 80 : len), line);
}

void walk_lines_init(struct walk_lines *wl, struct recorder *rec)
{
	memset(wl, 0, sizeof(*wl));
	wl->rec = rec;
}

static const struct track_point *last_tap(const struct walk_lines *wl)
{
	const struct track *t = recorder_track(wl->rec);

	return t->n ? &t->pts[t->n - 1] : NULL;
}

static int tap(struct walk_lines *wl, double x, double y, int64_t t_us, int64_t mono_us,
	       struct walk_line_done *done, struct ns_err *err)
{
	struct survey_waypoint wp = { .t_us = t_us, .mono_us = mono_us, .x_m = x, .y_m = y };

	wp.id = recorder_tap(wl->rec, &wp, err);
	if (wp.id < 0)
		return (int)wp.id;
	wp.walk_id = recorder_walk_id(wl->rec);
	wl->nwaypoints++;
	done->tapped = done->waypoint = true;
	done->wp = wp;
	return 0;
}

static int pause_here(struct walk_lines *wl, int64_t t_us, int64_t mono_us,
		      struct walk_line_done *done, struct ns_err *err)
{
	size_t before = recorder_track(wl->rec)->n;
	const struct track_point *p;
	int rc = recorder_pause(wl->rec, t_us, mono_us, err);

	if (rc < 0)
		return rc;
	if (recorder_track(wl->rec)->n == before)
		return 0; /* stop-and-go: the point's measurement ended, no waypoint */
	p = last_tap(wl);
	wl->nwaypoints++;
	done->waypoint = true;
	done->wp = (struct survey_waypoint){
		.id = p->id, .walk_id = recorder_walk_id(wl->rec), .t_us = p->t_us,
		.mono_us = mono_us, .x_m = p->x_m, .y_m = p->y_m, .pause = true,
	};
	return 0;
}

int walk_lines_apply(struct walk_lines *wl, const struct walk_line *l, int64_t t_us,
		     int64_t mono_us, struct walk_line_done *done, struct ns_err *err)
{
	struct walk_line_done none;
	const struct track_point *last = last_tap(wl);
	int rc;

	if (!done)
		done = &none;
	memset(done, 0, sizeof(*done));
	switch (l->cmd) {
	case WALK_LINE_NONE:
		return 0;
	case WALK_LINE_POSITION:
		return tap(wl, l->x_m, l->y_m, t_us, mono_us, done, err);
	case WALK_LINE_MARK:
		if (!last)
			return ns_err_set(err, -EINVAL, "'mark' before any position: give 'X Y' first");
		return tap(wl, last->x_m, last->y_m, t_us, mono_us, done, err);
	case WALK_LINE_PAUSE:
		if (!last)
			return ns_err_set(err, -EINVAL, "'pause' before any position: give 'X Y' first");
		return pause_here(wl, t_us, mono_us, done, err);
	case WALK_LINE_CONTINUE:
		return recorder_continue(wl->rec, err);
	case WALK_LINE_UNDO:
		rc = recorder_undo(wl->rec, err);
		if (rc == 0)
			return ns_err_set(err, -EINVAL, "'undo' with no position to take back");
		if (rc > 0 && wl->nwaypoints)
			wl->nwaypoints--;
		return rc < 0 ? rc : 0;
	}
	return ns_err_set(err, -EINVAL, "not a walk line");
}

int64_t walk_lines_store(void *arg, struct meas_sample *s, const struct meas_observation *obs,
			 size_t nobs, const struct meas_link *link,
			 const struct meas_throughput *tp, struct ns_err *err)
{
	struct walk_lines *wl = arg;
	int64_t id = recorder_sample(wl->rec, s, obs, nobs, link, tp, err);

	if (id > 0 && wl->notify)
		wl->notify(wl->notify_arg, s, obs, nobs, link, tp);
	return id;
}

int walk_lines_point_done(struct walk_lines *wl, int64_t t_us, struct ns_err *err)
{
	return recorder_point_done(wl->rec, t_us, err);
}

int walk_lines_finish(struct walk_lines *wl, int64_t end_us, struct ns_err *err)
{
	return recorder_finish(wl->rec, end_us, err);
}
