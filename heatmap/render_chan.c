/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_chan.c — the channel layer (render_priv.h): beside each AP, the
 * channel and width of each of its radios with the plan's flags (DFS, PSC,
 * 2.4 GHz channels other than 1/6/11), and a dashed line from each radio to
 * the nearest radio on an overlapping channel, named with the distance (the
 * reuse distance; heatmap/chanplan.h). An AP stands where the channel plan
 * placed it (the floor plan, its physical AP's fitted place, or where it was
 * heard loudest; the label says which). One label per AP, placed by
 * render_labels.h clear of the others with a leader when moved; an AP with
 * no room is listed by the legend ("Not named on the map for lack of room").
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/chanplan.h"
#include "heatmap/render_labels.h"
#include "heatmap/render_priv.h"

#define SW 18.0 /* the legend's swatch, as render_legend.c's */
#define SH 11.0

static void band_rgb(enum meas_band b, double rgb[3])
{
	static const double c[4][3] = { { 0.3, 0.3, 0.3 }, { 0.8, 0.4, 0.0 }, { 0.0, 0.3, 0.75 },
					{ 0.5, 0.1, 0.6 } };

	memcpy(rgb, c[b <= MEAS_BAND_6G ? b : 0], sizeof(c[0]));
}

static bool radio_shown(const struct ctx *c, const struct hm_chan_radio *r)
{
	return r->placed_by && hmr_in_view(c, (struct fp_point){ r->x_m, r->y_m }, 0);
}

void hmr_find_chans(struct ctx *c)
{
	const struct hm_chanplan *cp = c->o->chanplan;

	for (size_t i = 0; cp && i < cp->n; i++) {
		if (!radio_shown(c, &cp->r[i]))
			continue;
		c->present.chans = true;
		c->present.chan_reuse |= cp->r[i].reuse_with >= 0;
	}
}

/* The dashed line between radios @a and @b, white-cased; nothing when dry. */
static void reuse_line(struct ctx *c, const struct hm_chan_radio *a, const struct hm_chan_radio *b)
{
	cairo_t *cr = c->cr;
	double ax, ay, bx, by, rgb[3], dash[2] = { 3 * c->u, 2 * c->u };

	if (c->dry)
		return;
	hm_view_to_dev(&c->v, a->x_m, a->y_m, &ax, &ay);
	hm_view_to_dev(&c->v, b->x_m, b->y_m, &bx, &by);
	band_rgb(a->band, rgb);
	cairo_save(cr);
	cairo_new_path(cr);
	cairo_move_to(cr, ax, ay);
	cairo_line_to(cr, bx, by);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 2.2 * c->u);
	cairo_stroke_preserve(cr);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_set_line_width(cr, 1.0 * c->u);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Whether @b meets none of the map's obstacles. */
static bool clear_of_obstacles(const struct ctx *c, struct hm_box b)
{
	for (size_t k = 0; k < c->nobst; k++)
		if (hm_box_overlap(b, c->obst[k]))
			return false;
	return true;
}

/*
 * The distance of the pair @a–@b on its line: at the middle, else a little
 * way along either side, where it meets no obstacle (a not-spot's number, a
 * ward's name, a distance already written); names placed later keep clear
 * of it. When nowhere is clear it goes at the middle, and is no obstacle.
 */
static void reuse_text(struct ctx *c, const struct hm_chan_radio *a, const struct hm_chan_radio *b)
{
	static const double along[] = { 0.5, 0.38, 0.62, 0.26, 0.74 };
	double ax, ay, bx, by, w, h, x = 0, y = 0;
	bool dry = c->dry, found = false;
	char buf[24];

	hm_view_to_dev(&c->v, a->x_m, a->y_m, &ax, &ay);
	hm_view_to_dev(&c->v, b->x_m, b->y_m, &bx, &by);
	snprintf(buf, sizeof(buf), "%.0f m", a->reuse_m);
	c->dry = true;
	h = hmr_text(c, 0, 0, buf, HMR_T_SMALL, false, FP_TEXT_LEFT, true, 0, &w);
	c->dry = dry;
	for (size_t k = 0; k < sizeof(along) / sizeof(along[0]) && !found; k++) {
		x = ax + (bx - ax) * along[k] - w / 2;
		y = ay + (by - ay) * along[k] - h / 2;
		found = clear_of_obstacles(c, (struct hm_box){ x, y, x + w, y + h });
	}
	if (!found) {
		x = (ax + bx) / 2 - w / 2;
		y = (ay + by) / 2 - h / 2;
	}
	hmr_text(c, x, y, buf, HMR_T_SMALL, false, FP_TEXT_LEFT, true, 0, NULL);
	if (!found)
		return;
	hmr_obstacle(c, (struct hm_box){ x, y, x + w, y + h });
	if (c->info.nlabels < HM_RENDER_MAX_LABELS)
		c->info.labels[c->info.nlabels++] = (struct hm_box){ x, y, x + w, y + h };
}

/* Whether radio @i is the first shown radio of its AP (the one its label is drawn for). */
static bool first_of_ap(const struct ctx *c, const struct hm_chanplan *cp, size_t i)
{
	if (!radio_shown(c, &cp->r[i]))
		return false;
	for (size_t j = 0; j < i; j++)
		if (strcmp(cp->r[j].ap, cp->r[i].ap) == 0 && radio_shown(c, &cp->r[j]))
			return false;
	return true;
}

/* The first line of an AP's label: its name, and how it was placed unless by the plan. */
static void name_line(const struct hm_chan_radio *r, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", r->ap,
		 r->placed_by == HM_CHAN_FITTED    ? " (fitted)"
		 : r->placed_by == HM_CHAN_LOUDEST ? " (heard loudest)"
						   : "");
}

/*
 * The label of the AP of radio @i, its name over one line per radio, at
 * (@x, @y); nothing painted when @measure (the size into *@w, *@h).
 */
static void ap_label(struct ctx *c, const struct hm_chanplan *cp, size_t i, double x, double y,
		     bool measure, double *w, double *h)
{
	bool dry = c->dry;
	double lw, y0 = y;
	char buf[96], txt[80];

	c->dry = dry || measure;
	*w = 0;
	name_line(&cp->r[i], buf, sizeof(buf));
	y += hmr_text(c, x, y, buf, HMR_T_SMALL, true, FP_TEXT_LEFT, true, 0, &lw);
	*w = fmax(*w, lw);
	for (size_t j = i; j < cp->n; j++) {
		const struct hm_chan_radio *r = &cp->r[j];

		if (strcmp(r->ap, cp->r[i].ap) != 0 || !radio_shown(c, r))
			continue;
		hm_chan_radio_text(r, txt, sizeof(txt));
		y += hmr_text(c, x, y, txt, HMR_T_SMALL, r->off_plan || r->dfs, FP_TEXT_LEFT, true, 0,
			      &lw);
		*w = fmax(*w, lw);
	}
	*h = y - y0;
	c->dry = dry;
}

/* "L2-IMG-AP01 (ch 11, 149)": an AP whose label found no room, for the legend's list. */
static void list_unlabelled(struct ctx *c, const struct hm_chanplan *cp, size_t i)
{
	size_t len = strlen(c->unlabelled), n = 0;

	snprintf(c->unlabelled + len, sizeof(c->unlabelled) - len, "%s%s (", len ? ", " : "",
		 cp->r[i].ap);
	for (size_t j = i; j < cp->n; j++) {
		if (strcmp(cp->r[j].ap, cp->r[i].ap) != 0 || !radio_shown(c, &cp->r[j]))
			continue;
		len = strlen(c->unlabelled);
		snprintf(c->unlabelled + len, sizeof(c->unlabelled) - len, "%s%d", n++ ? ", " : "ch ",
			 cp->r[j].channel);
	}
	len = strlen(c->unlabelled);
	snprintf(c->unlabelled + len, sizeof(c->unlabelled) - len, ")");
	c->nunlabelled++;
}

/* The AP's marker: a black dot, white-edged; nothing when dry. */
static void ap_dot(struct ctx *c, double x, double y)
{
	if (c->dry)
		return;
	cairo_new_path(c->cr);
	cairo_arc(c->cr, x, y, 2 * c->u, 0, 2 * M_PI);
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_set_line_width(c->cr, 1.2 * c->u);
	cairo_stroke_preserve(c->cr);
	cairo_set_source_rgb(c->cr, 0, 0, 0);
	cairo_fill(c->cr);
}

/* A leader from the AP's dot to the nearest point of its label's box; nothing when dry. */
static void leader(struct ctx *c, double ax, double ay, struct hm_box b)
{
	if (c->dry)
		return;
	cairo_new_path(c->cr);
	cairo_move_to(c->cr, ax, ay);
	cairo_line_to(c->cr, fmin(fmax(ax, b.x0), b.x1), fmin(fmax(ay, b.y0), b.y1));
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_set_line_width(c->cr, 2 * c->u);
	cairo_stroke_preserve(c->cr);
	cairo_set_source_rgb(c->cr, 0, 0, 0);
	cairo_set_line_width(c->cr, 0.6 * c->u);
	cairo_stroke(c->cr);
}

/* Whether AP label @i chooses its place before @j: plan, fitted, loudest; then top down. */
static bool label_before(const struct hm_chanplan *cp, size_t i, size_t j)
{
	const struct hm_chan_radio *a = &cp->r[i], *b = &cp->r[j];

	if (a->placed_by != b->placed_by)
		return a->placed_by < b->placed_by;
	if (a->y_m != b->y_m)
		return a->y_m < b->y_m;
	if (a->x_m != b->x_m)
		return a->x_m < b->x_m;
	return strcmp(a->ap, b->ap) < 0;
}

/* Insertion sort of the @n labels @idx by label_before() (a few dozen at most). */
static void sort_labels(const struct hm_chanplan *cp, size_t *idx, size_t n)
{
	for (size_t k = 1; k < n; k++) {
		size_t v = idx[k], j = k;

		for (; j > 0 && label_before(cp, v, idx[j - 1]); j--)
			idx[j] = idx[j - 1];
		idx[j] = v;
	}
}

/* The APs' labels: the first radio of each, in placing order, their requests and places. */
struct chan_labels {
	size_t idx[HM_RENDER_MAX_LABELS];
	struct hm_label_req req[HM_RENDER_MAX_LABELS];
	struct hm_label_place pl[HM_RENDER_MAX_LABELS];
	size_t n, homeless;
};

/* Place @l's labels in the order of l->idx (render_labels.h); count the homeless. */
static void place_once(struct ctx *c, const struct hm_chanplan *cp, struct chan_labels *l)
{
	struct hm_label_gaps gaps = { 2 * c->u, 14 * c->u, 1.5 * c->u, 56 * c->u };
	struct hm_box frame = { c->v.mx, c->v.my, c->v.mx + c->v.mw, c->v.my + c->v.mh };

	for (size_t k = 0; k < l->n; k++) {
		const struct hm_chan_radio *r = &cp->r[l->idx[k]];

		hm_view_to_dev(&c->v, r->x_m, r->y_m, &l->req[k].ax, &l->req[k].ay);
		l->req[k].r = 2.5 * c->u;
		ap_label(c, cp, l->idx[k], 0, 0, true, &l->req[k].w, &l->req[k].h);
	}
	hm_labels_place(l->req, l->n, c->obst, c->nobst, frame, &gaps, l->pl);
	l->homeless = 0;
	for (size_t k = 0; k < l->n; k++)
		l->homeless += !l->pl[k].placed;
}

/*
 * Place the labels: plan, fitted, loudest, top down; when some find no room
 * they choose first on the next try (three at most), and the try that names
 * the most APs is kept in *@best.
 */
static void place_labels(struct ctx *c, const struct hm_chanplan *cp, struct chan_labels *l,
			 struct chan_labels *best)
{
	for (size_t i = 0; i < cp->n && l->n < HM_RENDER_MAX_LABELS; i++)
		if (first_of_ap(c, cp, i))
			l->idx[l->n++] = i;
	sort_labels(cp, l->idx, l->n);
	best->homeless = SIZE_MAX;
	for (int t = 0; t < 3; t++) {
		size_t order[HM_RENDER_MAX_LABELS], m = 0;

		place_once(c, cp, l);
		if (l->homeless < best->homeless)
			*best = *l;
		if (l->homeless == 0)
			break;
		for (int pass = 0; pass < 2; pass++)
			for (size_t k = 0; k < l->n; k++)
				if (l->pl[k].placed == (pass == 1))
					order[m++] = l->idx[k];
		memcpy(l->idx, order, l->n * sizeof(order[0]));
	}
}

/*
 * One label per AP listing its radios, placed clear of the other labels, the
 * markers and the map's obstacles, with a leader when moved away; the ones
 * with no room are listed by the legend. Each placed label is an obstacle
 * for the names drawn after it.
 */
static void ap_labels(struct ctx *c, const struct hm_chanplan *cp)
{
	struct chan_labels *l = calloc(2, sizeof(*l)), *b = l + 1;
	double w, h;

	if (!l)
		return;
	place_labels(c, cp, l, b);
	for (size_t k = 0; k < b->n; k++) {
		const struct hm_label_req *q = &b->req[k];
		const struct hm_label_place *p = &b->pl[k];

		ap_dot(c, q->ax, q->ay);
		if (!p->placed) {
			list_unlabelled(c, cp, b->idx[k]);
			continue;
		}
		if (p->leader)
			leader(c, q->ax, q->ay, p->box);
		ap_label(c, cp, b->idx[k], p->box.x0, p->box.y0, false, &w, &h);
		hmr_obstacle(c, p->box);
		if (c->info.nlabels < HM_RENDER_MAX_LABELS)
			c->info.labels[c->info.nlabels++] = p->box;
	}
	free(l);
}

/* Whether radio @i draws the reuse line to its nearest: each pair once. */
static bool draws_reuse(const struct ctx *c, const struct hm_chanplan *cp, size_t i)
{
	const struct hm_chan_radio *a = &cp->r[i];
	const struct hm_chan_radio *b = a->reuse_with >= 0 ? &cp->r[a->reuse_with] : NULL;

	/* From the lower index, or when the other's nearest is elsewhere. */
	return b && radio_shown(c, a) && ((size_t)a->reuse_with > i || b->reuse_with != (long)i);
}

void hmr_draw_chans(struct ctx *c)
{
	const struct hm_chanplan *cp = c->o->chanplan;

	if (!cp)
		return;
	for (size_t i = 0; i < cp->n; i++)
		if (draws_reuse(c, cp, i))
			reuse_line(c, &cp->r[i], &cp->r[cp->r[i].reuse_with]);
	for (size_t i = 0; i < cp->n; i++)
		if (draws_reuse(c, cp, i))
			reuse_text(c, &cp->r[i], &cp->r[cp->r[i].reuse_with]);
	ap_labels(c, cp);
}

double hmr_legend_chans(struct ctx *c, double x, double y, double w)
{
	double y0 = y, tw = w - (SW + 6) * c->u;

	if (!c->o->chanplan)
		return 0;
	if (c->present.chans) {
		hmr_text(c, x, y, "ch", HMR_T_SMALL, false, FP_TEXT_LEFT, false, 0, NULL);
		y += fmax(SH * c->u, hmr_text(c, x + (SW + 6) * c->u, y,
					      "each AP (dot) with its radios' channels (band) and "
					      "widths: at the floor plan's AP; \"(fitted)\": at the "
					      "place fitted to its readings; \"(heard loudest)\": where "
					      "the walks heard it loudest, a hint; bold: DFS, or a "
					      "2.4 GHz channel other than 1, 6, 11; PSC: a 6 GHz "
					      "preferred scanning channel",
					      HMR_T_BODY, false, FP_TEXT_LEFT, false, tw, NULL)) +
		     4 * c->u;
	}
	if (c->present.chan_reuse) {
		if (!c->dry) {
			double dash[2] = { 3 * c->u, 2 * c->u }, ly = y + SH * c->u / 2;

			cairo_save(c->cr);
			cairo_move_to(c->cr, x, ly);
			cairo_line_to(c->cr, x + SW * c->u, ly);
			cairo_set_source_rgb(c->cr, 0.0, 0.3, 0.75);
			cairo_set_line_width(c->cr, 1.0 * c->u);
			cairo_set_dash(c->cr, dash, 2, 0);
			cairo_stroke(c->cr);
			cairo_restore(c->cr);
		}
		y += fmax(SH * c->u, hmr_text(c, x + (SW + 6) * c->u, y,
					      "to the nearest radio on an overlapping channel, with "
					      "the distance (reuse distance; orange 2.4, blue 5, "
					      "purple 6 GHz)",
					      HMR_T_BODY, false, FP_TEXT_LEFT, false, tw, NULL)) +
		     4 * c->u;
	}
	return y - y0;
}
