"""Routing a report to its responsible unit (category × area → agency, first match wins).

The router (an STRtree over the rule polygons) is built once per process and kept. It is
rebuilt when the rules, boundaries, categories or the agencies they name change: their
signals bump a version stamp, which this process sees at once and every other app server
and worker within STAMP_CHECK_SECONDS (motcua/stamps.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldreports.geo import GeometryError, PointLocator, Router, Rule, shape_of
from fieldreports.models import Boundary, Category, RoutingRule
from motcua import stamps

ROUTING_STAMP = "fieldreports.routing"


def invalidate() -> None:
    """Rules, boundaries, categories or agencies changed: every process rebuilds its router."""
    stamps.bump(ROUTING_STAMP)


def _category_tree() -> dict[int, int | None]:
    return dict(Category.objects.values_list("pk", "parent_id"))


def _build() -> tuple[Router, PointLocator]:
    parents = _category_tree()
    children: dict[int, set[int]] = {}
    for pk, parent in parents.items():
        if parent:
            children.setdefault(parent, set()).add(pk)
    shapes: dict[int, object] = {}
    ward_shapes: list[tuple[int, object]] = []
    for boundary in Boundary.objects.all():
        try:
            geom = shape_of(boundary.geometry)
        except GeometryError:
            continue  # an invalid boundary never matches; the admin refuses to save one
        shapes[boundary.pk] = geom
        if boundary.unit_id:
            ward_shapes.append((boundary.unit_id, geom))
    unit_shape = dict(ward_shapes)
    rules = []
    for rule in RoutingRule.objects.filter(is_active=True, agency__is_active=True):
        if rule.area_kind == RoutingRule.AreaKind.POLYGON:
            geom = shapes.get(rule.boundary_id)
        elif rule.area_kind == RoutingRule.AreaKind.WARD:
            geom = unit_shape.get(rule.unit_id)
        else:
            geom = None
        if rule.area_kind != RoutingRule.AreaKind.PROVINCE and geom is None:
            continue  # an area without a boundary cannot match any point
        # A rule on a group covers every category inside it.
        cats = None
        if rule.category_id is not None:
            cats = frozenset({rule.category_id} | children.get(rule.category_id, set()))
        rules.append(Rule(rule.order, rule.pk, cats, rule.agency_id, geom))
    return Router(rules), PointLocator(sorted(ward_shapes))


def current() -> tuple[Router, PointLocator]:
    return stamps.cached(ROUTING_STAMP, _build)


@dataclass
class RouteResult:
    agency_id: int | None
    rule_id: int | None
    ward_id: int | None


def route(category: Category, lat: float | None, lon: float | None) -> RouteResult:
    router, locator = current()
    rule = router.match([category.pk], lat, lon)
    return RouteResult(
        agency_id=rule.agency_id if rule else None,
        rule_id=rule.rule_id if rule else None,
        ward_id=locator.locate(lat, lon),
    )
