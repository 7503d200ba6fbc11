/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey_fixtures.c — see survey_fixtures.h. */
#include "tests/support/survey_fixtures.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *survey_test_tmpdir(void)
{
	char tmpl[] = "/tmp/notspot-survey-XXXXXX";

	if (!mkdtemp(tmpl))
		return NULL;
	return strdup(tmpl);
}

void survey_test_rmdir(char *dir)
{
	DIR *d;
	struct dirent *e;
	char path[4096];

	if (!dir)
		return;
	d = opendir(dir);
	if (d) {
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
}

const char *survey_test_path(const char *dir, const char *name)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

void survey_test_observation(struct meas_observation *o, int i)
{
	static const int chans[] = { 1, 6, 11, 36, 44, 100 };
	int ch = chans[i % 6];

	meas_init_observation(o);
	o->bssid[0] = 0x02;
	o->bssid[4] = (uint8_t)(i >> 8);
	o->bssid[5] = (uint8_t)i;
	snprintf(o->ssid, sizeof(o->ssid), "ward-net-%d", i % 7);
	o->hidden = false;
	o->channel = ch;
	o->freq_mhz = ch < 14 ? 2407 + 5 * ch : 5000 + 5 * ch;
	o->width_mhz = ch < 14 ? 20 : 80;
	o->center_freq_mhz = ch < 14 ? o->freq_mhz : o->freq_mhz + 30;
	o->signal_dbm = -40.0 - i % 50;
	o->noise_dbm = -95.0;
	o->bss_stations = i % 13;
	o->bss_utilisation = (i % 10) / 10.0;
	snprintf(o->security, sizeof(o->security), "%s", i % 2 ? "wpa2-eap" : "wpa3-sae");
	snprintf(o->ap_name, sizeof(o->ap_name), "AP-%03d", i);
	o->age_ms = 10 * (i % 30);
	o->associated = i == 0;
}

struct floorplan *survey_test_floor(const char *name)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', 0, 1, 2, 3, 0xff, 0 };
	struct floorplan *fp = floorplan_new();
	struct fp_point ward[] = { { 0, 0 }, { 20, 0 }, { 20, 10 }, { 0, 10 } };
	struct fp_point w1[] = { { 10, 0 }, { 10, 10 } };
	struct fp_point w2[] = { { 0, 5 }, { 5, 5 }, { 5, 8.25 } };
	double conc[FP_NBANDS] = { 12, 18, 22 }, door[FP_NBANDS] = { 19, 24, 28 };
	struct fp_ap ap;

	if (!fp)
		return NULL;
	snprintf(fp->name, sizeof(fp->name), "%s", name);
	snprintf(fp->building, sizeof(fp->building), "Tower block");
	fp->level = 2;
	fp->page = 0;
	fp->width_px = 2000;
	fp->height_px = 1000;
	fp->px_per_m = 100.0 / 3.0;
	fp->origin_x_px = 12.5;
	fp->origin_y_px = -3.25;
	floorplan_set_image(fp, "png", png, sizeof(png));
	floorplan_add_ward(fp, "Ward 7 — Cardiology", ward, 4);
	floorplan_add_wall(fp, w1, 2, "concrete", conc);
	floorplan_add_wall(fp, w2, 3, "brick", (double[]){ 8, 12, 16 });
	floorplan_add_opening(fp, (struct fp_point){ 10, 4 }, (struct fp_point){ 10, 5.2 },
			      "fire-door", door);
	memset(&ap, 0, sizeof(ap));
	snprintf(ap.name, sizeof(ap.name), "AP-7-01");
	ap.pos = (struct fp_point){ 4.5, 2.75 };
	ap.height_m = 2.7;
	snprintf(ap.source, sizeof(ap.source), "planned");
	snprintf(ap.bssid_pattern, sizeof(ap.bssid_pattern), "00:11:22:33:44:5?");
	floorplan_add_ap(fp, &ap);
	return fp;
}

unsigned char *survey_test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	*len = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
			*len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}
