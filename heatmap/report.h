/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.h — the evidence report: one A4 PDF that says what was surveyed,
 * when, how and with what, against which requirement, what fails where, and
 * how the numbers were made. Written for people who attach it to a capital
 * bid, so every page carries the software version, the date and a page
 * number, and a survey with simulated walks says so on every page.
 *
 * Layout (the page count follows from it; tests/test_report.c asserts it):
 *   1  cover (portrait)
 *   1+ summary: one row per ward and one per floor (landscape; a further page
 *      per 20 rows)
 *   per floor: 1 overview (landscape): the whole floor's pass/fail map
 *   per ward: 1 findings page (portrait): the ward's numbers, its pass/fail
 *      map and the not-spot list (a further page when the list is long),
 *      then, when any of the ward was surveyed, 1 landscape page per map the
 *      profile needs (hm_report_maps()) that was measured in the survey
 *   1+ method (portrait)
 *   1+ appendix: the access points heard (portrait)
 *
 * Text is real text (pango), so the PDF can be searched and read by
 * pdftotext. Units: metres, m², dBm, dB as the metric's unit says.
 */
#ifndef NOTSPOT_HEATMAP_REPORT_H
#define NOTSPOT_HEATMAP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heatmap/metrics.h"
#include "heatmap/profile.h"
#include "survey/survey.h"
#include "util/err.h"

#define HM_REPORT_MAX_WARDS 64

struct hm_report_opts {
	const char *profile;        /* built-in or in profile_file; NULL: nhs-data */
	const char *profile_file;   /* user profiles (profile.h), or NULL */
	const char *floor;          /* only this floor; NULL: every floor */
	const char *wards[HM_REPORT_MAX_WARDS]; /* only these wards; none: every ward */
	size_t nwards;
	const char *ssid;           /* only BSSIDs of this SSID may serve, or NULL */
	int band;                   /* enum fp_band or -1 */
	double cell_m;              /* grid cell, m (0.25) */
	double reach_m;             /* not surveyed beyond, m (5) */
	bool predict;               /* judge beyond the reach by the estimate (the report says so) */
	int64_t date_us;            /* the report's date (UTC µs); 0: now */
	/* Called as each page is laid out (may be NULL): for a progress line. */
	void (*progress)(void *arg, int page, int pages);
	void *progress_arg;
};

void hm_report_opts_default(struct hm_report_opts *o);

/* What was written, for the caller's message and for tests. */
struct hm_report_info {
	int pages;
	size_t floors, wards;       /* reported */
	size_t notspots;            /* over the reported wards */
	bool simulated;             /* some walk was simulated */
};

/**
 * hm_report_maps() - the metric maps a profile needs on each ward page: the
 * profile's own list (struct hm_profile's report_maps; the built-ins: voice
 * primary, secondary, SNR, co-channel; nhs-data and clinical-badge primary;
 * rtls AP count; medical-device primary, co-channel, RTT), or, when it gives
 * none, the metrics of its rules in order, once each. Fills @out (at most
 * @cap), returns how many. Maps of metrics the survey did not measure are
 * left out when the report is laid out.
 */
size_t hm_report_maps(const struct hm_profile *p, enum hm_metric *out, size_t cap);

/**
 * hm_report_write() - the report on survey @s (open; @survey_name is how the
 * report names it) written to @path as PDF (through a temporary file, renamed
 * into place). Unknown floor, ward, SSID or profile, or a survey without
 * placed samples: -ENOENT/-EINVAL and one sentence. @info may be NULL.
 */
int hm_report_write(struct survey *s, const char *survey_name, const struct hm_report_opts *o,
		    const char *path, struct hm_report_info *info, struct ns_err *err);

/** hm_report_write_path() - hm_report_write() on the survey file at @survey_path (read only). */
int hm_report_write_path(const char *survey_path, const struct hm_report_opts *o, const char *path,
			 struct hm_report_info *info, struct ns_err *err);

#endif
