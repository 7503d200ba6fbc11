/* SPDX-License-Identifier: GPL-3.0-or-later */
/* live_heat.c — the live coverage overlay. See live_heat.h. */
#include "walker/gui/live_heat.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "heatmap/colormap.h"
#include "heatmap/map.h"
#include "survey/survey.h"

/* Coarser than a printed map: a build must take a moment, not the walk's attention. */
#define LIVE_CELL_M 0.5

struct live_heat {
	struct survey *sv;         /* borrowed: the walk's own connection */
	int64_t floor_id, walk_id;
	live_heat_ready_fn fn;
	void *arg;
	GThread *thread;
	bool running, again;
	char ssid[33], next_ssid[33];
	guint idle;
	/* The result, passed from the worker to the main thread. */
	cairo_surface_t *picture;
	struct live_heat_frame frame;
	char why[512];
	/* The worker's input, loaded on the main thread. */
	struct floorplan *fp;
	struct hm_set set;
	bool have_set;
};

static cairo_surface_t *paint(const struct hm_map *m, struct live_heat_frame *fr)
{
	const struct hm_grid *g = &m->grid;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, g->nx, g->ny);
	unsigned char *px;
	int stride;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (int j = 0; j < g->ny; j++) {
		uint32_t *row = (uint32_t *)(void *)(px + (size_t)j * (size_t)stride);

		for (int i = 0; i < g->nx; i++) {
			size_t k = (size_t)j * (size_t)g->nx + (size_t)i;
			float v = m->m[HM_M_PRIMARY] ? m->m[HM_M_PRIMARY][k] : NAN;
			const double a = 0.62;
			struct hm_rgb c;

			row[i] = 0;
			if (m->cover[k] != HM_COVER_SURVEYED || isnan(v))
				continue;
			c = hm_metric_color(HM_M_PRIMARY, v);
			/* Premultiplied ARGB, as cairo stores it. */
			row[i] = (uint32_t)(a * 255) << 24 | (uint32_t)(c.r * a * 255) << 16 |
				 (uint32_t)(c.g * a * 255) << 8 | (uint32_t)(c.b * a * 255);
		}
	}
	cairo_surface_mark_dirty(s);
	fr->x0 = g->x0;
	fr->y0 = g->y0;
	fr->cell_m = g->cell_m;
	fr->nx = g->nx;
	fr->ny = g->ny;
	return s;
}

static gboolean deliver(gpointer data);

static gpointer work(gpointer data)
{
	struct live_heat *h = data;
	struct ns_err err = { 0 };
	struct hm_map map;
	struct hm_map_opts o;

	h->picture = NULL;
	h->why[0] = '\0';
	hm_map_opts_default(&o);
	o.cell_m = LIVE_CELL_M;
	o.ssid = h->ssid[0] && hm_set_has_ssid(&h->set, h->ssid) ? h->ssid : NULL;
	if (hm_map_build(&h->set, h->fp, &o, &map, &err) == 0) {
		h->picture = paint(&map, &h->frame);
		hm_map_release(&map);
	}
	if (!h->picture)
		snprintf(h->why, sizeof(h->why), "%s", err.msg[0] ? err.msg : "no picture");
	h->idle = g_idle_add(deliver, h);
	return NULL;
}

static void drop_input(struct live_heat *h)
{
	if (h->have_set)
		hm_set_release(&h->set);
	h->have_set = false;
	floorplan_free(h->fp);
	h->fp = NULL;
}

/*
 * Read the samples here, on the main thread, through the walk's connection:
 * opening the file a second time in this process is not safe (a second
 * open()/close() of the file drops the process's POSIX locks, and then
 * another process may checkpoint and delete the WAL under the writer).
 */
static void start(struct live_heat *h)
{
	struct ns_err err = { 0 };

	struct survey_query q = { .walk_id = h->walk_id, .placed_only = true };

	memcpy(h->ssid, h->next_ssid, sizeof(h->ssid));
	h->again = false;
	if (survey_load_floor(h->sv, h->floor_id, &h->fp, &err) < 0)
		return; /* unreadable now: try again on the next request */
	hm_set_init(&h->set);
	h->have_set = true;
	if (survey_foreach_sample(h->sv, &q, hm_set_sample_cb, &h->set, &err) < 0 ||
	    hm_set_finish(&h->set, &err) < 0) {
		drop_input(h);
		return;
	}
	h->running = true;
	h->thread = g_thread_new("notspot-live-heat", work, h);
}

static gboolean deliver(gpointer data)
{
	struct live_heat *h = data;

	h->idle = 0;
	g_thread_join(h->thread);
	h->thread = NULL;
	h->running = false;
	drop_input(h);
	h->fn(h->arg, h->picture, h->picture ? &h->frame : NULL, h->why);
	h->picture = NULL;
	if (h->again)
		start(h);
	return G_SOURCE_REMOVE;
}

struct live_heat *live_heat_new(struct survey *sv, int64_t floor_id, int64_t walk_id,
				live_heat_ready_fn fn, void *arg)
{
	struct live_heat *h = g_new0(struct live_heat, 1);

	h->sv = sv;
	h->floor_id = floor_id;
	h->walk_id = walk_id;
	h->fn = fn;
	h->arg = arg;
	return h;
}

void live_heat_request(struct live_heat *h, const char *ssid)
{
	snprintf(h->next_ssid, sizeof(h->next_ssid), "%s", ssid ? ssid : "");
	if (h->running)
		h->again = true;
	else
		start(h);
}

void live_heat_free(struct live_heat *h)
{
	if (!h)
		return;
	if (h->thread)
		g_thread_join(h->thread);
	if (h->idle)
		g_source_remove(h->idle);
	if (h->picture)
		cairo_surface_destroy(h->picture);
	drop_input(h);
	g_free(h);
}
