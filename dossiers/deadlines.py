"""Due times of dossiers and steps, from the procedure version and the working calendar.

Due times are absolute timestamps computed once when a dossier is received or a step
starts (docs/dossiers.md), using the calendar of the agency doing the work; a paused clock gives
the working time spent waiting back to every due time (docs/domain/one-stop.md §6).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from catalogue.models import ProcedureVersion, ProcessStep
from units.models import Agency
from workdays.calendar import Timeliness, WorkingCalendar
from workdays.services import calendar_for


def agency_of_step(step: ProcessStep, dossier):
    if step.performer == ProcessStep.Performer.RECEIVING:
        return dossier.receiving_agency
    if step.performer == ProcessStep.Performer.COMPETENT:
        return dossier.procedure_version.competent_agency
    # Read fresh: steps are cached per process (dossiers.actions.steps_of), agencies are not.
    return Agency.objects.get(pk=step.other_agency_id)


def dossier_due(version: ProcedureVersion, calendar: WorkingCalendar, received_at: datetime) -> datetime:
    kind = version.time_limit_kind
    if kind == ProcedureVersion.TimeLimitKind.WORKING_DAYS:
        return calendar.due_in_days(received_at, version.time_limit_value)
    if kind == ProcedureVersion.TimeLimitKind.WORKING_HOURS:
        return calendar.due_in_hours(received_at, version.time_limit_value)
    return calendar.due_same_day(received_at)


def step_due(step: ProcessStep, calendar: WorkingCalendar, started_at: datetime) -> datetime:
    return calendar.add_working_time(started_at, timedelta(hours=float(step.budget_hours)))


def classify(calendar: WorkingCalendar, done_at: datetime, due_at: datetime | None) -> str:
    if due_at is None:
        return ""
    return calendar.classify(done_at, due_at).value


def give_back(dossier, paused_at: datetime, resumed_at: datetime) -> timedelta:
    """Move the dossier's due times later by the working time spent paused; return it.
    The alerts already sent were about the old due times, so they are armed again."""
    receiving = calendar_for(dossier.receiving_agency)
    waited = receiving.working_time_between(paused_at, resumed_at)
    if waited:
        dossier.due_at = _shift(receiving, dossier.due_at, waited)
        dossier.statutory_due_at = _shift(receiving, dossier.statutory_due_at, waited)
        dossier.step_due_at = shift_step_due(dossier, paused_at, resumed_at)
        dossier.due_soon_alerted_at = dossier.overdue_alerted_at = None
    return waited


def shift_step_due(dossier, paused_at: datetime, resumed_at: datetime) -> datetime | None:
    """The current step's due time moved by the working time (of the step's agency) paused."""
    if not (dossier.current_step_id and dossier.step_due_at):
        return dossier.step_due_at
    calendar = calendar_for(agency_of_step(dossier.current_step, dossier))
    dossier.step_overdue_alerted_at = None
    return _shift(calendar, dossier.step_due_at, calendar.working_time_between(paused_at, resumed_at))


def _shift(calendar: WorkingCalendar, due_at: datetime | None, waited: timedelta) -> datetime | None:
    if due_at is None:
        return None
    # A due time at the close of a day is deemed to the next opening before adding, so
    # giving back a full working day moves "17:00 Friday" to "17:00 Monday".
    moved = calendar.add_working_time(due_at - timedelta(microseconds=1), waited)
    return moved + timedelta(microseconds=1)


__all__ = ["Timeliness", "agency_of_step", "classify", "dossier_due", "give_back", "shift_step_due", "step_due"]
