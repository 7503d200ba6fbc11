/* SPDX-License-Identifier: GPL-3.0-or-later */
/* version.h — the software version written into every survey, map and report. */
#ifndef NOTSPOT_UTIL_VERSION_H
#define NOTSPOT_UTIL_VERSION_H

#define NOTSPOT_VERSION "0.1.0"

#endif
