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
	memcpy(dst, value, strlen(value) + 1);
	return 0;
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct survey_meta m;
	struct survey *s;
	struct ns_err err;
	int c, rc = 0;

	memset(&m, 0, sizeof(m));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 's': rc = set_field(m.site, sizeof(m.site), optarg, "--site"); break;
		case 'o': rc = set_field(m.organisation, sizeof(m.organisation), optarg, "--organisation"); break;
		case 'u': rc = set_field(m.surveyor, sizeof(m.surveyor), optarg, "--surveyor"); break;
		case 'n': rc = set_field(m.notes, sizeof(m.notes), optarg, "--notes"); break;
		case 'h': usage(stdout); return EXIT_OK;
		case ':': return cli_usage_error("new", "%s needs a value", argv[optind - 1]);
		default: return cli_usage_error("new", "unknown option '%s'", argv[optind - 1]);
		}
		if (rc)
			return rc;
	}
	if (optind + 1 != argc)
		return cli_usage_error("new", optind == argc ? "which survey file? (SURVEY is missing)"
							     : "only one SURVEY, please");
	if (survey_create(argv[optind], &m, &s, &err))
		return cli_fail("cannot create the survey", &err);
	survey_close(s);
	printf("Created %s (survey schema version %d).\n", argv[optind], SURVEY_SCHEMA_VERSION);
	return EXIT_OK;
}
