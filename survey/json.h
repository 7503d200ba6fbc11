/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json.h — the whole survey as one JSON document (jansson), for network
 * teams' scripts: meta, buildings, device offsets, floors with their level and
 * geometry (the drawing itself is left out; its type and size are given),
 * walks with their waypoints, and every sample with its observations, link
 * and throughput. survey/README.md shows
 * the shape.
 *
 * Streamed: each sample is built, written and freed in turn, so a survey of
 * any size exports in constant memory. Unknown values are null. An SSID whose
 * bytes are not its text is given as both: the escaped text ("ssid") and the
 * bytes as hex ("ssid_raw"). Other text that is not valid UTF-8 has its bad
 * bytes replaced by U+FFFD.
 */
#ifndef NOTSPOT_SURVEY_JSON_H
#define NOTSPOT_SURVEY_JSON_H

#include <stdio.h>

#include "survey/survey.h"
#include "util/err.h"

/**
 * survey_json_export() - write the survey to @out, reporting samples done to
 * @progress (may be NULL). Returns 0 or -errno.
 */
int survey_json_export(struct survey *s, FILE *out, const struct survey_progress *progress,
		       struct ns_err *err);

#endif
