"""The kernel's tables: the append-only event base every domain's log extends, and the
bookkeeping of the background worker (who is alive, when each periodic task is next due).

The task queue itself is django-tasks-db's table (DBTaskResult): a task enqueued inside a
transaction is a row of that transaction, so it is the outbox (workflow/outbox.py).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


class ChainedEvent(models.Model):
    """One action on one object, written once and never changed nor deleted.

    Each event carries its number in the object's log (`seq`), the hash of the previous
    event of the same object and its own keyed hash over `HASHED_FIELDS` and that link
    (workflow/chain.py), so changing, removing or reordering any event breaks every later
    link. The object keeps the tail (`event_count`, `last_event_hash`: ChainedObject).

    Subclasses set CHAIN_PARENT (the name of the foreign key to the object) and
    HASHED_FIELDS (attribute names, `_id` for foreign keys).
    """

    CHAIN_PARENT = ""
    HASHED_FIELDS: tuple[str, ...] = ()

    seq = models.PositiveIntegerField("số thứ tự")
    # Scoped by the engine to the machine, the actor and the object (workflow/engine.py).
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)
    # The object row's audited columns right after this event (workflow/chain.py `row_digest`).
    row_digest = models.CharField(max_length=80, blank=True)  # "<version>:" and 64 hex digits

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("events are append-only")

    @property
    def parent_id(self) -> int:
        return getattr(self, f"{self.CHAIN_PARENT}_id")


class ChainedObject(models.Model):
    """The tail of an object's event chain, kept with its projection."""

    event_count = models.PositiveIntegerField(default=0, editable=False)
    last_event_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


class WorkerBeat(models.Model):
    """A running worker says it is alive every few seconds. A task left RUNNING by a worker
    that stopped beating (killed, machine lost) is given to another one (workflow/worker.py)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "tiến trình nền"
        verbose_name_plural = "tiến trình nền"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"


class Schedule(models.Model):
    """When each periodic task (workflow/tasks.py `periodic`) is next due. Workers race for a
    due row with a conditional UPDATE; the one that wins enqueues the task, so a period runs
    once however many workers there are."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lịch tác vụ định kỳ"
        verbose_name_plural = "lịch tác vụ định kỳ"

    def __str__(self) -> str:
        return self.name


class QueuedTask(DBTaskResult):
    """The task queue (django-tasks-db's table) as the admin shows it, under this app."""

    class Meta:
        proxy = True
        verbose_name = "tác vụ nền"
        verbose_name_plural = "hàng đợi tác vụ nền"
        ordering = ["-enqueued_at"]
