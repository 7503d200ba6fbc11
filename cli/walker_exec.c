/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walker_exec.c — `notspot walk` and `notspot edit`: hand over to the walker
 * app's own binary (see walker_exec.h for why it is a binary of its own).
 */
#include "cli/walker_exec.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "util/datadir.h"

int cli_walker_exec(const char *mode, int argc, char **argv)
{
	char dir[PATH_MAX], walker[PATH_MAX];
	struct ns_err err = { 0 };
	char **args;
	int rc;

	rc = ns_exe_dir(dir, sizeof(dir), &err);
	if (rc == 0 || getenv("NOTSPOT_WALKER"))
		rc = ns_helper_find(getenv("NOTSPOT_WALKER"), rc == 0 ? dir : NULL, NOTSPOT_WALKER_NAME,
				    walker, sizeof(walker), &err);
	if (rc < 0) {
		cli_error(mode, "%s; the walker app is its own package (notspot-walker) or "
			  "NOTSPOT_WALKER names it", err.msg);
		return EXIT_FAILED;
	}
	/* notspot-walker MODE ARGS... NULL */
	args = calloc((size_t)argc + 2, sizeof(*args));
	if (!args) {
		cli_error(mode, "out of memory");
		return EXIT_FAILED;
	}
	args[0] = (char *)NOTSPOT_WALKER_NAME;
	args[1] = (char *)mode;
	for (int i = 1; i < argc; i++)
		args[i + 1] = argv[i];
	fflush(NULL);
	execv(walker, args);
	cli_error(mode, "cannot run %s: %s", walker, strerror(errno));
	free(args);
	return EXIT_FAILED;
}

CLI_COMMAND(walk, 120, CLI_WALK_SUMMARY);
int cmd_walk(int argc, char **argv)
{
	return cli_walker_exec("walk", argc, argv);
}

CLI_COMMAND(edit, 65, CLI_EDIT_SUMMARY);
int cmd_edit(int argc, char **argv)
{
	return cli_walker_exec("edit", argc, argv);
}
