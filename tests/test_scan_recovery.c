/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_scan_recovery.c — a radio that misbehaves: scans that hang, a busy
 * radio, a kernel that leaves the station's SSID out, and a radio that goes
 * away. The one-shot scan against the fake kernel (tests/support/nl_fake.h);
 * the sampling loop against the simulated radio (scanner/nl_sim.h), which
 * delivers scan events as the kernel does.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ftw.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <linux/nl80211.h>

#include "scanner/iface.h"
#include "scanner/nl_sim.h"
#include "scanner/radio.h"
#include "scanner/sampler.h"
#include "scanner/scan.h"
#include "tests/support/nl_fake.h"
#include "tests/support/survey_fixtures.h"
#include "util/clock.h"

/* ---- the one-shot scan ------------------------------------------------------------ */

static void test_scan_that_times_out_is_aborted_so_the_radio_is_free(void **state)
{
	struct nl80211 nl;
	struct wifi_scan_params p = { .timeout_ms = 150 };
	struct wifi_scan_result res = { 0 };
	struct ns_err err = { 0 };
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct genlmsghdr *g;

	(void)state;
	nl_fake_open(&nl);
	nl.scan_group = 0x10; /* a real socket on nlctrl's group: no scan event ever comes */
	nl_fake_datagram();
	nl_fake_add_error(0, NULL); /* the trigger is accepted */
	nl_fake_datagram();
	nl_fake_add_error(0, NULL); /* the abort too */
	assert_int_equal(wifi_scan(&nl, 3, &p, &res, &err), -ETIMEDOUT);
	g = nlmsg_data(nlmsg_hdr(nl_fake_last_sent()));
	assert_int_equal(g->cmd, NL80211_CMD_ABORT_SCAN);
	assert_int_equal(genlmsg_parse(nlmsg_hdr(nl_fake_last_sent()), 0, tb, NL80211_ATTR_MAX, NULL), 0);
	assert_int_equal(nla_get_u32(tb[NL80211_ATTR_IFINDEX]), 3);
	assert_string_equal(err.msg, "the scan did not finish within 150 ms; it was aborted, so the "
				     "radio is free again");
	wifi_scan_result_release(&res);
	nl80211_close(&nl);
}

/* A radio's band list as the kernel sends it: 2.4 GHz 1-13 (12, 13 no-IR), 5 GHz 36-48 (52, 56 DFS), S1G. */
static struct nl_msg *wiphy_msg(void)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_WIPHY, NLM_F_MULTI);
	struct nlattr *bands, *band, *freqs, *f;
	static const int five[] = { 5180, 5200, 5220, 5240, 5260, 5280 };

	nla_put_u32(msg, NL80211_ATTR_WIPHY, 2);
	nla_put_string(msg, NL80211_ATTR_WIPHY_NAME, "phy2");
	bands = nla_nest_start(msg, NL80211_ATTR_WIPHY_BANDS);
	band = nla_nest_start(msg, NL80211_BAND_2GHZ);
	freqs = nla_nest_start(msg, NL80211_BAND_ATTR_FREQS);
	for (int ch = 1; ch <= 14; ch++) {
		f = nla_nest_start(msg, ch);
		nla_put_u32(msg, NL80211_FREQUENCY_ATTR_FREQ, ch == 14 ? 2484 : (uint32_t)(2407 + 5 * ch));
		if (ch == 14)
			nla_put_flag(msg, NL80211_FREQUENCY_ATTR_DISABLED);
		if (ch >= 12)
			nla_put_flag(msg, NL80211_FREQUENCY_ATTR_NO_IR);
		nla_nest_end(msg, f);
	}
	nla_nest_end(msg, freqs);
	nla_nest_end(msg, band);
	band = nla_nest_start(msg, NL80211_BAND_5GHZ);
	freqs = nla_nest_start(msg, NL80211_BAND_ATTR_FREQS);
	for (int i = 0; i < 6; i++) {
		f = nla_nest_start(msg, i + 1);
		nla_put_u32(msg, NL80211_FREQUENCY_ATTR_FREQ, (uint32_t)five[i]);
		if (i >= 4) {
			nla_put_flag(msg, NL80211_FREQUENCY_ATTR_NO_IR);
			nla_put_flag(msg, NL80211_FREQUENCY_ATTR_RADAR);
		}
		nla_nest_end(msg, f);
	}
	nla_nest_end(msg, freqs);
	nla_nest_end(msg, band);
	band = nla_nest_start(msg, NL80211_BAND_S1GHZ);
	freqs = nla_nest_start(msg, NL80211_BAND_ATTR_FREQS);
	f = nla_nest_start(msg, 1);
	nla_put_u32(msg, NL80211_FREQUENCY_ATTR_FREQ, 902);
	nla_put_u32(msg, NL80211_FREQUENCY_ATTR_OFFSET, 500);
	nla_nest_end(msg, f);
	nla_nest_end(msg, freqs);
	nla_nest_end(msg, band);
	nla_nest_end(msg, bands);
	return msg;
}

static void test_phy_lists_every_band_and_which_channels_are_passive(void **state)
{
	struct nl_msg *msg = wiphy_msg();
	struct wifi_phy *phy = calloc(1, sizeof(*phy));
	char buf[16];

	(void)state;
	assert_int_equal(wifi_parse_phy(msg, phy), 0);
	nlmsg_free(msg);
	assert_string_equal(phy->name, "phy2");
	assert_int_equal(phy->bands, WIFI_BAND_2GHZ | WIFI_BAND_5GHZ | WIFI_BAND_S1GHZ);
	assert_int_equal(phy->nfreqs, 13 + 6 + 1); /* channel 14 is disabled */
	assert_int_equal(phy->freq_flags[11], WIFI_CHAN_NO_IR);
	assert_int_equal(phy->freq_flags[13 + 4], WIFI_CHAN_NO_IR | WIFI_CHAN_RADAR);
	assert_int_equal(phy->freqs[19], 902);
	assert_int_equal(phy->freq_khz_offset[19], 500);
	assert_int_equal(phy->freq_band[19], NL80211_BAND_S1GHZ);
	assert_string_equal(wifi_band_name(NL80211_BAND_S1GHZ, buf, sizeof(buf)), "S1G (900 MHz)");
	assert_string_equal(wifi_band_id(NL80211_BAND_S1GHZ, buf, sizeof(buf)), "S1GHz");
	assert_string_equal(wifi_band_id(9, buf, sizeof(buf)), "band9");
	free(phy);
}

static void test_scan_timeout_grows_with_the_channels_and_more_for_passive_ones(void **state)
{
	struct nl_msg *msg = wiphy_msg();
	struct wifi_phy *phy = calloc(1, sizeof(*phy));
	static const int some[] = { 2412, 2467, 5260, 5955 };
	int n = 0;

	(void)state;
	assert_int_equal(wifi_parse_phy(msg, phy), 0);
	nlmsg_free(msg);
	/* 11 + 4 + 1 active (200 ms), 2 + 2 passive (500 ms), 2 s to start and end */
	assert_int_equal(wifi_scan_timeout_ms(phy, NULL, 0, &n), 2000 + 16 * 200 + 4 * 500);
	assert_int_equal(n, 20);
	/* named channels: 2412 active; 2467 no-IR, 5260 DFS, 5955 unknown to this radio: passive */
	assert_int_equal(wifi_scan_timeout_ms(phy, some, 4, &n), 2000 + 200 + 3 * 500);
	assert_int_equal(n, 4);
	/* a radio whose channels could not be read: sized for a dual-band laptop's 40 */
	assert_int_equal(wifi_scan_timeout_ms(NULL, NULL, 0, NULL), 2000 + 40 * 500);
	free(phy);
}

/* ---- the sampling loop against the simulated radio ---------------------------------- */

#define MAX_SEEN 64

struct seen {
	int n;
	struct meas_sample s[MAX_SEEN];
	size_t nobs[MAX_SEEN];
	struct meas_link l[MAX_SEEN];
};

static int64_t keep(void *arg, struct meas_sample *s, const struct meas_observation *obs,
		    size_t nobs, const struct meas_link *link, const struct meas_throughput *tp,
		    struct ns_err *err)
{
	struct seen *seen = arg;

	(void)obs;
	(void)tp;
	(void)err;
	if (seen->n < MAX_SEEN) {
		seen->s[seen->n] = *s;
		seen->nobs[seen->n] = nobs;
		if (link)
			seen->l[seen->n] = *link;
		seen->n++;
	}
	return seen->n;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Run the sampler for up to @ms, or until @until (a kind) has been stored with status ok. */
static int run_for(struct sampler *sp, struct seen *seen, int ms, enum meas_kind until,
		   struct ns_err *err)
{
	int64_t end = ns_mono_us() + (int64_t)ms * 1000;

	while (ns_mono_us() < end) {
		int rc = sampler_run(sp, err);

		if (rc < 0)
			return rc;
		for (int i = 0; i < seen->n; i++)
			if (until && seen->s[i].kind == until && seen->s[i].status == SAMPLE_OK)
				return 0;
		sleep_ms(5);
	}
	return 0;
}

static void test_sampler_aborts_a_hung_scan_and_the_next_one_succeeds(void **state)
{
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct seen seen = { 0 };
	struct ns_err err = { 0 };
	struct sampler_config cfg = { .ifindex = 3, .link_hz = -1, .scan_interval_ms = 0,
				      .survey_interval_ms = -1, .scan_timeout_ms = 100 };
	struct sampler_sink sink = { keep, &seen, NULL };
	int64_t t0 = ns_mono_us();

	(void)state;
	assert_int_equal(nl_sim_open(&nl, "sim:hang=1", &err), 0);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	assert_int_equal(run_for(sp, &seen, 3000, SAMPLE_SCAN, &err), 0);
	/* the hung scan is stored as a timeout, then the next scan is accepted and ends */
	assert_true(seen.n >= 2);
	assert_int_equal(seen.s[0].kind, SAMPLE_SCAN);
	assert_int_equal(seen.s[0].status, SAMPLE_TIMEOUT);
	assert_string_equal(seen.s[0].error,
			    "the scan did not finish within 100 ms: aborted, scanning again");
	assert_int_equal(seen.s[seen.n - 1].status, SAMPLE_OK);
	assert_int_equal(seen.nobs[seen.n - 1], 12); /* the simulated radio's whole table */
	for (int i = 1; i < seen.n - 1; i++) /* nothing busy in between: the abort freed the radio */
		assert_int_not_equal(seen.s[i].status, SAMPLE_SCAN_FAILED);
	assert_true(ns_mono_us() - t0 < 1000000);
	sampler_free(sp);
	nl80211_close(&nl);
}

static void test_sampler_stores_a_busy_radio_as_data_and_tries_again(void **state)
{
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct seen seen = { 0 };
	struct ns_err err = { 0 };
	struct sampler_config cfg = { .ifindex = 3, .link_hz = -1, .scan_interval_ms = 0,
				      .survey_interval_ms = -1 };
	struct sampler_sink sink = { keep, &seen, NULL };

	(void)state;
	assert_int_equal(nl_sim_open(&nl, "sim:busy=2", &err), 0);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	assert_int_equal(run_for(sp, &seen, 3000, SAMPLE_SCAN, &err), 0);
	assert_int_equal(seen.n, 3);
	assert_int_equal(seen.s[0].status, SAMPLE_SCAN_FAILED);
	assert_string_equal(seen.s[0].error, "triggering a scan: the radio is busy with another scan "
					     "(Device or resource busy); trying again in 100 ms");
	assert_int_equal(seen.s[1].status, SAMPLE_SCAN_FAILED);
	assert_non_null(strstr(seen.s[1].error, "trying again in 200 ms"));
	assert_true(seen.s[1].mono_us - seen.s[0].mono_us >= 100000);
	assert_int_equal(seen.s[2].status, SAMPLE_OK);
	sampler_free(sp);
	nl80211_close(&nl);
}

static void test_link_samples_carry_the_ssid_of_the_associated_bss(void **state)
{
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct seen seen = { 0 };
	struct ns_err err = { 0 };
	struct sampler_config cfg = { .ifindex = 3, .link_hz = 50, .scan_interval_ms = -1,
				      .survey_interval_ms = -1 };
	struct sampler_sink sink = { keep, &seen, NULL };

	(void)state;
	/* the simulated station has no SSID in GET_INTERFACE, as on some kernels */
	assert_int_equal(nl_sim_open(&nl, "sim", &err), 0);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	assert_int_equal(run_for(sp, &seen, 2000, SAMPLE_LINK, &err), 0);
	assert_int_equal(seen.s[0].kind, SAMPLE_LINK);
	assert_int_equal(seen.s[0].status, SAMPLE_OK);
	assert_string_equal(seen.l[0].ssid, "ward-open");
	sampler_free(sp);
	nl80211_close(&nl);
}

/* ---- the radio goes away ---------------------------------------------------------------- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove the test's directory tree and free its name. */
static void rm_tree(char *dir)
{
	assert_int_equal(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
	free(dir);
}

static void put_file(const char *dir, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void make_dir(const char *dir, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

/* A sysfs as the kernel lays it out for wlan0 on phy0, up and unblocked. */
static void make_sysfs(const char *dir)
{
	make_dir(dir, "class");
	make_dir(dir, "class/net");
	make_dir(dir, "class/net/wlan0");
	make_dir(dir, "class/net/wlan0/phy80211");
	make_dir(dir, "class/net/wlan0/phy80211/rfkill0");
	make_dir(dir, "class/rfkill");
	make_dir(dir, "class/rfkill/rfkill7");
	put_file(dir, "class/net/wlan0/flags", "0x1003\n");
	put_file(dir, "class/net/wlan0/phy80211/rfkill0/name", "phy0\n");
	put_file(dir, "class/net/wlan0/phy80211/rfkill0/type", "wlan\n");
	put_file(dir, "class/net/wlan0/phy80211/rfkill0/soft", "0\n");
	put_file(dir, "class/net/wlan0/phy80211/rfkill0/hard", "0\n");
	put_file(dir, "class/rfkill/rfkill7/name", "tpacpi_bluetooth_sw\n");
	put_file(dir, "class/rfkill/rfkill7/type", "bluetooth\n");
	put_file(dir, "class/rfkill/rfkill7/soft", "1\n");
	put_file(dir, "class/rfkill/rfkill7/hard", "1\n");
}

static void test_radio_check_names_rfkill_a_removed_or_a_downed_interface(void **state)
{
	char *dir = survey_test_tmpdir();
	struct ns_err err = { 0 };

	(void)state;
	make_sysfs(dir);
	/* a blocked Bluetooth switch is not the Wi-Fi's business */
	assert_int_equal(wifi_radio_check(dir, "wlan0", &err), 0);
	put_file(dir, "class/net/wlan0/phy80211/rfkill0/soft", "1\n");
	assert_int_equal(wifi_radio_check(dir, "wlan0", &err), -ERFKILL);
	assert_string_equal(err.msg, "wlan0 is blocked by rfkill: a soft block by switch phy0 "
				     "(airplane mode or 'rfkill block'; 'rfkill unblock wlan' lifts it)");
	put_file(dir, "class/net/wlan0/phy80211/rfkill0/soft", "0\n");
	make_dir(dir, "class/rfkill/rfkill8");
	put_file(dir, "class/rfkill/rfkill8/name", "ideapad_wlan\n");
	put_file(dir, "class/rfkill/rfkill8/type", "wlan\n");
	put_file(dir, "class/rfkill/rfkill8/hard", "1\n");
	assert_int_equal(wifi_radio_check(dir, "wlan0", &err), -ERFKILL);
	assert_non_null(strstr(err.msg, "a hard block by switch ideapad_wlan"));
	put_file(dir, "class/rfkill/rfkill8/hard", "0\n");
	put_file(dir, "class/net/wlan0/flags", "0x1002\n");
	assert_int_equal(wifi_radio_check(dir, "wlan0", &err), -ENETDOWN);
	assert_string_equal(err.msg, "wlan0 is down (ip link set wlan0 up)");
	assert_int_equal(wifi_radio_check(dir, "wlan9", &err), -ENODEV);
	assert_string_equal(err.msg, "wlan9 is gone: the interface was removed (adapter unplugged or "
				     "its driver unloaded)");
	rm_tree(dir);
}

static void remove_wlan0(const char *dir)
{
	static const char *const files[] = {
		"class/net/wlan0/phy80211/rfkill0/name", "class/net/wlan0/phy80211/rfkill0/type",
		"class/net/wlan0/phy80211/rfkill0/soft", "class/net/wlan0/phy80211/rfkill0/hard",
		"class/net/wlan0/phy80211/rfkill0", "class/net/wlan0/phy80211",
		"class/net/wlan0/flags", "class/net/wlan0",
	};
	char path[512];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		assert_int_equal(remove(path), 0);
	}
}

/* The radio goes (@how: 'r' removed, 'k' rfkill): the sampler stops with @want. */
static void vanish(char how, int want, const char *phrase)
{
	char *dir = survey_test_tmpdir();
	char spec[600];
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct seen seen = { 0 };
	struct ns_err err = { 0 };
	struct sampler_config cfg = { .ifindex = 3, .link_hz = 50, .scan_interval_ms = 0,
				      .survey_interval_ms = 200 };
	struct sampler_sink sink = { keep, &seen, NULL };
	int rc = 0, ok_before;

	make_sysfs(dir);
	snprintf(spec, sizeof(spec), "sim:sysfs=%s", dir);
	assert_int_equal(nl_sim_open(&nl, spec, &err), 0);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	assert_int_equal(run_for(sp, &seen, 300, 0, &err), 0);
	ok_before = seen.n;
	assert_true(ok_before > 3);
	if (how == 'r')
		remove_wlan0(dir);
	else
		put_file(dir, "class/net/wlan0/phy80211/rfkill0/soft", "1\n");
	rc = run_for(sp, &seen, 3000, 0, &err);
	assert_int_equal(rc, want);
	assert_non_null(strstr(err.msg, phrase));
	/* what failed before it stopped is stored as data, and it stopped at once */
	assert_true(seen.n > ok_before);
	assert_true(seen.n < ok_before + 10);
	assert_int_not_equal(seen.s[seen.n - 1].status, SAMPLE_OK);
	sampler_free(sp);
	nl80211_close(&nl);
	rm_tree(dir);
}

static void test_sampler_stops_saying_the_interface_is_gone(void **state)
{
	(void)state;
	vanish('r', -ENODEV, "wlan0 is gone");
}

static void test_sampler_stops_naming_rfkill_when_the_radio_is_blocked(void **state)
{
	(void)state;
	vanish('k', -ERFKILL, "wlan0 is blocked by rfkill: a soft block by switch phy0");
}

static void test_sampler_measures_nothing_while_blocked_and_again_once_unblocked(void **state)
{
	char *dir = survey_test_tmpdir();
	char spec[600];
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct seen seen = { 0 };
	struct ns_err err = { 0 };
	struct sampler_config cfg = { .ifindex = 3, .link_hz = 50, .scan_interval_ms = -1,
				      .survey_interval_ms = -1 };
	struct sampler_sink sink = { keep, &seen, NULL };
	int n;

	(void)state;
	make_sysfs(dir);
	snprintf(spec, sizeof(spec), "sim:sysfs=%s", dir);
	assert_int_equal(nl_sim_open(&nl, spec, &err), 0);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	put_file(dir, "class/net/wlan0/phy80211/rfkill0/soft", "1\n");
	assert_int_equal(run_for(sp, &seen, 2000, 0, &err), -ERFKILL);
	n = seen.n;
	/* every later run says so at once and stores nothing */
	for (int i = 0; i < 5; i++) {
		assert_int_equal(sampler_run(sp, &err), -ERFKILL);
		sleep_ms(25);
	}
	assert_int_equal(seen.n, n);
	put_file(dir, "class/net/wlan0/phy80211/rfkill0/soft", "0\n");
	sleep_ms(1100); /* the radio is asked again after a second */
	assert_int_equal(run_for(sp, &seen, 1000, SAMPLE_LINK, &err), 0);
	assert_int_equal(seen.s[seen.n - 1].status, SAMPLE_OK);
	sampler_free(sp);
	nl80211_close(&nl);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_that_times_out_is_aborted_so_the_radio_is_free),
		cmocka_unit_test(test_phy_lists_every_band_and_which_channels_are_passive),
		cmocka_unit_test(test_scan_timeout_grows_with_the_channels_and_more_for_passive_ones),
		cmocka_unit_test(test_sampler_aborts_a_hung_scan_and_the_next_one_succeeds),
		cmocka_unit_test(test_sampler_stores_a_busy_radio_as_data_and_tries_again),
		cmocka_unit_test(test_link_samples_carry_the_ssid_of_the_associated_bss),
		cmocka_unit_test(test_radio_check_names_rfkill_a_removed_or_a_downed_interface),
		cmocka_unit_test(test_sampler_stops_saying_the_interface_is_gone),
		cmocka_unit_test(test_sampler_stops_naming_rfkill_when_the_radio_is_blocked),
		cmocka_unit_test(test_sampler_measures_nothing_while_blocked_and_again_once_unblocked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
