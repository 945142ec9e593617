"""Story: a dossier runs late; the leader apologises with a new date (form 04) once; a
second apology is refused (Decree 61)."""

import pytest

from dossiers import actions
from dossiers.actions import ActionError
from tests.dossiers.conftest import at


def test_apology_sets_the_new_date_once(received, hoa, dung, clock):
    dossier = actions.forward(received, hoa).dossier
    clock.move_to(at(2025, 3, 28, 9))  # the working day before the due date (31/03)
    outcome = actions.apologize(dossier, dung, reason="Cần lấy ý kiến cơ quan quản lý quy hoạch",
                                new_due_at=at(2025, 4, 4, 17))
    dossier = outcome.dossier
    assert dossier.due_at == at(2025, 4, 4, 17)
    assert dossier.statutory_due_at == at(2025, 3, 31, 17)
    assert outcome.event.data["on_time"] is True

    with pytest.raises(ActionError, match="lần thứ hai"):
        actions.apologize(dossier, dung, reason="Lần nữa", new_due_at=at(2025, 4, 11, 17))
    assert dossier.events.filter(action="apologize").count() == 1


def test_an_apology_the_afternoon_before_is_recorded_as_short_notice(received, hoa, dung, clock):
    dossier = actions.forward(received, hoa).dossier
    clock.move_to(at(2025, 3, 31, 14))  # three working hours before the due time
    outcome = actions.apologize(dossier, dung, reason="Chậm", new_due_at=at(2025, 4, 4, 17))
    assert outcome.event.data["on_time"] is False


def test_no_apology_once_the_due_time_has_passed(received, hoa, dung, clock):
    dossier = actions.forward(received, hoa).dossier
    clock.move_to(at(2025, 4, 1, 9))
    with pytest.raises(ActionError, match="trước hạn"):
        actions.apologize(dossier, dung, reason="Chậm", new_due_at=at(2025, 4, 4, 17))


def test_the_new_date_must_be_later(received, dung, hoa):
    dossier = actions.forward(received, hoa).dossier
    with pytest.raises(ActionError, match="phải sau"):
        actions.apologize(dossier, dung, reason="Chậm", new_due_at=at(2025, 3, 20, 17))


def test_a_late_result_is_classified_late_against_the_statutory_date(received, hoa, minh, dung, clock):
    dossier = actions.forward(received, hoa).dossier
    clock.move_to(at(2025, 3, 28, 9))
    actions.apologize(dossier, dung, reason="Chậm", new_due_at=at(2025, 4, 4, 17))
    dossier = actions.forward(dossier, minh).dossier
    clock.move_to(at(2025, 4, 2, 9))
    dossier = actions.approve(dossier, dung).dossier
    assert dossier.timeliness == "late"
