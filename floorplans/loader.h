/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * loader.h — floorplan drawings to a cairo image surface: PNG and JPEG
 * (gdk-pixbuf), SVG (librsvg), PDF (poppler-glib).
 *
 * A drawing has its own units: pixels (PNG/JPEG), CSS px at 96 dpi (SVG) or
 * points, 1/72 inch (PDF). The loader rasterises it into the *working raster*
 * and reports @factor, working px per drawing unit, so a scale given in drawing
 * units stays exact: fp_raster_rescale(fp, factor) (calibrate.h).
 *
 * Memory: the working raster's longest side is capped (FP_MAX_WORKING_PX by
 * default); a PNG/JPEG whose header declares more than FP_MAX_DECODE_PIXELS is
 * refused before anything is decoded or allocated. Broken and truncated files
 * are refused with one sentence; nothing here prints.
 */
#ifndef NOTSPOT_FLOORPLANS_LOADER_H
#define NOTSPOT_FLOORPLANS_LOADER_H

#include <cairo.h>
#include <stddef.h>

#include "floorplans/model.h"
#include "util/err.h"

/* Longest side of the working raster, px (8000 x 8000 ARGB = 256 MB at most). */
#define FP_MAX_WORKING_PX 8000
/* Largest declared PNG/JPEG we decode: 200 Mpx (800 MB of RGBA while decoding). */
#define FP_MAX_DECODE_PIXELS 200000000ULL
/* Largest drawing file read, bytes. */
#define FP_MAX_FILE_BYTES (512u << 20)

struct fp_load_opts {
	int page;          /* PDF page, 0-based */
	double dpi;        /* SVG/PDF render resolution; 0 = 96 for SVG, 150 for PDF */
	int max_side_px;   /* cap of the working raster's longest side; 0 = FP_MAX_WORKING_PX */
	int fit_width_px;  /* > 0: render exactly this wide (re-rendering a stored floor); dpi ignored */
};

struct fp_raster {
	cairo_surface_t *surface; /* owned; CAIRO_FORMAT_ARGB32 image surface */
	int width_px, height_px;  /* the working raster */
	double factor;            /* working px per drawing unit */
	double natural_w;         /* the drawing's size in its own units */
	double natural_h;
	int npages;               /* PDF: pages in the document; 1 otherwise */
	char type[8];             /* "png", "jpeg", "svg", "pdf" */
};

/**
 * fp_drawing_type() - "png", "jpeg", "svg" or "pdf" from the first bytes
 * (magic numbers; an SVG is XML text containing "<svg"), or NULL.
 */
const char *fp_drawing_type(const void *data, size_t len);

/**
 * fp_image_declared_size() - the width and height a PNG or JPEG header
 * declares, read with a bounded cursor without decoding. 0, or -EINVAL with a
 * sentence when the header is missing or broken.
 */
int fp_image_declared_size(const char *type, const void *data, size_t len, unsigned long *w,
			   unsigned long *h, struct ns_err *err);

/**
 * fp_raster_load() - rasterise the drawing of @type in @len bytes at @data.
 * @opts may be NULL (defaults). On success @out holds a surface the caller
 * releases with fp_raster_release(). Errors: -EINVAL (broken, truncated, no
 * such page), -EFBIG (declared size too large), -ENOMEM; each with a sentence.
 */
int fp_raster_load(const char *type, const void *data, size_t len,
		   const struct fp_load_opts *opts, struct fp_raster *out, struct ns_err *err);

/** fp_raster_release() - free the surface in @r; @r may be zeroed or released already. */
void fp_raster_release(struct fp_raster *r);

/**
 * fp_read_file() - read the whole file at @path (at most @max bytes) into a
 * malloc'd buffer *@data of *@len bytes. Errors name the file.
 */
int fp_read_file(const char *path, size_t max, unsigned char **data, size_t *len,
		 struct ns_err *err);

/**
 * fp_import() - a new floor from a drawing and/or a sidecar, ready to store.
 * @image_path: the drawing (PNG/JPEG/SVG/PDF), or NULL to take the sidecar's
 * "image" (relative to the sidecar's folder). @sidecar_path may be NULL.
 * The drawing's bytes go into the floor (image, image_type); width/height are
 * the working raster's; the sidecar's scale and origin are moved from drawing
 * units to the working raster. @opts->page (if the sidecar gives no page) and
 * @opts->dpi choose the PDF page and resolution. *@out: floorplan_free() it.
 */
int fp_import(const char *image_path, const char *sidecar_path, const struct fp_load_opts *opts,
	      struct floorplan **out, struct ns_err *err);

/**
 * fp_raster_for_floor() - rasterise @fp's stored drawing at its working size
 * (width_px wide), for rendering. Fails with -ENOENT if @fp has no drawing.
 */
int fp_raster_for_floor(const struct floorplan *fp, struct fp_raster *out, struct ns_err *err);

#endif
