/*
 * cmd_floor.c — `notspot floor add|scale|show|list`: put a drawing into a
 * survey, calibrate it, and look at what notspot knows about it.
 *
 * Also the small helpers the `ward` and `wall` commands share (commands.h):
 * opening a survey at a floor, and reading "x,y" points.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/commands.h"
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

/* ---- shared with cmd_ward.c and cmd_wall.c --------------------------------------- */

int floor_cli_open(const char *cmd, const char *path, const char *floor,
		   enum survey_open_mode mode, struct survey **s, struct floorplan **fp)
{
	struct ns_err err = { 0 };
	int64_t id;
	char what[160];

	*s = NULL;
	*fp = NULL;
	if (survey_open(path, mode, s, &err))
		return cli_fail("cannot open the survey", &err); /* the sentence names the file */
	if (floor) {
		id = survey_find_floor(*s, floor, &err);
	} else {
		struct survey_floor_info *fl = NULL;
		size_t n = 0;

		if (survey_list_floors(*s, &fl, &n, &err)) {
			survey_close(*s);
			*s = NULL;
			return cli_fail(path, &err);
		}
		id = n == 1 ? fl[0].id : 0;
		free(fl);
		if (n != 1) {
			survey_close(*s);
			*s = NULL;
			if (n == 0)
				return cli_error(path, "the survey has no floors yet; add one with "
						       "'notspot floor add'");
			return cli_usage_error(cmd, "the survey has %zu floors: say which with "
						    "--floor (see 'notspot floor list %s')", n, path);
		}
	}
	if (id < 0 || survey_load_floor(*s, id, fp, &err)) {
		survey_close(*s);
		*s = NULL;
		snprintf(what, sizeof(what), "%s", path);
		return cli_fail(what, &err);
	}
	return EXIT_OK;
}

int floor_cli_parse_point(const char *s, double *x, double *y)
{
	double v[2];

	if (cli_parse_doubles(s, v, 2, 2) != 2)
		return -EINVAL;
	*x = v[0];
	*y = v[1];
	return 0;
}

int floor_cli_read_points(const char *cmd, int argc, char **argv, int *i, struct fp_point *pts,
			  size_t *npts)
{
	while (*i + 1 < argc && strncmp(argv[*i + 1], "--", 2) != 0) {
		const char *a = argv[++*i];
		struct fp_point *p = &pts[*npts];

		if (floor_cli_parse_point(a, &p->x, &p->y))
			return cli_usage_error(cmd, "'%s' is not a point X,Y in metres", a);
		/* The sidecar's limit: what is stored must export and load back. */
		if (fabs(p->x) > FP_SIDECAR_MAX_COORD_M || fabs(p->y) > FP_SIDECAR_MAX_COORD_M)
			return cli_usage_error(cmd, "'%s' is more than %g m from the origin", a,
					       FP_SIDECAR_MAX_COORD_M);
		++*npts;
	}
	return EXIT_OK;
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

/* The value of option @argv[*i] (as "--opt VALUE" or "--opt=VALUE"), or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0' || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static bool is_opt(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static int floor_add(int argc, char **argv)
{
	const char *survey_path = NULL, *name = NULL, *image = NULL, *sidecar = NULL;
	const char *building = NULL, *v;
	struct fp_load_opts o = { 0 };
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	long level = 0, page = 1;
	bool have_level = false, have_page = false;
	double dpi = 0;
	int64_t id;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (is_opt(argv[i], "--name")) {
			if (!(name = opt_value(argc, argv, &i, "--name")))
				return cli_usage_error("floor add", "--name needs a value");
		} else if (is_opt(argv[i], "--image")) {
			if (!(image = opt_value(argc, argv, &i, "--image")))
				return cli_usage_error("floor add", "--image needs a file");
		} else if (is_opt(argv[i], "--sidecar")) {
			if (!(sidecar = opt_value(argc, argv, &i, "--sidecar")))
				return cli_usage_error("floor add", "--sidecar needs a file");
		} else if (is_opt(argv[i], "--building")) {
			if (!(building = opt_value(argc, argv, &i, "--building")))
				return cli_usage_error("floor add", "--building needs a value");
		} else if (is_opt(argv[i], "--level")) {
			v = opt_value(argc, argv, &i, "--level");
			if (!v || !cli_parse_int(v, &level) || level < -100 || level > 1000)
				return cli_usage_error("floor add", "--level needs a whole number "
								    "from -100 to 1000");
			have_level = true;
		} else if (is_opt(argv[i], "--page")) {
			v = opt_value(argc, argv, &i, "--page");
			if (!v || !cli_parse_int(v, &page) || page < 1 || page > 100000)
				return cli_usage_error("floor add", "--page needs a page number "
								    "counted from 1");
			have_page = true;
		} else if (is_opt(argv[i], "--dpi")) {
			v = opt_value(argc, argv, &i, "--dpi");
			if (!v || !cli_parse_double(v, &dpi) || dpi < 10 || dpi > 2400)
				return cli_usage_error("floor add", "--dpi needs a resolution from "
								    "10 to 2400");
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage_error("floor add", "unknown option '%s'", argv[i]);
		} else if (!survey_path) {
			survey_path = argv[i];
		} else {
			return cli_usage_error("floor add", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!survey_path)
		return cli_usage_error("floor add", "which survey? (notspot floor add SURVEY "
						    "--name NAME --image FILE)");
	if (!image && !sidecar)
		return cli_usage_error("floor add", "give the drawing with --image (or a "
						    "--sidecar that names it)");
	o.page = (int)page - 1;
	o.dpi = dpi;
	if (fp_import(image, sidecar, &o, &fp, &err))
		return cli_fail("floor add", &err);
	if (have_page && strcmp(fp->image_type, "pdf") == 0)
		fp->page = (int)page - 1;
	if (name)
		snprintf(fp->name, sizeof(fp->name), "%s", name);
	if (building)
		snprintf(fp->building, sizeof(fp->building), "%s", building);
	if (have_level)
		fp->level = (int)level;
	if (!fp->name[0]) {
		floorplan_free(fp);
		return cli_usage_error("floor add", "the floor needs a name: --name NAME");
	}
	if (name && strlen(name) >= sizeof(fp->name)) {
		floorplan_free(fp);
		return cli_usage_error("floor add", "--name is longer than %zu bytes",
				       sizeof(fp->name) - 1);
	}
	if (survey_open(survey_path, SURVEY_READ_WRITE, &s, &err)) {
		floorplan_free(fp);
		return cli_fail("cannot open the survey", &err);
	}
	id = survey_add_floor(s, fp, &err);
	survey_close(s);
	if (id < 0) {
		floorplan_free(fp);
		return cli_fail(survey_path, &err);
	}
	print_floor_summary("added", fp);
	if (fp->px_per_m <= 0)
		printf("next: calibrate it with 'notspot floor scale %s --floor \"%s\" --points "
		       "X1,Y1,X2,Y2 --distance METRES'\n", survey_path, fp->name);
	floorplan_free(fp);
	return EXIT_OK;
}

/* ---- floor scale ------------------------------------------------------------- */

static int floor_scale(int argc, char **argv)
{
	const char *survey_path = NULL, *floor = NULL, *v;
	double ppm = 0, dist = 0, pts[4], ox = 0, oy = 0, old;
	bool have_ppm = false, have_pts = false, have_dist = false, have_origin = false;
	struct floorplan *fp;
	struct survey *s;
	struct ns_err err = { 0 };
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (is_opt(argv[i], "--floor")) {
			if (!(floor = opt_value(argc, argv, &i, "--floor")))
				return cli_usage_error("floor scale", "--floor needs a name");
		} else if (is_opt(argv[i], "--px-per-m")) {
			v = opt_value(argc, argv, &i, "--px-per-m");
			if (!v || !cli_parse_double(v, &ppm))
				return cli_usage_error("floor scale", "--px-per-m needs a number");
			have_ppm = true;
		} else if (is_opt(argv[i], "--points")) {
			v = opt_value(argc, argv, &i, "--points");
			if (!v || cli_parse_doubles(v, pts, 4, 4) != 4)
				return cli_usage_error("floor scale", "--points needs X1,Y1,X2,Y2 "
								      "in pixels");
			have_pts = true;
		} else if (is_opt(argv[i], "--distance")) {
			v = opt_value(argc, argv, &i, "--distance");
			if (!v || !cli_parse_double(v, &dist))
				return cli_usage_error("floor scale", "--distance needs metres");
			have_dist = true;
		} else if (is_opt(argv[i], "--origin")) {
			v = opt_value(argc, argv, &i, "--origin");
			if (!v || floor_cli_parse_point(v, &ox, &oy))
				return cli_usage_error("floor scale", "--origin needs X,Y in pixels");
			if (fabs(ox) > MAX_ORIGIN_PX || fabs(oy) > MAX_ORIGIN_PX)
				return cli_usage_error("floor scale", "--origin %s is more than %g px "
								      "from the drawing", v, MAX_ORIGIN_PX);
			have_origin = true;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage_error("floor scale", "unknown option '%s'", argv[i]);
		} else if (!survey_path) {
			survey_path = argv[i];
		} else {
			return cli_usage_error("floor scale", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!survey_path)
		return cli_usage_error("floor scale", "which survey?");
	if (have_ppm == (have_pts || have_dist))
		return cli_usage_error("floor scale", "give either --px-per-m, or --points with "
						      "--distance");
	if (have_pts != have_dist)
		return cli_usage_error("floor scale", "--points and --distance go together");
	if (have_pts)
		rc = fp_scale_from_points(pts[0], pts[1], pts[2], pts[3], dist, &ppm, &err);
	else
		rc = fp_check_scale(ppm, &err);
	if (rc)
		return cli_fail("floor scale", &err);
	rc = floor_cli_open("floor scale", survey_path, floor, SURVEY_READ_WRITE, &s, &fp);
	if (rc)
		return rc;
	old = fp->px_per_m;
	fp->px_per_m = ppm;
	if (have_origin) {
		fp->origin_x_px = ox;
		fp->origin_y_px = oy;
	}
	rc = survey_update_floor(s, fp, &err);
	survey_close(s);
	if (rc) {
		floorplan_free(fp);
		return cli_fail(survey_path, &err);
	}
	if (old > 0)
		printf("floor '%s': scale %.3f px/m (was %.3f)", fp->name, ppm, old);
	else
		printf("floor '%s': scale %.3f px/m", fp->name, ppm);
	printf(", drawing %.1f x %.1f m, origin at px (%.1f, %.1f)\n", floorplan_width_m(fp),
	       floorplan_height_m(fp), fp->origin_x_px, fp->origin_y_px);
	printf("check it by eye: notspot floor show %s --floor \"%s\" -o plan.png\n", survey_path,
	       fp->name);
	floorplan_free(fp);
	return EXIT_OK;
}

/* ---- floor show --------------------------------------------------------------- */

static int floor_show(int argc, char **argv)
{
	const char *survey_path = NULL, *floor = NULL, *out = NULL, *v;
	struct fp_render_opts ro = { 0 };
	struct floorplan *fp;
	struct survey *s;
	struct ns_err err = { 0 };
	long max = 0;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (is_opt(argv[i], "--floor")) {
			if (!(floor = opt_value(argc, argv, &i, "--floor")))
				return cli_usage_error("floor show", "--floor needs a name");
		} else if (is_opt(argv[i], "-o") || is_opt(argv[i], "--output")) {
			if (!(out = opt_value(argc, argv, &i, argv[i][1] == 'o' ? "-o"
										 : "--output")))
				return cli_usage_error("floor show", "-o needs a PNG file");
		} else if (is_opt(argv[i], "--max-size")) {
			v = opt_value(argc, argv, &i, "--max-size");
			if (!v || !cli_parse_int(v, &max) || max < 200 || max > 20000)
				return cli_usage_error("floor show", "--max-size needs pixels from "
								     "200 to 20000");
			ro.max_side_px = (int)max;
		} else if (strcmp(argv[i], "--no-grid") == 0) {
			ro.no_grid = true;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage_error("floor show", "unknown option '%s'", argv[i]);
		} else if (!survey_path) {
			survey_path = argv[i];
		} else {
			return cli_usage_error("floor show", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!survey_path)
		return cli_usage_error("floor show", "which survey?");
	if (!out)
		return cli_usage_error("floor show", "where to? -o OUT.png");
	rc = floor_cli_open("floor show", survey_path, floor, SURVEY_READ_ONLY, &s, &fp);
	if (rc)
		return rc;
	survey_close(s);
	if (cli_is_tty())
		fprintf(stderr, "rendering floor '%s' ...", fp->name);
	rc = fp_render_plan_png(fp, &ro, out, &err);
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

static int floor_list(int argc, char **argv)
{
	const char *survey_path = NULL;
	struct survey_floor_info *fl = NULL;
	struct survey *s;
	struct ns_err err = { 0 };
	bool json = false;
	size_t n = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = true;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage_error("floor list", "unknown option '%s'", argv[i]);
		} else if (!survey_path) {
			survey_path = argv[i];
		} else {
			return cli_usage_error("floor list", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!survey_path)
		return cli_usage_error("floor list", "which survey?");
	if (survey_open(survey_path, SURVEY_READ_ONLY, &s, &err))
		return cli_fail("cannot open the survey", &err);
	if (survey_list_floors(s, &fl, &n, &err)) {
		survey_close(s);
		return cli_fail(survey_path, &err);
	}
	survey_close(s);
	if (json) {
		json_t *a = json_array();
		char *text;

		for (size_t i = 0; i < n; i++) {
			json_t *e = json_pack("{s:I, s:s, s:s, s:i, s:s, s:i, s:i}", "id",
					      (json_int_t)fl[i].id, "name", fl[i].name, "building",
					      fl[i].building, "level", fl[i].level, "image_type",
					      fl[i].image_type, "width_px", fl[i].width_px,
					      "height_px", fl[i].height_px);

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
		free(fl);
		return EXIT_OK;
	}
	if (n == 0)
		printf("no floors in %s; add one with 'notspot floor add'\n", survey_path);
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
	free(fl);
	return EXIT_OK;
}

int cmd_floor(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "add") == 0)
		return floor_add(argc - 1, argv + 1);
	if (strcmp(argv[1], "scale") == 0)
		return floor_scale(argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return floor_show(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return floor_list(argc - 1, argv + 1);
	return cli_usage_error("floor", "unknown action '%s' (add, scale, show, list)", argv[1]);
}
