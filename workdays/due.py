"""One validated "when is this due?" question, shared by the `due` command and the API."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from workdays.calendar import CalendarError
from workdays.services import calendar_for


class DueInputError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class DueAnswer:
    received_at: datetime
    deemed_received_at: datetime
    due_at: datetime


# The years a receipt can be in: no dossier is received outside them, and before 1901 the
# province's clock was local mean time (+07:06:30), an offset ISO 8601 clients cannot read.
YEARS = (2000, 2100)

# In a URL query a literal "+" decodes to a space: "2025-01-24T10:00:00 07:00".
_SPACE_OFFSET = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


def parse_received_at(text: str) -> datetime:
    text = (text or "").strip()
    if not text:
        raise DueInputError("received_at", "Vui lòng nhập thời điểm tiếp nhận (received_at).")
    text = _SPACE_OFFSET.sub(r"\1+\2", text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise DueInputError(
            "received_at", f"Thời điểm '{text}' không đúng định dạng ISO 8601, ví dụ 2025-01-24T10:00:00+07:00."
        ) from None
    if moment.tzinfo is None:
        raise DueInputError("received_at", "Thời điểm tiếp nhận phải có múi giờ, ví dụ 2025-01-24T10:00:00+07:00.")
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise DueInputError("received_at", f"Thời điểm tiếp nhận phải trong các năm {YEARS[0]}–{YEARS[1]}.")
    return moment


def parse_positive_int(field: str, text: str | int | None) -> int | None:
    if text is None or text == "":
        return None
    if isinstance(text, int):
        value = text
    else:
        stripped = text.strip()
        if not re.fullmatch(r"[+-]?\d+", stripped):
            raise DueInputError(field, f"'{text}' không phải số nguyên.")
        value = int(stripped)
    if value < 1:
        raise DueInputError(field, "Thời hạn phải là số nguyên dương.")
    return value


def compute_due(
    received_at: str, *, days: int | None = None, hours: int | None = None, same_day: bool = False,
    agency_code: str | None = None,
) -> DueAnswer:
    moment = parse_received_at(received_at)
    chosen = [name for name, given in (("days", days is not None), ("hours", hours is not None),
                                       ("same_day", same_day)) if given]
    if len(chosen) != 1:
        raise DueInputError(
            "duration",
            "Chọn đúng một loại thời hạn: số ngày làm việc (days), số giờ làm việc (hours) "
            "hoặc giải quyết trong ngày (same_day)." if chosen else
            "Thiếu thời hạn: nhập số ngày làm việc (days), số giờ làm việc (hours) hoặc same_day.",
        )
    agency = None
    if agency_code:
        from units.models import Agency

        agency = Agency.objects.filter(code=agency_code.strip()).first()
        if agency is None:
            raise DueInputError("agency", f"Không tìm thấy cơ quan có mã '{agency_code}'.")
    try:
        calendar = calendar_for(agency)
        if days is not None:
            due_at = calendar.due_in_days(moment, days)
        elif hours is not None:
            due_at = calendar.due_in_hours(moment, hours)
        else:
            due_at = calendar.due_same_day(moment)
        deemed = calendar.deemed_receipt(moment)
    except CalendarError as exc:
        raise DueInputError("calendar", str(exc)) from None
    return DueAnswer(received_at=moment, deemed_received_at=deemed, due_at=due_at)
