/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_scan_ssid.c — SSIDs and AP names are bytes from a stranger's radio.
 *
 * What the scanner makes of hostile bytes from the kernel: the exact bytes
 * kept, a text by the survey's one rule (meas_ssid_set(), tests/test_ssid.c)
 * that holds no control character and is valid UTF-8 (so JSON keeps the key
 * — jansson refuses invalid UTF-8 and the key used to vanish), the bytes
 * again as hex; and that a walk recorded from a scan or a capture keeps them
 * byte for byte.
 */
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
#include <cmocka.h>

#include <jansson.h>
#include <linux/nl80211.h>

#include "recorder/recorder.h"
#include "scanner/capture.h"
#include "scanner/iface.h"
#include "scanner/json.h"
#include "scanner/nl_sim.h"
#include "scanner/sampler.h"
#include "scanner/scan.h"
#include "scanner/ssid.h"
#include "survey/survey.h"
#include "tests/support/nl_fake.h"
#include "tests/support/pcap_build.h"
#include "tests/support/survey_fixtures.h"
#include "util/clock.h"

static void test_text_copy_cuts_before_an_escape_or_a_character_and_hex_is_exact(void **state)
{
	char text[WIFI_SSID_TEXT_SIZE], small[10];

	(void)state;
	/* a copy into a smaller field cuts before a character or an escape, never inside */
	assert_string_equal(wifi_text_copy(small, sizeof(small), "ab\\x1bcd"), "ab\\x1bcd");
	assert_string_equal(wifi_text_copy(small, 6, "ab\\x1bcd"), "ab");
	assert_string_equal(wifi_text_copy(small, 6, "abc\xe7\x97\x85"), "abc");
	assert_string_equal(wifi_text_copy(small, 4, "a\\\\b"), "a\\\\");
	assert_string_equal(wifi_hex(text, (const uint8_t *)"A\0B", 3), "410042");
	assert_string_equal(wifi_hex(text, NULL, 0), "");
}

/* A scan result whose SSID element holds @ssid (@len bytes), as the kernel sends it. */
static void parse_bss_with_ssid(const char *ssid, size_t len, const uint8_t *extra,
				size_t extra_len, struct wifi_bss *out)
{
	struct nl_build_bss b;
	uint8_t ies[128];
	struct nl_msg *msg;

	nl_build_bss_defaults(&b, 7);
	ies[0] = 0;
	ies[1] = (uint8_t)len;
	memcpy(ies + 2, ssid, len);
	if (extra_len)
		memcpy(ies + 2 + len, extra, extra_len);
	b.ies = ies;
	b.ies_len = 2 + len + extra_len;
	msg = nl_build_bss(&b, 3, NLM_F_MULTI);
	assert_int_equal(wifi_parse_bss(msg, out), 0);
	nlmsg_free(msg);
}

static const char *json_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		fail_msg("the JSON has no key '%s'", key);
	return json_string_value(v);
}

static void test_scan_json_keeps_a_hostile_ssid_as_text_and_hex(void **state)
{
	static const char ssid[] = "\xff\xfe\x1b[31mRED\x1b[0m";
	struct wifi_bss b;
	json_t *o;

	(void)state;
	parse_bss_with_ssid(ssid, sizeof(ssid) - 1, NULL, 0, &b);
	assert_int_equal(b.ssid_len, sizeof(ssid) - 1);
	assert_memory_equal(b.ssid_raw, ssid, sizeof(ssid) - 1);
	assert_true(b.ssid_escaped);
	assert_false(b.hidden);
	o = wifi_bss_json(&b);
	assert_non_null(o);
	/* the key is there, with the text as iw would print it, and no ESC byte */
	assert_string_equal(json_str(o, "ssid"), "\\xff\\xfe\\x1b[31mRED\\x1b[0m");
	assert_null(strchr(json_str(o, "ssid"), 0x1b));
	assert_string_equal(json_str(o, "ssid_hex"), "fffe1b5b33316d5245441b5b306d");
	json_decref(o);
}

static void test_scan_ssid_with_a_nul_keeps_what_follows_it(void **state)
{
	struct wifi_bss b;
	struct meas_observation obs;
	json_t *o;

	(void)state;
	parse_bss_with_ssid("A\0B", 3, NULL, 0, &b);
	assert_false(b.hidden);
	assert_string_equal(b.ssid, "A\\x00B");
	o = wifi_bss_json(&b);
	assert_string_equal(json_str(o, "ssid"), "A\\x00B");
	assert_string_equal(json_str(o, "ssid_hex"), "410042");
	json_decref(o);
	sampler_observation_from_bss(&b, -90, &obs);
	assert_string_equal(obs.ssid, "A\\x00B"); /* stored as its text, not as "A" */
}

static void test_scan_hidden_ssid_shows_empty_and_keeps_its_zero_bytes(void **state)
{
	struct wifi_bss b;
	json_t *o;

	(void)state;
	parse_bss_with_ssid("\0\0\0", 3, NULL, 0, &b);
	assert_true(b.hidden);
	assert_string_equal(b.ssid, "");
	o = wifi_bss_json(&b);
	assert_string_equal(json_str(o, "ssid"), "");
	assert_string_equal(json_str(o, "ssid_hex"), "000000");
	json_decref(o);
}

static void test_scan_utf8_ssid_is_its_own_text(void **state)
{
	static const char ssid[] = "\xe7\x97\x85\xe6\xa3\x9f Caf\xc3\xa9 \xe2\x98\x95";
	struct wifi_bss b;
	json_t *o;

	(void)state;
	parse_bss_with_ssid(ssid, sizeof(ssid) - 1, NULL, 0, &b);
	assert_false(b.ssid_escaped);
	assert_string_equal(b.ssid, ssid);
	o = wifi_bss_json(&b);
	assert_string_equal(json_str(o, "ssid"), ssid);
	json_decref(o);
}

static void test_vendor_ap_name_keeps_its_bytes_and_shows_them_escaped(void **state)
{
	/* Cisco CCX1 element 133: 10 bytes, then a 16-byte name with an OSC sequence */
	static const uint8_t ccx[] = { 133, 26, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				       0x1b, ']', '0', ';', 'p', 'w', 'n', 0x07, 'I', 'C', 'U', 0,
				       0, 0, 0, 0 };
	struct wifi_bss b;
	struct meas_observation obs;
	json_t *o;

	(void)state;
	parse_bss_with_ssid("ward", 4, ccx, sizeof(ccx), &b);
	assert_int_equal(b.ap_name_len, 11); /* up to the NUL padding */
	assert_memory_equal(b.ap_name_raw, "\x1b]0;pwn\x07ICU", 11);
	assert_string_equal(b.ap_name, "\\x1b]0;pwn\\x07ICU");
	o = wifi_bss_json(&b);
	assert_string_equal(json_str(o, "ap_name"), "\\x1b]0;pwn\\x07ICU");
	assert_string_equal(json_str(o, "ap_name_hex"), "1b5d303b70776e07494355");
	json_decref(o);
	sampler_observation_from_bss(&b, -90, &obs);
	assert_string_equal(obs.ap_name, "\\x1b]0;pwn\\x07ICU");
}

static void test_interface_ssid_with_a_nul_is_kept_whole(void **state)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_INTERFACE, NLM_F_MULTI);
	struct wifi_iface w;
	json_t *o;

	(void)state;
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 4);
	nla_put_string(msg, NL80211_ATTR_IFNAME, "wlan1");
	nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_AP);
	nla_put(msg, NL80211_ATTR_SSID, 3, "A\0B");
	assert_int_equal(wifi_parse_interface(msg, &w), 0);
	nlmsg_free(msg);
	assert_true(w.has_ssid);
	assert_int_equal(w.ssid_len, 3);
	assert_string_equal(w.ssid, "A\\x00B");
	o = wifi_iface_json(&w, NULL);
	assert_string_equal(json_str(o, "ssid"), "A\\x00B");
	assert_string_equal(json_str(o, "ssid_hex"), "410042");
	json_decref(o);
}

/* ---- recorded walks keep the bytes -------------------------------------------- */

/* The SSIDs the simulated radio's APs broadcast (scanner/nl_sim.c), by last-but-one BSSID byte. */
static const struct { const char *raw; size_t len; bool escaped; } SIM_SSIDS[] = {
	{ "ward-open", 9, false },
	{ "\xff\xfe\x1b[31mRED\x1b[0m", 14, true },
	{ "A\0B", 3, true },
	{ "abcdefghijklmnopqrstuvwxyz012345", 32, false },
	{ "\xe7\x97\x85\xe6\xa3\x9f Caf\xc3\xa9 \xe2\x98\x95", 16, false },
	{ "\xc2\x9b" "2Jcsi", 7, true },
	{ "", 0, false }, /* hidden */
	{ "back\\slash", 10, true },
};

struct walk_file {
	char *dir;
	char path[600];
	struct survey *sv;
	struct recorder *rec;
};

/* A survey file with one floor and a continuous walk begun on it. */
static void walk_open(struct walk_file *w, const char *mode)
{
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey_walk walk = { 0 };
	struct recorder_opts ro = { .mode = TRACK_CONTINUOUS };
	struct ns_err err = { 0 };

	w->dir = survey_test_tmpdir();
	snprintf(w->path, sizeof(w->path), "%s/bytes.notspot", w->dir);
	assert_int_equal(survey_create(w->path, NULL, &w->sv, &err), 0);
	walk.floor_id = survey_add_floor(w->sv, fp, &err);
	assert_true(walk.floor_id > 0);
	floorplan_free(fp);
	snprintf(walk.mode, sizeof(walk.mode), "%s", mode);
	assert_int_equal(recorder_begin(w->sv, &walk, &ro, &w->rec, &err), 0);
}

struct read_back {
	int scans, links;
	int checked;        /* observations compared byte for byte */
	bool link_ok;
};

/* Each observation read back from the file: the bytes the AP broadcast, exactly. */
static int compare_sample(void *arg, const struct meas_sample *s, const struct meas_observation *obs,
			  size_t nobs, const struct meas_link *link, const struct meas_throughput *tp)
{
	struct read_back *rb = arg;

	(void)tp;
	if (link) {
		rb->links++;
		rb->link_ok = link->ssid_len == 9 && memcmp(link->ssid_raw, "ward-open", 9) == 0 &&
			      strcmp(link->ssid, "ward-open") == 0 && !link->ssid_escaped;
	}
	if (s->kind != SAMPLE_SCAN && s->kind != SAMPLE_CAPTURE)
		return 0;
	rb->scans++;
	for (size_t i = 0; i < nobs; i++) {
		unsigned k = obs[i].bssid[4];
		char text[MEAS_SSID_TEXT_SIZE];

		if (k >= sizeof(SIM_SSIDS) / sizeof(SIM_SSIDS[0]) || obs[i].hidden)
			continue;
		assert_int_equal(obs[i].ssid_len, SIM_SSIDS[k].len);
		assert_memory_equal(obs[i].ssid_raw, SIM_SSIDS[k].raw, SIM_SSIDS[k].len);
		assert_int_equal(obs[i].ssid_escaped, SIM_SSIDS[k].escaped);
		meas_ssid_set(text, sizeof(text), (const uint8_t *)SIM_SSIDS[k].raw, SIM_SSIDS[k].len);
		assert_string_equal(obs[i].ssid, text);
		rb->checked++;
	}
	return 0;
}

static void read_back(struct walk_file *w, struct read_back *rb)
{
	struct survey_query q = { .walk_id = recorder_walk_id(w->rec) };
	struct ns_err err = { 0 };
	struct survey *ro;

	/* the file as another program opens it */
	assert_int_equal(survey_open(w->path, SURVEY_READ_ONLY, &ro, &err), 0);
	assert_int_equal(survey_foreach_sample(ro, &q, compare_sample, rb, &err), 0);
	survey_close(ro);
}

static void walk_close(struct walk_file *w)
{
	char path[700];

	recorder_free(w->rec);
	survey_close(w->sv);
	snprintf(path, sizeof(path), "%s-wal", w->path);
	remove(path);
	snprintf(path, sizeof(path), "%s-shm", w->path);
	remove(path);
	survey_test_rmdir(w->dir);
}

static void test_a_recorded_scan_keeps_hostile_ssids_byte_for_byte(void **state)
{
	struct walk_file w;
	struct nl80211 nl;
	struct sampler *sp = NULL;
	struct sampler_config cfg = { .ifindex = 3, .link_hz = 20, .scan_interval_ms = 0,
				      .survey_interval_ms = -1 };
	struct sampler_sink sink;
	struct read_back rb = { 0 };
	struct ns_err err = { 0 };
	struct timespec ms5 = { 0, 5000000L };

	(void)state;
	walk_open(&w, "continuous");
	sink = (struct sampler_sink){ recorder_store, w.rec, NULL };
	assert_int_equal(nl_sim_open(&nl, "sim", &err), 0);
	assert_int_equal(sampler_new(&nl, &cfg, &sink, &sp, &err), 0);
	for (int i = 0; i < 400; i++) { /* until a scan and a link poll are stored */
		struct sampler_stats st;

		assert_int_equal(sampler_run(sp, &err), 0);
		sampler_get_stats(sp, &st);
		if (st.scans >= 1 && st.links >= 1)
			break;
		nanosleep(&ms5, NULL);
	}
	sampler_free(sp);
	nl80211_close(&nl);
	assert_int_equal(recorder_finish(w.rec, ns_wall_us(), &err), 0);
	read_back(&w, &rb);
	assert_true(rb.scans >= 1);
	assert_int_equal(rb.checked, 7 * rb.scans); /* every SSID but the hidden one */
	assert_true(rb.links >= 1 && rb.link_ok);
	walk_close(&w);
}

static int64_t capture_store(void *arg, struct meas_sample *s, const struct meas_observation *obs,
			     size_t nobs, const struct meas_link *link, const struct meas_throughput *tp,
			     struct ns_err *err)
{
	return recorder_sample(arg, s, obs, nobs, link, tp, err);
}

static void test_a_recorded_capture_keeps_hostile_ssids_byte_for_byte(void **state)
{
	struct walk_file w;
	struct test_pkt p[8];
	struct capture *c;
	struct capture_run_opts o = { .store = capture_store };
	struct read_back rb = { 0 };
	struct ns_err err = { 0 };
	uint64_t samples = 0;
	uint8_t *buf;
	size_t len, n = 0;

	(void)state;
	walk_open(&w, "capture");
	o.store_arg = w.rec;
	for (size_t k = 0; k < sizeof(SIM_SSIDS) / sizeof(SIM_SSIDS[0]); k++) {
		uint8_t bssid[6] = { 0x02, 0x5a, 0x00, 0x00, (uint8_t)k, 0x00 };

		test_beacon(&p[n++], 1796000000000000LL + (int64_t)k * 1000, bssid, SIM_SSIDS[k].raw,
			    SIM_SSIDS[k].len, 2437, -50);
	}
	len = test_pcap(p, n, &buf, NULL);
	assert_int_equal(capture_open_memory(buf, len, "hostile.pcap", &c, &err), 0);
	assert_int_equal(capture_run(c, &o, &samples, &err), 0);
	assert_int_equal(samples, 1);
	capture_free(c);
	free(buf);
	assert_int_equal(recorder_finish(w.rec, ns_wall_us(), &err), 0);
	read_back(&w, &rb);
	assert_int_equal(rb.scans, 1);
	assert_int_equal(rb.checked, 7);
	walk_close(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_copy_cuts_before_an_escape_or_a_character_and_hex_is_exact),
		cmocka_unit_test(test_scan_json_keeps_a_hostile_ssid_as_text_and_hex),
		cmocka_unit_test(test_scan_ssid_with_a_nul_keeps_what_follows_it),
		cmocka_unit_test(test_scan_hidden_ssid_shows_empty_and_keeps_its_zero_bytes),
		cmocka_unit_test(test_scan_utf8_ssid_is_its_own_text),
		cmocka_unit_test(test_vendor_ap_name_keeps_its_bytes_and_shows_them_escaped),
		cmocka_unit_test(test_interface_ssid_with_a_nul_is_kept_whole),
		cmocka_unit_test(test_a_recorded_scan_keeps_hostile_ssids_byte_for_byte),
		cmocka_unit_test(test_a_recorded_capture_keeps_hostile_ssids_byte_for_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
