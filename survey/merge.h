/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * merge.h — two surveys of one site as one file: two engineers walk
 * different wards on the same day, each into their own copy, and the network
 * team wants one survey.
 *
 * A merge copies a source survey into a destination (a new file the caller
 * created): buildings by name, device offsets by kind and name, floors, and
 * every walk with its waypoints and samples (their observations, link and
 * throughput), keeping its operator, device, adapter and times.
 *
 * The same floor is recognised — same building name, same floor name, the
 * same drawing bytes (type, page) and the same calibration (scale, origin) —
 * and walked once in the result: its walks from both sources go onto it, and
 * what is drawn on it is the union (an element equal to one already there is
 * not copied twice). A floor of the same name whose drawing or calibration
 * differs is a conflict: both are kept, the source's under the name "NAME
 * (LABEL)", and a note says so. Keeping both loses nothing (the walks on each
 * stay on the drawing they were placed on, whose metres may not be the
 * other's) and the merge still gives one file; the people who know the site
 * then remove or rename one with `notspot floor`. Refusing would leave the
 * engineers with two files and no way to join them short of recalibrating.
 *
 * A walk already in the destination (same floor, start time, operator,
 * interface, mode and sample count: the same survey merged twice, or copies
 * of one file) is not copied again. Ward and AP names stay unique on a floor:
 * a source's ward or AP of a taken name with another outline or position
 * becomes "NAME (LABEL)", with a note.
 *
 * The source is only read: open it SURVEY_READ_ONLY. The destination is
 * written in one batch (survey.h): a failure leaves nothing of this source
 * in it. Notes are sentences for people, handed to a callback.
 */
#ifndef NOTSPOT_SURVEY_MERGE_H
#define NOTSPOT_SURVEY_MERGE_H

#include <stddef.h>

#include "survey/survey.h"
#include "util/err.h"

/* What a merge did, for its summary. */
struct survey_merge_stats {
	size_t buildings;         /* buildings added */
	size_t floors;            /* floors added (conflicts included) */
	size_t floors_same;       /* floors recognised as already there */
	size_t conflicts;         /* floors kept twice under a suffixed name */
	size_t elements;          /* wards, walls, openings, APs, areas added to a shared floor */
	size_t walks;             /* walks copied */
	size_t walks_same;        /* walks already there, not copied */
	size_t samples;           /* samples copied */
};

struct survey_merge_opts {
	const char *label;        /* the source's short name for suffixes: "b" for b.notspot */
	const char *name;         /* the source's name in notes: "b.notspot" */
	const char *dst_name;     /* the destination's (or first source's) name in notes */
	/* Called with each note (a sentence without a full stop); may be NULL. */
	void (*note)(void *arg, const char *sentence);
	void *arg;
};

/**
 * survey_merge_check_sites() - whether surveys @a and @b (named @a_name and
 * @b_name in the sentence) may be merged: refused with -EINVAL and one
 * sentence when both name their site and the names differ.
 */
int survey_merge_check_sites(struct survey *a, const char *a_name, struct survey *b,
			     const char *b_name, struct ns_err *err);

/**
 * survey_merge_into() - copy @src into @dst as described above; @st (may be
 * NULL) is filled. The site's details (meta) are copied when @dst has no
 * site yet. Returns 0 or -errno with a sentence; on failure nothing of @src
 * is in @dst.
 */
int survey_merge_into(struct survey *dst, struct survey *src, const struct survey_merge_opts *o,
		      struct survey_merge_stats *st, struct ns_err *err);

#endif
