/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_roam.c — the report's roaming pages (report_priv.h): per level
 * walked with link polls, what the device went through (heatmap/roam.h): the
 * roam layer on the level's map, the sums per ward, and the roams that left
 * it unassociated longest and the stretches where it clung to a weak AP.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/report_priv.h"
#include "heatmap/roam.h"
#include "measure/channel.h"

#define ROWS_MAX 12 /* the longest gaps and sticky stretches listed per level */

int rep_roam_gather(struct rep_data *d, struct survey *s, struct ns_err *err)
{
	for (size_t i = 0; d->o->roaming && i < d->nfloors; i++) {
		struct rep_floor *f = &d->floors[i];
		int rc;

		f->roam = calloc(1, sizeof(*f->roam));
		if (!f->roam)
			return ns_err_set(err, -ENOMEM, "out of memory");
		if ((rc = hm_roam_load(s, f->fp->id, f->fp, NULL, f->roam, err)))
			return rc;
		if (f->roam->total.associated_s + f->roam->total.unassociated_s <= 0)
			rep_roam_release(f); /* no link polls: no page */
	}
	return 0;
}

void rep_roam_release(struct rep_floor *f)
{
	if (f->roam)
		hm_roam_release(f->roam);
	free(f->roam);
	f->roam = NULL;
}

static void headline(struct rep *r, const struct rep_floor *f)
{
	const struct hm_roam *ro = f->roam;
	const struct hm_roam_sum *t = &ro->total;
	char share[16], late[16];

	rep_fmt_share(share, sizeof(share), t->sticky_s, t->associated_s);
	rep_fmt_share(late, sizeof(late), (double)t->roams_better, (double)t->roams);
	rep_paraf(r, "On %s the survey device, associated as a client would be, changed access point "
		     "%zu time%s and reconnected to the same one %zu time%s after losing it. The longest "
		     "time with no association was %.1f s (measured to the interval of the link polls). It "
		     "was associated for %.0f s and without association for %.0f s. For %s of the "
		     "associated time it held on to an AP %.0f dB or more weaker than another of its "
		     "SSID for %.0f s or more (sticky); %s of its roams came after such a better AP "
		     "had been heard.",
		  f->fp->name, t->roams, t->roams == 1 ? "" : "s", t->reconnects,
		  t->reconnects == 1 ? "" : "s", t->longest_gap_s, t->associated_s,
		  t->unassociated_s, share, ro->opts.better_db, ro->opts.sticky_min_s, late);
}

/* The profile's roaming rules in words, "" when it has none. */
static void rules_text(const struct hm_roam_rules *ru, char *buf, size_t len)
{
	char g[48] = "", s[48] = "";

	if (ru->has_gap)
		snprintf(g, sizeof(g), "longest gap ≤ %.1f s", ru->gap_max_s);
	if (ru->has_sticky)
		snprintf(s, sizeof(s), "sticky share ≤ %.0f%%", ru->sticky_max_pct);
	snprintf(buf, len, "%s%s%s", g, g[0] && s[0] ? "; " : "", s);
}

static const char *verdict(const struct hm_roam_rules *ru, const struct hm_roam_sum *s)
{
	static const char *const words[] = { "pass", "fails gap", "fails sticky",
					     "fails gap, sticky" };
	int v = hm_roam_judge(ru, s);

	return v < 0 ? "n/a" : words[v];
}

static void ward_table(struct rep *r, const struct rep_floor *f)
{
	static const struct col c[] = { { 0.22, 0 }, { 0.08, T_RIGHT }, { 0.1, T_RIGHT },
					{ 0.12, T_RIGHT }, { 0.11, T_RIGHT }, { 0.09, T_RIGHT },
					{ 0.11, T_RIGHT }, { 0.17, T_RIGHT } };
	const struct hm_roam_rules *ru = &r->d->prof.roaming;
	const struct hm_roam *ro = f->roam;
	bool judged = ru->has_gap || ru->has_sticky;
	char rules[128];

	rules_text(ru, rules, sizeof(rules));
	if (judged)
		rep_paraf(r, "Judged by the roaming rules of the %s profile: %s.", r->d->prof.name,
			  rules);
	rep_table_begin(r, c, judged ? 8 : 7,
			(const char *const[]){ "Ward", "Roams", "Reconnects", "Longest gap",
					       "Associated", "Sticky", "Late roams", "Verdict" });
	for (size_t k = 0; k <= f->fp->nwards; k++) {
		const struct hm_roam_sum *s = k < f->fp->nwards ? &ro->wards[k] : &ro->total;
		char n1[16], n2[16], gap[16], as[16], st[16], late[16];

		snprintf(n1, sizeof(n1), "%zu", s->roams);
		snprintf(n2, sizeof(n2), "%zu", s->reconnects);
		if (s->roams + s->reconnects)
			snprintf(gap, sizeof(gap), "%.1f s", s->longest_gap_s);
		else
			snprintf(gap, sizeof(gap), "n/a");
		snprintf(as, sizeof(as), "%.0f s", s->associated_s);
		rep_fmt_share(st, sizeof(st), s->sticky_s, s->associated_s);
		rep_fmt_share(late, sizeof(late), (double)s->roams_better, (double)s->roams);
		rep_table_row(r, (const char *const[]){ k < f->fp->nwards ? f->fp->wards[k].name
									 : "Whole level",
							n1, n2, gap, as, st, late, verdict(ru, s) },
			      (int)k);
	}
	rep_table_end(r);
}

static int by_gap(const void *a, const void *b)
{
	const struct hm_roam_event *x = *(const struct hm_roam_event *const *)a;
	const struct hm_roam_event *y = *(const struct hm_roam_event *const *)b;

	return (x->gap_s < y->gap_s) - (x->gap_s > y->gap_s);
}

static void event_row(struct rep *r, const struct rep_floor *f, const struct hm_roam_event *e,
		      int row)
{
	char when[16], move[200], c1[MEAS_CHANNEL_LABEL_LEN], c2[MEAS_CHANNEL_LABEL_LEN];
	char gap[16], sig[48], better[40];

	rep_hhmm(e->t_us, when, sizeof(when));
	snprintf(move, sizeof(move), "%s %s → %s %s", e->from_ap,
		 meas_channel_label(e->from_freq_mhz, c1, sizeof(c1)), e->to_ap,
		 meas_channel_label(e->to_freq_mhz, c2, sizeof(c2)));
	snprintf(gap, sizeof(gap), "%.1f s", e->gap_s);
	{
		char b[16] = "n/a", a[16] = "n/a";

		if (isfinite(e->before_dbm))
			snprintf(b, sizeof(b), "%.0f", e->before_dbm);
		if (isfinite(e->after_dbm))
			snprintf(a, sizeof(a), "%.0f", e->after_dbm);
		snprintf(sig, sizeof(sig), "%s → %s dBm", b, a);
	}
	if (e->better_available)
		snprintf(better, sizeof(better), "%.1f s before", e->better_for_s);
	else
		snprintf(better, sizeof(better), "no");
	rep_table_row(r, (const char *const[]){ when, hm_roam_kind_name(e->kind), move, gap, sig,
						better, e->ward >= 0 ? f->fp->wards[e->ward].name
								     : "" },
		      row);
}

/* The roams and reconnects that left the device unassociated longest. */
static void gap_table(struct rep *r, const struct rep_floor *f)
{
	static const struct col c[] = { { 0.08, 0 }, { 0.09, 0 }, { 0.37, 0 }, { 0.08, T_RIGHT },
					{ 0.14, T_RIGHT }, { 0.11, T_RIGHT }, { 0.13, 0 } };
	const struct hm_roam *ro = f->roam;
	const struct hm_roam_event **v = malloc((ro->nevents + 1) * sizeof(*v));
	size_t n = 0;

	if (!v) {
		r->oom = true;
		return;
	}
	for (size_t i = 0; i < ro->nevents; i++)
		if (ro->events[i].gap_s > 0)
			v[n++] = &ro->events[i];
	qsort(v, n, sizeof(*v), by_gap);
	if (n) {
		rep_paraf(r, "The roams and reconnects with time without association, longest first%s:",
			  n > ROWS_MAX ? " (the first twelve)" : "");
		rep_table_begin(r, c, 7, (const char *const[]){ "Time", "Kind", "From → to", "Gap",
							       "Signal", "Better AP", "Ward" });
		for (size_t i = 0; i < n && i < ROWS_MAX; i++)
			event_row(r, f, v[i], (int)i);
		rep_table_end(r);
	} else {
		rep_para(r, "No link poll found the device without an association between two APs.");
	}
	free(v);
}

static void sticky_table(struct rep *r, const struct rep_floor *f)
{
	static const struct col c[] = { { 0.12, 0 }, { 0.1, T_RIGHT }, { 0.25, 0 }, { 0.25, 0 },
					{ 0.12, T_RIGHT }, { 0.16, 0 } };
	const struct hm_roam *ro = f->roam;

	if (!ro->nstickies) {
		rep_para(r, "No sticky stretch was found.");
		return;
	}
	rep_para(r, "Sticky stretches (in the order walked):");
	rep_table_begin(r, c, 6, (const char *const[]){ "From", "For", "Held on to",
						       "Better AP heard", "By up to", "Ward" });
	for (size_t i = 0; i < ro->nstickies && i < ROWS_MAX; i++) {
		const struct hm_roam_sticky *s = &ro->stickies[i];
		char when[16], dur[16], by[16];

		rep_hhmm(s->from_us, when, sizeof(when));
		snprintf(dur, sizeof(dur), "%.0f s", (double)(s->to_us - s->from_us) / 1e6);
		snprintf(by, sizeof(by), "%.0f dB", s->worst_db);
		rep_table_row(r, (const char *const[]){ when, dur, s->ap, s->better_ap, by,
							s->ward >= 0 ? f->fp->wards[s->ward].name
								     : "" },
			      (int)i);
	}
	rep_table_end(r);
	if (ro->nstickies > ROWS_MAX)
		rep_paraf(r, "… and %zu more (notspot roams lists every one).",
			  ro->nstickies - ROWS_MAX);
}

static void page_roaming(struct rep *r, size_t floor, bool first)
{
	const struct rep_floor *f = &r->d->floors[floor];
	struct hm_render_opts ro;
	char buf[160];

	rep_page_begin(r, true);
	if (first)
		rep_bookmark(r, 0, "Roaming");
	snprintf(buf, sizeof(buf), "Roaming — %s", f->fp->name);
	rep_title(r, 1, f->fp->name, buf);
	headline(r, f);
	rep_map_opts(r, floor, &ro);
	ro.metric = f->map.m[HM_M_PRIMARY] ? HM_M_PRIMARY : -1;
	ro.roams = f->roam;
	rep_draw_map_with(r, floor, &ro, rep_bottom(r) - r->y - 20);
	rep_page_begin(r, true);
	rep_heading(r, buf, 12);
	ward_table(r, f);
	gap_table(r, f);
	sticky_table(r, f);
}

void rep_pages_roaming(struct rep *r)
{
	bool first = true;

	for (size_t i = 0; i < r->d->nfloors; i++) {
		if (!r->d->floors[i].roam)
			continue;
		page_roaming(r, i, first);
		first = false;
	}
}
