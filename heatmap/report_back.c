/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_back.c — the evidence report's back pages (report.h): the method,
 * with the rules and their sources and what a not-spot is, and the appendix:
 * every access point heard (each channel with its band) and the walks.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/report_priv.h"

static double reach(const struct rep_data *d)
{
	return d->o->reach_m > 0 ? d->o->reach_m : 5;
}

/* ---- method ----------------------------------------------------------------------- */

static void method_measured(struct rep *r)
{
	const struct rep_data *d = r->d;

	rep_title(r, 1, NULL, "How it was measured");
	rep_para(r, "An engineer walked each ward with a Linux laptop running notspot, tapping their "
		    "position on the floorplan. Every scan (all channels, about every 2.5 s) records each "
		    "access point heard: its BSSID, SSID, channel, signal in dBm and advertised channel "
		    "load; the laptop's own link is polled five times a second. Stop-and-go walks stand at "
		    "each tap until a full scan completes; continuous walks place the samples between two "
		    "taps by time along the straight line between them. Failed scans and lost "
		    "associations are stored as data at the place they happened. Cached scan results "
		    "older than 3 s are left out because they were heard elsewhere.");
	if (d->prov.nsimulated)
		rep_paraf(r, "Simulated data: %zu of the %zu walks in this survey were simulated "
			     "(recorded by driver \"" SURVEY_SIM_DRIVER "\"). They were made by notspot's "
			     "propagation model (log-distance path loss with the floor's wall losses and "
			     "correlated shadowing) following the same recording path as a real walk. Every "
			     "page of this report is marked SIMULATED DATA because of them.",
			  d->prov.nsimulated, d->nwalks);
}

static void method_estimated(struct rep *r)
{
	const struct rep_data *d = r->d;
	struct hm_est_opts eo;

	hm_est_opts_default(&eo);
	rep_title(r, 1, NULL, "How the maps were estimated");
	rep_paraf(r, "Each access point radio is estimated on its own (never the maximum of the readings): "
		     "its position and path loss are fitted to the samples taking the floor's walls and "
		     "their materials into account, the model is evaluated on a %.2f m grid, and the "
		     "difference between model and samples is interpolated near the samples. Primary "
		     "signal is then the strongest radio at each cell, secondary the strongest other "
		     "physical access point on the same SSID, SNR the primary minus the noise the radio "
		     "reported on that channel, and co-channel interference the strongest other access "
		     "point on the primary's channel relative to the primary. BSSIDs that differ only in "
		     "the last digit of the MAC on one channel are one radio; radios broadcasting the same "
		     "AP name are one physical access point.",
		  d->o->cell_m > 0 ? d->o->cell_m : HM_CELL_DEFAULT_M);
	rep_title(r, 1, NULL, "What \"not surveyed\" means");
	rep_paraf(r, "A cell is not surveyed when no sample was taken within %.0f m of it, or when every "
		     "sample that near is separated from it by more than %.0f dB of walls (a side room "
		     "behind a lead-lined or concrete wall is not vouched for by a corridor reading). "
		     "Not-surveyed cells are drawn near-white and hatched, are never coloured as passing, "
		     "and are left out of every percentage: they are unknown, not covered.%s",
		  reach(d), eo.block_db,
		  d->o->predict ? " In this report prediction was asked for: cells beyond the reach "
				  "are judged by the model's estimate and the maps say PREDICTED."
				: "");
}

static void method_requirements(struct rep *r)
{
	static const struct col c[] = { { 0.34, 0 }, { 0.18, 0 }, { 0.48, 0 } };
	const struct hm_profile *p = &r->d->prof;
	char rb[96], th[128];

	rep_title(r, 1, NULL, "Requirements and their sources");
	rep_paraf(r, "Profile %s: %s. Each cell passes when every rule that could be judged there is "
		     "met; a rule on a quantity that was not measured (for example loss or jitter "
		     "without throughput tests) is reported as not measured, neither pass nor fail. No "
		     "signal at all fails the signal rules.",
		  p->name, p->description);
	rep_table_begin(r, c, 3, (const char *const[]){ "Rule", "Threshold", "Source" });
	for (int q = 0; q < p->nrules; q++) {
		const struct hm_metric_info *mi = hm_metric_info(p->rules[q].metric);

		rep_rule_text(&p->rules[q], rb, sizeof(rb));
		snprintf(th, sizeof(th), "%s", rep_rule_threshold(rb, mi->key));
		rep_table_row(r, (const char *const[]){ mi->label, th, q == 0 ? p->source : "as above" },
			      q);
	}
	rep_table_end(r);
	rep_para(r, "Thresholds are the defaults gathered in notspot's DOMAIN.md from NHS England's "
		    "Connectivity Hub (Wi-Fi metrics and measures), Cisco and Zebra voice deployment "
		    "guides, the Vocera infrastructure guide, patient-monitor vendors' acceptance tests "
		    "and the Cisco location services design guide. Every threshold can be changed; this "
		    "report names the numbers it was judged by.");
}

void rep_page_method(struct rep *r)
{
	rep_page_begin(r, false);
	rep_title(r, 0, "Method", "Method");
	method_measured(r);
	method_estimated(r);
	method_requirements(r);
	rep_title(r, 1, NULL, "Not-spots, wards and rooms");
	rep_paraf(r, "A not-spot is a connected set of failing cells (sharing an edge) of at least "
		     "1 m² that holds a square of %.0f m by %.0f m of failing cells: a place a person "
		     "with a device can stand in. Smaller specks and thinner slivers (typically a strip "
		     "along a wall, where the estimate changes sharply) still fail and are drawn failing, "
		     "but are not listed; cells outside every ward are outside the building and never "
		     "fail. A not-spot is named by the rule it fails over most of its area, with that "
		     "rule's worst value in it. Its area is its cell count times the cell area, its "
		     "centre the mean of its cells. Every figure of a ward counts the cells whose centre "
		     "lies inside its outline on its floor's one grid, so it can differ from the drawn "
		     "polygon by a fraction of a cell along the edges, never exceeds the ward or the "
		     "floor, and a ward drawn inside another counts in both. Rooms are named as the floor's "
		     "drawing writes them: a not-spot lies in a room whose name is written in it, or in "
		     "sight of it within 6 m with no wall or door between.",
		  HM_NOTSPOT_SQUARE_M, HM_NOTSPOT_SQUARE_M);
	rep_title(r, 1, NULL, "Accuracy");
	rep_para(r, "Estimated maps are about 2–3 dB from the truth near the walked path and less "
		    "certain away from it (DOMAIN.md, Propagation). A margin of a few dB around a "
		    "threshold should therefore be read as uncertain; rooms that matter should be walked.");
}

/* ---- appendix ---------------------------------------------------------------------- */

/* The appendix row of AP @ap: its BSSIDs, SSIDs and channels (with their bands), once each. */
static void ap_row(struct rep *r, const struct hm_set *set, const struct rep_ap *ap, int row)
{
	struct strbuf bssids = STRBUF_INIT, ssids = STRBUF_INIT, channels = STRBUF_INIT;
	char mac[24], ch[32], best[32];

	for (size_t b = 0; b < set->nbss; b++) {
		const struct hm_bss *bs = &set->bss[b];

		if (set->radios[bs->radio].phys != ap->phys)
			continue;
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", bs->bssid[0], bs->bssid[1],
			 bs->bssid[2], bs->bssid[3], bs->bssid[4], bs->bssid[5]);
		rep_add_unique(&bssids, mac);
		rep_add_unique(&ssids, bs->hidden || !bs->ssid[0] ? "(hidden)" : bs->ssid);
		rep_fmt_channel(ch, sizeof(ch), bs->channel, bs->freq_mhz);
		rep_add_unique(&channels, ch);
	}
	rep_fmt_value(best, sizeof(best), isinf(ap->best) ? NAN : ap->best, false, HM_M_PRIMARY);
	r->oom |= strbuf_failed(&bssids) || strbuf_failed(&ssids) || strbuf_failed(&channels);
	rep_table_row(r, (const char *const[]){ ap->name, bssids.buf, ssids.buf, channels.buf, best },
		      row);
	strbuf_release(&bssids);
	strbuf_release(&ssids);
	strbuf_release(&channels);
}

static void appendix_aps(struct rep *r)
{
	static const struct col c[] = { { 0.15, 0 }, { 0.33, 0 }, { 0.23, 0 }, { 0.17, 0 },
					{ 0.12, T_RIGHT } };
	const struct rep_data *d = r->d;
	char buf[128];
	int row = 0;

	rep_title(r, 1, "Access points heard", "A. Access points heard");
	rep_para(r, "Every physical access point heard on the reported floors, by the name it "
		    "broadcasts (or its MAC with the last digit open when it sends none), with each "
		    "BSSID, SSID and channel (channel numbers repeat across bands, so each is given with "
		    "its band), and the strongest fresh reading taken.");
	for (size_t i = 0; i < d->nfloors; i++) {
		const struct rep_floor *f = &d->floors[i];

		snprintf(buf, sizeof(buf), "%s: %zu access points, %zu BSSIDs", f->fp->name,
			 f->set.nphys, f->set.nbss);
		rep_tag_begin(r, "H3");
		rep_heading(r, buf, 10);
		rep_tag_end(r, "H3");
		rep_table_begin(r, c, 5, (const char *const[]){ "Name", "BSSIDs", "SSIDs", "Channels",
							       "Strongest" });
		for (size_t k = 0; k < f->naps; k++)
			ap_row(r, &f->set, &f->aps[k], row++);
		rep_table_end(r);
	}
}

static void appendix_walks(struct rep *r)
{
	static const struct col c[] = { { 0.19, 0 }, { 0.13, 0 }, { 0.16, 0 }, { 0.22, 0 }, { 0.30, 0 } };
	const struct rep_data *d = r->d;
	char when[96], eq[200], a[48], b[16], e[16];

	rep_title(r, 1, "Walks", "B. Walks");
	rep_table_begin(r, c, 5, (const char *const[]){ "Date and time (UTC)", "Mode", "Walked by",
						       "Equipment", "Note" });
	for (size_t i = 0; i < d->nwalks; i++) {
		const struct survey_walk *w = &d->walks[i];

		rep_day(w->start_us, a, sizeof(a));
		rep_hhmm(w->start_us, b, sizeof(b));
		rep_hhmm(w->end_us, e, sizeof(e));
		snprintf(when, sizeof(when), "%s %s–%s", a, b, e);
		snprintf(eq, sizeof(eq), "%s / %s / %s", w->interface, w->driver, w->chipset);
		rep_table_row(r, (const char *const[]){ when, w->mode, w->operator_name, eq, w->note },
			      (int)i);
	}
	rep_table_end(r);
}

void rep_page_appendix(struct rep *r)
{
	rep_page_begin(r, false);
	rep_title(r, 0, "Appendix", "Appendix");
	appendix_aps(r);
	appendix_walks(r);
}
