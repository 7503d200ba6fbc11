/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.c — shared helpers of the subcommands. See cli.h. */
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_error(const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "notspot: %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAILED;
}

int cli_fail(const char *what, const struct ns_err *err)
{
	return cli_error(what, "%s", err && err->msg[0] ? err->msg : "unknown error");
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "notspot %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'notspot %s --help'.\n", cmd);
	return EXIT_USAGE;
}

bool cli_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool cli_parse_int(const char *s, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

int cli_parse_doubles(const char *s, double *out, int min, int max)
{
	char buf[256], *p, *comma;
	int n = 0;

	if (!s || strlen(s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, strlen(s) + 1);
	for (p = buf;; p = comma + 1) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (n == max || !cli_parse_double(p, &out[n]))
			return -1;
		n++;
		if (!comma)
			break;
	}
	return n >= min ? n : -1;
}

bool cli_is_tty(void)
{
	return isatty(STDERR_FILENO);
}

void cli_progress(const char *label, long done, long total)
{
	if (!cli_is_tty())
		return;
	if (total > 0)
		fprintf(stderr, "\r%s  %ld/%ld (%ld%%)", label, done, total, done * 100 / total);
	else
		fprintf(stderr, "\r%s  %ld", label, done);
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

bool cli_is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 || strcmp(arg, "help") == 0;
}

bool cli_answer_help(int argc, char **argv, void (*usage)(FILE *f), int *rc)
{
	if (argc < 2) {
		usage(stderr);
		*rc = EXIT_USAGE;
	} else if (cli_is_help(argv[1])) {
		usage(stdout);
		*rc = EXIT_OK;
	} else {
		return false;
	}
	return true;
}

int cli_run_action(const char *cmd, const struct cli_action *actions, size_t n,
		   void (*usage)(FILE *f), int argc, char **argv)
{
	char names[256] = "";
	size_t len = 0;
	int rc;

	if (cli_answer_help(argc, argv, usage, &rc))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(argv[1], actions[i].name) == 0)
			return actions[i].run(argc - 1, argv + 1);
		len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s", i ? ", " : "",
					actions[i].name);
		if (len >= sizeof(names))
			len = sizeof(names) - 1;
	}
	return cli_usage_error(cmd, "unknown action '%s' (%s)", argv[1], names);
}

void cli_help_wrap(FILE *f, const char *lead, int indent, const char *text)
{
	int col = fprintf(f, "%s", lead);
	bool first = true;

	while (*text) {
		size_t n = strcspn(text, " ");

		if (n) {
			if (!first && col + 1 + (int)n > 79) {
				col = fprintf(f, "\n%*s", indent, "") - 1;
				first = true;
			}
			col += fprintf(f, "%s%.*s", first ? "" : " ", (int)n, text);
			first = false;
		}
		text += n;
		text += strspn(text, " ");
	}
	fputc('\n', f);
}

char *cli_list(char *buf, size_t len, const char *(*name)(int i), const char *sep,
	       const char *last)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; name(i) && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%s",
				       i == 0 ? "" : name(i + 1) ? sep : last, name(i));
	return buf;
}

int cli_getopt(const struct cli_options *o, void *ctx, int argc, char **argv)
{
	bool ours = o->shortopts[0] == ':';
	int c, rc;

	optind = 1;
	if (ours)
		opterr = 0; /* one sentence of ours, not getopt's as well */
	while ((c = getopt_long(argc, argv, o->shortopts, o->longopts, NULL)) != -1) {
		if (c == 'h') {
			o->usage(stdout);
			return CLI_DONE;
		}
		if (c == ':')
			return cli_usage_error(o->cmd, "%s needs a value", argv[optind - 1]);
		if (c == '?' && ours)
			return cli_usage_error(o->cmd, "unknown option '%s'", argv[optind - 1]);
		if (c == '?')
			return cli_usage_error(o->cmd, "unknown option");
		if ((rc = o->option(ctx, c, optarg)))
			return rc;
	}
	return EXIT_OK;
}
