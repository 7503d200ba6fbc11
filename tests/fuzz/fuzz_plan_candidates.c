/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_plan_candidates.c — `notspot plan --candidates FILE` (CSV or JSON) on arbitrary bytes. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "heatmap/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hm_plan_cand *c = NULL;
	struct ns_err err;
	size_t n = 0;

	if (hm_plan_parse_candidates((const char *)data, size, &c, &n, &err) == 0) {
		for (size_t k = 0; k < n; k++)
			if (!isfinite(c[k].x) || !isfinite(c[k].y) || c[k].name[sizeof(c[k].name) - 1])
				abort();
	}
	free(c);
	return 0;
}
