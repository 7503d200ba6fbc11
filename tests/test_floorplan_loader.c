/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_floorplan_loader.c — drawings to cairo surfaces: each format on a good
 * file and on broken ones, huge declared sizes refused before decoding, the
 * working-resolution cap keeping the scale exact, two-point calibration, and
 * importing the example floor with its sidecar.
 *
 * Good files are made here with cairo / gdk-pixbuf so their content is known;
 * broken ones are the good ones cut short or spoiled, plus the small files in
 * tests/golden/floorplans/.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "floorplans/calibrate.h"
#include "floorplans/loader.h"
#include "floorplans/model.h"

struct buf {
	unsigned char *p;
	size_t len;
};

static cairo_status_t buf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *b = closure;
	unsigned char *n = realloc(b->p, b->len + len);

	if (!n)
		return CAIRO_STATUS_NO_MEMORY;
	memcpy(n + b->len, data, len);
	b->p = n;
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

/* A @w x @h PNG: white, with a red square in the top-left quarter. */
static struct buf make_png(int w, int h)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	struct buf b = { 0 };

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 1, 0, 0);
	cairo_rectangle(cr, 0, 0, w / 2.0, h / 2.0);
	cairo_fill(cr);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png_stream(s, buf_write, &b), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	return b;
}

/* A 64 x 48 JPEG, blue. */
static struct buf make_jpeg(void)
{
	GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
	GError *gerr = NULL;
	gchar *data = NULL;
	gsize len = 0;
	struct buf b;

	gdk_pixbuf_fill(pb, 0x0000ffff);
	assert_true(gdk_pixbuf_save_to_buffer(pb, &data, &len, "jpeg", &gerr, "quality", "95",
					      NULL));
	g_object_unref(pb);
	b.p = malloc(len);
	memcpy(b.p, data, len);
	b.len = len;
	g_free(data);
	return b;
}

/* A two-page PDF: page 1 is 144 x 72 pt, page 2 is 72 x 72 pt and green. */
static struct buf make_pdf(void)
{
	struct buf b = { 0 };
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(buf_write, &b, 144, 72);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_rectangle(cr, 10, 10, 20, 20);
	cairo_fill(cr);
	cairo_show_page(cr);
	cairo_pdf_surface_set_size(s, 72, 72);
	cairo_set_source_rgb(cr, 0, 1, 0);
	cairo_paint(cr);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return b;
}

static const char svg_doc[] =
	"<?xml version=\"1.0\"?>\n"
	"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\">"
	"<rect x=\"0\" y=\"0\" width=\"100\" height=\"50\" fill=\"#0000ff\"/></svg>\n";

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	cairo_surface_flush(s);
	return *(uint32_t *)(void *)(cairo_image_surface_get_data(s) +
				     (size_t)y * cairo_image_surface_get_stride(s) + (size_t)x * 4);
}

static void expect_refusal(const char *type, const void *data, size_t len, int code,
			   const char *msg_start)
{
	struct fp_raster r;
	struct ns_err err = { 0 };

	assert_int_equal(fp_raster_load(type, data, len, NULL, &r, &err), code);
	assert_null(r.surface);
	if (strncmp(err.msg, msg_start, strlen(msg_start)) != 0)
		fail_msg("message '%s' does not start with '%s'", err.msg, msg_start);
}

static void test_png_loads_at_its_own_size(void **state)
{
	struct buf b = make_png(40, 30);
	struct fp_raster r;
	struct ns_err err = { 0 };

	(void)state;
	assert_string_equal(fp_drawing_type(b.p, b.len), "png");
	assert_int_equal(fp_raster_load("png", b.p, b.len, NULL, &r, &err), 0);
	assert_int_equal(r.width_px, 40);
	assert_int_equal(r.height_px, 30);
	assert_float_equal(r.factor, 1.0, 0);
	assert_int_equal(pixel(r.surface, 5, 5), 0xffff0000);   /* red quarter */
	assert_int_equal(pixel(r.surface, 35, 25), 0xffffffff); /* white */
	fp_raster_release(&r);
	free(b.p);
}

static void test_jpeg_loads(void **state)
{
	struct buf b = make_jpeg();
	struct fp_raster r;
	struct ns_err err = { 0 };
	unsigned long w, h;
	uint32_t p;

	(void)state;
	assert_string_equal(fp_drawing_type(b.p, b.len), "jpeg");
	assert_int_equal(fp_image_declared_size("jpeg", b.p, b.len, &w, &h, &err), 0);
	assert_int_equal(w, 64);
	assert_int_equal(h, 48);
	assert_int_equal(fp_raster_load("jpeg", b.p, b.len, NULL, &r, &err), 0);
	assert_int_equal(r.width_px, 64);
	assert_int_equal(r.height_px, 48);
	p = pixel(r.surface, 30, 20);
	/* Blue, give or take JPEG's rounding. */
	assert_true((p >> 16 & 0xff) < 12 && (p >> 8 & 0xff) < 12 && (p & 0xff) > 240);
	fp_raster_release(&r);
	free(b.p);
}

static void test_camera_rotated_jpeg_is_upright_and_refits_exactly(void **state)
{
	/* EXIF APP1 with Orientation = 6 (rotate 90 degrees clockwise to view). */
	static const unsigned char app1[] = {
		0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
		'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,
		0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	struct buf plain = make_jpeg();
	unsigned char *jpg = malloc(plain.len + sizeof(app1));
	size_t len = plain.len + sizeof(app1);
	struct fp_load_opts o = { .fit_width_px = 24 };
	struct fp_raster r;
	struct ns_err err = { 0 };

	(void)state;
	memcpy(jpg, plain.p, 2); /* SOI */
	memcpy(jpg + 2, app1, sizeof(app1));
	memcpy(jpg + 2 + sizeof(app1), plain.p + 2, plain.len - 2);
	/* 64 x 48 as stored, 48 x 64 as the camera held it. */
	assert_int_equal(fp_raster_load("jpeg", jpg, len, NULL, &r, &err), 0);
	assert_int_equal(r.width_px, 48);
	assert_int_equal(r.height_px, 64);
	assert_float_equal(r.natural_w, 48, 1e-9);
	fp_raster_release(&r);
	/* Re-rendering a stored floor at its working width gives exactly that width. */
	assert_int_equal(fp_raster_load("jpeg", jpg, len, &o, &r, &err), 0);
	assert_int_equal(r.width_px, 24);
	assert_int_equal(r.height_px, 32);
	assert_float_equal(r.factor, 0.5, 1e-12);
	fp_raster_release(&r);
	free(jpg);
	free(plain.p);
}

static void test_svg_loads_at_natural_size_and_at_a_chosen_dpi(void **state)
{
	struct fp_load_opts o = { .dpi = 192 };
	struct fp_raster r;
	struct ns_err err = { 0 };

	(void)state;
	assert_string_equal(fp_drawing_type(svg_doc, strlen(svg_doc)), "svg");
	assert_int_equal(fp_raster_load("svg", svg_doc, strlen(svg_doc), NULL, &r, &err), 0);
	assert_int_equal(r.width_px, 200);
	assert_int_equal(r.height_px, 100);
	assert_float_equal(r.factor, 1.0, 1e-12);
	assert_int_equal(pixel(r.surface, 10, 10), 0xff0000ff);
	assert_int_equal(pixel(r.surface, 150, 80), 0xffffffff);
	fp_raster_release(&r);
	/* 192 dpi is twice the CSS 96 px per inch. */
	assert_int_equal(fp_raster_load("svg", svg_doc, strlen(svg_doc), &o, &r, &err), 0);
	assert_int_equal(r.width_px, 400);
	assert_int_equal(r.height_px, 200);
	assert_float_equal(r.factor, 2.0, 1e-12);
	assert_int_equal(pixel(r.surface, 190, 90), 0xff0000ff);
	assert_int_equal(pixel(r.surface, 210, 110), 0xffffffff);
	fp_raster_release(&r);
}

static void test_svg_with_only_a_viewbox_takes_its_size(void **state)
{
	static const char doc[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 50 25\">"
				  "<rect width=\"50\" height=\"25\" fill=\"#000\"/></svg>";
	struct fp_raster r;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(fp_raster_load("svg", doc, strlen(doc), NULL, &r, &err), 0);
	assert_int_equal(r.width_px, 50);
	assert_int_equal(r.height_px, 25);
	fp_raster_release(&r);
}

static void test_pdf_page_choice_and_resolution(void **state)
{
	struct buf b = make_pdf();
	struct fp_load_opts o = { .page = 1, .dpi = 144 };
	struct fp_raster r;
	struct ns_err err = { 0 };

	(void)state;
	assert_string_equal(fp_drawing_type(b.p, b.len), "pdf");
	/* Page 1 at the default 150 dpi: 144 pt = 2 in = 300 px. */
	assert_int_equal(fp_raster_load("pdf", b.p, b.len, NULL, &r, &err), 0);
	assert_int_equal(r.width_px, 300);
	assert_int_equal(r.height_px, 150);
	assert_int_equal(r.npages, 2);
	/* The black square at 10..30 pt is at 20.8..62.5 px. */
	assert_int_equal(pixel(r.surface, 40, 40), 0xff000000);
	assert_int_equal(pixel(r.surface, 100, 40), 0xffffffff);
	fp_raster_release(&r);
	/* Page 2 at 144 dpi: 72 pt = 1 in = 144 px, all green. */
	assert_int_equal(fp_raster_load("pdf", b.p, b.len, &o, &r, &err), 0);
	assert_int_equal(r.width_px, 144);
	assert_int_equal(r.height_px, 144);
	assert_float_equal(r.factor, 2.0, 1e-12);
	assert_int_equal(pixel(r.surface, 70, 70), 0xff00ff00);
	fp_raster_release(&r);
	o.page = 2;
	assert_int_equal(fp_raster_load("pdf", b.p, b.len, &o, &r, &err), -EINVAL);
	assert_string_equal(err.msg, "the PDF has 2 pages; there is no page 3");
	free(b.p);
}

static void test_truncated_and_broken_files_are_refused_with_a_sentence(void **state)
{
	struct buf png = make_png(40, 30), jpg = make_jpeg(), pdf = make_pdf();
	static const char bad_svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
				      "height=\"10\"><rect width=\"5\"";
	static const char bad_pdf[] = "%PDF-1.4\nthis is not a PDF body at all\n";

	(void)state;
	/* PNG cut in half: decoding fails. */
	expect_refusal("png", png.p, png.len / 2, -EINVAL,
		       "the PNG image is truncated (its last chunk is cut short)");
	/* A spoiled byte inside the compressed data: the decoder's reason is given. */
	{
		unsigned char *bad = malloc(png.len);

		memcpy(bad, png.p, png.len);
		for (size_t i = 0; i + 8 < png.len; i++)
			if (memcmp(bad + i, "IDAT", 4) == 0) {
				memset(bad + i + 4, 0xAB, 6);
				break;
			}
		expect_refusal("png", bad, png.len, -EINVAL,
			       "the PNG image is broken or truncated (");
		free(bad);
	}
	/* PNG cut inside its header. */
	expect_refusal("png", png.p, 20, -EINVAL, "the PNG image is truncated before its size");
	/* JPEG cut before its frame header. */
	expect_refusal("jpeg", jpg.p, 12, -EINVAL,
		       "the JPEG image is truncated before its frame header");
	expect_refusal("svg", bad_svg, strlen(bad_svg), -EINVAL,
		       "the SVG drawing is broken or truncated (");
	expect_refusal("pdf", bad_pdf, strlen(bad_pdf), -EINVAL,
		       "the PDF drawing is broken, truncated or encrypted (");
	expect_refusal("pdf", pdf.p, pdf.len / 3, -EINVAL,
		       "the PDF drawing is broken, truncated or encrypted (");
	expect_refusal("png", "", 0, -EINVAL, "the drawing is empty");
	free(png.p);
	free(jpg.p);
	free(pdf.p);
}

static void test_golden_broken_files_are_refused(void **state)
{
	static const struct {
		const char *path, *msg_start;
	} cases[] = {
		{ "tests/golden/floorplans/truncated.png", "the PNG image is truncated (" },
		{ "tests/golden/floorplans/truncated.jpg", "the JPEG image is truncated" },
		{ "tests/golden/floorplans/broken.svg", "the SVG drawing is broken or truncated (" },
		{ "tests/golden/floorplans/truncated.pdf",
		  "the PDF drawing is broken, truncated or encrypted (" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned char *data;
		size_t len;
		struct ns_err err = { 0 };

		assert_int_equal(fp_read_file(cases[i].path, 1 << 20, &data, &len, &err), 0);
		expect_refusal(fp_drawing_type(data, len), data, len, -EINVAL, cases[i].msg_start);
		free(data);
	}
}

/*
 * A PDF that poppler opens but whose page tree is empty or broken: the
 * sentence says the drawing is broken and gives the reader's own reason,
 * never "the PDF has 0 pages" as if the user had asked for a missing page.
 */
static void test_a_pdf_without_a_readable_page_is_broken_and_says_why(void **state)
{
	static const char no_pages[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
				       "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
				       "trailer<</Root 1 0 R>>\n%%EOF\n";
	struct fp_raster r;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(fp_raster_load("pdf", no_pages, strlen(no_pages), NULL, &r, &err),
			 -EINVAL);
	assert_null(r.surface);
	assert_string_equal(err.msg, "the PDF drawing is broken: no page of it can be read "
				     "(the PDF reader says: Invalid page count 0)");
}

/* A PNG signature and IHDR declaring @w x @h; nothing after (never decoded). */
static void png_header(unsigned char out[33], uint32_t w, uint32_t h)
{
	static const unsigned char head[16] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
						0, 0, 0, 13, 'I', 'H', 'D', 'R' };

	memset(out, 0, 33);
	memcpy(out, head, 16);
	for (int i = 0; i < 4; i++) {
		out[16 + i] = (unsigned char)(w >> (24 - 8 * i));
		out[20 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	out[24] = 8; /* bit depth */
	out[25] = 6; /* RGBA */
}

static void test_huge_declared_sizes_are_refused_before_decoding(void **state)
{
	unsigned char png[33];
	/* SOI, then SOF0 declaring 65535 x 65535, 3 components. */
	static const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xff,
					     0xff, 0xff, 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1,
					     3, 0x11, 1 };
	struct fp_raster r;
	struct ns_err err = { 0 };

	(void)state;
	png_header(png, 100000, 100000);
	assert_int_equal(fp_raster_load("png", png, sizeof(png), NULL, &r, &err), -EFBIG);
	assert_string_equal(err.msg, "the PNG image declares 100000 x 100000 px (10000 Mpx); "
				     "notspot decodes at most 200 Mpx, so export the drawing at a "
				     "lower resolution");
	assert_int_equal(fp_raster_load("jpeg", jpg, sizeof(jpg), NULL, &r, &err), -EFBIG);
	assert_string_equal(err.msg, "the JPEG image declares 65535 x 65535 px (4295 Mpx); "
				     "notspot decodes at most 200 Mpx, so export the drawing at a "
				     "lower resolution");
	/* A vector drawing declaring a billion pixels is refused too. */
	{
		static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
					  "width=\"1000000000\" height=\"10\"/>";

		assert_int_equal(fp_raster_load("svg", svg, strlen(svg), NULL, &r, &err), -EFBIG);
		assert_string_equal(err.msg, "the SVG drawing declares 1e+09 x 10 px, which is "
					     "not a floorplan");
	}
	/* An impossible PNG size (width 0). */
	png_header(png, 0, 10);
	assert_int_equal(fp_raster_load("png", png, sizeof(png), NULL, &r, &err), -EINVAL);
	assert_string_equal(err.msg, "the PNG image declares an impossible size (0 x 10 px)");
}

static void test_large_image_is_capped_and_the_scale_stays_exact(void **state)
{
	struct buf b = make_png(9000, 90);
	char dir[] = "/tmp/notspot-loader-XXXXXX", img[64], side[64];
	struct floorplan *fp;
	struct ns_err err = { 0 };
	FILE *f;
	double x, y;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(img, sizeof(img), "%s/wide.png", dir);
	snprintf(side, sizeof(side), "%s/wide.json", dir);
	f = fopen(img, "wb");
	assert_int_equal(fwrite(b.p, 1, b.len, f), b.len);
	fclose(f);
	/* 90 px per metre and the origin at px (900, 45) in the full-size image. */
	f = fopen(side, "w");
	fputs("{\"image\": \"wide.png\", \"scale\": {\"px_per_m\": 90}, \"origin_px\": [900, 45]}",
	      f);
	fclose(f);
	assert_int_equal(fp_import(NULL, side, NULL, &fp, &err), 0);
	/* Longest side capped at 8000: a factor of 8/9. */
	assert_int_equal(fp->width_px, 8000);
	assert_int_equal(fp->height_px, 80);
	assert_float_equal(fp->px_per_m, 80.0, 1e-9);
	/* Metre 10 east of the origin was px 1800 of 9000; now 1600 of 8000. */
	fp_m_to_px(fp, (struct fp_point){ 10, 0 }, &x, &y);
	assert_float_equal(x, 1600.0, 1e-9);
	assert_float_equal(y, 40.0, 1e-9);
	assert_float_equal(floorplan_width_m(fp), 100.0, 1e-9);
	assert_string_equal(fp->image_type, "png");
	assert_int_equal(fp->image_len, b.len);
	floorplan_free(fp);
	unlink(img);
	unlink(side);
	rmdir(dir);
	free(b.p);
}

static void test_import_example_floor_at_two_resolutions(void **state)
{
	struct fp_load_opts o = { .dpi = 192 };
	struct floorplan *fp;
	struct ns_err err = { 0 };
	struct fp_raster r;

	(void)state;
	assert_int_equal(fp_import(NULL, "floorplans/examples/hospital-level2.json", NULL, &fp,
				   &err), 0);
	assert_string_equal(fp->image_type, "svg");
	assert_int_equal(fp->width_px, 1720);
	assert_int_equal(fp->height_px, 1060);
	assert_float_equal(fp->px_per_m, 20.0, 1e-12);
	/* Re-rendering the stored drawing gives the same working size. */
	assert_int_equal(fp_raster_for_floor(fp, &r, &err), 0);
	assert_int_equal(r.width_px, 1720);
	assert_int_equal(r.height_px, 1060);
	fp_raster_release(&r);
	floorplan_free(fp);
	/* At 192 dpi every pixel figure doubles; metres do not change. */
	assert_int_equal(fp_import(NULL, "floorplans/examples/hospital-level2.json", &o, &fp,
				   &err), 0);
	assert_int_equal(fp->width_px, 3440);
	assert_float_equal(fp->px_per_m, 40.0, 1e-12);
	assert_float_equal(fp->origin_x_px, 120.0, 1e-12);
	assert_float_equal(fp->origin_y_px, 220.0, 1e-12);
	floorplan_free(fp);
}

static void test_import_refuses_what_is_not_a_drawing(void **state)
{
	struct floorplan *fp;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(fp_import("tests/golden/floorplans/not-a-drawing.txt", NULL, NULL, &fp,
				   &err), -EINVAL);
	assert_null(fp);
	assert_string_equal(err.msg, "tests/golden/floorplans/not-a-drawing.txt is not a PNG, "
				     "JPEG, SVG or PDF drawing");
	assert_int_equal(fp_import(NULL, NULL, NULL, &fp, &err), -EINVAL);
	assert_string_equal(err.msg, "no drawing: give an image, or an \"image\" in the sidecar");
	assert_null(fp_drawing_type("hello", 5));
}

static void test_calibration_from_two_points(void **state)
{
	struct floorplan fp = { 0 };
	struct ns_err err = { 0 };
	double ppm;
	struct fp_point m;

	(void)state;
	/* A 12.5 m corridor measured between px (100, 200) and (100, 450): 20 px/m. */
	assert_int_equal(fp_scale_from_points(100, 200, 100, 450, 12.5, &ppm, &err), 0);
	assert_float_equal(ppm, 20.0, 1e-12);
	/* Diagonal: a 3-4-5 triangle of 60/80 px over 2 m is 50 px/m. */
	assert_int_equal(fp_scale_from_points(10, 10, 70, 90, 2, &ppm, &err), 0);
	assert_float_equal(ppm, 50.0, 1e-12);
	assert_int_equal(fp_scale_from_points(0, 0, 100, 0, 0, &ppm, &err), -EINVAL);
	assert_string_equal(err.msg, "the real distance between the points must be more than 0 m");
	assert_int_equal(fp_scale_from_points(3, 3, 3.2, 3, 5, &ppm, &err), -EINVAL);
	assert_int_equal(fp_scale_from_points(0, 0, 1e9, 0, 1, &ppm, &err), -EINVAL);
	assert_string_equal(err.msg, "a scale of 1e+09 px per metre is not plausible (expected "
				     "0.01 to 100000)");
	/* px <-> m through the origin. */
	fp.px_per_m = 20;
	fp.origin_x_px = 60;
	fp.origin_y_px = 110;
	m = fp_px_to_m(&fp, 140, 295);
	assert_float_equal(m.x, 4.0, 1e-12);
	assert_float_equal(m.y, 9.25, 1e-12);
	fp_raster_rescale(&fp, 0.5);
	m = fp_px_to_m(&fp, 70, 147.5);
	assert_float_equal(m.x, 4.0, 1e-12);
	assert_float_equal(m.y, 9.25, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_loads_at_its_own_size),
		cmocka_unit_test(test_a_pdf_without_a_readable_page_is_broken_and_says_why),
		cmocka_unit_test(test_jpeg_loads),
		cmocka_unit_test(test_camera_rotated_jpeg_is_upright_and_refits_exactly),
		cmocka_unit_test(test_svg_loads_at_natural_size_and_at_a_chosen_dpi),
		cmocka_unit_test(test_svg_with_only_a_viewbox_takes_its_size),
		cmocka_unit_test(test_pdf_page_choice_and_resolution),
		cmocka_unit_test(test_truncated_and_broken_files_are_refused_with_a_sentence),
		cmocka_unit_test(test_golden_broken_files_are_refused),
		cmocka_unit_test(test_huge_declared_sizes_are_refused_before_decoding),
		cmocka_unit_test(test_large_image_is_capped_and_the_scale_stays_exact),
		cmocka_unit_test(test_import_example_floor_at_two_resolutions),
		cmocka_unit_test(test_import_refuses_what_is_not_a_drawing),
		cmocka_unit_test(test_calibration_from_two_points),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
