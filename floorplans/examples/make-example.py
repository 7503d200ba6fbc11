#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make-example.py — draws notspot's example hospital floor.

Writes hospital-level2.svg (the drawing, as an estates department would hold
it) and hospital-level2.json (the sidecar: scale, wards, walls with materials,
openings and planned APs) from ONE description, so the geometry in the sidecar
is exactly the geometry in the drawing.

Run from anywhere:  python3 floorplans/examples/make-example.py
The outputs are committed; re-run only when changing the floor.

Floor: St Elsewhere General Hospital, Tower Block, Level 2, 80 m x 40 m.
  x to the east (right), y to the south (down), metres from the north-west
  corner of the external wall's centre line.
  - Ward 21 (Acute Medicine, 28 beds: four 6-bed bays, four side rooms) north-west
  - Ward 22 (Surgical, 20 beds: four 4-bed bays, four side rooms with en-suites) south-west
  - core (stairs A and B, two passenger lifts, a bed lift, risers, lobbies) in the middle
  - Diagnostic Imaging (two lead-lined X-ray rooms, ultrasound, waiting) east
  - the hospital street, an east-west corridor, with steel fire doors across it
"""
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
S = 20.0            # px per metre in the drawing
OX, OY = 60.0, 110.0  # drawing px of metre (0, 0)
W_M, H_M = 80.0, 40.0
SVG_W = int(OX + W_M * S + 60)
SVG_H = int(OY + H_M * S + 150)

# Drawn thickness (m) and style of each material's walls.
THICK = {
    "concrete": 0.30, "brick": 0.22, "plasterboard": 0.12, "glass": 0.10,
    "lead-lined": 0.22, "lift-shaft": 0.25, "glass-low-e": 0.10,
}

walls = []     # {"material", "points"}
openings = []  # {"a", "b", "kind", "swing"}
labels = []    # (text, x, y, size, rotate, weight)
furniture = [] # svg snippets (metres converted at draw time)


def px(x, y):
    return OX + x * S, OY + y * S


def wall(material, *pts):
    walls.append({"material": material, "points": [list(p) for p in pts]})


def door(a, b, kind="wooden-door", swing=1):
    """An opening on a wall from a to b. swing: +1 / -1 side the leaf opens to."""
    openings.append({"a": list(a), "b": list(b), "kind": kind, "swing": swing})


def hdoor(y, x0, x1, kind="wooden-door", swing=1):
    door((x0, y), (x1, y), kind, swing)


def vdoor(x, y0, y1, kind="wooden-door", swing=1):
    door((x, y0), (x, y1), kind, swing)


def label(text, x, y, size=11, rotate=0, weight="normal"):
    labels.append((text, x, y, size, rotate, weight))


# ---------------------------------------------------------------- building --
# External walls: reinforced concrete frame with blockwork infill.
wall("concrete", (0, 0), (80, 0), (80, 40), (0, 40), (0, 0))
# Fire exits at both ends of the hospital street.
vdoor(0, 18.0, 20.0, "fire-door", 1)
vdoor(80, 18.0, 20.0, "fire-door", -1)

# Windows (low-E double glazing) in the external walls of rooms.
for x0 in (0, 8, 16, 24):                       # Ward 21 bays
    hdoor(0, x0 + 1.5, x0 + 6.5, "glass-low-e")
for x0 in (32, 35, 38, 41):                     # Ward 21 side rooms
    hdoor(0, x0 + 0.7, x0 + 2.3, "glass-low-e")
for x0 in (0, 7, 14, 21):                       # Ward 22 bays
    hdoor(40, x0 + 1.2, x0 + 5.8, "glass-low-e")
for x0 in (28, 32, 36, 40):                     # Ward 22 side rooms
    hdoor(40, x0 + 0.8, x0 + 3.2, "glass-low-e")
for x0, x1 in ((67, 73.5), (73.5, 80)):         # ultrasound rooms
    hdoor(0, x0 + 1.2, x1 - 1.2, "glass-low-e")
for x0, x1 in ((54, 60), (60, 66)):             # staff room, offices
    hdoor(40, x0 + 1.2, x1 - 1.2, "glass-low-e")

# ------------------------------------------------------------ hospital street
# The street's walls are 215 mm brick; the core's walls are concrete and carry
# 2-hour steel fire doors across the street (compartment lines).
wall("brick", (0, 17.5), (44, 17.5))
hdoor(17.5, 40.5, 43.5, "fire-door", -1)        # Ward 21 entrance
wall("brick", (0, 20.5), (44, 20.5))
hdoor(20.5, 40.5, 43.5, "fire-door", 1)         # Ward 22 entrance
wall("concrete", (44, 0), (44, 40))              # core, west side
vdoor(44, 17.6, 20.4, "fire-door", 1)            # across the street
wall("concrete", (54, 0), (54, 40))              # core, east side
vdoor(54, 17.6, 20.4, "fire-door", -1)

# ---------------------------------------------------------------- the core --
# North: stair A, two passenger lifts, a riser, the lift lobby.
wall("concrete", (44, 9), (49, 9))
hdoor(9, 45.2, 47.0, "fire-door", 1)            # stair A door
wall("concrete", (49, 0), (49, 9))
wall("lift-shaft", (49, 4), (54, 4))
wall("lift-shaft", (51.5, 4), (51.5, 9))
wall("lift-shaft", (49, 9), (54, 9))
hdoor(9, 49.6, 50.9, "fire-door", 0)            # lift 1 landing doors (steel)
hdoor(9, 52.1, 53.4, "fire-door", 0)            # lift 2 landing doors (steel)
wall("concrete", (44, 17.5), (54, 17.5))
hdoor(17.5, 47.5, 50.5, "fire-door", -1)        # lift lobby from the street
# South: lobby, stair B, bed lift, riser.
wall("concrete", (44, 20.5), (54, 20.5))
hdoor(20.5, 47.5, 50.5, "fire-door", 1)         # south lobby from the street
wall("concrete", (44, 31), (50, 31))
hdoor(31, 45.2, 47.0, "fire-door", -1)          # stair B door
wall("concrete", (50, 31), (50, 40))
wall("lift-shaft", (50, 31), (54, 31))
hdoor(31, 51.0, 53.0, "fire-door", 0)           # bed lift landing doors
wall("lift-shaft", (50, 37), (54, 37))

# ----------------------------------------------------------------- Ward 21 --
# Row of bays and side rooms along the north wall, ward corridor, support strip.
for x in (8, 16, 24, 32, 35, 38, 41):
    wall("plasterboard", (x, 0), (x, 8))
wall("plasterboard", (0, 8), (44, 8))
for x0 in (0, 8, 16, 24):                       # 6-bed bays: wide open entrances
    hdoor(8, x0 + 3.0, x0 + 5.0, "doorway")
for x0 in (32, 35, 38, 41):                     # side rooms
    hdoor(8, x0 + 0.9, x0 + 2.1, "wooden-door", -1)
wall("plasterboard", (0, 10.5), (30, 10.5))
wall("glass", (30, 10.5), (36, 10.5))            # day room glazed screen
wall("plasterboard", (36, 10.5), (44, 10.5))
for x in (4.5, 7, 11, 15, 23, 27, 30, 36, 40):
    wall("plasterboard", (x, 10.5), (x, 17.5))
hdoor(10.5, 1.5, 2.7, "wooden-door", 1)         # sluice
hdoor(10.5, 5.2, 6.3, "wooden-door", 1)         # WC
hdoor(10.5, 8.3, 9.7, "wooden-door", 1)         # assisted bathroom
hdoor(10.5, 12.4, 13.6, "wooden-door", 1)       # clean utility
hdoor(10.5, 15.3, 22.7, "doorway")              # nurses' station, open counter
hdoor(10.5, 24.4, 25.6, "wooden-door", 1)       # treatment room
hdoor(10.5, 28.0, 29.0, "wooden-door", 1)       # store
hdoor(10.5, 32.4, 33.6, "wooden-door", 1)       # day room
hdoor(10.5, 37.4, 38.6, "wooden-door", 1)       # ward manager
hdoor(10.5, 40.5, 43.5, "doorway")              # ward entrance to corridor

# ----------------------------------------------------------------- Ward 22 --
wall("plasterboard", (0, 27.5), (44, 27.5))
for x in (4.5, 7, 10, 13, 20, 24, 28, 33, 37, 40):
    wall("plasterboard", (x, 20.5), (x, 27.5))
hdoor(27.5, 1.5, 2.7, "wooden-door", -1)        # sluice
hdoor(27.5, 5.2, 6.3, "wooden-door", -1)        # WC
hdoor(27.5, 8.0, 9.0, "wooden-door", -1)        # shower
hdoor(27.5, 11.0, 12.0, "wooden-door", -1)      # linen
hdoor(27.5, 13.3, 19.7, "doorway")              # nurses' base
hdoor(27.5, 21.4, 22.6, "wooden-door", -1)      # kitchen
hdoor(27.5, 25.4, 26.6, "wooden-door", -1)      # relatives' room
hdoor(27.5, 29.9, 31.1, "wooden-door", -1)      # staff room
hdoor(27.5, 34.4, 35.6, "wooden-door", -1)      # ward manager
hdoor(27.5, 38.0, 39.0, "wooden-door", -1)      # store
hdoor(27.5, 40.5, 43.5, "doorway")              # ward entrance to corridor
wall("plasterboard", (0, 30), (44, 30))
for x in (7, 14, 21, 28, 32, 36, 40):
    wall("plasterboard", (x, 30), (x, 40))
for x0 in (0, 7, 14, 21):                       # 4-bed bays
    hdoor(30, x0 + 2.5, x0 + 4.5, "doorway")
for x0 in (28, 32, 36, 40):                     # side rooms with en-suites
    hdoor(30, x0 + 0.4, x0 + 1.6, "wooden-door", 1)
    wall("plasterboard", (x0 + 2, 30), (x0 + 2, 32.5), (x0 + 4, 32.5))
    hdoor(32.5, x0 + 2.4, x0 + 3.3, "wooden-door", -1)

# ------------------------------------------------------ Diagnostic Imaging --
# X-ray 1: lead-lined walls (2 mm Pb), a lead lining on the core wall too.
wall("lead-lined", (54.25, 0), (54.25, 10))
wall("lead-lined", (64, 0), (64, 10))
wall("lead-lined", (54, 10), (64, 10))
hdoor(10, 58.0, 59.6, "lead-lined", -1)          # X-ray 1 lead-lined door
wall("plasterboard", (64, 10), (80, 10))
wall("plasterboard", (67, 0), (67, 10))
wall("plasterboard", (73.5, 0), (73.5, 10))
hdoor(10, 64.9, 66.1, "wooden-door", -1)         # control 1
hdoor(10, 69.6, 70.8, "wooden-door", -1)         # ultrasound 1
hdoor(10, 76.1, 77.3, "wooden-door", -1)         # ultrasound 2
wall("plasterboard", (54, 12.5), (80, 12.5))
for x in (59, 64, 67, 73):
    wall("plasterboard", (x, 12.5), (x, 17.5))
hdoor(12.5, 54.6, 58.4, "doorway")              # reception open to corridor
hdoor(12.5, 60.9, 62.1, "wooden-door", 1)      # changing
hdoor(12.5, 65.0, 66.0, "wooden-door", 1)      # accessible WC
hdoor(12.5, 69.4, 70.6, "wooden-door", 1)      # reporting
hdoor(12.5, 75.9, 77.1, "wooden-door", 1)      # comms room
wall("glass", (54, 17.5), (59, 17.5))            # reception glazed screen
hdoor(17.5, 55.4, 57.6, "doorway")
wall("brick", (59, 17.5), (80, 17.5))
# South: waiting (glazed to the street), staff room, offices, X-ray 2.
wall("glass", (54, 20.5), (66, 20.5))
hdoor(20.5, 58.5, 61.5, "doorway")
wall("plasterboard", (54, 30), (66, 30))
wall("plasterboard", (60, 30), (60, 40))
hdoor(30, 56.4, 57.6, "wooden-door", 1)         # staff room
hdoor(30, 62.4, 63.6, "wooden-door", 1)         # office
wall("lead-lined", (66, 20.5), (80, 20.5))       # X-ray 2
hdoor(20.5, 70.0, 71.8, "lead-lined", 1)
wall("lead-lined", (66, 20.5), (66, 32))
wall("lead-lined", (66, 32), (80, 32))
hdoor(32, 67.0, 68.2, "lead-lined", 1)          # into control 2
hdoor(32, 76.0, 77.2, "lead-lined", 1)          # into the store
wall("plasterboard", (66, 32), (66, 40))
vdoor(66, 34.5, 35.7, "wooden-door", 1)         # control 2 from the office
wall("plasterboard", (73, 32), (73, 40))

# ------------------------------------------------------------- room labels --
for i, x0 in enumerate((0, 8, 16, 24)):
    label("Bay %s" % "ABCD"[i], x0 + 4, 3.6, 12, 0, "bold")
    label("6 beds", x0 + 4, 4.5, 9)
for i, x0 in enumerate((32, 35, 38, 41)):
    label("Side room %d" % (i + 1), x0 + 1.5, 5.2, 9, -90)
for name, x0, x1, rot in (("Sluice", 0, 4.5, 0), ("WC", 4.5, 7, 0),
                          ("Assisted bath", 7, 11, -90), ("Clean utility", 11, 15, -90),
                          ("Nurses' station", 15, 23, 0), ("Treatment", 23, 27, -90),
                          ("Store", 27, 30, -90), ("Day room", 30, 36, 0),
                          ("Ward manager", 36, 40, -90), ("Entrance", 40, 44, -90)):
    label(name, (x0 + x1) / 2, 14.6 if rot == 0 else 14.0, 10, rot)
label("Ward 21 corridor", 12, 9.45, 9)
for i, x0 in enumerate((0, 7, 14, 21)):
    label("Bay %s" % "EFGH"[i], x0 + 3.5, 35.0, 12, 0, "bold")
    label("4 beds", x0 + 3.5, 35.9, 9)
for i, x0 in enumerate((28, 32, 36, 40)):
    label("Side room %d" % (i + 5), x0 + 1.0, 36.0, 9, -90)
    label("En-suite", x0 + 3.0, 31.6, 7)
for name, x0, x1, rot in (("Sluice", 0, 4.5, 0), ("WC", 4.5, 7, 0), ("Shower", 7, 10, -90),
                          ("Linen", 10, 13, -90), ("Nurses' base", 13, 20, 0),
                          ("Kitchen", 20, 24, -90), ("Relatives", 24, 28, -90),
                          ("Staff room", 28, 33, -90), ("Ward manager", 33, 37, -90),
                          ("Store", 37, 40, -90), ("Entrance", 40, 44, -90)):
    label(name, (x0 + x1) / 2, 23.6 if rot == 0 else 24.0, 10, rot)
label("Ward 22 corridor", 12, 28.95, 9)
label("HOSPITAL STREET", 22, 19.2, 12, 0, "bold")
label("HOSPITAL STREET", 67, 19.2, 12, 0, "bold")
label("Stair A", 46.5, 4.2, 10, 0, "bold")
label("Lift 1", 50.25, 6.7, 8)
label("Lift 2", 52.75, 6.7, 8)
label("Riser", 51.5, 2.2, 9)
label("Lift lobby", 49, 13.5, 11, 0, "bold")
label("Lobby", 49, 25.5, 11, 0, "bold")
label("Stair B", 47, 35.6, 10, 0, "bold")
label("Bed lift", 52, 34.2, 9)
label("Riser", 52, 38.7, 9)
label("X-ray 1", 59.2, 3.2, 12, 0, "bold")
label("lead-lined", 59.2, 4.1, 8)
label("Control", 65.5, 5.5, 9, -90)
label("Ultrasound 1", 70.25, 5.2, 10)
label("Ultrasound 2", 76.75, 5.2, 10)
label("Imaging corridor", 67, 11.45, 9)
label("Reception", 56.5, 15.4, 10)
label("Changing", 61.5, 15.2, 10)
label("WC", 65.5, 15.2, 9)
label("Reporting", 70, 15.2, 10)
label("Comms room", 76.5, 15.2, 10)
label("Waiting", 60, 28.2, 12, 0, "bold")
label("X-ray 2", 73, 25.6, 12, 0, "bold")
label("lead-lined", 73, 26.5, 8)
label("Staff room", 57, 35.5, 10)
label("Office", 63, 35.5, 10)
label("Control 2", 69.5, 36.0, 10)
label("Store", 76.5, 36.0, 10)

# ------------------------------------------------------------------ wards --
wards = [
    {"name": "Ward 21", "points": [[0, 0], [44, 0], [44, 17.5], [0, 17.5]]},
    {"name": "Ward 22", "points": [[0, 20.5], [44, 20.5], [44, 40], [0, 40]]},
    {"name": "Hospital street", "points": [[0, 17.5], [44, 17.5], [44, 20.5], [0, 20.5]]},
    {"name": "Core", "points": [[44, 0], [54, 0], [54, 40], [44, 40]]},
    {"name": "Diagnostic Imaging", "points": [[54, 0], [80, 0], [80, 40], [54, 40]]},
]

# ---------------------------------------------------------- planned APs --
# Ceiling-mounted in corridors, as hospitals do. Deliberately none near Ward
# 22's side rooms 6-8 (behind stair B and the bed lift, 15-25 m from the
# nearest AP through several partitions): the floor's designed not-spot. The
# lift lobby (behind steel fire doors) and the lead-lined X-ray rooms get no
# AP either, as on many real sites.
aps = [
    ("AP-W21-01", 4.0, 9.25), ("AP-W21-02", 16.0, 9.25), ("AP-W21-03", 28.0, 9.25),
    ("AP-W21-04", 39.0, 9.25),
    ("AP-W22-01", 6.0, 28.75), ("AP-W22-02", 18.0, 28.75),
    ("AP-ST-01", 22.0, 19.0), ("AP-ST-02", 66.0, 19.0),
    ("AP-IMG-01", 61.0, 11.25), ("AP-IMG-02", 74.0, 11.25), ("AP-IMG-03", 60.0, 26.0),
]


# --------------------------------------------------------------- checking --
def on_segment(p, a, b, tol=1e-6):
    ax, ay = a
    bx, by = b
    cross = (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)
    if abs(cross) > tol * max(1.0, math.hypot(bx - ax, by - ay)):
        return None
    L2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / L2
    return t if -tol <= t <= 1 + tol else None


def host_segment(o):
    """The (wall index, segment index) the opening lies on."""
    for wi, w in enumerate(walls):
        pts = w["points"]
        for si in range(len(pts) - 1):
            ta = on_segment(o["a"], pts[si], pts[si + 1])
            tb = on_segment(o["b"], pts[si], pts[si + 1])
            if ta is not None and tb is not None:
                return wi, si, ta, tb
    raise SystemExit("opening %r lies on no wall" % (o,))


for o in openings:
    host_segment(o)


# ---------------------------------------------------------------- drawing --
def f(v):
    return ("%.2f" % v).rstrip("0").rstrip(".")


def line_px(a, b, width, colour, extra=""):
    x1, y1 = px(*a)
    x2, y2 = px(*b)
    return ('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>'
            % (f(x1), f(y1), f(x2), f(y2), colour, f(width), extra))


def wall_pieces():
    """Each wall segment cut at its openings: [(a, b, material, extend_a, extend_b)]."""
    cuts = {}
    for o in openings:
        wi, si, ta, tb = host_segment(o)
        cuts.setdefault((wi, si), []).append((min(ta, tb), max(ta, tb)))
    pieces = []
    for wi, w in enumerate(walls):
        pts = w["points"]
        for si in range(len(pts) - 1):
            a, b = pts[si], pts[si + 1]
            t = 0.0
            spans = sorted(cuts.get((wi, si), []))
            for (t0, t1) in spans + [(1.0, 1.0)]:
                if t0 > t + 1e-9:
                    pa = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                    pb = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
                    pieces.append((pa, pb, w["material"], t == 0.0, t0 == 1.0))
                t = max(t, t1)
    return pieces


def draw_wall_piece(out, a, b, mat, ext_a, ext_b):
    th = THICK[mat]
    L = math.hypot(b[0] - a[0], b[1] - a[1])
    if L < 1e-9:
        return
    ux, uy = (b[0] - a[0]) / L, (b[1] - a[1]) / L
    # Extend true wall ends by half the thickness so corners close.
    if ext_a:
        a = (a[0] - ux * th / 2, a[1] - uy * th / 2)
    if ext_b:
        b = (b[0] + ux * th / 2, b[1] + uy * th / 2)
    if mat == "glass":
        out.append(line_px(a, b, th * S, "#ffffff"))
        nx, ny = -uy * th * 0.4, ux * th * 0.4
        for k in (-1, 1):
            out.append(line_px((a[0] + k * nx, a[1] + k * ny), (b[0] + k * nx, b[1] + k * ny),
                               0.8, "#3a6ea5"))
        out.append(line_px(a, b, 0.6, "#3a6ea5"))
    elif mat == "lead-lined":
        out.append(line_px(a, b, th * S, "#2b2b2b"))
        out.append(line_px(a, b, 1.2, "#d9d9d9", ' stroke-dasharray="3 3"'))
    elif mat == "lift-shaft":
        out.append(line_px(a, b, th * S, "#4a4a4a"))
    elif mat == "brick":
        out.append(line_px(a, b, th * S, "#7a5a48"))
    elif mat == "concrete":
        out.append(line_px(a, b, th * S, "#1a1a1a"))
    else:  # plasterboard
        out.append(line_px(a, b, th * S, "#6e6e6e"))


def arc_path(cx, cy, r, a0, a1):
    x0, y0 = cx + r * math.cos(a0), cy + r * math.sin(a0)
    x1, y1 = cx + r * math.cos(a1), cy + r * math.sin(a1)
    sweep = 1 if a1 > a0 else 0
    return "M%s,%s A%s,%s 0 0 %d %s,%s" % (f(x0), f(y0), f(r), f(r), sweep, f(x1), f(y1))


def draw_leaf(out, hinge, tip, normal, colour, width):
    """A door leaf hinged at @hinge, open 90 degrees towards @normal, with its swing arc."""
    hx, hy = px(*hinge)
    tx, ty = px(*tip)
    r = math.hypot(tx - hx, ty - hy)
    lx, ly = hx + normal[0] * r, hy + normal[1] * r
    out.append('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"/>'
               % (f(hx), f(hy), f(lx), f(ly), colour, f(width)))
    a0 = math.atan2(ty - hy, tx - hx)
    a1 = math.atan2(ly - hy, lx - hx)
    # Shortest way round.
    while a1 - a0 > math.pi:
        a1 -= 2 * math.pi
    while a0 - a1 > math.pi:
        a1 += 2 * math.pi
    out.append('<path d="%s" fill="none" stroke="%s" stroke-width="0.7"/>'
               % (arc_path(hx, hy, r, a0, a1), colour))


def draw_opening(out, o):
    a, b, kind, swing = o["a"], o["b"], o["kind"], o["swing"]
    L = math.hypot(b[0] - a[0], b[1] - a[1])
    ux, uy = (b[0] - a[0]) / L, (b[1] - a[1]) / L
    n = (-uy * swing, ux * swing)
    if kind == "glass-low-e":  # window: three thin lines across the wall gap
        th = THICK["concrete"]
        out.append(line_px(a, b, th * S, "#ffffff"))
        for k in (-0.5, 0, 0.5):
            out.append(line_px((a[0] - uy * th * k, a[1] + ux * th * k),
                               (b[0] - uy * th * k, b[1] + ux * th * k), 0.8, "#1a1a1a"))
        return
    if kind == "doorway":
        return
    if kind == "fire-door" and swing == 0:  # lift landing doors: steel sliding
        out.append(line_px(a, b, 3.0, "#4a4a4a"))
        return
    colour = "#1a1a1a"
    width = 1.6 if kind in ("fire-door", "lead-lined") else 1.0
    if kind == "fire-door" or L > 1.6:  # double leaf
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        draw_leaf(out, a, mid, n, colour, width)
        draw_leaf(out, b, mid, n, colour, width)
    else:
        draw_leaf(out, a, b, n, colour, width)
    if kind == "fire-door":
        mx, my = px((a[0] + b[0]) / 2 + n[0] * 0.05 - n[0] * 0.55,
                    (a[1] + b[1]) / 2 + n[1] * 0.05 - n[1] * 0.55)
        out.append('<text x="%s" y="%s" font-size="7" text-anchor="middle" '
                   'dominant-baseline="central" fill="#b00000" font-weight="bold">FD</text>'
                   % (f(mx), f(my)))


def rect_m(x, y, w, h, fill="none", stroke="#8a8a8a", sw=0.8, extra=""):
    X, Y = px(x, y)
    return ('<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="%s" '
            'stroke-width="%s"%s/>' % (f(X), f(Y), f(w * S), f(h * S), fill, stroke, f(sw), extra))


def bed(out, x, y, horizontal, head_first=True):
    """A hospital bed 0.95 m x 2.1 m with its head at (x, y) edge."""
    if horizontal:
        out.append(rect_m(x, y - 0.475, 2.1, 0.95, "#f4f4f4"))
        hx = x + 0.35 if head_first else x + 1.75
        out.append(line_px((hx, y - 0.475), (hx, y + 0.475), 0.8, "#8a8a8a"))
    else:
        out.append(rect_m(x - 0.475, y, 0.95, 2.1, "#f4f4f4"))
        hy = y + 0.35 if head_first else y + 1.75
        out.append(line_px((x - 0.475, hy), (x + 0.475, hy), 0.8, "#8a8a8a"))


def stair(out, x0, y0, x1, y1, up_south):
    """Two flights running north-south with a landing, treads every 0.28 m."""
    midx = (x0 + x1) / 2
    land = 1.6
    fy0, fy1 = (y0 + land, y1 - 0.3) if up_south else (y0 + 0.3, y1 - land)
    for fx0, fx1 in ((x0 + 0.2, midx - 0.1), (midx + 0.1, x1 - 0.2)):
        out.append(rect_m(fx0, fy0, fx1 - fx0, fy1 - fy0, "none", "#6e6e6e", 0.8))
        y = fy0
        while y < fy1 - 1e-6:
            out.append(line_px((fx0, y), (fx1, y), 0.6, "#9a9a9a"))
            y += 0.28
    out.append(line_px((midx, fy0), (midx, fy1), 1.2, "#6e6e6e"))
    ax = x0 + (midx - x0) / 2
    ya, yb = (fy1 - 0.4, fy0 + 0.6) if up_south else (fy0 + 0.4, fy1 - 0.6)
    out.append(line_px((ax, ya), (ax, yb), 0.8, "#1a1a1a"))
    X, Y = px(ax, yb)
    d = -5 if not up_south else 5
    out.append('<path d="M%s,%s l-3,%s l6,0 z" fill="#1a1a1a"/>' % (f(X), f(Y - 0), d))


def lift_car(out, x0, y0, x1, y1):
    out.append(rect_m(x0 + 0.25, y0 + 0.25, x1 - x0 - 0.5, y1 - y0 - 0.5, "none", "#6e6e6e", 0.8))
    out.append(line_px((x0 + 0.25, y0 + 0.25), (x1 - 0.25, y1 - 0.25), 0.7, "#8a8a8a"))
    out.append(line_px((x1 - 0.25, y0 + 0.25), (x0 + 0.25, y1 - 0.25), 0.7, "#8a8a8a"))


def wc(out, x, y, facing_north):
    """A WC pan at (x, y): cistern against the wall, bowl towards the room."""
    if facing_north:
        out.append(rect_m(x - 0.25, y - 0.2, 0.5, 0.2, "#ffffff"))
        X, Y = px(x, y - 0.45)
    else:
        out.append(rect_m(x - 0.25, y, 0.5, 0.2, "#ffffff"))
        X, Y = px(x, y + 0.45)
    out.append('<ellipse cx="%s" cy="%s" rx="%s" ry="%s" fill="#ffffff" stroke="#8a8a8a" '
               'stroke-width="0.8"/>' % (f(X), f(Y), f(0.19 * S), f(0.27 * S)))


def build_furniture():
    out = []
    # Ward 21 bays: three beds on each side wall, heads to the wall.
    for x0 in (0, 8, 16, 24):
        for y in (1.4, 3.9, 6.4):
            bed(out, x0 + 0.2, y, True, True)
            bed(out, x0 + 8 - 0.2 - 2.1, y, True, False)
    for x0 in (32, 35, 38, 41):
        bed(out, x0 + 1.5, 0.3, False, True)
    # Ward 22 bays: two beds per side wall; side rooms: bed head to the window.
    for x0 in (0, 7, 14, 21):
        for y in (32.8, 37.6):
            bed(out, x0 + 0.2, y, True, True)
            bed(out, x0 + 7 - 0.2 - 2.1, y, True, False)
    for x0 in (28, 32, 36, 40):
        bed(out, x0 + 1.9, 37.6, False, False)
        wc(out, x0 + 3.4, 30.2, False)
    # WCs in the support strips.
    wc(out, 5.75, 17.3, True)
    wc(out, 5.75, 20.7, False)
    wc(out, 65.5, 17.3, True)
    # Nurses' station and base counters.
    for (x0, x1, y, d) in ((16, 22, 12.0, 1), (14, 19, 26.0, -1)):
        pts = [px(x0, y + d * 1.8), px(x0, y), px(x1, y), px(x1, y + d * 1.8)]
        out.append('<polyline points="%s" fill="none" stroke="#b5b5b5" stroke-width="%s" '
                   'stroke-linejoin="round"/>' % (" ".join("%s,%s" % (f(a), f(b)) for a, b in pts),
                                                  f(0.6 * S)))
    # Day room and waiting chairs.
    for i in range(5):
        out.append(rect_m(31 + i * 1.0, 16.4, 0.6, 0.6, "#ffffff"))
    for row in range(3):
        for i in range(8):
            out.append(rect_m(55.5 + i * 1.2, 22.4 + row * 1.6, 0.6, 0.6, "#ffffff"))
    # X-ray tables, control desks.
    for (x, y) in ((57.0, 5.5), (70.0, 28.0)):
        out.append(rect_m(x, y, 2.4, 0.8, "#ececec", "#6e6e6e", 1.0))
    out.append(rect_m(64.3, 1.0, 0.6, 3.0, "#ececec"))
    out.append(rect_m(67.5, 39.0, 4.5, 0.6, "#ececec"))
    # Stairs, lifts.
    stair(out, 44, 0, 49, 9, False)
    stair(out, 44, 31, 50, 40, True)
    lift_car(out, 49, 4, 51.5, 9)
    lift_car(out, 51.5, 4, 54, 9)
    lift_car(out, 50, 31, 54, 37)
    return out


def text_el(t, x, y, size, rot, weight, anchor="middle", colour="#1a1a1a"):
    X, Y = px(x, y)
    tr = ' transform="rotate(%d %s %s)"' % (rot, f(X), f(Y)) if rot else ""
    t = t.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&#8217;")
    return ('<text x="%s" y="%s" font-size="%s" font-weight="%s" text-anchor="%s" '
            'dominant-baseline="central" fill="%s"%s>%s</text>'
            % (f(X), f(Y), f(size), weight, anchor, colour, tr, t))


def build_svg():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="DejaVu Sans, sans-serif">' % (SVG_W, SVG_H, SVG_W, SVG_H),
           '<!-- Generated by make-example.py: edit the script, not this file. -->',
           '<title>St Elsewhere General Hospital, Tower Block, Level 2</title>',
           '<rect width="100%" height="100%" fill="#ffffff"/>']
    # Corridor floor tint, so circulation reads at a glance.
    for (x0, y0, x1, y1) in ((0, 17.5, 80, 20.5), (0, 8, 44, 10.5), (0, 27.5, 44, 30),
                             (54, 10, 80, 12.5), (44, 9, 54, 17.5), (44, 20.5, 54, 31)):
        out.append(rect_m(x0, y0, x1 - x0, y1 - y0, "#eef2f5", "none", 0))
    out.append('<g id="furniture">')
    out.extend(build_furniture())
    out.append('</g>')
    out.append('<g id="walls" stroke-linecap="butt">')
    for (a, b, mat, ea, eb) in wall_pieces():
        draw_wall_piece(out, a, b, mat, ea, eb)
    out.append('</g>')
    out.append('<g id="doors">')
    for o in openings:
        draw_opening(out, o)
    out.append('</g>')
    out.append('<g id="labels">')
    for (t, x, y, size, rot, weight) in labels:
        out.append(text_el(t, x, y, size, rot, weight))
    out.append('</g>')

    # Title block, north arrow, scale bar, wall key.
    out.append('<text x="%d" y="40" font-size="22" font-weight="bold" fill="#1a1a1a">'
               'St Elsewhere General Hospital · Tower Block · Level 2</text>' % OX)
    out.append('<text x="%d" y="66" font-size="13" fill="#3a3a3a">Ward 21 (Acute Medicine, 28 beds) · '
               'Ward 22 (Surgical, 20 beds) · Diagnostic Imaging · core: stairs A/B, lifts 1-2, '
               'bed lift</text>' % OX)
    out.append('<text x="%d" y="86" font-size="10" fill="#6e6e6e">notspot example floor, drawn '
               'for testing; not a real building. Dimensions in metres; wall centre lines '
               'on a 80 m x 40 m grid.</text>' % OX)
    # North arrow (top right).
    nx, ny = SVG_W - 90, 58
    out.append('<path d="M%d,%d l-10,28 l10,-8 l10,8 z" fill="#1a1a1a"/>' % (nx, ny - 30))
    out.append('<text x="%d" y="%d" font-size="14" font-weight="bold" text-anchor="middle">N</text>'
               % (nx, ny + 18))
    # Scale bar 0-10 m under the plan, left.
    sx, sy = OX, OY + H_M * S + 45
    for i in range(10):
        out.append('<rect x="%s" y="%s" width="%s" height="8" fill="%s" stroke="#1a1a1a" '
                   'stroke-width="0.8"/>' % (f(sx + i * S), f(sy), f(S),
                                             "#1a1a1a" if i % 2 == 0 else "#ffffff"))
    for m in (0, 5, 10):
        out.append('<text x="%s" y="%s" font-size="11" text-anchor="middle">%d</text>'
                   % (f(sx + m * S), f(sy + 24), m))
    out.append('<text x="%s" y="%s" font-size="11">metres (20 px = 1 m)</text>'
               % (f(sx + 10 * S + 18), f(sy + 8)))
    # Wall key.
    kx, ky = OX + 420, OY + H_M * S + 40
    key = [("concrete", "concrete / blockwork"), ("brick", "brick"),
           ("plasterboard", "plasterboard partition"), ("glass", "glazed screen"),
           ("lead-lined", "lead-lined (X-ray)"), ("lift-shaft", "lift shaft")]
    for i, (mat, text) in enumerate(key):
        x = kx + (i % 3) * 210
        y = ky + (i // 3) * 24
        draw_wall_piece(out, ((x - OX) / S, (y - OY) / S), ((x + 40 - OX) / S, (y - OY) / S),
                        mat, False, False)
        out.append('<text x="%s" y="%s" font-size="11" dominant-baseline="central">%s</text>'
                   % (f(x + 50), f(y), text))
    x = kx + 3 * 210 - 20
    out.append('<text x="%s" y="%s" font-size="9" fill="#b00000" font-weight="bold" '
               'dominant-baseline="central">FD</text>' % (f(x), f(ky)))
    out.append('<text x="%s" y="%s" font-size="11" dominant-baseline="central">steel fire door'
               '</text>' % (f(x + 20), f(ky)))
    out.append('</svg>')
    return "\n".join(out) + "\n"


def build_sidecar():
    def r(v):
        return round(v, 3)

    return {
        "notspot_floorplan": 1,
        "name": "Level 2",
        "building": "St Elsewhere General Hospital, Tower Block",
        "level": 2,
        "image": "hospital-level2.svg",
        "scale": {"px_per_m": S},
        "origin_px": [OX, OY],
        "wards": wards,
        "walls": [{"material": w["material"], "points": [[r(x), r(y)] for x, y in w["points"]]}
                  for w in walls],
        "openings": [{"kind": o["kind"], "a": [r(v) for v in o["a"]],
                      "b": [r(v) for v in o["b"]]} for o in openings],
        "aps": [{"name": n, "x": x, "y": y, "height_m": 2.7, "source": "planned"}
                for n, x, y in aps],
    }


def dump_sidecar(d):
    """JSON with one element (wall, opening, AP, ward) per line, so diffs read well."""
    def one(v):
        return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))

    lines = ["{"]
    keys = list(d.keys())
    for i, k in enumerate(keys):
        end = "," if i + 1 < len(keys) else ""
        v = d[k]
        if isinstance(v, list) and v and isinstance(v[0], dict):
            lines.append('  "%s": [' % k)
            for j, e in enumerate(v):
                lines.append("    " + one(e) + ("," if j + 1 < len(v) else ""))
            lines.append("  ]" + end)
        else:
            lines.append('  "%s": %s%s' % (k, one(v), end))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    with open(os.path.join(HERE, "hospital-level2.svg"), "w", encoding="utf-8") as fh:
        fh.write(build_svg())
    with open(os.path.join(HERE, "hospital-level2.json"), "w", encoding="utf-8") as fh:
        fh.write(dump_sidecar(build_sidecar()))


if __name__ == "__main__":
    main()
