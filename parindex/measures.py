"""What the platform measures of an agency for a PAR INDEX criterion, so the agency does not
declare it (and the council can see the count): each measure gives a numerator and a
denominator for the agency over the round's year, read from the operations centre's
projections (the Decision 766 measures, ioc/index766.py) and from the citizens' scores
(scoring/). A criterion names its measure in the imported workbook (parindex/excel.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from ioc import index766
from ioc.figures import Period


def _citizen_score(ids, period):
    from scoring import figures

    t = figures.totals(ids, period)
    return t["points"], 18 * t["evaluations"]


@dataclass(frozen=True)
class Measure:
    label: str
    compute: object  # (agency ids, Period) → (numerator, denominator)


MEASURES: dict[str, Measure] = {
    "progress_on_time": Measure("Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn (Bộ chỉ số 766, chỉ số 2.1)",
                                index766.MEASURES["progress_on_time"]),
    "procedures_online": Measure("Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến",
                                 index766.MEASURES["procedures_online"]),
    "dossiers_online": Measure("Tỷ lệ hồ sơ nộp trực tuyến", index766.MEASURES["dossiers_online"]),
    "digitized_components": Measure("Tỷ lệ hồ sơ được số hóa thành phần", index766.MEASURES["digitized_components"]),
    "reused_data": Measure("Tỷ lệ hồ sơ tái sử dụng dữ liệu số hóa", index766.MEASURES["reused_data"]),
    "dossiers_paid_online": Measure("Tỷ lệ hồ sơ thanh toán trực tuyến", index766.MEASURES["dossiers_paid_online"]),
    "citizen_score": Measure("Điểm đánh giá của người dân (Thông tư 01/2018/TT-VPCP) trên điểm tối đa",
                             _citizen_score),
}
CHOICES = tuple((code, m.label) for code, m in MEASURES.items())


def year_period(year: int, today: date | None = None) -> Period:
    """The round's year, up to today while it runs."""
    today = today or timezone.localdate()
    return Period(date(year, 1, 1), min(date(year, 12, 31), max(today, date(year, 1, 1))), "tuy-chon")


def take(code: str, agency_id: int, year: int) -> dict | None:
    """The measure for one agency, or None when it cannot be taken (nothing counted, or data this
    installation does not collect): the agency then scores the criterion itself."""
    measure = MEASURES.get(code)
    if measure is None:
        return None
    period = year_period(year)
    try:
        numerator, denominator = measure.compute([agency_id], period)
    except index766.Unavailable:
        return None
    if not denominator:
        return None
    return {"numerator": numerator, "denominator": denominator, "ratio": numerator / denominator,
            "from": period.start.isoformat(), "to": period.end.isoformat()}


def points(found: dict | None, max_points: Decimal, target_percent: Decimal | None) -> Decimal | None:
    """Full points at the target (or at 100 % without one), in proportion below it."""
    if found is None:
        return None
    ratio = Decimal(str(found["ratio"]))
    if target_percent:
        ratio = ratio * 100 / target_percent
    return (max_points * min(Decimal(1), ratio)).quantize(Decimal("0.01"), ROUND_HALF_UP)
