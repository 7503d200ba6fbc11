/*
 * commands.h — one entry point per subcommand, each in cli/cmd_NAME.c.
 * Each takes argv with argv[0] = the subcommand's name and returns an exit status.
 * To add a subcommand: declare it here and add a row to cli_commands[] in main.c.
 */
#ifndef NOTSPOT_CLI_COMMANDS_H
#define NOTSPOT_CLI_COMMANDS_H

int cmd_version(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_walk(int argc, char **argv);

#endif
