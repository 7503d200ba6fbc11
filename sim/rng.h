/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rng.h — the simulator's random numbers: small, fast and the same on every
 * machine for a given seed (splitmix64; Steele, Lea & Flood, OOPSLA 2014),
 * so a simulated survey can be reproduced from its seed alone.
 *
 * The whole state is one uint64_t the caller owns; any value is a valid seed.
 */
#ifndef NOTSPOT_SIM_RNG_H
#define NOTSPOT_SIM_RNG_H

#include <stdint.h>

/** sim_rng_next() - the next 64 random bits; advances *@state. */
uint64_t sim_rng_next(uint64_t *state);

/** sim_rng_uniform() - uniform in [0, 1). */
double sim_rng_uniform(uint64_t *state);

/** sim_rng_gauss() - standard normal (mean 0, σ 1), Box–Muller. */
double sim_rng_gauss(uint64_t *state);

/** sim_rng_mix() - a well-mixed seed derived from @seed and @salt (for sub-streams). */
uint64_t sim_rng_mix(uint64_t seed, uint64_t salt);

#endif
