/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_floor.c — `notspot floor`: put a drawing into a survey as a level of a
 * building, calibrate it, look at it, list the floors; and (floor_level.c)
 * set its level, elevation and slab, rename it, move it to another building,
 * align it onto another level, remove it.
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
#include "floorplans/building.h"
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
		"The floors of a survey: each a drawing, a level of a building.\n\n"
		"Actions:\n"
		"  add SURVEY --name NAME --image FILE [--sidecar FILE] [--page N] [--dpi D]\n"
		"             [--building B] [--level L] [--elevation M] [--height M]\n"
		"             [--slab MATERIAL] [--slab-loss-db L24,L5[,L6]]\n"
		"      store a drawing (PNG, JPEG, SVG or PDF) as a new floor; a sidecar (JSON,\n"
		"      floorplans/README.md) adds its scale, wards, walls, openings and APs.\n"
		"      --image may be left out when the sidecar names the drawing.\n"
		"      --building: the building it is a level of, created when the survey has\n"
		"      none of that name (default: the survey's only building, else one named\n"
		"      after the site). Floor names are unique in a building.\n"
		"      --level: storey number (0 ground, negative below). --elevation: floor\n"
		"      level above the building's datum in metres (default level x height).\n"
		"      --height: floor-to-floor height (default the building's, 4 m).\n"
		"      --slab: what the floor stands on (concrete-slab, hospital-heavy-slab, or\n"
		"      custom with --slab-loss-db, one-pass losses at 2.4, 5 [and 6] GHz).\n"
		"      --page: the PDF page, from 1 (default 1). --dpi: SVG/PDF resolution\n"
		"      (default 96 for SVG, 150 for PDF). Drawings are capped at %d px a side,\n"
		"      the scale kept exact.\n"
		"  show SURVEY [--floor NAME] -o OUT.png [--max-size PX] [--no-grid]\n"
		"      render the drawing with what notspot knows. Before calibration: a pixel\n"
		"      ruler (labelled every 100 px, ticks every 10) to read two points off for\n"
		"      `floor scale`. After: wards, walls by material, openings, APs, a metre\n"
		"      grid and scale bar, to check the calibration by eye.\n"
		"  scale SURVEY [--floor NAME] (--px-per-m V | --points X1,Y1,X2,Y2 --distance M)\n"
		"             [--origin X,Y]\n"
		"      calibrate: V pixels per metre, or two points on the drawing (pixels, read\n"
		"      off `floor show`) and the real distance between them in metres (use the\n"
		"      longest feature you know); the points are kept with the floor. --origin:\n"
		"      the pixel where metre (0, 0) is. Wards and walls keep their metres.\n"
		"  list SURVEY [--building B] [--json]\n"
		"      the floors by building and level: size, scale, elevation, slab.\n"
		"  set SURVEY [--floor NAME] [--level L] [--elevation M|auto] [--height M|auto]\n"
		"             [--slab MATERIAL] [--slab-loss-db L24,L5[,L6]]\n"
		"      change a floor's level, elevation, floor-to-floor height or slab.\n"
		"  rename SURVEY [--floor NAME] --to NEW\n"
		"  move SURVEY [--floor NAME] --to BUILDING [--level L]\n"
		"      make the floor a level of another building (created if need be).\n"
		"  align SURVEY --floor NAME --to REFERENCE\n"
		"             (--points \"x1,y1=X1,Y1 x2,y2=X2,Y2\" | --offset DX,DY [--rotate DEG])\n"
		"      put the floor's metres onto another level's of its building, so a place\n"
		"      on one is the same place on the other: two features (a stair corner, a\n"
		"      lift shaft) at x,y on this floor and X,Y on the reference, or the shift\n"
		"      (m) and rotation (degrees, clockwise as the drawing reads) between them.\n"
		"  remove SURVEY --floor NAME [--force]\n"
		"      remove the floor with its drawing and plan; a floor with walks recorded\n"
		"      on it goes only with --force, which says what goes with it.\n\n"
		"--floor may be left out when the survey has one floor; --building B names the\n"
		"building where a floor name is used by several. Options take their value as\n"
		"--opt VALUE or --opt=VALUE.\n"
		"See also: notspot building, ward, wall, opening, ap.\n",
		FP_MAX_WORKING_PX);
}

/* ---- the arguments of add and list ---------------------------------------------- */

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
	const char *survey, *name, *image, *sidecar, *building, *slab, *slab_loss;
	long level, page;
	bool have_level, have_page, have_elevation, have_height;
	double dpi, elevation, height;
};

/* --name, --image, --sidecar, --building, --slab, --slab-loss-db: a text value. */
static int add_text(struct add_args *a, int c, const char *v)
{
	static const struct {
		int c;
		const char *what;
	} need[] = { { 'n', "--name needs a value" }, { 'i', "--image needs a file" },
		     { 's', "--sidecar needs a file" }, { 'b', "--building needs a value" },
		     { 'S', "--slab needs a material" }, { 'L', "--slab-loss-db needs L24,L5" } };
	const char **slot[] = { &a->name, &a->image, &a->sidecar, &a->building, &a->slab,
				&a->slab_loss };

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (need[i].c == c) {
			if (!v)
				return cli_usage_error("floor add", "%s", need[i].what);
			*slot[i] = v;
		}
	/* Names pass the one rule at the door (util/textcheck.h). */
	if (c == 'n')
		return cli_check_name("floor add", "--name", v, sizeof(((struct floorplan *)0)->name),
				      NS_TEXT_REQUIRED);
	if (c == 'b')
		return cli_check_name("floor add", "--building", v,
				      sizeof(((struct floorplan *)0)->building), NS_TEXT_OPTIONAL);
	return EXIT_OK;
}

static int add_option(void *ctx, int c, const char *v)
{
	struct add_args *a = ctx;

	switch (c) {
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
	case 'e':
		if (!v || !cli_parse_double(v, &a->elevation) || fabs(a->elevation) > 10000)
			return cli_usage_error("floor add", "--elevation needs metres");
		a->have_elevation = true;
		break;
	case 'H':
		if (!v || !cli_parse_double(v, &a->height) || a->height < 0.5 || a->height > 100)
			return cli_usage_error("floor add", "--height needs metres from 0.5 to 100");
		a->have_height = true;
		break;
	default:
		return add_text(a, c, v);
	}
	return EXIT_OK;
}

/* The options that set a level's own fields, onto @fp. */
static int apply_level(const struct add_args *a, struct floorplan *fp)
{
	if (a->building)
		snprintf(fp->building, sizeof(fp->building), "%s", a->building);
	if (a->have_level)
		fp->level = (int)a->level;
	if (a->have_elevation)
		fp->elevation_m = a->elevation;
	if (a->have_height)
		fp->height_m = a->height;
	if (a->slab || a->slab_loss)
		return floor_cli_slab("floor add", a->slab, a->slab_loss, fp);
	return EXIT_OK;
}

/* The drawing, its sidecar and the options, as the floor to store. */
static int load_floor(const struct add_args *a, struct floorplan **out)
{
	struct fp_load_opts o = { .page = (int)a->page - 1, .dpi = a->dpi };
	struct floorplan *fp;
	struct ns_err err = { 0 };
	int rc;

	if (fp_import(a->image, a->sidecar, &o, &fp, &err))
		return cli_fail("floor add", &err);
	if (a->have_page && strcmp(fp->image_type, "pdf") == 0)
		fp->page = (int)a->page - 1;
	if (a->name)
		snprintf(fp->name, sizeof(fp->name), "%s", a->name);
	rc = apply_level(a, fp);
	if (!rc && !fp->name[0])
		rc = cli_usage_error("floor add", "the floor needs a name: --name NAME");
	if (!rc && a->name && strlen(a->name) >= sizeof(fp->name))
		rc = cli_usage_error("floor add", "--name is longer than %zu bytes",
				     sizeof(fp->name) - 1);
	if (rc) {
		floorplan_free(fp);
		return rc;
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
		{ "elevation", required_argument, NULL, 'e' },
		{ "height", required_argument, NULL, 'H' },
		{ "slab", required_argument, NULL, 'S' },
		{ "slab-loss-db", required_argument, NULL, 'L' },
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
	if ((rc = floor_cli_open_survey("floor add", a.survey, SURVEY_READ_WRITE, &s))) {
		floorplan_free(fp);
		return rc;
	}
	id = survey_add_floor(s, fp, &err);
	survey_close(s);
	if (id < 0) {
		floorplan_free(fp);
		return cli_fail(a.survey, &err);
	}
	print_floor_summary("added", fp);
	if (fp->px_per_m <= 0)
		printf("next: find two points on it with 'notspot floor show %s --floor \"%s\" -o "
		       "plan.png', then calibrate with 'notspot floor scale %s --floor \"%s\" "
		       "--points X1,Y1,X2,Y2 --distance METRES'\n", a.survey, fp->name, a.survey,
		       fp->name);
	floorplan_free(fp);
	return EXIT_OK;
}

/* ---- floor scale ------------------------------------------------------------- */

struct scale_args {
	struct floor_cli_edit e;
	double ppm, dist, pts[4], ox, oy;
	bool have_ppm, have_pts, have_dist, have_origin;
};

static int scale_option(void *ctx, int c, const char *v)
{
	struct scale_args *a = ctx;

	switch (c) {
	case 'm':
		if (!cli_parse_double(v, &a->ppm))
			return cli_usage_error("floor scale", "--px-per-m needs a number");
		a->have_ppm = true;
		break;
	case 'p':
		if (cli_parse_doubles(v, a->pts, 4, 4) != 4)
			return cli_usage_error("floor scale", "--points needs X1,Y1,X2,Y2 "
							      "in pixels");
		a->have_pts = true;
		break;
	case 'd':
		if (!cli_parse_double(v, &a->dist))
			return cli_usage_error("floor scale", "--distance needs metres");
		a->have_dist = true;
		break;
	case 'O':
		if (floor_cli_parse_point(v, &a->ox, &a->oy))
			return cli_usage_error("floor scale", "--origin needs X,Y in pixels");
		if (fabs(a->ox) > MAX_ORIGIN_PX || fabs(a->oy) > MAX_ORIGIN_PX)
			return cli_usage_error("floor scale", "--origin %s is more than %g px "
							      "from the drawing", v, MAX_ORIGIN_PX);
		a->have_origin = true;
		break;
	}
	return EXIT_OK;
}

/* The scale the arguments ask for, checked; the calibration points kept with it. */
static int scale_of(struct scale_args *a, double *ppm, struct fp_calib *calib)
{
	struct ns_err err = { 0 };
	int rc;

	if (a->have_ppm == (a->have_pts || a->have_dist))
		return cli_usage_error("floor scale", "give either --px-per-m, or --points with "
						      "--distance");
	if (a->have_pts != a->have_dist)
		return cli_usage_error("floor scale", "--points and --distance go together");
	*ppm = a->ppm;
	*calib = (struct fp_calib){ NAN, NAN, NAN, NAN, NAN };
	if (a->have_pts) {
		rc = fp_scale_from_points(a->pts[0], a->pts[1], a->pts[2], a->pts[3], a->dist, ppm,
					  &err);
		*calib = (struct fp_calib){ a->pts[0], a->pts[1], a->pts[2], a->pts[3], a->dist };
	} else {
		rc = fp_check_scale(*ppm, &err);
	}
	return rc ? cli_fail("floor scale", &err) : EXIT_OK;
}

static int floor_scale(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "floor", required_argument, NULL, 'F' },
		{ "building", required_argument, NULL, 'B' },
		{ "px-per-m", required_argument, NULL, 'm' },
		{ "points", required_argument, NULL, 'p' },
		{ "distance", required_argument, NULL, 'd' },
		{ "origin", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct scale_args a = { 0 };
	struct floorplan *fp;
	struct fp_calib calib;
	struct survey *s;
	double ppm, old;
	int rc;

	if ((rc = floor_cli_edit_init(&a.e, "floor scale", usage, argc)))
		return rc;
	rc = floor_cli_edit_parse(&a.e, longopts, scale_option, &a, argc, argv);
	if (!rc)
		rc = scale_of(&a, &ppm, &calib);
	if (!rc)
		rc = floor_cli_open("floor scale", a.e.survey, a.e.building, a.e.floor,
				    SURVEY_READ_WRITE, SURVEY_LOAD_ALL, &s, &fp);
	floor_cli_edit_release(&a.e);
	if (rc)
		return cli_status(rc);
	old = fp->px_per_m;
	fp->px_per_m = ppm;
	fp->calib = calib;
	if (a.have_origin) {
		fp->origin_x_px = a.ox;
		fp->origin_y_px = a.oy;
	}
	rc = floor_cli_store(s, fp, a.e.survey);
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
	printf("check it by eye: notspot floor show %s --floor \"%s\" -o plan.png\n", a.e.survey,
	       fp->name);
	floorplan_free(fp);
	return EXIT_OK;
}

/* ---- floor show --------------------------------------------------------------- */

struct show_args {
	struct floor_cli_edit e;
	const char *out;
	struct fp_render_opts ro;
};

static int show_option(void *ctx, int c, const char *v)
{
	struct show_args *a = ctx;
	long max;

	switch (c) {
	case 'o':
		a->out = v;
		break;
	case 'm':
		if (!cli_parse_int(v, &max) || max < 200 || max > 20000)
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
		{ "building", required_argument, NULL, 'B' },
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
	int rc;

	if ((rc = floor_cli_edit_init(&a.e, "floor show", usage, argc)))
		return rc;
	a.e.shortopts = "-:ho:";
	rc = floor_cli_edit_parse(&a.e, longopts, show_option, &a, argc, argv);
	if (!rc && !a.out)
		rc = cli_usage_error("floor show", "where to? -o OUT.png");
	if (!rc)
		rc = floor_cli_open("floor show", a.e.survey, a.e.building, a.e.floor,
				    SURVEY_READ_ONLY, SURVEY_LOAD_ALL, &s, &fp);
	floor_cli_edit_release(&a.e);
	if (rc)
		return cli_status(rc);
	survey_close(s);
	if (cli_is_tty())
		fprintf(stderr, "rendering floor '%s' ...", fp->name);
	rc = fp_render_plan_png(fp, &a.ro, a.out, &err);
	if (cli_is_tty())
		fprintf(stderr, "\r\033[K");
	if (rc) {
		floorplan_free(fp);
		return cli_fail("floor show", &err); /* the sentence names the file */
	}
	printf("%s: floor '%s'%s\n", a.out, fp->name,
	       fp->px_per_m > 0 ? "" : " (not calibrated: read two points off the pixel ruler "
				       "for 'notspot floor scale')");
	floorplan_free(fp);
	return EXIT_OK;
}

/* ---- floor list ---------------------------------------------------------------- */

/* What a listing shows of one floor besides struct survey_floor_info. */
struct list_row {
	const struct survey_floor_info *f;
	double elevation_m;           /* as the building computes it */
	char slab[32];
	struct fp_align align;
	bool calibrated_by_points;
};

static json_t *jreal_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *row_json(const struct list_row *r)
{
	const struct survey_floor_info *f = r->f;
	/* Names from the file may not be UTF-8: kept with U+FFFD, never a dropped row. */
	json_t *e = json_pack("{s:I, s:o, s:I, s:o, s:i, s:o, s:i, s:i}", "id", (json_int_t)f->id,
			      "name", cli_json_str(f->name), "building_id",
			      (json_int_t)f->building_id, "building", cli_json_str(f->building),
			      "level", f->level, "image_type", cli_json_str(f->image_type),
			      "width_px", f->width_px, "height_px", f->height_px);

	if (!e)
		return NULL;
	json_object_set_new(e, "px_per_m", f->px_per_m > 0 ? json_real(f->px_per_m) : json_null());
	json_object_set_new(e, "width_m", f->px_per_m > 0 ? json_real(f->width_px / f->px_per_m)
							  : json_null());
	json_object_set_new(e, "height_m", f->px_per_m > 0 ? json_real(f->height_px / f->px_per_m)
							   : json_null());
	json_object_set_new(e, "calibrated_by_points", json_boolean(r->calibrated_by_points));
	json_object_set_new(e, "elevation_m", json_real(r->elevation_m));
	json_object_set_new(e, "elevation_given", json_boolean(isfinite(f->elevation_m)));
	json_object_set_new(e, "floor_height_m", jreal_or_null(f->height_m));
	json_object_set_new(e, "slab", cli_json_str(r->slab));
	json_object_set_new(e, "align", json_pack("{s:f, s:f, s:f}", "dx_m", r->align.dx_m, "dy_m",
						  r->align.dy_m, "rot_deg", r->align.rot_deg));
	json_object_set_new(e, "wards", json_integer((json_int_t)f->nwards));
	json_object_set_new(e, "walls", json_integer((json_int_t)f->nwalls));
	json_object_set_new(e, "openings", json_integer((json_int_t)f->nopenings));
	json_object_set_new(e, "aps", json_integer((json_int_t)f->naps));
	json_object_set_new(e, "areas", json_integer((json_int_t)f->nareas));
	return e;
}

static void row_text(const struct list_row *r)
{
	const struct survey_floor_info *f = r->f;
	char px[32], ppm[32], m[32], elev[32], e[300], e2[300];

	snprintf(px, sizeof(px), "%dx%d", f->width_px, f->height_px);
	if (f->px_per_m > 0) {
		snprintf(ppm, sizeof(ppm), "%.3f", f->px_per_m);
		snprintf(m, sizeof(m), "%.1fx%.1f", f->width_px / f->px_per_m,
			 f->height_px / f->px_per_m);
	} else {
		snprintf(ppm, sizeof(ppm), "-");
		snprintf(m, sizeof(m), "not calibrated");
	}
	snprintf(elev, sizeof(elev), "%.1f", r->elevation_m);
	printf("%-20s %5d %6s %-5s %-13s %-10s %-15s %-19s %5zu %5zu %5zu %4zu\n",
	       cli_shown(f->name, e, sizeof(e)), f->level, elev,
	       f->image_type[0] ? f->image_type : "-", px, ppm, m, cli_shown(r->slab, e2, sizeof(e2)),
	       f->nwards, f->nwalls, f->nopenings, f->naps);
}

/* Fill @r for floor @f of @s: the level's own fields and the building's elevation. */
static void list_row(struct survey *s, const struct survey_floor_info *f, struct list_row *r)
{
	struct floorplan *fp = NULL;
	struct fp_building b;

	memset(r, 0, sizeof(*r));
	r->f = f;
	r->elevation_m = NAN;
	snprintf(r->slab, sizeof(r->slab), "?");
	if (survey_load_floor_ex(s, f->id, 0, &fp, NULL))
		return;
	if (survey_get_building(s, f->building_id, &b, NULL))
		fp_building_init(&b);
	r->elevation_m = fp_floor_elevation(fp, &b);
	snprintf(r->slab, sizeof(r->slab), "%s", fp->slab_material);
	r->align = fp->align;
	r->calibrated_by_points = isfinite(fp->calib.m);
	floorplan_free(fp);
}

static void list_floors(struct survey *s, const char *path, const struct survey_floor_info *fl,
			size_t n, const char *building, bool json)
{
	json_t *a = json ? json_array() : NULL;
	const char *last = NULL;
	size_t shown = 0;

	for (size_t i = 0; i < n; i++) {
		struct list_row r;

		if (building && strcmp(fl[i].building, building) != 0)
			continue;
		list_row(s, &fl[i], &r);
		shown++;
		if (a) {
			json_array_append_new(a, row_json(&r));
			continue;
		}
		if (!last || strcmp(last, fl[i].building) != 0) {
			char e[300];

			printf("%sbuilding '%s'\n", last ? "\n" : "",
			       cli_shown(fl[i].building, e, sizeof(e)));
			printf("%-20s %5s %6s %-5s %-13s %-10s %-15s %-19s %5s %5s %5s %4s\n",
			       "floor", "level", "elev m", "type", "size px", "px/m", "size m",
			       "slab", "wards", "walls", "opens", "aps");
			last = fl[i].building;
		}
		row_text(&r);
	}
	if (a) {
		char *text = json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (text)
			puts(text);
		free(text);
		json_decref(a);
	} else if (!shown) {
		printf("no floors in %s%s%s; add one with 'notspot floor add'\n", path,
		       building ? " for building " : "", building ? building : "");
	}
}

struct list_args {
	const char *building;
	bool json;
};

static int list_option(void *ctx, int c, const char *v)
{
	struct list_args *a = ctx;

	if (c == 'j')
		a->json = true;
	else if (!(a->building = v))
		return cli_usage_error("floor list", "--building needs a name");
	return EXIT_OK;
}

/* Floors ordered by building name, then by level and name (survey_list_floors' order). */
static int cmp_building(const void *x, const void *y)
{
	const struct survey_floor_info *a = x, *b = y;
	int c = strcmp(a->building, b->building);

	if (c)
		return c;
	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	c = strcmp(a->name, b->name);
	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

static int floor_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "building", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *survey_path = NULL;
	struct survey_floor_info *fl = NULL;
	struct list_args a = { 0 };
	struct survey *s;
	struct ns_err err = { 0 };
	size_t n = 0;
	int rc;

	if ((rc = parse_action("floor list", "-:h", longopts, list_option, &a, &survey_path,
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
	if (a.building && survey_find_building(s, a.building, &err) < 0) {
		free(fl);
		survey_close(s);
		return cli_fail(survey_path, &err);
	}
	qsort(fl, n, sizeof(*fl), cmp_building);
	list_floors(s, survey_path, fl, n, a.building, a.json);
	survey_close(s);
	free(fl);
	return EXIT_OK;
}

CLI_COMMAND(floor, 60, "add, calibrate, show, list, set, align and remove floors (levels)");
int cmd_floor(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{ "add", floor_add },	      { "scale", floor_scale },
		{ "show", floor_show },	      { "list", floor_list },
		{ "set", floor_set },	      { "rename", floor_rename },
		{ "move", floor_move },	      { "align", floor_align },
		{ "remove", floor_remove },
	};

	return cli_run_action("floor", actions, sizeof(actions) / sizeof(actions[0]), usage, argc,
			      argv);
}
