/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tput_store.h — `notspot throughput|latency --survey F --walk N`: a result
 * added to a walk no recorder drives (scanner/tput_sample.h makes the sample,
 * recorder_append() stores it, unplaced). Failures are stored too.
 *
 * Returns the sample id (> 0) once it is on disk, or a negative errno with a
 * sentence when storing failed — a failed measurement is not a failed store.
 */
#ifndef NOTSPOT_CLI_TPUT_STORE_H
#define NOTSPOT_CLI_TPUT_STORE_H

#include <stdint.h>

#include "scanner/latency.h"
#include "scanner/throughput.h"
#include "survey/survey.h"
#include "util/err.h"

/** tput_store() - commit @r as a SAMPLE_THROUGHPUT sample of walk @walk_id. */
int64_t tput_store(struct survey *s, int64_t walk_id, const struct tput_result *r,
		   struct ns_err *err);

/** lat_store() - commit @r as a SAMPLE_LATENCY sample of walk @walk_id. */
int64_t lat_store(struct survey *s, int64_t walk_id, const struct lat_result *r,
		  struct ns_err *err);

#endif
