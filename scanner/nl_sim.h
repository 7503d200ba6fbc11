/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * nl_sim.h — a simulated nl80211 kernel, so that whole commands can be run
 * (and killed) in tests on a machine without Wi-Fi. TESTS ONLY.
 *
 * The commands reach nl80211 only through struct nl80211 (scanner/netlink.h).
 * nl_sim_open() fills one whose requests never reach a kernel: libnl's send
 * and receive are replaced (as tests/support/nl_fake.h does for the unit
 * tests) by a small simulated radio that answers each request notspot makes
 * with the messages net/wireless/nl80211.c would send. `record`, `scan` and
 * `interfaces` use it instead of the kernel only when the environment variable
 * NOTSPOT_TEST_RADIO is set (cli/radio.h); it is never a way to measure.
 * One simulated radio per process (its state is global).
 *
 * The radio: phy0 (2.4 GHz channels 1–13, 12 and 13 passive; an S1G band),
 * interface wlan0 (ifindex 3), a station associated to 02:00:00:00:00:00
 * (SSID "ward-open", 2412 MHz) whose signal wanders between -45 and -75 dBm
 * and whose SSID GET_INTERFACE leaves out (as some kernels do),
 * and an AP interface wlan1 (ifindex 4) whose SSID is "A\0B". The BSS table
 * holds the associated BSS, then BSSes with hostile SSIDs — "\xff\xfe" with
 * an ANSI colour sequence, "A\0B", 32 bytes, UTF-8 with wide characters, a C1
 * CSI (U+009B), a hidden one, an AP name with an escape sequence — then
 * plain "ward-N" ones.
 *
 * SPEC is "sim" or "sim:KEY=VALUE,...":
 *   bss=N       BSSes in the table (default 12, at most 200)
 *   scan_ms=N   a triggered scan ends N ms later (default 30); 0: never,
 *               it runs until aborted (NL80211_CMD_ABORT_SCAN)
 *   busy=N      the first N triggers are refused with EBUSY
 *   hang=N      the first N scans never end (until aborted), as on a slow kernel
 *   sysfs=DIR   the radio's view of the machine, a directory the test
 *               makes: wlan0 exists while DIR/class/net/wlan0 does, is down
 *               while DIR/class/net/wlan0/flags lacks IFF_UP (0x1), and is
 *               blocked while DIR/class/net/wlan0/phy80211/rfkill0/soft or
 *               hard holds 1 (then it is down too). Without it wlan0 is
 *               always there. Also struct nl80211's sysfs (scanner/radio.h).
 */
#ifndef NOTSPOT_SCANNER_NL_SIM_H
#define NOTSPOT_SCANNER_NL_SIM_H

#include "scanner/netlink.h"

/**
 * nl_sim_open() - fill @nl with a simulated radio described by @spec (see
 * above); nl80211_close() frees it. -EINVAL with a sentence for a spec it
 * does not understand.
 */
int nl_sim_open(struct nl80211 *nl, const char *spec, struct ns_err *err);

#endif
