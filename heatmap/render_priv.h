/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_priv.h — private to render.c (provenance, layout, output),
 * render_map.c (the map's layers) and render_legend.c (title, legend, scale
 * bar, the words under the legend): the drawing context they share.
 */
#ifndef NOTSPOT_HEATMAP_RENDER_PRIV_H
#define NOTSPOT_HEATMAP_RENDER_PRIV_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "floorplans/text.h"
#include "heatmap/draw.h"
#include "heatmap/render.h"

struct ctx {
	cairo_t *cr;
	const struct hm_map *m;
	const struct hm_render_opts *o;
	double u;              /* a typographic unit: device units per "point" */
	struct hm_view v;      /* the map area and metres → device */
};

/**
 * hmr_text() - the map's type: DejaVu Sans at @size points (× c->u), black,
 * anchored at (@x, @y) top by @al, wrapped at @maxw device units (0: none),
 * with a white halo over the drawing when @halo. Returns its height in whole
 * device units.
 */
double hmr_text(struct ctx *c, double x, double y, const char *s, double size, bool bold,
		enum fp_text_align al, bool halo, double maxw);

/* Provenance words (render.c). */
const char *hmr_metric_label(int metric);
void hmr_survey_dates(const struct hm_map *m, char *buf, size_t len);

/* The map's layers, bottom up (render_map.c): floor, field, hatches, not-spots, walls, wards, overlays. */
void hmr_draw_map(struct ctx *c);

/* Around the map (render_legend.c). */
void hmr_draw_title(struct ctx *c, double x, double y, double w);
double hmr_draw_legend(struct ctx *c, double x, double y, double w);
void hmr_draw_scale_bar(struct ctx *c, double x, double y);

#endif
