/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * radiotap.h — the radiotap header a monitor interface puts in front of every
 * 802.11 frame (DLT_IEEE802_11_RADIO): what the radio measured when it heard it.
 *
 * The header is outside bytes: a version, a length, one or more 32-bit
 * presence bitmaps, then the announced fields, each aligned to its natural
 * size *relative to the start of the header* (https://www.radiotap.org/,
 * "Alignment in radiotap"). Presence bit 31 says another bitmap follows; bit
 * 29 starts a new radiotap namespace (how drivers report one signal per
 * receive chain), bit 30 a vendor namespace, whose data is skipped by the
 * length it declares. A field this parser does not know the size of ends the
 * walk (nothing after it can be located), which is not an error; a field that
 * runs past the header length is.
 *
 * Everything is read through a bounded cursor with memcpy + le16toh/le32toh:
 * no pointer into the buffer is ever cast to a wider type.
 */
#ifndef NOTSPOT_SCANNER_RADIOTAP_H
#define NOTSPOT_SCANNER_RADIOTAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/cursor.h"
#include "util/err.h"

/* Field numbers in the radiotap namespace (radiotap.org "Defined fields"). */
enum radiotap_field {
	RADIOTAP_TSFT = 0,
	RADIOTAP_FLAGS = 1,
	RADIOTAP_RATE = 2,
	RADIOTAP_CHANNEL = 3,
	RADIOTAP_FHSS = 4,
	RADIOTAP_DBM_ANTSIGNAL = 5,
	RADIOTAP_DBM_ANTNOISE = 6,
	RADIOTAP_LOCK_QUALITY = 7,
	RADIOTAP_TX_ATTENUATION = 8,
	RADIOTAP_DB_TX_ATTENUATION = 9,
	RADIOTAP_DBM_TX_POWER = 10,
	RADIOTAP_ANTENNA = 11,
	RADIOTAP_DB_ANTSIGNAL = 12,
	RADIOTAP_DB_ANTNOISE = 13,
	RADIOTAP_RX_FLAGS = 14,
	RADIOTAP_TX_FLAGS = 15,
	RADIOTAP_RTS_RETRIES = 16,
	RADIOTAP_DATA_RETRIES = 17,
	RADIOTAP_XCHANNEL = 18,
	RADIOTAP_MCS = 19,
	RADIOTAP_AMPDU_STATUS = 20,
	RADIOTAP_VHT = 21,
	RADIOTAP_TIMESTAMP = 22,
	RADIOTAP_HE = 23,
	RADIOTAP_HE_MU = 24,
	RADIOTAP_HE_MU_OTHER_USER = 25,
	RADIOTAP_ZERO_LEN_PSDU = 26,
	RADIOTAP_LSIG = 27,
	RADIOTAP_TLV = 28,
	RADIOTAP_RADIOTAP_NAMESPACE = 29,
	RADIOTAP_VENDOR_NAMESPACE = 30,
	RADIOTAP_EXT = 31,
};

/* Bits of the Flags field (bit 1). */
#define RADIOTAP_F_FCS 0x10     /* the frame ends with its 4-byte FCS */
#define RADIOTAP_F_DATAPAD 0x20 /* padding between 802.11 header and payload */
#define RADIOTAP_F_BADFCS 0x40  /* the receiver found the FCS wrong */

/* Bits of the Channel field's flags. */
#define RADIOTAP_CHAN_2GHZ 0x0080
#define RADIOTAP_CHAN_5GHZ 0x0100

/*
 * The iterator: a bounded walk over the fields of one header. Fill it with
 * radiotap_iter_init(); each radiotap_iter_next() returning 1 exposes one
 * field of a radiotap namespace in the public members. Callers read the
 * public members only.
 */
struct radiotap_iter {
	/* public, valid after radiotap_iter_next() returned 1 */
	int field;              /* enum radiotap_field (0..28) */
	int ns_index;           /* 0 for the first radiotap namespace, 1 for the next, … */
	const uint8_t *data;    /* the field's bytes (unaligned: read with memcpy) */
	size_t size;            /* bytes at @data */
	bool stopped_unknown;   /* the walk ended at a field of unknown size */

	/* private */
	struct cursor hdr;      /* the header (it_len bytes); alignment counts from its start */
	struct cursor words;    /* the presence bitmaps not walked yet */
	size_t hdr_len;         /* it_len: the header's own length, bytes */
	uint32_t bitmap;        /* bitmap being walked */
	int bit;                /* next bit of @bitmap to look at */
	int base;               /* field number of bit 0 of this bitmap in its namespace */
	int ns;                 /* 0 radiotap, 1 vendor */
	int next_ns;            /* -1: continue; 0 radiotap; 1 vendor */
	size_t vendor_skip;     /* skip_length of the pending vendor namespace */
	int failed;             /* the walk's error, returned again by later calls */
};

/**
 * radiotap_iter_init() - check the fixed part of the header at @buf (@len
 * bytes available) and count its presence bitmaps.
 * Returns 0, or -EINVAL with a sentence (not version 0, length shorter than
 * 8 or longer than @len, bitmaps running past the header).
 */
int radiotap_iter_init(struct radiotap_iter *it, const uint8_t *buf, size_t len,
		       struct ns_err *err);

/**
 * radiotap_iter_next() - move to the next present field of a radiotap
 * namespace (vendor namespaces are skipped by their declared length).
 * Returns 1 with the field in @it, 0 at the end (or at a field of unknown
 * size: @it->stopped_unknown), -EINVAL with a sentence if a field or a vendor
 * namespace runs past the header.
 */
int radiotap_iter_next(struct radiotap_iter *it, struct ns_err *err);

#define RADIOTAP_MAX_CHAINS 8

/* What notspot keeps from a radiotap header. Integers are INT_MIN if absent. */
struct radiotap_info {
	size_t header_len;        /* bytes to skip to reach the 802.11 frame */
	bool has_tsft;
	uint64_t tsft_us;         /* the radio's TSF when the frame began, µs */
	uint8_t flags;            /* RADIOTAP_F_*, 0 if no Flags field */
	bool fcs_at_end;          /* the frame's last 4 bytes are its FCS */
	bool bad_fcs;             /* the receiver (Flags) or rx_flags says the FCS was wrong */
	int rate_500kbps;         /* legacy rate in 500 kbit/s units, INT_MIN if absent */
	int freq_mhz;             /* channel centre frequency, MHz, INT_MIN if absent */
	uint16_t chan_flags;      /* RADIOTAP_CHAN_*, 0 if absent */
	int signal_dbm;           /* first antenna signal: the combined one, dBm */
	int noise_dbm;            /* first antenna noise, dBm */
	int nchains;              /* per-chain signals found in later namespaces */
	int chain_signal_dbm[RADIOTAP_MAX_CHAINS]; /* dBm */
	int chain_antenna[RADIOTAP_MAX_CHAINS];    /* antenna index, INT_MIN if not given */
	int mcs_index;            /* HT MCS index, INT_MIN if absent */
	int vht_mcs, vht_nss;     /* VHT MCS and spatial streams of user 0, INT_MIN if absent */
	int bandwidth_mhz;        /* from MCS or VHT: 20, 40, 80, 160; INT_MIN if unknown */
};

/**
 * radiotap_parse() - walk the header at @buf (@len bytes: the whole packet)
 * into @out. The first radiotap namespace gives the combined signal and
 * noise; the signals of later radiotap namespaces, with their antenna
 * numbers, are the per-chain signals.
 * Returns 0, or -EINVAL with a sentence.
 */
int radiotap_parse(const uint8_t *buf, size_t len, struct radiotap_info *out,
		   struct ns_err *err);

#endif
