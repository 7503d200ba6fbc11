/*
 * render.c — see render.h: the provenance, the page's layout and the
 * output (PNG through libpng, PDF, SVG). The map's layers are in
 * render_map.c, the title and legend in render_legend.c.
 */
#include "heatmap/render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "floorplans/outsurface.h"
#include "heatmap/render_priv.h"
#include "util/clock.h"
#include "util/outfile.h"
#include "util/textcheck.h"
#include "util/version.h"

int hm_format_of_path(const char *path)
{
	size_t n = strlen(path);

	if (n >= 4 && strcasecmp(path + n - 4, ".png") == 0)
		return HM_FMT_PNG;
	if (n >= 4 && strcasecmp(path + n - 4, ".pdf") == 0)
		return HM_FMT_PDF;
	if (n >= 4 && strcasecmp(path + n - 4, ".svg") == 0)
		return HM_FMT_SVG;
	return -EINVAL;
}

void hm_render_opts_default(struct hm_render_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->metric = HM_M_PRIMARY;
	o->width_px = 2000;
}

/* ---- provenance ------------------------------------------------------------- */

static void day(int64_t us, char *buf, size_t len)
{
	char t[32];

	ns_format_utc(us, t, sizeof(t));
	snprintf(buf, len, "%.10s", t);
}

static const char *metric_key(int metric)
{
	return metric < 0 ? "pass" : hm_metric_info(metric)->key;
}

const char *hmr_metric_label(int metric)
{
	return metric < 0 ? "Pass / fail" : hm_metric_info(metric)->label;
}

void hmr_survey_dates(const struct hm_map *m, char *buf, size_t len)
{
	char a[16], b[16];

	if (!m->first_us) {
		snprintf(buf, len, "undated");
		return;
	}
	day(m->first_us, a, sizeof(a));
	day(m->last_us, b, sizeof(b));
	if (strcmp(a, b) == 0)
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%s to %s", a, b);
}

void hm_render_describe(const struct hm_map *m, const struct hm_render_opts *o, char *buf,
			size_t len)
{
	char dates[48];

	hmr_survey_dates(m, dates, sizeof(dates));
	snprintf(buf, len,
		 "site: %s\nfloor: %s\nward: %s\nmetric: %s\nssid: %s\nband: %s\nprofile: %s\n"
		 "surveyed: %s\nsamples: %zu\nmethod: %s%s\ncell: %g m\nreach: %g m\n"
		 "software: notspot %s\n%s",
		 o->site && *o->site ? o->site : "(unnamed site)",
		 o->floor && *o->floor ? o->floor : m->fp->name,
		 m->ward ? m->ward->name : "(whole floor)", metric_key(o->metric),
		 m->opts.ssid ? m->opts.ssid : "(all)", o->band && *o->band ? o->band : "(all)",
		 m->has_profile ? m->profile.name : "(none)", dates, m->nsamples,
		 hm_method_name(m->opts.method), m->opts.predict ? " (predicted beyond the reach)" : "",
		 m->grid.cell_m, m->opts.est.reach_m, NOTSPOT_VERSION,
		 o->simulated ? "data: SIMULATED by notspot's propagation model, not measurements\n" : "");
	if (o->set && o->set->nbadpos) {
		size_t at = strlen(buf);

		snprintf(buf + at, len - at, "skipped: %zu samples whose position is not a number\n",
			 o->set->nbadpos);
	}
}

/* The whole picture: title, map, scale bar and legend. */
static void draw(struct ctx *c, double W, double margin, double legw)
{
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_paint(c->cr);
	hmr_draw_title(c, margin, margin, W - 2 * margin);
	hmr_draw_map(c);
	hmr_draw_scale_bar(c, c->v.mx, c->v.my + c->v.mh + 10 * c->u);
	hmr_draw_legend(c, c->v.mx + c->v.mw + margin, c->v.my, legw);
}

/* ---- output -------------------------------------------------------------------- */

static int cairo_err(struct ns_err *err, cairo_status_t st, const char *path)
{
	return ns_err_set(err, -EIO, "cannot draw %s: %s", path, cairo_status_to_string(st));
}

struct png_err {
	char msg[200];
};

static void png_error_cb(png_structp png, png_const_charp msg)
{
	struct png_err *pe = png_get_error_ptr(png);

	snprintf(pe->msg, sizeof(pe->msg), "%s", msg);
	png_longjmp(png, 1);
}

static void png_warn_cb(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* libpng's bytes go through the outfile, which keeps the errno of a failed write. */
static void png_write_cb(png_structp png, png_bytep data, png_size_t len)
{
	if (ns_outfile_write(png_get_io_ptr(png), data, len))
		png_error(png, "write error");
}

/* The provenance in iTXt chunks: Title, Software, Description (@desc), Source. libpng copies them. */
static void png_provenance(png_structp png, png_infop info, const char *desc,
			   const struct hm_map *m, const struct hm_render_opts *o)
{
	char title[300], software[64];
	const char *const keys[4] = { "Title", "Software", "Description", "Source" };
	const char *const texts[4] = { title, software, desc,
				       o->site && *o->site ? o->site : "notspot survey" };
	png_text t[4];

	snprintf(title, sizeof(title), "%s: %s, %s%s%s", hmr_metric_label(o->metric),
		 o->site && *o->site ? o->site : "notspot map", m->fp->name, m->ward ? ", " : "",
		 m->ward ? m->ward->name : "");
	snprintf(software, sizeof(software), "notspot %s", NOTSPOT_VERSION);
	char *valid[4];

	memset(t, 0, sizeof(t));
	for (int k = 0; k < 4; k++) {
		/* iTXt is UTF-8: a name from a mailed survey may not be. libpng copies the text. */
		valid[k] = ns_utf8_dup_valid(texts[k]);
		t[k].compression = PNG_ITXT_COMPRESSION_NONE;
		t[k].key = (char *)keys[k];
		t[k].text = valid[k] ? valid[k] : "";
		t[k].lang = "";
		t[k].lang_key = "";
	}
	png_set_text(png, info, t, 4);
	for (int k = 0; k < 4; k++)
		free(valid[k]);
}

/* Rows of the RGB24 surface @d (@w × @h, @stride) as 8-bit RGB through @row. */
static void png_rows(png_structp png, const unsigned char *d, int w, int h, int stride,
		     unsigned char *row)
{
	for (int j = 0; j < h; j++) {
		const uint32_t *px = (const uint32_t *)(const void *)(d + (size_t)j * stride);

		for (int i = 0; i < w; i++) {
			row[3 * i] = (unsigned char)(px[i] >> 16);
			row[3 * i + 1] = (unsigned char)(px[i] >> 8);
			row[3 * i + 2] = (unsigned char)px[i];
		}
		png_write_row(png, row);
	}
}

static int write_png(cairo_surface_t *s, const char *path, const char *desc,
		     const struct hm_map *m, const struct hm_render_opts *o, struct ns_err *err)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *d;
	struct png_err pe = { "" };
	png_structp png = NULL;
	png_infop info = NULL;
	unsigned char *row = NULL;
	struct ns_outfile of;
	int rc = 0;

	cairo_surface_flush(s);
	d = cairo_image_surface_get_data(s);
	if ((rc = ns_outfile_open(&of, path, err)))
		return rc;
	row = malloc((size_t)w * 3);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &pe, png_error_cb, png_warn_cb);
	info = png ? png_create_info_struct(png) : NULL;
	if (!row || !png || !info) {
		rc = ns_err_set(err, -ENOMEM, "out of memory writing %s", path);
		goto out;
	}
	if (setjmp(png_jmpbuf(png))) {
		rc = ns_outfile_error(&of, pe.msg, err);
		goto out;
	}
	png_set_write_fn(png, &of, png_write_cb, NULL);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	/* Speed over the last few percent of size: a 4000 px map must write in well under a second. */
	png_set_compression_level(png, 3);
	png_set_filter(png, 0, PNG_FILTER_SUB | PNG_FILTER_UP);
	png_provenance(png, info, desc, m, o);
	png_write_info(png, info);
	png_rows(png, d, w, h, stride, row);
	png_write_end(png, info);
out:
	png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
	free(row);
	if (rc)
		ns_outfile_abort(&of);
	else
		rc = ns_outfile_commit(&of, err);
	return rc;
}

struct layout {
	double u, margin, legw, titleh, mw, s, mh, H;
};

static void lay_out(const struct hm_map *m, double w, double u, struct layout *l)
{
	double gw = m->grid.nx * m->grid.cell_m, gh = m->grid.ny * m->grid.cell_m;

	l->u = u > 0 ? u : w / 1600;
	l->margin = 24 * l->u;
	l->legw = 330 * l->u;
	l->titleh = (m->opts.predict ? 116 : 96) * l->u;
	l->mw = w - l->legw - 3 * l->margin;
	l->s = l->mw / gw;
	l->mh = gh * l->s;
	/* A tall ward: cap the map's height so the page keeps a readable shape. */
	if (l->mh > 1.25 * w) {
		l->mh = 1.25 * w;
		l->s = l->mh / gh;
		l->mw = gw * l->s;
	}
	l->H = l->margin + l->titleh + fmax(l->mh + 40 * l->u, 620 * l->u) + l->margin;
}

/* The map area of layout @l: below the title, metres from the grid's corner. */
static struct hm_view view_of(const struct hm_map *m, const struct layout *l)
{
	return (struct hm_view){ .mx = l->margin, .my = l->margin + l->titleh, .mw = l->mw,
				 .mh = l->mh, .s = l->s, .x0 = m->grid.x0, .y0 = m->grid.y0 };
}

int hm_render_file(const struct hm_map *m, const struct hm_render_opts *o, const char *path,
		   enum hm_format fmt, struct ns_err *err)
{
	double W = fmt == HM_FMT_PNG ? (o->width_px > 200 ? o->width_px : 200) : 1190.55;
	struct layout l;
	cairo_surface_t *surf;
	cairo_status_t st;
	char desc[2048];
	struct ns_outfile of = { 0 };
	struct ctx c;
	double H;
	int rc = 0;

	lay_out(m, W, 0, &l);
	H = l.H;
	/* PNG goes through write_png(); PDF and SVG are streamed by cairo into the outfile. */
	if (fmt != HM_FMT_PNG && (rc = ns_outfile_open(&of, path, err)))
		return rc;
	if (fmt == HM_FMT_PNG)
		surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)W, (int)ceil(H));
	else if (fmt == HM_FMT_PDF)
		surf = fp_outsurface_pdf(&of, W, H);
	else
		surf = fp_outsurface_svg(&of, W, H);
	if ((st = cairo_surface_status(surf))) {
		cairo_surface_destroy(surf);
		rc = fmt == HM_FMT_PNG ? cairo_err(err, st, path) : fp_outsurface_error(&of, st, err);
		ns_outfile_abort(&of);
		return rc;
	}
	hm_render_describe(m, o, desc, sizeof(desc));
	if (fmt == HM_FMT_PDF) {
		char title[256];

		snprintf(title, sizeof(title), "%s — %s%s%s", hmr_metric_label(o->metric), m->fp->name,
			 m->ward ? " — " : "", m->ward ? m->ward->name : "");
		fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
		fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, desc);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
					       "notspot " NOTSPOT_VERSION);
	}
	c = (struct ctx){ .cr = cairo_create(surf), .m = m, .o = o, .u = l.u, .v = view_of(m, &l) };
	draw(&c, W, l.margin, l.legw);
	st = cairo_status(c.cr);
	cairo_destroy(c.cr);
	if (st) {
		cairo_surface_destroy(surf);
		ns_outfile_abort(&of);
		return cairo_err(err, st, path);
	}
	if (fmt == HM_FMT_PNG)
		rc = write_png(surf, path, desc, m, o, err);
	else
		cairo_surface_finish(surf);
	if (!rc && (st = cairo_surface_status(surf)))
		rc = of.write_errno ? fp_outsurface_error(&of, st, err) : cairo_err(err, st, path);
	cairo_surface_destroy(surf);
	if (fmt != HM_FMT_PNG) {
		if (rc)
			ns_outfile_abort(&of);
		else
			rc = ns_outfile_commit(&of, err);
	}
	return rc;
}

/* ---- into a caller's context (reports) --------------------------------------------- */

double hm_render_height(const struct hm_map *m, double w, double u)
{
	struct layout l;

	lay_out(m, w, u, &l);
	return l.H;
}

void hm_render_draw(cairo_t *cr, const struct hm_map *m, const struct hm_render_opts *o, double w,
		    double u)
{
	struct layout l;
	struct ctx c;

	/*
	 * A context in error (the report's disk filled up) draws nothing, but
	 * cairo 1.16 leaks the hatch tiles and patterns made for it: make none.
	 */
	if (cairo_status(cr))
		return;
	lay_out(m, w, u, &l);
	c = (struct ctx){ .cr = cr, .m = m, .o = o, .u = l.u, .v = view_of(m, &l) };
	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, w, l.H);
	cairo_clip(cr);
	draw(&c, w, l.margin, l.legw);
	cairo_restore(cr);
}
