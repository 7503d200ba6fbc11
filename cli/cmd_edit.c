/*
 * cmd_edit.c — `notspot edit`: the plan editor, a mode of the GTK app
 * (walker/gui/editor.h), which parses its own arguments.
 */
#include "cli/commands.h"
#include "walker/gui/editor.h"

CLI_COMMAND(edit, 65, "edit a floor's plan in a window: calibrate, walls, doors, wards, APs (GTK)");
int cmd_edit(int argc, char **argv)
{
	return editor_main(argc, argv);
}
