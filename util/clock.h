/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * clock.h — the two clocks every measurement carries.
 *
 * Wall-clock time (UTC, microseconds since the Unix epoch) says when a sample
 * was taken, for the report; the monotonic clock (microseconds since boot)
 * orders samples and places them between waypoints even if NTP steps the
 * wall clock mid-walk.
 */
#ifndef NOTSPOT_UTIL_CLOCK_H
#define NOTSPOT_UTIL_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/** ns_wall_us() - wall-clock time now, µs since 1970-01-01T00:00:00Z. */
int64_t ns_wall_us(void);

/** ns_mono_us() - CLOCK_MONOTONIC now, µs. */
int64_t ns_mono_us(void);

/**
 * ns_format_utc() - write @t_us as ISO 8601 UTC with milliseconds
 * ("2026-11-22T03:25:04.123Z") into @buf (at least 25 bytes).
 * Returns @buf.
 */
char *ns_format_utc(int64_t t_us, char *buf, size_t len);

/**
 * ns_parse_utc() - parse ISO 8601 UTC ("YYYY-MM-DDTHH:MM:SS[.fff…]Z", the 'Z'
 * optional) into µs since the epoch. Returns 0 or -EINVAL.
 */
int ns_parse_utc(const char *s, int64_t *t_us);

#endif
