"""The scoring figures of a period, read from the roll-up rows only (scoring/models.py): the
month rows for whole months, the day rows for the days around them (as ioc/figures.py does),
summed by agency or by officer; averages out of 18, the band, and each criterion's average,
lowest first, which is what lowered a score."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Sum

from dossiers.evaluation import BANDS, CRITERIA, MAX_TOTAL, band, band_code
from ioc.figures import Period, summed_rows
from scoring.models import COUNTS, ScoreDay, ScoreMonth


def summed(agency_ids, period: Period, group: tuple[str, ...]) -> list[dict]:
    return summed_rows(ScoreDay, ScoreMonth, period, group, {name: Sum(name) for name in COUNTS},
                       lambda rows: rows.filter(agency_id__in=agency_ids))


def derived(row: dict) -> dict:
    """The average out of 18 and its band, each criterion's average (0–2) and the band shares."""
    row = {name: row.get(name) or 0 for name in COUNTS} | {k: v for k, v in row.items() if k not in COUNTS}
    n = row["evaluations"]
    row["average"] = round(row["points"] / n, 2) if n else None
    row["band"] = band(row["points"] / n) if n else ""
    row["band_code"] = band_code(row["points"] / n) if n else ""
    row["percent"] = round(100 * row["points"] / (MAX_TOTAL * n), 1) if n else None
    row["criteria"] = [{"code": code, "label": label, "average": round(row[f"c_{code}"] / n, 2) if n else None}
                       for code, label in CRITERIA]
    scored = [c for c in row["criteria"] if c["average"] is not None]
    row["weakest"] = sorted(scored, key=lambda c: (c["average"], c["code"]))[:3] if scored else []
    row["bands"] = [{"code": code, "label": label, "n": row[f"b_{code}"]} for code, label in BANDS]
    return row


def totals(agency_ids, period: Period) -> dict:
    return derived(summed(agency_ids, period, ())[0])


def per_agency(agencies, period: Period) -> list[dict]:
    """One row per agency with evaluations in the period, lowest average first."""
    found = {r["agency_id"]: r for r in summed([a.pk for a in agencies], period, ("agency_id",))}
    rows = [derived({**found[a.pk], "agency": a}) for a in agencies if a.pk in found]
    return sorted((r for r in rows if r["evaluations"]), key=lambda r: (r["average"], r["agency"].name))


def per_officer(agency_id: int, period: Period) -> list[dict]:
    from accounts.models import User

    rows = [derived(r) for r in summed([agency_id], period, ("officer_id",)) if r["evaluations"]]
    names = {u.pk: u.full_name or u.username for u in User.objects.filter(pk__in=[r["officer_id"] for r in rows])}
    for r in rows:
        r["name"] = names.get(r["officer_id"], "Không xác định cán bộ tiếp nhận")
    return sorted(rows, key=lambda r: (r["average"], r["name"]))


def monthly(agency_ids, last: date, months: int = 12) -> list[dict]:
    """The average of each of the `months` months up to `last`'s (the trend), oldest first."""
    first = last.replace(day=1)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    rows = (ScoreMonth.objects.filter(agency_id__in=agency_ids, month__gte=first, month__lte=last)
            .values("month").annotate(n=Sum("evaluations"), points=Sum("points")).order_by("month"))
    return [{"month": r["month"], "evaluations": r["n"], "average": round(r["points"] / r["n"], 2)}
            for r in rows if r["n"]]

