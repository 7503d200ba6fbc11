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

#include <glib.h>
#include <jansson.h>

#include "util/strbuf.h"
#include "util/textcheck.h"

/*
 * Print "@lead@name: " and the formatted sentence as one line: whatever a value in
 * it holds (a name from a mailed survey, a file's bytes, a line break typed
 * into an option), it is escaped ("\xNN"), so an error is always one line of
 * valid UTF-8 that cannot command the terminal.
 */
static void print_line(const char *lead, const char *name, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	size_t cap;
	char *out;

	strbuf_addf(&sb, "%s%s: ", lead, name);
	strbuf_vaddf(&sb, fmt, ap);
	cap = sb.len * 4 + 1;
	out = strbuf_failed(&sb) ? NULL : malloc(cap);
	if (out) {
		ns_text_escape(out, cap, sb.buf);
		fprintf(stderr, "%s\n", out);
	} else {
		fprintf(stderr, "%s (out of memory)\n", sb.buf);
	}
	free(out);
	strbuf_release(&sb);
}

int cli_error(const char *what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_line("notspot: ", what, fmt, ap);
	va_end(ap);
	return EXIT_FAILED;
}

int cli_fail(const char *what, const struct ns_err *err)
{
	return cli_error(what, "%s", err && err->msg[0] ? err->msg : "unknown error");
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_line("notspot ", cmd, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'notspot %s --help'.\n", cmd);
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

/* The long options of @o whose names begin with @name's first @len bytes, as a list. */
static int long_matches(const struct option *lo, const char *name, size_t len, char *buf,
			size_t cap)
{
	size_t at = 0;
	int n = 0;

	buf[0] = '\0';
	for (; lo && lo->name; lo++) {
		if (strncmp(lo->name, name, len) != 0)
			continue;
		if (at < cap)
			at += (size_t)snprintf(buf + at, cap - at, "%s--%s", n ? ", " : "", lo->name);
		n++;
	}
	return n;
}

int cli_option_refused(const char *cmd, const struct option *longopts, int c, const char *arg)
{
	char names[256];

	if (c == ':')
		return cli_usage_error(cmd, "%s needs a value", arg);
	if (strncmp(arg, "--", 2) == 0) {
		size_t len = strcspn(arg + 2, "=");

		if (long_matches(longopts, arg + 2, len, names, sizeof(names)) > 1)
			return cli_usage_error(cmd, "option '%.*s' is ambiguous (%s)", (int)len + 2,
					       arg, names);
		if (optopt && arg[2 + len] == '=')
			return cli_usage_error(cmd, "%.*s takes no value", (int)len + 2, arg);
		return cli_usage_error(cmd, "unknown option '%.*s'", (int)len + 2, arg);
	}
	if (optopt && optopt != '?')
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	return cli_usage_error(cmd, "unknown option '%s'", arg);
}

int cli_getopt(const struct cli_options *o, void *ctx, int argc, char **argv)
{
	char shortopts[128];
	int c, rc;

	/* ':' first: getopt prints nothing, and a missing value comes back as ':'. */
	snprintf(shortopts, sizeof(shortopts), "%s%s", o->shortopts[0] == ':' ? "" : ":",
		 o->shortopts);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, o->longopts, NULL)) != -1) {
		if (c == 'h') {
			o->usage(stdout);
			return CLI_DONE;
		}
		if (c == ':' || c == '?')
			return cli_option_refused(o->cmd, o->longopts, c, argv[optind - 1]);
		if ((rc = o->option(ctx, c, optarg)))
			return rc;
	}
	return EXIT_OK;
}

/*
 * GLib's structured log writer for the whole process. Below G_LOG_LEVEL_ERROR
 * nothing reaches the terminal unless NOTSPOT_DEBUG is set: what went wrong
 * reaches the user through the libraries' return values (GError, cairo's
 * status), which the modules turn into a sentence; the PDF loader collects
 * poppler's reasons itself. G_LOG_LEVEL_ERROR ends the process (GLib aborts
 * whatever a writer returns), so its text is printed the usual way.
 */
static GLogWriterOutput log_writer(GLogLevelFlags level, const GLogField *fields, gsize n,
				   gpointer data)
{
	const char *domain = "GLib", *msg = "";
	static int debug = -1;

	(void)data;
	if (level & G_LOG_LEVEL_ERROR)
		return g_log_writer_standard_streams(level, fields, n, NULL);
	if (debug < 0)
		debug = getenv("NOTSPOT_DEBUG") && *getenv("NOTSPOT_DEBUG");
	if (!debug)
		return G_LOG_WRITER_HANDLED;
	for (gsize i = 0; i < n; i++) {
		if (strcmp(fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
			domain = fields[i].value;
		else if (strcmp(fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
			msg = fields[i].value;
	}
	cli_error("debug", "%s: %s", domain, msg);
	return G_LOG_WRITER_HANDLED;
}

void cli_route_library_logs(void)
{
	static bool done;

	if (!done)
		g_log_set_writer_func(log_writer, NULL, NULL);
	done = true;
}

json_t *cli_json_str(const char *s)
{
	json_t *j;
	char *valid;

	if (!s)
		return json_null();
	if ((j = json_string(s)))
		return j;
	valid = ns_utf8_dup_valid(s);
	j = valid ? json_string(valid) : NULL;
	free(valid);
	return j;
}

const char *cli_shown(const char *s, char *buf, size_t len)
{
	if (!s || !ns_text_needs_escape(s))
		return s ? s : "";
	ns_text_escape(buf, len, s);
	return buf;
}

int cli_check_name(const char *cmd, const char *opt, const char *value, size_t cap,
		   unsigned flags)
{
	struct ns_err err = { 0 };

	if (ns_text_check(opt, value, cap, flags, &err))
		return cli_usage_error(cmd, "%s", err.msg);
	return EXIT_OK;
}

/*
 * Root: the walker and the plan editor are a GTK app (a whole toolkit, its
 * modules and the user's theme, all running with every privilege) and would
 * leave the survey and its backups owned by root. They refuse, saying why and
 * what to do instead: the one privilege the walker needs, to trigger scans,
 * comes from file capabilities. A test machine whose only user is root sets
 * NOTSPOT_ALLOW_ROOT=1.
 */
int cli_gui_refuses_root(const char *what)
{
	const char *allow = getenv("NOTSPOT_ALLOW_ROOT");

	if (geteuid() != 0 || (allow && strcmp(allow, "1") == 0))
		return EXIT_OK;
	return cli_error(what, "refusing to run as root: the walker app would run its whole GUI "
			 "with every privilege and leave the survey owned by root; run it as "
			 "your own user, and give notspot-walker the one privilege it "
			 "needs to trigger scans with 'sudo make install-caps' (see notspot(1), "
			 "PRIVILEGES)");
}
