/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_layout.c — the report's page machinery (report_priv.h): every page's
 * running header (what this is; the classification; SIMULATED DATA when it
 * is) and footer (software, date, document reference, "Page N of M"), type
 * through floorplans/text, paragraphs that move to a new page when they do
 * not fit, tables whose header is repeated on the next page, the outline
 * (cairo_pdf_surface_add_outline) and the structure tags (cairo_tag_begin:
 * headings, paragraphs, tables, figures) that make the PDF navigable and
 * readable by assistive technology.
 */
#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "floorplans/text.h"
#include "heatmap/report_priv.h"
#include "util/textcheck.h"
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
	double dev = fp_text_device_size(r->cr, &st);

	if (r->type_min == 0 || dev < r->type_min)
		r->type_min = dev;
	return fp_text_draw(r->cr, &st, x, y, s).h;
}

void rep_tag_begin(struct rep *r, const char *tag)
{
	if (!r->dry)
		cairo_tag_begin(r->cr, tag, NULL);
}

void rep_tag_end(struct rep *r, const char *tag)
{
	if (!r->dry)
		cairo_tag_end(r->cr, tag);
}

void rep_bookmark(struct rep *r, int level, const char *title)
{
	char dest[64], *valid;
	int parent, id;

	if (level < 0 || level >= REP_OUTLINE_DEPTH)
		return;
	if (r->dry) {
		r->outline[level] = 0;
		return;
	}
	parent = level == 0 ? CAIRO_PDF_OUTLINE_ROOT : r->outline[level - 1];
	if (parent < 0)
		parent = CAIRO_PDF_OUTLINE_ROOT;
	snprintf(dest, sizeof(dest), "page=%d pos=[%.0f %.0f]", r->page, MARGIN, r->y);
	valid = ns_utf8_dup_valid(title); /* a name from a mailed survey may not be UTF-8 */
	id = cairo_pdf_surface_add_outline(r->surf, parent, valid ? valid : "", dest,
					   level == 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	free(valid);
	r->outline[level] = id;
	for (int k = level + 1; k < REP_OUTLINE_DEPTH; k++)
		r->outline[k] = -1;
	r->bookmarks++;
}

void rep_title(struct rep *r, int level, const char *bookmark, const char *title)
{
	rep_bookmark(r, level, bookmark ? bookmark : title);
	rep_tag_begin(r, level == 0 ? "H1" : "H2");
	rep_heading(r, title, level == 0 ? 16 : level == 1 ? 12 : 11);
	rep_tag_end(r, level == 0 ? "H1" : "H2");
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

/* The running header: what this is, the classification, SIMULATED DATA when it is. */
static void running_header(struct rep *r)
{
	const struct rep_data *d = r->d;
	const char *cls = d->tpl->classification;
	char buf[400];

	double w = cls[0] ? r->W / 2 - MARGIN - 60 : r->W - 2 * MARGIN - (d->simulated ? 190 : 0);

	/* One line, clear of the classification and the SIMULATED mark: the site alone if need be. */
	snprintf(buf, sizeof(buf), "%s — Wi-Fi coverage evidence, profile %s%s%s%s",
		 d->meta.site[0] ? d->meta.site : d->survey_name, d->prof.name,
		 d->has_device ? ", as heard by " : "", d->has_device ? d->device.name : "",
		 d->has_device ? " (offset on the cover)" : "");
	if (rep_txt_height(r, w, buf, SMALL, T_GREY) > 1.5 * SMALL * 1.2)
		snprintf(buf, sizeof(buf), "%s", d->meta.site[0] ? d->meta.site : d->survey_name);
	rep_txt(r, MARGIN, HEAD_Y, w, buf, SMALL, T_GREY);
	if (cls[0])
		rep_txt(r, r->W / 2, HEAD_Y - 2, 0, cls, 10, T_BOLD | T_CENTER);
	if (d->simulated)
		rep_txt(r, r->W - MARGIN, HEAD_Y, 0, "SIMULATED DATA — not real measurements", SMALL,
			T_RIGHT | T_BOLD);
	hline(r, MARGIN, r->W - MARGIN, HEAD_Y + 12, 0.5, 0.6);
}

/* The footer: software, date, survey, document reference; the page; the classification. */
static void running_footer(struct rep *r)
{
	const struct rep_data *d = r->d;
	const struct hm_report_template *t = d->tpl;
	char buf[400];

	hline(r, MARGIN, r->W - MARGIN, r->H - FOOT_Y - 4, 0.5, 0.6);
	snprintf(buf, sizeof(buf), "notspot %s · report dated %s · survey %s%s%s", NOTSPOT_VERSION,
		 d->date, d->survey_name, t->reference[0] ? " · ref. " : "", t->reference);
	rep_txt(r, MARGIN, r->H - FOOT_Y, t->classification[0] ? r->W / 2 - MARGIN - 60 : rep_body_w(r) - 80,
		buf, SMALL, T_GREY);
	if (t->classification[0])
		rep_txt(r, r->W / 2, r->H - FOOT_Y - 1, 0, t->classification, 10, T_BOLD | T_CENTER);
	snprintf(buf, sizeof(buf), "Page %d of %d", r->page, r->pages > 0 ? r->pages : r->page);
	rep_txt(r, r->W - MARGIN, r->H - FOOT_Y, 0, buf, SMALL, T_RIGHT);
}

void rep_page_begin(struct rep *r, bool landscape)
{
	const struct rep_data *d = r->d;

	if (r->page > 0)
		cairo_show_page(r->cr);
	r->landscape = landscape;
	r->W = landscape ? A4_H : A4_W;
	r->H = landscape ? A4_W : A4_H;
	cairo_pdf_surface_set_size(r->surf, r->W, r->H);
	r->page++;
	/*
	 * The structure tree's root, opened once the first page has its size:
	 * cairo 1.16 refuses the whole tree ("invalid tag nesting", at the end)
	 * when the first page is resized inside an open tag.
	 */
	if (r->page == 1)
		rep_tag_begin(r, "Document");
	if (d->o->progress && !r->dry)
		d->o->progress(d->o->progress_arg, r->page, r->pages);
	running_header(r);
	running_footer(r);
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
	rep_tag_begin(r, "P");
	r->y += rep_txt(r, MARGIN, r->y, rep_body_w(r), s, BODY, 0) + 5;
	rep_tag_end(r, "P");
}

void rep_paraf(struct rep *r, const char *fmt, ...)
{
	struct strbuf t = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&t, fmt, ap);
	va_end(ap);
	r->oom |= strbuf_failed(&t);
	rep_para(r, t.buf);
	strbuf_release(&t);
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

	if ((head || shade) && !r->dry) {
		cairo_rectangle(r->cr, MARGIN, r->y, bw, h);
		cairo_set_source_rgb(r->cr, head ? 0.82 : 0.94, head ? 0.82 : 0.94, head ? 0.82 : 0.94);
		cairo_fill(r->cr);
	}
	rep_tag_begin(r, "TR");
	for (int i = 0; i < n; i++) {
		double cw = cols[i].w * bw;

		rep_tag_begin(r, head ? "TH" : "TD");
		rep_txt(r, x + 3, r->y + 2.5, cw - 6, cells[i] ? cells[i] : "", SMALL,
			cols[i].align | (head ? T_BOLD : 0));
		rep_tag_end(r, head ? "TH" : "TD");
		x += cw;
	}
	rep_tag_end(r, "TR");
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
	rep_tag_begin(r, "Table");
	row_draw(r, cols, n, head, true, false);
}

void rep_table_row(struct rep *r, const char *const *cells, int k)
{
	if (r->y + row_height(r, r->tcols, r->tncols, cells, false) > rep_bottom(r)) {
		/* A table's part per page: the tags close before the page and open after it. */
		rep_tag_end(r, "Table");
		rep_page_begin(r, r->landscape);
		r->y += rep_txt(r, MARGIN, r->y, 0, "(continued)", SMALL, T_GREY | T_ITALIC) + 3;
		rep_tag_begin(r, "Table");
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
	rep_tag_end(r, "Table");
	hline(r, MARGIN, r->W - MARGIN, r->y, 0.8, 0);
	r->y += 10;
	r->tcols = NULL;
}
