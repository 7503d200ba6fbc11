/* SPDX-License-Identifier: GPL-3.0-or-later */
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

#include "sim/sim.h"
#include "sim/world_internal.h"
#include "util/file.h"
#include "util/json_get.h"
#include "util/mac.h"

#define MAX_APS 4096

/* The SSIDs a hospital typically broadcasts (sim/README.md). */
static const struct sim_ssid hospital_ssids[] = {
	{ "NHS-Corporate", false, "wpa2-eap" },
	{ "NHS-Voice", false, "wpa2-psk" },
	{ "NHSWiFi", false, "open" },
	{ "NHS-Medical", true, "wpa2-psk" },
};

static const char *const ssid_keys[] = { "name", "hidden", "security", NULL };
static const char *const radio_keys[] = { "band", "channel", "width_mhz", "tx_power_dbm",
					  "utilisation", "stations", NULL };
static const char *const ap_keys[] = { "name", "x", "y", "height_m", "mac", "radios", "ssids",
				       NULL };

/* SSID @i of an AP (or of the defaults) into ((struct sim_ssid *)@arg)[i]. */
static int parse_ssid(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
		      struct ns_err *err)
{
	struct sim_ssid *s = (struct sim_ssid *)arg + i;
	const char *name = NULL, *sec = "open";
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = ns_json_get_string(o, "name", true, at, &name, err)) ||
	    (rc = ns_json_get_string(o, "security", false, at, &sec, err)) ||
	    (rc = ns_json_get_bool(o, "hidden", false, at, &s->hidden, err)))
		return rc;
	if (strlen(name) < 1 || strlen(name) > 32)
		return ns_json_fail(err, at, "name must be 1 to 32 bytes");
	if (strlen(sec) < 1 || strlen(sec) >= sizeof(s->security))
		return ns_json_fail(err, at, "security must be 1 to %zu bytes",
				    sizeof(s->security) - 1);
	memcpy(s->name, name, strlen(name) + 1);
	memcpy(s->security, sec, strlen(sec) + 1);
	return 0;
}

static int parse_ssids(const json_t *arr, const struct ns_json_path *at, struct sim_ssid *out, int *n,
		       struct ns_err *err)
{
	int rc;

	if (!json_is_array(arr))
		return ns_json_fail(err, at, "must be an array of SSIDs");
	if (json_array_size(arr) < 1 || json_array_size(arr) > SIM_MAX_SSIDS)
		return ns_json_fail(err, at, "1 to %d SSIDs per AP", SIM_MAX_SSIDS);
	if ((rc = ns_json_each_object(arr, at, ssid_keys, parse_ssid, out, err)))
		return rc;
	*n = (int)json_array_size(arr);
	return 0;
}

/* "band": "2.4", "5" or "6". */
static int get_band(const json_t *o, const struct ns_json_path *at, enum fp_band *band,
		    const char **name, struct ns_err *err)
{
	int rc = ns_json_get_string(o, "band", true, at, name, err);

	if (rc)
		return rc;
	if (strcmp(*name, "2.4") == 0)
		*band = FP_BAND_2G4;
	else if (strcmp(*name, "5") == 0)
		*band = FP_BAND_5G;
	else if (strcmp(*name, "6") == 0)
		*band = FP_BAND_6G;
	else
		return ns_json_fail(err, NS_JSON_KEY(at, "band"),
				    "\"%s\" is not \"2.4\", \"5\" or \"6\"", *name);
	return 0;
}

/* Radio @i of an AP into ((struct sim_radio *)@arg)[i]. */
static int parse_radio(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
		       struct ns_err *err)
{
	struct sim_radio *ra = (struct sim_radio *)arg + i;
	const char *band_s = NULL;
	double ch, width = 20, tx, util = 0.1, sta = 3;
	enum fp_band band = FP_BAND_2G4;
	int rc;

	memset(ra, 0, sizeof(*ra));
	if ((rc = get_band(o, at, &band, &band_s, err)) ||
	    (rc = ns_json_get_number(o, "channel", true, at, &ch, err)) ||
	    (rc = ns_json_get_number(o, "width_mhz", false, at, &width, err)) ||
	    (rc = ns_json_get_number(o, "tx_power_dbm", true, at, &tx, err)) ||
	    (rc = ns_json_get_number(o, "utilisation", false, at, &util, err)) ||
	    (rc = ns_json_get_number(o, "stations", false, at, &sta, err)))
		return rc;
	if (ch != floor(ch) || ch < 1 || ch > 233 ||
	    !(ra->freq_mhz = sim_freq_of_channel(band, (int)ch)))
		return ns_json_fail(err, NS_JSON_KEY(at, "channel"), "%g is not a %s GHz channel",
				    ch, band_s);
	if (width != 20 && width != 40 && width != 80 && width != 160)
		return ns_json_fail(err, NS_JSON_KEY(at, "width_mhz"),
				    "%g is not 20, 40, 80 or 160", width);
	if (band == FP_BAND_2G4 && width > 40)
		return ns_json_fail(err, NS_JSON_KEY(at, "width_mhz"),
				    "2.4 GHz channels are 20 or 40 MHz");
	if (tx < -10 || tx > 36)
		return ns_json_fail(err, NS_JSON_KEY(at, "tx_power_dbm"),
				    "%g is outside -10..36 dBm", tx);
	if (util < 0 || util > 1)
		return ns_json_fail(err, NS_JSON_KEY(at, "utilisation"), "%g is outside 0..1",
				    util);
	if (sta < 0 || sta > 2007 || sta != floor(sta))
		return ns_json_fail(err, NS_JSON_KEY(at, "stations"), "%g is not a station count",
				    sta);
	ra->width_mhz = (int)width;
	ra->center_freq_mhz = sim_center_freq(ra->freq_mhz, ra->width_mhz);
	ra->tx_power_dbm = tx;
	ra->utilisation = util;
	ra->stations = (int)sta;
	return 0;
}

static int parse_radios(const json_t *o, const struct ns_json_path *at, struct sim_ap *ap,
			struct ns_err *err)
{
	const struct ns_json_path *at_radios = NS_JSON_KEY(at, "radios");
	json_t *radios = json_object_get(o, "radios");
	int rc;

	if (!json_is_array(radios) || json_array_size(radios) < 1 ||
	    json_array_size(radios) > SIM_MAX_RADIOS)
		return ns_json_fail(err, at_radios, "must be an array of 1 to %d radios",
				    SIM_MAX_RADIOS);
	if ((rc = ns_json_each_object(radios, at_radios, radio_keys, parse_radio, ap->radios, err)))
		return rc;
	ap->nradios = (int)json_array_size(radios);
	return 0;
}

/* The file's APs, and the SSIDs an AP without its own broadcasts. */
struct aps_ctx {
	struct sim_ap *aps;
	const struct sim_ssid *dssids;
	int ndssids;
};

/* AP @i into ctx->aps[i] (@arg: struct aps_ctx). */
static int parse_ap(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
		    struct ns_err *err)
{
	const struct aps_ctx *ctx = arg;
	struct sim_ap *ap = &ctx->aps[i];
	const char *name = NULL, *mac = NULL;
	double height = 2.7;
	int rc;

	memset(ap, 0, sizeof(*ap));
	if ((rc = ns_json_get_string(o, "name", true, at, &name, err)) ||
	    (rc = ns_json_get_number(o, "x", true, at, &ap->pos.x, err)) ||
	    (rc = ns_json_get_number(o, "y", true, at, &ap->pos.y, err)) ||
	    (rc = ns_json_get_number(o, "height_m", false, at, &height, err)) ||
	    (rc = ns_json_get_string(o, "mac", true, at, &mac, err)))
		return rc;
	if (strlen(name) < 1 || strlen(name) >= sizeof(ap->name))
		return ns_json_fail(err, NS_JSON_KEY(at, "name"), "must be 1 to %zu bytes",
				    sizeof(ap->name) - 1);
	memcpy(ap->name, name, strlen(name) + 1);
	if (fabs(ap->pos.x) > 1e5 || fabs(ap->pos.y) > 1e5)
		return ns_json_fail(err, at, "position is more than 100 km away");
	if (height <= 0 || height > 50)
		return ns_json_fail(err, NS_JSON_KEY(at, "height_m"), "%g is outside 0..50 m",
				    height);
	ap->height_m = height;
	if (mac_parse(mac, ap->base_mac))
		return ns_json_fail(err, NS_JSON_KEY(at, "mac"), "\"%s\" is not a MAC address", mac);
	if ((rc = parse_radios(o, at, ap, err)))
		return rc;
	if (json_object_get(o, "ssids")) {
		if ((rc = parse_ssids(json_object_get(o, "ssids"), NS_JSON_KEY(at, "ssids"),
				      ap->ssids, &ap->nssids, err)))
			return rc;
	} else if (ctx->ndssids > 0) {
		memcpy(ap->ssids, ctx->dssids, (size_t)ctx->ndssids * sizeof(*ctx->dssids));
		ap->nssids = ctx->ndssids;
	} else {
		return ns_json_fail(err, at, "no SSIDs (give \"ssids\" here or at the top)");
	}
	/* BSSIDs are base + (radio << 4) + SSID: they must fit in the last byte. */
	if (ap->base_mac[5] + ((ap->nradios - 1) << 4) + ap->nssids - 1 > 0xff ||
	    (ap->base_mac[5] & 0x0f) + ap->nssids - 1 > 0x0f)
		return ns_json_fail(err, NS_JSON_KEY(at, "mac"),
				    "the last byte leaves no room for one BSSID per radio and SSID (use one ending in 00)");
	return 0;
}

/* "format" and "version" of a simulator file: @format, version 1. */
int sim_json_check_format(const json_t *root, const struct ns_json_path *at, const char *format,
			  struct ns_err *err)
{
	const char *fmt = NULL;
	double version = 0;
	int rc;

	if ((rc = ns_json_get_string(root, "format", true, at, &fmt, err)) ||
	    (rc = ns_json_get_number(root, "version", true, at, &version, err)))
		return rc;
	if (strcmp(fmt, format) != 0)
		return ns_json_fail(err, NS_JSON_KEY(at, "format"), "\"%s\" is not \"%s\"", fmt,
				    format);
	if (version != 1)
		return ns_json_fail(err, NS_JSON_KEY(at, "version"),
				    "%g is not supported (this build reads 1)", version);
	return 0;
}

int sim_json_load(const char *buf, size_t len, json_t **root, struct ns_err *err)
{
	json_error_t je;

	*root = NULL;
	if (len > SIM_JSON_MAX_BYTES)
		return ns_err_set(err, -EFBIG, "larger than %u MiB", SIM_JSON_MAX_BYTES >> 20);
	/* not ns_json_parse(): the simulator's files have always said "line L: why" */
	*root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!*root)
		return ns_err_set(err, -EINVAL, "line %d: %s", je.line, je.text);
	if (!json_is_object(*root)) {
		json_decref(*root);
		*root = NULL;
		return ns_err_set(err, -EINVAL, "the top level must be a JSON object");
	}
	return 0;
}

/* sim_parse_aps() with the file's "floor" into @floor (@flen bytes), when @floor. */
static int parse_aps(const char *buf, size_t len, struct sim_ap **out, size_t *nout,
		     char *floor, size_t flen, struct ns_err *err)
{
	static const char *const keys[] = { "format", "version", "floor", "ssids", "aps", NULL };
	const struct ns_json_path at = NS_JSON_ROOT("the AP file");
	struct sim_ssid dssids[SIM_MAX_SSIDS];
	int ndssids = 0, rc;
	struct sim_ap *aps = NULL;
	struct aps_ctx ctx;
	json_t *root, *arr;

	*out = NULL;
	*nout = 0;
	if ((rc = sim_json_load(buf, len, &root, err)))
		return rc;
	if ((rc = ns_json_check_keys(root, &at, keys, err)) ||
	    (rc = sim_json_check_format(root, &at, "notspot-sim-aps", err)))
		goto out;
	if (floor && json_object_get(root, "floor") &&
	    (rc = ns_json_string_copy(json_object_get(root, "floor"), NS_JSON_KEY(&at, "floor"),
				      floor, flen, false, err)))
		goto out;
	if (json_object_get(root, "ssids") &&
	    (rc = parse_ssids(json_object_get(root, "ssids"), NS_JSON_KEY(&at, "ssids"), dssids,
			      &ndssids, err)))
		goto out;
	arr = json_object_get(root, "aps");
	if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > MAX_APS) {
		rc = ns_json_fail(err, NS_JSON_KEY(&at, "aps"), "must be an array of 1 to %d APs",
				  MAX_APS);
		goto out;
	}
	aps = calloc(json_array_size(arr), sizeof(*aps));
	if (!aps) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	ctx = (struct aps_ctx){ aps, dssids, ndssids };
	if ((rc = ns_json_each_object(arr, NS_JSON_KEY(&at, "aps"), ap_keys, parse_ap, &ctx, err)))
		goto out;
	*nout = json_array_size(arr);
	*out = aps;
	aps = NULL;
out:
	free(aps);
	json_decref(root);
	return rc;
}

int sim_parse_aps(const char *buf, size_t len, struct sim_ap **out, size_t *nout,
		  struct ns_err *err)
{
	return parse_aps(buf, len, out, nout, NULL, 0, err);
}

int sim_load_aps(const char *path, struct sim_ap **aps, size_t *naps, struct ns_err *err)
{
	return sim_load_aps_floor(path, aps, naps, NULL, 0, err);
}

int sim_load_aps_floor(const char *path, struct sim_ap **aps, size_t *naps, char *floor,
		       size_t flen, struct ns_err *err)
{
	char *buf;
	size_t len;
	int rc;

	*aps = NULL;
	*naps = 0;
	if (floor && flen)
		floor[0] = '\0';
	if ((rc = ns_read_file(path, SIM_JSON_MAX_BYTES, &buf, &len, err)))
		return rc;
	rc = parse_aps(buf, len, aps, naps, floor, flen, err);
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
