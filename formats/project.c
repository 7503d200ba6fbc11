/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * project.c — the imported project in memory, and its one way into a survey:
 * floors first, then each walk through a batch recorder, all in one batch.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/project.h"
#include "recorder/recorder.h"

void fmt_project_init(struct fmt_project *p, const char *format)
{
	memset(p, 0, sizeof(*p));
	p->format = format;
}

void fmt_project_release(struct fmt_project *p)
{
	for (size_t i = 0; i < p->nlevels; i++) {
		struct fmt_level *lv = &p->levels[i];

		floorplan_free(lv->fp);
	}
	free(p->levels);
	for (size_t i = 0; i < p->nwalks; i++) {
		struct fmt_walk *w = &p->walks[i];

		for (size_t s = 0; s < w->nscans; s++)
			free(w->scans[s].obs);
		free(w->scans);
		free(w->taps);
	}
	free(p->walks);
	memset(p, 0, sizeof(*p));
}

/* Make room for one more element of @size in *@arr holding @n. */
static int grow(void *arr, size_t n, size_t size, struct ns_err *err)
{
	void **pp = arr;
	void *q;

	/* Capacity: 4, then doubled whenever @n reaches a power of two. */
	if (n && (n < 4 || (n & (n - 1))))
		return 0;
	q = realloc(*pp, (n ? n * 2 : 4) * size);
	if (!q)
		return ns_err_set(err, -ENOMEM, "out of memory");
	*pp = q;
	return 0;
}

long fmt_project_add_level(struct fmt_project *p, struct floorplan *fp, struct ns_err *err)
{
	if (grow(&p->levels, p->nlevels, sizeof(*p->levels), err)) {
		floorplan_free(fp);
		return -ENOMEM;
	}
	memset(&p->levels[p->nlevels], 0, sizeof(p->levels[0]));
	p->levels[p->nlevels].fp = fp;
	return (long)p->nlevels++;
}

int fmt_project_add_walk(struct fmt_project *p, size_t level, struct fmt_walk **out,
			 struct ns_err *err)
{
	if (grow(&p->walks, p->nwalks, sizeof(*p->walks), err))
		return -ENOMEM;
	*out = &p->walks[p->nwalks++];
	memset(*out, 0, sizeof(**out));
	(*out)->level = level;
	return 0;
}

int fmt_walk_add_tap(struct fmt_walk *w, const struct fmt_tap *t, struct ns_err *err)
{
	if (grow(&w->taps, w->ntaps, sizeof(*w->taps), err))
		return -ENOMEM;
	w->taps[w->ntaps++] = *t;
	return 0;
}

int fmt_walk_add_scan(struct fmt_walk *w, const struct fmt_scan *s, struct ns_err *err)
{
	struct fmt_scan *dst;

	if (grow(&w->scans, w->nscans, sizeof(*w->scans), err))
		return -ENOMEM;
	dst = &w->scans[w->nscans];
	*dst = *s;
	dst->obs = NULL;
	if (s->nobs) {
		dst->obs = malloc(s->nobs * sizeof(*s->obs));
		if (!dst->obs)
			return ns_err_set(err, -ENOMEM, "out of memory");
		memcpy(dst->obs, s->obs, s->nobs * sizeof(*s->obs));
	}
	w->nscans++;
	return 0;
}

long fmt_project_find_level(const struct fmt_project *p, const char *name)
{
	for (size_t i = 0; i < p->nlevels; i++)
		if (strcmp(p->levels[i].fp->name, name) == 0)
			return (long)i;
	return -1;
}

/* ---- storing ------------------------------------------------------------------------ */

static int cmp_scan(const void *a, const void *b)
{
	const struct fmt_scan *x = a, *y = b;

	return (x->t_us > y->t_us) - (x->t_us < y->t_us);
}

static int cmp_tap(const void *a, const void *b)
{
	const struct fmt_tap *x = a, *y = b;

	return (x->t_us > y->t_us) - (x->t_us < y->t_us);
}

/* The walk row: mode "import", and a note that says where it came from and how it was placed. */
static void walk_row(const struct fmt_walk *w, int64_t floor_id, const char *origin,
		     struct survey_walk *sw)
{
	memset(sw, 0, sizeof(*sw));
	sw->floor_id = floor_id;
	sw->start_us = w->start_us;
	snprintf(sw->interface, sizeof(sw->interface), "%s", w->interface);
	snprintf(sw->driver, sizeof(sw->driver), "%s", w->simulated ? SURVEY_SIM_DRIVER : w->driver);
	snprintf(sw->mode, sizeof(sw->mode), "import");
	snprintf(sw->device, sizeof(sw->device), "%s", w->device);
	snprintf(sw->adapter, sizeof(sw->adapter), "%s", w->adapter);
	sw->rssi_offset_db = w->rssi_offset_db;
	snprintf(sw->origin, sizeof(sw->origin), "%s", origin);
	/* "track=" is what the sim's walks say too: how a later re-placement must walk it. */
	snprintf(sw->note, sizeof(sw->note), "track=%s%s%.120s",
		 w->by_track ? "continuous" : "stop-and-go", w->name[0] ? "; " : "", w->name);
}

static int store_sample(struct recorder *r, const struct fmt_scan *sc, struct ns_err *err)
{
	struct meas_sample sm;
	int64_t id;

	meas_init_sample(&sm);
	sm.t_us = sc->t_us;
	sm.mono_us = sc->t_us;
	sm.kind = SAMPLE_SCAN;
	sm.status = sc->status;
	snprintf(sm.error, sizeof(sm.error), "%s", sc->error);
	id = recorder_sample(r, &sm, sc->obs, sc->nobs, NULL, NULL, err);
	return id < 0 ? (int)id : 0;
}

static int tap(struct recorder *r, int64_t t_us, double x, double y, bool pause,
	       struct ns_err *err)
{
	struct survey_waypoint wp = { .t_us = t_us, .mono_us = t_us, .x_m = x, .y_m = y,
				      .pause = pause };
	int64_t id = recorder_tap(r, &wp, err);

	return id < 0 ? (int)id : 0;
}

/*
 * Scans with a coordinate of their own: each run of scans at one coordinate is
 * a stop-and-go point, tapped at its first scan and done at its last; a scan
 * without a coordinate ends the point and stays unplaced.
 */
static int store_direct(struct recorder *r, const struct fmt_walk *w, size_t *placed,
			struct ns_err *err)
{
	bool open = false;
	double cx = 0, cy = 0;
	int64_t last = 0;
	int rc = 0;

	for (size_t i = 0; i < w->nscans && !rc; i++) {
		const struct fmt_scan *sc = &w->scans[i];

		if (sc->has_pos && (!open || sc->x_m != cx || sc->y_m != cy)) {
			if (open && (rc = recorder_point_done(r, last, err)))
				break;
			if ((rc = tap(r, sc->t_us, sc->x_m, sc->y_m, false, err)))
				break;
			open = true;
			cx = sc->x_m;
			cy = sc->y_m;
		} else if (!sc->has_pos && open) {
			if ((rc = recorder_point_done(r, last, err)))
				break;
			open = false;
		}
		if (sc->has_pos) {
			last = sc->t_us;
			++*placed;
		}
		rc = store_sample(r, sc, err);
	}
	return rc;
}

/* Taps first (a batch places everything at the finish), then every scan by time. */
static int store_by_track(struct recorder *r, const struct fmt_walk *w, size_t *placed,
			  struct ns_err *err)
{
	const struct track *t;
	double x, y;
	int rc = 0;

	for (size_t i = 0; i < w->ntaps && !rc; i++)
		rc = tap(r, w->taps[i].t_us, w->taps[i].x_m, w->taps[i].y_m, w->taps[i].pause, err);
	for (size_t i = 0; i < w->nscans && !rc; i++)
		rc = store_sample(r, &w->scans[i], err);
	t = recorder_track(r);
	for (size_t i = 0; i < w->nscans && !rc; i++)
		if (track_position(t, w->scans[i].t_us, &x, &y))
			++*placed;
	return rc;
}

static int store_walk(struct survey *s, struct fmt_walk *w, int64_t floor_id, const char *origin,
		      struct fmt_store_stats *st, struct ns_err *err)
{
	const struct recorder_opts ro = {
		.mode = w->by_track ? TRACK_CONTINUOUS : TRACK_STOP_AND_GO,
		.batch = true,
	};
	struct recorder *r;
	struct survey_walk sw;
	int64_t end = w->end_us;
	int rc;

	if (w->nscans)
		qsort(w->scans, w->nscans, sizeof(*w->scans), cmp_scan);
	if (w->ntaps)
		qsort(w->taps, w->ntaps, sizeof(*w->taps), cmp_tap);
	if (!w->start_us)
		w->start_us = w->nscans ? w->scans[0].t_us : w->ntaps ? w->taps[0].t_us : 1;
	if (w->nscans && w->scans[w->nscans - 1].t_us > end)
		end = w->scans[w->nscans - 1].t_us;
	if (w->ntaps && w->taps[w->ntaps - 1].t_us > end)
		end = w->taps[w->ntaps - 1].t_us;
	if (end < w->start_us)
		end = w->start_us;
	walk_row(w, floor_id, origin, &sw);
	rc = recorder_begin(s, &sw, &ro, &r, err);
	if (rc)
		return rc;
	rc = w->by_track ? store_by_track(r, w, &st->placed, err)
			 : store_direct(r, w, &st->placed, err);
	if (!rc)
		rc = recorder_finish(r, end, err);
	recorder_free(r);
	if (rc)
		return rc;
	st->walks++;
	st->samples += w->nscans;
	for (size_t i = 0; i < w->nscans; i++)
		st->observations += w->scans[i].nobs;
	return 0;
}

/* The project's name and notes go into the survey's details where those are still empty. */
static int store_meta(struct survey *s, const struct fmt_project *p, struct ns_err *err)
{
	struct survey_meta m;
	int rc;

	if (!p->site[0] && !p->notes[0])
		return 0;
	if ((rc = survey_get_meta(s, &m, err)))
		return rc;
	if (!m.site[0])
		snprintf(m.site, sizeof(m.site), "%s", p->site);
	if (!m.notes[0])
		snprintf(m.notes, sizeof(m.notes), "%s", p->notes);
	return survey_set_meta(s, &m, err);
}

static int store_levels(struct survey *s, struct fmt_project *p, int64_t *floor_ids,
			struct fmt_store_stats *st, struct ns_err *err)
{
	struct ns_err e;

	for (size_t i = 0; i < p->nlevels; i++) {
		struct fmt_level *lv = &p->levels[i];

		int64_t bid = survey_ensure_building(s, lv->fp->building, err);

		if (bid < 0)
			return (int)bid;
		if (survey_find_floor_in(s, bid, lv->fp->name, &e) > 0)
			return ns_err_set(err, -EEXIST,
					  "the survey already has a floor named '%s' (rename it first)",
					  lv->fp->name);
		floor_ids[i] = survey_add_floor(s, lv->fp, err);
		if (floor_ids[i] < 0)
			return (int)floor_ids[i];
		st->floors++;
		st->walls += lv->fp->nwalls;
		st->aps += lv->fp->naps;
		st->areas += lv->fp->nareas;
		for (size_t a = 0; a < lv->fp->naps; a++)
			st->radios += lv->fp->aps[a].nradios;
	}
	return 0;
}

int fmt_project_store(struct survey *s, struct fmt_project *p, const char *origin,
		      struct fmt_store_stats *st, struct ns_err *err)
{
	struct fmt_store_stats local;
	int64_t *floor_ids;
	int rc;

	if (!st)
		st = &local;
	memset(st, 0, sizeof(*st));
	if (!p->nlevels)
		return ns_err_set(err, -EINVAL, "the file holds no floor plan");
	floor_ids = calloc(p->nlevels, sizeof(*floor_ids));
	if (!floor_ids)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = survey_batch_begin(s, err);
	if (rc)
		goto out;
	rc = store_meta(s, p, err);
	if (!rc)
		rc = store_levels(s, p, floor_ids, st, err);
	for (size_t i = 0; i < p->nwalks && !rc; i++) {
		rc = store_walk(s, &p->walks[i], floor_ids[p->walks[i].level], origin, st, err);
		if (rc)
			ns_err_prefix(err, "walk %zu ('%s')", i + 1, p->walks[i].name);
	}
	if (!rc)
		rc = survey_batch_commit(s, err);
	else
		survey_batch_rollback(s);
out:
	free(floor_ids);
	if (rc)
		memset(st, 0, sizeof(*st));
	return rc;
}
