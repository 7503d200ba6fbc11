/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_diff.c — `notspot diff`: before and after, as a difference map and the
 * change in each ward's numbers.
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/mapopts.h"
#include "heatmap/diff.h"

#define DIFF_MAP_FLAGS 0

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot diff BEFORE AFTER [--floor F] [--ward W] [--map M] [--profile P]\n"
		"                    [-o DELTA.png|.pdf] [--json]\n"
		"Compare two surveys of one floor: a map of the change (after - before, in dB for\n"
		"signal) where both surveys cover the place, on a colour-blind-safe diverging\n"
		"scale, and per ward the area passing a requirement profile before and after.\n"
		"Both maps are of the BEFORE survey's floor, cropped to the --ward if given.\n\n"
		"Options:\n");
	cli_map_help(f, DIFF_MAP_FLAGS);
	fprintf(f,
		"  --map M            primary (default), secondary, snr, aps, cochannel, ...\n"
		"  --width PX         PNG width (default 2400)\n"
		"  -o, --output FILE  the difference map, .png or .pdf (the PDF has the table too)\n"
		"  --json             the table as JSON on stdout\n"
		"  -h, --help         this help\n");
}

static void print_table(const struct hm_diff *d)
{
	const char *unit = hm_diff_unit(d->opts.metric);
	char lo[16], hi[16];

	printf("%s: %s (%s) -> %s (%s); profile %s; change in %s\n", d->fp->name, d->before_name,
	       d->before_dates, d->after_name, d->after_dates, d->profile.name,
	       hm_metric_info(d->opts.metric)->key);
	printf("  %-22s %17s %25s %21s %17s %8s\n", "ward", "surveyed m²", "passing m² (share)",
	       "passing, both surv.", "not-spots", "mean");
	for (size_t k = 0; k < d->nareas; k++) {
		const struct hm_diff_area *a = &d->areas[k];
		char s1[40], s2[64], s3[40], s4[40], p1[16], p2[16], mean[16];

		snprintf(s1, sizeof(s1), "%.0f -> %.0f", a->before.surveyed_m2, a->after.surveyed_m2);
		snprintf(s2, sizeof(s2), "%.0f (%s) -> %.0f (%s)", a->before.pass_m2,
			 cli_fmt_share(p1, sizeof(p1), a->before.pass_m2, a->before.surveyed_m2),
			 a->after.pass_m2,
			 cli_fmt_share(p2, sizeof(p2), a->after.pass_m2, a->after.surveyed_m2));
		snprintf(s3, sizeof(s3), "%s -> %s",
			 cli_fmt_share(p1, sizeof(p1), a->pass_both_before_m2, a->both_m2),
			 cli_fmt_share(p2, sizeof(p2), a->pass_both_after_m2, a->both_m2));
		snprintf(s4, sizeof(s4), "%zu -> %zu", a->before.notspots, a->after.notspots);
		printf("  %-22s %17s %25s %21s %17s %8s\n", a->before.name, s1, s2, s3, s4,
		       cli_fmt_num(mean, sizeof(mean), a->mean_change, 1, true));
	}
	if (d->compared_m2 > 0)
		printf("  compared over %.0f m²: better by >= %.0f %s on %.0f m², worse on %.0f m²; "
		       "change from %s to %s %s\n",
		       d->compared_m2, d->material, unit, d->better_m2, d->worse_m2,
		       cli_fmt_num(lo, sizeof(lo), d->min_change, 1, true),
		       cli_fmt_num(hi, sizeof(hi), d->max_change, 1, true), unit);
	else
		printf("  nothing compared: no place is covered by both surveys\n");
}

static json_t *jnum(double v)
{
	return isfinite(v) ? json_real(round(v * 100) / 100) : json_null();
}

static void print_json(const struct hm_diff *d)
{
	json_t *root = json_object(), *wards = json_array();

	json_object_set_new(root, "floor", cli_json_str(d->fp->name));
	json_object_set_new(root, "before", cli_json_str(d->before_name));
	json_object_set_new(root, "after", cli_json_str(d->after_name));
	json_object_set_new(root, "metric", json_string(hm_metric_info(d->opts.metric)->key));
	json_object_set_new(root, "profile", json_string(d->profile.name));
	json_object_set_new(root, "compared_m2", jnum(d->compared_m2));
	json_object_set_new(root, "better_m2", jnum(d->better_m2));
	json_object_set_new(root, "worse_m2", jnum(d->worse_m2));
	json_object_set_new(root, "min_change", jnum(d->min_change));
	json_object_set_new(root, "max_change", jnum(d->max_change));
	for (size_t k = 0; k < d->nareas; k++) {
		const struct hm_diff_area *a = &d->areas[k];
		json_t *w = json_object();

		json_object_set_new(w, "name", cli_json_str(a->before.name));
		json_object_set_new(w, "surveyed_before_m2", jnum(a->before.surveyed_m2));
		json_object_set_new(w, "surveyed_after_m2", jnum(a->after.surveyed_m2));
		json_object_set_new(w, "pass_before_m2", jnum(a->before.pass_m2));
		json_object_set_new(w, "pass_after_m2", jnum(a->after.pass_m2));
		json_object_set_new(w, "both_m2", jnum(a->both_m2));
		json_object_set_new(w, "pass_both_before_m2", jnum(a->pass_both_before_m2));
		json_object_set_new(w, "pass_both_after_m2", jnum(a->pass_both_after_m2));
		json_object_set_new(w, "notspots_before", json_integer((json_int_t)a->before.notspots));
		json_object_set_new(w, "notspots_after", json_integer((json_int_t)a->after.notspots));
		json_object_set_new(w, "mean_change", jnum(a->mean_change));
		json_array_append_new(wards, w);
	}
	json_object_set_new(root, "wards", wards);
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	putchar('\n');
	json_decref(root);
}

struct diff_args {
	struct cli_map map;
	struct hm_diff_opts o;
	const char *before, *after, *out;
	bool json;
	long width;     /* PNG width, px */
	int fmt;        /* enum hm_format of out */
};

static int diff_option(void *ctx, int c, const char *arg)
{
	struct diff_args *a = ctx;
	int m;

	switch (c) {
	CLI_MAP_CASES: return cli_map_option("diff", &a->map, c, arg);
	case 'm':
		if ((m = hm_metric_parse(arg)) < 0)
			return cli_usage_error("diff", "there is no map '%s' (primary, secondary, snr, "
						       "aps, cochannel, ...)", arg);
		a->o.metric = (enum hm_metric)m;
		break;
	case 'w':
		if (!cli_parse_int(arg, &a->width) || a->width < 400 || a->width > 20000)
			return cli_usage_error("diff", "--width is 400 to 20000 pixels, not '%s'",
					       arg);
		break;
	case 'o': a->out = arg; break;
	case 'j': a->json = true; break;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct diff_args *a)
{
	static const struct option longopts[] = {
		CLI_MAP_LONGOPTS,
		{ "map", required_argument, NULL, 'm' },
		{ "width", required_argument, NULL, 'w' },
		{ "output", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "diff", "o:h", longopts, usage, diff_option };
	int rc;

	cli_map_init(&a->map, DIFF_MAP_FLAGS);
	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	cli_map_to_diff_opts(&a->map, &a->o);
	if (argc - optind != 2)
		return cli_usage_error("diff", "give two survey files: BEFORE AFTER");
	a->before = argv[optind];
	a->after = argv[optind + 1];
	if (a->out && ((a->fmt = hm_format_of_path(a->out)) < 0 || a->fmt == HM_FMT_SVG))
		return cli_usage_error("diff", "the output '%s' must end in .png or .pdf", a->out);
	return EXIT_OK;
}

CLI_COMMAND(diff, 190, "before/after: the change in signal and in the area passing");
int cmd_diff(int argc, char **argv)
{
	struct diff_args a = { .width = 2400 };
	struct hm_diff d;
	struct ns_err err = { 0 };
	int rc;

	hm_diff_opts_default(&a.o);
	if ((rc = parse(argc, argv, &a)))
		return cli_status(rc);
	if (hm_diff_files(a.before, a.after, &a.o, NULL, &d, &err)) {
		rc = cli_fail("diff", &err);
		goto out;
	}
	if (a.out && hm_diff_render(&d, a.out, (enum hm_format)a.fmt, (int)a.width, &err)) {
		rc = cli_fail("diff", &err);
		goto out;
	}
	if (a.json)
		print_json(&d);
	else
		print_table(&d);
	rc = EXIT_OK;
out:
	hm_diff_release(&d);
	return rc;
}
