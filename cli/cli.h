/*
 * cli.h — what every subcommand shares: the command table, the error and exit
 * conventions, and small argument helpers.
 *
 * Exit status: 0 ok, 1 failed, 2 bad usage. Errors go to stderr as
 * "notspot: WHAT: WHY". Only cli/ prints; library code fills struct ns_err.
 */
#ifndef NOTSPOT_CLI_CLI_H
#define NOTSPOT_CLI_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "util/err.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the subcommand's name */
	const char *summary;               /* one line for `notspot --help` */
};

/* The table, in cli/main.c. */
extern const struct cli_command cli_commands[];

/** cli_error() - print "notspot: @what: <formatted why>" on stderr. Returns EXIT_FAILED. */
int cli_error(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** cli_fail() - print "notspot: @what: @err->msg" and return EXIT_FAILED. */
int cli_fail(const char *what, const struct ns_err *err);

/** cli_usage_error() - print the sentence and "try 'notspot CMD --help'"; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** cli_parse_double() / cli_parse_int() - a whole-string number, false if not. */
bool cli_parse_double(const char *s, double *out);
bool cli_parse_int(const char *s, long *out);

/**
 * cli_parse_doubles() - "A,B[,C...]": between @min and @max comma-separated
 * finite numbers and nothing else, into @out. Returns how many, or -1.
 */
int cli_parse_doubles(const char *s, double *out, int min, int max);

/** cli_is_tty() - whether stderr is a terminal (progress is shown only then). */
bool cli_is_tty(void);

/**
 * cli_progress() - "label  done/total" on one self-overwriting stderr line when
 * it is a terminal; nothing otherwise. Call with done == total to end the line.
 */
void cli_progress(const char *label, long done, long total);

#endif
