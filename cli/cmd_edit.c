/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_edit.c — `notspot edit`: the plan editor, a mode of the walker app
 * (walker/gui/editor.h), which parses its own arguments. Linked into the
 * walker's own binary (`notspot-walker edit`, which `notspot edit` execs:
 * walker_exec.h), never into `notspot`.
 */
#include "cli/commands.h"
#include "cli/walker_exec.h"
#include "walker/gui/editor.h"

CLI_COMMAND(edit, 65, CLI_EDIT_SUMMARY);
int cmd_edit(int argc, char **argv)
{
	return editor_main(argc, argv);
}
