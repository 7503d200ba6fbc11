/* SPDX-License-Identifier: GPL-3.0-or-later */
/* elements.c — see elements.h. */
#include "cli/elements.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* The common options; the rest go to the action. */
static int elem_option(void *ctx, int c, const char *v)
{
	struct elem_args *a = ctx;
	long id;

	switch (c) {
	case 'n': a->name = v; break;
	case 't': a->to = v; break;
	case 'j': a->json = true; break;
	case 'i':
		if (!cli_parse_int(v, &id) || id <= 0)
			return cli_usage_error(a->e.cmd, "--id needs a number from 'list' (%s)", v);
		a->id = id;
		break;
	case 'y':
		if (cli_parse_doubles(v, a->by, 2, 2) != 2)
			return cli_usage_error(a->e.cmd, "--by needs DX,DY in metres");
		a->have_by = true;
		break;
	default:
		return a->option ? a->option(a->ctx, c, v) : EXIT_OK;
	}
	return EXIT_OK;
}

int elem_parse(struct elem_args *a, enum elem_kind kind, const char *cmd,
	       void (*usage)(FILE *f), const struct option *longopts,
	       int (*option)(void *ctx, int c, const char *arg), void *ctx, int argc,
	       char **argv)
{
	int rc;

	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->option = option;
	a->ctx = ctx;
	if ((rc = floor_cli_edit_init(&a->e, cmd, usage, argc)))
		return rc;
	return floor_cli_edit_parse(&a->e, longopts, elem_option, a, argc, argv);
}

void elem_release(struct elem_args *a)
{
	floor_cli_edit_release(&a->e);
}

static const char *kind_name(enum elem_kind k)
{
	static const char *const names[] = { "ward", "wall", "opening", "AP" };

	return names[k];
}

/* The floor element @id of @kind is on. */
static int floor_of(struct survey *s, enum elem_kind kind, int64_t id, int64_t *fid,
		    struct ns_err *err)
{
	union {
		struct fp_ward ward;
		struct fp_wall wall;
		struct fp_opening opening;
		struct fp_ap ap;
	} e;
	int rc;

	switch (kind) {
	case ELEM_WARD:
		rc = survey_get_ward(s, id, &e.ward, fid, err);
		fp_ward_release(&e.ward);
		return rc;
	case ELEM_WALL:
		rc = survey_get_wall(s, id, &e.wall, fid, err);
		fp_wall_release(&e.wall);
		return rc;
	case ELEM_OPENING:
		return survey_get_opening(s, id, &e.opening, fid, err);
	case ELEM_AP:
		return survey_get_ap(s, id, &e.ap, fid, err);
	}
	return -EINVAL;
}

int elem_open(struct elem_args *a, enum survey_open_mode mode, struct survey **s,
	      struct floorplan **fp)
{
	struct ns_err err = { 0 };
	int64_t fid;
	int rc;

	if (!a->id)
		return floor_cli_open(a->e.cmd, a->e.survey, a->e.building, a->e.floor, mode,
				      SURVEY_LOAD_ELEMENTS, s, fp);
	*fp = NULL;
	if ((rc = floor_cli_open_survey(a->e.cmd, a->e.survey, mode, s)))
		return rc;
	if (floor_of(*s, a->kind, a->id, &fid, &err) ||
	    survey_load_floor_ex(*s, fid, SURVEY_LOAD_ELEMENTS, fp, &err)) {
		survey_close(*s);
		*s = NULL;
		return cli_fail(a->e.survey, &err);
	}
	return EXIT_OK;
}

/* Index of the element of @a's kind with id @id or name @name on @fp, or -1. */
static long lookup(const struct elem_args *a, const struct floorplan *fp)
{
	for (size_t i = 0; a->kind == ELEM_WARD && i < fp->nwards; i++)
		if (a->id ? fp->wards[i].id == a->id : strcmp(fp->wards[i].name, a->name) == 0)
			return (long)i;
	for (size_t i = 0; a->kind == ELEM_AP && i < fp->naps; i++)
		if (a->id ? fp->aps[i].id == a->id : strcmp(fp->aps[i].name, a->name) == 0)
			return (long)i;
	for (size_t i = 0; a->kind == ELEM_WALL && i < fp->nwalls; i++)
		if (fp->walls[i].id == a->id)
			return (long)i;
	for (size_t i = 0; a->kind == ELEM_OPENING && i < fp->nopenings; i++)
		if (fp->openings[i].id == a->id)
			return (long)i;
	return -1;
}

int elem_find(const struct elem_args *a, const struct floorplan *fp, size_t *index)
{
	bool named = a->kind == ELEM_WARD || a->kind == ELEM_AP;
	long i;

	if (!a->id && !(named && a->name))
		return cli_usage_error(a->e.cmd, named ? "say which %s: --name NAME or --id N (see "
							 "'notspot %s list')"
						       : "say which %s: --id N (see 'notspot %s "
							 "list')", kind_name(a->kind),
				       a->kind == ELEM_AP ? "ap" : kind_name(a->kind));
	if ((i = lookup(a, fp)) < 0) {
		if (a->id)
			return cli_error(a->e.survey, "there is no %s %lld", kind_name(a->kind),
					 (long long)a->id);
		return cli_error(a->e.survey, "floor '%s' has no %s called '%s'", fp->name,
				 kind_name(a->kind), a->name);
	}
	*index = (size_t)i;
	return EXIT_OK;
}

/* Floors in building order, then level and name. */
static int cmp_floor(const void *x, const void *y)
{
	const struct survey_floor_info *a = x, *b = y;
	int c = strcmp(a->building, b->building);

	if (c)
		return c;
	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* @fn on floor @id of @s, loaded with its elements. */
static int each_one(struct elem_args *a, struct survey *s, int64_t id,
		    int (*fn)(void *arg, struct survey *s, const struct floorplan *fp), void *arg)
{
	struct floorplan *fp = NULL;
	struct ns_err err = { 0 };
	int rc;

	if (survey_load_floor_ex(s, id, SURVEY_LOAD_ELEMENTS, &fp, &err))
		return cli_fail(a->e.survey, &err);
	rc = fn(arg, s, fp);
	floorplan_free(fp);
	return rc;
}

int elem_each_floor(struct elem_args *a,
		    int (*fn)(void *arg, struct survey *s, const struct floorplan *fp), void *arg)
{
	struct survey_floor_info *fl = NULL;
	struct ns_err err = { 0 };
	struct survey *s;
	int64_t id;
	size_t n = 0;
	int rc;

	if ((rc = floor_cli_open_survey(a->e.cmd, a->e.survey, SURVEY_READ_ONLY, &s)))
		return rc;
	if (a->e.floor) {
		if ((rc = floor_cli_find(a->e.cmd, s, a->e.survey, a->e.building, a->e.floor, &id)) ==
		    EXIT_OK)
			rc = each_one(a, s, id, fn, arg);
		survey_close(s);
		return rc;
	}
	if (a->e.building && survey_find_building(s, a->e.building, &err) < 0)
		rc = cli_fail(a->e.survey, &err);
	else if (survey_list_floors(s, &fl, &n, &err))
		rc = cli_fail(a->e.survey, &err);
	if (!rc)
		qsort(fl, n, sizeof(*fl), cmp_floor);
	for (size_t i = 0; !rc && i < n; i++)
		if (!a->e.building || strcmp(fl[i].building, a->e.building) == 0)
			rc = each_one(a, s, fl[i].id, fn, arg);
	free(fl);
	survey_close(s);
	return rc;
}

int elem_check_calibrated(const char *cmd, const char *path, const struct floorplan *fp)
{
	if (fp->px_per_m > 0)
		return EXIT_OK;
	return cli_error(cmd, "floor '%s' is not calibrated, so metres are no place on its "
			      "drawing yet: calibrate it first ('notspot floor show %s --floor \"%s\" "
			      "-o plan.png', then 'notspot floor scale')", fp->name, path, fp->name);
}

json_t *elem_points_json(const struct fp_point *pts, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_pack("[f, f]", pts[i].x, pts[i].y));
	return a;
}

json_t *elem_json_base(int64_t id, const struct floorplan *fp)
{
	return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "floor", fp->name, "building",
			 fp->building);
}

void elem_print_json(json_t *a)
{
	char *text = json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (text)
		puts(text);
	free(text);
	json_decref(a);
}

void elem_shift(const struct elem_args *a, struct fp_point *pts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		pts[i].x += a->by[0];
		pts[i].y += a->by[1];
	}
}

int elem_losses(const char *cmd, const char *key, const char *losses, const char *opt,
		char *key_out, size_t cap, double loss[FP_NBANDS])
{
	const struct fp_material *m = NULL;
	int k;

	if (!key && !losses)
		return cli_usage_error(cmd, "give %s M (see --help) or --loss-db L24,L5", opt);
	if (key && strcmp(key, "custom") != 0) {
		if (!(m = fp_material_find(key)))
			return cli_usage_error(cmd, "'%s' is not a known material; 'notspot %s "
						    "--help' lists them", key, cmd);
		memcpy(loss, m->loss_db, sizeof(m->loss_db));
	}
	snprintf(key_out, cap, "%s", m ? m->key : "custom");
	if (!losses)
		return m ? EXIT_OK
			 : cli_usage_error(cmd, "material 'custom' needs --loss-db L24,L5[,L6]");
	k = cli_parse_doubles(losses, loss, 2, FP_NBANDS);
	if (k < 2)
		return cli_usage_error(cmd, "--loss-db needs L24,L5[,L6] in dB");
	if (k == 2)
		loss[2] = loss[1];
	for (int b = 0; b < FP_NBANDS; b++)
		if (!isfinite(loss[b]) || loss[b] < 0 || loss[b] > 200)
			return cli_usage_error(cmd, "a loss of %g dB is out of range (0 to 200)",
					       loss[b]);
	return EXIT_OK;
}
