"""The deadline watch: dossiers and steps due soon or overdue are alerted once each.

Every alert is an event of the dossier (dossiers/machine.py `alert_*`), taken by the
platform's own actor through the engine: the row lock and the alert mark checked under it
make the sweep safe on several workers at once and as often as wanted. The notify app tells
the officers responsible (it subscribes to those events). "Due soon" means within one working
day: Decree 61/2018 Art. 17 asks the processing agency to apologise and set a new date at
least one working day before the due date.

Run by the worker every SWEEP_INTERVAL_SECONDS (dossiers/tasks.py); `manage.py sweep_deadlines`
runs it once by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from dossiers.actions import alert
from dossiers.models import Dossier
from dossiers.states import OPEN, State
from workdays.services import calendar_for
from workflow.actors import SYSTEM

# A working day never spans more than this much wall-clock time (a long holiday included),
# so it bounds the cheap SQL prefilter before the exact calendar check.
_PREFILTER = timedelta(days=12)


@dataclass
class SweepResult:
    due_soon: list[int] = field(default_factory=list)
    overdue: list[int] = field(default_factory=list)
    step_overdue: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"{len(self.due_soon)} hồ sơ sắp đến hạn, {len(self.overdue)} hồ sơ quá hạn, "
                f"{len(self.step_overdue)} bước xử lý quá hạn")


def due_soon(dossier: Dossier, now: datetime) -> bool:
    if dossier.apologized_at is not None or dossier.due_at is None or dossier.due_at <= now:
        return False
    calendar = calendar_for(dossier.receiving_agency)
    return calendar.working_time_between(now, dossier.due_at) <= calendar.day_length()


def overdue(dossier: Dossier, now: datetime) -> bool:
    return dossier.due_at is not None and dossier.due_at <= now


def step_overdue(dossier: Dossier, now: datetime) -> bool:
    return dossier.step_due_at is not None and dossier.step_due_at <= now


def sweep(now: datetime | None = None, batch: int = 5000) -> SweepResult:
    now = now or timezone.now()
    result = SweepResult()
    open_dossiers = Dossier.objects.filter(state__in=OPEN)

    near = open_dossiers.filter(due_soon_alerted_at__isnull=True, due_at__gt=now, due_at__lte=now + _PREFILTER,
                                apologized_at__isnull=True).select_related("receiving_agency")
    for dossier in near[:batch]:
        if due_soon(dossier, now) and alert(dossier.pk, "alert_due_soon", SYSTEM, still_due=due_soon, now=now):
            result.due_soon.append(dossier.pk)

    late = open_dossiers.filter(overdue_alerted_at__isnull=True, due_at__lte=now).values_list("pk", flat=True)
    for pk in late[:batch]:
        if alert(pk, "alert_overdue", SYSTEM, still_due=overdue, now=now):
            result.overdue.append(pk)

    # While a liên thông sub-dossier is away, the parent's step clock is stopped.
    late_steps = open_dossiers.exclude(state=State.TRANSFERRED).filter(
        step_overdue_alerted_at__isnull=True, step_due_at__lte=now).values_list("pk", flat=True)
    for pk in late_steps[:batch]:
        if alert(pk, "alert_step_overdue", SYSTEM, still_due=step_overdue, now=now):
            result.step_overdue.append(pk)
    return result
