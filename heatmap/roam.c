/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roam.c — roam events, reconnects and sticky stretches from a walk's link
 * polls and scans (the rules are in roam.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/roam.h"
#include "heatmap/samples.h"
#include "util/mac.h"

struct hm_roam_ap {
	uint8_t bssid[6];
	char name[33];             /* from beacons, "" if none heard */
};

struct hm_roam_walk {
	int64_t id;
	bool assoc_known;          /* a poll found an association in this walk */
	uint8_t cur[6];            /* the last association */
	char ssid[MEAS_SSID_TEXT_SIZE];
	int cur_freq_mhz;
	double cur_dbm;            /* its latest link signal */
	int64_t cur_last_us;       /* its latest poll */
	bool lost;                 /* polls since then found no association */
	int64_t lost_us;           /* the first of them */
	double leave_better_s;     /* better-for at leaving, -1: no better AP */
	long after_pending;        /* the last event, still without a signal after, or -1 */
	bool polled;               /* a poll was seen: last_* hold */
	int64_t last_poll_us;
	bool last_assoc;
	int last_ward;
	bool better;               /* a better AP is being heard now */
	int64_t better_since_us;
	struct hm_roam_sticky run; /* the stretch being timed while better */
};

const char *hm_roam_kind_name(enum hm_roam_kind k)
{
	return k == HM_ROAM_RECONNECT ? "reconnect" : "roam";
}

double hm_roam_sum_share(const struct hm_roam_sum *s)
{
	return s->associated_s > 0 ? fmin(1.0, s->sticky_s / s->associated_s) : NAN;
}

void hm_roam_opts_default(struct hm_roam_opts *o)
{
	o->better_db = HM_ROAM_BETTER_DB;
	o->sticky_min_s = HM_ROAM_STICKY_MIN_S;
}

int hm_roam_init(struct hm_roam *r, const struct hm_roam_opts *opts, const struct floorplan *fp)
{
	memset(r, 0, sizeof(*r));
	if (opts)
		r->opts = *opts;
	else
		hm_roam_opts_default(&r->opts);
	r->fp = fp;
	r->w = calloc(1, sizeof(*r->w));
	if (!r->w)
		return -ENOMEM;
	r->w->id = -1;
	r->w->after_pending = -1;
	if (fp && fp->nwards) {
		r->wards = calloc(fp->nwards, sizeof(*r->wards));
		if (!r->wards)
			return -ENOMEM;
	}
	return 0;
}

void hm_roam_release(struct hm_roam *r)
{
	free(r->events);
	free(r->stickies);
	free(r->wards);
	free(r->aps);
	free(r->w);
	memset(r, 0, sizeof(*r));
}

static int ward_of(const struct hm_roam *r, const struct meas_sample *s)
{
	struct fp_point p;

	if (!r->fp || !s->placed)
		return -1;
	p.x = s->x_m;
	p.y = s->y_m;
	for (size_t i = 0; i < r->fp->nwards; i++)
		if (fp_point_in_polygon(r->fp->wards[i].pts, r->fp->wards[i].npts, p))
			return (int)i;
	return -1;
}

/* The sums to add to: the total and, when @ward is one, the ward's. */
static void sum_add(struct hm_roam *r, int ward, void (*fn)(struct hm_roam_sum *, double),
		    double v)
{
	fn(&r->total, v);
	if (ward >= 0 && r->wards)
		fn(&r->wards[ward], v);
}

static void add_assoc(struct hm_roam_sum *s, double v) { s->associated_s += v; }
static void add_unassoc(struct hm_roam_sum *s, double v) { s->unassociated_s += v; }
static void add_sticky(struct hm_roam_sum *s, double v) { s->sticky_s += v; s->stickies++; }

static void add_event_sum(struct hm_roam_sum *s, const struct hm_roam_event *e)
{
	if (e->kind == HM_ROAM_ROAM)
		s->roams++;
	else
		s->reconnects++;
	if (e->kind == HM_ROAM_ROAM && e->better_available)
		s->roams_better++;
	if (e->gap_s > s->longest_gap_s)
		s->longest_gap_s = e->gap_s;
}

static int remember_ap(struct hm_roam *r, const uint8_t bssid[6], const char *name)
{
	for (size_t i = 0; i < r->naps; i++)
		if (memcmp(r->aps[i].bssid, bssid, 6) == 0) {
			if (!r->aps[i].name[0] && name && name[0])
				snprintf(r->aps[i].name, sizeof(r->aps[i].name), "%s", name);
			return 0;
		}
	if (r->naps == r->capaps) {
		size_t cap = r->capaps ? 2 * r->capaps : 16;
		struct hm_roam_ap *p = realloc(r->aps, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		r->aps = p;
		r->capaps = cap;
	}
	memcpy(r->aps[r->naps].bssid, bssid, 6);
	snprintf(r->aps[r->naps].name, sizeof(r->aps[r->naps].name), "%s", name ? name : "");
	r->naps++;
	return 0;
}

/* The AP name of @bssid into @buf: from beacons, else "aa:bb:cc:dd:ee:f?". */
static void ap_label(const struct hm_roam *r, const uint8_t bssid[6], char *buf, size_t len)
{
	char mac[MAC_TEXT_LEN];

	for (size_t i = 0; i < r->naps; i++)
		if (memcmp(r->aps[i].bssid, bssid, 6) == 0 && r->aps[i].name[0]) {
			snprintf(buf, len, "%s", r->aps[i].name);
			return;
		}
	mac_format(bssid, mac);
	mac[16] = '?';
	snprintf(buf, len, "%s", mac);
}

static int push_event(struct hm_roam *r, const struct hm_roam_event *e)
{
	if (r->nevents == r->capevents) {
		size_t cap = r->capevents ? 2 * r->capevents : 16;
		struct hm_roam_event *p = realloc(r->events, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		r->events = p;
		r->capevents = cap;
	}
	r->events[r->nevents++] = *e;
	add_event_sum(&r->total, e);
	if (e->ward >= 0 && r->wards)
		add_event_sum(&r->wards[e->ward], e);
	return 0;
}

/* The sticky stretch being timed ends at @end_us: kept if it lasted long enough. */
static int end_better(struct hm_roam *r, int64_t end_us)
{
	struct hm_roam_walk *w = r->w;
	double dur;

	if (!w->better)
		return 0;
	w->better = false;
	dur = (double)(end_us - w->better_since_us) / 1e6;
	if (dur < r->opts.sticky_min_s)
		return 0;
	if (r->nstickies == r->capstickies) {
		size_t cap = r->capstickies ? 2 * r->capstickies : 8;
		struct hm_roam_sticky *p = realloc(r->stickies, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		r->stickies = p;
		r->capstickies = cap;
	}
	w->run.to_us = end_us;
	r->stickies[r->nstickies++] = w->run;
	sum_add(r, w->run.ward, add_sticky, dur);
	return 0;
}

/* How long a better AP had been heard at the last poll on the association, s; -1: none. */
static double better_at_leaving(const struct hm_roam_walk *w)
{
	if (!w->better || w->better_since_us > w->cur_last_us)
		return -1;
	return (double)(w->cur_last_us - w->better_since_us) / 1e6;
}

/*
 * A link signal that means something: right after an association the kernel
 * reports 0 dBm until it has heard a beacon (seen under mac80211_hwsim).
 */
static bool real_signal(double dbm)
{
	return isfinite(dbm) && dbm < 0;
}

static int on_associated(struct hm_roam *r, const struct meas_sample *s,
			 const struct meas_link *l, int ward)
{
	struct hm_roam_walk *w = r->w;
	struct hm_roam_event e = { 0 };
	int rc = 0;

	if (w->assoc_known && !w->lost && !memcmp(l->bssid, w->cur, 6) && w->after_pending >= 0 &&
	    real_signal(l->signal_dbm)) {
		r->events[w->after_pending].after_dbm = l->signal_dbm;
		w->after_pending = -1;
	}

	if (w->assoc_known && (w->lost || memcmp(l->bssid, w->cur, 6) != 0)) {
		double better_s = w->lost ? w->leave_better_s : better_at_leaving(w);

		e.kind = memcmp(l->bssid, w->cur, 6) ? HM_ROAM_ROAM : HM_ROAM_RECONNECT;
		e.walk_id = s->walk_id;
		e.t_us = s->t_us;
		e.left_us = w->cur_last_us;
		e.gap_s = w->lost ? (double)(s->t_us - w->lost_us) / 1e6 : 0;
		e.placed = s->placed;
		e.x_m = s->x_m;
		e.y_m = s->y_m;
		e.ward = ward;
		snprintf(e.ssid, sizeof(e.ssid), "%s", l->ssid);
		memcpy(e.from, w->cur, 6);
		memcpy(e.to, l->bssid, 6);
		e.from_freq_mhz = w->cur_freq_mhz;
		e.to_freq_mhz = l->freq_mhz;
		e.before_dbm = w->cur_dbm;
		e.after_dbm = real_signal(l->signal_dbm) ? l->signal_dbm : NAN;
		e.better_available = better_s >= 0;
		e.better_for_s = better_s >= 0 ? better_s : 0;
		if ((rc = end_better(r, s->t_us)) || (rc = push_event(r, &e)))
			return rc;
		w->after_pending = isnan(e.after_dbm) ? (long)r->nevents - 1 : -1;
	}
	w->assoc_known = true;
	w->lost = false;
	memcpy(w->cur, l->bssid, 6);
	snprintf(w->ssid, sizeof(w->ssid), "%s", l->ssid);
	w->cur_freq_mhz = l->freq_mhz;
	if (real_signal(l->signal_dbm))
		w->cur_dbm = l->signal_dbm;
	w->cur_last_us = s->t_us;
	return remember_ap(r, l->bssid, NULL);
}

static int add_link(struct hm_roam *r, const struct meas_sample *s, const struct meas_link *l)
{
	struct hm_roam_walk *w = r->w;
	bool assoc = s->status == SAMPLE_OK && l;
	int ward = ward_of(r, s), rc = 0;

	if (w->polled && s->t_us > w->last_poll_us) {
		double dt = fmin((double)(s->t_us - w->last_poll_us) / 1e6, HM_ROAM_LINK_MAX_S);

		sum_add(r, w->last_ward, w->last_assoc ? add_assoc : add_unassoc, dt);
	}
	w->polled = true;
	w->last_poll_us = s->t_us;
	w->last_assoc = assoc;
	w->last_ward = ward;
	if (assoc)
		return on_associated(r, s, l, ward);
	if (s->status == SAMPLE_NOT_ASSOCIATED && w->assoc_known && !w->lost) {
		w->lost = true;
		w->lost_us = s->t_us;
		w->leave_better_s = better_at_leaving(w);
		rc = end_better(r, s->t_us);
	}
	return rc;
}

static bool fresh(const struct meas_observation *o)
{
	return o->age_ms < 0 || o->age_ms <= HM_MAX_AGE_MS;
}

/* The margin by which the best other BSSID of the SSID beats the associated one, dB. */
static double better_margin(const struct hm_roam_walk *w, const struct meas_observation *obs,
			    size_t nobs, const uint8_t **best_bssid)
{
	double cur = w->cur_dbm, best = -INFINITY;

	for (size_t i = 0; i < nobs; i++) {
		const struct meas_observation *o = &obs[i];

		if (!fresh(o) || !isfinite(o->signal_dbm) || strcmp(o->ssid, w->ssid) != 0)
			continue;
		if (memcmp(o->bssid, w->cur, 6) == 0)
			cur = o->signal_dbm;
		else if (o->signal_dbm > best) {
			best = o->signal_dbm;
			*best_bssid = o->bssid;
		}
	}
	return isfinite(best) && isfinite(cur) ? best - cur : -INFINITY;
}

static int add_scan(struct hm_roam *r, const struct meas_sample *s,
		    const struct meas_observation *obs, size_t nobs)
{
	struct hm_roam_walk *w = r->w;
	const uint8_t *best = NULL;
	double margin;
	int rc;

	for (size_t i = 0; i < nobs; i++)
		if ((rc = remember_ap(r, obs[i].bssid, obs[i].ap_name)))
			return rc;
	if (!w->assoc_known || w->lost ||
	    (double)(s->t_us - w->cur_last_us) / 1e6 > HM_ROAM_LINK_MAX_S)
		return 0;
	margin = better_margin(w, obs, nobs, &best);
	if (margin < r->opts.better_db)
		return end_better(r, s->t_us);
	if (!w->better) {
		w->better = true;
		w->better_since_us = s->t_us;
		memset(&w->run, 0, sizeof(w->run));
		w->run.walk_id = s->walk_id;
		w->run.from_us = s->t_us;
		w->run.placed = s->placed;
		w->run.x_m = s->x_m;
		w->run.y_m = s->y_m;
		w->run.ward = ward_of(r, s);
		memcpy(w->run.bssid, w->cur, 6);
		w->run.worst_db = -INFINITY;
	}
	if (margin > w->run.worst_db) {
		w->run.worst_db = margin;
		memcpy(w->run.better_bssid, best, 6);
	}
	return 0;
}

/* A walk ends: a stretch still open counts up to the walk's last poll. */
static int end_walk(struct hm_roam *r)
{
	struct hm_roam_walk *w = r->w;
	int rc = 0;

	if (w->id >= 0 && w->better)
		rc = end_better(r, w->polled ? w->last_poll_us : w->better_since_us);
	if (w->id >= 0 && w->polled)
		r->nwalks++;
	memset(w, 0, sizeof(*w));
	w->id = -1;
	w->after_pending = -1;
	return rc;
}

int hm_roam_add_sample(struct hm_roam *r, const struct meas_sample *sample,
		       const struct meas_observation *obs, size_t nobs,
		       const struct meas_link *link, const struct meas_throughput *tput)
{
	int rc;

	(void)tput;
	if (sample->kind != SAMPLE_LINK && sample->kind != SAMPLE_SCAN)
		return 0;
	if (sample->walk_id != r->w->id) {
		if ((rc = end_walk(r)))
			return rc;
		r->w->id = sample->walk_id;
	}
	if (sample->kind == SAMPLE_LINK)
		return add_link(r, sample, link);
	if (sample->status != SAMPLE_OK && sample->status != SAMPLE_SCAN_CACHED)
		return 0;
	return add_scan(r, sample, obs, nobs);
}

int hm_roam_sample_cb(void *arg, const struct meas_sample *sample,
		      const struct meas_observation *obs, size_t nobs,
		      const struct meas_link *link, const struct meas_throughput *tput)
{
	return hm_roam_add_sample(arg, sample, obs, nobs, link, tput);
}

int hm_roam_finish(struct hm_roam *r)
{
	int rc = end_walk(r);

	for (size_t i = 0; i < r->nevents; i++) {
		struct hm_roam_event *e = &r->events[i];

		ap_label(r, e->from, e->from_ap, sizeof(e->from_ap));
		ap_label(r, e->to, e->to_ap, sizeof(e->to_ap));
	}
	for (size_t i = 0; i < r->nstickies; i++) {
		struct hm_roam_sticky *t = &r->stickies[i];

		ap_label(r, t->bssid, t->ap, sizeof(t->ap));
		ap_label(r, t->better_bssid, t->better_ap, sizeof(t->better_ap));
	}
	return rc;
}

int hm_roam_judge(const struct hm_roam_rules *ru, const struct hm_roam_sum *s)
{
	int fail = 0;

	if ((!ru->has_gap && !ru->has_sticky) || s->associated_s + s->unassociated_s <= 0)
		return -1;
	if (ru->has_gap && s->longest_gap_s > ru->gap_max_s)
		fail |= HM_ROAM_FAIL_GAP;
	if (ru->has_sticky && s->associated_s > 0 &&
	    100 * hm_roam_sum_share(s) > ru->sticky_max_pct)
		fail |= HM_ROAM_FAIL_STICKY;
	return fail;
}

int hm_roam_load(struct survey *s, int64_t floor_id, const struct floorplan *fp,
		 const struct hm_roam_opts *opts, struct hm_roam *r, struct ns_err *err)
{
	struct survey_walk *walks = NULL;
	size_t nwalks = 0;
	int rc;

	if ((rc = hm_roam_init(r, opts, fp)))
		return ns_err_set(err, rc, "out of memory for the roaming analysis");
	if ((rc = survey_list_walks(s, floor_id, &walks, &nwalks, err)))
		return rc;
	for (size_t i = 0; i < nwalks && !rc; i++) {
		struct survey_query q = { .floor_id = floor_id, .walk_id = walks[i].id };

		rc = survey_foreach_sample(s, &q, hm_roam_sample_cb, r, err);
	}
	free(walks);
	if (rc)
		return rc;
	if ((rc = hm_roam_finish(r)))
		return ns_err_set(err, rc, "out of memory for the roaming analysis");
	return 0;
}
