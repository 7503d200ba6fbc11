/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_openintent.c — libFuzzer target over the OpenIntent reader
 * (fmt_openintent_read): any bytes give a project whose strings are
 * terminated and whose walks name a level that exists, or one error sentence.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/openintent.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct fmt_project *p)
{
	for (size_t i = 0; i < p->nlevels; i++) {
		const struct floorplan *fp = p->levels[i].fp;

		if (strnlen(fp->name, sizeof(fp->name)) == sizeof(fp->name) || fp->width_px < 1 ||
		    !(fp->px_per_m > 0))
			abort();
		for (size_t w = 0; w < fp->nwalls; w++)
			if (fp->walls[w].npts < 2)
				abort();
	}
	for (size_t i = 0; i < p->nwalks; i++)
		if (p->walks[i].level >= p->nlevels)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fmt_project p;
	struct ns_err err;
	/* A copy exactly @size long, so ASan catches any read past the end. */
	char *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	err.msg[0] = '\0';
	fmt_project_init(&p, "openintent");
	if (fmt_openintent_read(copy, size, &p, &err)) {
		if (!err.msg[0])
			abort(); /* every refusal carries a sentence */
	} else {
		check(&p);
	}
	fmt_project_release(&p);
	free(copy);
	return 0;
}
