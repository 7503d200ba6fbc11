/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mac.c — see mac.h. */
#include "util/mac.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

char *mac_format(const uint8_t mac[6], char *buf)
{
	snprintf(buf, MAC_TEXT_LEN, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
		 mac[3], mac[4], mac[5]);
	return buf;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int mac_parse(const char *s, uint8_t mac[6])
{
	uint8_t b[6];
	char sep = 0;

	if (!s || strlen(s) != 17)
		return -EINVAL;
	for (int i = 0; i < 6; i++) {
		int hi = hexval(s[i * 3]), lo = hexval(s[i * 3 + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		b[i] = (uint8_t)(hi << 4 | lo);
		if (i < 5) {
			char c = s[i * 3 + 2];

			if (c != ':' && c != '-')
				return -EINVAL;
			if (sep && c != sep)
				return -EINVAL;
			sep = c;
		}
	}
	memcpy(mac, b, 6);
	return 0;
}
