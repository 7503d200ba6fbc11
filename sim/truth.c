/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * truth.c — the simulator's ground truth written out as a grid, so maps
 * made from a simulated survey can be scored against what was really there
 * (format: sim/README.md, "Ground truth").
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/world_internal.h"
#include "util/outfile.h"

/* Grids larger than this many cells are refused (a typo in --truth-cell). */
#define MAX_CELLS 4000000

/* "text" with \" \\ and \xNN for control bytes: SSIDs are arbitrary bytes. */
static void put_quoted(FILE *f, const char *str)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)str; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\x%02x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

int sim_write_truth(const struct sim_world *w, const char *path, double cell_m,
		    struct ns_err *err)
{
	double wm = floorplan_width_m(w->fp), hm = floorplan_height_m(w->fp);
	size_t nx, ny, col = 0;
	double *row = NULL;
	struct ns_outfile of;
	FILE *f = NULL;
	int rc = 0;

	if (!(cell_m > 0))
		return ns_err_set(err, -EINVAL, "the truth grid's cell must be larger than 0 m");
	if (!(wm > 0) || !(hm > 0))
		return ns_err_set(err, -EINVAL, "the floor is not calibrated: it has no size in metres");
	/* In double: a tiny cell would overflow size_t (and the cast) before any check. */
	if (!(ceil(wm / cell_m) * ceil(hm / cell_m) <= MAX_CELLS))
		return ns_err_set(err, -E2BIG, "a %g × %g grid is too large; use a larger cell",
				  ceil(wm / cell_m), ceil(hm / cell_m));
	nx = (size_t)ceil(wm / cell_m);
	ny = (size_t)ceil(hm / cell_m);
	row = malloc((w->nbss ? w->nbss : 1) * sizeof(*row));
	if (!row)
		return ns_err_set(err, -ENOMEM, "out of memory");
	/* Replaced whole, or written in place (a device, a pipe); errors name the file and errno. */
	if ((rc = ns_outfile_open(&of, path, err)))
		goto out;
	f = of.f;
	/* Origin at the drawing's metre origin; the grid spans the drawing. */
	fprintf(f, "# notspot-sim-truth 1\n");
	fprintf(f, "# floor: %s\n", w->fp->name);
	fprintf(f, "# origin_m: %.3f %.3f\n", -w->fp->origin_x_px / w->fp->px_per_m,
		-w->fp->origin_y_px / w->fp->px_per_m);
	fprintf(f, "# cell_m: %.4f\n# nx: %zu\n# ny: %zu\n# units: dBm\n", cell_m, nx, ny);
	fprintf(f, "# seed: %llu\n", (unsigned long long)w->cfg.seed);
	fprintf(f, "# columns: x_m, y_m (cell centre), then one column per BSSID: mean signal "
		   "without measurement noise, not cut at sensitivity\n");
	for (size_t b = 0; b < w->nbss; b++) {
		const struct sim_bss *bs = &w->bss[b];
		const uint8_t *m = bs->bssid;

		fprintf(f, "# bss: %02x:%02x:%02x:%02x:%02x:%02x freq_mhz=%d width_mhz=%d hidden=%d ssid=",
			m[0], m[1], m[2], m[3], m[4], m[5], bs->freq_mhz, bs->width_mhz, bs->hidden);
		put_quoted(f, bs->ssid_name);
		fputs(" ap=", f);
		put_quoted(f, bs->ap_name);
		fputc('\n', f);
	}
	fprintf(f, "x_m,y_m");
	for (size_t b = 0; b < w->nbss; b++) {
		const uint8_t *m = w->bss[b].bssid;

		fprintf(f, ",%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
	}
	fputc('\n', f);
	for (size_t j = 0; j < ny; j++) {
		for (size_t i = 0; i < nx; i++) {
			struct fp_point p = {
				(i + 0.5) * cell_m - w->fp->origin_x_px / w->fp->px_per_m,
				(j + 0.5) * cell_m - w->fp->origin_y_px / w->fp->px_per_m,
			};

			/* One propagation per radio: its BSSIDs share the signal. */
			for (size_t b = 0; b < w->nbss; b++) {
				const struct sim_bss *bs = &w->bss[b];

				row[b] = b == 0 || bs->ssid == 0
						 ? sim_radio_mean_dbm(w, bs->ap, bs->radio, p)
						 : row[b - 1];
			}
			fprintf(f, "%.3f,%.3f", p.x, p.y);
			for (col = 0; col < w->nbss; col++)
				fprintf(f, ",%.2f", row[col]);
			fputc('\n', f);
		}
	}
	rc = ns_outfile_commit(&of, err);
out:
	free(row);
	return rc;
}
