/*
 * cmd_walk.c — `notspot walk`: record a survey on foot in the walker app.
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
#include "floorplans/loader.h"
#include "scanner/latency.h"
#include "scanner/throughput.h"
#include "sim/sim.h"
#include "survey/survey.h"
#include "util/clock.h"
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
		"  --simulate          measure a simulated radio instead (training, demos)\n"
		"  --aps FILE          simulated APs (sim/README.md); default: the floor's\n"
		"                      planned APs, else the example hospital's\n"
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
		"Runs as a normal user. Triggering scans needs CAP_NET_ADMIN\n"
		"(sudo setcap cap_net_admin+ep $(command -v notspot)); without it the walk\n"
		"records the kernel's cached scan results and a banner says so.\n\n"
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
	char path[4096];

	if (aps_path) {
		copy_str(what, cap, aps_path);
		return sim_load_aps(aps_path, aps, naps, err);
	}
	if (fp->naps > 0) {
		snprintf(what, cap, "the floor's %zu planned APs", fp->naps);
		return sim_aps_from_floorplan(fp, aps, naps, err);
	}
	snprintf(path, sizeof(path), "%s", EXAMPLE_APS);
	if (access(path, R_OK) != 0)
		snprintf(path, sizeof(path), "%s/%s", NOTSPOT_SOURCE_DIR, EXAMPLE_APS);
	if (access(path, R_OK) != 0)
		return ns_err_set(err, -ENOENT,
				  "the floor has no planned APs and no AP file was given (--aps FILE)");
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

CLI_COMMAND(walk, 120, "record a walk on a floor in the walker app (GTK)");
int cmd_walk(int argc, char **argv)
{
	static const struct option opts[] = {
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
	const char *floor_name = NULL, *iface = NULL, *aps_path = NULL;
	const char *operator_name = NULL, *note = "", *ward_name = NULL;
	int ward = -1;
	bool simulate = false, resume = false;
	enum track_mode mode = TRACK_CONTINUOUS;
	double pace = 1.0;
	long seed = 1;
	struct ns_err err = { 0 };
	struct survey *sv = NULL;
	struct floorplan *fp = NULL;
	struct sim_ap *aps = NULL;
	size_t naps = 0;
	struct sim_world *world = NULL;
	struct walk_source *src = NULL;
	struct walk_session *session = NULL;
	struct survey_meta meta;
	int64_t floor_id, walk_id = 0;
	char aps_what[256] = "";
	char resumed_operator[64], resumed_note[256], source_what[400];
	int c, ret = EXIT_FAILED;
	struct cli_measure ms;
	struct walk_radio_opts ro = { .bind_to_interface = true };

	cli_measure_init(&ms);
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': floor_name = optarg; break;
		case 'i': iface = optarg; break;
		case 'm':
			if (walk_mode_parse(optarg, &mode) < 0)
				return cli_usage_error("walk", "--mode is continuous or stop-and-go, not '%s'",
						       optarg);
			break;
		case 's': simulate = true; break;
		case 'a': aps_path = optarg; break;
		case 'p':
			if (!cli_parse_double(optarg, &pace) || pace <= 0.1 || pace > 10)
				return cli_usage_error("walk", "--pace is metres per second, 0.1 … 10");
			break;
		case 'S':
			if (!cli_parse_int(optarg, &seed))
				return cli_usage_error("walk", "--seed is a whole number");
			break;
		case 'o': operator_name = optarg; break;
		case 'n': note = optarg; break;
		case 'r': resume = true; break;
		case 'w': ward_name = optarg; break;
		CLI_MEASURE_CASES:
			if (cli_measure_option("walk", &ms, c, optarg))
				return EXIT_USAGE;
			break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return cli_usage_error("walk", "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("walk", "give one survey file");
	if (cli_measure_check("walk", &ms))
		return EXIT_USAGE;
	ro.tput_both = ms.both;
	if (!resume && mode == TRACK_STOP_AND_GO && (ms.tput_every_s > 0 || ms.lat_every_s > 0))
		return cli_usage_error("walk", "stop-and-go measures once per point: --tput-every and "
				       "--latency-every are for continuous walks");
	if (simulate && (ms.want_tput || ms.want_lat))
		return cli_usage_error("walk", "--throughput and --latency measure a real network: the "
				       "simulator has none, so they do not go with --simulate");
	if (survey_open(argv[optind], SURVEY_READ_WRITE, &sv, &err) < 0)
		return cli_fail(argv[optind], &err);
	if (floor_name) {
		floor_id = survey_find_floor(sv, floor_name, &err);
	} else {
		struct survey_floor_info *fl = NULL;
		size_t nfl = 0;

		floor_id = survey_list_floors(sv, &fl, &nfl, &err);
		if (floor_id >= 0 && nfl != 1)
			floor_id = ns_err_set(&err, -EINVAL, "the survey has %zu floors: choose one with --floor", nfl);
		else if (floor_id >= 0)
			floor_id = fl[0].id;
		free(fl);
	}
	if (floor_id < 0) {
		cli_fail("walk", &err);
		goto out;
	}
	if (survey_load_floor(sv, floor_id, &fp, &err) < 0) {
		cli_fail("walk", &err);
		goto out;
	}
	if (fp->px_per_m <= 0) {
		cli_error("walk", "floor '%s' has no scale yet: calibrate it with 'notspot floor scale'",
			  fp->name);
		goto out;
	}
	if (ward_name) {
		const struct fp_ward *w = floorplan_find_ward(fp, ward_name);

		if (!w) {
			cli_error("walk", "floor '%s' has no ward called '%s'", fp->name, ward_name);
			goto out;
		}
		ward = (int)(w - fp->wards);
	}
	if (survey_get_meta(sv, &meta, &err) < 0)
		memset(&meta, 0, sizeof(meta));
	if (!operator_name)
		operator_name = meta.surveyor[0] ? meta.surveyor : getenv("USER");

	if (!walk_gui_available()) {
		cli_error("walk", "cannot open a display (is DISPLAY or WAYLAND_DISPLAY set?)");
		goto out;
	}

	if (resume) {
		struct survey_walk w;

		walk_id = newest_open_walk(sv, floor_id, &err);
		if (walk_id < 0) {
			cli_fail("walk", &err);
			goto out;
		}
		if (walk_id == 0) {
			cli_error("walk", "there is no open walk on floor '%s' to resume", fp->name);
			goto out;
		}
		if (survey_get_walk(sv, walk_id, &w, &err) < 0 || walk_mode_parse(w.mode, &mode) < 0) {
			cli_fail("walk", &err);
			goto out;
		}
		/* The walk keeps who started it and why. */
		copy_str(resumed_operator, sizeof(resumed_operator), w.operator_name);
		copy_str(resumed_note, sizeof(resumed_note), w.note);
		operator_name = resumed_operator;
		note = resumed_note;
	}

	if (mode == TRACK_STOP_AND_GO && (ms.tput_every_s > 0 || ms.lat_every_s > 0)) {
		cli_error("walk", "stop-and-go measures once per point: --tput-every and "
			  "--latency-every are for continuous walks");
		ret = EXIT_USAGE;
		goto out;
	}
	if (ms.want_tput) {
		ro.tput = &ms.tput;
		if (mode == TRACK_CONTINUOUS)
			ro.tput_every_ms = (int)((ms.tput_every_s > 0 ? ms.tput_every_s : 30) * 1000);
	}
	if (ms.want_lat) {
		ro.lat = &ms.lat;
		if (mode == TRACK_CONTINUOUS)
			ro.lat_every_ms = (int)((ms.lat_every_s > 0 ? ms.lat_every_s : 10) * 1000);
	}

	if (simulate) {
		struct sim_config cfg;
		struct walk_sim_opts so;

		if (load_sim_aps(aps_path, fp, &aps, &naps, aps_what, sizeof(aps_what), &err) < 0) {
			cli_fail("walk: simulated APs", &err);
			goto out;
		}
		sim_config_default(&cfg);
		cfg.seed = (uint64_t)seed;
		if (sim_world_new(fp, aps, naps, &cfg, &world, &err) < 0) {
			cli_fail("walk: simulator", &err);
			goto out;
		}
		walk_sim_opts_default(&so);
		so.pace_mps = pace;
		so.seed = (uint64_t)seed;
		so.moves_engineer = mode == TRACK_CONTINUOUS;
		if (walk_source_sim_new(world, &so, ns_wall_us(), &src, &err) < 0) {
			cli_fail("walk: simulator", &err);
			goto out;
		}
		snprintf(source_what, sizeof(source_what), "simulated radio from %s", aps_what);
	} else {
		/* The radio, as a normal user: scans are cached-only without CAP_NET_ADMIN. */
		struct walk_source_info info;

		if (walk_source_radio_new_opts(iface, &ro, &src, &err) < 0) {
			cli_fail("walk", &err);
			goto out;
		}
		walk_source_info(src, &info);
		snprintf(source_what, sizeof(source_what), "radio %s, driver %s%s%s%s%s", info.interface,
			 info.driver[0] ? info.driver : "unknown",
			 ms.want_tput ? ", throughput to " : "", ms.want_tput ? ms.tput.server : "",
			 ms.want_lat ? ", latency to " : "",
			 ms.want_lat ? (ms.lat.host && ms.lat.host[0] ? ms.lat.host : "the gateway") : "");
	}

	if (resume) {
		if (walk_session_resume(sv, walk_id, src, ns_wall_us(), ns_mono_us(), &session,
					&err) < 0) {
			cli_fail("walk: resume", &err);
			goto out;
		}
	} else {
		struct walk_session_opts so = { .mode = mode };

		copy_str(so.operator_name, sizeof(so.operator_name), operator_name);
		copy_str(so.note, sizeof(so.note), note);
		if (walk_session_begin(sv, floor_id, &so, src, ns_wall_us(), &session, &err) < 0) {
			cli_fail("walk", &err);
			goto out;
		}
	}
	fprintf(stderr, "notspot walk: walk %lld on '%s' (%s, %s)\n",
		(long long)walk_session_walk_id(session), fp->name, walk_mode_name(mode), source_what);

	{
		struct fp_raster r = { 0 };
		cairo_surface_t *drawing = NULL;

		/* The drawing under the plan; without one the plan is drawn from the model. */
		if (fp->image_len && fp_raster_for_floor(fp, &r, &err) == 0) {
			drawing = cairo_surface_reference(r.surface);
			fp_raster_release(&r);
		}
		ns_err_clear(&err);
		struct walk_gui_opts go = {
			.site = meta.site,
			.survey_path = argv[optind],
			.survey = sv,
			.fp = fp,
			.session = session,
			.src = src,
			.operator_name = operator_name,
			.note = note,
			.resumed = resume,
			.probe_path = getenv("NOTSPOT_WALK_PROBE"),
			.drawing = drawing,
			.ward = ward,
		};

		if (walk_gui_run(&go, &err) < 0) {
			cli_fail("walk", &err);
			goto out;
		}
	}
	{
		struct walk_live l;

		walk_session_live(session, ns_wall_us(), &l);
		printf("walk %lld on %s: %zu waypoints, %lld samples (%lld placed), %s\n",
		       (long long)l.walk_id, fp->name, l.nwaypoints, (long long)l.nsamples,
		       (long long)l.nplaced,
		       l.state == WALK_FINISHED ? "finished" : "left open (continue with --resume)");
	}
	ret = EXIT_OK;
out:
	walk_session_free(session);
	walk_source_free(src);
	if (world)
		sim_world_free(world);
	free(aps);
	floorplan_free(fp);
	survey_close(sv);
	return ret;
}
