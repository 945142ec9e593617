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
