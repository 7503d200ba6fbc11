/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * profile.h — requirement profiles: what a place must offer a clinical device,
 * and the per-cell verdict pass / fail / not surveyed.
 *
 * Built-in profiles carry DOMAIN.md's defaults and their sources; users add
 * their own in a JSON file (format in heatmap/README.md):
 *   { "profiles": [ { "name": "theatres", "description": "…", "source": "…",
 *       "rules": [ { "metric": "primary", "min": -65 },
 *                  { "metric": "aps", "min": 3, "level_dbm": -75 },
 *                  { "metric": "utilisation", "max": 50 } ],
 *       "report_maps": [ "primary", "aps" ] } ] }
 * A rule whose metric was not measured in a cell (no noise readings for SNR,
 * no throughput tests) is "not measured" there: it neither passes nor fails
 * the cell, and statistics say how much of the area it was measured over.
 * Absent signal is not "not measured": no second AP fails "secondary".
 */
#ifndef NOTSPOT_HEATMAP_PROFILE_H
#define NOTSPOT_HEATMAP_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heatmap/grid.h"
#include "heatmap/metrics.h"
#include "util/err.h"

#define HM_MAX_RULES 12

struct hm_rule {
	enum hm_metric metric;
	bool is_max;           /* value ≤ threshold passes (else value ≥ threshold) */
	bool strict;           /* < or > rather than ≤ or ≥ */
	double threshold;      /* in the metric's unit */
	double level_dbm;      /* for "aps": the level an AP counts at, dBm (NAN: default) */
};

/*
 * Rules on how the device roamed (heatmap/roam.h), judged per ward and per
 * level rather than per cell. Zero (has_* false): no such rule. A profile
 * file sets them as  "roaming": { "max_gap_s": 1.0, "max_sticky_pct": 10 }.
 */
struct hm_roam_rules {
	bool has_gap;
	double gap_max_s;      /* the longest time without association may be at most this, s */
	bool has_sticky;
	double sticky_max_pct; /* sticky share of the associated time at most this, % */
};

/* At most this many maps a report draws per ward for one profile. */
#define HM_MAX_REPORT_MAPS 8

struct hm_profile {
	char name[64];
	char description[160];
	char source[320];
	struct hm_rule rules[HM_MAX_RULES];
	int nrules;
	double unusable_dbm;   /* a second, named primary level for the legend (NAN: none) */
	/*
	 * The metric maps the evidence report draws on each ward, in order
	 * (heatmap/report.h; a profile file's "report_maps"); none: the metrics
	 * of the rules, in order, once each.
	 */
	enum hm_metric report_maps[HM_MAX_REPORT_MAPS];
	int nreport_maps;
	struct hm_roam_rules roaming; /* none in the built-ins (positional initialisers leave it 0) */
};

/* Per-cell verdicts. */
enum hm_verdict {
	HM_V_OUTSIDE = 0,      /* not part of the map (outside the ward shown) */
	HM_V_NOT_SURVEYED = 1,
	HM_V_PASS = 2,
	HM_V_FAIL = 3,
};

/** hm_profile_builtin() - the built-in profile @name into @p; -ENOENT with a sentence. */
int hm_profile_builtin(const char *name, struct hm_profile *p, struct ns_err *err);

/**
 * hm_profile_builtin_at() - the @i-th built-in profile, from 0, or NULL past
 * the last: the one list of their names, for help texts and messages.
 */
const struct hm_profile *hm_profile_builtin_at(size_t i);

/**
 * hm_profile_parse() - the profiles in JSON text @json (@len bytes, not
 * necessarily NUL-terminated). *@out is malloc'd (free()), *@n its length.
 * Malformed input gets -EINVAL and a sentence naming the place.
 */
int hm_profile_parse(const char *json, size_t len, struct hm_profile **out, size_t *n,
		     struct ns_err *err);

/** hm_profile_load() - hm_profile_parse() on the file at @path. */
int hm_profile_load(const char *path, struct hm_profile **out, size_t *n, struct ns_err *err);

/**
 * hm_profile_choose() - the profile a command asked for: @name among the
 * built-ins (NULL: nhs-data; "none": *@have false) or, with @file, among the
 * file's profiles (NULL name: the file's only one), falling back to a built-in.
 */
int hm_profile_choose(const char *name, const char *file, struct hm_profile *out, bool *have,
		      struct ns_err *err);

/** hm_rule_describe() - "primary ≥ −65 dBm" into @buf. */
char *hm_rule_describe(const struct hm_rule *r, char *buf, size_t len);

/**
 * hm_rule_check() - 1 pass, 0 fail, -1 not measured, for value @v.
 */
int hm_rule_check(const struct hm_rule *r, float v);

/**
 * hm_profile_eval() - judge every cell. @cover per cell: 0 outside the map,
 * 1 not surveyed, 2 surveyed, 3 predicted (judged like surveyed). @metrics as
 * from hm_metrics_compute() (NULL arrays are not measured anywhere).
 * @verdict gets enum hm_verdict per cell; @failed (may be NULL) a bit per
 * failed rule.
 */
void hm_profile_eval(const struct hm_profile *p, const struct hm_grid *g, const uint8_t *cover,
		     float *const metrics[HM_NMETRICS], uint8_t *verdict, uint32_t *failed);

#endif
