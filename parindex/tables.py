"""The PAR INDEX ranking as an Excel table of the operations centre (ioc/tables.py): the
published round of the period's last year, only the agencies in the filters."""

from __future__ import annotations

from parindex import results
from parindex.models import Round, RoundState


def _round(f) -> Round | None:
    return Round.objects.filter(year=f.period.end.year, state=RoundState.PUBLISHED).first()


def columns(f) -> tuple[str, ...]:
    r = _round(f)
    areas = r.criteria_set.criteria.filter(level=1).order_by("order") if r else []
    return ("Hạng", "Cơ quan", "Điểm thẩm định", "Điểm tự đánh giá", "Tỷ lệ (%)",
            *(f"Điểm mất: {a.code}. {a.name}" for a in areas))


def ranking(f):
    r = _round(f)
    ids = set(f.ids)
    rows = [row for row in results.ranking(r) if row["agency"].pk in ids] if r else []
    return len(rows), ([row["rank"], row["agency"].name, float(row["points"]), float(row["self"]), row["percent"],
                        *(float(g["gap"]) for g in row["areas"])] for row in rows)
