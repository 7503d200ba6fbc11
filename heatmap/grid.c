/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grid.c — see grid.h. */
#include "heatmap/grid.h"

#include <errno.h>
#include <math.h>

#include "floorplans/geometry.h"

int hm_grid_init(struct hm_grid *g, struct fp_point min, struct fp_point max, double cell_m,
		 struct ns_err *err)
{
	double w = max.x - min.x, h = max.y - min.y;

	if (!(cell_m >= 0.02 && cell_m <= 10))
		return ns_err_set(err, -EINVAL, "a cell of %g m is outside 0.02 to 10 m", cell_m);
	if (!(w > 0 && h > 0) || !isfinite(w) || !isfinite(h))
		return ns_err_set(err, -EINVAL, "the area to map is empty");
	double nx = ceil(w / cell_m - 1e-9), ny = ceil(h / cell_m - 1e-9);

	if (nx * ny > HM_GRID_MAX_CELLS)
		return ns_err_set(err, -EINVAL,
				  "%.0f × %.0f cells of %g m is too many; use a larger --cell",
				  nx, ny, cell_m);
	g->x0 = min.x;
	g->y0 = min.y;
	g->cell_m = cell_m;
	g->nx = (int)nx;
	g->ny = (int)ny;
	return 0;
}

bool hm_grid_cell_of(const struct hm_grid *g, struct fp_point p, int *i, int *j)
{
	double fi = floor((p.x - g->x0) / g->cell_m), fj = floor((p.y - g->y0) / g->cell_m);

	if (!(fi >= 0 && fj >= 0 && fi < g->nx && fj < g->ny))
		return false;
	*i = (int)fi;
	*j = (int)fj;
	return true;
}

static void grow_box(struct fp_point p, struct fp_point *min, struct fp_point *max, bool *any)
{
	if (!isfinite(p.x) || !isfinite(p.y))
		return;
	if (!*any) {
		*min = *max = p;
		*any = true;
		return;
	}
	min->x = fmin(min->x, p.x);
	min->y = fmin(min->y, p.y);
	max->x = fmax(max->x, p.x);
	max->y = fmax(max->y, p.y);
}

bool hm_floor_bounds(const struct floorplan *fp, const struct fp_point *extra, size_t nextra,
		     struct fp_point *min, struct fp_point *max)
{
	bool any = false;

	if (fp && fp->px_per_m > 0 && fp->width_px > 0 && fp->height_px > 0) {
		grow_box((struct fp_point){ -fp->origin_x_px / fp->px_per_m,
					    -fp->origin_y_px / fp->px_per_m },
			 min, max, &any);
		grow_box((struct fp_point){ (fp->width_px - fp->origin_x_px) / fp->px_per_m,
					    (fp->height_px - fp->origin_y_px) / fp->px_per_m },
			 min, max, &any);
	}
	if (fp) {
		for (size_t w = 0; w < fp->nwalls; w++)
			for (size_t k = 0; k < fp->walls[w].npts; k++)
				grow_box(fp->walls[w].pts[k], min, max, &any);
		for (size_t w = 0; w < fp->nwards; w++)
			for (size_t k = 0; k < fp->wards[w].npts; k++)
				grow_box(fp->wards[w].pts[k], min, max, &any);
	}
	for (size_t k = 0; k < nextra; k++)
		grow_box(extra[k], min, max, &any);
	return any && max->x > min->x && max->y > min->y;
}
