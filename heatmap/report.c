/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.c — the evidence report (report.h): gather what it says
 * (report_data.c), then lay the pages out (report_pages.c, report_back.c)
 * twice — once on a scratch surface to count them ("Page N of M" needs M),
 * once into the PDF, made in memory so its language can be set
 * (report_pdf.c) before it is written, whatever the output is (a file, a
 * FIFO). The split and its private header: report_priv.h.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/outsurface.h"
#include "heatmap/report.h"
#include "heatmap/report_priv.h"
#include "util/outfile.h"
#include "util/version.h"

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

/* The counting pass's PDF goes nowhere: same font metrics as the real one. */
static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

/* Pass 1: how many pages the layout makes. */
static int count_pages(struct rep *r)
{
	cairo_surface_t *scratch = cairo_pdf_surface_create_for_stream(discard, NULL, A4_W, A4_H);

	r->surf = scratch;
	r->cr = cairo_create(scratch);
	r->dry = true;
	rep_lay_out(r);
	r->bookmarks = 0;
	cairo_destroy(r->cr);
	cairo_surface_destroy(scratch);
	r->cr = NULL;
	r->surf = NULL;
	return r->page;
}

/* Title, author, subject, keywords and creator: what a document system files it by. */
static void pdf_metadata(cairo_surface_t *surf, const struct rep_data *d)
{
	const struct hm_report_template *t = d->tpl;
	char buf[512];

	/* Names from a mailed survey or a template may not be UTF-8: cairo would fail the PDF. */
	if (t->title[0])
		snprintf(buf, sizeof(buf), "%s", t->title);
	else
		snprintf(buf, sizeof(buf), "Wi-Fi coverage evidence report — %s",
			 d->meta.site[0] ? d->meta.site : d->survey_name);
	fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_TITLE, buf);
	if (t->author[0] || d->meta.surveyor[0])
		fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_AUTHOR,
					   t->author[0] ? t->author : d->meta.surveyor);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "notspot " NOTSPOT_VERSION);
	snprintf(buf, sizeof(buf), "Wi-Fi coverage against the %s profile%s%s%s%s", d->prof.name,
		 t->reference[0] ? "; reference " : "", t->reference,
		 t->classification[0] ? "; " : "", t->classification);
	if (d->simulated && strlen(buf) + 20 < sizeof(buf))
		strcat(buf, "; SIMULATED DATA");
	fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, buf);
	snprintf(buf, sizeof(buf), "Wi-Fi, coverage, not-spots, %s, %s%s", d->prof.name,
		 d->meta.site[0] ? d->meta.site : d->survey_name, d->simulated ? ", simulated" : "");
	fp_outsurface_pdf_metadata(surf, CAIRO_PDF_METADATA_KEYWORDS, buf);
}

/* Pass 2: the PDF, made in memory, given its language, then written to @path. */
static int write_pdf(struct rep *r, const char *path, struct ns_err *err)
{
	struct strbuf pdf = STRBUF_INIT;
	struct ns_outfile of;
	cairo_status_t st;
	int rc;

	r->surf = cairo_pdf_surface_create_for_stream(rep_pdf_append, &pdf, A4_W, A4_H);
	if ((st = cairo_surface_status(r->surf))) {
		cairo_surface_destroy(r->surf);
		return ns_err_set(err, -EIO, "cannot write %s: %s", path, cairo_status_to_string(st));
	}
	pdf_metadata(r->surf, r->d);
	r->cr = cairo_create(r->surf);
	r->dry = false;
	rep_lay_out(r);
	st = cairo_status(r->cr);
	cairo_destroy(r->cr);
	cairo_surface_finish(r->surf);
	if (!st)
		st = cairo_surface_status(r->surf);
	cairo_surface_destroy(r->surf);
	r->surf = NULL;
	if (st || r->oom || strbuf_failed(&pdf)) {
		strbuf_release(&pdf);
		return st ? ns_err_set(err, -EIO, "cannot write %s: %s", path,
				       cairo_status_to_string(st))
			  : ns_err_set(err, -ENOMEM, "out of memory writing %s", path);
	}
	if (r->page != r->pages) { /* both passes run the same layout: a bug if not */
		strbuf_release(&pdf);
		return ns_err_set(err, -EPROTO,
				  "the report's layout changed between passes (%d, then %d pages)",
				  r->pages, r->page);
	}
	if ((rc = rep_pdf_set_lang(&pdf, r->d->tpl->language)) == -ENOMEM) {
		strbuf_release(&pdf);
		return ns_err_set(err, rc, "out of memory writing %s", path);
	}
	if (!(rc = ns_outfile_open(&of, path, err))) {
		if (ns_outfile_write(&of, pdf.buf, pdf.len)) { /* named with its errno */
			rc = ns_outfile_error(&of, "write error", err);
			ns_outfile_abort(&of);
		} else {
			rc = ns_outfile_commit(&of, err);
		}
	}
	strbuf_release(&pdf);
	return rc;
}

static void fill_info(const struct rep_data *d, const struct rep *r, struct hm_report_info *info)
{
	int pages = r->pages;

	memset(info, 0, sizeof(*info));
	info->pages = pages;
	info->floors = d->nfloors;
	info->simulated = d->simulated;
	for (size_t i = 0; i < d->nfloors; i++) {
		info->wards += d->floors[i].nwards;
		info->notspots += d->floors[i].map.notspots.n;
	}
}

int hm_report_write(struct survey *s, const char *survey_name, const struct hm_report_opts *o,
		    const char *path, struct hm_report_info *info, struct ns_err *err)
{
	struct rep_data *d = malloc(sizeof(*d));
	struct fp_raster *drawings = NULL;
	struct rep r = { 0 };
	int rc;

	if (!d)
		return ns_err_set(err, -ENOMEM, "out of memory");
	if ((rc = rep_data_gather(d, s, survey_name, o, err)))
		goto out;
	/* The floors' drawings under the maps; a floor without one (or whose drawing fails) is plain. */
	drawings = calloc(d->nfloors, sizeof(*drawings));
	if (!drawings) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < d->nfloors; i++)
		if (d->floors[i].fp->image && d->floors[i].fp->image_len)
			fp_raster_for_floor(d->floors[i].fp, &drawings[i], NULL);
	if (rep_data_rooms(d, drawings)) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	r.d = d;
	r.drawings = drawings;
	r.pages = count_pages(&r);
	if ((rc = write_pdf(&r, path, err)))
		goto out;
	if (info) {
		fill_info(d, &r, info);
		info->bookmarks = r.bookmarks;
		info->type_min = r.type_min;
		info->legend_type_min = r.legend_type_min;
	}
out:
	for (size_t i = 0; drawings && i < d->nfloors; i++)
		fp_raster_release(&drawings[i]);
	free(drawings);
	rep_data_release(d);
	free(d);
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
