"""Every action is refused to a user of the wrong role or of another agency, and a refused
action leaves the dossier and its event log exactly as they were."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import User
from dossiers import actions
from dossiers.actions import ActionError
from dossiers.models import Channel, Dossier
from tests.dossiers.conftest import LAN, at


@pytest.fixture
def stranger(db):
    return User.objects.create_user("046200000999", password="mat-khau-dai-123", citizen_id="046200000999",
                                    full_name="Người lạ")


def at_step(received, hoa, minh, dung, step):
    dossier = received
    if step >= 2:
        dossier = actions.forward(dossier, hoa).dossier
    if step >= 3:
        dossier = actions.forward(dossier, minh).dossier
    return dossier


CASES = [
    # (name, step the dossier is at, actor fixture, call)
    ("receive by a specialist", 0, "minh", lambda d, u: actions.receive(d, u)),
    ("receive at another agency", 0, "tu", lambda d, u: actions.receive(d, u)),
    ("refuse at intake by a citizen", 0, "lan", lambda d, u: actions.refuse(d, u, reason="x")),
    ("intake supplement by a leader", 0, "dung", lambda d, u: actions.request_intake_supplement(d, u, missing=[],
                                                                                               reason="x")),
    ("forward step 1 by a specialist", 1, "minh", lambda d, u: actions.forward(d, u)),
    ("forward step 2 by another agency's specialist", 2, "tu", lambda d, u: actions.forward(d, u)),
    ("approve by a specialist", 3, "minh", lambda d, u: actions.approve(d, u)),
    ("approve by the system administrator", 3, "son", lambda d, u: actions.approve(d, u)),
    ("supplement by the counter", 2, "hoa", lambda d, u: actions.request_supplement(d, u, missing=[], reason="x")),
    ("stop by a specialist", 2, "minh", lambda d, u: actions.stop(d, u, reason="x")),
    ("apology by a specialist", 2, "minh", lambda d, u: actions.apologize(d, u, reason="x",
                                                                         new_due_at=at(2025, 5, 1, 17))),
    ("reassign by a specialist", 2, "minh", lambda d, u: actions.reassign(d, u, assignee=u)),
    ("withdraw by another citizen", 2, "stranger", lambda d, u: actions.withdraw(d, u, reason="x")),
    ("withdraw by an agency administrator", 2, "quan", lambda d, u: actions.withdraw(d, u, reason="x")),
    ("payment request by the operator", 2, "vy", lambda d, u: actions.request_payment(d, u, amount=1000,
                                                                                      reason="x")),
]


@pytest.mark.parametrize(("name", "step", "who", "call"), CASES, ids=[c[0] for c in CASES])
def test_refused_and_nothing_changes(request, permit, hoa, minh, dung, tu, lan, son, quan, vy, stranger,
                                     name, step, who, call):
    dossier = actions.submit(permit, LAN, lan).dossier
    if step >= 1:
        dossier = at_step(actions.receive(dossier, hoa).dossier, hoa, minh, dung, step)
    before = Dossier.objects.filter(pk=dossier.pk).values().get()
    events_before = list(dossier.events.values_list("seq", "hash"))
    actor = request.getfixturevalue(who)
    with pytest.raises((PermissionDenied, ActionError)):
        call(dossier, actor)
    assert Dossier.objects.filter(pk=dossier.pk).values().get() == before
    assert list(dossier.events.values_list("seq", "hash")) == events_before


def test_online_submission_needs_a_citizen(permit, hoa, minh):
    with pytest.raises(PermissionDenied):
        actions.submit(permit, LAN, minh)
    with pytest.raises(PermissionDenied):
        actions.submit(permit, LAN, minh, channel=Channel.COUNTER)  # not a counter officer


def test_applicant_id_is_validated(permit, hoa):
    bad = actions.Applicant("citizen", "12345", "Nguyễn Văn A")
    with pytest.raises(ActionError, match="12 chữ số"):
        actions.submit(permit, bad, hoa, channel=Channel.COUNTER)


def test_control_characters_never_reach_the_database(permit, hoa):
    dirty = actions.Applicant("citizen", " 046190000123 ", "Nguyễn\x00 Thị\x0b Lan", "12 Lê Lợi\nThuận Hóa")
    dossier = actions.submit(permit, dirty, hoa, channel=Channel.COUNTER).dossier
    assert (dossier.applicant_name, dossier.applicant_address) == ("Nguyễn Thị Lan", "12 Lê Lợi Thuận Hóa")
    outcome = actions.refuse(dossier, hoa, reason="Thiếu\x00 giấy tờ\x1b")
    assert outcome.event.data["reason"] == "Thiếu giấy tờ"
    with pytest.raises(ActionError, match="lý do"):
        actions.refuse(dossier, hoa, reason="\x00\x07")
