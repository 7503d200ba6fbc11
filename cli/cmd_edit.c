/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_edit.c — `notspot edit`: the plan editor, a mode of the walker app
 * (walker/gui/editor.h), which parses its own arguments. Linked into the
 * walker's own binary (`notspot-walker edit`, which `notspot edit` execs:
 * walker_exec.h), never into `notspot`.
 */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/walker_exec.h"
#include "walker/gui/editor.h"

CLI_COMMAND(edit, 65, CLI_EDIT_SUMMARY);
int cmd_edit(int argc, char **argv)
{
	int rc;

	/* --help answers for anyone; anything else is refused to root before the
	 * survey is opened (cli_gui_refuses_root() says why). */
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return editor_main(argc, argv);
	if ((rc = cli_gui_refuses_root("edit")) != EXIT_OK)
		return rc;
	return editor_main(argc, argv);
}
