/* SPDX-License-Identifier: GPL-3.0-or-later */
/* walk_sink.c — see walk_sink.h. */
#include "tests/support/walk_sink.h"

#include <math.h>

static int64_t store(void *arg, struct meas_sample *s, const struct meas_observation *obs,
		     size_t nobs, const struct meas_link *link, const struct meas_throughput *tp,
		     struct ns_err *err)
{
	struct walk_sink *ws = arg;
	int64_t id;

	s->walk_id = ws->walk_id;
	s->placed = ws->place && ws->place(ws->arg, s->t_us, &s->x_m, &s->y_m);
	if (!s->placed)
		s->x_m = s->y_m = NAN;
	id = survey_add_sample(ws->survey, s, obs, nobs, link, tp, err);
	if (id < 0)
		return id;
	s->id = id;
	if (tp && ws->notify_measure)
		ws->notify_measure(ws->arg, id, s, tp, link);
	else if (!tp && ws->notify)
		ws->notify(ws->arg, id, s, obs, nobs, link);
	return id;
}

static void point_done(void *arg, int64_t t_us)
{
	struct walk_sink *ws = arg;

	if (ws->point_done)
		ws->point_done(ws->arg, t_us);
}

struct sampler_sink walk_sink_bind(struct walk_sink *ws)
{
	return (struct sampler_sink){ .store = store, .arg = ws, .point_done = point_done };
}
