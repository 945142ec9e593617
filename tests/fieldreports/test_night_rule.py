"""Reports are accepted 24/7, but from 00:00 to 07:30 only urgent ones are handled at once
(QĐ 30/2022/QĐ-UBND of Huế): a non-urgent night report's clock starts at 07:30."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.fieldreports.conftest import IN_WARD_A, report

HUE = ZoneInfo("Asia/Ho_Chi_Minh")
# Wednesday 15 January 2025, an ordinary working day
NIGHT = datetime(2025, 1, 15, 2, 10, tzinfo=HUE)


def test_non_urgent_night_report_starts_at_half_past_seven(world, lan, power):
    r = report(lan, power, now=NIGHT, description="Cột điện nghiêng")
    assert r.clock_started_at == datetime(2025, 1, 15, 7, 30, tzinfo=HUE)
    assert r.due_at == r.clock_started_at + timedelta(hours=48)  # calendar hours for this category


def test_urgent_night_report_starts_at_once(world, lan, power):
    r = report(lan, power, now=NIGHT, is_urgent=True, description="Dây điện đứt, đang phát tia lửa")
    assert r.is_urgent and r.clock_started_at == NIGHT
    assert r.due_at == NIGHT + timedelta(hours=2)


def test_urgent_flag_is_ignored_where_the_category_cannot_be_urgent(world, lan, lighting):
    r = report(lan, lighting, now=NIGHT, is_urgent=True)
    assert not r.is_urgent and r.clock_started_at.astimezone(HUE).time().isoformat() == "07:30:00"


def test_working_hours_category_uses_the_unit_calendar(world, lan, lighting):
    # 24 working hours from 07:30 Wed with 8 h days (07:30–11:30, 13:00–17:00) → Friday 17:00
    r = report(lan, lighting, now=NIGHT, where=IN_WARD_A)
    assert r.due_at.astimezone(HUE) == datetime(2025, 1, 17, 17, 0, tzinfo=HUE)


def test_daytime_report_starts_when_sent(world, lan, power):
    noon = datetime(2025, 1, 15, 12, 0, tzinfo=HUE)
    assert report(lan, power, now=noon).clock_started_at == noon
