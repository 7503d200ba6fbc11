/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_priv.h — private to the evidence report (report.h), split by concern:
 *
 *   report.c          the entry points: gather, then lay out twice (count the
 *                     pages, then draw them into the PDF)
 *   report_data.c     what the report says, gathered into plain structs (no
 *                     cairo): per floor its map and figures, per ward its
 *                     figures and not-spots counted on that map, the walks,
 *                     the provenance, the APs heard
 *   report_rooms.c    the rooms a not-spot lies in: the room names a drawing
 *                     (SVG) writes, placed on the floor
 *   report_text.c     numbers, rules, channels and dates as the report prints
 *                     them; text is assembled in util/strbuf (never cut)
 *   report_template.c the trust's branding and governance (report.h)
 *   report_pdf.c      the PDF in memory, and the one thing cairo 1.16 cannot
 *                     write: the document's language (/Lang)
 *   report_layout.c   the page machinery: running header and footer, type,
 *                     paragraphs that break across pages, tables, the outline
 *                     (bookmarks) and the structure tags
 *   report_pages.c    the cover, the summary and the ward pages
 *   report_back.c     the method and the appendix
 *   report_roam.c     the roaming page of each level walked with link polls
 *   report_chan.c     the channel-plan page of each level
 */
#ifndef NOTSPOT_HEATMAP_REPORT_PRIV_H
#define NOTSPOT_HEATMAP_REPORT_PRIV_H

#include <cairo.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/loader.h"
#include "heatmap/device.h"
#include "heatmap/levels.h"
#include "heatmap/map.h"
#include "heatmap/render.h"
#include "heatmap/report.h"
#include "util/strbuf.h"

/* ---- text (report_text.c) ---------------------------------------------------------- */

/* @item after ", " unless the comma-separated list in @sb already holds it. */
void rep_add_unique(struct strbuf *sb, const char *item);

/* Numbers, rules, channels and dates as printed. */
double rep_pct(double a, double b);                       /* 100·a/b, NAN when b ≤ 0 */
void rep_fmt_pct(char *buf, size_t len, double v);        /* "73%", "n/m" (not measured) */
void rep_fmt_share(char *buf, size_t len, double a, double b); /* "73%", "n/a" (a share of nothing) */
void rep_fmt_value(char *buf, size_t len, double v, bool no_signal, enum hm_metric m);
const char *rep_rule_text(const struct hm_rule *ru, char *buf, size_t len); /* with a real minus */
const char *rep_rule_threshold(const char *desc, const char *key);
void rep_fmt_channel(char *buf, size_t len, int channel, int freq_mhz); /* "ch 37 (6 GHz)" */
void rep_day(int64_t us, char *buf, size_t len);          /* "20 November 2026", "unknown" */
void rep_hhmm(int64_t us, char *buf, size_t len);         /* "09:30", "?" */

/* ---- rooms (report_rooms.c) -------------------------------------------------------- */

/* A name a drawing writes on the floor: a room, a bay, a corridor. */
struct rep_room {
	char name[64];
	struct fp_point at;        /* metres, where the drawing anchors it */
};

/**
 * rep_rooms_of_drawing() - the room names @fp's SVG drawing writes (its
 * <text> elements at their x and y, through the root's viewBox and @r's
 * factor, the working raster's px per drawing unit, into the floor's metres),
 * leaving out what is not a room's name: type under 8 units (door marks such
 * as "FD"), bed counts ("6 beds"), single characters, text that a transform
 * moves. A drawing that is not SVG, or a floor not calibrated, has none.
 * *@out malloc'd. -EINVAL with a sentence for XML that cannot be read.
 */
int rep_rooms_of_drawing(const struct floorplan *fp, const struct fp_raster *r,
			 struct rep_room **out, size_t *n, struct ns_err *err);

/**
 * rep_rooms_of_notspot() - the names of the rooms the part in @in (per cell;
 * NULL: all) of not-spot @k of @ns lies in, into @sb, nearest first ("Side
 * room 6, Side room 7"), at most four: each room whose name is anchored in
 * one of those cells, or within 6 m of one with no wall or door between
 * (fp_path_wall_loss crosses nothing). Nothing when no room qualifies.
 */
void rep_rooms_of_notspot(const struct floorplan *fp, const struct hm_grid *g,
			  const struct hm_notspots *ns, size_t k, const uint8_t *in,
			  const struct rep_room *rooms, size_t nrooms, struct strbuf *sb);

/* ---- the data (report_data.c) ------------------------------------------------------ */

/* A not-spot as a ward's page lists it. */
struct rep_notspot {
	const struct hm_notspot *ns; /* in the floor's map */
	size_t number;              /* as on every map and in stats: index + 1 */
	double in_ward_m2;          /* the part of it inside the ward */
	const char *ap;             /* the nearest estimated AP's name, NULL: none estimated */
	double ap_m;                /* its distance from the centre, m */
	char rooms[160];            /* the rooms it lies in, "" when the drawing names none */
};

struct rep_ward {
	const struct fp_ward *w;    /* in the floor's plan */
	int index;                  /* in fp->wards */
	struct hm_area_stats st;    /* its cells on the floor's map */
	double worst;               /* of the first rule's metric; NAN: none */
	bool no_signal;             /* somewhere surveyed nothing served at all */
	enum hm_metric maps[HM_MAX_REPORT_MAPS];
	size_t nmaps;               /* measured maps of hm_report_maps() */
	struct rep_notspot *notspots; /* this ward's, largest first */
	size_t nnotspots;
};

/* A physical AP heard on a floor, for the appendix. */
struct rep_ap {
	char name[64];
	size_t phys;                /* in the floor's set */
	double best;                /* strongest fresh reading, dBm; -INFINITY: none */
};

struct rep_floor {
	struct floorplan *fp;
	struct hm_set set;
	bool set_loaded;
	struct hm_map map;          /* whole floor: every figure of the floor and its wards */
	bool built;
	struct hm_area_stats st;
	double worst;
	bool no_signal;
	struct rep_ward *wards;
	size_t nwards;
	struct rep_ap *aps;         /* by name */
	size_t naps;
	double north_deg;           /* bearing of its drawing's up (hm_floor_bearing()), NAN: none */
	struct rep_room *rooms;     /* named by the drawing */
	size_t nrooms;
	char (*ns_rooms)[160];      /* per not-spot of the map: the rooms it lies in, or NULL */
	struct hm_roam *roam;       /* owned (report_roam.c): its walks' roaming, NULL: none */
	struct hm_chanplan *chan;   /* owned (report_chan.c): its channel plan, NULL: none */
};

/* A building of the report: its floors, highest level first, as it stands. */
struct rep_building {
	char name[64];
	size_t *floors;             /* indices into rep_data.floors */
	size_t n;
};

/* Where the evidence comes from: the cover's facts. */
struct rep_provenance {
	struct strbuf floors;       /* "Level 2 (Tower Block, level 2)" … */
	struct strbuf wards;        /* "Ward 21 (770 m²)" … */
	struct strbuf equipment;    /* each distinct interface, driver, chipset */
	struct strbuf operators;    /* each distinct walker */
	struct strbuf rules;        /* the profile's rules */
	int64_t first_us, last_us;  /* the walks' span */
	size_t nsimulated;          /* walks the simulator made */
};

struct rep_data {
	const struct hm_report_opts *o;
	const struct hm_report_template *tpl; /* never NULL: an empty one when none was given */
	const char *survey_name;
	struct survey_meta meta;
	struct survey_walk *walks;
	size_t nwalks;
	struct hm_profile prof;
	struct rep_floor *floors;   /* by level, ground up (survey_list_floors' order) */
	size_t nfloors;
	struct rep_building *buildings; /* the floors by building, in the order first met */
	size_t nbuildings;
	struct strbuf unwalked;     /* the levels with no placed sample: named, not mapped */
	bool simulated;             /* some walk was simulated */
	bool has_device;            /* o->device's offset is added to every signal */
	struct hm_device device;
	char device_text[400];      /* hm_device_describe() of it */
	bool rule_used[HM_MAX_RULES]; /* measured somewhere in the reported wards */
	char date[40];              /* the report's date */
	struct rep_provenance prov;
	struct hm_levels levels;    /* the levels fit of levels_building, made once for */
	int64_t levels_building;    /* all of that building's floors (levels_loaded) */
	bool levels_loaded;
};

/**
 * rep_data_gather() - everything the report says about survey @s, by @o.
 * Whatever it returns, @d is released with rep_data_release().
 */
int rep_data_gather(struct rep_data *d, struct survey *s, const char *survey_name,
		    const struct hm_report_opts *o, struct ns_err *err);
void rep_data_release(struct rep_data *d);

/**
 * rep_data_rooms() - the rooms each listed not-spot lies in, from the
 * floors' drawings (@drawings, one per floor, as rasterised for the maps).
 * A drawing that names no rooms leaves them "". 0 or -ENOMEM.
 */
int rep_data_rooms(struct rep_data *d, const struct fp_raster *drawings);

/**
 * rep_roam_gather() / rep_roam_release() - the roaming analysis of every
 * floor of @d (heatmap/roam.h), or of floor @f released (report_roam.c).
 */
int rep_roam_gather(struct rep_data *d, struct survey *s, struct ns_err *err);
void rep_roam_release(struct rep_floor *f);

/** rep_chan_gather() / rep_chan_release() - the same for the channel plan (report_chan.c). */
int rep_chan_gather(struct rep_data *d, struct survey *s, struct ns_err *err);
void rep_chan_release(struct rep_floor *f);

/* ---- the PDF (report_pdf.c) -------------------------------------------------------- */

/* cairo's write callback that appends to the struct strbuf at @closure. */
cairo_status_t rep_pdf_append(void *closure, const unsigned char *data, unsigned int len);

/**
 * rep_pdf_set_lang() - give the PDF in @pdf its document language @lang (a
 * BCP 47 tag of letters, digits and '-') by an incremental update: a new
 * revision of the catalog with /Lang, a cross-reference section for it and a
 * trailer pointing back at cairo's (PDF 1.7, 7.5.6). 0; -EINVAL when the
 * file is not laid out as cairo writes it (then @pdf is unchanged) or the
 * tag is not one; -ENOMEM.
 */
int rep_pdf_set_lang(struct strbuf *pdf, const char *lang);

/* ---- the pages (report_layout.c, report_pages.c, report_back.c) -------------------- */

enum { T_BOLD = 1, T_RIGHT = 2, T_CENTER = 4, T_GREY = 8, T_ITALIC = 16 };

struct col {
	double w;      /* share of the body width */
	int align;     /* 0 left, T_RIGHT */
};

/* Outline levels: a section; a floor (or ward) under it; a ward under a floor; its maps. */
#define REP_OUTLINE_DEPTH 4

struct rep {
	const struct rep_data *d;
	const struct fp_raster *drawings; /* per floor; .surface NULL: a plain floor */
	cairo_surface_t *surf;
	cairo_t *cr;
	bool dry;                   /* counting pass: nothing is drawn that costs */
	bool oom;                   /* some text could not be assembled */
	int page, pages;
	double W, H, y;             /* page size and the next line's top, pt */
	bool landscape;
	/* the table being laid out, to repeat its header on a new page */
	const struct col *tcols;
	int tncols;
	const char *const *thead;
	/* the outline: the open entry at each level (0: the root) */
	int outline[REP_OUTLINE_DEPTH];
	size_t bookmarks;
	/* what the drawing came out as */
	double type_min, legend_type_min;
};

double rep_txt(struct rep *r, double x, double y, double w, const char *s, double size, int flags);
double rep_txt_height(struct rep *r, double w, const char *s, double size, int flags);
double rep_body_w(const struct rep *r);
double rep_bottom(const struct rep *r);
void rep_page_begin(struct rep *r, bool landscape);
void rep_heading(struct rep *r, const char *s, double size);
void rep_para(struct rep *r, const char *s);
void rep_paraf(struct rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rep_table_begin(struct rep *r, const struct col *cols, int n, const char *const *head);
void rep_table_row(struct rep *r, const char *const *cells, int k);
void rep_table_end(struct rep *r);
/* The next table row starts a page (the summary's rows per page). */
void rep_table_break(struct rep *r);
/* A bookmark at the current place on the page, @level 0 (a section) … REP_OUTLINE_DEPTH − 1. */
void rep_bookmark(struct rep *r, int level, const char *title);
/* Structure tags around what follows (a cairo tag name: "Figure", "Sect", …). */
void rep_tag_begin(struct rep *r, const char *tag);
void rep_tag_end(struct rep *r, const char *tag);
/* A page's heading: a bookmark and the H1 title. */
void rep_title(struct rep *r, int level, const char *bookmark, const char *title);

/* The pages (report_pages.c, report_back.c). */
void rep_page_cover(struct rep *r);
void rep_pages_summary(struct rep *r);
void rep_pages_wards(struct rep *r);
void rep_page_method(struct rep *r);
void rep_page_appendix(struct rep *r);
void rep_pages_roaming(struct rep *r);     /* report_roam.c */
void rep_pages_channels(struct rep *r);    /* report_chan.c */

/* A map of floor @floor drawn with @ro (from rep_map_opts()) across the body, at most @maxh tall. */
void rep_map_opts(const struct rep *r, size_t floor, struct hm_render_opts *ro);
void rep_draw_map_with(struct rep *r, size_t floor, struct hm_render_opts *ro, double maxh);
void rep_page_plan(struct rep *r);     /* report_plan.c: the proposed fix, when there is one */

/** rep_lay_out() - every page of the report, in order, ending the last. */
void rep_lay_out(struct rep *r);

#define A4_W 595.28
#define A4_H 841.89
#define MARGIN 42.0        /* pt, about 15 mm */
#define BODY 9.0           /* body text, pt */
#define SMALL 8.0          /* table text, pt: the smallest type of the report */

#endif
