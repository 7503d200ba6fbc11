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

#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

/*
 * A minimal nl80211 link of this module's own: the scanner's shared one
 * (scanner/netlink.h) was not on main when this was written. Same rules:
 * send_and_recv() owns the message, installs error/finish/ack handlers and
 * returns 0 or a negative errno with the kernel's reason.
 */
struct nl80211 {
	struct nl_sock *sock;
	int family;
};

static int nl_to_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_NOMEM: return -ENOMEM;
	case NLE_PERM: return -EPERM;
	case NLE_NOACCESS: return -EACCES;
	case NLE_BUSY: return -EBUSY;
	case NLE_NODEV: return -ENODEV;
	case NLE_EXIST: return -EEXIST;
	case NLE_INVAL: return -EINVAL;
	case NLE_OPNOTSUPP: return -EOPNOTSUPP;
	default: return -EIO;
	}
}

static int nl80211_open(struct nl80211 *nl, struct ns_err *err)
{
	memset(nl, 0, sizeof(*nl));
	nl->sock = nl_socket_alloc();
	if (!nl->sock)
		return ns_err_set(err, -ENOMEM, "out of memory for a netlink socket");
	if (genl_connect(nl->sock) < 0) {
		nl_socket_free(nl->sock);
		nl->sock = NULL;
		return ns_err_set(err, -EIO, "cannot open a generic netlink socket");
	}
	nl->family = genl_ctrl_resolve(nl->sock, "nl80211");
	if (nl->family < 0) {
		nl_socket_free(nl->sock);
		nl->sock = NULL;
		return ns_err_set(err, -ENOENT,
				  "this kernel has no nl80211 (cfg80211 is not loaded), so it has no "
				  "Wi-Fi interfaces");
	}
	return 0;
}

static void nl80211_close(struct nl80211 *nl)
{
	if (nl->sock)
		nl_socket_free(nl->sock);
	nl->sock = NULL;
}

static struct nl_msg *nl80211_msg(const struct nl80211 *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags, cmd, 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	(void)nla;
	*(int *)arg = e->error < 0 ? e->error : -EIO;
	return NL_STOP;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	(void)msg;
	*(int *)arg = 0;
	return NL_STOP;
}

static int send_and_recv(struct nl80211 *nl, struct nl_msg *msg, nl_recvmsg_msg_cb_t cb,
			 void *arg, const char *what, struct ns_err *err)
{
	struct nl_cb *c = nl_cb_alloc(NL_CB_DEFAULT);
	int status = 1, rc;

	if (!c) {
		nlmsg_free(msg);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	nl_cb_err(c, NL_CB_CUSTOM, on_error, &status);
	nl_cb_set(c, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &status);
	nl_cb_set(c, NL_CB_ACK, NL_CB_CUSTOM, on_done, &status);
	if (cb)
		nl_cb_set(c, NL_CB_VALID, NL_CB_CUSTOM, cb, arg);
	rc = nl_send_auto(nl->sock, msg);
	nlmsg_free(msg);
	if (rc < 0) {
		nl_cb_put(c);
		rc = nl_to_errno(rc);
		return ns_err_set(err, rc, "%s: cannot send to nl80211: %s", what, strerror(-rc));
	}
	while (status > 0) {
		rc = nl_recvmsgs(nl->sock, c);
		if (rc < 0 && status > 0) {
			status = nl_to_errno(rc);
			break;
		}
	}
	nl_cb_put(c);
	if (status < 0)
		return ns_err_set(err, status, "%s: the kernel refused: %s", what, strerror(-status));
	return 0;
}

static int nl80211_parse(struct nl_msg *msg, struct nlattr **tb)
{
	static struct nla_policy policy[NL80211_ATTR_MAX + 1] = {
		[NL80211_ATTR_IFINDEX] = { .type = NLA_U32 },
		[NL80211_ATTR_WIPHY] = { .type = NLA_U32 },
		[NL80211_ATTR_IFTYPE] = { .type = NLA_U32 },
	};
	struct genlmsghdr *gnlh = nlmsg_data(nlmsg_hdr(msg));

	if (!genlmsg_valid_hdr(nlmsg_hdr(msg), 0))
		return -EINVAL;
	return nla_parse(tb, NL80211_ATTR_MAX, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0),
			 policy) < 0 ? -EINVAL : 0;
}

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
	return send_and_recv(&m->nl, msg, iface_cb, info, "reading the interface", err);
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
	rc = send_and_recv(&m->nl, msg, iface_cb, &info, "creating a monitor interface", err);
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
	rc = send_and_recv(&m->nl, msg, NULL, NULL, "tuning the monitor interface", err);
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
			send_and_recv(&m->nl, msg, NULL, NULL, "removing the monitor interface", NULL);
		else
			nlmsg_free(msg);
	}
	nl80211_close(&m->nl);
	free(m);
}
