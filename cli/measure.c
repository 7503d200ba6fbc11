/* SPDX-License-Identifier: GPL-3.0-or-later */
/* measure.c — see measure.h. */
#include "cli/measure.h"

#include "cli/cli.h"

void cli_measure_init(struct cli_measure *m)
{
	*m = (struct cli_measure){ 0 };
	tput_options_init(&m->tput);
	lat_options_init(&m->lat);
}

int cli_measure_option(const char *cmd, struct cli_measure *m, int c, const char *arg)
{
	double v;
	long iv;

	switch (c) {
	case 'T':
		if (!arg[0])
			return cli_usage_error(cmd, "--throughput wants an iperf3 server, HOST[:PORT]");
		m->tput.server = arg;
		m->want_tput = true;
		break;
	case 'b':
		if (!cli_parse_double(arg, &v) || !(v > 0) || v > 100000)
			return cli_usage_error(cmd, "--udp-rate wants a positive number of Mbit/s, not '%s'", arg);
		m->tput.proto = TPUT_UDP;
		m->tput.udp_rate_mbps = v;
		break;
	case 'R':
		m->tput.dir = TPUT_DOWN;
		break;
	case 'B':
		m->both = true;
		break;
	case 'd':
		if (!cli_parse_int(arg, &iv) || iv < 1 || iv > TPUT_MAX_DURATION_S)
			return cli_usage_error(cmd, "--duration wants 1 to %d seconds, not '%s'",
					       TPUT_MAX_DURATION_S, arg);
		m->tput.duration_s = (int)iv;
		break;
	case 'E':
	case 'e':
		if (!cli_parse_double(arg, &v) || v < 1 || v > 86400)
			return cli_usage_error(cmd, "--%s wants seconds (at least 1), not '%s'",
					       c == 'E' ? "tput-every" : "latency-every", arg);
		*(c == 'E' ? &m->tput_every_s : &m->lat_every_s) = v;
		break;
	case 'C':
		if (!cli_parse_int(arg, &iv) || iv < 1 || iv > LAT_MAX_COUNT)
			return cli_usage_error(cmd, "--latency-count wants 1 to %d probes, not '%s'",
					       LAT_MAX_COUNT, arg);
		m->lat.count = (int)iv;
		break;
	case 'L':
		m->lat.host = arg; /* NULL: the default gateway */
		m->want_lat = true;
		break;
	}
	return EXIT_OK;
}

int cli_measure_check(const char *cmd, const struct cli_measure *m)
{
	if ((m->tput_every_s > 0 && !m->want_tput) || (m->lat_every_s > 0 && !m->want_lat))
		return cli_usage_error(cmd, "--%s without --%s",
				       m->tput_every_s > 0 && !m->want_tput ? "tput-every" : "latency-every",
				       m->tput_every_s > 0 && !m->want_tput ? "throughput" : "latency");
	if (!m->want_tput && (m->tput.proto == TPUT_UDP || m->tput.dir == TPUT_DOWN || m->both ||
			      m->tput.duration_s != TPUT_DEFAULT_DURATION_S))
		return cli_usage_error(cmd, "--udp-rate, --reverse, --both and --duration go with --throughput");
	if (m->both && m->tput.dir == TPUT_DOWN)
		return cli_usage_error(cmd, "--both already includes --reverse");
	if (!m->want_lat && m->lat.count != LAT_DEFAULT_COUNT)
		return cli_usage_error(cmd, "--latency-count goes with --latency");
	return EXIT_OK;
}
