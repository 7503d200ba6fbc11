/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * render_labels.h — where the names of markers go on a map (render.h): each
 * label next to its marker, clear of every other label, marker and obstacle
 * and inside the map's frame; a crowded marker gets its label farther out
 * with a leader line; a marker with no room at all gets none (the legend
 * lists it). Pure geometry in device units: no cairo, no type — the caller
 * measures the labels and draws them.
 */
#ifndef NOTSPOT_HEATMAP_RENDER_LABELS_H
#define NOTSPOT_HEATMAP_RENDER_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "heatmap/render.h"

/* One label to place: its marker and its size. */
struct hm_label_req {
	double ax, ay;      /* the marker's centre */
	double r;           /* the marker's half size: labels keep clear of it */
	double w, h;        /* the label's extent */
};

/* Where it went. */
struct hm_label_place {
	bool placed;
	bool leader;        /* placed away from the marker: draw a line to it */
	struct hm_box box;  /* the label's box (valid when placed) */
};

/* How far, in the caller's units, labels stand from their markers and from each other. */
struct hm_label_gaps {
	double near;        /* between a marker's edge and its label */
	double far;         /* the leader's length, marker edge to label */
	double pad;         /* kept free around every label */
	double farthest;    /* crowded maps: more rings of places every @far out to
			       this distance, and four more places on each ring
			       (render_labels.c); 0 or less than 2·far: none */
};

/**
 * hm_labels_place() - place the @n labels of @req, in order (earlier labels
 * choose first), inside @frame: for each, the first of eight places next to
 * its marker (right, left, above, below, then the four diagonals) whose box,
 * grown by gaps->pad, meets no label placed before, no marker of @req and
 * none of the @nobst boxes of @obst; else the same eight at the leader's
 * distance (and at each further multiple of it up to gaps->farthest); else
 * it is not placed. @out gets @n results.
 */
void hm_labels_place(const struct hm_label_req *req, size_t n, const struct hm_box *obst,
		     size_t nobst, struct hm_box frame, const struct hm_label_gaps *gaps,
		     struct hm_label_place *out);

/** hm_box_overlap() - whether @a and @b share any area (touching edges do not). */
bool hm_box_overlap(struct hm_box a, struct hm_box b);

#endif
