/* SPDX-License-Identifier: GPL-3.0-or-later */
/* textcheck.c — see textcheck.h. */
#include "util/textcheck.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much of a refused value its sentence quotes, in bytes of the escaped form. */
#define QUOTE_MAX 48

size_t ns_utf8_char(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		len = 1;
		c = p[0];
	} else if ((p[0] & 0xe0) == 0xc0) {
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
	/* Overlong forms, surrogates and code points past Unicode's last (RFC 3629). */
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (cp)
		*cp = c;
	return len;
}

bool ns_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		size_t l = ns_utf8_char(p + i, n - i, NULL);

		if (!l) {
			if (bad)
				*bad = i;
			return false;
		}
		i += l;
	}
	return true;
}

bool ns_text_unsafe_char(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 ||
	       cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* What an unsafe character is, and why it may not stand in a name, for a sentence. */
static const char *describe_unsafe(uint32_t cp, char *buf, size_t len)
{
	if (cp == '\n' || cp == '\r')
		snprintf(buf, len, "a line break");
	else if (cp == '\t')
		snprintf(buf, len, "a tab");
	else if (cp == 0x1b)
		snprintf(buf, len, "an escape character");
	else if (cp == 0x2028 || cp == 0x2029)
		snprintf(buf, len, "a line separator (U+%04X)", (unsigned)cp);
	else if (cp >= 0x202a)
		snprintf(buf, len, "a bidirectional control (U+%04X)", (unsigned)cp);
	else
		snprintf(buf, len, "a control character (U+%04X)", (unsigned)cp);
	return cp >= 0x202a && cp != 0x2028 && cp != 0x2029
		       ? "it would show the text in another order than it is stored"
		       : "a name is one line of printable text";
}

static bool blank(const char *s)
{
	return s[strspn(s, " ")] == '\0';
}

int ns_text_check(const char *what, const char *s, size_t cap, unsigned flags,
		  struct ns_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	char q[QUOTE_MAX + 8], why[160];
	size_t n = strlen(s), bad;

	if ((flags & NS_TEXT_REQUIRED) && blank(s))
		return ns_err_set(err, -EINVAL, "%s is %s", what, n ? "blank (nothing but spaces)"
								    : "empty");
	if (ns_text_escape(q, QUOTE_MAX, s) < n)
		strcat(q, "…");
	if (!ns_utf8_valid(s, n, &bad))
		return ns_err_set(err, -EINVAL,
				  "%s '%s' is not valid UTF-8 (byte %zu is 0x%02X); save the text "
				  "as UTF-8", what, q, bad + 1, p[bad]);
	for (size_t i = 0; i < n;) {
		uint32_t cp = 0;
		size_t l = ns_utf8_char(p + i, n - i, &cp);

		if (ns_text_unsafe_char(cp)) {
			const char *because = describe_unsafe(cp, why, sizeof(why));

			return ns_err_set(err, -EINVAL, "%s '%s' holds %s at byte %zu; %s", what, q,
					  why, i + 1, because);
		}
		i += l;
	}
	if (cap && n >= cap)
		return ns_err_set(err, -EINVAL, "%s '%s' is %zu bytes long; at most %zu fit", what,
				  q, n, cap - 1);
	return 0;
}

/* Append @n bytes at @src to @dst at *@at if they fit before the NUL of @cap bytes. */
static bool put(char *dst, size_t cap, size_t *at, const char *src, size_t n)
{
	if (*at + n >= cap)
		return false;
	memcpy(dst + *at, src, n);
	*at += n;
	return true;
}

bool ns_utf8_copy_valid(char *dst, size_t cap, const char *src)
{
	const unsigned char *p = (const unsigned char *)src;
	size_t n = strlen(src), at = 0;
	bool changed = false;

	for (size_t i = 0; i < n;) {
		size_t l = ns_utf8_char(p + i, n - i, NULL);
		bool ok = l ? put(dst, cap, &at, src + i, l)
			    : put(dst, cap, &at, NS_UTF8_REPLACEMENT, 3);

		if (!ok) {
			changed = true;
			break;
		}
		changed |= !l;
		i += l ? l : 1;
	}
	dst[at] = '\0';
	return changed;
}

char *ns_utf8_dup_valid(const char *src)
{
	size_t cap = strlen(src) * 3 + 1;
	char *d = malloc(cap);

	if (d)
		ns_utf8_copy_valid(d, cap, src);
	return d;
}

size_t ns_text_escape(char *dst, size_t cap, const char *src)
{
	const unsigned char *p = (const unsigned char *)src;
	size_t n = strlen(src), at = 0, i;

	for (i = 0; i < n;) {
		uint32_t cp = 0;
		size_t l = ns_utf8_char(p + i, n - i, &cp);
		bool ok = true;

		if (l && !ns_text_unsafe_char(cp)) {
			ok = put(dst, cap, &at, src + i, l);
		} else {
			char hex[20] = "";
			size_t k = l ? l : 1;

			for (size_t j = 0; j < k; j++)
				snprintf(hex + 4 * j, sizeof(hex) - 4 * j, "\\x%02X", p[i + j]);
			ok = put(dst, cap, &at, hex, 4 * k);
			l = k;
		}
		if (!ok)
			break;
		i += l;
	}
	dst[at] = '\0';
	return i;
}

bool ns_text_needs_escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp = 0;
		size_t l = ns_utf8_char(p + i, n - i, &cp);

		if (!l || ns_text_unsafe_char(cp))
			return true;
		i += l;
	}
	return false;
}
