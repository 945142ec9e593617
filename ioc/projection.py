"""Keeping the projections (ioc/models.py) current from the dossier events.

Every dossier event marks its dossier as pending, inline in the action's own transaction (an
insert that a concurrent action never waits on). The catch-up (a periodic task on the
workers, and `manage.py ioc_rebuild`) takes pending dossiers with SKIP LOCKED, applies their
events after the last one it applied (DossierTrack.seq; a dossier's events commit in order
under its row lock, so none is skipped), adds the differences to the projection rows with
one upsert per row, and clears the marks. Applying twice changes nothing; after downtime it
catches up from the marks; a rebuild starts again from the log.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from dossiers.models import Dossier, DossierEvent
from dossiers.states import OPEN, PAUSED, State
from ioc.models import (
    DossierDuration,
    DossierDurationMonth,
    DossierFlow,
    DossierFlowMonth,
    DossierOpen,
    DossierOpenAgency,
    DossierTrack,
    PendingDossier,
)
from workdays.calendar import Timeliness
from workflow import outbox

BATCH = 2000
FLOW_KEY = ("day", "agency_id", "procedure_id", "channel", "linked")
FLOW_COUNTS = ("received", "resolved_early", "resolved_on_time", "resolved_late", "processing_seconds", "returned",
               "refused", "withdrawn", "apologies", "evaluations", "evaluation_points")
OPEN_KEY = ("agency_id", "procedure_id", "linked", "due_day", "paused")
OPEN_AGENCY_KEY = ("agency_id", "due_day", "paused")
DURATION_KEY = (*FLOW_KEY, "days")
# The month rows: the same keys with the first day of the month in place of the day.
MONTH_FLOW_KEY = ("month", *FLOW_KEY[1:])
MONTH_DURATION_KEY = ("month", *DURATION_KEY[1:])
PROJECTIONS = (DossierFlow, DossierFlowMonth, DossierDuration, DossierDurationMonth, DossierOpen, DossierOpenAgency)
RESOLVED = {Timeliness.EARLY: "resolved_early", Timeliness.ON_TIME: "resolved_on_time",
            Timeliness.LATE: "resolved_late"}
EVENT_FIELDS = ("dossier_id", "seq", "action", "at", "from_state", "to_state", "due_at", "data")


def marker(pending, field: str):
    """An inline subscriber marking the event's object pending (an insert, ignored if marked)."""

    def mark(event) -> None:
        pending.objects.bulk_create([pending(**{field: getattr(event, field)})], ignore_conflicts=True)

    return mark


def subscribe() -> None:
    outbox.subscribe("ioc.mark_dossier", "dossier", wants=lambda event: True,
                     handle=marker(PendingDossier, "dossier_id"), inline=True)


def catch_up(batch: int = BATCH) -> int:
    """Apply the events of every pending dossier; the number of dossiers applied."""
    return drain(PendingDossier, "dossier_id", apply, batch)


def drain(pending, field: str, apply_ids, batch: int = BATCH) -> int:
    """Take marks of `pending` in batches nobody else holds (SKIP LOCKED), apply their objects'
    events and clear the marks, each batch in one transaction; the number applied."""
    done = 0
    while True:
        with transaction.atomic():
            ids = list(pending.objects.select_for_update(skip_locked=True).order_by(field)
                       .values_list(field, flat=True)[:batch])
            if not ids:
                return done
            apply_ids(ids)
            pending.objects.filter(**{f"{field}__in": ids}).delete()
        done += len(ids)


def rebuild() -> int:
    """Start again from the event log: every projection row is recomputed."""
    with transaction.atomic():
        for model in (*PROJECTIONS, DossierTrack):
            model.objects.all().delete()
        PendingDossier.objects.all().delete()
        mark_all(PendingDossier, Dossier, DossierTrack, "dossier_id")
    return catch_up()


def mark_all(pending, source, track, field: str, untracked_only: bool = False) -> None:
    """Mark every object of `source` pending (or only those no track knows), in one statement."""
    q = connection.ops.quote_name
    marks, objects, tracks, column = q(pending._meta.db_table), q(source._meta.db_table), q(track._meta.db_table), q(
        field)
    where = ""
    if untracked_only:  # table and column names from the models, quoted: no one's value is in the text
        where = (f" WHERE NOT EXISTS (SELECT 1 FROM {tracks} t WHERE t.{column} = o.id)"  # noqa: S608
                 f" AND NOT EXISTS (SELECT 1 FROM {marks} p WHERE p.{column} = o.id)")
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {marks} ({column}) SELECT o.id FROM {objects} o{where}")  # noqa: S608


def catch_up_untracked() -> int:
    """Dossiers and reports written without publishing (the demo, the bulk generator) are
    applied too; the number of dossiers applied."""
    from ioc import reports

    with transaction.atomic():
        mark_all(PendingDossier, Dossier, DossierTrack, "dossier_id", untracked_only=True)
        reports.mark_untracked()
    reports.catch_up()
    return catch_up()


def _day(moment) -> date:
    return timezone.localdate(moment)


def apply(ids: list[int]) -> None:
    """Add the events of dossiers `ids` after their tracks' last to the projection rows."""
    dossiers = {d["pk"]: d for d in Dossier.objects.filter(pk__in=ids).values(
        "pk", "procedure_version__competent_agency_id", "procedure_version__procedure_id", "channel", "parent_id",
        "timeliness", "received_at", "resolved_at")}
    tracks = {t.dossier_id: t for t in DossierTrack.objects.filter(dossier_id__in=ids)}
    known = set(tracks)
    flows: dict[tuple, Counter] = defaultdict(Counter)
    opens: Counter = Counter()
    durations: Counter = Counter()
    changed: set[int] = set()
    events = (DossierEvent.objects.filter(dossier_id__in=ids).order_by("dossier_id", "seq")
              .values(*EVENT_FIELDS))
    for e in events.iterator(chunk_size=5000):
        d = dossiers[e["dossier_id"]]
        track = tracks.setdefault(d["pk"], DossierTrack(dossier_id=d["pk"]))
        if e["seq"] <= track.seq:
            continue
        _apply_event(d, e, track, flows, opens, durations)
        track.seq = e["seq"]
        changed.add(d["pk"])
    write(flows, opens, durations)
    DossierTrack.objects.bulk_create([tracks[pk] for pk in changed - known])
    DossierTrack.objects.bulk_update([tracks[pk] for pk in changed & known],
                                     ["seq", "open_due_day", "open_paused", "evaluation_day", "evaluation_points"])


def write(flows: dict[tuple, Counter], opens: Counter, durations: Counter) -> None:
    """Add the differences to the day rows and to the coarser rows kept with them: the month
    of each day, and the open dossiers summed over procedures."""
    _upsert(DossierFlow, FLOW_KEY, FLOW_COUNTS, flows)
    _upsert(DossierFlowMonth, MONTH_FLOW_KEY, FLOW_COUNTS, _by_month(flows))
    opened = {key: Counter(count=n) for key, n in opens.items() if n}
    _upsert(DossierOpen, OPEN_KEY, ("count",), opened)
    _upsert(DossierOpenAgency, OPEN_AGENCY_KEY, ("count",), _summed(opened, lambda k: (k[0], k[3], k[4])))
    spread = {key: Counter(count=n) for key, n in durations.items() if n}
    _upsert(DossierDuration, DURATION_KEY, ("count",), spread)
    _upsert(DossierDurationMonth, MONTH_DURATION_KEY, ("count",), _by_month(spread))


def _summed(rows: dict[tuple, Counter], key) -> dict[tuple, Counter]:
    found: dict[tuple, Counter] = defaultdict(Counter)
    for k, counts in rows.items():
        found[key(k)].update(counts)
    return found


def _by_month(rows: dict[tuple, Counter]) -> dict[tuple, Counter]:
    """Rows keyed by (day, …) summed by (first day of the month, …)."""
    return _summed(rows, lambda k: (k[0].replace(day=1), *k[1:]))


def days_taken(seconds: int) -> int:
    """Started calendar days, as a citizen counts them (a result the same day is 0)."""
    return min(DossierDuration.LONGEST, -(-seconds // 86400) if seconds > 0 else 0)


def _apply_event(d: dict, e: dict, track: DossierTrack, flows, opens: Counter, durations: Counter) -> None:
    # Counted for the agency that decides the procedure (a service centre receives for many).
    agency = d["procedure_version__competent_agency_id"]
    procedure, linked = d["procedure_version__procedure_id"], bool(d["parent_id"])
    flow = flows[(_day(e["at"]), agency, procedure, d["channel"], linked)]
    action, before, after = e["action"], e["from_state"], e["to_state"]
    if action in ("receive", "receive_transfer"):
        flow["received"] += 1
    resolved_now = before != State.RESULT_READY and (
        after == State.RESULT_READY or (action == "return_result" and after == State.RETURNED))
    if resolved_now and d["timeliness"]:
        flow[RESOLVED[Timeliness(d["timeliness"])]] += 1
        if d["received_at"] and d["resolved_at"]:
            seconds = max(0, int((d["resolved_at"] - d["received_at"]).total_seconds()))
            flow["processing_seconds"] += seconds
            durations[(_day(e["at"]), agency, procedure, d["channel"], linked, days_taken(seconds))] += 1
    if action == "return_result":
        flow["returned"] += 1
    elif action == "refuse":
        flow["refused"] += 1
    elif action == "withdraw":
        flow["withdrawn"] += 1
    elif action == "apologize":
        flow["apologies"] += 1
    elif action == "evaluate":
        # A changed score corrects the day it was first given (counts never go below zero).
        total = int((e["data"] or {}).get("total") or 0)
        if track.evaluation_points is None:
            flow["evaluations"] += 1
            track.evaluation_day = _day(e["at"])
        first = flows[(track.evaluation_day, agency, procedure, d["channel"], linked)]
        first["evaluation_points"] += total - (track.evaluation_points or 0)
        track.evaluation_points = total
    # Where the dossier counts among the open ones now: by its due day, paused or not.
    is_open = after in OPEN or after in PAUSED
    due_day = _day(e["due_at"] or e["at"]) if is_open else None
    paused = after in PAUSED
    if (due_day, paused) != (track.open_due_day, track.open_paused):
        if track.open_due_day is not None:
            opens[(agency, procedure, linked, track.open_due_day, track.open_paused)] -= 1
        if due_day is not None:
            opens[(agency, procedure, linked, due_day, paused)] += 1
        track.open_due_day, track.open_paused = due_day, paused if due_day else False


def _upsert(model, key: tuple[str, ...], counts: tuple[str, ...], rows: dict[tuple, Counter]) -> None:
    """Add `rows` to the model's rows in one statement per batch: INSERT … ON CONFLICT DO UPDATE
    (PostgreSQL and SQLite both), so two catch-ups adding to one row never lose an addition."""
    rows = {k: v for k, v in rows.items() if any(v.values())}
    if not rows:
        return
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    columns = [*key, *counts]
    unique = ", ".join(q(c) for c in key)
    updates = ", ".join(f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in counts)
    items = list(rows.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), 500):
            chunk = items[start:start + 500]
            placeholders = ", ".join("(" + ", ".join(["%s"] * len(columns)) + ")" for _ in chunk)
            params = [value for k, c in chunk for value in (*k, *(c.get(name, 0) for name in counts))]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) VALUES {placeholders} "  # noqa: S608
                f"ON CONFLICT ({unique}) DO UPDATE SET {updates}", params)
