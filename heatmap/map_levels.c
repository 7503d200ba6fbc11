/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map_levels.c — a level's map with the other levels' radios (levels.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/building.h"
#include "heatmap/levels.h"
#include "heatmap/map.h"

struct mean_ctx {
	const struct hm_levels *l;
	size_t r, floor;
	struct hm_level_model m;  /* as this level's readings see it */
};

static double mean_cb(void *arg, double x, double y)
{
	const struct mean_ctx *c = arg;

	return hm_levels_predict_on(c->l, c->r, c->floor, &c->m, x, y);
}

/* Building radio @r's place in level @floor's frame. */
static struct fp_point place_on(const struct hm_levels *l, size_t r, size_t floor)
{
	return fp_building_to_floor(l->fp[floor], (struct fp_point){ l->radios[r].x, l->radios[r].y });
}

/* Note building radio @r (on another level) as an AP this map takes in, once per name. */
static int note_other(const struct hm_levels *l, size_t r, size_t floor, struct hm_map *m)
{
	const struct hm_level_radio *a = &l->radios[r];
	struct hm_other_ap *n;

	for (size_t k = 0; k < m->nothers; k++)
		if (strcmp(m->others[k].name, a->name) == 0)
			return 0;
	if (!(n = realloc(m->others, (m->nothers + 1) * sizeof(*n))))
		return -ENOMEM;
	m->others = n;
	n = &m->others[m->nothers++];
	memset(n, 0, sizeof(*n));
	snprintf(n->name, sizeof(n->name), "%s", a->name);
	snprintf(n->level, sizeof(n->level), "%s", l->fp[a->floor]->name);
	n->pos = place_on(l, r, floor);
	return 0;
}

/*
 * The building radio that decides map AP @a's level: of its radios the one
 * the building's fit read in the most bins (the levels fit gives one
 * physical AP's radios one level; this AP is the level's own grouping).
 * -1 when none of them is in the building's fit.
 */
static long ap_radio(const struct hm_levels *l, const struct hm_set *set, const struct hm_ap_fit *a)
{
	long best = -1;

	for (int q = 0; q < a->nradios; q++) {
		const struct hm_radio *rd = &set->radios[a->radios[q]];
		long lr = hm_levels_find(l, rd->mac, rd->freq_mhz);

		if (lr >= 0 && (best < 0 || l->radios[lr].nbins > l->radios[best].nbins))
			best = lr;
	}
	return best;
}

/*
 * The APs' levels: an AP the levels fit puts on another level is placed
 * there and noted once as an AP of another level (drawn only so, never as
 * estimated here); its radios' fields are that model through the slabs plus
 * @est's kriged residuals. An AP on this level keeps the level's own fit.
 */
static int ap_levels(const struct hm_levels *l, size_t floor, const struct hm_set *set,
		     const struct hm_est *est, struct hm_map *m, float **fields)
{
	int rc;

	for (size_t k = 0; k < m->naps; k++) {
		struct hm_ap_fit *a = &m->aps[k];
		long other = ap_radio(l, set, a);

		if (other < 0 || l->radios[other].floor == floor) {
			snprintf(a->level, sizeof(a->level), "%s", l->fp[floor]->name);
			continue;
		}
		struct fp_point p = place_on(l, (size_t)other, floor);

		snprintf(a->level, sizeof(a->level), "%s", l->fp[l->radios[other].floor]->name);
		a->x = p.x;
		a->y = p.y;
		if ((rc = note_other(l, (size_t)other, floor, m)))
			return rc;
		for (int q = 0; q < a->nradios; q++) {
			size_t r = a->radios[q];
			long lr = hm_levels_find(l, set->radios[r].mac, set->radios[r].freq_mhz);
			struct mean_ctx c = { .l = l, .r = (size_t)(lr < 0 ? other : lr), .floor = floor };

			if (!fields[r])
				continue;
			hm_levels_model_on(l, c.r, floor, set, r, &c.m);
			if ((rc = hm_est_radio_mean(est, r, mean_cb, &c, fields[r])))
				return rc;
		}
	}
	return 0;
}

/* Whether building radio @r, never heard here, shares a channel with a used radio. */
static bool cochannel(const struct hm_levels *l, size_t r, size_t floor, const struct hm_set *set,
		      const struct hm_map *m)
{
	if (((l->radios[r].heard >> floor) & 1) || l->radios[r].floor == floor ||
	    !l->radios[r].nbins)
		return false;
	for (size_t q = 0; q < set->nradios; q++)
		if (m->used[q] && set->radios[q].freq_mhz == l->radios[r].freq_mhz)
			return true;
	return false;
}

/* Grow @grouped by building radio @r of another level, its field by the model alone. */
static int append_foreign(const struct hm_levels *l, size_t r, size_t floor, struct hm_map *m,
			  struct hm_set *g, float **field)
{
	const struct hm_grid *gr = &m->grid;
	struct hm_radio *rd = (struct hm_radio *)&g->radios[g->nradios];
	struct hm_phys *ph = (struct hm_phys *)&g->phys[g->nphys];

	if (!(*field = malloc(hm_grid_ncells(gr) * sizeof(float))))
		return -ENOMEM;
	for (int j = 0; j < gr->ny; j++)
		for (int i = 0; i < gr->nx; i++) {
			struct fp_point p = hm_grid_center(gr, i, j);

			(*field)[(size_t)j * gr->nx + i] =
				(float)hm_levels_predict(l, r, floor, p.x, p.y);
		}
	memset(rd, 0, sizeof(*rd));
	memcpy(rd->mac, l->radios[r].mac, 6);
	rd->freq_mhz = l->radios[r].freq_mhz;
	rd->band = l->radios[r].band;
	rd->phys = g->nphys;
	snprintf(ph->name, sizeof(ph->name), "%s", l->radios[r].name);
	g->nradios++;
	g->nphys++;
	return note_other(l, r, floor, m);
}

int hm_levels_map_fields(const struct hm_levels *l, size_t floor, const struct hm_set *set,
			 const struct hm_est *est, struct hm_map *m, struct hm_set *grouped,
			 struct hm_radio **gradios, struct hm_phys **gphys, float ***fields,
			 size_t *nfields)
{
	size_t nfor = 0, nr = grouped->nradios;
	struct hm_radio *rads;
	struct hm_phys *phys;
	float **f;
	int rc;

	if ((rc = ap_levels(l, floor, set, est, m, *fields)))
		return rc;
	for (size_t r = 0; r < l->nradios; r++)
		nfor += cochannel(l, r, floor, set, m);
	if (!nfor)
		return 0;
	rads = malloc((nr + nfor + 1) * sizeof(*rads));
	phys = malloc((grouped->nphys + nfor + 1) * sizeof(*phys));
	f = realloc(*fields, (nr + nfor + 1) * sizeof(*f));
	if (f)
		*fields = f;
	if (!rads || !phys || !f) {
		free(rads);
		free(phys);
		return -ENOMEM;
	}
	memcpy(rads, grouped->radios, nr * sizeof(*rads));
	memcpy(phys, grouped->phys, grouped->nphys * sizeof(*phys));
	free(*gradios);
	free(*gphys);
	*gradios = rads;
	*gphys = phys;
	grouped->radios = rads;
	grouped->phys = phys;
	for (size_t r = 0; r < l->nradios; r++) {
		if (!cochannel(l, r, floor, set, m))
			continue;
		f[grouped->nradios] = NULL;
		*nfields = grouped->nradios + 1;
		if ((rc = append_foreign(l, r, floor, m, grouped, &f[grouped->nradios])))
			return rc;
	}
	return 0;
}
