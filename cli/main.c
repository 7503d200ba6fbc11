/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c — the `notspot` command: finds the subcommand and hands over.
 * Subcommands live in cli/cmd_*.c and register themselves (commands.h);
 * nothing else happens here.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "util/version.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot SUBCOMMAND [OPTIONS] ...\n"
		"Map Wi-Fi coverage and not-spots in hospital buildings.\n\n"
		"Subcommands:\n");
	for (const struct cli_command *c = cli_command_next(NULL); c; c = cli_command_next(c))
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	fprintf(f, "\nEach subcommand has --help. Exit status: 0 ok, 1 failed, 2 bad usage.\n"
		   "Start with 'notspot demo' to see a simulated survey of an example floor.\n");
}

CLI_COMMAND(version, 900, "print the version");
int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("notspot %s\n", NOTSPOT_VERSION);
	return EXIT_OK;
}

/*
 * Output that never reached its file (a full disk, /dev/full) is a failure;
 * a command that failed already said why in its one line.
 */
static int finish(int rc)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == EXIT_OK)
			cli_error("cannot write standard output", "%s",
				  strerror(errno ? errno : EIO));
		return rc == EXIT_OK ? EXIT_FAILED : rc;
	}
	return rc;
}

int main(int argc, char **argv)
{
	const struct cli_command *c;
	int rc;

	assert(cli_commands_valid());
	cli_route_library_logs();
	if (cli_answer_help(argc, argv, usage, &rc))
		return rc;
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return cmd_version(argc - 1, argv + 1);
	if ((c = cli_command_find(argv[1])))
		return finish(c->run(argc - 1, argv + 1));
	fprintf(stderr, "notspot: unknown subcommand '%s'\nTry 'notspot --help'.\n", argv[1]);
	return EXIT_USAGE;
}
