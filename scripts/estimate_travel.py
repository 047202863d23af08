#!/usr/bin/env python3
"""Reproduce the road travel times and internal response times of
scenarios/mss-2024.yaml from commune coordinates and areas.

These are ESTIMATES, not measurements. The model:

  road travel (min)        = haversine_km(centre_a, centre_b) * WINDING / SPEED_KMH * 60
  internal response (min)  = min(CAP_MIN,
                                 MEAN_DIST_UNIT_SQUARE * sqrt(area_km2) * WINDING / SPEED_KMH * 60)

  WINDING = 1.4      road distance / straight-line distance (a common rule of
                     thumb for urban street networks; assumption)
  SPEED_KMH = 20     average speed of an armoured vehicle (MaxxPro MRAP) in
                     congested, barricaded, contested streets (assumption)
  MEAN_DIST_UNIT_SQUARE = 0.5214
                     mean distance between two uniform random points in a
                     unit square: a team somewhere in the zone, an incident
                     somewhere else in it, the zone taken as a square of the
                     commune's area
  CAP_MIN = 30       the large, mostly rural communes (Carrefour, Petion-Ville,
                     Kenscoff, Croix-des-Bouquets) have their people and
                     incidents concentrated in the built-up part, so the
                     whole-area formula overstates; cap (assumption)

Coordinates and areas are copied from scenarios/mss-2024.yaml (which cites
their sources); keep the two in sync.

Usage:
  python3 scripts/estimate_travel.py            print the YAML lines
  python3 scripts/estimate_travel.py --check F  compare with the roads and
                                                internal_response values in
                                                scenario file F (exit 1 on a
                                                difference)
Python 3 standard library only.
"""

import math
import re
import sys

WINDING = 1.4
SPEED_KMH = 20.0
MEAN_DIST_UNIT_SQUARE = 0.5214
CAP_MIN = 30
EARTH_RADIUS_KM = 6371.0

# id: (lat, lon, area_km2)
ZONES = {
    "port_au_prince": (18.533, -72.333, 36.04),
    "delmas": (18.550, -72.300, 27.74),
    "carrefour": (18.533, -72.400, 165.16),
    "petion_ville": (18.510, -72.286, 164.5),
    "cite_soleil": (18.583, -72.335, 21.81),
    "tabarre": (18.583, -72.267, 25.0),
    "kenscoff": (18.452, -72.287, 247.6),
    "gressier": (18.54, -72.53, 92.31),
    "croix_des_bouquets": (18.577, -72.227, 634.62),
}

# Neighbouring communes joined by a main road (see the comment above
# theatre.roads in scenarios/mss-2024.yaml for the geography).
ROADS = [
    ("cite_soleil", "port_au_prince"),
    ("cite_soleil", "delmas"),
    ("cite_soleil", "tabarre"),
    ("port_au_prince", "delmas"),
    ("port_au_prince", "carrefour"),
    ("port_au_prince", "petion_ville"),
    ("delmas", "petion_ville"),
    ("delmas", "tabarre"),
    ("tabarre", "petion_ville"),
    ("tabarre", "croix_des_bouquets"),
    ("petion_ville", "kenscoff"),
    ("carrefour", "gressier"),
]


def haversine_km(a, b):
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def minutes(km):
    return km * WINDING / SPEED_KMH * 60.0


def road_minutes(a, b):
    km = haversine_km(ZONES[a][:2], ZONES[b][:2])
    return km, round(minutes(km))


def internal_minutes(zone):
    area = ZONES[zone][2]
    raw = minutes(MEAN_DIST_UNIT_SQUARE * math.sqrt(area))
    return raw, min(CAP_MIN, round(raw))


def check_connected():
    seen = {next(iter(ZONES))}
    frontier = list(seen)
    while frontier:
        z = frontier.pop()
        for a, b in ROADS:
            for x, y in ((a, b), (b, a)):
                if x == z and y not in seen:
                    seen.add(y)
                    frontier.append(y)
    missing = set(ZONES) - seen
    if missing:
        sys.exit(f"road graph not connected: {sorted(missing)} unreachable")


def print_lines():
    print(f"# travel = haversine_km * {WINDING} / {SPEED_KMH:g} km/h * 60, rounded")
    print("  roads:")
    for a, b in ROADS:
        km, mins = road_minutes(a, b)
        print(f"    - {{between: [{a}, {b}], travel: {mins}min}}"
              f"   # {km:.1f} km straight line")
    print(f"# internal_response = min({CAP_MIN}, {MEAN_DIST_UNIT_SQUARE} * sqrt(area_km2)"
          f" * {WINDING} / {SPEED_KMH:g} km/h * 60), rounded")
    for z in ZONES:
        raw, mins = internal_minutes(z)
        print(f"  {z}: internal_response: {mins}min   # formula {raw:.1f} min")


def check_file(path):
    text = open(path, encoding="utf-8").read()
    problems = []
    found = {}
    for m in re.finditer(r"between:\s*\[\s*(\w+)\s*,\s*(\w+)\s*\]\s*,\s*travel:\s*(\d+)min", text):
        found[frozenset((m.group(1), m.group(2)))] = int(m.group(3))
    for a, b in ROADS:
        want = road_minutes(a, b)[1]
        got = found.pop(frozenset((a, b)), None)
        if got != want:
            problems.append(f"road {a}-{b}: file has {got}, formula gives {want}")
    for key in found:
        problems.append(f"road {sorted(key)} in file but not in this script")
    # internal_response: the zone id line, then its keys, indented deeper.
    for z in ZONES:
        m = re.search(rf"^\s+{z}:\s*$((?:\n\s{{6,}}.*)*)", text, re.MULTILINE)
        got = None
        if m:
            r = re.search(r"internal_response:\s*(\d+)min", m.group(1))
            got = int(r.group(1)) if r else None
        want = internal_minutes(z)[1]
        if got != want:
            problems.append(f"zone {z}: internal_response file has {got}, formula gives {want}")
    for p in problems:
        print(p)
    return 1 if problems else 0


def main(argv):
    check_connected()
    if len(argv) == 3 and argv[1] == "--check":
        return check_file(argv[2])
    if len(argv) != 1:
        sys.exit(__doc__)
    print_lines()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
