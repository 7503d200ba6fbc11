/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world.c — the simulated radio world: APs, their BSSIDs, the propagation
 * model and what a scan hears. See sim.h for the model, sim/README.md for
 * the parameters and where their values come from.
 */
#include "sim/world_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "sim/rng.h"

void sim_config_default(struct sim_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	/* DOMAIN.md, "Propagation": PL(1 m) ≈ 40 dB at 2.4 GHz, 46.4 dB at 5 GHz;
	 * 6 GHz by free space from 5.2 to 6.1 GHz (+1.4 dB), rounded to 47.5. */
	cfg->pl1m_db[FP_BAND_2G4] = 40.0;
	cfg->pl1m_db[FP_BAND_5G] = 46.4;
	cfg->pl1m_db[FP_BAND_6G] = 47.5;
	/* Walls are modelled explicitly, so n sits near line of sight (2.0) with
	 * some clutter (beds, trolleys, people). */
	cfg->exponent = 2.2;
	/* ITU-R P.1238: σ 3.8 dB (LOS) to 5 dB (NLOS) in offices. */
	cfg->shadow_sigma_db = 4.0;
	cfg->shadow_corr_m = 3.0;
	cfg->meas_sigma_db = 2.0;
	cfg->noise_floor_dbm[FP_BAND_2G4] = -95.0;
	cfg->noise_floor_dbm[FP_BAND_5G] = -98.0;
	cfg->noise_floor_dbm[FP_BAND_6G] = -98.0;
	cfg->sensitivity_dbm = -92.0;
	cfg->miss_prob = 0.05;
	cfg->seed = 1;
	cfg->rx_height_m = 1.2;
	cfg->scan_time_s = 2.5;
}

int sim_channel_of_freq(int f)
{
	if (f == 2484)
		return 14;
	if (f >= 2412 && f <= 2472 && (f - 2407) % 5 == 0)
		return (f - 2407) / 5;
	if (f >= 5160 && f <= 5885 && f % 5 == 0)
		return (f - 5000) / 5;
	if (f >= 5955 && f <= 7115 && (f - 5950) % 5 == 0)
		return (f - 5950) / 5;
	return 0;
}

int sim_freq_of_channel(enum fp_band band, int ch)
{
	switch (band) {
	case FP_BAND_2G4:
		if (ch == 14)
			return 2484;
		return ch >= 1 && ch <= 13 ? 2407 + 5 * ch : 0;
	case FP_BAND_5G:
		return ch >= 32 && ch <= 177 ? 5000 + 5 * ch : 0;
	case FP_BAND_6G:
		return ch >= 1 && ch <= 233 && ch % 4 == 1 ? 5950 + 5 * ch : 0;
	default:
		return 0;
	}
}

int sim_center_freq(int freq, int width)
{
	int ch = sim_channel_of_freq(freq), per = width / 20, base, idx;

	if (width <= 20 || fp_band_of_freq(freq) == FP_BAND_2G4) {
		/* 2.4 GHz 40 MHz: secondary above for channels 1–7, below above that. */
		if (width == 40 && fp_band_of_freq(freq) == FP_BAND_2G4)
			return ch <= 7 ? freq + 10 : freq - 10;
		return freq;
	}
	if (fp_band_of_freq(freq) == FP_BAND_6G) {
		/* 6 GHz blocks start at channel 1 for every width. */
		idx = (ch - 1) / 4;
		base = 1 + (idx / per) * per * 4;
		return 5950 + 5 * (base + (per - 1) * 2);
	}
	if (ch >= 36 && ch <= 144) {
		if (per == 8 && ch > 128)
			return freq; /* no 160 MHz block above 128 */
		idx = (ch - 36) / 4;
		base = 36 + (idx / per) * per * 4;
		return 5000 + 5 * (base + (per - 1) * 2);
	}
	if (ch >= 149 && ch <= 177 && per <= 4) {
		idx = (ch - 149) / 4;
		base = 149 + (idx / per) * per * 4;
		return 5000 + 5 * (base + (per - 1) * 2);
	}
	return freq;
}

static bool width_ok(int w)
{
	return w == 20 || w == 40 || w == 80 || w == 160;
}

/* Check one AP; the sentence names it. */
static int check_ap(const struct sim_ap *ap, size_t i, struct ns_err *err)
{
	if (ap->nradios < 1 || ap->nradios > SIM_MAX_RADIOS)
		return ns_err_set(err, -EINVAL, "AP %zu (%s) has %d radios (1 to %d allowed)", i,
				  ap->name, ap->nradios, SIM_MAX_RADIOS);
	if (ap->nssids < 1 || ap->nssids > SIM_MAX_SSIDS)
		return ns_err_set(err, -EINVAL, "AP %zu (%s) has %d SSIDs (1 to %d allowed)", i,
				  ap->name, ap->nssids, SIM_MAX_SSIDS);
	if (!isfinite(ap->pos.x) || !isfinite(ap->pos.y) || !isfinite(ap->height_m) ||
	    ap->height_m < 0 || ap->height_m > 50)
		return ns_err_set(err, -EINVAL, "AP %zu (%s) has no valid position or height", i,
				  ap->name);
	for (int r = 0; r < ap->nradios; r++) {
		const struct sim_radio *ra = &ap->radios[r];

		if (!sim_channel_of_freq(ra->freq_mhz))
			return ns_err_set(err, -EINVAL,
					  "AP %zu (%s) radio %d: %d MHz is not a Wi-Fi channel", i,
					  ap->name, r, ra->freq_mhz);
		if (!width_ok(ra->width_mhz))
			return ns_err_set(err, -EINVAL,
					  "AP %zu (%s) radio %d: width %d MHz (20, 40, 80 or 160)", i,
					  ap->name, r, ra->width_mhz);
		if (!isfinite(ra->tx_power_dbm) || ra->tx_power_dbm < -10 || ra->tx_power_dbm > 36)
			return ns_err_set(err, -EINVAL,
					  "AP %zu (%s) radio %d: tx power %.1f dBm is out of range", i,
					  ap->name, r, ra->tx_power_dbm);
		if (!(ra->utilisation >= 0 && ra->utilisation <= 1) || ra->stations < 0)
			return ns_err_set(err, -EINVAL,
					  "AP %zu (%s) radio %d: BSS load out of range", i, ap->name, r);
	}
	return 0;
}

static void bssid_of(const struct sim_ap *ap, int radio, int ssid, uint8_t out[6])
{
	unsigned low = ap->base_mac[5] + ((unsigned)radio << 4) + (unsigned)ssid;

	memcpy(out, ap->base_mac, 6);
	out[5] = (uint8_t)low;
}

long sim_world_find_bss(const struct sim_world *w, const uint8_t bssid[6])
{
	for (size_t i = 0; i < w->nbss; i++)
		if (memcmp(w->bss[i].bssid, bssid, 6) == 0)
			return (long)i;
	return -1;
}

int sim_world_new(const struct floorplan *fp, const struct sim_ap *aps, size_t naps,
		  const struct sim_config *cfg, struct sim_world **out, struct ns_err *err)
{
	struct sim_world *w;
	size_t nbss = 0;
	int rc;

	*out = NULL;
	if (!fp)
		return ns_err_set(err, -EINVAL, "the simulator needs a floorplan");
	if (!(cfg->shadow_corr_m > 0) || !(cfg->shadow_sigma_db >= 0) ||
	    !(cfg->meas_sigma_db >= 0) || !(cfg->exponent > 0) ||
	    !(cfg->miss_prob >= 0 && cfg->miss_prob <= 1) || !(cfg->scan_time_s >= 0))
		return ns_err_set(err, -EINVAL, "the simulator's parameters are out of range");
	for (size_t i = 0; i < naps; i++) {
		rc = check_ap(&aps[i], i, err);
		if (rc)
			return rc;
		nbss += (size_t)aps[i].nradios * (size_t)aps[i].nssids;
	}
	w = calloc(1, sizeof(*w));
	if (!w)
		return ns_err_set(err, -ENOMEM, "out of memory");
	w->fp = fp;
	w->cfg = *cfg;
	w->naps = naps;
	w->nhere = naps;
	w->aps = calloc(naps ? naps : 1, sizeof(*w->aps));
	w->shadow = calloc(naps ? naps : 1, sizeof(*w->shadow));
	w->bss = calloc(nbss ? nbss : 1, sizeof(*w->bss));
	if (!w->aps || !w->shadow || !w->bss) {
		sim_world_free(w);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	if (naps)
		memcpy(w->aps, aps, naps * sizeof(*aps));
	for (size_t i = 0; i < naps; i++) {
		struct sim_ap *ap = &w->aps[i];

		if (ap->height_m == 0)
			ap->height_m = 2.7;
		ap->name[sizeof(ap->name) - 1] = '\0';
		sim_shadow_init(&w->shadow[i], sim_rng_mix(cfg->seed, i + 1), cfg->shadow_corr_m);
		for (int r = 0; r < ap->nradios; r++) {
			struct sim_radio *ra = &ap->radios[r];

			if (!ra->center_freq_mhz)
				ra->center_freq_mhz = sim_center_freq(ra->freq_mhz, ra->width_mhz);
			for (int s = 0; s < ap->nssids; s++) {
				struct sim_bss *b = &w->bss[w->nbss];

				bssid_of(ap, r, s, b->bssid);
				if (sim_world_find_bss(w, b->bssid) >= 0) {
					const uint8_t *m = b->bssid;

					rc = ns_err_set(err, -EINVAL,
							"AP %zu (%s): BSSID %02x:%02x:%02x:%02x:%02x:%02x is used twice (base MACs too close)",
							i, aps[i].name, m[0], m[1], m[2], m[3], m[4], m[5]);
					sim_world_free(w);
					return rc;
				}
				b->ap = i;
				b->radio = r;
				b->ssid = s;
				b->freq_mhz = ra->freq_mhz;
				b->width_mhz = ra->width_mhz;
				b->center_freq_mhz = ra->center_freq_mhz;
				memcpy(b->ssid_name, ap->ssids[s].name, sizeof(b->ssid_name));
				b->ssid_name[sizeof(b->ssid_name) - 1] = '\0';
				b->hidden = ap->ssids[s].hidden;
				memcpy(b->security, ap->ssids[s].security, sizeof(b->security));
				b->security[sizeof(b->security) - 1] = '\0';
				snprintf(b->ap_name, sizeof(b->ap_name), "%.32s", ap->name);
				w->nbss++;
			}
		}
	}
	*out = w;
	return 0;
}

void sim_world_free(struct sim_world *w)
{
	if (!w)
		return;
	free(w->aps);
	free(w->shadow);
	free(w->bss);
	free(w->remote);
	free(w->floors);
	free(w);
}

size_t sim_world_nbss(const struct sim_world *w)
{
	return w->nbss;
}

const struct sim_bss *sim_world_bss(const struct sim_world *w, size_t i)
{
	return i < w->nbss ? &w->bss[i] : NULL;
}

size_t sim_world_naps(const struct sim_world *w)
{
	return w->naps;
}

const struct sim_ap *sim_world_ap(const struct sim_world *w, size_t i)
{
	return i < w->naps ? &w->aps[i] : NULL;
}

double sim_radio_mean_dbm(const struct sim_world *w, size_t ap_i, int radio, struct fp_point p)
{
	const struct sim_ap *ap = &w->aps[ap_i];
	const struct sim_radio *ra = &ap->radios[radio];
	enum fp_band band = fp_band_of_freq(ra->freq_mhz);
	double dx = p.x - ap->pos.x, dy = p.y - ap->pos.y, dz = ap->height_m - w->cfg.rx_height_m;
	double d = sqrt(dx * dx + dy * dy + dz * dz);
	double pl, walls, shadow = 0;

	if (ap_i >= w->nhere)
		return sim_remote_mean_dbm(w, ap_i, radio, p);
	/* The log-distance law holds from its 1 m reference outwards. */
	if (d < 1.0)
		d = 1.0;
	pl = w->cfg.pl1m_db[band] + 10.0 * w->cfg.exponent * log10(d);
	walls = fp_path_wall_loss(w->fp, ap->pos, p, band, NULL);
	if (w->cfg.shadow_sigma_db > 0)
		shadow = w->cfg.shadow_sigma_db * sim_shadow_at(&w->shadow[ap_i], p);
	return ra->tx_power_dbm - pl - walls + shadow;
}

double sim_true_signal_dbm(const struct sim_world *w, size_t bss, struct fp_point p)
{
	if (bss >= w->nbss)
		return NAN;
	return sim_radio_mean_dbm(w, w->bss[bss].ap, w->bss[bss].radio, p);
}

double sim_noise_dbm(const struct sim_world *w, int freq_mhz)
{
	enum fp_band band = fp_band_of_freq(freq_mhz);
	uint64_t r = sim_rng_mix(w->cfg.seed ^ 0x6e6f697365ULL, (uint64_t)freq_mhz);

	/* Each channel sits up to ±1.5 dB off the band's floor (receivers and
	 * neighbours differ), the same for the whole survey; whole dB as drivers report. */
	return round(w->cfg.noise_floor_dbm[band] + 3.0 * (sim_rng_uniform(&r) - 0.5));
}

/*
 * When, within a scan of @scan_s seconds, the channel at @freq is done:
 * drivers sweep 2.4 GHz then 5 GHz then 6 GHz in channel order, and dwell
 * about twice as long on 5 GHz DFS channels, where they may only listen
 * (passive scan, DOMAIN.md). Returns seconds from the start of the scan.
 */
static double channel_done_s(int freq, double scan_s)
{
	static const int list[] = {
		2412, 2417, 2422, 2427, 2432, 2437, 2442, 2447, 2452, 2457, 2462, 2467, 2472,
		5180, 5200, 5220, 5240, 5260, 5280, 5300, 5320, 5500, 5520, 5540, 5560, 5580,
		5600, 5620, 5640, 5660, 5680, 5700, 5720, 5745, 5765, 5785, 5805, 5825,
	};
	double total = 0, at = -1;

	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
		total += list[i] >= 5260 && list[i] <= 5720 ? 2.0 : 1.0;
		if (list[i] == freq)
			at = total;
	}
	if (at < 0)
		return scan_s; /* not in the sweep (6 GHz, odd channel): at the end */
	return at / total * scan_s;
}

static struct fp_point fixed_pos(void *arg, double ago_s)
{
	(void)ago_s;
	return *(const struct fp_point *)arg;
}

size_t sim_scan_moving(const struct sim_world *w, sim_pos_fn pos, void *arg, uint64_t *rng,
		       struct meas_observation *out, size_t cap)
{
	const struct sim_config *c = &w->cfg;
	size_t n = 0, b = 0;

	for (size_t a = 0; a < w->naps; a++) {
		const struct sim_ap *ap = &w->aps[a];

		for (int r = 0; r < ap->nradios; r++) {
			const struct sim_radio *ra = &ap->radios[r];
			double done = channel_done_s(ra->freq_mhz, c->scan_time_s);
			double ago = c->scan_time_s - done;
			/* A dump follows the scan by a few tens of ms. */
			double age_s = ago + 0.005 + 0.03 * sim_rng_uniform(rng);
			double mean = sim_radio_mean_dbm(w, a, r, pos(arg, ago));
			double noise = sim_noise_dbm(w, ra->freq_mhz);
			/* Channel utilisation belongs to the channel: every BSSID of the
			 * radio advertises the same figure, which moves a little between
			 * beacons; it is carried in 1/255 steps. */
			double util = fmin(fmax(ra->utilisation + 0.03 * sim_rng_gauss(rng), 0), 1);

			for (int s = 0; s < ap->nssids; s++, b++) {
				const struct sim_bss *bs = &w->bss[b];
				struct meas_observation *o;
				/* Every draw happens for every BSS, heard or not, so one
				 * BSS's fate does not shift the others' random numbers. */
				double meas = mean + c->meas_sigma_db * sim_rng_gauss(rng);
				double miss = sim_rng_uniform(rng);
				double sj = sim_rng_gauss(rng);
				double sta;

				/* Drivers report whole dBm (mBm multiples of 100). */
				meas = round(meas);
				if (meas < c->sensitivity_dbm || miss < c->miss_prob || n >= cap)
					continue;
				o = &out[n++];
				/* Every field is set below: nothing is left unknown. */
				memset(o, 0, sizeof(*o));
				memcpy(o->bssid, bs->bssid, 6);
				if (!bs->hidden)
					snprintf(o->ssid, sizeof(o->ssid), "%s", bs->ssid_name);
				o->hidden = bs->hidden;
				o->freq_mhz = bs->freq_mhz;
				o->channel = sim_channel_of_freq(bs->freq_mhz);
				o->width_mhz = bs->width_mhz;
				o->center_freq_mhz = bs->center_freq_mhz;
				o->signal_dbm = meas;
				o->noise_dbm = noise;
				o->bss_utilisation = round(util * 255) / 255;
				sta = round(ra->stations + sj);
				o->bss_stations = sta < 0 ? 0 : (int)sta;
				snprintf(o->security, sizeof(o->security), "%s", bs->security);
				snprintf(o->ap_name, sizeof(o->ap_name), "%s", bs->ap_name);
				o->age_ms = (int)lround(age_s * 1000);
				o->associated = false;
			}
		}
	}
	return n;
}

size_t sim_scan(const struct sim_world *w, struct fp_point p, uint64_t *rng,
		struct meas_observation *out, size_t cap)
{
	return sim_scan_moving(w, fixed_pos, &p, rng, out, cap);
}
