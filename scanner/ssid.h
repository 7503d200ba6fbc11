/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssid.h — the scanner's side of bytes that came over the air.
 *
 * An SSID is 0–32 arbitrary bytes (IEEE Std 802.11-2020 9.4.2.2): a
 * stranger's access point may broadcast a terminal escape sequence, a NUL in
 * the middle, or bytes that are not UTF-8. The same holds for the AP name in
 * a vendor element. The scanner keeps the bytes exactly (its structs carry
 * them next to the text) and shows them through the survey's one rule,
 * meas_ssid_set() (measure/measure.h): the way iw prints an SSID, with UTF-8
 * kept — control bytes, bytes that are not UTF-8, C1 and bidi controls as
 * "\xHH", a backslash as "\\". The text never holds a control character and
 * is valid UTF-8; the escapes give the bytes back unambiguously.
 */
#ifndef NOTSPOT_SCANNER_SSID_H
#define NOTSPOT_SCANNER_SSID_H

#include <stddef.h>
#include <stdint.h>

#include "measure/measure.h"

#define WIFI_SSID_MAX MEAS_SSID_MAX             /* bytes of an SSID, or of an AP name kept */
#define WIFI_SSID_TEXT_SIZE MEAS_SSID_TEXT_SIZE /* its text: every byte as \xHH, and the NUL */
#define WIFI_HEX_SIZE (2 * WIFI_SSID_MAX + 1)   /* 32 bytes as hex, and the NUL */

/**
 * wifi_text_copy() - @src (a text of that rule, or plain UTF-8) into @dst
 * (@cap bytes), cut when too long before a character or escape, never
 * inside one. Returns @dst.
 */
char *wifi_text_copy(char *dst, size_t cap, const char *src);

/** wifi_hex() - @raw as lower-case hex into @out (>= 2 * @len + 1 bytes); "" for none. */
char *wifi_hex(char *out, const uint8_t *raw, size_t len);

#endif
