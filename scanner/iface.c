/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * iface.c — GET_INTERFACE and GET_WIPHY through nl80211_send_and_recv().
 * Modelled on what iw's interface.c and info.c read; parse into structs only.
 */
#include "scanner/iface.h"

#include <errno.h>
#include <math.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/nl80211.h>

static void copy_str_attr(char *dst, size_t dstlen, const struct nlattr *a)
{
	size_t n = strnlen(nla_data(a), (size_t)nla_len(a));

	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, nla_data(a), n);
	dst[n] = '\0';
}

int wifi_chan_width_mhz(int w)
{
	switch (w) {
	case NL80211_CHAN_WIDTH_20_NOHT:
	case NL80211_CHAN_WIDTH_20: return 20;
	case NL80211_CHAN_WIDTH_40: return 40;
	case NL80211_CHAN_WIDTH_80: return 80;
	case NL80211_CHAN_WIDTH_80P80:
	case NL80211_CHAN_WIDTH_160: return 160;
	case NL80211_CHAN_WIDTH_5: return 5;
	case NL80211_CHAN_WIDTH_10: return 10;
	case NL80211_CHAN_WIDTH_1: return 1;
	case NL80211_CHAN_WIDTH_2: return 2;
	case NL80211_CHAN_WIDTH_4: return 4;
	case NL80211_CHAN_WIDTH_8: return 8;
	case NL80211_CHAN_WIDTH_16: return 16;
	case NL80211_CHAN_WIDTH_320: return 320;
	default: return 0;
	}
}

const char *wifi_iftype_name(int t)
{
	switch (t) {
	case NL80211_IFTYPE_ADHOC: return "IBSS";
	case NL80211_IFTYPE_STATION: return "managed";
	case NL80211_IFTYPE_AP: return "AP";
	case NL80211_IFTYPE_AP_VLAN: return "AP/VLAN";
	case NL80211_IFTYPE_WDS: return "WDS";
	case NL80211_IFTYPE_MONITOR: return "monitor";
	case NL80211_IFTYPE_MESH_POINT: return "mesh point";
	case NL80211_IFTYPE_P2P_CLIENT: return "P2P-client";
	case NL80211_IFTYPE_P2P_GO: return "P2P-GO";
	case NL80211_IFTYPE_P2P_DEVICE: return "P2P-device";
	case NL80211_IFTYPE_OCB: return "outside context of a BSS";
	case NL80211_IFTYPE_NAN: return "NAN";
	default: return "unknown";
	}
}

int wifi_parse_interface(struct nl_msg *msg, struct wifi_iface *out)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	memset(out, 0, sizeof(*out));
	out->wiphy = -1;
	out->txpower_dbm = NAN;
	if (nl80211_parse(msg, tb) < 0)
		return -EINVAL;
	if (!tb[NL80211_ATTR_IFINDEX] || !tb[NL80211_ATTR_IFNAME])
		return -EINVAL;
	out->ifindex = (int)nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	copy_str_attr(out->name, sizeof(out->name), tb[NL80211_ATTR_IFNAME]);
	if (tb[NL80211_ATTR_WIPHY])
		out->wiphy = (int)nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (tb[NL80211_ATTR_WDEV] && nla_len(tb[NL80211_ATTR_WDEV]) >= 8)
		out->wdev = nla_get_u64(tb[NL80211_ATTR_WDEV]);
	if (tb[NL80211_ATTR_MAC])
		memcpy(out->mac, nla_data(tb[NL80211_ATTR_MAC]), 6);
	out->iftype = tb[NL80211_ATTR_IFTYPE] ? (int)nla_get_u32(tb[NL80211_ATTR_IFTYPE]) : -1;
	if (tb[NL80211_ATTR_SSID]) {
		size_t n = (size_t)nla_len(tb[NL80211_ATTR_SSID]); /* policy: n <= 32 */
		out->has_ssid = true;
		out->ssid_len = (uint8_t)n;
		memcpy(out->ssid_raw, nla_data(tb[NL80211_ATTR_SSID]), n);
		meas_ssid_set(out->ssid, sizeof(out->ssid), out->ssid_raw, n);
	}
	if (tb[NL80211_ATTR_WIPHY_FREQ])
		out->freq_mhz = (int)nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]);
	if (tb[NL80211_ATTR_CHANNEL_WIDTH])
		out->width_mhz = wifi_chan_width_mhz((int)nla_get_u32(tb[NL80211_ATTR_CHANNEL_WIDTH]));
	if (tb[NL80211_ATTR_CENTER_FREQ1])
		out->center1_mhz = (int)nla_get_u32(tb[NL80211_ATTR_CENTER_FREQ1]);
	if (tb[NL80211_ATTR_WIPHY_TX_POWER_LEVEL])
		out->txpower_dbm =
			(int32_t)nla_get_u32(tb[NL80211_ATTR_WIPHY_TX_POWER_LEVEL]) / 100.0;
	return 0;
}

struct iface_list {
	struct wifi_iface *v;
	size_t n, cap;
	int err;
};

static int on_interface(struct nl_msg *msg, void *arg)
{
	struct iface_list *l = arg;
	struct wifi_iface w;

	if (wifi_parse_interface(msg, &w) < 0)
		return NL_SKIP;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct wifi_iface *v = realloc(l->v, cap * sizeof(*v));
		if (!v) {
			l->err = -ENOMEM;
			return NL_SKIP;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = w;
	return NL_SKIP;
}

static int by_ifindex(const void *a, const void *b)
{
	const struct wifi_iface *x = a, *y = b;

	return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

int wifi_list_interfaces(struct nl80211 *nl, struct wifi_iface **out, size_t *n,
			 struct ns_err *err)
{
	struct iface_list l = { 0 };
	int ret = -EAGAIN;

	for (int attempt = 0; attempt < NL80211_DUMP_RETRIES && ret == -EAGAIN; attempt++) {
		struct nl_msg *msg = nl80211_msg(nl, NL80211_CMD_GET_INTERFACE, NLM_F_DUMP);
		l.n = 0;
		l.err = 0;
		if (!msg) {
			ret = ns_err_set(err, -ENOMEM, "out of memory");
			break;
		}
		ret = nl80211_send_and_recv(nl, msg, on_interface, &l, "listing interfaces", err);
	}
	if (ret == 0 && l.err)
		ret = ns_err_set(err, l.err, "out of memory while listing interfaces");
	if (ret < 0) {
		free(l.v);
		return ret;
	}
	if (l.n > 1)
		qsort(l.v, l.n, sizeof(*l.v), by_ifindex);
	*out = l.v;
	*n = l.n;
	return 0;
}

int wifi_find_interface(struct nl80211 *nl, const char *name, struct wifi_iface *out,
			struct ns_err *err)
{
	struct wifi_iface *v;
	size_t n;
	int ret;

	ret = wifi_list_interfaces(nl, &v, &n, err);
	if (ret < 0)
		return ret;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].name, name) == 0) {
			*out = v[i];
			free(v);
			return 0;
		}
	}
	free(v);
	if (if_nametoindex(name) == 0)
		return ns_err_set(err, -ENODEV, "there is no network interface named '%s'", name);
	return ns_err_set(err, -ENODEV, "'%s' is not a wireless interface (nl80211 does not know it)",
			  name);
}

static struct nla_policy freq_policy[NL80211_FREQUENCY_ATTR_MAX + 1] = {
	[NL80211_FREQUENCY_ATTR_FREQ] = { .type = NLA_U32 },
	[NL80211_FREQUENCY_ATTR_DISABLED] = { .type = NLA_FLAG },
	[NL80211_FREQUENCY_ATTR_NO_IR] = { .type = NLA_FLAG },
	[NL80211_FREQUENCY_ATTR_RADAR] = { .type = NLA_FLAG },
	[NL80211_FREQUENCY_ATTR_OFFSET] = { .type = NLA_U32 },
};

const char *wifi_band_name(int band, char *buf, size_t len)
{
	static const char *const names[] = { "2.4 GHz", "5 GHz", "60 GHz", "6 GHz",
					     "S1G (900 MHz)", "LC (light)" };

	if (band >= 0 && band < (int)(sizeof(names) / sizeof(names[0])))
		return names[band];
	snprintf(buf, len, "band %d", band);
	return buf;
}

const char *wifi_band_id(int band, char *buf, size_t len)
{
	static const char *const ids[] = { "2.4GHz", "5GHz", "60GHz", "6GHz", "S1GHz", "LC" };

	if (band >= 0 && band < (int)(sizeof(ids) / sizeof(ids[0])))
		return ids[band];
	snprintf(buf, len, "band%d", band);
	return buf;
}

/* One enabled channel of band @band from its nested attributes. */
static void add_freq(struct wifi_phy *phy, int band, struct nlattr **tbf)
{
	size_t i = phy->nfreqs;

	if (i >= WIFI_PHY_MAX_FREQS)
		return;
	phy->freqs[i] = (int)nla_get_u32(tbf[NL80211_FREQUENCY_ATTR_FREQ]);
	phy->freq_khz_offset[i] = tbf[NL80211_FREQUENCY_ATTR_OFFSET]
					  ? (uint16_t)nla_get_u32(tbf[NL80211_FREQUENCY_ATTR_OFFSET])
					  : 0;
	phy->freq_band[i] = (uint8_t)band;
	phy->freq_flags[i] = (tbf[NL80211_FREQUENCY_ATTR_NO_IR] ? WIFI_CHAN_NO_IR : 0) |
			     (tbf[NL80211_FREQUENCY_ATTR_RADAR] ? WIFI_CHAN_RADAR : 0);
	phy->nfreqs++;
}

int wifi_parse_phy(struct nl_msg *msg, struct wifi_phy *phy)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *band, *f;
	int rem_band, rem_f;

	if (nl80211_parse(msg, tb) < 0)
		return -EINVAL;
	if (tb[NL80211_ATTR_WIPHY])
		phy->wiphy = (int)nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (tb[NL80211_ATTR_WIPHY_NAME])
		copy_str_attr(phy->name, sizeof(phy->name), tb[NL80211_ATTR_WIPHY_NAME]);
	if (!tb[NL80211_ATTR_WIPHY_BANDS])
		return 0;
	nla_for_each_nested(band, tb[NL80211_ATTR_WIPHY_BANDS], rem_band) {
		struct nlattr *tbb[NL80211_BAND_ATTR_MAX + 1];
		int idx = nla_type(band);

		if (idx >= 0 && idx < 16)
			phy->bands |= 1u << idx;
		if (nla_parse_nested(tbb, NL80211_BAND_ATTR_MAX, band, NULL) < 0 ||
		    !tbb[NL80211_BAND_ATTR_FREQS])
			continue;
		nla_for_each_nested(f, tbb[NL80211_BAND_ATTR_FREQS], rem_f) {
			struct nlattr *tbf[NL80211_FREQUENCY_ATTR_MAX + 1];
			if (nla_parse_nested(tbf, NL80211_FREQUENCY_ATTR_MAX, f, freq_policy) < 0 ||
			    !tbf[NL80211_FREQUENCY_ATTR_FREQ] || tbf[NL80211_FREQUENCY_ATTR_DISABLED])
				continue;
			add_freq(phy, idx, tbf);
		}
	}
	return 0;
}

static int on_phy(struct nl_msg *msg, void *arg)
{
	wifi_parse_phy(msg, arg);
	return NL_SKIP;
}

int wifi_get_phy(struct nl80211 *nl, int wiphy, struct wifi_phy *phy, struct ns_err *err)
{
	int ret = -EAGAIN;

	for (int attempt = 0; attempt < NL80211_DUMP_RETRIES && ret == -EAGAIN; attempt++) {
		struct nl_msg *msg = nl80211_msg(nl, NL80211_CMD_GET_WIPHY, NLM_F_DUMP);
		memset(phy, 0, sizeof(*phy));
		phy->wiphy = wiphy;
		if (!msg || nla_put_u32(msg, NL80211_ATTR_WIPHY, (uint32_t)wiphy) < 0 ||
		    nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP) < 0) {
			nlmsg_free(msg);
			return ns_err_set(err, -ENOMEM, "out of memory");
		}
		ret = nl80211_send_and_recv(nl, msg, on_phy, phy, "reading the radio's bands", err);
	}
	return ret;
}

int wifi_default_interface(struct nl80211 *nl, struct wifi_iface *out, struct ns_err *err)
{
	struct wifi_iface *v;
	size_t n, best = SIZE_MAX;
	int ret;

	ret = wifi_list_interfaces(nl, &v, &n, err);
	if (ret < 0)
		return ret;
	for (size_t i = 0; i < n; i++) {
		if (v[i].iftype != NL80211_IFTYPE_STATION)
			continue;
		if (best == SIZE_MAX || (v[i].has_ssid && !v[best].has_ssid))
			best = i;
	}
	if (best != SIZE_MAX)
		*out = v[best];
	free(v);
	if (best == SIZE_MAX)
		return ns_err_set(err, -ENODEV, "there is no Wi-Fi interface in station (managed) mode");
	return 0;
}
