/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * channel.c — channel numbers, bands and plan facts of a centre frequency
 * (the sources are in channel.h).
 */
#include <stdio.h>

#include "measure/channel.h"

enum meas_band meas_band_of_freq(int freq_mhz)
{
	if (freq_mhz >= 2400 && freq_mhz <= 2500)
		return MEAS_BAND_2G4;
	if (freq_mhz >= 5150 && freq_mhz < 5925)
		return MEAS_BAND_5G;
	if (freq_mhz >= 5925 && freq_mhz <= 7125)
		return MEAS_BAND_6G;
	return MEAS_BAND_UNKNOWN;
}

const char *meas_band_name(enum meas_band b)
{
	switch (b) {
	case MEAS_BAND_2G4: return "2.4 GHz";
	case MEAS_BAND_5G: return "5 GHz";
	case MEAS_BAND_6G: return "6 GHz";
	default: return "? GHz";
	}
}

int meas_channel_of_freq(int freq_mhz)
{
	switch (meas_band_of_freq(freq_mhz)) {
	case MEAS_BAND_2G4:
		if (freq_mhz == 2484)
			return 14;
		return freq_mhz >= 2412 && freq_mhz <= 2472 && (freq_mhz - 2407) % 5 == 0
			       ? (freq_mhz - 2407) / 5 : 0;
	case MEAS_BAND_5G:
		return (freq_mhz - 5000) % 5 == 0 ? (freq_mhz - 5000) / 5 : 0;
	case MEAS_BAND_6G:
		if (freq_mhz == 5935)
			return 2;
		return freq_mhz > 5950 && (freq_mhz - 5950) % 5 == 0 ? (freq_mhz - 5950) / 5 : 0;
	default:
		return 0;
	}
}

char *meas_channel_label(int freq_mhz, char *buf, size_t len)
{
	int ch = meas_channel_of_freq(freq_mhz);

	if (ch > 0)
		snprintf(buf, len, "ch %d (%s)", ch, meas_band_name(meas_band_of_freq(freq_mhz)));
	else if (freq_mhz > 0)
		snprintf(buf, len, "ch ? (%d MHz)", freq_mhz);
	else
		snprintf(buf, len, "ch ?");
	return buf;
}

bool meas_channel_is_dfs(int freq_mhz)
{
	int ch = meas_band_of_freq(freq_mhz) == MEAS_BAND_5G ? meas_channel_of_freq(freq_mhz) : 0;

	return (ch >= 52 && ch <= 64) || (ch >= 100 && ch <= 144);
}

bool meas_channel_is_psc(int freq_mhz)
{
	int ch = meas_band_of_freq(freq_mhz) == MEAS_BAND_6G ? meas_channel_of_freq(freq_mhz) : 0;

	return ch >= 5 && ch <= 229 && ch % 16 == 5;
}

bool meas_channel_is_off_plan(int freq_mhz)
{
	int ch = meas_band_of_freq(freq_mhz) == MEAS_BAND_2G4 ? meas_channel_of_freq(freq_mhz) : 0;

	return ch > 0 && ch != 1 && ch != 6 && ch != 11;
}
