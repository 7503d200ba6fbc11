/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tput_net.h — small network helpers shared by the throughput and latency
 * measurements: "host[:port]" strings, name resolution with a sentence, the
 * default gateway from /proc/net/route, and a monotonic deadline.
 *
 * Prefixed tput_ so they cannot collide with the nl80211 scanner's helpers.
 * Errors: 0 or a negative errno with a sentence in the caller's struct ns_err.
 */
#ifndef NOTSPOT_SCANNER_TPUT_NET_H
#define NOTSPOT_SCANNER_TPUT_NET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "util/err.h"

/**
 * tput_split_hostport() - split "host", "host:port", "[v6addr]:port" or a bare
 * IPv6 address ("fe80::1", taken as a host without port) into @host (NUL-
 * terminated, at most @hostlen - 1 bytes) and *@port (0 when absent).
 * Returns 0, or -EINVAL with a sentence for an empty host, a host too long,
 * or a port that is not a number in 1..65535.
 */
int tput_split_hostport(const char *s, char *host, size_t hostlen, int *port,
			struct ns_err *err);

/**
 * tput_resolve() - the first address of @host, preferring IPv4 when
 * @prefer_v4, into *@ss (its length in *@sslen). Numeric addresses are not
 * looked up. Returns 0, or -EHOSTUNREACH ("cannot resolve 'x': why") when the
 * name does not resolve.
 */
int tput_resolve(const char *host, bool prefer_v4, struct sockaddr_storage *ss,
		 socklen_t *sslen, struct ns_err *err);

/** tput_addr_str() - the numeric text of @sa ("192.0.2.1", "::1") into @buf. */
const char *tput_addr_str(const struct sockaddr *sa, char *buf, size_t len);

/**
 * tput_parse_route() - the default IPv4 gateway in the text of /proc/net/route
 * (@text, @len bytes, need not be NUL-terminated). With @ifname non-NULL and
 * non-empty only routes through that interface count. The route with the
 * lowest metric wins. *@gw gets the gateway (network order) and @ifout (if
 * non-NULL, @ifoutlen bytes) the interface it leaves by.
 * Returns 0, -ENOENT when there is no default route, -EINVAL for text that is
 * not a route table.
 */
int tput_parse_route(const char *text, size_t len, const char *ifname, struct in_addr *gw,
		     char *ifout, size_t ifoutlen, struct ns_err *err);

/** tput_default_gateway() - tput_parse_route() on the live /proc/net/route. */
int tput_default_gateway(const char *ifname, struct in_addr *gw, char *ifout, size_t ifoutlen,
			 struct ns_err *err);

/**
 * tput_check_interface() - 0 if a network interface named @ifname exists,
 * else -ENODEV with a sentence. NULL or "" (no interface asked for) is fine.
 */
int tput_check_interface(const char *ifname, struct ns_err *err);

/** tput_elapsed_s() - seconds between two ns_mono_us() readings. */
double tput_elapsed_s(int64_t from_us, int64_t to_us);

#endif
