/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * oi_priv.h — what the OpenIntent reader and writer share (private to
 * formats/): the vocabulary of channels, widths, bands and security modes,
 * RFC 3339 times, base64 SSIDs and the floor frame.
 */
#ifndef NOTSPOT_FORMATS_OI_PRIV_H
#define NOTSPOT_FORMATS_OI_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Feet to metres: the international foot. */
#define FMT_M_PER_FT 0.3048
/* The raster size given to a floor that comes without a drawing. */
#define FMT_DEFAULT_PX_PER_M 20.0

/** fmt_oi_width_name() - "20_MHz" … "320_MHz" for @mhz, NULL for any other width. */
const char *fmt_oi_width_name(int mhz);
/** fmt_oi_width_parse() - MHz of an OpenIntent channel width (80+80 counts 160), 0 if unknown. */
int fmt_oi_width_parse(const char *s);

/** fmt_oi_band_name() / _parse() - "FREQ_2.4GHZ", "FREQ_5GHZ", "FREQ_6GHZ" ↔ enum fp_band (-1 unknown). */
const char *fmt_oi_band_name(int band);
int fmt_oi_band_parse(const char *s);

/**
 * fmt_oi_security_modes() - the OpenIntent security modes of notspot's
 * @security text into @out (up to 2); returns how many (0 for "" or unknown
 * text, which is then exported as OTHER by the caller).
 */
size_t fmt_oi_security_modes(const char *security, const char *out[2]);
/** fmt_oi_security_text() - notspot's security text for a set of modes into @out ("" if none). */
void fmt_oi_security_text(const char *const *modes, size_t n, char *out, size_t cap);

/** fmt_rfc3339() - "2026-11-22T03:25:04.123456Z" for @t_us into @buf (>= 32 bytes). */
char *fmt_rfc3339(int64_t t_us, char *buf, size_t cap);
/** fmt_parse_rfc3339() - an RFC 3339 date-time (Z or ±hh:mm; fraction to µs) into µs since the epoch. */
int fmt_parse_rfc3339(const char *s, int64_t *t_us);

/** fmt_base64_decode() - standard base64 (padding optional) into @out; -EINVAL if bad or over @cap. */
int fmt_base64_decode(const char *s, uint8_t *out, size_t cap, size_t *len);

/** fmt_base64_encode() - @n bytes as standard base64 with padding into @out (>= 4*ceil(n/3)+1). */
void fmt_base64_encode(const uint8_t *b, size_t n, char *out);

/**
 * fmt_material_guess() - the key of notspot's material (floorplans/model.h)
 * that a wall type called @name means ("Wall, Concrete" → "concrete"), or
 * NULL when the name says nothing notspot knows.
 */
const char *fmt_material_guess(const char *name);

/* A level's frame in OpenIntent: lower-left origin, y up, metres. */
struct fmt_frame {
	double w_m, l_m;      /* extent */
	double ox_m, oy_m;    /* where notspot's (0, 0) is, from the frame's top-left */
};

/** fmt_frame_to_oi() / _from_oi() - a notspot position in metres ↔ the frame's. */
void fmt_frame_to_oi(const struct fmt_frame *f, double x, double y, double *ox, double *oy);
void fmt_frame_from_oi(const struct fmt_frame *f, double x, double y, double *nx, double *ny);

#endif
