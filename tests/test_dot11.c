/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_dot11.c — which 802.11 frames are kept (AP beacons and probe
 * responses only), their fixed fields, the FCS check, and frames cut short.
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "scanner/dot11.h"

static const uint8_t AP[6] = { 0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e };
static const uint8_t CLIENT[6] = { 0xc2, 0xc1, 0xc0, 0xbf, 0xbe, 0xbd };
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* fc, duration, addr1, addr2, addr3, seq, [fixed fields, SSID element] */
static size_t mgmt(uint8_t *b, int subtype, const uint8_t *a1, const uint8_t *a2,
		   const uint8_t *a3, uint16_t cap, bool body)
{
	size_t n = 0;

	b[n++] = (uint8_t)(subtype << 4);
	b[n++] = 0;
	b[n++] = 0;
	b[n++] = 0;
	memcpy(b + n, a1, 6);
	n += 6;
	memcpy(b + n, a2, 6);
	n += 6;
	memcpy(b + n, a3, 6);
	n += 6;
	b[n++] = 0x10;
	b[n++] = 0x00;
	if (!body)
		return n;
	/* timestamp 0x0000000102030405 µs, interval 100 TU, capabilities */
	static const uint8_t ts[8] = { 0x05, 0x04, 0x03, 0x02, 0x01, 0, 0, 0 };
	memcpy(b + n, ts, 8);
	n += 8;
	b[n++] = 100;
	b[n++] = 0;
	b[n++] = cap & 0xff;
	b[n++] = cap >> 8;
	/* SSID "ward7" */
	b[n++] = 0;
	b[n++] = 5;
	memcpy(b + n, "ward7", 5);
	n += 5;
	return n;
}

static size_t add_fcs(uint8_t *b, size_t n)
{
	uint32_t c = dot11_crc32(b, n);

	b[n] = c & 0xff;
	b[n + 1] = (c >> 8) & 0xff;
	b[n + 2] = (c >> 16) & 0xff;
	b[n + 3] = c >> 24;
	return n + 4;
}

static void test_dot11_crc32_matches_the_standard_check_value(void **state)
{
	(void)state;
	/* CRC-32/ISO-HDLC check value over "123456789" */
	assert_int_equal(dot11_crc32((const uint8_t *)"123456789", 9), 0xcbf43926u);
}

static void test_dot11_beacon_gives_bssid_fixed_fields_and_elements(void **state)
{
	uint8_t b[128];
	size_t n = mgmt(b, DOT11_SUBTYPE_BEACON, BCAST, AP, AP, DOT11_CAP_ESS | DOT11_CAP_PRIVACY,
			true);
	struct dot11_ap_frame f;

	(void)state;
	assert_int_equal(dot11_parse_ap_frame(b, n, false, &f, NULL), DOT11_AP_FRAME);
	assert_int_equal(f.subtype, DOT11_SUBTYPE_BEACON);
	assert_memory_equal(f.bssid, AP, 6);
	assert_true(f.tsf_us == 0x0102030405ull);
	assert_int_equal(f.beacon_interval_tu, 100);
	assert_int_equal(f.capabilities, DOT11_CAP_ESS | DOT11_CAP_PRIVACY);
	assert_int_equal(f.ies_len, 7);
	assert_int_equal(f.ies[0], 0);
	assert_memory_equal(f.ies + 2, "ward7", 5);
}

static void test_dot11_probe_response_never_exposes_the_client_address(void **state)
{
	uint8_t b[128];
	size_t n = mgmt(b, DOT11_SUBTYPE_PROBE_RESP, CLIENT, AP, AP, DOT11_CAP_ESS, true);
	struct dot11_ap_frame f;

	(void)state;
	assert_int_equal(dot11_parse_ap_frame(b, n, false, &f, NULL), DOT11_AP_FRAME);
	assert_int_equal(f.subtype, DOT11_SUBTYPE_PROBE_RESP);
	assert_memory_equal(f.bssid, AP, 6);
	/* the elements pointer may point into the frame, after the header; no byte
	 * of the struct itself holds the client's address */
	assert_null(memmem(&f, sizeof(f), CLIENT, 6));
	assert_true(f.ies > b + 24);
}

static void test_dot11_refuses_every_frame_a_client_sends(void **state)
{
	struct dot11_ap_frame f;
	uint8_t b[128];
	size_t n;

	(void)state;
	/* probe request (subtype 4), association request (0), authentication (11) */
	n = mgmt(b, 4, BCAST, CLIENT, BCAST, 0, true);
	assert_int_equal(dot11_parse_ap_frame(b, n, false, &f, NULL), DOT11_NOT_AP);
	assert_null(memmem(&f, sizeof(f), CLIENT, 6));
	n = mgmt(b, 0, AP, CLIENT, AP, DOT11_CAP_ESS, true);
	assert_int_equal(dot11_parse_ap_frame(b, n, false, &f, NULL), DOT11_NOT_AP);
	n = mgmt(b, 11, AP, CLIENT, AP, 0, true);
	assert_int_equal(dot11_parse_ap_frame(b, n, false, &f, NULL), DOT11_NOT_AP);
	/* a data frame (type 2) to the AP */
	n = mgmt(b, 0, AP, CLIENT, AP, 0, true);
	b[0] = 0x08;
	b[1] = 0x01;
	assert_int_equal(dot11_parse_ap_frame(b, n, false, &f, NULL), DOT11_NOT_AP);
	assert_null(memmem(&f, sizeof(f), CLIENT, 6));
	/* a 10-byte ACK (control, subtype 13) is refused, not read as short */
	b[0] = 0xd4;
	b[1] = 0;
	assert_int_equal(dot11_parse_ap_frame(b, 10, false, &f, NULL), DOT11_NOT_AP);
}

static void test_dot11_refuses_ibss_and_mesh_beacons_sent_by_stations(void **state)
{
	struct dot11_ap_frame f;
	uint8_t b[128];
	size_t n;

	(void)state;
	n = mgmt(b, DOT11_SUBTYPE_BEACON, BCAST, CLIENT, AP, DOT11_CAP_IBSS, true);
	assert_int_equal(dot11_parse_ap_frame(b, n, false, &f, NULL), DOT11_NOT_AP);
	assert_null(memmem(&f, sizeof(f), CLIENT, 6));
	assert_null(memmem(&f, sizeof(f), AP, 6));
	n = mgmt(b, DOT11_SUBTYPE_BEACON, BCAST, CLIENT, AP, 0, true); /* mesh: neither bit */
	assert_int_equal(dot11_parse_ap_frame(b, n, false, &f, NULL), DOT11_NOT_AP);
}

static void test_dot11_checks_fcs_and_leaves_it_out_of_the_elements(void **state)
{
	struct dot11_ap_frame f;
	uint8_t b[128];
	size_t n = mgmt(b, DOT11_SUBTYPE_BEACON, BCAST, AP, AP, DOT11_CAP_ESS, true);

	(void)state;
	n = add_fcs(b, n);
	assert_int_equal(dot11_parse_ap_frame(b, n, true, &f, NULL), DOT11_AP_FRAME);
	assert_int_equal(f.ies_len, 7);
	b[30] ^= 0x01; /* one bit flipped in the timestamp */
	assert_int_equal(dot11_parse_ap_frame(b, n, true, &f, NULL), DOT11_BAD_FCS);
}

static void test_dot11_skips_ht_control_when_the_order_bit_is_set(void **state)
{
	struct dot11_ap_frame f;
	uint8_t b[128], c[128];
	size_t n = mgmt(b, DOT11_SUBTYPE_BEACON, BCAST, AP, AP, DOT11_CAP_ESS, true);

	(void)state;
	/* insert 4 bytes of HT control after the 24-byte header */
	memcpy(c, b, 24);
	memset(c + 24, 0xaa, 4);
	memcpy(c + 28, b + 24, n - 24);
	c[1] |= 0x80;
	assert_int_equal(dot11_parse_ap_frame(c, n + 4, false, &f, NULL), DOT11_AP_FRAME);
	assert_int_equal(f.beacon_interval_tu, 100);
	assert_int_equal(f.ies_len, 7);
}

static void test_dot11_refuses_ap_frames_cut_short_with_a_sentence(void **state)
{
	struct ns_err err = { 0 };
	struct dot11_ap_frame f;
	uint8_t b[128];

	(void)state;
	mgmt(b, DOT11_SUBTYPE_BEACON, BCAST, AP, AP, DOT11_CAP_ESS, true);
	assert_int_equal(dot11_parse_ap_frame(b, 1, false, &f, &err), -EINVAL);
	assert_int_equal(dot11_parse_ap_frame(b, 20, false, &f, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "header"));
	assert_int_equal(dot11_parse_ap_frame(b, 24 + 11, false, &f, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "fixed fields"));
	/* exactly the fixed fields: an AP frame with no elements */
	assert_int_equal(dot11_parse_ap_frame(b, 36, false, &f, &err), DOT11_AP_FRAME);
	assert_int_equal(f.ies_len, 0);
	/* an FCS announced on a frame shorter than it */
	assert_int_equal(dot11_parse_ap_frame(b, 3, true, &f, &err), -EINVAL);
	/* protocol version 1 */
	b[0] |= 0x01;
	assert_int_equal(dot11_parse_ap_frame(b, 36, false, &f, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "version"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dot11_crc32_matches_the_standard_check_value),
		cmocka_unit_test(test_dot11_beacon_gives_bssid_fixed_fields_and_elements),
		cmocka_unit_test(test_dot11_probe_response_never_exposes_the_client_address),
		cmocka_unit_test(test_dot11_refuses_every_frame_a_client_sends),
		cmocka_unit_test(test_dot11_refuses_ibss_and_mesh_beacons_sent_by_stations),
		cmocka_unit_test(test_dot11_checks_fcs_and_leaves_it_out_of_the_elements),
		cmocka_unit_test(test_dot11_skips_ht_control_when_the_order_bit_is_set),
		cmocka_unit_test(test_dot11_refuses_ap_frames_cut_short_with_a_sentence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
