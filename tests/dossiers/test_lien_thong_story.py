"""Story: during appraisal Minh needs information from agency B; a linked sub-dossier is
received there, handled with its own steps and deadlines, and its result flows back."""

import pytest

from dossiers import actions
from dossiers.actions import ActionError
from dossiers.states import State, Status
from tests.dossiers.conftest import at


def test_transfer_to_another_agency_and_back(received, land_info, hoa, minh, tu, counter_b, leader_b, clock):
    parent = actions.forward(received, hoa).dossier
    outcome = actions.transfer(parent, minh, version=land_info, note="Đề nghị cung cấp thông tin thửa đất")
    parent = outcome.dossier
    assert (parent.state, parent.status) == (State.TRANSFERRED, Status.PROCESSING)
    sub = parent.sub_dossiers.get()
    assert sub.code == "000.00.21.H57-250310-0001"
    assert (sub.state, sub.receiving_agency.code) == (State.RECEIVED, "000.00.21.H57")
    assert sub.due_at == at(2025, 3, 13, 17)  # its own 3 working days
    assert outcome.event.data["sub_dossier"] == sub.code

    # The parent cannot move while agency B works
    with pytest.raises(ActionError):
        actions.forward(parent, minh)

    clock.move_to(at(2025, 3, 11, 9))
    sub = actions.forward(sub, counter_b).dossier
    sub = actions.forward(sub, tu).dossier
    sub = actions.approve(sub, leader_b).dossier
    assert sub.status == Status.RESOLVED
    sub = actions.return_result(sub, counter_b).dossier
    assert sub.status == Status.RETURNED

    parent.refresh_from_db()
    assert (parent.state, parent.status) == (State.PROCESSING, Status.PROCESSING)
    last = parent.events.order_by("-seq").first()
    assert (last.action, last.data["sub_dossier"]) == ("transfer_result", sub.code)
    assert actions.forward(parent, minh).dossier.current_step.order == 3


def test_transfer_only_where_the_process_allows_it(received, land_info, hoa):
    with pytest.raises(ActionError, match="không cho phép"):
        actions.transfer(received, hoa, version=land_info)


@pytest.fixture
def transferred(received, land_info, hoa, minh):
    parent = actions.forward(received, hoa).dossier
    parent = actions.transfer(parent, minh, version=land_info).dossier
    return parent, parent.sub_dossiers.get()


def test_a_sub_dossier_cannot_be_withdrawn_on_its_own(transferred, counter_b, lan):
    parent, sub = transferred
    with pytest.raises(ActionError, match="cùng với hồ sơ gốc"):
        actions.withdraw(sub, counter_b, reason="Rút")


def test_withdrawing_the_parent_withdraws_its_open_sub_dossier(transferred, hoa):
    parent, sub = transferred
    parent = actions.withdraw(parent, hoa, reason="Công dân rút hồ sơ").dossier
    sub.refresh_from_db()
    assert (parent.status, sub.status) == (Status.WITHDRAWN, Status.WITHDRAWN)
    assert sub.events.order_by("-seq").first().data["with_parent"] == parent.code


def test_a_refused_sub_dossier_hands_the_parent_back(received, agency_b, hoa, minh, counter_b, tu):
    from datetime import date
    from decimal import Decimal

    from catalogue.specs import StepSpecRow, write_spec
    from tests.catalogue.conftest import building_permit_spec

    spec = building_permit_spec(agency_b, code="1.004322", time_limit_value=1, effective_from=date(2025, 1, 1))
    spec.steps = [
        StepSpecRow("Tiếp nhận", "counter_officer", "receiving", Decimal("1"), ["forward"]),
        StepSpecRow("Xử lý", "specialist", "competent", Decimal("6"), ["forward", "refuse"]),
        StepSpecRow("Trả kết quả", "counter_officer", "receiving", Decimal("1"), ["return_result"]),
    ]
    refusable = write_spec(spec)
    parent = actions.transfer(actions.forward(received, hoa).dossier, minh, version=refusable).dossier
    sub = actions.forward(parent.sub_dossiers.get(), counter_b).dossier
    actions.refuse(sub, tu, reason="Thửa đất đang tranh chấp")
    parent.refresh_from_db()
    assert (parent.state, parent.status) == (State.PROCESSING, Status.PROCESSING)
    last = parent.events.order_by("-seq").first()
    assert (last.action, last.data["outcome"], last.data["reason"]) == (
        "transfer_result", "refused", "Thửa đất đang tranh chấp")


def test_the_parent_step_clock_stops_while_the_sub_dossier_is_away(transferred, counter_b, tu, leader_b, clock):
    parent, sub = transferred
    step_due = parent.step_due_at
    clock.move_to(at(2025, 3, 12, 9))  # two working days later
    sub = actions.forward(sub, counter_b).dossier
    sub = actions.forward(sub, tu).dossier
    sub = actions.approve(sub, leader_b).dossier
    actions.return_result(sub, counter_b)
    parent.refresh_from_db()
    assert parent.step_due_at > step_due  # given back the time agency B had it
    assert parent.paused_at is None


def test_the_applicant_hears_nothing_about_the_sub_dossier(transferred, counter_b, tu, leader_b, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    parent, sub = transferred
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sub = actions.forward(actions.forward(sub, counter_b).dossier, tu).dossier
        actions.return_result(actions.approve(sub, leader_b).dossier, counter_b)
    assert mailoutbox == [] and callbacks == []
