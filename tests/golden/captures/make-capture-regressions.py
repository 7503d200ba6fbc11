#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the hand-made malformed packets of tests/fuzz/regress/fuzz_capture/.

Each is one DLT_IEEE802_11_RADIO packet (radiotap header + 802.11 frame),
broken in one named way; tests/test_capture.c states what must happen to
each, and scripts/run-fuzz.sh replays them through the fuzz target.
Usage: python3 make-capture-regressions.py REGRESS_DIR [CORPUS_DIR]
"""
import binascii
import os
import struct
import sys

AP = bytes.fromhex("001a2b3c4d5e")
BCAST = b"\xff" * 6


def rt(present, body, it_len=None):
    """radiotap: version 0, pad, length, bitmaps, field bytes (laid out by the caller)"""
    words = b"".join(struct.pack("<I", w) for w in present)
    hdr = words + body
    n = 4 + len(hdr) if it_len is None else it_len
    return struct.pack("<BBH", 0, 0, n) + hdr


SIG = rt([1 << 5], bytes([0xC0]))  # signal -64 dBm
SIG_FCS = rt([(1 << 1) | (1 << 5)], bytes([0x10, 0xC0]))  # flags FCS, signal


def beacon(elements=b"\x00\x05ward7", cap=0x0401):
    hdr = struct.pack("<HH", 0x0080, 0) + BCAST + AP + AP + struct.pack("<H", 0x10)
    fixed = struct.pack("<QHH", 0x0102030405, 100, cap)
    return hdr + fixed + elements


def fcs(frame):
    return frame + struct.pack("<I", binascii.crc32(frame) & 0xFFFFFFFF)


CASES = {
    "radiotap-cut-in-fixed-part.bin": b"\x00\x00\x08",
    "radiotap-length-beyond-packet.bin": rt([1 << 5], bytes([0xC0]), it_len=64) + b"\x80\x00",
    "radiotap-ext-bitmap-past-header.bin": rt([1 << 31], b"", it_len=8) + beacon(),
    "radiotap-field-past-header.bin": rt([1 << 5], b"", it_len=8) + beacon(),
    "radiotap-padding-past-header.bin": rt([(1 << 0) | (1 << 31), 0], b"\x00" * 8, it_len=20)
    + beacon(),
    "radiotap-vendor-skip-past-header.bin": rt(
        [(1 << 30) | (1 << 31), (1 << 29) | (1 << 31), 1 << 5],
        b"\x00\x11\x22\x00" + struct.pack("<H", 300) + b"\xc0",
    )
    + beacon(),
    "radiotap-version-1.bin": b"\x01" + SIG[1:] + beacon(),
    "radiotap-length-below-8.bin": struct.pack("<BBHI", 0, 0, 4, 1 << 5) + beacon(),
    "dot11-beacon-cut-in-header.bin": SIG + beacon()[:20],
    "dot11-beacon-cut-in-fixed-fields.bin": SIG + beacon()[:30],
    "dot11-beacon-fcs-wrong.bin": SIG_FCS + beacon() + b"\xde\xad\xbe\xef",
    "dot11-beacon-flagged-bad-fcs.bin": rt([(1 << 1) | (1 << 5)], bytes([0x40, 0xC0])) + beacon(),
    "dot11-fcs-on-too-short-frame.bin": SIG_FCS + b"\x80\x00\x00",
    "ies-ssid-longer-than-frame.bin": SIG + beacon(b"\x00\x20abc"),
    "ies-ht-operation-too-short.bin": SIG + beacon(b"\x00\x05ward7\x3d\x02\x06\x05"),
    "ies-ssid-too-long.bin": SIG + beacon(b"\x00\x28" + b"x" * 40),
}


# Well-formed seeds for the fuzz corpus: paths the real frames do not take.
VENDOR_CHAINS = rt(
    [(1 << 1) | (1 << 5) | (1 << 30) | (1 << 31), (1 << 0) | (1 << 29) | (1 << 31),
     (1 << 5) | (1 << 11) | (1 << 29) | (1 << 31), (1 << 5) | (1 << 11)],
    bytes([0x00, 0xC4]) + b"\x00\x11\x22\x01" + struct.pack("<H", 3) + b"\xee\xee\xee"
    + bytes([0xC2, 0, 0xC6, 1]),
)
SEEDS = {
    "seed-vendor-namespace-and-chains.bin": VENDOR_CHAINS + beacon(),
    "seed-mcs-vht-fcs.bin": rt([(1 << 1) | (1 << 5) | (1 << 19) | (1 << 21)],
                               bytes([0x10, 0xB0, 0x07, 0x01, 0x07, 0x00]) + struct.pack("<H", 0x44)
                               + bytes([0, 4, 0x92, 0, 0, 0, 0, 0]) + b"\x00\x00")
    + fcs(beacon(b"\x00\x05ward7\x0b\x05\x07\x00\x40\x00\x00"
                 b"\x30\x14\x01\x00\x00\x0f\xac\x04\x01\x00\x00\x0f\xac\x04\x01\x00\x00\x0f\xac\x08\x0c\x00"
                 b"\x3d\x16\x24\x05" + b"\x00" * 20 + b"\xc0\x05\x01\x2a\x00\x00\x00")),
}


def main():
    out = sys.argv[1]
    for name, data in CASES.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    if len(sys.argv) > 2:  # the seeds, into the fuzz corpus
        for name, data in SEEDS.items():
            with open(os.path.join(sys.argv[2], name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
