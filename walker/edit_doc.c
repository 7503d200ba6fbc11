/* SPDX-License-Identifier: GPL-3.0-or-later */
/* edit_doc.c — the plan editor's floor and its history of edits. See edit_doc.h. */
#include "walker/edit_doc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One edit as the history keeps it: what was there before and what is there after. */
enum op_type { OP_ADD, OP_REMOVE, OP_UPDATE };

struct edit_op {
	enum op_type type;
	struct edit_elem before;     /* OP_REMOVE, OP_UPDATE */
	struct edit_elem after;      /* OP_ADD, OP_UPDATE */
	char what[48];               /* "add wall", shown as "undo add wall" */
};

struct op_stack {
	struct edit_op *ops;
	size_t n, cap;
};

struct edit_doc {
	struct survey *sv;           /* borrowed */
	struct floorplan *fp;        /* the floor as the file holds it */
	struct floorplan *below;     /* the level below, or NULL */
	struct op_stack undo, redo;
};

/* ---- elements --------------------------------------------------------------------- */

static struct fp_point *dup_points(const struct fp_point *p, size_t n)
{
	struct fp_point *q = malloc((n ? n : 1) * sizeof(*q));

	if (q && n)
		memcpy(q, p, n * sizeof(*q));
	return q;
}

int edit_elem_dup(const struct edit_elem *e, struct edit_elem *out)
{
	*out = *e;
	if (e->kind == EDIT_WARD) {
		out->u.ward.pts = dup_points(e->u.ward.pts, e->u.ward.npts);
		if (!out->u.ward.pts)
			return -ENOMEM;
	} else if (e->kind == EDIT_WALL) {
		out->u.wall.pts = dup_points(e->u.wall.pts, e->u.wall.npts);
		if (!out->u.wall.pts)
			return -ENOMEM;
	}
	return 0;
}

void edit_level_of(const struct floorplan *fp, struct edit_level *out)
{
	out->calib = fp->calib;
	out->px_per_m = fp->px_per_m;
	out->origin_x_px = fp->origin_x_px;
	out->origin_y_px = fp->origin_y_px;
	out->align = fp->align;
}

int edit_elem_copy(const struct floorplan *fp, enum edit_kind kind, size_t index,
		   struct edit_elem *out)
{
	struct edit_elem e = { .kind = kind };
	size_t n[] = { fp->nwards, fp->nwalls, fp->nopenings, fp->naps, 1 };

	memset(out, 0, sizeof(*out));
	out->kind = kind;
	if (index >= n[kind])
		return -ENOENT;
	switch (kind) {
	case EDIT_WARD: e.u.ward = fp->wards[index]; break;
	case EDIT_WALL: e.u.wall = fp->walls[index]; break;
	case EDIT_OPENING: e.u.opening = fp->openings[index]; break;
	case EDIT_AP: e.u.ap = fp->aps[index]; break;
	case EDIT_LEVEL: edit_level_of(fp, &e.u.level); break;
	}
	return edit_elem_dup(&e, out);
}

int64_t edit_elem_id(const struct edit_elem *e)
{
	switch (e->kind) {
	case EDIT_WARD: return e->u.ward.id;
	case EDIT_WALL: return e->u.wall.id;
	case EDIT_OPENING: return e->u.opening.id;
	case EDIT_AP: return e->u.ap.id;
	case EDIT_LEVEL: break;
	}
	return 0;
}

static void set_elem_id(struct edit_elem *e, int64_t id)
{
	switch (e->kind) {
	case EDIT_WARD: e->u.ward.id = id; break;
	case EDIT_WALL: e->u.wall.id = id; break;
	case EDIT_OPENING: e->u.opening.id = id; break;
	case EDIT_AP: e->u.ap.id = id; break;
	case EDIT_LEVEL: break;
	}
}

void edit_elem_release(struct edit_elem *e)
{
	if (e->kind == EDIT_WARD)
		fp_ward_release(&e->u.ward);
	else if (e->kind == EDIT_WALL)
		fp_wall_release(&e->u.wall);
}

/* ---- the floor in memory ---------------------------------------------------------------- */

int edit_doc_index(const struct edit_doc *d, enum edit_kind kind, int64_t id)
{
	const struct floorplan *fp = d->fp;

	for (size_t i = 0;; i++) {
		switch (kind) {
		case EDIT_WARD:
			if (i >= fp->nwards) return -1;
			if (fp->wards[i].id == id) return (int)i;
			break;
		case EDIT_WALL:
			if (i >= fp->nwalls) return -1;
			if (fp->walls[i].id == id) return (int)i;
			break;
		case EDIT_OPENING:
			if (i >= fp->nopenings) return -1;
			if (fp->openings[i].id == id) return (int)i;
			break;
		case EDIT_AP:
			if (i >= fp->naps) return -1;
			if (fp->aps[i].id == id) return (int)i;
			break;
		case EDIT_LEVEL:
			return 0;
		}
	}
}

/* Append @e (already stored, with its id) to the floor in memory. */
static int mirror_add(struct floorplan *fp, const struct edit_elem *e)
{
	int rc;

	switch (e->kind) {
	case EDIT_WARD:
		rc = floorplan_add_ward(fp, e->u.ward.name, e->u.ward.pts, e->u.ward.npts);
		if (!rc)
			fp->wards[fp->nwards - 1].id = e->u.ward.id;
		return rc;
	case EDIT_WALL:
		rc = floorplan_add_wall(fp, e->u.wall.pts, e->u.wall.npts, e->u.wall.material,
					e->u.wall.loss_db);
		if (!rc)
			fp->walls[fp->nwalls - 1].id = e->u.wall.id;
		return rc;
	case EDIT_OPENING:
		rc = floorplan_add_opening(fp, e->u.opening.a, e->u.opening.b, e->u.opening.kind,
					   e->u.opening.loss_db);
		if (!rc)
			fp->openings[fp->nopenings - 1].id = e->u.opening.id;
		return rc;
	case EDIT_AP:
		return floorplan_add_ap(fp, &e->u.ap);
	case EDIT_LEVEL:
		break;
	}
	return -EINVAL;
}

/* Take element @id of @kind out of the floor in memory, keeping the order of the rest. */
static void mirror_remove(struct floorplan *fp, enum edit_kind kind, int i)
{
	if (i < 0)
		return;
#define DROP(arr, n, rel)                                                              \
	do {                                                                           \
		rel;                                                                   \
		memmove(&fp->arr[i], &fp->arr[i + 1], (fp->n - (size_t)i - 1) * sizeof(*fp->arr)); \
		fp->n--;                                                               \
	} while (0)
	switch (kind) {
	case EDIT_WARD: DROP(wards, nwards, fp_ward_release(&fp->wards[i])); break;
	case EDIT_WALL: DROP(walls, nwalls, fp_wall_release(&fp->walls[i])); break;
	case EDIT_OPENING: DROP(openings, nopenings, (void)0); break;
	case EDIT_AP: DROP(aps, naps, (void)0); break;
	case EDIT_LEVEL: break;
	}
#undef DROP
}

/* Put @e's fields in place of element @i of its kind (EDIT_LEVEL: the floor's own). */
static int mirror_update(struct floorplan *fp, int i, const struct edit_elem *e)
{
	struct edit_elem copy;

	if (e->kind == EDIT_LEVEL) {
		fp->calib = e->u.level.calib;
		fp->px_per_m = e->u.level.px_per_m;
		fp->origin_x_px = e->u.level.origin_x_px;
		fp->origin_y_px = e->u.level.origin_y_px;
		fp->align = e->u.level.align;
		return 0;
	}
	if (i < 0)
		return -ENOENT;
	if (edit_elem_dup(e, &copy))
		return -ENOMEM;
	switch (e->kind) {
	case EDIT_WARD:
		fp_ward_release(&fp->wards[i]);
		fp->wards[i] = copy.u.ward;
		break;
	case EDIT_WALL:
		fp_wall_release(&fp->walls[i]);
		fp->walls[i] = copy.u.wall;
		break;
	case EDIT_OPENING: fp->openings[i] = copy.u.opening; break;
	case EDIT_AP: fp->aps[i] = copy.u.ap; break;
	case EDIT_LEVEL: break;
	}
	return 0;
}

/* ---- the file ----------------------------------------------------------------------------- */

/*
 * A write the survey did not take because another process holds it: say so in
 * words an engineer can act on, not SQLite's.
 */
static int written(int64_t rc, struct ns_err *err)
{
	if (rc == -EBUSY)
		return ns_err_set(err, -EBUSY, "another program is writing this survey (a walk being "
				  "recorded?): nothing was changed, try again in a moment");
	return rc < 0 ? (int)rc : 0;
}

static int64_t store_add(struct edit_doc *d, const struct edit_elem *e, struct ns_err *err)
{
	int64_t fl = d->fp->id, rc = -EINVAL;

	switch (e->kind) {
	case EDIT_WARD: rc = survey_add_ward(d->sv, fl, &e->u.ward, err); break;
	case EDIT_WALL: rc = survey_add_wall(d->sv, fl, &e->u.wall, err); break;
	case EDIT_OPENING: rc = survey_add_opening(d->sv, fl, &e->u.opening, err); break;
	case EDIT_AP: rc = survey_add_ap(d->sv, fl, &e->u.ap, err); break;
	case EDIT_LEVEL: break;
	}
	return rc < 0 ? written(rc, err) : rc;
}

static int store_update(struct edit_doc *d, const struct edit_elem *e, struct ns_err *err)
{
	struct floorplan level;
	int rc = -EINVAL;

	switch (e->kind) {
	case EDIT_WARD: rc = survey_update_ward(d->sv, &e->u.ward, err); break;
	case EDIT_WALL: rc = survey_update_wall(d->sv, &e->u.wall, err); break;
	case EDIT_OPENING: rc = survey_update_opening(d->sv, &e->u.opening, err); break;
	case EDIT_AP: rc = survey_update_ap(d->sv, &e->u.ap, err); break;
	case EDIT_LEVEL:
		/* A shallow copy: the call reads the floor's own fields only. */
		level = *d->fp;
		mirror_update(&level, 0, e);
		rc = survey_update_floor_meta(d->sv, &level, err);
		break;
	}
	return written(rc, err);
}

static int store_remove(struct edit_doc *d, enum edit_kind kind, int64_t id, struct ns_err *err)
{
	int rc = -EINVAL;

	switch (kind) {
	case EDIT_WARD: rc = survey_remove_ward(d->sv, id, err); break;
	case EDIT_WALL: rc = survey_remove_wall(d->sv, id, err); break;
	case EDIT_OPENING: rc = survey_remove_opening(d->sv, id, err); break;
	case EDIT_AP: rc = survey_remove_ap(d->sv, id, err); break;
	case EDIT_LEVEL: break;
	}
	return written(rc, err);
}

/* After the file took an edit, the floor in memory could not follow (out of memory). */
static int out_of_step(struct ns_err *err)
{
	return ns_err_set(err, -ENOMEM, "the edit was saved but the editor ran out of memory "
			  "showing it: close and reopen the editor");
}

/* ---- the history ----------------------------------------------------------------------- */

static void op_release(struct edit_op *op)
{
	edit_elem_release(&op->before);
	edit_elem_release(&op->after);
}

static void stack_clear(struct op_stack *st)
{
	for (size_t i = 0; i < st->n; i++)
		op_release(&st->ops[i]);
	st->n = 0;
}

static int stack_reserve(struct op_stack *st)
{
	struct edit_op *ops;
	size_t cap;

	if (st->n < st->cap)
		return 0;
	cap = st->cap ? st->cap * 2 : 32;
	ops = realloc(st->ops, cap * sizeof(*ops));
	if (!ops)
		return -ENOMEM;
	st->ops = ops;
	st->cap = cap;
	return 0;
}

/* A re-added element has a new row id: every edit in the history that names it follows. */
static void remap(struct edit_doc *d, enum edit_kind kind, int64_t from, int64_t to)
{
	struct op_stack *stacks[] = { &d->undo, &d->redo };

	for (size_t s = 0; s < 2; s++) {
		for (size_t i = 0; i < stacks[s]->n; i++) {
			struct edit_op *op = &stacks[s]->ops[i];

			if (op->before.kind == kind && edit_elem_id(&op->before) == from)
				set_elem_id(&op->before, to);
			if (op->after.kind == kind && edit_elem_id(&op->after) == from)
				set_elem_id(&op->after, to);
		}
	}
}

/* Re-add @e (an element the history removed): stored, followed, shown. */
static int readd(struct edit_doc *d, struct edit_elem *e, struct ns_err *err)
{
	int64_t old = edit_elem_id(e), id = store_add(d, e, err);

	if (id < 0)
		return (int)id;
	remap(d, e->kind, old, id);
	set_elem_id(e, id);
	return mirror_add(d->fp, e) ? out_of_step(err) : 0;
}

static int unstore(struct edit_doc *d, const struct edit_elem *e, struct ns_err *err)
{
	int rc = store_remove(d, e->kind, edit_elem_id(e), err);

	if (!rc)
		mirror_remove(d->fp, e->kind, edit_doc_index(d, e->kind, edit_elem_id(e)));
	return rc;
}

static int restore(struct edit_doc *d, const struct edit_elem *e, struct ns_err *err)
{
	int rc = store_update(d, e, err);

	if (!rc && mirror_update(d->fp, edit_doc_index(d, e->kind, edit_elem_id(e)), e))
		return out_of_step(err);
	return rc;
}

/* Make @op happen (@forward) or take it back, in the file and in memory. */
static int play(struct edit_doc *d, struct edit_op *op, bool forward, struct ns_err *err)
{
	switch (op->type) {
	case OP_ADD:
		return forward ? readd(d, &op->after, err) : unstore(d, &op->after, err);
	case OP_REMOVE:
		return forward ? unstore(d, &op->before, err) : readd(d, &op->before, err);
	case OP_UPDATE:
		return restore(d, forward ? &op->after : &op->before, err);
	}
	return -EINVAL;
}

/* Keep @op (taken) as the newest edit; what could be redone is forgotten. */
static void push(struct edit_doc *d, struct edit_op *op)
{
	stack_clear(&d->redo);
	if (stack_reserve(&d->undo)) {
		op_release(op); /* the edit stands; only its undo is lost */
		return;
	}
	d->undo.ops[d->undo.n++] = *op;
}

static void set_what(struct edit_op *op, const char *what)
{
	snprintf(op->what, sizeof(op->what), "%s", what ? what : "edit");
}

int64_t edit_add(struct edit_doc *d, const struct edit_elem *e, const char *what,
		 struct ns_err *err)
{
	struct edit_op op = { .type = OP_ADD };
	int64_t id;

	if (e->kind == EDIT_LEVEL)
		return ns_err_set(err, -EINVAL, "a floor's calibration is changed, not added");
	if (edit_elem_dup(e, &op.after))
		return ns_err_set(err, -ENOMEM, "out of memory");
	op.before.kind = e->kind;
	set_what(&op, what);
	id = store_add(d, &op.after, err);
	if (id < 0) {
		op_release(&op);
		return id;
	}
	set_elem_id(&op.after, id);
	if (mirror_add(d->fp, &op.after)) {
		op_release(&op);
		return out_of_step(err);
	}
	push(d, &op);
	return id;
}

int edit_update(struct edit_doc *d, const struct edit_elem *e, const char *what,
		struct ns_err *err)
{
	struct edit_op op = { .type = OP_UPDATE };
	int i = edit_doc_index(d, e->kind, edit_elem_id(e));
	int rc;

	if (i < 0)
		return ns_err_set(err, -ENOENT, "that element is no longer on the floor");
	if (edit_elem_copy(d->fp, e->kind, (size_t)i, &op.before) || edit_elem_dup(e, &op.after)) {
		op_release(&op);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	set_what(&op, what);
	rc = restore(d, &op.after, err);
	if (rc) {
		op_release(&op);
		return rc;
	}
	push(d, &op);
	return 0;
}

int edit_remove(struct edit_doc *d, enum edit_kind kind, int64_t id, const char *what,
		struct ns_err *err)
{
	struct edit_op op = { .type = OP_REMOVE };
	int i = edit_doc_index(d, kind, id);
	int rc;

	if (kind == EDIT_LEVEL || i < 0)
		return ns_err_set(err, -ENOENT, "that element is no longer on the floor");
	if (edit_elem_copy(d->fp, kind, (size_t)i, &op.before))
		return ns_err_set(err, -ENOMEM, "out of memory");
	op.after.kind = kind;
	set_what(&op, what);
	rc = unstore(d, &op.before, err);
	if (rc) {
		op_release(&op);
		return rc;
	}
	push(d, &op);
	return 0;
}

/* Move the newest edit of @from to @to by playing it (@forward or back). */
static int shift(struct edit_doc *d, struct op_stack *from, struct op_stack *to, bool forward,
		 const char *none, struct ns_err *err)
{
	int rc;

	if (!from->n)
		return ns_err_set(err, -ENOENT, "%s", none);
	if (stack_reserve(to))
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = play(d, &from->ops[from->n - 1], forward, err);
	if (rc)
		return rc;
	to->ops[to->n++] = from->ops[--from->n];
	return 0;
}

int edit_undo(struct edit_doc *d, struct ns_err *err)
{
	return shift(d, &d->undo, &d->redo, false, "nothing to undo", err);
}

int edit_redo(struct edit_doc *d, struct ns_err *err)
{
	return shift(d, &d->redo, &d->undo, true, "nothing to redo", err);
}

const char *edit_undo_what(const struct edit_doc *d)
{
	return d->undo.n ? d->undo.ops[d->undo.n - 1].what : NULL;
}

const char *edit_redo_what(const struct edit_doc *d)
{
	return d->redo.n ? d->redo.ops[d->redo.n - 1].what : NULL;
}

size_t edit_history_depth(const struct edit_doc *d, size_t *redo)
{
	if (redo)
		*redo = d->redo.n;
	return d->undo.n;
}

/* ---- opening ---------------------------------------------------------------------------- */

/* The nearest lower level of @fp's building, or 0 when there is none. */
static int64_t floor_below(struct survey *sv, const struct floorplan *fp, struct ns_err *err)
{
	struct survey_floor_info *fl = NULL;
	size_t n = 0;
	int64_t best = 0;
	int best_level = 0;
	int rc = survey_list_floors(sv, &fl, &n, err);

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (fl[i].id == fp->id || fl[i].building_id != fp->building_id ||
		    fl[i].level >= fp->level)
			continue;
		if (!best || fl[i].level > best_level) {
			best = fl[i].id;
			best_level = fl[i].level;
		}
	}
	free(fl);
	return best;
}

int edit_doc_open(struct survey *s, int64_t floor_id, struct edit_doc **out, struct ns_err *err)
{
	struct edit_doc *d = calloc(1, sizeof(*d));
	int64_t below;
	int rc;

	*out = NULL;
	if (!d)
		return ns_err_set(err, -ENOMEM, "out of memory");
	d->sv = s;
	rc = survey_load_floor_ex(s, floor_id, SURVEY_LOAD_ALL, &d->fp, err);
	if (rc < 0)
		goto fail;
	below = floor_below(s, d->fp, err);
	if (below < 0) {
		rc = (int)below;
		goto fail;
	}
	if (below > 0 && (rc = survey_load_floor_ex(s, below, SURVEY_LOAD_ALL, &d->below, err)) < 0)
		goto fail;
	*out = d;
	return 0;
fail:
	edit_doc_free(d);
	return rc;
}

void edit_doc_free(struct edit_doc *d)
{
	if (!d)
		return;
	stack_clear(&d->undo);
	stack_clear(&d->redo);
	free(d->undo.ops);
	free(d->redo.ops);
	floorplan_free(d->fp);
	floorplan_free(d->below);
	free(d);
}

const struct floorplan *edit_doc_floor(const struct edit_doc *d)
{
	return d->fp;
}

const struct floorplan *edit_doc_below(const struct edit_doc *d)
{
	return d->below;
}
