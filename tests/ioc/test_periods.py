"""A period is read as its whole months from the month rows and the days around them from the
day rows (ioc/figures.py): together exactly the period, whatever its ends, and the figures
the same as if every day were read."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ioc.figures import Period, whole_months

DAYS = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31))


def covered(period: Period) -> list[date]:
    days, months = whole_months(period)
    found = [a + timedelta(days=n) for a, b in days for n in range((b - a).days + 1)]
    if months:
        month = months[0]
        while month <= months[1]:
            following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
            found += [month + timedelta(days=n) for n in range((following - month).days)]
            month = following
    return found


@given(start=DAYS, length=st.integers(0, 800))
def test_whole_months_and_the_days_around_them_are_exactly_the_period(start, length):
    period = Period(start, start + timedelta(days=length), "tuy-chon")
    found = covered(period)
    assert sorted(found) == [period.start + timedelta(days=n) for n in range(length + 1)]
    days, _ = whole_months(period)
    assert len(days) <= 2


@pytest.mark.parametrize(("start", "end", "months", "days"), [
    (date(2025, 1, 1), date(2025, 12, 31), (date(2025, 1, 1), date(2025, 12, 1)), []),
    (date(2025, 1, 1), date(2025, 3, 10), (date(2025, 1, 1), date(2025, 2, 1)),
     [(date(2025, 3, 1), date(2025, 3, 10))]),
    (date(2025, 3, 1), date(2025, 3, 10), None, [(date(2025, 3, 1), date(2025, 3, 10))]),
    (date(2024, 1, 31), date(2024, 3, 1), (date(2024, 2, 1), date(2024, 2, 1)),
     [(date(2024, 1, 31), date(2024, 1, 31)), (date(2024, 3, 1), date(2024, 3, 1))]),
])
def test_examples(start, end, months, days):
    assert whole_months(Period(start, end, "tuy-chon")) == (days, months)


@pytest.mark.django_db
def test_the_figures_over_months_equal_the_figures_over_days(permit, hoa, minh, dung, clock, agency_a):
    """Dossiers over three months, read for periods ending anywhere: the same as a day-by-day read."""
    from django.db.models import Sum

    from dossiers import actions
    from dossiers.models import Channel
    from ioc import figures, projection
    from ioc.models import DossierFlow
    from tests.dossiers.conftest import LAN, at

    for month, day in ((1, 6), (1, 31), (2, 3), (2, 27), (3, 3), (3, 10)):
        clock.move_to(at(2025, month, day, 9))
        d = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
        actions.approve(actions.forward(actions.forward(d, hoa).dossier, minh).dossier, dung)
    projection.catch_up()
    for start, end in ((date(2025, 1, 1), date(2025, 3, 10)), (date(2025, 1, 15), date(2025, 3, 2)),
                       (date(2025, 2, 1), date(2025, 2, 28)), (date(2024, 12, 1), date(2025, 12, 31))):
        period = Period(start, end, "tuy-chon")
        day_rows = DossierFlow.objects.filter(agency_id=agency_a.pk, day__gte=start, day__lte=end, linked=False)
        by_day = day_rows.aggregate(received=Sum("received"), early=Sum("resolved_early"),
                                    on_time=Sum("resolved_on_time"), late=Sum("resolved_late"))
        found = figures.totals([agency_a.pk], period)
        assert (found["received"], found["resolved_early"], found["resolved_on_time"], found["resolved_late"]) == (
            by_day["received"] or 0, by_day["early"] or 0, by_day["on_time"] or 0, by_day["late"] or 0), period
        resolved = (by_day["early"] or 0) + (by_day["on_time"] or 0) + (by_day["late"] or 0)
        # Every dossier resolved in the period is in the distribution, month rows or day rows.
        assert (figures.percentiles([agency_a.pk], period, shares=(100,))[100] is not None) == bool(resolved)
