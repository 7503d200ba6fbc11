/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scan.h — trigger a scan, wait for its result event, dump the BSS table.
 *
 * NL80211_CMD_TRIGGER_SCAN needs CAP_NET_ADMIN; the dump (NL80211_CMD_GET_SCAN)
 * does not. wifi_scan() falls back to the kernel's cached results with a
 * warning when a trigger is not permitted, retries a busy radio (-EBUSY) with
 * back-off, retries an interrupted dump, and marks results that were not seen
 * since the scan began as stale.
 */
#ifndef NOTSPOT_SCANNER_SCAN_H
#define NOTSPOT_SCANNER_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scanner/iface.h"
#include "scanner/ies.h"
#include "scanner/netlink.h"
#include "scanner/ssid.h"

struct wifi_bss {
	uint8_t bssid[6];
	/* The SSID: its bytes as broadcast, and the text to show and match
	 * (scanner/ssid.h: the bytes when printable UTF-8, else escaped); "" if hidden. */
	char ssid[WIFI_SSID_TEXT_SIZE];
	uint8_t ssid_raw[WIFI_SSID_MAX];
	uint8_t ssid_len;       /* 0..32 */
	bool ssid_escaped;      /* ssid is an escaped rendering, not the bytes */
	bool hidden;            /* no SSID element, a zero-length one, or all zero bytes */
	int freq_mhz;           /* primary channel centre */
	int channel;            /* primary channel number, 0 if unknown */
	int width_mhz;          /* from HT/VHT/HE/EHT operation; 20 without them */
	int center_mhz;         /* centre of the occupied width */
	double signal_dbm;      /* NL80211_BSS_SIGNAL_MBM / 100; NAN if the driver gives none */
	int signal_unspec;      /* NL80211_BSS_SIGNAL_UNSPEC 0..100, -1 if absent */
	int seen_ms_ago;        /* age of the entry when dumped, -1 if unknown */
	bool associated;        /* NL80211_BSS_STATUS says associated */
	bool stale;             /* not seen since the reference time (see wifi_scan_mark_stale) */
	uint16_t capability;    /* capability information field */
	uint16_t beacon_interval; /* TU, 0 if unknown */
	int bss_stations;       /* BSS Load station count, -1 if not advertised */
	double bss_utilisation; /* BSS Load utilisation 0..1, NAN if not advertised */
	const char *security;   /* static name from ies_security_name() */
	char country[3];        /* "" if not advertised */
	/* The AP name of a vendor element: its bytes, and their text as for the SSID; "" if none. */
	char ap_name[WIFI_SSID_TEXT_SIZE];
	uint8_t ap_name_raw[WIFI_SSID_MAX];
	uint8_t ap_name_len;
	struct ies ies;         /* everything the elements said */
};

/* Capability bits (802.11-2020 9.4.1.4). */
enum { BSS_CAP_ESS = 1 << 0, BSS_CAP_IBSS = 1 << 1, BSS_CAP_PRIVACY = 1 << 4,
       BSS_CAP_SHORT_PREAMBLE = 1 << 5, BSS_CAP_SPECTRUM_MGMT = 1 << 8,
       BSS_CAP_SHORT_SLOT = 1 << 10, BSS_CAP_RADIO_MEASURE = 1 << 12 };

struct wifi_scan_result {
	struct wifi_bss *bss;   /* owned; wifi_scan_result_release() frees it */
	size_t n, cap;
	unsigned skipped;       /* entries without a usable BSSID or frequency */
	bool cached;            /* no scan was triggered: these are the kernel's cached results */
	char warning[160];      /* why results are cached, "" otherwise */
	int64_t t_us, mono_us;  /* wall/monotonic clock when the dump completed */
};

void wifi_scan_result_release(struct wifi_scan_result *r);

struct wifi_scan_params {
	const int *freqs;       /* MHz to scan; NULL/0 = every channel */
	size_t nfreqs;
	bool passive;           /* no probe requests (no SSID list) */
	bool flush;             /* drop the kernel's old results first (NL80211_SCAN_FLAG_FLUSH) */
	bool no_trigger;        /* dump the cache only */
	int timeout_ms;         /* wait for the results event; 0 = 10000 (wifi_scan_timeout_ms() sizes it) */
	int busy_retries;       /* -EBUSY retries (back-off 100 ms doubling); 0 = 5 */
};

/**
 * wifi_parse_bss() - fill @out from one GET_SCAN reply. -EINVAL when it has
 * no BSS, no 6-byte BSSID or no frequency (the dump skips it).
 */
int wifi_parse_bss(struct nl_msg *msg, struct wifi_bss *out);

/**
 * wifi_scan_event() - classify a message on the "scan" multicast group for
 * interface @ifindex: 1 results are ready, -ECANCELED the scan was aborted,
 * 0 anything else (another interface, the trigger's own notification).
 */
int wifi_scan_event(struct nl_msg *msg, int ifindex);

/** wifi_scan_dump() - the kernel's BSS table for @ifindex into @res (emptied first). */
int wifi_scan_dump(struct nl80211 *nl, int ifindex, struct wifi_scan_result *res,
		   struct ns_err *err);

/**
 * wifi_scan_listen() - a non-blocking socket subscribed to nl80211's "scan"
 * multicast group (open it before triggering). Free with nl_socket_free().
 */
int wifi_scan_listen(struct nl80211 *nl, struct nl_sock **ev, struct ns_err *err);

/** wifi_scan_request() - send one trigger and return (no retry, no wait); -EBUSY if busy. */
int wifi_scan_request(struct nl80211 *nl, int ifindex, const struct wifi_scan_params *p,
		      struct ns_err *err);

/**
 * wifi_scan_read_events() - read what is queued on @ev without blocking:
 * 1 results ready for @ifindex, -ECANCELED aborted, 0 nothing for it yet.
 */
int wifi_scan_read_events(struct nl_sock *ev, int ifindex);

/**
 * wifi_scan_trigger() - start a scan (retrying -EBUSY with back-off) and wait
 * for its results event up to @p->timeout_ms.
 */
int wifi_scan_trigger(struct nl80211 *nl, int ifindex, const struct wifi_scan_params *p,
		      struct ns_err *err);

/**
 * wifi_scan_abort() - NL80211_CMD_ABORT_SCAN: stop the scan running on
 * @ifindex (the kernel then sends SCAN_ABORTED). -ENOENT if none is running.
 */
int wifi_scan_abort(struct nl80211 *nl, int ifindex, struct ns_err *err);

/**
 * wifi_scan_timeout_ms() - how long a scan of @freqs (@nfreqs; 0 = every
 * enabled channel of @phy) may take before it is taken to have hung, ms:
 * 2 s plus 200 ms per active and 500 ms per passive channel (no-IR or DFS,
 * where the radio only listens). mac80211 dwells about 30 ms on an active
 * channel and 111 ms on a passive one (IEEE80211_CHANNEL_TIME,
 * IEEE80211_PASSIVE_CHANNEL_TIME); the margin covers channel switching and
 * slow or virtual machines. A frequency @phy does not list counts as
 * passive; without @phy a full scan is sized for 40 passive channels.
 * *@nchannels (may be NULL) gets the channel count.
 */
int wifi_scan_timeout_ms(const struct wifi_phy *phy, const int *freqs, size_t nfreqs,
			 int *nchannels);

/**
 * wifi_scan() - trigger (unless @p->no_trigger), wait, dump. A trigger refused
 * for lack of privilege (-EPERM/-EACCES) is not an error: the cached results
 * are returned with res->cached and res->warning set. A scan that does not
 * finish within @p->timeout_ms is aborted (wifi_scan_abort()), so the radio
 * is not left busy for the next scan, and fails with -ETIMEDOUT. Results not
 * seen since the trigger are marked stale.
 */
int wifi_scan(struct nl80211 *nl, int ifindex, const struct wifi_scan_params *p,
	      struct wifi_scan_result *res, struct ns_err *err);

/**
 * wifi_scan_mark_stale() - mark entries last seen before @since_mono_us
 * (monotonic µs) as stale, using each entry's age at res->mono_us.
 */
void wifi_scan_mark_stale(struct wifi_scan_result *res, int64_t since_mono_us);

/** wifi_parse_freq_list() - "2412,2437,5180" into @out (at most @max): the count, or -EINVAL. */
int wifi_parse_freq_list(const char *s, int *out, size_t max);

/** wifi_bss_ap_key() - group key of the physical AP: BSSID with the locally-administered bit and the last nibble cleared. */
uint64_t wifi_bss_ap_key(const uint8_t bssid[6]);

#endif
