/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tput_net.c — see tput_net.h. */
#include "scanner/tput_net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tput_split_hostport(const char *s, char *host, size_t hostlen, int *port,
			struct ns_err *err)
{
	const char *h = s, *colon, *end;
	size_t n;

	*port = 0;
	if (!s || !*s)
		return ns_err_set(err, -EINVAL, "no server given");
	if (*s == '[') {
		end = strchr(s, ']');
		if (!end)
			return ns_err_set(err, -EINVAL, "'%s' has '[' without ']'", s);
		h = s + 1;
		n = (size_t)(end - h);
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] && !colon)
			return ns_err_set(err, -EINVAL, "'%s' has text after ']' that is not ':PORT'", s);
	} else {
		colon = strchr(s, ':');
		if (colon && strchr(colon + 1, ':'))
			colon = NULL; /* a bare IPv6 address: no port */
		n = colon ? (size_t)(colon - s) : strlen(s);
	}
	if (n == 0)
		return ns_err_set(err, -EINVAL, "'%s' has no host name or address", s);
	if (n >= hostlen)
		return ns_err_set(err, -EINVAL, "host name in '%s' is longer than %zu characters", s,
				  hostlen - 1);
	memcpy(host, h, n);
	host[n] = '\0';
	if (colon) {
		char *e;
		long p;

		errno = 0;
		p = strtol(colon + 1, &e, 10);
		if (!colon[1] || *e || errno || p < 1 || p > 65535)
			return ns_err_set(err, -EINVAL, "port in '%s' is not a number from 1 to 65535", s);
		*port = (int)p;
	}
	return 0;
}

int tput_resolve(const char *host, bool prefer_v4, struct sockaddr_storage *ss,
		 socklen_t *sslen, struct ns_err *err)
{
	struct addrinfo hints = { 0 }, *res = NULL, *ai, *pick = NULL;
	int rc;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0)
		return ns_err_set(err, -EHOSTUNREACH, "cannot resolve '%s': %s", host,
				  rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
	for (ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
			continue;
		if (!pick || (prefer_v4 && ai->ai_family == AF_INET && pick->ai_family != AF_INET))
			pick = ai;
	}
	if (!pick || pick->ai_addrlen > sizeof(*ss)) {
		freeaddrinfo(res);
		return ns_err_set(err, -EHOSTUNREACH, "cannot resolve '%s': no IPv4 or IPv6 address",
				  host);
	}
	memset(ss, 0, sizeof(*ss));
	memcpy(ss, pick->ai_addr, pick->ai_addrlen);
	*sslen = pick->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

const char *tput_addr_str(const struct sockaddr *sa, char *buf, size_t len)
{
	const void *a = sa->sa_family == AF_INET6
				? (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr
				: (const void *)&((const struct sockaddr_in *)sa)->sin_addr;

	if (!inet_ntop(sa->sa_family, a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
	return buf;
}

/* One whitespace-separated field of [*p, end) into @out; false at end of line. */
static bool next_field(const char **p, const char *end, char *out, size_t outlen)
{
	const char *s = *p;
	size_t n = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s >= end || *s == '\n')
		return false;
	while (s < end && *s != ' ' && *s != '\t' && *s != '\n') {
		if (n + 1 < outlen)
			out[n++] = *s;
		s++;
	}
	out[n] = '\0';
	*p = s;
	return true;
}

static bool parse_hex32(const char *s, uint32_t *v)
{
	char *e;
	unsigned long x;

	if (!*s || strlen(s) > 8)
		return false;
	errno = 0;
	x = strtoul(s, &e, 16);
	if (*e || errno)
		return false;
	*v = (uint32_t)x;
	return true;
}

int tput_parse_route(const char *text, size_t len, const char *ifname, struct in_addr *gw,
		     char *ifout, size_t ifoutlen, struct ns_err *err)
{
	const char *p = text, *end = text + len, *eol;
	char f[11][32];
	bool header = true, found = false;
	long best_metric = 0;
	int lineno = 0;

	while (p < end) {
		uint32_t dest, gate, flags, mask;
		char *e;
		long metric;
		int nf = 0;

		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		lineno++;
		while (nf < 11 && next_field(&p, eol, f[nf], sizeof(f[nf])))
			nf++;
		p = eol < end ? eol + 1 : end;
		if (header) {
			if (nf < 8 || strcmp(f[0], "Iface") != 0 || strcmp(f[1], "Destination") != 0)
				return ns_err_set(err, -EINVAL,
						  "the route table does not start with its "
						  "'Iface Destination ...' header");
			header = false;
			continue;
		}
		if (nf == 0)
			continue;
		if (nf < 8)
			return ns_err_set(err, -EINVAL, "route table line %d has %d fields, not 8 or more",
					  lineno, nf);
		if (!parse_hex32(f[1], &dest) || !parse_hex32(f[2], &gate) ||
		    !parse_hex32(f[3], &flags) || !parse_hex32(f[7], &mask))
			return ns_err_set(err, -EINVAL, "route table line %d has a field that is not hex",
					  lineno);
		errno = 0;
		metric = strtol(f[6], &e, 10);
		if (*e || errno || !f[6][0])
			return ns_err_set(err, -EINVAL, "route table line %d has a metric that is not a number",
					  lineno);
		/* RTF_UP 0x1 and RTF_GATEWAY 0x2: a usable route through a router. */
		if (dest != 0 || mask != 0 || (flags & 0x3) != 0x3)
			continue;
		if (ifname && *ifname && strcmp(ifname, f[0]) != 0)
			continue;
		if (found && metric >= best_metric)
			continue;
		found = true;
		best_metric = metric;
		/* The kernel prints the address's network-order bytes as one host-order integer. */
		gw->s_addr = gate;
		if (ifout && ifoutlen)
			snprintf(ifout, ifoutlen, "%s", f[0]);
	}
	if (header)
		return ns_err_set(err, -EINVAL, "the route table is empty");
	if (!found)
		return ns_err_set(err, -ENOENT, ifname && *ifname ? "no default route through %s"
								    : "no default route%s",
				  ifname && *ifname ? ifname : "");
	return 0;
}

int tput_default_gateway(const char *ifname, struct in_addr *gw, char *ifout, size_t ifoutlen,
			 struct ns_err *err)
{
	/* Grows to hold the whole table: a line cut short would read as malformed. */
	size_t cap = 16384, n = 0;
	char *buf = NULL, *nb;
	ssize_t r;
	int rc, fd = open("/proc/net/route", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return ns_err_set(err, -errno, "cannot read /proc/net/route: %s", strerror(errno));
	for (;;) {
		if (!buf || n == cap) {
			if (buf)
				cap *= 2;
			if (cap > (4u << 20) || !(nb = realloc(buf, cap))) {
				free(buf);
				close(fd);
				return ns_err_set(err, -ENOMEM, "the route table is too large to read");
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	rc = tput_parse_route(buf, n, ifname, gw, ifout, ifoutlen, err);
	free(buf);
	return rc;
}

int tput_check_interface(const char *ifname, struct ns_err *err)
{
	if (!ifname || !*ifname)
		return 0;
	if (strlen(ifname) >= IF_NAMESIZE)
		return ns_err_set(err, -ENODEV, "interface name '%s' is too long", ifname);
	if (if_nametoindex(ifname) == 0)
		return ns_err_set(err, -ENODEV, "there is no network interface named '%s'", ifname);
	return 0;
}

double tput_elapsed_s(int64_t from_us, int64_t to_us)
{
	return (double)(to_us - from_us) / 1e6;
}
