/* SPDX-License-Identifier: GPL-3.0-or-later */
/* floors.c — see floors.h. */
#include "cli/floors.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "floorplans/sidecar.h"

int floor_cli_open(const char *cmd, const char *path, const char *floor,
		   enum survey_open_mode mode, struct survey **s, struct floorplan **fp)
{
	struct ns_err err = { 0 };
	int64_t id;

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
		return cli_fail(path, &err);
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
		int c = getopt_long(argc, argv, "-:h", longopts, NULL);

		if (c == -1)
			break;
		switch (c) {
		case 1: rc = positional(e, optarg); break;
		case 'F': e->floor = optarg; break;
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
	return rc;
}

int floor_cli_store(struct survey *s, struct floorplan *fp, const char *path)
{
	struct ns_err err = { 0 };

	if (survey_update_floor(s, fp, &err))
		return cli_fail(path, &err);
	return EXIT_OK;
}
