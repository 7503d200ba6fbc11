/*
 * report.c — the evidence report (report.h): data gathering, then a layout
 * pass run twice — once on a scratch surface to count the pages ("Page N of
 * M" needs M), once into the PDF.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "floorplans/geometry.h"
#include "floorplans/loader.h"
#include "heatmap/load.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "heatmap/report.h"
#include "util/clock.h"
#include "util/outfile.h"
#include "util/version.h"

#define A4_W 595.28
#define A4_H 841.89
#define MARGIN 42.0        /* pt, about 15 mm */
#define HEAD_Y 20.0        /* running header baseline area */
#define FOOT_Y (MARGIN - 16.0)
#define BODY 9.0           /* body text, pt */
#define SMALL 7.5          /* table text, pt */
#define MAX_MAPS 8
#define SUMMARY_ROWS_PER_PAGE 20

void hm_report_opts_default(struct hm_report_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->band = -1;
	o->cell_m = HM_CELL_DEFAULT_M;
	o->reach_m = 5;
}

size_t hm_report_maps(const struct hm_profile *p, enum hm_metric *out, size_t cap)
{
	size_t n = 0;

	for (int k = 0; k < p->nreport_maps && n < cap; k++)
		out[n++] = p->report_maps[k];
	if (p->nreport_maps > 0)
		return n;
	for (int k = 0; k < p->nrules && n < cap; k++) {
		bool seen = false;

		for (size_t j = 0; j < n; j++)
			seen |= out[j] == p->rules[k].metric;
		if (!seen)
			out[n++] = p->rules[k].metric;
	}
	return n;
}

/* ---- the data --------------------------------------------------------------------- */

struct ward_data {
	const struct fp_ward *w;    /* in the floor's plan */
	int index;                  /* in fp->wards */
	struct hm_map map;          /* cropped to the ward */
	bool built;
	struct hm_area_stats st;
	double worst;               /* of the first rule's metric; NAN: none */
	bool no_signal;             /* somewhere surveyed nothing served at all */
	enum hm_metric maps[MAX_MAPS];
	size_t nmaps;               /* measured maps of hm_report_maps() */
};

struct floor_data {
	struct floorplan *fp;
	struct hm_set set;
	bool set_loaded;
	struct hm_map map;          /* whole floor */
	bool built;
	struct hm_area_stats st;
	double worst;
	bool no_signal;
	struct fp_raster drawing;
	struct ward_data *wards;
	size_t nwards;
	int64_t first_us, last_us;  /* the floor's walks */
};

struct rep {
	const struct hm_report_opts *o;
	const char *survey_name;
	struct survey_meta meta;
	struct survey_walk *walks;
	size_t nwalks;
	struct hm_profile prof;
	struct floor_data *floors;
	size_t nfloors;
	bool simulated;
	bool rule_used[HM_MAX_RULES]; /* measured somewhere in the reported wards */
	char date[40];
	/* the page machinery */
	cairo_surface_t *surf;
	cairo_t *cr;
	bool dry;                   /* counting pass: nothing is drawn that costs */
	int page, pages;
	double W, H, y;
	bool landscape;
	/* the table being laid out, to repeat its header on a new page */
	const struct col *tcols;
	int tncols;
	const char *const *thead;
};

static void day_of(int64_t us, char *buf, size_t len)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;

	if (us <= 0 || !gmtime_r(&t, &tm))
		snprintf(buf, len, "unknown");
	else
		strftime(buf, len, "%d %B %Y", &tm);
}

static void hhmm(int64_t us, char *buf, size_t len)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;

	if (us <= 0 || !gmtime_r(&t, &tm))
		snprintf(buf, len, "?");
	else
		strftime(buf, len, "%H:%M", &tm);
}

/* The worst value of @metric over the surveyed cells of ward @ward (-2: all). */
static void worst_of(const struct hm_map *m, enum hm_metric metric, int ward, double *worst,
		     bool *no_signal)
{
	const struct hm_metric_info *mi = hm_metric_info(metric);
	size_t nc = hm_grid_ncells(&m->grid);

	*worst = NAN;
	*no_signal = false;
	if (!m->m[metric])
		return;
	for (size_t c = 0; c < nc; c++) {
		float v = m->m[metric][c];

		if (m->cover[c] != HM_COVER_SURVEYED && m->cover[c] != HM_COVER_PREDICTED)
			continue;
		if (ward >= 0 && (!m->ward_of || m->ward_of[c] != ward))
			continue;
		if (isnan(v)) {
			*no_signal |= mi->absent_fails;
			continue;
		}
		if (isnan(*worst) || (mi->higher_better ? v < *worst : v > *worst))
			*worst = v;
	}
}

static void map_opts(const struct rep *r, const char *ward, struct hm_map_opts *mo)
{
	hm_map_opts_default(mo);
	mo->cell_m = r->o->cell_m > 0 ? r->o->cell_m : HM_CELL_DEFAULT_M;
	mo->est.reach_m = r->o->reach_m > 0 ? r->o->reach_m : 5;
	mo->ssid = r->o->ssid;
	mo->band = r->o->band;
	mo->predict = r->o->predict;
	mo->ward = ward;
	mo->profile = &r->prof;
}

static bool ward_wanted(const struct hm_report_opts *o, const char *name)
{
	if (o->nwards == 0)
		return true;
	for (size_t i = 0; i < o->nwards; i++)
		if (strcmp(o->wards[i], name) == 0)
			return true;
	return false;
}

static int gather_floor(struct rep *r, struct survey *s, const char *name, struct floor_data *f,
			struct ns_err *err)
{
	const struct hm_profile *p = &r->prof;
	enum hm_metric want[MAX_MAPS];
	size_t nwant = hm_report_maps(p, want, MAX_MAPS);
	struct hm_map_opts mo;
	int rc;

	if ((rc = hm_load_floor(s, name, &f->fp, &f->set, err)))
		return rc;
	f->set_loaded = true;
	map_opts(r, NULL, &mo);
	if ((rc = hm_map_build(&f->set, f->fp, &mo, &f->map, err)))
		return rc;
	f->built = true;
	hm_area_stats_compute(p, &f->map.grid, f->map.verdict, f->map.m, f->map.ward_of, -2,
			      &f->map.notspots, "whole floor", &f->st);
	worst_of(&f->map, p->rules[0].metric, -2, &f->worst, &f->no_signal);
	if (f->fp->image && f->fp->image_len)
		fp_raster_for_floor(f->fp, &f->drawing, NULL); /* a plain floor without it */
	f->wards = calloc(f->fp->nwards ? f->fp->nwards : 1, sizeof(*f->wards));
	if (!f->wards)
		return ns_err_set(err, -ENOMEM, "out of memory");
	for (size_t k = 0; k < f->fp->nwards; k++) {
		const struct fp_ward *w = &f->fp->wards[k];
		struct ward_data *wd;

		if (!ward_wanted(r->o, w->name))
			continue;
		wd = &f->wards[f->nwards++];
		wd->w = w;
		wd->index = (int)k;
		map_opts(r, w->name, &mo);
		if ((rc = hm_map_build(&f->set, f->fp, &mo, &wd->map, err)))
			return rc;
		wd->built = true;
		hm_area_stats_compute(p, &wd->map.grid, wd->map.verdict, wd->map.m, wd->map.ward_of,
				      wd->index, &wd->map.notspots, w->name, &wd->st);
		worst_of(&wd->map, p->rules[0].metric, wd->index, &wd->worst, &wd->no_signal);
		for (size_t j = 0; j < nwant; j++)
			if (wd->map.m[want[j]])
				wd->maps[wd->nmaps++] = want[j];
		for (int q = 0; q < p->nrules; q++)
			r->rule_used[q] |= wd->st.rule_measured_m2[q] > 0;
	}
	return 0;
}

static void release(struct rep *r)
{
	for (size_t i = 0; i < r->nfloors; i++) {
		struct floor_data *f = &r->floors[i];

		for (size_t k = 0; k < f->nwards; k++)
			if (f->wards[k].built)
				hm_map_release(&f->wards[k].map);
		free(f->wards);
		if (f->built)
			hm_map_release(&f->map);
		if (f->set_loaded)
			hm_set_release(&f->set);
		fp_raster_release(&f->drawing);
		floorplan_free(f->fp);
	}
	free(r->floors);
	free(r->walks);
}

/* ---- text and pages --------------------------------------------------------------- */

enum { T_BOLD = 1, T_RIGHT = 2, T_CENTER = 4, T_GREY = 8, T_MEASURE = 16, T_ITALIC = 32 };

/* Text at (x, y) top-left, wrapped at @w (0: no wrap). Returns its height. */
static double txt(struct rep *r, double x, double y, double w, const char *s, double size,
		  int flags)
{
	PangoLayout *pl = pango_cairo_create_layout(r->cr);
	PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans");
	int pw, ph;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (flags & T_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (flags & T_ITALIC)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(pl, fd);
	if (w > 0) {
		pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		if (flags & T_RIGHT)
			pango_layout_set_alignment(pl, PANGO_ALIGN_RIGHT);
		else if (flags & T_CENTER)
			pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER);
	}
	pango_layout_set_text(pl, s, -1);
	pango_layout_get_size(pl, &pw, &ph);
	if (!(flags & T_MEASURE)) {
		double dx = 0;

		if (w <= 0 && (flags & T_RIGHT))
			dx = -(double)pw / PANGO_SCALE;
		else if (w <= 0 && (flags & T_CENTER))
			dx = -(double)pw / PANGO_SCALE / 2;
		cairo_save(r->cr);
		if (flags & T_GREY)
			cairo_set_source_rgb(r->cr, 0.35, 0.35, 0.35);
		else
			cairo_set_source_rgb(r->cr, 0, 0, 0);
		cairo_move_to(r->cr, x + dx, y);
		pango_cairo_show_layout(r->cr, pl);
		cairo_restore(r->cr);
	}
	pango_font_description_free(fd);
	g_object_unref(pl);
	return (double)ph / PANGO_SCALE;
}

static double body_w(const struct rep *r)
{
	return r->W - 2 * MARGIN;
}

static double bottom(const struct rep *r)
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

static void page_begin(struct rep *r, bool landscape)
{
	char buf[400];

	if (r->page > 0)
		cairo_show_page(r->cr);
	r->landscape = landscape;
	r->W = landscape ? A4_H : A4_W;
	r->H = landscape ? A4_W : A4_H;
	cairo_pdf_surface_set_size(r->surf, r->W, r->H);
	r->page++;
	if (r->o->progress && !r->dry)
		r->o->progress(r->o->progress_arg, r->page, r->pages);
	/* Running header: what this is; simulated data say so on every page. */
	snprintf(buf, sizeof(buf), "%s — Wi-Fi coverage evidence, profile %s",
		 r->meta.site[0] ? r->meta.site : r->survey_name, r->prof.name);
	txt(r, MARGIN, HEAD_Y, 0, buf, SMALL, T_GREY);
	if (r->simulated)
		txt(r, r->W - MARGIN, HEAD_Y, 0, "SIMULATED DATA — not real measurements", SMALL,
		    T_RIGHT | T_BOLD);
	hline(r, MARGIN, r->W - MARGIN, HEAD_Y + 12, 0.5, 0.6);
	/* Footer: software, date, page. */
	hline(r, MARGIN, r->W - MARGIN, r->H - FOOT_Y - 4, 0.5, 0.6);
	snprintf(buf, sizeof(buf), "notspot %s · report dated %s · survey %s", NOTSPOT_VERSION,
		 r->date, r->survey_name);
	txt(r, MARGIN, r->H - FOOT_Y, body_w(r) - 80, buf, SMALL, T_GREY);
	snprintf(buf, sizeof(buf), "Page %d of %d", r->page, r->pages > 0 ? r->pages : r->page);
	txt(r, r->W - MARGIN, r->H - FOOT_Y, 0, buf, SMALL, T_RIGHT);
	r->y = MARGIN + 6;
}

static void heading(struct rep *r, const char *s, double size)
{
	r->y += txt(r, MARGIN, r->y, body_w(r), s, size, T_BOLD) + size * 0.45;
}

static void para(struct rep *r, const char *s)
{
	double h = txt(r, 0, 0, body_w(r), s, BODY, T_MEASURE);

	if (r->y + h > bottom(r))
		page_begin(r, r->landscape);
	r->y += txt(r, MARGIN, r->y, body_w(r), s, BODY, 0) + 5;
}

static void paraf(struct rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void paraf(struct rep *r, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	para(r, buf);
}

/* ---- tables ----------------------------------------------------------------------- */

struct col {
	double w;      /* share of the body width */
	int align;     /* 0 left, T_RIGHT */
};

static double row_height(struct rep *r, const struct col *cols, int n, const char *const *cells,
			 bool bold)
{
	double h = 0, bw = body_w(r);

	for (int i = 0; i < n; i++)
		h = fmax(h, txt(r, 0, 0, cols[i].w * bw - 6, cells[i] ? cells[i] : "", SMALL,
				T_MEASURE | (bold ? T_BOLD : 0)));
	return h + 5;
}

static void row_draw(struct rep *r, const struct col *cols, int n, const char *const *cells,
		     bool head, bool shade)
{
	double h = row_height(r, cols, n, cells, head), x = MARGIN, bw = body_w(r);

	if (head || shade) {
		cairo_rectangle(r->cr, MARGIN, r->y, bw, h);
		cairo_set_source_rgb(r->cr, head ? 0.82 : 0.94, head ? 0.82 : 0.94, head ? 0.82 : 0.94);
		cairo_fill(r->cr);
	}
	for (int i = 0; i < n; i++) {
		double cw = cols[i].w * bw;

		txt(r, x + 3, r->y + 2.5, cw - 6, cells[i] ? cells[i] : "", SMALL,
		    cols[i].align | (head ? T_BOLD : 0));
		x += cw;
	}
	r->y += h;
	if (head)
		hline(r, MARGIN, MARGIN + bw, r->y, 0.8, 0);
}

static void table_begin(struct rep *r, const struct col *cols, int n, const char *const *head)
{
	r->tcols = cols;
	r->tncols = n;
	r->thead = head;
	if (r->y + 2 * row_height(r, cols, n, head, true) > bottom(r))
		page_begin(r, r->landscape);
	row_draw(r, cols, n, head, true, false);
}

static void table_row(struct rep *r, const char *const *cells, int k)
{
	if (r->y + row_height(r, r->tcols, r->tncols, cells, false) > bottom(r)) {
		page_begin(r, r->landscape);
		r->y += txt(r, MARGIN, r->y, 0, "(continued)", SMALL, T_GREY | T_ITALIC) + 3;
		row_draw(r, r->tcols, r->tncols, r->thead, true, false);
	}
	row_draw(r, r->tcols, r->tncols, cells, false, k % 2 == 1);
}

static void table_end(struct rep *r)
{
	hline(r, MARGIN, r->W - MARGIN, r->y, 0.8, 0);
	r->y += 10;
	r->tcols = NULL;
}

/* ---- numbers as text --------------------------------------------------------------- */

static double pct(double a, double b)
{
	return b > 0 ? 100 * a / b : NAN;
}

static void fmt_pct(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "n/m");
	else
		snprintf(buf, len, "%.0f%%", v);
}

/* "−89 dBm", "no signal", "n/m" — with a real minus sign for print. */
static void fmt_value(char *buf, size_t len, double v, bool no_signal, enum hm_metric m)
{
	const struct hm_metric_info *mi = hm_metric_info(m);

	if (no_signal)
		snprintf(buf, len, "no signal");
	else if (isnan(v))
		snprintf(buf, len, "n/m");
	else if (v < 0)
		snprintf(buf, len, "\u2212%.0f %s", -v, mi->unit);
	else
		snprintf(buf, len, "%.0f %s", v, mi->unit);
}

static const char *rule_text(const struct hm_rule *ru, char *buf, size_t len)
{
	char tmp[96], *o = buf;
	size_t left = len;

	hm_rule_describe(ru, tmp, sizeof(tmp));
	/* Typographic minus for negative numbers in print. */
	for (const char *p = tmp; *p && left > 4; p++) {
		if (*p == '-' && p[1] >= '0' && p[1] <= '9') {
			memcpy(o, "\u2212", 3);
			o += 3;
			left -= 3;
		} else {
			*o++ = *p;
			left--;
		}
	}
	*o = 0;
	return buf;
}

/* The threshold part of a rule's description: what follows "KEY ", or all of it. */
static const char *rule_threshold(const char *desc, const char *key)
{
	size_t n = strlen(key);

	return strncmp(desc, key, n) == 0 && desc[n] == ' ' ? desc + n + 1 : desc;
}

/* Append to the string in @buf (cut at @len). */
static void catf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void catf(char *buf, size_t len, const char *fmt, ...)
{
	size_t l = strlen(buf);
	va_list ap;

	if (l + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + l, len - l, fmt, ap);
	va_end(ap);
}

/* ---- pages ----------------------------------------------------------------------- */

static void page_cover(struct rep *r)
{
	char buf[2048], a[64], b[64], rb[96];
	int64_t first = 0, last = 0;
	double x = MARGIN;

	page_begin(r, false);
	r->y = 130;
	r->y += txt(r, x, r->y, body_w(r), "Wi-Fi coverage evidence report", 26, T_BOLD) + 8;
	r->y += txt(r, x, r->y, body_w(r), r->meta.site[0] ? r->meta.site : r->survey_name, 16, 0) + 4;
	if (r->meta.organisation[0])
		r->y += txt(r, x, r->y, body_w(r), r->meta.organisation, 11, T_GREY) + 4;
	r->y += 18;
	if (r->simulated) {
		double h = txt(r, 0, 0, body_w(r) - 20,
			       "SIMULATED DATA. Some or all walks in this survey were produced by "
			       "notspot's simulator (`notspot simulate`, the demo, or the walker's "
			       "--simulate), not measured in a real building. The figures show what the method produces; they are not "
			       "evidence about any real site.",
			       10, T_MEASURE | T_BOLD);

		cairo_rectangle(r->cr, x, r->y, body_w(r), h + 16);
		cairo_set_source_rgb(r->cr, 0.9, 0.9, 0.9);
		cairo_fill_preserve(r->cr);
		cairo_set_source_rgb(r->cr, 0, 0, 0);
		cairo_set_line_width(r->cr, 1.5);
		cairo_stroke(r->cr);
		txt(r, x + 10, r->y + 8, body_w(r) - 20,
		    "SIMULATED DATA. Some or all walks in this survey were produced by notspot's "
		    "simulator (`notspot simulate`, the demo, or the walker's --simulate), not "
		    "measured in a real building. The "
		    "figures show what the method produces; they are not evidence about any real site.",
		    10, T_BOLD);
		r->y += h + 30;
	}
	for (size_t i = 0; i < r->nwalks; i++) {
		if (!first || r->walks[i].start_us < first)
			first = r->walks[i].start_us;
		if (r->walks[i].end_us > last || r->walks[i].start_us > last)
			last = r->walks[i].end_us ? r->walks[i].end_us : r->walks[i].start_us;
	}
	day_of(first, a, sizeof(a));
	day_of(last, b, sizeof(b));
	{
		static const struct col kv[] = { { 0.26, 0 }, { 0.74, 0 } };
		char floors[512] = "", wards[1024] = "", eq[1024] = "", ops[512] = "";
		const char *cells[2];
		int k = 0;

		for (size_t i = 0; i < r->nfloors; i++) {
			const struct floorplan *fp = r->floors[i].fp;

			catf(floors, sizeof(floors), "%s%s (%s%slevel %d)", i ? "; " : "", fp->name,
			     fp->building, fp->building[0] ? ", " : "", fp->level);
			for (size_t w = 0; w < r->floors[i].nwards; w++) {
				const struct ward_data *wd = &r->floors[i].wards[w];

				catf(wards, sizeof(wards), "%s%s (%.0f m²)", wards[0] ? "; " : "",
				     wd->w->name, fp_polygon_area(wd->w->pts, wd->w->npts));
			}
		}
		for (size_t i = 0; i < r->nwalks; i++) {
			const struct survey_walk *w = &r->walks[i];
			bool dup = false;

			for (size_t j = 0; j < i; j++)
				dup |= strcmp(r->walks[j].interface, w->interface) == 0 &&
				       strcmp(r->walks[j].driver, w->driver) == 0 &&
				       strcmp(r->walks[j].chipset, w->chipset) == 0;
			if (!dup) {
				catf(eq, sizeof(eq), "%sinterface %s, driver %s, chipset %s",
				     eq[0] ? "; " : "", w->interface[0] ? w->interface : "?",
				     w->driver[0] ? w->driver : "?", w->chipset[0] ? w->chipset : "?");
			}
			dup = false;
			for (size_t j = 0; j < i; j++)
				dup |= strcmp(r->walks[j].operator_name, w->operator_name) == 0;
			if (!dup && w->operator_name[0]) {
				catf(ops, sizeof(ops), "%s%s", ops[0] ? ", " : "", w->operator_name);
			}
		}
		table_begin(r, kv, 2, (const char *const[]){ "Survey", r->survey_name });
#define KV(key, ...)                                                                        \
	do {                                                                                \
		snprintf(buf, sizeof(buf), __VA_ARGS__);                                    \
		cells[0] = key;                                                             \
		cells[1] = buf;                                                             \
		table_row(r, cells, k++);                                                   \
	} while (0)
		KV("Site", "%s", r->meta.site[0] ? r->meta.site : "(not given)");
		KV("Floors", "%s", floors);
		KV("Wards", "%s", wards[0] ? wards : "(the floor has no wards)");
		if (strcmp(a, b) == 0)
			KV("Survey dates", "%s (%zu walks)", a, r->nwalks);
		else
			KV("Survey dates", "%s to %s (%zu walks)", a, b, r->nwalks);
		KV("Surveyor", "%s%s%s", r->meta.surveyor[0] ? r->meta.surveyor : "(not given)",
		   ops[0] ? "; walked by " : "", ops);
		KV("Equipment", "%s", eq[0] ? eq : "(no walks)");
		KV("Software", "notspot %s (survey file created by %s)", NOTSPOT_VERSION,
		   r->meta.created_by[0] ? r->meta.created_by : "unknown");
		{
			char rules[600] = "";

			for (int q = 0; q < r->prof.nrules; q++)
				catf(rules, sizeof(rules), "%s%s", q ? "; " : "",
				     rule_text(&r->prof.rules[q], rb, sizeof(rb)));
			KV("Requirement profile", "%s — %s. Rules: %s. Source: %s", r->prof.name,
			   r->prof.description, rules, r->prof.source);
		}
		if (r->o->ssid || r->o->band >= 0)
			KV("Filter", "%s%s%s%s", r->o->ssid ? "SSID " : "", r->o->ssid ? r->o->ssid : "",
			   r->o->ssid && r->o->band >= 0 ? ", " : "",
			   r->o->band >= 0 ? hm_band_name(r->o->band) : "");
		KV("Report date", "%s", r->date);
#undef KV
		table_end(r);
	}
	r->y += 4;
	heading(r, "At a glance", 12);
	for (size_t i = 0; i < r->nfloors; i++) {
		const struct hm_area_stats *st = &r->floors[i].st;

		paraf(r, "%s: %.0f m² of %.0f m² surveyed; %.0f%% of the surveyed area meets every "
			 "rule of the %s profile; %zu not-spot%s cover%s %.0f m².",
		      r->floors[i].fp->name, st->surveyed_m2, st->area_m2,
		      pct(st->pass_m2, st->surveyed_m2), r->prof.name, st->notspots,
		      st->notspots == 1 ? "" : "s", st->notspots == 1 ? "s" : "", st->notspot_m2);
	}
	if (r->meta.notes[0])
		paraf(r, "Notes recorded with the survey: %s", r->meta.notes);
	if (r->o->predict)
		para(r, "PREDICTED: cells beyond the reach of the samples are judged by the model's "
			"estimate in this report. They are not measurements.");
}

static void page_walks(struct rep *r)
{
	static const struct col c[] = { { 0.19, 0 }, { 0.13, 0 }, { 0.16, 0 }, { 0.22, 0 }, { 0.30, 0 } };
	char when[96], eq[200], a[48], b[16], e[16];

	r->y += 6;
	heading(r, "Walks", 12);
	table_begin(r, c, 5, (const char *const[]){ "Date and time (UTC)", "Mode", "Walked by",
						   "Equipment", "Note" });
	for (size_t i = 0; i < r->nwalks; i++) {
		const struct survey_walk *w = &r->walks[i];

		day_of(w->start_us, a, sizeof(a));
		hhmm(w->start_us, b, sizeof(b));
		hhmm(w->end_us, e, sizeof(e));
		snprintf(when, sizeof(when), "%s %s–%s", a, b, e);
		snprintf(eq, sizeof(eq), "%s / %s / %s", w->interface, w->driver, w->chipset);
		table_row(r, (const char *const[]){ when, w->mode, w->operator_name, eq, w->note },
			  (int)i);
	}
	table_end(r);
}

static void summary_cells(const struct rep *r, const struct hm_area_stats *st, double worst,
			  bool no_signal, const char *floor, char cells[][64], int *n)
{
	int k = 0;

	snprintf(cells[k++], 64, "%s", st->name);
	snprintf(cells[k++], 64, "%s", floor);
	snprintf(cells[k++], 64, "%.0f", st->area_m2);
	snprintf(cells[k++], 64, "%.0f (%.0f%%)", st->surveyed_m2, pct(st->surveyed_m2, st->area_m2));
	fmt_pct(cells[k++], 64, pct(st->pass_m2, st->surveyed_m2));
	for (int q = 0; q < r->prof.nrules; q++)
		if (r->rule_used[q])
			fmt_pct(cells[k++], 64, pct(st->rule_pass_m2[q], st->rule_measured_m2[q]));
	snprintf(cells[k++], 64, "%zu / %.1f", st->notspots, st->notspot_m2);
	fmt_value(cells[k++], 64, worst, no_signal, r->prof.rules[0].metric);
	*n = k;
}

static void page_summary(struct rep *r)
{
	struct col cols[HM_MAX_RULES + 8];
	char head[HM_MAX_RULES + 8][208], cells[HM_MAX_RULES + 8][64];
	const char *hp[HM_MAX_RULES + 8], *cp[HM_MAX_RULES + 8];
	int n = 0, nrules = 0, row = 0;
	double rest;
	char unmeasured[512] = "", rb[96];

	page_begin(r, true);
	heading(r, "Summary by ward", 16);
	paraf(r, "Judged against the %s profile. \"Surveyed\" is the ward's area within %.0f m of a "
		 "sample and not cut off from it by walls; every percentage below is a share of the "
		 "surveyed area. \"Passing\" means every rule of the profile that could be judged "
		 "there is met. A not-spot is a connected failing area of at least %.0f m². "
		 "Worst: the lowest %s over the surveyed area.",
	      r->prof.name, r->o->reach_m > 0 ? r->o->reach_m : 5, 1.0,
	      hm_metric_info(r->prof.rules[0].metric)->label);
	for (int q = 0; q < r->prof.nrules; q++)
		nrules += r->rule_used[q];
	rest = 1.0 - (0.13 + 0.07 + 0.06 + 0.09 + 0.07 + 0.09 + 0.07);
	cols[n] = (struct col){ 0.13, 0 };
	snprintf(head[n++], 208, "Ward");
	cols[n] = (struct col){ 0.07, 0 };
	snprintf(head[n++], 208, "Floor");
	cols[n] = (struct col){ 0.06, T_RIGHT };
	snprintf(head[n++], 208, "Area m²");
	cols[n] = (struct col){ 0.09, T_RIGHT };
	snprintf(head[n++], 208, "Surveyed m²");
	cols[n] = (struct col){ 0.07, T_RIGHT };
	snprintf(head[n++], 208, "Passing all");
	for (int q = 0; q < r->prof.nrules; q++) {
		if (r->rule_used[q]) {
			const char *key = hm_metric_info(r->prof.rules[q].metric)->key;

			cols[n] = (struct col){ rest / (nrules ? nrules : 1), T_RIGHT };
			rule_text(&r->prof.rules[q], rb, sizeof(rb));
			snprintf(head[n++], 208, "%s\n%s", key, rule_threshold(rb, key));
		} else {
			size_t l = strlen(unmeasured);

			snprintf(unmeasured + l, sizeof(unmeasured) - l, "%s%s", l ? "; " : "",
				 rule_text(&r->prof.rules[q], rb, sizeof(rb)));
		}
	}
	if (nrules == 0)
		cols[n - 1].w += rest;
	cols[n] = (struct col){ 0.09, T_RIGHT };
	snprintf(head[n++], 208, "Not-spots n / m²");
	cols[n] = (struct col){ 0.07, T_RIGHT };
	snprintf(head[n++], 208, "Worst");
	for (int i = 0; i < n; i++)
		hp[i] = head[i];
	table_begin(r, cols, n, hp);
	for (size_t i = 0; i < r->nfloors; i++) {
		struct floor_data *f = &r->floors[i];

		for (size_t k = 0; k <= f->nwards; k++) {
			int nc;

			if (k < f->nwards)
				summary_cells(r, &f->wards[k].st, f->wards[k].worst, f->wards[k].no_signal,
					      f->fp->name, cells, &nc);
			else
				summary_cells(r, &f->st, f->worst, f->no_signal, f->fp->name, cells, &nc);
			for (int j = 0; j < nc; j++)
				cp[j] = cells[j];
			if (row > 0 && row % SUMMARY_ROWS_PER_PAGE == 0)
				r->y = bottom(r) + 1; /* forces the break with the header */
			table_row(r, cp, row++);
		}
	}
	table_end(r);
	if (unmeasured[0])
		paraf(r, "Not measured in this survey, so not judged anywhere (no samples of that "
			 "kind were taken): %s. A later survey with throughput and latency tests is "
			 "needed to show these.",
		      unmeasured);
	para(r, "n/m: not measured. \"whole floor\" rows cover every ward of the floor, "
		"including wards left out of the per-ward pages. A not-spot that straddles a ward "
		"boundary is one not-spot in the whole-floor row and a part in each ward's row, so "
		"the ward rows can add up to more not-spots than the floor has.");
	r->y += 4;
	heading(r, "Largest not-spot in each ward", 11);
	for (size_t i = 0; i < r->nfloors; i++) {
		for (size_t k = 0; k < r->floors[i].nwards; k++) {
			const struct ward_data *wd = &r->floors[i].wards[k];
			const struct hm_notspot *big = NULL;
			char w[64];

			for (size_t j = 0; j < wd->map.notspots.n && !big; j++)
				if (strcmp(wd->map.notspots.v[j].ward, wd->w->name) == 0)
					big = &wd->map.notspots.v[j];
			if (wd->st.surveyed_m2 <= 0) {
				paraf(r, "%s: not surveyed.", wd->w->name);
				continue;
			}
			if (!big) {
				paraf(r, "%s: no not-spot; %.0f%% of the surveyed area passes.", wd->w->name,
				      pct(wd->st.pass_m2, wd->st.surveyed_m2));
				continue;
			}
			fmt_value(w, sizeof(w), big->worst,
				  isnan(big->worst) && hm_metric_info(r->prof.rules[0].metric)->absent_fails,
				  r->prof.rules[0].metric);
			paraf(r, "%s: %.1f m² centred at (%.1f, %.1f) m, worst %s %s; %.0f%% of the "
				 "surveyed area passes.",
			      wd->w->name, big->area_m2, big->centroid.x, big->centroid.y,
			      hm_metric_info(r->prof.rules[0].metric)->key, w,
			      pct(wd->st.pass_m2, wd->st.surveyed_m2));
		}
	}
}

static const char *metric_caption(enum hm_metric m)
{
	switch (m) {
	case HM_M_PRIMARY:
		return "the strongest access point a device could use at each place";
	case HM_M_SECONDARY:
		return "the second strongest physical access point on the same SSID: where a "
		       "device can roam to, or fall back on, when the first is busy or lost";
	case HM_M_SNR:
		return "the primary signal above the noise on its channel";
	case HM_M_COCHANNEL:
		return "the strongest other access point on the primary's channel, relative to the "
		       "primary: closer to 0 dB means more interference";
	case HM_M_APS:
		return "how many physical access points are heard at the counting level";
	case HM_M_RTT:
		return "measured round-trip time";
	default:
		return "";
	}
}

static void draw_map(struct rep *r, const struct hm_map *m, const struct floor_data *f, int metric,
		     double w, double u, double maxh, bool path)
{
	struct hm_render_opts ro;
	double h = hm_render_height(m, w, u), k;

	/*
	 * A tall ward laid out across the full width would be too high: narrow
	 * the layout (the type keeps its size) so the map fits, and only scale
	 * down what still does not (the legend's own minimum height).
	 */
	if (h > maxh) {
		double gw = m->grid.nx * m->grid.cell_m, gh = m->grid.ny * m->grid.cell_m;
		double titleh = (m->opts.predict ? 116 : 96) * u;
		double mh = maxh - 2 * 24 * u - titleh - 40 * u;
		double nw = mh * gw / gh + 330 * u + 3 * 24 * u;

		if (mh > 0 && nw < w && nw > 400 * u) {
			w = nw;
			h = hm_render_height(m, w, u);
		}
	}
	k = h > maxh ? maxh / h : 1;

	if (!r->dry) {
		hm_render_opts_default(&ro);
		ro.metric = metric;
		ro.set = &f->set;
		ro.show_aps = true;
		ro.show_path = path;
		ro.drawing = f->drawing.surface;
		ro.site = r->meta.site;
		ro.floor = f->fp->name;
		ro.band = r->o->band >= 0 ? hm_band_name(r->o->band) : NULL;
		ro.surveyor = r->meta.surveyor;
		cairo_save(r->cr);
		cairo_translate(r->cr, MARGIN + (body_w(r) - w * k) / 2, r->y);
		cairo_scale(r->cr, k, k);
		hm_render_draw(r->cr, m, &ro, w, u);
		cairo_restore(r->cr);
		cairo_set_source_rgb(r->cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(r->cr, 0.5);
		cairo_rectangle(r->cr, MARGIN + (body_w(r) - w * k) / 2, r->y, w * k, h * k);
		cairo_stroke(r->cr);
	}
	r->y += h * k + 8;
}

static void page_floor(struct rep *r, struct floor_data *f)
{
	char buf[256];

	page_begin(r, true);
	snprintf(buf, sizeof(buf), "%s — overview: where the %s profile passes and fails", f->fp->name,
		 r->prof.name);
	heading(r, buf, 13);
	draw_map(r, &f->map, f, -1, body_w(r), 0.62, bottom(r) - r->y - 30, true);
	paraf(r, "The whole floor, judged cell by cell (%.2f m cells). The line is the walked path. "
		 "Numbers mark the not-spots of the whole floor, largest first; each ward's page "
		 "numbers its own.",
	      f->map.grid.cell_m);
}

/* The nearest access point to @p by its estimated (fitted) position: name and distance. */
static void nearest_ap(const struct hm_map *m, const struct hm_set *set, struct fp_point p,
		       char *buf, size_t len)
{
	double best = INFINITY;
	size_t bi = 0;

	for (size_t k = 0; k < m->nradios && k < set->nradios; k++) {
		double d;

		if (!m->used || !m->used[k] || !m->fits || m->fits[k].nbins <= 0)
			continue;
		d = hypot(m->fits[k].x - p.x, m->fits[k].y - p.y);
		if (d < best) {
			best = d;
			bi = k;
		}
	}
	if (isinf(best))
		snprintf(buf, len, "(none estimated)");
	else
		snprintf(buf, len, "%s (%.0f m)", set->phys[set->radios[bi].phys].name, best);
}

/* The worst value of @metric over the cells of not-spot @k of @m; *no_signal when none served somewhere. */
static double notspot_worst(const struct hm_map *m, size_t k, enum hm_metric metric, bool *no_signal)
{
	const struct hm_metric_info *mi = hm_metric_info(metric);
	size_t nc = hm_grid_ncells(&m->grid);
	double worst = NAN;

	*no_signal = false;
	if (!m->m[metric] || !m->notspots.label)
		return NAN;
	for (size_t c = 0; c < nc; c++) {
		float v;

		if (m->notspots.label[c] != (int32_t)k)
			continue;
		v = m->m[metric][c];
		if (isnan(v)) {
			*no_signal |= mi->absent_fails;
			continue;
		}
		if (isnan(worst) || (mi->higher_better ? v < worst : v > worst))
			worst = v;
	}
	return worst;
}

static void page_ward(struct rep *r, struct floor_data *f, struct ward_data *wd)
{
	const struct hm_profile *p = &r->prof;
	const struct hm_area_stats *st = &wd->st;
	static const struct col rc[] = { { 0.40, 0 }, { 0.20, T_RIGHT }, { 0.20, T_RIGHT }, { 0.20, T_RIGHT } };
	static const struct col nc[] = { { 0.04, T_RIGHT }, { 0.17, 0 }, { 0.08, T_RIGHT },
					 { 0.15, T_RIGHT }, { 0.32, 0 }, { 0.24, 0 } };
	char buf[512], a[64], b[64], c[64], d[96], w[96];
	const struct hm_notspots *ns = &wd->map.notspots;
	size_t shown = 0;

	page_begin(r, false);
	snprintf(buf, sizeof(buf), "%s — %s", wd->w->name, f->fp->name);
	heading(r, buf, 16);
	fmt_value(w, sizeof(w), wd->worst, wd->no_signal, p->rules[0].metric);
	if (st->surveyed_m2 <= 0) {
		paraf(r, "NOT SURVEYED. No sample was taken within %.0f m of any part of this ward "
			 "(%.0f m²), so nothing is known about its coverage. It is neither passing nor "
			 "failing.",
		      r->o->reach_m > 0 ? r->o->reach_m : 5, st->area_m2);
	} else {
		paraf(r, "%s %.0f m² of %.0f m² (%.0f%%). %.0f%% of the surveyed area meets "
			 "every rule of the %s profile; %zu not-spot%s cover%s %.1f m². Worst %s: %s.",
		      r->o->predict ? "Surveyed or PREDICTED:" : "Surveyed", st->surveyed_m2, st->area_m2, pct(st->surveyed_m2, st->area_m2),
		      pct(st->pass_m2, st->surveyed_m2), p->name, st->notspots,
		      st->notspots == 1 ? "" : "s", st->notspots == 1 ? "s" : "", st->notspot_m2,
		      hm_metric_info(p->rules[0].metric)->label, w);
		table_begin(r, rc, 4, (const char *const[]){ "Rule", "Judged over m²", "Passing m²",
							    "Passing" });
		for (int q = 0; q < p->nrules; q++) {
			rule_text(&p->rules[q], d, sizeof(d));
			if (st->rule_measured_m2[q] > 0) {
				snprintf(a, sizeof(a), "%.0f", st->rule_measured_m2[q]);
				snprintf(b, sizeof(b), "%.0f", st->rule_pass_m2[q]);
			} else {
				snprintf(a, sizeof(a), "not measured");
				snprintf(b, sizeof(b), "—");
			}
			fmt_pct(c, sizeof(c), pct(st->rule_pass_m2[q], st->rule_measured_m2[q]));
			table_row(r, (const char *const[]){ d, a, b, c }, q);
		}
		table_end(r);
		draw_map(r, &wd->map, f, -1, body_w(r), 0.42, 330, false);
	}
	heading(r, "Not-spots", 12);
	for (size_t k = 0; k < ns->n; k++)
		shown += strcmp(ns->v[k].ward, wd->w->name) == 0;
	if (shown == 0) {
		para(r, st->surveyed_m2 > 0 ? "None: no connected failing area of 1 m² or more in the "
					      "surveyed part of this ward."
					    : "None listed: the ward was not surveyed.");
		return;
	}
	table_begin(r, nc, 6, (const char *const[]){ "#", "Ward, centre (x, y) m", "Area m²",
						    "Worst value", "Fails", "Nearest AP (estimated place)" });
	shown = 0;
	for (size_t k = 0; k < ns->n; k++) {
		const struct hm_notspot *s = &ns->v[k];
		char num[24], at[112], area[32], fails[256] = "", ap[96], rb[96];

		if (strcmp(s->ward, wd->w->name) != 0)
			continue;
		snprintf(num, sizeof(num), "%zu", k + 1);
		snprintf(at, sizeof(at), "%s (%.1f, %.1f)", s->ward, s->centroid.x, s->centroid.y);
		snprintf(area, sizeof(area), "%.1f", s->area_m2);
		/* The worst value of the first rule it fails, named: "secondary −72 dBm". */
		{
			int q0 = 0;
			bool none;
			double v;
			char val[48];

			while (q0 < p->nrules && !(s->rules & (1u << q0)))
				q0++;
			if (q0 == p->nrules)
				q0 = 0;
			v = notspot_worst(&wd->map, k, p->rules[q0].metric, &none);
			fmt_value(val, sizeof(val), v, none, p->rules[q0].metric);
			snprintf(w, sizeof(w), "%s %s", hm_metric_info(p->rules[q0].metric)->key, val);
		}
		for (int q = 0; q < p->nrules; q++) {
			size_t l = strlen(fails);

			if (s->rules & (1u << q))
				snprintf(fails + l, sizeof(fails) - l, "%s%s", l ? "; " : "",
					 rule_text(&p->rules[q], rb, sizeof(rb)));
		}
		nearest_ap(&wd->map, &f->set, s->centroid, ap, sizeof(ap));
		table_row(r, (const char *const[]){ num, at, area, w, fails, ap }, (int)shown++);
	}
	table_end(r);
	para(r, "Numbers as on the pass/fail map above. Positions are metres from the floor's "
		"origin (top-left of the plan). Nearest AP: the access point whose place the "
		"estimate fitted closest (by the name it broadcasts), with the distance.");
}

static void page_ward_map(struct rep *r, struct floor_data *f, struct ward_data *wd,
			  enum hm_metric m)
{
	const struct hm_metric_info *mi = hm_metric_info(m);
	char buf[512], rules[256] = "", rb[96];

	for (int q = 0; q < r->prof.nrules; q++) {
		size_t l = strlen(rules);

		if (r->prof.rules[q].metric == m)
			snprintf(rules + l, sizeof(rules) - l, "%s%s", l ? "; " : "",
				 rule_text(&r->prof.rules[q], rb, sizeof(rb)));
	}
	page_begin(r, true);
	snprintf(buf, sizeof(buf), "%s — %s (%s)", wd->w->name, mi->label, mi->unit);
	heading(r, buf, 13);
	draw_map(r, &wd->map, f, (int)m, body_w(r), 0.62, bottom(r) - r->y - 30,
		 m == HM_M_PRIMARY);
	if (rules[0])
		paraf(r, "%s: %s. Outlined and hatched: where it fails %s. Grey hatching: not "
			 "surveyed.",
		      mi->label, metric_caption(m), rules);
	else
		paraf(r, "%s: %s. Shown for context (no rule of the %s profile judges it). Grey "
			 "hatching: not surveyed.",
		      mi->label, metric_caption(m), r->prof.name);
}

static void page_method(struct rep *r)
{
	const struct hm_profile *p = &r->prof;
	static const struct col c[] = { { 0.34, 0 }, { 0.18, 0 }, { 0.48, 0 } };
	char rb[96];
	size_t nsim = 0;
	double reach = r->o->reach_m > 0 ? r->o->reach_m : 5;
	struct hm_est_opts eo;

	hm_est_opts_default(&eo);
	for (size_t i = 0; i < r->nwalks; i++)
		nsim += survey_walk_is_simulated(&r->walks[i]);
	page_begin(r, false);
	heading(r, "Method", 16);
	heading(r, "How it was measured", 11);
	para(r, "An engineer walked each ward with a Linux laptop running notspot, tapping their "
		"position on the floorplan. Every scan (all channels, about every 2.5 s) records each "
		"access point heard: its BSSID, SSID, channel, signal in dBm and advertised channel "
		"load; the laptop's own link is polled five times a second. Stop-and-go walks stand at "
		"each tap until a full scan completes; continuous walks place the samples between two "
		"taps by time along the straight line between them. Failed scans and lost "
		"associations are stored as data at the place they happened. Cached scan results "
		"older than 3 s are left out because they were heard elsewhere.");
	if (nsim)
		paraf(r, "Simulated data: %zu of the %zu walks in this survey were simulated "
			 "(recorded by driver \"" SURVEY_SIM_DRIVER "\"). They were made by notspot's propagation model (log-distance path "
			 "loss with the floor's wall losses and correlated shadowing) following the same "
			 "recording path as a real walk. Every page of this report is marked SIMULATED "
			 "DATA because of them.",
		      nsim, r->nwalks);
	heading(r, "How the maps were estimated", 11);
	paraf(r, "Each access point radio is estimated on its own (never the maximum of the readings): "
		 "its position and path loss are fitted to the samples taking the floor's walls and "
		 "their materials into account, the model is evaluated on a %.2f m grid, and the "
		 "difference between model and samples is interpolated near the samples. Primary "
		 "signal is then the strongest radio at each cell, secondary the strongest other "
		 "physical access point on the same SSID, SNR the primary minus the noise the radio "
		 "reported on that channel, and co-channel interference the strongest other access "
		 "point on the primary's channel relative to the primary. BSSIDs that differ only in "
		 "the last digit of the MAC on one channel are one radio; radios broadcasting the same "
		 "AP name are one physical access point.",
	      r->o->cell_m > 0 ? r->o->cell_m : HM_CELL_DEFAULT_M);
	heading(r, "What \"not surveyed\" means", 11);
	paraf(r, "A cell is not surveyed when no sample was taken within %.0f m of it, or when every "
		 "sample that near is separated from it by more than %.0f dB of walls (a side room "
		 "behind a lead-lined or concrete wall is not vouched for by a corridor reading). "
		 "Not-surveyed cells are drawn grey and hatched, are never coloured as passing, and "
		 "are left out of every percentage: they are unknown, not covered.%s",
	      reach, eo.block_db,
	      r->o->predict ? " In this report prediction was asked for: cells beyond the reach "
			      "are judged by the model's estimate and the maps say PREDICTED."
			    : "");
	heading(r, "Requirements and their sources", 11);
	paraf(r, "Profile %s: %s. Each cell passes when every rule that could be judged there is "
		 "met; a rule on a quantity that was not measured (for example loss or jitter "
		 "without throughput tests) is reported as not measured, neither pass nor fail. No "
		 "signal at all fails the signal rules.",
	      p->name, p->description);
	table_begin(r, c, 3, (const char *const[]){ "Rule", "Threshold", "Source" });
	for (int q = 0; q < p->nrules; q++) {
		const struct hm_metric_info *mi = hm_metric_info(p->rules[q].metric);
		char th[128];

		rule_text(&p->rules[q], rb, sizeof(rb));
		snprintf(th, sizeof(th), "%s", rule_threshold(rb, mi->key));
		table_row(r, (const char *const[]){ mi->label, th, q == 0 ? p->source : "as above" },
			  q);
	}
	table_end(r);
	para(r, "Thresholds are the defaults gathered in notspot's DOMAIN.md from NHS England's "
		"Connectivity Hub (Wi-Fi metrics and measures), Cisco and Zebra voice deployment "
		"guides, the Vocera infrastructure guide, patient-monitor vendors' acceptance tests "
		"and the Cisco location services design guide. Every threshold can be changed; this "
		"report names the numbers it was judged by.");
	heading(r, "Not-spots and areas", 11);
	para(r, "A not-spot is a connected set of failing cells (sharing an edge) of at least 1 m²; "
		"smaller specks are more likely estimation noise than a place. Its area is its cell "
		"count times the cell area, its centre the mean of its cells, its ward the ward "
		"holding most of it. Areas of wards are counted on the grid, so they can differ from "
		"the drawn polygon by a fraction of a cell along the edges.");
	heading(r, "Accuracy", 11);
	para(r, "Estimated maps are about 2–3 dB from the truth near the walked path and less "
		"certain away from it (DOMAIN.md, Propagation). A margin of a few dB around a "
		"threshold should therefore be read as uncertain; rooms that matter should be walked.");
}

struct ap_row {
	char name[64];
	char bssids[512], ssids[256], channels[96];
	double best;
	size_t readings;
};

static int cmp_ap_row(const void *a, const void *b)
{
	return strcmp(((const struct ap_row *)a)->name, ((const struct ap_row *)b)->name);
}

static void append_unique(char *buf, size_t len, const char *item)
{
	size_t l = strlen(buf), n = strlen(item);
	const char *p = buf;

	while ((p = strstr(p, item))) {
		if ((p == buf || (p - buf >= 2 && p[-2] == ',')) && (p[n] == 0 || p[n] == ','))
			return;
		p += n;
	}
	snprintf(buf + l, len - l, "%s%s", l ? ", " : "", item);
}

static void page_appendix(struct rep *r)
{
	static const struct col c[] = { { 0.17, 0 }, { 0.35, 0 }, { 0.27, 0 }, { 0.09, 0 },
					{ 0.12, T_RIGHT } };
	int row = 0;

	page_begin(r, false);
	heading(r, "Appendix: access points heard", 16);
	para(r, "Every physical access point heard on the reported floors, by the name it "
		"broadcasts (or its MAC with the last digit open when it sends none), with each "
		"BSSID, SSID and channel, and the strongest fresh reading taken.");
	for (size_t i = 0; i < r->nfloors; i++) {
		const struct hm_set *set = &r->floors[i].set;
		struct ap_row *rows = calloc(set->nphys ? set->nphys : 1, sizeof(*rows));
		char buf[128];

		if (!rows)
			continue;
		for (size_t k = 0; k < set->nphys; k++) {
			snprintf(rows[k].name, sizeof(rows[k].name), "%s", set->phys[k].name);
			rows[k].best = -INFINITY;
		}
		for (size_t b = 0; b < set->nbss; b++) {
			const struct hm_bss *bs = &set->bss[b];
			struct ap_row *ar = &rows[set->radios[bs->radio].phys];
			char mac[24], ch[16];

			snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", bs->bssid[0],
				 bs->bssid[1], bs->bssid[2], bs->bssid[3], bs->bssid[4], bs->bssid[5]);
			append_unique(ar->bssids, sizeof(ar->bssids), mac);
			append_unique(ar->ssids, sizeof(ar->ssids), bs->hidden || !bs->ssid[0]
									 ? "(hidden)"
									 : bs->ssid);
			snprintf(ch, sizeof(ch), "%d", bs->channel);
			append_unique(ar->channels, sizeof(ar->channels), ch);
			for (size_t q = 0; q < bs->sig.n; q++)
				ar->best = fmax(ar->best, bs->sig.p[q].v);
			ar->readings += bs->sig.n;
		}
		qsort(rows, set->nphys, sizeof(*rows), cmp_ap_row);
		snprintf(buf, sizeof(buf), "%s: %zu access points, %zu BSSIDs", r->floors[i].fp->name,
			 set->nphys, set->nbss);
		heading(r, buf, 11);
		table_begin(r, c, 5, (const char *const[]){ "Name", "BSSIDs", "SSIDs", "Channels",
							   "Strongest" });
		for (size_t k = 0; k < set->nphys; k++) {
			char best[32];

			fmt_value(best, sizeof(best), isinf(rows[k].best) ? NAN : rows[k].best, false,
				  HM_M_PRIMARY);
			table_row(r, (const char *const[]){ rows[k].name, rows[k].bssids, rows[k].ssids,
							    rows[k].channels, best },
				  row++);
		}
		table_end(r);
		free(rows);
	}
}

static void lay_out(struct rep *r)
{
	r->page = 0;
	page_cover(r);
	page_walks(r);
	page_summary(r);
	for (size_t i = 0; i < r->nfloors; i++) {
		struct floor_data *f = &r->floors[i];

		page_floor(r, f);
		for (size_t k = 0; k < f->nwards; k++) {
			page_ward(r, f, &f->wards[k]);
			if (f->wards[k].st.surveyed_m2 > 0)
				for (size_t j = 0; j < f->wards[k].nmaps; j++)
					page_ward_map(r, f, &f->wards[k], f->wards[k].maps[j]);
		}
	}
	page_method(r);
	page_appendix(r);
	cairo_show_page(r->cr);
}

/* ---- the entry points --------------------------------------------------------------- */

static int check_wards(struct rep *r, struct ns_err *err)
{
	for (size_t i = 0; i < r->o->nwards; i++) {
		bool found = false;

		for (size_t f = 0; f < r->nfloors && !found; f++)
			found = floorplan_find_ward(r->floors[f].fp, r->o->wards[i]) != NULL;
		if (!found)
			return ns_err_set(err, -ENOENT, "no reported floor has a ward called '%s'",
					  r->o->wards[i]);
	}
	return 0;
}

/* The counting pass's PDF goes nowhere: same font metrics as the real one. */
static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

int hm_report_write(struct survey *s, const char *survey_name, const struct hm_report_opts *o,
		    const char *path, struct hm_report_info *info, struct ns_err *err)
{
	struct survey_floor_info *fl = NULL;
	struct rep r = { .o = o, .survey_name = survey_name };
	cairo_surface_t *scratch = NULL;
	cairo_status_t st;
	struct ns_outfile of;
	bool have;
	size_t nfl = 0;
	int rc;

	if ((rc = hm_profile_choose(o->profile, o->profile_file, &r.prof, &have, err)))
		return rc;
	if (!have || r.prof.nrules == 0)
		return ns_err_set(err, -EINVAL, "a report needs a requirement profile to judge by");
	if ((rc = survey_get_meta(s, &r.meta, err)) ||
	    (rc = survey_list_walks(s, 0, &r.walks, &r.nwalks, err)) ||
	    (rc = survey_list_floors(s, &fl, &nfl, err)))
		goto out;
	if (nfl == 0) {
		rc = ns_err_set(err, -ENOENT, "the survey has no floors");
		goto out;
	}
	r.floors = calloc(nfl, sizeof(*r.floors));
	if (!r.floors) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nfl; i++) {
		if (o->floor && strcmp(o->floor, fl[i].name) != 0)
			continue;
		if ((rc = gather_floor(&r, s, fl[i].name, &r.floors[r.nfloors++], err)))
			goto out;
	}
	if (r.nfloors == 0) {
		rc = ns_err_set(err, -ENOENT, "the survey has no floor called '%s'", o->floor);
		goto out;
	}
	if ((rc = check_wards(&r, err)))
		goto out;
	for (size_t i = 0; i < r.nwalks; i++)
		r.simulated |= survey_walk_is_simulated(&r.walks[i]);
	day_of(o->date_us ? o->date_us : ns_wall_us(), r.date, sizeof(r.date));

	/* Pass 1: count the pages. */
	scratch = cairo_pdf_surface_create_for_stream(discard, NULL, A4_W, A4_H);
	r.surf = scratch;
	r.cr = cairo_create(scratch);
	r.dry = true;
	lay_out(&r);
	r.pages = r.page;
	cairo_destroy(r.cr);
	cairo_surface_destroy(scratch);

	/* Pass 2: the PDF, through a temporary file. */
	if ((rc = ns_outfile_begin(&of, path, err)))
		goto out;
	r.surf = cairo_pdf_surface_create(of.name, A4_W, A4_H);
	if ((st = cairo_surface_status(r.surf))) {
		cairo_surface_destroy(r.surf);
		ns_outfile_abort(&of);
		rc = ns_err_set(err, -EIO, "cannot write %s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	{
		char title[256];

		snprintf(title, sizeof(title), "Wi-Fi coverage evidence report — %s",
			 r.meta.site[0] ? r.meta.site : survey_name);
		cairo_pdf_surface_set_metadata(r.surf, CAIRO_PDF_METADATA_TITLE, title);
		cairo_pdf_surface_set_metadata(r.surf, CAIRO_PDF_METADATA_CREATOR,
					       "notspot " NOTSPOT_VERSION);
		snprintf(title, sizeof(title), "profile %s%s", r.prof.name,
			 r.simulated ? "; SIMULATED DATA" : "");
		cairo_pdf_surface_set_metadata(r.surf, CAIRO_PDF_METADATA_SUBJECT, title);
	}
	r.cr = cairo_create(r.surf);
	r.dry = false;
	lay_out(&r);
	st = cairo_status(r.cr);
	cairo_destroy(r.cr);
	cairo_surface_finish(r.surf);
	if (!st)
		st = cairo_surface_status(r.surf);
	cairo_surface_destroy(r.surf);
	if (st) {
		ns_outfile_abort(&of);
		rc = ns_err_set(err, -EIO, "cannot write %s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	if (r.page != r.pages) { /* both passes run the same layout: a bug if not */
		ns_outfile_abort(&of);
		rc = ns_err_set(err, -EPROTO, "the report's layout changed between passes (%d, then %d pages)", r.pages, r.page);
		goto out;
	}
	if ((rc = ns_outfile_commit(&of, err)))
		goto out;
	if (info) {
		memset(info, 0, sizeof(*info));
		info->pages = r.pages;
		info->floors = r.nfloors;
		info->simulated = r.simulated;
		for (size_t i = 0; i < r.nfloors; i++) {
			info->wards += r.floors[i].nwards;
			for (size_t k = 0; k < r.floors[i].nwards; k++)
				info->notspots += r.floors[i].wards[k].st.notspots;
		}
	}
	rc = 0;
out:
	free(fl);
	release(&r);
	return rc;
}

int hm_report_write_path(const char *survey_path, const struct hm_report_opts *o, const char *path,
			 struct hm_report_info *info, struct ns_err *err)
{
	struct survey *s = NULL;
	const char *name = strrchr(survey_path, '/');
	int rc;

	if ((rc = survey_open(survey_path, SURVEY_READ_ONLY, &s, err)))
		return rc;
	rc = hm_report_write(s, name ? name + 1 : survey_path, o, path, info, err);
	survey_close(s);
	return rc;
}
