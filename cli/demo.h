/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * demo.h — the parts of `notspot demo` (private to cli/): the context its
 * steps share, and the steps each file provides. cmd_demo.c simulates the
 * survey, demo_summary.c writes summary.txt, demo_outputs.c runs the other
 * subcommands to make the maps, statistics, report and before/after.
 */
#ifndef NOTSPOT_CLI_DEMO_H
#define NOTSPOT_CLI_DEMO_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "floorplans/model.h"
#include "sim/sim.h"
#include "survey/survey.h"
#include "util/err.h"

/* The fixed inputs: the same demo every time. */
#define DEMO_FLOOR_NAME "Level 2"
#define DEMO_WORLD_SEED 2026
/* Results older than one scan (2.5 s) and a margin come from the scan cache. */
#define DEMO_FRESH_MS 3000

/* The walks, the same before and after. */
struct demo_walk {
	const char *route;          /* relative to the data directory */
	enum sim_walk_mode mode;
	uint64_t seed;
	const char *start;          /* UTC */
};

#define DEMO_NWALKS 2
extern const struct demo_walk demo_walks[DEMO_NWALKS];

struct demo {
	const char *dir;            /* output directory */
	char data[PATH_MAX];        /* where floorplans/examples and sim/examples are */
	char survey_path[PATH_MAX];
	char truth_path[PATH_MAX];
	char floor_png[PATH_MAX];
	char summary_path[PATH_MAX];
	struct survey *s;
	struct floorplan *fp;       /* as stored (ids set) */
	int64_t floor_id;
	struct sim_ap *aps;
	size_t naps;
	struct sim_world *w;
	int64_t walk_ids[DEMO_NWALKS];
	struct sim_walk_stats walk_stats[DEMO_NWALKS];
	char walk_names[DEMO_NWALKS][64];
	char after_path[PATH_MAX];  /* the same walks after DEMO_ADDED_AP was installed */
	char maps_dir[PATH_MAX];
	char script_path[PATH_MAX]; /* the commands that reproduce every output */
	FILE *script;
	int nmaps;
	struct ns_err err;
};

/** demo_join() - "@a/@b" into @out: 0 or -ENAMETOOLONG. */
int demo_join(char *out, size_t len, const char *a, const char *b);

/*
 * The steps, in the order cmd_demo.c runs them: each reads what earlier
 * steps left in @d and adds its own; 0, or -errno with d->err set.
 */
int demo_step_summary(struct demo *d);  /* demo_summary.c: DIR/summary.txt */
int demo_step_script(struct demo *d);   /* demo_outputs.c: DIR/commands.sh, DIR/maps/ */
int demo_step_maps(struct demo *d);     /* the heatmaps */
int demo_step_stats(struct demo *d);    /* DIR/stats-*.csv */
int demo_step_report(struct demo *d);   /* DIR/report-voice.pdf */
int demo_step_diff(struct demo *d);     /* DIR/before-after.{png,pdf,txt} */
int demo_step_plan(struct demo *d);     /* DIR/plan-ward22.*, DIR/report-voice-plan.pdf */
int demo_step_openintent(struct demo *d); /* DIR/example-openintent.json */

#endif
