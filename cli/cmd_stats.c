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
#include "heatmap/load.h"
#include "heatmap/map.h"
#include "survey/survey.h"
#include "util/clock.h"
#include "util/version.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot stats SURVEY [--floor F] [--ward W] [--profile P] [--json|--csv]\n"
		"Per ward: area, area surveyed, share meeting each rule of a requirement profile,\n"
		"and the not-spots (connected failing areas) with their size, place and worst value.\n\n"
		"Options:\n"
		"  --floor F          only floor F (default: every floor)\n"
		"  --ward W           only ward W\n"
		"  --profile P        nhs-data (default), voice, clinical-badge, medical-device, rtls,\n"
		"                     or a name from --profile-file\n"
		"  --profile-file F   requirement profiles from a JSON file\n"
		"  --ssid S           only BSSIDs of SSID S may serve\n"
		"  --band 2.4|5|6     only BSSIDs in this band may serve\n"
		"  --predict          judge cells beyond the reach by the model's estimate\n"
		"  --cell M, --reach M   as for render (0.25 m, 5 m)\n"
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
	const char *ward, *ssid;
	int band;
	bool predict, json, csv;
	double cell, reach;
	const struct hm_profile *prof;
};

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
	printf("  %-24s %7.0f  %7.0f %5.0f%%  %5.0f%%", st->name, st->area_m2, st->surveyed_m2,
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

	json_object_set_new(o, "name", json_string(st->name));
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

static int one_floor(struct survey *s, const char *floor, const struct opts *o, json_t *jfloors,
		     bool *printed_header)
{
	const struct hm_profile *p = o->prof;
	struct hm_map_opts mo;
	struct floorplan *fp = NULL;
	struct hm_set set;
	struct hm_map m;
	struct ns_err err = { 0 };
	char d[96];
	int rc;

	if (hm_load_floor(s, floor, &fp, &set, &err))
		return cli_fail("stats", &err);
	hm_map_opts_default(&mo);
	mo.cell_m = o->cell;
	mo.est.reach_m = o->reach;
	mo.ssid = o->ssid;
	mo.band = o->band;
	mo.predict = o->predict;
	mo.profile = p;
	if (o->ward && !floorplan_find_ward(fp, o->ward)) {
		rc = cli_error("stats", "floor '%s' has no ward called '%s'", fp->name, o->ward);
		goto out;
	}
	if (hm_map_build(&set, fp, &mo, &m, &err)) {
		rc = cli_fail("stats", &err);
		goto out;
	}
	/* Wards, then the whole floor. */
	size_t na = fp->nwards + 1;
	struct hm_area_stats *st = calloc(na, sizeof(*st));

	if (!st) {
		hm_map_release(&m);
		rc = cli_error("stats", "out of memory");
		goto out;
	}
	for (size_t k = 0; k < fp->nwards; k++)
		hm_area_stats_compute(p, &m.grid, m.verdict, m.m, m.ward_of, (int)k, &m.notspots,
				      fp->wards[k].name, &st[k]);
	hm_area_stats_compute(p, &m.grid, m.verdict, m.m, m.ward_of, -2, &m.notspots,
			      "(whole floor)", &st[fp->nwards]);
	if (o->json) {
		json_t *jf = json_object(), *jw = json_array(), *jn = json_array();

		json_object_set_new(jf, "floor", json_string(fp->name));
		json_object_set_new(jf, "samples", json_integer((json_int_t)m.nsamples));
		for (size_t k = 0; k < na; k++)
			if (!o->ward || (k < fp->nwards && strcmp(fp->wards[k].name, o->ward) == 0))
				json_array_append_new(jw, area_json(&st[k], p));
		json_object_set_new(jf, "wards", jw);
		for (size_t k = 0; k < m.notspots.n; k++) {
			const struct hm_notspot *ns = &m.notspots.v[k];
			json_t *j = json_object(), *poly = json_array(), *fails = json_array();

			if (o->ward && strcmp(ns->ward, o->ward) != 0)
				continue;
			json_object_set_new(j, "id", json_integer((json_int_t)k + 1));
			json_object_set_new(j, "ward", json_string(ns->ward));
			json_object_set_new(j, "area_m2", jnum(ns->area_m2));
			json_object_set_new(j, "centroid_m", json_pack("[f,f]", round(ns->centroid.x * 100) / 100,
								       round(ns->centroid.y * 100) / 100));
			json_object_set_new(j, "worst", jnum(ns->worst));
			json_object_set_new(j, "worst_unit",
					    json_string(hm_metric_info(p->rules[0].metric)->unit));
			for (int r = 0; r < p->nrules; r++)
				if (ns->rules & (1u << r))
					json_array_append_new(fails, json_string(hm_rule_describe(
									     &p->rules[r], d, sizeof(d))));
			json_object_set_new(j, "fails", fails);
			for (size_t q = 0; q < ns->nring; q++)
				json_array_append_new(poly, json_pack("[f,f]", ns->ring[q].x, ns->ring[q].y));
			json_object_set_new(j, "polygon_m", poly);
			json_array_append_new(jn, j);
		}
		json_object_set_new(jf, "notspots", jn);
		json_array_append_new(jfloors, jf);
	} else if (o->csv) {
		if (!*printed_header) {
			printf("floor,ward,area_m2,surveyed_m2,surveyed_pct,pass_pct");
			for (int k = 0; k < p->nrules; k++)
				printf(",\"%s pass_pct\"", hm_rule_describe(&p->rules[k], d, sizeof(d)));
			printf(",notspots,notspot_m2\n");
			*printed_header = true;
		}
		for (size_t k = 0; k < na; k++)
			if (!o->ward || (k < fp->nwards && strcmp(fp->wards[k].name, o->ward) == 0))
				print_area(&st[k], p, true, fp->name);
	} else {
		printf("%s — %zu samples — profile %s%s%s%s%s\n", fp->name, m.nsamples, p->name,
		       o->ssid ? " — SSID " : "", o->ssid ? o->ssid : "", o->band >= 0 ? " — " : "",
		       o->band >= 0 ? hm_band_name(o->band) : "");
		printf("  %-24s %7s  %7s %6s  %6s", "ward", "area m²", "surv m²", "surv", "pass");
		for (int k = 0; k < p->nrules; k++)
			printf("  %6s", hm_metric_info(p->rules[k].metric)->key);
		printf("  %4s  %7s\n", "nots", "nots m²");
		for (size_t k = 0; k < na; k++)
			if (!o->ward || (k < fp->nwards && strcmp(fp->wards[k].name, o->ward) == 0))
				print_area(&st[k], p, false, fp->name);
		printf("  rules:");
		for (int k = 0; k < p->nrules; k++)
			printf("%s %s", k ? ";" : "", hm_rule_describe(&p->rules[k], d, sizeof(d)));
		printf("  (n/m: not measured)\n");
		for (size_t k = 0; k < m.notspots.n; k++) {
			const struct hm_notspot *ns = &m.notspots.v[k];

			if (o->ward && strcmp(ns->ward, o->ward) != 0)
				continue;
			printf("  not-spot %zu: %-18s %7.1f m² at (%.1f, %.1f) m, worst %.0f %s\n", k + 1,
			       ns->ward[0] ? ns->ward : "(no ward)", ns->area_m2, ns->centroid.x,
			       ns->centroid.y, ns->worst, hm_metric_info(p->rules[0].metric)->unit);
		}
		printf("\n");
	}
	free(st);
	hm_map_release(&m);
	rc = EXIT_OK;
out:
	hm_set_release(&set);
	floorplan_free(fp);
	return rc;
}

CLI_COMMAND(stats, 170, "coverage statistics and not-spots per ward");
int cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "floor", required_argument, NULL, 'F' },
		{ "ward", required_argument, NULL, 'W' },
		{ "ssid", required_argument, NULL, 's' },
		{ "band", required_argument, NULL, 'b' },
		{ "profile", required_argument, NULL, 'p' },
		{ "profile-file", required_argument, NULL, 'P' },
		{ "predict", no_argument, NULL, 'x' },
		{ "cell", required_argument, NULL, 'c' },
		{ "reach", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .band = -1, .cell = HM_CELL_DEFAULT_M, .reach = 5 };
	const char *floor = NULL, *pname = NULL, *pfile = NULL;
	struct survey_floor_info *floors = NULL;
	struct hm_profile prof;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	json_t *jfloors = NULL;
	bool have, header = false;
	size_t nf = 0;
	int c, rc = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'F': floor = optarg; break;
		case 'W': o.ward = optarg; break;
		case 's': o.ssid = optarg; break;
		case 'b':
			if ((o.band = hm_band_parse(optarg)) < 0)
				return cli_usage_error("stats", "--band is 2.4, 5 or 6, not '%s'", optarg);
			break;
		case 'p': pname = optarg; break;
		case 'P': pfile = optarg; break;
		case 'x': o.predict = true; break;
		case 'c':
			if (!cli_parse_double(optarg, &o.cell) || o.cell < 0.05 || o.cell > 5)
				return cli_usage_error("stats", "--cell is a size from 0.05 to 5 m, not '%s'",
						       optarg);
			break;
		case 'r':
			if (!cli_parse_double(optarg, &o.reach) || o.reach < 0.5 || o.reach > 100)
				return cli_usage_error("stats", "--reach is a distance from 0.5 to 100 m, not '%s'",
						       optarg);
			break;
		case 'j': o.json = true; break;
		case 'v': o.csv = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return cli_usage_error("stats", "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("stats", optind >= argc ? "which survey file?"
							      : "one survey file, please");
	if (o.json && o.csv)
		return cli_usage_error("stats", "--json or --csv, not both");
	if (hm_profile_choose(pname, pfile, &prof, &have, &err))
		return cli_fail("stats", &err);
	if (!have)
		return cli_usage_error("stats", "stats need a profile to judge by");
	o.prof = &prof;
	if (survey_open(argv[optind], SURVEY_READ_ONLY, &s, &err))
		return cli_fail(argv[optind], &err);
	if (o.json)
		jfloors = json_array();
	if (floor) {
		rc = one_floor(s, floor, &o, jfloors, &header);
	} else if (survey_list_floors(s, &floors, &nf, &err)) {
		rc = cli_fail(argv[optind], &err);
	} else if (nf == 0) {
		rc = cli_error(argv[optind], "the survey has no floors");
	} else {
		for (size_t k = 0; k < nf && rc == EXIT_OK; k++)
			rc = one_floor(s, floors[k].name, &o, jfloors, &header);
	}
	if (o.json && rc == EXIT_OK) {
		json_t *root = json_object(), *jp = json_object(), *rules = json_array();
		char d[96];

		json_object_set_new(root, "software", json_string("notspot " NOTSPOT_VERSION));
		json_object_set_new(root, "survey", json_string(argv[optind]));
		json_object_set_new(jp, "name", json_string(prof.name));
		json_object_set_new(jp, "source", json_string(prof.source));
		for (int k = 0; k < prof.nrules; k++)
			json_array_append_new(rules, json_string(hm_rule_describe(&prof.rules[k], d, sizeof(d))));
		json_object_set_new(jp, "rules", rules);
		json_object_set_new(root, "profile", jp);
		json_object_set_new(root, "ssid", o.ssid ? json_string(o.ssid) : json_null());
		json_object_set_new(root, "band", o.band >= 0 ? json_string(hm_band_name(o.band)) : json_null());
		json_object_set_new(root, "cell_m", json_real(o.cell));
		json_object_set_new(root, "reach_m", json_real(o.reach));
		json_object_set_new(root, "predicted", json_boolean(o.predict));
		json_object_set_new(root, "floors", jfloors);
		jfloors = NULL;
		json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
		putchar('\n');
		json_decref(root);
	}
	json_decref(jfloors);
	free(floors);
	survey_close(s);
	return rc;
}
