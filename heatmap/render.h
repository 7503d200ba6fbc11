/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render.h — a map on paper or screen: cairo + pango, written as PNG (through
 * libpng, with the provenance in iTXt chunks), PDF or SVG.
 *
 * Layers, bottom up: the floor (its drawing once a loader gives one, else a
 * plain tint of the floor's extent), the field (cell colours; not-surveyed
 * cells grey and hatched "/", never coloured), not-spots hatched "\" and
 * outlined with their number, walls (thicker for lossier materials), ward
 * outlines and names, and optionally the walked path, sample points and AP
 * markers with names. Around it: a title block with the provenance, a
 * legend with the absolute scale and the profile's named thresholds, and a
 * metre scale bar. A predicted map says so in its title.
 */
#ifndef NOTSPOT_HEATMAP_RENDER_H
#define NOTSPOT_HEATMAP_RENDER_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heatmap/map.h"
#include "heatmap/samples.h"
#include "survey/survey.h"
#include "util/err.h"

enum hm_format { HM_FMT_PNG, HM_FMT_PDF, HM_FMT_SVG };

/** hm_format_of_path() - by the file name's ending; -EINVAL if none of .png .pdf .svg. */
int hm_format_of_path(const char *path);

struct hm_render_opts {
	int metric;               /* enum hm_metric, or -1 for the pass/fail map */
	int width_px;             /* PNG: pixels across the whole image (default 2000) */
	bool show_samples, show_aps, show_path;
	const struct hm_set *set; /* for samples, path and AP names (may be NULL) */
	cairo_surface_t *drawing; /* the floor's drawing at its working raster (fp->width_px
				     wide; floorplans/loader.h), or NULL for a plain floor */
	/* Provenance, printed and stored in PNG chunks. NULL or "" when unknown. */
	const char *site;
	const char *floor;
	const char *band;         /* "5 GHz" or NULL for all */
	const char *surveyor;
	bool simulated;           /* the survey holds simulated walks: said on the map and in PNG text */
};

void hm_render_opts_default(struct hm_render_opts *o);

/**
 * hm_render_file() - draw @m and write it to @path in @fmt. Returns 0 or -errno
 * with a sentence (cairo's and libpng's failures are turned into one).
 */
int hm_render_file(const struct hm_map *m, const struct hm_render_opts *o, const char *path,
		   enum hm_format fmt, struct ns_err *err);

/**
 * hm_render_describe() - the provenance as "key: value" lines (also the PNG's
 * text chunks): site, floor, ward, metric, SSID, band, profile, dates,
 * samples, method, software. @buf gets up to @len bytes.
 */
void hm_render_describe(const struct hm_map *m, const struct hm_render_opts *o, char *buf,
			size_t len);

/**
 * hm_render_judged() - whether the map of @metric (-1: the pass map) is judged:
 * @m has verdicts and its profile has a rule on @metric (any rule for -1).
 */
bool hm_render_judged(const struct hm_map *m, int metric);

/**
 * hm_render_summary() - the words under a map's legend into @buf (@len bytes):
 * the area surveyed and, when hm_render_judged(), the share passing the whole
 * profile and its not-spots; when the profile sets no threshold for @metric, a
 * sentence saying so and no pass share.
 */
void hm_render_summary(const struct hm_map *m, int metric, char *buf, size_t len);

/*
 * For reports: the same drawing into a caller's cairo context. The map is
 * laid out @w wide (in @cr's user units) at the current origin, with @u user
 * units per point of the map's type (0: @w / 1600, the file writers' scale);
 * hm_render_height() says how tall that is. The drawing is clipped to its box.
 */
double hm_render_height(const struct hm_map *m, double w, double u);
void hm_render_draw(cairo_t *cr, const struct hm_map *m, const struct hm_render_opts *o, double w,
		    double u);

#endif
