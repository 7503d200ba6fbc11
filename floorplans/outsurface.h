/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outsurface.h — cairo surfaces that write through util/outfile, so that a
 * failed write is named by its path and its errno ("cannot write map.pdf: No
 * space left on device") instead of cairo's "error while writing to output
 * stream". Every renderer writes its PDF, SVG or PNG this way.
 *
 *	struct ns_outfile of;
 *	if ((rc = ns_outfile_open(&of, path, err)))
 *		return rc;
 *	surf = fp_outsurface_pdf(&of, w_pt, h_pt);
 *	... draw, cairo_surface_finish(surf) ...
 *	if ((st = cairo_surface_status(surf))) {
 *		rc = fp_outsurface_error(&of, st, err);
 *		ns_outfile_abort(&of);
 *	} else {
 *		rc = ns_outfile_commit(&of, err);
 *	}
 *
 * The outfile must outlive the surface: finish (or destroy) the surface
 * before ns_outfile_commit() closes the file.
 */
#ifndef NOTSPOT_FLOORPLANS_OUTSURFACE_H
#define NOTSPOT_FLOORPLANS_OUTSURFACE_H

#include <cairo-pdf.h>
#include <cairo.h>

#include "util/err.h"
#include "util/outfile.h"

/** fp_outsurface_write() - a cairo_write_func_t appending to the ns_outfile @closure. */
cairo_status_t fp_outsurface_write(void *closure, const unsigned char *data, unsigned int len);

/** fp_outsurface_pdf() - a PDF surface of @w_pt x @h_pt points writing into @o (opened). */
cairo_surface_t *fp_outsurface_pdf(struct ns_outfile *o, double w_pt, double h_pt);

/** fp_outsurface_svg() - an SVG surface of @w_pt x @h_pt points writing into @o (opened). */
cairo_surface_t *fp_outsurface_svg(struct ns_outfile *o, double w_pt, double h_pt);

/** fp_outsurface_png() - the image surface @s as PNG into @o (opened); cairo's status. */
cairo_status_t fp_outsurface_png(struct ns_outfile *o, cairo_surface_t *s);

/**
 * fp_outsurface_pdf_metadata() - cairo_pdf_surface_set_metadata() for text
 * that may come from a file (a site's name): cairo fails the whole PDF on
 * text that is not UTF-8, so bad bytes are set as U+FFFD.
 */
void fp_outsurface_pdf_metadata(cairo_surface_t *pdf, cairo_pdf_metadata_t key, const char *text);

/**
 * fp_outsurface_error() - "cannot write PATH: why" for cairo status @st into
 * @err: the errno of the write that failed when one did, else cairo's words.
 * Returns the negative errno (-EIO for cairo's own failures). Nothing is
 * closed: call ns_outfile_abort() too.
 */
int fp_outsurface_error(const struct ns_outfile *o, cairo_status_t st, struct ns_err *err);

#endif
