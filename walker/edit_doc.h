/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * edit_doc.h — the plan editor's document: one floor of an open survey, held
 * in memory as the file holds it, and the history of the edits made to it.
 *
 * Every edit is written to the survey first, as its own transaction (survey.h's
 * one-element calls, survey_update_floor_meta() for the floor's calibration and
 * alignment); only when the file has taken it does the copy in memory change
 * and the edit join the history. A refusal (floorplans/validate.h) or a survey
 * that another process is writing changes neither, and says why in one
 * sentence.
 *
 * Undo and redo are edits like any other, each saved as it is made: undoing an
 * added wall removes it from the file, redoing adds it again. A re-added
 * element gets a new row id; the history follows it, so a later move of that
 * wall still finds it.
 *
 * Nothing here knows of GTK: walker/gui/editor*.c draws edit_doc_floor() and
 * sends the user's edits through edit_tools (edit_tool.h).
 */
#ifndef NOTSPOT_WALKER_EDIT_DOC_H
#define NOTSPOT_WALKER_EDIT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "survey/survey.h"
#include "util/err.h"

/* What an edit changes. */
enum edit_kind {
	EDIT_WARD,
	EDIT_WALL,
	EDIT_OPENING,
	EDIT_AP,
	EDIT_LEVEL,   /* the floor's own calibration, scale, origin and alignment */
};

/* The floor's fields an editor changes (the rest of struct floorplan stays). */
struct edit_level {
	struct fp_calib calib;
	double px_per_m;             /* 0: not calibrated */
	double origin_x_px, origin_y_px;
	struct fp_align align;       /* its frame in the building's */
};

/*
 * One element of any kind. It owns the points of a ward or wall: release it
 * with edit_elem_release(). Its id is the survey's row id (0: not stored).
 */
struct edit_elem {
	enum edit_kind kind;
	union {
		struct fp_ward ward;
		struct fp_wall wall;
		struct fp_opening opening;
		struct fp_ap ap;
		struct edit_level level;
	} u;
};

/**
 * edit_elem_copy() - a deep copy of element @index of @kind on @fp into @out
 * (EDIT_LEVEL: @fp's own fields; @index is ignored). 0, -ENOENT for an index
 * out of range, -ENOMEM.
 */
int edit_elem_copy(const struct floorplan *fp, enum edit_kind kind, size_t index,
		   struct edit_elem *out);

/** edit_elem_dup() - a deep copy of @e into @out. 0 or -ENOMEM. */
int edit_elem_dup(const struct edit_elem *e, struct edit_elem *out);

/** edit_elem_id() - the row id of @e (0 for EDIT_LEVEL). */
int64_t edit_elem_id(const struct edit_elem *e);

/** edit_elem_release() - free the points @e owns and leave it empty. */
void edit_elem_release(struct edit_elem *e);

/** edit_level_of() - @fp's calibration, scale, origin and alignment. */
void edit_level_of(const struct floorplan *fp, struct edit_level *out);

struct edit_doc; /* opaque */

/**
 * edit_doc_open() - the floor @floor_id of @s (borrowed, open read-write; it
 * must outlive the document) with its drawing and elements, and the level
 * below it in the same building (the nearest lower level, drawing included),
 * if there is one. *@out: edit_doc_free() it.
 */
int edit_doc_open(struct survey *s, int64_t floor_id, struct edit_doc **out, struct ns_err *err);

/** edit_doc_free() - free @d (NULL is fine); the survey stays open. */
void edit_doc_free(struct edit_doc *d);

/** edit_doc_floor() - the floor as the file now holds it (borrowed; changes with each edit). */
const struct floorplan *edit_doc_floor(const struct edit_doc *d);

/** edit_doc_below() - the level below this one in its building, or NULL (borrowed). */
const struct floorplan *edit_doc_below(const struct edit_doc *d);

/**
 * edit_doc_index() - where element @id of @kind is in edit_doc_floor()'s
 * arrays, or -1.
 */
int edit_doc_index(const struct edit_doc *d, enum edit_kind kind, int64_t id);

/**
 * edit_add() - store a copy of @e (its id ignored) on the floor; returns the
 * new row id. @what names the edit for undo ("add wall"). The survey's
 * refusal, or -EBUSY with a sentence when another process is writing the file,
 * leave the file, the floor in memory and the history as they were.
 */
int64_t edit_add(struct edit_doc *d, const struct edit_elem *e, const char *what,
		 struct ns_err *err);

/**
 * edit_update() - replace element @e->...id's fields with @e's (EDIT_LEVEL:
 * the floor's calibration, scale, origin and alignment). 0 or -errno, as
 * edit_add().
 */
int edit_update(struct edit_doc *d, const struct edit_elem *e, const char *what,
		struct ns_err *err);

/** edit_remove() - remove element @id of @kind (not EDIT_LEVEL). 0 or -errno, as edit_add(). */
int edit_remove(struct edit_doc *d, enum edit_kind kind, int64_t id, const char *what,
		struct ns_err *err);

/**
 * edit_undo() / edit_redo() - take back the last edit, or make again the last
 * one taken back; each is saved as one transaction. -ENOENT with a sentence
 * when there is nothing to undo (redo); a failed write leaves both histories
 * as they were. A new edit (edit_add() …) forgets what could be redone.
 */
int edit_undo(struct edit_doc *d, struct ns_err *err);
int edit_redo(struct edit_doc *d, struct ns_err *err);

/** edit_undo_what() / edit_redo_what() - what the next undo (redo) takes back, or NULL. */
const char *edit_undo_what(const struct edit_doc *d);
const char *edit_redo_what(const struct edit_doc *d);

/** edit_history_depth() - how many edits can be undone (*@redo: redone; may be NULL). */
size_t edit_history_depth(const struct edit_doc *d, size_t *redo);

#endif
