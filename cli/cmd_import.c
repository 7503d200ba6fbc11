/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_import.c — `notspot import SURVEY --floor F FILE.csv`: observations from
 * the long CSV format into one floor as a new walk, all or nothing.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "survey/csv.h"
#include "survey/survey.h"
#include "util/file.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot import SURVEY --floor F FILE.csv\n"
		"Import observations in notspot's long CSV format (one row per BSSID per\n"
		"sample; see 'notspot export --csv' and survey/README.md) into floor F as a\n"
		"new walk of mode \"import\". FILE '-' reads standard input.\n\n"
		"  --floor F    the floor, by name, that the x_m/y_m positions are on\n"
		"  --json       print what was imported as JSON\n"
		"  -h, --help   show this help\n\n"
		"All or nothing: the first bad row is named by line, column and reason, and\n"
		"nothing is imported.\n");
}

static void show_progress(void *arg, int64_t done, int64_t total)
{
	(void)arg;
	cli_progress("importing lines", (long)done, (long)total);
}

struct import_args {
	const char *floor;
	bool json;
};

static int import_option(void *ctx, int c, const char *arg)
{
	struct import_args *a = ctx;

	if (c == 'f')
		a->floor = arg;
	else
		a->json = true;
	return EXIT_OK;
}

CLI_COMMAND(import, 40, "import observations from CSV into a floor as a new walk");
int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "floor", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "import", ":h", opts, usage, import_option };
	struct import_args a = { 0 };
	const char *floor, *path, *csv_path;
	const struct survey_progress progress = { show_progress, NULL };
	struct survey_csv_import_stats st;
	struct survey *s;
	struct ns_err err;
	char *data, what[4200];
	size_t len = 0;
	FILE *in;
	int rc;

	if ((rc = cli_getopt(&parser, &a, argc, argv)))
		return cli_status(rc);
	floor = a.floor;
	if (argc - optind != 2)
		return cli_usage_error("import", "give the SURVEY and one FILE.csv");
	if (!floor)
		return cli_usage_error("import", "which floor? (--floor F)");
	path = argv[optind];
	csv_path = argv[optind + 1];

	in = strcmp(csv_path, "-") ? fopen(csv_path, "rb") : stdin;
	if (!in)
		return cli_error("cannot import", "%s: %s", csv_path, strerror(errno));
	rc = ns_read_stream(in, strcmp(csv_path, "-") ? csv_path : "standard input", SIZE_MAX,
			    &data, &len, &err);
	if (in != stdin)
		fclose(in);
	if (rc)
		return cli_fail("cannot import", &err);
	if (survey_open(path, SURVEY_READ_WRITE, &s, &err)) {
		free(data);
		return cli_fail("cannot open the survey", &err);
	}
	rc = survey_csv_import(s, floor, strcmp(csv_path, "-") ? csv_path : "standard input", data,
			       len, &st, &progress, &err);
	survey_close(s);
	free(data);
	if (rc) {
		snprintf(what, sizeof(what), "cannot import %s (nothing was imported)",
			 strcmp(csv_path, "-") ? csv_path : "standard input");
		return cli_fail(what, &err);
	}
	if (a.json) {
		json_t *j = json_pack("{s:I,s:s,s:I,s:I}", "walk_id", (json_int_t)st.walk_id,
				      "floor", floor, "samples", (json_int_t)st.samples,
				      "observations", (json_int_t)st.observations);

		if (j)
			json_dumpf(j, stdout, 0);
		putchar('\n');
		json_decref(j);
	} else
		printf("Imported %zu sample%s (%zu observation%s) from %s into floor '%s' as walk "
		       "%lld.\n", st.samples, st.samples == 1 ? "" : "s", st.observations,
		       st.observations == 1 ? "" : "s", csv_path, floor, (long long)st.walk_id);
	return EXIT_OK;
}
