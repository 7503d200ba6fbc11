/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_nl80211_parse.c — each nl80211 reply parser against messages built
 * with libnl the way net/wireless/nl80211.c builds them: nested attributes,
 * signed values carried in unsigned attributes, BITRATE32 next to the 16-bit
 * BITRATE, missing and short attributes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include <linux/nl80211.h>

#include "scanner/chansurvey.h"
#include "scanner/iface.h"
#include "scanner/sampler.h"
#include "scanner/scan.h"
#include "scanner/station.h"
#include "tests/support/nl_fake.h"

static const uint8_t AP[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

/* A station reply with a TX_BITRATE nest; @rate_fill adds the rate attributes. */
static struct nl_msg *station_msg(void (*rate_fill)(struct nl_msg *), bool with_signal)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_STATION, NLM_F_MULTI);
	struct nlattr *sinfo, *rate, *chain;

	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	nla_put(msg, NL80211_ATTR_MAC, 6, AP);
	nla_put_u32(msg, NL80211_ATTR_GENERATION, 2);
	sinfo = nla_nest_start(msg, NL80211_ATTR_STA_INFO);
	nla_put_u32(msg, NL80211_STA_INFO_INACTIVE_TIME, 40);
	nla_put_u32(msg, NL80211_STA_INFO_RX_BYTES, 1000);
	nla_put_u64(msg, NL80211_STA_INFO_RX_BYTES64, 5000000000ULL);
	nla_put_u32(msg, NL80211_STA_INFO_TX_BYTES, 2000);
	nla_put_u32(msg, NL80211_STA_INFO_RX_PACKETS, 77);
	nla_put_u32(msg, NL80211_STA_INFO_TX_PACKETS, 66);
	nla_put_u32(msg, NL80211_STA_INFO_TX_RETRIES, 5);
	nla_put_u32(msg, NL80211_STA_INFO_TX_FAILED, 1);
	nla_put_u32(msg, NL80211_STA_INFO_BEACON_LOSS, 2);
	nla_put_u32(msg, NL80211_STA_INFO_CONNECTED_TIME, 3600);
	nla_put_u32(msg, NL80211_STA_INFO_EXPECTED_THROUGHPUT, 123456); /* kbit/s */
	if (with_signal) {
		/* s8 dBm in a u8, as nla_put_u8(msg, ..., sinfo->signal) */
		nla_put_u8(msg, NL80211_STA_INFO_SIGNAL, (uint8_t)(int8_t)-67);
		nla_put_u8(msg, NL80211_STA_INFO_SIGNAL_AVG, (uint8_t)(int8_t)-70);
		nla_put_u8(msg, NL80211_STA_INFO_BEACON_SIGNAL_AVG, (uint8_t)(int8_t)-71);
		chain = nla_nest_start(msg, NL80211_STA_INFO_CHAIN_SIGNAL);
		nla_put_u8(msg, 0, (uint8_t)(int8_t)-68);
		nla_put_u8(msg, 1, (uint8_t)(int8_t)-72);
		nla_nest_end(msg, chain);
	}
	if (rate_fill) {
		rate = nla_nest_start(msg, NL80211_STA_INFO_TX_BITRATE);
		rate_fill(msg);
		nla_nest_end(msg, rate);
	}
	nla_nest_end(msg, sinfo);
	return msg;
}

static void rate_vht(struct nl_msg *msg)
{
	/* cfg80211 puts BITRATE32 always and BITRATE only when it fits 16 bits. */
	nla_put_u32(msg, NL80211_RATE_INFO_BITRATE32, 8667);
	nla_put_u16(msg, NL80211_RATE_INFO_BITRATE, 8667);
	nla_put_flag(msg, NL80211_RATE_INFO_80_MHZ_WIDTH);
	nla_put_u8(msg, NL80211_RATE_INFO_VHT_MCS, 9);
	nla_put_u8(msg, NL80211_RATE_INFO_VHT_NSS, 2);
	nla_put_flag(msg, NL80211_RATE_INFO_SHORT_GI);
}

static void rate_huge(struct nl_msg *msg)
{
	/* 9.6 Gbit/s: BITRATE32 only (the 16-bit one would overflow at 6553.5 Mbit/s). */
	nla_put_u32(msg, NL80211_RATE_INFO_BITRATE32, 96000);
	nla_put_flag(msg, NL80211_RATE_INFO_320_MHZ_WIDTH);
	nla_put_u8(msg, NL80211_RATE_INFO_EHT_MCS, 13);
	nla_put_u8(msg, NL80211_RATE_INFO_EHT_NSS, 4);
	nla_put_u8(msg, NL80211_RATE_INFO_EHT_GI, 1);
}

static void rate_legacy16(struct nl_msg *msg)
{
	/* An old kernel: the 16-bit BITRATE alone. */
	nla_put_u16(msg, NL80211_RATE_INFO_BITRATE, 540);
}

static void rate_he(struct nl_msg *msg)
{
	nla_put_u32(msg, NL80211_RATE_INFO_BITRATE32, 12010);
	nla_put_flag(msg, NL80211_RATE_INFO_160_MHZ_WIDTH);
	nla_put_u8(msg, NL80211_RATE_INFO_HE_MCS, 11);
	nla_put_u8(msg, NL80211_RATE_INFO_HE_NSS, 2);
	nla_put_u8(msg, NL80211_RATE_INFO_HE_GI, 2);
}

static void test_station_signals_are_signed_dbm(void **state)
{
	struct nl_msg *msg = station_msg(rate_vht, true);
	struct wifi_station st;

	(void)state;
	assert_int_equal(wifi_parse_station(msg, &st), 0);
	assert_memory_equal(st.mac, AP, 6);
	assert_int_equal(st.signal_dbm, -67);
	assert_int_equal(st.signal_avg_dbm, -70);
	assert_int_equal(st.beacon_signal_avg_dbm, -71);
	assert_int_equal(st.n_chains, 2);
	assert_int_equal(st.chain_signal_dbm[0], -68);
	assert_int_equal(st.chain_signal_dbm[1], -72);
	nlmsg_free(msg);
}

static void test_station_counters_prefer_64_bit_and_units(void **state)
{
	struct nl_msg *msg = station_msg(rate_vht, true);
	struct wifi_station st;

	(void)state;
	assert_int_equal(wifi_parse_station(msg, &st), 0);
	assert_true(st.rx_bytes == 5000000000LL); /* RX_BYTES64 wins over the wrapped 32-bit */
	assert_int_equal(st.tx_bytes, 2000);
	assert_int_equal(st.rx_packets, 77);
	assert_int_equal(st.tx_packets, 66);
	assert_int_equal(st.tx_retries, 5);
	assert_int_equal(st.tx_failed, 1);
	assert_int_equal(st.beacon_loss, 2);
	assert_int_equal(st.connected_s, 3600);
	assert_int_equal(st.inactive_ms, 40);
	assert_float_equal(st.expected_mbps, 123.456, 1e-9);
	nlmsg_free(msg);
}

static void test_station_vht_rate_mcs_nss_width_short_gi(void **state)
{
	struct nl_msg *msg = station_msg(rate_vht, true);
	struct wifi_station st;

	(void)state;
	wifi_parse_station(msg, &st);
	assert_float_equal(st.tx.mbps, 866.7, 1e-9);
	assert_int_equal(st.tx.mode, RATE_VHT);
	assert_int_equal(st.tx.mcs, 9);
	assert_int_equal(st.tx.nss, 2);
	assert_int_equal(st.tx.width_mhz, 80);
	assert_int_equal(st.tx.gi_ns, 400);
	/* No RX_BITRATE nest: unknown. */
	assert_true(isnan(st.rx.mbps));
	assert_int_equal(st.rx.mcs, -1);
	nlmsg_free(msg);
}

static void test_station_bitrate32_beyond_16_bits(void **state)
{
	struct nl_msg *msg = station_msg(rate_huge, true);
	struct wifi_station st;

	(void)state;
	wifi_parse_station(msg, &st);
	assert_float_equal(st.tx.mbps, 9600.0, 1e-9);
	assert_int_equal(st.tx.mode, RATE_EHT);
	assert_int_equal(st.tx.mcs, 13);
	assert_int_equal(st.tx.nss, 4);
	assert_int_equal(st.tx.width_mhz, 320);
	assert_int_equal(st.tx.gi_ns, 1600);
	nlmsg_free(msg);
}

static void test_station_16_bit_bitrate_alone_and_he_gi(void **state)
{
	struct nl_msg *msg = station_msg(rate_legacy16, true);
	struct wifi_station st;

	(void)state;
	wifi_parse_station(msg, &st);
	assert_float_equal(st.tx.mbps, 54.0, 1e-9);
	assert_int_equal(st.tx.mode, RATE_LEGACY);
	assert_int_equal(st.tx.width_mhz, 20);
	nlmsg_free(msg);
	msg = station_msg(rate_he, true);
	wifi_parse_station(msg, &st);
	assert_float_equal(st.tx.mbps, 1201.0, 1e-9);
	assert_int_equal(st.tx.mode, RATE_HE);
	assert_int_equal(st.tx.width_mhz, 160);
	assert_int_equal(st.tx.gi_ns, 3200);
	nlmsg_free(msg);
}

static void test_station_missing_attributes_are_unknown(void **state)
{
	struct nl_msg *msg = station_msg(NULL, false);
	struct wifi_station st;

	(void)state;
	assert_int_equal(wifi_parse_station(msg, &st), 0);
	assert_int_equal(st.signal_dbm, INT_MIN);
	assert_int_equal(st.signal_avg_dbm, INT_MIN);
	assert_int_equal(st.n_chains, 0);
	assert_true(isnan(st.tx.mbps));
	nlmsg_free(msg);
}

static void test_station_short_attribute_rejects_the_message(void **state)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_STATION, 0);
	struct nlattr *sinfo;
	struct wifi_station st;

	(void)state;
	nla_put(msg, NL80211_ATTR_MAC, 6, AP);
	sinfo = nla_nest_start(msg, NL80211_ATTR_STA_INFO);
	nla_put(msg, NL80211_STA_INFO_TX_BYTES, 2, "\x01\x02"); /* a u32 of 2 bytes */
	nla_nest_end(msg, sinfo);
	assert_int_equal(wifi_parse_station(msg, &st), -EINVAL);
	nlmsg_free(msg);
	/* No STA_INFO at all. */
	msg = nl_build_genl(NL80211_CMD_NEW_STATION, 0);
	nla_put(msg, NL80211_ATTR_MAC, 6, AP);
	assert_int_equal(wifi_parse_station(msg, &st), -EINVAL);
	nlmsg_free(msg);
	/* A 4-byte MAC fails the policy's minimum length. */
	msg = nl_build_genl(NL80211_CMD_NEW_STATION, 0);
	nla_put(msg, NL80211_ATTR_MAC, 4, AP);
	sinfo = nla_nest_start(msg, NL80211_ATTR_STA_INFO);
	nla_nest_end(msg, sinfo);
	assert_int_equal(wifi_parse_station(msg, &st), -EINVAL);
	nlmsg_free(msg);
}

static struct nl_msg *interface_msg(bool with_ifindex)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_INTERFACE, NLM_F_MULTI);

	if (with_ifindex) {
		nla_put_u32(msg, NL80211_ATTR_IFINDEX, 5);
		nla_put_string(msg, NL80211_ATTR_IFNAME, "wlp2s0");
	}
	nla_put_u32(msg, NL80211_ATTR_WIPHY, 1);
	nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_STATION);
	nla_put_u64(msg, NL80211_ATTR_WDEV, 0x100000001ULL);
	nla_put(msg, NL80211_ATTR_MAC, 6, "\x02\x00\x00\x00\x03\x00");
	nla_put_u32(msg, NL80211_ATTR_GENERATION, 4);
	nla_put_u8(msg, NL80211_ATTR_4ADDR, 0);
	nla_put_u32(msg, NL80211_ATTR_WIPHY_TX_POWER_LEVEL, (uint32_t)-300); /* -3 dBm as mBm */
	nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, 5180);
	nla_put_u32(msg, NL80211_ATTR_WIPHY_CHANNEL_TYPE, NL80211_CHAN_HT40PLUS);
	nla_put_u32(msg, NL80211_ATTR_CHANNEL_WIDTH, NL80211_CHAN_WIDTH_80);
	nla_put_u32(msg, NL80211_ATTR_CENTER_FREQ1, 5210);
	nla_put(msg, NL80211_ATTR_SSID, 9, "ward-open");
	return msg;
}

static void test_interface_fields_and_signed_tx_power(void **state)
{
	struct nl_msg *msg = interface_msg(true);
	struct wifi_iface w;

	(void)state;
	assert_int_equal(wifi_parse_interface(msg, &w), 0);
	assert_string_equal(w.name, "wlp2s0");
	assert_int_equal(w.ifindex, 5);
	assert_int_equal(w.wiphy, 1);
	assert_true(w.wdev == 0x100000001ULL);
	assert_memory_equal(w.mac, "\x02\x00\x00\x00\x03\x00", 6);
	assert_string_equal(wifi_iftype_name(w.iftype), "managed");
	assert_true(w.has_ssid);
	assert_string_equal(w.ssid, "ward-open");
	assert_int_equal(w.freq_mhz, 5180);
	assert_int_equal(w.width_mhz, 80);
	assert_int_equal(w.center1_mhz, 5210);
	assert_float_equal(w.txpower_dbm, -3.0, 1e-9);
	nlmsg_free(msg);
}

static void test_interface_without_netdev_is_skipped(void **state)
{
	struct nl_msg *msg = interface_msg(false); /* a P2P-device has only a wdev */
	struct wifi_iface w;

	(void)state;
	assert_int_equal(wifi_parse_interface(msg, &w), -EINVAL);
	nlmsg_free(msg);
}

static void test_survey_noise_is_signed_and_in_use_flagged(void **state)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_SURVEY_RESULTS, NLM_F_MULTI);
	struct nlattr *si;
	struct wifi_survey s;

	(void)state;
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	si = nla_nest_start(msg, NL80211_ATTR_SURVEY_INFO);
	nla_put_u32(msg, NL80211_SURVEY_INFO_FREQUENCY, 2437);
	nla_put_u8(msg, NL80211_SURVEY_INFO_NOISE, (uint8_t)(int8_t)-95);
	nla_put_flag(msg, NL80211_SURVEY_INFO_IN_USE);
	nla_put_u64(msg, NL80211_SURVEY_INFO_TIME, 1000);
	nla_put_u64(msg, NL80211_SURVEY_INFO_TIME_BUSY, 250);
	nla_nest_end(msg, si);
	assert_int_equal(wifi_parse_survey(msg, &s), 0);
	assert_int_equal(s.freq_mhz, 2437);
	assert_float_equal(s.noise_dbm, -95.0, 0);
	assert_true(s.in_use);
	assert_int_equal(s.time_ms, 1000);
	assert_int_equal(s.busy_ms, 250);
	assert_int_equal(s.rx_ms, -1);
	assert_float_equal(wifi_survey_busy_fraction(&s), 0.25, 1e-12);
	assert_ptr_equal(wifi_survey_current(&s, 1, 0), &s);
	nlmsg_free(msg);
}

static void test_survey_current_falls_back_to_the_interface_frequency(void **state)
{
	struct wifi_survey v[2] = { { .freq_mhz = 2412 }, { .freq_mhz = 2462 } };

	(void)state;
	assert_ptr_equal(wifi_survey_current(v, 2, 2462), &v[1]);
	assert_null(wifi_survey_current(v, 2, 5180));
	assert_true(isnan(wifi_survey_busy_fraction(&(struct wifi_survey){ .time_ms = -1 })));
}

static void test_bss_signal_mbm_is_signed_and_status_associated(void **state)
{
	struct nl_build_bss b;
	struct wifi_bss out;
	uint8_t ies[64];
	struct nl_msg *msg;

	(void)state;
	nl_build_bss_defaults(&b, 7);
	b.signal_mbm = -7250;
	b.status = NL80211_BSS_STATUS_ASSOCIATED;
	b.seen_ms_ago = 1234;
	b.ies = ies;
	b.ies_len = nl_build_ies(ies, sizeof(ies), "ward-7", 1);
	msg = nl_build_bss(&b, 3, NLM_F_MULTI);
	assert_int_equal(wifi_parse_bss(msg, &out), 0);
	assert_memory_equal(out.bssid, b.bssid, 6);
	assert_float_equal(out.signal_dbm, -72.5, 1e-9);
	assert_true(out.associated);
	assert_int_equal(out.seen_ms_ago, 1234);
	assert_string_equal(out.ssid, "ward-7");
	assert_false(out.hidden);
	assert_int_equal(out.freq_mhz, 2412);
	assert_int_equal(out.channel, 1);
	assert_int_equal(out.width_mhz, 20);
	assert_int_equal(out.bss_stations, 3);
	assert_float_equal(out.bss_utilisation, 51.0 / 255.0, 1e-12);
	assert_string_equal(out.security, "open");
	assert_int_equal(out.beacon_interval, 100);
	nlmsg_free(msg);
}

static void test_bss_without_signal_or_ies_is_kept_with_unknowns(void **state)
{
	struct nl_build_bss b;
	struct wifi_bss out;
	struct nl_msg *msg;

	(void)state;
	nl_build_bss_defaults(&b, 8);
	b.no_signal = true;
	b.seen_ms_ago = -1;
	b.capability = 0x0411; /* ESS, Privacy, short slot */
	msg = nl_build_bss(&b, 3, NLM_F_MULTI);
	assert_int_equal(wifi_parse_bss(msg, &out), 0);
	assert_true(isnan(out.signal_dbm));
	assert_int_equal(out.seen_ms_ago, -1);
	assert_true(out.hidden); /* no SSID element at all */
	assert_false(out.associated);
	assert_int_equal(out.bss_stations, -1);
	assert_true(isnan(out.bss_utilisation));
	assert_string_equal(out.security, "wep");
	nlmsg_free(msg);
}

static void test_bss_without_bssid_or_with_short_bssid_is_rejected(void **state)
{
	struct nl_build_bss b;
	struct wifi_bss out;
	struct nl_msg *msg;

	(void)state;
	nl_build_bss_defaults(&b, 9);
	b.bssid_len = 0;
	msg = nl_build_bss(&b, 3, NLM_F_MULTI);
	assert_int_equal(wifi_parse_bss(msg, &out), -EINVAL);
	nlmsg_free(msg);
	b.bssid_len = 5;
	msg = nl_build_bss(&b, 3, NLM_F_MULTI);
	assert_int_equal(wifi_parse_bss(msg, &out), -EINVAL);
	nlmsg_free(msg);
	nl_build_bss_defaults(&b, 9);
	b.freq = 0;
	msg = nl_build_bss(&b, 3, NLM_F_MULTI);
	assert_int_equal(wifi_parse_bss(msg, &out), -EINVAL);
	nlmsg_free(msg);
}

static void test_bss_beacon_ies_used_when_no_probe_response_ies(void **state)
{
	struct nl_build_bss b;
	struct wifi_bss out;
	uint8_t ies[64];
	struct nl_msg *msg;

	(void)state;
	nl_build_bss_defaults(&b, 10);
	b.beacon_ies = ies;
	b.beacon_ies_len = nl_build_ies(ies, sizeof(ies), "beacon-only", 6);
	msg = nl_build_bss(&b, 3, NLM_F_MULTI);
	assert_int_equal(wifi_parse_bss(msg, &out), 0);
	assert_string_equal(out.ssid, "beacon-only");
	nlmsg_free(msg);
}

static void test_bss_truncated_ies_keep_what_came_before(void **state)
{
	struct nl_build_bss b;
	struct wifi_bss out;
	uint8_t ies[64];
	struct nl_msg *msg;

	(void)state;
	nl_build_bss_defaults(&b, 11);
	b.ies = ies;
	b.ies_len = nl_build_ies(ies, sizeof(ies), "cut", 11) - 3; /* BSS Load cut short */
	msg = nl_build_bss(&b, 3, NLM_F_MULTI);
	assert_int_equal(wifi_parse_bss(msg, &out), 0);
	assert_string_equal(out.ssid, "cut");
	assert_true(out.ies.truncated);
	assert_int_equal(out.bss_stations, -1);
	nlmsg_free(msg);
}

static void test_scan_event_is_for_our_interface_only(void **state)
{
	struct nl_msg *msg;

	(void)state;
	msg = nl_build_genl(NL80211_CMD_NEW_SCAN_RESULTS, 0);
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	assert_int_equal(wifi_scan_event(msg, 3), 1);
	assert_int_equal(wifi_scan_event(msg, 4), 0);
	nlmsg_free(msg);
	msg = nl_build_genl(NL80211_CMD_SCAN_ABORTED, 0);
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	assert_int_equal(wifi_scan_event(msg, 3), -ECANCELED);
	nlmsg_free(msg);
	msg = nl_build_genl(NL80211_CMD_TRIGGER_SCAN, 0);
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	assert_int_equal(wifi_scan_event(msg, 3), 0);
	nlmsg_free(msg);
}

static void test_stale_marking_uses_age_at_dump_time(void **state)
{
	struct wifi_bss v[3] = { { .seen_ms_ago = 100 }, { .seen_ms_ago = 3000 }, { .seen_ms_ago = -1 } };
	struct wifi_scan_result r = { .bss = v, .n = 3, .mono_us = 10000000 };

	(void)state;
	/* Reference 8 s: entry 0 seen at 9.9 s (fresh), entry 1 at 7 s (stale), entry 2 unknown. */
	wifi_scan_mark_stale(&r, 8000000);
	assert_false(v[0].stale);
	assert_true(v[1].stale);
	assert_false(v[2].stale);
}

static void test_freq_list_parsing(void **state)
{
	int f[4];

	(void)state;
	assert_int_equal(wifi_parse_freq_list("2412,2462,5180", f, 4), 3);
	assert_int_equal(f[2], 5180);
	assert_int_equal(wifi_parse_freq_list("2412,", f, 4), -EINVAL);
	assert_int_equal(wifi_parse_freq_list("24x2", f, 4), -EINVAL);
	assert_int_equal(wifi_parse_freq_list("", f, 4), -EINVAL);
	assert_int_equal(wifi_parse_freq_list("1,2,3,4,5", f, 4), -EINVAL);
}

static void test_ap_key_groups_virtual_bssids_of_one_radio(void **state)
{
	(void)state;
	assert_true(wifi_bss_ap_key((uint8_t[]){ 0x00, 0x3a, 0x99, 0x10, 0x20, 0x30 }) ==
		    wifi_bss_ap_key((uint8_t[]){ 0x00, 0x3a, 0x99, 0x10, 0x20, 0x3f }));
	assert_true(wifi_bss_ap_key((uint8_t[]){ 0x00, 0x3a, 0x99, 0x10, 0x20, 0x30 }) ==
		    wifi_bss_ap_key((uint8_t[]){ 0x02, 0x3a, 0x99, 0x10, 0x20, 0x31 }));
	assert_false(wifi_bss_ap_key((uint8_t[]){ 0x00, 0x3a, 0x99, 0x10, 0x20, 0x30 }) ==
		     wifi_bss_ap_key((uint8_t[]){ 0x00, 0x3a, 0x99, 0x10, 0x21, 0x30 }));
}

static void test_observation_and_link_rows_carry_every_field(void **state)
{
	struct nl_build_bss b;
	struct wifi_bss bss;
	struct meas_observation o;
	struct wifi_station st;
	struct wifi_iface w = { .freq_mhz = 2412 };
	struct meas_link l;
	uint8_t ies[64];
	struct nl_msg *msg;

	(void)state;
	nl_build_bss_defaults(&b, 12);
	b.ies = ies;
	b.ies_len = nl_build_ies(ies, sizeof(ies), "obs", 1);
	b.status = NL80211_BSS_STATUS_ASSOCIATED;
	msg = nl_build_bss(&b, 3, NLM_F_MULTI);
	wifi_parse_bss(msg, &bss);
	nlmsg_free(msg);
	sampler_observation_from_bss(&bss, -92.0, &o);
	assert_memory_equal(o.bssid, b.bssid, 6);
	assert_string_equal(o.ssid, "obs");
	assert_int_equal(o.freq_mhz, 2412);
	assert_int_equal(o.channel, 1);
	assert_float_equal(o.signal_dbm, -50.0, 0);
	assert_float_equal(o.noise_dbm, -92.0, 0);
	assert_int_equal(o.bss_stations, 3);
	assert_int_equal(o.age_ms, 10);
	assert_true(o.associated);
	assert_string_equal(o.security, "open");

	strcpy(w.ssid, "obs");
	msg = station_msg(rate_vht, true);
	wifi_parse_station(msg, &st);
	nlmsg_free(msg);
	sampler_link_from_station(&st, &w, NAN, &l);
	assert_string_equal(l.ssid, "obs");
	assert_int_equal(l.freq_mhz, 2412);
	assert_float_equal(l.signal_dbm, -67.0, 0);
	assert_float_equal(l.beacon_signal_avg_dbm, -71.0, 0);
	assert_float_equal(l.tx_bitrate_mbps, 866.7, 1e-9);
	assert_true(isnan(l.rx_bitrate_mbps));
	assert_float_equal(l.expected_throughput_mbps, 123.456, 1e-9);
	assert_int_equal(l.tx_retries, 5);
	assert_int_equal(l.connected_s, 3600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_station_signals_are_signed_dbm),
		cmocka_unit_test(test_station_counters_prefer_64_bit_and_units),
		cmocka_unit_test(test_station_vht_rate_mcs_nss_width_short_gi),
		cmocka_unit_test(test_station_bitrate32_beyond_16_bits),
		cmocka_unit_test(test_station_16_bit_bitrate_alone_and_he_gi),
		cmocka_unit_test(test_station_missing_attributes_are_unknown),
		cmocka_unit_test(test_station_short_attribute_rejects_the_message),
		cmocka_unit_test(test_interface_fields_and_signed_tx_power),
		cmocka_unit_test(test_interface_without_netdev_is_skipped),
		cmocka_unit_test(test_survey_noise_is_signed_and_in_use_flagged),
		cmocka_unit_test(test_survey_current_falls_back_to_the_interface_frequency),
		cmocka_unit_test(test_bss_signal_mbm_is_signed_and_status_associated),
		cmocka_unit_test(test_bss_without_signal_or_ies_is_kept_with_unknowns),
		cmocka_unit_test(test_bss_without_bssid_or_with_short_bssid_is_rejected),
		cmocka_unit_test(test_bss_beacon_ies_used_when_no_probe_response_ies),
		cmocka_unit_test(test_bss_truncated_ies_keep_what_came_before),
		cmocka_unit_test(test_scan_event_is_for_our_interface_only),
		cmocka_unit_test(test_stale_marking_uses_age_at_dump_time),
		cmocka_unit_test(test_freq_list_parsing),
		cmocka_unit_test(test_ap_key_groups_virtual_bssids_of_one_radio),
		cmocka_unit_test(test_observation_and_link_rows_carry_every_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
