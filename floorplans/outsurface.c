/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outsurface.c — see outsurface.h. */
#include "floorplans/outsurface.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <stdlib.h>

#include "util/textcheck.h"

cairo_status_t fp_outsurface_write(void *closure, const unsigned char *data, unsigned int len)
{
	return ns_outfile_write(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR
						      : CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *fp_outsurface_pdf(struct ns_outfile *o, double w_pt, double h_pt)
{
	return cairo_pdf_surface_create_for_stream(fp_outsurface_write, o, w_pt, h_pt);
}

cairo_surface_t *fp_outsurface_svg(struct ns_outfile *o, double w_pt, double h_pt)
{
	return cairo_svg_surface_create_for_stream(fp_outsurface_write, o, w_pt, h_pt);
}

cairo_status_t fp_outsurface_png(struct ns_outfile *o, cairo_surface_t *s)
{
	return cairo_surface_write_to_png_stream(s, fp_outsurface_write, o);
}

void fp_outsurface_pdf_metadata(cairo_surface_t *pdf, cairo_pdf_metadata_t key, const char *text)
{
	char *valid = ns_utf8_dup_valid(text ? text : "");

	if (valid)
		cairo_pdf_surface_set_metadata(pdf, key, valid);
	free(valid);
}

int fp_outsurface_error(const struct ns_outfile *o, cairo_status_t st, struct ns_err *err)
{
	return ns_outfile_error(o, cairo_status_to_string(st), err);
}
