/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_wall.c — `notspot wall add|list|remove|move`: the walls of a floor, as
 * polylines in metres with a material (its one-pass loss per band) or
 * measured losses. A room's walls are one polyline: --closed goes back to the
 * first point, --around WARD follows a ward's outline.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/elements.h"
#include "floorplans/model.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot wall ACTION SURVEY [--floor NAME] [--building B] ...\n"
		"The walls of a floor: polylines in metres from the floor's origin.\n\n"
		"Actions:\n"
		"  add SURVEY (--material M | --loss-db L24,L5[,L6])\n"
		"             (--points X,Y X,Y ... [--closed] | --around WARD)\n"
		"      one wall along several points: a room's four walls are one command\n"
		"      (--closed joins the last point back to the first; --around follows the\n"
		"      outline of a ward drawn with `ward add`). --material is one of the table\n"
		"      below; --loss-db gives measured one-pass losses in dB at 2.4, 5 (and 6)\n"
		"      GHz instead (material \"custom\"), or overrides a material's figures.\n"
		"  list SURVEY [--json]                  every floor's, or --floor's\n"
		"  remove SURVEY --id N\n"
		"  move SURVEY --id N (--by DX,DY | --points X,Y X,Y ...)\n\n"
		"--floor may be left out when the survey has one floor, or with --id.\n\n"
		"Materials (2.4 / 5 / 6 GHz, dB):\n");
	for (size_t i = 0; i < fp_nmaterials; i++)
		fprintf(f, "  %-14s %-36s %4g / %4g / %4g\n", fp_materials[i].key,
			fp_materials[i].label, fp_materials[i].loss_db[0], fp_materials[i].loss_db[1],
			fp_materials[i].loss_db[2]);
}

/* What wall add and move take besides the common options. */
struct wall_opts {
	const char *material, *losses, *around;
	bool closed;
};

static int wall_option(void *ctx, int c, const char *arg)
{
	struct wall_opts *w = ctx;

	switch (c) {
	case 'm': w->material = arg; break;
	case 'l': w->losses = arg; break;
	case 'a': w->around = arg; break;
	case 'c': w->closed = true; break;
	}
	return EXIT_OK;
}

static const struct option longopts[] = {
	ELEM_LONGOPTS,
	{ "material", required_argument, NULL, 'm' },
	{ "loss-db", required_argument, NULL, 'l' },
	{ "around", required_argument, NULL, 'a' },
	{ "closed", no_argument, NULL, 'c' },
	{ NULL, 0, NULL, 0 },
};

/* At least two points, no two in a row at one place; their length into *@len. */
static int check_points(const char *cmd, const struct fp_point *p, size_t n, double *len)
{
	*len = 0;
	if (n < 2)
		return cli_usage_error(cmd, "a wall needs at least 2 --points X,Y (metres); "
					    "%zu given", n);
	for (size_t k = 0; k + 1 < n; k++) {
		double d = hypot(p[k + 1].x - p[k].x, p[k + 1].y - p[k].y);

		if (d < 1e-6)
			return cli_usage_error(cmd, "points %zu and %zu are the same place", k + 1,
					       k + 2);
		*len += d;
	}
	return EXIT_OK;
}

/* The polyline: --points (closed when asked), or the outline of ward --around, closed. */
static int wall_points(struct elem_args *a, const struct wall_opts *o, const struct floorplan *fp,
		       struct fp_point **pts, size_t *n)
{
	const struct fp_point *src = a->e.pts;
	size_t k = a->e.npts;

	if (o->around) {
		const struct fp_ward *w = floorplan_find_ward(fp, o->around);

		if (!w)
			return cli_error(a->e.cmd, "floor '%s' has no ward called '%s'", fp->name,
					 o->around);
		src = w->pts;
		k = w->npts;
	}
	*pts = calloc(k + 1, sizeof(**pts));
	if (!*pts)
		return cli_error(a->e.cmd, "out of memory");
	memcpy(*pts, src, k * sizeof(**pts));
	*n = k;
	if ((o->closed || o->around) && k >= 2 &&
	    hypot((*pts)[0].x - (*pts)[k - 1].x, (*pts)[0].y - (*pts)[k - 1].y) > 1e-6)
		(*pts)[(*n)++] = (*pts)[0];
	return EXIT_OK;
}

static int wall_add(int argc, char **argv)
{
	struct wall_opts o = { 0 };
	struct elem_args a;
	struct fp_wall w = { 0 };
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	double len;
	int rc;

	if ((rc = elem_parse(&a, ELEM_WALL, "wall add", usage, longopts, wall_option, &o, argc,
			     argv)) ||
	    (rc = elem_losses(a.e.cmd, o.material, o.losses, "--material", w.material,
			      sizeof(w.material), w.loss_db)))
		goto out;
	if (!!o.around == a.e.have_points) {
		rc = cli_usage_error(a.e.cmd, "give the wall's --points X,Y X,Y ..., or --around "
					      "WARD");
		goto out;
	}
	if ((!o.around && (rc = check_points(a.e.cmd, a.e.pts, a.e.npts, &len))) ||
	    (rc = floor_cli_open(a.e.cmd, a.e.survey, a.e.building, a.e.floor, SURVEY_READ_WRITE,
				 SURVEY_LOAD_ELEMENTS, &s, &fp)) ||
	    (rc = elem_check_calibrated(a.e.cmd, a.e.survey, fp)) ||
	    (rc = wall_points(&a, &o, fp, &w.pts, &w.npts)) ||
	    (rc = check_points(a.e.cmd, w.pts, w.npts, &len)))
		goto out;
	if (survey_add_wall(s, fp->id, &w, &err) < 0)
		rc = cli_fail(a.e.survey, &err);
	else
		printf("wall added to floor '%s': %s, %zu points, %.2f m long, %g / %g / %g dB\n",
		       fp->name, w.material, w.npts, len, w.loss_db[0], w.loss_db[1], w.loss_db[2]);
out:
	free(w.pts);
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

/* ---- list ------------------------------------------------------------------------------ */

static double length_of(const struct fp_wall *w)
{
	double len = 0;

	for (size_t k = 0; k + 1 < w->npts; k++)
		len += hypot(w->pts[k + 1].x - w->pts[k].x, w->pts[k + 1].y - w->pts[k].y);
	return len;
}

static int list_floor(void *arg, struct survey *s, const struct floorplan *fp)
{
	json_t *json = *(json_t **)arg;
	char label[160];

	if (!json)
		printf("floor %s: %zu wall%s\n", floor_cli_label(s, fp, label, sizeof(label)),
		       fp->nwalls, fp->nwalls == 1 ? "" : "s");
	if (!json && fp->nwalls)
		printf("  %5s  %-14s %6s %8s  %-17s  %s\n", "id", "material", "points", "length m",
		       "loss 2.4/5/6 dB", "from → to");
	for (size_t i = 0; i < fp->nwalls; i++) {
		const struct fp_wall *w = &fp->walls[i];
		char loss[48];
		json_t *e;

		if (!json) {
			snprintf(loss, sizeof(loss), "%g/%g/%g", w->loss_db[0], w->loss_db[1],
				 w->loss_db[2]);
			printf("  %5lld  %-14s %6zu %8.2f  %-17s  (%g, %g) → (%g, %g)\n",
			       (long long)w->id, w->material, w->npts, length_of(w), loss, w->pts[0].x,
			       w->pts[0].y, w->pts[w->npts - 1].x, w->pts[w->npts - 1].y);
			continue;
		}
		e = elem_json_base(w->id, fp);
		json_object_set_new(e, "material", json_string(w->material));
		json_object_set_new(e, "loss_db", json_pack("{s:f, s:f, s:f}", "2.4", w->loss_db[0],
							    "5", w->loss_db[1], "6",
							    w->loss_db[2]));
		json_object_set_new(e, "length_m", json_real(length_of(w)));
		json_object_set_new(e, "points", elem_points_json(w->pts, w->npts));
		json_array_append_new(json, e);
	}
	return EXIT_OK;
}

static int wall_list(int argc, char **argv)
{
	struct wall_opts o = { 0 };
	struct elem_args a;
	json_t *json = NULL;
	int rc;

	if ((rc = elem_parse(&a, ELEM_WALL, "wall list", usage, longopts, wall_option, &o, argc,
			     argv)))
		goto out;
	if (a.json)
		json = json_array();
	rc = elem_each_floor(&a, list_floor, &json);
	if (json && !rc)
		elem_print_json(json);
	else if (json)
		json_decref(json);
out:
	elem_release(&a);
	return cli_status(rc);
}

/* ---- remove, move --------------------------------------------------------------------- */

static int wall_remove(int argc, char **argv)
{
	struct wall_opts o = { 0 };
	struct elem_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	size_t i;
	int rc;

	if ((rc = elem_parse(&a, ELEM_WALL, "wall remove", usage, longopts, wall_option, &o, argc,
			     argv)) ||
	    (rc = elem_open(&a, SURVEY_READ_WRITE, &s, &fp)) || (rc = elem_find(&a, fp, &i)))
		goto out;
	if (survey_remove_wall(s, fp->walls[i].id, &err))
		rc = cli_fail(a.e.survey, &err);
	else
		printf("wall %lld (%s, %.2f m) removed from floor '%s'\n", (long long)a.id,
		       fp->walls[i].material, length_of(&fp->walls[i]), fp->name);
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

static int wall_move(int argc, char **argv)
{
	struct wall_opts o = { 0 };
	struct elem_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	struct fp_wall moved;
	double len;
	size_t i;
	int rc;

	if ((rc = elem_parse(&a, ELEM_WALL, "wall move", usage, longopts, wall_option, &o, argc,
			     argv)))
		goto out;
	if (a.have_by == a.e.have_points) {
		rc = cli_usage_error(a.e.cmd, "give either --by DX,DY or the new --points");
		goto out;
	}
	if ((a.e.have_points && (rc = check_points(a.e.cmd, a.e.pts, a.e.npts, &len))) ||
	    (rc = elem_open(&a, SURVEY_READ_WRITE, &s, &fp)) || (rc = elem_find(&a, fp, &i)))
		goto out;
	moved = fp->walls[i];
	if (a.have_by) {
		elem_shift(&a, moved.pts, moved.npts);
	} else {
		moved.pts = a.e.pts;
		moved.npts = a.e.npts;
	}
	if (survey_update_wall(s, &moved, &err))
		rc = cli_fail(a.e.survey, &err);
	else
		printf("wall %lld on floor '%s' moved: %zu points, %.2f m long\n", (long long)a.id,
		       fp->name, moved.npts, length_of(&moved));
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

CLI_COMMAND(wall, 80, "add (a room's walls in one polyline), list, remove and move walls");
int cmd_wall(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{ "add", wall_add },
		{ "list", wall_list },
		{ "remove", wall_remove },
		{ "move", wall_move },
	};

	return cli_run_action("wall", actions, sizeof(actions) / sizeof(actions[0]), usage, argc,
			      argv);
}
