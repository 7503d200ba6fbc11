/* SPDX-License-Identifier: GPL-3.0-or-later */
/* heatmap_world.c — see heatmap_world.h. */
#include "tests/support/heatmap_world.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "survey/survey.h"

static void wall(struct floorplan *fp, double x0, double y0, double x1, double y1,
		 const char *mat)
{
	struct fp_point p[2] = { { x0, y0 }, { x1, y1 } };
	const struct fp_material *m = fp_material_find(mat);

	floorplan_add_wall(fp, p, 2, m->key, m->loss_db);
}

static void door(struct floorplan *fp, double x0, double y0, double x1, double y1)
{
	const struct fp_material *m = fp_material_find("doorway");

	floorplan_add_opening(fp, (struct fp_point){ x0, y0 }, (struct fp_point){ x1, y1 },
			      m->key, m->loss_db);
}

static void ward(struct floorplan *fp, const char *name, double x0, double y0, double x1,
		 double y1)
{
	struct fp_point p[4] = { { x0, y0 }, { x1, y0 }, { x1, y1 }, { x0, y1 } };

	floorplan_add_ward(fp, name, p, 4);
}

struct floorplan *hmw_floor(void)
{
	struct floorplan *fp = floorplan_new();

	if (!fp)
		return NULL;
	snprintf(fp->name, sizeof(fp->name), "Level 2");
	snprintf(fp->building, sizeof(fp->building), "Test Block");
	fp->level = 2;
	/* Outer walls. */
	wall(fp, 0, 0, 30, 0, "concrete");
	wall(fp, 30, 0, 30, 20, "concrete");
	wall(fp, 30, 20, 0, 20, "concrete");
	wall(fp, 0, 20, 0, 0, "concrete");
	/* Corridor walls y = 8 (rooms) with doorways, y = 12 (bay) plasterboard with doorways. */
	wall(fp, 0, 8, 24, 8, "plasterboard");
	door(fp, 3, 8, 4, 8);
	door(fp, 11, 8, 12, 8);
	door(fp, 19, 8, 20, 8);
	wall(fp, 0, 12, 30, 12, "plasterboard");
	door(fp, 6, 12, 8, 12);
	door(fp, 20, 12, 22, 12);
	/* Room partitions (brick). */
	wall(fp, 8, 0, 8, 8, "brick");
	wall(fp, 16, 0, 16, 8, "brick");
	/* The X-ray room: lead-lined on its corridor and room sides. */
	wall(fp, 24, 0, 24, 8, "lead-lined");
	wall(fp, 24, 8, 30, 8, "lead-lined");
	ward(fp, "Ward A", 0, 0, 15, 20);
	ward(fp, "Ward B", 15, 0, 30, 20);
	ward(fp, "X-ray", 24, 0, 30, 8);
	/* Later wards win in a cell judged by the first match: keep X-ray first. */
	struct fp_ward t = fp->wards[2];

	fp->wards[2] = fp->wards[1];
	fp->wards[1] = fp->wards[0];
	fp->wards[0] = t;
	return fp;
}

double hmw_shadow(int k, double x, double y, double sigma)
{
	/* Four plane waves of ~3–6 m wavelength with AP-dependent phases: smooth, σ ≈ sigma. */
	double s = 0;

	for (int i = 0; i < 4; i++) {
		double a = 0.7 * i + 1.3 * k, lam = 3.0 + i * 1.1;

		s += sin((x * cos(a) + y * sin(a)) * 2 * M_PI / lam + k * 0.9 + i);
	}
	return s * sigma / sqrt(2.0);
}

double hmw_signal(const struct hmw_ap *ap, const struct floorplan *fp, double x, double y,
		  double shadow_db)
{
	double d2 = (x - ap->x) * (x - ap->x) + (y - ap->y) * (y - ap->y) + ap->height_m * ap->height_m;
	double w = fp_path_wall_loss(fp, (struct fp_point){ ap->x, ap->y }, (struct fp_point){ x, y },
				     fp_band_of_freq(ap->freq_mhz), NULL);

	if (d2 < 1)
		d2 = 1;
	return ap->p1_dbm - 5 * ap->n * log10(d2) - w + shadow_db;
}

double hmw_rand(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return ((*s >> 11) + 0.5) / 9007199254740992.0;
}

double hmw_gauss(uint64_t *s)
{
	double u = hmw_rand(s), v = hmw_rand(s);

	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

int hmw_scan(struct hm_set *set, const struct floorplan *fp, const struct hmw_ap *aps,
	     size_t naps, double x, double y, double shadow_db, double noise_db, uint64_t *rng,
	     int64_t t_us)
{
	struct meas_observation obs[64];
	struct meas_sample s;
	size_t n = 0;

	memset(&s, 0, sizeof(s));
	s.noise_dbm = NAN;
	s.kind = SAMPLE_SCAN;
	s.status = SAMPLE_OK;
	s.placed = true;
	s.x_m = x;
	s.y_m = y;
	s.t_us = t_us;
	for (size_t k = 0; k < naps && n < 64; k++) {
		double v = hmw_signal(&aps[k], fp, x, y,
				      shadow_db > 0 ? hmw_shadow((int)k, x, y, shadow_db) : 0);

		if (noise_db > 0)
			v += noise_db * hmw_gauss(rng);
		if (v < -92)
			continue;
		memset(&obs[n], 0, sizeof(obs[n]));
		obs[n].bss_stations = -1;
		obs[n].age_ms = -1;
		memcpy(obs[n].bssid, aps[k].mac, 6);
		snprintf(obs[n].ssid, sizeof(obs[n].ssid), "%s", aps[k].ssid);
		snprintf(obs[n].ap_name, sizeof(obs[n].ap_name), "%s", aps[k].name);
		obs[n].freq_mhz = aps[k].freq_mhz;
		obs[n].channel = aps[k].channel;
		obs[n].signal_dbm = round(v);
		obs[n].noise_dbm = aps[k].freq_mhz < 3000 ? -95 : -98;
		obs[n].bss_utilisation = aps[k].utilisation;
		n++;
	}
	return hm_set_add_sample(set, &s, obs, n, NULL, NULL);
}

int hmw_walk(struct hm_set *set, const struct floorplan *fp, const struct hmw_ap *aps,
	     size_t naps, const struct fp_point *pts, size_t n, double step_m, double shadow_db,
	     double noise_db, uint64_t *rng)
{
	int scans = 0, rc;
	int64_t t = 1795000000000000;

	for (size_t k = 0; k + 1 < n; k++) {
		double len = hypot(pts[k + 1].x - pts[k].x, pts[k + 1].y - pts[k].y);
		int steps = (int)ceil(len / step_m);

		for (int s = 0; s < steps || (k + 2 == n && s == steps); s++) {
			double f = steps ? (double)s / steps : 0;

			rc = hmw_scan(set, fp, aps, naps, pts[k].x + f * (pts[k + 1].x - pts[k].x),
				      pts[k].y + f * (pts[k + 1].y - pts[k].y), shadow_db, noise_db,
				      rng, t += 2500000);
			if (rc)
				return rc;
			scans++;
		}
	}
	return scans;
}

size_t hmw_aps_default(struct hmw_ap *aps, size_t cap)
{
	static const struct hmw_ap def[] = {
		{ 5, 10, -38, 2.2, 1.5, { 0x00, 0x11, 0x22, 0x33, 0x44, 0x50 }, 5180, 36, "NHS",
		  "AP-WEST", 0.2 },
		{ 5, 10, -38, 2.2, 1.5, { 0x00, 0x11, 0x22, 0x33, 0x44, 0x51 }, 5180, 36, "Guest",
		  "AP-WEST", 0.2 },
		{ 20, 10, -38, 2.2, 1.5, { 0x00, 0x11, 0x22, 0x33, 0x55, 0x60 }, 5200, 40, "NHS",
		  "AP-EAST", 0.6 },
		{ 20, 10, -38, 2.2, 1.5, { 0x00, 0x11, 0x22, 0x33, 0x55, 0x61 }, 5200, 40, "Guest",
		  "AP-EAST", 0.6 },
		{ 12, 17, -40, 2.2, 1.5, { 0x00, 0x11, 0x22, 0x33, 0x66, 0x70 }, 5180, 36, "NHS",
		  "AP-BAY", NAN },
	};
	size_t n = sizeof(def) / sizeof(def[0]);

	if (n > cap)
		n = cap;
	memcpy(aps, def, n * sizeof(*aps));
	return n;
}
