"""Plain geometry for field reports: no database here, so it has plain unit tests.

Coordinates are WGS 84 longitude/latitude, as in GeoJSON (RFC 7946 §3.1.1: x = long).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import shapely
from shapely.geometry import Point, shape
from shapely.strtree import STRtree

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
METRES_PER_DEGREE_LAT = 111_320.0


class GeometryError(ValueError):
    pass


def shape_of(geojson: dict):
    """A valid shapely (Multi)Polygon from a GeoJSON geometry or Feature, or GeometryError."""
    if not isinstance(geojson, dict):
        raise GeometryError("Hình học phải là một đối tượng GeoJSON.")
    if geojson.get("type") == "Feature":
        geojson = geojson.get("geometry") or {}
    if geojson.get("type") not in ("Polygon", "MultiPolygon"):
        raise GeometryError("Chỉ nhận Polygon hoặc MultiPolygon.")
    try:
        geom = shape(geojson)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        raise GeometryError(f"GeoJSON không hợp lệ: {exc}") from None
    if geom.is_empty:
        raise GeometryError("Vùng rỗng.")
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return geom


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def bbox_around(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box that contains the circle; a cheap SQL prefilter."""
    dlat = radius_m / METRES_PER_DEGREE_LAT
    dlon = radius_m / (METRES_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 1e-6))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def valid_point(lat, lon) -> bool:
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


@dataclass(frozen=True)
class Rule:
    """A routing rule as the router sees it. `geometry` None means the whole province."""

    order: int
    rule_id: int
    category_ids: frozenset[int] | None  # None: every category
    agency_id: int
    geometry: object | None = None


class Router:
    """First matching rule for (category, point), with an STRtree over the rule polygons.

    Rules are sorted by (order, id); a point matches a polygon it lies in or on the edge of
    (`covers`), so a report on a boundary street still finds a unit.
    """

    def __init__(self, rules: Iterable[Rule]):
        self.rules = sorted(rules, key=lambda r: (r.order, r.rule_id))
        self._area_rules = [r for r in self.rules if r.geometry is not None]
        self._everywhere = [r for r in self.rules if r.geometry is None]
        self._tree = STRtree([r.geometry for r in self._area_rules]) if self._area_rules else None

    def match(self, category_ids: Sequence[int], lat: float | None, lon: float | None) -> Rule | None:
        wanted = set(category_ids)
        candidates = [r for r in self._everywhere if r.category_ids is None or r.category_ids & wanted]
        if self._tree is not None and valid_point(lat, lon):
            point = Point(lon, lat)
            for index in self._tree.query(point, predicate="covered_by"):
                rule = self._area_rules[int(index)]
                if rule.category_ids is None or rule.category_ids & wanted:
                    candidates.append(rule)
        if not candidates:
            return None
        return min(candidates, key=lambda r: (r.order, r.rule_id))


class PointLocator:
    """Which of a set of named polygons (e.g. wards) holds a point."""

    def __init__(self, items: Iterable[tuple[int, object]]):
        pairs = list(items)
        self.keys = [key for key, _ in pairs]
        self._tree = STRtree([geom for _, geom in pairs]) if pairs else None

    def locate(self, lat: float | None, lon: float | None) -> int | None:
        if self._tree is None or not valid_point(lat, lon):
            return None
        hits = self._tree.query(Point(lon, lat), predicate="covered_by")
        return self.keys[int(min(hits))] if len(hits) else None
