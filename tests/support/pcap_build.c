/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pcap_build.c — see pcap_build.h. Byte layouts: radiotap (radiotap.org:
 * flags, channel, antenna signal), IEEE 802.11-2020 9.3.3.3 (beacon), and the
 * pcap file format (global header, then a 16-byte record header per packet).
 */
#include "tests/support/pcap_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void le16(uint8_t *b, unsigned v)
{
	b[0] = v & 0xff;
	b[1] = (v >> 8) & 0xff;
}

static void le32(uint8_t *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[i] = (v >> (8 * i)) & 0xff;
}

void test_beacon(struct test_pkt *p, int64_t t_us, const uint8_t bssid[6], const void *ssid,
		 size_t ssid_len, int freq, int signal)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t *b = p->b;
	size_t n = 0;

	memset(p, 0, sizeof(*p));
	/* radiotap: version 0, length 15; flags, channel (2-aligned), antenna signal */
	le16(b + 2, 15);
	le32(b + 4, (1u << 1) | (1u << 3) | (1u << 5));
	le16(b + 10, (unsigned)freq);
	le16(b + 12, freq < 3000 ? 0x0080 : 0x0100);
	b[14] = (uint8_t)(int8_t)signal;
	n = 15;
	b[n] = 0x80; /* beacon */
	memcpy(b + n + 4, bcast, 6);
	memcpy(b + n + 10, bssid, 6);
	memcpy(b + n + 16, bssid, 6);
	n += 24 + 8;   /* header, timestamp */
	b[n++] = 100;  /* beacon interval */
	b[n++] = 0;
	b[n++] = 0x01; /* capability: ESS */
	b[n++] = 0x00;
	b[n++] = 0;    /* SSID element */
	b[n++] = (uint8_t)ssid_len;
	memcpy(b + n, ssid, ssid_len);
	n += ssid_len;
	b[n++] = 3;    /* DS parameter set */
	b[n++] = 1;
	b[n++] = (uint8_t)(freq < 3000 ? (freq - 2407) / 5 : (freq - 5000) / 5);
	p->len = n;
	p->t_us = t_us;
}

size_t test_pcap(const struct test_pkt *p, size_t n, uint8_t **out, size_t *offsets)
{
	size_t len = 24;
	uint8_t *b;

	for (size_t i = 0; i < n; i++)
		len += 16 + p[i].len;
	b = calloc(1, len);
	if (!b)
		abort();
	le32(b, 0xa1b2c3d4);   /* µs time stamps */
	le16(b + 4, 2);
	le16(b + 6, 4);
	le32(b + 16, 65535);   /* snaplen */
	le32(b + 20, 127);     /* DLT_IEEE802_11_RADIO */
	len = 24;
	for (size_t i = 0; i < n; i++) {
		if (offsets)
			offsets[i] = len;
		le32(b + len, (uint32_t)(p[i].t_us / 1000000));
		le32(b + len + 4, (uint32_t)(p[i].t_us % 1000000));
		le32(b + len + 8, (uint32_t)p[i].len);
		le32(b + len + 12, (uint32_t)p[i].len);
		memcpy(b + len + 16, p[i].b, p[i].len);
		len += 16 + p[i].len;
	}
	*out = b;
	return len;
}

void test_write_file(const char *path, const uint8_t *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
		abort();
}
