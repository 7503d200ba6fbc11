/*
 * cmd_wall.c — `notspot wall add`: a wall on a floor, as a polyline in metres
 * with a material (its one-pass loss per band) or custom losses.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "floorplans/model.h"
#include "survey/survey.h"

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

static int wall_add(int argc, char **argv)
{
	const char *survey_path = NULL, *floor = NULL, *material = NULL, *losses = NULL;
	const struct fp_material *m = NULL;
	double loss[FP_NBANDS] = { 0 }, len = 0;
	struct fp_point *pts;
	size_t npts = 0;
	struct floorplan *fp;
	struct survey *s;
	struct ns_err err = { 0 };
	int rc;

	pts = calloc((size_t)argc, sizeof(*pts));
	if (!pts)
		return cli_error("wall add", "out of memory");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			free(pts);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--floor") == 0 && i + 1 < argc) {
			floor = argv[++i];
		} else if (strcmp(argv[i], "--material") == 0 && i + 1 < argc) {
			material = argv[++i];
		} else if (strcmp(argv[i], "--loss-db") == 0 && i + 1 < argc) {
			losses = argv[++i];
		} else if (strcmp(argv[i], "--points") == 0) {
			/* Every following argument up to the next option is a point. */
			if (floor_cli_read_points("wall add", argc, argv, &i, pts, &npts)) {
				free(pts);
				return EXIT_USAGE;
			}
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			free(pts);
			return cli_usage_error("wall add", "unknown option or missing value: '%s'",
					       argv[i]);
		} else if (!survey_path) {
			survey_path = argv[i];
		} else {
			free(pts);
			return cli_usage_error("wall add", "unexpected argument '%s'", argv[i]);
		}
	}
	rc = EXIT_USAGE;
	if (!survey_path) {
		cli_usage_error("wall add", "which survey?");
		goto early;
	}
	if (!material && !losses) {
		cli_usage_error("wall add", "give --material M (see --help) or --loss-db L24,L5");
		goto early;
	}
	if (material && strcmp(material, "custom") != 0) {
		m = fp_material_find(material);
		if (!m) {
			cli_usage_error("wall add", "'%s' is not a known material; 'notspot wall "
						    "add --help' lists them", material);
			goto early;
		}
		memcpy(loss, m->loss_db, sizeof(loss));
	}
	if (losses) {
		int k = cli_parse_doubles(losses, loss, 2, FP_NBANDS);

		if (k < 2) {
			cli_usage_error("wall add", "--loss-db needs L24,L5[,L6] in dB");
			goto early;
		}
		if (k == 2)
			loss[2] = loss[1];
		for (int b = 0; b < FP_NBANDS; b++)
			if (!isfinite(loss[b]) || loss[b] < 0 || loss[b] > 200) {
				cli_usage_error("wall add", "a loss of %g dB is out of range (0 to "
							    "200)", loss[b]);
				goto early;
			}
	} else if (!m) {
		cli_usage_error("wall add", "material 'custom' needs --loss-db L24,L5[,L6]");
		goto early;
	}
	if (npts < 2) {
		cli_usage_error("wall add", "a wall needs at least 2 --points X,Y (metres); %zu "
					    "given", npts);
		goto early;
	}
	for (size_t k = 0; k + 1 < npts; k++) {
		double d = hypot(pts[k + 1].x - pts[k].x, pts[k + 1].y - pts[k].y);

		if (d < 1e-6) {
			cli_usage_error("wall add", "points %zu and %zu are the same place", k + 1,
					k + 2);
			goto early;
		}
		len += d;
	}
	rc = floor_cli_open("wall add", survey_path, floor, SURVEY_READ_WRITE, &s, &fp);
	if (rc)
		goto early;
	if (floorplan_add_wall(fp, pts, npts, m ? m->key : "custom", loss)) {
		rc = cli_error("wall add", "out of memory");
		goto out;
	}
	if (survey_update_floor(s, fp, &err)) {
		rc = cli_fail(survey_path, &err);
		goto out;
	}
	printf("wall added to floor '%s': %s, %zu points, %.2f m long, %g / %g / %g dB\n",
	       fp->name, m ? m->key : "custom", npts, len, loss[0], loss[1], loss[2]);
	rc = EXIT_OK;
out:
	survey_close(s);
	floorplan_free(fp);
early:
	free(pts);
	return rc;
}

int cmd_wall(int argc, char **argv)
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
		return wall_add(argc - 1, argv + 1);
	return cli_usage_error("wall", "unknown action '%s' (add)", argv[1]);
}
