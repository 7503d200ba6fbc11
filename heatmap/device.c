/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * device.c — device receive offsets and the side-by-side calibration (device.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/device.h"

int hm_device_get(struct survey *s, const char *name, struct hm_device *d, struct ns_err *err)
{
	static const char *const kinds[] = { "device", "adapter" };
	struct survey_device_offset o;
	struct survey_device_offset *all = NULL;
	size_t n = 0;
	char list[256] = "";
	size_t len = 0;

	for (size_t k = 0; k < 2; k++)
		if (survey_get_device_offset(s, kinds[k], name, &o, NULL) == 0) {
			snprintf(d->kind, sizeof(d->kind), "%s", o.kind);
			snprintf(d->name, sizeof(d->name), "%s", o.name);
			snprintf(d->source, sizeof(d->source), "%s", o.source);
			d->offset_db = o.offset_db;
			return 0;
		}
	if (survey_list_device_offsets(s, &all, &n, NULL) == 0)
		for (size_t i = 0; i < n && len < sizeof(list); i++)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
						all[i].name);
	free(all);
	return ns_err_set(err, -ENOENT, "the survey holds no offset for '%s' (%s; notspot "
					"calibrate stores one)", name, n ? list : "it holds none");
}

void hm_device_apply(const struct hm_device *d, struct hm_set *set)
{
	for (size_t b = 0; b < set->nbss; b++)
		for (size_t i = 0; i < set->bss[b].sig.n; i++)
			set->bss[b].sig.p[i].v += (float)d->offset_db;
}

char *hm_device_describe(const struct hm_device *d, char *buf, size_t len)
{
	snprintf(buf, len, "%s: %+.1f dB (%s)", d->name, d->offset_db,
		 d->source[0] ? d->source : "no source given");
	return buf;
}

/* One fresh scan observation: when, what, how strong. */
struct cal_obs {
	int64_t t_us;
	uint8_t bssid[6];
	float dbm;
};

struct cal_list {
	struct cal_obs *v;
	size_t n, cap;
};

static int cal_cb(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
		  size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct cal_list *l = arg;

	(void)link;
	(void)tput;
	if (s->kind != SAMPLE_SCAN || s->status != SAMPLE_OK)
		return 0;
	for (size_t i = 0; i < nobs; i++) {
		if (!isfinite(obs[i].signal_dbm) || (obs[i].age_ms >= 0 && obs[i].age_ms > 1000))
			continue;
		if (l->n == l->cap) {
			size_t cap = l->cap ? 2 * l->cap : 256;
			struct cal_obs *p = realloc(l->v, cap * sizeof(*p));

			if (!p)
				return -ENOMEM;
			l->v = p;
			l->cap = cap;
		}
		l->v[l->n].t_us = s->t_us;
		memcpy(l->v[l->n].bssid, obs[i].bssid, 6);
		l->v[l->n].dbm = (float)obs[i].signal_dbm;
		l->n++;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The reference reading of @o's BSSID nearest in time, within the window; NAN: none. */
static double nearest(const struct cal_list *ref, const struct cal_obs *o)
{
	size_t lo = 0, hi = ref->n;
	double best = NAN;
	int64_t bestdt = HM_CAL_WINDOW_US + 1;

	while (lo < hi) { /* the first reading at or after o - window (ref is in time order) */
		size_t mid = (lo + hi) / 2;

		if (ref->v[mid].t_us < o->t_us - HM_CAL_WINDOW_US)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < ref->n && ref->v[i].t_us <= o->t_us + HM_CAL_WINDOW_US; i++) {
		int64_t dt = llabs(ref->v[i].t_us - o->t_us);

		if (dt < bestdt && memcmp(ref->v[i].bssid, o->bssid, 6) == 0) {
			bestdt = dt;
			best = ref->v[i].dbm;
		}
	}
	return best;
}

static int load_walk(struct survey *s, int64_t walk, struct cal_list *l, struct ns_err *err)
{
	struct survey_query q = { .walk_id = walk, .kind = SAMPLE_SCAN };
	int rc = survey_foreach_sample(s, &q, cal_cb, l, err);

	return rc == -ENOMEM ? ns_err_set(err, rc, "out of memory for the calibration") : rc;
}

int hm_calibrate_walks(struct survey *s, int64_t ref_walk, int64_t measured_walk,
		       struct hm_calibration *out, struct ns_err *err)
{
	struct cal_list ref = { 0 }, mes = { 0 };
	double *d = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = load_walk(s, ref_walk, &ref, err)) || (rc = load_walk(s, measured_walk, &mes, err)))
		goto out;
	if (!(d = malloc((mes.n + 1) * sizeof(*d)))) {
		rc = ns_err_set(err, -ENOMEM, "out of memory for the calibration");
		goto out;
	}
	for (size_t i = 0; i < mes.n; i++) {
		double r = nearest(&ref, &mes.v[i]);

		if (isfinite(r))
			d[n++] = mes.v[i].dbm - r;
	}
	if (n < HM_CAL_MIN_PAIRS) {
		rc = ns_err_set(err, -ENODATA, "walks %lld and %lld share %zu readings of one BSSID "
					       "within %d s (at least %d are needed): were they "
					       "walked side by side?", (long long)ref_walk,
				(long long)measured_walk, n, HM_CAL_WINDOW_US / 1000000,
				HM_CAL_MIN_PAIRS);
		goto out;
	}
	qsort(d, n, sizeof(*d), cmp_double);
	out->pairs = n;
	out->offset_db = n % 2 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
	out->iqr_db = d[(3 * n) / 4] - d[n / 4];
	rc = 0;
out:
	free(d);
	free(ref.v);
	free(mes.v);
	return rc;
}
