"""Story: Lan brings her building-permit dossier to the counter; it is appraised, approved
and returned early. Given / when / then at each step."""

from dossiers import actions
from dossiers.models import Channel
from dossiers.states import State, Status
from tests.dossiers.conftest import LAN, at, verify_dossier


def test_counter_intake_to_result_returned_early(permit, hoa, minh, dung, clock):
    # Given Lan at the counter on Monday 10/03/2025 09:00
    submitted = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    assert (submitted.state, submitted.status, submitted.code) == (State.SUBMITTED, Status.NEW, None)

    # When Hòa receives it
    dossier = actions.receive(submitted, hoa).dossier
    # Then it has its code, its due time (15 working days) and is at the first step
    assert dossier.code == "000.00.20.H57-250310-0001"
    assert dossier.status == Status.RECEIVED
    assert dossier.due_at == at(2025, 3, 31, 17)
    assert dossier.current_step.name == "Tiếp nhận hồ sơ"
    assert dossier.step_due_at == at(2025, 3, 10, 14, 30)  # 4 working hours from 09:00
    assert len(dossier.lookup_secret) == 8

    # When Hòa forwards it to Minh, who appraises it the next morning, and Dũng approves
    clock.move_to(at(2025, 3, 10, 9, 30))
    dossier = actions.forward(dossier, hoa, assignee=minh).dossier
    assert (dossier.status, dossier.current_step.name, dossier.assignee) == (Status.PROCESSING, "Thẩm định hồ sơ", minh)
    clock.move_to(at(2025, 3, 11, 10))
    dossier = actions.forward(dossier, minh).dossier
    clock.move_to(at(2025, 3, 11, 11))
    outcome = actions.approve(dossier, dung)
    dossier = outcome.dossier

    # Then the result is ready, early
    assert (dossier.state, dossier.status) == (State.RESULT_READY, Status.RESOLVED)
    assert dossier.timeliness == "early"
    assert outcome.event.step_timeliness == "early"  # the approval step was due on 12/03

    # When Hòa returns the result that afternoon
    clock.move_to(at(2025, 3, 11, 14))
    dossier = actions.return_result(dossier, hoa).dossier
    assert (dossier.state, dossier.status) == (State.RETURNED, Status.RETURNED)
    assert dossier.returned_at == at(2025, 3, 11, 14)

    # And the trail tells the whole story, intact
    assert [e.action for e in dossier.events.order_by("seq")] == [
        "submit", "receive", "forward", "forward", "approve", "return_result"]
    assert [e.step_timeliness for e in dossier.events.order_by("seq")][2:] == ["on_time", "early", "early", "on_time"]
    assert verify_dossier(dossier) is None


def test_codes_are_consecutive_per_agency_and_day(permit, hoa, clock):
    codes = []
    for _ in range(3):
        dossier = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
        codes.append(actions.receive(dossier, hoa).dossier.code)
    clock.move_to(at(2025, 3, 11))
    dossier = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    codes.append(actions.receive(dossier, hoa).dossier.code)
    assert codes == ["000.00.20.H57-250310-0001", "000.00.20.H57-250310-0002", "000.00.20.H57-250310-0003",
                     "000.00.20.H57-250311-0001"]


def test_a_repeated_request_acts_once(received, hoa, minh):
    first = actions.forward(received, hoa, key="fwd-1", assignee=minh)
    again = actions.forward(received, hoa, key="fwd-1", assignee=minh)
    assert again.repeated and again.event.pk == first.event.pk
    assert received.events.count() == 3


def test_a_counter_intake_outside_hours_counts_from_the_next_morning(permit, hoa, clock):
    clock.move_to(at(2025, 3, 7, 18))  # Friday evening, after closing
    dossier = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    assert dossier.due_at == at(2025, 3, 31, 17)  # deemed Monday 07:30: 15 days from Tuesday
