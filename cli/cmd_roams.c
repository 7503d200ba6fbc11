/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_roams.c — `notspot roams`: what the device went through on a floor's
 * walks: every roam and reconnect with its gap, the sticky stretches, and the
 * sums per ward (heatmap/roam.h).
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/floors.h"
#include "cli/mapopts.h"
#include "cli/roamtext.h"
#include "heatmap/roam.h"
#include "measure/channel.h"
#include "util/clock.h"
#include "util/mac.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot roams SURVEY [--floor F] [--better-db D] [--sticky-s S]\n"
		"                    [--profile P] [--profile-file FILE] [--json]\n"
		"The device's-eye view of a floor's walks, from the link polls and scans: every\n"
		"roam (onto another BSSID) and reconnect (back onto the same one) with the time\n"
		"without association, the signal before and after, and whether an AP at least D dB\n"
		"stronger on the same SSID had been heard and for how long before the roam; the\n"
		"sticky stretches (associated while such an AP was heard for at least S seconds);\n"
		"and the sums per ward. Gaps are as fine as the link poll interval.\n\n"
		"Options:\n"
		"  --floor F          the floor (default: the survey's only floor)\n"
		"  --better-db D      how much stronger another AP must be (default 8 dB)\n"
		"  --sticky-s S       how long a sticky stretch must last (default 10 s)\n"
		"  --profile P        judge each ward by the profile's roaming rules (a profile\n"
		"                     file's \"roaming\": {\"max_gap_s\": S, \"max_sticky_pct\": P})\n"
		"  --profile-file F   profiles from a JSON file (heatmap/README.md)\n"
		"  --json             machine-readable output\n"
		"  -h, --help         this help\n");
}

struct roams_args {
	const char *survey, *floor;
	struct hm_roam_opts o;
	const char *profile, *profile_file;
	struct hm_roam_rules rules;    /* the chosen profile's; none set: no verdicts */
	bool json;
};

static json_t *jnum(double v)
{
	return isfinite(v) ? json_real(round(v * 100) / 100) : json_null();
}

static json_t *jmac(const uint8_t m[6])
{
	char buf[MAC_TEXT_LEN];

	return json_string(mac_format(m, buf));
}

static json_t *jtime(int64_t t_us)
{
	char buf[32];

	return json_string(ns_format_utc(t_us, buf, sizeof(buf)));
}

static const char *ward_name(const struct floorplan *fp, int ward)
{
	return ward >= 0 ? fp->wards[ward].name : "";
}

static json_t *event_json(const struct floorplan *fp, const struct hm_roam_event *e)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string(hm_roam_kind_name(e->kind)));
	json_object_set_new(o, "walk", json_integer(e->walk_id));
	json_object_set_new(o, "time", jtime(e->t_us));
	json_object_set_new(o, "left", jtime(e->left_us));
	json_object_set_new(o, "gap_s", jnum(e->gap_s));
	json_object_set_new(o, "x_m", e->placed ? jnum(e->x_m) : json_null());
	json_object_set_new(o, "y_m", e->placed ? jnum(e->y_m) : json_null());
	json_object_set_new(o, "ward", json_string(ward_name(fp, e->ward)));
	json_object_set_new(o, "ssid", json_string(e->ssid));
	json_object_set_new(o, "from_bssid", jmac(e->from));
	json_object_set_new(o, "to_bssid", jmac(e->to));
	json_object_set_new(o, "from_ap", json_string(e->from_ap));
	json_object_set_new(o, "to_ap", json_string(e->to_ap));
	json_object_set_new(o, "from_freq_mhz", json_integer(e->from_freq_mhz));
	json_object_set_new(o, "to_freq_mhz", json_integer(e->to_freq_mhz));
	json_object_set_new(o, "before_dbm", jnum(e->before_dbm));
	json_object_set_new(o, "after_dbm", jnum(e->after_dbm));
	json_object_set_new(o, "better_available", json_boolean(e->better_available));
	json_object_set_new(o, "better_for_s", jnum(e->better_for_s));
	return o;
}

static json_t *sticky_json(const struct floorplan *fp, const struct hm_roam_sticky *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "walk", json_integer(t->walk_id));
	json_object_set_new(o, "from", jtime(t->from_us));
	json_object_set_new(o, "to", jtime(t->to_us));
	json_object_set_new(o, "duration_s", jnum((double)(t->to_us - t->from_us) / 1e6));
	json_object_set_new(o, "x_m", t->placed ? jnum(t->x_m) : json_null());
	json_object_set_new(o, "y_m", t->placed ? jnum(t->y_m) : json_null());
	json_object_set_new(o, "ward", json_string(ward_name(fp, t->ward)));
	json_object_set_new(o, "bssid", jmac(t->bssid));
	json_object_set_new(o, "ap", json_string(t->ap));
	json_object_set_new(o, "better_bssid", jmac(t->better_bssid));
	json_object_set_new(o, "better_ap", json_string(t->better_ap));
	json_object_set_new(o, "worst_margin_db", jnum(t->worst_db));
	return o;
}

static void print_json(const struct floorplan *fp, const struct hm_roam *r,
		       const struct hm_roam_rules *ru)
{
	json_t *root = json_object(), *ev = json_array(), *st = json_array(), *wards = json_array();

	json_object_set_new(root, "floor", json_string(fp->name));
	json_object_set_new(root, "better_db", jnum(r->opts.better_db));
	json_object_set_new(root, "sticky_min_s", jnum(r->opts.sticky_min_s));
	json_object_set_new(root, "walks", json_integer((json_int_t)r->nwalks));
	json_object_set_new(root, "total", cli_roam_sum_json(ru, &r->total));
	for (size_t i = 0; i < fp->nwards; i++) {
		json_t *w = cli_roam_sum_json(ru, &r->wards[i]);

		json_object_set_new(w, "name", json_string(fp->wards[i].name));
		json_array_append_new(wards, w);
	}
	for (size_t i = 0; i < r->nevents; i++)
		json_array_append_new(ev, event_json(fp, &r->events[i]));
	for (size_t i = 0; i < r->nstickies; i++)
		json_array_append_new(st, sticky_json(fp, &r->stickies[i]));
	json_object_set_new(root, "wards", wards);
	json_object_set_new(root, "events", ev);
	json_object_set_new(root, "sticky", st);
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	putchar('\n');
	json_decref(root);
}

static void print_text(const struct floorplan *fp, const struct hm_roam *r,
		       const struct hm_roam_rules *ru)
{
	char t[32], before[16], after[16], c1[MEAS_CHANNEL_LABEL_LEN], c2[MEAS_CHANNEL_LABEL_LEN];

	printf("%s: %zu walk(s) with link polls; better = >= %.0f dB stronger on the same SSID; "
	       "sticky = for >= %.0f s\n", fp->name, r->nwalks, r->opts.better_db,
	       r->opts.sticky_min_s);
	cli_roam_sum_head(ru);
	for (size_t i = 0; i < fp->nwards; i++)
		cli_roam_sum_row(fp->wards[i].name, ru, &r->wards[i]);
	cli_roam_sum_row("(whole floor)", ru, &r->total);
	for (size_t i = 0; i < r->nevents; i++) {
		const struct hm_roam_event *e = &r->events[i];

		printf("  %s %-9s %s %s -> %s %s, gap %.1f s, %s -> %s dBm%s%s",
		       ns_format_utc(e->t_us, t, sizeof(t)), hm_roam_kind_name(e->kind), e->from_ap,
		       meas_channel_label(e->from_freq_mhz, c1, sizeof(c1)), e->to_ap,
		       meas_channel_label(e->to_freq_mhz, c2, sizeof(c2)), e->gap_s,
		       cli_fmt_num(before, sizeof(before), e->before_dbm, 0, false),
		       cli_fmt_num(after, sizeof(after), e->after_dbm, 0, false),
		       e->ward >= 0 ? ", in " : "", ward_name(fp, e->ward));
		if (e->better_available)
			printf(", better AP heard %.1f s before", e->better_for_s);
		putchar('\n');
	}
	for (size_t i = 0; i < r->nstickies; i++) {
		const struct hm_roam_sticky *s = &r->stickies[i];

		printf("  %s sticky    on %s for %.0f s while %s was up to %.0f dB stronger%s%s\n",
		       ns_format_utc(s->from_us, t, sizeof(t)), s->ap,
		       (double)(s->to_us - s->from_us) / 1e6, s->better_ap, s->worst_db,
		       s->ward >= 0 ? ", in " : "", ward_name(fp, s->ward));
	}
}

static int roams_option(void *ctx, int c, const char *arg)
{
	struct roams_args *a = ctx;

	switch (c) {
	case 'F': a->floor = arg; break;
	case 'b':
		if (!cli_parse_double(arg, &a->o.better_db) || a->o.better_db < 1 ||
		    a->o.better_db > 40)
			return cli_usage_error("roams", "--better-db is 1 to 40 dB, not '%s'", arg);
		break;
	case 's':
		if (!cli_parse_double(arg, &a->o.sticky_min_s) || a->o.sticky_min_s < 0 ||
		    a->o.sticky_min_s > 3600)
			return cli_usage_error("roams", "--sticky-s is 0 to 3600 s, not '%s'", arg);
		break;
	case 'p': a->profile = arg; break;
	case 'P': a->profile_file = arg; break;
	case 'j': a->json = true; break;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct roams_args *a)
{
	static const struct option longopts[] = {
		{ "floor", required_argument, NULL, 'F' },
		{ "better-db", required_argument, NULL, 'b' },
		{ "sticky-s", required_argument, NULL, 's' },
		{ "profile", required_argument, NULL, 'p' },
		{ "profile-file", required_argument, NULL, 'P' },
		{ "json", no_argument, NULL, 'j' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "roams", "h", longopts, usage, roams_option };
	int rc;

	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	if (argc - optind != 1)
		return cli_usage_error("roams", "give one survey file");
	a->survey = argv[optind];
	if (a->profile || a->profile_file) {
		struct hm_profile p;
		struct ns_err err = { 0 };
		bool have = false;

		if (hm_profile_choose(a->profile, a->profile_file, &p, &have, &err))
			return cli_fail("roams", &err);
		if (have)
			a->rules = p.roaming;
	}
	return EXIT_OK;
}

CLI_COMMAND(roams, 177, "roams, gaps and sticky clients along the walks");
int cmd_roams(int argc, char **argv)
{
	struct roams_args a = { 0 };
	struct survey *s = NULL;
	struct floorplan *fp = NULL;
	struct hm_roam r = { 0 };
	struct ns_err err = { 0 };
	int rc;

	hm_roam_opts_default(&a.o);
	if ((rc = parse(argc, argv, &a)))
		return cli_status(rc);
	if ((rc = floor_cli_open("roams", a.survey, NULL, a.floor, SURVEY_READ_ONLY,
				 SURVEY_LOAD_ELEMENTS, &s, &fp)))
		return rc;
	if (hm_roam_load(s, fp->id, fp, &a.o, &r, &err)) {
		rc = cli_fail("roams", &err);
		goto out;
	}
	if (a.json)
		print_json(fp, &r, &a.rules);
	else
		print_text(fp, &r, &a.rules);
	rc = EXIT_OK;
out:
	hm_roam_release(&r);
	floorplan_free(fp);
	survey_close(s);
	return rc;
}
