/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chansurvey.c — GET_SURVEY dump (as iw's survey.c reads it, into structs).
 */
#include "scanner/chansurvey.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <linux/nl80211.h>

static struct nla_policy survey_policy[NL80211_SURVEY_INFO_MAX + 1] = {
	[NL80211_SURVEY_INFO_FREQUENCY] = { .type = NLA_U32 },
	[NL80211_SURVEY_INFO_NOISE] = { .type = NLA_U8 },
	[NL80211_SURVEY_INFO_IN_USE] = { .type = NLA_FLAG },
	[NL80211_SURVEY_INFO_TIME] = { .type = NLA_U64 },
	[NL80211_SURVEY_INFO_TIME_BUSY] = { .type = NLA_U64 },
	[NL80211_SURVEY_INFO_TIME_EXT_BUSY] = { .type = NLA_U64 },
	[NL80211_SURVEY_INFO_TIME_RX] = { .type = NLA_U64 },
	[NL80211_SURVEY_INFO_TIME_TX] = { .type = NLA_U64 },
};

static int64_t u64_or(struct nlattr **tb, int a)
{
	return tb[a] ? (int64_t)nla_get_u64(tb[a]) : -1;
}

int wifi_parse_survey(struct nl_msg *msg, struct wifi_survey *out)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *si[NL80211_SURVEY_INFO_MAX + 1];

	memset(out, 0, sizeof(*out));
	out->noise_dbm = NAN;
	out->time_ms = out->busy_ms = out->ext_busy_ms = out->rx_ms = out->tx_ms = -1;
	if (nl80211_parse(msg, tb) < 0 || !tb[NL80211_ATTR_SURVEY_INFO])
		return -EINVAL;
	if (nla_parse_nested(si, NL80211_SURVEY_INFO_MAX, tb[NL80211_ATTR_SURVEY_INFO],
			     survey_policy) < 0 || !si[NL80211_SURVEY_INFO_FREQUENCY])
		return -EINVAL;
	out->freq_mhz = (int)nla_get_u32(si[NL80211_SURVEY_INFO_FREQUENCY]);
	out->in_use = si[NL80211_SURVEY_INFO_IN_USE] != NULL;
	if (si[NL80211_SURVEY_INFO_NOISE])
		out->noise_dbm = (int8_t)nla_get_u8(si[NL80211_SURVEY_INFO_NOISE]);
	out->time_ms = u64_or(si, NL80211_SURVEY_INFO_TIME);
	out->busy_ms = u64_or(si, NL80211_SURVEY_INFO_TIME_BUSY);
	out->ext_busy_ms = u64_or(si, NL80211_SURVEY_INFO_TIME_EXT_BUSY);
	out->rx_ms = u64_or(si, NL80211_SURVEY_INFO_TIME_RX);
	out->tx_ms = u64_or(si, NL80211_SURVEY_INFO_TIME_TX);
	return 0;
}

struct survey_list {
	struct wifi_survey *v;
	size_t n, cap;
	int err;
};

static int on_survey(struct nl_msg *msg, void *arg)
{
	struct survey_list *l = arg;
	struct wifi_survey s;

	if (wifi_parse_survey(msg, &s) < 0)
		return NL_SKIP;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct wifi_survey *v = realloc(l->v, cap * sizeof(*v));
		if (!v) {
			l->err = -ENOMEM;
			return NL_SKIP;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return NL_SKIP;
}

int wifi_get_survey(struct nl80211 *nl, int ifindex, struct wifi_survey **out, size_t *n,
		    struct ns_err *err)
{
	struct survey_list l = { 0 };
	int ret = -EAGAIN;

	for (int attempt = 0; attempt < NL80211_DUMP_RETRIES && ret == -EAGAIN; attempt++) {
		struct nl_msg *msg = nl80211_msg(nl, NL80211_CMD_GET_SURVEY, NLM_F_DUMP);
		l.n = 0;
		l.err = 0;
		if (!msg || nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex) < 0) {
			nlmsg_free(msg);
			free(l.v);
			return ns_err_set(err, -ENOMEM, "out of memory");
		}
		ret = nl80211_send_and_recv(nl, msg, on_survey, &l, "reading the channel survey", err);
	}
	if (ret == 0 && l.err)
		ret = ns_err_set(err, l.err, "out of memory while reading the channel survey");
	if (ret < 0) {
		free(l.v);
		return ret;
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

const struct wifi_survey *wifi_survey_current(const struct wifi_survey *v, size_t n, int freq_mhz)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].in_use)
			return &v[i];
	for (size_t i = 0; freq_mhz > 0 && i < n; i++)
		if (v[i].freq_mhz == freq_mhz)
			return &v[i];
	return NULL;
}

double wifi_survey_busy_fraction(const struct wifi_survey *s)
{
	if (s->time_ms <= 0 || s->busy_ms < 0)
		return NAN;
	return (double)s->busy_ms / (double)s->time_ms;
}
