/* SPDX-License-Identifier: GPL-3.0-or-later */
/* floors.c — see floors.h. */
#include "cli/floors.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "floorplans/sidecar.h"
#include "survey/others.h"

int floor_cli_open_survey(const char *cmd, const char *path, enum survey_open_mode mode,
			  struct survey **s)
{
	struct ns_err err = { 0 };

	(void)cmd;
	*s = NULL;
	if (survey_open(path, mode, s, &err))
		return cli_fail("cannot open the survey", &err); /* the sentence names the file */
	if (mode == SURVEY_READ_WRITE && survey_edit_guard(*s, path, SURVEY_EDIT_WAIT_MS, &err)) {
		survey_close(*s);
		*s = NULL;
		return cli_fail(cmd, &err);
	}
	return EXIT_OK;
}

/* The only floor of the survey (of building @bid when > 0) into *@id. */
static int only_floor(const char *cmd, struct survey *s, const char *path, int64_t bid,
		      const char *building, int64_t *id)
{
	struct survey_floor_info *fl = NULL;
	struct ns_err err = { 0 };
	size_t n = 0, k = 0;

	if (survey_list_floors(s, &fl, &n, &err))
		return cli_fail(path, &err);
	for (size_t i = 0; i < n; i++)
		if (bid <= 0 || fl[i].building_id == bid) {
			*id = fl[i].id;
			k++;
		}
	free(fl);
	if (k == 1)
		return EXIT_OK;
	if (k == 0 && building)
		return cli_error(path, "building '%s' has no floors yet; add one with 'notspot floor "
				       "add --building'", building);
	if (k == 0)
		return cli_error(path, "the survey has no floors yet; add one with 'notspot floor "
				       "add'");
	return cli_usage_error(cmd, "%s has %zu floors: say which with --floor (see 'notspot "
				    "floor list %s')", building ? "the building" : "the survey", k,
			       path);
}

int floor_cli_find(const char *cmd, struct survey *s, const char *path, const char *building,
		   const char *floor, int64_t *id)
{
	struct ns_err err = { 0 };
	int64_t bid = 0, fid;

	if (building && (bid = survey_find_building(s, building, &err)) < 0)
		return cli_fail(path, &err);
	if (!floor)
		return only_floor(cmd, s, path, bid, building, id);
	fid = bid > 0 ? survey_find_floor_in(s, bid, floor, &err) : survey_find_floor(s, floor, &err);
	if (fid == -EEXIST)
		return cli_usage_error(cmd, "%s: name the building with --building", err.msg);
	if (fid == -ENOENT && building)
		return cli_error(path, "building '%s' has no floor called '%s'", building, floor);
	if (fid < 0)
		return cli_fail(path, &err);
	*id = fid;
	return EXIT_OK;
}

int floor_cli_open(const char *cmd, const char *path, const char *building, const char *floor,
		   enum survey_open_mode mode, unsigned load, struct survey **s,
		   struct floorplan **fp)
{
	struct ns_err err = { 0 };
	int64_t id = 0;
	int rc;

	*fp = NULL;
	if ((rc = floor_cli_open_survey(cmd, path, mode, s)))
		return rc;
	if ((rc = floor_cli_find(cmd, *s, path, building, floor, &id)) == EXIT_OK &&
	    survey_load_floor_ex(*s, id, load, fp, &err))
		rc = cli_fail(path, &err);
	if (rc) {
		survey_close(*s);
		*s = NULL;
	}
	return rc;
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

const char *floor_cli_label(struct survey *s, const struct floorplan *fp, char *buf, size_t len)
{
	struct fp_building *b = NULL;
	size_t n = 0;

	if (survey_list_buildings(s, &b, &n, NULL) == 0 && n > 1)
		snprintf(buf, len, "'%s' of '%s'", fp->name, fp->building);
	else
		snprintf(buf, len, "'%s'", fp->name);
	free(b);
	return buf;
}

int floor_cli_edit_init(struct floor_cli_edit *e, const char *cmd, void (*usage)(FILE *f),
			int argc)
{
	*e = (struct floor_cli_edit){ .cmd = cmd, .usage = usage };
	/* No more points than arguments. */
	e->pts = calloc((size_t)argc + 1, sizeof(*e->pts));
	return e->pts ? EXIT_OK : cli_error(cmd, "out of memory");
}

void floor_cli_edit_release(struct floor_cli_edit *e)
{
	free(e->pts);
	e->pts = NULL;
}

/* One "X,Y" in metres, within what the sidecar format stores and loads back. */
static int add_point(struct floor_cli_edit *e, const char *a)
{
	struct fp_point *p = &e->pts[e->npts];

	if (floor_cli_parse_point(a, &p->x, &p->y))
		return cli_usage_error(e->cmd, "'%s' is not a point X,Y in metres", a);
	if (fabs(p->x) > FP_SIDECAR_MAX_COORD_M || fabs(p->y) > FP_SIDECAR_MAX_COORD_M)
		return cli_usage_error(e->cmd, "'%s' is more than %g m from the origin", a,
				       FP_SIDECAR_MAX_COORD_M);
	e->npts++;
	return EXIT_OK;
}

/* --points[=X,Y] X,Y ...: the arguments up to the next option are taken here. */
static int read_points(struct floor_cli_edit *e, const char *first, int argc, char **argv)
{
	int rc;

	e->have_points = true;
	if (first && (rc = add_point(e, first)))
		return rc;
	for (; optind < argc && strncmp(argv[optind], "--", 2) != 0; optind++)
		if ((rc = add_point(e, argv[optind])))
			return rc;
	return EXIT_OK;
}

static int positional(struct floor_cli_edit *e, const char *arg)
{
	if (e->survey)
		return cli_usage_error(e->cmd, "unexpected argument '%s'", arg);
	e->survey = arg;
	return EXIT_OK;
}

int floor_cli_edit_parse(struct floor_cli_edit *e, const struct option *longopts,
			 int (*option)(void *ctx, int c, const char *arg), void *ctx, int argc,
			 char **argv)
{
	int rc = EXIT_OK;

	optind = 1;
	opterr = 0; /* one sentence of ours, not getopt's as well */
	while (rc == EXIT_OK) {
		int at = optind; /* the argument read next: the one an error names */
		/* "-": positionals come back in order (code 1), so points are never permuted. */
		int c = getopt_long(argc, argv, e->shortopts ? e->shortopts : "-:h", longopts,
				    NULL);

		if (c == -1)
			break;
		switch (c) {
		case 1: rc = positional(e, optarg); break;
		case 'F': e->floor = optarg; break;
		case 'B': e->building = optarg; break;
		case 'P': rc = read_points(e, optarg, argc, argv); break;
		case 'h': e->usage(stdout); return CLI_DONE;
		case ':':
		case '?':
			return cli_usage_error(e->cmd, "unknown option or missing value: '%s'",
					       argv[at]);
		default: rc = option(ctx, c, optarg); break;
		}
	}
	/* After "--", everything is positional. */
	for (; rc == EXIT_OK && optind < argc; optind++)
		rc = positional(e, argv[optind]);
	if (rc == EXIT_OK && !e->survey)
		rc = cli_usage_error(e->cmd, "which survey? (notspot %s SURVEY ...)", e->cmd);
	return rc;
}

int floor_cli_store(struct survey *s, struct floorplan *fp, const char *path)
{
	struct ns_err err = { 0 };

	if (survey_update_floor(s, fp, &err))
		return cli_fail(path, &err);
	return EXIT_OK;
}

int floor_cli_slab(const char *cmd, const char *material, const char *losses,
		   struct floorplan *fp)
{
	double loss[FP_NBANDS];
	int k;

	if (material) {
		if (strcmp(material, "custom") != 0 && !fp_slab_find(material)) {
			char known[256] = "";

			for (size_t i = 0; i < fp_nslabs; i++)
				snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s, ",
					 fp_slabs[i].key);
			return cli_usage_error(cmd, "'%s' is not a slab material (%scustom with "
						    "--slab-loss-db)", material, known);
		}
		snprintf(fp->slab_material, sizeof(fp->slab_material), "%s", material);
		for (int b = 0; b < FP_NBANDS; b++)
			fp->slab_loss_db[b] = NAN;
	}
	if (!losses)
		return strcmp(fp->slab_material, "custom") == 0 && isnan(fp->slab_loss_db[0])
			       ? cli_usage_error(cmd, "a custom slab needs --slab-loss-db L24,L5[,L6]")
			       : EXIT_OK;
	k = cli_parse_doubles(losses, loss, 2, FP_NBANDS);
	if (k < 2)
		return cli_usage_error(cmd, "--slab-loss-db needs L24,L5[,L6] in dB");
	if (k == 2)
		loss[FP_BAND_6G] = loss[FP_BAND_5G];
	for (int b = 0; b < FP_NBANDS; b++) {
		if (loss[b] < 0 || loss[b] > 200)
			return cli_usage_error(cmd, "a slab loss of %g dB is out of range (0 to 200)",
					       loss[b]);
		fp->slab_loss_db[b] = loss[b];
	}
	if (!material)
		snprintf(fp->slab_material, sizeof(fp->slab_material), "custom");
	return EXIT_OK;
}
