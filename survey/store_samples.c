/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_samples.c — adding a sample with its parts (the BSSes heard, the link,
 * a throughput result) as one unit of work, and placing a walk's samples on
 * the floor once the position track knows where they were taken.
 *
 * A sample is committed in its own transaction (or savepoint, in a batch) and
 * survey_add_sample() returns only once it is on disk. The sample row is bound
 * by hand (a position is stored only when placed and finite); its parts go
 * through their tables' descriptions (store_schema.c).
 */
#include "survey/store_private.h"

#include <errno.h>

/* Kinds and statuses are stored as numbers: only ones this build can name. */
static int check_sample(const struct meas_sample *sm, struct ns_err *err)
{
	if (!meas_kind_name(sm->kind) || !strcmp(meas_kind_name(sm->kind), "unknown"))
		return ns_err_set(err, -EINVAL, "sample kind %d is not one notspot knows",
				  (int)sm->kind);
	if (!strcmp(meas_status_name(sm->status), "unknown"))
		return ns_err_set(err, -EINVAL, "sample status %d is not one notspot knows",
				  (int)sm->status);
	return 0;
}

/* The samples row; its id is the last insert row id. 0 or -errno. */
static int insert_sample(struct survey *s, const struct meas_sample *sm, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_stmt(s, SLOT_INS_SAMPLE,
			    "INSERT INTO samples(walk_id, t_us, mono_us, kind, status, error, "
			    "x_m, y_m, noise_dbm) VALUES (?,?,?,?,?,?,?,?,?)", &st, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, sm->walk_id);
	sqlite3_bind_int64(st, 2, sm->t_us);
	sqlite3_bind_int64(st, 3, sm->mono_us);
	sqlite3_bind_int(st, 4, sm->kind);
	sqlite3_bind_int(st, 5, sm->status);
	store_bind_fixed(st, 6, sm->error);
	if (sm->placed && isfinite(sm->x_m) && isfinite(sm->y_m)) {
		sqlite3_bind_double(st, 7, sm->x_m);
		sqlite3_bind_double(st, 8, sm->y_m);
	}
	store_bind_real(st, 9, sm->noise_dbm);
	rc = store_done(s, st, err, "cannot store the sample");
	if (rc && store_fk_failed(s))
		return ns_err_set(err, -ENOENT, "there is no walk %lld", (long long)sm->walk_id);
	return rc;
}

int64_t survey_add_sample_in_txn(struct survey *s, const struct meas_sample *sm,
				 const struct meas_observation *obs, size_t nobs,
				 const struct meas_link *link,
				 const struct meas_throughput *tput, struct ns_err *err)
{
	int64_t keys[2];
	int rc = check_sample(sm, err);

	if (!rc)
		rc = insert_sample(s, sm, err);
	if (rc)
		return rc;
	keys[0] = sqlite3_last_insert_rowid(s->db);
	/* Observations are keyed (sample_id, seq): the order they were heard in. */
	for (size_t i = 0; i < nobs && !rc; i++) {
		keys[1] = (int64_t)i;
		rc = store_insert(s, &store_observations, keys, &obs[i], false, err);
	}
	if (!rc && link)
		rc = store_insert(s, &store_links, keys, link, false, err);
	if (!rc && tput)
		rc = store_insert(s, &store_throughputs, keys, tput, false, err);
	return rc ? rc : keys[0];
}

int64_t survey_add_sample(struct survey *s, const struct meas_sample *sample,
			  const struct meas_observation *obs, size_t nobs,
			  const struct meas_link *link, const struct meas_throughput *tput,
			  struct ns_err *err)
{
	int64_t sid;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	sid = survey_add_sample_in_txn(s, sample, obs, nobs, link, tput, err);
	if (sid < 0) {
		survey_rollback(s);
		return sid;
	}
	rc = survey_commit(s, err);
	return rc ? rc : sid;
}

/* Give sample @id the position @place finds for @t_us, or none. */
static int place_one(struct survey *s, int64_t id, int64_t t_us,
		     bool (*place)(void *arg, int64_t t_us, double *x, double *y), void *arg,
		     struct ns_err *err)
{
	sqlite3_stmt *st;
	double x, y;
	bool ok = place(arg, t_us, &x, &y);
	int rc = store_stmt(s, SLOT_PLACE_SAMPLE, "UPDATE samples SET x_m = ?, y_m = ? WHERE id = ?",
			    &st, err);

	if (rc)
		return rc;
	if (ok && isfinite(x) && isfinite(y)) {
		sqlite3_bind_double(st, 1, x);
		sqlite3_bind_double(st, 2, y);
	}
	sqlite3_bind_int64(st, 3, id);
	return store_done(s, st, err, "cannot place a sample");
}

int survey_place_samples(struct survey *s, int64_t walk_id, int64_t from_us, int64_t to_us,
			 bool (*place)(void *arg, int64_t t_us, double *x, double *y), void *arg,
			 struct ns_err *err)
{
	static const char what[] = "cannot place the samples";
	sqlite3_stmt *sel = NULL;
	int rc;

	rc = survey_begin(s, err);
	if (rc)
		return rc;
	rc = store_prepare(s, "SELECT id, t_us FROM samples WHERE walk_id = ? AND t_us "
			   "BETWEEN ? AND ? ORDER BY t_us", &sel, what, err);
	if (rc)
		goto out;
	sqlite3_bind_int64(sel, 1, walk_id);
	sqlite3_bind_int64(sel, 2, from_us);
	sqlite3_bind_int64(sel, 3, to_us);
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		rc = place_one(s, sqlite3_column_int64(sel, 0), sqlite3_column_int64(sel, 1), place,
			       arg, err);
		if (rc)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = survey_sql_error(s, rc, err, what);
		goto out;
	}
	sqlite3_finalize(sel);
	return survey_commit(s, err);
out:
	sqlite3_finalize(sel);
	survey_rollback(s);
	return rc;
}
