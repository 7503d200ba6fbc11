/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * floor_level.c — the actions of `notspot floor` that change a level's own
 * fields rather than its drawing: set (level, elevation, height, slab),
 * rename, move (to another building), align (onto another level of its
 * building) and remove. cmd_floor.c lists them; floors.h declares them.
 *
 * Each is one call of survey.h's editing API, so it is one transaction and
 * what the model refuses (floorplans/validate.h) is refused with its sentence.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/floors.h"
#include "floorplans/building.h"
#include "survey/survey.h"

static void level_usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot floor set SURVEY [--floor NAME] [--building B] [--level L]\n"
		"                             [--elevation M|auto] [--height M|auto]\n"
		"                             [--slab MATERIAL] [--slab-loss-db L24,L5[,L6]]\n"
		"       notspot floor rename SURVEY [--floor NAME] --to NEW\n"
		"       notspot floor move SURVEY [--floor NAME] --to BUILDING [--level L]\n"
		"       notspot floor align SURVEY --floor NAME --to REFERENCE\n"
		"             (--points \"x1,y1=X1,Y1 x2,y2=X2,Y2\" | --offset DX,DY [--rotate DEG])\n"
		"       notspot floor remove SURVEY --floor NAME [--force]\n"
		"See 'notspot floor --help' for what each does.\n");
}

/* Every option of these actions; each action takes the ones it names. */
struct level_args {
	struct floor_cli_edit e;
	const char *to, *slab, *slab_loss, *elevation, *height;
	long level;
	bool have_level, force, have_offset, have_rotate;
	double offset[2], rotate;
	struct fp_point pair[2][2];   /* --points: [k][0] on this floor, [k][1] on the reference */
	int npairs;
};

/* "x,y=X,Y" into pair @k. */
static int one_pair(struct level_args *a, const char *text, size_t len)
{
	char buf[128], *eq;
	double v[2], w[2];

	if (len >= sizeof(buf) || a->npairs >= 2)
		return cli_usage_error(a->e.cmd, "--points takes two pairs x,y=X,Y");
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (!(eq = strchr(buf, '=')))
		return cli_usage_error(a->e.cmd, "'%s' is not x,y=X,Y (a place on this floor = "
						 "the same place on the reference, metres)", buf);
	*eq = '\0';
	if (cli_parse_doubles(buf, v, 2, 2) != 2 || cli_parse_doubles(eq + 1, w, 2, 2) != 2)
		return cli_usage_error(a->e.cmd, "'%s=%s' is not x,y=X,Y in metres", buf, eq + 1);
	a->pair[a->npairs][0] = (struct fp_point){ v[0], v[1] };
	a->pair[a->npairs][1] = (struct fp_point){ w[0], w[1] };
	a->npairs++;
	return EXIT_OK;
}

/* --points "x1,y1=X1,Y1 x2,y2=X2,Y2" (or one pair per --points). */
static int read_pairs(struct level_args *a, const char *v)
{
	int rc;

	while (*v) {
		size_t n;

		v += strspn(v, " \t");
		n = strcspn(v, " \t");
		if (n && (rc = one_pair(a, v, n)))
			return rc;
		v += n;
	}
	return EXIT_OK;
}

static int level_option(void *ctx, int c, const char *v)
{
	struct level_args *a = ctx;

	switch (c) {
	case 't': a->to = v; break;
	case 'S': a->slab = v; break;
	case 'L': a->slab_loss = v; break;
	case 'e': a->elevation = v; break;
	case 'H': a->height = v; break;
	case 'f': a->force = true; break;
	case 'p': return read_pairs(a, v);
	case 'l':
		if (!cli_parse_int(v, &a->level) || a->level < -100 || a->level > 1000)
			return cli_usage_error(a->e.cmd, "--level needs a whole number from -100 "
							 "to 1000");
		a->have_level = true;
		break;
	case 'o':
		if (cli_parse_doubles(v, a->offset, 2, 2) != 2)
			return cli_usage_error(a->e.cmd, "--offset needs DX,DY in metres");
		a->have_offset = true;
		break;
	case 'r':
		if (!cli_parse_double(v, &a->rotate) || fabs(a->rotate) > 360)
			return cli_usage_error(a->e.cmd, "--rotate needs degrees, -360 to 360");
		a->have_rotate = true;
		break;
	}
	return EXIT_OK;
}

static const struct option level_longopts[] = {
	{ "floor", required_argument, NULL, 'F' },
	{ "building", required_argument, NULL, 'B' },
	{ "to", required_argument, NULL, 't' },
	{ "level", required_argument, NULL, 'l' },
	{ "elevation", required_argument, NULL, 'e' },
	{ "height", required_argument, NULL, 'H' },
	{ "slab", required_argument, NULL, 'S' },
	{ "slab-loss-db", required_argument, NULL, 'L' },
	{ "force", no_argument, NULL, 'f' },
	{ "points", required_argument, NULL, 'p' },
	{ "offset", required_argument, NULL, 'o' },
	{ "rotate", required_argument, NULL, 'r' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/*
 * Parse the arguments of action @cmd, open the survey for an edit and load
 * the floor's own fields (no drawing, no elements) into *@fp.
 */
static int level_open(struct level_args *a, const char *cmd, int argc, char **argv,
		      struct survey **s, struct floorplan **fp)
{
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = floor_cli_edit_init(&a->e, cmd, level_usage, argc)))
		return rc;
	rc = floor_cli_edit_parse(&a->e, level_longopts, level_option, a, argc, argv);
	if (!rc)
		rc = floor_cli_open(cmd, a->e.survey, a->e.building, a->e.floor, SURVEY_READ_WRITE,
				    0, s, fp);
	return rc;
}

static void level_close(struct level_args *a, struct survey *s, struct floorplan *fp)
{
	floorplan_free(fp);
	survey_close(s);
	floor_cli_edit_release(&a->e);
}

/* "auto" (NAN: from the level and the building) or metres in [@lo, @hi]. */
static int metres_or_auto(const char *cmd, const char *opt, const char *v, double lo, double hi,
			  double *out)
{
	if (strcmp(v, "auto") == 0) {
		*out = NAN;
		return EXIT_OK;
	}
	if (!cli_parse_double(v, out) || *out < lo || *out > hi)
		return cli_usage_error(cmd, "%s needs metres from %g to %g, or auto", opt, lo, hi);
	return EXIT_OK;
}

/* What a floor's level is now, in one line. */
static void print_level(struct survey *s, const struct floorplan *fp)
{
	struct fp_building b;
	char label[160];

	if (survey_get_building(s, fp->building_id, &b, NULL))
		fp_building_init(&b);
	printf("floor %s: building '%s', level %d, elevation %.2f m%s, floor-to-floor %.2f m, "
	       "slab %s (%.0f / %.0f / %.0f dB)\n", floor_cli_label(s, fp, label, sizeof(label)),
	       fp->building, fp->level, fp_floor_elevation(fp, &b),
	       isfinite(fp->elevation_m) ? "" : " (level x height)", fp_floor_height(fp, &b),
	       fp->slab_material, fp_floor_slab_loss(fp, FP_BAND_2G4),
	       fp_floor_slab_loss(fp, FP_BAND_5G), fp_floor_slab_loss(fp, FP_BAND_6G));
}

static int store_meta(struct survey *s, const char *path, struct floorplan *fp)
{
	struct ns_err err = { 0 };

	if (survey_update_floor_meta(s, fp, &err))
		return cli_fail(path, &err);
	return EXIT_OK;
}

int floor_set(int argc, char **argv)
{
	struct level_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	int rc = level_open(&a, "floor set", argc, argv, &s, &fp);

	if (rc)
		goto out;
	if (!a.have_level && !a.elevation && !a.height && !a.slab && !a.slab_loss) {
		rc = cli_usage_error(a.e.cmd, "nothing to set: give --level, --elevation, "
					      "--height, --slab or --slab-loss-db");
		goto out;
	}
	if (a.have_level)
		fp->level = (int)a.level;
	if (a.elevation && (rc = metres_or_auto(a.e.cmd, "--elevation", a.elevation, -10000,
						 10000, &fp->elevation_m)))
		goto out;
	if (a.height && (rc = metres_or_auto(a.e.cmd, "--height", a.height, 0.5, 100,
					      &fp->height_m)))
		goto out;
	if ((a.slab || a.slab_loss) && (rc = floor_cli_slab(a.e.cmd, a.slab, a.slab_loss, fp)))
		goto out;
	if ((rc = store_meta(s, a.e.survey, fp)) == EXIT_OK)
		print_level(s, fp);
out:
	level_close(&a, s, fp);
	return cli_status(rc);
}

int floor_rename(int argc, char **argv)
{
	struct level_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	char old[sizeof(fp->name)];
	int rc = level_open(&a, "floor rename", argc, argv, &s, &fp);

	if (rc)
		goto out;
	if (!a.to || !a.to[0] || strlen(a.to) >= sizeof(fp->name)) {
		rc = cli_usage_error(a.e.cmd, "--to needs the new name (at most %zu bytes)",
				     sizeof(fp->name) - 1);
		goto out;
	}
	snprintf(old, sizeof(old), "%s", fp->name);
	snprintf(fp->name, sizeof(fp->name), "%s", a.to);
	if ((rc = store_meta(s, a.e.survey, fp)) == EXIT_OK)
		printf("floor '%s' is now '%s'\n", old, fp->name);
out:
	level_close(&a, s, fp);
	return cli_status(rc);
}

int floor_move(int argc, char **argv)
{
	struct level_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	char from[sizeof(fp->building)];
	int rc = level_open(&a, "floor move", argc, argv, &s, &fp);

	if (rc)
		goto out;
	if (!a.to || !a.to[0] || strlen(a.to) >= sizeof(fp->building)) {
		rc = cli_usage_error(a.e.cmd, "--to needs the building's name (at most %zu bytes)",
				     sizeof(fp->building) - 1);
		goto out;
	}
	snprintf(from, sizeof(from), "%s", fp->building);
	snprintf(fp->building, sizeof(fp->building), "%s", a.to);
	if (a.have_level)
		fp->level = (int)a.level;
	/* Its alignment was onto the old building's frame: the new one's starts afresh. */
	fp->align = (struct fp_align){ 0, 0, 0 };
	if ((rc = store_meta(s, a.e.survey, fp)) == EXIT_OK)
		printf("floor '%s' moved from building '%s' to '%s' (its alignment starts afresh)\n",
		       fp->name, from, a.to);
out:
	level_close(&a, s, fp);
	return cli_status(rc);
}

/* The alignment --points or --offset/--rotate give, of this floor onto the reference. */
static int relative_alignment(struct level_args *a, struct fp_align *rel)
{
	struct ns_err err = { 0 };

	if ((a->npairs > 0) == (a->have_offset || a->have_rotate))
		return cli_usage_error(a->e.cmd, "give either --points \"x1,y1=X1,Y1 x2,y2=X2,Y2\", "
						 "or --offset DX,DY [--rotate DEG]");
	if (a->npairs == 1)
		return cli_usage_error(a->e.cmd, "--points needs two pairs x,y=X,Y");
	if (a->npairs == 0) {
		*rel = (struct fp_align){ a->offset[0], a->offset[1], a->rotate };
		return EXIT_OK;
	}
	if (fp_align_from_pairs(a->pair[0][0], a->pair[1][0], a->pair[0][1], a->pair[1][1], rel,
				&err))
		return cli_fail(a->e.cmd, &err);
	return EXIT_OK;
}

int floor_align(int argc, char **argv)
{
	struct level_args a;
	struct floorplan *fp = NULL, *ref = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	struct fp_align rel;
	int64_t ref_id;
	int rc = level_open(&a, "floor align", argc, argv, &s, &fp);

	if (rc)
		goto out;
	if (!a.to) {
		rc = cli_usage_error(a.e.cmd, "--to names the reference floor");
		goto out;
	}
	if ((rc = relative_alignment(&a, &rel)) ||
	    (rc = floor_cli_find(a.e.cmd, s, a.e.survey, fp->building, a.to, &ref_id)))
		goto out;
	if (ref_id == fp->id) {
		rc = cli_error(a.e.cmd, "floor '%s' cannot be aligned onto itself: --to names another "
				       "level of building '%s'", fp->name, fp->building);
		goto out;
	}
	if (survey_align_floor_to(s, fp->id, ref_id, rel, &err) ||
	    survey_load_floor_ex(s, fp->id, 0, &ref, &err)) {
		rc = cli_fail(a.e.survey, &err);
		goto out;
	}
	printf("floor '%s' aligned onto '%s': shifted (%.3f, %.3f) m and turned %.3f° from it; "
	       "in the building's frame (%.3f, %.3f) m, %.3f°\n", fp->name, a.to, rel.dx_m,
	       rel.dy_m, rel.rot_deg, ref->align.dx_m, ref->align.dy_m, ref->align.rot_deg);
out:
	floorplan_free(ref);
	level_close(&a, s, fp);
	return cli_status(rc);
}

int floor_remove(int argc, char **argv)
{
	struct level_args a;
	struct floorplan *fp = NULL, *whole = NULL;
	struct survey_counts c = { 0 };
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	int rc = level_open(&a, "floor remove", argc, argv, &s, &fp);

	if (rc)
		goto out;
	if (!a.e.floor) {
		rc = cli_usage_error(a.e.cmd, "name the floor to remove with --floor");
		goto out;
	}
	if (survey_load_floor_ex(s, fp->id, SURVEY_LOAD_ELEMENTS, &whole, &err) ||
	    survey_count(s, fp->id, &c, &err) || survey_remove_floor(s, fp->id, a.force, &err)) {
		/* Not forced with walks on it: the sentence says what would go. */
		rc = err.code == -EBUSY ? cli_error(a.e.cmd, "%s; add --force to remove it",
						    err.msg)
					: cli_fail(a.e.survey, &err);
		goto out;
	}
	printf("floor '%s' of building '%s' removed with its drawing, %zu wards, %zu walls, "
	       "%zu openings and %zu APs", fp->name, fp->building, whole->nwards, whole->nwalls,
	       whole->nopenings, whole->naps);
	if (c.walks)
		printf(", and %lld walk%s with %lld samples", (long long)c.walks,
		       c.walks == 1 ? "" : "s", (long long)c.samples);
	printf("\n");
out:
	floorplan_free(whole);
	level_close(&a, s, fp);
	return cli_status(rc);
}
