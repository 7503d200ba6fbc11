/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * station.c — station/link info (what iw's station.c prints, into a struct).
 * Signals are signed 8-bit dBm in u8 attributes; byte counters come as 32-bit
 * and, on newer kernels, 64-bit variants (the 64-bit one wins).
 */
#include "scanner/station.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include <linux/nl80211.h>

static struct nla_policy sta_policy[NL80211_STA_INFO_MAX + 1] = {
	[NL80211_STA_INFO_INACTIVE_TIME] = { .type = NLA_U32 },
	[NL80211_STA_INFO_RX_BYTES] = { .type = NLA_U32 },
	[NL80211_STA_INFO_TX_BYTES] = { .type = NLA_U32 },
	[NL80211_STA_INFO_RX_BYTES64] = { .type = NLA_U64 },
	[NL80211_STA_INFO_TX_BYTES64] = { .type = NLA_U64 },
	[NL80211_STA_INFO_RX_PACKETS] = { .type = NLA_U32 },
	[NL80211_STA_INFO_TX_PACKETS] = { .type = NLA_U32 },
	[NL80211_STA_INFO_SIGNAL] = { .type = NLA_U8 },
	[NL80211_STA_INFO_SIGNAL_AVG] = { .type = NLA_U8 },
	[NL80211_STA_INFO_BEACON_SIGNAL_AVG] = { .type = NLA_U8 },
	[NL80211_STA_INFO_TX_BITRATE] = { .type = NLA_NESTED },
	[NL80211_STA_INFO_RX_BITRATE] = { .type = NLA_NESTED },
	[NL80211_STA_INFO_TX_RETRIES] = { .type = NLA_U32 },
	[NL80211_STA_INFO_TX_FAILED] = { .type = NLA_U32 },
	[NL80211_STA_INFO_BEACON_LOSS] = { .type = NLA_U32 },
	[NL80211_STA_INFO_CONNECTED_TIME] = { .type = NLA_U32 },
	[NL80211_STA_INFO_EXPECTED_THROUGHPUT] = { .type = NLA_U32 },
	[NL80211_STA_INFO_CHAIN_SIGNAL] = { .type = NLA_NESTED },
};

static struct nla_policy rate_policy[NL80211_RATE_INFO_MAX + 1] = {
	[NL80211_RATE_INFO_BITRATE] = { .type = NLA_U16 },
	[NL80211_RATE_INFO_BITRATE32] = { .type = NLA_U32 },
	[NL80211_RATE_INFO_MCS] = { .type = NLA_U8 },
	[NL80211_RATE_INFO_VHT_MCS] = { .type = NLA_U8 },
	[NL80211_RATE_INFO_VHT_NSS] = { .type = NLA_U8 },
	[NL80211_RATE_INFO_HE_MCS] = { .type = NLA_U8 },
	[NL80211_RATE_INFO_HE_NSS] = { .type = NLA_U8 },
	[NL80211_RATE_INFO_HE_GI] = { .type = NLA_U8 },
	[NL80211_RATE_INFO_EHT_MCS] = { .type = NLA_U8 },
	[NL80211_RATE_INFO_EHT_NSS] = { .type = NLA_U8 },
	[NL80211_RATE_INFO_EHT_GI] = { .type = NLA_U8 },
	[NL80211_RATE_INFO_SHORT_GI] = { .type = NLA_FLAG },
	[NL80211_RATE_INFO_40_MHZ_WIDTH] = { .type = NLA_FLAG },
	[NL80211_RATE_INFO_80_MHZ_WIDTH] = { .type = NLA_FLAG },
	[NL80211_RATE_INFO_80P80_MHZ_WIDTH] = { .type = NLA_FLAG },
	[NL80211_RATE_INFO_160_MHZ_WIDTH] = { .type = NLA_FLAG },
	[NL80211_RATE_INFO_320_MHZ_WIDTH] = { .type = NLA_FLAG },
	[NL80211_RATE_INFO_5_MHZ_WIDTH] = { .type = NLA_FLAG },
	[NL80211_RATE_INFO_10_MHZ_WIDTH] = { .type = NLA_FLAG },
};

static void parse_rate(struct nlattr *nest, struct wifi_rate *r)
{
	struct nlattr *tb[NL80211_RATE_INFO_MAX + 1];
	/* HE/EHT GI enums: 0 = 0.8 µs, 1 = 1.6 µs, 2 = 3.2 µs. */
	static const int he_gi[] = { 800, 1600, 3200 };

	r->mbps = NAN;
	r->mode = RATE_LEGACY;
	r->mcs = -1;
	r->nss = 0;
	r->width_mhz = 20;
	r->gi_ns = 800;
	if (!nest || nla_parse_nested(tb, NL80211_RATE_INFO_MAX, nest, rate_policy) < 0)
		return;
	/* BITRATE32 exists because 16 bits of 100 kbit/s stop at 6.5 Gbit/s. */
	if (tb[NL80211_RATE_INFO_BITRATE32])
		r->mbps = nla_get_u32(tb[NL80211_RATE_INFO_BITRATE32]) / 10.0;
	else if (tb[NL80211_RATE_INFO_BITRATE])
		r->mbps = nla_get_u16(tb[NL80211_RATE_INFO_BITRATE]) / 10.0;
	if (tb[NL80211_RATE_INFO_MCS]) {
		r->mode = RATE_HT;
		r->mcs = nla_get_u8(tb[NL80211_RATE_INFO_MCS]);
		r->nss = r->mcs / 8 + 1;
	}
	if (tb[NL80211_RATE_INFO_VHT_MCS]) {
		r->mode = RATE_VHT;
		r->mcs = nla_get_u8(tb[NL80211_RATE_INFO_VHT_MCS]);
		if (tb[NL80211_RATE_INFO_VHT_NSS])
			r->nss = nla_get_u8(tb[NL80211_RATE_INFO_VHT_NSS]);
	}
	if (tb[NL80211_RATE_INFO_HE_MCS]) {
		r->mode = RATE_HE;
		r->mcs = nla_get_u8(tb[NL80211_RATE_INFO_HE_MCS]);
		if (tb[NL80211_RATE_INFO_HE_NSS])
			r->nss = nla_get_u8(tb[NL80211_RATE_INFO_HE_NSS]);
		if (tb[NL80211_RATE_INFO_HE_GI] && nla_get_u8(tb[NL80211_RATE_INFO_HE_GI]) < 3)
			r->gi_ns = he_gi[nla_get_u8(tb[NL80211_RATE_INFO_HE_GI])];
	}
	if (tb[NL80211_RATE_INFO_EHT_MCS]) {
		r->mode = RATE_EHT;
		r->mcs = nla_get_u8(tb[NL80211_RATE_INFO_EHT_MCS]);
		if (tb[NL80211_RATE_INFO_EHT_NSS])
			r->nss = nla_get_u8(tb[NL80211_RATE_INFO_EHT_NSS]);
		if (tb[NL80211_RATE_INFO_EHT_GI] && nla_get_u8(tb[NL80211_RATE_INFO_EHT_GI]) < 3)
			r->gi_ns = he_gi[nla_get_u8(tb[NL80211_RATE_INFO_EHT_GI])];
	}
	if (tb[NL80211_RATE_INFO_SHORT_GI])
		r->gi_ns = 400;
	if (tb[NL80211_RATE_INFO_5_MHZ_WIDTH])
		r->width_mhz = 5;
	else if (tb[NL80211_RATE_INFO_10_MHZ_WIDTH])
		r->width_mhz = 10;
	else if (tb[NL80211_RATE_INFO_40_MHZ_WIDTH])
		r->width_mhz = 40;
	else if (tb[NL80211_RATE_INFO_80_MHZ_WIDTH])
		r->width_mhz = 80;
	else if (tb[NL80211_RATE_INFO_80P80_MHZ_WIDTH] || tb[NL80211_RATE_INFO_160_MHZ_WIDTH])
		r->width_mhz = 160;
	else if (tb[NL80211_RATE_INFO_320_MHZ_WIDTH])
		r->width_mhz = 320;
}

static int64_t u32_or(struct nlattr **tb, int a)
{
	return tb[a] ? (int64_t)nla_get_u32(tb[a]) : -1;
}

int wifi_parse_station(struct nl_msg *msg, struct wifi_station *out)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *si[NL80211_STA_INFO_MAX + 1];

	memset(out, 0, sizeof(*out));
	out->signal_dbm = out->signal_avg_dbm = out->beacon_signal_avg_dbm = INT_MIN;
	out->expected_mbps = NAN;
	parse_rate(NULL, &out->tx);
	parse_rate(NULL, &out->rx);
	if (nl80211_parse(msg, tb) < 0 || !tb[NL80211_ATTR_STA_INFO])
		return -EINVAL;
	if (nla_parse_nested(si, NL80211_STA_INFO_MAX, tb[NL80211_ATTR_STA_INFO], sta_policy) < 0)
		return -EINVAL;
	if (tb[NL80211_ATTR_MAC])
		memcpy(out->mac, nla_data(tb[NL80211_ATTR_MAC]), 6);
	if (si[NL80211_STA_INFO_SIGNAL])
		out->signal_dbm = (int8_t)nla_get_u8(si[NL80211_STA_INFO_SIGNAL]);
	if (si[NL80211_STA_INFO_SIGNAL_AVG])
		out->signal_avg_dbm = (int8_t)nla_get_u8(si[NL80211_STA_INFO_SIGNAL_AVG]);
	if (si[NL80211_STA_INFO_BEACON_SIGNAL_AVG])
		out->beacon_signal_avg_dbm = (int8_t)nla_get_u8(si[NL80211_STA_INFO_BEACON_SIGNAL_AVG]);
	if (si[NL80211_STA_INFO_CHAIN_SIGNAL]) {
		struct nlattr *c;
		int rem;
		nla_for_each_nested(c, si[NL80211_STA_INFO_CHAIN_SIGNAL], rem) {
			if (nla_len(c) < 1 || out->n_chains >= WIFI_MAX_CHAINS)
				continue;
			out->chain_signal_dbm[out->n_chains++] = (int8_t)nla_get_u8(c);
		}
	}
	parse_rate(si[NL80211_STA_INFO_TX_BITRATE], &out->tx);
	parse_rate(si[NL80211_STA_INFO_RX_BITRATE], &out->rx);
	if (si[NL80211_STA_INFO_EXPECTED_THROUGHPUT])
		out->expected_mbps = nla_get_u32(si[NL80211_STA_INFO_EXPECTED_THROUGHPUT]) / 1000.0;
	out->tx_retries = u32_or(si, NL80211_STA_INFO_TX_RETRIES);
	out->tx_failed = u32_or(si, NL80211_STA_INFO_TX_FAILED);
	out->beacon_loss = u32_or(si, NL80211_STA_INFO_BEACON_LOSS);
	out->rx_packets = u32_or(si, NL80211_STA_INFO_RX_PACKETS);
	out->tx_packets = u32_or(si, NL80211_STA_INFO_TX_PACKETS);
	out->connected_s = u32_or(si, NL80211_STA_INFO_CONNECTED_TIME);
	out->inactive_ms = u32_or(si, NL80211_STA_INFO_INACTIVE_TIME);
	out->rx_bytes = si[NL80211_STA_INFO_RX_BYTES64]
				? (int64_t)nla_get_u64(si[NL80211_STA_INFO_RX_BYTES64])
				: u32_or(si, NL80211_STA_INFO_RX_BYTES);
	out->tx_bytes = si[NL80211_STA_INFO_TX_BYTES64]
				? (int64_t)nla_get_u64(si[NL80211_STA_INFO_TX_BYTES64])
				: u32_or(si, NL80211_STA_INFO_TX_BYTES);
	return 0;
}

struct link_state {
	struct wifi_station *out;
	bool found;
};

static int on_station(struct nl_msg *msg, void *arg)
{
	struct link_state *st = arg;

	if (!st->found && wifi_parse_station(msg, st->out) == 0)
		st->found = true;
	return NL_SKIP;
}

int wifi_get_link(struct nl80211 *nl, int ifindex, struct wifi_station *out, struct ns_err *err)
{
	struct link_state st = { out, false };
	int ret = -EAGAIN;

	for (int attempt = 0; attempt < NL80211_DUMP_RETRIES && ret == -EAGAIN; attempt++) {
		struct nl_msg *msg = nl80211_msg(nl, NL80211_CMD_GET_STATION, NLM_F_DUMP);
		st.found = false;
		if (!msg || nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex) < 0) {
			nlmsg_free(msg);
			return ns_err_set(err, -ENOMEM, "out of memory");
		}
		ret = nl80211_send_and_recv(nl, msg, on_station, &st, "reading the link", err);
	}
	if (ret < 0)
		return ret;
	if (!st.found)
		return ns_err_set(err, -ENOTCONN, "not associated");
	return 0;
}
