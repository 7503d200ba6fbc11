/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * floors.h — what `building`, `floor`, `ward`, `wall`, `opening` and `ap`
 * share: opening a survey for an edit (waiting for, and naming, another
 * program writing it), finding a floor by name within a building, reading
 * "X,Y" points, the arguments every edit of a floor takes (SURVEY, --floor,
 * --building, --points), and the floor actions that live outside
 * cmd_floor.c (floor_level.c: set, rename, move, remove, align).
 *
 * Every function that returns an int returns an exit status (EXIT_OK,
 * EXIT_FAILED, EXIT_USAGE, or CLI_DONE after --help) and has printed the
 * error when it is not EXIT_OK.
 */
#ifndef NOTSPOT_CLI_FLOORS_H
#define NOTSPOT_CLI_FLOORS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "floorplans/model.h"
#include "survey/survey.h"

/**
 * floor_cli_open_survey() - open @path in @mode. Read-write opens are for
 * edits: survey_edit_guard() (survey/others.h) waits briefly for another
 * program's write transaction and refuses while another program records a
 * walk into the file, saying who. On EXIT_OK the caller closes *@s.
 */
int floor_cli_open_survey(const char *cmd, const char *path, enum survey_open_mode mode,
			  struct survey **s);

/**
 * floor_cli_find() - the id of floor @floor (NULL: the only floor — of
 * building @building when given) into *@id. With @building (NULL: any) the
 * name is looked up in that building; a name several buildings use needs it,
 * and the error says so.
 */
int floor_cli_find(const char *cmd, struct survey *s, const char *path, const char *building,
		   const char *floor, int64_t *id);

/**
 * floor_cli_open() - open @path in @mode (as floor_cli_open_survey()) and
 * load floor @floor of @building (as floor_cli_find()) with what @load asks
 * (enum survey_load). On EXIT_OK the caller closes *@s and frees *@fp.
 */
int floor_cli_open(const char *cmd, const char *path, const char *building, const char *floor,
		   enum survey_open_mode mode, unsigned load, struct survey **s,
		   struct floorplan **fp);

/** floor_cli_parse_point() - "X,Y" to two finite numbers: 0 or -EINVAL (prints nothing). */
int floor_cli_parse_point(const char *s, double *x, double *y);

/** floor_cli_label() - "'Level 2'" or, with several buildings, "'Level 2' of 'Tower'". */
const char *floor_cli_label(struct survey *s, const struct floorplan *fp, char *buf, size_t len);

/* The arguments of an edit (`ward add`, `wall move`); the command adds its own options. */
struct floor_cli_edit {
	const char *cmd;            /* "ward add": how errors name the command */
	void (*usage)(FILE *f);     /* what --help prints */
	const char *survey;         /* SURVEY, the one positional argument */
	const char *floor;          /* --floor, NULL: the survey's (or building's) only floor */
	const char *building;       /* --building, NULL: any */
	struct fp_point *pts;       /* --points, metres, in the order given */
	size_t npts;
	bool have_points;           /* --points was given (perhaps with no point) */
	const char *shortopts;      /* getopt's, starting "-:h"; NULL: "-:h" */
};

/* Rows for the command's struct option table (codes F, B, P, h). */
#define FLOOR_CLI_EDIT_LONGOPTS                             \
	{ "floor", required_argument, NULL, 'F' },          \
	{ "building", required_argument, NULL, 'B' },       \
	{ "points", optional_argument, NULL, 'P' },         \
	{ "help", no_argument, NULL, 'h' }

/** floor_cli_edit_init() - room for the points of @argc arguments; EXIT_OK or EXIT_FAILED. */
int floor_cli_edit_init(struct floor_cli_edit *e, const char *cmd, void (*usage)(FILE *f),
			int argc);
void floor_cli_edit_release(struct floor_cli_edit *e);

/**
 * floor_cli_edit_parse() - parse @argv with getopt_long and @longopts (which
 * hold FLOOR_CLI_EDIT_LONGOPTS): the positional SURVEY, --floor, --building,
 * --help, an unknown option or a missing value are handled here, and
 * --points[=X,Y] X,Y ..., which takes every following argument up to the
 * next "--" option (so negative coordinates are points). Any other option
 * goes to @option(@ctx, code, optarg). Arguments are taken in the order
 * given, so the first mistake is the one named.
 */
int floor_cli_edit_parse(struct floor_cli_edit *e, const struct option *longopts,
			 int (*option)(void *ctx, int c, const char *arg), void *ctx, int argc,
			 char **argv);

/** floor_cli_store() - write the edited @fp back into @s (the survey at @path). */
int floor_cli_store(struct survey *s, struct floorplan *fp, const char *path);

/* ---- floor actions in floor_level.c (cmd_floor.c lists them) ------------------------ */

int floor_set(int argc, char **argv);
int floor_rename(int argc, char **argv);
int floor_move(int argc, char **argv);
int floor_remove(int argc, char **argv);
int floor_align(int argc, char **argv);

/**
 * floor_cli_slab() - --slab MATERIAL (@material) and --slab-loss-db
 * L24,L5[,L6] (@losses), either may be NULL, into @fp's slab: losses alone
 * make the slab "custom"; a material alone takes the table's figures.
 */
int floor_cli_slab(const char *cmd, const char *material, const char *losses,
		   struct floorplan *fp);

#endif
