/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "cli/oneshot.h"
#include "scanner/latency.h"
#include "cli/tput_store.h"

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

static json_t *result_json(const struct lat_result *r, int64_t sample_id)
{
	json_t *o = cli_oneshot_json(r->t_us, &r->tp);

	json_object_set_new(o, "target", json_string(r->target));
	json_object_set_new(o, "method", json_string(r->note));
	json_object_set_new(o, "status", json_string(meas_status_name(r->status)));
	json_object_set_new(o, "error", r->tp.error[0] ? json_string(r->tp.error) : json_null());
	json_object_set_new(o, "sent", json_integer(r->sent));
	json_object_set_new(o, "received", json_integer(r->received));
	json_object_set_new(o, "rtt_min_ms", cli_json_num(r->rtt_min_ms));
	json_object_set_new(o, "rtt_avg_ms", cli_json_num(r->rtt_avg_ms));
	json_object_set_new(o, "rtt_max_ms", cli_json_num(r->rtt_max_ms));
	json_object_set_new(o, "jitter_ms", cli_json_num(r->jitter_ms));
	json_object_set_new(o, "loss_pct", cli_json_num(r->loss_pct));
	json_object_set_new(o, "duration_s", cli_json_num(r->tp.duration_s));
	json_object_set_new(o, "sample_id", sample_id > 0 ? json_integer(sample_id) : json_null());
	return o;
}

static void print_result(const struct lat_result *r, int64_t sample_id, bool json)
{
	if (json) {
		json_t *out = result_json(r, sample_id);

		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
		fputc('\n', stdout);
		json_decref(out);
	} else if (r->status == SAMPLE_OK) {
		printf("%s (%s): %d/%d replies, rtt min/avg/max %.3f/%.3f/%.3f ms, jitter %.3f ms, "
		       "loss %.1f %%\n  method: %s\n",
		       r->tp.server, r->target, r->received, r->sent, r->rtt_min_ms, r->rtt_avg_ms,
		       r->rtt_max_ms, r->jitter_ms, r->loss_pct, r->note);
	}
}

enum { OPT_INTERVAL = 256, OPT_TIMEOUT, OPT_ICMP, OPT_UDP, OPT_TCP, OPT_JSON };

struct lat_args {
	struct lat_options o;
	struct cli_oneshot store;
	bool json;
	int methods;                /* how many of --icmp, --udp, --tcp */
};

/* A number of seconds above 0, at most 60: --interval and --timeout. */
static int parse_seconds(const char *what, const char *arg, double *out)
{
	double d;

	if (!cli_parse_double(arg, &d) || !(d > 0) || d > 60)
		return cli_usage_error("latency", "%s '%s' is not above 0 and at most 60 s", what,
				       arg);
	*out = d;
	return EXIT_OK;
}

static int lat_option(void *ctx, int c, const char *arg)
{
	struct lat_args *a = ctx;
	long v;

	switch (c) {
	case 'c':
		if (!cli_parse_int(arg, &v) || v < 1 || v > LAT_MAX_COUNT)
			return cli_usage_error("latency", "count '%s' is not 1 to %d", arg,
					       LAT_MAX_COUNT);
		a->o.count = (int)v;
		break;
	case OPT_INTERVAL: return parse_seconds("interval", arg, &a->o.interval_s);
	case OPT_TIMEOUT: return parse_seconds("timeout", arg, &a->o.timeout_s);
	case 'i': a->o.interface = arg; break;
	case OPT_ICMP:
	case OPT_UDP:
	case OPT_TCP:
		a->o.method = c == OPT_ICMP ? LAT_ICMP : c == OPT_UDP ? LAT_UDP : LAT_TCP;
		a->methods++;
		break;
	case 'p':
		if (!cli_parse_int(arg, &v) || v < 1 || v > 65535)
			return cli_usage_error("latency", "port '%s' is not 1 to 65535", arg);
		a->o.port = (int)v;
		break;
	case OPT_JSON: a->json = true; break;
	CLI_ONESHOT_CASES: return cli_oneshot_option("latency", &a->store, c, arg);
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct lat_args *a)
{
	static const struct option longopts[] = {
		{ "count", required_argument, NULL, 'c' },
		{ "interval", required_argument, NULL, OPT_INTERVAL },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "interface", required_argument, NULL, 'i' },
		{ "icmp", no_argument, NULL, OPT_ICMP },
		{ "udp", no_argument, NULL, OPT_UDP },
		{ "tcp", no_argument, NULL, OPT_TCP },
		{ "port", required_argument, NULL, 'p' },
		CLI_ONESHOT_LONGOPTS,
		{ "json", no_argument, NULL, OPT_JSON },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "latency", "c:i:p:h", longopts, usage,
						    lat_option };
	int rc;

	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	if (optind < argc)
		a->o.host = argv[optind++];
	if (optind < argc)
		return cli_usage_error("latency", "unexpected argument '%s'", argv[optind]);
	if (a->methods > 1)
		return cli_usage_error("latency", "choose one of --icmp, --udp, --tcp");
	if (a->o.port && a->o.method != LAT_UDP && a->o.method != LAT_TCP)
		return cli_usage_error("latency", "--port goes with --udp or --tcp");
	return cli_oneshot_check("latency", &a->store);
}

CLI_COMMAND(latency, 150, "round-trip time, jitter and loss to the gateway or a host");
int cmd_latency(int argc, char **argv)
{
	struct lat_args a = { 0 };
	struct lat_result r;
	struct ns_err err = { 0 };
	int64_t id = 0;
	int rc;

	lat_options_init(&a.o);
	if ((rc = parse(argc, argv, &a)) || (rc = cli_oneshot_open(&a.store)))
		return cli_status(rc);
	if (lat_run(&a.o, &r, &err) < 0) {
		cli_oneshot_close(&a.store);
		return cli_usage_error("latency", "%s", err.msg);
	}
	if (a.store.s && (id = lat_store(a.store.s, a.store.walk_id, &r, &err)) < 0) {
		cli_oneshot_close(&a.store);
		return cli_fail(a.store.path, &err);
	}
	cli_oneshot_close(&a.store);
	print_result(&r, id, a.json);
	if (r.status != SAMPLE_OK)
		return cli_error("latency", "%s", r.tp.error);
	return EXIT_OK;
}
