"""The figures of the dashboard, read from the projections only (ioc/models.py), never from the
dossiers: rows per agency × procedure × channel and month for the whole months of a period,
and per day for the days around them, summed by one grouped query each."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce

from django.db.models import Q, Sum
from django.utils import timezone

from ioc.models import (
    DossierDuration,
    DossierDurationMonth,
    DossierFlow,
    DossierFlowMonth,
    DossierOpen,
    DossierOpenAgency,
)

SUMS = ("received", "resolved_early", "resolved_on_time", "resolved_late", "processing_seconds", "returned",
        "refused", "withdrawn", "apologies", "evaluations", "evaluation_points")
KINDS = {"ngay": "Hôm nay", "tuan": "7 ngày qua", "thang": "Tháng này", "quy": "Quý này", "nam": "Năm nay",
         "tuy-chon": "Tùy chọn"}
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    kind: str

    @property
    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def previous(self) -> Period:
        length = (self.end - self.start).days + 1
        return Period(self.start - timedelta(days=length), self.start - timedelta(days=1), self.kind)


def period_of(kind: str, start: date | None = None, end: date | None = None, today: date | None = None) -> Period:
    today = today or timezone.localdate()
    if kind == "tuy-chon" and start and end and start <= end and (end - start).days < MAX_DAYS:
        return Period(start, end, kind)
    if kind == "ngay":
        return Period(today, today, kind)
    if kind == "tuan":
        return Period(today - timedelta(days=6), today, kind)
    if kind == "quy":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return Period(first, today, kind)
    if kind == "nam":
        return Period(date(today.year, 1, 1), today, kind)
    return Period(today.replace(day=1), today, "thang")


def bounds(period: Period) -> tuple[datetime, datetime]:
    """The first and last moments of the period, in local time."""
    return (timezone.make_aware(datetime.combine(period.start, time.min)),
            timezone.make_aware(datetime.combine(period.end, time.max)))


def whole_months(period: Period) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """The period as the days outside whole calendar months (at most two stretches) and the
    first days of the first and last whole months in it (None when there is none)."""
    first = period.start if period.start.day == 1 else _next_month(period.start)
    after = _next_month(period.end) if (period.end + timedelta(days=1)).day == 1 else period.end.replace(day=1)
    if first >= after:
        return [(period.start, period.end)], None
    days = [(a, b) for a, b in ((period.start, first - timedelta(days=1)), (after, period.end)) if a <= b]
    return days, (first, _previous_month(after))


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _previous_month(first: date) -> date:
    return (first - timedelta(days=1)).replace(day=1)


def summed(agency_ids, period: Period, group: tuple[str, ...], sums: dict, *, channel: int | None = None,
            procedures: list[int] | None = None, linked: bool | None = None, durations: bool = False) -> list[dict]:
    """`sums` of the projection rows of the period, by `group`, for these agencies, one channel
    and some procedures (None: all): the month rows for whole months, the day rows for the rest
    (two grouped queries at most), added up here."""
    day_model, month_model = (DossierDuration, DossierDurationMonth) if durations else (DossierFlow, DossierFlowMonth)

    def narrow(rows):
        rows = rows.filter(agency_id__in=agency_ids)
        if channel:
            rows = rows.filter(channel=channel)
        if procedures is not None:
            rows = rows.filter(procedure_id__in=procedures)
        if linked is not None:
            rows = rows.filter(linked=linked)
        return rows

    return summed_rows(day_model, month_model, period, group, sums, narrow)


def summed_rows(day_model, month_model, period: Period, group: tuple[str, ...], sums: dict, narrow) -> list[dict]:
    """`sums` by `group` of a pair of projections kept by day (`day`) and by month (`month`):
    the month rows of the period's whole months and the day rows of the days around them,
    each narrowed by `narrow(queryset)`, added up here."""
    days, months = whole_months(period)
    parts = []
    if days:
        parts.append(day_model.objects.filter(reduce(operator.or_, (Q(day__gte=a, day__lte=b) for a, b in days))))
    if months:
        parts.append(month_model.objects.filter(month__gte=months[0], month__lte=months[1]))
    merged: dict[tuple, dict] = {}
    for rows in parts:
        rows = narrow(rows)
        found = [rows.aggregate(**sums)] if not group else rows.values(*group).annotate(**sums).order_by()
        for row in found:
            key = tuple(row[name] for name in group)
            into = merged.setdefault(key, {name: row[name] for name in group} | dict.fromkeys(sums, 0))
            for name in sums:
                into[name] += row[name] or 0
    return list(merged.values())


def _sums() -> dict:
    return {name: Sum(name) for name in SUMS}


def derived(row: dict) -> dict:
    """Rates and averages from the sums: on time = (early + on time) / resolved."""
    row = {name: row.get(name) or 0 for name in SUMS} | {k: v for k, v in row.items() if k not in SUMS}
    resolved = row["resolved_early"] + row["resolved_on_time"] + row["resolved_late"]
    row["resolved"] = resolved
    row["on_time"] = row["resolved_early"] + row["resolved_on_time"]
    row["on_time_rate"] = round(100 * row["on_time"] / resolved, 1) if resolved else None
    row["average_days"] = round(row["processing_seconds"] / resolved / 86400, 1) if resolved else None
    row["satisfaction"] = (round(100 * row["evaluation_points"] / (18 * row["evaluations"]), 1)
                           if row["evaluations"] else None)
    return row


def totals(agency_ids, period: Period, channel: int | None = None, procedures: list[int] | None = None) -> dict:
    return derived(summed(agency_ids, period, (), _sums(), channel=channel, procedures=procedures, linked=False)[0])


def percentiles(agency_ids, period: Period, channel: int | None = None, shares=(50, 90),
                procedures: list[int] | None = None) -> dict[int, int | None]:
    """For each share, the number of days within which that share of the dossiers resolved in
    the period had their result (started calendar days from receipt; DossierDuration.LONGEST
    means longer). Read from the distribution rows, grouped by days: at most 92 rows."""
    rows = summed(agency_ids, period, ("days",), {"n": Sum("count")}, channel=channel, procedures=procedures,
                   linked=False, durations=True)
    spread = sorted((r["days"], r["n"]) for r in rows)
    total = sum(n for _, n in spread)
    found: dict[int, int | None] = {}
    for share in shares:
        reached, needed = 0, share * total / 100
        found[share] = None
        for days, n in spread:
            reached += n
            if total and reached >= needed:
                found[share] = days
                break
    return found


def per_agency(agency_ids, period: Period, channel: int | None = None,
               procedures: list[int] | None = None) -> dict[int, dict]:
    rows = summed(agency_ids, period, ("agency_id",), _sums(), channel=channel, procedures=procedures)
    return {r["agency_id"]: derived(r) for r in rows}


def per_procedure(agency_id: int, period: Period, channel: int | None = None,
                  procedures: list[int] | None = None) -> list[dict]:
    from catalogue.models import Procedure

    rows = summed([agency_id], period, ("procedure_id",), _sums(), channel=channel, procedures=procedures)
    codes = dict(Procedure.objects.filter(pk__in=[r["procedure_id"] for r in rows]).values_list("pk", "code"))
    return sorted((derived({**r, "name": codes.get(r["procedure_id"], "")}) for r in rows),
                  key=lambda r: (-r["received"], r["name"]))


def by_channel(agency_ids, period: Period, procedures: list[int] | None = None) -> dict[int, int]:
    rows = summed(agency_ids, period, ("channel",), {"n": Sum("received")}, procedures=procedures, linked=False)
    return {r["channel"]: r["n"] for r in rows}


def trend(agency_ids, period: Period, channel: int | None = None, procedures: list[int] | None = None,
          last_days: int | None = None) -> list[dict]:
    """Received and resolved per day of the period (its `last_days` only, when given: a chart)."""
    start = max(period.start, period.end - timedelta(days=last_days - 1)) if last_days else period.start
    rows = DossierFlow.objects.filter(agency_id__in=agency_ids, day__gte=start, day__lte=period.end, linked=False)
    if channel:
        rows = rows.filter(channel=channel)
    if procedures is not None:
        rows = rows.filter(procedure_id__in=procedures)
    rows = (rows.values("day").annotate(received=Sum("received"), early=Sum("resolved_early"),
                                         on_time=Sum("resolved_on_time"), late=Sum("resolved_late")).order_by("day"))
    return [{"day": r["day"], "received": r["received"], "resolved": r["early"] + r["on_time"] + r["late"]}
            for r in rows]


def open_now(agency_ids, today: date | None = None, procedures: list[int] | None = None) -> dict[int, dict]:
    """Per agency, the open dossiers now: overdue (due before today), due today, due within two
    more days, in time, and paused (by day: a dossier due at 17:00 today is still due today)."""
    today = today or timezone.localdate()
    active = Q(paused=False)
    # Summed over procedures unless some are chosen: a few rows per agency and due day.
    if procedures is None:
        rows = DossierOpenAgency.objects.filter(agency_id__in=agency_ids)
    else:
        rows = DossierOpen.objects.filter(agency_id__in=agency_ids, procedure_id__in=procedures)
    rows = rows.values("agency_id").annotate(
        overdue=Sum("count", filter=active & Q(due_day__lt=today)),
        due_today=Sum("count", filter=active & Q(due_day=today)),
        due_soon=Sum("count", filter=active & Q(due_day__gt=today, due_day__lte=today + timedelta(days=2))),
        in_time=Sum("count", filter=active & Q(due_day__gte=today)),
        paused=Sum("count", filter=Q(paused=True)),
    )
    return {r.pop("agency_id"): {k: v or 0 for k, v in r.items()} for r in rows}


def open_total(agency_ids, today: date | None = None, procedures: list[int] | None = None) -> dict:
    found = open_now(agency_ids, today, procedures).values()
    keys = ("overdue", "due_today", "due_soon", "in_time", "paused")
    return {k: sum(row[k] for row in found) for k in keys}


def progress_766(agency_ids, period: Period, t: dict | None = None, now: dict | None = None,
                 procedures: list[int] | None = None) -> dict:
    """Decision 766, indicator 2.1 (20 points): dossiers done early or on time, plus those in
    progress within time, over the dossiers received. A forecast from our own data, shown with
    its numerator and denominator; the national portal's score is authoritative."""
    t = t or totals(agency_ids, period, procedures=procedures)  # the caller's when it has them: not counted twice
    now = now or open_total(agency_ids, procedures=procedures)
    numerator, denominator = t["on_time"] + now["in_time"], t["received"]
    ratio = numerator / denominator if denominator else None
    return {"numerator": numerator, "denominator": denominator, "max": 20,
            "score": round(20 * min(1, ratio), 2) if ratio is not None else None}


def reports_per_unit(agency_ids, period: Period, today: date | None = None) -> list[dict]:
    """The field-report figures of `reports`, one row per unit (None: still with the centre),
    busiest first: one grouped query per projection table. A report counts as received where
    it arrives, at the centre, so per unit it is what was answered and what is open that tells."""
    from ioc.models import ReportFlow, ReportOpen

    today = today or timezone.localdate()
    flows = ReportFlow.objects.filter(day__gte=period.start, day__lte=period.end)
    opens = ReportOpen.objects.all()
    if agency_ids is not None:
        flows, opens = flows.filter(agency_id__in=agency_ids), opens.filter(agency_id__in=agency_ids)
    rows: dict = {}
    for r in flows.values("agency_id").annotate(
            received=Sum("received"), on_time=Sum("answered_on_time"), late=Sum("answered_late"),
            seconds=Sum("answer_seconds"), reopened=Sum("reopened"), ratings=Sum("ratings"),
            points=Sum("rating_points")):
        rows[r.pop("agency_id")] = r
    for r in opens.values("agency_id").annotate(overdue=Sum("count", filter=Q(due_day__lt=today)),
                                                open=Sum("count")):
        rows.setdefault(r["agency_id"], {}).update(overdue=r["overdue"] or 0, open=r["open"] or 0)
    out = []
    for agency_id, r in rows.items():
        r = {k: r.get(k) or 0 for k in ("received", "on_time", "late", "seconds", "reopened", "ratings", "points",
                                         "overdue", "open")}
        out.append({**r, "agency_id": agency_id, **_answered(r)})
    if out:
        from units.models import Agency

        names = dict(Agency.objects.filter(pk__in=[r["agency_id"] for r in out if r["agency_id"]])
                     .values_list("pk", "name"))
        for r in out:
            r["name"] = names.get(r["agency_id"], "") if r["agency_id"] else "Chờ Trung tâm phân loại, chuyển xử lý"
    return sorted(out, key=lambda r: (-(r["answered"] + r["open"]), r["name"]))


def reports(agency_ids, period: Period, today: date | None = None) -> dict:
    """Field reports in the period for these units and those still with the centre (when the
    whole province is shown): received, answered on time, reopened, rating; open now."""
    from ioc.models import ReportFlow, ReportOpen

    today = today or timezone.localdate()
    flows = ReportFlow.objects.filter(day__gte=period.start, day__lte=period.end)
    opens = ReportOpen.objects.all()
    if agency_ids is not None:
        flows, opens = flows.filter(agency_id__in=agency_ids), opens.filter(agency_id__in=agency_ids)
    t = flows.aggregate(received=Sum("received"), on_time=Sum("answered_on_time"), late=Sum("answered_late"),
                        seconds=Sum("answer_seconds"), reopened=Sum("reopened"), ratings=Sum("ratings"),
                        points=Sum("rating_points"))
    t = {k: v or 0 for k, v in t.items()}
    o = opens.aggregate(overdue=Sum("count", filter=Q(due_day__lt=today)), open=Sum("count"))
    return {**t, **_answered(t), "overdue": o["overdue"] or 0, "open": o["open"] or 0}


def _answered(r: dict) -> dict:
    """Rates and averages of field-report sums: answered on time, answer time, rating (1–5)."""
    answered = r["on_time"] + r["late"]
    return {"answered": answered,
            "on_time_rate": round(100 * r["on_time"] / answered, 1) if answered else None,
            "average_hours": round(r["seconds"] / answered / 3600, 1) if answered else None,
            "rating": round(r["points"] / r["ratings"], 2) if r["ratings"] else None}
