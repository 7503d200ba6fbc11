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
#include "sim/sim.h"
#include "survey/survey.h"
#include "util/clock.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot simulate SURVEY --floor NAME [OPTIONS]\n"
		"Record a simulated walk on floor NAME of SURVEY, as a real walk is recorded:\n"
		"waypoints, scans every 2.5 s, link polls at 5 Hz, misses and stale results,\n"
		"placed by the position track. The walk's mode is \"simulated\".\n\n"
		"Options:\n"
		"  --floor NAME        the floor to walk (required)\n"
		"  --aps FILE          AP configuration (sim/README.md); default: the floor's\n"
		"                      planned APs with the hospital SSIDs and a channel plan\n"
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

CLI_COMMAND(simulate, 200, "record a simulated walk into a survey");
int cmd_simulate(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "floor", required_argument, NULL, 'f' },
		{ "aps", required_argument, NULL, 'a' },
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *floor_name = NULL, *aps_path = NULL, *route_path = NULL, *truth = NULL;
	const char *path;
	struct sim_walk_opts wo;
	struct sim_config cfg;
	struct sim_walk_stats st;
	struct sim_route route = { 0 };
	struct sim_ap *aps = NULL;
	size_t naps = 0;
	struct survey *s = NULL;
	struct floorplan *fp = NULL;
	struct sim_world *w = NULL;
	struct ns_err err = { 0 };
	double cell = 0.5, v;
	bool json = false;
	int64_t floor_id, walk_id;
	long n;
	int c, rc = EXIT_FAILED;

	sim_walk_opts_default(&wo);
	sim_config_default(&cfg);
	optind = 1;
	opterr = 0; /* one sentence of ours, not getopt's as well */
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': floor_name = optarg; break;
		case 'a': aps_path = optarg; break;
		case 'r': route_path = optarg; break;
		case 't': truth = optarg; break;
		case 'j': json = true; break;
		case 'm':
			if (strcmp(optarg, "continuous") == 0)
				wo.mode = SIM_WALK_CONTINUOUS;
			else if (strcmp(optarg, "stop-and-go") == 0)
				wo.mode = SIM_WALK_STOP_AND_GO;
			else
				return cli_usage_error("simulate", "--mode is continuous or stop-and-go, not '%s'",
						       optarg);
			break;
		case 's':
		case 'W':
			if (!cli_parse_int(optarg, &n) || n < 0)
				return cli_usage_error("simulate", "--%s needs a whole number >= 0",
						       c == 's' ? "seed" : "world-seed");
			if (c == 's')
				wo.seed = (uint64_t)n;
			else
				cfg.seed = (uint64_t)n;
			break;
		case 'S':
			if (ns_parse_utc(optarg, &wo.start_us) || wo.start_us <= 0)
				return cli_usage_error("simulate",
						       "--start needs a UTC time like 2026-11-20T09:30:00Z");
			break;
		case 'v':
			if (!cli_parse_double(optarg, &v) || v < 0.1 || v > 10)
				return cli_usage_error("simulate", "--speed is metres per second, 0.1 to 10");
			wo.speed_mps = v;
			break;
		case 'd':
			if (!cli_parse_double(optarg, &v) || v <= 0 || v > 3600)
				return cli_usage_error("simulate", "--dwell is seconds, above 0 up to 3600");
			wo.dwell_s = v;
			break;
		case 'c':
			if (!cli_parse_double(optarg, &v) || v < 0.05 || v > 100)
				return cli_usage_error("simulate", "--truth-cell is metres, 0.05 to 100");
			cell = v;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case ':':
			return cli_usage_error("simulate", "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("simulate", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("simulate", "give exactly one SURVEY file");
	if (!floor_name)
		return cli_usage_error("simulate", "--floor NAME is required");
	path = argv[optind];

	if (survey_open(path, SURVEY_READ_WRITE, &s, &err))
		return cli_fail("cannot open the survey", &err);
	floor_id = survey_find_floor(s, floor_name, &err);
	if (floor_id < 0) {
		cli_fail(path, &err);
		goto out;
	}
	if (survey_load_floor(s, floor_id, &fp, &err)) {
		cli_fail(floor_name, &err);
		goto out;
	}
	if (aps_path ? sim_load_aps(aps_path, &aps, &naps, &err)
		     : sim_aps_from_floorplan(fp, &aps, &naps, &err)) {
		/* A file's errors already start with its name. */
		cli_fail(aps_path ? "cannot read the APs" : floor_name, &err);
		goto out;
	}
	if (route_path ? sim_load_route(route_path, &route, &err) : sweep_route(fp, &route, &err)) {
		cli_fail(route_path ? "cannot read the route" : floor_name, &err);
		goto out;
	}
	if (sim_world_new(fp, aps, naps, &cfg, &w, &err)) {
		cli_fail("simulation", &err);
		goto out;
	}
	snprintf(wo.note, sizeof(wo.note), "route '%s'%s%s; world seed %llu", route.name,
		 aps_path ? "; aps " : "", aps_path ? aps_path : "", (unsigned long long)cfg.seed);
	walk_id = sim_walk_ex(w, s, floor_id, route.stops, route.nstops, &wo, &st, &err);
	if (walk_id < 0) {
		cli_fail("simulated walk", &err);
		goto out;
	}
	if (truth && sim_write_truth(w, truth, cell, &err)) {
		cli_fail("ground truth", &err);
		goto out;
	}
	if (json) {
		json_t *o = json_pack("{sI ss ss sI sI sI sI sI sI sI sI sI sI sf ss?}",
				      "walk_id", (json_int_t)walk_id, "floor", floor_name, "mode",
				      wo.mode == SIM_WALK_STOP_AND_GO ? "stop-and-go" : "continuous",
				      "seed", (json_int_t)wo.seed, "world_seed", (json_int_t)cfg.seed,
				      "waypoints", (json_int_t)st.waypoints, "scans", (json_int_t)st.scans,
				      "failed_scans", (json_int_t)st.failed_scans, "links",
				      (json_int_t)st.links, "not_associated", (json_int_t)st.not_associated,
				      "observations", (json_int_t)st.observations, "stale",
				      (json_int_t)st.stale, "bssids", (json_int_t)sim_world_nbss(w),
				      "duration_s", (st.end_us - st.start_us) / 1e6, "truth", truth);

		if (!o) {
			cli_error("simulate", "out of memory");
			goto out;
		}
		json_dumpf(o, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(o);
	} else {
		printf("walk %lld on '%s' (%s, %s): %zu taps, %zu scans (%zu failed), %zu link polls "
		       "(%zu not associated), %zu observations (%zu stale) of %zu BSSIDs over %.0f s\n",
		       (long long)walk_id, floor_name,
		       wo.mode == SIM_WALK_STOP_AND_GO ? "stop-and-go" : "continuous", route.name,
		       st.waypoints, st.scans, st.failed_scans, st.links, st.not_associated,
		       st.observations, st.stale, sim_world_nbss(w), (st.end_us - st.start_us) / 1e6);
		if (truth)
			printf("ground truth: %s\n", truth);
	}
	rc = EXIT_OK;
out:
	sim_world_free(w);
	sim_route_release(&route);
	free(aps);
	floorplan_free(fp);
	survey_close(s);
	return rc;
}
