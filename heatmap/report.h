/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.h — the evidence report: one A4 PDF that says what was surveyed,
 * when, how and with what, against which requirement, what fails where, and
 * how the numbers were made. Written for people who attach it to a capital
 * bid: concise by default, every page carries the software version, the
 * date, a page number, the document reference and classification when the
 * trust's template gives them, and a survey with simulated walks says so on
 * every page.
 *
 * Layout (the page count follows from it; tests/test_report.c asserts it):
 *   1  cover (portrait): the trust's logo, organisation and classification,
 *      the facts of the survey, the reviewer's sign-off block
 *   per building: the executive summary (landscape): each level's headline
 *      figures and the overview, large: the floor's pass/fail map, or with
 *      several levels every level highest first with one legend
 *      (hm_render_building_draw())
 *   1+ summary (landscape): one row per ward and one per floor, every rule;
 *      what needs action (the not-spots to fix, the areas left to survey, the
 *      quantities not measured)
 *   with several floors, per level (highest first): 1 level page with its
 *      headline and whole map, then its wards
 *   per ward: 1+ ward page (landscape): its figures, its pass/fail map cropped
 *      to it, and its not-spots with the rooms they lie in, each named by the
 *      rule it fails and that rule's worst value
 *   with --detail, per surveyed ward: 1 page per map the profile needs
 *      (hm_report_maps()) that was measured in the survey
 *   with --roaming, per level walked with link polls: 1 page with the roam
 *      layer on its primary map, 1+ with the sums per ward, the longest gaps
 *      and the sticky stretches (report_roam.c)
 *   with --channel-plan, per level: 1 page with the channel layer on its
 *      map, 1+ with every radio's channel, width, flags and reuse distance
 *   1+ method (portrait): how it was measured and estimated, the rules with
 *      their sources, what a not-spot is
 *   1+ appendix (portrait): the access points heard (channels with their
 *      band), the walks
 *
 * A level of a building nobody has walked yet (no placed sample) is named
 * among the areas still to survey and has no pages. The maps' north arrows
 * follow the building's bearing turned by the level's alignment
 * (hm_floor_bearing()).
 *
 * Every ward's figures and not-spots come from its floor's one map (the
 * ward's cells on the floor's grid), so a ward never shows more area than
 * itself or its floor, and the not-spot numbers are the same on every page
 * and in `notspot stats`.
 *
 * The PDF has an outline (a bookmark per section, floor and ward), its
 * title, author, subject and keywords, its language (/Lang, default en-GB)
 * and structure tags (headings, paragraphs, tables, figures). Text is real
 * text (pango) that extracts as words. No type is below 8 pt. Units:
 * metres, m², dBm, dB as the metric's unit says.
 */
#ifndef NOTSPOT_HEATMAP_REPORT_H
#define NOTSPOT_HEATMAP_REPORT_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heatmap/metrics.h"
#include "heatmap/profile.h"
#include "survey/survey.h"
#include "util/err.h"

#define HM_REPORT_MAX_WARDS 64

struct hm_report_template;

struct hm_report_plan; /* report_plan.h */

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
	bool detail;                /* also each ward's metric maps (the profile's report_maps) */
	bool roaming;               /* also a roaming page per level with link polls (report_roam.c) */
	bool channels;              /* also a channel-plan page per level (report_chan.c) */
	const char *device;         /* judge as this stored device hears (heatmap/device.h), or NULL */
	const struct hm_report_template *tpl; /* the trust's branding, or NULL */
	const struct hm_report_plan *plan; /* a "Proposed fix" section (report_plan.h), or NULL */
	/* Called as each page is laid out (may be NULL): for a progress line. */
	void (*progress)(void *arg, int page, int pages);
	void *progress_arg;
};

void hm_report_opts_default(struct hm_report_opts *o);

/* What was written, for the caller's message and for tests. */
struct hm_report_info {
	int pages;
	size_t floors, wards;       /* reported */
	size_t notspots;            /* on the reported floors */
	bool simulated;             /* some walk was simulated */
	size_t bookmarks;           /* entries of the PDF's outline */
	double type_min;            /* the smallest type on any page, points */
	double legend_type_min;     /* the smallest type in any map's legend, points */
};

/*
 * The trust's branding and governance for a report, from a JSON template
 * (every key optional; heatmap/README.md documents the format):
 *   { "organisation": "St Elsewhere NHS Foundation Trust",
 *     "logo": "trust-logo.png",            PNG or SVG, relative to the file
 *     "author": "J. Bloggs, Estates IT",
 *     "reviewer": { "name": "A. Smith", "role": "Head of IT Infrastructure",
 *                   "date": "2026-12-01" }, a sign-off block on the cover
 *     "document_reference": "EST-WIFI-2026-014",
 *     "classification": "OFFICIAL",        on every page, top and bottom
 *     "language": "en-GB",                 the PDF's /Lang
 *     "title": "Ward 21 and 22 Wi-Fi evidence" }
 */
struct hm_report_template {
	char organisation[128];
	char author[128];
	char reviewer_name[128], reviewer_role[128], reviewer_date[32];
	bool reviewer;              /* a sign-off block is printed */
	char reference[64];
	char classification[48];
	char language[16];          /* "en-GB" when not given */
	char title[160];
	cairo_surface_t *logo;      /* owned (image surface), NULL for none */
};

/**
 * hm_report_template_load() - the template file at @path into @t (released
 * with hm_report_template_release()). A file that is not JSON, a key that is
 * unknown or of the wrong type, text too long for its field, a logo that
 * cannot be read: -EINVAL/-ENOENT and one sentence naming the key.
 */
int hm_report_template_load(const char *path, struct hm_report_template *t, struct ns_err *err);

/**
 * hm_report_template_parse() - the template in @len bytes of JSON at @json;
 * a logo is looked up relative to @dir (NULL: the working directory).
 */
int hm_report_template_parse(const char *json, size_t len, const char *dir,
			     struct hm_report_template *t, struct ns_err *err);
void hm_report_template_release(struct hm_report_template *t);

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
 * into place; a device or FIFO in place). Unknown floor, ward, SSID or
 * profile, or a survey without placed samples: -ENOENT/-EINVAL and one
 * sentence. @info may be NULL.
 */
int hm_report_write(struct survey *s, const char *survey_name, const struct hm_report_opts *o,
		    const char *path, struct hm_report_info *info, struct ns_err *err);

/** hm_report_write_path() - hm_report_write() on the survey file at @survey_path (read only). */
int hm_report_write_path(const char *survey_path, const struct hm_report_opts *o, const char *path,
			 struct hm_report_info *info, struct ns_err *err);

#endif
