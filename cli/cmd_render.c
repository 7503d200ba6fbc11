/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_render.c — `notspot render`: one heatmap of a surveyed floor or ward as
 * PNG, PDF or SVG, and/or the computed grid as CSV or float32.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/mapopts.h"
#include "floorplans/loader.h"
#include "heatmap/export.h"
#include "heatmap/load.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "heatmap/roam.h"
#include "heatmap/chanplan.h"
#include "heatmap/device.h"
#include "survey/survey.h"

#define RENDER_MAP_FLAGS (CLI_MAP_NO_PROFILE)

/* The --map names: the library's metrics, then the pass/fail map. */
static const char *map_name(int i)
{
	return i < HM_NMETRICS ? hm_metric_info((enum hm_metric)i)->key
	       : i == HM_NMETRICS ? "pass"
				  : NULL;
}

static const char *method_name(int i)
{
	return i < HM_NMETHODS ? hm_method_name((enum hm_method)i) : NULL;
}

/* The methods after the first, notspot's own (the default): the peers'. */
static const char *peer_method_name(int i)
{
	return method_name(i + 1);
}

static void usage(FILE *f)
{
	struct hm_render_opts ro;
	char list[256];

	fprintf(f,
		"Usage: notspot render SURVEY [--floor F] [--ward W] --map MAP [OPTIONS] -o OUT\n"
		"       notspot render SURVEY --overview [--building B] --map MAP [OPTIONS] -o OUT\n"
		"Draw a heatmap of a surveyed floor (cropped to its building) or of one ward\n"
		"(cropped to it, its surroundings faded) as PNG, PDF or SVG, judged against a\n"
		"requirement profile; not-spots are outlined, hatched and numbered as `stats`\n"
		"numbers them, areas nobody surveyed are hatched. The legend explains every\n"
		"marker and line drawn.\n\n");
	cli_help_wrap(f, "Maps: ", 6, cli_list(list, sizeof(list), map_name, " ", " "));
	fprintf(f, "\nOptions:\n");
	cli_map_help(f, RENDER_MAP_FLAGS);
	fprintf(f, "  --map MAP          what to show (default primary)\n");
	fprintf(f, "  --method M         %s (default), %s (the peers' methods, to compare)\n",
		method_name(0), cli_list(list, sizeof(list), peer_method_name, ", ", ", "));
	hm_render_opts_default(&ro);
	fprintf(f,
		"  --show-samples     mark where samples were taken\n"
		"  --show-path        draw the walked path\n"
		"  --show-aps         mark the plan's APs and the places estimated from the\n"
		"                     samples, with their names\n"
		"  --layer roams      where the walks' device roamed, lost its association (with\n"
		"                     the gap) and clung to a weak AP (see `notspot roams`)\n"
		"  --layer channels   each AP radio's channel and width, DFS/PSC/off-plan flags,\n"
		"                     and the reuse distance to the nearest overlapping radio\n"
		"                     (repeat --layer for both)\n"
		"  --device N         as device N hears it: its stored receive offset (notspot\n"
		"                     calibrate) added to every signal before judging; the map\n"
		"                     says so, with the figure's source\n"
		"  --width PX         PNG width in pixels (default %d)\n", ro.width_px);
	fprintf(f,
		"  --overview         every level of a building on one sheet, highest first,\n"
		"                     at one scale with one legend (not with --floor, --ward, --grid)\n"
		"  --building NAME    the building of --overview (default: the survey's only one)\n"
		"  --grid FILE        also write the computed grid (.csv or .f32; heatmap/README.md)\n"
		"  -o, --output FILE  the map: .png, .pdf or .svg\n"
		"  -h, --help         this help\n");
}

struct render_args {
	struct cli_map map;
	const char *survey, *out, *grid, *map_name;
	const char *building;       /* --building: the building of the overview */
	bool overview;              /* --overview: every level of a building on one sheet */
	int metric;                 /* enum hm_metric, or -1 for the pass/fail map */
	int method;                 /* enum hm_method */
	int fmt;                    /* enum hm_format of out */
	long width;                 /* PNG width, px */
	bool show_samples, show_path, show_aps;
	bool roams;                 /* --layer roams */
	bool chans;                 /* --layer channels */
	const char *device;         /* --device: the stored receive offset to apply */
	char device_text[400];      /* its description, for the map */
	const struct hm_levels *levels; /* the building's levels fitted together, or NULL */
};

static int render_option(void *ctx, int c, const char *arg)
{
	struct render_args *a = ctx;
	char list[256];

	switch (c) {
	CLI_MAP_CASES: return cli_map_option("render", &a->map, c, arg);
	case 'm': a->map_name = arg; break;
	case 'M':
		if ((a->method = hm_method_parse(arg)) < 0)
			return cli_usage_error("render", "--method is %s, not '%s'",
					       cli_list(list, sizeof(list), method_name, ", ", " or "),
					       arg);
		break;
	case 'S': a->show_samples = true; break;
	case 'T': a->show_path = true; break;
	case 'A': a->show_aps = true; break;
	case 'L':
		if (strcmp(arg, "roams") == 0)
			a->roams = true;
		else if (strcmp(arg, "channels") == 0)
			a->chans = true;
		else
			return cli_usage_error("render", "--layer is roams or channels, not '%s'",
					       arg);
		break;
	case 'D': a->device = arg; break;
	case 'w':
		if (!cli_parse_int(arg, &a->width) || a->width < 400 || a->width > 20000)
			return cli_usage_error("render", "--width is 400 to 20000 pixels, not '%s'",
					       arg);
		break;
	case 'g': a->grid = arg; break;
	case 'B': a->building = arg; break;
	case 'O': a->overview = true; break;
	case 'o': a->out = arg; break;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct render_args *a)
{
	static const struct option longopts[] = {
		CLI_MAP_LONGOPTS,
		{ "map", required_argument, NULL, 'm' },
		{ "method", required_argument, NULL, 'M' },
		{ "show-samples", no_argument, NULL, 'S' },
		{ "show-path", no_argument, NULL, 'T' },
		{ "show-aps", no_argument, NULL, 'A' },
		{ "layer", required_argument, NULL, 'L' },
		{ "device", required_argument, NULL, 'D' },
		{ "width", required_argument, NULL, 'w' },
		{ "grid", required_argument, NULL, 'g' },
		{ "building", required_argument, NULL, 'B' },
		{ "overview", no_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "render", "o:h", longopts, usage,
						    render_option };
	int rc;

	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	return cli_map_survey("render", argc, argv, &a->survey);
}

/* What to draw and where to: checked before the survey is opened. */
static int check(struct render_args *a)
{
	char list[256];

	if (strcmp(a->map_name, "pass") == 0)
		a->metric = -1;
	else if ((a->metric = hm_metric_parse(a->map_name)) < 0)
		return cli_usage_error("render", "there is no map '%s' (%s)", a->map_name,
				       cli_list(list, sizeof(list), map_name, ", ", ", "));
	if (!a->out && !a->grid)
		return cli_usage_error("render", "where to? give -o FILE.png|.pdf|.svg (or --grid FILE)");
	if (a->overview && (a->map.floor || cli_map_ward(&a->map) || a->grid || !a->out))
		return cli_usage_error("render", "--overview draws every level of a building to -o: "
						 "not with --floor, --ward or --grid");
	if ((a->roams || a->chans || a->device) && a->overview)
		return cli_usage_error("render", "--layer and --device draw one floor: not with "
						 "--overview");
	if (a->building && !a->overview)
		return cli_usage_error("render", "--building goes with --overview");
	if (a->out && (a->fmt = hm_format_of_path(a->out)) < 0)
		return cli_usage_error("render", "the output '%s' must end in .png, .pdf or .svg",
				       a->out);
	return EXIT_OK;
}

/* The north arrow of floor @fp: its building's bearing, turned by the floor's alignment. */
static int north(struct survey *s, const struct floorplan *fp, struct hm_render_opts *ro)
{
	struct fp_building b;
	struct ns_err err = { 0 };

	if (fp->building_id <= 0)
		return EXIT_OK; /* not stored in a building: no bearing known */
	if (survey_get_building(s, fp->building_id, &b, &err))
		return cli_fail("render", &err);
	ro->north_deg = hm_floor_bearing(&b, fp);
	return EXIT_OK;
}

/* The render options of @a for floor @fp of survey @s; -1 with the error printed. */
static int render_opts(const struct render_args *a, struct survey *s,
		       const struct survey_meta *meta, const struct hm_set *set,
		       const struct floorplan *fp, struct hm_render_opts *ro)
{
	struct ns_err err = { 0 };

	hm_render_opts_default(ro);
	ro->show_samples = a->show_samples;
	ro->show_path = a->show_path;
	ro->show_aps = a->show_aps;
	ro->metric = a->metric;
	ro->width_px = (int)a->width;
	ro->set = set;
	ro->site = meta->site;
	ro->floor = fp->name;
	ro->surveyor = meta->surveyor;
	ro->band = a->map.band < 0 ? NULL : hm_band_name(a->map.band);
	ro->device = a->device ? a->device_text : NULL;
	/* A ward is drawn from the whole floor's map, cropped: its figures are the floor's. */
	ro->crop_ward = cli_map_ward(&a->map);
	if (survey_has_simulated_walks(s, fp->id, &ro->simulated, &err))
		return cli_fail("render", &err);
	return north(s, fp, ro);
}

/* The levels of @fp's building fitted together, for @a's maps (a->levels). */
static int render_levels(struct render_args *a, struct survey *s, const struct floorplan *fp,
			 struct hm_levels *lv)
{
	struct hm_map_opts mo;
	int rc;

	hm_map_opts_default(&mo);
	cli_map_to_map_opts(&a->map, &mo);
	if ((rc = cli_map_levels("render", s, fp, &mo, lv)))
		return rc;
	a->levels = lv->nfloors ? lv : NULL;
	return EXIT_OK;
}

/* Estimate the map of @set on @fp as @a asks (of @ward, or the whole floor), with progress. */
static int build(const struct render_args *a, const struct hm_profile *prof,
		 const struct hm_set *set, const struct floorplan *fp, const char *ward,
		 struct hm_map *m)
{
	struct hm_map_opts mo;
	struct ns_err err = { 0 };
	int rc;

	hm_map_opts_default(&mo);
	cli_map_to_map_opts(&a->map, &mo);
	mo.method = a->method;
	mo.ward = ward;
	mo.profile = prof;
	mo.levels = a->levels;
	cli_progress("estimating", 0, 1);
	rc = hm_map_build(set, fp, &mo, m, &err);
	cli_progress("estimating", 1, 1);
	if (rc)
		return cli_fail("render", &err);
	if (a->metric >= 0 && !m->m[a->metric]) {
		hm_map_release(m);
		return cli_error("render", "%s was not measured in this survey (no %s samples)",
				 a->map_name,
				 hm_metric_info(a->metric)->scalar >= 0 ? "throughput/latency/link"
									 : "noise");
	}
	return EXIT_OK;
}

/*
 * The grid file: of the ward's own map when a ward was asked for (its cells
 * only, as the grid format documents), else of the floor's map @m.
 */
static int write_grid(const struct render_args *a, const struct hm_profile *prof,
		      const struct hm_set *set, const struct floorplan *fp, const struct hm_map *m,
		      const struct hm_render_opts *ro)
{
	const char *ward = cli_map_ward(&a->map);
	struct ns_err err = { 0 };
	struct hm_map wm;
	char desc[2048];
	int rc;

	hm_render_describe(m, ro, desc, sizeof(desc));
	if (!ward)
		return hm_export_grid(m, a->metric, a->grid, desc, &err) ? cli_fail("render", &err)
									  : EXIT_OK;
	if ((rc = build(a, prof, set, fp, ward, &wm)))
		return rc;
	rc = hm_export_grid(&wm, a->metric, a->grid, desc, &err) ? cli_fail("render", &err) : EXIT_OK;
	hm_map_release(&wm);
	return rc;
}

/* The map @m built for @a, to the grid file and the image file. */
static int write_outputs(const struct render_args *a, const struct hm_profile *prof,
			 struct survey *s, const struct survey_meta *meta, const struct hm_set *set,
			 const struct floorplan *fp, const struct hm_map *m)
{
	struct fp_raster drawing = { 0 };
	struct hm_render_opts ro;
	struct hm_roam roam = { 0 };
	struct hm_chanplan cp = { 0 };
	struct ns_err err = { 0 };
	int rc;

	if ((rc = render_opts(a, s, meta, set, fp, &ro)))
		return rc;
	if (a->roams && hm_roam_load(s, fp->id, fp, NULL, &roam, &err)) {
		rc = cli_fail("render", &err);
		goto out;
	}
	ro.roams = a->roams ? &roam : NULL;
	if (a->chans && hm_chanplan_load(s, fp->id, fp,
					 &(struct hm_chan_fits){ set, m->aps, m->naps }, &cp, &err)) {
		rc = cli_fail("render", &err);
		goto out;
	}
	ro.chanplan = a->chans ? &cp : NULL;
	if (fp->image && fp->image_len && fp_raster_for_floor(fp, &drawing, NULL) == 0)
		ro.drawing = drawing.surface;
	if (a->grid && (rc = write_grid(a, prof, set, fp, m, &ro)))
		goto out;
	if (a->out && hm_render_file(m, &ro, a->out, (enum hm_format)a->fmt, &err))
		rc = cli_fail("render", &err);
out:
	hm_roam_release(&roam);
	hm_chanplan_release(&cp);
	fp_raster_release(&drawing);
	return rc;
}

/* The levels of one building loaded and mapped; what render_overview() draws from. */
struct levels {
	struct survey_floor_info *info;
	struct floorplan **fp;
	struct hm_set *set;
	struct hm_map *m;
	struct fp_raster *drawing;
	struct hm_level *lv;
	size_t n, built;
	bool simulated;
	struct hm_levels fit;       /* the levels fitted together (once, with the first) */
	bool fitted;
};

static void levels_release(struct levels *L)
{
	for (size_t i = 0; L->fp && L->set && L->m && L->drawing && i < L->n; i++) {
		if (i < L->built)
			hm_map_release(&L->m[i]);
		if (L->fp && L->fp[i])
			hm_set_release(&L->set[i]);
		fp_raster_release(&L->drawing[i]);
		floorplan_free(L->fp[i]);
	}
	free(L->info);
	free(L->fp);
	free(L->set);
	free(L->m);
	free(L->drawing);
	free(L->lv);
	hm_levels_release(&L->fit);
}

/* Every level of the building @a asks for, loaded and mapped. */
static int levels_build(struct render_args *a, const struct hm_profile *prof,
			struct survey *s, struct levels *L)
{
	struct ns_err err = { 0 };
	int rc;

	if ((rc = cli_building_levels("render", s, a->building, &L->info, &L->n)))
		return rc;
	L->fp = calloc(L->n, sizeof(*L->fp));
	L->set = calloc(L->n, sizeof(*L->set));
	L->m = calloc(L->n, sizeof(*L->m));
	L->drawing = calloc(L->n, sizeof(*L->drawing));
	L->lv = calloc(L->n, sizeof(*L->lv));
	if (!L->fp || !L->set || !L->m || !L->drawing || !L->lv)
		return cli_error("render", "out of memory");
	for (size_t i = 0; i < L->n; i++) {
		bool sim = false;

		if (hm_load_floor_id(s, L->info[i].id, &L->fp[i], &L->set[i], &err))
			return cli_fail("render", &err);
		cli_map_note_skipped(a->survey, L->fp[i]->name, &L->set[i]);
		if (L->set[i].nsamples == 0) { /* not walked yet: said, and left out */
			cli_error("render", "%s has no placed samples yet: left out of the overview",
				  L->info[i].name);
			hm_set_release(&L->set[i]);
			floorplan_free(L->fp[i]);
			memmove(&L->info[i], &L->info[i + 1], (L->n - i - 1) * sizeof(*L->info));
			L->fp[i] = NULL;
			L->n--;
			i--;
			continue;
		}
		if (!L->fitted && (rc = render_levels(a, s, L->fp[i], &L->fit)))
			return rc;
		L->fitted = true;
		if ((rc = build(a, prof, &L->set[i], L->fp[i], NULL, &L->m[i])))
			return rc;
		L->built = i + 1;
		if (survey_has_simulated_walks(s, L->fp[i]->id, &sim, &err))
			return cli_fail("render", &err);
		L->simulated |= sim;
		if (L->fp[i]->image && L->fp[i]->image_len)
			fp_raster_for_floor(L->fp[i], &L->drawing[i], NULL);
		L->lv[i] = (struct hm_level){ &L->m[i], &L->set[i], L->drawing[i].surface,
					      L->fp[i]->name };
	}
	return EXIT_OK;
}

/* --overview: every level of a building, highest first, on one sheet. */
static int render_overview(const struct render_args *a, const struct hm_profile *prof,
			   struct survey *s, const struct survey_meta *meta)
{
	struct levels L = { 0 };
	struct render_args ra = *a; /* its levels fitted with the first level loaded */
	struct hm_render_opts ro;
	struct ns_err err = { 0 };
	int rc;

	if ((rc = levels_build(&ra, prof, s, &L)) == EXIT_OK && L.n == 0)
		rc = cli_error("render", "no level of the building has placed samples");
	else if (rc == EXIT_OK) {
		hm_render_opts_default(&ro);
		ro.metric = a->metric;
		ro.width_px = (int)a->width;
		ro.show_samples = a->show_samples;
		ro.show_path = a->show_path;
		ro.show_aps = a->show_aps;
		ro.site = meta->site;
		ro.surveyor = meta->surveyor;
		ro.band = a->map.band < 0 ? NULL : hm_band_name(a->map.band);
		ro.simulated = L.simulated;
		if ((rc = north(s, L.fp[0], &ro))) { /* drawn once, on the top level */
			levels_release(&L);
			return rc;
		}
		if (hm_render_building_file(L.lv, L.n, &ro, L.info[0].building, a->out,
					    (enum hm_format)a->fmt, &err))
			rc = cli_fail("render", &err);
	}
	levels_release(&L);
	return rc;
}

CLI_COMMAND(render, 160, "draw a heatmap of a floor or ward (PNG, PDF, SVG, grid)");
int cmd_render(int argc, char **argv)
{
	struct render_args a = { .map_name = "primary", .method = HM_METHOD_MODEL, .fmt = -1 };
	struct hm_render_opts ro;
	struct hm_profile prof;
	struct hm_set set;
	struct hm_map m;
	struct hm_levels lv = { 0 };
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct survey_meta meta;
	struct ns_err err = { 0 };
	bool have_prof;
	int rc;

	cli_map_init(&a.map, RENDER_MAP_FLAGS);
	hm_render_opts_default(&ro);
	a.width = ro.width_px;
	if ((rc = parse(argc, argv, &a)) || (rc = check(&a)))
		return cli_status(rc);
	if ((rc = cli_map_profile("render", &a.map, &prof, &have_prof)))
		return rc;
	if (a.metric < 0 && !have_prof)
		return cli_usage_error("render", "--map pass needs a profile");

	if (survey_open(a.survey, SURVEY_READ_ONLY, &s, &err))
		return cli_fail(a.survey, &err);
	if (survey_get_meta(s, &meta, &err)) {
		rc = cli_fail(a.survey, &err);
		survey_close(s);
		return rc;
	}
	if (a.overview) {
		rc = render_overview(&a, have_prof ? &prof : NULL, s, &meta);
		survey_close(s);
		return rc;
	}
	if (hm_load_floor(s, a.map.floor, &fp, &set, &err)) {
		rc = cli_fail(a.survey, &err);
		survey_close(s);
		return rc;
	}
	cli_map_note_skipped(a.survey, fp->name, &set);
	if (a.device) {
		struct hm_device dev;

		if (hm_device_get(s, a.device, &dev, &err)) {
			rc = cli_fail("render", &err);
			hm_set_release(&set);
			floorplan_free(fp);
			survey_close(s);
			return rc;
		}
		hm_device_apply(&dev, &set);
		hm_device_describe(&dev, a.device_text, sizeof(a.device_text));
	}
	if (cli_map_ward(&a.map) && !floorplan_find_ward(fp, cli_map_ward(&a.map)))
		rc = cli_error("render", "floor '%s' has no ward called '%s'", fp->name,
			       cli_map_ward(&a.map));
	else if ((rc = render_levels(&a, s, fp, &lv)) == EXIT_OK &&
		 (rc = build(&a, have_prof ? &prof : NULL, &set, fp, NULL, &m)) == EXIT_OK) {
		rc = write_outputs(&a, have_prof ? &prof : NULL, s, &meta, &set, fp, &m);
		hm_map_release(&m);
	}
	hm_levels_release(&lv);
	hm_set_release(&set);
	floorplan_free(fp);
	survey_close(s);
	return rc;
}
