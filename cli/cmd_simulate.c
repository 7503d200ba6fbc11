/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_simulate.c — `notspot simulate`: record a simulated walk into a survey,
 * exactly as a real walk is recorded, and optionally write the ground truth.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/floors.h"
#include "sim/sim.h"
#include "sim/survey_world.h"
#include "survey/survey.h"
#include "util/clock.h"

/* At most this many AP files: one per level of a tall building. */
#define MAX_AP_FILES 32

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot simulate SURVEY --floor NAME [OPTIONS]\n"
		"Record a simulated walk on floor NAME of SURVEY, as a real walk is recorded:\n"
		"waypoints, scans every 2.5 s, link polls at 5 Hz, misses and stale results,\n"
		"placed by the position track. The walk's mode is \"simulated\". The APs of\n"
		"the building's other levels are heard too, through the slabs between.\n\n"
		"Options:\n"
		"  --floor NAME        the floor to walk (required)\n"
		"  --building B        the floor's building, where several have a floor NAME\n"
		"  --aps FILE          AP configuration (sim/README.md) of the level its \"floor\"\n"
		"                      names (the walked floor when it names none); give one per\n"
		"                      level. A level without: its planned APs with the hospital\n"
		"                      SSIDs and a channel plan\n"
		"  --only-this-floor   leave the other levels' APs out\n"
		"  --route FILE        the taps to walk (sim/README.md); default: a sweep up and\n"
		"                      down the floor every 4 m\n"
		"  --mode MODE         continuous (default) or stop-and-go\n"
		"  --seed N            the walk's random numbers (measurement noise), default 1\n"
		"  --world-seed N      the world's shadowing, default 1 (keep it for all walks\n"
		"                      of one survey: it is the same building)\n"
		"  --start ISO8601     when the walk starts (UTC), e.g. 2026-11-20T09:30:00Z;\n"
		"                      default now. With --start the timestamps are reproducible\n"
		"  --speed M/S         walking pace, default 1.0\n"
		"  --dwell S           stop-and-go: seconds at each stop, default 6\n"
		"  --truth FILE        also write the true signal of every BSSID on a grid (CSV)\n"
		"  --truth-cell M      the truth grid's cell, default 0.5 m\n"
		"  --json              print what was recorded as JSON\n"
		"  -h, --help          this help\n");
}

/* A serpentine over the floor's extent: what to walk when no route is given. */
static int sweep_route(const struct floorplan *fp, struct sim_route *r, struct ns_err *err)
{
	double w = floorplan_width_m(fp), h = floorplan_height_m(fp);
	double x0 = -fp->origin_x_px / fp->px_per_m, y0 = -fp->origin_y_px / fp->px_per_m;
	size_t lanes, k = 0;

	memset(r, 0, sizeof(*r));
	if (!(w > 0 && h > 0))
		return ns_err_set(err, -EINVAL, "the floor is not calibrated (no scale)");
	lanes = (size_t)floor(h / 4.0) + 1;
	r->stops = calloc(2 * lanes, sizeof(*r->stops));
	if (!r->stops)
		return ns_err_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < lanes; i++) {
		double y = y0 + fmin(1.0 + 4.0 * i, h - 1.0);
		double xa = x0 + 1.0, xb = x0 + w - 1.0;

		r->stops[k++] = (struct sim_stop){ { i % 2 ? xb : xa, y }, 0 };
		r->stops[k++] = (struct sim_stop){ { i % 2 ? xa : xb, y }, 0 };
	}
	r->nstops = k;
	snprintf(r->name, sizeof(r->name), "sweep every 4 m");
	return 0;
}

struct sim_args {
	const char *survey, *floor, *building, *route, *truth;
	const char *aps[MAX_AP_FILES];
	int naps;
	double truth_cell_m;
	bool json, only_here;
	struct sim_walk_opts wo;
	struct sim_config cfg;
};

static int sim_option(void *ctx, int c, const char *arg)
{
	struct sim_args *a = ctx;
	double v;
	long n;

	switch (c) {
	case 'f': a->floor = arg; break;
	case 'B': a->building = arg; break;
	case 'o': a->only_here = true; break;
	case 'a':
		if (a->naps == MAX_AP_FILES)
			return cli_usage_error("simulate", "at most %d --aps files", MAX_AP_FILES);
		a->aps[a->naps++] = arg;
		break;
	case 'r': a->route = arg; break;
	case 't': a->truth = arg; break;
	case 'j': a->json = true; break;
	case 'm':
		if (strcmp(arg, "continuous") == 0)
			a->wo.mode = SIM_WALK_CONTINUOUS;
		else if (strcmp(arg, "stop-and-go") == 0)
			a->wo.mode = SIM_WALK_STOP_AND_GO;
		else
			return cli_usage_error("simulate", "--mode is continuous or stop-and-go, not '%s'",
					       arg);
		break;
	case 's':
	case 'W':
		if (!cli_parse_int(arg, &n) || n < 0)
			return cli_usage_error("simulate", "--%s needs a whole number >= 0",
					       c == 's' ? "seed" : "world-seed");
		*(c == 's' ? &a->wo.seed : &a->cfg.seed) = (uint64_t)n;
		break;
	case 'S':
		if (ns_parse_utc(arg, &a->wo.start_us) || a->wo.start_us <= 0)
			return cli_usage_error("simulate",
					       "--start needs a UTC time like 2026-11-20T09:30:00Z");
		break;
	case 'v':
		if (!cli_parse_double(arg, &v) || v < 0.1 || v > 10)
			return cli_usage_error("simulate", "--speed is metres per second, 0.1 to 10");
		a->wo.speed_mps = v;
		break;
	case 'd':
		if (!cli_parse_double(arg, &v) || v <= 0 || v > 3600)
			return cli_usage_error("simulate", "--dwell is seconds, above 0 up to 3600");
		a->wo.dwell_s = v;
		break;
	case 'c':
		if (!cli_parse_double(arg, &v) || v < 0.05 || v > 100)
			return cli_usage_error("simulate", "--truth-cell is metres, 0.05 to 100");
		a->truth_cell_m = v;
		break;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct sim_args *a)
{
	static const struct option longopts[] = {
		{ "floor", required_argument, NULL, 'f' },
		{ "building", required_argument, NULL, 'B' },
		{ "aps", required_argument, NULL, 'a' },
		{ "only-this-floor", no_argument, NULL, 'o' },
		{ "route", required_argument, NULL, 'r' },
		{ "mode", required_argument, NULL, 'm' },
		{ "seed", required_argument, NULL, 's' },
		{ "world-seed", required_argument, NULL, 'W' },
		{ "start", required_argument, NULL, 'S' },
		{ "speed", required_argument, NULL, 'v' },
		{ "dwell", required_argument, NULL, 'd' },
		{ "truth", required_argument, NULL, 't' },
		{ "truth-cell", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "simulate", ":h", longopts, usage, sim_option };
	int rc;

	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	if (optind != argc - 1)
		return cli_usage_error("simulate", "give exactly one SURVEY file");
	if (!a->floor)
		return cli_usage_error("simulate", "--floor NAME is required");
	a->survey = argv[optind];
	return EXIT_OK;
}

/* What a walk needs: the survey, its building as a world, a route. */
struct sim_run {
	struct survey *s;
	int64_t floor_id;
	struct sim_survey_world sw;
	struct floorplan *fp;          /* the walked floor (sw's) */
	struct sim_route route;
	struct sim_world *w;           /* sw's */
};

static void sim_run_release(struct sim_run *r)
{
	sim_route_release(&r->route);
	sim_survey_world_release(&r->sw);
	survey_close(r->s);
}

/* The --aps files, each onto the level it names. */
static int give_aps(const struct sim_args *a, struct sim_run *r)
{
	struct ns_err err = { 0 };

	for (int i = 0; i < a->naps; i++) {
		struct sim_ap *aps;
		char floor[64];
		size_t n;

		/* A file's errors already start with its name. */
		if (sim_load_aps_floor(a->aps[i], &aps, &n, floor, sizeof(floor), &err))
			return cli_fail("cannot read the APs", &err);
		if (sim_survey_world_give_aps(&r->sw, floor, aps, n, &err))
			return cli_error("cannot use the APs", "%s: %s", a->aps[i], err.msg);
	}
	return EXIT_OK;
}

/* Open the survey and build the world @a asks for; EXIT_OK or EXIT_FAILED (printed). */
static int sim_run_prepare(const struct sim_args *a, struct sim_run *r)
{
	struct ns_err err = { 0 };
	int rc;

	if (survey_open(a->survey, SURVEY_READ_WRITE, &r->s, &err))
		return cli_fail("cannot open the survey", &err);
	if ((rc = floor_cli_find("simulate", r->s, a->survey, a->building, a->floor,
				 &r->floor_id)))
		return rc;
	if (sim_survey_world_load(r->s, r->floor_id, &r->sw, &err))
		return cli_fail(a->floor, &err);
	r->fp = sim_survey_world_here(&r->sw);
	if ((rc = give_aps(a, r)))
		return rc;
	if (a->route ? sim_load_route(a->route, &r->route, &err)
		     : sweep_route(r->fp, &r->route, &err))
		return cli_fail(a->route ? "cannot read the route" : a->floor, &err);
	if (sim_survey_world_build(&r->sw, &a->cfg, a->only_here, &err))
		return cli_fail(err.code == -ENOENT ? a->floor : "simulation", &err);
	r->w = r->sw.w;
	return EXIT_OK;
}

static int print_walk(const struct sim_args *a, const struct sim_run *r, int64_t walk_id,
		      const struct sim_walk_stats *st)
{
	const char *mode = a->wo.mode == SIM_WALK_STOP_AND_GO ? "stop-and-go" : "continuous";
	size_t other = 0;

	for (size_t i = 0; i < sim_world_nbss(r->w); i++)
		other += sim_world_ap_floor(r->w, sim_world_bss(r->w, i)->ap) != r->fp;
	if (!a->json) {
		printf("walk %lld on '%s' (%s, %s): %zu taps, %zu scans (%zu failed), %zu link polls "
		       "(%zu not associated), %zu observations (%zu stale) of %zu BSSIDs",
		       (long long)walk_id, a->floor, mode, r->route.name, st->waypoints, st->scans,
		       st->failed_scans, st->links, st->not_associated, st->observations, st->stale,
		       sim_world_nbss(r->w));
		if (other)
			printf(" (%zu of them on other levels)", other);
		printf(" over %.0f s\n", (st->end_us - st->start_us) / 1e6);
		if (a->truth)
			printf("ground truth: %s\n", a->truth);
		return EXIT_OK;
	}
	json_t *o = json_pack("{sI ss ss sI sI sI sI sI sI sI sI sI sI sf ss?}",
			      "walk_id", (json_int_t)walk_id, "floor", a->floor, "mode", mode,
			      "seed", (json_int_t)a->wo.seed, "world_seed", (json_int_t)a->cfg.seed,
			      "waypoints", (json_int_t)st->waypoints, "scans", (json_int_t)st->scans,
			      "failed_scans", (json_int_t)st->failed_scans, "links",
			      (json_int_t)st->links, "not_associated", (json_int_t)st->not_associated,
			      "observations", (json_int_t)st->observations, "stale",
			      (json_int_t)st->stale, "bssids", (json_int_t)sim_world_nbss(r->w),
			      "duration_s", (st->end_us - st->start_us) / 1e6, "truth", a->truth);

	if (o)
		json_object_set_new(o, "bssids_other_levels", json_integer((json_int_t)other));

	if (!o)
		return cli_error("simulate", "out of memory");
	json_dumpf(o, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(o);
	return EXIT_OK;
}

CLI_COMMAND(simulate, 200, "record a simulated walk into a survey");
int cmd_simulate(int argc, char **argv)
{
	struct sim_args a = { .truth_cell_m = 0.5 };
	struct sim_run r = { 0 };
	struct sim_walk_stats st;
	struct ns_err err = { 0 };
	int64_t walk_id;
	int rc;

	sim_walk_opts_default(&a.wo);
	sim_config_default(&a.cfg);
	if ((rc = parse(argc, argv, &a)))
		return cli_status(rc);
	if ((rc = sim_run_prepare(&a, &r)))
		goto out;
	rc = EXIT_FAILED;
	snprintf(a.wo.note, sizeof(a.wo.note), "route '%s'%s%s%s; world seed %llu", r.route.name,
		 a.naps ? "; aps " : "", a.naps ? a.aps[0] : "", a.naps > 1 ? " and more" : "",
		 (unsigned long long)a.cfg.seed);
	/* The truth depends on the world alone: written first, a failure leaves the survey as it was. */
	if (a.truth && sim_write_truth(r.w, a.truth, a.truth_cell_m, &err)) {
		cli_fail("ground truth", &err);
		goto out;
	}
	walk_id = sim_walk_ex(r.w, r.s, r.floor_id, r.route.stops, r.route.nstops, &a.wo, &st, &err);
	if (walk_id < 0) {
		cli_fail("simulated walk", &err);
		goto out;
	}
	rc = print_walk(&a, &r, walk_id, &st);
out:
	sim_run_release(&r);
	return rc;
}
