/* SPDX-License-Identifier: GPL-3.0-or-later */
/* samples.c — see samples.h. */
#include "heatmap/samples.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hm_set_init(struct hm_set *set)
{
	memset(set, 0, sizeof(*set));
}

void hm_set_release(struct hm_set *set)
{
	for (size_t i = 0; i < set->nbss; i++)
		free(set->bss[i].sig.p);
	for (int k = 0; k < HM_NSCALARS; k++)
		free(set->scalar[k].p);
	free(set->where_walk);
	free(set->bss);
	free(set->radios);
	free(set->phys);
	free(set->where.p);
	free(set->noise);
	free(set->hash);
	memset(set, 0, sizeof(*set));
}

int hm_ptset_push(struct hm_ptset *s, double x, double y, double v)
{
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		void *np = realloc(s->p, nc * sizeof(*s->p));

		if (!np)
			return -ENOMEM;
		s->p = np;
		s->cap = nc;
	}
	s->p[s->n++] = (struct hm_pt){ (float)x, (float)y, (float)v };
	return 0;
}

static size_t mac_hash(const uint8_t m[6])
{
	uint64_t h = 1469598103934665603ull;

	for (int i = 0; i < 6; i++)
		h = (h ^ m[i]) * 1099511628211ull;
	return (size_t)h;
}

static int rehash(struct hm_set *set)
{
	size_t cap = set->hashcap ? set->hashcap * 2 : 256;
	size_t *h = calloc(cap, sizeof(*h));

	if (!h)
		return -ENOMEM;
	for (size_t i = 0; i < set->nbss; i++) {
		size_t k = mac_hash(set->bss[i].bssid) & (cap - 1);

		while (h[k])
			k = (k + 1) & (cap - 1);
		h[k] = i + 1;
	}
	free(set->hash);
	set->hash = h;
	set->hashcap = cap;
	return 0;
}

/* The BSS with @bssid, created from @o (or from a link's few facts) when new. */
static struct hm_bss *bss_get(struct hm_set *set, const uint8_t bssid[6], const char *ssid,
			      int freq_mhz, int channel, bool hidden, const char *ap_name)
{
	size_t k;

	if (set->hashcap) {
		k = mac_hash(bssid) & (set->hashcap - 1);
		while (set->hash[k]) {
			struct hm_bss *b = &set->bss[set->hash[k] - 1];

			if (memcmp(b->bssid, bssid, 6) == 0) {
				if (!b->ap_name[0] && ap_name && ap_name[0])
					snprintf(b->ap_name, sizeof(b->ap_name), "%s", ap_name);
				if (!b->channel && channel)
					b->channel = channel;
				return b;
			}
			k = (k + 1) & (set->hashcap - 1);
		}
	}
	if ((set->nbss + 1) * 2 > set->hashcap && rehash(set))
		return NULL;
	if (set->nbss == set->capbss) {
		size_t nc = set->capbss ? set->capbss * 2 : 32;
		void *np = realloc(set->bss, nc * sizeof(*set->bss));

		if (!np)
			return NULL;
		set->bss = np;
		set->capbss = nc;
	}
	struct hm_bss *b = &set->bss[set->nbss];

	memset(b, 0, sizeof(*b));
	memcpy(b->bssid, bssid, 6);
	snprintf(b->ssid, sizeof(b->ssid), "%s", ssid ? ssid : "");
	snprintf(b->ap_name, sizeof(b->ap_name), "%s", ap_name ? ap_name : "");
	b->hidden = hidden;
	b->freq_mhz = freq_mhz;
	b->channel = channel;
	b->band = fp_band_of_freq(freq_mhz);
	k = mac_hash(bssid) & (set->hashcap - 1);
	while (set->hash[k])
		k = (k + 1) & (set->hashcap - 1);
	set->hash[k] = ++set->nbss;
	return b;
}

static int add_noise(struct hm_set *set, int freq_mhz, double noise_dbm)
{
	if (!isfinite(noise_dbm) || freq_mhz <= 0)
		return 0;
	for (size_t i = 0; i < set->nnoise; i++)
		if (set->noise[i].freq_mhz == freq_mhz) {
			set->noise[i].sum_dbm += noise_dbm;
			set->noise[i].n++;
			return 0;
		}
	void *np = realloc(set->noise, (set->nnoise + 1) * sizeof(*set->noise));

	if (!np)
		return -ENOMEM;
	set->noise = np;
	set->noise[set->nnoise++] = (struct hm_noise){ freq_mhz, noise_dbm, 1 };
	return 0;
}

static int add_tput(struct hm_set *set, double x, double y, const struct meas_sample *s,
		    const struct meas_throughput *t)
{
	bool failed = s->status != SAMPLE_OK || t->error[0];
	int rc = 0;

	if (strcmp(t->direction, "down") == 0 || strcmp(t->direction, "up") == 0) {
		enum hm_scalar k = t->direction[0] == 'd' ? HM_S_TPUT_DOWN : HM_S_TPUT_UP;

		if (failed)
			rc = hm_ptset_push(&set->scalar[k], x, y, 0);
		else if (isfinite(t->mbps))
			rc = hm_ptset_push(&set->scalar[k], x, y, t->mbps);
	}
	if (rc)
		return rc;
	if (isfinite(t->rtt_ms) && !failed && (rc = hm_ptset_push(&set->scalar[HM_S_RTT], x, y,
								     t->rtt_ms)))
		return rc;
	if (failed && strcmp(t->direction, "rtt") == 0)
		return hm_ptset_push(&set->scalar[HM_S_LOSS], x, y, 100);
	if (isfinite(t->loss_pct) && (rc = hm_ptset_push(&set->scalar[HM_S_LOSS], x, y,
							 t->loss_pct)))
		return rc;
	if (isfinite(t->jitter_ms) && !failed)
		rc = hm_ptset_push(&set->scalar[HM_S_JITTER], x, y, t->jitter_ms);
	return rc;
}

int hm_set_add_sample(struct hm_set *set, const struct meas_sample *s,
		      const struct meas_observation *obs, size_t nobs,
		      const struct meas_link *link, const struct meas_throughput *tput)
{
	double x = s->x_m, y = s->y_m;
	int rc;

	if (!s->placed) {
		set->nunplaced++;
		return 0;
	}
	if (!(fabs(x) <= HM_MAX_POSITION_M && fabs(y) <= HM_MAX_POSITION_M)) {
		set->nbadpos++; /* NaN fails the test too */
		return 0;
	}
	bool heard_all = (s->kind == SAMPLE_SCAN || s->kind == SAMPLE_CAPTURE) &&
			 (s->status == SAMPLE_OK || s->status == SAMPLE_SCAN_CACHED);

	if ((rc = hm_ptset_push(&set->where, x, y, heard_all ? 1 : 0)))
		return rc;
	/* Grown alongside where.p, to where's capacity. */
	int64_t *ww = realloc(set->where_walk, set->where.cap * sizeof(*ww));

	if (!ww)
		return -ENOMEM;
	set->where_walk = ww;
	ww[set->where.n - 1] = s->walk_id;
	set->nsamples++;
	if (!set->first_us || s->t_us < set->first_us)
		set->first_us = s->t_us;
	if (s->t_us > set->last_us)
		set->last_us = s->t_us;

	if (heard_all) {
		for (size_t i = 0; i < nobs; i++) {
			const struct meas_observation *o = &obs[i];
			struct hm_bss *b;

			if (!isfinite(o->signal_dbm) || o->freq_mhz <= 0)
				continue;
			/* A stale cache entry was heard somewhere else along the walk. */
			if (o->age_ms > HM_MAX_AGE_MS) {
				set->nstale++;
				continue;
			}
			b = bss_get(set, o->bssid, o->ssid, o->freq_mhz, o->channel, o->hidden,
				    o->ap_name);
			if (!b || hm_ptset_push(&b->sig, x, y, o->signal_dbm))
				return -ENOMEM;
			if (isfinite(o->bss_utilisation)) {
				b->util_sum += o->bss_utilisation;
				b->util_n++;
			}
			if ((rc = add_noise(set, o->freq_mhz, o->noise_dbm)))
				return rc;
		}
	}
	if (s->kind == SAMPLE_LINK) {
		if (s->status == SAMPLE_NOT_ASSOCIATED)
			return hm_ptset_push(&set->scalar[HM_S_RATE], x, y, 0);
		if (s->status == SAMPLE_OK && link) {
			if (isfinite(link->tx_bitrate_mbps) &&
			    (rc = hm_ptset_push(&set->scalar[HM_S_RATE], x, y, link->tx_bitrate_mbps)))
				return rc;
			if (isfinite(link->signal_dbm) && link->freq_mhz > 0) {
				struct hm_bss *b = bss_get(set, link->bssid, link->ssid, link->freq_mhz,
							   0, false, NULL);

				if (!b || hm_ptset_push(&b->sig, x, y, link->signal_dbm))
					return -ENOMEM;
			}
			if ((rc = add_noise(set, link->freq_mhz, link->noise_dbm)))
				return rc;
		}
	}
	if ((s->kind == SAMPLE_THROUGHPUT || s->kind == SAMPLE_LATENCY) && tput)
		return add_tput(set, x, y, s, tput);
	return 0;
}

int hm_set_sample_cb(void *arg, const struct meas_sample *sample,
		     const struct meas_observation *obs, size_t nobs,
		     const struct meas_link *link, const struct meas_throughput *tput)
{
	return hm_set_add_sample(arg, sample, obs, nobs, link, tput);
}

static void masked(const uint8_t in[6], uint8_t out[6])
{
	memcpy(out, in, 6);
	out[5] &= 0xf0;
}

int hm_set_finish(struct hm_set *set, struct ns_err *err)
{
	free(set->radios);
	free(set->phys);
	set->radios = NULL;
	set->phys = NULL;
	set->nradios = set->nphys = 0;
	if (!set->nbss)
		return 0;
	set->radios = calloc(set->nbss, sizeof(*set->radios));
	set->phys = calloc(set->nbss, sizeof(*set->phys));
	if (!set->radios || !set->phys)
		return ns_err_set(err, -ENOMEM, "out of memory grouping access points");
	for (size_t i = 0; i < set->nbss; i++) {
		struct hm_bss *b = &set->bss[i];
		uint8_t m[6];
		size_t r;

		masked(b->bssid, m);
		for (r = 0; r < set->nradios; r++)
			if (memcmp(set->radios[r].mac, m, 6) == 0 &&
			    set->radios[r].freq_mhz == b->freq_mhz)
				break;
		if (r == set->nradios) {
			memcpy(set->radios[r].mac, m, 6);
			set->radios[r].freq_mhz = b->freq_mhz;
			set->radios[r].channel = b->channel;
			set->radios[r].band = b->band;
			set->nradios++;
		}
		if (!set->radios[r].name[0] && b->ap_name[0])
			memcpy(set->radios[r].name, b->ap_name, sizeof(b->ap_name));
		b->radio = r;
	}
	for (size_t r = 0; r < set->nradios; r++) {
		struct hm_radio *rd = &set->radios[r];
		char key[64];
		size_t p;

		if (rd->name[0])
			snprintf(key, sizeof(key), "%s", rd->name);
		else
			snprintf(key, sizeof(key), "%02x:%02x:%02x:%02x:%02x:%x?", rd->mac[0],
				 rd->mac[1], rd->mac[2], rd->mac[3], rd->mac[4], rd->mac[5] >> 4);
		for (p = 0; p < set->nphys; p++)
			if (strcmp(set->phys[p].name, key) == 0)
				break;
		if (p == set->nphys)
			snprintf(set->phys[set->nphys++].name, sizeof(set->phys[0].name), "%s", key);
		rd->phys = p;
	}
	return 0;
}

double hm_set_noise_dbm(const struct hm_set *set, int freq_mhz)
{
	for (size_t i = 0; i < set->nnoise; i++)
		if (set->noise[i].freq_mhz == freq_mhz && set->noise[i].n > 0)
			return set->noise[i].sum_dbm / set->noise[i].n;
	return NAN;
}

bool hm_set_has_ssid(const struct hm_set *set, const char *ssid)
{
	for (size_t i = 0; i < set->nbss; i++)
		if (strcmp(set->bss[i].ssid, ssid) == 0)
			return true;
	return false;
}

double hm_bss_utilisation(const struct hm_bss *b)
{
	return b->util_n ? b->util_sum / b->util_n : NAN;
}
