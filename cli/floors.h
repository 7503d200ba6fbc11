/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * floors.h — what `floor`, `ward` and `wall` share: opening a survey at one
 * of its floors, reading "X,Y" points, the arguments every edit of a floor
 * takes (SURVEY, --floor, --points), and storing the edited floor.
 *
 * Every function that returns an int returns an exit status (EXIT_OK,
 * EXIT_FAILED, EXIT_USAGE, or CLI_DONE after --help) and has printed the
 * error when it is not EXIT_OK.
 */
#ifndef NOTSPOT_CLI_FLOORS_H
#define NOTSPOT_CLI_FLOORS_H

#include <getopt.h>
#include <stdio.h>

#include "floorplans/model.h"
#include "survey/survey.h"

/**
 * floor_cli_open() - open @path in @mode and load floor @floor (NULL: the
 * only floor). On EXIT_OK the caller closes *@s and frees *@fp.
 */
int floor_cli_open(const char *cmd, const char *path, const char *floor,
		   enum survey_open_mode mode, struct survey **s, struct floorplan **fp);

/** floor_cli_parse_point() - "X,Y" to two finite numbers: 0 or -EINVAL (prints nothing). */
int floor_cli_parse_point(const char *s, double *x, double *y);

/* The arguments of an edit (`ward add`, `wall add`); the command adds its own options. */
struct floor_cli_edit {
	const char *cmd;            /* "ward add": how errors name the command */
	void (*usage)(FILE *f);     /* what --help prints */
	const char *survey;         /* SURVEY, the one positional argument */
	const char *floor;          /* --floor, NULL: the survey's only floor */
	struct fp_point *pts;       /* --points, metres, in the order given */
	size_t npts;
};

/* Rows for the command's struct option table (codes F, P, h). */
#define FLOOR_CLI_EDIT_LONGOPTS                             \
	{ "floor", required_argument, NULL, 'F' },          \
	{ "points", optional_argument, NULL, 'P' },         \
	{ "help", no_argument, NULL, 'h' }

/** floor_cli_edit_init() - room for the points of @argc arguments; EXIT_OK or EXIT_FAILED. */
int floor_cli_edit_init(struct floor_cli_edit *e, const char *cmd, void (*usage)(FILE *f),
			int argc);
void floor_cli_edit_release(struct floor_cli_edit *e);

/**
 * floor_cli_edit_parse() - parse @argv with getopt_long and @longopts (which
 * hold FLOOR_CLI_EDIT_LONGOPTS): the positional SURVEY, --floor, --help, an
 * unknown option or a missing value are handled here, and --points[=X,Y]
 * X,Y ..., which takes every following argument up to the next "--" option
 * (so negative coordinates are points). Any other option goes to
 * @option(@ctx, code, optarg). Arguments are taken in the order given, so the
 * first mistake is the one named.
 */
int floor_cli_edit_parse(struct floor_cli_edit *e, const struct option *longopts,
			 int (*option)(void *ctx, int c, const char *arg), void *ctx, int argc,
			 char **argv);

/** floor_cli_store() - write the edited @fp back into @s (the survey at @path). */
int floor_cli_store(struct survey *s, struct floorplan *fp, const char *path);

#endif
