"""The dossier table, checked edge by edge: for every state a dossier can be in and every
persona, `allowed_actions` offers exactly the actions the engine then performs; every other
action is refused with the dossier row and its event log unchanged; and every edge a user can
be offered is taken somewhere in the matrix."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Target, can
from accounts.roles import Role
from catalogue.specs import StepSpecRow, write_spec
from documents.actions import digitize
from dossiers import actions
from dossiers.evaluation import ASKED
from dossiers.files import attach_file
from dossiers.machine import DOSSIER, step_agency_id
from dossiers.models import Channel, Dossier
from dossiers.states import State
from tests.catalogue.conftest import building_permit_spec
from tests.conftest import make_user, staff
from tests.dossiers.conftest import LAN, pdf_bytes
from tests.workflow.matrix import check
from workflow import engine
from workflow.actors import SYSTEM
from workflow.errors import ActionError
from workflow.machine import NEW

PDF = pdf_bytes()


@pytest.fixture
def version(agency_a, clock):
    """A process whose steps between them allow every step action of the table."""
    spec = building_permit_spec(agency_a, effective_from=date(2025, 1, 1))
    spec.steps = [
        StepSpecRow("Tiếp nhận hồ sơ", "counter_officer", "receiving", Decimal("4"), ["forward", "refuse"]),
        StepSpecRow("Thẩm định hồ sơ", "specialist", "competent", Decimal("100"),
                    ["forward", "request_supplement", "send_back", "transfer", "refuse"]),
        StepSpecRow("Phê duyệt", "leader", "competent", Decimal("12"), ["approve", "sign", "send_back"]),
        StepSpecRow("Trả kết quả", "counter_officer", "receiving", Decimal("4"), ["return_result"]),
    ]
    return write_spec(spec)


@pytest.fixture
def personas(lan, hoa, minh, dung, quan, tu, vy, son, counter_b, leader_b, agency_a):
    return {
        "lan (owner)": lan,
        "stranger": make_user("046200000999", kind=User.Kind.CITIZEN, citizen_id="046200000999", full_name="Người lạ"),
        "hoa (counter A)": hoa,
        "minh (specialist A)": minh,
        "khanh (specialist A)": staff("khanh", agency_a, Role.SPECIALIST, full_name="Đỗ Văn Khánh"),
        "dung (leader A)": dung,
        "quan (agency admin A)": quan,
        "tu (specialist B)": tu,
        "thu (counter B)": counter_b,
        "khoa (leader B)": leader_b,
        "vy (operator)": vy,
        "son (administrator)": son,
        "system": SYSTEM,
        "anonymous": AnonymousUser(),
    }


def build(case: str, version, land_info, p) -> Dossier:
    """Lan's online dossier brought to `case` by the people whose work it is."""
    lan, hoa, minh, dung = p["lan (owner)"], p["hoa (counter A)"], p["minh (specialist A)"], p["dung (leader A)"]
    if case == "counter submitted":
        return actions.submit(version, LAN, hoa, channel=Channel.COUNTER).dossier
    d = actions.submit(version, LAN, lan).dossier
    if case == "submitted":
        return d
    if case == "intake supplement":
        return actions.request_intake_supplement(d, hoa, missing=["Bản vẽ"], reason="Thiếu bản vẽ").dossier
    if case == "refused":
        return actions.refuse(d, hoa, reason="Không thuộc thẩm quyền").dossier
    d = actions.receive(d, hoa).dossier
    if case == "received":
        return d
    if case == "withdrawn":
        return actions.withdraw(d, lan, reason="Không còn nhu cầu").dossier
    if case == "assigned to minh":
        return actions.forward(d, hoa, assignee=minh).dossier
    d = actions.forward(d, hoa).dossier
    if case == "processing":
        return d
    if case == "supplement":
        return actions.request_supplement(d, minh, missing=["Bản vẽ"], reason="Bản vẽ mờ").dossier
    if case == "awaiting payment":
        return actions.request_payment(d, minh, amount=75000, reason="Lệ phí").dossier
    if case == "stopped":
        return actions.stop(d, dung, reason="Chờ ý kiến cơ quan khác").dossier
    if case in ("transferred", "sub-dossier received"):
        d = actions.transfer(d, minh, version=land_info).dossier
        return d if case == "transferred" else d.sub_dossiers.get()
    d = actions.forward(d, minh).dossier
    if case == "processing at approval":
        return d
    d = actions.approve(d, dung).dossier
    if case == "result ready":
        return d
    return actions.return_result(d, hoa).dossier  # returned


CASES = ["counter submitted", "submitted", "intake supplement", "refused", "received", "withdrawn",
         "assigned to minh", "processing", "supplement", "awaiting payment", "stopped", "transferred",
         "sub-dossier received", "processing at approval", "result ready", "returned"]


def someone_for_step(d: Dossier, p: dict):
    if d.current_step_id is None:  # the engine refuses before it looks at the assignee
        return p["minh (specialist A)"]
    target = Target(agency_id=step_agency_id(d), role=d.current_step.role)
    return next(u for u in p.values() if getattr(u, "pk", None) and u.pk != d.assignee_id
                and can(u, "dossier.step", target))


def take(action: str, d: Dossier, user, p: dict, land_info):
    """Take `action` on `d` as `user`, with inputs a careful user would give."""
    calls = {
        "receive": lambda: actions.receive(d, user),
        "request_intake_supplement": lambda: actions.request_intake_supplement(d, user, missing=["Đơn"],
                                                                               reason="Thiếu đơn"),
        "resubmit": lambda: actions.resubmit(d, user),
        "refuse": lambda: actions.refuse(d, user, reason="Không đủ điều kiện"),
        "forward": lambda: actions.forward(d, user),
        "approve": lambda: actions.approve(d, user),
        "sign": lambda: actions.sign(d, user),
        "send_back": lambda: actions.send_back(d, user, reason="Cần thẩm định lại"),
        "reassign": lambda: actions.reassign(d, user, assignee=someone_for_step(d, p)),
        "request_supplement": lambda: actions.request_supplement(d, user, missing=["Bản vẽ"], reason="Mờ"),
        "request_payment": lambda: actions.request_payment(d, user, amount=75000, reason="Lệ phí"),
        "stop": lambda: actions.stop(d, user, reason="Tạm dừng"),
        "resume": lambda: actions.resume(d, user),
        "transfer": lambda: actions.transfer(d, user, version=land_info),
        "return_result": lambda: actions.return_result(d, user),
        "withdraw": lambda: actions.withdraw(d, user, reason="Không còn nhu cầu"),
        "apologize": lambda: actions.apologize(d, user, reason="Chờ ý kiến",
                                               new_due_at=(d.due_at or timezone.now()) + timedelta(days=1)),
        "evaluate": lambda: actions.evaluate(d, user, scores=dict.fromkeys(ASKED, 2)),
        "attach_file": lambda: attach_file(d, None, SimpleUploadedFile("don.pdf", PDF), user),
        "digitize": lambda: digitize(a_file_of(d), user, kind="Đơn đề nghị"),
        "alert_due_soon": lambda: engine.perform(DOSSIER, d.pk, "alert_due_soon", user),
        "alert_overdue": lambda: engine.perform(DOSSIER, d.pk, "alert_overdue", user),
        "alert_step_overdue": lambda: engine.perform(DOSSIER, d.pk, "alert_step_overdue", user),
    }
    assert set(calls) == set(DOSSIER.actions) - {"submit"}, "every action of the table has a call here"
    return calls[action]()


def a_file_of(d: Dossier):
    """A file of the dossier to digitize: one it has, else a row made here (not through the engine:
    the matrix is about who may digitize, not about attaching)."""
    from dossiers.models import DossierFile

    found = DossierFile.objects.filter(dossier=d).first()
    if found is None:
        found = DossierFile(dossier=d, original_name="don.pdf", content_type="application/pdf", extension=".pdf",
                            size=len(PDF), sha256="0" * 64)
        found.file.name = "dossiers/00/" + "0" * 64 + ".pdf"
        found.save()
    return found


def snapshot(d: Dossier):
    return (Dossier.objects.filter(pk=d.pk).values().get(),
            list(d.events.order_by("seq").values_list("seq", "hash")), Dossier.objects.count())


EXPECTED_STATE = {
    "counter submitted": State.SUBMITTED, "submitted": State.SUBMITTED, "intake supplement": State.INTAKE_SUPPLEMENT,
    "refused": State.REFUSED, "received": State.RECEIVED, "withdrawn": State.WITHDRAWN,
    "assigned to minh": State.PROCESSING, "processing": State.PROCESSING, "supplement": State.SUPPLEMENT,
    "awaiting payment": State.AWAITING_PAYMENT, "stopped": State.STOPPED, "transferred": State.TRANSFERRED,
    "sub-dossier received": State.RECEIVED, "processing at approval": State.PROCESSING,
    "result ready": State.RESULT_READY, "returned": State.RETURNED,
}


# What each persona is offered, by first name, in each case: the table read as a person would.
# Nobody else (a stranger, the agency administrator, the operator, the administrator, another
# agency's staff, anyone anonymous) is offered anything on these dossiers.
EXPECTED_OFFERS = {
    'counter submitted': {
        'hoa': 'receive request_intake_supplement refuse withdraw attach_file',
    },
    'submitted': {
        'lan': 'withdraw attach_file',
        'hoa': 'receive request_intake_supplement refuse withdraw attach_file',
    },
    'intake supplement': {
        'lan': 'resubmit withdraw attach_file',
        'hoa': 'resubmit refuse withdraw attach_file',
    },
    'refused': {
    },
    'received': {
        'lan': 'withdraw',
        'hoa': 'refuse forward request_payment withdraw attach_file digitize',
        'dung': 'reassign stop apologize',
        'system': 'alert_due_soon alert_overdue alert_step_overdue',
    },
    'withdrawn': {
    },
    'assigned to minh': {
        'lan': 'withdraw',
        'hoa': 'withdraw digitize',
        'minh': 'refuse forward send_back request_supplement request_payment transfer',
        'dung': 'reassign stop apologize',
        'system': 'alert_due_soon alert_overdue alert_step_overdue',
    },
    'processing': {
        'lan': 'withdraw',
        'hoa': 'withdraw digitize',
        'minh': 'refuse forward send_back request_supplement request_payment transfer',
        'khanh': 'refuse forward send_back request_supplement request_payment transfer',
        'dung': 'reassign stop apologize',
        'system': 'alert_due_soon alert_overdue alert_step_overdue',
    },
    'supplement': {
        'lan': 'resume withdraw attach_file',
        'hoa': 'resume withdraw attach_file digitize',
        'dung': 'reassign apologize',
    },
    'awaiting payment': {
        'lan': 'withdraw',
        'hoa': 'resume withdraw digitize',
        'dung': 'reassign apologize',
    },
    'stopped': {
        'lan': 'withdraw',
        'hoa': 'withdraw digitize',
        'dung': 'reassign resume apologize',
    },
    'transferred': {
        'lan': 'withdraw',
        'hoa': 'withdraw digitize',
        'dung': 'reassign apologize',
        'system': 'alert_due_soon alert_overdue',
    },
    'sub-dossier received': {
        'thu': 'forward request_payment attach_file digitize',
        'khoa': 'reassign stop apologize',
        'system': 'alert_due_soon alert_overdue alert_step_overdue',
    },
    'processing at approval': {
        'lan': 'withdraw',
        'hoa': 'withdraw digitize',
        'dung': 'approve sign send_back reassign request_payment stop apologize',
        'system': 'alert_due_soon alert_overdue alert_step_overdue',
    },
    'result ready': {
        'hoa': 'return_result digitize',
    },
    'returned': {
        'lan': 'evaluate',
        'hoa': 'digitize',
    },
}


@pytest.mark.parametrize("case", CASES)
def test_offered_exactly_what_the_engine_performs(case, version, land_info, personas, media_root):
    d = build(case, version, land_info, personas)
    assert d.state == EXPECTED_STATE[case]
    check(case, DOSSIER, d.pk, personas, EXPECTED_OFFERS[case],
          lambda action, obj, user: take(action, obj, user, personas, land_info), snapshot)


def test_every_edge_is_offered_to_someone_somewhere(version, land_info, personas):
    """No row of the table is dead: each action is offered in some state to some persona (and the
    matrix above proves every offer is performed)."""
    offered = set()
    for case in CASES:
        d = build(case, version, land_info, personas)
        for user in personas.values():
            offered |= {t.action for t in actions.allowed_actions(d, user)}
    assert set(DOSSIER.actions) - {"submit"} - offered == set()
    assert set(EXPECTED_STATE.values()) == set(State.values), "the matrix covers every state"


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.COUNTER, Channel.POST])
def test_submission_offered_and_performed_alike(channel, version, personas):
    for name, user in personas.items():
        unsaved = Dossier(procedure_version=version, channel=channel, receiving_agency=version.receiving_agency)
        try:
            DOSSIER.resolve(unsaved, "submit", user, state=NEW)
            offered = True
        except ActionError:
            offered = False
        count = Dossier.objects.count()
        try:
            actions.submit(version, LAN, user, channel=channel)
            performed = True
        except ActionError:
            performed = False
            assert Dossier.objects.count() == count
        assert offered == performed, f"{name}, channel {channel}: offered {offered}, performed {performed}"
        expected = {Channel.ONLINE: {"lan (owner)", "stranger"}}.get(channel, {"hoa (counter A)"})
        assert performed == (name in expected), f"{name} may submit on channel {channel}: {performed}"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path

