/* tput_store.c — see tput_store.h. */
#include "scanner/tput_store.h"

#include <stdio.h>

static void sample_for(struct meas_sample *smp, int64_t walk_id, enum meas_kind kind,
		       enum meas_status st, const char *error, int64_t t_us,
		       int64_t mono_us)
{
	meas_init_sample(smp);
	smp->walk_id = walk_id;
	smp->kind = kind;
	smp->status = st;
	smp->t_us = t_us;
	smp->mono_us = mono_us;
	snprintf(smp->error, sizeof(smp->error), "%s", error);
}

int64_t tput_store(struct survey *s, int64_t walk_id, const struct tput_result *r,
		   struct ns_err *err)
{
	struct meas_sample smp;

	sample_for(&smp, walk_id, SAMPLE_THROUGHPUT, r->status, r->tp.error, r->t_us, r->mono_us);
	return survey_add_sample(s, &smp, NULL, 0, r->link_valid ? &r->link_after : NULL, &r->tp,
				 err);
}

int64_t lat_store(struct survey *s, int64_t walk_id, const struct lat_result *r,
		  struct ns_err *err)
{
	struct meas_sample smp;

	sample_for(&smp, walk_id, SAMPLE_LATENCY, r->status, r->tp.error, r->t_us, r->mono_us);
	return survey_add_sample(s, &smp, NULL, 0, NULL, &r->tp, err);
}

int64_t tput_measure_and_store(struct survey *s, int64_t walk_id, const struct tput_options *o,
			       struct tput_result *r, struct ns_err *err)
{
	int rc = tput_run(o, r, err);

	if (rc < 0)
		return rc;
	return tput_store(s, walk_id, r, err);
}

int64_t lat_measure_and_store(struct survey *s, int64_t walk_id, const struct lat_options *o,
			      struct lat_result *r, struct ns_err *err)
{
	int rc = lat_run(o, r, err);

	if (rc < 0)
		return rc;
	return lat_store(s, walk_id, r, err);
}
