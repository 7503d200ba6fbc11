/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_rooms.c — the rooms a not-spot lies in (report_priv.h). notspot's
 * floor model knows wards, not rooms; the drawing does: an architect's SVG
 * writes "Side room 6" in the middle of side room 6. Its <text> elements are
 * read with GLib's GMarkup (no DTD, no entities beyond XML's own, nothing
 * fetched), their anchors taken through the drawing's scale into the
 * floor's metres, and a not-spot is said to lie in a room when the room's
 * name is written in one of its cells or in sight of one (within 6 m, no
 * wall or door between). The SVG is outside bytes: the fuzz target
 * tests/fuzz/fuzz_report_rooms.c feeds it anything.
 */
#include <ctype.h>
#include <errno.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/report_priv.h"

#define ROOM_SIGHT_M 6.0
#define ROOM_MIN_FONT 8.0   /* smaller type is a mark (FD), not a room's name */
#define ROOMS_MAX 2000
#define TEXT_MAX 63

struct parse {
	double scale;            /* SVG user unit → the floor's working raster px */
	double vb_x, vb_y;       /* the root's viewBox origin */
	int depth, moved_at;     /* element depth; where a moving transform began (0: none) */
	bool in_text, text_ok;
	double x, y, size;
	char text[TEXT_MAX + 1];
	size_t len;
	struct rep_room *v;
	size_t n, cap;
	const struct floorplan *fp;
};

static const char *attr(const char **names, const char **values, const char *name)
{
	for (size_t k = 0; names[k]; k++)
		if (strcmp(names[k], name) == 0)
			return values[k];
	return NULL;
}

/* The first number of an attribute ("12", "12px", "12 40"), or @dflt. */
static double number(const char *s, double dflt)
{
	char *e;
	double v;

	if (!s)
		return dflt;
	v = strtod(s, &e);
	return e > s && isfinite(v) ? v : dflt;
}

/* Whether a transform moves a point: anything but a rotation about the text's own anchor. */
static bool moves(const char *tf, double x, double y)
{
	double a, cx, cy;

	if (!tf || !*tf)
		return false;
	if (sscanf(tf, " rotate(%lf %lf %lf)", &a, &cx, &cy) == 3 ||
	    sscanf(tf, " rotate(%lf , %lf , %lf)", &a, &cx, &cy) == 3)
		return fabs(cx - x) > 1e-6 || fabs(cy - y) > 1e-6;
	return true;
}

/* The root <svg>: its viewBox maps user units onto its width (what the loader rasterised). */
static void root_scale(struct parse *p, const char **n, const char **v)
{
	const char *vb = attr(n, v, "viewBox");
	double x, y, w, h;

	if (vb && sscanf(vb, " %lf %*[ ,] %lf %*[ ,] %lf %*[ ,] %lf", &x, &y, &w, &h) == 4 && w > 0 &&
	    h > 0 && isfinite(x) && isfinite(y)) {
		double width = number(attr(n, v, "width"), w);

		p->scale *= width > 0 ? width / w : 1;
		p->vb_x = x;
		p->vb_y = y;
	}
}

static void on_start(GMarkupParseContext *ctx, const char *el, const char **n, const char **v,
		     gpointer data, GError **gerr)
{
	struct parse *p = data;
	const char *tf = attr(n, v, "transform");

	(void)ctx;
	(void)gerr;
	p->depth++;
	if (p->depth == 1 && strcmp(el, "svg") == 0)
		root_scale(p, n, v);
	if (strcmp(el, "text") == 0 && !p->in_text) {
		p->in_text = true;
		p->x = number(attr(n, v, "x"), NAN);
		p->y = number(attr(n, v, "y"), NAN);
		p->size = number(attr(n, v, "font-size"), 12);
		p->text_ok = !p->moved_at && isfinite(p->x) && isfinite(p->y) && !moves(tf, p->x, p->y);
		p->len = 0;
	} else if (!p->moved_at && !p->in_text && tf && *tf) {
		p->moved_at = p->depth; /* a group that moves what it holds: not placed, not used */
	}
}

static void on_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data,
		    GError **gerr)
{
	struct parse *p = data;

	(void)ctx;
	(void)gerr;
	for (gsize k = 0; p->in_text && k < len && p->len < TEXT_MAX; k++)
		p->text[p->len++] = text[k] == '\n' || text[k] == '\t' ? ' ' : text[k];
}

/* Whether @s names a room: a letter in it, 2 bytes or more, not a bed count ("6 beds"). */
static bool room_name(const char *s)
{
	const char *c = s;
	bool letter = false;

	for (const char *q = s; *q; q++)
		letter |= isalpha((unsigned char)*q);
	if (!letter || strlen(s) < 2)
		return false;
	while (isdigit((unsigned char)*c))
		c++;
	if (c > s) {
		while (*c == ' ')
			c++;
		if (strncmp(c, "bed", 3) == 0)
			return false;
	}
	return true;
}

static void keep_room(struct parse *p)
{
	const struct floorplan *fp = p->fp;
	char *s = p->text, *e;
	double px, py;

	s[p->len] = 0;
	while (*s == ' ')
		s++;
	for (e = s + strlen(s); e > s && e[-1] == ' '; e--)
		e[-1] = 0;
	if (!p->text_ok || p->size < ROOM_MIN_FONT || !room_name(s) || p->n >= ROOMS_MAX)
		return;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		void *np = realloc(p->v, cap * sizeof(*p->v));

		if (!np)
			return;
		p->v = np;
		p->cap = cap;
	}
	px = (p->x - p->vb_x) * p->scale;
	py = (p->y - p->vb_y) * p->scale;
	p->v[p->n].at = (struct fp_point){ (px - fp->origin_x_px) / fp->px_per_m,
					   (py - fp->origin_y_px) / fp->px_per_m };
	snprintf(p->v[p->n].name, sizeof(p->v[p->n].name), "%s", s);
	p->n++;
}

static void on_end(GMarkupParseContext *ctx, const char *el, gpointer data, GError **gerr)
{
	struct parse *p = data;

	(void)ctx;
	(void)gerr;
	if (p->in_text && strcmp(el, "text") == 0) {
		keep_room(p);
		p->in_text = false;
	}
	if (p->moved_at == p->depth)
		p->moved_at = 0;
	p->depth--;
}

int rep_rooms_of_drawing(const struct floorplan *fp, const struct fp_raster *r,
			 struct rep_room **out, size_t *n, struct ns_err *err)
{
	static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
	struct parse p = { .scale = 1, .fp = fp };
	GMarkupParseContext *ctx;
	GError *gerr = NULL;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (!fp->image || !fp->image_len || strcmp(fp->image_type, "svg") != 0 ||
	    !(fp->px_per_m > 0) || !r || !(r->factor > 0) || fp->image_len > G_MAXSSIZE)
		return 0;
	p.scale = r->factor;
	ctx = g_markup_parse_context_new(&parser, G_MARKUP_PREFIX_ERROR_POSITION, &p, NULL);
	if (!g_markup_parse_context_parse(ctx, (const char *)fp->image, (gssize)fp->image_len,
					  &gerr) ||
	    !g_markup_parse_context_end_parse(ctx, &gerr)) {
		rc = ns_err_set(err, -EINVAL, "the floor's drawing is not readable XML: %s",
				gerr ? gerr->message : "unknown reason");
		g_clear_error(&gerr);
		free(p.v);
		p.v = NULL;
		p.n = 0;
	}
	g_markup_parse_context_free(ctx);
	*out = p.v;
	*n = p.n;
	return rc;
}

/* A room in sight of a not-spot, and how far. */
struct seen {
	size_t room;
	double d;
};

static int by_distance(const void *a, const void *b)
{
	double x = ((const struct seen *)a)->d, y = ((const struct seen *)b)->d;

	return x < y ? -1 : x > y;
}

/* The distance from @at to the nearest cell of not-spot @k in @in (NULL: any), and its centre. */
static double nearest_cell(const struct hm_grid *g, const struct hm_notspots *ns, size_t k,
			   const uint8_t *in, struct fp_point at, struct fp_point *cell)
{
	size_t nc = hm_grid_ncells(g);
	double best = INFINITY;

	for (size_t c = 0; c < nc; c++) {
		struct fp_point p;
		double d;

		if (ns->label[c] != (int32_t)k || (in && !in[c]))
			continue;
		p = hm_grid_center(g, (int)(c % (size_t)g->nx), (int)(c / (size_t)g->nx));
		d = hypot(p.x - at.x, p.y - at.y);
		if (d < best) {
			best = d;
			*cell = p;
		}
	}
	return best;
}

void rep_rooms_of_notspot(const struct floorplan *fp, const struct hm_grid *g,
			  const struct hm_notspots *ns, size_t k, const uint8_t *in,
			  const struct rep_room *rooms, size_t nrooms, struct strbuf *sb)
{
	struct seen *seen = calloc(nrooms + 1, sizeof(*seen));
	size_t nseen = 0;

	if (!seen || !ns->label) {
		free(seen);
		return;
	}
	for (size_t r = 0; r < nrooms; r++) {
		struct fp_point cell = rooms[r].at;
		double d = nearest_cell(g, ns, k, in, rooms[r].at, &cell);
		int crossed = 0;

		if (d > ROOM_SIGHT_M)
			continue;
		if (d > g->cell_m)
			fp_path_wall_loss(fp, rooms[r].at, cell, FP_BAND_5G, &crossed);
		if (crossed == 0)
			seen[nseen++] = (struct seen){ r, d };
	}
	qsort(seen, nseen, sizeof(*seen), by_distance);
	for (size_t s = 0; s < nseen && s < 4; s++)
		rep_add_unique(sb, rooms[seen[s].room].name);
	free(seen);
}
