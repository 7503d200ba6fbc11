/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_floor.c — `notspot floor add|scale|show|list`: put a drawing into a
 * survey, calibrate it, and look at what notspot knows about it.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/floors.h"
#include "floorplans/calibrate.h"
#include "floorplans/loader.h"
#include "floorplans/plan_render.h"
#include "floorplans/sidecar.h"
#include "survey/survey.h"

/* As far as a sidecar's origin_px may lie (floorplans/sidecar.c). */
#define MAX_ORIGIN_PX 1e9

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot floor ACTION SURVEY [OPTIONS]\n"
		"Floorplans of a survey: the drawing, its scale, wards, walls and APs.\n\n"
		"Actions:\n"
		"  add SURVEY --name NAME --image FILE [--sidecar FILE] [--page N] [--dpi D]\n"
		"             [--building B] [--level L]\n"
		"      store a drawing (PNG, JPEG, SVG or PDF) as a new floor; a sidecar (JSON,\n"
		"      floorplans/README.md) adds its scale, wards, walls, openings and APs.\n"
		"      --image may be left out when the sidecar names the drawing.\n"
		"      --building: the building it is a level of, created when the survey has\n"
		"      none of that name (default: the survey's only building, else one named\n"
		"      after the site). Floor names are unique in a building.\n"
		"      --page: the PDF page, from 1 (default 1). --dpi: SVG/PDF resolution\n"
		"      (default 96 for SVG, 150 for PDF). Drawings are capped at %d px a side,\n"
		"      the scale kept exact.\n"
		"  scale SURVEY --floor NAME (--px-per-m V | --points X1,Y1,X2,Y2 --distance M)\n"
		"             [--origin X,Y]\n"
		"      calibrate: V pixels per metre, or two points on the drawing (pixels of the\n"
		"      floor's working raster; on an uncalibrated floor `floor show` draws a grid\n"
		"      of them) and the real distance between them in metres (use the longest\n"
		"      feature you know). --origin: the pixel where metre (0, 0) is. Wards and\n"
		"      walls keep their metre positions.\n"
		"  show SURVEY --floor NAME -o OUT.png [--max-size PX] [--no-grid]\n"
		"      render the drawing with wards, walls by material, openings, APs, a metre\n"
		"      grid and scale bar, to check the calibration by eye.\n"
		"  list SURVEY [--json]\n"
		"      the floors, their size and scale.\n\n"
		"--floor may be left out when the survey has one floor.\n"
		"See also: notspot ward add, notspot wall add.\n",
		FP_MAX_WORKING_PX);
}

/* ---- the arguments of every action ---------------------------------------------- */

/* An action's own options: @arg is NULL when the value is missing. */
typedef int (*option_fn)(void *ctx, int c, const char *arg);

/*
 * The arguments of action @cmd in the order given: its one SURVEY, its
 * options through @option, --help. Errors name the argument at fault.
 * @shortopts starts "-:h": positionals come back in order (code 1), and a
 * missing value as ':' (the option then says what it needs).
 */
static int parse_action(const char *cmd, const char *shortopts, const struct option *longopts,
			option_fn option, void *ctx, const char **survey, int argc, char **argv)
{
	int rc = EXIT_OK;

	optind = 1;
	opterr = 0; /* one sentence of ours, not getopt's as well */
	while (rc == EXIT_OK) {
		int at = optind; /* the argument read next: the one an error names */
		int c = getopt_long(argc, argv, shortopts, longopts, NULL);

		if (c == -1)
			break;
		switch (c) {
		case 1:
			if (*survey)
				return cli_usage_error(cmd, "unexpected argument '%s'", optarg);
			*survey = optarg;
			break;
		case 'h': usage(stdout); return CLI_DONE;
		case ':': rc = option(ctx, optopt, NULL); break;
		case '?': return cli_usage_error(cmd, "unknown option '%s'", argv[at]);
		default: rc = option(ctx, c, optarg); break;
		}
	}
	for (; rc == EXIT_OK && optind < argc; optind++) {
		if (*survey)
			return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
		*survey = argv[optind];
	}
	return rc;
}

/* ---- floor add ------------------------------------------------------------- */

static void print_floor_summary(const char *verb, const struct floorplan *fp)
{
	printf("floor '%s' %s: %s drawing %d x %d px", fp->name, verb,
	       fp->image_type[0] ? fp->image_type : "no", fp->width_px, fp->height_px);
	if (fp->px_per_m > 0)
		printf(", %.3f px/m (%.1f x %.1f m)", fp->px_per_m, floorplan_width_m(fp),
		       floorplan_height_m(fp));
	else
		printf(", not calibrated");
	printf(", %zu wards, %zu walls, %zu openings, %zu APs\n", fp->nwards, fp->nwalls,
	       fp->nopenings, fp->naps);
}

struct add_args {
	const char *survey, *name, *image, *sidecar, *building;
	long level, page;
	bool have_level, have_page;
	double dpi;
};

static int add_option(void *ctx, int c, const char *v)
{
	struct add_args *a = ctx;

	switch (c) {
	case 'n':
		if (!(a->name = v))
			return cli_usage_error("floor add", "--name needs a value");
		return cli_check_name("floor add", "--name", v, sizeof(((struct floorplan *)0)->name),
				      NS_TEXT_REQUIRED);
	case 'i':
		if (!(a->image = v))
			return cli_usage_error("floor add", "--image needs a file");
		break;
	case 's':
		if (!(a->sidecar = v))
			return cli_usage_error("floor add", "--sidecar needs a file");
		break;
	case 'b':
		if (!(a->building = v))
			return cli_usage_error("floor add", "--building needs a value");
		return cli_check_name("floor add", "--building", v,
				      sizeof(((struct floorplan *)0)->building), NS_TEXT_OPTIONAL);
	case 'l':
		if (!v || !cli_parse_int(v, &a->level) || a->level < -100 || a->level > 1000)
			return cli_usage_error("floor add", "--level needs a whole number "
							    "from -100 to 1000");
		a->have_level = true;
		break;
	case 'p':
		if (!v || !cli_parse_int(v, &a->page) || a->page < 1 || a->page > 100000)
			return cli_usage_error("floor add", "--page needs a page number "
							    "counted from 1");
		a->have_page = true;
		break;
	case 'd':
		if (!v || !cli_parse_double(v, &a->dpi) || a->dpi < 10 || a->dpi > 2400)
			return cli_usage_error("floor add", "--dpi needs a resolution from "
							    "10 to 2400");
		break;
	}
	return EXIT_OK;
}

/* The drawing, its sidecar and the options, as the floor to store. */
static int load_floor(const struct add_args *a, struct floorplan **out)
{
	struct fp_load_opts o = { .page = (int)a->page - 1, .dpi = a->dpi };
	struct floorplan *fp;
	struct ns_err err = { 0 };

	if (fp_import(a->image, a->sidecar, &o, &fp, &err))
		return cli_fail("floor add", &err);
	if (a->have_page && strcmp(fp->image_type, "pdf") == 0)
		fp->page = (int)a->page - 1;
	if (a->name)
		snprintf(fp->name, sizeof(fp->name), "%s", a->name);
	if (a->building)
		snprintf(fp->building, sizeof(fp->building), "%s", a->building);
	if (a->have_level)
		fp->level = (int)a->level;
	if (!fp->name[0]) {
		floorplan_free(fp);
		return cli_usage_error("floor add", "the floor needs a name: --name NAME");
	}
	if (a->name && strlen(a->name) >= sizeof(fp->name)) {
		floorplan_free(fp);
		return cli_usage_error("floor add", "--name is longer than %zu bytes",
				       sizeof(fp->name) - 1);
	}
	*out = fp;
	return EXIT_OK;
}

static int floor_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "image", required_argument, NULL, 'i' },
		{ "sidecar", required_argument, NULL, 's' },
		{ "building", required_argument, NULL, 'b' },
		{ "level", required_argument, NULL, 'l' },
		{ "page", required_argument, NULL, 'p' },
		{ "dpi", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct add_args a = { .page = 1 };
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	int64_t id;
	int rc;

	if ((rc = parse_action("floor add", "-:h", longopts, add_option, &a, &a.survey, argc,
			       argv)))
		return cli_status(rc);
	if (!a.survey)
		return cli_usage_error("floor add", "which survey? (notspot floor add SURVEY "
						    "--name NAME --image FILE)");
	if (!a.image && !a.sidecar)
		return cli_usage_error("floor add", "give the drawing with --image (or a "
						    "--sidecar that names it)");
	if ((rc = load_floor(&a, &fp)))
		return rc;
	if (survey_open(a.survey, SURVEY_READ_WRITE, &s, &err)) {
		floorplan_free(fp);
		return cli_fail("cannot open the survey", &err);
	}
	id = survey_add_floor(s, fp, &err);
	survey_close(s);
	if (id < 0) {
		floorplan_free(fp);
		return cli_fail(a.survey, &err);
	}
	print_floor_summary("added", fp);
	if (fp->px_per_m <= 0)
		printf("next: calibrate it with 'notspot floor scale %s --floor \"%s\" --points "
		       "X1,Y1,X2,Y2 --distance METRES'\n", a.survey, fp->name);
	floorplan_free(fp);
	return EXIT_OK;
}

/* ---- floor scale ------------------------------------------------------------- */

struct scale_args {
	const char *survey, *floor;
	double ppm, dist, pts[4], ox, oy;
	bool have_ppm, have_pts, have_dist, have_origin;
};

static int scale_option(void *ctx, int c, const char *v)
{
	struct scale_args *a = ctx;

	switch (c) {
	case 'F':
		if (!(a->floor = v))
			return cli_usage_error("floor scale", "--floor needs a name");
		break;
	case 'm':
		if (!v || !cli_parse_double(v, &a->ppm))
			return cli_usage_error("floor scale", "--px-per-m needs a number");
		a->have_ppm = true;
		break;
	case 'P':
		if (!v || cli_parse_doubles(v, a->pts, 4, 4) != 4)
			return cli_usage_error("floor scale", "--points needs X1,Y1,X2,Y2 "
							      "in pixels");
		a->have_pts = true;
		break;
	case 'd':
		if (!v || !cli_parse_double(v, &a->dist))
			return cli_usage_error("floor scale", "--distance needs metres");
		a->have_dist = true;
		break;
	case 'O':
		if (!v || floor_cli_parse_point(v, &a->ox, &a->oy))
			return cli_usage_error("floor scale", "--origin needs X,Y in pixels");
		if (fabs(a->ox) > MAX_ORIGIN_PX || fabs(a->oy) > MAX_ORIGIN_PX)
			return cli_usage_error("floor scale", "--origin %s is more than %g px "
							      "from the drawing", v, MAX_ORIGIN_PX);
		a->have_origin = true;
		break;
	}
	return EXIT_OK;
}

static int floor_scale(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "floor", required_argument, NULL, 'F' },
		{ "px-per-m", required_argument, NULL, 'm' },
		{ "points", required_argument, NULL, 'P' },
		{ "distance", required_argument, NULL, 'd' },
		{ "origin", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct scale_args a = { 0 };
	struct floorplan *fp;
	struct survey *s;
	struct ns_err err = { 0 };
	double ppm, old;
	int rc;

	if ((rc = parse_action("floor scale", "-:h", longopts, scale_option, &a, &a.survey, argc,
			       argv)))
		return cli_status(rc);
	if (!a.survey)
		return cli_usage_error("floor scale", "which survey?");
	if (a.have_ppm == (a.have_pts || a.have_dist))
		return cli_usage_error("floor scale", "give either --px-per-m, or --points with "
						      "--distance");
	if (a.have_pts != a.have_dist)
		return cli_usage_error("floor scale", "--points and --distance go together");
	ppm = a.ppm;
	if (a.have_pts)
		rc = fp_scale_from_points(a.pts[0], a.pts[1], a.pts[2], a.pts[3], a.dist, &ppm,
					  &err);
	else
		rc = fp_check_scale(ppm, &err);
	if (rc)
		return cli_fail("floor scale", &err);
	rc = floor_cli_open("floor scale", a.survey, a.floor, SURVEY_READ_WRITE, &s, &fp);
	if (rc)
		return rc;
	old = fp->px_per_m;
	fp->px_per_m = ppm;
	if (a.have_origin) {
		fp->origin_x_px = a.ox;
		fp->origin_y_px = a.oy;
	}
	rc = floor_cli_store(s, fp, a.survey);
	survey_close(s);
	if (rc) {
		floorplan_free(fp);
		return rc;
	}
	if (old > 0)
		printf("floor '%s': scale %.3f px/m (was %.3f)", fp->name, ppm, old);
	else
		printf("floor '%s': scale %.3f px/m", fp->name, ppm);
	printf(", drawing %.1f x %.1f m, origin at px (%.1f, %.1f)\n", floorplan_width_m(fp),
	       floorplan_height_m(fp), fp->origin_x_px, fp->origin_y_px);
	printf("check it by eye: notspot floor show %s --floor \"%s\" -o plan.png\n", a.survey,
	       fp->name);
	floorplan_free(fp);
	return EXIT_OK;
}

/* ---- floor show --------------------------------------------------------------- */

struct show_args {
	const char *survey, *floor, *out;
	struct fp_render_opts ro;
};

static int show_option(void *ctx, int c, const char *v)
{
	struct show_args *a = ctx;
	long max;

	switch (c) {
	case 'F':
		if (!(a->floor = v))
			return cli_usage_error("floor show", "--floor needs a name");
		break;
	case 'o':
		if (!(a->out = v))
			return cli_usage_error("floor show", "-o needs a PNG file");
		break;
	case 'm':
		if (!v || !cli_parse_int(v, &max) || max < 200 || max > 20000)
			return cli_usage_error("floor show", "--max-size needs pixels from "
							     "200 to 20000");
		a->ro.max_side_px = (int)max;
		break;
	case 'G':
		a->ro.no_grid = true;
		break;
	}
	return EXIT_OK;
}

static int floor_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "floor", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "max-size", required_argument, NULL, 'm' },
		{ "no-grid", no_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct show_args a = { 0 };
	struct floorplan *fp;
	struct survey *s;
	struct ns_err err = { 0 };
	const char *out;
	int rc;

	if ((rc = parse_action("floor show", "-:ho:", longopts, show_option, &a, &a.survey, argc,
			       argv)))
		return cli_status(rc);
	if (!a.survey)
		return cli_usage_error("floor show", "which survey?");
	out = a.out;
	if (!out)
		return cli_usage_error("floor show", "where to? -o OUT.png");
	rc = floor_cli_open("floor show", a.survey, a.floor, SURVEY_READ_ONLY, &s, &fp);
	if (rc)
		return rc;
	survey_close(s);
	if (cli_is_tty())
		fprintf(stderr, "rendering floor '%s' ...", fp->name);
	rc = fp_render_plan_png(fp, &a.ro, out, &err);
	if (cli_is_tty())
		fprintf(stderr, "\r\033[K");
	if (rc) {
		floorplan_free(fp);
		return cli_fail("floor show", &err); /* the sentence names the file */
	}
	printf("%s: floor '%s'%s\n", out, fp->name,
	       fp->px_per_m > 0 ? "" : " (not calibrated: no wards, walls or APs drawn)");
	floorplan_free(fp);
	return EXIT_OK;
}

/* ---- floor list ---------------------------------------------------------------- */

static void list_json(const struct survey_floor_info *fl, size_t n)
{
	json_t *a = json_array();
	char *text;

	for (size_t i = 0; i < n; i++) {
		json_t *e = json_pack("{s:I, s:o, s:o, s:i, s:o, s:i, s:i}", "id",
				      (json_int_t)fl[i].id, "name", cli_json_str(fl[i].name),
				      "building", cli_json_str(fl[i].building), "level", fl[i].level,
				      "image_type", cli_json_str(fl[i].image_type), "width_px",
				      fl[i].width_px, "height_px", fl[i].height_px);

		if (!e)
			continue;
		if (fl[i].px_per_m > 0) {
			json_object_set_new(e, "px_per_m", json_real(fl[i].px_per_m));
			json_object_set_new(e, "width_m",
					    json_real(fl[i].width_px / fl[i].px_per_m));
			json_object_set_new(e, "height_m",
					    json_real(fl[i].height_px / fl[i].px_per_m));
		} else {
			json_object_set_new(e, "px_per_m", json_null());
		}
		json_object_set_new(e, "wards", json_integer((json_int_t)fl[i].nwards));
		json_object_set_new(e, "walls", json_integer((json_int_t)fl[i].nwalls));
		json_object_set_new(e, "openings",
				    json_integer((json_int_t)fl[i].nopenings));
		json_object_set_new(e, "aps", json_integer((json_int_t)fl[i].naps));
		json_array_append_new(a, e);
	}
	text = json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (text)
		puts(text);
	free(text);
	json_decref(a);
}

static void list_text(const char *survey, const struct survey_floor_info *fl, size_t n)
{
	if (n == 0)
		printf("no floors in %s; add one with 'notspot floor add'\n", survey);
	else
		printf("%-20s %-5s %-5s %-13s %-10s %-15s %5s %5s %5s %4s\n", "floor", "level",
		       "type", "size px", "px/m", "size m", "wards", "walls", "opens", "aps");
	for (size_t i = 0; i < n; i++) {
		char px[32], ppm[32], m[32];

		snprintf(px, sizeof(px), "%dx%d", fl[i].width_px, fl[i].height_px);
		if (fl[i].px_per_m > 0) {
			snprintf(ppm, sizeof(ppm), "%.3f", fl[i].px_per_m);
			snprintf(m, sizeof(m), "%.1fx%.1f", fl[i].width_px / fl[i].px_per_m,
				 fl[i].height_px / fl[i].px_per_m);
		} else {
			snprintf(ppm, sizeof(ppm), "-");
			snprintf(m, sizeof(m), "not calibrated");
		}
		printf("%-20s %5d %-5s %-13s %-10s %-15s %5zu %5zu %5zu %4zu\n", fl[i].name,
		       fl[i].level, fl[i].image_type[0] ? fl[i].image_type : "-", px, ppm, m,
		       fl[i].nwards, fl[i].nwalls, fl[i].nopenings, fl[i].naps);
	}
}

static int list_option(void *ctx, int c, const char *v)
{
	(void)c;
	(void)v;
	*(bool *)ctx = true; /* --json */
	return EXIT_OK;
}

static int floor_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *survey_path = NULL;
	struct survey_floor_info *fl = NULL;
	struct survey *s;
	struct ns_err err = { 0 };
	bool json = false;
	size_t n = 0;
	int rc;

	if ((rc = parse_action("floor list", "-:h", longopts, list_option, &json, &survey_path,
			       argc, argv)))
		return cli_status(rc);
	if (!survey_path)
		return cli_usage_error("floor list", "which survey?");
	if (survey_open(survey_path, SURVEY_READ_ONLY, &s, &err))
		return cli_fail("cannot open the survey", &err);
	if (survey_list_floors(s, &fl, &n, &err)) {
		survey_close(s);
		return cli_fail(survey_path, &err);
	}
	survey_close(s);
	if (json)
		list_json(fl, n);
	else
		list_text(survey_path, fl, n);
	free(fl);
	return EXIT_OK;
}

CLI_COMMAND(floor, 60, "add, calibrate, list and show floorplans (PNG, JPEG, SVG, PDF)");
int cmd_floor(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{ "add", floor_add },
		{ "scale", floor_scale },
		{ "show", floor_show },
		{ "list", floor_list },
	};

	return cli_run_action("floor", actions, sizeof(actions) / sizeof(actions[0]), usage, argc,
			      argv);
}
