/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * project.h — what an import brings in, in notspot's terms, before anything
 * is written: levels (a floor in metres with its walls, wards and APs),
 * what today's floor model has no place for yet (attenuation areas, AP
 * radios, models and notes), and walks (taps and scans with their times and
 * the survey device that took them).
 *
 * Levels, their buildings, walls, areas and APs with their radios are the
 * floor model's own (floorplans/model.h); walks keep their provenance (the
 * device, the adapter, a calibration already applied, where they came from)
 * for the walk row. Every reader (openintent.h, esx.h) fills a struct
 * fmt_project from the
 * outside bytes and stops at the first error; fmt_project_store() then writes
 * the whole project into a survey in one batch through the recorder, exactly
 * as a walk recorded live would be (recorder/recorder.h), so an import is all
 * or nothing: on any error the survey is as it was.
 *
 * Units: metres on each level (x right, y down, as floorplans/model.h), dBm,
 * dB, µs since the Unix epoch (UTC) for times. Unknown: NAN for real values,
 * 0 for channels, widths and bands given as -1 (see each field).
 *
 * Ownership: a project owns everything it points to; fmt_project_release()
 * frees it. Readers only append through the fmt_project_add_*() helpers.
 */
#ifndef NOTSPOT_FORMATS_PROJECT_H
#define NOTSPOT_FORMATS_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "measure/measure.h"
#include "recorder/track.h"
#include "survey/survey.h"
#include "util/err.h"

struct fmt_level {
	struct floorplan *fp;        /* owned: drawing, scale, walls, wards, openings, APs
				      * with their radios, attenuation areas, its building */
};

/* One scan result set: where and when, and what was heard. */
struct fmt_scan {
	int64_t t_us;
	bool has_pos;           /* a coordinate of its own (else placed by the track) */
	double x_m, y_m;
	enum meas_status status;
	char error[160];
	struct meas_observation *obs; /* owned */
	size_t nobs;
};

/* A tap: where the surveyor was at a time; @pause starts a break (END of a path). */
struct fmt_tap {
	int64_t t_us;
	double x_m, y_m;
	bool pause;
};

struct fmt_walk {
	size_t level;            /* index into fmt_project.levels */
	bool by_track;           /* scans are placed by time along the taps (continuous);
				  * else each scan with a coordinate is its own point */
	char name[128];
	int64_t start_us, end_us;
	char device[64];         /* the survey device: model, software, platform */
	char adapter[64];        /* the Wi-Fi adapter: manufacturer and model */
	char interface[32];      /* the adapter's identifier in the source */
	char driver[64];
	double rssi_offset_db;   /* calibration already applied to the signals, 0 none */
	bool simulated;          /* notspot's own simulated data: stored as such, maps say so */
	struct fmt_tap *taps;    /* owned, by time */
	size_t ntaps;
	struct fmt_scan *scans;  /* owned, by time */
	size_t nscans;
};

struct fmt_project {
	const char *format;      /* "openintent", "ekahau" (static) */
	char site[128];          /* project name, "" if none */
	char notes[512];         /* project notes that belong to no AP */
	struct fmt_level *levels;
	size_t nlevels;
	struct fmt_walk *walks;
	size_t nwalks;
	size_t aps_without_position; /* APs in the file with no place on a floor: left out */
	size_t walls_left_out;       /* walls on no known floor, or of no length */
};

/* What fmt_project_store() wrote. */
struct fmt_store_stats {
	size_t floors, walls, aps, areas, radios, walks, samples, observations;
	size_t placed;           /* samples that got a position */
};

/** fmt_project_init() / _release() - an empty project; free all it holds. */
void fmt_project_init(struct fmt_project *p, const char *format);
void fmt_project_release(struct fmt_project *p);

/** fmt_project_add_level() - a new level owning @fp (taken even on error). Returns its index or -ENOMEM. */
long fmt_project_add_level(struct fmt_project *p, struct floorplan *fp, struct ns_err *err);

/** fmt_project_add_walk() - a new empty walk on level @level; *@out points into @p. */
int fmt_project_add_walk(struct fmt_project *p, size_t level, struct fmt_walk **out,
			 struct ns_err *err);

/** fmt_walk_add_tap() / _add_scan() - append; a scan's observations are copied. */
int fmt_walk_add_tap(struct fmt_walk *w, const struct fmt_tap *t, struct ns_err *err);
int fmt_walk_add_scan(struct fmt_walk *w, const struct fmt_scan *s, struct ns_err *err);

/** fmt_project_find_level() - the index of the level named @name, or -1. */
long fmt_project_find_level(const struct fmt_project *p, const char *name);

/**
 * fmt_project_store() - write @p into @s in one batch: every level as a new
 * floor of its building (a name the building already has is refused), then
 * every walk through a batch recorder (mode "import", origin @origin, its
 * device, adapter and calibration offset; the note says how it was placed).
 * On any error nothing is written.
 * @st may be NULL.
 */
int fmt_project_store(struct survey *s, struct fmt_project *p, const char *origin,
		      struct fmt_store_stats *st, struct ns_err *err);

#endif
