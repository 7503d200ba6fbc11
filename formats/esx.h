/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * esx.h — Ekahau project files (.esx) in: a zip archive of JSON documents
 * (floorPlans.json, images.json and image-ID members, wallPoints.json,
 * wallSegments.json, wallTypes.json, accessPoints.json, simulatedRadios.json,
 * measuredRadios.json, accessPointMeasurements.json, notes.json, areas.json,
 * attenuationAreaTypes.json, buildings.json, buildingFloors.json).
 *
 * What an engineer needs to carry on in notspot comes in: every floor plan
 * with its drawing and scale, walls with their types' losses per band, APs
 * with names, positions, models, radios and notes, the plan's areas (as wards), and the
 * BSSIDs the survey measured for each AP. Survey walks are not read: the
 * signal samples of an Ekahau survey are not kept in the archive's JSON
 * documents (formats/README.md says what is and is not read).
 *
 * The archive is outside bytes: its members are listed before anything is
 * inflated, and an archive that could not be a real project is refused in
 * one sentence with nothing imported: a name with "..", a leading '/' or a
 * backslash, a name given twice, a member over its size limit, a total over
 * FMT_ESX_MAX_TOTAL, a compression ratio over FMT_ESX_MAX_RATIO, a required
 * member missing, JSON that is not what it should be.
 */
#ifndef NOTSPOT_FORMATS_ESX_H
#define NOTSPOT_FORMATS_ESX_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/project.h"
#include "util/err.h"

#define FMT_ESX_MAX_JSON (64u << 20)    /* one JSON member, inflated */
#define FMT_ESX_MAX_IMAGE (256u << 20)  /* one drawing, inflated */
#define FMT_ESX_MAX_TOTAL (1024u << 20) /* everything read, inflated */
#define FMT_ESX_MAX_RATIO 200           /* inflated / compressed size of one member */
#define FMT_ESX_MAX_MEMBERS 100000

/** fmt_esx_sniff() - whether @data starts like a zip archive. */
bool fmt_esx_sniff(const char *data, size_t len);

/**
 * fmt_esx_read() - read the Ekahau project in @data (@len bytes of the .esx
 * file) into @p (initialised by the caller). Nothing is written anywhere.
 */
int fmt_esx_read(const char *data, size_t len, struct fmt_project *p, struct ns_err *err);

#endif
