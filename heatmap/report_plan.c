/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_plan.c — the report's "Proposed fix" section (report_plan.h): a
 * page of text and tables and a page with the predicted after-map, each
 * marked PREDICTED.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "heatmap/report_plan.h"
#include "heatmap/report_priv.h"

static const char *ward_of(const struct hm_report_plan *rp, int w)
{
	return w >= 0 && (size_t)w < rp->fp->nwards ? rp->fp->wards[w].name : "";
}

/* The mark every page of the section carries. */
static void predicted_mark(struct rep *r)
{
	r->y += rep_txt(r, MARGIN, r->y, rep_body_w(r),
			"PREDICTED — the survey's model's prediction, not a measurement", BODY + 1,
			T_BOLD) + 4;
}

static void today_and_after(struct rep *r, const struct hm_report_plan *rp)
{
	static const struct col cols[] = { { 0.34, 0 }, { 0.16, T_RIGHT }, { 0.16, T_RIGHT },
					   { 0.16, T_RIGHT }, { 0.18, 0 } };
	static const char *const head[] = { "Ward", "Judged m²", "Passing today",
					    "Predicted after", "Target" };
	const struct hm_plan *p = rp->plan;
	char a[16], b[16], c[16], t[32];

	rep_table_begin(r, cols, 5, head);
	for (int w = 0; w < p->nwards; w++) {
		const struct hm_plan_ward *pw = &p->wards[w];
		const char *row[5] = { ward_of(rp, pw->ward), a, b, c, t };

		snprintf(a, sizeof(a), "%.0f", pw->judged_m2);
		rep_fmt_share(b, sizeof(b), pw->before_pass_m2, pw->judged_m2);
		rep_fmt_share(c, sizeof(c), pw->after_pass_m2, pw->judged_m2);
		snprintf(t, sizeof(t), "%.0f%% %s", rp->target_pct, pw->met ? "met" : "NOT met");
		rep_table_row(r, row, 5);
	}
	rep_table_end(r);
}

static void proposal_table(struct rep *r, const struct hm_report_plan *rp)
{
	static const struct col cols[] = { { 0.13, 0 }, { 0.17, 0 }, { 0.22, 0 }, { 0.22, 0 },
					   { 0.12, T_RIGHT }, { 0.14, T_RIGHT } };
	static const char *const head[] = { "AP", "Place (m)", "Ward", "Band, channel", "Power",
					    "Unit cost" };
	const struct hm_plan *p = rp->plan;
	char pl[32], ch[48], pw[16], cost[24];

	rep_table_begin(r, cols, 6, head);
	for (int k = 0; k < p->naps; k++) {
		const struct hm_plan_ap *ap = &p->aps[k];
		const char *row[6] = { ap->name, pl, ward_of(rp, ap->ward), ch, pw, cost };

		snprintf(pl, sizeof(pl), "%.1f, %.1f", ap->x, ap->y);
		snprintf(ch, sizeof(ch), "%s ch %d%s", hm_band_name(p->band), ap->channel,
			 ap->dfs ? " (DFS)" : "");
		snprintf(pw, sizeof(pw), "%.0f dBm", ap->tx_dbm);
		if (rp->ap_cost > 0)
			snprintf(cost, sizeof(cost), "%.2f", rp->ap_cost);
		else
			snprintf(cost, sizeof(cost), "not given");
		rep_table_row(r, row, 6);
	}
	for (int k = 0; k < p->nchanges; k++) {
		const struct hm_plan_rechannel *c = &p->changes[k];
		const char *row[6] = { c->name, pl, "", ch, "as now", "channel change" };

		snprintf(pl, sizeof(pl), "%.1f, %.1f", c->x, c->y);
		snprintf(ch, sizeof(ch), "%s ch %d → %d", hm_band_name(p->band), c->from, c->to);
		rep_table_row(r, row, 6);
	}
	rep_table_end(r);
	if (p->nchanges)
		rep_paraf(r, "%d existing AP%s given a new channel (no hardware): each heard a "
			     "co-channel AP above %.0f dBm at its place, and the new channel is "
			     "clearer by 6 dB or more.",
			  p->nchanges, p->nchanges == 1 ? "" : "s", HM_PLAN_COCH_DBM);
	else if (p->keep_channels)
		rep_para(r, "Existing APs keep their channels (as asked).");
	if (rp->ap_cost > 0)
		rep_paraf(r, "Total: %d AP%s × %.2f = %.2f (hardware only; cabling, mounting and "
			     "licences are not included).",
			  p->naps, p->naps == 1 ? "" : "s", rp->ap_cost, p->naps * rp->ap_cost);
}

static void how_sure(struct rep *r, const struct hm_report_plan *rp)
{
	const struct hm_plan *p = rp->plan;

	rep_paraf(r, "The model is this survey's own: the fitted APs, their powers and path-loss "
		     "exponents, and the wall losses learned from the walk. A new AP is modelled like "
		     "the survey's APs (signal at 1 m %.1f dBm, exponent %.2f). The model's measured "
		     "error on this survey is σ = %.1f dB (its residuals at the samples). A place "
		     "that fails today counts as fixed only if the prediction clears each rule it "
		     "fails by k·σ = %.1f × %.1f = %.1f dB; rules on utilisation, loss or latency "
		     "are not changed by a new AP in this model.",
		  p->p1_dbm, p->n, p->sigma_db, p->k, p->sigma_db, p->margin_db);
	if (p->optimum_run && p->optimum_naps >= 0)
		rep_paraf(r, "Search: %zu candidate places; greedy with an improvement pass chose "
			     "%d, an exhaustive search of every smaller set found the optimum is %d "
			     "(gap %d).",
			  p->ncands, p->naps, p->optimum_naps, p->naps - p->optimum_naps);
	else
		rep_paraf(r, "Search: %zu candidate places (%zu left out: lead-lined rooms, lift "
			     "shafts, outside the wards, on a wall); greedy with an improvement pass "
			     "chose %d. Too many sets for an exhaustive check of optimality.",
			  p->ncands, p->excluded, p->naps);
	if (p->min_spacing_m > 0)
		rep_paraf(r, "Spacing: no two proposed APs, and no proposed AP and existing AP of "
			     "the band, closer than %.1f m (%zu places too near an existing AP left "
			     "out).",
			  p->min_spacing_m, p->spaced_out);
	rep_para(r, "Before the work is signed off, walk the planned wards again once the APs "
		    "are installed and compare the walk with this prediction (notspot plan "
		    "--validate): where the measurement differs from it by more than k·σ, the "
		    "prediction was wrong.");
}

/* The page of the after-map: the floor's pass/fail with the proposal in. */
static void after_page(struct rep *r, const struct hm_report_plan *rp, size_t floor)
{
	struct hm_render_opts ro;
	double dw, dh, x;

	rep_page_begin(r, true);
	rep_title(r, 1, "Predicted after-map", "Predicted after-map (PREDICTED)");
	predicted_mark(r);
	hm_render_opts_default(&ro);
	ro.metric = -1;
	ro.set = rp->set;
	ro.show_aps = true;
	ro.drawing = floor < r->d->nfloors ? r->drawings[floor].surface : NULL;
	ro.floor = rp->fp->name;
	ro.simulated = r->d->simulated;
	ro.in_report = true;
	ro.marks = rp->marks;
	ro.nmarks = rp->nmarks;
	hm_render_size(rp->after, &ro, rep_body_w(r), rep_bottom(r) - r->y - 20, 1, &dw, &dh);
	x = MARGIN + (rep_body_w(r) - dw) / 2;
	if (!r->dry) {
		rep_tag_begin(r, "Figure");
		cairo_save(r->cr);
		cairo_translate(r->cr, x, r->y);
		hm_render_draw(r->cr, rp->after, &ro, rep_body_w(r), rep_bottom(r) - r->y - 20, 1);
		cairo_restore(r->cr);
		rep_tag_end(r, "Figure");
	}
	r->y += dh + 6;
	rep_para(r, "Filled diamonds: the proposed APs. Cells that fail today count as passing "
		    "here only when the prediction clears the rule by the margin above.");
}

void rep_page_plan(struct rep *r)
{
	const struct hm_report_plan *rp = r->d->o->plan;
	const struct hm_plan *p;
	size_t floor = SIZE_MAX;

	if (!rp || !rp->plan)
		return;
	p = rp->plan;
	for (size_t i = 0; i < r->d->nfloors; i++)
		if (strcmp(r->d->floors[i].fp->name, rp->fp->name) == 0)
			floor = i;
	rep_page_begin(r, false);
	rep_title(r, 0, "Proposed fix", "Proposed fix (PREDICTED)");
	predicted_mark(r);
	rep_heading(r, "What fails today", 11);
	rep_paraf(r, "On %s, judged by the survey's estimate everywhere in the planned wards "
		     "(surveyed and predicted), against the %s profile:",
		  rp->fp->name, rp->after->profile.name);
	today_and_after(r, rp);
	rep_heading(r, "What is proposed", 11);
	rep_paraf(r, "%d new access point%s, %s; channels chosen so as not to add co-channel "
		     "interference (existing APs keep theirs unless a channel change is listed). "
		     "Stored in the survey as proposed APs, "
		     "never to be confused with planned or surveyed ones.",
		  p->naps, p->naps == 1 ? "" : "s",
		  p->met ? "predicted to bring every planned ward to the target"
			 : "which is NOT predicted to bring every planned ward to the target");
	proposal_table(r, rp);
	if (p->power_ap[0])
		rep_paraf(r, "A cheaper alternative was tried: raising one existing AP's power. The "
			     "best, %s by %.0f dB (if it has the headroom), is predicted %s.",
			  p->power_ap, p->power_db,
			  p->power_met ? "to meet the target on its own"
				       : "not to meet the target on its own");
	rep_heading(r, "How sure", 11);
	how_sure(r, rp);
	after_page(r, rp, floor);
}
