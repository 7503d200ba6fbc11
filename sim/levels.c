/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * levels.c — a building of several levels as one radio world: the APs of
 * every level, heard from the level being walked. See sim.h
 * (sim_world_new_building()) and sim/README.md ("Several levels").
 *
 * The walked level's APs are computed exactly as in a one-level world (and
 * come first, with the same shadowing), so adding levels changes nothing of
 * what the walked level's own APs do. An AP on another level is placed in
 * the building's frame (its floor's alignment, its level's elevation plus
 * its antenna height) and reaches the receiver through:
 *   - the 3-D distance (log-distance path loss, as for any AP);
 *   - the walls of its own level between it and where the straight path
 *     leaves that level, and those of the walked level from where the path
 *     enters it to the receiver (each on its own drawing, in its own frame);
 *   - the slabs between the two levels, by the COST 231 multi-floor rule
 *     (floorplans/building.h, fp_slab_loss_between());
 *   - its own shadowing field, drawn per pair of levels and evaluated in the
 *     building's frame: what an AP does on another level is another place.
 */
#include "sim/world_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/building.h"
#include "floorplans/geometry.h"
#include "sim/rng.h"

double sim_remote_mean_dbm(const struct sim_world *w, size_t ap_i, int radio, struct fp_point p)
{
	const struct sim_ap *ap = &w->aps[ap_i];
	const struct sim_remote *r = &w->remote[ap_i - w->nhere];
	enum fp_band band = fp_band_of_freq(ap->radios[radio].freq_mhz);
	struct fp_point rx = fp_floor_to_building(w->fp, p), at;
	double zr = w->here_z + w->cfg.rx_height_m, dz = zr - r->z;
	double d = sqrt((rx.x - r->b.x) * (rx.x - r->b.x) + (rx.y - r->b.y) * (rx.y - r->b.y) +
			dz * dz);
	double walls = 0, slab, pl, shadow = 0, t_exit = 0.5, t_enter = 0.5;

	if (d < 1.0)
		d = 1.0;
	pl = w->cfg.pl1m_db[band] + 10.0 * w->cfg.exponent * log10(d);
	if (fabs(dz) > 1e-9) {
		/* Up: out through the ceiling of the AP's level, in through the receiver's floor. */
		bool up = dz > 0;

		t_exit = fmin(fmax(((up ? r->ceil_z : r->floor_z) - r->z) / dz, 0), 1);
		t_enter = fmin(fmax(((up ? w->here_z : w->here_z + w->here_h) - r->z) / dz, 0), 1);
	}
	at = (struct fp_point){ r->b.x + t_exit * (rx.x - r->b.x), r->b.y + t_exit * (rx.y - r->b.y) };
	walls += fp_path_wall_loss(r->fp, ap->pos, fp_building_to_floor(r->fp, at), band, NULL);
	at = (struct fp_point){ r->b.x + t_enter * (rx.x - r->b.x),
				r->b.y + t_enter * (rx.y - r->b.y) };
	walls += fp_path_wall_loss(w->fp, fp_building_to_floor(w->fp, at), p, band, NULL);
	slab = fp_slab_loss_between(w->floors, w->nfloors, r->fp->level, w->fp->level, band);
	if (w->cfg.shadow_sigma_db > 0)
		shadow = w->cfg.shadow_sigma_db * sim_shadow_at(&w->shadow[ap_i], rx);
	return ap->radios[radio].tx_power_dbm - pl - walls - slab + shadow;
}

/* The seed of the shadowing of AP @j (of its level's list) on level @from heard on @to. */
static uint64_t remote_seed(uint64_t seed, int from, int to, size_t j)
{
	uint64_t pair = (uint64_t)(uint32_t)(from + 1000) << 20 | (uint64_t)(uint32_t)(to + 1000);

	return sim_rng_mix(seed ^ (0x6c6576656c73ULL * (pair + 1)), j + 1);
}

/* Every AP of @levels in one array, the walked level's (@here) first. */
static int gather_aps(const struct sim_level *levels, size_t n, size_t here,
		      struct sim_ap **out, size_t *nout)
{
	size_t total = 0, k = 0;
	struct sim_ap *v;

	for (size_t i = 0; i < n; i++)
		total += levels[i].naps;
	v = calloc(total ? total : 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	if (levels[here].naps)
		memcpy(v, levels[here].aps, levels[here].naps * sizeof(*v));
	k = levels[here].naps;
	for (size_t i = 0; i < n; i++)
		if (i != here && levels[i].naps) {
			memcpy(v + k, levels[i].aps, levels[i].naps * sizeof(*v));
			k += levels[i].naps;
		}
	*out = v;
	*nout = total;
	return 0;
}

/* Where the other levels' APs stand in the building, and their own shadowing. */
static int place_remote(struct sim_world *w, const struct sim_level *levels, size_t n,
			size_t here, const struct fp_building *b)
{
	size_t k = 0;

	w->remote = calloc(w->naps - w->nhere + 1, sizeof(*w->remote));
	w->floors = calloc(n, sizeof(*w->floors));
	if (!w->remote || !w->floors)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		w->floors[i] = levels[i].fp;
	w->nfloors = n;
	w->here_z = fp_floor_elevation(levels[here].fp, b);
	w->here_h = fp_floor_height(levels[here].fp, b);
	for (size_t i = 0; i < n; i++) {
		const struct floorplan *fp = levels[i].fp;
		double floor_z = fp_floor_elevation(fp, b), h = fp_floor_height(fp, b);

		if (i == here)
			continue;
		for (size_t j = 0; j < levels[i].naps; j++, k++) {
			struct sim_remote *r = &w->remote[k];
			size_t a = w->nhere + k;

			r->fp = fp;
			r->b = fp_floor_to_building(fp, w->aps[a].pos);
			r->z = floor_z + w->aps[a].height_m;
			r->floor_z = floor_z;
			r->ceil_z = floor_z + h;
			sim_shadow_init(&w->shadow[a],
					remote_seed(w->cfg.seed, fp->level, levels[here].fp->level, j),
					w->cfg.shadow_corr_m);
		}
	}
	return 0;
}

int sim_world_new_building(const struct sim_level *levels, size_t n, size_t here,
			   const struct fp_building *b, const struct sim_config *cfg,
			   struct sim_world **out, struct ns_err *err)
{
	struct sim_ap *all = NULL;
	struct sim_world *w = NULL;
	size_t total = 0;
	int rc;

	*out = NULL;
	if (!levels || here >= n)
		return ns_err_set(err, -EINVAL, "the walked level is not one of the building's");
	for (size_t i = 0; i < n; i++)
		if (!levels[i].fp || (levels[i].naps && !levels[i].aps))
			return ns_err_set(err, -EINVAL, "level %zu of the building has no floor", i);
	if (gather_aps(levels, n, here, &all, &total))
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = sim_world_new(levels[here].fp, all, total, cfg, &w, err);
	free(all);
	if (rc)
		return rc;
	w->nhere = levels[here].naps;
	if (place_remote(w, levels, n, here, b)) {
		sim_world_free(w);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	*out = w;
	return 0;
}

const struct floorplan *sim_world_ap_floor(const struct sim_world *w, size_t i)
{
	if (i >= w->naps)
		return NULL;
	return i < w->nhere ? w->fp : w->remote[i - w->nhere].fp;
}
