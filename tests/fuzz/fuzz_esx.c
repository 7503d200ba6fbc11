/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_esx.c — libFuzzer target over the Ekahau project reader
 * (fmt_esx_read): any bytes, as a whole .esx file, give a project with sane
 * floors or one error sentence — never a crash, a read out of bounds or a
 * member inflated past the limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/esx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fmt_project p;
	struct ns_err err;
	char *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	err.msg[0] = '\0';
	fmt_project_init(&p, "ekahau");
	if (fmt_esx_read(copy, size, &p, &err)) {
		if (!err.msg[0])
			abort();
	} else {
		for (size_t i = 0; i < p.nlevels; i++)
			if (!(p.levels[i].fp->px_per_m > 0) || p.levels[i].fp->width_px < 1)
				abort();
	}
	fmt_project_release(&p);
	free(copy);
	return 0;
}
