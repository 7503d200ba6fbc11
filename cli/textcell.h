/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * textcell.h — text from the air (an SSID, an AP name) in a terminal table.
 *
 * The text is what scanner/ssid.h makes of the bytes: valid UTF-8 without a
 * control character. A column is measured in terminal cells, not bytes: a
 * CJK character or an emoji takes two, a combining accent none (glibc's
 * wcwidth() in the C.UTF-8 locale, whatever the user's locale is; Debian's
 * libc-bin always installs it — without it every character counts as one
 * cell). A text wider than its column is cut at a character and ends in "…",
 * so a reader sees it was cut.
 */
#ifndef NOTSPOT_CLI_TEXTCELL_H
#define NOTSPOT_CLI_TEXTCELL_H

#include <stdio.h>

/** cli_text_width() - the terminal cells @s (UTF-8) takes. */
int cli_text_width(const char *s);

/**
 * cli_put_cell() - @s in a column @width cells wide: cut to @width - 1 cells
 * plus "…" when it is wider, then padded with spaces to @width (@pad) or not
 * (the last column). Control bytes, which the text should never hold, are
 * written as '?'.
 */
void cli_put_cell(FILE *f, const char *s, int width, int pad);

#endif
