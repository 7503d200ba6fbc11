/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_capture.c — `notspot capture`: a passive survey walk from beacons,
 * read from a capture file or heard live on a monitor interface.
 *
 *   notspot capture SURVEY --floor F (--pcap FILE | -i IFACE) [--waypoints FILE] …
 *
 * The walk has mode "capture"; each window (1 s by default) becomes one
 * SAMPLE_CAPTURE sample with one observation per BSSID (mean signal). The
 * samples are placed from the waypoints file by the walk's recorder
 * (recorder/recorder.h, continuous walking: by time along the straight line
 * between two taps).
 *
 * Waypoints file: one tap per line, "TIME X Y [pause]": TIME in ISO 8601 UTC
 * ("2026-11-22T03:00:00.500Z"), X and Y in metres on the floor; "pause"
 * stops placing samples until the next tap; blank lines and lines starting
 * with '#' are ignored.
 *
 * Privacy: only access points' beacons and probe responses are kept (see
 * scanner/dot11.h); no client MAC address is stored or printed.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "scanner/capture.h"
#include "scanner/monitor.h"
#include "recorder/recorder.h"
#include "survey/survey.h"
#include "util/clock.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot capture SURVEY --floor FLOOR (--pcap FILE | -i IFACE) [OPTIONS]\n"
		"Passive survey: beacons and probe responses of access points, read from a\n"
		"pcap/pcapng file with radiotap headers or heard on a monitor interface,\n"
		"become a walk of mode \"capture\": one sample per window with the mean\n"
		"signal of every BSSID heard in it, placed from the walk's waypoints.\n"
		"\n"
		"  --floor NAME         the floor walked (must exist in SURVEY)\n"
		"  --pcap FILE          read a capture file (pcap or pcapng, 802.11 + radiotap)\n"
		"  -i, --interface IF   capture live on IF (a monitor interface, or see --create-monitor)\n"
		"  --waypoints FILE     taps, one a line: TIME X Y [pause]  (TIME ISO 8601 UTC,\n"
		"                       e.g. 2026-11-22T03:00:00.5Z; X Y metres; '#' comments)\n"
		"  --window SECONDS     aggregation window (default 1)\n"
		"  --create-monitor NAME  live: create monitor interface NAME on IF's radio (removed after)\n"
		"  --channels LIST      live: channels to hop, e.g. 1,6,11,36,40 or 2412,5180\n"
		"                       (default: 2.4 GHz 1-13 and 5 GHz 36-165)\n"
		"  --dwell MS           live: time on each channel (default 250)\n"
		"  --no-hop             live: stay on the interface's current channel (needs no\n"
		"                       CAP_NET_ADMIN)\n"
		"  --duration SECONDS   live: stop after this long (default: until Ctrl-C)\n"
		"  --operator NAME      who walked\n"
		"  --note TEXT          a note on the walk\n"
		"  --json               print the summary as JSON\n"
		"  -h, --help           this help\n"
		"\n"
		"A capture file that breaks off (cut short, or a damaged record) gives a walk\n"
		"of what came before the break, and a warning that says where it broke off.\n"
		"Time stamps that go back start a new window there; a warning says so.\n"
		"Live capture ends after --duration, or on Ctrl-C or SIGTERM, within a second\n"
		"whether frames arrive or not; the walk is closed either way.\n"
		"\n"
		"Privacy: only access points' frames are kept; client MAC addresses are never\n"
		"stored or printed. Plain 802.11 captures without radiotap are refused: they\n"
		"carry no signal strength. Live capture needs CAP_NET_RAW (and CAP_NET_ADMIN to\n"
		"create a monitor interface or change channel).\n");
}

/* ---- waypoints file ----------------------------------------------------------- */

struct waypoints {
	struct survey_waypoint *v;
	size_t n;
};

static int read_waypoints(const char *path, struct waypoints *w, struct ns_err *err)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t cap = 0, lineno = 0;
	int rc = 0;

	memset(w, 0, sizeof(*w));
	if (!f)
		return ns_err_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char t[64], x[64], y[64], extra[64];
		struct survey_waypoint wp = { 0 };
		int n;

		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			rc = ns_err_set(err, -EINVAL, "%s line %zu: longer than %zu characters", path,
					lineno, sizeof(line) - 2);
			break;
		}
		n = sscanf(line, " %63s %63s %63s %63s", t, x, y, extra);
		if (n <= 0 || t[0] == '#')
			continue;
		if (n < 3) {
			rc = ns_err_set(err, -EINVAL, "%s line %zu: expected TIME X Y [pause]", path,
					lineno);
			break;
		}
		if (ns_parse_utc(t, &wp.t_us)) {
			rc = ns_err_set(err, -EINVAL,
					"%s line %zu: '%s' is not an ISO 8601 UTC time (2026-11-22T03:00:00Z)",
					path, lineno, t);
			break;
		}
		if (!cli_parse_double(x, &wp.x_m) || !cli_parse_double(y, &wp.y_m)) {
			rc = ns_err_set(err, -EINVAL, "%s line %zu: X and Y must be numbers of metres",
					path, lineno);
			break;
		}
		if (n == 4) {
			if (strcmp(extra, "pause") != 0) {
				rc = ns_err_set(err, -EINVAL,
						"%s line %zu: '%s' after X Y is not understood (only 'pause' is)",
						path, lineno, extra);
				break;
			}
			wp.pause = true;
		}
		if (w->n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			void *p = realloc(w->v, ncap * sizeof(*w->v));

			if (!p) {
				rc = ns_err_set(err, -ENOMEM, "out of memory");
				break;
			}
			w->v = p;
			cap = ncap;
		}
		w->v[w->n++] = wp;
	}
	fclose(f);
	if (rc == 0 && w->n == 0)
		rc = ns_err_set(err, -EINVAL, "%s has no waypoints", path);
	if (rc) {
		free(w->v);
		memset(w, 0, sizeof(*w));
	}
	return rc;
}

/* ---- live: stop on Ctrl-C, hop on every read --------------------------------- */

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

struct hop_ctx {
	struct monitor *mon;
	struct monitor_hopper hop;
	int dropped;
};

/* When the next hop is due (monotonic µs), so a quiet channel's wait ends in time. */
static int64_t hop_due(void *arg)
{
	const struct hop_ctx *h = arg;

	return h->hop.ch.n > 1 ? h->hop.due_us : 0;
}

static int hop_tick(void *arg, struct ns_err *err)
{
	struct hop_ctx *h = arg;
	int freq;

	while ((freq = monitor_hopper_due(&h->hop, ns_mono_us())) > 0) {
		int rc = monitor_set_freq(h->mon, freq, err);

		if (rc == 0)
			return 0;
		if (rc != -EINVAL && rc != -EBUSY && rc != -EOPNOTSUPP)
			return rc;
		/* this radio cannot tune there (or not now): leave that channel out */
		monitor_hopper_drop(&h->hop, freq);
		h->dropped++;
		if (h->hop.ch.n == 0)
			return ns_err_set(err, -EINVAL,
					  "the radio refused every channel in the list (last: %s)",
					  err->msg);
		ns_err_clear(err);
	}
	return 0;
}

static void progress(void *arg, const struct capture_stats *st, uint64_t samples)
{
	(void)arg;
	if (cli_is_tty())
		fprintf(stderr, "\rcapture  %llu packets, %llu AP frames, %llu samples",
			(unsigned long long)st->packets, (unsigned long long)st->ap_frames,
			(unsigned long long)samples);
}

/* ---- the command ------------------------------------------------------------- */

struct opts {
	const char *survey, *floor, *pcap, *iface, *waypoints, *create, *channels;
	const char *operator_name, *note;
	double window_s, duration_s;
	long dwell_ms;
	bool json, no_hop;
};

/*
 * The first AP frame's time stamp, so the walk starts when the capture did.
 * A file without one has nothing to map and is refused before a walk is made.
 */
static int first_frame_time(const char *path, int64_t *t_us, struct ns_err *err)
{
	struct capture *c;
	struct capture_frame f;
	struct capture_stats st;
	int rc = capture_open_file(path, &c, err);

	*t_us = 0;
	if (rc)
		return rc;
	rc = capture_next(c, &f, err);
	capture_get_stats(c, &st);
	capture_free(c);
	if (rc == 1) {
		*t_us = f.t_us;
		return 0;
	}
	if (rc < 0) {
		ns_err_prefix(err, "%s", path); /* pcap's reason does not name the file */
		return rc;
	}
	return ns_err_set(err, -ENODATA,
			  "%s has no beacon or probe response with a signal to map (%llu packets: "
			  "%llu not from an access point, %llu bad FCS, %llu without a signal, "
			  "%llu malformed%s%s)",
			  path, (unsigned long long)st.packets, (unsigned long long)st.not_ap,
			  (unsigned long long)st.bad_fcs, (unsigned long long)st.no_signal,
			  (unsigned long long)st.malformed, st.first_malformed[0] ? "; " : "",
			  st.first_malformed);
}

/* What was stored: placed samples and the last sample's time (for the walk's end). */
struct walk_tally {
	struct recorder *rec;
	long placed;
	int64_t last_us;
};

/* The capture's store: the walk's recorder (the waypoints are all in: placed at once). */
static int64_t tally_store(void *arg, struct meas_sample *s, const struct meas_observation *obs,
			   size_t nobs, const struct meas_link *link,
			   const struct meas_throughput *tp, struct ns_err *err)
{
	struct walk_tally *t = arg;
	int64_t id = recorder_sample(t->rec, s, obs, nobs, link, tp, err);

	if (id < 0)
		return id;
	if (s->placed)
		t->placed++;
	if (s->t_us > t->last_us)
		t->last_us = s->t_us;
	return id;
}

/* A live capture: the monitor interface, its channel hopper, Ctrl-C. */
static int open_live(const struct opts *o, struct hop_ctx *hop, struct capture **c,
		     struct capture_run_opts *ro, char *capture_if, size_t len, struct ns_err *err)
{
	struct capture_live_opts lo = { 0 };
	struct monitor_channels ch;
	struct sigaction sa = { 0 };
	char warning[512] = "";

	if (o->no_hop)
		memset(&ch, 0, sizeof(ch)); /* an empty schedule never tunes */
	else if (o->channels && monitor_parse_channels(o->channels, &ch, err))
		return err->code;
	else if (!o->channels)
		monitor_default_channels(&ch);
	if (monitor_open(o->iface, o->create, &hop->mon, capture_if, len, err))
		return err->code;
	monitor_hopper_init(&hop->hop, &ch, (int64_t)o->dwell_ms * 1000);
	if (hop_tick(hop, err) || capture_open_live(capture_if, &lo, c, warning, sizeof(warning), err))
		return err->code ? err->code : -EIO;
	if (warning[0])
		fprintf(stderr, "notspot: capture: warning: %s\n", warning);
	ro->tick = hop_tick;
	ro->tick_due = hop_due;
	ro->tick_arg = hop;
	ro->duration_us = (int64_t)(o->duration_s * 1e6);
	/* The run waits at most 100 ms at a time and a signal cuts the wait
	 * short: Ctrl-C and SIGTERM end the capture and close the walk. */
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ro->stop = &stop_flag;
	return 0;
}

/* The walk (mode "capture", continuous track) with every waypoint of the file. */
static int begin_walk(struct survey *s, const struct opts *o, const struct waypoints *wps,
		      int64_t start_us, const char *capture_if, struct recorder **rec,
		      struct ns_err *err)
{
	struct survey_walk walk = { .start_us = start_us };
	struct recorder_opts ro = { .mode = TRACK_CONTINUOUS };

	walk.floor_id = survey_find_floor(s, o->floor, err);
	if (walk.floor_id < 0)
		return (int)walk.floor_id;
	snprintf(walk.mode, sizeof(walk.mode), "capture");
	snprintf(walk.interface, sizeof(walk.interface), "%s", o->pcap ? "pcap" : capture_if);
	if (o->operator_name)
		snprintf(walk.operator_name, sizeof(walk.operator_name), "%s", o->operator_name);
	if (o->note)
		snprintf(walk.note, sizeof(walk.note), "%s", o->note);
	else if (o->pcap)
		snprintf(walk.note, sizeof(walk.note), "from capture file %s", o->pcap);
	if (recorder_begin(s, &walk, &ro, rec, err) < 0)
		return err->code;
	for (size_t i = 0; i < wps->n; i++)
		if (recorder_tap(*rec, &wps->v[i], err) < 0)
			return err->code;
	return 0;
}

/* What the capture's time stamps and end say beside the counts (warnings, JSON). */
static void add_notes_json(json_t *j, const struct capture_stats *st)
{
	json_object_set_new(j, "steps_back", json_integer((json_int_t)st->steps_back));
	json_object_set_new(j, "max_step_back_s", json_real(st->max_step_back_us / 1e6));
	json_object_set_new(j, "cut_short", st->cut_short ? json_string(st->cut_why) : json_null());
}

static int print_summary(const struct opts *o, const struct capture_stats *st, int64_t walk_id,
			 uint64_t samples, long placed, size_t nwps, int dropped)
{
	if (o->json) {
		json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
				      "walk_id", (json_int_t)walk_id,
				      "packets", (json_int_t)st->packets,
				      "ap_frames", (json_int_t)st->ap_frames,
				      "not_ap", (json_int_t)st->not_ap,
				      "bad_fcs", (json_int_t)st->bad_fcs,
				      "no_signal", (json_int_t)st->no_signal,
				      "malformed", (json_int_t)st->malformed,
				      "samples", (json_int_t)samples,
				      "placed", (json_int_t)placed,
				      "waypoints", (json_int_t)nwps);

		if (j && st->first_malformed[0])
			json_object_set_new(j, "first_malformed", json_string(st->first_malformed));
		if (j && dropped)
			json_object_set_new(j, "channels_refused", json_integer(dropped));
		if (j)
			add_notes_json(j, st);
		if (!j || json_dumpf(j, stdout, JSON_INDENT(2)) < 0) {
			json_decref(j);
			return -ENOMEM;
		}
		fputc('\n', stdout);
		json_decref(j);
		return 0;
	}
	printf("walk %lld (capture): %llu packets read, %llu AP frames kept, "
	       "%llu samples, %ld placed from %zu waypoints\n",
	       (long long)walk_id, (unsigned long long)st->packets,
	       (unsigned long long)st->ap_frames, (unsigned long long)samples, placed, nwps);
	printf("dropped: %llu not from an access point (never stored), %llu bad FCS, "
	       "%llu without a signal, %llu malformed\n",
	       (unsigned long long)st->not_ap, (unsigned long long)st->bad_fcs,
	       (unsigned long long)st->no_signal, (unsigned long long)st->malformed);
	if (st->first_malformed[0])
		printf("first malformed: %s\n", st->first_malformed);
	if (dropped)
		printf("channels the radio refused: %d\n", dropped);
	return 0;
}

/*
 * Warnings about what was stored: a file that broke off (its part before the
 * break is the walk), time stamps that went back (windows split there).
 */
static void warn_notes(const struct capture_stats *st)
{
	if (st->cut_short)
		fprintf(stderr, "notspot: capture: warning: the capture file breaks off %s; the walk "
			"holds what came before it\n", st->cut_why);
	if (st->steps_back)
		fprintf(stderr, "notspot: capture: warning: the capture's time went back %llu time%s "
			"(by up to %.3f s); its windows were split there, not merged\n",
			(unsigned long long)st->steps_back, st->steps_back == 1 ? "" : "s",
			st->max_step_back_us / 1e6);
}

/* The walk's end: a file's last sample (or last tap), a live capture's stop. */
static int64_t walk_end(const struct opts *o, const struct walk_tally *tl, int64_t start,
			const struct waypoints *wps)
{
	int64_t end = o->pcap ? (tl->last_us > start ? tl->last_us : start) : ns_wall_us();

	if (wps->n && wps->v[wps->n - 1].t_us > end)
		end = wps->v[wps->n - 1].t_us;
	return end;
}

/*
 * One capture into one walk. Once the walk is begun it is closed whatever
 * happens: a live capture that fails (the interface went away) keeps what was
 * stored and exits 1 with the reason; a file that breaks off keeps what came
 * before the break and says so (exit 0: the walk is whole and consistent).
 */
static int run(const struct opts *o)
{
	struct ns_err err = { 0 }, ferr = { 0 };
	struct survey *s = NULL;
	struct capture *c = NULL;
	struct waypoints wps = { 0 };
	struct hop_ctx hop = { 0 };
	struct capture_run_opts ro = { .progress = progress };
	struct walk_tally tl = { 0 };
	struct capture_stats st;
	char capture_if[32] = "";
	uint64_t samples = 0;
	int64_t t0 = 0, start;
	int rc, status = EXIT_FAILED;

	if (o->waypoints && read_waypoints(o->waypoints, &wps, &err))
		return cli_fail("capture", &err);
	if (o->pcap ? first_frame_time(o->pcap, &t0, &err) || capture_open_file(o->pcap, &c, &err)
		    : open_live(o, &hop, &c, &ro, capture_if, sizeof(capture_if), &err) < 0)
		goto fail;
	if (survey_open(o->survey, SURVEY_READ_WRITE, &s, &err))
		goto fail;
	start = o->pcap ? t0 : ns_wall_us();
	if (wps.n && wps.v[0].t_us < start)
		start = wps.v[0].t_us;
	if (begin_walk(s, o, &wps, start, capture_if, &tl.rec, &err) < 0)
		goto fail;
	ro.window_us = (int64_t)(o->window_s * 1e6);
	ro.store = tally_store;
	ro.store_arg = &tl;
	rc = capture_run(c, &ro, &samples, &err);
	if (cli_is_tty())
		fputc('\n', stderr);
	if (recorder_finish(tl.rec, walk_end(o, &tl, start, &wps), &ferr) && rc == 0) {
		err = ferr;
		rc = ferr.code;
	}
	capture_get_stats(c, &st);
	warn_notes(&st);
	if (print_summary(o, &st, recorder_walk_id(tl.rec), samples, tl.placed, wps.n, hop.dropped) &&
	    rc == 0)
		rc = ns_err_set(&err, -ENOMEM, "cannot write the JSON summary");
	if (rc)
		goto fail;
	status = EXIT_OK;
	goto out;
fail:
	status = cli_fail("capture", &err);
out:
	recorder_free(tl.rec);
	capture_free(c);
	monitor_close(hop.mon);
	survey_close(s);
	free(wps.v);
	return status;
}

CLI_COMMAND(capture, 130, "passive survey from beacons: a capture file or a monitor interface");
int cmd_capture(int argc, char **argv)
{
	enum { O_FLOOR = 256, O_PCAP, O_WAYPOINTS, O_WINDOW, O_CREATE, O_CHANNELS, O_DWELL,
	       O_DURATION, O_OPERATOR, O_NOTE, O_JSON, O_NO_HOP };
	static const struct option longopts[] = {
		{ "floor", required_argument, NULL, O_FLOOR },
		{ "pcap", required_argument, NULL, O_PCAP },
		{ "interface", required_argument, NULL, 'i' },
		{ "waypoints", required_argument, NULL, O_WAYPOINTS },
		{ "window", required_argument, NULL, O_WINDOW },
		{ "create-monitor", required_argument, NULL, O_CREATE },
		{ "channels", required_argument, NULL, O_CHANNELS },
		{ "dwell", required_argument, NULL, O_DWELL },
		{ "duration", required_argument, NULL, O_DURATION },
		{ "operator", required_argument, NULL, O_OPERATOR },
		{ "note", required_argument, NULL, O_NOTE },
		{ "json", no_argument, NULL, O_JSON },
		{ "no-hop", no_argument, NULL, O_NO_HOP },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .window_s = 1.0, .dwell_ms = 250 };
	int ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "i:h", longopts, NULL)) != -1) {
		switch (ch) {
		case O_FLOOR: o.floor = optarg; break;
		case O_PCAP: o.pcap = optarg; break;
		case 'i': o.iface = optarg; break;
		case O_WAYPOINTS: o.waypoints = optarg; break;
		case O_CREATE: o.create = optarg; break;
		case O_CHANNELS: o.channels = optarg; break;
		case O_OPERATOR: o.operator_name = optarg; break;
		case O_NOTE: o.note = optarg; break;
		case O_JSON: o.json = true; break;
		case O_NO_HOP: o.no_hop = true; break;
		case O_WINDOW:
			if (!cli_parse_double(optarg, &o.window_s) || o.window_s <= 0 ||
			    o.window_s > 3600)
				return cli_usage_error("capture", "--window takes seconds, more than 0");
			break;
		case O_DURATION:
			if (!cli_parse_double(optarg, &o.duration_s) || o.duration_s <= 0)
				return cli_usage_error("capture", "--duration takes seconds, more than 0");
			break;
		case O_DWELL:
			if (!cli_parse_int(optarg, &o.dwell_ms) || o.dwell_ms < 20 || o.dwell_ms > 60000)
				return cli_usage_error("capture", "--dwell takes milliseconds, 20 to 60000");
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("capture", "'%s' is not an option of capture",
					       argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("capture", "give exactly one SURVEY file");
	o.survey = argv[optind];
	if (!o.floor)
		return cli_usage_error("capture", "--floor is needed");
	if (!o.pcap == !o.iface)
		return cli_usage_error("capture", "give either --pcap FILE or -i IFACE");
	if (o.pcap && (o.create || o.channels || o.duration_s > 0 || o.no_hop))
		return cli_usage_error("capture", "--create-monitor, --channels, --no-hop and "
				       "--duration are for live capture (-i)");
	if (o.no_hop && o.channels)
		return cli_usage_error("capture", "--no-hop and --channels contradict each other");
	return run(&o);
}
