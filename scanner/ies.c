/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ies.c — information elements through a bounded cursor (util/cursor.h).
 * Every read refuses to pass the end; element bodies are handed to their
 * parser as their own cursor, so an element can never read its neighbour's
 * bytes.
 */
#include "scanner/ies.h"

#include <errno.h>
#include <string.h>

#include "util/cursor.h"

/*
 * Length rules of the elements notspot reads, indexed by element id: minimum
 * and maximum body length. Ids without a rule (known false) are counted and
 * skipped unread.
 */
struct ie_rule {
	bool known;
	uint8_t min, max;
};

static const struct ie_rule rules[256] = {
	[IE_SSID] = { true, 0, 32 },
	[IE_DS_PARAMS] = { true, 1, 1 },
	[IE_COUNTRY] = { true, 2, 255 },
	[IE_BSS_LOAD] = { true, 5, 5 },
	[IE_RSN] = { true, 2, 255 },
	[IE_HT_OPERATION] = { true, 22, 22 },
	[IE_CISCO_CCX1] = { true, 26, 255 },
	[IE_VHT_OPERATION] = { true, 5, 5 },
	[IE_VENDOR] = { true, 3, 255 },
	[IE_EXTENSION] = { true, 1, 255 },
};

/* A suite selector: OUI 00-0f-ac (or WPA's 00-50-f2) and a type -> a bit. */
static uint32_t suite_bit(const uint8_t *s, const uint8_t oui[3])
{
	if (memcmp(s, oui, 3) != 0 || s[3] == 0 || s[3] > 30)
		return 1u << 31;
	return 1u << s[3];
}

/* A suite count (at least 1) and that many suites, as bits. */
static inline int read_suites(struct cursor *c, const uint8_t oui[3], uint32_t *bits)
{
	const uint8_t *s;
	uint16_t n;

	if (cur_u16le(c, &n) || n == 0 || cur_left(c) < 4u * n)
		return -EINVAL;
	*bits = 0;
	while (n--) {
		if (cur_bytes(c, &s, 4))
			return -EINVAL;
		*bits |= suite_bit(s, oui);
	}
	return 0;
}

/*
 * RSN and WPA share a layout after WPA's 4-byte OUI+type: version, group
 * suite, pairwise count + suites, AKM count + suites, capabilities. Fields
 * may end early at a field boundary; the standard's defaults then apply.
 */
static int parse_security(struct cursor *c, const uint8_t oui[3], bool is_rsn,
			  struct ies_security *out)
{
	const uint8_t *s;

	memset(out, 0, sizeof(*out));
	if (cur_u16le(c, &out->version) || out->version != 1)
		return -EINVAL;
	out->present = true;
	/* Defaults: RSN CCMP / 802.1X, WPA TKIP / 802.1X (802.11-2020 9.4.2.24.1). */
	out->group = is_rsn ? CIPHER_CCMP : CIPHER_TKIP;
	out->pairwise = out->group;
	out->akm = AKM_8021X;
	if (cur_left(c) == 0)
		return 0;
	if (cur_bytes(c, &s, 4))
		return -EINVAL;
	out->group = suite_bit(s, oui);
	if (cur_left(c) == 0)
		return 0;
	if (read_suites(c, oui, &out->pairwise))
		return -EINVAL;
	if (cur_left(c) == 0)
		return 0;
	if (read_suites(c, oui, &out->akm))
		return -EINVAL;
	if (cur_left(c) >= 2)
		cur_u16le(c, &out->capabilities);
	return 0;
}

/*
 * The AP name from @n bytes at @src: the bytes up to the first NUL (at most
 * 32) as sent, and a summary in printable ASCII, trailing spaces dropped.
 */
static void copy_name(struct ies *out, const uint8_t *src, size_t n)
{
	size_t k = 0, raw = 0;

	while (raw < n && raw < sizeof(out->ap_name_raw) && src[raw])
		raw++;
	memcpy(out->ap_name_raw, src, raw);
	out->ap_name_len = (uint8_t)raw;
	for (size_t i = 0; i < n && src[i] && k + 1 < sizeof(out->ap_name); i++)
		out->ap_name[k++] = (src[i] >= 0x20 && src[i] < 0x7f) ? (char)src[i] : '?';
	while (k > 0 && out->ap_name[k - 1] == ' ')
		k--;
	out->ap_name[k] = '\0';
}

static const uint8_t OUI_IEEE[3] = { 0x00, 0x0f, 0xac };
static const uint8_t OUI_MS[3] = { 0x00, 0x50, 0xf2 };
static const uint8_t OUI_ARUBA[3] = { 0x00, 0x0b, 0x86 };

static int parse_vendor(struct cursor *c, struct ies *out)
{
	const uint8_t *oui;
	uint8_t type, sub;

	if (cur_bytes(c, &oui, 3))
		return -EINVAL;
	if (memcmp(oui, OUI_MS, 3) == 0) {
		if (cur_u8(c, &type))
			return -EINVAL;
		if (type == 1)
			return parse_security(c, OUI_MS, false, &out->wpa);
		return 0;
	}
	if (memcmp(oui, OUI_ARUBA, 3) == 0) {
		if (cur_u8(c, &type) || cur_u8(c, &sub))
			return -EINVAL;
		if (type == 1 && sub == 3 && out->ap_name_source == AP_NAME_NONE && cur_left(c) > 0) {
			const uint8_t *name;
			size_t n = cur_left(c);

			cur_bytes(c, &name, n);
			copy_name(out, name, n);
			if (out->ap_name_len)
				out->ap_name_source = AP_NAME_ARUBA;
		}
	}
	return 0;
}

/* HE Operation: Parameters (3), BSS Colour (1), Basic HE-MCS and NSS (2), then optional parts. */
static int parse_he(struct cursor *c, struct ies *out)
{
	const uint8_t *p;
	uint32_t params;

	if (cur_bytes(c, &p, 6))
		return -EINVAL;
	params = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
	out->has_he = true;
	if ((params & (1u << 14)) && cur_skip(c, 3)) /* VHT Operation Information (3) */
		return -EINVAL;
	if ((params & (1u << 15)) && cur_skip(c, 1)) /* Max Co-Hosted BSSID Indicator (1) */
		return -EINVAL;
	if (params & (1u << 17)) { /* 6 GHz Operation Information (5) */
		if (cur_bytes(c, &p, 5))
			return -EINVAL;
		out->has_he_6ghz = true;
		out->he6_primary = p[0];
		out->he6_width = p[1] & 0x3;
		out->he6_seg0 = p[2];
		out->he6_seg1 = p[3];
	}
	return 0;
}

/* EHT Operation: Parameters (1), Basic EHT-MCS and NSS (4), then optional information (3). */
static int parse_eht(struct cursor *c, struct ies *out)
{
	const uint8_t *p;
	uint8_t params;

	if (cur_u8(c, &params) || cur_skip(c, 4))
		return -EINVAL;
	out->has_eht = true;
	if (params & 0x1) {
		if (cur_bytes(c, &p, 3))
			return -EINVAL;
		out->has_eht_info = true;
		out->eht_width = p[0] & 0x7;
		out->eht_ccfs0 = p[1];
		out->eht_ccfs1 = p[2];
	}
	return 0;
}

static int parse_extension(struct cursor *c, struct ies *out)
{
	uint8_t ext;

	if (cur_u8(c, &ext))
		return -EINVAL;
	if (ext == IE_EXT_HE_OPERATION)
		return parse_he(c, out);
	if (ext == IE_EXT_EHT_OPERATION)
		return parse_eht(c, out);
	return 0;
}

static int parse_ssid(struct cursor *c, struct ies *out)
{
	const uint8_t *p;
	size_t n = cur_left(c); /* 0..32 by the element's rule */

	if (out->has_ssid) /* the first SSID element is the BSS's */
		return 0;
	if (cur_bytes(c, &p, n))
		return -EINVAL;
	out->has_ssid = true;
	out->ssid_len = (uint8_t)n;
	memcpy(out->ssid, p, n);
	out->ssid_hidden = true;
	for (size_t i = 0; i < n; i++)
		if (p[i])
			out->ssid_hidden = false;
	return 0;
}

static int parse_country(struct cursor *c, struct ies *out)
{
	const uint8_t *p;

	if (cur_bytes(c, &p, 2))
		return -EINVAL;
	if (p[0] < 'A' || p[0] > 'Z' || p[1] < 'A' || p[1] > 'Z')
		return -EINVAL;
	out->country[0] = (char)p[0];
	out->country[1] = (char)p[1];
	out->country[2] = '\0';
	return 0;
}

/* Primary channel (1), then the first information byte: secondary offset, width. */
static int parse_ht(struct cursor *c, struct ies *out)
{
	uint8_t info;

	if (cur_u8(c, &out->ht_primary) || cur_u8(c, &info))
		return -EINVAL;
	out->has_ht = true;
	out->ht_secondary = info & 0x3;
	out->ht_any_width = (info & 0x4) != 0;
	return 0;
}

/* Channel width, CCFS0, CCFS1 (then the basic VHT-MCS set, not read). */
static int parse_vht(struct cursor *c, struct ies *out)
{
	if (cur_u8(c, &out->vht_width) || cur_u8(c, &out->vht_seg0) ||
	    cur_u8(c, &out->vht_seg1))
		return -EINVAL;
	out->has_vht = true;
	return 0;
}

/* Cisco CCX1: 10 leading bytes, then the AP name in 16. */
static int parse_cisco(struct cursor *c, struct ies *out)
{
	const uint8_t *name;

	if (out->ap_name_source != AP_NAME_NONE)
		return 0;
	if (cur_skip(c, 10) || cur_bytes(c, &name, 16))
		return -EINVAL;
	copy_name(out, name, 16);
	if (out->ap_name_len)
		out->ap_name_source = AP_NAME_CISCO_CCX1;
	return 0;
}

static int parse_element(uint8_t id, struct cursor *c, struct ies *out)
{
	switch (id) {
	case IE_SSID:
		return parse_ssid(c, out);
	case IE_DS_PARAMS: {
		uint8_t ch;

		if (cur_u8(c, &ch))
			return -EINVAL;
		out->ds_channel = ch;
		return 0;
	}
	case IE_COUNTRY:
		return parse_country(c, out);
	case IE_BSS_LOAD:
		/* 5 bytes by the element's rule: these reads cannot fail */
		out->has_bss_load = true;
		cur_u16le(c, &out->bss_stations);
		cur_u8(c, &out->bss_utilisation);
		cur_u16le(c, &out->bss_admission);
		return 0;
	case IE_HT_OPERATION:
		return parse_ht(c, out);
	case IE_VHT_OPERATION:
		return parse_vht(c, out);
	case IE_RSN:
		return parse_security(c, OUI_IEEE, true, &out->rsn);
	case IE_CISCO_CCX1:
		return parse_cisco(c, out);
	case IE_VENDOR:
		return parse_vendor(c, out);
	case IE_EXTENSION:
		return parse_extension(c, out);
	default:
		return 0;
	}
}

int ies_parse(const uint8_t *buf, size_t len, struct ies *out)
{
	struct cursor c;

	cur_init(&c, buf, len);
	memset(out, 0, sizeof(*out));
	while (cur_left(&c) > 0) {
		uint8_t id, elen;
		struct cursor body;
		const struct ie_rule *r;

		if (cur_u8(&c, &id) || cur_u8(&c, &elen) || cur_sub(&c, elen, &body)) {
			out->truncated = true;
			return -EINVAL;
		}
		out->n_elements++;
		r = &rules[id];
		if (!r->known)
			continue;
		if (elen < r->min || elen > r->max) {
			out->n_malformed++;
			continue;
		}
		if (parse_element(id, &body, out) < 0) {
			out->n_malformed++;
			if (id == IE_RSN)
				memset(&out->rsn, 0, sizeof(out->rsn));
		}
	}
	return 0;
}

int freq_to_channel(int f)
{
	if (f == 2484)
		return 14;
	if (f >= 2412 && f < 2484)
		return (f - 2407) / 5;
	if (f == 5935)
		return 2;
	if (f > 5950 && f <= 7115)
		return (f - 5950) / 5;
	if (f >= 4910 && f <= 4980)
		return (f - 4000) / 5;
	if (f >= 5000 && f < 5950)
		return (f - 5000) / 5;
	if (f >= 58320 && f <= 70200)
		return (f - 56160) / 2160;
	return 0;
}

int channel_to_freq(int ch, int band)
{
	if (ch <= 0)
		return 0;
	if (band < 3000)
		return ch == 14 ? 2484 : 2407 + 5 * ch;
	if (band > 5935 && band < 7200)
		return ch == 2 ? 5935 : 5950 + 5 * ch;
	if (band >= 4900 && band < 5000)
		return 4000 + 5 * ch;
	if (band < 7200)
		return 5000 + 5 * ch;
	return 56160 + 2160 * ch;
}

void ies_channel(const struct ies *ie, int freq, int *channel, int *width, int *center)
{
	int ch = freq_to_channel(freq);

	*channel = ch;
	*width = 20;
	*center = freq;
	if (ie->has_eht && ie->has_eht_info) {
		static const int w[] = { 20, 40, 80, 160, 320 };
		if (ie->eht_width <= 4) {
			*width = w[ie->eht_width];
			/* 160/320: CCFS1 is the whole channel's centre, CCFS0 the primary 80/160. */
			uint8_t cc = (ie->eht_width >= 3 && ie->eht_ccfs1) ? ie->eht_ccfs1 : ie->eht_ccfs0;
			*center = cc ? channel_to_freq(cc, freq) : freq;
			return;
		}
	}
	if (ie->has_he_6ghz) {
		static const int w[] = { 20, 40, 80, 160 };
		*width = w[ie->he6_width];
		uint8_t cc = (ie->he6_width == 3 && ie->he6_seg1) ? ie->he6_seg1 : ie->he6_seg0;
		*center = cc ? channel_to_freq(cc, freq) : freq;
		return;
	}
	if (ie->has_vht && ie->vht_width >= 1) {
		int d = ie->vht_seg1 > ie->vht_seg0 ? ie->vht_seg1 - ie->vht_seg0
						    : ie->vht_seg0 - ie->vht_seg1;
		if (ie->vht_width == 2) { /* deprecated 160: seg0 is the centre */
			*width = 160;
			*center = channel_to_freq(ie->vht_seg0, freq);
		} else if (ie->vht_width == 3 || (ie->vht_seg1 && d > 16)) { /* 80+80 */
			*width = 160;
			*center = channel_to_freq(ie->vht_seg0, freq);
		} else if (ie->vht_seg1 && d == 8) { /* 160 signalled the 802.11-2016 way */
			*width = 160;
			*center = channel_to_freq(ie->vht_seg1, freq);
		} else {
			*width = 80;
			*center = channel_to_freq(ie->vht_seg0, freq);
		}
		if (*center == 0)
			*center = freq;
		return;
	}
	if (ie->has_ht && ie->ht_any_width && (ie->ht_secondary == 1 || ie->ht_secondary == 3)) {
		*width = 40;
		*center = freq + (ie->ht_secondary == 1 ? 10 : -10);
	}
}

const char *ies_security_name(const struct ies *ie, bool privacy)
{
	const struct ies_security *r = &ie->rsn;

	if (r->present) {
		uint32_t a = r->akm;
		bool sae = a & (AKM_SAE | AKM_FT_SAE | AKM_SAE_EXT | AKM_FT_SAE_EXT);
		bool psk = a & (AKM_PSK | AKM_FT_PSK | AKM_PSK_SHA256);
		if (a & AKM_SUITE_B_192)
			return "wpa3-eap-192";
		if (sae && psk)
			return "wpa2/wpa3-psk";
		if (sae)
			return "wpa3-sae";
		if (a & AKM_OWE)
			return "owe";
		if (psk)
			return "wpa2-psk";
		if (a & (AKM_SUITE_B | AKM_FT_8021X_SHA384))
			return "wpa3-eap";
		if (a & (AKM_8021X | AKM_FT_8021X | AKM_8021X_SHA256))
			return "wpa2-eap";
		return "rsn-other";
	}
	if (ie->wpa.present)
		return (ie->wpa.akm & AKM_PSK) ? "wpa-psk" : "wpa-eap";
	return privacy ? "wep" : "open";
}

char *ies_ssid_string(const struct ies *ie, char *buf, size_t len)
{
	size_t n = ie->ssid_len;

	if (len == 0)
		return buf;
	if (n > len - 1)
		n = len - 1;
	memcpy(buf, ie->ssid, n);
	buf[n] = '\0';
	return buf;
}
