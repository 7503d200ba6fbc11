/*
 * cmd_render.c — `notspot render`: one heatmap of a surveyed floor or ward as
 * PNG, PDF or SVG, and/or the computed grid as CSV or float32.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/mapopts.h"
#include "floorplans/loader.h"
#include "heatmap/export.h"
#include "heatmap/load.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "survey/survey.h"

#define RENDER_MAP_FLAGS (CLI_MAP_NO_PROFILE)

/* The --map names: the library's metrics, then the pass/fail map. */
static const char *map_name(int i)
{
	return i < HM_NMETRICS ? hm_metric_info((enum hm_metric)i)->key
	       : i == HM_NMETRICS ? "pass"
				  : NULL;
}

static const char *method_name(int i)
{
	return i < HM_NMETHODS ? hm_method_name((enum hm_method)i) : NULL;
}

/* The methods after the first, notspot's own (the default): the peers'. */
static const char *peer_method_name(int i)
{
	return method_name(i + 1);
}

static void usage(FILE *f)
{
	struct hm_render_opts ro;
	char list[256];

	fprintf(f,
		"Usage: notspot render SURVEY [--floor F] [--ward W] --map MAP [OPTIONS] -o OUT\n"
		"Draw a heatmap of a surveyed floor (or one ward, cropped to it) as PNG, PDF or\n"
		"SVG, judged against a requirement profile; not-spots are outlined and hatched,\n"
		"areas nobody surveyed are hatched grey.\n\n");
	cli_help_wrap(f, "Maps: ", 6, cli_list(list, sizeof(list), map_name, " ", " "));
	fprintf(f, "\nOptions:\n");
	cli_map_help(f, RENDER_MAP_FLAGS);
	fprintf(f, "  --map MAP          what to show (default primary)\n");
	fprintf(f, "  --method M         %s (default), %s (the peers' methods, to compare)\n",
		method_name(0), cli_list(list, sizeof(list), peer_method_name, ", ", ", "));
	hm_render_opts_default(&ro);
	fprintf(f,
		"  --show-samples     mark where samples were taken\n"
		"  --show-path        draw the walked path\n"
		"  --show-aps         mark planned and estimated AP places with names\n"
		"  --width PX         PNG width in pixels (default %d)\n", ro.width_px);
	fprintf(f,
		"  --grid FILE        also write the computed grid (.csv or .f32; heatmap/README.md)\n"
		"  -o, --output FILE  the map: .png, .pdf or .svg\n"
		"  -h, --help         this help\n");
}

struct render_args {
	struct cli_map map;
	const char *survey, *out, *grid, *map_name;
	int metric;                 /* enum hm_metric, or -1 for the pass/fail map */
	int method;                 /* enum hm_method */
	int fmt;                    /* enum hm_format of out */
	long width;                 /* PNG width, px */
	bool show_samples, show_path, show_aps;
};

static int render_option(void *ctx, int c, const char *arg)
{
	struct render_args *a = ctx;
	char list[256];

	switch (c) {
	CLI_MAP_CASES: return cli_map_option("render", &a->map, c, arg);
	case 'm': a->map_name = arg; break;
	case 'M':
		if ((a->method = hm_method_parse(arg)) < 0)
			return cli_usage_error("render", "--method is %s, not '%s'",
					       cli_list(list, sizeof(list), method_name, ", ", " or "),
					       arg);
		break;
	case 'S': a->show_samples = true; break;
	case 'T': a->show_path = true; break;
	case 'A': a->show_aps = true; break;
	case 'w':
		if (!cli_parse_int(arg, &a->width) || a->width < 400 || a->width > 20000)
			return cli_usage_error("render", "--width is 400 to 20000 pixels, not '%s'",
					       arg);
		break;
	case 'g': a->grid = arg; break;
	case 'o': a->out = arg; break;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct render_args *a)
{
	static const struct option longopts[] = {
		CLI_MAP_LONGOPTS,
		{ "map", required_argument, NULL, 'm' },
		{ "method", required_argument, NULL, 'M' },
		{ "show-samples", no_argument, NULL, 'S' },
		{ "show-path", no_argument, NULL, 'T' },
		{ "show-aps", no_argument, NULL, 'A' },
		{ "width", required_argument, NULL, 'w' },
		{ "grid", required_argument, NULL, 'g' },
		{ "output", required_argument, NULL, 'o' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "render", "o:h", longopts, usage,
						    render_option };
	int rc;

	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	return cli_map_survey("render", argc, argv, &a->survey);
}

/* What to draw and where to: checked before the survey is opened. */
static int check(struct render_args *a)
{
	char list[256];

	if (strcmp(a->map_name, "pass") == 0)
		a->metric = -1;
	else if ((a->metric = hm_metric_parse(a->map_name)) < 0)
		return cli_usage_error("render", "there is no map '%s' (%s)", a->map_name,
				       cli_list(list, sizeof(list), map_name, ", ", ", "));
	if (!a->out && !a->grid)
		return cli_usage_error("render", "where to? give -o FILE.png|.pdf|.svg (or --grid FILE)");
	if (a->out && (a->fmt = hm_format_of_path(a->out)) < 0)
		return cli_usage_error("render", "the output '%s' must end in .png, .pdf or .svg",
				       a->out);
	return EXIT_OK;
}

/* The map @m built for @a, to the grid file and the image file. */
static int write_outputs(const struct render_args *a, struct survey *s,
			 const struct survey_meta *meta, const struct hm_set *set,
			 const struct floorplan *fp, const struct hm_map *m)
{
	struct fp_raster drawing = { 0 };
	struct hm_render_opts ro;
	struct ns_err err = { 0 };
	int rc = EXIT_FAILED;

	hm_render_opts_default(&ro);
	ro.show_samples = a->show_samples;
	ro.show_path = a->show_path;
	ro.show_aps = a->show_aps;
	ro.metric = a->metric;
	ro.width_px = (int)a->width;
	ro.set = set;
	ro.site = meta->site;
	ro.floor = fp->name;
	ro.band = a->map.band < 0 ? NULL : hm_band_name(a->map.band);
	if (survey_has_simulated_walks(s, fp->id, &ro.simulated, &err))
		return cli_fail("render", &err);
	if (fp->image && fp->image_len && fp_raster_for_floor(fp, &drawing, NULL) == 0)
		ro.drawing = drawing.surface;
	if (a->grid) {
		char desc[2048];

		hm_render_describe(m, &ro, desc, sizeof(desc));
		if (hm_export_grid(m, a->metric, a->grid, desc, &err)) {
			rc = cli_fail("render", &err);
			goto out;
		}
	}
	if (a->out && hm_render_file(m, &ro, a->out, (enum hm_format)a->fmt, &err)) {
		rc = cli_fail("render", &err);
		goto out;
	}
	rc = EXIT_OK;
out:
	fp_raster_release(&drawing);
	return rc;
}

/* Estimate the map of @set on @fp as @a asks, with a progress line on a terminal. */
static int build(const struct render_args *a, const struct hm_profile *prof,
		 const struct hm_set *set, const struct floorplan *fp, struct hm_map *m)
{
	struct hm_map_opts mo;
	struct ns_err err = { 0 };
	int rc;

	hm_map_opts_default(&mo);
	cli_map_to_map_opts(&a->map, &mo);
	mo.method = a->method;
	mo.ward = cli_map_ward(&a->map);
	mo.profile = prof;
	cli_progress("estimating", 0, 1);
	rc = hm_map_build(set, fp, &mo, m, &err);
	cli_progress("estimating", 1, 1);
	if (rc)
		return cli_fail("render", &err);
	if (a->metric >= 0 && !m->m[a->metric]) {
		hm_map_release(m);
		return cli_error("render", "%s was not measured in this survey (no %s samples)",
				 a->map_name,
				 hm_metric_info(a->metric)->scalar >= 0 ? "throughput/latency/link"
									 : "noise");
	}
	return EXIT_OK;
}

CLI_COMMAND(render, 160, "draw a heatmap of a floor or ward (PNG, PDF, SVG, grid)");
int cmd_render(int argc, char **argv)
{
	struct render_args a = { .map_name = "primary", .method = HM_METHOD_MODEL, .fmt = -1 };
	struct hm_render_opts ro;
	struct hm_profile prof;
	struct hm_set set;
	struct hm_map m;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct survey_meta meta;
	struct ns_err err = { 0 };
	bool have_prof;
	int rc;

	cli_map_init(&a.map, RENDER_MAP_FLAGS);
	hm_render_opts_default(&ro);
	a.width = ro.width_px;
	if ((rc = parse(argc, argv, &a)) || (rc = check(&a)))
		return cli_status(rc);
	if ((rc = cli_map_profile("render", &a.map, &prof, &have_prof)))
		return rc;
	if (a.metric < 0 && !have_prof)
		return cli_usage_error("render", "--map pass needs a profile");

	if (survey_open(a.survey, SURVEY_READ_ONLY, &s, &err))
		return cli_fail(a.survey, &err);
	if (survey_get_meta(s, &meta, &err) || hm_load_floor(s, a.map.floor, &fp, &set, &err)) {
		rc = cli_fail(a.survey, &err);
		survey_close(s);
		return rc;
	}
	cli_map_note_skipped(a.survey, fp->name, &set);
	if ((rc = build(&a, have_prof ? &prof : NULL, &set, fp, &m)) == EXIT_OK) {
		rc = write_outputs(&a, s, &meta, &set, fp, &m);
		hm_map_release(&m);
	}
	hm_set_release(&set);
	floorplan_free(fp);
	survey_close(s);
	return rc;
}
