/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_priv.h — private to the evidence report (report.h), split by concern:
 *
 *   report.c         the entry points: gather, then lay out twice (count the
 *                    pages, then draw them into the PDF)
 *   report_data.c    what the report says, gathered into plain structs (no
 *                    cairo): per floor and ward the maps, figures and
 *                    not-spots, the walks, the provenance, the APs heard
 *   report_text.c    text assembly (struct rtext) and numbers, rules and
 *                    dates as the report prints them
 *   report_layout.c  the page machinery: running header and footer, type,
 *                    paragraphs that break across pages, tables
 *   report_pages.c   the pages, drawn from the data
 */
#ifndef NOTSPOT_HEATMAP_REPORT_PRIV_H
#define NOTSPOT_HEATMAP_REPORT_PRIV_H

#include <cairo.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/loader.h"
#include "heatmap/map.h"
#include "heatmap/report.h"

/* ---- text (report_text.c) ---------------------------------------------------------- */

/* Capacity of one piece of report text, bytes with the NUL. */
#define RTEXT_MAX 8192

/*
 * Every piece of report text longer than a number is assembled through
 * rtext_vaddf(): a bounded buffer that never truncates silently. A piece that
 * does not fit whole is left out and counted, and rtext_str() then ends the
 * text with " … (N more not shown)", so a reader sees that something is
 * missing. (When util/strbuf is merged, struct rtext becomes a struct strbuf
 * and rtext_vaddf() strbuf_vaddf(); the callers stay as they are.)
 */
struct rtext {
	char buf[RTEXT_MAX];
	size_t len;            /* bytes of text in buf */
	size_t dropped;        /* pieces left out */
};

void rtext_init(struct rtext *t);
void rtext_vaddf(struct rtext *t, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void rtext_addf(struct rtext *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* @item after ", " unless the comma-separated list in @t already holds it. */
void rtext_add_unique(struct rtext *t, const char *item);
/* The text; its end says how many pieces were left out, if any. Valid until the next add. */
const char *rtext_str(const struct rtext *t);
bool rtext_empty(const struct rtext *t);
void rtext_release(struct rtext *t);

/* Numbers, rules and dates as printed. */
double rep_pct(double a, double b);                       /* 100·a/b, NAN when b ≤ 0 */
void rep_fmt_pct(char *buf, size_t len, double v);        /* "73%", "n/m" */
void rep_fmt_value(char *buf, size_t len, double v, bool no_signal, enum hm_metric m);
const char *rep_rule_text(const struct hm_rule *ru, char *buf, size_t len); /* with a real minus */
const char *rep_rule_threshold(const char *desc, const char *key);
void rep_day(int64_t us, char *buf, size_t len);          /* "20 November 2026", "unknown" */
void rep_hhmm(int64_t us, char *buf, size_t len);         /* "09:30", "?" */

/* ---- the data (report_data.c) ------------------------------------------------------ */

/* A not-spot as a ward's page lists it. */
struct rep_notspot {
	const struct hm_notspot *ns; /* in the ward's map */
	size_t number;              /* as on the pass/fail maps: index + 1 */
	int rule;                   /* the first rule it fails (0 when none is marked) */
	double worst;               /* of that rule's metric over its cells; NAN: none */
	bool no_signal;             /* somewhere in it nothing served */
	const char *ap;             /* the nearest estimated AP's name, NULL: none estimated */
	double ap_m;                /* its distance from the centre, m */
};

struct rep_ward {
	const struct fp_ward *w;    /* in the floor's plan */
	int index;                  /* in fp->wards */
	struct hm_map map;          /* cropped to the ward */
	bool built;
	struct hm_area_stats st;
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
	struct hm_map map;          /* whole floor */
	bool built;
	struct hm_area_stats st;
	double worst;
	bool no_signal;
	struct rep_ward *wards;
	size_t nwards;
	struct rep_ap *aps;         /* by name */
	size_t naps;
};

/* Where the evidence comes from: the cover's facts. */
struct rep_provenance {
	struct rtext floors;        /* "Level 2 (Tower Block, level 2)" … */
	struct rtext wards;         /* "Ward 21 (770 m²)" … */
	struct rtext equipment;     /* each distinct interface, driver, chipset */
	struct rtext operators;     /* each distinct walker */
	struct rtext rules;         /* the profile's rules */
	int64_t first_us, last_us;  /* the walks' span */
	size_t nsimulated;          /* walks the simulator made */
};

struct rep_data {
	const struct hm_report_opts *o;
	const char *survey_name;
	struct survey_meta meta;
	struct survey_walk *walks;
	size_t nwalks;
	struct hm_profile prof;
	struct rep_floor *floors;
	size_t nfloors;
	bool simulated;             /* some walk was simulated */
	bool rule_used[HM_MAX_RULES]; /* measured somewhere in the reported wards */
	char date[40];              /* the report's date */
	struct rep_provenance prov;
};

/**
 * rep_data_gather() - everything the report says about survey @s, by @o.
 * Whatever it returns, @d is released with rep_data_release().
 */
int rep_data_gather(struct rep_data *d, struct survey *s, const char *survey_name,
		    const struct hm_report_opts *o, struct ns_err *err);
void rep_data_release(struct rep_data *d);

/* ---- the pages (report_layout.c, report_pages.c) ----------------------------------- */

enum { T_BOLD = 1, T_RIGHT = 2, T_CENTER = 4, T_GREY = 8, T_ITALIC = 16 };

struct col {
	double w;      /* share of the body width */
	int align;     /* 0 left, T_RIGHT */
};

struct rep {
	const struct rep_data *d;
	const struct fp_raster *drawings; /* per floor; .surface NULL: a plain floor */
	cairo_surface_t *surf;
	cairo_t *cr;
	bool dry;                   /* counting pass: nothing is drawn that costs */
	int page, pages;
	double W, H, y;             /* page size and the next line's top, pt */
	bool landscape;
	/* the table being laid out, to repeat its header on a new page */
	const struct col *tcols;
	int tncols;
	const char *const *thead;
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

/** rep_lay_out() - every page of the report, in order, ending the last. */
void rep_lay_out(struct rep *r);

#define A4_W 595.28
#define A4_H 841.89
#define MARGIN 42.0        /* pt, about 15 mm */
#define BODY 9.0           /* body text, pt */
#define SMALL 7.5          /* table text, pt */

#endif
