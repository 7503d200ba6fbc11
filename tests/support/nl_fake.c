/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * nl_fake.c — see nl_fake.h.
 */
#include "tests/support/nl_fake.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>

#define MAX_DGRAMS 64

struct dgram {
	unsigned char *buf;
	size_t len;
};

static struct {
	struct dgram q[MAX_DGRAMS];
	size_t head, tail;   /* read position, number queued */
	int sent;
	uint32_t last_seq, last_port;
	struct nl_msg *last;
} F;

static int fake_send(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);

	(void)sk;
	F.sent++;
	F.last_seq = h->nlmsg_seq;
	F.last_port = h->nlmsg_pid;
	if (F.last)
		nlmsg_free(F.last);
	F.last = nlmsg_convert(h);
	return (int)h->nlmsg_len;
}

static int fake_recv(struct nl_sock *sk, struct sockaddr_nl *who, unsigned char **buf,
		     struct ucred **creds)
{
	struct dgram *d;

	(void)sk;
	if (creds)
		*creds = NULL;
	memset(who, 0, sizeof(*who));
	who->nl_family = AF_NETLINK;
	if (F.head >= F.tail)
		return -NLE_AGAIN; /* the test queued too little: surfaces as an error */
	d = &F.q[F.head++];
	/* Stamp the request's sequence number as the kernel would. */
	for (size_t off = 0; off + NLMSG_HDRLEN <= d->len;) {
		struct nlmsghdr *h = (struct nlmsghdr *)(d->buf + off);
		h->nlmsg_seq = F.last_seq;
		h->nlmsg_pid = F.last_port;
		off += NLMSG_ALIGN(h->nlmsg_len);
	}
	*buf = d->buf;
	d->buf = NULL;
	return (int)d->len;
}

void nl_fake_open(struct nl80211 *nl)
{
	struct nl_cb *cb;

	for (size_t i = 0; i < MAX_DGRAMS; i++)
		free(F.q[i].buf);
	if (F.last)
		nlmsg_free(F.last);
	memset(&F, 0, sizeof(F));
	memset(nl, 0, sizeof(*nl));
	nl->sock = nl_socket_alloc();
	nl->family = NL_FAKE_FAMILY;
	nl->scan_group = -1;
	nl_socket_set_local_port(nl->sock, 4242);
	cb = nl_socket_get_cb(nl->sock);
	nl_cb_overwrite_send(cb, fake_send);
	nl_cb_overwrite_recv(cb, fake_recv);
	nl_cb_put(cb);
}

void nl_fake_datagram(void)
{
	if (F.tail < MAX_DGRAMS)
		F.tail++;
}

static void append(const void *p, size_t len)
{
	struct dgram *d;

	if (F.tail == 0)
		nl_fake_datagram();
	d = &F.q[F.tail - 1];
	d->buf = realloc(d->buf, d->len + NLMSG_ALIGN(len));
	memset(d->buf + d->len, 0, NLMSG_ALIGN(len));
	memcpy(d->buf + d->len, p, len);
	d->len += NLMSG_ALIGN(len);
}

void nl_fake_add(struct nl_msg *msg)
{
	append(nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
	nlmsg_free(msg);
}

void nl_fake_add_done(int extra_flags)
{
	struct {
		struct nlmsghdr h;
		int32_t status;
	} m = { { sizeof(m), NLMSG_DONE, (uint16_t)(NLM_F_MULTI | extra_flags), 0, 0 }, 0 };

	append(&m, sizeof(m));
}

void nl_fake_add_error(int error, const char *extack)
{
	unsigned char buf[512] = { 0 };
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = (struct nlmsgerr *)(buf + NLMSG_HDRLEN);
	size_t len = NLMSG_HDRLEN + sizeof(*e);

	h->nlmsg_type = NLMSG_ERROR;
	e->error = error;
	/* The kernel echoes the request's header; with ext-ack it caps the payload. */
	e->msg.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	e->msg.nlmsg_type = NL_FAKE_FAMILY;
	if (error)
		h->nlmsg_flags = NLM_F_CAPPED;
	if (extack) {
		struct nlattr *a = (struct nlattr *)(buf + len);
		size_t n = strlen(extack) + 1;
		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = (uint16_t)(NLA_HDRLEN + n);
		memcpy((char *)a + NLA_HDRLEN, extack, n);
		len += NLA_ALIGN(a->nla_len);
		h->nlmsg_flags |= NLM_F_ACK_TLVS;
	}
	h->nlmsg_len = (uint32_t)len;
	append(buf, len);
}

int nl_fake_sent_count(void)
{
	return F.sent;
}

struct nl_msg *nl_fake_last_sent(void)
{
	return F.last;
}

size_t nl_fake_pending(void)
{
	return F.tail - F.head;
}

/* ---- kernel-exact messages ---- */

struct nl_msg *nl_build_genl(uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, NL_FAKE_FAMILY, 0, flags, cmd, 0);
	return msg;
}

void nl_build_bss_defaults(struct nl_build_bss *b, uint8_t last)
{
	memset(b, 0, sizeof(*b));
	memcpy(b->bssid, (uint8_t[]){ 0x00, 0x11, 0x22, 0x33, 0x44, last }, 6);
	b->bssid_len = 6;
	b->freq = 2412;
	b->signal_mbm = -5000;
	b->seen_ms_ago = 10;
	b->status = -1;
	b->capability = 0x0401;
	b->beacon_interval = 100;
}

struct nl_msg *nl_build_bss(const struct nl_build_bss *b, int ifindex, int flags)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_SCAN_RESULTS, flags);
	struct nlattr *bss;

	/* Order and types as net/wireless/nl80211.c:nl80211_send_bss(). */
	nla_put_u32(msg, NL80211_ATTR_GENERATION, 7);
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex);
	nla_put_u64(msg, NL80211_ATTR_WDEV, 1);
	bss = nla_nest_start(msg, NL80211_ATTR_BSS);
	if (b->bssid_len)
		nla_put(msg, NL80211_BSS_BSSID, b->bssid_len, b->bssid);
	nla_put_u64(msg, NL80211_BSS_TSF, 123456789);
	if (b->ies)
		nla_put(msg, NL80211_BSS_INFORMATION_ELEMENTS, (int)b->ies_len, b->ies);
	if (b->beacon_ies)
		nla_put(msg, NL80211_BSS_BEACON_IES, (int)b->beacon_ies_len, b->beacon_ies);
	if (b->beacon_interval)
		nla_put_u16(msg, NL80211_BSS_BEACON_INTERVAL, b->beacon_interval);
	nla_put_u16(msg, NL80211_BSS_CAPABILITY, b->capability);
	if (b->freq)
		nla_put_u32(msg, NL80211_BSS_FREQUENCY, b->freq);
	if (b->seen_ms_ago >= 0)
		nla_put_u32(msg, NL80211_BSS_SEEN_MS_AGO, (uint32_t)b->seen_ms_ago);
	nla_put_u64(msg, NL80211_BSS_LAST_SEEN_BOOTTIME, 99000000000ULL);
	if (!b->no_signal) /* the kernel puts the signed mBm with nla_put_u32 */
		nla_put_u32(msg, NL80211_BSS_SIGNAL_MBM, (uint32_t)b->signal_mbm);
	if (b->status >= 0)
		nla_put_u32(msg, NL80211_BSS_STATUS, (uint32_t)b->status);
	nla_nest_end(msg, bss);
	return msg;
}

size_t nl_build_ies(uint8_t *buf, size_t cap, const char *ssid, uint8_t channel)
{
	size_t n = strlen(ssid), len = 0;

	if (cap < n + 2 + 3 + 7)
		return 0;
	buf[len++] = 0;
	buf[len++] = (uint8_t)n;
	memcpy(buf + len, ssid, n);
	len += n;
	buf[len++] = 3; /* DS Parameter Set */
	buf[len++] = 1;
	buf[len++] = channel;
	buf[len++] = 11; /* BSS Load: 3 stations, 51/255 busy, capacity 0x1234 */
	buf[len++] = 5;
	buf[len++] = 3;
	buf[len++] = 0;
	buf[len++] = 51;
	buf[len++] = 0x34;
	buf[len++] = 0x12;
	return len;
}

void nl_fake_queue_wlan0(void)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_INTERFACE, NLM_F_MULTI);

	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	nla_put_string(msg, NL80211_ATTR_IFNAME, "wlan0");
	nla_put_u32(msg, NL80211_ATTR_WIPHY, 0);
	nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_STATION);
	nla_put(msg, NL80211_ATTR_MAC, 6, "\x02\x00\x00\x00\x03\x00");
	nla_put(msg, NL80211_ATTR_SSID, 9, "ward-open");
	nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, 2412);
	nl_fake_datagram();
	nl_fake_add(msg);
	nl_fake_add_done(0);
}

void nl_fake_queue_station(int signal_dbm)
{
	struct nl_msg *msg = nl_build_genl(NL80211_CMD_NEW_STATION, NLM_F_MULTI);
	struct nlattr *si;

	nla_put_u32(msg, NL80211_ATTR_IFINDEX, 3);
	nla_put(msg, NL80211_ATTR_MAC, 6, "\x02\x00\x00\x00\x00\x00");
	si = nla_nest_start(msg, NL80211_ATTR_STA_INFO);
	nla_put_u8(msg, NL80211_STA_INFO_SIGNAL, (uint8_t)(int8_t)signal_dbm);
	nla_nest_end(msg, si);
	nl_fake_datagram();
	nl_fake_add(msg);
	nl_fake_add_done(0);
}
