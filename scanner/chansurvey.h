/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chansurvey.h — channel survey: noise and airtime per channel, from
 * NL80211_CMD_GET_SURVEY. Not every driver reports noise; then it is NAN and
 * SNR stays unknown (never invented). Times are the driver's running ms counters.
 */
#ifndef NOTSPOT_SCANNER_CHANSURVEY_H
#define NOTSPOT_SCANNER_CHANSURVEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scanner/netlink.h"

struct wifi_survey {
	int freq_mhz;
	bool in_use;            /* the channel the interface is on */
	double noise_dbm;       /* NAN if not reported */
	int64_t time_ms;        /* radio on this channel, -1 if unknown */
	int64_t busy_ms;        /* channel sensed busy, -1 if unknown */
	int64_t ext_busy_ms;    /* extension channel busy, -1 if unknown */
	int64_t rx_ms, tx_ms;   /* -1 if unknown */
};

/** wifi_parse_survey() - one GET_SURVEY reply; -EINVAL without a frequency. */
int wifi_parse_survey(struct nl_msg *msg, struct wifi_survey *out);

/** wifi_get_survey() - every channel's entry; *@out malloc'd (free() it), *@n entries. */
int wifi_get_survey(struct nl80211 *nl, int ifindex, struct wifi_survey **out, size_t *n,
		    struct ns_err *err);

/**
 * wifi_survey_current() - the entry of the channel in use: the one flagged
 * IN_USE, else (drivers such as mac80211_hwsim flag none) the one at
 * @freq_mhz; NULL if neither.
 */
const struct wifi_survey *wifi_survey_current(const struct wifi_survey *v, size_t n, int freq_mhz);

/** wifi_survey_busy_fraction() - busy_ms / time_ms in 0..1, NAN if unknown. */
double wifi_survey_busy_fraction(const struct wifi_survey *s);

#endif
