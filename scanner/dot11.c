/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dot11.c — the 802.11 header and AP frames' fixed fields (see dot11.h).
 */
#include "scanner/dot11.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "util/cursor.h"

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

uint32_t dot11_crc32(const uint8_t *buf, size_t len)
{
	uint32_t c = 0xffffffffu;

	pthread_once(&crc_once, crc_init);
	for (size_t i = 0; i < len; i++)
		c = crc_table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

int dot11_parse_ap_frame(const uint8_t *frame, size_t len, bool has_fcs,
			 struct dot11_ap_frame *out, struct ns_err *err)
{
	struct cursor c;
	uint16_t fc;
	int type, subtype;

	memset(out, 0, sizeof(*out));
	cur_init(&c, frame, len);
	if (has_fcs) {
		struct cursor whole = c;
		uint32_t fcs;

		/* the frame proper, then its last 4 bytes: the FCS */
		if (len < 4 + 2 || cur_sub(&whole, len - 4, &c) || cur_u32le(&whole, &fcs))
			return ns_err_set(err, -EINVAL,
					  "the 802.11 frame (%zu bytes) is too short to hold its FCS", len);
		if (fcs != dot11_crc32(frame, len - 4))
			return DOT11_BAD_FCS;
	}
	if (cur_u16le(&c, &fc))
		return ns_err_set(err, -EINVAL, "the 802.11 frame is cut short before its frame control");
	if ((fc & 0x0003) != 0)
		return ns_err_set(err, -EINVAL, "802.11 protocol version %u is not known (only 0 is)",
				  fc & 0x0003);
	type = (fc >> 2) & 0x3;
	subtype = (fc >> 4) & 0xf;
	/* Privacy: anything but an AP's beacon or probe response is refused unread. */
	if (type != DOT11_TYPE_MGMT ||
	    (subtype != DOT11_SUBTYPE_BEACON && subtype != DOT11_SUBTYPE_PROBE_RESP))
		return DOT11_NOT_AP;
	out->subtype = subtype;
	/* duration, addr1 (the receiver: a client for a probe response — skipped, never
	 * copied), addr2 (the transmitter: the AP), addr3 (the BSSID), sequence control */
	if (cur_skip(&c, 2 + 6 + 6) || cur_copy(&c, out->bssid, 6) || cur_skip(&c, 2))
		return ns_err_set(err, -EINVAL, "the 802.11 management header is cut short (%zu bytes)",
				  len);
	if (fc & 0x8000) /* +HTC: an HT control field follows the header */
		if (cur_skip(&c, 4))
			return ns_err_set(err, -EINVAL, "the 802.11 HT control field is cut short");
	if (cur_u64le(&c, &out->tsf_us) || cur_u16le(&c, &out->beacon_interval_tu) ||
	    cur_u16le(&c, &out->capabilities))
		return ns_err_set(err, -EINVAL,
				  "the %s's fixed fields (timestamp, interval, capabilities) are cut short",
				  subtype == DOT11_SUBTYPE_BEACON ? "beacon" : "probe response");
	if (!(out->capabilities & DOT11_CAP_ESS) || (out->capabilities & DOT11_CAP_IBSS)) {
		/* IBSS or mesh: sent by stations, not an AP (privacy) */
		memset(out, 0, sizeof(*out));
		return DOT11_NOT_AP;
	}
	out->ies = cur_ptr(&c);
	out->ies_len = cur_left(&c);
	return DOT11_AP_FRAME;
}
