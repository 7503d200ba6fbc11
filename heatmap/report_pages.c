/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_pages.c — the evidence report's front pages (report.h has their
 * order), drawn from what report_data.c gathered through the page machinery
 * of report_layout.c: the cover, the executive summary with each floor's
 * overview map, the summary by ward with what needs action, and a page per
 * ward (with --detail, its metric maps). The method and the appendix are in
 * report_back.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/render.h"
#include "heatmap/report_priv.h"
#include "util/version.h"

#define SUMMARY_ROWS_PER_PAGE 20
#define SURVEYED_ENOUGH 0.9   /* a ward surveyed less than this is "still to survey" */
#define ASKS_LISTED 5         /* not-spots named in "what needs action" */

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

/* ---- cover ------------------------------------------------------------------------ */

/* The trust's logo in the top right corner, at most 150 × 60 pt. */
static void cover_logo(struct rep *r)
{
	cairo_surface_t *logo = r->d->tpl->logo;
	double w, h, k;

	if (!logo || r->dry)
		return;
	w = cairo_image_surface_get_width(logo);
	h = cairo_image_surface_get_height(logo);
	if (!(w > 0 && h > 0))
		return;
	k = fmin(150 / w, 60 / h);
	rep_tag_begin(r, "Figure");
	cairo_save(r->cr);
	cairo_translate(r->cr, r->W - MARGIN - w * k, MARGIN + 8);
	cairo_scale(r->cr, k, k);
	cairo_set_source_surface(r->cr, logo, 0, 0);
	cairo_paint(r->cr);
	cairo_restore(r->cr);
	rep_tag_end(r, "Figure");
}

static void cover_title(struct rep *r)
{
	const struct rep_data *d = r->d;
	const struct hm_report_template *t = d->tpl;
	const char *org = t->organisation[0] ? t->organisation : d->meta.organisation;
	double x = MARGIN, w = rep_body_w(r);

	cover_logo(r);
	r->y = 120;
	rep_bookmark(r, 0, "Cover");
	rep_tag_begin(r, "H1");
	r->y += rep_txt(r, x, r->y, w, t->title[0] ? t->title : "Wi-Fi coverage evidence report", 24,
			T_BOLD) +
		8;
	rep_tag_end(r, "H1");
	rep_tag_begin(r, "P");
	r->y += rep_txt(r, x, r->y, w, d->meta.site[0] ? d->meta.site : d->survey_name, 16, 0) + 4;
	if (org[0])
		r->y += rep_txt(r, x, r->y, w, org, 11, T_GREY) + 4;
	rep_tag_end(r, "P");
	r->y += 16;
	if (d->simulated) {
		double h = rep_txt_height(r, w - 20, simulated_note, 10, T_BOLD);

		if (!r->dry) {
			cairo_rectangle(r->cr, x, r->y, w, h + 16);
			cairo_set_source_rgb(r->cr, 0.9, 0.9, 0.9);
			cairo_fill_preserve(r->cr);
			cairo_set_source_rgb(r->cr, 0, 0, 0);
			cairo_set_line_width(r->cr, 1.5);
			cairo_stroke(r->cr);
		}
		rep_tag_begin(r, "P");
		rep_txt(r, x + 10, r->y + 8, w - 20, simulated_note, 10, T_BOLD);
		rep_tag_end(r, "P");
		r->y += h + 28;
	}
}

/* One row of the cover's key / value table. */
static void kv(struct rep *r, int *k, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void kv(struct rep *r, int *k, const char *key, const char *fmt, ...)
{
	struct strbuf t = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&t, fmt, ap);
	va_end(ap);
	r->oom |= strbuf_failed(&t);
	rep_table_row(r, (const char *const[]){ key, t.buf }, (*k)++);
	strbuf_release(&t);
}

/* What was surveyed, when, by whom, with what, against what. */
static void cover_facts(struct rep *r)
{
	static const struct col c[] = { { 0.26, 0 }, { 0.74, 0 } };
	const struct rep_data *d = r->d;
	const struct hm_report_template *t = d->tpl;
	const struct rep_provenance *pv = &d->prov;
	const struct hm_report_opts *o = d->o;
	char a[64], b[64];
	int k = 0;

	rep_day(pv->first_us, a, sizeof(a));
	rep_day(pv->last_us, b, sizeof(b));
	rep_table_begin(r, c, 2, (const char *const[]){ "Survey", d->survey_name });
	if (t->reference[0])
		kv(r, &k, "Document reference", "%s", t->reference);
	if (t->classification[0])
		kv(r, &k, "Classification", "%s", t->classification);
	kv(r, &k, "Site", "%s", d->meta.site[0] ? d->meta.site : "(not given)");
	kv(r, &k, "Floors", "%s", pv->floors.buf);
	kv(r, &k, "Wards", "%s", pv->wards.len ? pv->wards.buf : "(the floor has no wards)");
	if (strcmp(a, b) == 0)
		kv(r, &k, "Survey dates", "%s (%zu walks)", a, d->nwalks);
	else
		kv(r, &k, "Survey dates", "%s to %s (%zu walks)", a, b, d->nwalks);
	kv(r, &k, "Surveyor", "%s%s%s", d->meta.surveyor[0] ? d->meta.surveyor : "(not given)",
	   pv->operators.len ? "; walked by " : "", pv->operators.buf);
	if (t->author[0])
		kv(r, &k, "Author", "%s", t->author);
	kv(r, &k, "Equipment", "%s", pv->equipment.len ? pv->equipment.buf : "(no walks)");
	kv(r, &k, "Software", "notspot %s (survey file created by %s)", NOTSPOT_VERSION,
	   d->meta.created_by[0] ? d->meta.created_by : "unknown");
	kv(r, &k, "Requirement profile", "%s — %s. Rules: %s. Source: %s", d->prof.name,
	   d->prof.description, pv->rules.buf, d->prof.source);
	if (o->ssid || o->band >= 0)
		kv(r, &k, "Filter", "%s%s%s%s", o->ssid ? "SSID " : "", o->ssid ? o->ssid : "",
		   o->ssid && o->band >= 0 ? ", " : "", o->band >= 0 ? hm_band_name(o->band) : "");
	if (d->has_device)
		kv(r, &k, "Device offset", "every signal is judged as %s hears it: %s", d->device.name,
		   d->device_text);
	kv(r, &k, "Report date", "%s", d->date);
	rep_table_end(r);
}

/* The reviewer's sign-off block: name, role, date, and a line to sign on. */
static void cover_signoff(struct rep *r)
{
	const struct hm_report_template *t = r->d->tpl;
	static const struct col c[] = { { 0.26, 0 }, { 0.74, 0 } };
	int k = 0;

	if (!t->reviewer)
		return;
	r->y += 4;
	rep_title(r, 1, "Sign-off", "Reviewed and approved for issue");
	rep_table_begin(r, c, 2, (const char *const[]){ "Reviewer", t->reviewer_name });
	kv(r, &k, "Role", "%s", t->reviewer_role[0] ? t->reviewer_role : " ");
	kv(r, &k, "Date", "%s", t->reviewer_date[0] ? t->reviewer_date : " ");
	kv(r, &k, "Signature", "%s", "\n\n ");
	rep_table_end(r);
}

void rep_page_cover(struct rep *r)
{
	const struct rep_data *d = r->d;

	rep_page_begin(r, false);
	cover_title(r);
	cover_facts(r);
	if (d->meta.notes[0])
		rep_paraf(r, "Notes recorded with the survey: %s", d->meta.notes);
	if (d->o->predict)
		rep_para(r, "PREDICTED: cells beyond the reach of the samples are judged by the model's "
			    "estimate in this report. They are not measurements.");
	cover_signoff(r);
}

/* ---- maps on a page ------------------------------------------------------------------- */

/* The pass/fail (@metric -1) or metric map of floor @floor (of @ward only, when not NULL). */
static void draw_map(struct rep *r, size_t floor, const char *ward, int metric, double maxh,
		     bool path)
{
	struct hm_render_opts ro;

	rep_map_opts(r, floor, &ro);
	ro.metric = metric;
	ro.show_path = path;
	ro.crop_ward = ward;
	rep_draw_map_with(r, floor, &ro, maxh);
}

void rep_draw_map_with(struct rep *r, size_t floor, struct hm_render_opts *ro, double maxh)
{
	const struct rep_floor *f = &r->d->floors[floor];
	struct hm_render_info info;
	double dw, dh, x;

	ro->info = &info;
	hm_render_size(&f->map, ro, rep_body_w(r), maxh, 1, &dw, &dh);
	x = MARGIN + (rep_body_w(r) - dw) / 2;
	if (!r->dry) {
		rep_tag_begin(r, "Figure");
		cairo_save(r->cr);
		cairo_translate(r->cr, x, r->y);
		hm_render_draw(r->cr, &f->map, ro, rep_body_w(r), maxh, 1);
		cairo_restore(r->cr);
		rep_tag_end(r, "Figure");
		cairo_set_source_rgb(r->cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(r->cr, 0.5);
		cairo_rectangle(r->cr, x, r->y, dw, dh);
		cairo_stroke(r->cr);
		if (r->legend_type_min == 0 || info.legend_type_min < r->legend_type_min)
			r->legend_type_min = info.legend_type_min;
		if (r->type_min == 0 || info.type_min < r->type_min)
			r->type_min = info.type_min;
	}
	r->y += dh + 6;
}

/* "secondary ≥ −67 dBm, worst −74 dBm": the rule a not-spot fails most and its worst value. */
static void notspot_fails(const struct rep_data *d, const struct hm_notspot *s, char *buf,
			  size_t len)
{
	char rb[96], v[48];

	if (s->rule < 0) {
		snprintf(buf, len, "fails the profile");
		return;
	}
	rep_rule_text(&d->prof.rules[s->rule], rb, sizeof(rb));
	rep_fmt_value(v, sizeof(v), s->worst, s->no_signal, d->prof.rules[s->rule].metric);
	if (s->no_signal)
		snprintf(buf, len, "fails %s, with nothing heard at all in places", rb);
	else
		snprintf(buf, len, "fails %s, worst %s", rb, v);
}

/* ---- executive summary ---------------------------------------------------------------- */

/* The headline of floor @f: surveyed, passing, its not-spots and the largest. */
static void floor_headline(struct rep *r, const struct rep_floor *f)
{
	const struct rep_data *d = r->d;
	const struct hm_area_stats *st = &f->st;
	const struct hm_notspots *ns = &f->map.notspots;
	char sv[16], pass[16], fails[200];

	rep_fmt_share(sv, sizeof(sv), st->surveyed_m2, st->area_m2);
	rep_fmt_share(pass, sizeof(pass), st->pass_m2, st->surveyed_m2);
	if (!ns->n) {
		rep_paraf(r, "%s: %.0f of %.0f m² surveyed (%s). %s of the surveyed area meets every "
			     "rule of the %s profile; no not-spot was found.",
			  f->fp->name, st->surveyed_m2, st->area_m2, sv, pass, d->prof.name);
		return;
	}
	notspot_fails(d, &ns->v[0], fails, sizeof(fails));
	rep_paraf(r, "%s: %.0f of %.0f m² surveyed (%s). %s of the surveyed area meets every rule "
		     "of the %s profile; %zu not-spot%s cover%s %.0f m². The largest, number 1, is "
		     "%.0f m² in %s and %s.",
		  f->fp->name, st->surveyed_m2, st->area_m2, sv, pass, d->prof.name, ns->n,
		  ns->n == 1 ? "" : "s", ns->n == 1 ? "s" : "", st->notspot_m2, ns->v[0].area_m2,
		  ns->v[0].ward[0] ? ns->v[0].ward : "no ward", fails);
}

/* The render options every map of floor @floor in the report shares. */
void rep_map_opts(const struct rep *r, size_t floor, struct hm_render_opts *ro)
{
	const struct rep_data *d = r->d;
	const struct rep_floor *f = &d->floors[floor];

	hm_render_opts_default(ro);
	ro->metric = -1;
	ro->set = &f->set;
	ro->show_aps = true;
	ro->show_path = true;
	ro->drawing = r->drawings[floor].surface;
	ro->site = d->meta.site;
	ro->floor = f->fp->name;
	ro->band = d->o->band >= 0 ? hm_band_name(d->o->band) : NULL;
	ro->surveyor = d->meta.surveyor;
	ro->simulated = d->simulated;
	ro->north_deg = f->north_deg;
	ro->in_report = true;
}

/* Every level of building @b on one sheet, highest first, with one legend. */
static void draw_building(struct rep *r, const struct rep_building *b, double maxh)
{
	const struct rep_data *d = r->d;
	struct hm_level *lv = calloc(b->n + 1, sizeof(*lv));
	struct hm_render_info info;
	struct hm_render_opts ro;
	double dw, dh, x;

	if (!lv) {
		r->oom = true;
		return;
	}
	for (size_t k = 0; k < b->n; k++) {
		const struct rep_floor *f = &d->floors[b->floors[k]];

		lv[k] = (struct hm_level){ &f->map, &f->set, r->drawings[b->floors[k]].surface,
					   f->fp->name };
	}
	rep_map_opts(r, b->floors[0], &ro);
	ro.show_aps = false; /* the levels are small: APs are named on the ward pages */
	ro.info = &info;
	hm_render_building_size(lv, b->n, &ro, b->name, rep_body_w(r), maxh, 1, &dw, &dh);
	x = MARGIN + (rep_body_w(r) - dw) / 2;
	if (!r->dry) {
		memset(&info, 0, sizeof(info));
		rep_tag_begin(r, "Figure");
		cairo_save(r->cr);
		cairo_translate(r->cr, x, r->y);
		hm_render_building_draw(r->cr, lv, b->n, &ro, b->name, rep_body_w(r), maxh, 1);
		cairo_restore(r->cr);
		rep_tag_end(r, "Figure");
		cairo_set_source_rgb(r->cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(r->cr, 0.5);
		cairo_rectangle(r->cr, x, r->y, dw, dh);
		cairo_stroke(r->cr);
		if (info.legend_type_min > 0 &&
		    (r->legend_type_min == 0 || info.legend_type_min < r->legend_type_min))
			r->legend_type_min = info.legend_type_min;
	}
	r->y += dh + 6;
	free(lv);
}

/* The executive summary of building @k: each level's headline and the overview. */
static void page_overview(struct rep *r, size_t k)
{
	const struct rep_data *d = r->d;
	const struct rep_building *b = &d->buildings[k];
	const struct rep_floor *top = &d->floors[b->floors[0]];
	char buf[256];

	rep_page_begin(r, true);
	if (k == 0)
		rep_bookmark(r, 0, "Executive summary");
	if (b->n > 1 || d->nbuildings > 1)
		snprintf(buf, sizeof(buf), "%s — overview", b->name[0] ? b->name : "Building");
	else
		snprintf(buf, sizeof(buf), "%s — overview", top->fp->name);
	rep_bookmark(r, 1, buf);
	snprintf(buf, sizeof(buf), "Executive summary%s%s", d->nbuildings > 1 ? " — " : "",
		 d->nbuildings > 1 ? b->name : "");
	rep_tag_begin(r, "H1");
	rep_heading(r, buf, 16);
	rep_tag_end(r, "H1");
	for (size_t i = 0; i < b->n; i++)
		floor_headline(r, &d->floors[b->floors[i]]);
	if (b->n == 1)
		draw_map(r, b->floors[0], NULL, -1, rep_bottom(r) - r->y - 34, true);
	else
		draw_building(r, b, rep_bottom(r) - r->y - 34);
	rep_paraf(r, "Where the %s profile passes and fails%s%s, cell by cell (%.2f m cells); the "
		     "line is the walked path. Numbers mark the not-spots of each level, largest first: "
		     "the same numbers are used on every page of this report and by `notspot stats`.",
		  d->prof.name, b->n > 1 ? ", level by level, highest first" : " on ",
		  b->n > 1 ? "" : top->fp->name, top->map.grid.cell_m);
}

/* ---- summary by ward -------------------------------------------------------------------- */

#define SUMMARY_COLS (HM_MAX_RULES + 8)

/* The summary table's columns: fixed ones, one per rule measured somewhere, then not-spots and worst. */
struct summary {
	struct col cols[SUMMARY_COLS];
	char head[SUMMARY_COLS][208];
	const char *hp[SUMMARY_COLS];
	int n;
	struct strbuf unmeasured;   /* the rules measured nowhere */
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
	strbuf_init(&t->unmeasured, 0);
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
			strbuf_addf(&t->unmeasured, "%s%s", t->unmeasured.len ? "; " : "",
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
	char cells[SUMMARY_COLS][64], share[16];
	const char *cp[SUMMARY_COLS];
	int k = 0;

	snprintf(cells[k++], 64, "%s", st->name);
	snprintf(cells[k++], 64, "%s", floor);
	snprintf(cells[k++], 64, "%.0f", st->area_m2);
	rep_fmt_share(share, sizeof(share), st->surveyed_m2, st->area_m2);
	snprintf(cells[k++], 64, "%.0f (%s)", st->surveyed_m2, share);
	rep_fmt_share(cells[k++], 64, st->pass_m2, st->surveyed_m2);
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

/* The rooms not-spot @k of floor @f lies in ("" when the drawing names none). */
static const char *rooms_of(const struct rep_floor *f, size_t k)
{
	return f->ns_rooms ? f->ns_rooms[k] : "";
}

/* The not-spots to fix: the largest few on every floor, named by rule and place. */
static void asks_fix(struct rep *r)
{
	const struct rep_data *d = r->d;
	size_t n = 0, listed = 0;
	double m2 = 0;
	char fails[200];

	for (size_t i = 0; i < d->nfloors; i++) {
		n += d->floors[i].map.notspots.n;
		m2 += d->floors[i].st.notspot_m2;
	}
	if (!n) {
		rep_para(r, "Coverage to fix: none. No not-spot was found in the surveyed area.");
		return;
	}
	rep_paraf(r, "Coverage to fix: %zu not-spot%s, %.0f m² in all%s", n, n == 1 ? "" : "s", m2,
		  n > ASKS_LISTED ? "; the largest:" : ":");
	for (size_t i = 0; i < d->nfloors; i++) {
		const struct rep_floor *f = &d->floors[i];
		const struct hm_notspots *ns = &f->map.notspots;

		for (size_t k = 0; k < ns->n && listed < ASKS_LISTED; k++, listed++) {
			const char *rooms = rooms_of(f, k);

			notspot_fails(d, &ns->v[k], fails, sizeof(fails));
			rep_paraf(r, "    • Number %zu%s%s: %.0f m² in %s%s%s%s, %s.", k + 1,
				  d->nfloors > 1 ? " on " : "", d->nfloors > 1 ? f->fp->name : "",
				  ns->v[k].area_m2, ns->v[k].ward[0] ? ns->v[k].ward : "no ward",
				  rooms[0] ? " (" : "", rooms, rooms[0] ? ")" : "", fails);
		}
	}
	if (n > listed)
		rep_paraf(r, "    • %zu more on the ward pages.", n - listed);
}

/* The wards surveyed too little to judge: their coverage is unknown. */
static void asks_survey(struct rep *r)
{
	const struct rep_data *d = r->d;
	struct strbuf sb = STRBUF_INIT;
	char share[16];

	for (size_t i = 0; i < d->nfloors; i++)
		for (size_t k = 0; k < d->floors[i].nwards; k++) {
			const struct hm_area_stats *st = &d->floors[i].wards[k].st;

			if (!(st->surveyed_m2 < SURVEYED_ENOUGH * st->area_m2))
				continue;
			rep_fmt_share(share, sizeof(share), st->surveyed_m2, st->area_m2);
			if (st->surveyed_m2 > 0)
				strbuf_addf(&sb, "%s%s (%s surveyed)", sb.len ? "; " : "", st->name, share);
			else
				strbuf_addf(&sb, "%s%s: not surveyed", sb.len ? "; " : "", st->name);
		}
	if (d->unwalked.len)
		strbuf_addf(&sb, "%slevels nobody has walked yet: %s", sb.len ? "; " : "",
			    d->unwalked.buf);
	if (sb.len)
		rep_paraf(r, "Areas still to survey: %s. Coverage there is not known: it is neither "
			     "passing nor failing, and a walk through every room is needed before it "
			     "can be judged.",
			  sb.buf);
	else
		rep_para(r, "Areas still to survey: none; every ward was surveyed over at least 90% of "
			    "its area.");
	r->oom |= strbuf_failed(&sb);
	strbuf_release(&sb);
}

/* What the bid should ask for, from the figures alone. */
static void asks(struct rep *r, const struct strbuf *unmeasured)
{
	rep_title(r, 1, "What needs action", "What needs action");
	asks_fix(r);
	asks_survey(r);
	if (unmeasured->len)
		rep_paraf(r, "Not measured: %s. A survey with throughput and latency tests is needed "
			     "to judge these.",
			  unmeasured->buf);
	if (r->d->simulated)
		rep_para(r, "These figures come from simulated walks: survey the real building before "
			    "using them as evidence.");
}

static void page_summary(struct rep *r)
{
	const struct rep_data *d = r->d;
	struct summary t;
	int row = 0;

	rep_page_begin(r, true);
	rep_title(r, 0, "Summary by ward", "Summary by ward");
	rep_paraf(r, "Judged against the %s profile. \"Surveyed\" is the ward's area within %.0f m of a "
		     "sample and not cut off from it by walls; every percentage is a share of the "
		     "surveyed area. \"Passing\" means every rule that could be judged there is met. "
		     "Worst: the lowest %s over the surveyed area.",
		  d->prof.name, reach(d), hm_metric_info(d->prof.rules[0].metric)->label);
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
	rep_para(r, "n/m: not measured; n/a: nothing to share out. The \"whole floor\" row counts "
		    "every ward of the floor once, including wards left out of this report; a ward "
		    "counts every place inside its outline, so wards drawn inside other wards, and "
		    "not-spots that straddle two wards, count in each.");
	asks(r, &t.unmeasured);
	r->oom |= strbuf_failed(&t.unmeasured);
	strbuf_release(&t.unmeasured);
}

void rep_pages_summary(struct rep *r)
{
	for (size_t k = 0; k < r->d->nbuildings; k++)
		page_overview(r, k);
	page_summary(r);
}

/* ---- wards ------------------------------------------------------------------------------ */

/* The ward's figures in one paragraph, each rule's share in it. */
static void ward_figures(struct rep *r, const struct rep_ward *wd)
{
	const struct hm_profile *p = &r->d->prof;
	const struct hm_area_stats *st = &wd->st;
	struct strbuf rules = STRBUF_INIT, unmeasured = STRBUF_INIT;
	char sv[16], pass[16], c[16];

	for (int q = 0; q < p->nrules; q++) {
		const char *key = hm_metric_info(p->rules[q].metric)->key;

		if (st->rule_measured_m2[q] > 0) {
			rep_fmt_pct(c, sizeof(c), rep_pct(st->rule_pass_m2[q], st->rule_measured_m2[q]));
			strbuf_addf(&rules, "%s%s %s", rules.len ? ", " : "", key, c);
		} else {
			strbuf_addf(&unmeasured, "%s%s", unmeasured.len ? ", " : "", key);
		}
	}
	rep_fmt_share(sv, sizeof(sv), st->surveyed_m2, st->area_m2);
	rep_fmt_share(pass, sizeof(pass), st->pass_m2, st->surveyed_m2);
	rep_paraf(r, "%s %.0f m² of %.0f m² (%s). %s of the surveyed area meets every rule of the %s "
		     "profile; %zu not-spot%s cover%s %.1f m² of it. Passing by rule: %s%s%s.",
		  r->d->o->predict ? "Surveyed or PREDICTED:" : "Surveyed", st->surveyed_m2,
		  st->area_m2, sv, pass, p->name, st->notspots, st->notspots == 1 ? "" : "s",
		  st->notspots == 1 ? "s" : "", st->notspot_m2, rules.len ? rules.buf : "none judged",
		  unmeasured.len ? "; not measured: " : "", unmeasured.buf);
	r->oom |= strbuf_failed(&rules) || strbuf_failed(&unmeasured);
	strbuf_release(&rules);
	strbuf_release(&unmeasured);
}

/* One row of the not-spot table. */
static void notspot_row(struct rep *r, const struct rep_notspot *n, int row)
{
	const struct rep_data *d = r->d;
	const struct hm_notspot *s = n->ns;
	char num[24], where[260], area[48], fails[200], ap[96], rb[96], val[48];
	struct strbuf all = STRBUF_INIT;

	snprintf(num, sizeof(num), "%zu", n->number);
	snprintf(where, sizeof(where), "(%.1f, %.1f) m%s%s", s->centroid.x, s->centroid.y,
		 n->rooms[0] ? ": " : "", n->rooms);
	if (fabs(n->in_ward_m2 - s->area_m2) < 1e-6)
		snprintf(area, sizeof(area), "%.1f", s->area_m2);
	else
		snprintf(area, sizeof(area), "%.1f of %.1f", n->in_ward_m2, s->area_m2);
	if (s->rule >= 0) {
		rep_rule_text(&d->prof.rules[s->rule], rb, sizeof(rb));
		snprintf(fails, sizeof(fails), "%s", rb);
	} else {
		snprintf(fails, sizeof(fails), "the profile");
	}
	for (int q = 0; q < d->prof.nrules; q++)
		if ((s->rules & (1u << q)) && q != s->rule)
			strbuf_addf(&all, "%s%s", all.len ? "; " : "",
				    rep_rule_text(&d->prof.rules[q], rb, sizeof(rb)));
	if (all.len && strlen(fails) + all.len + 16 < sizeof(fails))
		snprintf(fails + strlen(fails), sizeof(fails) - strlen(fails), " (also %s)", all.buf);
	rep_fmt_value(val, sizeof(val), s->worst, s->no_signal,
		      s->rule >= 0 ? d->prof.rules[s->rule].metric : d->prof.rules[0].metric);
	if (n->ap)
		snprintf(ap, sizeof(ap), "%s (%.0f m)", n->ap, n->ap_m);
	else
		snprintf(ap, sizeof(ap), "(none estimated)");
	rep_table_row(r, (const char *const[]){ num, where, area, fails, val, ap }, row);
	strbuf_release(&all);
}

static void ward_notspots(struct rep *r, const struct rep_ward *wd)
{
	static const struct col nc[] = { { 0.04, T_RIGHT }, { 0.27, 0 }, { 0.10, T_RIGHT },
					 { 0.30, 0 },	    { 0.11, T_RIGHT }, { 0.18, 0 } };
	char buf[160];

	snprintf(buf, sizeof(buf), "Not-spots in %s", wd->w->name);
	if (r->y + 80 > rep_bottom(r)) /* the heading stays with its table */
		rep_page_begin(r, r->landscape);
	rep_tag_begin(r, "H2");
	rep_heading(r, buf, 11);
	rep_tag_end(r, "H2");
	if (wd->nnotspots == 0) {
		rep_para(r, wd->st.surveyed_m2 > 0 ? "None: no place of 1 m² or more in the surveyed part "
						     "of this ward fails."
						   : "None listed: the ward was not surveyed.");
		return;
	}
	rep_table_begin(r, nc, 6, (const char *const[]){ "#", "Centre, and the rooms it lies in",
							"m² here (of all)", "Fails (most of it first)",
							"Worst of it", "Nearest AP (estimated)" });
	for (size_t k = 0; k < wd->nnotspots; k++)
		notspot_row(r, &wd->notspots[k], (int)k);
	rep_table_end(r);
}

/* Ward @wd's page; the "Wards" section begins on the first. */
static void page_ward(struct rep *r, size_t floor, const struct rep_ward *wd, bool first)
{
	const struct rep_floor *f = &r->d->floors[floor];
	struct fp_point mn, mx;
	char buf[512];

	/* A ward taller than wide gets a portrait page: the map tall, the list under it. */
	fp_polygon_bounds(wd->w->pts, wd->w->npts, &mn, &mx);
	rep_page_begin(r, mx.x - mn.x >= mx.y - mn.y);
	if (first)
		rep_bookmark(r, 0, "Wards");
	snprintf(buf, sizeof(buf), "%s — %s", wd->w->name, f->fp->name);
	rep_bookmark(r, r->d->nfloors > 1 ? 2 : 1, wd->w->name);
	rep_tag_begin(r, "H1");
	rep_heading(r, buf, 16);
	rep_tag_end(r, "H1");
	if (wd->st.surveyed_m2 <= 0) {
		rep_paraf(r, "NOT SURVEYED. No sample was taken within %.0f m of any part of this ward "
			     "(%.0f m²), so nothing is known about its coverage. It is neither passing nor "
			     "failing.",
			  reach(r->d), wd->st.area_m2);
	} else {
		/* The map as large as the page allows with the not-spot list under it. */
		double list = 62 + 22 * (double)(wd->nnotspots ? wd->nnotspots : 1);

		ward_figures(r, wd);
		draw_map(r, floor, wd->w->name, -1,
			 fmax(230, fmin(r->landscape ? 380 : 520, rep_bottom(r) - r->y - list)), true);
	}
	ward_notspots(r, wd);
}

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

static void page_ward_map(struct rep *r, size_t floor, const struct rep_ward *wd, enum hm_metric m)
{
	const struct hm_metric_info *mi = hm_metric_info(m);
	const struct hm_profile *p = &r->d->prof;
	struct strbuf rules = STRBUF_INIT;
	char buf[512], rb[96];

	for (int q = 0; q < p->nrules; q++)
		if (p->rules[q].metric == m)
			strbuf_addf(&rules, "%s%s", rules.len ? "; " : "",
				    rep_rule_text(&p->rules[q], rb, sizeof(rb)));
	rep_page_begin(r, true);
	snprintf(buf, sizeof(buf), "%s — %s (%s)", wd->w->name, mi->label, mi->unit);
	rep_title(r, r->d->nfloors > 1 ? 3 : 2, mi->label, buf);
	draw_map(r, floor, wd->w->name, (int)m, rep_bottom(r) - r->y - 34, m == HM_M_PRIMARY);
	if (rules.len)
		rep_paraf(r, "%s: %s. Outlined and hatched: where it fails %s (numbered for this "
			     "metric alone). Hatched near-white: not surveyed.",
			  mi->label, metric_caption(m), rules.buf);
	else
		rep_paraf(r, "%s: %s. Shown for context (no rule of the %s profile judges it). Hatched "
			     "near-white: not surveyed.",
			  mi->label, metric_caption(m), p->name);
	r->oom |= strbuf_failed(&rules);
	strbuf_release(&rules);
}

/* A level of a report with several: its headline and its whole map, before its wards. */
static void page_level(struct rep *r, size_t floor, bool first)
{
	const struct rep_floor *f = &r->d->floors[floor];
	char buf[256];

	rep_page_begin(r, true);
	if (first)
		rep_bookmark(r, 0, "Levels and wards");
	rep_bookmark(r, 1, f->fp->name);
	snprintf(buf, sizeof(buf), "%s%s%s", f->fp->name, f->fp->building[0] ? " — " : "",
		 f->fp->building);
	rep_tag_begin(r, "H1");
	rep_heading(r, buf, 16);
	rep_tag_end(r, "H1");
	floor_headline(r, f);
	draw_map(r, floor, NULL, -1, rep_bottom(r) - r->y - 20, true);
}

/* A section per level (with several), each ward's page, then with --detail its metric maps. */
void rep_pages_wards(struct rep *r)
{
	const struct rep_data *d = r->d;
	bool first = true;

	for (size_t b = 0; b < d->nbuildings; b++)
		for (size_t l = 0; l < d->buildings[b].n; l++) {
			size_t i = d->buildings[b].floors[l];
			const struct rep_floor *f = &d->floors[i];

			if (d->nfloors > 1) {
				page_level(r, i, first);
				first = false;
			}
			for (size_t k = 0; k < f->nwards; k++) {
				const struct rep_ward *wd = &f->wards[k];

				page_ward(r, i, wd, first);
				first = false;
				for (size_t j = 0; d->o->detail && wd->st.surveyed_m2 > 0 && j < wd->nmaps;
				     j++)
					page_ward_map(r, i, wd, wd->maps[j]);
			}
		}
}

void rep_lay_out(struct rep *r)
{
	for (int k = 0; k < REP_OUTLINE_DEPTH; k++)
		r->outline[k] = -1;
	r->page = 0;
	rep_page_cover(r); /* opens the "Document" tag (report_layout.c) */
	rep_pages_summary(r);
	rep_pages_wards(r);
	rep_page_plan(r);
	rep_pages_roaming(r);
	rep_pages_channels(r);
	rep_page_method(r);
	rep_page_appendix(r);
	rep_tag_end(r, "Document");
	cairo_show_page(r->cr);
}
