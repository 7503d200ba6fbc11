/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h — what every subcommand shares: the error and exit conventions,
 * subcommands with actions, help text, and small argument helpers.
 * (How a subcommand registers itself: commands.h.)
 *
 * Exit status: 0 ok, 1 failed, 2 bad usage. Errors go to stderr as
 * "notspot: WHAT: WHY". Only cli/ prints; library code fills struct ns_err.
 */
#ifndef NOTSPOT_CLI_CLI_H
#define NOTSPOT_CLI_CLI_H

#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/err.h"
#include "util/textcheck.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/*
 * What an option parser returns after printing --help: nothing more to do,
 * and the command ends with EXIT_OK (cli_status() turns it into that).
 */
#define CLI_DONE (-1)

static inline int cli_status(int rc)
{
	return rc == CLI_DONE ? EXIT_OK : rc;
}

/** cli_error() - print "notspot: @what: <formatted why>" on stderr. Returns EXIT_FAILED. */
int cli_error(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * cli_gui_refuses_root() - the walker app (walk, edit) as root: one sentence
 * under @what saying why not and what to do, and EXIT_FAILED; EXIT_OK for any
 * other user or with NOTSPOT_ALLOW_ROOT=1.
 */
int cli_gui_refuses_root(const char *what);

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

/* The last rows of a table for cli_getopt(): --help (which it answers) and the end. */
#define CLI_LONGOPTS_END                            \
	{ "help", no_argument, NULL, 'h' },         \
	{ NULL, 0, NULL, 0 }

/* How a command reads its options: see cli_getopt(). */
struct cli_options {
	const char *cmd;                   /* "render": how errors name the command */
	const char *shortopts;             /* getopt_long's (a ":" first is implied) */
	const struct option *longopts;
	void (*usage)(FILE *f);            /* what -h and --help print */
	/* Each other option @c with its @arg: an exit status, EXIT_OK to go on. */
	int (*option)(void *ctx, int c, const char *arg);
};

/**
 * cli_getopt() - read the options of @argv with getopt_long, leaving optind
 * at the first positional argument. -h and --help print the usage and return
 * CLI_DONE; every other option goes to @o->option(@ctx, code, optarg), and
 * the first status other than EXIT_OK is returned. getopt itself prints
 * nothing: an unknown or ambiguous option, a missing value and a value given
 * to an option that takes none are each one usage sentence of ours naming the
 * option ("notspot render: unknown option '--frob'").
 */
int cli_getopt(const struct cli_options *o, void *ctx, int argc, char **argv);

/**
 * cli_option_refused() - the one usage sentence for what getopt_long refused,
 * for a command that runs getopt_long itself (with opterr = 0 and ':' first
 * in its shortopts): @c is ':' (a value is missing) or '?' (an unknown or
 * ambiguous option, or a value given to one that takes none); @arg is the
 * word of argv it came from (argv[optind - 1]). Returns EXIT_USAGE.
 */
int cli_option_refused(const char *cmd, const struct option *longopts, int c, const char *arg);

/**
 * cli_check_name() - the one rule for a name typed at the door
 * (util/textcheck.h: UTF-8, no control characters, under @cap bytes when
 * @cap > 0, not blank with NS_TEXT_REQUIRED): EXIT_OK, or a usage error of
 * @cmd that quotes option @opt's @value and says what is wrong with it.
 */
int cli_check_name(const char *cmd, const char *opt, const char *value, size_t cap,
		   unsigned flags);

/** cli_is_help() - whether @arg asks for help: "--help", "-h" or "help". */
bool cli_is_help(const char *arg);

/**
 * cli_answer_help() - for a command whose argv[1] names what to do next (a
 * subcommand, an action): nothing there prints @usage on stderr (*@rc =
 * EXIT_USAGE), help prints it on stdout (EXIT_OK). Returns whether it
 * answered; false leaves argv[1] to the caller.
 */
bool cli_answer_help(int argc, char **argv, void (*usage)(FILE *f), int *rc);

/* An action of a subcommand with actions (`floor add`, `ward add`). */
struct cli_action {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the action's name */
};

/**
 * cli_run_action() - run action argv[1] of subcommand @cmd among the @n
 * @actions. No action prints @usage on stderr (EXIT_USAGE), help prints it
 * on stdout (EXIT_OK), an unknown one is a usage error that lists them.
 */
int cli_run_action(const char *cmd, const struct cli_action *actions, size_t n,
		   void (*usage)(FILE *f), int argc, char **argv);

/**
 * cli_help_wrap() - help text: @lead, then the words of @text filled to lines
 * of at most 79 columns, each further line indented by @indent spaces.
 */
void cli_help_wrap(FILE *f, const char *lead, int indent, const char *text);

/**
 * cli_list() - the names @name(0), @name(1), … up to the first NULL, joined
 * by @sep and the last two by @last ("a, b or c"), into @buf. Returns @buf.
 */
char *cli_list(char *buf, size_t len, const char *(*name)(int i), const char *sep,
	       const char *last);

/** cli_is_tty() - whether stderr is a terminal (progress is shown only then). */
bool cli_is_tty(void);

/**
 * cli_progress() - "label  done/total" on one self-overwriting stderr line when
 * it is a terminal; nothing otherwise. Call with done == total to end the line.
 */
void cli_progress(const char *label, long done, long total);

/**
 * cli_json_str() - a JSON string of @s, text from a file that may not be
 * UTF-8 (a name in a mailed survey): bad bytes become U+FFFD, as the survey's
 * JSON export writes them, where json_string() would give NULL and the key
 * would silently go missing. NULL @s is JSON null.
 */
json_t *cli_json_str(const char *s);

/**
 * cli_shown() - @s for a line a person reads on the terminal: @s itself when
 * it is safe, else escaped into @buf (@len bytes; see ns_text_escape()).
 */
const char *cli_shown(const char *s, char *buf, size_t len);

/**
 * cli_route_library_logs() - install, once and before anything logs, the
 * process's GLib log writer: GLib, Pango, GdkPixbuf, poppler, librsvg and GTK
 * messages below G_LOG_LEVEL_ERROR never reach the user's terminal (their
 * failures reach the user as sentences through the return values that the
 * modules convert); with NOTSPOT_DEBUG=1 in the environment they are printed
 * as "notspot: debug: DOMAIN: message" lines for whoever is debugging.
 */
void cli_route_library_logs(void);

#endif
