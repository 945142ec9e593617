"""Read-side helpers for field reports: deadlines, possible duplicates, visibility."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from fieldreports.geo import bbox_around, haversine_m, valid_point
from fieldreports.models import Category, Report


def clock_start(created_at: datetime, is_urgent: bool) -> datetime:
    """When the handling clock starts.

    Reports are accepted 24/7, but between 00:00 and 07:30 only urgent ones are handled
    (QĐ 30/2022/QĐ-UBND of Huế, docs/domain/field-reports.md §5): a non-urgent report sent in the night
    starts its clock at 07:30 the same morning.
    """
    if is_urgent:
        return created_at
    local = timezone.localtime(created_at)
    night_end = settings.FIELDREPORTS_NIGHT_END
    if local.time() < night_end:
        return local.replace(hour=night_end.hour, minute=night_end.minute, second=0, microsecond=0)
    return created_at


def due_at_for(category: Category, started_at: datetime, is_urgent: bool, agency=None) -> datetime:
    """The absolute deadline, computed once when the clock starts (docs/fieldreports.md)."""
    if is_urgent and category.may_be_urgent:
        # Urgent reports are handled at once, nights included: calendar hours.
        return started_at + timedelta(hours=category.urgent_deadline_hours)
    if category.deadline_kind == Category.DeadlineKind.WORKING:
        from workdays.services import calendar_for

        return calendar_for(agency).due_in_hours(timezone.localtime(started_at), max(category.deadline_hours, 1))
    return started_at + timedelta(hours=category.deadline_hours)


def nearby_open_reports(category, lat: float, lon: float, *, radius_m: float | None = None, limit: int = 5,
                        exclude_id: int | None = None) -> list[tuple[Report, float]]:
    """Open public reports of the same category within `radius_m`, nearest first.

    FixMyStreet shows up to 5 open reports of the category within 250 m while reporting
    (docs/domain/field-reports.md §2). A bounding box in SQL keeps it cheap on any database (no
    PostGIS); the exact great-circle distance then decides.
    """
    if not valid_point(lat, lon):
        return []
    radius = float(radius_m if radius_m is not None else settings.FIELDREPORTS_DUPLICATE_RADIUS_M)
    min_lat, max_lat, min_lon, max_lon = bbox_around(lat, lon, radius)
    qs = Report.objects.filter(
        category=category, status__in=Report.OPEN_STATUSES, is_hidden=False,
        lat__gte=min_lat, lat__lte=max_lat, long__gte=min_lon, long__lte=max_lon,
    ).select_related("category")
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    found = []
    for report in qs[:500]:
        distance = haversine_m(lat, lon, report.lat, report.long)
        if distance <= radius:
            found.append((report, distance))
    found.sort(key=lambda pair: (pair[1], pair[0].pk))
    return found[:limit]


def public_reports():
    return Report.objects.filter(is_hidden=False)


def reports_visible_to(user):
    """Public reports, plus the hidden ones `user` may still read: their own (the reporter
    must be able to read the answer, rate or reopen), and any to the staff of the IOC or of
    the responsible unit."""
    from fieldreports.permissions import handling_agency_ids, is_operator

    if not getattr(user, "is_authenticated", False):
        return public_reports()
    if is_operator(user):
        return Report.objects.all()
    return Report.objects.filter(
        Q(is_hidden=False) | Q(reporter=user) | Q(agency_id__in=handling_agency_ids(user))
    )


def is_reporter(user, report: Report) -> bool:
    return report.reporter_id is not None and getattr(user, "pk", None) == report.reporter_id


def reopen_deadline(report: Report) -> datetime | None:
    if report.resolved_at is None:
        return None
    # DIGIT PGR: the reporter may reopen within 10 days of the answer (docs/domain/field-reports.md §7).
    return report.resolved_at + timedelta(days=settings.FIELDREPORTS_REOPEN_DAYS)


def within_reopen_window(report: Report, now: datetime | None = None) -> bool:
    deadline = reopen_deadline(report)
    return deadline is not None and (now or timezone.now()) <= deadline


def may_rate(user, report: Report) -> bool:
    """The reporter, on their answered (resolved or rejected) report."""
    return is_reporter(user, report) and report.status in Report.ANSWERED_STATUSES


def may_reopen(user, report: Report, now: datetime | None = None) -> bool:
    return may_rate(user, report) and within_reopen_window(report, now)


def period_filter(period: str) -> Q:
    days = {"7": 7, "30": 30, "90": 90, "365": 365}.get(period)
    if not days:
        return Q()
    return Q(created_at__gte=timezone.now() - timedelta(days=days))


def answers_of(report) -> list[tuple[str, str]]:
    """The answers to the category's extra questions as a person reads them: the question's
    text and the chosen option's name, not their codes."""
    answers = report.attributes or {}
    if not answers:
        return []
    rows = []
    questions = {q.code: q for q in report.category.questions.all()}
    for code, value in answers.items():
        question = questions.get(code)
        if question is None:
            rows.append((code, _plain(value)))
            continue
        names = {str(v.get("key")): v.get("name", v.get("key")) for v in question.values or []}
        values = value if isinstance(value, list) else [value]
        rows.append((question.question, ", ".join(names.get(str(v), _plain(v)) for v in values)))
    return rows


def _plain(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def history_of(report) -> list[dict]:
    """The report's events for staff, with the actions and states named in Vietnamese."""
    from fieldreports.machine import REPORT

    actions = {t.action: t.label for t in REPORT.transitions}
    statuses = dict(report.Status.choices)
    return [{
        "at": e.created_at, "action": actions.get(e.action, e.action),
        "from": statuses.get(e.from_status, "") if e.from_status else "",
        "to": statuses.get(e.to_status, e.to_status), "agency": e.to_agency,
        "actor": e.actor if e.actor and e.actor.kind == "staff" else None,
        "reason": e.reason if e.action != "submit" else "",
    } for e in report.events.select_related("actor", "from_agency", "to_agency")]
