/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * oneshot.h — what `throughput` and `latency` share: one measurement made
 * now, printed, and stored as a sample of a walk when --survey FILE and
 * --walk-id N are given (the same options, checks and words in both).
 */
#ifndef NOTSPOT_CLI_ONESHOT_H
#define NOTSPOT_CLI_ONESHOT_H

#include <getopt.h>
#include <jansson.h>
#include <stdint.h>

#include "measure/measure.h"
#include "survey/survey.h"

/* The option codes: above every character a command uses for its own options. */
enum { CLI_ONESHOT_SURVEY = 0x400, CLI_ONESHOT_WALK };

/* Rows for the command's struct option table, and their case labels. */
#define CLI_ONESHOT_LONGOPTS                                          \
	{ "survey", required_argument, NULL, CLI_ONESHOT_SURVEY },    \
	{ "walk-id", required_argument, NULL, CLI_ONESHOT_WALK }
#define CLI_ONESHOT_CASES case CLI_ONESHOT_SURVEY: case CLI_ONESHOT_WALK

/* Where a result goes. */
struct cli_oneshot {
	const char *path;   /* --survey, or NULL: printed only */
	long walk_id;       /* --walk-id, 0 when not given */
	struct survey *s;   /* open between cli_oneshot_open() and _close(); NULL without --survey */
};

/** cli_oneshot_option() - option @c (CLI_ONESHOT_CASES) with @arg: EXIT_OK or EXIT_USAGE (printed). */
int cli_oneshot_option(const char *cmd, struct cli_oneshot *o, int c, const char *arg);

/** cli_oneshot_check() - after parsing: --survey and --walk-id go together. */
int cli_oneshot_check(const char *cmd, const struct cli_oneshot *o);

/**
 * cli_oneshot_open() - with --survey: open it for writing and check that the
 * walk exists, before anything is measured. EXIT_OK or EXIT_FAILED (printed).
 */
int cli_oneshot_open(struct cli_oneshot *o);
void cli_oneshot_close(struct cli_oneshot *o);

/** cli_json_num() - @v as a JSON number, null when unknown (NAN). */
json_t *cli_json_num(double v);

/**
 * cli_oneshot_json() - a result's JSON object begun with what both kinds
 * share, in this order: time (@t_us, UTC), protocol, direction, server.
 */
json_t *cli_oneshot_json(int64_t t_us, const struct meas_throughput *tp);

#endif
