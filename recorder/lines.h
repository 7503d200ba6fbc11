/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lines.h — a walk driven by lines of text: `notspot record`'s standard input.
 *
 * One line is one thing the engineer did, at the time the line arrived:
 *   X Y        metres on the floor: "I am here now" (a tap)
 *   mark       tap the last position again (stop-and-go: measure here again)
 *   pause      pause at the last position until the next tap or "continue"
 *   continue   leave the pause without a tap
 *   undo       take back the last tap (its samples are placed again)
 * Blank lines and lines starting with '#' are nothing. Measurements arrive
 * beside the lines (the scanner's sampler in `record`, a script in tests) and
 * are stored through walk_lines_store(); the walk ends with
 * walk_lines_finish(). All of it goes through the walk's recorder, so `record`
 * and the walker app give the same rows for the same events.
 *
 * Times are the caller's (µs, wall and monotonic). The recorder is borrowed.
 * Errors: 0 or -errno with a sentence; -EINVAL for a line that is not one of
 * the above or makes no sense now (the caller may go on: nothing was written).
 */
#ifndef NOTSPOT_RECORDER_LINES_H
#define NOTSPOT_RECORDER_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "recorder/recorder.h"

enum walk_line_cmd {
	WALK_LINE_NONE,      /* blank or a comment */
	WALK_LINE_POSITION,  /* "X Y" */
	WALK_LINE_MARK,
	WALK_LINE_PAUSE,
	WALK_LINE_CONTINUE,
	WALK_LINE_UNDO,
};

struct walk_line {
	enum walk_line_cmd cmd;
	double x_m, y_m;     /* WALK_LINE_POSITION */
};

/**
 * walk_line_parse() - read one line (a trailing newline and blanks are
 * allowed). -EINVAL with a sentence quoting the line when it is none of the
 * forms above.
 */
int walk_line_parse(const char *line, struct walk_line *out, struct ns_err *err);

/*
 * Told about each stored sample (e.g. to print it); @s is as stored (id,
 * placement). May be NULL.
 */
typedef void (*walk_lines_notify_fn)(void *arg, const struct meas_sample *s,
				     const struct meas_observation *obs, size_t nobs,
				     const struct meas_link *link, const struct meas_throughput *tp);

struct walk_lines {
	struct recorder *rec;      /* borrowed */
	size_t nwaypoints;         /* waypoints committed through these lines */
	walk_lines_notify_fn notify;
	void *notify_arg;
};

/** walk_lines_init() - lines for @rec (which may be a resumed walk). */
void walk_lines_init(struct walk_lines *wl, struct recorder *rec);

/*
 * What a line did, for the caller's side effects (the sampler: results heard
 * before a tap are stale; stop-and-go: measure the new point).
 */
struct walk_line_done {
	bool tapped;               /* a new point: POSITION or MARK */
	bool waypoint;             /* a waypoint was committed (a tap, or a continuous pause) */
	struct survey_waypoint wp; /* that waypoint, with its id */
};

/**
 * walk_lines_apply() - do @l at @t_us / @mono_us. *@done (may be NULL) says
 * what happened.
 */
int walk_lines_apply(struct walk_lines *wl, const struct walk_line *l, int64_t t_us,
		     int64_t mono_us, struct walk_line_done *done, struct ns_err *err);

/**
 * walk_lines_store() - store a measurement (the shape of a sampler sink's
 * store: @arg is the struct walk_lines), then notify. Returns the sample id.
 */
int64_t walk_lines_store(void *arg, struct meas_sample *s, const struct meas_observation *obs,
			 size_t nobs, const struct meas_link *link,
			 const struct meas_throughput *tp, struct ns_err *err);

/** walk_lines_point_done() - stop-and-go: the point's measurements ended at @t_us. */
int walk_lines_point_done(struct walk_lines *wl, int64_t t_us, struct ns_err *err);

/** walk_lines_finish() - the input ended: close the walk at @end_us (recorder_finish()). */
int walk_lines_finish(struct walk_lines *wl, int64_t end_us, struct ns_err *err);

#endif
