/*
 * report_pages.c — the evidence report's pages (report.h has their order),
 * drawn from what report_data.c gathered, through the page machinery of
 * report_layout.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/render.h"
#include "heatmap/report_priv.h"
#include "util/version.h"

#define SUMMARY_ROWS_PER_PAGE 20

/* Said on the cover of a survey with simulated walks, in a box. */
static const char simulated_note[] =
	"SIMULATED DATA. Some or all walks in this survey were produced by notspot's simulator "
	"(`notspot simulate`, the demo, or the walker's --simulate), not measured in a real "
	"building. The figures show what the method produces; they are not evidence about any "
	"real site.";

static double reach(const struct rep_data *d)
{
	return d->o->reach_m > 0 ? d->o->reach_m : 5;
}

/* ---- cover and walks ------------------------------------------------------------- */

static void cover_title(struct rep *r)
{
	const struct rep_data *d = r->d;
	double x = MARGIN, w = rep_body_w(r);

	r->y = 130;
	r->y += rep_txt(r, x, r->y, w, "Wi-Fi coverage evidence report", 26, T_BOLD) + 8;
	r->y += rep_txt(r, x, r->y, w, d->meta.site[0] ? d->meta.site : d->survey_name, 16, 0) + 4;
	if (d->meta.organisation[0])
		r->y += rep_txt(r, x, r->y, w, d->meta.organisation, 11, T_GREY) + 4;
	r->y += 18;
	if (d->simulated) {
		double h = rep_txt_height(r, w - 20, simulated_note, 10, T_BOLD);

		cairo_rectangle(r->cr, x, r->y, w, h + 16);
		cairo_set_source_rgb(r->cr, 0.9, 0.9, 0.9);
		cairo_fill_preserve(r->cr);
		cairo_set_source_rgb(r->cr, 0, 0, 0);
		cairo_set_line_width(r->cr, 1.5);
		cairo_stroke(r->cr);
		rep_txt(r, x + 10, r->y + 8, w - 20, simulated_note, 10, T_BOLD);
		r->y += h + 30;
	}
}

/* One row of the cover's key / value table. */
static void kv(struct rep *r, int *k, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void kv(struct rep *r, int *k, const char *key, const char *fmt, ...)
{
	struct rtext t;
	va_list ap;

	rtext_init(&t);
	va_start(ap, fmt);
	rtext_vaddf(&t, fmt, ap);
	va_end(ap);
	rep_table_row(r, (const char *const[]){ key, rtext_str(&t) }, (*k)++);
	rtext_release(&t);
}

/* What was surveyed, when, by whom, with what, against what. */
static void cover_facts(struct rep *r)
{
	static const struct col c[] = { { 0.26, 0 }, { 0.74, 0 } };
	const struct rep_data *d = r->d;
	const struct rep_provenance *pv = &d->prov;
	const struct hm_report_opts *o = d->o;
	char a[64], b[64];
	int k = 0;

	rep_day(pv->first_us, a, sizeof(a));
	rep_day(pv->last_us, b, sizeof(b));
	rep_table_begin(r, c, 2, (const char *const[]){ "Survey", d->survey_name });
	kv(r, &k, "Site", "%s", d->meta.site[0] ? d->meta.site : "(not given)");
	kv(r, &k, "Floors", "%s", rtext_str(&pv->floors));
	kv(r, &k, "Wards", "%s", rtext_empty(&pv->wards) ? "(the floor has no wards)" : rtext_str(&pv->wards));
	if (strcmp(a, b) == 0)
		kv(r, &k, "Survey dates", "%s (%zu walks)", a, d->nwalks);
	else
		kv(r, &k, "Survey dates", "%s to %s (%zu walks)", a, b, d->nwalks);
	kv(r, &k, "Surveyor", "%s%s%s", d->meta.surveyor[0] ? d->meta.surveyor : "(not given)",
	   rtext_empty(&pv->operators) ? "" : "; walked by ", rtext_str(&pv->operators));
	kv(r, &k, "Equipment", "%s", rtext_empty(&pv->equipment) ? "(no walks)" : rtext_str(&pv->equipment));
	kv(r, &k, "Software", "notspot %s (survey file created by %s)", NOTSPOT_VERSION,
	   d->meta.created_by[0] ? d->meta.created_by : "unknown");
	kv(r, &k, "Requirement profile", "%s — %s. Rules: %s. Source: %s", d->prof.name,
	   d->prof.description, rtext_str(&pv->rules), d->prof.source);
	if (o->ssid || o->band >= 0)
		kv(r, &k, "Filter", "%s%s%s%s", o->ssid ? "SSID " : "", o->ssid ? o->ssid : "",
		   o->ssid && o->band >= 0 ? ", " : "", o->band >= 0 ? hm_band_name(o->band) : "");
	kv(r, &k, "Report date", "%s", d->date);
	rep_table_end(r);
}

static void page_cover(struct rep *r)
{
	const struct rep_data *d = r->d;

	rep_page_begin(r, false);
	cover_title(r);
	cover_facts(r);
	r->y += 4;
	rep_heading(r, "At a glance", 12);
	for (size_t i = 0; i < d->nfloors; i++) {
		const struct hm_area_stats *st = &d->floors[i].st;

		rep_paraf(r, "%s: %.0f m² of %.0f m² surveyed; %.0f%% of the surveyed area meets every "
			     "rule of the %s profile; %zu not-spot%s cover%s %.0f m².",
			  d->floors[i].fp->name, st->surveyed_m2, st->area_m2,
			  rep_pct(st->pass_m2, st->surveyed_m2), d->prof.name, st->notspots,
			  st->notspots == 1 ? "" : "s", st->notspots == 1 ? "s" : "", st->notspot_m2);
	}
	if (d->meta.notes[0])
		rep_paraf(r, "Notes recorded with the survey: %s", d->meta.notes);
	if (d->o->predict)
		rep_para(r, "PREDICTED: cells beyond the reach of the samples are judged by the model's "
			    "estimate in this report. They are not measurements.");
}

static void page_walks(struct rep *r)
{
	static const struct col c[] = { { 0.19, 0 }, { 0.13, 0 }, { 0.16, 0 }, { 0.22, 0 }, { 0.30, 0 } };
	const struct rep_data *d = r->d;
	char when[96], eq[200], a[48], b[16], e[16];

	r->y += 6;
	rep_heading(r, "Walks", 12);
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

/* ---- summary ---------------------------------------------------------------------- */

#define SUMMARY_COLS (HM_MAX_RULES + 8)

/* The summary table's columns: fixed ones, one per rule measured somewhere, then not-spots and worst. */
struct summary {
	struct col cols[SUMMARY_COLS];
	char head[SUMMARY_COLS][208];
	const char *hp[SUMMARY_COLS];
	int n;
	struct rtext unmeasured;    /* the rules measured nowhere */
};

static void summary_col(struct summary *t, double w, int align, const char *head)
{
	t->cols[t->n] = (struct col){ w, align };
	snprintf(t->head[t->n], sizeof(t->head[t->n]), "%s", head);
	t->hp[t->n] = t->head[t->n];
	t->n++;
}

static void summary_columns(const struct rep_data *d, struct summary *t)
{
	const struct hm_profile *p = &d->prof;
	double rest = 1.0 - (0.13 + 0.07 + 0.06 + 0.09 + 0.07 + 0.09 + 0.07);
	int nrules = 0;
	char rb[96], h[208];

	t->n = 0;
	rtext_init(&t->unmeasured);
	for (int q = 0; q < p->nrules; q++)
		nrules += d->rule_used[q];
	summary_col(t, 0.13, 0, "Ward");
	summary_col(t, 0.07, 0, "Floor");
	summary_col(t, 0.06, T_RIGHT, "Area m²");
	summary_col(t, 0.09, T_RIGHT, "Surveyed m²");
	summary_col(t, 0.07, T_RIGHT, "Passing all");
	for (int q = 0; q < p->nrules; q++) {
		if (d->rule_used[q]) {
			const char *key = hm_metric_info(p->rules[q].metric)->key;

			rep_rule_text(&p->rules[q], rb, sizeof(rb));
			snprintf(h, sizeof(h), "%s\n%s", key, rep_rule_threshold(rb, key));
			summary_col(t, rest / (nrules ? nrules : 1), T_RIGHT, h);
		} else {
			rtext_addf(&t->unmeasured, "%s%s", rtext_empty(&t->unmeasured) ? "" : "; ",
				   rep_rule_text(&p->rules[q], rb, sizeof(rb)));
		}
	}
	if (nrules == 0)
		t->cols[t->n - 1].w += rest;
	summary_col(t, 0.09, T_RIGHT, "Not-spots n / m²");
	summary_col(t, 0.07, T_RIGHT, "Worst");
}

static void summary_row(struct rep *r, const struct hm_area_stats *st, double worst,
			bool no_signal, const char *floor, int row)
{
	const struct rep_data *d = r->d;
	char cells[SUMMARY_COLS][64];
	const char *cp[SUMMARY_COLS];
	int k = 0;

	snprintf(cells[k++], 64, "%s", st->name);
	snprintf(cells[k++], 64, "%s", floor);
	snprintf(cells[k++], 64, "%.0f", st->area_m2);
	snprintf(cells[k++], 64, "%.0f (%.0f%%)", st->surveyed_m2, rep_pct(st->surveyed_m2, st->area_m2));
	rep_fmt_pct(cells[k++], 64, rep_pct(st->pass_m2, st->surveyed_m2));
	for (int q = 0; q < d->prof.nrules; q++)
		if (d->rule_used[q])
			rep_fmt_pct(cells[k++], 64, rep_pct(st->rule_pass_m2[q], st->rule_measured_m2[q]));
	snprintf(cells[k++], 64, "%zu / %.1f", st->notspots, st->notspot_m2);
	rep_fmt_value(cells[k++], 64, worst, no_signal, d->prof.rules[0].metric);
	for (int j = 0; j < k; j++)
		cp[j] = cells[j];
	if (row > 0 && row % SUMMARY_ROWS_PER_PAGE == 0)
		rep_table_break(r);
	rep_table_row(r, cp, row);
}

/* One line per ward: its largest not-spot, or why there is none. */
static void summary_largest(struct rep *r)
{
	const struct rep_data *d = r->d;
	enum hm_metric m0 = d->prof.rules[0].metric;

	rep_heading(r, "Largest not-spot in each ward", 11);
	for (size_t i = 0; i < d->nfloors; i++) {
		for (size_t k = 0; k < d->floors[i].nwards; k++) {
			const struct rep_ward *wd = &d->floors[i].wards[k];
			const struct hm_notspot *big = wd->nnotspots ? wd->notspots[0].ns : NULL;
			char w[64];

			if (wd->st.surveyed_m2 <= 0) {
				rep_paraf(r, "%s: not surveyed.", wd->w->name);
				continue;
			}
			if (!big) {
				rep_paraf(r, "%s: no not-spot; %.0f%% of the surveyed area passes.",
					  wd->w->name, rep_pct(wd->st.pass_m2, wd->st.surveyed_m2));
				continue;
			}
			rep_fmt_value(w, sizeof(w), big->worst,
				      isnan(big->worst) && hm_metric_info(m0)->absent_fails, m0);
			rep_paraf(r, "%s: %.1f m² centred at (%.1f, %.1f) m, worst %s %s; %.0f%% of the "
				     "surveyed area passes.",
				  wd->w->name, big->area_m2, big->centroid.x, big->centroid.y,
				  hm_metric_info(m0)->key, w, rep_pct(wd->st.pass_m2, wd->st.surveyed_m2));
		}
	}
}

static void page_summary(struct rep *r)
{
	const struct rep_data *d = r->d;
	struct summary t;
	int row = 0;

	rep_page_begin(r, true);
	rep_heading(r, "Summary by ward", 16);
	rep_paraf(r, "Judged against the %s profile. \"Surveyed\" is the ward's area within %.0f m of a "
		     "sample and not cut off from it by walls; every percentage below is a share of the "
		     "surveyed area. \"Passing\" means every rule of the profile that could be judged "
		     "there is met. A not-spot is a connected failing area of at least %.0f m². "
		     "Worst: the lowest %s over the surveyed area.",
		  d->prof.name, reach(d), 1.0, hm_metric_info(d->prof.rules[0].metric)->label);
	summary_columns(d, &t);
	rep_table_begin(r, t.cols, t.n, t.hp);
	for (size_t i = 0; i < d->nfloors; i++) {
		const struct rep_floor *f = &d->floors[i];

		for (size_t k = 0; k < f->nwards; k++)
			summary_row(r, &f->wards[k].st, f->wards[k].worst, f->wards[k].no_signal,
				    f->fp->name, row++);
		summary_row(r, &f->st, f->worst, f->no_signal, f->fp->name, row++);
	}
	rep_table_end(r);
	if (!rtext_empty(&t.unmeasured))
		rep_paraf(r, "Not measured in this survey, so not judged anywhere (no samples of that "
			     "kind were taken): %s. A later survey with throughput and latency tests is "
			     "needed to show these.",
			  rtext_str(&t.unmeasured));
	rtext_release(&t.unmeasured);
	rep_para(r, "n/m: not measured. \"whole floor\" rows cover every ward of the floor, "
		    "including wards left out of the per-ward pages. A not-spot that straddles a ward "
		    "boundary is one not-spot in the whole-floor row and a part in each ward's row, so "
		    "the ward rows can add up to more not-spots than the floor has.");
	r->y += 4;
	summary_largest(r);
}

/* ---- maps ------------------------------------------------------------------------- */

static const char *metric_caption(enum hm_metric m)
{
	switch (m) {
	case HM_M_PRIMARY:
		return "the strongest access point a device could use at each place";
	case HM_M_SECONDARY:
		return "the second strongest physical access point on the same SSID: where a "
		       "device can roam to, or fall back on, when the first is busy or lost";
	case HM_M_SNR:
		return "the primary signal above the noise on its channel";
	case HM_M_COCHANNEL:
		return "the strongest other access point on the primary's channel, relative to the "
		       "primary: closer to 0 dB means more interference";
	case HM_M_APS:
		return "how many physical access points are heard at the counting level";
	case HM_M_RTT:
		return "measured round-trip time";
	default:
		return "";
	}
}

static void draw_map(struct rep *r, const struct hm_map *m, size_t floor, int metric, double w,
		     double u, double maxh, bool path)
{
	const struct rep_data *d = r->d;
	const struct rep_floor *f = &d->floors[floor];
	struct hm_render_opts ro;
	double dw, dh, x;

	(void)u;
	hm_render_opts_default(&ro);
	ro.metric = metric;
	ro.set = &f->set;
	ro.show_aps = true;
	ro.show_path = path;
	ro.drawing = r->drawings[floor].surface;
	ro.site = d->meta.site;
	ro.floor = f->fp->name;
	ro.band = d->o->band >= 0 ? hm_band_name(d->o->band) : NULL;
	ro.surveyor = d->meta.surveyor;
	ro.in_report = true;
	hm_render_size(m, &ro, w, maxh, 1, &dw, &dh);
	x = MARGIN + (rep_body_w(r) - dw) / 2;
	if (!r->dry) {
		cairo_save(r->cr);
		cairo_translate(r->cr, x, r->y);
		hm_render_draw(r->cr, m, &ro, w, maxh, 1);
		cairo_restore(r->cr);
		cairo_set_source_rgb(r->cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(r->cr, 0.5);
		cairo_rectangle(r->cr, x, r->y, dw, dh);
		cairo_stroke(r->cr);
	}
	r->y += dh + 8;
}

static void page_floor(struct rep *r, size_t i)
{
	const struct rep_floor *f = &r->d->floors[i];
	char buf[256];

	rep_page_begin(r, true);
	snprintf(buf, sizeof(buf), "%s — overview: where the %s profile passes and fails", f->fp->name,
		 r->d->prof.name);
	rep_heading(r, buf, 13);
	draw_map(r, &f->map, i, -1, rep_body_w(r), 0.62, rep_bottom(r) - r->y - 30, true);
	rep_paraf(r, "The whole floor, judged cell by cell (%.2f m cells). The line is the walked path. "
		     "Numbers mark the not-spots of the whole floor, largest first; each ward's page "
		     "numbers its own.",
		  f->map.grid.cell_m);
}

/* ---- a ward ----------------------------------------------------------------------- */

/* The ward's figures: one sentence, then a row per rule. */
static void ward_figures(struct rep *r, const struct rep_ward *wd)
{
	static const struct col rc[] = { { 0.40, 0 }, { 0.20, T_RIGHT }, { 0.20, T_RIGHT }, { 0.20, T_RIGHT } };
	const struct hm_profile *p = &r->d->prof;
	const struct hm_area_stats *st = &wd->st;
	char a[64], b[64], c[64], rb[96], w[96];

	rep_fmt_value(w, sizeof(w), wd->worst, wd->no_signal, p->rules[0].metric);
	rep_paraf(r, "%s %.0f m² of %.0f m² (%.0f%%). %.0f%% of the surveyed area meets "
		     "every rule of the %s profile; %zu not-spot%s cover%s %.1f m². Worst %s: %s.",
		  r->d->o->predict ? "Surveyed or PREDICTED:" : "Surveyed", st->surveyed_m2,
		  st->area_m2, rep_pct(st->surveyed_m2, st->area_m2),
		  rep_pct(st->pass_m2, st->surveyed_m2), p->name, st->notspots,
		  st->notspots == 1 ? "" : "s", st->notspots == 1 ? "s" : "", st->notspot_m2,
		  hm_metric_info(p->rules[0].metric)->label, w);
	rep_table_begin(r, rc, 4, (const char *const[]){ "Rule", "Judged over m²", "Passing m²",
							"Passing" });
	for (int q = 0; q < p->nrules; q++) {
		rep_rule_text(&p->rules[q], rb, sizeof(rb));
		if (st->rule_measured_m2[q] > 0) {
			snprintf(a, sizeof(a), "%.0f", st->rule_measured_m2[q]);
			snprintf(b, sizeof(b), "%.0f", st->rule_pass_m2[q]);
		} else {
			snprintf(a, sizeof(a), "not measured");
			snprintf(b, sizeof(b), "—");
		}
		rep_fmt_pct(c, sizeof(c), rep_pct(st->rule_pass_m2[q], st->rule_measured_m2[q]));
		rep_table_row(r, (const char *const[]){ rb, a, b, c }, q);
	}
	rep_table_end(r);
}

/* One row of the not-spot table. */
static void notspot_row(struct rep *r, const struct rep_notspot *n, int row)
{
	const struct hm_profile *p = &r->d->prof;
	const struct hm_notspot *s = n->ns;
	enum hm_metric m = p->rules[n->rule].metric;
	char num[24], at[112], area[32], val[48], worst[96], ap[96], rb[96];
	struct rtext fails;

	snprintf(num, sizeof(num), "%zu", n->number);
	snprintf(at, sizeof(at), "%s (%.1f, %.1f)", s->ward, s->centroid.x, s->centroid.y);
	snprintf(area, sizeof(area), "%.1f", s->area_m2);
	/* The worst value of the first rule it fails, named: "secondary −72 dBm". */
	rep_fmt_value(val, sizeof(val), n->worst, n->no_signal, m);
	snprintf(worst, sizeof(worst), "%s %s", hm_metric_info(m)->key, val);
	rtext_init(&fails);
	for (int q = 0; q < p->nrules; q++)
		if (s->rules & (1u << q))
			rtext_addf(&fails, "%s%s", rtext_empty(&fails) ? "" : "; ",
				   rep_rule_text(&p->rules[q], rb, sizeof(rb)));
	if (n->ap)
		snprintf(ap, sizeof(ap), "%s (%.0f m)", n->ap, n->ap_m);
	else
		snprintf(ap, sizeof(ap), "(none estimated)");
	rep_table_row(r, (const char *const[]){ num, at, area, worst, rtext_str(&fails), ap }, row);
	rtext_release(&fails);
}

static void ward_notspots(struct rep *r, const struct rep_ward *wd)
{
	static const struct col nc[] = { { 0.04, T_RIGHT }, { 0.17, 0 }, { 0.08, T_RIGHT },
					 { 0.15, T_RIGHT }, { 0.32, 0 }, { 0.24, 0 } };

	rep_heading(r, "Not-spots", 12);
	if (wd->nnotspots == 0) {
		rep_para(r, wd->st.surveyed_m2 > 0 ? "None: no connected failing area of 1 m² or more in the "
						     "surveyed part of this ward."
						   : "None listed: the ward was not surveyed.");
		return;
	}
	rep_table_begin(r, nc, 6, (const char *const[]){ "#", "Ward, centre (x, y) m", "Area m²",
							"Worst value", "Fails", "Nearest AP (estimated place)" });
	for (size_t k = 0; k < wd->nnotspots; k++)
		notspot_row(r, &wd->notspots[k], (int)k);
	rep_table_end(r);
	rep_para(r, "Numbers as on the pass/fail map above. Positions are metres from the floor's "
		    "origin (top-left of the plan). Nearest AP: the access point whose place the "
		    "estimate fitted closest (by the name it broadcasts), with the distance.");
}

static void page_ward(struct rep *r, size_t floor, const struct rep_ward *wd)
{
	const struct rep_floor *f = &r->d->floors[floor];
	char buf[512];

	rep_page_begin(r, false);
	snprintf(buf, sizeof(buf), "%s — %s", wd->w->name, f->fp->name);
	rep_heading(r, buf, 16);
	if (wd->st.surveyed_m2 <= 0) {
		rep_paraf(r, "NOT SURVEYED. No sample was taken within %.0f m of any part of this ward "
			     "(%.0f m²), so nothing is known about its coverage. It is neither passing nor "
			     "failing.",
			  reach(r->d), wd->st.area_m2);
	} else {
		ward_figures(r, wd);
		draw_map(r, &wd->map, floor, -1, rep_body_w(r), 0.42, 330, false);
	}
	ward_notspots(r, wd);
}

static void page_ward_map(struct rep *r, size_t floor, const struct rep_ward *wd, enum hm_metric m)
{
	const struct hm_metric_info *mi = hm_metric_info(m);
	const struct hm_profile *p = &r->d->prof;
	char buf[512], rb[96];
	struct rtext rules;

	rtext_init(&rules);
	for (int q = 0; q < p->nrules; q++)
		if (p->rules[q].metric == m)
			rtext_addf(&rules, "%s%s", rtext_empty(&rules) ? "" : "; ",
				   rep_rule_text(&p->rules[q], rb, sizeof(rb)));
	rep_page_begin(r, true);
	snprintf(buf, sizeof(buf), "%s — %s (%s)", wd->w->name, mi->label, mi->unit);
	rep_heading(r, buf, 13);
	draw_map(r, &wd->map, floor, (int)m, rep_body_w(r), 0.62, rep_bottom(r) - r->y - 30,
		 m == HM_M_PRIMARY);
	if (!rtext_empty(&rules))
		rep_paraf(r, "%s: %s. Outlined and hatched: where it fails %s. Grey hatching: not "
			     "surveyed.",
			  mi->label, metric_caption(m), rtext_str(&rules));
	else
		rep_paraf(r, "%s: %s. Shown for context (no rule of the %s profile judges it). Grey "
			     "hatching: not surveyed.",
			  mi->label, metric_caption(m), p->name);
	rtext_release(&rules);
}

/* ---- method and appendix ----------------------------------------------------------- */

static void method_measured(struct rep *r)
{
	const struct rep_data *d = r->d;

	rep_heading(r, "How it was measured", 11);
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
	rep_heading(r, "How the maps were estimated", 11);
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
	rep_heading(r, "What \"not surveyed\" means", 11);
	rep_paraf(r, "A cell is not surveyed when no sample was taken within %.0f m of it, or when every "
		     "sample that near is separated from it by more than %.0f dB of walls (a side room "
		     "behind a lead-lined or concrete wall is not vouched for by a corridor reading). "
		     "Not-surveyed cells are drawn grey and hatched, are never coloured as passing, and "
		     "are left out of every percentage: they are unknown, not covered.%s",
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

	rep_heading(r, "Requirements and their sources", 11);
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

static void page_method(struct rep *r)
{
	rep_page_begin(r, false);
	rep_heading(r, "Method", 16);
	method_measured(r);
	method_estimated(r);
	method_requirements(r);
	rep_heading(r, "Not-spots and areas", 11);
	rep_para(r, "A not-spot is a connected set of failing cells (sharing an edge) of at least 1 m²; "
		    "smaller specks are more likely estimation noise than a place. Its area is its cell "
		    "count times the cell area, its centre the mean of its cells, its ward the ward "
		    "holding most of it. Areas of wards are counted on the grid, so they can differ from "
		    "the drawn polygon by a fraction of a cell along the edges.");
	rep_heading(r, "Accuracy", 11);
	rep_para(r, "Estimated maps are about 2–3 dB from the truth near the walked path and less "
		    "certain away from it (DOMAIN.md, Propagation). A margin of a few dB around a "
		    "threshold should therefore be read as uncertain; rooms that matter should be walked.");
}

/* The appendix row of AP @ap: its BSSIDs, SSIDs and channels, each once, in the order heard. */
static void ap_row(struct rep *r, const struct hm_set *set, const struct rep_ap *ap, int row)
{
	struct rtext bssids, ssids, channels;
	char mac[24], ch[16], best[32];

	rtext_init(&bssids);
	rtext_init(&ssids);
	rtext_init(&channels);
	for (size_t b = 0; b < set->nbss; b++) {
		const struct hm_bss *bs = &set->bss[b];

		if (set->radios[bs->radio].phys != ap->phys)
			continue;
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", bs->bssid[0], bs->bssid[1],
			 bs->bssid[2], bs->bssid[3], bs->bssid[4], bs->bssid[5]);
		rtext_add_unique(&bssids, mac);
		rtext_add_unique(&ssids, bs->hidden || !bs->ssid[0] ? "(hidden)" : bs->ssid);
		snprintf(ch, sizeof(ch), "%d", bs->channel);
		rtext_add_unique(&channels, ch);
	}
	rep_fmt_value(best, sizeof(best), isinf(ap->best) ? NAN : ap->best, false, HM_M_PRIMARY);
	rep_table_row(r, (const char *const[]){ ap->name, rtext_str(&bssids), rtext_str(&ssids),
						rtext_str(&channels), best },
		      row);
	rtext_release(&bssids);
	rtext_release(&ssids);
	rtext_release(&channels);
}

static void page_appendix(struct rep *r)
{
	static const struct col c[] = { { 0.17, 0 }, { 0.35, 0 }, { 0.27, 0 }, { 0.09, 0 },
					{ 0.12, T_RIGHT } };
	const struct rep_data *d = r->d;
	char buf[128];
	int row = 0;

	rep_page_begin(r, false);
	rep_heading(r, "Appendix: access points heard", 16);
	rep_para(r, "Every physical access point heard on the reported floors, by the name it "
		    "broadcasts (or its MAC with the last digit open when it sends none), with each "
		    "BSSID, SSID and channel, and the strongest fresh reading taken.");
	for (size_t i = 0; i < d->nfloors; i++) {
		const struct rep_floor *f = &d->floors[i];

		snprintf(buf, sizeof(buf), "%s: %zu access points, %zu BSSIDs", f->fp->name,
			 f->set.nphys, f->set.nbss);
		rep_heading(r, buf, 11);
		rep_table_begin(r, c, 5, (const char *const[]){ "Name", "BSSIDs", "SSIDs", "Channels",
							       "Strongest" });
		for (size_t k = 0; k < f->naps; k++)
			ap_row(r, &f->set, &f->aps[k], row++);
		rep_table_end(r);
	}
}

void rep_lay_out(struct rep *r)
{
	const struct rep_data *d = r->d;

	r->page = 0;
	page_cover(r);
	page_walks(r);
	page_summary(r);
	for (size_t i = 0; i < d->nfloors; i++) {
		const struct rep_floor *f = &d->floors[i];

		page_floor(r, i);
		for (size_t k = 0; k < f->nwards; k++) {
			page_ward(r, i, &f->wards[k]);
			if (f->wards[k].st.surveyed_m2 > 0)
				for (size_t j = 0; j < f->wards[k].nmaps; j++)
					page_ward_map(r, i, &f->wards[k], f->wards[k].maps[j]);
		}
	}
	page_method(r);
	page_appendix(r);
	cairo_show_page(r->cr);
}
