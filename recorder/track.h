/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * track.h — the position track: where the engineer was when each sample was taken.
 *
 * The engineer taps waypoints on the plan; samples carry times. Two ways of
 * walking (DOMAIN.md, "How surveys are walked"):
 *  - stop-and-go: a sample taken while a tapped point is being measured
 *    (from the tap until the point's measurement ends) is placed at the tap;
 *    samples taken while walking to the next point stay unplaced;
 *  - continuous: a sample taken between two taps is placed by time along the
 *    straight segment between them; before the first tap, after the last one
 *    and inside a pause it stays unplaced.
 * Undoing a tap removes it; samples it had placed are placed again from the
 * remaining taps (and may become unplaced). Pure C, no GTK, no I/O.
 */
#ifndef NOTSPOT_RECORDER_TRACK_H
#define NOTSPOT_RECORDER_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum track_mode { TRACK_STOP_AND_GO, TRACK_CONTINUOUS };

struct track_point {
	int64_t t_us;      /* when tapped (wall clock µs, same clock as samples) */
	int64_t done_us;   /* stop-and-go: when the point's measurement ended; 0 = until the next tap */
	double x_m, y_m;
	bool pause;        /* continuous: the walk pauses at this tap until the next one */
	int64_t id;        /* the caller's id (e.g. survey waypoint id), not used here */
};

struct track {
	enum track_mode mode;
	struct track_point *pts; /* owned, sorted by t_us */
	size_t n, cap;
};

/** track_init() - an empty track in @mode; track_release() frees what it holds. */
void track_init(struct track *t, enum track_mode mode);
void track_release(struct track *t);

/**
 * track_add() - add a tap; taps may arrive out of order (a resumed walk loads
 * them from the file) and are kept sorted. Returns 0 or -ENOMEM.
 */
int track_add(struct track *t, const struct track_point *p);

/** track_finish_point() - stop-and-go: the measurement of the last tap ended at @t_us. */
void track_finish_point(struct track *t, int64_t t_us);

/** track_undo() - remove the last tap (by time). Returns false if there was none. */
bool track_undo(struct track *t, struct track_point *removed);

/**
 * track_position() - where the engineer was at @t_us.
 * Returns true and sets *@x, *@y, or false when the sample stays unplaced.
 */
bool track_position(const struct track *t, int64_t t_us, double *x, double *y);

#endif
