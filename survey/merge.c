/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * merge.c — one survey copied into another, recognising the floors and walks
 * they share. See merge.h for the rules; everything goes through survey.h,
 * so what a merged file holds passed the same checks as anything else.
 */
#include "survey/merge.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The state of one merge: the two files, where the source's floors went. */
struct merge {
	struct survey *dst, *src;
	const struct survey_merge_opts *o;
	struct survey_merge_stats *st;
	struct ns_err *err;
	int64_t *from, *to;       /* source floor id -> destination floor id */
	size_t nmap;
};

static void note(const struct merge *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(const struct merge *m, const char *fmt, ...)
{
	char buf[768];
	va_list ap;

	if (!m->o->note)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	m->o->note(m->o->arg, buf);
}

/* "NAME (LABEL)" in @out (@len bytes): the name a second copy of NAME gets. */
static void suffixed(char *out, size_t len, const char *name, const char *label, int k)
{
	char tail[48];
	int room;

	if (k > 1)
		snprintf(tail, sizeof(tail), " (%.32s %d)", label, k);
	else
		snprintf(tail, sizeof(tail), " (%.32s)", label);
	room = (int)len - 1 - (int)strlen(tail);
	snprintf(out, len, "%.*s%s", room > 0 ? room : 0, name, tail);
}

/* ---- sites, details, offsets, buildings ----------------------------------------------- */

int survey_merge_check_sites(struct survey *a, const char *a_name, struct survey *b,
			     const char *b_name, struct ns_err *err)
{
	struct survey_meta ma, mb;
	int rc = survey_get_meta(a, &ma, err);

	if (!rc)
		rc = survey_get_meta(b, &mb, err);
	if (rc)
		return rc;
	if (ma.site[0] && mb.site[0] && strcmp(ma.site, mb.site) != 0)
		return ns_err_set(err, -EINVAL, "%s is a survey of '%s' and %s of '%s': a merge "
				  "joins surveys of one site; nothing was written", a_name, ma.site,
				  b_name, mb.site);
	return 0;
}

static int merge_meta(struct merge *m)
{
	struct survey_meta md, ms;
	int rc = survey_get_meta(m->dst, &md, m->err);

	if (!rc)
		rc = survey_get_meta(m->src, &ms, m->err);
	if (rc || md.site[0] || !ms.site[0])
		return rc;
	return survey_set_meta(m->dst, &ms, m->err);
}

static int merge_offsets(struct merge *m)
{
	struct survey_device_offset *v = NULL, have;
	size_t n = 0;
	int rc = survey_list_device_offsets(m->src, &v, &n, m->err);

	for (size_t i = 0; !rc && i < n; i++) {
		rc = survey_get_device_offset(m->dst, v[i].kind, v[i].name, &have, NULL);
		if (rc == -ENOENT) {
			struct survey_device_offset o = v[i];

			o.id = 0;
			int64_t id = survey_set_device_offset(m->dst, &o, m->err);

			rc = id < 0 ? (int)id : 0;
		} else if (!rc && fabs(have.offset_db - v[i].offset_db) > 1e-9) {
			note(m, "the %s offset of '%s' is %g dB in %s and %g dB in %s: %s's is kept",
			     v[i].kind, v[i].name, have.offset_db, m->o->dst_name, v[i].offset_db,
			     m->o->name, m->o->dst_name);
		}
	}
	free(v);
	return rc;
}

static int merge_buildings(struct merge *m)
{
	struct fp_building *v = NULL, have;
	size_t n = 0;
	int rc = survey_list_buildings(m->src, &v, &n, m->err);

	for (size_t i = 0; !rc && i < n; i++) {
		int64_t id = survey_find_building(m->dst, v[i].name, NULL);

		if (id == -ENOENT) {
			struct fp_building b = v[i];

			b.id = 0;
			id = survey_add_building(m->dst, &b, m->err);
			rc = id < 0 ? (int)id : 0;
			m->st->buildings += !rc;
			continue;
		}
		if (id < 0 || (rc = survey_get_building(m->dst, id, &have, m->err)))
			return id < 0 ? (int)id : rc;
		if (fabs(have.north_deg - v[i].north_deg) > 1e-9 ||
		    fabs(have.default_height_m - v[i].default_height_m) > 1e-9)
			note(m, "building '%s' has another north or storey height in %s than in %s: "
			     "%s's is kept", v[i].name, m->o->name, m->o->dst_name, m->o->dst_name);
	}
	free(v);
	return rc;
}

/* ---- floors ------------------------------------------------------------------------- */

static bool near(double a, double b)
{
	return (isnan(a) && isnan(b)) || fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* Why floors @a and @b of one name are not the same drawing in metres, or NULL. */
static const char *differs(const struct floorplan *a, const struct floorplan *b)
{
	if (strcmp(a->image_type, b->image_type) != 0 || a->image_len != b->image_len ||
	    (a->image_len && memcmp(a->image, b->image, a->image_len) != 0) || a->page != b->page)
		return "its drawing differs";
	if (!near(a->px_per_m, b->px_per_m) || !near(a->origin_x_px, b->origin_x_px) ||
	    !near(a->origin_y_px, b->origin_y_px))
		return "its calibration (scale or origin) differs";
	return NULL;
}

static bool same_points(const struct fp_point *a, size_t na, const struct fp_point *b,
			size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!near(a[i].x, b[i].x) || !near(a[i].y, b[i].y))
			return false;
	return true;
}

static bool same_losses(const double *a, const double *b)
{
	for (int k = 0; k < FP_NBANDS; k++)
		if (!near(a[k], b[k]))
			return false;
	return true;
}

static bool same_ap(const struct fp_ap *a, const struct fp_ap *b)
{
	if (strcmp(a->name, b->name) || !near(a->pos.x, b->pos.x) || !near(a->pos.y, b->pos.y) ||
	    !near(a->height_m, b->height_m) || strcmp(a->source, b->source) ||
	    a->nradios != b->nradios)
		return false;
	for (size_t i = 0; i < a->nradios; i++)
		if (a->radios[i].band != b->radios[i].band ||
		    a->radios[i].channel != b->radios[i].channel ||
		    a->radios[i].width_mhz != b->radios[i].width_mhz ||
		    !near(a->radios[i].tx_power_dbm, b->radios[i].tx_power_dbm))
			return false;
	return true;
}

/* A free ward (@ap false) or AP name on @fp for a second copy of @name, into @out. */
static void free_name(const struct floorplan *fp, bool ap, const char *name, const char *label,
		      char *out, size_t len)
{
	for (int k = 1;; k++) {
		bool taken = false;

		suffixed(out, len, name, label, k);
		for (size_t i = 0; !ap && i < fp->nwards; i++)
			taken |= strcmp(fp->wards[i].name, out) == 0;
		for (size_t i = 0; ap && i < fp->naps; i++)
			taken |= strcmp(fp->aps[i].name, out) == 0;
		if (!taken || k > 99)
			return;
	}
}

static int add_ward(struct merge *m, const struct floorplan *d, const struct fp_ward *w)
{
	struct fp_ward c = *w;
	int64_t id;

	for (size_t i = 0; i < d->nwards; i++) {
		if (strcmp(d->wards[i].name, w->name) != 0)
			continue;
		if (same_points(d->wards[i].pts, d->wards[i].npts, w->pts, w->npts))
			return 0;
		free_name(d, false, w->name, m->o->label, c.name, sizeof(c.name));
		note(m, "ward '%s' of floor '%s' has another outline in %s: both are kept, %s's "
		     "as '%s'", w->name, d->name, m->o->name, m->o->name, c.name);
	}
	c.id = 0;
	id = survey_add_ward(m->dst, d->id, &c, m->err);
	m->st->elements += id > 0;
	return id < 0 ? (int)id : 0;
}

static int add_ap(struct merge *m, const struct floorplan *d, const struct fp_ap *ap)
{
	struct fp_ap c = *ap;
	int64_t id;

	for (size_t i = 0; i < d->naps; i++) {
		if (strcmp(d->aps[i].name, ap->name) != 0)
			continue;
		if (same_ap(&d->aps[i], ap))
			return 0;
		free_name(d, true, ap->name, m->o->label, c.name, sizeof(c.name));
		note(m, "AP '%s' of floor '%s' is placed or set up otherwise in %s: both are kept, "
		     "%s's as '%s'", ap->name, d->name, m->o->name, m->o->name, c.name);
	}
	c.id = 0;
	id = survey_add_ap(m->dst, d->id, &c, m->err);
	m->st->elements += id > 0;
	return id < 0 ? (int)id : 0;
}

static int add_wall(struct merge *m, const struct floorplan *d, const struct fp_wall *w)
{
	struct fp_wall c = *w;
	int64_t id;

	for (size_t i = 0; i < d->nwalls; i++)
		if (!strcmp(d->walls[i].material, w->material) &&
		    same_losses(d->walls[i].loss_db, w->loss_db) &&
		    same_points(d->walls[i].pts, d->walls[i].npts, w->pts, w->npts))
			return 0;
	c.id = 0;
	id = survey_add_wall(m->dst, d->id, &c, m->err);
	m->st->elements += id > 0;
	return id < 0 ? (int)id : 0;
}

static int add_opening(struct merge *m, const struct floorplan *d, const struct fp_opening *o)
{
	struct fp_opening c = *o;
	int64_t id;

	for (size_t i = 0; i < d->nopenings; i++)
		if (!strcmp(d->openings[i].kind, o->kind) &&
		    same_losses(d->openings[i].loss_db, o->loss_db) &&
		    same_points(&d->openings[i].a, 1, &o->a, 1) &&
		    same_points(&d->openings[i].b, 1, &o->b, 1))
			return 0;
	c.id = 0;
	id = survey_add_opening(m->dst, d->id, &c, m->err);
	m->st->elements += id > 0;
	return id < 0 ? (int)id : 0;
}

static int add_area(struct merge *m, const struct floorplan *d, const struct fp_area *a)
{
	struct fp_area c = *a;
	int64_t id;

	for (size_t i = 0; i < d->nareas; i++)
		if (!strcmp(d->areas[i].name, a->name) &&
		    same_losses(d->areas[i].loss_db_per_m, a->loss_db_per_m) &&
		    same_points(d->areas[i].pts, d->areas[i].npts, a->pts, a->npts))
			return 0;
	c.id = 0;
	id = survey_add_area(m->dst, d->id, &c, m->err);
	m->st->elements += id > 0;
	return id < 0 ? (int)id : 0;
}

/*
 * What @s draws on a floor that @d (the destination's, as stored) lacks.
 * Elements are compared with @d as loaded before this source's were added:
 * two equal elements inside one source are both kept, as that source had them.
 */
static int merge_elements(struct merge *m, const struct floorplan *d, const struct floorplan *s)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < s->nwards; i++)
		rc = add_ward(m, d, &s->wards[i]);
	for (size_t i = 0; !rc && i < s->nwalls; i++)
		rc = add_wall(m, d, &s->walls[i]);
	for (size_t i = 0; !rc && i < s->nopenings; i++)
		rc = add_opening(m, d, &s->openings[i]);
	for (size_t i = 0; !rc && i < s->naps; i++)
		rc = add_ap(m, d, &s->aps[i]);
	for (size_t i = 0; !rc && i < s->nareas; i++)
		rc = add_area(m, d, &s->areas[i]);
	return rc;
}

/* The destination's floor named like @fp in its building, or 0 for none (or -errno). */
static int64_t dst_floor_like(struct merge *m, const struct floorplan *fp)
{
	int64_t b = survey_find_building(m->dst, fp->building, NULL), id;

	if (b == -ENOENT)
		return 0;
	if (b < 0)
		return ns_err_set(m->err, (int)b, "cannot look up building '%s'", fp->building);
	id = survey_find_floor_in(m->dst, b, fp->name, NULL);
	return id == -ENOENT ? 0 : id;
}

/* @fp (the source's, loaded whole) as a new floor of the destination; its id. */
static int64_t copy_floor(struct merge *m, struct floorplan *fp)
{
	int64_t id;

	fp->id = 0;
	fp->building_id = 0; /* found again by its building's name */
	for (size_t i = 0; i < fp->nwards; i++)
		fp->wards[i].id = 0;
	for (size_t i = 0; i < fp->nwalls; i++)
		fp->walls[i].id = 0;
	for (size_t i = 0; i < fp->nopenings; i++)
		fp->openings[i].id = 0;
	for (size_t i = 0; i < fp->naps; i++)
		fp->aps[i].id = 0;
	for (size_t i = 0; i < fp->nareas; i++)
		fp->areas[i].id = 0;
	id = survey_add_floor(m->dst, fp, m->err);
	if (id > 0)
		m->st->floors++;
	return id;
}

/* A conflicting floor: stored under "NAME (LABEL)", a name free in its building. */
static int64_t copy_conflict(struct merge *m, struct floorplan *fp, const char *why)
{
	char name[sizeof(fp->name)], orig[sizeof(fp->name)];

	snprintf(orig, sizeof(orig), "%s", fp->name);
	for (int k = 1; k < 100; k++) {
		suffixed(name, sizeof(name), orig, m->o->label, k);
		snprintf(fp->name, sizeof(fp->name), "%s", name);
		if (dst_floor_like(m, fp) == 0)
			break;
	}
	note(m, "floor '%s' of building '%s' is in both %s and %s but %s: both are kept, %s's "
	     "as '%s'", orig, fp->building, m->o->dst_name, m->o->name, why, m->o->name, fp->name);
	m->st->conflicts++;
	return copy_floor(m, fp);
}

/* Source floor @id into the destination; its destination id into *@out. */
static int merge_floor(struct merge *m, int64_t id, int64_t *out)
{
	struct floorplan *fp = NULL, *d = NULL;
	const char *why;
	int64_t did;
	int rc = survey_load_floor(m->src, id, &fp, m->err);

	if (rc)
		return rc;
	did = dst_floor_like(m, fp);
	if (did < 0) {
		rc = (int)did;
	} else if (did == 0) {
		did = copy_floor(m, fp);
	} else if ((rc = survey_load_floor(m->dst, did, &d, m->err)) == 0) {
		if ((why = differs(d, fp))) {
			did = copy_conflict(m, fp, why);
		} else {
			m->st->floors_same++;
			rc = merge_elements(m, d, fp);
		}
	}
	floorplan_free(fp);
	floorplan_free(d);
	if (!rc && did < 0)
		rc = (int)did;
	*out = did;
	return rc;
}

static int merge_floors(struct merge *m)
{
	struct survey_floor_info *v = NULL;
	size_t n = 0;
	int rc = survey_list_floors(m->src, &v, &n, m->err);

	if (!rc && n) {
		m->from = calloc(n, sizeof(*m->from));
		m->to = calloc(n, sizeof(*m->to));
		if (!m->from || !m->to)
			rc = ns_err_set(m->err, -ENOMEM, "out of memory");
	}
	for (size_t i = 0; !rc && i < n; i++) {
		m->from[i] = v[i].id;
		rc = merge_floor(m, v[i].id, &m->to[i]);
		m->nmap = i + 1;
	}
	free(v);
	return rc;
}

/* ---- walks -------------------------------------------------------------------------- */

static int64_t mapped_floor(const struct merge *m, int64_t src_floor)
{
	for (size_t i = 0; i < m->nmap; i++)
		if (m->from[i] == src_floor)
			return m->to[i];
	return 0;
}

/* Whether the destination already holds walk @w (of the source) on floor @fid. */
static int already_there(struct merge *m, const struct survey_walk *w, int64_t fid, bool *out)
{
	struct survey_walk *v = NULL;
	struct survey_counts a, b;
	size_t n = 0;
	int rc = survey_list_walks(m->dst, fid, &v, &n, m->err);

	*out = false;
	if (!rc)
		rc = survey_count_walk(m->src, w->id, &a, m->err);
	for (size_t i = 0; !rc && !*out && i < n; i++) {
		if (v[i].start_us != w->start_us || strcmp(v[i].operator_name, w->operator_name) ||
		    strcmp(v[i].interface, w->interface) || strcmp(v[i].mode, w->mode))
			continue;
		rc = survey_count_walk(m->dst, v[i].id, &b, m->err);
		*out = !rc && a.samples == b.samples;
	}
	free(v);
	return rc;
}

struct sample_copy {
	struct survey *dst;
	int64_t walk_id;
	size_t n;
	struct ns_err *err;
};

static int copy_sample(void *arg, const struct meas_sample *smp,
		       const struct meas_observation *obs, size_t nobs,
		       const struct meas_link *link, const struct meas_throughput *tput)
{
	struct sample_copy *c = arg;
	struct meas_sample s = *smp;
	int64_t id;

	s.id = 0;
	s.walk_id = c->walk_id;
	id = survey_add_sample(c->dst, &s, obs, nobs, link, tput, c->err);
	if (id < 0)
		return (int)id;
	c->n++;
	return 0;
}

/* Walk @w of the source, its waypoints and samples, onto destination floor @fid. */
static int copy_walk(struct merge *m, const struct survey_walk *w, int64_t fid)
{
	struct survey_walk row = *w;
	struct survey_waypoint *wp = NULL;
	struct survey_query q = { .walk_id = w->id };
	struct sample_copy c = { m->dst, 0, 0, m->err };
	size_t n = 0;
	int rc;

	row.id = 0;
	row.floor_id = fid;
	c.walk_id = survey_begin_walk(m->dst, &row, m->err);
	if (c.walk_id < 0)
		return (int)c.walk_id;
	rc = survey_list_waypoints(m->src, w->id, &wp, &n, m->err);
	for (size_t i = 0; !rc && i < n; i++) {
		int64_t id;

		wp[i].id = 0;
		wp[i].walk_id = c.walk_id;
		id = survey_add_waypoint(m->dst, &wp[i], m->err);
		rc = id < 0 ? (int)id : 0;
	}
	free(wp);
	if (!rc)
		rc = survey_foreach_sample(m->src, &q, copy_sample, &c, m->err);
	m->st->walks += !rc;
	m->st->samples += c.n;
	return rc;
}

static int merge_walks(struct merge *m)
{
	struct survey_walk *v = NULL;
	size_t n = 0;
	int rc = survey_list_walks(m->src, 0, &v, &n, m->err);

	for (size_t i = 0; !rc && i < n; i++) {
		int64_t fid = mapped_floor(m, v[i].floor_id);
		bool same;

		if (fid <= 0) {
			rc = ns_err_set(m->err, -EBADMSG, "walk %lld of %s is on floor %lld, which "
					"is not in it", (long long)v[i].id, m->o->name,
					(long long)v[i].floor_id);
			break;
		}
		rc = already_there(m, &v[i], fid, &same);
		if (!rc && same)
			m->st->walks_same++;
		else if (!rc)
			rc = copy_walk(m, &v[i], fid);
	}
	if (m->st->walks_same)
		note(m, "%zu walk%s of %s %s already in %s and %s not copied again",
		     m->st->walks_same, m->st->walks_same == 1 ? "" : "s", m->o->name,
		     m->st->walks_same == 1 ? "is" : "are", m->o->dst_name,
		     m->st->walks_same == 1 ? "was" : "were");
	free(v);
	return rc;
}

int survey_merge_into(struct survey *dst, struct survey *src, const struct survey_merge_opts *o,
		      struct survey_merge_stats *st, struct ns_err *err)
{
	struct survey_merge_stats scratch;
	struct merge m = { dst, src, o, st ? st : &scratch, err, NULL, NULL, 0 };
	int rc;

	memset(m.st, 0, sizeof(*m.st));
	rc = survey_batch_begin(dst, err);
	if (rc)
		return rc;
	rc = merge_meta(&m);
	if (!rc)
		rc = merge_offsets(&m);
	if (!rc)
		rc = merge_buildings(&m);
	if (!rc)
		rc = merge_floors(&m);
	if (!rc)
		rc = merge_walks(&m);
	free(m.from);
	free(m.to);
	if (rc) {
		survey_batch_rollback(dst);
		return rc;
	}
	return survey_batch_commit(dst, err);
}
