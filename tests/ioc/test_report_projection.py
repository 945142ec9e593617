"""The field-report projections equal a direct count over the reports, for random histories
walked through the engine, kept incrementally or rebuilt."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from __future__ import annotations

import contextlib
import random
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.db.models import Sum
from django.utils import timezone

from fieldreports import actions
from fieldreports.models import Report
from ioc import reports as projection
from ioc.models import ReportFlow, ReportOpen
from tests.fieldreports.conftest import (  # noqa: F401 (fixtures)
    _media,
    infra,
    lighting,
    power,
    report,
    rules,
    ward_a,
    ward_b,
    waste,
    world,
)

pytestmark = pytest.mark.django_db


def day(moment):
    return timezone.localdate(moment)


def direct() -> tuple[Counter, Counter, Counter]:
    received, rated, opens = Counter(), Counter(), Counter()
    for r in Report.objects.all():
        received[(r.category_id, day(r.created_at))] += 1
        if r.rating:
            rated["ratings"] += 1
            rated["points"] += r.rating
        if r.status in Report.OPEN_STATUSES:
            opens[(r.agency_id, r.category_id, day(r.due_at))] += 1
    return received, rated, +opens


def projected() -> tuple[Counter, Counter, Counter]:
    received, rated, opens = Counter(), Counter(), Counter()
    for row in ReportFlow.objects.all():
        received[(row.category_id, row.day)] += row.received
        rated["ratings"] += row.ratings
        rated["points"] += row.rating_points
    for row in ReportOpen.objects.all():
        opens[(row.agency_id, row.category_id, row.due_day)] += row.count
    return +received, rated, +opens


STEPS = {
    "dispatch": lambda r, u, p: actions.dispatch(r, u, p["agency"]),
    "accept": lambda r, u, p: actions.accept(r, u),
    "start": lambda r, u, p: actions.start(r, u),
    "resolve": lambda r, u, p: actions.resolve(r, u, "Đã sửa xong đèn."),
    "reject": lambda r, u, p: actions.reject(r, u, "Không thuộc thẩm quyền."),
    "rate": lambda r, u, p: actions.rate(r, u, p["rng"].randint(1, 5)),
    "reopen": lambda r, u, p: actions.reopen(r, u, "Vẫn chưa sửa."),
}


@pytest.mark.parametrize("seed", range(6))
def test_projections_equal_a_direct_count(world, lan, minh, vy, lighting, waste, agency_a, seed):
    rng = random.Random(seed)
    people = [lan, minh, vy]
    made = [report(lan, rng.choice([lighting, waste])) for _ in range(4)]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(30):
            clock.shift(timedelta(hours=rng.choice([1, 10, 30, 80])))
            r = Report.objects.get(pk=rng.choice(made).pk)
            offers = [(t.action, u) for u in people for t in actions.allowed_actions(r, u) if t.action in STEPS]
            if offers:
                action, user = rng.choice(offers)
                with contextlib.suppress(actions.ActionError):
                    STEPS[action](r, user, {"agency": agency_a, "rng": rng})
    projection.catch_up()
    assert projected() == direct()
    answered = ReportFlow.objects.aggregate(n=Sum("answered_on_time"), m=Sum("answered_late"))
    assert (answered["n"] or 0) + (answered["m"] or 0) >= Report.objects.filter(
        status__in=Report.ANSWERED_STATUSES).count()
    projection.apply(list(Report.objects.values_list("pk", flat=True)))  # again: nothing changes
    assert projected() == direct()
    projection.rebuild()
    assert projected() == direct()
