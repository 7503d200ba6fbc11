#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""hwsim_compare.py CONSOLE_LOG — check notspot against iw on the same kernel.

Reads the sections the VM printed ("=== BEGIN name" ... "=== END name rc=N")
and compares notspot's interfaces, scan and link with iw's, then checks the
simulated walk: the open AP's tx power followed a schedule while `notspot
record` ran; its samples' signals must follow it (hwsim: signal = tx power - 50 dB).
Prints one line per check; exits 0 if all passed, 1 otherwise.
"""
import json
import re
import sys

failures = []
TOL_DB = 1.0


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
    return ok


def sections(text):
    out, name, buf = {}, None, []
    for line in text.splitlines():
        m = re.match(r"^=== BEGIN (\S+)$", line)
        if m:
            name, buf = m.group(1), []
            continue
        m = re.match(r"^=== END (\S+) rc=(\d+)$", line)
        if m and name == m.group(1):
            out[name] = ("\n".join(buf), int(m.group(2)))
            name = None
            continue
        if name:
            buf.append(line)
    phases = [(int(k), int(p)) for k, p in re.findall(r"^=== PHASE (\d+) txpower_mbm=(\d+)$", text, re.M)]
    return out, phases


def parse_iw_dev(text):
    ifs, cur = {}, None
    for line in text.splitlines():
        s = line.strip()
        m = re.match(r"Interface (\S+)", s)
        if m:
            cur = ifs.setdefault(m.group(1), {"name": m.group(1)})
            continue
        if cur is None:
            continue
        if s.startswith("ifindex "):
            cur["ifindex"] = int(s.split()[1])
        elif s.startswith("addr "):
            cur["mac"] = s.split()[1]
        elif s.startswith("ssid "):
            cur["ssid"] = s[5:]
        elif s.startswith("type "):
            cur["type"] = s[5:]
        elif s.startswith("txpower "):
            cur["txpower"] = float(s.split()[1])
        elif s.startswith("channel "):
            m = re.match(r"channel (\d+) \((\d+) MHz\), width: (\d+) MHz.*center1: (\d+) MHz", s)
            if m:
                cur["channel"], cur["freq"], cur["width"], cur["center1"] = map(int, m.groups())
        elif s.startswith("Unnamed/non-netdev"):
            cur = None
    return ifs


def parse_iw_scan(text):
    bss, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"^BSS ([0-9a-f:]{17})\(on \S+\)( -- associated)?", line)
        if m:
            cur = bss.setdefault(m.group(1), {"assoc": bool(m.group(2))})
            continue
        if cur is None:
            continue
        s = line.strip()
        if s.startswith("freq:"):
            cur["freq"] = int(float(s.split()[1]))
        elif s.startswith("signal:"):
            cur["signal"] = float(s.split()[1])
        elif s.startswith("SSID:") and "ssid" not in cur:
            cur["ssid"] = s[5:].strip()
        elif s.startswith("* Authentication suites:"):
            cur["akm"] = s.split(":", 1)[1].split()
        elif s.startswith("* Pairwise ciphers:"):
            cur["pairwise"] = s.split(":", 1)[1].split()
        elif s.startswith("last seen:") and s.endswith("ms ago"):
            cur["seen_ms_ago"] = int(s.split()[2])
    return bss


def iw_hidden(ssid):
    # iw prints a zero-length SSID as "" and zero bytes as \x00 escapes.
    return ssid == "" or re.fullmatch(r"(\\x00)+", ssid) is not None


def compare_scan(name, ns_text, iw_bss):
    try:
        ns = json.loads(ns_text)
    except ValueError as e:
        check(False, f"{name}: notspot printed JSON ({e})")
        return None
    nsb = {b["bssid"]: b for b in ns["bss"]}
    check(set(nsb) == set(iw_bss), f"{name}: same BSSIDs as iw ({sorted(nsb)} vs {sorted(iw_bss)})")
    for bssid in sorted(set(nsb) & set(iw_bss)):
        a, b = nsb[bssid], iw_bss[bssid]
        if iw_hidden(b.get("ssid", "")):
            check(a["hidden"] and a["ssid"] == "", f"{name} {bssid}: hidden SSID marked hidden")
        else:
            check(a["ssid"] == b.get("ssid") and not a["hidden"],
                  f"{name} {bssid}: SSID {a['ssid']!r} == iw {b.get('ssid')!r}")
        check(a["freq_mhz"] == b.get("freq"), f"{name} {bssid}: freq {a['freq_mhz']} == iw {b.get('freq')}")
        check(a["signal_dbm"] is not None and abs(a["signal_dbm"] - b.get("signal", 999)) <= TOL_DB,
              f"{name} {bssid}: signal {a['signal_dbm']} dBm within {TOL_DB} dB of iw {b.get('signal')}")
        check(a["associated"] == b["assoc"], f"{name} {bssid}: associated {a['associated']} == iw {b['assoc']}")
        if "akm" in b:
            rsn = a.get("rsn") or {}
            check([x.lower() for x in b["akm"]] == rsn.get("akm") and
                  [x.lower() for x in b.get("pairwise", [])] == rsn.get("pairwise"),
                  f"{name} {bssid}: RSN AKM {rsn.get('akm')} / pairwise {rsn.get('pairwise')} == iw "
                  f"{b['akm']} / {b.get('pairwise')}")
    return nsb


def main():
    text = open(sys.argv[1], errors="replace").read()
    sec, phases = sections(text)
    for need in ("iw-dev", "ns-interfaces", "ns-scan", "iw-scan", "ns-cached", "iw-link", "iw-station", "ns-link"):
        if need not in sec:
            check(False, f"the VM printed section {need}")
    if failures:
        return 1

    # ---- bad input: one sentence each ----
    for name, pat in (("errors-unknown", r"^notspot: scan: there is no network interface named 'nosuch0'$"),
                      ("errors-notwireless", r"^notspot: scan: 'lo' is not a wireless interface")):
        body, rc = sec.get(name, ("", 0))
        check(rc == 1 and len(body.strip().splitlines()) == 1 and re.match(pat, body.strip()) is not None,
              f"{name}: exit 1 with one sentence ({body.strip()!r})")

    # ---- interfaces ----
    iw_ifs = parse_iw_dev(sec["iw-dev"][0])
    ns_ifs = {i["name"]: i for i in json.loads(sec["ns-interfaces"][0])}
    check(sec["ns-interfaces"][1] == 0, "interfaces: exit 0")
    check(set(iw_ifs) == set(ns_ifs), f"interfaces: same names as iw ({sorted(ns_ifs)})")
    for name in sorted(set(iw_ifs) & set(ns_ifs)):
        a, b = ns_ifs[name], iw_ifs[name]
        same = (a["ifindex"] == b.get("ifindex") and a["mac"] == b.get("mac") and a["type"] == b.get("type")
                and (a["ssid"] or None) == b.get("ssid") and a["freq_mhz"] == b.get("freq")
                and a["width_mhz"] == b.get("width") and a["center1_mhz"] == b.get("center1")
                and a["txpower_dbm"] is not None and abs(a["txpower_dbm"] - b.get("txpower", 999)) < 0.01)
        check(same, f"interfaces {name}: ifindex, MAC, type, SSID, channel, width, tx power match iw"
              + ("" if same else f" (notspot {a} iw {b})"))
        check("2.4GHz" in (a.get("bands") or []) and "5GHz" in (a.get("bands") or []),
              f"interfaces {name}: the radio's bands include 2.4 and 5 GHz")

    # ---- scan: the triggered scan and a cache dump taken after iw's ----
    iw_bss = parse_iw_scan(sec["iw-scan"][0])
    check(len(iw_bss) >= 3, f"iw sees the three APs ({len(iw_bss)})")
    nsb = compare_scan("scan", sec["ns-scan"][0], iw_bss)
    compare_scan("scan --cached", sec["ns-cached"][0], iw_bss)
    if nsb:
        by_ssid = {b["ssid"]: b for b in nsb.values()}
        o, s = by_ssid.get("ward-open"), by_ssid.get("ward-secure")
        hidden = [b for b in nsb.values() if b["hidden"]]
        check(o is not None and o["ap_name"] == "ICU-AP-01", "scan: Cisco element 133 gives AP name ICU-AP-01")
        check(o is not None and o["bss_stations"] == 1 and o["bss_utilisation"] is not None,
              "scan: BSS Load of ward-open says 1 station and a utilisation")
        check(o is not None and o["country"] == "GB" and o["security"] == "open" and o["channel"] == 1,
              "scan: ward-open is open, channel 1, country GB")
        check(s is not None and s["security"] == "wpa2-psk" and s["width_mhz"] == 80
              and s["center_mhz"] == 5210 and s["channel"] == 36,
              "scan: ward-secure is WPA2-PSK, channel 36, 80 MHz centred on 5210 MHz (VHT operation)")
        check(len(hidden) == 1 and hidden[0]["freq_mhz"] == 2462, "scan: one hidden BSS, on 2462 MHz")
    table = sec.get("ns-table", ("", 1))[0]
    check("ICU-AP-01" in table and "(hidden)" in table and "[associated]" in table,
          "scan table shows AP name, hidden SSID and the associated BSS")

    # ---- no permission ----
    body, rc = sec.get("ns-noperm", ("", 1))
    err = sec.get("ns-noperm-err", ("", 1))[0].strip()
    try:
        nop = json.loads(body)
    except ValueError:
        nop = {}
    check(rc == 0 and nop.get("cached") is True and len(nop.get("bss", [])) >= 3
          and err.startswith("notspot: scan: warning: not permitted to trigger a scan") and len(err.splitlines()) == 1,
          f"scan without CAP_NET_ADMIN: cached results and a one-line warning ({err!r})")
    body, rc = sec.get("ns-record-noperm", ("", 0))
    check(rc == 1 and len(body.strip().splitlines()) == 1 and body.startswith("notspot: record: "),
          f"record into a survey it may not write: exit 1, one sentence ({body.strip()!r})")
    check(sec.get("ns-record-untouched", ("", 1))[1] == 0, "record without permission left the survey file byte-identical")

    # ---- link ----
    link_txt = sec["iw-link"][0] + "\n" + sec["iw-station"][0]
    m = re.search(r"Connected to ([0-9a-f:]{17})", link_txt)
    sig = re.search(r"^\s*signal:\s*(-?\d+)", sec["iw-station"][0], re.M)
    avg = re.search(r"^\s*signal avg:\s*(-?\d+)", sec["iw-station"][0], re.M)
    bavg = re.search(r"^\s*beacon signal avg:\s*(-?\d+)", sec["iw-station"][0], re.M)
    nl = {i["name"]: i for i in json.loads(sec["ns-link"][0])}.get("wlan3", {})
    link = nl.get("link") or {}
    check(m is not None and link.get("bssid") == m.group(1) and nl.get("bssid") == m.group(1),
          f"link: associated BSSID {link.get('bssid')} == iw {m and m.group(1)}")
    for label, mm, key in (("signal", sig, "signal_dbm"), ("signal avg", avg, "signal_avg_dbm"),
                           ("beacon signal avg", bavg, "beacon_signal_avg_dbm")):
        v = link.get(key)
        check(mm is not None and v is not None and abs(v - int(mm.group(1))) <= TOL_DB,
              f"link: {label} {v} dBm within {TOL_DB} dB of iw {mm and mm.group(1)}")
    check(link.get("tx", {}).get("mbps") is not None and link.get("expected_throughput_mbps") is not None
          and (link.get("rx_bytes") or 0) > 0, "link: tx bitrate, expected throughput and byte counters read")

    # ---- channel survey (noise) ----
    iw_noise = {}
    for m in re.finditer(r"frequency:\s*(\d+) MHz.*?\n\s*noise:\s*(-?\d+) dBm", sec.get("iw-survey", ("", 0))[0]):
        iw_noise[int(m.group(1))] = int(m.group(2))
    sv = nl.get("survey") or {}
    check(sv.get("freq_mhz") == 2412 and sv.get("noise_dbm") is not None
          and iw_noise.get(2412) is not None and abs(sv["noise_dbm"] - iw_noise[2412]) <= TOL_DB,
          f"survey: noise on the in-use channel {sv.get('noise_dbm')} dBm == iw {iw_noise.get(2412)}")

    # ---- the walk ----
    body, rc = sec.get("ns-record", ("", 1))
    check(rc == 0 and sec.get("ns-record-rc", ("", 1))[0].strip() == "0",
          f"record: exit 0 ({sec.get('ns-record-err', ('', 0))[0].strip()[:300]!r})")
    lines = []
    for line in body.splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            check(False, f"record printed a JSON line ({line[:80]!r})")
    wps = [l for l in lines if l.get("type") == "waypoint"]
    samples = [l for l in lines if l.get("type") == "sample"]
    check(len(wps) == len(phases) == 4, f"record: {len(wps)} waypoints for {len(phases)} phases")
    ap = "02:00:00:00:00:00"
    for k, (phase, mbm) in enumerate(phases[:len(wps)]):
        t0 = wps[k]["t_us"]
        t1 = wps[k + 1]["t_us"] if k + 1 < len(wps) else float("inf")
        want = mbm / 100.0 - 50.0
        # The tap follows the tx power change at once; give the station 0.6 s
        # (a few beacons) to hear the new power.
        links = [s for s in samples if s["kind"] == "link" and t0 + 600000 <= s["t_us"] < t1
                 and s["status"] == "ok"]
        good = [s for s in links if abs(s["link"]["signal_dbm"] - want) <= TOL_DB]
        check(len(links) >= 5 and len(good) >= 0.9 * len(links),
              f"walk phase {phase}: {len(good)}/{len(links)} link samples at {want:.0f} dBm "
              f"(tx power {mbm / 100:.0f} dBm); got {sorted(set(s['link']['signal_dbm'] for s in links))}")
        scans = [s for s in samples if s["kind"] == "scan" and t0 + 600000 <= s["t_us"] < t1]
        obs = [o for s in scans for o in s.get("observations", []) if o["bssid"] == ap]
        check(len(obs) >= 1 and all(abs(o["signal_dbm"] - want) <= TOL_DB for o in obs),
              f"walk phase {phase}: scans saw {ap} at {[o['signal_dbm'] for o in obs]} (want {want:.0f})")
        check(all(s.get("x_m") == wps[k]["x_m"] for s in links),
              f"walk phase {phase}: its link samples are placed at the tap x = {wps[k]['x_m']} m")
    noise = [s for s in samples if s["kind"] == "noise"]
    check(len(noise) >= 1 and all(s["status"] == "ok" and s["noise_dbm"] is not None
                                  and abs(s["noise_dbm"] - iw_noise.get(2412, 999)) <= TOL_DB for s in noise),
          f"record: {len(noise)} channel-survey samples, noise as iw reports it ({iw_noise.get(2412)} dBm)")
    # ---- a continuous walk ended by SIGINT ----
    rc2 = sec.get("ns-record2-rc", ("1", 0))[0].strip()
    lines2 = [json.loads(l) for l in sec.get("ns-record2", ("", 1))[0].splitlines() if l.startswith("{")]
    check(rc2 == "0", f"record (continuous) ended by SIGINT exits 0 ({sec.get('ns-record2-err', ('', 0))[0].strip()!r})")
    w2 = sec.get("ns-walk2db", ("", 1))[0]
    wp2 = [(int(t), float(x)) for t, x in re.findall(r"^wp\|(\d+)\|([-\d.]+)$", w2, re.M)]
    l2 = [(int(t), None if x == "null" else float(x)) for t, x in re.findall(r"^link\|(\d+)\|(\S+)$", w2, re.M)]
    check(re.search(r"^walk\|1$", w2, re.M) is not None, "continuous walk: closed in the file after SIGINT")
    if len(wp2) == 2:
        (ta, xa), (tb, xb) = wp2
        between = [(t, x) for t, x in l2 if ta <= t <= tb]
        after = [(t, x) for t, x in l2 if t > tb]
        okx = all(x is not None and abs(x - (xa + (xb - xa) * (t - ta) / (tb - ta))) < 0.01 for t, x in between)
        check(len(between) >= 5 and okx,
              f"continuous walk: {len(between)} link samples between the taps placed by time along the segment")
        check(len(after) >= 1 and all(x is None for t, x in after),
              f"continuous walk: {len(after)} samples after the last tap stay unplaced")
    else:
        check(False, f"continuous walk: two waypoints stored ({wp2})")

    db = sec.get("ns-walkdb", ("", 1))
    check(db[1] == 0 and re.search(r"^walks\|2\|2$", db[0], re.M) is not None,
          f"survey file: two walks, both ended ({db[0].strip()!r})")
    n_db = sum(int(m.group(2)) for m in re.finditer(r"^samples\|(\w+)\|(\d+)", db[0], re.M))
    n_printed = len(samples) + len([l for l in lines2 if l.get("type") == "sample"])
    check(n_db == n_printed, f"survey file holds every sample record printed ({n_db} == {n_printed})")

    print(f"hwsim compare: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
