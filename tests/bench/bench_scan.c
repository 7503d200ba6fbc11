/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_scan.c — how long notspot takes to read what the kernel sends:
 *  1. a 300-BSS scan dump (kernel-exact messages with a realistic ~230-byte
 *     element list each, 10 BSSes per datagram) through nl80211_send_and_recv,
 *     the BSS policy and the IE parser;
 *  2. one link poll (GET_STATION reply with rates and chains) parsed and
 *     turned into a survey link row.
 * The transport is the test fake (no kernel here), so the figures are the
 * parsing cost, not the kernel's. Prints figures; asserts nothing about time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/nl80211.h>

#include "scanner/sampler.h"
#include "scanner/scan.h"
#include "scanner/station.h"
#include "tests/support/nl_fake.h"

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A beacon's worth of elements: SSID, rates, DS, TIM, country, BSS Load,
 * HT capabilities/operation, RSN, extended capabilities, VHT, WMM, Cisco name. */
static size_t realistic_ies(uint8_t *b, int k)
{
	size_t n = 0;
	char ssid[20];
	int len = snprintf(ssid, sizeof(ssid), "NHS-Ward-%03d", k);

	b[n++] = 0; b[n++] = (uint8_t)len; memcpy(b + n, ssid, (size_t)len); n += (size_t)len;
	memcpy(b + n, (uint8_t[]){ 1, 8, 0x8c, 0x12, 0x98, 0x24, 0xb0, 0x48, 0x60, 0x6c }, 10); n += 10;
	memcpy(b + n, (uint8_t[]){ 3, 1, 36 }, 3); n += 3;
	memcpy(b + n, (uint8_t[]){ 5, 4, 0, 1, 0, 0 }, 6); n += 6;
	memcpy(b + n, (uint8_t[]){ 7, 6, 'G', 'B', ' ', 36, 4, 23 }, 8); n += 8;
	memcpy(b + n, (uint8_t[]){ 11, 5, (uint8_t)k, 0, (uint8_t)(k * 7), 0, 0 }, 7); n += 7;
	b[n++] = 45; b[n++] = 26; memset(b + n, 0x11, 26); n += 26;
	b[n++] = 61; b[n++] = 22; memset(b + n, 0, 22); b[n] = 36; b[n + 1] = 0x05; n += 22;
	memcpy(b + n, (uint8_t[]){ 48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0,
				   0, 0x0f, 0xac, 1, 0x28, 0 }, 22); n += 22;
	b[n++] = 127; b[n++] = 8; memset(b + n, 0x04, 8); n += 8;
	b[n++] = 191; b[n++] = 12; memset(b + n, 0x22, 12); n += 12;
	memcpy(b + n, (uint8_t[]){ 192, 5, 1, 42, 0, 0xfc, 0xff }, 7); n += 7;
	b[n++] = 221; b[n++] = 24; memcpy(b + n, (uint8_t[]){ 0, 0x50, 0xf2, 2, 1, 1 }, 6);
	memset(b + n + 6, 0x03, 18); n += 24;
	b[n++] = 133; b[n++] = 30; memset(b + n, 0, 30); memcpy(b + n + 10, "AP-WARD-07", 10); n += 30;
	return n;
}

static void queue_dump(int nbss)
{
	uint8_t ies[512];

	for (int i = 0; i < nbss; i++) {
		struct nl_build_bss b;
		if (i % 10 == 0)
			nl_fake_datagram();
		nl_build_bss_defaults(&b, (uint8_t)i);
		b.bssid[4] = (uint8_t)(i >> 8);
		b.freq = i % 2 ? 5180 : 2412;
		b.signal_mbm = -3000 - 20 * i;
		b.ies = ies;
		b.ies_len = realistic_ies(ies, i);
		nl_fake_add(nl_build_bss(&b, 3, NLM_F_MULTI));
	}
	nl_fake_add_done(0);
}

static void queue_station(void)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_STATION, NLM_F_MULTI);
	struct nlattr *si, *r, *ch;

	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	nla_put(msg, NL80211_ATTR_MAC, 6, "\x02\x00\x00\x00\x00\x01");
	si = nla_nest_start(msg, NL80211_ATTR_STA_INFO);
	nla_put_u32(msg, NL80211_STA_INFO_INACTIVE_TIME, 40);
	nla_put_u64(msg, NL80211_STA_INFO_RX_BYTES64, 123456789);
	nla_put_u64(msg, NL80211_STA_INFO_TX_BYTES64, 23456789);
	nla_put_u32(msg, NL80211_STA_INFO_RX_PACKETS, 4000);
	nla_put_u32(msg, NL80211_STA_INFO_TX_PACKETS, 3000);
	nla_put_u32(msg, NL80211_STA_INFO_TX_RETRIES, 12);
	nla_put_u32(msg, NL80211_STA_INFO_TX_FAILED, 1);
	nla_put_u32(msg, NL80211_STA_INFO_BEACON_LOSS, 0);
	nla_put_u8(msg, NL80211_STA_INFO_SIGNAL, (uint8_t)-61);
	nla_put_u8(msg, NL80211_STA_INFO_SIGNAL_AVG, (uint8_t)-62);
	nla_put_u8(msg, NL80211_STA_INFO_BEACON_SIGNAL_AVG, (uint8_t)-60);
	ch = nla_nest_start(msg, NL80211_STA_INFO_CHAIN_SIGNAL);
	nla_put_u8(msg, 0, (uint8_t)-61);
	nla_put_u8(msg, 1, (uint8_t)-64);
	nla_nest_end(msg, ch);
	for (int a = NL80211_STA_INFO_TX_BITRATE; a; a = a == NL80211_STA_INFO_TX_BITRATE ? NL80211_STA_INFO_RX_BITRATE : 0) {
		r = nla_nest_start(msg, a);
		nla_put_u32(msg, NL80211_RATE_INFO_BITRATE32, 8667);
		nla_put_u16(msg, NL80211_RATE_INFO_BITRATE, 8667);
		nla_put_flag(msg, NL80211_RATE_INFO_80_MHZ_WIDTH);
		nla_put_u8(msg, NL80211_RATE_INFO_VHT_MCS, 9);
		nla_put_u8(msg, NL80211_RATE_INFO_VHT_NSS, 2);
		nla_put_flag(msg, NL80211_RATE_INFO_SHORT_GI);
		nla_nest_end(msg, r);
	}
	nla_put_u32(msg, NL80211_STA_INFO_CONNECTED_TIME, 600);
	nla_put_u32(msg, NL80211_STA_INFO_EXPECTED_THROUGHPUT, 400000);
	nla_nest_end(msg, si);
	nl_fake_datagram();
	nl_fake_add(msg);
	nl_fake_add_done(0);
}

int main(void)
{
	struct nl80211 nl;
	enum { DUMPS = 50, NBSS = 300, POLLS = 20000 };
	double t0, parse_s = 0, build_s = 0;
	size_t got = 0;

	for (int r = 0; r < DUMPS; r++) {
		struct wifi_scan_result res = { 0 };
		nl_fake_open(&nl);
		t0 = cpu_s();
		queue_dump(NBSS);
		build_s += cpu_s() - t0;
		t0 = cpu_s();
		if (wifi_scan_dump(&nl, 3, &res, NULL) < 0) {
			fprintf(stderr, "bench_scan: the dump failed\n");
			return 1;
		}
		parse_s += cpu_s() - t0;
		got = res.n;
		wifi_scan_result_release(&res);
		nl80211_close(&nl);
	}
	printf("scan dump: %zu BSSes (~%zu-byte element lists, 10 per datagram): %.3f ms CPU to "
	       "receive and parse (mean of %d; building the crafted messages: %.3f ms)\n",
	       got, realistic_ies((uint8_t[512]){ 0 }, 1), 1e3 * parse_s / DUMPS, DUMPS,
	       1e3 * build_s / DUMPS);
	printf("scan dump: %.2f us per BSS\n", 1e6 * parse_s / DUMPS / NBSS);

	double poll_s = 0;
	nl_fake_open(&nl);
	for (int i = 0; i < POLLS; i++) {
		struct wifi_station st;
		struct meas_link l;
		struct wifi_iface w = { .freq_mhz = 5180 };
		queue_station();
		t0 = cpu_s();
		if (wifi_get_link(&nl, 3, &st, NULL) < 0) {
			fprintf(stderr, "bench_scan: the link poll failed\n");
			return 1;
		}
		sampler_link_from_station(&st, &w, -92, &l);
		poll_s += cpu_s() - t0;
		if (i % 50 == 49) { /* the fake's queue is bounded: renew it */
			nl80211_close(&nl);
			nl_fake_open(&nl);
		}
	}
	nl80211_close(&nl);
	printf("link poll: %.2f us CPU per poll (request, GET_STATION reply parse, link row; mean of %d)"
	       " = %.4f%% of one core at 5 Hz\n",
	       1e6 * poll_s / POLLS, POLLS, 100.0 * 5 * poll_s / POLLS);
	return 0;
}
