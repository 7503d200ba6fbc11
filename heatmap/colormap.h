/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * colormap.h — the colours of a map.
 *
 * Values use viridis (van der Walt & Smith, matplotlib 2.0): perceptually
 * uniform, readable by the common colour-vision deficiencies, and monotonic in
 * lightness, so it survives greyscale printing (dark = bad, light = good).
 * It is oriented so good is green → yellow and bad blue → dark purple, and
 * each metric's scale is chosen so the common thresholds fall where green
 * starts (−65 dBm at 0.6 on the −95…−45 dBm primary scale). Hue is never
 * the only cue: not-spots are outlined and hatched, not-surveyed areas grey
 * and hatched the other way.
 */
#ifndef NOTSPOT_HEATMAP_COLORMAP_H
#define NOTSPOT_HEATMAP_COLORMAP_H

#include <stdint.h>

#include "heatmap/metrics.h"

struct hm_rgb {
	double r, g, b; /* 0..1 */
};

/** hm_viridis() - the ramp at @t (clamped to 0..1). */
struct hm_rgb hm_viridis(double t);

/** hm_metric_t() - where @v sits on @m's scale, 0 (bad) … 1 (good), clamped. */
double hm_metric_t(enum hm_metric m, double v);

/** hm_metric_color() - the colour of value @v of metric @m. */
struct hm_rgb hm_metric_color(enum hm_metric m, double v);

/*
 * Pass / fail colours of the pass map, and the ground of not-surveyed cells.
 * In greyscale they are three distinct levels, not told apart by hatching
 * alone: fail the darkest (viridis 0, luminance 0.06), pass a middle grey
 * (viridis 0.7, 0.62), not surveyed nearly white (0.93) under its hatching.
 */
extern const struct hm_rgb hm_color_pass, hm_color_fail, hm_color_not_surveyed;

/** hm_rgb_grey() - the luminance (Rec. 709) of @c, 0..1: what greyscale print shows. */
double hm_rgb_grey(struct hm_rgb c);

#endif
