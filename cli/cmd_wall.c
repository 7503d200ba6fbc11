/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_wall.c — `notspot wall add`: a wall on a floor, as a polyline in metres
 * with a material (its one-pass loss per band) or custom losses.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/floors.h"
#include "floorplans/model.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot wall add SURVEY [--floor NAME] --material M --points X,Y X,Y ...\n"
		"       notspot wall add SURVEY [--floor NAME] --loss-db L24,L5[,L6] --points ...\n"
		"Add a wall to a floor: a polyline of at least two points in metres from the\n"
		"floor's origin. --material is one of the table below; --loss-db gives measured\n"
		"one-pass losses in dB at 2.4, 5 (and 6) GHz instead (material \"custom\"), or\n"
		"overrides a material's figures.\n\n"
		"Materials (2.4 / 5 / 6 GHz, dB):\n");
	for (size_t i = 0; i < fp_nmaterials; i++)
		fprintf(f, "  %-14s %-36s %4g / %4g / %4g\n", fp_materials[i].key,
			fp_materials[i].label, fp_materials[i].loss_db[0], fp_materials[i].loss_db[1],
			fp_materials[i].loss_db[2]);
}

/* What a wall is made of: a material from the table, or measured losses. */
struct wall {
	const char *material, *losses;   /* --material, --loss-db as given */
	const struct fp_material *m;     /* NULL: custom */
	double loss[FP_NBANDS];          /* dB per band */
	double len_m;
};

static int wall_option(void *ctx, int c, const char *arg)
{
	struct wall *w = ctx;

	if (c == 'm')
		w->material = arg;
	else
		w->losses = arg;
	return EXIT_OK;
}

/* --material and --loss-db into w->m and w->loss. */
static int check_losses(const char *cmd, struct wall *w)
{
	if (!w->material && !w->losses)
		return cli_usage_error(cmd, "give --material M (see --help) or --loss-db L24,L5");
	if (w->material && strcmp(w->material, "custom") != 0) {
		if (!(w->m = fp_material_find(w->material)))
			return cli_usage_error(cmd, "'%s' is not a known material; 'notspot wall "
						    "add --help' lists them", w->material);
		memcpy(w->loss, w->m->loss_db, sizeof(w->loss));
	}
	if (!w->losses)
		return w->m ? EXIT_OK
			    : cli_usage_error(cmd, "material 'custom' needs --loss-db L24,L5[,L6]");
	int k = cli_parse_doubles(w->losses, w->loss, 2, FP_NBANDS);

	if (k < 2)
		return cli_usage_error(cmd, "--loss-db needs L24,L5[,L6] in dB");
	if (k == 2)
		w->loss[2] = w->loss[1];
	for (int b = 0; b < FP_NBANDS; b++)
		if (!isfinite(w->loss[b]) || w->loss[b] < 0 || w->loss[b] > 200)
			return cli_usage_error(cmd, "a loss of %g dB is out of range (0 to 200)",
					       w->loss[b]);
	return EXIT_OK;
}

/* At least two points, no two in a row at one place; w->len_m their length. */
static int check_points(const struct floor_cli_edit *e, struct wall *w)
{
	if (e->npts < 2)
		return cli_usage_error(e->cmd, "a wall needs at least 2 --points X,Y (metres); "
					       "%zu given", e->npts);
	for (size_t k = 0; k + 1 < e->npts; k++) {
		double d = hypot(e->pts[k + 1].x - e->pts[k].x, e->pts[k + 1].y - e->pts[k].y);

		if (d < 1e-6)
			return cli_usage_error(e->cmd, "points %zu and %zu are the same place",
					       k + 1, k + 2);
		w->len_m += d;
	}
	return EXIT_OK;
}

static int wall_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		FLOOR_CLI_EDIT_LONGOPTS,
		{ "material", required_argument, NULL, 'm' },
		{ "loss-db", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct floor_cli_edit e;
	struct wall w = { 0 };
	struct floorplan *fp;
	struct survey *s;
	const char *key;
	int rc;

	if ((rc = floor_cli_edit_init(&e, "wall add", usage, argc)))
		return rc;
	if ((rc = floor_cli_edit_parse(&e, longopts, wall_option, &w, argc, argv)))
		goto out;
	if (!e.survey) {
		rc = cli_usage_error(e.cmd, "which survey?");
		goto out;
	}
	if ((rc = check_losses(e.cmd, &w)) || (rc = check_points(&e, &w)) ||
	    (rc = floor_cli_open(e.cmd, e.survey, e.floor, SURVEY_READ_WRITE, &s, &fp)))
		goto out;
	key = w.m ? w.m->key : "custom";
	if (floorplan_add_wall(fp, e.pts, e.npts, key, w.loss))
		rc = cli_error(e.cmd, "out of memory");
	else if ((rc = floor_cli_store(s, fp, e.survey)) == EXIT_OK)
		printf("wall added to floor '%s': %s, %zu points, %.2f m long, %g / %g / %g dB\n",
		       fp->name, key, e.npts, w.len_m, w.loss[0], w.loss[1], w.loss[2]);
	survey_close(s);
	floorplan_free(fp);
out:
	floor_cli_edit_release(&e);
	return cli_status(rc);
}

CLI_COMMAND(wall, 80, "add a wall with its material to a floor");
int cmd_wall(int argc, char **argv)
{
	static const struct cli_action actions[] = { { "add", wall_add } };

	return cli_run_action("wall", actions, 1, usage, argc, argv);
}
