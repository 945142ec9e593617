"""Refusal at intake (form 03), refusal at a step, withdrawal, payment and stop."""

import pytest
from django.core.exceptions import PermissionDenied

from dossiers import actions
from dossiers.actions import ActionError
from dossiers.models import Channel
from dossiers.states import State, Status
from tests.dossiers.conftest import LAN, at


def test_refusal_at_intake(permit, hoa):
    dossier = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    outcome = actions.refuse(dossier, hoa, reason="Công trình không thuộc diện phải cấp giấy phép")
    refused = outcome.dossier
    assert (refused.state, refused.status, refused.code) == (State.REFUSED, Status.REFUSED, None)
    assert outcome.event.data["reason"] == "Công trình không thuộc diện phải cấp giấy phép"


def test_refusal_needs_a_reason(permit, hoa):
    dossier = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    with pytest.raises(ActionError, match="lý do"):
        actions.refuse(dossier, hoa, reason="  ")


def test_withdrawal_by_the_applicant_during_processing(permit, lan, hoa):
    dossier = actions.forward(actions.receive(actions.submit(permit, LAN, lan).dossier, hoa).dossier, hoa).dossier
    dossier = actions.withdraw(dossier, lan, reason="Tôi muốn điều chỉnh thiết kế").dossier
    assert (dossier.state, dossier.status) == (State.WITHDRAWN, Status.WITHDRAWN)
    with pytest.raises(ActionError, match="trạng thái"):
        actions.forward(dossier, hoa)


def test_withdrawal_at_the_counter(received, hoa):
    assert actions.withdraw(received, hoa, reason="Công dân rút hồ sơ").dossier.status == Status.WITHDRAWN


def test_waiting_for_a_fee_stops_the_clock(received, hoa, minh, clock):
    dossier = actions.forward(received, hoa).dossier
    dossier = actions.request_payment(dossier, minh, amount=75000, reason="Lệ phí cấp phép").dossier
    assert dossier.status == Status.PAYMENT
    clock.move_to(at(2025, 3, 11, 9))
    dossier = actions.resume(dossier, hoa).dossier
    assert dossier.status == Status.PROCESSING and dossier.due_at == at(2025, 4, 1, 17)


def test_stop_and_resume_by_the_leader(received, hoa, dung):
    dossier = actions.forward(received, hoa).dossier
    dossier = actions.stop(dossier, dung, reason="Chờ ý kiến cơ quan cấp trên").dossier
    assert dossier.status == Status.STOPPED
    assert actions.resume(dossier, dung).dossier.status == Status.PROCESSING


def test_send_back_and_reassign(received, hoa, minh, dung, quan):
    from accounts.roles import Role
    from accounts.services import grant_role

    grant_role(quan, received.receiving_agency, Role.SPECIALIST)
    dossier = actions.forward(received, hoa, assignee=minh).dossier
    dossier = actions.reassign(dossier, dung, assignee=quan).dossier
    assert dossier.assignee == quan
    with pytest.raises(ActionError):
        actions.reassign(dossier, dung, assignee=hoa)  # not a specialist
    dossier = actions.send_back(dossier, quan, reason="Thiếu thông tin người nộp").dossier
    assert (dossier.current_step.order, dossier.status) == (1, Status.RECEIVED)


def test_a_fee_is_asked_by_the_officer_of_the_step_and_paid_at_the_counter(received, hoa, minh, dung):
    dossier = actions.forward(actions.forward(received, hoa).dossier, minh).dossier  # at the leader's step
    with pytest.raises(PermissionDenied):
        actions.request_payment(dossier, minh, amount=75000, reason="Lệ phí")  # not this step's officer
    dossier = actions.request_payment(dossier, dung, amount=75000, reason="Lệ phí").dossier
    with pytest.raises(PermissionDenied):
        actions.resume(dossier, dung)  # the one who asked does not record the payment
    assert actions.resume(dossier, hoa).dossier.status == Status.PROCESSING


def test_no_fee_to_ask_for_when_the_procedure_has_none(agency_a, hoa, minh, clock):
    from datetime import date

    from catalogue.specs import write_spec
    from tests.catalogue.conftest import building_permit_spec

    free = write_spec(building_permit_spec(agency_a, code="1.000111", fees=[], effective_from=date(2025, 1, 1)))
    dossier = actions.receive(actions.submit(free, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    dossier = actions.forward(dossier, hoa).dossier
    with pytest.raises(ActionError, match="không có phí"):
        actions.request_payment(dossier, minh, amount=1000, reason="Phí")


def test_intake_guidance_is_given_once(permit, lan, hoa):
    dossier = actions.submit(permit, LAN, lan).dossier
    actions.request_intake_supplement(dossier, hoa, missing=["Bản vẽ"], reason="Thiếu bản vẽ")
    actions.resubmit(dossier, lan)
    with pytest.raises(ActionError, match="một lần"):
        actions.request_intake_supplement(dossier, hoa, missing=["Bản vẽ"], reason="Vẫn thiếu")
    assert actions.refuse(dossier, hoa, reason="Hồ sơ vẫn chưa đầy đủ").dossier.status == Status.REFUSED


def test_only_the_assignee_or_a_leader_acts_on_an_assigned_step(received, hoa, minh, dung):
    from accounts.roles import Role
    from accounts.services import grant_role
    from tests.conftest import staff

    nam = staff("nam", received.receiving_agency, Role.SPECIALIST, full_name="Đỗ Văn Nam")
    dossier = actions.forward(received, hoa, assignee=minh).dossier
    with pytest.raises(PermissionDenied, match="đang được giao"):
        actions.forward(dossier, nam)
    grant_role(dung, received.receiving_agency, Role.SPECIALIST)  # a leader who can also appraise
    assert actions.forward(dossier, dung).dossier.current_step.order == 3
