/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render.h — a map on paper or screen: cairo + pango, written as PNG (through
 * libpng, with the provenance in iTXt chunks), PDF or SVG.
 *
 * A map reads alone. It is cropped to the building (a whole floor) or to the
 * ward shown, with a margin and, for a ward, as much of its surroundings as
 * fills the frame (other wards veiled); it carries one metre scale bar, a
 * north arrow when the drawing's bearing is known, and a legend that
 * explains everything drawn: the scale or pass / fail, the hatches, every
 * kind of marker present (planned, surveyed, estimated, proposed and
 * other-floor APs, the walked path, samples, ward outlines) and, under the
 * map, the wall materials and doors present with their line styles.
 *
 * Layers, bottom up: the floor (its drawing once a loader gives one, else a
 * plain tint), the field (cell colours; not-surveyed cells near-white and
 * hatched "/", never coloured), not-spots hatched "\" and outlined with
 * their number, the veil over cells outside a cropped ward, walls (a line
 * style per material), ward outlines and names, and optionally the walked
 * path, sample points and AP markers with names placed clear of each other
 * (leader lines when a marker is crowded). Around it: a title block with the
 * provenance (not on a report page, which says it), the legend, the scale
 * bar. A predicted map says so in its title.
 *
 * Sizes are in points × a unit @u (device units per point): a PDF page at
 * u = 1; a PNG is laid out as an A4 landscape sheet W pixels wide (u = W /
 * 842), so its type prints at its point size on A4. No type is below 8 pt.
 *
 * Greyscale: fail is the darkest tone, pass a middle tone, not surveyed
 * nearly white and hatched, so the three differ in lightness as well as by
 * hatching.
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

/* The width of the sheet a map is laid out on, points (A4 landscape). */
#define HM_RENDER_SHEET_PT 841.89

/* What an AP marker stands for: its shape and its legend line. */
enum hm_ap_kind {
	HM_AP_PLANNED,      /* a place from the plan: open square */
	HM_AP_SURVEYED,     /* a place found on site: filled square */
	HM_AP_ESTIMATED,    /* a place estimated from the samples: open triangle */
	HM_AP_PROPOSED,     /* proposed (notspot plan): filled diamond */
	HM_AP_OTHER_FLOOR,  /* on another level of the building: dashed circle, its level named */
	HM_AP_NKINDS
};

/**
 * hm_ap_kind_of() - the kind of a floor's own AP by its source: "surveyed",
 * "estimated", "proposed"; anything else (and "planned") is planned.
 */
enum hm_ap_kind hm_ap_kind_of(const struct fp_ap *ap);

/* An AP marked besides the floor's own and the estimate's (proposals, other floors). */
struct hm_ap_mark {
	struct fp_point pos;        /* metres, this floor's frame */
	char name[64];
	char level[24];             /* another floor's name, said after the name; "" */
	enum hm_ap_kind kind;
};

/* A box on the device, device units. */
struct hm_box {
	double x0, y0, x1, y1;
};

#define HM_RENDER_MAX_LABELS 256

/* What a drawing came out as, for tests and callers that check print sizes. */
struct hm_render_info {
	double legend_type_min;     /* the smallest type of the legend, device units */
	double type_min;            /* the smallest type anywhere, device units */
	struct hm_box map;          /* the map area */
	struct fp_point view_min, view_max; /* the part of the floor shown, metres */
	struct hm_box labels[HM_RENDER_MAX_LABELS]; /* every name placed on the map */
	size_t nlabels;
	size_t unlabelled;          /* markers whose names found no room (listed by the legend) */
	size_t kinds[HM_AP_NKINDS]; /* markers drawn per kind */
	bool north_arrow;
};

struct hm_roam;      /* heatmap/roam.h */
struct hm_chanplan;  /* heatmap/chanplan.h */

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
	const char *device;       /* the receive offset applied (heatmap/device.h,
				     hm_device_describe()), NULL: the survey adapter's own signal */
	bool simulated;           /* the survey holds simulated walks: said on the map and in PNG text */
	/*
	 * Of a whole-floor map: show only this ward, cropped to it with its
	 * surroundings veiled, its figures counted on the floor's own grid (so a
	 * ward never shows more than the floor). NULL: the map as built.
	 */
	const char *crop_ward;
	double north_deg;         /* bearing of the drawing's up, degrees clockwise from north;
				     NAN (default): not known, and no north arrow is drawn */
	bool in_report;           /* on a report page: no title block; the legend leaves out
				     the rules and figures the page itself states */
	const struct hm_ap_mark *marks; /* more APs to mark (proposed, other floors), may be NULL */
	size_t nmarks;
	const struct hm_roam *roams;    /* the roam layer (heatmap/roam.h), NULL: none */
	const struct hm_chanplan *chanplan; /* the channel layer (heatmap/chanplan.h), NULL: none */
	struct hm_render_info *info;    /* filled when not NULL */
};

void hm_render_opts_default(struct hm_render_opts *o);

/**
 * hm_floor_bearing() - the bearing of @fp's drawing's "up", degrees clockwise
 * from north (0…360): its building's north_deg turned by the floor's
 * alignment in the building's frame (floorplans/model.h, struct fp_align).
 * What render opts' north_deg wants for a map of @fp.
 */
double hm_floor_bearing(const struct fp_building *b, const struct floorplan *fp);

/**
 * hm_render_file() - draw @m and write it to @path in @fmt. Returns 0 or -errno
 * with a sentence (cairo's and libpng's failures are turned into one);
 * -ENOENT for a crop_ward the floor does not have.
 */
int hm_render_file(const struct hm_map *m, const struct hm_render_opts *o, const char *path,
		   enum hm_format fmt, struct ns_err *err);

/**
 * hm_render_describe() - the provenance as "key: value" lines (also the PNG's
 * text chunks): site, floor, ward, metric, SSID, band, profile, dates,
 * samples, method, software, and "data: SIMULATED …" when it is. @buf gets
 * up to @len bytes.
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

/**
 * hm_render_summary_of() - hm_render_summary() of ward @crop_ward of a
 * whole-floor map (NULL: the whole map), counted on the floor's grid.
 */
void hm_render_summary_of(const struct hm_map *m, int metric, const char *crop_ward, char *buf,
			  size_t len);

/*
 * For reports: the same drawing into a caller's cairo context, laid out in
 * the box @w × @max_h (max_h 0: as tall as the map needs) at the current
 * origin, with @u device units per point of type. hm_render_size() says how
 * large that comes out, drawing nothing. The drawing is clipped to its box.
 */
void hm_render_size(const struct hm_map *m, const struct hm_render_opts *o, double w,
		    double max_h, double u, double *out_w, double *out_h);
void hm_render_draw(cairo_t *cr, const struct hm_map *m, const struct hm_render_opts *o, double w,
		    double max_h, double u);

/*
 * A building's overview: every level's map, highest first as the building
 * stands, each under its name and its figures, at one scale, with one legend
 * and one key for all of them (render_levels.c). @o gives what every level
 * shares (metric, site, band, profile's words, SIMULATED, the bearing: the
 * arrow is drawn once, on the top level); each level gives its map, samples
 * and drawing. A level's map is its whole floor.
 */
struct hm_level {
	const struct hm_map *m;     /* the level's whole-floor map */
	const struct hm_set *set;   /* its samples (path, samples, estimated APs), may be NULL */
	cairo_surface_t *drawing;   /* its drawing, or NULL */
	const char *name;           /* the level's (floor's) name */
};

/**
 * hm_render_building_file() - the overview of the @n levels @lv (in the
 * order given: highest first) of @building to @path as PNG (with its
 * provenance in text chunks), PDF or SVG. 0 or -errno with a sentence.
 */
int hm_render_building_file(const struct hm_level *lv, size_t n, const struct hm_render_opts *o,
			    const char *building, const char *path, enum hm_format fmt,
			    struct ns_err *err);

/* The overview into a caller's context, as hm_render_size() / hm_render_draw() (reports). */
void hm_render_building_size(const struct hm_level *lv, size_t n, const struct hm_render_opts *o,
			     const char *building, double w, double max_h, double u, double *out_w,
			     double *out_h);
void hm_render_building_draw(cairo_t *cr, const struct hm_level *lv, size_t n,
			     const struct hm_render_opts *o, const char *building, double w,
			     double max_h, double u);

/* A PNG text chunk (iTXt, UTF-8, uncompressed). */
struct hm_png_text {
	const char *key, *text;
};

#define HM_PNG_MAX_TEXTS 8

/**
 * hm_png_write() - the RGB24 image surface @s to @path as a PNG through
 * libpng with the @n text chunks @t (at most HM_PNG_MAX_TEXTS), through a
 * temporary file renamed into place. 0 or -errno with a sentence.
 */
int hm_png_write(cairo_surface_t *s, const char *path, const struct hm_png_text *t, size_t n,
		 struct ns_err *err);

#endif
