/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * textcell.c — see textcell.h.
 */
#define _GNU_SOURCE
#include "cli/textcell.h"

#include <locale.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

/*
 * One character of @s: its length in bytes and code point; an invalid byte
 * counts as a character of its own (U+FFFD).
 */
static size_t next_char(const unsigned char *s, uint32_t *cp)
{
	size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3
					   : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
	uint32_t c;

	if (len == 0) {
		*cp = 0xfffd;
		return 1;
	}
	c = len == 1 ? s[0] : s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

/* Cells of code point @c: wcwidth() under C.UTF-8, 1 when it has no answer. */
static int char_width(uint32_t c)
{
	static locale_t utf8;
	locale_t old;
	int w;

	if (c < 0x80)
		return 1;
	if (!utf8)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!utf8)
		return 1;
	old = uselocale(utf8);
	w = wcwidth((wchar_t)c);
	uselocale(old);
	return w < 0 ? 1 : w;
}

int cli_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;

	while (*p) {
		uint32_t c;

		p += next_char(p, &c);
		w += char_width(c);
	}
	return w;
}

/* Write the character of @n bytes at @p, a control byte as '?'. */
static void put_char(FILE *f, const unsigned char *p, size_t n, uint32_t c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0xfffd)
		fputc('?', f);
	else
		fwrite(p, 1, n, f);
}

void cli_put_cell(FILE *f, const char *s, int width, int pad)
{
	const unsigned char *p = (const unsigned char *)s;
	int total = cli_text_width(s), used = 0;
	int room = total > width ? width - 1 : width; /* a cut text keeps a cell for "…" */

	while (*p) {
		uint32_t c;
		size_t n = next_char(p, &c);
		int w = char_width(c);

		if (used + w > room)
			break;
		put_char(f, p, n, c);
		used += w;
		p += n;
	}
	if (total > width && width > 0) {
		fputs("\xe2\x80\xa6", f); /* U+2026 HORIZONTAL ELLIPSIS */
		used++;
	}
	while (pad && used < width) {
		fputc(' ', f);
		used++;
	}
}
