/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_marks.c — what is drawn on the map besides the field
 * (render_priv.h): the line style of each wall material and door, the AP
 * markers by kind with their names placed clear of each other
 * (render_labels.h), and the north arrow.
 *
 * Every style reads in greyscale: walls differ by weight and dash, not by
 * colour; markers by shape.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/render_labels.h"
#include "heatmap/render_priv.h"

/* Walls by material, light to heavy; the last row is any other material. */
static const struct hmr_line_style walls[] = {
	{ "plasterboard", 0.7, { 0, 0 }, false, false },
	{ "glass", 0.7, { 2.5, 1.5 }, false, false },
	{ "glass-low-e", 1.3, { 2.5, 1.5 }, false, false },
	{ "wooden-door", 1.0, { 0, 0 }, false, false },
	{ "brick", 1.3, { 0, 0 }, false, false },
	{ "concrete", 1.9, { 0, 0 }, false, false },
	{ "fire-door", 1.9, { 1.2, 1.2 }, false, false },
	{ "lift-shaft", 2.6, { 0, 0 }, true, false },
	{ "lead-lined", 3.2, { 0, 0 }, false, true },
	{ NULL, 1.3, { 4, 1.2 }, true, false },
};

/* Doors: a gap in the wall, with a leaf line by weight. */
static const struct hmr_line_style doors[] = {
	{ "doorway", 0, { 0, 0 }, false, false },
	{ "wooden-door", 0.5, { 0, 0 }, false, false },
	{ "fire-door", 1.3, { 0, 0 }, false, false },
};

const struct hmr_line_style *hmr_wall_styles(size_t *n)
{
	*n = sizeof(walls) / sizeof(walls[0]);
	return walls;
}

const struct hmr_line_style *hmr_door_styles(size_t *n)
{
	*n = sizeof(doors) / sizeof(doors[0]);
	return doors;
}

size_t hmr_wall_style_of(const char *material)
{
	size_t n = sizeof(walls) / sizeof(walls[0]);

	for (size_t k = 0; k + 1 < n; k++)
		if (strcmp(walls[k].key, material) == 0)
			return k;
	return n - 1;
}

int hmr_door_style_of(const char *kind)
{
	if (strcmp(kind, "doorway") == 0)
		return 0;
	if (strcmp(kind, "fire-door") == 0 || strcmp(kind, "lift-shaft") == 0 ||
	    strcmp(kind, "lead-lined") == 0)
		return 2;
	return 1;
}

void hmr_stroke_styled(struct ctx *c, const struct hmr_line_style *st, double scale)
{
	cairo_t *cr = c->cr;
	double w = st->width * c->u * scale;
	double dash[2] = { st->dash[0] * c->u * scale, st->dash[1] * c->u * scale };

	cairo_save(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, w + 1.4 * c->u * scale);
	cairo_stroke_preserve(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(cr, w);
	cairo_set_dash(cr, dash, dash[0] > 0 ? 2 : 0, 0);
	if (st->cased || st->dotted)
		cairo_stroke_preserve(cr);
	else
		cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_set_source_rgb(cr, 1, 1, 1);
	if (st->cased) {
		cairo_set_line_width(cr, w * 0.3);
		cairo_stroke(cr);
	} else if (st->dotted) {
		double dots[2] = { 0, 2.4 * c->u * scale };

		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_line_width(cr, w * 0.45);
		cairo_set_dash(cr, dots, 2, 0);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* ---- AP markers ----------------------------------------------------------------- */

#define MARK_R 4.5 /* half size, points */

enum hm_ap_kind hm_ap_kind_of(const struct fp_ap *ap)
{
	if (strcmp(ap->source, "surveyed") == 0)
		return HM_AP_SURVEYED;
	if (strcmp(ap->source, "estimated") == 0)
		return HM_AP_ESTIMATED;
	if (strcmp(ap->source, "proposed") == 0)
		return HM_AP_PROPOSED;
	return HM_AP_PLANNED;
}

/* The marker's outline as the current path, centred at (@x, @y), half size @r. */
static void marker_path(cairo_t *cr, enum hm_ap_kind kind, double x, double y, double r)
{
	cairo_new_path(cr);
	switch (kind) {
	case HM_AP_PLANNED:
	case HM_AP_SURVEYED:
		cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
		break;
	case HM_AP_ESTIMATED:
		cairo_move_to(cr, x, y - 1.2 * r);
		cairo_line_to(cr, x + 1.1 * r, y + 0.8 * r);
		cairo_line_to(cr, x - 1.1 * r, y + 0.8 * r);
		cairo_close_path(cr);
		break;
	case HM_AP_PROPOSED:
		cairo_move_to(cr, x, y - 1.3 * r);
		cairo_line_to(cr, x + 1.3 * r, y);
		cairo_line_to(cr, x, y + 1.3 * r);
		cairo_line_to(cr, x - 1.3 * r, y);
		cairo_close_path(cr);
		break;
	default:
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		break;
	}
}

void hmr_ap_marker(struct ctx *c, enum hm_ap_kind kind, double x, double y)
{
	cairo_t *cr = c->cr;
	double r = MARK_R * c->u;
	bool filled = kind == HM_AP_SURVEYED || kind == HM_AP_PROPOSED;

	if (c->dry)
		return;
	cairo_save(cr);
	marker_path(cr, kind, x, y, r);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 3.2 * c->u);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_stroke_preserve(cr);
	cairo_set_source_rgb(cr, filled ? 0 : 1, filled ? 0 : 1, filled ? 0 : 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1.2 * c->u);
	if (kind == HM_AP_OTHER_FLOOR) {
		double dash[2] = { 1.6 * c->u, 1.1 * c->u };

		cairo_set_dash(cr, dash, 2, 0);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* One marker to draw and name. */
struct mark {
	enum hm_ap_kind kind;
	struct fp_point pos;
	char name[96];
};

/* Whether radio @r is the first fitted radio of its physical AP (one triangle each). */
bool hmr_fit_elsewhere(const struct hm_map *m, size_t r)
{
	int a = m->fits ? m->fits[r].ap : -1;

	return a >= 0 && (size_t)a < m->naps && m->aps[a].level[0] &&
	       strcmp(m->aps[a].level, m->fp->name) != 0;
}

static bool first_fit_of_ap(const struct hm_map *m, const struct hm_set *set, size_t r)
{
	if (!m->used[r] || m->fits[r].nbins < 4 || hmr_fit_elsewhere(m, r))
		return false;
	for (size_t q = 0; q < r; q++)
		if (m->used[q] && set->radios[q].phys == set->radios[r].phys && m->fits[q].nbins >= 4)
			return false;
	return true;
}

/* Every marker inside the view: the floor's APs, the fitted places, the caller's marks. */
static size_t collect_marks(const struct ctx *c, struct mark *mk, size_t cap)
{
	const struct hm_map *m = c->m;
	const struct hm_set *set = c->o->set;
	size_t n = 0;

	for (size_t k = 0; c->o->show_aps && k < m->fp->naps && n < cap; k++) {
		const struct fp_ap *ap = &m->fp->aps[k];

		if (hmr_in_view(c, ap->pos, 0)) {
			mk[n] = (struct mark){ hm_ap_kind_of(ap), ap->pos, "" };
			snprintf(mk[n++].name, sizeof(mk[0].name), "%s", ap->name);
		}
	}
	for (size_t k = 0; k < c->o->nmarks && n < cap; k++) {
		const struct hm_ap_mark *a = &c->o->marks[k];

		if (hmr_in_view(c, a->pos, 0)) {
			mk[n] = (struct mark){ a->kind, a->pos, "" };
			snprintf(mk[n++].name, sizeof(mk[0].name), "%s%s%s%s", a->name,
				 a->level[0] ? " (" : "", a->level, a->level[0] ? ")" : "");
		}
	}
	for (size_t k = 0; c->o->show_aps && k < m->nothers && n < cap; k++) {
		const struct hm_other_ap *a = &m->others[k];

		if (hmr_in_view(c, a->pos, 0)) {
			mk[n] = (struct mark){ HM_AP_OTHER_FLOOR, a->pos, "" };
			snprintf(mk[n++].name, sizeof(mk[0].name), "%.60s (%.30s)", a->name, a->level);
		}
	}
	for (size_t r = 0; c->o->show_aps && set && m->fits && r < m->nradios && r < set->nradios &&
			   n < cap;
	     r++) {
		struct fp_point p = { m->fits[r].x, m->fits[r].y };

		if (first_fit_of_ap(m, set, r) && hmr_in_view(c, p, 0)) {
			mk[n] = (struct mark){ HM_AP_ESTIMATED, p, "" };
			snprintf(mk[n++].name, sizeof(mk[0].name), "%s",
				 set->phys[set->radios[r].phys].name);
		}
	}
	return n;
}

/* A leader from the marker's edge to the nearest point of the label's box. */
static void leader(struct ctx *c, double ax, double ay, struct hm_box b)
{
	double lx = fmin(fmax(ax, b.x0), b.x1), ly = fmin(fmax(ay, b.y0), b.y1);

	cairo_new_path(c->cr);
	cairo_move_to(c->cr, ax, ay);
	cairo_line_to(c->cr, lx, ly);
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_set_line_width(c->cr, 2 * c->u);
	cairo_stroke_preserve(c->cr);
	cairo_set_source_rgb(c->cr, 0, 0, 0);
	cairo_set_line_width(c->cr, 0.6 * c->u);
	cairo_stroke(c->cr);
}

/* Name the @n markers @mk at @req, clear of the map's obstacles; the homeless are listed. */
static void name_marks(struct ctx *c, const struct mark *mk, struct hm_label_req *req, size_t n)
{
	struct hm_label_place *pl = calloc(n + 1, sizeof(*pl));
	struct hm_box frame = { c->v.mx, c->v.my, c->v.mx + c->v.mw, c->v.my + c->v.mh };
	struct hm_label_gaps gaps = { 2.5 * c->u, 14 * c->u, 1.2 * c->u };

	if (!pl)
		return;
	hm_labels_place(req, n, c->obst, c->nobst, frame, &gaps, pl);
	for (size_t k = 0; k < n; k++) {
		if (!pl[k].placed) {
			size_t len = strlen(c->unlabelled);

			snprintf(c->unlabelled + len, sizeof(c->unlabelled) - len, "%s%s",
				 len ? ", " : "", mk[k].name);
			c->nunlabelled++;
			continue;
		}
		if (pl[k].leader && !c->dry)
			leader(c, req[k].ax, req[k].ay, pl[k].box);
		hmr_text(c, pl[k].box.x0, pl[k].box.y0, mk[k].name, HMR_T_SMALL, false, FP_TEXT_LEFT,
			 true, 0, NULL);
		if (c->info.nlabels < HM_RENDER_MAX_LABELS)
			c->info.labels[c->info.nlabels++] = pl[k].box;
	}
	free(pl);
}

/* Markers in order of weight: what was planned or found first, estimates last. */
static int mark_cmp(const void *a, const void *b)
{
	static const int rank[HM_AP_NKINDS] = { 0, 0, 3, 1, 2 };
	const struct mark *x = a, *y = b;

	if (rank[x->kind] != rank[y->kind])
		return rank[x->kind] - rank[y->kind];
	if (x->pos.y != y->pos.y)
		return x->pos.y < y->pos.y ? -1 : 1;
	return x->pos.x < y->pos.x ? -1 : x->pos.x > y->pos.x;
}

void hmr_draw_aps(struct ctx *c)
{
	enum { CAP = 512 };
	struct mark *mk = calloc(CAP, sizeof(*mk));
	struct hm_label_req *req = calloc(CAP, sizeof(*req));
	size_t n;

	if (!mk || !req)
		goto out;
	n = collect_marks(c, mk, CAP);
	qsort(mk, n, sizeof(*mk), mark_cmp);
	for (size_t k = 0; k < n; k++) {
		double x, y, w = 0, h;

		hm_view_to_dev(&c->v, mk[k].pos.x, mk[k].pos.y, &x, &y);
		hmr_ap_marker(c, mk[k].kind, x, y);
		c->info.kinds[mk[k].kind]++;
		{
			bool dry = c->dry;

			c->dry = true; /* measure the name */
			h = hmr_text(c, 0, 0, mk[k].name, HMR_T_SMALL, false, FP_TEXT_LEFT, true, 0, &w);
			c->dry = dry;
		}
		req[k] = (struct hm_label_req){ x, y, 1.4 * MARK_R * c->u, w, h };
	}
	name_marks(c, mk, req, n);
out:
	free(mk);
	free(req);
}

/* ---- north arrow ----------------------------------------------------------------- */

double hm_floor_bearing(const struct fp_building *b, const struct floorplan *fp)
{
	/* building = R(rot) · floor, R turning clockwise as the drawing reads: the floor's up
	 * points rot degrees clockwise of the building's, whose up is at north_deg. */
	double deg = fmod(b->north_deg + fp->align.rot_deg, 360);

	return deg < 0 ? deg + 360 : deg;
}

void hmr_draw_north(struct ctx *c)
{
	cairo_t *cr = c->cr;
	double r = 11 * c->u, cx = c->v.mx + c->v.mw - r - 6 * c->u, cy = c->v.my + r + 6 * c->u;
	double a = -c->o->north_deg * M_PI / 180;

	if (!isfinite(c->o->north_deg))
		return;
	c->info.north_arrow = true;
	hmr_obstacle(c, (struct hm_box){ cx - r - 12 * c->u, cy - r, cx + r, cy + r });
	if (c->dry)
		return;
	cairo_save(cr);
	cairo_new_path(cr);
	cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.8 * c->u);
	cairo_stroke(cr);
	cairo_translate(cr, cx, cy);
	cairo_rotate(cr, a);
	cairo_move_to(cr, 0, -0.8 * r);
	cairo_line_to(cr, 0.35 * r, 0.5 * r);
	cairo_line_to(cr, 0, 0.25 * r);
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_move_to(cr, 0, -0.8 * r);
	cairo_line_to(cr, -0.35 * r, 0.5 * r);
	cairo_line_to(cr, 0, 0.25 * r);
	cairo_close_path(cr);
	cairo_stroke(cr);
	cairo_restore(cr);
	/* The letter stays upright, beside the dial. */
	hmr_text(c, cx - r - 3 * c->u, cy - 5 * c->u, "N", HMR_T_BODY, true, FP_TEXT_RIGHT, true, 0,
		 NULL);
}
