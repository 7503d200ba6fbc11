/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * commands.h — how a subcommand joins `notspot`: one CLI_COMMAND() line next
 * to its entry point, and nothing else to edit (the way iw's COMMAND() works).
 *
 *	CLI_COMMAND(stats, 170, "coverage statistics and not-spots per ward");
 *	int cmd_stats(int argc, char **argv) { ... }
 *
 * The line declares cmd_NAME() and puts a pointer to its entry into the
 * linker section "notspot_commands"; the linker brackets the section with
 * __start_/__stop_ symbols, so main.c finds every command linked in without a
 * table of its own. A section keeps link order, not the survey's order, so
 * each entry carries its place in `notspot --help` as an explicit key:
 *
 *	10 demo  20 new  30 info  40 import  50 export  60 floor  65 edit  70 ward
 *	80 wall  90 interfaces  100 scan  110 record  120 walk  130 capture
 *	140 throughput  150 latency  160 render  170 stats  175 plan  177 roams
 *	180 report  185 calibrate  190 diff  200 simulate  900 version
 *
 * (try it; set up the file and floor; walk; map; report). Names and keys are
 * unique; cli_command_next() walks the commands in key order.
 */
#ifndef NOTSPOT_CLI_COMMANDS_H
#define NOTSPOT_CLI_COMMANDS_H

#include <stdbool.h>

struct cli_command {
	const char *name;                  /* the word after `notspot` */
	int (*run)(int argc, char **argv); /* argv[0] is the name; returns an exit status */
	const char *summary;               /* one line for `notspot --help` */
	int order;                         /* place in `notspot --help`, ascending */
};

/*
 * CLI_COMMAND() - register `notspot NAME`, run by int cmd_NAME(int, char **),
 * at place @order_ of the help with one line @summary_. Put it above the
 * function's definition (it is also the function's prototype) and end it
 * with a semicolon.
 */
#define CLI_COMMAND(name_, order_, summary_)                                        \
	int cmd_##name_(int argc, char **argv);                                      \
	static const struct cli_command cli_command_##name_ = {                      \
		#name_, cmd_##name_, summary_, order_                                \
	};                                                                           \
	static const struct cli_command *const cli_command_ptr_##name_               \
		__attribute__((used, section("notspot_commands"),                   \
			       aligned(sizeof(void *)))) = &cli_command_##name_

/** cli_command_find() - the command called @name, or NULL. */
const struct cli_command *cli_command_find(const char *name);

/**
 * cli_command_next() - the command after @prev in help order (NULL: the
 * first); NULL after the last.
 */
const struct cli_command *cli_command_next(const struct cli_command *prev);

/**
 * cli_commands_valid() - whether names and order keys are unique (checked
 * with assert() at start-up: two files claiming one name is a build mistake).
 */
bool cli_commands_valid(void);

#endif
