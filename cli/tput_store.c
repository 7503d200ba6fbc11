/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tput_store.c — see tput_store.h. */
#include "cli/tput_store.h"

#include "recorder/recorder.h"
#include "scanner/tput_sample.h"

int64_t tput_store(struct survey *s, int64_t walk_id, const struct tput_result *r,
		   struct ns_err *err)
{
	struct meas_sample smp;
	const struct meas_link *link;

	tput_result_sample(r, &smp, &link);
	return recorder_append(s, walk_id, &smp, NULL, 0, link, &r->tp, err);
}

int64_t lat_store(struct survey *s, int64_t walk_id, const struct lat_result *r,
		  struct ns_err *err)
{
	struct meas_sample smp;

	lat_result_sample(r, &smp);
	return recorder_append(s, walk_id, &smp, NULL, 0, NULL, &r->tp, err);
}
