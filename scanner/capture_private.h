/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * capture_private.h — what capture.c (sources, packets) and capture_run.c
 * (windows, a walk's samples) share of an open capture. Not for other modules.
 */
#ifndef NOTSPOT_SCANNER_CAPTURE_PRIVATE_H
#define NOTSPOT_SCANNER_CAPTURE_PRIVATE_H

#include <pcap/pcap.h>

#include "scanner/capture.h"

struct capture {
	pcap_t *p;
	bool live;                 /* a monitor interface, non-blocking; else a file */
	void *mem;                 /* capture_open_memory()'s copy, freed with the capture */
	int64_t last_t_us;         /* the previous AP frame's time stamp, 0 before the first */
	struct capture_stats st;
};

#endif
