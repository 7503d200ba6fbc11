/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_elements.c — what is drawn on a floor: wards, walls, openings, access
 * points (with their radios) and attenuation areas. A whole floor's elements
 * are written and read in one loop for all five kinds (adding and updating a
 * floor, loading it); one element at a time is added, updated, removed and
 * read by the calls an editor saves each edit with.
 *
 * Each kind is rows of one table keyed by floor_id, written and read through
 * its description (store_schema.c). This file knows only where each kind's
 * array lies in a struct floorplan, how a row read back joins the floor
 * (through the model's floorplan_add_*(), which checks it as any other
 * caller's) and which check of floorplans/validate.h a row must pass to be
 * written. Radios are rows of ap_radios keyed (ap_id, seq), replaced with
 * their AP.
 */
#include "survey/store_private.h"

#include <errno.h>
#include <stdlib.h>

#include "floorplans/validate.h"

enum geo { GEO_WARDS, GEO_WALLS, GEO_OPENINGS, GEO_APS, GEO_AREAS, GEO_COUNT };

struct geo_kind {
	const struct store_table *t;
	enum store_slot select;   /* where its floor's SELECT is cached */
	enum store_slot update;   /* where its UPDATE by id is cached */
};

static const struct geo_kind geo[GEO_COUNT] = {
	[GEO_WARDS] = { &store_wards, SLOT_SEL_WARDS, SLOT_UPD_WARD },
	[GEO_WALLS] = { &store_walls, SLOT_SEL_WALLS, SLOT_UPD_WALL },
	[GEO_OPENINGS] = { &store_openings, SLOT_SEL_OPENINGS, SLOT_UPD_OPENING },
	[GEO_APS] = { &store_aps, SLOT_SEL_APS, SLOT_UPD_AP },
	[GEO_AREAS] = { &store_areas, SLOT_SEL_AREAS, SLOT_UPD_AREA },
};

/* One element of any kind. */
union geo_row {
	struct fp_ward ward;
	struct fp_wall wall;
	struct fp_opening opening;
	struct fp_ap ap;
	struct fp_area area;
};

/* @fp's array of kind @g: its first entry, its length and the size of one entry. */
struct geo_array {
	void *first;
	size_t n, size;
};

static struct geo_array geo_array(struct floorplan *fp, enum geo g)
{
	switch (g) {
	case GEO_WARDS:
		return (struct geo_array){ fp->wards, fp->nwards, sizeof(*fp->wards) };
	case GEO_WALLS:
		return (struct geo_array){ fp->walls, fp->nwalls, sizeof(*fp->walls) };
	case GEO_OPENINGS:
		return (struct geo_array){ fp->openings, fp->nopenings, sizeof(*fp->openings) };
	case GEO_APS:
		return (struct geo_array){ fp->aps, fp->naps, sizeof(*fp->aps) };
	case GEO_AREAS:
		return (struct geo_array){ fp->areas, fp->nareas, sizeof(*fp->areas) };
	case GEO_COUNT:
		break;
	}
	return (struct geo_array){ NULL, 0, 0 };
}

static size_t geo_size(enum geo g)
{
	static const size_t size[GEO_COUNT] = {
		[GEO_WARDS] = sizeof(struct fp_ward), [GEO_WALLS] = sizeof(struct fp_wall),
		[GEO_OPENINGS] = sizeof(struct fp_opening), [GEO_APS] = sizeof(struct fp_ap),
		[GEO_AREAS] = sizeof(struct fp_area),
	};

	return size[g];
}

/* What the model refuses of element @row of kind @g on @fp (its drawing bounds outlines). */
static int geo_check(const struct floorplan *fp, enum geo g, const void *row,
		     struct ns_err *err)
{
	switch (g) {
	case GEO_WARDS:
		return fp_check_ward(fp, row, err);
	case GEO_WALLS:
		return fp_check_wall(fp, row, err);
	case GEO_OPENINGS:
		return fp_check_opening(fp, row, err);
	case GEO_APS:
		return fp_check_ap(fp, row, err);
	case GEO_AREAS:
		return fp_check_area(fp, row, err);
	case GEO_COUNT:
		break;
	}
	return -EINVAL;
}

/* Free what a row read back owns. */
static void geo_release(enum geo g, union geo_row *r)
{
	if (g == GEO_WARDS)
		fp_ward_release(&r->ward);
	else if (g == GEO_WALLS)
		fp_wall_release(&r->wall);
	else if (g == GEO_AREAS)
		fp_area_release(&r->area);
}

/* Add @r (of kind @g, as read) to @fp through the model; frees @r's points. */
static int geo_add(struct floorplan *fp, enum geo g, union geo_row *r)
{
	int rc;

	switch (g) {
	case GEO_WARDS:
		rc = floorplan_add_ward(fp, r->ward.name, r->ward.pts, r->ward.npts);
		if (!rc)
			fp->wards[fp->nwards - 1].id = r->ward.id;
		break;
	case GEO_WALLS:
		rc = floorplan_add_wall(fp, r->wall.pts, r->wall.npts, r->wall.material,
					r->wall.loss_db);
		if (!rc)
			fp->walls[fp->nwalls - 1].id = r->wall.id;
		break;
	case GEO_OPENINGS:
		rc = floorplan_add_opening(fp, r->opening.a, r->opening.b, r->opening.kind,
					   r->opening.loss_db);
		if (!rc)
			fp->openings[fp->nopenings - 1].id = r->opening.id;
		break;
	case GEO_APS:
		rc = floorplan_add_ap(fp, &r->ap);
		break;
	case GEO_AREAS:
		rc = floorplan_add_area(fp, &r->area);
		break;
	default:
		rc = -EINVAL;
		break;
	}
	geo_release(g, r);
	return rc;
}

/* The sentence for row @id of kind @g that could not join the floor (@rc). */
static int geo_damaged(enum geo g, int64_t id, int rc, struct ns_err *err)
{
	int code = rc == -ENOMEM ? rc : -EBADMSG;

	if (g == GEO_WARDS)
		return ns_err_set(err, code, "ward %lld's outline is damaged", (long long)id);
	if (g == GEO_WALLS)
		return ns_err_set(err, code, "wall %lld's points are damaged", (long long)id);
	if (g == GEO_AREAS)
		return ns_err_set(err, code, "area %lld's outline is damaged", (long long)id);
	return ns_err_set(err, -ENOMEM, "out of memory");
}

/* ---- radios ------------------------------------------------------------------------ */

/* AP @ap's radios as rows (ap_id, seq), replacing any it had. */
static int write_radios(struct survey *s, const struct fp_ap *ap, int64_t ap_id,
			struct ns_err *err)
{
	int64_t keys[2] = { ap_id, 0 };
	char *sql = sqlite3_mprintf("DELETE FROM ap_radios WHERE ap_id = %lld", (long long)ap_id);
	int rc;

	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_exec(s, sql, err, "cannot replace the AP's radios");
	sqlite3_free(sql);
	for (size_t i = 0; !rc && i < ap->nradios && i < FP_MAX_RADIOS; i++) {
		keys[1] = (int64_t)i;
		rc = store_insert(s, &store_ap_radios, keys, &ap->radios[i], false, err);
	}
	return rc;
}

/* The radios of the APs @aps (@n) that @st (ap_id, seq, columns…) finds, by id. */
static int read_radios(struct survey *s, sqlite3_stmt *st, struct fp_ap *aps, size_t n,
		       struct ns_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t ap_id = sqlite3_column_int64(st, 0), seq = sqlite3_column_int64(st, 1);

		for (size_t i = 0; i < n; i++) {
			struct fp_ap *ap = &aps[i];

			if (ap->id != ap_id || seq < 0 || seq >= FP_MAX_RADIOS)
				continue;
			store_read_row(st, 2, &store_ap_radios, &ap->radios[seq]);
			if ((size_t)seq + 1 > ap->nradios)
				ap->nradios = (size_t)seq + 1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : survey_sql_error(s, rc, err, "cannot read the APs' radios");
}

/* Radios of the APs of floor @fp->id into @fp->aps. */
static int load_radios(struct survey *s, struct floorplan *fp, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!fp->naps)
		return 0;
	rc = store_select_keys(s, &store_ap_radios,
			       "WHERE ap_id IN (SELECT id FROM aps WHERE floor_id = ?) "
			       "ORDER BY ap_id, seq", &st, "cannot read the APs' radios", err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, fp->id);
	rc = read_radios(s, st, fp->aps, fp->naps, err);
	sqlite3_finalize(st);
	return rc;
}

/* ---- a whole floor's elements -------------------------------------------------------- */

/*
 * Insert element @row of kind @g under floor @fid (and an AP's radios). With
 * @keep_ids, a row that has an id keeps it and is not checked again: a floor
 * rewritten whole (a new scale, one element added) must not strand what was
 * stored before; new rows are always checked.
 */
static int insert_element(struct survey *s, const struct floorplan *fp, enum geo g,
			  int64_t fid, void *row, bool keep_ids, struct ns_err *err)
{
	bool kept = keep_ids && store_row_id(geo[g].t, row) > 0;
	int rc = kept ? 0 : geo_check(fp, g, row, err);

	if (!rc)
		rc = store_insert(s, geo[g].t, &fid, row, keep_ids, err);
	if (rc)
		return rc;
	store_set_row_id(geo[g].t, row, sqlite3_last_insert_rowid(s->db));
	if (g == GEO_APS)
		rc = write_radios(s, row, store_row_id(geo[g].t, row), err);
	return rc;
}

int store_write_elements(struct survey *s, int64_t fid, struct floorplan *fp, bool keep_ids,
			 struct ns_err *err)
{
	for (int g = 0; g < GEO_COUNT; g++) {
		struct geo_array a = geo_array(fp, g);

		for (size_t i = 0; i < a.n; i++) {
			int rc = insert_element(s, fp, g, fid, (char *)a.first + i * a.size,
						keep_ids, err);

			if (rc)
				return rc;
		}
	}
	return 0;
}

int store_delete_elements(struct survey *s, int64_t fid, struct ns_err *err)
{
	for (int g = 0; g < GEO_COUNT; g++) {
		char *sql = sqlite3_mprintf("DELETE FROM %s WHERE floor_id = %lld", geo[g].t->name,
					    (long long)fid);
		int rc;

		if (!sql)
			return ns_err_set(err, -ENOMEM, "out of memory");
		rc = store_exec(s, sql, err, "cannot replace the floor's geometry");
		sqlite3_free(sql);
		if (rc)
			return rc;
	}
	return 0;
}

/* Read @fp->id's rows of kind @g into @fp, by id. */
static int load_rows(struct survey *s, struct floorplan *fp, enum geo g, struct ns_err *err)
{
	static const char what[] = "cannot read the floor's geometry";
	const struct store_table *t = geo[g].t;
	union geo_row row;
	sqlite3_stmt *st;
	int rc = store_select_cached(s, geo[g].select, t, "WHERE floor_id = ? ORDER BY id", &st,
				     what, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, fp->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		rc = store_read_row(st, 0, t, &row);
		if (!rc)
			rc = geo_add(fp, g, &row);
		else
			geo_release(g, &row);
		if (rc) {
			rc = geo_damaged(g, store_row_id(t, &row), rc, err);
			goto out;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : survey_sql_error(s, rc, err, what);
out:
	store_release(st);
	return rc;
}

int store_load_elements(struct survey *s, struct floorplan *fp, struct ns_err *err)
{
	int rc = 0;

	for (int g = 0; g < GEO_COUNT && !rc; g++)
		rc = load_rows(s, fp, g, err);
	return rc ? rc : load_radios(s, fp, err);
}

/* ---- one element at a time ------------------------------------------------------------ */

/* The floor element @id of kind @g is on, into *@fid. */
static int element_floor(struct survey *s, enum geo g, int64_t id, int64_t *fid,
			 struct ns_err *err)
{
	char *sql = sqlite3_mprintf("SELECT floor_id FROM %s WHERE id = %lld", geo[g].t->name,
				    (long long)id);
	int rc;

	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_query_int(s->db, sql, fid);
	sqlite3_free(sql);
	if (rc == SQLITE_NOTFOUND)
		return ns_err_set(err, -ENOENT, "there is no %s %lld", geo[g].t->thing,
				  (long long)id);
	return rc == SQLITE_OK ? 0 : survey_sql_error(s, rc, err, "cannot find the element");
}

/* Ward names are unique on a floor: another ward than @self called @name is refused. */
static int check_ward_name(struct survey *s, const struct floorplan *fp, const char *name,
			   int64_t self, struct ns_err *err)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM wards WHERE floor_id = %lld AND "
				    "name = %Q AND id != %lld", (long long)fp->id, name,
				    (long long)self);
	int64_t n = 0;
	int rc;

	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_query_int(s->db, sql, &n);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return survey_sql_error(s, rc, err, "cannot check the ward's name");
	if (n)
		return ns_err_set(err, -EEXIST, "floor '%s' already has a ward called '%s'",
				  fp->name, name);
	return 0;
}

/*
 * A copy of element @e of kind @g as it will be stored (an AP's empty mount
 * becomes "ceiling"), checked against floor @fid; *@fp is the floor's row.
 */
static int prepare_element(struct survey *s, enum geo g, int64_t fid, const void *e,
			   union geo_row *row, struct floorplan **fp, struct ns_err *err)
{
	int rc = store_load_floor_row(s, fid, false, fp, err);

	if (rc)
		return rc;
	memcpy(row, e, geo_size(g));
	if (g == GEO_APS && !row->ap.mount[0])
		memcpy(row->ap.mount, "ceiling", sizeof("ceiling"));
	rc = geo_check(*fp, g, row, err);
	if (!rc && g == GEO_WARDS)
		rc = check_ward_name(s, *fp, row->ward.name, store_row_id(geo[g].t, row), err);
	return rc;
}

static int64_t element_add(struct survey *s, enum geo g, int64_t fid, const void *e,
			   struct ns_err *err)
{
	struct floorplan *fp = NULL;
	union geo_row row;
	int64_t id = 0;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	rc = prepare_element(s, g, fid, e, &row, &fp, err);
	if (!rc) {
		store_set_row_id(geo[g].t, &row, 0);
		rc = insert_element(s, fp, g, fid, &row, false, err);
		id = store_row_id(geo[g].t, &row);
	}
	floorplan_free(fp);
	if (rc) {
		survey_rollback(s);
		return rc;
	}
	rc = survey_commit(s, err);
	return rc ? rc : id;
}

static int element_update(struct survey *s, enum geo g, const void *e, struct ns_err *err)
{
	const struct store_table *t = geo[g].t;
	struct floorplan *fp = NULL;
	union geo_row row;
	int64_t fid;
	int rc = survey_begin(s, err);

	if (rc)
		return rc;
	rc = element_floor(s, g, store_row_id(t, e), &fid, err);
	if (!rc)
		rc = prepare_element(s, g, fid, e, &row, &fp, err);
	if (!rc)
		rc = store_update(s, t, geo[g].update, &row, t->ncols, err);
	if (!rc && g == GEO_APS)
		rc = write_radios(s, &row.ap, row.ap.id, err);
	floorplan_free(fp);
	if (rc) {
		survey_rollback(s);
		return rc;
	}
	return survey_commit(s, err);
}

static int element_remove(struct survey *s, enum geo g, int64_t id, struct ns_err *err)
{
	char *sql;
	int rc = store_writable(s, err);

	if (rc)
		return rc;
	sql = sqlite3_mprintf("DELETE FROM %s WHERE id = %lld", geo[g].t->name, (long long)id);
	if (!sql)
		return ns_err_set(err, -ENOMEM, "out of memory");
	rc = store_exec(s, sql, err, "cannot remove the element");
	sqlite3_free(sql);
	if (!rc && sqlite3_changes(s->db) != 1)
		rc = ns_err_set(err, -ENOENT, "there is no %s %lld", geo[g].t->thing, (long long)id);
	return rc;
}

/* The radios of one AP @ap->id into @ap. */
static int load_ap_radios(struct survey *s, struct fp_ap *ap, struct ns_err *err)
{
	sqlite3_stmt *st;
	int rc = store_select_keys(s, &store_ap_radios, "WHERE ap_id = ? ORDER BY seq", &st,
				   "cannot read the AP's radios", err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, ap->id);
	ap->nradios = 0;
	rc = read_radios(s, st, ap, 1, err);
	sqlite3_finalize(st);
	return rc;
}

/* The row of element @id of kind @g into @out. */
static int read_element(struct survey *s, enum geo g, int64_t id, union geo_row *out,
			struct ns_err *err)
{
	const struct store_table *t = geo[g].t;
	sqlite3_stmt *st;
	int rc = store_select(s, t, "WHERE id = ?", &st, "cannot read the element", err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = store_read_row(st, 0, t, out);
		if (rc)
			rc = geo_damaged(g, id, rc, err);
	} else if (rc == SQLITE_DONE) {
		rc = ns_err_set(err, -ENOENT, "there is no %s %lld", t->thing, (long long)id);
	} else {
		rc = survey_sql_error(s, rc, err, "cannot read the element");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Element @id of kind @g into @out (an AP with its radios); its floor into *@floor_id. */
static int element_get(struct survey *s, enum geo g, int64_t id, void *out, int64_t *floor_id,
		       struct ns_err *err)
{
	union geo_row row;
	int64_t fid;
	int rc;

	memset(out, 0, geo_size(g));
	memset(&row, 0, sizeof(row));
	rc = element_floor(s, g, id, &fid, err);
	if (!rc)
		rc = read_element(s, g, id, &row, err);
	if (!rc && g == GEO_APS)
		rc = load_ap_radios(s, &row.ap, err);
	if (rc) {
		geo_release(g, &row);
		return rc;
	}
	memcpy(out, &row, geo_size(g));
	if (floor_id)
		*floor_id = fid;
	return 0;
}

/* ---- the typed calls of survey.h ------------------------------------------------------ */

#define ELEMENT_CALLS(kind, T, G)                                                              \
	int64_t survey_add_##kind(struct survey *s, int64_t floor_id, const T *e,               \
				  struct ns_err *err)                                            \
	{                                                                                       \
		return element_add(s, G, floor_id, e, err);                                     \
	}                                                                                       \
	int survey_update_##kind(struct survey *s, const T *e, struct ns_err *err)             \
	{                                                                                       \
		return element_update(s, G, e, err);                                            \
	}                                                                                       \
	int survey_remove_##kind(struct survey *s, int64_t id, struct ns_err *err)             \
	{                                                                                       \
		return element_remove(s, G, id, err);                                           \
	}                                                                                       \
	int survey_get_##kind(struct survey *s, int64_t id, T *out, int64_t *floor_id,          \
			      struct ns_err *err)                                                \
	{                                                                                       \
		return element_get(s, G, id, out, floor_id, err);                               \
	}

ELEMENT_CALLS(ward, struct fp_ward, GEO_WARDS)
ELEMENT_CALLS(wall, struct fp_wall, GEO_WALLS)
ELEMENT_CALLS(opening, struct fp_opening, GEO_OPENINGS)
ELEMENT_CALLS(ap, struct fp_ap, GEO_APS)
ELEMENT_CALLS(area, struct fp_area, GEO_AREAS)
