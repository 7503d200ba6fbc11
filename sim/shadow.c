/* SPDX-License-Identifier: GPL-3.0-or-later */
/* shadow.c — see shadow.h. */
#include "sim/shadow.h"

#include <math.h>

#include "sim/rng.h"

void sim_shadow_init(struct sim_shadow *sh, uint64_t seed, double corr_m)
{
	uint64_t rng = seed;

	for (int k = 0; k < SIM_SHADOW_FEATURES; k++) {
		double gx = sim_rng_gauss(&rng), gy = sim_rng_gauss(&rng);
		double h = fabs(sim_rng_gauss(&rng));

		if (h < 1e-9) /* a zero divisor would make an infinite frequency */
			h = 1e-9;
		sh->wx[k] = gx / (corr_m * h);
		sh->wy[k] = gy / (corr_m * h);
		sh->phase[k] = 2.0 * M_PI * sim_rng_uniform(&rng);
	}
}

double sim_shadow_at(const struct sim_shadow *sh, struct fp_point p)
{
	double sum = 0;

	for (int k = 0; k < SIM_SHADOW_FEATURES; k++)
		sum += cos(sh->wx[k] * p.x + sh->wy[k] * p.y + sh->phase[k]);
	return sum * sqrt(2.0 / SIM_SHADOW_FEATURES);
}
