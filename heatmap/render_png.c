/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_png.c — PNGs through libpng with text chunks (render.h,
 * hm_png_write()): the one writer of every map image, so each carries its
 * provenance the same way (the heatmaps, the before/after page). Its bytes
 * go through util/outfile, so a failed write names the file and its errno.
 */
#include <cairo.h>
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/render.h"
#include "util/outfile.h"
#include "util/textcheck.h"

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

/*
 * The @n chunks @t as uncompressed iTXt, which is UTF-8: a name from a mailed
 * survey may not be, so bad bytes become U+FFFD. libpng copies the texts.
 */
static void png_texts(png_structp png, png_infop info, const struct hm_png_text *t, size_t n)
{
	png_text pt[HM_PNG_MAX_TEXTS];
	char *valid[HM_PNG_MAX_TEXTS] = { 0 };

	if (n > HM_PNG_MAX_TEXTS)
		n = HM_PNG_MAX_TEXTS;
	memset(pt, 0, sizeof(pt));
	for (size_t k = 0; k < n; k++) {
		valid[k] = ns_utf8_dup_valid(t[k].text ? t[k].text : "");
		pt[k].compression = PNG_ITXT_COMPRESSION_NONE;
		pt[k].key = (char *)t[k].key;
		pt[k].text = valid[k] ? valid[k] : "";
		pt[k].lang = "";
		pt[k].lang_key = "";
	}
	png_set_text(png, info, pt, (int)n);
	for (size_t k = 0; k < n; k++)
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

int hm_png_write(cairo_surface_t *s, const char *path, const struct hm_png_text *t, size_t n,
		 struct ns_err *err)
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
	row = malloc((size_t)w * 3 + 1);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &pe, png_error_cb, png_warn_cb);
	info = png ? png_create_info_struct(png) : NULL;
	if (!d || !row || !png || !info) {
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
	png_texts(png, info, t, n);
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
