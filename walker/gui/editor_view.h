/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * editor_view.h — the plan editor's canvas: the drawing, the level below
 * (translucent, while aligning), the floor's wards, walls, doors and APs, what
 * the current tool has in hand, and a loupe around the pointer while points
 * are placed. Pointer input goes to the tools (walker/edit_tool.h) in drawing
 * pixels; a drag the tools do not want pans; the wheel zooms. GTK 4.
 *
 * Draws only: every decision is the tools'. Owns nothing of the document.
 */
#ifndef NOTSPOT_WALKER_GUI_EDITOR_VIEW_H
#define NOTSPOT_WALKER_GUI_EDITOR_VIEW_H

#include <gtk/gtk.h>

#include "walker/edit_tool.h"

/* Targets are this many screen pixels around a corner or a wall, at any zoom. */
#define EDITOR_TOL_SCREEN_PX 12.0

struct editor_view;

/**
 * editor_view_new() - a canvas over @t (borrowed, must outlive the widget),
 * with the floor's rendered drawing @drawing and the level below's @below
 * (both taken; NULL: none). @changed(@arg) is called after every input the
 * tools took, so the window can show the new status. The view is freed with
 * its widget.
 */
struct editor_view *editor_view_new(struct edit_tools *t, cairo_surface_t *drawing,
				    cairo_surface_t *below, void (*changed)(void *arg), void *arg);
GtkWidget *editor_view_widget(struct editor_view *v);

void editor_view_fit(struct editor_view *v);
void editor_view_zoom(struct editor_view *v, double factor); /* about the centre */
void editor_view_pan(struct editor_view *v, double dx_px, double dy_px);

/** editor_view_tolerance() - the target size in drawing pixels at the current zoom. */
double editor_view_tolerance(const struct editor_view *v);

/**
 * editor_view_set_probe() - after each draw, write to @path where drawing
 * pixels land on the window's X surface ("ox oy k": x = ox + px * k): the
 * end-to-end test clicks from it. NULL: off.
 */
void editor_view_set_probe(struct editor_view *v, const char *path);

#endif
