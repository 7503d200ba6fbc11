/* json_util.c — see json_util.h. */
#include "sim/json_util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sj_load(const char *buf, size_t len, json_t **root, struct ns_err *err)
{
	json_error_t je;

	*root = NULL;
	if (len > SJ_MAX_FILE)
		return ns_err_set(err, -EFBIG, "larger than %u MiB", SJ_MAX_FILE >> 20);
	*root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!*root)
		return ns_err_set(err, -EINVAL, "line %d: %s", je.line, je.text);
	if (!json_is_object(*root)) {
		json_decref(*root);
		*root = NULL;
		return ns_err_set(err, -EINVAL, "the top level must be a JSON object");
	}
	return 0;
}

int sj_number(json_t *o, const char *key, bool required, double *out, const char *where,
	      struct ns_err *err)
{
	json_t *v = json_object_get(o, key);

	if (!v) {
		if (required)
			return ns_err_set(err, -EINVAL, "%s: \"%s\" is missing", where, key);
		return 0;
	}
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return ns_err_set(err, -EINVAL, "%s.%s: must be a number", where, key);
	*out = json_number_value(v);
	return 0;
}

int sj_string(json_t *o, const char *key, bool required, const char **out, const char *where,
	      struct ns_err *err)
{
	json_t *v = json_object_get(o, key);

	if (!v) {
		if (required)
			return ns_err_set(err, -EINVAL, "%s: \"%s\" is missing", where, key);
		return 0;
	}
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return ns_err_set(err, -EINVAL, "%s.%s: must be a string (without NUL)", where, key);
	*out = json_string_value(v);
	return 0;
}

int sj_bool(json_t *o, const char *key, bool *out, const char *where, struct ns_err *err)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return ns_err_set(err, -EINVAL, "%s.%s: must be true or false", where, key);
	*out = json_is_true(v);
	return 0;
}
