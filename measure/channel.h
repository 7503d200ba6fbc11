/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * channel.h — Wi-Fi channels from centre frequencies: the number, the band,
 * and the facts a channel plan is judged by. One rule for printing a channel:
 * always with its band, "ch 37 (6 GHz)", because channel 37 exists in two
 * bands and 1 in three.
 *
 * Sources: IEEE 802.11-2020 Annex E (channel starting frequencies: 2407 MHz
 * for 2.4 GHz with channel 14 at 2484, 5000 MHz for 5 GHz, 5950 MHz for
 * 6 GHz with channel 2 at 5935); DFS channels are the UNII-2A and UNII-2C
 * ranges, 52–64 and 100–144 (ETSI EN 301 893, FCC 47 CFR 15.407); the 6 GHz
 * preferred scanning channels (PSC) are 5, 21, 37, … every 16th (IEEE
 * 802.11ax-2021, 26.17.2.3.3); 1, 6 and 11 are the only non-overlapping
 * 20 MHz channels at 2.4 GHz in Europe and North America.
 */
#ifndef NOTSPOT_MEASURE_CHANNEL_H
#define NOTSPOT_MEASURE_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>

enum meas_band {
	MEAS_BAND_UNKNOWN = 0,
	MEAS_BAND_2G4,
	MEAS_BAND_5G,
	MEAS_BAND_6G,
};

/* "ch 165 (5 GHz)" with its NUL fits. */
#define MEAS_CHANNEL_LABEL_LEN 24

/** meas_band_of_freq() - the band of @freq_mhz; MEAS_BAND_UNKNOWN outside 2.4/5/6 GHz. */
enum meas_band meas_band_of_freq(int freq_mhz);

/** meas_band_name() - "2.4 GHz", "5 GHz", "6 GHz" or "? GHz". */
const char *meas_band_name(enum meas_band b);

/** meas_channel_of_freq() - the channel number of @freq_mhz, 0 if none. */
int meas_channel_of_freq(int freq_mhz);

/**
 * meas_channel_label() - "ch 37 (6 GHz)" for @freq_mhz into @buf (@len bytes,
 * MEAS_CHANNEL_LABEL_LEN suffice); "ch ? (N MHz)" for a frequency that is no
 * channel, "ch ?" for 0. Returns @buf.
 */
char *meas_channel_label(int freq_mhz, char *buf, size_t len);

/** meas_channel_is_dfs() - whether @freq_mhz is a 5 GHz channel that needs radar detection. */
bool meas_channel_is_dfs(int freq_mhz);

/** meas_channel_is_psc() - whether @freq_mhz is a 6 GHz preferred scanning channel. */
bool meas_channel_is_psc(int freq_mhz);

/** meas_channel_is_off_plan() - a 2.4 GHz channel other than 1, 6 or 11 (overlaps two of them). */
bool meas_channel_is_off_plan(int freq_mhz);

#endif
