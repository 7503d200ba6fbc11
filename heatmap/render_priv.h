/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_priv.h — private to the map renderer (render.h), split by concern:
 *
 *   render.c         provenance, the layout of title / map / legend / key,
 *                    and the outputs (PNG through render_png.c, PDF, SVG)
 *   render_view.c    what part of the floor is shown (crop), and what is in
 *                    it (which markers, materials and doors: the legend's
 *                    entries)
 *   render_map.c     the map's layers: floor, field, hatches, not-spots, veil,
 *                    walls, wards, path and samples
 *   render_marks.c   AP markers and their names (placed by render_labels.c),
 *                    wall and door line styles, the north arrow
 *   render_roams.c   the roam layer: roams, gaps and sticky stretches
 *   render_chan.c    the channel layer: each radio's channel, reuse distances
 *   render_legend.c  the title block, the legend, the scale bar and the key
 *                    of walls and doors under the map
 *
 * Every size is in points × c->u. Drawing functions take a dry flag through
 * the context: measuring runs the same code and paints nothing.
 */
#ifndef NOTSPOT_HEATMAP_RENDER_PRIV_H
#define NOTSPOT_HEATMAP_RENDER_PRIV_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/text.h"
#include "heatmap/draw.h"
#include "heatmap/render.h"

/* Type sizes, points. Nothing a reader must read is below 8 pt. */
#define HMR_T_TITLE 14.0
#define HMR_T_SUBTITLE 10.0
#define HMR_T_HEAD 10.0     /* legend headings */
#define HMR_T_BODY 8.5      /* legend entries, ticks, figures */
#define HMR_T_SMALL 8.0     /* sources, the key of walls, marker names */
#define HMR_T_WARD 9.0      /* ward names on the map */

/* Layout, points. */
#define HMR_MARGIN 16.0
#define HMR_LEGEND_W 190.0
#define HMR_GAP 12.0

/* A line style of a wall material or a door, for the map and its key. */
struct hmr_line_style {
	const char *key;       /* material or opening kind (floorplans/model.h), NULL: any other */
	double width;          /* points */
	double dash[2];        /* on, off points; {0, 0}: solid */
	bool cased;            /* a thin white line down the middle (steel, lift shafts) */
	bool dotted;           /* white dots along it (lead lining) */
};

/* What the map shows, found before anything is drawn: the legend's entries. */
struct hmr_present {
	size_t kinds[HM_AP_NKINDS];  /* markers per kind inside the view */
	bool path, samples, wards, notspots;
	bool roams, roam_gaps, stickies; /* the roam layer's markers (render_roams.c) */
	bool chans, chan_reuse;      /* the channel layer's labels and reuse lines (render_chan.c) */
	bool materials[16];          /* by index in hmr_wall_styles(); last: other */
	bool doors[8];               /* by index in hmr_door_styles() */
};

/* A not-spot's number on the map. */
struct hmr_num {
	double x, y;           /* device units */
	size_t k;              /* the not-spot's index: number k + 1 */
};

struct ctx {
	cairo_t *cr;
	const struct hm_map *m;
	const struct hm_render_opts *o;
	double u;              /* device units per point */
	bool dry;              /* measuring: paint nothing */
	bool in_legend;        /* type drawn now is the legend's (for the info's minimum) */
	struct hm_view v;      /* the map area and metres → device */
	struct fp_point vmin, vmax; /* the view, metres */
	int crop;              /* the cropped ward's index in fp, -1 */
	uint8_t *crop_cells;   /* per cell: in the cropped ward (NULL without a crop) */
	struct hmr_present present;
	struct hm_box obst[HM_RENDER_MAX_LABELS]; /* what names keep clear of: not-spot
					     numbers, ward names, the north arrow */
	size_t nobst;
	struct hmr_num nums[HM_RENDER_MAX_LABELS]; /* not-spot numbers, drawn over the walls */
	size_t nnums;
	char unlabelled[512];  /* names that found no room on the map */
	size_t nunlabelled;
	struct hm_render_info info;
};

/**
 * hmr_text() - the map's type: DejaVu Sans at @size points (× c->u), black,
 * anchored at (@x, @y) top by @al, wrapped at @maxw device units (0: none),
 * with a white halo over the drawing when @halo. Nothing is painted when the
 * context is dry. Returns its height in device units; its width in *@w when
 * @w is not NULL.
 */
double hmr_text(struct ctx *c, double x, double y, const char *s, double size, bool bold,
		enum fp_text_align al, bool halo, double maxw, double *w);

/* hmr_obstacle() - names placed later keep clear of @b. */
void hmr_obstacle(struct ctx *c, struct hm_box b);

/* Provenance words (render.c). */
const char *hmr_metric_label(int metric);
void hmr_survey_dates(const struct hm_map *m, char *buf, size_t len);

/* The view (render_view.c). */
int hmr_view_setup(struct ctx *c, double aw, double ah, double *mw, double *mh);
void hmr_view_release(struct ctx *c);
bool hmr_in_view(const struct ctx *c, struct fp_point p, double pad_m);
bool hmr_cell_shown(const struct ctx *c, size_t k);
void hmr_find_present(struct ctx *c);

/* The map's layers, bottom up (render_map.c). */
void hmr_draw_map(struct ctx *c);

/* Markers, line styles, north arrow (render_marks.c). */
const struct hmr_line_style *hmr_wall_styles(size_t *n);
const struct hmr_line_style *hmr_door_styles(size_t *n);
size_t hmr_wall_style_of(const char *material);
int hmr_door_style_of(const char *kind);
void hmr_stroke_styled(struct ctx *c, const struct hmr_line_style *st, double scale);
void hmr_ap_marker(struct ctx *c, enum hm_ap_kind kind, double x, double y);
void hmr_draw_aps(struct ctx *c);
void hmr_draw_north(struct ctx *c);

/* The roam layer (render_roams.c): present markers, the markers, the legend's lines. */
void hmr_find_roams(struct ctx *c);
void hmr_draw_roams(struct ctx *c);
double hmr_legend_roams(struct ctx *c, double x, double y, double w);

/* The channel layer (render_chan.c), the same way. */
void hmr_find_chans(struct ctx *c);
void hmr_draw_chans(struct ctx *c);
double hmr_legend_chans(struct ctx *c, double x, double y, double w);

/* Around the map (render_legend.c): each returns the height it takes. */
double hmr_draw_title(struct ctx *c, double x, double y, double w);
double hmr_draw_legend(struct ctx *c, double x, double y, double w);
double hmr_draw_key(struct ctx *c, double x, double y, double w);

/**
 * hmr_fit_elsewhere() - whether radio @r of @m was fitted on another level of
 * the building (its AP is marked as another floor's, not as estimated here).
 */
bool hmr_fit_elsewhere(const struct hm_map *m, size_t r);

#endif
