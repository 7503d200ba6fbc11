/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model.c — the floor model's storage and the wall and slab tables. See model.h. */
#include "floorplans/model.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * One-pass losses from DOMAIN.md ("Walls and materials"), 2.4 / 5 GHz; the
 * 6 GHz figure extends the 5 GHz one by the same step the table shows from
 * 2.4 to 5 GHz, capped at +4 dB, as a starting value until measured.
 */
const struct fp_material fp_materials[] = {
	{ "doorway", "open doorway", { 0, 0, 0 } },
	{ "plasterboard", "plasterboard partition", { 3, 4, 5 } },
	{ "glass", "glass (clear)", { 2, 3, 4 } },
	{ "glass-low-e", "glass (low-E, metallised)", { 10, 15, 19 } },
	{ "wooden-door", "wooden door", { 3, 4, 5 } },
	{ "brick", "brick", { 8, 12, 16 } },
	{ "concrete", "concrete / blockwork", { 12, 18, 22 } },
	{ "fire-door", "fire door (steel)", { 19, 24, 28 } },
	{ "lift-shaft", "lift shaft, steel-faced partition", { 25, 30, 34 } },
	{ "lead-lined", "lead-lined (X-ray, CT)", { 40, 45, 49 } },
};
const size_t fp_nmaterials = sizeof(fp_materials) / sizeof(fp_materials[0]);

const struct fp_material *fp_material_find(const char *key)
{
	for (size_t i = 0; i < fp_nmaterials; i++)
		if (strcmp(fp_materials[i].key, key) == 0)
			return &fp_materials[i];
	return NULL;
}

/*
 * ITU-R P.1238 site-general floor penetration loss through one floor
 * (DOMAIN.md, "Floors"): 14 dB at 2.4 GHz, 16 dB at 5.2 GHz, 22 dB at 5.8 GHz.
 * One figure per band is kept: 5 GHz takes the 5.2 GHz value; 6 GHz takes the
 * 5.8 GHz one, an estimate (P.1238 gives no 6 GHz figure). The heavy hospital
 * slab (post-tensioned concrete, steel deck) is an estimate too: 6 dB above
 * the office figures, until a survey fits it.
 */
const struct fp_slab fp_slabs[] = {
	{ "concrete-slab", "concrete floor slab", { 14, 16, 22 },
	  "ITU-R P.1238 office values at 2.4 and 5.2 GHz; 6 GHz estimated from the 5.8 GHz value" },
	{ "hospital-heavy-slab", "heavy hospital slab (post-tensioned, steel deck)", { 20, 22, 28 },
	  "estimate: ITU-R P.1238 office values + 6 dB (DOMAIN.md: hospital slabs are heavier)" },
};
const size_t fp_nslabs = sizeof(fp_slabs) / sizeof(fp_slabs[0]);

const struct fp_slab *fp_slab_find(const char *key)
{
	for (size_t i = 0; i < fp_nslabs; i++)
		if (strcmp(fp_slabs[i].key, key) == 0)
			return &fp_slabs[i];
	return NULL;
}

struct floorplan *floorplan_new(void)
{
	struct floorplan *fp = calloc(1, sizeof(struct floorplan));

	if (!fp)
		return NULL;
	fp->elevation_m = NAN;
	fp->height_m = NAN;
	memcpy(fp->slab_material, FP_DEFAULT_SLAB, sizeof(FP_DEFAULT_SLAB));
	for (int b = 0; b < FP_NBANDS; b++)
		fp->slab_loss_db[b] = NAN;
	fp->calib = (struct fp_calib){ NAN, NAN, NAN, NAN, NAN };
	return fp;
}

void fp_ap_init(struct fp_ap *ap)
{
	memset(ap, 0, sizeof(*ap));
	ap->height_m = NAN;
	ap->cost = NAN;
	memcpy(ap->mount, "ceiling", sizeof("ceiling"));
}

void fp_building_init(struct fp_building *b)
{
	memset(b, 0, sizeof(*b));
	b->default_height_m = FP_DEFAULT_HEIGHT_M;
}

void fp_ward_release(struct fp_ward *w)
{
	if (!w)
		return;
	free(w->pts);
	w->pts = NULL;
	w->npts = 0;
}

void fp_wall_release(struct fp_wall *w)
{
	if (!w)
		return;
	free(w->pts);
	w->pts = NULL;
	w->npts = 0;
}

void fp_area_release(struct fp_area *a)
{
	if (!a)
		return;
	free(a->pts);
	a->pts = NULL;
	a->npts = 0;
}

void floorplan_free(struct floorplan *fp)
{
	if (!fp)
		return;
	for (size_t i = 0; i < fp->nwards; i++)
		free(fp->wards[i].pts);
	for (size_t i = 0; i < fp->nwalls; i++)
		free(fp->walls[i].pts);
	for (size_t i = 0; i < fp->nareas; i++)
		free(fp->areas[i].pts);
	free(fp->areas);
	free(fp->wards);
	free(fp->walls);
	free(fp->openings);
	free(fp->aps);
	free(fp->image);
	free(fp);
}

static int grow(void **arr, size_t n, size_t elem)
{
	void *p = realloc(*arr, (n + 1) * elem);

	if (!p)
		return -ENOMEM;
	*arr = p;
	memset((char *)p + n * elem, 0, elem);
	return 0;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

int floorplan_add_ward(struct floorplan *fp, const char *name, const struct fp_point *pts,
		       size_t npts)
{
	struct fp_ward *w;

	if (npts < 3)
		return -EINVAL;
	if (grow((void **)&fp->wards, fp->nwards, sizeof(*fp->wards)))
		return -ENOMEM;
	w = &fp->wards[fp->nwards];
	w->pts = malloc(npts * sizeof(*pts));
	if (!w->pts)
		return -ENOMEM;
	memcpy(w->pts, pts, npts * sizeof(*pts));
	w->npts = npts;
	copy_str(w->name, sizeof(w->name), name);
	fp->nwards++;
	return 0;
}

int floorplan_add_wall(struct floorplan *fp, const struct fp_point *pts, size_t npts,
		       const char *material, const double loss_db[FP_NBANDS])
{
	struct fp_wall *w;

	if (npts < 2)
		return -EINVAL;
	if (grow((void **)&fp->walls, fp->nwalls, sizeof(*fp->walls)))
		return -ENOMEM;
	w = &fp->walls[fp->nwalls];
	w->pts = malloc(npts * sizeof(*pts));
	if (!w->pts)
		return -ENOMEM;
	memcpy(w->pts, pts, npts * sizeof(*pts));
	w->npts = npts;
	copy_str(w->material, sizeof(w->material), material);
	memcpy(w->loss_db, loss_db, sizeof(w->loss_db));
	fp->nwalls++;
	return 0;
}

int floorplan_add_opening(struct floorplan *fp, struct fp_point a, struct fp_point b,
			  const char *kind, const double loss_db[FP_NBANDS])
{
	struct fp_opening *o;

	if (grow((void **)&fp->openings, fp->nopenings, sizeof(*fp->openings)))
		return -ENOMEM;
	o = &fp->openings[fp->nopenings];
	o->a = a;
	o->b = b;
	copy_str(o->kind, sizeof(o->kind), kind);
	memcpy(o->loss_db, loss_db, sizeof(o->loss_db));
	fp->nopenings++;
	return 0;
}

int floorplan_add_ap(struct floorplan *fp, const struct fp_ap *ap)
{
	struct fp_ap *a;

	if (grow((void **)&fp->aps, fp->naps, sizeof(*fp->aps)))
		return -ENOMEM;
	a = &fp->aps[fp->naps++];
	*a = *ap;
	if (!a->mount[0])
		memcpy(a->mount, "ceiling", sizeof("ceiling"));
	if (a->nradios > FP_MAX_RADIOS)
		a->nradios = FP_MAX_RADIOS;
	return 0;
}

int floorplan_add_area(struct floorplan *fp, const struct fp_area *area)
{
	struct fp_area *a;

	if (area->npts < 3)
		return -EINVAL;
	if (grow((void **)&fp->areas, fp->nareas, sizeof(*fp->areas)))
		return -ENOMEM;
	a = &fp->areas[fp->nareas];
	*a = *area;
	a->pts = malloc(area->npts * sizeof(*area->pts));
	if (!a->pts)
		return -ENOMEM;
	memcpy(a->pts, area->pts, area->npts * sizeof(*area->pts));
	fp->nareas++;
	return 0;
}

int floorplan_set_image(struct floorplan *fp, const char *type, const void *data, size_t len)
{
	unsigned char *copy = NULL;

	if (len) {
		copy = malloc(len);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, data, len);
	}
	free(fp->image);
	fp->image = copy;
	fp->image_len = len;
	copy_str(fp->image_type, sizeof(fp->image_type), type);
	return 0;
}

double floorplan_width_m(const struct floorplan *fp)
{
	return fp->px_per_m > 0 ? fp->width_px / fp->px_per_m : 0;
}

double floorplan_height_m(const struct floorplan *fp)
{
	return fp->px_per_m > 0 ? fp->height_px / fp->px_per_m : 0;
}

const struct fp_ward *floorplan_find_ward(const struct floorplan *fp, const char *name)
{
	for (size_t i = 0; i < fp->nwards; i++)
		if (strcmp(fp->wards[i].name, name) == 0)
			return &fp->wards[i];
	return NULL;
}

enum fp_band fp_band_of_freq(int freq_mhz)
{
	if (freq_mhz >= 5925 && freq_mhz <= 7125)
		return FP_BAND_6G;
	if (freq_mhz >= 4900 && freq_mhz < 5925)
		return FP_BAND_5G;
	return FP_BAND_2G4;
}
