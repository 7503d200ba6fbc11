/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json.h — JSON views of the scanner's structs (jansson), shared by the
 * `interfaces`, `scan` and `record` commands. Unknown values become null.
 * Bytes from the air (an SSID, an AP name) appear twice: "ssid" is the text
 * of scanner/ssid.h (never a control character, always valid UTF-8) and
 * "ssid_hex" the exact bytes; likewise "ap_name" and "ap_name_hex".
 * Each function returns a new reference (json_decref() it) or NULL when out of memory.
 */
#ifndef NOTSPOT_SCANNER_JSON_H
#define NOTSPOT_SCANNER_JSON_H

#include <jansson.h>

#include "scanner/chansurvey.h"
#include "scanner/iface.h"
#include "scanner/scan.h"
#include "scanner/station.h"

json_t *wifi_iface_json(const struct wifi_iface *w, const struct wifi_phy *phy);
json_t *wifi_station_json(const struct wifi_station *s);
json_t *wifi_bss_json(const struct wifi_bss *b);
json_t *wifi_survey_json(const struct wifi_survey *s);

/** wifi_rate_mode_name() - "legacy", "HT", "VHT", "HE", "EHT". */
const char *wifi_rate_mode_name(enum wifi_phy_mode m);

#endif
