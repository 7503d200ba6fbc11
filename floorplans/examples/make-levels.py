# SPDX-License-Identifier: GPL-3.0-or-later
"""make-levels.py - the example building's other two levels: Level 1
(outpatients) and Level 3 (critical care and theatres), below and above the
Level 2 of make-example.py. Writes hospital-level1.{svg,json} and
hospital-level3.{svg,json} next to this script.

Each is what a trust hands over: a drawing, and a sidecar with the wards,
walls and planned APs in metres but no scale, so that the drawing is
calibrated (`notspot floor scale`) and aligned onto Level 2 (`notspot floor
align`) as a new user would. Level 1 is drawn at 20 px/m like Level 2, Level 3
at 16 px/m with its own metre frame shifted 2 m east and 1 m south of Level 2's
(its architect started from the other stair), so the alignment matters.

Usage: python3 floorplans/examples/make-levels.py
"""
import json
import os

BUILDING = "St Elsewhere General Hospital, Tower Block"
HERE = os.path.dirname(os.path.abspath(__file__))

# The core (stairs, lifts) is where Level 2 has it: x 44..54 m.
CORE = [
    ("concrete", [[44, 0], [44, 40]]),
    ("concrete", [[54, 0], [54, 40]]),
    ("lift-shaft", [[49, 4], [54, 4]]),
    ("lift-shaft", [[49, 9], [54, 9]]),
    ("concrete", [[49, 0], [49, 9]]),
    ("concrete", [[44, 17.5], [54, 17.5]]),
    ("concrete", [[44, 20.5], [54, 20.5]]),
]


def level1():
    walls = [("concrete", [[0, 0], [80, 0], [80, 40], [0, 40], [0, 0]])] + CORE
    # Clinic rooms along the north side, 4 m wide, off a corridor at y 8..10.5.
    walls.append(("plasterboard", [[0, 8], [44, 8]]))
    walls.append(("plasterboard", [[0, 10.5], [44, 10.5]]))
    for x in range(4, 44, 4):
        walls.append(("plasterboard", [[x, 0], [x, 8]]))
    # The waiting area is open; pharmacy (brick) and phlebotomy south.
    walls.append(("brick", [[0, 28], [20, 28], [20, 40]]))
    walls.append(("plasterboard", [[30, 28], [44, 28]]))
    walls.append(("plasterboard", [[30, 28], [30, 40]]))
    # East: physiotherapy gym and a plaster room.
    walls.append(("brick", [[54, 20], [80, 20]]))
    walls.append(("plasterboard", [[66, 20], [66, 40]]))
    wards = [
        ("Outpatient clinics", [[0, 0], [44, 0], [44, 17.5], [0, 17.5]]),
        ("Waiting and pharmacy", [[0, 17.5], [44, 17.5], [44, 40], [0, 40]]),
        ("Core", [[44, 0], [54, 0], [54, 40], [44, 40]]),
        ("Therapies", [[54, 0], [80, 0], [80, 40], [54, 40]]),
    ]
    aps = [
        ("L1-OPD-AP01", 8, 9.25), ("L1-OPD-AP02", 22, 9.25), ("L1-OPD-AP03", 36, 9.25),
        ("L1-WAIT-AP01", 12, 22), ("L1-WAIT-AP02", 32, 22), ("L1-PHARM-AP01", 10, 34),
        ("L1-THER-AP01", 62, 10), ("L1-THER-AP02", 72, 30),
    ]
    return "Level 1", 1, 20.0, (60.0, 110.0), (0.0, 0.0), walls, wards, aps


def level3():
    walls = [("concrete", [[0, 0], [80, 0], [80, 40], [0, 40], [0, 0]])] + CORE
    # Critical care north: glazed bays off a central station.
    walls.append(("glass", [[0, 9], [30, 9]]))
    for x in range(5, 30, 5):
        walls.append(("glass", [[x, 0], [x, 9]]))
    walls.append(("brick", [[30, 0], [30, 17.5]]))
    walls.append(("brick", [[0, 17.5], [44, 17.5]]))
    # Theatres south: heavy walls, lead-lined x-ray theatre.
    walls.append(("brick", [[0, 20.5], [44, 20.5]]))
    for x in (11, 22, 33):
        walls.append(("concrete", [[x, 20.5], [x, 40]]))
    walls.append(("lead-lined", [[33, 20.5], [44, 20.5]]))
    walls.append(("lead-lined", [[33, 40], [44, 40]]))
    # Plant room east, behind a concrete wall.
    walls.append(("concrete", [[64, 0], [64, 40]]))
    wards = [
        ("Critical care", [[0, 0], [44, 0], [44, 17.5], [0, 17.5]]),
        ("Theatres", [[0, 20.5], [44, 20.5], [44, 40], [0, 40]]),
        ("Core", [[44, 0], [54, 0], [54, 40], [44, 40]]),
        ("Recovery", [[54, 0], [64, 0], [64, 40], [54, 40]]),
    ]
    aps = [
        ("L3-ICU-AP01", 6, 12), ("L3-ICU-AP02", 20, 12), ("L3-ICU-AP03", 37, 9),
        ("L3-TH-AP01", 5.5, 30), ("L3-TH-AP02", 16.5, 30), ("L3-TH-AP03", 27.5, 30),
        ("L3-TH-AP04", 38.5, 30), ("L3-REC-AP01", 59, 12), ("L3-REC-AP02", 59, 30),
    ]
    return "Level 3", 3, 16.0, (40.0, 60.0), (2.0, 1.0), walls, wards, aps


STROKE = {"concrete": 4, "brick": 3, "lead-lined": 4, "lift-shaft": 4,
          "glass": 1.5, "plasterboard": 1.5}
COLOUR = {"lead-lined": "#555577", "glass": "#6aa0c8"}


def write(name, level, px_per_m, origin, shift, walls, wards, aps):
    """The drawing at @px_per_m with metre (0, 0) at @origin, and its sidecar.

    The sidecar's metres are the level's own frame: the building's shifted by
    @shift (m), as the level's architect measured.
    """
    sx, sy = shift
    ox, oy = origin

    def px(p):
        return ox + (p[0] + sx) * px_per_m, oy + (p[1] + sy) * px_per_m

    w = int(ox * 2 + (80 + sx) * px_per_m)
    h = int(oy + 60 + (40 + sy) * px_per_m)
    svg = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" font-family="DejaVu Sans, sans-serif">' % (w, h, w, h),
           '<!-- Generated by make-levels.py: edit the script, not this file. -->',
           '<title>%s, %s</title>' % (BUILDING, name),
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           '<text x="%g" y="%g" font-size="22">%s, %s</text>' % (ox, oy / 2, BUILDING, name)]
    # The architect's datum, metre (0, 0) of the sidecar: the origin to calibrate with.
    svg.append('<path d="M %g %g h 16 M %g %g v 16" stroke="#c00000" stroke-width="1.5"/>'
               % (ox - 8, oy, ox, oy - 8))
    svg.append('<text x="%g" y="%g" font-size="11" fill="#c00000">datum (0, 0)</text>'
               % (ox + 4, oy - 6))
    for mat, pts in walls:
        d = " ".join("%g,%g" % px(p) for p in pts)
        svg.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="%g"/>'
                   % (d, COLOUR.get(mat, "#222222"), STROKE.get(mat, 2)))
    for wname, pts in wards:
        cx = sum(p[0] for p in pts) / len(pts)
        cy = sum(p[1] for p in pts) / len(pts)
        x, y = px([cx, cy])
        svg.append('<text x="%g" y="%g" font-size="16" text-anchor="middle" '
                   'fill="#555555">%s</text>' % (x, y, wname))
    svg.append("</svg>")
    stem = "hospital-level%d" % level
    with open(os.path.join(HERE, stem + ".svg"), "w") as f:
        f.write("\n".join(svg) + "\n")

    def m(p):
        return [round(p[0] + sx, 2), round(p[1] + sy, 2)]

    side = {
        "notspot_floorplan": 1,
        "name": name,
        "building": BUILDING,
        "level": level,
        "image": stem + ".svg",
        "comment": "No scale: calibrate with `notspot floor scale` and align onto Level 2.",
        "wards": [{"name": n, "points": [m(p) for p in pts]} for n, pts in wards],
        "walls": [{"material": mat, "points": [m(p) for p in pts]} for mat, pts in walls],
        "aps": [{"name": n, "x": m((x, y))[0], "y": m((x, y))[1], "height_m": 2.7}
                for n, x, y in aps],
    }
    with open(os.path.join(HERE, stem + ".json"), "w") as f:
        json.dump(side, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    write(*level1())
    write(*level3())
