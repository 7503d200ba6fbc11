/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * oi_read_path.c — OpenIntent survey paths into walks: the survey device and
 * adapter (kept as the walk's provenance), path points (taps of a continuous
 * walk under LINEAR_BY_TIME, where an END followed by more points is a pause
 * so nothing is placed across the break), scan events and their Wi-Fi
 * observations. Signals are kept as given: they are already calibrated by
 * the adapter's rssi_calibration_offset_db, which the walk records.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/oi_read_priv.h"
#include "measure/channel.h"
#include "util/mac.h"

/* ---- survey paths ------------------------------------------------------------------- */

struct path_ctx {
	struct oi_ctx *c;
	const struct level_ctx *lv;
	struct fmt_walk *w;
	bool has_start;
	json_t *adapter_id;     /* the first scan event's adapter, or NULL */
};

/* Append to the NUL-terminated @buf of @cap bytes, cutting what does not fit. */
static void append(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t cap, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + n, cap - n, fmt, ap);
	va_end(ap);
}

/* The device, its software and platform; the adapter the scans name (or the first). */
static int read_device(struct path_ctx *pc, const json_t *d, const struct ns_json_path *at,
		       struct ns_err *err)
{
	const struct ns_json_path *aat = NS_JSON_KEY(at, "wifi_adapters");
	char sw[64] = "", ver[32] = "", host[64] = "", hver[32] = "", label[128];
	json_t *adapters = NULL, *a, *pick = NULL;
	struct fmt_walk *w = pc->w;
	size_t i, pi = 0;
	int rc;

	if ((rc = ns_json_object(d, at, err)) || (rc = fmt_oi_label(d, at, label, sizeof(label), err)) ||
	    (rc = fmt_oi_opt_text(d, "software_name", at, sw, sizeof(sw), err)) ||
	    (rc = fmt_oi_opt_text(d, "software_version", at, ver, sizeof(ver), err)) ||
	    (rc = fmt_oi_opt_text(d, "host_platform", at, host, sizeof(host), err)) ||
	    (rc = fmt_oi_opt_text(d, "host_software_version", at, hver, sizeof(hver), err)) ||
	    (rc = fmt_oi_opt_array(d, "wifi_adapters", at, &adapters, err)))
		return rc;
	/* "Example Labs Handset (Example Survey 3.2.0) on Android 16" */
	snprintf(w->device, sizeof(w->device), "%.60s", label);
	if (sw[0])
		append(w->device, sizeof(w->device), "%s(%s%s%s)", w->device[0] ? " " : "", sw,
		       ver[0] ? " " : "", ver);
	if (host[0])
		append(w->device, sizeof(w->device), "%son %s%s%s", w->device[0] ? " " : "", host,
		       hver[0] ? " " : "", hver);
	json_array_foreach(adapters, i, a) {
		if ((rc = ns_json_object(a, NS_JSON_INDEX(aat, i), err)))
			return rc;
		if (!pick || (pc->adapter_id && json_equal(json_object_get(a, "identifier"),
							     pc->adapter_id))) {
			pick = a;
			pi = i;
		}
	}
	if (!pick)
		return 0;
	aat = NS_JSON_INDEX(NS_JSON_KEY(at, "wifi_adapters"), pi);
	if ((rc = fmt_oi_label(pick, aat, w->adapter, sizeof(w->adapter), err)) ||
	    (rc = fmt_oi_opt_text(pick, "identifier", aat, w->interface, sizeof(w->interface), err)) ||
	    (rc = fmt_oi_opt_text(pick, "driver_version", aat, w->driver, sizeof(w->driver), err)) ||
	    (rc = ns_json_get_number(pick, "rssi_calibration_offset_db", false, aat,
				     &w->rssi_offset_db, err)))
		return rc;
	return 0;
}

/* The flat device fields of survey paths written before survey_device existed. */
static int read_legacy_device(struct fmt_walk *w, const json_t *o, const struct ns_json_path *at,
			      struct ns_err *err)
{
	char model[64] = "", ver[32] = "", host[64] = "";
	int rc;

	if ((rc = fmt_oi_opt_text(o, "survey_device_model", at, model, sizeof(model), err)) ||
	    (rc = fmt_oi_opt_text(o, "survey_device_sw_version", at, ver, sizeof(ver), err)) ||
	    (rc = fmt_oi_opt_text(o, "host_device_platform", at, host, sizeof(host), err)))
		return rc;
	if (!w->device[0] && (model[0] || host[0]))
		snprintf(w->device, sizeof(w->device), "%s%s%s%s%s", model, ver[0] ? " " : "", ver,
			 host[0] ? " on " : "", host);
	return 0;
}

/* A time given as integer µs after start_time (or the deprecated epoch seconds). */
static int read_time(struct path_ctx *pc, const json_t *o, const struct ns_json_path *at,
		     const char *key, int64_t *t, bool *has, struct ns_err *err)
{
	long long off = -1;
	double epoch = NAN;
	int rc;

	*has = false;
	if ((rc = ns_json_get_int(o, key, false, at, 0, (long long)4e15, &off, err)))
		return rc;
	if (off >= 0) {
		if (!pc->has_start)
			return ns_json_fail(err, NS_JSON_KEY(at, key), "an offset needs the path's "
								       "start_time");
		*t = pc->w->start_us + off;
		*has = true;
		return 0;
	}
	if (strcmp(key, "time_offset_us") == 0 &&
	    (rc = ns_json_get_number(o, "timestamp", false, at, &epoch, err)))
		return rc;
	if (!isnan(epoch)) {
		if (!(epoch > 0 && epoch < 4e9))
			return ns_json_fail(err, NS_JSON_KEY(at, "timestamp"), "is not a Unix time");
		*t = (int64_t)llround(epoch * 1e6);
		*has = true;
	}
	return 0;
}

static int read_path_point(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
			   struct ns_err *err)
{
	struct path_ctx *pc = arg;
	struct fmt_tap t = { 0 };
	const char *ind = NULL;
	json_t *coord = NULL;
	bool has_pos = false, has_t;
	int rc;

	(void)i;
	if ((rc = read_time(pc, o, at, "time_offset_us", &t.t_us, &has_t, err)) ||
	    (rc = ns_json_member(o, "coordinate", false, at, &coord, err)) ||
	    (coord && (rc = fmt_oi_read_xyz(coord, NS_JSON_KEY(at, "coordinate"), pc->lv, &t.x_m, &t.y_m,
				     NULL, &has_pos, err))) ||
	    (rc = ns_json_get_string(o, "path_indicator", false, at, &ind, err)))
		return rc;
	if (!pc->w->by_track)
		return 0; /* positions come from the scan events themselves */
	if (!has_pos || !has_t)
		return ns_json_fail(err, at, "LINEAR_BY_TIME needs a coordinate and a time on every "
					     "path point");
	t.pause = ind && strcmp(ind, "END") == 0; /* undone below for the last point */
	return fmt_walk_add_tap(pc->w, &t, err);
}

/* What the tool said of a scan: complete or partial results are data, a failure is data too. */
static void scan_status(const char *s, struct fmt_scan *sc)
{
	if (!s || !strcmp(s, "COMPLETE") || !strcmp(s, "PARTIAL") || !strcmp(s, "UNKNOWN"))
		sc->status = SAMPLE_OK;
	else if (!strcmp(s, "THROTTLED"))
		sc->status = SAMPLE_SCAN_CACHED;
	else {
		sc->status = SAMPLE_SCAN_FAILED;
		snprintf(sc->error, sizeof(sc->error), "the survey tool reported the scan %s", s);
	}
}

/* The SSID: its raw bytes when given (they are authoritative), else the text. */
static int read_ssid(const json_t *o, const struct ns_json_path *at, struct meas_observation *m,
		     struct ns_err *err)
{
	const char *text = NULL, *b64 = NULL;
	uint8_t raw[32];
	size_t n = 0;
	int rc;

	if ((rc = ns_json_get_string(o, "ssid", false, at, &text, err)) ||
	    (rc = ns_json_get_string(o, "ssid_bytes_base64", false, at, &b64, err)))
		return rc;
	if (b64) {
		if (fmt_base64_decode(b64, raw, sizeof(raw), &n))
			return ns_json_fail(err, NS_JSON_KEY(at, "ssid_bytes_base64"),
					    "is not base64 of at most 32 bytes");
	} else if (text) {
		if ((n = strlen(text)) > 32)
			return ns_json_fail(err, NS_JSON_KEY(at, "ssid"), "is longer than 32 bytes");
		memcpy(raw, text, n);
	}
	/* The bytes are the SSID (authoritative when given); the text is made by the one rule. */
	if ((b64 || text) && meas_observation_set_ssid(m, raw, n))
		return ns_json_fail(err, at, "an SSID of more than 32 bytes");
	m->hidden = (b64 || text) && !m->ssid[0];
	return 0;
}

static int read_security(const json_t *o, const struct ns_json_path *at,
			 struct meas_observation *m, struct ns_err *err)
{
	const struct ns_json_path *sat = NS_JSON_KEY(at, "security_modes");
	const char *modes[16];
	json_t *arr, *v;
	size_t i, n;
	int rc;

	if ((rc = fmt_oi_opt_array(o, "security_modes", at, &arr, err)) || !arr)
		return rc;
	if ((rc = ns_json_array(arr, sat, 16, &n, err)))
		return rc;
	json_array_foreach(arr, i, v)
		if ((rc = ns_json_string(v, NS_JSON_INDEX(sat, i), &modes[i], err)))
			return rc;
	fmt_oi_security_text(modes, n, m->security, sizeof(m->security));
	return 0;
}

static int read_observation(const json_t *o, const struct ns_json_path *at,
			    struct meas_observation *m, struct ns_err *err)
{
	const char *bssid, *width = NULL;
	long long f, cf = 0, stations = -1;
	int rc;

	meas_init_observation(m);
	if ((rc = ns_json_object(o, at, err)) ||
	    (rc = ns_json_get_string(o, "bssid", true, at, &bssid, err)))
		return rc;
	if (mac_parse(bssid, m->bssid))
		return ns_json_fail(err, NS_JSON_KEY(at, "bssid"), "'%.40s' is not a MAC address",
				    bssid);
	if ((rc = ns_json_get_number(o, "rssi_dbm", true, at, &m->signal_dbm, err)) ||
	    (rc = ns_json_get_int(o, "frequency_mhz", true, at, 1, 100000, &f, err)) ||
	    (rc = ns_json_get_int(o, "center_frequency_0_mhz", false, at, 1, 100000, &cf, err)) ||
	    (rc = ns_json_get_number(o, "noise_dbm", false, at, &m->noise_dbm, err)) ||
	    (rc = ns_json_get_string(o, "channel_width", false, at, &width, err)) ||
	    (rc = read_ssid(o, at, m, err)) || (rc = read_security(o, at, m, err)) ||
	    (rc = fmt_oi_opt_text(o, "notspot_ap_name", at, m->ap_name, sizeof(m->ap_name), err)) ||
	    (rc = ns_json_get_int(o, "notspot_bss_stations", false, at, 0, 100000, &stations, err)) ||
	    (rc = ns_json_get_number(o, "notspot_bss_utilisation", false, at, &m->bss_utilisation,
				     err)) ||
	    (rc = ns_json_get_bool(o, "notspot_associated", false, at, &m->associated, err)))
		return rc;
	m->freq_mhz = (int)f;
	m->channel = meas_channel_of_freq(m->freq_mhz);
	m->center_freq_mhz = (int)cf;
	m->width_mhz = width ? fmt_oi_width_parse(width) : 0;
	m->bss_stations = (int)stations;
	return 0;
}

static int read_scan_event(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
			   struct ns_err *err)
{
	const struct ns_json_path *wat = NS_JSON_KEY(at, "wifi_observations");
	struct path_ctx *pc = arg;
	struct fmt_scan sc = { 0 };
	const char *status = NULL;
	json_t *coord = NULL, *arr, *v;
	bool has_t;
	size_t k;
	int rc;

	(void)i;
	if ((rc = read_time(pc, o, at, "started_offset_us", &sc.t_us, &has_t, err)))
		return rc;
	if (!has_t)
		return ns_json_fail(err, at, "\"started_offset_us\" is missing");
	if ((rc = ns_json_get_string(o, "result_status", false, at, &status, err)) ||
	    (rc = ns_json_member(o, "coordinate", false, at, &coord, err)) ||
	    (coord && (rc = fmt_oi_read_xyz(coord, NS_JSON_KEY(at, "coordinate"), pc->lv, &sc.x_m, &sc.y_m,
				     NULL, &sc.has_pos, err))) ||
	    (rc = ns_json_member(o, "wifi_observations", true, at, &arr, err)) ||
	    (rc = ns_json_array(arr, wat, MAX_OBS, &sc.nobs, err)))
		return rc;
	scan_status(status, &sc);
	if (!(sc.obs = calloc(sc.nobs ? sc.nobs : 1, sizeof(*sc.obs))))
		return ns_err_set(err, -ENOMEM, "out of memory");
	json_array_foreach(arr, k, v)
		if ((rc = read_observation(v, NS_JSON_INDEX(wat, k), &sc.obs[k], err)))
			break;
	if (!rc)
		rc = fmt_walk_add_scan(pc->w, &sc, err);
	free(sc.obs);
	return rc;
}

/* start_time, the mode of placement, the device, then points and scans. */
static int read_path_head(struct path_ctx *pc, const json_t *o, const struct ns_json_path *at,
			  struct ns_err *err)
{
	const char *start = NULL, *end = NULL, *interp = NULL;
	const json_t *ev = json_array_get(json_object_get(o, "scan_events"), 0);
	json_t *dev = NULL;
	struct fmt_walk *w = pc->w;
	int rc;

	if ((rc = ns_json_get_string(o, "start_time", false, at, &start, err)) ||
	    (rc = ns_json_get_string(o, "end_time", false, at, &end, err)) ||
	    (rc = ns_json_get_string(o, "position_interpolation", false, at, &interp, err)) ||
	    (rc = fmt_oi_opt_text(o, "id", at, w->name, sizeof(w->name), err)) ||
	    (rc = fmt_oi_opt_text(o, "name", at, w->name, sizeof(w->name), err)))
		return rc;
	if (start && fmt_parse_rfc3339(start, &w->start_us))
		return ns_json_fail(err, NS_JSON_KEY(at, "start_time"),
				    "'%.40s' is not an RFC 3339 date-time", start);
	if (end && fmt_parse_rfc3339(end, &w->end_us))
		return ns_json_fail(err, NS_JSON_KEY(at, "end_time"),
				    "'%.40s' is not an RFC 3339 date-time", end);
	if ((rc = ns_json_get_bool(o, "notspot_simulated", false, at, &w->simulated, err)))
		return rc;
	pc->has_start = start != NULL;
	w->by_track = interp && strcmp(interp, "LINEAR_BY_TIME") == 0;
	pc->adapter_id = json_object_get(ev, "adapter_identifier");
	if ((rc = ns_json_member(o, "survey_device", false, at, &dev, err)) ||
	    (dev && (rc = read_device(pc, dev, NS_JSON_KEY(at, "survey_device"), err))))
		return rc;
	return read_legacy_device(w, o, at, err);
}

int fmt_oi_read_survey_path(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
			    struct ns_err *err)
{
	struct oi_ctx *c = arg;
	struct path_ctx pc = { .c = c, .lv = &c->lv[c->p->nlevels - 1] };
	json_t *pts, *evs;
	int rc;

	if ((rc = fmt_project_add_walk(c->p, c->p->nlevels - 1, &pc.w, err)))
		return rc;
	snprintf(pc.w->name, sizeof(pc.w->name), "survey path %zu", i + 1);
	if ((rc = read_path_head(&pc, o, at, err)) ||
	    (rc = fmt_oi_opt_array(o, "path_points", at, &pts, err)) ||
	    (rc = fmt_oi_opt_array(o, "scan_events", at, &evs, err)))
		return rc;
	if (pts && (rc = ns_json_each_object(pts, NS_JSON_KEY(at, "path_points"), NULL,
					     read_path_point, &pc, err)))
		return rc;
	if (pc.w->by_track && pc.w->ntaps < 1)
		return ns_json_fail(err, at, "LINEAR_BY_TIME without path points");
	if (pc.w->ntaps)
		pc.w->taps[pc.w->ntaps - 1].pause = false; /* the last END is no break */
	if (evs && (rc = ns_json_each_object(evs, NS_JSON_KEY(at, "scan_events"), NULL,
					     read_scan_event, &pc, err)))
		return rc;
	return 0;
}

