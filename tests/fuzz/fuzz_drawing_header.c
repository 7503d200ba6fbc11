/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_drawing_header.c — libFuzzer target over the drawing sniffer and the
 * PNG/JPEG header readers (floorplans/loader.c) that decide, before any
 * decoding, whether a drawing is too large to load.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "floorplans/loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = { "png", "jpeg" };
	struct ns_err err = { 0 };
	unsigned long w, h;

	(void)fp_drawing_type(data, size);
	for (size_t i = 0; i < 2; i++) {
		if (fp_image_declared_size(types[i], data, size, &w, &h, &err) == 0) {
			if (w == 0 || h == 0)
				abort(); /* a size of 0 must be refused */
		} else if (err.msg[0] == '\0') {
			abort(); /* a refusal always says why */
		}
	}
	return 0;
}
