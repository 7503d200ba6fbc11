/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * netlink.c — nl80211 socket and the single request/reply loop.
 * Modelled on the handler set iw and hostapd use (error, finish, ack), with
 * the extended ack read the way the kernel lays it out (include/uapi/linux/netlink.h).
 */
#include "scanner/netlink.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Top-level attributes notspot reads, with the lengths the kernel guarantees. */
static struct nla_policy nl80211_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32 },
	[NL80211_ATTR_WIPHY_NAME] = { .type = NLA_STRING },
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32 },
	[NL80211_ATTR_IFNAME] = { .type = NLA_STRING },
	[NL80211_ATTR_IFTYPE] = { .type = NLA_U32 },
	[NL80211_ATTR_MAC] = { .type = NLA_UNSPEC, .minlen = 6 },
	[NL80211_ATTR_SSID] = { .type = NLA_UNSPEC, .maxlen = 32 },
	[NL80211_ATTR_WIPHY_FREQ] = { .type = NLA_U32 },
	[NL80211_ATTR_WIPHY_FREQ_OFFSET] = { .type = NLA_U32 },
	[NL80211_ATTR_CHANNEL_WIDTH] = { .type = NLA_U32 },
	[NL80211_ATTR_CENTER_FREQ1] = { .type = NLA_U32 },
	[NL80211_ATTR_CENTER_FREQ2] = { .type = NLA_U32 },
	[NL80211_ATTR_WIPHY_TX_POWER_LEVEL] = { .type = NLA_U32 },
	[NL80211_ATTR_GENERATION] = { .type = NLA_U32 },
	[NL80211_ATTR_BSS] = { .type = NLA_NESTED },
	[NL80211_ATTR_STA_INFO] = { .type = NLA_NESTED },
	[NL80211_ATTR_SURVEY_INFO] = { .type = NLA_NESTED },
	[NL80211_ATTR_WIPHY_BANDS] = { .type = NLA_NESTED },
	[NL80211_ATTR_SCAN_FREQUENCIES] = { .type = NLA_NESTED },
	[NL80211_ATTR_SCAN_SSIDS] = { .type = NLA_NESTED },
};

int nl_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case 0: return 0;
	case NLE_NOMEM: return -ENOMEM;
	case NLE_AGAIN: return -EAGAIN;
	case NLE_DUMP_INTR: return -EAGAIN;
	case NLE_INTR: return -EINTR;
	case NLE_PERM: return -EPERM;
	case NLE_NOACCESS: return -EACCES;
	case NLE_BUSY: return -EBUSY;
	case NLE_NODEV: return -ENODEV;
	case NLE_OBJ_NOTFOUND: return -ENOENT;
	case NLE_EXIST: return -EEXIST;
	case NLE_INVAL: return -EINVAL;
	case NLE_RANGE: return -ERANGE;
	case NLE_OPNOTSUPP: return -EOPNOTSUPP;
	case NLE_AF_NOSUPPORT: return -EAFNOSUPPORT;
	case NLE_PROTO_MISMATCH: return -EPROTONOSUPPORT;
	case NLE_MSG_TOOSHORT: return -EBADMSG;
	case NLE_MSG_TRUNC: return -EMSGSIZE;
	case NLE_MSGSIZE: return -EMSGSIZE;
	case NLE_SEQ_MISMATCH: return -EILSEQ;
	case NLE_MSG_OVERFLOW: return -ENOBUFS;
	case NLE_NOADDR: return -EADDRNOTAVAIL;
	case NLE_IMMUTABLE: return -EROFS;
	default: return -EIO;
	}
}

int nl80211_open(struct nl80211 *nl, struct ns_err *err)
{
	int one = 1, ret;

	memset(nl, 0, sizeof(*nl));
	nl->scan_group = -1;
	nl->sock = nl_socket_alloc();
	if (!nl->sock)
		return ns_err_set(err, -ENOMEM, "out of memory for a netlink socket");
	ret = genl_connect(nl->sock);
	if (ret < 0) {
		ret = nl_errno(ret);
		nl80211_close(nl);
		return ns_err_set(err, ret, "cannot open a generic netlink socket: %s",
				  strerror(-ret));
	}
	/* Ask for the kernel's reason with every error (ignored by old kernels). */
	setsockopt(nl_socket_get_fd(nl->sock), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl_socket_set_buffer_size(nl->sock, 1 << 20, 0);
	nl->family = genl_ctrl_resolve(nl->sock, "nl80211");
	if (nl->family < 0) {
		nl80211_close(nl);
		return ns_err_set(err, -ENOENT,
				  "this kernel has no nl80211 (cfg80211 is not loaded), so it has no "
				  "Wi-Fi interfaces to read");
	}
	ret = genl_ctrl_resolve_grp(nl->sock, "nl80211", "scan");
	nl->scan_group = ret < 0 ? -1 : ret;
	nl->sysfs = "/sys";
	return 0;
}

void nl80211_close(struct nl80211 *nl)
{
	if (nl->sock)
		nl_socket_free(nl->sock);
	nl->sock = NULL;
}

struct nl_msg *nl80211_msg(const struct nl80211 *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags, cmd, 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int nl80211_parse(struct nl_msg *msg, struct nlattr **tb)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	if (nla_parse(tb, NL80211_ATTR_MAX, genlmsg_attrdata(nlmsg_data(nlh), 0),
		      genlmsg_attrlen(nlmsg_data(nlh), 0), nl80211_policy) < 0)
		return -EINVAL;
	return 0;
}

/* One request's progress; lives on nl80211_send_and_recv()'s stack. */
struct req_state {
	uint32_t seq;      /* our request's sequence number */
	int status;        /* 1 running, 0 done, < 0 the kernel's errno */
	bool interrupted;  /* a part of the dump carried NLM_F_DUMP_INTR */
	char ext_ack[200]; /* the kernel's NLMSGERR_ATTR_MSG, "" if none */
};

/*
 * The kernel's reason for an error follows struct nlmsgerr as attributes,
 * after the echoed request unless NLM_F_CAPPED says it was left out.
 */
static void read_ext_ack(const struct nlmsghdr *nlh, const struct nlmsgerr *e, char *out,
			 size_t outlen)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = NLMSG_HDRLEN + sizeof(*e);

	out[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return;
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	}
	if (nlh->nlmsg_len <= off)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((const char *)nlh + off),
		      (int)(nlh->nlmsg_len - off), NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG] && nla_len(tb[NLMSGERR_ATTR_MSG]) > 0) {
		size_t n = strnlen(nla_data(tb[NLMSGERR_ATTR_MSG]),
				   (size_t)nla_len(tb[NLMSGERR_ATTR_MSG]));
		if (n >= outlen)
			n = outlen - 1;
		memcpy(out, nla_data(tb[NLMSGERR_ATTR_MSG]), n);
		out[n] = '\0';
	}
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct req_state *st = arg;
	/* libnl hands over the payload; the header is just before it. */
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);

	(void)who;
	st->status = e->error < 0 ? e->error : -EPROTO;
	read_ext_ack(nlh, e, st->ext_ack, sizeof(st->ext_ack));
	return NL_STOP;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;

	(void)msg;
	st->status = 0;
	return NL_SKIP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;

	(void)msg;
	st->status = 0;
	return NL_STOP;
}

/*
 * Replies belong to our request or to one abandoned earlier (a local failure
 * mid-dump leaves the rest of that dump in the socket): skip the latter
 * instead of failing every later request on a sequence mismatch.
 */
static int on_seq_check(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;

	return nlmsg_hdr(msg)->nlmsg_seq == st->seq ? NL_OK : NL_SKIP;
}

static int on_dump_intr(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;

	(void)msg;
	st->interrupted = true;
	/* NL_OK, not NL_SKIP: the message (even NLMSG_DONE, which the kernel also
	 * flags) must still be processed so the dump drains to its end and the
	 * socket stays in step; the caller throws the partial results away. */
	return NL_OK;
}

int nl80211_send_and_recv(struct nl80211 *nl, struct nl_msg *msg, nl_recvmsg_msg_cb_t cb,
			  void *arg, const char *what, struct ns_err *err)
{
	struct req_state st = { .status = 1 };
	struct nl_cb *proto, *c = NULL;
	int ret;

	proto = nl_socket_get_cb(nl->sock);
	if (proto) {
		c = nl_cb_clone(proto);
		nl_cb_put(proto);
	}
	if (!c) {
		ret = ns_err_set(err, -ENOMEM, "%s: out of memory", what);
		goto out;
	}
	nl_cb_err(c, NL_CB_CUSTOM, on_error, &st);
	nl_cb_set(c, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &st);
	nl_cb_set(c, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &st);
	nl_cb_set(c, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_dump_intr, &st);
	nl_cb_set(c, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, on_seq_check, &st);
	if (cb)
		nl_cb_set(c, NL_CB_VALID, NL_CB_CUSTOM, cb, arg);

	ret = nl_send_auto(nl->sock, msg);
	st.seq = nlmsg_hdr(msg)->nlmsg_seq; /* set by nl_send_auto() */
	if (ret < 0) {
		ret = nl_errno(ret);
		ns_err_set(err, ret, "%s: cannot send the request to the kernel: %s", what,
			   strerror(-ret));
		goto out;
	}
	while (st.status > 0) {
		ret = nl_recvmsgs(nl->sock, c);
		if (ret < 0 && st.status > 0) {
			ret = nl_errno(ret);
			ns_err_set(err, ret, "%s: reading the kernel's reply failed: %s", what,
				   strerror(-ret));
			goto out;
		}
	}
	if (st.status < 0) {
		ret = st.status;
		if (st.ext_ack[0])
			ns_err_set(err, ret, "%s: the kernel refused: %s (%s)", what,
				   strerror(-ret), st.ext_ack);
		else
			ns_err_set(err, ret, "%s: the kernel refused: %s", what, strerror(-ret));
		goto out;
	}
	if (st.interrupted) {
		ret = ns_err_set(err, -EAGAIN,
				 "%s: the results changed while they were read (dump interrupted)",
				 what);
		goto out;
	}
	ret = 0;
out:
	if (c)
		nl_cb_put(c);
	nlmsg_free(msg);
	return ret;
}
