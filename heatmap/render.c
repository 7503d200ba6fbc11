/* render.c — see render.h. */
#include "heatmap/render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "floorplans/geometry.h"
#include "heatmap/colormap.h"
#include "util/clock.h"
#include "util/outfile.h"
#include "util/version.h"

int hm_format_of_path(const char *path)
{
	size_t n = strlen(path);

	if (n >= 4 && strcasecmp(path + n - 4, ".png") == 0)
		return HM_FMT_PNG;
	if (n >= 4 && strcasecmp(path + n - 4, ".pdf") == 0)
		return HM_FMT_PDF;
	if (n >= 4 && strcasecmp(path + n - 4, ".svg") == 0)
		return HM_FMT_SVG;
	return -EINVAL;
}

void hm_render_opts_default(struct hm_render_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->metric = HM_M_PRIMARY;
	o->width_px = 2000;
}

/* ---- provenance ------------------------------------------------------------- */

static void day(int64_t us, char *buf, size_t len)
{
	char t[32];

	ns_format_utc(us, t, sizeof(t));
	snprintf(buf, len, "%.10s", t);
}

static const char *metric_key(int metric)
{
	return metric < 0 ? "pass" : hm_metric_info(metric)->key;
}

static const char *metric_label(int metric)
{
	return metric < 0 ? "Pass / fail" : hm_metric_info(metric)->label;
}

static void survey_dates(const struct hm_map *m, char *buf, size_t len)
{
	char a[16], b[16];

	if (!m->first_us) {
		snprintf(buf, len, "undated");
		return;
	}
	day(m->first_us, a, sizeof(a));
	day(m->last_us, b, sizeof(b));
	if (strcmp(a, b) == 0)
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%s to %s", a, b);
}

void hm_render_describe(const struct hm_map *m, const struct hm_render_opts *o, char *buf,
			size_t len)
{
	char dates[48];

	survey_dates(m, dates, sizeof(dates));
	snprintf(buf, len,
		 "site: %s\nfloor: %s\nward: %s\nmetric: %s\nssid: %s\nband: %s\nprofile: %s\n"
		 "surveyed: %s\nsamples: %zu\nmethod: %s%s\ncell: %g m\nreach: %g m\n"
		 "software: notspot %s\n%s",
		 o->site && *o->site ? o->site : "(unnamed site)",
		 o->floor && *o->floor ? o->floor : m->fp->name,
		 m->ward ? m->ward->name : "(whole floor)", metric_key(o->metric),
		 m->opts.ssid ? m->opts.ssid : "(all)", o->band && *o->band ? o->band : "(all)",
		 m->has_profile ? m->profile.name : "(none)", dates, m->nsamples,
		 hm_method_name(m->opts.method), m->opts.predict ? " (predicted beyond the reach)" : "",
		 m->grid.cell_m, m->opts.est.reach_m, NOTSPOT_VERSION,
		 o->simulated ? "data: SIMULATED by notspot's propagation model, not measurements\n" : "");
}

/* ---- drawing helpers ------------------------------------------------------------ */

struct ctx {
	cairo_t *cr;
	const struct hm_map *m;
	const struct hm_render_opts *o;
	double u;              /* a typographic unit: device units per "point" */
	double s;              /* device units per metre on the map */
	double mx, my;         /* device position of the grid's corner (x0, y0) */
	double mw, mh;         /* map area size, device units */
};

enum align { LEFT, CENTER, RIGHT };

/* Text at (x, y) top-left (or centred / right-aligned), with an optional white halo. */
static double text(struct ctx *c, double x, double y, const char *s, double size, bool bold,
		   enum align al, bool halo, double maxw)
{
	PangoLayout *pl = pango_cairo_create_layout(c->cr);
	PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans");
	int w, h;

	pango_font_description_set_absolute_size(fd, size * c->u * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(pl, fd);
	if (maxw > 0) {
		pango_layout_set_width(pl, (int)(maxw * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(pl, s, -1);
	pango_layout_get_pixel_size(pl, &w, &h);
	if (al == CENTER)
		x -= w / 2.0;
	else if (al == RIGHT)
		x -= w;
	cairo_save(c->cr);
	cairo_move_to(c->cr, x, y);
	if (halo) {
		pango_cairo_layout_path(c->cr, pl);
		cairo_set_source_rgba(c->cr, 1, 1, 1, 0.85);
		cairo_set_line_width(c->cr, 3 * c->u);
		cairo_set_line_join(c->cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(c->cr);
		cairo_move_to(c->cr, x, y);
	}
	cairo_set_source_rgb(c->cr, 0, 0, 0);
	pango_cairo_show_layout(c->cr, pl);
	cairo_restore(c->cr);
	pango_font_description_free(fd);
	g_object_unref(pl);
	return h;
}

static void to_dev(const struct ctx *c, double x, double y, double *dx, double *dy)
{
	*dx = c->mx + (x - c->m->grid.x0) * c->s;
	*dy = c->my + (y - c->m->grid.y0) * c->s;
}

/* Parallel lines over a box in device units: dir +1 "/", -1 "\". */
static void hatch_lines(cairo_t *cr, double x0, double y0, double x1, double y1, double gap,
			int dir)
{
	double h = y1 - y0;

	for (double x = x0 - h; x < x1 + h; x += gap) {
		if (dir > 0) {
			cairo_move_to(cr, x, y1);
			cairo_line_to(cr, x + h, y0);
		} else {
			cairo_move_to(cr, x, y0);
			cairo_line_to(cr, x + h, y1);
		}
	}
}

/* An A8 mask over the grid, 255 where @pick says so; caller destroys. */
static cairo_pattern_t *grid_mask(struct ctx *c, bool (*pick)(const struct hm_map *, size_t, int),
				  bool *any)
{
	const struct hm_grid *g = &c->m->grid;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, g->nx, g->ny);
	cairo_pattern_t *p;
	cairo_matrix_t mtx;
	unsigned char *d;
	int stride;

	*any = false;
	cairo_surface_flush(s);
	d = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	if (!d) {
		cairo_surface_destroy(s);
		return NULL;
	}
	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			bool on = pick(c->m, (size_t)j * g->nx + i, c->o->metric);

			d[(size_t)j * stride + i] = on ? 255 : 0;
			*any |= on;
		}
	cairo_surface_mark_dirty(s);
	p = cairo_pattern_create_for_surface(s);
	cairo_surface_destroy(s);
	cairo_pattern_set_filter(p, CAIRO_FILTER_NEAREST);
	cairo_matrix_init_scale(&mtx, 1 / c->s, 1 / c->s);
	cairo_matrix_translate(&mtx, -c->mx, -c->my);
	/* device → metres → cells */
	cairo_matrix_t cells;

	cairo_matrix_init_scale(&cells, 1 / g->cell_m, 1 / g->cell_m);
	cairo_matrix_multiply(&mtx, &mtx, &cells);
	cairo_pattern_set_matrix(p, &mtx);
	return p;
}

/* Whether the shown value exists in cell @k: not-measured cells are drawn as not surveyed. */
static bool shown(const struct hm_map *m, size_t k, int metric)
{
	if (m->cover[k] != HM_COVER_SURVEYED && m->cover[k] != HM_COVER_PREDICTED)
		return false;
	if (metric < 0)
		return m->verdict != NULL;
	if (!m->m[metric])
		return false;
	return !isnan(m->m[metric][k]) || hm_metric_info(metric)->absent_fails;
}

static bool pick_not_surveyed(const struct hm_map *m, size_t k, int metric)
{
	return m->cover[k] != HM_COVER_OUTSIDE && !shown(m, k, metric);
}

/* The not-spots being drawn (the profile's, or those of the shown metric's rules). */
static _Thread_local const struct hm_notspots *cur_ns;

static bool pick_notspot(const struct hm_map *m, size_t k, int metric)
{
	(void)m;
	(void)metric;
	return cur_ns && cur_ns->label && cur_ns->label[k] >= 0;
}

static bool pick_outside(const struct hm_map *m, size_t k, int metric)
{
	(void)metric;
	return m->cover[k] == HM_COVER_OUTSIDE;
}

static void draw_field(struct ctx *c)
{
	const struct hm_map *m = c->m;
	const struct hm_grid *g = &m->grid;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, g->nx, g->ny);
	unsigned char *d;
	int stride;
	cairo_matrix_t mtx;
	cairo_pattern_t *p;

	cairo_surface_flush(img);
	d = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	if (!d) {
		cairo_surface_destroy(img);
		return;
	}
	for (int j = 0; j < g->ny; j++) {
		uint32_t *row = (uint32_t *)(void *)(d + (size_t)j * stride);

		for (int i = 0; i < g->nx; i++) {
			size_t k = (size_t)j * g->nx + i;
			struct hm_rgb col;

			if (!shown(m, k, c->o->metric)) {
				row[i] = 0;
				continue;
			}
			if (c->o->metric < 0)
				col = m->verdict[k] == HM_V_PASS ? hm_color_pass : hm_color_fail;
			else
				col = hm_metric_color(c->o->metric, m->m[c->o->metric][k]);
			row[i] = 0xff000000u | (uint32_t)lrint(col.r * 255) << 16 |
				 (uint32_t)lrint(col.g * 255) << 8 | (uint32_t)lrint(col.b * 255);
		}
	}
	cairo_surface_mark_dirty(img);
	p = cairo_pattern_create_for_surface(img);
	cairo_surface_destroy(img);
	cairo_pattern_set_filter(p, CAIRO_FILTER_NEAREST);
	cairo_matrix_init_translate(&mtx, -c->mx, -c->my);
	cairo_matrix_t sc;

	cairo_matrix_init_scale(&sc, 1 / (c->s * g->cell_m), 1 / (c->s * g->cell_m));
	cairo_matrix_multiply(&mtx, &mtx, &sc);
	cairo_pattern_set_matrix(p, &mtx);
	cairo_save(c->cr);
	cairo_rectangle(c->cr, c->mx, c->my, c->mw, c->mh);
	cairo_clip(c->cr);
	cairo_set_source(c->cr, p);
	/* Over a drawing, let its lines show through a little. */
	cairo_paint_with_alpha(c->cr, c->o->drawing ? 0.85 : 1.0);
	cairo_restore(c->cr);
	cairo_pattern_destroy(p);
}

/* Fill the cells of @mask with @bg (alpha @bga) hatched by @dir lines of @fg. */
/*
 * A repeating tile of one hatch line, @gap device units square, drawn at 4×
 * for crisp print. (A tile, not a pushed group: cairo 1.16 leaks a snapshot
 * when a group is masked on PDF and SVG surfaces.)
 */
static cairo_pattern_t *hatch_tile(double gap, double lw, double fg, double fga, int dir)
{
	int px = (int)ceil(gap * 4);
	cairo_surface_t *t = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px < 4 ? 4 : px,
							px < 4 ? 4 : px);
	cairo_t *cr = cairo_create(t);
	cairo_pattern_t *p;
	cairo_matrix_t m;
	double n = px < 4 ? 4 : px;

	cairo_set_source_rgba(cr, fg, fg, fg, fga);
	cairo_set_line_width(cr, lw * 4);
	/* The line and its neighbours' ends, so the tiles join. */
	for (int k = -1; k <= 1; k++) {
		if (dir > 0) {
			cairo_move_to(cr, k * n, n);
			cairo_line_to(cr, k * n + n, 0);
		} else {
			cairo_move_to(cr, k * n, 0);
			cairo_line_to(cr, k * n + n, n);
		}
	}
	cairo_stroke(cr);
	cairo_destroy(cr);
	p = cairo_pattern_create_for_surface(t);
	cairo_surface_destroy(t);
	cairo_pattern_set_extend(p, CAIRO_EXTEND_REPEAT);
	cairo_matrix_init_scale(&m, 4, 4);
	cairo_pattern_set_matrix(p, &m);
	return p;
}

/* Fill the cells @pick chooses with @bg (alpha @bga), hatched by @dir lines of grey @fg. */
static void hatched(struct ctx *c, bool (*pick)(const struct hm_map *, size_t, int), double bgr,
		    double bgg, double bgb, double bga, double fg, double fga, int dir, double gap)
{
	bool any;
	cairo_pattern_t *mask = grid_mask(c, pick, &any);

	if (!mask)
		return;
	if (any) {
		cairo_save(c->cr);
		cairo_rectangle(c->cr, c->mx, c->my, c->mw, c->mh);
		cairo_clip(c->cr);
		if (bga > 0) {
			cairo_set_source_rgba(c->cr, bgr, bgg, bgb, bga);
			cairo_mask(c->cr, mask);
		}
		if (fga > 0) {
			cairo_pattern_t *tile = hatch_tile(gap * c->u, 1.3 * c->u, fg, fga, dir);

			cairo_set_source(c->cr, tile);
			cairo_mask(c->cr, mask);
			cairo_pattern_destroy(tile);
		}
		cairo_restore(c->cr);
	}
	cairo_pattern_destroy(mask);
}

static void draw_walls(struct ctx *c)
{
	const struct floorplan *fp = c->m->fp;
	cairo_t *cr = c->cr;

	cairo_save(cr);
	cairo_rectangle(cr, c->mx, c->my, c->mw, c->mh);
	cairo_clip(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	for (size_t w = 0; w < fp->nwalls; w++) {
		const struct fp_wall *wall = &fp->walls[w];
		double loss = wall->loss_db[FP_BAND_5G], lw;

		lw = loss < 6 ? 1.5 : loss < 15 ? 2.5 : loss < 30 ? 3.5 : 6;
		cairo_new_path(cr);
		for (size_t k = 0; k < wall->npts; k++) {
			double x, y;

			to_dev(c, wall->pts[k].x, wall->pts[k].y, &x, &y);
			if (k == 0)
				cairo_move_to(cr, x, y);
			else
				cairo_line_to(cr, x, y);
		}
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, (lw + 2.5) * c->u);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, lw * c->u);
		cairo_stroke(cr);
	}
	/* Openings: a light gap in the wall, a thin line for a door leaf. */
	for (size_t k = 0; k < fp->nopenings; k++) {
		const struct fp_opening *o = &fp->openings[k];
		double ax, ay, bx, by;

		to_dev(c, o->a.x, o->a.y, &ax, &ay);
		to_dev(c, o->b.x, o->b.y, &bx, &by);
		cairo_move_to(cr, ax, ay);
		cairo_line_to(cr, bx, by);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 7 * c->u);
		cairo_stroke(cr);
		if (o->loss_db[FP_BAND_5G] > 0) {
			cairo_move_to(cr, ax, ay);
			cairo_line_to(cr, bx, by);
			cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
			cairo_set_line_width(cr, 1.2 * c->u);
			cairo_stroke(cr);
		}
	}
	cairo_restore(cr);
}

static void draw_wards(struct ctx *c)
{
	const struct floorplan *fp = c->m->fp;
	cairo_t *cr = c->cr;
	double dash[2] = { 8 * c->u, 5 * c->u };

	cairo_save(cr);
	cairo_rectangle(cr, c->mx, c->my, c->mw, c->mh);
	cairo_clip(cr);
	for (size_t w = 0; w < fp->nwards; w++) {
		const struct fp_ward *wd = &fp->wards[w];
		struct fp_point mn, mx;
		double x, y;

		if (c->m->ward && c->m->ward != wd)
			continue;
		cairo_new_path(cr);
		for (size_t k = 0; k < wd->npts; k++) {
			to_dev(c, wd->pts[k].x, wd->pts[k].y, &x, &y);
			if (k == 0)
				cairo_move_to(cr, x, y);
			else
				cairo_line_to(cr, x, y);
		}
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 4 * c->u);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0.0, 0.15, 0.55);
		cairo_set_line_width(cr, 2 * c->u);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		fp_polygon_bounds(wd->pts, wd->npts, &mn, &mx);
		to_dev(c, mn.x, mn.y, &x, &y);
		text(c, x + 6 * c->u, y + 6 * c->u, wd->name, 13, true, LEFT, true, 0);
	}
	cairo_restore(cr);
}

static void draw_notspots(struct ctx *c, const struct hm_notspots *ns)
{
	cairo_t *cr = c->cr;

	cur_ns = ns;
	/* White hatching: not-spots are the darkest colours of the ramp. */
	hatched(c, pick_notspot, 0, 0, 0, 0.0, 1.0, 0.8, -1, 7);
	cur_ns = NULL;
	cairo_save(cr);
	cairo_rectangle(cr, c->mx, c->my, c->mw, c->mh);
	cairo_clip(cr);
	for (size_t k = 0; k < ns->n; k++) {
		const struct hm_notspot *s = &ns->v[k];
		char num[16];
		double x, y;

		cairo_new_path(cr);
		for (size_t q = 0; q < s->nring; q++) {
			to_dev(c, s->ring[q].x, s->ring[q].y, &x, &y);
			if (q == 0)
				cairo_move_to(cr, x, y);
			else
				cairo_line_to(cr, x, y);
		}
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 5 * c->u);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 2.5 * c->u);
		cairo_stroke(cr);
		if (k < 99) {
			to_dev(c, s->centroid.x, s->centroid.y, &x, &y);
			cairo_arc(cr, x, y, 11 * c->u, 0, 2 * M_PI);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, 1.5 * c->u);
			cairo_stroke(cr);
			snprintf(num, sizeof(num), "%zu", k + 1);
			text(c, x, y - 8 * c->u, num, 12, true, CENTER, false, 0);
		}
	}
	cairo_restore(cr);
}

static void draw_overlays(struct ctx *c)
{
	const struct hm_set *set = c->o->set;
	cairo_t *cr = c->cr;
	double x, y;

	cairo_save(cr);
	cairo_rectangle(cr, c->mx, c->my, c->mw, c->mh);
	cairo_clip(cr);
	if (set && c->o->show_path && set->where.n > 1) {
		for (size_t k = 0; k < set->where.n; k++) {
			to_dev(c, set->where.p[k].x, set->where.p[k].y, &x, &y);
			/* One line per walk: never a leap from one walk's end to the next's start. */
			if (k == 0 || (set->where_walk && set->where_walk[k] != set->where_walk[k - 1]))
				cairo_move_to(cr, x, y);
			else
				cairo_line_to(cr, x, y);
		}
		cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
		cairo_set_line_width(cr, 3.5 * c->u);
		cairo_stroke_preserve(cr);
		cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
		cairo_set_line_width(cr, 1.5 * c->u);
		cairo_stroke(cr);
	}
	if (set && c->o->show_samples) {
		for (size_t k = 0; k < set->where.n; k++) {
			to_dev(c, set->where.p[k].x, set->where.p[k].y, &x, &y);
			cairo_new_sub_path(cr);
			cairo_arc(cr, x, y, 2.2 * c->u, 0, 2 * M_PI);
		}
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 1 * c->u);
		cairo_stroke(cr);
	}
	if (c->o->show_aps) {
		/* Planned or surveyed APs from the floor: squares. */
		for (size_t k = 0; k < c->m->fp->naps; k++) {
			const struct fp_ap *ap = &c->m->fp->aps[k];

			to_dev(c, ap->pos.x, ap->pos.y, &x, &y);
			cairo_rectangle(cr, x - 6 * c->u, y - 6 * c->u, 12 * c->u, 12 * c->u);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, 2 * c->u);
			cairo_stroke(cr);
			text(c, x + 9 * c->u, y - 7 * c->u, ap->name, 11, false, LEFT, true, 0);
		}
		/* Fitted transmitter places: triangles, one per physical AP. */
		for (size_t r = 0; set && c->m->fits && r < c->m->nradios && r < set->nradios; r++) {
			const struct hm_model *f = &c->m->fits[r];
			bool dup = false;

			if (!c->m->used[r] || f->nbins < 4)
				continue;
			for (size_t q = 0; q < r; q++)
				if (c->m->used[q] && set->radios[q].phys == set->radios[r].phys &&
				    c->m->fits[q].nbins >= 4)
					dup = true;
			if (dup)
				continue;
			to_dev(c, f->x, f->y, &x, &y);
			cairo_move_to(cr, x, y - 9 * c->u);
			cairo_line_to(cr, x + 8 * c->u, y + 6 * c->u);
			cairo_line_to(cr, x - 8 * c->u, y + 6 * c->u);
			cairo_close_path(cr);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, 2 * c->u);
			cairo_stroke(cr);
			char label[96];

			snprintf(label, sizeof(label), "%s (est.)", set->phys[set->radios[r].phys].name);
			text(c, x + 10 * c->u, y - 4 * c->u, label, 11, false, LEFT, true, 0);
		}
	}
	cairo_restore(cr);
}

static double nice_step(double span, int want)
{
	double raw = span / want, p = pow(10, floor(log10(raw))), f = raw / p;

	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

static void draw_scale_bar(struct ctx *c, double x, double y)
{
	double wm = c->mw / c->s, len = nice_step(wm / 4, 1), seg = len / 5;
	cairo_t *cr = c->cr;
	char buf[32];

	for (int k = 0; k < 5; k++) {
		cairo_rectangle(cr, x + k * seg * c->s, y, seg * c->s, 7 * c->u);
		if (k % 2 == 0) {
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_fill_preserve(cr);
		}
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 1 * c->u);
		cairo_stroke(cr);
	}
	text(c, x, y + 9 * c->u, "0", 11, false, CENTER, false, 0);
	snprintf(buf, sizeof(buf), "%g m", len);
	text(c, x + len * c->s, y + 9 * c->u, buf, 11, false, CENTER, false, 0);
}

static void swatch_hatched(struct ctx *c, double x, double y, double w, double h, double r,
			   double g, double b, int dir, bool outline)
{
	cairo_t *cr = c->cr;

	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip_preserve(cr);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_fill(cr);
	if (dir > 0)
		cairo_set_source_rgba(cr, 0, 0, 0, 0.45);
	else
		cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
	cairo_set_line_width(cr, 1.3 * c->u);
	hatch_lines(cr, x, y, x + w, y + h, 7 * c->u, dir);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, (outline ? 2.5 : 1) * c->u);
	cairo_stroke(cr);
}

static void fmt_num(double v, char *buf, size_t len)
{
	if (fabs(v - lrint(v)) < 1e-9)
		snprintf(buf, len, "%ld", lrint(v));
	else
		snprintf(buf, len, "%.1f", v);
	/* a true minus sign reads better in print */
	if (buf[0] == '-' && len > 4) {
		memmove(buf + 3, buf + 1, strlen(buf));
		memcpy(buf, "\xe2\x88\x92", 3);
	}
}

bool hm_render_judged(const struct hm_map *m, int metric)
{
	if (!m->has_profile || !m->verdict)
		return false;
	if (metric < 0)
		return true;
	for (int k = 0; k < m->profile.nrules; k++)
		if ((int)m->profile.rules[k].metric == metric)
			return true;
	return false;
}

void hm_render_summary(const struct hm_map *m, int metric, char *buf, size_t len)
{
	size_t nc = hm_grid_ncells(&m->grid), sv = 0, all = 0;
	double c2 = m->grid.cell_m * m->grid.cell_m;
	int n;

	if (hm_render_judged(m, metric)) {
		struct hm_area_stats st;

		hm_area_stats_compute(&m->profile, &m->grid, m->verdict, m->m, m->ward_of, -2,
				      &m->notspots, "", &st);
		snprintf(buf, len, "%s %.0f of %.0f m²\nPassing all of %s: %.0f%% of that\n"
				   "Not-spots on all rules: %zu, %.0f m²",
			 m->opts.predict ? "Judged (surveyed + predicted)" : "Surveyed", st.surveyed_m2,
			 st.area_m2, m->profile.name,
			 st.surveyed_m2 > 0 ? 100 * st.pass_m2 / st.surveyed_m2 : 0, m->notspots.n,
			 st.notspot_m2);
		return;
	}
	for (size_t k = 0; k < nc; k++) {
		all += m->cover[k] != HM_COVER_OUTSIDE;
		sv += m->cover[k] >= HM_COVER_SURVEYED;
	}
	n = snprintf(buf, len, "%s %.0f of %.0f m²",
		     m->opts.predict ? "Shown (surveyed + predicted)" : "Surveyed", sv * c2,
		     all * c2);
	if (m->has_profile && metric >= 0 && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n,
			 "\n%s sets no threshold for %s: this map shows values only and "
			 "judges nothing; the pass map judges %s's rules",
			 m->profile.name, hm_metric_info(metric)->label, m->profile.name);
}

static double draw_legend(struct ctx *c, double x, double y, double w)
{
	const struct hm_map *m = c->m;
	int metric = c->o->metric;
	double y0 = y, sw = 26 * c->u, sh = 18 * c->u;
	char buf[256], a[32];

	if (metric >= 0) {
		const struct hm_metric_info *mi = hm_metric_info(metric);
		double bh = 260 * c->u, bw = 26 * c->u, lo = mi->lo, hi = mi->hi;
		cairo_t *cr = c->cr;

		snprintf(buf, sizeof(buf), "%s (%s)", mi->label, mi->unit);
		y += text(c, x, y, buf, 13, true, LEFT, false, w) + 8 * c->u;
		/* Good at the top whichever way the metric runs. */
		for (int k = 0; k < 100; k++) {
			double t0 = k / 100.0;
			struct hm_rgb col = hm_viridis(t0 + 0.005);

			cairo_rectangle(cr, x, y + bh * (1 - (k + 1) / 100.0), bw, bh / 100 + 0.5);
			cairo_set_source_rgb(cr, col.r, col.g, col.b);
			cairo_fill(cr);
		}
		cairo_rectangle(cr, x, y, bw, bh);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 1 * c->u);
		cairo_stroke(cr);
		double step = nice_step(hi - lo, 6);

		for (double v = ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
			double t = hm_metric_t(metric, v), ty = y + bh * (1 - t);
			bool clash = false;

			/* A tick under a named threshold's label would be unreadable: leave it out. */
			for (int k = 0; m->has_profile && k < m->profile.nrules; k++)
				clash |= (int)m->profile.rules[k].metric == metric &&
					 fabs(m->profile.rules[k].threshold - v) < step / 3;
			clash |= m->has_profile && metric == HM_M_PRIMARY &&
				 fabs(m->profile.unusable_dbm - v) < step / 3;
			if (clash)
				continue;

			cairo_move_to(cr, x + bw, ty);
			cairo_line_to(cr, x + bw + 5 * c->u, ty);
			cairo_stroke(cr);
			fmt_num(v, a, sizeof(a));
			text(c, x + bw + 8 * c->u, ty - 7 * c->u, a, 11, false, LEFT, false, 0);
		}
		/* The profile's thresholds on this metric, named. */
		for (int k = 0; m->has_profile && k < m->profile.nrules; k++) {
			const struct hm_rule *r = &m->profile.rules[k];
			double t, ty;

			if ((int)r->metric != metric)
				continue;
			t = hm_metric_t(metric, r->threshold);
			ty = y + bh * (1 - t);
			cairo_move_to(cr, x - 4 * c->u, ty);
			cairo_line_to(cr, x + bw + 60 * c->u, ty);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_set_line_width(cr, 4 * c->u);
			cairo_stroke_preserve(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, 2 * c->u);
			cairo_stroke(cr);
			fmt_num(r->threshold, a, sizeof(a));
			snprintf(buf, sizeof(buf), "%s %s: %s", a, mi->unit, m->profile.name);
			text(c, x + bw + 64 * c->u, ty - 8 * c->u, buf, 11, true, LEFT, false, 0);
		}
		if (m->has_profile && metric == HM_M_PRIMARY && isfinite(m->profile.unusable_dbm)) {
			double ty = y + bh * (1 - hm_metric_t(metric, m->profile.unusable_dbm));
			double dash[2] = { 4 * c->u, 3 * c->u };

			cairo_move_to(cr, x - 4 * c->u, ty);
			cairo_line_to(cr, x + bw + 60 * c->u, ty);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, 1.5 * c->u);
			cairo_set_dash(cr, dash, 2, 0);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			fmt_num(m->profile.unusable_dbm, a, sizeof(a));
			snprintf(buf, sizeof(buf), "%s dBm: unusable", a);
			text(c, x + bw + 64 * c->u, ty - 8 * c->u, buf, 11, false, LEFT, false, 0);
		}
		y += bh + 16 * c->u;
	} else {
		y += text(c, x, y, "Pass / fail", 13, true, LEFT, false, w) + 8 * c->u;
		struct hm_rgb pc = hm_color_pass, fc = hm_color_fail;

		cairo_rectangle(c->cr, x, y, sw, sh);
		cairo_set_source_rgb(c->cr, pc.r, pc.g, pc.b);
		cairo_fill(c->cr);
		snprintf(buf, sizeof(buf), "meets %s", m->has_profile ? m->profile.name : "");
		text(c, x + sw + 8 * c->u, y, buf, 11, false, LEFT, false, w - sw);
		y += sh + 6 * c->u;
		cairo_rectangle(c->cr, x, y, sw, sh);
		cairo_set_source_rgb(c->cr, fc.r, fc.g, fc.b);
		cairo_fill(c->cr);
		text(c, x + sw + 8 * c->u, y, "fails a rule", 11, false, LEFT, false, w - sw);
		y += sh + 12 * c->u;
	}
	/* Hatches. */
	swatch_hatched(c, x, y, sw, sh, 0.82, 0.82, 0.82, 1, false);
	snprintf(buf, sizeof(buf), "not surveyed (no sample within %g m, or behind > %g dB of wall)",
		 m->opts.est.reach_m, m->opts.est.block_db);
	y += fmax(sh, text(c, x + sw + 8 * c->u, y, buf, 11, false, LEFT, false, w - sw - 8 * c->u)) +
	     8 * c->u;
	if (m->has_profile && hm_render_judged(m, metric)) {
		struct hm_rgb fc = hm_color_fail;

		swatch_hatched(c, x, y, sw, sh, fc.r, fc.g, fc.b, -1, true);
		snprintf(buf, sizeof(buf), "not-spot: fails %s%s%s (≥ %g m²), numbered",
			 m->profile.name, metric < 0 ? "" : " on ",
			 metric < 0 ? "" : hm_metric_info(metric)->key, m->opts.min_notspot_m2);
		y += fmax(sh, text(c, x + sw + 8 * c->u, y, buf, 11, false, LEFT, false,
				   w - sw - 8 * c->u)) +
		     12 * c->u;
		y += text(c, x, y, "Requirements", 12, true, LEFT, false, w) + 4 * c->u;
		for (int k = 0; k < m->profile.nrules; k++) {
			hm_rule_describe(&m->profile.rules[k], a, sizeof(a));
			y += text(c, x, y, a, 11, false, LEFT, false, w) + 2 * c->u;
		}
		if (m->profile.source[0])
			y += text(c, x, y + 4 * c->u, m->profile.source, 9, false, LEFT, false, w) +
			     8 * c->u;
	} else if (m->has_profile) {
		/* Nothing on this map is judged: no rules listed, no pass share (see the summary). */
		y += 4 * c->u;
		y += text(c, x, y, "No threshold", 12, true, LEFT, false, w) + 4 * c->u;
	}
	/* The numbers under the picture. */
	hm_render_summary(m, metric, buf, sizeof(buf));
	y += text(c, x, y, buf, 11, false, LEFT, false, w) + 8 * c->u;
	return y - y0;
}

static void draw_title(struct ctx *c, double x, double y, double w)
{
	const struct hm_map *m = c->m;
	const struct hm_render_opts *o = c->o;
	char l1[400], l2[400], l3[400], dates[48];

	survey_dates(m, dates, sizeof(dates));
	snprintf(l1, sizeof(l1), "%s — %s%s%s%s", o->site && *o->site ? o->site : "Unnamed site",
		 o->floor && *o->floor ? o->floor : m->fp->name, m->ward ? " — " : "",
		 m->ward ? m->ward->name : "", m->ward ? "" : " (whole floor)");
	snprintf(l2, sizeof(l2), "%s · SSID %s · %s · profile %s", metric_label(o->metric),
		 m->opts.ssid ? m->opts.ssid : "all", o->band && *o->band ? o->band : "all bands",
		 m->has_profile ? m->profile.name : "none");
	snprintf(l3, sizeof(l3), "%s %s · %zu samples · %s method · %g m cells · notspot %s",
		 o->simulated ? "SIMULATED DATA, not measurements ·" : "Surveyed", dates, m->nsamples, hm_method_name(m->opts.method), m->grid.cell_m,
		 NOTSPOT_VERSION);
	y += text(c, x, y, l1, 18, true, LEFT, false, w) + 4 * c->u;
	y += text(c, x, y, l2, 13, false, LEFT, false, w) + 2 * c->u;
	y += text(c, x, y, l3, 11, false, LEFT, false, w);
	if (m->opts.predict)
		text(c, x, y + 4 * c->u,
		     "PREDICTED: cells beyond the walked area show the model's estimate, not a measurement",
		     12, true, LEFT, false, w);
}

/* Not-spots of the rules on @metric alone: what the metric map should outline. */
static int metric_notspots(const struct hm_map *m, int metric, struct hm_notspots *ns)
{
	size_t nc = hm_grid_ncells(&m->grid);
	uint8_t *v;
	bool any = false;
	int rc;

	memset(ns, 0, sizeof(*ns));
	for (int k = 0; k < m->profile.nrules; k++)
		any |= (int)m->profile.rules[k].metric == metric;
	if (!any || !m->m[metric])
		return -ENOENT;
	v = malloc(nc);
	if (!v)
		return -ENOMEM;
	for (size_t c = 0; c < nc; c++) {
		v[c] = m->cover[c] == HM_COVER_OUTSIDE	    ? HM_V_OUTSIDE
		       : m->cover[c] == HM_COVER_NOT_SURVEYED ? HM_V_NOT_SURVEYED
							      : HM_V_PASS;
		for (int k = 0; v[c] == HM_V_PASS && k < m->profile.nrules; k++)
			if ((int)m->profile.rules[k].metric == metric &&
			    hm_rule_check(&m->profile.rules[k], m->m[metric][c]) == 0)
				v[c] = HM_V_FAIL;
	}
	rc = hm_notspots_find(&m->grid, v, NULL, m->m[metric], hm_metric_info(metric)->higher_better,
			      m->fp, m->ward_of, m->opts.min_notspot_m2, ns, NULL);
	free(v);
	return rc;
}

static void draw(struct ctx *c, double W, double H, double margin, double titleh, double legw)
{
	cairo_t *cr = c->cr;
	const struct hm_map *m = c->m;
	struct fp_point fmin, fmax;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	draw_title(c, margin, margin, W - 2 * margin);
	/* The floor: its drawing when a loader provides one; a plain tint for now. */
	cairo_rectangle(cr, c->mx, c->my, c->mw, c->mh);
	cairo_set_source_rgb(cr, 0.97, 0.97, 0.96);
	cairo_fill(cr);
	if (hm_floor_bounds(m->fp, NULL, 0, &fmin, &fmax)) {
		double ax, ay, bx, by;

		to_dev(c, fmin.x, fmin.y, &ax, &ay);
		to_dev(c, fmax.x, fmax.y, &bx, &by);
		cairo_save(cr);
		cairo_rectangle(cr, c->mx, c->my, c->mw, c->mh);
		cairo_clip(cr);
		cairo_rectangle(cr, ax, ay, bx - ax, by - ay);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill(cr);
		cairo_restore(cr);
	}
	if (c->o->drawing && m->fp->px_per_m > 0) {
		double k = c->s / m->fp->px_per_m;

		cairo_save(cr);
		cairo_rectangle(cr, c->mx, c->my, c->mw, c->mh);
		cairo_clip(cr);
		cairo_translate(cr, c->mx - (m->grid.x0 + m->fp->origin_x_px / m->fp->px_per_m) * c->s,
				c->my - (m->grid.y0 + m->fp->origin_y_px / m->fp->px_per_m) * c->s);
		cairo_scale(cr, k, k);
		cairo_set_source_surface(cr, c->o->drawing, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_paint(cr);
		cairo_restore(cr);
	}
	draw_field(c);
	hatched(c, pick_not_surveyed, 0.82, 0.82, 0.82, c->o->drawing ? 0.8 : 1, 0.0, 0.45, 1, 9);
	hatched(c, pick_outside, 1, 1, 1, 0.6, 0, 0, 1, 1000);
	if (m->has_profile && c->o->metric < 0) {
		draw_notspots(c, &m->notspots);
	} else if (m->has_profile) {
		struct hm_notspots ns;

		if (metric_notspots(m, c->o->metric, &ns) == 0) {
			draw_notspots(c, &ns);
			hm_notspots_release(&ns);
		}
	}
	draw_walls(c);
	draw_wards(c);
	draw_overlays(c);
	cairo_rectangle(cr, c->mx, c->my, c->mw, c->mh);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1 * c->u);
	cairo_stroke(cr);
	draw_scale_bar(c, c->mx, c->my + c->mh + 10 * c->u);
	draw_legend(c, c->mx + c->mw + margin, c->my, legw);
	(void)H;
	(void)titleh;
}

/* ---- output -------------------------------------------------------------------- */

static int cairo_err(struct ns_err *err, cairo_status_t st, const char *path)
{
	return ns_err_set(err, -EIO, "cannot draw %s: %s", path, cairo_status_to_string(st));
}

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

static int write_png(cairo_surface_t *s, const char *path, const char *desc,
		     const struct hm_map *m, const struct hm_render_opts *o, struct ns_err *err)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *d;
	struct png_err pe = { "" };
	png_structp png = NULL;
	png_infop info = NULL;
	unsigned char *row = NULL;
	struct ns_outfile of;
	FILE *f;
	char title[300];
	int rc = 0;

	cairo_surface_flush(s);
	d = cairo_image_surface_get_data(s);
	if ((rc = ns_outfile_open(&of, path, err)))
		return rc;
	f = of.f;
	row = malloc((size_t)w * 3);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &pe, png_error_cb, png_warn_cb);
	info = png ? png_create_info_struct(png) : NULL;
	if (!row || !png || !info) {
		rc = ns_err_set(err, -ENOMEM, "out of memory writing %s", path);
		goto out;
	}
	if (setjmp(png_jmpbuf(png))) {
		rc = ns_err_set(err, -EIO, "cannot write %s: %s", path, pe.msg);
		goto out;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	/* Speed over the last few percent of size: a 4000 px map must write in well under a second. */
	png_set_compression_level(png, 3);
	png_set_filter(png, 0, PNG_FILTER_SUB | PNG_FILTER_UP);
	snprintf(title, sizeof(title), "%s: %s, %s%s%s", metric_label(o->metric),
		 o->site && *o->site ? o->site : "notspot map", m->fp->name, m->ward ? ", " : "",
		 m->ward ? m->ward->name : "");
	char software[64];

	snprintf(software, sizeof(software), "notspot %s", NOTSPOT_VERSION);
	png_text t[4];

	memset(t, 0, sizeof(t));
	t[0].compression = PNG_ITXT_COMPRESSION_NONE;
	t[0].key = "Title";
	t[0].text = title;
	t[1].compression = PNG_ITXT_COMPRESSION_NONE;
	t[1].key = "Software";
	t[1].text = software;
	t[2].compression = PNG_ITXT_COMPRESSION_NONE;
	t[2].key = "Description";
	t[2].text = (char *)desc;
	t[3].compression = PNG_ITXT_COMPRESSION_NONE;
	t[3].key = "Source";
	t[3].text = (char *)(o->site && *o->site ? o->site : "notspot survey");
	for (int k = 0; k < 4; k++) {
		t[k].lang = "";
		t[k].lang_key = "";
	}
	png_set_text(png, info, t, 4);
	png_write_info(png, info);
	for (int j = 0; j < h; j++) {
		const uint32_t *px = (const uint32_t *)(const void *)(d + (size_t)j * stride);

		for (int i = 0; i < w; i++) {
			row[3 * i] = (unsigned char)(px[i] >> 16);
			row[3 * i + 1] = (unsigned char)(px[i] >> 8);
			row[3 * i + 2] = (unsigned char)px[i];
		}
		png_write_row(png, row);
	}
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

struct layout {
	double u, margin, legw, titleh, mw, s, mh, H;
};

static void lay_out(const struct hm_map *m, double w, double u, struct layout *l)
{
	double gw = m->grid.nx * m->grid.cell_m, gh = m->grid.ny * m->grid.cell_m;

	l->u = u > 0 ? u : w / 1600;
	l->margin = 24 * l->u;
	l->legw = 330 * l->u;
	l->titleh = (m->opts.predict ? 116 : 96) * l->u;
	l->mw = w - l->legw - 3 * l->margin;
	l->s = l->mw / gw;
	l->mh = gh * l->s;
	/* A tall ward: cap the map's height so the page keeps a readable shape. */
	if (l->mh > 1.25 * w) {
		l->mh = 1.25 * w;
		l->s = l->mh / gh;
		l->mw = gw * l->s;
	}
	l->H = l->margin + l->titleh + fmax(l->mh + 40 * l->u, 620 * l->u) + l->margin;
}

int hm_render_file(const struct hm_map *m, const struct hm_render_opts *o, const char *path,
		   enum hm_format fmt, struct ns_err *err)
{
	double W = fmt == HM_FMT_PNG ? (o->width_px > 200 ? o->width_px : 200) : 1190.55;
	struct layout l;
	cairo_surface_t *surf;
	cairo_status_t st;
	char desc[2048];
	struct ns_outfile of = { 0 };
	struct ctx c;
	double H;
	int rc = 0;

	lay_out(m, W, 0, &l);
	H = l.H;
	/* PNG goes through write_png(); PDF and SVG are written by cairo, by name. */
	if (fmt != HM_FMT_PNG && (rc = ns_outfile_begin(&of, path, err)))
		return rc;
	if (fmt == HM_FMT_PNG)
		surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)W, (int)ceil(H));
	else if (fmt == HM_FMT_PDF)
		surf = cairo_pdf_surface_create(of.name, W, H);
	else
		surf = cairo_svg_surface_create(of.name, W, H);
	if ((st = cairo_surface_status(surf))) {
		cairo_surface_destroy(surf);
		ns_outfile_abort(&of);
		return cairo_err(err, st, path);
	}
	hm_render_describe(m, o, desc, sizeof(desc));
	if (fmt == HM_FMT_PDF) {
		char title[256];

		snprintf(title, sizeof(title), "%s — %s%s%s", metric_label(o->metric), m->fp->name,
			 m->ward ? " — " : "", m->ward ? m->ward->name : "");
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, desc);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
					       "notspot " NOTSPOT_VERSION);
	}
	c = (struct ctx){ .cr = cairo_create(surf), .m = m, .o = o, .u = l.u, .s = l.s,
			  .mx = l.margin, .my = l.margin + l.titleh, .mw = l.mw, .mh = l.mh };
	draw(&c, W, H, l.margin, l.titleh, l.legw);
	st = cairo_status(c.cr);
	cairo_destroy(c.cr);
	if (st) {
		cairo_surface_destroy(surf);
		ns_outfile_abort(&of);
		return cairo_err(err, st, path);
	}
	if (fmt == HM_FMT_PNG)
		rc = write_png(surf, path, desc, m, o, err);
	else
		cairo_surface_finish(surf);
	if (!rc && (st = cairo_surface_status(surf)))
		rc = cairo_err(err, st, path);
	cairo_surface_destroy(surf);
	if (fmt != HM_FMT_PNG) {
		if (rc)
			ns_outfile_abort(&of);
		else
			rc = ns_outfile_commit(&of, err);
	}
	return rc;
}

/* ---- into a caller's context (reports) --------------------------------------------- */

double hm_render_height(const struct hm_map *m, double w, double u)
{
	struct layout l;

	lay_out(m, w, u, &l);
	return l.H;
}

void hm_render_draw(cairo_t *cr, const struct hm_map *m, const struct hm_render_opts *o, double w,
		    double u)
{
	struct layout l;
	struct ctx c;

	lay_out(m, w, u, &l);
	c = (struct ctx){ .cr = cr, .m = m, .o = o, .u = l.u, .s = l.s, .mx = l.margin,
			  .my = l.margin + l.titleh, .mw = l.mw, .mh = l.mh };
	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, w, l.H);
	cairo_clip(cr);
	draw(&c, w, l.H, l.margin, l.titleh, l.legw);
	cairo_restore(cr);
}
