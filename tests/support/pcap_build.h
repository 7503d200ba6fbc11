/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pcap_build.h — capture files made by tests: beacons with a radiotap header
 * (flags, channel, antenna signal) as a monitor interface records them, in
 * the classic pcap format (DLT_IEEE802_11_RADIO), in memory so a test can
 * cut or damage the bytes before it reads them.
 */
#ifndef NOTSPOT_TESTS_SUPPORT_PCAP_BUILD_H
#define NOTSPOT_TESTS_SUPPORT_PCAP_BUILD_H

#include <stddef.h>
#include <stdint.h>

struct test_pkt {
	uint8_t b[256];
	size_t len;
	int64_t t_us;
};

/** test_beacon() - a beacon from @bssid with SSID @ssid (@ssid_len bytes) on @freq at @signal dBm. */
void test_beacon(struct test_pkt *p, int64_t t_us, const uint8_t bssid[6], const void *ssid,
		 size_t ssid_len, int freq, int signal);

/**
 * test_pcap() - @n packets as a classic pcap file (µs time stamps) into a
 * malloc'd buffer (*@out, free() it). Returns its length. *@offsets (may
 * be NULL; @n entries) gets where each packet's 16-byte record header starts.
 */
size_t test_pcap(const struct test_pkt *p, size_t n, uint8_t **out, size_t *offsets);

/** test_write_file() - @len bytes of @buf as the file @path (the test fails if it cannot). */
void test_write_file(const char *path, const uint8_t *buf, size_t len);

#endif
