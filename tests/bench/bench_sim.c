/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_sim.c — the simulator's figures: the shadow field's measured σ and
 * correlation against the Gudmundson model it is built to follow, and how
 * long propagation, scans and a truth grid take. Prints; asserts nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/rng.h"
#include "sim/shadow.h"
#include "sim/sim.h"
#include "util/clock.h"

static void shadow_stats(double corr_m)
{
	static const double lags[] = { 0.5, 1, 2, 3, 5, 10, 20 };
	double s = 0, ss = 0, prod[7] = { 0 };
	long n = 0;

	for (uint64_t f = 0; f < 32; f++) {
		struct sim_shadow sh;
		uint64_t rng = 5000 + f;

		sim_shadow_init(&sh, sim_rng_mix(7, f), corr_m);
		for (int i = 0; i < 5000; i++) {
			struct fp_point p = { 400 * sim_rng_uniform(&rng), 400 * sim_rng_uniform(&rng) };
			double a = 2 * M_PI * sim_rng_uniform(&rng), v = sim_shadow_at(&sh, p);

			s += v;
			ss += v * v;
			for (int k = 0; k < 7; k++)
				prod[k] += v * sim_shadow_at(&sh, (struct fp_point){ p.x + lags[k] * cos(a),
										       p.y + lags[k] * sin(a) });
			n++;
		}
	}
	printf("shadow field, d_corr %.1f m (32 fields × 5000 points): mean %.3f σ %.3f (unit field)\n",
	       corr_m, s / n, sqrt(ss / n - (s / n) * (s / n)));
	for (int k = 0; k < 7; k++)
		printf("  ρ(%4.1f m) measured %.3f   model exp(-Δ/d) %.3f\n", lags[k], prod[k] / ss,
		       exp(-lags[k] / corr_m));
}

int main(void)
{
	struct floorplan *fp = floorplan_new();
	struct sim_config cfg;
	struct sim_ap *aps;
	size_t naps;
	struct sim_world *w;
	struct ns_err err = { 0 };
	struct meas_observation obs[256];
	uint64_t rng = 1;
	int64_t t0;
	char path[] = "/tmp/bench_sim_XXXXXX";
	int fd;
	long k = 0;

	shadow_stats(3.0);
	shadow_stats(1.0);

	/* Propagation cost on an empty 80 × 40 m floor with the example APs. */
	fp->px_per_m = 10;
	fp->width_px = 800;
	fp->height_px = 400;
	for (int i = 0; i < 80; i++) {
		const struct fp_material *m = fp_material_find(i % 3 ? "plasterboard" : "concrete");
		struct fp_point pts[2] = { { (i % 40) * 2.0, i < 40 ? 0 : 20 },
					   { (i % 40) * 2.0, i < 40 ? 18 : 40 } };

		floorplan_add_wall(fp, pts, 2, m->key, m->loss_db);
	}
	if (sim_load_aps("sim/examples/hospital-level2-aps.json", &aps, &naps, &err)) {
		fprintf(stderr, "bench_sim: %s\n", err.msg);
		return 1;
	}
	sim_config_default(&cfg);
	if (sim_world_new(fp, aps, naps, &cfg, &w, &err)) {
		fprintf(stderr, "bench_sim: %s\n", err.msg);
		return 1;
	}
	/* σ in dB of each AP's shadowing over this one floor (a single realisation). */
	{
		struct sim_config flat = cfg;
		struct sim_world *w0;
		double lo = 1e9, hi = 0, sum = 0;

		flat.shadow_sigma_db = 0;
		if (sim_world_new(fp, aps, naps, &flat, &w0, &err) == 0) {
			for (size_t a = 0; a < naps; a++) {
				const struct sim_bss *b = NULL;
				double s1 = 0, s2 = 0, sd;
				long m = 0;

				for (size_t i = 0; i < sim_world_nbss(w); i++)
					if (sim_world_bss(w, i)->ap == a && !b)
						b = sim_world_bss(w, i);
				for (double x = 0.25; x < 80; x += 0.5)
					for (double y = 0.25; y < 40; y += 0.5, m++) {
						size_t bi = (size_t)(b - sim_world_bss(w, 0));
						double d = sim_true_signal_dbm(w, bi, (struct fp_point){ x, y }) -
							   sim_true_signal_dbm(w0, bi, (struct fp_point){ x, y });

						s1 += d;
						s2 += d * d;
					}
				sd = sqrt(s2 / m - (s1 / m) * (s1 / m));
				lo = fmin(lo, sd);
				hi = fmax(hi, sd);
				sum += sd;
			}
			printf("shadowing σ over one 80 × 40 m floor, per AP (configured %.1f dB): mean %.2f, range %.2f … %.2f dB\n",
			       cfg.shadow_sigma_db, sum / naps, lo, hi);
			sim_world_free(w0);
		}
	}
	t0 = ns_mono_us();
	for (double x = 0.5; x < 80; x += 1)
		for (double y = 0.5; y < 40; y += 1, k++)
			sim_true_signal_dbm(w, (size_t)(k % (long)sim_world_nbss(w)), (struct fp_point){ x, y });
	printf("sim_true_signal_dbm (80 walls): %.2f µs a call\n", (ns_mono_us() - t0) / (double)k);
	t0 = ns_mono_us();
	for (int i = 0; i < 500; i++)
		sim_scan(w, (struct fp_point){ 0.16 * i, 19 }, &rng, obs, 256);
	printf("sim_scan (%zu BSSIDs): %.1f µs a scan\n", sim_world_nbss(w), (ns_mono_us() - t0) / 500.0);
	fd = mkstemp(path);
	if (fd >= 0) {
		close(fd);
		t0 = ns_mono_us();
		sim_write_truth(w, path, 0.5, &err);
		printf("sim_write_truth 0.5 m over 80 × 40 m: %.2f s\n", (ns_mono_us() - t0) / 1e6);
		unlink(path);
	}
	sim_world_free(w);
	free(aps);
	floorplan_free(fp);
	return 0;
}
