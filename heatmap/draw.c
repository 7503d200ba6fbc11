/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw.c — see draw.h. */
#include "heatmap/draw.h"

void hm_view_to_dev(const struct hm_view *v, double x, double y, double *dx, double *dy)
{
	*dx = v->mx + (x - v->x0) * v->s;
	*dy = v->my + (y - v->y0) * v->s;
}

void hm_draw_path(cairo_t *cr, const struct hm_view *v, const struct fp_point *pts, size_t n,
		  bool close)
{
	cairo_new_path(cr);
	for (size_t k = 0; k < n; k++) {
		double x, y;

		hm_view_to_dev(v, pts[k].x, pts[k].y, &x, &y);
		if (k == 0)
			cairo_move_to(cr, x, y);
		else
			cairo_line_to(cr, x, y);
	}
	if (close)
		cairo_close_path(cr);
}

void hm_draw_floor_drawing(cairo_t *cr, const struct hm_view *v, const struct floorplan *fp,
			   cairo_surface_t *drawing, double alpha)
{
	double k;

	if (!drawing || !(fp->px_per_m > 0))
		return;
	k = v->s / fp->px_per_m;
	cairo_save(cr);
	cairo_translate(cr, v->mx - (v->x0 + fp->origin_x_px / fp->px_per_m) * v->s,
			v->my - (v->y0 + fp->origin_y_px / fp->px_per_m) * v->s);
	cairo_scale(cr, k, k);
	cairo_set_source_surface(cr, drawing, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	if (alpha >= 1)
		cairo_paint(cr);
	else
		cairo_paint_with_alpha(cr, alpha);
	cairo_restore(cr);
}
