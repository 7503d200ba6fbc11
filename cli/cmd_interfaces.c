/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_interfaces.c — `notspot interfaces [--json]`: the Wi-Fi interfaces, their
 * radios' bands and, for a connected station, its link.
 */
#include <errno.h>
#include <getopt.h>
#include <linux/nl80211.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "measure/channel.h"
#include "cli/radio.h"
#include "cli/textcell.h"
#include "scanner/chansurvey.h"
#include "scanner/iface.h"
#include "scanner/ies.h"
#include "scanner/json.h"
#include "scanner/station.h"
#include "util/mac.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: notspot interfaces [--json]\n"
		   "List the Wi-Fi interfaces: name, phy, MAC, mode, connected network,\n"
		   "channel, width, tx power, the radio's bands and, when connected, the link\n"
		   "(signal, bit rates, expected throughput). Needs no privileges.\n\n"
		   "  --json    machine-readable output\n"
		   "  --help    this text\n");
}

static void print_rate(const char *what, const struct wifi_rate *r)
{
	if (isnan(r->mbps))
		return;
	printf("  %s %.1f Mbit/s", what, r->mbps);
	if (r->mode != RATE_LEGACY) {
		printf(" %s-MCS %d", wifi_rate_mode_name(r->mode), r->mcs);
		if (r->nss)
			printf(" NSS %d", r->nss);
	}
	printf(" %d MHz GI %d ns", r->width_mhz, r->gi_ns);
}

static void print_text(const struct wifi_iface *w, const struct wifi_phy *phy,
		       const struct wifi_station *st)
{
	char mac[18];

	printf("%s  ifindex %d  %s  %s  %s", w->name, w->ifindex, phy ? phy->name : "phy?",
	       mac_format(w->mac, mac), wifi_iftype_name(w->iftype));
	if (!isnan(w->txpower_dbm))
		printf("  tx power %.1f dBm", w->txpower_dbm);
	printf("\n");
	if (phy && phy->bands) {
		const char *sep = "";
		char buf[16];
		printf("    bands:");
		for (int i = 0; i < 16; i++) /* every band the kernel lists */
			if (phy->bands & (1u << i)) {
				printf("%s %s", sep, wifi_band_name(i, buf, sizeof(buf)));
				sep = ",";
			}
		printf(" (%zu channels enabled)\n", phy->nfreqs);
	}
	if (w->freq_mhz) {
		char ch[MEAS_CHANNEL_LABEL_LEN];

		/* never a channel number without its band (measure/channel.h) */
		printf("    %s, %d MHz, width %d MHz, centre %d MHz\n",
		       meas_channel_label(w->freq_mhz, ch, sizeof(ch)), w->freq_mhz, w->width_mhz,
		       w->center1_mhz);
	}
	if (w->has_ssid) { /* the escaped text of the bytes (scanner/ssid.h): no control byte reaches the terminal */
		printf("    ssid \"");
		cli_put_cell(stdout, w->ssid, WIFI_SSID_TEXT_SIZE, 0);
		printf("\"\n");
	}
	if (st) {
		printf("    connected to %s:", mac_format(st->mac, mac));
		if (st->signal_dbm != INT_MIN)
			printf(" signal %d dBm", st->signal_dbm);
		if (st->signal_avg_dbm != INT_MIN)
			printf(", avg %d dBm", st->signal_avg_dbm);
		if (st->beacon_signal_avg_dbm != INT_MIN)
			printf(", beacon avg %d dBm", st->beacon_signal_avg_dbm);
		printf("\n   ");
		print_rate("tx", &st->tx);
		print_rate("rx", &st->rx);
		if (!isnan(st->expected_mbps))
			printf("  expected %.1f Mbit/s", st->expected_mbps);
		printf("\n");
	}
}

/* The in-use channel's survey entry as JSON, or null (the driver may give none). */
static json_t *current_survey(struct nl80211 *nl, const struct wifi_iface *w)
{
	struct wifi_survey *v = NULL;
	const struct wifi_survey *cur;
	json_t *o = NULL;
	size_t n;

	if (!w->freq_mhz || wifi_get_survey(nl, w->ifindex, &v, &n, NULL) < 0)
		return json_null();
	cur = wifi_survey_current(v, n, w->freq_mhz);
	if (cur)
		o = wifi_survey_json(cur);
	free(v);
	return o ? o : json_null();
}

/* --json, the one option. */
static int json_option(void *ctx, int c, const char *arg)
{
	(void)c;
	(void)arg;
	*(bool *)ctx = true;
	return EXIT_OK;
}

CLI_COMMAND(interfaces, 90, "list the Wi-Fi interfaces, their radios and links");
int cmd_interfaces(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "interfaces", "h", opts, usage, json_option };
	struct nl80211 nl = { 0 };
	struct ns_err err = { 0 };
	struct wifi_iface *v = NULL;
	size_t n = 0;
	bool json = false;
	int rc = EXIT_FAILED;
	json_t *arr = NULL;

	if ((rc = cli_getopt(&parser, &json, argc, argv)))
		return cli_status(rc);
	rc = EXIT_FAILED;
	if (optind < argc)
		return cli_usage_error("interfaces", "unexpected argument '%s'", argv[optind]);
	if (cli_radio_open(&nl, &err) < 0)
		return cli_fail("interfaces", &err);
	if (wifi_list_interfaces(&nl, &v, &n, &err) < 0) {
		rc = cli_fail("interfaces", &err);
		goto out;
	}
	if (json)
		arr = json_array();
	else if (n == 0)
		printf("no Wi-Fi interfaces\n");
	for (size_t i = 0; i < n; i++) {
		struct wifi_phy phy;
		struct wifi_station st;
		bool have_phy = v[i].wiphy >= 0 && wifi_get_phy(&nl, v[i].wiphy, &phy, NULL) == 0;
		bool linked = v[i].iftype == NL80211_IFTYPE_STATION &&
			      wifi_get_link(&nl, v[i].ifindex, &st, NULL) == 0;
		if (json) {
			json_t *o = wifi_iface_json(&v[i], have_phy ? &phy : NULL);
			json_object_set_new(o, "bssid", linked ? json_string(mac_format(st.mac, (char[18]){ 0 })) : json_null());
			json_object_set_new(o, "link", linked ? wifi_station_json(&st) : json_null());
			json_object_set_new(o, "survey", current_survey(&nl, &v[i]));
			json_array_append_new(arr, o);
		} else {
			print_text(&v[i], have_phy ? &phy : NULL, linked ? &st : NULL);
		}
	}
	if (json) {
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
		printf("\n");
	}
	rc = EXIT_OK;
out:
	json_decref(arr);
	free(v);
	nl80211_close(&nl);
	return rc;
}
