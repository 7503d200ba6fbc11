/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_radio_cli.c — the radio commands, whole, against the simulated radio
 * (NOTSPOT_TEST_RADIO, scanner/nl_sim.h), whose access points broadcast
 * hostile SSIDs: the terminal never gets a control byte, the table lines up
 * by terminal cells and says where an SSID was cut, JSON keeps every SSID as
 * text and bytes; a radio that goes away ends `record` with one sentence and
 * a closed walk.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>

#include "tests/support/notspot_proc.h"

static const char *const SIM[] = { "NOTSPOT_TEST_RADIO=sim", NULL };

/* Terminal cells of @s (UTF-8), by wcwidth() in C.UTF-8. */
static int cells(const char *s, size_t n)
{
	locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0), old;
	mbstate_t ps;
	int w = 0;

	assert_non_null(l);
	old = uselocale(l);
	memset(&ps, 0, sizeof(ps));
	while (n > 0) {
		wchar_t c;
		size_t k = mbrtowc(&c, s, n, &ps);

		assert_true(k > 0 && k <= n); /* the output is valid UTF-8 */
		w += wcwidth(c) < 0 ? 1 : wcwidth(c);
		s += k;
		n -= k;
	}
	uselocale(old);
	freelocale(l);
	return w;
}

/* No control byte but newlines, no C1 control (U+0080..U+009F as UTF-8). */
static void assert_no_control_bytes(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 && *p != '\n')
			fail_msg("control byte 0x%02x in the output at %zu", *p, (size_t)(p - (const unsigned char *)s));
		if (*p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			fail_msg("DEL or a C1 control in the output at %zu", (size_t)(p - (const unsigned char *)s));
	}
}

static void test_scan_table_sends_no_control_byte_and_lines_up_by_cells(void **state)
{
	const char *argv[] = { "scan", "-i", "wlan0", NULL };
	char *out, *err, *line, *save = NULL;
	int width = -1, rows = 0;

	(void)state;
	assert_int_equal(notspot_run(argv, (const char *const *)SIM, &out, &err), 0);
	assert_no_control_bytes(out);
	/* the SSIDs as their escaped text; the 32-byte one cut, and saying so */
	assert_non_null(strstr(out, "\\xff\\xfe\\x1b[31mRED\\x1b\xe2\x80\xa6"));
	assert_non_null(strstr(out, "A\\x00B "));
	assert_non_null(strstr(out, "abcdefghijklmnopqrstuvw\xe2\x80\xa6"));
	assert_non_null(strstr(out, "\xe7\x97\x85\xe6\xa3\x9f Caf\xc3\xa9 \xe2\x98\x95 "));
	assert_non_null(strstr(out, "\\xc2\\x9b2Jcsi"));
	assert_non_null(strstr(out, "\\x1b]0;owned\\x07AP-7")); /* the AP name too */
	/* every row's channel column starts at the same terminal cell */
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *sec = strstr(line, " open ");
		int w;

		if (line[0] < '1' || line[0] > '9' || !sec)
			continue;
		w = cells(line, (size_t)(sec - line));
		if (width < 0)
			width = w;
		assert_int_equal(w, width);
		rows++;
	}
	assert_int_equal(rows, 12);
	free(out);
	free(err);
}

static json_t *find_bss(json_t *arr, const char *bssid)
{
	size_t i;
	json_t *b;

	json_array_foreach(arr, i, b)
		if (strcmp(json_string_value(json_object_get(b, "bssid")), bssid) == 0)
			return b;
	fail_msg("no BSS %s", bssid);
	return NULL;
}

static void expect_ssid(json_t *b, const char *text, const char *hex)
{
	assert_string_equal(json_string_value(json_object_get(b, "ssid")), text);
	assert_string_equal(json_string_value(json_object_get(b, "ssid_hex")), hex);
}

static void test_scan_json_has_every_ssid_as_text_and_bytes(void **state)
{
	const char *argv[] = { "scan", "-i", "wlan0", "--json", NULL };
	char *out;
	json_t *o, *arr, *b;
	size_t i;

	(void)state;
	assert_int_equal(notspot_run(argv, (const char *const *)SIM, &out, NULL), 0);
	o = json_loads(out, 0, NULL);
	assert_non_null(o);
	arr = json_object_get(o, "bss");
	assert_int_equal(json_array_size(arr), 12);
	json_array_foreach(arr, i, b) {
		assert_non_null(json_object_get(b, "ssid"));
		assert_non_null(json_object_get(b, "ssid_hex"));
	}
	expect_ssid(find_bss(arr, "02:5a:00:00:01:00"), "\\xff\\xfe\\x1b[31mRED\\x1b[0m",
		    "fffe1b5b33316d5245441b5b306d");
	expect_ssid(find_bss(arr, "02:5a:00:00:02:00"), "A\\x00B", "410042");
	expect_ssid(find_bss(arr, "02:5a:00:00:03:00"), "abcdefghijklmnopqrstuvwxyz012345",
		    "6162636465666768696a6b6c6d6e6f707172737475767778797a303132333435");
	expect_ssid(find_bss(arr, "02:5a:00:00:06:00"), "", "");
	b = find_bss(arr, "02:5a:00:00:07:00");
	assert_string_equal(json_string_value(json_object_get(b, "ap_name")), "\\x1b]0;owned\\x07AP-7");
	json_decref(o);
	free(out);
}

static void test_interfaces_show_an_ssid_with_a_nul_whole_and_every_band(void **state)
{
	const char *text[] = { "interfaces", NULL }, *json[] = { "interfaces", "--json", NULL };
	char *out;
	json_t *arr, *w1, *bands;

	(void)state;
	assert_int_equal(notspot_run(text, (const char *const *)SIM, &out, NULL), 0);
	assert_no_control_bytes(out);
	assert_non_null(strstr(out, "    ssid \"A\\x00B\"\n"));
	assert_non_null(strstr(out, "bands: 2.4 GHz, S1G (900 MHz)"));
	free(out);
	assert_int_equal(notspot_run(json, (const char *const *)SIM, &out, NULL), 0);
	arr = json_loads(out, 0, NULL);
	assert_non_null(arr);
	w1 = json_array_get(arr, 1);
	assert_string_equal(json_string_value(json_object_get(w1, "ssid")), "A\\x00B");
	assert_string_equal(json_string_value(json_object_get(w1, "ssid_hex")), "410042");
	bands = json_object_get(w1, "bands");
	assert_int_equal(json_array_size(bands), 2);
	assert_string_equal(json_string_value(json_array_get(bands, 1)), "S1GHz");
	json_decref(arr);
	free(out);
}

/* ---- record: the radio goes away -------------------------------------------------- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void put(const char *dir, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (!text) {
		assert_int_equal(mkdir(path, 0700), 0);
		return;
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void make_sysfs(const char *dir)
{
	put(dir, "class", NULL);
	put(dir, "class/net", NULL);
	put(dir, "class/net/wlan0", NULL);
	put(dir, "class/net/wlan0/flags", "0x1003\n");
	put(dir, "class/net/wlan0/phy80211", NULL);
	put(dir, "class/net/wlan0/phy80211/rfkill0", NULL);
	put(dir, "class/net/wlan0/phy80211/rfkill0/name", "phy0\n");
	put(dir, "class/net/wlan0/phy80211/rfkill0/soft", "0\n");
	put(dir, "class/net/wlan0/phy80211/rfkill0/hard", "0\n");
}

static int64_t sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static const char *last_line(char *s)
{
	size_t n = strlen(s);
	char *nl;

	while (n > 0 && s[n - 1] == '\n')
		s[--n] = '\0';
	nl = strrchr(s, '\n');
	return nl ? nl + 1 : s;
}

/* Read @p's --json lines until @n link samples were acknowledged ok. */
static void wait_for_links(struct notspot_proc *p, int n)
{
	char buf[65536];
	size_t len = 0;
	int seen = 0;

	while (seen < n) {
		ssize_t got = read(p->out, buf + len, sizeof(buf) - 1 - len);
		char *nl;

		assert_true(got > 0);
		len += (size_t)got;
		buf[len] = '\0';
		while ((nl = strchr(buf, '\n'))) {
			*nl = '\0';
			if (strstr(buf, "\"kind\":\"link\",\"status\":\"ok\""))
				seen++;
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len + 1);
		}
		assert_true(len < sizeof(buf) - 1);
	}
}

/* record until the radio goes (@what: "removed" or "rfkill"); returns its stderr's last line. */
static void record_until_the_radio_goes(const char *what, const char *want)
{
	char dir[] = "/tmp/notspot-radio-XXXXXX", env[600], survey[600], path[600], *err, *out;
	const char *envv[] = { env, NULL };
	const char *argv[] = { "record", survey, "--create", "--floor", "ward", "-i", "wlan0",
			       "--link-hz", "20", "--scan-interval", "0.3", "--json", NULL };
	struct notspot_proc p;
	int64_t t0;
	int rc;

	assert_non_null(mkdtemp(dir));
	make_sysfs(dir);
	snprintf(env, sizeof(env), "NOTSPOT_TEST_RADIO=sim:sysfs=%s", dir);
	snprintf(survey, sizeof(survey), "%s/walk.notspot", dir);
	assert_int_equal(notspot_start(&p, argv, envv), 0);
	assert_int_equal(write(p.in, "1 2\n", 4), 4);
	wait_for_links(&p, 5);
	if (strcmp(what, "removed") == 0) {
		snprintf(path, sizeof(path), "%s/class/net/wlan0", dir);
		assert_int_equal(nftw(path, rm_one, 8, FTW_DEPTH | FTW_PHYS), 0);
	} else {
		put(dir, "class/net/wlan0/phy80211/rfkill0/soft", "1\n");
	}
	t0 = time(NULL);
	p.keep_stdin = 1; /* the input goes on: the radio's end must end the walk */
	rc = notspot_wait(&p, &out, &err);
	assert_true(time(NULL) - t0 <= 3);
	assert_int_equal(rc, 1);
	assert_string_equal(last_line(err), want);
	/* the walk is closed, what was measured is in it */
	assert_int_equal(sql_int(survey, "SELECT count(*) FROM walks WHERE end_us > start_us"), 1);
	assert_true(sql_int(survey, "SELECT count(*) FROM samples WHERE kind = 2 AND status = 0") > 3);
	/* the link samples name the associated BSS's SSID (the kernel left it out) */
	assert_int_equal(sql_int(survey, "SELECT count(*) FROM links WHERE ssid != 'ward-open'"), 0);
	assert_true(sql_int(survey, "SELECT count(*) FROM links") > 3);
	/* the scans' hostile SSIDs are stored as bytes beside their text */
	assert_true(sql_int(survey, "SELECT count(*) FROM observations WHERE ssid = 'A\\x00B' AND "
				    "hex(ssid_raw) = '410042'") >= 1);
	assert_int_equal(sql_int(survey, "SELECT count(*) FROM observations WHERE ssid = 'ward-open' "
					 "AND ssid_raw IS NOT NULL"), 0);
	free(out);
	free(err);
	assert_int_equal(nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS), 0);
}

static void test_record_says_the_interface_is_gone_closes_the_walk_and_fails(void **state)
{
	(void)state;
	record_until_the_radio_goes("removed",
				    "notspot: record: wlan0 is gone: the interface was removed (adapter "
				    "unplugged or its driver unloaded)");
}

static void test_record_names_rfkill_closes_the_walk_and_fails(void **state)
{
	(void)state;
	record_until_the_radio_goes("rfkill",
				    "notspot: record: wlan0 is blocked by rfkill: a soft block by switch "
				    "phy0 (airplane mode or 'rfkill block'; 'rfkill unblock wlan' lifts it)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_table_sends_no_control_byte_and_lines_up_by_cells),
		cmocka_unit_test(test_scan_json_has_every_ssid_as_text_and_bytes),
		cmocka_unit_test(test_interfaces_show_an_ssid_with_a_nul_whole_and_every_band),
		cmocka_unit_test(test_record_says_the_interface_is_gone_closes_the_walk_and_fails),
		cmocka_unit_test(test_record_names_rfkill_closes_the_walk_and_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
