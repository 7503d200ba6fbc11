/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_report.c — `notspot report`: the evidence report of a survey as an A4 PDF.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/mapopts.h"
#include "heatmap/report.h"
#include "util/clock.h"

#define REPORT_MAP_FLAGS (CLI_MAP_EVERY_FLOOR | CLI_MAP_WARD_LIST)

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot report SURVEY --profile P [OPTIONS] -o REPORT.pdf\n"
		"Write an A4 evidence report to attach to a bid: a cover (site, floors, wards,\n"
		"dates, surveyor, equipment, software, profile, sign-off), an executive summary\n"
		"with each floor's pass/fail map, a summary table by ward and what needs action,\n"
		"a page per ward with its map and its not-spots in the rooms they lie in, the\n"
		"method with the thresholds and their sources, and the access points heard. The\n"
		"PDF has bookmarks, its title, author and language, and tagged structure.\n\n"
		"Options:\n");
	cli_map_help(f, REPORT_MAP_FLAGS);
	fprintf(f,
		"  --date YYYY-MM-DD  the report's date (default today, UTC)\n"
		"  --detail           also every map the profile needs for each ward\n"
		"  --roaming          also a roaming page per level: roams, gaps and sticky\n"
		"                     stretches on the map and per ward (see `notspot roams`)\n"
		"  --channel-plan     also a channel-plan page per level: each AP radio's channel\n"
		"                     and width, DFS/PSC/off-plan flags, overlaps, reuse distance\n"
		"  --device N         judge as device N hears: its stored receive offset (notspot\n"
		"                     calibrate) on every signal; every page's header and the\n"
		"                     cover say so, with the figure and its source\n"
		"                     (signal, secondary, SNR, co-channel, ...)\n"
		"  --template FILE    the trust's branding and governance (JSON: organisation,\n"
		"                     logo, author, reviewer, document_reference,\n"
		"                     classification, language, title; heatmap/README.md)\n"
		"  -o, --output FILE  the report, .pdf\n"
		"  -h, --help         this help\n");
}

static void progress(void *arg, int page, int pages)
{
	(void)arg;
	cli_progress("report pages", page, pages);
}

/* --date YYYY-MM-DD: noon UTC of that day, as the report's date. */
static int parse_date(const char *arg, int64_t *date_us)
{
	char iso[40];

	snprintf(iso, sizeof(iso), "%.10sT12:00:00Z", arg);
	if (strlen(arg) != 10 || ns_parse_utc(iso, date_us))
		return cli_usage_error("report", "--date is YYYY-MM-DD, not '%s'", arg);
	return EXIT_OK;
}

struct report_args {
	struct cli_map map;
	struct hm_report_opts *o;
	const char *out;
	const char *template_path;
};

static int report_option(void *ctx, int c, const char *arg)
{
	struct report_args *a = ctx;

	switch (c) {
	CLI_MAP_CASES: return cli_map_option("report", &a->map, c, arg);
	case 'd': return parse_date(arg, &a->o->date_us);
	case 'D': a->o->detail = true; break;
	case 'R': a->o->roaming = true; break;
	case 'C': a->o->channels = true; break;
	case 'V': a->o->device = arg; break;
	case 't': a->template_path = arg; break;
	case 'o': a->out = arg; break;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct hm_report_opts *o, const char **survey,
		 const char **out, const char **tpl)
{
	static const struct option longopts[] = {
		CLI_MAP_LONGOPTS,
		{ "date", required_argument, NULL, 'd' },
		{ "detail", no_argument, NULL, 'D' },
		{ "roaming", no_argument, NULL, 'R' },
		{ "channel-plan", no_argument, NULL, 'C' },
		{ "device", required_argument, NULL, 'V' },
		{ "template", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "report", "o:h", longopts, usage,
						    report_option };
	struct report_args a = { .o = o };
	int rc;

	cli_map_init(&a.map, REPORT_MAP_FLAGS);
	if ((rc = cli_getopt(&parser, &a, argc, argv)))
		return rc;
	cli_map_to_report_opts(&a.map, o);
	*out = a.out;
	*tpl = a.template_path;
	return cli_map_survey("report", argc, argv, survey);
}

CLI_COMMAND(report, 180, "an A4 PDF evidence report of a survey against a profile");
int cmd_report(int argc, char **argv)
{
	struct hm_report_opts o;
	struct hm_report_info info;
	struct hm_report_template tpl;
	struct ns_err err = { 0 };
	const char *survey, *out = NULL, *tpl_path = NULL;
	size_t len;
	int rc;

	hm_report_opts_default(&o);
	if ((rc = parse(argc, argv, &o, &survey, &out, &tpl_path)))
		return cli_status(rc);
	if (!out)
		return cli_usage_error("report", "where to? give -o REPORT.pdf");
	len = strlen(out);
	if (len < 4 || strcmp(out + len - 4, ".pdf") != 0)
		return cli_usage_error("report", "the report is a PDF: '%s' must end in .pdf", out);
	if (tpl_path) {
		if (hm_report_template_load(tpl_path, &tpl, &err))
			return cli_fail("report", &err);
		o.tpl = &tpl;
	}
	if (cli_is_tty()) {
		o.progress = progress;
		cli_progress("report: estimating maps", 0, 1);
	}
	rc = hm_report_write_path(survey, &o, out, &info, &err);
	if (tpl_path)
		hm_report_template_release(&tpl);
	if (rc)
		return cli_fail("report", &err);
	printf("%s: %d pages, %zu floor%s, %zu ward%s, %zu not-spot%s%s\n", out, info.pages,
	       info.floors, info.floors == 1 ? "" : "s", info.wards, info.wards == 1 ? "" : "s",
	       info.notspots, info.notspots == 1 ? "" : "s",
	       info.simulated ? " (simulated data, marked as such)" : "");
	return EXIT_OK;
}
