/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_stats.c — `notspot stats`: per ward, how much was surveyed, how much of
 * it meets a requirement profile (each rule separately), and the not-spots.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/mapopts.h"
#include "cli/roamtext.h"
#include "heatmap/load.h"
#include "heatmap/device.h"
#include "heatmap/map.h"
#include "heatmap/roam.h"
#include "survey/survey.h"
#include "util/clock.h"
#include "util/version.h"

#define STATS_MAP_FLAGS (CLI_MAP_EVERY_FLOOR)

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot stats SURVEY [--building B | --floor F] [--ward W] [--profile P]\n"
		"                    [--json|--csv]\n"
		"Per building, per level and per ward: area, area surveyed, share meeting each rule\n"
		"of a requirement profile, and the not-spots (connected failing areas) with their\n"
		"size, place and the worst value of the rule each fails most.\n\n"
		"Options:\n");
	cli_map_help(f, STATS_MAP_FLAGS);
	fprintf(f,
		"  --building B       only the levels of building B (default: every building)\n"
		"  --json             machine-readable output\n"
		"  --csv              one row per ward\n"
		"  --roaming          also roams, gaps and sticky share per ward, judged by the\n"
		"                     profile's roaming rules (see `notspot roams`; not with --csv)\n"
		"  --device N         judge as device N hears: its stored receive offset (notspot\n"
		"                     calibrate) added to every signal; said in the heading\n"
		"  -h, --help         this help\n");
}

static double pct(double a, double b)
{
	return b > 0 ? 100 * a / b : NAN;
}

static json_t *jnum(double v)
{
	return isfinite(v) ? json_real(round(v * 100) / 100) : json_null();
}

struct opts {
	struct cli_map map;
	const char *ward;               /* only this ward's rows, or NULL */
	const char *building;           /* only this building's floors, or NULL */
	bool json, csv;
	bool roaming;                   /* --roaming: the walks' roaming sums per ward too */
	const char *device;             /* --device: judge as this stored device hears */
	struct hm_device dev;           /* its offset, once the survey is open */
	char dev_text[400];
	const struct hm_profile *prof;
	const char *survey;             /* the file, for warnings */
};

/* One floor's map and its statistics: the wards', then the whole floor's. */
/* floor_stats(): a level of a building without any placed sample, left out and said. */
#define NOT_WALKED 3

struct floor_stats {
	struct floorplan *fp;
	struct hm_set set;
	struct hm_map m;
	struct hm_area_stats *st;       /* fp->nwards + 1 */
	size_t na;
};

/* Whether area @k of @fp (a ward, or nwards: the whole floor) is shown. */
static bool shown(const struct opts *o, const struct floorplan *fp, size_t k)
{
	return !o->ward || (k < fp->nwards && strcmp(fp->wards[k].name, o->ward) == 0);
}

/* A CSV text field (RFC 4180): quoted, with quotes doubled. */
static void csv_text(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

/* A CSV number; an unknown value (nothing measured) is an empty cell, as
 * spreadsheets expect, never the text "nan". */
static void csv_num(double v)
{
	putchar(',');
	if (isfinite(v))
		printf("%.1f", v);
}

static void print_area(const struct hm_area_stats *st, const struct hm_profile *p, bool csv,
		       const char *building, const char *floor)
{
	char a[16], b[16];

	if (csv) {
		csv_text(building);
		putchar(',');
		csv_text(floor);
		putchar(',');
		csv_text(st->name);
		csv_num(st->area_m2);
		csv_num(st->surveyed_m2);
		csv_num(pct(st->surveyed_m2, st->area_m2));
		csv_num(pct(st->pass_m2, st->surveyed_m2));
		for (int k = 0; k < p->nrules; k++)
			csv_num(pct(st->rule_pass_m2[k], st->rule_measured_m2[k]));
		printf(",%zu", st->notspots);
		csv_num(st->notspot_m2);
		putchar('\n');
		return;
	}
	char e[300];

	printf("  %-24s %7.0f  %7.0f %6s  %6s", cli_shown(st->name, e, sizeof(e)), st->area_m2,
	       st->surveyed_m2, cli_fmt_share(a, sizeof(a), st->surveyed_m2, st->area_m2),
	       cli_fmt_share(b, sizeof(b), st->pass_m2, st->surveyed_m2));
	for (int k = 0; k < p->nrules; k++) {
		if (st->rule_measured_m2[k] > 0)
			printf("  %6s", cli_fmt_share(a, sizeof(a), st->rule_pass_m2[k],
						      st->rule_measured_m2[k]));
		else
			printf("  %6s", "n/m");
	}
	printf("  %4zu  %7.1f\n", st->notspots, st->notspot_m2);
}

static json_t *area_json(const struct hm_area_stats *st, const struct hm_profile *p)
{
	json_t *o = json_object(), *rules = json_array();
	char d[96];

	json_object_set_new(o, "name", cli_json_str(st->name));
	json_object_set_new(o, "area_m2", jnum(st->area_m2));
	json_object_set_new(o, "surveyed_m2", jnum(st->surveyed_m2));
	json_object_set_new(o, "surveyed_pct", jnum(pct(st->surveyed_m2, st->area_m2)));
	json_object_set_new(o, "pass_pct", jnum(pct(st->pass_m2, st->surveyed_m2)));
	for (int k = 0; k < p->nrules; k++) {
		json_t *r = json_object();

		json_object_set_new(r, "rule", json_string(hm_rule_describe(&p->rules[k], d, sizeof(d))));
		json_object_set_new(r, "pass_pct",
				    jnum(pct(st->rule_pass_m2[k], st->rule_measured_m2[k])));
		json_object_set_new(r, "measured_pct",
				    jnum(pct(st->rule_measured_m2[k], st->surveyed_m2)));
		json_array_append_new(rules, r);
	}
	json_object_set_new(o, "rules", rules);
	json_object_set_new(o, "notspots", json_integer((json_int_t)st->notspots));
	json_object_set_new(o, "notspot_m2", jnum(st->notspot_m2));
	return o;
}

static void floor_stats_release(struct floor_stats *fs)
{
	free(fs->st);
	hm_map_release(&fs->m);
	hm_set_release(&fs->set);
	floorplan_free(fs->fp);
}

/* A building's levels fitted together, kept while its levels are counted one by one. */
struct levels_cache {
	struct hm_levels lv;
	int64_t building_id;
	bool loaded;
};

/*
 * Load floor @floor (by name; NULL: the one with id @id), map it against the
 * profile (its building's levels fitted together, once per building in @lc),
 * count.
 */
static int floor_stats(struct survey *s, const char *floor, int64_t id, const struct opts *o,
		       struct levels_cache *lc, struct floor_stats *fs)
{
	const struct hm_profile *p = o->prof;
	struct hm_map_opts mo;
	struct ns_err err = { 0 };

	*fs = (struct floor_stats){ 0 };
	if (floor ? hm_load_floor(s, floor, &fs->fp, &fs->set, &err)
		  : hm_load_floor_id(s, id, &fs->fp, &fs->set, &err))
		return cli_fail("stats", &err);
	cli_map_note_skipped(o->survey, fs->fp->name, &fs->set);
	if (!floor && fs->set.nsamples == 0) { /* a level of a building nobody has walked yet */
		hm_set_release(&fs->set);
		return NOT_WALKED;
	}
	if (o->device)
		hm_device_apply(&o->dev, &fs->set);
	if (o->ward && !floorplan_find_ward(fs->fp, o->ward)) {
		cli_error("stats", "floor '%s' has no ward called '%s'", fs->fp->name, o->ward);
		goto out_set;
	}
	hm_map_opts_default(&mo);
	cli_map_to_map_opts(&o->map, &mo);
	mo.profile = p;
	if (!lc->loaded || lc->building_id != fs->fp->building_id) {
		hm_levels_release(&lc->lv);
		lc->loaded = false;
		if (cli_map_levels("stats", s, fs->fp, &mo, &lc->lv))
			goto out_set;
		lc->loaded = true;
		lc->building_id = fs->fp->building_id;
	}
	mo.levels = &lc->lv;
	if (hm_map_build(&fs->set, fs->fp, &mo, &fs->m, &err)) {
		cli_fail("stats", &err);
		goto out_set;
	}
	fs->na = fs->fp->nwards + 1;
	if (!(fs->st = calloc(fs->na, sizeof(*fs->st)))) {
		cli_error("stats", "out of memory");
		goto out_map;
	}
	/* Each not-spot named by the rule it fails most, with that rule's worst value. */
	hm_notspots_attribute(&fs->m.notspots, &fs->m.grid, p, fs->m.m, fs->m.failed);
	for (size_t k = 0; k < fs->fp->nwards; k++)
		if (hm_ward_stats_compute(p, &fs->m.grid, fs->m.verdict, fs->m.m, fs->fp, (int)k,
					  &fs->m.notspots, &fs->st[k])) {
			cli_error("stats", "out of memory");
			goto out_st;
		}
	hm_area_stats_compute(p, &fs->m.grid, fs->m.verdict, fs->m.m, fs->m.ward_of, -2,
			      &fs->m.notspots, "(whole floor)", &fs->st[fs->fp->nwards]);
	return EXIT_OK;
out_st:
	free(fs->st);
out_map:
	hm_map_release(&fs->m);
out_set:
	hm_set_release(&fs->set);
	floorplan_free(fs->fp);
	return EXIT_FAILED;
}

static json_t *notspot_json(const struct hm_notspot *ns, size_t id, const struct hm_profile *p)
{
	json_t *j = json_object(), *poly = json_array(), *fails = json_array();
	char d[96];

	json_object_set_new(j, "id", json_integer((json_int_t)id));
	json_object_set_new(j, "ward", cli_json_str(ns->ward));
	json_object_set_new(j, "area_m2", jnum(ns->area_m2));
	json_object_set_new(j, "centroid_m", json_pack("[f,f]", round(ns->centroid.x * 100) / 100,
						       round(ns->centroid.y * 100) / 100));
	/* The worst value of the metric of the rule it fails most (hm_notspots_attribute()). */
	if (ns->rule >= 0) {
		const struct hm_rule *r = &p->rules[ns->rule];

		json_object_set_new(j, "worst", jnum(ns->worst));
		json_object_set_new(j, "worst_metric", json_string(hm_metric_info(r->metric)->key));
		json_object_set_new(j, "worst_unit", json_string(hm_metric_info(r->metric)->unit));
		json_object_set_new(j, "worst_rule", json_string(hm_rule_describe(r, d, sizeof(d))));
		json_object_set_new(j, "no_signal", json_boolean(ns->no_signal));
	} else {
		json_object_set_new(j, "worst", json_null());
	}
	for (int r = 0; r < p->nrules; r++)
		if (ns->rules & (1u << r))
			json_array_append_new(fails,
					      json_string(hm_rule_describe(&p->rules[r], d, sizeof(d))));
	json_object_set_new(j, "fails", fails);
	for (size_t q = 0; q < ns->nring; q++)
		json_array_append_new(poly, json_pack("[f,f]", ns->ring[q].x, ns->ring[q].y));
	json_object_set_new(j, "polygon_m", poly);
	return j;
}

/* The fitted physical APs: place, 1σ ellipse, evidence, and per radio P1 and n. */
static json_t *aps_json(const struct floor_stats *fs)
{
	json_t *ja = json_array();

	for (size_t k = 0; k < fs->m.naps; k++) {
		const struct hm_ap_fit *a = &fs->m.aps[k];
		json_t *j = json_object(), *jr = json_array();

		json_object_set_new(j, "name", cli_json_str(a->name));
		json_object_set_new(j, "evidence", json_string(hm_ap_evidence_name(a->evidence)));
		if (a->level[0]) /* the building's levels were fitted together */
			json_object_set_new(j, "level", cli_json_str(a->level));
		json_object_set_new(j, "place_m", json_pack("[f,f]", round(a->x * 100) / 100,
							    round(a->y * 100) / 100));
		json_object_set_new(j, "ellipse_1sigma_m",
				    json_pack("{s:o,s:o,s:o}", "major", jnum(a->ell_major_m), "minor",
					      jnum(a->ell_minor_m), "angle_deg",
					      jnum(a->ell_angle_rad * 180 / M_PI)));
		json_object_set_new(j, "rms_db", jnum(a->rms_db));
		for (int q = 0; q < a->nradios; q++) {
			size_t r = a->radios[q];
			const struct hm_radio *rd = &fs->set.radios[r];
			const struct hm_model *m = &fs->m.fits[r];
			char mac[24];

			snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%x?", rd->mac[0], rd->mac[1],
				 rd->mac[2], rd->mac[3], rd->mac[4], rd->mac[5] >> 4);
			json_array_append_new(jr, json_pack("{s:s,s:i,s:o,s:o}", "bssids", mac, "freq_mhz",
							    rd->freq_mhz, "p1_dbm", jnum(m->p1_dbm),
							    "exponent", jnum(m->n)));
		}
		json_object_set_new(j, "radios", jr);
		json_array_append_new(ja, j);
	}
	return ja;
}

/* Per wall material: the loss drawn and the loss the survey says (dB per band). */
static json_t *walls_json(const struct floor_stats *fs)
{
	json_t *jw = json_array();

	for (size_t k = 0; k < fs->m.nwall_fits; k++) {
		const struct hm_wall_fit *w = &fs->m.wall_fits[k];

		json_array_append_new(
			jw, json_pack("{s:s,s:[o,o,o],s:[o,o,o],s:i,s:b}", "material", w->material,
				      "drawn_db", jnum(w->drawn_db[0]), jnum(w->drawn_db[1]),
				      jnum(w->drawn_db[2]), "learned_db", jnum(w->fitted_db[0]),
				      jnum(w->fitted_db[1]), jnum(w->fitted_db[2]), "paths", w->npaths,
				      "learned", w->learned));
	}
	return jw;
}

static void floor_json(const struct floor_stats *fs, const struct opts *o, json_t *jfloors)
{
	json_t *jf = json_object(), *jw = json_array(), *jn = json_array();

	json_object_set_new(jf, "building", cli_json_str(fs->fp->building));
	json_object_set_new(jf, "floor", cli_json_str(fs->fp->name));
	json_object_set_new(jf, "level", json_integer(fs->fp->level));
	json_object_set_new(jf, "samples", json_integer((json_int_t)fs->m.nsamples));
	for (size_t k = 0; k < fs->na; k++)
		if (shown(o, fs->fp, k))
			json_array_append_new(jw, area_json(&fs->st[k], o->prof));
	json_object_set_new(jf, "wards", jw);
	for (size_t k = 0; k < fs->m.notspots.n; k++) {
		const struct hm_notspot *ns = &fs->m.notspots.v[k];

		if (!o->ward || strcmp(ns->ward, o->ward) == 0)
			json_array_append_new(jn, notspot_json(ns, k + 1, o->prof));
	}
	json_object_set_new(jf, "notspots", jn);
	json_object_set_new(jf, "access_points", aps_json(fs));
	json_object_set_new(jf, "walls", walls_json(fs));
	json_array_append_new(jfloors, jf);
}

static void floor_csv(const struct floor_stats *fs, const struct opts *o, bool *printed_header)
{
	const struct hm_profile *p = o->prof;
	char d[96];

	if (!*printed_header) {
		printf("building,floor,ward,area_m2,surveyed_m2,surveyed_pct,pass_pct");
		for (int k = 0; k < p->nrules; k++)
			printf(",\"%s pass_pct\"", hm_rule_describe(&p->rules[k], d, sizeof(d)));
		printf(",notspots,notspot_m2\n");
		*printed_header = true;
	}
	for (size_t k = 0; k < fs->na; k++)
		if (shown(o, fs->fp, k))
			print_area(&fs->st[k], p, true, fs->fp->building, fs->fp->name);
}

/* "worst secondary -74 dBm": the rule it fails most, by its metric's worst value in it. */
static const char *worst_text(const struct hm_notspot *ns, const struct hm_profile *p, char *buf,
			      size_t len)
{
	const struct hm_metric_info *mi;
	char v[16];

	if (ns->rule < 0) {
		snprintf(buf, len, "worst n/a");
		return buf;
	}
	mi = hm_metric_info(p->rules[ns->rule].metric);
	if (ns->no_signal)
		snprintf(buf, len, "worst %s: no signal", mi->key);
	else
		snprintf(buf, len, "worst %s %s %s", mi->key, cli_fmt_num(v, sizeof(v), ns->worst, 0, false),
			 mi->unit);
	return buf;
}

static void floor_text(const struct floor_stats *fs, const struct opts *o)
{
	const struct hm_profile *p = o->prof;
	const char *ssid = o->map.ssid;
	int band = o->map.band;
	char d[96], e[300], e2[300], e3[300];

	printf("%s%s%s%s — %zu samples — profile %s%s%s%s%s\n",
	       cli_shown(fs->fp->name, e, sizeof(e)), fs->fp->building[0] ? " (" : "",
	       cli_shown(fs->fp->building, e3, sizeof(e3)), fs->fp->building[0] ? ")" : "",
	       fs->m.nsamples, p->name, ssid ? " — SSID " : "",
	       ssid ? cli_shown(ssid, e2, sizeof(e2)) : "", band >= 0 ? " — " : "",
	       band >= 0 ? hm_band_name(band) : "");
	printf("  %-24s %7s  %7s %6s  %6s", "ward", "area m²", "surv m²", "surv", "pass");
	for (int k = 0; k < p->nrules; k++)
		printf("  %6s", hm_metric_info(p->rules[k].metric)->key);
	printf("  %4s  %7s\n", "nots", "nots m²");
	for (size_t k = 0; k < fs->na; k++)
		if (shown(o, fs->fp, k))
			print_area(&fs->st[k], p, false, fs->fp->building, fs->fp->name);
	printf("  rules:");
	for (int k = 0; k < p->nrules; k++)
		printf("%s %s", k ? ";" : "", hm_rule_describe(&p->rules[k], d, sizeof(d)));
	printf("  (n/m: not measured)\n");
	for (size_t k = 0; k < fs->m.notspots.n; k++) {
		const struct hm_notspot *ns = &fs->m.notspots.v[k];

		if (o->ward && strcmp(ns->ward, o->ward) != 0)
			continue;
		printf("  not-spot %zu: %-18s %7.1f m² at (%.1f, %.1f) m, %s\n", k + 1,
		       ns->ward[0] ? cli_shown(ns->ward, e, sizeof(e)) : "(no ward)", ns->area_m2,
		       ns->centroid.x, ns->centroid.y, worst_text(ns, p, d, sizeof(d)));
	}
	printf("\n");
}

/* A building's figures: the sum of its levels' whole floors (levels never overlap). */
struct building_total {
	char name[64];
	struct hm_area_stats st;
	json_t *levels;                 /* their names, for JSON */
	size_t n;
};

static void total_add(struct building_total *t, const struct hm_area_stats *f, const char *level,
		      const struct hm_profile *p)
{
	t->st.area_m2 += f->area_m2;
	t->st.surveyed_m2 += f->surveyed_m2;
	t->st.pass_m2 += f->pass_m2;
	t->st.fail_m2 += f->fail_m2;
	for (int k = 0; k < p->nrules; k++) {
		t->st.rule_pass_m2[k] += f->rule_pass_m2[k];
		t->st.rule_measured_m2[k] += f->rule_measured_m2[k];
	}
	t->st.notspots += f->notspots;
	t->st.notspot_m2 += f->notspot_m2;
	if (t->levels)
		json_array_append_new(t->levels, cli_json_str(level));
	t->n++;
}

/* --roaming: the floor's roaming sums per shown ward, as text or into its JSON object. */
static int roaming_out(struct survey *s, const struct floor_stats *fs, const struct opts *o,
		       json_t *jfloors)
{
	const struct hm_roam_rules *ru = &o->prof->roaming;
	struct hm_roam r;
	struct ns_err err = { 0 };
	json_t *jr, *jw;
	int rc = EXIT_OK;

	if (hm_roam_load(s, fs->fp->id, fs->fp, NULL, &r, &err)) {
		rc = cli_fail("stats", &err);
		goto out;
	}
	if (!o->json) {
		printf("  roaming (%zu walk(s) with link polls):\n", r.nwalks);
		cli_roam_sum_head(ru);
		for (size_t k = 0; k < fs->fp->nwards; k++)
			if (shown(o, fs->fp, k))
				cli_roam_sum_row(fs->fp->wards[k].name, ru, &r.wards[k]);
		if (shown(o, fs->fp, fs->fp->nwards))
			cli_roam_sum_row("(whole floor)", ru, &r.total);
		putchar('\n');
		goto out;
	}
	jr = json_object();
	jw = json_array();
	for (size_t k = 0; k < fs->fp->nwards; k++)
		if (shown(o, fs->fp, k)) {
			json_t *w = cli_roam_sum_json(ru, &r.wards[k]);

			json_object_set_new(w, "name", json_string(fs->fp->wards[k].name));
			json_array_append_new(jw, w);
		}
	json_object_set_new(jr, "wards", jw);
	json_object_set_new(jr, "total", cli_roam_sum_json(ru, &r.total));
	json_object_set_new(json_array_get(jfloors, json_array_size(jfloors) - 1), "roaming", jr);
out:
	hm_roam_release(&r);
	return rc;
}

static int one_floor(struct survey *s, const char *floor, int64_t id, const struct opts *o,
		     struct levels_cache *lc, json_t *jfloors, bool *printed_header,
		     struct building_total *tot)
{
	struct floor_stats fs;
	int rc = floor_stats(s, floor, id, o, lc, &fs);

	if (rc == NOT_WALKED) {
		char e[300], e2[300];

		if (!o->json && !o->csv)
			printf("%s (%s): no placed samples yet; not counted\n\n",
			       cli_shown(fs.fp->name, e, sizeof(e)),
			       cli_shown(fs.fp->building, e2, sizeof(e2)));
		floorplan_free(fs.fp);
		return EXIT_OK;
	}
	if (rc)
		return rc;
	if (o->json)
		floor_json(&fs, o, jfloors);
	else if (o->csv)
		floor_csv(&fs, o, printed_header);
	else
		floor_text(&fs, o);
	if (o->roaming && (rc = roaming_out(s, &fs, o, jfloors))) {
		floor_stats_release(&fs);
		return rc;
	}
	if (tot)
		total_add(tot, &fs.st[fs.fp->nwards], fs.fp->name, o->prof);
	floor_stats_release(&fs);
	return EXIT_OK;
}

/* The building's row: text after its levels, a CSV row, or a JSON object in @jb. */
static void building_out(struct building_total *t, const struct opts *o, json_t *jb)
{
	snprintf(t->st.name, sizeof(t->st.name), "(whole building)");
	if (o->json) {
		json_t *j = area_json(&t->st, o->prof);

		json_object_set_new(j, "name", cli_json_str(t->name));
		json_object_set_new(j, "levels", t->levels);
		t->levels = NULL;
		json_array_append_new(jb, j);
	} else if (o->csv) {
		print_area(&t->st, o->prof, true, t->name, "(all levels)");
	} else {
		char e[300];

		printf("%s — %zu level%s — profile %s\n",
		       t->name[0] ? cli_shown(t->name, e, sizeof(e)) : "(unnamed building)",
		       t->n, t->n == 1 ? "" : "s", o->prof->name);
		print_area(&t->st, o->prof, false, t->name, "");
		printf("\n");
	}
	json_decref(t->levels);
	t->levels = NULL;
}

/* Every floor (of --building), building by building: its levels ground up, then its total. */
static int every_floor(struct survey *s, const char *path, const struct opts *o, json_t *jfloors,
		       json_t *jbuildings, bool *header)
{
	struct survey_floor_info *fl = NULL;
	struct levels_cache lc = { 0 };
	struct ns_err err = { 0 };
	size_t nf = 0;
	int rc = EXIT_OK, found = 0;

	if (survey_list_floors(s, &fl, &nf, &err))
		return cli_fail(path, &err);
	if (nf == 0)
		rc = cli_error(path, "the survey has no floors");
	for (size_t b = 0; b < nf && rc == EXIT_OK; b++) {
		struct building_total t = { .levels = o->json ? json_array() : NULL };
		bool first = true;

		for (size_t k = 0; k < b && first; k++) /* each building once, where it first comes */
			first = strcmp(fl[k].building, fl[b].building) != 0;
		if (!first || (o->building && strcmp(fl[b].building, o->building) != 0)) {
			json_decref(t.levels);
			continue;
		}
		found++;
		snprintf(t.name, sizeof(t.name), "%s", fl[b].building);
		for (size_t k = b; k < nf && rc == EXIT_OK; k++) /* listed by level: ground up */
			if (strcmp(fl[k].building, fl[b].building) == 0)
				rc = one_floor(s, NULL, fl[k].id, o, &lc, jfloors, header, &t);
		if (rc == EXIT_OK)
			building_out(&t, o, jbuildings);
		json_decref(t.levels);
	}
	if (rc == EXIT_OK && o->building && !found)
		rc = cli_error("stats", "the survey has no building called '%s'", o->building);
	free(fl);
	hm_levels_release(&lc.lv);
	return rc;
}

/* The JSON document around the floors: what was asked, by which profile. */
static void print_json(const char *survey, const struct opts *o, json_t *jfloors,
		       json_t *jbuildings)
{
	json_t *root = json_object(), *jp = json_object(), *rules = json_array();
	const struct hm_profile *p = o->prof;
	char d[96];

	json_object_set_new(root, "software", json_string("notspot " NOTSPOT_VERSION));
	json_object_set_new(root, "survey", cli_json_str(survey));
	json_object_set_new(jp, "name", json_string(p->name));
	json_object_set_new(jp, "source", json_string(p->source));
	for (int k = 0; k < p->nrules; k++)
		json_array_append_new(rules, json_string(hm_rule_describe(&p->rules[k], d, sizeof(d))));
	json_object_set_new(jp, "rules", rules);
	json_object_set_new(root, "profile", jp);
	if (o->device)
		json_object_set_new(root, "device",
				    json_pack("{s:s,s:s,s:f,s:s}", "name", o->dev.name, "kind",
					      o->dev.kind, "offset_db", o->dev.offset_db, "source",
					      o->dev.source));
	json_object_set_new(root, "ssid", o->map.ssid ? cli_json_str(o->map.ssid) : json_null());
	json_object_set_new(root, "band",
			    o->map.band >= 0 ? json_string(hm_band_name(o->map.band)) : json_null());
	json_object_set_new(root, "cell_m", json_real(o->map.cell_m));
	json_object_set_new(root, "reach_m", json_real(o->map.reach_m));
	json_object_set_new(root, "predicted", json_boolean(o->map.predict));
	json_object_set_new(root, "floors", json_incref(jfloors));
	json_object_set_new(root, "buildings", json_incref(jbuildings));
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
	putchar('\n');
	json_decref(root);
}

static int stats_option(void *ctx, int c, const char *arg)
{
	struct opts *o = ctx;

	switch (c) {
	CLI_MAP_CASES: return cli_map_option("stats", &o->map, c, arg);
	case 'j': o->json = true; break;
	case 'v': o->csv = true; break;
	case 'B': o->building = arg; break;
	case 'R': o->roaming = true; break;
	case 'D': o->device = arg; break;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct opts *o, const char **survey)
{
	static const struct option longopts[] = {
		CLI_MAP_LONGOPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'v' },
		{ "building", required_argument, NULL, 'B' },
		{ "roaming", no_argument, NULL, 'R' },
		{ "device", required_argument, NULL, 'D' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "stats", "h", longopts, usage, stats_option };
	int rc;

	if ((rc = cli_getopt(&parser, o, argc, argv)) ||
	    (rc = cli_map_survey("stats", argc, argv, survey)))
		return rc;
	if (o->json && o->csv)
		return cli_usage_error("stats", "--json or --csv, not both");
	if (o->roaming && o->csv)
		return cli_usage_error("stats", "--roaming goes with text or --json, not --csv");
	if (o->building && o->map.floor)
		return cli_usage_error("stats", "--building or --floor, not both");
	o->ward = cli_map_ward(&o->map);
	return EXIT_OK;
}

CLI_COMMAND(stats, 170, "coverage statistics and not-spots per ward");
int cmd_stats(int argc, char **argv)
{
	struct opts o = { 0 };
	struct hm_profile prof;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	const char *path;
	json_t *jfloors = NULL, *jbuildings = NULL;
	struct levels_cache lc = { 0 };
	bool have, header = false;
	int rc;

	cli_map_init(&o.map, STATS_MAP_FLAGS);
	if ((rc = parse(argc, argv, &o, &path)))
		return cli_status(rc);
	if ((rc = cli_map_profile("stats", &o.map, &prof, &have)))
		return rc;
	if (!have)
		return cli_usage_error("stats", "stats need a profile to judge by");
	o.prof = &prof;
	o.survey = path;
	if (survey_open(path, SURVEY_READ_ONLY, &s, &err))
		return cli_fail(path, &err);
	if (o.device) {
		if (hm_device_get(s, o.device, &o.dev, &err)) {
			survey_close(s);
			return cli_fail("stats", &err);
		}
		hm_device_describe(&o.dev, o.dev_text, sizeof(o.dev_text));
		if (!o.json && !o.csv)
			printf("as heard by %s\n\n", o.dev_text);
	}
	if (o.json) {
		jfloors = json_array();
		jbuildings = json_array();
	}
	if (o.map.floor)
		rc = one_floor(s, o.map.floor, 0, &o, &lc, jfloors, &header, NULL);
	else
		rc = every_floor(s, path, &o, jfloors, jbuildings, &header);
	if (o.json && rc == EXIT_OK)
		print_json(path, &o, jfloors, jbuildings);
	json_decref(jfloors);
	json_decref(jbuildings);
	hm_levels_release(&lc.lv);
	survey_close(s);
	return rc;
}
