/* SPDX-License-Identifier: GPL-3.0-or-later */
/* colormap.c — see colormap.h. */
#include "heatmap/colormap.h"

#include <math.h>

/* viridis at t = 0, 0.1, …, 1 (matplotlib's table, sRGB). */
static const struct hm_rgb ramp[11] = {
	{ 0.267004, 0.004874, 0.329415 }, { 0.282623, 0.140926, 0.457517 },
	{ 0.253935, 0.265254, 0.529983 }, { 0.206756, 0.371758, 0.553117 },
	{ 0.163625, 0.471133, 0.558148 }, { 0.127568, 0.566949, 0.550556 },
	{ 0.134692, 0.658636, 0.517649 }, { 0.266941, 0.748751, 0.440573 },
	{ 0.477504, 0.821444, 0.318195 }, { 0.741388, 0.873449, 0.149561 },
	{ 0.993248, 0.906157, 0.143936 },
};

const struct hm_rgb hm_color_pass = { 0.266941, 0.748751, 0.440573 }; /* viridis 0.7 */
const struct hm_rgb hm_color_fail = { 0.267004, 0.004874, 0.329415 }; /* viridis 0.0 */
const struct hm_rgb hm_color_not_surveyed = { 0.93, 0.93, 0.93 };

struct hm_rgb hm_viridis(double t)
{
	if (!(t > 0))
		return ramp[0];
	if (t >= 1)
		return ramp[10];
	double f = t * 10;
	int k = (int)f;

	f -= k;
	return (struct hm_rgb){ ramp[k].r + f * (ramp[k + 1].r - ramp[k].r),
				ramp[k].g + f * (ramp[k + 1].g - ramp[k].g),
				ramp[k].b + f * (ramp[k + 1].b - ramp[k].b) };
}

double hm_metric_t(enum hm_metric m, double v)
{
	const struct hm_metric_info *mi = hm_metric_info(m);
	double t;

	if (!mi || isnan(v))
		return 0;
	t = (v - mi->lo) / (mi->hi - mi->lo);
	if (!mi->higher_better)
		t = 1 - t;
	return t < 0 ? 0 : t > 1 ? 1 : t;
}

struct hm_rgb hm_metric_color(enum hm_metric m, double v)
{
	return hm_viridis(hm_metric_t(m, v));
}

double hm_rgb_grey(struct hm_rgb c)
{
	return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}
