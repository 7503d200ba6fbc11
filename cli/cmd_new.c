/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_new.c — `notspot new SURVEY`: create an empty survey file for a site.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "survey/survey.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot new SURVEY [--site S] [--organisation O] [--surveyor N] [--notes T]\n"
		"Create an empty survey file (one per site; *.notspot by convention).\n\n"
		"  --site S          the site, e.g. \"St Elsewhere General Hospital\"\n"
		"  --organisation O  who owns the site, e.g. \"St Elsewhere NHS Foundation Trust\"\n"
		"  --surveyor N      the default operator of walks\n"
		"  --notes T         free text kept with the survey\n"
		"  -h, --help        show this help\n\n"
		"An existing file is never overwritten. Add floors next with 'notspot floor'.\n");
}

static int set_field(char *dst, size_t cap, const char *value, const char *opt)
{
	if (strlen(value) >= cap)
		return cli_usage_error("new", "%s is longer than %zu bytes", opt, cap - 1);
	if (cli_check_name("new", opt, value, cap, NS_TEXT_OPTIONAL))
		return EXIT_USAGE;
	memcpy(dst, value, strlen(value) + 1);
	return 0;
}

static int new_option(void *ctx, int c, const char *arg)
{
	struct survey_meta *m = ctx;

	switch (c) {
	case 's': return set_field(m->site, sizeof(m->site), arg, "--site");
	case 'o': return set_field(m->organisation, sizeof(m->organisation), arg, "--organisation");
	case 'u': return set_field(m->surveyor, sizeof(m->surveyor), arg, "--surveyor");
	case 'n': return set_field(m->notes, sizeof(m->notes), arg, "--notes");
	}
	return EXIT_OK;
}

CLI_COMMAND(new, 20, "create an empty survey file for a site");
int cmd_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "site", required_argument, NULL, 's' },
		{ "organisation", required_argument, NULL, 'o' },
		{ "organization", required_argument, NULL, 'o' },
		{ "surveyor", required_argument, NULL, 'u' },
		{ "notes", required_argument, NULL, 'n' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "new", ":h", opts, usage, new_option };
	struct survey_meta m;
	struct survey *s;
	struct ns_err err;
	int rc;

	memset(&m, 0, sizeof(m));
	if ((rc = cli_getopt(&parser, &m, argc, argv)))
		return cli_status(rc);
	if (optind + 1 != argc)
		return cli_usage_error("new", optind == argc ? "which survey file? (SURVEY is missing)"
							     : "only one SURVEY, please");
	if (survey_create(argv[optind], &m, &s, &err))
		return cli_fail("cannot create the survey", &err);
	survey_close(s);
	printf("Created %s (survey schema version %d).\n", argv[optind], SURVEY_SCHEMA_VERSION);
	return EXIT_OK;
}
