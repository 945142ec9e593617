"""The deadline sweep: marks dossiers and steps that are due soon or overdue and alerts the
officers responsible, once each.

Safe to run on several workers at once and as often as wanted: every mark is a conditional
UPDATE (… WHERE alerted_at IS NULL), and only the worker whose update changed the row
sends the alert. "Due soon" means within one working day: Decree 61 asks the processing
agency to apologise and set a new date at least one working day before the due date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from dossiers import notify
from dossiers.models import Dossier
from dossiers.states import OPEN, State
from workdays.services import calendar_for

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


def sweep(now: datetime | None = None) -> SweepResult:
    now = now or timezone.now()
    result = SweepResult()
    open_dossiers = Dossier.objects.filter(state__in=OPEN)

    candidates = open_dossiers.filter(
        due_soon_alerted_at__isnull=True, due_at__gt=now, due_at__lte=now + _PREFILTER, apologized_at__isnull=True,
    ).select_related("receiving_agency")
    calendars: dict[int, object] = {}  # one calendar per agency for the whole sweep
    for dossier in candidates:
        agency = dossier.receiving_agency
        calendar = calendars.setdefault(agency.pk, calendar_for(agency))
        left = calendar.working_time_between(now, dossier.due_at)
        if left <= calendar.day_length() and _mark(dossier.pk, "due_soon_alerted_at", now):
            result.due_soon.append(dossier.pk)

    for pk in open_dossiers.filter(overdue_alerted_at__isnull=True, due_at__lte=now).values_list("pk", flat=True):
        if _mark(pk, "overdue_alerted_at", now):
            result.overdue.append(pk)

    # While a liên thông sub-dossier is away, the parent's step clock is stopped.
    late_steps = open_dossiers.exclude(state=State.TRANSFERRED).filter(
        step_overdue_alerted_at__isnull=True, step_due_at__lte=now)
    for pk in late_steps.values_list("pk", flat=True):
        if _mark(pk, "step_overdue_alerted_at", now):
            result.step_overdue.append(pk)

    for kind in ("due_soon", "overdue", "step_overdue"):
        for pk in getattr(result, kind):
            notify.deadline_alert(pk, kind)
    return result


def _mark(pk: int, column: str, now: datetime) -> bool:
    """Set the alert mark if nobody has; True for the one worker that did."""
    return Dossier.objects.filter(pk=pk, **{f"{column}__isnull": True}).update(**{column: now}) == 1
