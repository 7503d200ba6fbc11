/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * monitor.h — a monitor interface for passive capture, and channel hopping.
 *
 * A monitor interface hears every frame on the channel its radio is tuned
 * to; to hear every AP the radio hops through a channel list, dwelling on
 * each channel for a while (a beacon comes every ~102 ms, so a dwell of
 * 250 ms hears most APs at least twice). Everything goes through nl80211 via
 * scanner/netlink.h (the one way notspot talks to the kernel):
 *  - NL80211_CMD_NEW_INTERFACE (iftype monitor) on the wiphy of an existing
 *    interface creates one; NL80211_CMD_DEL_INTERFACE removes it;
 *  - NL80211_CMD_SET_WIPHY with NL80211_ATTR_WIPHY_FREQ tunes it (20 MHz,
 *    no HT: a beacon is always sent on the primary 20 MHz channel).
 * Creating, removing and tuning need CAP_NET_ADMIN; capturing needs CAP_NET_RAW.
 */
#ifndef NOTSPOT_SCANNER_MONITOR_H
#define NOTSPOT_SCANNER_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define MONITOR_MAX_CHANNELS 64

/* A channel list: frequencies to visit, in order. */
struct monitor_channels {
	int freq_mhz[MONITOR_MAX_CHANNELS];
	size_t n;
};

/**
 * monitor_parse_channels() - "1,6,11,36" (channel numbers; 1–14 are 2.4 GHz,
 * 32–177 are 5 GHz; "6g:1" a 6 GHz channel) or frequencies ("2412,5180",
 * any number >= 2400 is a frequency in MHz) into @out.
 * Returns 0, or -EINVAL with a sentence naming the item that is not a channel.
 */
int monitor_parse_channels(const char *s, struct monitor_channels *out, struct ns_err *err);

/** monitor_default_channels() - 2.4 GHz 1–13 and the 5 GHz channels 36–165. */
void monitor_default_channels(struct monitor_channels *out);

/* The hop schedule: pure, so it can be tested without a radio. */
struct monitor_hopper {
	struct monitor_channels ch;
	int64_t dwell_us;          /* time on each channel, µs */
	size_t next;               /* index of the channel to tune next */
	int64_t due_us;            /* monotonic time of the next hop; 0: hop now */
};

/** monitor_hopper_init() - start at the first channel of @ch, dwelling @dwell_us. */
void monitor_hopper_init(struct monitor_hopper *h, const struct monitor_channels *ch,
			 int64_t dwell_us);

/**
 * monitor_hopper_due() - at monotonic time @now_us, the frequency to tune to
 * if a hop is due (and the schedule moves on), else 0.
 */
int monitor_hopper_due(struct monitor_hopper *h, int64_t now_us);

/** monitor_hopper_drop() - remove the channel @freq_mhz (the radio refused it). */
void monitor_hopper_drop(struct monitor_hopper *h, int freq_mhz);

struct monitor; /* opaque: an nl80211 socket and the interface it tunes */

/**
 * monitor_open() - use @ifname for capture. If it is already a monitor
 * interface it is used as is; otherwise, when @create_name is given, a
 * monitor interface of that name is created on the same radio (and removed by
 * monitor_close()) and brought up; otherwise -EINVAL says @ifname is not in
 * monitor mode. *@capture_if receives the name to capture on.
 */
int monitor_open(const char *ifname, const char *create_name, struct monitor **out,
		 char *capture_if, size_t capture_if_len, struct ns_err *err);

/** monitor_set_freq() - tune the radio to @freq_mhz (20 MHz, no HT). */
int monitor_set_freq(struct monitor *m, int freq_mhz, struct ns_err *err);

/** monitor_close() - remove the interface if monitor_open() created it; NULL is fine. */
void monitor_close(struct monitor *m);

#endif
