/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * model.h — a floor in metres: what notspot knows of a building's geometry.
 * A building (struct fp_building) stacks floors (levels); each floor knows its
 * building by id and name, its level, elevation, height and slab, and where
 * its metre frame lies in the building's (struct fp_align). floorplans/building.h
 * computes with that; floorplans/validate.h says what the model refuses.
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

/*
 * An attenuation area: a region a path loses loss_db_per_m for every metre it
 * runs inside (a plant room, shelving, a lift lobby), imported from
 * OpenIntent/Ekahau or drawn. The outline follows the rules of a ward's.
 */
struct fp_area {
	int64_t id;
	char name[64];
	char material[32];          /* a free key ("shelving", "plant-room") or "" */
	struct fp_point *pts;       /* owned, npts >= 3, not closed */
	size_t npts;
	double loss_db_per_m[FP_NBANDS]; /* dB per metre inside, per band */
};

/* How many radios an AP model carries (tri-band APs and a scanning radio). */
#define FP_MAX_RADIOS 4

/* One radio of an AP: what it was planned, proposed or found to transmit. */
struct fp_radio {
	enum fp_band band;
	int channel;                /* primary channel number, 0 if unknown */
	int width_mhz;              /* 20, 40, 80, 160, 320; 0 if unknown */
	double tx_power_dbm;        /* NAN if unknown */
	uint8_t bssid[6];           /* its (first) BSSID; all zero if unknown */
};

/*
 * An access point's place: planned (a design), estimated from a survey,
 * surveyed on site, or proposed by `notspot plan` — never to be confused
 * with a planned one: a proposal is a suggestion nobody has installed.
 */
struct fp_ap {
	int64_t id;
	char name[64];
	struct fp_point pos;
	double height_m;            /* antenna height above the floor, m; NAN if unknown */
	char source[16];            /* "planned", "estimated", "surveyed", "proposed" */
	char bssid_pattern[64];     /* e.g. "00:11:22:33:44:5?" or "" */
	char model[64];             /* vendor model, "" if unknown */
	char mount[16];             /* "ceiling" (the default: "" becomes it), "wall", … */
	char note[256];
	char plan[64];              /* which `notspot plan` run proposed it, "" if none */
	double cost;                /* unit cost in the plan's currency; NAN (or 0) if unknown */
	struct fp_radio radios[FP_MAX_RADIOS];
	size_t nradios;
};

/* A building: the levels (floors) stacked in it share its frame and datum. */
struct fp_building {
	int64_t id;                 /* survey row id, 0 if not stored */
	char name[64];              /* unique in a survey */
	char note[256];
	double north_deg;           /* bearing of the drawings' "up", degrees clockwise from north */
	double default_height_m;    /* floor-to-floor height of a level that gives none, m */
};

/* The default floor-to-floor height of a building, m (a hospital storey). */
#define FP_DEFAULT_HEIGHT_M 4.0

/*
 * Where a floor's metre frame lies in its building's frame:
 *   building = R(rot_deg) · floor + (dx_m, dy_m),
 * R turning the x axis towards the y axis (clockwise as the drawing reads,
 * since y points down). All zero: the floor's frame is the building's.
 */
struct fp_align {
	double dx_m, dy_m;
	double rot_deg;
};

/*
 * The calibration that set a floor's scale: two points on the working raster
 * (px) and the real distance between them (m), kept for the editor and to
 * recognise the same drawing when surveys are merged. All NAN when the scale
 * was given as px per metre.
 */
struct fp_calib {
	double ax_px, ay_px, bx_px, by_px;
	double m;
};

/*
 * A floor: one level of a building, its drawing in metres and what is drawn
 * on it. floorplan_new() sets every field below to its default (NAN where
 * "unknown" or "from a table" is meant, "concrete-slab").
 */
struct floorplan {
	int64_t id;                 /* survey row id, 0 if not stored */
	char name[64];              /* unique in its building */
	int64_t building_id;        /* survey row id of its building, 0 if not stored */
	char building[64];          /* its building's name (survey.h: storing a floor finds
				     * or creates the building so named; "" means building_id) */
	int level;                  /* storey number: 0 ground, negative below */
	double elevation_m;         /* floor level above the building's datum, m;
				     * NAN: level × floor-to-floor height (fp_floor_elevation()) */
	double height_m;            /* floor-to-floor height, m; NAN: the building's default */
	char slab_material[32];     /* the slab it stands on (between it and the level
				     * below): a key of fp_slabs[] or "custom" */
	double slab_loss_db[FP_NBANDS]; /* one-pass slab loss per band, dB; NAN: from fp_slabs[] */
	struct fp_align align;      /* its frame in the building's */
	struct fp_calib calib;      /* how its scale was set */
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
	struct fp_area *areas;
	size_t nareas;
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

/*
 * One row of the slab table (DOMAIN.md, "Floors"): the one-pass loss of the
 * floor between two levels. Starting values, not measurements: a survey that
 * hears APs of other levels should fit them (DOMAIN.md says hospital slabs are
 * often heavier than the office figures).
 */
struct fp_slab {
	const char *key;            /* "concrete-slab" */
	const char *label;
	double loss_db[FP_NBANDS];  /* 2.4, 5, 6 GHz one-pass loss, dB */
	const char *source;         /* where the figures come from, and which are estimates */
};

extern const struct fp_slab fp_slabs[];
extern const size_t fp_nslabs;

/* The slab a level stands on when nothing else is said. */
#define FP_DEFAULT_SLAB "concrete-slab"

/** fp_slab_find() - the slab material called @key, or NULL. */
const struct fp_slab *fp_slab_find(const char *key);

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

/**
 * floorplan_add_area() - append a copy of attenuation area @a (points copied).
 * 0, -ENOMEM, or -EINVAL (fewer than 3 points).
 */
int floorplan_add_area(struct floorplan *fp, const struct fp_area *a);

/**
 * fp_ap_init() - an AP with nothing said: zero, height and cost NAN, mount
 * "ceiling", no radios. floorplan_add_ap() also turns an empty mount into
 * "ceiling", so a caller that zeroes its AP gets the same.
 */
void fp_ap_init(struct fp_ap *ap);

/** fp_building_init() - a building with nothing said: zero, default height FP_DEFAULT_HEIGHT_M. */
void fp_building_init(struct fp_building *b);

/**
 * fp_ward_release() / fp_wall_release() / fp_area_release() - free the
 * points an element owns (one filled outside a floorplan, e.g. by the survey's
 * get functions) and leave it empty. NULL is fine.
 */
void fp_ward_release(struct fp_ward *w);
void fp_wall_release(struct fp_wall *w);
void fp_area_release(struct fp_area *a);

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
