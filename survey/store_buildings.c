/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_buildings.c — buildings (the floors stacked in one body, with their
 * north and default storey height), and the device offsets that say how a
 * signal measured by the survey adapter differs from what another adapter or
 * a device hears.
 *
 * Rows go in and out through the descriptions of store_schema.c. Every public
 * call that writes is one unit of work; store_ensure_building() is the same
 * lookup-or-create inside a caller's (adding a floor).
 */
#include "survey/store_private.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "floorplans/validate.h"
#include "util/clock.h"

/* ---- reading ----------------------------------------------------------------------- */

int survey_get_building(struct survey *s, int64_t id, struct fp_building *out,
			struct ns_err *err)
{
	static const char what[] = "cannot read the building";
	sqlite3_stmt *st;
	int rc = store_select(s, &store_buildings, "WHERE id = ?", &st, what, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		fp_building_init(out);
		store_read_row(st, 0, &store_buildings, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = ns_err_set(err, -ENOENT, "there is no building %lld", (long long)id);
	} else {
		rc = survey_sql_error(s, rc, err, what);
	}
	sqlite3_finalize(st);
	return rc;
}

int store_building_name(struct survey *s, int64_t id, char *out, size_t cap,
			struct ns_err *err)
{
	struct fp_building b;
	int rc = survey_get_building(s, id, &b, err);

	if (!rc)
		store_copy_text(out, cap, b.name);
	return rc;
}

int64_t survey_find_building(struct survey *s, const char *name, struct ns_err *err)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	int rc = store_prepare(s, "SELECT id FROM buildings WHERE name = ?", &st,
			       "cannot look up the building", err);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return ns_err_set(err, -ENOENT, "there is no building called '%s'", name);
	if (rc != SQLITE_ROW)
		return survey_sql_error(s, rc, err, "cannot look up the building");
	return id;
}

int survey_list_buildings(struct survey *s, struct fp_building **out, size_t *n,
			  struct ns_err *err)
{
	static const char what[] = "cannot list the buildings";
	struct store_list l = { .size = sizeof(**out) };
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_select(s, &store_buildings, "ORDER BY name, id", &st, what, err);
	if (rc)
		return rc;
	rc = store_collect(s, st, &store_buildings, NULL, &l, what, err);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	*out = l.v;
	*n = l.n;
	return 0;
}

/* ---- writing ----------------------------------------------------------------------- */

/* The sentence for a name another building has, or SQLite's. */
static int building_failed(struct survey *s, int rc, const char *name, const char *what,
			   struct ns_err *err)
{
	if (rc == -EEXIST && sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE)
		return ns_err_set(err, -EEXIST, "a building called '%s' already exists", name);
	if (rc == -EEXIST)
		return ns_err_set(err, rc, "%s: %s", what, sqlite3_errmsg(s->db));
	return rc;
}

static int64_t add_building_in_txn(struct survey *s, const struct fp_building *b,
				   struct ns_err *err)
{
	int rc = fp_check_building(b, err);

	if (!rc)
		rc = store_insert(s, &store_buildings, NULL, b, false, err);
	if (rc)
		return building_failed(s, rc, b->name, "cannot store the building", err);
	return sqlite3_last_insert_rowid(s->db);
}

int64_t survey_add_building(struct survey *s, const struct fp_building *b, struct ns_err *err)
{
	int64_t id;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	id = add_building_in_txn(s, b, err);
	if (id < 0) {
		survey_rollback(s);
		return id;
	}
	rc = survey_commit(s, err);
	return rc ? rc : id;
}

int survey_update_building(struct survey *s, const struct fp_building *b, struct ns_err *err)
{
	int rc = fp_check_building(b, err);

	if (!rc)
		rc = survey_begin(s, err);
	if (rc)
		return rc;
	rc = store_update(s, &store_buildings, SLOT_UPD_BUILDING, b, store_buildings.ncols, err);
	if (rc) {
		survey_rollback(s);
		return building_failed(s, rc, b->name, "cannot update the building", err);
	}
	return survey_commit(s, err);
}

int survey_rename_building(struct survey *s, int64_t id, const char *name, struct ns_err *err)
{
	struct fp_building b;
	int rc = survey_get_building(s, id, &b, err);

	if (rc)
		return rc;
	if (!name || strlen(name) >= sizeof(b.name))
		return ns_err_set(err, -EINVAL, "a building's name is 1 to %zu bytes",
				  sizeof(b.name) - 1);
	store_copy_text(b.name, sizeof(b.name), name);
	return survey_update_building(s, &b, err);
}

int survey_remove_building(struct survey *s, int64_t id, struct ns_err *err)
{
	int64_t floors = 0;
	char *sql;
	int rc = store_writable(s, err);

	if (rc)
		return rc;
	sql = sqlite3_mprintf("SELECT count(*) FROM floors WHERE building_id = %lld",
			      (long long)id);
	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_query_int(s->db, sql, &floors);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot count the building's floors");
	if (floors)
		return ns_err_set(err, -EBUSY, "building %lld still has %lld floor%s: remove or "
				  "move them first", (long long)id, (long long)floors,
				  floors == 1 ? "" : "s");
	sql = sqlite3_mprintf("DELETE FROM buildings WHERE id = %lld", (long long)id);
	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_exec(s, sql, err, "cannot remove the building");
	sqlite3_free(sql);
	if (!rc && sqlite3_changes(s->db) != 1)
		rc = ns_err_set(err, -ENOENT, "there is no building %lld", (long long)id);
	return rc;
}

/* The name a floor with no building goes to: the only building, or the site's. */
static int default_building(struct survey *s, char *name, size_t cap, int64_t *only,
			    struct ns_err *err)
{
	struct survey_meta m;
	int64_t n = 0;
	int rc = store_query_int(s->db, "SELECT count(*) FROM buildings", &n);

	*only = 0;
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot count the buildings");
	if (n == 1) {
		rc = store_query_int(s->db, "SELECT id FROM buildings", only);
		return rc == SQLITE_OK ? 0 : survey_sql_error(s, rc, err, "cannot read a building");
	}
	rc = survey_get_meta(s, &m, err);
	if (rc)
		return rc;
	store_copy_text(name, cap, m.site[0] ? m.site : "Building");
	return 0;
}

int64_t store_ensure_building(struct survey *s, const char *name, struct ns_err *err)
{
	struct fp_building b;
	int64_t id;
	int rc;

	fp_building_init(&b);
	if (name && strlen(name) >= sizeof(b.name))
		return ns_err_set(err, -EINVAL, "a building's name is at most %zu bytes: '%s'",
				  sizeof(b.name) - 1, name);
	if (name && name[0]) {
		store_copy_text(b.name, sizeof(b.name), name);
	} else {
		rc = default_building(s, b.name, sizeof(b.name), &id, err);
		if (rc || id)
			return rc ? rc : id;
	}
	id = survey_find_building(s, b.name, err);
	if (id != -ENOENT)
		return id;
	return add_building_in_txn(s, &b, err);
}

int64_t survey_ensure_building(struct survey *s, const char *name, struct ns_err *err)
{
	int64_t id;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	id = store_ensure_building(s, name, err);
	if (id < 0) {
		survey_rollback(s);
		return id;
	}
	rc = survey_commit(s, err);
	return rc ? rc : id;
}

/* ---- device offsets ---------------------------------------------------------------- */

static int check_offset(const struct survey_device_offset *o, struct ns_err *err)
{
	if (strcmp(o->kind, "adapter") && strcmp(o->kind, "device"))
		return ns_err_set(err, -EINVAL, "'%s' is not a kind of offset (adapter or device)",
				  o->kind);
	if (!o->name[0])
		return ns_err_set(err, -EINVAL, "a device offset needs the %s's name", o->kind);
	if (!isfinite(o->offset_db) || fabs(o->offset_db) > 60)
		return ns_err_set(err, -EINVAL, "an offset of %g dB for %s '%s' is not -60 to 60",
				  o->offset_db, o->kind, o->name);
	return 0;
}

int64_t survey_set_device_offset(struct survey *s, const struct survey_device_offset *o,
				 struct ns_err *err)
{
	struct survey_device_offset row = *o;
	struct survey_device_offset old;
	int rc = check_offset(o, err);

	if (rc)
		return rc;
	if (!row.created_us)
		row.created_us = ns_wall_us();
	rc = survey_begin(s, err);
	if (rc)
		return rc;
	row.id = 0;
	if (survey_get_device_offset(s, o->kind, o->name, &old, NULL) == 0) {
		row.id = old.id;
		rc = store_update(s, &store_device_offsets, SLOT_UPD_OFFSET, &row,
				  store_device_offsets.ncols, err);
	} else {
		rc = store_insert(s, &store_device_offsets, NULL, &row, false, err);
		row.id = sqlite3_last_insert_rowid(s->db);
	}
	if (rc) {
		survey_rollback(s);
		return rc;
	}
	rc = survey_commit(s, err);
	return rc ? rc : row.id;
}

int survey_get_device_offset(struct survey *s, const char *kind, const char *name,
			     struct survey_device_offset *out, struct ns_err *err)
{
	static const char what[] = "cannot read the device offset";
	sqlite3_stmt *st;
	int rc = store_select(s, &store_device_offsets, "WHERE kind = ? AND name = ?", &st, what,
			      err);

	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		store_read_row(st, 0, &store_device_offsets, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = ns_err_set(err, -ENOENT, "there is no offset for %s '%s'", kind, name);
	} else {
		rc = survey_sql_error(s, rc, err, what);
	}
	sqlite3_finalize(st);
	return rc;
}

int survey_list_device_offsets(struct survey *s, struct survey_device_offset **out, size_t *n,
			       struct ns_err *err)
{
	static const char what[] = "cannot list the device offsets";
	struct store_list l = { .size = sizeof(**out) };
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_select(s, &store_device_offsets, "ORDER BY kind, name", &st, what, err);
	if (rc)
		return rc;
	rc = store_collect(s, st, &store_device_offsets, NULL, &l, what, err);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	*out = l.v;
	*n = l.n;
	return 0;
}

int survey_remove_device_offset(struct survey *s, int64_t id, struct ns_err *err)
{
	char *sql;
	int rc = store_writable(s, err);

	if (rc)
		return rc;
	sql = sqlite3_mprintf("DELETE FROM device_offsets WHERE id = %lld", (long long)id);
	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_exec(s, sql, err, "cannot remove the device offset");
	sqlite3_free(sql);
	if (!rc && sqlite3_changes(s->db) != 1)
		rc = ns_err_set(err, -ENOENT, "there is no device offset %lld", (long long)id);
	return rc;
}
