"""The deadline rules on real Vietnamese holiday dates (docs/domain/one-stop.md §4).

Pure tests of workdays.calendar: no database. Dates are local Huế time (UTC+7).
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from workdays.calendar import (
    CalendarError,
    DayRules,
    Timeliness,
    WorkingCalendar,
    package_days,
    parse_periods,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=VN)


@pytest.fixture
def cal():
    return WorkingCalendar()


class TestNationalCalendar:
    def test_tet_2024_days_are_off(self):
        days_off, _ = package_days(2024)
        assert {date(2024, 2, d) for d in range(8, 15)} <= days_off

    def test_swapped_saturday_2025_is_worked(self):
        _, worked = package_days(2025)
        assert date(2025, 4, 26) in worked
        assert DayRules().is_working_day(date(2025, 4, 26))

    def test_weekend_is_off_and_weekday_is_on(self):
        rules = DayRules()
        assert not rules.is_working_day(date(2025, 3, 8))  # Saturday
        assert not rules.is_working_day(date(2025, 3, 9))  # Sunday
        assert rules.is_working_day(date(2025, 3, 10))


class TestDeemedReceipt:
    def test_inside_working_hours_is_unchanged(self, cal):
        assert cal.deemed_receipt(at(2025, 3, 10, 9, 15)) == at(2025, 3, 10, 9, 15)

    def test_before_opening_moves_to_opening(self, cal):
        assert cal.deemed_receipt(at(2025, 3, 10, 6, 0)) == at(2025, 3, 10, 7, 30)

    def test_lunch_break_moves_to_afternoon(self, cal):
        assert cal.deemed_receipt(at(2025, 3, 10, 12, 0)) == at(2025, 3, 10, 13, 0)
        assert cal.deemed_receipt(at(2025, 3, 10, 11, 30)) == at(2025, 3, 10, 13, 0)

    def test_evening_moves_to_next_working_morning(self, cal):
        assert cal.deemed_receipt(at(2025, 3, 7, 18, 0)) == at(2025, 3, 10, 7, 30)  # Friday -> Monday
        assert cal.deemed_receipt(at(2025, 3, 10, 17, 0)) == at(2025, 3, 11, 7, 30)

    def test_day_off_moves_past_the_holiday(self, cal):
        assert cal.deemed_receipt(at(2025, 1, 29, 9, 0)) == at(2025, 2, 3, 7, 30)  # Tết 2025

    def test_other_time_zones_are_converted(self, cal):
        utc = datetime(2025, 3, 10, 2, 0, tzinfo=ZoneInfo("UTC"))  # 09:00 in Huế
        assert cal.deemed_receipt(utc) == at(2025, 3, 10, 9, 0)

    def test_naive_time_is_refused(self, cal):
        with pytest.raises(CalendarError, match="múi giờ"):
            cal.deemed_receipt(datetime(2025, 3, 10, 9, 0))


class TestWorkingDays:
    def test_the_issue_example_over_tet_2025(self, cal):
        assert cal.due_in_days(at(2025, 1, 24, 10), 5) == at(2025, 2, 7, 17)

    def test_tet_2024(self, cal):
        # Wednesday 7/2/2024; 8–14/2 are Tết; days counted from Thursday 15/2.
        assert cal.due_in_days(at(2024, 2, 7), 3) == at(2024, 2, 19, 17)

    def test_tet_2026(self, cal):
        # Friday 13/2/2026; Tết 16–20/2/2026 (Mon–Fri) plus both weekends.
        assert cal.due_in_days(at(2026, 2, 13), 1) == at(2026, 2, 23, 17)

    def test_receipt_day_is_not_counted(self, cal):
        assert cal.due_in_days(at(2025, 3, 10, 7, 30), 1) == at(2025, 3, 11, 17)

    def test_reunification_and_labour_day_2025_with_swapped_friday(self, cal):
        # 30/4 Wed, 1/5 Thu, 2/5 Fri (swapped for Saturday 26/4), then the weekend.
        assert cal.due_in_days(at(2025, 4, 29), 1) == at(2025, 5, 5, 17)

    def test_saturday_worked_in_exchange_counts(self, cal):
        assert cal.due_in_days(at(2025, 4, 25), 1) == at(2025, 4, 26, 17)
        assert cal.due_in_days(at(2024, 5, 3), 1) == at(2024, 5, 4, 17)

    def test_reunification_2024_with_swapped_monday(self, cal):
        # 29/4/2024 Monday off (swapped for Saturday 4/5), 30/4 and 1/5 off.
        assert cal.due_in_days(at(2024, 4, 26), 2) == at(2024, 5, 3, 17)

    def test_national_day_2025(self, cal):
        assert cal.due_in_days(at(2025, 8, 29), 1) == at(2025, 9, 3, 17)

    def test_national_day_2024(self, cal):
        assert cal.due_in_days(at(2024, 8, 30), 1) == at(2024, 9, 4, 17)

    def test_zero_or_negative_days_are_refused(self, cal):
        for bad in (0, -3):
            with pytest.raises(CalendarError, match="số nguyên dương"):
                cal.due_in_days(at(2025, 3, 10), bad)

    def test_non_integer_days_are_refused(self, cal):
        with pytest.raises(CalendarError, match="số nguyên"):
            cal.due_in_days(at(2025, 3, 10), 1.5)


class TestOverrides:
    def test_extra_day_off_is_skipped(self):
        cal = WorkingCalendar(DayRules({date(2025, 6, 2): False}).is_working_day)
        assert cal.due_in_days(at(2025, 5, 30), 1) == at(2025, 6, 3, 17)

    def test_extra_working_saturday_counts(self):
        cal = WorkingCalendar(DayRules({date(2025, 6, 7): True}).is_working_day)
        assert cal.due_in_days(at(2025, 6, 6), 1) == at(2025, 6, 7, 17)

    def test_override_wins_over_a_national_holiday(self):
        cal = WorkingCalendar(DayRules({date(2025, 9, 1): True}).is_working_day)
        assert cal.due_in_days(at(2025, 8, 29), 1) == at(2025, 9, 1, 17)

    def test_a_calendar_without_working_days_fails_cleanly(self):
        cal = WorkingCalendar(lambda day: False)
        with pytest.raises(CalendarError, match="ngày làm việc"):
            cal.due_in_days(at(2025, 3, 10), 1)


class TestSameDay:
    def test_before_cutoff_is_due_that_evening(self, cal):
        assert cal.due_same_day(at(2025, 3, 10, 14, 59)) == at(2025, 3, 10, 17)

    def test_at_or_after_cutoff_is_due_next_working_day(self, cal):
        assert cal.due_same_day(at(2025, 3, 10, 15, 0)) == at(2025, 3, 11, 17)
        assert cal.due_same_day(at(2025, 3, 7, 16, 0)) == at(2025, 3, 10, 17)  # Friday -> Monday

    def test_lunch_receipt_is_deemed_afternoon_and_before_cutoff(self, cal):
        assert cal.due_same_day(at(2025, 3, 10, 12, 15)) == at(2025, 3, 10, 17)

    def test_weekend_receipt_is_due_monday(self, cal):
        assert cal.due_same_day(at(2025, 3, 8, 9, 0)) == at(2025, 3, 10, 17)

    def test_agency_cutoff(self):
        cal = WorkingCalendar(same_day_cutoff=time(16, 0))
        assert cal.due_same_day(at(2025, 3, 10, 15, 30)) == at(2025, 3, 10, 17)


class TestWorkingHours:
    def test_hours_span_lunch_and_night(self, cal):
        # 10:00–11:30 (1.5 h), 13:00–17:00 (4 h), then 2.5 h on Tuesday morning.
        assert cal.due_in_hours(at(2025, 3, 10, 10), 8) == at(2025, 3, 11, 10)

    def test_hours_ending_at_closing_time_stay_that_day(self, cal):
        assert cal.due_in_hours(at(2025, 3, 10, 16), 1) == at(2025, 3, 10, 17)

    def test_hours_continue_next_working_day(self, cal):
        assert cal.due_in_hours(at(2025, 3, 10, 16, 30), 1) == at(2025, 3, 11, 8)

    def test_hours_skip_tet(self, cal):
        assert cal.due_in_hours(at(2025, 1, 24, 16), 2) == at(2025, 2, 3, 8, 30)

    def test_hours_refuse_zero(self, cal):
        with pytest.raises(CalendarError):
            cal.due_in_hours(at(2025, 3, 10), 0)


class TestAgencyHours:
    def test_own_hours_move_opening_and_closing(self):
        cal = WorkingCalendar(periods=parse_periods("08:00-11:30,13:00-17:30"))
        assert cal.deemed_receipt(at(2025, 3, 10, 7, 45)) == at(2025, 3, 10, 8, 0)
        assert cal.due_in_days(at(2025, 3, 10), 2) == at(2025, 3, 12, 17, 30)


class TestClassification:
    due = at(2025, 2, 7, 17)

    @pytest.mark.parametrize(
        ("completed", "expected"),
        [
            (at(2025, 2, 6, 16), Timeliness.EARLY),
            (at(2025, 2, 7, 8), Timeliness.ON_TIME),
            (at(2025, 2, 7, 17), Timeliness.ON_TIME),
            (at(2025, 2, 7, 17, 1), Timeliness.LATE),
            (at(2025, 2, 10, 9), Timeliness.LATE),
        ],
    )
    def test_classification(self, cal, completed, expected):
        assert cal.classify(completed, self.due) is expected

    def test_labels_are_vietnamese(self):
        assert [t.label for t in Timeliness] == ["Trước hạn", "Đúng hạn", "Quá hạn"]


class TestParsePeriods:
    def test_sorted_and_normalised(self):
        assert [str(p) for p in parse_periods(" 13:00-17:00 , 07:30-11:30")] == ["07:30-11:30", "13:00-17:00"]

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "ít nhất một"),
            ("7h30-11h30", "không đúng dạng"),
            ("11:30-07:30", "bắt đầu phải trước"),
            ("07:30-12:00,11:00-17:00", "chồng lên nhau"),
        ],
    )
    def test_bad_periods_are_explained(self, text, message):
        with pytest.raises(CalendarError, match=message):
            parse_periods(text)


class TestWorkingTimeBetween:
    def test_counts_only_working_periods(self, cal):
        # Monday 10:00 -> Wednesday 10:00: two working days = 16 working hours.
        assert cal.working_time_between(at(2025, 3, 10, 10), at(2025, 3, 12, 10)).total_seconds() == 16 * 3600

    def test_skips_weekends_and_holidays(self, cal):
        # Friday 24/1/2025 16:00 -> Monday 3/2/2025 08:30: 1 h on Friday + 1 h on Monday (Tết between).
        assert cal.working_time_between(at(2025, 1, 24, 16), at(2025, 2, 3, 8, 30)).total_seconds() == 2 * 3600

    def test_empty_or_reversed_interval_is_zero(self, cal):
        assert cal.working_time_between(at(2025, 3, 10, 12), at(2025, 3, 10, 12, 30)).total_seconds() == 0
        assert cal.working_time_between(at(2025, 3, 11), at(2025, 3, 10)).total_seconds() == 0
