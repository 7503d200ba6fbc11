/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * oi_write.c — a survey as one OpenIntent 2.x document.
 *
 * The document is written as it is made: the small parts (materials, APs,
 * each floorplan's head) as jansson objects, every scan event on its own, so
 * a survey of many thousand samples never sits in memory as one JSON tree.
 * What OpenIntent has no words for goes under "notspot_" keys, which other
 * tools ignore (the format's rule for vendors' keys) and our reader reads
 * back: per-band wall losses, openings, ward names, AP sources and BSSID
 * patterns, the frame's origin, whether a walk was simulated.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/oi_priv.h"
#include "formats/openintent.h"
#include "util/mac.h"
#include "util/version.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(12))

struct floor_out {
	struct floorplan *fp;
	char name[192];         /* the floorplan's name in the document: unique in it */
	struct fmt_frame fr;
	struct survey_walk *walks;
	size_t nwalks;
	struct survey_waypoint **wps; /* per walk */
	size_t *nwps;
};

struct wctx {
	struct survey *s;
	FILE *out;
	struct survey_meta meta;
	struct floor_out *floors;
	size_t nfloors;
	const struct survey_progress *progress;
	int64_t done, total;
	struct fmt_oi_export_stats *st;
	struct ns_err *err;
};

/* Write @j (taken) compactly; with @open, without its closing bracket, so more members follow. */
static int put(struct wctx *w, json_t *j, bool open)
{
	char *text;
	size_t n;
	int rc = 0;

	if (!j)
		return ns_err_set(w->err, -ENOMEM, "out of memory");
	text = json_dumps(j, DUMP_FLAGS);
	json_decref(j);
	if (!text)
		return ns_err_set(w->err, -ENOMEM, "out of memory");
	n = strlen(text) - (open ? 1 : 0);
	if (fwrite(text, 1, n, w->out) != n)
		rc = ns_err_set(w->err, -EIO, "writing the document failed");
	free(text);
	return rc;
}

static int put_text(struct wctx *w, const char *s)
{
	if (fputs(s, w->out) == EOF)
		return ns_err_set(w->err, -EIO, "writing the document failed");
	return 0;
}

/* Set @key to a string only when it says something. */
static void set_text(json_t *o, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(o, key, json_string(v));
}

static json_t *xyz(const struct fmt_frame *fr, double x, double y, double z)
{
	double ox, oy;
	json_t *c;

	fmt_frame_to_oi(fr, x, y, &ox, &oy);
	c = json_pack("{s:f,s:f,s:s}", "x", ox, "y", oy, "unit", "meters");
	if (c && !isnan(z))
		json_object_set_new(c, "z", json_real(z));
	return json_pack("{s:o}", "coordinate_xyz", c);
}

static json_t *losses(const double l[FP_NBANDS])
{
	return json_pack("[f,f,f]", l[0], l[1], l[2]);
}

/* ---- the frame ---------------------------------------------------------------------- */

struct box {
	double x0, y0, x1, y1;
};

static void box_add(struct box *b, double x, double y)
{
	b->x0 = fmin(b->x0, x);
	b->y0 = fmin(b->y0, y);
	b->x1 = fmax(b->x1, x);
	b->y1 = fmax(b->y1, y);
}

/*
 * The drawing's extent in metres, grown to hold every wall, ward, opening, AP
 * and tap: OpenIntent has no negative coordinates, and notspot's origin may
 * sit anywhere on the drawing.
 */
static void make_frame(struct floor_out *f)
{
	const struct floorplan *fp = f->fp;
	double ppm = fp->px_per_m;
	struct box b = { -fp->origin_x_px / ppm, -fp->origin_y_px / ppm,
			 (fp->width_px - fp->origin_x_px) / ppm, (fp->height_px - fp->origin_y_px) / ppm };

	for (size_t i = 0; i < fp->nwalls; i++)
		for (size_t k = 0; k < fp->walls[i].npts; k++)
			box_add(&b, fp->walls[i].pts[k].x, fp->walls[i].pts[k].y);
	for (size_t i = 0; i < fp->nwards; i++)
		for (size_t k = 0; k < fp->wards[i].npts; k++)
			box_add(&b, fp->wards[i].pts[k].x, fp->wards[i].pts[k].y);
	for (size_t i = 0; i < fp->nopenings; i++) {
		box_add(&b, fp->openings[i].a.x, fp->openings[i].a.y);
		box_add(&b, fp->openings[i].b.x, fp->openings[i].b.y);
	}
	for (size_t i = 0; i < fp->naps; i++)
		box_add(&b, fp->aps[i].pos.x, fp->aps[i].pos.y);
	for (size_t i = 0; i < fp->nareas; i++)
		for (size_t k = 0; k < fp->areas[i].npts; k++)
			box_add(&b, fp->areas[i].pts[k].x, fp->areas[i].pts[k].y);
	for (size_t w = 0; w < f->nwalks; w++)
		for (size_t k = 0; k < f->nwps[w]; k++)
			box_add(&b, f->wps[w][k].x_m, f->wps[w][k].y_m);
	f->fr.w_m = b.x1 - b.x0;
	f->fr.l_m = b.y1 - b.y0;
	f->fr.ox_m = -b.x0;
	f->fr.oy_m = -b.y0;
}

/* ---- materials and access points -------------------------------------------------- */

static json_t *wall_materials(const struct wctx *w)
{
	json_t *arr = json_array(), *seen = json_object();

	for (size_t f = 0; f < w->nfloors; f++)
		for (size_t i = 0; i < w->floors[f].fp->nwalls; i++) {
			const struct fp_wall *wl = &w->floors[f].fp->walls[i];
			const struct fp_material *m = fp_material_find(wl->material);
			const double *l = m ? m->loss_db : wl->loss_db;

			if (json_object_get(seen, wl->material))
				continue;
			json_object_set_new(seen, wl->material, json_true());
			/* One flat figure for other tools: the 5 GHz loss, the band wards are planned for. */
			json_array_append_new(arr, json_pack("{s:s,s:{s:f},s:o}", "name", wl->material,
							     "rf_properties", "attenuation_flat",
							     l[FP_BAND_5G], "notspot_loss_db",
							     losses(l)));
		}
	json_decref(seen);
	return arr;
}

/* The AP's radios: transmit_power is a whole dBm there; notspot's own figure rides along. */
static json_t *radios(const struct fp_ap *ap)
{
	static const uint8_t none[6];
	json_t *arr = json_array();

	for (size_t i = 0; i < ap->nradios; i++) {
		const struct fp_radio *r = &ap->radios[i];
		json_t *o = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)i, "radio_function",
				      "CLIENT_ACCESS", "band", fmt_oi_band_name(r->band));
		char mac[MAC_TEXT_LEN];

		if (!o)
			continue;
		if (r->channel > 0)
			json_object_set_new(o, "channel", json_integer(r->channel));
		if (fmt_oi_width_name(r->width_mhz))
			json_object_set_new(o, "channel_width",
					    json_string(fmt_oi_width_name(r->width_mhz)));
		if (!isnan(r->tx_power_dbm)) {
			json_object_set_new(o, "transmit_power", json_integer(lround(r->tx_power_dbm)));
			json_object_set_new(o, "notspot_tx_power_dbm", json_real(r->tx_power_dbm));
		}
		if (memcmp(r->bssid, none, 6))
			json_object_set_new(o, "notspot_bssid", json_string(mac_format(r->bssid, mac)));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *access_point(const struct floor_out *f, const struct fp_ap *ap)
{
	uint8_t mac[6];
	char text[MAC_TEXT_LEN];
	json_t *o = json_pack("{s:s,s:s,s:[o],s:s}", "name", ap->name, "floorplan_name", f->name,
			      "coordinates", xyz(&f->fr, ap->pos.x, ap->pos.y, ap->height_m),
			      "notspot_source", ap->source);

	if (!o)
		return NULL;
	set_text(o, "building_name", f->fp->building);
	set_text(o, "model", ap->model);
	set_text(o, "notspot_bssid_pattern", ap->bssid_pattern);
	set_text(o, "notspot_note", ap->note);
	set_text(o, "notspot_mount", ap->mount);
	set_text(o, "notspot_plan", ap->plan);
	if (!isnan(ap->cost) && ap->cost > 0)
		json_object_set_new(o, "notspot_cost", json_real(ap->cost));
	if (strlen(ap->bssid_pattern) == 17 && !mac_parse(ap->bssid_pattern, mac))
		json_object_set_new(o, "mac_address", json_string(mac_format(mac, text)));
	if (ap->nradios)
		json_object_set_new(o, "dot11_radios", radios(ap));
	return o;
}

static json_t *access_points(struct wctx *w)
{
	json_t *arr = json_array();

	for (size_t f = 0; f < w->nfloors; f++)
		for (size_t i = 0; i < w->floors[f].fp->naps; i++) {
			json_array_append_new(arr, access_point(&w->floors[f],
								&w->floors[f].fp->aps[i]));
			w->st->aps++;
		}
	return arr;
}

/* One building holding every floor, when the floors agree on its name. */
static json_t *building(const struct wctx *w)
{
	const char *name = w->floors[0].fp->building;
	json_t *floors;

	for (size_t f = 0; f < w->nfloors; f++)
		if (!name[0] || strcmp(name, w->floors[f].fp->building))
			return NULL;
	floors = json_array();
	for (size_t f = 0; f < w->nfloors; f++)
		json_array_append_new(floors, json_pack("{s:s,s:i}", "floorplan_name",
							w->floors[f].name, "floor_level",
							w->floors[f].fp->level));
	return json_pack("{s:s,s:o}", "name", name, "floors", floors);
}

/* ---- floorplans --------------------------------------------------------------------- */

static json_t *segment(const struct fmt_frame *fr, const char *type, struct fp_point a,
		       struct fp_point b, const double l[FP_NBANDS])
{
	double ax, ay, bx, by;

	fmt_frame_to_oi(fr, a.x, a.y, &ax, &ay);
	fmt_frame_to_oi(fr, b.x, b.y, &bx, &by);
	return json_pack("{s:s,s:{s:f,s:f},s:{s:f,s:f},s:o}", "wall_type", type, "start_point", "x",
			 ax, "y", ay, "end_point", "x", bx, "y", by, "notspot_loss_db", losses(l));
}

/* Walls as segments; openings under notspot's own key (other tools would count a door as more wall). */
static void put_walls(struct wctx *w, const struct floor_out *f, json_t *o)
{
	const struct floorplan *fp = f->fp;
	json_t *segs = json_array(), *open = json_array();

	for (size_t i = 0; i < fp->nwalls; i++) {
		for (size_t k = 0; k + 1 < fp->walls[i].npts; k++) {
			json_t *s = segment(&f->fr, fp->walls[i].material, fp->walls[i].pts[k],
					    fp->walls[i].pts[k + 1], fp->walls[i].loss_db);

			/* Which polyline it belongs to, so a reading back joins exactly these. */
			json_object_set_new(s, "notspot_wall", json_integer((json_int_t)i));
			json_array_append_new(segs, s);
		}
		w->st->walls++;
	}
	for (size_t i = 0; i < fp->nopenings; i++) {
		json_t *s = segment(&f->fr, fp->openings[i].kind, fp->openings[i].a, fp->openings[i].b,
				    fp->openings[i].loss_db);

		json_object_set_new(s, "kind", json_string(fp->openings[i].kind));
		json_array_append_new(open, s);
	}
	json_object_set_new(o, "wall_segments", segs);
	json_object_set_new(o, "notspot_openings", open);
	if (!json_array_size(segs))
		json_object_del(o, "wall_segments"); /* the format wants one segment or none at all */
}

static void put_wards(const struct floor_out *f, json_t *o)
{
	json_t *areas = json_array();

	for (size_t i = 0; i < f->fp->nwards; i++) {
		const struct fp_ward *wd = &f->fp->wards[i];
		json_t *coords = json_array();

		for (size_t k = 0; k < wd->npts; k++)
			json_array_append_new(coords, xyz(&f->fr, wd->pts[k].x, wd->pts[k].y, NAN));
		json_array_append_new(areas, json_pack("{s:{s:o},s:b,s:s}", "area", "coordinates",
						       coords, "exclusion", 0, "notspot_name",
						       wd->name));
	}
	json_object_set_new(o, "coverage_areas", areas);
}

/* Attenuation areas: dB per metre crossed; other tools get the 5 GHz figure. */
static void put_areas(const struct floor_out *f, json_t *o)
{
	json_t *areas = json_array();

	for (size_t i = 0; i < f->fp->nareas; i++) {
		const struct fp_area *a = &f->fp->areas[i];
		json_t *coords = json_array();

		for (size_t k = 0; k < a->npts; k++)
			json_array_append_new(coords, xyz(&f->fr, a->pts[k].x, a->pts[k].y, NAN));
		json_array_append_new(areas, json_pack("{s:{s:o},s:{s:s,s:{s:f},s:[f,f,f]},s:s}",
			"area", "coordinates", coords, "area_material", "name",
			a->material[0] ? a->material : "area", "rf_properties", "attenuation_per_m",
			a->loss_db_per_m[FP_BAND_5G], "notspot_loss_db_per_m", a->loss_db_per_m[0],
			a->loss_db_per_m[1], a->loss_db_per_m[2], "notspot_name", a->name));
	}
	json_object_set_new(o, "attenuation_areas", areas);
}

static json_t *floor_head(struct wctx *w, const struct floor_out *f)
{
	const struct floorplan *fp = f->fp;
	char level[16];
	json_t *o;

	snprintf(level, sizeof(level), "%d", fp->level);
	o = json_pack("{s:s,s:s,s:[{s:f,s:f,s:s},{s:f,s:f,s:s}],s:{s:f,s:f}}", "name", f->name,
		      "floor_id", level, "dimensions", "width", f->fr.w_m, "length", f->fr.l_m,
		      "unit", "meters", "width", f->fr.w_m * fp->px_per_m, "length",
		      f->fr.l_m * fp->px_per_m, "unit", "pixels", "notspot_origin", "x", f->fr.ox_m,
		      "y", f->fr.oy_m);
	if (!o)
		return NULL;
	set_text(o, "building_name", fp->building);
	if (strcmp(f->name, fp->name))
		set_text(o, "notspot_floor_name", fp->name);
	set_text(o, "project_name", w->meta.site);
	if (!isnan(fp->height_m) && fp->height_m > 0)
		json_object_set_new(json_array_get(json_object_get(o, "dimensions"), 0), "height",
				    json_real(fp->height_m));
	put_walls(w, f, o);
	put_wards(f, o);
	put_areas(f, o);
	return o;
}

/* ---- survey paths ------------------------------------------------------------------- */

struct path_out {
	struct wctx *w;
	const struct floor_out *f;
	const struct survey_waypoint *wps;
	size_t nwps;
	int64_t t0;
	int64_t *done;          /* per tap: the last sample placed there */
	size_t cur;             /* the tap at or before the sample in hand */
	bool first;
};

static bool walk_continuous(const struct survey_walk *wk)
{
	if (!strcmp(wk->mode, "continuous"))
		return true;
	return strcmp(wk->mode, "stop-and-go") && strstr(wk->note, "track=continuous");
}

static const char *result_status(enum meas_status st)
{
	switch (st) {
	case SAMPLE_OK: return "COMPLETE";
	case SAMPLE_SCAN_CACHED: return "THROTTLED";
	case SAMPLE_SCAN_FAILED:
	case SAMPLE_FAILED:
	case SAMPLE_TIMEOUT: return "FAILED";
	default: return "UNKNOWN";
	}
}

/*
 * The SSID as text when the text is the bytes, else its exact bytes: an
 * escaped rendering ("Ward\xff") is notspot's display, not the SSID.
 */
static void put_ssid(json_t *o, const struct meas_observation *m)
{
	json_t *s = m->ssid_escaped ? NULL : json_string(m->hidden ? "" : m->ssid);
	char b64[64];

	if (s) {
		json_object_set_new(o, "ssid", s);
		return;
	}
	if (m->ssid_len)
		fmt_base64_encode(m->ssid_raw, m->ssid_len, b64);
	else
		fmt_base64_encode((const uint8_t *)m->ssid, strlen(m->ssid), b64);
	json_object_set_new(o, "ssid_bytes_base64", json_string(b64));
}

static json_t *observation(const struct meas_observation *m)
{
	char mac[MAC_TEXT_LEN];
	const char *modes[2] = { NULL, NULL };
	size_t nmodes = fmt_oi_security_modes(m->security, modes);
	json_t *o = json_pack("{s:s,s:f,s:i}", "bssid", mac_format(m->bssid, mac), "rssi_dbm",
			      m->signal_dbm, "frequency_mhz", m->freq_mhz);

	if (!o)
		return NULL;
	put_ssid(o, m);
	if (!isnan(m->noise_dbm))
		json_object_set_new(o, "noise_dbm", json_real(m->noise_dbm));
	if (fmt_oi_width_name(m->width_mhz))
		json_object_set_new(o, "channel_width", json_string(fmt_oi_width_name(m->width_mhz)));
	if (m->center_freq_mhz > 0)
		json_object_set_new(o, "center_frequency_0_mhz", json_integer(m->center_freq_mhz));
	if (m->security[0])
		json_object_set_new(o, "security_modes",
				    nmodes ? json_pack("[s*s*]", modes[0], modes[1])
					   : json_pack("[s]", "OTHER"));
	set_text(o, "notspot_ap_name", m->ap_name);
	if (m->bss_stations >= 0)
		json_object_set_new(o, "notspot_bss_stations", json_integer(m->bss_stations));
	if (!isnan(m->bss_utilisation))
		json_object_set_new(o, "notspot_bss_utilisation", json_real(m->bss_utilisation));
	if (m->associated)
		json_object_set_new(o, "notspot_associated", json_true());
	return o;
}

static json_t *scan_event(struct path_out *po, const struct meas_sample *sm,
			  const struct meas_observation *obs, size_t nobs)
{
	json_t *ev, *arr = json_array();
	char id[32];

	snprintf(id, sizeof(id), "sample-%lld", (long long)sm->id);
	for (size_t i = 0; i < nobs; i++) {
		if (isnan(obs[i].signal_dbm) || obs[i].freq_mhz <= 0) {
			po->w->st->observations_left_out++;
			continue;
		}
		json_array_append_new(arr, observation(&obs[i]));
		po->w->st->observations++;
	}
	ev = json_pack("{s:s,s:I,s:s,s:o}", "id", id, "started_offset_us",
		       (json_int_t)(sm->t_us > po->t0 ? sm->t_us - po->t0 : 0), "result_status",
		       result_status(sm->status), "wifi_observations", arr);
	if (ev && sm->placed)
		json_object_set_new(ev, "coordinate", xyz(&po->f->fr, sm->x_m, sm->y_m, NAN));
	if (ev)
		set_text(ev, "notspot_error", sm->error);
	return ev;
}

static int put_event(void *arg, const struct meas_sample *sm, const struct meas_observation *obs,
		     size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct path_out *po = arg;
	struct wctx *w = po->w;
	int rc;

	(void)link;
	(void)tput;
	if (w->progress && w->progress->fn && ++w->done % 500 == 0)
		w->progress->fn(w->progress->arg, w->done, w->total);
	if (sm->kind != SAMPLE_SCAN && sm->kind != SAMPLE_CAPTURE) {
		w->st->samples_left_out++;
		return 0;
	}
	while (po->cur + 1 < po->nwps && po->wps[po->cur + 1].t_us <= sm->t_us)
		po->cur++;
	if (sm->placed && po->nwps && po->wps[po->cur].t_us <= sm->t_us)
		po->done[po->cur] = sm->t_us;
	if ((!po->first && (rc = put_text(w, ","))) || (rc = put(w, scan_event(po, sm, obs, nobs), false)))
		return rc;
	po->first = false;
	w->st->scan_events++;
	return 0;
}

static json_t *path_point(const struct path_out *po, const struct survey_waypoint *wp, int64_t t,
			  const char *indicator)
{
	json_t *p = json_pack("{s:I,s:o}", "time_offset_us",
			      (json_int_t)(t > po->t0 ? t - po->t0 : 0), "coordinate",
			      xyz(&po->f->fr, wp->x_m, wp->y_m, NAN));

	if (p && indicator)
		json_object_set_new(p, "path_indicator", json_string(indicator));
	return p;
}

/*
 * The taps. Continuous: START at the first tap and after each pause, END at a
 * pause and at the last tap. Stop-and-go: each point is a START at its tap and
 * an END when its last sample was taken.
 */
static json_t *path_points(const struct path_out *po, bool continuous)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < po->nwps; i++) {
		const struct survey_waypoint *wp = &po->wps[i];
		const char *ind = NULL;

		if (!continuous) {
			json_array_append_new(arr, path_point(po, wp, wp->t_us, "START"));
			json_array_append_new(arr, path_point(po, wp, wp->done_us ? wp->done_us
								     : po->done[i] ? po->done[i]
								     : wp->t_us, "END"));
			continue;
		}
		if (i == 0 || po->wps[i - 1].pause)
			ind = "START";
		if (wp->pause || i + 1 == po->nwps)
			ind = ind && po->nwps == 1 ? "START" : "END";
		json_array_append_new(arr, path_point(po, wp, wp->t_us, ind));
		if (po->nwps == 1)
			json_array_append_new(arr, path_point(po, wp, wp->t_us, "END"));
	}
	return arr;
}

/* The survey device as far as a walk row knows it: notspot on Linux, the adapter that scanned. */
/*
 * The survey device: for a walk recorded here notspot on Linux; for an
 * imported one what its origin said (device, adapter, the calibration offset
 * already in its signals). A second scanning adapter is a second entry.
 */
static json_t *survey_device(const struct wctx *w, const struct survey_walk *wk)
{
	json_t *ad = json_object(), *dev = json_object(), *ads = json_array();

	set_text(ad, "identifier", wk->interface);
	set_text(ad, "model", wk->adapter[0] ? wk->adapter : wk->chipset);
	set_text(ad, "driver_version", wk->driver);
	if (wk->rssi_offset_db != 0)
		json_object_set_new(ad, "rssi_calibration_offset_db", json_real(wk->rssi_offset_db));
	json_array_append_new(ads, ad);
	if (wk->scan_interface[0])
		json_array_append_new(ads, json_pack("{s:s}", "identifier", wk->scan_interface));
	set_text(dev, "model", wk->device);
	if (!wk->origin[0]) {
		json_object_set_new(dev, "software_name", json_string("notspot"));
		json_object_set_new(dev, "software_version",
				    json_string(w->meta.created_by[0] ? w->meta.created_by
								      : NOTSPOT_VERSION));
		json_object_set_new(dev, "host_platform", json_string("Linux"));
	}
	json_object_set_new(dev, "wifi_adapters", ads);
	return dev;
}

static json_t *path_head(const struct path_out *po, const struct survey_walk *wk, bool continuous)
{
	char start[40], end[40], id[32], name[96];
	json_t *o;

	snprintf(id, sizeof(id), "walk-%lld", (long long)wk->id);
	snprintf(name, sizeof(name), "walk %lld%s%.60s", (long long)wk->id,
		 wk->operator_name[0] ? " by " : "", wk->operator_name);
	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:{s:s,s:s,s:s}}", "id", id, "name", name,
		      "start_time", fmt_rfc3339(po->t0, start, sizeof(start)), "path_type",
		      continuous ? "CONTINUOUS" : "POINT", "collection_method",
		      strcmp(wk->mode, "capture") ? "PLATFORM_SCAN_API" : "MONITOR_MODE_CAPTURE",
		      "survey_device", survey_device(po->w, wk), "notspot_walk", "mode", wk->mode,
		      "operator", wk->operator_name, "note", wk->note);
	if (o && wk->origin[0])
		json_object_set_new(json_object_get(o, "notspot_walk"), "origin",
				    json_string(wk->origin));
	if (o && wk->end_us > po->t0)
		json_object_set_new(o, "end_time", json_string(fmt_rfc3339(wk->end_us, end,
									    sizeof(end))));
	if (o && survey_walk_is_simulated(wk))
		json_object_set_new(o, "notspot_simulated", json_true());
	return o;
}

static int put_path(struct wctx *w, const struct floor_out *f, size_t k)
{
	const struct survey_walk *wk = &f->walks[k];
	const struct survey_query q = { .walk_id = wk->id };
	bool continuous = walk_continuous(wk);
	struct path_out po = { .w = w, .f = f, .wps = f->wps[k], .nwps = f->nwps[k], .first = true };
	int rc;

	po.t0 = wk->start_us;
	if (po.nwps && po.wps[0].t_us < po.t0)
		po.t0 = po.wps[0].t_us;
	po.done = calloc(po.nwps ? po.nwps : 1, sizeof(*po.done));
	if (!po.done)
		return ns_err_set(w->err, -ENOMEM, "out of memory");
	if ((rc = put(w, path_head(&po, wk, continuous), true)) ||
	    (rc = put_text(w, ",\"scan_events\":[")) ||
	    (rc = survey_foreach_sample(w->s, &q, put_event, &po, w->err)) ||
	    (rc = put_text(w, "]")))
		goto out;
	if (po.nwps && ((rc = put_text(w, ",\"path_points\":")) ||
			(rc = put(w, path_points(&po, continuous), false))))
		goto out;
	if (po.nwps && continuous && (rc = put_text(w, ",\"position_interpolation\":\"LINEAR_BY_TIME\"")))
		goto out;
	rc = put_text(w, "}");
	w->st->walks++;
out:
	free(po.done);
	return rc;
}

static int put_floor(struct wctx *w, const struct floor_out *f)
{
	int rc;

	if ((rc = put(w, floor_head(w, f), f->nwalks > 0)))
		return rc;
	w->st->floors++;
	if (!f->nwalks)
		return 0;
	if ((rc = put_text(w, ",\"survey_paths\":[")))
		return rc;
	for (size_t k = 0; k < f->nwalks; k++)
		if ((k && (rc = put_text(w, ","))) || (rc = put_path(w, f, k)))
			return rc;
	return put_text(w, "]}");
}

/* ---- loading and the document ------------------------------------------------------- */

static void release_floors(struct wctx *w)
{
	for (size_t i = 0; i < w->nfloors; i++) {
		struct floor_out *f = &w->floors[i];

		floorplan_free(f->fp);
		for (size_t k = 0; k < f->nwalks; k++)
			free(f->wps[k]);
		free(f->wps);
		free(f->nwps);
		free(f->walks);
	}
	free(w->floors);
}

/*
 * Each floor's name in the document. OpenIntent wants a floorplan name unique
 * in the file, notspot only within a building: a name two buildings share
 * goes out as "Building: Level" (the floor's own name rides in
 * notspot_floor_name); otherwise the floor's name as it is.
 */
static void name_floors(struct wctx *w)
{
	for (size_t i = 0; i < w->nfloors; i++) {
		const struct floorplan *fp = w->floors[i].fp;
		bool shared = false;

		for (size_t k = 0; k < w->nfloors && !shared; k++)
			shared = k != i && !strcmp(fp->name, w->floors[k].fp->name);
		snprintf(w->floors[i].name, sizeof(w->floors[i].name), "%s%s%s",
			 shared ? fp->building : "", shared ? ": " : "", fp->name);
	}
}

/* Every calibrated floor with its walks and their taps; a floor without a scale has no metres. */
static int load_floors(struct wctx *w)
{
	struct survey_floor_info *info = NULL;
	size_t n = 0;
	int rc;

	if ((rc = survey_list_floors(w->s, &info, &n, w->err)))
		return rc;
	w->floors = calloc(n ? n : 1, sizeof(*w->floors));
	if (!w->floors)
		rc = ns_err_set(w->err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < n && !rc; i++) {
		struct floor_out *f = &w->floors[w->nfloors];

		if (!(info[i].px_per_m > 0)) {
			w->st->floors_left_out++;
			continue;
		}
		if ((rc = survey_load_floor(w->s, info[i].id, &f->fp, w->err)))
			break;
		w->nfloors++;
		if ((rc = survey_list_walks(w->s, info[i].id, &f->walks, &f->nwalks, w->err)))
			break;
		f->wps = calloc(f->nwalks + 1, sizeof(*f->wps));
		f->nwps = calloc(f->nwalks + 1, sizeof(*f->nwps));
		if (!f->wps || !f->nwps)
			rc = ns_err_set(w->err, -ENOMEM, "out of memory");
		for (size_t k = 0; k < f->nwalks && !rc; k++)
			rc = survey_list_waypoints(w->s, f->walks[k].id, &f->wps[k], &f->nwps[k], w->err);
		if (!rc)
			make_frame(f);
	}
	free(info);
	name_floors(w);
	if (!rc && !w->nfloors)
		rc = ns_err_set(w->err, -EINVAL, "the survey has no floor with a scale: OpenIntent "
						 "needs sizes in metres (notspot floor scale)");
	return rc;
}

static int put_document(struct wctx *w)
{
	json_t *b = building(w), *aps = access_points(w);
	int rc;

	/* 2.0's schema asks for the two models' versions too; the 2.x survey profile keeps them. */
	if ((rc = put_text(w, "{\"openintent_version\":\"" FMT_OPENINTENT_VERSION
			      "\",\"accesspoint_version\":\"" FMT_OPENINTENT_VERSION
			      "\",\"floorplan_version\":\"" FMT_OPENINTENT_VERSION
			      "\",\"notspot_version\":\"" NOTSPOT_VERSION "\",")))
		goto out;
	if (b && ((rc = put_text(w, "\"building\":")) || (rc = put(w, json_incref(b), false)) ||
		  (rc = put_text(w, ","))))
		goto out;
	if ((rc = put_text(w, "\"wall_materials\":")) || (rc = put(w, wall_materials(w), false)) ||
	    (rc = put_text(w, ",")))
		goto out;
	if (json_array_size(aps) && ((rc = put_text(w, "\"accesspoints\":")) ||
				     (rc = put(w, json_incref(aps), false)) || (rc = put_text(w, ","))))
		goto out;
	if ((rc = put_text(w, "\"floorplans\":[")))
		goto out;
	for (size_t i = 0; i < w->nfloors && !rc; i++)
		if (!(i && (rc = put_text(w, ","))))
			rc = put_floor(w, &w->floors[i]);
	if (!rc)
		rc = put_text(w, "]}\n");
out:
	json_decref(b);
	json_decref(aps);
	return rc;
}

int fmt_openintent_export(struct survey *s, FILE *out, const struct survey_progress *progress,
			  struct fmt_oi_export_stats *st, struct ns_err *err)
{
	struct fmt_oi_export_stats local;
	struct wctx w = { .s = s, .out = out, .progress = progress, .st = st ? st : &local,
			  .err = err };
	struct survey_counts c;
	int rc;

	memset(w.st, 0, sizeof(*w.st));
	if ((rc = survey_get_meta(s, &w.meta, err)) || (rc = survey_count(s, 0, &c, err)))
		return rc;
	w.total = c.samples;
	rc = load_floors(&w);
	if (!rc)
		rc = put_document(&w);
	if (!rc && fflush(out))
		rc = ns_err_set(err, -EIO, "writing the document failed");
	if (!rc && progress && progress->fn)
		progress->fn(progress->arg, w.total, w.total);
	release_floors(&w);
	return rc;
}
