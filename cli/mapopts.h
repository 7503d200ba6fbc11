/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mapopts.h — the options the map commands share (render, stats, report,
 * diff): which floor and ward, which SSID and band may serve, the profile to
 * judge by, prediction beyond the reach, the grid's cell and the reach.
 *
 * One option table fragment, one parser with one set of checks and the same
 * words in every command's errors, the defaults (the heatmap library's), the
 * --help lines, and the copy into the library's option structs.
 */
#ifndef NOTSPOT_CLI_MAPOPTS_H
#define NOTSPOT_CLI_MAPOPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "heatmap/diff.h"
#include "heatmap/levels.h"
#include "heatmap/map.h"
#include "heatmap/profile.h"
#include "heatmap/report.h"
#include "survey/survey.h"

/* How a command reads the options (and what its help says about them). */
enum cli_map_flags {
	CLI_MAP_EVERY_FLOOR = 1 << 0, /* no --floor: every floor (else the survey's only one) */
	CLI_MAP_WARD_LIST = 1 << 1,   /* --ward may be repeated (else the last one counts) */
	CLI_MAP_NO_PROFILE = 1 << 2,  /* "--profile none" is allowed: no verdicts */
};

/* The option codes: above every character a command uses for its own options. */
enum {
	CLI_MAP_FLOOR = 0x300,
	CLI_MAP_WARD,
	CLI_MAP_SSID,
	CLI_MAP_BAND,
	CLI_MAP_PROFILE,
	CLI_MAP_PROFILE_FILE,
	CLI_MAP_PREDICT,
	CLI_MAP_CELL,
	CLI_MAP_REACH,
};

/* Rows for the command's struct option table. */
#define CLI_MAP_LONGOPTS                                                  \
	{ "floor", required_argument, NULL, CLI_MAP_FLOOR },              \
	{ "ward", required_argument, NULL, CLI_MAP_WARD },                \
	{ "ssid", required_argument, NULL, CLI_MAP_SSID },                \
	{ "band", required_argument, NULL, CLI_MAP_BAND },                \
	{ "profile", required_argument, NULL, CLI_MAP_PROFILE },          \
	{ "profile-file", required_argument, NULL, CLI_MAP_PROFILE_FILE }, \
	{ "predict", no_argument, NULL, CLI_MAP_PREDICT },                \
	{ "cell", required_argument, NULL, CLI_MAP_CELL },                \
	{ "reach", required_argument, NULL, CLI_MAP_REACH }

/* The case labels of those codes, for the command's getopt switch. */
#define CLI_MAP_CASES                                                        \
	case CLI_MAP_FLOOR: case CLI_MAP_WARD: case CLI_MAP_SSID:            \
	case CLI_MAP_BAND: case CLI_MAP_PROFILE: case CLI_MAP_PROFILE_FILE: \
	case CLI_MAP_PREDICT: case CLI_MAP_CELL: case CLI_MAP_REACH

struct cli_map {
	unsigned flags;                          /* enum cli_map_flags */
	const char *floor;                       /* NULL: see CLI_MAP_EVERY_FLOOR */
	const char *wards[HM_REPORT_MAX_WARDS];  /* --ward, in the order given */
	size_t nwards;                           /* at most 1 without CLI_MAP_WARD_LIST */
	const char *ssid;                        /* only this SSID may serve, or NULL */
	int band;                                /* enum fp_band, or -1 */
	const char *profile, *profile_file;      /* as given (NULL: the default profile) */
	bool predict;
	double cell_m;                           /* grid cell, m */
	double reach_m;                          /* not surveyed beyond, m */
};

/** cli_map_init() - nothing given yet: the library's defaults, read as @flags say. */
void cli_map_init(struct cli_map *m, unsigned flags);

/**
 * cli_map_option() - apply option @c (one of CLI_MAP_CASES) with @arg.
 * EXIT_OK, or the usage error for @cmd printed and EXIT_USAGE.
 */
int cli_map_option(const char *cmd, struct cli_map *m, int c, const char *arg);

/** cli_map_help() - the --help lines of the options, as @flags read them. */
void cli_map_help(FILE *f, unsigned flags);

/**
 * cli_map_survey() - the one SURVEY left after the options (argv[optind]):
 * EXIT_OK, or the usage error for @cmd printed and EXIT_USAGE.
 */
int cli_map_survey(const char *cmd, int argc, char **argv, const char **path);

/** cli_map_ward() - the ward asked for (the last one given), or NULL. */
const char *cli_map_ward(const struct cli_map *m);

/**
 * cli_map_profile() - the profile to judge by into @p (*@have false for
 * "none"). EXIT_OK, or the error for @cmd printed and EXIT_FAILED.
 */
int cli_map_profile(const char *cmd, const struct cli_map *m, struct hm_profile *p, bool *have);

/*
 * The options into the library's structs. For hm_map_opts: cell, reach,
 * SSID, band and prediction; the ward and the profile are the command's to
 * set (stats maps a whole floor and reports per ward).
 */
void cli_map_to_map_opts(const struct cli_map *m, struct hm_map_opts *o);
void cli_map_to_report_opts(const struct cli_map *m, struct hm_report_opts *o);
void cli_map_to_diff_opts(const struct cli_map *m, struct hm_diff_opts *o);

/**
 * cli_map_note_skipped() - a warning line on stderr when samples of floor
 * @floor in @survey were left out of the map for a position that is not a
 * number (@set->nbadpos); nothing otherwise. The map itself says it too.
 */
void cli_map_note_skipped(const char *survey, const char *floor, const struct hm_set *set);

/**
 * cli_map_levels() - the levels of @fp's building fitted together
 * (heatmap/levels.h) for maps built with @mo, into @out
 * (hm_levels_release()); nothing when @fp's building has one walked level.
 * Errors are printed for @cmd; EXIT_OK or EXIT_FAILED.
 */
int cli_map_levels(const char *cmd, struct survey *s, const struct floorplan *fp,
		   const struct hm_map_opts *mo, struct hm_levels *out);

/**
 * cli_building_levels() - the floors (levels) of building @building of @s,
 * highest level first as the building stands, into *@out (free()) and *@n.
 * NULL @building: the survey's only building (refused, naming them, when
 * there are several). A building the survey does not have, or without a
 * floor, is refused. Errors are printed for @cmd; EXIT_OK or EXIT_FAILED.
 */
int cli_building_levels(const char *cmd, struct survey *s, const char *building,
			struct survey_floor_info **out, size_t *n);

/*
 * Numbers as the map commands print them in text. A figure that does not
 * apply (a share of nothing, a change where nothing was compared) is "n/a",
 * never printf's "nan" — CSV writes such a figure as an empty cell and JSON
 * as null instead. Each fills @buf and returns it.
 */
/* 100·@a/@b as "73%", "n/a" when @b ≤ 0 or either is not finite. */
const char *cli_fmt_share(char *buf, size_t len, double a, double b);
/* @v with @decimals decimals (and a sign when @sign), "n/a" when not finite. */
const char *cli_fmt_num(char *buf, size_t len, double v, int decimals, bool sign);

#endif
