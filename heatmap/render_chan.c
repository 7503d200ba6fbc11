/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_chan.c — the channel layer (render_priv.h): beside each AP, the
 * channel and width of each of its radios with the plan's flags (DFS, PSC,
 * 2.4 GHz channels other than 1/6/11), and a dashed line from each radio to
 * the nearest radio on an overlapping channel, named with the distance (the
 * reuse distance; heatmap/chanplan.h). A radio the plan does not place is
 * drawn where it was heard loudest, its label in brackets.
 */
#include <math.h>
#include <stdio.h>
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

static void reuse_line(struct ctx *c, const struct hm_chan_radio *a, const struct hm_chan_radio *b)
{
	cairo_t *cr = c->cr;
	double ax, ay, bx, by, rgb[3], dash[2] = { 3 * c->u, 2 * c->u };
	char buf[24];

	hm_view_to_dev(&c->v, a->x_m, a->y_m, &ax, &ay);
	hm_view_to_dev(&c->v, b->x_m, b->y_m, &bx, &by);
	band_rgb(a->band, rgb);
	cairo_save(cr);
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
	snprintf(buf, sizeof(buf), "%.0f m", a->reuse_m);
	hmr_text(c, (ax + bx) / 2, (ay + by) / 2, buf, HMR_T_SMALL, false, FP_TEXT_CENTER, true, 0,
		 NULL);
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

/*
 * The label of the AP of radio @i, its name over one line per radio, at
 * (@x, @y); nothing painted when @measure (the size into *@w, *@h).
 */
static void ap_label(struct ctx *c, const struct hm_chanplan *cp, size_t i, double x, double y,
		     bool measure, double *w, double *h)
{
	bool dry = c->dry;
	double lw, y0 = y;
	char buf[80], txt[80];

	c->dry = measure;
	*w = 0;
	snprintf(buf, sizeof(buf), cp->r[i].placed_by == HM_CHAN_PLAN ? "%s" : "(%s)", cp->r[i].ap);
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

/* Every AP's label, placed clear of the others (render_labels.h), with a dot at the AP. */
static void ap_labels(struct ctx *c, const struct hm_chanplan *cp)
{
	struct hm_label_req req[HM_RENDER_MAX_LABELS] = { 0 };
	struct hm_label_place pl[HM_RENDER_MAX_LABELS];
	size_t idx[HM_RENDER_MAX_LABELS], n = 0;
	struct hm_label_gaps gaps = { 2 * c->u, 14 * c->u, 1.5 * c->u };
	struct hm_box frame = { c->v.mx, c->v.my, c->v.mx + c->v.mw, c->v.my + c->v.mh };
	double w, h;

	for (size_t i = 0; i < cp->n && n < HM_RENDER_MAX_LABELS; i++) {
		if (!first_of_ap(c, cp, i))
			continue;
		hm_view_to_dev(&c->v, cp->r[i].x_m, cp->r[i].y_m, &req[n].ax, &req[n].ay);
		req[n].r = 2.5 * c->u;
		ap_label(c, cp, i, 0, 0, true, &req[n].w, &req[n].h);
		idx[n++] = i;
	}
	hm_labels_place(req, n, c->obst, c->nobst, frame, &gaps, pl);
	for (size_t k = 0; k < n; k++) {
		cairo_new_path(c->cr);
		cairo_arc(c->cr, req[k].ax, req[k].ay, 2 * c->u, 0, 2 * M_PI);
		cairo_set_source_rgb(c->cr, 1, 1, 1);
		cairo_set_line_width(c->cr, 1.2 * c->u);
		cairo_stroke_preserve(c->cr);
		cairo_set_source_rgb(c->cr, 0, 0, 0);
		cairo_fill(c->cr);
		if (!pl[k].placed)
			continue;
		if (pl[k].leader) {
			cairo_move_to(c->cr, req[k].ax, req[k].ay);
			cairo_line_to(c->cr, (pl[k].box.x0 + pl[k].box.x1) / 2,
				      (pl[k].box.y0 + pl[k].box.y1) / 2);
			cairo_set_line_width(c->cr, 0.5 * c->u);
			cairo_stroke(c->cr);
		}
		ap_label(c, cp, idx[k], pl[k].box.x0, pl[k].box.y0, false, &w, &h);
	}
}

void hmr_draw_chans(struct ctx *c)
{
	const struct hm_chanplan *cp = c->o->chanplan;

	if (!cp || c->dry)
		return;
	for (size_t i = 0; i < cp->n; i++) {
		const struct hm_chan_radio *a = &cp->r[i];
		const struct hm_chan_radio *b = a->reuse_with >= 0 ? &cp->r[a->reuse_with] : NULL;

		/* Each pair once: from the lower index, or when the other's nearest is elsewhere. */
		if (b && radio_shown(c, a) && ((size_t)a->reuse_with > i || b->reuse_with != (long)i))
			reuse_line(c, a, b);
	}
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
					      "each radio's channel (band) and width beside its AP; "
					      "bold: DFS, or a 2.4 GHz channel other than 1, 6, 11; "
					      "PSC: a 6 GHz preferred scanning channel; an AP name in "
					      "brackets: not on the plan, shown where heard loudest",
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
