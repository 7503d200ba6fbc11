/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv.h — observations as CSV in the long format: one row per BSSID per
 * sample (survey/README.md documents every column).
 *
 * Export writes every sample (of one floor, or all) by time; a sample with no
 * observations (a failed scan, a link poll) still gets one row with an empty
 * bssid, so a failure keeps its time and place. Import reads such a file into
 * one floor as a new walk of mode "import", all or nothing: the first bad row
 * is named by line, column and reason, and nothing is written.
 *
 * The CSV carries what a heatmap needs: the sample's time, place, kind,
 * status and error, and each observation's fields (an SSID that is not
 * printable UTF-8 also as its exact bytes, SURVEY_CSV_SSID_HEX). A link sample's link is
 * one row (its BSSID, SSID, frequency, signal and noise, associated = 1) and
 * is read back as the link. The rest of a link, throughputs, the monotonic
 * clock and waypoints travel in the JSON export only.
 */
#ifndef NOTSPOT_SURVEY_CSV_H
#define NOTSPOT_SURVEY_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "survey/survey.h"
#include "util/err.h"

/* The header line export writes (without the line end). */
#define SURVEY_CSV_HEADER                                                                  \
	"time_utc,walk,floor,x_m,y_m,kind,status,error,bssid,ssid,hidden,freq_mhz,channel," \
	"width_mhz,center_freq_mhz,signal_dbm,noise_dbm,bss_stations,bss_utilisation,"      \
	"security,ap_name,age_ms,associated"

/*
 * The column export adds at the end of every row when the survey holds an
 * SSID whose bytes are not its text (struct meas_observation): those bytes as
 * lower-case hex ("ff1b5b33316d58"), empty where the text is the bytes. A
 * survey without such SSIDs exports exactly SURVEY_CSV_HEADER, as version 1
 * did, so the file stays readable by older notspot.
 */
#define SURVEY_CSV_SSID_HEX "ssid_hex"

/* Limits of what the parser accepts (a line beyond them is refused, not cut). */
#define SURVEY_CSV_MAX_FIELD 1024   /* bytes in one field after unquoting */
#define SURVEY_CSV_MAX_OBS 4096     /* observations in one sample */

/**
 * survey_csv_export() - write the header and one row per observation of every
 * sample on @floor_id (0: every floor) to @out, reporting samples done to
 * @progress (may be NULL). Returns 0 or -errno (-EIO when @out fails).
 */
int survey_csv_export(struct survey *s, int64_t floor_id, FILE *out,
		      const struct survey_progress *progress, struct ns_err *err);

/* One sample as read from the CSV: the rows that share its time and place. */
struct survey_csv_sample {
	size_t line;                    /* line of its first row, 1-based */
	struct meas_sample sample;    /* walk_id 0; mono_us = t_us */
	struct meas_observation *obs; /* valid during the callback only */
	size_t nobs;                    /* entries in obs */
	const struct meas_link *link; /* a link sample's BSSID row, or NULL; as obs */
};

/**
 * survey_csv_parse() - read CSV @data (@len bytes, need not be NUL-terminated)
 * through a bounded cursor and call @on_sample for each sample, in file order.
 * Consecutive rows with the same time_utc, x_m, y_m, kind, status and error form
 * one sample. Returns 0, the callback's non-zero value, or -EINVAL with
 * "line N, column C (name): why" in @err for the first bad row.
 */
int survey_csv_parse(const char *data, size_t len,
		     int (*on_sample)(void *arg, const struct survey_csv_sample *cs), void *arg,
		     struct ns_err *err);

struct survey_csv_import_stats {
	int64_t walk_id;      /* the new walk */
	size_t samples;       /* samples stored */
	size_t observations;  /* BSSID rows stored, over all samples */
	int64_t first_us, last_us; /* first and last sample time, µs since the epoch (UTC) */
};

/**
 * survey_csv_import() - import @data into the floor named @floor as a new walk
 * (mode "import", note "imported from @source"; @source may be NULL), in one
 * transaction: on any error nothing is written. @stats may be NULL;
 * @progress (may be NULL) hears lines read out of the file's lines.
 */
int survey_csv_import(struct survey *s, const char *floor, const char *source,
		      const char *data, size_t len, struct survey_csv_import_stats *stats,
		      const struct survey_progress *progress, struct ns_err *err);

/*
 * A foreign CSV's layout (another tool's export, a spreadsheet): which of its
 * columns feeds each of ours. @ours names a column of the long format (above;
 * units as there: dBm, MHz, metres) or one of three only a mapping reads:
 * x_px / y_px (positions in drawing pixels, turned into metres with
 * @px_per_m and the origin) and time_epoch (seconds since 1970, UTC). A
 * mapped time_utc may also be "2026-11-22 03:25:04" or epoch seconds. Their
 * columns that no entry names are not read; x/y may be absent (samples then
 * stay unplaced). Errors name their line and their column's header.
 */
#define SURVEY_CSV_MAP_MAX 64
struct survey_csv_map {
	size_t n;
	char theirs[SURVEY_CSV_MAP_MAX][64]; /* a header name in their file */
	char ours[SURVEY_CSV_MAP_MAX][32];   /* the column it feeds */
	double px_per_m;                     /* for x_px/y_px: the drawing's scale */
	double origin_x_px, origin_y_px;     /* the drawing pixel of metre (0, 0) */
	size_t skip_lines;                   /* lines before the header line */
};

/** survey_csv_parse_mapped() - survey_csv_parse() of a file laid out as @map says (NULL: ours). */
int survey_csv_parse_mapped(const char *data, size_t len, const struct survey_csv_map *map,
			    int (*on_sample)(void *arg, const struct survey_csv_sample *cs),
			    void *arg, struct ns_err *err);

/** survey_csv_import_mapped() - survey_csv_import() of a file laid out as @map says (NULL: ours). */
int survey_csv_import_mapped(struct survey *s, const char *floor, const char *source,
			     const struct survey_csv_map *map, const char *data, size_t len,
			     struct survey_csv_import_stats *stats,
			     const struct survey_progress *progress, struct ns_err *err);

/**
 * survey_csv_formula_like() - whether a spreadsheet would run text @s as a
 * formula (it starts with =, +, -, @, a tab or CR), or it starts with the
 * apostrophe that guards such text: export writes it with one apostrophe
 * more, import takes exactly one off.
 */
bool survey_csv_formula_like(const char *s);

/** survey_format_time_us() - "2026-11-22T03:25:04.123456Z" (µs, UTC) into @buf (>= 28 bytes). */
char *survey_format_time_us(int64_t t_us, char *buf, size_t len);

#endif
