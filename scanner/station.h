/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * station.h — the link to the associated BSS, from NL80211_CMD_GET_STATION
 * (a station interface has one station entry: its AP). Needs no privileges.
 * Unknown values: INT_MIN for dBm, NAN for rates, -1 for counters/indices.
 */
#ifndef NOTSPOT_SCANNER_STATION_H
#define NOTSPOT_SCANNER_STATION_H

#include <stdbool.h>
#include <stdint.h>

#include "scanner/netlink.h"

#define WIFI_MAX_CHAINS 4

enum wifi_phy_mode { RATE_LEGACY, RATE_HT, RATE_VHT, RATE_HE, RATE_EHT };

struct wifi_rate {
	double mbps;            /* NL80211_RATE_INFO_BITRATE32 (or BITRATE) / 10; NAN if absent */
	enum wifi_phy_mode mode;
	int mcs;                /* MCS index, -1 for legacy or unknown */
	int nss;                /* spatial streams, 0 if unknown (HT: implied by the MCS) */
	int width_mhz;          /* 20 unless a width flag says 5/10/40/80/160/320 */
	int gi_ns;              /* guard interval: 800, 400 (short), 1600, 3200 */
};

struct wifi_station {
	uint8_t mac[6];                 /* the AP's BSSID for a station interface */
	int signal_dbm;                 /* last received PPDU, INT_MIN if unknown */
	int signal_avg_dbm;
	int beacon_signal_avg_dbm;
	int n_chains;                   /* entries in chain_signal_dbm */
	int chain_signal_dbm[WIFI_MAX_CHAINS];
	struct wifi_rate tx, rx;
	/*
	 * NL80211_STA_INFO_EXPECTED_THROUGHPUT / 1000, NAN if absent. The kernel
	 * defines the attribute in kbit/s (include/uapi/linux/nl80211.h: "expected
	 * throughput considering also the 802.11 header (u32, kbps)"), so this is
	 * Mbit/s of 1000 kbit/s. iw (station.c) divides by 1024 instead ("convert
	 * in Mbps but scale by 1000 to save kbps units": thr * 1000 / 1024, printed
	 * as thr / 1000 "." thr % 1000, the fraction without leading zeros): its
	 * figure is this one / 1.024. tests/e2e/hwsim_compare.py checks exactly that.
	 */
	double expected_mbps;
	int64_t tx_retries, tx_failed, beacon_loss;
	int64_t rx_bytes, tx_bytes, rx_packets, tx_packets;
	int64_t connected_s, inactive_ms;
};

/** wifi_parse_station() - fill @out from one GET_STATION reply; -EINVAL if it has no station. */
int wifi_parse_station(struct nl_msg *msg, struct wifi_station *out);

/**
 * wifi_get_link() - the station entry of interface @ifindex's AP.
 * -ENOTCONN (sentence "not associated") when the interface has no AP.
 */
int wifi_get_link(struct nl80211 *nl, int ifindex, struct wifi_station *out, struct ns_err *err);

#endif
