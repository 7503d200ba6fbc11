/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_floors.c — floors: the drawing, its scale, and the geometry drawn on
 * it (wards, walls, openings, access points), stored and loaded a floor at a
 * time, each in one transaction.
 *
 * The four kinds of geometry are rows of four tables keyed by floor_id. They
 * are written and read through their descriptions (store_schema.c): one loop
 * for all four, which asks this file only where each kind's array lies in a
 * struct floorplan and how a row read back joins the floor (through the
 * model's floorplan_add_*(), which checks it as any other caller's).
 */
#include "survey/store_private.h"

#include <errno.h>
#include <stdlib.h>

/* ---- the four kinds of geometry ------------------------------------------------ */

enum geo { GEO_WARDS, GEO_WALLS, GEO_OPENINGS, GEO_APS, GEO_COUNT };

static const struct store_table *const geo_table[GEO_COUNT] = {
	[GEO_WARDS] = &store_wards,
	[GEO_WALLS] = &store_walls,
	[GEO_OPENINGS] = &store_openings,
	[GEO_APS] = &store_aps,
};

/* Where each kind's SELECT is cached. */
static const enum store_slot geo_select[GEO_COUNT] = {
	[GEO_WARDS] = SLOT_SEL_WARDS,
	[GEO_WALLS] = SLOT_SEL_WALLS,
	[GEO_OPENINGS] = SLOT_SEL_OPENINGS,
	[GEO_APS] = SLOT_SEL_APS,
};

/* One row of any kind, as read back. */
union geo_row {
	struct fp_ward ward;
	struct fp_wall wall;
	struct fp_opening opening;
	struct fp_ap ap;
};

/* @fp's array of kind @g: its first entry, its length and the size of one entry. */
struct geo_array {
	void *first;
	size_t n, size;
};

static struct geo_array geo_array(struct floorplan *fp, enum geo g)
{
	switch (g) {
	case GEO_WARDS:
		return (struct geo_array){ fp->wards, fp->nwards, sizeof(*fp->wards) };
	case GEO_WALLS:
		return (struct geo_array){ fp->walls, fp->nwalls, sizeof(*fp->walls) };
	case GEO_OPENINGS:
		return (struct geo_array){ fp->openings, fp->nopenings, sizeof(*fp->openings) };
	case GEO_APS:
		return (struct geo_array){ fp->aps, fp->naps, sizeof(*fp->aps) };
	case GEO_COUNT:
		break;
	}
	return (struct geo_array){ NULL, 0, 0 };
}

/* The shapes the file relies on: a ward is a polygon, a wall at least a segment. */
static int geo_check(enum geo g, const void *row, struct ns_err *err)
{
	const struct fp_ward *ward = row;
	const struct fp_wall *wall = row;

	if (g == GEO_WARDS && ward->npts < 3)
		return ns_err_set(err, -EINVAL, "ward '%s' has fewer than 3 points", ward->name);
	if (g == GEO_WALLS && wall->npts < 2)
		return ns_err_set(err, -EINVAL, "a wall has fewer than 2 points");
	return 0;
}

/* Add @r (of kind @g, as read) to @fp through the model; frees @r's points. */
static int geo_add(struct floorplan *fp, enum geo g, union geo_row *r)
{
	int rc;

	switch (g) {
	case GEO_WARDS:
		rc = floorplan_add_ward(fp, r->ward.name, r->ward.pts, r->ward.npts);
		free(r->ward.pts);
		if (!rc)
			fp->wards[fp->nwards - 1].id = r->ward.id;
		return rc;
	case GEO_WALLS:
		rc = floorplan_add_wall(fp, r->wall.pts, r->wall.npts, r->wall.material,
					r->wall.loss_db);
		free(r->wall.pts);
		if (!rc)
			fp->walls[fp->nwalls - 1].id = r->wall.id;
		return rc;
	case GEO_OPENINGS:
		rc = floorplan_add_opening(fp, r->opening.a, r->opening.b, r->opening.kind,
					   r->opening.loss_db);
		if (!rc)
			fp->openings[fp->nopenings - 1].id = r->opening.id;
		return rc;
	case GEO_APS:
		return floorplan_add_ap(fp, &r->ap);
	case GEO_COUNT:
		break;
	}
	return -EINVAL;
}

/* The sentence for row @id of kind @g that could not join the floor (@rc). */
static int geo_damaged(enum geo g, int64_t id, int rc, struct ns_err *err)
{
	int code = rc == -ENOMEM ? rc : -EBADMSG;

	if (g == GEO_WARDS)
		return ns_err_set(err, code, "ward %lld's outline is damaged", (long long)id);
	if (g == GEO_WALLS)
		return ns_err_set(err, code, "wall %lld's points are damaged", (long long)id);
	return ns_err_set(err, -ENOMEM, "out of memory");
}

/* Insert @fp's geometry under floor @fid; with @keep_ids, rows keep the ids they had. */
static int write_geometry(struct survey *s, int64_t fid, struct floorplan *fp, bool keep_ids,
			  struct ns_err *err)
{
	for (int g = 0; g < GEO_COUNT; g++) {
		struct geo_array a = geo_array(fp, g);

		for (size_t i = 0; i < a.n; i++) {
			void *row = (char *)a.first + i * a.size;
			int rc = geo_check(g, row, err);

			if (!rc)
				rc = store_insert(s, geo_table[g], &fid, row, keep_ids, err);
			if (rc)
				return rc;
			store_set_row_id(geo_table[g], row, sqlite3_last_insert_rowid(s->db));
		}
	}
	return 0;
}

static int delete_geometry(struct survey *s, int64_t fid, struct ns_err *err)
{
	for (int g = 0; g < GEO_COUNT; g++) {
		char *sql = sqlite3_mprintf("DELETE FROM %s WHERE floor_id = %lld",
					    geo_table[g]->name, (long long)fid);
		int rc;

		if (!sql)
			return ns_err_set(err, -ENOMEM, "out of memory");
		rc = store_exec(s, sql, err, "cannot replace the floor's geometry");
		sqlite3_free(sql);
		if (rc)
			return rc;
	}
	return 0;
}

/* Read @fp->id's rows of kind @g into @fp, by id. */
static int load_rows(struct survey *s, struct floorplan *fp, enum geo g, struct ns_err *err)
{
	static const char what[] = "cannot read the floor's geometry";
	const struct store_table *t = geo_table[g];
	union geo_row row;
	sqlite3_stmt *st;
	int rc = store_select_cached(s, geo_select[g], t, "WHERE floor_id = ? ORDER BY id", &st,
				     what, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, fp->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		rc = store_read_row(st, 0, t, &row);
		if (!rc)
			rc = geo_add(fp, g, &row);
		if (rc) {
			rc = geo_damaged(g, store_row_id(t, &row), rc, err);
			goto out;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : survey_sql_error(s, rc, err, what);
out:
	store_release(st);
	return rc;
}

static int load_geometry(struct survey *s, struct floorplan *fp, struct ns_err *err)
{
	int rc = 0;

	for (int g = 0; g < GEO_COUNT && !rc; g++)
		rc = load_rows(s, fp, g, err);
	return rc;
}

/* ---- the floor row -------------------------------------------------------------- */

/* name, building, level, image_type, image, page, width_px, height_px, px_per_m,
 * origin_x_px, origin_y_px: the parameters from 1 of INSERT and UPDATE alike. */
static void bind_floor(sqlite3_stmt *st, const struct floorplan *fp)
{
	store_bind_fixed(st, 1, fp->name);
	store_bind_fixed(st, 2, fp->building);
	sqlite3_bind_int(st, 3, fp->level);
	store_bind_fixed(st, 4, fp->image_type);
	if (fp->image && fp->image_len)
		sqlite3_bind_blob64(st, 5, fp->image, fp->image_len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int(st, 6, fp->page);
	sqlite3_bind_int(st, 7, fp->width_px);
	sqlite3_bind_int(st, 8, fp->height_px);
	sqlite3_bind_double(st, 9, fp->px_per_m);
	sqlite3_bind_double(st, 10, fp->origin_x_px);
	sqlite3_bind_double(st, 11, fp->origin_y_px);
}

/* The same columns, read back into a new floor. 0 or -ENOMEM. */
static int read_floor(sqlite3_stmt *st, struct floorplan *fp)
{
	char type[sizeof(fp->image_type)];
	const void *img = sqlite3_column_blob(st, 4);
	size_t len = (size_t)sqlite3_column_bytes(st, 4);

	store_col_text(st, 0, fp->name, sizeof(fp->name));
	store_col_text(st, 1, fp->building, sizeof(fp->building));
	fp->level = store_col_int32(st, 2, 0);
	fp->page = store_col_int32(st, 5, 0);
	fp->width_px = store_col_int32(st, 6, 0);
	fp->height_px = store_col_int32(st, 7, 0);
	fp->px_per_m = sqlite3_column_double(st, 8);
	fp->origin_x_px = sqlite3_column_double(st, 9);
	fp->origin_y_px = sqlite3_column_double(st, 10);
	store_col_text(st, 3, type, sizeof(type));
	return floorplan_set_image(fp, type, img, img ? len : 0);
}

/* ---- floors ------------------------------------------------------------------------- */

static const char insert_floor_sql[] =
	"INSERT INTO floors(name, building, level, image_type, image, page, "
	"width_px, height_px, px_per_m, origin_x_px, origin_y_px) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
static const char update_floor_sql[] =
	"UPDATE floors SET name = ?, building = ?, level = ?, image_type = ?, "
	"image = ?, page = ?, width_px = ?, height_px = ?, px_per_m = ?, "
	"origin_x_px = ?, origin_y_px = ? WHERE id = ?";

/* @fp's own row: a new one, or (@update) over floor @fp->id. */
static int write_floor_row(struct survey *s, const struct floorplan *fp, bool update,
			   struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = update ? store_stmt(s, SLOT_UPD_FLOOR, update_floor_sql, &st, err)
			: store_stmt(s, SLOT_INS_FLOOR, insert_floor_sql, &st, err);

	if (rc)
		return rc;
	bind_floor(st, fp);
	if (update)
		sqlite3_bind_int64(st, 12, fp->id);
	rc = sqlite3_step(st);
	store_release(st);
	if (rc == SQLITE_DONE && update && sqlite3_changes(s->db) != 1)
		return ns_err_set(err, -ENOENT, "there is no floor %lld", (long long)fp->id);
	if (rc == SQLITE_DONE)
		return 0;
	if (!update && (rc & 0xff) == SQLITE_CONSTRAINT)
		return ns_err_set(err, -EEXIST, "a floor called '%s' already exists", fp->name);
	return survey_sql_error(s, rc, err,
				update ? "cannot update the floor" : "cannot store the floor");
}

/*
 * The floor row and all its geometry in one unit of work: a new floor, or
 * (@update) floor @fp->id's geometry replaced, its rows keeping their ids.
 * Returns the floor id or -errno.
 */
static int64_t write_floor(struct survey *s, struct floorplan *fp, bool update,
			   struct ns_err *err)
{
	int64_t fid;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	rc = write_floor_row(s, fp, update, err);
	fid = update ? fp->id : sqlite3_last_insert_rowid(s->db);
	if (!rc && update)
		rc = delete_geometry(s, fid, err);
	if (!rc)
		rc = write_geometry(s, fid, fp, update, err);
	if (rc) {
		survey_rollback(s);
		return rc;
	}
	rc = survey_commit(s, err);
	return rc ? rc : fid;
}

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

int survey_load_floor(struct survey *s, int64_t floor_id, struct floorplan **out,
		      struct ns_err *err)
{
	static const char what[] = "cannot read the floor";
	struct floorplan *fp = NULL;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	rc = store_prepare(s, "SELECT name, building, level, image_type, image, page, "
			   "width_px, height_px, px_per_m, origin_x_px, origin_y_px "
			   "FROM floors WHERE id = ?", &st, what, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, floor_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = ns_err_set(err, -ENOENT, "there is no floor %lld", (long long)floor_id);
	else if (rc != SQLITE_ROW)
		rc = survey_sql_error(s, rc, err, what);
	else if (!(fp = floorplan_new()))
		rc = ns_err_set(err, -ENOMEM, "out of memory");
	else if (read_floor(st, fp))
		rc = ns_err_set(err, -ENOMEM, "out of memory for the floor's drawing");
	else
		rc = 0;
	sqlite3_finalize(st);
	if (!rc) {
		fp->id = floor_id;
		rc = load_geometry(s, fp, err);
	}
	if (rc) {
		floorplan_free(fp);
		return rc;
	}
	*out = fp;
	return 0;
}

int64_t survey_find_floor(struct survey *s, const char *name, struct ns_err *err)
{
	sqlite3_stmt *st;
	int64_t id;
	int rc = store_stmt(s, SLOT_FIND_FLOOR, "SELECT id FROM floors WHERE name = ?", &st, err);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	store_release(st);
	if (rc == SQLITE_DONE)
		return ns_err_set(err, -ENOENT, "there is no floor called '%s'", name);
	if (rc != SQLITE_ROW)
		return survey_sql_error(s, rc, err, "cannot look up the floor");
	return id;
}

static void read_floor_info(sqlite3_stmt *st, void *row)
{
	struct survey_floor_info *f = row;

	f->id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, f->name, sizeof(f->name));
	store_col_text(st, 2, f->building, sizeof(f->building));
	f->level = store_col_int32(st, 3, 0);
	store_col_text(st, 4, f->image_type, sizeof(f->image_type));
	f->width_px = store_col_int32(st, 5, 0);
	f->height_px = store_col_int32(st, 6, 0);
	f->px_per_m = sqlite3_column_double(st, 7);
	f->nwards = (size_t)sqlite3_column_int64(st, 8);
	f->nwalls = (size_t)sqlite3_column_int64(st, 9);
	f->nopenings = (size_t)sqlite3_column_int64(st, 10);
	f->naps = (size_t)sqlite3_column_int64(st, 11);
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
			   "SELECT f.id, f.name, f.building, f.level, f.image_type, f.width_px, "
			   "f.height_px, f.px_per_m, "
			   "(SELECT count(*) FROM wards WHERE floor_id = f.id), "
			   "(SELECT count(*) FROM walls WHERE floor_id = f.id), "
			   "(SELECT count(*) FROM openings WHERE floor_id = f.id), "
			   "(SELECT count(*) FROM aps WHERE floor_id = f.id) "
			   "FROM floors f ORDER BY f.level, f.name", &st, what, err);
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
