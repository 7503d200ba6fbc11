/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_formats_csvmap.c — any CSV in through a column mapping: WiGLE's export
 * (its preamble line skipped, GPS rows unplaced), a spreadsheet with drawing
 * pixels and epoch times turned into metres and µs, and errors that still
 * name the line and their own column's header.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "formats/csvmap.h"
#include "survey/csv.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"

/* WiGLE's CSV layout (version 1.6 header), with made-up networks. */
static const char wigle[] =
	"WigleWifi-1.6,appRelease=2.70,model=Pixel,release=14,device=x,display=x,board=x,"
	"brand=x,star=Sol,body=3,subBody=0\n"
	"MAC,SSID,AuthMode,FirstSeen,Channel,Frequency,RSSI,CurrentLatitude,CurrentLongitude,"
	"AltitudeMeters,AccuracyMeters,RCOIs,MfgrId,Type\n"
	"02:00:00:00:00:01,Ward 7,[WPA2-PSK-CCMP][ESS],2024-03-01 10:15:02,36,5180,-61,51.5,"
	"-0.1,30,5,,,WIFI\n"
	"02:00:00:00:00:02,Guest,[ESS],2024-03-01 10:15:04,6,2437,-75,51.5,-0.1,30,5,,,WIFI\n";

/* A spreadsheet: times in seconds since 1970, places in drawing pixels. */
static const char sheet[] =
	"Time,Zone,X (px),Y (px),BSSID,Network,Signal (dBm)\n"
	"1700000000,Ward 21,300,250,02:00:00:00:00:01,Ward 7,-58\n"
	"1700000000,Ward 21,300,250,02:00:00:00:00:02,Guest,-70\n"
	"1700000010.5,Ward 21,500,50,02:00:00:00:00:01,Ward 7,-66\n";

static const char sheet_map[] =
	"Time=time_epoch, X (px)=x_px, Y (px)=y_px\n"
	"BSSID=bssid  # the AP radio\n"
	"Network=ssid, Signal (dBm)=signal_dbm\n";

struct seen {
	struct meas_sample s[8];
	size_t n, nobs;
};

static int keep(void *arg, const struct survey_csv_sample *cs)
{
	struct seen *x = arg;

	if (x->n < 8)
		x->s[x->n++] = cs->sample;
	x->nobs += cs->nobs;
	return 0;
}

static void test_wigle_rows_come_in_unplaced_with_their_preamble_skipped(void **state)
{
	struct survey_csv_map m;
	struct seen x = { 0 };
	struct ns_err err;

	(void)state;
	assert_int_equal(fmt_csv_map_parse("wigle", &m, &err), 0);
	assert_int_equal(m.skip_lines, 1);
	assert_int_equal(survey_csv_parse_mapped(wigle, strlen(wigle), &m, keep, &x, &err), 0);
	assert_int_equal(x.n, 2);
	assert_int_equal(x.nobs, 2);
	assert_false(x.s[0].placed);
	assert_int_equal(x.s[0].t_us, 1709288102LL * 1000000);
}

static void test_a_spreadsheet_in_pixels_and_epoch_seconds_becomes_metres(void **state)
{
	struct survey_csv_map m;
	struct seen x = { 0 };
	struct ns_err err;

	(void)state;
	assert_int_equal(fmt_csv_map_parse(sheet_map, &m, &err), 0);
	assert_int_equal(m.n, 6);
	assert_true(fmt_csv_map_uses_pixels(&m));
	m.px_per_m = 20;
	m.origin_x_px = 100;
	m.origin_y_px = 50;
	assert_int_equal(survey_csv_parse_mapped(sheet, strlen(sheet), &m, keep, &x, &err), 0);
	assert_int_equal(x.n, 2);
	assert_int_equal(x.nobs, 3);
	assert_true(x.s[0].placed);
	assert_true(fabs(x.s[0].x_m - 10) < 1e-9 && fabs(x.s[0].y_m - 10) < 1e-9);
	assert_true(fabs(x.s[1].x_m - 20) < 1e-9 && fabs(x.s[1].y_m - 0) < 1e-9);
	assert_int_equal(x.s[1].t_us, 1700000010500000LL);
}

static void test_errors_name_the_line_and_their_column(void **state)
{
	static const char bad[] = "Time,Zone,X (px),Y (px),BSSID,Network,Signal (dBm)\n"
				  "1700000000,W,1,2,02:00:00:00:00:01,N,strong\n";
	struct survey_csv_map m;
	struct seen x = { 0 };
	struct ns_err err;

	(void)state;
	assert_int_equal(fmt_csv_map_parse(sheet_map, &m, &err), 0);
	m.px_per_m = 20;
	assert_int_equal(survey_csv_parse_mapped(bad, strlen(bad), &m, keep, &x, &err), -EINVAL);
	assert_string_equal(err.msg, "line 2, column 7 (Signal (dBm)): 'strong' is not a number");
	assert_int_equal(fmt_csv_map_parse("Time=when", &m, &err), 0);
	assert_int_equal(survey_csv_parse_mapped(bad, strlen(bad), &m, keep, &x, &err), -EINVAL);
	assert_string_equal(err.msg, "the mapping Time=when names no column notspot reads");
	assert_int_equal(fmt_csv_map_parse("Time", &m, &err), -EINVAL);
	assert_string_equal(err.msg, "'Time' is not Theirs=ours");
}

/* Our own files are read as before: a mapped-only column is still unknown there. */
static void test_our_own_layout_still_refuses_mapped_only_columns(void **state)
{
	static const char own[] = "time_utc,x_px,y_m,bssid,signal_dbm\n";
	struct seen x = { 0 };
	struct ns_err err;

	(void)state;
	assert_int_equal(survey_csv_parse(own, strlen(own), keep, &x, &err), -EINVAL);
	assert_string_equal(err.msg, "line 1, column 2: unknown column 'x_px'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wigle_rows_come_in_unplaced_with_their_preamble_skipped),
		cmocka_unit_test(test_a_spreadsheet_in_pixels_and_epoch_seconds_becomes_metres),
		cmocka_unit_test(test_errors_name_the_line_and_their_column),
		cmocka_unit_test(test_our_own_layout_still_refuses_mapped_only_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
