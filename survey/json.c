/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json.c — the survey as JSON, streamed one element at a time. See json.h.
 */
#include "survey/json.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "survey/csv.h"
#include "util/version.h"
#include "util/mac.h"
#include "util/textcheck.h"

/* A JSON string of @s; invalid UTF-8 bytes become U+FFFD. */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s);
	char *fixed;

	if (j)
		return j;
	fixed = ns_utf8_dup_valid(s);
	if (!fixed)
		return NULL;
	j = json_string(fixed);
	free(fixed);
	return j;
}

static json_t *jreal(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *jint(int64_t v, int64_t unknown)
{
	return v == unknown ? json_null() : json_integer(v);
}

static json_t *jtime(int64_t t_us)
{
	char buf[40];

	return json_string(survey_format_time_us(t_us, buf, sizeof(buf)));
}

static json_t *jbssid(const uint8_t b[6])
{
	char buf[18];

	return json_string(mac_format(b, buf));
}

static json_t *jpoints(const struct fp_point *pts, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("[ff]", pts[i].x, pts[i].y));
	return a;
}

static json_t *jloss(const double loss[FP_NBANDS])
{
	return json_pack("{s:f,s:f,s:f}", "2.4GHz", loss[FP_BAND_2G4], "5GHz", loss[FP_BAND_5G],
			 "6GHz", loss[FP_BAND_6G]);
}

/* Losses per band where NAN (from a table) is null. */
static json_t *jloss_or(const double loss[FP_NBANDS])
{
	return json_pack("{s:o,s:o,s:o}", "2.4GHz", jreal(loss[FP_BAND_2G4]), "5GHz",
			 jreal(loss[FP_BAND_5G]), "6GHz", jreal(loss[FP_BAND_6G]));
}

/* Bytes as lower-case hex; null when there are none to tell (the text is the bytes). */
static json_t *jhex(const uint8_t *b, size_t n, bool present)
{
	char buf[2 * MEAS_SSID_MAX + 1];

	if (!present || n > MEAS_SSID_MAX)
		return json_null();
	for (size_t i = 0; i < n; i++)
		snprintf(buf + 2 * i, 3, "%02x", b[i]);
	buf[2 * n] = '\0';
	return json_string(buf);
}

static json_t *calib_json(const struct fp_calib *c)
{
	if (isnan(c->ax_px))
		return json_null();
	return json_pack("{s:[ff],s:[ff],s:f}", "a_px", c->ax_px, c->ay_px, "b_px", c->bx_px,
			 c->by_px, "m", c->m);
}

static json_t *radios_json(const struct fp_ap *ap)
{
	static const char *const band[FP_NBANDS] = { "2.4", "5", "6" };
	json_t *a = json_array();

	for (size_t i = 0; i < ap->nradios && i < FP_MAX_RADIOS; i++) {
		const struct fp_radio *r = &ap->radios[i];
		bool known = r->bssid[0] | r->bssid[1] | r->bssid[2] | r->bssid[3] | r->bssid[4] |
			     r->bssid[5];

		json_array_append_new(a, json_pack("{s:s,s:o,s:o,s:o,s:o}", "band",
						   band[r->band < FP_NBANDS ? r->band : 0], "channel",
						   jint(r->channel, 0), "width_mhz",
						   jint(r->width_mhz, 0), "tx_power_dbm",
						   jreal(r->tx_power_dbm), "bssid",
						   known ? jbssid(r->bssid) : json_null()));
	}
	return a;
}

static json_t *ap_json(const struct fp_ap *ap)
{
	json_t *j = json_pack("{s:I,s:o,s:f,s:f,s:o,s:o,s:o}", "id", (json_int_t)ap->id, "name",
			      jstr(ap->name), "x_m", ap->pos.x, "y_m", ap->pos.y, "height_m",
			      jreal(ap->height_m), "source", jstr(ap->source), "bssid_pattern",
			      jstr(ap->bssid_pattern));

	if (!j)
		return NULL;
	json_object_set_new(j, "model", jstr(ap->model));
	json_object_set_new(j, "mount", jstr(ap->mount));
	json_object_set_new(j, "note", jstr(ap->note));
	json_object_set_new(j, "plan", jstr(ap->plan));
	json_object_set_new(j, "cost", ap->cost > 0 ? jreal(ap->cost) : json_null());
	json_object_set_new(j, "radios", radios_json(ap));
	return j;
}

static json_t *areas_json(const struct floorplan *fp)
{
	json_t *a = json_array();

	for (size_t i = 0; i < fp->nareas; i++) {
		const struct fp_area *r = &fp->areas[i];

		json_array_append_new(a, json_pack("{s:I,s:o,s:o,s:o,s:o}", "id", (json_int_t)r->id,
						   "name", jstr(r->name), "material",
						   jstr(r->material), "loss_db_per_m",
						   jloss(r->loss_db_per_m), "points",
						   jpoints(r->pts, r->npts)));
	}
	return a;
}

/* The floor's place in its building: level, elevation, height, slab, alignment, calibration. */
static void level_json(json_t *f, const struct floorplan *fp)
{
	json_object_set_new(f, "building_id", json_integer(fp->building_id));
	json_object_set_new(f, "building", jstr(fp->building));
	json_object_set_new(f, "level", json_integer(fp->level));
	json_object_set_new(f, "elevation_m", jreal(fp->elevation_m));
	json_object_set_new(f, "height_m", jreal(fp->height_m));
	json_object_set_new(f, "slab_material", jstr(fp->slab_material));
	json_object_set_new(f, "slab_loss_db", jloss_or(fp->slab_loss_db));
	json_object_set_new(f, "align", json_pack("{s:f,s:f,s:f}", "dx_m", fp->align.dx_m,
						  "dy_m", fp->align.dy_m, "rot_deg",
						  fp->align.rot_deg));
	json_object_set_new(f, "calibration", calib_json(&fp->calib));
}

static json_t *floor_json(const struct floorplan *fp)
{
	json_t *f = json_object(), *a;

	json_object_set_new(f, "id", json_integer(fp->id));
	json_object_set_new(f, "name", jstr(fp->name));
	level_json(f, fp);
	json_object_set_new(f, "image_type", jstr(fp->image_type));
	json_object_set_new(f, "image_bytes", json_integer((json_int_t)fp->image_len));
	json_object_set_new(f, "page", json_integer(fp->page));
	json_object_set_new(f, "width_px", json_integer(fp->width_px));
	json_object_set_new(f, "height_px", json_integer(fp->height_px));
	json_object_set_new(f, "px_per_m", json_real(fp->px_per_m));
	json_object_set_new(f, "origin_x_px", json_real(fp->origin_x_px));
	json_object_set_new(f, "origin_y_px", json_real(fp->origin_y_px));
	a = json_array();
	for (size_t i = 0; i < fp->nwards; i++)
		json_array_append_new(a, json_pack("{s:I,s:o,s:o}", "id", (json_int_t)fp->wards[i].id,
						   "name", jstr(fp->wards[i].name), "points",
						   jpoints(fp->wards[i].pts, fp->wards[i].npts)));
	json_object_set_new(f, "wards", a);
	a = json_array();
	for (size_t i = 0; i < fp->nwalls; i++)
		json_array_append_new(a, json_pack("{s:I,s:o,s:o,s:o}", "id",
						   (json_int_t)fp->walls[i].id, "material",
						   jstr(fp->walls[i].material), "loss_db",
						   jloss(fp->walls[i].loss_db), "points",
						   jpoints(fp->walls[i].pts, fp->walls[i].npts)));
	json_object_set_new(f, "walls", a);
	a = json_array();
	for (size_t i = 0; i < fp->nopenings; i++) {
		const struct fp_opening *o = &fp->openings[i];

		json_array_append_new(a, json_pack("{s:I,s:o,s:o,s:[[ff][ff]]}", "id",
						   (json_int_t)o->id, "kind", jstr(o->kind),
						   "loss_db", jloss(o->loss_db), "points", o->a.x,
						   o->a.y, o->b.x, o->b.y));
	}
	json_object_set_new(f, "openings", a);
	a = json_array();
	for (size_t i = 0; i < fp->naps; i++)
		json_array_append_new(a, ap_json(&fp->aps[i]));
	json_object_set_new(f, "aps", a);
	json_object_set_new(f, "areas", areas_json(fp));
	return f;
}

static json_t *observation_json(const struct meas_observation *o)
{
	json_t *j = json_object();

	json_object_set_new(j, "bssid", jbssid(o->bssid));
	json_object_set_new(j, "ssid", jstr(o->ssid));
	json_object_set_new(j, "hidden", json_boolean(o->hidden));
	json_object_set_new(j, "freq_mhz", jint(o->freq_mhz, 0));
	json_object_set_new(j, "channel", jint(o->channel, 0));
	json_object_set_new(j, "width_mhz", jint(o->width_mhz, 0));
	json_object_set_new(j, "center_freq_mhz", jint(o->center_freq_mhz, 0));
	json_object_set_new(j, "signal_dbm", jreal(o->signal_dbm));
	json_object_set_new(j, "noise_dbm", jreal(o->noise_dbm));
	json_object_set_new(j, "bss_stations", jint(o->bss_stations, -1));
	json_object_set_new(j, "bss_utilisation", jreal(o->bss_utilisation));
	json_object_set_new(j, "security", jstr(o->security));
	json_object_set_new(j, "ap_name", jstr(o->ap_name));
	json_object_set_new(j, "age_ms", jint(o->age_ms, -1));
	json_object_set_new(j, "associated", json_boolean(o->associated));
	json_object_set_new(j, "ssid_raw", jhex(o->ssid_raw, o->ssid_len, o->ssid_escaped));
	return j;
}

static json_t *link_json(const struct meas_link *l)
{
	json_t *j = json_object();

	json_object_set_new(j, "bssid", jbssid(l->bssid));
	json_object_set_new(j, "ssid", jstr(l->ssid));
	json_object_set_new(j, "freq_mhz", jint(l->freq_mhz, 0));
	json_object_set_new(j, "signal_dbm", jreal(l->signal_dbm));
	json_object_set_new(j, "signal_avg_dbm", jreal(l->signal_avg_dbm));
	json_object_set_new(j, "beacon_signal_avg_dbm", jreal(l->beacon_signal_avg_dbm));
	json_object_set_new(j, "tx_bitrate_mbps", jreal(l->tx_bitrate_mbps));
	json_object_set_new(j, "rx_bitrate_mbps", jreal(l->rx_bitrate_mbps));
	json_object_set_new(j, "expected_throughput_mbps", jreal(l->expected_throughput_mbps));
	json_object_set_new(j, "tx_retries", jint(l->tx_retries, -1));
	json_object_set_new(j, "tx_failed", jint(l->tx_failed, -1));
	json_object_set_new(j, "beacon_loss", jint(l->beacon_loss, -1));
	json_object_set_new(j, "rx_bytes", jint(l->rx_bytes, -1));
	json_object_set_new(j, "tx_bytes", jint(l->tx_bytes, -1));
	json_object_set_new(j, "noise_dbm", jreal(l->noise_dbm));
	json_object_set_new(j, "connected_s", jint(l->connected_s, -1));
	json_object_set_new(j, "ssid_raw", jhex(l->ssid_raw, l->ssid_len, l->ssid_escaped));
	return j;
}

static json_t *throughput_json(const struct meas_throughput *t)
{
	json_t *j = json_object();

	json_object_set_new(j, "protocol", jstr(t->protocol));
	json_object_set_new(j, "direction", jstr(t->direction));
	json_object_set_new(j, "server", jstr(t->server));
	json_object_set_new(j, "duration_s", jreal(t->duration_s));
	json_object_set_new(j, "mbps", jreal(t->mbps));
	json_object_set_new(j, "jitter_ms", jreal(t->jitter_ms));
	json_object_set_new(j, "loss_pct", jreal(t->loss_pct));
	json_object_set_new(j, "rtt_ms", jreal(t->rtt_ms));
	json_object_set_new(j, "error", jstr(t->error));
	return j;
}

struct stream {
	FILE *out;
	size_t n; /* elements written in the current array */
	const struct survey_progress *progress;
	int64_t total;
};

/* Write @j (stolen) as the next element of an array, one per line. */
static int emit(struct stream *st, json_t *j)
{
	int rc;

	if (!j)
		return -ENOMEM;
	/*
	 * 15 significant digits: jansson prints a fixed precision, and 17 would
	 * show 0.1 as 0.10000000000000001; 15 is still far below any measurement's
	 * resolution (CSV is the exact interchange).
	 */
	fputs(st->n++ ? ",\n    " : "\n    ", st->out);
	rc = json_dumpf(j, st->out, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(j);
	return rc ? -EIO : 0;
}

static int sample_cb(void *arg, const struct meas_sample *sm,
		     const struct meas_observation *obs, size_t nobs,
		     const struct meas_link *link, const struct meas_throughput *tput)
{
	struct stream *st = arg;
	json_t *j = json_object(), *a = json_array();

	json_object_set_new(j, "id", json_integer(sm->id));
	json_object_set_new(j, "walk_id", json_integer(sm->walk_id));
	json_object_set_new(j, "time_utc", jtime(sm->t_us));
	json_object_set_new(j, "t_us", json_integer(sm->t_us));
	json_object_set_new(j, "mono_us", json_integer(sm->mono_us));
	json_object_set_new(j, "kind", json_string(meas_kind_name(sm->kind)));
	json_object_set_new(j, "status", json_string(meas_status_name(sm->status)));
	json_object_set_new(j, "error", jstr(sm->error));
	json_object_set_new(j, "x_m", sm->placed ? jreal(sm->x_m) : json_null());
	json_object_set_new(j, "y_m", sm->placed ? jreal(sm->y_m) : json_null());
	json_object_set_new(j, "noise_dbm", jreal(sm->noise_dbm));
	for (size_t i = 0; i < nobs; i++)
		json_array_append_new(a, observation_json(&obs[i]));
	json_object_set_new(j, "observations", a);
	json_object_set_new(j, "link", link ? link_json(link) : json_null());
	json_object_set_new(j, "throughput", tput ? throughput_json(tput) : json_null());
	if (st->progress && st->progress->fn && (st->n + 1) % 500 == 0)
		st->progress->fn(st->progress->arg, (int64_t)st->n + 1, st->total);
	return emit(st, j);
}

/* The sentence for a failed write (or a value jansson could not build). */
static int write_failed(struct ns_err *err)
{
	return ns_err_set(err, -EIO, "cannot write the JSON: %s",
			  errno ? strerror(errno) : "I/O error");
}

/* End the array being streamed; open member @next's array, or end the document (NULL). */
static void next_array(struct stream *st, const char *next)
{
	fputs(st->n ? "\n  ]" : "]", st->out);
	if (next)
		fprintf(st->out, ",\n  \"%s\": [", next);
	else
		fputs("\n}\n", st->out);
	st->n = 0;
}

static json_t *buildings_json(const struct fp_building *b, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I,s:o,s:o,s:f,s:f}", "id", (json_int_t)b[i].id,
						   "name", jstr(b[i].name), "note", jstr(b[i].note),
						   "north_deg", b[i].north_deg, "default_height_m",
						   b[i].default_height_m));
	return a;
}

static json_t *offsets_json(const struct survey_device_offset *o, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I,s:o,s:o,s:f,s:o,s:I}", "id",
						   (json_int_t)o[i].id, "kind", jstr(o[i].kind),
						   "name", jstr(o[i].name), "offset_db",
						   o[i].offset_db, "source", jstr(o[i].source),
						   "created_us", (json_int_t)o[i].created_us));
	return a;
}

/* Write member @name: @j (stolen) on one line. */
static int write_member(FILE *out, const char *name, json_t *j)
{
	int rc = 0;

	fprintf(out, ",\n  \"%s\": ", name);
	if (!j || json_dumpf(j, out, JSON_COMPACT | JSON_REAL_PRECISION(15)))
		rc = -EIO;
	json_decref(j);
	return rc;
}

/*
 * "format", "schema_version", "exported_by", "meta", "buildings" and
 * "device_offsets", and the floors' array opened.
 */
static int write_head(struct survey *s, FILE *out, const struct survey_meta *m,
		      struct ns_err *err)
{
	json_t *meta = json_pack("{s:o,s:o,s:o,s:o,s:o,s:I,s:o}", "site", jstr(m->site),
				 "organisation", jstr(m->organisation), "surveyor",
				 jstr(m->surveyor), "notes", jstr(m->notes), "created_utc",
				 jtime(m->created_us), "created_us", (json_int_t)m->created_us,
				 "created_by", jstr(m->created_by));
	struct fp_building *b = NULL;
	struct survey_device_offset *o = NULL;
	size_t nb = 0, no = 0;
	int rc = survey_list_buildings(s, &b, &nb, err);

	if (!rc)
		rc = survey_list_device_offsets(s, &o, &no, err);
	if (rc) {
		json_decref(meta);
		return rc;
	}
	fprintf(out, "{\n  \"format\": \"notspot-survey\",\n  \"schema_version\": %d,\n"
		     "  \"exported_by\": \"notspot %s\",\n  \"meta\": ",
		m->schema_version, NOTSPOT_VERSION);
	if (!meta || json_dumpf(meta, out, JSON_COMPACT))
		rc = -EIO;
	json_decref(meta);
	if (!rc)
		rc = write_member(out, "buildings", buildings_json(b, nb));
	if (!rc)
		rc = write_member(out, "device_offsets", offsets_json(o, no));
	free(b);
	free(o);
	if (rc)
		return ns_err_set(err, -EIO, "cannot write the JSON");
	fputs(",\n  \"floors\": [", out);
	return 0;
}

static int write_floors(struct survey *s, struct stream *st,
			const struct survey_floor_info *floors, size_t n, struct ns_err *err)
{
	for (size_t i = 0; i < n; i++) {
		struct floorplan *fp;
		int rc = survey_load_floor(s, floors[i].id, &fp, err);

		if (rc)
			return rc;
		rc = emit(st, floor_json(fp));
		floorplan_free(fp);
		if (rc)
			return write_failed(err);
	}
	return 0;
}

static json_t *walk_json(const struct survey_walk *w, const struct survey_waypoint *wps,
			 size_t nwps)
{
	json_t *j = json_object(), *a = json_array();

	json_object_set_new(j, "id", json_integer(w->id));
	json_object_set_new(j, "floor_id", json_integer(w->floor_id));
	json_object_set_new(j, "start_utc", jtime(w->start_us));
	json_object_set_new(j, "start_us", json_integer(w->start_us));
	json_object_set_new(j, "end_us", w->end_us ? json_integer(w->end_us) : json_null());
	json_object_set_new(j, "operator", jstr(w->operator_name));
	json_object_set_new(j, "interface", jstr(w->interface));
	json_object_set_new(j, "driver", jstr(w->driver));
	json_object_set_new(j, "chipset", jstr(w->chipset));
	json_object_set_new(j, "mode", jstr(w->mode));
	json_object_set_new(j, "note", jstr(w->note));
	json_object_set_new(j, "device", jstr(w->device));
	json_object_set_new(j, "adapter", jstr(w->adapter));
	json_object_set_new(j, "rssi_offset_db", json_real(w->rssi_offset_db));
	json_object_set_new(j, "scan_interface", jstr(w->scan_interface));
	json_object_set_new(j, "origin", jstr(w->origin));
	for (size_t k = 0; k < nwps; k++)
		json_array_append_new(a, json_pack("{s:I,s:I,s:I,s:f,s:f,s:b,s:o}", "id",
						   (json_int_t)wps[k].id, "t_us",
						   (json_int_t)wps[k].t_us, "mono_us",
						   (json_int_t)wps[k].mono_us, "x_m", wps[k].x_m,
						   "y_m", wps[k].y_m, "pause", wps[k].pause, "done_us",
						   jint(wps[k].done_us, 0)));
	json_object_set_new(j, "waypoints", a);
	return j;
}

static int write_walks(struct survey *s, struct stream *st, const struct survey_walk *walks,
		       size_t n, struct ns_err *err)
{
	for (size_t i = 0; i < n; i++) {
		struct survey_waypoint *wps;
		size_t nwps;
		int rc = survey_list_waypoints(s, walks[i].id, &wps, &nwps, err);

		if (rc)
			return rc;
		rc = emit(st, walk_json(&walks[i], wps, nwps));
		free(wps);
		if (rc)
			return write_failed(err);
	}
	return 0;
}

int survey_json_export(struct survey *s, FILE *out, const struct survey_progress *progress,
		       struct ns_err *err)
{
	struct survey_counts counts = { 0 };
	struct survey_meta m;
	struct survey_floor_info *floors = NULL;
	struct survey_walk *walks = NULL;
	struct stream st = { .out = out, .progress = progress };
	size_t nfloors = 0, nwalks = 0;
	int rc;

	rc = survey_get_meta(s, &m, err);
	if (!rc)
		rc = survey_count(s, 0, &counts, err);
	st.total = counts.samples;
	if (!rc)
		rc = survey_list_floors(s, &floors, &nfloors, err);
	if (!rc)
		rc = survey_list_walks(s, 0, &walks, &nwalks, err);
	if (!rc)
		rc = write_head(s, out, &m, err);
	if (!rc)
		rc = write_floors(s, &st, floors, nfloors, err);
	if (!rc) {
		next_array(&st, "walks");
		rc = write_walks(s, &st, walks, nwalks, err);
	}
	if (!rc) {
		next_array(&st, "samples");
		rc = survey_foreach_sample(s, NULL, sample_cb, &st, err);
		if (rc == -EIO || rc == -ENOMEM)
			rc = write_failed(err);
	}
	if (!rc) {
		next_array(&st, NULL);
		if (fflush(out) || ferror(out))
			rc = write_failed(err);
	}
	if (!rc && progress && progress->fn)
		progress->fn(progress->arg, st.total, st.total);
	free(floors);
	free(walks);
	return rc;
}
