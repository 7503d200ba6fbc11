/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * editor_main.c — the plan editor's entry: its arguments, the survey and the
 * floor it edits, the drawings rendered for the canvas. It is a program's
 * main (the GTK app's `edit` mode), so it prints its own usage and errors.
 * See editor.h.
 */
#include "walker/gui/editor.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/loader.h"
#include "survey/survey.h"
#include "walker/edit_doc.h"

enum { EX_OK = 0, EX_FAILED = 1, EX_USAGE = 2 };

static void usage(FILE *f)
{
	fputs("Usage: notspot edit SURVEY [--floor NAME] [--building NAME]\n"
	      "Edit a floor's plan in a window: calibrate its drawing, draw walls with their\n"
	      "materials, put doors in them, outline and name wards, place planned APs, and\n"
	      "align the level onto the one below. Every edit is saved to SURVEY as it is\n"
	      "made (undo and redo too); closing the window loses nothing.\n\n"
	      "Options:\n"
	      "  --floor NAME      the floor to edit (optional if there is one, in the building)\n"
	      "  --building NAME   the building the floor is in, when floors share a name\n"
	      "  -h, --help        this help\n\n"
	      "Tools (the key picks it): S select, C calibrate, W walls (1-9 material),\n"
	      "D doors, R wards, A planned APs, L align to the level below.\n"
	      "Ctrl+Z undo, Ctrl+Shift+Z redo, wheel/+/- zoom, 0 fit, Ctrl+Q done.\n", f);
}

static int fail(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(const char *what, const char *fmt, ...)
{
	va_list ap;

	fputs("notspot edit: ", stderr);
	if (what)
		fprintf(stderr, "%s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EX_FAILED;
}

static int usage_error(const char *why)
{
	fprintf(stderr, "notspot edit: %s (see notspot edit --help)\n", why);
	return EX_USAGE;
}

struct edit_args {
	const char *path, *floor, *building;
};

/* Returns -1 to go on, or the exit status. */
static int parse(int argc, char **argv, struct edit_args *a)
{
	static const struct option opts[] = {
		{ "floor", required_argument, NULL, 'f' },
		{ "building", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': a->floor = optarg; break;
		case 'b': a->building = optarg; break;
		case 'h': usage(stdout); return EX_OK;
		default: return usage_error("unknown option");
		}
	}
	if (optind != argc - 1)
		return usage_error("give one survey file");
	a->path = argv[optind];
	return -1;
}

/* The floor: by name (in the building, if given), or the only one there is. */
static int64_t find_floor(struct survey *sv, const struct edit_args *a, struct ns_err *err)
{
	struct survey_floor_info *fl = NULL;
	int64_t b = 0, id = 0;
	size_t n = 0, found = 0;

	if (a->building && (b = survey_find_building(sv, a->building, err)) < 0)
		return b;
	if (a->floor)
		return b ? survey_find_floor_in(sv, b, a->floor, err) : survey_find_floor(sv, a->floor, err);
	if (survey_list_floors(sv, &fl, &n, err) < 0)
		return -EIO;
	for (size_t i = 0; i < n; i++) {
		if (!b || fl[i].building_id == b) {
			id = fl[i].id;
			found++;
		}
	}
	free(fl);
	if (found != 1)
		return ns_err_set(err, -EINVAL, "there are %zu floors%s: choose one with --floor", found,
				  b ? " in that building" : "");
	return id;
}

/* A floor's drawing rendered at its working size, or NULL (a floor without one). */
static cairo_surface_t *render(const struct floorplan *fp)
{
	struct fp_raster r = { 0 };
	cairo_surface_t *s = NULL;
	struct ns_err err = { 0 };

	if (fp && fp->image_len && fp_raster_for_floor(fp, &r, &err) == 0) {
		s = cairo_surface_reference(r.surface);
		fp_raster_release(&r);
	}
	return s;
}

static int run(const struct edit_args *a, struct survey *sv, struct ns_err *err)
{
	struct edit_doc *d = NULL;
	struct edit_tools *t = NULL;
	struct survey_meta meta = { 0 };
	const struct floorplan *fp;
	char title[400];
	int64_t id = find_floor(sv, a, err);
	int rc = EX_FAILED;

	if (id < 0)
		return fail(a->path, "%s", err->msg);
	if (edit_doc_open(sv, id, &d, err) < 0)
		return fail(a->path, "%s", err->msg);
	t = edit_tools_new(d);
	if (!t)
		goto out;
	fp = edit_doc_floor(d);
	survey_get_meta(sv, &meta, NULL);
	/* The floor first: a narrow window cuts the end of the title. */
	snprintf(title, sizeof(title), "%s · %s%s%s", fp->name, fp->building,
		 meta.site[0] && strcmp(meta.site, fp->building) ? " · " : "",
		 meta.site[0] && strcmp(meta.site, fp->building) ? meta.site : "");
	struct editor_opts o = {
		.title = title, .tools = t, .drawing = render(fp), .below = render(edit_doc_below(d)),
		.probe_path = getenv("NOTSPOT_EDIT_PROBE"),
	};
	if (fp->px_per_m <= 0)
		edit_tools_set(t, TOOL_CALIBRATE);
	if (editor_run(&o, err) < 0) {
		fail(NULL, "%s", err->msg);
		goto out;
	}
	rc = EX_OK;
out:
	edit_tools_free(t);
	edit_doc_free(d);
	return rc;
}

int editor_main(int argc, char **argv)
{
	struct edit_args a = { 0 };
	struct survey *sv = NULL;
	struct ns_err err = { 0 };
	int rc = parse(argc, argv, &a);

	if (rc >= 0)
		return rc;
	if (survey_open(a.path, SURVEY_READ_WRITE, &sv, &err) < 0)
		return fail(a.path, "%s", err.msg);
	rc = run(&a, sv, &err);
	survey_close(sv);
	return rc;
}
