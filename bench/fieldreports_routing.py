"""Routing benchmark: 10,000 polygons, 100,000 points; STRtree next to a plain loop, same run.

    .venv/bin/python bench/fieldreports_routing.py [--polygons 10000] [--points 100000] [--loop-points 2000]

The plain loop tests every polygon for every point, so it is timed on a sample of the points
(--loop-points) and reported per second; both answers are checked to agree on that sample.
Needs no database: it uses the same Router as fieldreports.routing.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from shapely.geometry import Point, box  # noqa: E402

from fieldreports.geo import Router, Rule  # noqa: E402


def make_polygons(n: int, rng: random.Random):
    # Square-ish cells over Huế's bounding box, jittered and slightly overlapping, like wards and areas.
    side = int(n ** 0.5) + 1
    lon0, lat0, lon1, lat1 = 107.0, 16.0, 108.2, 16.8
    dx, dy = (lon1 - lon0) / side, (lat1 - lat0) / side
    polys = []
    for i in range(n):
        x, y = lon0 + (i % side) * dx, lat0 + (i // side) * dy
        polys.append(box(x, y, x + dx * rng.uniform(0.9, 1.2), y + dy * rng.uniform(0.9, 1.2)).buffer(dx * 0.05, 4))
    return polys


def loop_match(rules, lat, lon):
    point, best = Point(lon, lat), None
    for rule in rules:
        if (best is None or (rule.order, rule.rule_id) < (best.order, best.rule_id)) and rule.geometry.covers(point):
            best = rule
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--polygons", type=int, default=10_000)
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--loop-points", type=int, default=2_000)
    args = parser.parse_args()
    rng = random.Random(46)
    polys = make_polygons(args.polygons, rng)
    rules = [Rule(order=i, rule_id=i, category_ids=None, agency_id=i, geometry=g) for i, g in enumerate(polys)]
    points = [(rng.uniform(16.0, 16.8), rng.uniform(107.0, 108.2)) for _ in range(args.points)]

    t0 = time.perf_counter()
    router = Router(rules)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    tree_hits = [router.match([1], lat, lon) for lat, lon in points]
    tree_time = time.perf_counter() - t0

    sample = points[: args.loop_points]
    t0 = time.perf_counter()
    loop_hits = [loop_match(rules, lat, lon) for lat, lon in sample]
    loop_time = time.perf_counter() - t0
    agree = all((a.rule_id if a else None) == (b.rule_id if b else None) for a, b in zip(tree_hits, loop_hits,
                                                                                          strict=False))
    tree_rate, loop_rate = len(points) / tree_time, len(sample) / loop_time
    matched = sum(1 for hit in tree_hits if hit)
    print(f"polygons: {len(polys)}  points: {len(points)} (matched {matched})  loop sample: {len(sample)}")
    print(f"STRtree build: {build * 1000:.0f} ms")
    print(f"STRtree:    {tree_rate:12,.0f} points/s  ({tree_time:.2f} s for {len(points)} points)")
    print(f"plain loop: {loop_rate:12,.0f} points/s  ({loop_time:.2f} s for {len(sample)} points)")
    print(f"ratio STRtree / loop: {tree_rate / loop_rate:,.0f}x   answers agree on the sample: {agree}")


if __name__ == "__main__":
    main()
