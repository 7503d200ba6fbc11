/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_import.c — `notspot import SURVEY FILE`: another tool's work into a
 * survey, all or nothing. The format is found from the file (a zip is an
 * Ekahau project, a JSON object naming OpenIntent is OpenIntent, anything
 * else notspot's long CSV) or named with --format; --columns reads any CSV.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "formats/csvmap.h"
#include "formats/esx.h"
#include "formats/openintent.h"
#include "survey/csv.h"
#include "survey/survey.h"
#include "util/file.h"

#define MAX_INPUT ((size_t)4 << 30) /* bytes read of one file */

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot import SURVEY [--format F] [--floor F] [--columns MAP] FILE\n"
		"Bring another tool's work into a survey, all or nothing. FILE '-' reads\n"
		"standard input. The format is found from the file unless --format says:\n\n"
		"  openintent  an OpenIntent 2.x document (Hamina and others): floor plans,\n"
		"              walls, APs, survey paths with their scans, as new floors and walks\n"
		"  ekahau      an Ekahau project (.esx): floor plans with drawings and scale,\n"
		"              walls, APs with radios and notes (survey samples are not read)\n"
		"  csv         notspot's long CSV format (see 'notspot export --csv'), into\n"
		"              --floor F as a new walk\n"
		"  mapped      any CSV, with --columns naming which of its columns is which\n\n"
		"  --format F          one of the above\n"
		"  --floor F           the floor a CSV's rows are on\n"
		"  --columns MAP       \"Theirs=ours,...\" (ours: time_utc, time_epoch, bssid,\n"
		"                      ssid, signal_dbm, freq_mhz, channel, x_m, y_m, x_px, y_px,\n"
		"                      ...; formats/README.md), or a layout's name: wigle\n"
		"  --columns-file FILE the same mapping, one pair a line\n"
		"  --skip-lines N      lines before a mapped CSV's header\n"
		"  --json              print what was imported as JSON\n"
		"  -h, --help          show this help\n\n"
		"Units: signals in dBm, positions in metres (x_px/y_px: drawing pixels at the\n"
		"floor's scale), times UTC (ISO 8601 or seconds since 1970). On any error\n"
		"nothing is imported and the error names where: a CSV's line and column, a\n"
		"JSON document's path, an archive's member.\n");
}

struct import_args {
	const char *floor, *format, *columns, *columns_file;
	long skip_lines;
	bool json;
};

static int import_option(void *ctx, int c, const char *arg)
{
	struct import_args *a = ctx;

	switch (c) {
	case 'f': a->floor = arg; break;
	case 'F': a->format = arg; break;
	case 'c': a->columns = arg; break;
	case 'C': a->columns_file = arg; break;
	case 's':
		if (!cli_parse_int(arg, &a->skip_lines) || a->skip_lines < 0 || a->skip_lines > 1000)
			return cli_usage_error("import", "--skip-lines takes a count from 0 to 1000");
		break;
	default: a->json = true; break;
	}
	return EXIT_OK;
}

static void show_progress(void *arg, int64_t done, int64_t total)
{
	(void)arg;
	cli_progress("importing lines", (long)done, (long)total);
}

/* The format named by --format or found from the bytes. */
static const char *detect(const struct import_args *a, const char *data, size_t len)
{
	if (a->format)
		return a->format;
	if (a->columns || a->columns_file)
		return "mapped";
	if (fmt_esx_sniff(data, len))
		return "ekahau";
	if (fmt_openintent_sniff(data, len))
		return "openintent";
	return "csv";
}

static void print_project(const char *file, const char *format, const struct fmt_project *p,
			  const struct fmt_store_stats *st, bool json)
{
	if (json) {
		json_t *j = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "format", format,
				      "floors", (json_int_t)st->floors, "walls", (json_int_t)st->walls,
				      "aps", (json_int_t)st->aps, "radios", (json_int_t)st->radios,
				      "areas", (json_int_t)st->areas, "walks", (json_int_t)st->walks,
				      "samples", (json_int_t)st->samples, "observations",
				      (json_int_t)st->observations, "placed", (json_int_t)st->placed,
				      "aps_left_out", (json_int_t)p->aps_without_position);

		if (j)
			json_dumpf(j, stdout, 0);
		putchar('\n');
		json_decref(j);
		return;
	}
	printf("Imported %s (%s): %zu floor%s, %zu wall%s, %zu attenuation area%s, %zu AP%s with "
	       "%zu radio%s, %zu walk%s with %zu sample%s (%zu observations, %zu placed).\n", file,
	       format, st->floors, st->floors == 1 ? "" : "s", st->walls, st->walls == 1 ? "" : "s",
	       st->areas, st->areas == 1 ? "" : "s", st->aps, st->aps == 1 ? "" : "s", st->radios,
	       st->radios == 1 ? "" : "s", st->walks, st->walks == 1 ? "" : "s", st->samples,
	       st->samples == 1 ? "" : "s", st->observations, st->placed);
	if (p->aps_without_position)
		printf("Left out: %zu AP%s with no position on a floor.\n", p->aps_without_position,
		       p->aps_without_position == 1 ? "" : "s");
	if (p->walls_left_out)
		printf("Left out: %zu wall segment%s of no length.\n", p->walls_left_out,
		       p->walls_left_out == 1 ? "" : "s");
}

static int import_project(struct survey *s, const char *file, const char *format, const char *data,
			  size_t len, bool json, struct ns_err *err)
{
	struct fmt_project p;
	struct fmt_store_stats st;
	char origin[300];
	int rc;

	fmt_project_init(&p, format);
	rc = strcmp(format, "ekahau") ? fmt_openintent_read(data, len, &p, err)
				      : fmt_esx_read(data, len, &p, err);
	snprintf(origin, sizeof(origin), "%s:%s", format, file);
	if (!rc)
		rc = fmt_project_store(s, &p, origin, &st, err);
	if (!rc)
		print_project(file, format, &p, &st, json);
	fmt_project_release(&p);
	return rc;
}

/* The mapping from --columns or --columns-file, with the floor's scale for pixel columns. */
static int make_map(struct survey *s, const struct import_args *a, struct survey_csv_map *m,
		    struct ns_err *err)
{
	char *spec = NULL;
	size_t n;
	struct floorplan *fp;
	int64_t id;
	int rc;

	if (a->columns_file && (rc = ns_read_file(a->columns_file, 1 << 20, &spec, &n, err)))
		return rc;
	rc = fmt_csv_map_parse(a->columns ? a->columns : spec, m, err);
	free(spec);
	if (rc)
		return rc;
	if (a->skip_lines)
		m->skip_lines = (size_t)a->skip_lines;
	if (!fmt_csv_map_uses_pixels(m))
		return 0;
	if ((id = survey_find_floor(s, a->floor, err)) < 0 || (rc = survey_load_floor(s, id, &fp, err)))
		return id < 0 ? (int)id : rc;
	m->px_per_m = fp->px_per_m;
	m->origin_x_px = fp->origin_x_px;
	m->origin_y_px = fp->origin_y_px;
	floorplan_free(fp);
	if (!(m->px_per_m > 0))
		return ns_err_set(err, -EINVAL, "floor '%s' has no scale, so pixels cannot become "
						"metres (notspot floor scale)", a->floor);
	return 0;
}

static int import_csv(struct survey *s, const struct import_args *a, const char *file,
		      const char *data, size_t len, bool mapped, struct ns_err *err)
{
	const struct survey_progress progress = { show_progress, NULL };
	struct survey_csv_map map;
	struct survey_csv_import_stats st;
	int rc;

	if (mapped && (rc = make_map(s, a, &map, err)))
		return rc;
	rc = survey_csv_import_mapped(s, a->floor, file, mapped ? &map : NULL, data, len, &st,
				      &progress, err);
	if (rc)
		return rc;
	if (a->json) {
		json_t *j = json_pack("{s:I,s:s,s:I,s:I}", "walk_id", (json_int_t)st.walk_id,
				      "floor", a->floor, "samples", (json_int_t)st.samples,
				      "observations", (json_int_t)st.observations);

		if (j)
			json_dumpf(j, stdout, 0);
		putchar('\n');
		json_decref(j);
	} else
		printf("Imported %zu sample%s (%zu observation%s) from %s into floor '%s' as walk "
		       "%lld.\n", st.samples, st.samples == 1 ? "" : "s", st.observations,
		       st.observations == 1 ? "" : "s", file, a->floor, (long long)st.walk_id);
	return 0;
}

CLI_COMMAND(import, 40, "import OpenIntent, Ekahau projects or any CSV into a survey");
int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "floor", required_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'F' },
		{ "columns", required_argument, NULL, 'c' },
		{ "columns-file", required_argument, NULL, 'C' },
		{ "skip-lines", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "import", ":h", opts, usage, import_option };
	struct import_args a = { 0 };
	const char *path, *file, *name, *format;
	struct survey *s;
	struct ns_err err;
	char *data, what[4200];
	size_t len = 0;
	FILE *in;
	int rc;

	if ((rc = cli_getopt(&parser, &a, argc, argv)))
		return cli_status(rc);
	if (argc - optind != 2)
		return cli_usage_error("import", "give the SURVEY and one FILE");
	path = argv[optind];
	file = argv[optind + 1];
	name = strcmp(file, "-") ? file : "standard input";
	if (a.format && strcmp(a.format, "openintent") && strcmp(a.format, "ekahau") &&
	    strcmp(a.format, "csv") && strcmp(a.format, "mapped"))
		return cli_usage_error("import", "--format is openintent, ekahau, csv or mapped");
	in = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	if (!in)
		return cli_error("cannot import", "%s: %s", file, strerror(errno));
	rc = ns_read_stream(in, name, MAX_INPUT, &data, &len, &err);
	if (in != stdin)
		fclose(in);
	if (rc)
		return cli_fail("cannot import", &err);
	format = detect(&a, data, len);
	if ((!strcmp(format, "csv") || !strcmp(format, "mapped")) && !a.floor) {
		free(data);
		return cli_usage_error("import", "which floor? (--floor F): a CSV's rows have no floor of their own");
	}
	if (!strcmp(format, "mapped") && !a.columns && !a.columns_file) {
		free(data);
		return cli_usage_error("import", "a mapped CSV needs --columns or --columns-file");
	}
	if (survey_open(path, SURVEY_READ_WRITE, &s, &err)) {
		free(data);
		return cli_fail("cannot open the survey", &err);
	}
	if (!strcmp(format, "csv") || !strcmp(format, "mapped"))
		rc = import_csv(s, &a, name, data, len, !strcmp(format, "mapped"), &err);
	else
		rc = import_project(s, name, format, data, len, a.json, &err);
	survey_close(s);
	free(data);
	if (rc) {
		snprintf(what, sizeof(what), "cannot import %s (nothing was imported)", name);
		return cli_fail(what, &err);
	}
	return EXIT_OK;
}
