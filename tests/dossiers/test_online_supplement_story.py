"""Story: Lan applies online; mid-way the specialist asks for a document; the clock stops
while she gathers it, and the due time moves by exactly the working time she took."""

from dossiers import actions
from dossiers.states import State, Status
from tests.dossiers.conftest import LAN, at


def test_supplement_during_processing_gives_the_waiting_time_back(permit, lan, hoa, minh, clock):
    dossier = actions.submit(permit, LAN, lan).dossier
    assert (dossier.status, dossier.channel, dossier.submitted_by) == (Status.NEW, 2, lan)
    dossier = actions.receive(dossier, hoa).dossier
    dossier = actions.forward(dossier, hoa).dossier
    due, step_due = dossier.due_at, dossier.step_due_at
    assert due == at(2025, 3, 31, 17)

    # Minh asks for the land certificate on Monday 10:00: the clock stops
    clock.move_to(at(2025, 3, 10, 10))
    dossier = actions.request_supplement(
        dossier, minh, missing=["Giấy chứng nhận quyền sử dụng đất"], reason="Thiếu bản sao chứng thực").dossier
    assert (dossier.state, dossier.status) == (State.SUPPLEMENT, Status.SUPPLEMENT)
    assert dossier.paused_at == at(2025, 3, 10, 10)

    # Lan completes it online on Wednesday 10:00: two working days later
    clock.move_to(at(2025, 3, 12, 10))
    outcome = actions.resume(dossier, lan)
    dossier = outcome.dossier
    assert (dossier.state, dossier.status, dossier.paused_at) == (State.PROCESSING, Status.PROCESSING, None)
    assert outcome.event.data["waited_seconds"] == 16 * 3600
    assert dossier.due_at == at(2025, 4, 2, 17)  # exactly two working days later
    assert dossier.statutory_due_at == at(2025, 4, 2, 17)
    assert dossier.step_due_at > step_due


def test_a_supplement_over_a_weekend_gives_back_only_working_time(permit, lan, hoa, minh, clock):
    dossier = actions.forward(actions.receive(actions.submit(permit, LAN, lan).dossier, hoa).dossier, hoa).dossier
    clock.move_to(at(2025, 3, 14, 16))  # Friday 16:00
    actions.request_supplement(dossier, minh, missing=[], reason="Bổ sung bản vẽ")
    clock.move_to(at(2025, 3, 17, 8, 30))  # Monday 08:30: 1 h Friday + 1 h Monday
    dossier = actions.resume(dossier, lan).dossier
    assert dossier.due_at == at(2025, 4, 1, 9, 30)


def test_intake_supplement_then_resubmission(permit, lan, hoa):
    dossier = actions.submit(permit, LAN, lan).dossier
    dossier = actions.request_intake_supplement(dossier, hoa, missing=["Bản vẽ thiết kế"],
                                                reason="Thiếu bản vẽ mặt bằng").dossier
    assert (dossier.state, dossier.status) == (State.INTAKE_SUPPLEMENT, Status.SUPPLEMENT)
    dossier = actions.resubmit(dossier, lan).dossier
    assert dossier.status == Status.NEW
    assert actions.receive(dossier, hoa).dossier.status == Status.RECEIVED
