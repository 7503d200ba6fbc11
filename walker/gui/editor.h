/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * editor.h — `notspot edit`: the plan editor, a mode of the GTK app.
 *
 * Calibrate a drawing, draw walls with their materials, put doors in them,
 * outline and name wards, place planned APs, align a level onto the one below;
 * select, move, delete, undo and redo. Each edit is saved to the survey as its
 * own transaction the moment it is made (walker/edit_doc.h); the tools'
 * logic is walker/edit_tool.h, this window only draws and forwards input.
 * Big targets and every key shown on screen: it is used standing, on a laptop.
 */
#ifndef NOTSPOT_WALKER_GUI_EDITOR_H
#define NOTSPOT_WALKER_GUI_EDITOR_H

#include <cairo.h>

#include "util/err.h"
#include "walker/edit_tool.h"

/**
 * editor_main() - the whole mode: `edit SURVEY [--floor F] [--building B]`
 * (@argv[0] is the mode's name). Parses, opens the survey, runs the window
 * until it is closed; prints its own usage and errors on stderr as
 * "notspot edit: what: why". Returns an exit status: 0, 1 (failed), 2 (usage).
 */
int editor_main(int argc, char **argv);

struct editor_opts {
	const char *title;           /* "site · building · floor" */
	struct edit_tools *tools;    /* borrowed */
	cairo_surface_t *drawing;    /* the floor's drawing in its working raster, taken; NULL: none */
	cairo_surface_t *below;      /* the level below's, taken; NULL: none */
	const char *probe_path;      /* editor_view_set_probe(), NULL: off */
};

/**
 * editor_run() - show the editor's window until it is closed. 0, or -ENXIO
 * with a sentence when no display can be opened.
 */
int editor_run(const struct editor_opts *o, struct ns_err *err);

#endif
