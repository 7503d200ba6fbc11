/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * nl_sim.c — see nl_sim.h. A request is answered when it is sent: its
 * replies are queued, one message a datagram, and handed to libnl's receive.
 * Scan events go to every event socket opened by the listen hook.
 */
#include "scanner/nl_sim.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>

#include "util/clock.h"

#define SIM_FAMILY 0x1d
#define SIM_IFINDEX 3     /* wlan0, the station */
#define SIM_AP_IFINDEX 4  /* wlan1, an AP */
#define MAX_QUEUE 512
#define MAX_EVENTS 64
#define MAX_LISTENERS 16

struct dgram {
	unsigned char *buf;
	size_t len;
};

static struct {
	int nbss, scan_ms, busy, hang;
	char sysfs[256];
	bool scanning;
	int64_t scan_done_us;          /* when the running scan ends; 0: never */
	int64_t last_scan_us;          /* when the last one ended */
	struct dgram q[MAX_QUEUE];     /* replies to the last request */
	size_t head, tail;
	uint32_t seq, port;
	uint8_t events[MAX_EVENTS];    /* scan events (commands), by number */
	unsigned nevents;
	struct { struct nl_sock *sk; unsigned next; } listeners[MAX_LISTENERS];
	unsigned nlisteners;
} S;

/* ---- the radio's state ------------------------------------------------------- */

static bool sys_exists(const char *rel)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", S.sysfs, rel);
	return stat(path, &st) == 0;
}

static bool sys_flag(const char *rel, unsigned long mask)
{
	char path[512], v[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", S.sysfs, rel);
	f = fopen(path, "r");
	if (!f)
		return false;
	if (!fgets(v, sizeof(v), f))
		v[0] = '\0';
	fclose(f);
	return (strtoul(v, NULL, 0) & mask) != 0;
}

static bool wlan0_gone(void)
{
	return S.sysfs[0] && !sys_exists("class/net/wlan0");
}

static bool wlan0_down(void)
{
	if (!S.sysfs[0])
		return false;
	return sys_flag("class/net/wlan0/phy80211/rfkill0/soft", 1) ||
	       sys_flag("class/net/wlan0/phy80211/rfkill0/hard", 1) ||
	       (sys_exists("class/net/wlan0/flags") && !sys_flag("class/net/wlan0/flags", 1));
}

/* A scan that came to its end: the kernel's NEW_SCAN_RESULTS event. */
static void advance(void)
{
	int64_t now = ns_mono_us();

	if (S.scanning && S.scan_done_us && now >= S.scan_done_us) {
		S.scanning = false;
		S.last_scan_us = S.scan_done_us;
		S.events[S.nevents++ % MAX_EVENTS] = NL80211_CMD_NEW_SCAN_RESULTS;
	}
}

/* ---- building replies ---------------------------------------------------------- */

static struct nl_msg *msg_new(uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(65536);

	if (msg)
		genlmsg_put(msg, 0, 0, SIM_FAMILY, 0, flags, cmd, 0);
	return msg;
}

static void queue_raw(const void *p, size_t len)
{
	struct dgram *d;

	if (S.tail >= MAX_QUEUE)
		return;
	d = &S.q[S.tail];
	d->buf = calloc(1, NLMSG_ALIGN(len));
	if (!d->buf)
		return;
	memcpy(d->buf, p, len);
	d->len = NLMSG_ALIGN(len);
	S.tail++;
}

static void queue_msg(struct nl_msg *msg)
{
	if (!msg)
		return;
	queue_raw(nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
	nlmsg_free(msg);
}

static void queue_done(void)
{
	struct { struct nlmsghdr h; int32_t status; } m = {
		{ sizeof(m), NLMSG_DONE, NLM_F_MULTI, 0, 0 }, 0 };

	queue_raw(&m, sizeof(m));
}

/* NLMSG_ERROR: @error 0 is the ack. */
static void queue_error(int error)
{
	struct { struct nlmsghdr h; struct nlmsgerr e; } m;

	memset(&m, 0, sizeof(m));
	m.h.nlmsg_len = sizeof(m);
	m.h.nlmsg_type = NLMSG_ERROR;
	m.h.nlmsg_flags = error ? NLM_F_CAPPED : 0;
	m.e.error = error;
	m.e.msg.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	m.e.msg.nlmsg_type = SIM_FAMILY;
	queue_raw(&m, sizeof(m));
}

static void put_iface(int ifindex, const char *name, int iftype, const void *ssid, int ssid_len)
{
	struct nl_msg *msg = msg_new(NL80211_CMD_NEW_INTERFACE, NLM_F_MULTI);
	uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, (uint8_t)ifindex, 0x00 };

	nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex);
	nla_put_string(msg, NL80211_ATTR_IFNAME, name);
	nla_put_u32(msg, NL80211_ATTR_WIPHY, 0);
	nla_put_u32(msg, NL80211_ATTR_IFTYPE, (uint32_t)iftype);
	nla_put_u64(msg, NL80211_ATTR_WDEV, (uint64_t)ifindex);
	nla_put(msg, NL80211_ATTR_MAC, 6, mac);
	nla_put_u32(msg, NL80211_ATTR_GENERATION, 5);
	if (ssid)
		nla_put(msg, NL80211_ATTR_SSID, ssid_len, ssid);
	nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, 2412);
	nla_put_u32(msg, NL80211_ATTR_CHANNEL_WIDTH, NL80211_CHAN_WIDTH_20);
	nla_put_u32(msg, NL80211_ATTR_CENTER_FREQ1, 2412);
	nla_put_u32(msg, NL80211_ATTR_WIPHY_TX_POWER_LEVEL, 2000);
	queue_msg(msg);
}

static void answer_interfaces(int only)
{
	if (only == SIM_IFINDEX && wlan0_gone()) {
		queue_error(-ENODEV);
		return;
	}
	/* the station's SSID is left out, as some kernels leave it out: links get it from the BSS */
	if ((!only || only == SIM_IFINDEX) && !wlan0_gone())
		put_iface(SIM_IFINDEX, "wlan0", NL80211_IFTYPE_STATION, NULL, 0);
	if (!only || only == SIM_AP_IFINDEX)
		put_iface(SIM_AP_IFINDEX, "wlan1", NL80211_IFTYPE_AP, "A\0B", 3);
	queue_done();
}

/* phy0: 2.4 GHz channels 1–13 (12 and 13 no-IR), and an S1G band. */
static void answer_wiphy(void)
{
	struct nl_msg *msg = msg_new(NL80211_CMD_NEW_WIPHY, NLM_F_MULTI);
	struct nlattr *bands, *band, *freqs, *f;

	nla_put_u32(msg, NL80211_ATTR_WIPHY, 0);
	nla_put_string(msg, NL80211_ATTR_WIPHY_NAME, "phy0");
	bands = nla_nest_start(msg, NL80211_ATTR_WIPHY_BANDS);
	band = nla_nest_start(msg, NL80211_BAND_2GHZ);
	freqs = nla_nest_start(msg, NL80211_BAND_ATTR_FREQS);
	for (int ch = 1; ch <= 13; ch++) {
		f = nla_nest_start(msg, ch);
		nla_put_u32(msg, NL80211_FREQUENCY_ATTR_FREQ, (uint32_t)(2407 + 5 * ch));
		if (ch >= 12)
			nla_put_flag(msg, NL80211_FREQUENCY_ATTR_NO_IR);
		nla_nest_end(msg, f);
	}
	nla_nest_end(msg, freqs);
	nla_nest_end(msg, band);
	band = nla_nest_start(msg, NL80211_BAND_S1GHZ);
	freqs = nla_nest_start(msg, NL80211_BAND_ATTR_FREQS);
	for (int ch = 0; ch < 4; ch++) {
		f = nla_nest_start(msg, ch + 1);
		nla_put_u32(msg, NL80211_FREQUENCY_ATTR_FREQ, (uint32_t)(902 + ch));
		nla_put_u32(msg, NL80211_FREQUENCY_ATTR_OFFSET, 500);
		nla_put_flag(msg, NL80211_FREQUENCY_ATTR_NO_IR);
		nla_nest_end(msg, f);
	}
	nla_nest_end(msg, freqs);
	nla_nest_end(msg, band);
	nla_nest_end(msg, bands);
	queue_msg(msg);
	queue_done();
}

static void answer_station(int ifindex)
{
	struct nl_msg *msg;
	struct nlattr *si, *r;
	double t = ns_mono_us() / 1e6;
	int signal = (int)lround(-60 + 15 * sin(t / 3));

	if (ifindex == SIM_IFINDEX && wlan0_gone()) {
		queue_error(-ENODEV);
		return;
	}
	if (ifindex != SIM_IFINDEX || wlan0_down()) {
		queue_done(); /* no station: not associated */
		return;
	}
	msg = msg_new(NL80211_CMD_NEW_STATION, NLM_F_MULTI);
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, SIM_IFINDEX);
	nla_put(msg, NL80211_ATTR_MAC, 6, "\x02\x00\x00\x00\x00\x00");
	si = nla_nest_start(msg, NL80211_ATTR_STA_INFO);
	nla_put_u32(msg, NL80211_STA_INFO_INACTIVE_TIME, 20);
	nla_put_u64(msg, NL80211_STA_INFO_RX_BYTES64, (uint64_t)(t * 1000));
	nla_put_u64(msg, NL80211_STA_INFO_TX_BYTES64, (uint64_t)(t * 500));
	nla_put_u8(msg, NL80211_STA_INFO_SIGNAL, (uint8_t)(int8_t)signal);
	nla_put_u8(msg, NL80211_STA_INFO_SIGNAL_AVG, (uint8_t)(int8_t)(signal - 1));
	nla_put_u8(msg, NL80211_STA_INFO_BEACON_SIGNAL_AVG, (uint8_t)(int8_t)(signal - 2));
	r = nla_nest_start(msg, NL80211_STA_INFO_TX_BITRATE);
	nla_put_u32(msg, NL80211_RATE_INFO_BITRATE32, 650);
	nla_put_u8(msg, NL80211_RATE_INFO_MCS, 7);
	nla_nest_end(msg, r);
	nla_put_u32(msg, NL80211_STA_INFO_EXPECTED_THROUGHPUT, 41234);
	nla_put_u32(msg, NL80211_STA_INFO_TX_RETRIES, 3);
	nla_put_u32(msg, NL80211_STA_INFO_TX_FAILED, 0);
	nla_put_u32(msg, NL80211_STA_INFO_CONNECTED_TIME, 60);
	nla_nest_end(msg, si);
	queue_msg(msg);
	queue_done();
}

static void answer_survey(int ifindex)
{
	if (ifindex == SIM_IFINDEX && wlan0_gone()) {
		queue_error(-ENODEV);
		return;
	}
	for (int ch = 1; ch <= 11; ch += 5) {
		struct nl_msg *msg = msg_new(NL80211_CMD_NEW_SURVEY_RESULTS, NLM_F_MULTI);
		struct nlattr *si;

		nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex);
		si = nla_nest_start(msg, NL80211_ATTR_SURVEY_INFO);
		nla_put_u32(msg, NL80211_SURVEY_INFO_FREQUENCY, (uint32_t)(2407 + 5 * ch));
		nla_put_u8(msg, NL80211_SURVEY_INFO_NOISE, (uint8_t)(int8_t)-95);
		nla_put_u64(msg, NL80211_SURVEY_INFO_TIME, 1000);
		nla_put_u64(msg, NL80211_SURVEY_INFO_TIME_BUSY, 250);
		nla_nest_end(msg, si);
		queue_msg(msg);
	}
	queue_done();
}

/* ---- the BSS table ------------------------------------------------------------------ */

/* The SSIDs of the first BSSes: what a stranger's AP may broadcast. */
static const struct { const char *ssid; int len; } hostile[] = {
	{ "ward-open", 9 },
	{ "\xff\xfe\x1b[31mRED\x1b[0m", 14 },              /* not UTF-8, and an ANSI colour */
	{ "A\0B", 3 },                                     /* a NUL in the middle */
	{ "abcdefghijklmnopqrstuvwxyz012345", 32 },        /* the longest */
	{ "\xe7\x97\x85\xe6\xa3\x9f Caf\xc3\xa9 \xe2\x98\x95", 16 }, /* wide characters, an accent */
	{ "\xc2\x9b" "2Jcsi", 7 },                         /* U+009B: a terminal's CSI */
	{ "", 0 },                                         /* hidden */
	{ "back\\slash", 10 },
};

/* Cisco CCX1 element 133 with an AP name holding an escape sequence (16 bytes). */
static size_t put_ap_name(uint8_t *p)
{
	static const char name[16] = "\x1b]0;owned\x07" "AP-7";

	p[0] = 133;
	p[1] = 26;
	memset(p + 2, 0, 10);
	memcpy(p + 12, name, 16);
	return 28;
}

static void put_bss(int i, int64_t now)
{
	struct nl_msg *msg = msg_new(NL80211_CMD_NEW_SCAN_RESULTS, NLM_F_MULTI);
	uint8_t bssid[6] = { 0x02, 0x5a, 0x00, 0x00, (uint8_t)i, 0x00 }, ies[128];
	char name[33];
	const char *ssid = name;
	int len, ch = 1 + i % 11;
	size_t n = 0;
	struct nlattr *bss;

	if (i == 0) { /* the station's AP */
		memcpy(bssid, "\x02\x00\x00\x00\x00\x00", 6);
		ch = 1;
	}
	if (i < (int)(sizeof(hostile) / sizeof(hostile[0]))) {
		ssid = hostile[i].ssid;
		len = hostile[i].len;
	} else {
		len = snprintf(name, sizeof(name), "ward-%d", i);
	}
	ies[n++] = 0;
	ies[n++] = (uint8_t)len;
	memcpy(ies + n, ssid, (size_t)len);
	n += (size_t)len;
	ies[n++] = 3; /* DS Parameter Set */
	ies[n++] = 1;
	ies[n++] = (uint8_t)ch;
	if (i == 7)
		n += put_ap_name(ies + n);
	nla_put_u32(msg, NL80211_ATTR_GENERATION, 9);
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, SIM_IFINDEX);
	bss = nla_nest_start(msg, NL80211_ATTR_BSS);
	nla_put(msg, NL80211_BSS_BSSID, 6, bssid);
	nla_put(msg, NL80211_BSS_INFORMATION_ELEMENTS, (int)n, ies);
	nla_put_u16(msg, NL80211_BSS_BEACON_INTERVAL, 100);
	nla_put_u16(msg, NL80211_BSS_CAPABILITY, 0x0401);
	nla_put_u32(msg, NL80211_BSS_FREQUENCY, (uint32_t)(2407 + 5 * ch));
	nla_put_u32(msg, NL80211_BSS_SEEN_MS_AGO,
		    (uint32_t)(S.last_scan_us ? (now - S.last_scan_us) / 1000 + i : 50 + i));
	nla_put_u32(msg, NL80211_BSS_SIGNAL_MBM, (uint32_t)(-4000 - 100 * (i % 50)));
	if (i == 0)
		nla_put_u32(msg, NL80211_BSS_STATUS, NL80211_BSS_STATUS_ASSOCIATED);
	nla_nest_end(msg, bss);
	queue_msg(msg);
}

static void answer_scan_dump(int ifindex)
{
	int64_t now = ns_mono_us();

	if (ifindex == SIM_IFINDEX && wlan0_gone()) {
		queue_error(-ENODEV);
		return;
	}
	if (ifindex == SIM_IFINDEX)
		for (int i = 0; i < S.nbss; i++)
			put_bss(i, now);
	queue_done();
}

static void answer_trigger(int ifindex)
{
	if (ifindex != SIM_IFINDEX || wlan0_gone()) {
		queue_error(-ENODEV);
	} else if (wlan0_down()) {
		queue_error(-ENETDOWN);
	} else if (S.busy > 0 || S.scanning) {
		if (S.busy > 0)
			S.busy--;
		queue_error(-EBUSY);
	} else {
		S.scanning = true;
		S.scan_done_us = S.scan_ms ? ns_mono_us() + (int64_t)S.scan_ms * 1000 : 0;
		if (S.hang > 0) {
			S.hang--;
			S.scan_done_us = 0;
		}
		queue_error(0);
	}
}

static void answer_abort(void)
{
	if (!S.scanning) {
		queue_error(-ENOENT);
		return;
	}
	S.scanning = false;
	S.events[S.nevents++ % MAX_EVENTS] = NL80211_CMD_SCAN_ABORTED;
	queue_error(0);
}

/* ---- the transport ------------------------------------------------------------------ */

static void clear_queue(void)
{
	for (size_t i = S.head; i < S.tail; i++)
		free(S.q[i].buf);
	S.head = S.tail = 0;
}

static int sim_send(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(h);
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	int ifindex = 0;

	(void)sk;
	clear_queue();
	advance();
	S.seq = h->nlmsg_seq;
	S.port = h->nlmsg_pid;
	if (genlmsg_parse(h, 0, tb, NL80211_ATTR_MAX, NULL) == 0 && tb[NL80211_ATTR_IFINDEX])
		ifindex = (int)nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	switch (g->cmd) {
	case NL80211_CMD_GET_INTERFACE: answer_interfaces(ifindex); break;
	case NL80211_CMD_GET_WIPHY: answer_wiphy(); break;
	case NL80211_CMD_GET_STATION: answer_station(ifindex); break;
	case NL80211_CMD_GET_SURVEY: answer_survey(ifindex); break;
	case NL80211_CMD_GET_SCAN: answer_scan_dump(ifindex); break;
	case NL80211_CMD_TRIGGER_SCAN: answer_trigger(ifindex); break;
	case NL80211_CMD_ABORT_SCAN: answer_abort(); break;
	default: queue_error(-EOPNOTSUPP); break;
	}
	return (int)h->nlmsg_len;
}

static int sim_recv(struct nl_sock *sk, struct sockaddr_nl *who, unsigned char **buf,
		    struct ucred **creds)
{
	struct dgram *d;
	struct nlmsghdr *h;

	(void)sk;
	if (creds)
		*creds = NULL;
	memset(who, 0, sizeof(*who));
	who->nl_family = AF_NETLINK;
	if (S.head >= S.tail)
		return -NLE_AGAIN;
	d = &S.q[S.head++];
	h = (struct nlmsghdr *)d->buf;
	h->nlmsg_seq = S.seq;
	h->nlmsg_pid = S.port;
	*buf = d->buf;
	d->buf = NULL;
	return (int)d->len;
}

/* An event socket's next scan event, as the kernel multicasts it. */
static int sim_event_recv(struct nl_sock *sk, struct sockaddr_nl *who, unsigned char **buf,
			  struct ucred **creds)
{
	struct nl_msg *msg;
	unsigned *next = NULL;
	int len;

	if (creds)
		*creds = NULL;
	memset(who, 0, sizeof(*who));
	who->nl_family = AF_NETLINK;
	advance();
	for (unsigned i = 0; i < MAX_LISTENERS && i < S.nlisteners; i++)
		if (S.listeners[i].sk == sk)
			next = &S.listeners[i].next;
	if (!next || *next >= S.nevents)
		return -NLE_AGAIN;
	msg = msg_new(S.events[(*next)++ % MAX_EVENTS], 0);
	nla_put_u32(msg, NL80211_ATTR_WIPHY, 0);
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, SIM_IFINDEX);
	len = (int)nlmsg_hdr(msg)->nlmsg_len;
	*buf = malloc((size_t)len);
	if (!*buf) {
		nlmsg_free(msg);
		return -NLE_NOMEM;
	}
	memcpy(*buf, nlmsg_hdr(msg), (size_t)len);
	nlmsg_free(msg);
	return len;
}

/* The listen hook: an event socket that gets the events from now on (no fd to poll). */
static int sim_listen(struct nl80211 *nl, struct nl_sock **ev)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_cb *cb;
	unsigned slot = MAX_LISTENERS;

	(void)nl;
	if (!sk)
		return -ENOMEM;
	nl_socket_disable_seq_check(sk);
	cb = nl_socket_get_cb(sk);
	nl_cb_overwrite_recv(cb, sim_event_recv);
	nl_cb_put(cb);
	for (unsigned i = 0; i < MAX_LISTENERS && i < S.nlisteners; i++)
		if (S.listeners[i].sk == sk) /* the address of a freed one, reused */
			slot = i;
	if (slot == MAX_LISTENERS)
		slot = S.nlisteners++ % MAX_LISTENERS;
	S.listeners[slot].sk = sk;
	S.listeners[slot].next = S.nevents;
	*ev = sk;
	return 0;
}

static int parse_spec(const char *spec, struct ns_err *err)
{
	char buf[512], *save = NULL, *kv;

	if (strncmp(spec, "sim", 3) != 0 || (spec[3] && spec[3] != ':'))
		return ns_err_set(err, -EINVAL, "the test radio '%s' is not 'sim[:KEY=VALUE,...]'", spec);
	snprintf(buf, sizeof(buf), "%s", spec[3] ? spec + 4 : "");
	for (kv = strtok_r(buf, ",", &save); kv; kv = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(kv, '='), *end;
		long v;

		if (!eq)
			return ns_err_set(err, -EINVAL, "the test radio's '%s' is not KEY=VALUE", kv);
		*eq = '\0';
		if (strcmp(kv, "sysfs") == 0) {
			snprintf(S.sysfs, sizeof(S.sysfs), "%s", eq + 1);
			continue;
		}
		v = strtol(eq + 1, &end, 10);
		if (*end || v < 0 || v > 100000)
			return ns_err_set(err, -EINVAL, "the test radio's %s wants a number", kv);
		if (strcmp(kv, "bss") == 0 && v <= 200)
			S.nbss = (int)v;
		else if (strcmp(kv, "scan_ms") == 0)
			S.scan_ms = (int)v;
		else if (strcmp(kv, "busy") == 0)
			S.busy = (int)v;
		else if (strcmp(kv, "hang") == 0)
			S.hang = (int)v;
		else
			return ns_err_set(err, -EINVAL, "the test radio has no setting '%s'", kv);
	}
	return 0;
}

int nl_sim_open(struct nl80211 *nl, const char *spec, struct ns_err *err)
{
	struct nl_cb *cb;
	int rc;

	clear_queue();
	memset(&S, 0, sizeof(S));
	S.nbss = 12;
	S.scan_ms = 30;
	rc = parse_spec(spec, err);
	if (rc)
		return rc;
	memset(nl, 0, sizeof(*nl));
	nl->sock = nl_socket_alloc();
	if (!nl->sock)
		return ns_err_set(err, -ENOMEM, "out of memory");
	nl->family = SIM_FAMILY;
	nl->scan_group = -1;
	nl->sysfs = S.sysfs[0] ? S.sysfs : NULL;
	nl->listen = sim_listen;
	nl_socket_set_local_port(nl->sock, 4343);
	cb = nl_socket_get_cb(nl->sock);
	nl_cb_overwrite_send(cb, sim_send);
	nl_cb_overwrite_recv(cb, sim_recv);
	nl_cb_put(cb);
	return 0;
}
