/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mac.h — MAC addresses (BSSIDs) as text: the one parser and formatter.
 *
 * Text is six pairs of hex digits separated by ':' or by '-' (one separator
 * throughout), as iw prints and as spreadsheets and other survey tools write
 * them. Output is always lower-case with ':'.
 */
#ifndef NOTSPOT_UTIL_MAC_H
#define NOTSPOT_UTIL_MAC_H

#include <stdint.h>

/* Room for "aa:bb:cc:dd:ee:ff" and its NUL. */
#define MAC_TEXT_LEN 18

/** mac_format() - "aa:bb:cc:dd:ee:ff" into @buf (>= MAC_TEXT_LEN bytes); returns @buf. */
char *mac_format(const uint8_t mac[6], char *buf);

/** mac_parse() - parse @s into @mac; 0, or -EINVAL (and @mac untouched). */
int mac_parse(const char *s, uint8_t mac[6]);

#endif
