/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * elements.h — what the commands for the things drawn on a floor share
 * (`ward`, `wall`, `opening`, `ap`): the options every action takes (--id,
 * --name, --to, --by, --json besides floors.h's SURVEY, --floor, --building
 * and --points), finding the floor an element is on, the floors a listing
 * covers, and printing lists as text or JSON.
 *
 * Elements are named by --id N (every kind; `X list` shows the ids) or, for
 * wards and APs, by --name on a floor. An element named by id needs no
 * --floor: its floor is found from it. Functions returning int return an
 * exit status and have printed the error when it is not EXIT_OK.
 */
#ifndef NOTSPOT_CLI_ELEMENTS_H
#define NOTSPOT_CLI_ELEMENTS_H

#include <jansson.h>
#include <stdbool.h>

#include "cli/floors.h"

enum elem_kind { ELEM_WARD, ELEM_WALL, ELEM_OPENING, ELEM_AP };

struct elem_args {
	struct floor_cli_edit e;    /* SURVEY, --floor, --building, --points */
	enum elem_kind kind;
	const char *name, *to;      /* --name, --to */
	int64_t id;                 /* --id, 0: not given */
	bool have_by, json;         /* --by DX,DY given; --json */
	double by[2];
	/* The action's own options (codes the table below does not use); may be NULL. */
	int (*option)(void *ctx, int c, const char *arg);
	void *ctx;
};

/* Rows for an action's option table: floors.h's and codes n, t, i, y, j. */
#define ELEM_LONGOPTS                                       \
	FLOOR_CLI_EDIT_LONGOPTS,                            \
	{ "name", required_argument, NULL, 'n' },           \
	{ "to", required_argument, NULL, 't' },             \
	{ "id", required_argument, NULL, 'i' },             \
	{ "by", required_argument, NULL, 'y' },             \
	{ "json", no_argument, NULL, 'j' }

/**
 * elem_parse() - the arguments of action @cmd (usage @usage) of kind @kind
 * into @a, with @longopts holding ELEM_LONGOPTS; @option/@ctx take the
 * action's own options. The caller releases @a with elem_release().
 */
int elem_parse(struct elem_args *a, enum elem_kind kind, const char *cmd,
	       void (*usage)(FILE *f), const struct option *longopts,
	       int (*option)(void *ctx, int c, const char *arg), void *ctx, int argc,
	       char **argv);
void elem_release(struct elem_args *a);

/**
 * elem_open() - open the survey (@mode) and load, with its elements, the
 * floor of the element --id names, or else the floor --floor/--building name.
 * On EXIT_OK the caller closes *@s and frees *@fp.
 */
int elem_open(struct elem_args *a, enum survey_open_mode mode, struct survey **s,
	      struct floorplan **fp);

/**
 * elem_find() - the index in @fp's array of @a's kind of the element --id
 * or --name names (into *@index); says so when neither is given or it is
 * not there.
 */
int elem_find(const struct elem_args *a, const struct floorplan *fp, size_t *index);

/**
 * elem_each_floor() - call @fn for every floor a listing covers: the one
 * --floor names, or every floor (of --building, when given), each loaded
 * with its elements, in building and level order. Opens the survey read-only.
 */
int elem_each_floor(struct elem_args *a,
		    int (*fn)(void *arg, struct survey *s, const struct floorplan *fp), void *arg);

/**
 * elem_check_calibrated() - elements are placed on a drawing in metres: an
 * uncalibrated floor @fp has no metres yet, and adding to it is refused
 * with what to do first.
 */
int elem_check_calibrated(const char *cmd, const char *path, const struct floorplan *fp);

/** elem_points_json() - [[x, y], …] in metres. */
json_t *elem_points_json(const struct fp_point *pts, size_t n);

/** elem_json_base() - {"id", "floor", "building"} for element @id of @fp, to add to. */
json_t *elem_json_base(int64_t id, const struct floorplan *fp);

/** elem_print_json() - print @a indented and drop it. */
void elem_print_json(json_t *a);

/** elem_shift() - move @n points by --by. */
void elem_shift(const struct elem_args *a, struct fp_point *pts, size_t n);

/**
 * elem_losses() - a material @key (--material or --kind, which @opt names in
 * errors; NULL: not given) and --loss-db @losses (NULL: not given) as the
 * material key to store in @key_out ("custom" for measured losses alone)
 * and the one-pass loss per band in @loss.
 */
int elem_losses(const char *cmd, const char *key, const char *losses, const char *opt,
		char *key_out, size_t cap, double loss[FP_NBANDS]);

#endif
