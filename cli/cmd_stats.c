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
#include "heatmap/load.h"
#include "heatmap/map.h"
#include "survey/survey.h"
#include "util/clock.h"
#include "util/version.h"

#define STATS_MAP_FLAGS (CLI_MAP_EVERY_FLOOR)

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot stats SURVEY [--floor F] [--ward W] [--profile P] [--json|--csv]\n"
		"Per ward: area, area surveyed, share meeting each rule of a requirement profile,\n"
		"and the not-spots (connected failing areas) with their size, place and worst value.\n\n"
		"Options:\n");
	cli_map_help(f, STATS_MAP_FLAGS);
	fprintf(f,
		"  --json             machine-readable output\n"
		"  --csv              one row per ward\n"
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
	bool json, csv;
	const struct hm_profile *prof;
	const char *survey;             /* the file, for warnings */
};

/* One floor's map and its statistics: the wards', then the whole floor's. */
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
		       const char *floor)
{
	if (csv) {
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

	printf("  %-24s %7.0f  %7.0f %5.0f%%  %5.0f%%", cli_shown(st->name, e, sizeof(e)),
	       st->area_m2, st->surveyed_m2,
	       pct(st->surveyed_m2, st->area_m2), pct(st->pass_m2, st->surveyed_m2));
	for (int k = 0; k < p->nrules; k++) {
		if (st->rule_measured_m2[k] > 0)
			printf("  %5.0f%%", pct(st->rule_pass_m2[k], st->rule_measured_m2[k]));
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

/* Load floor @floor, build its map against the profile and compute the statistics. */
static int floor_stats(struct survey *s, const char *floor, const struct opts *o,
		       struct floor_stats *fs)
{
	const struct hm_profile *p = o->prof;
	struct hm_map_opts mo;
	struct ns_err err = { 0 };

	*fs = (struct floor_stats){ 0 };
	if (hm_load_floor(s, floor, &fs->fp, &fs->set, &err))
		return cli_fail("stats", &err);
	cli_map_note_skipped(o->survey, fs->fp->name, &fs->set);
	if (o->ward && !floorplan_find_ward(fs->fp, o->ward)) {
		cli_error("stats", "floor '%s' has no ward called '%s'", fs->fp->name, o->ward);
		goto out_set;
	}
	hm_map_opts_default(&mo);
	cli_map_to_map_opts(&o->map, &mo);
	mo.profile = p;
	if (hm_map_build(&fs->set, fs->fp, &mo, &fs->m, &err)) {
		cli_fail("stats", &err);
		goto out_set;
	}
	fs->na = fs->fp->nwards + 1;
	if (!(fs->st = calloc(fs->na, sizeof(*fs->st)))) {
		cli_error("stats", "out of memory");
		goto out_map;
	}
	for (size_t k = 0; k < fs->fp->nwards; k++)
		hm_area_stats_compute(p, &fs->m.grid, fs->m.verdict, fs->m.m, fs->m.ward_of, (int)k,
				      &fs->m.notspots, fs->fp->wards[k].name, &fs->st[k]);
	hm_area_stats_compute(p, &fs->m.grid, fs->m.verdict, fs->m.m, fs->m.ward_of, -2,
			      &fs->m.notspots, "(whole floor)", &fs->st[fs->fp->nwards]);
	return EXIT_OK;
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
	json_object_set_new(j, "worst", jnum(ns->worst));
	json_object_set_new(j, "worst_unit", json_string(hm_metric_info(p->rules[0].metric)->unit));
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

static void floor_json(const struct floor_stats *fs, const struct opts *o, json_t *jfloors)
{
	json_t *jf = json_object(), *jw = json_array(), *jn = json_array();

	json_object_set_new(jf, "floor", cli_json_str(fs->fp->name));
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
	json_array_append_new(jfloors, jf);
}

static void floor_csv(const struct floor_stats *fs, const struct opts *o, bool *printed_header)
{
	const struct hm_profile *p = o->prof;
	char d[96];

	if (!*printed_header) {
		printf("floor,ward,area_m2,surveyed_m2,surveyed_pct,pass_pct");
		for (int k = 0; k < p->nrules; k++)
			printf(",\"%s pass_pct\"", hm_rule_describe(&p->rules[k], d, sizeof(d)));
		printf(",notspots,notspot_m2\n");
		*printed_header = true;
	}
	for (size_t k = 0; k < fs->na; k++)
		if (shown(o, fs->fp, k))
			print_area(&fs->st[k], p, true, fs->fp->name);
}

static void floor_text(const struct floor_stats *fs, const struct opts *o)
{
	const struct hm_profile *p = o->prof;
	const char *ssid = o->map.ssid;
	int band = o->map.band;
	char d[96], e[300], e2[300];

	printf("%s — %zu samples — profile %s%s%s%s%s\n", cli_shown(fs->fp->name, e, sizeof(e)),
	       fs->m.nsamples, p->name, ssid ? " — SSID " : "",
	       ssid ? cli_shown(ssid, e2, sizeof(e2)) : "", band >= 0 ? " — " : "",
	       band >= 0 ? hm_band_name(band) : "");
	printf("  %-24s %7s  %7s %6s  %6s", "ward", "area m²", "surv m²", "surv", "pass");
	for (int k = 0; k < p->nrules; k++)
		printf("  %6s", hm_metric_info(p->rules[k].metric)->key);
	printf("  %4s  %7s\n", "nots", "nots m²");
	for (size_t k = 0; k < fs->na; k++)
		if (shown(o, fs->fp, k))
			print_area(&fs->st[k], p, false, fs->fp->name);
	printf("  rules:");
	for (int k = 0; k < p->nrules; k++)
		printf("%s %s", k ? ";" : "", hm_rule_describe(&p->rules[k], d, sizeof(d)));
	printf("  (n/m: not measured)\n");
	for (size_t k = 0; k < fs->m.notspots.n; k++) {
		const struct hm_notspot *ns = &fs->m.notspots.v[k];

		if (o->ward && strcmp(ns->ward, o->ward) != 0)
			continue;
		printf("  not-spot %zu: %-18s %7.1f m² at (%.1f, %.1f) m, worst %.0f %s\n", k + 1,
		       ns->ward[0] ? cli_shown(ns->ward, e, sizeof(e)) : "(no ward)", ns->area_m2,
		       ns->centroid.x,
		       ns->centroid.y, ns->worst, hm_metric_info(p->rules[0].metric)->unit);
	}
	printf("\n");
}

static int one_floor(struct survey *s, const char *floor, const struct opts *o, json_t *jfloors,
		     bool *printed_header)
{
	struct floor_stats fs;
	int rc = floor_stats(s, floor, o, &fs);

	if (rc)
		return rc;
	if (o->json)
		floor_json(&fs, o, jfloors);
	else if (o->csv)
		floor_csv(&fs, o, printed_header);
	else
		floor_text(&fs, o);
	floor_stats_release(&fs);
	return EXIT_OK;
}

/* The JSON document around the floors: what was asked, by which profile. */
static void print_json(const char *survey, const struct opts *o, json_t *jfloors)
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
	json_object_set_new(root, "ssid", o->map.ssid ? cli_json_str(o->map.ssid) : json_null());
	json_object_set_new(root, "band",
			    o->map.band >= 0 ? json_string(hm_band_name(o->map.band)) : json_null());
	json_object_set_new(root, "cell_m", json_real(o->map.cell_m));
	json_object_set_new(root, "reach_m", json_real(o->map.reach_m));
	json_object_set_new(root, "predicted", json_boolean(o->map.predict));
	json_object_set_new(root, "floors", json_incref(jfloors));
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
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct opts *o, const char **survey)
{
	static const struct option longopts[] = {
		CLI_MAP_LONGOPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'v' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "stats", "h", longopts, usage, stats_option };
	int rc;

	if ((rc = cli_getopt(&parser, o, argc, argv)) ||
	    (rc = cli_map_survey("stats", argc, argv, survey)))
		return rc;
	if (o->json && o->csv)
		return cli_usage_error("stats", "--json or --csv, not both");
	o->ward = cli_map_ward(&o->map);
	return EXIT_OK;
}

CLI_COMMAND(stats, 170, "coverage statistics and not-spots per ward");
int cmd_stats(int argc, char **argv)
{
	struct opts o = { 0 };
	struct survey_floor_info *floors = NULL;
	struct hm_profile prof;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	const char *path;
	json_t *jfloors = NULL;
	bool have, header = false;
	size_t nf = 0;
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
	if (o.json)
		jfloors = json_array();
	if (o.map.floor) {
		rc = one_floor(s, o.map.floor, &o, jfloors, &header);
	} else if (survey_list_floors(s, &floors, &nf, &err)) {
		rc = cli_fail(path, &err);
	} else if (nf == 0) {
		rc = cli_error(path, "the survey has no floors");
	} else {
		for (size_t k = 0; k < nf && rc == EXIT_OK; k++)
			rc = one_floor(s, floors[k].name, &o, jfloors, &header);
	}
	if (o.json && rc == EXIT_OK)
		print_json(path, &o, jfloors);
	json_decref(jfloors);
	free(floors);
	survey_close(s);
	return rc;
}
