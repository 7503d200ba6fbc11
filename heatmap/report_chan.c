/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_chan.c — the report's channel-plan pages (report_priv.h): per
 * level, the channel layer on its map (heatmap/chanplan.h, render_chan.c)
 * and a table of every radio heard: its channel with its band, width, the
 * plan's flags, how many radios overlap it and the nearest of them.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/chanplan.h"
#include "heatmap/report_priv.h"

int rep_chan_gather(struct rep_data *d, struct survey *s, struct ns_err *err)
{
	for (size_t i = 0; d->o->channels && i < d->nfloors; i++) {
		struct rep_floor *f = &d->floors[i];
		struct hm_chan_fits fits = { 0 };
		int rc;

		f->chan = calloc(1, sizeof(*f->chan));
		if (!f->chan)
			return ns_err_set(err, -ENOMEM, "out of memory");
		if (f->built) /* the floor map's physical APs place what the plan does not */
			fits = (struct hm_chan_fits){ &f->set, f->map.aps, f->map.naps };
		if ((rc = hm_chanplan_load(s, f->fp->id, f->fp, &fits, f->chan, err)))
			return rc;
		if (f->chan->n == 0)
			rep_chan_release(f); /* nothing heard: no page */
	}
	return 0;
}

void rep_chan_release(struct rep_floor *f)
{
	if (f->chan)
		hm_chanplan_release(f->chan);
	free(f->chan);
	f->chan = NULL;
}

static void headline(struct rep *r, const struct rep_floor *f)
{
	const struct hm_chanplan *cp = f->chan;
	size_t nb[4] = { 0 }, off = 0, dfs = 0, psc = 0, by[HM_CHAN_LOUDEST + 1] = { 0 };
	double near[4] = { INFINITY, INFINITY, INFINITY, INFINITY };
	char n24[24] = "none found", n5[24] = "none found", n6[24] = "none found";

	for (size_t i = 0; i < cp->n; i++) {
		const struct hm_chan_radio *x = &cp->r[i];

		nb[x->band]++;
		off += x->off_plan;
		dfs += x->dfs;
		psc += x->psc;
		by[x->placed_by <= HM_CHAN_LOUDEST ? x->placed_by : 0]++;
		near[x->band] = fmin(near[x->band], x->reuse_m);
	}
	if (isfinite(near[MEAS_BAND_2G4]))
		snprintf(n24, sizeof(n24), "%.0f m", near[MEAS_BAND_2G4]);
	if (isfinite(near[MEAS_BAND_5G]))
		snprintf(n5, sizeof(n5), "%.0f m", near[MEAS_BAND_5G]);
	if (isfinite(near[MEAS_BAND_6G]))
		snprintf(n6, sizeof(n6), "%.0f m", near[MEAS_BAND_6G]);
	rep_paraf(r, "On %s the walks heard %zu radios: %zu at 2.4 GHz, %zu at 5 GHz, %zu at 6 GHz. "
		     "%zu use a 2.4 GHz channel other than 1, 6 and 11 (overlapping two of them); "
		     "%zu use a DFS channel (radar detection can move them); %zu of the 6 GHz radios "
		     "are on preferred scanning channels. The shortest distance between radios on "
		     "overlapping channels is %s at 2.4 GHz, %s at 5 GHz and %s at 6 GHz.",
		  f->fp->name, cp->n, nb[MEAS_BAND_2G4], nb[MEAS_BAND_5G], nb[MEAS_BAND_6G], off,
		  dfs, psc, n24, n5, n6);
	rep_paraf(r, "Where the radios are drawn: %zu at their AP on the floor plan; %zu at the place "
		     "the estimator fitted to the readings of their physical AP (an estimate: `notspot "
		     "stats` gives each place's 1σ ellipse); %zu where they were heard loudest, which is "
		     "a hint of where they are, not a measurement%s.",
		  by[HM_CHAN_PLAN], by[HM_CHAN_FITTED], by[HM_CHAN_LOUDEST],
		  by[HM_CHAN_UNPLACED] ? "; the others were never heard with a signal level and are "
					 "not drawn" : "");
}

static void radio_row(struct rep *r, const struct hm_chanplan *cp, size_t i)
{
	const struct hm_chan_radio *x = &cp->r[i];
	char ch[MEAS_CHANNEL_LABEL_LEN], w[16], flags[48], nov[16], reuse[96];

	meas_channel_label(x->freq_mhz, ch, sizeof(ch));
	if (x->width_mhz > 0)
		snprintf(w, sizeof(w), "%d MHz", x->width_mhz);
	else
		snprintf(w, sizeof(w), "n/a");
	snprintf(flags, sizeof(flags), "%s%s%s", x->dfs ? "DFS " : "", x->psc ? "PSC " : "",
		 x->off_plan ? "not 1/6/11" : "");
	snprintf(nov, sizeof(nov), "%zu", x->noverlap);
	if (x->reuse_with >= 0)
		snprintf(reuse, sizeof(reuse), "%.0f m (%s)", x->reuse_m, cp->r[x->reuse_with].ap);
	else
		snprintf(reuse, sizeof(reuse), x->noverlap ? "not placed" : "none");
	rep_table_row(r, (const char *const[]){ x->ap, ch, w, flags, nov, reuse }, (int)i);
}

static void page_channels(struct rep *r, size_t floor, bool first)
{
	static const struct col c[] = { { 0.22, 0 }, { 0.16, 0 }, { 0.1, T_RIGHT }, { 0.14, 0 },
					{ 0.1, T_RIGHT }, { 0.28, 0 } };
	const struct rep_floor *f = &r->d->floors[floor];
	struct hm_render_opts ro;
	char buf[160];

	rep_page_begin(r, true);
	if (first)
		rep_bookmark(r, 0, "Channel plan");
	snprintf(buf, sizeof(buf), "Channel plan — %s", f->fp->name);
	rep_title(r, 1, f->fp->name, buf);
	headline(r, f);
	rep_map_opts(r, floor, &ro);
	ro.metric = f->map.m[HM_M_COCHANNEL] ? HM_M_COCHANNEL : -1;
	ro.show_aps = false;
	ro.show_path = false;
	ro.chanplan = f->chan;
	rep_draw_map_with(r, floor, &ro, rep_bottom(r) - r->y - 20);
	rep_page_begin(r, true);
	rep_heading(r, buf, 12);
	rep_para(r, "Every radio heard, by band and channel. Overlapping: the radios whose occupied "
		    "channel (centre ± half the width) shares spectrum with this one's. Reuse "
		    "distance: to the nearest of them, both placed.");
	rep_table_begin(r, c, 6, (const char *const[]){ "AP", "Channel", "Width", "Flags",
						       "Overlapping", "Reuse distance" });
	for (size_t i = 0; i < f->chan->n; i++)
		radio_row(r, f->chan, i);
	rep_table_end(r);
}

void rep_pages_channels(struct rep *r)
{
	bool first = true;

	for (size_t i = 0; i < r->d->nfloors; i++) {
		if (!r->d->floors[i].chan)
			continue;
		page_channels(r, i, first);
		first = false;
	}
}
