/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * probe.h — where a drawing area sits on the screen, for the Xvfb tests.
 *
 * The end-to-end tests drive the walker and the editor with xdotool and need
 * to turn metres on the plan into screen pixels. When the app was started
 * with a probe file (NOTSPOT_WALK_PROBE, NOTSPOT_EDIT_PROBE), each view writes a line to it
 * whenever its transform changes: "X Y K" — the screen position of the plan's
 * origin in pixels and the pixels per metre.
 */
#ifndef NOTSPOT_WALKER_GUI_PROBE_H
#define NOTSPOT_WALKER_GUI_PROBE_H

#include <stddef.h>

#include <gtk/gtk.h>

/**
 * gui_probe_write() - write "X Y K" for @area into @path (NULL: nothing),
 * the plan's origin at (@ox, @oy) inside the area and @k pixels per metre.
 * @last (@last_size bytes) holds the line last written; an unchanged line is
 * not written again. A file that cannot be written is left alone: the probe
 * only serves tests.
 */
void gui_probe_write(GtkWidget *area, const char *path, char *last, size_t last_size, double ox,
		     double oy, double k);

#endif
