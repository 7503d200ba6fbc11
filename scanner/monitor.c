/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * monitor.c — monitor interface and channel hopping through nl80211 (see monitor.h).
 */
#include "scanner/monitor.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/nl80211.h>

#include "scanner/netlink.h" /* the one way notspot talks to nl80211 */

struct monitor {
	struct nl80211 nl;
	int ifindex;            /* the interface captured on and tuned */
	bool created;           /* monitor_open() made it: monitor_close() removes it */
};

/* ---- channel lists and the hop schedule --------------------------------------- */

static int channel_freq(const char *item, struct ns_err *err)
{
	bool six = strncmp(item, "6g:", 3) == 0;
	const char *num = six ? item + 3 : item;
	char *end;
	long n;

	errno = 0;
	n = strtol(num, &end, 10);
	if (errno || end == num || *end != '\0' || n <= 0)
		return ns_err_set(err, -EINVAL, "'%s' is not a channel number or a frequency", item);
	if (six) {
		if (n == 2)
			return 5935;
		if (n >= 1 && n <= 233 && n % 4 == 1)
			return 5950 + 5 * (int)n;
		return ns_err_set(err, -EINVAL, "'%s' is not a 6 GHz channel (1, 5, … 233, or 2)", item);
	}
	if (n >= 2400 && n <= 7125)
		return (int)n;
	if (n == 14)
		return 2484;
	if (n >= 1 && n <= 13)
		return 2407 + 5 * (int)n;
	if (n >= 32 && n <= 177)
		return 5000 + 5 * (int)n;
	return ns_err_set(err, -EINVAL,
			  "'%s' is not a 2.4 GHz (1-14) or 5 GHz (32-177) channel nor a frequency in MHz",
			  item);
}

int monitor_parse_channels(const char *s, struct monitor_channels *out, struct ns_err *err)
{
	char buf[512];
	char *save = NULL, *item;

	memset(out, 0, sizeof(*out));
	if (strlen(s) >= sizeof(buf))
		return ns_err_set(err, -EINVAL, "the channel list is longer than %zu characters",
				  sizeof(buf) - 1);
	strcpy(buf, s);
	for (item = strtok_r(buf, ", ", &save); item; item = strtok_r(NULL, ", ", &save)) {
		int f = channel_freq(item, err);

		if (f < 0)
			return f;
		if (out->n == MONITOR_MAX_CHANNELS)
			return ns_err_set(err, -EINVAL, "more than %d channels in the list",
					  MONITOR_MAX_CHANNELS);
		out->freq_mhz[out->n++] = f;
	}
	if (out->n == 0)
		return ns_err_set(err, -EINVAL, "the channel list is empty");
	return 0;
}

void monitor_default_channels(struct monitor_channels *out)
{
	static const int five[] = { 36,  40,  44,  48,  52,  56,  60,  64,  100, 104, 108, 112,
				    116, 120, 124, 128, 132, 136, 140, 144, 149, 153, 157, 161, 165 };

	memset(out, 0, sizeof(*out));
	for (int c = 1; c <= 13; c++)
		out->freq_mhz[out->n++] = 2407 + 5 * c;
	for (size_t i = 0; i < sizeof(five) / sizeof(five[0]); i++)
		out->freq_mhz[out->n++] = 5000 + 5 * five[i];
}

void monitor_hopper_init(struct monitor_hopper *h, const struct monitor_channels *ch,
			 int64_t dwell_us)
{
	memset(h, 0, sizeof(*h));
	h->ch = *ch;
	h->dwell_us = dwell_us > 0 ? dwell_us : 250000;
}

int monitor_hopper_due(struct monitor_hopper *h, int64_t now_us)
{
	int f;

	if (h->ch.n == 0)
		return 0;
	if (h->due_us && now_us < h->due_us)
		return 0;
	if (h->ch.n == 1 && h->due_us)
		return 0; /* one channel: tuned once, never again */
	if (h->next >= h->ch.n)
		h->next = 0;
	f = h->ch.freq_mhz[h->next];
	h->next = (h->next + 1) % h->ch.n;
	h->due_us = now_us + h->dwell_us;
	return f;
}

void monitor_hopper_drop(struct monitor_hopper *h, int freq_mhz)
{
	size_t j = 0;

	for (size_t i = 0; i < h->ch.n; i++) {
		if (h->ch.freq_mhz[i] == freq_mhz) {
			if (i < h->next)
				h->next--;
			continue;
		}
		h->ch.freq_mhz[j++] = h->ch.freq_mhz[i];
	}
	h->ch.n = j;
	if (h->next >= h->ch.n)
		h->next = 0;
}

/* ---- nl80211 ------------------------------------------------------------------- */

struct iface_info {
	int iftype;
	int wiphy;
	int ifindex;
};

static int iface_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct iface_info *info = arg;

	if (nl80211_parse(msg, tb))
		return NL_SKIP;
	if (tb[NL80211_ATTR_IFTYPE])
		info->iftype = (int)nla_get_u32(tb[NL80211_ATTR_IFTYPE]);
	if (tb[NL80211_ATTR_WIPHY])
		info->wiphy = (int)nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (tb[NL80211_ATTR_IFINDEX])
		info->ifindex = (int)nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	return NL_SKIP;
}

static int get_iface(struct monitor *m, int ifindex, struct iface_info *info, struct ns_err *err)
{
	struct nl_msg *msg = nl80211_msg(&m->nl, NL80211_CMD_GET_INTERFACE, 0);

	info->iftype = -1;
	info->wiphy = -1;
	info->ifindex = 0;
	if (!msg || nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex) < 0) {
		nlmsg_free(msg);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	return nl80211_send_and_recv(&m->nl, msg, iface_cb, info, "reading the interface", err);
}

static int set_up(const char *ifname, struct ns_err *err)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc = 0;

	if (fd < 0)
		return ns_err_set(err, -errno, "cannot open a socket: %s", strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		rc = ns_err_set(err, -errno, "cannot read the flags of %s: %s", ifname,
				strerror(errno));
	} else if (!(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			rc = ns_err_set(err, -errno, "cannot bring %s up: %s%s", ifname,
					strerror(errno),
					errno == EPERM ? " (CAP_NET_ADMIN is needed)" : "");
	}
	close(fd);
	return rc;
}

int monitor_open(const char *ifname, const char *create_name, struct monitor **out,
		 char *capture_if, size_t capture_if_len, struct ns_err *err)
{
	struct iface_info info;
	struct monitor *m;
	struct nl_msg *msg;
	int ifindex = (int)if_nametoindex(ifname);
	int rc;

	*out = NULL;
	if (ifindex == 0)
		return ns_err_set(err, -ENODEV, "there is no interface %s", ifname);
	m = calloc(1, sizeof(*m));
	if (!m)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = nl80211_open(&m->nl, err);
	if (rc)
		goto fail;
	rc = get_iface(m, ifindex, &info, err);
	if (rc)
		goto fail;
	if (info.iftype < 0) {
		rc = ns_err_set(err, -ENODEV, "%s is not a Wi-Fi interface", ifname);
		goto fail;
	}
	if (info.iftype == NL80211_IFTYPE_MONITOR) {
		m->ifindex = ifindex;
		snprintf(capture_if, capture_if_len, "%s", ifname);
		*out = m;
		return 0;
	}
	if (!create_name) {
		rc = ns_err_set(err, -EINVAL,
				"%s is not in monitor mode (ask for a monitor interface to be created "
				"on its radio, or make one: iw dev %s interface add mon0 type monitor)",
				ifname, ifname);
		goto fail;
	}
	msg = nl80211_msg(&m->nl, NL80211_CMD_NEW_INTERFACE, 0);
	if (!msg || nla_put_u32(msg, NL80211_ATTR_WIPHY, (uint32_t)info.wiphy) < 0 ||
	    nla_put_string(msg, NL80211_ATTR_IFNAME, create_name) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_MONITOR) < 0) {
		nlmsg_free(msg);
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto fail;
	}
	memset(&info, 0, sizeof(info));
	rc = nl80211_send_and_recv(&m->nl, msg, iface_cb, &info, "creating a monitor interface",
				   err);
	if (rc) {
		if (rc == -EPERM)
			ns_err_set(err, rc, "creating a monitor interface needs CAP_NET_ADMIN");
		goto fail;
	}
	m->ifindex = info.ifindex ? info.ifindex : (int)if_nametoindex(create_name);
	m->created = true;
	if (m->ifindex == 0) {
		rc = ns_err_set(err, -ENODEV, "the kernel made no interface %s", create_name);
		goto fail;
	}
	rc = set_up(create_name, err);
	if (rc)
		goto fail;
	snprintf(capture_if, capture_if_len, "%s", create_name);
	*out = m;
	return 0;
fail:
	monitor_close(m);
	return rc;
}

int monitor_set_freq(struct monitor *m, int freq_mhz, struct ns_err *err)
{
	struct nl_msg *msg = nl80211_msg(&m->nl, NL80211_CMD_SET_WIPHY, 0);
	int rc;

	if (!msg || nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)m->ifindex) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, (uint32_t)freq_mhz) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_WIPHY_CHANNEL_TYPE, NL80211_CHAN_NO_HT) < 0) {
		nlmsg_free(msg);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	rc = nl80211_send_and_recv(&m->nl, msg, NULL, NULL, "tuning the monitor interface", err);
	if (rc == -EPERM)
		return ns_err_set(err, rc,
				  "changing the monitor interface's channel needs CAP_NET_ADMIN (run as "
				  "root or setcap cap_net_admin,cap_net_raw+ep on the binary)");
	if (rc)
		ns_err_prefix(err, "%d MHz", freq_mhz);
	return rc;
}

void monitor_close(struct monitor *m)
{
	if (!m)
		return;
	if (m->created && m->ifindex && m->nl.sock) {
		struct nl_msg *msg = nl80211_msg(&m->nl, NL80211_CMD_DEL_INTERFACE, 0);

		if (msg && nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)m->ifindex) == 0)
			nl80211_send_and_recv(&m->nl, msg, NULL, NULL,
					      "removing the monitor interface", NULL);
		else
			nlmsg_free(msg);
	}
	nl80211_close(&m->nl);
	free(m);
}
