/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_info.c — `notspot info SURVEY [--json]`: what a survey file holds.
 * Opens the file read-only: looking never changes it.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "survey/csv.h"
#include "survey/survey.h"

/* The walks of one floor with their counts. */
struct floor_walks {
	struct survey_walk *walks;
	struct survey_counts *counts;
	size_t n;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot info SURVEY [--json]\n"
		"Describe a survey: site, schema version, floors (wards, walls, APs), walks,\n"
		"samples by kind, failed samples and the time span. Read-only.\n\n"
		"  --json       the same as one JSON object\n"
		"  -h, --help   show this help\n");
}

static const char *when(int64_t t_us, char *buf, size_t len)
{
	if (!t_us)
		return "-";
	return survey_format_time_us(t_us, buf, len);
}

/* "scan 120, link 40" for the kinds present, or "none". */
static void kinds_text(const struct survey_counts *c, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int k = SAMPLE_SCAN; k <= SAMPLE_NOISE && o < len; k++)
		if (c->by_kind[k])
			o += (size_t)snprintf(buf + o, len - o, "%s%s %lld", o ? ", " : "",
					      meas_kind_name((enum meas_kind)k),
					      (long long)c->by_kind[k]);
	if (!o)
		snprintf(buf, len, "none");
}

static json_t *counts_json(const struct survey_counts *c)
{
	json_t *kinds = json_object();
	char a[40], b[40];

	for (int k = SAMPLE_SCAN; k <= SAMPLE_NOISE; k++)
		json_object_set_new(kinds, meas_kind_name((enum meas_kind)k),
				    json_integer(c->by_kind[k]));
	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:o,s:I,s:I,s:I,s:I,s:o,s:o}",
			 "wards", (json_int_t)c->wards, "walls", (json_int_t)c->walls, "aps",
			 (json_int_t)c->aps, "walks", (json_int_t)c->walks, "waypoints",
			 (json_int_t)c->waypoints, "samples", (json_int_t)c->samples,
			 "samples_by_kind", kinds, "failed_samples", (json_int_t)c->failed_samples,
			 "observations", (json_int_t)c->observations, "links", (json_int_t)c->links,
			 "throughputs", (json_int_t)c->throughputs, "first_sample_utc",
			 c->first_us ? json_string(when(c->first_us, a, sizeof(a))) : json_null(),
			 "last_sample_utc",
			 c->last_us ? json_string(when(c->last_us, b, sizeof(b))) : json_null());
}

static int info_json(const char *path, const struct survey_meta *m,
		     const struct survey_floor_info *floors, size_t nfloors,
		     const struct survey_counts *per_floor, const struct floor_walks *fw,
		     const struct survey_counts *all)
{
	json_t *root, *counts, *wl, *fl = json_array();
	char t[40];

	for (size_t i = 0; i < nfloors; i++) {
		json_t *f = json_object();

		json_object_set_new(f, "id", json_integer(floors[i].id));
		json_object_set_new(f, "name", cli_json_str(floors[i].name));
		json_object_set_new(f, "building", cli_json_str(floors[i].building));
		json_object_set_new(f, "level", json_integer(floors[i].level));
		json_object_set_new(f, "image_type", json_string(floors[i].image_type));
		json_object_set_new(f, "width_px", json_integer(floors[i].width_px));
		json_object_set_new(f, "height_px", json_integer(floors[i].height_px));
		json_object_set_new(f, "px_per_m", json_real(floors[i].px_per_m));
		json_object_set_new(f, "openings", json_integer((json_int_t)floors[i].nopenings));
		json_object_update(f, counts = counts_json(&per_floor[i]));
		json_decref(counts);
		wl = json_array();
		for (size_t k = 0; k < fw[i].n; k++) {
			const struct survey_walk *w = &fw[i].walks[k];
			json_t *wj = json_object();

			json_object_set_new(wj, "id", json_integer(w->id));
			json_object_set_new(wj, "mode", cli_json_str(w->mode));
			json_object_set_new(wj, "start_utc", json_string(when(w->start_us, t, sizeof(t))));
			json_object_set_new(wj, "end_utc", w->end_us ? json_string(when(w->end_us, t, sizeof(t)))
								   : json_null());
			json_object_set_new(wj, "operator", cli_json_str(w->operator_name));
			json_object_set_new(wj, "interface", cli_json_str(w->interface));
			json_object_set_new(wj, "driver", cli_json_str(w->driver));
			json_object_set_new(wj, "note", cli_json_str(w->note));
			json_object_update(wj, counts = counts_json(&fw[i].counts[k]));
			json_decref(counts);
			/* Geometry counts mean nothing for a walk. */
			json_object_del(wj, "wards");
			json_object_del(wj, "walls");
			json_object_del(wj, "aps");
			json_object_del(wj, "walks");
			json_array_append_new(wl, wj);
		}
		json_object_set_new(f, "walk_list", wl);
		json_array_append_new(fl, f);
	}
	root = json_object();
	json_object_set_new(root, "file", cli_json_str(path));
	json_object_set_new(root, "schema_version", json_integer(m->schema_version));
	json_object_set_new(root, "site", cli_json_str(m->site));
	json_object_set_new(root, "organisation", cli_json_str(m->organisation));
	json_object_set_new(root, "surveyor", cli_json_str(m->surveyor));
	json_object_set_new(root, "notes", cli_json_str(m->notes));
	json_object_set_new(root, "created_utc",
			    m->created_us ? json_string(when(m->created_us, t, sizeof(t))) : json_null());
	json_object_set_new(root, "created_by", cli_json_str(m->created_by));
	json_object_update(root, counts = counts_json(all));
	json_decref(counts);
	json_object_set_new(root, "floors", fl);
	if (json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) {
		json_decref(root);
		return cli_error("info", "cannot write the JSON");
	}
	putchar('\n');
	json_decref(root);
	return EXIT_OK;
}

static void info_text(const char *path, const struct survey_meta *m,
		      const struct survey_floor_info *floors, size_t nfloors,
		      const struct survey_counts *per_floor, const struct floor_walks *fw,
		      const struct survey_counts *all)
{
	/* Names come from the file: shown escaped when they hold what a terminal would obey. */
	char a[40], b[40], kinds[256], e1[2100], e2[2100], e3[300];

	printf("Survey:        %s (schema version %d)\n", cli_shown(path, e1, sizeof(e1)),
	       m->schema_version);
	printf("Site:          %s\n", m->site[0] ? cli_shown(m->site, e1, sizeof(e1)) : "-");
	printf("Organisation:  %s\n",
	       m->organisation[0] ? cli_shown(m->organisation, e1, sizeof(e1)) : "-");
	printf("Surveyor:      %s\n", m->surveyor[0] ? cli_shown(m->surveyor, e1, sizeof(e1)) : "-");
	if (m->notes[0])
		printf("Notes:         %s\n", cli_shown(m->notes, e1, sizeof(e1)));
	printf("Created:       %s by %s\n", when(m->created_us, a, sizeof(a)),
	       m->created_by[0] ? cli_shown(m->created_by, e1, sizeof(e1)) : "?");
	printf("Floors:        %zu\n", nfloors);
	for (size_t i = 0; i < nfloors; i++) {
		const struct survey_floor_info *f = &floors[i];
		const struct survey_counts *c = &per_floor[i];

		printf("  %s (level %d%s%s): %zu wards, %zu walls, %zu openings, %zu APs; ",
		       cli_shown(f->name, e1, sizeof(e1)), f->level, f->building[0] ? ", " : "",
		       cli_shown(f->building, e2, sizeof(e2)), f->nwards,
		       f->nwalls, f->nopenings, f->naps);
		if (f->image_type[0])
			printf("drawing %s %dx%d px, ", f->image_type, f->width_px, f->height_px);
		if (f->px_per_m > 0)
			printf("%.2f px/m\n", f->px_per_m);
		else
			printf("not calibrated\n");
		kinds_text(c, kinds, sizeof(kinds));
		printf("    %lld walks, %lld samples (%s), %lld failed\n", (long long)c->walks,
		       (long long)c->samples, kinds, (long long)c->failed_samples);
		for (size_t k = 0; k < fw[i].n; k++) {
			const struct survey_walk *w = &fw[i].walks[k];

			kinds_text(&fw[i].counts[k], kinds, sizeof(kinds));
			printf("    walk %lld: %s, %s to %s", (long long)w->id,
			       w->mode[0] ? cli_shown(w->mode, e3, sizeof(e3)) : "?",
			       when(w->start_us, a, sizeof(a)),
			       w->end_us ? when(w->end_us, b, sizeof(b)) : "(open)");
			if (w->operator_name[0])
				printf(", by %s", cli_shown(w->operator_name, e1, sizeof(e1)));
			if (w->interface[0])
				printf(", on %s", cli_shown(w->interface, e1, sizeof(e1)));
			if (w->driver[0])
				printf(" (%s)", cli_shown(w->driver, e1, sizeof(e1)));
			printf("; %lld samples (%s), %lld failed\n", (long long)fw[i].counts[k].samples,
			       kinds, (long long)fw[i].counts[k].failed_samples);
		}
	}
	kinds_text(all, kinds, sizeof(kinds));
	printf("Walks:         %lld (%lld waypoints)\n", (long long)all->walks,
	       (long long)all->waypoints);
	printf("Samples:       %lld (%s)\n", (long long)all->samples, kinds);
	printf("Failed:        %lld (failed measurements, kept with their time and place)\n",
	       (long long)all->failed_samples);
	printf("Observations:  %lld; links %lld; throughputs %lld\n",
	       (long long)all->observations, (long long)all->links, (long long)all->throughputs);
	if (all->samples)
		printf("Time span:     %s to %s\n", when(all->first_us, a, sizeof(a)),
		       when(all->last_us, b, sizeof(b)));
	else
		printf("Time span:     no samples yet\n");
}

/* --json, the one option. */
static int json_option(void *ctx, int c, const char *arg)
{
	(void)c;
	(void)arg;
	*(bool *)ctx = true;
	return EXIT_OK;
}

CLI_COMMAND(info, 30, "describe a survey: floors, walks, samples, time span");
int cmd_info(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "info", ":h", opts, usage, json_option };
	struct survey_floor_info *floors = NULL;
	struct survey_counts all, *per_floor = NULL;
	struct floor_walks *fw = NULL;
	struct survey_meta m;
	struct survey *s;
	struct ns_err err;
	size_t nfloors = 0;
	bool json = false;
	int rc;

	if ((rc = cli_getopt(&parser, &json, argc, argv)))
		return cli_status(rc);
	if (argc - optind != 1)
		return cli_usage_error("info", "give one SURVEY");
	if (survey_open(argv[optind], SURVEY_READ_ONLY, &s, &err))
		return cli_fail("cannot open the survey", &err);
	if (survey_get_meta(s, &m, &err) || survey_list_floors(s, &floors, &nfloors, &err) ||
	    survey_count(s, 0, &all, &err)) {
		rc = cli_fail("cannot read the survey", &err);
		goto out;
	}
	per_floor = calloc(nfloors ? nfloors : 1, sizeof(*per_floor));
	if (!per_floor) {
		rc = cli_error("info", "out of memory");
		goto out;
	}
	fw = calloc(nfloors ? nfloors : 1, sizeof(*fw));
	if (!fw) {
		rc = cli_error("info", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nfloors; i++) {
		if (survey_count(s, floors[i].id, &per_floor[i], &err) ||
		    survey_list_walks(s, floors[i].id, &fw[i].walks, &fw[i].n, &err)) {
			rc = cli_fail("cannot read the survey", &err);
			goto out;
		}
		fw[i].counts = calloc(fw[i].n ? fw[i].n : 1, sizeof(*fw[i].counts));
		if (!fw[i].counts) {
			rc = cli_error("info", "out of memory");
			goto out;
		}
		for (size_t k = 0; k < fw[i].n; k++) {
			if (survey_count_walk(s, fw[i].walks[k].id, &fw[i].counts[k], &err)) {
				rc = cli_fail("cannot read the survey", &err);
				goto out;
			}
		}
	}
	if (json)
		rc = info_json(argv[optind], &m, floors, nfloors, per_floor, fw, &all);
	else
		info_text(argv[optind], &m, floors, nfloors, per_floor, fw, &all);
out:
	for (size_t i = 0; fw && i < nfloors; i++) {
		free(fw[i].walks);
		free(fw[i].counts);
	}
	free(fw);
	free(per_floor);
	free(floors);
	survey_close(s);
	return rc;
}
