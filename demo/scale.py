"""Provincial volume for benchmarks: dossiers and field reports written through bulk paths.

    python manage.py generate_scale --dossiers 1000000 --reports 300000

On top of the demo province (`load_demo`), spread over its agencies, procedures, states and
the last two years: each dossier and each report with the events the engine would have
written on the way to its state, hash-chained as the engine writes them (verify_events passes).
Everything is muted: nothing is published, nobody is told. For a throw-away database only.
Codes go on from each agency's and day's counter, so another run (another --seed) adds to
the volume.
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, reset_queries, transaction
from django.utils import timezone

from catalogue.models import ProcedureVersion
from dossiers.actions import steps_of
from dossiers.evaluation import ASKED, TIMELINESS_POINTS
from dossiers.machine import DOSSIER
from dossiers.models import Channel, Dossier, DossierCounter, DossierEvent, Evaluation
from dossiers.states import STATUS_OF, State
from fieldreports.machine import REPORT
from fieldreports.models import Category, Report, ReportEvent
from motcua.textsearch import normalize
from units.models import Agency
from workflow.chain import event_hash, row_digest, row_values

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Trương", "Tôn Nữ", "Lê Văn", "Nguyễn Phước"]
MIDDLE = ["Thị", "Văn", "Hữu", "Đức", "Minh", "Ngọc", "Quốc", "Thanh", "Xuân", "Gia", "Bảo", "Khánh", "Thu", "Công"]
GIVEN = ["Lan", "Hoa", "Minh", "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Hương", "Khánh", "Linh",
         "Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tú", "Tuấn", "Vy", "Yến", "Nhung", "Phúc",
         "Thư", "Đạt", "Ánh", "Hiếu", "Lộc", "Nhi", "Quỳnh", "Tâm", "Trí", "Uyên", "Việt", "Xuân"]
STREETS = ["Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Nguyễn Huệ", "Bà Triệu", "Điện Biên Phủ", "Lý Thường Kiệt",
           "Phan Đình Phùng", "Ngô Quyền", "Đống Đa", "Hai Bà Trưng", "Nguyễn Trãi"]
# What share of the dossiers is in each state: most are long finished.
STATES = [(State.RETURNED, 60), (State.PROCESSING, 14), (State.RECEIVED, 5), (State.RESULT_READY, 5),
          (State.SUPPLEMENT, 3), (State.SUBMITTED, 3), (State.REFUSED, 3), (State.WITHDRAWN, 3),
          (State.AWAITING_PAYMENT, 2), (State.STOPPED, 1), (State.INTAKE_SUPPLEMENT, 1)]
REPORT_STATES = [(Report.Status.CLOSED, 45), (Report.Status.RESOLVED, 25), (Report.Status.REJECTED, 5),
                 (Report.Status.IN_PROGRESS, 8), (Report.Status.ACCEPTED, 5), (Report.Status.DISPATCHED, 7),
                 (Report.Status.NEW, 5)]
# The demo's history (demo/history.py): finished dossiers and reports, mostly on time.
HISTORY_STATES = [(State.RETURNED, 91), (State.REFUSED, 3), (State.WITHDRAWN, 4), (State.STOPPED, 2)]
HISTORY_REPORT_STATES = [(Report.Status.CLOSED, 60), (Report.Status.RESOLVED, 30), (Report.Status.REJECTED, 10)]
SCALE_ACTOR = "Cán bộ (dữ liệu quy mô)"
HISTORY_ACTOR = "Cán bộ (dữ liệu lịch sử)"
HUE = (16.40, 16.54, 107.50, 107.66)  # latitude and longitude bounds


@dataclass
class Counts:
    dossiers: int = 0
    dossier_events: int = 0
    reports: int = 0
    report_events: int = 0


@contextmanager
def _own_times(*fields):
    """Let bulk_create keep the generated creation times instead of stamping 'now'."""
    saved = [(f, f.auto_now_add, f.auto_now) for f in fields]
    for f in fields:
        f.auto_now_add = f.auto_now = False
    try:
        yield
    finally:
        for f, add, now in saved:
            f.auto_now_add, f.auto_now = add, now


def _weighted(rng: random.Random, table):
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def generate(dossiers: int, reports: int, *, seed: int = 1, batch: int = 5000, progress=None,
             history: bool = False) -> Counts:
    """`history`: only finished dossiers and reports, from two weeks to two years ago, settled
    mostly on time, as a province's record looks (the demo's past); else every state, as a
    benchmark needs."""
    rng = random.Random(seed)
    counts = Counts()
    versions = [v for v in ProcedureVersion.objects.filter(state=ProcedureVersion.State.PUBLISHED)
                .select_related("receiving_agency", "competent_agency") if steps_of(v.pk)]
    if dossiers and not versions:
        raise ValueError("Chưa có thủ tục nào có quy trình: hãy chạy `manage.py load_demo` trước.")
    now = timezone.now()
    # Codes go on from each agency's and day's counter, as the engine numbers them, so that
    # they stay consecutive (verify_events reports a gap) and a later receipt does not collide.
    counters = _Counters()
    fields = Dossier._meta
    with _own_times(fields.get_field("created_at"), fields.get_field("updated_at")):
        counts.dossiers, counts.dossier_events = _write(
            Dossier, DossierEvent, dossiers, batch, lambda: _dossier(rng, versions, now, counters, history), "hồ sơ",
            progress, after_batch=lambda rows: _after_dossiers(rows, counters),
            actor=HISTORY_ACTOR if history else SCALE_ACTOR)
    categories = list(Category.objects.reportable())
    units = list(Agency.objects.filter(is_active=True, field_reports__isnull=False).distinct()) or list(
        Agency.objects.filter(is_active=True)[:20])
    if reports and not categories:
        raise ValueError("Chưa có lĩnh vực phản ánh: hãy chạy `manage.py load_demo` trước.")
    from accounts.models import User

    reporters = list(User.objects.filter(kind=User.Kind.CITIZEN).values_list("pk", flat=True)[:50]) or [None]
    counts.reports, counts.report_events = _write(
        Report, ReportEvent, reports, batch, lambda: _report(rng, categories, units, reporters, now, history),
        "phản ánh", progress, actor=HISTORY_ACTOR if history else SCALE_ACTOR)
    return counts


def _write(model, event_model, total: int, batch: int, make, noun: str, progress,
           after_batch=lambda rows: None, actor: str = SCALE_ACTOR) -> tuple[int, int]:
    """`total` objects from `make()` and their events, one transaction per batch."""
    written = events_written = 0
    for start in range(0, total, batch):
        rows = [make() for _ in range(min(batch, total - start))]
        with transaction.atomic():
            events = _chained(model, rows, actor)
            model.objects.bulk_create([obj for obj, _ in rows])
            event_model.objects.bulk_create(events)
            after_batch(rows)
        written += len(rows)
        events_written += len(events)
        reset_queries()  # under DEBUG Django keeps the last statements: bulk inserts are megabytes each
        if progress:
            progress(f"{written:,} {noun}")
    return written, events_written


class _Counters(defaultdict):
    """The code counters per (agency, day), remembering which ones a batch moved."""

    def __init__(self):
        super().__init__(int, {(c.agency_id, c.day): c.last for c in DossierCounter.objects.all()})
        self.moved: set[tuple] = set()

    def take(self, key: tuple) -> int:
        self[key] += 1
        self.moved.add(key)
        return self[key]


def _after_dossiers(rows, counters: _Counters) -> None:
    _save_counters(counters)
    # The applicant's scores, as the `evaluate` action keeps them (the event holds the same).
    Evaluation.objects.bulk_create([
        Evaluation(dossier=d, agency_id=d.receiving_agency_id, scores=data["scores"], total=data["total"],
                   created_at=at, updated_at=at)
        for d, plan in rows for action, _, _, at, *extra in plan if action == "evaluate" for data in extra])


def _save_counters(counters: _Counters) -> None:
    DossierCounter.objects.bulk_create(
        [DossierCounter(agency_id=agency, day=day, last=counters[agency, day]) for agency, day in counters.moved],
        update_conflicts=True, unique_fields=["agency", "day"], update_fields=["last"], batch_size=2000)
    counters.moved.clear()


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _dossier(rng: random.Random, versions, now, counters, history: bool = False):
    version = rng.choice(versions)
    steps = steps_of(version.pk)
    state = _weighted(rng, HISTORY_STATES if history else STATES)
    submitted = now - timedelta(days=rng.uniform(14 if history else 0, 730), minutes=rng.uniform(0, 600))
    agency = version.receiving_agency
    name = _name(rng)
    online = rng.random() < 0.45
    d = Dossier(
        procedure_version=version, channel=Channel.ONLINE if online else Channel.COUNTER,
        lookup_secret=secrets.token_hex(4).upper(), applicant_kind="citizen",
        applicant_id_number=f"046{rng.randrange(10**9):09d}", applicant_name=name,
        applicant_name_search=normalize(name), applicant_address=f"{rng.randrange(1, 300)} {rng.choice(STREETS)}",
        applicant_phone=f"09{rng.randrange(10**8):08d}", receiving_agency=agency, current_agency=agency,
        state=state, status=STATUS_OF[state], submitted_at=submitted, created_at=submitted, updated_at=submitted,
    )
    plan = [("submit", "", State.SUBMITTED, submitted)]
    if state not in (State.SUBMITTED, State.INTAKE_SUPPLEMENT, State.REFUSED):
        received = min(now, submitted + timedelta(hours=rng.uniform(0.1, 30)))
        local = timezone.localtime(received)
        d.code = f"{agency.code}-{local:%y%m%d}-{counters.take((agency.pk, local.date())):04d}"
        d.received_at = received
        d.due_at = d.statutory_due_at = received + timedelta(days=rng.choice([3, 5, 7, 10, 15, 20]))
        position = len(steps) - 1 if state in (State.RETURNED, State.RESULT_READY) else rng.randrange(len(steps))
        step = steps[position]
        d.current_step, d.step_started_at = step, received
        d.step_due_at = received + timedelta(hours=float(step.budget_hours or 8) * 3)
        plan.append(("receive", State.SUBMITTED, State.RECEIVED, received))
        if state in (State.RETURNED, State.RESULT_READY):
            # As the engine writes them: resolved when the last step is approved, returned
            # later, each column the time of its event (never after now).
            d.resolved_at = min(now, received + ((d.due_at - received) * rng.uniform(0.3, 1.04) if history
                                                 else timedelta(days=rng.uniform(1, 20))))
            d.timeliness = "early" if d.resolved_at < d.due_at - timedelta(days=1) else (
                "on_time" if d.resolved_at <= d.due_at else "late")
            apology = d.due_at - timedelta(days=1.5)
            if d.timeliness == "late" and apology > received and rng.random() < 0.7:
                # Most late results were announced: an apology and a new date a working day or
                # more before the first one (Decree 61/2018, form 04); lateness is still judged
                # against the statutory due time.
                d.apologized_at, d.due_at = apology, d.resolved_at + timedelta(days=1)
                plan.append(("apologize", State.RECEIVED, State.RECEIVED, apology))
            plan.append(("approve", State.RECEIVED, State.RESULT_READY, d.resolved_at))
            if state == State.RETURNED:
                d.returned_at = min(now, d.resolved_at + timedelta(days=rng.uniform(0, 3)))
                plan.append(("return_result", State.RESULT_READY, State.RETURNED, d.returned_at))
                if history and online and rng.random() < 0.6 and d.returned_at + timedelta(days=2) < now:
                    # Most online applicants who score give full marks; some criteria fall short.
                    # The three measured criteria follow from the dossier (dossiers/evaluation.py).
                    scores = {code: 2 if rng.random() < 0.93 else rng.choice((0, 1)) for code in ASKED}
                    timely = TIMELINESS_POINTS.get(d.timeliness, 1)
                    scores |= {"total_time": timely, "agency_time": timely, "one_stop": 2}
                    plan.append(("evaluate", State.RETURNED, State.RETURNED, d.returned_at + timedelta(days=1),
                                 {"scores": scores, "total": sum(scores.values()), "comment": "", "first": True}))
        elif state != State.RECEIVED:
            plan.append((_last_action(state), State.RECEIVED, state,
                         min(now, received + timedelta(days=rng.uniform(0.5, 10)))))
    elif state != State.SUBMITTED:
        plan.append(("refuse" if state == State.REFUSED else "request_intake_supplement", State.SUBMITTED, state,
                     submitted + timedelta(hours=2)))
    return d, plan


def _last_action(state: str) -> str:
    return {State.SUPPLEMENT: "request_supplement",
            State.AWAITING_PAYMENT: "request_payment", State.STOPPED: "stop", State.WITHDRAWN: "withdraw"}.get(
        state, "forward")


def _report(rng: random.Random, categories, units, reporters, now, history: bool = False):
    status = _weighted(rng, HISTORY_REPORT_STATES if history else REPORT_STATES)
    created = now - timedelta(days=rng.uniform(14 if history else 0, 730), minutes=rng.uniform(0, 600))
    category = rng.choice(categories)
    agency = None if status == Report.Status.NEW else rng.choice(units)
    r = Report(
        category=category, description=f"Phản ánh về {category.name.lower()} tại {rng.choice(STREETS)}.",
        address=f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, Huế", lat=rng.uniform(HUE[0], HUE[1]),
        long=rng.uniform(HUE[2], HUE[3]), status=status, agency=agency, reporter_id=rng.choice(reporters),
        created_at=created, clock_started_at=created, due_at=created + timedelta(hours=category.deadline_hours or 48),
        updated_at=created,
    )
    # The events the engine would have written on the way to `status`, each at its own time.
    S = Report.Status
    plan = [("submit", "", S.NEW, created)]
    if agency is not None:
        plan.append(("route", S.NEW, S.DISPATCHED, created))
    answered = status in (S.RESOLVED, S.REJECTED, S.CLOSED)
    if answered:
        r.resolved_at = min(now, created + (timedelta(hours=(category.deadline_hours or 48) * rng.uniform(0.1, 1.1))
                                            if history else timedelta(hours=rng.uniform(1, 96))))
    if agency is not None and status != S.DISPATCHED:
        accepted = created + ((r.resolved_at - created) / 4 if answered
                              else min(now - created, timedelta(hours=rng.uniform(0.2, 4))))
        plan.append(("accept", S.DISPATCHED, S.ACCEPTED, accepted))
        if status == S.IN_PROGRESS:
            plan.append(("start", S.ACCEPTED, S.IN_PROGRESS, accepted + (now - accepted) / 2))
    if answered:
        r.outcome = Report.Outcome.REJECTED if status == S.REJECTED else Report.Outcome.RESOLVED
        r.answer = "Đơn vị đã xử lý xong." if r.outcome == Report.Outcome.RESOLVED else ""
        r.rejection_reason = "Không thuộc phạm vi xử lý." if r.outcome == Report.Outcome.REJECTED else ""
        outcome = S.REJECTED if status == S.REJECTED else S.RESOLVED
        plan.append(("reject" if outcome == S.REJECTED else "resolve", S.ACCEPTED, outcome, r.resolved_at))
        if status == S.CLOSED:
            r.closed_at = min(now, r.resolved_at + timedelta(days=1))
            r.rating = (rng.choices((5, 4, 3, 2, 1), (55, 30, 10, 3, 2))[0] if history else rng.randint(1, 5))
            plan.append(("rate", S.RESOLVED, S.CLOSED, r.closed_at))
    return r, plan


def _chained(model, rows, actor: str) -> list:
    """Give the new objects their ids first, so their event chains (which hash the object's id)
    are complete before anything is written: one insert per table, no update afterwards."""
    ids = _reserve_ids(model, len(rows))
    events = []
    for pk, (obj, plan) in zip(ids, rows, strict=True):
        obj.pk = pk
        events += _chain(obj, plan, actor)
    return events


def _reserve_ids(model, count: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, count])
            return [row[0] for row in cursor.fetchall()]
        # SQLite has one writer, inside this transaction: the next ids are ours.
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 (a model's own table name)
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def _chain(obj, plan, actor: str) -> list:
    """The events of `plan` for `obj`, hash-chained as workflow.chain.append would write them.
    Every event carries the row's final columns: only the last one's fingerprint is checked
    against the row, and the intermediate rows are not reconstructed."""
    events, prev = [], ""
    machine = DOSSIER if isinstance(obj, Dossier) else REPORT
    digest = row_digest(machine, row_values(machine, obj))
    for seq, (action, before, after, at, *extra) in enumerate(plan, start=1):
        if isinstance(obj, Dossier):
            event = DossierEvent(dossier=obj, seq=seq, action=action, actor_name=actor, at=at,
                                 agency_id=obj.receiving_agency_id, from_state=before, to_state=after,
                                 from_status=STATUS_OF[before] if before else None, to_status=STATUS_OF[after],
                                 to_step_id=obj.current_step_id if seq > 1 else None, due_at=obj.due_at,
                                 step_due_at=obj.step_due_at if seq > 1 else None, data=extra[0] if extra else {})
        else:
            event = ReportEvent(report=obj, seq=seq, action=action, from_status=before, to_status=after,
                                from_agency_id=obj.agency_id if seq > 2 else None,
                                to_agency_id=obj.agency_id if seq > 1 else None, due_at=obj.due_at,
                                data={}, created_at=at)
        event.row_digest = digest if seq == len(plan) else ""
        event.prev_hash = prev
        event.hash = prev = event_hash(event, prev)
        events.append(event)
    obj.event_count, obj.last_event_hash = len(events), prev
    return events
