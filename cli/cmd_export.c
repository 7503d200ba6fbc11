/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_export.c — `notspot export SURVEY (--csv|--json|--openintent) [-o FILE]`.
 * With -o the output is written beside FILE and renamed into place only once
 * complete, so a failed export never leaves half a file under FILE's name.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "formats/openintent.h"
#include "survey/csv.h"
#include "survey/json.h"
#include "survey/survey.h"
#include "util/outfile.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot export SURVEY (--csv | --json | --openintent) [--floor F] [-o FILE]\n"
		"Export a survey (to standard output unless -o is given).\n\n"
		"  --csv        observations in the long CSV format: one row per BSSID per\n"
		"               sample, a failed or empty sample as one row with no BSSID\n"
		"               (columns: survey/README.md)\n"
		"  --json       the whole survey: details, floors with their geometry, walks\n"
		"               with waypoints, samples with observations, links, throughputs\n"
		"  --openintent the survey as an OpenIntent 2.x document (for Hamina and other\n"
		"               tools): floors, walls, wards, APs, walks as survey paths with\n"
		"               their scans (formats/README.md: what it keeps and loses)\n"
		"  --floor F    with --csv: only the samples on floor F\n"
		"  -o FILE      write FILE (replaced only when the export is complete)\n"
		"  -h, --help   show this help\n\n"
		"The survey is opened read-only and never changed.\n");
}

static void show_progress(void *arg, int64_t done, int64_t total)
{
	(void)arg;
	cli_progress("exporting samples", (long)done, (long)total);
}

struct export_args {
	const char *out_path, *floor;
	int format;                 /* 'c' (CSV), 'j' (JSON), 'i' (OpenIntent), 0 not chosen */
};

static int export_option(void *ctx, int c, const char *arg)
{
	struct export_args *a = ctx;

	switch (c) {
	case 'c':
	case 'j':
	case 'i':
		if (a->format && a->format != c)
			return cli_usage_error("export", "choose one of --csv, --json and --openintent");
		a->format = c;
		break;
	case 'f': a->floor = arg; break;
	case 'o': a->out_path = arg; break;
	}
	return EXIT_OK;
}

CLI_COMMAND(export, 50, "export a survey as CSV (observations), JSON (everything) or OpenIntent");
int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "openintent", no_argument, NULL, 'i' },
		{ "floor", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "export", ":ho:", opts, usage, export_option };
	struct export_args a = { 0 };
	const char *out_path, *floor;
	struct ns_outfile of;
	struct survey *s;
	struct ns_err err;
	struct fmt_oi_export_stats oi = { 0 };
	int rc, format;
	int64_t floor_id = 0;
	FILE *out = stdout;
	const struct survey_progress progress = { show_progress, NULL };

	if ((rc = cli_getopt(&parser, &a, argc, argv)))
		return cli_status(rc);
	out_path = a.out_path;
	floor = a.floor;
	format = a.format;
	if (argc - optind != 1)
		return cli_usage_error("export", "give one SURVEY");
	if (!format)
		return cli_usage_error("export", "choose a format: --csv, --json or --openintent");
	if (floor && format != 'c')
		return cli_usage_error("export", "--floor goes with --csv");

	if (survey_open(argv[optind], SURVEY_READ_ONLY, &s, &err))
		return cli_fail("cannot open the survey", &err);
	if (floor) {
		floor_id = survey_find_floor(s, floor, &err);
		if (floor_id < 0) {
			survey_close(s);
			return cli_fail("cannot export", &err);
		}
	}
	/* A device or pipe (-o /dev/stdout) is written in place; a file is replaced whole. */
	if (out_path) {
		if (ns_outfile_open(&of, out_path, &err)) {
			survey_close(s);
			return cli_fail("cannot export", &err);
		}
		out = of.f;
	}
	errno = 0;
	if (format == 'c')
		rc = survey_csv_export(s, floor_id, out, &progress, &err);
	else if (format == 'j')
		rc = survey_json_export(s, out, &progress, &err);
	else
		rc = fmt_openintent_export(s, out, &progress, &oi, &err);
	/* A write that failed: name where the bytes were going, with the real cause. */
	if (rc && ferror(out) && errno)
		ns_err_set(&err, -errno, "cannot write %s: %s", out_path ? out_path : "standard output",
			   strerror(errno));
	survey_close(s);
	if (out_path) {
		if (rc)
			ns_outfile_abort(&of);
		else
			rc = ns_outfile_commit(&of, &err);
	}
	if (rc)
		return cli_fail("cannot export", &err);
	if (oi.floors_left_out)
		fprintf(stderr, "notspot export: %zu floor%s without a scale left out (OpenIntent "
			"needs metres: notspot floor scale)\n", oi.floors_left_out,
			oi.floors_left_out == 1 ? "" : "s");
	return EXIT_OK;
}
