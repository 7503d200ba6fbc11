/*
 * cmd_latency.c — `notspot latency`: RTT, jitter and loss to the gateway or a
 * host, printed, and stored as a latency sample when a survey is given.
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
#include "scanner/latency.h"
#include "cli/tput_store.h"
#include "survey/survey.h"
#include "util/clock.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot latency [HOST[:PORT]] [OPTIONS]\n"
		"Round-trip time, jitter and loss to HOST, or to the default gateway.\n\n"
		"  -c, --count N        probes (default %d)\n"
		"      --interval S     seconds between probes (default %.1f for ICMP and TCP,\n"
		"                       %.1f for UDP, whose replies hosts rate-limit)\n"
		"      --timeout S      wait for each reply (default %.0f s)\n"
		"  -i, --interface IF   probe through IF; the gateway is IF's default route\n"
		"      --icmp           ICMP echo only (ping socket, or raw with CAP_NET_RAW)\n"
		"      --udp            UDP to a closed port, timing port-unreachable replies\n"
		"      --tcp            TCP handshakes (for hosts that drop ICMP)\n"
		"  -p, --port PORT      port for --udp (default %d) or --tcp (default %d)\n"
		"      --survey FILE    store the result in this survey file ...\n"
		"      --walk-id N      ... as a sample of this walk\n"
		"      --json           print the result as JSON\n"
		"  -h, --help           this help\n\n"
		"Without a method, ICMP is used when the system allows it, else UDP; the\n"
		"output says which. Jitter is the mean absolute deviation from the average RTT.\n"
		"No reply at all is a failure: printed, stored with --survey, exit status 1.\n",
		LAT_DEFAULT_COUNT, LAT_DEFAULT_ICMP_INTERVAL_S, LAT_DEFAULT_UDP_INTERVAL_S,
		LAT_DEFAULT_TIMEOUT_S, LAT_DEFAULT_UDP_PORT, LAT_DEFAULT_TCP_PORT);
}

static json_t *num_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *result_json(const struct lat_result *r, int64_t sample_id)
{
	char when[32];
	json_t *o = json_object();

	json_object_set_new(o, "time", json_string(ns_format_utc(r->t_us, when, sizeof(when))));
	json_object_set_new(o, "protocol", json_string(r->tp.protocol));
	json_object_set_new(o, "direction", json_string(r->tp.direction));
	json_object_set_new(o, "server", json_string(r->tp.server));
	json_object_set_new(o, "target", json_string(r->target));
	json_object_set_new(o, "method", json_string(r->note));
	json_object_set_new(o, "status", json_string(meas_status_name(r->status)));
	json_object_set_new(o, "error", r->tp.error[0] ? json_string(r->tp.error) : json_null());
	json_object_set_new(o, "sent", json_integer(r->sent));
	json_object_set_new(o, "received", json_integer(r->received));
	json_object_set_new(o, "rtt_min_ms", num_or_null(r->rtt_min_ms));
	json_object_set_new(o, "rtt_avg_ms", num_or_null(r->rtt_avg_ms));
	json_object_set_new(o, "rtt_max_ms", num_or_null(r->rtt_max_ms));
	json_object_set_new(o, "jitter_ms", num_or_null(r->jitter_ms));
	json_object_set_new(o, "loss_pct", num_or_null(r->loss_pct));
	json_object_set_new(o, "duration_s", num_or_null(r->tp.duration_s));
	json_object_set_new(o, "sample_id", sample_id > 0 ? json_integer(sample_id) : json_null());
	return o;
}

int cmd_latency(int argc, char **argv)
{
	enum { OPT_INTERVAL = 256, OPT_TIMEOUT, OPT_ICMP, OPT_UDP, OPT_TCP, OPT_SURVEY, OPT_WALK,
	       OPT_JSON };
	static const struct option longopts[] = {
		{ "count", required_argument, NULL, 'c' },
		{ "interval", required_argument, NULL, OPT_INTERVAL },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "interface", required_argument, NULL, 'i' },
		{ "icmp", no_argument, NULL, OPT_ICMP },
		{ "udp", no_argument, NULL, OPT_UDP },
		{ "tcp", no_argument, NULL, OPT_TCP },
		{ "port", required_argument, NULL, 'p' },
		{ "survey", required_argument, NULL, OPT_SURVEY },
		{ "walk-id", required_argument, NULL, OPT_WALK },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct lat_options o;
	struct lat_result r;
	struct ns_err err = { 0 };
	struct survey *s = NULL;
	const char *survey_path = NULL;
	long v, walk_id = 0;
	double d;
	int64_t id = 0;
	bool json = false;
	int c, methods = 0, rc;

	lat_options_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:i:p:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (!cli_parse_int(optarg, &v) || v < 1 || v > LAT_MAX_COUNT)
				return cli_usage_error("latency", "count '%s' is not 1 to %d", optarg,
						       LAT_MAX_COUNT);
			o.count = (int)v;
			break;
		case OPT_INTERVAL:
			if (!cli_parse_double(optarg, &d) || !(d > 0) || d > 60)
				return cli_usage_error("latency", "interval '%s' is not above 0 and at most 60 s",
						       optarg);
			o.interval_s = d;
			break;
		case OPT_TIMEOUT:
			if (!cli_parse_double(optarg, &d) || !(d > 0) || d > 60)
				return cli_usage_error("latency", "timeout '%s' is not above 0 and at most 60 s",
						       optarg);
			o.timeout_s = d;
			break;
		case 'i':
			o.interface = optarg;
			break;
		case OPT_ICMP:
			o.method = LAT_ICMP;
			methods++;
			break;
		case OPT_UDP:
			o.method = LAT_UDP;
			methods++;
			break;
		case OPT_TCP:
			o.method = LAT_TCP;
			methods++;
			break;
		case 'p':
			if (!cli_parse_int(optarg, &v) || v < 1 || v > 65535)
				return cli_usage_error("latency", "port '%s' is not 1 to 65535", optarg);
			o.port = (int)v;
			break;
		case OPT_SURVEY:
			survey_path = optarg;
			break;
		case OPT_WALK:
			if (!cli_parse_int(optarg, &walk_id) || walk_id < 1)
				return cli_usage_error("latency", "walk id '%s' is not a positive number",
						       optarg);
			break;
		case OPT_JSON:
			json = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("latency", "unknown option");
		}
	}
	if (optind < argc)
		o.host = argv[optind++];
	if (optind < argc)
		return cli_usage_error("latency", "unexpected argument '%s'", argv[optind]);
	if (methods > 1)
		return cli_usage_error("latency", "choose one of --icmp, --udp, --tcp");
	if (o.port && o.method != LAT_UDP && o.method != LAT_TCP)
		return cli_usage_error("latency", "--port goes with --udp or --tcp");
	if (!!survey_path != !!walk_id)
		return cli_usage_error("latency", "--survey and --walk-id go together");

	if (survey_path) {
		struct survey_walk w;

		if (survey_open(survey_path, SURVEY_READ_WRITE, &s, &err) < 0)
			return cli_fail(survey_path, &err);
		if (survey_get_walk(s, walk_id, &w, &err) < 0) {
			survey_close(s);
			return cli_fail(survey_path, &err);
		}
	}
	if (lat_run(&o, &r, &err) < 0) {
		survey_close(s);
		return cli_usage_error("latency", "%s", err.msg);
	}
	if (s) {
		id = lat_store(s, walk_id, &r, &err);
		if (id < 0) {
			survey_close(s);
			return cli_fail(survey_path, &err);
		}
	}
	survey_close(s);

	if (json) {
		json_t *out = result_json(&r, id);

		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
		fputc('\n', stdout);
		json_decref(out);
	} else if (r.status == SAMPLE_OK) {
		printf("%s (%s): %d/%d replies, rtt min/avg/max %.3f/%.3f/%.3f ms, jitter %.3f ms, "
		       "loss %.1f %%\n  method: %s\n",
		       r.tp.server, r.target, r.received, r.sent, r.rtt_min_ms, r.rtt_avg_ms,
		       r.rtt_max_ms, r.jitter_ms, r.loss_pct, r.note);
	}
	rc = EXIT_OK;
	if (r.status != SAMPLE_OK)
		rc = cli_error("latency", "%s", r.tp.error);
	return rc;
}
