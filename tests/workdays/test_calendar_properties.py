"""Properties of the deadline arithmetic that hold for any receipt time and duration."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from workdays.calendar import DayRules, WorkingCalendar, parse_periods

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ZONES = [VN, ZoneInfo("UTC"), ZoneInfo("Europe/Paris")]
HOURS = ["07:30-11:30,13:00-17:00", "08:00-11:30,13:00-17:30", "07:00-17:00", "06:00-09:00,10:00-12:00,14:00-20:00"]

moments = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2027, 12, 31)),
    st.sampled_from(ZONES),
)
overrides = st.dictionaries(
    st.dates(min_value=date(2023, 1, 1), max_value=date(2028, 6, 30)), st.booleans(), max_size=30
)
calendars = st.builds(
    lambda text, extra: WorkingCalendar(DayRules(extra).is_working_day, parse_periods(text)),
    st.sampled_from(HOURS),
    overrides,
)


@settings(max_examples=300, deadline=None)
@given(cal=calendars, received=moments)
def test_deemed_receipt_is_working_time_not_earlier_and_stable(cal, received):
    deemed = cal.deemed_receipt(received)
    assert cal.is_working_time(deemed)
    assert deemed >= received
    assert cal.deemed_receipt(deemed) == deemed


@settings(max_examples=300, deadline=None)
@given(cal=calendars, received=moments, days=st.integers(min_value=1, max_value=60))
def test_due_in_days_is_working_time_later_and_grows(cal, received, days):
    due = cal.due_in_days(received, days)
    assert cal.is_working_time(due)
    assert due > cal.deemed_receipt(received)
    assert cal.due_in_days(received, days + 1) > due


@settings(max_examples=300, deadline=None)
@given(cal=calendars, received=moments, hours=st.integers(min_value=1, max_value=200))
def test_due_in_hours_is_working_time_later_and_grows(cal, received, hours):
    due = cal.due_in_hours(received, hours)
    assert cal.is_working_time(due)
    assert due - cal.deemed_receipt(received) >= timedelta(hours=hours)
    assert cal.due_in_hours(received, hours + 1) > due


@settings(max_examples=200, deadline=None)
@given(cal=calendars, received=moments)
def test_same_day_is_working_time_and_not_earlier(cal, received):
    due = cal.due_same_day(received)
    assert cal.is_working_time(due)
    assert due >= cal.deemed_receipt(received)
    assert due <= cal.due_in_days(received, 1)


@settings(max_examples=200, deadline=None)
@given(cal=calendars, received=moments, days=st.integers(min_value=1, max_value=30))
def test_a_completion_at_the_due_time_is_on_time(cal, received, days):
    due = cal.due_in_days(received, days)
    assert cal.classify(due, due).value == "on_time"
    assert cal.classify(due + timedelta(seconds=1), due).value == "late"


@settings(max_examples=200, deadline=None)
@given(cal=calendars, start=moments, minutes=st.integers(min_value=0, max_value=60 * 200))
def test_adding_working_time_and_measuring_it_agree(cal, start, minutes):
    end = cal.add_working_time(start, timedelta(minutes=minutes))
    assert cal.is_working_time(end)
    assert cal.working_time_between(cal.deemed_receipt(start), end) == timedelta(minutes=minutes)
