/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk_gui.h — the walker's window: the plan, the live radio panel, the walk's
 * controls. GTK 4. Records nothing itself: every write is the session's.
 */
#ifndef NOTSPOT_WALKER_GUI_WALK_GUI_H
#define NOTSPOT_WALKER_GUI_WALK_GUI_H

#include <stdbool.h>

#include "floorplans/model.h"
#include "survey/survey.h"
#include "util/err.h"
#include "walker/session.h"
#include "walker/source.h"

struct walk_gui_opts {
	const char *site;              /* survey's site name, "" if none */
	const char *survey_path;
	struct survey *survey;         /* the walk's open survey (borrowed), read for the live view */
	const struct floorplan *fp;    /* borrowed */
	struct walk_session *session;  /* borrowed */
	struct walk_source *src;       /* borrowed */
	const char *operator_name;
	const char *note;
	bool resumed;                  /* the walk was resumed, not begun */
	const char *probe_path;        /* map_view_set_probe(), NULL: off */
	int ward;                      /* ward index in @fp to show first, -1: whole floor */
	void *drawing;                 /* cairo_surface_t * of the floor drawing, taken; NULL if none */
};

/** walk_gui_available() - whether a display can be opened (call before starting a walk). */
bool walk_gui_available(void);

/**
 * walk_gui_run() - show the window until the walk is finished or the window
 * closed (the walk then stays open in the file and can be resumed).
 * Returns 0, or -errno with a sentence when GTK cannot start (no display) or
 * when a throughput/latency test still running at the end could not be stored.
 */
int walk_gui_run(const struct walk_gui_opts *o, struct ns_err *err);

#endif
