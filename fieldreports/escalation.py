"""The escalation sweep (DIGIT PGR's scheduled job, docs/domain/field-reports.md §6).

Level 1 when a report passes its deadline: the unit's leaders are told. Level 2 when it is
still open FIELDREPORTS_ESCALATION_LEVEL2_HOURS after level 1 was raised (`escalated_at`),
not after the deadline: a report found long overdue gets its level 1 first, and the unit's
leaders their time to act, before the operations centre is told.
Idempotent and safe on several workers: each level is raised through the engine, under the
report's row lock, and checked again there (fieldreports.actions.escalate). The worker runs it
every SWEEP_INTERVAL_SECONDS (fieldreports/tasks.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from fieldreports.actions import escalate
from fieldreports.models import Report


@dataclass
class SweepCounts:
    level1: int = 0
    level2: int = 0


def sweep(now: datetime | None = None, batch: int = 1000) -> SweepCounts:
    now = now or timezone.now()
    counts = SweepCounts()
    open_ = Report.objects.filter(status__in=Report.OPEN_STATUSES)
    # Deadlines are stored, so "overdue" is an indexed range query (docs/fieldreports.md).
    for pk in open_.filter(escalation_level=0, due_at__lt=now).values_list("pk", flat=True)[:batch]:
        counts.level1 += escalate(pk, 0, 1, now=now)
    level2_before = now - timedelta(hours=settings.FIELDREPORTS_ESCALATION_LEVEL2_HOURS)
    for pk in open_.filter(escalation_level=1, escalated_at__lte=level2_before).values_list("pk", flat=True)[:batch]:
        counts.level2 += escalate(pk, 1, 2, now=now)
    return counts
