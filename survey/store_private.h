/*
 * store_private.h — the survey store's internals shared with its own modules
 * (csv.c, json.c) and its tests; not for other modules.
 *
 * Migrations: a schema is a target version and an ordered list of steps, each
 * taking a file from user_version N to N + 1. survey_open() uses the built-in
 * schema (SURVEY_SCHEMA_VERSION, whose step list is empty while version 1 is
 * the only released schema). survey_open_schema() lets a test inject a list to
 * exercise the mechanism honestly on a real version-1 file.
 */
#ifndef NOTSPOT_SURVEY_STORE_PRIVATE_H
#define NOTSPOT_SURVEY_STORE_PRIVATE_H

#include <sqlite3.h>

#include "survey/survey.h"

struct survey_migration {
	int from;        /* user_version this step starts from; it ends at from + 1 */
	const char *sql; /* statements run inside the migration's transaction */
};

struct survey_schema {
	int version;                           /* the version this build writes */
	const struct survey_migration *steps;  /* ordered by from, consecutive */
	size_t nsteps;
};

/** survey_builtin_schema() - the schema survey_open() migrates to. */
const struct survey_schema *survey_builtin_schema(void);

/**
 * survey_open_schema() - survey_open() against @schema instead of the built-in one.
 * A read-write open of a file older than @schema->version copies it to
 * PATH.bak-vN (N its version) and runs the steps in one transaction.
 */
int survey_open_schema(const char *path, enum survey_open_mode mode,
		       const struct survey_schema *schema, struct survey **out,
		       struct ns_err *err);

/** survey_sqlite() - the underlying handle, for survey/'s own modules (csv, json) and its tests. */
struct sqlite3 *survey_sqlite(struct survey *s);

/** survey_sql_error() - put SQLite's message for @rc into @err; returns a -errno. */
int survey_sql_error(struct survey *s, int rc, struct ns_err *err, const char *what);

/** survey_begin() / survey_commit() / survey_rollback() - an IMMEDIATE write transaction. */
int survey_begin(struct survey *s, struct ns_err *err);
int survey_commit(struct survey *s, struct ns_err *err);
void survey_rollback(struct survey *s);

/**
 * survey_add_sample_in_txn() - survey_add_sample() without its own transaction,
 * for callers that batch many samples all-or-nothing (CSV import).
 */
int64_t survey_add_sample_in_txn(struct survey *s, const struct meas_sample *sample,
				 const struct meas_observation *obs, size_t nobs,
				 const struct meas_link *link,
				 const struct meas_throughput *tput, struct ns_err *err);

/**
 * survey_begin_walk_in_txn() - survey_begin_walk() inside the caller's transaction.
 */
int64_t survey_begin_walk_in_txn(struct survey *s, const struct survey_walk *w,
				 struct ns_err *err);

#endif
