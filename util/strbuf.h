/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * strbuf.h — a growable string, for text whose length is not known before it
 * is written: lists of names in an error, paths joined from parts, JSON paths.
 *
 * A fixed char[N] filled with snprintf() cuts the text silently when it does
 * not fit; a strbuf grows instead and never truncates. The model is git's
 * strbuf.h (init/addf/release/detach), with one difference: library code
 * here never exits, so running out of memory is recorded, not fatal.
 *
 *	struct strbuf sb = STRBUF_INIT;
 *
 *	for (size_t i = 0; i < n; i++)
 *		strbuf_addf(&sb, "%s%s", i ? ", " : "", names[i]);
 *	if (strbuf_failed(&sb))
 *		rc = -ENOMEM;
 *	else
 *		use(sb.buf);
 *	strbuf_release(&sb);
 *
 * Invariants: @buf is never NULL and always a NUL-terminated string of @len
 * bytes (it may hold NUL bytes of its own when strbuf_add() put them there).
 * Before anything is added @buf is a shared, read-only "": a strbuf that
 * stays empty allocates nothing.
 *
 * Out of memory, the one way: an add that cannot get memory adds nothing,
 * marks the strbuf failed and returns -ENOMEM; every later add returns
 * -ENOMEM without adding, so the text is never whole-but-for-a-hole. @buf is
 * still the valid string of what was added before. Callers may check each
 * add, or add freely and check strbuf_failed() once before using the text.
 * strbuf_reset() and strbuf_release() clear the mark.
 *
 * Ownership: the strbuf owns @buf until strbuf_detach() hands it to the
 * caller; strbuf_release() frees it. Sizes are in bytes.
 */
#ifndef NOTSPOT_UTIL_STRBUF_H
#define NOTSPOT_UTIL_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	size_t alloc; /* bytes allocated at @buf; 0 while @buf is the shared "" */
	size_t len;   /* bytes of text, without the terminating NUL */
	char *buf;    /* the text, NUL-terminated; never NULL; do not free */
	bool failed;  /* an allocation failed: later adds are refused (see above) */
};

/* The shared empty string of a strbuf that owns no memory yet. Never written. */
extern char strbuf_empty[1];

#define STRBUF_INIT { 0, 0, strbuf_empty, false }

/**
 * strbuf_init() - an empty strbuf with room for @hint bytes of text reserved
 * (0: reserve nothing). A reservation that fails marks the strbuf failed.
 */
void strbuf_init(struct strbuf *sb, size_t hint);

/**
 * strbuf_grow() - make room for @extra more bytes of text (and the NUL)
 * without adding any. 0, or -ENOMEM (the strbuf is then failed).
 */
int strbuf_grow(struct strbuf *sb, size_t extra);

/** strbuf_add() - append the @len bytes at @data. 0 or -ENOMEM. */
int strbuf_add(struct strbuf *sb, const void *data, size_t len);

/** strbuf_addstr() - append the string @s. 0 or -ENOMEM. */
int strbuf_addstr(struct strbuf *sb, const char *s);

/** strbuf_addch() - append the byte @c. 0 or -ENOMEM. */
int strbuf_addch(struct strbuf *sb, int c);

/**
 * strbuf_addf() - append the text printf() would print for @fmt and its
 * arguments, however long it is. 0, -ENOMEM, or -EINVAL (and nothing added,
 * the strbuf not failed) if the format cannot be printed.
 */
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** strbuf_vaddf() - strbuf_addf() with a va_list. */
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/** strbuf_setlen() - cut the text to its first @len bytes (@len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);

/** strbuf_reset() - empty the text, keep the memory, clear the failed mark. */
void strbuf_reset(struct strbuf *sb);

/** strbuf_release() - free the memory; @sb is then as after STRBUF_INIT. */
void strbuf_release(struct strbuf *sb);

/**
 * strbuf_detach() - hand the text to the caller: a malloc'd NUL-terminated
 * string the caller free()s, its length in *@len (@len may be NULL). @sb is
 * then as after STRBUF_INIT. Returns NULL (and releases @sb) when @sb failed
 * or when even an empty string cannot be allocated: the text would not be
 * whole.
 */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/** strbuf_failed() - whether an allocation failed since init or the last reset. */
static inline bool strbuf_failed(const struct strbuf *sb)
{
	return sb->failed;
}

#endif
