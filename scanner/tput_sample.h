/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tput_sample.h — a throughput or latency result as the sample a walk stores.
 *
 * Every result is stored, failures included: a SAMPLE_THROUGHPUT or
 * SAMPLE_LATENCY sample with its status and one-sentence error, at the time
 * the measurement finished (wall and monotonic), with its result as the
 * sample's struct meas_throughput. A throughput sample also carries the
 * nl80211 link poll taken right after the test (expected throughput, byte
 * counters) when the caller wired the hook. Storing is the caller's: the
 * walk's recorder (recorder/recorder.h), or recorder_append() for a walk no
 * recorder drives. Plain structs in and out; nothing here writes.
 */
#ifndef NOTSPOT_SCANNER_TPUT_SAMPLE_H
#define NOTSPOT_SCANNER_TPUT_SAMPLE_H

#include "measure/measure.h"
#include "scanner/latency.h"
#include "scanner/throughput.h"

/**
 * tput_result_sample() - the SAMPLE_THROUGHPUT sample of @r into @smp; its
 * result is &@r->tp and its link *@link (&@r->link_after, or NULL when the
 * link polls did not both work). Pointers into @r: valid while @r is.
 */
void tput_result_sample(const struct tput_result *r, struct meas_sample *smp,
			const struct meas_link **link);

/** lat_result_sample() - the SAMPLE_LATENCY sample of @r into @smp; its result is &@r->tp. */
void lat_result_sample(const struct lat_result *r, struct meas_sample *smp);

#endif
