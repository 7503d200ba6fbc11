/*
 * main.c — the `notspot` command: finds the subcommand and hands over.
 * Subcommands live in cli/cmd_*.c; nothing else happens here.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "util/version.h"

/* In the order of a survey: try it, set up the file and floor, walk, map, report. */
const struct cli_command cli_commands[] = {
	{ "demo", cmd_demo, "make a simulated survey of the example floor, in seconds" },
	{ "new", cmd_new, "create an empty survey file for a site" },
	{ "info", cmd_info, "describe a survey: floors, walks, samples, time span" },
	{ "import", cmd_import, "import observations from CSV into a floor as a new walk" },
	{ "export", cmd_export, "export a survey as CSV (observations) or JSON (everything)" },
	{ "floor", cmd_floor, "add, calibrate, list and show floorplans (PNG, JPEG, SVG, PDF)" },
	{ "ward", cmd_ward, "name an area of a floor by its outline in metres" },
	{ "wall", cmd_wall, "add a wall with its material to a floor" },
	{ "interfaces", cmd_interfaces, "list the Wi-Fi interfaces, their radios and links" },
	{ "scan", cmd_scan, "scan for Wi-Fi networks (table or --json)" },
	{ "record", cmd_record, "record a headless walk: positions on stdin, samples to a survey" },
	{ "walk", cmd_walk, "record a walk on a floor in the walker app (GTK)" },
	{ "capture", cmd_capture, "passive survey from beacons: a capture file or a monitor interface" },
	{ "throughput", cmd_throughput, "iperf3 throughput (TCP/UDP, up/down) against a server" },
	{ "latency", cmd_latency, "round-trip time, jitter and loss to the gateway or a host" },
	{ "render", cmd_render, "draw a heatmap of a floor or ward (PNG, PDF, SVG, grid)" },
	{ "stats", cmd_stats, "coverage statistics and not-spots per ward" },
	{ "report", cmd_report, "an A4 PDF evidence report of a survey against a profile" },
	{ "diff", cmd_diff, "before/after: the change in signal and in the area passing" },
	{ "simulate", cmd_simulate, "record a simulated walk into a survey" },
	{ "version", cmd_version, "print the version" },
	{ NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot SUBCOMMAND [OPTIONS] ...\n"
		"Map Wi-Fi coverage and not-spots in hospital buildings.\n\n"
		"Subcommands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	fprintf(f, "\nEach subcommand has --help. Exit status: 0 ok, 1 failed, 2 bad usage.\n"
		   "Start with 'notspot demo' to see a simulated survey of an example floor.\n");
}

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("notspot %s\n", NOTSPOT_VERSION);
	return EXIT_OK;
}

/* Output that never reached its file (a full disk, /dev/full) is a failure. */
static int finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "notspot: writing the output failed: %s\n", strerror(errno));
		return rc == EXIT_OK ? EXIT_FAILED : rc;
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return cmd_version(argc - 1, argv + 1);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(argv[1], c->name) == 0)
			return finish(c->run(argc - 1, argv + 1));
	fprintf(stderr, "notspot: unknown subcommand '%s'\nTry 'notspot --help'.\n", argv[1]);
	return EXIT_USAGE;
}
