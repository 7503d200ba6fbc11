/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_heatmap_profile.c — the requirement-profile JSON parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "heatmap/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hm_profile *p = NULL;
	size_t n = 0;
	struct ns_err err;

	if (hm_profile_parse((const char *)data, size, &p, &n, &err) == 0) {
		for (size_t k = 0; k < n; k++)
			for (int r = 0; r < p[k].nrules; r++)
				(void)hm_rule_check(&p[k].rules[r], -70);
	}
	free(p);
	return 0;
}
