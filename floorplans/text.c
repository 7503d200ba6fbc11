/* SPDX-License-Identifier: GPL-3.0-or-later */
/* text.c — see text.h. */
#include "floorplans/text.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "util/textcheck.h"

/*
 * On paper, glyphs at their true advances. Pango (1.44 and later) rounds
 * every glyph position to a whole user unit and cairo hints the advances;
 * at small sizes, or when the type is scaled (a map drawn into a report page
 * at 0.4), half a unit is a tenth of a letter, and pdftotext reads the gaps
 * as word breaks ("sam ples"). On a vector surface unrounded, unhinted
 * positions cost nothing and keep words whole; an image keeps pango's
 * whole-pixel positions, which are crisper on screen.
 */
static void true_advances(cairo_t *cr, PangoLayout *pl)
{
	PangoContext *pc = pango_layout_get_context(pl);
	cairo_font_options_t *fo;

	if (cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE)
		return;
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(pc, FALSE);
	pango_layout_context_changed(pl);
}

/* The layout of @s in @st on @cr; the caller unrefs it. */
static PangoLayout *lay_out(cairo_t *cr, const struct fp_text_style *st, const char *s)
{
	PangoLayout *pl = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(st->font ? st->font
									       : FP_TEXT_FONT);

	true_advances(cr, pl);

	pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
	if (st->bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (st->italic)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	if (st->wrap_w > 0) {
		pango_layout_set_width(pl, (int)(st->wrap_w * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		if (st->align == FP_TEXT_RIGHT)
			pango_layout_set_alignment(pl, PANGO_ALIGN_RIGHT);
		else if (st->align == FP_TEXT_CENTER)
			pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER);
	}
	/*
	 * A name from a mailed survey or an SSID as broadcast may be any bytes:
	 * pango refuses (and warns about) text that is not UTF-8, so the bad
	 * bytes are shown as U+FFFD instead.
	 */
	if (ns_utf8_valid(s, strlen(s), NULL)) {
		pango_layout_set_text(pl, s, -1);
	} else {
		char *valid = ns_utf8_dup_valid(s);

		pango_layout_set_text(pl, valid ? valid : "", -1);
		free(valid);
	}
	return pl;
}

static struct fp_text_size size_of(PangoLayout *pl, bool whole_units)
{
	int w, h;

	if (whole_units) {
		pango_layout_get_pixel_size(pl, &w, &h);
		return (struct fp_text_size){ w, h };
	}
	pango_layout_get_size(pl, &w, &h);
	return (struct fp_text_size){ (double)w / PANGO_SCALE, (double)h / PANGO_SCALE };
}

struct fp_text_size fp_text_measure(cairo_t *cr, const struct fp_text_style *st, const char *s)
{
	PangoLayout *pl = lay_out(cr, st, s);
	struct fp_text_size sz = size_of(pl, st->whole_units);

	g_object_unref(pl);
	return sz;
}

double fp_text_device_size(cairo_t *cr, const struct fp_text_style *st)
{
	double dx = 0, dy = st->size;

	/* The length of a vertical em after the transform (rotation-proof). */
	cairo_user_to_device_distance(cr, &dx, &dy);
	return hypot(dx, dy);
}

struct fp_text_size fp_text_draw(cairo_t *cr, const struct fp_text_style *st, double x, double y,
				 const char *s)
{
	PangoLayout *pl = lay_out(cr, st, s);
	struct fp_text_size sz = size_of(pl, st->whole_units);

	/* Anchored, not wrapped: the left, centre or right edge is at x. */
	if (st->wrap_w <= 0 && st->align == FP_TEXT_RIGHT)
		x -= sz.w;
	else if (st->wrap_w <= 0 && st->align == FP_TEXT_CENTER)
		x -= sz.w / 2;
	cairo_save(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_move_to(cr, x, y);
	if (st->halo_w > 0) {
		pango_cairo_layout_path(cr, pl);
		cairo_set_source_rgba(cr, 1, 1, 1, st->halo_alpha);
		cairo_set_line_width(cr, st->halo_w);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(cr);
		cairo_move_to(cr, x, y);
	}
	cairo_set_source_rgb(cr, st->rgb[0], st->rgb[1], st->rgb[2]);
	pango_cairo_show_layout(cr, pl);
	cairo_restore(cr);
	g_object_unref(pl);
	return sz;
}
