/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * device.h — what a device hears, not what the survey adapter heard: a
 * receive offset per device class (a badge worn on the chest, a handset, a
 * laptop's adapter) added to every signal before a profile judges it, with
 * where the figure comes from. Offsets live in the survey file
 * (survey.h, struct survey_device_offset, kind "device" or "adapter"); notspot
 * ships none of its own, because a figure without a source is not evidence.
 *
 * hm_calibrate_walks() derives an adapter's offset from a side-by-side walk:
 * two walks recorded at the same time by two adapters carried together. Each
 * scan observation of the measured walk is paired with the reference walk's
 * observation of the same BSSID nearest in time (within HM_CAL_WINDOW_US);
 * the offset is the median of (measured − reference): what to ADD to the
 * reference adapter's signal to get the measured one's.
 *
 * Units: dB, dBm, µs.
 */
#ifndef NOTSPOT_HEATMAP_DEVICE_H
#define NOTSPOT_HEATMAP_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heatmap/samples.h"
#include "survey/survey.h"
#include "util/err.h"

#define HM_CAL_WINDOW_US 2000000 /* pairs further apart in time are not compared */
#define HM_CAL_MIN_PAIRS 20      /* fewer pairs: refused, the median would mean little */

struct hm_device {
	char kind[16];            /* "device" or "adapter" */
	char name[64];
	double offset_db;         /* added to every signal */
	char source[256];         /* a citation, or "site-measured: …" */
};

/**
 * hm_device_get() - the stored offset named @name (a "device" first, else an
 * "adapter") of @s into @d; -ENOENT with a sentence listing those stored.
 */
int hm_device_get(struct survey *s, const char *name, struct hm_device *d, struct ns_err *err);

/** hm_device_apply() - add @d's offset to every signal point of @set. */
void hm_device_apply(const struct hm_device *d, struct hm_set *set);

/** hm_device_describe() - "badge on chest: -7.0 dB (source)" into @buf; returns @buf. */
char *hm_device_describe(const struct hm_device *d, char *buf, size_t len);

struct hm_calibration {
	double offset_db;         /* median of measured − reference, dB */
	double iqr_db;            /* its spread: the interquartile range, dB */
	size_t pairs;             /* observations compared */
};

/**
 * hm_calibrate_walks() - the offset of walk @measured_walk's adapter against
 * walk @ref_walk's (see above). -ENODATA with a sentence when fewer than
 * HM_CAL_MIN_PAIRS pairs are found (the walks were not side by side).
 */
int hm_calibrate_walks(struct survey *s, int64_t ref_walk, int64_t measured_walk,
		       struct hm_calibration *out, struct ns_err *err);

#endif
