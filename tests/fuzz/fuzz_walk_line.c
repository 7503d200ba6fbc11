/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_walk_line.c — libFuzzer target over one line of `notspot record`'s
 * standard input (recorder/lines.h): positions, commands, anything else
 * refused with a sentence. Inputs: tests/fuzz/corpus/fuzz_walk_line/.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recorder/lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[600];
	struct walk_line l;
	struct ns_err err = { 0 };
	size_t n = size < sizeof(line) - 1 ? size : sizeof(line) - 1;

	memcpy(line, data, n);
	line[n] = '\0';
	if (walk_line_parse(line, &l, &err) == 0) {
		if (l.cmd == WALK_LINE_POSITION && (!isfinite(l.x_m) || !isfinite(l.y_m)))
			abort();
	} else if (!err.msg[0]) {
		abort(); /* a refusal always says why */
	}
	return 0;
}
