/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mapopts.c — see mapopts.h. */
#include "cli/mapopts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

void cli_map_init(struct cli_map *m, unsigned flags)
{
	struct hm_map_opts d;

	hm_map_opts_default(&d);
	*m = (struct cli_map){ .flags = flags, .band = d.band, .cell_m = d.cell_m,
			       .reach_m = d.est.reach_m };
}

int cli_map_option(const char *cmd, struct cli_map *m, int c, const char *arg)
{
	switch (c) {
	case CLI_MAP_FLOOR: m->floor = arg; break;
	case CLI_MAP_WARD:
		if (!(m->flags & CLI_MAP_WARD_LIST))
			m->nwards = 0;
		if (m->nwards == HM_REPORT_MAX_WARDS)
			return cli_usage_error(cmd, "at most %d --ward options", HM_REPORT_MAX_WARDS);
		m->wards[m->nwards++] = arg;
		break;
	case CLI_MAP_SSID: m->ssid = arg; break;
	case CLI_MAP_BAND:
		if ((m->band = hm_band_parse(arg)) < 0)
			return cli_usage_error(cmd, "--band is 2.4, 5 or 6, not '%s'", arg);
		break;
	case CLI_MAP_PROFILE: m->profile = arg; break;
	case CLI_MAP_PROFILE_FILE: m->profile_file = arg; break;
	case CLI_MAP_PREDICT: m->predict = true; break;
	case CLI_MAP_CELL:
		if (!cli_parse_double(arg, &m->cell_m) || m->cell_m < 0.05 || m->cell_m > 5)
			return cli_usage_error(cmd, "--cell is a size from 0.05 to 5 m, not '%s'", arg);
		break;
	case CLI_MAP_REACH:
		if (!cli_parse_double(arg, &m->reach_m) || m->reach_m < 0.5 || m->reach_m > 100)
			return cli_usage_error(cmd, "--reach is a distance from 0.5 to 100 m, not '%s'",
					       arg);
		break;
	}
	return EXIT_OK;
}

/* One option's help: its name in a column of 18, the text wrapped beside it. */
static void help_line(FILE *f, const char *opt, const char *text)
{
	char lead[32];

	snprintf(lead, sizeof(lead), "  %-18s ", opt);
	cli_help_wrap(f, lead, 21, text);
}

/* "nhs-data (default), voice, …, or a name from --profile-file": heatmap/profile's list. */
static void help_profiles(FILE *f, unsigned flags)
{
	const struct hm_profile *b;
	struct hm_profile def;
	char text[512];
	size_t len = 0;
	bool have;

	/* Which profile is the default is the library's to say. */
	if (hm_profile_choose(NULL, NULL, &def, &have, NULL) || !have)
		def.name[0] = '\0';
	for (size_t i = 0; (b = hm_profile_builtin_at(i)) && len < sizeof(text); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s, ", b->name,
					strcmp(b->name, def.name) == 0 ? " (default)" : "");
	if (len < sizeof(text))
		snprintf(text + len, sizeof(text) - len, "%sor a name from --profile-file",
			 flags & CLI_MAP_NO_PROFILE ? "none, " : "");
	help_line(f, "--profile P", text);
}

void cli_map_help(FILE *f, unsigned flags)
{
	struct hm_map_opts d;
	char text[160];

	hm_map_opts_default(&d);
	help_line(f, "--floor F", flags & CLI_MAP_EVERY_FLOOR
					  ? "only floor F (default: every floor)"
					  : "the floor (needed when the survey has several)");
	help_line(f, "--ward W", flags & CLI_MAP_WARD_LIST ? "only ward W (repeat for several)"
							   : "only ward W");
	help_line(f, "--ssid S", "only BSSIDs of SSID S may serve");
	help_line(f, "--band 2.4|5|6", "only BSSIDs in this band may serve");
	help_profiles(f, flags);
	help_line(f, "--profile-file F", "requirement profiles from a JSON file (heatmap/README.md)");
	help_line(f, "--predict", "beyond the reach, use the model's estimate too (maps and "
				  "reports then say PREDICTED)");
	snprintf(text, sizeof(text), "grid cell in metres (default %g)", d.cell_m);
	help_line(f, "--cell M", text);
	snprintf(text, sizeof(text),
		 "cells farther than M from every sample are not surveyed (default %g)",
		 d.est.reach_m);
	help_line(f, "--reach M", text);
}

int cli_map_survey(const char *cmd, int argc, char **argv, const char **path)
{
	if (optind != argc - 1)
		return cli_usage_error(cmd, optind >= argc ? "which survey file?"
							   : "one survey file, please");
	*path = argv[optind];
	return EXIT_OK;
}

const char *cli_map_ward(const struct cli_map *m)
{
	return m->nwards ? m->wards[m->nwards - 1] : NULL;
}

int cli_map_profile(const char *cmd, const struct cli_map *m, struct hm_profile *p, bool *have)
{
	struct ns_err err = { 0 };

	if (hm_profile_choose(m->profile, m->profile_file, p, have, &err))
		return cli_fail(cmd, &err);
	return EXIT_OK;
}

void cli_map_to_map_opts(const struct cli_map *m, struct hm_map_opts *o)
{
	o->cell_m = m->cell_m;
	o->est.reach_m = m->reach_m;
	o->ssid = m->ssid;
	o->band = m->band;
	o->predict = m->predict;
}

void cli_map_to_report_opts(const struct cli_map *m, struct hm_report_opts *o)
{
	o->profile = m->profile;
	o->profile_file = m->profile_file;
	o->floor = m->floor;
	for (size_t k = 0; k < m->nwards; k++)
		o->wards[k] = m->wards[k];
	o->nwards = m->nwards;
	o->ssid = m->ssid;
	o->band = m->band;
	o->cell_m = m->cell_m;
	o->reach_m = m->reach_m;
	o->predict = m->predict;
}

void cli_map_to_diff_opts(const struct cli_map *m, struct hm_diff_opts *o)
{
	o->floor = m->floor;
	o->ward = cli_map_ward(m);
	o->profile = m->profile;
	o->profile_file = m->profile_file;
	o->ssid = m->ssid;
	o->band = m->band;
	o->cell_m = m->cell_m;
	o->reach_m = m->reach_m;
	o->predict = m->predict;
}

void cli_map_note_skipped(const char *survey, const char *floor, const struct hm_set *set)
{
	if (set->nbadpos)
		cli_error("warning", "%s: %zu sample%s of floor '%s' left out: %s position is not a "
				     "number", survey, set->nbadpos, set->nbadpos == 1 ? "" : "s",
			  floor, set->nbadpos == 1 ? "its" : "their");
}

const char *cli_fmt_share(char *buf, size_t len, double a, double b)
{
	if (!(b > 0) || !isfinite(a) || !isfinite(b))
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "%.0f%%", 100 * a / b);
	return buf;
}

const char *cli_fmt_num(char *buf, size_t len, double v, int decimals, bool sign)
{
	if (!isfinite(v))
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, sign ? "%+.*f" : "%.*f", decimals,
			 fabs(v) < 0.5 * pow(10, -decimals) ? 0.0 : v); /* never "-0" */
	return buf;
}

/* Highest level first; floors of one level by name. */
static int by_level_down(const void *a, const void *b)
{
	const struct survey_floor_info *x = a, *y = b;

	if (x->level != y->level)
		return x->level > y->level ? -1 : 1;
	return strcmp(x->name, y->name);
}

int cli_building_levels(const char *cmd, struct survey *s, const char *building,
			struct survey_floor_info **out, size_t *n)
{
	struct survey_floor_info *fl = NULL;
	struct ns_err err = { 0 };
	size_t nfl = 0, k = 0;

	*out = NULL;
	*n = 0;
	if (survey_list_floors(s, &fl, &nfl, &err))
		return cli_fail(cmd, &err);
	if (!building) /* the only building: every floor must name the same one */
		for (size_t i = 1; i < nfl; i++)
			if (strcmp(fl[i].building, fl[0].building) != 0) {
				cli_error(cmd, "the survey has several buildings ('%s', '%s', ...): "
					       "say which with --building",
					  fl[0].building, fl[i].building);
				free(fl);
				return EXIT_FAILED;
			}
	for (size_t i = 0; i < nfl; i++)
		if (!building || strcmp(fl[i].building, building) == 0)
			fl[k++] = fl[i];
	if (k == 0) {
		if (building)
			cli_error(cmd, "the survey has no building called '%s'", building);
		else
			cli_error(cmd, "the survey has no floors");
		free(fl);
		return EXIT_FAILED;
	}
	qsort(fl, k, sizeof(*fl), by_level_down);
	*out = fl;
	*n = k;
	return EXIT_OK;
}

int cli_map_levels(const char *cmd, struct survey *s, const struct floorplan *fp,
		   const struct hm_map_opts *mo, struct hm_levels *out)
{
	struct ns_err err = { 0 };

	if (hm_levels_load(s, fp, &mo->est, out, &err))
		return cli_fail(cmd, &err);
	return EXIT_OK;
}
