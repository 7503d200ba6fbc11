/*
 * test_ssid.c — SSIDs and AP names are bytes from a stranger's radio.
 *
 * The escaping rule of scanner/ssid.h (iw's, with UTF-8 kept), and what the
 * scanner makes of hostile bytes from the kernel: the exact bytes kept, a
 * text that holds no control character and is valid UTF-8 (so JSON keeps the
 * key — jansson refuses invalid UTF-8 and the key used to vanish), and the
 * bytes again as hex.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>
#include <linux/nl80211.h>

#include "scanner/iface.h"
#include "scanner/json.h"
#include "scanner/sampler.h"
#include "scanner/scan.h"
#include "scanner/ssid.h"
#include "tests/support/nl_fake.h"

/* The text of the bytes of string literal @raw (NULs included). */
#define EXPECT_TEXT(raw, want, rc) expect_text(raw, sizeof(raw) - 1, want, rc)

static void expect_text(const char *raw, size_t len, const char *want, int want_rc)
{
	char text[WIFI_SSID_TEXT_SIZE];

	assert_int_equal(wifi_text_escape(text, sizeof(text), (const uint8_t *)raw, len), want_rc);
	assert_string_equal(text, want);
}

static void test_ssid_text_escapes_controls_and_bad_utf8_and_keeps_good_utf8(void **state)
{
	(void)state;
	EXPECT_TEXT("ward-open", "ward-open", 0);
	EXPECT_TEXT(" lead and trail ", " lead and trail ", 0);
	EXPECT_TEXT("\xff\xfe\x1b[31mRED", "\\xff\\xfe\\x1b[31mRED", 1);
	EXPECT_TEXT("A\0B", "A\\x00B", 1);
	EXPECT_TEXT("back\\slash", "back\\\\slash", 1);
	EXPECT_TEXT("tab\there\x7f", "tab\\x09here\\x7f", 1);
	/* UTF-8 stays: an accent, CJK, an emoji */
	EXPECT_TEXT("Caf\xc3\xa9 \xe7\x97\x85\xe6\xa3\x9f \xf0\x9f\x98\x80",
		    "Caf\xc3\xa9 \xe7\x97\x85\xe6\xa3\x9f \xf0\x9f\x98\x80", 0);
	/* C1 CSI (U+009B) as UTF-8, right-to-left override U+202E, a line separator */
	EXPECT_TEXT("\xc2\x9b" "2J", "\\xc2\\x9b2J", 1);
	EXPECT_TEXT("a\xe2\x80\xae" "b", "a\\xe2\\x80\\xaeb", 1);
	EXPECT_TEXT("\xe2\x80\xa8", "\\xe2\\x80\\xa8", 1);
	/* overlong '/', a surrogate, a cut sequence, a lone continuation byte */
	EXPECT_TEXT("\xc0\xaf", "\\xc0\\xaf", 1);
	EXPECT_TEXT("\xed\xa0\x80", "\\xed\\xa0\\x80", 1);
	EXPECT_TEXT("ok\xe7\x97", "ok\\xe7\\x97", 1);
	EXPECT_TEXT("\x80x", "\\x80x", 1);
	EXPECT_TEXT("", "", 0);
}

static void test_ssid_text_of_32_bytes_fits_and_a_short_buffer_keeps_whole_escapes(void **state)
{
	uint8_t raw[WIFI_SSID_MAX];
	char text[WIFI_SSID_TEXT_SIZE], small[10];

	(void)state;
	memset(raw, 0x1b, sizeof(raw));
	assert_int_equal(wifi_text_escape(text, sizeof(text), raw, sizeof(raw)), 1);
	assert_int_equal(strlen(text), 4 * WIFI_SSID_MAX);
	assert_int_equal(wifi_text_escape(small, sizeof(small), raw, sizeof(raw)), -ENOSPC);
	assert_string_equal(small, "\\x1b\\x1b"); /* never half an escape */
	assert_int_equal(wifi_text_escape(text, sizeof(text), raw, 33), -EINVAL);
	assert_string_equal(text, "");
	/* a copy into a smaller field cuts before a character or an escape */
	assert_string_equal(wifi_text_copy(small, sizeof(small), "ab\\x1bcd"), "ab\\x1bcd");
	assert_string_equal(wifi_text_copy(small, 6, "ab\\x1bcd"), "ab");
	assert_string_equal(wifi_text_copy(small, 6, "abc\xe7\x97\x85"), "abc");
	assert_string_equal(wifi_hex(text, (const uint8_t *)"A\0B", 3), "410042");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ssid_text_escapes_controls_and_bad_utf8_and_keeps_good_utf8),
		cmocka_unit_test(test_ssid_text_of_32_bytes_fits_and_a_short_buffer_keeps_whole_escapes),
		cmocka_unit_test(test_scan_json_keeps_a_hostile_ssid_as_text_and_hex),
		cmocka_unit_test(test_scan_ssid_with_a_nul_keeps_what_follows_it),
		cmocka_unit_test(test_scan_hidden_ssid_shows_empty_and_keeps_its_zero_bytes),
		cmocka_unit_test(test_scan_utf8_ssid_is_its_own_text),
		cmocka_unit_test(test_vendor_ap_name_keeps_its_bytes_and_shows_them_escaped),
		cmocka_unit_test(test_interface_ssid_with_a_nul_is_kept_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
