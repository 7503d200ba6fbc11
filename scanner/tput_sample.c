/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tput_sample.c — see tput_sample.h. */
#include "scanner/tput_sample.h"

#include <stdio.h>

static void sample_for(struct meas_sample *smp, enum meas_kind kind, enum meas_status st,
		       const char *error, int64_t t_us, int64_t mono_us)
{
	meas_init_sample(smp);
	smp->kind = kind;
	smp->status = st;
	smp->t_us = t_us;
	smp->mono_us = mono_us;
	snprintf(smp->error, sizeof(smp->error), "%s", error);
}

void tput_result_sample(const struct tput_result *r, struct meas_sample *smp,
			const struct meas_link **link)
{
	sample_for(smp, SAMPLE_THROUGHPUT, r->status, r->tp.error, r->t_us, r->mono_us);
	*link = r->link_valid ? &r->link_after : NULL;
}

void lat_result_sample(const struct lat_result *r, struct meas_sample *smp)
{
	sample_for(smp, SAMPLE_LATENCY, r->status, r->tp.error, r->t_us, r->mono_us);
}
