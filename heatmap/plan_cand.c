/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan_cand.c — where a new AP may go: a ceiling grid over the chosen wards
 * (or their corridors), or the user's list; never inside a lead-lined room or
 * a lift shaft, outside the building, or on a wall (plan.h).
 */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/plan_priv.h"

/* Whether @s holds @word, ignoring case. */
static bool has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return true;
	return false;
}

static bool shielding(const char *material)
{
	return has_word(material, "lead") || has_word(material, "lift");
}

/* Whether segments p–q and a–b cross (strictly). */
static bool crosses(double px, double py, double qx, double qy, struct fp_point a, struct fp_point b)
{
	double d1 = (qx - px) * (a.y - py) - (qy - py) * (a.x - px);
	double d2 = (qx - px) * (b.y - py) - (qy - py) * (b.x - px);
	double d3 = (b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x);
	double d4 = (b.x - a.x) * (qy - a.y) - (b.y - a.y) * (qx - a.x);

	return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

/*
 * Rooms on a 0.5 m raster: cells joined unless a drawn wall lies between
 * their centres (doors closed). A room is shielded when a quarter or more
 * of its boundary is lead-lined or a lift shaft. @sh per cell, @nx × @ny
 * from (@x0, @y0).
 */
struct shield {
	double x0, y0, cell;
	int nx, ny;
	uint8_t *sh;
};

/* Mark edges blocked (1) or blocked by lead (2): right[c] to c+1, down[c] to c+nx. */
static void shield_block(const struct floorplan *fp, const struct shield *s, uint8_t *right,
			 uint8_t *down)
{
	for (size_t w = 0; w < fp->nwalls; w++) {
		const struct fp_wall *wl = &fp->walls[w];
		uint8_t mark = shielding(wl->material) ? 2 : 1;

		for (size_t k = 0; k + 1 < wl->npts; k++) {
			struct fp_point a = wl->pts[k], b = wl->pts[k + 1];
			int i0 = (int)floor((fmin(a.x, b.x) - s->x0) / s->cell) - 1;
			int i1 = (int)floor((fmax(a.x, b.x) - s->x0) / s->cell) + 1;
			int j0 = (int)floor((fmin(a.y, b.y) - s->y0) / s->cell) - 1;
			int j1 = (int)floor((fmax(a.y, b.y) - s->y0) / s->cell) + 1;

			for (int j = j0 < 0 ? 0 : j0; j <= j1 && j < s->ny; j++)
				for (int i = i0 < 0 ? 0 : i0; i <= i1 && i < s->nx; i++) {
					double cx = s->x0 + (i + 0.5) * s->cell, cy = s->y0 + (j + 0.5) * s->cell;
					size_t c = (size_t)j * (size_t)s->nx + (size_t)i;

					if (i + 1 < s->nx && crosses(cx, cy, cx + s->cell, cy, a, b))
						right[c] = right[c] > mark ? right[c] : mark;
					if (j + 1 < s->ny && crosses(cx, cy, cx, cy + s->cell, a, b))
						down[c] = down[c] > mark ? down[c] : mark;
				}
		}
	}
}

/* Flood the room of cell @start; mark it shielded when its boundary is. */
static void shield_room(struct shield *s, const uint8_t *right, const uint8_t *down, int *room,
			size_t start, int id, size_t *stack)
{
	size_t sp = 0, edges = 0, lead = 0;

	room[start] = id;
	stack[sp++] = start;
	while (sp) {
		size_t c = stack[--sp], nb[4];
		uint8_t e[4];
		int i = (int)(c % (size_t)s->nx), j = (int)(c / (size_t)s->nx), k = 0;

		if (i + 1 < s->nx) { nb[k] = c + 1; e[k++] = right[c]; }
		if (i > 0) { nb[k] = c - 1; e[k++] = right[c - 1]; }
		if (j + 1 < s->ny) { nb[k] = c + (size_t)s->nx; e[k++] = down[c]; }
		if (j > 0) { nb[k] = c - (size_t)s->nx; e[k++] = down[c - (size_t)s->nx]; }
		for (int q = 0; q < k; q++) {
			if (e[q]) {
				edges++;
				lead += e[q] == 2;
			} else if (room[nb[q]] < 0) {
				room[nb[q]] = id;
				stack[sp++] = nb[q];
			}
		}
	}
	if (edges && lead * 5 >= edges * 2)
		for (size_t c = 0; c < (size_t)s->nx * (size_t)s->ny; c++)
			if (room[c] == id)
				s->sh[c] = 1;
}

static int shield_build(const struct floorplan *fp, struct shield *s)
{
	double x1 = -INFINITY, y1 = -INFINITY;
	uint8_t *right = NULL, *down = NULL;
	size_t *stack = NULL, nc;
	int *room = NULL, id = 0, rc = -ENOMEM;

	*s = (struct shield){ .x0 = INFINITY, .y0 = INFINITY, .cell = 0.5 };
	for (size_t w = 0; w < fp->nwalls; w++)
		for (size_t k = 0; k < fp->walls[w].npts; k++) {
			s->x0 = fmin(s->x0, fp->walls[w].pts[k].x);
			s->y0 = fmin(s->y0, fp->walls[w].pts[k].y);
			x1 = fmax(x1, fp->walls[w].pts[k].x);
			y1 = fmax(y1, fp->walls[w].pts[k].y);
		}
	if (!isfinite(s->x0) || (x1 - s->x0) * (y1 - s->y0) > 4e6)
		return 0; /* no walls (or a drawing too large): no room is shielded */
	s->x0 -= 1;
	s->y0 -= 1;
	s->nx = (int)ceil((x1 + 1 - s->x0) / s->cell);
	s->ny = (int)ceil((y1 + 1 - s->y0) / s->cell);
	nc = (size_t)s->nx * (size_t)s->ny;
	s->sh = calloc(nc, 1);
	right = calloc(nc, 1);
	down = calloc(nc, 1);
	room = malloc(nc * sizeof(int));
	stack = malloc(nc * sizeof(size_t));
	if (s->sh && right && down && room && stack) {
		shield_block(fp, s, right, down);
		for (size_t c = 0; c < nc; c++)
			room[c] = -1;
		for (size_t c = 0; c < nc; c++)
			if (room[c] < 0)
				shield_room(s, right, down, room, c, id++, stack);
		rc = 0;
	}
	free(right);
	free(down);
	free(room);
	free(stack);
	return rc;
}

static bool shield_at(const struct shield *s, double x, double y)
{
	int i = (int)floor((x - s->x0) / s->cell), j = (int)floor((y - s->y0) / s->cell);

	return s->sh && i >= 0 && j >= 0 && i < s->nx && j < s->ny &&
	       s->sh[(size_t)j * (size_t)s->nx + (size_t)i];
}

bool hm_plan_inside_shielded(const struct floorplan *fp, double x, double y)
{
	struct shield s;
	bool in;

	if (shield_build(fp, &s))
		return false;
	in = shield_at(&s, x, y);
	free(s.sh);
	return in;
}

/* Whether a place is usable: in the map, off the walls, not shielded. */
static bool usable(const struct hm_map *m, const struct floorplan *fp, const struct shield *sh,
		   double x, double y)
{
	struct fp_point q = { x, y };
	int i, j;

	if (!hm_grid_cell_of(&m->grid, q, &i, &j) ||
	    m->cover[(size_t)j * (size_t)m->grid.nx + (size_t)i] == HM_COVER_OUTSIDE)
		return false;
	for (size_t w = 0; w < fp->nwalls; w++)
		for (size_t k = 0; k + 1 < fp->walls[w].npts; k++)
			if (fp_point_segment_distance(q, fp->walls[w].pts[k], fp->walls[w].pts[k + 1]) <
			    0.3)
				return false;
	for (size_t a = 0; a < fp->nareas; a++)
		if (shielding(fp->areas[a].name) || shielding(fp->areas[a].material))
			if (fp_point_in_polygon(fp->areas[a].pts, fp->areas[a].npts, q))
				return false;
	return !shield_at(sh, x, y);
}

static bool corridor(const struct fp_ward *w)
{
	return has_word(w->name, "corridor") || has_word(w->name, "street") ||
	       has_word(w->name, "hall");
}

/* The ward (of those @o allows in @mode) holding @q, or -1. */
static int ward_at(const struct floorplan *fp, const struct hm_plan_opts *o, struct fp_point q)
{
	for (size_t w = 0; w < fp->nwards; w++) {
		bool ok = o->cand_mode == HM_PLAN_CAND_CORRIDORS
				  ? corridor(&fp->wards[w])
				  : w < HM_PLAN_MAX_WARDS && o->wards[w];

		if (ok && fp_point_in_polygon(fp->wards[w].pts, fp->wards[w].npts, q))
			return (int)w;
	}
	return -1;
}

/* The grid at @step over the map: candidates into @p (NULL: only count them). */
static size_t grid_pass(const struct hm_map *m, const struct floorplan *fp,
			const struct hm_plan_opts *o, const struct shield *sh, double step,
			struct hm_plan *p)
{
	const struct hm_grid *g = &m->grid;
	double x1 = g->x0 + g->nx * g->cell_m, y1 = g->y0 + g->ny * g->cell_m;
	size_t n = 0;

	for (double y = g->y0 + step / 2; y < y1; y += step) {
		for (double x = g->x0 + step / 2; x < x1; x += step) {
			int w = ward_at(fp, o, (struct fp_point){ x, y });

			if (w < 0)
				continue;
			if (p && !usable(m, fp, sh, x, y)) {
				p->excluded++;
				continue;
			}
			if (p)
				p->cands[n] = (struct hm_plan_cand){ .x = x, .y = y, .ward = w };
			n++;
		}
	}
	return n;
}

static int list_pass(const struct hm_map *m, const struct floorplan *fp,
		     const struct hm_plan_opts *o, const struct shield *sh, struct hm_plan *p)
{
	for (size_t k = 0; k < o->nlist; k++) {
		const struct hm_plan_cand *c = &o->list[k];
		struct fp_point q = { c->x, c->y };
		int w = -1;

		for (size_t i = 0; i < fp->nwards && w < 0; i++)
			if (fp_point_in_polygon(fp->wards[i].pts, fp->wards[i].npts, q))
				w = (int)i;
		if ((fp->nwards && w < 0) || !usable(m, fp, sh, c->x, c->y)) {
			p->excluded++;
			continue;
		}
		p->cands[p->ncands] = *c;
		p->cands[p->ncands++].ward = w;
	}
	return 0;
}

static int cands_fill(const struct hm_map *m, const struct floorplan *fp,
		      const struct hm_plan_opts *o, const struct shield *sh, double step,
		      size_t cap, struct hm_plan *p, struct ns_err *err);

int plan_candidates(const struct hm_map *m, const struct floorplan *fp,
		    const struct hm_plan_opts *o, struct hm_plan *p, struct ns_err *err)
{
	double step = o->step_m > 0.25 ? o->step_m : 0.25;
	size_t cap = o->cand_mode == HM_PLAN_CAND_LIST ? o->nlist : 0;
	struct shield sh;
	int rc;

	if (o->cand_mode != HM_PLAN_CAND_LIST) {
		while ((cap = grid_pass(m, fp, o, NULL, step, NULL)) > HM_PLAN_GRID_CANDS)
			step *= 1.15;
	}
	if (shield_build(fp, &sh))
		return ns_err_set(err, -ENOMEM, "out of memory planning");
	rc = cands_fill(m, fp, o, &sh, step, cap, p, err);
	free(sh.sh);
	return rc;
}

static int cands_fill(const struct hm_map *m, const struct floorplan *fp,
		      const struct hm_plan_opts *o, const struct shield *sh, double step,
		      size_t cap, struct hm_plan *p, struct ns_err *err)
{
	p->step_m = o->cand_mode == HM_PLAN_CAND_LIST ? NAN : step;
	if (!(p->cands = calloc(cap + 1, sizeof(*p->cands))))
		return ns_err_set(err, -ENOMEM, "out of memory planning");
	if (o->cand_mode == HM_PLAN_CAND_LIST)
		list_pass(m, fp, o, sh, p);
	else
		p->ncands = grid_pass(m, fp, o, sh, step, p);
	if (!p->ncands)
		return ns_err_set(err, -ENOENT,
				  "no candidate place for a new AP (%zu left out: lead-lined, lift, "
				  "outside the wards or on a wall)",
				  p->excluded);
	return 0;
}

/* ---- the user's list ------------------------------------------------------ */

static int add_cand(struct hm_plan_cand **out, size_t *n, double x, double y, const char *name,
		    const char *where, struct ns_err *err)
{
	struct hm_plan_cand *c;

	if (!isfinite(x) || !isfinite(y) || fabs(x) > 1e5 || fabs(y) > 1e5)
		return ns_err_set(err, -EINVAL, "%s: x and y must be metres within 100 km", where);
	if (*n >= HM_PLAN_MAX_CANDS)
		return ns_err_set(err, -EINVAL, "%s: more than %d candidates", where,
				  HM_PLAN_MAX_CANDS);
	if (!(c = realloc(*out, (*n + 1) * sizeof(**out))))
		return ns_err_set(err, -ENOMEM, "out of memory reading candidates");
	*out = c;
	c[*n] = (struct hm_plan_cand){ .x = x, .y = y, .ward = -1 };
	snprintf(c[*n].name, sizeof(c[*n].name), "%s", name ? name : "");
	(*n)++;
	return 0;
}

static int parse_json(const char *text, size_t len, struct hm_plan_cand **out, size_t *n,
		      struct ns_err *err)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je), *arr;
	char where[48];
	int rc = 0;

	if (!root)
		return ns_err_set(err, -EINVAL, "candidates: JSON line %d: %s", je.line, je.text);
	arr = json_is_array(root) ? root : json_object_get(root, "candidates");
	if (!json_is_array(arr)) {
		json_decref(root);
		return ns_err_set(err, -EINVAL, "candidates: expected an array \"candidates\"");
	}
	for (size_t i = 0; i < json_array_size(arr) && !rc; i++) {
		json_t *v = json_array_get(arr, i), *x = json_object_get(v, "x"),
		       *y = json_object_get(v, "y"), *nm = json_object_get(v, "name");

		snprintf(where, sizeof(where), "candidates: item %zu", i + 1);
		if (!json_is_object(v) || !json_is_number(x) || !json_is_number(y) ||
		    (nm && !json_is_string(nm)))
			rc = ns_err_set(err, -EINVAL, "%s: needs numbers \"x\", \"y\" (and a "
					"string \"name\")", where);
		else
			rc = add_cand(out, n, json_number_value(x), json_number_value(y),
				      nm ? json_string_value(nm) : NULL, where, err);
	}
	json_decref(root);
	return rc;
}

/* One CSV line "x,y[,name]" (@line NUL-terminated, no newline). */
static int parse_csv_line(char *line, size_t lineno, struct hm_plan_cand **out, size_t *n,
			  struct ns_err *err)
{
	char where[48], *end, *name;
	double x, y;

	snprintf(where, sizeof(where), "candidates: line %zu", lineno);
	while (isspace((unsigned char)*line))
		line++;
	if (!*line || *line == '#')
		return 0;
	x = strtod(line, &end);
	if (end == line) /* a header ("x,y,name") */
		return lineno == 1 ? 0 : ns_err_set(err, -EINVAL, "%s: expected x,y[,name]", where);
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end != ',')
		return ns_err_set(err, -EINVAL, "%s: expected x,y[,name]", where);
	line = end + 1;
	y = strtod(line, &end);
	while (end != line && (*end == ' ' || *end == '\t'))
		end++;
	if (end == line || (*end && *end != ',' && !isspace((unsigned char)*end)))
		return ns_err_set(err, -EINVAL, "%s: expected x,y[,name]", where);
	name = *end == ',' ? end + 1 : NULL;
	if (name)
		name[strcspn(name, "\r")] = 0;
	return add_cand(out, n, x, y, name, where, err);
}

int hm_plan_parse_candidates(const char *text, size_t len, struct hm_plan_cand **out, size_t *n,
			     struct ns_err *err)
{
	size_t i = 0, lineno = 0;
	char line[512];
	int rc = 0;

	*out = NULL;
	*n = 0;
	while (i < len && isspace((unsigned char)text[i]))
		i++;
	if (i < len && (text[i] == '{' || text[i] == '['))
		rc = parse_json(text, len, out, n, err);
	else
		for (i = 0; i < len && !rc;) {
			size_t k = 0;

			lineno++;
			while (i < len && text[i] != '\n') {
				if (k + 1 >= sizeof(line) || text[i] == 0) {
					rc = ns_err_set(err, -EINVAL, "candidates: line %zu is "
							"too long or holds a NUL", lineno);
					break;
				}
				line[k++] = text[i++];
			}
			i++;
			line[k] = 0;
			if (!rc)
				rc = parse_csv_line(line, lineno, out, n, err);
		}
	if (!rc && !*n)
		rc = ns_err_set(err, -EINVAL, "candidates: no place given");
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
