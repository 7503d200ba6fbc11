/*
 * json_keys.h — refuse unknown keys in a JSON object read from a file, so that
 * a typo ("chanel", "wals") is an error that names the keys that are known
 * instead of a setting silently ignored. Shared by the floorplan sidecar and
 * the simulator's AP and route files.
 */
#ifndef NOTSPOT_UTIL_JSON_KEYS_H
#define NOTSPOT_UTIL_JSON_KEYS_H

#include <jansson.h>

#include "util/err.h"

/**
 * ns_json_check_keys() - 0 if every key of object @obj is in the
 * NULL-terminated @allowed; else -EINVAL and in @err
 * "@where: unknown key 'K' (expected: A, B, ...)". @obj is only read.
 */
int ns_json_check_keys(const json_t *obj, const char *where, const char *const *allowed,
		       struct ns_err *err);

#endif
