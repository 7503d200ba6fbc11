/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_report_template.c — the report template's JSON (heatmap/report_template.c) on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "heatmap/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hm_report_template t;
	struct ns_err err;

	/* Logos are looked up in a folder that does not exist: only the parser is tested. */
	if (hm_report_template_parse((const char *)data, size, "/nonexistent-notspot-fuzz", &t,
				     &err) == 0)
		hm_report_template_release(&t);
	return 0;
}
