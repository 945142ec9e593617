"""The dashboard's lists of things to act on: dossiers overdue or due soon, and the exceptions
(dossiers that needed an apology, field reports past three times their deadline, reports
reopened by their reporter). Lists of items read the rows themselves through their indexes,
a page at a time; figures come from the projections (ioc/figures.py).

Each list is a queryset function of the dashboard's Filters, so the page shows the first
rows and the Excel export (ioc/tables.py) writes them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from django.utils import timezone

from dossiers.models import Dossier
from dossiers.states import OPEN
from fieldreports.models import Report

SHOWN = 10
# A report's deadline is working or calendar hours by category (docs/fieldreports.md); "three
# times its deadline" compares the time since its clock started with three times its span.
FAR_OVERDUE_FACTOR = 3
DOSSIER_COLUMNS = ("code", "due_at", "state", "received_at", "apologized_at", "procedure_version__name",
                   "receiving_agency__name")


def _dossiers(f):
    rows = Dossier.objects.filter(procedure_version__competent_agency_id__in=f.ids)
    if f.procedures is not None:
        rows = rows.filter(procedure_version__procedure_id__in=f.procedures)
    return rows.select_related("procedure_version", "receiving_agency").only(*DOSSIER_COLUMNS)


def _end_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def overdue_dossiers(f, now: datetime | None = None):
    """Open and not paused, past their due time: the most overdue first."""
    return _dossiers(f).filter(state__in=OPEN, due_at__lt=now or timezone.now()).order_by("due_at", "pk")


def due_soon_dossiers(f, now: datetime | None = None):
    """Open, not paused, due from now to the end of the second day after today (the cards'
    "due today" and "within two days")."""
    now = now or timezone.now()
    until = _end_of(timezone.localdate(now) + timedelta(days=2))
    return _dossiers(f).filter(state__in=OPEN, due_at__gte=now, due_at__lte=until).order_by("due_at", "pk")


def apology_dossiers(f):
    """Dossiers whose agency apologised in the period and set a new date: a result that will be
    late (Decree 61/2018/NĐ-CP, form 04 of Circular 01/2018/TT-VPCP; docs/domain/one-stop.md §9)."""
    start = timezone.make_aware(datetime.combine(f.period.start, time.min))
    return (_dossiers(f).filter(apologized_at__gte=start, apologized_at__lte=_end_of(f.period.end))
            .order_by("-apologized_at", "-pk"))


def _reports(units: list[int] | None):
    rows = Report.objects.filter(status__in=Report.OPEN_STATUSES)
    if units is not None:
        rows = rows.filter(agency_id__in=units)
    return rows.select_related("category", "agency").only(
        "created_at", "clock_started_at", "due_at", "status", "reopen_count", "address", "category__name",
        "agency__name")


def far_overdue_reports(units: list[int] | None, now: datetime | None = None) -> Iterator[Report]:
    """Open reports whose time since their clock started is more than three times the span
    they were given, the most overdue first. The test runs here, not in SQL: SQLite cannot
    multiply a duration; the candidates (open and overdue) are few and read by index."""
    now = now or timezone.now()
    for report in _reports(units).filter(due_at__lt=now).order_by("due_at", "pk").iterator(chunk_size=500):
        if now - report.clock_started_at > FAR_OVERDUE_FACTOR * (report.due_at - report.clock_started_at):
            yield report


def reopened_reports(units: list[int] | None):
    """Open reports that their reporter reopened: the answer did not settle the problem."""
    return _reports(units).filter(reopen_count__gt=0).order_by("due_at", "pk")


def due(f) -> dict:
    return {"overdue": list(overdue_dossiers(f)[:SHOWN]), "due_soon": list(due_soon_dossiers(f)[:SHOWN])}


def exceptions(f) -> dict:
    far = []
    for report in far_overdue_reports(f.units):
        far.append(report)
        if len(far) == SHOWN:
            break
    return {"apologies": list(apology_dossiers(f)[:SHOWN]), "far_overdue_reports": far,
            "reopened_reports": list(reopened_reports(f.units)[:SHOWN])}
