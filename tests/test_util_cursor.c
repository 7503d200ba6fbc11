/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_util_cursor.c — the bounded cursor: byte order, refusing to run past
 * the end without moving, alignment from the start, sub-cursors that cannot
 * reach their neighbours, bounded searches.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "util/cursor.h"

static const uint8_t bytes[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09 };

static void test_reads_little_and_big_endian_fields_at_odd_offsets(void **state)
{
	struct cursor c;
	uint8_t b;
	uint16_t le16, be16;
	uint32_t le32, be32;
	uint64_t le64;

	(void)state;
	cur_init(&c, bytes, sizeof(bytes));
	assert_int_equal(cur_u8(&c, &b), 0);
	assert_int_equal(b, 0x01);
	/* offset 1: not aligned for any wider type */
	assert_int_equal(cur_u16le(&c, &le16), 0);
	assert_int_equal(le16, 0x0302);
	assert_int_equal(cur_u16be(&c, &be16), 0);
	assert_int_equal(be16, 0x0405);
	assert_int_equal(cur_pos(&c), 5);
	cur_init(&c, bytes + 1, 8);
	assert_int_equal(cur_u32le(&c, &le32), 0);
	assert_int_equal(le32, 0x05040302u);
	assert_int_equal(cur_u32be(&c, &be32), 0);
	assert_int_equal(be32, 0x06070809u);
	assert_int_equal(cur_left(&c), 0);
	cur_init(&c, bytes + 1, 8);
	assert_int_equal(cur_u64le(&c, &le64), 0);
	assert_true(le64 == 0x0908070605040302ull);
}

static void test_a_read_past_the_end_fails_and_moves_nothing(void **state)
{
	struct cursor c;
	uint16_t v16 = 0xaaaa;
	uint32_t v32 = 0xbbbbbbbb;
	uint64_t v64 = 7;
	uint8_t v8 = 0xcc, copy[4] = { 9, 9, 9, 9 };
	const uint8_t *p = NULL;

	(void)state;
	cur_init(&c, bytes, 3);
	assert_int_equal(cur_skip(&c, 2), 0);
	assert_int_equal(cur_u16le(&c, &v16), -EINVAL);
	assert_int_equal(cur_u16be(&c, &v16), -EINVAL);
	assert_int_equal(cur_u32le(&c, &v32), -EINVAL);
	assert_int_equal(cur_u32be(&c, &v32), -EINVAL);
	assert_int_equal(cur_u64le(&c, &v64), -EINVAL);
	assert_int_equal(cur_bytes(&c, &p, 2), -EINVAL);
	assert_int_equal(cur_copy(&c, copy, 2), -EINVAL);
	assert_int_equal(cur_peek(&c, &p, 2), -EINVAL);
	assert_int_equal(cur_skip(&c, 2), -EINVAL);
	assert_int_equal(cur_skip(&c, SIZE_MAX), -EINVAL);
	/* nothing moved, nothing written */
	assert_int_equal(cur_pos(&c), 2);
	assert_int_equal(v16, 0xaaaa);
	assert_int_equal(v32, 0xbbbbbbbb);
	assert_int_equal(v64, 7);
	assert_null(p);
	assert_int_equal(copy[0], 9);
	/* the last byte is still there */
	assert_int_equal(cur_u8(&c, &v8), 0);
	assert_int_equal(v8, 0x03);
	assert_int_equal(cur_u8(&c, &v8), -EINVAL);
	assert_int_equal(v8, 0x03);
}

static void test_bytes_point_into_the_buffer_and_peek_does_not_move(void **state)
{
	struct cursor c;
	const uint8_t *p;
	uint8_t copy[3];

	(void)state;
	cur_init(&c, bytes, sizeof(bytes));
	assert_int_equal(cur_peek(&c, &p, 2), 0);
	assert_ptr_equal(p, bytes);
	assert_int_equal(cur_pos(&c), 0);
	assert_int_equal(cur_bytes(&c, &p, 2), 0);
	assert_ptr_equal(p, bytes);
	assert_ptr_equal(cur_ptr(&c), bytes + 2);
	assert_int_equal(cur_copy(&c, copy, 3), 0);
	assert_memory_equal(copy, bytes + 2, 3);
	assert_int_equal(cur_left(&c), 4);
	/* zero bytes are always there, even at the end */
	assert_int_equal(cur_skip(&c, 4), 0);
	assert_int_equal(cur_bytes(&c, &p, 0), 0);
	assert_ptr_equal(p, bytes + sizeof(bytes));
}

static void test_a_null_buffer_is_an_empty_cursor(void **state)
{
	struct cursor c;
	uint8_t b;

	(void)state;
	cur_init(&c, NULL, 100);
	assert_int_equal(cur_left(&c), 0);
	assert_int_equal(cur_u8(&c, &b), -EINVAL);
}

static void test_align_counts_from_the_start_of_the_cursor(void **state)
{
	uint8_t buf[32] = { 0 };
	struct cursor c;

	(void)state;
	/* a header that begins at an odd address: alignment is relative to it */
	cur_init(&c, buf + 3, 20);
	assert_int_equal(cur_skip(&c, 1), 0);
	assert_int_equal(cur_align(&c, 8), 0);
	assert_int_equal(cur_pos(&c), 8);
	assert_int_equal(cur_align(&c, 8), 0); /* already aligned: no move */
	assert_int_equal(cur_pos(&c), 8);
	assert_int_equal(cur_align(&c, 1), 0);
	assert_int_equal(cur_skip(&c, 1), 0);
	assert_int_equal(cur_align(&c, 2), 0);
	assert_int_equal(cur_pos(&c), 10);
	assert_int_equal(cur_skip(&c, 7), 0);
	/* pos 17 of 20: padding to 24 runs past the end */
	assert_int_equal(cur_align(&c, 8), -EINVAL);
	assert_int_equal(cur_pos(&c), 17);
	assert_int_equal(cur_align(&c, 4), 0); /* to 20, the very end, is fine */
	assert_int_equal(cur_left(&c), 0);
	assert_int_equal(cur_align(&c, 3), -EINVAL);
	assert_int_equal(cur_align(&c, 0), -EINVAL);
}

static void test_a_sub_cursor_cannot_read_its_neighbour(void **state)
{
	/* two length-prefixed elements: [2: aa bb] [1: cc] */
	static const uint8_t list[] = { 2, 0xaa, 0xbb, 1, 0xcc };
	struct cursor c, e = { 0 }, untouched;
	uint8_t len = 0, b;
	uint16_t v;

	(void)state;
	cur_init(&c, list, sizeof(list));
	assert_int_equal(cur_u8(&c, &len), 0);
	assert_int_equal(cur_sub(&c, len, &e), 0);
	assert_int_equal(cur_left(&e), 2);
	assert_int_equal(cur_u16be(&e, &v), 0);
	assert_int_equal(v, 0xaabb);
	assert_int_equal(cur_u8(&e, &b), -EINVAL); /* 0x01 belongs to the next element */
	/* the parent moved past the whole element */
	assert_int_equal(cur_u8(&c, &len), 0);
	assert_int_equal(len, 1);
	/* an element that claims more than is left changes nothing */
	untouched = e;
	assert_int_equal(cur_sub(&c, 2, &e), -EINVAL);
	assert_int_equal(cur_pos(&c), 4);
	assert_memory_equal(&e, &untouched, sizeof(e));
	/* a sub-cursor's alignment counts from its own start (here offset 3 of @list) */
	cur_init(&c, list, sizeof(list));
	assert_int_equal(cur_skip(&c, 3), 0);
	assert_int_equal(cur_sub(&c, 2, &e), 0);
	assert_int_equal(cur_align(&e, 4), 0);
	assert_int_equal(cur_pos(&e), 0);
	/* offset 4 of @list, but 1 of the element: 3 bytes of padding, 1 left */
	assert_int_equal(cur_skip(&e, 1), 0);
	assert_int_equal(cur_align(&e, 4), -EINVAL);
}

static void test_find_looks_only_within_its_window(void **state)
{
	static const char text[] = "....%PDF-1.7";
	struct cursor c;

	(void)state;
	cur_init(&c, text, strlen(text));
	/* the needle must lie wholly inside the window */
	assert_int_equal(cur_find(&c, "%PDF-", 5, 8), -ENOENT);
	assert_int_equal(cur_pos(&c), 0);
	assert_int_equal(cur_find(&c, "%PDF-", 5, 9), 0);
	assert_int_equal(cur_pos(&c), 4);
	/* a window larger than what is left is cut to what is left */
	assert_int_equal(cur_find(&c, "1.7", 3, 1000), 0);
	assert_int_equal(cur_left(&c), 3);
	assert_int_equal(cur_find(&c, "1.78", 4, 1000), -ENOENT);
	assert_int_equal(cur_find(&c, "", 0, 1000), -ENOENT);
	assert_int_equal(cur_left(&c), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_little_and_big_endian_fields_at_odd_offsets),
		cmocka_unit_test(test_a_read_past_the_end_fails_and_moves_nothing),
		cmocka_unit_test(test_bytes_point_into_the_buffer_and_peek_does_not_move),
		cmocka_unit_test(test_a_null_buffer_is_an_empty_cursor),
		cmocka_unit_test(test_align_counts_from_the_start_of_the_cursor),
		cmocka_unit_test(test_a_sub_cursor_cannot_read_its_neighbour),
		cmocka_unit_test(test_find_looks_only_within_its_window),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
