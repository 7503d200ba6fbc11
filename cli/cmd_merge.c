/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_merge.c — `notspot merge A B [C…] -o OUT`: surveys of one site walked
 * by several engineers (each into their own copy) as one new file. The
 * inputs are opened read-only and never changed; the rules (the same floor
 * recognised, conflicting floors kept under a suffixed name) are
 * survey/merge.h's.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "survey/merge.h"
#include "survey/survey.h"
#include "util/clock.h"

#define MAX_INPUTS 16

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot merge A.notspot B.notspot [MORE.notspot ...] -o OUT.notspot\n"
		"Join surveys of one site (say, two engineers who walked different wards the\n"
		"same day) into a new file OUT. The inputs are only read.\n\n"
		"  - buildings are matched by name; a floor is the same floor when its building\n"
		"    and name, its drawing's bytes and its calibration are the same: its walks\n"
		"    from every input go onto it, and what is drawn on it is joined;\n"
		"  - walks keep their operator, device, adapter and times; a walk already there\n"
		"    (the same file merged twice) is not copied again;\n"
		"  - a floor of the same name whose drawing or calibration differs is kept\n"
		"    twice, the later input's as \"NAME (B)\" (B: its file name), and said: no\n"
		"    walk is lost, and 'notspot floor rename/remove' tidies up afterwards;\n"
		"  - surveys of two different sites are refused.\n\n"
		"Options:\n"
		"  -o, --output FILE   the merged survey (must not exist)\n"
		"  -h, --help          this help\n");
}

struct merge_args {
	const char *out;
	const char *in[MAX_INPUTS];
	int nin;
};

static int merge_option(void *ctx, int c, const char *arg)
{
	(void)c;
	((struct merge_args *)ctx)->out = arg;
	return EXIT_OK;
}

/* "b" for ".../b.notspot": the short name a conflicting floor's suffix carries. */
static void label_of(const char *path, char *out, size_t len)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);

	snprintf(out, len, "%.*s", (int)n, base);
}

static void print_note(void *arg, const char *sentence)
{
	(void)arg;
	printf("note: %s\n", sentence);
}

/* Whether @a and @b name one file (an output must not be an input). */
static bool same_file(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];

	return realpath(a, ra) && realpath(b, rb) && strcmp(ra, rb) == 0;
}

static int parse(struct merge_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "merge", ":o:h", longopts, usage, merge_option };
	int rc = cli_getopt(&parser, a, argc, argv);

	if (rc)
		return rc;
	for (; optind < argc; optind++) {
		if (a->nin == MAX_INPUTS)
			return cli_usage_error("merge", "at most %d surveys at once", MAX_INPUTS);
		a->in[a->nin++] = argv[optind];
	}
	if (a->nin < 2)
		return cli_usage_error("merge", "give at least two surveys to merge");
	if (!a->out)
		return cli_usage_error("merge", "where to? -o OUT.notspot (a new file)");
	if (access(a->out, F_OK) == 0)
		return cli_error("merge", "%s already exists: a merge writes a new file, and the "
					  "inputs stay as they are", a->out);
	for (int i = 0; i < a->nin; i++)
		for (int k = 0; k < i; k++)
			if (same_file(a->in[i], a->in[k]))
				return cli_usage_error("merge", "%s is given twice", a->in[i]);
	return EXIT_OK;
}

/* Remove the partial output and its WAL companions. */
static void discard(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[PATH_MAX + 16];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
}

/* Every input in turn into @dst; @total adds up what each merge did. */
static int merge_all(struct merge_args *a, struct survey **in, struct survey *dst,
		     struct survey_merge_stats *total)
{
	struct ns_err err = { 0 };

	for (int i = 0; i < a->nin; i++) {
		struct survey_merge_opts o = { 0 };
		struct survey_merge_stats st;
		char label[64];

		label_of(a->in[i], label, sizeof(label));
		o.label = label;
		o.name = a->in[i];
		o.dst_name = i == 1 ? a->in[0] : "the surveys before it";
		o.note = print_note;
		if (survey_merge_into(dst, in[i], &o, &st, &err))
			return cli_fail(a->in[i], &err);
		total->buildings += st.buildings;
		total->floors += st.floors;
		total->floors_same += st.floors_same;
		total->conflicts += st.conflicts;
		total->elements += st.elements;
		total->walks += st.walks;
		total->walks_same += st.walks_same;
		total->samples += st.samples;
	}
	return EXIT_OK;
}

/* The output's notes say where it came from. */
static void note_origin(struct survey *dst, const struct merge_args *a)
{
	struct survey_meta m;
	char when[40];
	size_t at;

	if (survey_get_meta(dst, &m, NULL))
		return;
	at = strlen(m.notes);
	at += (size_t)snprintf(m.notes + at, at < sizeof(m.notes) ? sizeof(m.notes) - at : 0,
			       "%sMerged by notspot on %s from", at ? " " : "",
			       ns_format_utc(ns_wall_us(), when, sizeof(when)));
	for (int i = 0; i < a->nin && at < sizeof(m.notes); i++)
		at += (size_t)snprintf(m.notes + at, sizeof(m.notes) - at, "%s %s",
				       i ? (i + 1 == a->nin ? " and" : ",") : "", a->in[i]);
	survey_set_meta(dst, &m, NULL);
}

CLI_COMMAND(merge, 47, "join surveys of one site walked by several engineers into one file");
int cmd_merge(int argc, char **argv)
{
	struct merge_args a = { 0 };
	struct survey *in[MAX_INPUTS] = { 0 }, *dst = NULL;
	struct survey_merge_stats total = { 0 };
	struct ns_err err = { 0 };
	int rc;

	if ((rc = parse(&a, argc, argv)))
		return cli_status(rc);
	for (int i = 0; i < a.nin && !rc; i++)
		if (survey_open(a.in[i], SURVEY_READ_ONLY, &in[i], &err))
			rc = cli_fail("cannot open the survey", &err);
	for (int i = 1; i < a.nin && !rc; i++)
		if (survey_merge_check_sites(in[0], a.in[0], in[i], a.in[i], &err))
			rc = cli_fail("merge", &err);
	if (!rc && survey_create(a.out, NULL, &dst, &err))
		rc = cli_fail("merge", &err);
	if (!rc && (rc = merge_all(&a, in, dst, &total)) == EXIT_OK)
		note_origin(dst, &a);
	survey_close(dst);
	for (int i = 0; i < a.nin; i++)
		survey_close(in[i]);
	if (rc) {
		if (dst)
			discard(a.out);
		return rc;
	}
	printf("%s: %d surveys merged: %zu building%s, %zu floor%s (%zu found in more than one, "
	       "%zu kept twice), %zu walk%s with %zu samples (%zu already there)\n", a.out, a.nin,
	       total.buildings, total.buildings == 1 ? "" : "s", total.floors,
	       total.floors == 1 ? "" : "s", total.floors_same, total.conflicts, total.walks,
	       total.walks == 1 ? "" : "s", total.samples, total.walks_same);
	return EXIT_OK;
}
