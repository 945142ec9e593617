"""The working calendar as other apps use it: built from the database and settings.

    from workdays.services import calendar_for
    due = calendar_for(agency).due_in_days(received_at, 5)

The national calendar comes from the `holidays` package; administrators' day overrides
(DayOverride) win over it; hours and the same-day cut-off belong to the agency, falling
back to the province defaults in settings.
"""

from __future__ import annotations

from django.conf import settings

from workdays.calendar import DayRules, WorkingCalendar, parse_periods
from workdays.models import DayOverride


def day_rules() -> DayRules:
    return DayRules(dict(DayOverride.objects.values_list("date", "is_working_day")))


def calendar_for(agency=None) -> WorkingCalendar:
    periods_text = (agency.working_periods if agency is not None else "") or settings.WORKDAYS_DEFAULT_PERIODS
    cutoff = (agency.same_day_cutoff if agency is not None else None) or settings.WORKDAYS_SAME_DAY_CUTOFF
    return WorkingCalendar(
        is_working_day=day_rules().is_working_day,
        periods=parse_periods(periods_text),
        same_day_cutoff=cutoff,
    )
