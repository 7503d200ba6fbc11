/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json_get.h — checked getters for JSON read from files (through jansson),
 * and the path that names where each value is.
 *
 * A JSON file a user wrote (floorplan sidecar, simulator APs and routes,
 * requirement profiles) is outside bytes: every value is checked for its type
 * (and, where a range is given, its range) before it is used, an unknown key
 * is refused rather than silently ignored (a typo must not become a default),
 * and every error names the place in the file and says why:
 *
 *	aps[3].radios[0].channel: must be a number, not a string
 *	walls[0].points[1][1]: 1e+300 is out of range (-100000 to 100000)
 *	sidecar: unknown key 'wals' (expected: notspot_floorplan, name, ...)
 *
 * Paths are chains of small structs on the caller's stack, one link per
 * level, so no buffer is sized in advance and none is cut short:
 *
 *	const struct ns_json_path root = NS_JSON_ROOT("the AP file");
 *	const struct ns_json_path *aps = NS_JSON_KEY(&root, "aps");
 *	...
 *	json_array_foreach(arr, i, v) {
 *		const struct ns_json_path *ap = NS_JSON_INDEX(aps, i);
 *
 *		if ((rc = ns_json_get_number(v, "x", true, ap, &x, err)))
 *			return rc;
 *
 * A path is written as its keys joined by '.' and its indices in brackets,
 * without the root ("aps[3].x"); the root's label names the top level itself
 * ("the AP file: unknown key ...").
 *
 * Errors: every function returns 0 or a negative errno (-EINVAL for a value
 * that breaks its rule, -ENOMEM) with one sentence in @err, "PATH: why".
 * Ownership: strings handed out point into the json_t they came from and live
 * as long as it; nothing here takes or drops a reference.
 */
#ifndef NOTSPOT_UTIL_JSON_GET_H
#define NOTSPOT_UTIL_JSON_GET_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* One step of a path: a member @key of @up, or element @index of @up when @key is NULL. */
struct ns_json_path {
	const struct ns_json_path *up; /* the enclosing value; NULL: this is the root */
	const char *key;               /* member name; at the root, the root's label */
	size_t index;                  /* array index when @key is NULL */
};

/* The root, named @label in errors about the top level itself ("sidecar"). */
#define NS_JSON_ROOT(label) ((struct ns_json_path){ NULL, (label), 0 })
/* A pointer to the path of member @k of @up / element @i of @up, valid in the enclosing block. */
#define NS_JSON_KEY(up, k) (&(const struct ns_json_path){ (up), (k), 0 })
#define NS_JSON_INDEX(up, i) (&(const struct ns_json_path){ (up), NULL, (i) })

/**
 * ns_json_fail() - put "PATH: why" in @err, the reason formatted like printf.
 * Returns -EINVAL, so parsers may `return ns_json_fail(err, at, "...")` for
 * rules of their own ("'cardboard' is not a known material").
 */
int ns_json_fail(struct ns_err *err, const struct ns_json_path *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** ns_json_error() - ns_json_fail() with the code @code (-ENOMEM, ...); returns @code. */
int ns_json_error(struct ns_err *err, int code, const struct ns_json_path *at, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));

/** ns_json_type_name() - "an object", "an array", "a string", "a number", "a boolean", "null". */
const char *ns_json_type_name(const json_t *v);

/**
 * ns_json_parse() - the JSON text of @len bytes at @buf (need not be
 * NUL-terminated) into *@root, which the caller json_decref()s. A key given
 * twice in one object is refused. Any value may be at the top; callers check.
 * Errors: -EINVAL, "not valid JSON at line L, column C: jansson's reason".
 */
int ns_json_parse(const char *buf, size_t len, json_t **root, struct ns_err *err);

/*
 * Value getters: check @v (the value at @at; NULL counts as missing and is
 * refused) and hand out its contents. On error *@out is left untouched.
 */

/** ns_json_object() - @v must be an object. */
int ns_json_object(const json_t *v, const struct ns_json_path *at, struct ns_err *err);

/** ns_json_array() - @v must be an array of at most @max elements; its size into *@n (or NULL). */
int ns_json_array(const json_t *v, const struct ns_json_path *at, size_t max, size_t *n,
		  struct ns_err *err);

/**
 * ns_json_number() - @v must be a finite number within [@lo, @hi] (pass
 * -INFINITY, INFINITY for any). "must be a number, not a string",
 * "1e+300 is out of range (-100000 to 100000)".
 */
int ns_json_number(const json_t *v, const struct ns_json_path *at, double lo, double hi,
		   double *out, struct ns_err *err);

/**
 * ns_json_int() - @v must be an integer (written without a fraction) within
 * [@lo, @hi]: "must be a whole number from LO to HI".
 */
int ns_json_int(const json_t *v, const struct ns_json_path *at, long long lo, long long hi,
		long long *out, struct ns_err *err);

/** ns_json_string() - @v must be a string without NUL; *@out points into @v. */
int ns_json_string(const json_t *v, const struct ns_json_path *at, const char **out,
		   struct ns_err *err);

/**
 * ns_json_string_copy() - ns_json_string() copied into @buf of @cap bytes;
 * a longer string is refused ("is N bytes long; at most M are allowed"), never
 * cut; with @nonempty, so is "".
 */
int ns_json_string_copy(const json_t *v, const struct ns_json_path *at, char *buf, size_t cap,
			bool nonempty, struct ns_err *err);

/**
 * ns_json_name_copy() - ns_json_string_copy() for a name that will enter a
 * survey (a ward, an AP, a floor, a building, a material): it must also pass
 * the one rule for names (util/textcheck.h: no control characters, no
 * bidirectional controls), "AT: the name 'X' holds a line break at byte 3; ...".
 */
int ns_json_name_copy(const json_t *v, const struct ns_json_path *at, char *buf, size_t cap,
		      bool nonempty, struct ns_err *err);

/** ns_json_bool() - @v must be true or false. */
int ns_json_bool(const json_t *v, const struct ns_json_path *at, bool *out, struct ns_err *err);

/*
 * Member getters: the member @key of the object @obj (at @at). A missing
 * member is an error when @required ("AT: \"KEY\" is missing"), else 0 with
 * *@out untouched, so a default set before the call stands.
 */

/** ns_json_member() - the member @key (NULL if absent and not @required) into *@v. */
int ns_json_member(const json_t *obj, const char *key, bool required,
		   const struct ns_json_path *at, json_t **v, struct ns_err *err);

int ns_json_get_number(const json_t *obj, const char *key, bool required,
		       const struct ns_json_path *at, double *out, struct ns_err *err);
int ns_json_get_int(const json_t *obj, const char *key, bool required,
		    const struct ns_json_path *at, long long lo, long long hi, long long *out,
		    struct ns_err *err);
int ns_json_get_string(const json_t *obj, const char *key, bool required,
		       const struct ns_json_path *at, const char **out, struct ns_err *err);
int ns_json_get_bool(const json_t *obj, const char *key, bool required,
		     const struct ns_json_path *at, bool *out, struct ns_err *err);

/* What ns_json_each_object() calls for element @i (the object @v, at @at) of an array. */
typedef int (*ns_json_each_fn)(const json_t *v, const struct ns_json_path *at, size_t i,
			       void *arg, struct ns_err *err);

/**
 * ns_json_each_object() - for each element of the array @arr (at @at), in
 * order: it must be an object, with only the keys @keys (NULL: any keys),
 * then @fn(element, "AT[i]", i, @arg, @err). Stops at the first error and
 * returns it; 0 when all were read. The caller checks @arr is an array (its
 * size limits are the format's).
 */
int ns_json_each_object(const json_t *arr, const struct ns_json_path *at,
			const char *const *keys, ns_json_each_fn fn, void *arg,
			struct ns_err *err);

/**
 * ns_json_check_keys() - 0 if every key of the object @obj is in the
 * NULL-terminated @allowed; else -EINVAL and
 * "AT: unknown key 'K' (expected: A, B, ...)". @obj is only read.
 */
int ns_json_check_keys(const json_t *obj, const struct ns_json_path *at,
		       const char *const *allowed, struct ns_err *err);

#endif
