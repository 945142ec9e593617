"""Routing from the database: the router each process keeps notices rule and boundary changes,
made in this process at once, in another within STAMP_CHECK_SECONDS."""

from django.db.models import F
from django.utils import timezone

from fieldreports import routing
from fieldreports.models import Boundary, RoutingRule
from motcua.models import Stamp
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


def another_process_changed(stamp: str) -> None:
    """What a save in another process does here: its signal bumps the stamp row; this process
    still holds its copy (motcua/stamps.py)."""
    Stamp.objects.get_or_create(name=stamp)
    Stamp.objects.filter(name=stamp).update(version=F("version") + 1)


def test_a_change_made_by_another_process_is_seen_after_the_check_interval(world, waste, agency_a, ward_b,
                                                                           settings):
    settings.STAMP_CHECK_SECONDS = 3600
    assert routing.route(waste, *IN_WARD_B).agency_id is None
    RoutingRule.objects.filter(category=waste).update(unit=ward_b, updated_at=timezone.now())
    another_process_changed(routing.ROUTING_STAMP)
    # Within the interval this process keeps its copy, without asking the database
    assert routing.route(waste, *IN_WARD_B).agency_id is None
    # Once the interval has passed it reads the stamp, sees it moved, and rebuilds
    settings.STAMP_CHECK_SECONDS = 0
    assert routing.route(waste, *IN_WARD_B).agency_id is not None


def test_inactive_rules_do_not_match(world, waste):
    RoutingRule.objects.filter(category=waste).update(is_active=False)
    routing.invalidate()
    assert routing.route(waste, *IN_WARD_A).agency_id is None


def test_a_deactivated_unit_gets_no_more_reports(world, lan, lighting, agency_a, settings):
    settings.STAMP_CHECK_SECONDS = 0
    # Given lighting reports go to agency A, and the router is cached
    assert report(lan, lighting).agency == agency_a
    # When agency A is deactivated by another process (its signal bumps the stamp)
    Agency.objects.filter(pk=agency_a.pk).update(is_active=False)
    another_process_changed(routing.ROUTING_STAMP)
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
