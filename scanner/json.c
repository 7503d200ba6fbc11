/* SPDX-License-Identifier: GPL-3.0-or-later */
/* json.c — see json.h. */
#include "scanner/json.h"
#include "util/mac.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *wifi_rate_mode_name(enum wifi_phy_mode m)
{
	switch (m) {
	case RATE_HT: return "HT";
	case RATE_VHT: return "VHT";
	case RATE_HE: return "HE";
	case RATE_EHT: return "EHT";
	default: return "legacy";
	}
}

static json_t *dbl_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static json_t *dbm_or_null(int v)
{
	return v == INT_MIN ? json_null() : json_integer(v);
}

/* Bytes from the air as hex: the exact SSID or AP name beside its escaped text. */
static json_t *hex_json(const uint8_t *raw, size_t len)
{
	char hex[WIFI_HEX_SIZE];

	return json_string(wifi_hex(hex, raw, len > WIFI_SSID_MAX ? WIFI_SSID_MAX : len));
}

static json_t *count_or_null(int64_t v)
{
	return v < 0 ? json_null() : json_integer(v);
}

json_t *wifi_iface_json(const struct wifi_iface *w, const struct wifi_phy *phy)
{
	char mac[18];
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_object_set_new(o, "name", json_string(w->name));
	json_object_set_new(o, "ifindex", json_integer(w->ifindex));
	json_object_set_new(o, "wiphy", w->wiphy >= 0 ? json_integer(w->wiphy) : json_null());
	json_object_set_new(o, "mac", json_string(mac_format(w->mac, mac)));
	json_object_set_new(o, "type", json_string(wifi_iftype_name(w->iftype)));
	json_object_set_new(o, "ssid", w->has_ssid ? json_string(w->ssid) : json_null());
	json_object_set_new(o, "ssid_hex", w->has_ssid ? hex_json(w->ssid_raw, w->ssid_len) : json_null());
	json_object_set_new(o, "freq_mhz", w->freq_mhz ? json_integer(w->freq_mhz) : json_null());
	json_object_set_new(o, "channel", w->freq_mhz ? json_integer(freq_to_channel(w->freq_mhz)) : json_null());
	json_object_set_new(o, "width_mhz", w->width_mhz ? json_integer(w->width_mhz) : json_null());
	json_object_set_new(o, "center1_mhz", w->center1_mhz ? json_integer(w->center1_mhz) : json_null());
	json_object_set_new(o, "txpower_dbm", dbl_or_null(w->txpower_dbm));
	if (phy) {
		json_t *bands = json_array();
		char buf[16];
		for (int i = 0; i < 16; i++) /* every band the kernel lists */
			if (phy->bands & (1u << i))
				json_array_append_new(bands, json_string(wifi_band_id(i, buf, sizeof(buf))));
		json_object_set_new(o, "phy", json_string(phy->name));
		json_object_set_new(o, "bands", bands);
		json_object_set_new(o, "channels", json_integer((json_int_t)phy->nfreqs));
	}
	return o;
}

static json_t *rate_json(const struct wifi_rate *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "mbps", dbl_or_null(r->mbps));
	json_object_set_new(o, "mode", json_string(wifi_rate_mode_name(r->mode)));
	json_object_set_new(o, "mcs", r->mcs >= 0 ? json_integer(r->mcs) : json_null());
	json_object_set_new(o, "nss", r->nss > 0 ? json_integer(r->nss) : json_null());
	json_object_set_new(o, "width_mhz", json_integer(r->width_mhz));
	json_object_set_new(o, "gi_ns", json_integer(r->gi_ns));
	return o;
}

json_t *wifi_station_json(const struct wifi_station *s)
{
	char mac[18];
	json_t *o = json_object(), *chains = json_array();

	if (!o)
		return NULL;
	json_object_set_new(o, "bssid", json_string(mac_format(s->mac, mac)));
	json_object_set_new(o, "signal_dbm", dbm_or_null(s->signal_dbm));
	json_object_set_new(o, "signal_avg_dbm", dbm_or_null(s->signal_avg_dbm));
	json_object_set_new(o, "beacon_signal_avg_dbm", dbm_or_null(s->beacon_signal_avg_dbm));
	for (int i = 0; i < s->n_chains; i++)
		json_array_append_new(chains, json_integer(s->chain_signal_dbm[i]));
	json_object_set_new(o, "chain_signal_dbm", chains);
	json_object_set_new(o, "tx", rate_json(&s->tx));
	json_object_set_new(o, "rx", rate_json(&s->rx));
	json_object_set_new(o, "expected_throughput_mbps", dbl_or_null(s->expected_mbps));
	json_object_set_new(o, "tx_retries", count_or_null(s->tx_retries));
	json_object_set_new(o, "tx_failed", count_or_null(s->tx_failed));
	json_object_set_new(o, "beacon_loss", count_or_null(s->beacon_loss));
	json_object_set_new(o, "rx_bytes", count_or_null(s->rx_bytes));
	json_object_set_new(o, "tx_bytes", count_or_null(s->tx_bytes));
	json_object_set_new(o, "rx_packets", count_or_null(s->rx_packets));
	json_object_set_new(o, "tx_packets", count_or_null(s->tx_packets));
	json_object_set_new(o, "connected_s", count_or_null(s->connected_s));
	return o;
}

static json_t *suite_names(uint32_t bits, const char *const names[32])
{
	json_t *a = json_array();

	for (int i = 0; i < 32; i++)
		if (bits & (1u << i))
			json_array_append_new(a, json_string(names[i] ? names[i] : "other"));
	return a;
}

/* What RSN (or WPA) offers, by the names 802.11-2020 Tables 9-149/9-151 give. */
static json_t *security_json(const struct ies_security *sec)
{
	static const char *const akm[32] = {
		[1] = "802.1x", [2] = "psk", [3] = "ft-802.1x", [4] = "ft-psk",
		[5] = "802.1x-sha256", [6] = "psk-sha256", [8] = "sae", [9] = "ft-sae",
		[11] = "suite-b", [12] = "suite-b-192", [13] = "ft-802.1x-sha384", [18] = "owe",
		[24] = "sae-ext-key", [25] = "ft-sae-ext-key",
	};
	static const char *const cipher[32] = {
		[1] = "wep40", [2] = "tkip", [4] = "ccmp", [5] = "wep104", [8] = "gcmp",
		[9] = "gcmp-256", [10] = "ccmp-256",
	};
	json_t *o;

	if (!sec->present)
		return json_null();
	o = json_object();
	json_object_set_new(o, "akm", suite_names(sec->akm, akm));
	json_object_set_new(o, "pairwise", suite_names(sec->pairwise, cipher));
	json_object_set_new(o, "group", suite_names(sec->group, cipher));
	json_object_set_new(o, "mfp_required", json_boolean(sec->capabilities & (1u << 6)));
	return o;
}

json_t *wifi_bss_json(const struct wifi_bss *b)
{
	char mac[18];
	json_t *o = json_object(), *caps = json_array();
	static const struct { uint16_t bit; const char *name; } capnames[] = {
		{ BSS_CAP_ESS, "ESS" }, { BSS_CAP_IBSS, "IBSS" }, { BSS_CAP_PRIVACY, "Privacy" },
		{ BSS_CAP_SHORT_PREAMBLE, "ShortPreamble" }, { BSS_CAP_SPECTRUM_MGMT, "SpectrumMgmt" },
		{ BSS_CAP_SHORT_SLOT, "ShortSlotTime" }, { BSS_CAP_RADIO_MEASURE, "RadioMeasure" },
	};

	if (!o)
		return NULL;
	json_object_set_new(o, "bssid", json_string(mac_format(b->bssid, mac)));
	json_object_set_new(o, "ssid", json_string(b->ssid));
	json_object_set_new(o, "ssid_hex", hex_json(b->ssid_raw, b->ssid_len));
	json_object_set_new(o, "hidden", json_boolean(b->hidden));
	json_object_set_new(o, "freq_mhz", json_integer(b->freq_mhz));
	json_object_set_new(o, "channel", json_integer(b->channel));
	json_object_set_new(o, "width_mhz", json_integer(b->width_mhz));
	json_object_set_new(o, "center_mhz", json_integer(b->center_mhz));
	json_object_set_new(o, "signal_dbm", dbl_or_null(b->signal_dbm));
	json_object_set_new(o, "seen_ms_ago", b->seen_ms_ago >= 0 ? json_integer(b->seen_ms_ago) : json_null());
	json_object_set_new(o, "associated", json_boolean(b->associated));
	json_object_set_new(o, "stale", json_boolean(b->stale));
	json_object_set_new(o, "bss_stations", b->bss_stations >= 0 ? json_integer(b->bss_stations) : json_null());
	json_object_set_new(o, "bss_utilisation", dbl_or_null(b->bss_utilisation));
	json_object_set_new(o, "security", json_string(b->security ? b->security : "open"));
	json_object_set_new(o, "rsn", security_json(&b->ies.rsn));
	json_object_set_new(o, "wpa", security_json(&b->ies.wpa));
	json_object_set_new(o, "country", b->country[0] ? json_string(b->country) : json_null());
	json_object_set_new(o, "ap_name", b->ap_name_len ? json_string(b->ap_name) : json_null());
	json_object_set_new(o, "ap_name_hex", b->ap_name_len ? hex_json(b->ap_name_raw, b->ap_name_len)
							     : json_null());
	json_object_set_new(o, "beacon_interval_tu", b->beacon_interval ? json_integer(b->beacon_interval) : json_null());
	for (size_t i = 0; i < sizeof(capnames) / sizeof(capnames[0]); i++)
		if (b->capability & capnames[i].bit)
			json_array_append_new(caps, json_string(capnames[i].name));
	json_object_set_new(o, "capability", caps);
	return o;
}

json_t *wifi_survey_json(const struct wifi_survey *s)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_object_set_new(o, "freq_mhz", json_integer(s->freq_mhz));
	json_object_set_new(o, "in_use", json_boolean(s->in_use));
	json_object_set_new(o, "noise_dbm", dbl_or_null(s->noise_dbm));
	json_object_set_new(o, "time_ms", count_or_null(s->time_ms));
	json_object_set_new(o, "busy_ms", count_or_null(s->busy_ms));
	json_object_set_new(o, "busy_fraction", dbl_or_null(wifi_survey_busy_fraction(s)));
	return o;
}
