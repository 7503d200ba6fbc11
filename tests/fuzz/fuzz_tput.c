/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_tput.c — the parsers of outside bytes in throughput and latency:
 * iperf3's JSON result (it comes from the server), /proc/net/route text and
 * ICMP echo replies (from the network). The first byte picks the parser.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scanner/latency.h"
#include "scanner/throughput.h"
#include "scanner/tput_net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tput_result r;
	struct ns_err err;
	struct in_addr gw;
	char ifn[16];
	uint16_t seq;

	if (size < 1)
		return 0;
	switch (data[0] % 4) {
	case 0:
		tput_result_init(&r);
		tput_parse_json((const char *)data + 1, size - 1, data[0] & 4, &r, &err);
		break;
	case 1:
		tput_parse_route((const char *)data + 1, size - 1, (data[0] & 4) ? "wlan0" : NULL, &gw,
				 ifn, sizeof(ifn), &err);
		break;
	case 2:
		lat_match_echo_reply(data + 1, size - 1, data[0] & 4, 0x1234, &seq);
		break;
	default: {
		char host[64], s[128];
		int port;
		size_t n = size - 1 < sizeof(s) - 1 ? size - 1 : sizeof(s) - 1;

		memcpy(s, data + 1, n);
		s[n] = '\0';
		tput_split_hostport(s, host, sizeof(host), &port, &err);
		break;
	}
	}
	return 0;
}
