"""Story: a dossier runs late; the leader apologises with a new date (form 04) once; a
second apology is refused (Decree 61)."""

import pytest

from dossiers import actions
from dossiers.actions import ActionError
from tests.conftest import run_tasks
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


def test_the_new_date_buys_at_most_the_statutory_time_once_more(received, hoa, dung, clock):
    dossier = actions.forward(received, hoa).dossier
    with pytest.raises(ActionError, match="không được quá"):
        actions.apologize(dossier, dung, reason="Chậm", new_due_at=at(2099, 12, 31, 17))
    # 15 working days after 31/03/2025 is 21/04/2025 (Hùng Kings' day 07/04 is off).
    assert actions.apologize(dossier, dung, reason="Chậm", new_due_at=at(2025, 4, 21, 17)).dossier.due_at == at(
        2025, 4, 21, 17)


def test_the_apology_e_mail_gives_the_new_date(received, hoa, dung, mailoutbox):
    dossier = actions.forward(received, hoa).dossier
    run_tasks()
    mailoutbox.clear()
    actions.apologize(dossier, dung, reason="Cần lấy ý kiến", new_due_at=at(2025, 4, 4, 17))
    assert mailoutbox == []  # nothing leaves inside the action: the worker sends it
    run_tasks()
    (message,) = mailoutbox
    assert "xin lỗi" in message.subject and "17:00 ngày 04/04/2025" in message.body
