/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * edit_tool.c — the editor's tools: the dispatcher, Select, the prompts,
 * undo and redo, what to show. The drawing tools are in edit_tool_draw.c.
 * See edit_tool.h.
 */
#include "walker/edit_tool_private.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/calibrate.h"

const struct edit_tool_info edit_tool_infos[TOOL_COUNT] = {
	[TOOL_SELECT] = { "Select", 'S', "pick, drag to move, Delete removes" },
	[TOOL_CALIBRATE] = { "Calibrate", 'C', "two points and the distance between them" },
	[TOOL_WALL] = { "Walls", 'W', "click corners, double-click or Enter ends" },
	[TOOL_DOOR] = { "Doors", 'D', "click on a wall" },
	[TOOL_WARD] = { "Wards", 'R', "click the outline, then type its name" },
	[TOOL_AP] = { "APs", 'A', "click to place a planned AP" },
	[TOOL_ALIGN] = { "Align", 'L', "lay this level onto the one below" },
};

const char *const edit_wall_materials[EDIT_NWALL_MATERIALS] = {
	"plasterboard", "glass", "brick", "concrete", "fire-door",
	"lift-shaft", "lead-lined", "glass-low-e", "wooden-door",
};

const char *const edit_door_kinds[EDIT_NDOOR_KINDS] = {
	"doorway", "wooden-door", "fire-door", "glass",
};

static const char *const kind_names[] = { "ward", "wall", "door", "AP", "floor" };

/* ---- shared helpers ------------------------------------------------------------------ */

void tools_say(struct edit_tools *t, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof(t->message), fmt, ap);
	va_end(ap);
	t->msg_error = error;
}

static const struct floorplan *floor_of(const struct edit_tools *t)
{
	return edit_doc_floor(t->doc);
}

bool tools_need_scale(struct edit_tools *t)
{
	if (floor_of(t)->px_per_m > 0)
		return true;
	tools_say(t, true, "this floor has no scale yet: calibrate it first (C: click two points, "
		  "type the distance)");
	return false;
}

struct fp_point tools_m(const struct edit_tools *t, double px, double py)
{
	const struct floorplan *fp = floor_of(t);

	if (fp->px_per_m <= 0)
		return (struct fp_point){ px, py };
	return fp_px_to_m(fp, px, py);
}

double tools_tol_m(const struct edit_tools *t, double tol_px)
{
	const struct floorplan *fp = floor_of(t);

	return fp->px_per_m > 0 ? tol_px / fp->px_per_m : tol_px;
}

int tools_push_point(struct edit_tools *t, struct fp_point p)
{
	if (t->npts == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		struct fp_point *q = realloc(t->pts, cap * sizeof(*q));

		if (!q)
			return -ENOMEM;
		t->pts = q;
		t->cap = cap;
	}
	t->pts[t->npts++] = p;
	return 0;
}

/* Drop whatever is half done: corners, calibration points, pairs, a prompt, a drag. */
void tools_drop(struct edit_tools *t)
{
	t->npts = 0;
	t->ncalib = 0;
	t->npairs = 0;
	t->prompt = PROMPT_NONE;
	t->rename_id = 0;
	t->have_door = false;
	if (t->dragging) {
		edit_elem_release(&t->orig);
		edit_elem_release(&t->moving);
		t->dragging = false;
	}
	t->align_dragging = false;
}

/* ---- life ------------------------------------------------------------------------------ */

struct edit_tools *edit_tools_new(struct edit_doc *d)
{
	struct edit_tools *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->doc = d;
	t->tool = TOOL_SELECT;
	t->material = 2;          /* brick */
	t->door_kind = 1;         /* wooden door */
	t->door_width_m = EDIT_DOOR_WIDTH_M;
	t->sel.index = -1;
	return t;
}

void edit_tools_free(struct edit_tools *t)
{
	if (!t)
		return;
	tools_drop(t);
	free(t->pts);
	free(t);
}

struct edit_doc *edit_tools_doc(const struct edit_tools *t)
{
	return t->doc;
}

void edit_tools_set(struct edit_tools *t, enum edit_tool_id id)
{
	if (id >= TOOL_COUNT)
		return;
	tools_drop(t);
	t->tool = id;
	t->aligning = false;
	if (id != TOOL_SELECT)
		t->sel.index = -1;
	t->message[0] = '\0';
	if (id == TOOL_ALIGN)
		align_enter(t);
}

enum edit_tool_id edit_tools_current(const struct edit_tools *t)
{
	return t->tool;
}

/* ---- moving with Select (and APs) ---------------------------------------------------------- */

bool tools_move_begin(struct edit_tools *t, struct fp_point p, double tol_m, bool aps_only)
{
	struct edit_hit h;

	if (!edit_hit_test(floor_of(t), p, tol_m, &h) || (aps_only && h.kind != EDIT_AP))
		return false;
	t->sel = h;
	if (edit_elem_copy(floor_of(t), h.kind, (size_t)h.index, &t->orig))
		return false;
	if (edit_elem_dup(&t->orig, &t->moving)) {
		edit_elem_release(&t->orig);
		return false;
	}
	t->dragging = true;
	t->moved = false;
	t->drag_from = p;
	t->drag_tol_m = tol_m;
	return true;
}

static void shift_points(struct fp_point *dst, const struct fp_point *src, size_t n, int vertex,
			 double dx, double dy)
{
	for (size_t i = 0; i < n; i++) {
		if (vertex >= 0 && (size_t)vertex != i)
			continue;
		dst[i].x = src[i].x + dx;
		dst[i].y = src[i].y + dy;
	}
}

void tools_move_update(struct edit_tools *t, struct fp_point p)
{
	double dx = p.x - t->drag_from.x, dy = p.y - t->drag_from.y;
	struct edit_elem *m = &t->moving, *o = &t->orig;
	int v = t->sel.vertex;

	if (!t->dragging)
		return;
	switch (m->kind) {
	case EDIT_WARD: shift_points(m->u.ward.pts, o->u.ward.pts, o->u.ward.npts, v, dx, dy); break;
	case EDIT_WALL:
		/* A corner dragged alone lands on another wall's corner when near one. */
		if (v >= 0) {
			struct fp_point at = { o->u.wall.pts[v].x + dx, o->u.wall.pts[v].y + dy }, s;

			if (edit_snap_corner(floor_of(t), NULL, 0, at, t->drag_tol_m, &s) &&
			    (fabs(s.x - o->u.wall.pts[v].x) > 1e-9 || fabs(s.y - o->u.wall.pts[v].y) > 1e-9)) {
				dx = s.x - o->u.wall.pts[v].x;
				dy = s.y - o->u.wall.pts[v].y;
			}
		}
		shift_points(m->u.wall.pts, o->u.wall.pts, o->u.wall.npts, v, dx, dy);
		break;
	case EDIT_OPENING:
		shift_points(&m->u.opening.a, &o->u.opening.a, 1, -1, dx, dy);
		shift_points(&m->u.opening.b, &o->u.opening.b, 1, -1, dx, dy);
		break;
	case EDIT_AP: shift_points(&m->u.ap.pos, &o->u.ap.pos, 1, -1, dx, dy); break;
	case EDIT_LEVEL: break;
	}
	t->moved = dx != 0 || dy != 0;
}

void tools_move_end(struct edit_tools *t)
{
	struct ns_err err = { 0 };
	char what[48];
	const char *kind = kind_names[t->moving.kind];

	if (!t->dragging)
		return;
	snprintf(what, sizeof(what), "move %s%s", t->sel.vertex >= 0 ? "a corner of a " : "", kind);
	if (!t->moved)
		; /* not moved: nothing to save */
	else if (edit_update(t->doc, &t->moving, what, &err) < 0)
		tools_say(t, true, "%s", err.msg);
	else
		tools_say(t, false, "Saved: %s (Ctrl+Z takes it back)", what);
	edit_elem_release(&t->orig);
	edit_elem_release(&t->moving);
	t->dragging = false;
	/* The element keeps its place in the arrays: the selection stays valid. */
}

/* ---- Select ---------------------------------------------------------------------------------- */

static void select_click(struct edit_tools *t, struct fp_point p, double tol_m)
{
	const struct floorplan *fp = floor_of(t);
	struct edit_hit h;

	if (!edit_hit_test(fp, p, tol_m, &h)) {
		t->sel.index = -1;
		t->message[0] = '\0';
		return;
	}
	t->sel = h;
	t->message[0] = '\0';
	switch (h.kind) {
	case EDIT_WARD:
		snprintf(t->sel_what, sizeof(t->sel_what),
			 "Ward '%s' · drag to move%s · F2 renames · Delete removes · Esc deselects",
			  fp->wards[h.index].name, h.vertex >= 0 ? " this corner" : "");
		break;
	case EDIT_WALL:
		snprintf(t->sel_what, sizeof(t->sel_what),
			 "Wall: %s, %zu corner%s · drag to move%s · Delete removes · Esc deselects",
			  fp->walls[h.index].material, fp->walls[h.index].npts,
			  fp->walls[h.index].npts == 1 ? "" : "s", h.vertex >= 0 ? " this corner" : "");
		break;
	case EDIT_OPENING:
		snprintf(t->sel_what, sizeof(t->sel_what),
			 "Door: %s, %.2f m · drag to move · Delete removes · Esc deselects",
			 fp->openings[h.index].kind,
			  hypot(fp->openings[h.index].b.x - fp->openings[h.index].a.x,
				fp->openings[h.index].b.y - fp->openings[h.index].a.y));
		break;
	case EDIT_AP:
		snprintf(t->sel_what, sizeof(t->sel_what),
			 "AP '%s' (%s) · drag to move · F2 renames · Delete removes · Esc deselects",
			  fp->aps[h.index].name, fp->aps[h.index].source);
		break;
	case EDIT_LEVEL: break;
	}
}

static void select_delete(struct edit_tools *t)
{
	const struct floorplan *fp = floor_of(t);
	struct edit_elem e;
	struct ns_err err = { 0 };
	char what[48];

	if (t->sel.index < 0) {
		tools_say(t, true, "nothing is selected: click an element first");
		return;
	}
	if (edit_elem_copy(fp, t->sel.kind, (size_t)t->sel.index, &e))
		return;
	snprintf(what, sizeof(what), "remove %s", kind_names[e.kind]);
	if (edit_remove(t->doc, e.kind, edit_elem_id(&e), what, &err) < 0)
		tools_say(t, true, "%s", err.msg);
	else
		tools_say(t, false, "Removed the %s (Ctrl+Z brings it back)", kind_names[e.kind]);
	edit_elem_release(&e);
	t->sel.index = -1;
}

/* F2: name the selected ward or AP again. */
static void select_rename(struct edit_tools *t)
{
	const struct floorplan *fp = floor_of(t);

	if (t->sel.index < 0 || (t->sel.kind != EDIT_WARD && t->sel.kind != EDIT_AP)) {
		tools_say(t, true, "select a ward or an AP to rename it");
		return;
	}
	t->rename_kind = t->sel.kind;
	if (t->sel.kind == EDIT_WARD) {
		t->rename_id = fp->wards[t->sel.index].id;
		t->prompt = PROMPT_WARD_NAME;
		snprintf(t->initial, sizeof(t->initial), "%s", fp->wards[t->sel.index].name);
	} else {
		t->rename_id = fp->aps[t->sel.index].id;
		t->prompt = PROMPT_AP_NAME;
		snprintf(t->initial, sizeof(t->initial), "%s", fp->aps[t->sel.index].name);
	}
	snprintf(t->question, sizeof(t->question), "New name of the %s:",
		 kind_names[t->sel.kind]);
}

static void rename_answer(struct edit_tools *t, const char *text)
{
	struct edit_elem e;
	struct ns_err err = { 0 };
	int i = edit_doc_index(t->doc, t->rename_kind, t->rename_id);

	if (i < 0 || edit_elem_copy(floor_of(t), t->rename_kind, (size_t)i, &e)) {
		tools_drop(t);
		return;
	}
	if (e.kind == EDIT_WARD)
		snprintf(e.u.ward.name, sizeof(e.u.ward.name), "%s", text);
	else
		snprintf(e.u.ap.name, sizeof(e.u.ap.name), "%s", text);
	if (!text[0])
		tools_say(t, true, "a %s needs a name", kind_names[e.kind]);
	else if (edit_update(t->doc, &e, e.kind == EDIT_WARD ? "rename ward" : "rename AP", &err) < 0)
		tools_say(t, true, "%s", err.msg);
	else {
		tools_say(t, false, "Renamed the %s '%s'", kind_names[e.kind], text);
		t->prompt = PROMPT_NONE;
		t->rename_id = 0;
	}
	edit_elem_release(&e);
}

/* ---- input ------------------------------------------------------------------------------------ */

void edit_tools_hover(struct edit_tools *t, double px, double py, double tol_px)
{
	struct fp_point p = tools_m(t, px, py);
	double tol = tools_tol_m(t, tol_px);

	t->have_cursor = true;
	t->snapped = false;
	t->cursor = p;
	if (t->tool == TOOL_CALIBRATE || floor_of(t)->px_per_m <= 0) {
		t->have_cursor = false;
		return;
	}
	if (t->tool == TOOL_WALL || t->tool == TOOL_WARD)
		t->cursor = wall_snap(t, p, tol, &t->snapped);
	else if (t->tool == TOOL_DOOR)
		door_hover(t, p, 3 * tol);
}

void edit_tools_click(struct edit_tools *t, double px, double py, double tol_px, int n)
{
	struct fp_point p = tools_m(t, px, py);
	double tol = tools_tol_m(t, tol_px);

	if (t->tool == TOOL_CALIBRATE) {
		if (n == 1)
			calib_click(t, px, py);
		return;
	}
	if (t->tool != TOOL_SELECT && !tools_need_scale(t))
		return;
	switch (t->tool) {
	case TOOL_SELECT: select_click(t, p, tol); break;
	case TOOL_WALL: wall_click(t, p, tol, n); break;
	case TOOL_DOOR: if (n == 1) door_click(t, p, 3 * tol); break;
	case TOOL_WARD: ward_click(t, p, tol, n); break;
	case TOOL_AP: if (n == 1) ap_click(t, p); break;
	case TOOL_ALIGN: if (n == 1) align_click(t, p); break;
	default: break;
	}
}

bool edit_tools_drag_begin(struct edit_tools *t, double px, double py, double tol_px)
{
	struct fp_point p = tools_m(t, px, py);

	if (floor_of(t)->px_per_m <= 0)
		return false;
	if (t->tool == TOOL_SELECT || t->tool == TOOL_AP)
		return tools_move_begin(t, p, tools_tol_m(t, tol_px), t->tool == TOOL_AP);
	if (t->tool == TOOL_ALIGN && t->aligning) {
		align_drag(t, p, true);
		return true;
	}
	return false;
}

void edit_tools_drag_update(struct edit_tools *t, double px, double py)
{
	struct fp_point p = tools_m(t, px, py);

	if (t->dragging)
		tools_move_update(t, p);
	else if (t->align_dragging)
		align_drag(t, p, false);
}

void edit_tools_drag_end(struct edit_tools *t, double px, double py)
{
	edit_tools_drag_update(t, px, py);
	if (t->dragging)
		tools_move_end(t);
	t->align_dragging = false;
}

bool edit_tools_key(struct edit_tools *t, enum edit_key k, bool shift)
{
	if (k == EKEY_ESCAPE && t->prompt != PROMPT_NONE) {
		tools_say(t, false, "%s", t->prompt == PROMPT_DISTANCE ? "Calibration dropped"
					  : t->rename_id ? "Name kept" : "Dropped: nothing was saved");
		tools_drop(t);
		return true;
	}
	switch (t->tool) {
	case TOOL_SELECT:
		if (k == EKEY_DELETE || k == EKEY_BACKSPACE) {
			select_delete(t);
			return true;
		}
		if (k == EKEY_RENAME || (k == EKEY_ENTER && t->sel.index >= 0)) {
			select_rename(t);
			return true;
		}
		if (k == EKEY_ESCAPE && t->sel.index >= 0) {
			t->sel.index = -1;
			return true;
		}
		return false;
	case TOOL_CALIBRATE: return calib_key(t, k, shift);
	case TOOL_WALL: return wall_key(t, k);
	case TOOL_DOOR: return door_key(t, k, shift);
	case TOOL_WARD: return ward_key(t, k);
	case TOOL_ALIGN: return align_key(t, k, shift);
	default: return false;
	}
}

bool edit_tools_digit(struct edit_tools *t, int n)
{
	if (t->tool == TOOL_WALL)
		return wall_digit(t, n);
	if (t->tool == TOOL_DOOR && n >= 1 && n <= EDIT_NDOOR_KINDS) {
		t->door_kind = n - 1;
		tools_say(t, false, "Doors: %s", edit_door_kinds[n - 1]);
		return true;
	}
	return false;
}

enum edit_prompt edit_tools_prompt(const struct edit_tools *t, const char **question,
				   const char **initial)
{
	if (question)
		*question = t->question;
	if (initial)
		*initial = t->initial;
	return t->prompt;
}

void edit_tools_answer(struct edit_tools *t, const char *text)
{
	char buf[64];
	size_t n;

	/* Names keep what was typed, without the spaces around it. */
	while (*text == ' ')
		text++;
	n = strlen(text);
	while (n && text[n - 1] == ' ')
		n--;
	snprintf(buf, sizeof(buf), "%.*s", (int)n, text);
	if (t->rename_id && t->prompt != PROMPT_DISTANCE) {
		rename_answer(t, buf);
		return;
	}
	switch (t->prompt) {
	case PROMPT_DISTANCE: calib_answer(t, buf); break;
	case PROMPT_WARD_NAME: ward_answer(t, buf); break;
	case PROMPT_AP_NAME: ap_answer(t, buf); break;
	case PROMPT_NONE: break;
	}
}

static void after_history(struct edit_tools *t)
{
	t->sel.index = -1;
	if (t->tool == TOOL_ALIGN)
		align_enter(t);
}

void edit_tools_undo(struct edit_tools *t)
{
	struct ns_err err = { 0 };
	char what[48];

	snprintf(what, sizeof(what), "%s", edit_undo_what(t->doc) ? edit_undo_what(t->doc) : "");
	if (edit_undo(t->doc, &err) < 0)
		tools_say(t, true, "%s", err.msg);
	else
		tools_say(t, false, "Undone: %s (saved; Ctrl+Shift+Z redoes it)", what);
	after_history(t);
}

void edit_tools_redo(struct edit_tools *t)
{
	struct ns_err err = { 0 };
	char what[48];

	snprintf(what, sizeof(what), "%s", edit_redo_what(t->doc) ? edit_redo_what(t->doc) : "");
	if (edit_redo(t->doc, &err) < 0)
		tools_say(t, true, "%s", err.msg);
	else
		tools_say(t, false, "Redone: %s (saved)", what);
	after_history(t);
}

/* ---- what to show ----------------------------------------------------------------------------- */

static const char *draw_hint(const struct edit_tools *t)
{
	switch (t->tool) {
	case TOOL_WALL:
		return t->npts ? "Next corner · double-click / Enter ends · first corner closes · "
				 "Backspace drops one · Esc cancels"
			       : "Click where the wall starts · 1–9 picks the material";
	case TOOL_DOOR:
		return "Click on a wall to put a door there · 1–4 kind · [ ] width";
	case TOOL_WARD:
		return t->npts ? "Next corner · first corner / double-click / Enter closes · Esc cancels"
			       : "Click the ward's first corner";
	case TOOL_AP:
		return "Click where a planned AP goes · drag an AP to move it";
	default:
		return "";
	}
}

const char *edit_tools_hint(struct edit_tools *t)
{
	const char *h = "";

	if (t->prompt != PROMPT_NONE)
		return "Type, then Enter · Esc drops it";
	switch (t->tool) {
	case TOOL_SELECT:
		h = t->sel.index >= 0 ? t->sel_what
				      : "Click an element to select it · drag empty space to pan";
		break;
	case TOOL_CALIBRATE:
		h = t->ncalib == 0 ? "Click one end of a feature whose length you know (the loupe shows "
				     "the pixel)"
				   : "Click the other end · arrow keys move the last point by a pixel";
		break;
	case TOOL_ALIGN:
		if (!t->aligning)
			h = "No level below this one to align to";
		else if (t->npairs % 2)
			h = "Now click the same corner on the level below (blue)";
		else
			h = t->npairs ? "Click a second corner on this level (black)"
				      : "Drag the level below (blue) · [ ] turn · Enter saves · or click "
					"pairs: here, then below";
		break;
	default:
		h = floor_of(t)->px_per_m > 0 ? draw_hint(t)
					      : "This floor has no scale yet: calibrate it first (C)";
		break;
	}
	snprintf(t->hint, sizeof(t->hint), "%s", h);
	return t->hint;
}

const char *edit_tools_message(const struct edit_tools *t, bool *error)
{
	if (error)
		*error = t->msg_error;
	return t->message;
}

const char *edit_tools_material(const struct edit_tools *t)
{
	return edit_wall_materials[t->material];
}

const char *edit_tools_door_kind(const struct edit_tools *t)
{
	return edit_door_kinds[t->door_kind];
}

double edit_tools_door_width(const struct edit_tools *t)
{
	return t->door_width_m;
}

void edit_tools_view(const struct edit_tools *t, struct edit_view *v)
{
	memset(v, 0, sizeof(*v));
	v->pts = t->npts ? t->pts : NULL;
	v->npts = t->npts;
	v->calib = t->calib;
	v->ncalib = t->ncalib;
	v->have_cursor = t->have_cursor;
	v->cursor = t->cursor;
	v->snapped = t->snapped;
	v->have_door = t->have_door && t->tool == TOOL_DOOR;
	v->door_a = t->door_a;
	v->door_b = t->door_b;
	v->selection = t->sel;
	v->moving = t->dragging ? &t->moving : NULL;
	v->aligning = t->aligning;
	v->rel = t->rel;
	v->pairs = t->pairs;
	v->npairs = t->npairs;
}

int edit_parse_metres(const char *text, double *m)
{
	char buf[64], *end;
	size_t n = 0;
	double v;

	for (const char *c = text; *c && n + 1 < sizeof(buf); c++)
		buf[n++] = *c == ',' ? '.' : *c;
	buf[n] = '\0';
	v = strtod(buf, &end);
	if (end == buf)
		return -EINVAL;
	while (*end == ' ')
		end++;
	if (*end == 'm')
		end++;
	while (*end == ' ')
		end++;
	if (*end || !isfinite(v) || v <= 0)
		return -EINVAL;
	*m = v;
	return 0;
}
