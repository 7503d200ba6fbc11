/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * survey.h — the survey file: one SQLite database per site survey (*.notspot).
 *
 * Self-contained (floorplan drawings are stored inside as blobs) so it can be
 * mailed to a network team. WAL journal, synchronous=FULL, and every sample is
 * committed in its own transaction as it arrives: a flat battery or a crash
 * loses at most the sample in flight.
 *
 * Units: times are µs (wall clock: since the Unix epoch, UTC; monotonic: since
 * boot); positions metres on the floor (see floorplans/model.h); signals dBm;
 * rates Mbit/s; durations ms unless a name says otherwise. A measured value that
 * is unknown is NAN (doubles) or -1 (counts); it is stored as SQL NULL.
 *
 * Ownership: structs passed in are read, never kept. Structs filled for the
 * caller are the caller's; the few that own heap memory say so and have a
 * *_release() function.
 *
 * Errors: 0 (or a row id > 0) on success, a negative errno on failure with a
 * sentence in the caller's struct ns_err (may be NULL).
 */
#ifndef NOTSPOT_SURVEY_SURVEY_H
#define NOTSPOT_SURVEY_SURVEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "measure/measure.h"
#include "util/err.h"

/* The schema this build writes. Older files are migrated, newer refused. */
#define SURVEY_SCHEMA_VERSION 1

struct survey; /* opaque: an open survey file */

enum survey_open_mode {
	SURVEY_READ_ONLY,  /* never writes, never migrates, never creates WAL files;
			    * with no writer active (no -wal file) it reads the file
			    * as immutable: a writer starting later is not seen */
	SURVEY_READ_WRITE, /* migrates an older schema (after a backup copy) */
};

/* Site-level facts, one per file. */
struct survey_meta {
	char site[128];          /* "St Elsewhere General Hospital" */
	char organisation[128];  /* "St Elsewhere NHS Foundation Trust" */
	char surveyor[128];      /* default operator */
	char notes[512];
	int64_t created_us;      /* set by survey_create() */
	char created_by[64];     /* software version that created the file */
	int schema_version;      /* read-only: PRAGMA user_version */
};

/**
 * survey_create() - create a new survey file at @path (refused if it exists).
 * @meta may be NULL. On success *@out is open read-write.
 */
int survey_create(const char *path, const struct survey_meta *meta, struct survey **out,
		  struct ns_err *err);

/**
 * survey_open() - open an existing survey file.
 * A file that is not a survey, is truncated or corrupt, or has a schema newer
 * than SURVEY_SCHEMA_VERSION is refused with a sentence and left byte-identical.
 */
int survey_open(const char *path, enum survey_open_mode mode, struct survey **out,
		struct ns_err *err);

/** survey_close() - close (checkpointing the WAL when writable); NULL is fine. */
void survey_close(struct survey *s);

int survey_get_meta(struct survey *s, struct survey_meta *meta, struct ns_err *err);
int survey_set_meta(struct survey *s, const struct survey_meta *meta, struct ns_err *err);

/* ---- floors and their geometry ------------------------------------------- */

/* A floor as listed (without its drawing or geometry). */
struct survey_floor_info {
	int64_t id;
	char name[64];
	char building[64];
	int level;
	char image_type[8];
	int width_px, height_px;
	double px_per_m;
	size_t nwards, nwalls, nopenings, naps;
};

/**
 * survey_add_floor() - store @fp (drawing, scale, wards, walls, openings, APs)
 * as a new floor in one transaction. Floor names are unique in a file.
 * Returns the floor id (> 0) and writes the ids back into @fp.
 */
int64_t survey_add_floor(struct survey *s, struct floorplan *fp, struct ns_err *err);

/**
 * survey_update_floor() - replace floor @fp->id's scale, drawing and geometry
 * with @fp's, in one transaction (used by `floor scale`, `ward add`, `wall add`).
 */
int survey_update_floor(struct survey *s, struct floorplan *fp, struct ns_err *err);

/** survey_load_floor() - the whole floor @floor_id; caller frees with floorplan_free(). */
int survey_load_floor(struct survey *s, int64_t floor_id, struct floorplan **out,
		      struct ns_err *err);

/** survey_find_floor() - the id of the floor named @name, or -ENOENT with a sentence. */
int64_t survey_find_floor(struct survey *s, const char *name, struct ns_err *err);

/**
 * survey_list_floors() - every floor, ordered by level then name.
 * *@out is malloc'd (free() it); *@n its length.
 */
int survey_list_floors(struct survey *s, struct survey_floor_info **out, size_t *n,
		       struct ns_err *err);

/* ---- walks and waypoints ------------------------------------------------- */

struct survey_walk {
	int64_t id;
	int64_t floor_id;
	int64_t start_us, end_us; /* end_us 0 while the walk is open */
	char operator_name[64];
	char interface[32];       /* "wlp2s0" */
	char driver[64];          /* "iwlwifi" */
	char chipset[64];
	char mode[16];            /* "stop-and-go", "continuous", "simulated", "import", "capture" */
	char note[256];
};

/** survey_begin_walk() - store @w (start_us set if 0). Returns the walk id. */
int64_t survey_begin_walk(struct survey *s, const struct survey_walk *w, struct ns_err *err);

/** survey_end_walk() - mark walk @walk_id finished at @end_us. */
int survey_end_walk(struct survey *s, int64_t walk_id, int64_t end_us, struct ns_err *err);

/*
 * The driver every simulated walk records (sim/ and `notspot walk --simulate`).
 * Maps and reports of a survey holding such a walk must say the data are
 * simulated: they are not evidence about any real building.
 */
#define SURVEY_SIM_DRIVER "notspot-sim"

/** survey_walk_is_simulated() - mode "simulated" or driver SURVEY_SIM_DRIVER. */
bool survey_walk_is_simulated(const struct survey_walk *w);

/**
 * survey_has_simulated_walks() - whether any walk on @floor_id (0: any floor)
 * is simulated; *@out is set. Returns 0 or -errno.
 */
int survey_has_simulated_walks(struct survey *s, int64_t floor_id, bool *out,
			       struct ns_err *err);

/** survey_get_walk() - the walk @walk_id. */
int survey_get_walk(struct survey *s, int64_t walk_id, struct survey_walk *w,
		    struct ns_err *err);

/** survey_list_walks() - walks on @floor_id (0: all), by start. *@out malloc'd. */
int survey_list_walks(struct survey *s, int64_t floor_id, struct survey_walk **out,
		      size_t *n, struct ns_err *err);

/* What the engineer tapped: where they were, and when. */
struct survey_waypoint {
	int64_t id;
	int64_t walk_id;
	int64_t t_us;
	int64_t mono_us;
	double x_m, y_m;
	bool pause;               /* a pause starts here: no samples are placed until the next tap */
};

/** survey_add_waypoint() - commit one waypoint. Returns its id. */
int64_t survey_add_waypoint(struct survey *s, const struct survey_waypoint *wp,
			    struct ns_err *err);

/** survey_delete_waypoint() - undo a tap: remove it (samples it placed are unplaced by the caller). */
int survey_delete_waypoint(struct survey *s, int64_t waypoint_id, struct ns_err *err);

/** survey_list_waypoints() - the waypoints of @walk_id by time. *@out malloc'd. */
int survey_list_waypoints(struct survey *s, int64_t walk_id, struct survey_waypoint **out,
			  size_t *n, struct ns_err *err);

/* ---- samples ------------------------------------------------------------- */
/**
 * survey_add_sample() - commit one sample with its parts in one transaction.
 * @obs/@nobs: the BSSes heard (may be NULL/0); @link, @tput: may be NULL.
 * Returns the sample id once the data is on disk (synchronous=FULL).
 */
int64_t survey_add_sample(struct survey *s, const struct meas_sample *sample,
			  const struct meas_observation *obs, size_t nobs,
			  const struct meas_link *link, const struct meas_throughput *tput,
			  struct ns_err *err);

/**
 * survey_batch_begin() / _commit() / _rollback() - group many writes into one
 * transaction, for work that is not a live walk (a simulation, a bulk load):
 * thousands of samples then cost one fsync instead of one each. Inside a batch
 * each survey_add_sample() (or other write) is a savepoint: a failing one
 * undoes only itself. Nothing in the batch is durable until the commit; a
 * crash, or survey_close() with the batch open, loses all of it. A live walk
 * must not batch. Only one batch at a time (-EBUSY).
 */
int survey_batch_begin(struct survey *s, struct ns_err *err);
int survey_batch_commit(struct survey *s, struct ns_err *err);
void survey_batch_rollback(struct survey *s);

/**
 * survey_place_samples() - give every sample of @walk_id in [@from_us, @to_us]
 * (wall clock) a position from @place(t_us, &x, &y) — which returns false to
 * leave a sample unplaced. One transaction. Used by the position track.
 */
int survey_place_samples(struct survey *s, int64_t walk_id, int64_t from_us, int64_t to_us,
			 bool (*place)(void *arg, int64_t t_us, double *x, double *y), void *arg,
			 struct ns_err *err);

/* What to iterate: zero fields are "any". */
struct survey_query {
	int64_t floor_id;
	int64_t walk_id;
	int64_t from_us, to_us;    /* wall-clock range, 0 = open */
	int kind;                  /* enum meas_kind, 0 = any */
	bool placed_only;
	const uint8_t *bssid;      /* only observations of this BSSID, NULL = all; samples
				    * where it was not heard still come, with nobs 0 */
};

/*
 * Called once per sample with its parts; the pointers are valid during the
 * call only. Return 0 to go on, non-zero to stop (that value is returned).
 */
typedef int (*survey_sample_cb)(void *arg, const struct meas_sample *sample,
				const struct meas_observation *obs, size_t nobs,
				const struct meas_link *link,
				const struct meas_throughput *tput);

/** survey_foreach_sample() - iterate the samples matching @q by time. */
int survey_foreach_sample(struct survey *s, const struct survey_query *q, survey_sample_cb cb,
			  void *arg, struct ns_err *err);

/* Counts for `notspot info`. */
struct survey_counts {
	int64_t floors, wards, walls, aps, walks, waypoints, samples, observations, links,
		throughputs, failed_samples;
	int64_t first_us, last_us;  /* time span of samples, 0 if none */
	int64_t by_kind[SAMPLE_NOISE + 1]; /* samples per enum meas_kind ([0] unused) */
};

/** survey_count() - counts for the floor @floor_id (0: the whole file). */
int survey_count(struct survey *s, int64_t floor_id, struct survey_counts *c,
		 struct ns_err *err);

/** survey_count_walk() - counts for walk @walk_id (floors and geometry counts are 0). */
int survey_count_walk(struct survey *s, int64_t walk_id, struct survey_counts *c,
		      struct ns_err *err);

/*
 * Progress of long work (CSV/JSON export and import): @fn is called now and
 * then with units done out of @total, and once with done == total at the end.
 */
struct survey_progress {
	void (*fn)(void *arg, int64_t done, int64_t total);
	void *arg;
};

/* ---- the SQLite handle stays inside survey/ (store_private.h) ---------- */

#endif
