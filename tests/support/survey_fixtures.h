/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * survey_fixtures.h — scratch directories and filled-in records for the
 * survey tests (test_survey, test_survey_crash, test_csv, the benchmark).
 */
#ifndef NOTSPOT_TESTS_SUPPORT_SURVEY_FIXTURES_H
#define NOTSPOT_TESTS_SUPPORT_SURVEY_FIXTURES_H

#include <stddef.h>

#include "survey/survey.h"

/** survey_test_tmpdir() - a fresh mkdtemp() directory under /tmp; free() the string. */
char *survey_test_tmpdir(void);

/** survey_test_rmdir() - remove @dir and the files in it (not recursive), free @dir. */
void survey_test_rmdir(char *dir);

/** survey_test_path() - "@dir/@name" in a static buffer (one at a time). */
const char *survey_test_path(const char *dir, const char *name);

/**
 * survey_test_observation() - observation number @i with every field set to a
 * distinct, known value (BSSID 02:00:00:00:HI:LO, signal -40 - i % 50, …).
 */
void survey_test_observation(struct meas_observation *o, int i);

/** survey_test_floor() - a calibrated floor named @name with 1 ward, 2 walls, 1 opening, 1 AP and a drawing. */
struct floorplan *survey_test_floor(const char *name);

/** survey_test_read_file() - the whole file at @path, malloc'd; NULL if unreadable. */
unsigned char *survey_test_read_file(const char *path, size_t *len);

#endif
