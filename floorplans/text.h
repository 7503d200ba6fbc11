/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.h — text on a cairo context, laid out by pango: the one way every
 * renderer (floor show, heatmaps, before/after pages, the report) sets type.
 *
 * A style says the font, its size, weight and slant, the colour, how the
 * text is anchored or aligned, where it wraps, and whether a white halo
 * keeps it readable over a drawing. Sizes and widths are in the context's
 * user units at the time of the call: points on a PDF page, pixels on an
 * image surface (a caller that scales its type multiplies before it asks).
 * Nothing is cached: each call lays the text out afresh, so what is drawn is
 * always what was measured. On vector surfaces (PDF, SVG) glyphs sit at their
 * true, unhinted advances, so text set small or drawn scaled still extracts
 * as whole words; images keep whole-pixel glyph positions. Text that is not
 * valid UTF-8 (a name from a mailed survey, an SSID as broadcast) is set with
 * U+FFFD for each bad byte.
 */
#ifndef NOTSPOT_FLOORPLANS_TEXT_H
#define NOTSPOT_FLOORPLANS_TEXT_H

#include <cairo.h>
#include <stdbool.h>

/* The family every notspot drawing is set in (Debian: fonts-dejavu-core). */
#define FP_TEXT_FONT "DejaVu Sans"

enum fp_text_align {
	FP_TEXT_LEFT = 0,
	FP_TEXT_CENTER,
	FP_TEXT_RIGHT,
};

struct fp_text_style {
	const char *font;          /* pango family; NULL: FP_TEXT_FONT */
	double size;               /* absolute font size, user units (pt on a PDF page) */
	bool bold, italic;
	double rgb[3];             /* 0..1; a zeroed style draws black */
	/*
	 * Without a wrap width @x is the anchor: the left edge, the centre or the
	 * right edge of the text by @align. With one (> 0, user units) the text
	 * wraps at word (or, for a long word, character) boundaries within
	 * [x, x + wrap_w] and each line is aligned inside that box.
	 */
	enum fp_text_align align;
	double wrap_w;
	/*
	 * A white halo under the glyphs (line width @halo_w, user units, never
	 * dashed; 0: none) with opacity @halo_alpha, so text reads over a drawing.
	 */
	double halo_w, halo_alpha;
	/*
	 * Extents rounded out to whole user units (pango's pixel extents), the way
	 * the image renderers lay out; false: exact extents (the PDF pages).
	 */
	bool whole_units;
};

/* The laid-out text's logical extent, user units. */
struct fp_text_size {
	double w, h;
};

/**
 * fp_text_measure() - the extent of @s set in @st on @cr, drawing nothing.
 * @cr is read only for its font options and transform; its state is unchanged.
 */
struct fp_text_size fp_text_measure(cairo_t *cr, const struct fp_text_style *st, const char *s);

/**
 * fp_text_device_size() - the size @st's type takes on @cr's device: the
 * style's size through the current transform (points on a PDF page, pixels
 * on an image). What a reader sees, however the context is scaled.
 */
double fp_text_device_size(cairo_t *cr, const struct fp_text_style *st);

/**
 * fp_text_draw() - draw @s in @st with its top at @y, placed at @x as the
 * style's alignment says, and return its extent (the same numbers
 * fp_text_measure() gives). @cr's source, line width, dash and join are left
 * as they were; its current point is left at the layout's origin.
 */
struct fp_text_size fp_text_draw(cairo_t *cr, const struct fp_text_style *st, double x, double y,
				 const char *s);

#endif
