"""Working-time arithmetic for deadlines (pure: no database, no settings).

Rules (docs/domain/one-stop.md §4; Civil Code 2015 Arts. 147–148 for periods in days):
- A receipt outside working hours is deemed to happen at the start of the next working
  period (lunch break -> afternoon start; evening or day off -> next working morning).
- N working days: the day of the (deemed) receipt is not counted; the period ends at the
  close of the N-th working day after it.
- Same day: a deemed receipt before the cut-off ends at the close of that day, otherwise at
  the close of the next working day.
- H working hours: H hours counted only inside working periods.
- A completion is early on an earlier date than the due date, on time on the due date and
  not after the due time, late otherwise.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import gettext_noop  # marks what the public pages show in English

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_PERIODS_TEXT = "07:30-11:30,13:00-17:00"
DEFAULT_SAME_DAY_CUTOFF = time(15, 0)
# No real calendar has a year without working days; a bound turns a misconfiguration
# (every day overridden as a day off) into an error instead of an endless loop.
_MAX_DAYS_SCANNED = 3 * 366


class CalendarError(ValueError):
    """Bad calendar input; the message is Vietnamese and safe to show to users."""


class Timeliness(enum.StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self) -> str:
        # Marked for translation; the public lookup shows them through gettext.
        labels = {"early": gettext_noop("Trước hạn"), "on_time": gettext_noop("Đúng hạn"),
                  "late": gettext_noop("Quá hạn")}
        return labels[self.value]


@dataclass(frozen=True, order=True)
class WorkPeriod:
    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def parse_periods(text: str) -> tuple[WorkPeriod, ...]:
    """Parse "07:30-11:30,13:00-17:00" into ordered, non-overlapping periods."""
    periods = []
    for chunk in (text or "").split(","):
        chunk = chunk.strip()
        if not chunk:
            continue
        try:
            start_text, end_text = (part.strip() for part in chunk.split("-"))
            start, end = time.fromisoformat(start_text), time.fromisoformat(end_text)
        except ValueError:
            raise CalendarError(f"Khoảng giờ '{chunk}' không đúng dạng HH:MM-HH:MM.") from None
        if start >= end:
            raise CalendarError(f"Khoảng giờ '{chunk}': giờ bắt đầu phải trước giờ kết thúc.")
        periods.append(WorkPeriod(start, end))
    if not periods:
        raise CalendarError("Cần ít nhất một khoảng giờ làm việc, ví dụ 07:30-11:30,13:00-17:00.")
    periods.sort()
    for before, after in zip(periods, periods[1:], strict=False):
        if after.start < before.end:
            raise CalendarError(f"Các khoảng giờ {before} và {after} chồng lên nhau.")
    return tuple(periods)


@lru_cache(maxsize=64)
def package_days(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """Vietnam's public holidays and the weekend days worked in exchange, from `holidays`."""
    calendar = holidays.country_holidays("VN", years=year)
    days_off = frozenset(calendar.keys())
    worked = frozenset(day for day in getattr(calendar, "weekend_workdays", ()) if day.year == year)
    return days_off, worked


def package_holiday_names(year: int) -> list[tuple[date, str]]:
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    return sorted(calendar.items())


class DayRules:
    """Which dates are working days: the package's calendar, with overrides winning."""

    def __init__(self, overrides: Mapping[date, bool] | None = None):
        self.overrides = dict(overrides or {})

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        days_off, worked = package_days(day.year)
        if day in days_off:
            return False
        if day in worked:
            return True
        return day.weekday() < 5


class WorkingCalendar:
    def __init__(
        self,
        is_working_day: Callable[[date], bool] | None = None,
        periods: tuple[WorkPeriod, ...] | None = None,
        same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
        tz: ZoneInfo = VIETNAM,
    ):
        self.is_working_day = is_working_day or DayRules().is_working_day
        self.periods = periods or parse_periods(DEFAULT_PERIODS_TEXT)
        self.same_day_cutoff = same_day_cutoff
        self.tz = tz

    # --- days ---------------------------------------------------------------------
    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        for _ in range(_MAX_DAYS_SCANNED):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise CalendarError("Không tìm thấy ngày làm việc nào trong lịch; kiểm tra lại cấu hình ngày nghỉ.")

    def _at(self, day: date, moment: time) -> datetime:
        return datetime.combine(day, moment, tzinfo=self.tz)

    def day_length(self) -> timedelta:
        """Working time in one working day (8 hours with the default periods)."""
        return sum((datetime.combine(date.min, p.end) - datetime.combine(date.min, p.start) for p in self.periods),
                   timedelta(0))

    def close_of(self, day: date) -> datetime:
        return self._at(day, self.periods[-1].end)

    def is_working_time(self, moment: datetime) -> bool:
        """Inside a working period of a working day, both ends included."""
        local = self._local(moment)
        return self.is_working_day(local.date()) and any(
            p.start <= local.timetz().replace(tzinfo=None) <= p.end for p in self.periods
        )

    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise CalendarError("Thời điểm phải có múi giờ, ví dụ 2025-01-24T10:00:00+07:00.")
        return moment.astimezone(self.tz)

    # --- rules --------------------------------------------------------------------
    def deemed_receipt(self, received_at: datetime) -> datetime:
        local = self._local(received_at)
        day, moment = local.date(), local.time()
        if self.is_working_day(day):
            for period in self.periods:
                if moment < period.start:
                    return self._at(day, period.start)
                if moment < period.end:
                    return local
        return self._at(self.next_working_day(day), self.periods[0].start)

    def due_in_days(self, received_at: datetime, days: int) -> datetime:
        _require_positive(days, "Số ngày làm việc")
        day = self.deemed_receipt(received_at).date()
        for _ in range(days):
            day = self.next_working_day(day)
        return self.close_of(day)

    def due_same_day(self, received_at: datetime) -> datetime:
        deemed = self.deemed_receipt(received_at)
        if deemed.time() < self.same_day_cutoff:
            return self.close_of(deemed.date())
        return self.close_of(self.next_working_day(deemed.date()))

    def due_in_hours(self, received_at: datetime, hours: int) -> datetime:
        _require_positive(hours, "Số giờ làm việc")
        return self.add_working_time(received_at, timedelta(hours=hours))

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The moment `duration` of working time after `start` (itself deemed first)."""
        if duration < timedelta(0):
            raise CalendarError("Khoảng thời gian làm việc không được âm.")
        remaining = duration
        cursor = self.deemed_receipt(start)
        while True:
            day, moment = cursor.date(), cursor.time()
            for period in self.periods:
                if moment >= period.end:
                    continue
                begin = self._at(day, max(moment, period.start))
                available = self._at(day, period.end) - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            cursor = self._at(self.next_working_day(day), self.periods[0].start)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time inside [start, end): what a paused clock gives back (docs/domain/one-stop.md §6)."""
        start, end = self._local(start), self._local(end)
        total = timedelta(0)
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                for period in self.periods:
                    begin = max(start, self._at(day, period.start))
                    finish = min(end, self._at(day, period.end))
                    if finish > begin:
                        total += finish - begin
            day += timedelta(days=1)
        return total

    def classify(self, completed_at: datetime, due_at: datetime) -> Timeliness:
        completed, due = self._local(completed_at), self._local(due_at)
        if completed.date() < due.date():
            return Timeliness.EARLY
        if completed.date() == due.date() and completed <= due:
            return Timeliness.ON_TIME
        return Timeliness.LATE


def _require_positive(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CalendarError(f"{what} phải là số nguyên.")
    if value < 1:
        raise CalendarError(f"{what} phải là số nguyên dương.")
