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

/*
 * The schema this build writes. Older files are migrated when opened
 * read-write (after a backup copy), read as they are when opened read-only;
 * newer ones are refused. survey/README.md documents every table and column.
 */
#define SURVEY_SCHEMA_VERSION 2

struct survey; /* opaque: an open survey file */

enum survey_open_mode {
	SURVEY_READ_ONLY,  /* never writes, never migrates, never creates WAL files;
			    * with no writer active (no -wal file) it reads the file
			    * as immutable: a writer starting later is not seen. An
			    * older file is read as it is: every call sees it as this
			    * version (what it lacks reads as unknown or empty), and
			    * the file stays byte-identical */
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

/*
 * Correcting a survey: every call below that changes the file is one
 * transaction (a savepoint inside a batch), so an editor can save each edit
 * as it is made. What the model refuses (floorplans/validate.h: an outline
 * with fewer than 3 distinct points, crossing itself or off the drawing;
 * calibration points that coincide; values that are not finite) is refused
 * here too, -EINVAL with one sentence naming the value; nothing is written.
 */

/* ---- buildings ------------------------------------------------------------- */

/*
 * Every floor belongs to one building (floorplans/model.h, struct
 * fp_building). Building names are unique in a file. A floor is stored in the
 * building its `building` text names, created if there is none (so a floor
 * copied from another survey finds its building by name); with an empty name,
 * in building `building_id` when that is > 0; with neither, in the file's
 * only building, or else in the building named after the site ("Building"
 * when the site has no name) — the rule the migration from version 1 follows.
 * Storing writes the id and the name back.
 */

/** survey_add_building() - store @b as a new building. Returns its id; -EEXIST for a taken name. */
int64_t survey_add_building(struct survey *s, const struct fp_building *b, struct ns_err *err);

/** survey_update_building() - replace building @b->id's name, note, north and default height. */
int survey_update_building(struct survey *s, const struct fp_building *b, struct ns_err *err);

/** survey_rename_building() - give building @id the name @name (-EEXIST if taken). */
int survey_rename_building(struct survey *s, int64_t id, const char *name, struct ns_err *err);

/** survey_remove_building() - remove building @id; -EBUSY while floors are in it. */
int survey_remove_building(struct survey *s, int64_t id, struct ns_err *err);

/** survey_get_building() - building @id into @out; -ENOENT with a sentence. */
int survey_get_building(struct survey *s, int64_t id, struct fp_building *out,
			struct ns_err *err);

/** survey_find_building() - the id of the building named @name, or -ENOENT with a sentence. */
int64_t survey_find_building(struct survey *s, const char *name, struct ns_err *err);

/**
 * survey_ensure_building() - the id of the building named @name, created
 * (with the defaults of fp_building_init()) when there is none; "" or NULL
 * follows the rule above. What `floor add --building NAME` uses.
 */
int64_t survey_ensure_building(struct survey *s, const char *name, struct ns_err *err);

/** survey_list_buildings() - every building by name. *@out is malloc'd (free() it). */
int survey_list_buildings(struct survey *s, struct fp_building **out, size_t *n,
			  struct ns_err *err);

/* ---- floors and their geometry ------------------------------------------- */

/* A floor as listed (without its drawing or geometry). */
struct survey_floor_info {
	int64_t id;
	char name[64];
	int64_t building_id;
	char building[64];        /* the building's name */
	int level;
	double elevation_m;       /* NAN: not given (floorplans/building.h computes it) */
	double height_m;          /* NAN: the building's default */
	char image_type[8];
	int width_px, height_px;
	double px_per_m;
	size_t nwards, nwalls, nopenings, naps, nareas;
};

/**
 * survey_add_floor() - store @fp (its level, drawing, scale, wards, walls,
 * openings, APs with their radios, areas) as a new floor in one transaction,
 * in the building the rule above finds. Floor names are
 * unique in a building. Every element is checked (floorplans/validate.h).
 * Returns the floor id (> 0) and writes the ids back into @fp (building_id
 * and building too).
 */
int64_t survey_add_floor(struct survey *s, struct floorplan *fp, struct ns_err *err);

/**
 * survey_update_floor() - replace floor @fp->id's fields, drawing and geometry
 * with @fp's, in one transaction (used by `floor scale`, `ward add`, `wall
 * add`). Elements with an id keep it and are not checked again, so a new scale
 * never strands what was drawn before; new elements (id 0) are checked as
 * survey_add_floor() does. An editor changing one element uses the calls below.
 */
int survey_update_floor(struct survey *s, struct floorplan *fp, struct ns_err *err);

/**
 * survey_update_floor_meta() - replace floor @fp->id's own fields — name,
 * building (by the rule above), level, elevation, height,
 * slab material and losses, alignment, calibration, scale and origin — leaving
 * its drawing and elements as they are. fp_check_level() must pass.
 */
int survey_update_floor_meta(struct survey *s, const struct floorplan *fp, struct ns_err *err);

/**
 * survey_align_floor_to() - align floor @floor_id by @rel onto floor
 * @ref_floor_id of the same building: its alignment becomes the reference's
 * composed with @rel (fp_align_compose()), so a place on one level is the same
 * place on the other. -EINVAL for a floor aligned to itself or to another
 * building's floor.
 */
int survey_align_floor_to(struct survey *s, int64_t floor_id, int64_t ref_floor_id,
			  struct fp_align rel, struct ns_err *err);

/**
 * survey_remove_floor() - remove floor @floor_id with its drawing and
 * elements. When walks were recorded on it, refused with -EBUSY and a sentence
 * saying how many walks and samples would go, unless @force: then they go too.
 */
int survey_remove_floor(struct survey *s, int64_t floor_id, bool force, struct ns_err *err);

/** survey_load_floor() - the whole floor @floor_id; caller frees with floorplan_free(). */
int survey_load_floor(struct survey *s, int64_t floor_id, struct floorplan **out,
		      struct ns_err *err);

/* What survey_load_floor_ex() reads besides the floor's own fields. */
enum survey_load {
	SURVEY_LOAD_DRAWING = 1 << 0,  /* the image bytes */
	SURVEY_LOAD_ELEMENTS = 1 << 1, /* wards, walls, openings, APs (with radios), areas */
	SURVEY_LOAD_ALL = SURVEY_LOAD_DRAWING | SURVEY_LOAD_ELEMENTS,
};

/**
 * survey_load_floor_ex() - floor @floor_id with what @what asks (enum
 * survey_load; 0: its own fields only). Listing a floor's elements is
 * survey_load_floor_ex(…, SURVEY_LOAD_ELEMENTS, …): no drawing is read.
 */
int survey_load_floor_ex(struct survey *s, int64_t floor_id, unsigned what,
			 struct floorplan **out, struct ns_err *err);

/**
 * survey_find_floor() - the id of the floor named @name, or -ENOENT with a
 * sentence; -EEXIST when floors of that name are in several buildings (use
 * survey_find_floor_in()).
 */
int64_t survey_find_floor(struct survey *s, const char *name, struct ns_err *err);

/** survey_find_floor_in() - the id of floor @name of building @building_id, or -ENOENT. */
int64_t survey_find_floor_in(struct survey *s, int64_t building_id, const char *name,
			     struct ns_err *err);

/**
 * survey_list_floors() - every floor, ordered by level then name.
 * *@out is malloc'd (free() it); *@n its length.
 */
int survey_list_floors(struct survey *s, struct survey_floor_info **out, size_t *n,
		       struct ns_err *err);

/* ---- one element at a time ------------------------------------------------ */

/*
 * add: store a copy of the element on floor @floor_id (its id is ignored);
 * returns the new id. update: replace element @e->id's fields (points, name,
 * material and losses, position, radios…). remove: delete element @id. get:
 * element @id into @out (and its floor into *@floor_id, may be NULL); a ward's,
 * wall's or area's points are malloc'd: fp_ward_release(), fp_wall_release(),
 * fp_area_release(). -ENOENT with "there is no ward 12" for an id that is not
 * there. Ward names are unique on a floor (-EEXIST). An AP's radios are
 * stored and replaced with it. To list a floor's elements, use
 * survey_load_floor_ex(…, SURVEY_LOAD_ELEMENTS, …).
 */
int64_t survey_add_ward(struct survey *s, int64_t floor_id, const struct fp_ward *e,
			struct ns_err *err);
int survey_update_ward(struct survey *s, const struct fp_ward *e, struct ns_err *err);
int survey_remove_ward(struct survey *s, int64_t id, struct ns_err *err);
int survey_get_ward(struct survey *s, int64_t id, struct fp_ward *out, int64_t *floor_id,
		    struct ns_err *err);

int64_t survey_add_wall(struct survey *s, int64_t floor_id, const struct fp_wall *e,
			struct ns_err *err);
int survey_update_wall(struct survey *s, const struct fp_wall *e, struct ns_err *err);
int survey_remove_wall(struct survey *s, int64_t id, struct ns_err *err);
int survey_get_wall(struct survey *s, int64_t id, struct fp_wall *out, int64_t *floor_id,
		    struct ns_err *err);

int64_t survey_add_opening(struct survey *s, int64_t floor_id, const struct fp_opening *e,
			   struct ns_err *err);
int survey_update_opening(struct survey *s, const struct fp_opening *e, struct ns_err *err);
int survey_remove_opening(struct survey *s, int64_t id, struct ns_err *err);
int survey_get_opening(struct survey *s, int64_t id, struct fp_opening *out, int64_t *floor_id,
		       struct ns_err *err);

int64_t survey_add_ap(struct survey *s, int64_t floor_id, const struct fp_ap *e,
		      struct ns_err *err);
int survey_update_ap(struct survey *s, const struct fp_ap *e, struct ns_err *err);
int survey_remove_ap(struct survey *s, int64_t id, struct ns_err *err);
int survey_get_ap(struct survey *s, int64_t id, struct fp_ap *out, int64_t *floor_id,
		  struct ns_err *err);

int64_t survey_add_area(struct survey *s, int64_t floor_id, const struct fp_area *e,
			struct ns_err *err);
int survey_update_area(struct survey *s, const struct fp_area *e, struct ns_err *err);
int survey_remove_area(struct survey *s, int64_t id, struct ns_err *err);
int survey_get_area(struct survey *s, int64_t id, struct fp_area *out, int64_t *floor_id,
		    struct ns_err *err);

/* ---- device offsets ------------------------------------------------------- */

/*
 * What to ADD to a signal measured by the survey adapter to get what another
 * adapter or a device (a badge, a handset) hears, with where the figure comes
 * from. One per (kind, name).
 */
struct survey_device_offset {
	int64_t id;
	char kind[16];            /* "adapter" or "device" */
	char name[64];            /* "Intel AX210", "Vocera B3000n" */
	double offset_db;         /* dB, finite, -60..60 */
	char source[256];         /* a citation, or "site-measured: calibrate walk 3 on 2026-12-05" */
	int64_t created_us;       /* wall clock; 0: now, when set */
};

/**
 * survey_set_device_offset() - store @o, replacing the offset of the same kind
 * and name (which keeps its id). Returns the id.
 */
int64_t survey_set_device_offset(struct survey *s, const struct survey_device_offset *o,
				 struct ns_err *err);

/** survey_get_device_offset() - the offset of @kind and @name; -ENOENT with a sentence. */
int survey_get_device_offset(struct survey *s, const char *kind, const char *name,
			     struct survey_device_offset *out, struct ns_err *err);

/** survey_list_device_offsets() - every offset by kind and name. *@out malloc'd (free() it). */
int survey_list_device_offsets(struct survey *s, struct survey_device_offset **out, size_t *n,
			       struct ns_err *err);

/** survey_remove_device_offset() - remove offset @id. */
int survey_remove_device_offset(struct survey *s, int64_t id, struct ns_err *err);

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
	char device[64];          /* the survey device: laptop or phone model, OS */
	char adapter[64];         /* adapter model as named by the user or the import */
	double rssi_offset_db;    /* calibration offset ALREADY applied to the stored signals
				   * (e.g. OpenIntent's rssi_calibration_offset_db), dB; 0 none */
	char scan_interface[32];  /* the second adapter that scanned, "" when one did all */
	char origin[256];         /* where an imported walk came from: "csv:FILE",
				   * "openintent:FILE", "ekahau:FILE"; "" if recorded here */
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
	int64_t done_us;          /* stop-and-go: when this point's measurement ended (wall
				   * clock); 0: until the next tap */
};

/** survey_add_waypoint() - commit one waypoint. Returns its id. */
int64_t survey_add_waypoint(struct survey *s, const struct survey_waypoint *wp,
			    struct ns_err *err);

/** survey_delete_waypoint() - undo a tap: remove it (samples it placed are unplaced by the caller). */
int survey_delete_waypoint(struct survey *s, int64_t waypoint_id, struct ns_err *err);

/**
 * survey_set_waypoint_done() - record that the measurement at waypoint
 * @waypoint_id ended at @done_us (0: clear it), so a resumed stop-and-go walk
 * can re-place its samples from the file alone.
 */
int survey_set_waypoint_done(struct survey *s, int64_t waypoint_id, int64_t done_us,
			     struct ns_err *err);

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
