/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * radio.h — the nl80211 a command measures with.
 *
 * The kernel's, always — except in tests: when the environment variable
 * NOTSPOT_TEST_RADIO is set (e.g. NOTSPOT_TEST_RADIO=sim:bss=40), `record`,
 * `scan` and `interfaces` talk to the simulated radio of scanner/nl_sim.h
 * instead, so that the commands can be run, and killed, where there is no
 * Wi-Fi (tests/test_record_crash.c, tests/test_radio_cli.c). It is for tests
 * only: nothing it gives is a measurement, and the variable is not documented
 * in --help.
 */
#ifndef NOTSPOT_CLI_RADIO_H
#define NOTSPOT_CLI_RADIO_H

#include "scanner/netlink.h"

/** cli_radio_open() - nl80211_open(), or the test radio NOTSPOT_TEST_RADIO names. */
int cli_radio_open(struct nl80211 *nl, struct ns_err *err);

#endif
