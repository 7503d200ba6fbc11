/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * nl_fake.h — a kernel on the other end of a libnl socket, for tests.
 *
 * nl_fake_socket() returns a real struct nl_sock whose send and receive are
 * replaced (nl_cb_overwrite_send/recv on the socket's own callbacks, which
 * scanner/netlink.c clones for every request). Tests queue the datagrams the
 * kernel would send — built with the nl_build_*() helpers exactly as
 * net/wireless/nl80211.c builds them — and then call the scanner. Sequence
 * numbers are stamped at receive time with the last request's.
 * One fake per test process (state is global: this is test support).
 */
#ifndef NOTSPOT_TESTS_SUPPORT_NL_FAKE_H
#define NOTSPOT_TESTS_SUPPORT_NL_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "scanner/netlink.h"

#define NL_FAKE_FAMILY 0x1c /* any id: the fake does not care */

/** nl_fake_open() - reset the fake and fill @nl with a fake socket (nl80211_close() frees it). */
void nl_fake_open(struct nl80211 *nl);

/** nl_fake_datagram() - start a new datagram (one recv()) in the reply queue. */
void nl_fake_datagram(void);
/** nl_fake_add() - append @msg (freed) to the current datagram. */
void nl_fake_add(struct nl_msg *msg);
/** nl_fake_add_done() - append NLMSG_DONE (flags NLM_F_MULTI | @extra_flags). */
void nl_fake_add_done(int extra_flags);
/** nl_fake_add_error() - append NLMSG_ERROR @error (negative errno; 0 = ack), with @extack text if not NULL. */
void nl_fake_add_error(int error, const char *extack);

/** nl_fake_sent() - how many requests were sent; nl_fake_last_sent() - a copy of the last (owned by the fake). */
int nl_fake_sent_count(void);
struct nl_msg *nl_fake_last_sent(void);
/** nl_fake_pending() - datagrams not yet read. */
size_t nl_fake_pending(void);

/* ---- kernel-exact nl80211 messages ---------------------------------------- */

/*
 * A whole dump queued as one reply, for tests of the sampling loop:
 * nl_fake_queue_wlan0() - the interface dump: wlan0 (ifindex 3), a station on
 * "ward-open", 2412 MHz; nl_fake_queue_station() - the station dump of its AP
 * 02:00:00:00:00:00 at @signal_dbm.
 */
void nl_fake_queue_wlan0(void);
void nl_fake_queue_station(int signal_dbm);

/** nl_build_genl() - an nl80211 message header for @cmd with @flags (NLM_F_MULTI for dump parts). */
struct nl_msg *nl_build_genl(uint8_t cmd, int flags);

struct nl_build_bss {
	uint8_t bssid[6];
	int bssid_len;          /* 6 unless testing a short attribute; 0 = leave it out */
	uint32_t freq;          /* 0 = leave it out */
	int signal_mbm;
	bool no_signal;
	int seen_ms_ago;        /* -1 = leave it out */
	int status;             /* enum nl80211_bss_status, -1 = leave it out */
	uint16_t capability;
	uint16_t beacon_interval;
	const uint8_t *ies;     /* probe-response elements (NULL = none) */
	size_t ies_len;
	const uint8_t *beacon_ies;
	size_t beacon_ies_len;
};

/** nl_build_bss_defaults() - an open BSS on 2412 MHz at -50 dBm, seen 10 ms ago. */
void nl_build_bss_defaults(struct nl_build_bss *b, uint8_t last_octet);

/** nl_build_bss() - NL80211_CMD_NEW_SCAN_RESULTS as nl80211_send_bss() builds it. */
struct nl_msg *nl_build_bss(const struct nl_build_bss *b, int ifindex, int flags);

/** nl_build_ies() - SSID + DS + BSS Load elements for @ssid into @buf; returns the length. */
size_t nl_build_ies(uint8_t *buf, size_t cap, const char *ssid, uint8_t channel);

#endif
