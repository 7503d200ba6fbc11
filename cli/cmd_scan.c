/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_scan.c — `notspot scan`: trigger a scan (or read the kernel's cache) and
 * show every BSS heard, strongest first, grouped by physical AP.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/radio.h"
#include "cli/textcell.h"
#include "scanner/iface.h"
#include "scanner/json.h"
#include "scanner/scan.h"
#include "util/clock.h"
#include "util/mac.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot scan [-i IF] [--freq F,...] [--passive] [--flush] [--cached] [--json]\n"
		"Scan for Wi-Fi networks and list every BSS heard, strongest first, grouped by\n"
		"physical AP: SSID, channel, width, signal, utilisation, security, AP name.\n"
		"Triggering a scan needs CAP_NET_ADMIN; without it the kernel's cached results\n"
		"are shown with a warning.\n\n"
		"  -i, --interface IF   the Wi-Fi interface (default: the first station interface)\n"
		"  --freq F,...         scan only these frequencies (MHz)\n"
		"  --passive            listen only (no probe requests)\n"
		"  --flush              forget the kernel's older results first\n"
		"  --cached             do not scan: show the kernel's cached results\n"
		"  --timeout MS         how long to wait for the scan (default: 2 s plus 0.2 s per\n"
		"                       channel scanned, 0.5 s per passive or DFS channel); a scan\n"
		"                       that takes longer is aborted, leaving the radio free\n"
		"  --json               machine-readable output\n"
		"  --help               this text\n");
}

/* Terminal cells of the SSID column; a wider SSID is cut and ends in "…" (--json has it whole). */
#define SSID_CELLS 24

static const struct wifi_bss *sort_base;

static double sig(const struct wifi_bss *b)
{
	return isnan(b->signal_dbm) ? -1000.0 : b->signal_dbm;
}

/* Order indices: groups by their strongest member, then members by signal. */
struct row {
	size_t i;
	uint64_t key;
	double group_best;
};

static int by_group_then_signal(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->group_best != y->group_best)
		return x->group_best < y->group_best ? 1 : -1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (sig(&sort_base[x->i]) != sig(&sort_base[y->i]))
		return sig(&sort_base[x->i]) < sig(&sort_base[y->i]) ? 1 : -1;
	return memcmp(sort_base[x->i].bssid, sort_base[y->i].bssid, 6);
}

static void print_table(const struct wifi_scan_result *r)
{
	struct row *rows = calloc(r->n ? r->n : 1, sizeof(*rows));
	uint64_t last = UINT64_MAX;
	int ap = 0;

	if (!rows)
		return;
	for (size_t i = 0; i < r->n; i++) {
		rows[i].i = i;
		rows[i].key = wifi_bss_ap_key(r->bss[i].bssid);
		rows[i].group_best = -1000.0;
	}
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < r->n; j++)
			if (rows[j].key == rows[i].key && sig(&r->bss[j]) > rows[i].group_best)
				rows[i].group_best = sig(&r->bss[j]);
	sort_base = r->bss;
	qsort(rows, r->n, sizeof(*rows), by_group_then_signal);
	printf("%-3s %-17s %-*s %4s %5s %6s %5s %-14s %s\n", "AP", "BSSID", SSID_CELLS, "SSID", "CH", "WIDTH",
	       "SIGNAL", "UTIL", "SECURITY", "AP NAME");
	for (size_t k = 0; k < r->n; k++) {
		const struct wifi_bss *b = &r->bss[rows[k].i];
		char mac[18], util[8], sigbuf[16];
		if (rows[k].key != last) {
			ap++;
			last = rows[k].key;
		}
		if (isnan(b->bss_utilisation))
			snprintf(util, sizeof(util), "-");
		else
			snprintf(util, sizeof(util), "%.0f%%", 100.0 * b->bss_utilisation);
		if (isnan(b->signal_dbm))
			snprintf(sigbuf, sizeof(sigbuf), "?");
		else
			snprintf(sigbuf, sizeof(sigbuf), "%.0f", b->signal_dbm);
		/* SSID and AP name are bytes from the air: their escaped text, by terminal cells */
		printf("%-3d %-17s ", ap, mac_format(b->bssid, mac));
		cli_put_cell(stdout, b->hidden ? "(hidden)" : b->ssid, SSID_CELLS, 1);
		printf(" %4d %5d %6s %5s %-14s ", b->channel, b->width_mhz, sigbuf, util, b->security);
		cli_put_cell(stdout, b->ap_name, WIFI_SSID_TEXT_SIZE, 0);
		printf("%s%s\n", b->associated ? " [associated]" : "", b->stale ? " [stale]" : "");
	}
	free(rows);
	printf("%zu BSS%s from %d physical AP%s%s\n", r->n, r->n == 1 ? "" : "es", ap,
	       ap == 1 ? "" : "s", r->cached ? " (cached results)" : "");
}

struct scan_args {
	struct wifi_scan_params p;
	const char *ifname;
	int freqs[64];
	bool json;
};

static int scan_option(void *ctx, int c, const char *arg)
{
	struct scan_args *a = ctx;
	int n;
	long v;

	switch (c) {
	case 'i': a->ifname = arg; break;
	case 'f':
		n = wifi_parse_freq_list(arg, a->freqs, 64);
		if (n < 0)
			return cli_usage_error("scan", "--freq wants MHz values separated by commas, not '%s'", arg);
		a->p.freqs = a->freqs;
		a->p.nfreqs = (size_t)n;
		break;
	case 'p': a->p.passive = true; break;
	case 'F': a->p.flush = true; break;
	case 'c': a->p.no_trigger = true; break;
	case 't':
		if (!cli_parse_int(arg, &v) || v <= 0 || v > 600000)
			return cli_usage_error("scan", "--timeout wants milliseconds, not '%s'", arg);
		a->p.timeout_ms = (int)v;
		break;
	case 'j': a->json = true; break;
	}
	return EXIT_OK;
}

CLI_COMMAND(scan, 100, "scan for Wi-Fi networks (table or --json)");
int cmd_scan(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "interface", required_argument, NULL, 'i' },
		{ "freq", required_argument, NULL, 'f' },
		{ "passive", no_argument, NULL, 'p' },
		{ "flush", no_argument, NULL, 'F' },
		{ "cached", no_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "scan", "i:h", opts, usage, scan_option };
	struct scan_args a = { 0 };
	struct wifi_scan_params *p = &a.p;
	struct wifi_scan_result res = { 0 };
	struct nl80211 nl = { 0 };
	struct ns_err err = { 0 };
	struct wifi_iface w;
	int rc;

	if ((rc = cli_getopt(&parser, &a, argc, argv)))
		return cli_status(rc);
	rc = EXIT_FAILED;
	if (optind < argc)
		return cli_usage_error("scan", "unexpected argument '%s'", argv[optind]);
	if (cli_radio_open(&nl, &err) < 0)
		return cli_fail("scan", &err);
	if ((a.ifname ? wifi_find_interface(&nl, a.ifname, &w, &err)
		    : wifi_default_interface(&nl, &w, &err)) < 0) {
		rc = cli_fail("scan", &err);
		goto out;
	}
	if (!p->no_trigger && !p->timeout_ms) { /* sized to the channels this radio scans */
		struct wifi_phy phy;
		bool have = w.wiphy >= 0 && wifi_get_phy(&nl, w.wiphy, &phy, NULL) == 0;

		p->timeout_ms = wifi_scan_timeout_ms(have ? &phy : NULL, p->freqs, p->nfreqs, NULL);
	}
	if (!a.json && !p->no_trigger && cli_is_tty())
		fprintf(stderr, "scanning on %s...\r", w.name);
	if (wifi_scan(&nl, w.ifindex, p, &res, &err) < 0) {
		ns_err_prefix(&err, "%s", w.name);
		rc = cli_fail("scan", &err);
		goto out;
	}
	if (!a.json && !p->no_trigger && cli_is_tty())
		fprintf(stderr, "%*s\r", 40, "");
	if (res.warning[0])
		fprintf(stderr, "notspot: scan: warning: %s\n", res.warning);
	if (a.json) {
		char when[32];
		json_t *o = json_object(), *arr = json_array();
		json_object_set_new(o, "interface", json_string(w.name));
		json_object_set_new(o, "time", json_string(ns_format_utc(res.t_us, when, sizeof(when))));
		json_object_set_new(o, "cached", json_boolean(res.cached));
		json_object_set_new(o, "warning", res.warning[0] ? json_string(res.warning) : json_null());
		json_object_set_new(o, "skipped", json_integer(res.skipped));
		for (size_t i = 0; i < res.n; i++)
			json_array_append_new(arr, wifi_bss_json(&res.bss[i]));
		json_object_set_new(o, "bss", arr);
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
		printf("\n");
		json_decref(o);
	} else {
		print_table(&res);
	}
	rc = EXIT_OK;
out:
	wifi_scan_result_release(&res);
	nl80211_close(&nl);
	return rc;
}
