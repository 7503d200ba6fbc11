#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make_esx.py DIR - write Ekahau-style project archives for the tests into DIR.

The layout follows what the open .esx readers document (a zip of JSON members
and image-ID drawings); every name and value here is made up for the tests.

  good.esx        two floors (one with a PNG drawing), walls, APs with radios,
                  a measured BSSID, notes, an area
  bomb.esx        a member that inflates over 1000 times (refused unread)
  traversal.esx   a member called ../../etc/evil
  missing.esx     no floorPlans.json
  wrongtype.esx   floorPlans[0].metersPerUnit is a string
  duplicate.esx   accessPoints.json twice
  notzip.esx      not an archive at all
"""
import json
import os
import struct
import sys
import warnings
import zipfile
import zlib


def png(w, h):
    """A grey PNG of w x h with a darker frame, built by hand (no imaging library)."""
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            edge = x < 4 or y < 4 or x >= w - 4 or y >= h - 4
            row.append(60 if edge else 235)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def band(name, db):
    return {"band": name, "attenuationFactor": db, "reflectionCoefficient": 0.5}


def good_members():
    # Ground floor: 800 x 400 units at 0.05 m a unit = 40 x 20 m.
    floors = [
        {"id": "fp-g", "name": "Ground", "width": 800.0, "height": 400.0,
         "metersPerUnit": 0.05, "imageId": "img-g", "status": "CREATED"},
        {"id": "fp-1", "name": "First", "width": 600.0, "height": 300.0,
         "metersPerUnit": 0.1, "status": "CREATED"},
    ]
    wall_types = [
        {"id": "wt-c", "name": "Wall, Concrete", "key": "Concrete",
         "propagationProperties": [band("TWO", 15.0), band("FIVE", 20.0), band("SIX", 24.0)]},
        {"id": "wt-d", "name": "Drywall", "key": "Drywall",
         "propagationProperties": [band("TWO", 3.0), band("FIVE", 4.0), band("SIX", 5.0)]},
    ]
    corners = [(40, 40), (760, 40), (760, 360), (40, 360)]
    points = [{"id": "p%d" % i, "location": {"floorPlanId": "fp-g", "coord": {"x": x, "y": y}}}
              for i, (x, y) in enumerate(corners)]
    points += [{"id": "q0", "location": {"floorPlanId": "fp-g", "coord": {"x": 400, "y": 40}}},
               {"id": "q1", "location": {"floorPlanId": "fp-g", "coord": {"x": 400, "y": 360}}},
               {"id": "r0", "location": {"floorPlanId": "fp-1", "coord": {"x": 10, "y": 10}}},
               {"id": "r1", "location": {"floorPlanId": "fp-1", "coord": {"x": 590, "y": 10}}}]
    segs = [{"id": "s%d" % i, "wallPoints": ["p%d" % i, "p%d" % ((i + 1) % 4)],
             "wallTypeId": "wt-c"} for i in range(4)]
    segs += [{"id": "s4", "wallPoints": ["q0", "q1"], "wallTypeId": "wt-d"},
             {"id": "s5", "wallPoints": ["r0", "r1"], "wallTypeId": "wt-c"}]
    aps = [
        {"id": "ap-1", "name": "G-AP01", "vendor": "Example", "model": "WAP-6E",
         "location": {"floorPlanId": "fp-g", "coord": {"x": 200, "y": 200}},
         "noteIds": ["n-1"], "status": "CREATED"},
        {"id": "ap-2", "name": "G-AP02", "vendor": "Example", "model": "WAP-6E",
         "location": {"floorPlanId": "fp-g", "coord": {"x": 600, "y": 200}},
         "noteIds": [], "status": "CREATED"},
        {"id": "ap-3", "name": "F-AP01", "location": {"floorPlanId": "fp-1",
                                                       "coord": {"x": 300, "y": 150}}},
        {"id": "ap-4", "name": "Spare in the store room", "status": "CREATED"},
        {"id": "ap-5", "name": "Removed", "status": "DELETED",
         "location": {"floorPlanId": "fp-g", "coord": {"x": 1, "y": 1}}},
    ]
    radios = [
        {"id": "r-1", "accessPointId": "ap-1", "radioTechnology": "WIFI", "channel": [1],
         "frequencyBand": "TWO", "transmitPower": 14.0, "antennaHeight": 3.2, "enabled": True},
        {"id": "r-2", "accessPointId": "ap-1", "radioTechnology": "WIFI",
         "channelByCenterFrequencyDefinedNarrowChannels": [5500], "transmitPower": 17.0,
         "channelWidth": 40, "antennaHeight": 3.2, "enabled": True},
        {"id": "r-3", "accessPointId": "ap-1", "radioTechnology": "BLUETOOTH"},
        {"id": "r-4", "accessPointId": "ap-2", "radioTechnology": "WIFI", "channel": [36],
         "enabled": False},
    ]
    return {
        "version": b"1.0",
        "project.json": {"project": {"name": "Example Trust - Block C", "id": "prj"}},
        "floorPlans.json": {"floorPlans": floors},
        "images.json": {"images": [{"id": "img-g", "imageFormat": "PNG",
                                    "resolutionWidth": 800, "resolutionHeight": 400}]},
        "image-img-g": png(800, 400),
        "buildings.json": {"buildings": [{"id": "b-1", "name": "Block C"}]},
        "buildingFloors.json": {"buildingFloors": [
            {"floorPlanId": "fp-g", "buildingId": "b-1", "floorNumber": 0},
            {"floorPlanId": "fp-1", "buildingId": "b-1", "floorNumber": 1}]},
        "wallTypes.json": {"wallTypes": wall_types},
        "wallPoints.json": {"wallPoints": points},
        "wallSegments.json": {"wallSegments": segs},
        "accessPoints.json": {"accessPoints": aps},
        "simulatedRadios.json": {"simulatedRadios": radios},
        "measuredRadios.json": {"measuredRadios": [
            {"id": "m-1", "accessPointId": "ap-3", "accessPointMeasurementIds": ["apm-1"]}]},
        "accessPointMeasurements.json": {"accessPointMeasurements": [
            {"id": "apm-1", "mac": "0A:1B:2C:3D:4E:5F", "ssid": "Ward"}]},
        "notes.json": {"notes": [{"id": "n-1", "text": "above the nurses' station"},
                                 {"id": "n-2", "text": "survey with doors closed"}]},
        "areas.json": {"areas": [{"id": "a-1", "floorPlanId": "fp-g", "name": "Ward C1",
                                  "area": [{"x": 40, "y": 40}, {"x": 400, "y": 40},
                                           {"x": 400, "y": 360}, {"x": 40, "y": 360}]}]},
    }


def write(path, members, extra=()):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate name is what one fixture is for
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, value in list(members.items()) + list(extra):
                data = value if isinstance(value, bytes) else json.dumps(value).encode()
                z.writestr(name, data)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    good = good_members()
    write(os.path.join(out, "good.esx"), good)
    write(os.path.join(out, "bomb.esx"), good, [("image-big", bytes(64 << 20))])
    write(os.path.join(out, "traversal.esx"), good, [("../../etc/evil", b"x")])
    missing = dict(good)
    del missing["floorPlans.json"]
    write(os.path.join(out, "missing.esx"), missing)
    wrong = json.loads(json.dumps({k: v for k, v in good.items() if not isinstance(v, bytes)}))
    wrong["floorPlans.json"]["floorPlans"][0]["metersPerUnit"] = "0.05"
    wrong.update({k: v for k, v in good.items() if isinstance(v, bytes)})
    write(os.path.join(out, "wrongtype.esx"), wrong)
    write(os.path.join(out, "duplicate.esx"), good,
          [("accessPoints.json", {"accessPoints": []})])
    with open(os.path.join(out, "notzip.esx"), "wb") as f:
        f.write(b"PK\x03\x04 this is not really an archive")
    return 0


if __name__ == "__main__":
    sys.exit(main())
