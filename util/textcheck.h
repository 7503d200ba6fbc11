/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * textcheck.h — the one rule for text that names things, and how text from
 * outside is shown.
 *
 * Names (a site, organisation, surveyor, building, floor, ward, AP, wall
 * material, a walk's operator and note, a survey's notes) end up in PDF
 * pages, PNG text chunks, JSON, CSV and on a terminal. Every one of those
 * needs valid UTF-8, and a line break, an escape sequence or a bidirectional
 * override in a name would break a line of output, rewrite a terminal or show
 * the name in another order than it is stored.
 *
 * At the door, text is checked and refused, not converted (ns_text_check):
 * whoever typed it, or whose file holds it, can fix it, and a name stored as
 * something other than what was typed could no longer be found by it.
 *
 * On the way out, text that did not pass the door — names already inside a
 * mailed survey, SSIDs as radios broadcast them, any file's bytes in an error —
 * is shown, never refused: ns_utf8_copy_valid() for documents (invalid bytes
 * become U+FFFD, as the JSON export does), ns_text_escape() for a terminal
 * (invalid bytes and control characters become "\xNN", so an error stays one
 * line). Neither ever cuts a character in two.
 *
 * Everything here is libc only; sizes are in bytes.
 */
#ifndef NOTSPOT_UTIL_TEXTCHECK_H
#define NOTSPOT_UTIL_TEXTCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* The replacement character, U+FFFD, in UTF-8. */
#define NS_UTF8_REPLACEMENT "\xef\xbf\xbd"

/**
 * ns_utf8_char() - the length (1 to 4) of the well-formed UTF-8 character at
 * @p, looking at no more than @n bytes, with its code point in *@cp (may be
 * NULL); 0 for an ill-formed one (a stray continuation byte, an overlong
 * form, a surrogate, a code point past U+10FFFF, or a sequence cut short).
 */
size_t ns_utf8_char(const unsigned char *p, size_t n, uint32_t *cp);

/**
 * ns_utf8_valid() - whether the @n bytes at @s are all well-formed UTF-8. If
 * not and @bad is not NULL, *@bad is the offset of the first bad byte.
 */
bool ns_utf8_valid(const char *s, size_t n, size_t *bad);

/**
 * ns_text_unsafe_char() - whether code point @cp may not stand in a name: C0
 * and C1 control characters and DEL (line breaks and tabs among them), the
 * line and paragraph separators U+2028/U+2029, and the bidirectional
 * embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).
 */
bool ns_text_unsafe_char(uint32_t cp);

/* How ns_text_check() judges. */
enum ns_text_flags {
	NS_TEXT_OPTIONAL = 0,
	NS_TEXT_REQUIRED = 1 << 0, /* empty, or nothing but spaces, is refused */
};

/**
 * ns_text_check() - the rule for every name entering a survey: well-formed
 * UTF-8, no character ns_text_unsafe_char() refuses, shorter than @cap bytes
 * (the field it goes into, its NUL included; 0: no limit), and with
 * NS_TEXT_REQUIRED not blank. @what names the value for the sentence
 * ("the ward name", "--site"); the sentence quotes the value, escaped and
 * shortened, and says where it goes wrong: "the ward name 'Ward\xFF2' is not
 * valid UTF-8 (byte 5 is 0xFF); save the text as UTF-8". Returns 0 or
 * -EINVAL with the sentence in @err.
 */
int ns_text_check(const char *what, const char *s, size_t cap, unsigned flags,
		  struct ns_err *err);

/**
 * ns_utf8_copy_valid() - @src as valid UTF-8 into @dst (@cap bytes, @cap >= 1):
 * every ill-formed byte becomes U+FFFD; cut at a character boundary when it
 * does not fit. Control characters are kept (a document may lay out a line
 * break). Returns whether anything was replaced or cut.
 */
bool ns_utf8_copy_valid(char *dst, size_t cap, const char *src);

/**
 * ns_utf8_dup_valid() - @src as valid UTF-8 (see ns_utf8_copy_valid()), in a
 * new malloc'd string the caller frees; NULL when out of memory.
 */
char *ns_utf8_dup_valid(const char *src);

/**
 * ns_text_escape() - @src for one line of a terminal into @dst (@cap bytes,
 * @cap >= 1): ill-formed bytes and the characters ns_text_unsafe_char()
 * refuses become "\xNN" (each of their bytes), a backslash stays a backslash;
 * cut at a character or escape boundary when it does not fit. Returns how
 * many bytes of @src were shown: strlen(@src) unless it was cut.
 */
size_t ns_text_escape(char *dst, size_t cap, const char *src);

/**
 * ns_text_needs_escape() - whether ns_text_escape() would change @s (an
 * ill-formed byte or an unsafe character): a fast test for printers.
 */
bool ns_text_needs_escape(const char *s);

#endif
