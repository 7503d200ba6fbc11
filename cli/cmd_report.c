/*
 * cmd_report.c — `notspot report`: the evidence report of a survey as an A4 PDF.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "heatmap/report.h"
#include "util/clock.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot report SURVEY --profile P [OPTIONS] -o REPORT.pdf\n"
		"Write an A4 evidence report: cover (site, floors, wards, dates, surveyor,\n"
		"equipment, software, profile), a summary table per ward, per-ward pages with\n"
		"the maps the profile needs and the not-spot list, the method with the\n"
		"thresholds and their sources, and the access points heard.\n\n"
		"Options:\n"
		"  --profile P        nhs-data (default), voice, clinical-badge, medical-device,\n"
		"                     rtls, or a name from --profile-file\n"
		"  --profile-file F   requirement profiles from a JSON file\n"
		"  --floor F          only floor F (default: every floor)\n"
		"  --ward W           only ward W (repeat for several)\n"
		"  --ssid S           only BSSIDs of SSID S may serve\n"
		"  --band 2.4|5|6     only BSSIDs in this band may serve\n"
		"  --predict          judge cells beyond the reach by the model (the report says so)\n"
		"  --cell M           grid cell in metres (default 0.25)\n"
		"  --reach M          cells farther than M from every sample are not surveyed (5)\n"
		"  --date YYYY-MM-DD  the report's date (default today, UTC)\n"
		"  -o, --output FILE  the report, .pdf\n"
		"  -h, --help         this help\n");
}

static void progress(void *arg, int page, int pages)
{
	(void)arg;
	cli_progress("report pages", page, pages);
}

CLI_COMMAND(report, 180, "an A4 PDF evidence report of a survey against a profile");
int cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "profile-file", required_argument, NULL, 'P' },
		{ "floor", required_argument, NULL, 'F' },
		{ "ward", required_argument, NULL, 'W' },
		{ "ssid", required_argument, NULL, 's' },
		{ "band", required_argument, NULL, 'b' },
		{ "predict", no_argument, NULL, 'x' },
		{ "cell", required_argument, NULL, 'c' },
		{ "reach", required_argument, NULL, 'r' },
		{ "date", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hm_report_opts o;
	struct hm_report_info info;
	struct ns_err err = { 0 };
	const char *out = NULL;
	size_t len;
	int c;

	hm_report_opts_default(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': o.profile = optarg; break;
		case 'P': o.profile_file = optarg; break;
		case 'F': o.floor = optarg; break;
		case 'W':
			if (o.nwards == HM_REPORT_MAX_WARDS)
				return cli_usage_error("report", "at most %d --ward options",
						       HM_REPORT_MAX_WARDS);
			o.wards[o.nwards++] = optarg;
			break;
		case 's': o.ssid = optarg; break;
		case 'b':
			if ((o.band = hm_band_parse(optarg)) < 0)
				return cli_usage_error("report", "--band is 2.4, 5 or 6, not '%s'", optarg);
			break;
		case 'x': o.predict = true; break;
		case 'c':
			if (!cli_parse_double(optarg, &o.cell_m) || o.cell_m < 0.05 || o.cell_m > 5)
				return cli_usage_error("report", "--cell is a size from 0.05 to 5 m, not '%s'",
						       optarg);
			break;
		case 'r':
			if (!cli_parse_double(optarg, &o.reach_m) || o.reach_m < 0.5 || o.reach_m > 100)
				return cli_usage_error("report",
						       "--reach is a distance from 0.5 to 100 m, not '%s'",
						       optarg);
			break;
		case 'd': {
			char iso[40];

			snprintf(iso, sizeof(iso), "%.10sT12:00:00Z", optarg);
			if (strlen(optarg) != 10 || ns_parse_utc(iso, &o.date_us))
				return cli_usage_error("report", "--date is YYYY-MM-DD, not '%s'", optarg);
			break;
		}
		case 'o': out = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return cli_usage_error("report", "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("report", optind >= argc ? "which survey file?"
							       : "one survey file, please");
	if (!out)
		return cli_usage_error("report", "where to? give -o REPORT.pdf");
	len = strlen(out);
	if (len < 4 || strcmp(out + len - 4, ".pdf") != 0)
		return cli_usage_error("report", "the report is a PDF: '%s' must end in .pdf", out);
	if (cli_is_tty()) {
		o.progress = progress;
		cli_progress("report: estimating maps", 0, 1);
	}
	if (hm_report_write_path(argv[optind], &o, out, &info, &err))
		return cli_fail("report", &err);
	printf("%s: %d pages, %zu floor%s, %zu ward%s, %zu not-spot%s%s\n", out, info.pages,
	       info.floors, info.floors == 1 ? "" : "s", info.wards, info.wards == 1 ? "" : "s",
	       info.notspots, info.notspots == 1 ? "" : "s",
	       info.simulated ? " (simulated data, marked as such)" : "");
	return EXIT_OK;
}
