/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ies.h — 802.11 information elements (beacon / probe response body) into a
 * plain struct.
 *
 * Input is outside bytes: NL80211_BSS_INFORMATION_ELEMENTS from the kernel, or
 * a beacon body from a capture. ies_parse() walks them with a bounded cursor;
 * every element kind notspot reads has a minimum (and where the standard sets
 * one, maximum) length, and one that breaks its rule is counted as malformed
 * and ignored, never read past. An element list cut short (the last element's
 * length runs past the buffer) keeps what came before and sets `truncated`.
 * Pure: no allocation, no I/O, no globals; safe on any bytes.
 *
 * References: IEEE Std 802.11-2020 §9.4.2 (element formats), 802.11ax-2021
 * §9.4.2.249 (HE Operation), 802.11be D5 §9.4.2.311 (EHT Operation); Cisco
 * CCX1 element 133 (AP name: 16 bytes after 10 leading bytes); Aruba vendor
 * element (OUI 00:0b:86, type 1, subtype 3: AP name), as Wireshark dissects it.
 */
#ifndef NOTSPOT_SCANNER_IES_H
#define NOTSPOT_SCANNER_IES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Element ids (802.11-2020 Table 9-92). */
enum {
	IE_SSID = 0,
	IE_DS_PARAMS = 3,
	IE_COUNTRY = 7,
	IE_BSS_LOAD = 11,
	IE_HT_OPERATION = 61,
	IE_RSN = 48,
	IE_CISCO_CCX1 = 133,
	IE_VHT_OPERATION = 192,
	IE_VENDOR = 221,
	IE_EXTENSION = 255,
	IE_EXT_HE_OPERATION = 36,
	IE_EXT_EHT_OPERATION = 106,
};

/* AKM suites as bits (suite type n of OUI 00-0f-ac is bit n; WPA's OUI 00-50-f2 maps 1, 2 alike). */
enum {
	AKM_8021X = 1u << 1,
	AKM_PSK = 1u << 2,
	AKM_FT_8021X = 1u << 3,
	AKM_FT_PSK = 1u << 4,
	AKM_8021X_SHA256 = 1u << 5,
	AKM_PSK_SHA256 = 1u << 6,
	AKM_SAE = 1u << 8,
	AKM_FT_SAE = 1u << 9,
	AKM_SUITE_B = 1u << 11,
	AKM_SUITE_B_192 = 1u << 12,
	AKM_FT_8021X_SHA384 = 1u << 13,
	AKM_OWE = 1u << 18,
	AKM_SAE_EXT = 1u << 24,
	AKM_FT_SAE_EXT = 1u << 25,
	AKM_OTHER = 1u << 31, /* a vendor suite or a type outside 1..30 */
};

/* Cipher suites as bits (suite type n of 00-0f-ac is bit n). */
enum {
	CIPHER_WEP40 = 1u << 1,
	CIPHER_TKIP = 1u << 2,
	CIPHER_CCMP = 1u << 4,
	CIPHER_WEP104 = 1u << 5,
	CIPHER_GCMP = 1u << 8,
	CIPHER_GCMP256 = 1u << 9,
	CIPHER_CCMP256 = 1u << 10,
	CIPHER_OTHER = 1u << 31,
};

/* RSN (element 48) or WPA (vendor 00-50-f2 type 1): what the BSS offers. */
struct ies_security {
	bool present;
	uint16_t version;     /* 1 */
	uint32_t group;       /* CIPHER_* bit of the group cipher */
	uint32_t pairwise;    /* CIPHER_* bits */
	uint32_t akm;         /* AKM_* bits */
	uint16_t capabilities;/* RSN capabilities field, 0 if absent */
};

enum ies_ap_name_source { AP_NAME_NONE, AP_NAME_CISCO_CCX1, AP_NAME_ARUBA };

struct ies {
	/* SSID (element 0) */
	bool has_ssid;
	uint8_t ssid_len;          /* bytes, 0..32 */
	uint8_t ssid[32];          /* as broadcast: not NUL-terminated, may be any bytes */
	bool ssid_hidden;          /* length 0 or all bytes zero */

	int ds_channel;            /* DS Parameter Set current channel, 0 if absent */

	/* Country (element 7) */
	char country[3];           /* "GB", NUL-terminated; "" if absent */

	/* BSS Load (element 11) */
	bool has_bss_load;
	uint16_t bss_stations;     /* station count */
	uint8_t bss_utilisation;   /* channel busy, in 1/255 */
	uint16_t bss_admission;    /* available admission capacity, 32 µs/s units */

	/* HT Operation (element 61) */
	bool has_ht;
	uint8_t ht_primary;        /* primary channel number */
	uint8_t ht_secondary;      /* 0 none, 1 above, 3 below */
	bool ht_any_width;         /* STA Channel Width: 40 MHz allowed */

	/* VHT Operation (element 192) */
	bool has_vht;
	uint8_t vht_width;         /* 0 = 20/40, 1 = 80/160/80+80, 2 = 160 (old), 3 = 80+80 (old) */
	uint8_t vht_seg0, vht_seg1;/* centre channel numbers */

	/* HE Operation (extension 36) and its 6 GHz Operation Information */
	bool has_he;
	bool has_he_6ghz;
	uint8_t he6_primary;       /* primary channel number */
	uint8_t he6_width;         /* 0 = 20, 1 = 40, 2 = 80, 3 = 160 or 80+80 */
	uint8_t he6_seg0, he6_seg1;

	/* EHT Operation (extension 106) */
	bool has_eht;
	bool has_eht_info;         /* the Operation Information field was present */
	uint8_t eht_width;         /* 0 = 20, 1 = 40, 2 = 80, 3 = 160, 4 = 320 */
	uint8_t eht_ccfs0, eht_ccfs1;

	struct ies_security rsn;
	struct ies_security wpa;

	/*
	 * Configured AP name: its bytes as sent, up to the first NUL (the
	 * vendor's padding) and at most 32 (ap_name_raw/ap_name_len; show them
	 * through scanner/ssid.h), and a printable-ASCII summary (ap_name: other
	 * bytes as '?', trailing spaces dropped, NUL-terminated; "" if none).
	 */
	char ap_name[33];
	uint8_t ap_name_raw[32];
	uint8_t ap_name_len;
	enum ies_ap_name_source ap_name_source;

	/* What the walk saw. */
	unsigned n_elements;       /* elements read (all ids) */
	unsigned n_malformed;      /* known elements whose length broke their rule */
	bool truncated;            /* the last element ran past the buffer */
};

/**
 * ies_parse() - parse the element list @buf/@len into @out (zeroed first).
 * Returns 0, or -EINVAL when the list was truncated (everything before the
 * cut is still in @out). Malformed single elements do not fail the parse.
 */
int ies_parse(const uint8_t *buf, size_t len, struct ies *out);

/**
 * ies_channel() - the primary channel number, occupied width (MHz: 20, 40, 80,
 * 160, 320) and centre frequency (MHz) of a BSS whose primary is at @freq_mhz,
 * from its operation elements (EHT > HE 6 GHz > VHT > HT). Without any, a
 * 20 MHz channel centred on @freq_mhz.
 */
void ies_channel(const struct ies *ie, int freq_mhz, int *channel, int *width_mhz,
		 int *center_mhz);

/**
 * ies_security_name() - a short stable name for what the BSS requires:
 * "open", "owe", "wep", "wpa-psk", "wpa-eap", "wpa2-psk", "wpa2-eap",
 * "wpa2/wpa3-psk" (transition), "wpa3-sae", "wpa3-eap", "wpa3-eap-192".
 * @privacy is the Privacy bit of the capability field. Returns a static string.
 */
const char *ies_security_name(const struct ies *ie, bool privacy);

/**
 * ies_ssid_string() - the SSID as a C string into @buf (>= 33 bytes); NUL
 * bytes end it. For anything shown or stored, use the bytes (ssid/ssid_len)
 * through scanner/ssid.h instead: this loses what follows a NUL.
 */
char *ies_ssid_string(const struct ies *ie, char *buf, size_t len);

/** freq_to_channel() - the channel number of @freq_mhz (2.4, 5, 6 GHz, 60 GHz), 0 if none. */
int freq_to_channel(int freq_mhz);

/** channel_to_freq() - the centre frequency of @channel in the band of @band_freq_mhz. */
int channel_to_freq(int channel, int band_freq_mhz);

#endif
