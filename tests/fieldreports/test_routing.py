"""Routing from the database: the cached router notices rule and boundary changes."""

from django.utils import timezone

from fieldreports import routing
from fieldreports.models import Boundary, RoutingRule
from tests.fieldreports.conftest import IN_WARD_A, IN_WARD_B, report, square
from units.models import Agency


def test_rules_by_ward_polygon_and_province_and_cache_invalidation(world, waste, lighting, agency_a, agency_b,
                                                                   ward_b, ioc):
    assert routing.route(waste, *IN_WARD_A).agency_id == agency_b.pk
    assert routing.route(waste, *IN_WARD_B).agency_id is None
    assert routing.route(lighting, *IN_WARD_B).ward_id == ward_b.pk
    # When an administrator adds a polygon rule for waste in ward B
    area = Boundary.objects.create(name="Chợ Đông Ba", geometry=square(107.605, 16.465, 107.615, 16.475))
    RoutingRule.objects.create(order=5, category=waste, area_kind="polygon", boundary=area, agency=agency_a)
    # Then the next report finds it (the cached tree was rebuilt)
    assert routing.route(waste, *IN_WARD_B).agency_id == agency_a.pk


def test_fingerprint_catches_changes_made_by_another_process(world, waste, agency_a, ward_b):
    assert routing.route(waste, *IN_WARD_B).agency_id is None
    # A bulk update sends no signal here, as when another process changed the rule
    RoutingRule.objects.filter(category=waste).update(unit=ward_b, updated_at=timezone.now())
    assert routing.route(waste, *IN_WARD_B).agency_id is not None


def test_inactive_rules_do_not_match(world, waste):
    RoutingRule.objects.filter(category=waste).update(is_active=False)
    routing.invalidate()
    assert routing.route(waste, *IN_WARD_A).agency_id is None


def test_a_deactivated_unit_gets_no_more_reports(world, lan, lighting, agency_a):
    # Given lighting reports go to agency A, and the router is cached
    assert report(lan, lighting).agency == agency_a
    # When agency A is deactivated by another process (no signal reaches this one)
    Agency.objects.filter(pk=agency_a.pk).update(is_active=False)
    # Then the router notices, and the next report waits in the IOC triage queue
    assert routing.route(lighting, *IN_WARD_A).agency_id is None
    r = report(lan, lighting)
    assert (r.status, r.agency) == ("new", None)


def test_a_stale_router_still_never_dispatches_to_an_inactive_unit(world, lan, lighting, agency_a, monkeypatch):
    # Given a router built while agency A was active (as another process may still hold one)
    stale = routing.current()
    monkeypatch.setattr(routing, "current", lambda: stale)
    # When agency A is deactivated
    agency_a.is_active = False
    agency_a.save()
    # Then the report falls back to IOC triage instead of the inactive unit
    r = report(lan, lighting)
    assert (r.status, r.agency, r.routed_by) == ("new", None, None)
