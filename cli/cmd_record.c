/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_record.c — `notspot record`: a headless walk. Positions arrive on stdin
 * ("x y" in metres, or "mark" to tap the last position again), each taking
 * its time of arrival; the sampler measures meanwhile and every sample is
 * committed as it arrives. The lines and the samples drive the walk's
 * recorder through recorder/lines.h — the same calls the walker app makes.
 * EOF or SIGINT/SIGTERM ends the walk cleanly: samples are placed along the
 * track and the walk is closed, so the file always holds a complete walk.
 * So does a radio that goes away (removed, blocked by rfkill, down): the walk
 * is closed and the last line says why, exit status 1. With --json each
 * sample's line is printed once the sample is committed: an acknowledgement.
 * NOTSPOT_TEST_RADIO (cli/radio.h) puts a simulated radio under it, for tests.
 *
 * With --throughput and/or --latency the sampler also runs those tests: once
 * per tapped point in stop-and-go (the next input line is read only when the
 * point's tests have ended, so positions piped in ahead wait their turn), or
 * every N seconds in continuous walks; link polls and scans go on meanwhile.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/radio.h"
#include "cli/measure.h"
#include "scanner/iface.h"
#include "scanner/json.h"
#include "scanner/latency.h"
#include "scanner/sampler.h"
#include "scanner/ssid.h"
#include "scanner/throughput.h"
#include "scanner/tput_link.h"
#include "recorder/lines.h"
#include "recorder/recorder.h"
#include "survey/survey.h"
#include "util/clock.h"
#include "util/mac.h"

#define RECORD_LINE_MAX 512

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot record SURVEY --floor F [-i IF] [options]\n"
		"Record a walk without the GUI. Positions are read from stdin, one per line:\n"
		"  X Y      metres on the floor: you are here now (the time of arrival is the\n"
		"           waypoint's time)\n"
		"  mark     tap the last position again (stop-and-go: measure here once more)\n"
		"  pause    pause at the last position until the next one (continuous walks)\n"
		"  continue leave a pause without a new position\n"
		"  undo     take back the last position (its samples are placed again)\n"
		"Recording goes on until end of input or Ctrl-C; the walk is then closed and\n"
		"every sample placed along the track. Each sample is committed as it arrives.\n"
		"If the radio goes away (removed, blocked by rfkill, down) the walk is closed\n"
		"and record exits 1 saying why.\n\n"
		"  --floor F              the floor (by name) being walked\n"
		"  -i, --interface IF     the Wi-Fi interface (default: the first station one)\n"
		"  --scan-iface IF2       a second adapter that does the scans while IF stays\n"
		"                         associated and is polled for the link (a survey kit)\n"
		"  --mode M               continuous (default) or stop-and-go\n"
		"  --link-hz N            link polls per second (default 5)\n"
		"  --scan-interval S      seconds from scan to scan (default 0: back-to-back;\n"
		"                         -1: no scans)\n"
		"  --survey-interval S    seconds between channel surveys (default 3)\n"
		"  --freq F,...           scan only these frequencies (MHz)\n"
		"  --passive              passive scans\n"
		"  --operator NAME        who walks (stored with the walk)\n"
		"  --note TEXT            a note stored with the walk\n"
		"  --create               create the survey file and the floor if missing\n"
		"Throughput and latency (stop-and-go: once per point, the next input line waits\n"
		"for them; continuous: every N seconds). Results and failures are stored.\n"
		"  --throughput SERVER[:PORT]  an iperf3 test against SERVER (TCP upload)\n"
		"  --reverse              download instead (the server sends, as iperf3 -R)\n"
		"  --both                 an upload test, then a download test\n"
		"  --udp-rate R           UDP at R Mbit/s instead of TCP\n"
		"  --duration S           seconds per throughput test (default %d)\n"
		"  --tput-every S         continuous: seconds from test to test (default 30)\n"
		"  --latency[=HOST]       RTT, jitter and loss to HOST (default: the gateway)\n"
		"  --latency-every S      continuous: seconds from run to run (default 10)\n"
		"  --latency-count N      probes per latency run (default %d)\n"
		"  --json                 print each waypoint and sample as a JSON line, once it\n"
		"                         is committed to the file\n"
		"  --help                 this text\n",
		TPUT_DEFAULT_DURATION_S, LAT_DEFAULT_COUNT);
}

struct rec {
	struct survey *s;
	struct recorder *rec;
	struct walk_lines wl;
	bool json;
	struct sampler *sp;
	char ifname[32];           /* the interface walked */
};

static json_t *num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static json_t *int_or_null(int64_t v)
{
	return v < 0 ? json_null() : json_integer(v);
}

/* An SSID's exact bytes as hex: its raw bytes, or its text when that is the bytes (ssid_len 0). */
static json_t *ssid_hex_json(const uint8_t *raw, uint8_t len, const char *text)
{
	char hex[WIFI_HEX_SIZE];

	if (!len) {
		len = (uint8_t)strnlen(text, WIFI_SSID_MAX);
		raw = (const uint8_t *)text;
	}
	return json_string(wifi_hex(hex, raw, len));
}

static json_t *link_json(const struct meas_link *link)
{
	json_t *l = json_object();
	char mac[18];

	json_object_set_new(l, "bssid", json_string(mac_format(link->bssid, mac)));
	json_object_set_new(l, "ssid", json_string(link->ssid));
	json_object_set_new(l, "ssid_hex", ssid_hex_json(link->ssid_raw, link->ssid_len, link->ssid));
	json_object_set_new(l, "freq_mhz", json_integer(link->freq_mhz));
	json_object_set_new(l, "signal_dbm", num_or_null(link->signal_dbm));
	json_object_set_new(l, "signal_avg_dbm", num_or_null(link->signal_avg_dbm));
	json_object_set_new(l, "beacon_signal_avg_dbm", num_or_null(link->beacon_signal_avg_dbm));
	json_object_set_new(l, "tx_bitrate_mbps", num_or_null(link->tx_bitrate_mbps));
	json_object_set_new(l, "rx_bitrate_mbps", num_or_null(link->rx_bitrate_mbps));
	json_object_set_new(l, "expected_throughput_mbps", num_or_null(link->expected_throughput_mbps));
	json_object_set_new(l, "tx_retries", int_or_null(link->tx_retries));
	json_object_set_new(l, "tx_failed", int_or_null(link->tx_failed));
	json_object_set_new(l, "beacon_loss", int_or_null(link->beacon_loss));
	return l;
}

static json_t *observations_json(const struct meas_observation *obs, size_t nobs)
{
	json_t *arr = json_array();
	char mac[18];

	for (size_t i = 0; i < nobs; i++) {
		json_t *b = json_object();

		json_object_set_new(b, "bssid", json_string(mac_format(obs[i].bssid, mac)));
		json_object_set_new(b, "ssid", json_string(obs[i].ssid));
		json_object_set_new(b, "ssid_hex", ssid_hex_json(obs[i].ssid_raw, obs[i].ssid_len,
								 obs[i].ssid));
		json_object_set_new(b, "freq_mhz", json_integer(obs[i].freq_mhz));
		json_object_set_new(b, "signal_dbm", num_or_null(obs[i].signal_dbm));
		json_object_set_new(b, "age_ms", int_or_null(obs[i].age_ms));
		json_object_set_new(b, "associated", json_boolean(obs[i].associated));
		json_array_append_new(arr, b);
	}
	return arr;
}

/* A throughput or latency result, with the link side of a throughput test. */
static void add_measure_json(json_t *o, const struct meas_throughput *tp,
			     const struct meas_link *link)
{
	json_object_set_new(o, "protocol", json_string(tp->protocol));
	json_object_set_new(o, "direction", json_string(tp->direction));
	json_object_set_new(o, "server", json_string(tp->server));
	json_object_set_new(o, "duration_s", num_or_null(tp->duration_s));
	json_object_set_new(o, "mbps", num_or_null(tp->mbps));
	json_object_set_new(o, "jitter_ms", num_or_null(tp->jitter_ms));
	json_object_set_new(o, "loss_pct", num_or_null(tp->loss_pct));
	json_object_set_new(o, "rtt_ms", num_or_null(tp->rtt_ms));
	json_object_set_new(o, "link_expected_throughput_mbps",
			    link ? num_or_null(link->expected_throughput_mbps) : json_null());
	json_object_set_new(o, "link_signal_dbm", link ? num_or_null(link->signal_dbm) : json_null());
}

/* Each stored sample as a JSON line (--json). */
static void notify_cb(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
		      size_t nobs, const struct meas_link *link, const struct meas_throughput *tp)
{
	struct rec *r = arg;
	json_t *o;

	if (!r->json)
		return;
	o = json_object();
	json_object_set_new(o, "type", json_string("sample"));
	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "kind", json_string(meas_kind_name(s->kind)));
	json_object_set_new(o, "status", json_string(meas_status_name(s->status)));
	json_object_set_new(o, "error", s->error[0] ? json_string(s->error) : json_null());
	json_object_set_new(o, "t_us", json_integer(s->t_us));
	json_object_set_new(o, "mono_us", json_integer(s->mono_us));
	json_object_set_new(o, "x_m", s->placed ? json_real(s->x_m) : json_null());
	json_object_set_new(o, "y_m", s->placed ? json_real(s->y_m) : json_null());
	if (tp) {
		add_measure_json(o, tp, link);
	} else {
		json_object_set_new(o, "noise_dbm", num_or_null(s->noise_dbm));
		if (link)
			json_object_set_new(o, "link", link_json(link));
		if (s->kind == SAMPLE_SCAN)
			json_object_set_new(o, "observations", observations_json(obs, nobs));
	}
	json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(10));
	fputc('\n', stdout);
	fflush(stdout);
	json_decref(o);
}

/* The sampler's sink: the lines' store (the recorder, then --json). */
static int64_t store_cb(void *arg, struct meas_sample *s, const struct meas_observation *obs,
			size_t nobs, const struct meas_link *link, const struct meas_throughput *tp,
			struct ns_err *err)
{
	struct rec *r = arg;

	return walk_lines_store(&r->wl, s, obs, nobs, link, tp, err);
}

/* The sampler's point_done: the recorder ends the point (a failed write shows at the next sample). */
static void point_done_cb(void *arg, int64_t t_us)
{
	struct rec *r = arg;
	struct ns_err e = { 0 };

	(void)walk_lines_point_done(&r->wl, t_us, &e);
	if (r->json) {
		printf("{\"type\":\"point-done\",\"t_us\":%lld}\n", (long long)t_us);
		fflush(stdout);
	}
}

/* One line of stdin. Returns 0, or -EINVAL with a sentence (the line is ignored). */
static int handle_line(struct rec *r, const char *line, struct ns_err *err)
{
	struct walk_line l;
	struct walk_line_done done;
	int64_t mono = ns_mono_us();
	int rc = walk_line_parse(line, &l, err);

	if (rc < 0)
		return rc;
	rc = walk_lines_apply(&r->wl, &l, ns_wall_us(), mono, &done, err);
	if (rc < 0)
		return rc;
	if (r->sp && (done.waypoint || l.cmd == WALK_LINE_PAUSE)) {
		sampler_set_stale_before(r->sp, mono);
		if (done.tapped && recorder_mode(r->rec) == TRACK_STOP_AND_GO)
			sampler_point(r->sp); /* the tests run here, then the point is finished */
	}
	if (r->json && done.waypoint) {
		const struct survey_waypoint *wp = &done.wp;

		printf("{\"type\":\"waypoint\",\"id\":%lld,\"t_us\":%lld,\"mono_us\":%lld,\"x_m\":%.17g,"
		       "\"y_m\":%.17g,\"pause\":%s}\n",
		       (long long)wp->id, (long long)wp->t_us, (long long)wp->mono_us, wp->x_m,
		       wp->y_m, wp->pause ? "true" : "false");
		fflush(stdout);
	}
	return 0;
}

/*
 * Handle the complete lines in @line (@*linelen bytes) — in stop-and-go only
 * until one starts a point's tests, the rest waiting for them. Returns 0, or
 * a negative errno when the survey file failed (then stop).
 */
static int take_lines(struct rec *r, char *line, size_t *linelen, struct ns_err *err)
{
	char *nl_at;

	while (!(r->sp && sampler_measuring(r->sp)) && (nl_at = memchr(line, '\n', *linelen))) {
		*nl_at = '\0';
		if (handle_line(r, line, err) < 0) {
			if (err->code != -EINVAL)
				return err->code;
			fprintf(stderr, "notspot: record: %s (ignored)\n", err->msg);
		}
		*linelen -= (size_t)(nl_at + 1 - line);
		memmove(line, nl_at + 1, *linelen);
		line[*linelen] = '\0';
	}
	if (*linelen == RECORD_LINE_MAX - 1 && !memchr(line, '\n', *linelen)) {
		fprintf(stderr, "notspot: record: an input line is longer than %d bytes (ignored)\n",
			RECORD_LINE_MAX - 2);
		*linelen = 0;
	}
	return 0;
}

static void read_driver(const char *ifname, char *out, size_t len)
{
	char path[128], target[256];
	ssize_t n;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/sys/class/net/%s/device/driver", ifname);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	const char *base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	size_t k = strnlen(base, len - 1);
	memcpy(out, base, k);
	out[k] = '\0';
}

static int open_survey(const char *path, const char *floor, bool create, struct survey **s,
		       int64_t *floor_id, struct ns_err *err)
{
	int ret;

	if (access(path, F_OK) != 0 && create)
		ret = survey_create(path, NULL, s, err);
	else
		ret = survey_open(path, SURVEY_READ_WRITE, s, err);
	if (ret < 0)
		return ret;
	*floor_id = survey_find_floor(*s, floor, err);
	if (*floor_id == -ENOENT && create) {
		struct floorplan *fp = floorplan_new();
		if (!fp)
			return ns_err_set(err, -ENOMEM, "out of memory");
		snprintf(fp->name, sizeof(fp->name), "%s", floor);
		*floor_id = survey_add_floor(*s, fp, err);
		floorplan_free(fp);
	}
	return *floor_id < 0 ? (int)*floor_id : 0;
}

/* ---- the command ------------------------------------------------------------ */

struct record_args {
	const char *path, *floor, *ifname;
	const char *scan_ifname;   /* --scan-iface: a second adapter that scans, or NULL */
	enum track_mode mode;
	bool create, json;
	struct sampler_config cfg;
	struct cli_measure ms;
	int freqs[64];
	char operator_name[64], note[256];
};

static const struct option record_opts[] = {
	{ "floor", required_argument, NULL, 'F' },
	{ "interface", required_argument, NULL, 'i' },
	{ "scan-iface", required_argument, NULL, 'I' },
	{ "mode", required_argument, NULL, 'm' },
	{ "link-hz", required_argument, NULL, 'l' },
	{ "scan-interval", required_argument, NULL, 's' },
	{ "survey-interval", required_argument, NULL, 'S' },
	{ "freq", required_argument, NULL, 'f' },
	{ "passive", no_argument, NULL, 'p' },
	{ "operator", required_argument, NULL, 'o' },
	{ "note", required_argument, NULL, 'n' },
	{ "create", no_argument, NULL, 'c' },
	{ "json", no_argument, NULL, 'j' },
	CLI_MEASURE_LONGOPTS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The sampler's rates. Returns -1 (not an option here), 0, or an exit status. */
static int rate_option(struct record_args *a, int c, const char *arg)
{
	double v;
	int n;

	switch (c) {
	case 'l':
		if (!cli_parse_double(arg, &v) || v <= 0 || v > 100)
			return cli_usage_error("record", "--link-hz wants polls per second (0 < N <= 100), not '%s'", arg);
		a->cfg.link_hz = v;
		return 0;
	case 's':
		if (!cli_parse_double(arg, &v) || (v < 0 && v != -1) || v > 3600)
			return cli_usage_error("record", "--scan-interval wants seconds (or -1 for none), not '%s'", arg);
		a->cfg.scan_interval_ms = v < 0 ? -1 : (int)(v * 1000);
		return 0;
	case 'S':
		if (!cli_parse_double(arg, &v) || v <= 0 || v > 3600)
			return cli_usage_error("record", "--survey-interval wants seconds, not '%s'", arg);
		a->cfg.survey_interval_ms = (int)(v * 1000);
		return 0;
	case 'f':
		n = wifi_parse_freq_list(arg, a->freqs, 64);
		if (n < 0)
			return cli_usage_error("record", "--freq wants MHz values separated by commas, not '%s'", arg);
		a->cfg.freqs = a->freqs;
		a->cfg.nfreqs = (size_t)n;
		return 0;
	case 'p':
		a->cfg.passive = true;
		return 0;
	}
	return -1;
}

/* Returns -1 to go on, or the exit status (help, usage error). */
static int parse_args(int argc, char **argv, struct record_args *a)
{
	int c, rc;

	opterr = 0; /* one sentence of ours, not getopt's as well */
	while ((c = getopt_long(argc, argv, ":i:h", record_opts, NULL)) != -1) {
		if ((rc = rate_option(a, c, optarg)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case 'F': a->floor = optarg; break;
		case 'i': a->ifname = optarg; break;
		case 'I': a->scan_ifname = optarg; break;
		case 'm':
			if (recorder_mode_parse(optarg, &a->mode) < 0)
				return cli_usage_error("record", "--mode is continuous or stop-and-go, not '%s'", optarg);
			break;
		case 'o': snprintf(a->operator_name, sizeof(a->operator_name), "%s", optarg); break;
		case 'n': snprintf(a->note, sizeof(a->note), "%s", optarg); break;
		case 'c': a->create = true; break;
		case 'j': a->json = true; break;
		CLI_MEASURE_CASES:
			if (cli_measure_option("record", &a->ms, c, optarg))
				return EXIT_USAGE;
			break;
		case 'h': usage(stdout); return EXIT_OK;
		default: return cli_option_refused("record", record_opts, c, argv[optind - 1]);
		}
	}
	return -1;
}

/* Whether the arguments make a walk; -1 to go on, or EXIT_USAGE. */
static int check_args(int argc, char **argv, struct record_args *a)
{
	if (optind != argc - 1)
		return cli_usage_error("record", "give exactly one survey file");
	a->path = argv[optind];
	if (!a->floor)
		return cli_usage_error("record", "--floor is required (the floor being walked)");
	if (cli_measure_check("record", &a->ms))
		return EXIT_USAGE;
	if (a->mode == TRACK_STOP_AND_GO && (a->ms.tput_every_s > 0 || a->ms.lat_every_s > 0))
		return cli_usage_error("record", "stop-and-go measures once per point: --tput-every and "
				       "--latency-every are for continuous walks");
	a->cfg.tput_both = a->ms.both;
	if (a->mode == TRACK_CONTINUOUS) {
		a->cfg.tput_every_ms = (int)((a->ms.tput_every_s > 0 ? a->ms.tput_every_s : 30) * 1000);
		a->cfg.lat_every_ms = (int)((a->ms.lat_every_s > 0 ? a->ms.lat_every_s : 10) * 1000);
	}
	return -1;
}

/* The walk row and its recorder; the lines and the sampler's sink drive it. */
static int begin_walk(struct rec *r, const struct record_args *a, const struct wifi_iface *w,
		      const struct wifi_iface *scan_w, int64_t floor_id, struct ns_err *err)
{
	struct survey_walk walk = { .floor_id = floor_id, .start_us = ns_wall_us() };
	struct recorder_opts ro = { .mode = a->mode };
	int rc;

	memcpy(walk.operator_name, a->operator_name, sizeof(walk.operator_name));
	memcpy(walk.note, a->note, sizeof(walk.note));
	snprintf(walk.interface, sizeof(walk.interface), "%s", w->name);
	if (scan_w)
		snprintf(walk.scan_interface, sizeof(walk.scan_interface), "%s", scan_w->name);
	read_driver(w->name, walk.driver, sizeof(walk.driver));
	snprintf(walk.mode, sizeof(walk.mode), "%s", recorder_mode_name(a->mode));
	rc = recorder_begin(r->s, &walk, &ro, &r->rec, err);
	if (rc < 0)
		return rc;
	snprintf(r->ifname, sizeof(r->ifname), "%s", w->name);
	walk_lines_init(&r->wl, r->rec);
	r->wl.notify = notify_cb;
	r->wl.notify_arg = r;
	return 0;
}

/* Throughput and latency on the walked interface, with its link side. */
static void wire_measures(struct record_args *a, struct nl80211 *nl, const struct wifi_iface *w,
			  struct tput_station *ts)
{
	if (a->ms.want_tput) {
		struct ns_err lerr = { 0 };

		a->ms.tput.interface = w->name;
		/* The driver's side of each test (expected throughput, byte counters),
		 * and no test while not associated. */
		if (tput_station_open(ts, nl, w->name, &lerr) == 0) {
			a->ms.tput.link_read = tput_station_read;
			a->ms.tput.link_arg = ts;
		}
		a->cfg.tput = &a->ms.tput;
	}
	if (a->ms.want_lat) {
		a->ms.lat.interface = w->name;
		a->cfg.lat = &a->ms.lat;
	}
	a->cfg.ifindex = w->ifindex;
}

static void show_progress(const struct rec *r)
{
	struct sampler_stats st;

	sampler_get_stats(r->sp, &st);
	fprintf(stderr, "\rrecording: %zu waypoints, %u link, %u scan, %u noise, %u throughput, "
		"%u latency samples%s ", r->wl.nwaypoints, st.links, st.scans, st.noise,
		st.throughputs, st.latencies, sampler_measuring(r->sp) ? " (measuring)" : "");
}

/*
 * Read stdin and sample until EOF or a signal. Returns 0, or a negative errno
 * with the sentence in @err (the survey file failed, the radio is gone, stdin
 * broke): the walk is closed by the caller either way.
 */
static int record_loop(struct rec *r, struct ns_err *err)
{
	char line[RECORD_LINE_MAX];
	size_t linelen = 0;
	bool eof = false;

	while (!stop_requested) {
		struct pollfd fds[4];
		nfds_t nfds = 0;
		bool busy;
		int pr;

		if (take_lines(r, line, &linelen, err) < 0)
			return err->code;
		/* Stop-and-go: the next line waits until this point's tests have ended. */
		busy = sampler_measuring(r->sp);
		if (eof && !busy && !memchr(line, '\n', linelen))
			break;
		if (!eof && !busy)
			fds[nfds++] = (struct pollfd){ STDIN_FILENO, POLLIN, 0 };
		nfds += (nfds_t)sampler_pollfds(r->sp, fds + nfds, 3);
		pr = poll(fds, nfds, sampler_timeout_ms(r->sp));
		if (pr < 0 && errno != EINTR)
			return ns_err_set(err, -errno, "waiting for input failed: %s", strerror(errno));
		if (pr > 0 && !eof && !busy && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			ssize_t got = read(STDIN_FILENO, line + linelen, sizeof(line) - 1 - linelen);
			if (got > 0) {
				linelen += (size_t)got;
			} else if (got == 0 || errno != EINTR) {
				eof = true;
				if (linelen && line[linelen - 1] != '\n') /* a last line without a newline */
					line[linelen++] = '\n';
			}
			line[linelen] = '\0';
		}
		if (sampler_run(r->sp, err) < 0)
			return err->code ? err->code : -EIO;
		if (cli_is_tty())
			show_progress(r);
	}
	return 0;
}

static void print_summary(const struct rec *r, const char *path)
{
	struct sampler_stats st;

	sampler_get_stats(r->sp, &st);
	if (cli_is_tty())
		fputc('\n', stderr);
	fprintf(stderr, "notspot: record: walk %lld: %zu waypoints, %u link, %u scan, %u noise, "
		"%u throughput, %u latency samples (%u failed measurements) in %s\n",
		(long long)recorder_walk_id(r->rec), r->wl.nwaypoints, st.links, st.scans, st.noise,
		st.throughputs, st.latencies, st.failed, path);
}

/*
 * Sample and record until the input ends, then close the walk whatever
 * happened; what ended it, when it was a failure, is the last line.
 */
static int record_walk(struct rec *r, struct record_args *a, struct nl80211 *nl,
		       struct ns_err *err)
{
	struct sampler_sink sink = { .store = store_cb, .arg = r, .point_done = point_done_cb };
	struct sigaction sa = { 0 };
	struct ns_err e2 = { 0 };
	int ret;

	ret = sampler_new(nl, &a->cfg, &sink, &r->sp, err);
	if (ret == 0) {
		sa.sa_handler = on_signal; /* no SA_RESTART: poll() returns and the walk ends */
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		if (cli_is_tty())
			fprintf(stderr, "recording on %s: type 'X Y' (metres) at each point, Ctrl-D "
				"to finish\n", r->ifname);
		ret = record_loop(r, err);
		/* Ctrl-C: what runs is stored as cancelled */
		if (sampler_cancel_measurements(r->sp, ret < 0 ? &e2 : err) < 0 && ret == 0)
			ret = err->code;
	}
	if (walk_lines_finish(&r->wl, ns_wall_us(), &e2) < 0 && ret == 0) {
		*err = e2;
		ret = e2.code;
	}
	if (r->sp)
		print_summary(r, a->path);
	return ret < 0 ? cli_fail("record", err) : EXIT_OK;
}

CLI_COMMAND(record, 110, "record a headless walk: positions on stdin, samples to a survey");
int cmd_record(int argc, char **argv)
{
	struct record_args a = { .mode = TRACK_CONTINUOUS, .cfg = { .survey_interval_ms = 3000 } };
	struct tput_station ts = { 0 };
	struct rec r = { 0 };
	struct nl80211 nl = { 0 };
	struct ns_err err = { 0 };
	struct wifi_iface w, scan_w;
	int64_t floor_id;
	int rc;

	cli_measure_init(&a.ms);
	optind = 1;
	if ((rc = parse_args(argc, argv, &a)) >= 0 || (rc = check_args(argc, argv, &a)) >= 0)
		return rc;
	r.json = a.json;
	/* The radio first: a wrong interface must not leave an empty walk behind. */
	if (cli_radio_open(&nl, &err) < 0)
		return cli_fail("record", &err);
	rc = EXIT_FAILED;
	if ((a.ifname ? wifi_find_interface(&nl, a.ifname, &w, &err)
		      : wifi_default_interface(&nl, &w, &err)) < 0 ||
	    (a.scan_ifname && wifi_find_interface(&nl, a.scan_ifname, &scan_w, &err) < 0) ||
	    open_survey(a.path, a.floor, a.create, &r.s, &floor_id, &err) < 0 ||
	    begin_walk(&r, &a, &w, a.scan_ifname ? &scan_w : NULL, floor_id, &err) < 0) {
		rc = cli_fail("record", &err);
		goto out;
	}
	wire_measures(&a, &nl, &w, &ts);
	if (a.scan_ifname)
		a.cfg.scan_ifindex = scan_w.ifindex;
	rc = record_walk(&r, &a, &nl, &err);
out:
	sampler_free(r.sp);
	recorder_free(r.rec);
	tput_station_close(&ts);
	survey_close(r.s);
	nl80211_close(&nl);
	return rc;
}
