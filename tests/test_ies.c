/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_ies.c — information elements: what each element kind yields, the
 * length rules, and the channel/width/security derived from them. Byte
 * strings follow IEEE 802.11-2020 §9.4.2; expected values computed by hand.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/ies.h"

#define IES(...) ((const uint8_t[]){ __VA_ARGS__ }), sizeof((const uint8_t[]){ __VA_ARGS__ })

static void test_ies_reads_ssid_ds_country_and_bss_load(void **state)
{
	struct ies ie;
	char ssid[33];

	(void)state;
	assert_int_equal(ies_parse(IES(0, 4, 'W', 'a', 'r', 'd',
				      3, 1, 6,
				      7, 6, 'G', 'B', ' ', 1, 13, 20,
				      11, 5, 0x2c, 0x01, 128, 0x10, 0x00), &ie), 0);
	assert_true(ie.has_ssid);
	assert_false(ie.ssid_hidden);
	assert_string_equal(ies_ssid_string(&ie, ssid, sizeof(ssid)), "Ward");
	assert_int_equal(ie.ds_channel, 6);
	assert_string_equal(ie.country, "GB");
	assert_true(ie.has_bss_load);
	assert_int_equal(ie.bss_stations, 300); /* 0x012c little-endian */
	assert_int_equal(ie.bss_utilisation, 128);
	assert_int_equal(ie.bss_admission, 16);
	assert_int_equal(ie.n_elements, 4);
	assert_int_equal(ie.n_malformed, 0);
	assert_false(ie.truncated);
}

static void test_ies_hidden_ssid_zero_length_or_zero_bytes(void **state)
{
	struct ies ie;

	(void)state;
	ies_parse(IES(0, 0), &ie);
	assert_true(ie.has_ssid);
	assert_true(ie.ssid_hidden);
	ies_parse(IES(0, 3, 0, 0, 0), &ie);
	assert_true(ie.ssid_hidden);
	assert_int_equal(ie.ssid_len, 3);
	ies_parse(IES(0, 2, 'a', 0), &ie);
	assert_false(ie.ssid_hidden);
}

static void test_ies_truncated_list_keeps_elements_before_the_cut(void **state)
{
	struct ies ie;

	(void)state;
	/* SSID "ab", then DS claims 1 byte but the buffer ends. */
	assert_int_equal(ies_parse(IES(0, 2, 'a', 'b', 3, 1), &ie), -EINVAL);
	assert_true(ie.truncated);
	assert_true(ie.has_ssid);
	assert_int_equal(ie.ssid_len, 2);
	assert_int_equal(ie.ds_channel, 0);
	/* A lone id byte. */
	assert_int_equal(ies_parse(IES(0, 1, 'x', 221), &ie), -EINVAL);
	assert_true(ie.truncated);
}

static void test_ies_element_breaking_its_length_rule_is_ignored(void **state)
{
	struct ies ie;

	(void)state;
	/* BSS Load of 4 bytes, DS of 2, SSID of 33: each counted, none read. */
	uint8_t buf[2 + 4 + 2 + 2 + 2 + 33];
	size_t n = 0;
	memcpy(buf + n, (uint8_t[]){ 11, 4, 1, 0, 9, 0 }, 6);
	n += 6;
	memcpy(buf + n, (uint8_t[]){ 3, 2, 6, 6 }, 4);
	n += 4;
	buf[n++] = 0;
	buf[n++] = 33;
	memset(buf + n, 'a', 33);
	n += 33;
	assert_int_equal(ies_parse(buf, n, &ie), 0);
	assert_int_equal(ie.n_elements, 3);
	assert_int_equal(ie.n_malformed, 3);
	assert_false(ie.has_bss_load);
	assert_int_equal(ie.ds_channel, 0);
	assert_false(ie.has_ssid);
}

static void test_ies_unknown_elements_are_skipped(void **state)
{
	struct ies ie;

	(void)state;
	assert_int_equal(ies_parse(IES(200, 3, 1, 2, 3, 0, 1, 'z', 254, 0), &ie), 0);
	assert_int_equal(ie.n_elements, 3);
	assert_int_equal(ie.n_malformed, 0);
	assert_int_equal(ie.ssid[0], 'z');
}

static void test_ies_rsn_wpa2_psk_ccmp(void **state)
{
	struct ies ie;

	(void)state;
	ies_parse(IES(48, 20, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00,
		      0x0f, 0xac, 2, 0x0c, 0x00), &ie);
	assert_true(ie.rsn.present);
	assert_int_equal(ie.rsn.group, CIPHER_CCMP);
	assert_int_equal(ie.rsn.pairwise, CIPHER_CCMP);
	assert_int_equal(ie.rsn.akm, AKM_PSK);
	assert_int_equal(ie.rsn.capabilities, 0x000c);
	assert_string_equal(ies_security_name(&ie, true), "wpa2-psk");
}

static void test_ies_rsn_names_transition_sae_owe_and_eap(void **state)
{
	struct ies ie;

	(void)state;
	/* PSK + SAE: WPA3 transition mode. */
	ies_parse(IES(48, 22, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 2, 0, 0, 0x0f, 0xac, 2,
		      0, 0x0f, 0xac, 8), &ie);
	assert_int_equal(ie.rsn.akm, AKM_PSK | AKM_SAE);
	assert_string_equal(ies_security_name(&ie, true), "wpa2/wpa3-psk");
	ies_parse(IES(48, 18, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 8), &ie);
	assert_string_equal(ies_security_name(&ie, true), "wpa3-sae");
	ies_parse(IES(48, 18, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 18), &ie);
	assert_string_equal(ies_security_name(&ie, true), "owe");
	ies_parse(IES(48, 18, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 1), &ie);
	assert_string_equal(ies_security_name(&ie, true), "wpa2-eap");
	/* Version only: the standard's defaults (CCMP, 802.1X). */
	ies_parse(IES(48, 2, 1, 0), &ie);
	assert_true(ie.rsn.present);
	assert_int_equal(ie.rsn.akm, AKM_8021X);
	assert_int_equal(ie.rsn.pairwise, CIPHER_CCMP);
}

static void test_ies_rsn_cut_inside_a_suite_list_is_malformed(void **state)
{
	struct ies ie;

	(void)state;
	/* Pairwise count 2 but only one suite follows. */
	ies_parse(IES(48, 12, 1, 0, 0, 0x0f, 0xac, 4, 2, 0, 0, 0x0f, 0xac, 4), &ie);
	assert_false(ie.rsn.present);
	assert_int_equal(ie.n_malformed, 1);
	assert_string_equal(ies_security_name(&ie, true), "wep");
	assert_string_equal(ies_security_name(&ie, false), "open");
	/* Version 2 is not RSN as we know it. */
	ies_parse(IES(48, 2, 2, 0), &ie);
	assert_false(ie.rsn.present);
}

static void test_ies_wpa1_vendor_element(void **state)
{
	struct ies ie;

	(void)state;
	ies_parse(IES(221, 22, 0x00, 0x50, 0xf2, 1, 1, 0, 0x00, 0x50, 0xf2, 2, 1, 0, 0x00, 0x50, 0xf2,
		      2, 1, 0, 0x00, 0x50, 0xf2, 2), &ie);
	assert_true(ie.wpa.present);
	assert_false(ie.rsn.present);
	assert_int_equal(ie.wpa.pairwise, CIPHER_TKIP);
	assert_int_equal(ie.wpa.akm, AKM_PSK);
	assert_string_equal(ies_security_name(&ie, true), "wpa-psk");
}

static void test_ies_cisco_element_133_gives_the_ap_name(void **state)
{
	struct ies ie;

	(void)state;
	ies_parse(IES(133, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'W', 'a', 'r', 'd', '7', '-', 'A', 'P',
		      0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0), &ie);
	assert_string_equal(ie.ap_name, "Ward7-AP");
	assert_int_equal(ie.ap_name_source, AP_NAME_CISCO_CCX1);
	/* Shorter than 10 + 16 bytes: malformed, no name. */
	ies_parse(IES(133, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'W', 'a'), &ie);
	assert_string_equal(ie.ap_name, "");
	assert_int_equal(ie.n_malformed, 1);
}

static void test_ies_aruba_vendor_element_gives_the_ap_name(void **state)
{
	struct ies ie;

	(void)state;
	ies_parse(IES(221, 12, 0x00, 0x0b, 0x86, 1, 3, 'i', 'c', 'u', '-', '2', 0x07, ' '), &ie);
	assert_string_equal(ie.ap_name, "icu-2?");
	assert_int_equal(ie.ap_name_source, AP_NAME_ARUBA);
}

static void test_ies_channel_width_from_ht_vht_he_eht(void **state)
{
	struct ies ie;
	int ch, w, c;
	uint8_t ht[24] = { 61, 22, 36, 0x05 }; /* secondary above, any width */

	(void)state;
	ies_parse(NULL, 0, &ie);
	ies_channel(&ie, 2437, &ch, &w, &c);
	assert_int_equal(ch, 6);
	assert_int_equal(w, 20);
	assert_int_equal(c, 2437);

	ies_parse(ht, sizeof(ht), &ie);
	ies_channel(&ie, 5180, &ch, &w, &c);
	assert_int_equal(w, 40);
	assert_int_equal(c, 5190);
	ht[3] = 0x06; /* secondary offset 2 */
	ies_parse(ht, sizeof(ht), &ie);
	assert_int_equal(ie.ht_secondary, 2); /* 2 is reserved: not a 40 MHz channel */
	ies_channel(&ie, 5200, &ch, &w, &c);
	assert_int_equal(w, 20);

	/* VHT 80 MHz centred on channel 42 (5210 MHz). */
	ies_parse(IES(192, 5, 1, 42, 0, 0xfc, 0xff), &ie);
	ies_channel(&ie, 5180, &ch, &w, &c);
	assert_int_equal(ch, 36);
	assert_int_equal(w, 80);
	assert_int_equal(c, 5210);
	/* VHT 160 the 802.11-2016 way: seg0 = 80 centre 42, seg1 = 160 centre 50. */
	ies_parse(IES(192, 5, 1, 42, 50, 0, 0), &ie);
	ies_channel(&ie, 5180, &ch, &w, &c);
	assert_int_equal(w, 160);
	assert_int_equal(c, 5250);

	/* HE 6 GHz operation: 160 MHz, CCFS1 = 15 -> 6025 MHz. Params bit 17 set. */
	ies_parse(IES(255, 12, 36, 0, 0, 0x02, 0, 0, 0, 1, 3, 7, 15, 0), &ie);
	assert_true(ie.has_he_6ghz);
	ies_channel(&ie, 5955, &ch, &w, &c);
	assert_int_equal(ch, 1);
	assert_int_equal(w, 160);
	assert_int_equal(c, 6025);

	/* EHT operation with information: 320 MHz, CCFS1 = 31 -> 6105 MHz. */
	ies_parse(IES(255, 9, 106, 0x01, 0, 0, 0, 0, 4, 15, 31), &ie);
	assert_true(ie.has_eht_info);
	ies_channel(&ie, 5955, &ch, &w, &c);
	assert_int_equal(w, 320);
	assert_int_equal(c, 6105);
}

static void test_ies_he_operation_cut_before_its_6ghz_part_is_malformed(void **state)
{
	struct ies ie;

	(void)state;
	ies_parse(IES(255, 8, 36, 0, 0, 0x02, 0, 0, 0, 1), &ie);
	assert_false(ie.has_he_6ghz);
	assert_int_equal(ie.n_malformed, 1);
}

static void test_freq_and_channel_numbers(void **state)
{
	(void)state;
	assert_int_equal(freq_to_channel(2412), 1);
	assert_int_equal(freq_to_channel(2484), 14);
	assert_int_equal(freq_to_channel(5180), 36);
	assert_int_equal(freq_to_channel(5955), 1);
	assert_int_equal(freq_to_channel(5935), 2);
	assert_int_equal(freq_to_channel(1000), 0);
	assert_int_equal(channel_to_freq(11, 2412), 2462);
	assert_int_equal(channel_to_freq(149, 5180), 5745);
	assert_int_equal(channel_to_freq(233, 6000), 7115);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ies_reads_ssid_ds_country_and_bss_load),
		cmocka_unit_test(test_ies_hidden_ssid_zero_length_or_zero_bytes),
		cmocka_unit_test(test_ies_truncated_list_keeps_elements_before_the_cut),
		cmocka_unit_test(test_ies_element_breaking_its_length_rule_is_ignored),
		cmocka_unit_test(test_ies_unknown_elements_are_skipped),
		cmocka_unit_test(test_ies_rsn_wpa2_psk_ccmp),
		cmocka_unit_test(test_ies_rsn_names_transition_sae_owe_and_eap),
		cmocka_unit_test(test_ies_rsn_cut_inside_a_suite_list_is_malformed),
		cmocka_unit_test(test_ies_wpa1_vendor_element),
		cmocka_unit_test(test_ies_cisco_element_133_gives_the_ap_name),
		cmocka_unit_test(test_ies_aruba_vendor_element_gives_the_ap_name),
		cmocka_unit_test(test_ies_channel_width_from_ht_vht_he_eht),
		cmocka_unit_test(test_ies_he_operation_cut_before_its_6ghz_part_is_malformed),
		cmocka_unit_test(test_freq_and_channel_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
