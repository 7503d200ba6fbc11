/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_calibrate.c — `notspot calibrate`: store what a device or another
 * adapter hears relative to the survey adapter (heatmap/device.h), either
 * derived from a side-by-side walk or given with its source.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "heatmap/device.h"
#include "survey/survey.h"
#include "util/clock.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot calibrate SURVEY --name N --ref-walk A --walk B [--kind K]\n"
		"       notspot calibrate SURVEY --name N --offset DB --source TEXT [--kind K]\n"
		"       notspot calibrate SURVEY --list\n"
		"Store the receive offset of a device or an adapter: what to add to the survey\n"
		"adapter's signal to get what it hears. From a side-by-side walk (walk B recorded\n"
		"by the adapter N at the same time as walk A by the survey adapter, carried\n"
		"together): the median difference over every BSSID both heard within 2 s,\n"
		"stored as site-measured. Or a figure given with its source (a datasheet, a\n"
		"vendor's guide: a badge worn on the chest hears less than a laptop).\n"
		"render, stats and report apply it with --device N.\n\n"
		"Options:\n"
		"  --name N           the device or adapter (\"Vocera B3000n on chest\")\n"
		"  --kind K           device (default) or adapter\n"
		"  --ref-walk A       the survey adapter's walk id (notspot info lists walks)\n"
		"  --walk B           the measured adapter's walk id, walked side by side with A\n"
		"  --offset DB        the offset, dB (-60 to 60), with --source\n"
		"  --source TEXT      where the figure comes from\n"
		"  --list             the offsets stored\n"
		"  -h, --help         this help\n");
}

struct cal_args {
	const char *survey, *name, *kind, *source;
	long ref, walk;
	double offset;
	bool have_offset, list;
};

static int cal_option(void *ctx, int c, const char *arg)
{
	struct cal_args *a = ctx;

	switch (c) {
	case 'n': a->name = arg; break;
	case 'k':
		if (strcmp(arg, "device") && strcmp(arg, "adapter"))
			return cli_usage_error("calibrate", "--kind is device or adapter, not '%s'",
					       arg);
		a->kind = arg;
		break;
	case 'r':
	case 'w':
		if (!cli_parse_int(arg, c == 'r' ? &a->ref : &a->walk) || (c == 'r' ? a->ref : a->walk) <= 0)
			return cli_usage_error("calibrate", "a walk id is a positive number, not '%s'",
					       arg);
		break;
	case 'o':
		if (!cli_parse_double(arg, &a->offset) || a->offset < -60 || a->offset > 60)
			return cli_usage_error("calibrate", "--offset is -60 to 60 dB, not '%s'", arg);
		a->have_offset = true;
		break;
	case 's': a->source = arg; break;
	case 'l': a->list = true; break;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct cal_args *a)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "kind", required_argument, NULL, 'k' },
		{ "ref-walk", required_argument, NULL, 'r' },
		{ "walk", required_argument, NULL, 'w' },
		{ "offset", required_argument, NULL, 'o' },
		{ "source", required_argument, NULL, 's' },
		{ "list", no_argument, NULL, 'l' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "calibrate", "h", longopts, usage, cal_option };
	int rc;

	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	if (argc - optind != 1)
		return cli_usage_error("calibrate", "give one survey file");
	a->survey = argv[optind];
	if (a->list)
		return EXIT_OK;
	if (!a->name)
		return cli_usage_error("calibrate", "--name N: which device or adapter");
	if (a->have_offset == (a->ref > 0 || a->walk > 0))
		return cli_usage_error("calibrate", "either --ref-walk and --walk, or --offset "
						    "with --source");
	if (a->have_offset && (!a->source || !a->source[0]))
		return cli_usage_error("calibrate", "--offset needs --source: where the figure "
						    "comes from");
	if (!a->have_offset && (a->ref <= 0 || a->walk <= 0 || a->ref == a->walk))
		return cli_usage_error("calibrate", "--ref-walk and --walk name two walks");
	return EXIT_OK;
}

static int list(struct survey *s)
{
	struct survey_device_offset *v = NULL;
	struct ns_err err = { 0 };
	size_t n = 0;

	if (survey_list_device_offsets(s, &v, &n, &err))
		return cli_fail("calibrate", &err);
	for (size_t i = 0; i < n; i++)
		printf("%-8s %-32s %+6.1f dB  %s\n", v[i].kind, v[i].name, v[i].offset_db,
		       v[i].source);
	if (!n)
		printf("no offsets stored\n");
	free(v);
	return EXIT_OK;
}

/* The offset of @a: derived from the two walks, or as given. */
static int derive(struct survey *s, const struct cal_args *a, struct survey_device_offset *o)
{
	struct hm_calibration cal;
	struct ns_err err = { 0 };
	char day[32];

	memset(o, 0, sizeof(*o));
	snprintf(o->kind, sizeof(o->kind), "%s", a->kind ? a->kind : "device");
	snprintf(o->name, sizeof(o->name), "%s", a->name);
	if (a->have_offset) {
		o->offset_db = a->offset;
		snprintf(o->source, sizeof(o->source), "%s", a->source);
		return EXIT_OK;
	}
	if (hm_calibrate_walks(s, a->ref, a->walk, &cal, &err))
		return cli_fail("calibrate", &err);
	ns_format_utc(ns_wall_us(), day, sizeof(day));
	o->offset_db = round(cal.offset_db * 10) / 10;
	snprintf(o->source, sizeof(o->source),
		 "site-measured: walk %ld against walk %ld on %.10s, median of %zu readings, "
		 "IQR %.1f dB", a->walk, a->ref, day, cal.pairs, cal.iqr_db);
	printf("%s: %+.1f dB (median of %zu readings, interquartile range %.1f dB)\n", a->name,
	       cal.offset_db, cal.pairs, cal.iqr_db);
	return EXIT_OK;
}

CLI_COMMAND(calibrate, 185, "store a device's or adapter's receive offset");
int cmd_calibrate(int argc, char **argv)
{
	struct cal_args a = { 0 };
	struct survey *s = NULL;
	struct survey_device_offset o;
	struct ns_err err = { 0 };
	int rc;

	if ((rc = parse(argc, argv, &a)))
		return cli_status(rc);
	if (survey_open(a.survey, a.list ? SURVEY_READ_ONLY : SURVEY_READ_WRITE, &s, &err))
		return cli_fail("calibrate", &err);
	if (a.list)
		rc = list(s);
	else if ((rc = derive(s, &a, &o)) == EXIT_OK && survey_set_device_offset(s, &o, &err) < 0)
		rc = cli_fail("calibrate", &err);
	else if (rc == EXIT_OK)
		printf("stored %s '%s': %+.1f dB (%s)\n", o.kind, o.name, o.offset_db, o.source);
	survey_close(s);
	return rc;
}
