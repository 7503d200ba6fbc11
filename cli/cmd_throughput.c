/*
 * cmd_throughput.c — `notspot throughput`: an iperf3 test against a server,
 * printed, and stored as a throughput sample when a survey is given.
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
#include "scanner/throughput.h"
#include "scanner/tput_link.h"
#include "cli/tput_store.h"
#include "survey/survey.h"
#include "util/clock.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot throughput -s SERVER[:PORT] [OPTIONS]\n"
		"Measure throughput against an iperf3 server (iperf3 -s) through libiperf.\n\n"
		"  -s, --server HOST[:PORT]  the iperf3 server (port 5201 unless given)\n"
		"  -p, --port PORT           server port (overrides :PORT)\n"
		"  -i, --interface IF        send through this interface only (SO_BINDTODEVICE);\n"
		"                            on Wi-Fi also record the driver's expected\n"
		"                            throughput and byte counters over the test, and\n"
		"                            run no test while not associated\n"
		"  -u, --udp                 UDP at a set rate, with jitter and loss (default TCP)\n"
		"  -b, --udp-rate R          UDP rate per stream in Mbit/s, or with k/M/G suffix in\n"
		"                            bit/s like iperf3 (default 10; implies --udp)\n"
		"  -t, --duration S          seconds per test, whole (default 5)\n"
		"  -P, --parallel N          parallel streams (default 1)\n"
		"  -R, --reverse             download: the server sends (default upload)\n"
		"      --both                upload, then download\n"
		"      --timeout S           hard limit per test, connect to result\n"
		"                            (default duration + 10 s)\n"
		"      --survey FILE         store each result in this survey file ...\n"
		"      --walk-id N           ... as a sample of this walk\n"
		"      --json                print a JSON array of results\n"
		"  -h, --help                this help\n\n"
		"A failed test (refused, no route, timeout, busy server) is printed, stored\n"
		"with its reason when --survey is given, and makes the exit status 1.\n");
}

/* "20" (Mbit/s), "20M", "500k", "1G" (bit/s with a suffix, as iperf3 -b). */
static bool parse_rate(const char *s, double *mbps)
{
	char buf[64];
	size_t n = strlen(s);
	double scale = 1.0, v;

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n + 1);
	switch (buf[n - 1]) {
	case 'k': case 'K': scale = 1e-3; buf[n - 1] = '\0'; break;
	case 'm': case 'M': scale = 1.0; buf[n - 1] = '\0'; break;
	case 'g': case 'G': scale = 1e3; buf[n - 1] = '\0'; break;
	default: break;
	}
	if (!cli_parse_double(buf, &v) || !(v > 0))
		return false;
	*mbps = v * scale;
	return true;
}

static json_t *num_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *result_json(const struct tput_result *r, int64_t sample_id)
{
	char when[32];
	json_t *o = json_object();

	json_object_set_new(o, "time", json_string(ns_format_utc(r->t_us, when, sizeof(when))));
	json_object_set_new(o, "protocol", json_string(r->tp.protocol));
	json_object_set_new(o, "direction", json_string(r->tp.direction));
	json_object_set_new(o, "server", json_string(r->tp.server));
	json_object_set_new(o, "status", json_string(meas_status_name(r->status)));
	json_object_set_new(o, "error", r->tp.error[0] ? json_string(r->tp.error) : json_null());
	json_object_set_new(o, "duration_s", num_or_null(r->tp.duration_s));
	json_object_set_new(o, "mbps", num_or_null(r->tp.mbps));
	json_object_set_new(o, "sender_mbps", num_or_null(r->sender_mbps));
	json_object_set_new(o, "jitter_ms", num_or_null(r->tp.jitter_ms));
	json_object_set_new(o, "loss_pct", num_or_null(r->tp.loss_pct));
	json_object_set_new(o, "lost_packets",
			    r->lost_packets >= 0 ? json_integer(r->lost_packets) : json_null());
	json_object_set_new(o, "packets", r->packets >= 0 ? json_integer(r->packets) : json_null());
	json_object_set_new(o, "retransmits",
			    r->retransmits >= 0 ? json_integer(r->retransmits) : json_null());
	json_object_set_new(o, "elapsed_s", num_or_null(r->elapsed_s));
	if (r->link_valid) {
		json_t *l = json_object();

		json_object_set_new(l, "expected_mbps", num_or_null(r->link_expected_mbps));
		json_object_set_new(l, "rx_mbps", num_or_null(r->link_rx_mbps));
		json_object_set_new(l, "tx_mbps", num_or_null(r->link_tx_mbps));
		json_object_set_new(o, "link", l);
	} else {
		json_object_set_new(o, "link", json_null());
	}
	json_object_set_new(o, "sample_id", sample_id > 0 ? json_integer(sample_id) : json_null());
	return o;
}

static void print_result(const struct tput_result *r)
{
	if (r->status != SAMPLE_OK) {
		/* The reason goes to stderr as notspot: throughput: WHY. */
		printf("%-3s %-4s %-24s %10s\n", r->tp.protocol, r->tp.direction, r->tp.server,
		       meas_status_name(r->status));
		return;
	}
	printf("%-3s %-4s %-24s %10.2f Mbit/s", r->tp.protocol, r->tp.direction, r->tp.server,
	       r->tp.mbps);
	if (strcmp(r->tp.protocol, "udp") == 0)
		printf("  jitter %.3f ms  loss %.2f %% (%lld/%lld)", r->tp.jitter_ms,
		       r->tp.loss_pct, (long long)r->lost_packets, (long long)r->packets);
	else if (r->retransmits >= 0)
		printf("  %lld retransmits", (long long)r->retransmits);
	printf("  over %.2f s\n", r->tp.duration_s);
	if (r->link_valid)
		printf("    link: expected %.1f Mbit/s, counters rx %.1f tx %.1f Mbit/s\n",
		       r->link_expected_mbps, r->link_rx_mbps, r->link_tx_mbps);
}

int cmd_throughput(int argc, char **argv)
{
	enum { OPT_BOTH = 256, OPT_TIMEOUT, OPT_SURVEY, OPT_WALK, OPT_JSON };
	static const struct option longopts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "port", required_argument, NULL, 'p' },
		{ "interface", required_argument, NULL, 'i' },
		{ "udp", no_argument, NULL, 'u' },
		{ "udp-rate", required_argument, NULL, 'b' },
		{ "duration", required_argument, NULL, 't' },
		{ "parallel", required_argument, NULL, 'P' },
		{ "reverse", no_argument, NULL, 'R' },
		{ "both", no_argument, NULL, OPT_BOTH },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "survey", required_argument, NULL, OPT_SURVEY },
		{ "walk-id", required_argument, NULL, OPT_WALK },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tput_options o;
	struct tput_result r;
	struct ns_err err = { 0 };
	struct survey *s = NULL;
	struct tput_station ts = { 0 };
	const char *survey_path = NULL;
	json_t *out = NULL;
	long v, walk_id = 0;
	double d;
	bool both = false, json = false, any_failed = false;
	enum tput_dir dirs[2];
	int c, ndirs, rc = EXIT_OK;

	tput_options_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "s:p:i:ub:t:P:Rh", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o.server = optarg;
			break;
		case 'p':
			if (!cli_parse_int(optarg, &v) || v < 1 || v > 65535)
				return cli_usage_error("throughput", "port '%s' is not 1 to 65535", optarg);
			o.port = (int)v;
			break;
		case 'i':
			o.interface = optarg;
			break;
		case 'u':
			o.proto = TPUT_UDP;
			break;
		case 'b':
			if (!parse_rate(optarg, &o.udp_rate_mbps))
				return cli_usage_error("throughput",
						       "UDP rate '%s' is not a positive number of Mbit/s",
						       optarg);
			o.proto = TPUT_UDP;
			break;
		case 't':
			if (!cli_parse_int(optarg, &v) || v < 1 || v > TPUT_MAX_DURATION_S)
				return cli_usage_error("throughput", "duration '%s' is not 1 to %d s",
						       optarg, TPUT_MAX_DURATION_S);
			o.duration_s = (int)v;
			break;
		case 'P':
			if (!cli_parse_int(optarg, &v) || v < 1 || v > TPUT_MAX_PARALLEL)
				return cli_usage_error("throughput", "parallel '%s' is not 1 to %d",
						       optarg, TPUT_MAX_PARALLEL);
			o.parallel = (int)v;
			break;
		case 'R':
			o.dir = TPUT_DOWN;
			break;
		case OPT_BOTH:
			both = true;
			break;
		case OPT_TIMEOUT:
			if (!cli_parse_double(optarg, &d) || !(d > 0) || d > 2 * TPUT_MAX_DURATION_S)
				return cli_usage_error("throughput", "timeout '%s' is not a positive number of seconds",
						       optarg);
			o.timeout_s = d;
			break;
		case OPT_SURVEY:
			survey_path = optarg;
			break;
		case OPT_WALK:
			if (!cli_parse_int(optarg, &walk_id) || walk_id < 1)
				return cli_usage_error("throughput", "walk id '%s' is not a positive number",
						       optarg);
			break;
		case OPT_JSON:
			json = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("throughput", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("throughput", "unexpected argument '%s'", argv[optind]);
	if (!o.server)
		return cli_usage_error("throughput", "no server: give -s HOST[:PORT] of an iperf3 server");
	if (both && o.dir == TPUT_DOWN)
		return cli_usage_error("throughput", "--both already includes --reverse");
	if (!!survey_path != !!walk_id)
		return cli_usage_error("throughput", "--survey and --walk-id go together");
	if (o.timeout_s > 0 && o.timeout_s < o.duration_s)
		return cli_usage_error("throughput", "timeout %g s is shorter than the %d s test",
				       o.timeout_s, o.duration_s);

	if (survey_path) {
		struct survey_walk w;

		if (survey_open(survey_path, SURVEY_READ_WRITE, &s, &err) < 0)
			return cli_fail(survey_path, &err);
		if (survey_get_walk(s, walk_id, &w, &err) < 0) {
			survey_close(s);
			return cli_fail(survey_path, &err);
		}
	}

	if (o.interface) {
		struct ns_err lerr = { 0 };

		if (tput_station_open(&ts, NULL, o.interface, &lerr) == 0) {
			o.link_read = tput_station_read;
			o.link_arg = &ts;
		} else if (cli_is_tty()) {
			fprintf(stderr, "(no link figures: %s)\n", lerr.msg);
		}
	}

	dirs[0] = both ? TPUT_UP : o.dir;
	dirs[1] = TPUT_DOWN;
	ndirs = both ? 2 : 1;
	if (json)
		out = json_array();
	for (int i = 0; i < ndirs; i++) {
		int64_t id = 0;

		o.dir = dirs[i];
		if (cli_is_tty())
			fprintf(stderr, "%s %s to %s for %d s ...\n", o.proto == TPUT_UDP ? "udp" : "tcp",
				o.dir == TPUT_DOWN ? "down" : "up", o.server, o.duration_s);
		if (tput_run(&o, &r, &err) < 0) {
			rc = cli_usage_error("throughput", "%s", err.msg);
			goto out;
		}
		if (s) {
			id = tput_store(s, walk_id, &r, &err);
			if (id < 0) {
				rc = cli_fail(survey_path, &err);
				goto out;
			}
		}
		if (r.status != SAMPLE_OK)
			any_failed = true;
		if (json)
			json_array_append_new(out, result_json(&r, id));
		else
			print_result(&r);
		if (r.status != SAMPLE_OK)
			fprintf(stderr, "notspot: throughput: %s\n", r.tp.error);
	}
	if (json) {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
		fputc('\n', stdout);
	}
	rc = any_failed ? EXIT_FAILED : EXIT_OK;
out:
	json_decref(out);
	tput_station_close(&ts);
	survey_close(s);
	return rc;
}
