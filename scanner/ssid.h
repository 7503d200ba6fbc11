/*
 * ssid.h — the text shown for bytes that came over the air.
 *
 * An SSID is 0–32 arbitrary bytes (IEEE Std 802.11-2020 9.4.2.2): a
 * stranger's access point may broadcast a terminal escape sequence, a NUL in
 * the middle, or bytes that are not UTF-8. The same holds for the AP name in
 * a vendor element. notspot keeps the bytes exactly (the structs carry them
 * next to the text) and shows them through one rule, the survey's (measure's
 * meas_ssid_set()): the way iw prints an SSID, with UTF-8 kept —
 *  - printable ASCII stays, spaces included, except the backslash, written "\\";
 *  - a valid UTF-8 sequence of a printable character stays as it is;
 *  - every other byte is "\xHH" (lower-case hex): control bytes (NUL, ESC,
 *    DEL), bytes that are not valid UTF-8 (overlong forms and surrogates
 *    included), and the bytes of characters that change how the text around
 *    them is shown: C1 controls U+0080..U+009F (a terminal reads U+009B as
 *    CSI), U+2028/U+2029, bidi controls U+200E/U+200F, U+202A..U+202E and
 *    U+2066..U+2069.
 * The text therefore never holds a control character and is valid UTF-8;
 * "\\" and "\xHH" give the bytes back unambiguously.
 */
#ifndef NOTSPOT_SCANNER_SSID_H
#define NOTSPOT_SCANNER_SSID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WIFI_SSID_MAX 32                             /* bytes of an SSID */
#define WIFI_SSID_TEXT_SIZE (4 * WIFI_SSID_MAX + 1)  /* every byte as \xHH, and the NUL */
#define WIFI_HEX_SIZE (2 * WIFI_SSID_MAX + 1)        /* 32 bytes as hex, and the NUL */

/**
 * wifi_text_escape() - the text of @raw (@len bytes, at most WIFI_SSID_MAX)
 * into @text (@cap bytes; WIFI_SSID_TEXT_SIZE always suffices) by the rule
 * above. Returns 1 when the text differs from the bytes (something was
 * escaped), 0 when the text is the bytes, -EINVAL for @len > 32 (@text is
 * then ""), -ENOSPC when @cap is too small (@text holds the whole escapes
 * and characters that fit, never half of one).
 */
int wifi_text_escape(char *text, size_t cap, const uint8_t *raw, size_t len);

/**
 * wifi_text_copy() - @src (a text of this rule, or plain UTF-8) into @dst
 * (@cap bytes), cut when too long before a character or escape, never
 * inside one. Returns @dst.
 */
char *wifi_text_copy(char *dst, size_t cap, const char *src);

/** wifi_hex() - @raw as lower-case hex into @out (>= 2 * @len + 1 bytes); "" for none. */
char *wifi_hex(char *out, const uint8_t *raw, size_t len);

#endif
