/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * openintent.h — OpenIntent 2.x (the vendor-neutral Wi-Fi design and survey
 * format) in and out. formats/README.md has the mapping table: what each
 * direction keeps and what it loses.
 *
 * Frames: OpenIntent puts the origin of a floorplan at its lower-left corner
 * with y up, in metres, feet or pixels; notspot puts it at a chosen drawing
 * pixel with y down, in metres. The export writes the floor's frame as
 * "notspot_origin" (a vendor key, ignored by other tools) so that an export
 * read back lands every point where it was.
 *
 * Errors: 0 or a negative errno with one sentence in @err; a value of the
 * wrong type is named by its JSON path ("accesspoints[3].dot11_radios[0].
 * channel: must be a number, not a string"). Properties the reader does not
 * know are ignored, as the format asks.
 */
#ifndef NOTSPOT_FORMATS_OPENINTENT_H
#define NOTSPOT_FORMATS_OPENINTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "formats/project.h"
#include "survey/survey.h"
#include "util/err.h"

/* The version the export claims and the major version the reader accepts. */
#define FMT_OPENINTENT_VERSION "2.1.0"

/** fmt_openintent_sniff() - whether @data looks like an OpenIntent document (a JSON object naming openintent_version or floorplans). */
bool fmt_openintent_sniff(const char *data, size_t len);

/**
 * fmt_openintent_read() - read the OpenIntent document @data (@len bytes)
 * into @p (initialised by the caller): floorplans with walls, attenuation
 * and coverage areas, access points with radios, and survey paths with their
 * scan events. Nothing is written anywhere; store with fmt_project_store().
 */
int fmt_openintent_read(const char *data, size_t len, struct fmt_project *p, struct ns_err *err);

/* What an export wrote, and what it left out. */
struct fmt_oi_export_stats {
	size_t floors, walls, aps, walks, scan_events, observations;
	size_t samples_left_out;      /* link, throughput, latency, noise samples */
	size_t observations_left_out; /* without a signal or a frequency */
	size_t floors_left_out;       /* floors with no scale: OpenIntent needs metres */
};

/**
 * fmt_openintent_export() - write survey @s (every floor, its walls, wards,
 * APs, and every walk as a survey path with its scan events) to @out as one
 * OpenIntent document. @progress (may be NULL) hears samples done. @st may
 * be NULL. Returns 0, or -EIO when @out fails.
 */
int fmt_openintent_export(struct survey *s, FILE *out, const struct survey_progress *progress,
			  struct fmt_oi_export_stats *st, struct ns_err *err);

#endif
