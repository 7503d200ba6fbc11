/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_building.c — `notspot building add|list|rename|set|remove`: the
 * buildings of a site, each a stack of levels (floors) sharing one frame,
 * with the bearing of its drawings' "up" and its default floor-to-floor
 * height (from which a level's elevation follows when it gives none).
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/floors.h"
#include "floorplans/building.h"
#include "floorplans/validate.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot building ACTION SURVEY [OPTIONS]\n"
		"The buildings of a survey: each stacks floors (levels) that share its frame.\n\n"
		"Actions:\n"
		"  add SURVEY --name B [--north DEG] [--height M] [--note TEXT]\n"
		"  list SURVEY [--json]           buildings with their levels, bottom up\n"
		"  rename SURVEY --name B --to NEW\n"
		"  set SURVEY --name B [--north DEG] [--height M] [--note TEXT]\n"
		"  remove SURVEY --name B         only a building without floors\n\n"
		"  --north DEG    bearing of the drawings' \"up\", degrees clockwise from north\n"
		"  --height M     floor-to-floor height of a level that gives none (default 4)\n"
		"--name may be left out when the survey has one building.\n"
		"Floors join a building with 'notspot floor add --building B' or 'floor move'.\n");
}

struct bld_args {
	const char *survey, *name, *to, *note;
	double north, height;
	bool have_north, have_height, json;
};

static int bld_option(void *ctx, int c, const char *v)
{
	struct bld_args *a = ctx;

	switch (c) {
	case 1:
		if (a->survey)
			return cli_usage_error("building", "unexpected argument '%s'", v);
		a->survey = v;
		break;
	case 'n': a->name = v; break;
	case 't': a->to = v; break;
	case 'N': a->note = v; break;
	case 'j': a->json = true; break;
	case 'r':
		if (!cli_parse_double(v, &a->north) || fabs(a->north) > 360)
			return cli_usage_error("building", "--north needs degrees, -360 to 360");
		a->have_north = true;
		break;
	case 'H':
		if (!cli_parse_double(v, &a->height) || a->height < 0.5 || a->height > 100)
			return cli_usage_error("building", "--height needs metres, 0.5 to 100");
		a->have_height = true;
		break;
	}
	return EXIT_OK;
}

static int parse(struct bld_args *a, const char *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "to", required_argument, NULL, 't' },
		{ "note", required_argument, NULL, 'N' },
		{ "north", required_argument, NULL, 'r' },
		{ "height", required_argument, NULL, 'H' },
		{ "json", no_argument, NULL, 'j' },
		CLI_LONGOPTS_END,
	};
	const struct cli_options parser = { cmd, ":h", longopts, usage, bld_option };
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	for (; optind < argc; optind++)
		if ((rc = bld_option(a, 1, argv[optind])))
			return rc;
	if (!a->survey)
		return cli_usage_error(cmd, "which survey? (notspot %s SURVEY ...)", cmd);
	return EXIT_OK;
}

/* The building --name names (or the survey's only one) into @b. */
static int find(struct survey *s, const struct bld_args *a, const char *cmd,
		struct fp_building *b)
{
	struct fp_building *v = NULL;
	struct ns_err err = { 0 };
	size_t n = 0;
	int64_t id;

	if (a->name) {
		if ((id = survey_find_building(s, a->name, &err)) < 0 ||
		    survey_get_building(s, id, b, &err))
			return cli_fail(a->survey, &err);
		return EXIT_OK;
	}
	if (survey_list_buildings(s, &v, &n, &err))
		return cli_fail(a->survey, &err);
	if (n == 1)
		*b = v[0];
	free(v);
	if (n == 1)
		return EXIT_OK;
	return n ? cli_usage_error(cmd, "the survey has %zu buildings: say which with --name", n)
		 : cli_error(a->survey, "the survey has no buildings yet");
}

/* --north, --height, --note onto @b. */
static int apply(const struct bld_args *a, const char *cmd, struct fp_building *b)
{
	if (a->have_north)
		b->north_deg = a->north;
	if (a->have_height)
		b->default_height_m = a->height;
	if (a->note && strlen(a->note) >= sizeof(b->note))
		return cli_usage_error(cmd, "--note is longer than %zu bytes", sizeof(b->note) - 1);
	if (a->note)
		snprintf(b->note, sizeof(b->note), "%s", a->note);
	return EXIT_OK;
}

static void print_building(const struct fp_building *b, const char *verb)
{
	printf("building '%s' %s: north %g°, floor-to-floor %g m%s%s\n", b->name, verb,
	       b->north_deg, b->default_height_m, b->note[0] ? ", " : "", b->note);
}

static int building_add(int argc, char **argv)
{
	struct bld_args a;
	struct fp_building b;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	int rc;

	fp_building_init(&b);
	if ((rc = parse(&a, "building add", argc, argv)))
		return cli_status(rc);
	if (!a.name || !a.name[0] || strlen(a.name) >= sizeof(b.name))
		return cli_usage_error("building add", "give the building's --name (at most %zu "
						       "bytes)", sizeof(b.name) - 1);
	snprintf(b.name, sizeof(b.name), "%s", a.name);
	if ((rc = apply(&a, "building add", &b)) ||
	    (rc = floor_cli_open_survey("building add", a.survey, SURVEY_READ_WRITE, &s)))
		return rc;
	if (survey_add_building(s, &b, &err) < 0)
		rc = cli_fail(a.survey, &err);
	else
		print_building(&b, "added");
	survey_close(s);
	return rc;
}

static int building_edit(int argc, char **argv, const char *cmd, bool rename)
{
	struct bld_args a;
	struct fp_building b;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	char old[sizeof(b.name)];
	int rc;

	if ((rc = parse(&a, cmd, argc, argv)))
		return cli_status(rc);
	if (rename && (!a.to || !a.to[0] || strlen(a.to) >= sizeof(b.name)))
		return cli_usage_error(cmd, "--to needs the new name (at most %zu bytes)",
				       sizeof(b.name) - 1);
	if (!rename && !a.have_north && !a.have_height && !a.note)
		return cli_usage_error(cmd, "nothing to set: give --north, --height or --note");
	if ((rc = floor_cli_open_survey(cmd, a.survey, SURVEY_READ_WRITE, &s)) ||
	    (rc = find(s, &a, cmd, &b)) || (rc = apply(&a, cmd, &b)))
		goto out;
	snprintf(old, sizeof(old), "%s", b.name);
	if (rename && survey_rename_building(s, b.id, a.to, &err))
		rc = cli_fail(a.survey, &err);
	else if (!rename && survey_update_building(s, &b, &err))
		rc = cli_fail(a.survey, &err);
	else if (rename)
		printf("building '%s' is now '%s'\n", old, a.to);
	else
		print_building(&b, "set");
out:
	survey_close(s);
	return rc;
}

static int building_rename(int argc, char **argv)
{
	return building_edit(argc, argv, "building rename", true);
}

static int building_set(int argc, char **argv)
{
	return building_edit(argc, argv, "building set", false);
}

static int building_remove(int argc, char **argv)
{
	struct bld_args a;
	struct fp_building b;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	int rc;

	if ((rc = parse(&a, "building remove", argc, argv)))
		return cli_status(rc);
	if (!a.name)
		return cli_usage_error("building remove", "name the building with --name");
	if ((rc = floor_cli_open_survey("building remove", a.survey, SURVEY_READ_WRITE, &s)) ||
	    (rc = find(s, &a, "building remove", &b)))
		goto out;
	if (survey_remove_building(s, b.id, &err))
		rc = err.code == -EBUSY ? cli_error("building remove", "%s: move or remove its "
								       "floors first", err.msg)
					: cli_fail(a.survey, &err);
	else
		printf("building '%s' removed\n", b.name);
out:
	survey_close(s);
	return rc;
}

/* ---- list --------------------------------------------------------------------------- */

/* The floors of building @b, bottom up, as text or into @levels. */
static void list_levels(struct survey *s, const struct fp_building *b,
			const struct survey_floor_info *fl, size_t n, json_t *levels)
{
	for (size_t i = 0; i < n; i++) {
		struct floorplan *fp = NULL;
		double elev = NAN;

		if (fl[i].building_id != b->id)
			continue;
		if (survey_load_floor_ex(s, fl[i].id, 0, &fp, NULL) == 0)
			elev = fp_floor_elevation(fp, b);
		if (levels)
			json_array_append_new(levels, json_pack("{s:I, s:s, s:i, s:f, s:s}", "id",
								(json_int_t)fl[i].id, "name",
								fl[i].name, "level", fl[i].level,
								"elevation_m", elev, "slab",
								fp ? fp->slab_material : ""));
		else
			printf("  level %3d  %7.2f m  %-24s slab %-20s %s\n", fl[i].level, elev,
			       fl[i].name, fp ? fp->slab_material : "?",
			       fl[i].px_per_m > 0 ? "" : "(not calibrated)");
		floorplan_free(fp);
	}
}

static int building_list(int argc, char **argv)
{
	struct bld_args a;
	struct fp_building *v = NULL;
	struct survey_floor_info *fl = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	json_t *json = NULL;
	size_t n = 0, nf = 0;
	int rc;

	if ((rc = parse(&a, "building list", argc, argv)))
		return cli_status(rc);
	if ((rc = floor_cli_open_survey("building list", a.survey, SURVEY_READ_ONLY, &s)))
		return rc;
	if (survey_list_buildings(s, &v, &n, &err) || survey_list_floors(s, &fl, &nf, &err)) {
		rc = cli_fail(a.survey, &err);
		goto out;
	}
	if (a.json)
		json = json_array();
	if (!n && !a.json)
		printf("no buildings in %s yet; 'notspot floor add' makes one\n", a.survey);
	for (size_t i = 0; i < n; i++) {
		json_t *levels = json ? json_array() : NULL;

		if (!json)
			printf("%s'%s': north %g°, floor-to-floor %g m%s%s\n", i ? "\n" : "",
			       v[i].name, v[i].north_deg, v[i].default_height_m,
			       v[i].note[0] ? ", " : "", v[i].note);
		list_levels(s, &v[i], fl, nf, levels);
		if (json)
			json_array_append_new(json, json_pack("{s:I, s:s, s:s, s:f, s:f, s:o}", "id",
							      (json_int_t)v[i].id, "name", v[i].name,
							      "note", v[i].note, "north_deg",
							      v[i].north_deg, "default_height_m",
							      v[i].default_height_m, "floors",
							      levels));
	}
	if (json) {
		char *text = json_dumps(json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (text)
			puts(text);
		free(text);
		json_decref(json);
	}
out:
	free(v);
	free(fl);
	survey_close(s);
	return rc;
}

CLI_COMMAND(building, 57, "add, list, rename and set up the buildings of a site");
int cmd_building(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{ "add", building_add },       { "list", building_list },
		{ "rename", building_rename }, { "set", building_set },
		{ "remove", building_remove },
	};

	return cli_run_action("building", actions, sizeof(actions) / sizeof(actions[0]), usage,
			      argc, argv);
}
