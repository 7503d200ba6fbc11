/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "cli/oneshot.h"
#include "scanner/throughput.h"
#include "scanner/tput_link.h"
#include "cli/tput_store.h"

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

static json_t *result_json(const struct tput_result *r, int64_t sample_id)
{
	json_t *o = cli_oneshot_json(r->t_us, &r->tp);

	json_object_set_new(o, "status", json_string(meas_status_name(r->status)));
	json_object_set_new(o, "error", r->tp.error[0] ? json_string(r->tp.error) : json_null());
	json_object_set_new(o, "duration_s", cli_json_num(r->tp.duration_s));
	json_object_set_new(o, "mbps", cli_json_num(r->tp.mbps));
	json_object_set_new(o, "sender_mbps", cli_json_num(r->sender_mbps));
	json_object_set_new(o, "jitter_ms", cli_json_num(r->tp.jitter_ms));
	json_object_set_new(o, "loss_pct", cli_json_num(r->tp.loss_pct));
	json_object_set_new(o, "lost_packets",
			    r->lost_packets >= 0 ? json_integer(r->lost_packets) : json_null());
	json_object_set_new(o, "packets", r->packets >= 0 ? json_integer(r->packets) : json_null());
	json_object_set_new(o, "retransmits",
			    r->retransmits >= 0 ? json_integer(r->retransmits) : json_null());
	json_object_set_new(o, "elapsed_s", cli_json_num(r->elapsed_s));
	if (r->link_valid) {
		json_t *l = json_object();

		json_object_set_new(l, "expected_mbps", cli_json_num(r->link_expected_mbps));
		json_object_set_new(l, "rx_mbps", cli_json_num(r->link_rx_mbps));
		json_object_set_new(l, "tx_mbps", cli_json_num(r->link_tx_mbps));
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

enum { OPT_BOTH = 256, OPT_TIMEOUT, OPT_JSON };

struct tput_args {
	struct tput_options o;
	struct cli_oneshot store;
	bool both, json;
};

/* A whole number from 1 to @max for option @what ("duration '%s' is not 1 to %d s"). */
static int parse_count(const char *what, const char *unit, const char *arg, long max, int *out)
{
	long v;

	if (!cli_parse_int(arg, &v) || v < 1 || v > max)
		return cli_usage_error("throughput", "%s '%s' is not 1 to %ld%s", what, arg, max,
				       unit);
	*out = (int)v;
	return EXIT_OK;
}

static int tput_option(void *ctx, int c, const char *arg)
{
	struct tput_args *a = ctx;
	double d;

	switch (c) {
	case 's': a->o.server = arg; break;
	case 'p': return parse_count("port", "", arg, 65535, &a->o.port);
	case 'i': a->o.interface = arg; break;
	case 'u': a->o.proto = TPUT_UDP; break;
	case 'b':
		if (!parse_rate(arg, &a->o.udp_rate_mbps))
			return cli_usage_error("throughput",
					       "UDP rate '%s' is not a positive number of Mbit/s", arg);
		a->o.proto = TPUT_UDP;
		break;
	case 't': return parse_count("duration", " s", arg, TPUT_MAX_DURATION_S, &a->o.duration_s);
	case 'P': return parse_count("parallel", "", arg, TPUT_MAX_PARALLEL, &a->o.parallel);
	case 'R': a->o.dir = TPUT_DOWN; break;
	case OPT_BOTH: a->both = true; break;
	case OPT_TIMEOUT:
		if (!cli_parse_double(arg, &d) || !(d > 0) || d > 2 * TPUT_MAX_DURATION_S)
			return cli_usage_error("throughput",
					       "timeout '%s' is not a positive number of seconds", arg);
		a->o.timeout_s = d;
		break;
	case OPT_JSON: a->json = true; break;
	CLI_ONESHOT_CASES: return cli_oneshot_option("throughput", &a->store, c, arg);
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct tput_args *a)
{
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
		CLI_ONESHOT_LONGOPTS,
		{ "json", no_argument, NULL, OPT_JSON },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "throughput", "s:p:i:ub:t:P:Rh", longopts, usage,
						 tput_option };
	int rc;

	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	if (optind < argc)
		return cli_usage_error("throughput", "unexpected argument '%s'", argv[optind]);
	if (!a->o.server)
		return cli_usage_error("throughput", "no server: give -s HOST[:PORT] of an iperf3 server");
	if (a->both && a->o.dir == TPUT_DOWN)
		return cli_usage_error("throughput", "--both already includes --reverse");
	if ((rc = cli_oneshot_check("throughput", &a->store)))
		return rc;
	if (a->o.timeout_s > 0 && a->o.timeout_s < a->o.duration_s)
		return cli_usage_error("throughput", "timeout %g s is shorter than the %d s test",
				       a->o.timeout_s, a->o.duration_s);
	return EXIT_OK;
}

/*
 * One test in direction @dir: run, store, print (or add to @out). Returns
 * EXIT_OK when it ran, whether or not it measured anything (*@failed says),
 * or the exit status of an error that ends the command.
 */
static int run_one(struct tput_args *a, enum tput_dir dir, json_t *out, bool *failed)
{
	struct tput_result r;
	struct ns_err err = { 0 };
	int64_t id = 0;

	a->o.dir = dir;
	if (cli_is_tty())
		fprintf(stderr, "%s %s to %s for %d s ...\n", a->o.proto == TPUT_UDP ? "udp" : "tcp",
			dir == TPUT_DOWN ? "down" : "up", a->o.server, a->o.duration_s);
	if (tput_run(&a->o, &r, &err) < 0)
		return cli_usage_error("throughput", "%s", err.msg);
	if (a->store.s && (id = tput_store(a->store.s, a->store.walk_id, &r, &err)) < 0)
		return cli_fail(a->store.path, &err);
	if (out)
		json_array_append_new(out, result_json(&r, id));
	else
		print_result(&r);
	if (r.status != SAMPLE_OK) {
		*failed = true;
		fprintf(stderr, "notspot: throughput: %s\n", r.tp.error);
	}
	return EXIT_OK;
}

CLI_COMMAND(throughput, 140, "iperf3 throughput (TCP/UDP, up/down) against a server");
int cmd_throughput(int argc, char **argv)
{
	struct tput_args a = { 0 };
	struct tput_station ts = { 0 };
	struct ns_err lerr = { 0 };
	json_t *out = NULL;
	bool failed = false;
	int rc;

	tput_options_init(&a.o);
	if ((rc = parse(argc, argv, &a)) || (rc = cli_oneshot_open(&a.store)))
		return cli_status(rc);
	/* On Wi-Fi, the driver's figures over the test (and no test while not associated). */
	if (a.o.interface) {
		if (tput_station_open(&ts, NULL, a.o.interface, &lerr) == 0) {
			a.o.link_read = tput_station_read;
			a.o.link_arg = &ts;
		} else if (cli_is_tty()) {
			fprintf(stderr, "(no link figures: %s)\n", lerr.msg);
		}
	}
	if (a.json)
		out = json_array();
	if (!(rc = run_one(&a, a.both ? TPUT_UP : a.o.dir, out, &failed)) && a.both)
		rc = run_one(&a, TPUT_DOWN, out, &failed);
	if (rc == EXIT_OK && out) {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
		fputc('\n', stdout);
	}
	if (rc == EXIT_OK)
		rc = failed ? EXIT_FAILED : EXIT_OK;
	json_decref(out);
	tput_station_close(&ts);
	cli_oneshot_close(&a.store);
	return rc;
}
