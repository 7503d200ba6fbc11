/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * netlink.h — the one way notspot talks to the kernel's nl80211.
 *
 * A struct nl80211 holds a generic-netlink socket connected to the "nl80211"
 * family. Every request goes through nl80211_send_and_recv(), which owns the
 * message, installs error/finish/ack handlers, reads until the kernel says
 * the request is done, carries the kernel's extended-ack text into the error
 * sentence and turns libnl's codes into negative errnos. A dump that the
 * kernel marks as interrupted (NLM_F_DUMP_INTR: results changed while it was
 * being read) is drained and reported as -EAGAIN; callers retry it
 * NL80211_DUMP_RETRIES times with fresh state.
 *
 * The socket's own struct nl_cb is the prototype of every request's callbacks,
 * so a test can replace the transport (nl_cb_overwrite_send/recv on
 * nl_socket_get_cb()) and feed the exact bytes a kernel would send.
 */
#ifndef NOTSPOT_SCANNER_NETLINK_H
#define NOTSPOT_SCANNER_NETLINK_H

#include <stdint.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "util/err.h"

/* How many times an interrupted dump is read again before giving up. */
#define NL80211_DUMP_RETRIES 5

struct nl80211 {
	struct nl_sock *sock; /* owned; connected to generic netlink */
	int family;           /* nl80211's generic-netlink family id */
	int scan_group;       /* id of the "scan" multicast group, -1 if unknown */
	const char *sysfs;    /* the machine's sysfs as this radio sees it ("/sys"); NULL when
				 there is none to read (a test's fake kernel) */
	/* Tests only (scanner/nl_sim.h): opens the scan-event socket in place of a
	 * subscription to the kernel's "scan" group; NULL for the kernel. */
	int (*listen)(struct nl80211 *nl, struct nl_sock **ev);
};

/**
 * nl80211_open() - connect to generic netlink and resolve nl80211.
 * A kernel without cfg80211 (no "nl80211" family) gives -ENOENT with the
 * sentence "this kernel has no nl80211 (cfg80211 is not loaded): no Wi-Fi
 * interfaces can be read". Release with nl80211_close().
 */
int nl80211_open(struct nl80211 *nl, struct ns_err *err);

/** nl80211_close() - free the socket; @nl may be zeroed or already closed. */
void nl80211_close(struct nl80211 *nl);

/**
 * nl80211_msg() - a new request for @cmd (NL80211_CMD_*) with @flags
 * (NLM_F_DUMP or 0). NULL when out of memory.
 */
struct nl_msg *nl80211_msg(const struct nl80211 *nl, uint8_t cmd, int flags);

/**
 * nl80211_send_and_recv() - send @msg and dispatch every reply to @cb.
 * Always takes ownership of @msg (freed on every path). @cb may be NULL for
 * requests answered with an ack only. Returns 0 when the kernel acked or the
 * dump finished, -EAGAIN when the dump was interrupted, the kernel's negative
 * errno when it refused (the sentence includes its extended-ack text), or a
 * negative errno for a local failure. @what names the request in the sentence.
 */
int nl80211_send_and_recv(struct nl80211 *nl, struct nl_msg *msg, nl_recvmsg_msg_cb_t cb,
			  void *arg, const char *what, struct ns_err *err);

/** nl_errno() - the negative errno for a (negative) libnl error code. */
int nl_errno(int nlerr);

/**
 * nl80211_parse() - parse a reply's top-level nl80211 attributes into @tb
 * (NL80211_ATTR_MAX + 1 entries) against the shared policy. Returns 0 or
 * -EINVAL for a message too short to be an nl80211 reply.
 */
int nl80211_parse(struct nl_msg *msg, struct nlattr **tb);

#endif
