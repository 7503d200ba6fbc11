/*
 * radiotap.c — a bounded walk over a radiotap header (see radiotap.h).
 */
#include "scanner/radiotap.h"

#include <endian.h>
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

static uint16_t get_le16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return le16toh(v);
}

static uint32_t get_le32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return le32toh(v);
}

static uint64_t get_le64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return le64toh(v);
}

/* Round @off up to a multiple of @align (a power of two). */
static size_t align_up(size_t off, size_t align)
{
	return (off + align - 1) & ~(align - 1);
}

int radiotap_iter_init(struct radiotap_iter *it, const uint8_t *buf, size_t len,
		       struct ns_err *err)
{
	size_t p = 4;
	uint32_t word;

	memset(it, 0, sizeof(*it));
	if (len < 8)
		return ns_err_set(err, -EINVAL,
				  "the radiotap header is cut short (%zu bytes, at least 8 needed)",
				  len);
	if (buf[0] != 0)
		return ns_err_set(err, -EINVAL, "radiotap version %u is not known (only 0 is)",
				  buf[0]);
	it->hdr_len = get_le16(buf + 2);
	if (it->hdr_len < 8)
		return ns_err_set(err, -EINVAL, "the radiotap header claims %zu bytes, less than 8",
				  it->hdr_len);
	if (it->hdr_len > len)
		return ns_err_set(err, -EINVAL,
				  "the radiotap header claims %zu bytes but the packet has %zu",
				  it->hdr_len, len);
	do {
		if (p + 4 > it->hdr_len)
			return ns_err_set(err, -EINVAL,
					  "the radiotap presence bitmaps run past the header's %zu bytes",
					  it->hdr_len);
		word = get_le32(buf + p);
		p += 4;
		it->nwords++;
	} while (word & (1u << RADIOTAP_EXT));

	it->buf = buf;
	it->off = p;
	it->bitmap = get_le32(buf + 4);
	it->next_ns = NS_CONTINUE;
	it->ns = NS_RADIOTAP;
	return 0;
}

/* Move to the next bitmap; false at the end. */
static bool next_bitmap(struct radiotap_iter *it)
{
	if (it->word + 1 >= it->nwords)
		return false;
	it->word++;
	it->bitmap = get_le32(it->buf + 4 + 4 * it->word);
	it->bit = 0;
	if (it->next_ns == NS_CONTINUE) {
		it->base += 32;
	} else {
		if (it->next_ns == NS_RADIOTAP)
			it->ns_index++;
		else
			it->off += it->vendor_skip; /* nothing in a vendor namespace is read */
		it->ns = it->next_ns;
		it->base = 0;
		it->next_ns = NS_CONTINUE;
	}
	return true;
}

int radiotap_iter_next(struct radiotap_iter *it, struct ns_err *err)
{
	for (;;) {
		int b, field;

		if (it->bit >= 32 && !next_bitmap(it))
			return 0;
		if (it->off > it->hdr_len)
			return ns_err_set(err, -EINVAL,
					  "a radiotap vendor namespace runs past the header's %zu bytes",
					  it->hdr_len);
		b = it->bit++;
		if (!(it->bitmap & (1u << b)))
			continue;
		if (b == RADIOTAP_EXT)
			continue;
		if (b == RADIOTAP_RADIOTAP_NAMESPACE || b == RADIOTAP_VENDOR_NAMESPACE) {
			if (it->next_ns != NS_CONTINUE)
				return ns_err_set(err, -EINVAL,
						  "a radiotap presence bitmap switches to two namespaces at once");
			if (!(it->bitmap & (1u << RADIOTAP_EXT)))
				return 0; /* a switch with no bitmap after it announces nothing */
			if (b == RADIOTAP_VENDOR_NAMESPACE) {
				/* OUI[3], sub-namespace, u16 skip_length; aligned to 2 */
				it->off = align_up(it->off, 2);
				if (it->off + 6 > it->hdr_len)
					return ns_err_set(err, -EINVAL,
							  "a radiotap vendor namespace header runs past the header's %zu bytes",
							  it->hdr_len);
				it->vendor_skip = get_le16(it->buf + it->off + 4);
				it->off += 6;
				it->next_ns = NS_VENDOR;
			} else {
				it->next_ns = NS_RADIOTAP;
			}
			continue;
		}
		if (it->ns == NS_VENDOR)
			continue;
		field = it->base + b;
		if (field >= NFIELDS || field_spec[field].size == 0) {
			it->stopped_unknown = true;
			return 0;
		}
		it->off = align_up(it->off, field_spec[field].align);
		if (it->off + field_spec[field].size > it->hdr_len)
			return ns_err_set(err, -EINVAL,
					  "radiotap field %d runs past the header's %zu bytes", field,
					  it->hdr_len);
		it->field = field;
		it->data = it->buf + it->off;
		it->size = field_spec[field].size;
		it->off += it->size;
		return 1;
	}
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

static void take_field(struct radiotap_info *out, const struct radiotap_iter *it,
		       int *pending_chain)
{
	const uint8_t *d = it->data;

	if (it->ns_index > 0) {
		/* later namespaces: one receive chain each (signal + antenna) */
		if (it->field == RADIOTAP_DBM_ANTSIGNAL && out->nchains < RADIOTAP_MAX_CHAINS) {
			*pending_chain = out->nchains;
			out->chain_signal_dbm[out->nchains] = (int8_t)d[0];
			out->chain_antenna[out->nchains] = INT_MIN;
			out->nchains++;
		} else if (it->field == RADIOTAP_ANTENNA && *pending_chain >= 0) {
			out->chain_antenna[*pending_chain] = d[0];
			*pending_chain = -1;
		}
		return;
	}
	switch (it->field) {
	case RADIOTAP_TSFT:
		out->has_tsft = true;
		out->tsft_us = get_le64(d);
		break;
	case RADIOTAP_FLAGS:
		out->flags = d[0];
		out->fcs_at_end = d[0] & RADIOTAP_F_FCS;
		if (d[0] & RADIOTAP_F_BADFCS)
			out->bad_fcs = true;
		break;
	case RADIOTAP_RATE:
		out->rate_500kbps = d[0];
		break;
	case RADIOTAP_CHANNEL:
		out->freq_mhz = get_le16(d);
		out->chan_flags = get_le16(d + 2);
		break;
	case RADIOTAP_DBM_ANTSIGNAL:
		if (out->signal_dbm == INT_MIN)
			out->signal_dbm = (int8_t)d[0];
		break;
	case RADIOTAP_DBM_ANTNOISE:
		if (out->noise_dbm == INT_MIN)
			out->noise_dbm = (int8_t)d[0];
		break;
	case RADIOTAP_RX_FLAGS:
		/* bit 1: bad PLCP CRC; (bit 0 is the old bad-FCS bit, now in Flags) */
		if (get_le16(d) & 0x0002)
			out->bad_fcs = true;
		break;
	case RADIOTAP_MCS:
		/* known, flags, index; flags bits 0-1: 0 = 20, 1 = 40, 2 = 20L, 3 = 20U */
		if (d[0] & 0x02)
			out->mcs_index = d[2];
		if (d[0] & 0x01)
			out->bandwidth_mhz = (d[1] & 0x03) == 1 ? 40 : 20;
		break;
	case RADIOTAP_VHT: {
		/* u16 known, u8 flags, u8 bandwidth, u8 mcs_nss[4], … */
		uint16_t known = get_le16(d);

		if (known & 0x0040)
			out->bandwidth_mhz = vht_bw_mhz(d[3] & 0x1f);
		if (d[4] & 0x0f) {
			out->vht_mcs = d[4] >> 4;
			out->vht_nss = d[4] & 0x0f;
		}
		break;
	}
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
