"""The sweep alerts once per dossier for due soon, overdue and late steps, on any number of workers."""

from datetime import timedelta

import pytest
from django.core import mail

from dossiers import actions
from dossiers.models import Dossier
from dossiers.sweep import sweep
from tests.conftest import run_tasks
from tests.dossiers.conftest import at


@pytest.fixture
def appraising(received, hoa, minh, dung):
    for user in (hoa, minh, dung):
        user.email = f"{user.username}@hue.gov.vn"
        user.save()
    return actions.forward(received, hoa, assignee=minh).dossier  # due 31/03/2025 17:00


def test_nothing_to_do_early_on(appraising, clock):
    result = sweep()
    assert (result.due_soon, result.overdue, result.step_overdue) == ([], [], [])


def test_due_soon_within_one_working_day_alerts_assignee_and_leader_once(appraising, clock):
    clock.move_to(at(2025, 3, 28, 9))  # Friday: still more than one working day before Monday 17:00
    assert sweep().due_soon == []
    clock.move_to(at(2025, 3, 28, 17))  # Friday closing: exactly one working day left
    run_tasks()
    mail.outbox.clear()
    assert sweep().due_soon == [appraising.pk]
    run_tasks()
    # One e-mail each to the assignee and the leader who signs the apology (form 04)
    assert sorted(m.to[0] for m in mail.outbox) == ["dung@hue.gov.vn", "minh@hue.gov.vn"]
    assert all("mẫu 04" in m.subject for m in mail.outbox)
    # and the alert is an event of the dossier, taken by the platform
    alert = appraising.events.get(action="alert_due_soon")
    assert (alert.actor, alert.actor_name, alert.to_state) == (None, "Hệ thống", appraising.state)
    assert sweep().due_soon == []  # a second worker or run does nothing
    run_tasks()
    assert len(mail.outbox) == 2


def test_overdue_and_late_step(appraising, clock):
    clock.move_to(at(2025, 4, 1, 8))
    result = sweep()
    assert result.overdue == [appraising.pk] and result.step_overdue == [appraising.pk]
    assert sweep().overdue == []
    assert Dossier.objects.get(pk=appraising.pk).overdue_alerted_at is not None


def test_an_apology_resets_the_alerts_for_the_new_date(appraising, dung, clock):
    clock.move_to(at(2025, 3, 28, 17))
    sweep()
    actions.apologize(appraising, dung, reason="Chờ ý kiến", new_due_at=at(2025, 4, 4, 17))
    clock.move_to(at(2025, 4, 7, 8))
    assert sweep().overdue == [appraising.pk]


def test_paused_dossiers_are_not_swept(appraising, minh, clock):
    actions.request_supplement(appraising, minh, missing=[], reason="Bổ sung")
    clock.move_to(at(2025, 4, 10, 8))
    assert sweep().overdue == []


def test_resuming_after_a_pause_arms_the_due_soon_alert_again(appraising, minh, lan, hoa, clock):
    clock.move_to(at(2025, 3, 28, 17))
    assert sweep().due_soon == [appraising.pk]
    actions.request_supplement(appraising, minh, missing=[], reason="Bổ sung bản vẽ")
    clock.move_to(at(2025, 4, 14, 8))
    dossier = actions.resume(appraising, hoa).dossier
    clock.move_to(dossier.due_at - timedelta(hours=1))
    assert sweep().due_soon == [appraising.pk]
