from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.api import IN_2000_TO_2100, NO_CONTROLS, ApiError, errors
from workdays.due import YEARS, DueInputError, compute_due, parse_positive_int

router = Router(tags=["calendar"])

# A statutory time limit is counted in weeks or months, never decades; the bounds keep the
# working-day walk short and the answer inside the years a calendar can hold.
MAX_DAYS = 1_000
MAX_HOURS = 8 * MAX_DAYS


class DueQuery(Schema):
    # A string, not a datetime: a "+" left unencoded in the offset arrives as a space, and the
    # parser (workdays/due.py) takes it back; a time without a zone is refused.
    received_at: str = Field(..., min_length=1, max_length=64,
                             json_schema_extra={"format": "date-time", "pattern": IN_2000_TO_2100},
                             description=f"Thời điểm tiếp nhận, ISO 8601 có múi giờ, trong các năm {YEARS[0]}–"
                                         f"{YEARS[1]}, ví dụ 2025-01-24T10:00:00+07:00",
                             examples=["2025-01-24T10:00:00+07:00"])
    days: int | None = Field(None, ge=1, le=MAX_DAYS, description="Số ngày làm việc")
    hours: int | None = Field(None, ge=1, le=MAX_HOURS, description="Số giờ làm việc")
    same_day: bool = Field(False, description="Giải quyết trong ngày")
    agency: str | None = Field(None, max_length=100, pattern=NO_CONTROLS,
                               description="Mã cơ quan (giờ làm việc, giờ chốt nhận trong ngày của cơ quan)")


class DueOut(Schema):
    received_at: datetime
    deemed_received_at: datetime
    due_at: datetime


@router.get("/due", response={200: DueOut, **errors(422)}, summary="Tính hạn giải quyết")
def due(request: HttpRequest, query: Query[DueQuery]):
    """Hạn giải quyết theo lịch làm việc: `days` ngày làm việc, `hours` giờ làm việc hoặc `same_day`
    (trong ngày), tính từ `received_at` (ISO 8601 có múi giờ), theo giờ làm việc của cơ quan `agency`.
    Chọn đúng một trong `days`, `hours`, `same_day=true`; không chọn hoặc chọn nhiều hơn một: 422 (trường
    `duration`). Mã cơ quan không có: 422 (trường `agency`)."""
    try:
        answer = compute_due(
            query.received_at,
            days=parse_positive_int("days", query.days),
            hours=parse_positive_int("hours", query.hours),
            same_day=query.same_day,
            agency_code=query.agency,
        )
    except DueInputError as exc:
        raise ApiError(422, "invalid_input", exc.message, [{"field": exc.field, "message": exc.message}]) from None
    return {
        "received_at": answer.received_at.isoformat(),
        "deemed_received_at": answer.deemed_received_at.isoformat(),
        "due_at": answer.due_at.isoformat(),
    }
