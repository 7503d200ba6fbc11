/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_sidecar.c — libFuzzer target over the floorplan sidecar parser
 * (floorplans/sidecar.c): any bytes must give 0 or a clean refusal with a
 * sentence, never a crash, a leak or an unbounded allocation.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "floorplans/sidecar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct floorplan *fp = floorplan_new();
	struct ns_err err = { 0 };
	int rc;

	if (!fp)
		return 0;
	rc = fp_sidecar_parse((const char *)data, size, fp, NULL, &err);
	/* A refusal always says why. */
	if (rc != 0 && err.msg[0] == '\0')
		abort();
	floorplan_free(fp);
	return 0;
}
