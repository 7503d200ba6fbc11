/* SPDX-License-Identifier: GPL-3.0-or-later */
/* json_get.c — checked JSON getters and their paths (see json_get.h). */
#include "util/json_get.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/textcheck.h"

/* Everything below the root: "aps[3].radios", the root's label left out. */
static void add_below_root(struct strbuf *sb, const struct ns_json_path *p)
{
	if (p->up->up)
		add_below_root(sb, p->up);
	if (p->key)
		strbuf_addf(sb, "%s%s", p->up->up ? "." : "", p->key);
	else
		strbuf_addf(sb, "[%zu]", p->index);
}

static void add_path(struct strbuf *sb, const struct ns_json_path *p)
{
	if (!p->up)
		strbuf_addstr(sb, p->key ? p->key : "the top level");
	else
		add_below_root(sb, p);
}

static int vfail(struct ns_err *err, int code, const struct ns_json_path *at, const char *fmt,
		 va_list ap) __attribute__((format(printf, 4, 0)));

static int vfail(struct ns_err *err, int code, const struct ns_json_path *at, const char *fmt,
		 va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	add_path(&sb, at);
	strbuf_addstr(&sb, ": ");
	strbuf_vaddf(&sb, fmt, ap);
	/* out of memory, sb.buf is the sentence as far as it got */
	ns_err_set(err, code, "%s", sb.buf);
	strbuf_release(&sb);
	return code;
}

int ns_json_fail(struct ns_err *err, const struct ns_json_path *at, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(err, -EINVAL, at, fmt, ap);
	va_end(ap);
	return rc;
}

int ns_json_error(struct ns_err *err, int code, const struct ns_json_path *at, const char *fmt,
		  ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(err, code, at, fmt, ap);
	va_end(ap);
	return rc;
}

const char *ns_json_type_name(const json_t *v)
{
	if (!v)
		return "nothing";
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "something else";
}

int ns_json_parse(const char *buf, size_t len, json_t **root, struct ns_err *err)
{
	json_error_t je;

	*root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!*root)
		return ns_err_set(err, -EINVAL, "not valid JSON at line %d, column %d: %s", je.line,
				  je.column, je.text);
	return 0;
}

int ns_json_object(const json_t *v, const struct ns_json_path *at, struct ns_err *err)
{
	if (!json_is_object(v))
		return ns_json_fail(err, at, "must be an object, not %s", ns_json_type_name(v));
	return 0;
}

int ns_json_array(const json_t *v, const struct ns_json_path *at, size_t max, size_t *n,
		  struct ns_err *err)
{
	if (!json_is_array(v))
		return ns_json_fail(err, at, "must be an array, not %s", ns_json_type_name(v));
	if (json_array_size(v) > max)
		return ns_json_fail(err, at, "has %zu elements; at most %zu are allowed",
				    json_array_size(v), max);
	if (n)
		*n = json_array_size(v);
	return 0;
}

int ns_json_number(const json_t *v, const struct ns_json_path *at, double lo, double hi,
		   double *out, struct ns_err *err)
{
	double d;

	if (!json_is_number(v))
		return ns_json_fail(err, at, "must be a number, not %s", ns_json_type_name(v));
	d = json_number_value(v);
	if (!isfinite(d) || d < lo || d > hi)
		return ns_json_fail(err, at, "%g is out of range (%g to %g)", d, lo, hi);
	*out = d;
	return 0;
}

int ns_json_int(const json_t *v, const struct ns_json_path *at, long long lo, long long hi,
		long long *out, struct ns_err *err)
{
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return ns_json_fail(err, at, "must be a whole number from %lld to %lld", lo, hi);
	*out = json_integer_value(v);
	return 0;
}

int ns_json_string(const json_t *v, const struct ns_json_path *at, const char **out,
		   struct ns_err *err)
{
	if (!json_is_string(v))
		return ns_json_fail(err, at, "must be a string, not %s", ns_json_type_name(v));
	if (memchr(json_string_value(v), '\0', json_string_length(v)))
		return ns_json_fail(err, at, "contains a NUL character");
	*out = json_string_value(v);
	return 0;
}

int ns_json_string_copy(const json_t *v, const struct ns_json_path *at, char *buf, size_t cap,
			bool nonempty, struct ns_err *err)
{
	const char *s;
	size_t n;
	int rc;

	if (!json_is_string(v))
		return ns_json_fail(err, at, "must be a string, not %s", ns_json_type_name(v));
	n = json_string_length(v);
	if (n >= cap)
		return ns_json_fail(err, at, "is %zu bytes long; at most %zu are allowed", n,
				    cap - 1);
	if ((rc = ns_json_string(v, at, &s, err)))
		return rc;
	if (nonempty && n == 0)
		return ns_json_fail(err, at, "must not be empty");
	memcpy(buf, s, n + 1);
	return 0;
}

int ns_json_name_copy(const json_t *v, const struct ns_json_path *at, char *buf, size_t cap,
		      bool nonempty, struct ns_err *err)
{
	struct ns_err why = { 0 };
	int rc = ns_json_string_copy(v, at, buf, cap, nonempty, err);

	if (rc)
		return rc;
	if (ns_text_check("the name", buf, cap, nonempty ? NS_TEXT_REQUIRED : NS_TEXT_OPTIONAL,
			  &why)) {
		buf[0] = '\0';
		return ns_json_fail(err, at, "%s", why.msg);
	}
	return 0;
}

int ns_json_bool(const json_t *v, const struct ns_json_path *at, bool *out, struct ns_err *err)
{
	if (!json_is_boolean(v))
		return ns_json_fail(err, at, "must be true or false, not %s", ns_json_type_name(v));
	*out = json_is_true(v);
	return 0;
}

int ns_json_member(const json_t *obj, const char *key, bool required,
		   const struct ns_json_path *at, json_t **v, struct ns_err *err)
{
	*v = json_object_get(obj, key);
	if (!*v && required)
		return ns_json_fail(err, at, "\"%s\" is missing", key);
	return 0;
}

/* The member @key of @obj in *@v: 1 if there, 0 if absent and optional, -EINVAL if required. */
static int lookup(const json_t *obj, const char *key, bool required,
		  const struct ns_json_path *at, json_t **v, struct ns_err *err)
{
	int rc = ns_json_member(obj, key, required, at, v, err);

	return rc ? rc : *v != NULL;
}

int ns_json_get_number(const json_t *obj, const char *key, bool required,
		       const struct ns_json_path *at, double *out, struct ns_err *err)
{
	json_t *v;
	int rc = lookup(obj, key, required, at, &v, err);

	return rc <= 0 ? rc : ns_json_number(v, NS_JSON_KEY(at, key), -INFINITY, INFINITY, out, err);
}

int ns_json_get_int(const json_t *obj, const char *key, bool required,
		    const struct ns_json_path *at, long long lo, long long hi, long long *out,
		    struct ns_err *err)
{
	json_t *v;
	int rc = lookup(obj, key, required, at, &v, err);

	return rc <= 0 ? rc : ns_json_int(v, NS_JSON_KEY(at, key), lo, hi, out, err);
}

int ns_json_get_string(const json_t *obj, const char *key, bool required,
		       const struct ns_json_path *at, const char **out, struct ns_err *err)
{
	json_t *v;
	int rc = lookup(obj, key, required, at, &v, err);

	return rc <= 0 ? rc : ns_json_string(v, NS_JSON_KEY(at, key), out, err);
}

int ns_json_get_bool(const json_t *obj, const char *key, bool required,
		     const struct ns_json_path *at, bool *out, struct ns_err *err)
{
	json_t *v;
	int rc = lookup(obj, key, required, at, &v, err);

	return rc <= 0 ? rc : ns_json_bool(v, NS_JSON_KEY(at, key), out, err);
}

static bool is_allowed(const char *key, const char *const *allowed)
{
	for (size_t i = 0; allowed[i]; i++)
		if (strcmp(key, allowed[i]) == 0)
			return true;
	return false;
}

int ns_json_check_keys(const json_t *obj, const struct ns_json_path *at,
		       const char *const *allowed, struct ns_err *err)
{
	struct strbuf list = STRBUF_INIT;
	const char *key;
	json_t *v;
	int rc;

	json_object_foreach((json_t *)obj, key, v) {
		if (is_allowed(key, allowed))
			continue;
		for (size_t i = 0; allowed[i]; i++)
			strbuf_addf(&list, "%s%s", i ? ", " : "", allowed[i]);
		rc = ns_json_fail(err, at, "unknown key '%.60s' (expected: %s)", key, list.buf);
		strbuf_release(&list);
		return rc;
	}
	return 0;
}

int ns_json_each_object(const json_t *arr, const struct ns_json_path *at,
			const char *const *keys, ns_json_each_fn fn, void *arg,
			struct ns_err *err)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const struct ns_json_path *el = NS_JSON_INDEX(at, i);
		const json_t *v = json_array_get(arr, i);
		int rc;

		if ((rc = ns_json_object(v, el, err)) ||
		    (keys && (rc = ns_json_check_keys(v, el, keys, err))) ||
		    (rc = fn(v, el, i, arg, err)))
			return rc;
	}
	return 0;
}
