"""The background worker: runs queued tasks, retries failures, recovers from crashes, and
enqueues the periodic tasks. Safe to run several at once, on one machine or many.

- A task is claimed under a row lock (`SKIP LOCKED` on PostgreSQL; SQLite has one writer),
  marked RUNNING with this worker's id, and run outside that transaction.
- A task that raises is put back in the queue after its back-off (workflow/tasks.py), until
  its maximum number of attempts; then it stays FAILED, visible and re-queueable in the admin.
- Every worker beats (WorkerBeat) from a side thread. A task left RUNNING by a worker that
  stopped beating — killed with -9, or its machine lost — goes back to the queue after
  WORKER_LEASE_SECONDS: a crash after commit loses no task. The task may thus run twice,
  which is why tasks are idempotent.
- Periodic tasks: the worker that wins a due Schedule row (a conditional UPDATE) enqueues
  the task, in the same transaction; every other worker sees the row already moved on.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskContext, TaskResultStatus
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from workflow.models import Schedule, WorkerBeat
from workflow.tasks import periodic_tasks, policy_for

logger = logging.getLogger(__name__)


def lease() -> timedelta:
    return timedelta(seconds=settings.WORKER_LEASE_SECONDS)


class Worker:
    def __init__(self, *, worker_id: str | None = None, queues: tuple[str, ...] = ("default",),
                 interval: float = 1.0, schedule: bool = True, backend: str = "default"):
        self.worker_id = worker_id or f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"
        self.queues, self.interval, self.schedule, self.backend = queues, interval, schedule, backend
        self.running = True
        self._stop_beating = threading.Event()
        self._last_reclaim = 0.0

    # --- the loop -----------------------------------------------------------------------
    def run(self, *, until_idle: bool = False, max_tasks: int | None = None) -> int:
        """Run tasks until stopped (SIGTERM / SIGINT), or until the queue is empty."""
        done = 0
        beater = threading.Thread(target=self._beat_forever, name="worker-beat", daemon=True)
        self._beat()
        beater.start()
        try:
            while self.running:
                if not connection.in_atomic_block:  # inside a caller's transaction (a test), keep it
                    close_old_connections()
                self.housekeeping()
                row = self.claim()
                if row is not None:
                    self.execute(row)
                    done += 1
                    if max_tasks is not None and done >= max_tasks:
                        break
                    continue
                if until_idle:
                    break
                time.sleep(self.interval)
        finally:
            self._stop_beating.set()
            beater.join(timeout=5)
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
        return done

    def stop(self, *_args) -> None:
        logger.info("worker %s: stopping after the current task", self.worker_id)
        self.running = False

    def install_signals(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)

    def housekeeping(self) -> None:
        if self.schedule:
            self.enqueue_due_periodic()
        if time.monotonic() - self._last_reclaim >= max(settings.WORKER_LEASE_SECONDS / 3, 0.5):
            self._last_reclaim = time.monotonic()
            self.reclaim_lost()

    # --- claiming and running -----------------------------------------------------------------
    def ready(self):
        return DBTaskResult.objects.ready().filter(backend_name=self.backend, queue_name__in=self.queues)

    def claim(self) -> DBTaskResult | None:
        with exclusive_transaction(DBTaskResult.objects.db):
            row = self.ready().get_locked()
            if row is not None:
                row.claim(self.worker_id)
        return row

    def execute(self, row: DBTaskResult) -> None:
        attempt = len(row.worker_ids)
        try:
            task = row.task
            result = row.task_result
            args, kwargs = result.args, result.kwargs
            if task.takes_context:
                value = task.call(TaskContext(task_result=result), *args, **kwargs)
            else:
                value = task.call(*args, **kwargs)
        except Exception as exc:
            # Whatever the task left half-done was rolled back with its own transaction.
            policy = policy_for(row.task_path)
            if attempt < policy.max_attempts:
                self._retry_later(row, exc, policy.delay(attempt))
                logger.warning("task %s (%s) failed on attempt %d/%d; retrying", row.id, row.task_path, attempt,
                               policy.max_attempts)
            else:
                row.set_failed(exc)
                logger.error("task %s (%s) failed for good after %d attempts", row.id, row.task_path, attempt)
            return
        row.set_successful(value)

    @staticmethod
    def _retry_later(row: DBTaskResult, exc: BaseException, delay: timedelta) -> None:
        row.status = TaskResultStatus.READY
        row.run_after = timezone.now() + delay
        row.exception_class_path = f"{type(exc).__module__}.{type(exc).__qualname__}"
        row.traceback = "".join(traceback.format_exception(exc))
        row.save(update_fields=["status", "run_after", "exception_class_path", "traceback"])

    # --- crash recovery -----------------------------------------------------------------------------
    def _beat(self) -> None:
        now = timezone.now()
        WorkerBeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"last_seen": now, "host": socket.gethostname()[:255], "pid": os.getpid()},
            create_defaults={"last_seen": now, "started_at": now, "host": socket.gethostname()[:255],
                             "pid": os.getpid()},
        )

    def _beat_forever(self) -> None:
        every = max(settings.WORKER_LEASE_SECONDS / 4, 0.25)
        try:
            while not self._stop_beating.wait(every):
                try:
                    self._beat()
                except Exception:  # a database blip must not kill the beat; the next one retries
                    logger.exception("worker %s: heartbeat failed", self.worker_id)
        finally:
            connection.close()

    def reclaim_lost(self) -> int:
        """Put back in the queue the tasks of workers that stopped beating. Returns how many."""
        now = timezone.now()
        alive = set(WorkerBeat.objects.filter(last_seen__gte=now - lease()).values_list("worker_id", flat=True))
        alive.add(self.worker_id)
        reclaimed = 0
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, backend_name=self.backend)
        for row in running.only("id", "worker_ids", "started_at", "task_path"):
            owner = row.worker_ids[-1] if row.worker_ids else ""
            if owner in alive or (row.started_at and row.started_at > now - lease()):
                continue
            policy = policy_for(row.task_path)
            lost = len(row.worker_ids) >= policy.max_attempts
            with transaction.atomic():
                changed = DBTaskResult.objects.filter(
                    pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
                ).update(
                    status=TaskResultStatus.FAILED if lost else TaskResultStatus.READY,
                    run_after=now, finished_at=now if lost else None,
                    exception_class_path="workflow.worker.WorkerLost",
                    traceback=f"Worker {owner} stopped while running this task (no heartbeat since "
                              f"{settings.WORKER_LEASE_SECONDS:g} s).",
                )
            if changed:
                reclaimed += 1
                logger.warning("task %s of lost worker %s %s", row.pk, owner, "failed" if lost else "re-queued")
        WorkerBeat.objects.filter(last_seen__lt=now - timedelta(days=1)).delete()
        return reclaimed

    # --- periodic tasks ----------------------------------------------------------------------------
    def enqueue_due_periodic(self) -> list[str]:
        now = timezone.now()
        enqueued = []
        for p in periodic_tasks():
            Schedule.objects.get_or_create(name=p.name, defaults={"next_run_at": now})
            with transaction.atomic():
                won = Schedule.objects.filter(name=p.name, next_run_at__lte=now).update(
                    next_run_at=now + timedelta(seconds=p.every()), last_enqueued_at=now)
                if won:
                    p.task.enqueue()
                    enqueued.append(p.name)
        return enqueued


def drain(*, max_tasks: int = 10_000) -> int:
    """Run every ready task now, in this process and on this connection (tests, commands)."""
    worker = Worker(worker_id=f"drain-{os.getpid()}", schedule=False)
    done = 0
    while done < max_tasks:
        row = worker.claim()
        if row is None:
            break
        worker.execute(row)
        done += 1
    return done
