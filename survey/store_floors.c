/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_floors.c — floors: the floor row (its building and level, elevation,
 * height and slab, alignment and calibration, scale, and its drawing), stored
 * and loaded with its elements (store_elements.c) a floor at a time, each in
 * one transaction; its own fields updated without the drawing; aligning one
 * floor onto another; listing, finding and removing floors.
 *
 * The row goes in and out through its description (store_schema.c, the
 * drawing last); the building's name comes from the buildings table.
 */
#include "survey/store_private.h"

#include <errno.h>
#include <stdlib.h>

#include "floorplans/building.h"
#include "floorplans/validate.h"

/* ---- the floor row -------------------------------------------------------------- */

int store_load_floor_row(struct survey *s, int64_t floor_id, bool drawing,
			 struct floorplan **out, struct ns_err *err)
{
	static const char what[] = "cannot read the floor";
	struct floorplan *fp = floorplan_new();
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	if (!fp)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_select_ex(s, &store_floors, "WHERE id = ?", !drawing, &st, what, err);
	if (rc)
		goto fail;
	sqlite3_bind_int64(st, 1, floor_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = ns_err_set(err, -ENOENT, "there is no floor %lld", (long long)floor_id);
	else if (rc != SQLITE_ROW)
		rc = survey_sql_error(s, rc, err, what);
	else if (store_read_row(st, 0, &store_floors, fp))
		rc = ns_err_set(err, -ENOMEM, "out of memory for the floor's drawing");
	else
		rc = store_building_name(s, fp->building_id, fp->building, sizeof(fp->building),
					 err);
	sqlite3_finalize(st);
	if (rc)
		goto fail;
	*out = fp;
	return 0;
fail:
	floorplan_free(fp);
	return rc;
}

/*
 * Which building @fp goes to (survey.h): the one its name says, created if
 * missing; with no name, building @fp->building_id; with neither, the default.
 * A floorplan copied from another survey thus finds its building by name.
 */
static int resolve_building(struct survey *s, struct floorplan *fp, struct ns_err *err)
{
	int64_t id = fp->building_id;

	if (fp->building[0] || id <= 0)
		id = store_ensure_building(s, fp->building, err);
	if (id < 0)
		return (int)id;
	fp->building_id = id;
	return store_building_name(s, id, fp->building, sizeof(fp->building), err);
}

/* The sentence for a floor row that could not be written (@rc from the store). */
static int floor_failed(struct survey *s, int rc, const struct floorplan *fp,
			struct ns_err *err)
{
	if (rc == -EEXIST && sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE)
		return ns_err_set(err, -EEXIST, "a floor called '%s' already exists", fp->name);
	if (rc == -EEXIST && store_fk_failed(s))
		return ns_err_set(err, -ENOENT, "there is no building %lld",
				  (long long)fp->building_id);
	return rc;
}

/*
 * The floor row and all its elements in one unit of work: a new floor, or
 * (@update) floor @fp->id's row and elements replaced, the elements keeping
 * their ids. Returns the floor id or -errno.
 */
static int64_t write_floor(struct survey *s, struct floorplan *fp, bool update,
			   struct ns_err *err)
{
	int64_t fid = fp->id;
	int rc = fp_check_level(fp, err);

	if (!rc)
		rc = survey_begin(s, err);
	if (rc)
		return rc;
	rc = resolve_building(s, fp, err);
	if (!rc && update)
		rc = store_update(s, &store_floors, SLOT_UPD_FLOOR, fp, store_floors.ncols, err);
	else if (!rc)
		rc = store_insert(s, &store_floors, NULL, fp, false, err);
	if (rc)
		rc = floor_failed(s, rc, fp, err);
	if (!rc && !update)
		fid = sqlite3_last_insert_rowid(s->db);
	if (!rc && update)
		rc = store_delete_elements(s, fid, err);
	if (!rc)
		rc = store_write_elements(s, fid, fp, update, err);
	if (rc) {
		survey_rollback(s);
		return rc;
	}
	rc = survey_commit(s, err);
	return rc ? rc : fid;
}

/* ---- floors ------------------------------------------------------------------------- */

int64_t survey_add_floor(struct survey *s, struct floorplan *fp, struct ns_err *err)
{
	int64_t fid;

	if (!fp->name[0])
		return ns_err_set(err, -EINVAL, "a floor needs a name");
	fid = write_floor(s, fp, false, err);
	if (fid > 0)
		fp->id = fid;
	return fid;
}

int survey_update_floor(struct survey *s, struct floorplan *fp, struct ns_err *err)
{
	int64_t rc = write_floor(s, fp, true, err);

	return rc < 0 ? (int)rc : 0;
}

int survey_update_floor_meta(struct survey *s, const struct floorplan *fp, struct ns_err *err)
{
	struct floorplan row = *fp;  /* its arrays are not touched: only the row's fields */
	int rc = fp_check_level(fp, err);

	if (!rc)
		rc = survey_begin(s, err);
	if (rc)
		return rc;
	rc = resolve_building(s, &row, err);
	if (!rc)
		rc = store_update(s, &store_floors, SLOT_UPD_FLOOR_META, &row, store_floor_meta_cols,
				  err);
	if (rc) {
		rc = floor_failed(s, rc, fp, err);
		survey_rollback(s);
		return rc;
	}
	return survey_commit(s, err);
}

int survey_align_floor_to(struct survey *s, int64_t floor_id, int64_t ref_floor_id,
			  struct fp_align rel, struct ns_err *err)
{
	struct floorplan *fp = NULL, *ref = NULL;
	int rc;

	if (floor_id == ref_floor_id)
		return ns_err_set(err, -EINVAL, "floor %lld cannot be aligned to itself",
				  (long long)floor_id);
	if (!isfinite(rel.dx_m) || !isfinite(rel.dy_m) || !isfinite(rel.rot_deg))
		return ns_err_set(err, -EINVAL, "the alignment of floor %lld is not finite",
				  (long long)floor_id);
	rc = store_load_floor_row(s, floor_id, false, &fp, err);
	if (!rc)
		rc = store_load_floor_row(s, ref_floor_id, false, &ref, err);
	if (!rc && fp->building_id != ref->building_id)
		rc = ns_err_set(err, -EINVAL, "floor '%s' is in building '%s' and floor '%s' in "
				"'%s': align floors of one building", fp->name, fp->building,
				ref->name, ref->building);
	if (!rc) {
		fp->align = fp_align_compose(ref->align, rel);
		rc = survey_update_floor_meta(s, fp, err);
	}
	floorplan_free(fp);
	floorplan_free(ref);
	return rc;
}

int survey_load_floor_ex(struct survey *s, int64_t floor_id, unsigned what,
			 struct floorplan **out, struct ns_err *err)
{
	struct floorplan *fp;
	int rc = store_load_floor_row(s, floor_id, what & SURVEY_LOAD_DRAWING, &fp, err);

	*out = NULL;
	if (rc)
		return rc;
	if (what & SURVEY_LOAD_ELEMENTS) {
		rc = store_load_elements(s, fp, err);
		if (rc) {
			floorplan_free(fp);
			return rc;
		}
	}
	*out = fp;
	return 0;
}

int survey_load_floor(struct survey *s, int64_t floor_id, struct floorplan **out,
		      struct ns_err *err)
{
	return survey_load_floor_ex(s, floor_id, SURVEY_LOAD_ALL, out, err);
}

/* ---- removing a floor ------------------------------------------------------------------ */

/* Walks and samples recorded on floor @fid. */
static int count_recorded(struct survey *s, int64_t fid, int64_t *walks, int64_t *samples,
			  struct ns_err *err)
{
	static const char *const sql[2] = {
		"SELECT count(*) FROM walks WHERE floor_id = %lld",
		"SELECT count(*) FROM samples WHERE walk_id IN "
		"(SELECT id FROM walks WHERE floor_id = %lld)",
	};
	int64_t *const out[2] = { walks, samples };

	for (int i = 0; i < 2; i++) {
		char *q = sqlite3_mprintf(sql[i], (long long)fid);
		int rc;

		if (!q)
			return ns_err_set(err, -ENOMEM, "out of memory");
		rc = store_query_int(s->db, q, out[i]);
		sqlite3_free(q);
		if (rc != SQLITE_OK)
			return survey_sql_error(s, rc, err, "cannot count the floor's walks");
	}
	return 0;
}

/* The floor's walks with their samples (their parts cascade) and waypoints, then the floor. */
static int delete_floor(struct survey *s, int64_t fid, struct ns_err *err)
{
	static const char *const steps[] = {
		"DELETE FROM samples WHERE walk_id IN (SELECT id FROM walks WHERE floor_id = %lld)",
		"DELETE FROM waypoints WHERE walk_id IN (SELECT id FROM walks WHERE floor_id = %lld)",
		"DELETE FROM walks WHERE floor_id = %lld",
		"DELETE FROM floors WHERE id = %lld",
	};
	int rc = 0;

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]) && !rc; i++) {
		char *sql = sqlite3_mprintf(steps[i], (long long)fid);

		if (!sql)
			return ns_err_set(err, -ENOMEM, "out of memory");
		rc = store_exec(s, sql, err, "cannot remove the floor");
		sqlite3_free(sql);
	}
	return rc;
}

int survey_remove_floor(struct survey *s, int64_t floor_id, bool force, struct ns_err *err)
{
	struct floorplan *fp = NULL;
	int64_t walks = 0, samples = 0;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	rc = store_load_floor_row(s, floor_id, false, &fp, err);
	if (!rc)
		rc = count_recorded(s, floor_id, &walks, &samples, err);
	if (!rc && walks && !force)
		rc = ns_err_set(err, -EBUSY,
				"floor '%s' has %lld walk%s with %lld sample%s recorded on it; "
				"removing it would delete them too, so it is removed only when "
				"forced", fp->name, (long long)walks, walks == 1 ? "" : "s",
				(long long)samples, samples == 1 ? "" : "s");
	if (!rc)
		rc = delete_floor(s, floor_id, err);
	floorplan_free(fp);
	if (rc) {
		survey_rollback(s);
		return rc;
	}
	return survey_commit(s, err);
}

/* ---- finding and listing --------------------------------------------------------------- */

/* The id of the one floor @sql (?1 = name, ?2 = building) finds. */
static int64_t find_floor(struct survey *s, enum store_slot slot, const char *sql,
			  const char *name, int64_t building_id, struct ns_err *err)
{
	sqlite3_stmt *st;
	int64_t id = 0, n = 0;
	int rc = store_stmt(s, slot, sql, &st, err);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, building_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		n++;
	}
	store_release(st);
	if (rc != SQLITE_DONE)
		return survey_sql_error(s, rc, err, "cannot look up the floor");
	if (n == 0)
		return ns_err_set(err, -ENOENT, "there is no floor called '%s'", name);
	if (n > 1)
		return ns_err_set(err, -EEXIST, "%lld buildings have a floor called '%s': say which "
				  "building", (long long)n, name);
	return id;
}

int64_t survey_find_floor(struct survey *s, const char *name, struct ns_err *err)
{
	return find_floor(s, SLOT_FIND_FLOOR, "SELECT id FROM floors WHERE name = ?1 AND ?2 = 0",
			  name, 0, err);
}

int64_t survey_find_floor_in(struct survey *s, int64_t building_id, const char *name,
			     struct ns_err *err)
{
	return find_floor(s, SLOT_FIND_FLOOR_IN,
			  "SELECT id FROM floors WHERE name = ?1 AND building_id = ?2", name,
			  building_id, err);
}

static void read_floor_info(sqlite3_stmt *st, void *row)
{
	struct survey_floor_info *f = row;

	f->id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, f->name, sizeof(f->name));
	f->building_id = sqlite3_column_int64(st, 2);
	store_col_text(st, 3, f->building, sizeof(f->building));
	f->level = store_col_int32(st, 4, 0);
	f->elevation_m = store_col_real(st, 5);
	f->height_m = store_col_real(st, 6);
	store_col_text(st, 7, f->image_type, sizeof(f->image_type));
	f->width_px = store_col_int32(st, 8, 0);
	f->height_px = store_col_int32(st, 9, 0);
	f->px_per_m = sqlite3_column_double(st, 10);
	f->nwards = (size_t)sqlite3_column_int64(st, 11);
	f->nwalls = (size_t)sqlite3_column_int64(st, 12);
	f->nopenings = (size_t)sqlite3_column_int64(st, 13);
	f->naps = (size_t)sqlite3_column_int64(st, 14);
	f->nareas = (size_t)sqlite3_column_int64(st, 15);
}

int survey_list_floors(struct survey *s, struct survey_floor_info **out, size_t *n,
		       struct ns_err *err)
{
	static const char what[] = "cannot list the floors";
	struct store_list l = { .size = sizeof(**out) };
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_prepare(s,
			   "SELECT f.id, f.name, f.building_id, b.name, f.level, f.elevation_m, "
			   "f.height_m, f.image_type, f.width_px, f.height_px, f.px_per_m, "
			   "(SELECT count(*) FROM wards WHERE floor_id = f.id), "
			   "(SELECT count(*) FROM walls WHERE floor_id = f.id), "
			   "(SELECT count(*) FROM openings WHERE floor_id = f.id), "
			   "(SELECT count(*) FROM aps WHERE floor_id = f.id), "
			   "(SELECT count(*) FROM areas WHERE floor_id = f.id) "
			   "FROM floors f LEFT JOIN buildings b ON b.id = f.building_id "
			   "ORDER BY f.level, f.name, f.id", &st, what, err);
	if (rc)
		return rc;
	rc = store_collect(s, st, NULL, read_floor_info, &l, what, err);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	*out = l.v;
	*n = l.n;
	return 0;
}
