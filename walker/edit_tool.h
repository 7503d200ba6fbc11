/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * edit_tool.h — the plan editor's tools: what a click, a drag, a key or a
 * typed answer does to the floor, as a state machine the GTK window only
 * feeds (walker/gui/editor*.c) and the tests drive directly.
 *
 * Positions come in pixels of the floor's working raster (the drawing's own
 * frame, which exists before the floor has a scale), with a tolerance in the
 * same pixels: a few screen pixels at the current zoom, so every target keeps
 * its size on the screen. Edits go to the survey through edit_doc.h, one
 * transaction each; what the model refuses comes back as one sentence in
 * edit_tools_message() and nothing is stored.
 *
 * The tools:
 *   Select (S)     click picks, drag moves an element or one corner, Delete
 *                  removes, F2 renames a ward or AP
 *   Calibrate (C)  click two points (arrow keys move the last one by a pixel),
 *                  type the distance between them
 *   Walls (W)      click corners; double-click or Enter ends the wall, a click
 *                  on its first corner closes it; Esc cancels; corners snap to
 *                  wall corners; 1…9 pick the material (mid-wall: the next
 *                  stretch takes it)
 *   Doors (D)      click on a wall: an opening of the chosen kind (1…4) and
 *                  width ([ and ]) lies on it
 *   Wards (R)      click the outline's corners, close it (first corner, Enter
 *                  or double-click), type its name
 *   APs (A)        click to place a planned AP and name it; drag one to move it
 *   Align (L)      the level below is drawn underneath: drag it (and turn it
 *                  with [ and ]) then Enter; or click a corner here, the same
 *                  corner below, a second pair, and it is saved
 */
#ifndef NOTSPOT_WALKER_EDIT_TOOL_H
#define NOTSPOT_WALKER_EDIT_TOOL_H

#include <stdbool.h>
#include <stddef.h>

#include "floorplans/model.h"
#include "walker/edit_doc.h"
#include "walker/edit_snap.h"

enum edit_tool_id {
	TOOL_SELECT,
	TOOL_CALIBRATE,
	TOOL_WALL,
	TOOL_DOOR,
	TOOL_WARD,
	TOOL_AP,
	TOOL_ALIGN,
	TOOL_COUNT,
};

/* A tool's name and the key that picks it ("Walls", 'W'). */
struct edit_tool_info {
	const char *name;
	char key;
	const char *what;  /* one line: what it does */
};
extern const struct edit_tool_info edit_tool_infos[TOOL_COUNT];

/* Materials on the digit keys: edit_wall_materials[0] is key 1. */
#define EDIT_NWALL_MATERIALS 9
extern const char *const edit_wall_materials[EDIT_NWALL_MATERIALS];
#define EDIT_NDOOR_KINDS 4
extern const char *const edit_door_kinds[EDIT_NDOOR_KINDS];

/* Door widths, m: the default is a single hospital door that takes a bed. */
#define EDIT_DOOR_WIDTH_M 1.2
#define EDIT_DOOR_MIN_M 0.5
#define EDIT_DOOR_MAX_M 4.0

/* The keys the tools understand; the window maps its keys onto them. */
enum edit_key {
	EKEY_ENTER,
	EKEY_ESCAPE,
	EKEY_DELETE,       /* Delete: remove the selection */
	EKEY_BACKSPACE,    /* drop the last corner drawn; else as Delete */
	EKEY_LEFT, EKEY_RIGHT, EKEY_UP, EKEY_DOWN, /* move a calibration point by a pixel */
	EKEY_MORE,         /* ]: a wider door; turn the level below clockwise */
	EKEY_LESS,         /* [: a narrower door; turn it anticlockwise */
	EKEY_RENAME,       /* F2 */
};

/* What the window must ask for in its text entry. */
enum edit_prompt {
	PROMPT_NONE,
	PROMPT_DISTANCE,   /* metres between the two calibration points */
	PROMPT_WARD_NAME,
	PROMPT_AP_NAME,
};

struct edit_tools; /* opaque */

/** edit_tools_new() - the tools on @d (borrowed, must outlive them); Select is on. NULL: no memory. */
struct edit_tools *edit_tools_new(struct edit_doc *d);
void edit_tools_free(struct edit_tools *t);

/** edit_tools_set() - change to tool @id, dropping what the last one had half done. */
void edit_tools_set(struct edit_tools *t, enum edit_tool_id id);
enum edit_tool_id edit_tools_current(const struct edit_tools *t);

/* ---- input ---------------------------------------------------------------------- */

/** edit_tools_hover() - the pointer is at (@px, @py): where a click would land now. */
void edit_tools_hover(struct edit_tools *t, double px, double py, double tol_px);

/**
 * edit_tools_click() - a click (@n 1) or the second click of a double-click
 * (@n 2, after the first was sent as a click) at (@px, @py).
 */
void edit_tools_click(struct edit_tools *t, double px, double py, double tol_px, int n);

/**
 * edit_tools_drag_begin() / _update() / _end() - a drag with the main button.
 * _begin returns false when the tool has no use for it (the window pans).
 * A move is saved once, at _end.
 */
bool edit_tools_drag_begin(struct edit_tools *t, double px, double py, double tol_px);
void edit_tools_drag_update(struct edit_tools *t, double px, double py);
void edit_tools_drag_end(struct edit_tools *t, double px, double py);

/** edit_tools_key() - @k pressed (@shift held); false when the tool has no use for it. */
bool edit_tools_key(struct edit_tools *t, enum edit_key k, bool shift);

/** edit_tools_digit() - digit key @n (1…9): a wall material or a door kind. False if unused. */
bool edit_tools_digit(struct edit_tools *t, int n);

/**
 * edit_tools_prompt() - what to ask now, with its question and the text to
 * offer (both borrowed until the next call on @t), or PROMPT_NONE.
 */
enum edit_prompt edit_tools_prompt(const struct edit_tools *t, const char **question,
				   const char **initial);

/** edit_tools_answer() - the text typed at the prompt (Enter). A refusal keeps the prompt. */
void edit_tools_answer(struct edit_tools *t, const char *text);

/** edit_tools_undo() / _redo() - Ctrl+Z / Ctrl+Shift+Z: the last saved edit, saved again. */
void edit_tools_undo(struct edit_tools *t);
void edit_tools_redo(struct edit_tools *t);

/* ---- what to show ------------------------------------------------------------------ */

/** edit_tools_hint() - what to do next with the current tool, one line. */
const char *edit_tools_hint(struct edit_tools *t);

/**
 * edit_tools_message() - the outcome of the last action, one sentence ("" if
 * none yet); *@error (may be NULL) says whether it was a refusal.
 */
const char *edit_tools_message(const struct edit_tools *t, bool *error);

/** edit_tools_material() / _door_kind() / _door_width() - the current choices. */
const char *edit_tools_material(const struct edit_tools *t);
const char *edit_tools_door_kind(const struct edit_tools *t);
double edit_tools_door_width(const struct edit_tools *t);

/*
 * What the tool has in hand, to draw over the floor. Points are floor metres,
 * except the calibration points: raster pixels.
 */
struct edit_view {
	const struct fp_point *pts;   /* corners placed so far (wall, ward), or NULL */
	size_t npts;
	const struct fp_point *calib; /* calibration points placed, px */
	size_t ncalib;
	bool have_cursor;             /* where a click would land now (snapped), metres */
	struct fp_point cursor;
	bool snapped;                 /* the cursor sits on a corner */
	bool have_door;               /* the door a click would place */
	struct fp_point door_a, door_b;
	struct edit_hit selection;    /* index -1: none */
	const struct edit_elem *moving; /* the element as it is being dragged, or NULL */
	bool aligning;                /* the level below is shown, placed by @rel */
	struct fp_align rel;          /* this level's metres to the level below's */
	const struct fp_point *pairs; /* alignment pairs so far: here, below, here, below */
	size_t npairs;
};

/** edit_tools_view() - fill @v (borrowing from @t until its next call). */
void edit_tools_view(const struct edit_tools *t, struct edit_view *v);

/** edit_tools_doc() - the document the tools edit. */
struct edit_doc *edit_tools_doc(const struct edit_tools *t);

/**
 * edit_parse_metres() - a distance typed by a person: "80", "80 m", "12,5",
 * "12.5m". 0 and *@m, or -EINVAL for anything else (and for ≤ 0).
 */
int edit_parse_metres(const char *text, double *m);

#endif
