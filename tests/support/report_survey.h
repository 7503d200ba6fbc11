/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_survey.h — simulated surveys of the bundled example floor for the
 * report and diff tests: the floor, the example APs (optionally with extra
 * ones) and the example routes, walked with fixed seeds and start times, so
 * that two surveys differing only in their APs are walked identically.
 * Paths are relative to the repository top (where tests run).
 */
#ifndef NOTSPOT_TESTS_SUPPORT_REPORT_SURVEY_H
#define NOTSPOT_TESTS_SUPPORT_REPORT_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/sim.h"
#include "util/err.h"

/* Which example routes to walk. */
enum { RS_WARD21 = 1, RS_WARD22 = 2, RS_BOTH = 3 };

/**
 * rs_make_survey() - create the survey file @path (must not exist): the
 * example floor, the example APs plus @extra (may be NULL/0), and the routes
 * in @routes walked as the demo walks them (world seed 2026, walk seeds 1/2).
 */
int rs_make_survey(const char *path, const struct sim_ap *extra, size_t nextra, int routes,
		   struct ns_err *err);

/**
 * rs_side_room_ap() - a new AP in Ward 22's side room 6 (34, 35 m), the middle
 * of the deliberate not-spot (side rooms 5–8): 2.4 GHz channel 1 and 5 GHz
 * channel 149, on the example's SSIDs, with a MAC not used on the floor.
 */
void rs_side_room_ap(struct sim_ap *ap);

#endif
