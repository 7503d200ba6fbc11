/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_layout.c — the report's page machinery (report_priv.h): every page's
 * running header (what this is; SIMULATED DATA when it is) and footer
 * (software, date, "Page N of M"), type through floorplans/text, paragraphs
 * that move to a new page when they do not fit, and tables whose header is
 * repeated on the next page.
 */
#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>

#include "floorplans/text.h"
#include "heatmap/report_priv.h"
#include "util/version.h"

#define HEAD_Y 20.0        /* running header baseline area */
#define FOOT_Y (MARGIN - 16.0)

static struct fp_text_style style_of(double w, double size, int flags)
{
	double grey = flags & T_GREY ? 0.35 : 0;

	return (struct fp_text_style){
		.size = size,
		.bold = flags & T_BOLD,
		.italic = flags & T_ITALIC,
		.rgb = { grey, grey, grey },
		.align = flags & T_RIGHT ? FP_TEXT_RIGHT : flags & T_CENTER ? FP_TEXT_CENTER : FP_TEXT_LEFT,
		.wrap_w = w,
	};
}

/* Text at (x, y) top-left (or anchored right / centre when not wrapped), wrapped at @w (0: no wrap). Returns its height. */
double rep_txt(struct rep *r, double x, double y, double w, const char *s, double size, int flags)
{
	struct fp_text_style st = style_of(w, size, flags);

	return fp_text_draw(r->cr, &st, x, y, s).h;
}

/* The height @s would take, drawing nothing. */
double rep_txt_height(struct rep *r, double w, const char *s, double size, int flags)
{
	struct fp_text_style st = style_of(w, size, flags);

	return fp_text_measure(r->cr, &st, s).h;
}

double rep_body_w(const struct rep *r)
{
	return r->W - 2 * MARGIN;
}

double rep_bottom(const struct rep *r)
{
	return r->H - MARGIN - 8;
}

static void hline(struct rep *r, double x0, double x1, double y, double width, double grey)
{
	cairo_set_source_rgb(r->cr, grey, grey, grey);
	cairo_set_line_width(r->cr, width);
	cairo_move_to(r->cr, x0, y);
	cairo_line_to(r->cr, x1, y);
	cairo_stroke(r->cr);
}

void rep_page_begin(struct rep *r, bool landscape)
{
	const struct rep_data *d = r->d;
	char buf[400];

	if (r->page > 0)
		cairo_show_page(r->cr);
	r->landscape = landscape;
	r->W = landscape ? A4_H : A4_W;
	r->H = landscape ? A4_W : A4_H;
	cairo_pdf_surface_set_size(r->surf, r->W, r->H);
	r->page++;
	if (d->o->progress && !r->dry)
		d->o->progress(d->o->progress_arg, r->page, r->pages);
	/* Running header: what this is; simulated data say so on every page. */
	snprintf(buf, sizeof(buf), "%s — Wi-Fi coverage evidence, profile %s",
		 d->meta.site[0] ? d->meta.site : d->survey_name, d->prof.name);
	rep_txt(r, MARGIN, HEAD_Y, 0, buf, SMALL, T_GREY);
	if (d->simulated)
		rep_txt(r, r->W - MARGIN, HEAD_Y, 0, "SIMULATED DATA — not real measurements", SMALL,
			T_RIGHT | T_BOLD);
	hline(r, MARGIN, r->W - MARGIN, HEAD_Y + 12, 0.5, 0.6);
	/* Footer: software, date, page. */
	hline(r, MARGIN, r->W - MARGIN, r->H - FOOT_Y - 4, 0.5, 0.6);
	snprintf(buf, sizeof(buf), "notspot %s · report dated %s · survey %s", NOTSPOT_VERSION,
		 d->date, d->survey_name);
	rep_txt(r, MARGIN, r->H - FOOT_Y, rep_body_w(r) - 80, buf, SMALL, T_GREY);
	snprintf(buf, sizeof(buf), "Page %d of %d", r->page, r->pages > 0 ? r->pages : r->page);
	rep_txt(r, r->W - MARGIN, r->H - FOOT_Y, 0, buf, SMALL, T_RIGHT);
	r->y = MARGIN + 6;
}

void rep_heading(struct rep *r, const char *s, double size)
{
	r->y += rep_txt(r, MARGIN, r->y, rep_body_w(r), s, size, T_BOLD) + size * 0.45;
}

void rep_para(struct rep *r, const char *s)
{
	double h = rep_txt_height(r, rep_body_w(r), s, BODY, 0);

	if (r->y + h > rep_bottom(r))
		rep_page_begin(r, r->landscape);
	r->y += rep_txt(r, MARGIN, r->y, rep_body_w(r), s, BODY, 0) + 5;
}

void rep_paraf(struct rep *r, const char *fmt, ...)
{
	struct rtext t;
	va_list ap;

	rtext_init(&t);
	va_start(ap, fmt);
	rtext_vaddf(&t, fmt, ap);
	va_end(ap);
	rep_para(r, rtext_str(&t));
	rtext_release(&t);
}

/* ---- tables ----------------------------------------------------------------------- */

static double row_height(struct rep *r, const struct col *cols, int n, const char *const *cells,
			 bool bold)
{
	double h = 0, bw = rep_body_w(r);

	for (int i = 0; i < n; i++)
		h = fmax(h, rep_txt_height(r, cols[i].w * bw - 6, cells[i] ? cells[i] : "", SMALL,
					   bold ? T_BOLD : 0));
	return h + 5;
}

static void row_draw(struct rep *r, const struct col *cols, int n, const char *const *cells,
		     bool head, bool shade)
{
	double h = row_height(r, cols, n, cells, head), x = MARGIN, bw = rep_body_w(r);

	if (head || shade) {
		cairo_rectangle(r->cr, MARGIN, r->y, bw, h);
		cairo_set_source_rgb(r->cr, head ? 0.82 : 0.94, head ? 0.82 : 0.94, head ? 0.82 : 0.94);
		cairo_fill(r->cr);
	}
	for (int i = 0; i < n; i++) {
		double cw = cols[i].w * bw;

		rep_txt(r, x + 3, r->y + 2.5, cw - 6, cells[i] ? cells[i] : "", SMALL,
			cols[i].align | (head ? T_BOLD : 0));
		x += cw;
	}
	r->y += h;
	if (head)
		hline(r, MARGIN, MARGIN + bw, r->y, 0.8, 0);
}

void rep_table_begin(struct rep *r, const struct col *cols, int n, const char *const *head)
{
	r->tcols = cols;
	r->tncols = n;
	r->thead = head;
	if (r->y + 2 * row_height(r, cols, n, head, true) > rep_bottom(r))
		rep_page_begin(r, r->landscape);
	row_draw(r, cols, n, head, true, false);
}

void rep_table_row(struct rep *r, const char *const *cells, int k)
{
	if (r->y + row_height(r, r->tcols, r->tncols, cells, false) > rep_bottom(r)) {
		rep_page_begin(r, r->landscape);
		r->y += rep_txt(r, MARGIN, r->y, 0, "(continued)", SMALL, T_GREY | T_ITALIC) + 3;
		row_draw(r, r->tcols, r->tncols, r->thead, true, false);
	}
	row_draw(r, r->tcols, r->tncols, cells, false, k % 2 == 1);
}

void rep_table_break(struct rep *r)
{
	r->y = rep_bottom(r) + 1; /* the next row finds no room: a new page, the header again */
}

void rep_table_end(struct rep *r)
{
	hline(r, MARGIN, r->W - MARGIN, r->y, 0.8, 0);
	r->y += 10;
	r->tcols = NULL;
}
