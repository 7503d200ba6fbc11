/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * capture_run.c — one sample per short window of a capture (see capture.h):
 * the windows, and the loop that reads a file to its end or a live capture
 * until its time is up or it is stopped, never blocking for long.
 */
#include "scanner/capture.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/capture_private.h"
#include "util/clock.h"

void capture_agg_init(struct capture_agg *a, int64_t window_us)
{
	memset(a, 0, sizeof(*a));
	a->window_us = window_us > 0 ? window_us : 1000000;
}

void capture_agg_release(struct capture_agg *a)
{
	free(a->w.obs);
	free(a->w.sum_signal);
	free(a->w.sum_noise);
	free(a->w.nsignal);
	free(a->w.nnoise);
	memset(a, 0, sizeof(*a));
}

static int grow(struct capture_window *w)
{
	size_t cap = w->cap ? w->cap * 2 : 16;
	void *p;

#define GROW(field)                                                   \
	do {                                                          \
		p = realloc(w->field, cap * sizeof(*w->field));       \
		if (!p)                                               \
			return -ENOMEM;                               \
		w->field = p;                                         \
	} while (0)
	GROW(obs);
	GROW(sum_signal);
	GROW(sum_noise);
	GROW(nsignal);
	GROW(nnoise);
#undef GROW
	w->cap = cap;
	return 0;
}

int capture_agg_flush(struct capture_agg *a, capture_window_cb cb, void *arg)
{
	struct capture_window *w = &a->w;
	int rc = 0;

	if (!a->open)
		return 0;
	for (size_t i = 0; i < w->n; i++) {
		w->obs[i].signal_dbm = w->sum_signal[i] / w->nsignal[i];
		w->obs[i].noise_dbm = w->nnoise[i] ? w->sum_noise[i] / w->nnoise[i] : NAN;
	}
	if (w->n)
		rc = cb(arg, w);
	w->n = 0;
	a->open = false;
	return rc;
}

int capture_agg_add(struct capture_agg *a, int64_t t_us, const struct meas_observation *obs,
		    capture_window_cb cb, void *arg)
{
	struct capture_window *w = &a->w;
	size_t i;
	int rc;

	/* a frame past the window, or from before it (the time stepped back): a new window */
	if (a->open && (t_us >= w->start_us + a->window_us || t_us < w->start_us)) {
		rc = capture_agg_flush(a, cb, arg);
		if (rc)
			return rc;
	}
	if (!a->open) {
		a->open = true;
		w->start_us = t_us;
		w->last_us = t_us;
		w->n = 0;
	}
	if (t_us > w->last_us)
		w->last_us = t_us;
	for (i = 0; i < w->n; i++)
		if (memcmp(w->obs[i].bssid, obs->bssid, 6) == 0)
			break;
	if (i == w->n) {
		if (w->n == w->cap && grow(w))
			return -ENOMEM;
		w->n++;
		w->sum_signal[i] = 0;
		w->sum_noise[i] = 0;
		w->nsignal[i] = 0;
		w->nnoise[i] = 0;
	}
	w->obs[i] = *obs; /* the latest frame's fields; signal and noise averaged at flush */
	w->sum_signal[i] += obs->signal_dbm;
	w->nsignal[i]++;
	if (!isnan(obs->noise_dbm)) {
		w->sum_noise[i] += obs->noise_dbm;
		w->nnoise[i]++;
	}
	return 0;
}

/* ---- a walk's samples ------------------------------------------------------------ */

struct run_ctx {
	uint64_t samples;
	struct ns_err *err;
	const struct capture_run_opts *o;
	struct capture *c;
	int64_t wall_to_mono_us; /* live: mono = wall + this; 0 for a file (no monotonic clock) */
};

static int store_window(void *arg, const struct capture_window *w)
{
	struct run_ctx *r = arg;
	struct meas_sample smp;
	int64_t id;

	meas_init_sample(&smp);
	smp.t_us = w->last_us;
	/* live: the monotonic clock at the frame's wall-clock time; a file has none */
	smp.mono_us = r->wall_to_mono_us ? w->last_us + r->wall_to_mono_us : 0;
	smp.kind = SAMPLE_CAPTURE;
	smp.status = SAMPLE_OK;
	id = r->o->store(r->o->store_arg, &smp, w->obs, w->n, NULL, NULL, r->err);
	if (id < 0)
		return (int)id;
	r->samples++;
	if (r->o->progress) {
		struct capture_stats st;

		capture_get_stats(r->c, &st);
		r->o->progress(r->o->progress_arg, &st, r->samples);
	}
	return 0;
}

/* One read: 1 a frame was added, 0 the end, -EAGAIN nothing this time, or -errno. */
static int read_one(struct capture *c, struct capture_agg *agg, struct run_ctx *r,
		    struct ns_err *err)
{
	struct capture_frame f;
	struct meas_observation obs;
	int rc = capture_next(c, &f, err);

	if (rc <= 0)
		return rc;
	if (capture_observation(&f, &obs) != 0)
		return -EAGAIN;
	rc = capture_agg_add(agg, f.t_us, &obs, store_window, r);
	return rc ? rc : 1;
}

/*
 * Live: wait until a packet may be there, the next tick is due, the run's
 * end, or 100 ms at most, whichever comes first. A signal cuts it short.
 */
static void wait_live(struct capture *c, const struct capture_run_opts *o, int64_t t_end)
{
	int64_t now = ns_mono_us(), until = now + 100000;
	int64_t due = o->tick_due ? o->tick_due(o->tick_arg) : 0;
	struct pollfd pfd = { capture_fd(c), POLLIN, 0 };

	if (due > 0 && due < until)
		until = due;
	if (t_end && t_end < until)
		until = t_end;
	if (until > now)
		poll(&pfd, pfd.fd >= 0 ? 1 : 0, (int)((until - now + 999) / 1000));
}

int capture_run(struct capture *c, const struct capture_run_opts *opts, uint64_t *samples,
		struct ns_err *err)
{
	struct run_ctx r = { 0, err, opts, c, 0 };
	struct capture_agg agg;
	uint64_t frames = 0;
	int64_t t_end = 0;
	int rc = 0, frc;

	if (!opts->store)
		return ns_err_set(err, -EINVAL, "the capture has nowhere to store its samples");
	if (c->live)
		r.wall_to_mono_us = ns_mono_us() - ns_wall_us();
	capture_agg_init(&agg, opts->window_us > 0 ? opts->window_us : 1000000);
	if (opts->duration_us > 0)
		t_end = ns_mono_us() + opts->duration_us;
	for (;;) {
		if (opts->stop && *opts->stop)
			break;
		if (t_end && ns_mono_us() >= t_end)
			break;
		rc = read_one(c, &agg, &r, err);
		if (rc == 0 || (rc == -EINVAL && c->st.cut_short))
			break; /* the end of a file, or where it breaks off */
		if (rc < 0 && rc != -EAGAIN)
			break;
		if (rc == 1)
			frames++;
		if (rc == -EAGAIN && c->live)
			wait_live(c, opts, t_end);
		if (opts->tick && (rc = opts->tick(opts->tick_arg, err)))
			break;
		if (opts->max_frames && frames >= opts->max_frames)
			break;
	}
	/* the open window is stored whatever ended the run */
	frc = capture_agg_flush(&agg, store_window, &r);
	if (rc == 0 || rc == -EAGAIN || rc == 1 || (rc == -EINVAL && c->st.cut_short))
		rc = frc;
	if (rc == -ENOMEM)
		ns_err_set(err, rc, "out of memory");
	capture_agg_release(&agg);
	if (samples)
		*samples = r.samples;
	return rc;
}
