/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * loader.c — drawings to cairo surfaces. See loader.h.
 *
 * PNG/JPEG headers are read with a bounded cursor first, so a file that
 * declares an enormous size is refused before gdk-pixbuf allocates anything;
 * gdk-pixbuf then decodes straight to the (capped) working size. SVG and PDF
 * are vector: they are rendered at the chosen resolution, capped the same way.
 */
#include "floorplans/loader.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <poppler.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "floorplans/calibrate.h"
#include "floorplans/sidecar.h"
#include "util/cursor.h"
#include "util/file.h"
#include "util/strbuf.h"

#define SVG_UNITS_PER_INCH 96.0 /* CSS px */
#define PDF_UNITS_PER_INCH 72.0 /* PostScript points */
#define DEFAULT_PDF_DPI 150.0
#define MAX_DPI 2400.0
#define MAX_NATURAL_UNITS 1e7   /* an SVG/PDF larger than 10^7 units is nonsense */

static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* Whether the next bytes at @c are the @n bytes at @magic (the cursor does not move). */
static bool starts_with(const struct cursor *c, const void *magic, size_t n)
{
	const uint8_t *p;

	return cur_peek(c, &p, n) == 0 && memcmp(p, magic, n) == 0;
}

static bool is_blank(uint8_t b)
{
	return b == ' ' || b == '\t' || b == '\r' || b == '\n';
}

const char *fp_drawing_type(const void *data, size_t len)
{
	static const uint8_t bom[3] = { 0xef, 0xbb, 0xbf }, jpeg_soi[3] = { 0xff, 0xd8, 0xff };
	struct cursor c, pdf;
	const uint8_t *p;

	cur_init(&c, data, len);
	if (starts_with(&c, png_sig, sizeof(png_sig)))
		return "png";
	if (starts_with(&c, jpeg_soi, sizeof(jpeg_soi)))
		return "jpeg";
	/* PDF readers accept the header within the first 1024 bytes. */
	pdf = c;
	if (cur_find(&pdf, "%PDF-", 5, 1024) == 0)
		return "pdf";
	/* SVG: XML text (after an optional BOM and blanks) with an <svg element early on. */
	if (starts_with(&c, bom, sizeof(bom)))
		cur_skip(&c, sizeof(bom));
	while (cur_peek(&c, &p, 1) == 0 && is_blank(*p))
		cur_skip(&c, 1);
	if (starts_with(&c, "<", 1) && cur_pos(&c) < 8192 &&
	    cur_find(&c, "<svg", 4, 8192 - cur_pos(&c)) == 0)
		return "svg";
	return NULL;
}

/* Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4). */
static int png_size(struct cursor *c, unsigned long *w, unsigned long *h, struct ns_err *err)
{
	uint32_t len, type, ww, hh;

	if (cur_skip(c, 8) || cur_u32be(c, &len) || cur_u32be(c, &type) || cur_u32be(c, &ww) ||
	    cur_u32be(c, &hh))
		return ns_err_set(err, -EINVAL, "the PNG image is truncated before its size");
	if (type != 0x49484452u /* IHDR */ || len != 13)
		return ns_err_set(err, -EINVAL, "the PNG image is broken (no IHDR header first)");
	if (ww == 0 || hh == 0 || ww > 0x7fffffffu || hh > 0x7fffffffu)
		return ns_err_set(err, -EINVAL, "the PNG image declares an impossible size "
						"(%lu x %lu px)", (unsigned long)ww,
				  (unsigned long)hh);
	*w = ww;
	*h = hh;
	return 0;
}

/* The next JPEG marker: 0xff (possibly padded by more 0xff), then its code in *@m. */
static int jpeg_marker(struct cursor *c, uint8_t *m)
{
	uint8_t b;

	do {
		if (cur_u8(c, &b))
			return -EINVAL;
	} while (b != 0xff);
	do {
		if (cur_u8(c, m))
			return -EINVAL;
	} while (*m == 0xff);
	return 0;
}

/* Start of frame: SOF0..SOF15 but DHT (c4), JPG (c8) and DAC (cc). */
static bool jpeg_is_sof(uint8_t m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

static int jpeg_size(struct cursor *c, unsigned long *w, unsigned long *h, struct ns_err *err)
{
	if (cur_skip(c, 2))
		return ns_err_set(err, -EINVAL, "the JPEG image is truncated");
	for (;;) {
		uint8_t m, precision;
		uint16_t seglen, hh, ww;

		if (jpeg_marker(c, &m))
			return ns_err_set(err, -EINVAL, "the JPEG image is truncated "
							"before its frame header");
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd8))
			continue; /* no length */
		if (m == 0xd9 || m == 0xda)
			return ns_err_set(err, -EINVAL, "the JPEG image is broken (no frame "
							"header before its data)");
		if (cur_u16be(c, &seglen) || seglen < 2)
			return ns_err_set(err, -EINVAL, "the JPEG image is broken (a bad "
							"segment length)");
		if (!jpeg_is_sof(m)) {
			if (cur_skip(c, seglen - 2u))
				return ns_err_set(err, -EINVAL, "the JPEG image is truncated "
								"before its frame header");
			continue;
		}
		/* precision (1), height (2), width (2), ...: inside a segment of 8 or more */
		if (seglen < 8 || cur_u8(c, &precision) || cur_u16be(c, &hh) || cur_u16be(c, &ww))
			return ns_err_set(err, -EINVAL, "the JPEG image is truncated in "
							"its frame header");
		if (ww == 0 || hh == 0)
			return ns_err_set(err, -EINVAL, "the JPEG image declares a size "
							"of %u x %u px, which notspot "
							"cannot read", ww, hh);
		*w = ww;
		*h = hh;
		return 0;
	}
}

/* Whether the PNG's chunks run, each whole, up to an IEND chunk. */
static int png_complete(const void *data, size_t len, struct ns_err *err)
{
	struct cursor c;

	cur_init(&c, data, len);
	cur_skip(&c, sizeof(png_sig)); /* checked by png_size() */
	for (;;) {
		uint32_t clen, type;

		if (cur_u32be(&c, &clen) || cur_u32be(&c, &type))
			return ns_err_set(err, -EINVAL, "the PNG image is truncated (it ends "
							"before its IEND chunk)");
		if (clen > 0x7fffffffu)
			return ns_err_set(err, -EINVAL, "the PNG image is broken (a chunk "
							"length of %lu bytes)", (unsigned long)clen);
		if (cur_skip(&c, (size_t)clen + 4u /* CRC */))
			return ns_err_set(err, -EINVAL, "the PNG image is truncated (its last "
							"chunk is cut short)");
		if (type == 0x49454e44u /* IEND */)
			return 0;
	}
}

/* Whether the JPEG's end-of-image marker follows its data (gdk-pixbuf shows a cut JPEG grey). */
static int jpeg_complete(const void *data, size_t len, struct ns_err *err)
{
	const uint8_t *p = data;

	for (size_t i = len; i >= 2; i--)
		if (p[i - 2] == 0xff && p[i - 1] == 0xd9)
			return 0;
	return ns_err_set(err, -EINVAL, "the JPEG image is truncated (it has no end-of-image "
					"marker)");
}

int fp_image_declared_size(const char *type, const void *data, size_t len, unsigned long *w,
			   unsigned long *h, struct ns_err *err)
{
	struct cursor c;

	cur_init(&c, data, len);
	if (type && strcmp(type, "png") == 0)
		return png_size(&c, w, h, err);
	if (type && strcmp(type, "jpeg") == 0)
		return jpeg_size(&c, w, h, err);
	return ns_err_set(err, -EINVAL, "only PNG and JPEG images declare a pixel size");
}

/* A library's message as one clause: newlines and runs of blanks become one space. */
static void add_one_line(struct strbuf *sb, const GError *e)
{
	const char *m = e && e->message ? e->message : "no reason given";
	size_t start = sb->len;

	for (; *m; m++) {
		char ch = (*m == '\n' || *m == '\r' || *m == '\t') ? ' ' : *m;

		if (ch == ' ' && (sb->len == start || sb->buf[sb->len - 1] == ' '))
			continue;
		strbuf_addch(sb, ch);
	}
	while (sb->len > start && (sb->buf[sb->len - 1] == ' ' || sb->buf[sb->len - 1] == '.'))
		strbuf_setlen(sb, sb->len - 1);
}

/*
 * gerror_fail() - put "@fmt... (the library's reason)" in @err and clear
 * *@gerr. Returns @code.
 */
static int gerror_fail(struct ns_err *err, int code, GError **gerr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int gerror_fail(struct ns_err *err, int code, GError **gerr, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strbuf_addstr(&sb, " (");
	add_one_line(&sb, *gerr);
	strbuf_addch(&sb, ')');
	/* out of memory, sb.buf is still the sentence as far as it got */
	ns_err_set(err, code, "%s", sb.buf);
	strbuf_release(&sb);
	g_clear_error(gerr);
	return code;
}

/* ---- sizes ----------------------------------------------------------------- */

/*
 * The working raster for a drawing of natural size @nw x @nh units at
 * @base_factor px per unit: capped to max_side_px, or fitted to fit_width_px.
 */
static int working_size(const char *what, double nw, double nh, double base_factor,
			const struct fp_load_opts *o, double *factor, int *w, int *h,
			struct ns_err *err)
{
	int cap = o->max_side_px > 0 ? o->max_side_px : FP_MAX_WORKING_PX;
	double f = base_factor, longest = fmax(nw, nh);

	if (!(nw > 0) || !(nh > 0) || !isfinite(nw) || !isfinite(nh))
		return ns_err_set(err, -EINVAL, "the %s has no size", what);
	if (o->fit_width_px > 0)
		f = o->fit_width_px / nw;
	if (longest * f > cap)
		f = cap / longest;
	*w = (int)lround(nw * f);
	*h = (int)lround(nh * f);
	if (o->fit_width_px > 0)
		*w = o->fit_width_px < cap ? o->fit_width_px : *w;
	if (*w < 1 || *h < 1)
		return ns_err_set(err, -EINVAL, "the %s is %g x %g units: too thin to draw at a "
						"%d px working size", what, nw, nh, cap);
	*factor = f;
	return 0;
}

static cairo_surface_t *white_surface(int w, int h, struct ns_err *err)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		ns_err_set(err, -ENOMEM, "cannot make a %d x %d px surface: %s", w, h,
			   cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return NULL;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_destroy(cr);
	return s;
}

/* ---- PNG / JPEG -------------------------------------------------------------- */

struct size_req {
	int want_w, want_h;
	unsigned long declared_w, declared_h;
	bool mismatch;
};

static void on_size_prepared(GdkPixbufLoader *loader, gint w, gint h, gpointer arg)
{
	struct size_req *r = arg;

	if ((unsigned long)w != r->declared_w || (unsigned long)h != r->declared_h) {
		/* The decoder disagrees with the header we checked: decode nothing big. */
		r->mismatch = true;
		gdk_pixbuf_loader_set_size(loader, 1, 1);
		return;
	}
	if (w != r->want_w || h != r->want_h)
		gdk_pixbuf_loader_set_size(loader, r->want_w, r->want_h);
}

static cairo_surface_t *surface_from_pixbuf(const GdkPixbuf *pb, struct ns_err *err)
{
	int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
	int nch = gdk_pixbuf_get_n_channels(pb), rs = gdk_pixbuf_get_rowstride(pb);
	bool alpha = gdk_pixbuf_get_has_alpha(pb);
	const guint8 *src = gdk_pixbuf_read_pixels(pb);
	cairo_surface_t *s;
	unsigned char *dst;
	int ds;

	if (gdk_pixbuf_get_bits_per_sample(pb) != 8 || nch < 3 || (alpha && nch < 4)) {
		ns_err_set(err, -EINVAL, "the image has a pixel format notspot cannot draw");
		return NULL;
	}
	s = white_surface(w, h, err);
	if (!s)
		return NULL;
	cairo_surface_flush(s);
	dst = cairo_image_surface_get_data(s);
	ds = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++) {
		const guint8 *sp = src + (size_t)y * rs;
		uint32_t *dp = (uint32_t *)(void *)(dst + (size_t)y * ds);

		for (int x = 0; x < w; x++, sp += nch) {
			uint32_t a = alpha ? sp[3] : 255;
			uint32_t r = (sp[0] * a + 127) / 255, g = (sp[1] * a + 127) / 255,
				 b = (sp[2] * a + 127) / 255;

			dp[x] = a << 24 | r << 16 | g << 8 | b;
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

static int load_bitmap(const char *type, const void *data, size_t len,
		       const struct fp_load_opts *o, struct fp_raster *out, struct ns_err *err)
{
	const char *label = strcmp(type, "png") == 0 ? "PNG" : "JPEG";
	struct size_req req = { 0 };
	GdkPixbufLoader *loader;
	GdkPixbuf *pb, *oriented;
	GError *gerr = NULL;
	double factor;
	gboolean ok;
	int rc;

	rc = fp_image_declared_size(type, data, len, &req.declared_w, &req.declared_h, err);
	if (rc)
		return rc;
	if ((unsigned long long)req.declared_w * req.declared_h > FP_MAX_DECODE_PIXELS)
		return ns_err_set(err, -EFBIG,
				  "the %s image declares %lu x %lu px (%.0f Mpx); notspot decodes "
				  "at most %.0f Mpx, so export the drawing at a lower resolution",
				  label, req.declared_w, req.declared_h,
				  (double)req.declared_w * req.declared_h / 1e6,
				  FP_MAX_DECODE_PIXELS / 1e6);
	rc = strcmp(type, "png") == 0 ? png_complete(data, len, err) : jpeg_complete(data, len, err);
	if (rc)
		return rc;
	rc = working_size(label, (double)req.declared_w, (double)req.declared_h, 1.0, o, &factor,
			  &req.want_w, &req.want_h, err);
	if (rc)
		return rc;
	loader = gdk_pixbuf_loader_new_with_type(type, &gerr);
	if (!loader) {
		return gerror_fail(err, -ENOSYS, &gerr, "no %s decoder is installed", label);
	}
	g_signal_connect(loader, "size-prepared", G_CALLBACK(on_size_prepared), &req);
	ok = gdk_pixbuf_loader_write(loader, data, len, &gerr);
	if (ok)
		ok = gdk_pixbuf_loader_close(loader, &gerr);
	else
		gdk_pixbuf_loader_close(loader, NULL); /* a loader must be closed */
	if (!ok) {
		g_object_unref(loader);
		return gerror_fail(err, -EINVAL, &gerr, "the %s image is broken or truncated",
				   label);
	}
	pb = gdk_pixbuf_loader_get_pixbuf(loader);
	if (req.mismatch || !pb) {
		g_object_unref(loader);
		return ns_err_set(err, -EINVAL, "the %s image is broken (%s)", label,
				  req.mismatch ? "its header and its data disagree on its size"
					       : "no picture in it");
	}
	/* A photographed plan carries its camera orientation. */
	oriented = gdk_pixbuf_apply_embedded_orientation(pb);
	g_object_unref(loader);
	if (!oriented)
		return ns_err_set(err, -ENOMEM, "out of memory decoding the %s image", label);
	/*
	 * A camera-rotated JPEG is upright now but was sized before rotation:
	 * when an exact width was asked for, scale to it.
	 */
	if (o->fit_width_px > 0 && req.want_w != req.want_h &&
	    gdk_pixbuf_get_width(oriented) == req.want_h &&
	    gdk_pixbuf_get_height(oriented) == req.want_w) {
		int fw = o->fit_width_px;
		int fh = (int)lround((double)gdk_pixbuf_get_height(oriented) * fw /
				     gdk_pixbuf_get_width(oriented));
		GdkPixbuf *scaled = gdk_pixbuf_scale_simple(oriented, fw, fh > 0 ? fh : 1,
							    GDK_INTERP_BILINEAR);

		g_object_unref(oriented);
		if (!scaled)
			return ns_err_set(err, -ENOMEM, "out of memory scaling the %s image", label);
		factor = (double)fw / (req.declared_h ? (double)req.declared_h : 1);
		oriented = scaled;
	}
	out->surface = surface_from_pixbuf(oriented, err);
	out->width_px = gdk_pixbuf_get_width(oriented);
	out->height_px = gdk_pixbuf_get_height(oriented);
	g_object_unref(oriented);
	if (!out->surface)
		return err ? err->code : -ENOMEM;
	out->factor = factor;
	out->natural_w = out->width_px / factor;
	out->natural_h = out->height_px / factor;
	out->npages = 1;
	return 0;
}

/* ---- SVG ------------------------------------------------------------------- */

static int load_svg(const void *data, size_t len, const struct fp_load_opts *o,
		    struct fp_raster *out, struct ns_err *err)
{
	GError *gerr = NULL;
	RsvgHandle *h = rsvg_handle_new_from_data(data, len, &gerr);
	double nw = 0, nh = 0, factor;
	double dpi = o->dpi > 0 ? o->dpi : SVG_UNITS_PER_INCH;
	cairo_surface_t *s;
	cairo_t *cr;
	int w, hh, rc;

	if (!h) {
		return gerror_fail(err, -EINVAL, &gerr, "the SVG drawing is broken or truncated");
	}
	rsvg_handle_set_dpi(h, SVG_UNITS_PER_INCH);
	if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &nw, &nh)) {
		gboolean hw, hht, hvb;
		RsvgLength lw, lh;
		RsvgRectangle vb;

		rsvg_handle_get_intrinsic_dimensions(h, &hw, &lw, &hht, &lh, &hvb, &vb);
		if (!hvb) {
			g_object_unref(h);
			return ns_err_set(err, -EINVAL, "the SVG drawing gives neither a size in "
							"absolute units nor a viewBox, so it has "
							"no scale");
		}
		nw = vb.width;
		nh = vb.height;
	}
	if (nw > MAX_NATURAL_UNITS || nh > MAX_NATURAL_UNITS) {
		g_object_unref(h);
		return ns_err_set(err, -EFBIG, "the SVG drawing declares %g x %g px, which is "
					       "not a floorplan", nw, nh);
	}
	rc = working_size("SVG drawing", nw, nh, dpi / SVG_UNITS_PER_INCH, o, &factor, &w, &hh,
			  err);
	if (rc) {
		g_object_unref(h);
		return rc;
	}
	s = white_surface(w, hh, err);
	if (!s) {
		g_object_unref(h);
		return -ENOMEM;
	}
	cr = cairo_create(s);
	RsvgRectangle vp = { 0, 0, nw * factor, nh * factor };
	if (!rsvg_handle_render_document(h, cr, &vp, &gerr)) {
		cairo_destroy(cr);
		cairo_surface_destroy(s);
		g_object_unref(h);
		return gerror_fail(err, -EINVAL, &gerr, "the SVG drawing cannot be rendered");
	}
	cairo_destroy(cr);
	g_object_unref(h);
	out->surface = s;
	out->width_px = w;
	out->height_px = hh;
	out->factor = factor;
	out->natural_w = nw;
	out->natural_h = nh;
	out->npages = 1;
	return 0;
}

/* ---- PDF ------------------------------------------------------------------- */

/*
 * What poppler says about a broken file it still opens: it logs its reasons
 * ("Syntax error at position -1: Invalid page count 0") under the "Poppler"
 * GLib log domain instead of returning them. While a PDF is read they are
 * collected here, the first error (or else the first warning) kept as the
 * reason; nothing reaches the terminal.
 */
struct pdf_reasons {
	char first[200];   /* the first message, "" if none */
	bool first_is_error;
};

static void pdf_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
	struct pdf_reasons *r = data;
	const char *at = msg ? strstr(msg, " at position ") : NULL;
	bool is_error = msg && strncmp(msg, "Syntax warning", 14) != 0;

	(void)domain;
	(void)level;
	if (!msg || (r->first[0] && (r->first_is_error || !is_error)))
		return;
	/* "Syntax error at position 1008: Illegal character": the part after the place. */
	if (at && (at = strstr(at, ": ")))
		msg = at + 2;
	snprintf(r->first, sizeof(r->first), "%s", msg);
	r->first_is_error = is_error;
}

/* "@fmt..." with poppler's reason, if it gave one, in parentheses. */
static int pdf_fail(struct ns_err *err, int code, const struct pdf_reasons *r, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));

static int pdf_fail(struct ns_err *err, int code, const struct pdf_reasons *r, const char *fmt,
		    ...)
{
	char what[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (r->first[0])
		return ns_err_set(err, code, "%s (the PDF reader says: %s)", what, r->first);
	return ns_err_set(err, code, "%s", what);
}

/* The document at @data, or NULL with a sentence; poppler's reasons go to @r. */
static PopplerDocument *pdf_open(GBytes *bytes, struct pdf_reasons *r, struct ns_err *err)
{
	GError *gerr = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);

	if (!doc) {
		if (r->first[0] && gerr && gerr->message) {
			char m[400];

			snprintf(m, sizeof(m), "%s; the PDF reader says: %s", gerr->message, r->first);
			g_free(gerr->message);
			gerr->message = g_strdup(m);
		}
		gerror_fail(err, -EINVAL, &gerr, "the PDF drawing is broken, truncated or encrypted");
		return NULL;
	}
	if (poppler_document_get_n_pages(doc) < 1) {
		pdf_fail(err, -EINVAL, r, "the PDF drawing is broken: no page of it can be read");
		g_object_unref(doc);
		return NULL;
	}
	return doc;
}

/* Page @o->page of @doc rendered into @out. */
static int pdf_render(PopplerDocument *doc, const struct pdf_reasons *r,
		      const struct fp_load_opts *o, struct fp_raster *out, struct ns_err *err)
{
	double dpi = o->dpi > 0 ? o->dpi : DEFAULT_PDF_DPI, nw, nh, factor;
	int npages = poppler_document_get_n_pages(doc), w, h, rc;
	PopplerPage *page = NULL;
	cairo_surface_t *s;
	cairo_t *cr;

	if (o->page < 0 || o->page >= npages)
		return ns_err_set(err, -EINVAL, "the PDF has %d page%s; there is no page %d", npages,
				  npages == 1 ? "" : "s", o->page + 1);
	if (dpi > MAX_DPI)
		return ns_err_set(err, -EINVAL, "%g dpi is more than the %g dpi notspot renders at",
				  dpi, MAX_DPI);
	page = poppler_document_get_page(doc, o->page);
	if (!page)
		return pdf_fail(err, -EINVAL, r, "page %d of the PDF cannot be read", o->page + 1);
	poppler_page_get_size(page, &nw, &nh);
	if (nw > MAX_NATURAL_UNITS || nh > MAX_NATURAL_UNITS) {
		rc = ns_err_set(err, -EFBIG, "page %d of the PDF declares %g x %g pt, which is "
					     "not a floorplan", o->page + 1, nw, nh);
		goto out;
	}
	rc = working_size("PDF page", nw, nh, dpi / PDF_UNITS_PER_INCH, o, &factor, &w, &h, err);
	if (rc)
		goto out;
	s = white_surface(w, h, err);
	if (!s) {
		rc = -ENOMEM;
		goto out;
	}
	cr = cairo_create(s);
	cairo_scale(cr, factor, factor);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	out->surface = s;
	out->width_px = w;
	out->height_px = h;
	out->factor = factor;
	out->natural_w = nw;
	out->natural_h = nh;
	out->npages = npages;
out:
	g_object_unref(page);
	return rc;
}

static int load_pdf(const void *data, size_t len, const struct fp_load_opts *o,
		    struct fp_raster *out, struct ns_err *err)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	struct pdf_reasons reasons = { "", false };
	guint handler = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK & ~G_LOG_LEVEL_ERROR, pdf_log,
					  &reasons);
	PopplerDocument *doc = pdf_open(bytes, &reasons, err);
	int rc = -EINVAL;

	if (doc) {
		rc = pdf_render(doc, &reasons, o, out, err);
		g_object_unref(doc);
	}
	g_log_remove_handler("Poppler", handler);
	g_bytes_unref(bytes);
	return rc;
}

int fp_raster_load(const char *type, const void *data, size_t len,
		   const struct fp_load_opts *opts, struct fp_raster *out, struct ns_err *err)
{
	struct fp_load_opts defaults = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if (!opts)
		opts = &defaults;
	if (!data || len == 0)
		return ns_err_set(err, -EINVAL, "the drawing is empty");
	if (opts->dpi < 0 || !isfinite(opts->dpi))
		return ns_err_set(err, -EINVAL, "the resolution must be a positive dpi");
	if (!type)
		return ns_err_set(err, -EINVAL, "the drawing is not a PNG, JPEG, SVG or PDF file");
	if (strcmp(type, "png") == 0 || strcmp(type, "jpeg") == 0)
		rc = load_bitmap(type, data, len, opts, out, err);
	else if (strcmp(type, "svg") == 0)
		rc = load_svg(data, len, opts, out, err);
	else if (strcmp(type, "pdf") == 0)
		rc = load_pdf(data, len, opts, out, err);
	else
		return ns_err_set(err, -EINVAL, "'%s' is not a drawing type notspot reads (png, "
						"jpeg, svg, pdf)", type);
	if (rc == 0)
		snprintf(out->type, sizeof(out->type), "%s", type);
	return rc;
}

void fp_raster_release(struct fp_raster *r)
{
	if (r->surface)
		cairo_surface_destroy(r->surface);
	r->surface = NULL;
}

/* ---- files and import ------------------------------------------------------- */

int fp_read_file(const char *path, size_t max, unsigned char **data, size_t *len,
		 struct ns_err *err)
{
	char *buf;
	int rc = ns_read_file(path, max, &buf, len, err);

	*data = (unsigned char *)buf;
	return rc;
}

int fp_import(const char *image_path, const char *sidecar_path, const struct fp_load_opts *opts,
	      struct floorplan **out, struct ns_err *err)
{
	struct fp_load_opts o = opts ? *opts : (struct fp_load_opts){ 0 };
	struct floorplan *fp = floorplan_new();
	struct fp_sidecar_info info = { 0 };
	struct fp_raster r = { 0 };
	unsigned char *data = NULL;
	struct strbuf resolved = STRBUF_INIT;
	const char *type;
	size_t len;
	int rc;

	*out = NULL;
	if (!fp)
		return ns_err_set(err, -ENOMEM, "out of memory");
	if (sidecar_path) {
		rc = fp_sidecar_load(sidecar_path, fp, &info, err);
		if (rc)
			goto fail;
		if (info.has_page)
			o.page = fp->page;
	}
	if (!image_path && info.image[0]) {
		/* "image" is relative to the sidecar's folder unless it is absolute */
		const char *slash = strrchr(sidecar_path, '/');

		if (info.image[0] != '/' && slash)
			strbuf_add(&resolved, sidecar_path, (size_t)(slash - sidecar_path) + 1);
		strbuf_addstr(&resolved, info.image);
		if (strbuf_failed(&resolved)) {
			rc = ns_err_set(err, -ENOMEM, "out of memory");
			goto fail;
		}
		image_path = resolved.buf;
	}
	if (!image_path) {
		rc = ns_err_set(err, -EINVAL, "no drawing: give an image, or an \"image\" in the "
					      "sidecar");
		goto fail;
	}
	rc = fp_read_file(image_path, FP_MAX_FILE_BYTES, &data, &len, err);
	if (rc)
		goto fail;
	type = fp_drawing_type(data, len);
	if (!type) {
		rc = ns_err_set(err, -EINVAL, "%s is not a PNG, JPEG, SVG or PDF drawing",
				image_path);
		goto fail;
	}
	rc = fp_raster_load(type, data, len, &o, &r, err);
	if (rc) {
		ns_err_prefix(err, "%s", image_path);
		goto fail;
	}
	fp_raster_rescale(fp, r.factor);
	fp->width_px = r.width_px;
	fp->height_px = r.height_px;
	fp->page = strcmp(type, "pdf") == 0 ? o.page : 0;
	fp_raster_release(&r);
	rc = floorplan_set_image(fp, type, data, len);
	if (rc) {
		ns_err_set(err, rc, "out of memory keeping the drawing");
		goto fail;
	}
	free(data);
	strbuf_release(&resolved);
	*out = fp;
	return 0;
fail:
	free(data);
	strbuf_release(&resolved);
	floorplan_free(fp);
	return rc;
}

int fp_raster_for_floor(const struct floorplan *fp, struct fp_raster *out, struct ns_err *err)
{
	struct fp_load_opts o = { .page = fp->page, .fit_width_px = fp->width_px };

	memset(out, 0, sizeof(*out));
	if (!fp->image || fp->image_len == 0)
		return ns_err_set(err, -ENOENT, "floor '%s' has no drawing", fp->name);
	return fp_raster_load(fp->image_type, fp->image, fp->image_len, &o, out, err);
}
