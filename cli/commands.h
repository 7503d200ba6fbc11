/*
 * commands.h — one entry point per subcommand, each in cli/cmd_NAME.c.
 * Each takes argv with argv[0] = the subcommand's name and returns an exit status.
 * To add a subcommand: declare it here and add a row to cli_commands[] in main.c.
 */
#ifndef NOTSPOT_CLI_COMMANDS_H
#define NOTSPOT_CLI_COMMANDS_H

#include "survey/survey.h"

int cmd_version(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_floor(int argc, char **argv);
int cmd_ward(int argc, char **argv);
int cmd_wall(int argc, char **argv);

/*
 * Shared by cmd_floor.c, cmd_ward.c and cmd_wall.c (defined in cmd_floor.c).
 * floor_cli_open(): open @path and load floor @floor (NULL: the only floor);
 * prints the error and returns an exit status (EXIT_OK on success, then the
 * caller closes *s and frees *fp). floor_cli_parse_point(): "X,Y" -> 0/-EINVAL.
 */
int floor_cli_open(const char *cmd, const char *path, const char *floor,
		   enum survey_open_mode mode, struct survey **s, struct floorplan **fp);
int floor_cli_parse_point(const char *s, double *x, double *y);
/*
 * floor_cli_read_points(): the arguments after "--points" at argv[*i], up to
 * the next option, each "X,Y" in metres within the sidecar's range, appended
 * to @pts (room for @argc points). *i is left on the last one read. A bad
 * point prints the usage error for @cmd and returns EXIT_USAGE; else EXIT_OK.
 */
int floor_cli_read_points(const char *cmd, int argc, char **argv, int *i, struct fp_point *pts,
			  size_t *npts);
int cmd_interfaces(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_throughput(int argc, char **argv);
int cmd_latency(int argc, char **argv);
int cmd_capture(int argc, char **argv);
int cmd_walk(int argc, char **argv);

#endif
