"""The projections equal a direct count over the dossiers, for random histories walked through
the engine (liên thông legs, pauses, apologies, refusals, withdrawals, scores), whether kept
incrementally or rebuilt from the log; applying twice changes nothing."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from __future__ import annotations

import contextlib
import random
from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiers import actions
from dossiers.evaluation import ASKED
from dossiers.models import Channel, Dossier, DossierEvent, Evaluation
from dossiers.states import OPEN, PAUSED
from ioc import projection
from ioc.models import DossierFlow, DossierOpen
from tests.dossiers.conftest import LAN

pytestmark = pytest.mark.django_db

SKIP = {"attach_file", "digitize", "alert_due_soon", "alert_overdue", "alert_step_overdue", "reassign"}


def day(moment):
    return timezone.localdate(moment)


def direct() -> tuple[Counter, Counter]:
    """The same figures counted straight from the dossiers (what the projections replace)."""
    flows, opens = Counter(), Counter()
    for d in Dossier.objects.select_related("procedure_version"):
        key = (d.procedure_version.competent_agency_id, d.procedure_version.procedure_id, d.channel,
               d.parent_id is not None)
        if d.received_at:
            flows[(*key, day(d.received_at), "received")] += 1
        if d.resolved_at and d.timeliness:
            flows[(*key, day(d.resolved_at), f"resolved_{d.timeliness}")] += 1
            flows[(*key, day(d.resolved_at), "processing_seconds")] += int(
                (d.resolved_at - d.received_at).total_seconds())
        if d.returned_at:
            flows[(*key, day(d.returned_at), "returned")] += 1
        for action, name in (("refuse", "refused"), ("withdraw", "withdrawn"), ("apologize", "apologies")):
            for at in d.events.filter(action=action).values_list("at", flat=True):
                flows[(*key, day(at), name)] += 1
        evaluation = Evaluation.objects.filter(dossier=d).first()
        if evaluation:
            flows[(*key, day(evaluation.created_at), "evaluations")] += 1
            flows[(*key, day(evaluation.created_at), "evaluation_points")] += evaluation.total
        if d.state in OPEN or d.state in PAUSED:
            opens[(d.procedure_version.competent_agency_id, d.procedure_version.procedure_id, d.parent_id is not None,
                   day(d.due_at), d.state in PAUSED)] += 1
    return +flows, +opens


def projected() -> tuple[Counter, Counter]:
    flows, opens = Counter(), Counter()
    for row in DossierFlow.objects.all():
        key = (row.agency_id, row.procedure_id, row.channel, row.linked, row.day)
        for name in projection.FLOW_COUNTS:
            flows[(*key, name)] += getattr(row, name)
    for row in DossierOpen.objects.all():
        opens[(row.agency_id, row.procedure_id, row.linked, row.due_day, row.paused)] += row.count
    return +flows, +opens


def inputs(action: str, d: Dossier, land_info) -> dict:
    return {
        "refuse": {"reason": "Không đủ điều kiện"}, "send_back": {"reason": "Xem lại"},
        "request_supplement": {"missing": ["Bản vẽ"], "reason": "Mờ"}, "stop": {"reason": "Tạm dừng"},
        "request_intake_supplement": {"missing": ["Đơn"], "reason": "Thiếu"},
        "request_payment": {"amount": 75000, "reason": "Lệ phí"}, "withdraw": {"reason": "Thôi"},
        "transfer": {"version": land_info},
        "apologize": {"reason": "Chậm", "new_due_at": (d.due_at or timezone.now()) + timedelta(days=1)},
        "evaluate": {"scores": dict.fromkeys(ASKED, 2)},
    }.get(action, {})


def walk(seed: int, permit, land_info, people, clock) -> None:
    rng = random.Random(seed)
    lan, hoa = people[0], people[1]
    online = rng.random() < 0.5
    d = actions.submit(permit, LAN, lan if online else hoa,
                       channel=Channel.ONLINE if online else Channel.COUNTER).dossier
    for _ in range(rng.randint(1, 14)):
        clock.shift(timedelta(hours=rng.choice([1, 5, 20, 60])))
        candidates = [Dossier.objects.get(pk=d.pk), *Dossier.objects.filter(parent=d)]
        target = rng.choice(candidates)
        offers = [(t.action, p) for p in people for t in actions.allowed_actions(target, p) if t.action not in SKIP]
        if not offers:
            continue
        action, person = rng.choice(offers)
        if action == "evaluate" and rng.random() < 0.5:
            kwargs = {"scores": {code: rng.randint(0, 2) for code in ASKED}}
        else:
            kwargs = inputs(action, target, land_info)
        with contextlib.suppress(actions.ActionError):  # a guard said no (a second apology): walk on
            getattr(actions, action)(target, person, **kwargs)


@pytest.fixture
def people(lan, hoa, minh, dung, agency_b):
    from accounts.roles import Role
    from tests.conftest import staff

    return [lan, hoa, minh, dung, staff("thu", agency_b, Role.COUNTER_OFFICER),
            staff("nam", agency_b, Role.SPECIALIST), staff("khoa", agency_b, Role.LEADER)]


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(seeds=st.lists(st.integers(0, 10_000), min_size=1, max_size=4))
def test_incremental_and_rebuilt_projections_equal_a_direct_count(seeds, permit, land_info, people, clock):
    for seed in seeds:
        walk(seed, permit, land_info, people, clock)
    projection.catch_up()
    expected = direct()
    assert projected() == expected and rollups() == rollups_of_the_days()
    projection.catch_up()  # nothing pending: nothing changes
    projection.apply(list(Dossier.objects.values_list("pk", flat=True)))  # applied again: no double count
    assert projected() == expected and rollups() == rollups_of_the_days()
    projection.rebuild()
    assert projected() == expected and rollups() == rollups_of_the_days()


def rollups() -> tuple[Counter, Counter, Counter]:
    """The month rows and the open rows summed over procedures, as stored."""
    from ioc.models import DossierDurationMonth, DossierFlowMonth, DossierOpenAgency

    flows = Counter()
    for row in DossierFlowMonth.objects.all():
        for name in projection.FLOW_COUNTS:
            flows[(row.month, row.agency_id, row.procedure_id, row.channel, row.linked, name)] += getattr(row, name)
    spread = Counter({(r.month, r.agency_id, r.procedure_id, r.channel, r.linked, r.days): r.count
                      for r in DossierDurationMonth.objects.all()})
    opens = Counter({(r.agency_id, r.due_day, r.paused): r.count for r in DossierOpenAgency.objects.all()})
    return +flows, +spread, +opens


def rollups_of_the_days() -> tuple[Counter, Counter, Counter]:
    """The same, summed here from the day rows and the open rows by procedure."""
    from ioc.models import DossierDuration

    flows, spread, opens = Counter(), Counter(), Counter()
    for row in DossierFlow.objects.all():
        for name in projection.FLOW_COUNTS:
            flows[(row.day.replace(day=1), row.agency_id, row.procedure_id, row.channel, row.linked, name)] += getattr(
                row, name)
    for r in DossierDuration.objects.all():
        spread[(r.day.replace(day=1), r.agency_id, r.procedure_id, r.channel, r.linked, r.days)] += r.count
    for r in DossierOpen.objects.all():
        opens[(r.agency_id, r.due_day, r.paused)] += r.count
    return +flows, +spread, +opens


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(seeds=st.lists(st.integers(0, 10_000), min_size=1, max_size=3))
def test_the_migration_fills_the_rollups_from_the_rows_already_projected(seeds, permit, land_info, people, clock):
    from importlib import import_module

    from django.apps import apps

    from ioc.models import DossierDurationMonth, DossierFlowMonth, DossierOpenAgency

    for seed in seeds:
        walk(seed, permit, land_info, people, clock)
    projection.catch_up()
    for model in (DossierFlowMonth, DossierDurationMonth, DossierOpenAgency):
        model.objects.all().delete()
    import_module("ioc.migrations.0007_month_rollups").fill(apps, None)
    assert rollups() == rollups_of_the_days()


def test_an_action_marks_its_dossier_in_its_own_transaction(permit, hoa):
    from ioc.models import PendingDossier

    d = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    assert PendingDossier.objects.filter(dossier=d).exists()
    actions.receive(d, hoa)
    assert projection.catch_up() == 1 and not PendingDossier.objects.exists()
    assert DossierFlow.objects.aggregate(n=Sum("received"))["n"] == 1
    assert DossierEvent.objects.count() == 2


def direct_durations() -> Counter:
    from ioc.projection import days_taken

    found = Counter()
    for d in Dossier.objects.select_related("procedure_version").exclude(timeliness=""):
        if d.resolved_at and d.received_at:
            seconds = max(0, int((d.resolved_at - d.received_at).total_seconds()))
            found[(day(d.resolved_at), d.procedure_version.competent_agency_id, d.procedure_version.procedure_id,
                   d.channel, d.parent_id is not None, days_taken(seconds))] += 1
    return +found


def projected_durations() -> Counter:
    from ioc.models import DossierDuration

    return +Counter({(r.day, r.agency_id, r.procedure_id, r.channel, r.linked, r.days): r.count
                     for r in DossierDuration.objects.all()})


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(seeds=st.lists(st.integers(0, 10_000), min_size=1, max_size=4))
def test_the_distribution_of_processing_times_equals_a_direct_count(seeds, permit, land_info, people, clock):
    from importlib import import_module

    from django.apps import apps

    from ioc.models import DossierDuration

    for seed in seeds:
        walk(seed, permit, land_info, people, clock)
    projection.catch_up()
    expected = direct_durations()
    assert projected_durations() == expected
    projection.rebuild()
    assert projected_durations() == expected
    # The migration that introduced the table fills it the same way from the dossiers.
    DossierDuration.objects.all().delete()
    import_module("ioc.migrations.0005_processing_time_distribution").fill(apps, None)
    assert projected_durations() == expected
