/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_demo.c — `notspot demo`: a complete simulated survey of the bundled
 * example floor in a few seconds, for someone without a Wi-Fi card.
 *
 * The demo is a list of steps run in order over one context (steps[] below,
 * struct demo in demo.h). To add an output (heatmaps, a report), write a step
 * function and add a row: each step reads what earlier steps left in struct
 * demo and adds its own. The steps that simulate the survey are here; the
 * summary is demo_summary.c's, what the other subcommands make
 * demo_outputs.c's.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/demo.h"
#include "floorplans/loader.h"
#include "floorplans/plan_render.h"
#include "util/clock.h"
#include "util/datadir.h"

/* The fixed inputs (and demo.h's): the same demo every time. */
#define DEMO_FLOOR_SVG "floorplans/examples/hospital-level2.svg"
#define DEMO_FLOOR_SIDECAR "floorplans/examples/hospital-level2.json"
#define DEMO_APS "sim/examples/hospital-level2-aps.json"
/* The same floor after one AP is added in Ward 22's side rooms (the not-spot). */
#define DEMO_APS_AFTER "sim/examples/hospital-level2-aps-after.json"
#define DEMO_ADDED_AP "L2-W22-AP03"
#define DEMO_TRUTH_CELL_M 1.0

const struct demo_walk demo_walks[DEMO_NWALKS] = {
	{ "sim/examples/route-ward21-continuous.json", SIM_WALK_CONTINUOUS, 1,
	  "2026-11-20T09:30:00Z" },
	{ "sim/examples/route-ward22-imaging-stopgo.json", SIM_WALK_STOP_AND_GO, 2,
	  "2026-11-20T10:15:00Z" },
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot demo [-o DIR]\n"
		"Make a complete simulated survey of the bundled example floor (St Elsewhere\n"
		"General Hospital, Level 2) and show what notspot produces from it:\n"
		"  DIR/example.notspot   the survey file (floor, two simulated walks)\n"
		"  DIR/floor-level2.png  the floor as `notspot floor show` draws it\n"
		"  DIR/truth-level2.csv  the simulator's true signal per BSSID (0.5 m grid)\n"
		"  DIR/summary.txt       floors, wards, walks, samples, BSSIDs heard\n"
		"  DIR/maps/             heatmaps: whole floor and per ward, for the voice,\n"
		"                        nhs-data and rtls profiles (PNG with provenance),\n"
		"                        floor-primary-voice-roams.png: the roam layer, and\n"
		"                        floor-cochannel-voice-channels.png: the channel plan\n"
		"  DIR/stats-*.csv       per-ward statistics against each profile\n"
		"  DIR/report-voice.pdf  the A4 evidence report (voice profile), with its\n"
		"                        roaming and channel-plan pages\n"
		"  DIR/example-after.notspot, DIR/before-after.{png,pdf}\n"
		"                        the same walks after adding one AP in the not-spot,\n"
		"                        and the difference map with the change per ward\n"
		"  DIR/plan-ward22.*     the proposed fix for Ward 22 (notspot plan): the APs,\n"
		"                        a bill of materials and the PREDICTED after-map;\n"
		"  DIR/report-voice-plan.pdf  the report with its \"Proposed fix\" section\n"
		"  DIR/commands.sh       the notspot commands that produced the outputs\n"
		"Existing demo outputs in DIR are replaced. Takes under a minute.\n\n"
		"Options:\n"
		"  -o, --output DIR   where to write (default ./demo-out)\n"
		"  -h, --help         this help\n");
}

int demo_join(char *out, size_t len, const char *a, const char *b)
{
	int n = snprintf(out, len, "%s/%s", a, b);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* The example files: $NOTSPOT_DATA_DIR, else where they were installed with
 * this binary, or the source tree it runs from (util/datadir.h). */
static int find_data(struct demo *d)
{
	return ns_data_dir(DEMO_APS, d->data, sizeof(d->data), &d->err);
}

/* ---- the steps ----------------------------------------------------------- */

/* Remove a survey file and its WAL companions (demo outputs only). */
static int remove_survey(struct demo *d, const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[PATH_MAX + 16];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		if (unlink(p) && errno != ENOENT)
			return ns_err_set(&d->err, -errno, "%s: %s", p, strerror(errno));
	}
	return 0;
}

static int step_create(struct demo *d)
{
	struct survey_meta meta = { 0 };
	int rc;

	if ((rc = find_data(d)))
		return rc;
	if (mkdir(d->dir, 0777) && errno != EEXIST)
		return ns_err_set(&d->err, -errno, "%s: %s", d->dir, strerror(errno));
	if (demo_join(d->survey_path, sizeof(d->survey_path), d->dir, "example.notspot") ||
	    demo_join(d->truth_path, sizeof(d->truth_path), d->dir, "truth-level2.csv") ||
	    demo_join(d->floor_png, sizeof(d->floor_png), d->dir, "floor-level2.png") ||
	    demo_join(d->summary_path, sizeof(d->summary_path), d->dir, "summary.txt"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	/* Only the demo's own survey is replaced: it is regenerated from scratch. */
	if ((rc = remove_survey(d, d->survey_path)))
		return rc;
	snprintf(meta.site, sizeof(meta.site), "St Elsewhere General Hospital (example)");
	snprintf(meta.organisation, sizeof(meta.organisation),
		 "St Elsewhere NHS Foundation Trust (fictional)");
	snprintf(meta.surveyor, sizeof(meta.surveyor), "notspot demo (simulated)");
	snprintf(meta.notes, sizeof(meta.notes),
		 "Simulated survey of the bundled example floor: not a real building or real measurements.");
	return survey_create(d->survey_path, &meta, &d->s, &d->err);
}

static int step_floor(struct demo *d)
{
	char svg[PATH_MAX], sidecar[PATH_MAX];
	int64_t id;
	int rc;

	if (demo_join(svg, sizeof(svg), d->data, DEMO_FLOOR_SVG) ||
	    demo_join(sidecar, sizeof(sidecar), d->data, DEMO_FLOOR_SIDECAR))
		return ns_err_set(&d->err, -ENAMETOOLONG, "the data path is too long");
	if ((rc = fp_import(svg, sidecar, NULL, &d->fp, &d->err)))
		return rc;
	id = survey_add_floor(d->s, d->fp, &d->err);
	if (id < 0)
		return (int)id;
	d->floor_id = id;
	return 0;
}

static int step_world(struct demo *d)
{
	struct sim_config cfg;
	char p[PATH_MAX];
	int rc;

	if (demo_join(p, sizeof(p), d->data, DEMO_APS))
		return ns_err_set(&d->err, -ENAMETOOLONG, "the data path is too long");
	if ((rc = sim_load_aps(p, &d->aps, &d->naps, &d->err)))
		return rc;
	sim_config_default(&cfg);
	cfg.seed = DEMO_WORLD_SEED;
	return sim_world_new(d->fp, d->aps, d->naps, &cfg, &d->w, &d->err);
}

/* The routes, one sim_walk each, into @s (inside walk_routes()'s batch). */
static int walk_routes_batched(struct demo *d, const struct sim_world *w, struct survey *s,
			       int64_t floor_id, int64_t *walk_ids, struct sim_walk_stats *stats)
{
	for (size_t i = 0; i < DEMO_NWALKS; i++) {
		const struct demo_walk *dw = &demo_walks[i];
		struct sim_walk_opts wo;
		struct sim_route r;
		char p[PATH_MAX];
		int64_t id;
		int rc;

		if (demo_join(p, sizeof(p), d->data, dw->route))
			return ns_err_set(&d->err, -ENAMETOOLONG, "the data path is too long");
		if ((rc = sim_load_route(p, &r, &d->err)))
			return rc;
		sim_walk_opts_default(&wo);
		wo.mode = dw->mode;
		wo.seed = dw->seed;
		snprintf(wo.operator_name, sizeof(wo.operator_name), "demo surveyor");
		snprintf(wo.note, sizeof(wo.note), "route '%s'; world seed %d", r.name,
			 DEMO_WORLD_SEED);
		ns_parse_utc(dw->start, &wo.start_us);
		snprintf(d->walk_names[i], sizeof(d->walk_names[i]), "%s", r.name);
		if (cli_is_tty())
			fprintf(stderr, "\rdemo: walking %s ...", r.name);
		id = sim_walk_ex(w, s, floor_id, r.stops, r.nstops, &wo, &stats[i], &d->err);
		if (cli_is_tty())
			fprintf(stderr, "\r\033[K");
		sim_route_release(&r);
		if (id < 0)
			return (int)id;
		walk_ids[i] = id;
	}
	return 0;
}

/*
 * Walk every demo route through world @w into survey @s, floor @floor_id.
 * A live walk commits every sample with synchronous=FULL; the demo's files are
 * regenerated on every run, so its ~8000 simulated samples go in one batch
 * (one fsync) instead of one fsync each.
 */
static int walk_routes(struct demo *d, const struct sim_world *w, struct survey *s,
		       int64_t floor_id, int64_t *walk_ids, struct sim_walk_stats *stats)
{
	int rc = survey_batch_begin(s, &d->err);

	if (rc)
		return rc;
	rc = walk_routes_batched(d, w, s, floor_id, walk_ids, stats);
	if (rc) {
		survey_batch_rollback(s);
		return rc;
	}
	return survey_batch_commit(s, &d->err);
}

static int step_walks(struct demo *d)
{
	return walk_routes(d, d->w, d->s, d->floor_id, d->walk_ids, d->walk_stats);
}

static int step_truth(struct demo *d)
{
	return sim_write_truth(d->w, d->truth_path, DEMO_TRUTH_CELL_M, &d->err);
}

static int step_floor_png(struct demo *d)
{
	struct fp_render_opts o = { 0 };

	return fp_render_plan_png(d->fp, &o, d->floor_png, &d->err);
}

/* ---- after: the same walks once the not-spot has an AP --------------------- */

static int step_after(struct demo *d)
{
	struct survey_meta meta = { 0 };
	struct sim_config cfg;
	struct sim_ap *aps = NULL;
	struct sim_world *w = NULL;
	struct survey *s = NULL;
	struct sim_walk_stats stats[DEMO_NWALKS];
	int64_t ids[DEMO_NWALKS], floor_id;
	char p[PATH_MAX];
	size_t naps = 0;
	int rc;

	if (demo_join(d->after_path, sizeof(d->after_path), d->dir, "example-after.notspot") ||
	    demo_join(p, sizeof(p), d->data, DEMO_APS_AFTER))
		return ns_err_set(&d->err, -ENAMETOOLONG, "the path is too long");
	if ((rc = remove_survey(d, d->after_path)))
		return rc;
	if ((rc = survey_get_meta(d->s, &meta, &d->err)))
		return rc;
	snprintf(meta.notes, sizeof(meta.notes),
		 "Simulated survey of the bundled example floor after adding access point %s in "
		 "Ward 22's side rooms: same routes and seeds as example.notspot.",
		 DEMO_ADDED_AP);
	if ((rc = survey_create(d->after_path, &meta, &s, &d->err)))
		return rc;
	floor_id = survey_add_floor(s, d->fp, &d->err);
	if (floor_id < 0) {
		rc = (int)floor_id;
		goto out;
	}
	if ((rc = sim_load_aps(p, &aps, &naps, &d->err)))
		goto out;
	sim_config_default(&cfg);
	cfg.seed = DEMO_WORLD_SEED;
	if ((rc = sim_world_new(d->fp, aps, naps, &cfg, &w, &d->err)))
		goto out;
	rc = walk_routes(d, w, s, floor_id, ids, stats);
out:
	sim_world_free(w);
	free(aps);
	survey_close(s);
	return rc;
}

/* The steps below read the files like any user's command would. */
static int step_close(struct demo *d)
{
	survey_close(d->s);
	d->s = NULL;
	return 0;
}

/* ---- the sequence -------------------------------------------------------- */

static const struct {
	const char *what;
	int (*run)(struct demo *d);
} steps[] = {
	{ "create the survey", step_create },
	{ "import the example floor", step_floor },
	{ "build the simulated radio world", step_world },
	{ "simulate the walks", step_walks },
	{ "write the ground truth", step_truth },
	{ "render the floor", step_floor_png },
	{ "write the summary", demo_step_summary },
	{ "simulate the same walks after adding an AP", step_after },
	{ "close the survey", step_close },
	{ "prepare the outputs", demo_step_script },
	{ "render the heatmaps", demo_step_maps },
	{ "write the statistics", demo_step_stats },
	{ "write the report", demo_step_report },
	{ "compare before and after", demo_step_diff },
	{ "propose a fix for Ward 22 (notspot plan)", demo_step_plan },
	{ "export for other tools (OpenIntent)", demo_step_openintent },
};

/* Every step in order; the first that fails is named with its reason. */
static int run_steps(struct demo *d)
{
	char what[96];

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (cli_is_tty())
			fprintf(stderr, "\rdemo: %s ...\033[K", steps[i].what);
		if (steps[i].run(d)) {
			if (cli_is_tty())
				fputc('\n', stderr);
			snprintf(what, sizeof(what), "demo: %s", steps[i].what);
			return cli_fail(what, &d->err);
		}
	}
	if (cli_is_tty())
		fprintf(stderr, "\r\033[K");
	return EXIT_OK;
}

static void print_outputs(const struct demo *d, int64_t t0)
{
	printf("notspot demo: a simulated survey of the example floor in %.1f s\n",
	       (ns_mono_us() - t0) / 1e6);
	printf("  survey       %s\n", d->survey_path);
	printf("  floor        %s\n", d->floor_png);
	printf("  ground truth %s\n", d->truth_path);
	printf("  summary      %s\n", d->summary_path);
	printf("  heatmaps     %s/ (%d maps)\n", d->maps_dir, d->nmaps);
	printf("  statistics   %s/stats-{voice,nhs-data,rtls}.csv\n", d->dir);
	printf("  report       %s/report-voice.pdf\n", d->dir);
	printf("  before/after %s/before-after.{png,pdf,txt}\n", d->dir);
	printf("  proposed fix %s/plan-ward22.txt, plan-ward22-after.png (PREDICTED),\n"
	       "               plan-ward22-bom.{csv,json}, report-voice-plan.pdf\n", d->dir);
	printf("  OpenIntent   %s/example-openintent.json (notspot import reads it back)\n", d->dir);
	printf("  commands     %s (how each output was made)\n", d->script_path);
}

/* -o DIR, the one option. */
static int dir_option(void *ctx, int c, const char *arg)
{
	(void)c;
	*(const char **)ctx = arg;
	return EXIT_OK;
}

CLI_COMMAND(demo, 10, "make a simulated survey of the example floor, in seconds");
int cmd_demo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "demo", "o:h", longopts, usage, dir_option };
	struct demo d = { .dir = "demo-out" };
	int64_t t0 = ns_mono_us();
	int rc;

	if ((rc = cli_getopt(&parser, &d.dir, argc, argv)))
		return cli_status(rc);
	if (optind != argc)
		return cli_usage_error("demo", "unexpected argument '%s'", argv[optind]);
	if (!*d.dir)
		return cli_usage_error("demo", "-o needs a directory");
	if ((rc = run_steps(&d)) == EXIT_OK)
		print_outputs(&d, t0);
	if (d.script)
		fclose(d.script);
	sim_world_free(d.w);
	free(d.aps);
	floorplan_free(d.fp);
	survey_close(d.s);
	return rc;
}
