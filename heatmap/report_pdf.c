/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_pdf.c — the report's PDF in memory, and its document language.
 *
 * cairo 1.16 (Debian 12's) writes the title, author, subject and keywords
 * (cairo_pdf_surface_set_metadata), the outline (cairo_pdf_surface_add_outline)
 * and structure tags with /MarkInfo (cairo_tag_begin), but no /Lang: no
 * Debian package adds one without a C++ library or a tool run by hand. The
 * smallest correct step is an incremental update (PDF 1.7, 7.5.6): append a
 * new revision of the catalog object, the same dictionary with /Lang added,
 * a cross-reference section holding that one object, and a trailer whose
 * /Prev points at cairo's cross-reference table. Every byte cairo wrote stays
 * where it was; a reader takes the newest revision of the catalog.
 *
 * cairo 1.16 writes a classic cross-reference table ("xref") and a trailer
 * dictionary with /Size, /Root and /Info, and the catalog as a plain object
 * (no object streams). Anything else is refused and the PDF left as it is.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/report_priv.h"

cairo_status_t rep_pdf_append(void *closure, const unsigned char *data, unsigned int len)
{
	return strbuf_add(closure, data, len) ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* The last occurrence of @needle in the @len bytes at @hay, or NULL. */
static const char *last_of(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t k = len >= n ? len - n + 1 : 0; k-- > 0;)
		if (memcmp(hay + k, needle, n) == 0)
			return hay + k;
	return NULL;
}

/* The number after @key (e.g. "/Root ") in the dictionary text [@p, @end), or -1. */
static long long number_after(const char *p, const char *end, const char *key)
{
	size_t n = strlen(key);

	for (; p + n < end; p++)
		if (memcmp(p, key, n) == 0) {
			char *e;
			long long v = strtoll(p + n, &e, 10);

			return e > p + n && v >= 0 ? v : -1;
		}
	return -1;
}

/* What cairo's trailer says: the catalog's number, the table's size and place, the info. */
struct trailer {
	long long root, size, info, xref;
};

static int read_trailer(const struct strbuf *pdf, struct trailer *t)
{
	const char *b = pdf->buf, *end = b + pdf->len;
	const char *tr = last_of(b, pdf->len, "trailer"), *sx = last_of(b, pdf->len, "startxref");

	if (!tr || !sx || sx < tr)
		return -EINVAL;
	t->root = number_after(tr, sx, "/Root ");
	t->size = number_after(tr, sx, "/Size ");
	t->info = number_after(tr, sx, "/Info ");
	t->xref = number_after(sx, end, "startxref");
	if (t->root <= 0 || t->size <= t->root || t->xref <= 0 || (size_t)t->xref >= pdf->len ||
	    strncmp(b + t->xref, "xref", 4) != 0)
		return -EINVAL;
	return 0;
}

/* The catalog's dictionary: from its "<<" to the ">>" that closes it. */
static int catalog_dict(const struct strbuf *pdf, long long root, const char **d0,
			const char **d1)
{
	char head[48];
	const char *b = pdf->buf, *p = NULL, *end = b + pdf->len;
	int depth = 0;

	snprintf(head, sizeof(head), "\n%lld 0 obj", root);
	p = last_of(b, pdf->len, head);
	if (!p || !(p = strstr(p, "<<")) || p >= end)
		return -EINVAL;
	*d0 = p;
	for (; p + 1 < end; p++) {
		if (p[0] == '<' && p[1] == '<') {
			depth++;
			p++;
		} else if (p[0] == '>' && p[1] == '>') {
			if (--depth == 0) {
				*d1 = p + 2;
				return strstr(*d0, "/Type /Catalog") && strstr(*d0, "/Type /Catalog") < *d1
					       ? 0
					       : -EINVAL;
			}
			p++;
		} else if (p[0] == '(') { /* cairo's catalog holds no strings: not one of its */
			return -EINVAL;
		}
	}
	return -EINVAL;
}

static bool lang_tag(const char *lang)
{
	if (!*lang || strlen(lang) > 35)
		return false;
	for (const char *c = lang; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-')
			return false;
	return true;
}

int rep_pdf_set_lang(struct strbuf *pdf, const char *lang)
{
	struct trailer t;
	const char *d0, *d1;
	size_t at, xat, old = pdf->len;
	struct strbuf dict = STRBUF_INIT;
	int rc;

	if (!lang_tag(lang))
		return -EINVAL;
	if ((rc = read_trailer(pdf, &t)) || (rc = catalog_dict(pdf, t.root, &d0, &d1)))
		return rc;
	if (strbuf_add(&dict, d0, (size_t)(d1 - d0 - 2))) { /* without its closing ">>" */
		strbuf_release(&dict);
		return -ENOMEM;
	}
	if (strstr(dict.buf, "/Lang")) { /* a cairo that writes it already */
		strbuf_release(&dict);
		return 0;
	}
	if (pdf->buf[pdf->len - 1] != '\n')
		strbuf_addch(pdf, '\n');
	at = pdf->len;
	strbuf_addf(pdf, "%lld 0 obj\n%s   /Lang (%s)\n>>\nendobj\n", t.root, dict.buf, lang);
	strbuf_release(&dict);
	/* The new section: the free list's head and the catalog, 20-byte entries. */
	xat = pdf->len;
	strbuf_addf(pdf, "xref\n0 1\n0000000000 65535 f \n%lld 1\n%010zu 00000 n \n", t.root, at);
	strbuf_addf(pdf, "trailer\n<< /Size %lld\n   /Root %lld 0 R\n", t.size, t.root);
	if (t.info > 0)
		strbuf_addf(pdf, "   /Info %lld 0 R\n", t.info);
	strbuf_addf(pdf, "   /Prev %lld\n>>\nstartxref\n%zu\n%%%%EOF\n", t.xref, xat);
	if (strbuf_failed(pdf)) {
		strbuf_setlen(pdf, old);
		return -ENOMEM;
	}
	return 0;
}
