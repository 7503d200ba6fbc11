/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * shadow.h — spatially correlated shadow fading: one field per AP.
 *
 * Shadowing is what walls, furniture and people do to a signal beyond the
 * mean path loss; it is log-normal (Gaussian in dB) and correlated in space
 * with an exponentially decaying autocorrelation, ρ(Δ) = exp(−Δ / d_corr)
 * (Gudmundson, Electronics Letters 1991, the model ITU-R and 3GPP use).
 *
 * The field is a sum of K random Fourier features (Rahimi & Recht, NIPS 2007):
 *   f(p) = sqrt(2/K) · Σ cos(ω_k · p + φ_k),  φ_k ~ U[0, 2π),
 * with ω_k drawn from the exponential kernel's spectral density — a bivariate
 * Cauchy of scale 1/d_corr, sampled as g / (d_corr · |h|) with g ~ N(0, I₂),
 * h ~ N(0, 1). Then E[f(p) f(p+Δ)] = exp(−|Δ| / d_corr) and the field's
 * variance is 1 at every point: stationary, unlike a bilinear lattice, and
 * defined everywhere without a grid. Deterministic for a seed.
 */
#ifndef NOTSPOT_SIM_SHADOW_H
#define NOTSPOT_SIM_SHADOW_H

#include <stdint.h>

#include "floorplans/model.h"

#define SIM_SHADOW_FEATURES 128

struct sim_shadow {
	double wx[SIM_SHADOW_FEATURES], wy[SIM_SHADOW_FEATURES]; /* rad/m */
	double phase[SIM_SHADOW_FEATURES];                       /* rad */
};

/** sim_shadow_init() - a unit-variance field with correlation distance @corr_m (> 0). */
void sim_shadow_init(struct sim_shadow *sh, uint64_t seed, double corr_m);

/** sim_shadow_at() - the field's value at @p (unitless, mean 0, σ 1). */
double sim_shadow_at(const struct sim_shadow *sh, struct fp_point p);

#endif
