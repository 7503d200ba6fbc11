/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * map_view.h — the walker's plan: the floor, its wards and walls, the walked
 * path, the recorded samples coloured by signal, and the engineer's taps.
 *
 * Zoom (wheel, keys), pan (drag), fit; a click that does not move is a tap,
 * handed to the owner in floor metres. Draws what the session holds; owns
 * nothing of it. GTK 4.
 */
#ifndef NOTSPOT_WALKER_GUI_MAP_VIEW_H
#define NOTSPOT_WALKER_GUI_MAP_VIEW_H

#include <gtk/gtk.h>
#include <stdbool.h>

#include "floorplans/model.h"
#include "walker/session.h"
#include "walker/gui/live_heat.h"
#include "walker/source.h"

struct map_view;

typedef void (*map_tap_fn)(void *arg, double x_m, double y_m);

/**
 * map_view_new() - a plan of @fp (borrowed, must outlive the view) showing
 * @session and @src (borrowed). @on_tap is called for each tap.
 * The widget is map_view_widget(); the view is freed when the widget is.
 */
struct map_view *map_view_new(const struct floorplan *fp, struct walk_session *session,
			      struct walk_source *src, map_tap_fn on_tap, void *arg);
GtkWidget *map_view_widget(struct map_view *v);

void map_view_fit(struct map_view *v);
void map_view_zoom(struct map_view *v, double factor); /* about the centre */
void map_view_pan(struct map_view *v, double dx_px, double dy_px);

/** map_view_select_ward() - highlight ward @i and fit it (-1: whole floor). */
void map_view_select_ward(struct map_view *v, int i);

/** map_view_set_drawing() - a rendered drawing to draw under the plan (taken, may be NULL). */
void map_view_set_drawing(struct map_view *v, cairo_surface_t *drawing);

/**
 * map_view_set_heat() - the live coverage picture (taken; NULL: none) lying at
 * @frame, and the legend's title for it.
 */
void map_view_set_heat(struct map_view *v, cairo_surface_t *picture,
		       const struct live_heat_frame *frame, const char *title);

/** map_view_refresh() - redraw with the session's state at @now_us. */
void map_view_refresh(struct map_view *v, int64_t now_us);

/**
 * map_view_set_probe() - after each draw, write where floor metres land on the
 * window's X surface to @path ("ox oy px_per_m", one line): the end-to-end test
 * drives taps with xdotool from it. NULL: off.
 */
void map_view_set_probe(struct map_view *v, const char *path);

/** map_signal_rgb() - the colour of a signal on the absolute dBm scale. */
void map_signal_rgb(double dbm, double rgb[3]);

#endif
