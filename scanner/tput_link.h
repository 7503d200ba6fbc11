/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tput_link.h — the nl80211 side of a throughput test: the scanner's station
 * poll (scanner/station) as a tput_link_read_fn, so a test on a Wi-Fi
 * interface also records the driver's expected throughput and the byte
 * counters over the test, and a test while not associated is not run.
 */
#ifndef NOTSPOT_SCANNER_TPUT_LINK_H
#define NOTSPOT_SCANNER_TPUT_LINK_H

#include <stdbool.h>

#include "scanner/iface.h"
#include "scanner/netlink.h"
#include "measure/measure.h"
#include "util/err.h"

struct tput_station {
	struct nl80211 *nl;     /* borrowed, or owned when @own_nl */
	struct nl80211 own;
	bool own_nl;
	struct wifi_iface iface;
};

/**
 * tput_station_open() - find Wi-Fi interface @ifname on @nl (NULL: open our
 * own nl80211 socket). -ENODEV with a sentence when @ifname is not a Wi-Fi
 * interface (e.g. "lo" or a wired NIC): then there is no link side.
 */
int tput_station_open(struct tput_station *ts, struct nl80211 *nl, const char *ifname,
		      struct ns_err *err);

/** tput_station_close() - release what tput_station_open() took; zeroed is fine. */
void tput_station_close(struct tput_station *ts);

/**
 * tput_station_read() - a tput_link_read_fn: @arg is a struct tput_station.
 * Fills @out from NL80211_CMD_GET_STATION; -ENOTCONN when not associated.
 */
int tput_station_read(void *arg, struct meas_link *out, struct ns_err *err);

#endif
