/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_opening.c — `notspot opening add|list|remove|move`: the doors and gaps
 * in a floor's walls. An opening is a segment lying on a wall; a radio path
 * crossing the wall inside it takes the opening's loss (an open doorway 0 dB,
 * a steel fire door 19 / 24 dB) instead of the wall's.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/elements.h"
#include "floorplans/geometry.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot opening ACTION SURVEY [--floor NAME] [--building B] ...\n"
		"The doors and gaps in a floor's walls: a segment lying on a wall (within %g m),\n"
		"whose loss replaces the wall's where a radio path crosses it.\n\n"
		"Actions:\n"
		"  add SURVEY (--kind K | --loss-db L24,L5[,L6]) --points AX,AY BX,BY\n"
		"      K: doorway (an open gap, 0 dB), wooden-door, fire-door, lead-lined,\n"
		"      glass-low-e (a window), or any wall material; --loss-db measured losses.\n"
		"  list SURVEY [--json]\n"
		"  remove SURVEY --id N\n"
		"  move SURVEY --id N (--by DX,DY | --points AX,AY BX,BY)\n\n"
		"--floor may be left out when the survey has one floor, or with --id.\n",
		FP_OPENING_SNAP_M);
}

struct opening_opts {
	const char *kind, *losses;
};

static int opening_option(void *ctx, int c, const char *arg)
{
	struct opening_opts *o = ctx;

	if (c == 'k')
		o->kind = arg;
	else if (c == 'l')
		o->losses = arg;
	return EXIT_OK;
}

static const struct option longopts[] = {
	ELEM_LONGOPTS,
	{ "kind", required_argument, NULL, 'k' },
	{ "loss-db", required_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 },
};

static int check_ends(const struct floor_cli_edit *e)
{
	if (e->npts != 2)
		return cli_usage_error(e->cmd, "an opening is --points AX,AY BX,BY (its two ends, "
					       "metres); %zu given", e->npts);
	if (hypot(e->pts[1].x - e->pts[0].x, e->pts[1].y - e->pts[0].y) < 1e-6)
		return cli_usage_error(e->cmd, "its two ends are the same place; an opening has a "
					       "width");
	return EXIT_OK;
}

/* How far the opening a-b is from the nearest wall segment holding both its ends. */
static double off_wall(const struct floorplan *fp, struct fp_point a, struct fp_point b)
{
	double best = INFINITY;

	for (size_t w = 0; w < fp->nwalls; w++)
		for (size_t k = 0; k + 1 < fp->walls[w].npts; k++) {
			struct fp_point p = fp->walls[w].pts[k], q = fp->walls[w].pts[k + 1];

			best = fmin(best, fmax(fp_point_segment_distance(a, p, q),
					       fp_point_segment_distance(b, p, q)));
		}
	return best;
}

static int check_on_wall(const char *cmd, const struct floorplan *fp, struct fp_point a,
			 struct fp_point b)
{
	double off = off_wall(fp, a, b);

	if (off <= FP_OPENING_SNAP_M)
		return EXIT_OK;
	if (isinf(off))
		return cli_error(cmd, "floor '%s' has no walls for an opening to lie on: add them "
				      "first with 'notspot wall add'", fp->name);
	return cli_error(cmd, "the opening (%g, %g)-(%g, %g) lies on no wall: the nearest is %.2f m "
			      "away, and an opening must lie within %g m of one wall segment",
			 a.x, a.y, b.x, b.y, off, FP_OPENING_SNAP_M);
}

static int opening_add(int argc, char **argv)
{
	struct opening_opts o = { 0 };
	struct elem_args a;
	struct fp_opening op = { 0 };
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	int rc;

	if ((rc = elem_parse(&a, ELEM_OPENING, "opening add", usage, longopts, opening_option, &o,
			     argc, argv)) ||
	    (rc = elem_losses(a.e.cmd, o.kind, o.losses, "--kind", op.kind, sizeof(op.kind),
			      op.loss_db)) ||
	    (rc = check_ends(&a.e)) ||
	    (rc = floor_cli_open(a.e.cmd, a.e.survey, a.e.building, a.e.floor, SURVEY_READ_WRITE,
				 SURVEY_LOAD_ELEMENTS, &s, &fp)) ||
	    (rc = elem_check_calibrated(a.e.cmd, a.e.survey, fp)) ||
	    (rc = check_on_wall(a.e.cmd, fp, a.e.pts[0], a.e.pts[1])))
		goto out;
	op.a = a.e.pts[0];
	op.b = a.e.pts[1];
	if (survey_add_opening(s, fp->id, &op, &err) < 0)
		rc = cli_fail(a.e.survey, &err);
	else
		printf("opening added to floor '%s': %s, %.2f m wide, %g / %g / %g dB\n", fp->name,
		       op.kind, hypot(op.b.x - op.a.x, op.b.y - op.a.y), op.loss_db[0],
		       op.loss_db[1], op.loss_db[2]);
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

static int list_floor(void *arg, struct survey *s, const struct floorplan *fp)
{
	json_t *json = *(json_t **)arg;
	char label[160];

	if (!json)
		printf("floor %s: %zu opening%s\n", floor_cli_label(s, fp, label, sizeof(label)),
		       fp->nopenings, fp->nopenings == 1 ? "" : "s");
	if (!json && fp->nopenings)
		printf("  %5s  %-14s %7s  %-17s  %s\n", "id", "kind", "width m", "loss 2.4/5/6 dB",
		       "ends");
	for (size_t i = 0; i < fp->nopenings; i++) {
		const struct fp_opening *o = &fp->openings[i];
		double wid = hypot(o->b.x - o->a.x, o->b.y - o->a.y);
		struct fp_point ends[2] = { o->a, o->b };
		char loss[48];
		json_t *e;

		if (!json) {
			snprintf(loss, sizeof(loss), "%g/%g/%g", o->loss_db[0], o->loss_db[1],
				 o->loss_db[2]);
			printf("  %5lld  %-14s %7.2f  %-17s  (%g, %g)-(%g, %g)\n", (long long)o->id,
			       o->kind, wid, loss, o->a.x, o->a.y, o->b.x, o->b.y);
			continue;
		}
		e = elem_json_base(o->id, fp);
		json_object_set_new(e, "kind", json_string(o->kind));
		json_object_set_new(e, "loss_db", json_pack("{s:f, s:f, s:f}", "2.4", o->loss_db[0],
							    "5", o->loss_db[1], "6",
							    o->loss_db[2]));
		json_object_set_new(e, "width_m", json_real(wid));
		json_object_set_new(e, "points", elem_points_json(ends, 2));
		json_array_append_new(json, e);
	}
	return EXIT_OK;
}

static int opening_list(int argc, char **argv)
{
	struct opening_opts o = { 0 };
	struct elem_args a;
	json_t *json = NULL;
	int rc;

	if ((rc = elem_parse(&a, ELEM_OPENING, "opening list", usage, longopts, opening_option, &o,
			     argc, argv)))
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

static int opening_remove(int argc, char **argv)
{
	struct opening_opts o = { 0 };
	struct elem_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	size_t i;
	int rc;

	if ((rc = elem_parse(&a, ELEM_OPENING, "opening remove", usage, longopts, opening_option,
			     &o, argc, argv)) ||
	    (rc = elem_open(&a, SURVEY_READ_WRITE, &s, &fp)) || (rc = elem_find(&a, fp, &i)))
		goto out;
	if (survey_remove_opening(s, fp->openings[i].id, &err))
		rc = cli_fail(a.e.survey, &err);
	else
		printf("opening %lld (%s) removed from floor '%s'\n", (long long)a.id,
		       fp->openings[i].kind, fp->name);
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

static int opening_move(int argc, char **argv)
{
	struct opening_opts o = { 0 };
	struct elem_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	struct fp_opening moved;
	size_t i;
	int rc;

	if ((rc = elem_parse(&a, ELEM_OPENING, "opening move", usage, longopts, opening_option, &o,
			     argc, argv)))
		goto out;
	if (a.have_by == a.e.have_points) {
		rc = cli_usage_error(a.e.cmd, "give either --by DX,DY or the new --points AX,AY "
					      "BX,BY");
		goto out;
	}
	if ((a.e.have_points && (rc = check_ends(&a.e))) ||
	    (rc = elem_open(&a, SURVEY_READ_WRITE, &s, &fp)) || (rc = elem_find(&a, fp, &i)))
		goto out;
	moved = fp->openings[i];
	if (a.have_by) {
		elem_shift(&a, &moved.a, 1);
		elem_shift(&a, &moved.b, 1);
	} else {
		moved.a = a.e.pts[0];
		moved.b = a.e.pts[1];
	}
	if ((rc = check_on_wall(a.e.cmd, fp, moved.a, moved.b)))
		goto out;
	if (survey_update_opening(s, &moved, &err))
		rc = cli_fail(a.e.survey, &err);
	else
		printf("opening %lld on floor '%s' moved to (%g, %g)-(%g, %g)\n", (long long)a.id,
		       fp->name, moved.a.x, moved.a.y, moved.b.x, moved.b.y);
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

CLI_COMMAND(opening, 83, "add, list, remove and move doors and gaps in walls");
int cmd_opening(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{ "add", opening_add },
		{ "list", opening_list },
		{ "remove", opening_remove },
		{ "move", opening_move },
	};

	return cli_run_action("opening", actions, sizeof(actions) / sizeof(actions[0]), usage,
			      argc, argv);
}
