"""The outbox and the worker, in one process: an event and its tasks commit or roll back
together; failures are retried with back-off up to a maximum, then shown and re-queueable in
the admin; a periodic task is enqueued once per period however many workers there are; a task
left running by a dead worker is taken over."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dossiers import actions
from dossiers.models import Channel
from fieldreports.models import ReportEvent
from tests.dossiers.conftest import LAN
from tests.workflow import jobs
from workflow import outbox
from workflow.admin import queue_again
from workflow.models import Schedule, WorkerBeat
from workflow.tasks import periodic_tasks
from workflow.worker import Worker, drain


@pytest.fixture(autouse=True)
def _fresh_runs():
    jobs.RUNS.clear()


def row(result) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=result.id)


# --- the outbox ----------------------------------------------------------------------------------
def test_an_action_rolled_back_leaves_no_task(permit, hoa):
    dossier = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    tasks = DBTaskResult.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.receive(dossier, hoa)
        assert DBTaskResult.objects.count() == tasks + 1  # the receipt's notification, in the transaction
        raise RuntimeError("the request failed after the action")
    assert DBTaskResult.objects.count() == tasks
    actions.receive(dossier, hoa)
    (task,) = DBTaskResult.objects.order_by("-enqueued_at")[:1]
    assert task.task_path == "workflow.outbox.deliver_event" and task.status == TaskResultStatus.READY


def test_muted_actions_publish_nothing(permit, hoa):
    with outbox.muted():
        dossier = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
        actions.receive(dossier, hoa)
    assert not DBTaskResult.objects.exists()


# --- retries -------------------------------------------------------------------------------------------
def test_a_failing_task_is_retried_with_growing_back_off(db, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    result = jobs.flaky.enqueue("a", 2)
    assert drain() == 1
    first = row(result)
    assert first.status == TaskResultStatus.READY and "lần 1" in first.traceback
    assert first.run_after == timezone.now() + timedelta(seconds=2)
    assert drain() == 0  # not before its time
    time_machine.shift(timedelta(seconds=2))
    drain()
    assert row(result).run_after == timezone.now() + timedelta(seconds=4)  # 2 s, then 4 s
    time_machine.shift(timedelta(seconds=4))
    drain()
    done = row(result)
    assert (done.status, done.return_value, len(done.worker_ids)) == (TaskResultStatus.SUCCESSFUL, 3, 3)


def test_after_the_maximum_the_task_is_failed_and_can_be_queued_again(db, settings):
    settings.TASK_BACKOFF_SCALE = 0
    result = jobs.flaky.enqueue("b", 5)
    drain()
    failed = row(result)
    assert (failed.status, len(failed.worker_ids), jobs.RUNS["b"]) == (TaskResultStatus.FAILED, 3, 3)
    assert queue_again(DBTaskResult.objects.filter(pk=result.id)) == 1
    again = row(result)
    assert (again.status, again.worker_ids) == (TaskResultStatus.READY, [])
    drain()  # three more attempts: runs 4 and 5 fail, run 6 succeeds
    assert (row(result).status, row(result).return_value) == (TaskResultStatus.SUCCESSFUL, 6)


def test_the_admin_shows_failed_tasks_in_vietnamese_and_queues_them_again(client, son, settings):
    settings.TASK_BACKOFF_SCALE = 0
    result = jobs.flaky.enqueue("c", 99)
    drain()
    client.force_login(son)
    page = client.get("/admin/workflow/queuedtask/?trang_thai=FAILED")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tác vụ thử nghiệm" in text and "Thất bại" in text and "RuntimeError" in text
    answer = client.post("/admin/workflow/queuedtask/", {"action": "queue_again", "_selected_action": [result.id]},
                         follow=True)
    assert "Đã đưa lại 1 tác vụ vào hàng đợi." in answer.content.decode()
    assert row(result).status == TaskResultStatus.READY


def test_the_task_admin_is_for_the_system_administrator_only(client, quan, dung):
    for person in (quan, dung):
        client.force_login(person)
        assert client.get("/admin/workflow/queuedtask/").status_code in (302, 403)


# --- crash recovery ---------------------------------------------------------------------------------------
def test_a_task_of_a_worker_that_stopped_beating_is_taken_over(db, settings):
    settings.WORKER_LEASE_SECONDS = 30
    lost = jobs.flaky.enqueue("lost", 0)
    busy = jobs.flaky.enqueue("busy", 0)
    dead, alive = Worker(worker_id="dead"), Worker(worker_id="alive")
    dead.claim()
    alive.claim()
    long_ago = timezone.now() - timedelta(minutes=5)
    DBTaskResult.objects.filter(pk__in=[lost.id, busy.id]).update(started_at=long_ago)
    WorkerBeat.objects.create(worker_id="dead", last_seen=long_ago)
    WorkerBeat.objects.create(worker_id="alive", last_seen=timezone.now())
    assert Worker(worker_id="third").reclaim_lost() == 1
    assert row(lost).status == TaskResultStatus.READY
    assert row(busy).status == TaskResultStatus.RUNNING  # its worker is alive: still its task
    drain()
    assert row(lost).status == TaskResultStatus.SUCCESSFUL


def test_a_task_that_keeps_killing_its_workers_fails_at_the_maximum(db, settings):
    result = jobs.flaky.enqueue("poison", 0)
    long_ago = timezone.now() - timedelta(minutes=5)
    for n in range(3):  # the policy's maximum
        Worker(worker_id=f"dead-{n}").claim()
        DBTaskResult.objects.filter(pk=result.id).update(started_at=long_ago)
        Worker(worker_id="watcher").reclaim_lost()
    assert row(result).status == TaskResultStatus.FAILED
    assert "dead-2" in row(result).traceback


# --- periodic tasks --------------------------------------------------------------------------------------------
def test_periodic_tasks_are_enqueued_once_per_period_across_workers(db, time_machine, settings):
    time_machine.move_to(timezone.now(), tick=False)
    settings.SWEEP_INTERVAL_SECONDS = settings.IOC_CATCH_UP_SECONDS = settings.AUDIT_CHECKPOINT_SECONDS = 300
    settings.EXPORT_EXPIRY_SECONDS = settings.SYNC_PUSH_SECONDS = settings.PAYMENT_RECONCILE_SECONDS = 300
    names = {p.name for p in periodic_tasks()}
    assert {"dossiers.sweep_deadlines", "fieldreports.escalate"} <= names
    first, second = Worker(worker_id="w1"), Worker(worker_id="w2")
    assert set(first.enqueue_due_periodic()) == names
    assert second.enqueue_due_periodic() == []
    time_machine.shift(timedelta(seconds=299))
    assert first.enqueue_due_periodic() == second.enqueue_due_periodic() == []
    time_machine.shift(timedelta(seconds=1))
    assert set(second.enqueue_due_periodic()) == names and first.enqueue_due_periodic() == []
    assert DBTaskResult.objects.count() == 2 * len(names)
    assert Schedule.objects.get(name="dossiers.sweep_deadlines").next_run_at == timezone.now() + timedelta(
        seconds=300)


def test_the_worker_command_runs_until_idle(permit, hoa, mailoutbox):
    dossier = actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    actions.receive(dossier, hoa)
    out = StringIO()
    call_command("worker", "--until-idle", "--no-schedule", "--interval", "0", stdout=out)
    assert "Đã thực hiện" in out.getvalue()
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert [m.to for m in mailoutbox] == [["lan@example.vn"]]


# --- the field-report chain, checked by the same command ----------------------------------------------
def verify(*args) -> str:
    out = StringIO()
    call_command("verify_events", *args, stdout=out)
    return out.getvalue()


def test_verify_events_checks_field_reports_and_names_the_first_broken_link(permit, hoa, lan, lighting_report):
    dossier = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    said = verify()
    assert "1 hồ sơ" in said and "1 phản ánh" in said and "chưa có điểm neo" in said
    event = ReportEvent.objects.get(report=lighting_report, seq=2)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE fieldreports_reportevent SET reason = %s WHERE id = %s", ["sửa lén", event.pk])
    with pytest.raises(CommandError, match="phản ánh .*sự kiện số 2"):
        verify()
    assert "nhật ký toàn vẹn" in verify("--dossier", dossier.code)
    with pytest.raises(CommandError):
        verify("--kind", "fieldreport", "--object", str(lighting_report.pk))
    with pytest.raises(CommandError, match="Không có loại đối tượng"):
        verify("--kind", "khac")
    with pytest.raises(CommandError, match="--object cần đi kèm --kind"):
        verify("--object", str(lighting_report.pk))
    with pytest.raises(CommandError, match="--dossier chỉ dùng với hồ sơ"):
        verify("--kind", "fieldreport", "--dossier", dossier.code)


@pytest.mark.parametrize(("column", "value", "named"), [
    ("status", "resolved", "trạng thái"), ("agency_id", None, "đơn vị xử lý"),
    ("description", "Đã sửa nội dung", ""), ("rating", 5, ""),
])
def test_a_field_report_row_edited_behind_the_engine_is_found(lighting_report, agency_b, column, value, named):
    value = agency_b.pk if column == "agency_id" else value
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE fieldreports_report SET {column} = %s WHERE id = %s", [value, lighting_report.pk])
    with pytest.raises(CommandError, match=f"phản ánh #{lighting_report.pk}: dòng dữ liệu đã bị sửa ngoài nhật ký"
                                           f"{f' .{named}' if named else ':'}"):
        verify()


def test_the_audit_checkpoint_covers_field_reports(lighting_report):
    from workflow import checkpoints

    line = checkpoints.write()
    assert line["machines"]["fieldreport"]["heads"] == [[lighting_report.pk, lighting_report.event_count,
                                                         lighting_report.last_event_hash]]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM fieldreports_reportevent WHERE report_id = %s AND seq = %s",
                       [lighting_report.pk, lighting_report.event_count])
    with pytest.raises(CommandError, match="mà điểm neo số 1 đã ghi nhận"):
        verify()


@pytest.fixture
def lighting_report(lan, agency_a, ioc):
    from fieldreports import actions as report_actions
    from fieldreports.models import Category, RoutingRule

    lighting = Category.objects.create(code="chieu-sang", name="Chiếu sáng công cộng")
    RoutingRule.objects.create(order=10, category=lighting, area_kind="province", agency=agency_a)
    return report_actions.submit_report(reporter=lan, category=lighting, description="Đèn hỏng", lat=16.47,
                                        long=107.59)
