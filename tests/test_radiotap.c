/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_radiotap.c — the radiotap walk: field values, alignment relative to
 * the header, extended bitmaps, radiotap and vendor namespaces, flags, and
 * headers that lie about their lengths.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "scanner/radiotap.h"

#define BIT(n) (1u << (n))

/* A header under construction: bytes appended at chosen offsets. */
struct hdr {
	uint8_t b[256];
	size_t len;
};

static void put8(struct hdr *h, size_t off, uint8_t v)
{
	h->b[off] = v;
	if (off + 1 > h->len)
		h->len = off + 1;
}

static void put16(struct hdr *h, size_t off, uint16_t v)
{
	put8(h, off, v & 0xff);
	put8(h, off + 1, v >> 8);
}

static void put32(struct hdr *h, size_t off, uint32_t v)
{
	put16(h, off, v & 0xffff);
	put16(h, off + 2, v >> 16);
}

/* version 0, the given bitmaps; it_len set by finish() */
static void begin(struct hdr *h, const uint32_t *words, size_t nwords)
{
	memset(h, 0, sizeof(*h));
	h->len = 4;
	for (size_t i = 0; i < nwords; i++)
		put32(h, 4 + 4 * i, words[i]);
}

static void finish(struct hdr *h, size_t it_len)
{
	if (it_len > h->len)
		h->len = it_len;
	put16(h, 2, (uint16_t)it_len);
}

static void test_radiotap_reads_tsft_flags_rate_channel_signal_noise(void **state)
{
	uint32_t w[] = { BIT(RADIOTAP_TSFT) | BIT(RADIOTAP_FLAGS) | BIT(RADIOTAP_RATE) |
			 BIT(RADIOTAP_CHANNEL) | BIT(RADIOTAP_DBM_ANTSIGNAL) |
			 BIT(RADIOTAP_DBM_ANTNOISE) };
	struct radiotap_info ri;
	struct hdr h;

	(void)state;
	begin(&h, w, 1);
	/* TSFT at 8 (8-aligned), flags 16, rate 17, channel 18..21, signal 22, noise 23 */
	put32(&h, 8, 0x89abcdefu);
	put32(&h, 12, 0x01234567u);
	put8(&h, 16, RADIOTAP_F_FCS);
	put8(&h, 17, 12);           /* 6 Mbit/s */
	put16(&h, 18, 5180);
	put16(&h, 20, RADIOTAP_CHAN_5GHZ);
	put8(&h, 22, (uint8_t)-67);
	put8(&h, 23, (uint8_t)-95);
	finish(&h, 24);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, NULL), 0);
	assert_int_equal(ri.header_len, 24);
	assert_true(ri.has_tsft);
	assert_true(ri.tsft_us == 0x0123456789abcdefull);
	assert_true(ri.fcs_at_end);
	assert_false(ri.bad_fcs);
	assert_int_equal(ri.rate_500kbps, 12);
	assert_int_equal(ri.freq_mhz, 5180);
	assert_int_equal(ri.chan_flags, RADIOTAP_CHAN_5GHZ);
	assert_int_equal(ri.signal_dbm, -67);
	assert_int_equal(ri.noise_dbm, -95);
	assert_int_equal(ri.nchains, 0);
	assert_int_equal(ri.mcs_index, INT_MIN);
}

static void test_radiotap_aligns_fields_to_their_size_from_header_start(void **state)
{
	/* two bitmaps (header 12 bytes): flags at 12, channel padded to 14,
	 * signal at 18, lock quality (u16) padded from 19 to 20, antenna at 22 */
	uint32_t w[] = { BIT(RADIOTAP_FLAGS) | BIT(RADIOTAP_CHANNEL) | BIT(RADIOTAP_DBM_ANTSIGNAL) |
			 BIT(RADIOTAP_LOCK_QUALITY) | BIT(RADIOTAP_ANTENNA) | BIT(RADIOTAP_EXT),
			 0 };
	struct radiotap_iter it;
	struct hdr h;
	size_t offs[8], n = 0;
	int fields[8];

	(void)state;
	begin(&h, w, 2);
	put8(&h, 12, 0);
	put16(&h, 14, 2437);
	put16(&h, 16, RADIOTAP_CHAN_2GHZ);
	put8(&h, 18, (uint8_t)-40);
	put16(&h, 20, 77);
	put8(&h, 22, 1);
	finish(&h, 23);
	assert_int_equal(radiotap_iter_init(&it, h.b, h.len, NULL), 0);
	while (radiotap_iter_next(&it, NULL) == 1) {
		fields[n] = it.field;
		offs[n++] = (size_t)(it.data - h.b);
	}
	assert_int_equal(n, 5);
	assert_int_equal(fields[0], RADIOTAP_FLAGS);
	assert_int_equal(offs[0], 12);
	assert_int_equal(fields[1], RADIOTAP_CHANNEL);
	assert_int_equal(offs[1], 14);
	assert_int_equal(fields[2], RADIOTAP_DBM_ANTSIGNAL);
	assert_int_equal(offs[2], 18);
	assert_int_equal(fields[3], RADIOTAP_LOCK_QUALITY);
	assert_int_equal(offs[3], 20);
	assert_int_equal(fields[4], RADIOTAP_ANTENNA);
	assert_int_equal(offs[4], 22);
}

static void test_radiotap_tsft_after_two_bitmaps_is_padded_to_16(void **state)
{
	uint32_t w[] = { BIT(RADIOTAP_TSFT) | BIT(RADIOTAP_DBM_ANTSIGNAL) | BIT(RADIOTAP_EXT), 0 };
	struct radiotap_info ri;
	struct hdr h;

	(void)state;
	begin(&h, w, 2);
	put32(&h, 16, 1000);
	put8(&h, 24, (uint8_t)-50);
	finish(&h, 25);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, NULL), 0);
	assert_true(ri.tsft_us == 1000);
	assert_int_equal(ri.signal_dbm, -50);
}

static void test_radiotap_reads_per_chain_signals_from_later_namespaces(void **state)
{
	/* combined signal, then two radiotap namespaces with signal + antenna each */
	uint32_t w[] = {
		BIT(RADIOTAP_DBM_ANTSIGNAL) | BIT(RADIOTAP_RADIOTAP_NAMESPACE) | BIT(RADIOTAP_EXT),
		BIT(RADIOTAP_DBM_ANTSIGNAL) | BIT(RADIOTAP_ANTENNA) |
			BIT(RADIOTAP_RADIOTAP_NAMESPACE) | BIT(RADIOTAP_EXT),
		BIT(RADIOTAP_DBM_ANTSIGNAL) | BIT(RADIOTAP_ANTENNA),
	};
	struct radiotap_info ri;
	struct hdr h;

	(void)state;
	begin(&h, w, 3);
	put8(&h, 16, (uint8_t)-56);
	put8(&h, 17, (uint8_t)-61);
	put8(&h, 18, 0);
	put8(&h, 19, (uint8_t)-57);
	put8(&h, 20, 1);
	finish(&h, 21);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, NULL), 0);
	assert_int_equal(ri.signal_dbm, -56);
	assert_int_equal(ri.nchains, 2);
	assert_int_equal(ri.chain_signal_dbm[0], -61);
	assert_int_equal(ri.chain_antenna[0], 0);
	assert_int_equal(ri.chain_signal_dbm[1], -57);
	assert_int_equal(ri.chain_antenna[1], 1);
}

static void test_radiotap_skips_vendor_namespace_by_its_skip_length(void **state)
{
	/* word 0: flags, vendor namespace; word 1 (vendor): bits we cannot know,
	 * then back to radiotap; word 2: signal + antenna */
	uint32_t w[] = {
		BIT(RADIOTAP_FLAGS) | BIT(RADIOTAP_VENDOR_NAMESPACE) | BIT(RADIOTAP_EXT),
		BIT(0) | BIT(3) | BIT(7) | BIT(RADIOTAP_RADIOTAP_NAMESPACE) | BIT(RADIOTAP_EXT),
		BIT(RADIOTAP_DBM_ANTSIGNAL) | BIT(RADIOTAP_ANTENNA),
	};
	struct radiotap_info ri;
	struct hdr h;

	(void)state;
	begin(&h, w, 3);
	put8(&h, 16, RADIOTAP_F_BADFCS);
	/* vendor namespace header at 18 (2-aligned): OUI 00:11:22, sub 0, skip 5 */
	put8(&h, 18, 0x00);
	put8(&h, 19, 0x11);
	put8(&h, 20, 0x22);
	put8(&h, 21, 0);
	put16(&h, 22, 5);
	memset(h.b + 24, 0xee, 5); /* vendor data 24..28, skipped unread */
	put8(&h, 29, (uint8_t)-70);
	put8(&h, 30, 2);
	finish(&h, 31);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, NULL), 0);
	assert_true(ri.bad_fcs);
	assert_int_equal(ri.signal_dbm, INT_MIN);
	assert_int_equal(ri.nchains, 1);
	assert_int_equal(ri.chain_signal_dbm[0], -70);
	assert_int_equal(ri.chain_antenna[0], 2);
}

static void test_radiotap_refuses_vendor_namespace_longer_than_header(void **state)
{
	uint32_t w[] = { BIT(RADIOTAP_VENDOR_NAMESPACE) | BIT(RADIOTAP_EXT),
			 BIT(RADIOTAP_RADIOTAP_NAMESPACE) | BIT(RADIOTAP_EXT),
			 BIT(RADIOTAP_DBM_ANTSIGNAL) };
	struct radiotap_info ri;
	struct ns_err err = { 0 };
	struct hdr h;

	(void)state;
	begin(&h, w, 3);
	put16(&h, 20, 200); /* skip 200 bytes in a 30-byte header */
	finish(&h, 30);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "vendor namespace"));
}

static void test_radiotap_reads_mcs_index_and_bandwidth(void **state)
{
	uint32_t w[] = { BIT(RADIOTAP_DBM_ANTSIGNAL) | BIT(RADIOTAP_MCS) };
	struct radiotap_info ri;
	struct hdr h;

	(void)state;
	begin(&h, w, 1);
	put8(&h, 8, (uint8_t)-60);
	put8(&h, 9, 0x03);  /* known: bandwidth, index */
	put8(&h, 10, 0x01); /* 40 MHz */
	put8(&h, 11, 15);
	finish(&h, 12);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, NULL), 0);
	assert_int_equal(ri.mcs_index, 15);
	assert_int_equal(ri.bandwidth_mhz, 40);
}

static void test_radiotap_reads_vht_mcs_nss_and_bandwidth(void **state)
{
	uint32_t w[] = { BIT(RADIOTAP_FLAGS) | BIT(RADIOTAP_VHT) };
	struct radiotap_info ri;
	struct hdr h;

	(void)state;
	begin(&h, w, 1);
	put8(&h, 8, 0);
	/* VHT at 10 (2-aligned): known = bandwidth (0x0040), flags, bw 4 (80), mcs 9 nss 2 */
	put16(&h, 10, 0x0040);
	put8(&h, 12, 0);
	put8(&h, 13, 4);
	put8(&h, 14, 0x92);
	finish(&h, 22);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, NULL), 0);
	assert_int_equal(ri.vht_mcs, 9);
	assert_int_equal(ri.vht_nss, 2);
	assert_int_equal(ri.bandwidth_mhz, 80);
}

static void test_radiotap_stops_quietly_at_field_of_unknown_size(void **state)
{
	/* signal is read; the TLV field (28) has no fixed size: the walk ends */
	uint32_t w[] = { BIT(RADIOTAP_DBM_ANTSIGNAL) | BIT(RADIOTAP_TLV) };
	struct radiotap_iter it;
	struct radiotap_info ri;
	struct hdr h;

	(void)state;
	begin(&h, w, 1);
	put8(&h, 8, (uint8_t)-33);
	finish(&h, 20);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, NULL), 0);
	assert_int_equal(ri.signal_dbm, -33);
	assert_int_equal(radiotap_iter_init(&it, h.b, h.len, NULL), 0);
	assert_int_equal(radiotap_iter_next(&it, NULL), 1);
	assert_int_equal(radiotap_iter_next(&it, NULL), 0);
	assert_true(it.stopped_unknown);
}

static void test_radiotap_refuses_headers_that_lie_about_lengths(void **state)
{
	uint32_t one[] = { BIT(RADIOTAP_DBM_ANTSIGNAL) };
	uint32_t ext[] = { BIT(RADIOTAP_EXT) };
	struct radiotap_info ri;
	struct ns_err err = { 0 };
	struct hdr h;

	(void)state;
	/* shorter than the fixed part */
	assert_int_equal(radiotap_parse((const uint8_t *)"\0\0\x08", 3, &ri, &err), -EINVAL);
	/* it_len beyond the packet */
	begin(&h, one, 1);
	finish(&h, 9);
	assert_int_equal(radiotap_parse(h.b, 8, &ri, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "packet has 8"));
	/* a field announced but the header ends */
	begin(&h, one, 1);
	finish(&h, 8);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "runs past"));
	/* an extended bitmap announced but the header ends */
	begin(&h, ext, 1);
	finish(&h, 8);
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "bitmaps"));
	/* it_len below 8 */
	begin(&h, one, 1);
	finish(&h, 4);
	h.len = 12;
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, &err), -EINVAL);
	/* version 1 */
	begin(&h, one, 1);
	put8(&h, 8, 0);
	finish(&h, 9);
	h.b[0] = 1;
	assert_int_equal(radiotap_parse(h.b, h.len, &ri, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "version 1"));
}

static void test_radiotap_parses_real_header_with_three_namespaces(void **state)
{
	/* The radiotap header of a probe response captured by someone else
	 * (secdev/scapy test/scapy/layers/dot11.uts, "Dot11EltCountry
	 * dissection"); tcpdump prints "12.0 Mb/s 2437 MHz 11g -56dBm signal
	 * -61dBm signal antenna 0 -57dBm signal antenna 1". */
	static const uint8_t hdr[] = {
		0x00, 0x00, 0x26, 0x00, 0x2f, 0x40, 0x00, 0xa0, 0x20, 0x08, 0x00, 0xa0,
		0x20, 0x08, 0x00, 0x00, 0x52, 0xa9, 0x5b, 0x23, 0x00, 0x00, 0x00, 0x00,
		0x10, 0x18, 0x85, 0x09, 0xc0, 0x00, 0xc8, 0x00, 0x00, 0x00, 0xc3, 0x00,
		0xc7, 0x01,
	};
	struct radiotap_info ri;

	(void)state;
	assert_int_equal(radiotap_parse(hdr, sizeof(hdr), &ri, NULL), 0);
	assert_int_equal(ri.header_len, 38);
	assert_true(ri.tsft_us == 593209682);
	assert_true(ri.fcs_at_end);
	assert_int_equal(ri.rate_500kbps, 24);
	assert_int_equal(ri.freq_mhz, 2437);
	assert_int_equal(ri.signal_dbm, -56);
	assert_int_equal(ri.nchains, 2);
	assert_int_equal(ri.chain_signal_dbm[0], -61);
	assert_int_equal(ri.chain_antenna[0], 0);
	assert_int_equal(ri.chain_signal_dbm[1], -57);
	assert_int_equal(ri.chain_antenna[1], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_radiotap_reads_tsft_flags_rate_channel_signal_noise),
		cmocka_unit_test(test_radiotap_aligns_fields_to_their_size_from_header_start),
		cmocka_unit_test(test_radiotap_tsft_after_two_bitmaps_is_padded_to_16),
		cmocka_unit_test(test_radiotap_reads_per_chain_signals_from_later_namespaces),
		cmocka_unit_test(test_radiotap_skips_vendor_namespace_by_its_skip_length),
		cmocka_unit_test(test_radiotap_refuses_vendor_namespace_longer_than_header),
		cmocka_unit_test(test_radiotap_reads_mcs_index_and_bandwidth),
		cmocka_unit_test(test_radiotap_reads_vht_mcs_nss_and_bandwidth),
		cmocka_unit_test(test_radiotap_stops_quietly_at_field_of_unknown_size),
		cmocka_unit_test(test_radiotap_refuses_headers_that_lie_about_lengths),
		cmocka_unit_test(test_radiotap_parses_real_header_with_three_namespaces),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
