/* SPDX-License-Identifier: GPL-3.0-or-later */
/* metrics.c — see metrics.h. */
#include "heatmap/metrics.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct hm_metric_info infos[HM_NMETRICS] = {
	[HM_M_PRIMARY] = { "primary", "Primary signal", "dBm", true, -95, -45, true, -1 },
	[HM_M_SECONDARY] = { "secondary", "Secondary signal (2nd AP, same SSID)", "dBm", true, -95,
			     -45, true, -1 },
	[HM_M_SNR] = { "snr", "Signal-to-noise ratio", "dB", true, 0, 40, false, -1 },
	[HM_M_APS] = { "aps", "Access points heard", "APs", true, 0, 5, true, -1 },
	[HM_M_COCHANNEL] = { "cochannel", "Co-channel interference (vs primary)", "dB", false,
			     -35, 0, true, -1 },
	[HM_M_UTIL] = { "utilisation", "Channel utilisation", "%", false, 0, 100, false, -1 },
	[HM_M_RATE] = { "rate", "Link rate (tx)", "Mbit/s", true, 0, 600, false, HM_S_RATE },
	[HM_M_TPUT_DOWN] = { "throughput", "Throughput down", "Mbit/s", true, 0, 300, false,
			     HM_S_TPUT_DOWN },
	[HM_M_TPUT_UP] = { "throughput-up", "Throughput up", "Mbit/s", true, 0, 300, false,
			   HM_S_TPUT_UP },
	[HM_M_RTT] = { "rtt", "Round-trip time", "ms", false, 0, 250, false, HM_S_RTT },
	[HM_M_LOSS] = { "loss", "Packet loss", "%", false, 0, 10, false, HM_S_LOSS },
	[HM_M_JITTER] = { "jitter", "Jitter", "ms", false, 0, 100, false, HM_S_JITTER },
};

const struct hm_metric_info *hm_metric_info(enum hm_metric m)
{
	return (unsigned)m < HM_NMETRICS ? &infos[m] : NULL;
}

int hm_metric_parse(const char *key)
{
	if (strcmp(key, "throughput-down") == 0)
		return HM_M_TPUT_DOWN;
	for (int i = 0; i < HM_NMETRICS; i++)
		if (strcmp(key, infos[i].key) == 0)
			return i;
	return -EINVAL;
}

void hm_filter_default(struct hm_filter *f)
{
	f->ssid = NULL;
	f->band = -1;
	f->aps_dbm = -75;
	f->heard_dbm = -92;
}

int hm_band_parse(const char *s)
{
	if (strcmp(s, "2.4") == 0 || strcmp(s, "2") == 0)
		return FP_BAND_2G4;
	if (strcmp(s, "5") == 0)
		return FP_BAND_5G;
	if (strcmp(s, "6") == 0)
		return FP_BAND_6G;
	return -1;
}

const char *hm_band_name(int band)
{
	return band == FP_BAND_2G4 ? "2.4 GHz" : band == FP_BAND_5G ? "5 GHz" : band == FP_BAND_6G ? "6 GHz" : "all bands";
}

bool hm_bss_serves(const struct hm_bss *b, const struct hm_filter *f)
{
	if (f->ssid && strcmp(b->ssid, f->ssid) != 0)
		return false;
	if (f->band >= 0 && (int)b->band != f->band)
		return false;
	return true;
}

void hm_metrics_compute(const struct hm_set *set, const struct hm_grid *g,
			float *const *fields, const struct hm_filter *f,
			float *out[HM_NMETRICS])
{
	size_t nc = hm_grid_ncells(g), nb = set->nbss;
	uint8_t *serves = calloc(nb + 1, 1);
	uint32_t *stamp = calloc(set->nphys + 1, sizeof(uint32_t));
	double *noise = malloc((nb + 1) * sizeof(double));

	if (!serves || !stamp || !noise) {
		/* Out of memory: say nothing rather than something wrong. */
		for (int m = 0; m <= HM_M_UTIL; m++)
			if (out[m])
				for (size_t c = 0; c < nc; c++)
					out[m][c] = NAN;
		goto out;
	}
	for (size_t b = 0; b < nb; b++) {
		serves[b] = hm_bss_serves(&set->bss[b], f) && fields[set->bss[b].radio];
		noise[b] = hm_set_noise_dbm(set, set->bss[b].freq_mhz);
	}
	for (size_t c = 0; c < nc; c++) {
		double best = -INFINITY, second = -INFINITY, cochan = -INFINITY;
		long pb = -1;
		int aps = 0;

		for (size_t b = 0; b < nb; b++) {
			if (!serves[b])
				continue;
			float v = fields[set->bss[b].radio][c];

			if (isfinite(v) && v > best) {
				best = v;
				pb = (long)b;
			}
		}
		if (pb < 0) {
			for (int m = 0; m <= HM_M_UTIL; m++)
				if (out[m])
					out[m][c] = m == HM_M_APS ? 0 : NAN;
			continue;
		}
		const struct hm_bss *p = &set->bss[pb];
		size_t pphys = set->radios[p->radio].phys;

		for (size_t b = 0; b < nb; b++) {
			if (!serves[b])
				continue;
			const struct hm_bss *q = &set->bss[b];
			size_t qphys = set->radios[q->radio].phys;
			float v = fields[q->radio][c];

			if (!isfinite(v))
				continue;
			if (v >= f->aps_dbm && stamp[qphys] != c + 1) {
				stamp[qphys] = (uint32_t)(c + 1);
				aps++;
			}
			if (qphys != pphys && strcmp(q->ssid, p->ssid) == 0 && v > second)
				second = v;
		}
		/* Co-channel: any other AP on the primary's channel, whatever its SSID. */
		for (size_t r = 0; r < set->nradios; r++) {
			if (set->radios[r].freq_mhz != p->freq_mhz || set->radios[r].phys == pphys ||
			    !fields[r])
				continue;
			float v = fields[r][c];

			if (isfinite(v) && v > cochan)
				cochan = v;
		}
		if (out[HM_M_PRIMARY])
			out[HM_M_PRIMARY][c] = (float)best;
		if (out[HM_M_SECONDARY])
			out[HM_M_SECONDARY][c] = second >= f->heard_dbm ? (float)second : NAN;
		if (out[HM_M_SNR])
			out[HM_M_SNR][c] = (float)(best - noise[pb]);
		if (out[HM_M_APS])
			out[HM_M_APS][c] = (float)aps;
		if (out[HM_M_COCHANNEL])
			/* Unheard interferers sit at the hearing threshold, not at −∞. */
			out[HM_M_COCHANNEL][c] = (float)(fmax(cochan, f->heard_dbm) - best);
		if (out[HM_M_UTIL])
			out[HM_M_UTIL][c] = (float)(hm_bss_utilisation(p) * 100);
	}
out:
	free(serves);
	free(stamp);
	free(noise);
}
