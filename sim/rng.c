/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rng.c — see rng.h. */
#include "sim/rng.h"

#include <math.h>

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t sim_rng_next(uint64_t *state)
{
	*state += 0x9e3779b97f4a7c15ULL;
	return mix64(*state);
}

double sim_rng_uniform(uint64_t *state)
{
	/* The top 53 bits: every double in [0, 1) on a 2^-53 grid. */
	return (double)(sim_rng_next(state) >> 11) * 0x1.0p-53;
}

double sim_rng_gauss(uint64_t *state)
{
	double u1 = 1.0 - sim_rng_uniform(state); /* (0, 1]: log() stays finite */
	double u2 = sim_rng_uniform(state);

	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

uint64_t sim_rng_mix(uint64_t seed, uint64_t salt)
{
	return mix64(seed ^ mix64(salt + 0x632be59bd9b4e019ULL));
}
