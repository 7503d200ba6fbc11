/*
 * ssid.c — see ssid.h. One pass over the bytes: each is either the start of
 * a printable UTF-8 character (copied whole) or written as an escape.
 */
#include "scanner/ssid.h"

#include <errno.h>
#include <string.h>

/*
 * The code point of the valid UTF-8 sequence at @p (at most @n bytes) into
 * *@cp; its length, or 0 when the bytes there are not valid UTF-8 (overlong
 * forms, surrogates and values past U+10FFFF included).
 */
static size_t utf8_decode(const uint8_t *p, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0) {
		len = 2;
		c = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		len = 3;
		c = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		len = 4;
		c = p[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Shown as it is: not a control, and nothing that reorders or breaks the text around it. */
static bool printable(uint32_t c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return false;
	if (c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029 ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return false;
	return true;
}

int wifi_text_escape(char *text, size_t cap, const uint8_t *raw, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i = 0;
	int escaped = 0;

	if (cap)
		text[0] = '\0';
	if (len > WIFI_SSID_MAX)
		return -EINVAL;
	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(raw + i, len - i, &cp);
		char unit[4];
		size_t u;

		if (n && cp == '\\') {
			memcpy(unit, "\\\\", 2);
			u = 2;
			escaped = 1;
		} else if (n && printable(cp)) {
			memcpy(unit, raw + i, n);
			u = n;
		} else {
			/* One byte at a time: a bad sequence's next byte may start a good one. */
			unit[0] = '\\';
			unit[1] = 'x';
			unit[2] = hex[raw[i] >> 4];
			unit[3] = hex[raw[i] & 15];
			u = 4;
			n = 1;
			escaped = 1;
		}
		if (o + u + 1 > cap)
			return -ENOSPC;
		memcpy(text + o, unit, u);
		o += u;
		text[o] = '\0';
		i += n;
	}
	return escaped;
}

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
