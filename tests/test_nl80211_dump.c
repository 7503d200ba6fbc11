/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_nl80211_dump.c — the request/reply loop against a fake kernel
 * (tests/support/nl_fake.c): dumps split over several datagrams, interrupted
 * dumps retried, the kernel's errors and extended-ack text, what a scan
 * trigger asks for.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/netlink.h>
#include <linux/nl80211.h>

#include "scanner/iface.h"
#include "scanner/scan.h"
#include "scanner/station.h"
#include "tests/support/nl_fake.h"

static void queue_bss(uint8_t last, int signal_mbm, int flags)
{
	struct nl_build_bss b;
	uint8_t ies[64];
	char ssid[16];

	nl_build_bss_defaults(&b, last);
	snprintf(ssid, sizeof(ssid), "bss-%u", last);
	b.ies = ies;
	b.ies_len = nl_build_ies(ies, sizeof(ies), ssid, 1);
	b.signal_mbm = signal_mbm;
	nl_fake_add(nl_build_bss(&b, 3, NLM_F_MULTI | flags));
}

static void test_scan_dump_split_over_several_messages(void **state)
{
	struct nl80211 nl;
	struct wifi_scan_result res = { 0 };
	struct ns_err err = { 0 };

	(void)state;
	nl_fake_open(&nl);
	/* Three datagrams of two BSSes each, as the kernel fills its skbs; DONE last. */
	for (int d = 0; d < 3; d++) {
		nl_fake_datagram();
		queue_bss((uint8_t)(2 * d), -4000 - 100 * d, 0);
		queue_bss((uint8_t)(2 * d + 1), -4050 - 100 * d, 0);
	}
	nl_fake_add_done(0);
	assert_int_equal(wifi_scan_dump(&nl, 3, &res, &err), 0);
	assert_int_equal(res.n, 6);
	assert_int_equal(res.skipped, 0);
	assert_int_equal(res.bss[5].bssid[5], 5);
	assert_string_equal(res.bss[5].ssid, "bss-5");
	assert_float_equal(res.bss[5].signal_dbm, -42.5, 1e-9);
	assert_int_equal(nl_fake_pending(), 0);
	assert_int_equal(nl_fake_sent_count(), 1);
	/* The request was a GET_SCAN dump for ifindex 3. */
	struct nlmsghdr *h = nlmsg_hdr(nl_fake_last_sent());
	struct genlmsghdr *g = nlmsg_data(h);
	struct nlattr *a = nlmsg_find_attr(h, GENL_HDRLEN, NL80211_ATTR_IFINDEX);
	assert_int_equal(g->cmd, NL80211_CMD_GET_SCAN);
	assert_true(h->nlmsg_flags & NLM_F_DUMP);
	assert_non_null(a);
	assert_int_equal(nla_get_u32(a), 3);
	wifi_scan_result_release(&res);
	nl80211_close(&nl);
}

static void test_scan_dump_skips_bss_without_bssid(void **state)
{
	struct nl80211 nl;
	struct wifi_scan_result res = { 0 };
	struct nl_build_bss b;

	(void)state;
	nl_fake_open(&nl);
	nl_fake_datagram();
	queue_bss(1, -6000, 0);
	nl_build_bss_defaults(&b, 2);
	b.bssid_len = 0;
	nl_fake_add(nl_build_bss(&b, 3, NLM_F_MULTI));
	queue_bss(3, -6000, 0);
	nl_fake_add_done(0);
	assert_int_equal(wifi_scan_dump(&nl, 3, &res, NULL), 0);
	assert_int_equal(res.n, 2);
	assert_int_equal(res.skipped, 1);
	assert_int_equal(res.bss[1].bssid[5], 3);
	wifi_scan_result_release(&res);
	nl80211_close(&nl);
}

static void test_scan_dump_retries_after_dump_intr(void **state)
{
	struct nl80211 nl;
	struct wifi_scan_result res = { 0 };

	(void)state;
	nl_fake_open(&nl);
	/* First attempt: the table changed mid-dump (NLM_F_DUMP_INTR on a part). */
	nl_fake_datagram();
	queue_bss(1, -6000, 0);
	nl_fake_datagram();
	queue_bss(2, -6100, NLM_F_DUMP_INTR);
	nl_fake_add_done(NLM_F_DUMP_INTR);
	/* Second attempt: consistent. */
	nl_fake_datagram();
	queue_bss(7, -5000, 0);
	queue_bss(8, -5100, 0);
	queue_bss(9, -5200, 0);
	nl_fake_add_done(0);
	assert_int_equal(wifi_scan_dump(&nl, 3, &res, NULL), 0);
	assert_int_equal(nl_fake_sent_count(), 2);
	assert_int_equal(res.n, 3); /* only the consistent dump's entries */
	assert_int_equal(res.bss[0].bssid[5], 7);
	assert_int_equal(nl_fake_pending(), 0);
	wifi_scan_result_release(&res);
	nl80211_close(&nl);
}

static void test_scan_dump_gives_up_after_repeated_dump_intr(void **state)
{
	struct nl80211 nl;
	struct wifi_scan_result res = { 0 };
	struct ns_err err = { 0 };

	(void)state;
	nl_fake_open(&nl);
	for (int i = 0; i < NL80211_DUMP_RETRIES; i++) {
		nl_fake_datagram();
		queue_bss(1, -6000, NLM_F_DUMP_INTR);
		nl_fake_add_done(NLM_F_DUMP_INTR);
	}
	assert_int_equal(wifi_scan_dump(&nl, 3, &res, &err), -EAGAIN);
	assert_int_equal(nl_fake_sent_count(), NL80211_DUMP_RETRIES);
	assert_non_null(strstr(err.msg, "dump interrupted"));
	wifi_scan_result_release(&res);
	nl80211_close(&nl);
}

static void test_kernel_error_carries_extended_ack_text(void **state)
{
	struct nl80211 nl;
	struct wifi_scan_params p = { 0 };
	struct ns_err err = { 0 };

	(void)state;
	nl_fake_open(&nl);
	nl_fake_datagram();
	nl_fake_add_error(-EINVAL, "unsupported scan frequency");
	assert_int_equal(wifi_scan_request(&nl, 3, &p, &err), -EINVAL);
	assert_int_equal(err.code, -EINVAL);
	assert_string_equal(err.msg, "triggering a scan: the kernel refused: Invalid argument "
				     "(unsupported scan frequency)");
	nl80211_close(&nl);
}

static void test_kernel_errno_is_returned_negative(void **state)
{
	struct nl80211 nl;
	struct wifi_scan_params p = { 0 };
	struct ns_err err = { 0 };

	(void)state;
	nl_fake_open(&nl);
	nl_fake_datagram();
	nl_fake_add_error(-EPERM, NULL);
	nl_fake_datagram();
	nl_fake_add_error(-EBUSY, NULL);
	assert_int_equal(wifi_scan_request(&nl, 3, &p, &err), -EPERM);
	assert_string_equal(err.msg, "triggering a scan: the kernel refused: Operation not permitted");
	assert_int_equal(wifi_scan_request(&nl, 3, &p, &err), -EBUSY);
	nl80211_close(&nl);
}

static void test_trigger_asks_for_named_frequencies_flush_and_wildcard_ssid(void **state)
{
	struct nl80211 nl;
	const int freqs[] = { 2412, 5180 };
	struct wifi_scan_params p = { .freqs = freqs, .nfreqs = 2, .flush = true };
	struct nlattr *tb[NL80211_ATTR_MAX + 1], *f;
	int rem, n = 0, got[4];

	(void)state;
	nl_fake_open(&nl);
	nl_fake_datagram();
	nl_fake_add_error(0, NULL); /* ack */
	assert_int_equal(wifi_scan_request(&nl, 3, &p, NULL), 0);
	assert_int_equal(nl80211_parse(nl_fake_last_sent(), tb), 0);
	assert_int_equal(((struct genlmsghdr *)nlmsg_data(nlmsg_hdr(nl_fake_last_sent())))->cmd,
			 NL80211_CMD_TRIGGER_SCAN);
	assert_non_null(tb[NL80211_ATTR_SCAN_FREQUENCIES]);
	nla_for_each_nested(f, tb[NL80211_ATTR_SCAN_FREQUENCIES], rem)
		if (n < 4)
			got[n++] = (int)nla_get_u32(f);
	assert_int_equal(n, 2);
	assert_int_equal(got[0], 2412);
	assert_int_equal(got[1], 5180);
	assert_non_null(tb[NL80211_ATTR_SCAN_FLAGS]);
	assert_int_equal(nla_get_u32(tb[NL80211_ATTR_SCAN_FLAGS]), NL80211_SCAN_FLAG_FLUSH);
	assert_non_null(tb[NL80211_ATTR_SCAN_SSIDS]); /* active: one wildcard SSID */

	/* Passive, all channels: neither list. */
	p = (struct wifi_scan_params){ .passive = true };
	nl_fake_datagram();
	nl_fake_add_error(0, NULL);
	assert_int_equal(wifi_scan_request(&nl, 3, &p, NULL), 0);
	assert_int_equal(nl80211_parse(nl_fake_last_sent(), tb), 0);
	assert_null(tb[NL80211_ATTR_SCAN_FREQUENCIES]);
	assert_null(tb[NL80211_ATTR_SCAN_SSIDS]);
	assert_null(tb[NL80211_ATTR_SCAN_FLAGS]);
	nl80211_close(&nl);
}

static void test_scan_without_privilege_falls_back_to_cached_results(void **state)
{
	struct nl80211 nl;
	struct wifi_scan_params p = { 0 };
	struct wifi_scan_result res = { 0 };
	struct ns_err err = { 0 };

	(void)state;
	nl_fake_open(&nl);
	/* wifi_scan() listens on a real generic-netlink socket before triggering;
	 * give it a group every kernel has (nlctrl's "notify", id 0x10). */
	nl.scan_group = 0x10;
	nl_fake_datagram();
	nl_fake_add_error(-EPERM, NULL); /* no CAP_NET_ADMIN */
	nl_fake_datagram();
	queue_bss(1, -6000, 0);
	queue_bss(2, -6500, 0);
	nl_fake_add_done(0);
	assert_int_equal(wifi_scan(&nl, 3, &p, &res, &err), 0);
	assert_true(res.cached);
	assert_non_null(strstr(res.warning, "not permitted to trigger a scan"));
	assert_int_equal(res.n, 2);
	assert_false(res.bss[0].stale); /* cached results are not judged against a trigger */
	wifi_scan_result_release(&res);

	/* Another refusal is an error, not a fallback. */
	nl_fake_datagram();
	nl_fake_add_error(-ENETDOWN, NULL);
	assert_int_equal(wifi_scan(&nl, 3, &p, &res, &err), -ENETDOWN);
	assert_non_null(strstr(err.msg, "triggering a scan: the kernel refused"));
	wifi_scan_result_release(&res);
	nl80211_close(&nl);
}

static void test_busy_radio_is_retried_with_back_off(void **state)
{
	struct nl80211 nl;
	struct wifi_scan_params p = { .timeout_ms = 200, .busy_retries = 2 };
	struct ns_err err = { 0 };

	(void)state;
	nl_fake_open(&nl);
	nl.scan_group = 0x10;
	for (int i = 0; i < 3; i++) {
		nl_fake_datagram();
		nl_fake_add_error(-EBUSY, NULL);
	}
	assert_int_equal(wifi_scan_trigger(&nl, 3, &p, &err), -EBUSY);
	assert_int_equal(nl_fake_sent_count(), 3); /* first try + 2 retries */
	/* Busy once, then accepted: the wait times out (no event comes from the fake). */
	nl_fake_datagram();
	nl_fake_add_error(-EBUSY, NULL);
	nl_fake_datagram();
	nl_fake_add_error(0, NULL);
	assert_int_equal(wifi_scan_trigger(&nl, 3, &p, &err), -ETIMEDOUT);
	assert_int_equal(nl_fake_sent_count(), 5);
	assert_string_equal(err.msg, "the scan did not finish within 200 ms");
	nl80211_close(&nl);
}

static void test_link_not_associated_when_no_station(void **state)
{
	struct nl80211 nl;
	struct wifi_station st;
	struct ns_err err = { 0 };

	(void)state;
	nl_fake_open(&nl);
	nl_fake_datagram();
	nl_fake_add_done(0);
	assert_int_equal(wifi_get_link(&nl, 3, &st, &err), -ENOTCONN);
	assert_string_equal(err.msg, "not associated");
	nl80211_close(&nl);
}

static void queue_iface(int ifindex, const char *name)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_INTERFACE, NLM_F_MULTI);

	nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex);
	nla_put_string(msg, NL80211_ATTR_IFNAME, name);
	nla_put_u32(msg, NL80211_ATTR_WIPHY, 0);
	nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_STATION);
	nla_put(msg, NL80211_ATTR_MAC, 6, "\x02\x00\x00\x00\x00\x09");
	nl_fake_add(msg);
}

static void test_interfaces_listed_by_ifindex_and_unknown_name_refused(void **state)
{
	struct nl80211 nl;
	struct wifi_iface *v = NULL, w;
	struct ns_err err = { 0 };
	size_t n = 0;

	(void)state;
	nl_fake_open(&nl);
	nl_fake_datagram();
	queue_iface(7, "wlan1");
	queue_iface(4, "wlan0");
	nl_fake_add_done(0);
	assert_int_equal(wifi_list_interfaces(&nl, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "wlan0");
	assert_string_equal(v[1].name, "wlan1");
	free(v);
	nl_fake_datagram();
	queue_iface(4, "wlan0");
	nl_fake_add_done(0);
	assert_int_equal(wifi_find_interface(&nl, "nosuch9", &w, &err), -ENODEV);
	assert_string_equal(err.msg, "there is no network interface named 'nosuch9'");
	nl_fake_datagram();
	queue_iface(4, "wlan0");
	nl_fake_add_done(0);
	assert_int_equal(wifi_find_interface(&nl, "lo", &w, &err), -ENODEV);
	assert_string_equal(err.msg, "'lo' is not a wireless interface (nl80211 does not know it)");
	nl80211_close(&nl);
}

static void test_request_after_an_abandoned_one_still_works(void **state)
{
	struct nl80211 nl;
	struct wifi_station st;
	struct wifi_iface *v = NULL;
	size_t n = 0;
	struct ns_err err = { 0 };

	(void)state;
	nl_fake_open(&nl);
	/* A dump whose reply never ends (the read fails half-way): the socket's
	 * expected sequence number is left behind. */
	nl_fake_datagram();
	queue_iface(4, "wlan0"); /* NLM_F_MULTI, and no NLMSG_DONE follows */
	assert_true(wifi_list_interfaces(&nl, &v, &n, &err) < 0);
	/* The next request's replies carry its own sequence number and are read. */
	nl_fake_datagram();
	nl_fake_add_done(0);
	assert_int_equal(wifi_get_link(&nl, 3, &st, &err), -ENOTCONN);
	assert_string_equal(err.msg, "not associated");
	nl80211_close(&nl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_dump_split_over_several_messages),
		cmocka_unit_test(test_scan_dump_skips_bss_without_bssid),
		cmocka_unit_test(test_scan_dump_retries_after_dump_intr),
		cmocka_unit_test(test_scan_dump_gives_up_after_repeated_dump_intr),
		cmocka_unit_test(test_kernel_error_carries_extended_ack_text),
		cmocka_unit_test(test_kernel_errno_is_returned_negative),
		cmocka_unit_test(test_trigger_asks_for_named_frequencies_flush_and_wildcard_ssid),
		cmocka_unit_test(test_scan_without_privilege_falls_back_to_cached_results),
		cmocka_unit_test(test_busy_radio_is_retried_with_back_off),
		cmocka_unit_test(test_link_not_associated_when_no_station),
		cmocka_unit_test(test_interfaces_listed_by_ifindex_and_unknown_name_refused),
		cmocka_unit_test(test_request_after_an_abandoned_one_still_works),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
