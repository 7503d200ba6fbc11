/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssid.c — see ssid.h. The escaping rule itself is measure's meas_ssid_set().
 */
#include "scanner/ssid.h"

#include <string.h>

/* Bytes of the unit at @s: an escape, else one UTF-8 character (a stray byte alone). */
static size_t unit_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (p[0] == '\\' && p[1] == '\\')
		return 2;
	if (p[0] == '\\' && p[1] == 'x' && p[2] && p[3])
		return 4;
	n = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3
			       : (p[0] & 0xf8) == 0xf0 ? 4 : 1;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

char *wifi_text_copy(char *dst, size_t cap, const char *src)
{
	size_t o = 0;

	if (cap == 0)
		return dst;
	while (*src) {
		size_t n = unit_len(src);

		if (o + n + 1 > cap)
			break;
		memcpy(dst + o, src, n);
		o += n;
		src += n;
	}
	dst[o] = '\0';
	return dst;
}

char *wifi_hex(char *out, const uint8_t *raw, size_t len)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[2 * len] = '\0';
	return out;
}
