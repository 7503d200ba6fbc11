/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_ward.c — `notspot ward add`: name an area of a floor (a ward, a bay,
 * the X-ray suite) by its outline in metres, for per-ward maps and statistics.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/floors.h"
#include "floorplans/geometry.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot ward add SURVEY [--floor NAME] --name WARD --points X,Y X,Y X,Y ...\n"
		"Add a named area to a floor: its outline, at least three corners in metres\n"
		"from the floor's origin (x to the right, y down, as the drawing reads).\n"
		"Ward names are unique on a floor. --floor may be left out when the survey\n"
		"has one floor.\n\n"
		"Example:\n"
		"  notspot ward add site.notspot --floor \"Level 2\" --name \"Bay A\" \\\n"
		"      --points 0,0 8,0 8,8 0,8\n");
}

/* --name, the one option of ward add's own. */
static int name_option(void *ctx, int c, const char *arg)
{
	(void)c;
	*(const char **)ctx = arg;
	return EXIT_OK;
}

static int check(const struct floor_cli_edit *e, const char *name)
{
	if (!e->survey || !name || !name[0])
		return cli_usage_error(e->cmd, "give the survey and the ward's --name");
	if (cli_check_name(e->cmd, "--name", name, sizeof(((struct fp_ward *)0)->name),
			   NS_TEXT_REQUIRED))
		return EXIT_USAGE;
	if (e->npts < 3)
		return cli_usage_error(e->cmd, "an outline needs at least 3 --points X,Y "
					       "(metres); %zu given", e->npts);
	if (fp_polygon_area(e->pts, e->npts) < 1e-6)
		return cli_usage_error(e->cmd, "the points enclose no area");
	return EXIT_OK;
}

static int ward_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		FLOOR_CLI_EDIT_LONGOPTS,
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct floor_cli_edit e;
	const char *name = NULL;
	struct floorplan *fp;
	struct survey *s;
	int rc;

	if ((rc = floor_cli_edit_init(&e, "ward add", usage, argc)))
		return rc;
	if ((rc = floor_cli_edit_parse(&e, longopts, name_option, &name, argc, argv)) ||
	    (rc = check(&e, name)) ||
	    (rc = floor_cli_open(e.cmd, e.survey, e.floor, SURVEY_READ_WRITE, &s, &fp)))
		goto out;
	if (floorplan_find_ward(fp, name))
		rc = cli_error(e.cmd, "floor '%s' already has a ward called '%s'", fp->name, name);
	else if (floorplan_add_ward(fp, name, e.pts, e.npts))
		rc = cli_error(e.cmd, "out of memory");
	else if ((rc = floor_cli_store(s, fp, e.survey)) == EXIT_OK)
		printf("ward '%s' added to floor '%s': %zu corners, %.1f m²\n", name, fp->name,
		       e.npts, fp_polygon_area(e.pts, e.npts));
	survey_close(s);
	floorplan_free(fp);
out:
	floor_cli_edit_release(&e);
	return cli_status(rc);
}

CLI_COMMAND(ward, 70, "name an area of a floor by its outline in metres");
int cmd_ward(int argc, char **argv)
{
	static const struct cli_action actions[] = { { "add", ward_add } };

	return cli_run_action("ward", actions, 1, usage, argc, argv);
}
