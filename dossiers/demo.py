"""Demo dossiers: a few dozen of them, at every stage, so each officer's list and the public
lookup have something to show after `make run`.

Made through the action functions (the same engine, events and hash chains as real ones),
with nothing published: demo data is not news, nobody is told. Loaded once; a second load
finds the marker and adds nothing.
"""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from dossiers import actions
from dossiers.actions import Applicant, steps_of
from dossiers.models import Channel, Dossier
from workflow import outbox
from workflow.errors import ActionError

# The demo's dossiers carry this in their applicant address: how a second load knows them.
DEMO_MARK = "(hồ sơ mẫu)"
APPLICANTS = [
    ("046190012345", "Nguyễn Thị Lan"), ("046185003421", "Trần Văn Hùng"), ("046192007788", "Lê Thị Thu Hà"),
    ("046178001234", "Phạm Quốc Bảo"), ("046201009876", "Hoàng Ngọc Ánh"), ("046188004567", "Võ Đình Phúc"),
    ("046195002345", "Đặng Thị Mỹ Linh"), ("046180006543", "Tôn Nữ Minh Thư"),
]
STREETS = ["Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Nguyễn Huệ", "Bà Triệu", "Điện Biên Phủ"]
# How far each demo dossier goes (the people of the demo accounts do the work).
STAGES = ["submitted", "received", "appraising", "supplement", "approving", "result_ready", "returned", "refused"]


@dataclass
class People:
    counter: object
    specialist: object
    leader: object
    citizen: object


def load_dossiers_demo(count: int = 32) -> str:
    from accounts.models import User

    if Dossier.objects.filter(applicant_address__endswith=DEMO_MARK).exists():
        return "Dossiers: demo dossiers already loaded."
    people = People(*(User.objects.filter(username=name).first() for name in ("hoa", "minh", "dung", "046190012345")))
    versions = _versions(people)
    if not versions or None in (people.counter, people.specialist, people.leader):
        return "Dossiers: no demo procedure handled by the demo officers; none loaded."
    rng = random.Random(2026)
    made = 0
    with outbox.muted(), transaction.atomic():
        for n in range(count):
            version = versions[n % len(versions)]
            id_number, name = APPLICANTS[n % len(APPLICANTS)]
            applicant = Applicant("citizen", id_number, name, f"{rng.randint(1, 200)} {rng.choice(STREETS)}, Huế "
                                  f"{DEMO_MARK}", f"09{rng.randrange(10 ** 8):08d}", "")
            _walk(version, applicant, STAGES[n % len(STAGES)], people, online=n % 3 == 0)
            made += 1
        made += _received_earlier(versions[0], people, rng)
    return f"Dossiers: {made} demo dossiers new."


def _received_earlier(version, p: People, rng) -> int:
    """Two dossiers received on earlier working days, one due later today and one overdue, so
    those queues have something to show. They go through the engine like the others, with the
    clock set back to the morning they were received (time-machine, installed with the
    development tools; without it they are left out)."""
    try:
        import time_machine
    except ImportError:
        return 0
    from datetime import datetime, time, timedelta

    from dossiers.deadlines import dossier_due
    from workdays.services import calendar_for

    now = timezone.now()
    today = timezone.localdate(now)
    calendar = calendar_for(version.receiving_agency)
    mornings = [timezone.make_aware(datetime.combine(today - timedelta(days=days), time(8, 30)))
                for days in range(1, 90)]
    mornings = [m for m in mornings if m.weekday() < 5]
    due_today = next((m for m in mornings if timezone.localdate(dossier_due(version, calendar, m)) == today
                      and dossier_due(version, calendar, m) > now), None)
    overdue = next((m for m in mornings if dossier_due(version, calendar, m) < now - timedelta(days=2)), None)
    made = 0
    for moment in (due_today, overdue):
        if moment is None:
            continue
        id_number, name = APPLICANTS[rng.randrange(len(APPLICANTS))]
        applicant = Applicant("citizen", id_number, name, f"{rng.randint(1, 200)} {rng.choice(STREETS)}, Huế "
                              f"{DEMO_MARK}", f"09{rng.randrange(10 ** 8):08d}", "")
        with time_machine.travel(moment, tick=False):
            dossier = actions.submit(version, applicant, p.counter, channel=Channel.COUNTER).dossier
            dossier = actions.receive(dossier, p.counter).dossier
            actions.forward(dossier, p.counter, assignee=p.specialist)
        made += 1
    return made


def _versions(people) -> list:
    """Published procedures received at the counter officer's agency and decided at the
    specialist's: the demo officers can walk them from intake to result."""
    from accounts.permissions import agencies_where
    from catalogue.models import ProcedureVersion

    if people.counter is None or people.specialist is None:
        return []
    counters = agencies_where(people.counter, "dossier.intake")
    deciders = agencies_where(people.specialist, "dossier.step")
    today = timezone.localdate()
    found = (ProcedureVersion.objects.filter(state=ProcedureVersion.State.PUBLISHED, receiving_agency_id__in=counters,
                                             competent_agency_id__in=deciders, effective_from__lte=today)
             .select_related("procedure").order_by("procedure__code"))
    return [v for v in found if len(steps_of(v.pk)) >= 3][:6]


def _walk(version, applicant, stage: str, p: People, *, online: bool) -> None:
    # A procedure whose process stops the walk earlier leaves the dossier where it got to.
    with contextlib.suppress(ActionError):
        _go(version, applicant, stage, p, online=online)


def _go(version, applicant, stage: str, p: People, *, online: bool) -> None:
    if online and p.citizen is not None and version.online_level != version.OnlineLevel.NONE:
        dossier = actions.submit(version, applicant, p.citizen).dossier
    else:
        dossier = actions.submit(version, applicant, p.counter, channel=Channel.COUNTER).dossier
    if stage == "submitted":
        return
    if stage == "refused":
        actions.refuse(dossier, p.counter, reason="Hồ sơ không thuộc thẩm quyền giải quyết (dữ liệu mẫu).")
        return
    dossier = actions.receive(dossier, p.counter).dossier
    if stage == "received":
        return
    dossier = actions.forward(dossier, p.counter, assignee=p.specialist).dossier
    if stage == "appraising":
        return
    if stage == "supplement":
        actions.request_supplement(dossier, p.specialist, missing=["Bản sao giấy tờ tùy thân có chứng thực"],
                                   reason="Bản sao chưa được chứng thực (dữ liệu mẫu).")
        return
    dossier = actions.forward(dossier, p.specialist).dossier
    if stage == "approving":
        return
    dossier = actions.approve(dossier, p.leader).dossier
    if stage == "result_ready":
        return
    actions.return_result(dossier, p.counter)
