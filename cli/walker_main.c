/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walker_main.c — `notspot-walker`, the GTK 4 app's binary: the modes that
 * need a display, in a program of their own so that `notspot` starts
 * without GTK. `notspot walk ARGS` execs `notspot-walker walk ARGS`
 * (walker_exec.h); each mode is a CLI_COMMAND() linked into this binary only,
 * found here by its name like `notspot`'s subcommands.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/walker_exec.h"
#include "util/version.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: " NOTSPOT_WALKER_NAME " MODE [OPTIONS] ...\n"
		"The notspot walker app (GTK 4). Usually started as 'notspot MODE'.\n\n"
		"Modes:\n");
	for (const struct cli_command *c = cli_command_next(NULL); c; c = cli_command_next(c))
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	fprintf(f, "\nEach mode has --help. Exit status: 0 ok, 1 failed, 2 bad usage.\n");
}

int main(int argc, char **argv)
{
	const struct cli_command *c;
	int rc;

	assert(cli_commands_valid());
	/* The window belongs to the installed desktop file and icon (data/). */
	g_set_prgname(NOTSPOT_WALKER_APP_ID);
	if (cli_answer_help(argc, argv, usage, &rc))
		return rc;
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("%s %s\n", NOTSPOT_WALKER_NAME, NOTSPOT_VERSION);
		return EXIT_OK;
	}
	if (!(c = cli_command_find(argv[1]))) {
		fprintf(stderr, NOTSPOT_WALKER_NAME ": unknown mode '%s'\nTry '" NOTSPOT_WALKER_NAME
				" --help'.\n", argv[1]);
		return EXIT_USAGE;
	}
	/*
	 * GTK counts itself initialised even when this finds no display, and a
	 * second gtk_init_check() then says TRUE: the modes ask for the display
	 * itself (gdk_display_get_default()) before they open a window.
	 */
	if (gtk_init_check())
		gtk_window_set_default_icon_name(NOTSPOT_WALKER_APP_ID);
	rc = c->run(argc - 1, argv + 1);
	/* Output that never reached its file (a full disk, /dev/full) is a failure. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, NOTSPOT_WALKER_NAME ": writing the output failed: %s\n", strerror(errno));
		return rc == EXIT_OK ? EXIT_FAILED : rc;
	}
	return rc;
}
