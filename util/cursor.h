/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cursor.h — a bounded cursor over outside bytes: radiotap headers, 802.11
 * frames, information elements, PNG/JPEG headers.
 *
 * Every parser of bytes that came from outside (the kernel, the air, a file)
 * reads them through a cursor, never through a raw pointer and an index, so
 * that no read can pass the end of what it was given. Each read checks what is
 * left first; a read that would run past the end returns -EINVAL and leaves
 * the cursor exactly as it was, so a parser may try another reading or report
 * the cut. Multi-byte fields are copied out with memcpy and converted with
 * le16toh()/be32toh() and the like: no pointer into the buffer is ever cast to
 * a wider type, so unaligned fields are read safely.
 *
 * A length-prefixed part (an element, a chunk, a vendor namespace) is handed
 * on as its own cursor (cur_sub()), so its parser cannot read its neighbour's
 * bytes. Alignment (cur_align()) is counted from the cursor's start, which is
 * what radiotap asks for ("aligned relative to the start of the header").
 *
 * Ownership: a cursor borrows the bytes; it allocates nothing and the bytes
 * must outlive it. Pointers handed out (cur_bytes(), cur_peek(), cur_ptr())
 * point into those bytes. A cursor is a plain value: copy it to remember a
 * place. Units are bytes throughout.
 *
 * The model is tcpdump's bounds-checked accessors (GET_U_1, GET_LE_U_2, ...),
 * with an error code instead of a longjmp.
 */
#ifndef NOTSPOT_UTIL_CURSOR_H
#define NOTSPOT_UTIL_CURSOR_H

#include <endian.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cursor {
	const uint8_t *base; /* the first byte of the region (alignment counts from here) */
	size_t len;          /* bytes in the region */
	size_t pos;          /* bytes already read, 0..len */
};

/*
 * The small moves are inline: parsers call them for every field of every
 * frame (a capture is parsed at a million frames a second).
 */

/**
 * cur_init() - a cursor over the @len bytes at @buf, positioned at the start.
 * A NULL @buf gives an empty cursor, whatever @len says.
 */
static inline void cur_init(struct cursor *c, const void *buf, size_t len)
{
	c->base = buf ? buf : (const void *)""; /* never NULL: no arithmetic on a null pointer */
	c->len = buf ? len : 0;
	c->pos = 0;
}

/** cur_left() - bytes not yet read. */
static inline size_t cur_left(const struct cursor *c)
{
	return c->len - c->pos;
}

/** cur_pos() - bytes read so far: the offset of the next byte from the start. */
static inline size_t cur_pos(const struct cursor *c)
{
	return c->pos;
}

/** cur_ptr() - the next unread byte (one past the last when nothing is left). */
static inline const uint8_t *cur_ptr(const struct cursor *c)
{
	return c->base + c->pos;
}

/*
 * The reads. Each returns 0 and moves past what it read, or -EINVAL when
 * fewer bytes are left than it needs, leaving the cursor and *@v unchanged.
 */

/** cur_peek() - *@p points to the next @n bytes; the cursor does not move. */
static inline int cur_peek(const struct cursor *c, const uint8_t **p, size_t n)
{
	if (n > cur_left(c))
		return -EINVAL;
	*p = c->base + c->pos;
	return 0;
}

/**
 * cur_bytes() - *@p points to the next @n bytes (in the cursor's buffer,
 * unaligned), and the cursor moves past them.
 */
static inline int cur_bytes(struct cursor *c, const uint8_t **p, size_t n)
{
	if (cur_peek(c, p, n))
		return -EINVAL;
	c->pos += n;
	return 0;
}

/** cur_skip() - move past @n bytes without reading them. */
static inline int cur_skip(struct cursor *c, size_t n)
{
	const uint8_t *p;

	return cur_bytes(c, &p, n);
}

/** cur_copy() - copy the next @n bytes to @dst and move past them. */
static inline int cur_copy(struct cursor *c, void *dst, size_t n)
{
	const uint8_t *p;

	if (cur_bytes(c, &p, n))
		return -EINVAL;
	memcpy(dst, p, n);
	return 0;
}

/** cur_u8() - the next byte. */
static inline int cur_u8(struct cursor *c, uint8_t *v)
{
	const uint8_t *p;

	if (cur_bytes(c, &p, 1))
		return -EINVAL;
	*v = *p;
	return 0;
}

/*
 * cur_u16le(), cur_u16be(), cur_u32le(), cur_u32be(), cur_u64le(): the next
 * field, little- or big-endian, in host order; copied out with memcpy, so the
 * field need not be aligned.
 */
#define CUR_READ(name, type, to_host)                                  \
	static inline int name(struct cursor *c, type *v)              \
	{                                                              \
		type x;                                                \
									       \
		if (cur_copy(c, &x, sizeof(x)))                        \
			return -EINVAL;                                \
		*v = to_host(x);                                       \
		return 0;                                              \
	}

CUR_READ(cur_u16le, uint16_t, le16toh)
CUR_READ(cur_u16be, uint16_t, be16toh)
CUR_READ(cur_u32le, uint32_t, le32toh)
CUR_READ(cur_u32be, uint32_t, be32toh)
CUR_READ(cur_u64le, uint64_t, le64toh)

#undef CUR_READ

/**
 * cur_align() - move to the next offset from the cursor's start that is a
 * multiple of @align (a power of two; 1 does nothing). -EINVAL when the
 * padding runs past the end or @align is not a power of two.
 */
static inline int cur_align(struct cursor *c, size_t align)
{
	if (align == 0 || (align & (align - 1)) != 0)
		return -EINVAL;
	return cur_skip(c, (align - (c->pos & (align - 1))) & (align - 1));
}

/**
 * cur_sub() - the next @n bytes as a cursor of their own in *@sub (its start
 * is their first byte), and @c moves past them. For a length-prefixed part:
 *
 *	if (cur_u8(&c, &id) || cur_u8(&c, &len) || cur_sub(&c, len, &body))
 *		return -EINVAL;
 *
 * On -EINVAL (@n is more than is left) neither @c nor *@sub changes.
 */
static inline int cur_sub(struct cursor *c, size_t n, struct cursor *sub)
{
	const uint8_t *p;

	if (cur_bytes(c, &p, n))
		return -EINVAL;
	sub->base = p;
	sub->len = n;
	sub->pos = 0;
	return 0;
}

/**
 * cur_find() - move to the first place, within the next @window bytes (or
 * fewer, if fewer are left), where the @n bytes at @needle begin. 0, or
 * -ENOENT and the cursor unchanged when they do not begin there.
 */
int cur_find(struct cursor *c, const void *needle, size_t n, size_t window);

#endif
