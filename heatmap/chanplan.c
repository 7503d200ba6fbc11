/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chanplan.c — the channel plan the walks heard (chanplan.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "heatmap/chanplan.h"
#include "heatmap/samples.h"
#include "util/mac.h"

void hm_chanplan_init(struct hm_chanplan *cp, const struct floorplan *fp)
{
	memset(cp, 0, sizeof(*cp));
	cp->fp = fp;
}

void hm_chanplan_release(struct hm_chanplan *cp)
{
	free(cp->r);
	memset(cp, 0, sizeof(*cp));
}

static struct hm_chan_radio *find_or_add(struct hm_chanplan *cp, const uint8_t mac[6], int freq)
{
	struct hm_chan_radio *r;

	for (size_t i = 0; i < cp->n; i++)
		if (cp->r[i].freq_mhz == freq && memcmp(cp->r[i].mac, mac, 6) == 0)
			return &cp->r[i];
	if (cp->n == cp->cap) {
		size_t cap = cp->cap ? 2 * cp->cap : 16;
		struct hm_chan_radio *p = realloc(cp->r, cap * sizeof(*p));

		if (!p)
			return NULL;
		cp->r = p;
		cp->cap = cap;
	}
	r = &cp->r[cp->n++];
	memset(r, 0, sizeof(*r));
	memcpy(r->mac, mac, 6);
	r->freq_mhz = freq;
	r->best_dbm = -INFINITY;
	r->reuse_m = INFINITY;
	r->reuse_with = -1;
	return r;
}

int hm_chanplan_add_sample(struct hm_chanplan *cp, const struct meas_sample *sample,
			   const struct meas_observation *obs, size_t nobs,
			   const struct meas_link *link, const struct meas_throughput *tput)
{
	(void)link;
	(void)tput;
	if (sample->kind != SAMPLE_SCAN && sample->kind != SAMPLE_CAPTURE)
		return 0;
	for (size_t i = 0; i < nobs; i++) {
		const struct meas_observation *o = &obs[i];
		uint8_t mac[6];
		struct hm_chan_radio *r;

		if (o->freq_mhz <= 0 || (o->age_ms >= 0 && o->age_ms > HM_MAX_AGE_MS))
			continue;
		memcpy(mac, o->bssid, 6);
		mac[5] &= 0xf0;
		if (!(r = find_or_add(cp, mac, o->freq_mhz)))
			return -ENOMEM;
		if (o->width_mhz > r->width_mhz) {
			r->width_mhz = o->width_mhz;
			r->center_mhz = o->center_freq_mhz;
		}
		if (!r->ap[0] && o->ap_name[0])
			snprintf(r->ap, sizeof(r->ap), "%s", o->ap_name);
		if (isfinite(o->signal_dbm) && o->signal_dbm > r->best_dbm && sample->placed) {
			r->best_dbm = o->signal_dbm;
			r->x_m = sample->x_m;
			r->y_m = sample->y_m;
			r->placed_by = HM_CHAN_LOUDEST;
		}
	}
	return 0;
}

/* The plan's AP with a radio on @r's MAC: by its radios' BSSIDs, or its BSSID pattern. */
static const struct fp_ap *plan_ap(const struct floorplan *fp, const struct hm_chan_radio *r)
{
	char mac[MAC_TEXT_LEN];

	if (!fp)
		return NULL;
	mac_format(r->mac, mac);
	for (size_t i = 0; i < fp->naps; i++) {
		const struct fp_ap *ap = &fp->aps[i];

		if (strcmp(ap->source, "proposed") == 0)
			continue;
		for (size_t k = 0; k < ap->nradios; k++)
			if (memcmp(ap->radios[k].bssid, r->mac, 5) == 0 &&
			    (ap->radios[k].bssid[5] & 0xf0) == r->mac[5])
				return ap;
		if (ap->bssid_pattern[0] && strncasecmp(ap->bssid_pattern, mac, 16) == 0)
			return ap;
	}
	return NULL;
}

static void lo_hi(const struct hm_chan_radio *r, double *lo, double *hi)
{
	int w = r->width_mhz > 0 ? r->width_mhz : 20;
	int c = r->width_mhz > 0 && r->center_mhz > 0 ? r->center_mhz : r->freq_mhz;

	*lo = c - w / 2.0;
	*hi = c + w / 2.0;
}

bool hm_chanplan_overlap(const struct hm_chan_radio *a, const struct hm_chan_radio *b)
{
	double alo, ahi, blo, bhi;

	if (a->band != b->band)
		return false;
	lo_hi(a, &alo, &ahi);
	lo_hi(b, &blo, &bhi);
	return alo < bhi && blo < ahi;
}

static int by_channel(const void *pa, const void *pb)
{
	const struct hm_chan_radio *a = pa, *b = pb;

	if (a->band != b->band)
		return (int)a->band - (int)b->band;
	if (a->freq_mhz != b->freq_mhz)
		return a->freq_mhz - b->freq_mhz;
	return strcmp(a->ap, b->ap);
}

/* A fit on fewer bins than this is no place (render_marks.c draws none either). */
#define MIN_FIT_BINS 4

/* The fitted physical AP with a radio on @r's MAC and channel, on this level; NULL: none. */
static const struct hm_ap_fit *fitted_ap(const struct hm_chanplan *cp, const struct hm_chan_radio *r)
{
	const struct hm_chan_fits *f = &cp->fits;

	for (size_t a = 0; f->set && a < f->naps; a++) {
		const struct hm_ap_fit *ap = &f->aps[a];

		if (ap->nbins < MIN_FIT_BINS || !isfinite(ap->x) || !isfinite(ap->y) ||
		    (ap->level[0] && (!cp->fp || strcmp(ap->level, cp->fp->name) != 0)))
			continue;
		for (int k = 0; k < ap->nradios && k < HM_AP_MAX_RADIOS; k++) {
			const struct hm_radio *sr;

			if (ap->radios[k] >= f->set->nradios)
				continue;
			sr = &f->set->radios[ap->radios[k]];
			if (sr->freq_mhz == r->freq_mhz && memcmp(sr->mac, r->mac, 6) == 0)
				return ap;
		}
	}
	return NULL;
}

static void describe(struct hm_chanplan *cp, struct hm_chan_radio *r)
{
	const struct fp_ap *ap = plan_ap(cp->fp, r);
	const struct hm_ap_fit *fit = ap ? NULL : fitted_ap(cp, r);
	char mac[MAC_TEXT_LEN];

	r->band = meas_band_of_freq(r->freq_mhz);
	r->channel = meas_channel_of_freq(r->freq_mhz);
	r->off_plan = meas_channel_is_off_plan(r->freq_mhz);
	r->dfs = meas_channel_is_dfs(r->freq_mhz);
	r->psc = meas_channel_is_psc(r->freq_mhz);
	if (ap) {
		r->placed_by = HM_CHAN_PLAN;
		r->x_m = ap->pos.x;
		r->y_m = ap->pos.y;
		if (!r->ap[0])
			snprintf(r->ap, sizeof(r->ap), "%s", ap->name);
	} else if (fit) {
		r->placed_by = HM_CHAN_FITTED;
		r->x_m = fit->x;
		r->y_m = fit->y;
		if (!r->ap[0]) /* the fit's name groups a MAC family's radios as one AP */
			snprintf(r->ap, sizeof(r->ap), "%s", fit->name);
	}
	if (!r->ap[0]) {
		mac_format(r->mac, mac);
		mac[16] = '?';
		snprintf(r->ap, sizeof(r->ap), "%s", mac);
	}
}

/*
 * Radios of one AP (by name) share one place: the plan's when any of them
 * has it, else the fitted one, else where the loudest of them was heard
 * (placed_by's order is that preference).
 */
static void share_places(struct hm_chanplan *cp)
{
	for (size_t i = 0; i < cp->n; i++) {
		const struct hm_chan_radio *a = &cp->r[i];

		if (!a->placed_by)
			continue;
		for (size_t j = 0; j < cp->n; j++) {
			struct hm_chan_radio *b = &cp->r[j];
			bool better = !b->placed_by || a->placed_by < b->placed_by ||
				      (a->placed_by == HM_CHAN_LOUDEST &&
				       b->placed_by == HM_CHAN_LOUDEST && a->best_dbm > b->best_dbm);

			if (better && strcmp(a->ap, b->ap) == 0) {
				b->placed_by = a->placed_by;
				b->x_m = a->x_m;
				b->y_m = a->y_m;
			}
		}
	}
}

void hm_chanplan_finish(struct hm_chanplan *cp)
{
	for (size_t i = 0; i < cp->n; i++)
		describe(cp, &cp->r[i]);
	share_places(cp);
	if (cp->n)
		qsort(cp->r, cp->n, sizeof(*cp->r), by_channel);
	for (size_t i = 0; i < cp->n; i++) {
		struct hm_chan_radio *a = &cp->r[i];

		for (size_t j = 0; j < cp->n; j++) {
			const struct hm_chan_radio *b = &cp->r[j];
			double d;

			if (i == j || !hm_chanplan_overlap(a, b))
				continue;
			a->noverlap++;
			if (!a->placed_by || !b->placed_by)
				continue;
			d = hypot(a->x_m - b->x_m, a->y_m - b->y_m);
			if (d < a->reuse_m) {
				a->reuse_m = d;
				a->reuse_with = (long)j;
			}
		}
	}
}

static int chan_cb(void *arg, const struct meas_sample *sample, const struct meas_observation *obs,
		   size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	return hm_chanplan_add_sample(arg, sample, obs, nobs, link, tput);
}

int hm_chanplan_load(struct survey *s, int64_t floor_id, const struct floorplan *fp,
		     const struct hm_chan_fits *fits, struct hm_chanplan *cp, struct ns_err *err)
{
	struct survey_query q = { .floor_id = floor_id, .placed_only = true };
	int rc;

	hm_chanplan_init(cp, fp);
	if (fits)
		cp->fits = *fits;
	rc = survey_foreach_sample(s, &q, chan_cb, cp, err);
	if (rc == -ENOMEM)
		return ns_err_set(err, rc, "out of memory for the channel plan");
	if (rc)
		return rc;
	hm_chanplan_finish(cp);
	cp->fits = (struct hm_chan_fits){ 0 }; /* borrowed for the call only */
	return 0;
}

char *hm_chan_radio_text(const struct hm_chan_radio *r, char *buf, size_t len)
{
	char ch[MEAS_CHANNEL_LABEL_LEN];

	char w[16] = "width ?";

	if (r->width_mhz > 0)
		snprintf(w, sizeof(w), "%d MHz", r->width_mhz);
	snprintf(buf, len, "%s %s%s%s%s", meas_channel_label(r->freq_mhz, ch, sizeof(ch)), w,
		 r->dfs ? " DFS" : "", r->psc ? " PSC" : "", r->off_plan ? " not 1/6/11" : "");
	return buf;
}
