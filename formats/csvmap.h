/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csvmap.h — the column mapping of a foreign CSV (another survey tool's
 * export, a spreadsheet) written by a person: "Theirs=ours" pairs, separated
 * by commas or lines ('#' starts a comment), e.g.
 *
 *	Time=time_utc, BSSID=bssid, Network=ssid, Signal (dBm)=signal_dbm,
 *	X (px)=x_px, Y (px)=y_px
 *
 * Names are taken as written (spaces inside kept, around trimmed); neither
 * may hold '=' or ','. The columns of ours and their units are in
 * survey/csv.h (struct survey_csv_map). A few known layouts have names:
 * "wigle" (WiGLE's CSV export: its first line is skipped).
 */
#ifndef NOTSPOT_FORMATS_CSVMAP_H
#define NOTSPOT_FORMATS_CSVMAP_H

#include "survey/csv.h"
#include "util/err.h"

/**
 * fmt_csv_map_parse() - @spec (a mapping as above, or a layout's name) into
 * @m, which is cleared first. -EINVAL with a sentence naming the bad pair.
 */
int fmt_csv_map_parse(const char *spec, struct survey_csv_map *m, struct ns_err *err);

/** fmt_csv_map_uses_pixels() - whether @m reads x_px or y_px (and so needs a scale). */
bool fmt_csv_map_uses_pixels(const struct survey_csv_map *m);

#endif
