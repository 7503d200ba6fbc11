/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * demo_outputs.c — what `notspot demo` makes with the subcommands
 * themselves, each run as a user would run it and written to
 * DIR/commands.sh: the heatmaps, the statistics, the report, before/after.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/demo.h"
#include "util/version.h"

/* Quote @a for the shell if it needs it. */
static void script_word(FILE *f, const char *a)
{
	if (strpbrk(a, " '\"$\\;&|<>()*?") == NULL && *a) {
		fputs(a, f);
		return;
	}
	fputc('\'', f);
	for (; *a; a++) {
		if (*a == '\'')
			fputs("'\\''", f);
		else
			fputc(*a, f);
	}
	fputc('\'', f);
}

/*
 * Run `notspot ARGS…` (NULL-terminated) in a child process, its stdout going
 * to @out_path when given, and write the command to DIR/commands.sh. A child
 * gives each subcommand a fresh getopt state and keeps its failures its own.
 */
static int run_sub(struct demo *d, const char *out_path, const char *name, ...)
{
	const char *argv[32];
	int argc = 0, status, fd = -1;
	const struct cli_command *c;
	va_list ap;
	pid_t pid;

	argv[argc++] = name;
	va_start(ap, name);
	while (argc < 31 && (argv[argc] = va_arg(ap, const char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	if (!(c = cli_command_find(name)))
		return ns_err_set(&d->err, -ENOSYS, "this build has no '%s' subcommand", name);
	if (d->script) {
		fputs("notspot", d->script);
		for (int i = 0; i < argc; i++) {
			fputc(' ', d->script);
			script_word(d->script, argv[i]);
		}
		if (out_path) {
			fputs(" > ", d->script);
			script_word(d->script, out_path);
		}
		fputc('\n', d->script);
		fflush(d->script);
	}
	if (out_path) {
		fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			return ns_err_set(&d->err, -errno, "%s: %s", out_path, strerror(errno));
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		if (fd >= 0)
			close(fd);
		return ns_err_set(&d->err, -errno, "cannot start 'notspot %s': %s", name,
				  strerror(errno));
	}
	if (pid == 0) {
		if (fd >= 0 && dup2(fd, STDOUT_FILENO) < 0)
			_exit(EXIT_FAILED);
		else if (fd < 0 && !freopen("/dev/null", "w", stdout))
			_exit(EXIT_FAILED);
		optind = 0; /* GNU getopt: start afresh */
		int rc = c->run(argc, (char **)argv);

		fflush(stdout);
		_exit(rc);
	}
	if (fd >= 0)
		close(fd);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return ns_err_set(&d->err, -errno, "waiting for 'notspot %s': %s", name,
					  strerror(errno));
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return ns_err_set(&d->err, -EIO, "'notspot %s' failed (its message is above)", name);
	return 0;
}

int demo_step_script(struct demo *d)
{
	if (demo_join(d->script_path, sizeof(d->script_path), d->dir, "commands.sh") ||
	    demo_join(d->maps_dir, sizeof(d->maps_dir), d->dir, "maps"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	if (mkdir(d->maps_dir, 0777) && errno != EEXIST)
		return ns_err_set(&d->err, -errno, "%s: %s", d->maps_dir, strerror(errno));
	d->script = fopen(d->script_path, "w");
	if (!d->script)
		return ns_err_set(&d->err, -errno, "%s: %s", d->script_path, strerror(errno));
	fprintf(d->script,
		"#!/bin/sh\n"
		"# What `notspot demo` ran after simulating the walks: run it again, or change\n"
		"# it (another ward, SSID or profile) to see what notspot can show.\n"
		"# notspot %s\nset -e\n",
		NOTSPOT_VERSION);
	return 0;
}

/* The heatmaps, in this order. */
static const struct demo_map {
	const char *ward;           /* NULL: the whole floor */
	const char *map, *profile, *ssid;
	const char *marks;          /* drawn on top: --show-aps, --show-path, --show-samples
				       or --layer=roams */
	const char *suffix;         /* after the file name's profile ("-roams"), NULL: none */
} demo_maps[] = {
	/* Voice handsets roam on the voice SSID: the profile that asks most. */
	{ NULL, "primary", "voice", "NHS-Voice", "--show-aps" },
	{ NULL, "secondary", "voice", "NHS-Voice", "--show-path" },
	{ NULL, "snr", "voice", "NHS-Voice", "--show-path" },
	{ NULL, "cochannel", "voice", "NHS-Voice", "--show-path" },
	{ NULL, "pass", "voice", "NHS-Voice", "--show-path" },
	/* Where the walks' device roamed, lost its link and clung to a weak AP. */
	{ NULL, "primary", "voice", "NHS-Voice", "--layer=roams", "-roams" },
	/* Each radio's channel and width, and how far apart overlapping radios are. */
	{ NULL, "cochannel", "voice", "NHS-Voice", "--layer=channels", "-channels" },
	{ "Ward 21", "primary", "voice", "NHS-Voice", "--show-samples" },
	{ "Ward 21", "pass", "voice", "NHS-Voice", "--show-samples" },
	{ "Ward 22", "primary", "voice", "NHS-Voice", "--show-samples" },
	{ "Ward 22", "pass", "voice", "NHS-Voice", "--show-samples" },
	{ "Diagnostic Imaging", "primary", "voice", "NHS-Voice", "--show-samples" },
	{ "Diagnostic Imaging", "pass", "voice", "NHS-Voice", "--show-samples" },
	/* Data on the corporate SSID, and location tracking (AP count). */
	{ NULL, "primary", "nhs-data", "NHS-Corporate", "--show-path" },
	{ NULL, "pass", "nhs-data", "NHS-Corporate", "--show-path" },
	{ NULL, "aps", "rtls", "NHS-Corporate", "--show-aps" },
};

/* DIR/maps/WARD-MAP-PROFILE.png, the ward in lower case with dashes ("floor": all of it). */
static int map_path(struct demo *d, const struct demo_map *m, char *out, size_t len)
{
	char slug[64] = "floor";
	int n;

	if (m->ward) {
		size_t k = 0;

		for (const char *c = m->ward; *c && k + 1 < sizeof(slug); c++)
			slug[k++] = (*c == ' ') ? '-' : (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
		slug[k] = '\0';
	}
	n = snprintf(out, len, "%s/%s-%s-%s%s.png", d->maps_dir, slug, m->map, m->profile,
		     m->suffix ? m->suffix : "");
	if (n < 0 || (size_t)n >= len)
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->maps_dir);
	return 0;
}

int demo_step_maps(struct demo *d)
{
	char out[PATH_MAX];
	int rc;

	for (size_t i = 0; i < sizeof(demo_maps) / sizeof(demo_maps[0]); i++) {
		const struct demo_map *m = &demo_maps[i];

		if ((rc = map_path(d, m, out, sizeof(out))))
			return rc;
		d->nmaps++;
		if (m->ward)
			rc = run_sub(d, NULL, "render", d->survey_path, "--floor", DEMO_FLOOR_NAME,
				     "--ward", m->ward, "--map", m->map, "--profile", m->profile,
				     "--ssid", m->ssid, m->marks, "-o", out, (char *)NULL);
		else
			rc = run_sub(d, NULL, "render", d->survey_path, "--floor", DEMO_FLOOR_NAME,
				     "--map", m->map, "--profile", m->profile, "--ssid", m->ssid,
				     m->marks, "-o", out, (char *)NULL);
		if (rc)
			return rc;
	}
	return 0;
}

int demo_step_stats(struct demo *d)
{
	static const struct {
		const char *profile, *ssid;
	} runs[] = { { "voice", "NHS-Voice" }, { "nhs-data", "NHS-Corporate" },
		     { "rtls", "NHS-Corporate" } };
	char out[PATH_MAX];
	int rc;

	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		int n = snprintf(out, sizeof(out), "%s/stats-%s.csv", d->dir, runs[i].profile);

		if (n < 0 || (size_t)n >= sizeof(out))
			return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
		if ((rc = run_sub(d, out, "stats", d->survey_path, "--floor", DEMO_FLOOR_NAME,
				  "--profile", runs[i].profile, "--ssid", runs[i].ssid, "--csv",
				  (char *)NULL)))
			return rc;
	}
	return 0;
}

int demo_step_report(struct demo *d)
{
	char out[PATH_MAX];

	if (demo_join(out, sizeof(out), d->dir, "report-voice.pdf"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	return run_sub(d, NULL, "report", d->survey_path, "--profile", "voice", "--ssid",
		       "NHS-Voice", "--roaming", "--channel-plan", "-o", out, (char *)NULL);
}

/* The survey for other tools: OpenIntent, as Hamina and others read it. */
int demo_step_openintent(struct demo *d)
{
	char out[PATH_MAX];

	if (demo_join(out, sizeof(out), d->dir, "example-openintent.json"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	return run_sub(d, NULL, "export", d->survey_path, "--openintent", "-o", out, (char *)NULL);
}

int demo_step_diff(struct demo *d)
{
	char png[PATH_MAX], pdf[PATH_MAX], table[PATH_MAX];
	int rc;

	if (demo_join(png, sizeof(png), d->dir, "before-after.png") ||
	    demo_join(pdf, sizeof(pdf), d->dir, "before-after.pdf") ||
	    demo_join(table, sizeof(table), d->dir, "before-after.txt"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	if ((rc = run_sub(d, table, "diff", d->survey_path, d->after_path, "--floor",
			  DEMO_FLOOR_NAME, "--map", "primary", "--profile", "nhs-data", "--ssid",
			  "NHS-Corporate", "-o", png, (char *)NULL)))
		return rc;
	return run_sub(d, NULL, "diff", d->survey_path, d->after_path, "--floor", DEMO_FLOOR_NAME,
		       "--map", "primary", "--profile", "nhs-data", "--ssid", "NHS-Corporate", "-o",
		       pdf, (char *)NULL);
}

/*
 * The proposed fix of the designed not-spot: `notspot plan` for Ward 22 on
 * the voice SSID, its bill of materials, its predicted after-map and the
 * voice report again with its "Proposed fix" section. It
 * stores the proposal in the survey, so it runs last. Ward 22's side rooms sit
 * behind blockwork in a row; a voice design there puts APs in rooms about 6 m
 * apart, and plan's default spacing of 8 m leaves the ward just short of the
 * 95 % target (94 % with six APs), so the demo asks for 6 m and says so.
 */
int demo_step_plan(struct demo *d)
{
	char txt[PATH_MAX], bom[PATH_MAX], png[PATH_MAX], pdf[PATH_MAX];

	if (demo_join(txt, sizeof(txt), d->dir, "plan-ward22.txt") ||
	    demo_join(pdf, sizeof(pdf), d->dir, "report-voice-plan.pdf") ||
	    demo_join(bom, sizeof(bom), d->dir, "plan-ward22-bom") ||
	    demo_join(png, sizeof(png), d->dir, "plan-ward22-after.png"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	return run_sub(d, txt, "plan", d->survey_path, "--floor", DEMO_FLOOR_NAME, "--profile",
		       "voice", "--ssid", "NHS-Voice", "--ward", "Ward 22", "--ap-cost", "850",
		       "--min-spacing", "6", "--bom", bom, "-o", png, "--report", pdf, (char *)NULL);
}
