/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * edit_tool_draw.c — the tools that put something on the floor: Calibrate,
 * Walls, Doors, Wards, APs and Align. See edit_tool.h.
 */
#include "walker/edit_tool_private.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "floorplans/building.h"
#include "floorplans/calibrate.h"
#include "floorplans/geometry.h"
#include "floorplans/validate.h"

static const struct floorplan *floor_of(const struct edit_tools *t)
{
	return edit_doc_floor(t->doc);
}

static bool same_place(struct fp_point a, struct fp_point b, double tol)
{
	return hypot(a.x - b.x, a.y - b.y) <= tol;
}

/* ---- Calibrate ------------------------------------------------------------------------ */

/* The question, with how far apart the points are now. */
static void calib_question(struct edit_tools *t)
{
	snprintf(t->question, sizeof(t->question), "Distance between the two points, metres "
		 "(%.0f px apart):", hypot(t->calib[1].x - t->calib[0].x, t->calib[1].y - t->calib[0].y));
}

void calib_click(struct edit_tools *t, double px, double py)
{
	if (t->ncalib >= 2)
		t->ncalib = 0; /* a third click starts again */
	t->calib[t->ncalib++] = (struct fp_point){ round(px), round(py) };
	t->message[0] = '\0';
	if (t->ncalib < 2) {
		t->prompt = PROMPT_NONE;
		return;
	}
	t->prompt = PROMPT_DISTANCE;
	calib_question(t);
	t->initial[0] = '\0';
}

bool calib_key(struct edit_tools *t, enum edit_key k, bool shift)
{
	double step = shift ? 10 : 1;
	struct fp_point *p = t->ncalib ? &t->calib[t->ncalib - 1] : NULL;

	switch (k) {
	case EKEY_ESCAPE:
	case EKEY_BACKSPACE:
		if (!t->ncalib)
			return false;
		t->ncalib = k == EKEY_ESCAPE ? 0 : t->ncalib - 1;
		t->prompt = PROMPT_NONE;
		return true;
	case EKEY_LEFT: if (!p) return false; p->x -= step; break;
	case EKEY_RIGHT: if (!p) return false; p->x += step; break;
	case EKEY_UP: if (!p) return false; p->y -= step; break;
	case EKEY_DOWN: if (!p) return false; p->y += step; break;
	default: return false;
	}
	if (t->ncalib == 2)
		calib_question(t);
	tools_say(t, false, "Point %zu at pixel (%.0f, %.0f)", t->ncalib, p->x, p->y);
	return true;
}

void calib_answer(struct edit_tools *t, const char *text)
{
	const struct floorplan *fp = floor_of(t);
	struct edit_elem e = { .kind = EDIT_LEVEL };
	struct ns_err err = { 0 };
	struct fp_point a = t->calib[0], b = t->calib[1];
	double m, ppm;

	if (edit_parse_metres(text, &m) < 0) {
		tools_say(t, true, "'%s' is not a distance: type metres, e.g. 12.5", text);
		return;
	}
	if (fp_scale_from_points(a.x, a.y, b.x, b.y, m, &ppm, &err) < 0) {
		tools_say(t, true, "%s", err.msg);
		return;
	}
	edit_level_of(fp, &e.u.level);
	e.u.level.calib = (struct fp_calib){ a.x, a.y, b.x, b.y, m };
	e.u.level.px_per_m = ppm;
	if (edit_update(t->doc, &e, "calibrate", &err) < 0) {
		tools_say(t, true, "%s", err.msg);
		return;
	}
	tools_say(t, false, "Saved the scale: %.2f px per metre (%.0f px = %g m); the drawing is "
		  "%.1f × %.1f m", ppm, hypot(b.x - a.x, b.y - a.y), m, floorplan_width_m(fp),
		  floorplan_height_m(fp));
	t->ncalib = 0;
	t->prompt = PROMPT_NONE;
}

/* ---- Walls ------------------------------------------------------------------------------- */

struct fp_point wall_snap(struct edit_tools *t, struct fp_point p, double tol_m, bool *snapped)
{
	struct fp_point s;

	*snapped = edit_snap_corner(floor_of(t), t->pts, t->npts, p, tol_m, &s);
	return *snapped ? s : p;
}

/* Store the wall drawn so far; on success start afresh (or from its last corner, @go_on). */
static bool wall_commit(struct edit_tools *t, bool go_on)
{
	const struct fp_material *mat = fp_material_find(edit_wall_materials[t->material]);
	struct fp_wall w = { .pts = t->pts, .npts = t->npts };
	struct edit_elem e = { .kind = EDIT_WALL };
	struct ns_err err = { 0 };
	double len = 0;

	if (t->npts < 2) {
		tools_say(t, true, "a wall needs two corners at least: click where it ends");
		return false;
	}
	snprintf(w.material, sizeof(w.material), "%s", mat->key);
	memcpy(w.loss_db, mat->loss_db, sizeof(w.loss_db));
	e.u.wall = w;
	if (edit_add(t->doc, &e, "add wall", &err) < 0) {
		tools_say(t, true, "%s", err.msg);
		return false;
	}
	for (size_t i = 0; i + 1 < t->npts; i++)
		len += hypot(t->pts[i + 1].x - t->pts[i].x, t->pts[i + 1].y - t->pts[i].y);
	tools_say(t, false, "Saved a %s wall: %zu stretch%s, %.1f m", mat->key, t->npts - 1,
		  t->npts == 2 ? "" : "es", len);
	t->pts[0] = t->pts[t->npts - 1];
	t->npts = go_on ? 1 : 0;
	return true;
}

void wall_click(struct edit_tools *t, struct fp_point p, double tol_m, int n)
{
	bool snapped;

	if (n >= 2) {
		wall_commit(t, false);
		return;
	}
	p = wall_snap(t, p, tol_m, &snapped);
	/* The first corner again: the room is closed, and that is the wall. */
	if (t->npts >= 3 && same_place(p, t->pts[0], 1e-9)) {
		if (!tools_push_point(t, t->pts[0]))
			wall_commit(t, false);
		return;
	}
	if (t->npts && same_place(p, t->pts[t->npts - 1], 1e-9))
		return;
	if (tools_push_point(t, p))
		tools_say(t, true, "out of memory");
}

bool wall_key(struct edit_tools *t, enum edit_key k)
{
	switch (k) {
	case EKEY_ENTER:
		wall_commit(t, false);
		return true;
	case EKEY_ESCAPE:
		if (!t->npts)
			return false;
		t->npts = 0;
		tools_say(t, false, "Wall dropped: nothing was saved");
		return true;
	case EKEY_BACKSPACE:
		if (!t->npts)
			return false;
		t->npts--;
		return true;
	default:
		return false;
	}
}

bool wall_digit(struct edit_tools *t, int n)
{
	if (n < 1 || n > EDIT_NWALL_MATERIALS)
		return false;
	/* Mid-wall: what is drawn keeps its material, the next stretch takes the new one. */
	if (t->npts >= 2 && !wall_commit(t, true))
		return true;
	t->material = n - 1;
	if (t->npts < 2)
		tools_say(t, false, "Walls: %s", edit_wall_materials[n - 1]);
	return true;
}

/* ---- Doors --------------------------------------------------------------------------------- */

void door_hover(struct edit_tools *t, struct fp_point p, double tol_m)
{
	struct edit_on_wall w;

	t->have_door = edit_on_wall(floor_of(t), p, tol_m, &w);
	if (t->have_door)
		edit_door_on_wall(floor_of(t), &w, t->door_width_m, &t->door_a, &t->door_b);
}

void door_click(struct edit_tools *t, struct fp_point p, double tol_m)
{
	const struct fp_material *mat = fp_material_find(edit_door_kinds[t->door_kind]);
	struct edit_elem e = { .kind = EDIT_OPENING };
	struct ns_err err = { 0 };

	door_hover(t, p, tol_m);
	if (!t->have_door) {
		tools_say(t, true, "a door goes in a wall: click on one (there is none here)");
		return;
	}
	e.u.opening.a = t->door_a;
	e.u.opening.b = t->door_b;
	snprintf(e.u.opening.kind, sizeof(e.u.opening.kind), "%s", mat->key);
	memcpy(e.u.opening.loss_db, mat->loss_db, sizeof(e.u.opening.loss_db));
	if (edit_add(t->doc, &e, "add door", &err) < 0)
		tools_say(t, true, "%s", err.msg);
	else
		tools_say(t, false, "Saved a door: %s, %.2f m wide", mat->key,
			  hypot(t->door_b.x - t->door_a.x, t->door_b.y - t->door_a.y));
}

bool door_key(struct edit_tools *t, enum edit_key k, bool shift)
{
	double step = shift ? 0.5 : 0.1;

	if (k != EKEY_MORE && k != EKEY_LESS)
		return false;
	t->door_width_m += k == EKEY_MORE ? step : -step;
	t->door_width_m = fmin(fmax(round(t->door_width_m * 10) / 10, EDIT_DOOR_MIN_M),
			       EDIT_DOOR_MAX_M);
	tools_say(t, false, "Doors %.1f m wide", t->door_width_m);
	return true;
}

/* ---- Wards --------------------------------------------------------------------------------- */

/* The outline is closed: the model's refusal, or the question of its name. */
static void ward_close(struct edit_tools *t)
{
	struct ns_err err = { 0 };

	if (fp_check_outline(floor_of(t), "the ward", t->pts, t->npts, &err) < 0) {
		tools_say(t, true, "%s", err.msg);
		return;
	}
	t->prompt = PROMPT_WARD_NAME;
	t->rename_id = 0;
	snprintf(t->question, sizeof(t->question), "Name of this ward (%.1f m²):",
		 fp_polygon_area(t->pts, t->npts));
	t->initial[0] = '\0';
	t->message[0] = '\0';
}

void ward_click(struct edit_tools *t, struct fp_point p, double tol_m, int n)
{
	bool snapped;

	if (t->prompt != PROMPT_NONE)
		return;
	if (n >= 2) {
		ward_close(t);
		return;
	}
	p = wall_snap(t, p, tol_m, &snapped);
	if (t->npts >= 3 && same_place(p, t->pts[0], 1e-9)) {
		ward_close(t);
		return;
	}
	if (t->npts && same_place(p, t->pts[t->npts - 1], 1e-9))
		return;
	if (tools_push_point(t, p))
		tools_say(t, true, "out of memory");
}

bool ward_key(struct edit_tools *t, enum edit_key k)
{
	switch (k) {
	case EKEY_ENTER:
		if (t->prompt == PROMPT_NONE)
			ward_close(t);
		return true;
	case EKEY_ESCAPE:
		if (!t->npts)
			return false;
		t->npts = 0;
		tools_say(t, false, "Ward dropped: nothing was saved");
		return true;
	case EKEY_BACKSPACE:
		if (!t->npts)
			return false;
		t->npts--;
		return true;
	default:
		return false;
	}
}

void ward_answer(struct edit_tools *t, const char *text)
{
	struct edit_elem e = { .kind = EDIT_WARD };
	struct ns_err err = { 0 };

	if (!text[0]) {
		tools_say(t, true, "a ward needs a name: type one, or Esc to drop the ward");
		return;
	}
	snprintf(e.u.ward.name, sizeof(e.u.ward.name), "%s", text);
	e.u.ward.pts = t->pts;
	e.u.ward.npts = t->npts;
	if (edit_add(t->doc, &e, "add ward", &err) < 0) {
		tools_say(t, true, "%s", err.msg);
		return;
	}
	tools_say(t, false, "Saved ward '%s' (%.1f m²)", text, fp_polygon_area(t->pts, t->npts));
	t->npts = 0;
	t->prompt = PROMPT_NONE;
}

/* ---- APs ------------------------------------------------------------------------------------ */

void ap_click(struct edit_tools *t, struct fp_point p)
{
	const struct floorplan *fp = floor_of(t);
	int n = (int)fp->naps + 1;

	/* The first "AP-NN" not taken on the floor. */
	for (bool taken = true; taken; n++) {
		snprintf(t->initial, sizeof(t->initial), "AP-%02d", n);
		taken = false;
		for (size_t i = 0; i < fp->naps; i++)
			taken = taken || strcmp(fp->aps[i].name, t->initial) == 0;
	}
	t->ap_at = p;
	t->prompt = PROMPT_AP_NAME;
	t->rename_id = 0;
	snprintf(t->question, sizeof(t->question), "Name of this planned AP:");
}

void ap_answer(struct edit_tools *t, const char *text)
{
	struct edit_elem e = { .kind = EDIT_AP };
	struct ns_err err = { 0 };

	if (!text[0]) {
		tools_say(t, true, "an AP needs a name: type one, or Esc to drop it");
		return;
	}
	fp_ap_init(&e.u.ap);
	snprintf(e.u.ap.name, sizeof(e.u.ap.name), "%s", text);
	snprintf(e.u.ap.source, sizeof(e.u.ap.source), "planned");
	e.u.ap.pos = t->ap_at;
	if (edit_add(t->doc, &e, "add AP", &err) < 0) {
		tools_say(t, true, "%s", err.msg);
		return;
	}
	tools_say(t, false, "Saved planned AP '%s' at (%.1f, %.1f) m", text, t->ap_at.x, t->ap_at.y);
	t->prompt = PROMPT_NONE;
}

/* ---- Align ------------------------------------------------------------------------------------ */

void align_enter(struct edit_tools *t)
{
	const struct floorplan *below = edit_doc_below(t->doc);

	t->aligning = below != NULL && floor_of(t)->px_per_m > 0 && below->px_per_m > 0;
	t->npairs = 0;
	if (!below) {
		tools_say(t, true, "floor '%s' has no level below it in its building: nothing to "
			  "align to", floor_of(t)->name);
		return;
	}
	if (!t->aligning) {
		tools_say(t, true, "both levels need a scale before they can be aligned: calibrate "
			  "'%s' first", floor_of(t)->px_per_m > 0 ? below->name : floor_of(t)->name);
		return;
	}
	t->rel = edit_align_relative(floor_of(t), below);
}

/* Store @rel (this level's metres onto the level below's) as the floor's alignment. */
static void align_save(struct edit_tools *t, struct fp_align rel)
{
	const struct floorplan *below = edit_doc_below(t->doc);
	struct edit_elem e = { .kind = EDIT_LEVEL };
	struct ns_err err = { 0 };

	edit_level_of(floor_of(t), &e.u.level);
	e.u.level.align = fp_align_compose(below->align, rel);
	if (edit_update(t->doc, &e, "align the level", &err) < 0) {
		tools_say(t, true, "%s", err.msg);
		return;
	}
	t->rel = rel;
	/* Said in this level's frame on the level below's, not as the underlay was moved. */
	tools_say(t, false, "Saved the alignment onto '%s': this level's origin lies at "
		  "(%.2f, %.2f) m on it, turned %.1f° clockwise", below->name, rel.dx_m, rel.dy_m,
		  rel.rot_deg);
}

void align_click(struct edit_tools *t, struct fp_point p)
{
	struct fp_point ref[2];
	struct fp_align rel;
	struct ns_err err = { 0 };

	if (!t->aligning)
		return;
	t->pairs[t->npairs++] = p;
	if (t->npairs < 4)
		return;
	/* Where the underlay's corners were clicked, in the level below's own metres. */
	ref[0] = edit_align_apply(t->rel, t->pairs[1]);
	ref[1] = edit_align_apply(t->rel, t->pairs[3]);
	t->npairs = 0;
	if (fp_align_from_pairs(t->pairs[0], t->pairs[2], ref[0], ref[1], &rel, &err) < 0) {
		tools_say(t, true, "%s", err.msg);
		return;
	}
	align_save(t, rel);
}

/* The centre of this level's drawing, metres: what [ and ] turn the level below about. */
static struct fp_point centre(const struct floorplan *fp)
{
	return fp_px_to_m(fp, fp->width_px / 2.0, fp->height_px / 2.0);
}

bool align_key(struct edit_tools *t, enum edit_key k, bool shift)
{
	const struct floorplan *below = edit_doc_below(t->doc);

	if (!t->aligning)
		return false;
	if (k == EKEY_ENTER) {
		align_save(t, t->rel);
		return true;
	}
	if (k == EKEY_ESCAPE) {
		t->npairs = 0;
		t->rel = edit_align_relative(floor_of(t), below);
		tools_say(t, false, "Alignment as saved");
		return true;
	}
	if (k == EKEY_MORE || k == EKEY_LESS) {
		/* Turning the level below by θ about c is this level's frame turned by −θ about c. */
		double th = (k == EKEY_MORE ? 1 : -1) * (shift ? 5 : 0.5);
		struct fp_point c = centre(floor_of(t));
		struct fp_align turn = { 0, 0, -th };
		struct fp_point rc = edit_align_apply(turn, c);

		turn.dx_m = c.x - rc.x;
		turn.dy_m = c.y - rc.y;
		t->rel = fp_align_compose(t->rel, turn);
		tools_say(t, false, "The level below turned %.1f° clockwise · Enter saves, Esc goes back",
			  -t->rel.rot_deg);
		return true;
	}
	return false;
}

void align_drag(struct edit_tools *t, struct fp_point p, bool begin)
{
	if (begin) {
		t->align_dragging = true;
		t->rel_start = t->rel;
		t->drag_from = p;
		t->npairs = 0;
		return;
	}
	/* The level below follows the pointer: this level's frame moves the other way. */
	t->rel = fp_align_compose(t->rel_start, (struct fp_align){ t->drag_from.x - p.x,
								 t->drag_from.y - p.y, 0 });
	tools_say(t, false, "Moved · Enter saves, Esc goes back");
}
