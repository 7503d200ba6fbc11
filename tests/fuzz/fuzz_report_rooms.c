/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_report_rooms.c — the room names of a floor's SVG drawing (the
 * report's not-spot lists, heatmap/report_rooms.c) on arbitrary bytes: the
 * XML is read by GMarkup, the <text> anchors taken through the root's
 * viewBox and the floor's scale, then every room is placed against a small
 * not-spot.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/report_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct floorplan fp = { .px_per_m = 20, .origin_x_px = 2, .origin_y_px = 60 };
	struct fp_raster r = { .factor = 1, .natural_w = 1720 };
	struct hm_grid g = { 0, 0, 1, 8, 8 };
	int32_t label[64];
	struct hm_notspot v = { 0 };
	struct hm_notspots ns = { &v, 1, label };
	struct strbuf sb = STRBUF_INIT;
	struct rep_room *rooms = NULL;
	size_t n = 0;

	memcpy(fp.image_type, "svg", 4);
	fp.image = (unsigned char *)data;
	fp.image_len = size;
	for (int k = 0; k < 64; k++)
		label[k] = k % 9 == 0 ? 0 : -1;
	if (rep_rooms_of_drawing(&fp, &r, &rooms, &n, NULL) == 0)
		rep_rooms_of_notspot(&fp, &g, &ns, 0, NULL, rooms, n, &sb);
	strbuf_release(&sb);
	free(rooms);
	return 0;
}
