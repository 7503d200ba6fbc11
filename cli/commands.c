/* SPDX-License-Identifier: GPL-3.0-or-later */
/* commands.c — the registry of subcommands: see commands.h. */
#include "cli/commands.h"

#include <stddef.h>
#include <string.h>

/* Bracketing symbols the linker defines for a section named like a C identifier. */
extern const struct cli_command *const __start_notspot_commands[];
extern const struct cli_command *const __stop_notspot_commands[];

#define FOREACH_COMMAND(p) \
	for (const struct cli_command *const *p = __start_notspot_commands; \
	     p < __stop_notspot_commands; p++)

const struct cli_command *cli_command_find(const char *name)
{
	FOREACH_COMMAND(p)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	return NULL;
}

/* Help order: by key; the name breaks a tie so that no command is skipped. */
static bool before(const struct cli_command *a, const struct cli_command *b)
{
	return a->order != b->order ? a->order < b->order : strcmp(a->name, b->name) < 0;
}

const struct cli_command *cli_command_next(const struct cli_command *prev)
{
	const struct cli_command *best = NULL;

	FOREACH_COMMAND(p)
		if ((!prev || before(prev, *p)) && (!best || before(*p, best)))
			best = *p;
	return best;
}

bool cli_commands_valid(void)
{
	FOREACH_COMMAND(a)
		for (const struct cli_command *const *b = a + 1; b < __stop_notspot_commands; b++)
			if (strcmp((*a)->name, (*b)->name) == 0 || (*a)->order == (*b)->order)
				return false;
	return true;
}
