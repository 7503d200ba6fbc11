/*
 * cmd_demo.c — `notspot demo`: a complete simulated survey of the bundled
 * example floor in a few seconds, for someone without a Wi-Fi card.
 *
 * The demo is a list of steps run in order over one context (steps[] below).
 * To add an output (heatmaps, a report), write a step function and add a row:
 * each step reads what earlier steps left in struct demo and adds its own.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "floorplans/geometry.h"
#include "floorplans/loader.h"
#include "floorplans/plan_render.h"
#include "sim/sim.h"
#include "survey/survey.h"
#include "util/clock.h"
#include "util/version.h"
#include "util/mac.h"

#ifndef NOTSPOT_SOURCE_DIR
#define NOTSPOT_SOURCE_DIR "."
#endif

/* The fixed inputs: the same demo every time. */
#define DEMO_FLOOR_SVG "floorplans/examples/hospital-level2.svg"
#define DEMO_FLOOR_SIDECAR "floorplans/examples/hospital-level2.json"
#define DEMO_APS "sim/examples/hospital-level2-aps.json"
/* The same floor after one AP is added in Ward 22's side rooms (the not-spot). */
#define DEMO_APS_AFTER "sim/examples/hospital-level2-aps-after.json"
#define DEMO_ADDED_AP "L2-W22-AP03"
#define DEMO_FLOOR_NAME "Level 2"
#define DEMO_WORLD_SEED 2026
#define DEMO_TRUTH_CELL_M 1.0
/* Results older than one scan (2.5 s) and a margin come from the scan cache. */
#define DEMO_FRESH_MS 3000

struct demo_walk {
	const char *route;          /* relative to the data directory */
	enum sim_walk_mode mode;
	uint64_t seed;
	const char *start;          /* UTC */
};

static const struct demo_walk demo_walks[] = {
	{ "sim/examples/route-ward21-continuous.json", SIM_WALK_CONTINUOUS, 1,
	  "2026-11-20T09:30:00Z" },
	{ "sim/examples/route-ward22-imaging-stopgo.json", SIM_WALK_STOP_AND_GO, 2,
	  "2026-11-20T10:15:00Z" },
};
#define NWALKS (sizeof(demo_walks) / sizeof(demo_walks[0]))

struct demo {
	const char *dir;            /* output directory */
	char data[PATH_MAX];        /* where floorplans/examples and sim/examples are */
	char survey_path[PATH_MAX];
	char truth_path[PATH_MAX];
	char floor_png[PATH_MAX];
	char summary_path[PATH_MAX];
	struct survey *s;
	struct floorplan *fp;       /* as stored (ids set) */
	int64_t floor_id;
	struct sim_ap *aps;
	size_t naps;
	struct sim_world *w;
	int64_t walk_ids[NWALKS];
	struct sim_walk_stats walk_stats[NWALKS];
	char walk_names[NWALKS][64];
	char after_path[PATH_MAX];  /* the same walks after DEMO_ADDED_AP was installed */
	char maps_dir[PATH_MAX];
	char script_path[PATH_MAX]; /* the commands that reproduce every output */
	FILE *script;
	int nmaps;
	struct ns_err err;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot demo [-o DIR]\n"
		"Make a complete simulated survey of the bundled example floor (St Elsewhere\n"
		"General Hospital, Level 2) and show what notspot produces from it:\n"
		"  DIR/example.notspot   the survey file (floor, two simulated walks)\n"
		"  DIR/floor-level2.png  the floor as `notspot floor show` draws it\n"
		"  DIR/truth-level2.csv  the simulator's true signal per BSSID (0.5 m grid)\n"
		"  DIR/summary.txt       floors, wards, walks, samples, BSSIDs heard\n"
		"  DIR/maps/             heatmaps: whole floor and per ward, for the voice,\n"
		"                        nhs-data and rtls profiles (PNG with provenance)\n"
		"  DIR/stats-*.csv       per-ward statistics against each profile\n"
		"  DIR/report-voice.pdf  the A4 evidence report (voice profile)\n"
		"  DIR/example-after.notspot, DIR/before-after.{png,pdf}\n"
		"                        the same walks after adding one AP in the not-spot,\n"
		"                        and the difference map with the change per ward\n"
		"  DIR/commands.sh       the notspot commands that produced the outputs\n"
		"Existing demo outputs in DIR are replaced. Takes under a minute.\n\n"
		"Options:\n"
		"  -o, --output DIR   where to write (default ./demo-out)\n"
		"  -h, --help         this help\n");
}

static int join(char *out, size_t len, const char *a, const char *b)
{
	int n = snprintf(out, len, "%s/%s", a, b);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

#ifndef NOTSPOT_INSTALL_DATA_DIR
#define NOTSPOT_INSTALL_DATA_DIR "/usr/local/share/notspot"
#endif

/* The example files: $NOTSPOT_DATA_DIR, where `make install` put them, the
 * source tree notspot was built from, or the current directory. */
static int find_data(struct demo *d)
{
	const char *cands[] = { getenv("NOTSPOT_DATA_DIR"), NOTSPOT_INSTALL_DATA_DIR,
				NOTSPOT_SOURCE_DIR, "." };
	char probe[PATH_MAX];

	for (size_t i = 0; i < sizeof(cands) / sizeof(cands[0]); i++) {
		if (!cands[i] || join(probe, sizeof(probe), cands[i], DEMO_APS))
			continue;
		if (access(probe, R_OK) == 0) {
			snprintf(d->data, sizeof(d->data), "%s", cands[i]);
			return 0;
		}
	}
	return ns_err_set(&d->err, -ENOENT,
			  "the example files (%s) are not found; set NOTSPOT_DATA_DIR to the notspot source tree",
			  DEMO_APS);
}

/* ---- the steps ----------------------------------------------------------- */

static int step_create(struct demo *d)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	struct survey_meta meta = { 0 };
	char p[PATH_MAX + 16];
	int rc;

	if ((rc = find_data(d)))
		return rc;
	if (mkdir(d->dir, 0777) && errno != EEXIST)
		return ns_err_set(&d->err, -errno, "%s: %s", d->dir, strerror(errno));
	if (join(d->survey_path, sizeof(d->survey_path), d->dir, "example.notspot") ||
	    join(d->truth_path, sizeof(d->truth_path), d->dir, "truth-level2.csv") ||
	    join(d->floor_png, sizeof(d->floor_png), d->dir, "floor-level2.png") ||
	    join(d->summary_path, sizeof(d->summary_path), d->dir, "summary.txt"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	/* Only the demo's own survey is replaced: it is regenerated from scratch. */
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", d->survey_path, suffix[i]);
		if (unlink(p) && errno != ENOENT)
			return ns_err_set(&d->err, -errno, "%s: %s", p, strerror(errno));
	}
	snprintf(meta.site, sizeof(meta.site), "St Elsewhere General Hospital (example)");
	snprintf(meta.organisation, sizeof(meta.organisation),
		 "St Elsewhere NHS Foundation Trust (fictional)");
	snprintf(meta.surveyor, sizeof(meta.surveyor), "notspot demo (simulated)");
	snprintf(meta.notes, sizeof(meta.notes),
		 "Simulated survey of the bundled example floor: not a real building or real measurements.");
	return survey_create(d->survey_path, &meta, &d->s, &d->err);
}

static int step_floor(struct demo *d)
{
	char svg[PATH_MAX], sidecar[PATH_MAX];
	int64_t id;
	int rc;

	if (join(svg, sizeof(svg), d->data, DEMO_FLOOR_SVG) ||
	    join(sidecar, sizeof(sidecar), d->data, DEMO_FLOOR_SIDECAR))
		return ns_err_set(&d->err, -ENAMETOOLONG, "the data path is too long");
	if ((rc = fp_import(svg, sidecar, NULL, &d->fp, &d->err)))
		return rc;
	id = survey_add_floor(d->s, d->fp, &d->err);
	if (id < 0)
		return (int)id;
	d->floor_id = id;
	return 0;
}

static int step_world(struct demo *d)
{
	struct sim_config cfg;
	char p[PATH_MAX];
	int rc;

	if (join(p, sizeof(p), d->data, DEMO_APS))
		return ns_err_set(&d->err, -ENAMETOOLONG, "the data path is too long");
	if ((rc = sim_load_aps(p, &d->aps, &d->naps, &d->err)))
		return rc;
	sim_config_default(&cfg);
	cfg.seed = DEMO_WORLD_SEED;
	return sim_world_new(d->fp, d->aps, d->naps, &cfg, &d->w, &d->err);
}

/* The routes, one sim_walk each, into @s (inside walk_routes()'s batch). */
static int walk_routes_batched(struct demo *d, const struct sim_world *w, struct survey *s,
			       int64_t floor_id, int64_t *walk_ids, struct sim_walk_stats *stats)
{
	for (size_t i = 0; i < NWALKS; i++) {
		const struct demo_walk *dw = &demo_walks[i];
		struct sim_walk_opts wo;
		struct sim_route r;
		char p[PATH_MAX];
		int64_t id;
		int rc;

		if (join(p, sizeof(p), d->data, dw->route))
			return ns_err_set(&d->err, -ENAMETOOLONG, "the data path is too long");
		if ((rc = sim_load_route(p, &r, &d->err)))
			return rc;
		sim_walk_opts_default(&wo);
		wo.mode = dw->mode;
		wo.seed = dw->seed;
		snprintf(wo.operator_name, sizeof(wo.operator_name), "demo surveyor");
		snprintf(wo.note, sizeof(wo.note), "route '%s'; world seed %d", r.name,
			 DEMO_WORLD_SEED);
		ns_parse_utc(dw->start, &wo.start_us);
		snprintf(d->walk_names[i], sizeof(d->walk_names[i]), "%s", r.name);
		if (cli_is_tty())
			fprintf(stderr, "\rdemo: walking %s ...", r.name);
		id = sim_walk_ex(w, s, floor_id, r.stops, r.nstops, &wo, &stats[i], &d->err);
		if (cli_is_tty())
			fprintf(stderr, "\r\033[K");
		sim_route_release(&r);
		if (id < 0)
			return (int)id;
		walk_ids[i] = id;
	}
	return 0;
}

/*
 * Walk every demo route through world @w into survey @s, floor @floor_id.
 * A live walk commits every sample with synchronous=FULL; the demo's files are
 * regenerated on every run, so its ~8000 simulated samples go in one batch
 * (one fsync) instead of one fsync each.
 */
static int walk_routes(struct demo *d, const struct sim_world *w, struct survey *s,
		       int64_t floor_id, int64_t *walk_ids, struct sim_walk_stats *stats)
{
	int rc = survey_batch_begin(s, &d->err);

	if (rc)
		return rc;
	rc = walk_routes_batched(d, w, s, floor_id, walk_ids, stats);
	if (rc) {
		survey_batch_rollback(s);
		return rc;
	}
	return survey_batch_commit(s, &d->err);
}

static int step_walks(struct demo *d)
{
	return walk_routes(d, d->w, d->s, d->floor_id, d->walk_ids, d->walk_stats);
}

static int step_truth(struct demo *d)
{
	return sim_write_truth(d->w, d->truth_path, DEMO_TRUTH_CELL_M, &d->err);
}

static int step_floor_png(struct demo *d)
{
	struct fp_render_opts o = { 0 };

	return fp_render_plan_png(d->fp, &o, d->floor_png, &d->err);
}

/* ---- the summary ----------------------------------------------------------- */

struct seen_bss {
	uint8_t bssid[6];
	char ssid[33], ap[33];
	int freq;
	bool hidden;
	long count;
	double best, worst;
};

struct tally {
	const struct floorplan *fp;
	struct seen_bss *bss;
	size_t nbss, cap;
	long scans, links, failed, not_assoc, placed, unplaced, obs;
	long *ward_scans;           /* placed scans per ward, [nwards] = outside any ward */
	double strongest, weakest;
	struct meas_observation s_obs, w_obs;
	double s_x, s_y, w_x, w_y;
};

static int tally_cb(void *arg, const struct meas_sample *smp, const struct meas_observation *obs,
		    size_t nobs, const struct meas_link *link, const struct meas_throughput *tput)
{
	struct tally *t = arg;

	(void)link;
	(void)tput;
	if (smp->kind == SAMPLE_LINK) {
		t->links++;
		t->not_assoc += smp->status == SAMPLE_NOT_ASSOCIATED;
		return 0;
	}
	if (smp->kind != SAMPLE_SCAN)
		return 0;
	t->scans++;
	t->failed += smp->status != SAMPLE_OK;
	if (smp->placed) {
		const struct fp_ward *wd = fp_ward_at(t->fp, (struct fp_point){ smp->x_m, smp->y_m });

		t->placed++;
		t->ward_scans[wd ? (size_t)(wd - t->fp->wards) : t->fp->nwards]++;
	} else {
		t->unplaced++;
	}
	for (size_t i = 0; i < nobs; i++) {
		const struct meas_observation *o = &obs[i];
		struct seen_bss *b = NULL;

		t->obs++;
		for (size_t k = 0; k < t->nbss; k++)
			if (memcmp(t->bss[k].bssid, o->bssid, 6) == 0)
				b = &t->bss[k];
		if (!b) {
			if (t->nbss == t->cap) {
				size_t nc = t->cap ? 2 * t->cap : 64;
				struct seen_bss *nb = realloc(t->bss, nc * sizeof(*nb));

				if (!nb)
					return -ENOMEM;
				t->bss = nb;
				t->cap = nc;
			}
			b = &t->bss[t->nbss++];
			memset(b, 0, sizeof(*b));
			memcpy(b->bssid, o->bssid, 6);
			memcpy(b->ssid, o->ssid, sizeof(b->ssid));
			memcpy(b->ap, o->ap_name, sizeof(b->ap));
			b->freq = o->freq_mhz;
			b->hidden = o->hidden;
			b->best = -INFINITY;
			b->worst = INFINITY;
		}
		b->count++;
		/* Stale cache entries were heard elsewhere: extremes use fresh results. */
		if (o->age_ms < 0 || o->age_ms > DEMO_FRESH_MS)
			continue;
		b->best = fmax(b->best, o->signal_dbm);
		b->worst = fmin(b->worst, o->signal_dbm);
		if (smp->placed && o->signal_dbm > t->strongest) {
			t->strongest = o->signal_dbm;
			t->s_obs = *o;
			t->s_x = smp->x_m;
			t->s_y = smp->y_m;
		}
		if (smp->placed && o->signal_dbm < t->weakest) {
			t->weakest = o->signal_dbm;
			t->w_obs = *o;
			t->w_x = smp->x_m;
			t->w_y = smp->y_m;
		}
	}
	return 0;
}

static int cmp_bss(const void *a, const void *b)
{
	return memcmp(((const struct seen_bss *)a)->bssid, ((const struct seen_bss *)b)->bssid, 6);
}

static void describe_obs(FILE *f, const char *what, const struct meas_observation *o, double x,
			 double y)
{
	char mac[18];

	fprintf(f, "%-10s %4.0f dBm  %s  %-14s %-12s ch %-3d at (%.1f, %.1f) m\n", what,
		o->signal_dbm, mac_format(o->bssid, mac), o->hidden ? "(hidden)" : o->ssid,
		o->ap_name, o->channel, x, y);
}

static int write_summary(struct demo *d, FILE *f, const struct tally *t)
{
	struct survey_counts cnt;
	char t0[32], t1[32], mac[18];
	int rc;

	if ((rc = survey_count(d->s, 0, &cnt, &d->err)))
		return rc;
	fprintf(f, "notspot %s demo — simulated survey (not real measurements)\n", NOTSPOT_VERSION);
	fprintf(f, "survey: %s\n\n", d->survey_path);
	fprintf(f, "floors: %lld\n", (long long)cnt.floors);
	fprintf(f, "  %s — %s, level %d: %.0f × %.0f m, %zu walls, %zu openings, %zu planned APs\n",
		d->fp->name, d->fp->building, d->fp->level, floorplan_width_m(d->fp),
		floorplan_height_m(d->fp), d->fp->nwalls, d->fp->nopenings, d->fp->naps);
	fprintf(f, "wards: %zu\n", d->fp->nwards);
	for (size_t i = 0; i < d->fp->nwards; i++)
		fprintf(f, "  %-22s %5.0f m²  %4ld placed scans%s\n", d->fp->wards[i].name,
			fp_polygon_area(d->fp->wards[i].pts, d->fp->wards[i].npts), t->ward_scans[i],
			t->ward_scans[i] ? "" : "  (not surveyed)");
	fprintf(f, "  %-22s %11s %4ld placed scans\n", "(outside any ward)", "",
		t->ward_scans[d->fp->nwards]);
	fprintf(f, "\nwalks: %lld\n", (long long)cnt.walks);
	for (size_t i = 0; i < NWALKS; i++) {
		const struct sim_walk_stats *st = &d->walk_stats[i];

		fprintf(f, "  walk %lld: %s — %s, %s to %s\n", (long long)d->walk_ids[i],
			d->walk_names[i],
			demo_walks[i].mode == SIM_WALK_STOP_AND_GO ? "stop-and-go" : "continuous",
			ns_format_utc(st->start_us, t0, sizeof(t0)),
			ns_format_utc(st->end_us, t1, sizeof(t1)));
		fprintf(f, "    %zu taps, %zu scans (%zu failed), %zu link polls (%zu not associated), "
			   "%zu observations (%zu stale from the cache)\n",
			st->waypoints, st->scans, st->failed_scans, st->links, st->not_associated,
			st->observations, st->stale);
	}
	fprintf(f, "\nsamples: %lld (%ld scans: %ld placed, %ld unplaced, %ld failed; %ld link polls, "
		   "%ld not associated)\n",
		(long long)cnt.samples, t->scans, t->placed, t->unplaced, t->failed, t->links,
		t->not_assoc);
	fprintf(f, "observations: %ld\n", t->obs);
	qsort(t->bss, t->nbss, sizeof(*t->bss), cmp_bss);
	fprintf(f, "\nBSSIDs heard: %zu of %zu simulated (%zu APs); signal range of fresh results\n",
		t->nbss, sim_world_nbss(d->w), d->naps);
	for (size_t i = 0; i < t->nbss; i++) {
		const struct seen_bss *b = &t->bss[i];

		fprintf(f, "  %s  %-14s %-12s %4d MHz  %5ld obs  %4.0f … %4.0f dBm\n",
			mac_format(b->bssid, mac), b->hidden ? "(hidden)" : b->ssid, b->ap,
			b->freq, b->count, b->worst, b->best);
	}
	fprintf(f, "\n");
	fprintf(f, "placed fresh results (age <= %d ms):\n", DEMO_FRESH_MS);
	if (isfinite(t->strongest)) {
		describe_obs(f, "strongest", &t->s_obs, t->s_x, t->s_y);
		describe_obs(f, "weakest", &t->w_obs, t->w_x, t->w_y);
	}
	return ferror(f) ? ns_err_set(&d->err, -EIO, "%s: write failed", d->summary_path) : 0;
}

static int step_summary(struct demo *d)
{
	struct tally t = { .fp = d->fp, .strongest = -INFINITY, .weakest = INFINITY };
	struct survey_query q = { .floor_id = d->floor_id };
	FILE *f = NULL;
	int rc;

	t.ward_scans = calloc(d->fp->nwards + 1, sizeof(*t.ward_scans));
	if (!t.ward_scans)
		return ns_err_set(&d->err, -ENOMEM, "out of memory");
	if ((rc = survey_foreach_sample(d->s, &q, tally_cb, &t, &d->err)))
		goto out;
	f = fopen(d->summary_path, "w");
	if (!f) {
		rc = ns_err_set(&d->err, -errno, "%s: %s", d->summary_path, strerror(errno));
		goto out;
	}
	rc = write_summary(d, f, &t);
out:
	if (f && fclose(f) && !rc)
		rc = ns_err_set(&d->err, -EIO, "%s: write failed", d->summary_path);
	free(t.bss);
	free(t.ward_scans);
	return rc;
}

/* ---- after: the same walks once the not-spot has an AP --------------------- */

/* Remove a survey file and its WAL companions (demo outputs only). */
static int remove_survey(struct demo *d, const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[PATH_MAX + 16];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		if (unlink(p) && errno != ENOENT)
			return ns_err_set(&d->err, -errno, "%s: %s", p, strerror(errno));
	}
	return 0;
}

static int step_after(struct demo *d)
{
	struct survey_meta meta = { 0 };
	struct sim_config cfg;
	struct sim_ap *aps = NULL;
	struct sim_world *w = NULL;
	struct survey *s = NULL;
	struct sim_walk_stats stats[NWALKS];
	int64_t ids[NWALKS], floor_id;
	char p[PATH_MAX];
	size_t naps = 0;
	int rc;

	if (join(d->after_path, sizeof(d->after_path), d->dir, "example-after.notspot") ||
	    join(p, sizeof(p), d->data, DEMO_APS_AFTER))
		return ns_err_set(&d->err, -ENAMETOOLONG, "the path is too long");
	if ((rc = remove_survey(d, d->after_path)))
		return rc;
	if ((rc = survey_get_meta(d->s, &meta, &d->err)))
		return rc;
	snprintf(meta.notes, sizeof(meta.notes),
		 "Simulated survey of the bundled example floor after adding access point %s in "
		 "Ward 22's side rooms: same routes and seeds as example.notspot.",
		 DEMO_ADDED_AP);
	if ((rc = survey_create(d->after_path, &meta, &s, &d->err)))
		return rc;
	floor_id = survey_add_floor(s, d->fp, &d->err);
	if (floor_id < 0) {
		rc = (int)floor_id;
		goto out;
	}
	if ((rc = sim_load_aps(p, &aps, &naps, &d->err)))
		goto out;
	sim_config_default(&cfg);
	cfg.seed = DEMO_WORLD_SEED;
	if ((rc = sim_world_new(d->fp, aps, naps, &cfg, &w, &d->err)))
		goto out;
	rc = walk_routes(d, w, s, floor_id, ids, stats);
out:
	sim_world_free(w);
	free(aps);
	survey_close(s);
	return rc;
}

/* The steps below read the files like any user's command would. */
static int step_close(struct demo *d)
{
	survey_close(d->s);
	d->s = NULL;
	return 0;
}

/* ---- outputs made by the subcommands themselves ----------------------------- */

/* Quote @a for the shell if it needs it. */
static void script_word(FILE *f, const char *a)
{
	if (strpbrk(a, " '\"$\\;&|<>()*?") == NULL && *a) {
		fputs(a, f);
		return;
	}
	fputc('\'', f);
	for (; *a; a++) {
		if (*a == '\'')
			fputs("'\\''", f);
		else
			fputc(*a, f);
	}
	fputc('\'', f);
}

/*
 * Run `notspot ARGS…` (NULL-terminated) in a child process, its stdout going
 * to @out_path when given, and write the command to DIR/commands.sh. A child
 * gives each subcommand a fresh getopt state and keeps its failures its own.
 */
static int run_sub(struct demo *d, const char *out_path, const char *name, ...)
{
	const char *argv[32];
	int argc = 0, status, fd = -1;
	const struct cli_command *c;
	va_list ap;
	pid_t pid;

	argv[argc++] = name;
	va_start(ap, name);
	while (argc < 31 && (argv[argc] = va_arg(ap, const char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	if (!(c = cli_command_find(name)))
		return ns_err_set(&d->err, -ENOSYS, "this build has no '%s' subcommand", name);
	if (d->script) {
		fputs("notspot", d->script);
		for (int i = 0; i < argc; i++) {
			fputc(' ', d->script);
			script_word(d->script, argv[i]);
		}
		if (out_path) {
			fputs(" > ", d->script);
			script_word(d->script, out_path);
		}
		fputc('\n', d->script);
		fflush(d->script);
	}
	if (out_path) {
		fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			return ns_err_set(&d->err, -errno, "%s: %s", out_path, strerror(errno));
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		if (fd >= 0)
			close(fd);
		return ns_err_set(&d->err, -errno, "cannot start 'notspot %s': %s", name,
				  strerror(errno));
	}
	if (pid == 0) {
		if (fd >= 0 && dup2(fd, STDOUT_FILENO) < 0)
			_exit(EXIT_FAILED);
		else if (fd < 0 && !freopen("/dev/null", "w", stdout))
			_exit(EXIT_FAILED);
		optind = 0; /* GNU getopt: start afresh */
		int rc = c->run(argc, (char **)argv);

		fflush(stdout);
		_exit(rc);
	}
	if (fd >= 0)
		close(fd);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return ns_err_set(&d->err, -errno, "waiting for 'notspot %s': %s", name,
					  strerror(errno));
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return ns_err_set(&d->err, -EIO, "'notspot %s' failed (its message is above)", name);
	return 0;
}

static int step_script(struct demo *d)
{
	if (join(d->script_path, sizeof(d->script_path), d->dir, "commands.sh") ||
	    join(d->maps_dir, sizeof(d->maps_dir), d->dir, "maps"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	if (mkdir(d->maps_dir, 0777) && errno != EEXIST)
		return ns_err_set(&d->err, -errno, "%s: %s", d->maps_dir, strerror(errno));
	d->script = fopen(d->script_path, "w");
	if (!d->script)
		return ns_err_set(&d->err, -errno, "%s: %s", d->script_path, strerror(errno));
	fprintf(d->script,
		"#!/bin/sh\n"
		"# What `notspot demo` ran after simulating the walks: run it again, or change\n"
		"# it (another ward, SSID or profile) to see what notspot can show.\n"
		"# notspot %s\nset -e\n",
		NOTSPOT_VERSION);
	return 0;
}

/* One map: whole floor when @ward is NULL. */
static int demo_map(struct demo *d, const char *ward, const char *map, const char *profile,
		    const char *ssid, bool extras)
{
	char out[PATH_MAX], slug[64] = "floor";
	int n;

	if (ward) {
		size_t k = 0;

		for (const char *c = ward; *c && k + 1 < sizeof(slug); c++)
			slug[k++] = (*c == ' ') ? '-' : (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
		slug[k] = '\0';
	}
	n = snprintf(out, sizeof(out), "%s/%s-%s-%s.png", d->maps_dir, slug, map, profile);
	if (n < 0 || (size_t)n >= sizeof(out))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->maps_dir);
	d->nmaps++;
	if (ward)
		return run_sub(d, NULL, "render", d->survey_path, "--floor", DEMO_FLOOR_NAME,
			       "--ward", ward, "--map", map, "--profile", profile, "--ssid", ssid,
			       extras ? "--show-aps" : "--show-samples", "-o", out, (char *)NULL);
	return run_sub(d, NULL, "render", d->survey_path, "--floor", DEMO_FLOOR_NAME, "--map", map,
		       "--profile", profile, "--ssid", ssid, extras ? "--show-aps" : "--show-path",
		       "-o", out, (char *)NULL);
}

static int step_maps(struct demo *d)
{
	/* Voice handsets roam on the voice SSID: the profile that asks most. */
	static const char *const voice_maps[] = { "primary", "secondary", "snr", "cochannel",
						  "pass" };
	static const char *const wards[] = { "Ward 21", "Ward 22", "Diagnostic Imaging" };
	int rc;

	for (size_t i = 0; i < sizeof(voice_maps) / sizeof(voice_maps[0]); i++)
		if ((rc = demo_map(d, NULL, voice_maps[i], "voice", "NHS-Voice", i == 0)))
			return rc;
	for (size_t w = 0; w < sizeof(wards) / sizeof(wards[0]); w++) {
		if ((rc = demo_map(d, wards[w], "primary", "voice", "NHS-Voice", false)) ||
		    (rc = demo_map(d, wards[w], "pass", "voice", "NHS-Voice", false)))
			return rc;
	}
	/* Data on the corporate SSID, and location tracking (AP count). */
	if ((rc = demo_map(d, NULL, "primary", "nhs-data", "NHS-Corporate", false)) ||
	    (rc = demo_map(d, NULL, "pass", "nhs-data", "NHS-Corporate", false)) ||
	    (rc = demo_map(d, NULL, "aps", "rtls", "NHS-Corporate", true)))
		return rc;
	return 0;
}

static int step_stats(struct demo *d)
{
	static const struct {
		const char *profile, *ssid;
	} runs[] = { { "voice", "NHS-Voice" }, { "nhs-data", "NHS-Corporate" },
		     { "rtls", "NHS-Corporate" } };
	char out[PATH_MAX];
	int rc;

	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		int n = snprintf(out, sizeof(out), "%s/stats-%s.csv", d->dir, runs[i].profile);

		if (n < 0 || (size_t)n >= sizeof(out))
			return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
		if ((rc = run_sub(d, out, "stats", d->survey_path, "--floor", DEMO_FLOOR_NAME,
				  "--profile", runs[i].profile, "--ssid", runs[i].ssid, "--csv",
				  (char *)NULL)))
			return rc;
	}
	return 0;
}

static int step_report(struct demo *d)
{
	char out[PATH_MAX];

	if (join(out, sizeof(out), d->dir, "report-voice.pdf"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	return run_sub(d, NULL, "report", d->survey_path, "--profile", "voice", "--ssid",
		       "NHS-Voice", "-o", out, (char *)NULL);
}

static int step_diff(struct demo *d)
{
	char png[PATH_MAX], pdf[PATH_MAX], table[PATH_MAX];
	int rc;

	if (join(png, sizeof(png), d->dir, "before-after.png") ||
	    join(pdf, sizeof(pdf), d->dir, "before-after.pdf") ||
	    join(table, sizeof(table), d->dir, "before-after.txt"))
		return ns_err_set(&d->err, -ENAMETOOLONG, "%s: the path is too long", d->dir);
	if ((rc = run_sub(d, table, "diff", d->survey_path, d->after_path, "--floor",
			  DEMO_FLOOR_NAME, "--map", "primary", "--profile", "nhs-data", "--ssid",
			  "NHS-Corporate", "-o", png, (char *)NULL)))
		return rc;
	return run_sub(d, NULL, "diff", d->survey_path, d->after_path, "--floor", DEMO_FLOOR_NAME,
		       "--map", "primary", "--profile", "nhs-data", "--ssid", "NHS-Corporate", "-o",
		       pdf, (char *)NULL);
}

/* ---- the sequence -------------------------------------------------------- */

static const struct {
	const char *what;
	int (*run)(struct demo *d);
} steps[] = {
	{ "create the survey", step_create },
	{ "import the example floor", step_floor },
	{ "build the simulated radio world", step_world },
	{ "simulate the walks", step_walks },
	{ "write the ground truth", step_truth },
	{ "render the floor", step_floor_png },
	{ "write the summary", step_summary },
	{ "simulate the same walks after adding an AP", step_after },
	{ "close the survey", step_close },
	{ "prepare the outputs", step_script },
	{ "render the heatmaps", step_maps },
	{ "write the statistics", step_stats },
	{ "write the report", step_report },
	{ "compare before and after", step_diff },
};

CLI_COMMAND(demo, 10, "make a simulated survey of the example floor, in seconds");
int cmd_demo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo d = { .dir = "demo-out" };
	int64_t t0 = ns_mono_us();
	int c, rc = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			d.dir = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("demo", "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage_error("demo", "unexpected argument '%s'", argv[optind]);
	if (!*d.dir)
		return cli_usage_error("demo", "-o needs a directory");

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (cli_is_tty())
			fprintf(stderr, "\rdemo: %s ...\033[K", steps[i].what);
		if (steps[i].run(&d)) {
			if (cli_is_tty())
				fputc('\n', stderr);
			char what[96];

			snprintf(what, sizeof(what), "demo: %s", steps[i].what);
			rc = cli_fail(what, &d.err);
			break;
		}
	}
	if (rc == EXIT_OK && cli_is_tty())
		fprintf(stderr, "\r\033[K");
	if (rc == EXIT_OK) {
		printf("notspot demo: a simulated survey of the example floor in %.1f s\n",
		       (ns_mono_us() - t0) / 1e6);
		printf("  survey       %s\n", d.survey_path);
		printf("  floor        %s\n", d.floor_png);
		printf("  ground truth %s\n", d.truth_path);
		printf("  summary      %s\n", d.summary_path);
		printf("  heatmaps     %s/ (%d maps)\n", d.maps_dir, d.nmaps);
		printf("  statistics   %s/stats-{voice,nhs-data,rtls}.csv\n", d.dir);
		printf("  report       %s/report-voice.pdf\n", d.dir);
		printf("  before/after %s/before-after.{png,pdf,txt}\n", d.dir);
		printf("  commands     %s (how each output was made)\n", d.script_path);
	}
	if (d.script)
		fclose(d.script);
	sim_world_free(d.w);
	free(d.aps);
	floorplan_free(d.fp);
	survey_close(d.s);
	return rc;
}
