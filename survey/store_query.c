/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_query.c — reading samples back: iterating the samples a query
 * selects, each with its parts, in time order; and the counts `notspot info`
 * shows.
 *
 * Iteration prepares its own statements (not the cached ones), so a callback
 * may call the API again, even write, while an iteration runs.
 */
#include "survey/store_private.h"

#include <errno.h>
#include <stdlib.h>

/* ---- a sample's parts --------------------------------------------------------- */

/* The statements that read one sample's parts, and what they read. */
struct parts {
	sqlite3_stmt *obs, *link, *tput;
	struct store_list seen;     /* struct meas_observation, reused sample to sample */
	struct meas_link l;
	struct meas_throughput t;
	bool has_link, has_tput;
};

static void parts_release(struct parts *p)
{
	sqlite3_finalize(p->obs);
	sqlite3_finalize(p->link);
	sqlite3_finalize(p->tput);
	free(p->seen.v);
}

/* With @bssid, only observations of that BSSID are read. */
static int parts_prepare(struct survey *s, const uint8_t *bssid, struct parts *p,
			 struct ns_err *err)
{
	static const char what[] = "cannot read the samples";
	int rc;

	memset(p, 0, sizeof(*p));
	p->seen.size = sizeof(struct meas_observation);
	rc = store_select(s, &store_observations,
			  bssid ? "WHERE sample_id = ? AND bssid = ? ORDER BY seq"
				: "WHERE sample_id = ? ORDER BY seq",
			  &p->obs, what, err);
	if (!rc)
		rc = store_select(s, &store_links, "WHERE sample_id = ?", &p->link, what, err);
	if (!rc)
		rc = store_select(s, &store_throughputs, "WHERE sample_id = ?", &p->tput, what,
				  err);
	if (rc) {
		parts_release(p);
		return rc;
	}
	if (bssid)
		sqlite3_bind_blob(p->obs, 2, bssid, 6, SQLITE_TRANSIENT);
	return 0;
}

/* The one row @st finds for sample @sid, if any, into @row. An SQLite code. */
static int read_one(sqlite3_stmt *st, int64_t sid, const struct store_table *t, void *row,
		    bool *found)
{
	int rc;

	sqlite3_bind_int64(st, 1, sid);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found)
		store_read_row(st, 0, t, row);
	sqlite3_reset(st);
	return *found ? SQLITE_DONE : rc;
}

/* Sample @sid's observations, link and throughput into @p. An SQLite code, or -ENOMEM. */
static int parts_read(struct parts *p, int64_t sid)
{
	int rc;

	p->seen.n = 0;
	sqlite3_bind_int64(p->obs, 1, sid);
	while ((rc = sqlite3_step(p->obs)) == SQLITE_ROW) {
		struct meas_observation *o = store_list_add(&p->seen);

		if (!o) {
			sqlite3_reset(p->obs);
			return -ENOMEM;
		}
		meas_init_observation(o);
		store_read_row(p->obs, 0, &store_observations, o);
	}
	sqlite3_reset(p->obs);
	if (rc != SQLITE_DONE)
		return rc;
	meas_init_link(&p->l);
	rc = read_one(p->link, sid, &store_links, &p->l, &p->has_link);
	if (rc != SQLITE_DONE)
		return rc;
	meas_init_throughput(&p->t);
	return read_one(p->tput, sid, &store_throughputs, &p->t, &p->has_tput);
}

/* ---- iterating ------------------------------------------------------------------ */

/* id, walk_id, t_us, mono_us, kind, status, error, x_m, y_m, noise_dbm */
static void read_sample(sqlite3_stmt *st, struct meas_sample *sm)
{
	meas_init_sample(sm);
	sm->id = sqlite3_column_int64(st, 0);
	sm->walk_id = sqlite3_column_int64(st, 1);
	sm->t_us = sqlite3_column_int64(st, 2);
	sm->mono_us = sqlite3_column_int64(st, 3);
	sm->kind = (enum meas_kind)sqlite3_column_int(st, 4);
	sm->status = (enum meas_status)sqlite3_column_int(st, 5);
	store_col_text(st, 6, sm->error, sizeof(sm->error));
	sm->placed = sqlite3_column_type(st, 7) != SQLITE_NULL &&
		     sqlite3_column_type(st, 8) != SQLITE_NULL;
	if (sm->placed) {
		sm->x_m = sqlite3_column_double(st, 7);
		sm->y_m = sqlite3_column_double(st, 8);
	}
	sm->noise_dbm = store_col_real(st, 9);
}

/* The samples @q selects, by time; zero fields of @q match anything. */
static int prepare_samples(struct survey *s, const struct survey_query *q, sqlite3_stmt **st,
			   struct ns_err *err)
{
	int rc = store_prepare(s,
			       "SELECT s.id, s.walk_id, s.t_us, s.mono_us, s.kind, s.status, "
			       "s.error, s.x_m, s.y_m, s.noise_dbm FROM samples s "
			       "JOIN walks w ON w.id = s.walk_id "
			       "WHERE (?1 = 0 OR w.floor_id = ?1) AND (?2 = 0 OR s.walk_id = ?2) "
			       "AND (?3 = 0 OR s.t_us >= ?3) AND (?4 = 0 OR s.t_us <= ?4) "
			       "AND (?5 = 0 OR s.kind = ?5) AND (?6 = 0 OR s.x_m IS NOT NULL) "
			       "ORDER BY s.t_us, s.id", st, "cannot read the samples", err);

	if (rc)
		return rc;
	sqlite3_bind_int64(*st, 1, q->floor_id);
	sqlite3_bind_int64(*st, 2, q->walk_id);
	sqlite3_bind_int64(*st, 3, q->from_us);
	sqlite3_bind_int64(*st, 4, q->to_us);
	sqlite3_bind_int(*st, 5, q->kind);
	sqlite3_bind_int(*st, 6, q->placed_only);
	return 0;
}

int survey_foreach_sample(struct survey *s, const struct survey_query *q, survey_sample_cb cb,
			  void *arg, struct ns_err *err)
{
	static const struct survey_query any;
	struct parts p;
	sqlite3_stmt *st;
	int rc, ret = 0;

	if (!q)
		q = &any;
	rc = prepare_samples(s, q, &st, err);
	if (rc)
		return rc;
	rc = parts_prepare(s, q->bssid, &p, err);
	if (rc) {
		sqlite3_finalize(st);
		return rc;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct meas_sample sm;

		read_sample(st, &sm);
		rc = parts_read(&p, sm.id);
		if (rc == -ENOMEM) {
			ret = ns_err_set(err, -ENOMEM, "out of memory");
			goto out;
		}
		if (rc != SQLITE_DONE)
			break;
		ret = cb(arg, &sm, p.seen.v, p.seen.n, p.has_link ? &p.l : NULL,
			 p.has_tput ? &p.t : NULL);
		if (ret)
			goto out;
	}
	if (rc != SQLITE_DONE)
		ret = survey_sql_error(s, rc, err, "cannot read the samples");
out:
	parts_release(&p);
	sqlite3_finalize(st);
	return ret;
}

/* ---- counts ----------------------------------------------------------------------- */

#define WALK_FILTER " (?1 = 0 OR w.floor_id = ?1) AND (?2 = 0 OR w.id = ?2) "

/* One row of totals; the geometry counts are 0 when counting a walk (?2 != 0). */
static const char totals_sql[] =
	"SELECT "
	"(SELECT count(*) FROM floors WHERE (?1 = 0 OR id = ?1) AND ?2 = 0),"
	"(SELECT count(*) FROM wards WHERE (?1 = 0 OR floor_id = ?1) AND ?2 = 0),"
	"(SELECT count(*) FROM walls WHERE (?1 = 0 OR floor_id = ?1) AND ?2 = 0),"
	"(SELECT count(*) FROM aps WHERE (?1 = 0 OR floor_id = ?1) AND ?2 = 0),"
	"(SELECT count(*) FROM walks w WHERE" WALK_FILTER "),"
	"(SELECT count(*) FROM waypoints p JOIN walks w ON w.id = p.walk_id WHERE"
	WALK_FILTER "),"
	"(SELECT count(*) FROM samples s JOIN walks w ON w.id = s.walk_id WHERE"
	WALK_FILTER "),"
	"(SELECT count(*) FROM observations o JOIN samples s ON s.id = o.sample_id "
	"  JOIN walks w ON w.id = s.walk_id WHERE" WALK_FILTER "),"
	"(SELECT count(*) FROM links l JOIN samples s ON s.id = l.sample_id "
	"  JOIN walks w ON w.id = s.walk_id WHERE" WALK_FILTER "),"
	"(SELECT count(*) FROM throughputs t JOIN samples s ON s.id = t.sample_id "
	"  JOIN walks w ON w.id = s.walk_id WHERE" WALK_FILTER "),"
	"(SELECT count(*) FROM samples s JOIN walks w ON w.id = s.walk_id "
	"  WHERE" WALK_FILTER "AND s.status NOT IN (0, 3)),"
	"(SELECT min(s.t_us) FROM samples s JOIN walks w ON w.id = s.walk_id WHERE"
	WALK_FILTER "),"
	"(SELECT max(s.t_us) FROM samples s JOIN walks w ON w.id = s.walk_id WHERE"
	WALK_FILTER ")";

static const char by_kind_sql[] = "SELECT s.kind, count(*) FROM samples s JOIN walks w "
				   "ON w.id = s.walk_id WHERE" WALK_FILTER "GROUP BY s.kind";

#undef WALK_FILTER

static void read_totals(sqlite3_stmt *st, struct survey_counts *c)
{
	int64_t *const col[] = { &c->floors, &c->wards, &c->walls, &c->aps, &c->walks,
				 &c->waypoints, &c->samples, &c->observations, &c->links,
				 &c->throughputs, &c->failed_samples };

	for (size_t i = 0; i < sizeof(col) / sizeof(col[0]); i++)
		*col[i] = sqlite3_column_int64(st, (int)i);
	c->first_us = store_col_int(st, 11, 0);
	c->last_us = store_col_int(st, 12, 0);
}

static void read_by_kind(sqlite3_stmt *st, struct survey_counts *c)
{
	int64_t k = sqlite3_column_int64(st, 0);

	if (k > 0 && k <= SAMPLE_NOISE)
		c->by_kind[k] = sqlite3_column_int64(st, 1);
}

/* Run @sql with ?1 = @floor_id, ?2 = @walk_id, giving each row to @read. */
static int count_rows(struct survey *s, const char *sql, int64_t floor_id, int64_t walk_id,
		      void (*read)(sqlite3_stmt *st, struct survey_counts *c),
		      struct survey_counts *c, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, sql, &st, "cannot count", err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, floor_id);
	sqlite3_bind_int64(st, 2, walk_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read(st, c);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return survey_sql_error(s, rc, err, "cannot count");
	return 0;
}

/* Counts over floor @floor_id and/or walk @walk_id (0: any). */
static int count_impl(struct survey *s, int64_t floor_id, int64_t walk_id,
		      struct survey_counts *c, struct ns_err *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	rc = count_rows(s, totals_sql, floor_id, walk_id, read_totals, c, err);
	if (!rc)
		rc = count_rows(s, by_kind_sql, floor_id, walk_id, read_by_kind, c, err);
	return rc;
}

int survey_count(struct survey *s, int64_t floor_id, struct survey_counts *c,
		 struct ns_err *err)
{
	return count_impl(s, floor_id, 0, c, err);
}

int survey_count_walk(struct survey *s, int64_t walk_id, struct survey_counts *c,
		      struct ns_err *err)
{
	return count_impl(s, 0, walk_id, c, err);
}
