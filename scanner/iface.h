/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * iface.h — the machine's Wi-Fi interfaces and their radios, from nl80211
 * (NL80211_CMD_GET_INTERFACE dump, NL80211_CMD_GET_WIPHY split dump).
 * Needs no privileges.
 */
#ifndef NOTSPOT_SCANNER_IFACE_H
#define NOTSPOT_SCANNER_IFACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scanner/netlink.h"
#include "scanner/ssid.h"

struct wifi_iface {
	char name[17];          /* "wlp2s0" */
	int ifindex;
	int wiphy;              /* phy index, -1 if not given */
	uint64_t wdev;          /* wireless device id, 0 if not given */
	uint8_t mac[6];
	int iftype;             /* enum nl80211_iftype */
	bool has_ssid;          /* the kernel reported an SSID (an AP's; a connected station's on most kernels) */
	char ssid[WIFI_SSID_TEXT_SIZE]; /* its text (scanner/ssid.h); "" if none */
	uint8_t ssid_raw[WIFI_SSID_MAX]; /* its bytes, exactly */
	uint8_t ssid_len;
	int freq_mhz;           /* operating channel, 0 if none */
	int width_mhz;          /* 20, 40, 80, 160, 320 (and 5, 10, 1..16 for S1G); 0 if none */
	int center1_mhz;        /* centre of the channel, 0 if none */
	double txpower_dbm;     /* NAN if not reported */
};

/* Bands a radio supports (bit per enum nl80211_band: every band the kernel lists). */
enum { WIFI_BAND_2GHZ = 1 << 0, WIFI_BAND_5GHZ = 1 << 1, WIFI_BAND_60GHZ = 1 << 2,
       WIFI_BAND_6GHZ = 1 << 3, WIFI_BAND_S1GHZ = 1 << 4, WIFI_BAND_LC = 1 << 5 };

#define WIFI_PHY_MAX_FREQS 512

/* What the regulatory domain says of an enabled channel. */
enum { WIFI_CHAN_NO_IR = 1 << 0, /* no initiating radiation: scanned passively (no probes) */
       WIFI_CHAN_RADAR = 1 << 1  /* DFS: radar detection required, scanned passively */ };

struct wifi_phy {
	int wiphy;
	char name[32];          /* "phy0" */
	unsigned bands;         /* WIFI_BAND_* bits */
	size_t nfreqs;
	/* enabled channels in kernel order: centre MHz (an S1G channel's kHz
	 * part in freq_khz_offset), band index (enum nl80211_band), WIFI_CHAN_* flags */
	int freqs[WIFI_PHY_MAX_FREQS];
	uint16_t freq_khz_offset[WIFI_PHY_MAX_FREQS];
	uint8_t freq_band[WIFI_PHY_MAX_FREQS];
	uint8_t freq_flags[WIFI_PHY_MAX_FREQS];
};

/**
 * wifi_parse_interface() - fill @out from one GET_INTERFACE reply.
 * Returns 0, or -EINVAL when the message has no ifindex/name (a wdev-only
 * device such as a P2P-device, which has no netdev).
 */
int wifi_parse_interface(struct nl_msg *msg, struct wifi_iface *out);

/**
 * wifi_list_interfaces() - every Wi-Fi network interface, by ifindex.
 * *@out is malloc'd (free() it), *@n its length (0 is not an error).
 */
int wifi_list_interfaces(struct nl80211 *nl, struct wifi_iface **out, size_t *n,
			 struct ns_err *err);

/**
 * wifi_find_interface() - the Wi-Fi interface named @name. -ENODEV with
 * "there is no network interface named 'X'" or "'X' is not a wireless
 * interface (nl80211 does not know it)".
 */
int wifi_find_interface(struct nl80211 *nl, const char *name, struct wifi_iface *out,
			struct ns_err *err);

/**
 * wifi_default_interface() - the interface to measure with when none is named:
 * the first station-mode interface, a connected one first. -ENODEV if none.
 */
int wifi_default_interface(struct nl80211 *nl, struct wifi_iface *out, struct ns_err *err);

/** wifi_parse_phy() - add what one GET_WIPHY (split) reply says to @phy. */
int wifi_parse_phy(struct nl_msg *msg, struct wifi_phy *phy);

/** wifi_get_phy() - radio @wiphy's name, bands and enabled frequencies. */
int wifi_get_phy(struct nl80211 *nl, int wiphy, struct wifi_phy *phy, struct ns_err *err);

/**
 * wifi_band_name() - "2.4 GHz", "5 GHz", "60 GHz", "6 GHz", "S1G (900 MHz)",
 * "LC (light)" for an enum nl80211_band index; "band N" for one this
 * build does not know. wifi_band_id() - the same as a JSON word: "2.4GHz",
 * "5GHz", "60GHz", "6GHz", "S1GHz", "LC", "bandN". @buf (>= 16 bytes) holds
 * the "band N" forms; the result is @buf or a static string.
 */
const char *wifi_band_name(int band, char *buf, size_t len);
const char *wifi_band_id(int band, char *buf, size_t len);

/** wifi_iftype_name() - "managed", "AP", "monitor", … for enum nl80211_iftype. */
const char *wifi_iftype_name(int iftype);

/** wifi_chan_width_mhz() - MHz of an enum nl80211_chan_width, 0 if unknown. */
int wifi_chan_width_mhz(int nl_width);

#endif
