/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * edit_tool_private.h — the tools' state, shared by edit_tool.c (the
 * dispatcher, Select, prompts, undo) and edit_tool_draw.c (the drawing
 * tools). Not for use outside walker/edit_tool*.c.
 */
#ifndef NOTSPOT_WALKER_EDIT_TOOL_PRIVATE_H
#define NOTSPOT_WALKER_EDIT_TOOL_PRIVATE_H

#include "walker/edit_tool.h"

struct edit_tools {
	struct edit_doc *doc;
	enum edit_tool_id tool;

	struct fp_point *pts;        /* corners of the wall or ward being drawn, metres */
	size_t npts, cap;
	struct fp_point calib[2];    /* calibration points, px */
	size_t ncalib;
	int material;                /* index in edit_wall_materials */
	int door_kind;               /* index in edit_door_kinds */
	double door_width_m;

	bool have_cursor, snapped, have_door;
	struct fp_point cursor, door_a, door_b;
	struct edit_hit sel;
	char sel_what[200];          /* what is selected, for the hint */

	bool dragging;               /* a Select/AP move is under way */
	bool moved;                  /* …and has gone somewhere */
	struct edit_elem orig, moving;
	struct fp_point drag_from;   /* metres */
	double drag_tol_m;

	bool aligning;               /* the Align tool has a level below to show */
	bool align_dragging;
	struct fp_align rel, rel_start;
	struct fp_point pairs[4];    /* here, below, here, below: this level's metres */
	size_t npairs;

	enum edit_prompt prompt;
	char question[160];
	char initial[64];
	struct fp_point ap_at;       /* where the AP being named goes */
	enum edit_kind rename_kind;  /* PROMPT_*_NAME for an element that exists */
	int64_t rename_id;           /* 0: the prompt names a new element */

	char message[512];
	bool msg_error;
	char hint[256];
};

/* edit_tool.c */
void tools_say(struct edit_tools *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool tools_need_scale(struct edit_tools *t);
struct fp_point tools_m(const struct edit_tools *t, double px, double py);
double tools_tol_m(const struct edit_tools *t, double tol_px);
void tools_drop(struct edit_tools *t);
int tools_push_point(struct edit_tools *t, struct fp_point p);
bool tools_move_begin(struct edit_tools *t, struct fp_point p, double tol_m, bool aps_only);
void tools_move_update(struct edit_tools *t, struct fp_point p);
void tools_move_end(struct edit_tools *t);

/* edit_tool_draw.c: the drawing tools */
void calib_click(struct edit_tools *t, double px, double py);
bool calib_key(struct edit_tools *t, enum edit_key k, bool shift);
void calib_answer(struct edit_tools *t, const char *text);

void wall_click(struct edit_tools *t, struct fp_point p, double tol_m, int n);
bool wall_key(struct edit_tools *t, enum edit_key k);
bool wall_digit(struct edit_tools *t, int n);
struct fp_point wall_snap(struct edit_tools *t, struct fp_point p, double tol_m, bool *snapped);

void door_hover(struct edit_tools *t, struct fp_point p, double tol_m);
void door_click(struct edit_tools *t, struct fp_point p, double tol_m);
bool door_key(struct edit_tools *t, enum edit_key k, bool shift);

void ward_click(struct edit_tools *t, struct fp_point p, double tol_m, int n);
bool ward_key(struct edit_tools *t, enum edit_key k);
void ward_answer(struct edit_tools *t, const char *text);

void ap_click(struct edit_tools *t, struct fp_point p);
void ap_answer(struct edit_tools *t, const char *text);

void align_enter(struct edit_tools *t);
void align_click(struct edit_tools *t, struct fp_point p);
bool align_key(struct edit_tools *t, enum edit_key k, bool shift);
void align_drag(struct edit_tools *t, struct fp_point p, bool begin);

#endif
