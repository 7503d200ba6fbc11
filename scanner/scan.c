/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scan.c — scan trigger, result event and dump (the sequence of iw's scan.c
 * and hostapd's driver_nl80211_scan.c, into structs).
 */
#include "scanner/scan.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/nl80211.h>

#include "util/clock.h"

static struct nla_policy bss_policy[NL80211_BSS_MAX + 1] = {
	[NL80211_BSS_BSSID] = { .type = NLA_UNSPEC, .minlen = 6 },
	[NL80211_BSS_FREQUENCY] = { .type = NLA_U32 },
	[NL80211_BSS_TSF] = { .type = NLA_U64 },
	[NL80211_BSS_BEACON_INTERVAL] = { .type = NLA_U16 },
	[NL80211_BSS_CAPABILITY] = { .type = NLA_U16 },
	[NL80211_BSS_INFORMATION_ELEMENTS] = { .type = NLA_UNSPEC },
	[NL80211_BSS_SIGNAL_MBM] = { .type = NLA_U32 },
	[NL80211_BSS_SIGNAL_UNSPEC] = { .type = NLA_U8 },
	[NL80211_BSS_STATUS] = { .type = NLA_U32 },
	[NL80211_BSS_SEEN_MS_AGO] = { .type = NLA_U32 },
	[NL80211_BSS_BEACON_IES] = { .type = NLA_UNSPEC },
};

void wifi_scan_result_release(struct wifi_scan_result *r)
{
	free(r->bss);
	memset(r, 0, sizeof(*r));
}

int wifi_parse_bss(struct nl_msg *msg, struct wifi_bss *out)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *b[NL80211_BSS_MAX + 1];
	struct nlattr *ies;

	memset(out, 0, sizeof(*out));
	out->signal_dbm = NAN;
	out->signal_unspec = -1;
	out->seen_ms_ago = -1;
	out->bss_stations = -1;
	out->bss_utilisation = NAN;
	if (nl80211_parse(msg, tb) < 0 || !tb[NL80211_ATTR_BSS])
		return -EINVAL;
	if (nla_parse_nested(b, NL80211_BSS_MAX, tb[NL80211_ATTR_BSS], bss_policy) < 0)
		return -EINVAL;
	if (!b[NL80211_BSS_BSSID] || !b[NL80211_BSS_FREQUENCY])
		return -EINVAL;
	memcpy(out->bssid, nla_data(b[NL80211_BSS_BSSID]), 6);
	out->freq_mhz = (int)nla_get_u32(b[NL80211_BSS_FREQUENCY]);
	if (b[NL80211_BSS_SIGNAL_MBM])
		out->signal_dbm = (int32_t)nla_get_u32(b[NL80211_BSS_SIGNAL_MBM]) / 100.0;
	if (b[NL80211_BSS_SIGNAL_UNSPEC])
		out->signal_unspec = nla_get_u8(b[NL80211_BSS_SIGNAL_UNSPEC]);
	if (b[NL80211_BSS_SEEN_MS_AGO])
		out->seen_ms_ago = (int)nla_get_u32(b[NL80211_BSS_SEEN_MS_AGO]);
	if (b[NL80211_BSS_STATUS])
		out->associated = nla_get_u32(b[NL80211_BSS_STATUS]) == NL80211_BSS_STATUS_ASSOCIATED;
	if (b[NL80211_BSS_CAPABILITY])
		out->capability = nla_get_u16(b[NL80211_BSS_CAPABILITY]);
	if (b[NL80211_BSS_BEACON_INTERVAL])
		out->beacon_interval = nla_get_u16(b[NL80211_BSS_BEACON_INTERVAL]);
	/* Probe-response elements when there are any (they carry the hidden SSID's name
	 * only if probed for it), else the beacon's. */
	ies = b[NL80211_BSS_INFORMATION_ELEMENTS] ? b[NL80211_BSS_INFORMATION_ELEMENTS]
						   : b[NL80211_BSS_BEACON_IES];
	if (ies)
		ies_parse(nla_data(ies), (size_t)nla_len(ies), &out->ies);
	else
		ies_parse(NULL, 0, &out->ies);
	out->hidden = !out->ies.has_ssid || out->ies.ssid_hidden;
	out->ssid_len = out->ies.ssid_len;
	memcpy(out->ssid_raw, out->ies.ssid, out->ssid_len);
	if (!out->hidden) /* 32 bytes at most by the element's rule: the text always fits */
		out->ssid_escaped = meas_ssid_set(out->ssid, sizeof(out->ssid), out->ssid_raw,
						     out->ssid_len) == 1;
	ies_channel(&out->ies, out->freq_mhz, &out->channel, &out->width_mhz, &out->center_mhz);
	if (out->ies.has_bss_load) {
		out->bss_stations = out->ies.bss_stations;
		out->bss_utilisation = out->ies.bss_utilisation / 255.0;
	}
	out->security = ies_security_name(&out->ies, out->capability & BSS_CAP_PRIVACY);
	memcpy(out->country, out->ies.country, sizeof(out->country));
	out->ap_name_len = out->ies.ap_name_len;
	memcpy(out->ap_name_raw, out->ies.ap_name_raw, out->ap_name_len);
	meas_ssid_set(out->ap_name, sizeof(out->ap_name), out->ap_name_raw, out->ap_name_len);
	return 0;
}

static int on_bss(struct nl_msg *msg, void *arg)
{
	struct wifi_scan_result *r = arg;
	struct wifi_bss b;

	if (wifi_parse_bss(msg, &b) < 0) {
		r->skipped++;
		return NL_SKIP;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 32;
		struct wifi_bss *v = realloc(r->bss, cap * sizeof(*v));
		if (!v) {
			r->skipped++;
			return NL_SKIP;
		}
		r->bss = v;
		r->cap = cap;
	}
	r->bss[r->n++] = b;
	return NL_SKIP;
}

int wifi_scan_dump(struct nl80211 *nl, int ifindex, struct wifi_scan_result *res,
		   struct ns_err *err)
{
	int ret = -EAGAIN;

	for (int attempt = 0; attempt < NL80211_DUMP_RETRIES && ret == -EAGAIN; attempt++) {
		struct nl_msg *msg = nl80211_msg(nl, NL80211_CMD_GET_SCAN, NLM_F_DUMP);
		res->n = 0;
		res->skipped = 0;
		if (!msg || nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex) < 0) {
			nlmsg_free(msg);
			return ns_err_set(err, -ENOMEM, "out of memory");
		}
		ret = nl80211_send_and_recv(nl, msg, on_bss, res, "reading scan results", err);
	}
	res->t_us = ns_wall_us();
	res->mono_us = ns_mono_us();
	return ret;
}

int wifi_scan_event(struct nl_msg *msg, int ifindex)
{
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	if (nl80211_parse(msg, tb) < 0)
		return 0;
	if (!tb[NL80211_ATTR_IFINDEX] || (int)nla_get_u32(tb[NL80211_ATTR_IFINDEX]) != ifindex)
		return 0;
	if (g->cmd == NL80211_CMD_NEW_SCAN_RESULTS)
		return 1;
	if (g->cmd == NL80211_CMD_SCAN_ABORTED)
		return -ECANCELED;
	return 0;
}

struct wait_state {
	int ifindex;
	int result;
};

static int on_event(struct nl_msg *msg, void *arg)
{
	struct wait_state *w = arg;
	int r = wifi_scan_event(msg, w->ifindex);

	if (r != 0 && w->result == 0)
		w->result = r;
	return NL_SKIP;
}

static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int wifi_scan_listen(struct nl80211 *nl, struct nl_sock **out, struct ns_err *err)
{
	struct nl_sock *ev;
	int ret;

	*out = NULL;
	if (nl->listen) {
		ret = nl->listen(nl, out);
		return ret < 0 ? ns_err_set(err, ret, "cannot listen for scan events: %s", strerror(-ret)) : 0;
	}
	if (nl->scan_group < 0)
		return ns_err_set(err, -EOPNOTSUPP, "the kernel's nl80211 has no scan event group");
	ev = nl_socket_alloc();
	if (!ev)
		return ns_err_set(err, -ENOMEM, "out of memory");
	nl_socket_disable_seq_check(ev);
	ret = genl_connect(ev);
	if (ret == 0)
		ret = nl_socket_add_membership(ev, nl->scan_group);
	if (ret == 0)
		ret = nl_socket_set_nonblocking(ev);
	if (ret < 0) {
		ret = nl_errno(ret);
		nl_socket_free(ev);
		return ns_err_set(err, ret, "cannot listen for scan events: %s", strerror(-ret));
	}
	*out = ev;
	return 0;
}

int wifi_scan_read_events(struct nl_sock *ev, int ifindex)
{
	struct wait_state w = { ifindex, 0 };
	struct nl_cb *proto = nl_socket_get_cb(ev), *cb = NULL;
	int ret;

	/* the socket's own callbacks are the prototype, as for requests (netlink.h) */
	if (proto) {
		cb = nl_cb_clone(proto);
		nl_cb_put(proto);
	}

	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, &w);
	/* Drain what is queued; -NLE_AGAIN means the queue is empty. An overrun
	 * (-NLE_NOMEM/ENOBUFS) loses events of others, not necessarily ours. */
	do {
		ret = nl_recvmsgs(ev, cb);
	} while (ret >= 0 && w.result == 0);
	nl_cb_put(cb);
	return w.result;
}

static struct nl_msg *trigger_msg(struct nl80211 *nl, int ifindex, const struct wifi_scan_params *p)
{
	struct nl_msg *msg = nl80211_msg(nl, NL80211_CMD_TRIGGER_SCAN, 0);
	struct nlattr *nest;

	if (!msg || nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex) < 0)
		goto fail;
	if (p->nfreqs) {
		if (!(nest = nla_nest_start(msg, NL80211_ATTR_SCAN_FREQUENCIES)))
			goto fail;
		for (size_t i = 0; i < p->nfreqs; i++)
			if (nla_put_u32(msg, (int)i + 1, (uint32_t)p->freqs[i]) < 0)
				goto fail;
		nla_nest_end(msg, nest);
	}
	if (!p->passive) { /* one wildcard SSID: probe for every network */
		if (!(nest = nla_nest_start(msg, NL80211_ATTR_SCAN_SSIDS)) ||
		    nla_put(msg, 1, 0, "") < 0)
			goto fail;
		nla_nest_end(msg, nest);
	}
	if (p->flush && nla_put_u32(msg, NL80211_ATTR_SCAN_FLAGS, NL80211_SCAN_FLAG_FLUSH) < 0)
		goto fail;
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

int wifi_scan_request(struct nl80211 *nl, int ifindex, const struct wifi_scan_params *p,
		      struct ns_err *err)
{
	struct nl_msg *msg = trigger_msg(nl, ifindex, p);

	if (!msg)
		return ns_err_set(err, -ENOMEM, "out of memory");
	return nl80211_send_and_recv(nl, msg, NULL, NULL, "triggering a scan", err);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * Wait on @ev until the scan of @ifindex ends or @deadline (monotonic µs):
 * 1 results ready, -ECANCELED aborted, 0 the deadline came, or a negative
 * errno. Polls in slices of at most 100 ms, so a socket without an fd to
 * poll (a simulated radio's) is read all the same.
 */
static int wait_scan_event(struct nl_sock *ev, int ifindex, int64_t deadline, struct ns_err *err)
{
	for (;;) {
		struct pollfd pfd = { nl_socket_get_fd(ev), POLLIN, 0 };
		int64_t left = (deadline - ns_mono_us()) / 1000;
		int r = wifi_scan_read_events(ev, ifindex);

		if (r != 0)
			return r;
		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, (int)(left < 100 ? left : 100)) < 0 && errno != EINTR)
			return ns_err_set(err, -errno, "waiting for the scan: %s", strerror(errno));
	}
}

int wifi_scan_trigger(struct nl80211 *nl, int ifindex, const struct wifi_scan_params *p,
		      struct ns_err *err)
{
	struct nl_sock *ev = NULL;
	int timeout = p->timeout_ms > 0 ? p->timeout_ms : 10000;
	int retries = p->busy_retries > 0 ? p->busy_retries : 5;
	int ret;

	/* Listen before triggering, or a fast scan's event could be missed. */
	ret = wifi_scan_listen(nl, &ev, err);
	if (ret < 0)
		return ret;
	for (int attempt = 0, backoff = 100;; attempt++, backoff *= 2) {
		ret = wifi_scan_request(nl, ifindex, p, err);
		if (ret != -EBUSY || attempt >= retries)
			break;
		sleep_ms(backoff); /* another scan (wpa_supplicant's, say) is running */
	}
	if (ret < 0)
		goto out;
	ret = wait_scan_event(ev, ifindex, ns_mono_us() + (int64_t)timeout * 1000, err);
	if (ret == 1)
		ret = 0;
	else if (ret == 0)
		ret = ns_err_set(err, -ETIMEDOUT, "the scan did not finish within %d ms", timeout);
	else if (ret == -ECANCELED)
		ret = ns_err_set(err, -ECANCELED, "the kernel aborted the scan");
out:
	nl_socket_free(ev);
	return ret;
}

int wifi_scan_abort(struct nl80211 *nl, int ifindex, struct ns_err *err)
{
	struct nl_msg *msg = nl80211_msg(nl, NL80211_CMD_ABORT_SCAN, 0);

	if (!msg || nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex) < 0) {
		nlmsg_free(msg);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	return nl80211_send_and_recv(nl, msg, NULL, NULL, "aborting the scan", err);
}

/*
 * The scan we started did not finish in time: abort it, so the radio is
 * free for the next one, and wait (at most 1 s) for the kernel to say it
 * ended. -ENOENT from the kernel means it ended meanwhile: fine too.
 */
static int abort_own_scan(struct nl80211 *nl, int ifindex, struct ns_err *why)
{
	struct nl_sock *ev = NULL;
	int ret;

	if (wifi_scan_listen(nl, &ev, NULL) < 0)
		ev = NULL;
	ret = wifi_scan_abort(nl, ifindex, why);
	if (ret == -ENOENT)
		ret = 0;
	else if (ret == 0 && ev)
		wait_scan_event(ev, ifindex, ns_mono_us() + 1000000, NULL);
	if (ev)
		nl_socket_free(ev);
	return ret;
}

/* Ceilings per channel for a scan's timeout, ms: see wifi_scan_timeout_ms() in scan.h. */
enum { SCAN_BASE_MS = 2000, SCAN_ACTIVE_MS = 200, SCAN_PASSIVE_MS = 500 };

/* The WIFI_CHAN_* flags of @freq on @phy; passive when the phy does not list it. */
static int chan_flags(const struct wifi_phy *phy, int freq)
{
	for (size_t i = 0; phy && i < phy->nfreqs; i++)
		if (phy->freqs[i] == freq)
			return phy->freq_flags[i];
	return WIFI_CHAN_NO_IR;
}

int wifi_scan_timeout_ms(const struct wifi_phy *phy, const int *freqs, size_t nfreqs,
			 int *nchannels)
{
	size_t active = 0, passive = 0;

	if (nfreqs) {
		for (size_t i = 0; i < nfreqs; i++)
			*(chan_flags(phy, freqs[i]) ? &passive : &active) += 1;
	} else if (phy && phy->nfreqs) {
		for (size_t i = 0; i < phy->nfreqs; i++)
			*(phy->freq_flags[i] ? &passive : &active) += 1;
	} else {
		passive = 40; /* the radio's channels are unknown: a dual-band laptop's */
	}
	if (nchannels)
		*nchannels = (int)(active + passive);
	return SCAN_BASE_MS + (int)active * SCAN_ACTIVE_MS + (int)passive * SCAN_PASSIVE_MS;
}

void wifi_scan_mark_stale(struct wifi_scan_result *res, int64_t since_mono_us)
{
	for (size_t i = 0; i < res->n; i++) {
		struct wifi_bss *b = &res->bss[i];
		b->stale = b->seen_ms_ago >= 0 &&
			   res->mono_us - (int64_t)b->seen_ms_ago * 1000 < since_mono_us;
	}
}

int wifi_scan(struct nl80211 *nl, int ifindex, const struct wifi_scan_params *p,
	      struct wifi_scan_result *res, struct ns_err *err)
{
	int64_t started = ns_mono_us();
	struct ns_err terr = { 0 };
	int ret;

	res->cached = p->no_trigger;
	res->warning[0] = '\0';
	if (!p->no_trigger) {
		ret = wifi_scan_trigger(nl, ifindex, p, &terr);
		if (ret == -EPERM || ret == -EACCES) {
			res->cached = true;
			snprintf(res->warning, sizeof(res->warning),
				 "not permitted to trigger a scan (needs CAP_NET_ADMIN): these are "
				 "the kernel's cached results");
		} else if (ret == -ETIMEDOUT) {
			struct ns_err aerr = { 0 };

			if (abort_own_scan(nl, ifindex, &aerr) == 0)
				ns_err_set(err, ret, "%s; it was aborted, so the radio is free again",
					   terr.msg);
			else
				ns_err_set(err, ret, "%s, and aborting it failed (%s)", terr.msg, aerr.msg);
			return ret;
		} else if (ret < 0) {
			if (err)
				*err = terr;
			return ret;
		}
	}
	ret = wifi_scan_dump(nl, ifindex, res, err);
	if (ret < 0)
		return ret;
	if (!res->cached)
		wifi_scan_mark_stale(res, started);
	return 0;
}

uint64_t wifi_bss_ap_key(const uint8_t b[6])
{
	return ((uint64_t)(b[0] & ~0x02) << 40) | ((uint64_t)b[1] << 32) | ((uint64_t)b[2] << 24) |
	       ((uint64_t)b[3] << 16) | ((uint64_t)b[4] << 8) | (uint64_t)(b[5] & 0xf0);
}

int wifi_parse_freq_list(const char *s, int *out, size_t max)
{
	size_t n = 0;

	while (*s) {
		char *end;
		long v;

		errno = 0;
		v = strtol(s, &end, 10);
		if (end == s || errno || v < 1 || v > 100000 || n == max || (*end && *end != ','))
			return -EINVAL;
		out[n++] = (int)v;
		s = *end ? end + 1 : end;
		if (*end == ',' && !*s)
			return -EINVAL;
	}
	return n ? (int)n : -EINVAL;
}
