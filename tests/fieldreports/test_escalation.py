"""The escalation sweep: level 1 tells the unit's leaders, level 2 the IOC; idempotent."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from fieldreports import actions
from fieldreports.escalation import sweep
from tests.conftest import run_tasks
from tests.fieldreports.conftest import report


def test_overdue_report_escalates_to_leader_then_ioc(world, lan, dung, vy, ioc, lighting):
    # Given Dũng leads agency A, Vy operates the IOC, and a lighting report of agency A is overdue
    dung.email, vy.email, ioc.email = "dung@example.vn", "vy@example.vn", "ioc@example.vn"
    for row in (dung, vy, ioc):
        row.save()
    r = report(lan, lighting)
    now = r.due_at + timedelta(minutes=1)
    run_tasks()
    mail.outbox.clear()
    # When the sweep runs
    counts = sweep(now)
    run_tasks()
    # Then the report is at level 1 and Dũng was told, not the IOC
    r.refresh_from_db()
    assert (counts.level1, counts.level2, r.escalation_level) == (1, 0, 1)
    assert [m.to for m in mail.outbox] == [["dung@example.vn"]]
    # When the sweep runs again at once (another worker, or a cron overlap), nothing happens
    assert sweep(now).level1 == 0 and r.events.filter(action="escalate").count() == 1
    # When a day later it is still open
    mail.outbox.clear()
    counts = sweep(now + timedelta(hours=24))
    run_tasks()
    r.refresh_from_db()
    assert (counts.level2, r.escalation_level) == (1, 2)
    assert sorted(m.to[0] for m in mail.outbox) == ["ioc@example.vn", "vy@example.vn"]


def test_two_workers_racing_escalate_once(world, lan, lighting):
    r = report(lan, lighting)
    now = r.due_at + timedelta(minutes=1)
    # Both workers read the report as level 0; only the first conditional UPDATE wins
    assert actions.escalate(r.pk, 0, 1, now=now) is True
    assert actions.escalate(r.pk, 0, 1, now=now) is False
    assert r.events.filter(action="escalate").count() == 1


def test_answered_and_in_time_reports_are_left_alone(world, lan, minh, lighting):
    answered = report(lan, lighting)
    actions.accept(answered, minh)
    actions.resolve(answered, minh, "Đã sửa")
    in_time = report(lan, lighting)
    counts = sweep(in_time.due_at - timedelta(minutes=1) if in_time.due_at > answered.due_at else timezone.now())
    assert counts.level1 == 0


def test_command_runs(world, lan, lighting, capsys):
    call_command("fieldreports_escalate")
    assert "Đã nhắc việc" in capsys.readouterr().out


def test_a_long_overdue_report_gets_level_one_before_level_two(world, lan, lighting, settings):
    # Given a report found 30 hours past its deadline (the sweep was not running)
    settings.FIELDREPORTS_ESCALATION_LEVEL2_HOURS = 24
    r = report(lan, lighting)
    now = r.due_at + timedelta(hours=30)
    # When the sweep runs
    counts = sweep(now)
    # Then it is raised to level 1 only: the unit's leaders get their time first
    r.refresh_from_db()
    assert (counts.level1, counts.level2, r.escalation_level, r.escalated_at) == (1, 0, 1, now)
    assert sweep(now + timedelta(hours=23)).level2 == 0
    # And level 2 comes 24 hours after level 1
    assert sweep(now + timedelta(hours=24)).level2 == 1
    r.refresh_from_db()
    assert r.escalation_level == 2


def test_dispatch_resets_the_escalation(world, lan, vy, lighting, agency_b):
    r = report(lan, lighting)
    sweep(r.due_at + timedelta(hours=1))
    r = actions.reroute(r, vy, agency_b)
    r.refresh_from_db()
    assert (r.escalation_level, r.escalated_at) == (0, None)


def test_the_ioc_overdue_list_needs_no_sweep(client, world, lan, vy, lighting):
    late = report(lan, lighting)
    in_time = report(lan, lighting)
    type(late).objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=1))
    client.force_login(vy)
    listed = [r.pk for r in client.get("/phan-anh/dieu-phoi/", {"q": "overdue"}).context["page"].object_list]
    assert late.pk in listed and in_time.pk not in listed
