/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_data.c — what the evidence report says, gathered before anything is
 * laid out (report_priv.h): per floor its one map and figures against the
 * profile; per reported ward its figures counted on that map (its own cells
 * on the floor's grid: never more than itself or the floor), its worst value
 * and its not-spots with their nearest AP and the rooms they lie in; the
 * walks and the provenance; the APs heard. Plain structs, no cairo:
 * report_pages.c draws them.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/levels.h"
#include "heatmap/load.h"
#include "heatmap/render.h"
#include "heatmap/report_priv.h"
#include "util/clock.h"

/* The worst value of @metric over the surveyed cells of @m in @in (NULL: all). */
static void worst_of(const struct hm_map *m, enum hm_metric metric, const uint8_t *in,
		     double *worst, bool *no_signal)
{
	const struct hm_metric_info *mi = hm_metric_info(metric);
	size_t nc = hm_grid_ncells(&m->grid);

	*worst = NAN;
	*no_signal = false;
	if (!m->m[metric])
		return;
	for (size_t c = 0; c < nc; c++) {
		float v = m->m[metric][c];

		if (m->cover[c] != HM_COVER_SURVEYED && m->cover[c] != HM_COVER_PREDICTED)
			continue;
		if (in && !in[c])
			continue;
		if (isnan(v)) {
			*no_signal |= mi->absent_fails;
			continue;
		}
		if (isnan(*worst) || (mi->higher_better ? v < *worst : v > *worst))
			*worst = v;
	}
}

/* The nearest access point to @p by its estimated (fitted) position into @ns (none: ap NULL). */
static void nearest_ap(const struct hm_map *m, const struct hm_set *set, struct fp_point p,
		       struct rep_notspot *ns)
{
	double best = INFINITY;
	size_t bi = 0;

	for (size_t k = 0; k < m->nradios && k < set->nradios; k++) {
		double d;

		if (!m->used || !m->used[k] || !m->fits || m->fits[k].nbins <= 0)
			continue;
		d = hypot(m->fits[k].x - p.x, m->fits[k].y - p.y);
		if (d < best) {
			best = d;
			bi = k;
		}
	}
	ns->ap = isinf(best) ? NULL : set->phys[set->radios[bi].phys].name;
	ns->ap_m = best;
}

/*
 * The ward's not-spots as its page lists them: the floor's not-spots (their
 * numbers as on every map) of which at least 1 m² lies in the ward, or which
 * the ward holds most of — the rule hm_ward_stats_compute() counts by.
 */
static int ward_notspots(const struct rep_floor *f, const uint8_t *in, struct rep_ward *wd)
{
	const struct hm_notspots *ns = &f->map.notspots;
	size_t nc = hm_grid_ncells(&f->map.grid), *part = calloc(ns->n + 1, sizeof(*part));
	double cell2 = f->map.grid.cell_m * f->map.grid.cell_m;

	wd->notspots = calloc(ns->n + 1, sizeof(*wd->notspots));
	if (!wd->notspots || !part) {
		free(part);
		return -ENOMEM;
	}
	for (size_t c = 0; c < nc && ns->label; c++)
		if (in[c] && ns->label[c] >= 0)
			part[ns->label[c]]++;
	for (size_t k = 0; k < ns->n; k++) {
		struct rep_notspot *row = &wd->notspots[wd->nnotspots];
		double inside = (double)part[k] * cell2;

		if (!(inside > 0 && (inside + 1e-9 >= HM_NOTSPOT_SQUARE_M * HM_NOTSPOT_SQUARE_M ||
				     strcmp(ns->v[k].ward, wd->w->name) == 0)))
			continue;
		row->ns = &ns->v[k];
		row->number = k + 1;
		row->in_ward_m2 = inside;
		nearest_ap(&f->map, &f->set, ns->v[k].centroid, row);
		wd->nnotspots++;
	}
	free(part);
	return 0;
}

static void map_opts(const struct rep_data *d, struct hm_map_opts *mo)
{
	hm_map_opts_default(mo);
	mo->cell_m = d->o->cell_m > 0 ? d->o->cell_m : HM_CELL_DEFAULT_M;
	mo->est.reach_m = d->o->reach_m > 0 ? d->o->reach_m : 5;
	mo->ssid = d->o->ssid;
	mo->band = d->o->band;
	mo->predict = d->o->predict;
	mo->profile = &d->prof;
}

static bool ward_wanted(const struct hm_report_opts *o, const char *name)
{
	if (o->nwards == 0)
		return true;
	for (size_t i = 0; i < o->nwards; i++)
		if (strcmp(o->wards[i], name) == 0)
			return true;
	return false;
}

/* Ward @k of floor @f: its figures on the floor's map, worst value, measured maps, not-spots. */
static int gather_ward(struct rep_data *d, struct rep_floor *f, size_t k, struct ns_err *err)
{
	const struct hm_profile *p = &d->prof;
	const struct hm_map *m = &f->map;
	struct rep_ward *wd = &f->wards[f->nwards++];
	enum hm_metric want[HM_MAX_REPORT_MAPS];
	size_t nwant = hm_report_maps(p, want, HM_MAX_REPORT_MAPS);
	uint8_t *in = NULL;
	int rc;

	wd->w = &f->fp->wards[k];
	wd->index = (int)k;
	if (hm_ward_cells(f->fp, (int)k, &m->grid, &in) ||
	    hm_ward_stats_compute(p, &m->grid, m->verdict, m->m, f->fp, (int)k, &m->notspots,
				  &wd->st)) {
		free(in);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	worst_of(m, p->rules[0].metric, in, &wd->worst, &wd->no_signal);
	for (size_t j = 0; j < nwant; j++)
		if (m->m[want[j]])
			wd->maps[wd->nmaps++] = want[j];
	for (int q = 0; q < p->nrules; q++)
		d->rule_used[q] |= wd->st.rule_measured_m2[q] > 0;
	rc = ward_notspots(f, in, wd);
	free(in);
	return rc ? ns_err_set(err, rc, "out of memory") : 0;
}

static int cmp_ap(const void *a, const void *b)
{
	return strcmp(((const struct rep_ap *)a)->name, ((const struct rep_ap *)b)->name);
}

/* The physical APs heard on floor @f, by name, with their strongest fresh reading. */
static int gather_aps(struct rep_floor *f)
{
	const struct hm_set *set = &f->set;

	f->aps = calloc(set->nphys ? set->nphys : 1, sizeof(*f->aps));
	if (!f->aps)
		return -ENOMEM;
	for (size_t k = 0; k < set->nphys; k++) {
		snprintf(f->aps[k].name, sizeof(f->aps[k].name), "%s", set->phys[k].name);
		f->aps[k].phys = k;
		f->aps[k].best = -INFINITY;
	}
	for (size_t b = 0; b < set->nbss; b++) {
		const struct hm_bss *bs = &set->bss[b];
		struct rep_ap *ap = &f->aps[set->radios[bs->radio].phys];

		for (size_t q = 0; q < bs->sig.n; q++)
			ap->best = fmax(ap->best, bs->sig.p[q].v);
	}
	qsort(f->aps, set->nphys, sizeof(*f->aps), cmp_ap);
	f->naps = set->nphys;
	return 0;
}

static int gather_floor(struct rep_data *d, struct survey *s, int64_t id, struct rep_floor *f,
			struct ns_err *err)
{
	const struct hm_profile *p = &d->prof;
	struct hm_map_opts mo;
	struct fp_building b;
	int rc;

	if ((rc = hm_load_floor_id(s, id, &f->fp, &f->set, err)))
		return rc;
	f->set_loaded = true;
	if (d->has_device)
		hm_device_apply(&d->device, &f->set);
	if (f->set.nsamples == 0 && !d->o->floor)
		return 1; /* a level nobody has walked yet: said, not mapped */
	f->north_deg = NAN;
	if (f->fp->building_id > 0) {
		if ((rc = survey_get_building(s, f->fp->building_id, &b, err)))
			return rc;
		f->north_deg = hm_floor_bearing(&b, f->fp);
	}
	map_opts(d, &mo);
	/* The building's levels are fitted together once, for all of its floors. */
	if (!d->levels_loaded || d->levels_building != f->fp->building_id) {
		if (d->levels_loaded)
			hm_levels_release(&d->levels);
		d->levels_loaded = false;
		if ((rc = hm_levels_load(s, f->fp, &mo.est, &d->levels, err)))
			return rc;
		d->levels_loaded = true;
		d->levels_building = f->fp->building_id;
	}
	mo.levels = &d->levels;
	if ((rc = hm_map_build(&f->set, f->fp, &mo, &f->map, err)))
		return rc;
	f->built = true;
	/* Each not-spot named by the rule it fails most, with that rule's worst value. */
	hm_notspots_attribute(&f->map.notspots, &f->map.grid, p, f->map.m, f->map.failed);
	hm_area_stats_compute(p, &f->map.grid, f->map.verdict, f->map.m, f->map.ward_of, -2,
			      &f->map.notspots, "whole floor", &f->st);
	worst_of(&f->map, p->rules[0].metric, NULL, &f->worst, &f->no_signal);
	f->wards = calloc(f->fp->nwards ? f->fp->nwards : 1, sizeof(*f->wards));
	if (!f->wards || gather_aps(f))
		return ns_err_set(err, -ENOMEM, "out of memory");
	for (size_t k = 0; k < f->fp->nwards; k++)
		if (ward_wanted(d->o, f->fp->wards[k].name) && (rc = gather_ward(d, f, k, err)))
			return rc;
	return 0;
}

/* The rooms of each not-spot listed for ward @w of floor @f: of its part in the ward. */
static int ward_rooms(struct rep_floor *f, struct rep_ward *w)
{
	uint8_t *in = NULL;

	if (hm_ward_cells(f->fp, w->index, &f->map.grid, &in))
		return -ENOMEM;
	for (size_t k = 0; k < w->nnotspots; k++) {
		struct rep_notspot *n = &w->notspots[k];
		struct strbuf sb = STRBUF_INIT;

		rep_rooms_of_notspot(f->fp, &f->map.grid, &f->map.notspots, n->number - 1, in,
				     f->rooms, f->nrooms, &sb);
		if (strbuf_failed(&sb)) {
			strbuf_release(&sb);
			free(in);
			return -ENOMEM;
		}
		snprintf(n->rooms, sizeof(n->rooms), "%s", sb.buf);
		strbuf_release(&sb);
	}
	free(in);
	return 0;
}

int rep_data_rooms(struct rep_data *d, const struct fp_raster *drawings)
{
	for (size_t i = 0; i < d->nfloors; i++) {
		struct rep_floor *f = &d->floors[i];

		/* A drawing that cannot be read names no rooms; the report says where instead. */
		if (rep_rooms_of_drawing(f->fp, &drawings[i], &f->rooms, &f->nrooms, NULL) ||
		    !f->nrooms)
			continue;
		if (!(f->ns_rooms = calloc(f->map.notspots.n + 1, sizeof(*f->ns_rooms))))
			return -ENOMEM;
		for (size_t k = 0; k < f->map.notspots.n; k++) {
			struct strbuf sb = STRBUF_INIT;

			rep_rooms_of_notspot(f->fp, &f->map.grid, &f->map.notspots, k, NULL, f->rooms,
					     f->nrooms, &sb);
			snprintf(f->ns_rooms[k], sizeof(f->ns_rooms[k]), "%s", sb.buf);
			if (strbuf_failed(&sb)) {
				strbuf_release(&sb);
				return -ENOMEM;
			}
			strbuf_release(&sb);
		}
		for (size_t w = 0; w < f->nwards; w++)
			if (ward_rooms(f, &f->wards[w]))
				return -ENOMEM;
	}
	return 0;
}

/* Whether walk @i repeats the equipment of an earlier one. */
static bool same_equipment_before(const struct rep_data *d, size_t i)
{
	const struct survey_walk *w = &d->walks[i];
	bool dup = false;

	for (size_t j = 0; j < i; j++)
		dup |= strcmp(d->walks[j].interface, w->interface) == 0 &&
		       strcmp(d->walks[j].driver, w->driver) == 0 &&
		       strcmp(d->walks[j].chipset, w->chipset) == 0;
	return dup;
}

static bool same_operator_before(const struct rep_data *d, size_t i)
{
	bool dup = false;

	for (size_t j = 0; j < i; j++)
		dup |= strcmp(d->walks[j].operator_name, d->walks[i].operator_name) == 0;
	return dup;
}

/* The walks: their span, equipment, walkers and how many were simulated. */
static void walks_provenance(struct rep_data *d)
{
	struct rep_provenance *pv = &d->prov;

	for (size_t i = 0; i < d->nwalks; i++) {
		const struct survey_walk *w = &d->walks[i];

		if (!pv->first_us || w->start_us < pv->first_us)
			pv->first_us = w->start_us;
		if (w->end_us > pv->last_us || w->start_us > pv->last_us)
			pv->last_us = w->end_us ? w->end_us : w->start_us;
		if (!same_equipment_before(d, i))
			strbuf_addf(&pv->equipment, "%sinterface %s, driver %s, chipset %s",
				    pv->equipment.len ? "; " : "",
				   w->interface[0] ? w->interface : "?", w->driver[0] ? w->driver : "?",
				   w->chipset[0] ? w->chipset : "?");
		if (!same_operator_before(d, i) && w->operator_name[0])
			strbuf_addf(&pv->operators, "%s%s", pv->operators.len ? ", " : "",
				    w->operator_name);
		pv->nsimulated += survey_walk_is_simulated(w);
	}
	d->simulated = pv->nsimulated > 0;
}

/* What was reported and judged by what: floors, wards with their areas, the rules. */
static void scope_provenance(struct rep_data *d)
{
	struct rep_provenance *pv = &d->prov;
	char rb[96];

	for (size_t i = 0; i < d->nfloors; i++) {
		const struct floorplan *fp = d->floors[i].fp;

		strbuf_addf(&pv->floors, "%s%s (%s%slevel %d)", i ? "; " : "", fp->name, fp->building,
			    fp->building[0] ? ", " : "", fp->level);
		for (size_t w = 0; w < d->floors[i].nwards; w++) {
			const struct rep_ward *wd = &d->floors[i].wards[w];

			strbuf_addf(&pv->wards, "%s%s (%.0f m²)", pv->wards.len ? "; " : "",
				    wd->w->name, fp_polygon_area(wd->w->pts, wd->w->npts));
		}
	}
	for (int q = 0; q < d->prof.nrules; q++)
		strbuf_addf(&pv->rules, "%s%s", q ? "; " : "",
			    rep_rule_text(&d->prof.rules[q], rb, sizeof(rb)));
}

static int check_wards(const struct rep_data *d, struct ns_err *err)
{
	for (size_t i = 0; i < d->o->nwards; i++) {
		bool found = false;

		for (size_t f = 0; f < d->nfloors && !found; f++)
			found = floorplan_find_ward(d->floors[f].fp, d->o->wards[i]) != NULL;
		if (!found)
			return ns_err_set(err, -ENOENT, "no reported floor has a ward called '%s'",
					  d->o->wards[i]);
	}
	return 0;
}

/* Every floor asked for (one, or all), then the wards asked for must exist. */
static int gather_floors(struct rep_data *d, struct survey *s, struct ns_err *err)
{
	struct survey_floor_info *fl = NULL;
	size_t nfl = 0;
	int rc;

	if ((rc = survey_list_floors(s, &fl, &nfl, err)))
		return rc;
	if (nfl == 0) {
		rc = ns_err_set(err, -ENOENT, "the survey has no floors");
		goto out;
	}
	d->floors = calloc(nfl, sizeof(*d->floors));
	if (!d->floors) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nfl; i++) {
		if (d->o->floor && strcmp(d->o->floor, fl[i].name) != 0)
			continue;
		rc = gather_floor(d, s, fl[i].id, &d->floors[d->nfloors++], err);
		if (rc == 1) { /* not walked: named on the summary, left out of the pages */
			struct rep_floor *f = &d->floors[--d->nfloors];

			strbuf_addf(&d->unwalked, "%s%s%s%s", d->unwalked.len ? "; " : "", fl[i].name,
				    fl[i].building[0] ? " of " : "", fl[i].building);
			hm_set_release(&f->set);
			floorplan_free(f->fp);
			memset(f, 0, sizeof(*f));
			rc = 0;
		}
		if (rc)
			goto out;
	}
	if (d->nfloors == 0 && d->o->floor)
		rc = ns_err_set(err, -ENOENT, "the survey has no floor called '%s'", d->o->floor);
	else if (d->nfloors == 0)
		rc = ns_err_set(err, -ENOENT, "no floor of the survey has placed samples");
	else
		rc = check_wards(d, err);
out:
	free(fl);
	return rc;
}

/* The floors by building: each building's floors, highest level first. */
static int group_buildings(struct rep_data *d)
{
	d->buildings = calloc(d->nfloors + 1, sizeof(*d->buildings));
	if (!d->buildings)
		return -ENOMEM;
	for (size_t i = 0; i < d->nfloors; i++) {
		const char *name = d->floors[i].fp->building;
		struct rep_building *b = NULL;

		for (size_t k = 0; k < d->nbuildings && !b; k++)
			if (strcmp(d->buildings[k].name, name) == 0)
				b = &d->buildings[k];
		if (!b) {
			b = &d->buildings[d->nbuildings++];
			snprintf(b->name, sizeof(b->name), "%s", name);
			if (!(b->floors = calloc(d->nfloors, sizeof(*b->floors))))
				return -ENOMEM;
		}
		b->floors[b->n++] = i;
	}
	for (size_t k = 0; k < d->nbuildings; k++) /* ground up → highest first */
		for (size_t a = 0, z = d->buildings[k].n; a + 1 < z; a++, z--) {
			size_t t = d->buildings[k].floors[a];

			d->buildings[k].floors[a] = d->buildings[k].floors[z - 1];
			d->buildings[k].floors[z - 1] = t;
		}
	return 0;
}

int rep_data_gather(struct rep_data *d, struct survey *s, const char *survey_name,
		    const struct hm_report_opts *o, struct ns_err *err)
{
	bool have;
	int rc;

	static const struct hm_report_template none = { .language = "en-GB" };

	memset(d, 0, sizeof(*d));
	d->o = o;
	d->tpl = o->tpl ? o->tpl : &none;
	d->survey_name = survey_name;
	strbuf_init(&d->prov.floors, 0);
	strbuf_init(&d->prov.wards, 0);
	strbuf_init(&d->prov.equipment, 0);
	strbuf_init(&d->prov.operators, 0);
	strbuf_init(&d->prov.rules, 0);
	strbuf_init(&d->unwalked, 0);
	if ((rc = hm_profile_choose(o->profile, o->profile_file, &d->prof, &have, err)))
		return rc;
	if (!have || d->prof.nrules == 0)
		return ns_err_set(err, -EINVAL, "a report needs a requirement profile to judge by");
	if (o->device) {
		if ((rc = hm_device_get(s, o->device, &d->device, err)))
			return rc;
		d->has_device = true;
		hm_device_describe(&d->device, d->device_text, sizeof(d->device_text));
	}
	if ((rc = survey_get_meta(s, &d->meta, err)) ||
	    (rc = survey_list_walks(s, 0, &d->walks, &d->nwalks, err)) ||
	    (rc = gather_floors(d, s, err)) || (rc = rep_roam_gather(d, s, err)) ||
	    (rc = rep_chan_gather(d, s, err)))
		return rc;
	if (group_buildings(d))
		return ns_err_set(err, -ENOMEM, "out of memory");
	walks_provenance(d);
	scope_provenance(d);
	if (strbuf_failed(&d->prov.floors) || strbuf_failed(&d->prov.wards) ||
	    strbuf_failed(&d->prov.equipment) || strbuf_failed(&d->prov.operators) ||
	    strbuf_failed(&d->prov.rules))
		return ns_err_set(err, -ENOMEM, "out of memory");
	rep_day(o->date_us ? o->date_us : ns_wall_us(), d->date, sizeof(d->date));
	return 0;
}

void rep_data_release(struct rep_data *d)
{
	for (size_t i = 0; i < d->nfloors; i++) {
		struct rep_floor *f = &d->floors[i];

		for (size_t k = 0; k < f->nwards; k++)
			free(f->wards[k].notspots);
		free(f->wards);
		free(f->aps);
		free(f->rooms);
		free(f->ns_rooms);
		rep_roam_release(f);
		rep_chan_release(f);
		if (f->built)
			hm_map_release(&f->map);
		if (f->set_loaded)
			hm_set_release(&f->set);
		floorplan_free(f->fp);
	}
	free(d->floors);
	if (d->levels_loaded)
		hm_levels_release(&d->levels);
	for (size_t k = 0; k < d->nbuildings; k++)
		free(d->buildings[k].floors);
	free(d->buildings);
	free(d->walks);
	strbuf_release(&d->prov.floors);
	strbuf_release(&d->prov.wards);
	strbuf_release(&d->prov.equipment);
	strbuf_release(&d->prov.operators);
	strbuf_release(&d->prov.rules);
	strbuf_release(&d->unwalked);
	memset(d, 0, sizeof(*d));
}
