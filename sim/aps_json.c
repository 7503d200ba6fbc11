/*
 * aps_json.c — the simulator's AP configuration file (format: sim/README.md,
 * "AP configuration"), and a default configuration for a floor's planned APs.
 *
 * The file is outside bytes: every key is checked for type and range, unknown
 * keys are refused (a typo must not silently become a default), and errors
 * name the element and key.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/json_util.h"
#include "sim/sim.h"
#include "util/file.h"
#include "util/json_keys.h"
#include "util/mac.h"

#define MAX_APS 4096

/* The SSIDs a hospital typically broadcasts (sim/README.md). */
static const struct sim_ssid hospital_ssids[] = {
	{ "NHS-Corporate", false, "wpa2-eap" },
	{ "NHS-Voice", false, "wpa2-psk" },
	{ "NHSWiFi", false, "open" },
	{ "NHS-Medical", true, "wpa2-psk" },
};

static int parse_ssid(json_t *o, const char *where, struct sim_ssid *s, struct ns_err *err)
{
	static const char *const keys[] = { "name", "hidden", "security", NULL };
	const char *name = NULL, *sec = "open";
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = ns_json_check_keys(o, where, keys, err)))
		return rc;
	if ((rc = sj_string(o, "name", true, &name, where, err)) ||
	    (rc = sj_string(o, "security", false, &sec, where, err)) ||
	    (rc = sj_bool(o, "hidden", &s->hidden, where, err)))
		return rc;
	if (strlen(name) < 1 || strlen(name) > 32)
		return ns_err_set(err, -EINVAL, "%s: name must be 1 to 32 bytes", where);
	if (strlen(sec) < 1 || strlen(sec) >= sizeof(s->security))
		return ns_err_set(err, -EINVAL, "%s: security must be 1 to %zu bytes", where,
				  sizeof(s->security) - 1);
	memcpy(s->name, name, strlen(name) + 1);
	memcpy(s->security, sec, strlen(sec) + 1);
	return 0;
}

static int parse_ssids(json_t *arr, const char *where, struct sim_ssid *out, int *n,
		       struct ns_err *err)
{
	char sub[96];
	size_t i;
	json_t *v;
	int rc;

	if (!json_is_array(arr))
		return ns_err_set(err, -EINVAL, "%s: must be an array of SSIDs", where);
	if (json_array_size(arr) < 1 || json_array_size(arr) > SIM_MAX_SSIDS)
		return ns_err_set(err, -EINVAL, "%s: 1 to %d SSIDs per AP", where, SIM_MAX_SSIDS);
	json_array_foreach(arr, i, v) {
		snprintf(sub, sizeof(sub), "%s[%zu]", where, i);
		if (!json_is_object(v))
			return ns_err_set(err, -EINVAL, "%s: must be an object", sub);
		if ((rc = parse_ssid(v, sub, &out[i], err)))
			return rc;
	}
	*n = (int)json_array_size(arr);
	return 0;
}

static int parse_radio(json_t *o, const char *where, struct sim_radio *ra, struct ns_err *err)
{
	static const char *const keys[] = { "band", "channel", "width_mhz", "tx_power_dbm",
					    "utilisation", "stations", NULL };
	const char *band_s = NULL;
	double ch, width = 20, tx, util = 0.1, sta = 3;
	enum fp_band band;
	int rc;

	memset(ra, 0, sizeof(*ra));
	if ((rc = ns_json_check_keys(o, where, keys, err)) ||
	    (rc = sj_string(o, "band", true, &band_s, where, err)) ||
	    (rc = sj_number(o, "channel", true, &ch, where, err)) ||
	    (rc = sj_number(o, "width_mhz", false, &width, where, err)) ||
	    (rc = sj_number(o, "tx_power_dbm", true, &tx, where, err)) ||
	    (rc = sj_number(o, "utilisation", false, &util, where, err)) ||
	    (rc = sj_number(o, "stations", false, &sta, where, err)))
		return rc;
	if (strcmp(band_s, "2.4") == 0)
		band = FP_BAND_2G4;
	else if (strcmp(band_s, "5") == 0)
		band = FP_BAND_5G;
	else if (strcmp(band_s, "6") == 0)
		band = FP_BAND_6G;
	else
		return ns_err_set(err, -EINVAL, "%s.band: \"%s\" is not \"2.4\", \"5\" or \"6\"",
				  where, band_s);
	if (ch != floor(ch) || ch < 1 || ch > 233 ||
	    !(ra->freq_mhz = sim_freq_of_channel(band, (int)ch)))
		return ns_err_set(err, -EINVAL, "%s.channel: %g is not a %s GHz channel", where, ch,
				  band_s);
	if (width != 20 && width != 40 && width != 80 && width != 160)
		return ns_err_set(err, -EINVAL, "%s.width_mhz: %g is not 20, 40, 80 or 160", where,
				  width);
	if (band == FP_BAND_2G4 && width > 40)
		return ns_err_set(err, -EINVAL, "%s.width_mhz: 2.4 GHz channels are 20 or 40 MHz",
				  where);
	if (tx < -10 || tx > 36)
		return ns_err_set(err, -EINVAL, "%s.tx_power_dbm: %g is outside -10..36 dBm", where,
				  tx);
	if (util < 0 || util > 1)
		return ns_err_set(err, -EINVAL, "%s.utilisation: %g is outside 0..1", where, util);
	if (sta < 0 || sta > 2007 || sta != floor(sta))
		return ns_err_set(err, -EINVAL, "%s.stations: %g is not a station count", where,
				  sta);
	ra->width_mhz = (int)width;
	ra->center_freq_mhz = sim_center_freq(ra->freq_mhz, ra->width_mhz);
	ra->tx_power_dbm = tx;
	ra->utilisation = util;
	ra->stations = (int)sta;
	return 0;
}

static int parse_ap(json_t *o, const char *where, const struct sim_ssid *dssids, int ndssids,
		    struct sim_ap *ap, struct ns_err *err)
{
	static const char *const keys[] = { "name", "x", "y", "height_m", "mac", "radios",
					    "ssids", NULL };
	const char *name = NULL, *mac = NULL;
	double height = 2.7;
	json_t *radios, *v;
	char sub[96];
	size_t i;
	int rc;

	memset(ap, 0, sizeof(*ap));
	if ((rc = ns_json_check_keys(o, where, keys, err)) ||
	    (rc = sj_string(o, "name", true, &name, where, err)) ||
	    (rc = sj_number(o, "x", true, &ap->pos.x, where, err)) ||
	    (rc = sj_number(o, "y", true, &ap->pos.y, where, err)) ||
	    (rc = sj_number(o, "height_m", false, &height, where, err)) ||
	    (rc = sj_string(o, "mac", true, &mac, where, err)))
		return rc;
	if (strlen(name) < 1 || strlen(name) >= sizeof(ap->name))
		return ns_err_set(err, -EINVAL, "%s.name: must be 1 to %zu bytes", where,
				  sizeof(ap->name) - 1);
	memcpy(ap->name, name, strlen(name) + 1);
	if (fabs(ap->pos.x) > 1e5 || fabs(ap->pos.y) > 1e5)
		return ns_err_set(err, -EINVAL, "%s: position is more than 100 km away", where);
	if (height <= 0 || height > 50)
		return ns_err_set(err, -EINVAL, "%s.height_m: %g is outside 0..50 m", where, height);
	ap->height_m = height;
	if (mac_parse(mac, ap->base_mac))
		return ns_err_set(err, -EINVAL, "%s.mac: \"%s\" is not a MAC address", where, mac);

	radios = json_object_get(o, "radios");
	if (!json_is_array(radios) || json_array_size(radios) < 1 ||
	    json_array_size(radios) > SIM_MAX_RADIOS)
		return ns_err_set(err, -EINVAL, "%s.radios: must be an array of 1 to %d radios",
				  where, SIM_MAX_RADIOS);
	json_array_foreach(radios, i, v) {
		snprintf(sub, sizeof(sub), "%s.radios[%zu]", where, i);
		if (!json_is_object(v))
			return ns_err_set(err, -EINVAL, "%s: must be an object", sub);
		if ((rc = parse_radio(v, sub, &ap->radios[i], err)))
			return rc;
	}
	ap->nradios = (int)json_array_size(radios);

	if (json_object_get(o, "ssids")) {
		snprintf(sub, sizeof(sub), "%s.ssids", where);
		if ((rc = parse_ssids(json_object_get(o, "ssids"), sub, ap->ssids, &ap->nssids, err)))
			return rc;
	} else if (ndssids > 0) {
		memcpy(ap->ssids, dssids, (size_t)ndssids * sizeof(*dssids));
		ap->nssids = ndssids;
	} else {
		return ns_err_set(err, -EINVAL, "%s: no SSIDs (give \"ssids\" here or at the top)",
				  where);
	}
	/* BSSIDs are base + (radio << 4) + SSID: they must fit in the last byte. */
	if (ap->base_mac[5] + ((ap->nradios - 1) << 4) + ap->nssids - 1 > 0xff ||
	    (ap->base_mac[5] & 0x0f) + ap->nssids - 1 > 0x0f)
		return ns_err_set(err, -EINVAL,
				  "%s.mac: the last byte leaves no room for one BSSID per radio and SSID (use one ending in 00)",
				  where);
	return 0;
}

int sim_parse_aps(const char *buf, size_t len, struct sim_ap **out, size_t *nout,
		  struct ns_err *err)
{
	static const char *const keys[] = { "format", "version", "floor", "ssids", "aps", NULL };
	struct sim_ssid dssids[SIM_MAX_SSIDS];
	int ndssids = 0, rc;
	struct sim_ap *aps = NULL;
	const char *fmt = NULL;
	double version = 0;
	json_t *root, *arr, *v;
	char where[64];
	size_t i;

	*out = NULL;
	*nout = 0;
	if ((rc = sj_load(buf, len, &root, err)))
		return rc;
	if ((rc = ns_json_check_keys(root, "the AP file", keys, err)) ||
	    (rc = sj_string(root, "format", true, &fmt, "the AP file", err)) ||
	    (rc = sj_number(root, "version", true, &version, "the AP file", err)))
		goto out;
	if (strcmp(fmt, "notspot-sim-aps") != 0) {
		rc = ns_err_set(err, -EINVAL, "format: \"%s\" is not \"notspot-sim-aps\"", fmt);
		goto out;
	}
	if (version != 1) {
		rc = ns_err_set(err, -EINVAL, "version: %g is not supported (this build reads 1)",
				version);
		goto out;
	}
	if (json_object_get(root, "ssids") &&
	    (rc = parse_ssids(json_object_get(root, "ssids"), "ssids", dssids, &ndssids, err)))
		goto out;
	arr = json_object_get(root, "aps");
	if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > MAX_APS) {
		rc = ns_err_set(err, -EINVAL, "aps: must be an array of 1 to %d APs", MAX_APS);
		goto out;
	}
	aps = calloc(json_array_size(arr), sizeof(*aps));
	if (!aps) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(arr, i, v) {
		snprintf(where, sizeof(where), "aps[%zu]", i);
		if (!json_is_object(v)) {
			rc = ns_err_set(err, -EINVAL, "%s: must be an object", where);
			goto out;
		}
		if ((rc = parse_ap(v, where, dssids, ndssids, &aps[i], err)))
			goto out;
	}
	*nout = json_array_size(arr);
	*out = aps;
	aps = NULL;
out:
	free(aps);
	json_decref(root);
	return rc;
}

int sim_load_aps(const char *path, struct sim_ap **aps, size_t *naps, struct ns_err *err)
{
	char *buf;
	size_t len;
	int rc;

	*aps = NULL;
	*naps = 0;
	if ((rc = ns_read_file(path, SJ_MAX_FILE, &buf, &len, err)))
		return rc;
	rc = sim_parse_aps(buf, len, aps, naps, err);
	free(buf);
	if (rc)
		ns_err_prefix(err, "%s", path);
	return rc;
}

int sim_aps_from_floorplan(const struct floorplan *fp, struct sim_ap **out, size_t *nout,
			   struct ns_err *err)
{
	/* Non-overlapping 40 MHz pairs, UNII-1 first, then UNII-2/2e (DFS). */
	static const int ch5[] = { 36, 44, 52, 60, 100, 108, 116, 124, 132 };
	static const int ch24[] = { 1, 6, 11 };
	struct sim_ap *aps;

	*out = NULL;
	*nout = 0;
	if (!fp->naps)
		return ns_err_set(err, -ENOENT,
				  "floor '%s' has no planned APs: give an AP file with --aps", fp->name);
	aps = calloc(fp->naps, sizeof(*aps));
	if (!aps)
		return ns_err_set(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < fp->naps; i++) {
		struct sim_ap *ap = &aps[i];

		snprintf(ap->name, sizeof(ap->name), "%s", fp->aps[i].name);
		ap->pos = fp->aps[i].pos;
		ap->height_m = fp->aps[i].height_m > 0 ? fp->aps[i].height_m : 2.7;
		/* A locally administered OUI (02:…) so no real vendor is implied. */
		ap->base_mac[0] = 0x02;
		ap->base_mac[1] = 0x4e;
		ap->base_mac[2] = 0x53;
		ap->base_mac[3] = (uint8_t)(i >> 8);
		ap->base_mac[4] = (uint8_t)i;
		ap->base_mac[5] = 0x00;
		ap->nradios = 2;
		ap->radios[0] = (struct sim_radio){ sim_freq_of_channel(FP_BAND_2G4, ch24[i % 3]), 20,
						    0, 11.0, 0.35, 6 };
		ap->radios[1] = (struct sim_radio){ sim_freq_of_channel(FP_BAND_5G, ch5[i % 9]), 40,
						    0, 17.0, 0.15, 9 };
		for (int r = 0; r < 2; r++)
			ap->radios[r].center_freq_mhz =
				sim_center_freq(ap->radios[r].freq_mhz, ap->radios[r].width_mhz);
		memcpy(ap->ssids, hospital_ssids, sizeof(hospital_ssids));
		ap->nssids = SIM_MAX_SSIDS;
	}
	*out = aps;
	*nout = fp->naps;
	return 0;
}
