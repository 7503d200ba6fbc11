/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * demo_summary.c — `notspot demo`'s summary.txt: floors, wards, walks,
 * samples and the BSSIDs heard, tallied from the survey as stored.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/demo.h"
#include "floorplans/geometry.h"
#include "util/clock.h"
#include "util/mac.h"
#include "util/version.h"

struct seen_bss {
	uint8_t bssid[6];
	char ssid[33], ap[33];
	int freq;
	bool hidden;
	long count;
	double best, worst;
};

struct tally {
	const struct floorplan *fp;
	struct seen_bss *bss;
	size_t nbss, cap;
	long scans, links, failed, not_assoc, placed, unplaced, obs;
	long *ward_scans;           /* placed scans per ward, [nwards] = outside any ward */
	double strongest, weakest;
	struct meas_observation s_obs, w_obs;
	double s_x, s_y, w_x, w_y;
};

/* The entry of @o's BSSID, added when first heard; NULL when out of memory. */
static struct seen_bss *seen(struct tally *t, const struct meas_observation *o)
{
	struct seen_bss *b;

	for (size_t k = 0; k < t->nbss; k++)
		if (memcmp(t->bss[k].bssid, o->bssid, 6) == 0)
			return &t->bss[k];
	if (t->nbss == t->cap) {
		size_t nc = t->cap ? 2 * t->cap : 64;
		struct seen_bss *nb = realloc(t->bss, nc * sizeof(*nb));

		if (!nb)
			return NULL;
		t->bss = nb;
		t->cap = nc;
	}
	b = &t->bss[t->nbss++];
	memset(b, 0, sizeof(*b));
	memcpy(b->bssid, o->bssid, 6);
	snprintf(b->ssid, sizeof(b->ssid), "%.*s", (int)sizeof(b->ssid) - 1, o->ssid);
	memcpy(b->ap, o->ap_name, sizeof(b->ap));
	b->freq = o->freq_mhz;
	b->hidden = o->hidden;
	b->best = -INFINITY;
	b->worst = INFINITY;
	return b;
}

/* A fresh result @o of sample @smp: the BSSID's range, the floor's extremes. */
static void note_fresh(struct tally *t, struct seen_bss *b, const struct meas_sample *smp,
		       const struct meas_observation *o)
{
	b->best = fmax(b->best, o->signal_dbm);
	b->worst = fmin(b->worst, o->signal_dbm);
	if (smp->placed && o->signal_dbm > t->strongest) {
		t->strongest = o->signal_dbm;
		t->s_obs = *o;
		t->s_x = smp->x_m;
		t->s_y = smp->y_m;
	}
	if (smp->placed && o->signal_dbm < t->weakest) {
		t->weakest = o->signal_dbm;
		t->w_obs = *o;
		t->w_x = smp->x_m;
		t->w_y = smp->y_m;
	}
}

static int tally_cb(void *arg, const struct meas_sample *smp, const struct meas_observation *obs,
		    size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct tally *t = arg;

	(void)link;
	(void)tput;
	if (smp->kind == SAMPLE_LINK) {
		t->links++;
		t->not_assoc += smp->status == SAMPLE_NOT_ASSOCIATED;
		return 0;
	}
	if (smp->kind != SAMPLE_SCAN)
		return 0;
	t->scans++;
	t->failed += smp->status != SAMPLE_OK;
	if (smp->placed) {
		const struct fp_ward *wd = fp_ward_at(t->fp, (struct fp_point){ smp->x_m, smp->y_m });

		t->placed++;
		t->ward_scans[wd ? (size_t)(wd - t->fp->wards) : t->fp->nwards]++;
	} else {
		t->unplaced++;
	}
	for (size_t i = 0; i < nobs; i++) {
		struct seen_bss *b = seen(t, &obs[i]);

		if (!b)
			return -ENOMEM;
		t->obs++;
		b->count++;
		/* Stale cache entries were heard elsewhere: extremes use fresh results. */
		if (obs[i].age_ms >= 0 && obs[i].age_ms <= DEMO_FRESH_MS)
			note_fresh(t, b, smp, &obs[i]);
	}
	return 0;
}

static int cmp_bss(const void *a, const void *b)
{
	return memcmp(((const struct seen_bss *)a)->bssid, ((const struct seen_bss *)b)->bssid, 6);
}

static void describe_obs(FILE *f, const char *what, const struct meas_observation *o, double x,
			 double y)
{
	char mac[18];

	fprintf(f, "%-10s %4.0f dBm  %s  %-14s %-12s ch %-3d at (%.1f, %.1f) m\n", what,
		o->signal_dbm, mac_format(o->bssid, mac), o->hidden ? "(hidden)" : o->ssid,
		o->ap_name, o->channel, x, y);
}

static int write_summary(struct demo *d, FILE *f, const struct tally *t)
{
	struct survey_counts cnt;
	char t0[32], t1[32], mac[18];
	int rc;

	if ((rc = survey_count(d->s, 0, &cnt, &d->err)))
		return rc;
	fprintf(f, "notspot %s demo — simulated survey (not real measurements)\n", NOTSPOT_VERSION);
	fprintf(f, "survey: %s\n\n", d->survey_path);
	fprintf(f, "floors: %lld\n", (long long)cnt.floors);
	fprintf(f, "  %s — %s, level %d: %.0f × %.0f m, %zu walls, %zu openings, %zu planned APs\n",
		d->fp->name, d->fp->building, d->fp->level, floorplan_width_m(d->fp),
		floorplan_height_m(d->fp), d->fp->nwalls, d->fp->nopenings, d->fp->naps);
	fprintf(f, "wards: %zu\n", d->fp->nwards);
	for (size_t i = 0; i < d->fp->nwards; i++)
		fprintf(f, "  %-22s %5.0f m²  %4ld placed scans%s\n", d->fp->wards[i].name,
			fp_polygon_area(d->fp->wards[i].pts, d->fp->wards[i].npts), t->ward_scans[i],
			t->ward_scans[i] ? "" : "  (not surveyed)");
	fprintf(f, "  %-22s %11s %4ld placed scans\n", "(outside any ward)", "",
		t->ward_scans[d->fp->nwards]);
	fprintf(f, "\nwalks: %lld\n", (long long)cnt.walks);
	for (size_t i = 0; i < DEMO_NWALKS; i++) {
		const struct sim_walk_stats *st = &d->walk_stats[i];

		fprintf(f, "  walk %lld: %s — %s, %s to %s\n", (long long)d->walk_ids[i],
			d->walk_names[i],
			demo_walks[i].mode == SIM_WALK_STOP_AND_GO ? "stop-and-go" : "continuous",
			ns_format_utc(st->start_us, t0, sizeof(t0)),
			ns_format_utc(st->end_us, t1, sizeof(t1)));
		fprintf(f, "    %zu taps, %zu scans (%zu failed), %zu link polls (%zu not associated), "
			   "%zu observations (%zu stale from the cache)\n",
			st->waypoints, st->scans, st->failed_scans, st->links, st->not_associated,
			st->observations, st->stale);
	}
	fprintf(f, "\nsamples: %lld (%ld scans: %ld placed, %ld unplaced, %ld failed; %ld link polls, "
		   "%ld not associated)\n",
		(long long)cnt.samples, t->scans, t->placed, t->unplaced, t->failed, t->links,
		t->not_assoc);
	fprintf(f, "observations: %ld\n", t->obs);
	qsort(t->bss, t->nbss, sizeof(*t->bss), cmp_bss);
	fprintf(f, "\nBSSIDs heard: %zu of %zu simulated (%zu APs); signal range of fresh results\n",
		t->nbss, sim_world_nbss(d->w), d->naps);
	for (size_t i = 0; i < t->nbss; i++) {
		const struct seen_bss *b = &t->bss[i];

		fprintf(f, "  %s  %-14s %-12s %4d MHz  %5ld obs  %4.0f … %4.0f dBm\n",
			mac_format(b->bssid, mac), b->hidden ? "(hidden)" : b->ssid, b->ap,
			b->freq, b->count, b->worst, b->best);
	}
	fprintf(f, "\n");
	fprintf(f, "placed fresh results (age <= %d ms):\n", DEMO_FRESH_MS);
	if (isfinite(t->strongest)) {
		describe_obs(f, "strongest", &t->s_obs, t->s_x, t->s_y);
		describe_obs(f, "weakest", &t->w_obs, t->w_x, t->w_y);
	}
	return ferror(f) ? ns_err_set(&d->err, -EIO, "%s: write failed", d->summary_path) : 0;
}

int demo_step_summary(struct demo *d)
{
	struct tally t = { .fp = d->fp, .strongest = -INFINITY, .weakest = INFINITY };
	struct survey_query q = { .floor_id = d->floor_id };
	FILE *f = NULL;
	int rc;

	t.ward_scans = calloc(d->fp->nwards + 1, sizeof(*t.ward_scans));
	if (!t.ward_scans)
		return ns_err_set(&d->err, -ENOMEM, "out of memory");
	if ((rc = survey_foreach_sample(d->s, &q, tally_cb, &t, &d->err)))
		goto out;
	f = fopen(d->summary_path, "w");
	if (!f) {
		rc = ns_err_set(&d->err, -errno, "%s: %s", d->summary_path, strerror(errno));
		goto out;
	}
	rc = write_summary(d, f, &t);
out:
	if (f && fclose(f) && !rc)
		rc = ns_err_set(&d->err, -EIO, "%s: write failed", d->summary_path);
	free(t.bss);
	free(t.ward_scans);
	return rc;
}
