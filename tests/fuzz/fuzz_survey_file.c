/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_survey_file.c — libFuzzer target over a whole survey file, as a mailed
 * survey arrives: the bytes are written to a file, opened read-only, described
 * (what `notspot info` reads: details, floors, counts, walks) and a small map
 * of its first floor is built and drawn, with the names shown the way every
 * output shows them. SQLite's own damage must be refused with a sentence;
 * whatever SQLite lets through (any text, any number in any column) must never
 * crash, leak or run away with memory. The survey's drawing is not rasterised
 * here (gdk-pixbuf, librsvg and poppler are not ours to fuzz).
 *
 * The seed (corpus/fuzz_survey_file/seed.notspot) is a tiny valid survey:
 * `notspot new`, `floor add` of a 40 x 20 px PNG, `floor scale --px-per-m 2`,
 * a ward, a concrete wall, `import` of 9 scans of 2 BSSIDs, then
 * `PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM` to make it 19 kB.
 */
#include <cairo.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heatmap/grid.h"
#include "heatmap/load.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "survey/survey.h"
#include "util/textcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

/* fontconfig keeps its caches for the life of the process (tests/lsan.supp). */
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static char path[64];

static void must_say_why(int rc, const struct ns_err *err)
{
	/* A refusal always says why. */
	if (rc != 0 && err->msg[0] == '\0')
		abort();
}

/* The names as outputs show them: valid UTF-8 for documents, escaped for a terminal. */
static void show(const char *name)
{
	char line[600];
	char *doc = ns_utf8_dup_valid(name);

	if (doc && !ns_utf8_valid(doc, strlen(doc), NULL))
		abort();
	free(doc);
	ns_text_escape(line, sizeof(line), name);
	if (strchr(line, '\n') || strchr(line, '\x1b'))
		abort();
}

static void describe(struct survey *s, struct survey_floor_info **floors, size_t *n)
{
	struct survey_meta m;
	struct survey_counts c;
	struct ns_err err = { 0 };

	must_say_why(survey_get_meta(s, &m, &err), &err);
	show(m.site);
	show(m.surveyor);
	must_say_why(survey_count(s, 0, &c, &err), &err);
	if (survey_list_floors(s, floors, n, &err)) {
		must_say_why(-1, &err);
		*floors = NULL;
		*n = 0;
		return;
	}
	for (size_t i = 0; i < *n; i++) {
		struct survey_walk *walks = NULL;
		size_t nw = 0;

		show((*floors)[i].name);
		must_say_why(survey_count(s, (*floors)[i].id, &c, &err), &err);
		if (survey_list_walks(s, (*floors)[i].id, &walks, &nw, &err) == 0)
			for (size_t k = 0; k < nw; k++) {
				show(walks[k].operator_name);
				must_say_why(survey_count_walk(s, walks[k].id, &c, &err), &err);
			}
		free(walks);
	}
}

/*
 * A cell that keeps the map small (about 10^5 cells, 1 to 10 m): a file may
 * declare a floor kilometres wide, which notspot maps (up to its grid's
 * limit) but which would take seconds of every fuzzing run.
 */
static double small_map_cell(const struct floorplan *fp, const struct hm_set *set)
{
	struct fp_point mn, mx;
	double cell = 1;

	(void)set;
	if (hm_floor_bounds(fp, NULL, 0, &mn, &mx))
		cell = sqrt((mx.x - mn.x + 100) * (mx.y - mn.y + 100) / 1e5);
	return cell < 1 ? 1 : cell > 10 ? 10 : cell;
}

/* A small map of @floor, drawn 400 units wide onto an image. */
static void map_floor(struct survey *s, const char *floor)
{
	struct floorplan *fp = NULL;
	struct hm_render_opts ro;
	struct hm_map_opts mo;
	struct hm_map m;
	struct hm_set set;
	struct ns_err err = { 0 };
	cairo_surface_t *img;
	cairo_t *cr;
	int rc;

	rc = hm_load_floor(s, floor, &fp, &set, &err);
	must_say_why(rc, &err);
	if (rc)
		return;
	hm_map_opts_default(&mo);
	mo.cell_m = small_map_cell(fp, &set);
	rc = hm_map_build(&set, fp, &mo, &m, &err);
	must_say_why(rc, &err);
	if (!rc) {
		hm_render_opts_default(&ro);
		ro.set = &set;
		ro.site = "fuzz";
		img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 400);
		cr = cairo_create(img);
		hm_render_draw(cr, &m, &ro, 400, 0, 1);
		cairo_destroy(cr);
		cairo_surface_destroy(img);
		hm_map_release(&m);
	}
	hm_set_release(&set);
	floorplan_free(fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct survey_floor_info *floors = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	size_t nfloors = 0;
	FILE *f;
	int rc;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/fuzz_survey_file-%d.notspot", (int)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	if (fwrite(data, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	fclose(f);
	rc = survey_open(path, SURVEY_READ_ONLY, &s, &err);
	must_say_why(rc, &err);
	if (!rc) {
		describe(s, &floors, &nfloors);
		if (nfloors)
			map_floor(s, floors[0].name);
		free(floors);
		survey_close(s);
	}
	unlink(path);
	return 0;
}
