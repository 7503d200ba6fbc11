/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * measure.h — the throughput and latency options that `record` and `walk`
 * share (--throughput, --udp-rate, --reverse, --both, --duration,
 * --tput-every, --latency[=HOST], --latency-every, --latency-count): one
 * parser, one set of checks, the same words in both commands' errors.
 */
#ifndef NOTSPOT_CLI_MEASURE_H
#define NOTSPOT_CLI_MEASURE_H

#include <getopt.h>
#include <stdbool.h>

#include "scanner/latency.h"
#include "scanner/throughput.h"

/* Rows for a command's struct option table (their codes: T b R B d E L e C). */
#define CLI_MEASURE_LONGOPTS                                             \
	{ "throughput", required_argument, NULL, 'T' },                  \
	{ "udp-rate", required_argument, NULL, 'b' },                    \
	{ "reverse", no_argument, NULL, 'R' },                           \
	{ "both", no_argument, NULL, 'B' },                              \
	{ "duration", required_argument, NULL, 'd' },                    \
	{ "tput-every", required_argument, NULL, 'E' },                  \
	{ "latency", optional_argument, NULL, 'L' },                     \
	{ "latency-every", required_argument, NULL, 'e' },               \
	{ "latency-count", required_argument, NULL, 'C' }

/* The case labels of those codes, for the command's getopt switch. */
#define CLI_MEASURE_CASES                                                      \
	case 'T': case 'b': case 'R': case 'B': case 'd': case 'E': case 'L':  \
	case 'e': case 'C'

struct cli_measure {
	struct tput_options tput;
	struct lat_options lat;
	bool want_tput, want_lat;
	bool both;                /* --both: upload then download */
	double tput_every_s;      /* 0 when not given */
	double lat_every_s;
};

/** cli_measure_init() - defaults: no measurement asked for. */
void cli_measure_init(struct cli_measure *m);

/**
 * cli_measure_option() - apply option @c (one of CLI_MEASURE_CASES) with
 * @arg. Returns EXIT_OK, or prints the usage error for @cmd and returns
 * EXIT_USAGE.
 */
int cli_measure_option(const char *cmd, struct cli_measure *m, int c, const char *arg);

/**
 * cli_measure_check() - after parsing: options that need another one
 * (--tput-every without --throughput, …) and contradictions. EXIT_OK or
 * EXIT_USAGE with the error printed.
 */
int cli_measure_check(const char *cmd, const struct cli_measure *m);

#endif
