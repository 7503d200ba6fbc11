/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dot11.h — the 802.11 MAC header and the fixed fields of the frames an
 * access point sends (beacons, probe responses), from captured bytes.
 *
 * PRIVACY (hospital information governance): notspot keeps frames sent by
 * access points and nothing else. dot11_parse_ap_frame() accepts only beacons
 * and probe responses whose capability field says "ESS" (an infrastructure
 * AP; IBSS and mesh beacons, which stations send, are refused) and returns
 * the BSSID alone: the destination address of a probe response — the client
 * that asked — is never copied out of the frame, and data, control, probe
 * request, association and every other frame, which carry client addresses,
 * are refused before any address is read. No client MAC address reaches a
 * struct, a survey file or any output. (A phone sharing its connection is an
 * access point and is kept like one.) tests/test_capture.c checks this
 * against captures that contain client frames.
 *
 * IEEE Std 802.11-2020, 9.2.4 (frame control), 9.3.3.3 (beacon), 9.3.3.11
 * (probe response), 9.4.1.4 (capability information).
 */
#ifndef NOTSPOT_SCANNER_DOT11_H
#define NOTSPOT_SCANNER_DOT11_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define DOT11_TYPE_MGMT 0
#define DOT11_SUBTYPE_PROBE_RESP 5
#define DOT11_SUBTYPE_BEACON 8

#define DOT11_CAP_ESS 0x0001
#define DOT11_CAP_IBSS 0x0002
#define DOT11_CAP_PRIVACY 0x0010

/* What an AP frame says about its AP. Pointers point into the caller's buffer. */
struct dot11_ap_frame {
	int subtype;                /* DOT11_SUBTYPE_BEACON or DOT11_SUBTYPE_PROBE_RESP */
	uint8_t bssid[6];           /* the AP's BSSID (address 3) */
	uint64_t tsf_us;            /* the AP's timestamp field, µs */
	uint16_t beacon_interval_tu; /* 1 TU = 1024 µs */
	uint16_t capabilities;      /* DOT11_CAP_* */
	const uint8_t *ies;         /* the elements: the frame body after the fixed fields */
	size_t ies_len;             /* bytes at @ies (the FCS is not included) */
};

/* Why a frame was not taken, for counting. */
enum dot11_verdict {
	DOT11_AP_FRAME = 0,   /* a beacon or probe response from an AP: @out is filled */
	DOT11_NOT_AP = 1,     /* any other frame: dropped unread (privacy) */
	DOT11_BAD_FCS = 2,    /* the FCS does not match the frame: dropped */
};

/**
 * dot11_parse_ap_frame() - look at the 802.11 frame @frame of @len bytes;
 * @has_fcs: its last 4 bytes are the FCS (radiotap Flags), which is then
 * checked (CRC-32, IEEE 802.11 9.2.4.8) and excluded from the elements.
 * Returns a dot11_verdict (>= 0), or -EINVAL with a sentence for a frame
 * too short for what its header announces.
 */
int dot11_parse_ap_frame(const uint8_t *frame, size_t len, bool has_fcs,
			 struct dot11_ap_frame *out, struct ns_err *err);

/** dot11_crc32() - the IEEE 802.3 CRC-32 of @len bytes (the 802.11 FCS). */
uint32_t dot11_crc32(const uint8_t *buf, size_t len);

#endif
