"""The working calendar as other apps use it: built from the database and settings.

    from workdays.services import calendar_for
    due = calendar_for(agency).due_in_days(received_at, 5)

The national calendar comes from the `holidays` package; administrators' day overrides
(DayOverride) win over it; hours and the same-day cut-off belong to the agency, falling
back to the province defaults in settings.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from motcua import stamps
from workdays.calendar import DayRules, WorkingCalendar, parse_periods
from workdays.models import DayOverride

# Every process keeps the overrides in memory; a change made anywhere reaches every app server
# and worker within STAMP_CHECK_SECONDS (motcua/stamps.py).
OVERRIDES_STAMP = "workdays.overrides"


def day_rules() -> DayRules:
    return DayRules(stamps.cached(OVERRIDES_STAMP, lambda: dict(DayOverride.objects.values_list(
        "date", "is_working_day"))))


@receiver([post_save, post_delete], sender=DayOverride)
def _overrides_changed(**kwargs) -> None:
    stamps.bump(OVERRIDES_STAMP)


def calendar_for(agency=None) -> WorkingCalendar:
    periods_text = (agency.working_periods if agency is not None else "") or settings.WORKDAYS_DEFAULT_PERIODS
    cutoff = (agency.same_day_cutoff if agency is not None else None) or settings.WORKDAYS_SAME_DAY_CUTOFF
    return WorkingCalendar(
        is_working_day=day_rules().is_working_day,
        periods=parse_periods(periods_text),
        same_day_cutoff=cutoff,
    )
