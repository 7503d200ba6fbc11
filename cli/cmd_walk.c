/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_walk.c — `notspot walk`: record a survey on foot in the walker app.
 * Linked into the walker's own binary (`notspot-walker walk`, which
 * `notspot walk` execs: walker_exec.h), never into `notspot`.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/measure.h"
#include "cli/walker_exec.h"
#include "floorplans/loader.h"
#include "scanner/latency.h"
#include "scanner/throughput.h"
#include "sim/sim.h"
#include "sim/survey_world.h"
#include "survey/survey.h"
#include "util/clock.h"
#include "util/datadir.h"
#include "walker/gui/walk_gui.h"
#include "walker/session.h"
#include "walker/source.h"

#define EXAMPLE_APS "sim/examples/hospital-level2-aps.json"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot walk SURVEY --floor FLOOR [OPTIONS]\n"
		"Record a walk on FLOOR of SURVEY in the walker app: tap where you are on\n"
		"the plan; every measurement is written to the survey file as it arrives.\n\n"
		"Options:\n"
		"  --floor NAME        the floor to walk (optional if the survey has one floor)\n"
		"  -i, --interface IF  the Wi-Fi interface to measure with (e.g. wlp2s0);\n"
		"                      default: the first station interface, a connected one first\n"
		"  --mode MODE         continuous (default) or stop-and-go\n"
		"  --simulate          measure a simulated radio instead (training, demos); the\n"
		"                      APs of the building's other levels are heard through\n"
		"                      the slabs too (their planned APs)\n"
		"  --aps FILE          simulated APs of this floor (sim/README.md); default:\n"
		"                      its planned APs, else the example hospital's\n"
		"  --pace M/S          simulated walking pace in continuous mode (default 1.0)\n"
		"  --seed N            simulator seed (default 1)\n"
		"  --operator NAME     who walks (default: the survey's surveyor, else $USER)\n"
		"  --note TEXT         a note kept with the walk\n"
		"  --ward NAME         show this ward first (the walk covers the whole floor)\n"
		"  --resume            continue the newest open walk on the floor\n"
		"  -h, --help          this help\n\n"
		"Throughput and latency, as in 'notspot record' (stop-and-go: once per point,\n"
		"and the point is ready only when they have ended; continuous: every N seconds).\n"
		"Results and failures are stored. Not with --simulate.\n"
		"  --throughput SERVER[:PORT]  an iperf3 test against SERVER (TCP upload)\n"
		"  --udp-rate MBIT     UDP at this rate instead of TCP\n"
		"  --reverse           download (server to laptop) instead of upload\n"
		"  --both              upload, then download\n"
		"  --duration S        seconds per throughput test (default %d)\n"
		"  --tput-every S      continuous: seconds from test to test (default 30)\n"
		"  --latency[=HOST]    RTT, jitter and loss to HOST (default: the gateway)\n"
		"  --latency-every S   continuous: seconds from run to run (default 10)\n"
		"  --latency-count N   probes per latency run (default %d)\n\n"
		"Runs as a normal user and refuses to run as root (NOTSPOT_ALLOW_ROOT=1\n"
		"overrides it, for a throwaway test machine). Triggering scans needs\n"
		"CAP_NET_ADMIN on the walker app's binary, notspot-walker (sudo make\n"
		"install-caps; notspot(1), PRIVILEGES); without it the walk records the\n"
		"kernel's cached scan results and a banner says so.\n\n"
		"Keys: click = tap, Ctrl+Z undo, P pause, Ctrl+Enter finish, 0 fit, +/- zoom.\n"
		"Closing the window leaves the walk open (resume it with --resume);\n"
		"nothing recorded is lost even if the app is killed.\n",
		TPUT_DEFAULT_DURATION_S, LAT_DEFAULT_COUNT);
}

/* Copy, cutting what does not fit. */
static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The simulated APs: --aps, else the floor's planned APs, else the example's. */
static int load_sim_aps(const char *aps_path, const struct floorplan *fp, struct sim_ap **aps,
			size_t *naps, char *what, size_t cap, struct ns_err *err)
{
	char path[4096], dir[4096];

	if (aps_path) {
		copy_str(what, cap, aps_path);
		return sim_load_aps(aps_path, aps, naps, err);
	}
	if (fp->naps > 0) {
		snprintf(what, cap, "the floor's %zu planned APs", fp->naps);
		return sim_aps_from_floorplan(fp, aps, naps, err);
	}
	/* The example hospital's APs, installed with notspot (util/datadir.h). */
	if (ns_data_dir(EXAMPLE_APS, dir, sizeof(dir), err) < 0) {
		ns_err_prefix(err, "the floor has no planned APs and no AP file was given (--aps FILE)");
		return err->code;
	}
	if (snprintf(path, sizeof(path), "%s/%s", dir, EXAMPLE_APS) >= (int)sizeof(path))
		return ns_err_set(err, -ENAMETOOLONG, "the path of the example APs is too long");
	copy_str(what, cap, path);
	return sim_load_aps(path, aps, naps, err);
}

/* The newest open walk on @floor_id, or 0. */
static int64_t newest_open_walk(struct survey *sv, int64_t floor_id, struct ns_err *err)
{
	struct survey_walk *w = NULL;
	size_t n = 0;
	int64_t id = 0;
	int rc = survey_list_walks(sv, floor_id, &w, &n, err);

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (w[i].end_us == 0 && (strcmp(w[i].mode, "continuous") == 0 ||
					 strcmp(w[i].mode, "stop-and-go") == 0))
			id = w[i].id;
	free(w);
	return id;
}

/* What the command line asked for, and what the walk is being made with. */
struct walk_args {
	const char *path, *floor_name, *iface, *aps_path, *operator_name, *note, *ward_name;
	bool simulate, resume;
	enum track_mode mode;
	double pace;
	long seed;
	struct cli_measure ms;
	struct walk_radio_opts ro;
};

struct walk_run {
	struct survey *sv;
	struct floorplan *fp;
	int64_t floor_id, walk_id;
	int ward;
	struct survey_meta meta;
	struct sim_survey_world sw;   /* the floor's building, simulated */
	struct walk_source *src;
	struct walk_session *session;
	char resumed_operator[64], resumed_note[256], source_what[400];
};

static const struct option walk_opts[] = {
	{ "floor", required_argument, NULL, 'f' },
	{ "interface", required_argument, NULL, 'i' },
	{ "mode", required_argument, NULL, 'm' },
	{ "simulate", no_argument, NULL, 's' },
	{ "aps", required_argument, NULL, 'a' },
	{ "pace", required_argument, NULL, 'p' },
	{ "seed", required_argument, NULL, 'S' },
	{ "operator", required_argument, NULL, 'o' },
	{ "note", required_argument, NULL, 'n' },
	{ "resume", no_argument, NULL, 'r' },
	{ "ward", required_argument, NULL, 'w' },
	CLI_MEASURE_LONGOPTS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Returns -1 to go on, or the exit status (help, usage error). */
static int parse_args(int argc, char **argv, struct walk_args *a)
{
	int c;

	opterr = 0; /* one sentence of ours, not getopt's as well */
	while ((c = getopt_long(argc, argv, ":i:h", walk_opts, NULL)) != -1) {
		switch (c) {
		case 'f': a->floor_name = optarg; break;
		case 'i': a->iface = optarg; break;
		case 'm':
			if (walk_mode_parse(optarg, &a->mode) < 0)
				return cli_usage_error("walk", "--mode is continuous or stop-and-go, not '%s'",
						       optarg);
			break;
		case 's': a->simulate = true; break;
		case 'a': a->aps_path = optarg; break;
		case 'p':
			if (!cli_parse_double(optarg, &a->pace) || a->pace <= 0.1 || a->pace > 10)
				return cli_usage_error("walk", "--pace is metres per second, 0.1 … 10");
			break;
		case 'S':
			if (!cli_parse_int(optarg, &a->seed))
				return cli_usage_error("walk", "--seed is a whole number");
			break;
		case 'o': a->operator_name = optarg; break;
		case 'n': a->note = optarg; break;
		case 'r': a->resume = true; break;
		case 'w': a->ward_name = optarg; break;
		CLI_MEASURE_CASES:
			if (cli_measure_option("walk", &a->ms, c, optarg))
				return EXIT_USAGE;
			break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return cli_option_refused("walk", walk_opts, c, argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("walk", "give one survey file");
	a->path = argv[optind];
	if (cli_measure_check("walk", &a->ms))
		return EXIT_USAGE;
	a->ro.tput_both = a->ms.both;
	if (!a->resume && a->mode == TRACK_STOP_AND_GO && (a->ms.tput_every_s > 0 || a->ms.lat_every_s > 0))
		return cli_usage_error("walk", "stop-and-go measures once per point: --tput-every and "
				       "--latency-every are for continuous walks");
	if (a->simulate && (a->ms.want_tput || a->ms.want_lat))
		return cli_usage_error("walk", "--throughput and --latency measure a real network: the "
				       "simulator has none, so they do not go with --simulate");
	return -1;
}

/* The floor: --floor, or the survey's only one. */
static int64_t find_floor(struct survey *sv, const char *name, struct ns_err *err)
{
	struct survey_floor_info *fl = NULL;
	size_t nfl = 0;
	int64_t id;

	if (name)
		return survey_find_floor(sv, name, err);
	id = survey_list_floors(sv, &fl, &nfl, err);
	if (id >= 0 && nfl != 1)
		id = ns_err_set(err, -EINVAL, "the survey has %zu floors: choose one with --floor", nfl);
	else if (id >= 0)
		id = fl[0].id;
	free(fl);
	return id;
}

/* The survey, the calibrated floor, the ward shown first. Prints why not; EXIT_OK to go on. */
static int open_floor(const struct walk_args *a, struct walk_run *w, struct ns_err *err)
{
	if (survey_open(a->path, SURVEY_READ_WRITE, &w->sv, err) < 0)
		return cli_fail(a->path, err);
	w->floor_id = find_floor(w->sv, a->floor_name, err);
	if (w->floor_id < 0 || survey_load_floor(w->sv, w->floor_id, &w->fp, err) < 0)
		return cli_fail("walk", err);
	if (w->fp->px_per_m <= 0)
		return cli_error("walk", "floor '%s' has no scale yet: calibrate it with 'notspot floor scale'",
				 w->fp->name);
	w->ward = -1;
	if (a->ward_name) {
		const struct fp_ward *wd = floorplan_find_ward(w->fp, a->ward_name);

		if (!wd)
			return cli_error("walk", "floor '%s' has no ward called '%s'", w->fp->name,
					 a->ward_name);
		w->ward = (int)(wd - w->fp->wards);
	}
	if (survey_get_meta(w->sv, &w->meta, err) < 0)
		memset(&w->meta, 0, sizeof(w->meta));
	return EXIT_OK;
}

/* --resume: the newest open walk, its mode, who started it and why. */
static int find_resumed(struct walk_args *a, struct walk_run *w, struct ns_err *err)
{
	struct survey_walk sw;

	w->walk_id = newest_open_walk(w->sv, w->floor_id, err);
	if (w->walk_id < 0)
		return cli_fail("walk", err);
	if (w->walk_id == 0)
		return cli_error("walk", "there is no open walk on floor '%s' to resume", w->fp->name);
	if (survey_get_walk(w->sv, w->walk_id, &sw, err) < 0 || walk_mode_parse(sw.mode, &a->mode) < 0)
		return cli_fail("walk", err);
	/* The walk keeps who started it and why. */
	copy_str(w->resumed_operator, sizeof(w->resumed_operator), sw.operator_name);
	copy_str(w->resumed_note, sizeof(w->resumed_note), sw.note);
	a->operator_name = w->resumed_operator;
	a->note = w->resumed_note;
	return EXIT_OK;
}

/* Throughput and latency of a radio walk, by the walk's mode. */
static int measure_opts(struct walk_args *a)
{
	if (a->mode == TRACK_STOP_AND_GO && (a->ms.tput_every_s > 0 || a->ms.lat_every_s > 0)) {
		cli_error("walk", "stop-and-go measures once per point: --tput-every and "
			  "--latency-every are for continuous walks");
		return EXIT_USAGE;
	}
	if (a->ms.want_tput) {
		a->ro.tput = &a->ms.tput;
		if (a->mode == TRACK_CONTINUOUS)
			a->ro.tput_every_ms = (int)((a->ms.tput_every_s > 0 ? a->ms.tput_every_s : 30) * 1000);
	}
	if (a->ms.want_lat) {
		a->ro.lat = &a->ms.lat;
		if (a->mode == TRACK_CONTINUOUS)
			a->ro.lat_every_ms = (int)((a->ms.lat_every_s > 0 ? a->ms.lat_every_s : 10) * 1000);
	}
	return EXIT_OK;
}

/*
 * The simulated radio: the floor's building as one world, so the APs of the
 * other levels are heard through the slabs too. The walked floor's APs are
 * --aps, else its planned APs, else the example's.
 */
static int sim_source(const struct walk_args *a, struct walk_run *w, struct ns_err *err)
{
	struct sim_config cfg;
	struct walk_sim_opts so;
	char aps_what[256] = "";
	struct sim_ap *aps = NULL;
	size_t naps = 0;

	if (sim_survey_world_load(w->sv, w->floor_id, &w->sw, err) < 0)
		return cli_fail("walk: simulator", err);
	if (a->aps_path || w->fp->naps == 0) {
		if (load_sim_aps(a->aps_path, w->fp, &aps, &naps, aps_what, sizeof(aps_what),
				 err) < 0)
			return cli_fail("walk: simulated APs", err);
		if (sim_survey_world_give_aps(&w->sw, NULL, aps, naps, err) < 0)
			return cli_fail("walk: simulated APs", err);
	} else {
		snprintf(aps_what, sizeof(aps_what), "the floor's %zu planned APs", w->fp->naps);
	}
	sim_config_default(&cfg);
	cfg.seed = (uint64_t)a->seed;
	if (sim_survey_world_build(&w->sw, &cfg, false, err) < 0)
		return cli_fail("walk: simulator", err);
	walk_sim_opts_default(&so);
	so.pace_mps = a->pace;
	so.seed = (uint64_t)a->seed;
	so.moves_engineer = a->mode == TRACK_CONTINUOUS;
	if (walk_source_sim_new(w->sw.w, &so, ns_wall_us(), &w->src, err) < 0)
		return cli_fail("walk: simulator", err);
	snprintf(w->source_what, sizeof(w->source_what), "simulated radio from %s%s", aps_what,
		 w->sw.n > 1 ? " and the building's other levels" : "");
	return EXIT_OK;
}

/* The radio, as a normal user: scans are cached-only without CAP_NET_ADMIN. */
static int radio_source(const struct walk_args *a, struct walk_run *w, struct ns_err *err)
{
	const struct cli_measure *ms = &a->ms;
	struct walk_source_info info;

	if (walk_source_radio_new_opts(a->iface, &a->ro, &w->src, err) < 0)
		return cli_fail("walk", err);
	walk_source_info(w->src, &info);
	snprintf(w->source_what, sizeof(w->source_what), "radio %s, driver %s%s%s%s%s",
		 info.interface, info.driver[0] ? info.driver : "unknown",
		 ms->want_tput ? ", throughput to " : "", ms->want_tput ? ms->tput.server : "",
		 ms->want_lat ? ", latency to " : "",
		 ms->want_lat ? (ms->lat.host && ms->lat.host[0] ? ms->lat.host : "the gateway") : "");
	return EXIT_OK;
}

static int start_session(const struct walk_args *a, struct walk_run *w, struct ns_err *err)
{
	if (a->resume) {
		if (walk_session_resume(w->sv, w->walk_id, w->src, ns_wall_us(), ns_mono_us(),
					&w->session, err) < 0)
			return cli_fail("walk: resume", err);
	} else {
		struct walk_session_opts so = { .mode = a->mode };

		copy_str(so.operator_name, sizeof(so.operator_name), a->operator_name);
		copy_str(so.note, sizeof(so.note), a->note);
		if (walk_session_begin(w->sv, w->floor_id, &so, w->src, ns_wall_us(), &w->session,
				       err) < 0)
			return cli_fail("walk", err);
	}
	fprintf(stderr, "notspot walk: walk %lld on '%s' (%s, %s)\n",
		(long long)walk_session_walk_id(w->session), w->fp->name, walk_mode_name(a->mode),
		w->source_what);
	return EXIT_OK;
}

static int run_gui(const struct walk_args *a, struct walk_run *w, struct ns_err *err)
{
	struct fp_raster r = { 0 };
	cairo_surface_t *drawing = NULL;
	struct walk_live l;

	/* The drawing under the plan; without one the plan is drawn from the model. */
	if (w->fp->image_len && fp_raster_for_floor(w->fp, &r, err) == 0) {
		drawing = cairo_surface_reference(r.surface);
		fp_raster_release(&r);
	}
	ns_err_clear(err);
	struct walk_gui_opts go = {
		.site = w->meta.site, .survey_path = a->path, .survey = w->sv, .fp = w->fp,
		.session = w->session, .src = w->src, .operator_name = a->operator_name,
		.note = a->note, .resumed = a->resume, .probe_path = getenv("NOTSPOT_WALK_PROBE"),
		.drawing = drawing, .ward = w->ward,
	};

	if (walk_gui_run(&go, err) < 0)
		return cli_fail("walk", err);
	walk_session_live(w->session, ns_wall_us(), &l);
	printf("walk %lld on %s: %zu waypoints, %lld samples (%lld placed), %s\n",
	       (long long)l.walk_id, w->fp->name, l.nwaypoints, (long long)l.nsamples,
	       (long long)l.nplaced,
	       l.state == WALK_FINISHED ? "finished" : "left open (continue with --resume)");
	return EXIT_OK;
}

/* Every step after the arguments; the first that fails has printed why. */
static int walk_steps(struct walk_args *a, struct walk_run *w, struct ns_err *err)
{
	int rc = open_floor(a, w, err);

	if (rc != EXIT_OK)
		return rc;
	if (!a->operator_name)
		a->operator_name = w->meta.surveyor[0] ? w->meta.surveyor : getenv("USER");
	if (!walk_gui_available())
		return cli_error("walk", "cannot open a display (is DISPLAY or WAYLAND_DISPLAY set?)");
	if (a->resume && (rc = find_resumed(a, w, err)) != EXIT_OK)
		return rc;
	if ((rc = measure_opts(a)) != EXIT_OK)
		return rc;
	rc = a->simulate ? sim_source(a, w, err) : radio_source(a, w, err);
	if (rc != EXIT_OK || (rc = start_session(a, w, err)) != EXIT_OK)
		return rc;
	return run_gui(a, w, err);
}

CLI_COMMAND(walk, 120, CLI_WALK_SUMMARY);
int cmd_walk(int argc, char **argv)
{
	struct walk_args a = { .mode = TRACK_CONTINUOUS, .pace = 1.0, .seed = 1, .note = "",
			       .ro = { .bind_to_interface = true } };
	struct walk_run w = { 0 };
	struct ns_err err = { 0 };
	int rc;

	cli_measure_init(&a.ms);
	optind = 1;
	if ((rc = parse_args(argc, argv, &a)) >= 0)
		return rc;
	if ((rc = cli_gui_refuses_root("walk")) != EXIT_OK)
		return rc;
	rc = walk_steps(&a, &w, &err);
	walk_session_free(w.session);
	walk_source_free(w.src);
	sim_survey_world_release(&w.sw);
	floorplan_free(w.fp);
	survey_close(w.sv);
	return rc;
}
