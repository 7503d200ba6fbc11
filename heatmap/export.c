/* SPDX-License-Identifier: GPL-3.0-or-later */
/* export.c — see export.h. */
#include "heatmap/export.h"

#include <endian.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/outfile.h"

static const char *cover_name(uint8_t c)
{
	static const char *const n[] = { "outside", "not-surveyed", "surveyed", "predicted" };

	return c < 4 ? n[c] : "?";
}

float hm_export_value(const struct hm_map *m, int metric, size_t k)
{
	if (m->cover[k] < HM_COVER_SURVEYED)
		return NAN;
	if (metric < 0)
		return m->verdict ? (m->verdict[k] == HM_V_PASS ? 1.0f : 0.0f) : NAN;
	return m->m[metric] ? m->m[metric][k] : NAN;
}

static void put_u32(unsigned char *p, uint32_t v)
{
	v = htole32(v);
	memcpy(p, &v, 4);
}

static void put_f64(unsigned char *p, double d)
{
	uint64_t v;

	memcpy(&v, &d, 8);
	v = htole64(v);
	memcpy(p, &v, 8);
}

int hm_export_grid(const struct hm_map *m, int metric, const char *path, const char *provenance,
		   struct ns_err *err)
{
	size_t n = strlen(path), nc = hm_grid_ncells(&m->grid);
	bool csv = n >= 4 && strcasecmp(path + n - 4, ".csv") == 0;
	bool f32 = n >= 4 && strcasecmp(path + n - 4, ".f32") == 0;
	const char *unit = metric < 0 ? "pass" : hm_metric_info(metric)->unit;
	const char *key = metric < 0 ? "pass" : hm_metric_info(metric)->key;
	struct ns_outfile of;
	FILE *f;
	int rc = 0;

	if (!csv && !f32)
		return ns_err_set(err, -EINVAL, "the grid file '%s' must end in .csv or .f32", path);
	if (metric >= 0 && !m->m[metric])
		return ns_err_set(err, -ENOENT, "%s was not measured in this survey", key);
	if ((rc = ns_outfile_open(&of, path, err)))
		return rc;
	f = of.f;
	if (csv) {
		fprintf(f, "# notspot grid\n");
		for (const char *p = provenance; p && *p;) {
			const char *e = strchr(p, '\n');
			int len = e ? (int)(e - p) : (int)strlen(p);

			if (len)
				fprintf(f, "# %.*s\n", len, p);
			p = e ? e + 1 : p + len;
		}
		fprintf(f, "# metric: %s\n# unit: %s\n# origin_x_m: %.3f\n# origin_y_m: %.3f\n"
			   "# cell_m: %g\n# nx: %d\n# ny: %d\ni,j,x_m,y_m,value,cover\n",
			key, unit, m->grid.x0, m->grid.y0, m->grid.cell_m, m->grid.nx, m->grid.ny);
		for (size_t k = 0; k < nc; k++) {
			int i = (int)(k % m->grid.nx), j = (int)(k / m->grid.nx);
			struct fp_point c = hm_grid_center(&m->grid, i, j);
			float v = hm_export_value(m, metric, k);

			if (isnan(v))
				fprintf(f, "%d,%d,%.3f,%.3f,,%s\n", i, j, c.x, c.y, cover_name(m->cover[k]));
			else
				fprintf(f, "%d,%d,%.3f,%.3f,%.2f,%s\n", i, j, c.x, c.y, v,
					cover_name(m->cover[k]));
		}
	} else {
		unsigned char h[HM_F32_HEADER] = { 0 };

		memcpy(h, "NSGRID1", 8);
		put_u32(h + 8, (uint32_t)m->grid.nx);
		put_u32(h + 12, (uint32_t)m->grid.ny);
		put_f64(h + 16, m->grid.x0);
		put_f64(h + 24, m->grid.y0);
		put_f64(h + 32, m->grid.cell_m);
		strncpy((char *)h + 40, unit, 15);
		strncpy((char *)h + 56, key, 7);
		fwrite(h, 1, sizeof(h), f);
		for (size_t k = 0; k < nc; k++) {
			float v = hm_export_value(m, metric, k);
			uint32_t u;

			memcpy(&u, &v, 4);
			u = htole32(u);
			fwrite(&u, 4, 1, f);
		}
	}
	return ns_outfile_commit(&of, err);
}
