/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_ward.c — `notspot ward add|list|remove|rename|move`: the named areas of
 * a floor (a ward, a bay inside it, the X-ray suite) by their outline in
 * metres, for per-ward maps and statistics. Wards may nest and overlap:
 * each gets its own statistics over its whole outline.
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
		"Usage: notspot ward ACTION SURVEY [--floor NAME] [--building B] ...\n"
		"The named areas of a floor: an outline of at least three corners in metres\n"
		"from the floor's origin (x to the right, y down, as the drawing reads), on\n"
		"the drawing and not crossing itself. Names are unique on a floor; wards may\n"
		"nest (a bay inside a ward) and each gets its own statistics.\n\n"
		"Actions:\n"
		"  add SURVEY --name WARD --points X,Y X,Y X,Y ...\n"
		"  list SURVEY [--json]                  every floor's, or --floor's\n"
		"  remove SURVEY (--name WARD | --id N)\n"
		"  rename SURVEY (--name WARD | --id N) --to NEW\n"
		"  move SURVEY (--name WARD | --id N) (--by DX,DY | --points X,Y X,Y X,Y ...)\n"
		"      shift the outline, or give it anew\n\n"
		"--floor may be left out when the survey has one floor, or with --id.\n"
		"Example:\n"
		"  notspot ward add site.notspot --floor \"Level 2\" --name \"Bay A\" \\\n"
		"      --points 0,0 8,0 8,8 0,8\n");
}

static const struct option longopts[] = { ELEM_LONGOPTS, { NULL, 0, NULL, 0 } };

/* An outline from --points: enough corners enclosing an area (the rest is the model's). */
static int check_outline(const struct floor_cli_edit *e)
{
	if (e->npts < 3)
		return cli_usage_error(e->cmd, "an outline needs at least 3 --points X,Y "
					       "(metres); %zu given", e->npts);
	if (fp_polygon_area(e->pts, e->npts) < 1e-6)
		return cli_usage_error(e->cmd, "the points enclose no area");
	return EXIT_OK;
}

/* A ward's new name, @opt's value: given, and passing the one rule for names (util/textcheck.h). */
static int check_name(const char *cmd, const char *name, const char *opt, const char *what)
{
	if (!name || !name[0])
		return cli_usage_error(cmd, "give the ward's %s", what);
	return cli_check_name(cmd, opt, name, sizeof(((struct fp_ward *)0)->name), NS_TEXT_REQUIRED);
}

static int ward_add(int argc, char **argv)
{
	struct elem_args a;
	struct fp_ward w = { 0 };
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	int rc;

	if ((rc = elem_parse(&a, ELEM_WARD, "ward add", usage, longopts, NULL, NULL, argc, argv)) ||
	    (rc = check_name(a.e.cmd, a.name, "--name", "--name")) || (rc = check_outline(&a.e)) ||
	    (rc = floor_cli_open(a.e.cmd, a.e.survey, a.e.building, a.e.floor, SURVEY_READ_WRITE, 0,
				 &s, &fp)) ||
	    (rc = elem_check_calibrated(a.e.cmd, a.e.survey, fp)))
		goto out;
	snprintf(w.name, sizeof(w.name), "%s", a.name);
	w.pts = a.e.pts;
	w.npts = a.e.npts;
	if (survey_add_ward(s, fp->id, &w, &err) < 0)
		rc = cli_fail(a.e.cmd, &err);
	else
		printf("ward '%s' added to floor '%s': %zu corners, %.1f m²\n", a.name, fp->name,
		       a.e.npts, fp_polygon_area(a.e.pts, a.e.npts));
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

/* ---- list ------------------------------------------------------------------------------ */

struct lister {
	json_t *json;              /* NULL: text */
	size_t n;
};

static int list_floor(void *arg, struct survey *s, const struct floorplan *fp)
{
	struct lister *l = arg;
	char label[160];

	(void)s;
	if (!l->json)
		printf("%sfloor %s: %zu ward%s\n", l->n ? "\n" : "",
		       floor_cli_label(s, fp, label, sizeof(label)), fp->nwards,
		       fp->nwards == 1 ? "" : "s");
	if (!l->json && fp->nwards)
		printf("  %5s  %-28s %7s %10s  %s\n", "id", "ward", "corners", "area m²",
		       "inside");
	for (size_t i = 0; i < fp->nwards; i++) {
		const struct fp_ward *w = &fp->wards[i];
		double area = fp_polygon_area(w->pts, w->npts);
		const char *in = "";
		json_t *e;

		/* The smallest other ward holding all of this one: a bay's ward. */
		double best = INFINITY;

		for (size_t k = 0; k < fp->nwards; k++) {
			const struct fp_ward *o = &fp->wards[k];
			double ak = fp_polygon_area(o->pts, o->npts);
			bool all = k != i && ak > area;

			for (size_t p = 0; all && p < w->npts; p++)
				all = fp_point_in_polygon(o->pts, o->npts, w->pts[p]);
			if (all && ak < best) {
				best = ak;
				in = o->name;
			}
		}
		if (!l->json) {
			printf("  %5lld  %-28s %7zu %10.1f  %s\n", (long long)w->id, w->name, w->npts,
			       area, in);
			continue;
		}
		e = elem_json_base(w->id, fp);
		json_object_set_new(e, "name", json_string(w->name));
		json_object_set_new(e, "area_m2", json_real(area));
		json_object_set_new(e, "inside", in[0] ? json_string(in) : json_null());
		json_object_set_new(e, "points", elem_points_json(w->pts, w->npts));
		json_array_append_new(l->json, e);
	}
	l->n++;
	return EXIT_OK;
}

static int ward_list(int argc, char **argv)
{
	struct elem_args a;
	struct lister l = { 0 };
	int rc;

	if ((rc = elem_parse(&a, ELEM_WARD, "ward list", usage, longopts, NULL, NULL, argc, argv)))
		goto out;
	if (a.json)
		l.json = json_array();
	rc = elem_each_floor(&a, list_floor, &l);
	if (l.json && !rc)
		elem_print_json(l.json);
	else if (l.json)
		json_decref(l.json);
out:
	elem_release(&a);
	return cli_status(rc);
}

/* ---- remove, rename, move ------------------------------------------------------------ */

/* Open the survey for an edit of the ward --name/--id names, into *@w (of *@fp). */
static int open_ward(struct elem_args *a, struct survey **s, struct floorplan **fp,
		     struct fp_ward **w)
{
	size_t i;
	int rc = elem_open(a, SURVEY_READ_WRITE, s, fp);

	if (!rc && !(rc = elem_find(a, *fp, &i)))
		*w = &(*fp)->wards[i];
	return rc;
}

static int ward_remove(int argc, char **argv)
{
	struct elem_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	struct fp_ward *w;
	int rc;

	if ((rc = elem_parse(&a, ELEM_WARD, "ward remove", usage, longopts, NULL, NULL, argc,
			     argv)) ||
	    (rc = open_ward(&a, &s, &fp, &w)))
		goto out;
	if (survey_remove_ward(s, w->id, &err))
		rc = cli_fail(a.e.survey, &err);
	else
		printf("ward '%s' removed from floor '%s'\n", w->name, fp->name);
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

static int ward_rename(int argc, char **argv)
{
	struct elem_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	struct fp_ward *w;
	char old[sizeof(w->name)];
	int rc;

	if ((rc = elem_parse(&a, ELEM_WARD, "ward rename", usage, longopts, NULL, NULL, argc,
			     argv)) ||
	    (rc = check_name(a.e.cmd, a.to, "--to", "new name: --to NEW")) ||
	    (rc = open_ward(&a, &s, &fp, &w)))
		goto out;
	snprintf(old, sizeof(old), "%s", w->name);
	snprintf(w->name, sizeof(w->name), "%s", a.to);
	if (survey_update_ward(s, w, &err))
		rc = cli_fail(a.e.cmd, &err);
	else
		printf("ward '%s' on floor '%s' is now '%s'\n", old, fp->name, w->name);
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

static int ward_move(int argc, char **argv)
{
	struct elem_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	struct fp_ward *w, moved;
	int rc;

	if ((rc = elem_parse(&a, ELEM_WARD, "ward move", usage, longopts, NULL, NULL, argc, argv)))
		goto out;
	if (a.have_by == a.e.have_points) {
		rc = cli_usage_error(a.e.cmd, "give either --by DX,DY or a new outline with --points");
		goto out;
	}
	if ((a.e.have_points && (rc = check_outline(&a.e))) || (rc = open_ward(&a, &s, &fp, &w)))
		goto out;
	moved = *w;
	if (a.have_by) {
		elem_shift(&a, w->pts, w->npts);
	} else {
		moved.pts = a.e.pts;
		moved.npts = a.e.npts;
	}
	if (survey_update_ward(s, &moved, &err))
		rc = cli_fail(a.e.cmd, &err);
	else
		printf("ward '%s' on floor '%s' moved: %zu corners, %.1f m²\n", w->name, fp->name,
		       moved.npts, fp_polygon_area(moved.pts, moved.npts));
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

CLI_COMMAND(ward, 70, "add, list, remove, rename and move the named areas of a floor");
int cmd_ward(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{ "add", ward_add },	   { "list", ward_list },   { "remove", ward_remove },
		{ "rename", ward_rename }, { "move", ward_move },
	};

	return cli_run_action("ward", actions, sizeof(actions) / sizeof(actions[0]), usage, argc,
			      argv);
}
