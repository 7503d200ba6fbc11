/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk_sink.h — a sampler sink for the scanner's tests: each sample is stored
 * straight into walk @walk_id of @survey, placed by @place (NULL: unplaced),
 * and the test is told, as the sampler's sink did before it handed samples to
 * a recorder. Product code binds the sampler to a recorder instead.
 */
#ifndef NOTSPOT_TESTS_SUPPORT_WALK_SINK_H
#define NOTSPOT_TESTS_SUPPORT_WALK_SINK_H

#include "scanner/sampler.h"
#include "survey/survey.h"

struct walk_sink {
	struct survey *survey;
	int64_t walk_id;
	bool (*place)(void *arg, int64_t t_us, double *x, double *y);
	void (*notify)(void *arg, int64_t id, const struct meas_sample *s,
		       const struct meas_observation *obs, size_t nobs,
		       const struct meas_link *link);
	void *arg;
	void (*point_done)(void *arg, int64_t t_us);
	void (*notify_measure)(void *arg, int64_t id, const struct meas_sample *s,
			       const struct meas_throughput *tp, const struct meas_link *link);
};

/** walk_sink_bind() - the sampler sink that stores through @ws (which must outlive it). */
struct sampler_sink walk_sink_bind(struct walk_sink *ws);

#endif
