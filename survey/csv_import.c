/*
 * csv_import.c — the all-or-nothing import of a CSV file (the long format, or
 * a foreign layout through a mapping) into one floor as a new walk: one
 * transaction, and the first bad row named by line and column (csv.h).
 */
#include "survey/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "survey/store_private.h"

/* ---- import ------------------------------------------------------------------------ */

struct import_ctx {
	struct survey *s;
	const struct survey_progress *progress;
	int64_t lines;
	int64_t walk_id;
	struct survey_csv_import_stats st;
	struct ns_err *err;
};

static int import_sample(void *arg, const struct survey_csv_sample *cs)
{
	struct import_ctx *x = arg;
	struct meas_sample sm = cs->sample;
	int64_t id;

	sm.walk_id = x->walk_id;
	id = survey_add_sample_in_txn(x->s, &sm, cs->obs, cs->nobs, cs->link, NULL, x->err);
	if (id < 0) {
		ns_err_prefix(x->err, "line %zu", cs->line);
		return (int)id;
	}
	if (!x->st.samples || sm.t_us < x->st.first_us)
		x->st.first_us = sm.t_us;
	if (!x->st.samples || sm.t_us > x->st.last_us)
		x->st.last_us = sm.t_us;
	x->st.samples++;
	x->st.observations += cs->nobs;
	if (x->progress && x->progress->fn && x->st.samples % 500 == 0)
		x->progress->fn(x->progress->arg, (int64_t)cs->line, x->lines);
	return 0;
}

int survey_csv_import(struct survey *s, const char *floor, const char *source,
		      const char *data, size_t len, struct survey_csv_import_stats *stats,
		      const struct survey_progress *progress, struct ns_err *err)
{
	return survey_csv_import_mapped(s, floor, source, NULL, data, len, stats, progress, err);
}

int survey_csv_import_mapped(struct survey *s, const char *floor, const char *source,
			     const struct survey_csv_map *map, const char *data, size_t len,
			     struct survey_csv_import_stats *stats,
			     const struct survey_progress *progress, struct ns_err *err)
{
	struct import_ctx x = { .s = s, .err = err, .progress = progress };
	struct survey_walk w;
	int64_t floor_id;
	char *sql;
	int rc;

	floor_id = survey_find_floor(s, floor, err);
	if (floor_id < 0)
		return (int)floor_id;
	if (progress && progress->fn)
		for (const char *p = data; p && p < data + len; p++) {
			p = memchr(p, '\n', (size_t)(data + len - p));
			if (!p)
				break;
			x.lines++;
		}
	rc = survey_begin(s, err);
	if (rc)
		return rc;
	memset(&w, 0, sizeof(w));
	w.floor_id = floor_id;
	w.start_us = 1; /* set to the first sample's time below */
	snprintf(w.mode, sizeof(w.mode), "import");
	snprintf(w.note, sizeof(w.note), "imported from %s", source ? source : "CSV");
	x.walk_id = survey_begin_walk_in_txn(s, &w, err);
	if (x.walk_id < 0) {
		rc = (int)x.walk_id;
		goto fail;
	}
	x.st.walk_id = x.walk_id;
	rc = survey_csv_parse_mapped(data, len, map, import_sample, &x, err);
	if (rc)
		goto fail;
	if (!x.st.samples) {
		rc = ns_err_set(err, -EINVAL, "the file holds a header but no samples");
		goto fail;
	}
	sql = sqlite3_mprintf("UPDATE walks SET start_us = %lld, end_us = %lld WHERE id = %lld",
			      (long long)x.st.first_us, (long long)x.st.last_us,
			      (long long)x.walk_id);
	if (!sql) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto fail;
	}
	rc = sqlite3_exec(survey_sqlite(s), sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		rc = survey_sql_error(s, rc, err, "cannot date the imported walk");
		goto fail;
	}
	rc = survey_commit(s, err);
	if (rc)
		return rc;
	if (progress && progress->fn)
		progress->fn(progress->arg, x.lines, x.lines);
	if (stats)
		*stats = x.st;
	return 0;
fail:
	survey_rollback(s);
	return rc;
}
