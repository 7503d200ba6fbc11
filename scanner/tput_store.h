/*
 * tput_store.h — throughput and latency results into the survey file.
 *
 * Every result is stored, failures included: a SAMPLE_THROUGHPUT or
 * SAMPLE_LATENCY sample with its status and one-sentence error, at the time
 * the measurement finished (the position track places it later). A
 * throughput sample also carries the nl80211 link poll taken right after the
 * test (expected throughput, byte counters) when the caller wired the hook.
 *
 * Returns the sample id (> 0) once it is on disk, or a negative errno with a
 * sentence when storing failed — a failed measurement is not a failed store.
 */
#ifndef NOTSPOT_SCANNER_TPUT_STORE_H
#define NOTSPOT_SCANNER_TPUT_STORE_H

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

/**
 * tput_measure_and_store() - tput_run() then tput_store(); @r (the caller's)
 * gets the result. -EINVAL for nonsense options (nothing stored).
 */
int64_t tput_measure_and_store(struct survey *s, int64_t walk_id, const struct tput_options *o,
			       struct tput_result *r, struct ns_err *err);

/** lat_measure_and_store() - lat_run() then lat_store(). */
int64_t lat_measure_and_store(struct survey *s, int64_t walk_id, const struct lat_options *o,
			      struct lat_result *r, struct ns_err *err);

#endif
