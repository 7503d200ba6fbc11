/*
 * cmd_ward.c — `notspot ward add`: name an area of a floor (a ward, a bay,
 * the X-ray suite) by its outline in metres, for per-ward maps and statistics.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "floorplans/geometry.h"
#include "survey/survey.h"

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

static int ward_add(int argc, char **argv)
{
	const char *survey_path = NULL, *floor = NULL, *name = NULL;
	struct fp_point *pts = NULL;
	size_t npts = 0;
	struct floorplan *fp;
	struct survey *s;
	struct ns_err err = { 0 };
	int rc;

	pts = calloc((size_t)argc, sizeof(*pts));
	if (!pts)
		return cli_error("ward add", "out of memory");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			free(pts);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--floor") == 0 && i + 1 < argc) {
			floor = argv[++i];
		} else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
			name = argv[++i];
		} else if (strcmp(argv[i], "--points") == 0) {
			/* Every following argument up to the next option is a point. */
			if (floor_cli_read_points("ward add", argc, argv, &i, pts, &npts)) {
				free(pts);
				return EXIT_USAGE;
			}
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			free(pts);
			return cli_usage_error("ward add", "unknown option or missing value: '%s'",
					       argv[i]);
		} else if (!survey_path) {
			survey_path = argv[i];
		} else {
			free(pts);
			return cli_usage_error("ward add", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!survey_path || !name || !name[0]) {
		free(pts);
		return cli_usage_error("ward add", "give the survey and the ward's --name");
	}
	if (strlen(name) >= sizeof(((struct fp_ward *)0)->name)) {
		free(pts);
		return cli_usage_error("ward add", "the name is longer than %zu bytes",
				       sizeof(((struct fp_ward *)0)->name) - 1);
	}
	if (npts < 3) {
		free(pts);
		return cli_usage_error("ward add", "an outline needs at least 3 --points X,Y "
						   "(metres); %zu given", npts);
	}
	if (fp_polygon_area(pts, npts) < 1e-6) {
		free(pts);
		return cli_usage_error("ward add", "the points enclose no area");
	}
	rc = floor_cli_open("ward add", survey_path, floor, SURVEY_READ_WRITE, &s, &fp);
	if (rc) {
		free(pts);
		return rc;
	}
	if (floorplan_find_ward(fp, name)) {
		rc = cli_error("ward add", "floor '%s' already has a ward called '%s'", fp->name,
			       name);
		goto out;
	}
	if (floorplan_add_ward(fp, name, pts, npts)) {
		rc = cli_error("ward add", "out of memory");
		goto out;
	}
	if (survey_update_floor(s, fp, &err)) {
		rc = cli_fail(survey_path, &err);
		goto out;
	}
	printf("ward '%s' added to floor '%s': %zu corners, %.1f m²\n", name, fp->name, npts,
	       fp_polygon_area(pts, npts));
	rc = EXIT_OK;
out:
	survey_close(s);
	floorplan_free(fp);
	free(pts);
	return rc;
}

int cmd_ward(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "add") == 0)
		return ward_add(argc - 1, argv + 1);
	return cli_usage_error("ward", "unknown action '%s' (add)", argv[1]);
}
