/* SPDX-License-Identifier: GPL-3.0-or-later */
/* building.c — frames, elevations and slabs of a building's levels. See building.h. */
#include "floorplans/building.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

/* R(deg) · p: the x axis turned towards the y axis by @deg. */
static struct fp_point rotate(struct fp_point p, double deg)
{
	double r = deg * M_PI / 180.0, c = cos(r), s = sin(r);

	return (struct fp_point){ c * p.x - s * p.y, s * p.x + c * p.y };
}

struct fp_point fp_floor_to_building(const struct floorplan *fp, struct fp_point p)
{
	struct fp_point q = rotate(p, fp->align.rot_deg);

	return (struct fp_point){ q.x + fp->align.dx_m, q.y + fp->align.dy_m };
}

struct fp_point fp_building_to_floor(const struct floorplan *fp, struct fp_point p)
{
	struct fp_point q = { p.x - fp->align.dx_m, p.y - fp->align.dy_m };

	return rotate(q, -fp->align.rot_deg);
}

struct fp_align fp_align_compose(struct fp_align outer, struct fp_align inner)
{
	struct fp_point t = rotate((struct fp_point){ inner.dx_m, inner.dy_m }, outer.rot_deg);
	double rot = fmod(outer.rot_deg + inner.rot_deg, 360.0);

	if (rot > 180)
		rot -= 360;
	else if (rot <= -180)
		rot += 360;
	return (struct fp_align){ t.x + outer.dx_m, t.y + outer.dy_m, rot };
}

static bool finite_point(struct fp_point p)
{
	return isfinite(p.x) && isfinite(p.y);
}

int fp_align_from_pairs(struct fp_point a, struct fp_point b, struct fp_point ra,
			struct fp_point rb, struct fp_align *out, struct ns_err *err)
{
	struct fp_point mid, rmid, m;
	double rot;

	if (!finite_point(a) || !finite_point(b) || !finite_point(ra) || !finite_point(rb))
		return ns_err_set(err, -EINVAL, "an alignment point is not a finite position");
	if (hypot(b.x - a.x, b.y - a.y) < 0.01)
		return ns_err_set(err, -EINVAL,
				  "the alignment points (%g, %g) and (%g, %g) coincide: pick two "
				  "features apart", a.x, a.y, b.x, b.y);
	if (hypot(rb.x - ra.x, rb.y - ra.y) < 0.01)
		return ns_err_set(err, -EINVAL,
				  "the reference points (%g, %g) and (%g, %g) coincide: pick two "
				  "features apart", ra.x, ra.y, rb.x, rb.y);
	rot = (atan2(rb.y - ra.y, rb.x - ra.x) - atan2(b.y - a.y, b.x - a.x)) * 180.0 / M_PI;
	mid = (struct fp_point){ (a.x + b.x) / 2, (a.y + b.y) / 2 };
	rmid = (struct fp_point){ (ra.x + rb.x) / 2, (ra.y + rb.y) / 2 };
	m = rotate(mid, rot);
	*out = fp_align_compose((struct fp_align){ 0, 0, 0 },
				(struct fp_align){ rmid.x - m.x, rmid.y - m.y, rot });
	return 0;
}

double fp_floor_height(const struct floorplan *fp, const struct fp_building *b)
{
	if (isfinite(fp->height_m) && fp->height_m > 0)
		return fp->height_m;
	if (b && isfinite(b->default_height_m) && b->default_height_m > 0)
		return b->default_height_m;
	return FP_DEFAULT_HEIGHT_M;
}

double fp_floor_elevation(const struct floorplan *fp, const struct fp_building *b)
{
	if (isfinite(fp->elevation_m))
		return fp->elevation_m;
	return fp->level * fp_floor_height(fp, b);
}

static double default_slab_loss(enum fp_band band)
{
	return fp_slab_find(FP_DEFAULT_SLAB)->loss_db[band];
}

double fp_floor_slab_loss(const struct floorplan *fp, enum fp_band band)
{
	const struct fp_slab *slab;

	if (band < 0 || band >= FP_NBANDS)
		band = FP_BAND_2G4;
	if (isfinite(fp->slab_loss_db[band]))
		return fp->slab_loss_db[band];
	slab = fp_slab_find(fp->slab_material);
	return slab ? slab->loss_db[band] : default_slab_loss(band);
}

/* The loss of the slab level @k stands on: the heaviest of the floors there. */
static double level_slab(const struct floorplan *const *floors, size_t n, int k,
			 enum fp_band band)
{
	double loss = NAN;

	for (size_t i = 0; i < n; i++)
		if (floors[i]->level == k)
			loss = fmax(isnan(loss) ? -INFINITY : loss, fp_floor_slab_loss(floors[i], band));
	return isnan(loss) ? default_slab_loss(band) : loss;
}

double fp_slab_loss_between(const struct floorplan *const *floors, size_t n, int level_a,
			    int level_b, enum fp_band band)
{
	int lo = level_a < level_b ? level_a : level_b, hi = level_a < level_b ? level_b : level_a;
	double sum = 0, nf = (double)hi - lo;

	if (band < 0 || band >= FP_NBANDS)
		band = FP_BAND_2G4;
	if (hi == lo)
		return 0;
	for (int k = lo + 1; k <= hi; k++)
		sum += level_slab(floors, n, k, band);
	return sum / nf * pow(nf, (nf + 2) / (nf + 1) - FP_COST231_B);
}
