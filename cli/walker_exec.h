/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walker_exec.h — the GTK apps live in a binary of their own,
 * `notspot-walker`, so that `notspot` starts without GTK (a headless box, a
 * VM, a package without the walker). `notspot walk ARGS` runs
 * `notspot-walker walk ARGS` in its place (exec: same process, same exit
 * status); `notspot edit ARGS`, the plan editor, does the same with mode
 * "edit".
 *
 * The walker binary's modes are subcommands registered with CLI_COMMAND() in
 * files linked into it only (cli/cmd_walk.c, cli/cmd_edit.c; the Makefile's
 * WALKER_CMD_SRCS),
 * and its main (walker_main.c) dispatches on its first argument.
 */
#ifndef NOTSPOT_CLI_WALKER_EXEC_H
#define NOTSPOT_CLI_WALKER_EXEC_H

/* The walker's program name, and its desktop/AppStream id (data/NOTSPOT_WALKER_APP_ID.desktop). */
#define NOTSPOT_WALKER_NAME "notspot-walker"
#define NOTSPOT_WALKER_APP_ID "org.notspot.Walker"

/* One line each for `notspot --help`, the same in both binaries. */
#define CLI_WALK_SUMMARY "record a walk on a floor in the walker app (GTK)"
#define CLI_EDIT_SUMMARY "edit a floor's plan in a window: calibrate, walls, doors, wards, APs (GTK)"

/**
 * cli_walker_exec() - replace this process by `notspot-walker MODE ARGV[1..]`
 * (@argv[0] is the subcommand's name). The walker is $NOTSPOT_WALKER, else
 * the one installed with this binary (util/datadir.h: beside it, or in
 * ../libexec/notspot). Returns only on failure, with the exit status after
 * printing why.
 */
int cli_walker_exec(const char *mode, int argc, char **argv);

#endif
