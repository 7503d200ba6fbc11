/*
 * json_util.h — small checked accessors for the simulator's JSON files
 * (AP configuration, routes). Every error names where it happened.
 */
#ifndef NOTSPOT_SIM_JSON_UTIL_H
#define NOTSPOT_SIM_JSON_UTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* Files larger than this are refused before they are parsed (util/file.h reads them). */
#define SJ_MAX_FILE (4u << 20)

/** sj_load() - parse @len bytes into an object *@root (caller json_decref()s). */
int sj_load(const char *buf, size_t len, json_t **root, struct ns_err *err);

/*
 * sj_number() / sj_string() / sj_bool() - the member @key of @o. A missing
 * member is an error when @required, else leaves *@out untouched. Numbers
 * must be finite; strings must not contain NUL. *@out of sj_string points
 * into @o.
 */
int sj_number(json_t *o, const char *key, bool required, double *out, const char *where,
	      struct ns_err *err);
int sj_string(json_t *o, const char *key, bool required, const char **out, const char *where,
	      struct ns_err *err);
int sj_bool(json_t *o, const char *key, bool *out, const char *where, struct ns_err *err);

#endif
