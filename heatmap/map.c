/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map.c — see map.h. */
#include "heatmap/map.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/levels.h"

void hm_map_opts_default(struct hm_map_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->cell_m = HM_CELL_DEFAULT_M;
	hm_est_opts_default(&o->est);
	o->method = HM_METHOD_MODEL;
	o->band = -1;
	o->margin_m = 1;
	o->min_notspot_m2 = 1;
}

void hm_map_release(struct hm_map *m)
{
	free(m->cover);
	for (int k = 0; k < HM_NMETRICS; k++)
		free(m->m[k]);
	free(m->ward_of);
	free(m->verdict);
	free(m->failed);
	hm_notspots_release(&m->notspots);
	free(m->fits);
	free(m->used);
	free(m->aps);
	free(m->wall_fits);
	free(m->others);
	memset(m, 0, sizeof(*m));
}

/* The crop ward, the SSID, and the filter the map serves by; -ENOENT with a sentence. */
static int map_check(const struct hm_set *set, const struct floorplan *fp,
		     const struct hm_map_opts *o, struct hm_map *out, struct hm_filter *f,
		     struct ns_err *err)
{
	if (!set->nsamples)
		return ns_err_set(err, -ENOENT, "the survey has no placed samples on this floor");
	if (o->ward) {
		for (size_t k = 0; k < fp->nwards; k++)
			if (strcmp(fp->wards[k].name, o->ward) == 0) {
				out->ward = &fp->wards[k];
				out->ward_index = (int)k;
			}
		if (!out->ward)
			return ns_err_set(err, -ENOENT, "floor '%s' has no ward called '%s'", fp->name,
					  o->ward);
	}
	if (o->ssid && !hm_set_has_ssid(set, o->ssid))
		return ns_err_set(err, -ENOENT, "no access point in this survey broadcasts SSID '%s'",
				  o->ssid);
	hm_filter_default(f);
	f->ssid = o->ssid;
	f->band = o->band;
	if (o->profile) {
		out->profile = *o->profile;
		out->has_profile = true;
		for (int k = 0; k < o->profile->nrules; k++)
			if (o->profile->rules[k].metric == HM_M_APS &&
			    isfinite(o->profile->rules[k].level_dbm))
				f->aps_dbm = o->profile->rules[k].level_dbm;
	}
	return 0;
}

/*
 * The radios to estimate: the serving BSSIDs', and every radio sharing a
 * channel with one (co-channel). -ENOENT with a sentence when none serves.
 */
static int map_radios(const struct hm_set *set, const struct hm_map_opts *o,
		      const struct hm_filter *f, struct hm_map *out, struct ns_err *err)
{
	bool any = false;

	out->nradios = set->nradios;
	out->used = calloc(set->nradios + 1, sizeof(bool));
	out->fits = calloc(set->nradios + 1, sizeof(*out->fits));
	if (!out->used || !out->fits)
		return ns_err_set(err, -ENOMEM, "out of memory building the map");
	for (size_t b = 0; b < set->nbss; b++)
		if (hm_bss_serves(&set->bss[b], f)) {
			out->used[set->bss[b].radio] = true;
			any = true;
		}
	if (!any) {
		if (o->ssid && o->band >= 0)
			return ns_err_set(err, -ENOENT, "no access point broadcasts '%s' on %s",
					  o->ssid, hm_band_name(o->band));
		if (o->band >= 0)
			return ns_err_set(err, -ENOENT, "no access point was heard on %s",
					  hm_band_name(o->band));
		return ns_err_set(err, -ENOENT, "no access point was heard in this survey");
	}
	for (size_t r = 0; r < set->nradios; r++)
		for (size_t q = 0; q < set->nradios && !out->used[r]; q++)
			if (out->used[q] && set->radios[q].freq_mhz == set->radios[r].freq_mhz &&
			    !(set->radios[q].phys == set->radios[r].phys))
				out->used[r] = true;
	return 0;
}

/* The grid: the ward's box (plus a margin) or the whole floor with its samples. */
static int map_grid(const struct hm_set *set, const struct floorplan *fp,
		    const struct hm_map_opts *o, struct hm_map *out, struct ns_err *err)
{
	struct fp_point mn, mx;

	if (out->ward) {
		fp_polygon_bounds(out->ward->pts, out->ward->npts, &mn, &mx);
		mn.x -= o->margin_m;
		mn.y -= o->margin_m;
		mx.x += o->margin_m;
		mx.y += o->margin_m;
	} else {
		struct fp_point *wp = malloc((set->where.n + 1) * sizeof(*wp));
		bool ok;

		if (!wp)
			return ns_err_set(err, -ENOMEM, "out of memory building the map");
		for (size_t k = 0; k < set->where.n; k++)
			wp[k] = (struct fp_point){ set->where.p[k].x, set->where.p[k].y };
		ok = hm_floor_bounds(fp, wp, set->where.n, &mn, &mx);
		free(wp);
		if (!ok)
			return ns_err_set(err, -ENOENT, "the floor and its samples have no extent to map");
	}
	return hm_grid_init(&out->grid, mn, mx, o->cell_m, err);
}

/*
 * @set as the estimator grouped it: a shallow copy whose radios point at the
 * fitted physical APs (radios with no fit keep an AP of their own), so the
 * metrics count one AP per place. @radios and @phys are the copy's, to free.
 */
static int regrouped(const struct hm_set *set, const struct hm_est *est, bool grouped,
		     struct hm_set *out, struct hm_radio **radios, struct hm_phys **phys)
{
	size_t naps;
	const struct hm_ap_fit *aps = hm_est_aps(est, &naps);

	*out = *set;
	*radios = NULL;
	*phys = NULL;
	if (!grouped)
		return 0; /* radios fitted one by one: the survey's own grouping stands */
	*radios = malloc((set->nradios + 1) * sizeof(**radios));
	*phys = calloc(naps + set->nradios + 1, sizeof(**phys));
	if (!*radios || !*phys)
		return -ENOMEM;
	memcpy(*radios, set->radios, set->nradios * sizeof(**radios));
	for (size_t a = 0; a < naps; a++)
		snprintf((*phys)[a].name, sizeof((*phys)[a].name), "%s", aps[a].name);
	out->nphys = naps;
	for (size_t r = 0; r < set->nradios; r++) {
		const struct hm_model *m = hm_est_model(est, r);

		if (m && m->ap >= 0) {
			(*radios)[r].phys = (size_t)m->ap;
		} else {
			(*phys)[out->nphys] = set->phys[set->radios[r].phys];
			(*radios)[r].phys = out->nphys++;
		}
	}
	out->radios = *radios;
	out->phys = *phys;
	return 0;
}

/* The estimator's APs and learned walls, copied into the map. */
static int map_fits(const struct hm_est *est, struct hm_map *out)
{
	size_t na, nw;
	const struct hm_ap_fit *aps = hm_est_aps(est, &na);
	const struct hm_wall_fit *wf = hm_est_wall_fits(est, &nw);

	out->aps = malloc((na + 1) * sizeof(*out->aps));
	out->wall_fits = malloc((nw + 1) * sizeof(*out->wall_fits));
	if (!out->aps || !out->wall_fits)
		return -ENOMEM;
	memcpy(out->aps, aps, na * sizeof(*aps));
	memcpy(out->wall_fits, wf, nw * sizeof(*wf));
	out->naps = na;
	out->nwall_fits = nw;
	return 0;
}

/* Per-radio fields, then the metrics from them and the scalar measurements. */
static int map_metrics(const struct hm_set *set, const struct hm_est *est,
		       const struct hm_map_opts *o, const struct hm_filter *f, struct hm_map *out,
		       struct ns_err *err)
{
	size_t nc = hm_grid_ncells(&out->grid);
	float **fields = calloc(set->nradios + 1, sizeof(*fields));
	struct hm_set grouped;
	struct hm_radio *gradios = NULL;
	struct hm_phys *gphys = NULL;
	size_t nfields = set->nradios;
	int lf = o->levels ? hm_levels_floor_of(o->levels, out->fp) : -1;
	int rc = 0;

	if (!fields || regrouped(set, est, o->est.group_aps, &grouped, &gradios, &gphys) || map_fits(est, out))
		goto oom;
	for (size_t r = 0; r < set->nradios; r++)
		if (out->used[r] && !(fields[r] = malloc(nc * sizeof(float))))
			goto oom;
	if ((rc = hm_est_radios(est, out->used, o->method, fields, out->fits, err)))
		goto out;
	if (lf >= 0 && o->method == HM_METHOD_MODEL &&
	    hm_levels_map_fields(o->levels, (size_t)lf, set, est, out, &grouped, &gradios, &gphys,
				 &fields, &nfields))
		goto oom;
	for (int k = 0; k < HM_NMETRICS; k++) {
		int s = hm_metric_info(k)->scalar;

		if (s >= 0 && set->scalar[s].n == 0)
			continue; /* not measured in this survey */
		if (k == HM_M_SNR && !set->nnoise)
			continue;
		if (!(out->m[k] = malloc(nc * sizeof(float))))
			goto oom;
		if (s >= 0 && hm_est_scalar(est, &set->scalar[s], out->m[k]))
			goto oom;
	}
	hm_metrics_compute(&grouped, &out->grid, fields, f, out->m);
	goto out;
oom:
	rc = ns_err_set(err, -ENOMEM, "out of memory building the map");
out:
	if (fields)
		for (size_t r = 0; r < nfields; r++)
			free(fields[r]);
	free(fields);
	free(gradios);
	free(gphys);
	return rc;
}

/* Cover per cell: outside the map, surveyed, or not (predicted when asked for). */
static int map_cover(const struct floorplan *fp, const struct hm_est *est,
		     const struct hm_map_opts *o, struct hm_map *out, struct ns_err *err)
{
	size_t nc = hm_grid_ncells(&out->grid);
	const uint8_t *sup = hm_est_support(est);

	out->cover = malloc(nc);
	if (!out->cover || hm_wards_raster(fp, &out->grid, &out->ward_of))
		return ns_err_set(err, -ENOMEM, "out of memory building the map");
	for (size_t c = 0; c < nc; c++) {
		if (out->ward && out->ward_of[c] != out->ward_index &&
		    !fp_point_in_polygon(out->ward->pts, out->ward->npts,
					 hm_grid_center(&out->grid, (int)(c % out->grid.nx),
							(int)(c / out->grid.nx))))
			out->cover[c] = HM_COVER_OUTSIDE;
		else if (!out->ward && !o->all_cells && fp->nwards && out->ward_of[c] < 0)
			out->cover[c] = HM_COVER_OUTSIDE;
		else if (sup[c])
			out->cover[c] = HM_COVER_SURVEYED;
		else
			out->cover[c] = o->predict ? HM_COVER_PREDICTED : HM_COVER_NOT_SURVEYED;
	}
	return 0;
}

/* Verdicts by the profile, and its not-spots. */
static int map_judge(const struct floorplan *fp, const struct hm_map_opts *o, struct hm_map *out,
		     struct ns_err *err)
{
	size_t nc = hm_grid_ncells(&out->grid);
	const struct hm_rule *r0 = &out->profile.rules[0];

	out->verdict = malloc(nc);
	out->failed = malloc(nc * sizeof(uint32_t));
	if (!out->verdict || !out->failed)
		return ns_err_set(err, -ENOMEM, "out of memory building the map");
	hm_profile_eval(&out->profile, &out->grid, out->cover, out->m, out->verdict, out->failed);
	return hm_notspots_find(&out->grid, out->verdict, out->failed, out->m[r0->metric],
				hm_metric_info(r0->metric)->higher_better, fp, out->ward_of,
				o->min_notspot_m2, &out->notspots, err);
}

int hm_map_build(const struct hm_set *set, const struct floorplan *fp,
		 const struct hm_map_opts *o, struct hm_map *out, struct ns_err *err)
{
	struct hm_est *est = NULL;
	struct hm_filter f;
	int rc;

	memset(out, 0, sizeof(*out));
	out->fp = fp;
	out->opts = *o;
	out->ward_index = -1;
	if ((rc = map_check(set, fp, o, out, &f, err)))
		return rc;
	if ((rc = map_radios(set, o, &f, out, err)) || (rc = map_grid(set, fp, o, out, err)) ||
	    (rc = hm_est_new(set, fp, &out->grid, &o->est, &est, err)))
		goto fail;
	out->nbins = hm_est_nbins(est);
	out->nsamples = set->nsamples;
	out->first_us = set->first_us;
	out->last_us = set->last_us;
	if ((rc = map_metrics(set, est, o, &f, out, err)) || (rc = map_cover(fp, est, o, out, err)) ||
	    (out->has_profile && (rc = map_judge(fp, o, out, err))))
		goto fail;
	hm_est_free(est);
	out->opts.levels = NULL; /* read while building, not kept */
	return 0;
fail:
	hm_est_free(est);
	hm_map_release(out);
	return rc;
}
