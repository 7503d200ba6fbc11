/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roamtext.h — roaming sums (heatmap/roam.h) as `roams` and `stats --roaming`
 * print them: one table row per ward, and the same as JSON.
 */
#ifndef NOTSPOT_CLI_ROAMTEXT_H
#define NOTSPOT_CLI_ROAMTEXT_H

#include <jansson.h>

#include "heatmap/roam.h"

/**
 * cli_roam_verdict() - "pass", "fails gap", "fails sticky", "fails gap,
 * sticky", or "" when @ru sets no rule or nothing was measured.
 */
const char *cli_roam_verdict(const struct hm_roam_rules *ru, const struct hm_roam_sum *s);

/** cli_roam_sum_head() - the rules (when @ru sets any) and the table's heading. */
void cli_roam_sum_head(const struct hm_roam_rules *ru);

/** cli_roam_sum_row() - one row of that table: @name's sums @s, judged by @ru. */
void cli_roam_sum_row(const char *name, const struct hm_roam_rules *ru,
		      const struct hm_roam_sum *s);

/** cli_roam_sum_json() - @s (judged by @ru) as a new JSON object. */
json_t *cli_roam_sum_json(const struct hm_roam_rules *ru, const struct hm_roam_sum *s);

#endif
