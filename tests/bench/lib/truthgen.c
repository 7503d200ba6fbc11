/* SPDX-License-Identifier: GPL-3.0-or-later */
/* truthgen.c — see truthgen.h. Nothing here calls sim/ or heatmap/walls. */
#include "tests/bench/lib/truthgen.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CORR_W 2.4     /* corridor width, m */
#define RX_H 1.1       /* the survey laptop's height, m */
#define JUNCTION_M 0.05 /* crossings this close are one crossing (a junction) */

/* ---- random numbers ---------------------------------------------------------- */

static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double unif(uint64_t *s, double a, double b)
{
	return a + (b - a) * ((next(s) >> 11) * 0x1.0p-53);
}

static double gauss(uint64_t *s)
{
	double u = unif(s, 1e-12, 1), v = unif(s, 0, 1);

	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/* ---- building ---------------------------------------------------------------- */

struct build {
	struct tg_world *w;
	size_t caprooms, capwalls, capaps;
	double mat_factor[16];     /* the building's factor per material (fp_materials order) */
};

static int mat_index(const char *key)
{
	for (size_t i = 0; i < fp_nmaterials; i++)
		if (strcmp(fp_materials[i].key, key) == 0)
			return (int)i;
	return 0;
}

static int grow(void **p, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 32;
	void *np = realloc(*p, nc * sz);

	if (!np)
		return -ENOMEM;
	*p = np;
	*cap = nc;
	return 0;
}

/* A material's true loss in this building: the table × the building's factor × this wall's, within ±50 %. */
static void true_loss(struct build *b, const char *mat, double out[FP_NBANDS])
{
	const struct fp_material *m = fp_material_find(mat);
	double f = b->mat_factor[mat_index(mat)] * exp(0.12 * gauss(&b->w->rng));

	f = fmin(fmax(f, 0.5), 1.5);
	for (int k = 0; k < FP_NBANDS; k++)
		out[k] = m->loss_db[k] * f;
}

static int add_room(struct build *b, double x0, double y0, double x1, double y1,
		    enum tg_room_kind kind)
{
	struct tg_world *w = b->w;
	static const char *const kn[TG_NKINDS] = { "corridor", "bay", "side", "core", "imaging" };

	if (grow((void **)&w->rooms, w->nrooms, &b->caprooms, sizeof(*w->rooms)))
		return -ENOMEM;
	struct tg_room *r = &w->rooms[w->nrooms];

	*r = (struct tg_room){ x0, y0, x1, y1, kind, "", false };
	snprintf(r->name, sizeof(r->name), "%s %zu", kn[kind], w->nrooms);
	w->nrooms++;
	return 0;
}

/* A wall a→b of @mat, with a door of @door (NULL: none) from @d0 to @d1 metres along it. */
static int add_wall(struct build *b, double ax, double ay, double bx, double by, const char *mat,
		    const char *door, double d0, double d1)
{
	struct tg_world *w = b->w;
	double len = hypot(bx - ax, by - ay);

	if (grow((void **)&w->walls, w->nwalls, &b->capwalls, sizeof(*w->walls)))
		return -ENOMEM;
	struct tg_wall *t = &w->walls[w->nwalls++];

	memset(t, 0, sizeof(*t));
	*t = (struct tg_wall){ ax, ay, bx, by, { 0 }, 0, 0, { 0 }, strcmp(mat, "lead-lined") == 0,
			       mat, door };
	true_loss(b, mat, t->loss);
	if (door) {
		t->du0 = d0 / len;
		t->du1 = d1 / len;
		true_loss(b, door, t->door_loss);
		/* Fire doors are held open on magnets in half the corridors. */
		if (strcmp(door, "fire-door") == 0 && unif(&w->rng, 0, 1) < 0.5)
			for (int k = 0; k < FP_NBANDS; k++)
				t->door_loss[k] = 1;
	}
	return 0;
}

/* A row of rooms between x = xa and xb, y0..y1, its doors on the corridor wall at y = ycorr. */
struct row {
	size_t first, last;
	double ycorr;
	const char *cwall;
};

static int row_rooms(struct build *b, struct row *rw, double xa, double xb, double y0, double y1,
		     double ycorr, const char *cwall)
{
	struct tg_world *w = b->w;
	static const double widths[] = { 3.6, 4.2, 7.2, 8.0, 6.4 };
	double x = xa;

	rw->first = w->nrooms;
	rw->ycorr = ycorr;
	rw->cwall = cwall;
	while (x < xb - 0.5) {
		double wd = widths[next(&w->rng) % 5];

		if (xb - (x + wd) < 3)
			wd = xb - x;
		if (add_room(b, x, y0, x + wd, y1, wd < 5 ? TG_SIDE : TG_BAY))
			return -ENOMEM;
		x += wd;
	}
	rw->last = w->nrooms;
	return 0;
}

/* The lead-lined rooms: bays chosen at random, never two side by side. */
static void choose_imaging(struct build *b)
{
	struct tg_world *w = b->w;

	for (int k = 0, tries = 0; k < w->o.imaging && tries < 500; tries++) {
		struct tg_room *r = &w->rooms[next(&w->rng) % w->nrooms];
		bool near = false;

		if (r->kind != TG_BAY)
			continue;
		for (size_t q = 0; q < w->nrooms; q++)
			if (w->rooms[q].kind == TG_IMAGING && fabs(w->rooms[q].y0 - r->y0) < 0.1 &&
			    (fabs(w->rooms[q].x1 - r->x0) < 0.1 || fabs(w->rooms[q].x0 - r->x1) < 0.1))
				near = true;
		if (near)
			continue;
		r->kind = TG_IMAGING;
		k++;
	}
}

static bool is_lead(const struct tg_world *w, size_t room)
{
	return room < w->nrooms && w->rooms[room].kind == TG_IMAGING;
}

/* The partition between rooms @l and @r. */
static const char *partition(struct build *b, size_t l, size_t r)
{
	if (is_lead(b->w, l) || is_lead(b->w, r))
		return "lead-lined";
	return unif(&b->w->rng, 0, 1) < 0.3 ? "brick" : "plasterboard";
}

/* A row's walls: partitions, and the corridor side of each room with its door. */
static int row_walls(struct build *b, const struct row *rw)
{
	struct tg_world *w = b->w;

	for (size_t i = rw->first; i < rw->last; i++) {
		const struct tg_room *r = &w->rooms[i];
		double wd = r->x1 - r->x0, dw, d0;
		const char *door, *mat = is_lead(w, i) ? "lead-lined" : rw->cwall;

		if (i + 1 < rw->last &&
		    add_wall(b, r->x1, r->y0, r->x1, r->y1, partition(b, i, i + 1), NULL, 0, 0))
			return -ENOMEM;
		if (r->kind == TG_IMAGING) {
			door = "lead-lined";
			dw = 1.2;
		} else if (r->kind == TG_BAY && unif(&w->rng, 0, 1) < 0.6) {
			door = "doorway";
			dw = 1.4;
		} else {
			door = "wooden-door";
			dw = 1.0;
		}
		d0 = unif(&w->rng, 0.4, fmax(0.5, wd - dw - 0.4));
		if (add_wall(b, r->x0, rw->ycorr, r->x1, rw->ycorr, mat, door, d0, d0 + dw))
			return -ENOMEM;
	}
	return 0;
}

/* Fire doors across a corridor at about a third and two thirds of its length. */
static int fire_doors(struct build *b, double xa, double xb, double yc)
{
	for (int k = 1; k <= 2; k++) {
		double x = xa + (xb - xa) * k / 3 + unif(&b->w->rng, -2, 2);

		if (add_wall(b, x, yc, x, yc + CORR_W, "brick", "fire-door", 0, CORR_W))
			return -ENOMEM;
	}
	return 0;
}

/* The concrete core: a cross corridor joining the two corridors, lifts and stairs. */
static int core(struct build *b, double xc, double yb, double yl)
{
	return add_room(b, xc, yb, xc + CORR_W, yl, TG_CORRIDOR) ||
	       add_room(b, xc + CORR_W, yb, xc + 10, yb + 4, TG_CORE) ||
	       add_room(b, xc + CORR_W, yb + 4, xc + 10, yl, TG_CORE) ||
	       add_wall(b, xc, yb, xc, yl, "concrete", NULL, 0, 0) ||
	       add_wall(b, xc + CORR_W, yb, xc + CORR_W, yl, "concrete", "fire-door", 5, 6.2) ||
	       add_wall(b, xc + 10, yb, xc + 10, yl, "concrete", NULL, 0, 0) ||
	       add_wall(b, xc + CORR_W, yb + 4, xc + 10, yb + 4, "lift-shaft", NULL, 0, 0);
}

/*
 * Rows of rooms either side of one or two corridors (y: rooms A, corridor 1,
 * rooms B | rooms C, corridor 2, rooms D), rows B and C back to back and
 * stopping at the core when there is one.
 */
static int layout(struct build *b)
{
	struct tg_world *w = b->w;
	double D = unif(&w->rng, 6.5, 7.5), W = w->o.width_m, xc = floor(W / 2 - 5);
	const char *cw1 = unif(&w->rng, 0, 1) < 0.5 ? "brick" : "plasterboard";
	const char *cw2 = unif(&w->rng, 0, 1) < 0.5 ? "brick" : "plasterboard";
	double y1 = D, y2 = 3 * D + CORR_W, ymid = 2 * D + CORR_W;
	struct row rows[6];
	int nr = 0, rc = 0;

	w->w = W;
	w->h = w->o.corridors == 2 ? 4 * D + 2 * CORR_W : 2 * D + CORR_W;
	if (add_room(b, 0, y1, W, y1 + CORR_W, TG_CORRIDOR) ||
	    row_rooms(b, &rows[nr++], 0, W, 0, y1, y1, cw1))
		return -ENOMEM;
	if (w->o.corridors == 1 || !w->o.core) {
		rc |= row_rooms(b, &rows[nr++], 0, W, y1 + CORR_W, ymid, y1 + CORR_W, cw1);
	} else {
		rc |= row_rooms(b, &rows[nr++], 0, xc, y1 + CORR_W, ymid, y1 + CORR_W, cw1);
		rc |= row_rooms(b, &rows[nr++], xc + 10, W, y1 + CORR_W, ymid, y1 + CORR_W, cw1);
	}
	if (w->o.corridors == 2) {
		rc |= add_room(b, 0, y2, W, y2 + CORR_W, TG_CORRIDOR);
		rc |= row_rooms(b, &rows[nr++], 0, W, y2 + CORR_W, w->h, y2 + CORR_W, cw2);
		if (!w->o.core) {
			rc |= row_rooms(b, &rows[nr++], 0, W, ymid, y2, y2, cw2);
		} else {
			rc |= row_rooms(b, &rows[nr++], 0, xc, ymid, y2, y2, cw2);
			rc |= row_rooms(b, &rows[nr++], xc + 10, W, ymid, y2, y2, cw2);
		}
	}
	if (rc)
		return -ENOMEM;
	choose_imaging(b);
	for (int k = 0; k < nr; k++)
		if (row_walls(b, &rows[k]))
			return -ENOMEM;
	if (fire_doors(b, 0, W, y1) || (w->o.corridors == 2 && fire_doors(b, 0, W, y2)))
		return -ENOMEM;
	if (w->o.corridors == 2 && w->o.core)
		rc = core(b, xc, y1 + CORR_W, y2) ||
		     add_wall(b, 0, ymid, xc, ymid, "brick", NULL, 0, 0) ||
		     add_wall(b, xc + 10, ymid, W, ymid, "brick", NULL, 0, 0);
	else if (w->o.corridors == 2)
		rc = add_wall(b, 0, ymid, W, ymid, "brick", NULL, 0, 0);
	return rc ||
	       add_wall(b, 0, 0, W, 0, "concrete", NULL, 0, 0) ||
	       add_wall(b, W, 0, W, w->h, "concrete", NULL, 0, 0) ||
	       add_wall(b, W, w->h, 0, w->h, "concrete", NULL, 0, 0) ||
	       add_wall(b, 0, w->h, 0, 0, "concrete", NULL, 0, 0)
		       ? -ENOMEM
		       : 0;
}

/* ---- access points ------------------------------------------------------------ */

static void shadow_features(uint64_t *rng, double corr_m, double *ph, double *kx, double *ky)
{
	for (int k = 0; k < 48; k++) {
		ph[k] = unif(rng, 0, 2 * M_PI);
		kx[k] = gauss(rng) / corr_m;
		ky[k] = gauss(rng) / corr_m;
	}
}

static void radio_mac(const struct tg_world *w, size_t k, int r, enum fp_band band, uint8_t m[6])
{
	unsigned v;

	m[0] = 0x00;
	m[1] = 0x1a;
	m[2] = 0x1e;
	m[3] = (uint8_t)(0x40 + (w->o.seed & 0x3f));
	switch (w->o.scheme) {
	case TG_MAC_NAMED:
	case TG_MAC_FAMILY:
		m[4] = (uint8_t)(k + 1);
		m[5] = (uint8_t)(r << 4);
		break;
	case TG_MAC_CONSECUTIVE:
		v = 0x1000 + (unsigned)k * 0x20 + (unsigned)r * 0x10;
		m[4] = (uint8_t)(v >> 8);
		m[5] = (uint8_t)v;
		break;
	case TG_MAC_UNRELATED:
		if (band == FP_BAND_5G) {
			m[1] = 0x24;
			m[2] = 0x6c;
			m[3] = (uint8_t)(0x80 + k);
			m[4] = (uint8_t)(k * 7);
			m[5] = 0x30;
		} else {
			m[4] = (uint8_t)(k + 1);
			m[5] = 0;
		}
		break;
	}
}

static int add_ap(struct build *b, double x, double y, double z, double az)
{
	static const int ch5[] = { 36, 44, 52, 60, 100, 108, 116, 124, 132, 140, 149, 157 };
	static const int ch24[] = { 1, 6, 11 };
	struct tg_world *w = b->w;
	size_t k = w->naps;

	if (grow((void **)&w->aps, w->naps, &b->capaps, sizeof(*w->aps)))
		return -ENOMEM;
	struct tg_ap *a = &w->aps[w->naps++];

	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "TG-AP%02zu", k + 1);
	a->x = x;
	a->y = y;
	a->z = z;
	a->az_rad = az;
	a->ftb_db = unif(&w->rng, 0, 1) < w->o.directional_share ? unif(&w->rng, 6, 10)
								   : unif(&w->rng, 0, 3);
	a->room = tg_room_at(w, x, y);
	a->nradios = unif(&w->rng, 0, 1) < 0.15 ? 1 : 2;
	for (int r = 0; r < a->nradios; r++) {
		struct tg_radio *rd = &a->radio[r];
		bool five = a->nradios == 1 || r == 1;

		rd->band = five ? FP_BAND_5G : FP_BAND_2G4;
		rd->channel = five ? ch5[k % 12] : ch24[k % 3];
		rd->freq_mhz = five ? 5000 + 5 * rd->channel : 2407 + 5 * rd->channel;
		rd->eirp_dbm = five ? unif(&w->rng, 14, 20) : unif(&w->rng, 6, 12);
		radio_mac(w, k, r, rd->band, rd->mac);
		shadow_features(&w->rng, w->corr_m, rd->shadow_phase, rd->shadow_kx, rd->shadow_ky);
	}
	shadow_features(&w->rng, w->corr_m, a->shadow_phase, a->shadow_kx, a->shadow_ky);
	return 0;
}

/* APs on the corridor ceilings every ~16 m, in a share of bays and side rooms; none behind lead. */
static int place_aps(struct build *b)
{
	struct tg_world *w = b->w;
	size_t nrooms = w->nrooms;

	for (size_t i = 0; i < nrooms; i++) {
		const struct tg_room *r = &w->rooms[i];
		double cx = (r->x0 + r->x1) / 2, cy = (r->y0 + r->y1) / 2;
		double len = r->x1 - r->x0, p = unif(&w->rng, 0, 1);
		/* Patch antennas in rooms point at the room's door side (towards the corridor). */
		double az = unif(&w->rng, 0, 2 * M_PI);

		if (r->kind == TG_CORRIDOR && len > 10) {
			for (double x = 7 + unif(&w->rng, 0, 4); x < len - 3; x += unif(&w->rng, 14, 19))
				if (add_ap(b, r->x0 + x, cy + unif(&w->rng, -0.4, 0.4), 2.9,
					   unif(&w->rng, 0, 1) < 0.5 ? 0 : M_PI))
					return -ENOMEM;
		} else if ((r->kind == TG_BAY && p < 0.3) ||
			   (r->kind == TG_SIDE && p < 0.08)) {
			if (add_ap(b, cx + unif(&w->rng, -1, 1), cy + unif(&w->rng, -1, 1), 2.7, az))
				return -ENOMEM;
		}
	}
	return 0;
}

/* ---- the floorplan notspot is given ---------------------------------------- */

static int make_floorplan(struct tg_world *w)
{
	struct floorplan *fp = floorplan_new();

	if (!fp)
		return -ENOMEM;
	w->fp = fp;
	snprintf(fp->name, sizeof(fp->name), "%s", w->o.name ? w->o.name : "truthgen");
	for (size_t i = 0; i < w->nwalls; i++) {
		const struct tg_wall *t = &w->walls[i];
		struct fp_point p[2] = { { t->ax, t->ay }, { t->bx, t->by } };
		const struct fp_material *m = fp_material_find(t->mat);

		if (floorplan_add_wall(fp, p, 2, m->key, m->loss_db))
			return -ENOMEM;
		if (!t->door_mat)
			continue;
		const struct fp_material *d = fp_material_find(t->door_mat);
		struct fp_point a = { t->ax + t->du0 * (t->bx - t->ax), t->ay + t->du0 * (t->by - t->ay) };
		struct fp_point c = { t->ax + t->du1 * (t->bx - t->ax), t->ay + t->du1 * (t->by - t->ay) };

		if (floorplan_add_opening(fp, a, c, d->key, d->loss_db))
			return -ENOMEM;
	}
	if (w->o.corridors == 2) {
		double ym = w->h / 2; /* rows B and C meet at the middle */
		struct fp_point n[4] = { { 0, 0 }, { w->w, 0 }, { w->w, ym }, { 0, ym } };
		struct fp_point s[4] = { { 0, ym }, { w->w, ym }, { w->w, w->h }, { 0, w->h } };

		return floorplan_add_ward(fp, "Ward North", n, 4) || floorplan_add_ward(fp, "Ward South", s, 4)
			       ? -ENOMEM
			       : 0;
	}
	struct fp_point all[4] = { { 0, 0 }, { w->w, 0 }, { w->w, w->h }, { 0, w->h } };

	return floorplan_add_ward(fp, "Ward", all, 4);
}

struct tg_world *tg_world_new(const struct tg_opts *o)
{
	struct tg_world *w = calloc(1, sizeof(*w));
	struct build b = { .w = w };

	if (!w)
		return NULL;
	w->o = *o;
	w->rng = o->seed * 0x2545f4914f6cdd1dull + 1;
	w->sigma_db = 4;
	w->corr_m = 2.5;
	w->noise_db = 2;
	w->rx_h_m = RX_H;
	/* Exponents per room type: corridors guide, bays and side rooms clutter, cores more. */
	w->n_kind[TG_CORRIDOR] = unif(&w->rng, 1.7, 2.0);
	w->n_kind[TG_BAY] = unif(&w->rng, 2.2, 2.6);
	w->n_kind[TG_SIDE] = unif(&w->rng, 2.4, 2.9);
	w->n_kind[TG_CORE] = unif(&w->rng, 2.8, 3.3);
	w->n_kind[TG_IMAGING] = unif(&w->rng, 2.2, 2.6);
	/* The building's own materials: each within ±50 % of the table (log-uniform). */
	for (size_t m = 0; m < fp_nmaterials && m < 16; m++)
		b.mat_factor[m] = exp(unif(&w->rng, log(0.6), log(1.45)));
	memcpy(w->mat_factor, b.mat_factor, sizeof(w->mat_factor));
	if (layout(&b) || place_aps(&b) || make_floorplan(w)) {
		tg_world_free(w);
		return NULL;
	}
	return w;
}

void tg_world_free(struct tg_world *w)
{
	if (!w)
		return;
	free(w->rooms);
	free(w->walls);
	free(w->aps);
	floorplan_free(w->fp);
	free(w);
}

int tg_room_at(const struct tg_world *w, double x, double y)
{
	/* The core and cross corridor come after the rows they cut: last match wins. */
	int found = -1;

	for (size_t i = 0; i < w->nrooms; i++) {
		const struct tg_room *r = &w->rooms[i];

		if (x >= r->x0 && x < r->x1 && y >= r->y0 && y < r->y1)
			found = (int)i;
	}
	return found;
}

/* ---- propagation -------------------------------------------------------------- */

struct hit {
	double t, loss;
};

static int cmp_hit(const void *a, const void *b)
{
	double d = ((const struct hit *)a)->t - ((const struct hit *)b)->t;

	return (d > 0) - (d < 0);
}

double tg_wall_loss(const struct tg_world *w, double ax, double ay, double bx, double by,
		    enum fp_band band)
{
	struct hit hits[256];
	size_t nh = 0;
	double len = hypot(bx - ax, by - ay), loss = 0;
	double x0 = fmin(ax, bx), x1 = fmax(ax, bx), y0 = fmin(ay, by), y1 = fmax(ay, by);

	if (len < 1e-9)
		return 0;
	for (size_t i = 0; i < w->nwalls && nh < 256; i++) {
		const struct tg_wall *t = &w->walls[i];
		double ex = t->bx - t->ax, ey = t->by - t->ay, dx = bx - ax, dy = by - ay;
		double den = dx * ey - dy * ex, s, u;

		if (fmax(t->ax, t->bx) < x0 || fmin(t->ax, t->bx) > x1 || fmax(t->ay, t->by) < y0 ||
		    fmin(t->ay, t->by) > y1 || fabs(den) < 1e-12)
			continue;
		/* a + s·d = wall.a + u·e */
		s = ((t->ax - ax) * ey - (t->ay - ay) * ex) / den;
		u = ((t->ax - ax) * dy - (t->ay - ay) * dx) / den;
		if (s <= 0 || s >= 1 || u < 0 || u > 1)
			continue;
		hits[nh++] = (struct hit){ s, u >= t->du0 && u <= t->du1 ? t->door_loss[band]
								 : t->loss[band] };
	}
	qsort(hits, nh, sizeof(*hits), cmp_hit);
	for (size_t i = 0; i < nh;) {
		double worst = hits[i].loss;
		size_t j = i + 1;

		/* A junction: several walls met at one point take the worst of them, once. */
		while (j < nh && (hits[j].t - hits[i].t) * len < JUNCTION_M)
			worst = fmax(worst, hits[j++].loss);
		loss += worst;
		i = j;
	}
	return loss;
}

static double kind_n(const struct tg_world *w, int room)
{
	return room < 0 ? w->n_kind[TG_BAY] : w->n_kind[w->rooms[room].kind];
}

double tg_mean_dbm(const struct tg_world *w, size_t a, int r, double x, double y)
{
	const struct tg_ap *ap = &w->aps[a];
	const struct tg_radio *rd = &ap->radio[r];
	double dx = x - ap->x, dy = y - ap->y, dz = ap->z - w->rx_h_m;
	double d = sqrt(dx * dx + dy * dy + dz * dz);
	double n = (kind_n(w, ap->room) + kind_n(w, tg_room_at(w, x, y))) / 2;
	double fspl1 = 20 * log10(rd->freq_mhz) - 27.55; /* free space at 1 m, dB */
	double gain = -ap->ftb_db * (1 - cos(atan2(dy, dx) - ap->az_rad)) / 2;

	return rd->eirp_dbm - fspl1 - 10 * n * log10(fmax(d, 1)) + gain -
	       tg_wall_loss(w, ap->x, ap->y, x, y, rd->band);
}

static double features(const double *ph, const double *kx, const double *ky, double x, double y)
{
	double s = 0;

	for (int k = 0; k < 48; k++)
		s += cos(kx[k] * x + ky[k] * y + ph[k]);
	return s * sqrt(2.0 / 48);
}

double tg_true_dbm(const struct tg_world *w, size_t a, int r, double x, double y)
{
	const struct tg_ap *ap = &w->aps[a];
	const struct tg_radio *rd = &ap->radio[r];
	double f = sqrt(0.7) * features(ap->shadow_phase, ap->shadow_kx, ap->shadow_ky, x, y) +
		   sqrt(0.3) * features(rd->shadow_phase, rd->shadow_kx, rd->shadow_ky, x, y);

	return tg_mean_dbm(w, a, r, x, y) + w->sigma_db * f;
}

bool tg_radio_of(const struct tg_world *w, const uint8_t mac[6], int freq_mhz, size_t *ap, int *r)
{
	for (size_t a = 0; a < w->naps; a++)
		for (int q = 0; q < w->aps[a].nradios; q++) {
			uint8_t m[6];

			memcpy(m, w->aps[a].radio[q].mac, 6);
			m[5] &= 0xf0;
			if (memcmp(m, mac, 6) == 0 && w->aps[a].radio[q].freq_mhz == freq_mhz) {
				*ap = a;
				*r = q;
				return true;
			}
		}
	return false;
}

/* ---- the walk ------------------------------------------------------------------ */

struct route {
	struct fp_point *p;
	size_t n, cap;
};

static int route_add(struct route *rt, double x, double y)
{
	if (grow((void **)&rt->p, rt->n, &rt->cap, sizeof(*rt->p)))
		return -ENOMEM;
	rt->p[rt->n++] = (struct fp_point){ x, y };
	return 0;
}

/* The door of room @i on the corridor line y = @yc: its centre x, or NAN. */
static double door_x(const struct tg_world *w, size_t i, double yc)
{
	const struct tg_room *r = &w->rooms[i];

	for (size_t k = 0; k < w->nwalls; k++) {
		const struct tg_wall *t = &w->walls[k];

		if (t->door_mat && fabs(t->ay - yc) < 1e-6 && fabs(t->by - yc) < 1e-6 &&
		    fabs(t->ax - r->x0) < 1e-6)
			return t->ax + (t->du0 + t->du1) / 2 * (t->bx - t->ax);
	}
	return NAN;
}

struct visit {
	double xd;
	size_t room;
};

static int cmp_visit(const void *a, const void *b)
{
	double d = ((const struct visit *)a)->xd - ((const struct visit *)b)->xd;

	return (d > 0) - (d < 0);
}

/* Along corridor @c from west to east, into the rooms chosen for a visit. */
static int corridor_route(struct tg_world *w, const struct tg_room *c, struct route *rt)
{
	struct visit v[128];
	size_t nv = 0;
	double yc = (c->y0 + c->y1) / 2;

	for (size_t i = 0; i < w->nrooms && nv < 128; i++) {
		const struct tg_room *r = &w->rooms[i];
		double yw = fabs(r->y1 - c->y0) < 1e-6 ? c->y0 : fabs(r->y0 - c->y1) < 1e-6 ? c->y1 : NAN;
		double xd;

		if (isnan(yw) || r->kind == TG_IMAGING || r->kind == TG_CORRIDOR ||
		    r->x0 < c->x0 || r->x1 > c->x1 || unif(&w->rng, 0, 1) >= w->o.visit_prob)
			continue;
		if (isnan(xd = door_x(w, i, yw)))
			continue;
		v[nv++] = (struct visit){ xd, i };
	}
	qsort(v, nv, sizeof(*v), cmp_visit);
	if (route_add(rt, c->x0 + 0.8, yc))
		return -ENOMEM;
	for (size_t k = 0; k < nv; k++) {
		const struct tg_room *r = &w->rooms[v[k].room];
		double in = r->y1 <= c->y0 + 1e-6 ? c->y0 - 0.7 : c->y1 + 0.7, cy = (r->y0 + r->y1) / 2;
		double wd = r->x1 - r->x0;

		if (route_add(rt, v[k].xd, yc) || route_add(rt, v[k].xd, in) ||
		    route_add(rt, r->x0 + 0.3 * wd, cy) || route_add(rt, r->x1 - 0.3 * wd, cy) ||
		    route_add(rt, v[k].xd, in) || route_add(rt, v[k].xd, yc))
			return -ENOMEM;
	}
	return route_add(rt, c->x1 - 0.8, yc);
}

/* One scan at true place @p, stored at @p plus the tap error. */
/* The readings of radio @r of AP @a of level world @aw at @p (walking @w): both SSIDs. */
static void scan_radio(struct tg_world *w, const struct tg_world *aw, size_t a, int r,
		       struct fp_point p, struct meas_observation *obs, size_t *n)
{
	const struct tg_radio *rd = &aw->aps[a].radio[r];
	double mean = (w->bld ? tg_level_true_dbm(w->bld, aw->level, a, r, w->level, p.x, p.y)
			      : tg_true_dbm(w, a, r, p.x, p.y)) +
		      w->o.adapter_db;
	double sens = rd->band == FP_BAND_5G ? -88 : -91;

	for (int ss = 0; ss < 2 && *n < 256; ss++) {
		double v = round(mean + w->noise_db * gauss(&w->rng));
		struct meas_observation *o = &obs[*n];

		if (v < sens || unif(&w->rng, 0, 1) < 0.03)
			continue;
		memset(o, 0, sizeof(*o));
		memcpy(o->bssid, rd->mac, 6);
		o->bssid[5] = (uint8_t)(o->bssid[5] + ss);
		snprintf(o->ssid, sizeof(o->ssid), "%s", ss ? "NHS-Guest" : "NHS");
		o->freq_mhz = rd->freq_mhz;
		o->channel = rd->channel;
		o->width_mhz = 20;
		o->signal_dbm = v;
		o->noise_dbm = rd->band == FP_BAND_5G ? -97 : -94;
		o->bss_stations = -1;
		o->bss_utilisation = NAN;
		snprintf(o->security, sizeof(o->security), "wpa2-eap");
		if (w->o.scheme == TG_MAC_NAMED)
			snprintf(o->ap_name, sizeof(o->ap_name), "%s", aw->aps[a].name);
		o->age_ms = (int)unif(&w->rng, 0, 2500);
		(*n)++;
	}
}

/* One scan at @p: every AP of the world (of every level of its building). */
static int scan(struct tg_world *w, struct hm_set *set, struct fp_point p, int64_t walk, int64_t t_us)
{
	struct meas_observation obs[256];
	struct meas_sample s;
	size_t n = 0;
	int room = tg_room_at(w, p.x, p.y);

	if (room >= 0)
		w->rooms[room].walked = true;
	for (int l = 0; l < (w->bld ? w->bld->nlv : 1); l++) {
		const struct tg_world *aw = w->bld ? w->bld->lv[l] : w;

		for (size_t a = 0; a < aw->naps; a++)
			for (int r = 0; r < aw->aps[a].nradios; r++)
				scan_radio(w, aw, a, r, p, obs, &n);
	}
	memset(&s, 0, sizeof(s));
	s.walk_id = walk;
	s.t_us = t_us;
	s.mono_us = t_us;
	s.kind = SAMPLE_SCAN;
	s.status = SAMPLE_OK;
	s.placed = true;
	s.x_m = p.x + 0.3 * gauss(&w->rng);
	s.y_m = p.y + 0.3 * gauss(&w->rng);
	s.noise_dbm = NAN;
	return hm_set_add_sample(set, &s, obs, n, NULL, NULL);
}

/* Scans every step along the route, the distance carried over the corners. */
static int walk_route(struct tg_world *w, struct hm_set *set, const struct route *rt, int64_t walk,
		      int64_t *t_us, int *nscans)
{
	double carry = 0;

	for (size_t k = 0; k + 1 < rt->n; k++) {
		struct fp_point a = rt->p[k], b = rt->p[k + 1];
		double len = hypot(b.x - a.x, b.y - a.y), s;

		for (s = carry; s < len; s += w->o.step_m) {
			struct fp_point p = { a.x + (b.x - a.x) * s / len, a.y + (b.y - a.y) * s / len };

			*t_us += 2500000;
			if (w->o.walk_x_max > 0 && p.x > w->o.walk_x_max)
				continue;
			if (scan(w, set, p, walk, *t_us))
				return -ENOMEM;
			(*nscans)++;
		}
		carry = s - len;
	}
	return 0;
}

int tg_walk(struct tg_world *w, struct hm_set *set)
{
	struct route rt = { 0 };
	int64_t t_us = 1800000000000000;
	int nscans = 0, rc = 0;
	int64_t walk = 1;

	for (size_t i = 0; i < w->nrooms && !rc; i++) {
		const struct tg_room *c = &w->rooms[i];

		if (c->kind != TG_CORRIDOR || c->x1 - c->x0 < 10)
			continue;
		rt.n = 0;
		rc = corridor_route(w, c, &rt) || walk_route(w, set, &rt, walk++, &t_us, &nscans);
	}
	/* The cross corridor by the core, walked end to end. */
	for (size_t i = 0; i < w->nrooms && !rc; i++) {
		const struct tg_room *c = &w->rooms[i];

		if (c->kind != TG_CORRIDOR || c->x1 - c->x0 >= 10)
			continue;
		rt.n = 0;
		rc = route_add(&rt, (c->x0 + c->x1) / 2, c->y0 - 1.2) ||
		     route_add(&rt, (c->x0 + c->x1) / 2, c->y1 + 1.2) ||
		     walk_route(w, set, &rt, walk++, &t_us, &nscans);
	}
	free(rt.p);
	return rc ? -ENOMEM : nscans;
}

/* ---- a building of levels ------------------------------------------------------ */

struct tg_building *tg_building_new(const struct tg_opts *o, int nlv)
{
	struct tg_building *b = calloc(1, sizeof(*b));
	uint64_t rng = o->seed * 0x9e3779b97f4a7c15ull + 3;

	if (!b || nlv < 1 || nlv > TG_MAX_LEVELS) {
		free(b);
		return NULL;
	}
	b->storey_m = 4.2;
	for (int k = 0; k < nlv; k++) {
		struct tg_opts lo = *o;
		const struct fp_slab *sl = fp_slab_find("concrete-slab");
		double f = unif(&rng, 0.8, 1.3);

		lo.seed = o->seed + 7 * (uint64_t)k;
		if (!(b->lv[k] = tg_world_new(&lo))) {
			tg_building_free(b);
			return NULL;
		}
		b->nlv = k + 1;
		b->lv[k]->bld = b;
		b->lv[k]->level = k;
		for (int band = 0; band < FP_NBANDS; band++)
			b->slab_db[k][band] = sl->loss_db[band] * f;
		for (size_t a = 0; a < b->lv[k]->naps; a++)
			snprintf(b->lv[k]->aps[a].name, sizeof(b->lv[k]->aps[a].name), "L%d-AP%02zu", k + 1,
				 a + 1);
		/* What notspot is told: the level, its height, the table's slab. */
		struct floorplan *fp = b->lv[k]->fp;

		snprintf(fp->name, sizeof(fp->name), "Level %d", k + 1);
		fp->level = k + 1;
		fp->elevation_m = k * b->storey_m;
		fp->height_m = b->storey_m;
	}
	return b;
}

void tg_building_free(struct tg_building *b)
{
	if (!b)
		return;
	for (int k = 0; k < b->nlv; k++)
		tg_world_free(b->lv[k]);
	free(b);
}

double tg_level_mean_dbm(const struct tg_building *b, int la, size_t a, int r, int lrx, double x,
			 double y)
{
	const struct tg_world *w = b->lv[la], *wr = b->lv[lrx];
	const struct tg_ap *ap = &w->aps[a];
	const struct tg_radio *rd = &ap->radio[r];
	double dx = x - ap->x, dy = y - ap->y;
	double dz = (la - lrx) * b->storey_m + ap->z - wr->rx_h_m;
	double d = sqrt(dx * dx + dy * dy + dz * dz), slab = 0, walls;
	double n = (kind_n(w, ap->room) + kind_n(wr, tg_room_at(wr, x, y))) / 2;
	double fspl1 = 20 * log10(rd->freq_mhz) - 27.55;
	double gain = -ap->ftb_db * (1 - cos(atan2(dy, dx) - ap->az_rad)) / 2;

	if (la == lrx)
		return tg_mean_dbm(w, a, r, x, y);
	/* The slabs between, the first in full, each further at 60 %. */
	for (int k = (la < lrx ? la : lrx) + 1, i = 0; k <= (la < lrx ? lrx : la); k++, i++)
		slab += b->slab_db[k][rd->band] * (i ? 0.6 : 1);
	walls = 0.5 * tg_wall_loss(w, ap->x, ap->y, x, y, rd->band) +
		0.5 * tg_wall_loss(wr, ap->x, ap->y, x, y, rd->band);
	return rd->eirp_dbm - fspl1 - 10 * n * log10(fmax(d, 1)) + gain - slab - walls -
	       (lrx > la ? 3 : 0);
}

double tg_level_true_dbm(const struct tg_building *b, int la, size_t a, int r, int lrx, double x,
			 double y)
{
	const struct tg_ap *ap = &b->lv[la]->aps[a];
	const struct tg_radio *rd = &ap->radio[r];
	double f = sqrt(0.7) * features(ap->shadow_phase, ap->shadow_kx, ap->shadow_ky, x, y) +
		   sqrt(0.3) * features(rd->shadow_phase, rd->shadow_kx, rd->shadow_ky, x, y);

	return tg_level_mean_dbm(b, la, a, r, lrx, x, y) + b->lv[la]->sigma_db * f;
}

bool tg_building_radio_of(const struct tg_building *b, const uint8_t mac[6], int freq_mhz, int *lv,
			  size_t *ap, int *r)
{
	for (int k = 0; k < b->nlv; k++)
		if (tg_radio_of(b->lv[k], mac, freq_mhz, ap, r)) {
			*lv = k;
			return true;
		}
	return false;
}
