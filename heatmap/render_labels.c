/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render_labels.c — see render_labels.h. A greedy placer: each label takes
 * the first free place of a fixed order, so the result is deterministic and
 * a label never moves because of one placed after it. */
#include <math.h>

#include "heatmap/render_labels.h"

bool hm_box_overlap(struct hm_box a, struct hm_box b)
{
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

static struct hm_box grow(struct hm_box b, double d)
{
	return (struct hm_box){ b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d };
}

static bool inside(struct hm_box b, struct hm_box frame)
{
	return b.x0 >= frame.x0 && b.y0 >= frame.y0 && b.x1 <= frame.x1 && b.y1 <= frame.y1;
}

static struct hm_box marker_box(const struct hm_label_req *q)
{
	return (struct hm_box){ q->ax - q->r, q->ay - q->r, q->ax + q->r, q->ay + q->r };
}

/*
 * Candidate @k (0..11) at distance @d from the marker's edge: right, left,
 * above, below, then above-right, below-right, above-left, below-left; then
 * (crowded maps) above and below with the label's left edge at the marker,
 * and with its right edge there.
 */
static struct hm_box candidate(const struct hm_label_req *q, int k, double d)
{
	double r = q->r + d, x, y;

	switch (k) {
	case 0: x = q->ax + r; y = q->ay - q->h / 2; break;
	case 1: x = q->ax - r - q->w; y = q->ay - q->h / 2; break;
	case 2: x = q->ax - q->w / 2; y = q->ay - r - q->h; break;
	case 3: x = q->ax - q->w / 2; y = q->ay + r; break;
	case 4: x = q->ax + r * 0.7; y = q->ay - r * 0.7 - q->h; break;
	case 5: x = q->ax + r * 0.7; y = q->ay + r * 0.7; break;
	case 6: x = q->ax - r * 0.7 - q->w; y = q->ay - r * 0.7 - q->h; break;
	case 7: x = q->ax - r * 0.7 - q->w; y = q->ay + r * 0.7; break;
	case 8: x = q->ax - q->r; y = q->ay - r - q->h; break;
	case 9: x = q->ax - q->r; y = q->ay + r; break;
	case 10: x = q->ax + q->r - q->w; y = q->ay - r - q->h; break;
	default: x = q->ax + q->r - q->w; y = q->ay + r; break;
	}
	return (struct hm_box){ x, y, x + q->w, y + q->h };
}

/* Whether @b (grown by @pad) is free of obstacles, markers and labels placed so far. */
static bool is_free(struct hm_box b, double pad, const struct hm_label_req *req, size_t n,
		    const struct hm_box *obst, size_t nobst, const struct hm_label_place *out,
		    size_t placed_upto)
{
	struct hm_box g = grow(b, pad);

	for (size_t k = 0; k < nobst; k++)
		if (hm_box_overlap(g, obst[k]))
			return false;
	for (size_t k = 0; k < n; k++)
		if (hm_box_overlap(g, marker_box(&req[k])))
			return false;
	for (size_t k = 0; k < placed_upto; k++)
		if (out[k].placed && hm_box_overlap(g, out[k].box))
			return false;
	return true;
}

void hm_labels_place(const struct hm_label_req *req, size_t n, const struct hm_box *obst,
		     size_t nobst, struct hm_box frame, const struct hm_label_gaps *gaps,
		     struct hm_label_place *out)
{
	int rings = 2, places = 8;

	if (gaps->far > 0 && gaps->farthest >= 2 * gaps->far) {
		rings += (int)fmin(floor(gaps->farthest / gaps->far + 1e-9) - 1, 30);
		places = 12;
	}
	for (size_t i = 0; i < n; i++) {
		out[i] = (struct hm_label_place){ 0 };
		for (int ring = 0; ring < rings && !out[i].placed; ring++)
			for (int k = 0; k < places && !out[i].placed; k++) {
				double d = ring == 0 ? gaps->near : ring * gaps->far;
				struct hm_box b = candidate(&req[i], k, d);

				if (!inside(b, frame) ||
				    !is_free(b, gaps->pad, req, n, obst, nobst, out, i))
					continue;
				out[i] = (struct hm_label_place){ true, ring >= 1, b };
			}
	}
}
