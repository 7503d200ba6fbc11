/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_formats_openintent.c — OpenIntent in and out: an export of a simulated
 * survey of the example floor validates against notspot's own schema (and
 * against the published one when NOTSPOT_OPENINTENT_SCHEMA names a copy),
 * reads back to the same walls, APs, observations and positions; a path with
 * LINEAR_BY_TIME places nothing across an END→START break; the adapter's
 * calibration is kept as provenance; a wrong type is one sentence naming its
 * JSON path and nothing is imported.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "formats/openintent.h"
#include "formats/project.h"
#include "survey/survey.h"
#include "tests/support/report_survey.h"
#include "tests/support/survey_fixtures.h"
#include "util/file.h"

#define VALIDATOR "tests/formats/validate_json_schema.py"
#define OUR_SCHEMA "formats/openintent-export.schema.json"

struct fixture {
	char *dir;
	char src[512], doc[512], dst[512];
};

static char *path_in(const char *dir, const char *name, char *buf)
{
	snprintf(buf, 512, "%s/%s", dir, name);
	return buf;
}

/* The example floor walked along Ward 21, exported once for every test. */
static int setup(void **state)
{
	static struct fixture f;
	struct ns_err err;
	struct survey *s;
	FILE *out;

	f.dir = survey_test_tmpdir();
	path_in(f.dir, "src.notspot", f.src);
	path_in(f.dir, "doc.json", f.doc);
	path_in(f.dir, "dst.notspot", f.dst);
	if (rs_make_survey(f.src, NULL, 0, RS_WARD21, &err))
		return fprintf(stderr, "%s\n", err.msg), -1;
	if (survey_open(f.src, SURVEY_READ_ONLY, &s, &err) || !(out = fopen(f.doc, "w")))
		return -1;
	if (fmt_openintent_export(s, out, NULL, NULL, &err))
		return fprintf(stderr, "%s\n", err.msg), -1;
	fclose(out);
	survey_close(s);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	survey_test_rmdir(f->dir);
	return 0;
}

/* The system's python3 (Debian's jsonschema), else the first on PATH. */
static int validate(const char *schema, const char *doc)
{
	char cmd[2048];
	const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
	int st;

	snprintf(cmd, sizeof(cmd), "%s %s '%s' '%s'", py, VALIDATOR, schema, doc);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_export_validates_against_notspots_schema(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(validate(OUR_SCHEMA, f->doc), 0);
}

static void test_export_validates_against_the_published_schema_when_given(void **state)
{
	struct fixture *f = *state;
	const char *schema = getenv("NOTSPOT_OPENINTENT_SCHEMA");

	if (!schema || !*schema) {
		printf("skipped: set NOTSPOT_OPENINTENT_SCHEMA to a copy of OpenIntent's "
		       "oi-wifi.schema.json (2.x) to validate against it\n");
		skip();
	}
	assert_int_equal(validate(schema, f->doc), 0);
}

/* Our schema is strict: a document with a key we never write fails it. */
static void test_our_schema_refuses_what_we_do_not_write(void **state)
{
	struct fixture *f = *state;
	char bad[512], cmd[2048];

	path_in(f->dir, "bad.json", bad);
	snprintf(cmd, sizeof(cmd), "sed 's/\"notspot_version\"/\"nonsense\":1,\"notspot_version\"/' "
		 "'%s' > '%s'", f->doc, bad);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(validate(OUR_SCHEMA, bad), 1);
}

/* Read @text into a new survey at @path; returns fmt_project_store()'s result. */
static int import_text(const char *path, const char *text, struct fmt_store_stats *st,
		       struct ns_err *err)
{
	struct fmt_project p;
	struct survey *s;
	int rc;

	remove(path);
	if (survey_create(path, NULL, &s, err))
		return -1;
	fmt_project_init(&p, "openintent");
	rc = fmt_openintent_read(text, strlen(text), &p, err);
	if (!rc)
		rc = fmt_project_store(s, &p, "openintent:test", st, err);
	fmt_project_release(&p);
	survey_close(s);
	return rc;
}

struct placed {
	int64_t t;
	bool placed;
	double x, y;
	size_t nobs;
};

struct samples {
	struct placed v[4096];
	size_t n, nobs;
};

static int collect(void *arg, const struct meas_sample *sm, const struct meas_observation *obs,
		   size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct samples *s = arg;

	(void)obs;
	(void)link;
	(void)tput;
	if (sm->kind != SAMPLE_SCAN || s->n == 4096)
		return 0;
	s->v[s->n++] = (struct placed){ sm->t_us, sm->placed, sm->x_m, sm->y_m, nobs };
	s->nobs += nobs;
	return 0;
}

static void load(const char *path, struct floorplan **fp, struct samples *smp)
{
	const struct survey_query q = { 0 };
	struct ns_err err;
	struct survey *s;
	int64_t id;

	assert_int_equal(survey_open(path, SURVEY_READ_ONLY, &s, &err), 0);
	id = survey_find_floor(s, "Level 2", &err);
	assert_true(id > 0);
	assert_int_equal(survey_load_floor(s, id, fp, &err), 0);
	memset(smp, 0, sizeof(*smp));
	assert_int_equal(survey_foreach_sample(s, &q, collect, smp, &err), 0);
	survey_close(s);
}

static void assert_near(double a, double b)
{
	if (fabs(a - b) > 1e-6)
		fail_msg("%.9f is not %.9f", a, b);
}

static void assert_same_geometry(const struct floorplan *a, const struct floorplan *b)
{
	assert_int_equal(a->nwalls, b->nwalls);
	for (size_t i = 0; i < a->nwalls; i++) {
		assert_string_equal(a->walls[i].material, b->walls[i].material);
		assert_int_equal(a->walls[i].npts, b->walls[i].npts);
		for (size_t k = 0; k < a->walls[i].npts; k++) {
			assert_near(a->walls[i].pts[k].x, b->walls[i].pts[k].x);
			assert_near(a->walls[i].pts[k].y, b->walls[i].pts[k].y);
		}
		for (int band = 0; band < FP_NBANDS; band++)
			assert_near(a->walls[i].loss_db[band], b->walls[i].loss_db[band]);
	}
	assert_int_equal(a->nopenings, b->nopenings);
	assert_int_equal(a->nwards, b->nwards);
	for (size_t i = 0; i < a->nwards; i++)
		assert_string_equal(a->wards[i].name, b->wards[i].name);
	assert_int_equal(a->naps, b->naps);
	for (size_t i = 0; i < a->naps; i++) {
		assert_string_equal(a->aps[i].name, b->aps[i].name);
		assert_string_equal(a->aps[i].source, b->aps[i].source);
		assert_near(a->aps[i].pos.x, b->aps[i].pos.x);
		assert_near(a->aps[i].pos.y, b->aps[i].pos.y);
		assert_near(a->aps[i].height_m, b->aps[i].height_m);
	}
	assert_near(a->px_per_m, b->px_per_m);
	assert_near(a->origin_x_px, b->origin_x_px);
	assert_near(a->origin_y_px, b->origin_y_px);
}

/* The walks' provenance comes back: the adapter's name, model and driver. */
static void assert_same_walk_provenance(const char *src, const char *dst)
{
	struct survey_walk *wa, *wb;
	struct survey *sa, *sb;
	struct ns_err err;
	size_t na, nb;

	assert_int_equal(survey_open(src, SURVEY_READ_ONLY, &sa, &err), 0);
	assert_int_equal(survey_open(dst, SURVEY_READ_ONLY, &sb, &err), 0);
	assert_int_equal(survey_list_walks(sa, 0, &wa, &na, &err), 0);
	assert_int_equal(survey_list_walks(sb, 0, &wb, &nb, &err), 0);
	assert_true(na > 0);
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_string_equal(wb[i].interface, wa[i].interface);
		assert_string_equal(wb[i].adapter, wa[i].adapter[0] ? wa[i].adapter : wa[i].chipset);
		assert_string_equal(wb[i].driver, wa[i].driver);
		assert_int_equal(survey_walk_is_simulated(&wb[i]), survey_walk_is_simulated(&wa[i]));
	}
	free(wa);
	free(wb);
	survey_close(sa);
	survey_close(sb);
}

static void test_export_then_import_gives_the_same_survey_content(void **state)
{
	struct fixture *f = *state;
	static struct samples a, b;
	struct floorplan *fa, *fb;
	struct fmt_store_stats st;
	struct ns_err err;
	char *text;
	size_t len;

	assert_int_equal(ns_read_file(f->doc, SIZE_MAX, &text, &len, &err), 0);
	assert_int_equal(import_text(f->dst, text, &st, &err), 0);
	free(text);
	load(f->src, &fa, &a);
	load(f->dst, &fb, &b);
	assert_same_geometry(fa, fb);
	assert_true(a.n > 50);
	assert_int_equal(a.n, b.n);
	assert_int_equal(a.nobs, b.nobs);
	assert_int_equal(st.observations, a.nobs);
	for (size_t i = 0; i < a.n; i++) {
		assert_int_equal(a.v[i].t, b.v[i].t);
		assert_int_equal(a.v[i].placed, b.v[i].placed);
		assert_int_equal(a.v[i].nobs, b.v[i].nobs);
		if (a.v[i].placed) {
			assert_near(a.v[i].x, b.v[i].x);
			assert_near(a.v[i].y, b.v[i].y);
		}
	}
	floorplan_free(fa);
	floorplan_free(fb);
	assert_same_walk_provenance(f->src, f->dst);
}

/*
 * A small continuous survey written for these tests: a 20 x 10 m floor, a walk
 * east along y = 5 m (OpenIntent's y is up), a break, and a walk west along
 * y = 2 m; three scans: in the first leg, in the break, in the second leg.
 */
#define WALK_DOC(tx_power)                                                              \
	"{\"openintent_version\":\"2.1.0\",\"hamina_project\":{\"anything\":[1,2]},"          \
	"\"floorplans\":[{\"name\":\"Level 2\",\"floor_id\":\"2\",\"dimensions\":["            \
	"{\"width\":20,\"length\":10,\"unit\":\"meters\"}],"                                    \
	"\"wall_segments\":[{\"wall_type\":\"Concrete\",\"start_point\":{\"x\":0,\"y\":0},"     \
	"\"end_point\":{\"x\":20,\"y\":0}}],"                                                   \
	"\"survey_paths\":[{\"id\":\"p1\",\"start_time\":\"2026-01-02T03:04:05Z\","            \
	"\"position_interpolation\":\"LINEAR_BY_TIME\",\"path_type\":\"CONTINUOUS\","          \
	"\"survey_device\":{\"manufacturer\":\"Acme\",\"model\":\"Surveyor 2\","               \
	"\"software_name\":\"WalkApp\",\"software_version\":\"1.0\",\"host_platform\":"        \
	"\"Android\",\"host_software_version\":\"14\",\"wifi_adapters\":[{\"identifier\":"      \
	"\"wlan0\",\"manufacturer\":\"Acme Radio\",\"model\":\"X1\","                           \
	"\"rssi_calibration_offset_db\":1.5}]},"                                               \
	"\"path_points\":["                                                                    \
	"{\"time_offset_us\":0,\"path_indicator\":\"START\",\"coordinate\":{\"coordinate_xyz\":" \
	"{\"x\":0,\"y\":5,\"unit\":\"meters\"}}},"                                              \
	"{\"time_offset_us\":10000000,\"path_indicator\":\"END\",\"coordinate\":"              \
	"{\"coordinate_xyz\":{\"x\":10,\"y\":5,\"unit\":\"meters\"}}},"                         \
	"{\"time_offset_us\":20000000,\"path_indicator\":\"START\",\"coordinate\":"            \
	"{\"coordinate_xyz\":{\"x\":10,\"y\":2,\"unit\":\"meters\"}}},"                         \
	"{\"time_offset_us\":30000000,\"path_indicator\":\"END\",\"coordinate\":"              \
	"{\"coordinate_xyz\":{\"x\":0,\"y\":2,\"unit\":\"meters\"}}}],"                         \
	"\"scan_events\":["                                                                    \
	"{\"started_offset_us\":5000000,\"adapter_identifier\":\"wlan0\",\"wifi_observations\":" \
	"[{\"bssid\":\"02:11:22:33:44:50\",\"rssi_dbm\":-60.5,\"frequency_mhz\":5180,"          \
	"\"ssid\":\"Ward\",\"security_modes\":[\"WPA2_PERSONAL\",\"WPA3_PERSONAL\"],"          \
	"\"channel_width\":\"80_MHz\",\"vendor_thing\":true}]},"                               \
	"{\"started_offset_us\":15000000,\"wifi_observations\":[{\"bssid\":"                   \
	"\"02:11:22:33:44:50\",\"rssi_dbm\":-70,\"frequency_mhz\":5180}]},"                     \
	"{\"started_offset_us\":25000000,\"wifi_observations\":[{\"bssid\":"                   \
	"\"02:11:22:33:44:50\",\"rssi_dbm\":-65,\"frequency_mhz\":5180,"                        \
	"\"ssid_bytes_base64\":\"V2FyZP8=\"}]}]}]}],"                                          \
	"\"accesspoints\":[{\"name\":\"AP1\",\"floorplan_name\":\"Level 2\",\"coordinates\":"  \
	"[{\"coordinate_xyz\":{\"x\":4,\"y\":6,\"z\":3,\"unit\":\"meters\"}}],"                 \
	"\"dot11_radios\":[{\"id\":0,\"radio_function\":\"CLIENT_ACCESS\",\"band\":"           \
	"\"FREQ_5GHZ\",\"channel\":36,\"transmit_power\":" tx_power "}]}]}"

struct walk_seen {
	struct samples smp;
	struct meas_observation first, last;
};

static int see_walk(void *arg, const struct meas_sample *sm, const struct meas_observation *obs,
		    size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct walk_seen *w = arg;

	if (w->smp.n == 0 && nobs)
		w->first = obs[0];
	if (nobs)
		w->last = obs[0];
	return collect(&w->smp, sm, obs, nobs, link, tput);
}

static void test_linear_by_time_never_places_across_an_end_start_break(void **state)
{
	struct fixture *f = *state;
	const struct survey_query q = { 0 };
	static struct walk_seen w;
	struct survey_walk *walks;
	struct fmt_store_stats st;
	struct floorplan *fp;
	struct ns_err err;
	struct survey *s;
	size_t n;

	assert_int_equal(import_text(f->dst, WALK_DOC("17"), &st, &err), 0);
	assert_int_equal(st.samples, 3);
	assert_int_equal(st.placed, 2);
	assert_int_equal(survey_open(f->dst, SURVEY_READ_ONLY, &s, &err), 0);
	memset(&w, 0, sizeof(w));
	assert_int_equal(survey_foreach_sample(s, &q, see_walk, &w, &err), 0);
	assert_int_equal(w.smp.n, 3);
	/* 5 s: half way along the first leg; y = 10 - 5 in notspot's y-down metres. */
	assert_true(w.smp.v[0].placed);
	assert_near(w.smp.v[0].x, 5);
	assert_near(w.smp.v[0].y, 5);
	/* 15 s: between END and START, nothing is known. */
	assert_false(w.smp.v[1].placed);
	assert_true(w.smp.v[2].placed);
	assert_near(w.smp.v[2].x, 5);
	assert_near(w.smp.v[2].y, 8);
	/* Signals as given (already calibrated), the rest of the observation mapped. */
	assert_near(w.first.signal_dbm, -60.5);
	assert_string_equal(w.first.security, "wpa2/wpa3-psk");
	assert_int_equal(w.first.width_mhz, 80);
	assert_int_equal(w.first.channel, 36);
	/* SSID bytes kept exactly; the text is the escaped rendering. */
	assert_string_equal(w.last.ssid, "Ward\\xff");
	assert_true(w.last.ssid_escaped);
	assert_int_equal(w.last.ssid_len, 5);
	assert_memory_equal(w.last.ssid_raw, "Ward\xff", 5);
	/* The device and adapter are the walk's provenance, with the offset already applied. */
	assert_int_equal(survey_list_walks(s, 0, &walks, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(walks[0].adapter, "Acme Radio X1");
	assert_string_equal(walks[0].interface, "wlan0");
	assert_string_equal(walks[0].device, "Acme Surveyor 2 (WalkApp 1.0) on Android 14");
	assert_near(walks[0].rssi_offset_db, 1.5);
	assert_string_equal(walks[0].origin, "openintent:test");
	assert_non_null(strstr(walks[0].note, "track=continuous"));
	free(walks);
	assert_int_equal(survey_load_floor(s, survey_find_floor(s, "Level 2", &err), &fp, &err), 0);
	assert_int_equal(fp->naps, 1);
	assert_near(fp->aps[0].pos.x, 4);
	assert_near(fp->aps[0].pos.y, 4);
	assert_near(fp->aps[0].height_m, 3);
	assert_int_equal(fp->aps[0].nradios, 1);
	assert_int_equal(fp->aps[0].radios[0].band, FP_BAND_5G);
	assert_int_equal(fp->aps[0].radios[0].channel, 36);
	assert_near(fp->aps[0].radios[0].tx_power_dbm, 17);
	assert_string_equal(fp->walls[0].material, "concrete");
	floorplan_free(fp);
	survey_close(s);
}

static void test_a_wrong_type_is_named_by_its_path_and_nothing_is_imported(void **state)
{
	struct fixture *f = *state;
	struct survey_counts c;
	struct ns_err err;
	struct survey *s;

	assert_int_equal(import_text(f->dst, WALK_DOC("\"17\""), NULL, &err), -EINVAL);
	assert_string_equal(err.msg, "accesspoints[0].dot11_radios[0].transmit_power: must be a number, "
				     "not a string");
	assert_int_equal(survey_open(f->dst, SURVEY_READ_ONLY, &s, &err), 0);
	assert_int_equal(survey_count(s, 0, &c, &err), 0);
	assert_int_equal(c.floors, 0);
	assert_int_equal(c.samples, 0);
	survey_close(s);
}

static void test_a_failure_while_storing_leaves_the_survey_as_it_was(void **state)
{
	struct fixture *f = *state;
	struct fmt_project p;
	struct survey_counts c;
	struct ns_err err;
	struct survey *s;

	/* The floor exists already: the second import is refused whole. */
	assert_int_equal(import_text(f->dst, WALK_DOC("17"), NULL, &err), 0);
	assert_int_equal(survey_open(f->dst, SURVEY_READ_WRITE, &s, &err), 0);
	fmt_project_init(&p, "openintent");
	assert_int_equal(fmt_openintent_read(WALK_DOC("17"), strlen(WALK_DOC("17")), &p, &err), 0);
	assert_int_equal(fmt_project_store(s, &p, "again", NULL, &err), -EEXIST);
	assert_non_null(strstr(err.msg, "already has a floor named 'Level 2'"));
	fmt_project_release(&p);
	assert_int_equal(survey_count(s, 0, &c, &err), 0);
	assert_int_equal(c.floors, 1);
	assert_int_equal(c.samples, 3);
	assert_int_equal(c.walks, 1);
	survey_close(s);
}

/* A path that holds no scans is a walk with nothing in it (the sort of nothing is no fault). */
static void test_a_path_without_scans_is_an_empty_walk(void **state)
{
	static const char doc[] =
		"{\"openintent_version\":\"2.0.0\",\"floorplans\":[{\"name\":\"Level 2\","
		"\"dimensions\":[{\"width\":60,\"length\":30,\"unit\":\"feet\"}],"
		"\"survey_paths\":[{\"name\":\"planned route\"}]}]}";
	struct fixture *f = *state;
	struct fmt_store_stats st;
	struct ns_err err;

	assert_int_equal(import_text(f->dst, doc, &st, &err), 0);
	assert_int_equal(st.walks, 1);
	assert_int_equal(st.samples, 0);
}

/* What schema v2 keeps (radios, areas, provenance, SSID bytes) goes out and comes back. */
static void test_radios_areas_provenance_and_ssid_bytes_survive_a_round_trip(void **state)
{
	static const char area_doc[] =
		"{\"openintent_version\":\"2.1.0\",\"floorplans\":[{\"name\":\"Plant\","
		"\"dimensions\":[{\"width\":10,\"length\":10,\"unit\":\"meters\"}],"
		"\"attenuation_areas\":[{\"area\":{\"coordinates\":["
		"{\"coordinate_xyz\":{\"x\":1,\"y\":1,\"unit\":\"meters\"}},"
		"{\"coordinate_xyz\":{\"x\":4,\"y\":1,\"unit\":\"meters\"}},"
		"{\"coordinate_xyz\":{\"x\":4,\"y\":3,\"unit\":\"meters\"}}]},"
		"\"area_material\":{\"name\":\"shelving\",\"rf_properties\":"
		"{\"attenuation_per_m\":2.5}}}]}]}";
	struct fixture *f = *state;
	const struct survey_query q = { 0 };
	static struct walk_seen w;
	struct survey_walk *walks;
	struct floorplan *fp;
	char again[512], doc2[512], *text;
	struct ns_err err;
	struct survey *s;
	size_t n, len;
	FILE *out;

	/* WALK_DOC and an attenuation area in, out again as OpenIntent, and in once more. */
	assert_int_equal(import_text(f->dst, WALK_DOC("17"), NULL, &err), 0);
	assert_int_equal(survey_open(f->dst, SURVEY_READ_WRITE, &s, &err), 0);
	{
		struct fmt_project p;

		fmt_project_init(&p, "openintent");
		assert_int_equal(fmt_openintent_read(area_doc, strlen(area_doc), &p, &err), 0);
		assert_int_equal(fmt_project_store(s, &p, "openintent:areas", NULL, &err), 0);
		fmt_project_release(&p);
	}
	path_in(f->dir, "doc2.json", doc2);
	assert_non_null(out = fopen(doc2, "w"));
	assert_int_equal(fmt_openintent_export(s, out, NULL, NULL, &err), 0);
	fclose(out);
	survey_close(s);
	assert_int_equal(validate(OUR_SCHEMA, doc2), 0);
	assert_int_equal(ns_read_file(doc2, SIZE_MAX, &text, &len, &err), 0);
	path_in(f->dir, "again.notspot", again);
	assert_int_equal(import_text(again, text, NULL, &err), 0);
	free(text);

	assert_int_equal(survey_open(again, SURVEY_READ_ONLY, &s, &err), 0);
	assert_int_equal(survey_load_floor(s, survey_find_floor(s, "Level 2", &err), &fp, &err), 0);
	assert_int_equal(fp->aps[0].nradios, 1);
	assert_int_equal(fp->aps[0].radios[0].channel, 36);
	assert_near(fp->aps[0].radios[0].tx_power_dbm, 17);
	floorplan_free(fp);
	assert_int_equal(survey_load_floor(s, survey_find_floor(s, "Plant", &err), &fp, &err), 0);
	assert_int_equal(fp->nareas, 1);
	assert_string_equal(fp->areas[0].material, "shelving");
	assert_near(fp->areas[0].loss_db_per_m[FP_BAND_5G], 2.5);
	assert_near(fp->areas[0].pts[1].x, 4);
	assert_near(fp->areas[0].pts[2].y, 7);
	floorplan_free(fp);
	assert_int_equal(survey_list_walks(s, 0, &walks, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(walks[0].device, "Acme Surveyor 2 (WalkApp 1.0) on Android 14");
	assert_string_equal(walks[0].adapter, "Acme Radio X1");
	assert_near(walks[0].rssi_offset_db, 1.5);
	free(walks);
	memset(&w, 0, sizeof(w));
	assert_int_equal(survey_foreach_sample(s, &q, see_walk, &w, &err), 0);
	assert_int_equal(w.smp.n, 3);
	assert_int_equal(w.smp.nobs, 3);
	assert_true(w.last.ssid_escaped);
	assert_memory_equal(w.last.ssid_raw, "Ward\xff", 5);
	survey_close(s);
}

/* A floor of @building called @name on @level; @ppm 0 leaves it without a scale. */
static struct floorplan *level_floor(const char *building, const char *name, int level,
				     double ppm)
{
	static const double brick[FP_NBANDS] = { 6, 10, 12 };
	const struct fp_point wall[] = { { 1, 1 }, { 15, 1 }, { 15, 9 } };
	struct floorplan *fp = floorplan_new();

	assert_non_null(fp);
	snprintf(fp->building, sizeof(fp->building), "%s", building);
	snprintf(fp->name, sizeof(fp->name), "%s", name);
	fp->level = level;
	fp->width_px = 800;
	fp->height_px = 500;
	fp->px_per_m = ppm;
	assert_int_equal(floorplan_add_wall(fp, wall, 3, "brick", brick), 0);
	return fp;
}

static void add_ap(struct floorplan *fp, const char *name, const char *source, double x,
		   const char *plan, double cost)
{
	struct fp_ap ap;

	fp_ap_init(&ap);
	snprintf(ap.name, sizeof(ap.name), "%s", name);
	snprintf(ap.source, sizeof(ap.source), "%s", source);
	snprintf(ap.plan, sizeof(ap.plan), "%s", plan);
	ap.pos = (struct fp_point){ x, 4 };
	ap.height_m = 2.7;
	ap.cost = cost;
	ap.radios[0] = (struct fp_radio){ .band = FP_BAND_5G, .channel = 44, .width_mhz = 40,
					  .tx_power_dbm = 14 };
	ap.nradios = 1;
	assert_int_equal(floorplan_add_ap(fp, &ap), 0);
}

static void store_floor(struct survey *s, struct floorplan *fp)
{
	struct ns_err err;

	assert_true(survey_ensure_building(s, fp->building, &err) > 0);
	assert_true(survey_add_floor(s, fp, &err) > 0);
}

static struct floorplan *load_level(struct survey *s, const char *building, const char *name)
{
	struct floorplan *fp;
	struct ns_err err;
	int64_t b = survey_find_building(s, building, &err), id;

	assert_true(b > 0);
	id = survey_find_floor_in(s, b, name, &err);
	assert_true(id > 0);
	assert_int_equal(survey_load_floor(s, id, &fp, &err), 0);
	return fp;
}

/*
 * Every level of every building goes out, also two buildings' levels of one
 * name (OpenIntent wants floorplan names unique: "Block B: Level 2" with the
 * floor's own name beside it), with planned, estimated and proposed APs and a
 * proposal's plan and cost; a floor without a scale is counted as left out.
 * Import gives back the same levels, walls and APs in the same buildings.
 */
static void test_every_level_of_every_building_and_proposed_aps_round_trip(void **state)
{
	struct fixture *f = *state;
	const char *published = getenv("NOTSPOT_OPENINTENT_SCHEMA");
	struct floorplan *a2 = level_floor("Block A", "Level 2", 2, 20);
	struct floorplan *b2 = level_floor("Block B", "Level 2", 2, 25);
	struct floorplan *b0 = level_floor("Block B", "Ground", 0, 10);
	struct floorplan *bx = level_floor("Block B", "Basement", -1, 0);
	struct fmt_oi_export_stats est;
	struct fmt_store_stats st;
	struct floorplan *back;
	char src[512], doc[512], dst[512], *text;
	struct ns_err err;
	struct survey *s;
	size_t len;
	FILE *out;

	add_ap(a2, "A2-01", "planned", 3, "", NAN);
	add_ap(a2, "A2-P1", "proposed", 9, "ward-voice", 450);
	add_ap(b2, "B2-E1", "estimated", 5, "", NAN);
	add_ap(b0, "B0-01", "planned", 7, "", NAN);
	path_in(f->dir, "levels.notspot", src);
	path_in(f->dir, "levels.json", doc);
	path_in(f->dir, "levels-back.notspot", dst);
	remove(src);
	assert_int_equal(survey_create(src, NULL, &s, &err), 0);
	store_floor(s, a2);
	store_floor(s, b2);
	store_floor(s, b0);
	store_floor(s, bx);
	assert_non_null(out = fopen(doc, "w"));
	assert_int_equal(fmt_openintent_export(s, out, NULL, &est, &err), 0);
	fclose(out);
	survey_close(s);
	assert_int_equal(est.floors, 3);
	assert_int_equal(est.floors_left_out, 1);
	assert_int_equal(est.aps, 4);
	assert_int_equal(validate(OUR_SCHEMA, doc), 0);
	if (published && *published)
		assert_int_equal(validate(published, doc), 0);

	assert_int_equal(ns_read_file(doc, SIZE_MAX, &text, &len, &err), 0);
	assert_non_null(strstr(text, "\"name\":\"Block B: Level 2\""));
	assert_int_equal(import_text(dst, text, &st, &err), 0);
	free(text);
	assert_int_equal(st.floors, 3);
	assert_int_equal(survey_open(dst, SURVEY_READ_ONLY, &s, &err), 0);
	const struct floorplan *want[] = { a2, b2, b0 };
	for (size_t i = 0; i < 3; i++) {
		back = load_level(s, want[i]->building, want[i]->name);
		assert_int_equal(back->level, want[i]->level);
		assert_same_geometry(want[i], back);
		for (size_t k = 0; k < back->naps; k++) {
			assert_string_equal(back->aps[k].plan, want[i]->aps[k].plan);
			assert_int_equal(back->aps[k].radios[0].channel, 44);
			assert_int_equal(back->aps[k].radios[0].width_mhz, 40);
			if (!isnan(want[i]->aps[k].cost))
				assert_near(back->aps[k].cost, want[i]->aps[k].cost);
		}
		floorplan_free(back);
	}
	assert_true(survey_find_floor(s, "Basement", &err) < 0);
	survey_close(s);
	floorplan_free(a2);
	floorplan_free(b2);
	floorplan_free(b0);
	floorplan_free(bx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_validates_against_notspots_schema),
		cmocka_unit_test(test_export_validates_against_the_published_schema_when_given),
		cmocka_unit_test(test_our_schema_refuses_what_we_do_not_write),
		cmocka_unit_test(test_export_then_import_gives_the_same_survey_content),
		cmocka_unit_test(test_linear_by_time_never_places_across_an_end_start_break),
		cmocka_unit_test(test_a_wrong_type_is_named_by_its_path_and_nothing_is_imported),
		cmocka_unit_test(test_a_failure_while_storing_leaves_the_survey_as_it_was),
		cmocka_unit_test(test_a_path_without_scans_is_an_empty_walk),
		cmocka_unit_test(test_radios_areas_provenance_and_ssid_bytes_survive_a_round_trip),
		cmocka_unit_test(test_every_level_of_every_building_and_proposed_aps_round_trip),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
