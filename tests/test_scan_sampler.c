/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_scan_sampler.c — the sampling loop against the fake kernel and a real
 * survey file: what a link poll, a lost association and a channel survey
 * leave in the file, time-stamped and placed.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <linux/nl80211.h>

#include "scanner/sampler.h"
#include "survey/survey.h"
#include "tests/support/walk_sink.h"
#include "tests/support/nl_fake.h"
#include "tests/support/survey_fixtures.h"
#include "util/clock.h"

static void queue_interfaces(void)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_INTERFACE, NLM_F_MULTI);

	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	nla_put_string(msg, NL80211_ATTR_IFNAME, "wlan0");
	nla_put_u32(msg, NL80211_ATTR_WIPHY, 0);
	nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_STATION);
	nla_put(msg, NL80211_ATTR_MAC, 6, "\x02\x00\x00\x00\x03\x00");
	nla_put(msg, NL80211_ATTR_SSID, 9, "ward-open");
	nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, 2412);
	nl_fake_datagram();
	nl_fake_add(msg);
	nl_fake_add_done(0);
}

static void queue_survey(int noise)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_SURVEY_RESULTS, NLM_F_MULTI);
	struct nlattr *si = nla_nest_start(msg, NL80211_ATTR_SURVEY_INFO);

	nla_put_u32(msg, NL80211_SURVEY_INFO_FREQUENCY, 2412);
	nla_put_u8(msg, NL80211_SURVEY_INFO_NOISE, (uint8_t)(int8_t)noise);
	nla_nest_end(msg, si);
	nl_fake_datagram();
	nl_fake_add(msg);
	nl_fake_add_done(0);
}

static void queue_station(int signal)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_STATION, NLM_F_MULTI);
	struct nlattr *si, *r;

	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	nla_put(msg, NL80211_ATTR_MAC, 6, "\x02\x00\x00\x00\x00\x00");
	si = nla_nest_start(msg, NL80211_ATTR_STA_INFO);
	nla_put_u8(msg, NL80211_STA_INFO_SIGNAL, (uint8_t)(int8_t)signal);
	nla_put_u32(msg, NL80211_STA_INFO_TX_RETRIES, 9);
	r = nla_nest_start(msg, NL80211_STA_INFO_TX_BITRATE);
	nla_put_u32(msg, NL80211_RATE_INFO_BITRATE32, 650);
	nla_nest_end(msg, r);
	nla_nest_end(msg, si);
	nl_fake_datagram();
	nl_fake_add(msg);
	nl_fake_add_done(0);
}

static bool place_at_7_3(void *arg, int64_t t_us, double *x, double *y)
{
	(void)arg;
	(void)t_us;
	*x = 7;
	*y = 3;
	return true;
}

struct seen {
	int n;
	struct meas_sample s[8];
	struct meas_link l[8];
	bool has_link[8];
};

static int collect(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
		   size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct seen *seen = arg;

	(void)obs;
	(void)nobs;
	(void)tput;
	if (seen->n < 8) {
		seen->s[seen->n] = *s;
		seen->has_link[seen->n] = link != NULL;
		if (link)
			seen->l[seen->n] = *link;
		seen->n++;
	}
	return 0;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static void test_sampler_commits_link_noise_and_lost_association_as_data(void **state)
{
	char *dir = survey_test_tmpdir();
	struct survey *sv = NULL;
	struct floorplan *fp = floorplan_new();
	struct survey_walk walk = { 0 };
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct sampler_stats st;
	struct seen seen = { 0 };
	struct survey_query q = { 0 };
	struct ns_err err = { 0 };
	int64_t before = ns_wall_us();

	(void)state;
	assert_int_equal(survey_create(survey_test_path(dir, "s.notspot"), NULL, &sv, &err), 0);
	strcpy(fp->name, "ward");
	walk.floor_id = survey_add_floor(sv, fp, &err);
	assert_true(walk.floor_id > 0);
	walk.id = survey_begin_walk(sv, &walk, &err);
	assert_true(walk.id > 0);

	nl_fake_open(&nl);
	queue_interfaces();   /* sampler_new() learns the SSID and channel */
	struct sampler_config cfg = { .ifindex = 3, .link_hz = 1000, .scan_interval_ms = -1,
				      .survey_interval_ms = 60000 };
	struct walk_sink ws = { sv, walk.id, place_at_7_3, NULL, NULL };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	assert_int_equal(sampler_fd(sp), -1); /* no scans: nothing to poll */

	/* Run 1: a channel survey (interfaces again, then the survey) and a link
	 * poll; the first BSSID seen makes it read the interface once more. */
	queue_interfaces();
	queue_survey(-95);
	queue_station(-61);
	queue_interfaces();
	assert_int_equal(sampler_run(sp, &err), 0);
	/* Run 2: the station is gone (empty dump): a not-associated sample. */
	sleep_ms(3);
	nl_fake_datagram();
	nl_fake_add_done(0);
	assert_int_equal(sampler_run(sp, &err), 0);
	assert_int_equal(nl_fake_pending(), 0);
	sampler_get_stats(sp, &st);
	assert_int_equal(st.links, 2);
	assert_int_equal(st.noise, 1);
	assert_int_equal(st.failed, 1);

	q.walk_id = walk.id;
	assert_int_equal(survey_foreach_sample(sv, &q, collect, &seen, &err), 0);
	assert_int_equal(seen.n, 3);
	/* The survey sample first, then the link, then the failure. */
	assert_int_equal(seen.s[0].kind, SAMPLE_NOISE);
	assert_float_equal(seen.s[0].noise_dbm, -95.0, 0);
	assert_int_equal(seen.s[1].kind, SAMPLE_LINK);
	assert_int_equal(seen.s[1].status, SAMPLE_OK);
	assert_true(seen.has_link[1]);
	assert_float_equal(seen.l[1].signal_dbm, -61.0, 0);
	assert_float_equal(seen.l[1].noise_dbm, -95.0, 0);
	assert_float_equal(seen.l[1].tx_bitrate_mbps, 65.0, 1e-9);
	assert_int_equal(seen.l[1].tx_retries, 9);
	assert_string_equal(seen.l[1].ssid, "ward-open");
	assert_int_equal(seen.l[1].freq_mhz, 2412);
	assert_int_equal(seen.s[2].kind, SAMPLE_LINK);
	assert_int_equal(seen.s[2].status, SAMPLE_NOT_ASSOCIATED);
	assert_string_equal(seen.s[2].error, "not associated");
	assert_false(seen.has_link[2]);
	for (int i = 0; i < 3; i++) {
		assert_true(seen.s[i].placed);
		assert_float_equal(seen.s[i].x_m, 7, 0);
		assert_float_equal(seen.s[i].y_m, 3, 0);
		assert_true(seen.s[i].t_us >= before && seen.s[i].t_us <= ns_wall_us());
		assert_true(seen.s[i].mono_us > 0);
	}
	assert_true(seen.s[1].mono_us <= seen.s[2].mono_us);

	sampler_free(sp);
	nl80211_close(&nl);
	floorplan_free(fp);
	survey_close(sv);
	survey_test_rmdir(dir);
}

struct obs_seen {
	int n;
	struct meas_sample s[4];
	size_t nobs[4];
	uint8_t last_octet[4][4];
};

static int collect_obs(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
		       size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct obs_seen *seen = arg;

	(void)link;
	(void)tput;
	if (seen->n < 4) {
		seen->s[seen->n] = *s;
		seen->nobs[seen->n] = nobs;
		for (size_t i = 0; i < nobs && i < 4; i++)
			seen->last_octet[seen->n][i] = obs[i].bssid[5];
		seen->n++;
	}
	return 0;
}

static void queue_bss_seen(uint8_t last, int seen_ms_ago)
{
	struct nl_build_bss b;
	uint8_t ies[64];

	nl_build_bss_defaults(&b, last);
	b.seen_ms_ago = seen_ms_ago;
	b.ies = ies;
	b.ies_len = nl_build_ies(ies, sizeof(ies), "cached", 1);
	nl_fake_add(nl_build_bss(&b, 3, NLM_F_MULTI));
}

static void test_sampler_without_privilege_stores_cached_results_newer_than_the_position(void **state)
{
	char *dir = survey_test_tmpdir();
	struct survey *sv = NULL;
	struct floorplan *fp = floorplan_new();
	struct survey_walk walk = { 0 };
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct obs_seen seen = { 0 };
	struct survey_query q = { 0 };
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(survey_create(survey_test_path(dir, "c.notspot"), NULL, &sv, &err), 0);
	strcpy(fp->name, "ward");
	walk.floor_id = survey_add_floor(sv, fp, &err);
	walk.id = survey_begin_walk(sv, &walk, &err);
	nl_fake_open(&nl);
	/* The sampler listens on a real generic-netlink socket for scan events;
	 * nlctrl's "notify" group (0x10) exists on every kernel. */
	nl.scan_group = 0x10;
	queue_interfaces();
	struct sampler_config cfg = { .ifindex = 3, .link_hz = -1, .scan_interval_ms = 60000,
				      .survey_interval_ms = -1 };
	struct walk_sink ws = { sv, walk.id, NULL, NULL, NULL };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	/* The engineer tapped a position 1 s ago: entries older than that are not here. */
	sampler_set_stale_before(sp, ns_mono_us() - 1000000);
	nl_fake_datagram();
	nl_fake_add_error(-EPERM, NULL); /* the trigger: no CAP_NET_ADMIN */
	nl_fake_datagram();
	queue_bss_seen(1, 20);
	queue_bss_seen(2, 5000);
	queue_bss_seen(3, 300);
	nl_fake_add_done(0);
	assert_int_equal(sampler_run(sp, &err), 0);
	assert_int_equal(nl_fake_pending(), 0);

	q.walk_id = walk.id;
	assert_int_equal(survey_foreach_sample(sv, &q, collect_obs, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.s[0].kind, SAMPLE_SCAN);
	assert_int_equal(seen.s[0].status, SAMPLE_SCAN_CACHED);
	assert_string_equal(seen.s[0].error,
			    "not permitted to trigger a scan (needs CAP_NET_ADMIN): the kernel's cached "
			    "results; 1 cached result older than the last position left out");
	assert_int_equal(seen.nobs[0], 2);
	assert_int_equal(seen.last_octet[0][0], 1);
	assert_int_equal(seen.last_octet[0][1], 3);
	assert_int_equal(sampler_fd(sp), -1); /* no scan in flight */

	sampler_free(sp);
	nl80211_close(&nl);
	floorplan_free(fp);
	survey_close(sv);
	survey_test_rmdir(dir);
}

/*
 * Two adapters, as a survey kit: the link is polled on ifindex 3 while the
 * scans (trigger and dump) go to the second adapter, ifindex 4.
 */
static void test_sampler_scans_on_the_second_adapter(void **state)
{
	char *dir = survey_test_tmpdir();
	struct survey *sv = NULL;
	struct floorplan *fp = floorplan_new();
	struct survey_walk walk = { 0 };
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct obs_seen seen = { 0 };
	struct survey_query q = { 0 };
	struct ns_err err = { 0 };
	struct nl_build_bss b;
	uint8_t ies[64];
	struct nlattr *a;

	(void)state;
	assert_int_equal(survey_create(survey_test_path(dir, "f.notspot"), NULL, &sv, &err), 0);
	strcpy(fp->name, "ward");
	walk.floor_id = survey_add_floor(sv, fp, &err);
	walk.id = survey_begin_walk(sv, &walk, &err);
	nl_fake_open(&nl);
	nl.scan_group = 0x10;
	queue_interfaces();
	struct sampler_config cfg = { .ifindex = 3, .scan_ifindex = 4, .link_hz = -1,
				      .scan_interval_ms = 60000, .survey_interval_ms = -1 };
	struct walk_sink ws = { sv, walk.id, NULL, NULL, NULL };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	nl_fake_datagram();
	nl_fake_add_error(-EPERM, NULL); /* the trigger, refused: the dump follows */
	nl_fake_datagram();
	nl_build_bss_defaults(&b, 7);
	b.seen_ms_ago = 20;
	b.ies = ies;
	b.ies_len = nl_build_ies(ies, sizeof(ies), "second", 1);
	nl_fake_add(nl_build_bss(&b, 4, NLM_F_MULTI));
	nl_fake_add_done(0);
	assert_int_equal(sampler_run(sp, &err), 0);
	a = nlmsg_find_attr(nlmsg_hdr(nl_fake_last_sent()), GENL_HDRLEN, NL80211_ATTR_IFINDEX);
	assert_non_null(a);
	assert_int_equal(nla_get_u32(a), 4);
	q.walk_id = walk.id;
	assert_int_equal(survey_foreach_sample(sv, &q, collect_obs, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.nobs[0], 1);
	assert_int_equal(seen.last_octet[0][0], 7);

	sampler_free(sp);
	nl80211_close(&nl);
	floorplan_free(fp);
	survey_close(sv);
	survey_test_rmdir(dir);
}

static void test_sampler_stores_a_refused_scan_as_a_failed_sample(void **state)
{
	char *dir = survey_test_tmpdir();
	struct survey *sv = NULL;
	struct floorplan *fp = floorplan_new();
	struct survey_walk walk = { 0 };
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct obs_seen seen = { 0 };
	struct survey_query q = { 0 };
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(survey_create(survey_test_path(dir, "f.notspot"), NULL, &sv, &err), 0);
	strcpy(fp->name, "ward");
	walk.floor_id = survey_add_floor(sv, fp, &err);
	walk.id = survey_begin_walk(sv, &walk, &err);
	nl_fake_open(&nl);
	nl.scan_group = 0x10;
	queue_interfaces();
	struct sampler_config cfg = { .ifindex = 3, .link_hz = -1, .scan_interval_ms = 60000,
				      .survey_interval_ms = -1 };
	struct walk_sink ws = { sv, walk.id, NULL, NULL, NULL };
	struct sampler_sink sink = walk_sink_bind(&ws);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	nl_fake_datagram();
	nl_fake_add_error(-ENETDOWN, "interface is down");
	assert_int_equal(sampler_run(sp, &err), 0); /* a failed measurement is not an error */
	q.walk_id = walk.id;
	assert_int_equal(survey_foreach_sample(sv, &q, collect_obs, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.s[0].status, SAMPLE_SCAN_FAILED);
	assert_string_equal(seen.s[0].error, "triggering a scan: the kernel refused: Network is down "
					     "(interface is down)");
	assert_int_equal(seen.nobs[0], 0);
	assert_true(sampler_timeout_ms(sp) > 1000); /* next scan a full interval later */

	sampler_free(sp);
	nl80211_close(&nl);
	floorplan_free(fp);
	survey_close(sv);
	survey_test_rmdir(dir);
}

static void test_sampler_timeout_follows_the_link_rate(void **state)
{
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct sampler_config cfg = { .ifindex = 3, .link_hz = 2, .scan_interval_ms = -1,
				      .survey_interval_ms = -1 };
	struct sampler_sink sink = { 0 };

	(void)state;
	nl_fake_open(&nl);
	queue_interfaces();
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, NULL), 0);
	assert_int_equal(sampler_timeout_ms(sp), 0); /* the first poll is due at once */
	sampler_free(sp);
	nl80211_close(&nl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sampler_commits_link_noise_and_lost_association_as_data),
		cmocka_unit_test(test_sampler_without_privilege_stores_cached_results_newer_than_the_position),
		cmocka_unit_test(test_sampler_stores_a_refused_scan_as_a_failed_sample),
		cmocka_unit_test(test_sampler_scans_on_the_second_adapter),
		cmocka_unit_test(test_sampler_timeout_follows_the_link_rate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
