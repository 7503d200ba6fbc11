/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * model.h — a floor in metres: what notspot knows of a building's geometry.
 *
 * Positions are metres on the floor, x to the right and y down (the way the
 * drawing reads), origin at the drawing pixel (origin_x_px, origin_y_px).
 * Pixels exist only at the loaders and the renderer: px = origin + m * px_per_m.
 *
 * A struct floorplan owns every array and string it points to; free it with
 * floorplan_free(). The survey file stores and loads this model (survey.h), the
 * simulator and the heatmap read it; nothing here knows of radio or SQLite.
 */
#ifndef NOTSPOT_FLOORPLANS_MODEL_H
#define NOTSPOT_FLOORPLANS_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* Bands for per-band wall losses. */
enum fp_band { FP_BAND_2G4 = 0, FP_BAND_5G = 1, FP_BAND_6G = 2, FP_NBANDS = 3 };

struct fp_point {
	double x, y; /* metres */
};

/* A wall: a polyline with one material; loss applies each time a path crosses it. */
struct fp_wall {
	int64_t id;                 /* survey row id, 0 if not stored */
	struct fp_point *pts;       /* owned, npts >= 2 */
	size_t npts;
	char material[32];          /* key from fp_materials[] or "custom" */
	double loss_db[FP_NBANDS];  /* one-pass loss, dB, per band */
};

/*
 * An opening: a door or gap in a wall, a segment lying on a wall. A path that
 * crosses the wall inside the opening's extent takes the opening's loss instead
 * of the wall's (0 dB for an open doorway, 19/24 dB for a steel fire door).
 */
struct fp_opening {
	int64_t id;
	struct fp_point a, b;
	char kind[32];              /* material key: "doorway", "wooden-door", "fire-door", … */
	double loss_db[FP_NBANDS];
};

/* A ward (or any named area: corridor, X-ray): a simple polygon. */
struct fp_ward {
	int64_t id;
	char name[64];
	struct fp_point *pts;       /* owned, npts >= 3, not closed (first != last) */
	size_t npts;
};

/* An access point's place: planned, estimated from a survey, or surveyed on site. */
struct fp_ap {
	int64_t id;
	char name[64];
	struct fp_point pos;
	double height_m;            /* antenna height above the floor, m */
	char source[16];            /* "planned", "estimated", "surveyed" */
	char bssid_pattern[64];     /* e.g. "00:11:22:33:44:5?" or "" */
};

struct floorplan {
	int64_t id;                 /* survey row id, 0 if not stored */
	char name[64];
	char building[64];
	int level;
	char image_type[8];         /* "png", "jpeg", "svg", "pdf", or "" for none */
	unsigned char *image;       /* the original drawing's bytes, owned */
	size_t image_len;
	int page;                   /* PDF page shown, 0-based */
	int width_px, height_px;    /* working raster size of the drawing */
	double px_per_m;            /* scale; 0 while not calibrated */
	double origin_x_px;         /* raster position of metre (0, 0) */
	double origin_y_px;

	struct fp_ward *wards;
	size_t nwards;
	struct fp_wall *walls;
	size_t nwalls;
	struct fp_opening *openings;
	size_t nopenings;
	struct fp_ap *aps;
	size_t naps;
};

/* One row of the material table (DOMAIN.md, "Walls and materials"). */
struct fp_material {
	const char *key;            /* "concrete" */
	const char *label;          /* "concrete / blockwork" */
	double loss_db[FP_NBANDS];  /* 2.4, 5, 6 GHz one-pass loss, dB */
};

extern const struct fp_material fp_materials[];
extern const size_t fp_nmaterials;

/** fp_material_find() - the material called @key, or NULL. */
const struct fp_material *fp_material_find(const char *key);

/** floorplan_new() - an empty, uncalibrated floor, or NULL when out of memory. */
struct floorplan *floorplan_new(void);

/** floorplan_free() - free @fp and everything it owns; NULL is fine. */
void floorplan_free(struct floorplan *fp);

/**
 * floorplan_add_ward() / _add_wall() / _add_opening() / _add_ap() - append a
 * copy of the element (points are copied). Return 0 or -ENOMEM / -EINVAL
 * (too few points).
 */
int floorplan_add_ward(struct floorplan *fp, const char *name, const struct fp_point *pts,
		       size_t npts);
int floorplan_add_wall(struct floorplan *fp, const struct fp_point *pts, size_t npts,
		       const char *material, const double loss_db[FP_NBANDS]);
int floorplan_add_opening(struct floorplan *fp, struct fp_point a, struct fp_point b,
			  const char *kind, const double loss_db[FP_NBANDS]);
int floorplan_add_ap(struct floorplan *fp, const struct fp_ap *ap);

/** floorplan_set_image() - copy @len bytes of drawing of @type into @fp. */
int floorplan_set_image(struct floorplan *fp, const char *type, const void *data, size_t len);

/** floorplan_width_m() / _height_m() - the drawing's extent in metres (0 if uncalibrated). */
double floorplan_width_m(const struct floorplan *fp);
double floorplan_height_m(const struct floorplan *fp);

/** floorplan_find_ward() - the ward named @name (exact match), or NULL. */
const struct fp_ward *floorplan_find_ward(const struct floorplan *fp, const char *name);

/** fp_band_of_freq() - the band of a centre frequency in MHz (2.4 GHz for unknown). */
enum fp_band fp_band_of_freq(int freq_mhz);

#endif
