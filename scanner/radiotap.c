/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * radiotap.c — a bounded walk over a radiotap header (see radiotap.h).
 */
#include "scanner/radiotap.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

/*
 * Alignment and size of each field of the radiotap namespace, bytes, from
 * radiotap.org "Defined fields" (the same table as the Linux kernel's
 * net/wireless/radiotap.c). Size 0: unknown here, the walk must stop.
 */
static const struct {
	uint8_t align, size;
} field_spec[] = {
	[RADIOTAP_TSFT] = { 8, 8 },
	[RADIOTAP_FLAGS] = { 1, 1 },
	[RADIOTAP_RATE] = { 1, 1 },
	[RADIOTAP_CHANNEL] = { 2, 4 },
	[RADIOTAP_FHSS] = { 2, 2 },
	[RADIOTAP_DBM_ANTSIGNAL] = { 1, 1 },
	[RADIOTAP_DBM_ANTNOISE] = { 1, 1 },
	[RADIOTAP_LOCK_QUALITY] = { 2, 2 },
	[RADIOTAP_TX_ATTENUATION] = { 2, 2 },
	[RADIOTAP_DB_TX_ATTENUATION] = { 2, 2 },
	[RADIOTAP_DBM_TX_POWER] = { 1, 1 },
	[RADIOTAP_ANTENNA] = { 1, 1 },
	[RADIOTAP_DB_ANTSIGNAL] = { 1, 1 },
	[RADIOTAP_DB_ANTNOISE] = { 1, 1 },
	[RADIOTAP_RX_FLAGS] = { 2, 2 },
	[RADIOTAP_TX_FLAGS] = { 2, 2 },
	[RADIOTAP_RTS_RETRIES] = { 1, 1 },
	[RADIOTAP_DATA_RETRIES] = { 1, 1 },
	[RADIOTAP_XCHANNEL] = { 4, 8 },
	[RADIOTAP_MCS] = { 1, 3 },
	[RADIOTAP_AMPDU_STATUS] = { 4, 8 },
	[RADIOTAP_VHT] = { 2, 12 },
	[RADIOTAP_TIMESTAMP] = { 8, 12 },
	[RADIOTAP_HE] = { 2, 12 },
	[RADIOTAP_HE_MU] = { 2, 12 },
	[RADIOTAP_HE_MU_OTHER_USER] = { 2, 6 },
	[RADIOTAP_ZERO_LEN_PSDU] = { 1, 1 },
	[RADIOTAP_LSIG] = { 2, 4 },
};

#define NFIELDS ((int)(sizeof(field_spec) / sizeof(field_spec[0])))

enum { NS_RADIOTAP = 0, NS_VENDOR = 1, NS_CONTINUE = -1 };

int radiotap_iter_init(struct radiotap_iter *it, const uint8_t *buf, size_t len,
		       struct ns_err *err)
{
	struct cursor c;
	uint8_t version;
	uint16_t it_len;
	uint32_t word;
	size_t first;

	memset(it, 0, sizeof(*it));
	cur_init(&c, buf, len);
	/* it_version (1), it_pad (1), it_len (2, little-endian), it_present (4, ...) */
	if (cur_u8(&c, &version) || cur_skip(&c, 1) || cur_u16le(&c, &it_len) ||
	    cur_left(&c) < 4)
		return ns_err_set(err, -EINVAL,
				  "the radiotap header is cut short (%zu bytes, at least 8 needed)",
				  len);
	if (version != 0)
		return ns_err_set(err, -EINVAL, "radiotap version %u is not known (only 0 is)",
				  version);
	it->hdr_len = it_len;
	if (it->hdr_len < 8)
		return ns_err_set(err, -EINVAL, "the radiotap header claims %zu bytes, less than 8",
				  it->hdr_len);
	if (it->hdr_len > len)
		return ns_err_set(err, -EINVAL,
				  "the radiotap header claims %zu bytes but the packet has %zu",
				  it->hdr_len, len);
	cur_init(&it->hdr, buf, it->hdr_len);
	cur_skip(&it->hdr, 4);
	first = cur_pos(&it->hdr);
	do {
		if (cur_u32le(&it->hdr, &word))
			return ns_err_set(err, -EINVAL,
					  "the radiotap presence bitmaps run past the header's %zu bytes",
					  it->hdr_len);
	} while (word & (1u << RADIOTAP_EXT));
	/* The fields follow the last bitmap; the bitmaps are walked one by one. */
	cur_init(&it->words, buf + first, cur_pos(&it->hdr) - first);
	cur_u32le(&it->words, &it->bitmap);
	it->next_ns = NS_CONTINUE;
	it->ns = NS_RADIOTAP;
	return 0;
}

/*
 * Move to the next bitmap: 1, or 0 at the end. Entering a vendor namespace
 * skips its data (nothing in it is read); -EINVAL if that runs past the header.
 */
static int next_bitmap(struct radiotap_iter *it, struct ns_err *err)
{
	if (cur_u32le(&it->words, &it->bitmap))
		return 0;
	it->bit = 0;
	if (it->next_ns == NS_CONTINUE) {
		it->base += 32;
		return 1;
	}
	if (it->next_ns == NS_RADIOTAP)
		it->ns_index++;
	else if (cur_skip(&it->hdr, it->vendor_skip))
		return ns_err_set(err, -EINVAL,
				  "a radiotap vendor namespace runs past the header's %zu bytes",
				  it->hdr_len);
	it->ns = it->next_ns;
	it->base = 0;
	it->next_ns = NS_CONTINUE;
	return 1;
}

/*
 * Bit 29 or 30 of the current bitmap: the next bitmap starts a radiotap or a
 * vendor namespace. A vendor namespace's header (OUI[3], sub-namespace,
 * u16 skip_length; aligned to 2) is read here. Returns 1 to go on, 0 for the
 * end, -EINVAL.
 */
static int namespace_switch(struct radiotap_iter *it, int b, struct ns_err *err)
{
	struct cursor v = it->hdr;
	uint16_t skip;

	if (it->next_ns != NS_CONTINUE)
		return ns_err_set(err, -EINVAL,
				  "a radiotap presence bitmap switches to two namespaces at once");
	if (!(it->bitmap & (1u << RADIOTAP_EXT)))
		return 0; /* a switch with no bitmap after it announces nothing */
	if (b == RADIOTAP_RADIOTAP_NAMESPACE) {
		it->next_ns = NS_RADIOTAP;
		return 1;
	}
	if (cur_align(&v, 2) || cur_skip(&v, 4) || cur_u16le(&v, &skip))
		return ns_err_set(err, -EINVAL,
				  "a radiotap vendor namespace header runs past the header's %zu bytes",
				  it->hdr_len);
	it->hdr = v;
	it->vendor_skip = skip;
	it->next_ns = NS_VENDOR;
	return 1;
}

/* The field @field of a radiotap namespace: 1 with it in @it, 0 if unknown, -EINVAL. */
static int take_data(struct radiotap_iter *it, int field, struct ns_err *err)
{
	if (field >= NFIELDS || field_spec[field].size == 0) {
		it->stopped_unknown = true;
		return 0;
	}
	if (cur_align(&it->hdr, field_spec[field].align) ||
	    cur_bytes(&it->hdr, &it->data, field_spec[field].size))
		return ns_err_set(err, -EINVAL, "radiotap field %d runs past the header's %zu bytes",
				  field, it->hdr_len);
	it->field = field;
	it->size = field_spec[field].size;
	return 1;
}

static int iter_step(struct radiotap_iter *it, struct ns_err *err)
{
	for (;;) {
		uint32_t rest;
		int b, rc;

		if (it->bit >= 32 && (rc = next_bitmap(it, err)) <= 0)
			return rc;
		/* straight to the next present bit */
		rest = it->bitmap >> it->bit;
		if (rest == 0) {
			it->bit = 32;
			continue;
		}
		b = it->bit + __builtin_ctz(rest);
		it->bit = b + 1;
		if (b == RADIOTAP_EXT)
			continue;
		if (b == RADIOTAP_RADIOTAP_NAMESPACE || b == RADIOTAP_VENDOR_NAMESPACE) {
			if ((rc = namespace_switch(it, b, err)) <= 0)
				return rc;
			continue;
		}
		if (it->ns == NS_VENDOR)
			continue;
		return take_data(it, it->base + b, err);
	}
}

int radiotap_iter_next(struct radiotap_iter *it, struct ns_err *err)
{
	int rc;

	if (it->failed)
		return it->failed;
	if (it->stopped_unknown)
		return 0; /* nothing after an unknown field can be located */
	rc = iter_step(it, err);
	if (rc < 0)
		it->failed = rc;
	return rc;
}

/* VHT bandwidth codes (radiotap.org, VHT field) to MHz. */
static int vht_bw_mhz(uint8_t code)
{
	if (code == 0)
		return 20;
	if (code <= 3)
		return 40;
	if (code <= 10)
		return 80;
	if (code <= 25)
		return 160;
	return INT_MIN;
}

/* A field of a later radiotap namespace: one receive chain each (signal + antenna). */
static void take_chain_field(struct radiotap_info *out, int field, struct cursor *f,
			     int *pending_chain)
{
	uint8_t b;

	if (cur_u8(f, &b))
		return;
	if (field == RADIOTAP_DBM_ANTSIGNAL && out->nchains < RADIOTAP_MAX_CHAINS) {
		*pending_chain = out->nchains;
		out->chain_signal_dbm[out->nchains] = (int8_t)b;
		out->chain_antenna[out->nchains] = INT_MIN;
		out->nchains++;
	} else if (field == RADIOTAP_ANTENNA && *pending_chain >= 0) {
		out->chain_antenna[*pending_chain] = b;
		*pending_chain = -1;
	}
}

/* MCS: known, flags, index; flags bits 0-1: 0 = 20, 1 = 40, 2 = 20L, 3 = 20U. */
static void take_mcs(struct radiotap_info *out, struct cursor *f)
{
	uint8_t known, flags, index;

	if (cur_u8(f, &known) || cur_u8(f, &flags) || cur_u8(f, &index))
		return;
	if (known & 0x02)
		out->mcs_index = index;
	if (known & 0x01)
		out->bandwidth_mhz = (flags & 0x03) == 1 ? 40 : 20;
}

/* VHT: u16 known, u8 flags, u8 bandwidth, u8 mcs_nss[4] (user 0 first), ... */
static void take_vht(struct radiotap_info *out, struct cursor *f)
{
	uint16_t known;
	uint8_t bw, mcs_nss;

	if (cur_u16le(f, &known) || cur_skip(f, 1) || cur_u8(f, &bw) || cur_u8(f, &mcs_nss))
		return;
	if (known & 0x0040)
		out->bandwidth_mhz = vht_bw_mhz(bw & 0x1f);
	if (mcs_nss & 0x0f) {
		out->vht_mcs = mcs_nss >> 4;
		out->vht_nss = mcs_nss & 0x0f;
	}
}

/*
 * One field into @out, read through a cursor over its bytes. The iterator
 * gave exactly the table's size, so the reads below do not fail; they are
 * checked all the same.
 */
static void take_field(struct radiotap_info *out, const struct radiotap_iter *it,
		       int *pending_chain)
{
	struct cursor f;
	uint16_t v16;
	uint8_t b;

	cur_init(&f, it->data, it->size);
	if (it->ns_index > 0) {
		take_chain_field(out, it->field, &f, pending_chain);
		return;
	}
	switch (it->field) {
	case RADIOTAP_TSFT:
		out->has_tsft = cur_u64le(&f, &out->tsft_us) == 0;
		break;
	case RADIOTAP_FLAGS:
		if (cur_u8(&f, &b))
			break;
		out->flags = b;
		out->fcs_at_end = b & RADIOTAP_F_FCS;
		if (b & RADIOTAP_F_BADFCS)
			out->bad_fcs = true;
		break;
	case RADIOTAP_RATE:
		if (cur_u8(&f, &b) == 0)
			out->rate_500kbps = b;
		break;
	case RADIOTAP_CHANNEL:
		if (cur_u16le(&f, &v16) || cur_u16le(&f, &out->chan_flags))
			break;
		out->freq_mhz = v16;
		break;
	case RADIOTAP_DBM_ANTSIGNAL:
		if (out->signal_dbm == INT_MIN && cur_u8(&f, &b) == 0)
			out->signal_dbm = (int8_t)b;
		break;
	case RADIOTAP_DBM_ANTNOISE:
		if (out->noise_dbm == INT_MIN && cur_u8(&f, &b) == 0)
			out->noise_dbm = (int8_t)b;
		break;
	case RADIOTAP_RX_FLAGS:
		/* bit 1: bad PLCP CRC; (bit 0 is the old bad-FCS bit, now in Flags) */
		if (cur_u16le(&f, &v16) == 0 && (v16 & 0x0002))
			out->bad_fcs = true;
		break;
	case RADIOTAP_MCS:
		take_mcs(out, &f);
		break;
	case RADIOTAP_VHT:
		take_vht(out, &f);
		break;
	default:
		break;
	}
}

int radiotap_parse(const uint8_t *buf, size_t len, struct radiotap_info *out,
		   struct ns_err *err)
{
	struct radiotap_iter it;
	int pending_chain = -1;
	int rc;

	memset(out, 0, sizeof(*out));
	out->rate_500kbps = INT_MIN;
	out->freq_mhz = INT_MIN;
	out->signal_dbm = INT_MIN;
	out->noise_dbm = INT_MIN;
	out->mcs_index = INT_MIN;
	out->vht_mcs = INT_MIN;
	out->vht_nss = INT_MIN;
	out->bandwidth_mhz = INT_MIN;

	rc = radiotap_iter_init(&it, buf, len, err);
	if (rc)
		return rc;
	out->header_len = it.hdr_len;
	while ((rc = radiotap_iter_next(&it, err)) == 1)
		take_field(out, &it, &pending_chain);
	return rc;
}
