/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_walks.c — walks (who walked which floor with which adapter, when) and
 * their waypoints (where the engineer tapped), and whether a walk is
 * simulated rather than measured.
 *
 * Rows go in and out through the descriptions of store_schema.c; a walk or
 * waypoint naming a floor or walk that does not exist is refused by the
 * foreign key and said in words.
 */
#include "survey/store_private.h"

#include <errno.h>
#include <stdlib.h>

#include "util/clock.h"
#include "util/textcheck.h"

/* ---- walks -------------------------------------------------------------------- */

int64_t survey_begin_walk_in_txn(struct survey *s, const struct survey_walk *w,
				 struct ns_err *err)
{
	struct survey_walk row = *w;
	int rc;

	/* Names a person gave (the one rule, util/textcheck.h); the driver's are shown escaped. */
	if ((rc = ns_text_check("the walk's operator", w->operator_name, sizeof(w->operator_name),
				0, err)) ||
	    (rc = ns_text_check("the walk's note", w->note, sizeof(w->note), 0, err)))
		return rc;
	if (!row.start_us)
		row.start_us = ns_wall_us();
	rc = store_insert(s, &store_walks, NULL, &row, false, err);
	if (rc && store_fk_failed(s))
		return ns_err_set(err, -ENOENT, "there is no floor %lld", (long long)w->floor_id);
	return rc ? rc : sqlite3_last_insert_rowid(s->db);
}

int64_t survey_begin_walk(struct survey *s, const struct survey_walk *w, struct ns_err *err)
{
	int64_t id;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	id = survey_begin_walk_in_txn(s, w, err);
	if (id < 0) {
		survey_rollback(s);
		return id;
	}
	rc = survey_commit(s, err);
	return rc ? rc : id;
}

int survey_end_walk(struct survey *s, int64_t walk_id, int64_t end_us, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_writable(s, err);

	if (!rc)
		rc = store_stmt(s, SLOT_END_WALK, "UPDATE walks SET end_us = ? WHERE id = ?", &st,
				err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, end_us);
	sqlite3_bind_int64(st, 2, walk_id);
	rc = store_done(s, st, err, "cannot end the walk");
	if (!rc && sqlite3_changes(s->db) != 1)
		rc = ns_err_set(err, -ENOENT, "there is no walk %lld", (long long)walk_id);
	return rc;
}

int survey_get_walk(struct survey *s, int64_t walk_id, struct survey_walk *w,
		    struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_select_cached(s, SLOT_GET_WALK, &store_walks, "WHERE id = ?", &st,
				     "cannot prepare a statement", err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, walk_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(w, 0, sizeof(*w));
		store_read_row(st, 0, &store_walks, w);
	}
	store_release(st);
	if (rc == SQLITE_DONE)
		return ns_err_set(err, -ENOENT, "there is no walk %lld", (long long)walk_id);
	if (rc != SQLITE_ROW)
		return survey_sql_error(s, rc, err, "cannot read the walk");
	return 0;
}

int survey_list_walks(struct survey *s, int64_t floor_id, struct survey_walk **out,
		      size_t *n, struct ns_err *err)
{
	struct store_list l = { .size = sizeof(**out) };
	int rc = store_select_all(s, SLOT_LIST_WALKS, &store_walks,
				  "WHERE ?1 = 0 OR floor_id = ?1 ORDER BY start_us, id", floor_id,
				  &l, "cannot list the walks", err);

	*out = l.v;
	*n = l.n;
	return rc;
}

bool survey_walk_is_simulated(const struct survey_walk *w)
{
	return strcmp(w->mode, "simulated") == 0 || strcmp(w->driver, SURVEY_SIM_DRIVER) == 0;
}

int survey_has_simulated_walks(struct survey *s, int64_t floor_id, bool *out, struct ns_err *err)
{
	struct survey_walk *walks = NULL;
	size_t n = 0;
	int rc = survey_list_walks(s, floor_id, &walks, &n, err);

	*out = false;
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		*out = *out || survey_walk_is_simulated(&walks[i]);
	free(walks);
	return 0;
}

/* ---- waypoints ------------------------------------------------------------------ */

int64_t survey_add_waypoint(struct survey *s, const struct survey_waypoint *wp,
			    struct ns_err *err)
{
	int rc = store_writable(s, err);

	if (rc)
		return rc;
	if (!isfinite(wp->x_m) || !isfinite(wp->y_m))
		return ns_err_set(err, -EINVAL, "a waypoint needs a position");
	rc = store_insert(s, &store_waypoints, NULL, wp, false, err);
	if (rc && store_fk_failed(s))
		return ns_err_set(err, -ENOENT, "there is no walk %lld", (long long)wp->walk_id);
	return rc ? rc : sqlite3_last_insert_rowid(s->db);
}

int survey_delete_waypoint(struct survey *s, int64_t waypoint_id, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_writable(s, err);

	if (!rc)
		rc = store_stmt(s, SLOT_DEL_WAYPOINT, "DELETE FROM waypoints WHERE id = ?", &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, waypoint_id);
	rc = store_done(s, st, err, "cannot delete the waypoint");
	if (!rc && sqlite3_changes(s->db) != 1)
		rc = ns_err_set(err, -ENOENT, "there is no waypoint %lld", (long long)waypoint_id);
	return rc;
}

int survey_set_waypoint_done(struct survey *s, int64_t waypoint_id, int64_t done_us,
			     struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_writable(s, err);

	if (!rc)
		rc = store_stmt(s, SLOT_WAYPOINT_DONE, "UPDATE waypoints SET done_us = ? WHERE id = ?",
				&st, err);
	if (rc)
		return rc;
	store_bind_int_or_null(st, 1, done_us, 0);
	sqlite3_bind_int64(st, 2, waypoint_id);
	rc = store_done(s, st, err, "cannot record when the waypoint's measurement ended");
	if (!rc && sqlite3_changes(s->db) != 1)
		rc = ns_err_set(err, -ENOENT, "there is no waypoint %lld", (long long)waypoint_id);
	return rc;
}

int survey_list_waypoints(struct survey *s, int64_t walk_id, struct survey_waypoint **out,
			  size_t *n, struct ns_err *err)
{
	struct store_list l = { .size = sizeof(**out) };
	int rc = store_select_all(s, SLOT_LIST_WAYPOINTS, &store_waypoints,
				  "WHERE walk_id = ? ORDER BY t_us, id", walk_id, &l,
				  "cannot list the waypoints", err);

	*out = l.v;
	*n = l.n;
	return rc;
}
