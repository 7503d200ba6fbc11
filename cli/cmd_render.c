/*
 * cmd_render.c — `notspot render`: one heatmap of a surveyed floor or ward as
 * PNG, PDF or SVG, and/or the computed grid as CSV or float32.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "floorplans/loader.h"
#include "heatmap/export.h"
#include "heatmap/load.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "survey/survey.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot render SURVEY [--floor F] [--ward W] --map MAP [OPTIONS] -o OUT\n"
		"Draw a heatmap of a surveyed floor (or one ward, cropped to it) as PNG, PDF or\n"
		"SVG, judged against a requirement profile; not-spots are outlined and hatched,\n"
		"areas nobody surveyed are hatched grey.\n\n"
		"Maps: primary secondary snr aps cochannel utilisation rate throughput\n"
		"      throughput-up rtt loss jitter pass\n\n"
		"Options:\n"
		"  --floor F          the floor (needed when the survey has several)\n"
		"  --ward W           crop to ward W\n"
		"  --map MAP          what to show (default primary)\n"
		"  --ssid S           only BSSIDs of SSID S may serve\n"
		"  --band 2.4|5|6     only BSSIDs in this band may serve\n"
		"  --profile P        nhs-data (default), voice, clinical-badge, medical-device,\n"
		"                     rtls, none, or a name from --profile-file\n"
		"  --profile-file F   requirement profiles from a JSON file (heatmap/README.md)\n"
		"  --predict          colour cells beyond the reach with the model's estimate\n"
		"                     (the map then says PREDICTED)\n"
		"  --cell M           cell size in metres (default 0.25)\n"
		"  --reach M          cells farther than M from every sample are not surveyed (5)\n"
		"  --method M         model (default), idw, rbf, delaunay (the peers' methods, to compare)\n"
		"  --show-samples     mark where samples were taken\n"
		"  --show-path        draw the walked path\n"
		"  --show-aps         mark planned and estimated AP places with names\n"
		"  --width PX         PNG width in pixels (default 2000)\n"
		"  --grid FILE        also write the computed grid (.csv or .f32; heatmap/README.md)\n"
		"  -o, --output FILE  the map: .png, .pdf or .svg\n"
		"  -h, --help         this help\n");
}

struct map_args {
	const char *survey, *floor, *ward, *ssid, *profile, *profile_file;
	int band;
	bool predict;
	double cell, reach;
	int method;
};

CLI_COMMAND(render, 160, "draw a heatmap of a floor or ward (PNG, PDF, SVG, grid)");
int cmd_render(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "floor", required_argument, NULL, 'F' },
		{ "ward", required_argument, NULL, 'W' },
		{ "map", required_argument, NULL, 'm' },
		{ "ssid", required_argument, NULL, 's' },
		{ "band", required_argument, NULL, 'b' },
		{ "profile", required_argument, NULL, 'p' },
		{ "profile-file", required_argument, NULL, 'P' },
		{ "predict", no_argument, NULL, 'x' },
		{ "cell", required_argument, NULL, 'c' },
		{ "reach", required_argument, NULL, 'r' },
		{ "method", required_argument, NULL, 'M' },
		{ "show-samples", no_argument, NULL, 'S' },
		{ "show-path", no_argument, NULL, 'T' },
		{ "show-aps", no_argument, NULL, 'A' },
		{ "width", required_argument, NULL, 'w' },
		{ "grid", required_argument, NULL, 'g' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct map_args a = { .band = -1, .cell = HM_CELL_DEFAULT_M, .reach = 5, .method = 0 };
	const char *out = NULL, *grid = NULL, *map = "primary";
	struct hm_render_opts ro;
	struct hm_map_opts mo;
	struct hm_profile prof;
	struct hm_set set;
	struct hm_map m;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct survey_meta meta;
	struct fp_raster drawing = { 0 };
	struct ns_err err = { 0 };
	bool have_prof;
	int metric, fmt = -1, c, rc = EXIT_FAILED;
	long width = 2000;

	hm_render_opts_default(&ro);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'F': a.floor = optarg; break;
		case 'W': a.ward = optarg; break;
		case 'm': map = optarg; break;
		case 's': a.ssid = optarg; break;
		case 'b':
			if ((a.band = hm_band_parse(optarg)) < 0)
				return cli_usage_error("render", "--band is 2.4, 5 or 6, not '%s'", optarg);
			break;
		case 'p': a.profile = optarg; break;
		case 'P': a.profile_file = optarg; break;
		case 'x': a.predict = true; break;
		case 'c':
			if (!cli_parse_double(optarg, &a.cell) || a.cell < 0.05 || a.cell > 5)
				return cli_usage_error("render", "--cell is a size from 0.05 to 5 m, not '%s'",
						       optarg);
			break;
		case 'r':
			if (!cli_parse_double(optarg, &a.reach) || a.reach < 0.5 || a.reach > 100)
				return cli_usage_error("render", "--reach is a distance from 0.5 to 100 m, not '%s'",
						       optarg);
			break;
		case 'M':
			if ((a.method = hm_method_parse(optarg)) < 0)
				return cli_usage_error("render",
						       "--method is model, idw, rbf or delaunay, not '%s'",
						       optarg);
			break;
		case 'S': ro.show_samples = true; break;
		case 'T': ro.show_path = true; break;
		case 'A': ro.show_aps = true; break;
		case 'w':
			if (!cli_parse_int(optarg, &width) || width < 400 || width > 20000)
				return cli_usage_error("render", "--width is 400 to 20000 pixels, not '%s'",
						       optarg);
			break;
		case 'g': grid = optarg; break;
		case 'o': out = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return cli_usage_error("render", "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("render", optind >= argc ? "which survey file?"
							       : "one survey file, please");
	a.survey = argv[optind];
	if (strcmp(map, "pass") == 0)
		metric = -1;
	else if ((metric = hm_metric_parse(map)) < 0)
		return cli_usage_error("render", "there is no map '%s' (primary, secondary, snr, aps, "
						 "cochannel, utilisation, rate, throughput, "
						 "throughput-up, rtt, loss, jitter, pass)",
				       map);
	if (!out && !grid)
		return cli_usage_error("render", "where to? give -o FILE.png|.pdf|.svg (or --grid FILE)");
	if (out && (fmt = hm_format_of_path(out)) < 0)
		return cli_usage_error("render", "the output '%s' must end in .png, .pdf or .svg", out);
	if (hm_profile_choose(a.profile, a.profile_file, &prof, &have_prof, &err))
		return cli_fail("render", &err);
	if (metric < 0 && !have_prof)
		return cli_usage_error("render", "--map pass needs a profile");

	if (survey_open(a.survey, SURVEY_READ_ONLY, &s, &err))
		return cli_fail(a.survey, &err);
	if (survey_get_meta(s, &meta, &err) || hm_load_floor(s, a.floor, &fp, &set, &err)) {
		rc = cli_fail(a.survey, &err);
		survey_close(s);
		return rc;
	}
	hm_map_opts_default(&mo);
	mo.cell_m = a.cell;
	mo.est.reach_m = a.reach;
	mo.method = a.method;
	mo.ssid = a.ssid;
	mo.band = a.band;
	mo.ward = a.ward;
	mo.predict = a.predict;
	mo.profile = have_prof ? &prof : NULL;
	if (cli_is_tty())
		cli_progress("estimating", 0, 1);
	if (hm_map_build(&set, fp, &mo, &m, &err)) {
		if (cli_is_tty())
			cli_progress("estimating", 1, 1);
		rc = cli_fail("render", &err);
		goto out_set;
	}
	if (cli_is_tty())
		cli_progress("estimating", 1, 1);
	if (metric >= 0 && !m.m[metric]) {
		rc = cli_error("render", "%s was not measured in this survey (no %s samples)", map,
			       hm_metric_info(metric)->scalar >= 0 ? "throughput/latency/link"
								   : "noise");
		goto out_map;
	}
	ro.metric = metric;
	ro.width_px = (int)width;
	ro.set = &set;
	ro.site = meta.site;
	ro.floor = fp->name;
	ro.band = a.band < 0 ? NULL : hm_band_name(a.band);
	if (survey_has_simulated_walks(s, fp->id, &ro.simulated, &err)) {
		rc = cli_fail("render", &err);
		goto out_map;
	}
	if (fp->image && fp->image_len && fp_raster_for_floor(fp, &drawing, NULL) == 0)
		ro.drawing = drawing.surface;
	if (grid) {
		char desc[2048];

		hm_render_describe(&m, &ro, desc, sizeof(desc));
		if (hm_export_grid(&m, metric, grid, desc, &err)) {
			rc = cli_fail("render", &err);
			goto out_map;
		}
	}
	if (out && hm_render_file(&m, &ro, out, (enum hm_format)fmt, &err)) {
		rc = cli_fail("render", &err);
		goto out_map;
	}
	rc = EXIT_OK;
out_map:
	fp_raster_release(&drawing);
	hm_map_release(&m);
out_set:
	hm_set_release(&set);
	floorplan_free(fp);
	survey_close(s);
	return rc;
}
