from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema

from motcua.api import ApiError
from workdays.due import DueInputError, compute_due, parse_positive_int

router = Router(tags=["Lịch làm việc"])


class DueQuery(Schema):
    received_at: str
    days: int | None = None
    hours: int | None = None
    same_day: bool = False
    agency: str | None = None


class DueOut(Schema):
    received_at: datetime
    deemed_received_at: datetime
    due_at: datetime


class ErrorOut(Schema):
    code: str
    message: str
    errors: list[dict]


@router.get("/due", response={200: DueOut, 422: ErrorOut}, summary="Tính hạn giải quyết")
def due(request: HttpRequest, query: Query[DueQuery]):
    """Hạn giải quyết theo lịch làm việc: `days` ngày làm việc, `hours` giờ làm việc hoặc `same_day`
    (trong ngày), tính từ `received_at` (ISO 8601 có múi giờ), theo giờ làm việc của cơ quan `agency`."""
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
